//! SQL of the next step's events (schema 17): recorded one per user action, read per
//! customer for the profile and the timeline, and all at once for the agenda.

use super::Store;
use super::rows::channel_of;
use super::transactions::ensure_live_customer;
use crate::care::next::{StepAction, StepEvent, StepEventId};
use crate::care::plan::MeasureId;
use crate::customers::CustomerId;
use crate::employees::EmployeeId;
use crate::error::Result;
use crate::interactions::Channel;
use crate::timeline::{AT_FORMAT, TimelineCursor};
use crate::value::segments::{Phase, Quadrant};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::Type;
use rusqlite::{Row, params};

const SELECT: &str = "SELECT s.id, s.customer_id, s.measure_id, s.measure_name, s.channel,
        s.quadrant, s.phase, s.action, s.assignee_id, a.name, s.due_on, s.note,
        s.employee_id, e.name, s.at
     FROM next_steps s
     LEFT JOIN employees a ON a.id = s.assignee_id
     LEFT JOIN employees e ON e.id = s.employee_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<StepEvent> {
    let bad = |col: usize, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(col, Type::Text, text.to_owned().into())
    };
    let action = r.get_ref(7)?.as_str()?;
    let at = r.get_ref(14)?.as_str()?;
    Ok(StepEvent {
        id: StepEventId(r.get(0)?),
        customer: CustomerId(r.get(1)?),
        measure: r.get::<_, Option<i64>>(2)?.map(MeasureId),
        measure_name: r.get(3)?,
        channel: channel_of(r.get_ref(4)?.as_str()?),
        quadrant: Quadrant::from_code(r.get_ref(5)?.as_str()?),
        phase: Phase::from_code(r.get_ref(6)?.as_str()?),
        action: StepAction::from_code(action).ok_or_else(|| bad(7, action))?,
        assignee: r.get::<_, Option<i64>>(8)?.map(EmployeeId),
        assignee_name: r.get(9)?,
        due_on: r.get(10)?,
        note: r.get(11)?,
        employee_id: r.get::<_, Option<i64>>(12)?.map(EmployeeId),
        employee_name: r.get(13)?,
        at: NaiveDateTime::parse_from_str(at, AT_FORMAT).map_err(|_| bad(14, at))?,
    })
}

/// A step event about to be recorded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewStepEvent<'a> {
    pub customer: CustomerId,
    pub measure: MeasureId,
    pub measure_name: &'a str,
    pub channel: Channel,
    pub quadrant: Option<Quadrant>,
    pub phase: Option<Phase>,
    pub action: StepAction,
    pub assignee: Option<EmployeeId>,
    pub due_on: Option<NaiveDate>,
    pub note: &'a str,
    pub at: NaiveDateTime,
}

impl Store {
    /// Records a step event by the current actor, in one transaction, and clears the agenda
    /// marks of the customer's suggested step (done or put off there before).
    pub(crate) fn record_step(
        &mut self,
        e: &NewStepEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<StepEvent> {
        let actor = self.actor();
        self.write(|tx| {
            ensure_live_customer(tx, e.customer)?;
            tx.prepare_cached(
                "INSERT INTO next_steps (customer_id, measure_id, measure_name, channel,
                     quadrant, phase, action, assignee_id, due_on, note, employee_id, at,
                     created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                e.customer.0,
                e.measure.0,
                e.measure_name,
                e.channel.code(),
                e.quadrant.map_or("", |q| q.code()),
                e.phase.map_or("", |p| p.code()),
                e.action.code(),
                e.assignee.map(|a| a.0),
                e.due_on,
                e.note,
                actor.map(|a| a.0),
                e.at.format(AT_FORMAT).to_string(),
                now,
            ])?;
            let id = tx.last_insert_rowid();
            Ok(tx.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)?)
        })
    }

    /// Every step event, or one customer's, in the order they happened.
    pub(crate) fn step_events(&self, only: Option<CustomerId>) -> Result<Vec<StepEvent>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE ?1 IS NULL OR s.customer_id = ?1 ORDER BY s.id"
        ))?;
        let rows = stmt.query_map([only.map(|c| c.0)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of a customer's step events for the timeline, newest first.
    pub(crate) fn recent_step_events(
        &self,
        customer: CustomerId,
        after: Option<&TimelineCursor>,
        limit: u32,
    ) -> Result<Vec<StepEvent>> {
        let sql = format!(
            "{SELECT} WHERE s.customer_id = ?1 AND (?2 IS NULL OR (s.at, 3, s.id) < (?2, ?3, ?4))
             ORDER BY s.at DESC, s.id DESC LIMIT ?5"
        );
        super::rows::timeline_page(&self.conn, &sql, customer, after, limit, from_row)
    }

    /// Removes the latest event of a customer's measure if it was recorded on `today`
    /// (the Undo right after done or not now); otherwise nothing.
    pub(crate) fn undo_step(
        &mut self,
        customer: CustomerId,
        measure: MeasureId,
        today: NaiveDate,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM next_steps WHERE id = (
                     SELECT id FROM next_steps WHERE customer_id = ?1 AND measure_id = ?2
                     ORDER BY id DESC LIMIT 1)
                 AND substr(at, 1, 10) = ?3",
                params![customer.0, measure.0, today.format("%Y-%m-%d").to_string()],
            )?;
            Ok(())
        })
    }
}
