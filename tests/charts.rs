//! Charts: the SVG is valid XML with what it should show; the PNG decodes and is not
//! blank; text from users stays text.

use chrono::NaiveDate;
use stammkunde::Lang;
use stammkunde::charts::{
    self, ChartFormat, HEIGHT, MAX_BUBBLES, MatrixPoint, WIDTH, pareto_points,
};
use stammkunde::value::segments::{AbcThresholds, MatrixBounds, Quadrant};

fn points(n: usize) -> Vec<MatrixPoint> {
    // A deterministic spread over four orders of magnitude.
    (0..n)
        .map(|i| {
            let k = (i * 7919 % 10_007) as i64;
            MatrixPoint {
                revenue_cents: k * k / 10,
                potential_cents: (10_007 - k) * 350,
                value_cents: k * 977,
            }
        })
        .collect()
}

fn svg_of(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_owned())
        .collect()
}

#[test]
fn the_portfolio_of_100000_customers_draws_a_sample_with_the_four_fields() {
    let bounds = MatrixBounds {
        revenue: 500_000,
        potential: 1_750_000,
    };
    let counts = [
        (Quadrant::Top, 25_000),
        (Quadrant::Development, 24_000),
        (Quadrant::Premium, 26_000),
        (Quadrant::Small, 25_000),
    ];
    let svg = svg_of(
        &charts::portfolio(
            &points(100_000),
            bounds,
            &counts,
            Lang::De,
            ChartFormat::Svg,
        )
        .unwrap(),
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let circles = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(circles, MAX_BUBBLES);
    let labels = texts(&doc);
    for label in [
        "Topkunden (25000)",
        "Entwicklungskunden (24000)",
        "Premiumkunden (26000)",
        "Kleinkunden (25000)",
    ] {
        assert!(
            labels.iter().any(|t| t == label),
            "{label} missing in {labels:?}"
        );
    }
    assert!(
        labels.iter().any(|t| t.contains('€')),
        "money on the axes: {labels:?}"
    );

    // A small shop draws every customer.
    let svg = svg_of(
        &charts::portfolio(&points(40), bounds, &counts, Lang::En, ChartFormat::Svg).unwrap(),
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count(),
        40
    );
    assert!(texts(&doc).iter().any(|t| t == "Top customers (25000)"));
}

#[test]
fn the_pareto_curve_shows_the_classes_and_is_thinned() {
    let revenues: Vec<i64> = (0..100_000).map(|i| 1_000_000 / (i + 1)).collect();
    let curve = pareto_points(&revenues, 500);
    assert!(curve.len() <= 502, "{}", curve.len());
    assert_eq!(curve.first(), Some(&(0.0, 0.0)));
    let last = curve.last().unwrap();
    assert!((last.0 - 100.0).abs() < 1e-9 && (last.1 - 100.0).abs() < 1e-9);
    assert!(
        curve.windows(2).all(|w| w[1].1 >= w[0].1),
        "cumulative share never falls"
    );
    let svg = svg_of(
        &charts::pareto(
            &revenues,
            AbcThresholds::default(),
            [20_000, 30_000, 50_000],
            Lang::De,
            ChartFormat::Svg,
        )
        .unwrap(),
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels = texts(&doc);
    for label in ["A (20 %)", "B (30 %)", "C (50 %)", "ABC-Analyse"] {
        assert!(
            labels.iter().any(|t| t == label),
            "{label} missing in {labels:?}"
        );
    }
    let curve_points = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| {
            n.attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .count()
        })
        .max()
        .unwrap();
    assert_eq!(curve_points, curve.len());
}

#[test]
fn a_name_with_markup_stays_text_in_the_svg() {
    let name = r#"<b onclick="x()">Müller</b> & "Söhne" <script>alert(1)</script>"#;
    let months: Vec<(NaiveDate, i64)> = (1..=12)
        .map(|m| {
            (
                NaiveDate::from_ymd_opt(2026, m, 1).unwrap(),
                i64::from(m) * 1234,
            )
        })
        .collect();
    let svg = svg_of(&charts::revenue_trend(name, &months, Lang::De, ChartFormat::Svg).unwrap());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(
        texts(&doc).iter().any(|t| t == name),
        "the title is the name, as text"
    );
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("b"))
    );
    let bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") != Some("#FFFFFF"))
        .count();
    assert!(bars >= 12, "{bars} bars");
}

#[test]
fn charts_as_png_decode_to_a_picture_that_is_not_blank() {
    let bounds = MatrixBounds {
        revenue: 500_000,
        potential: 1_750_000,
    };
    let png = charts::portfolio(&points(2_000), bounds, &[], Lang::De, ChartFormat::Png).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    let colours: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    assert!(colours.len() > 50, "{} colours", colours.len());
    let white = pixels.chunks(3).filter(|p| *p == [255, 255, 255]).count();
    let share = white as f64 / f64::from(WIDTH * HEIGHT);
    assert!(share > 0.3 && share < 0.98, "white share {share}");
}
