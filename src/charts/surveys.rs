//! The survey results' NPS and CSAT month by month.

use super::*;

/// A survey's NPS (−100 to 100) and CSAT (0 to 100 %) per month, as two lines with dots,
/// the number of responses under each month.
pub fn survey_trend(
    months: &[crate::surveys::answers::MonthResult],
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(format, draw_survey_trend(months, lang))
}

fn draw_survey_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    months: &[crate::surveys::answers::MonthResult],
    lang: Lang,
) -> Result<()> {
    let n = months.len().max(1);
    let label_of = |i: usize| {
        months
            .get(i)
            .map(|m| month_label(&m.month))
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

    let mut chart = frame(root, title, (56, 60), 0.0..n as f64, -100.0..130.0)?;
    mesh(&mut chart)
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
            .legend(move |(x, y)| Rectangle::new([(x, y - 2), (x + 16, y + 2)], color.filled()));
        chart
            .draw_series(
                points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
            )
            .map_err(failed)?;
    }
    legend(&mut chart, SeriesLabelPosition::UpperMiddle)?;
    Ok(())
}
