//! Customer value: the lifetime-value model (BG/NBD for purchases, Gamma-Gamma for their
//! value), the summaries it is fitted on, and what it says per customer.

pub mod bgnbd;
pub mod gamma_gamma;
pub mod hyp2f1;
pub mod indicators;
mod optimize;
pub(crate) mod rows;
pub mod segments;
pub mod shop;
pub mod summary;

pub use bgnbd::{BgNbd, BgNbdFit};
pub use gamma_gamma::{GammaGamma, GammaGammaFit};
pub use summary::Rfm;

use crate::customers::CustomerId;
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Below this many repeat buyers the models are not fitted: their estimates would say
/// more about chance than about the shop.
pub const MIN_REPEAT_BUYERS: usize = 30;

/// The fits search parameters between e^−15 and e^15 (3·10⁻⁷ … 3·10⁶).
const MAX_LOG_PARAMETER: f64 = 15.0;

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
    #[error("the fit did not converge: {reason}")]
    NoConvergence { reason: String },
}

impl FitError {
    /// The reason in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FitError::TooFewRepeatBuyers { repeat_buyers }, Lang::De) => format!(
                "Zu wenig Wiederkäufer für das Modell ({repeat_buyers}, mindestens {MIN_REPEAT_BUYERS} nötig)"
            ),
            (FitError::TooFewRepeatBuyers { repeat_buyers }, Lang::En) => format!(
                "Too few repeat buyers for the model ({repeat_buyers}, at least {MIN_REPEAT_BUYERS} needed)"
            ),
            (FitError::InvalidData, _) => lang
                .pick(
                    "Eine Zusammenfassung ist unmöglich (negativ oder letzter Kauf nach T)",
                    "A summary row is impossible (negative, or last purchase after T)",
                )
                .to_owned(),
            (FitError::NoConvergence { reason: why }, Lang::De) => {
                format!("Das Modell ließ sich nicht anpassen: {why}")
            }
            (FitError::NoConvergence { reason: why }, Lang::En) => {
                format!("The model could not be fitted: {why}")
            }
        }
    }
}

/// A customer's expected future.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Prediction {
    /// Probability that the customer still buys from the shop (only from the model).
    pub p_alive: Option<f64>,
    /// Expected purchases (purchase days) in the next 12 months.
    pub expected_purchases_12m: f64,
    /// Expected value of one future purchase, in currency units.
    pub expected_spend: f64,
    /// Expected purchases × spend over the horizon, discounted.
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

impl Horizon {
    fn months(&self) -> u32 {
        self.years.clamp(1, 20) * 12
    }

    /// The discount factor of each month ahead, 1 … months.
    fn monthly_discounts(&self) -> Vec<f64> {
        let monthly = (1.0 + self.discount_rate.max(0.0)).powf(1.0 / 12.0);
        (1..=self.months())
            .map(|m| monthly.powi(-(m as i32)))
            .collect()
    }
}

/// How the predictions were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// BG/NBD and Gamma-Gamma, fitted on the shop's purchases.
    Model,
    /// Too little history for the model: each customer's own past purchase rate and
    /// spend, with the rate assumed to fall by [`SIMPLE_YEARLY_RETENTION`] a year.
    Simple,
}

/// The simple estimate's assumption: of a year's purchases, this share is repeated the
/// next year.
pub const SIMPLE_YEARLY_RETENTION: f64 = 0.6;

/// The models fitted on a shop's summaries and every customer's prediction (in the
/// order of the summaries).
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub purchases: Result<BgNbdFit, FitError>,
    pub spend: Result<GammaGammaFit, FitError>,
    pub method: Method,
    pub predictions: Vec<Prediction>,
}

/// Fits both models and predicts every customer. When the purchase model cannot be
/// fitted, every customer gets the simple estimate; when only the spend model cannot,
/// the customers' own mean spend (or the shop's) stands in for it.
pub fn analyse(data: &[Rfm], horizon: Horizon) -> Analysis {
    let purchases = BgNbd::fit(data);
    let spend = GammaGamma::fit(data);
    let shop_mean = shop_mean_spend(data);
    let spend_of = |c: &Rfm| match &spend {
        Ok(fit) => fit.params.expected_spend(c),
        Err(_) if c.monetary > 0.0 => c.monetary,
        Err(_) => shop_mean,
    };
    let (method, predictions) = match &purchases {
        Ok(fit) => {
            let growth = GrowthCache::new(fit.params, horizon, data);
            let predictions = data
                .iter()
                .map(|c| growth.predict(c, spend_of(c)))
                .collect();
            (Method::Model, predictions)
        }
        Err(_) => {
            let discounts: Vec<f64> = (1..=horizon.years.clamp(1, 20))
                .map(|y| (1.0 + horizon.discount_rate.max(0.0)).powi(-(y as i32)))
                .collect();
            let predictions = data
                .iter()
                .map(|c| simple_estimate(c, spend_of(c), &discounts))
                .collect();
            (Method::Simple, predictions)
        }
    };
    Analysis {
        purchases,
        spend,
        method,
        predictions,
    }
}

/// Both fits, no predictions.
pub fn fit_only(data: &[Rfm]) -> Analysis {
    let purchases = BgNbd::fit(data);
    Analysis {
        method: if purchases.is_ok() {
            Method::Model
        } else {
            Method::Simple
        },
        purchases,
        spend: GammaGamma::fit(data),
        predictions: Vec::new(),
    }
}

/// The mean value of all repeat purchases in the summaries (0 when there are none).
fn shop_mean_spend(data: &[Rfm]) -> f64 {
    let (total, count) = data
        .iter()
        .filter(|c| c.frequency > 0)
        .fold((0.0, 0.0), |(t, n), c| {
            (
                t + c.monetary * f64::from(c.frequency),
                n + f64::from(c.frequency),
            )
        });
    if count > 0.0 { total / count } else { 0.0 }
}

/// The customer's own repeat-purchase rate so far, a year's worth, repeated each year at
/// [`SIMPLE_YEARLY_RETENTION`] of the year before; `discounts` per year ahead.
fn simple_estimate(c: &Rfm, spend: f64, discounts: &[f64]) -> Prediction {
    let yearly = if c.age > 0.0 {
        f64::from(c.frequency) / c.age * WEEKS_PER_YEAR
    } else {
        0.0
    };
    let value = discounts
        .iter()
        .enumerate()
        .map(|(y, d)| yearly * SIMPLE_YEARLY_RETENTION.powi(y as i32) * d)
        .sum::<f64>()
        * spend;
    Prediction {
        p_alive: None,
        expected_purchases_12m: yearly,
        expected_spend: spend,
        value,
    }
}

/// The discounted sum of expected purchases over the horizon, month by month from
/// eq. 10 of the BG/NBD paper: a growth term that depends on x and T only (worked out
/// once per distinct pair, the pairs shared out over the processor's cores) times
/// P(alive).
struct GrowthCache {
    model: BgNbd,
    /// (x, T) → (growth after 12 months, discounted sum of monthly growth).
    known: HashMap<(u32, u64), (f64, f64)>,
}

impl GrowthCache {
    fn new(model: BgNbd, horizon: Horizon, data: &[Rfm]) -> GrowthCache {
        let discounts = horizon.monthly_discounts();
        let mut pairs: Vec<(u32, u64)> = data
            .iter()
            .map(|c| (c.frequency, c.age.to_bits()))
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .collect();
        pairs.sort_unstable();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = pairs.len().div_ceil(threads).max(1);
        let known = std::thread::scope(|scope| {
            let workers: Vec<_> = pairs
                .chunks(chunk)
                .map(|part| {
                    let discounts = &discounts;
                    scope.spawn(move || {
                        part.iter()
                            .map(|&(x, age)| {
                                let growth = growth_sums(&model, discounts, x, f64::from_bits(age));
                                ((x, age), growth)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect::<HashMap<_, _>>()
        });
        GrowthCache { model, known }
    }

    fn predict(&self, c: &Rfm, spend: f64) -> Prediction {
        let (twelve, discounted) = self
            .known
            .get(&(c.frequency, c.age.to_bits()))
            .copied()
            .unwrap_or((0.0, 0.0));
        // Eq. 10 = growth × P(alive); only P(alive) depends on t_x.
        let alive = self.model.p_alive(c);
        Prediction {
            p_alive: Some(alive),
            expected_purchases_12m: twelve * alive,
            expected_spend: spend,
            value: discounted * alive * spend,
        }
    }
}

/// For x and T: the growth term after 12 months, and the discounted sum of its monthly
/// increases over the horizon (`discounts` per month).
fn growth_sums(model: &BgNbd, discounts: &[f64], x: u32, age: f64) -> (f64, f64) {
    let x = f64::from(x);
    let (mut before, mut sum, mut twelve) = (0.0, 0.0, 0.0);
    for (m, d) in discounts.iter().enumerate() {
        let t = (m + 1) as f64 * WEEKS_PER_YEAR / 12.0;
        let so_far = model.growth(t, x, age).unwrap_or(before);
        sum += (so_far - before).max(0.0) * d;
        before = so_far;
        if m == 11 {
            twelve = so_far;
        }
    }
    (twelve, sum)
}

/// The shop's own summaries: purchases up to `calibration_end` (inclusive), amounts paid
/// after discount. Customers without a purchase up to then have no summary.
pub fn shop_summaries(
    store: &Store,
    calibration_end: NaiveDate,
) -> Result<Vec<(CustomerId, String, Rfm)>> {
    let summaries = summary::summarize(store.purchases_for_value()?, calibration_end);
    Ok(store
        .live_customer_numbers()?
        .into_iter()
        .filter_map(|(id, number)| summaries.get(&id).map(|rfm| (id, number, *rfm)))
        .collect())
}
