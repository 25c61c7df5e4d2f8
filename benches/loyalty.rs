//! The loyalty program at scale: `cargo bench --bench loyalty`.
//!
//! On the demo shop of `cargo bench --bench scale` (100,000 customers, 2 million
//! purchases, at target/bench-scale.sqlite3; made here if missing) with the demo program
//! added when the file has none (two of three active buyers hold a card, with their
//! ledgers): the counter's lookups by card number, phone and name, a customer's account,
//! a redemption, the daily upkeep over every member, and the program report with its
//! chart. Figures go to docs/PERFORMANCE.md.

mod common;

use stammkunde::Clock;
use stammkunde::charts::ChartFormat;
use stammkunde::i18n::Lang;
use stammkunde::loyalty::shop::{self, RedeemInput};
use std::time::Instant;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    // The benchmark's one clock.
    let clock = Clock::system();
    let mut store = common::scale_shop(&clock);
    let today = clock.today();
    let report = shop::program_report(&store, today, 12).expect("report");
    if report.members == 0 {
        let start = Instant::now();
        let members =
            stammkunde::loyalty::demo::load_demo_program(&mut store, 2026, today, clock.now())
                .expect("program");
        println!(
            "demo program added: {members} card holders in {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    let report = shop::program_report(&store, today, 12).expect("report");
    println!(
        "{} members, {} active, {} points outstanding",
        report.members, report.active_members, report.outstanding
    );
    // A card holder with points, found by name, to look up as the counter would.
    let hits = shop::lookup(&store, "m", 100).expect("lookup");
    let hit = hits
        .iter()
        .find(|h| h.card_display.is_some() && h.balance >= 10)
        .expect("a card holder with points");
    let card = hit.card_display.clone().unwrap();
    let customer = hit.customer_id;
    let phone = stammkunde::customers::get(&store, customer)
        .expect("customer")
        .phone;
    for run in 1..=5 {
        let start = Instant::now();
        let by_card = shop::lookup(&store, &card, 20).expect("card");
        let card_ms = ms(start);
        assert_eq!(by_card.len(), 1);
        let start = Instant::now();
        let by_phone = shop::lookup(&store, &phone, 20).expect("phone");
        let phone_ms = ms(start);
        let start = Instant::now();
        let by_name = shop::lookup(&store, "müller", 20).expect("name");
        let name_ms = ms(start);
        let start = Instant::now();
        let account = shop::account(&mut store, customer, &clock).expect("account");
        let account_ms = ms(start);
        println!(
            "run {run}: lookup by card {card_ms:.1} ms, by phone {phone_ms:.1} ms ({} hits), by name {name_ms:.1} ms ({} hits); account {account_ms:.1} ms ({} entries)",
            by_phone.len(),
            by_name.len(),
            account.history.len()
        );
    }
    let start = Instant::now();
    let after = shop::redeem(
        &mut store,
        customer,
        &RedeemInput {
            points: "1".into(),
            identity_confirmed: true,
            ..Default::default()
        },
        &clock,
    )
    .expect("redeem");
    println!(
        "redeem 1 point: {:.1} ms (balance {})",
        ms(start),
        after.balance
    );
    // The upkeep runs once a day; here whether or not it ran today.
    let start = Instant::now();
    let upkeep = shop::run_upkeep(&mut store, &clock).expect("upkeep");
    println!(
        "daily upkeep over every member: {:.0} ms ({} accounts expired, {} birthday bonuses)",
        ms(start),
        upkeep.expired_accounts,
        upkeep.birthday_bonuses
    );
    for run in 1..=3 {
        let start = Instant::now();
        let report = shop::program_report(&store, today, 12).expect("report");
        let report_ms = ms(start);
        let start = Instant::now();
        let svg = shop::report_chart(&store, today, 12, Lang::De, ChartFormat::Svg).expect("chart");
        println!(
            "run {run}: report {report_ms:.0} ms ({} months), chart with its report {:.0} ms ({} KiB)",
            report.months.len(),
            ms(start),
            svg.len() / 1024
        );
    }
}
