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
