//! The Gauss hypergeometric function 2F1(a, b; c; z), as the BG/NBD expectations need it:
//! positive a, b, c and 0 ≤ z < 1, where the power series converges (slowly as z nears 1:
//! the terms shrink like z^n, so 20 years ahead at z ≈ 0.97 take about a thousand terms).

/// 2F1(a, b; c; z) by its power series, summed until a term no longer changes the sum.
/// `None` outside the range where the series is used here (c ≤ 0, |z| ≥ 1) or when it
/// does not settle.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if c <= 0.0 || z.is_nan() || z.abs() >= 1.0 || !a.is_finite() || !b.is_finite() {
        return None;
    }
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 0..200_000u32 {
        let n = f64::from(n);
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if term.abs() <= 1e-16 * sum.abs() {
            return sum.is_finite().then_some(sum);
        }
    }
    None
}

/// [`hyp2f1`] at several z at once, written into `out` (one per z): the series'
/// coefficients do not depend on z, so each step's ratio is worked out once and the sums
/// advance side by side (an inner loop the compiler vectorises). Fastest with the z in
/// ascending order: a sum leaves the loop once it and all before it have settled (a
/// smaller z settles sooner). Every sum takes at least the terms [`hyp2f1`] takes, so
/// each is at least as exact.
pub fn hyp2f1_each(a: f64, b: f64, c: f64, zs: &[f64], out: &mut [Option<f64>]) {
    debug_assert_eq!(zs.len(), out.len());
    let usable = |z: f64| c > 0.0 && a.is_finite() && b.is_finite() && z.abs() < 1.0;
    // Outside the range: summed at z = 0 (harmless), answered `None` below.
    let z: Vec<f64> = zs
        .iter()
        .map(|&z| if usable(z) { z } else { 0.0 })
        .collect();
    let mut terms = vec![1.0; z.len()];
    let mut sums = vec![1.0; z.len()];
    // A NaN counts as settled: it is refused below, not summed for ever.
    let settled = |term: f64, sum: f64| term.abs() <= 1e-16 * sum.abs() || term.is_nan();
    // The sums before `done` have settled.
    let mut done = 0;
    let mut n = 0u32;
    while done < z.len() && n < 200_000 {
        // A few steps between looks at which have settled.
        for _ in 0..4 {
            let k = f64::from(n);
            let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0));
            for ((term, sum), z) in terms[done..]
                .iter_mut()
                .zip(&mut sums[done..])
                .zip(&z[done..])
            {
                *term *= ratio * z;
                *sum += *term;
            }
            n += 1;
        }
        while done < z.len() && settled(terms[done], sums[done]) {
            done += 1;
        }
    }
    for (i, ((out, &z), sum)) in out.iter_mut().zip(zs).zip(sums).enumerate() {
        *out = if i < done {
            (usable(z) && sum.is_finite()).then_some(sum)
        } else {
            // Too near 1 to settle: on its own, as far as it goes.
            hyp2f1(a, b, c, z)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    /// Closed forms: 2F1(1, 1; 2; z) = −ln(1 − z)/z, 2F1(a, b; b; z) = (1 − z)^−a,
    /// 2F1(1/2, 1; 3/2; z²) = artanh(z)/z.
    #[test]
    fn agrees_with_closed_forms() {
        for z in [0.0001, 0.1, 0.5, 0.9, 0.97] {
            assert!(close(
                hyp2f1(1.0, 1.0, 2.0, z).unwrap(),
                -(1.0 - z).ln() / z
            ));
            assert!(close(
                hyp2f1(0.7, 2.3, 2.3, z).unwrap(),
                (1.0 - z).powf(-0.7)
            ));
            let s = z.sqrt();
            assert!(close(hyp2f1(0.5, 1.0, 1.5, z).unwrap(), s.atanh() / s));
        }
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), Some(1.0));
    }

    /// Many z at once give what one at a time gives (to rounding), and refuse the same.
    #[test]
    fn many_at_once_agree_with_one_at_a_time() {
        let zs = [0.0, 0.0001, 0.2, 0.5, 0.9, 0.97, 0.999, -0.3, 1.0, f64::NAN];
        for (a, b, c) in [
            (1.0, 1.0, 2.0),
            (0.243 + 3.0, 4.0, 0.79 + 6.0),
            (25.5, 30.1, 57.0),
        ] {
            let mut many = vec![None; zs.len()];
            hyp2f1_each(a, b, c, &zs, &mut many);
            for (&z, got) in zs.iter().zip(&many) {
                match (hyp2f1(a, b, c, z), got) {
                    (Some(one), Some(got)) => assert!(
                        (one - got).abs() <= 1e-13 * one.abs(),
                        "2F1({a}, {b}; {c}; {z}): {one} one at a time, {got} at once"
                    ),
                    (one, got) => assert_eq!(one, *got, "2F1({a}, {b}; {c}; {z})"),
                }
            }
        }
        let mut refused = [Some(0.0)];
        hyp2f1_each(1.0, 1.0, -0.5, &[0.5], &mut refused);
        assert_eq!(refused, [None]);
    }

    #[test]
    fn refuses_where_the_series_does_not_converge() {
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
        assert_eq!(hyp2f1(1.0, 1.0, -0.5, 0.5), None);
    }
}
