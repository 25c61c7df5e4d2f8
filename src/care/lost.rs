//! Lost customers: when and why they left (an editable catalogue of reasons plus free
//! text), the attempts to win them back, and the statistics by reason and by quarter.

use crate::customers::CustomerId;
use crate::error::{Field, FieldError, Issue};
use crate::input::Checker;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct LostReasonId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct LossId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// A reason from the catalogue, with how many losses name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LostReason {
    pub id: LostReasonId,
    pub name: String,
    pub losses: u32,
}

/// Marking a customer lost, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct LossInput {
    /// `31.12.2026`.
    pub lost_on: String,
    pub reason: Option<LostReasonId>,
    /// What the customer said, in their words.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LossFields {
    pub lost_on: NaiveDate,
    pub reason: Option<LostReasonId>,
    pub note: String,
}

/// Checks a loss; the day cannot lie ahead of `today`.
pub(crate) fn validate_loss(
    input: &LossInput,
    today: NaiveDate,
) -> Result<LossFields, Vec<FieldError>> {
    let mut check = Checker::new();
    let lost_on = match check.date(Field::LostOn, &input.lost_on) {
        Some(d) if d > today => {
            check.fail(Field::LostOn, Issue::DateInFuture);
            today
        }
        Some(d) => d,
        None => {
            if input.lost_on.trim().is_empty() {
                check.fail(Field::LostOn, Issue::Required);
            }
            today
        }
    };
    let note = check.text(Field::Note, &input.note, 2_000);
    if input.reason.is_none() && note.is_empty() {
        check.fail(Field::Reason, Issue::Required);
    }
    check.finish(|| LossFields {
        lost_on,
        reason: input.reason,
        note,
    })
}

/// A customer's loss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Loss {
    pub id: LossId,
    pub customer: CustomerId,
    pub customer_name: String,
    pub lost_on: NaiveDate,
    pub reason_id: Option<LostReasonId>,
    pub reason: Option<String>,
    pub note: String,
    pub reactivated_on: Option<NaiveDate>,
    /// Paid in the 12 months before the loss: the revenue that went with the customer.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_cents: i64,
    pub winbacks: u32,
}

/// Lost customers and revenue of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LossGroup {
    /// The reason's name (`None`: no reason given), or the quarter `2026-Q3`.
    pub label: Option<String>,
    pub customers: u32,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_cents: i64,
    /// Of them, won back since.
    pub won_back: u32,
}

/// One bar of the chart: a quarter, and its losses by reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuarterLosses {
    /// `2026-Q3`.
    pub quarter: String,
    pub customers: u32,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_cents: i64,
    /// Revenue by reason, in the order of `LostStats::by_reason`.
    #[cfg_attr(feature = "specta", specta(type = Vec<f64>))]
    pub revenue_by_reason: Vec<i64>,
}

/// The statistics of the lost customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LostStats {
    pub customers: u32,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_cents: i64,
    pub won_back: u32,
    /// Every loss, grouped by reason, most revenue first.
    pub by_reason: Vec<LossGroup>,
    /// The last `quarters` quarters up to today's, oldest first (empty ones too).
    pub by_quarter: Vec<QuarterLosses>,
}

/// `2026-Q3`.
pub fn quarter_of(date: NaiveDate) -> String {
    format!("{}-Q{}", date.year(), date.month0() / 3 + 1)
}

/// The statistics of `losses` as of `today`, with `quarters` quarters in the chart.
pub fn stats(losses: &[Loss], today: NaiveDate, quarters: u32) -> LostStats {
    let mut by_reason: BTreeMap<Option<String>, LossGroup> = BTreeMap::new();
    for loss in losses {
        let group = by_reason
            .entry(loss.reason.clone())
            .or_insert_with(|| LossGroup {
                label: loss.reason.clone(),
                customers: 0,
                revenue_cents: 0,
                won_back: 0,
            });
        group.customers += 1;
        group.revenue_cents += loss.revenue_cents;
        group.won_back += u32::from(loss.reactivated_on.is_some());
    }
    let mut by_reason: Vec<LossGroup> = by_reason.into_values().collect();
    by_reason.sort_by(|a, b| {
        b.revenue_cents
            .cmp(&a.revenue_cents)
            .then(b.customers.cmp(&a.customers))
            .then(a.label.cmp(&b.label))
    });
    // The quarters, oldest first, ending with today's.
    let mut labels = Vec::new();
    let (mut year, mut q) = (today.year(), today.month0() / 3);
    for _ in 0..quarters.max(1) {
        labels.push(format!("{year}-Q{}", q + 1));
        if q == 0 {
            year -= 1;
            q = 3;
        } else {
            q -= 1;
        }
    }
    labels.reverse();
    let mut by_quarter: Vec<QuarterLosses> = labels
        .into_iter()
        .map(|quarter| QuarterLosses {
            quarter,
            customers: 0,
            revenue_cents: 0,
            revenue_by_reason: vec![0; by_reason.len()],
        })
        .collect();
    for loss in losses {
        let label = quarter_of(loss.lost_on);
        if let Some(bar) = by_quarter.iter_mut().find(|b| b.quarter == label) {
            bar.customers += 1;
            bar.revenue_cents += loss.revenue_cents;
            if let Some(i) = by_reason.iter().position(|g| g.label == loss.reason) {
                bar.revenue_by_reason[i] += loss.revenue_cents;
            }
        }
    }
    LostStats {
        customers: losses.len() as u32,
        revenue_cents: losses.iter().map(|l| l.revenue_cents).sum(),
        won_back: losses.iter().filter(|l| l.reactivated_on.is_some()).count() as u32,
        by_reason,
        by_quarter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn loss(id: i64, lost_on: NaiveDate, reason: Option<&str>, cents: i64, back: bool) -> Loss {
        Loss {
            id: LossId(id),
            customer: CustomerId(id),
            customer_name: format!("Kunde {id}"),
            lost_on,
            reason_id: None,
            reason: reason.map(str::to_owned),
            note: String::new(),
            reactivated_on: back.then(|| day(2026, 11, 1)),
            revenue_cents: cents,
            winbacks: 0,
        }
    }

    #[test]
    fn statistics_by_reason_and_quarter() {
        let losses = vec![
            loss(1, day(2026, 10, 5), Some("Preis zu hoch"), 120_000, false),
            loss(2, day(2026, 8, 31), Some("Preis zu hoch"), 30_000, true),
            loss(3, day(2026, 7, 1), Some("Umgezogen"), 200_000, false),
            loss(4, day(2025, 12, 31), None, 5_000, false),
            // Older than the chart's quarters: counted in the totals only.
            loss(5, day(2020, 1, 1), Some("Umgezogen"), 1_000, false),
        ];
        let s = stats(&losses, day(2026, 11, 23), 4);
        assert_eq!((s.customers, s.revenue_cents, s.won_back), (5, 356_000, 1));
        let reasons: Vec<(Option<&str>, u32, i64, u32)> = s
            .by_reason
            .iter()
            .map(|g| (g.label.as_deref(), g.customers, g.revenue_cents, g.won_back))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (Some("Umgezogen"), 2, 201_000, 0),
                (Some("Preis zu hoch"), 2, 150_000, 1),
                (None, 1, 5_000, 0),
            ]
        );
        let quarters: Vec<(&str, u32, i64, Vec<i64>)> = s
            .by_quarter
            .iter()
            .map(|q| {
                (
                    q.quarter.as_str(),
                    q.customers,
                    q.revenue_cents,
                    q.revenue_by_reason.clone(),
                )
            })
            .collect();
        assert_eq!(
            quarters,
            vec![
                ("2026-Q1", 0, 0, vec![0, 0, 0]),
                ("2026-Q2", 0, 0, vec![0, 0, 0]),
                ("2026-Q3", 2, 230_000, vec![200_000, 30_000, 0]),
                ("2026-Q4", 1, 120_000, vec![0, 120_000, 0]),
            ]
        );
        // Across the year end.
        let s = stats(&losses, day(2026, 2, 1), 2);
        assert_eq!(
            s.by_quarter
                .iter()
                .map(|q| (q.quarter.as_str(), q.customers))
                .collect::<Vec<_>>(),
            vec![("2025-Q4", 1), ("2026-Q1", 0)]
        );
        assert_eq!(stats(&[], day(2026, 2, 1), 2).by_reason, vec![]);
    }

    #[test]
    fn a_loss_needs_a_day_and_a_reason() {
        let today = day(2026, 11, 23);
        let ok = LossInput {
            lost_on: "20.11.2026".into(),
            reason: Some(LostReasonId(1)),
            note: " Zu teuer geworden ".into(),
        };
        let fields = validate_loss(&ok, today).unwrap();
        assert_eq!(
            (fields.lost_on, fields.note.as_str()),
            (day(2026, 11, 20), "Zu teuer geworden")
        );
        // Free text alone is a reason too.
        assert!(
            validate_loss(
                &LossInput {
                    reason: None,
                    ..ok.clone()
                },
                today
            )
            .is_ok()
        );
        let bad = LossInput {
            lost_on: "24.11.2026".into(),
            reason: None,
            note: String::new(),
        };
        assert_eq!(
            validate_loss(&bad, today).unwrap_err(),
            vec![
                FieldError::new(Field::LostOn, Issue::DateInFuture),
                FieldError::new(Field::Reason, Issue::Required)
            ]
        );
        let empty = LossInput {
            lost_on: " ".into(),
            ..ok
        };
        assert_eq!(
            validate_loss(&empty, today).unwrap_err(),
            vec![FieldError::new(Field::LostOn, Issue::Required)]
        );
    }
}
