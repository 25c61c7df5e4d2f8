//! Survey results at scale: `cargo bench --bench surveys`.
//!
//! 50,000 random complete responses to the shipped "Zufriedenheit nach dem Kauf" template
//! over two years, in memory: the results (NPS, CSAT, per question, per month), timed five
//! times. The store's read of the responses is not in this figure yet (the survey storage
//! comes next). Figures go to docs/PERFORMANCE.md.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use stammkunde::surveys::answers::{Answer, Response, results};
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
}
