//! Maximum-likelihood fits: L-BFGS (argmin, with the Moré–Thuente line search) over
//! log-parameters, so every parameter stays positive without constraints. The objective
//! gives its value and gradient together; the solver asks for them separately at the same
//! point, so the last evaluation is kept.
//!
//! On many customers a fit is staged ([`minimize_staged`]): L-BFGS on a sample of them
//! finds a point close to the optimum and the curvature there, and a few Newton steps on
//! all customers finish it — each step one pass over the data, where L-BFGS from the
//! start needs 30–50. The passes are shared out over the cores ([`chunked_sums`]).

use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use std::cell::RefCell;

/// Where the search ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Minimum {
    pub point: Vec<f64>,
    pub value: f64,
    /// The gradient fell below the tolerance (rather than the search giving up).
    pub converged: bool,
    pub iterations: u64,
}

/// A point with the objective's value and gradient there.
type Evaluation = (Vec<f64>, f64, Vec<f64>);

/// An objective with its last evaluation kept.
struct Objective<F> {
    f: F,
    last: RefCell<Option<Evaluation>>,
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> Objective<F> {
    fn eval(&self, point: &[f64]) -> (f64, Vec<f64>) {
        if let Some((at, value, gradient)) = &*self.last.borrow()
            && at.as_slice() == point
        {
            return (*value, gradient.clone());
        }
        let (value, gradient) = (self.f)(point);
        *self.last.borrow_mut() = Some((point.to_vec(), value, gradient.clone()));
        (value, gradient)
    }
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> CostFunction for Objective<F> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, point: &Vec<f64>) -> Result<f64, argmin::core::Error> {
        Ok(self.eval(point).0)
    }
}

impl<F: Fn(&[f64]) -> (f64, Vec<f64>)> Gradient for Objective<F> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, point: &Vec<f64>) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.eval(point).1)
    }
}

/// How small the gradient (of a mean log-likelihood) must be for a point to count as the
/// optimum when the line search stops there. Where the optimum lies at the edge of the
/// parameter space — a Beta whose a and b grow without end at a fixed ratio, meaning every
/// customer has the same drop-out chance — the likelihood no longer changes along the
/// edge and the search stops there with a gradient of this order.
const GRADIENT_AT_OPTIMUM: f64 = 1e-5;

/// Minimises `f` (value and gradient) from `start`: L-BFGS until the value no longer
/// changes, then Newton's steps with the Hessian there (by differences of the gradient)
/// until the gradient is below [`NEWTON_GRADIENT`]. A sum over a million customers
/// changes in its last digits from point to point, so a line search, which compares
/// values, stalls with a gradient of about 1e-7; Newton's steps go by the gradient alone.
/// Where they cannot help (a singular curvature, an optimum at the edge) L-BFGS's point
/// stands. The objective should be scaled to about one (a mean over customers, not a
/// sum) for the tolerances to mean the same for any number of customers.
pub(crate) fn minimize<F>(f: F, start: Vec<f64>, max_iterations: u64) -> Result<Minimum, String>
where
    F: Fn(&[f64]) -> (f64, Vec<f64>),
{
    let found = lbfgs(&f, start, max_iterations)?;
    Ok(polish(&f, found))
}

/// Newton's steps on `f` from where L-BFGS ended, with the Hessian there; `found` as it
/// is when they cannot help.
fn polish<F: Fn(&[f64]) -> (f64, Vec<f64>)>(f: &F, found: Minimum) -> Minimum {
    if !found.converged {
        return found;
    }
    match hessian(f, &found.point).and_then(|h| newton(f, found.point.clone(), &h, 12)) {
        Some(better) => Minimum {
            iterations: found.iterations + better.iterations,
            ..better
        },
        None => found,
    }
}

/// L-BFGS from `start` until the gradient is tiny or the value no longer changes.
fn lbfgs<F>(f: F, start: Vec<f64>, max_iterations: u64) -> Result<Minimum, String>
where
    F: Fn(&[f64]) -> (f64, Vec<f64>),
{
    let objective = Objective {
        f: &f,
        last: RefCell::new(None),
    };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7)
        .with_tolerance_grad(1e-10)
        .and_then(|s| s.with_tolerance_cost(1e-13))
        .map_err(|e| e.to_string())?;
    let result = Executor::new(objective, solver)
        .configure(|state| state.param(start).max_iters(max_iterations))
        .run()
        .map_err(|e| e.to_string())?;
    let state = result.state();
    let point = state
        .get_best_param()
        .cloned()
        .ok_or_else(|| "no point found".to_owned())?;
    let value = state.get_best_cost();
    if !value.is_finite() || point.iter().any(|p| !p.is_finite()) {
        return Err("the search left the numbers' range".into());
    }
    // The line search may give up right at the optimum, where rounding leaves no
    // direction that still descends: the gradient there says whether it was the optimum.
    let flat = f(&point).1.iter().map(|g| g * g).sum::<f64>().sqrt() < GRADIENT_AT_OPTIMUM;
    let converged = flat
        || matches!(
            state.get_termination_status(),
            TerminationStatus::Terminated(
                TerminationReason::SolverConverged | TerminationReason::TargetCostReached
            )
        );
    Ok(Minimum {
        point,
        value,
        converged,
        iterations: state.get_iter(),
    })
}

/// How many rows a chunk of [`chunked_sums`] holds.
const CHUNK: usize = 16_384;

/// Sums `part` over `0..len`, cut into chunks of a fixed size that are shared out over
/// the processor's cores; the chunks' sums are added in their order, so the result is
/// the same to the last bit however many cores there are.
pub(crate) fn chunked_sums<const N: usize>(
    len: usize,
    part: impl Fn(std::ops::Range<usize>) -> [f64; N] + Sync,
) -> [f64; N] {
    let chunks = len.div_ceil(CHUNK);
    let range = |c: usize| c * CHUNK..((c + 1) * CHUNK).min(len);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(chunks);
    let sums: Vec<[f64; N]> = if threads <= 1 {
        (0..chunks).map(|c| part(range(c))).collect()
    } else {
        let mut sums = vec![[0.0; N]; chunks];
        std::thread::scope(|scope| {
            let part = &part;
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        (t..chunks)
                            .step_by(threads)
                            .map(|c| (c, part(range(c))))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for worker in workers {
                // A worker only panics when `part` does; that panic is passed on.
                for (c, sum) in worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))
                {
                    sums[c] = sum;
                }
            }
        });
        sums
    };
    let mut total = [0.0; N];
    for sum in sums {
        for (t, s) in total.iter_mut().zip(sum) {
            *t += s;
        }
    }
    total
}

/// Fewer rows than this and a fit is not staged: the whole data is cheap enough.
pub(crate) const STAGE_ABOVE: usize = 150_000;

/// How many rows the first stage of a staged fit learns from, about.
pub(crate) const SAMPLE_ROWS: usize = 60_000;

/// Where Newton's steps stop: the gradient of the mean negative log-likelihood (over
/// log-parameters) is this small.
const NEWTON_GRADIENT: f64 = 1e-10;

/// Minimises `full` as [`minimize`] would, in two stages: L-BFGS on `sample` (the same
/// objective on a sample of the data, from `start`), then Newton steps on `full` with
/// the sample's Hessian at its optimum (by differences of its gradient). Newton's steps
/// with a nearly right Hessian shrink the gradient about a hundredfold each; where they
/// do not (a singular curvature, an optimum at the edge), L-BFGS on `full` carries on
/// from the sample's optimum.
pub(crate) fn minimize_staged<F, S>(
    full: F,
    sample: S,
    start: Vec<f64>,
    max_iterations: u64,
) -> Result<Minimum, String>
where
    F: Fn(&[f64]) -> (f64, Vec<f64>),
    S: Fn(&[f64]) -> (f64, Vec<f64>),
{
    let first = lbfgs(&sample, start.clone(), max_iterations)?;
    if !first.converged {
        return minimize(&full, start, max_iterations);
    }
    let polished =
        hessian(&sample, &first.point).and_then(|h| newton(&full, first.point.clone(), &h, 12));
    match polished {
        Some(mut found) => {
            found.iterations += first.iterations;
            Ok(found)
        }
        None => {
            let mut found = minimize(&full, first.point, max_iterations)?;
            found.iterations += first.iterations;
            Ok(found)
        }
    }
}

/// The Hessian of `f` at `at`, by central differences of its gradient, made symmetric.
fn hessian<F: Fn(&[f64]) -> (f64, Vec<f64>)>(f: &F, at: &[f64]) -> Option<Vec<Vec<f64>>> {
    let n = at.len();
    let h = 1e-5;
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let mut up = at.to_vec();
        let mut down = at.to_vec();
        up[i] += h;
        down[i] -= h;
        let (g_up, g_down) = (f(&up).1, f(&down).1);
        rows.push(
            (0..n)
                .map(|j| (g_up[j] - g_down[j]) / (2.0 * h))
                .collect::<Vec<_>>(),
        );
    }
    let symmetric: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| (rows[i][j] + rows[j][i]) / 2.0).collect())
        .collect();
    symmetric
        .iter()
        .flatten()
        .all(|v| v.is_finite())
        .then_some(symmetric)
}

/// The Cholesky factor L (H = L Lᵀ) of a positive definite `h`; `None` otherwise.
fn cholesky(h: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = h.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let sum: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = h[i][i] - sum;
                if d <= 0.0 || !d.is_finite() {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (h[i][j] - sum) / l[j][j];
            }
        }
    }
    Some(l)
}

/// Solves L Lᵀ x = b.
fn solve(l: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (y[i] - (i + 1..n).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|g| g * g).sum::<f64>().sqrt()
}

/// Newton's steps on `f` from `start` with a fixed Hessian `h`, each taken when it makes
/// the gradient smaller (halved up to five times when it does not), until the gradient
/// is below [`NEWTON_GRADIENT`]. `None` when `h` is not positive definite or the
/// steps stop making progress.
fn newton<F: Fn(&[f64]) -> (f64, Vec<f64>)>(
    f: &F,
    start: Vec<f64>,
    h: &[Vec<f64>],
    max_steps: u64,
) -> Option<Minimum> {
    let l = cholesky(h)?;
    let mut point = start;
    let (mut value, mut gradient) = f(&point);
    for step in 0..=max_steps {
        if !value.is_finite() {
            return None;
        }
        if norm(&gradient) < NEWTON_GRADIENT {
            return Some(Minimum {
                point,
                value,
                converged: true,
                iterations: step,
            });
        }
        let direction = solve(&l, &gradient);
        let mut scale = 1.0;
        let taken = loop {
            let next: Vec<f64> = point
                .iter()
                .zip(&direction)
                .map(|(p, d)| p - scale * d)
                .collect();
            let (next_value, next_gradient) = f(&next);
            if next_value.is_finite() && norm(&next_gradient) < norm(&gradient) {
                break Some((next, next_value, next_gradient));
            }
            scale /= 2.0;
            if scale < 1.0 / 32.0 {
                break None;
            }
        };
        (point, value, gradient) = taken?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunks' sums come out the same whatever the chunking across cores: the
    /// order of the additions is fixed.
    #[test]
    fn chunked_sums_add_every_row_once() {
        let len = CHUNK * 5 + 17;
        let sums = chunked_sums(len, |range| {
            let mut s = [0.0, 0.0];
            for i in range {
                s[0] += 1.0;
                s[1] += i as f64;
            }
            s
        });
        assert_eq!(sums[0], len as f64);
        assert_eq!(sums[1], (len * (len - 1) / 2) as f64);
    }

    /// A staged search ends where the whole search ends, on an objective whose sample
    /// is a little off (a quadratic bowl with a shifted centre and other curvature).
    #[test]
    fn a_staged_search_ends_at_the_full_objectives_minimum() {
        let bowl = |centre: [f64; 3], curve: [f64; 3]| {
            move |p: &[f64]| {
                let v = (0..3)
                    .map(|i| curve[i] * (p[i] - centre[i]).powi(2))
                    .sum::<f64>()
                    + 0.01 * (p[0] * p[1]).powi(2);
                let g = (0..3)
                    .map(|i| {
                        2.0 * curve[i] * (p[i] - centre[i])
                            + match i {
                                0 => 0.02 * p[0] * p[1] * p[1],
                                1 => 0.02 * p[1] * p[0] * p[0],
                                _ => 0.0,
                            }
                    })
                    .collect();
                (v, g)
            }
        };
        let full = bowl([1.0, -2.0, 0.5], [1.0, 3.0, 0.2]);
        let sample = bowl([1.05, -1.9, 0.52], [1.1, 2.8, 0.21]);
        let whole = minimize(full, vec![0.0; 3], 500).unwrap();
        let staged = minimize_staged(full, sample, vec![0.0; 3], 500).unwrap();
        assert!(staged.converged, "{staged:?}");
        for i in 0..3 {
            assert!(
                (staged.point[i] - whole.point[i]).abs() < 1e-8,
                "{staged:?} vs {whole:?}"
            );
        }
    }

    /// Rosenbrock's valley: the minimum at (1, 1) is hard to reach along a curved floor.
    #[test]
    fn finds_the_minimum_of_a_curved_valley() {
        let found = minimize(
            |p| {
                let (x, y) = (p[0], p[1]);
                (
                    (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
                    vec![
                        -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
                        200.0 * (y - x * x),
                    ],
                )
            },
            vec![-1.2, 1.0],
            500,
        )
        .unwrap();
        assert!(found.converged, "{found:?}");
        assert!((found.point[0] - 1.0).abs() < 1e-6, "{found:?}");
        assert!((found.point[1] - 1.0).abs() < 1e-6, "{found:?}");
    }
}
