//! SQL of the surveys: templates (JSON bodies) and responses (JSON answers).

use super::Store;
use super::transactions::ensure_live_customer;
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::interactions::InteractionId;
use crate::surveys::answers::{Answer, Response};
use crate::surveys::template::Template;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

fn json_error(e: serde_json::Error) -> Error {
    Error::Internal(format!("survey JSON: {e}"))
}

/// Where a response was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Kiosk,
    Visit,
}

impl Source {
    fn code(self) -> &'static str {
        match self {
            Source::Kiosk => "kiosk",
            Source::Visit => "visit",
        }
    }
}

/// A response about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResponse {
    pub template: i64,
    pub customer: Option<CustomerId>,
    pub interaction: Option<InteractionId>,
    pub source: Source,
    pub complete: bool,
    pub on: NaiveDate,
    pub answers: Vec<Answer>,
}

impl Store {
    /// Every template with its id, in title order.
    pub(crate) fn survey_templates(&self) -> Result<Vec<(i64, Template)>> {
        let mut statement = self
            .conn
            .prepare("SELECT id, body FROM survey_templates ORDER BY title COLLATE NOCASE")?;
        let rows =
            statement.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body) = row?;
            out.push((id, serde_json::from_str(&body).map_err(json_error)?));
        }
        Ok(out)
    }

    pub(crate) fn survey_template(&self, id: i64) -> Result<Template> {
        let body: String = self
            .conn
            .query_row(
                "SELECT body FROM survey_templates WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: Entity::Survey,
                id,
            })?;
        serde_json::from_str(&body).map_err(json_error)
    }

    /// Writes one response; a linked customer must exist outside the trash.
    pub(crate) fn insert_survey_response(
        &mut self,
        r: &NewResponse,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let answers = serde_json::to_string(&r.answers).map_err(json_error)?;
        self.write(|tx| {
            if let Some(customer) = r.customer {
                ensure_live_customer(tx, customer)?;
            }
            tx.prepare_cached(
                "INSERT INTO survey_responses (template_id, customer_id, interaction_id, source,
                     complete, answered_on, answers, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                r.template,
                r.customer.map(|c| c.0),
                r.interaction.map(|i| i.0),
                r.source.code(),
                r.complete,
                r.on,
                answers,
                now
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The responses to a template given from `from` on, in date order.
    pub(crate) fn survey_responses(&self, template: i64, from: NaiveDate) -> Result<Vec<Response>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT answered_on, complete, answers FROM survey_responses
             WHERE template_id = ?1 AND answered_on >= ?2 ORDER BY answered_on, id",
        )?;
        let mut rows = statement.query(params![template, from])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let answers = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            out.push(Response {
                on: r.get(0)?,
                complete: r.get(1)?,
                answers: serde_json::from_str(answers).map_err(json_error)?,
            });
        }
        Ok(out)
    }
}
