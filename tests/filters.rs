//! The customer list's filters, sort orders and saved filters; employees.

use chrono::Duration;
use common::clock;
use stammkunde::customers::{
    self, CustomerFilter, CustomerInput, CustomerKind, CustomerSort, CustomerStatus,
};
use stammkunde::employees;
use stammkunde::{Error, Field, Issue, Store};

mod common;

fn names(store: &Store, filter: &CustomerFilter) -> Vec<String> {
    customers::browse(store, filter, None, 100, clock().today())
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect()
}

/// Five customers; the one created first is the oldest.
fn shop() -> (Store, employees::Employee) {
    let mut store = Store::open_in_memory().unwrap();
    let anna = employees::create(&mut store, "Anna Berger", &clock()).unwrap();
    let people = [
        ("Hans", "Müller", "Köln", "14.03.1961", vec!["VIP"], "10007"),
        (
            "Eva",
            "Schmidt",
            "Berlin",
            "02.03.",
            vec!["vip", "Golf"],
            "9",
        ),
        ("Jürgen", "Öztürk", "köln", "", vec![], "10010"),
        ("Zoe", "Adler", "Aachen", "30.11.1990", vec!["Golf"], "K-1"),
    ];
    for (i, (first, last, city, birthday, tags, number)) in people.into_iter().enumerate() {
        let input = CustomerInput {
            number: number.into(),
            first_name: first.into(),
            last_name: last.into(),
            city: city.into(),
            birthday: birthday.into(),
            tags: tags.into_iter().map(String::from).collect(),
            employee_id: (i % 2 == 0).then_some(anna.id),
            status: if last == "Schmidt" {
                CustomerStatus::Lost
            } else {
                CustomerStatus::Active
            },
            ..Default::default()
        };
        customers::create(
            &mut store,
            &input,
            &clock().advanced(Duration::minutes(i as i64)),
        )
        .unwrap();
    }
    let firm = CustomerInput {
        number: "100".into(),
        kind: CustomerKind::Firm,
        firm_name: "Bäckerei Brot & Co".into(),
        city: "Berlin".into(),
        ..Default::default()
    };
    let firm =
        customers::create(&mut store, &firm, &clock().advanced(Duration::minutes(9))).unwrap();
    customers::mark_verified(&mut store, firm.id, &clock()).unwrap();
    (store, anna)
}

#[test]
fn filters_combine_and_count() {
    let (store, anna) = shop();
    let by = |f: CustomerFilter| names(&store, &f);
    assert_eq!(
        by(CustomerFilter {
            tag: "VIP".into(),
            ..Default::default()
        }),
        vec!["Hans Müller", "Eva Schmidt"],
        "tags match in any case"
    );
    assert_eq!(
        by(CustomerFilter {
            city: "KÖLN".into(),
            ..Default::default()
        }),
        Vec::<String>::new(),
        "NOCASE folds ASCII only; the menu offers the cities as written"
    );
    assert_eq!(
        by(CustomerFilter {
            city: "Köln".into(),
            ..Default::default()
        }),
        vec!["Hans Müller", "Jürgen Öztürk"],
        "\"köln\" and \"Köln\" are one city"
    );
    assert_eq!(
        by(CustomerFilter {
            employee_id: Some(anna.id),
            ..Default::default()
        }),
        vec!["Hans Müller", "Jürgen Öztürk"]
    );
    assert_eq!(
        by(CustomerFilter {
            birthday_month: Some(3),
            ..Default::default()
        }),
        vec!["Hans Müller", "Eva Schmidt"],
        "with and without the year"
    );
    assert_eq!(
        by(CustomerFilter {
            status: Some(CustomerStatus::Lost),
            ..Default::default()
        }),
        vec!["Eva Schmidt"]
    );
    let unchecked = CustomerFilter {
        not_verified: true,
        ..Default::default()
    };
    assert_eq!(
        customers::browse(&store, &unchecked, None, 100, clock().today())
            .unwrap()
            .total,
        4,
        "the firm was just checked"
    );
    let combined = CustomerFilter {
        tag: "golf".into(),
        status: Some(CustomerStatus::Active),
        ..Default::default()
    };
    let page = customers::browse(&store, &combined, None, 100, clock().today()).unwrap();
    assert_eq!(
        (page.total, page.items[0].display_name.as_str()),
        (1, "Zoe Adler")
    );

    let searched = CustomerFilter {
        query: "koeln".into(),
        employee_id: Some(anna.id),
        ..Default::default()
    };
    let page = customers::browse(&store, &searched, None, 100, clock().today()).unwrap();
    assert_eq!(page.total, 2, "search and filter together");
}

#[test]
fn every_sort_order_pages_without_gaps() {
    let (store, _) = shop();
    for (sort, expected) in [
        (
            CustomerSort::Name,
            vec![
                "Zoe Adler",
                "Bäckerei Brot & Co",
                "Hans Müller",
                "Jürgen Öztürk",
                "Eva Schmidt",
            ],
        ),
        (
            CustomerSort::Number,
            vec![
                "Eva Schmidt",
                "Bäckerei Brot & Co",
                "Zoe Adler",
                "Hans Müller",
                "Jürgen Öztürk",
            ],
        ),
        (
            CustomerSort::City,
            vec![
                "Zoe Adler",
                "Bäckerei Brot & Co",
                "Eva Schmidt",
                "Hans Müller",
                "Jürgen Öztürk",
            ],
        ),
        (
            CustomerSort::Newest,
            vec![
                "Bäckerei Brot & Co",
                "Zoe Adler",
                "Jürgen Öztürk",
                "Eva Schmidt",
                "Hans Müller",
            ],
        ),
    ] {
        let filter = CustomerFilter {
            sort,
            ..Default::default()
        };
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page =
                customers::browse(&store, &filter, after.as_ref(), 2, clock().today()).unwrap();
            assert_eq!(page.total, 5);
            seen.extend(page.items.into_iter().map(|c| c.display_name));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, expected, "{sort:?}");
    }
}

#[test]
fn filter_menus_offer_cities_and_tags_in_use() {
    let (store, _) = shop();
    let options = customers::filter_options(&store).unwrap();
    assert_eq!(options.cities[0], "Berlin");
    assert_eq!(options.cities.len(), 3, "Köln once: {:?}", options.cities);
    assert_eq!(options.tags.len(), 2);
    assert!(options.tags.iter().any(|t| t.eq_ignore_ascii_case("vip")));
}

#[test]
fn saved_filters_round_trip_and_replace_by_name() {
    let (mut store, _) = shop();
    let march = CustomerFilter {
        birthday_month: Some(3),
        ..Default::default()
    };
    let saved = customers::save_filter(&mut store, " Geburtstage März ", &march, &clock()).unwrap();
    assert_eq!(saved.name, "Geburtstage März");
    let april = CustomerFilter {
        birthday_month: Some(4),
        ..Default::default()
    };
    let replaced =
        customers::save_filter(&mut store, "geburtstage märz", &april, &clock()).unwrap();
    assert_eq!(replaced.id, saved.id);
    let all = customers::saved_filters(&store).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].filter, april);

    let err = customers::save_filter(&mut store, " ", &march, &clock()).unwrap_err();
    assert_eq!(err.field_errors()[0].field, Field::FilterName);
    let bad_month = CustomerFilter {
        birthday_month: Some(13),
        ..Default::default()
    };
    let err = customers::save_filter(&mut store, "x", &bad_month, &clock()).unwrap_err();
    assert_eq!(err.field_errors()[0].field, Field::BirthdayMonth);
    assert_eq!(customers::saved_filters(&store).unwrap().len(), 1);

    customers::delete_saved_filter(&mut store, saved.id).unwrap();
    assert!(customers::saved_filters(&store).unwrap().is_empty());
    assert!(matches!(
        customers::delete_saved_filter(&mut store, saved.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn employees_have_unique_names_and_can_be_deactivated() {
    let mut store = Store::open_in_memory().unwrap();
    let anna = employees::create(&mut store, "Anna Berger", &clock()).unwrap();
    let ben = employees::create(&mut store, "Ben Kurz", &clock()).unwrap();
    let err = employees::create(&mut store, " anna berger ", &clock()).unwrap_err();
    assert_eq!(err.field_errors()[0].issue, Issue::NameTaken);
    let err = employees::create(&mut store, "", &clock()).unwrap_err();
    assert_eq!(err.field_errors()[0].issue, Issue::Required);
    employees::update(&mut store, anna.id, "Anna Berger-Klein", false).unwrap();
    let list = employees::list(&store).unwrap();
    assert_eq!(
        list.iter()
            .map(|e| (e.name.as_str(), e.active))
            .collect::<Vec<_>>(),
        vec![("Ben Kurz", true), ("Anna Berger-Klein", false)]
    );
    let err = employees::update(&mut store, ben.id, "Anna Berger-Klein", true).unwrap_err();
    assert_eq!(err.field_errors()[0].issue, Issue::NameTaken);
}
