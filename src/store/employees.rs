//! The `employees` table.

use super::Store;
use crate::employees::{Employee, EmployeeId};
use crate::error::{Entity, Error, Field, FieldError, Issue, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn from_row(row: &Row<'_>) -> rusqlite::Result<Employee> {
    Ok(Employee {
        id: EmployeeId(row.get(0)?),
        name: row.get(1)?,
        active: row.get(2)?,
    })
}

fn load(conn: &Connection, id: EmployeeId) -> Result<Employee> {
    conn.query_row(
        "SELECT id, name, active FROM employees WHERE id = ?1",
        [id.0],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: Entity::Employee,
        id: id.0,
    })
}

fn ensure_name_free(conn: &Connection, name: &str, own: Option<EmployeeId>) -> Result<()> {
    let holder: Option<i64> = conn
        .query_row(
            "SELECT id FROM employees WHERE name = ?1 COLLATE NOCASE",
            [name],
            |row| row.get(0),
        )
        .optional()?;
    match holder {
        Some(other) if Some(EmployeeId(other)) != own => {
            Err(Error::Validation(vec![FieldError::new(
                Field::Name,
                Issue::NameTaken,
            )]))
        }
        _ => Ok(()),
    }
}

/// Refuses an employee id that does not exist, naming `field`.
pub(super) fn ensure_employee(conn: &Connection, id: EmployeeId, field: Field) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM employees WHERE id = ?1", [id.0], |row| {
            row.get(0)
        })
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(Error::Validation(vec![FieldError::new(
            field,
            Issue::Unknown,
        )])),
    }
}

/// The id of the employee of that name (any case), added if there is none.
pub(super) fn find_or_insert(
    conn: &Connection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<EmployeeId> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM employees WHERE name = ?1 COLLATE NOCASE",
            [name],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(EmployeeId(id));
    }
    conn.execute(
        "INSERT INTO employees (name, active, created_at) VALUES (?1, 1, ?2)",
        params![name, now],
    )?;
    Ok(EmployeeId(conn.last_insert_rowid()))
}

impl Store {
    pub(crate) fn insert_employee(&mut self, name: &str, now: DateTime<Utc>) -> Result<Employee> {
        self.write(|tx| {
            ensure_name_free(tx, name, None)?;
            tx.execute(
                "INSERT INTO employees (name, active, created_at) VALUES (?1, 1, ?2)",
                params![name, now],
            )?;
            load(tx, EmployeeId(tx.last_insert_rowid()))
        })
    }

    pub(crate) fn update_employee(
        &mut self,
        id: EmployeeId,
        name: &str,
        active: bool,
    ) -> Result<Employee> {
        self.write(|tx| {
            load(tx, id)?;
            ensure_name_free(tx, name, Some(id))?;
            tx.execute(
                "UPDATE employees SET name = ?2, active = ?3 WHERE id = ?1",
                params![id.0, name, active],
            )?;
            load(tx, id)
        })
    }

    pub(crate) fn employees(&self) -> Result<Vec<Employee>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, active FROM employees ORDER BY active DESC, name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Every employee with the hash of their PIN (`None`: no PIN), active ones first.
    pub(crate) fn employee_pins(&self) -> Result<Vec<(Employee, Option<String>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, active, pin_hash FROM employees
             ORDER BY active DESC, name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], |row| Ok((from_row(row)?, row.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn set_employee_pin(&mut self, id: EmployeeId, hash: Option<&str>) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE employees SET pin_hash = ?2 WHERE id = ?1",
                params![id.0, hash],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Employee,
                    id: id.0,
                });
            }
            Ok(())
        })
    }
}
