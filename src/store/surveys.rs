//! SQL of the surveys: templates (JSON bodies) and responses (JSON answers).

use super::Store;
use super::transactions::ensure_live_customer;
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::interactions::InteractionId;
use crate::surveys::answers::{Answer, Response};
use crate::surveys::response::{NewResponse, Source};
use crate::surveys::template::Template;
use crate::surveys::{ResponseId, SurveyId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{OptionalExtension, params};

fn json_error(e: serde_json::Error) -> Error {
    Error::Internal(format!("survey JSON: {e}"))
}

impl Store {
    /// Every template with its id, in title order.
    pub(crate) fn survey_templates(&self) -> Result<Vec<(SurveyId, Template)>> {
        let mut statement = self
            .conn
            .prepare("SELECT id, body FROM survey_templates ORDER BY title COLLATE NOCASE")?;
        let rows = statement.query_map([], |r| {
            Ok((r.get::<_, SurveyId>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body) = row?;
            out.push((id, serde_json::from_str(&body).map_err(json_error)?));
        }
        Ok(out)
    }

    pub(crate) fn survey_template(&self, id: SurveyId) -> Result<Template> {
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
                id: id.0,
            })?;
        serde_json::from_str(&body).map_err(json_error)
    }

    /// Writes one response; a linked customer must exist outside the trash.
    pub(crate) fn insert_survey_response(
        &mut self,
        r: &NewResponse,
        now: DateTime<Utc>,
    ) -> Result<ResponseId> {
        let answers = serde_json::to_string(&r.answers).map_err(json_error)?;
        self.write(|tx| {
            if let Some(customer) = r.customer {
                ensure_live_customer(tx, customer)?;
            }
            if let Some(interaction) = r.interaction {
                // The visit must be one of this customer's.
                let of: Option<i64> = tx
                    .query_row(
                        "SELECT customer_id FROM interactions WHERE id = ?1",
                        [interaction.0],
                        |row| row.get(0),
                    )
                    .optional()?;
                if of.is_none() || of != r.customer.map(|c| c.0) {
                    return Err(Error::Validation(vec![crate::error::FieldError::new(
                        crate::error::Field::Visit,
                        crate::error::Issue::Unknown,
                    )]));
                }
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
            Ok(ResponseId(tx.last_insert_rowid()))
        })
    }

    /// The responses to a template given from `from` on, in date order.
    pub(crate) fn survey_responses(
        &self,
        template: SurveyId,
        from: NaiveDate,
    ) -> Result<Vec<Response>> {
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

/// A response with who gave it, for the comments list, the CSV and the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResponseRow {
    pub id: ResponseId,
    pub template: SurveyId,
    pub on: NaiveDate,
    pub source: Source,
    pub complete: bool,
    pub customer: Option<(CustomerId, String)>,
    pub answers: Vec<Answer>,
    pub complaint: Option<InteractionId>,
}

const ROW_SELECT: &str = "SELECT r.id, r.template_id, r.answered_on, r.source, r.complete,
        r.customer_id, c.kind, c.first_name, c.last_name, c.firm_name, r.answers, r.complaint_id
     FROM survey_responses r LEFT JOIN customers c ON c.id = r.customer_id";

fn response_row(r: &rusqlite::Row<'_>) -> Result<ResponseRow> {
    use crate::customers::{CustomerKind, display_name};
    let customer = match r.get::<_, Option<i64>>(5)? {
        Some(id) => {
            let kind = if r.get_ref(6)?.as_str().map_err(rusqlite::Error::from)? == "firm" {
                CustomerKind::Firm
            } else {
                CustomerKind::Person
            };
            let text = |i: usize| -> Result<String> { Ok(r.get::<_, String>(i)?) };
            Some((
                CustomerId(id),
                display_name(kind, &text(7)?, &text(8)?, &text(9)?),
            ))
        }
        None => None,
    };
    let source: String = r.get(3)?;
    Ok(ResponseRow {
        id: r.get(0)?,
        template: r.get(1)?,
        on: r.get(2)?,
        source: if source == "kiosk" {
            Source::Kiosk
        } else {
            Source::Visit
        },
        complete: r.get(4)?,
        customer,
        answers: serde_json::from_str(r.get_ref(10)?.as_str().map_err(rusqlite::Error::from)?)
            .map_err(json_error)?,
        complaint: r.get::<_, Option<i64>>(11)?.map(InteractionId),
    })
}

fn unique_title(e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::Validation(vec![crate::error::FieldError::new(
                crate::error::Field::Name,
                crate::error::Issue::NameTaken,
            )])
        }
        _ => Error::Sqlite(e),
    }
}

impl Store {
    /// Bulk insert of the demo shop's responses (one transaction).
    pub(crate) fn insert_demo_responses(
        &mut self,
        responses: &[NewResponse],
        now: DateTime<Utc>,
    ) -> Result<u32> {
        self.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO survey_responses (template_id, customer_id, interaction_id, source,
                     complete, answered_on, answers, created_at)
                 VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for r in responses {
                insert.execute(params![
                    r.template,
                    r.customer.map(|c| c.0),
                    r.source.code(),
                    r.complete,
                    r.on,
                    serde_json::to_string(&r.answers).map_err(json_error)?,
                    now
                ])?;
            }
            Ok(u32::try_from(responses.len()).unwrap_or(u32::MAX))
        })
    }

    /// How many responses each template has.
    pub(crate) fn survey_response_counts(
        &self,
    ) -> Result<std::collections::HashMap<SurveyId, u32>> {
        Ok(self
            .conn
            .prepare("SELECT template_id, count(*) FROM survey_responses GROUP BY template_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a new template (`id` None) or changes one; the title is unique.
    pub(crate) fn save_survey_template(
        &mut self,
        id: Option<SurveyId>,
        t: &Template,
        now: DateTime<Utc>,
    ) -> Result<SurveyId> {
        let body = serde_json::to_string(t).map_err(json_error)?;
        let title = t.title.de.trim().to_owned();
        self.write(|tx| match id {
            None => {
                tx.execute(
                    "INSERT INTO survey_templates (title, body, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?3)",
                    params![title, body, now],
                )
                .map_err(unique_title)?;
                Ok(SurveyId(tx.last_insert_rowid()))
            }
            Some(id) => {
                let changed = tx
                    .execute(
                        "UPDATE survey_templates SET title = ?2, body = ?3, updated_at = ?4
                         WHERE id = ?1",
                        params![id, title, body, now],
                    )
                    .map_err(unique_title)?;
                if changed == 0 {
                    return Err(Error::NotFound {
                        entity: Entity::Survey,
                        id: id.0,
                    });
                }
                Ok(id)
            }
        })
    }

    /// Deletes a template that has no responses.
    pub(crate) fn delete_survey_template(&mut self, id: SurveyId) -> Result<()> {
        self.write(|tx| {
            let used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM survey_responses WHERE template_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if used {
                return Err(Error::Survey(crate::surveys::SurveyProblem::TemplateInUse));
            }
            if tx.execute("DELETE FROM survey_templates WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Survey,
                    id: id.0,
                });
            }
            Ok(())
        })
    }

    /// A template's responses from `from` on with who gave them, newest first.
    pub(crate) fn survey_response_rows(
        &self,
        template: SurveyId,
        from: NaiveDate,
    ) -> Result<Vec<ResponseRow>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE r.template_id = ?1 AND r.answered_on >= ?2
             ORDER BY r.answered_on DESC, r.id DESC"
        ))?;
        let mut rows = statement.query(params![template, from])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(response_row(r)?);
        }
        Ok(out)
    }

    /// A customer's responses for the timeline, newest first, before `after`.
    pub(crate) fn recent_survey_responses(
        &self,
        customer: CustomerId,
        after: Option<&crate::timeline::TimelineCursor>,
        limit: u32,
    ) -> Result<Vec<ResponseRow>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE r.customer_id = ?1
               AND (?2 IS NULL OR (r.answered_on || 'T00:00', 2, r.id) < (?2, ?3, ?4))
             ORDER BY r.answered_on DESC, r.id DESC LIMIT ?5"
        ))?;
        let mut rows = statement.query(params![
            customer.0,
            after.map(|c| c.at.as_str()),
            after.map(|c| c.rank),
            after.map(|c| c.id),
            limit
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(response_row(r)?);
        }
        Ok(out)
    }
}

impl ToSql for SurveyId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl FromSql for SurveyId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(SurveyId)
    }
}

impl ToSql for ResponseId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl FromSql for ResponseId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(ResponseId)
    }
}

/// A response linked to a customer: who, which survey, the day, its id, the answers JSON.
pub(crate) type LinkedAnswers = (CustomerId, SurveyId, chrono::NaiveDate, i64, String);

impl Store {
    /// The answers of responses linked to live customers since `since`: customer,
    /// template, day, response id and the answers as JSON, by customer and day.
    pub(crate) fn linked_answers_since(
        &self,
        since: chrono::NaiveDate,
    ) -> Result<Vec<LinkedAnswers>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.customer_id, r.template_id, r.answered_on, r.id, r.answers
             FROM survey_responses r JOIN customers c ON c.id = r.customer_id
             WHERE r.customer_id IS NOT NULL AND r.answered_on >= ?1
               AND c.trashed_at IS NULL
             ORDER BY r.customer_id, r.answered_on, r.id",
        )?;
        let rows = stmt.query_map([since], |r| {
            Ok((
                CustomerId(r.get(0)?),
                SurveyId(r.get(1)?),
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
