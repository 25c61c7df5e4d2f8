//! What the value analysis reads: every purchase of the customers not in the trash.

use super::Store;
use crate::customers::CustomerId;
use crate::error::{Error, Result};
use crate::value::rows::{ChartRow, PaidPurchase, ValueCustomer, ValueRow};
use crate::value::shop::MODEL_KEY;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use std::collections::HashSet;

impl Store {
    /// Every purchase of a live customer, the amount paid after discount.
    pub(crate) fn purchases_for_value(&self) -> Result<Vec<PaidPurchase>> {
        let mut purchases = Vec::new();
        self.each_purchase_for_value(|customer, day, gross, discount, _| {
            purchases.push((customer, day, gross - discount));
        })?;
        Ok(purchases)
    }

    /// Hands every purchase of a live customer to `each`: customer, day, gross amount,
    /// discount and category, in the table's order.
    pub(crate) fn each_purchase_for_value(
        &self,
        each: impl FnMut(CustomerId, NaiveDate, i64, i64, &str),
    ) -> Result<()> {
        each_purchase(&self.conn, &self.trashed_ids()?, None, each)
    }

    /// Refuses `what` outside a write transaction ([`Store::atomically`]).
    fn in_transaction(&self, what: &str) -> Result<()> {
        if self.conn.is_autocommit() {
            return Err(Error::Internal(format!(
                "{what} only inside a write transaction"
            )));
        }
        Ok(())
    }

    /// The ids of the customers in the trash.
    fn trashed_ids(&self) -> Result<HashSet<i64>> {
        Ok(self
            .conn
            .prepare("SELECT id FROM customers WHERE trashed_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The purchases split into up to `parts` shares in the table's order (each of at
    /// least `least_rows` rowids), each read on a connection of its own, so the value
    /// analysis reads on every core; `None` for a database in memory (read it with
    /// [`Store::each_purchase_for_value`]). Only inside a write transaction
    /// ([`Store::atomically`]) and before it writes: no other connection can commit until
    /// it ends, so every share reads exactly what this connection sees.
    pub(crate) fn purchase_parts(
        &self,
        parts: usize,
        least_rows: i64,
    ) -> Result<Option<Vec<PurchasePart>>> {
        self.in_transaction("purchase_parts")?;
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        let (first, last): (Option<i64>, Option<i64>) = self.conn.query_row(
            // Each on its own: together they would scan the table.
            "SELECT (SELECT min(rowid) FROM transactions), (SELECT max(rowid) FROM transactions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(Some(Vec::new()));
        };
        let parts = (parts.max(1) as i64).min((last - first) / least_rows.max(1) + 1);
        let step = (last - first) / parts + 1;
        let trashed = std::sync::Arc::new(self.trashed_ids()?);
        (0..parts)
            .map(|i| {
                let reader = Store::open_for_reading(std::path::Path::new(path))?;
                // No memory map: unmapping what a share read took longer than the read.
                reader.conn.pragma_update(None, "mmap_size", 0)?;
                Ok(PurchasePart {
                    reader,
                    rows: (first + i * step, (first + (i + 1) * step - 1).min(last)),
                    trashed: trashed.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }

    /// The live customers' numbers, by id.
    pub(crate) fn live_customer_numbers(&self) -> Result<Vec<(CustomerId, String)>> {
        Ok(self
            .conn
            .prepare("SELECT id, number FROM customers WHERE trashed_at IS NULL ORDER BY id")?
            .query_map([], |r| Ok((CustomerId(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// A share of the purchases with a read-only connection of its own
/// ([`Store::purchase_parts`]): the rows of `transactions` whose rowid is in `rows`.
pub(crate) struct PurchasePart {
    reader: Store,
    rows: (i64, i64),
    trashed: std::sync::Arc<HashSet<i64>>,
}

impl PurchasePart {
    /// About how many purchases the share holds (its rowids).
    pub(crate) fn size_hint(&self) -> usize {
        usize::try_from(self.rows.1 - self.rows.0 + 1).unwrap_or(0)
    }

    /// Hands each purchase of the share to `each`, as [`Store::each_purchase_for_value`].
    pub(crate) fn each(
        &self,
        each: impl FnMut(CustomerId, NaiveDate, i64, i64, &str),
    ) -> Result<()> {
        each_purchase(&self.reader.conn, &self.trashed, Some(self.rows), each)
    }
}

/// The purchases (of the rowids in `rows`, or all) of the customers not in `trashed`.
fn each_purchase(
    conn: &rusqlite::Connection,
    trashed: &HashSet<i64>,
    rows: Option<(i64, i64)>,
    mut each: impl FnMut(CustomerId, NaiveDate, i64, i64, &str),
) -> Result<()> {
    // The customers in the trash are few: left out by their ids rather than by a join
    // that looks up every purchase's customer (a third of the read).
    let sql = "SELECT customer_id, date, amount_cents, discount_cents, category FROM transactions";
    let mut statement = match rows {
        Some(_) => conn.prepare(&format!("{sql} WHERE rowid BETWEEN ?1 AND ?2"))?,
        None => conn.prepare(sql)?,
    };
    let mut found = match rows {
        Some((from, to)) => statement.query([from, to])?,
        None => statement.query([])?,
    };
    while let Some(r) = found.next()? {
        let id: i64 = r.get(0)?;
        if !trashed.is_empty() && trashed.contains(&id) {
            continue;
        }
        // Parsed by hand: chrono's parser takes a third of the read for 2M rows.
        let text = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let day: NaiveDate = match super::rows::day_of(text) {
            Some(day) => day,
            None => r.get(1)?,
        };
        each(
            CustomerId(id),
            day,
            r.get(2)?,
            r.get(3)?,
            r.get_ref(4)?.as_str().unwrap_or(""),
        );
    }
    Ok(())
}

impl Store {
    /// Every live customer with their status, closeness and the owner's extra potential.
    pub(crate) fn value_customers(&self) -> Result<Vec<ValueCustomer>> {
        Ok(self
            .conn
            .prepare(
                "SELECT c.id, c.status = 'lost', c.closeness, coalesce(p.extra_cents, 0)
                 FROM customers c LEFT JOIN customer_potentials p ON p.customer_id = c.id
                 WHERE c.trashed_at IS NULL ORDER BY c.id",
            )?
            .query_map([], |r| {
                Ok(ValueCustomer {
                    id: CustomerId(r.get(0)?),
                    marked_lost: r.get(1)?,
                    closeness: r.get(2)?,
                    extra_potential_cents: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The first half of replacing the value analysis (the second is
    /// [`Store::put_values`], in the same transaction): the last analysis's P(alive)
    /// becomes "the one before" (unless it ran on `today`), its value rows go, and the
    /// purchase signals are replaced. The signals are of live customers only: read in the
    /// same transaction ([`Store::purchase_parts`]), so none was trashed meanwhile.
    pub(crate) fn replace_signals(
        &mut self,
        today: chrono::NaiveDate,
        signals: &[(CustomerId, &crate::care::warning::Signals)],
    ) -> Result<()> {
        self.in_transaction("replace_signals")?;
        let today = today.to_string();
        self.write(|tx| {
            // The analysis being replaced becomes "the one before" — unless it ran the same
            // day (then the one before stays what it was).
            let previous: Option<String> = tx
                .query_row(
                    "SELECT json_extract(value, '$.calibrationEnd') FROM settings WHERE key = ?1",
                    [MODEL_KEY],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if let Some(previous) = previous.filter(|p| *p != today && !p.is_empty()) {
                tx.execute("DELETE FROM customer_p_alive_before", [])?;
                tx.execute(
                    "INSERT INTO customer_p_alive_before (customer_id, p_alive, analysed_on)
                     SELECT customer_id, p_alive, ?1 FROM customer_values
                     WHERE p_alive IS NOT NULL",
                    [previous],
                )?;
            }
            tx.execute("DELETE FROM customer_values", [])?;
            tx.execute("DELETE FROM customer_signals", [])?;
            let mut insert_signals = tx.prepare_cached(
                "INSERT INTO customer_signals (customer_id, gross_12m_cents, discount_12m_cents,
                     gross_prior_cents, discount_prior_cents, purchases, first_purchase,
                     categories, only_category)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (customer, s) in signals {
                let Some(first) = s.first_purchase else {
                    continue;
                };
                insert_signals.execute(rusqlite::params![
                    customer.0,
                    s.gross_12m_cents,
                    s.discount_12m_cents,
                    s.gross_prior_cents,
                    s.discount_prior_cents,
                    s.purchases,
                    first,
                    s.categories,
                    s.only_category,
                ])?;
            }
            Ok(())
        })
    }

    /// The second half of replacing the value analysis (after
    /// [`Store::replace_signals`], in the same transaction): every customer's value row
    /// and the model's description.
    pub(crate) fn put_values(&mut self, rows: &[ValueRow], model_json: &str) -> Result<()> {
        self.in_transaction("put_values")?;
        self.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO customer_values (customer_id, revenue_period_cents,
                     revenue_12m_cents, potential_cents, abc, quadrant, phase, score, p_alive,
                     expected_purchases_12m, expected_spend_cents, value_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for r in rows {
                insert.execute(rusqlite::params![
                    r.customer.0,
                    r.revenue_period_cents,
                    r.revenue_12m_cents,
                    r.potential_cents,
                    r.abc.code(),
                    r.quadrant.code(),
                    r.phase.code(),
                    r.score,
                    r.p_alive,
                    r.expected_purchases_12m,
                    r.expected_spend_cents,
                    r.value_cents,
                ])?;
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [MODEL_KEY, model_json],
            )?;
            Ok(())
        })
    }

    /// The stored value rows (of one customer, when given), by customer id. Customers in
    /// the trash have none: a trigger removes their row.
    pub(crate) fn value_rows(&self, only: Option<CustomerId>) -> Result<Vec<ValueRow>> {
        use crate::value::segments::{Abc, Phase, Quadrant};
        let mut statement = self.conn.prepare_cached(
            "SELECT customer_id, revenue_period_cents, revenue_12m_cents, potential_cents, abc,
                    quadrant, phase, score, p_alive, expected_purchases_12m,
                    expected_spend_cents, value_cents
             FROM customer_values WHERE ?1 IS NULL OR customer_id = ?1
             ORDER BY customer_id",
        )?;
        let rows = statement
            .query_map([only.map(|c| c.0)], |r| {
                // The table's CHECKs allow only these codes; read without copying.
                let code = |i: usize| -> rusqlite::Result<&str> {
                    r.get_ref(i)?.as_str().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            i,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })
                };
                Ok(ValueRow {
                    customer: CustomerId(r.get(0)?),
                    revenue_period_cents: r.get(1)?,
                    revenue_12m_cents: r.get(2)?,
                    potential_cents: r.get(3)?,
                    abc: Abc::from_code(code(4)?).unwrap_or(Abc::C),
                    quadrant: Quadrant::from_code(code(5)?).unwrap_or(Quadrant::Small),
                    phase: Phase::from_code(code(6)?).unwrap_or(Phase::New),
                    score: r.get(7)?,
                    p_alive: r.get(8)?,
                    expected_purchases_12m: r.get(9)?,
                    expected_spend_cents: r.get(10)?,
                    value_cents: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Sets (or, with `None`, removes) the owner's estimate of a customer's further
    /// potential a year, in cents.
    pub(crate) fn set_extra_potential(
        &mut self,
        customer: CustomerId,
        extra_cents: Option<i64>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            super::transactions::ensure_live_customer(tx, customer)?;
            match extra_cents {
                Some(cents) => tx.execute(
                    "INSERT INTO customer_potentials (customer_id, extra_cents, updated_at)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (customer_id) DO UPDATE SET extra_cents = excluded.extra_cents,
                         updated_at = excluded.updated_at",
                    rusqlite::params![customer.0, cents, now],
                )?,
                None => tx.execute(
                    "DELETE FROM customer_potentials WHERE customer_id = ?1",
                    [customer.0],
                )?,
            };
            Ok(())
        })
    }

    /// The owner's estimate for one customer, in cents.
    pub(crate) fn extra_potential(&self, customer: CustomerId) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT extra_cents FROM customer_potentials WHERE customer_id = ?1",
                [customer.0],
                |r| r.get(0),
            )
            .optional()?)
    }
}

impl Store {
    /// A customer's revenue (paid, cents) per month from `from` on: (`YYYY-MM`, cents).
    /// The whole shop's paid revenue per month (`YYYY-MM`) from `from` on, every purchase
    /// counted (also those of customers in the trash: the money came in).
    pub(crate) fn shop_monthly_revenue(&self, from: NaiveDate) -> Result<Vec<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT substr(date, 1, 7), sum(amount_cents - discount_cents)
                 FROM transactions INDEXED BY transactions_by_date WHERE date >= ?1
                 GROUP BY 1 ORDER BY 1",
            )?
            .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn monthly_revenue(
        &self,
        customer: CustomerId,
        from: NaiveDate,
    ) -> Result<Vec<(String, i64)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT substr(date, 1, 7), sum(amount_cents - discount_cents)
                 FROM transactions WHERE customer_id = ?1 AND date >= ?2
                 GROUP BY 1 ORDER BY 1",
            )?
            .query_map(rusqlite::params![customer.0, from], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Store {
    /// The value rows, reduced to what the charts draw (a lean read for 100,000 rows).
    pub(crate) fn chart_rows(&self) -> Result<Vec<ChartRow>> {
        use crate::value::segments::{Abc, Quadrant};
        let mut statement = self.conn.prepare_cached(
            "SELECT revenue_period_cents, revenue_12m_cents, potential_cents, value_cents,
                    CASE abc WHEN 'A' THEN 0 WHEN 'B' THEN 1 ELSE 2 END,
                    CASE quadrant WHEN 'top' THEN 0 WHEN 'development' THEN 1
                                  WHEN 'premium' THEN 2 ELSE 3 END
             FROM customer_values",
        )?;
        let rows = statement
            .query_map([], |r| {
                Ok(ChartRow {
                    revenue_period_cents: r.get(0)?,
                    revenue_12m_cents: r.get(1)?,
                    potential_cents: r.get(2)?,
                    value_cents: r.get(3)?,
                    abc: [Abc::A, Abc::B, Abc::C][usize::from(r.get::<_, u8>(4)?.min(2))],
                    quadrant: Quadrant::ALL[usize::from(r.get::<_, u8>(5)?.min(3))],
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Store {
    /// The owner's score criteria, in the order they were made.
    pub(crate) fn score_indicators(&self) -> Result<Vec<crate::value::indicators::Indicator>> {
        use crate::value::indicators::{Indicator, IndicatorId};
        Ok(self
            .conn
            .prepare_cached("SELECT id, name, weight FROM score_indicators ORDER BY id")?
            .query_map([], |r| {
                Ok(Indicator {
                    id: IndicatorId(r.get(0)?),
                    name: r.get(1)?,
                    weight: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds a criterion, or changes one; a name in use (any case) is refused by name.
    pub(crate) fn save_score_indicator(
        &mut self,
        id: Option<crate::value::indicators::IndicatorId>,
        name: &str,
        weight: f64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::value::indicators::IndicatorId> {
        use crate::error::{Error, Field, FieldError, Issue};
        use crate::value::indicators::IndicatorId;
        self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT id FROM score_indicators WHERE name = ?1 COLLATE NOCASE",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some_and(|t| Some(IndicatorId(t)) != id) {
                return Err(Error::Validation(vec![FieldError::new(
                    Field::Name,
                    Issue::NameTaken,
                )]));
            }
            match id {
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE score_indicators SET name = ?2, weight = ?3 WHERE id = ?1",
                        rusqlite::params![id.0, name, weight],
                    )?;
                    if changed == 0 {
                        return Err(Error::NotFound {
                            entity: crate::error::Entity::ScoreIndicator,
                            id: id.0,
                        });
                    }
                    Ok(id)
                }
                None => {
                    tx.execute(
                        "INSERT INTO score_indicators (name, weight, created_at) VALUES (?1, ?2, ?3)",
                        rusqlite::params![name, weight, now],
                    )?;
                    Ok(IndicatorId(tx.last_insert_rowid()))
                }
            }
        })
    }

    /// Removes a criterion and every customer's mark on it.
    pub(crate) fn delete_score_indicator(
        &mut self,
        id: crate::value::indicators::IndicatorId,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM score_indicators WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }

    /// Every customer's marks: (customer, criterion, 1–5).
    pub(crate) fn indicator_values(
        &self,
        customer: Option<CustomerId>,
    ) -> Result<Vec<(CustomerId, crate::value::indicators::IndicatorId, u8)>> {
        use crate::value::indicators::IndicatorId;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT customer_id, indicator_id, value FROM customer_indicator_values
                 WHERE ?1 IS NULL OR customer_id = ?1",
            )?
            .query_map([customer.map(|c| c.0)], |r| {
                Ok((CustomerId(r.get(0)?), IndicatorId(r.get(1)?), r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Sets (or removes) a customer's mark on a criterion.
    pub(crate) fn set_indicator_value(
        &mut self,
        customer: CustomerId,
        indicator: crate::value::indicators::IndicatorId,
        value: Option<u8>,
    ) -> Result<()> {
        use crate::error::Error;
        self.write(|tx| {
            super::transactions::ensure_live_customer(tx, customer)?;
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM score_indicators WHERE id = ?1)",
                [indicator.0],
                |r| r.get(0),
            )?;
            if !known {
                return Err(Error::NotFound {
                    entity: crate::error::Entity::ScoreIndicator,
                    id: indicator.0,
                });
            }
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO customer_indicator_values (customer_id, indicator_id, value)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (customer_id, indicator_id) DO UPDATE SET value = excluded.value",
                    rusqlite::params![customer.0, indicator.0, v],
                )?,
                None => tx.execute(
                    "DELETE FROM customer_indicator_values
                     WHERE customer_id = ?1 AND indicator_id = ?2",
                    [customer.0, indicator.0],
                )?,
            };
            Ok(())
        })
    }

    /// Each customer's P(alive) of the analysis before the last, with its day.
    pub(crate) fn p_alive_before(
        &self,
    ) -> Result<std::collections::HashMap<CustomerId, (f64, chrono::NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, p_alive, analysed_on FROM customer_p_alive_before",
        )?;
        let rows = stmt.query_map([], |r| Ok((CustomerId(r.get(0)?), (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
