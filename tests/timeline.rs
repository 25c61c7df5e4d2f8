//! Purchases and interactions on a customer's timeline, through the core API.

use common::clock;
use stammkunde::customers::{self, CustomerId, CustomerInput};
use stammkunde::interactions::{self, Channel, Direction, InteractionInput};
use stammkunde::timeline::{self, TimelineEntry};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Error, Field, Issue, Store};

mod common;

fn customer(store: &mut Store, name: &str) -> CustomerId {
    let input = CustomerInput {
        last_name: name.into(),
        ..Default::default()
    };
    customers::create(store, &input, &clock()).unwrap().id
}

fn purchase(date: &str, amount: &str) -> TransactionInput {
    TransactionInput {
        date: date.into(),
        amount: amount.into(),
        ..Default::default()
    }
}

fn call(at: &str, summary: &str) -> InteractionInput {
    InteractionInput {
        at: at.into(),
        summary: summary.into(),
        ..Default::default()
    }
}

fn labels(entries: &[TimelineEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| match e {
            TimelineEntry::Purchase(t) => format!("{} {}", t.date, t.amount_cents),
            TimelineEntry::Interaction(i) => format!("{} {}", i.at.format("%F %H:%M"), i.summary),
            TimelineEntry::Survey(r) => format!("{} {}", r.on, r.title.de),
            TimelineEntry::Step(s) => format!("{} {}", s.at.format("%F %H:%M"), s.measure_name),
        })
        .collect()
}

#[test]
fn purchases_and_calls_share_one_timeline_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let hans = customer(&mut store, "Müller");
    let other = customer(&mut store, "Schulz");

    let t = transactions::add(
        &mut store,
        hans,
        &purchase("14.11.2026", "1.234,56"),
        &clock(),
    )
    .unwrap();
    assert_eq!(
        (t.amount_cents, t.discount_cents, t.quantity),
        (123_456, 0, 1)
    );
    let visit = InteractionInput {
        channel: Channel::Visit,
        direction: Direction::Inbound,
        complaint: true,
        ..call("20.11.2026 16:45", "Reklamation Navi")
    };
    let i = interactions::add(&mut store, hans, &visit, &clock()).unwrap();
    assert_eq!(
        (i.channel, i.direction, i.complaint),
        (Channel::Visit, Direction::Inbound, true)
    );
    interactions::add(
        &mut store,
        hans,
        &call("17.11.2026 09:30", "Nachfrage"),
        &clock(),
    )
    .unwrap();
    transactions::add(&mut store, hans, &purchase("2026-11-20", "49,90"), &clock()).unwrap();
    transactions::add(&mut store, other, &purchase("21.11.2026", "5"), &clock()).unwrap();

    let page = timeline::page(&store, hans, None, 50).unwrap();
    assert_eq!(
        labels(&page.entries),
        [
            "2026-11-20 16:45 Reklamation Navi",
            "2026-11-20 4990",
            "2026-11-17 09:30 Nachfrage",
            "2026-11-14 123456"
        ]
    );
    assert_eq!(page.next, None);
}

#[test]
fn pages_have_no_gaps_or_repeats_even_when_entries_arrive_in_between() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customer(&mut store, "Becker");
    for day in 1..=9 {
        transactions::add(
            &mut store,
            c,
            &purchase(&format!("{day:02}.11.2026"), "10"),
            &clock(),
        )
        .unwrap();
        let at = format!("{day:02}.11.2026 12:00");
        interactions::add(&mut store, c, &call(&at, &format!("Anruf {day}")), &clock()).unwrap();
    }
    let first = timeline::page(&store, c, None, 5).unwrap();
    // A new entry, newer than everything, must not shift the following pages.
    transactions::add(&mut store, c, &purchase("22.11.2026", "99"), &clock()).unwrap();
    let mut seen = labels(&first.entries);
    let mut after = first.next;
    while let Some(cursor) = after {
        let page = timeline::page(&store, c, Some(&cursor), 5).unwrap();
        seen.extend(labels(&page.entries));
        after = page.next;
    }
    assert_eq!(seen.len(), 18);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(seen, sorted, "newest first, no repeats");
    sorted.dedup();
    assert_eq!(sorted.len(), 18);
}

#[test]
fn invalid_entries_name_the_field_and_write_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customer(&mut store, "Weiß");
    let err =
        transactions::add(&mut store, c, &purchase("20.11.2026", "-5,00"), &clock()).unwrap_err();
    assert!(
        matches!(&err, Error::Validation(f) if f[0].field == Field::Amount && f[0].issue == Issue::Negative)
    );
    assert_eq!(
        err.report(stammkunde::Lang::De).message,
        "Bitte prüfen: Betrag."
    );

    let err = interactions::add(&mut store, c, &call("", ""), &clock()).unwrap_err();
    let fields: Vec<Field> = err.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, [Field::At, Field::Summary]);
    assert!(
        timeline::page(&store, c, None, 10)
            .unwrap()
            .entries
            .is_empty()
    );
}

#[test]
fn trashed_or_unknown_customers_take_no_entries() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customer(&mut store, "Alt");
    customers::trash(&mut store, c, &clock()).unwrap();
    let err = transactions::add(&mut store, c, &purchase("20.11.2026", "5"), &clock()).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    let err = interactions::add(
        &mut store,
        CustomerId(999),
        &call("20.11.2026 10:00", "x"),
        &clock(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::NotFound { id: 999, .. }));
    assert!(matches!(
        timeline::page(&store, CustomerId(999), None, 10),
        Err(Error::NotFound { .. })
    ));
    assert!(timeline::page(&store, c, None, 0).is_err());
}
