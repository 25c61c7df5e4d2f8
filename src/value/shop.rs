//! The shop's customer value: runs the analysis on the stored purchases and keeps the
//! result per customer (`customer_values`), so lists filter and sort on it; reads the
//! overview for the value screen.

use super::rows::ValueRow;
use super::segments::{
    self, Abc, AbcThresholds, MatrixBounds, Phase, PhaseFacts, Quadrant, ScoreFacts, ScoreWeights,
};
use super::{
    BgNbdFit, FitError, GammaGammaFit, Horizon, Method, Prediction, Rfm, WEEKS_PER_YEAR, analyse,
};
use crate::care::warning::Signals;
use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::input::Checker;
use crate::store::Store;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod settings;
pub use settings::*;

/// What the last analysis fitted and decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ModelInfo {
    pub computed_at: DateTime<Utc>,
    /// Purchases up to this day were learned from.
    pub calibration_end: NaiveDate,
    pub method: Method,
    /// Customers with purchases, and those of them with repeat purchases.
    pub customers: u32,
    pub repeat_buyers: u32,
    pub bgnbd: Option<BgNbdFit>,
    pub bgnbd_problem: Option<FitError>,
    pub gamma_gamma: Option<GammaGammaFit>,
    pub gamma_gamma_problem: Option<FitError>,
    /// The matrix's lines as used (the medians unless the owner set them).
    pub bounds: MatrixBounds,
    pub settings: ValueSettings,
}

/// A customer's purchases as the analysis sums them up.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    period: i64,
    last_12m: i64,
    prior_12m: i64,
}

fn months_back(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// Runs the whole analysis on the stored purchases up to `today` and replaces every
/// customer's value row in one transaction: the models' fit, each customer's prediction,
/// potential (the model's expected revenue of the next 12 months plus the owner's own
/// estimate), ABC class, matrix field, phase and score.
pub fn refresh(store: &mut Store, clock: &Clock) -> Result<ModelInfo> {
    refresh_timed(store, clock).map(|(info, _)| info)
}

/// How long the steps of [`refresh`] took (for the benchmark), in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RefreshTimings {
    /// Reading the purchases and customers, summing them up per customer.
    pub read: f64,
    /// Fitting both models and predicting every customer (the purchase signals are
    /// written meanwhile).
    pub model: f64,
    /// ABC classes, matrix fields, phases and scores.
    pub segments: f64,
    /// Writing the value rows (in the same transaction).
    pub write: f64,
}

/// What a share of the purchases sums up to: each customer's revenue in the periods and
/// the early warning's signals, and the purchases themselves (sorted by customer and day
/// once all are read).
struct Sums {
    period_start: NaiveDate,
    periods: crate::care::SignalPeriods,
    /// Keyed by a fast hash (a lookup per purchase, millions of them; the keys are the
    /// shop's own ids).
    customers: FxHashMap<CustomerId, (Totals, Signals)>,
    purchases: Vec<super::rows::PaidPurchase>,
}

impl Sums {
    fn new(period_start: NaiveDate, periods: crate::care::SignalPeriods) -> Sums {
        Sums {
            period_start,
            periods,
            customers: FxHashMap::default(),
            purchases: Vec::new(),
        }
    }

    fn add(
        &mut self,
        customer: CustomerId,
        day: NaiveDate,
        gross: i64,
        discount: i64,
        category: &str,
    ) {
        let cents = gross - discount;
        self.purchases.push((customer, day, cents));
        let p = self.periods;
        if day > p.today {
            return;
        }
        let (t, signals) = self.customers.entry(customer).or_default();
        signals.add(&p, day, gross, discount, category);
        if day > self.period_start {
            t.period += cents;
        }
        if day > p.year_ago {
            t.last_12m += cents;
        } else if day > p.two_years_ago {
            t.prior_12m += cents;
        }
    }

    /// Adds the next share's sums (its purchases come after these in the table).
    fn merge(&mut self, later: Sums) {
        if self.customers.is_empty() {
            self.customers = later.customers;
        } else {
            for (customer, (l, later_signals)) in later.customers {
                let (t, signals) = self.customers.entry(customer).or_default();
                t.period += l.period;
                t.last_12m += l.last_12m;
                t.prior_12m += l.prior_12m;
                signals.merge(later_signals);
            }
        }
        if self.purchases.is_empty() {
            self.purchases = later.purchases;
        } else {
            self.purchases.extend(later.purchases);
        }
    }
}

/// [`refresh`], timing its steps.
pub fn refresh_timed(store: &mut Store, clock: &Clock) -> Result<(ModelInfo, RefreshTimings)> {
    // One transaction from the first read to the last write: what is written is what was
    // read, and the purchases can be read in shares on connections of their own.
    let shares = Shares {
        most: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        least_rows: 20_000,
    };
    store.atomically(|store| refresh_in(store, clock, shares))
}

/// Up to how many shares the purchases are read in (one per core, at most four), and
/// their least size in rows: a small table is read in one (a connection costs about a
/// millisecond to open).
#[derive(Debug, Clone, Copy)]
struct Shares {
    most: usize,
    least_rows: i64,
}

fn refresh_in(
    store: &mut Store,
    clock: &Clock,
    shares: Shares,
) -> Result<(ModelInfo, RefreshTimings)> {
    let now = clock.now();
    let today = clock.today();
    let mut timings = RefreshTimings::default();
    let clock = std::time::Instant::now();
    let settings = settings(store)?;
    let period_start = months_back(today, settings.abc_months);
    let periods = crate::care::SignalPeriods {
        today,
        year_ago: months_back(today, 12),
        two_years_ago: months_back(today, 24),
    };
    // The purchases on every core, each share on its own connection and thread, sorted
    // there; meanwhile this thread reads the customers and their survey answers.
    let parts = store.purchase_parts(shares.most, shares.least_rows)?;
    let (sums, customers, satisfaction) = std::thread::scope(|scope| -> Result<_> {
        let shares: Vec<_> = parts
            .unwrap_or_default()
            .into_iter()
            .map(|part| {
                scope.spawn(move || -> Result<Sums> {
                    let mut sums = Sums::new(period_start, periods);
                    sums.purchases.reserve(part.size_hint());
                    part.each(|c, day, gross, discount, category| {
                        sums.add(c, day, gross, discount, category);
                    })?;
                    sums.purchases.sort_unstable_by_key(|&(c, day, _)| (c, day));
                    Ok(sums)
                })
            })
            .collect();
        let customers = store.value_customers();
        let satisfaction = crate::surveys::shop::satisfaction_by_customer(store, today);
        let mut sums = Sums::new(period_start, periods);
        if shares.is_empty() {
            store.each_purchase_for_value(|c, day, gross, discount, category| {
                sums.add(c, day, gross, discount, category);
            })?;
        }
        for share in shares {
            let share = share
                .join()
                .map_err(|_| Error::Internal("a share of the purchases was not read".into()))??;
            sums.merge(share);
        }
        Ok((sums, customers?, satisfaction?))
    })?;
    let Sums {
        customers: sums,
        purchases,
        ..
    } = sums;
    // Each share is sorted: the summary's sort only merges them.
    let summaries = super::summary::summarize(purchases, today);
    // Customers with purchases, in id order, with their summaries.
    let bought: Vec<(&super::rows::ValueCustomer, Rfm)> = customers
        .iter()
        .filter_map(|c| summaries.get(&c.id).map(|rfm| (c, *rfm)))
        .collect();
    let data: Vec<Rfm> = bought.iter().map(|(_, rfm)| *rfm).collect();
    timings.read = clock.elapsed().as_secs_f64();
    let clock = std::time::Instant::now();
    // The models on their threads; meanwhile this one writes the signals (in id order:
    // rows inserted in key order append to the table's b-tree instead of splitting pages
    // all over it).
    let mut signals: Vec<(CustomerId, &Signals)> = sums.iter().map(|(c, (_, s))| (*c, s)).collect();
    signals.sort_unstable_by_key(|(customer, _)| customer.0);
    let analysis = std::thread::scope(|scope| {
        let models = scope.spawn(|| analyse(&data, settings.horizon));
        let written = store.replace_signals(today, &signals);
        let analysis = models
            .join()
            .map_err(|_| Error::Internal("the value models failed".into()));
        written.and(analysis)
    })?;
    timings.model = clock.elapsed().as_secs_f64();
    let clock = std::time::Instant::now();
    let cents = |euros: f64| (euros * 100.0).round() as i64;

    let totals_of = |c: CustomerId| sums.get(&c).map(|(t, _)| *t).unwrap_or_default();
    let potentials: Vec<i64> = bought
        .iter()
        .zip(&analysis.predictions)
        .map(|((c, _), p)| {
            cents(p.expected_purchases_12m * p.expected_spend) + c.extra_potential_cents
        })
        .collect();
    let revenues_12m: Vec<i64> = bought
        .iter()
        .map(|(c, _)| totals_of(c.id).last_12m)
        .collect();
    let bounds = settings.bounds.unwrap_or(MatrixBounds {
        revenue: segments::median(&revenues_12m),
        potential: segments::median(&potentials),
    });
    let classes = segments::abc_classes(
        &bought
            .iter()
            .map(|(c, _)| totals_of(c.id).period)
            .collect::<Vec<_>>(),
        settings.abc,
    );
    let days = |weeks: f64| (weeks * 7.0).round() as i64;
    let score_facts: Vec<ScoreFacts> = bought
        .iter()
        .zip(&potentials)
        .map(|((c, rfm), &potential)| ScoreFacts {
            revenue_12m: totals_of(c.id).last_12m,
            potential,
            purchases_per_year: f64::from(rfm.frequency + 1) / (rfm.age / WEEKS_PER_YEAR).max(1.0),
            days_since_last: Some(days(rfm.age - rfm.recency)),
            closeness: c.closeness,
            satisfaction: satisfaction
                .get(&c.id)
                .and_then(segments::satisfaction_level),
        })
        .collect();
    // The owner's criteria, each with the marks in the order of `bought`.
    let position: HashMap<CustomerId, usize> = bought
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.id, i))
        .collect();
    let marks = store.indicator_values(None)?;
    let manual: Vec<segments::ManualIndicator> = store
        .score_indicators()?
        .into_iter()
        .map(|indicator| {
            let mut values = vec![None; bought.len()];
            for (customer, id, mark) in &marks {
                if *id == indicator.id
                    && let Some(&i) = position.get(customer)
                {
                    values[i] = Some(*mark);
                }
            }
            segments::ManualIndicator {
                weight: indicator.weight,
                marks: values,
            }
        })
        .collect();
    let scores = segments::scores(&score_facts, settings.weights, &manual);

    let rows: Vec<ValueRow> = bought
        .iter()
        .enumerate()
        .map(|(i, (c, rfm))| {
            let p: &Prediction = &analysis.predictions[i];
            let t = totals_of(c.id);
            let phase = segments::phase(&PhaseFacts {
                marked_lost: c.marked_lost,
                days_since_first: Some(days(rfm.age)),
                days_since_last: Some(days(rfm.age - rfm.recency)),
                revenue_12m: t.last_12m,
                revenue_prior_12m: t.prior_12m,
                p_alive: p.p_alive,
            });
            ValueRow {
                customer: c.id,
                revenue_period_cents: t.period,
                revenue_12m_cents: t.last_12m,
                potential_cents: potentials[i],
                abc: classes[i],
                quadrant: Quadrant::of(t.last_12m, potentials[i], bounds),
                phase,
                score: scores[i],
                p_alive: p.p_alive.map(|a| a.clamp(0.0, 1.0)),
                expected_purchases_12m: p.expected_purchases_12m,
                expected_spend_cents: cents(p.expected_spend),
                value_cents: cents(p.value),
            }
        })
        .collect();
    let info = ModelInfo {
        computed_at: now,
        calibration_end: today,
        method: analysis.method,
        customers: data.len() as u32,
        repeat_buyers: data.iter().filter(|c| c.frequency > 0).count() as u32,
        bgnbd: analysis.purchases.as_ref().ok().copied(),
        bgnbd_problem: analysis.purchases.as_ref().err().cloned(),
        gamma_gamma: analysis.spend.as_ref().ok().copied(),
        gamma_gamma_problem: analysis.spend.as_ref().err().cloned(),
        bounds,
        settings,
    };
    timings.segments = clock.elapsed().as_secs_f64();
    let clock = std::time::Instant::now();
    let json = serde_json::to_string(&info).map_err(|e| Error::Internal(e.to_string()))?;
    store.put_values(&rows, &json)?;
    timings.write = clock.elapsed().as_secs_f64();
    Ok((info, timings))
}

/// A group of customers (a matrix field, an ABC class or a phase) and its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// `top` … `small`, `A` … `C`, `new` … `lost`.
    pub code: String,
    pub customers: u32,
    /// Revenue in cents: of the last 12 months for matrix fields and phases, of the ABC
    /// period for classes.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_cents: i64,
    /// Share of all customers' revenue, 0–1.
    pub revenue_share: f64,
    /// Sum of the customers' lifetime values, in cents.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub value_cents: i64,
}

/// What the value screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ValueOverview {
    pub model: ModelInfo,
    pub quadrants: Vec<Group>,
    pub classes: Vec<Group>,
    pub phases: Vec<Group>,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub total_value_cents: i64,
}

/// The last analysis' result, summed up by matrix field, ABC class and phase; `None`
/// before the first analysis.
pub fn overview(store: &Store) -> Result<Option<ValueOverview>> {
    let Some(model) = model_info(store)? else {
        return Ok(None);
    };
    let rows = store.value_rows(None)?;
    let group = |codes: Vec<&str>, of: &dyn Fn(&ValueRow) -> &'static str, period: bool| {
        let revenue = |r: &ValueRow| {
            if period {
                r.revenue_period_cents
            } else {
                r.revenue_12m_cents
            }
        };
        let total: i64 = rows.iter().map(revenue).sum();
        codes
            .into_iter()
            .map(|code| {
                let members: Vec<&ValueRow> = rows.iter().filter(|r| of(r) == code).collect();
                let revenue_cents: i64 = members.iter().map(|r| revenue(r)).sum();
                Group {
                    code: code.to_owned(),
                    customers: members.len() as u32,
                    revenue_cents,
                    revenue_share: if total > 0 {
                        revenue_cents as f64 / total as f64
                    } else {
                        0.0
                    },
                    value_cents: members.iter().map(|r| r.value_cents).sum(),
                }
            })
            .collect::<Vec<_>>()
    };
    Ok(Some(ValueOverview {
        quadrants: group(
            Quadrant::ALL.iter().map(|q| q.code()).collect(),
            &|r| r.quadrant.code(),
            false,
        ),
        classes: group(
            [Abc::A, Abc::B, Abc::C].iter().map(|c| c.code()).collect(),
            &|r| r.abc.code(),
            true,
        ),
        phases: group(
            Phase::ALL.iter().map(|p| p.code()).collect(),
            &|r| r.phase.code(),
            false,
        ),
        total_value_cents: rows.iter().map(|r| r.value_cents).sum(),
        model,
    }))
}

/// The model of the last analysis, if any.
pub fn model_info(store: &Store) -> Result<Option<ModelInfo>> {
    Ok(store
        .setting(MODEL_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

/// One customer's value as the last analysis saw it, and the owner's own estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerValue {
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_12m_cents: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub potential_cents: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub extra_potential_cents: Option<i64>,
    pub abc: Abc,
    pub quadrant: Quadrant,
    pub phase: Phase,
    pub score: u8,
    pub p_alive: Option<f64>,
    pub expected_purchases_12m: f64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub expected_spend_cents: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub value_cents: i64,
    pub method: Method,
    pub computed_at: DateTime<Utc>,
}

/// A customer's value, `None` when the analysis has not seen a purchase of theirs.
pub fn customer_value(store: &Store, customer: CustomerId) -> Result<Option<CustomerValue>> {
    let Some(model) = model_info(store)? else {
        return Ok(None);
    };
    let Some(row) = store.value_rows(Some(customer))?.pop() else {
        return Ok(None);
    };
    Ok(Some(CustomerValue {
        revenue_12m_cents: row.revenue_12m_cents,
        potential_cents: row.potential_cents,
        extra_potential_cents: store.extra_potential(customer)?,
        abc: row.abc,
        quadrant: row.quadrant,
        phase: row.phase,
        score: row.score,
        p_alive: row.p_alive,
        expected_purchases_12m: row.expected_purchases_12m,
        expected_spend_cents: row.expected_spend_cents,
        value_cents: row.value_cents,
        method: model.method,
        computed_at: model.computed_at,
    }))
}

/// The owner's estimate for customer `customer` as its field shows it ("" when none).
pub fn extra_potential_input(store: &Store, customer: CustomerId, lang: Lang) -> Result<String> {
    Ok(store
        .extra_potential(customer)?
        .map(|cents| crate::money::cents_text(cents, lang))
        .unwrap_or_default())
}

/// Sets the owner's estimate of what more the customer could buy a year, as typed
/// ("1.200" or "1.200,50" euros; empty removes it). It counts from the next analysis on.
pub fn set_extra_potential(
    store: &mut Store,
    customer: CustomerId,
    amount: &str,
    clock: &Clock,
) -> Result<()> {
    let now = clock.now();
    let cents =
        if amount.trim().is_empty() {
            None
        } else {
            Some(crate::money::parse_cents(amount).map_err(|issue| {
                Error::Validation(vec![FieldError::new(Field::Potential, issue)])
            })?)
        };
    store.set_extra_potential(customer, cents, now)
}

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ChartKind {
    /// The portfolio matrix of the last analysis.
    Portfolio,
    /// The ABC analysis' Pareto curve.
    Pareto,
    /// A customer's revenue in each of the last 24 months.
    RevenueTrend { customer: CustomerId },
    /// The shop's revenue in each of the last 12 months beside the same month a year before.
    ShopRevenue,
}

/// One month of the shop's revenue and the same month a year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonthRevenue {
    /// The first day of the month.
    pub month: NaiveDate,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub cents: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub year_before_cents: i64,
}

/// The shop's revenue trend: the last 12 months (the current one so far) against the 12
/// before, month by month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ShopRevenue {
    /// Oldest first.
    pub months: Vec<MonthRevenue>,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub total_cents: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub year_before_cents: i64,
    /// Change against the year before in percent (`None`: nothing the year before).
    pub change_percent: Option<f64>,
}

/// The shop's revenue of the last 12 months, month by month, against the year before.
pub fn shop_revenue(store: &Store, today: NaiveDate) -> Result<ShopRevenue> {
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let first = this_month
        .checked_sub_months(Months::new(11))
        .unwrap_or(this_month);
    let year_before = first.checked_sub_months(Months::new(12)).unwrap_or(first);
    let sums: HashMap<String, i64> = store
        .shop_monthly_revenue(year_before)?
        .into_iter()
        .collect();
    let of = |m: NaiveDate| {
        sums.get(&m.format("%Y-%m").to_string())
            .copied()
            .unwrap_or(0)
    };
    let months: Vec<MonthRevenue> = (0..12)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|m| MonthRevenue {
            month: m,
            cents: of(m),
            year_before_cents: m.checked_sub_months(Months::new(12)).map(of).unwrap_or(0),
        })
        .collect();
    let total_cents: i64 = months.iter().map(|m| m.cents).sum();
    let year_before_cents: i64 = months.iter().map(|m| m.year_before_cents).sum();
    Ok(ShopRevenue {
        change_percent: (year_before_cents > 0).then(|| {
            ((total_cents - year_before_cents) as f64 / year_before_cents as f64 * 1000.0).round()
                / 10.0
        }),
        months,
        total_cents,
        year_before_cents,
    })
}

impl ChartKind {
    /// The file name a saved chart is offered under, without the ending.
    pub fn file_stem(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            ChartKind::Portfolio => lang.pick("Kundenportfolio", "Customer portfolio"),
            ChartKind::Pareto => lang.pick("ABC-Analyse", "ABC analysis"),
            ChartKind::RevenueTrend { .. } => lang.pick("Umsatzverlauf", "Revenue trend"),
            ChartKind::ShopRevenue => lang.pick("Umsatz des Ladens", "Shop revenue"),
        }
    }
}

/// How many months the revenue trend shows.
pub const TREND_MONTHS: u32 = 24;

/// Draws a chart from the stored analysis (the trend from the purchases). The portfolio
/// and Pareto charts need an analysis first.
pub fn chart(
    store: &Store,
    kind: ChartKind,
    format: crate::charts::ChartFormat,
    today: NaiveDate,
    lang: crate::i18n::Lang,
) -> Result<Vec<u8>> {
    use crate::charts;
    match kind {
        ChartKind::Portfolio | ChartKind::Pareto => {
            let Some(model) = model_info(store)? else {
                return Err(Error::NoValueAnalysis);
            };
            let rows = store.chart_rows()?;
            if kind == ChartKind::Portfolio {
                let points: Vec<charts::MatrixPoint> = rows
                    .iter()
                    .map(|r| charts::MatrixPoint {
                        revenue_cents: r.revenue_12m_cents,
                        potential_cents: r.potential_cents,
                        value_cents: r.value_cents,
                    })
                    .collect();
                let counts: Vec<(Quadrant, u32)> = Quadrant::ALL
                    .iter()
                    .map(|&q| (q, rows.iter().filter(|r| r.quadrant == q).count() as u32))
                    .collect();
                charts::portfolio(&points, model.bounds, &counts, lang, format)
            } else {
                let revenues: Vec<i64> = rows.iter().map(|r| r.revenue_period_cents).collect();
                let count = |c: Abc| rows.iter().filter(|r| r.abc == c).count() as u32;
                charts::pareto(
                    &revenues,
                    model.settings.abc,
                    [count(Abc::A), count(Abc::B), count(Abc::C)],
                    lang,
                    format,
                )
            }
        }
        ChartKind::ShopRevenue => {
            let revenue = shop_revenue(store, today)?;
            let months: Vec<(NaiveDate, i64, i64)> = revenue
                .months
                .iter()
                .map(|m| (m.month, m.cents, m.year_before_cents))
                .collect();
            charts::shop_revenue(&months, lang, format)
        }
        ChartKind::RevenueTrend { customer } => {
            let name = crate::customers::get(store, customer)?.display_name;
            let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
                .unwrap_or(today)
                .checked_sub_months(Months::new(TREND_MONTHS - 1))
                .unwrap_or(today);
            let sums: HashMap<String, i64> = store
                .monthly_revenue(customer, first)?
                .into_iter()
                .collect();
            let months: Vec<(NaiveDate, i64)> = (0..TREND_MONTHS)
                .filter_map(|i| first.checked_add_months(Months::new(i)))
                .map(|m| {
                    (
                        m,
                        sums.get(&m.format("%Y-%m").to_string())
                            .copied()
                            .unwrap_or(0),
                    )
                })
                .collect();
            let title = format!(
                "{} – {}",
                name,
                lang.pick("Umsatz pro Monat", "Revenue per month")
            );
            charts::revenue_trend(&title, &months, lang, format)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo shop in a file, its purchases read in four shares on their own threads,
    /// gets exactly the rows and signals it gets in memory, read in one pass.
    #[test]
    fn purchases_read_in_shares_give_what_one_pass_gives() {
        let clock = Clock::at(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap()
                .and_utc(),
            chrono::FixedOffset::east_opt(3600).unwrap(),
        );
        let options = crate::demo::DemoOptions::default();
        let mut in_memory = Store::open_in_memory().unwrap();
        crate::demo::load(&mut in_memory, &options, &clock).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut in_file = Store::open(&dir.path().join("shop.sqlite3")).unwrap();
        crate::demo::load(&mut in_file, &options, &clock).unwrap();
        let (one_pass, _) = refresh_timed(&mut in_memory, &clock).unwrap();
        let shares = Shares {
            most: 4,
            least_rows: 1,
        };
        let (in_shares, _) = in_file
            .atomically(|s| {
                assert_eq!(s.purchase_parts(4, 1)?.map(|p| p.len()), Some(4));
                refresh_in(s, &clock, shares)
            })
            .unwrap();
        assert_eq!(in_shares.customers, one_pass.customers);
        assert_eq!(in_shares.bgnbd, one_pass.bgnbd);
        let rows = in_file.value_rows(None).unwrap();
        assert!(rows.len() > 250, "{} rows", rows.len());
        assert_eq!(rows, in_memory.value_rows(None).unwrap());
        let signals = in_file.signals().unwrap();
        assert!(signals.iter().any(|(_, s)| s.categories == 1));
        assert_eq!(signals, in_memory.signals().unwrap());
    }
}
