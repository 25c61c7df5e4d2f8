//! The `customers` table.

use super::Store;
use crate::customers::{
    Customer, CustomerFields, CustomerId, CustomerKind, CustomerPage, CustomerSummary,
    TrashedCustomer, display_name,
};
use crate::error::{Entity, Error, Field, FieldError, Issue, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use rusqlite::{OptionalExtension, Row, ToSql, Transaction, params, params_from_iter};
use serde::{Deserialize, Serialize};

/// Where a page of the customer list continues: the last row's sort key and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ListCursor {
    pub sort_key: String,
    pub id: CustomerId,
}

/// Numbers are assigned from here on when the user gives none.
const FIRST_NUMBER: i64 = 10_001;

const COLUMNS: &str = "id, number, kind, first_name, last_name, firm_name, street, postal_code, \
     city, country, phone, email, birthday, notes, created_at, updated_at, trashed_at, \
     last_verified";

fn customer_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    let kind: CustomerKind = row.get(2)?;
    let first_name: String = row.get(3)?;
    let last_name: String = row.get(4)?;
    let firm_name: String = row.get(5)?;
    Ok(Customer {
        id: CustomerId(row.get(0)?),
        number: row.get(1)?,
        kind,
        display_name: display_name(kind, &first_name, &last_name, &firm_name),
        first_name,
        last_name,
        firm_name,
        street: row.get(6)?,
        postal_code: row.get(7)?,
        city: row.get(8)?,
        country: row.get(9)?,
        phone: row.get(10)?,
        email: row.get(11)?,
        birthday: row.get(12)?,
        notes: row.get(13)?,
        created_at: row.get(14)?,
        updated_at: row.get(15)?,
        trashed_at: row.get(16)?,
        last_verified: row.get(17)?,
    })
}

fn load(tx: &rusqlite::Connection, id: CustomerId) -> Result<Customer> {
    tx.query_row(
        &format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"),
        [id.0],
        customer_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: Entity::Customer,
        id: id.0,
    })
}

impl ToSql for CustomerKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

impl FromSql for CustomerKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let code = value.as_str()?;
        CustomerKind::from_code(code).ok_or_else(|| FromSqlError::Other(code.into()))
    }
}

/// A list row from the columns `id, number, kind, first_name, last_name, firm_name, city,
/// phone, email` (in that order, first).
fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<CustomerSummary> {
    let kind: CustomerKind = row.get(2)?;
    let first: String = row.get(3)?;
    let last: String = row.get(4)?;
    let firm: String = row.get(5)?;
    Ok(CustomerSummary {
        id: CustomerId(row.get(0)?),
        number: row.get(1)?,
        kind,
        display_name: display_name(kind, &first, &last, &firm),
        city: row.get(6)?,
        phone: row.get(7)?,
        email: row.get(8)?,
    })
}

/// The stored fields as parameters ?1…?13 (in the column order the statements use),
/// followed by `rest`.
fn with_fields<'a>(f: &'a CustomerFields, rest: &[&'a dyn ToSql]) -> Vec<&'a dyn ToSql> {
    let fields: [&dyn ToSql; 13] = [
        &f.kind,
        &f.first_name,
        &f.last_name,
        &f.firm_name,
        &f.street,
        &f.postal_code,
        &f.city,
        &f.country,
        &f.phone,
        &f.email,
        &f.birthday,
        &f.notes,
        &f.sort_key,
    ];
    fields.into_iter().chain(rest.iter().copied()).collect()
}

/// The number after the highest purely numeric customer number (at least 10001).
pub(super) fn next_number(tx: &Transaction<'_>) -> Result<i64> {
    let max: Option<i64> = tx.query_row(
        "SELECT max(CAST(number AS INTEGER)) FROM customers
         WHERE number <> '' AND number NOT GLOB '*[^0-9]*' AND length(number) <= 15",
        [],
        |row| row.get(0),
    )?;
    Ok(max.map_or(FIRST_NUMBER, |m| (m + 1).max(FIRST_NUMBER)))
}

/// Inserts one customer row with the given number; returns its id.
pub(super) fn insert_row(
    tx: &Transaction<'_>,
    f: &CustomerFields,
    number: &str,
    now: DateTime<Utc>,
) -> Result<CustomerId> {
    tx.prepare_cached(
        "INSERT INTO customers (kind, first_name, last_name, firm_name, street,
             postal_code, city, country, phone, email, birthday, notes, sort_key,
             number, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params_from_iter(with_fields(f, &[&number, &now])))?;
    Ok(CustomerId(tx.last_insert_rowid()))
}

pub(super) fn ensure_number_free(
    tx: &Transaction<'_>,
    number: &str,
    own: Option<CustomerId>,
) -> Result<()> {
    let holder: Option<i64> = tx
        .query_row(
            "SELECT id FROM customers WHERE number = ?1",
            [number],
            |row| row.get(0),
        )
        .optional()?;
    match holder {
        Some(other) if Some(CustomerId(other)) != own => {
            Err(Error::Validation(vec![FieldError::new(
                Field::Number,
                Issue::AlreadyUsed,
            )]))
        }
        _ => Ok(()),
    }
}

impl Store {
    pub(crate) fn insert_customer(
        &mut self,
        f: &CustomerFields,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        self.write(|tx| {
            let number = match &f.number {
                Some(number) => {
                    ensure_number_free(tx, number, None)?;
                    number.clone()
                }
                None => next_number(tx)?.to_string(),
            };
            let id = insert_row(tx, f, &number, now)?;
            load(tx, id)
        })
    }

    pub(crate) fn update_customer(
        &mut self,
        id: CustomerId,
        f: &CustomerFields,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        self.write(|tx| {
            let current = load(tx, id)?;
            let number = f.number.clone().unwrap_or(current.number);
            ensure_number_free(tx, &number, Some(id))?;
            tx.execute(
                "UPDATE customers SET kind = ?1, first_name = ?2, last_name = ?3, firm_name = ?4,
                     street = ?5, postal_code = ?6, city = ?7, country = ?8, phone = ?9,
                     email = ?10, birthday = ?11, notes = ?12, sort_key = ?13, number = ?14,
                     updated_at = ?15
                 WHERE id = ?16",
                params_from_iter(with_fields(f, &[&number, &now, &id.0])),
            )?;
            load(tx, id)
        })
    }

    pub(crate) fn set_customer_trashed(
        &mut self,
        id: CustomerId,
        trashed_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE customers SET trashed_at = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.0, trashed_at, now],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Customer,
                    id: id.0,
                });
            }
            load(tx, id)
        })
    }

    pub(crate) fn set_customer_verified(
        &mut self,
        id: CustomerId,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Customer> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE customers SET last_verified = ?2, updated_at = ?3
                 WHERE id = ?1 AND trashed_at IS NULL",
                params![id.0, day, now],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Customer,
                    id: id.0,
                });
            }
            load(tx, id)
        })
    }

    pub(crate) fn customer(&self, id: CustomerId) -> Result<Customer> {
        load(&self.conn, id)
    }

    pub(crate) fn customer_page(
        &self,
        after: Option<&ListCursor>,
        limit: u32,
    ) -> Result<CustomerPage> {
        let (after_key, after_id) = after.map_or(("", i64::MIN), |c| (c.sort_key.as_str(), c.id.0));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, kind, first_name, last_name, firm_name, city, phone, email, sort_key
             FROM customers
             WHERE trashed_at IS NULL AND (sort_key, id) > (?1, ?2)
             ORDER BY sort_key, id
             LIMIT ?3",
        )?;
        // One row more than asked tells whether another page follows.
        let mut rows: Vec<(CustomerSummary, String)> = stmt
            .query_map(params![after_key, after_id, i64::from(limit) + 1], |row| {
                Ok((summary_from_row(row)?, row.get(9)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|(item, key)| ListCursor {
                sort_key: key.clone(),
                id: item.id,
            })
        } else {
            None
        };
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM customers WHERE trashed_at IS NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(CustomerPage {
            items: rows.into_iter().map(|(item, _)| item).collect(),
            next,
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    }

    /// Live customers matching an FTS5 expression, best matches first, and how many match.
    pub(crate) fn search_customers(&self, expression: &str, limit: u32) -> Result<CustomerPage> {
        // Rank inside the FTS index first (it holds only live customers), then fetch the
        // rows of the few best.
        let mut stmt = self.conn.prepare_cached(
            "WITH best AS (
                 SELECT rowid AS id, rank FROM customer_search
                 WHERE customer_search MATCH ?1 ORDER BY rank LIMIT ?2
             )
             SELECT c.id, c.number, c.kind, c.first_name, c.last_name, c.firm_name, c.city,
                    c.phone, c.email
             FROM best JOIN customers c ON c.id = best.id
             ORDER BY best.rank, c.sort_key, c.id",
        )?;
        let items = stmt
            .query_map(params![expression, limit], summary_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?1",
            [expression],
            |row| row.get(0),
        )?;
        Ok(CustomerPage {
            items,
            next: None,
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    }

    pub(crate) fn trashed_customers(&self, limit: u32) -> Result<Vec<TrashedCustomer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, kind, first_name, last_name, firm_name, city, phone, email,
                    trashed_at
             FROM customers WHERE trashed_at IS NOT NULL
             ORDER BY trashed_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |row| {
            Ok(TrashedCustomer {
                customer: summary_from_row(row)?,
                trashed_at: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
