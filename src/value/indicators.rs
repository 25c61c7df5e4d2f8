//! The owner's own criteria for the score ("Weiterempfehler", "Zahlungsmoral"): a name and
//! a weight each, and per customer a mark from 1 (poor) to 5 (excellent). In the score a
//! mark counts as (mark − 1) / 4; a customer without a mark counts as the middle, 0.5.

use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IndicatorId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// A criterion of the owner's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    pub weight: f64,
}

/// A criterion with one customer's mark on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerIndicator {
    pub indicator: Indicator,
    pub value: Option<u8>,
}

pub const NAME_MAX: usize = 60;

/// Every criterion, in the order they were made.
pub fn list(store: &Store) -> Result<Vec<Indicator>> {
    store.score_indicators()
}

/// Adds a criterion (`id` none) or changes one. The name must be given, at most 60
/// characters and not in use; the weight, as typed ("1,5"), between 0 and 1,000.
pub fn save(
    store: &mut Store,
    id: Option<IndicatorId>,
    name: &str,
    weight: &str,
    clock: &Clock,
) -> Result<Indicator> {
    let now = clock.now();
    let name = name.trim();
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new(Field::Name, Issue::Required));
    } else if name.chars().count() > NAME_MAX {
        errors.push(FieldError::new(
            Field::Name,
            Issue::TooLong {
                max: NAME_MAX as u32,
            },
        ));
    }
    let weight = crate::money::parse_decimal(weight, 3);
    if let Err(issue) = &weight {
        errors.push(FieldError::new(Field::ScoreWeights, issue.clone()));
    }
    let weight = weight.unwrap_or(0.0);
    if !(0.0..=1000.0).contains(&weight) {
        errors.push(FieldError::new(
            Field::ScoreWeights,
            Issue::OutOfRange { min: 0, max: 1000 },
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let id = store.save_score_indicator(id, name, weight, now)?;
    Ok(Indicator {
        id,
        name: name.to_owned(),
        weight,
    })
}

/// Removes a criterion and every mark on it.
pub fn delete(store: &mut Store, id: IndicatorId) -> Result<()> {
    store.delete_score_indicator(id)
}

/// Every criterion with the customer's mark.
pub fn of_customer(store: &Store, customer: CustomerId) -> Result<Vec<CustomerIndicator>> {
    let marks = store.indicator_values(Some(customer))?;
    Ok(list(store)?
        .into_iter()
        .map(|indicator| CustomerIndicator {
            value: marks
                .iter()
                .find(|(_, i, _)| *i == indicator.id)
                .map(|(_, _, v)| *v),
            indicator,
        })
        .collect())
}

/// Sets a customer's mark (1–5) on a criterion; `None` removes it. Counts from the next
/// analysis.
pub fn set(
    store: &mut Store,
    customer: CustomerId,
    indicator: IndicatorId,
    value: Option<u8>,
) -> Result<()> {
    if value.is_some_and(|v| !(1..=5).contains(&v)) {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Indicator,
            Issue::OutOfRange { min: 1, max: 5 },
        )]));
    }
    store.set_indicator_value(customer, indicator, value)
}
