//! What the value analysis reads: every purchase of the customers not in the trash.

use super::Store;
use crate::customers::CustomerId;
use crate::error::Result;
use chrono::NaiveDate;

/// A purchase as the value analysis sees it: customer, day, amount paid in cents.
pub(crate) type PaidPurchase = (CustomerId, NaiveDate, i64);

impl Store {
    /// Every purchase of a live customer, the amount paid after discount.
    pub(crate) fn purchases_for_value(&self) -> Result<Vec<PaidPurchase>> {
        Ok(self
            .conn
            .prepare(
                "SELECT t.customer_id, t.date, t.amount_cents - t.discount_cents
                 FROM transactions t JOIN customers c ON c.id = t.customer_id
                 WHERE c.trashed_at IS NULL",
            )?
            .query_map([], |r| {
                Ok((CustomerId(r.get(0)?), r.get::<_, NaiveDate>(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
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
