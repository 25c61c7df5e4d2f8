//! The `customers` table: rows read and written, numbers, tags.

use super::Store;
use super::employees::ensure_employee;
use crate::customers::{
    Customer, CustomerFields, CustomerId, CustomerKind, CustomerStatus, CustomerSummary,
    Salutation, TrashedCustomer, display_name,
};
use crate::employees::EmployeeId;
use crate::error::{Entity, Error, Field, FieldError, Issue, Result};
use crate::soft_facts::{AddressForm, PartialDate};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};
use serde::{Deserialize, Serialize};

/// Where a page of the customer list continues: the last row's value of the sort column
/// (`key`: city, number or creation time; unused for the name order), its sort key and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ListCursor {
    #[serde(default)]
    pub key: String,
    pub sort_key: String,
    pub id: CustomerId,
}

/// Numbers are assigned from here on when the user gives none.
const FIRST_NUMBER: i64 = 10_001;

const COLUMNS: &str = "id, number, kind, salutation, title, first_name, last_name, firm_name, \
     street, postal_code, city, country, phone, email, other_phones, other_emails, industry, \
     company_size, annual_revenue_cents, customer_since, employee_id, status, birth_day, \
     birth_month, birth_year, partner_name, partner_birth_day, partner_birth_month, \
     partner_birth_year, relations, preferred_channels, quiet_times, peak_months, address_form, \
     closeness, interests, preferences, notes, created_at, updated_at, trashed_at, last_verified, erased_on";

fn conversion(column: &str, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{column}: {what}").into(),
    )
}

fn json<T: serde::de::DeserializeOwned>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| conversion(column, &e.to_string()))
}

fn partial_date(row: &Row<'_>, prefix: &str) -> rusqlite::Result<Option<PartialDate>> {
    let day: Option<u32> = row.get(format!("{prefix}birth_day").as_str())?;
    let month: Option<u32> = row.get(format!("{prefix}birth_month").as_str())?;
    let year: Option<i32> = row.get(format!("{prefix}birth_year").as_str())?;
    match (day, month) {
        (Some(day), Some(month)) => PartialDate::new(day, month, year)
            .map(Some)
            .ok_or_else(|| conversion("birthday", &format!("{day}.{month}."))),
        _ => Ok(None),
    }
}

fn coded<T>(row: &Row<'_>, column: &str, from_code: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let code: String = row.get(column)?;
    from_code(&code).ok_or_else(|| conversion(column, &code))
}

/// A customer from a row with [`COLUMNS`]; its tags are loaded separately.
fn customer_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    let kind: CustomerKind = row.get("kind")?;
    let first_name: String = row.get("first_name")?;
    let last_name: String = row.get("last_name")?;
    let firm_name: String = row.get("firm_name")?;
    Ok(Customer {
        id: CustomerId(row.get("id")?),
        number: row.get("number")?,
        kind,
        display_name: display_name(kind, &first_name, &last_name, &firm_name),
        salutation: coded(row, "salutation", Salutation::from_code)?,
        title: row.get("title")?,
        first_name,
        last_name,
        firm_name,
        street: row.get("street")?,
        postal_code: row.get("postal_code")?,
        city: row.get("city")?,
        country: row.get("country")?,
        phone: row.get("phone")?,
        email: row.get("email")?,
        other_phones: json(row, "other_phones")?,
        other_emails: json(row, "other_emails")?,
        industry: row.get("industry")?,
        company_size: row.get("company_size")?,
        annual_revenue_cents: row.get("annual_revenue_cents")?,
        customer_since: row.get("customer_since")?,
        employee_id: row.get::<_, Option<i64>>("employee_id")?.map(EmployeeId),
        tags: Vec::new(),
        status: coded(row, "status", CustomerStatus::from_code)?,
        birthday: partial_date(row, "")?,
        partner_name: row.get("partner_name")?,
        partner_birthday: partial_date(row, "partner_")?,
        relations: json(row, "relations")?,
        preferred_channels: json(row, "preferred_channels")?,
        quiet_times: json(row, "quiet_times")?,
        peak_months: json(row, "peak_months")?,
        address_form: coded(row, "address_form", AddressForm::from_code)?,
        closeness: row.get("closeness")?,
        interests: json(row, "interests")?,
        preferences: json(row, "preferences")?,
        notes: row.get("notes")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        trashed_at: row.get("trashed_at")?,
        erased_on: row.get("erased_on")?,
        last_verified: row.get("last_verified")?,
    })
}

/// Built and prepared once: an export loads 100,000 customers with it (preparing it anew
/// for each took 9 s of the 10).
static LOAD_SQL: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"));

pub(super) fn load(tx: &rusqlite::Connection, id: CustomerId) -> Result<Customer> {
    let mut customer = tx
        .prepare_cached(&LOAD_SQL)?
        .query_row([id.0], customer_from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: Entity::Customer,
            id: id.0,
        })?;
    let mut stmt =
        tx.prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag")?;
    customer.tags = stmt
        .query_map([id.0], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(customer)
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
/// phone, email, status` (in that order, first).
pub(super) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<CustomerSummary> {
    let kind: CustomerKind = row.get(2)?;
    let first: String = row.get(3)?;
    let last: String = row.get(4)?;
    let firm: String = row.get(5)?;
    let status: String = row.get(9)?;
    Ok(CustomerSummary {
        id: CustomerId(row.get(0)?),
        number: row.get(1)?,
        kind,
        display_name: display_name(kind, &first, &last, &firm),
        city: row.get(6)?,
        phone: row.get(7)?,
        email: row.get(8)?,
        status: CustomerStatus::from_code(&status).ok_or_else(|| conversion("status", &status))?,
        phase: row
            .get::<_, Option<String>>(10)?
            .and_then(|p| crate::value::segments::Phase::from_code(&p)),
        score: row.get(11)?,
    })
}

pub(super) const SUMMARY_COLUMNS: &str = "c.id, c.number, c.kind, c.first_name, c.last_name, c.firm_name, c.city, c.phone, c.email, \
     c.status, (SELECT phase FROM customer_values v WHERE v.customer_id = c.id), \
     (SELECT score FROM customer_values v WHERE v.customer_id = c.id)";

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// The stored fields as named parameters (`:kind`, `:first_name` …), JSON lists encoded.
pub(super) struct Bound {
    other_phones: String,
    other_emails: String,
    relations: String,
    preferred_channels: String,
    quiet_times: String,
    peak_months: String,
    interests: String,
    preferences: String,
    birth: [Option<i64>; 3],
    partner_birth: [Option<i64>; 3],
    employee_id: Option<i64>,
    salutation: &'static str,
    status: &'static str,
    address_form: &'static str,
}

fn split_date(date: Option<PartialDate>) -> [Option<i64>; 3] {
    match date {
        Some(d) => [
            Some(d.day.into()),
            Some(d.month.into()),
            d.year.map(i64::from),
        ],
        None => [None; 3],
    }
}

impl Bound {
    pub(super) fn new(f: &CustomerFields) -> Result<Bound> {
        Ok(Bound {
            other_phones: to_json(&f.other_phones)?,
            other_emails: to_json(&f.other_emails)?,
            relations: to_json(&f.relations)?,
            preferred_channels: to_json(&f.preferred_channels)?,
            quiet_times: to_json(&f.quiet_times)?,
            peak_months: to_json(&f.peak_months)?,
            interests: to_json(&f.interests)?,
            preferences: to_json(&f.preferences)?,
            birth: split_date(f.birthday),
            partner_birth: split_date(f.partner_birthday),
            employee_id: f.employee_id.map(|e| e.0),
            salutation: f.salutation.code(),
            status: f.status.code(),
            address_form: f.address_form.code(),
        })
    }

    fn params<'a>(&'a self, f: &'a CustomerFields) -> Vec<(&'static str, &'a dyn ToSql)> {
        vec![
            (":kind", &f.kind),
            (":salutation", &self.salutation),
            (":title", &f.title),
            (":first_name", &f.first_name),
            (":last_name", &f.last_name),
            (":firm_name", &f.firm_name),
            (":street", &f.street),
            (":postal_code", &f.postal_code),
            (":city", &f.city),
            (":country", &f.country),
            (":phone", &f.phone),
            (":email", &f.email),
            (":other_phones", &self.other_phones),
            (":other_emails", &self.other_emails),
            (":industry", &f.industry),
            (":company_size", &f.company_size),
            (":annual_revenue_cents", &f.annual_revenue_cents),
            (":customer_since", &f.customer_since),
            (":employee_id", &self.employee_id),
            (":status", &self.status),
            (":birth_day", &self.birth[0]),
            (":birth_month", &self.birth[1]),
            (":birth_year", &self.birth[2]),
            (":partner_name", &f.partner_name),
            (":partner_birth_day", &self.partner_birth[0]),
            (":partner_birth_month", &self.partner_birth[1]),
            (":partner_birth_year", &self.partner_birth[2]),
            (":relations", &self.relations),
            (":preferred_channels", &self.preferred_channels),
            (":quiet_times", &self.quiet_times),
            (":peak_months", &self.peak_months),
            (":address_form", &self.address_form),
            (":closeness", &f.closeness),
            (":interests", &self.interests),
            (":preferences", &self.preferences),
            (":notes", &f.notes),
            (":sort_key", &f.sort_key),
        ]
    }
}

/// The written columns, also the names of their parameters.
const WRITTEN: [&str; 37] = [
    "kind",
    "salutation",
    "title",
    "first_name",
    "last_name",
    "firm_name",
    "street",
    "postal_code",
    "city",
    "country",
    "phone",
    "email",
    "other_phones",
    "other_emails",
    "industry",
    "company_size",
    "annual_revenue_cents",
    "customer_since",
    "employee_id",
    "status",
    "birth_day",
    "birth_month",
    "birth_year",
    "partner_name",
    "partner_birth_day",
    "partner_birth_month",
    "partner_birth_year",
    "relations",
    "preferred_channels",
    "quiet_times",
    "peak_months",
    "address_form",
    "closeness",
    "interests",
    "preferences",
    "notes",
    "sort_key",
];

/// Replaces a customer's tags.
pub(super) fn write_tags(tx: &rusqlite::Connection, id: CustomerId, tags: &[String]) -> Result<()> {
    let current: Vec<String> = tx
        .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag")?
        .query_map([id.0], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = tags.to_vec();
    wanted.sort();
    if current == wanted {
        return Ok(());
    }
    if !current.is_empty() {
        tx.prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")?
            .execute([id.0])?;
    }
    insert_tags(tx, id, tags)
}

fn insert_tags(tx: &rusqlite::Connection, id: CustomerId, tags: &[String]) -> Result<()> {
    let mut insert =
        tx.prepare_cached("INSERT INTO customer_tags (customer_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        insert.execute(params![id.0, tag])?;
    }
    Ok(())
}

/// The number after the highest purely numeric customer number (at least 10001).
/// Writes validated fields over customer `id` (keeping its number when none is given).
pub(super) fn update_columns(
    tx: &Connection,
    id: CustomerId,
    f: &CustomerFields,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = load(tx, id)?;
    let number = f.number.clone().unwrap_or(current.number);
    ensure_number_free(tx, &number, Some(id))?;
    if let Some(employee) = f.employee_id {
        ensure_employee(tx, employee, Field::Employee)?;
    }
    let bound = Bound::new(f)?;
    let mut params = bound.params(f);
    params.push((":number", &number));
    params.push((":now", &now));
    params.push((":id", &id.0));
    let sql = format!(
        "UPDATE customers SET {}, number = :number, updated_at = :now WHERE id = :id",
        WRITTEN.map(|c| format!("{c} = :{c}")).join(", ")
    );
    tx.prepare_cached(&sql)?.execute(&*params)?;
    write_tags(tx, id, &f.tags)
}

pub(super) fn next_number(tx: &rusqlite::Connection) -> Result<i64> {
    let max: Option<i64> = tx.query_row(
        "SELECT max(CAST(number AS INTEGER)) FROM customers
         WHERE number <> '' AND number NOT GLOB '*[^0-9]*' AND length(number) <= 15",
        [],
        |row| row.get(0),
    )?;
    Ok(max.map_or(FIRST_NUMBER, |m| (m + 1).max(FIRST_NUMBER)))
}

/// `INSERT INTO customers (id, …, number, created_at, updated_at) VALUES (?1, …)`, built
/// once and bound by position: looking 39 names up for every row took a good part of a
/// large import. An id of NULL takes the next free one.
static INSERT_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let places: Vec<String> = (1..=WRITTEN.len() + 2).map(|i| format!("?{i}")).collect();
    let now = WRITTEN.len() + 3;
    format!(
        "INSERT INTO customers (id, {}, number, created_at, updated_at) VALUES ({}, ?{now}, ?{now})",
        WRITTEN.join(", "),
        places.join(", ")
    )
});

/// Inserts one customer row with the given number, and its tags; returns its id.
pub(super) fn insert_row(
    tx: &Connection,
    f: &CustomerFields,
    number: &str,
    now: DateTime<Utc>,
) -> Result<CustomerId> {
    if let Some(employee) = f.employee_id {
        ensure_employee(tx, employee, Field::Employee)?;
    }
    let bound = Bound::new(f)?;
    insert_bound(tx, None, f, &bound, number, &now.to_sql()?)
}

/// Inserts one customer row from its encoded columns, and its tags (a new customer has none
/// yet: nothing to compare or delete). A number in use is refused by name.
fn insert_bound(
    tx: &Connection,
    id: Option<CustomerId>,
    f: &CustomerFields,
    bound: &Bound,
    number: &str,
    now: &dyn ToSql,
) -> Result<CustomerId> {
    let id = id.map(|id| id.0);
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(WRITTEN.len() + 3);
    values.push(&id);
    values.extend(bound.params(f).into_iter().map(|(_, v)| v));
    values.push(&number);
    values.push(now);
    tx.prepare_cached(&INSERT_SQL)?
        .execute(&*values)
        .map_err(number_taken)?;
    let id = CustomerId(tx.last_insert_rowid());
    insert_tags(tx, id, &f.tags)?;
    Ok(id)
}

/// Inserts customers with the given ids, encoded columns and numbers, and their tags. The
/// caller has checked the employees; a number in use is refused.
///
/// One row per statement: a statement that writes several rows into this table keeps a
/// journal of every page it changes (its CHECKs call functions, so it might have to undo
/// itself halfway), which cost more than the statements it saved (measured: 100,000
/// customers 3.5 s with eight rows per statement, 3.2 s with one).
pub(super) fn insert_rows(
    tx: &Connection,
    rows: &[(CustomerId, &CustomerFields, &Bound, &str)],
    now: DateTime<Utc>,
) -> Result<()> {
    // The time stamp as stored, made once rather than for every row.
    let now = now.to_sql()?;
    for (id, f, bound, number) in rows {
        insert_bound(tx, Some(*id), f, bound, number, &now)?;
    }
    Ok(())
}

/// A customer number already in use (by an earlier customer or an earlier row of the same
/// bulk insert) is the user's mistake, named as such; other errors stay as they are.
fn number_taken(error: rusqlite::Error) -> Error {
    match &error {
        rusqlite::Error::SqliteFailure(e, Some(message))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                && message.contains("customers.number") =>
        {
            Error::Validation(vec![FieldError::new(Field::Number, Issue::AlreadyUsed)])
        }
        _ => error.into(),
    }
}

pub(super) fn ensure_number_free(
    tx: &Connection,
    number: &str,
    own: Option<CustomerId>,
) -> Result<()> {
    let holder: Option<i64> = tx
        .prepare_cached("SELECT id FROM customers WHERE number = ?1")?
        .query_row([number], |row| row.get(0))
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
            update_columns(tx, id, f, now)?;
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
                "UPDATE customers SET trashed_at = ?2, updated_at = ?3
                 WHERE id = ?1 AND erased_on IS NULL",
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

    /// The customers with these ids, in the order asked for (ids that are gone are left
    /// out): two queries for any number of them, for printing and exporting long lists.
    pub(crate) fn customers_by_ids(&self, ids: &[CustomerId]) -> Result<Vec<Customer>> {
        let list = serde_json::to_string(&ids.iter().map(|i| i.0).collect::<Vec<_>>())
            .map_err(|e| Error::Internal(e.to_string()))?;
        let mut found: std::collections::HashMap<i64, Customer> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM customers WHERE id IN (SELECT value FROM json_each(?1))"
            ))?
            .query_map([&list], customer_from_row)?
            .map(|c| c.map(|c| (c.id.0, c)))
            .collect::<rusqlite::Result<_>>()?;
        let mut tags = self.conn.prepare_cached(
            "SELECT customer_id, tag FROM customer_tags
             WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, tag",
        )?;
        let mut rows = tags.query([&list])?;
        while let Some(row) = rows.next()? {
            if let Some(c) = found.get_mut(&row.get::<_, i64>(0)?) {
                c.tags.push(row.get(1)?);
            }
        }
        Ok(ids.iter().filter_map(|id| found.remove(&id.0)).collect())
    }

    /// The customer (not in the trash) with this number.
    pub(crate) fn customer_id_by_number(&self, number: &str) -> Result<Option<CustomerId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM customers WHERE number = ?1 AND trashed_at IS NULL")?
            .query_row([number], |row| row.get(0))
            .optional()?
            .map(CustomerId))
    }

    /// The customer with this number, also in the trash or erased (numbers are unique).
    pub(crate) fn customer_id_by_number_any(&self, number: &str) -> Result<Option<CustomerId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM customers WHERE number = ?1")?
            .query_row([number], |row| row.get(0))
            .optional()?
            .map(CustomerId))
    }

    pub(crate) fn employee_name(&self, id: EmployeeId) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT name FROM employees WHERE id = ?1", [id.0], |row| {
                row.get(0)
            })
            .optional()?)
    }

    pub(crate) fn trashed_customers(&self, limit: u32) -> Result<Vec<TrashedCustomer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.number, c.kind, c.first_name, c.last_name, c.firm_name, c.city,
                    c.phone, c.email, c.status, NULL, NULL, c.trashed_at
             FROM customers c WHERE trashed_at IS NOT NULL AND erased_on IS NULL
             ORDER BY trashed_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |row| {
            Ok(TrashedCustomer {
                customer: summary_from_row(row)?,
                trashed_at: row.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `insert_row` binds by position: the parameters must come in the columns' order.
    #[test]
    fn parameters_come_in_the_order_of_the_columns() {
        let input = crate::customers::CustomerInput {
            last_name: "Müller".into(),
            ..Default::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let fields = crate::customers::validate(&input, today).unwrap();
        let bound = Bound::new(&fields).unwrap();
        let names: Vec<&str> = bound.params(&fields).iter().map(|(n, _)| &n[1..]).collect();
        assert_eq!(names, WRITTEN.to_vec());
    }
}
