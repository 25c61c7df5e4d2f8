//! Many customers with their purchases and interactions in one transaction: demo data
//! and imports. All or nothing.

use super::Store;
use super::customers::{Bound, insert_rows, next_number};
use super::employees::ensure_employee;
use super::search_text::{self, SearchText};
use crate::contacts::ContactFields;
use crate::customers::{CustomerFields, CustomerId};
use crate::employees::EmployeeId;
use crate::error::{Error, Field, Result};
use crate::interactions::InteractionFields;
use crate::transactions::TransactionFields;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashSet;
use std::sync::mpsc::{SyncSender, sync_channel};

/// A customer to insert together with their history.
#[derive(Debug, Clone)]
pub(crate) struct NewCustomerRecord {
    pub customer: CustomerFields,
    pub purchases: Vec<TransactionFields>,
    pub interactions: Vec<InteractionFields>,
    pub contacts: Vec<ContactFields>,
    /// Consents given or withdrawn with the record (an import column, the demo).
    pub consents: Vec<NewConsent>,
}

/// A consent that comes with a new record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewConsent {
    pub channel: crate::privacy::ConsentChannel,
    pub given: bool,
    pub on: chrono::NaiveDate,
    pub source: crate::privacy::ConsentSource,
    pub wording: String,
}

/// The triggers that keep the search index current on inserts (schema 6).
const BULK_TRIGGERS: [&str; 4] = [
    "customer_search_insert",
    "customer_tags_search_insert",
    "contacts_search_insert",
    "interactions_last_contact_insert",
];

/// How many records are gathered before they are written.
const RECORDS_PER_WRITE: usize = 256;

/// A record ready to be written.
struct Ready {
    id: CustomerId,
    number: String,
    bound: Bound,
    search: SearchText,
    record: NewCustomerRecord,
}

impl Store {
    /// Inserts the named employees (reusing one of the same name) and then every record
    /// that `records` makes, knowing the employees' ids, in one transaction. Records are
    /// read as they are made, so even a million need little memory. Customers without a
    /// number get the next free ones in order. Returns how many customers, purchases and
    /// interactions were written. When `records` yields an error, nothing is written.
    ///
    /// Two threads share the work: one runs `records` and makes each record's bound values
    /// and search text, this one writes them, so making and writing overlap.
    pub(crate) fn insert_records<I>(
        &mut self,
        employees: &[&str],
        records: impl FnOnce(Vec<EmployeeId>) -> I,
        now: DateTime<Utc>,
    ) -> Result<(u64, u64, u64)>
    where
        I: IntoIterator<Item = Result<NewCustomerRecord>>,
        I::IntoIter: Send,
    {
        self.write(|tx| {
            // The insert triggers fill the search index through the view with an
            // INSERT … SELECT, a statement that opens a savepoint, at which FTS5 writes out
            // what it has gathered: an index segment per customer, tag and contact (70 s
            // for 100,000 customers). So they are set aside inside this transaction, and
            // the text made here goes in one row per statement, which needs no savepoint:
            // FTS5 gathers many customers in memory and writes large segments.
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
            // New customers get the ids after the highest one, given here, so that several
            // can be written with one statement and their histories after them.
            let last_id: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                    r.get(0)
                })?;
            let mut ids = Vec::new();
            for name in employees {
                ids.push(super::employees::find_or_insert(tx, name, now)?);
            }
            let mut known_employees: HashSet<EmployeeId> = ids.iter().copied().collect();
            let next_number = next_number(tx)?;
            let records = records(ids).into_iter();
            let counts = std::thread::scope(|scope| {
                let (sender, batches) = sync_channel(BATCHES_AHEAD);
                scope.spawn(move || prepare(records, last_id, next_number, sender));
                let mut counts = (0, 0, 0);
                // An error here drops `batches`, which stops the preparing thread.
                for batch in batches {
                    let batch: Vec<Ready> = batch?;
                    for ready in &batch {
                        if let Some(employee) = ready.record.customer.employee_id
                            && known_employees.insert(employee)
                        {
                            ensure_employee(tx, employee, Field::Employee)?;
                        }
                        counts.0 += 1;
                        counts.1 += ready.record.purchases.len() as u64;
                        counts.2 += ready.record.interactions.len() as u64;
                    }
                    write(tx, batch, now)?;
                }
                Ok::<_, Error>(counts)
            })?;
            // The new customers' last contacts per channel, in one statement instead of a
            // trigger per interaction (their histories only ever belong to them).
            tx.execute(
                "INSERT INTO customer_last_contacts (customer_id, channel, last_on)
                 SELECT customer_id, channel, substr(max(at), 1, 10) FROM interactions
                 WHERE customer_id > ?1 GROUP BY customer_id, channel",
                [last_id],
            )?;
            for sql in triggers {
                tx.execute_batch(&sql)?;
            }
            Ok(counts)
        })
    }
}

/// How many batches the preparing thread may run ahead of the writing one.
const BATCHES_AHEAD: usize = 4;

/// Runs on the preparing thread: numbers and ids the records in order, makes their bound
/// values and search text, and hands them on in batches; the first error ends it. Stops
/// early when the writing side has stopped listening.
fn prepare(
    records: impl Iterator<Item = Result<NewCustomerRecord>>,
    mut last_id: i64,
    mut next_number: i64,
    sender: SyncSender<Result<Vec<Ready>>>,
) {
    let mut batch = Vec::with_capacity(RECORDS_PER_WRITE);
    for record in records {
        let ready = record.and_then(|record| {
            let number = match &record.customer.number {
                Some(number) => number.clone(),
                None => {
                    next_number += 1;
                    (next_number - 1).to_string()
                }
            };
            last_id += 1;
            Ok(Ready {
                id: CustomerId(last_id),
                bound: Bound::new(&record.customer)?,
                search: search_text::search_text(&record.customer, &number, &record.contacts),
                number,
                record,
            })
        });
        match ready {
            Ok(ready) => batch.push(ready),
            Err(error) => {
                let _ = sender.send(Err(error));
                return;
            }
        }
        if batch.len() == RECORDS_PER_WRITE {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(RECORDS_PER_WRITE));
            if sender.send(Ok(full)).is_err() {
                return;
            }
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(Ok(batch));
    }
}

/// Writes a batch of customers, their histories and their search text.
fn write(tx: &Connection, batch: Vec<Ready>, now: DateTime<Utc>) -> Result<()> {
    let rows: Vec<_> = batch
        .iter()
        .map(|r| (r.id, &r.record.customer, &r.bound, r.number.as_str()))
        .collect();
    insert_rows(tx, &rows, now)?;
    let mut search = Vec::with_capacity(batch.len());
    for ready in batch {
        for p in &ready.record.purchases {
            super::transactions::insert_row(tx, ready.id, p, now)?;
        }
        for i in &ready.record.interactions {
            super::interactions::insert_row(tx, ready.id, i, None, now)?;
        }
        for c in &ready.record.contacts {
            super::contacts::insert_row(tx, ready.id, c, now)?;
        }
        for k in &ready.record.consents {
            tx.prepare_cached(
                "INSERT INTO consents (customer_id, channel, given, on_date, source, wording,
                     created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(rusqlite::params![
                ready.id.0,
                k.channel.code(),
                k.given,
                k.on,
                k.source.code(),
                k.wording,
                now
            ])?;
        }
        search.push((ready.id.0, ready.search));
    }
    search_text::index(tx, &search)
}

impl Store {
    /// How many customers the database holds, including the trash.
    pub(crate) fn customer_count_all(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::{CustomerInput, validate};
    use crate::error::{Error, FieldError, Issue};
    use chrono::{NaiveDate, TimeZone};

    fn record(number: &str, name: &str) -> NewCustomerRecord {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let input = CustomerInput {
            number: number.into(),
            last_name: name.into(),
            ..Default::default()
        };
        NewCustomerRecord {
            customer: validate(&input, today).unwrap(),
            purchases: Vec::new(),
            interactions: Vec::new(),
            contacts: Vec::new(),
            consents: Vec::new(),
        }
    }

    /// Numbers are not looked up one by one, the UNIQUE constraint answers: a number used
    /// twice, in the batch or before it, is refused by name and nothing of the batch stays.
    #[test]
    fn a_number_used_twice_is_refused_and_nothing_is_written() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let first: Vec<_> = (1..=20)
            .map(|i| Ok(record(&format!("K{i}"), "Alt")))
            .collect();
        store.insert_records(&[], |_| first, now).unwrap();
        let clash_in_batch: Vec<_> = [("N1", "Neu"), ("N2", "Neu"), ("N1", "Doppelt")]
            .iter()
            .map(|(n, name)| Ok(record(n, name)))
            .collect();
        let clash_with_earlier: Vec<_> = (0..300)
            .map(|i| Ok(record(&format!("M{i}"), "Neu")))
            .chain([Ok(record("K7", "Doppelt"))])
            .collect();
        for records in [clash_in_batch, clash_with_earlier] {
            let refused = store.insert_records(&[], |_| records, now).unwrap_err();
            assert!(
                matches!(&refused, Error::Validation(e)
                    if e == &vec![FieldError::new(Field::Number, Issue::AlreadyUsed)]),
                "{refused:?}"
            );
            assert_eq!(store.customer_count_all().unwrap(), 20);
        }
        let found = crate::customers::search(&store, "Neu", 10).unwrap();
        assert_eq!(
            found.total, 0,
            "the search index holds nothing of a refused batch"
        );
    }
}
