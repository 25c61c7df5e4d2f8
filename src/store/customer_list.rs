//! Reading the customer list: keyset pages in every sort order, filters and the full-text
//! search, and what the filter menus offer.

use super::Store;
use super::customers::{ListCursor, SUMMARY_COLUMNS, summary_from_row};
use crate::customers::{
    CustomerFilter, CustomerPage, CustomerSort, CustomerSummary, FilterOptions,
};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// A customer's score for sorting: -1 without one, so they come last.
const SCORE_KEY: &str =
    "coalesce((SELECT score FROM customer_values v WHERE v.customer_id = c.id), -1)";

const SCORE_ORDER: &str = "coalesce((SELECT score FROM customer_values v WHERE v.customer_id = c.id), -1) DESC, c.sort_key, c.id";

impl Store {
    /// A page of live customers that pass `filter`, in its sort order, after `after`.
    /// With a search query, the best matches in rank order (one page, no cursor).
    /// `verified_before`: the cut-off of the "not verified" filter.
    pub(crate) fn browse_customers(
        &self,
        filter: &CustomerFilter,
        expression: Option<&str>,
        verified_before: NaiveDate,
        after: Option<&ListCursor>,
        limit: u32,
    ) -> Result<CustomerPage> {
        let mut values: Vec<Value> = Vec::new();
        let mut clauses = vec!["c.trashed_at IS NULL".to_owned()];
        if !filter.tag.trim().is_empty() {
            values.push(filter.tag.trim().to_owned().into());
            clauses.push(format!(
                "c.id IN (SELECT customer_id FROM customer_tags WHERE tag = ?{})",
                values.len()
            ));
        }
        if !filter.city.trim().is_empty() {
            values.push(filter.city.trim().to_owned().into());
            clauses.push(format!("c.city = ?{} COLLATE NOCASE", values.len()));
        }
        if let Some(employee) = filter.employee_id {
            values.push(employee.0.into());
            clauses.push(format!("c.employee_id = ?{}", values.len()));
        }
        if let Some(month) = filter.birthday_month {
            values.push(i64::from(month).into());
            clauses.push(format!("c.birth_month = ?{}", values.len()));
        }
        if let Some(status) = filter.status {
            values.push(status.code().to_owned().into());
            clauses.push(format!("c.status = ?{}", values.len()));
        }
        for (column, code) in [
            ("quadrant", filter.quadrant.map(|q| q.code())),
            ("abc", filter.abc.map(|a| a.code())),
            ("phase", filter.phase.map(|p| p.code())),
        ] {
            if let Some(code) = code {
                values.push(code.to_owned().into());
                clauses.push(format!(
                    "c.id IN (SELECT customer_id FROM customer_values WHERE {column} = ?{})",
                    values.len()
                ));
            }
        }
        if let Some(min) = filter.min_score {
            values.push(i64::from(min).into());
            clauses.push(format!(
                "c.id IN (SELECT customer_id FROM customer_values WHERE score >= ?{})",
                values.len()
            ));
        }
        if let Some(channel) = filter.may_contact {
            // The latest consent counts; without one, the channel's rule: letters (and
            // calls to firms) unless objected, everything else only with consent.
            let default = match channel {
                crate::privacy::ConsentChannel::Letter => "1",
                crate::privacy::ConsentChannel::Phone => "(c.kind = 'firm')",
                _ => "0",
            };
            values.push(channel.code().to_owned().into());
            clauses.push(format!(
                "coalesce((SELECT k.given FROM consents k
                           WHERE k.customer_id = c.id AND k.channel = ?{}
                           ORDER BY k.on_date DESC, k.id DESC LIMIT 1), {default}) = 1",
                values.len()
            ));
        }
        if filter.not_verified {
            values.push(verified_before.to_string().into());
            clauses.push(format!(
                "(c.last_verified IS NULL OR c.last_verified <= ?{})",
                values.len()
            ));
        }
        let filtered = clauses.join(" AND ");

        if let Some(expression) = expression {
            values.push(expression.to_owned().into());
            let m = values.len();
            // The index holds only live customers: without filters it counts on its own;
            // with filters, the matches come first (materialised) and only they are filtered.
            let total: i64 = if clauses.len() == 1 {
                self.conn.query_row(
                    "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?1",
                    [expression],
                    |row| row.get(0),
                )?
            } else {
                let sql = format!(
                    "WITH matched AS MATERIALIZED (
                         SELECT rowid AS id FROM customer_search WHERE customer_search MATCH ?{m}
                     )
                     SELECT count(*) FROM matched JOIN customers c ON c.id = matched.id
                     WHERE {filtered}"
                );
                self.conn
                    .query_row(&sql, params_from_iter(&values), |row| row.get(0))?
            };
            values.push(i64::from(limit).into());
            let l = values.len();
            // Rank inside the FTS index (it holds only live customers); without filters
            // only the best few rows are fetched at all.
            let inner_limit = if clauses.len() == 1 {
                format!("ORDER BY rank LIMIT ?{l}")
            } else {
                String::new()
            };
            let sql = format!(
                "WITH best AS MATERIALIZED (
                     SELECT rowid AS id, rank FROM customer_search
                     WHERE customer_search MATCH ?{m} {inner_limit}
                 )
                 SELECT {SUMMARY_COLUMNS} FROM best JOIN customers c ON c.id = best.id
                 WHERE {filtered}
                 ORDER BY best.rank, c.sort_key, c.id
                 LIMIT ?{l}"
            );
            let items = self
                .conn
                .prepare_cached(&sql)?
                .query_map(params_from_iter(&values), summary_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            return Ok(CustomerPage {
                items,
                next: None,
                total: u32::try_from(total).unwrap_or(u32::MAX),
            });
        }

        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM customers c WHERE {filtered}"),
            params_from_iter(&values),
            |row| row.get(0),
        )?;
        let (key_expr, order) = match filter.sort {
            CustomerSort::Name => ("c.sort_key", "c.sort_key, c.id"),
            CustomerSort::City => ("c.city", "c.city COLLATE NOCASE, c.sort_key, c.id"),
            CustomerSort::Number => ("c.number", "length(c.number), c.number, c.id"),
            CustomerSort::Newest => ("c.created_at", "c.created_at DESC, c.id DESC"),
            CustomerSort::Score => (SCORE_KEY, SCORE_ORDER),
        };
        let mut clauses = vec![filtered];
        if let Some(cursor) = after {
            let n = values.len();
            values.push(cursor.key.clone().into());
            values.push(cursor.sort_key.clone().into());
            values.push(cursor.id.0.into());
            let (k, s, i) = (n + 1, n + 2, n + 3);
            clauses.push(match filter.sort {
                CustomerSort::Name => format!("(c.sort_key, c.id) > (?{s}, ?{i})"),
                CustomerSort::City => {
                    format!("(c.city COLLATE NOCASE, c.sort_key, c.id) > (?{k}, ?{s}, ?{i})")
                }
                CustomerSort::Number => {
                    format!("(length(c.number), c.number, c.id) > (length(?{k}), ?{k}, ?{i})")
                }
                CustomerSort::Newest => format!("(c.created_at, c.id) < (?{k}, ?{i})"),
                CustomerSort::Score => format!(
                    "({SCORE_KEY} < CAST(?{k} AS INTEGER) OR ({SCORE_KEY} = CAST(?{k} AS INTEGER) \
                     AND (c.sort_key, c.id) > (?{s}, ?{i})))"
                ),
            });
        }
        values.push((i64::from(limit) + 1).into());
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, CAST({key_expr} AS TEXT), c.sort_key
             FROM customers c WHERE {}
             ORDER BY {order} LIMIT ?{}",
            clauses.join(" AND "),
            values.len()
        );
        // One row more than asked tells whether another page follows.
        let mut rows: Vec<(CustomerSummary, String, String)> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(&values), |row| {
                Ok((summary_from_row(row)?, row.get(12)?, row.get(13)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|(item, key, sort_key)| ListCursor {
                key: key.clone(),
                sort_key: sort_key.clone(),
                id: item.id,
            })
        } else {
            None
        };
        Ok(CustomerPage {
            items: rows.into_iter().map(|(item, _, _)| item).collect(),
            next,
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    }

    /// The cities and tags in use among live customers, most frequent first.
    pub(crate) fn filter_options(&self) -> Result<FilterOptions> {
        let cities = self
            .conn
            .prepare_cached(
                "SELECT city FROM customers WHERE trashed_at IS NULL AND city <> ''
                 GROUP BY city COLLATE NOCASE ORDER BY count(*) DESC, city LIMIT 500",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let tags = self
            .conn
            .prepare_cached(
                "SELECT t.tag FROM customer_tags t JOIN customers c ON c.id = t.customer_id
                 WHERE c.trashed_at IS NULL
                 GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT 500",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(FilterOptions { cities, tags })
    }
}
