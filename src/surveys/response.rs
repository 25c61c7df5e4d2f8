//! A survey response about to be kept: from the kiosk or a visit, anonymous or linked.

use super::answers::Answer;
use crate::customers::CustomerId;
use crate::interactions::InteractionId;
use chrono::NaiveDate;

/// Where a response was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Kiosk,
    Visit,
}

impl Source {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Source::Kiosk => "kiosk",
            Source::Visit => "visit",
        }
    }
}

/// A response about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponse {
    pub template: super::SurveyId,
    pub customer: Option<CustomerId>,
    pub interaction: Option<InteractionId>,
    pub source: Source,
    pub complete: bool,
    pub on: NaiveDate,
    pub answers: Vec<Answer>,
}
