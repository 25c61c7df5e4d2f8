//! The points ledger: append only. A balance is always the sum of its entries and never
//! below zero; points leave oldest first (redeemed, expired, reversed or corrected away),
//! so the points that expire are the ones earned longest ago. Pure: the caller passes the
//! day and keeps the entries.

use crate::employees::EmployeeId;
use crate::transactions::TransactionId;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum EntryKind {
    /// Points for a purchase.
    Earn,
    /// Welcome, birthday or other bonus.
    Bonus,
    /// Points spent on a reward or coupon.
    Redeem,
    /// Points that ran out of time.
    Expire,
    /// A correction by an employee, with a reason (plus or minus).
    Correct,
    /// A cancelled purchase takes its points back.
    Reverse,
}

impl EntryKind {
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Earn,
        EntryKind::Bonus,
        EntryKind::Redeem,
        EntryKind::Expire,
        EntryKind::Correct,
        EntryKind::Reverse,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Earn => "earn",
            EntryKind::Bonus => "bonus",
            EntryKind::Redeem => "redeem",
            EntryKind::Expire => "expire",
            EntryKind::Correct => "correct",
            EntryKind::Reverse => "reverse",
        }
    }

    pub fn from_code(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    pub on: NaiveDate,
    /// Positive: points added; negative: points taken.
    pub points: i64,
    pub purchase: Option<TransactionId>,
    pub note: String,
    pub employee: Option<EmployeeId>,
}

/// Why the ledger refuses an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerError {
    /// Points must be a positive number (for earn, bonus, redeem).
    NotPositive,
    /// More points asked for than the balance holds.
    NotEnough { balance: i64, wanted: i64 },
    /// A correction needs a reason and must not be zero.
    NoReason,
    /// The day lies before the ledger's last entry.
    BeforeLast { last: NaiveDate },
    /// The purchase earned nothing, or was reversed already.
    NothingToReverse,
}

/// When points expire: at the end of the `years`-th calendar year after the one they were
/// earned in (2: points of 2026 last until 31 December 2028); 0: never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExpiryRule {
    pub years: u32,
}

impl ExpiryRule {
    /// The last day points earned on `earned` are valid; `None`: they never expire.
    pub fn last_day(self, earned: NaiveDate) -> Option<NaiveDate> {
        if self.years == 0 {
            return None;
        }
        NaiveDate::from_ymd_opt(earned.year() + i32::try_from(self.years).ok()?, 12, 31)
    }
}

/// A customer's ledger, oldest entry first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    entries: Vec<Entry>,
}

impl Ledger {
    pub fn new(entries: Vec<Entry>) -> Ledger {
        Ledger { entries }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The sum of every entry.
    pub fn balance(&self) -> i64 {
        self.entries.iter().map(|e| e.points).sum()
    }

    /// The points still held, by the day they came in, oldest first: every taking is
    /// served from the oldest points left.
    pub fn lots(&self) -> Vec<(NaiveDate, i64)> {
        let mut lots: Vec<(NaiveDate, i64)> = Vec::new();
        let mut first = 0;
        for e in &self.entries {
            if e.points > 0 {
                lots.push((e.on, e.points));
                continue;
            }
            let mut take = -e.points;
            while take > 0 && first < lots.len() {
                let used = take.min(lots[first].1);
                lots[first].1 -= used;
                take -= used;
                if lots[first].1 == 0 {
                    first += 1;
                }
            }
        }
        lots.into_iter()
            .skip(first)
            .filter(|(_, p)| *p > 0)
            .collect()
    }

    fn check_day(&self, on: NaiveDate) -> Result<(), LedgerError> {
        match self.entries.last() {
            Some(last) if on < last.on => Err(LedgerError::BeforeLast { last: last.on }),
            _ => Ok(()),
        }
    }

    /// Points for a purchase, or a bonus (`purchase` None).
    pub fn add(
        &self,
        kind: EntryKind,
        on: NaiveDate,
        points: i64,
        purchase: Option<TransactionId>,
        note: &str,
    ) -> Result<Entry, LedgerError> {
        self.check_day(on)?;
        if points <= 0 {
            return Err(LedgerError::NotPositive);
        }
        Ok(Entry {
            kind,
            on,
            points,
            purchase,
            note: note.to_owned(),
            employee: None,
        })
    }

    /// Spends `points` (all or part of the balance).
    pub fn redeem(
        &self,
        on: NaiveDate,
        points: i64,
        note: &str,
        employee: Option<EmployeeId>,
    ) -> Result<Entry, LedgerError> {
        self.check_day(on)?;
        if points <= 0 {
            return Err(LedgerError::NotPositive);
        }
        let balance = self.balance();
        if points > balance {
            return Err(LedgerError::NotEnough {
                balance,
                wanted: points,
            });
        }
        Ok(Entry {
            kind: EntryKind::Redeem,
            on,
            points: -points,
            purchase: None,
            note: note.to_owned(),
            employee,
        })
    }

    /// A correction, plus or minus, with its reason and who made it; it cannot take the
    /// balance below zero.
    pub fn correct(
        &self,
        on: NaiveDate,
        points: i64,
        reason: &str,
        employee: Option<EmployeeId>,
    ) -> Result<Entry, LedgerError> {
        self.check_day(on)?;
        if points == 0 || reason.trim().is_empty() {
            return Err(LedgerError::NoReason);
        }
        let balance = self.balance();
        if balance + points < 0 {
            return Err(LedgerError::NotEnough {
                balance,
                wanted: -points,
            });
        }
        Ok(Entry {
            kind: EntryKind::Correct,
            on,
            points,
            purchase: None,
            note: reason.trim().to_owned(),
            employee,
        })
    }

    /// Takes back what a cancelled purchase earned — as much as the balance still holds
    /// (points already spent stay spent).
    pub fn reverse(&self, on: NaiveDate, purchase: TransactionId) -> Result<Entry, LedgerError> {
        self.check_day(on)?;
        let net: i64 = self
            .entries
            .iter()
            .filter(|e| e.purchase == Some(purchase))
            .map(|e| e.points)
            .sum();
        let take = net.min(self.balance());
        if take <= 0 {
            return Err(LedgerError::NothingToReverse);
        }
        Ok(Entry {
            kind: EntryKind::Reverse,
            on,
            points: -take,
            purchase: Some(purchase),
            note: String::new(),
            employee: None,
        })
    }

    /// The points whose time ran out before `today`, as one entry; `None` when none did.
    pub fn expire(&self, today: NaiveDate, rule: ExpiryRule) -> Option<Entry> {
        if self.check_day(today).is_err() {
            return None;
        }
        let due: i64 = self
            .lots()
            .iter()
            .filter(|(earned, _)| rule.last_day(*earned).is_some_and(|last| last < today))
            .map(|(_, p)| p)
            .sum();
        (due > 0).then(|| Entry {
            kind: EntryKind::Expire,
            on: today,
            points: -due,
            purchase: None,
            note: String::new(),
            employee: None,
        })
    }

    /// Appends an entry made by one of the methods above.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn earned(ledger: &mut Ledger, on: NaiveDate, points: i64, purchase: i64) {
        let e = ledger
            .add(
                EntryKind::Earn,
                on,
                points,
                Some(TransactionId(purchase)),
                "",
            )
            .unwrap();
        ledger.push(e);
    }

    #[test]
    fn redeeming_more_than_the_balance_is_refused() {
        let mut l = Ledger::default();
        earned(&mut l, day(2026, 1, 5), 120, 1);
        assert_eq!(
            l.redeem(day(2026, 2, 1), 121, "", None),
            Err(LedgerError::NotEnough {
                balance: 120,
                wanted: 121
            })
        );
        let e = l.redeem(day(2026, 2, 1), 50, "Gutschein", None).unwrap();
        l.push(e);
        assert_eq!(l.balance(), 70);
        assert_eq!(l.lots(), vec![(day(2026, 1, 5), 70)]);
        assert_eq!(
            l.redeem(day(2026, 2, 1), 0, "", None),
            Err(LedgerError::NotPositive)
        );
        assert_eq!(
            l.redeem(day(2026, 1, 1), 10, "", None),
            Err(LedgerError::BeforeLast {
                last: day(2026, 2, 1)
            })
        );
    }

    #[test]
    fn expiry_takes_the_oldest_points_at_the_end_of_the_second_year() {
        let rule = ExpiryRule { years: 2 };
        assert_eq!(rule.last_day(day(2026, 3, 1)), Some(day(2028, 12, 31)));
        assert_eq!(ExpiryRule { years: 0 }.last_day(day(2026, 3, 1)), None);
        let mut l = Ledger::default();
        earned(&mut l, day(2024, 6, 1), 100, 1);
        earned(&mut l, day(2025, 6, 1), 40, 2);
        let e = l.redeem(day(2025, 7, 1), 30, "", None).unwrap();
        l.push(e);
        // On the last day nothing has expired yet; the day after, the rest of 2024's.
        assert_eq!(l.expire(day(2026, 12, 31), rule), None);
        let e = l.expire(day(2027, 1, 1), rule).unwrap();
        assert_eq!((e.kind, e.points), (EntryKind::Expire, -70));
        l.push(e);
        assert_eq!(l.lots(), vec![(day(2025, 6, 1), 40)]);
        assert_eq!(l.balance(), 40);
        assert_eq!(l.expire(day(2027, 1, 2), rule), None);
    }

    #[test]
    fn a_cancelled_purchase_takes_back_what_is_left() {
        let mut l = Ledger::default();
        earned(&mut l, day(2026, 1, 5), 100, 7);
        let e = l.redeem(day(2026, 1, 6), 80, "", None).unwrap();
        l.push(e);
        let e = l.reverse(day(2026, 1, 7), TransactionId(7)).unwrap();
        assert_eq!(e.points, -20);
        l.push(e);
        assert_eq!(l.balance(), 0);
        assert_eq!(
            l.reverse(day(2026, 1, 8), TransactionId(7)),
            Err(LedgerError::NothingToReverse)
        );
    }

    #[test]
    fn corrections_need_a_reason_and_keep_the_balance_at_zero_or_above() {
        let mut l = Ledger::default();
        earned(&mut l, day(2026, 1, 5), 10, 1);
        assert_eq!(
            l.correct(day(2026, 1, 6), 5, " ", None),
            Err(LedgerError::NoReason)
        );
        assert_eq!(
            l.correct(day(2026, 1, 6), -11, "Doppelt gebucht", None),
            Err(LedgerError::NotEnough {
                balance: 10,
                wanted: 11
            })
        );
        let e = l
            .correct(day(2026, 1, 6), -10, "Doppelt gebucht", Some(EmployeeId(3)))
            .unwrap();
        assert_eq!((e.points, e.employee), (-10, Some(EmployeeId(3))));
    }
}
