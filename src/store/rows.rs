//! What the table files share: JSON columns, partial dates, days and channels read from
//! text, and the existence, name and delete checks of catalogue tables.

use crate::error::{Entity, Error, Result};
use crate::interactions::Channel;
use crate::soft_facts::PartialDate;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

pub(super) fn json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    if text == "[]" {
        return T::default();
    }
    serde_json::from_str(text).unwrap_or_default()
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

pub(super) fn partial(d: Option<u32>, m: Option<u32>, y: Option<i32>) -> Option<PartialDate> {
    PartialDate::new(d?, m?, y)
}

/// A `YYYY-MM-DD` day, read without a format parser (hundreds of thousands per agenda).
pub(super) fn day_of(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

pub(super) fn channel_of(code: &str) -> Channel {
    Channel::from_code(code).unwrap_or(Channel::Other)
}

pub(super) fn not_found(entity: Entity, id: i64) -> Error {
    Error::NotFound { entity, id }
}

/// Refuses an id that names no row of `table` (one of this module's tables).
pub(super) fn ensure_exists(tx: &Connection, table: &str, id: i64, entity: Entity) -> Result<()> {
    let exists: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    exists.map(|_| ()).ok_or(not_found(entity, id))
}

/// Refuses a name another row of `table` (one of this module's tables) already has,
/// naming the field.
pub(super) fn refuse_taken_name(
    tx: &Connection,
    table: &str,
    name: &str,
    id: Option<i64>,
) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE name = ?1 AND id IS NOT ?2"),
            params![name, id],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(Error::Validation(vec![crate::error::FieldError::new(
            crate::error::Field::Name,
            crate::error::Issue::NameTaken,
        )])),
        None => Ok(()),
    }
}

/// Deletes a row of `table` (one of this module's tables) by id.
pub(super) fn delete_by_id(tx: &Connection, table: &str, id: i64, entity: Entity) -> Result<()> {
    if tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])? == 0 {
        return Err(not_found(entity, id));
    }
    Ok(())
}

/// A page of a customer's timeline table: `sql` selects its rows before a cursor, with the
/// parameters customer, cursor instant, cursor rank, cursor id and limit (`?1`…`?5`).
pub(super) fn timeline_page<T>(
    conn: &Connection,
    sql: &str,
    customer: crate::customers::CustomerId,
    after: Option<&crate::timeline::TimelineCursor>,
    limit: u32,
    from_row: fn(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(
        params![
            customer.0,
            after.map(|c| c.at.as_str()),
            after.map(|c| c.rank),
            after.map(|c| c.id),
            limit
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
