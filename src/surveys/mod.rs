//! Satisfaction surveys in person: templates (six question kinds, German and English,
//! two shipped, editable), the results' figures (NPS, CSAT) per question and month, the
//! kiosk (settings, the exit PIN, what its window may see) and the visit feedback.

pub mod answers;
pub mod demo;
pub mod kiosk;
pub mod pin;
pub mod problem;
pub mod response;
pub mod results;
pub mod shop;
pub mod template;

pub use problem::SurveyProblem;

use serde::{Deserialize, Serialize};

/// A survey (its template with the questions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct SurveyId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// One answered survey (complete or partial).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ResponseId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);
