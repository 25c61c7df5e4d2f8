//! Maximum-likelihood fits: L-BFGS (argmin, with the Moré–Thuente line search) over
//! log-parameters, so every parameter stays positive without constraints. The objective
//! gives its value and gradient together; the solver asks for them separately at the same
//! point, so the last evaluation is kept.

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

/// Minimises `f` (value and gradient) from `start`. The objective should be scaled to
/// about one (a mean over customers, not a sum) for the tolerances to mean the same for
/// any number of customers.
pub(crate) fn minimize<F>(f: F, start: Vec<f64>, max_iterations: u64) -> Result<Minimum, String>
where
    F: Fn(&[f64]) -> (f64, Vec<f64>),
{
    let objective = Objective {
        f: &f,
        last: RefCell::new(None),
    };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7)
        .with_tolerance_grad(1e-10)
        .and_then(|s| s.with_tolerance_cost(1e-15))
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

#[cfg(test)]
mod tests {
    use super::*;

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
