//! Creating, changing, listing and trashing customers through the core API.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use stammkunde::customers::{self, CustomerId, CustomerInput, CustomerKind};
use stammkunde::{Error, Field, Issue, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 10, 30, 0).unwrap()
}

fn person(first: &str, last: &str) -> CustomerInput {
    CustomerInput {
        first_name: first.into(),
        last_name: last.into(),
        ..Default::default()
    }
}

fn fields_of(err: &Error) -> Vec<(Field, Issue)> {
    err.field_errors()
        .iter()
        .map(|f| (f.field, f.issue.clone()))
        .collect()
}

#[test]
fn create_then_get_round_trips_every_field() {
    let mut store = Store::open_in_memory().unwrap();
    let input = CustomerInput {
        number: String::new(),
        kind: CustomerKind::Person,
        first_name: "Hans".into(),
        last_name: "Müller".into(),
        firm_name: String::new(),
        street: "Hauptstraße 3".into(),
        postal_code: "50667".into(),
        city: "Köln".into(),
        country: "de".into(),
        phone: "+49 221 123456".into(),
        email: "hans@mueller.de".into(),
        birthday: "14.03.1961".into(),
        notes: "Zimmer 12, Sprudel in die Minibar".into(),
    };
    let created = customers::create(&mut store, &input, now()).unwrap();
    assert_eq!(created.number, "10001");
    assert_eq!(created.display_name, "Hans Müller");
    assert_eq!(created.country, "DE");
    assert_eq!(created.birthday, NaiveDate::from_ymd_opt(1961, 3, 14));
    assert_eq!(created.created_at, now());
    assert_eq!(created.trashed_at, None);
    assert_eq!(customers::get(&store, created.id).unwrap(), created);
}

#[test]
fn numbers_are_assigned_in_sequence_and_must_be_unique() {
    let mut store = Store::open_in_memory().unwrap();
    let a = customers::create(&mut store, &person("", "A"), now()).unwrap();
    let b = customers::create(&mut store, &person("", "B"), now()).unwrap();
    assert_eq!((a.number.as_str(), b.number.as_str()), ("10001", "10002"));

    let own = CustomerInput {
        number: "K-7".into(),
        ..person("", "C")
    };
    assert_eq!(
        customers::create(&mut store, &own, now()).unwrap().number,
        "K-7"
    );
    let jump = CustomerInput {
        number: "20000".into(),
        ..person("", "D")
    };
    customers::create(&mut store, &jump, now()).unwrap();
    assert_eq!(
        customers::create(&mut store, &person("", "E"), now())
            .unwrap()
            .number,
        "20001"
    );

    let taken = CustomerInput {
        number: "10002".into(),
        ..person("", "F")
    };
    let err = customers::create(&mut store, &taken, now()).unwrap_err();
    assert_eq!(fields_of(&err), vec![(Field::Number, Issue::AlreadyUsed)]);
    assert_eq!(
        customers::list(&store, None, 100).unwrap().total,
        5,
        "nothing written"
    );
}

#[test]
fn invalid_input_writes_nothing_and_names_the_fields() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = CustomerInput {
        email: "hans@".into(),
        birthday: "30.02.1990".into(),
        ..person("Hans", "")
    };
    let err = customers::create(&mut store, &bad, now()).unwrap_err();
    assert_eq!(
        fields_of(&err),
        vec![
            (Field::LastName, Issue::Required),
            (Field::Email, Issue::InvalidEmail),
            (Field::Birthday, Issue::InvalidDate),
        ]
    );
    let report = err.report(stammkunde::Lang::De);
    assert_eq!(
        report.message,
        "Bitte prüfen: Nachname, E-Mail, Geburtstag."
    );
    assert_eq!(report.fields.len(), 3);
    assert_eq!(customers::list(&store, None, 10).unwrap().total, 0);
}

#[test]
fn update_changes_fields_and_keeps_number_when_empty() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customers::create(&mut store, &person("Eva", "Schmidt"), now()).unwrap();
    let later = now() + Duration::hours(1);
    let changed = CustomerInput {
        kind: CustomerKind::Firm,
        firm_name: "Schmidt & Söhne GmbH".into(),
        city: "Berlin".into(),
        ..person("Eva", "Schmidt")
    };
    let updated = customers::update(&mut store, c.id, &changed, later).unwrap();
    assert_eq!(updated.number, c.number);
    assert_eq!(updated.display_name, "Schmidt & Söhne GmbH");
    assert_eq!(updated.city, "Berlin");
    assert_eq!(updated.created_at, now());
    assert_eq!(updated.updated_at, later);

    let other = customers::create(&mut store, &person("", "Other"), now()).unwrap();
    let clash = CustomerInput {
        number: other.number.clone(),
        ..changed.clone()
    };
    let err = customers::update(&mut store, c.id, &clash, later).unwrap_err();
    assert_eq!(fields_of(&err), vec![(Field::Number, Issue::AlreadyUsed)]);
    // Setting a customer's own number again is fine.
    let same = CustomerInput {
        number: c.number.clone(),
        ..changed
    };
    customers::update(&mut store, c.id, &same, later).unwrap();

    let missing = customers::update(&mut store, CustomerId(999), &person("", "X"), later);
    assert!(matches!(missing, Err(Error::NotFound { id: 999, .. })));
}

#[test]
fn list_pages_in_name_order_without_gaps_or_repeats() {
    let mut store = Store::open_in_memory().unwrap();
    let names = [
        "Zimmermann",
        "Müller",
        "Mueller",
        "Muller",
        "Abel",
        "Özdemir",
        "Ostermann",
        "Becker",
        "becker",
        "Weiß",
        "Weiss",
        "Schulz",
        "Schulze",
    ];
    for name in names {
        customers::create(&mut store, &person("", name), now()).unwrap();
    }
    let mut seen = Vec::new();
    let mut after = None;
    let mut pages = 0;
    loop {
        let page = customers::list(&store, after.as_ref(), 4).unwrap();
        assert_eq!(page.total, names.len() as u32);
        assert!(page.items.len() <= 4);
        seen.extend(page.items.into_iter().map(|c| c.display_name));
        pages += 1;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 4);
    assert_eq!(
        seen,
        [
            "Abel",
            "Becker",
            "becker",
            "Mueller",
            "Müller",
            "Muller",
            "Ostermann",
            "Özdemir",
            "Schulz",
            "Schulze",
            "Weiß",
            "Weiss",
            "Zimmermann"
        ]
    );
}

#[test]
fn list_rejects_a_page_size_out_of_range() {
    let store = Store::open_in_memory().unwrap();
    for bad in [0, customers::MAX_PAGE + 1] {
        let err = customers::list(&store, None, bad).unwrap_err();
        assert_eq!(
            fields_of(&err),
            vec![(Field::Limit, Issue::OutOfRange { min: 1, max: 500 })]
        );
    }
}

#[test]
fn trash_hides_and_restore_brings_back() {
    let mut store = Store::open_in_memory().unwrap();
    let a = customers::create(&mut store, &person("", "A"), now()).unwrap();
    customers::create(&mut store, &person("", "B"), now()).unwrap();

    let trashed = customers::trash(&mut store, a.id, now()).unwrap();
    assert_eq!(trashed.trashed_at, Some(now()));
    let page = customers::list(&store, None, 10).unwrap();
    assert_eq!(page.total, 1);
    assert!(page.items.iter().all(|c| c.id != a.id));
    assert_eq!(
        customers::get(&store, a.id).unwrap().trashed_at,
        Some(now())
    );

    let in_trash = customers::trashed(&store, 10).unwrap();
    assert_eq!(in_trash.len(), 1);
    assert_eq!(
        (in_trash[0].customer.id, in_trash[0].trashed_at),
        (a.id, now())
    );

    let restored = customers::restore(&mut store, a.id, now()).unwrap();
    assert_eq!(restored.trashed_at, None);
    assert_eq!(customers::list(&store, None, 10).unwrap().total, 2);
    assert!(customers::trashed(&store, 10).unwrap().is_empty());

    assert!(matches!(
        customers::trash(&mut store, CustomerId(42), now()),
        Err(Error::NotFound { id: 42, .. })
    ));
}

#[test]
fn data_checked_sets_the_last_verified_date() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customers::create(&mut store, &person("Eva", "Schmidt"), now()).unwrap();
    assert_eq!(c.last_verified, None);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let later = now() + Duration::hours(2);
    assert!(
        customers::details(&store, c.id, today)
            .unwrap()
            .verification_due
    );
    let checked = customers::mark_verified(&mut store, c.id, today, later).unwrap();
    assert!(!checked.verification_due);
    assert_eq!(checked.customer.last_verified, Some(today));
    assert_eq!(checked.customer.updated_at, later);
    let next_year = NaiveDate::from_ymd_opt(2027, 11, 22).unwrap();
    assert!(
        customers::details(&store, c.id, next_year)
            .unwrap()
            .verification_due
    );
    assert_eq!(
        customers::get(&store, c.id).unwrap().last_verified,
        Some(today)
    );
    // Editing keeps the date: a check is a statement about the data, not about the form.
    let edited = customers::update(&mut store, c.id, &person("Eva", "Schmitt"), later).unwrap();
    assert_eq!(edited.last_verified, Some(today));

    customers::trash(&mut store, c.id, later).unwrap();
    assert!(matches!(
        customers::mark_verified(&mut store, c.id, today, later),
        Err(Error::NotFound { .. })
    ));
}
