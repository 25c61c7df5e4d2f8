//! The page writer under every document: A4 pages in PDF (krilla), DejaVu Sans embedded
//! (subset), text measured with the same font (ab_glyph) so that it is cut or wrapped
//! before it runs out of its box. Text from users is only ever drawn as glyphs: nothing
//! in it is read as markup, and control characters become spaces.

use crate::error::{Error, Result};
use ab_glyph::{Font as _, FontRef, ScaleFont as _};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;
use std::borrow::Cow;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Points in a millimetre (PDF measures in points of 1/72 inch).
pub const MM: f32 = 72.0 / 25.4;

/// A4 in points.
pub const A4_WIDTH: f32 = 210.0 * MM;
pub const A4_HEIGHT: f32 = 297.0 * MM;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

impl Orientation {
    /// Width and height of the page in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => (A4_WIDTH, A4_HEIGHT),
            Orientation::Landscape => (A4_HEIGHT, A4_WIDTH),
        }
    }
}

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The two faces, for drawing (krilla) and for measuring (ab_glyph).
pub struct Fonts {
    regular: Font,
    bold: Font,
    measure_regular: FontRef<'static>,
    measure_bold: FontRef<'static>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(DejaVu Sans)")
    }
}

impl Fonts {
    fn load() -> Result<Fonts> {
        let broken = || Error::Internal("the embedded font cannot be read".into());
        Ok(Fonts {
            regular: Font::new(REGULAR.to_vec().into(), 0).ok_or_else(broken)?,
            bold: Font::new(BOLD.to_vec().into(), 0).ok_or_else(broken)?,
            measure_regular: FontRef::try_from_slice(REGULAR).map_err(|_| broken())?,
            measure_bold: FontRef::try_from_slice(BOLD).map_err(|_| broken())?,
        })
    }

    fn face(&self, weight: Weight) -> (&Font, &FontRef<'static>) {
        match weight {
            Weight::Regular => (&self.regular, &self.measure_regular),
            Weight::Bold => (&self.bold, &self.measure_bold),
        }
    }

    /// The width of `text` in points at `size`, kerning included.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        self.widths(text, size, weight)
            .last()
            .copied()
            .unwrap_or(0.0)
    }

    /// The width of `text` up to and with each of its characters, in one pass.
    fn widths(&self, text: &str, size: f32, weight: Weight) -> Vec<f32> {
        let face = self.face(weight).1;
        // ab_glyph scales by the font's height; PDF sizes are em sizes.
        let em = face.units_per_em().unwrap_or(2048.0);
        let scale = ab_glyph::PxScale::from(size * face.height_unscaled() / em);
        let font = face.as_scaled(scale);
        let mut width = 0.0;
        let mut last = None;
        text.chars()
            .map(|c| {
                let glyph = font.glyph_id(c);
                if let Some(prev) = last {
                    width += font.kern(prev, glyph);
                }
                width += font.h_advance(glyph);
                last = Some(glyph);
                width
            })
            .collect()
    }

    /// The glyphs of `text` for krilla, placed with the advances and kerning it was
    /// measured with (no shaping pass: DejaVu Sans needs none for the scripts a shop
    /// writes, and a list of 100,000 rows draws much faster without one).
    fn glyphs(&self, text: &str, weight: Weight) -> Vec<krilla::text::KrillaGlyph> {
        let face = self.face(weight).1;
        let em = face.units_per_em().unwrap_or(2048.0);
        let mut glyphs: Vec<krilla::text::KrillaGlyph> = Vec::with_capacity(text.len());
        let mut last = None;
        for (at, c) in text.char_indices() {
            let glyph = face.glyph_id(c);
            if let (Some(prev), Some(before)) = (last, glyphs.last_mut()) {
                before.x_advance += face.kern_unscaled(prev, glyph) / em;
            }
            glyphs.push(krilla::text::KrillaGlyph::new(
                krilla::text::GlyphId::new(u32::from(glyph.0)),
                face.h_advance_unscaled(glyph) / em,
                0.0,
                0.0,
                0.0,
                at..at + c.len_utf8(),
                None,
            ));
            last = Some(glyph);
        }
        glyphs
    }

    /// `text` on one line no wider than `width`: as it is, or cut with "…".
    pub fn fit<'a>(&self, text: &'a str, width: f32, size: f32, weight: Weight) -> Cow<'a, str> {
        let widths = self.widths(text, size, weight);
        if widths.last().is_none_or(|w| *w <= width) {
            return Cow::Borrowed(text);
        }
        let room = width - self.width("…", size, weight);
        let keep = widths.iter().take_while(|w| **w <= room).count();
        let cut: String = text.chars().take(keep).collect();
        Cow::Owned(format!("{}…", cut.trim_end()))
    }

    /// `text` broken into lines no wider than `width` at spaces (a word longer than a
    /// line is cut into pieces); line breaks in the text are kept.
    pub fn wrap(&self, text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line: in pieces that fit.
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size, weight) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Text from users on one line: control characters (line breaks, tabs) become spaces.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Where on the line a text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A gray between black (0) and white (255).
pub type Gray = u8;

/// One page being drawn: coordinates in points from the top left corner.
pub struct Sheet<'s, 'p> {
    surface: &'s mut Surface<'p>,
    fonts: &'s Fonts,
    pub width: f32,
    pub height: f32,
}

impl std::fmt::Debug for Sheet<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sheet({} × {})", self.width, self.height)
    }
}

impl Sheet<'_, '_> {
    pub fn fonts(&self) -> &Fonts {
        self.fonts
    }

    /// `text` with its baseline at `y`, starting (or ending, or centred) at `x`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight, align: Align) {
        let text = one_line(text);
        if text.trim().is_empty() {
            return;
        }
        let width = self.fonts.width(&text, size, weight);
        let x = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        let font = self.fonts.face(weight).0.clone();
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(0)));
        let glyphs = self.fonts.glyphs(&text, weight);
        self.surface
            .draw_glyphs(Point::from_xy(x, y), &glyphs, font, &text, size, false);
    }

    /// `text` in gray, from `x`, regular weight.
    pub fn text_gray(&mut self, x: f32, y: f32, text: &str, size: f32, gray: Gray) {
        let text = one_line(text);
        if text.trim().is_empty() {
            return;
        }
        let font = self.fonts.regular.clone();
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(gray)));
        let glyphs = self.fonts.glyphs(&text, Weight::Regular);
        self.surface
            .draw_glyphs(Point::from_xy(x, y), &glyphs, font, &text, size, false);
        self.surface.set_fill(Some(fill(0)));
    }

    /// `text` cut with "…" to fit `width`.
    #[allow(clippy::too_many_arguments)]
    pub fn text_in(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        text: &str,
        size: f32,
        weight: Weight,
        align: Align,
    ) {
        let line = one_line(text);
        let fitted = self.fonts.fit(&line, width, size, weight).into_owned();
        let x = match align {
            Align::Left => x,
            Align::Right => x + width,
            Align::Center => x + width / 2.0,
        };
        self.text(x, y, &fitted, size, weight, align);
    }

    /// An SVG (a chart) `width` points wide with its top left corner at `x`, `y`, drawn as
    /// vectors with its text as text; returns its height.
    pub fn svg(&mut self, x: f32, y: f32, width: f32, svg: &[u8]) -> Result<f32> {
        let tree = parse_svg(svg)?;
        let (w, h) = (tree.size().width(), tree.size().height());
        let height = width * h / w;
        let size = krilla::geom::Size::from_wh(width, height)
            .ok_or_else(|| Error::Internal("chart size".into()))?;
        self.surface
            .push_transform(&krilla::geom::Transform::from_translate(x, y));
        krilla_svg::SurfaceExt::draw_svg(
            self.surface,
            &tree,
            size,
            krilla_svg::SvgSettings::default(),
        );
        self.surface.pop();
        Ok(height)
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, gray: Gray) {
        let mut path = PathBuilder::new();
        path.move_to(from.0, from.1);
        path.line_to(to.0, to.1);
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(stroke(width, gray)));
            self.surface.draw_path(&path);
        }
    }

    /// A rectangle's outline (`line` > 0) or its area filled (`line` = 0).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, gray: Gray) {
        let mut path = PathBuilder::new();
        path.move_to(x, y);
        path.line_to(x + w, y);
        path.line_to(x + w, y + h);
        path.line_to(x, y + h);
        path.close();
        if let Some(path) = path.finish() {
            if line > 0.0 {
                self.surface.set_fill(None);
                self.surface.set_stroke(Some(stroke(line, gray)));
            } else {
                self.surface.set_stroke(None);
                self.surface.set_fill(Some(fill(gray)));
            }
            self.surface.draw_path(&path);
        }
    }
}

/// An SVG as usvg reads it, with DejaVu Sans as every font it names (plotters writes
/// "sans-serif").
pub fn parse_svg(svg: &[u8]) -> Result<usvg::Tree> {
    static FONTS: std::sync::LazyLock<std::sync::Arc<fontdb::Database>> =
        std::sync::LazyLock::new(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(REGULAR.to_vec());
            db.load_font_data(BOLD.to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            db.set_serif_family("DejaVu Sans");
            std::sync::Arc::new(db)
        });
    let options = usvg::Options {
        fontdb: std::sync::Arc::clone(&FONTS),
        font_family: "DejaVu Sans".to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(svg, &options).map_err(|e| Error::Internal(format!("chart SVG: {e}")))
}

/// How high an SVG is when drawn `width` points wide.
pub fn svg_height(svg: &[u8], width: f32) -> Result<f32> {
    let tree = parse_svg(svg)?;
    Ok(width * tree.size().height() / tree.size().width())
}

fn fill(gray: Gray) -> Fill {
    Fill {
        paint: rgb::Color::new(gray, gray, gray).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(width: f32, gray: Gray) -> Stroke {
    Stroke {
        paint: rgb::Color::new(gray, gray, gray).into(),
        width,
        ..Default::default()
    }
}

/// A PDF being written page by page.
pub struct Writer {
    document: Document,
    fonts: Fonts,
    width: f32,
    height: f32,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Writer({} × {})", self.width, self.height)
    }
}

impl Writer {
    /// A new document of A4 pages; `title` and `lang` ("de", "en") go into its metadata.
    pub fn new(orientation: Orientation, title: &str, lang: &str) -> Result<Writer> {
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .language(lang.to_owned())
                .creator("Stammkunde".to_owned()),
        );
        let (width, height) = orientation.size();
        Ok(Writer {
            document,
            fonts: Fonts::load()?,
            width,
            height,
        })
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    pub fn size(&self) -> (f32, f32) {
        (self.width, self.height)
    }

    /// Draws one page.
    pub fn page(&mut self, draw: impl FnOnce(&mut Sheet<'_, '_>) -> Result<()>) -> Result<()> {
        let settings = PageSettings::from_wh(self.width, self.height)
            .ok_or_else(|| Error::Internal("page size".into()))?;
        let mut page = self.document.start_page_with(settings);
        let mut surface = page.surface();
        let mut sheet = Sheet {
            surface: &mut surface,
            fonts: &self.fonts,
            width: self.width,
            height: self.height,
        };
        let drawn = draw(&mut sheet);
        surface.finish();
        page.finish();
        drawn
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.document
            .finish()
            .map_err(|e| Error::Internal(format!("PDF: {e:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_and_wrapped_to_the_width_it_is_given() {
        let fonts = Fonts::load().unwrap();
        let long = "Müller-Lüdenscheidt Großhandel für Feinkost und Spezialitäten";
        let w = fonts.width(long, 10.0, Weight::Regular);
        assert!(w > 200.0, "{w}");
        let cut = fonts.fit(long, 100.0, 10.0, Weight::Regular);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(fonts.width(&cut, 10.0, Weight::Regular) <= 100.0);
        assert_eq!(fonts.fit("Kurz", 100.0, 10.0, Weight::Regular), "Kurz");
        let lines = fonts.wrap(long, 130.0, 10.0, Weight::Regular);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(line, 10.0, Weight::Regular) <= 130.0, "{line}");
        }
        assert_eq!(lines.join(" "), long);
        // A word longer than the line is cut into pieces that fit.
        let pieces = fonts.wrap(
            "Donaudampfschifffahrtsgesellschaft",
            60.0,
            10.0,
            Weight::Regular,
        );
        assert!(pieces.len() >= 3, "{pieces:?}");
        assert_eq!(pieces.concat(), "Donaudampfschifffahrtsgesellschaft");
        for piece in &pieces {
            assert!(fonts.width(piece, 10.0, Weight::Regular) <= 60.0, "{piece}");
        }
        assert!(fonts.width("W", 10.0, Weight::Bold) > fonts.width("i", 10.0, Weight::Bold));
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
