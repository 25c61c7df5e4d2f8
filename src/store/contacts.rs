//! The `contacts` table.

use super::Store;
use super::transactions::ensure_live_customer;
use crate::contacts::{Contact, ContactFields, ContactId};
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

const COLUMNS: &str =
    "id, customer_id, name, role, phone, email, birthday, notes, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: ContactId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        name: row.get(2)?,
        role: row.get(3)?,
        phone: row.get(4)?,
        email: row.get(5)?,
        birthday: row.get(6)?,
        notes: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

fn load(conn: &Connection, id: ContactId) -> Result<Contact> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM contacts WHERE id = ?1"),
        [id.0],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: Entity::Contact,
        id: id.0,
    })
}

/// Inserts one contact row; returns its id.
pub(super) fn insert_row(
    conn: &Connection,
    customer: CustomerId,
    f: &ContactFields,
    now: DateTime<Utc>,
) -> Result<ContactId> {
    conn.prepare_cached(
        "INSERT INTO contacts (customer_id, name, role, phone, email, birthday, notes,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        customer.0, f.name, f.role, f.phone, f.email, f.birthday, f.notes, now
    ])?;
    Ok(ContactId(conn.last_insert_rowid()))
}

impl Store {
    pub(crate) fn contacts_of(&self, customer: CustomerId) -> Result<Vec<Contact>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM contacts WHERE customer_id = ?1 ORDER BY name, id"
        ))?;
        let rows = stmt.query_map([customer.0], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn insert_contact(
        &mut self,
        customer: CustomerId,
        f: &ContactFields,
        now: DateTime<Utc>,
    ) -> Result<Contact> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let id = insert_row(tx, customer, f, now)?;
            load(tx, id)
        })
    }

    pub(crate) fn update_contact(
        &mut self,
        id: ContactId,
        f: &ContactFields,
        now: DateTime<Utc>,
    ) -> Result<Contact> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE contacts SET name = ?2, role = ?3, phone = ?4, email = ?5, birthday = ?6,
                     notes = ?7, updated_at = ?8
                 WHERE id = ?1",
                params![
                    id.0, f.name, f.role, f.phone, f.email, f.birthday, f.notes, now
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Contact,
                    id: id.0,
                });
            }
            load(tx, id)
        })
    }

    pub(crate) fn delete_contact(&mut self, id: ContactId) -> Result<Contact> {
        self.write(|tx| {
            let contact = load(tx, id)?;
            tx.execute("DELETE FROM contacts WHERE id = ?1", [id.0])?;
            Ok(contact)
        })
    }
}
