//! Many customers with their purchases and interactions in one transaction: demo data
//! and (later) imports. All or nothing.

use super::Store;
use super::customers::{ensure_number_free, insert_row, next_number};
use crate::contacts::ContactFields;
use crate::customers::CustomerFields;
use crate::employees::EmployeeId;
use crate::error::Result;
use crate::interactions::InteractionFields;
use crate::transactions::TransactionFields;
use chrono::{DateTime, Utc};

/// A customer to insert together with their history.
#[derive(Debug, Clone)]
pub(crate) struct NewCustomerRecord {
    pub customer: CustomerFields,
    pub purchases: Vec<TransactionFields>,
    pub interactions: Vec<InteractionFields>,
    pub contacts: Vec<ContactFields>,
}

/// The triggers that keep the search index current on inserts (schema 6).
const BULK_TRIGGERS: [&str; 3] = [
    "customer_search_insert",
    "customer_tags_search_insert",
    "contacts_search_insert",
];

impl Store {
    /// Inserts the named employees (reusing one of the same name) and then every record
    /// that `records` makes, knowing the employees' ids, in one transaction. Records are
    /// read as they are made, so even a million need little memory. Customers without a
    /// number get the next free ones in order. Returns how many customers, purchases and
    /// interactions were written.
    pub(crate) fn insert_records<I>(
        &mut self,
        employees: &[&str],
        records: impl FnOnce(Vec<EmployeeId>) -> I,
        now: DateTime<Utc>,
    ) -> Result<(u64, u64, u64)>
    where
        I: IntoIterator<Item = Result<NewCustomerRecord>>,
    {
        self.write(|tx| {
            // Row by row, the search index would be rewritten for every customer, tag and
            // contact (FTS5 flushes at each statement's savepoint): 70 s for 100,000
            // customers. Instead its insert triggers are set aside inside this transaction,
            // and the new customers are indexed in one statement at the end.
            let mut triggers: Vec<String> = Vec::new();
            for name in BULK_TRIGGERS {
                let sql: String = tx.query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )?;
                tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
                triggers.push(sql);
            }
            let last_before: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                    r.get(0)
                })?;
            let mut ids = Vec::new();
            for name in employees {
                ids.push(super::employees::find_or_insert(tx, name, now)?);
            }
            let mut next = next_number(tx)?;
            let mut counts = (0, 0, 0);
            for record in records(ids) {
                let record = record?;
                let number = match &record.customer.number {
                    Some(number) => {
                        ensure_number_free(tx, number, None)?;
                        number.clone()
                    }
                    None => {
                        next += 1;
                        (next - 1).to_string()
                    }
                };
                let id = insert_row(tx, &record.customer, &number, now)?;
                for p in &record.purchases {
                    super::transactions::insert_row(tx, id, p, now)?;
                }
                for i in &record.interactions {
                    super::interactions::insert_row(tx, id, i, now)?;
                }
                for c in &record.contacts {
                    super::contacts::insert_row(tx, id, c, now)?;
                }
                counts.0 += 1;
                counts.1 += record.purchases.len() as u64;
                counts.2 += record.interactions.len() as u64;
            }
            tx.execute(
                "INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
                 SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
                 WHERE id > ?1",
                [last_before],
            )?;
            for sql in triggers {
                tx.execute_batch(&sql)?;
            }
            Ok(counts)
        })
    }

    /// How many customers the database holds, including the trash.
    pub(crate) fn customer_count_all(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
