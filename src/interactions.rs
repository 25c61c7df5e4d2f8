//! Interactions (Kontakte): every call, visit, e-mail, letter or event with a customer,
//! what came of it and what happens next.

use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::input::{Checker, parse_date_time};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct InteractionId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// How the contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
// The TypeScript name; "Channel" is taken by Tauri's runtime. JSON values are unchanged.
#[serde(rename = "ContactChannel", rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Phone,
    Visit,
    Email,
    Letter,
    Messenger,
    Social,
    Event,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 8] = [
        Channel::Phone,
        Channel::Visit,
        Channel::Email,
        Channel::Letter,
        Channel::Messenger,
        Channel::Social,
        Channel::Event,
        Channel::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Visit => "visit",
            Channel::Email => "email",
            Channel::Letter => "letter",
            Channel::Messenger => "messenger",
            Channel::Social => "social",
            Channel::Event => "event",
            Channel::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Who reached out: the customer (inbound) or the shop (outbound).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    #[default]
    Outbound,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }

    pub fn from_code(code: &str) -> Option<Direction> {
        match code {
            "inbound" => Some(Direction::Inbound),
            "outbound" => Some(Direction::Outbound),
            _ => None,
        }
    }
}

/// An interaction as typed into the quick entry or a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct InteractionInput {
    /// Local date and time: `31.12.2024 14:30` or `2024-12-31T14:30`.
    pub at: String,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    pub outcome: String,
    pub next_step: String,
    /// `31.12.2024`; empty when there is no next step.
    pub next_step_due: String,
    pub complaint: bool,
}

/// A stored interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Interaction {
    pub id: InteractionId,
    pub customer_id: CustomerId,
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    pub outcome: String,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub complaint: bool,
    /// When a complaint was resolved; `None` while it is open.
    pub complaint_resolved_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// Who had the contact (the employee working the app when it was logged).
    pub employee_id: Option<crate::employees::EmployeeId>,
    pub employee_name: Option<String>,
}

/// Validated interaction fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InteractionFields {
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    pub outcome: String,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub complaint: bool,
}

/// Checks an interaction. `now_local` is the shop's local time: a contact cannot lie on a
/// later day (a planned contact is a next step, not an interaction).
pub(crate) fn validate(
    input: &InteractionInput,
    now_local: NaiveDateTime,
) -> std::result::Result<InteractionFields, Vec<FieldError>> {
    let mut check = Checker::new();
    let at = match parse_date_time(&input.at) {
        Ok(at) if at.date() > now_local.date() => {
            check.fail(Field::At, Issue::DateInFuture);
            now_local
        }
        Ok(at) => at,
        Err(issue) => {
            check.fail(Field::At, issue);
            now_local
        }
    };
    let summary = check.required(Field::Summary, &input.summary, 2_000);
    let outcome = check.text(Field::Outcome, &input.outcome, 2_000);
    let next_step = check.text(Field::NextStep, &input.next_step, 500);
    let next_step_due = check.date(Field::NextStepDue, &input.next_step_due);
    check.finish(|| InteractionFields {
        at,
        channel: input.channel,
        direction: input.direction,
        summary,
        outcome,
        next_step,
        next_step_due,
        complaint: input.complaint,
    })
}

/// Records an interaction with a customer who is not in the trash. `now_local` is the
/// shop's wall-clock time, `now` the same moment in UTC for the audit timestamp.
pub fn add(
    store: &mut Store,
    customer: CustomerId,
    input: &InteractionInput,
    clock: &Clock,
) -> Result<Interaction> {
    let now = clock.now();
    let now_local = clock.local();
    let fields = validate(input, now_local).map_err(Error::Validation)?;
    store.insert_interaction(customer, &fields, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn reads_a_call() {
        let input = InteractionInput {
            at: "22.11.2026 09:15".into(),
            summary: " Navi erklärt ".into(),
            next_step: "Rückruf".into(),
            next_step_due: "29.11.2026".into(),
            ..Default::default()
        };
        let f = validate(&input, now()).unwrap();
        assert_eq!(
            f.at.format("%Y-%m-%dT%H:%M").to_string(),
            "2026-11-22T09:15"
        );
        assert_eq!(f.summary, "Navi erklärt");
        assert_eq!(f.channel, Channel::Phone);
        assert_eq!(f.next_step_due, NaiveDate::from_ymd_opt(2026, 11, 29));
    }

    #[test]
    fn names_every_bad_field() {
        let input = InteractionInput {
            at: "24.11.2026 09:00".into(),
            next_step_due: "morgen".into(),
            ..Default::default()
        };
        let found: Vec<_> = validate(&input, now())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.issue))
            .collect();
        assert_eq!(
            found,
            vec![
                (Field::At, Issue::DateInFuture),
                (Field::Summary, Issue::Required),
                (Field::NextStepDue, Issue::InvalidDate),
            ]
        );
    }

    #[test]
    fn channel_codes_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
    }
}
