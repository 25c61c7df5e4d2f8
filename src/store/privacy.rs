//! Privacy in SQL: the consent history, the append-only audit trail, every row that is
//! about one customer (for the access export), and the erasure that empties them.

use super::Store;
use crate::customers::CustomerId;
use crate::employees::EmployeeId;
use crate::error::{Entity, Error, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

/// One stored row as JSON: column name → value.
pub type Row = Map<String, Value>;

/// What an erasure does with a table's rows of the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EraseRule {
    /// The rows go.
    Delete,
    /// The rows stay with these columns emptied (figures the shop must keep).
    Empty(&'static str),
    /// The rows stay as they are: they hold no personal values (the audit trail, the
    /// record of the erasure).
    Keep,
    /// The customer row itself: emptied to a nameless tombstone.
    Tombstone,
    /// Read row by row by the core (survey answers: the text answers go).
    ByCore,
}

/// What merging two customers does with the merged customer's rows of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRule {
    /// The rows move to the survivor (by rowid, remembered for the undo); a row the
    /// survivor already has its own of (a unique key: an open loss, a mark for the same
    /// item, a mark of the same indicator) stays with the merged record.
    Move,
    /// One row per customer (the potential): it moves when the survivor has none.
    MoveSingle,
    /// Agenda marks: their keys name the customer, so they move with new keys.
    Marks,
    /// The loyalty card: the survivor keeps its own, else takes the merged one's.
    Card,
    /// Follows from other rows (last contacts from interactions, win-backs from losses)
    /// or is worked out again (value rows, signals: the merged record goes to the trash).
    Derived,
    /// The record itself and what it holds (its row, its tags: the survivor takes the
    /// fields chosen, the merged record keeps its own for the undo).
    Record,
    /// History about the record: stays with it (merges, erasures, the audit trail).
    Stays,
}

/// A table with rows about a customer: how to find them (`?1` is the customer's id), what
/// an erasure does with them and what a merge does with them.
#[derive(Debug, Clone, Copy)]
pub struct PersonalTable {
    pub table: &'static str,
    pub selector: &'static str,
    pub erase: EraseRule,
    pub merge: MergeRule,
}

const fn t(
    table: &'static str,
    selector: &'static str,
    erase: EraseRule,
    merge: MergeRule,
) -> PersonalTable {
    PersonalTable {
        table,
        selector,
        erase,
        merge,
    }
}

/// Every table that refers to customers, in the order an erasure works through them
/// (rows that others point at last). `tests/privacy.rs` compares it with the schema, so a
/// new table about customers cannot be left out of the export, the erasure or a merge.
pub const PERSONAL_TABLES: &[PersonalTable] = &[
    t(
        "customers",
        "id = ?1",
        EraseRule::Tombstone,
        MergeRule::Record,
    ),
    t(
        "customer_tags",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Record,
    ),
    t(
        "contacts",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Move,
    ),
    t(
        "consents",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Move,
    ),
    t(
        "transactions",
        "customer_id = ?1",
        EraseRule::Empty("note = ''"),
        MergeRule::Move,
    ),
    t(
        "winback_attempts",
        "loss_id IN (SELECT id FROM customer_losses WHERE customer_id = ?1)",
        EraseRule::Delete,
        MergeRule::Derived,
    ),
    t(
        "survey_responses",
        "customer_id = ?1",
        EraseRule::ByCore,
        MergeRule::Move,
    ),
    t(
        "interactions",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Move,
    ),
    t(
        "customer_last_contacts",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Derived,
    ),
    t(
        "customer_losses",
        "customer_id = ?1",
        EraseRule::Empty("note = ''"),
        MergeRule::Move,
    ),
    t(
        "customer_potentials",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::MoveSingle,
    ),
    t(
        "customer_values",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Derived,
    ),
    t(
        "customer_indicator_values",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Move,
    ),
    t(
        "customer_p_alive_before",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Derived,
    ),
    t(
        "customer_signals",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Derived,
    ),
    t(
        "next_steps",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Move,
    ),
    t(
        "agenda_marks",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Marks,
    ),
    t(
        "loyalty_members",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Card,
    ),
    t(
        "loyalty_entries",
        "customer_id = ?1",
        // A correction must name a reason; a dash stands for the erased one.
        EraseRule::Empty("note = CASE kind WHEN 'correct' THEN '–' ELSE '' END"),
        MergeRule::Move,
    ),
    t(
        "coupon_uses",
        "customer_id = ?1 OR coupon_id IN (SELECT id FROM coupons WHERE customer_id = ?1)",
        EraseRule::Empty("customer_id = NULL"),
        MergeRule::Move,
    ),
    t(
        "coupons",
        "customer_id = ?1",
        EraseRule::Delete,
        MergeRule::Move,
    ),
    t(
        "merges",
        "survivor_id = ?1 OR merged_id = ?1",
        EraseRule::Empty("survivor_before = '{}', merged_before = '{}'"),
        MergeRule::Stays,
    ),
    t(
        "erasures",
        "customer_id = ?1",
        EraseRule::Keep,
        MergeRule::Stays,
    ),
    t(
        "audit_log",
        "customer_id = ?1",
        EraseRule::Keep,
        MergeRule::Stays,
    ),
];

/// The columns of the customer row an erasure keeps: the id and number (the bookkeeping's
/// invoices name it), the kind, the days the record was made, trashed and erased.
const TOMBSTONE: &str = "first_name = '', last_name = '', firm_name = '', street = '',
    postal_code = '', city = '', country = '', phone = '', email = '', notes = '',
    sort_key = '', salutation = '', title = '', other_phones = '[]', other_emails = '[]',
    industry = '', company_size = NULL, annual_revenue_cents = NULL, customer_since = NULL,
    employee_id = NULL, last_verified = NULL, birth_day = NULL, birth_month = NULL,
    birth_year = NULL, partner_name = '', partner_birth_day = NULL, partner_birth_month = NULL,
    partner_birth_year = NULL, relations = '[]', preferred_channels = '[]', quiet_times = '[]',
    peak_months = '[]', address_form = '', closeness = NULL, interests = '[]',
    preferences = '[]', merged_into = NULL";

/// One stored consent row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConsentRow {
    pub id: i64,
    pub channel: String,
    pub given: bool,
    pub on_date: NaiveDate,
    pub source: String,
    pub wording: String,
    pub employee: Option<String>,
}

/// One stored audit entry, with the names it refers to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AuditRow {
    pub id: i64,
    pub at: String,
    pub employee: Option<String>,
    pub customer: Option<CustomerId>,
    pub customer_number: Option<String>,
    pub customer_name: Option<String>,
    pub erased: bool,
    pub detail: String,
}

/// What the audit list shows: all conditions that are set must hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct AuditQuery<'a> {
    pub customer: Option<CustomerId>,
    pub employee: Option<EmployeeId>,
    pub action: Option<&'a str>,
    /// Local days, inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Entries older than this id (the next page).
    pub before: Option<i64>,
    pub limit: u32,
}

fn json_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => {
            let text = String::from_utf8_lossy(t).into_owned();
            // Lists and objects kept as JSON (relations, preferences, answers) are shown
            // as what they are, not as a quoted string.
            if text.starts_with(['[', '{'])
                && let Ok(parsed) = serde_json::from_str::<Value>(&text)
            {
                return parsed;
            }
            Value::String(text)
        }
        ValueRef::Blob(b) => Value::String(format!("<{} bytes>", b.len())),
    }
}

fn rows_of(conn: &Connection, table: &PersonalTable, id: CustomerId) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT * FROM {} WHERE {} ORDER BY 1",
        table.table, table.selector
    ))?;
    let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
    let mut rows = stmt.query([id.0])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut map = Map::new();
        for (i, name) in names.iter().enumerate() {
            map.insert(name.clone(), json_of(row.get_ref(i)?));
        }
        out.push(map);
    }
    Ok(out)
}

/// The latest consent per channel of every live customer (or only `only`) that has any,
/// or is a firm, by id (see [`consents_visit`]).
pub(super) fn consents_read(
    conn: &Connection,
    only: Option<CustomerId>,
) -> Result<std::collections::BTreeMap<i64, crate::privacy::Consents>> {
    let mut states: std::collections::BTreeMap<i64, crate::privacy::Consents> =
        std::collections::BTreeMap::new();
    consents_visit(conn, only, |id, consent| {
        let state = states.entry(id).or_default();
        match consent {
            None => state.firm = true,
            Some((channel, given)) => state.set(channel, Some(given)),
        }
    })?;
    Ok(states)
}

/// Hands every live firm (`None`) and every consent row (`Some(channel, given)`) of every
/// customer (or only `only`) to `each`: firms from their own partial index, the consents
/// from one pass over the covering index in its order, where within a customer and
/// channel the latest row comes last (so setting each in turn leaves the latest).
pub(super) fn consents_visit(
    conn: &Connection,
    only: Option<CustomerId>,
    mut each: impl FnMut(i64, Option<(crate::privacy::ConsentChannel, bool)>),
) -> Result<()> {
    let mut firms = conn.prepare_cached(
        "SELECT id FROM customers INDEXED BY customers_firms
         WHERE kind = 'firm' AND trashed_at IS NULL AND (?1 IS NULL OR id = ?1)",
    )?;
    let mut rows = firms.query([only.map(|c| c.0)])?;
    while let Some(r) = rows.next()? {
        each(r.get(0)?, None);
    }
    let mut given = conn.prepare_cached(
        "SELECT customer_id, channel, given FROM consents INDEXED BY consents_by_customer
         WHERE (?1 IS NULL OR customer_id = ?1)
         ORDER BY customer_id, channel, on_date, id",
    )?;
    let mut rows = given.query([only.map(|c| c.0)])?;
    while let Some(r) = rows.next()? {
        let channel = r.get_ref(1)?.as_str().unwrap_or("");
        if let Some(channel) = crate::privacy::ConsentChannel::from_code(channel) {
            each(r.get(0)?, Some((channel, r.get(2)?)));
        }
    }
    Ok(())
}

impl Store {
    /// The employee who works the app now (chosen at the lock screen or start); written
    /// on contacts, redemptions and audit entries.
    pub fn actor(&self) -> Option<EmployeeId> {
        self.actor
    }

    /// Sets who works the app from now on.
    pub fn set_actor(&mut self, employee: Option<EmployeeId>) {
        self.actor = employee;
    }

    /// Appends an audit entry by the current actor at the shop's local time `at`.
    pub(crate) fn audit(
        &mut self,
        at: NaiveDateTime,
        customer: Option<CustomerId>,
        action: &str,
        detail: &str,
    ) -> Result<()> {
        let actor = self.actor;
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO audit_log (at, employee_id, customer_id, action, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                actor.map(|e| e.0),
                customer.map(|c| c.0),
                action,
                detail
            ])?;
            Ok(())
        })
    }

    pub(crate) fn audit_entries(&self, q: &AuditQuery<'_>) -> Result<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.at, e.name, a.customer_id, c.number,
                    trim(c.first_name || ' ' || c.last_name || ' ' || c.firm_name),
                    c.erased_on IS NOT NULL, a.detail
             FROM audit_log a
             LEFT JOIN employees e ON e.id = a.employee_id
             LEFT JOIN customers c ON c.id = a.customer_id
             WHERE (?1 IS NULL OR a.customer_id = ?1)
               AND (?2 IS NULL OR a.employee_id = ?2)
               AND (?3 IS NULL OR a.action = ?3)
               AND (?4 IS NULL OR a.at >= ?4)
               AND (?5 IS NULL OR a.at < ?5)
               AND (?6 IS NULL OR a.id < ?6)
             ORDER BY a.id DESC LIMIT ?7",
        )?;
        let next_day = q.to.and_then(|d| d.succ_opt());
        let rows = stmt.query_map(
            params![
                q.customer.map(|c| c.0),
                q.employee.map(|e| e.0),
                q.action,
                q.from.map(|d| d.to_string()),
                next_day.map(|d| d.to_string()),
                q.before,
                q.limit
            ],
            |row| {
                Ok(AuditRow {
                    id: row.get(0)?,
                    at: row.get(1)?,
                    employee: row.get(2)?,
                    customer: row.get::<_, Option<i64>>(3)?.map(CustomerId),
                    customer_number: row.get(4)?,
                    customer_name: row.get(5)?,
                    erased: row.get::<_, Option<bool>>(6)?.unwrap_or(false),
                    detail: row.get(7)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn insert_consent(
        &mut self,
        customer: CustomerId,
        channel: &str,
        given: bool,
        on: NaiveDate,
        source: &str,
        wording: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let actor = self.actor;
        self.write(|tx| {
            let live: Option<bool> = tx
                .query_row(
                    "SELECT erased_on IS NULL FROM customers WHERE id = ?1",
                    [customer.0],
                    |r| r.get(0),
                )
                .optional()?;
            if live != Some(true) {
                return Err(Error::NotFound {
                    entity: Entity::Customer,
                    id: customer.0,
                });
            }
            tx.prepare_cached(
                "INSERT INTO consents (customer_id, channel, given, on_date, source, wording,
                     employee_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                customer.0,
                channel,
                given,
                on,
                source,
                wording,
                actor.map(|e| e.0),
                now
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// A customer's consent history, oldest first.
    pub(crate) fn consents_of(&self, customer: CustomerId) -> Result<Vec<ConsentRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.channel, k.given, k.on_date, k.source, k.wording, e.name
             FROM consents k LEFT JOIN employees e ON e.id = k.employee_id
             WHERE k.customer_id = ?1 ORDER BY k.on_date, k.id",
        )?;
        let rows = stmt.query_map([customer.0], |row| {
            Ok(ConsentRow {
                id: row.get(0)?,
                channel: row.get(1)?,
                given: row.get(2)?,
                on_date: row.get(3)?,
                source: row.get(4)?,
                wording: row.get(5)?,
                employee: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every row about customer `id`, table by table in [`PERSONAL_TABLES`] order.
    pub(crate) fn personal_rows(&self, id: CustomerId) -> Result<Vec<(&'static str, Vec<Row>)>> {
        PERSONAL_TABLES
            .iter()
            .map(|t| Ok((t.table, rows_of(&self.conn, t, id)?)))
            .collect()
    }

    /// The customers merged into `id` (and into those), which hold the same person's
    /// earlier records.
    pub(crate) fn merged_into_chain(&self, id: CustomerId) -> Result<Vec<CustomerId>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE m(id) AS (
                 SELECT id FROM customers WHERE merged_into = ?1
                 UNION SELECT c.id FROM customers c JOIN m ON c.merged_into = m.id)
             SELECT id FROM m ORDER BY id",
        )?;
        let rows = stmt.query_map([id.0], |r| r.get(0).map(CustomerId))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The consents of every live customer (or only `only`) that has any, or is a firm:
    /// `each(id, state)` once per such customer (see [`consents_read`]).
    pub(crate) fn read_consents(
        &self,
        only: Option<CustomerId>,
        mut each: impl FnMut(CustomerId, crate::privacy::Consents),
    ) -> Result<()> {
        for (id, state) in consents_read(&self.conn, only)? {
            each(CustomerId(id), state);
        }
        Ok(())
    }

    /// The stored survey answers of a customer (id, answers JSON).
    pub(crate) fn survey_answers_of(&self, customer: CustomerId) -> Result<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, answers FROM survey_responses WHERE customer_id = ?1")?;
        let rows = stmt.query_map([customer.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Empties customer `id` by [`PERSONAL_TABLES`]: `answers` are the survey responses'
    /// answers with the text answers taken out; the customer row becomes a tombstone
    /// (trashed, erased `on`). Records that the erasure happened (by the actor, `reason`).
    /// Runs with `secure_delete`, so what is removed is overwritten with zeros.
    pub(crate) fn erase_customer(
        &mut self,
        id: CustomerId,
        answers: &[(i64, String)],
        on: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let actor = self.actor;
        self.write(|tx| {
            tx.pragma_update(None, "secure_delete", "ON")?;
            for table in PERSONAL_TABLES {
                match table.erase {
                    EraseRule::Delete => {
                        tx.execute(
                            &format!("DELETE FROM {} WHERE {}", table.table, table.selector),
                            [id.0],
                        )?;
                    }
                    EraseRule::Empty(set) => {
                        tx.execute(
                            &format!("UPDATE {} SET {set} WHERE {}", table.table, table.selector),
                            [id.0],
                        )?;
                    }
                    EraseRule::ByCore => {
                        for (response, json) in answers {
                            tx.execute(
                                "UPDATE survey_responses SET answers = ?2, customer_id = NULL,
                                     interaction_id = NULL, complaint_id = NULL
                                 WHERE id = ?1",
                                params![response, json],
                            )?;
                        }
                    }
                    EraseRule::Keep => {}
                    EraseRule::Tombstone => {
                        // First in the list: the ledger and the consents refuse
                        // changes unless the customer is marked erased.
                        tx.execute(
                            "UPDATE customers SET erased_on = ?2 WHERE id = ?1",
                            params![id.0, on],
                        )?;
                    }
                }
            }
            let changed = tx.execute(
                &format!(
                    "UPDATE customers SET {TOMBSTONE}, status = 'active',
                         trashed_at = coalesce(trashed_at, ?2), updated_at = ?2
                     WHERE id = ?1"
                ),
                params![id.0, now],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    entity: Entity::Customer,
                    id: id.0,
                });
            }
            tx.execute(
                "INSERT INTO erasures (customer_id, erased_on, employee_id, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, on, actor.map(|e| e.0), reason, now],
            )?;
            tx.pragma_update(None, "secure_delete", "OFF")?;
            Ok(())
        })
    }

    /// Part of an erasure's transaction: the search index merged into one segment, so its
    /// deleted entries (FTS5 keeps them until a merge) are really gone.
    pub(crate) fn merge_search_index(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.pragma_update(None, "secure_delete", "ON")?;
            tx.execute(
                "INSERT INTO customer_search (customer_search) VALUES ('optimize')",
                [],
            )?;
            tx.pragma_update(None, "secure_delete", "OFF")?;
            Ok(())
        })
    }

    /// After an erasure: the log copied into the file and cut to nothing, so the erased
    /// text is in neither the file nor its `-wal`. Returns whether the log could be
    /// emptied (another reader may hold it; the next checkpoint then does it).
    pub(crate) fn truncate_log(&mut self) -> Result<bool> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// Whether customer `id` was erased (and when).
    pub(crate) fn erased_on(&self, id: CustomerId) -> Result<Option<NaiveDate>> {
        Ok(self
            .conn
            .query_row(
                "SELECT erased_on FROM customers WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// The trashed (not erased, not merged) customers trashed before `before`.
    pub(crate) fn trashed_before(&self, before: DateTime<Utc>) -> Result<Vec<CustomerId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM customers
             WHERE trashed_at IS NOT NULL AND trashed_at < ?1 AND erased_on IS NULL
             ORDER BY id",
        )?;
        let rows = stmt.query_map([before], |r| r.get(0).map(CustomerId))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The tables of the schema whose rows refer to customers, directly or through
    /// another such table (by foreign key or a column named like a customer's id).
    pub fn tables_about_customers(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%'")?;
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut about = vec!["customers".to_owned()];
        loop {
            let mut grew = false;
            for table in &tables {
                if about.contains(table) {
                    continue;
                }
                let mut fks = self.conn.prepare(&format!(
                    "SELECT \"table\" FROM pragma_foreign_key_list('{table}')"
                ))?;
                let targets: Vec<String> = fks
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut cols = self
                    .conn
                    .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
                let names: Vec<String> = cols
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let by_name = names
                    .iter()
                    .any(|n| n == "customer_id" || n.ends_with("_customer_id"));
                if by_name || targets.iter().any(|t| about.contains(t)) {
                    about.push(table.clone());
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        about.sort();
        Ok(about)
    }
}
