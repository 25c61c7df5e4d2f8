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
    let mut analysis = fit_only(data);
    let mut predictions = Vec::with_capacity(data.len());
    let Ok(()) = predict_each(data, &analysis, horizon, |_, p| {
        predictions.push(*p);
        Ok::<(), std::convert::Infallible>(())
    });
    analysis.predictions = predictions;
    analysis
}

/// How many customers' predictions are made at once (over the cores) before they are
/// handed on.
const PREDICTION_CHUNK: usize = 65_536;

/// Every customer's prediction from the fits of `analysis` (see [`analyse`]), handed to
/// `each` with its position in `data`, in order, as soon as its chunk is made (the
/// chunks over the processor's cores): memory stays bounded whatever the number of
/// customers. `each`'s first error stops it.
pub fn predict_each<E>(
    data: &[Rfm],
    analysis: &Analysis,
    horizon: Horizon,
    mut each: impl FnMut(usize, &Prediction) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let shop_mean = shop_mean_spend(data);
    let spend_of = |c: &Rfm| match &analysis.spend {
        Ok(fit) => fit.params.expected_spend(c),
        Err(_) if c.monetary > 0.0 => c.monetary,
        Err(_) => shop_mean,
    };
    match &analysis.purchases {
        Ok(fit) => {
            let growth = GrowthTable::new(fit.params, horizon, data);
            let mut i = 0;
            for chunk in data.chunks(PREDICTION_CHUNK) {
                for p in in_parallel(chunk, |c| growth.predict(c, spend_of(c))) {
                    each(i, &p)?;
                    i += 1;
                }
            }
        }
        Err(_) => {
            let discounts: Vec<f64> = (1..=horizon.years.clamp(1, 20))
                .map(|y| (1.0 + horizon.discount_rate.max(0.0)).powi(-(y as i32)))
                .collect();
            for (i, c) in data.iter().enumerate() {
                each(i, &simple_estimate(c, spend_of(c), &discounts))?;
            }
        }
    }
    Ok(())
}

/// `f` of every item, in order, the items shared out over the processor's cores.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads == 1 || items.len() < 1024 {
        return items.iter().map(f).collect();
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let workers: Vec<_> = items
            .chunks(size)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
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
/// eq. 10 of the BG/NBD paper: a growth term that depends on x and T only, times
/// P(alive). Per x, the growth is worked out for each distinct T when there are few;
/// with many (times to the second, or years of days) it is interpolated in ln(α + T),
/// where it is smooth, through the exact values at [`POINTS`] Chebyshev points; it must
/// come within [`SMOOTH_TOLERANCE`] of the exact values at [`CHECKS`] points spread
/// between them, else the growth is worked out for every T of that x.
struct GrowthTable {
    model: BgNbd,
    /// By x, ascending.
    per_x: Vec<(u32, Growth)>,
}

/// The growth of one x.
enum Growth {
    /// (T's bits, (growth after 12 months, discounted sum)), by T's bits.
    Exact(Vec<(u64, (f64, f64))>),
    /// Chebyshev coefficients of both over u = ln(α + T) from `low` to `high`.
    Smooth {
        low: f64,
        high: f64,
        twelve: Vec<f64>,
        discounted: Vec<f64>,
    },
}

/// The degree of an interpolated growth (it goes through one point more).
const POINTS: usize = 32;

/// Checks of an interpolated growth: halfway between every fourth pair of its points.
const CHECKS: usize = POINTS / 4;

/// An x with more distinct T than this is interpolated (a table costs POINTS + 1 +
/// CHECKS exact growths).
const SMOOTH_ABOVE: usize = 2 * POINTS;

/// How close an interpolated growth must come to the exact one at the checks.
const SMOOTH_TOLERANCE: f64 = 1e-10;

/// What is known of the T of one x while the table is made.
struct TimesOfX {
    x: u32,
    /// The distinct T's bits, until there are more than [`SMOOTH_ABOVE`].
    distinct: Vec<u64>,
    many: bool,
    low: f64,
    high: f64,
}

impl GrowthTable {
    fn new(model: BgNbd, horizon: Horizon, data: &[Rfm]) -> GrowthTable {
        let discounts = horizon.monthly_discounts();
        let exact = |(x, age): &(u32, f64)| growth_sums(&model, &discounts, *x, *age);
        let mut times: Vec<TimesOfX> = Vec::new();
        let mut index: HashMap<u32, usize> = HashMap::new();
        for c in data {
            let i = *index.entry(c.frequency).or_insert_with(|| {
                times.push(TimesOfX {
                    x: c.frequency,
                    distinct: Vec::new(),
                    many: false,
                    low: c.age,
                    high: c.age,
                });
                times.len() - 1
            });
            let t = &mut times[i];
            t.low = t.low.min(c.age);
            t.high = t.high.max(c.age);
            if !t.many && !t.distinct.contains(&c.age.to_bits()) {
                t.distinct.push(c.age.to_bits());
                if t.distinct.len() > SMOOTH_ABOVE {
                    t.many = true;
                    t.distinct = Vec::new();
                }
            }
        }
        times.sort_unstable_by_key(|t| t.x);
        // Every exact growth the tables need, worked out over the cores at once.
        let u_of = |age: f64| (model.alpha + age).ln();
        let age_of = |u: f64| (u.exp() - model.alpha).max(0.0);
        let mut jobs: Vec<(u32, f64)> = Vec::new();
        for t in &times {
            if t.many {
                let (low, high) = (u_of(t.low), u_of(t.high));
                for point in lobatto_points(POINTS).chain(checks()) {
                    jobs.push((t.x, age_of(from_unit(point, low, high))));
                }
            } else {
                jobs.extend(t.distinct.iter().map(|&bits| (t.x, f64::from_bits(bits))));
            }
        }
        let values = in_parallel(&jobs, exact);
        let mut values = values.into_iter();
        let mut per_x = Vec::with_capacity(times.len());
        let mut redo = Vec::new();
        for t in &times {
            if t.many {
                let (low, high) = (u_of(t.low), u_of(t.high));
                let grid: Vec<(f64, f64)> = values.by_ref().take(POINTS + 1).collect();
                let at_checks: Vec<(f64, f64)> = values.by_ref().take(CHECKS).collect();
                let series = |pick: fn(&(f64, f64)) -> f64| {
                    lobatto_coefficients(&grid.iter().map(pick).collect::<Vec<_>>())
                };
                let (twelve, discounted) = (series(|v| v.0), series(|v| v.1));
                let close = |coefficients: &[f64], point: f64, exact: f64| {
                    (clenshaw(coefficients, point) - exact).abs()
                        <= SMOOTH_TOLERANCE * exact.abs().max(1e-6)
                };
                let fits = checks().zip(&at_checks).all(|(point, &(t12, sum))| {
                    close(&twelve, point, t12) && close(&discounted, point, sum)
                });
                if fits {
                    per_x.push((
                        t.x,
                        Growth::Smooth {
                            low,
                            high,
                            twelve,
                            discounted,
                        },
                    ));
                } else {
                    redo.push(t.x);
                }
            } else {
                let mut known: Vec<(u64, (f64, f64))> = t
                    .distinct
                    .iter()
                    .copied()
                    .zip(values.by_ref().take(t.distinct.len()))
                    .collect();
                known.sort_unstable_by_key(|k| k.0);
                per_x.push((t.x, Growth::Exact(known)));
            }
        }
        // Where a table missed its checks: every distinct T of that x, exactly.
        if !redo.is_empty() {
            let mut pairs: Vec<(u32, u64)> = data
                .iter()
                .filter(|c| redo.contains(&c.frequency))
                .map(|c| (c.frequency, c.age.to_bits()))
                .collect();
            pairs.sort_unstable();
            pairs.dedup();
            let jobs: Vec<(u32, f64)> =
                pairs.iter().map(|&(x, a)| (x, f64::from_bits(a))).collect();
            let values = in_parallel(&jobs, exact);
            for x in redo {
                let known = pairs
                    .iter()
                    .zip(&values)
                    .filter(|((px, _), _)| *px == x)
                    .map(|((_, bits), v)| (*bits, *v))
                    .collect();
                per_x.push((x, Growth::Exact(known)));
            }
            per_x.sort_unstable_by_key(|p| p.0);
        }
        GrowthTable { model, per_x }
    }

    /// (growth after 12 months, discounted sum) of x and T.
    fn growth(&self, x: u32, age: f64) -> (f64, f64) {
        let Ok(i) = self.per_x.binary_search_by_key(&x, |p| p.0) else {
            return (0.0, 0.0);
        };
        match &self.per_x[i].1 {
            Growth::Exact(known) => known
                .binary_search_by_key(&age.to_bits(), |k| k.0)
                .map_or((0.0, 0.0), |k| known[k].1),
            Growth::Smooth {
                low,
                high,
                twelve,
                discounted,
            } => {
                let point = to_unit((self.model.alpha + age).ln(), *low, *high);
                (clenshaw(twelve, point), clenshaw(discounted, point))
            }
        }
    }

    fn predict(&self, c: &Rfm, spend: f64) -> Prediction {
        let (twelve, discounted) = self.growth(c.frequency, c.age);
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

/// The n + 1 Chebyshev points of the second kind, cos(πk/n), from 1 down to −1.
fn lobatto_points(n: usize) -> impl Iterator<Item = f64> {
    (0..=n).map(move |k| (std::f64::consts::PI * k as f64 / n as f64).cos())
}

/// Where an interpolated growth is checked: halfway between the points k and k + 1 of
/// [`lobatto_points`] for k = 0, 4, 8, …, across the whole range.
fn checks() -> impl Iterator<Item = f64> {
    (0..CHECKS).map(|i| (std::f64::consts::PI * (4.0 * i as f64 + 0.5) / POINTS as f64).cos())
}

/// A point of `low` … `high` in −1 … 1, and back.
fn to_unit(u: f64, low: f64, high: f64) -> f64 {
    if high - low <= f64::EPSILON * high.abs() {
        return 0.0;
    }
    ((2.0 * u - low - high) / (high - low)).clamp(-1.0, 1.0)
}

fn from_unit(point: f64, low: f64, high: f64) -> f64 {
    (low + high) / 2.0 + point * (high - low) / 2.0
}

/// The coefficients of the Chebyshev series through `values` at [`lobatto_points`]
/// (the first and last halved, so that [`clenshaw`] sums them as they are).
fn lobatto_coefficients(values: &[f64]) -> Vec<f64> {
    let n = values.len().saturating_sub(1).max(1);
    let last = values.len().saturating_sub(1);
    let halved = |i: usize, v: f64| if i == 0 || i == last { v / 2.0 } else { v };
    (0..values.len())
        .map(|j| {
            let c = values
                .iter()
                .enumerate()
                .map(|(k, &v)| {
                    halved(k, v) * (std::f64::consts::PI * (j * k) as f64 / n as f64).cos()
                })
                .sum::<f64>()
                * 2.0
                / n as f64;
            halved(j, c)
        })
        .collect()
}

/// Σ cⱼ Tⱼ(point), by Clenshaw's recurrence.
fn clenshaw(coefficients: &[f64], point: f64) -> f64 {
    let (mut b1, mut b2) = (0.0, 0.0);
    for &c in coefficients.iter().skip(1).rev() {
        (b1, b2) = (2.0 * point * b1 - b2 + c, b1);
    }
    point * b1 - b2 + coefficients.first().copied().unwrap_or(0.0)
}

/// For x and T: the growth term after 12 months, and the discounted sum of its monthly
/// increases over the horizon (`discounts` per month).
fn growth_sums(model: &BgNbd, discounts: &[f64], x: u32, age: f64) -> (f64, f64) {
    let x = f64::from(x);
    let ts: Vec<f64> = (1..=discounts.len())
        .map(|m| m as f64 * WEEKS_PER_YEAR / 12.0)
        .collect();
    let mut growth = vec![None; ts.len()];
    model.growth_each(&ts, x, age, &mut growth);
    let (mut before, mut sum, mut twelve) = (0.0, 0.0, 0.0);
    for (m, (d, g)) in discounts.iter().zip(growth).enumerate() {
        let so_far = g.unwrap_or(before);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// With times to the second nearly every T is different: the growth is interpolated,
    /// and comes within 1e-9 of the exact sums for every customer; with few distinct T
    /// (here 40 whole weeks) it is the exact sums themselves.
    #[test]
    fn the_interpolated_growth_matches_the_exact_one() {
        let model = BgNbd {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        let horizon = Horizon::default();
        let discounts = horizon.monthly_discounts();
        for continuous in [true, false] {
            let data: Vec<Rfm> = (0..3_000u32)
                .map(|i| {
                    let spread = f64::from(i.wrapping_mul(2_654_435_761) % 100_003) / 100_003.0;
                    let age = if continuous {
                        0.5 + 250.0 * spread
                    } else {
                        1.0 + (40.0 * spread).floor()
                    };
                    let x = i % 4;
                    Rfm {
                        frequency: x,
                        recency: if x == 0 { 0.0 } else { age * spread },
                        age,
                        monetary: 0.0,
                    }
                })
                .collect();
            let table = GrowthTable::new(model, horizon, &data);
            let smooth = table
                .per_x
                .iter()
                .filter(|(_, g)| matches!(g, Growth::Smooth { .. }))
                .count();
            assert_eq!(smooth, if continuous { 4 } else { 0 });
            for c in &data {
                let (twelve, sum) = table.growth(c.frequency, c.age);
                let (exact_twelve, exact_sum) = growth_sums(&model, &discounts, c.frequency, c.age);
                assert!(
                    (twelve - exact_twelve).abs() <= 1e-9 * exact_twelve,
                    "{c:?}: {twelve} vs {exact_twelve}"
                );
                assert!(
                    (sum - exact_sum).abs() <= 1e-9 * exact_sum,
                    "{c:?}: {sum} vs {exact_sum}"
                );
            }
        }
    }

    /// The predictions handed on one by one are those of the whole analysis, in order.
    #[test]
    fn predictions_handed_on_are_the_analysis_predictions() {
        let data: Vec<Rfm> = (0..70_000u32)
            .map(|i| {
                let x = i % 5;
                Rfm {
                    frequency: x,
                    recency: if x == 0 { 0.0 } else { f64::from(i % 29) },
                    age: 30.0 + f64::from(i % 13),
                    monetary: if x == 0 {
                        0.0
                    } else {
                        10.0 + f64::from(i % 17)
                    },
                }
            })
            .collect();
        let whole = analyse(&data, Horizon::default());
        let fits = fit_only(&data);
        let mut seen = 0;
        predict_each(&data, &fits, Horizon::default(), |i, p| {
            assert_eq!(i, seen);
            assert_eq!(*p, whole.predictions[i]);
            seen += 1;
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(seen, data.len());
        assert!(data.len() > PREDICTION_CHUNK);
    }
}
