//! Answers to a template's questions, checked against the question, and the results of
//! many responses: NPS and CSAT over the whole survey, counts and averages per question,
//! a trend per month, and the comments.

use super::results::{NpsCounts, RatingCounts};
use super::template::{Question, QuestionKind, Template};
use crate::error::{Error, Field, FieldError, Issue, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "type", content = "value")]
pub enum Answer {
    /// Not answered (allowed for optional questions, and in partial responses).
    Skipped,
    /// 0–10 for NPS, 1–5 for a rating.
    Score(u8),
    /// The chosen options (indices); one for a single choice.
    Choices(Vec<u32>),
    Text(String),
}

pub const MAX_ANSWER_TEXT: usize = 2_000;

/// Checks an answer against its question.
pub fn check(question: &Question, answer: &Answer) -> std::result::Result<(), Issue> {
    match (&question.kind, answer) {
        (_, Answer::Skipped) if question.required => Err(Issue::Required),
        (_, Answer::Skipped) => Ok(()),
        (QuestionKind::Nps, Answer::Score(s)) if *s <= 10 => Ok(()),
        (QuestionKind::Rating { .. }, Answer::Score(s)) if (1..=5).contains(s) => Ok(()),
        (QuestionKind::Nps | QuestionKind::Rating { .. }, Answer::Score(_)) => Err(Issue::Invalid),
        (QuestionKind::SingleChoice { options }, Answer::Choices(c)) => (c.len() == 1
            && (c[0] as usize) < options.len())
        .then_some(())
        .ok_or(Issue::Invalid),
        (QuestionKind::MultipleChoice { options }, Answer::Choices(c)) => {
            let valid = c.iter().all(|i| (*i as usize) < options.len());
            let unique = c.iter().enumerate().all(|(k, i)| !c[..k].contains(i));
            match (c.is_empty(), valid && unique) {
                (true, _) if question.required => Err(Issue::Required),
                (_, true) => Ok(()),
                _ => Err(Issue::Invalid),
            }
        }
        (QuestionKind::ShortText | QuestionKind::LongText, Answer::Text(t)) => {
            if t.trim().is_empty() && question.required {
                Err(Issue::Required)
            } else if t.chars().count() > MAX_ANSWER_TEXT {
                Err(Issue::TooLong {
                    max: MAX_ANSWER_TEXT as u32,
                })
            } else {
                Ok(())
            }
        }
        _ => Err(Issue::Invalid),
    }
}

/// Checks a whole response: one answer per question; `complete` responses answer every
/// required question. Errors name the question's row.
pub fn check_response(template: &Template, answers: &[Answer], complete: bool) -> Result<()> {
    if answers.len() != template.questions.len() {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Questions,
            Issue::Invalid,
        )]));
    }
    let errors: Vec<FieldError> = template
        .questions
        .iter()
        .zip(answers)
        .enumerate()
        .filter_map(|(row, (q, a))| {
            let skipped_in_partial = !complete && *a == Answer::Skipped;
            match check(q, a) {
                Err(Issue::Required) if skipped_in_partial => None,
                Err(issue) => Some(FieldError::at(Field::Questions, row, issue)),
                Ok(()) => None,
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// A stored response, as the results read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub on: NaiveDate,
    pub complete: bool,
    pub answers: Vec<Answer>,
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuestionResult {
    pub answered: u32,
    /// For NPS questions.
    pub nps: Option<NpsCounts>,
    pub nps_score: Option<f64>,
    /// For ratings.
    pub ratings: Option<RatingCounts>,
    pub average: Option<f64>,
    pub csat: Option<f64>,
    /// For choices: how often each option was chosen.
    pub choices: Vec<u32>,
}

/// One month of the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonthResult {
    /// "2026-11".
    pub month: String,
    pub responses: u32,
    pub nps: Option<f64>,
    pub csat: Option<f64>,
}

/// The results of a survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub responses: u32,
    pub complete: u32,
    /// Over every NPS question.
    pub nps: Option<f64>,
    pub nps_counts: NpsCounts,
    /// Over every rating question.
    pub csat: Option<f64>,
    pub questions: Vec<QuestionResult>,
    /// Oldest month first; months without responses are left out.
    pub trend: Vec<MonthResult>,
}

/// Works out the results of `responses` (in any order) to `template`.
pub fn results(template: &Template, responses: &[Response]) -> Results {
    let n = template.questions.len();
    let mut nps = vec![NpsCounts::default(); n];
    let mut ratings = vec![RatingCounts::default(); n];
    let mut answered = vec![0u32; n];
    let mut choices: Vec<Vec<u32>> = template
        .questions
        .iter()
        .map(|q| match &q.kind {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                vec![0; options.len()]
            }
            _ => Vec::new(),
        })
        .collect();
    // Per month: (month key, responses, NPS counts, rating counts).
    let mut months: Vec<(i32, NpsCounts, RatingCounts, u32)> = Vec::new();
    let mut all_nps = NpsCounts::default();
    let mut all_ratings = RatingCounts::default();
    let mut complete = 0;
    for r in responses {
        complete += u32::from(r.complete);
        let key = r.on.year() * 12 + r.on.month0() as i32;
        let month = match months.iter().position(|m| m.0 == key) {
            Some(i) => i,
            None => {
                months.push((key, NpsCounts::default(), RatingCounts::default(), 0));
                months.len() - 1
            }
        };
        months[month].3 += 1;
        for (i, (q, a)) in template.questions.iter().zip(&r.answers).enumerate() {
            match (&q.kind, a) {
                (_, Answer::Skipped) => continue,
                (QuestionKind::Nps, Answer::Score(s)) => {
                    nps[i].add(*s);
                    all_nps.add(*s);
                    months[month].1.add(*s);
                }
                (QuestionKind::Rating { .. }, Answer::Score(s)) => {
                    ratings[i].add(*s);
                    all_ratings.add(*s);
                    months[month].2.add(*s);
                }
                (_, Answer::Choices(c)) => {
                    for k in c {
                        if let Some(slot) = choices[i].get_mut(*k as usize) {
                            *slot += 1;
                        }
                    }
                }
                (_, Answer::Text(t)) if t.trim().is_empty() => continue,
                _ => {}
            }
            answered[i] += 1;
        }
    }
    months.sort_by_key(|m| m.0);
    let questions = template
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let is_nps = q.kind == QuestionKind::Nps;
            let is_rating = matches!(q.kind, QuestionKind::Rating { .. });
            QuestionResult {
                answered: answered[i],
                nps: is_nps.then_some(nps[i]),
                nps_score: nps[i].score(),
                ratings: is_rating.then_some(ratings[i]),
                average: ratings[i].average(),
                csat: ratings[i].csat(),
                choices: std::mem::take(&mut choices[i]),
            }
        })
        .collect();
    Results {
        responses: responses.len() as u32,
        complete,
        nps: all_nps.score(),
        nps_counts: all_nps,
        csat: all_ratings.csat(),
        questions,
        trend: months
            .into_iter()
            .map(|(key, nps, ratings, count)| MonthResult {
                month: format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1),
                responses: count,
                nps: nps.score(),
                csat: ratings.csat(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::template::shipped;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn response(on: NaiveDate, nps: u8, product: u8, advice: u8, comment: &str) -> Response {
        Response {
            on,
            complete: true,
            answers: vec![
                Answer::Score(nps),
                Answer::Score(product),
                Answer::Score(advice),
                Answer::Text(comment.into()),
            ],
        }
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let after_purchase = shipped().remove(0);
        let ok = [
            Answer::Score(10),
            Answer::Score(5),
            Answer::Score(1),
            Answer::Skipped,
        ];
        check_response(&after_purchase, &ok, true).unwrap();
        let bad = [
            Answer::Score(11),
            Answer::Score(0),
            Answer::Skipped,
            Answer::Text("x".repeat(MAX_ANSWER_TEXT + 1)),
        ];
        let Err(Error::Validation(errors)) = check_response(&after_purchase, &bad, true) else {
            panic!("refused")
        };
        let found: Vec<(Option<u32>, Issue)> =
            errors.iter().map(|e| (e.row, e.issue.clone())).collect();
        assert_eq!(
            found,
            vec![
                (Some(0), Issue::Invalid),
                (Some(1), Issue::Invalid),
                (Some(2), Issue::Required),
                (
                    Some(3),
                    Issue::TooLong {
                        max: MAX_ANSWER_TEXT as u32
                    }
                ),
            ]
        );
        // A partial response may leave required questions out.
        let partial = [
            Answer::Score(8),
            Answer::Skipped,
            Answer::Skipped,
            Answer::Skipped,
        ];
        check_response(&after_purchase, &partial, false).unwrap();
        assert!(check_response(&after_purchase, &partial, true).is_err());
        // Choices: known options, no repeats, one for a single choice.
        let why = shipped().remove(1);
        let q = &why.questions[0];
        assert_eq!(check(q, &Answer::Choices(vec![0, 5])), Ok(()));
        assert_eq!(check(q, &Answer::Choices(vec![0, 0])), Err(Issue::Invalid));
        assert_eq!(check(q, &Answer::Choices(vec![6])), Err(Issue::Invalid));
        assert_eq!(check(q, &Answer::Choices(vec![])), Err(Issue::Required));
        assert_eq!(check(q, &Answer::Text("Preis".into())), Err(Issue::Invalid));
    }

    #[test]
    fn results_per_survey_question_and_month() {
        let t = shipped().remove(0);
        let responses = vec![
            response(day(2026, 10, 3), 10, 5, 4, "Super Beratung"),
            response(day(2026, 10, 20), 9, 4, 5, ""),
            response(day(2026, 11, 2), 6, 2, 3, "Lieferung zu spät"),
            response(day(2026, 11, 5), 8, 4, 4, ""),
            Response {
                on: day(2026, 11, 6),
                complete: false,
                answers: vec![
                    Answer::Score(0),
                    Answer::Skipped,
                    Answer::Skipped,
                    Answer::Skipped,
                ],
            },
        ];
        let r = results(&t, &responses);
        assert_eq!((r.responses, r.complete), (5, 4));
        // NPS: 2 promoters, 1 passive, 2 detractors of 5 → 0.
        assert_eq!(
            (
                r.nps_counts.promoters,
                r.nps_counts.passives,
                r.nps_counts.detractors
            ),
            (2, 1, 2)
        );
        assert_eq!(r.nps, Some(0.0));
        // CSAT over both rating questions: 4s and 5s are 6 of 8 → 75 %.
        assert_eq!(r.csat, Some(75.0));
        assert_eq!(r.questions[1].average, Some(3.75));
        assert_eq!(r.questions[2].csat, Some(75.0));
        assert_eq!(r.questions[0].answered, 5);
        assert_eq!(r.questions[3].answered, 2, "empty comments do not count");
        assert_eq!(r.trend.len(), 2);
        assert_eq!(
            (
                r.trend[0].month.as_str(),
                r.trend[0].responses,
                r.trend[0].nps
            ),
            ("2026-10", 2, Some(100.0))
        );
        // November: 6, 8, 0 → 2 detractors of 3 → −66.7.
        let november = r.trend[1].nps.unwrap();
        assert!((november + 66.666).abs() < 0.01, "{november}");
        // No responses: every figure is empty.
        let empty = results(&t, &[]);
        assert_eq!((empty.nps, empty.csat, empty.trend.len()), (None, None, 0));
        assert_eq!(empty.questions[1].average, None);
    }

    #[test]
    fn choices_are_counted_per_option() {
        let t = shipped().remove(1);
        let pick = |c: Vec<u32>| Response {
            on: day(2026, 11, 1),
            complete: true,
            answers: vec![
                Answer::Choices(c),
                Answer::Skipped,
                Answer::Skipped,
                Answer::Skipped,
            ],
        };
        let r = results(&t, &[pick(vec![0, 2]), pick(vec![0]), pick(vec![5])]);
        assert_eq!(r.questions[0].choices, vec![2, 0, 1, 0, 0, 1]);
        assert_eq!(r.questions[0].answered, 3);
        assert_eq!(r.nps, None);
    }
}
