//! Survey results at scale: `cargo bench --bench surveys`.
//!
//! 50,000 random complete responses to the shipped "Zufriedenheit nach dem Kauf" template
//! over two years, in memory: the results (NPS, CSAT, per question, per month), timed five
//! times; then the same responses written to a database file (one transaction each, as
//! the kiosk does) and the results read from the store, timed five times. Figures go to
//! docs/PERFORMANCE.md.

use chrono::{Duration, NaiveDate};
use chrono::{TimeZone, Utc};
use rand::{Rng, SeedableRng};
use stammkunde::Clock;
use stammkunde::Store;
use stammkunde::surveys::answers::{Answer, Response, results};
use stammkunde::surveys::shop::{self, Respondent};
use stammkunde::surveys::template::shipped;
use std::time::Instant;

fn main() {
    let template = shipped().remove(0);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
    let start = NaiveDate::from_ymd_opt(2024, 12, 1).expect("day");
    let responses: Vec<Response> = (0..50_000)
        .map(|_| Response {
            on: start + Duration::days(rng.random_range(0..730)),
            complete: true,
            answers: vec![
                Answer::Score(rng.random_range(0..=10)),
                Answer::Score(rng.random_range(1..=5)),
                Answer::Score(rng.random_range(1..=5)),
                if rng.random_bool(0.3) {
                    Answer::Text("Sehr freundliche Beratung, gerne wieder".into())
                } else {
                    Answer::Skipped
                },
            ],
        })
        .collect();
    for run in 1..=5 {
        let t = Instant::now();
        let r = results(&template, &responses);
        println!(
            "run {run}: results of {} responses in {:.1} ms (NPS {:.1}, CSAT {:.1} %, {} months)",
            r.responses,
            t.elapsed().as_secs_f64() * 1000.0,
            r.nps.unwrap_or(0.0),
            r.csat.unwrap_or(0.0),
            r.trend.len()
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("surveys.sqlite3")).expect("open");
    let id = shop::templates(&store)
        .expect("templates")
        .into_iter()
        .find(|t| t.template.title.de == template.title.de)
        .expect("shipped template")
        .id;
    let now = Clock::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
        chrono::FixedOffset::east_opt(3600).unwrap(),
    );
    let t = Instant::now();
    for r in &responses {
        let who = Respondent {
            customer: None,
            interaction: None,
            kiosk: true,
        };
        shop::submit(&mut store, id, who, &r.answers, true, &now.on(r.on)).expect("submit");
    }
    println!(
        "50,000 responses submitted one by one in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    for run in 1..=5 {
        let t = Instant::now();
        let r = shop::results(&store, id, start).expect("results");
        println!(
            "run {run}: results read from the store and worked out in {:.1} ms ({} responses, NPS {:.1})",
            t.elapsed().as_secs_f64() * 1000.0,
            r.responses,
            r.nps.unwrap_or(0.0)
        );
    }
}
