//! Satisfaction surveys in person: templates (six question kinds, German and English,
//! two shipped), the results' figures (NPS, CSAT) and the kiosk's exit PIN. So far the rules, pure and tested; templates, storage, the kiosk window and the
//! screens follow.

pub mod answers;
pub mod pin;
pub mod results;
pub mod shop;
pub mod template;
