//! Complaints: an interaction marked as one (a call, a visit, or a kiosk comment taken up)
//! with a status (open, in progress, solved), an owner among the employees, a resolution
//! and the day it was solved. Open complaints show on the customer page and count in the
//! early warning until they are solved.

use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::employees::EmployeeId;
use crate::error::{Error, Field, Issue, Result};
use crate::input::Checker;
use crate::interactions::{Channel, InteractionFields, InteractionId};
use crate::store::Store;
use crate::surveys::SurveyProblem;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ComplaintStatus {
    #[default]
    Open,
    InProgress,
    Solved,
}

impl ComplaintStatus {
    pub fn code(self) -> &'static str {
        match self {
            ComplaintStatus::Open => "open",
            ComplaintStatus::InProgress => "in_progress",
            ComplaintStatus::Solved => "solved",
        }
    }

    pub fn from_code(code: &str) -> Option<ComplaintStatus> {
        match code {
            "open" => Some(ComplaintStatus::Open),
            "in_progress" => Some(ComplaintStatus::InProgress),
            "solved" => Some(ComplaintStatus::Solved),
            _ => None,
        }
    }
}

/// A complaint as the customer page and the results screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Complaint {
    pub id: InteractionId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub summary: String,
    pub status: ComplaintStatus,
    pub owner: Option<EmployeeId>,
    pub owner_name: Option<String>,
    pub resolution: String,
    pub solved_on: Option<NaiveDate>,
}

/// The complaint's workflow as typed into its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ComplaintInput {
    pub status: ComplaintStatus,
    pub owner: Option<EmployeeId>,
    pub resolution: String,
    /// `31.12.2026`; required when solved, ignored otherwise.
    pub solved_on: String,
}

/// Checked workflow fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ComplaintFields {
    pub status: ComplaintStatus,
    pub owner: Option<EmployeeId>,
    pub resolution: String,
    pub solved_on: Option<NaiveDate>,
}

/// Checks the workflow of a complaint raised on `raised`: a solved complaint needs its
/// resolution and the day, which lies between the complaint and `today`.
pub(crate) fn validate(
    input: &ComplaintInput,
    raised: NaiveDate,
    today: NaiveDate,
) -> Result<ComplaintFields> {
    let mut check = Checker::new();
    let resolution = check.text(Field::Resolution, &input.resolution, 2_000);
    let mut solved_on = None;
    if input.status == ComplaintStatus::Solved {
        if resolution.is_empty() {
            check.fail(Field::Resolution, Issue::Required);
        }
        if input.solved_on.trim().is_empty() {
            check.fail(Field::SolvedOn, Issue::Required);
        } else if let Some(day) = check.date(Field::SolvedOn, &input.solved_on) {
            if day > today {
                check.fail(Field::SolvedOn, Issue::DateInFuture);
            } else if day < raised {
                check.fail(Field::SolvedOn, Issue::DateTooEarly);
            }
            solved_on = Some(day);
        }
    }
    check
        .finish(|| ComplaintFields {
            status: input.status,
            owner: input.owner,
            resolution,
            solved_on,
        })
        .map_err(Error::Validation)
}

/// A customer's complaints that are not solved, oldest first.
pub fn open_for(store: &Store, customer: CustomerId) -> Result<Vec<Complaint>> {
    store.customer(customer)?;
    store.complaints_of(customer, false)
}

/// Every complaint of a customer, newest first.
pub fn all_for(store: &Store, customer: CustomerId) -> Result<Vec<Complaint>> {
    store.customer(customer)?;
    store.complaints_of(customer, true)
}

/// What the shop's complaint list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ComplaintFilter {
    /// Empty: open and in progress (what still needs doing).
    pub statuses: Vec<ComplaintStatus>,
    pub owner: Option<EmployeeId>,
    /// Only complaints at least this many days old (0: all).
    pub min_age_days: u32,
}

/// One line of the shop's complaint list: the complaint and how long it has waited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComplaintLine {
    pub complaint: Complaint,
    /// Days since it came in (until it was solved, for solved ones).
    pub age_days: u32,
}

/// The shop's complaints as `filter` asks, the longest waiting first (at most 5,000).
pub fn shop_list(
    store: &Store,
    filter: &ComplaintFilter,
    today: NaiveDate,
) -> Result<Vec<ComplaintLine>> {
    let statuses = if filter.statuses.is_empty() {
        vec![ComplaintStatus::Open, ComplaintStatus::InProgress]
    } else {
        filter.statuses.clone()
    };
    Ok(store
        .complaints_shop(&statuses, filter.owner, 5_000)?
        .into_iter()
        .map(|c| {
            let until = c.solved_on.unwrap_or(today);
            let age = (until - c.at.date()).num_days().max(0);
            ComplaintLine {
                age_days: u32::try_from(age).unwrap_or(u32::MAX),
                complaint: c,
            }
        })
        .filter(|l| l.age_days >= filter.min_age_days)
        .collect())
}

/// Changes a complaint's status, owner and resolution (one transaction).
pub fn update(
    store: &mut Store,
    id: InteractionId,
    input: &ComplaintInput,
    clock: &Clock,
) -> Result<Complaint> {
    let today = clock.today();
    let current = store.complaint(id)?;
    let fields = validate(input, current.at.date(), today)?;
    store.update_complaint(id, &fields)
}

/// Takes up the comment of a survey response as a complaint of `customer` (the response's
/// own customer when it is linked; an anonymous one needs it named). The complaint is an
/// inbound visit on the response's day (`now_local` is the shop's wall clock), written in
/// the same transaction as the link back.
pub fn from_response(
    store: &mut Store,
    response: crate::surveys::ResponseId,
    customer: Option<CustomerId>,
    clock: &Clock,
) -> Result<Complaint> {
    let now = clock.now();
    let now_local = clock.local();
    let r = store.survey_response(response)?;
    if r.complaint.is_some() {
        return Err(Error::Survey(SurveyProblem::ComplaintExists));
    }
    let customer = r
        .customer
        .or(customer)
        .ok_or(Error::Survey(SurveyProblem::NoCustomer))?;
    let template = store.survey_template(r.template)?;
    let comments: Vec<String> = r
        .answers
        .iter()
        .filter_map(|a| match a {
            crate::surveys::answers::Answer::Text(t) if !t.trim().is_empty() => {
                Some(t.trim().to_owned())
            }
            _ => None,
        })
        .collect();
    if comments.is_empty() {
        return Err(Error::Survey(SurveyProblem::NoComment));
    }
    let mut summary = format!(
        "Umfrage „{}“: {}",
        template.title.de.trim(),
        comments.join(" / ")
    );
    if summary.chars().count() > 2_000 {
        summary = summary.chars().take(1_999).collect::<String>() + "…";
    }
    let fields = InteractionFields {
        // Raised when the answer was given: now when taken up the same day, else at noon.
        at: if now_local.date() == r.on {
            now_local
        } else {
            r.on.and_time(chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        },
        channel: Channel::Visit,
        direction: crate::interactions::Direction::Inbound,
        summary,
        outcome: String::new(),
        next_step: String::new(),
        next_step_due: None,
        complaint: true,
    };
    store.complaint_from_response(response, customer, &fields, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn fields_of(e: Error) -> Vec<(Field, Issue)> {
        e.field_errors()
            .iter()
            .map(|f| (f.field, f.issue.clone()))
            .collect()
    }

    #[test]
    fn open_and_in_progress_need_nothing_and_forget_a_day() {
        for status in [ComplaintStatus::Open, ComplaintStatus::InProgress] {
            let f = validate(
                &ComplaintInput {
                    status,
                    solved_on: "20.11.2026".into(),
                    ..Default::default()
                },
                day(10),
                day(22),
            )
            .unwrap();
            assert_eq!(f.status, status);
            assert_eq!(f.solved_on, None);
        }
    }

    #[test]
    fn solved_needs_resolution_and_a_day_between_complaint_and_today() {
        let input = |solved_on: &str, resolution: &str| ComplaintInput {
            status: ComplaintStatus::Solved,
            owner: None,
            resolution: resolution.into(),
            solved_on: solved_on.into(),
        };
        assert_eq!(
            fields_of(validate(&input("", ""), day(10), day(22)).unwrap_err()),
            [
                (Field::Resolution, Issue::Required),
                (Field::SolvedOn, Issue::Required)
            ]
        );
        assert_eq!(
            fields_of(validate(&input("23.11.2026", "Ersatz"), day(10), day(22)).unwrap_err()),
            [(Field::SolvedOn, Issue::DateInFuture)]
        );
        assert_eq!(
            fields_of(validate(&input("09.11.2026", "Ersatz"), day(10), day(22)).unwrap_err()),
            [(Field::SolvedOn, Issue::DateTooEarly)]
        );
        let f = validate(&input("10.11.2026", " Ersatz geliefert "), day(10), day(22)).unwrap();
        assert_eq!(f.solved_on, Some(day(10)));
        assert_eq!(f.resolution, "Ersatz geliefert");
    }

    #[test]
    fn status_codes_round_trip() {
        for s in [
            ComplaintStatus::Open,
            ComplaintStatus::InProgress,
            ComplaintStatus::Solved,
        ] {
            assert_eq!(ComplaintStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(ComplaintStatus::from_code("done"), None);
    }
}
