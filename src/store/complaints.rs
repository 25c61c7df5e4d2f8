//! SQL of complaints: interactions marked as complaints with their workflow columns
//! (schema 13), and complaints taken up from a survey response.

use super::Store;
use super::rows::not_found;
use super::transactions::ensure_live_customer;
use crate::complaints::{Complaint, ComplaintFields, ComplaintStatus};
use crate::customers::{CustomerId, CustomerKind, display_name};
use crate::employees::EmployeeId;
use crate::error::{Entity, Error, Field, FieldError, Issue, Result};
use crate::interactions::{Channel, Interaction, InteractionFields, InteractionId};
use crate::timeline::AT_FORMAT;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

const SELECT: &str = "SELECT i.id, i.customer_id, c.kind, c.first_name, c.last_name, c.firm_name,
        i.at, i.channel, i.summary, i.complaint_status, i.complaint_owner, e.name,
        i.complaint_resolution, i.complaint_resolved_on
     FROM interactions i
     JOIN customers c ON c.id = i.customer_id
     LEFT JOIN employees e ON e.id = i.complaint_owner";

fn conversion(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, Type::Text, what.to_owned().into())
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    let kind = if r.get_ref(2)?.as_str()? == "firm" {
        CustomerKind::Firm
    } else {
        CustomerKind::Person
    };
    let at: String = r.get(6)?;
    let channel: String = r.get(7)?;
    let status: Option<String> = r.get(9)?;
    let status = status.unwrap_or_else(|| "open".to_owned());
    Ok(Complaint {
        id: InteractionId(r.get(0)?),
        customer_id: CustomerId(r.get(1)?),
        customer_name: display_name(
            kind,
            r.get_ref(3)?.as_str()?,
            r.get_ref(4)?.as_str()?,
            r.get_ref(5)?.as_str()?,
        ),
        at: NaiveDateTime::parse_from_str(&at, AT_FORMAT).map_err(|_| conversion(6, &at))?,
        channel: Channel::from_code(&channel).ok_or_else(|| conversion(7, &channel))?,
        summary: r.get(8)?,
        status: ComplaintStatus::from_code(&status).ok_or_else(|| conversion(9, &status))?,
        owner: r.get::<_, Option<i64>>(10)?.map(EmployeeId),
        owner_name: r.get(11)?,
        resolution: r.get(12)?,
        solved_on: r.get(13)?,
    })
}

fn read(tx: &Connection, id: i64) -> Result<Complaint> {
    tx.query_row(
        &format!("{SELECT} WHERE i.id = ?1 AND i.complaint = 1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: Entity::Interaction,
        id,
    })
}

/// A stored survey response, as a complaint is taken up from it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredResponse {
    pub template: crate::surveys::SurveyId,
    pub customer: Option<CustomerId>,
    pub on: chrono::NaiveDate,
    pub answers: Vec<crate::surveys::answers::Answer>,
    pub complaint: Option<InteractionId>,
}

impl Store {
    /// A customer's complaints: the unsolved ones oldest first, or all newest first.
    pub(crate) fn complaints_of(&self, customer: CustomerId, all: bool) -> Result<Vec<Complaint>> {
        let sql = if all {
            format!(
                "{SELECT} WHERE i.customer_id = ?1 AND i.complaint = 1 ORDER BY i.at DESC, i.id DESC"
            )
        } else {
            format!(
                "{SELECT} WHERE i.customer_id = ?1 AND i.complaint = 1
                   AND i.complaint_status <> 'solved' ORDER BY i.at, i.id"
            )
        };
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([customer.0], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The shop's complaints of live customers: the statuses asked for (none: all), one
    /// owner or all, oldest first (the longest waiting on top), at most `limit`.
    pub(crate) fn complaints_shop(
        &self,
        statuses: &[ComplaintStatus],
        owner: Option<EmployeeId>,
        limit: u32,
    ) -> Result<Vec<Complaint>> {
        let wanted: Vec<&str> = statuses.iter().map(|s| s.code()).collect();
        let sql = format!(
            "{SELECT}
             WHERE i.complaint = 1 AND c.trashed_at IS NULL
               AND (?1 = '' OR instr(?1, ',' || coalesce(i.complaint_status, 'open') || ',') > 0)
               AND (?2 IS NULL OR i.complaint_owner = ?2)
             ORDER BY i.at, i.id
             LIMIT ?3"
        );
        let list = if wanted.is_empty() {
            String::new()
        } else {
            format!(",{},", wanted.join(","))
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![list, owner.map(|e| e.0), limit], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn complaint(&self, id: InteractionId) -> Result<Complaint> {
        read(&self.conn, id.0)
    }

    /// Writes a complaint's workflow; status and the solved day go together.
    pub(crate) fn update_complaint(
        &mut self,
        id: InteractionId,
        f: &ComplaintFields,
    ) -> Result<Complaint> {
        self.write(|tx| {
            if let Some(owner) = f.owner {
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM employees WHERE id = ?1)",
                    [owner.0],
                    |r| r.get(0),
                )?;
                if !known {
                    return Err(Error::Validation(vec![FieldError::new(
                        Field::Employee,
                        Issue::Unknown,
                    )]));
                }
            }
            let changed = tx.execute(
                "UPDATE interactions SET complaint_status = ?2, complaint_owner = ?3,
                     complaint_resolution = ?4, complaint_resolved_on = ?5
                 WHERE id = ?1 AND complaint = 1",
                params![
                    id.0,
                    f.status.code(),
                    f.owner.map(|o| o.0),
                    f.resolution,
                    f.solved_on
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Interaction,
                    id: id.0,
                });
            }
            read(tx, id.0)
        })
    }

    pub(crate) fn survey_response(&self, id: crate::surveys::ResponseId) -> Result<StoredResponse> {
        let row = self
            .conn
            .query_row(
                "SELECT template_id, customer_id, answered_on, answers, complaint_id
                 FROM survey_responses WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: Entity::Survey,
                id: id.0,
            })?;
        Ok(StoredResponse {
            template: crate::surveys::SurveyId(row.0),
            customer: row.1.map(CustomerId),
            on: row.2,
            answers: serde_json::from_str(&row.3)
                .map_err(|e| Error::Internal(format!("survey JSON: {e}")))?,
            complaint: row.4.map(InteractionId),
        })
    }

    /// Records the complaint and links the response to it, in one transaction.
    pub(crate) fn complaint_from_response(
        &mut self,
        response: crate::surveys::ResponseId,
        customer: CustomerId,
        f: &InteractionFields,
        now: DateTime<Utc>,
    ) -> Result<Complaint> {
        let actor = self.actor;
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let id = super::interactions::insert_row(tx, customer, f, actor, now)?;
            let linked = tx.execute(
                "UPDATE survey_responses SET complaint_id = ?2
                 WHERE id = ?1 AND complaint_id IS NULL",
                params![response, id],
            )?;
            if linked == 0 {
                return Err(Error::Survey(
                    crate::surveys::SurveyProblem::ComplaintExists,
                ));
            }
            read(tx, id)
        })
    }
}

/// What the care plan reads and writes of complaints.
impl Store {
    /// How many open complaints each customer has.
    pub(crate) fn open_complaints(&self) -> Result<HashMap<CustomerId, u32>> {
        Ok(self
            .conn
            .prepare(
                "SELECT customer_id, count(*) FROM interactions
                 WHERE complaint = 1 AND complaint_status <> 'solved' GROUP BY customer_id",
            )?
            .query_map([], |r| Ok((CustomerId(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Marks a customer's complaint resolved on `day`.
    pub(crate) fn resolve_complaint(
        &mut self,
        id: InteractionId,
        day: NaiveDate,
    ) -> Result<Interaction> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE interactions SET complaint_status = 'solved', complaint_resolved_on = ?2
                 WHERE id = ?1 AND complaint = 1",
                params![id.0, day],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Interaction, id.0));
            }
            super::interactions::read_row(tx, id.0)
        })
    }
}
