//! SQL of new products (schema 17): the list, one write per save or delete, and what the
//! agenda needs to find who should hear of them — the buyers of a category (by the index
//! `transactions_by_category`) and the customers whose soft facts may match (by the
//! search index, then checked in the core).

use super::Store;
use super::rows::{json, to_json};
use crate::care::news::{NewProduct, NewProductFields, NewProductId};
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::soft_facts::Labeled;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

const SELECT: &str =
    "SELECT id, name, category, keywords, text, new_since, until, created_at FROM new_products";

fn from_row(r: &Row<'_>) -> rusqlite::Result<NewProduct> {
    Ok(NewProduct {
        id: NewProductId(r.get(0)?),
        name: r.get(1)?,
        category: r.get(2)?,
        keywords: json(r.get_ref(3)?.as_str()?),
        text: r.get(4)?,
        new_since: r.get(5)?,
        until: r.get(6)?,
        created_at: r.get(7)?,
    })
}

/// A customer's interests and preferences.
pub(crate) type SoftFacts = (CustomerId, Vec<String>, Vec<Labeled>);

impl Store {
    /// Every new product, the newest first.
    pub(crate) fn new_products(&self) -> Result<Vec<NewProduct>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY new_since DESC, id DESC"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (`id` none) or changes a new product.
    pub(crate) fn save_new_product(
        &mut self,
        id: Option<NewProductId>,
        f: &NewProductFields,
        now: DateTime<Utc>,
    ) -> Result<NewProduct> {
        let keywords = to_json(&f.keywords)?;
        self.write(|tx| {
            let id = match id {
                None => {
                    tx.execute(
                        "INSERT INTO new_products (name, category, keywords, text, new_since,
                             until, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            f.name,
                            f.category,
                            keywords,
                            f.text,
                            f.new_since,
                            f.until,
                            now
                        ],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE new_products SET name = ?2, category = ?3, keywords = ?4,
                             text = ?5, new_since = ?6, until = ?7
                         WHERE id = ?1",
                        params![
                            id.0,
                            f.name,
                            f.category,
                            keywords,
                            f.text,
                            f.new_since,
                            f.until
                        ],
                    )?;
                    if changed == 0 {
                        return Err(Error::NotFound {
                            entity: Entity::NewProduct,
                            id: id.0,
                        });
                    }
                    id.0
                }
            };
            tx.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
                .optional()?
                .ok_or(Error::NotFound {
                    entity: Entity::NewProduct,
                    id,
                })
        })
    }

    pub(crate) fn delete_new_product(&mut self, id: NewProductId) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM new_products WHERE id = ?1", [id.0])? == 0 {
                return Err(Error::NotFound {
                    entity: Entity::NewProduct,
                    id: id.0,
                });
            }
            Ok(())
        })
    }

    /// Who bought in `category` (any case), with the day of their first purchase in it.
    pub(crate) fn category_buyers(&self, category: &str) -> Result<Vec<(CustomerId, NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, min(date) FROM transactions INDEXED BY transactions_by_category
             WHERE category <> '' AND category = ?1 COLLATE NOCASE
             GROUP BY customer_id",
        )?;
        let rows = stmt.query_map([category.trim()], |r| {
            Ok((CustomerId(r.get(0)?), r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The interests and preferences of the customers whose soft facts (or notes) hold one
    /// of `words` as a whole word: a superset of those who match, for the core to check.
    pub(crate) fn soft_facts_with(&self, words: &[String]) -> Result<Vec<SoftFacts>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let query = format!(
            "notes : ({})",
            words
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" OR ")
        );
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.interests, c.preferences FROM customers c
             WHERE c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?1)
               AND c.trashed_at IS NULL",
        )?;
        let rows = stmt.query_map([query], |r| {
            Ok((
                CustomerId(r.get(0)?),
                json(r.get_ref(1)?.as_str()?),
                json(r.get_ref(2)?.as_str()?),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
