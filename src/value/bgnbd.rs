//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while a
//! customer is alive, purchases come at a rate λ ~ Gamma(r, α); after each purchase the
//! customer drops out with probability p ~ Beta(a, b). Fitted by maximum likelihood on
//! (x, t_x, T) per customer, time in weeks.

use super::optimize::minimize;
use super::{FitError, Rfm, hyp2f1::hyp2f1};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};
use std::collections::HashMap;

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

/// Customers with the same (x, t_x, T) contribute the same likelihood: they are counted
/// once with a weight, and ln(α + T) is worked out once per distinct T (and t_x).
struct Grouped {
    /// Distinct frequencies.
    xs: Vec<f64>,
    /// Distinct ages T and recencies t_x.
    ages: Vec<f64>,
    recencies: Vec<f64>,
    /// (index into xs, into ages, into recencies, how many customers).
    rows: Vec<(u32, u32, u32, f64)>,
    customers: f64,
}

fn index_of(map: &mut HashMap<u64, u32>, list: &mut Vec<f64>, value: f64) -> u32 {
    *map.entry(value.to_bits()).or_insert_with(|| {
        list.push(value);
        (list.len() - 1) as u32
    })
}

impl Grouped {
    fn new(data: &[Rfm]) -> Grouped {
        let (mut xs, mut ages, mut recencies) = (Vec::new(), Vec::new(), Vec::new());
        let (mut x_map, mut age_map, mut recency_map) =
            (HashMap::new(), HashMap::new(), HashMap::new());
        let mut counts: HashMap<(u32, u32, u32), f64> = HashMap::new();
        for c in data {
            let x = index_of(&mut x_map, &mut xs, f64::from(c.frequency));
            let age = index_of(&mut age_map, &mut ages, c.age);
            // Without repeat purchases t_x plays no part.
            let recency = if c.frequency == 0 {
                0
            } else {
                index_of(&mut recency_map, &mut recencies, c.recency)
            };
            *counts.entry((x, age, recency)).or_insert(0.0) += 1.0;
        }
        if recencies.is_empty() {
            recencies.push(0.0);
        }
        let mut rows: Vec<_> = counts
            .into_iter()
            .map(|((x, t, r), n)| (x, t, r, n))
            .collect();
        // Sorted so that a fit gives the same sums, to the last bit, every time.
        rows.sort_by_key(|&(x, t, r, _)| (x, t, r));
        Grouped {
            xs,
            ages,
            recencies,
            rows,
            customers: data.len() as f64,
        }
    }

    /// The log-likelihood of all customers and its gradient with respect to
    /// (r, α, a, b).
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
        let ln_age: Vec<f64> = self.ages.iter().map(|t| (alpha + t).ln()).collect();
        let inv_age: Vec<f64> = self.ages.iter().map(|t| 1.0 / (alpha + t)).collect();
        let ln_rec: Vec<f64> = self.recencies.iter().map(|t| (alpha + t).ln()).collect();
        let inv_rec: Vec<f64> = self.recencies.iter().map(|t| 1.0 / (alpha + t)).collect();

        let (mut ll, mut g) = (0.0, [0.0; 4]);
        for &(xi, ti, ri, n) in &self.rows {
            let (ti, ri) = (ti as usize, ri as usize);
            let x = self.xs[xi as usize];
            let px = &per_x[xi as usize];
            let rx = r + x;
            let d1 = px.a1 - rx * ln_age[ti];
            // ln(e^d1 + e^d2) and the two terms' shares, without overflow.
            let (lse, w1, w2) = if x > 0.0 {
                let d2 = px.a2 - rx * ln_rec[ri];
                if d1 >= d2 {
                    let e = (d2 - d1).exp();
                    (d1 + e.ln_1p(), 1.0 / (1.0 + e), e / (1.0 + e))
                } else {
                    let e = (d1 - d2).exp();
                    (d2 + e.ln_1p(), e / (1.0 + e), 1.0 / (1.0 + e))
                }
            } else {
                (d1, 1.0, 0.0)
            };
            ll += n * (px.c + lse);
            g[0] += n * (px.c_r - w1 * ln_age[ti] - w2 * ln_rec[ri]);
            g[1] += n * (r / alpha - rx * (w1 * inv_age[ti] + w2 * inv_rec[ri]));
            g[2] += n * (w1 * px.a1_a + w2 * px.a2_a);
            g[3] += n * (w1 * px.a1_b + w2 * px.a2_b);
        }
        (ll, g)
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
        let repeat_buyers = data.iter().filter(|c| c.frequency > 0).count();
        if repeat_buyers < super::MIN_REPEAT_BUYERS {
            return Err(FitError::TooFewRepeatBuyers {
                repeat_buyers: repeat_buyers as u32,
            });
        }
        if data.iter().any(|c| !c.is_valid()) {
            return Err(FitError::InvalidData);
        }
        let grouped = Grouped::new(data);
        let n = grouped.customers;
        let found = minimize(
            |logs| {
                // Far beyond any shop's parameters the log-gamma differences lose their
                // digits: the search stays inside.
                if logs.iter().any(|l| l.abs() > super::MAX_LOG_PARAMETER) {
                    return (f64::INFINITY, vec![0.0; 4]);
                }
                let p = BgNbd::from_logs(logs);
                let (ll, g) = grouped.log_likelihood(&p);
                // Minimise the mean negative log-likelihood over log-parameters.
                let scale = [p.r, p.alpha, p.a, p.b];
                if !ll.is_finite() {
                    return (f64::INFINITY, vec![0.0; 4]);
                }
                (-ll / n, (0..4).map(|i| -g[i] * scale[i] / n).collect())
            },
            vec![0.0; 4],
            1000,
        )
        .map_err(|reason| FitError::NoConvergence { reason })?;
        let params = BgNbd::from_logs(&found.point);
        if !found.converged {
            return Err(FitError::NoConvergence {
                reason: format!("no optimum after {} steps", found.iterations),
            });
        }
        Ok(BgNbdFit {
            params,
            log_likelihood: grouped.log_likelihood(&params).0,
            iterations: found.iterations as u32,
        })
    }

    /// The log-likelihood of `data` under these parameters (FHL 2005, eq. 6).
    pub fn log_likelihood(&self, data: &[Rfm]) -> f64 {
        Grouped::new(data).log_likelihood(self).0
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

    /// Expected purchases of a new customer in their first `t` weeks (FHL 2005, eq. 7).
    /// Eq. 7 is eq. 10's growth term for x = 0 and T = 0.
    pub fn expected_purchases_new(&self, t: f64) -> Option<f64> {
        self.growth(t, 0.0, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let grouped = Grouped::new(&data);
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
}
