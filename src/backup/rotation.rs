//! Which backups to keep: 7 daily, 4 weekly and 12 monthly of those made at start, the
//! ones made before an operation for 30 days, the ones the owner made by hand always, and
//! the newest of all in any case.

use super::Kind;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::HashSet;

/// Start backups kept: the newest of each of the last 7 days that have one…
pub const DAYS: usize = 7;
/// …of each of the last 4 calendar weeks (ISO weeks)…
pub const WEEKS: usize = 4;
/// …and of each of the last 12 months.
pub const MONTHS: usize = 12;
/// Backups made before an operation are kept this many days.
pub const OPERATION_DAYS: i64 = 30;

/// The day, week or month a date falls in.
type Period = fn(NaiveDate) -> (i32, u32, u32);

/// For each backup (when it was made, local time, and why), whether it stays.
pub fn keep(backups: &[(NaiveDateTime, Kind)], today: NaiveDate) -> Vec<bool> {
    let mut kept = vec![false; backups.len()];
    // Start backups newest first; the first one met in a day, week or month is its newest.
    let mut daily: Vec<usize> = (0..backups.len())
        .filter(|&i| backups[i].1 == Kind::Daily)
        .collect();
    daily.sort_by(|&a, &b| backups[b].0.cmp(&backups[a].0));
    let periods: [(usize, Period); 3] = [
        (DAYS, |d| (d.year(), d.ordinal(), 0)),
        (WEEKS, |d| (d.iso_week().year(), d.iso_week().week(), 1)),
        (MONTHS, |d| (d.year(), d.month(), 2)),
    ];
    for (count, period) in periods {
        let mut seen = HashSet::new();
        for &i in &daily {
            let key = period(backups[i].0.date());
            if seen.len() == count && !seen.contains(&key) {
                break;
            }
            if seen.insert(key) {
                kept[i] = true;
            }
        }
    }
    for (i, (made, kind)) in backups.iter().enumerate() {
        match kind {
            Kind::Manual => kept[i] = true,
            Kind::Daily => {}
            _ => kept[i] |= (today - made.date()).num_days() <= OPERATION_DAYS,
        }
    }
    // Never the last copy: the newest backup stays whatever its age.
    if let Some(newest) = (0..backups.len()).max_by_key(|&i| backups[i].0) {
        kept[newest] = true;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str) -> NaiveDateTime {
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn operation_backups_stay_thirty_days_and_manual_ones_always() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let backups = [
            (at("2026-12-01"), Kind::BeforeImport),
            (at("2026-11-30"), Kind::BeforeMerge),
            (at("2025-01-01"), Kind::Manual),
            (at("2026-12-31"), Kind::Daily),
        ];
        assert_eq!(keep(&backups, today), [true, false, true, true]);
    }

    #[test]
    fn the_newest_backup_stays_even_when_old() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let backups = [
            (at("2026-01-01"), Kind::BeforeImport),
            (at("2026-02-01"), Kind::BeforeMigration),
        ];
        assert_eq!(keep(&backups, today), [false, true]);
    }

    #[test]
    fn of_two_start_backups_on_one_day_the_later_counts() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let morning = at("2026-12-30");
        let evening = morning + chrono::TimeDelta::hours(9);
        let backups = [(morning, Kind::Daily), (evening, Kind::Daily)];
        assert_eq!(keep(&backups, today), [false, true]);
    }
}
