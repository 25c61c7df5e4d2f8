//! The catalogue of retention measures and the communication plan: which channel how often
//! for which segment (matrix field, ABC class, tag).

use crate::employees::EmployeeId;
use crate::error::{Field, FieldError, Issue};
use crate::input::Checker;
use crate::interactions::Channel;
use crate::value::segments::{Abc, Phase, Quadrant};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct MeasureId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct PlanRuleId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// A retention measure: a visit, a birthday card, exclusive pre-sale access …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    pub id: MeasureId,
    pub name: String,
    pub channel: Channel,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub cost_cents: i64,
    /// The matrix fields it suits; empty: every field.
    pub quadrants: Vec<Quadrant>,
    /// The phases it suits; empty: every phase.
    pub phases: Vec<Phase>,
    /// Who carries it out.
    pub employee_id: Option<EmployeeId>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl Measure {
    /// The measure as its edit form starts from it, the cost written in `lang`.
    pub fn input(&self, lang: crate::Lang) -> MeasureInput {
        MeasureInput {
            name: self.name.clone(),
            channel: self.channel,
            cost: if self.cost_cents == 0 {
                String::new()
            } else {
                crate::money::cents_text(self.cost_cents, lang)
            },
            quadrants: self.quadrants.clone(),
            phases: self.phases.clone(),
            employee_id: self.employee_id,
            note: self.note.clone(),
        }
    }
}

/// A measure as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct MeasureInput {
    pub name: String,
    pub channel: Channel,
    /// In euros, `12,50`; empty means none.
    pub cost: String,
    pub quadrants: Vec<Quadrant>,
    pub phases: Vec<Phase>,
    pub employee_id: Option<EmployeeId>,
    pub note: String,
}

/// Checked measure fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MeasureFields {
    pub name: String,
    pub channel: Channel,
    pub cost_cents: i64,
    pub quadrants: Vec<Quadrant>,
    pub phases: Vec<Phase>,
    pub employee_id: Option<EmployeeId>,
    pub note: String,
}

pub(crate) fn validate_measure(input: &MeasureInput) -> Result<MeasureFields, Vec<FieldError>> {
    let mut check = Checker::new();
    let name = check.required(Field::Name, &input.name, 80);
    let cost_cents = check.cents(Field::Cost, &input.cost, Some(0));
    let note = check.text(Field::Note, &input.note, 500);
    let mut quadrants = input.quadrants.clone();
    quadrants.sort_by_key(|q| q.code());
    quadrants.dedup();
    let mut phases = input.phases.clone();
    phases.sort_by_key(|p| p.code());
    phases.dedup();
    check.finish(|| MeasureFields {
        name,
        channel: input.channel,
        cost_cents,
        quadrants,
        phases,
        employee_id: input.employee_id,
        note,
    })
}

/// A line of the communication plan: customers of a segment get a contact on `channel`
/// every `every_days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanRule {
    pub id: PlanRuleId,
    pub quadrant: Option<Quadrant>,
    pub abc: Option<Abc>,
    pub tag: Option<String>,
    pub channel: Channel,
    pub every_days: u32,
    pub measure: Option<MeasureId>,
    /// Since when the line applies: a customer never contacted on its channel is due from
    /// then (not years back from "customer since").
    pub starts_on: chrono::NaiveDate,
}

/// A plan line as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct PlanRuleInput {
    pub quadrant: Option<Quadrant>,
    pub abc: Option<Abc>,
    /// Empty: any tag.
    pub tag: String,
    pub channel: Channel,
    /// Days between contacts, `30`.
    pub every_days: String,
    pub measure: Option<MeasureId>,
}

/// Checked plan line fields (the id is 0 until stored).
pub(crate) fn validate_rule(input: &PlanRuleInput) -> Result<PlanRule, Vec<FieldError>> {
    let mut check = Checker::new();
    let tag = check.text(Field::Tags, &input.tag, 60);
    let every_days = match input.every_days.trim().parse::<u32>() {
        Ok(days) if (1..=3650).contains(&days) => days,
        Ok(_) => {
            check.fail(Field::EveryDays, Issue::OutOfRange { min: 1, max: 3650 });
            0
        }
        Err(_) if input.every_days.trim().is_empty() => {
            check.fail(Field::EveryDays, Issue::Required);
            0
        }
        Err(_) => {
            check.fail(Field::EveryDays, Issue::InvalidNumber);
            0
        }
    };
    check.finish(|| PlanRule {
        id: PlanRuleId(0),
        quadrant: input.quadrant,
        abc: input.abc,
        tag: (!tag.is_empty()).then_some(tag),
        channel: input.channel,
        every_days,
        measure: input.measure,
        starts_on: chrono::NaiveDate::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_line_needs_a_sensible_interval() {
        let input = PlanRuleInput {
            quadrant: Some(Quadrant::Top),
            tag: "  VIP ".into(),
            channel: Channel::Visit,
            every_days: "91".into(),
            ..Default::default()
        };
        let rule = validate_rule(&input).unwrap();
        assert_eq!((rule.tag.as_deref(), rule.every_days), (Some("VIP"), 91));
        for (days, issue) in [
            ("", Issue::Required),
            ("0", Issue::OutOfRange { min: 1, max: 3650 }),
            ("4000", Issue::OutOfRange { min: 1, max: 3650 }),
            ("monatlich", Issue::InvalidNumber),
        ] {
            let bad = PlanRuleInput {
                every_days: days.into(),
                ..input.clone()
            };
            assert_eq!(
                validate_rule(&bad).unwrap_err(),
                vec![FieldError::new(Field::EveryDays, issue)],
                "{days}"
            );
        }
    }

    #[test]
    fn a_measure_needs_a_name_and_a_valid_cost() {
        let input = MeasureInput {
            name: "Kleines Geschenk".into(),
            channel: Channel::Visit,
            cost: "15,00".into(),
            quadrants: vec![Quadrant::Top, Quadrant::Premium, Quadrant::Top],
            ..Default::default()
        };
        let m = validate_measure(&input).unwrap();
        assert_eq!(m.cost_cents, 1500);
        assert_eq!(m.quadrants, vec![Quadrant::Premium, Quadrant::Top]);
        let bad = MeasureInput {
            name: " ".into(),
            cost: "-3".into(),
            ..input
        };
        let fields: Vec<Field> = validate_measure(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec![Field::Name, Field::Cost]);
    }
}
