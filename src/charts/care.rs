//! Lost customers: lost revenue per quarter, stacked by reason.

use super::*;

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
    render!(format, draw_lost_by_quarter(stats, lang))
}

fn draw_lost_by_quarter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    stats: &crate::care::lost::LostStats,
    lang: Lang,
) -> Result<()> {
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

    let mut chart = frame(root, title, (44, 90), 0.0..n as f64, 0.0..max)?;
    mesh(&mut chart)
        .x_desc(lang.pick("Quartal", "Quarter"))
        .y_desc(lang.pick(
            "Umsatz der 12 Monate davor",
            "Revenue of the 12 months before",
        ))
        // The quarters are written under the middle of their bars, below.
        .x_labels(0)
        .disable_x_mesh()
        .y_label_formatter(&|v| euros(*v, lang))
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
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    }
    Ok(())
}
