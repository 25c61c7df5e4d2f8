//! The program's rules: points per euro with a rounding rule, tiers by points or revenue of
//! the last 12 months with their multipliers, welcome and birthday bonuses, and expiry.

use super::ledger::{Entry, EntryKind, ExpiryRule};
use crate::error::{Error, Field, FieldError, Issue, Result};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How a fraction of a point is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Rounding {
    /// 12,99 € at 1 point per euro: 12 points.
    #[default]
    Down,
    /// 12,50 € and more: 13 points.
    Nearest,
}

/// What a tier is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TierBasis {
    /// Points earned (purchases and bonuses) in the last 12 months.
    #[default]
    Points,
    /// Revenue paid in the last 12 months, in cents.
    Revenue,
}

/// A tier: Bronze, Silber, Gold …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    pub name: String,
    /// Points, or cents of revenue, from which the tier holds.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub from: i64,
    /// Points for a purchase are multiplied by this, in percent (125: a quarter more).
    pub multiplier_percent: u32,
}

/// The program's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ProgramSettings {
    pub points_per_euro: u32,
    pub rounding: Rounding,
    pub basis: TierBasis,
    /// Ascending by `from`; the first usually from 0.
    pub tiers: Vec<Tier>,
    pub expiry: ExpiryRule,
    pub welcome_bonus: u32,
    pub birthday_bonus: u32,
    /// What a point is worth when redeemed as a discount, in cents (1: 100 points = 1 €).
    pub cents_per_point: u32,
    /// The shop's name as the customer card shows it.
    pub shop_name: String,
}

impl Default for ProgramSettings {
    fn default() -> Self {
        let tier = |name: &str, from, multiplier_percent| Tier {
            name: name.into(),
            from,
            multiplier_percent,
        };
        ProgramSettings {
            points_per_euro: 1,
            rounding: Rounding::Down,
            basis: TierBasis::Points,
            tiers: vec![
                tier("Bronze", 0, 100),
                tier("Silber", 500, 125),
                tier("Gold", 1_500, 150),
            ],
            expiry: ExpiryRule { years: 2 },
            welcome_bonus: 50,
            birthday_bonus: 100,
            cents_per_point: 1,
            shop_name: String::new(),
        }
    }
}

/// A tier as the settings screen edits it: the threshold as typed (points "1.500", or
/// euros of revenue "1.000,00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TierInput {
    pub name: String,
    pub from: String,
    pub multiplier_percent: u32,
}

/// The program's settings as the screen edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProgramSettingsInput {
    pub points_per_euro: u32,
    pub rounding: Rounding,
    pub basis: TierBasis,
    pub tiers: Vec<TierInput>,
    pub expiry: ExpiryRule,
    pub welcome_bonus: u32,
    pub birthday_bonus: u32,
    pub cents_per_point: u32,
    pub shop_name: String,
}

impl ProgramSettingsInput {
    /// Reads the thresholds (points or euros, by the basis) and checks every value; the
    /// errors name the field and the tier's row.
    pub fn parse(&self) -> Result<ProgramSettings> {
        let mut errors = Vec::new();
        let tiers = self
            .tiers
            .iter()
            .enumerate()
            .map(|(row, tier)| {
                let from = match self.basis {
                    TierBasis::Points => crate::money::parse_whole(&tier.from),
                    TierBasis::Revenue => crate::money::parse_cents(&tier.from),
                };
                Tier {
                    name: tier.name.trim().to_owned(),
                    from: from.unwrap_or_else(|issue| {
                        errors.push(FieldError::at(Field::Tiers, row, issue));
                        -1
                    }),
                    multiplier_percent: tier.multiplier_percent,
                }
            })
            .collect();
        let settings = ProgramSettings {
            points_per_euro: self.points_per_euro,
            rounding: self.rounding,
            basis: self.basis,
            tiers,
            expiry: self.expiry,
            welcome_bonus: self.welcome_bonus,
            birthday_bonus: self.birthday_bonus,
            cents_per_point: self.cents_per_point,
            shop_name: self.shop_name.trim().to_owned(),
        };
        if let Err(Error::Validation(more)) = settings.validate() {
            // A threshold that did not read is named once.
            let unread: Vec<Option<u32>> = errors.iter().map(|f| f.row).collect();
            errors.extend(
                more.into_iter()
                    .filter(|e| !(e.field == Field::Tiers && unread.contains(&e.row))),
            );
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl ProgramSettings {
    /// The settings ready for the screen to edit, thresholds written in `lang`.
    pub fn input(&self, lang: crate::Lang) -> ProgramSettingsInput {
        ProgramSettingsInput {
            points_per_euro: self.points_per_euro,
            rounding: self.rounding,
            basis: self.basis,
            tiers: self
                .tiers
                .iter()
                .map(|t| TierInput {
                    name: t.name.clone(),
                    from: match self.basis {
                        TierBasis::Points => crate::money::group_thousands(t.from, lang),
                        TierBasis::Revenue => crate::money::cents_text(t.from, lang),
                    },
                    multiplier_percent: t.multiplier_percent,
                })
                .collect(),
            expiry: self.expiry,
            welcome_bonus: self.welcome_bonus,
            birthday_bonus: self.birthday_bonus,
            cents_per_point: self.cents_per_point,
            shop_name: self.shop_name.clone(),
        }
    }

    /// Checks every value; the errors name the field (and the tier's row).
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if !(1..=1_000).contains(&self.points_per_euro) {
            errors.push(FieldError::new(
                Field::PointsPerEuro,
                Issue::OutOfRange { min: 1, max: 1_000 },
            ));
        }
        for (row, tier) in self.tiers.iter().enumerate() {
            let name = tier.name.trim();
            if name.is_empty() {
                errors.push(FieldError::at(Field::Tiers, row, Issue::Required));
            } else if self.tiers[..row]
                .iter()
                .any(|t| t.name.trim().eq_ignore_ascii_case(name))
            {
                errors.push(FieldError::at(Field::Tiers, row, Issue::Repeated));
            }
            // Thresholds ascend; multipliers from 100 % (no fewer points than the base).
            let ascending = row == 0 || tier.from > self.tiers[row - 1].from;
            if tier.from < 0 || !(100..=1_000).contains(&tier.multiplier_percent) || !ascending {
                errors.push(FieldError::at(Field::Tiers, row, Issue::Invalid));
            }
        }
        for (field, bonus) in [
            (Field::WelcomeBonus, self.welcome_bonus),
            (Field::BirthdayBonus, self.birthday_bonus),
        ] {
            if bonus > 100_000 {
                errors.push(FieldError::new(
                    field,
                    Issue::OutOfRange {
                        min: 0,
                        max: 100_000,
                    },
                ));
            }
        }
        if !(1..=100).contains(&self.cents_per_point) {
            errors.push(FieldError::new(
                Field::CentsPerPoint,
                Issue::OutOfRange { min: 1, max: 100 },
            ));
        }
        if self.shop_name.trim().chars().count() > 60 {
            errors.push(FieldError::new(Field::Name, Issue::TooLong { max: 60 }));
        }
        if self.expiry.years > 10 {
            errors.push(FieldError::new(
                Field::Expiry,
                Issue::OutOfRange { min: 0, max: 10 },
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// The points a purchase paid with `paid_cents` earns in `tier` (none when `None`).
    pub fn points_for(&self, paid_cents: i64, tier: Option<&Tier>) -> i64 {
        if paid_cents <= 0 {
            return 0;
        }
        let multiplier = i128::from(tier.map_or(100, |t| t.multiplier_percent));
        // Points in hundredths of a cent, so that nothing is lost before rounding.
        let scaled = i128::from(paid_cents) * i128::from(self.points_per_euro) * multiplier;
        let per_point = 100 * 100;
        let points = match self.rounding {
            Rounding::Down => scaled / per_point,
            Rounding::Nearest => (scaled + per_point / 2) / per_point,
        };
        i64::try_from(points).unwrap_or(i64::MAX)
    }

    /// The tier a customer with `measure` (points or cents of the last 12 months) is in.
    pub fn tier(&self, measure: i64) -> Option<&Tier> {
        self.tiers.iter().rev().find(|t| measure >= t.from)
    }

    /// The next tier and how much is missing to it; `None` at the top.
    pub fn next_tier(&self, measure: i64) -> Option<(&Tier, i64)> {
        self.tiers
            .iter()
            .find(|t| t.from > measure)
            .map(|t| (t, t.from - measure))
    }
}

/// Points earned (purchases and bonuses, less reversals) in the 12 months up to `today`.
pub fn points_last_12_months(entries: &[Entry], today: NaiveDate) -> i64 {
    let from = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    entries
        .iter()
        .filter(|e| e.on > from && e.on <= today)
        .filter(|e| {
            matches!(
                e.kind,
                EntryKind::Earn | EntryKind::Bonus | EntryKind::Reverse
            )
        })
        .map(|e| e.points)
        .sum::<i64>()
        .max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn entry(kind: EntryKind, on: NaiveDate, points: i64) -> Entry {
        Entry {
            kind,
            on,
            points,
            purchase: None,
            note: String::new(),
            employee: None,
        }
    }

    #[test]
    fn points_per_euro_with_rounding_and_multiplier() {
        let mut s = ProgramSettings::default();
        assert_eq!(s.points_for(1_299, None), 12);
        s.rounding = Rounding::Nearest;
        assert_eq!(s.points_for(1_299, None), 13);
        assert_eq!(s.points_for(1_249, None), 12);
        assert_eq!(s.points_for(1_250, None), 13);
        let gold = s.tiers[2].clone();
        // 12,99 € × 1.5 = 19.485 → 19.
        assert_eq!(s.points_for(1_299, Some(&gold)), 19);
        s.points_per_euro = 10;
        assert_eq!(s.points_for(1_299, Some(&gold)), 195);
        assert_eq!(s.points_for(0, Some(&gold)), 0);
        assert_eq!(s.points_for(-500, None), 0);
    }

    #[test]
    fn tiers_follow_the_last_12_months_and_drop_when_points_age() {
        let s = ProgramSettings::default();
        let entries = vec![
            entry(EntryKind::Earn, day(2025, 12, 1), 1_200),
            entry(EntryKind::Bonus, day(2026, 3, 14), 100),
            entry(EntryKind::Redeem, day(2026, 4, 1), -800),
            entry(EntryKind::Earn, day(2026, 10, 1), 300),
        ];
        // Redeeming does not cost the tier: 1,600 earned in the last 12 months → Gold.
        let today = day(2026, 11, 23);
        let earned = points_last_12_months(&entries, today);
        assert_eq!(earned, 1_600);
        assert_eq!(s.tier(earned).map(|t| t.name.as_str()), Some("Gold"));
        assert_eq!(s.next_tier(earned), None);
        // On 1 December 2026 the 1,200 of December 2025 fall out: Bronze, 100 to Silber.
        let later = points_last_12_months(&entries, day(2026, 12, 1));
        assert_eq!(later, 400);
        assert_eq!(s.tier(later).map(|t| t.name.as_str()), Some("Bronze"));
        let (next, missing) = s.next_tier(later).unwrap();
        assert_eq!((next.name.as_str(), missing), ("Silber", 100));
        assert_eq!(
            s.tier(points_last_12_months(&entries, day(2026, 11, 30)))
                .map(|t| t.name.as_str()),
            Some("Gold")
        );
    }

    #[test]
    fn settings_are_checked_by_field_and_row() {
        assert!(ProgramSettings::default().validate().is_ok());
        let mut s = ProgramSettings {
            points_per_euro: 0,
            ..Default::default()
        };
        s.tiers[1].from = 0;
        s.tiers[2].name = "bronze".into();
        s.expiry.years = 11;
        s.birthday_bonus = 100_001;
        s.cents_per_point = 0;
        let Err(Error::Validation(errors)) = s.validate() else {
            panic!("refused")
        };
        let found: Vec<(Field, Option<u32>)> = errors.iter().map(|e| (e.field, e.row)).collect();
        assert_eq!(
            found,
            vec![
                (Field::PointsPerEuro, None),
                (Field::Tiers, Some(1)),
                (Field::Tiers, Some(2)),
                (Field::BirthdayBonus, None),
                (Field::CentsPerPoint, None),
                (Field::Expiry, None),
            ]
        );
    }
}
