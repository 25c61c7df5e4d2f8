//! The demo shop: deterministic, plausible, only into an empty database.

use stammkunde::Clock;
use stammkunde::customers;
use stammkunde::demo::{self, DemoOptions};
use stammkunde::timeline;
use stammkunde::{Error, Store};

mod common;

/// The moment these tests run at.
fn clock() -> Clock {
    common::utc_in_berlin(2026, 11, 22, 8, 0)
}

#[test]
fn the_default_shop_is_plausible_and_the_same_for_the_same_seed() {
    let mut a = Store::open_in_memory().unwrap();
    let summary = demo::load(&mut a, &DemoOptions::default(), &clock()).unwrap();
    assert_eq!(summary.customers, 300);
    // About 4 purchases a year over five years, minus late starters and lost customers.
    assert!((2_000..=8_000).contains(&summary.purchases), "{summary:?}");
    assert!(summary.interactions > 100, "{summary:?}");

    let mut b = Store::open_in_memory().unwrap();
    assert_eq!(
        demo::load(&mut b, &DemoOptions::default(), &clock()).unwrap(),
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
    demo::load(&mut c, &other, &clock()).unwrap();
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
        &clock(),
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
    demo::load(&mut store, &options, &clock()).unwrap();
    assert!(matches!(
        demo::load(&mut store, &options, &clock()),
        Err(Error::NotEmpty)
    ));
    assert_eq!(customers::list(&store, None, 50).unwrap().total, 5);
}

#[test]
fn the_demo_shop_has_soft_facts_staff_and_firm_contacts() {
    use stammkunde::customers::{CustomerFilter, CustomerKind, CustomerStatus};
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store, &DemoOptions::default(), &clock()).unwrap();
    let staff = stammkunde::employees::list(&store).unwrap();
    assert_eq!(staff.len(), 3);

    let everyone = customers::list(&store, None, 500).unwrap().items;
    let full: Vec<_> = everyone
        .iter()
        .map(|c| customers::get(&store, c.id).unwrap())
        .collect();
    let count = |f: &dyn Fn(&customers::Customer) -> bool| full.iter().filter(|c| f(c)).count();
    let people = count(&|c| c.kind == CustomerKind::Person);
    assert!(count(&|c| c.birthday.is_some_and(|b| b.year.is_none())) > 30);
    assert!(count(&|c| c.birthday.is_some_and(|b| b.year.is_some())) > 60);
    assert!(count(&|c| !c.partner_name.is_empty()) > people / 3);
    assert!(count(&|c| c.partner_birthday.is_some()) > 30);
    assert!(count(&|c| !c.relations.is_empty()) > 20);
    assert!(count(&|c| !c.preferred_channels.is_empty()) > 120);
    assert!(count(&|c| !c.quiet_times.is_empty()) > 10);
    assert!(count(&|c| !c.preferences.is_empty()) > 30);
    assert!(count(&|c| !c.tags.is_empty()) > 50);
    assert!(count(&|c| c.employee_id.is_some()) > 150);
    assert!(count(&|c| c.customer_since.is_some()) == 300);
    let lost = count(&|c| c.status == CustomerStatus::Lost);
    assert!((20..=80).contains(&lost), "{lost}");

    let firms: Vec<_> = full
        .iter()
        .filter(|c| c.kind == CustomerKind::Firm)
        .collect();
    assert!(firms.iter().all(|f| !f.industry.is_empty()));
    let contacts: usize = firms
        .iter()
        .map(|f| stammkunde::contacts::list(&store, f.id).unwrap().len())
        .sum();
    // One to three contacts each: 1.5 or more on average.
    assert!(
        2 * contacts >= 3 * firms.len(),
        "{contacts} for {}",
        firms.len()
    );

    // The filters find them.
    let vip = CustomerFilter {
        tag: "VIP".into(),
        ..Default::default()
    };
    let page = customers::browse(&store, &vip, None, 500, clock().today()).unwrap();
    assert_eq!(
        page.total as usize,
        count(&|c| c.tags.iter().any(|t| t == "VIP"))
    );
}

#[test]
fn a_few_demo_customers_were_entered_twice_and_the_finder_finds_them() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store, &DemoOptions::default(), &clock()).unwrap();
    let pairs = stammkunde::duplicates::find(&store, 100).unwrap();
    // About 2 % of some 240 private customers; every pair is one person twice: the same
    // phone number (typed without spaces the second time).
    assert!((2..=10).contains(&pairs.len()), "{} pairs", pairs.len());
    for pair in &pairs {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        assert_eq!(
            digits(&pair.first.phone),
            digits(&pair.second.phone),
            "{pair:?}"
        );
        assert!(pair.score >= 90, "{pair:?}");
    }
}

#[test]
fn the_demo_shop_runs_a_loyalty_program_that_keeps_its_rules() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store, &DemoOptions::default(), &clock()).unwrap();
    let today = clock().today();
    let report = stammkunde::loyalty::shop::program_report(&store, today, 12).unwrap();
    // Two of three active customers who bought in the program's time hold a card.
    assert!((100..=250).contains(&report.members), "{report:?}");
    assert!(
        report.active_members > 0 && report.redeemed > 0 && report.expired > 0,
        "{report:?}"
    );
    // Every card holder's history is a valid ledger: never below zero, balance = sum.
    let page = customers::list(&store, None, 300).unwrap();
    let mut holders = 0;
    for c in &page.items {
        let account = stammkunde::loyalty::shop::account(&mut store, c.id, &clock()).unwrap();
        if account.member.is_none() {
            assert!(account.history.is_empty());
            continue;
        }
        holders += 1;
        assert!(account.history.iter().all(|e| e.balance_after >= 0));
        assert_eq!(
            account.balance,
            account.history.iter().map(|e| e.points).sum::<i64>()
        );
    }
    assert_eq!(holders, report.members);
}

#[test]
fn the_demo_shop_has_survey_answers_with_believable_figures() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store, &DemoOptions::default(), &clock()).unwrap();
    let templates = stammkunde::surveys::shop::templates(&store).unwrap();
    let after_purchase = templates
        .iter()
        .find(|t| t.template.title.de == "Zufriedenheit nach dem Kauf")
        .unwrap();
    let from = clock().today() - chrono::Duration::days(500);
    let r = stammkunde::surveys::shop::results(&store, after_purchase.id, from).unwrap();
    assert_eq!(r.responses, after_purchase.responses);
    assert!(
        (40..=600).contains(&r.responses),
        "{} responses",
        r.responses
    );
    assert!(r.complete < r.responses, "a few partial ones");
    let nps = r.nps.unwrap();
    assert!((-20.0..=80.0).contains(&nps), "NPS {nps}");
    let counts = r.nps_counts;
    assert!(counts.promoters > 0 && counts.passives > 0 && counts.detractors > 0);
    assert!(r.trend.len() >= 12, "{} months", r.trend.len());
    let comments =
        stammkunde::surveys::shop::comments(&store, after_purchase.id, from, 1000).unwrap();
    assert!(
        comments.iter().any(|c| c.customer.is_none()),
        "some anonymous"
    );
    assert!(comments.iter().any(|c| c.customer.is_some()), "some linked");
}
