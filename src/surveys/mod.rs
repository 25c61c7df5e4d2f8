//! Satisfaction surveys in person: the results' figures (NPS, CSAT) and the kiosk's exit
//! PIN. So far the rules, pure and tested; templates, storage, the kiosk window and the
//! screens follow.

pub mod pin;
pub mod results;
