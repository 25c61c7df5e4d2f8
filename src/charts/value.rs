//! The value analysis' charts: the portfolio matrix, the ABC analysis' Pareto curve and a
//! customer's revenue month by month.

use super::*;

/// A customer in the portfolio matrix, amounts in cents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatrixPoint {
    pub revenue_cents: i64,
    pub potential_cents: i64,
    pub value_cents: i64,
}

/// Which points are drawn: the `max` most valuable first, then every k-th of the rest,
/// so that the picture keeps both the big customers and the shape of the crowd.
pub fn sample(points: &[MatrixPoint], max: usize) -> Vec<MatrixPoint> {
    if points.len() <= max {
        return points.to_vec();
    }
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[b]
            .value_cents
            .cmp(&points[a].value_cents)
            .then(a.cmp(&b))
    });
    let top = max / 5;
    let rest = &order[top..];
    let step = rest.len() as f64 / (max - top) as f64;
    order[..top]
        .iter()
        .copied()
        .chain((0..max - top).map(|i| rest[(i as f64 * step) as usize]))
        .map(|i| points[i])
        .collect()
}

/// The amount a tick of the log axes stands for: the axes show euros + 1 so that zero has
/// a place; the ticks (1, 10, 100 …) read as 0 €, 10 €, 100 €.
fn log_tick(v: f64) -> f64 {
    if v <= 1.0 { 0.0 } else { v }
}

pub fn quadrant_name(q: Quadrant, lang: Lang) -> &'static str {
    match q {
        Quadrant::Top => lang.pick("Topkunden", "Top customers"),
        Quadrant::Development => lang.pick("Entwicklungskunden", "Development customers"),
        Quadrant::Premium => lang.pick("Premiumkunden", "Premium customers"),
        Quadrant::Small => lang.pick("Kleinkunden", "Small customers"),
    }
}

fn quadrant_color(q: Quadrant) -> RGBColor {
    match q {
        Quadrant::Top => RGBColor(22, 128, 80),
        Quadrant::Development => RGBColor(37, 99, 235),
        Quadrant::Premium => RGBColor(202, 118, 4),
        Quadrant::Small => RGBColor(120, 120, 120),
    }
}

/// The portfolio matrix as a bubble chart: revenue of the last 12 months (x) against
/// potential (y), both on a log scale (euros + 1, so zero shows), bubble area by lifetime
/// value, the dividing lines, and each field's name with its number of customers.
pub fn portfolio(
    points: &[MatrixPoint],
    bounds: MatrixBounds,
    counts: &[(Quadrant, u32)],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(format, draw_portfolio(points, bounds, counts, lang))
}

fn draw_portfolio<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[MatrixPoint],
    bounds: MatrixBounds,
    counts: &[(Quadrant, u32)],
    lang: Lang,
) -> Result<()> {
    let drawn = sample(points, MAX_BUBBLES);
    let euro = |cents: i64| cents.max(0) as f64 / 100.0 + 1.0;
    let max_x = drawn
        .iter()
        .map(|p| euro(p.revenue_cents))
        .fold(euro(bounds.revenue), f64::max)
        * 1.6;
    let max_y = drawn
        .iter()
        .map(|p| euro(p.potential_cents))
        .fold(euro(bounds.potential), f64::max)
        * 1.6;
    let max_value = drawn
        .iter()
        .map(|p| p.value_cents)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let count = |q: Quadrant| counts.iter().find(|(c, _)| *c == q).map_or(0, |(_, n)| *n);

    let mut chart = frame(
        root,
        lang.pick("Kundenportfolio", "Customer portfolio"),
        (44, 90),
        (1.0..max_x).log_scale(),
        (1.0..max_y).log_scale(),
    )?;
    mesh(&mut chart)
        .x_desc(lang.pick("Umsatz der letzten 12 Monate", "Revenue, last 12 months"))
        .y_desc(lang.pick(
            "Potenzial (nächste 12 Monate)",
            "Potential (next 12 months)",
        ))
        .x_label_formatter(&|v| euros(log_tick(*v), lang))
        .y_label_formatter(&|v| euros(log_tick(*v), lang))
        .draw()
        .map_err(failed)?;
    let (bx, by) = (euro(bounds.revenue), euro(bounds.potential));
    chart
        .draw_series(drawn.iter().map(|p| {
            let q = Quadrant::of(p.revenue_cents, p.potential_cents, bounds);
            let r = 2.0 + 12.0 * (p.value_cents.max(0) as f64 / max_value).sqrt();
            Circle::new(
                (euro(p.revenue_cents), euro(p.potential_cents)),
                r as i32,
                quadrant_color(q).mix(0.45).filled(),
            )
        }))
        .map_err(failed)?;
    let line = BLACK.mix(0.6).stroke_width(2);
    chart
        .draw_series(LineSeries::new([(bx, 1.0), (bx, max_y)], line))
        .map_err(failed)?;
    chart
        .draw_series(LineSeries::new([(1.0, by), (max_x, by)], line))
        .map_err(failed)?;
    // Names in the outer corner of each field.
    let label = |q: Quadrant| format!("{} ({})", quadrant_name(q, lang), count(q));
    let style = ("sans-serif", 16).into_font();
    let corners = [
        (Quadrant::Top, (max_x / 1.5, max_y / 1.15), "right"),
        (Quadrant::Development, (1.3, max_y / 1.15), "left"),
        (Quadrant::Premium, (max_x / 1.5, 1.6), "right"),
        (Quadrant::Small, (1.3, 1.6), "left"),
    ];
    for (q, at, side) in corners {
        let pos = if side == "right" {
            Pos::new(HPos::Right, VPos::Center)
        } else {
            Pos::new(HPos::Left, VPos::Center)
        };
        chart
            .draw_series(std::iter::once(Text::new(
                label(q),
                at,
                style.clone().color(&quadrant_color(q)).pos(pos),
            )))
            .map_err(failed)?;
    }
    Ok(())
}

/// Points of the Pareto curve: (share of customers, share of revenue) in percent, the
/// customers by revenue from the highest, at most `max` points (always the ends).
pub fn pareto_points(revenues: &[i64], max: usize) -> Vec<(f64, f64)> {
    let mut sorted: Vec<i64> = revenues.iter().map(|r| (*r).max(0)).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let total: f64 = sorted.iter().map(|&r| r as f64).sum();
    let n = sorted.len();
    let mut points = vec![(0.0, 0.0)];
    if n == 0 || total <= 0.0 {
        points.push((100.0, 0.0));
        return points;
    }
    let step = (n as f64 / max.max(2) as f64).max(1.0);
    let mut cumulative = 0.0;
    let mut next = step;
    for (i, r) in sorted.iter().enumerate() {
        cumulative += *r as f64;
        if (i + 1) as f64 >= next || i + 1 == n {
            points.push((
                (i + 1) as f64 * 100.0 / n as f64,
                cumulative * 100.0 / total,
            ));
            next += step;
        }
    }
    points
}

/// The ABC analysis as a Pareto curve: the cumulative share of revenue over the share of
/// customers, with the class boundaries and the classes' customer shares.
pub fn pareto(
    revenues: &[i64],
    thresholds: AbcThresholds,
    class_counts: [u32; 3],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(
        format,
        draw_pareto(revenues, thresholds, class_counts, lang)
    )
}

fn draw_pareto<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    revenues: &[i64],
    thresholds: AbcThresholds,
    class_counts: [u32; 3],
    lang: Lang,
) -> Result<()> {
    let points = pareto_points(revenues, MAX_CURVE_POINTS);
    let n: u32 = class_counts.iter().sum();
    let share = |k: u32| {
        if n == 0 {
            0.0
        } else {
            f64::from(k) * 100.0 / f64::from(n)
        }
    };
    let a_end = share(class_counts[0]);
    let b_end = a_end + share(class_counts[1]);

    let mut chart = frame(
        root,
        lang.pick("ABC-Analyse", "ABC analysis"),
        (44, 60),
        0.0..100.0,
        0.0..100.0,
    )?;
    mesh(&mut chart)
        .x_desc(lang.pick("Anteil der Kunden", "Share of customers"))
        .y_desc(lang.pick("Anteil am Umsatz", "Share of revenue"))
        .x_label_formatter(&|v| format!("{v:.0} %"))
        .y_label_formatter(&|v| format!("{v:.0} %"))
        .draw()
        .map_err(failed)?;
    let classes = [
        ("A", 0.0, a_end, RGBColor(22, 128, 80)),
        ("B", a_end, b_end, RGBColor(202, 118, 4)),
        ("C", b_end, 100.0, RGBColor(120, 120, 120)),
    ];
    for (name, from, to, color) in classes {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(from, 0.0), (to, 100.0)],
                color.mix(0.12).filled(),
            )))
            .map_err(failed)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{name} ({:.0} %)", to - from),
                ((from + to) / 2.0, 8.0),
                ("sans-serif", 16)
                    .into_font()
                    .color(&color)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            )))
            .map_err(failed)?;
    }
    for level in [thresholds.a, thresholds.b] {
        chart
            .draw_series(LineSeries::new(
                [(0.0, level), (100.0, level)],
                BLACK.mix(0.4).stroke_width(1),
            ))
            .map_err(failed)?;
    }
    chart
        .draw_series(LineSeries::new(
            points.iter().copied(),
            RGBColor(37, 99, 235).stroke_width(3),
        ))
        .map_err(failed)?;
    Ok(())
}

/// The shop's revenue month by month (bars) beside the same months a year before (a gray
/// line): `months` are (first day, cents, cents a year before).
pub fn shop_revenue(
    months: &[(NaiveDate, i64, i64)],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let title = lang.pick(
        "Umsatz des Ladens pro Monat (grau: ein Jahr davor)",
        "The shop's revenue per month (gray: a year before)",
    );
    let bars: Vec<(NaiveDate, i64)> = months.iter().map(|(m, c, _)| (*m, *c)).collect();
    let before: Vec<i64> = months.iter().map(|(_, _, b)| *b).collect();
    render!(
        format,
        draw_revenue_trend(title, &bars, Some(&before), lang)
    )
}

/// A customer's revenue month by month: `months` are the first days of the months shown,
/// in order, with the revenue in cents. The title names the customer.
pub fn revenue_trend(
    title: &str,
    months: &[(NaiveDate, i64)],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(format, draw_revenue_trend(title, months, None, lang))
}

/// Revenue per month as bars, and, when given, the same months a year before as a line.
fn draw_revenue_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    months: &[(NaiveDate, i64)],
    year_before: Option<&[i64]>,
    lang: Lang,
) -> Result<()> {
    let max = months
        .iter()
        .map(|(_, c)| *c)
        .chain(year_before.into_iter().flatten().copied())
        .max()
        .unwrap_or(0)
        .max(100) as f64
        / 100.0
        * 1.15;
    let n = months.len().max(1);
    let label_of = |i: usize| {
        months
            .get(i)
            .map(|(d, _)| format!("{:02}/{:02}", d.month(), d.year() % 100))
            .unwrap_or_default()
    };
    let mut chart = frame(root, title, (44, 90), 0.0..n as f64, 0.0..max)?;
    mesh(&mut chart)
        .x_desc(lang.pick("Monat", "Month"))
        .y_desc(lang.pick("Umsatz", "Revenue"))
        .x_labels(n.min(12))
        .x_label_formatter(&|v| label_of(*v as usize))
        .y_label_formatter(&|v| euros(*v, lang))
        .draw()
        .map_err(failed)?;
    chart
        .draw_series(months.iter().enumerate().map(|(i, (_, cents))| {
            Rectangle::new(
                [
                    (i as f64 + 0.1, 0.0),
                    (i as f64 + 0.9, *cents as f64 / 100.0),
                ],
                RGBColor(37, 99, 235).filled(),
            )
        }))
        .map_err(failed)?;
    if let Some(before) = year_before {
        chart
            .draw_series(LineSeries::new(
                before
                    .iter()
                    .enumerate()
                    .map(|(i, cents)| (i as f64 + 0.5, *cents as f64 / 100.0)),
                RGBColor(120, 120, 120).stroke_width(3),
            ))
            .map_err(failed)?;
    }
    Ok(())
}
