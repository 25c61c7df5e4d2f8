//! The loyalty program's points month by month.

use super::*;

/// Which figure of a month a bar shows.
type MonthValue = fn(&crate::loyalty::report::MonthFigures) -> i64;

/// The loyalty program per month: points issued, redeemed and expired side by side.
pub fn loyalty_by_month(
    report: &crate::loyalty::report::ProgramReport,
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(format, draw_loyalty_by_month(report, lang))
}

fn draw_loyalty_by_month<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &crate::loyalty::report::ProgramReport,
    lang: Lang,
) -> Result<()> {
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
    let label_of = |i: usize| {
        months
            .get(i)
            .map(|m| month_label(&m.month))
            .unwrap_or_default()
    };
    let title = lang.pick(
        "Punkte je Monat: ausgegeben, eingelöst, verfallen",
        "Points per month: issued, redeemed, expired",
    );

    let mut chart = frame(root, title, (44, 80), 0.0..n as f64, 0.0..max)?;
    mesh(&mut chart)
        .x_desc(lang.pick("Monat", "Month"))
        .y_desc(lang.pick("Punkte", "Points"))
        .x_labels(0)
        .disable_x_mesh()
        .y_label_formatter(&|v| grouped(v.round() as i64, lang))
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
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    legend(&mut chart, SeriesLabelPosition::UpperMiddle)?;
    Ok(())
}
