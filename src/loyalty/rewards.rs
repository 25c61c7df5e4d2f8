//! The rewards catalogue and coupons as the owner types them, checked by field.

use super::coupons::{CouponState, Uses};
use crate::customers::CustomerId;
use crate::error::{Field, FieldError, Issue};
use crate::input::Checker;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct RewardId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct CouponId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// What a reward gives: not only discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RewardKind {
    /// A discount in percent (`value` percent).
    DiscountPercent,
    /// A discount in euros (`value` cents).
    #[default]
    DiscountAmount,
    Gift,
    /// Exclusive early access to new products.
    Presale,
    /// An invitation to an event.
    Event,
    /// An offer of a partner business.
    Partner,
    Custom,
}

impl RewardKind {
    pub const ALL: [RewardKind; 7] = [
        RewardKind::DiscountPercent,
        RewardKind::DiscountAmount,
        RewardKind::Gift,
        RewardKind::Presale,
        RewardKind::Event,
        RewardKind::Partner,
        RewardKind::Custom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RewardKind::DiscountPercent => "discountPercent",
            RewardKind::DiscountAmount => "discountAmount",
            RewardKind::Gift => "gift",
            RewardKind::Presale => "presale",
            RewardKind::Event => "event",
            RewardKind::Partner => "partner",
            RewardKind::Custom => "custom",
        }
    }

    pub fn from_code(code: &str) -> Option<RewardKind> {
        RewardKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A reward of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reward {
    pub id: RewardId,
    pub name: String,
    pub kind: RewardKind,
    /// Percent for a percentage discount, cents for an amount, else 0.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub value: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub points: i64,
    /// `None`: unlimited.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub stock: Option<i64>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub description: String,
}

impl Reward {
    /// The value as the form shows it for editing: "10" (percent), "5,00" (euros), "".
    pub fn value_input(&self, lang: crate::Lang) -> String {
        match self.kind {
            RewardKind::DiscountPercent => self.value.to_string(),
            RewardKind::DiscountAmount => crate::money::cents_text(self.value, lang),
            _ => String::new(),
        }
    }

    /// The reward as its form shows it for editing, amounts written in `lang`.
    pub fn input(&self, lang: crate::Lang) -> RewardInput {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default()
        };
        RewardInput {
            name: self.name.clone(),
            kind: self.kind,
            value: self.value_input(lang),
            points: self.points.to_string(),
            stock: self.stock.map(|s| s.to_string()).unwrap_or_default(),
            valid_from: date(self.valid_from),
            valid_until: date(self.valid_until),
            description: self.description.clone(),
        }
    }

    /// Whether it can be redeemed on `today`: in stock and within its validity.
    pub fn available(&self, today: NaiveDate) -> bool {
        self.stock.is_none_or(|s| s > 0)
            && self.valid_from.is_none_or(|d| d <= today)
            && self.valid_until.is_none_or(|d| today <= d)
    }
}

/// A reward as typed into the catalogue form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct RewardInput {
    pub name: String,
    pub kind: RewardKind,
    /// "10" (percent) or "5,00" (euros), by kind; ignored for the other kinds.
    pub value: String,
    pub points: String,
    /// Empty: unlimited.
    pub stock: String,
    pub valid_from: String,
    pub valid_until: String,
    pub description: String,
}

/// Checked reward fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardFields {
    pub name: String,
    pub kind: RewardKind,
    pub value: i64,
    pub points: i64,
    pub stock: Option<i64>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub description: String,
}

pub const MAX_POINTS: u32 = 10_000_000;

impl RewardInput {
    pub fn validate(&self) -> Result<RewardFields, Vec<FieldError>> {
        let mut check = Checker::new();
        let name = check.required(Field::Name, &self.name, 80);
        let value = match self.kind {
            RewardKind::DiscountPercent => match check.whole(Field::Value, &self.value, 1, 100) {
                Some(v) => v,
                None if self.value.trim().is_empty() => {
                    check.fail(Field::Value, Issue::Required);
                    0
                }
                None => 0,
            },
            RewardKind::DiscountAmount => check.cents(Field::Value, &self.value, None),
            _ => 0,
        };
        let points = check.whole(Field::Points, &self.points, 1, MAX_POINTS);
        if points.is_none() && self.points.trim().is_empty() {
            check.fail(Field::Points, Issue::Required);
        }
        let stock = check.whole(Field::Stock, &self.stock, 0, 1_000_000);
        let valid_from = check.date(Field::ValidFrom, &self.valid_from);
        let valid_until = check.date(Field::ValidUntil, &self.valid_until);
        if let (Some(from), Some(until)) = (valid_from, valid_until)
            && until < from
        {
            check.fail(Field::ValidUntil, Issue::EndBeforeStart);
        }
        let description = check.text(Field::Description, &self.description, 500);
        check.finish(|| RewardFields {
            name,
            kind: self.kind,
            value,
            points: points.unwrap_or(1),
            stock,
            valid_from,
            valid_until,
            description,
        })
    }
}

/// A coupon: a code to hand out, for one customer or anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Coupon {
    pub id: CouponId,
    /// 12 characters; shown as XXXX-XXXX-XXXX.
    pub code: String,
    pub customer_id: Option<CustomerId>,
    pub customer_name: Option<String>,
    pub reward_id: Option<RewardId>,
    pub description: String,
    /// `None`: as often as wanted.
    pub max_uses: Option<u32>,
    pub used: u32,
    pub valid_until: Option<NaiveDate>,
    pub issued_on: NaiveDate,
}

impl Coupon {
    pub fn state(&self) -> CouponState {
        CouponState {
            uses: self.max_uses.map_or(Uses::Many(u32::MAX), |n| {
                if n == 1 { Uses::Once } else { Uses::Many(n) }
            }),
            used: self.used,
            valid_until: self.valid_until,
        }
    }
}

/// A coupon as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CouponInput {
    pub description: String,
    /// Empty: any customer may use it.
    pub customer_id: Option<CustomerId>,
    /// "1" (default), "50", or empty with `unlimited`.
    pub max_uses: String,
    pub unlimited: bool,
    pub valid_until: String,
}

/// Checked coupon fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponFields {
    pub description: String,
    pub customer_id: Option<CustomerId>,
    pub max_uses: Option<u32>,
    pub valid_until: Option<NaiveDate>,
}

impl CouponInput {
    pub fn validate(&self, today: NaiveDate) -> Result<CouponFields, Vec<FieldError>> {
        let mut check = Checker::new();
        let description = check.required(Field::Description, &self.description, 200);
        let max_uses = if self.unlimited {
            None
        } else {
            Some(
                check
                    .whole(Field::Uses, &self.max_uses, 1, 1_000_000)
                    .unwrap_or(1) as u32,
            )
        };
        let valid_until = check.date(Field::ValidUntil, &self.valid_until);
        if valid_until.is_some_and(|d| d < today) {
            check.fail(Field::ValidUntil, Issue::DateTooEarly);
        }
        check.finish(|| CouponFields {
            description,
            customer_id: self.customer_id,
            max_uses,
            valid_until,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fields_of(errors: Vec<FieldError>) -> Vec<(Field, Issue)> {
        errors.into_iter().map(|e| (e.field, e.issue)).collect()
    }

    #[test]
    fn rewards_are_checked_by_field_and_kind() {
        let ok = RewardInput {
            name: " 5 € Rabatt ".into(),
            kind: RewardKind::DiscountAmount,
            value: "5,00".into(),
            points: "1.500".into(),
            ..RewardInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.value, ok.points),
            ("5 € Rabatt", 500, 1_500)
        );
        assert_eq!(ok.stock, None);

        let bad = RewardInput {
            name: "".into(),
            kind: RewardKind::DiscountPercent,
            value: "150".into(),
            points: "0".into(),
            stock: "viele".into(),
            valid_from: "01.12.2026".into(),
            valid_until: "30.11.2026".into(),
            ..RewardInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            fields_of(bad),
            vec![
                (Field::Name, Issue::Required),
                (Field::Value, Issue::OutOfRange { min: 1, max: 100 }),
                (
                    Field::Points,
                    Issue::OutOfRange {
                        min: 1,
                        max: MAX_POINTS
                    }
                ),
                (Field::Stock, Issue::InvalidNumber),
                (Field::ValidUntil, Issue::EndBeforeStart),
            ]
        );
        // A gift has no value; the points are required.
        let gift = RewardInput {
            name: "Tasse".into(),
            kind: RewardKind::Gift,
            value: "egal".into(),
            ..RewardInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(fields_of(gift), vec![(Field::Points, Issue::Required)]);
    }

    #[test]
    fn a_reward_reads_back_into_its_form() {
        let input = RewardInput {
            name: "5 € Rabatt".into(),
            kind: RewardKind::DiscountAmount,
            value: "5,5".into(),
            points: "500".into(),
            stock: "12".into(),
            valid_until: "31.12.2026".into(),
            ..RewardInput::default()
        };
        let f = input.validate().unwrap();
        let reward = Reward {
            id: RewardId(1),
            name: f.name,
            kind: f.kind,
            value: f.value,
            points: f.points,
            stock: f.stock,
            valid_from: f.valid_from,
            valid_until: f.valid_until,
            description: f.description,
        };
        let back = reward.input(crate::Lang::De);
        assert_eq!(back.value, "5,50");
        assert_eq!((back.points.as_str(), back.stock.as_str()), ("500", "12"));
        assert_eq!(back.valid_until, "31.12.2026");
        assert_eq!(back.validate().unwrap().value, 550);
    }

    #[test]
    fn availability_follows_stock_and_validity() {
        let reward = Reward {
            id: RewardId(1),
            name: "Abend".into(),
            kind: RewardKind::Event,
            value: 0,
            points: 100,
            stock: Some(1),
            valid_from: Some(day(2026, 12, 1)),
            valid_until: Some(day(2026, 12, 31)),
            description: String::new(),
        };
        assert!(!reward.available(day(2026, 11, 30)));
        assert!(reward.available(day(2026, 12, 1)));
        assert!(reward.available(day(2026, 12, 31)));
        assert!(!reward.available(day(2027, 1, 1)));
        let gone = Reward {
            stock: Some(0),
            ..reward
        };
        assert!(!gone.available(day(2026, 12, 10)));
    }

    #[test]
    fn coupons_are_checked_by_field() {
        let today = day(2026, 11, 23);
        let ok = CouponInput {
            description: "Herbstaktion".into(),
            max_uses: "".into(),
            valid_until: "31.12.2026".into(),
            ..CouponInput::default()
        }
        .validate(today)
        .unwrap();
        assert_eq!(ok.max_uses, Some(1), "single use unless said otherwise");
        let many = CouponInput {
            description: "Newsletter".into(),
            unlimited: true,
            ..CouponInput::default()
        }
        .validate(today)
        .unwrap();
        assert_eq!(many.max_uses, None);
        let bad = CouponInput {
            description: " ".into(),
            max_uses: "0".into(),
            valid_until: "01.11.2026".into(),
            ..CouponInput::default()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(
            fields_of(bad),
            vec![
                (Field::Description, Issue::Required),
                (
                    Field::Uses,
                    Issue::OutOfRange {
                        min: 1,
                        max: 1_000_000
                    }
                ),
                (Field::ValidUntil, Issue::DateTooEarly),
            ]
        );
    }
}
