//! What imports need to read and write beyond single customers.

use super::Store;
use super::customers::next_number;
use crate::customers::{CustomerId, CustomerKind, display_name};
use crate::error::Result;
use crate::transactions::TransactionFields;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

impl Store {
    /// Number and display name of every customer not in the trash, by id.
    pub(crate) fn customer_numbers_and_names(&self) -> Result<HashMap<i64, (String, String)>> {
        let mut statement = self.conn.prepare(
            "SELECT id, number, kind, first_name, last_name, firm_name FROM customers
             WHERE trashed_at IS NULL",
        )?;
        let rows = statement.query_map([], |r| {
            let kind: CustomerKind = r.get(2)?;
            let name = display_name(
                kind,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
            );
            Ok((r.get::<_, i64>(0)?, (r.get::<_, String>(1)?, name)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Numbers of the customers in the trash: still taken.
    pub(crate) fn trashed_numbers(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT number FROM customers WHERE trashed_at IS NOT NULL")?;
        let rows = statement.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The number a new customer gets when none is given.
    pub(crate) fn next_customer_number(&self) -> Result<i64> {
        next_number(&self.conn)
    }

    /// Customers not in the trash by number and by (lower-case) main e-mail address.
    #[allow(clippy::type_complexity)]
    pub(crate) fn live_customer_keys(
        &self,
    ) -> Result<(HashMap<String, CustomerId>, HashMap<String, CustomerId>)> {
        let mut by_number = HashMap::new();
        let mut by_email = HashMap::new();
        let mut statement = self
            .conn
            .prepare("SELECT id, number, lower(email) FROM customers WHERE trashed_at IS NULL")?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            let id = CustomerId(r.get(0)?);
            by_number.insert(r.get::<_, String>(1)?, id);
            let email: String = r.get(2)?;
            if !email.is_empty() {
                by_email.entry(email).or_insert(id);
            }
        }
        Ok((by_number, by_email))
    }

    /// Inserts purchases of existing customers in one transaction; returns how many.
    pub(crate) fn insert_purchases(
        &mut self,
        purchases: &[(CustomerId, TransactionFields)],
        now: DateTime<Utc>,
    ) -> Result<u32> {
        self.write(|tx| {
            for (customer, fields) in purchases {
                super::transactions::insert_row(tx, *customer, fields, now)?;
            }
            Ok(purchases.len() as u32)
        })
    }
}
