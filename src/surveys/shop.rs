//! Surveys on the shop's database: the templates, a response from the kiosk or after a
//! visit (checked against its template, one transaction), and the results.

use super::answers::{self, Answer, Results};
use super::template::Template;
use crate::customers::CustomerId;
use crate::error::Result;
use crate::interactions::InteractionId;
use crate::store::Store;
use crate::store::surveys::{NewResponse, Source};
use chrono::{DateTime, NaiveDate};
use serde::{Deserialize, Serialize};

/// A stored template with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SurveyTemplate {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub template: Template,
}

pub fn templates(store: &Store) -> Result<Vec<SurveyTemplate>> {
    Ok(store
        .survey_templates()?
        .into_iter()
        .map(|(id, template)| SurveyTemplate { id, template })
        .collect())
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
    template: i64,
    who: Respondent,
    answers: &[Answer],
    complete: bool,
    today: NaiveDate,
    now: DateTime<chrono::Utc>,
) -> Result<i64> {
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

/// The results of a template's responses from `from` on.
pub fn results(store: &Store, template: i64, from: NaiveDate) -> Result<Results> {
    let t = store.survey_template(template)?;
    let responses = store.survey_responses(template, from)?;
    Ok(answers::results(&t, &responses))
}
