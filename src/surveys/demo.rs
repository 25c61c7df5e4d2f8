//! The demo shop's survey answers: customers who bought in the last 14 months answered
//! now and then in the kiosk, on the day of the purchase (most linked, some anonymous), a
//! few as partial; happier customers give higher scores and kinder comments. Checked
//! against the templates like any kiosk answer, written in one transaction.

use super::answers::{Answer, check_response};
use super::response::{NewResponse, Source};
use super::template::QuestionKind;
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Months, NaiveDate, Utc};

const MONTHS: u32 = 14;
/// One purchase in this many gets a response.
const EVERY: u32 = 9;

const PRAISE: &[&str] = &[
    "Sehr freundliche und kompetente Beratung, vielen Dank!",
    "Wie immer top. Ich komme gern wieder.",
    "Die Reparatur ging schneller als versprochen.",
    "Schön, dass man hier noch persönlich beraten wird.",
    "Alles bestens, gerne weiter so.",
];
const MIXED: &[&str] = &[
    "Gute Beratung, aber die Wartezeit an der Kasse war lang.",
    "Das gewünschte Modell war leider nicht vorrätig.",
    "Preise könnten etwas günstiger sein.",
];
const COMPLAINTS: &[&str] = &[
    "Die Ware war beschädigt, der Umtausch hat lange gedauert.",
    "Niemand hatte Zeit für mich, ich habe zehn Minuten gewartet.",
    "Der Rückruf, der mir versprochen wurde, kam nie.",
];

/// Writes the demo responses; returns how many.
pub fn load_demo_surveys(
    store: &mut Store,
    seed: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u32> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5u64 << 40);
    let templates = store.survey_templates()?;
    let Some((after_purchase, template)) = templates
        .iter()
        .find(|(_, t)| t.questions.first().map(|q| &q.kind) == Some(&QuestionKind::Nps))
        .cloned()
    else {
        return Ok(0);
    };
    let start = today
        .checked_sub_months(Months::new(MONTHS))
        .unwrap_or(today);
    let purchases = store.demo_purchases(start)?;
    let mut out = Vec::new();
    for (customer, _, on, ..) in purchases {
        if rng.random_range(0..EVERY) != 0 {
            continue;
        }
        // Each customer has a mood of their own: most are content, a few are not.
        let mood = ((customer.0.wrapping_mul(2_654_435_761) >> 7) % 100) as f64 / 100.0;
        let base = 5.5 + mood * 5.0 + rng.random_range(-1.5..1.5);
        let nps = base.round().clamp(0.0, 10.0) as u8;
        let rating = |rng: &mut rand_chacha::ChaCha8Rng| {
            (1.0 + (base / 10.0) * 4.0 + rng.random_range(-0.8..0.8))
                .round()
                .clamp(1.0, 5.0) as u8
        };
        let comment = if rng.random_bool(0.3) {
            let list = match nps {
                9..=10 => PRAISE,
                6..=8 => MIXED,
                _ => COMPLAINTS,
            };
            Answer::Text(list[rng.random_range(0..list.len())].to_owned())
        } else {
            Answer::Skipped
        };
        let mut answers = vec![
            Answer::Score(nps),
            Answer::Score(rating(&mut rng)),
            Answer::Score(rating(&mut rng)),
            comment,
        ];
        let complete = !rng.random_bool(0.06);
        if !complete {
            answers[1] = Answer::Skipped;
            answers[2] = Answer::Skipped;
            answers[3] = Answer::Skipped;
        }
        check_response(&template, &answers, complete)?;
        out.push(NewResponse {
            template: after_purchase,
            customer: (!rng.random_bool(0.3)).then_some(customer),
            interaction: None,
            source: Source::Kiosk,
            complete,
            on,
            answers,
        });
    }
    store.insert_demo_responses(&out, now)
}
