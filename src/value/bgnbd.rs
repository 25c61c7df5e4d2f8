//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while a
//! customer is alive, purchases come at a rate λ ~ Gamma(r, α); after each purchase the
//! customer drops out with probability p ~ Beta(a, b). Fitted by maximum likelihood on
//! (x, t_x, T) per customer, time in weeks.

use super::optimize::{SAMPLE_ROWS, STAGE_ABOVE, chunked_sums, minimize, minimize_staged};
use super::{
    FitError, Rfm,
    hyp2f1::{hyp2f1, hyp2f1_each},
};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

/// The four parameters, named as in the paper.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fit and how it went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BgNbdFit {
    #[serde(flatten)]
    pub params: BgNbd,
    pub log_likelihood: f64,
    pub iterations: u32,
}

/// The customers as the likelihood reads them, column by column, sorted by (x, T, t_x):
/// customers with the same triple are one row with a count (rounded data has few distinct
/// triples; continuous data about one per customer).
struct Grouped {
    /// Distinct frequencies, ascending.
    xs: Vec<f64>,
    /// Per row: the index of its x in `xs`, T, t_x (0 without repeat purchases) and how
    /// many customers it stands for.
    x_of: Vec<u32>,
    ages: Vec<f64>,
    recencies: Vec<f64>,
    counts: Vec<f64>,
    customers: f64,
}

/// A customer's (x, T, t_x) as bits: positive floats sort by their bits as by value.
type Key = (u32, u64, u64);

impl Grouped {
    fn new<'a>(data: impl Iterator<Item = &'a Rfm>) -> Grouped {
        let mut keys: Vec<Key> = data
            .map(|c| {
                // Without repeat purchases t_x plays no part.
                let recency = if c.frequency == 0 {
                    0
                } else {
                    c.recency.to_bits()
                };
                (c.frequency, c.age.to_bits(), recency)
            })
            .collect();
        let customers = keys.len() as f64;
        // Both halves sorted at once, then merged while equal keys are counted.
        let half = keys.len() / 2;
        let (low, high) = keys.split_at_mut(half);
        if low.len() > 50_000 {
            std::thread::scope(|scope| {
                scope.spawn(|| low.sort_unstable());
                high.sort_unstable();
            });
        } else {
            low.sort_unstable();
            high.sort_unstable();
        }
        let (low, high) = keys.split_at(half);
        let mut grouped = Grouped {
            xs: Vec::new(),
            x_of: Vec::new(),
            ages: Vec::new(),
            recencies: Vec::new(),
            counts: Vec::new(),
            customers,
        };
        let (mut i, mut j) = (0, 0);
        let mut last: Option<Key> = None;
        while i < low.len() || j < high.len() {
            let key = if j >= high.len() || (i < low.len() && low[i] <= high[j]) {
                i += 1;
                low[i - 1]
            } else {
                j += 1;
                high[j - 1]
            };
            if last == Some(key) {
                if let Some(n) = grouped.counts.last_mut() {
                    *n += 1.0;
                }
                continue;
            }
            let x = f64::from(key.0);
            if grouped.xs.last() != Some(&x) {
                grouped.xs.push(x);
            }
            grouped.x_of.push((grouped.xs.len() - 1) as u32);
            grouped.ages.push(f64::from_bits(key.1));
            grouped.recencies.push(f64::from_bits(key.2));
            grouped.counts.push(1.0);
            last = Some(key);
        }
        grouped
    }

    fn rows(&self) -> usize {
        self.counts.len()
    }

    /// Every customer a row of their own, in order of x (a counting sort, no search
    /// for equal customers): for data where nearly all are different.
    fn by_x(data: &[Rfm]) -> Grouped {
        let mut starts: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
        let mut last = None;
        for c in data {
            // Runs of one x are common; the map is asked once a run.
            if last != Some(c.frequency) {
                starts.entry(c.frequency).or_insert(0);
                last = Some(c.frequency);
            }
        }
        let xs: Vec<u32> = starts.keys().copied().collect();
        let mut sizes = vec![0usize; xs.len()];
        let slot = |x: u32| xs.binary_search(&x).unwrap_or_default();
        let mut slots = Vec::with_capacity(data.len());
        let mut last = (u32::MAX, 0);
        for c in data {
            if c.frequency != last.0 {
                last = (c.frequency, slot(c.frequency));
            }
            sizes[last.1] += 1;
            slots.push(last.1 as u32);
        }
        let mut next: Vec<usize> = sizes
            .iter()
            .scan(0, |at, size| {
                let start = *at;
                *at += size;
                Some(start)
            })
            .collect();
        let n = data.len();
        let (mut x_of, mut ages, mut recencies) = (vec![0u32; n], vec![0.0; n], vec![0.0; n]);
        for (c, &slot) in data.iter().zip(&slots) {
            let at = &mut next[slot as usize];
            x_of[*at] = slot;
            ages[*at] = c.age;
            recencies[*at] = if c.frequency == 0 { 0.0 } else { c.recency };
            *at += 1;
        }
        Grouped {
            xs: xs.into_iter().map(f64::from).collect(),
            x_of,
            ages,
            recencies,
            counts: vec![1.0; n],
            customers: n as f64,
        }
    }

    /// The log-likelihood of all customers and its gradient with respect to
    /// (r, α, a, b). The rows are summed in chunks over the cores.
    fn log_likelihood(&self, p: &BgNbd) -> (f64, [f64; 4]) {
        let BgNbd { r, alpha, a, b } = *p;
        let (ln_alpha, ln_ab, psi_ab, psi_b, ln_b_gamma) = (
            alpha.ln(),
            ln_gamma(a + b),
            digamma(a + b),
            digamma(b),
            ln_gamma(b),
        );
        let (lg_r, psi_r) = (ln_gamma(r), digamma(r));
        // Per distinct x: the terms that depend on x and the parameters only.
        struct PerX {
            x: f64,
            c: f64,
            c_r: f64,
            a1: f64,
            a1_a: f64,
            a1_b: f64,
            a2: f64,
            a2_a: f64,
            a2_b: f64,
        }
        let per_x: Vec<PerX> = self
            .xs
            .iter()
            .map(|&x| {
                let psi_abx = digamma(a + b + x);
                let lg_abx = ln_gamma(a + b + x);
                let (a2, a2_a, a2_b) = if x > 0.0 {
                    (
                        a.ln() + ln_gamma(b + x - 1.0) - lg_abx - ln_b_gamma + ln_ab,
                        1.0 / a - psi_abx + psi_ab,
                        digamma(b + x - 1.0) - psi_abx - psi_b + psi_ab,
                    )
                } else {
                    (f64::NEG_INFINITY, 0.0, 0.0)
                };
                PerX {
                    x,
                    c: ln_gamma(r + x) - lg_r + r * ln_alpha,
                    c_r: digamma(r + x) - psi_r + ln_alpha,
                    a1: ln_gamma(b + x) - lg_abx - ln_b_gamma + ln_ab,
                    a1_a: -psi_abx + psi_ab,
                    a1_b: digamma(b + x) - psi_abx - psi_b + psi_ab,
                    a2,
                    a2_a,
                    a2_b,
                }
            })
            .collect();
        let r_over_alpha = r / alpha;
        let [ll, g0, g1, g2, g3] = chunked_sums(self.rows(), |range| {
            let mut s = [0.0; 5];
            // Rows are sorted by T within x: ln(α + T) is often the row before's.
            let (mut last_age, mut ln_age, mut inv_age) = (f64::NAN, 0.0, 0.0);
            for i in range {
                let px = &per_x[self.x_of[i] as usize];
                let (age, n) = (self.ages[i], self.counts[i]);
                if age != last_age {
                    last_age = age;
                    ln_age = (alpha + age).ln();
                    inv_age = 1.0 / (alpha + age);
                }
                let rx = r + px.x;
                let d1 = px.a1 - rx * ln_age;
                if px.x > 0.0 {
                    let t = self.recencies[i];
                    let (ln_rec, inv_rec) = ((alpha + t).ln(), 1.0 / (alpha + t));
                    let d2 = px.a2 - rx * ln_rec;
                    // ln(e^d1 + e^d2) and the two terms' shares, without overflow.
                    let e = (-(d1 - d2).abs()).exp();
                    let share = 1.0 / (1.0 + e);
                    let (w1, w2) = if d1 >= d2 {
                        (share, e * share)
                    } else {
                        (e * share, share)
                    };
                    s[0] += n * (px.c + d1.max(d2) + e.ln_1p());
                    s[1] += n * (px.c_r - w1 * ln_age - w2 * ln_rec);
                    s[2] += n * (r_over_alpha - rx * (w1 * inv_age + w2 * inv_rec));
                    s[3] += n * (w1 * px.a1_a + w2 * px.a2_a);
                    s[4] += n * (w1 * px.a1_b + w2 * px.a2_b);
                } else {
                    s[0] += n * (px.c + d1);
                    s[1] += n * (px.c_r - ln_age);
                    s[2] += n * (r_over_alpha - rx * inv_age);
                    s[3] += n * px.a1_a;
                    s[4] += n * px.a1_b;
                }
            }
            s
        });
        (ll, [g0, g1, g2, g3])
    }

    /// The mean negative log-likelihood over log-parameters and its gradient: what the
    /// search minimises.
    fn objective(&self, logs: &[f64]) -> (f64, Vec<f64>) {
        // Far beyond any shop's parameters the log-gamma differences lose their
        // digits: the search stays inside.
        if logs.iter().any(|l| l.abs() > super::MAX_LOG_PARAMETER) {
            return (f64::INFINITY, vec![0.0; 4]);
        }
        let p = BgNbd::from_logs(logs);
        let (ll, g) = self.log_likelihood(&p);
        let scale = [p.r, p.alpha, p.a, p.b];
        if !ll.is_finite() {
            return (f64::INFINITY, vec![0.0; 4]);
        }
        let n = self.customers;
        (-ll / n, (0..4).map(|i| -g[i] * scale[i] / n).collect())
    }
}

impl BgNbd {
    fn from_logs(p: &[f64]) -> BgNbd {
        BgNbd {
            r: p[0].exp(),
            alpha: p[1].exp(),
            a: p[2].exp(),
            b: p[3].exp(),
        }
    }

    /// Fits the model by maximum likelihood. Needs repeat buyers to learn from.
    pub fn fit(data: &[Rfm]) -> Result<BgNbdFit, FitError> {
        Self::fit_staged_above(data, STAGE_ABOVE)
    }

    /// [`BgNbd::fit`], staged (a sample first, see [`minimize_staged`]) when there are
    /// more than `stage_above` distinct customers.
    fn fit_staged_above(data: &[Rfm], stage_above: usize) -> Result<BgNbdFit, FitError> {
        let repeat_buyers = data.iter().filter(|c| c.frequency > 0).count();
        if repeat_buyers < super::MIN_REPEAT_BUYERS {
            return Err(FitError::TooFewRepeatBuyers {
                repeat_buyers: repeat_buyers as u32,
            });
        }
        if data.iter().any(|c| !c.is_valid()) {
            return Err(FitError::InvalidData);
        }
        // Every k-th customer first: when nearly all of them are different, so are all
        // customers, and sorting them to find equal ones would be time lost.
        let every = (data.len() / SAMPLE_ROWS).max(2);
        let sample = (data.len() > stage_above).then(|| Grouped::new(data.iter().step_by(every)));
        let distinct = sample
            .as_ref()
            .is_some_and(|s| s.rows() as f64 > 0.5 * s.customers);
        let grouped = if distinct {
            Grouped::by_x(data)
        } else {
            Grouped::new(data.iter())
        };
        let found = if let Some(sample) = sample.filter(|_| grouped.rows() > stage_above) {
            minimize_staged(
                |logs| grouped.objective(logs),
                |logs| sample.objective(logs),
                vec![0.0; 4],
                1000,
            )
        } else {
            minimize(|logs| grouped.objective(logs), vec![0.0; 4], 1000)
        }
        .map_err(|reason| FitError::NoConvergence { reason })?;
        let params = BgNbd::from_logs(&found.point);
        if !found.converged {
            return Err(FitError::NoConvergence {
                reason: format!("no optimum after {} steps", found.iterations),
            });
        }
        Ok(BgNbdFit {
            params,
            log_likelihood: -found.value * grouped.customers,
            iterations: found.iterations as u32,
        })
    }

    /// The log-likelihood of `data` under these parameters (FHL 2005, eq. 6).
    pub fn log_likelihood(&self, data: &[Rfm]) -> f64 {
        Grouped::new(data.iter()).log_likelihood(self).0
    }

    /// The probability that a customer with this history is still alive at T.
    pub fn p_alive(&self, c: &Rfm) -> f64 {
        1.0 / self.denominator(c)
    }

    /// Eq. 10's denominator, 1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x): one over
    /// the probability of being alive.
    fn denominator(&self, c: &Rfm) -> f64 {
        if c.frequency == 0 {
            return 1.0;
        }
        let x = f64::from(c.frequency);
        let BgNbd { r, alpha, a, b } = *self;
        1.0 + a / (b + x - 1.0)
            * ((r + x) * ((alpha + c.age).ln() - (alpha + c.recency).ln())).exp()
    }

    /// Expected purchases in the next `t` weeks of a customer with this history
    /// (FHL 2005, eq. 10). `None` where the parameters leave the formula's range.
    pub fn expected_purchases(&self, t: f64, c: &Rfm) -> Option<f64> {
        Some(self.growth(t, f64::from(c.frequency), c.age)? * self.p_alive(c))
    }

    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]:
    /// the part of eq. 10 that grows with t.
    pub(crate) fn growth(&self, t: f64, x: f64, age: f64) -> Option<f64> {
        let BgNbd { r, alpha, a, b } = *self;
        if t <= 0.0 {
            return Some(0.0);
        }
        if (a - 1.0).abs() < 1e-9 {
            return None;
        }
        let z = t / (alpha + age + t);
        let f = hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
        let shrink = ((r + x) * ((alpha + age).ln() - (alpha + age + t).ln())).exp();
        let value = (a + b + x - 1.0) / (a - 1.0) * (1.0 - shrink * f);
        value.is_finite().then_some(value.max(0.0))
    }

    /// [`BgNbd::growth`] at several `ts` at once, into `out` (one per t): the
    /// hypergeometric series of all of them summed side by side ([`hyp2f1_each`]).
    pub(crate) fn growth_each(&self, ts: &[f64], x: f64, age: f64, out: &mut [Option<f64>]) {
        let BgNbd { r, alpha, a, b } = *self;
        if (a - 1.0).abs() < 1e-9 {
            for (out, &t) in out.iter_mut().zip(ts) {
                *out = (t <= 0.0).then_some(0.0);
            }
            return;
        }
        let zs: Vec<f64> = ts.iter().map(|&t| t / (alpha + age + t)).collect();
        hyp2f1_each(r + x, b + x, a + b + x - 1.0, &zs, out);
        for (out, &t) in out.iter_mut().zip(ts) {
            *out = if t <= 0.0 {
                Some(0.0)
            } else {
                out.and_then(|f| {
                    let shrink = ((r + x) * ((alpha + age).ln() - (alpha + age + t).ln())).exp();
                    let value = (a + b + x - 1.0) / (a - 1.0) * (1.0 - shrink * f);
                    value.is_finite().then_some(value.max(0.0))
                })
            };
        }
    }

    /// Expected purchases of a new customer in their first `t` weeks (FHL 2005, eq. 7).
    /// Eq. 7 is eq. 10's growth term for x = 0 and T = 0.
    pub fn expected_purchases_new(&self, t: f64) -> Option<f64> {
        self.growth(t, 0.0, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The growth at many t at once is the growth at each t, including t = 0 and the
    /// parameters that leave the formula's range.
    #[test]
    fn growth_at_many_t_is_the_growth_at_each() {
        let ts: Vec<f64> = (0..=240).map(|m| f64::from(m) * 52.0 / 12.0).collect();
        for model in [
            BgNbd {
                r: 0.243,
                alpha: 4.414,
                a: 0.793,
                b: 2.426,
            },
            BgNbd {
                r: 1.2,
                alpha: 0.05,
                a: 3.1,
                b: 0.4,
            },
            BgNbd {
                r: 0.5,
                alpha: 2.0,
                a: 1.0,
                b: 1.5,
            },
        ] {
            for (x, age) in [(0.0, 0.0), (1.0, 30.5), (12.0, 77.0), (150.0, 300.0)] {
                let mut at_once = vec![Some(-1.0); ts.len()];
                model.growth_each(&ts, x, age, &mut at_once);
                for (&t, got) in ts.iter().zip(&at_once) {
                    match (model.growth(t, x, age), got) {
                        (Some(one), Some(got)) => assert!(
                            (one - got).abs() <= 1e-12 * one.abs().max(1e-9),
                            "{model:?} x {x} T {age} t {t}: {one} vs {got}"
                        ),
                        (one, got) => assert_eq!(one, *got, "{model:?} x {x} T {age} t {t}"),
                    }
                }
            }
        }
    }

    /// The gradient agrees with finite differences of the log-likelihood, for customers
    /// with and without repeat purchases.
    #[test]
    fn gradient_matches_finite_differences() {
        let data: Vec<Rfm> = (0..80)
            .map(|i| {
                let x = i % 6;
                Rfm {
                    frequency: x,
                    recency: if x == 0 { 0.0 } else { f64::from(i % 30) + 0.5 },
                    age: 31.0 + f64::from(i % 9),
                    monetary: 0.0,
                }
            })
            .collect();
        let grouped = Grouped::new(data.iter());
        let at = BgNbd {
            r: 0.4,
            alpha: 3.0,
            a: 0.8,
            b: 2.0,
        };
        let (_, g) = grouped.log_likelihood(&at);
        let ll = |p: BgNbd| grouped.log_likelihood(&p).0;
        let h = 1e-6;
        let numeric = [
            (ll(BgNbd { r: at.r + h, ..at }) - ll(BgNbd { r: at.r - h, ..at })) / (2.0 * h),
            (ll(BgNbd {
                alpha: at.alpha + h,
                ..at
            }) - ll(BgNbd {
                alpha: at.alpha - h,
                ..at
            })) / (2.0 * h),
            (ll(BgNbd { a: at.a + h, ..at }) - ll(BgNbd { a: at.a - h, ..at })) / (2.0 * h),
            (ll(BgNbd { b: at.b + h, ..at }) - ll(BgNbd { b: at.b - h, ..at })) / (2.0 * h),
        ];
        for i in 0..4 {
            assert!(
                (g[i] - numeric[i]).abs() < 1e-4 * numeric[i].abs().max(1.0),
                "{g:?} vs {numeric:?}"
            );
        }
    }

    /// A staged fit (a sample first, then Newton's steps on everyone) ends at the
    /// parameters of a fit on everyone from the start, on customers whose (x, t_x, T)
    /// are all different.
    #[test]
    fn a_staged_fit_finds_the_whole_fits_parameters() {
        use rand::{Rng, SeedableRng};
        use rand_distr::{Beta, Distribution, Exp, Gamma};
        // The BG/NBD story with CDNOW's parameters, purchase times as drawn.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let rate = Gamma::new(0.243, 1.0 / 4.414).unwrap();
        let dropout = Beta::new(0.793, 2.426).unwrap();
        let data: Vec<Rfm> = (0..20_000)
            .map(|_| {
                let age = 39.0 - rng.random_range(0.0..12.0);
                let (lambda, p): (f64, f64) = (rate.sample(&mut rng), dropout.sample(&mut rng));
                let (mut t, mut x, mut last) = (0.0, 0, 0.0);
                if lambda > 0.0 {
                    let gap = Exp::new(lambda).unwrap();
                    loop {
                        t += gap.sample(&mut rng);
                        if t > age {
                            break;
                        }
                        (x, last) = (x + 1, t);
                        if rng.random_bool(p) {
                            break;
                        }
                    }
                }
                Rfm {
                    frequency: x,
                    recency: last,
                    age,
                    monetary: 0.0,
                }
            })
            .collect();
        let whole = BgNbd::fit_staged_above(&data, usize::MAX).unwrap();
        let staged = BgNbd::fit_staged_above(&data, 1_000).unwrap();
        let (w, s) = (whole.params, staged.params);
        for (a, b) in [(w.r, s.r), (w.alpha, s.alpha), (w.a, s.a), (w.b, s.b)] {
            assert!((a - b).abs() < 1e-7 * a, "{whole:?} vs {staged:?}");
        }
        assert!((whole.log_likelihood - staged.log_likelihood).abs() < 1e-6);
    }
}
