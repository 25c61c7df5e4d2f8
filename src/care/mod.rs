//! The care plan: whom to contact today and why (the agenda), the catalogue of retention
//! measures and the communication plan per segment, the early warning before a customer is
//! lost, lost customers with their reasons and win-back attempts, and the greeting list
//! with address labels for the coming birthdays.

pub mod agenda;
pub mod calendar;
pub mod labels;
pub mod lost;
pub mod news;
pub mod next;
pub mod plan;
pub mod problem;
pub mod reach;
pub mod shop;
pub mod warning;

pub use problem::CareProblem;

use crate::error::{Error, Field, FieldError, Issue, Result};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The thresholds of the early warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct WarningSettings {
    /// Paid revenue of the last 12 months at least this much below the 12 before.
    pub revenue_drop_percent: u32,
    /// The discount share grew by at least this many percentage points.
    pub discount_rise_points: u32,
    /// One category only over at least this many years.
    pub one_category_years: u32,
    /// P(alive) below this.
    pub p_alive_min_percent: u32,
}

impl Default for WarningSettings {
    fn default() -> Self {
        WarningSettings {
            revenue_drop_percent: 25,
            discount_rise_points: 5,
            one_category_years: 2,
            p_alive_min_percent: 50,
        }
    }
}

/// What the owner sets about the agenda and the early warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CareSettings {
    /// Birthdays this many days ahead.
    pub birthday_days: u32,
    /// Plan contacts, follow-ups and next steps this many days ahead ("this week").
    pub week_days: u32,
    /// The follow-up call this many days after a purchase …
    pub follow_up_days: u32,
    /// … of at least this amount (paid, in cents).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub follow_up_min_cents: i64,
    /// The shop's hours for calls, `HH:MM`.
    pub call_from: String,
    pub call_to: String,
    pub warning: WarningSettings,
}

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings {
            birthday_days: 14,
            week_days: 7,
            follow_up_days: 3,
            follow_up_min_cents: 5_000,
            call_from: "09:00".into(),
            call_to: "18:00".into(),
            warning: WarningSettings::default(),
        }
    }
}

/// The settings as the screen edits them: the amount as typed ("1.000,00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CareSettingsInput {
    pub birthday_days: u32,
    pub week_days: u32,
    pub follow_up_days: u32,
    /// The smallest purchase that earns a follow-up call, in euros as typed.
    pub follow_up_min: String,
    pub call_from: String,
    pub call_to: String,
    pub warning: WarningSettings,
}

impl CareSettingsInput {
    /// Reads the amount and checks every value; the errors name the field.
    pub fn parse(&self) -> Result<CareSettings> {
        let mut check = crate::input::Checker::new();
        let follow_up_min_cents = check.cents(Field::FollowUpMin, &self.follow_up_min, None);
        let settings = CareSettings {
            birthday_days: self.birthday_days,
            week_days: self.week_days,
            follow_up_days: self.follow_up_days,
            follow_up_min_cents,
            call_from: self.call_from.trim().to_owned(),
            call_to: self.call_to.trim().to_owned(),
            warning: self.warning,
        };
        let mut errors = check.finish(|| ()).err().unwrap_or_default();
        if let Err(Error::Validation(more)) = settings.validate() {
            errors.extend(more.into_iter().filter(|e| e.field != Field::FollowUpMin));
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl CareSettings {
    /// The settings ready for the screen to edit, amounts written in `lang`.
    pub fn input(&self, lang: crate::Lang) -> CareSettingsInput {
        CareSettingsInput {
            birthday_days: self.birthday_days,
            week_days: self.week_days,
            follow_up_days: self.follow_up_days,
            follow_up_min: crate::money::cents_text(self.follow_up_min_cents, lang),
            call_from: self.call_from.clone(),
            call_to: self.call_to.clone(),
            warning: self.warning,
        }
    }

    /// The call hours; the defaults when the stored ones do not read.
    pub fn call_hours(&self) -> (NaiveTime, NaiveTime) {
        let parse = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").ok();
        match (parse(&self.call_from), parse(&self.call_to)) {
            (Some(from), Some(to)) if from < to => (from, to),
            _ => (
                NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
                NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            ),
        }
    }

    /// Checks every value; the errors name the field.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        let mut range = |field: Field, value: u32, min: u32, max: u32| {
            if !(min..=max).contains(&value) {
                errors.push(FieldError::new(field, Issue::OutOfRange { min, max }));
            }
        };
        range(Field::BirthdayDays, self.birthday_days, 1, 60);
        range(Field::WeekDays, self.week_days, 1, 31);
        range(Field::FollowUpDays, self.follow_up_days, 1, 90);
        let w = self.warning;
        range(Field::RevenueDrop, w.revenue_drop_percent, 1, 100);
        range(Field::DiscountRise, w.discount_rise_points, 1, 100);
        range(Field::OneCategoryYears, w.one_category_years, 1, 20);
        range(Field::PAliveMin, w.p_alive_min_percent, 0, 100);
        if self.follow_up_min_cents < 0 {
            errors.push(FieldError::new(Field::FollowUpMin, Issue::Negative));
        }
        let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
        match (parse(&self.call_from), parse(&self.call_to)) {
            (Some(from), Some(to)) if from >= to => {
                errors.push(FieldError::new(Field::CallTo, Issue::EndBeforeStart))
            }
            (from, to) => {
                if from.is_none() {
                    errors.push(FieldError::new(Field::CallFrom, Issue::InvalidTime));
                }
                if to.is_none() {
                    errors.push(FieldError::new(Field::CallTo, Issue::InvalidTime));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// The periods the early warning's purchase signals are summed over: the 12 months up to
/// `today` and the 12 before them. The value analysis gathers the signals while it reads
/// the purchases (one pass over them): [`warning::Signals::add`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignalPeriods {
    pub today: NaiveDate,
    pub year_ago: NaiveDate,
    pub two_years_ago: NaiveDate,
}

impl warning::Signals {
    /// Counts one purchase of the customer (a purchase after `today` is left out).
    pub(crate) fn add(
        &mut self,
        periods: &SignalPeriods,
        day: NaiveDate,
        gross: i64,
        discount: i64,
        category: &str,
    ) {
        if day > periods.today {
            return;
        }
        self.purchases += 1;
        self.first_purchase = Some(self.first_purchase.map_or(day, |f| f.min(day)));
        if day > periods.year_ago {
            self.gross_12m_cents += gross;
            self.discount_12m_cents += discount;
        } else if day > periods.two_years_ago {
            self.gross_prior_cents += gross;
            self.discount_prior_cents += discount;
        }
        let category = category.trim();
        if category.is_empty() || self.categories >= 2 {
            return;
        }
        match &self.only_category {
            None => {
                self.only_category = Some(category.to_owned());
                self.categories = 1;
            }
            Some(only) if only.eq_ignore_ascii_case(category) => {}
            Some(_) => {
                self.only_category = None;
                self.categories = 2;
            }
        }
    }

    /// Adds the signals of the customer's purchases that come after these (in the next
    /// share of the table): the same as if one had seen both.
    pub(crate) fn merge(&mut self, later: warning::Signals) {
        self.purchases += later.purchases;
        self.first_purchase = match (self.first_purchase, later.first_purchase) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.gross_12m_cents += later.gross_12m_cents;
        self.discount_12m_cents += later.discount_12m_cents;
        self.gross_prior_cents += later.gross_prior_cents;
        self.discount_prior_cents += later.discount_prior_cents;
        // The first category seen stays (its spelling), as when one had seen both.
        let same = |a: &Option<String>, b: &Option<String>| {
            a.as_deref()
                .zip(b.as_deref())
                .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        match (self.categories, later.categories) {
            (0, _) => {
                self.categories = later.categories;
                self.only_category = later.only_category;
            }
            (_, 0) => {}
            (1, 1) if same(&self.only_category, &later.only_category) => {}
            _ => {
                self.categories = 2;
                self.only_category = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::CustomerId;
    use std::collections::HashMap;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const PERIODS: SignalPeriods = SignalPeriods {
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        year_ago: NaiveDate::from_ymd_opt(2025, 11, 23).unwrap(),
        two_years_ago: NaiveDate::from_ymd_opt(2024, 11, 23).unwrap(),
    };

    /// The signals of each customer in `purchases` (customer, day, gross, discount,
    /// category), in the order given.
    fn signals(
        purchases: &[(i64, NaiveDate, i64, i64, &str)],
    ) -> HashMap<CustomerId, warning::Signals> {
        let mut out: HashMap<CustomerId, warning::Signals> = HashMap::new();
        for &(customer, day, gross, discount, category) in purchases {
            out.entry(CustomerId(customer))
                .or_default()
                .add(&PERIODS, day, gross, discount, category);
        }
        out
    }

    #[test]
    fn signals_split_the_two_years_and_count_categories() {
        let s = signals(&[
            (1, day(2026, 1, 5), 10_000, 1_000, "Kaffee"),
            (1, day(2025, 11, 23), 20_000, 0, "kaffee"),
            (1, day(2024, 11, 23), 99_000, 0, "Kaffee"),
            (1, day(2027, 1, 1), 5_000, 0, "Tee"),
            (2, day(2026, 2, 1), 1_000, 0, ""),
            (2, day(2026, 3, 1), 1_000, 0, "Tee"),
            (2, day(2026, 4, 1), 1_000, 0, "Gebäck"),
        ]);
        let a = &s[&CustomerId(1)];
        assert_eq!(
            (a.gross_12m_cents, a.discount_12m_cents, a.gross_prior_cents),
            (10_000, 1_000, 20_000)
        );
        assert_eq!(
            (
                a.purchases,
                a.first_purchase,
                a.categories,
                a.only_category.as_deref()
            ),
            (3, Some(day(2024, 11, 23)), 1, Some("Kaffee"))
        );
        let b = &s[&CustomerId(2)];
        assert_eq!((b.categories, b.only_category.clone()), (2, None));
    }

    /// Purchases split into shares anywhere, each share's signals merged in order, give
    /// the signals of all of them at once.
    #[test]
    fn signals_of_shares_merge_into_those_of_the_whole() {
        let purchases = [
            (1, day(2026, 1, 5), 10_000, 1_000, "Kaffee"),
            (2, day(2026, 2, 1), 1_000, 0, ""),
            (1, day(2024, 11, 23), 99_000, 0, "kaffee"),
            (3, day(2025, 3, 1), 2_000, 0, "Tee"),
            (2, day(2026, 3, 1), 1_000, 0, "Tee"),
            (1, day(2025, 11, 23), 20_000, 500, "KAFFEE"),
            (3, day(2026, 4, 1), 2_000, 0, ""),
            (2, day(2026, 4, 1), 1_000, 100, "Gebäck"),
            (3, day(2027, 1, 1), 5_000, 0, "Gebäck"),
        ];
        let whole = signals(&purchases);
        for cut in 0..=purchases.len() {
            for second_cut in cut..=purchases.len() {
                let mut merged = signals(&purchases[..cut]);
                for share in [&purchases[cut..second_cut], &purchases[second_cut..]] {
                    for (customer, later) in signals(share) {
                        merged.entry(customer).or_default().merge(later);
                    }
                }
                assert_eq!(merged, whole, "cut after {cut} and {second_cut}");
            }
        }
        assert_eq!(whole[&CustomerId(2)].categories, 2);
        assert_eq!(
            whole[&CustomerId(1)].only_category.as_deref(),
            Some("Kaffee")
        );
        assert_eq!(whole[&CustomerId(3)].only_category.as_deref(), Some("Tee"));
    }

    #[test]
    fn settings_are_checked_by_field() {
        assert!(CareSettings::default().validate().is_ok());
        let bad = CareSettings {
            birthday_days: 0,
            follow_up_min_cents: -1,
            call_from: "18:00".into(),
            call_to: "09:00".into(),
            warning: WarningSettings {
                p_alive_min_percent: 101,
                ..Default::default()
            },
            ..Default::default()
        };
        let Err(Error::Validation(errors)) = bad.validate() else {
            panic!("refused")
        };
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::BirthdayDays,
                Field::PAliveMin,
                Field::FollowUpMin,
                Field::CallTo
            ]
        );
    }
}
