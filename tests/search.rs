//! Full-text search over customers: umlauts, prefixes, phone numbers, notes, the trash.

use common::clock;
use stammkunde::customers::{self, CustomerId, CustomerInput, CustomerKind};
use stammkunde::{Error, Store};

mod common;

fn add(store: &mut Store, input: CustomerInput) -> CustomerId {
    customers::create(store, &input, &clock()).unwrap().id
}

fn names(store: &Store, query: &str) -> Vec<String> {
    customers::search(store, query, 50)
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect()
}

fn shop() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    add(
        &mut store,
        CustomerInput {
            first_name: "Hans".into(),
            last_name: "Müller".into(),
            city: "Köln".into(),
            phone: "0221 / 123-456".into(),
            notes: "Zimmer 12, Sprudel in der Minibar".into(),
            ..Default::default()
        },
    );
    add(
        &mut store,
        CustomerInput {
            first_name: "Jürgen".into(),
            last_name: "Weiß".into(),
            city: "München".into(),
            email: "j.weiss@example.de".into(),
            ..Default::default()
        },
    );
    add(
        &mut store,
        CustomerInput {
            kind: CustomerKind::Firm,
            firm_name: "Bäckerei Schmitz GmbH".into(),
            city: "Bonn".into(),
            ..Default::default()
        },
    );
    add(
        &mut store,
        CustomerInput {
            first_name: "Anna".into(),
            last_name: "Muller".into(),
            city: "Köln".into(),
            ..Default::default()
        },
    );
    store
}

#[test]
fn umlauts_are_found_however_they_are_typed() {
    let store = shop();
    for query in ["Müller", "muller", "MUELLER", "mül", "mue"] {
        let found = names(&store, query);
        assert!(
            found.contains(&"Hans Müller".to_owned()),
            "{query}: {found:?}"
        );
    }
    assert_eq!(names(&store, "weiss"), ["Jürgen Weiß"]);
    assert_eq!(names(&store, "Weiß"), ["Jürgen Weiß"]);
    assert_eq!(names(&store, "backerei"), ["Bäckerei Schmitz GmbH"]);
    assert_eq!(names(&store, "baeckerei"), ["Bäckerei Schmitz GmbH"]);
}

#[test]
fn every_word_must_match_somewhere() {
    let store = shop();
    let mut both = names(&store, "muller köln");
    both.sort();
    assert_eq!(both, ["Anna Muller", "Hans Müller"]);
    assert_eq!(names(&store, "hans köln"), ["Hans Müller"]);
    assert!(names(&store, "hans bonn").is_empty());
    assert_eq!(customers::search(&store, "köln", 50).unwrap().total, 2);
}

#[test]
fn finds_by_notes_number_phone_and_email() {
    let store = shop();
    assert_eq!(names(&store, "minibar"), ["Hans Müller"]);
    assert_eq!(
        names(&store, "0221123"),
        ["Hans Müller"],
        "digits typed without separators"
    );
    assert_eq!(names(&store, "0221 123"), ["Hans Müller"]);
    assert_eq!(names(&store, "10002"), ["Jürgen Weiß"]);
    assert_eq!(names(&store, "j.weiss@example"), ["Jürgen Weiß"]);
}

#[test]
fn the_index_follows_updates_and_the_trash() {
    let mut store = shop();
    let id = customers::search(&store, "schmitz", 5).unwrap().items[0].id;
    let renamed = CustomerInput {
        kind: CustomerKind::Firm,
        firm_name: "Konditorei Schmitz".into(),
        city: "Bonn".into(),
        ..Default::default()
    };
    customers::update(&mut store, id, &renamed, &clock()).unwrap();
    assert!(names(&store, "bäckerei").is_empty());
    assert_eq!(names(&store, "konditorei"), ["Konditorei Schmitz"]);

    customers::trash(&mut store, id, &clock()).unwrap();
    assert!(names(&store, "konditorei").is_empty());
    customers::restore(&mut store, id, &clock()).unwrap();
    assert_eq!(names(&store, "konditorei"), ["Konditorei Schmitz"]);
}

#[test]
fn fts_syntax_in_the_query_is_just_text() {
    let store = shop();
    for query in ["\"", "hans OR", "NEAR(hans", "*", "müller)", "a:b", "-hans"] {
        assert!(customers::search(&store, query, 10).is_ok(), "{query}");
    }
    assert_eq!(names(&store, "-hans"), ["Hans Müller"]);
}

#[test]
fn an_empty_query_lists_everyone_in_name_order() {
    let store = shop();
    assert_eq!(
        names(&store, "  "),
        [
            "Bäckerei Schmitz GmbH",
            "Anna Muller",
            "Hans Müller",
            "Jürgen Weiß"
        ]
    );
    assert!(matches!(
        customers::search(&store, "x", 0),
        Err(Error::Validation(_))
    ));
}

#[test]
fn finds_customers_by_soft_facts_tags_and_further_numbers() {
    use stammkunde::soft_facts::{Labeled, RelationInput};
    let mut store = Store::open_in_memory().unwrap();
    let id = add(
        &mut store,
        CustomerInput {
            last_name: "Brandt".into(),
            partner_name: "Gisela".into(),
            tags: vec!["Weinclub".into()],
            interests: vec!["Segeln".into()],
            other_phones: vec![Labeled {
                label: "Mobil".into(),
                value: "0171 / 55 44 33".into(),
            }],
            preferences: vec![Labeled {
                label: "Getränk".into(),
                value: "Grüner Tee".into(),
            }],
            relations: vec![RelationInput {
                name: "Lea".into(),
                relation: "Enkelin".into(),
                birthday: String::new(),
            }],
            ..Default::default()
        },
    );
    for query in [
        "gisela",
        "weinclub",
        "segeln",
        "01715544",
        "gruner tee",
        "enkelin lea",
    ] {
        let page = customers::search(&store, query, 10).unwrap();
        assert_eq!(
            page.items.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![id],
            "{query}"
        );
    }
    // Removing the tag takes it out of the index.
    let mut input = CustomerInput {
        last_name: "Brandt".into(),
        ..Default::default()
    };
    input.tags.clear();
    customers::update(&mut store, id, &input, &clock()).unwrap();
    assert_eq!(customers::search(&store, "weinclub", 10).unwrap().total, 0);
}
