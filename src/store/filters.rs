//! The `saved_filters` table.

use super::Store;
use crate::customers::{CustomerFilter, SavedFilter};
use crate::error::{Entity, Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn from_row(row: &Row<'_>) -> rusqlite::Result<SavedFilter> {
    let text: String = row.get(2)?;
    let filter: CustomerFilter = serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
    })?;
    Ok(SavedFilter {
        id: row.get(0)?,
        name: row.get(1)?,
        filter,
    })
}

fn load(conn: &Connection, name: &str) -> Result<Option<SavedFilter>> {
    Ok(conn
        .query_row(
            "SELECT id, name, filter FROM saved_filters WHERE name = ?1",
            [name],
            from_row,
        )
        .optional()?)
}

impl Store {
    pub(crate) fn save_filter(
        &mut self,
        name: &str,
        filter: &CustomerFilter,
        now: DateTime<Utc>,
    ) -> Result<SavedFilter> {
        let text =
            serde_json::to_string(filter).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO saved_filters (name, filter, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET name = excluded.name, filter = excluded.filter",
                params![name, text, now],
            )?;
            load(tx, name)?.ok_or(Error::NotFound {
                entity: Entity::SavedFilter,
                id: 0,
            })
        })
    }

    pub(crate) fn saved_filters(&self) -> Result<Vec<SavedFilter>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, filter FROM saved_filters ORDER BY name, id")?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn delete_saved_filter(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let deleted = tx.execute("DELETE FROM saved_filters WHERE id = ?1", [id])?;
            if deleted == 0 {
                return Err(Error::NotFound {
                    entity: Entity::SavedFilter,
                    id,
                });
            }
            Ok(())
        })
    }
}
