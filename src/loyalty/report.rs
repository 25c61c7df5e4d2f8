//! The program report: points issued, redeemed and expired per month, members, active
//! members and the redemption rate.

use super::ledger::EntryKind;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// One month of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonthFigures {
    /// "2026-11".
    pub month: String,
    /// Earned from purchases and bonuses, plus corrections upwards.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub issued: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub redeemed: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub expired: i64,
    /// Taken back for cancelled purchases, plus corrections downwards.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub taken_back: i64,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProgramReport {
    /// Oldest first; every month of the period, also the empty ones.
    pub months: Vec<MonthFigures>,
    pub members: u32,
    /// Members who earned points in the period.
    pub active_members: u32,
    /// Points held by all members now.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding: i64,
    /// What the outstanding points are worth as discounts, in cents.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding_cents: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub issued: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub redeemed: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub expired: i64,
    /// Redeemed ÷ issued in the period, in percent; `None` when nothing was issued.
    pub redemption_rate: Option<f64>,
}

/// The first day of the report period: the first of the month `months - 1` months before
/// `today`'s.
pub fn period_start(today: NaiveDate, months: u32) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first
        .checked_sub_months(Months::new(months.saturating_sub(1)))
        .unwrap_or(first)
}

/// The report from per-month totals of each entry kind (`(month, kind, points)`; for
/// corrections, plus and minus come as separate rows).
pub fn build(
    totals: &[(String, EntryKind, i64)],
    today: NaiveDate,
    months: u32,
    members: u32,
    active_members: u32,
    outstanding: i64,
    cents_per_point: u32,
) -> ProgramReport {
    let start = period_start(today, months);
    let mut rows: Vec<MonthFigures> = (0..months.max(1))
        .filter_map(|i| start.checked_add_months(Months::new(i)))
        .map(|d| MonthFigures {
            month: format!("{:04}-{:02}", d.year(), d.month()),
            issued: 0,
            redeemed: 0,
            expired: 0,
            taken_back: 0,
        })
        .collect();
    for (month, kind, points) in totals {
        let Some(row) = rows.iter_mut().find(|r| &r.month == month) else {
            continue;
        };
        match kind {
            EntryKind::Earn | EntryKind::Bonus => row.issued += points,
            EntryKind::Redeem => row.redeemed -= points,
            EntryKind::Expire => row.expired -= points,
            EntryKind::Reverse => row.taken_back -= points,
            EntryKind::Correct if *points > 0 => row.issued += points,
            EntryKind::Correct => row.taken_back -= points,
        }
    }
    let issued: i64 = rows.iter().map(|r| r.issued).sum();
    let redeemed: i64 = rows.iter().map(|r| r.redeemed).sum();
    let expired: i64 = rows.iter().map(|r| r.expired).sum();
    ProgramReport {
        months: rows,
        members,
        active_members,
        outstanding,
        outstanding_cents: outstanding * i64::from(cents_per_point),
        issued,
        redeemed,
        expired,
        redemption_rate: (issued > 0).then(|| redeemed as f64 * 100.0 / issued as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_are_filled_and_summed_across_the_year_end() {
        assert_eq!(period_start(day(2027, 2, 14), 12), day(2026, 3, 1));
        let totals = vec![
            ("2026-02".to_owned(), EntryKind::Earn, 999), // before the period
            ("2026-12".to_owned(), EntryKind::Earn, 400),
            ("2026-12".to_owned(), EntryKind::Bonus, 100),
            ("2026-12".to_owned(), EntryKind::Correct, 20),
            ("2026-12".to_owned(), EntryKind::Correct, -5),
            ("2027-01".to_owned(), EntryKind::Redeem, -250),
            ("2027-01".to_owned(), EntryKind::Expire, -30),
            ("2027-02".to_owned(), EntryKind::Reverse, -40),
        ];
        let r = build(&totals, day(2027, 2, 14), 12, 10, 4, 195, 1);
        assert_eq!(r.months.len(), 12);
        assert_eq!(r.months[0].month, "2026-03");
        assert_eq!(r.months[11].month, "2027-02");
        let dec = &r.months[9];
        assert_eq!((dec.issued, dec.taken_back), (520, 5));
        assert_eq!((r.months[10].redeemed, r.months[10].expired), (250, 30));
        assert_eq!(r.months[11].taken_back, 40);
        assert_eq!((r.issued, r.redeemed, r.expired), (520, 250, 30));
        let rate = r.redemption_rate.unwrap();
        assert!((rate - 48.077).abs() < 0.001, "{rate}");
        assert_eq!(r.outstanding_cents, 195);
        assert_eq!(
            build(&[], day(2027, 2, 14), 3, 0, 0, 0, 1).redemption_rate,
            None
        );
    }
}
