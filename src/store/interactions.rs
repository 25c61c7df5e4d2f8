//! The `interactions` table.

use super::Store;
use super::transactions::ensure_live_customer;
use crate::customers::CustomerId;
use crate::error::Result;
use crate::interactions::{Channel, Direction, Interaction, InteractionFields, InteractionId};
use crate::timeline::{AT_FORMAT, TimelineCursor};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, Row, params};

const COLUMNS: &str = "id, customer_id, at, channel, direction, summary, outcome, next_step, \
     next_step_due, complaint, created_at, complaint_resolved_on, employee_id, \
     (SELECT name FROM employees e WHERE e.id = interactions.employee_id)";

fn conversion(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, Type::Text, what.to_owned().into())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Interaction> {
    let at: String = row.get(2)?;
    let channel: String = row.get(3)?;
    let direction: String = row.get(4)?;
    Ok(Interaction {
        id: InteractionId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        at: NaiveDateTime::parse_from_str(&at, AT_FORMAT).map_err(|_| conversion(2, &at))?,
        channel: Channel::from_code(&channel).ok_or_else(|| conversion(3, &channel))?,
        direction: Direction::from_code(&direction).ok_or_else(|| conversion(4, &direction))?,
        summary: row.get(5)?,
        outcome: row.get(6)?,
        next_step: row.get(7)?,
        next_step_due: row.get(8)?,
        complaint: row.get(9)?,
        created_at: row.get(10)?,
        complaint_resolved_on: row.get(11)?,
        employee_id: row
            .get::<_, Option<i64>>(12)?
            .map(crate::employees::EmployeeId),
        employee_name: row.get(13)?,
    })
}

/// Inserts one interaction row; returns its id.
pub(super) fn insert_row(
    tx: &Connection,
    customer: CustomerId,
    f: &InteractionFields,
    employee: Option<crate::employees::EmployeeId>,
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO interactions (customer_id, at, channel, direction, summary, outcome,
             next_step, next_step_due, complaint, created_at, employee_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        customer.0,
        f.at.format(AT_FORMAT).to_string(),
        f.channel.code(),
        f.direction.code(),
        f.summary,
        f.outcome,
        f.next_step,
        f.next_step_due,
        f.complaint,
        now,
        employee.map(|e| e.0)
    ])?;
    Ok(tx.last_insert_rowid())
}

/// One interaction by id.
pub(super) fn read_row(tx: &Connection, id: i64) -> Result<Interaction> {
    Ok(tx.query_row(
        &format!("SELECT {COLUMNS} FROM interactions WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

impl Store {
    /// The day of the customer's last contact on any channel; `None`: never.
    pub(crate) fn last_contact_on(&self, customer: CustomerId) -> Result<Option<NaiveDate>> {
        let last: Option<String> = self.conn.query_row(
            "SELECT max(last_on) FROM customer_last_contacts WHERE customer_id = ?1",
            [customer.0],
            |r| r.get(0),
        )?;
        Ok(last.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }
}

impl Store {
    pub(crate) fn insert_interaction(
        &mut self,
        customer: CustomerId,
        f: &InteractionFields,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        let actor = self.actor;
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let id = insert_row(tx, customer, f, actor, now)?;
            read_row(tx, id)
        })
    }

    /// Up to `limit` interactions with a customer, newest first, before `after`.
    pub(crate) fn recent_interactions(
        &self,
        customer: CustomerId,
        after: Option<&TimelineCursor>,
        limit: u32,
    ) -> Result<Vec<Interaction>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM interactions
             WHERE customer_id = ?1 AND (?2 IS NULL OR (at, 1, id) < (?2, ?3, ?4))
             ORDER BY at DESC, id DESC
             LIMIT ?5"
        );
        super::rows::timeline_page(&self.conn, &sql, customer, after, limit, from_row)
    }
}
