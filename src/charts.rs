//! Charts drawn in the core with plotters: SVG for the app, PNG for saving. The font is
//! embedded (DejaVu Sans, assets/fonts), so PNGs look the same everywhere and umlauts
//! show; plotters' SVG backend escapes every text, so names with markup stay text.
//! Large shops are sampled for drawing: at most [`MAX_BUBBLES`] bubbles and
//! [`MAX_CURVE_POINTS`] points of a curve.

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::value::segments::{AbcThresholds, MatrixBounds, Quadrant};
use chrono::{Datelike, NaiveDate};
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
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

/// A chart in its frame, with coordinates `X` and `Y`.
type Framed<'a, DB, X, Y> = ChartContext<
    'a,
    DB,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

/// The frame every chart starts from: white ground, the title, margins and label areas,
/// and the coordinates (`labels`: the room the x and the y axis' labels need).
fn frame<'a, DB, X, Y>(
    root: &'a DrawingArea<DB, Shift>,
    title: &str,
    labels: (u32, u32),
    x: X,
    y: Y,
) -> Result<Framed<'a, DB, X, Y>>
where
    DB: DrawingBackend,
    X: AsRangedCoord,
    Y: AsRangedCoord,
{
    root.fill(&WHITE).map_err(failed)?;
    ChartBuilder::on(root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(labels.0)
        .y_label_area_size(labels.1)
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
    style
        .label_style(("sans-serif", 13))
        .light_line_style(WHITE);
    style
}

/// The legend every chart with series uses, at `position`.
fn legend<'a, DB, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    position: SeriesLabelPosition,
) -> Result<()>
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 13))
        .draw()
        .map_err(failed)
}

/// A month's label under a bar: "2026-11" as "11/26".
fn month_label(month: &str) -> String {
    month
        .split_once('-')
        .and_then(|(y, m)| Some(format!("{m}/{}", y.get(2..)?)))
        .unwrap_or_default()
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

// After the helpers and `render!` above, which the charts use.
mod value;
pub use value::*;
mod care;
pub use care::*;
mod loyalty;
pub use loyalty::*;
mod surveys;
pub use surveys::*;
