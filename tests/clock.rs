//! "Today" is the shop's local day. At 23:30 UTC it is already 00:30 (winter) or 01:30
//! (summer) of the next day in Berlin: a purchase, a contact, an imported row or a merge
//! dated that local day is accepted, one dated the day after is refused.
//!
//! Before the one clock, the core took its day from the UTC instant and refused these
//! records as "in the future" for the first hour or two of every day.

use stammkunde::contacts::{self, ContactInput};
use stammkunde::customers::{self, CustomerId, CustomerInput};
use stammkunde::interactions::{self, InteractionInput};
use stammkunde::io::import::{self, ImportOptions};
use stammkunde::io::table::{self, FileFormat};
use stammkunde::merges::{self, MergeField, MergeInput};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Clock, Error, Field, Issue, Lang, Store};
use std::sync::atomic::AtomicBool;

mod common;

/// 23:30 UTC on a winter day and on a summer day, with the local day after it.
fn late_evenings() -> [(Clock, &'static str, &'static str, &'static str); 2] {
    [
        (
            common::utc_in_berlin(2026, 1, 14, 23, 30),
            "00:30",
            "15.01.2026",
            "16.01.2026",
        ),
        (
            common::utc_in_berlin(2026, 7, 14, 23, 30),
            "01:30",
            "15.07.2026",
            "16.07.2026",
        ),
    ]
}

fn customer(store: &mut Store, last: &str, since: &str, clock: &Clock) -> CustomerId {
    let input = CustomerInput {
        last_name: last.into(),
        customer_since: since.into(),
        ..Default::default()
    };
    customers::create(store, &input, clock).unwrap().id
}

fn refused(result: Result<impl std::fmt::Debug, Error>, field: Field) {
    let err = result.unwrap_err();
    let issues: Vec<(Field, Issue)> = err
        .field_errors()
        .iter()
        .map(|f| (f.field, f.issue.clone()))
        .collect();
    assert_eq!(issues, [(field, Issue::DateInFuture)], "{err:?}");
}

#[test]
fn the_clock_reads_the_local_time() {
    for (clock, local, today, _) in late_evenings() {
        assert_eq!(clock.local().format("%H:%M").to_string(), local);
        assert_eq!(clock.today().format("%d.%m.%Y").to_string(), today);
    }
}

#[test]
fn a_purchase_dated_the_local_today_is_accepted_tomorrow_refused() {
    for (clock, _, today, tomorrow) in late_evenings() {
        let mut store = common::store();
        let anna = customer(&mut store, "Meier", "", &clock);
        let purchase = |date: &str| TransactionInput {
            date: date.into(),
            amount: "1.000,00".into(),
            ..Default::default()
        };
        let added = transactions::add(&mut store, anna, &purchase(today), &clock).unwrap();
        assert_eq!(added.date, clock.today());
        assert_eq!(added.amount_cents, 100_000);
        refused(
            transactions::add(&mut store, anna, &purchase(tomorrow), &clock),
            Field::Date,
        );
    }
}

#[test]
fn a_contact_dated_the_local_today_is_accepted_tomorrow_refused() {
    for (clock, local, today, tomorrow) in late_evenings() {
        let mut store = common::store();
        let anna = customer(&mut store, "Meier", "", &clock);
        let call = |at: String| InteractionInput {
            at,
            summary: "Nach der Reparatur gefragt".into(),
            ..Default::default()
        };
        let logged =
            interactions::add(&mut store, anna, &call(format!("{today} {local}")), &clock).unwrap();
        assert_eq!(logged.at, clock.local());
        refused(
            interactions::add(&mut store, anna, &call(format!("{tomorrow} 00:10")), &clock),
            Field::At,
        );

        // A contact person born today (a firm's newest employee, say) likewise.
        let person = |birthday: &str| ContactInput {
            name: "Erika Muster".into(),
            birthday: birthday.into(),
            ..Default::default()
        };
        contacts::add(&mut store, anna, &person(today), &clock).unwrap();
        refused(
            contacts::add(&mut store, anna, &person(tomorrow), &clock),
            Field::Birthday,
        );
    }
}

#[test]
fn imported_rows_dated_the_local_today_are_accepted_tomorrow_refused() {
    for (clock, _, today, tomorrow) in late_evenings() {
        let mut store = common::store();
        customer(&mut store, "Meier", "", &clock);
        let number = customers::list(&store, None, 1).unwrap().items[0]
            .number
            .clone();

        let purchases = |date: &str| {
            let csv = format!("Kundennummer;Datum;Betrag\r\n{number};{date};1.000,00\r\n");
            table::read(csv.as_bytes(), FileFormat::Csv).unwrap()
        };
        let done = import::import_purchases(&mut store, &purchases(today), false, Lang::De, &clock);
        assert_eq!(done.unwrap(), Ok(1));
        let problems =
            import::import_purchases(&mut store, &purchases(tomorrow), false, Lang::De, &clock)
                .unwrap()
                .unwrap_err();
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.line, p.field))
                .collect::<Vec<_>>(),
            [(2, Field::Date)]
        );

        let customers = |since: &str| {
            let csv = format!("Nachname;Kunde seit\r\nSchulz;{since}\r\n");
            table::read(csv.as_bytes(), FileFormat::Csv).unwrap()
        };
        let import_all = |store: &mut Store, table: &table::Table| {
            let mapping = import::mapping_for(store, &table.headers).unwrap();
            import::import_customers(
                store,
                table,
                &mapping,
                ImportOptions::default(),
                &mut |_, _| {},
                &AtomicBool::new(false),
                &clock,
            )
        };
        assert_eq!(
            import_all(&mut store, &customers(today)).unwrap().imported,
            1
        );
        assert!(matches!(
            import_all(&mut store, &customers(tomorrow)),
            Err(Error::Import(_))
        ));
    }
}

#[test]
fn a_merge_taking_the_local_today_is_accepted_tomorrow_refused() {
    for (clock, _, today, tomorrow) in late_evenings() {
        let mut store = common::store();
        let merge = |store: &mut Store, survivor, merged| {
            let input = MergeInput {
                survivor,
                merged,
                take: vec![MergeField::CustomerSince],
            };
            merges::merge(store, &input, &clock)
        };
        let a = customer(&mut store, "Meier", "", &clock);
        let b = customer(&mut store, "Meier", today, &clock);
        let outcome = merge(&mut store, a, b).unwrap();
        assert_eq!(outcome.survivor.customer_since, Some(clock.today()));

        // A record written a day later (the laptop's clock was ahead, say) cannot pass
        // its "customer since" of tomorrow on in a merge made today.
        let c = customer(&mut store, "Huber", "", &clock);
        let next_day = clock.advanced(chrono::Duration::days(1));
        let d = customer(&mut store, "Huber", tomorrow, &next_day);
        refused(merge(&mut store, c, d), Field::CustomerSince);
    }
}
