//! Contacts at a customer firm: create, read, update, remove, and found by the search.

use common::clock;
use stammkunde::contacts::{self, ContactId, ContactInput};
use stammkunde::customers::{self, CustomerInput, CustomerKind};
use stammkunde::{Error, Field, Store};

mod common;

fn firm(store: &mut Store) -> customers::CustomerId {
    let input = CustomerInput {
        kind: CustomerKind::Firm,
        firm_name: "Autohaus Becker KG".into(),
        city: "Essen".into(),
        ..Default::default()
    };
    customers::create(store, &input, &clock()).unwrap().id
}

fn contact(name: &str, role: &str) -> ContactInput {
    ContactInput {
        name: name.into(),
        role: role.into(),
        ..Default::default()
    }
}

#[test]
fn contacts_round_trip_in_name_order() {
    let mut store = Store::open_in_memory().unwrap();
    let c = firm(&mut store);
    let jana = contacts::add(
        &mut store,
        c,
        &ContactInput {
            phone: "0201 776655-12".into(),
            email: "j.becker@example.com".into(),
            birthday: "02.09.1984".into(),
            ..contact("Jana Becker", "Geschäftsführung")
        },
        &clock(),
    )
    .unwrap();
    contacts::add(&mut store, c, &contact("Ali Demir", "Werkstatt"), &clock()).unwrap();
    let names: Vec<String> = contacts::list(&store, c)
        .unwrap()
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert_eq!(names, ["Ali Demir", "Jana Becker"]);
    assert_eq!(jana.birthday, chrono::NaiveDate::from_ymd_opt(1984, 9, 2));

    let changed = contacts::update(
        &mut store,
        jana.id,
        &contact("Jana Becker-Lang", "Einkauf"),
        &clock(),
    )
    .unwrap();
    assert_eq!(
        (changed.name.as_str(), changed.role.as_str()),
        ("Jana Becker-Lang", "Einkauf")
    );
    assert_eq!(changed.email, "", "an update replaces every field");

    let removed = contacts::remove(&mut store, jana.id, &clock()).unwrap();
    assert_eq!(removed.name, "Jana Becker-Lang");
    assert_eq!(contacts::list(&store, c).unwrap().len(), 1);
    assert!(matches!(
        contacts::remove(&mut store, jana.id, &clock()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        contacts::update(&mut store, ContactId(999), &contact("X", ""), &clock()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn invalid_contacts_are_refused_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let c = firm(&mut store);
    let bad = ContactInput {
        email: "becker@".into(),
        ..contact("", "")
    };
    let err = contacts::add(&mut store, c, &bad, &clock()).unwrap_err();
    let fields: Vec<Field> = err.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::Name, Field::Email]);
    assert!(contacts::list(&store, c).unwrap().is_empty());

    customers::trash(&mut store, c, &clock()).unwrap();
    assert!(matches!(
        contacts::add(&mut store, c, &contact("Jana", ""), &clock()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_search_finds_a_firm_by_its_contacts() {
    let mut store = Store::open_in_memory().unwrap();
    let c = firm(&mut store);
    let search = |store: &Store, q: &str| {
        customers::search(store, q, 10)
            .unwrap()
            .items
            .into_iter()
            .map(|i| i.id)
            .collect::<Vec<_>>()
    };
    assert!(search(&store, "jürgen").is_empty());
    let k = contacts::add(
        &mut store,
        c,
        &contact("Jürgen Weiß", "Werkstattleiter"),
        &clock(),
    )
    .unwrap();
    assert_eq!(search(&store, "juergen"), [c]);
    assert_eq!(search(&store, "werkstattleiter"), [c]);
    contacts::update(
        &mut store,
        k.id,
        &contact("Jürgen Weiß", "Einkauf"),
        &clock(),
    )
    .unwrap();
    assert!(search(&store, "werkstattleiter").is_empty());
    contacts::remove(&mut store, k.id, &clock()).unwrap();
    assert!(search(&store, "jürgen").is_empty());
    assert_eq!(
        search(&store, "becker"),
        [c],
        "the firm itself stays findable"
    );
}
