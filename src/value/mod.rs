//! Customer value: the lifetime-value model (BG/NBD for purchases, Gamma-Gamma for their
//! value), the summaries it is fitted on, and what it says per customer.

pub mod bgnbd;
pub mod gamma_gamma;
pub mod hyp2f1;
mod optimize;
pub mod summary;

pub use bgnbd::{BgNbd, BgNbdFit};
pub use gamma_gamma::{GammaGamma, GammaGammaFit};
pub use summary::Rfm;

use serde::{Deserialize, Serialize};

/// Below this many repeat buyers the models are not fitted: their estimates would say
/// more about chance than about the shop.
pub const MIN_REPEAT_BUYERS: usize = 30;

/// Weeks in a year (365.25 / 7), for horizons given in years and months.
pub const WEEKS_PER_YEAR: f64 = 365.25 / 7.0;

/// Why a model could not be fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FitError {
    #[error("too few repeat buyers to fit ({repeat_buyers}, at least {MIN_REPEAT_BUYERS} needed)")]
    TooFewRepeatBuyers { repeat_buyers: u32 },
    #[error("a summary row is impossible (negative, or recency after T)")]
    InvalidData,
    #[error("the fit did not converge: {0}")]
    NoConvergence(String),
}

/// A customer's expected future, from fitted models.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Prediction {
    /// Probability that the customer still buys from the shop.
    pub p_alive: f64,
    /// Expected purchases (purchase days) in the next 12 months.
    pub expected_purchases_12m: f64,
    /// Expected value of one future purchase, in currency units.
    pub expected_spend: f64,
    /// Expected purchases × spend over the horizon, each month discounted.
    pub value: f64,
}

/// How far ahead and at what rate the value is discounted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Horizon {
    /// 1–20 years.
    pub years: u32,
    /// Annual discount rate, e.g. 0.10.
    pub discount_rate: f64,
}

impl Default for Horizon {
    fn default() -> Self {
        Horizon {
            years: 10,
            discount_rate: 0.10,
        }
    }
}

/// Predicts a customer's future from fitted models. The value adds up the expected
/// purchases month by month (their growth, from eq. 10 of the BG/NBD paper), each month
/// discounted at the annual rate, times the expected spend.
pub fn predict(purchases: &BgNbd, spend: &GammaGamma, horizon: Horizon, c: &Rfm) -> Prediction {
    let months = horizon.years.clamp(1, 20) * 12;
    let monthly = (1.0 + horizon.discount_rate.max(0.0)).powf(1.0 / 12.0);
    let expected_spend = spend.expected_spend(c);
    let mut value = 0.0;
    let mut before = 0.0;
    let mut discount = 1.0;
    let mut twelve = 0.0;
    for month in 1..=months {
        let t = f64::from(month) * WEEKS_PER_YEAR / 12.0;
        let so_far = purchases.expected_purchases(t, c).unwrap_or(before);
        discount /= monthly;
        value += (so_far - before).max(0.0) * discount;
        before = so_far;
        if month == 12 {
            twelve = so_far;
        }
    }
    Prediction {
        p_alive: purchases.p_alive(c),
        expected_purchases_12m: twelve,
        expected_spend,
        value: value * expected_spend,
    }
}
