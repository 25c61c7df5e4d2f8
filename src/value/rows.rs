//! The rows the value analysis reads and writes: what it needs of each customer, each
//! customer's result (`customer_values`), and the lean rows the charts draw.

use crate::customers::CustomerId;
use chrono::NaiveDate;

/// A purchase as the value analysis sees it: customer, day, amount paid in cents.
pub(crate) type PaidPurchase = (CustomerId, NaiveDate, i64);

/// What the analysis needs to know of a live customer besides purchases.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueCustomer {
    pub id: CustomerId,
    pub marked_lost: bool,
    pub closeness: Option<u8>,
    pub extra_potential_cents: i64,
}

/// One customer's row of `customer_values`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueRow {
    pub customer: CustomerId,
    pub revenue_period_cents: i64,
    pub revenue_12m_cents: i64,
    pub potential_cents: i64,
    pub abc: crate::value::segments::Abc,
    pub quadrant: crate::value::segments::Quadrant,
    pub phase: crate::value::segments::Phase,
    pub score: u8,
    pub p_alive: Option<f64>,
    pub expected_purchases_12m: f64,
    pub expected_spend_cents: i64,
    pub value_cents: i64,
}

/// What the charts need of a customer's value row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ChartRow {
    pub revenue_period_cents: i64,
    pub revenue_12m_cents: i64,
    pub potential_cents: i64,
    pub value_cents: i64,
    pub abc: crate::value::segments::Abc,
    pub quadrant: crate::value::segments::Quadrant,
}
