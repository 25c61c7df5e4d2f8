//! Gamma-Gamma spend model (Fader & Hardie 2013, after Colombo & Jiang 1999): the value of
//! a customer's purchases is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent
//! of how often they buy. Fitted on the repeat buyers' number of repeat purchases x and
//! their mean value m.

use super::optimize::minimize;
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
    /// (x, m) of every repeat buyer.
    rows: Vec<(f64, f64)>,
    /// How many repeat buyers have each x.
    per_x: Vec<(f64, f64)>,
    n: f64,
    /// Σ x ln m, Σ ln m, Σ x ln x.
    sum_x_ln_m: f64,
    sum_ln_m: f64,
    sum_x_ln_x: f64,
}

impl Prepared {
    fn new(data: &[Rfm]) -> Prepared {
        let rows: Vec<(f64, f64)> = data
            .iter()
            .filter(|c| c.frequency > 0 && c.monetary > 0.0)
            .map(|c| (f64::from(c.frequency), c.monetary))
            .collect();
        let mut counts: BTreeMap<u64, f64> = BTreeMap::new();
        for (x, _) in &rows {
            *counts.entry(*x as u64).or_insert(0.0) += 1.0;
        }
        Prepared {
            per_x: counts.into_iter().map(|(x, n)| (x as f64, n)).collect(),
            n: rows.len() as f64,
            sum_x_ln_m: rows.iter().map(|(x, m)| x * m.ln()).sum(),
            sum_ln_m: rows.iter().map(|(_, m)| m.ln()).sum(),
            sum_x_ln_x: rows.iter().map(|(x, _)| x * x.ln()).sum(),
            rows,
        }
    }

    /// Σ over repeat buyers of ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m
    /// + px ln x − (px+q) ln(γ + m x), and its gradient with respect to (p, q, γ).
    fn log_likelihood(&self, params: &GammaGamma) -> (f64, [f64; 3]) {
        let GammaGamma { p, q, gamma } = *params;
        let (mut sum_xu, mut sum_u, mut sum_xv, mut sum_v) = (0.0, 0.0, 0.0, 0.0);
        for &(x, m) in &self.rows {
            let u = (gamma + m * x).ln();
            let v = 1.0 / (gamma + m * x);
            sum_xu += x * u;
            sum_u += u;
            sum_xv += x * v;
            sum_v += v;
        }
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
        let prepared = Prepared::new(data);
        if prepared.rows.len() < super::MIN_REPEAT_BUYERS {
            return Err(FitError::TooFewRepeatBuyers {
                repeat_buyers: prepared.rows.len() as u32,
            });
        }
        if data.iter().any(|c| !c.is_valid()) {
            return Err(FitError::InvalidData);
        }
        let n = prepared.n;
        // Start near the data: mean spend about p·γ/(q − 1).
        let mean = prepared.rows.iter().map(|(_, m)| m).sum::<f64>() / n;
        let start = vec![0.0, 1.0, (mean * 1.7).ln()];
        let found = minimize(
            |logs| {
                if logs.iter().any(|l| l.abs() > super::MAX_LOG_PARAMETER) {
                    return (f64::INFINITY, vec![0.0; 3]);
                }
                let params = GammaGamma::from_logs(logs);
                let (ll, g) = prepared.log_likelihood(&params);
                if !ll.is_finite() {
                    return (f64::INFINITY, vec![0.0; 3]);
                }
                let scale = [params.p, params.q, params.gamma];
                (-ll / n, (0..3).map(|i| -g[i] * scale[i] / n).collect())
            },
            start,
            1000,
        )
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
        Prepared::new(data).log_likelihood(self).0
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
        let prepared = Prepared::new(&data);
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
