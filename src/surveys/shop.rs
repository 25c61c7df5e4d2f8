//! Surveys on the shop's database: the templates, a response from the kiosk or after a
//! visit (checked against its template, one transaction), and the results.

use super::answers::{self, Answer, Results};
use super::response::{NewResponse, Source};
use super::template::{QuestionKind, Template, Text};
use super::{ResponseId, SurveyId};
use crate::charts::ChartFormat;
use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::interactions::InteractionId;
use crate::store::Store;
use crate::surveys::SurveyProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stored template with its id and how many responses it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SurveyTemplate {
    pub id: SurveyId,
    pub template: Template,
    pub responses: u32,
}

pub fn templates(store: &Store) -> Result<Vec<SurveyTemplate>> {
    let counts = store.survey_response_counts()?;
    Ok(store
        .survey_templates()?
        .into_iter()
        .map(|(id, template)| SurveyTemplate {
            id,
            template,
            responses: counts.get(&id).copied().unwrap_or(0),
        })
        .collect())
}

pub fn template(store: &Store, id: SurveyId) -> Result<SurveyTemplate> {
    let template = store.survey_template(id)?;
    Ok(SurveyTemplate {
        id,
        template,
        responses: store
            .survey_response_counts()?
            .get(&id)
            .copied()
            .unwrap_or(0),
    })
}

/// The shape of a template's answers: question kinds and option counts, in order.
fn shape(t: &Template) -> Vec<(std::mem::Discriminant<QuestionKind>, usize)> {
    t.questions
        .iter()
        .map(|q| {
            let options = match &q.kind {
                QuestionKind::SingleChoice { options }
                | QuestionKind::MultipleChoice { options } => options.len(),
                _ => 0,
            };
            (std::mem::discriminant(&q.kind), options)
        })
        .collect()
}

/// Keeps a new template (`id` None) or changes one. Once a template has responses, its
/// texts may change but not its questions (the answers refer to them by position).
pub fn save_template(
    store: &mut Store,
    id: Option<SurveyId>,
    template: &Template,
    clock: &Clock,
) -> Result<SurveyTemplate> {
    let now = clock.now();
    template.validate()?;
    let template = template.trimmed();
    if let Some(id) = id {
        let old = store.survey_template(id)?;
        let answered = store.survey_response_counts()?.contains_key(&id);
        if answered && shape(&old) != shape(&template) {
            return Err(Error::Survey(SurveyProblem::QuestionsLocked));
        }
    }
    let id = store.save_survey_template(id, &template, now)?;
    self::template(store, id)
}

/// Deletes a template without responses.
pub fn delete_template(store: &mut Store, id: SurveyId) -> Result<()> {
    store.delete_survey_template(id)
}

/// Who and where a response comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Respondent {
    /// `None`: anonymous.
    pub customer: Option<CustomerId>,
    /// The visit an employee's feedback form belongs to.
    pub interaction: Option<InteractionId>,
    pub kiosk: bool,
}

/// Checks and keeps one response (`complete` false: a partial one, kept when the kiosk
/// resets). Nothing is written when an answer does not fit its question.
pub fn submit(
    store: &mut Store,
    template: SurveyId,
    who: Respondent,
    answers: &[Answer],
    complete: bool,
    clock: &Clock,
) -> Result<ResponseId> {
    let now = clock.now();
    let today = clock.today();
    let t = store.survey_template(template)?;
    answers::check_response(&t, answers, complete)?;
    store.insert_survey_response(
        &NewResponse {
            template,
            customer: who.customer,
            interaction: who.interaction,
            source: if who.kiosk {
                Source::Kiosk
            } else {
                Source::Visit
            },
            complete,
            on: today,
            answers: answers.to_vec(),
        },
        now,
    )
}

/// An employee's feedback form after a visit: a complete response linked to the customer
/// and, when given, to the visit on their timeline.
pub fn submit_visit(
    store: &mut Store,
    template: SurveyId,
    customer: CustomerId,
    visit: Option<InteractionId>,
    answers: &[Answer],
    clock: &Clock,
) -> Result<ResponseId> {
    let who = Respondent {
        customer: Some(customer),
        interaction: visit,
        kiosk: false,
    };
    submit(store, template, who, answers, true, clock)
}

/// Longest period the results screen offers, in months.
pub const MAX_MONTHS: u32 = 120;

/// The first day of a results period of `months` months up to `today` (the first of the
/// month `months − 1` months back, as the loyalty report counts); 0 means all time.
pub fn period_start(months: u32, today: NaiveDate) -> Result<NaiveDate> {
    if months > MAX_MONTHS {
        return Err(Error::Validation(vec![crate::error::FieldError::new(
            crate::error::Field::Month,
            crate::error::Issue::OutOfRange {
                min: 0,
                max: MAX_MONTHS,
            },
        )]));
    }
    Ok(if months == 0 {
        NaiveDate::MIN
    } else {
        crate::loyalty::report::period_start(today, months)
    })
}

/// The results of a template's responses from `from` on.
pub fn results(store: &Store, template: SurveyId, from: NaiveDate) -> Result<Results> {
    let t = store.survey_template(template)?;
    let responses = store.survey_responses(template, from)?;
    Ok(answers::results(&t, &responses))
}

/// One comment (a text answer) for the results screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub response: ResponseId,
    pub on: NaiveDate,
    pub kiosk: bool,
    pub customer: Option<CustomerId>,
    pub customer_name: Option<String>,
    pub question: Text,
    pub text: String,
    /// The complaint taken up from this response, if any.
    pub complaint: Option<InteractionId>,
}

/// The text answers given from `from` on, newest first, at most `limit`.
pub fn comments(
    store: &Store,
    template: SurveyId,
    from: NaiveDate,
    limit: usize,
) -> Result<Vec<Comment>> {
    let t = store.survey_template(template)?;
    let mut out = Vec::new();
    for r in store.survey_response_rows(template, from)? {
        for (q, a) in t.questions.iter().zip(&r.answers) {
            if let Answer::Text(text) = a {
                if text.trim().is_empty() {
                    continue;
                }
                out.push(Comment {
                    response: r.id,
                    on: r.on,
                    kiosk: r.source == Source::Kiosk,
                    customer: r.customer.as_ref().map(|c| c.0),
                    customer_name: r.customer.as_ref().map(|c| c.1.clone()),
                    question: q.text.clone(),
                    text: text.trim().to_owned(),
                    complaint: r.complaint,
                });
                if out.len() == limit {
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}

/// An answer as text, in both languages (choices by their option texts).
pub fn answer_text(question: &QuestionKind, answer: &Answer) -> Text {
    match (question, answer) {
        (_, Answer::Skipped) => Text::new("–", "–"),
        (QuestionKind::Nps, Answer::Score(s)) => {
            let s = s.to_string();
            Text::new(&format!("{s} von 10"), &format!("{s} of 10"))
        }
        (_, Answer::Score(s)) => {
            let s = s.to_string();
            Text::new(&format!("{s} von 5"), &format!("{s} of 5"))
        }
        (
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options },
            Answer::Choices(chosen),
        ) => {
            let pick = |lang: Lang| {
                chosen
                    .iter()
                    .filter_map(|&i| options.get(i as usize).map(|o| o.get(lang).to_owned()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            Text {
                de: pick(Lang::De),
                en: pick(Lang::En),
            }
        }
        (_, Answer::Choices(c)) => {
            let list = c.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            Text::new(&list, &list)
        }
        (_, Answer::Text(t)) => Text::new(t.trim(), t.trim()),
    }
}

/// The responses from `from` on as CSV for German Excel: date, source, complete, customer,
/// then one column per question (newest first).
pub fn export_csv(
    store: &Store,
    template: SurveyId,
    from: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>> {
    let t = store.survey_template(template)?;
    let mut headers: Vec<String> = [
        lang.pick("Datum", "Date"),
        lang.pick("Quelle", "Source"),
        lang.pick("Vollständig", "Complete"),
        lang.pick("Kunde", "Customer"),
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    headers.extend(t.questions.iter().map(|q| q.text.get(lang).to_owned()));
    let rows = store.survey_response_rows(template, from)?;
    let lines = rows.into_iter().map(|r| {
        let mut cells = vec![
            r.on.format("%d.%m.%Y").to_string(),
            match r.source {
                Source::Kiosk => "Kiosk".to_owned(),
                Source::Visit => lang.pick("Besuch", "Visit").to_owned(),
            },
            if r.complete {
                lang.pick("ja", "yes")
            } else {
                lang.pick("nein", "no")
            }
            .to_owned(),
            r.customer.map(|c| c.1).unwrap_or_default(),
        ];
        cells.extend(t.questions.iter().zip(&r.answers).map(|(q, a)| match a {
            Answer::Skipped => String::new(),
            Answer::Score(s) => s.to_string(),
            _ => answer_text(&q.kind, a).get(lang).to_owned(),
        }));
        cells
    });
    crate::io::export::csv_table(&headers, lines)
}

/// The trend of NPS and CSAT per month from `from` on, as a chart.
pub fn trend_chart(
    store: &Store,
    template: SurveyId,
    from: NaiveDate,
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let r = results(store, template, from)?;
    crate::charts::survey_trend(&r.trend, lang, format)
}

/// A survey response on a customer's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimelineResponse {
    pub id: ResponseId,
    pub on: NaiveDate,
    pub title: Text,
    pub kiosk: bool,
    pub complete: bool,
    /// Question and answer, both in both languages; skipped questions left out.
    pub lines: Vec<(Text, Text)>,
}

/// A customer's responses for the timeline, newest first, before `after`.
pub(crate) fn timeline_responses(
    store: &Store,
    customer: CustomerId,
    after: Option<&crate::timeline::TimelineCursor>,
    limit: u32,
) -> Result<Vec<TimelineResponse>> {
    let rows = store.recent_survey_responses(customer, after, limit)?;
    let mut templates: std::collections::HashMap<SurveyId, Template> =
        std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if let std::collections::hash_map::Entry::Vacant(e) = templates.entry(r.template) {
            e.insert(store.survey_template(r.template)?);
        }
        let t = &templates[&r.template];
        out.push(TimelineResponse {
            id: r.id,
            on: r.on,
            title: t.title.clone(),
            kiosk: r.source == Source::Kiosk,
            complete: r.complete,
            lines: t
                .questions
                .iter()
                .zip(&r.answers)
                .filter(|(_, a)| **a != Answer::Skipped)
                .map(|(q, a)| (q.text.clone(), answer_text(&q.kind, a)))
                .collect(),
        });
    }
    Ok(out)
}

/// Each customer's own answers of the last 12 months before `today` as the early warning
/// reads them: the NPS answers in order, and the lowest rating of the latest response that
/// had ratings (the CSAT).
pub fn satisfaction_by_customer(
    store: &Store,
    today: NaiveDate,
) -> Result<std::collections::HashMap<CustomerId, crate::care::warning::Satisfaction>> {
    use crate::care::warning::Satisfaction;
    let kinds: std::collections::HashMap<SurveyId, Vec<QuestionKind>> = store
        .survey_templates()?
        .into_iter()
        .map(|(id, t)| (id, t.questions.into_iter().map(|q| q.kind).collect()))
        .collect();
    let since = today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(today);
    let mut out: std::collections::HashMap<CustomerId, Satisfaction> =
        std::collections::HashMap::new();
    for (customer, template, day, response, json) in store.linked_answers_since(since)? {
        let Some(kinds) = kinds.get(&template) else {
            continue;
        };
        let answers: Vec<Answer> = serde_json::from_str(&json).unwrap_or_default();
        let s = out.entry(customer).or_default();
        let mut lowest: Option<u8> = None;
        for (kind, answer) in kinds.iter().zip(&answers) {
            match (kind, answer) {
                (QuestionKind::Nps, Answer::Score(n)) => s.nps.push((*n, day, response)),
                (QuestionKind::Rating { .. }, Answer::Score(r)) => {
                    lowest = Some(lowest.map_or(*r, |l| l.min(*r)));
                }
                _ => {}
            }
        }
        if let Some(r) = lowest {
            s.latest_rating = Some((r, day, response));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_on_the_first_of_a_month_and_zero_means_all() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        assert_eq!(period_start(1, today).unwrap(), day(2026, 11));
        assert_eq!(period_start(12, today).unwrap(), day(2025, 12));
        assert_eq!(period_start(0, today).unwrap(), NaiveDate::MIN);
        assert!(period_start(121, today).is_err());
    }
}
