//! SQL of the loyalty program: members and cards, the points ledger (insert only), the
//! counter's rows, the upkeep's candidates and the figures of the program report.

use super::Store;
use super::transactions::{ensure_live_customer, insert_row};
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::loyalty::LoyaltyProblem;
use crate::loyalty::ledger::EntryKind;
use crate::loyalty::{BonusKind, HistoryEntry, Member, NewEntry, cards};
use crate::transactions::{Transaction, TransactionFields, TransactionId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

pub(super) fn conversion(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what}").into(),
    )
}

fn member_from_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        customer_id: CustomerId(row.get(0)?),
        card_number: row.get(1)?,
        joined_on: row.get(2)?,
    })
}

/// Appends one entry to a customer's ledger. The database refuses a balance below zero
/// too; the core checks first and names the problem.
pub(super) fn insert_entry(
    tx: &Connection,
    customer: CustomerId,
    new: &NewEntry,
    now: DateTime<Utc>,
) -> Result<i64> {
    let e = &new.entry;
    tx.prepare_cached(
        "INSERT INTO loyalty_entries (customer_id, kind, on_date, points, purchase_id, bonus,
             reward_id, note, employee_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        customer.0,
        e.kind.code(),
        e.on,
        e.points,
        e.purchase.map(|p| p.0),
        new.bonus.map(BonusKind::code),
        new.reward.map(|r| r.0),
        e.note,
        e.employee.map(|x| x.0),
        now
    ])?;
    Ok(tx.last_insert_rowid())
}

/// One point total per month and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotal {
    /// "2026-11".
    pub month: String,
    pub kind: EntryKind,
    pub points: i64,
}

/// What the store knows about a customer for the counter's identity check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterRow {
    pub customer_id: CustomerId,
    pub name: String,
    pub number: String,
    pub city: String,
    pub birth_day: Option<u32>,
    pub birth_month: Option<u32>,
    pub card_number: Option<String>,
    pub balance: i64,
}

impl Store {
    pub(crate) fn loyalty_member(&self, customer: CustomerId) -> Result<Option<Member>> {
        Ok(self
            .conn
            .query_row(
                "SELECT customer_id, card_number, joined_on FROM loyalty_members
                 WHERE customer_id = ?1",
                [customer.0],
                member_from_row,
            )
            .optional()?)
    }

    /// The live customer holding card `number` (13 digits).
    pub(crate) fn member_by_card(&self, number: &str) -> Result<Option<CustomerId>> {
        Ok(self
            .conn
            .query_row(
                "SELECT m.customer_id FROM loyalty_members m
                 JOIN customers c ON c.id = m.customer_id AND c.trashed_at IS NULL
                 WHERE m.card_number = ?1",
                [number],
                |r| r.get(0),
            )
            .optional()?
            .map(CustomerId))
    }

    /// Makes a customer a member with the next card number, and books the welcome bonus.
    pub(crate) fn join_program(
        &mut self,
        customer: CustomerId,
        joined_on: NaiveDate,
        welcome: Option<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<Member> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM loyalty_members WHERE customer_id = ?1",
                    [customer.0],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(Error::Loyalty(LoyaltyProblem::AlreadyMember));
            }
            let last: Option<String> =
                tx.query_row("SELECT max(card_number) FROM loyalty_members", [], |r| {
                    r.get(0)
                })?;
            let next = last.and_then(|n| cards::sequence_of(&n)).unwrap_or(0) + 1;
            let card = cards::card_number(next);
            tx.execute(
                "INSERT INTO loyalty_members (customer_id, card_number, joined_on, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![customer.0, card, joined_on, now],
            )?;
            if let Some(welcome) = &welcome {
                insert_entry(tx, customer, welcome, now)?;
            }
            Ok(Member {
                customer_id: customer,
                card_number: card,
                joined_on,
            })
        })
    }

    /// A customer's ledger, oldest first, with the balance after each entry.
    pub(crate) fn loyalty_history(&self, customer: CustomerId) -> Result<Vec<HistoryEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT e.id, e.kind, e.on_date, e.points, e.purchase_id, e.bonus, r.name, w.name,
                    e.note
             FROM loyalty_entries e
             LEFT JOIN loyalty_rewards r ON r.id = e.reward_id
             LEFT JOIN employees w ON w.id = e.employee_id
             WHERE e.customer_id = ?1
             ORDER BY e.on_date, e.id",
        )?;
        let mut balance = 0;
        let rows = statement.query_map([customer.0], |row| {
            let kind: String = row.get(1)?;
            let bonus: Option<String> = row.get(5)?;
            Ok(HistoryEntry {
                id: row.get(0)?,
                kind: EntryKind::from_code(&kind).ok_or_else(|| conversion("entry kind"))?,
                on: row.get(2)?,
                points: row.get(3)?,
                balance_after: 0,
                purchase_id: row.get::<_, Option<i64>>(4)?.map(TransactionId),
                bonus: bonus.as_deref().and_then(BonusKind::from_code),
                reward_name: row.get(6)?,
                employee_name: row.get(7)?,
                note: row.get(8)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let mut entry = row?;
            balance += entry.points;
            entry.balance_after = balance;
            out.push(entry);
        }
        Ok(out)
    }

    /// Paid revenue (after discounts) of a customer's purchases dated after `after` up to
    /// and including `until`.
    pub(crate) fn paid_between(
        &self,
        customer: CustomerId,
        after: NaiveDate,
        until: NaiveDate,
    ) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(amount_cents - discount_cents), 0) FROM transactions
             WHERE customer_id = ?1 AND date > ?2 AND date <= ?3",
            params![customer.0, after, until],
            |r| r.get(0),
        )?)
    }

    /// Appends entries of several customers in one transaction (expiry, birthday bonuses).
    pub(crate) fn book_entries(
        &mut self,
        entries: &[(CustomerId, NewEntry)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            for (customer, entry) in entries {
                insert_entry(tx, *customer, entry, now)?;
            }
            Ok(())
        })
    }

    /// Records a purchase and, for a member, the points it earns — together or not at all.
    pub(crate) fn insert_purchase_earning(
        &mut self,
        customer: CustomerId,
        f: &TransactionFields,
        earn: Option<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<Transaction> {
        let id = self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let id = insert_row(tx, customer, f, now)?;
            if let Some(mut earn) = earn {
                earn.entry.purchase = Some(TransactionId(id));
                insert_entry(tx, customer, &earn, now)?;
            }
            Ok(id)
        })?;
        self.transaction(TransactionId(id))
    }

    /// Cancels a purchase: it leaves the timeline and the figures; `reverse` (if any) takes
    /// its points back. One transaction.
    pub(crate) fn cancel_purchase(
        &mut self,
        purchase: &Transaction,
        reverse: Option<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM transactions WHERE id = ?1", [purchase.id.0])? == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Transaction,
                    id: purchase.id.0,
                });
            }
            if let Some(reverse) = &reverse {
                insert_entry(tx, purchase.customer_id, reverse, now)?;
            }
            Ok(())
        })
    }

    /// Books a redemption; with a reward, takes one from its stock (refused when none is
    /// left); with a coupon, counts its use (refused when used up). One transaction.
    pub(crate) fn book_redemption(
        &mut self,
        customer: CustomerId,
        entry: &NewEntry,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            if let Some(reward) = entry.reward {
                let taken = tx.execute(
                    "UPDATE loyalty_rewards SET stock = stock - 1
                     WHERE id = ?1 AND stock IS NOT NULL AND stock > 0",
                    [reward.0],
                )?;
                let unlimited: Option<bool> = tx
                    .query_row(
                        "SELECT stock IS NULL FROM loyalty_rewards WHERE id = ?1",
                        [reward.0],
                        |r| r.get(0),
                    )
                    .optional()?;
                match unlimited {
                    None => {
                        return Err(Error::NotFound {
                            entity: Entity::Reward,
                            id: reward.0,
                        });
                    }
                    Some(false) if taken == 0 => {
                        return Err(Error::Loyalty(LoyaltyProblem::RewardOutOfStock));
                    }
                    _ => {}
                }
            }
            insert_entry(tx, customer, entry, now)
        })
    }

    /// Name, city, birthday, card and balance of these customers, in the order given.
    pub(crate) fn counter_rows(&self, ids: &[CustomerId]) -> Result<Vec<CounterRow>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id,
                    CASE WHEN c.kind = 'firm' THEN c.firm_name
                         ELSE trim(c.first_name || ' ' || c.last_name) END,
                    c.number, c.city, c.birth_day, c.birth_month, m.card_number,
                    (SELECT coalesce(sum(points), 0) FROM loyalty_entries e
                     WHERE e.customer_id = c.id)
             FROM customers c LEFT JOIN loyalty_members m ON m.customer_id = c.id
             WHERE c.id = ?1 AND c.trashed_at IS NULL",
        )?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(row) = statement
                .query_row([id.0], |r| {
                    Ok(CounterRow {
                        customer_id: CustomerId(r.get(0)?),
                        name: r.get(1)?,
                        number: r.get(2)?,
                        city: r.get(3)?,
                        birth_day: r.get(4)?,
                        birth_month: r.get(5)?,
                        card_number: r.get(6)?,
                        balance: r.get(7)?,
                    })
                })
                .optional()?
            {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Customers still holding points earned before `before` (the candidates for expiry).
    /// Points leave oldest first and a balance never goes below zero, so what is left of
    /// the points earned before `before` is their sum less everything ever taken.
    pub(crate) fn expiry_candidates(&self, before: NaiveDate) -> Result<Vec<CustomerId>> {
        Ok(self
            .conn
            .prepare(
                "SELECT customer_id FROM loyalty_entries
                 GROUP BY customer_id
                 HAVING sum(CASE WHEN points > 0 AND on_date < ?1 THEN points
                                 WHEN points < 0 THEN points ELSE 0 END) > 0",
            )?
            .query_map([before], |r| r.get(0).map(CustomerId))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Members of live customers whose birthday (day and month) falls in `from..=to` of
    /// the year of `to` and who joined by then, without a birthday bonus in that year.
    pub(crate) fn birthday_bonus_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(CustomerId, NaiveDate)>> {
        use chrono::Datelike;
        let mut statement = self.conn.prepare(
            "SELECT m.customer_id, c.birth_month, c.birth_day, m.joined_on FROM loyalty_members m
             JOIN customers c ON c.id = m.customer_id AND c.trashed_at IS NULL
             WHERE c.birth_month IS NOT NULL AND c.birth_day IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM loyalty_entries e
                               WHERE e.customer_id = m.customer_id AND e.kind = 'bonus'
                                 AND e.bonus = 'birthday' AND substr(e.on_date, 1, 4) = ?1)",
        )?;
        let year = to.year();
        let rows = statement.query_map([format!("{year:04}")], |r| {
            Ok((
                CustomerId(r.get(0)?),
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, NaiveDate>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (customer, month, day, joined) = row?;
            // 29 February counts on the 28th in other years.
            let birthday = NaiveDate::from_ymd_opt(year, month, day)
                .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1)));
            if let Some(birthday) = birthday
                && from <= birthday
                && birthday <= to
                && joined <= birthday
            {
                out.push((customer, birthday));
            }
        }
        Ok(out)
    }

    /// Point totals per month and kind of entries dated `from` or later (plus and minus
    /// corrections apart).
    pub(crate) fn loyalty_month_totals(&self, from: NaiveDate) -> Result<Vec<MonthTotal>> {
        let mut statement = self.conn.prepare(
            "SELECT substr(on_date, 1, 7), kind, sum(points) FROM loyalty_entries
             WHERE on_date >= ?1 GROUP BY 1, 2, points > 0 ORDER BY 1, 2",
        )?;
        let rows = statement.query_map([from], |r| {
            let kind: String = r.get(1)?;
            Ok(MonthTotal {
                month: r.get(0)?,
                kind: EntryKind::from_code(&kind).ok_or_else(|| conversion("entry kind"))?,
                points: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Members of live customers; those who earned points from `active_from` on; the sum
    /// of all balances.
    pub(crate) fn member_counts(&self, active_from: NaiveDate) -> Result<(u32, u32, i64)> {
        Ok(self.conn.query_row(
            "SELECT count(*),
                    (SELECT count(DISTINCT e.customer_id) FROM loyalty_entries e
                     WHERE e.kind = 'earn' AND e.on_date >= ?1),
                    (SELECT coalesce(sum(points), 0) FROM loyalty_entries)
             FROM loyalty_members m JOIN customers c ON c.id = m.customer_id
             WHERE c.trashed_at IS NULL",
            [active_from],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    pub(crate) fn transaction(&self, id: TransactionId) -> Result<Transaction> {
        super::transactions::by_id(&self.conn, id)
    }
}
