//! The `transactions` table (purchases).

use super::Store;
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::timeline::TimelineCursor;
use crate::transactions::{Transaction, TransactionFields, TransactionId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str = "id, customer_id, date, amount_cents, discount_cents, product, category, \
     quantity, note, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Transaction> {
    Ok(Transaction {
        id: TransactionId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        date: row.get(2)?,
        amount_cents: row.get(3)?,
        discount_cents: row.get(4)?,
        product: row.get(5)?,
        category: row.get(6)?,
        quantity: row.get(7)?,
        note: row.get(8)?,
        created_at: row.get(9)?,
    })
}

/// New entries may only be added to customers that exist and are not in the trash.
pub(super) fn ensure_live_customer(conn: &Connection, id: CustomerId) -> Result<()> {
    let trashed: Option<Option<String>> = conn
        .query_row(
            "SELECT trashed_at FROM customers WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .optional()?;
    match trashed {
        Some(None) => Ok(()),
        _ => Err(Error::NotFound {
            entity: Entity::Customer,
            id: id.0,
        }),
    }
}

/// Inserts one purchase row; returns its id.
pub(super) fn insert_row(
    tx: &Connection,
    customer: CustomerId,
    f: &TransactionFields,
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO transactions (customer_id, date, amount_cents, discount_cents,
             product, category, quantity, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        customer.0,
        f.date,
        f.amount_cents,
        f.discount_cents,
        f.product,
        f.category,
        f.quantity,
        f.note,
        now
    ])?;
    Ok(tx.last_insert_rowid())
}

/// One purchase by id.
pub(super) fn by_id(conn: &Connection, id: TransactionId) -> Result<Transaction> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM transactions WHERE id = ?1"),
        [id.0],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: Entity::Transaction,
        id: id.0,
    })
}

impl Store {
    /// Up to `limit` purchases of a customer, newest first, before `after`.
    pub(crate) fn recent_transactions(
        &self,
        customer: CustomerId,
        after: Option<&TimelineCursor>,
        limit: u32,
    ) -> Result<Vec<Transaction>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM transactions
             WHERE customer_id = ?1
               AND (?2 IS NULL OR (date || 'T00:00', 0, id) < (?2, ?3, ?4))
             ORDER BY date DESC, id DESC
             LIMIT ?5"
        );
        super::rows::timeline_page(&self.conn, &sql, customer, after, limit, from_row)
    }
}
