//! Purchases (Umsatz/Kauf): what a customer bought, when, for how much and with which
//! discount. Amounts are integer cents.

use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::input::Checker;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct TransactionId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// A purchase as typed into the quick entry or a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct TransactionInput {
    /// `31.12.2024` or `2024-12-31`.
    pub date: String,
    /// `1.234,56` or `1234.56`, in euros.
    pub amount: String,
    /// Discount given, in euros; empty means none.
    pub discount: String,
    pub product: String,
    pub category: String,
    /// Empty means 1.
    pub quantity: String,
    pub note: String,
}

/// A stored purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    pub id: TransactionId,
    pub customer_id: CustomerId,
    pub date: NaiveDate,
    // Cents stay far below 2^53: a plain TypeScript number.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub amount_cents: i64,
    // Cents stay far below 2^53: a plain TypeScript number.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub discount_cents: i64,
    pub product: String,
    pub category: String,
    pub quantity: u32,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// Validated purchase fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TransactionFields {
    pub date: NaiveDate,
    pub amount_cents: i64,
    pub discount_cents: i64,
    pub product: String,
    pub category: String,
    pub quantity: u32,
    pub note: String,
}

const MAX_QUANTITY: u32 = 1_000_000;

/// Checks a purchase; `today` bounds the date (purchases are not recorded ahead).
pub(crate) fn validate(
    input: &TransactionInput,
    today: NaiveDate,
) -> std::result::Result<TransactionFields, Vec<FieldError>> {
    let mut check = Checker::new();
    let date = match check.date(Field::Date, &input.date) {
        Some(date) if date > today => {
            check.fail(Field::Date, Issue::DateInFuture);
            None
        }
        None if input.date.trim().is_empty() => {
            check.fail(Field::Date, Issue::Required);
            None
        }
        date => date,
    };
    let amount_cents = check.cents(Field::Amount, &input.amount, None);
    let discount_cents = check.cents(Field::Discount, &input.discount, Some(0));
    if discount_cents > amount_cents {
        check.fail(Field::Discount, Issue::DiscountAboveAmount);
    }
    let product = check.text(Field::Product, &input.product, 200);
    let category = check.text(Field::Category, &input.category, 100);
    let note = check.text(Field::Note, &input.note, 2_000);
    let quantity = match input.quantity.trim() {
        "" => 1,
        text => match text.parse::<u32>() {
            Ok(q) if (1..=MAX_QUANTITY).contains(&q) => q,
            _ => {
                check.fail(
                    Field::Quantity,
                    Issue::OutOfRange {
                        min: 1,
                        max: MAX_QUANTITY,
                    },
                );
                1
            }
        },
    };
    check.finish(|| TransactionFields {
        date: date.unwrap_or(today),
        amount_cents,
        discount_cents,
        product,
        category,
        quantity,
        note,
    })
}

/// Records a purchase of a customer who is not in the trash; a member earns points for it.
pub fn add(
    store: &mut Store,
    customer: CustomerId,
    input: &TransactionInput,
    clock: &Clock,
) -> Result<Transaction> {
    let now = clock.now();
    let today = clock.today();
    let fields = validate(input, today).map_err(Error::Validation)?;
    // A member's purchase earns points in the same transaction.
    let earn = crate::loyalty::shop::earning(store, customer, &fields, today)?;
    store.insert_purchase_earning(customer, &fields, earn, now)
}

/// Cancels a purchase entered by mistake or returned: it leaves the timeline and every
/// figure, and the points it earned are taken back.
pub fn cancel(store: &mut Store, id: TransactionId, clock: &Clock) -> Result<()> {
    crate::loyalty::shop::cancel_purchase(store, id, clock)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn issues(input: &TransactionInput) -> Vec<(Field, Issue)> {
        validate(input, today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.issue))
            .collect()
    }

    #[test]
    fn reads_a_typical_purchase() {
        let input = TransactionInput {
            date: "21.11.2026".into(),
            amount: "1.234,50".into(),
            discount: "34,50".into(),
            product: " Navigationsgerät ".into(),
            ..Default::default()
        };
        let f = validate(&input, today()).unwrap();
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
        assert_eq!(
            (f.amount_cents, f.discount_cents, f.quantity),
            (123_450, 3_450, 1)
        );
        assert_eq!(f.product, "Navigationsgerät");
    }

    #[test]
    fn names_every_bad_field() {
        let input = TransactionInput {
            date: "23.11.2026".into(),
            amount: "-5".into(),
            quantity: "0".into(),
            ..Default::default()
        };
        assert_eq!(
            issues(&input),
            vec![
                (Field::Date, Issue::DateInFuture),
                (Field::Amount, Issue::Negative),
                (
                    Field::Quantity,
                    Issue::OutOfRange {
                        min: 1,
                        max: MAX_QUANTITY
                    }
                ),
            ]
        );
        let no_date = TransactionInput {
            amount: "5".into(),
            ..Default::default()
        };
        assert_eq!(issues(&no_date), vec![(Field::Date, Issue::Required)]);
        let too_much_discount = TransactionInput {
            date: "22.11.2026".into(),
            amount: "5".into(),
            discount: "6".into(),
            ..Default::default()
        };
        assert_eq!(
            issues(&too_much_discount),
            vec![(Field::Discount, Issue::DiscountAboveAmount)]
        );
    }
}
