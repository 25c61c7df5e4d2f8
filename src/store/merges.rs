//! SQL of merging two customers and of undoing a merge.

use super::Store;
use super::customers::{load, update_columns, write_tags};
use crate::customers::{Customer, CustomerFields, CustomerId};
use crate::error::{Entity, Error, Result};
use crate::merges::MergeProblem;
use crate::merges::{Merge, MergeId};
use chrono::{DateTime, Utc};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Map;

/// The tables whose moved rows merges before schema 15 list by id (their undo reads
/// them); newer merges list every moved row by table and rowid (`Moved::rows`), for every
/// table whose `MergeRule` in `PERSONAL_TABLES` moves rows.
const CHILD_TABLES: [&str; 6] = [
    "transactions",
    "interactions",
    "contacts",
    "loyalty_entries",
    "coupons",
    "survey_responses",
];

/// Which rows moved from the merged customer to the survivor. Merges made before schema
/// 11 lack the loyalty fields.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Moved {
    transactions: Vec<i64>,
    interactions: Vec<i64>,
    contacts: Vec<i64>,
    #[serde(default)]
    loyalty_entries: Vec<i64>,
    #[serde(default)]
    coupons: Vec<i64>,
    #[serde(default)]
    survey_responses: Vec<i64>,
    /// The merged customer's card went to the survivor, who had none.
    #[serde(default)]
    card: bool,
    /// Rows moved, by table and rowid (merges since schema 15).
    #[serde(default)]
    rows: std::collections::BTreeMap<String, Vec<i64>>,
    /// Tables whose one row per customer moved (the potential).
    #[serde(default)]
    single: Vec<String>,
    /// Agenda marks moved: the key before and after.
    #[serde(default)]
    marks: Vec<(String, String)>,
}

/// An agenda mark's key for another customer: `plan:12:3:2026-11-01` → `plan:7:3:…`.
fn mark_key_for(key: &str, customer: CustomerId) -> Option<String> {
    let mut parts = key.splitn(3, ':');
    let kind = parts.next()?;
    parts.next()?;
    let rest = parts.next()?;
    Some(format!("{kind}:{}:{rest}", customer.0))
}

/// Moves the merged customer's rows to the survivor, table by table as
/// `PERSONAL_TABLES` says, and notes what moved.
fn move_rows(
    tx: &Connection,
    survivor: CustomerId,
    merged: CustomerId,
    moved: &mut Moved,
) -> Result<()> {
    use super::privacy::{MergeRule, PERSONAL_TABLES};
    for table in PERSONAL_TABLES {
        let name = table.table;
        match table.merge {
            MergeRule::Move => {
                let rowids: Vec<i64> = tx
                    .prepare(&format!(
                        "SELECT rowid FROM {name} WHERE customer_id = ?1 ORDER BY rowid"
                    ))?
                    .query_map([merged.0], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut update = tx.prepare(&format!(
                    "UPDATE OR IGNORE {name} SET customer_id = ?1 WHERE rowid = ?2"
                ))?;
                let mut taken = Vec::new();
                for rowid in rowids {
                    if update.execute(params![survivor.0, rowid])? > 0 {
                        taken.push(rowid);
                    }
                }
                if !taken.is_empty() {
                    moved.rows.insert(name.to_owned(), taken);
                }
            }
            MergeRule::MoveSingle => {
                let n = tx.execute(
                    &format!(
                        "UPDATE {name} SET customer_id = ?1 WHERE customer_id = ?2
                           AND NOT EXISTS (SELECT 1 FROM {name} WHERE customer_id = ?1)"
                    ),
                    params![survivor.0, merged.0],
                )?;
                if n > 0 {
                    moved.single.push(name.to_owned());
                }
            }
            MergeRule::Marks => {
                let keys: Vec<String> = tx
                    .prepare("SELECT key FROM agenda_marks WHERE customer_id = ?1 ORDER BY key")?
                    .query_map([merged.0], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for key in keys {
                    let Some(new) = mark_key_for(&key, survivor) else {
                        continue;
                    };
                    let n = tx.execute(
                        "UPDATE OR IGNORE agenda_marks SET key = ?1, customer_id = ?2
                         WHERE key = ?3",
                        params![new, survivor.0, key],
                    )?;
                    if n > 0 {
                        moved.marks.push((key, new));
                    }
                }
            }
            MergeRule::Card => {
                // The survivor keeps its own card; without one it takes the merged one's.
                moved.card = tx.execute(
                    "UPDATE loyalty_members SET customer_id = ?1 WHERE customer_id = ?2
                       AND NOT EXISTS (SELECT 1 FROM loyalty_members WHERE customer_id = ?1)",
                    params![survivor.0, merged.0],
                )? > 0;
            }
            MergeRule::Derived | MergeRule::Record | MergeRule::Stays => {}
        }
    }
    Ok(())
}

/// Puts back what [`move_rows`] (or a merge before schema 15) moved.
fn move_back(
    tx: &Connection,
    survivor: CustomerId,
    merged: CustomerId,
    moved: &mut Moved,
) -> Result<()> {
    if moved.card {
        tx.execute(
            "UPDATE loyalty_members SET customer_id = ?1 WHERE customer_id = ?2",
            params![merged.0, survivor.0],
        )?;
    }
    for table in CHILD_TABLES {
        let mut back = tx.prepare(&format!(
            "UPDATE {table} SET customer_id = ?1 WHERE id = ?2 AND customer_id = ?3"
        ))?;
        for row in moved.of(table).iter() {
            back.execute(params![merged.0, row, survivor.0])?;
        }
    }
    for (table, rowids) in &moved.rows {
        // Only names of this version's own list reach the SQL.
        if !super::privacy::PERSONAL_TABLES
            .iter()
            .any(|t| t.table == table)
        {
            continue;
        }
        let mut back = tx.prepare(&format!(
            "UPDATE {table} SET customer_id = ?1 WHERE rowid = ?2 AND customer_id = ?3"
        ))?;
        for rowid in rowids {
            back.execute(params![merged.0, rowid, survivor.0])?;
        }
    }
    for table in &moved.single {
        if !super::privacy::PERSONAL_TABLES
            .iter()
            .any(|t| t.table == table)
        {
            continue;
        }
        tx.execute(
            &format!("UPDATE {table} SET customer_id = ?1 WHERE customer_id = ?2"),
            params![merged.0, survivor.0],
        )?;
    }
    for (old, new) in &moved.marks {
        tx.execute(
            "UPDATE OR IGNORE agenda_marks SET key = ?1, customer_id = ?2 WHERE key = ?3",
            params![old, merged.0, new],
        )?;
    }
    Ok(())
}

impl Moved {
    fn of(&mut self, table: &str) -> &mut Vec<i64> {
        match table {
            "transactions" => &mut self.transactions,
            "interactions" => &mut self.interactions,
            "loyalty_entries" => &mut self.loyalty_entries,
            "coupons" => &mut self.coupons,
            "survey_responses" => &mut self.survey_responses,
            _ => &mut self.contacts,
        }
    }
}

/// Every column of a customer row with its tags, exactly as stored.
fn snapshot(conn: &Connection, id: CustomerId) -> Result<serde_json::Value> {
    let mut statement = conn.prepare_cached("SELECT * FROM customers WHERE id = ?1")?;
    let names: Vec<String> = statement
        .column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let row = statement
        .query_row([id.0], |row| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                let value = match row.get_ref(i)? {
                    ValueRef::Null => serde_json::Value::Null,
                    ValueRef::Integer(n) => n.into(),
                    ValueRef::Real(x) => x.into(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                    ValueRef::Blob(_) => serde_json::Value::Null,
                };
                map.insert(name.clone(), value);
            }
            Ok(map)
        })
        .optional()?
        .ok_or(Error::NotFound {
            entity: Entity::Customer,
            id: id.0,
        })?;
    let tags: Vec<String> = conn
        .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag")?
        .query_map([id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(serde_json::json!({ "row": map_value(row), "tags": tags }))
}

fn map_value(map: Map<String, serde_json::Value>) -> serde_json::Value {
    serde_json::Value::Object(map)
}

/// Writes a [`snapshot`] back: every column and the tags as they were.
fn put_back(conn: &Connection, id: CustomerId, snap: &serde_json::Value) -> Result<()> {
    let broken = || Error::Internal("merge snapshot".into());
    let row = snap["row"].as_object().ok_or_else(broken)?;
    let mut names = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for (name, value) in row {
        if name == "id" {
            continue;
        }
        names.push(format!(
            "\"{}\" = ?{}",
            name.replace('"', ""),
            names.len() + 1
        ));
        values.push(match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Real(n.as_f64().ok_or_else(broken)?),
            },
            serde_json::Value::String(s) => Value::Text(s.clone()),
            _ => return Err(broken()),
        });
    }
    values.push(Value::Integer(id.0));
    let sql = format!(
        "UPDATE customers SET {} WHERE id = ?{}",
        names.join(", "),
        values.len()
    );
    conn.execute(&sql, rusqlite::params_from_iter(values))?;
    let tags: Vec<String> = serde_json::from_value(snap["tags"].clone()).map_err(|_| broken())?;
    write_tags(conn, id, &tags)?;
    Ok(())
}

impl Store {
    /// Merges `merged` into `survivor` in one transaction: the survivor takes `fields`,
    /// the other customer's rows move over, the other customer goes to the trash.
    pub(crate) fn merge_customers(
        &mut self,
        survivor: CustomerId,
        merged: CustomerId,
        fields: &CustomerFields,
        now: DateTime<Utc>,
    ) -> Result<(MergeId, Customer)> {
        self.write(|tx| {
            for id in [survivor, merged] {
                if load(tx, id)?.trashed_at.is_some() {
                    return Err(Error::NotFound {
                        entity: Entity::Customer,
                        id: id.0,
                    });
                }
            }
            let survivor_before = snapshot(tx, survivor)?;
            let merged_before = snapshot(tx, merged)?;
            let mut moved = Moved::default();
            move_rows(tx, survivor, merged, &mut moved)?;
            // The merged customer's number is freed first: the survivor may take it over.
            tx.execute(
                "UPDATE customers SET trashed_at = ?2, updated_at = ?2, merged_into = ?3,
                     number = number || '~' || id
                 WHERE id = ?1",
                params![merged.0, now, survivor.0],
            )?;
            update_columns(tx, survivor, fields, now)?;
            tx.execute(
                "INSERT INTO merges (survivor_id, merged_id, survivor_before, merged_before,
                     moved, merged_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    survivor.0,
                    merged.0,
                    survivor_before.to_string(),
                    merged_before.to_string(),
                    serde_json::to_string(&moved).map_err(|e| Error::Internal(e.to_string()))?,
                    now
                ],
            )?;
            let id = MergeId(tx.last_insert_rowid());
            Ok((id, load(tx, survivor)?))
        })
    }

    /// Puts both customers and the moved rows back as they were before merge `id`.
    pub(crate) fn undo_merge(&mut self, id: MergeId, now: DateTime<Utc>) -> Result<Merge> {
        self.write(|tx| {
            let merge = merge_row(tx, id)?;
            if merge.undone_at.is_some() {
                return Err(Error::Merge(MergeProblem::AlreadyUndone));
            }
            // Changes made to the survivor after the merge would be lost: refuse instead.
            let survivor = load(tx, merge.survivor_id)?;
            // Points booked since could not be split back (a balance could go below zero).
            let points_since: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM loyalty_entries
                                WHERE customer_id = ?1 AND created_at > ?2)",
                params![merge.survivor_id.0, merge.merged_at],
                |r| r.get(0),
            )?;
            if survivor.updated_at > merge.merged_at || points_since {
                return Err(Error::Merge(MergeProblem::ChangedSince));
            }
            let (survivor_before, merged_before, moved): (String, String, String) = tx.query_row(
                "SELECT survivor_before, merged_before, moved FROM merges WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let parse = |text: &str| {
                serde_json::from_str::<serde_json::Value>(text)
                    .map_err(|e| Error::Internal(e.to_string()))
            };
            // The survivor first: it may have taken over the merged record's number, which
            // has to be free before that record gets it back.
            put_back(tx, merge.survivor_id, &parse(&survivor_before)?)?;
            put_back(tx, merge.merged_id, &parse(&merged_before)?)?;
            let mut moved: Moved =
                serde_json::from_str(&moved).map_err(|e| Error::Internal(e.to_string()))?;
            move_back(tx, merge.survivor_id, merge.merged_id, &mut moved)?;
            tx.execute(
                "UPDATE merges SET undone_at = ?2 WHERE id = ?1",
                params![id.0, now],
            )?;
            merge_row(tx, id)
        })
    }

    /// One merge as the history shows it.
    pub(crate) fn merge(&self, id: MergeId) -> Result<Merge> {
        merge_row(&self.conn, id)
    }
}

fn merge_row(conn: &Connection, id: MergeId) -> Result<Merge> {
    conn.query_row(
        "SELECT m.id, m.survivor_id, m.merged_id, m.merged_at, m.undone_at,
                coalesce(json_extract(m.merged_before, '$.row.number'), ''),
                json_array_length(m.moved, '$.transactions')
                    + coalesce(json_array_length(m.moved, '$.rows.transactions'), 0),
                json_array_length(m.moved, '$.interactions')
                    + coalesce(json_array_length(m.moved, '$.rows.interactions'), 0),
                json_array_length(m.moved, '$.contacts')
                    + coalesce(json_array_length(m.moved, '$.rows.contacts'), 0)
         FROM merges m WHERE m.id = ?1",
        [id.0],
        |r| {
            Ok(Merge {
                id: MergeId(r.get(0)?),
                survivor_id: CustomerId(r.get(1)?),
                merged_id: CustomerId(r.get(2)?),
                merged_at: r.get(3)?,
                undone_at: r.get(4)?,
                merged_number: r.get(5)?,
                moved_purchases: r.get(6)?,
                moved_interactions: r.get(7)?,
                moved_contacts: r.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: Entity::Merge,
        id: id.0,
    })
}
