//! The demo shop: deterministic, plausible, only into an empty database.

use chrono::{TimeZone, Utc};
use stammkunde::customers;
use stammkunde::demo::{self, DemoOptions};
use stammkunde::timeline;
use stammkunde::{Error, Store};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap()
}

#[test]
fn the_default_shop_is_plausible_and_the_same_for_the_same_seed() {
    let mut a = Store::open_in_memory().unwrap();
    let summary = demo::load(&mut a, &DemoOptions::default(), now()).unwrap();
    assert_eq!(summary.customers, 300);
    // About 4 purchases a year over five years, minus late starters and lost customers.
    assert!((2_000..=8_000).contains(&summary.purchases), "{summary:?}");
    assert!(summary.interactions > 100, "{summary:?}");

    let mut b = Store::open_in_memory().unwrap();
    assert_eq!(
        demo::load(&mut b, &DemoOptions::default(), now()).unwrap(),
        summary
    );
    let first_a = customers::list(&a, None, 20).unwrap();
    let first_b = customers::list(&b, None, 20).unwrap();
    assert_eq!(first_a, first_b);
    assert_eq!(first_a.total, 300);

    let other = DemoOptions {
        seed: 7,
        ..Default::default()
    };
    let mut c = Store::open_in_memory().unwrap();
    demo::load(&mut c, &other, now()).unwrap();
    assert_ne!(customers::list(&c, None, 20).unwrap().items, first_a.items);
}

#[test]
fn demo_customers_have_histories_and_can_be_searched() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(
        &mut store,
        &DemoOptions {
            customers: 50,
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let everyone = customers::list(&store, None, 50).unwrap().items;
    let with_history = everyone
        .iter()
        .filter(|c| {
            !timeline::page(&store, c.id, None, 1)
                .unwrap()
                .entries
                .is_empty()
        })
        .count();
    assert!(
        with_history > 25,
        "{with_history} of 50 have purchases or contacts"
    );
    let someone = &everyone[17];
    let found = customers::search(&store, &someone.display_name, 50).unwrap();
    assert!(found.items.iter().any(|c| c.id == someone.id));
}

#[test]
fn refuses_a_database_that_already_has_customers() {
    let mut store = Store::open_in_memory().unwrap();
    let options = DemoOptions {
        customers: 5,
        ..Default::default()
    };
    demo::load(&mut store, &options, now()).unwrap();
    assert!(matches!(
        demo::load(&mut store, &options, now()),
        Err(Error::NotEmpty)
    ));
    assert_eq!(customers::list(&store, None, 50).unwrap().total, 5);
}
