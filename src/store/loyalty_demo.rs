//! Writes only the demo shop's card holders make.

use super::Store;
use super::loyalty::insert_entry;
use crate::customers::CustomerId;
use crate::error::Result;
use crate::loyalty::{Member, NewEntry};
use crate::transactions::TransactionId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

impl Store {
    /// Purchases dated `since` or later of live, active customers, by customer and date:
    /// (customer, purchase, date, paid cents, product, birth month, birth day).
    #[allow(clippy::type_complexity)]
    pub(crate) fn demo_purchases(
        &self,
        since: NaiveDate,
    ) -> Result<
        Vec<(
            CustomerId,
            TransactionId,
            NaiveDate,
            i64,
            String,
            Option<u32>,
            Option<u32>,
        )>,
    > {
        Ok(self
            .conn
            .prepare(
                "SELECT t.customer_id, t.id, t.date, t.amount_cents - t.discount_cents, t.product,
                        c.birth_month, c.birth_day
                 FROM transactions t JOIN customers c ON c.id = t.customer_id
                 WHERE t.date >= ?1 AND c.trashed_at IS NULL AND c.status = 'active'
                 ORDER BY t.customer_id, t.date, t.id",
            )?
            .query_map([since], |r| {
                Ok((
                    CustomerId(r.get(0)?),
                    TransactionId(r.get(1)?),
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Bulk insert of demo members and ledgers (one transaction, no checks beyond the
    /// database's own).
    pub(crate) fn insert_demo_loyalty(
        &mut self,
        members: &[(Member, Vec<NewEntry>)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            for (member, entries) in members {
                tx.prepare_cached(
                    "INSERT INTO loyalty_members (customer_id, card_number, joined_on, created_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    member.customer_id.0,
                    member.card_number,
                    member.joined_on,
                    now
                ])?;
                for entry in entries {
                    insert_entry(tx, member.customer_id, entry, now)?;
                }
            }
            Ok(())
        })
    }
}
