//! Charts drawn in the core with plotters: SVG for the app, PNG for saving. The font is
//! embedded (DejaVu Sans, assets/fonts), so PNGs look the same everywhere and umlauts
//! show; plotters' SVG backend escapes every text, so names with markup stay text.
//! Large shops are sampled for drawing: at most [`MAX_BUBBLES`] bubbles and
//! [`MAX_CURVE_POINTS`] points of a curve.

use crate::value::segments::{AbcThresholds, MatrixBounds, Quadrant};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};
use std::sync::Once;

/// `render!(format, draw(args…))`: the chart's generic drawing function `draw(root, args…)`
/// on the backend `format` asks for; the file's bytes.
macro_rules! render {
    ($format:expr, $draw:ident($($arg:expr),* $(,)?)) => {
        render_with($format, |root| $draw(root, $($arg),*), |root| $draw(root, $($arg),*))
    };
}

/// Which file a chart is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ChartFormat {
    Svg,
    Png,
}

pub const WIDTH: u32 = 900;
pub const HEIGHT: u32 = 560;
pub const MAX_BUBBLES: usize = 1500;
pub const MAX_CURVE_POINTS: usize = 500;

static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static REGISTER: Once = Once::new();

fn register_font() {
    REGISTER.call_once(|| {
        // The bytes are a valid TTF, shipped with the source.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("chart: {e}"))
}

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

/// A whole number with thousands grouped: "12.500" / "12,500".
fn grouped(whole: i64, lang: Lang) -> String {
    crate::money::group_thousands(whole.abs(), lang)
}

/// German or English money for axis labels: "12.500 €" / "€12,500".
fn euros(value: f64, lang: Lang) -> String {
    let whole = value.round() as i64;
    let grouped = grouped(whole, lang);
    let sign = if whole < 0 { "-" } else { "" };
    match lang {
        Lang::De => format!("{sign}{grouped} €"),
        Lang::En => format!("{sign}€{grouped}"),
    }
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
    macro_rules! draw {
        ($root:expr) => {{
            let root = $root;
            root.fill(&WHITE).map_err(failed)?;
            let mut chart = ChartBuilder::on(root)
                .caption(
                    lang.pick("Kundenportfolio", "Customer portfolio"),
                    ("sans-serif", 22),
                )
                .margin(16)
                .x_label_area_size(44)
                .y_label_area_size(90)
                .build_cartesian_2d((1.0..max_x).log_scale(), (1.0..max_y).log_scale())
                .map_err(failed)?;
            chart
                .configure_mesh()
                .x_desc(lang.pick("Umsatz der letzten 12 Monate", "Revenue, last 12 months"))
                .y_desc(lang.pick(
                    "Potenzial (nächste 12 Monate)",
                    "Potential (next 12 months)",
                ))
                .x_label_formatter(&|v| euros(log_tick(*v), lang))
                .y_label_formatter(&|v| euros(log_tick(*v), lang))
                .label_style(("sans-serif", 13))
                .light_line_style(WHITE)
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
        }};
    }
    render_with(format, |svg| draw!(svg), |png| draw!(png))
}

/// The frame every chart starts from: white ground, the title, margins and label areas,
/// and the coordinates (`y_labels`: the width the y axis' labels need).
fn frame<'a, DB, X, Y>(
    root: &'a DrawingArea<DB, Shift>,
    title: &str,
    y_labels: u32,
    x: X,
    y: Y,
) -> Result<ChartContext<'a, DB, Cartesian2d<X::CoordDescType, Y::CoordDescType>>>
where
    DB: DrawingBackend,
    X: AsRangedCoord,
    Y: AsRangedCoord,
{
    root.fill(&WHITE).map_err(failed)?;
    ChartBuilder::on(root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(y_labels)
        .build_cartesian_2d(x, y)
        .map_err(failed)
}

/// The grid and axis labels every chart uses; the chart adds its descriptions.
fn mesh<'a, 'b, DB, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType: Clone> + ValueFormatter<X::ValueType>,
    Y: Ranged<ValueType: Clone> + ValueFormatter<Y::ValueType>,
{
    let mut style = chart.configure_mesh();
    style.label_style(("sans-serif", 13)).light_line_style(WHITE);
    style
}

/// Draws a chart on the backend `format` asks for, with one drawing function per backend
/// (plotters' backends are different types; [`render!`] hands it the same generic
/// function for both).
fn render_with(
    format: ChartFormat,
    svg: impl Fn(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
    png: impl Fn(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
) -> Result<Vec<u8>> {
    register_font();
    match format {
        ChartFormat::Svg => {
            let mut text = String::new();
            {
                let root = SVGBackend::with_string(&mut text, (WIDTH, HEIGHT)).into_drawing_area();
                svg(&root)?;
                root.present().map_err(failed)?;
            }
            Ok(text.into_bytes())
        }
        ChartFormat::Png => {
            let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
            {
                let root =
                    BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
                png(&root)?;
                root.present().map_err(failed)?;
            }
            let mut out = Vec::new();
            {
                let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
                encoder.set_color(png::ColorType::Rgb);
                encoder.set_depth(png::BitDepth::Eight);
                let mut writer = encoder.write_header().map_err(failed)?;
                writer.write_image_data(&pixels).map_err(failed)?;
            }
            Ok(out)
        }
    }
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
    macro_rules! draw {
        ($root:expr) => {{
            let root = $root;
            root.fill(&WHITE).map_err(failed)?;
            let mut chart = ChartBuilder::on(root)
                .caption(lang.pick("ABC-Analyse", "ABC analysis"), ("sans-serif", 22))
                .margin(16)
                .x_label_area_size(44)
                .y_label_area_size(60)
                .build_cartesian_2d(0.0..100.0, 0.0..100.0)
                .map_err(failed)?;
            chart
                .configure_mesh()
                .x_desc(lang.pick("Anteil der Kunden", "Share of customers"))
                .y_desc(lang.pick("Anteil am Umsatz", "Share of revenue"))
                .x_label_formatter(&|v| format!("{v:.0} %"))
                .y_label_formatter(&|v| format!("{v:.0} %"))
                .label_style(("sans-serif", 13))
                .light_line_style(WHITE)
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
        }};
    }
    render_with(format, |svg| draw!(svg), |png| draw!(png))
}

/// A customer's revenue month by month: `months` are the first days of the months shown,
/// in order, with the revenue in cents. The title names the customer.
pub fn revenue_trend(
    title: &str,
    months: &[(NaiveDate, i64)],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(format, draw_revenue_trend(title, months, lang))
}

fn draw_revenue_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    months: &[(NaiveDate, i64)],
    lang: Lang,
) -> Result<()> {
    let max = months.iter().map(|(_, c)| *c).max().unwrap_or(0).max(100) as f64 / 100.0 * 1.15;
    let n = months.len().max(1);
    let label_of = |i: usize| {
        months
            .get(i)
            .map(|(d, _)| format!("{:02}/{:02}", d.month(), d.year() % 100))
            .unwrap_or_default()
    };
    let mut chart = frame(root, title, 90, 0.0..n as f64, 0.0..max)?;
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
    Ok(())
}

/// Colours of the reasons in the chart of lost customers, in order.
const REASON_COLORS: [RGBColor; 8] = [
    RGBColor(220, 38, 38),
    RGBColor(234, 88, 12),
    RGBColor(202, 138, 4),
    RGBColor(22, 163, 74),
    RGBColor(37, 99, 235),
    RGBColor(147, 51, 234),
    RGBColor(219, 39, 119),
    RGBColor(100, 116, 139),
];

/// Lost revenue per quarter, stacked by reason, with the number of lost customers above
/// each bar; the legend names the reasons (the owner's own words, drawn as text).
pub fn lost_by_quarter(
    stats: &crate::care::lost::LostStats,
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let bars = &stats.by_quarter;
    let n = bars.len().max(1);
    let max = bars
        .iter()
        .map(|b| b.revenue_cents)
        .max()
        .unwrap_or(0)
        .max(100) as f64
        / 100.0
        * 1.2;
    let no_reason = lang.pick("ohne Grund", "no reason");
    let names: Vec<String> = stats
        .by_reason
        .iter()
        .map(|g| g.label.clone().unwrap_or_else(|| no_reason.to_owned()))
        .collect();
    let color = |i: usize| REASON_COLORS[i % REASON_COLORS.len()];
    let label_of = |i: usize| {
        bars.get(i)
            .map(|b| b.quarter.replace('-', " "))
            .unwrap_or_default()
    };
    let title = lang.pick(
        "Verlorener Umsatz je Quartal nach Grund",
        "Lost revenue per quarter by reason",
    );
    macro_rules! draw {
        ($root:expr) => {{
            let root = $root;
            root.fill(&WHITE).map_err(failed)?;
            let mut chart = ChartBuilder::on(root)
                .caption(title, ("sans-serif", 22))
                .margin(16)
                .x_label_area_size(44)
                .y_label_area_size(90)
                .build_cartesian_2d(0.0..n as f64, 0.0..max)
                .map_err(failed)?;
            chart
                .configure_mesh()
                .x_desc(lang.pick("Quartal", "Quarter"))
                .y_desc(lang.pick(
                    "Umsatz der 12 Monate davor",
                    "Revenue of the 12 months before",
                ))
                // The quarters are written under the middle of their bars, below.
                .x_labels(0)
                .disable_x_mesh()
                .y_label_formatter(&|v| euros(*v, lang))
                .label_style(("sans-serif", 13))
                .light_line_style(WHITE)
                .draw()
                .map_err(failed)?;
            let style = ("sans-serif", 13)
                .into_font()
                .into_text_style(root)
                .pos(Pos::new(HPos::Center, VPos::Top));
            for i in 0..bars.len() {
                let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
                root.draw(&Text::new(label_of(i), (x, y + 6), style.clone()))
                    .map_err(failed)?;
            }
            for (reason, name) in names.iter().enumerate() {
                let series = chart
                    .draw_series(bars.iter().enumerate().filter_map(|(i, bar)| {
                        let below: i64 = bar.revenue_by_reason[..reason].iter().sum();
                        let own = bar.revenue_by_reason[reason];
                        (own > 0).then(|| {
                            Rectangle::new(
                                [
                                    (i as f64 + 0.15, below as f64 / 100.0),
                                    (i as f64 + 0.85, (below + own) as f64 / 100.0),
                                ],
                                color(reason).filled(),
                            )
                        })
                    }))
                    .map_err(failed)?;
                series.label(name.as_str()).legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], color(reason).filled())
                });
            }
            chart
                .draw_series(
                    bars.iter()
                        .enumerate()
                        .filter(|(_, b)| b.customers > 0)
                        .map(|(i, bar)| {
                            Text::new(
                                grouped(i64::from(bar.customers), lang),
                                (
                                    i as f64 + 0.5,
                                    bar.revenue_cents as f64 / 100.0 + max * 0.02,
                                ),
                                ("sans-serif", 14)
                                    .into_font()
                                    .into_text_style(root)
                                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
                            )
                        }),
                )
                .map_err(failed)?;
            if !names.is_empty() {
                chart
                    .configure_series_labels()
                    .position(SeriesLabelPosition::UpperLeft)
                    .background_style(WHITE.mix(0.85))
                    .border_style(BLACK.mix(0.3))
                    .label_font(("sans-serif", 13))
                    .draw()
                    .map_err(failed)?;
            }
            Ok(())
        }};
    }
    render_with(format, |svg| draw!(svg), |png| draw!(png))
}

/// Which figure of a month a bar shows.
type MonthValue = fn(&crate::loyalty::report::MonthFigures) -> i64;

/// The loyalty program per month: points issued, redeemed and expired side by side.
pub fn loyalty_by_month(
    report: &crate::loyalty::report::ProgramReport,
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let months = &report.months;
    let n = months.len().max(1);
    let max = months
        .iter()
        .map(|m| m.issued.max(m.redeemed).max(m.expired))
        .max()
        .unwrap_or(0)
        .max(10) as f64
        // Head room for the legend above the bars.
        * 1.35;
    let series: [(&str, RGBColor, MonthValue); 3] = [
        (
            lang.pick("ausgegeben", "issued"),
            RGBColor(0x2e, 0x7d, 0x32),
            |m| m.issued,
        ),
        (
            lang.pick("eingelöst", "redeemed"),
            RGBColor(0x15, 0x65, 0xc0),
            |m| m.redeemed,
        ),
        (
            lang.pick("verfallen", "expired"),
            RGBColor(0xc6, 0x28, 0x28),
            |m| m.expired,
        ),
    ];
    let label_of = |i: usize| -> String {
        months
            .get(i)
            .and_then(|m| {
                let (y, mo) = m.month.split_once('-')?;
                Some(format!("{mo}/{}", y.get(2..)?))
            })
            .unwrap_or_default()
    };
    let title = lang.pick(
        "Punkte je Monat: ausgegeben, eingelöst, verfallen",
        "Points per month: issued, redeemed, expired",
    );
    macro_rules! draw {
        ($root:expr) => {{
            let root = $root;
            root.fill(&WHITE).map_err(failed)?;
            let mut chart = ChartBuilder::on(root)
                .caption(title, ("sans-serif", 22))
                .margin(16)
                .x_label_area_size(44)
                .y_label_area_size(80)
                .build_cartesian_2d(0.0..n as f64, 0.0..max)
                .map_err(failed)?;
            chart
                .configure_mesh()
                .x_desc(lang.pick("Monat", "Month"))
                .y_desc(lang.pick("Punkte", "Points"))
                .x_labels(0)
                .disable_x_mesh()
                .y_label_formatter(&|v| grouped(v.round() as i64, lang))
                .label_style(("sans-serif", 13))
                .light_line_style(WHITE)
                .draw()
                .map_err(failed)?;
            let style = ("sans-serif", 13)
                .into_font()
                .into_text_style(root)
                .pos(Pos::new(HPos::Center, VPos::Top));
            for i in 0..months.len() {
                let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
                root.draw(&Text::new(label_of(i), (x, y + 6), style.clone()))
                    .map_err(failed)?;
            }
            for (s, (name, color, value)) in series.iter().enumerate() {
                let color = *color;
                let left = 0.1 + s as f64 * 0.27;
                chart
                    .draw_series(months.iter().enumerate().filter_map(|(i, m)| {
                        let v = value(m);
                        (v > 0).then(|| {
                            Rectangle::new(
                                [(i as f64 + left, 0.0), (i as f64 + left + 0.25, v as f64)],
                                color.filled(),
                            )
                        })
                    }))
                    .map_err(failed)?
                    .label(*name)
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled())
                    });
            }
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperMiddle)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .label_font(("sans-serif", 13))
                .draw()
                .map_err(failed)?;
            Ok(())
        }};
    }
    render_with(format, |svg| draw!(svg), |png| draw!(png))
}

/// A survey's NPS (−100 to 100) and CSAT (0 to 100 %) per month, as two lines with dots,
/// the number of responses under each month.
pub fn survey_trend(
    months: &[crate::surveys::answers::MonthResult],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let n = months.len().max(1);
    let label_of = |i: usize| -> String {
        months
            .get(i)
            .and_then(|m| {
                let (y, mo) = m.month.split_once('-')?;
                Some(format!("{mo}/{}", y.get(2..)?))
            })
            .unwrap_or_default()
    };
    let title = lang.pick(
        "NPS und Zufriedenheit (CSAT) je Monat",
        "NPS and satisfaction (CSAT) per month",
    );
    type Pick = fn(&crate::surveys::answers::MonthResult) -> Option<f64>;
    let series: [(&str, RGBColor, Pick); 2] = [
        ("NPS", RGBColor(0x15, 0x65, 0xc0), |m| m.nps),
        ("CSAT %", RGBColor(0x2e, 0x7d, 0x32), |m| m.csat),
    ];
    macro_rules! draw {
        ($root:expr) => {{
            let root = $root;
            root.fill(&WHITE).map_err(failed)?;
            let mut chart = ChartBuilder::on(root)
                .caption(title, ("sans-serif", 22))
                .margin(16)
                .x_label_area_size(56)
                .y_label_area_size(60)
                .build_cartesian_2d(0.0..n as f64, -100.0..130.0)
                .map_err(failed)?;
            chart
                .configure_mesh()
                .y_desc(lang.pick("Wert", "Value"))
                .x_labels(0)
                .disable_x_mesh()
                .y_labels(12)
                // The room above 100 is for the legend.
                .y_label_formatter(&|v| {
                    if *v > 100.0 {
                        String::new()
                    } else {
                        format!("{v:.0}")
                    }
                })
                .label_style(("sans-serif", 13))
                .light_line_style(WHITE)
                .draw()
                .map_err(failed)?;
            chart
                .draw_series(LineSeries::new(
                    [(0.0, 0.0), (n as f64, 0.0)],
                    BLACK.mix(0.4).stroke_width(1),
                ))
                .map_err(failed)?;
            let style = ("sans-serif", 13)
                .into_font()
                .into_text_style(root)
                .pos(Pos::new(HPos::Center, VPos::Top));
            for (i, m) in months.iter().enumerate() {
                let (x, y) = chart.backend_coord(&(i as f64 + 0.5, -100.0));
                root.draw(&Text::new(label_of(i), (x, y + 6), style.clone()))
                    .map_err(failed)?;
                root.draw(&Text::new(
                    format!("n={}", m.responses),
                    (x, y + 24),
                    style.clone(),
                ))
                .map_err(failed)?;
            }
            for (name, color, pick) in series.iter() {
                let color = *color;
                let points: Vec<(f64, f64)> = months
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| pick(m).map(|v| (i as f64 + 0.5, v)))
                    .collect();
                chart
                    .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))
                    .map_err(failed)?
                    .label(*name)
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 2), (x + 16, y + 2)], color.filled())
                    });
                chart
                    .draw_series(
                        points
                            .iter()
                            .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
                    )
                    .map_err(failed)?;
            }
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperMiddle)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .label_font(("sans-serif", 13))
                .draw()
                .map_err(failed)?;
            Ok(())
        }};
    }
    render_with(format, |svg| draw!(svg), |png| draw!(png))
}
