//! The care plan at scale: `cargo bench --bench care`.
//!
//! On the demo shop of `cargo bench --bench scale` (100,000 customers, 2 million
//! purchases, 400,000 interactions, at target/bench-scale.sqlite3; made here if missing,
//! and analysed once so that matrix fields and purchase signals exist): today's agenda and
//! the early-warning list, each timed five times from the database to the finished list,
//! and the lost-customer statistics with their chart. The agenda holds the next steps the
//! table suggests and the demo's two new products (added here to a shop made before they
//! existed); a last run adds a new product for a whole category ("Zubehör", bought by
//! three in four customers) as the worst case. Figures go to docs/PERFORMANCE.md.

mod common;

use stammkunde::Clock;
use stammkunde::care::shop;
use stammkunde::charts::ChartFormat;
use stammkunde::i18n::Lang;
use std::time::Instant;

fn main() {
    // The benchmark's one clock.
    let clock = Clock::system();
    let mut store = common::scale_shop(&clock);
    let today = clock.today();
    // The purchase signals come with the value analysis: run it first.
    let start = Instant::now();
    stammkunde::value::shop::refresh(&mut store, &clock).expect("refresh");
    println!(
        "value analysis first (matrix fields, purchase signals): {:.2} s",
        start.elapsed().as_secs_f64()
    );
    if shop::new_products(&store, today)
        .expect("new products")
        .is_empty()
    {
        for input in stammkunde::care::news::demo_products(today) {
            shop::save_new_product(&mut store, None, &input, &clock).expect("new product");
        }
    }
    let kinds = |items: &[stammkunde::care::agenda::AgendaItem]| {
        use stammkunde::care::agenda::Occasion;
        let count = |f: fn(&Occasion) -> bool| items.iter().filter(|i| f(&i.occasion)).count();
        (
            count(|o| matches!(o, Occasion::Measure { .. })),
            count(|o| matches!(o, Occasion::NewProduct { .. })),
        )
    };
    for run in 1..=5 {
        let start = Instant::now();
        let agenda = shop::agenda(&store, 200, &clock).expect("agenda");
        let agenda_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let warnings = shop::warnings(&store, today, 200).expect("warnings");
        let warnings_ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "run {run}: agenda {agenda_ms:.0} ms ({} items, {} overdue, {} today) + early warning {warnings_ms:.0} ms ({} customers at risk) = {:.0} ms",
            agenda.total,
            agenda.overdue,
            agenda.due_today,
            warnings.total,
            agenda_ms + warnings_ms
        );
    }
    // The next steps are due a few days after the analysis, behind the overdue items of
    // a page: counted on every 100th customer's own agenda.
    let (mut steps, mut news, mut sampled) = (0, 0, 0);
    for id in (1..=100_000).step_by(100) {
        if let Ok(items) = shop::agenda_for(&store, stammkunde::customers::CustomerId(id), &clock) {
            let (s, n) = kinds(&items);
            (steps, news, sampled) = (steps + s, news + n, sampled + 1);
        }
    }
    println!(
        "of {sampled} sampled customers' agendas (every 100th): {steps} next steps (measures), {news} new-product occasions"
    );
    let worst = shop::save_new_product(
        &mut store,
        None,
        &stammkunde::care::news::NewProductInput {
            name: "Zubehör-Neuheit".into(),
            category: "Zubehör".into(),
            ..Default::default()
        },
        &clock,
    )
    .expect("a category product");
    for run in 1..=3 {
        let start = Instant::now();
        let agenda = shop::agenda(&store, 200, &clock).expect("agenda");
        println!(
            "with a product for a whole category, run {run}: agenda {:.0} ms ({} items)",
            start.elapsed().as_secs_f64() * 1000.0,
            agenda.total
        );
    }
    shop::delete_new_product(&mut store, worst.id).expect("delete");
    let start = Instant::now();
    let stats = shop::lost_stats(&store, today, 8).expect("stats");
    let stats_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let svg = shop::lost_chart(&store, today, 8, Lang::De, ChartFormat::Svg).expect("chart");
    println!(
        "lost customers: statistics {stats_ms:.0} ms ({} losses), chart with its statistics {:.0} ms ({} KiB SVG)",
        stats.customers,
        start.elapsed().as_secs_f64() * 1000.0,
        svg.len() / 1024
    );
}
