//! Creating, changing, listing and trashing customers through the core API.

use chrono::{Duration, NaiveDate};
use stammkunde::Clock;
use stammkunde::customers::{
    self, Customer, CustomerId, CustomerInput, CustomerKind, CustomerStatus, Salutation,
};
use stammkunde::employees;
use stammkunde::interactions::Channel;
use stammkunde::soft_facts::{AddressForm, Labeled, PartialDate, QuietTimeInput, RelationInput};
use stammkunde::{Error, Field, Issue, Store};

mod common;

/// The moment these tests run at.
fn clock() -> Clock {
    common::utc_in_berlin(2026, 11, 22, 10, 30)
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
    let anna = employees::create(&mut store, "Anna Berger", &clock()).unwrap();
    let input = CustomerInput {
        number: String::new(),
        kind: CustomerKind::Person,
        salutation: Salutation::Mr,
        title: "Dr.".into(),
        first_name: "Hans".into(),
        last_name: "Müller".into(),
        firm_name: String::new(),
        street: "Hauptstraße 3".into(),
        postal_code: "50667".into(),
        city: "Köln".into(),
        country: "de".into(),
        phone: "+49 221 123456".into(),
        email: "hans@mueller.de".into(),
        other_phones: vec![Labeled {
            label: "Mobil".into(),
            value: "0171 2345678".into(),
        }],
        other_emails: vec![Labeled {
            label: "Büro".into(),
            value: "h.mueller@praxis.de".into(),
        }],
        industry: "Zahnarztpraxis".into(),
        company_size: "12".into(),
        annual_revenue: "1.250.000".into(),
        customer_since: "01.04.2015".into(),
        employee_id: Some(anna.id),
        tags: vec!["VIP".into(), " Stammtisch ".into(), "vip".into()],
        status: CustomerStatus::Active,
        birthday: "14.03.1961".into(),
        partner_name: "Gisela".into(),
        partner_birthday: "02.08.".into(),
        relations: vec![RelationInput {
            name: "Lea".into(),
            relation: "Enkelin".into(),
            birthday: "2015-05-03".into(),
        }],
        preferred_channels: vec![Channel::Phone, Channel::Email, Channel::Phone],
        quiet_times: vec![QuietTimeInput {
            weekdays: vec![5, 1, 1],
            from: "12".into(),
            to: "14:30".into(),
        }],
        peak_months: vec![12, 3, 12],
        address_form: AddressForm::Sie,
        closeness: Some(4),
        interests: vec!["Golf".into(), "Rotwein".into()],
        preferences: vec![Labeled {
            label: "Zimmer".into(),
            value: "12, Sprudel in die Minibar".into(),
        }],
        notes: "Kommt immer mit dem Hund".into(),
    };
    let created = customers::create(&mut store, &input, &clock()).unwrap();
    assert_eq!(created.number, "10001");
    assert_eq!(created.display_name, "Hans Müller");
    assert_eq!(created.salutation, Salutation::Mr);
    assert_eq!(created.title, "Dr.");
    assert_eq!(created.country, "DE");
    assert_eq!(created.other_phones[0].value, "0171 2345678");
    assert_eq!(created.other_emails[0].label, "Büro");
    assert_eq!(created.industry, "Zahnarztpraxis");
    assert_eq!(created.company_size, Some(12));
    assert_eq!(created.annual_revenue_cents, Some(125_000_000));
    assert_eq!(created.customer_since, NaiveDate::from_ymd_opt(2015, 4, 1));
    assert_eq!(created.employee_id, Some(anna.id));
    assert_eq!(
        created.tags,
        vec!["Stammtisch", "VIP"],
        "trimmed, once, sorted"
    );
    assert_eq!(created.birthday, PartialDate::new(14, 3, Some(1961)));
    assert_eq!(created.partner_name, "Gisela");
    assert_eq!(created.partner_birthday, PartialDate::new(2, 8, None));
    assert_eq!(
        created.relations[0].birthday,
        PartialDate::new(3, 5, Some(2015))
    );
    assert_eq!(
        created.preferred_channels,
        vec![Channel::Phone, Channel::Email]
    );
    assert_eq!(created.quiet_times[0].weekdays, vec![1, 5]);
    assert_eq!(
        (
            created.quiet_times[0].from.as_str(),
            created.quiet_times[0].to.as_str()
        ),
        ("12:00", "14:30")
    );
    assert_eq!(created.peak_months, vec![3, 12]);
    assert_eq!(created.address_form, AddressForm::Sie);
    assert_eq!(created.closeness, Some(4));
    assert_eq!(created.interests, vec!["Golf", "Rotwein"]);
    assert_eq!(created.preferences[0].value, "12, Sprudel in die Minibar");
    assert_eq!(created.created_at, clock().now());
    assert_eq!(created.trashed_at, None);
    assert_eq!(customers::get(&store, created.id).unwrap(), created);

    let today = clock().today();
    let details = customers::details(&store, created.id, today).unwrap();
    assert_eq!(details.employee_name.as_deref(), Some("Anna Berger"));
    let partner = details.next_partner_birthday.unwrap();
    assert_eq!(
        (partner.date, partner.turns),
        (NaiveDate::from_ymd_opt(2027, 8, 2).unwrap(), None)
    );
    let own = details.next_birthday.unwrap();
    assert_eq!((own.days, own.turns), (112, Some(66)));
    assert_eq!(
        details.next_relation_birthdays[0].map(|b| b.turns),
        Some(Some(12))
    );

    // A stored customer turned back into input (what a merge starts from) saves as the
    // same customer.
    let later = clock().advanced(Duration::hours(1));
    let again = customers::update(
        &mut store,
        created.id,
        &customers::input_of(&created),
        &later,
    )
    .unwrap();
    assert_eq!(
        again,
        Customer {
            updated_at: later.now(),
            ..created
        }
    );
}

#[test]
fn soft_fact_lists_report_the_row_with_the_problem() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = CustomerInput {
        other_phones: vec![
            Labeled {
                label: "Mobil".into(),
                value: "0171 2345678".into(),
            },
            Labeled {
                label: "Fax".into(),
                value: "abc".into(),
            },
        ],
        relations: vec![RelationInput {
            name: String::new(),
            relation: "Sohn".into(),
            birthday: "31.04.".into(),
        }],
        quiet_times: vec![QuietTimeInput {
            weekdays: vec![1],
            from: "14:00".into(),
            to: "12:00".into(),
        }],
        partner_birthday: "01.01.2099".into(),
        closeness: Some(9),
        employee_id: None,
        ..person("Hans", "Müller")
    };
    let err = customers::create(&mut store, &bad, &clock()).unwrap_err();
    let rows: Vec<(Field, Option<u32>, Issue)> = err
        .field_errors()
        .iter()
        .map(|f| (f.field, f.row, f.issue.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Field::PartnerBirthday, None, Issue::DateInFuture),
            (Field::Closeness, None, Issue::OutOfRange { min: 1, max: 5 }),
            (Field::OtherPhones, Some(1), Issue::InvalidPhone),
            (Field::Relations, Some(0), Issue::Required),
            (Field::Relations, Some(0), Issue::InvalidDate),
            (Field::QuietTimes, Some(0), Issue::EndBeforeStart),
        ]
    );
    assert_eq!(
        err.report(stammkunde::Lang::De).message,
        "Bitte prüfen: Geburtstag Partner/in, Nähe, Weitere Telefonnummern (Zeile 2), \
         Weitere Angehörige (Zeile 1), Weitere Angehörige (Zeile 1), Bitte nicht kontaktieren (Zeile 1)."
    );
    assert_eq!(
        customers::list(&store, None, 10).unwrap().total,
        0,
        "nothing written"
    );

    // An employee id that does not exist is refused inside the write, naming the field.
    let ghost = CustomerInput {
        employee_id: Some(stammkunde::employees::EmployeeId(99)),
        ..person("Hans", "Müller")
    };
    let err = customers::create(&mut store, &ghost, &clock()).unwrap_err();
    assert_eq!(fields_of(&err), vec![(Field::Employee, Issue::Unknown)]);
    assert_eq!(
        customers::list(&store, None, 10).unwrap().total,
        0,
        "nothing written"
    );
}

#[test]
fn numbers_are_assigned_in_sequence_and_must_be_unique() {
    let mut store = Store::open_in_memory().unwrap();
    let a = customers::create(&mut store, &person("", "A"), &clock()).unwrap();
    let b = customers::create(&mut store, &person("", "B"), &clock()).unwrap();
    assert_eq!((a.number.as_str(), b.number.as_str()), ("10001", "10002"));

    let own = CustomerInput {
        number: "K-7".into(),
        ..person("", "C")
    };
    assert_eq!(
        customers::create(&mut store, &own, &clock())
            .unwrap()
            .number,
        "K-7"
    );
    let jump = CustomerInput {
        number: "20000".into(),
        ..person("", "D")
    };
    customers::create(&mut store, &jump, &clock()).unwrap();
    assert_eq!(
        customers::create(&mut store, &person("", "E"), &clock())
            .unwrap()
            .number,
        "20001"
    );

    let taken = CustomerInput {
        number: "10002".into(),
        ..person("", "F")
    };
    let err = customers::create(&mut store, &taken, &clock()).unwrap_err();
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
    let err = customers::create(&mut store, &bad, &clock()).unwrap_err();
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
    let c = customers::create(&mut store, &person("Eva", "Schmidt"), &clock()).unwrap();
    let later = clock().advanced(Duration::hours(1));
    let changed = CustomerInput {
        kind: CustomerKind::Firm,
        firm_name: "Schmidt & Söhne GmbH".into(),
        city: "Berlin".into(),
        ..person("Eva", "Schmidt")
    };
    let updated = customers::update(&mut store, c.id, &changed, &later).unwrap();
    assert_eq!(updated.number, c.number);
    assert_eq!(updated.display_name, "Schmidt & Söhne GmbH");
    assert_eq!(updated.city, "Berlin");
    assert_eq!(updated.created_at, clock().now());
    assert_eq!(updated.updated_at, later.now());

    let other = customers::create(&mut store, &person("", "Other"), &clock()).unwrap();
    let clash = CustomerInput {
        number: other.number.clone(),
        ..changed.clone()
    };
    let err = customers::update(&mut store, c.id, &clash, &later).unwrap_err();
    assert_eq!(fields_of(&err), vec![(Field::Number, Issue::AlreadyUsed)]);
    // Setting a customer's own number again is fine.
    let same = CustomerInput {
        number: c.number.clone(),
        ..changed
    };
    customers::update(&mut store, c.id, &same, &later).unwrap();

    let missing = customers::update(&mut store, CustomerId(999), &person("", "X"), &later);
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
        customers::create(&mut store, &person("", name), &clock()).unwrap();
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
    let a = customers::create(&mut store, &person("", "A"), &clock()).unwrap();
    customers::create(&mut store, &person("", "B"), &clock()).unwrap();

    let trashed = customers::trash(&mut store, a.id, &clock()).unwrap();
    assert_eq!(trashed.trashed_at, Some(clock().now()));
    let page = customers::list(&store, None, 10).unwrap();
    assert_eq!(page.total, 1);
    assert!(page.items.iter().all(|c| c.id != a.id));
    assert_eq!(
        customers::get(&store, a.id).unwrap().trashed_at,
        Some(clock().now())
    );

    let in_trash = customers::trashed(&store, 10).unwrap();
    assert_eq!(in_trash.len(), 1);
    assert_eq!(
        (in_trash[0].customer.id, in_trash[0].trashed_at),
        (a.id, clock().now())
    );

    let restored = customers::restore(&mut store, a.id, &clock()).unwrap();
    assert_eq!(restored.trashed_at, None);
    assert_eq!(customers::list(&store, None, 10).unwrap().total, 2);
    assert!(customers::trashed(&store, 10).unwrap().is_empty());

    assert!(matches!(
        customers::trash(&mut store, CustomerId(42), &clock()),
        Err(Error::NotFound { id: 42, .. })
    ));
}

#[test]
fn data_checked_sets_the_last_verified_date() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customers::create(&mut store, &person("Eva", "Schmidt"), &clock()).unwrap();
    assert_eq!(c.last_verified, None);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let later = clock().advanced(Duration::hours(2));
    assert!(
        customers::details(&store, c.id, today)
            .unwrap()
            .verification_due
    );
    let checked = customers::mark_verified(&mut store, c.id, &later).unwrap();
    assert!(!checked.verification_due);
    assert_eq!(checked.customer.last_verified, Some(today));
    assert_eq!(checked.customer.updated_at, later.now());
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
    let edited = customers::update(&mut store, c.id, &person("Eva", "Schmitt"), &later).unwrap();
    assert_eq!(edited.last_verified, Some(today));

    customers::trash(&mut store, c.id, &later).unwrap();
    assert!(matches!(
        customers::mark_verified(&mut store, c.id, &later),
        Err(Error::NotFound { .. })
    ));
}
