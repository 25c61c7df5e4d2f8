//! Gamma-Gamma spend model (Fader & Hardie 2013, after Colombo & Jiang 1999): the value of
//! a customer's purchases is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent
//! of how often they buy. Fitted on the repeat buyers' number of repeat purchases x and
//! their mean value m.

use super::optimize::{SAMPLE_ROWS, STAGE_ABOVE, chunked_sums, minimize, minimize_staged};
use super::{FitError, Rfm};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};
use std::collections::BTreeMap;

/// The three parameters, named as in the literature.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// A fit and how it went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GammaGammaFit {
    #[serde(flatten)]
    pub params: GammaGamma,
    pub log_likelihood: f64,
    pub iterations: u32,
}

/// The repeat buyers, with the sums that do not depend on the parameters made once.
struct Prepared {
    /// x and m·x of every repeat buyer, column by column.
    xs: Vec<f64>,
    spent: Vec<f64>,
    /// How many repeat buyers have each x.
    per_x: Vec<(f64, f64)>,
    n: f64,
    /// Σ x ln m, Σ ln m, Σ x ln x, Σ m.
    sum_x_ln_m: f64,
    sum_ln_m: f64,
    sum_x_ln_x: f64,
    sum_m: f64,
}

impl Prepared {
    fn new<'a>(data: impl Iterator<Item = &'a Rfm>) -> Prepared {
        let (mut xs, mut spent) = (Vec::new(), Vec::new());
        let mut counts: BTreeMap<u32, f64> = BTreeMap::new();
        let (mut sum_x_ln_m, mut sum_ln_m, mut sum_x_ln_x, mut sum_m) = (0.0, 0.0, 0.0, 0.0);
        for c in data.filter(|c| c.frequency > 0 && c.monetary > 0.0) {
            let (x, m) = (f64::from(c.frequency), c.monetary);
            *counts.entry(c.frequency).or_insert(0.0) += 1.0;
            let ln_m = m.ln();
            sum_x_ln_m += x * ln_m;
            sum_ln_m += ln_m;
            sum_x_ln_x += x * x.ln();
            sum_m += m;
            xs.push(x);
            spent.push(m * x);
        }
        Prepared {
            per_x: counts.into_iter().map(|(x, n)| (f64::from(x), n)).collect(),
            n: xs.len() as f64,
            xs,
            spent,
            sum_x_ln_m,
            sum_ln_m,
            sum_x_ln_x,
            sum_m,
        }
    }

    /// Σ over repeat buyers of ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m
    /// \+ px ln x − (px+q) ln(γ + m x), and its gradient with respect to (p, q, γ).
    /// Only the sums over ln(γ + m x) go through every buyer (in chunks over the cores).
    fn log_likelihood(&self, params: &GammaGamma) -> (f64, [f64; 3]) {
        let GammaGamma { p, q, gamma } = *params;
        let [sum_xu, sum_u, sum_xv, sum_v] = chunked_sums(self.xs.len(), |range| {
            let mut s = [0.0; 4];
            for (&x, &mx) in self.xs[range.clone()].iter().zip(&self.spent[range]) {
                let u = (gamma + mx).ln();
                let v = 1.0 / (gamma + mx);
                s[0] += x * u;
                s[1] += u;
                s[2] += x * v;
                s[3] += v;
            }
            s
        });
        let (lg_q, psi_q) = (ln_gamma(q), digamma(q));
        let (mut ll, mut d_p, mut d_q) = (0.0, 0.0, 0.0);
        for &(x, n) in &self.per_x {
            let (psi_pxq, psi_px) = (digamma(p * x + q), digamma(p * x));
            ll += n * (ln_gamma(p * x + q) - ln_gamma(p * x) - lg_q);
            d_p += n * x * (psi_pxq - psi_px);
            d_q += n * (psi_pxq - psi_q);
        }
        ll += self.n * q * gamma.ln() + p * self.sum_x_ln_m - self.sum_ln_m + p * self.sum_x_ln_x
            - p * sum_xu
            - q * sum_u;
        d_p += self.sum_x_ln_m + self.sum_x_ln_x - sum_xu;
        d_q += self.n * gamma.ln() - sum_u;
        let d_gamma = self.n * q / gamma - (p * sum_xv + q * sum_v);
        (ll, [d_p, d_q, d_gamma])
    }

    /// The mean negative log-likelihood over log-parameters and its gradient: what the
    /// search minimises.
    fn objective(&self, logs: &[f64]) -> (f64, Vec<f64>) {
        if logs.iter().any(|l| l.abs() > super::MAX_LOG_PARAMETER) {
            return (f64::INFINITY, vec![0.0; 3]);
        }
        let params = GammaGamma::from_logs(logs);
        let (ll, g) = self.log_likelihood(&params);
        if !ll.is_finite() {
            return (f64::INFINITY, vec![0.0; 3]);
        }
        let scale = [params.p, params.q, params.gamma];
        (
            -ll / self.n,
            (0..3).map(|i| -g[i] * scale[i] / self.n).collect(),
        )
    }
}

impl GammaGamma {
    fn from_logs(p: &[f64]) -> GammaGamma {
        GammaGamma {
            p: p[0].exp(),
            q: p[1].exp(),
            gamma: p[2].exp(),
        }
    }

    /// Fits the model on the repeat buyers (x > 0 and a mean value above zero).
    pub fn fit(data: &[Rfm]) -> Result<GammaGammaFit, FitError> {
        let prepared = Prepared::new(data.iter());
        if prepared.xs.len() < super::MIN_REPEAT_BUYERS {
            return Err(FitError::TooFewRepeatBuyers {
                repeat_buyers: prepared.xs.len() as u32,
            });
        }
        if data.iter().any(|c| !c.is_valid()) {
            return Err(FitError::InvalidData);
        }
        // Start near the data: mean spend about p·γ/(q − 1).
        let mean = prepared.sum_m / prepared.n;
        let start = vec![0.0, 1.0, (mean * 1.7).ln()];
        let found = if prepared.xs.len() > STAGE_ABOVE {
            // Many repeat buyers: first every k-th customer.
            let every = (prepared.xs.len() / SAMPLE_ROWS).max(2);
            let sample = Prepared::new(data.iter().step_by(every));
            minimize_staged(
                |logs| prepared.objective(logs),
                |logs| sample.objective(logs),
                start,
                1000,
            )
        } else {
            minimize(|logs| prepared.objective(logs), start, 1000)
        }
        .map_err(|reason| FitError::NoConvergence { reason })?;
        if !found.converged {
            return Err(FitError::NoConvergence {
                reason: format!("no optimum after {} steps", found.iterations),
            });
        }
        let params = GammaGamma::from_logs(&found.point);
        Ok(GammaGammaFit {
            params,
            log_likelihood: prepared.log_likelihood(&params).0,
            iterations: found.iterations as u32,
        })
    }

    /// The log-likelihood of the repeat buyers in `data`.
    pub fn log_likelihood(&self, data: &[Rfm]) -> f64 {
        Prepared::new(data.iter()).log_likelihood(self).0
    }

    /// The expected mean value of a customer's future purchases: a weighted mean of the
    /// population's mean and the customer's own (all the population's without repeats).
    pub fn expected_spend(&self, c: &Rfm) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        let x = if c.monetary > 0.0 {
            f64::from(c.frequency)
        } else {
            0.0
        };
        (gamma + c.monetary * x) * p / (p * x + q - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gradient agrees with finite differences of the log-likelihood.
    #[test]
    fn gradient_matches_finite_differences() {
        let data: Vec<Rfm> = (1..60)
            .map(|i| Rfm {
                frequency: (i % 7) + 1,
                recency: 10.0,
                age: 30.0,
                monetary: 5.0 + f64::from(i) * 1.3,
            })
            .collect();
        let prepared = Prepared::new(data.iter());
        let at = GammaGamma {
            p: 3.0,
            q: 2.5,
            gamma: 12.0,
        };
        let (_, g) = prepared.log_likelihood(&at);
        let h = 1e-6;
        let ll = |p: GammaGamma| prepared.log_likelihood(&p).0;
        let numeric = [
            (ll(GammaGamma { p: at.p + h, ..at }) - ll(GammaGamma { p: at.p - h, ..at }))
                / (2.0 * h),
            (ll(GammaGamma { q: at.q + h, ..at }) - ll(GammaGamma { q: at.q - h, ..at }))
                / (2.0 * h),
            (ll(GammaGamma {
                gamma: at.gamma + h,
                ..at
            }) - ll(GammaGamma {
                gamma: at.gamma - h,
                ..at
            })) / (2.0 * h),
        ];
        for i in 0..3 {
            assert!(
                (g[i] - numeric[i]).abs() < 1e-4 * numeric[i].abs().max(1.0),
                "{g:?} vs {numeric:?}"
            );
        }
    }
}
