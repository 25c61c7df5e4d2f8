//! Lists on paper: the page frame every document shares (shop, title, what was filtered,
//! the date, "Seite n von m") and a table drawn row by row from an iterator, so a list of
//! 100,000 customers is never held in memory. Every row has the same height, so the
//! number of pages is known from the number of rows before the first page is drawn.

use super::pdf::{Align, MM, Orientation, Sheet, Weight, Writer};
use crate::error::Result;
use crate::i18n::Lang;
use chrono::NaiveDate;

/// What stands above and below every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub shop: String,
    pub title: String,
    /// What was filtered, searched and sorted ("Ort: Köln · sortiert nach Name"); empty:
    /// the whole list.
    pub filter: String,
    pub date: NaiveDate,
    pub lang: Lang,
}

/// Margins of every page.
pub const MARGIN: f32 = 15.0 * MM;
const HEAD: f32 = 17.0 * MM;
const FOOT: f32 = 10.0 * MM;

/// The date as the shop writes it.
pub fn date_text(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::De => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// "Seite 2 von 7" / "Page 2 of 7".
pub fn page_of(n: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Seite {n} von {of}"),
        Lang::En => format!("Page {n} of {of}"),
    }
}

impl Heading {
    /// Draws the frame of page `n` of `of`; returns the top of the room left for content.
    pub fn draw(&self, sheet: &mut Sheet<'_, '_>, n: usize, of: usize) -> f32 {
        let right = sheet.width - MARGIN;
        let width = right - MARGIN;
        let y = MARGIN + 3.0 * MM;
        sheet.text_in(
            MARGIN,
            y,
            width * 0.7,
            &self.shop,
            8.0,
            Weight::Regular,
            Align::Left,
        );
        sheet.text(
            right,
            y,
            &date_text(self.date, self.lang),
            8.0,
            Weight::Regular,
            Align::Right,
        );
        sheet.text_in(
            MARGIN,
            y + 6.5 * MM,
            width,
            &self.title,
            13.0,
            Weight::Bold,
            Align::Left,
        );
        if !self.filter.is_empty() {
            sheet.text_in(
                MARGIN,
                y + 11.0 * MM,
                width,
                &self.filter,
                8.0,
                Weight::Regular,
                Align::Left,
            );
        }
        let rule = MARGIN + HEAD - 1.5 * MM;
        sheet.line((MARGIN, rule), (right, rule), 0.6, 0);
        let foot = sheet.height - MARGIN + 2.0 * MM;
        sheet.line(
            (MARGIN, foot - 4.0 * MM),
            (right, foot - 4.0 * MM),
            0.3,
            120,
        );
        sheet.text_in(
            MARGIN,
            foot,
            width * 0.7,
            &self.title,
            7.5,
            Weight::Regular,
            Align::Left,
        );
        sheet.text(
            right,
            foot,
            &page_of(n, of, self.lang),
            7.5,
            Weight::Regular,
            Align::Right,
        );
        MARGIN + HEAD + 1.0 * MM
    }

    /// The bottom of the room for content.
    pub fn content_bottom(height: f32) -> f32 {
        height - MARGIN - FOOT
    }
}

/// How a column's cells are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The row's text, cut with "…" (one line per line of the row).
    Text(Align),
    /// An empty box to tick.
    Tick,
    /// Ruled lines to write on.
    Notes,
}

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// Millimetres, for what has a known length (numbers, dates, boxes).
    Mm(f32),
    /// A share of what the fixed columns leave (the shares are added up).
    Share(f32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: Width,
    pub cell: Cell,
}

impl Column {
    pub fn text(title: impl Into<String>, width: Width) -> Column {
        Column {
            title: title.into(),
            width,
            cell: Cell::Text(Align::Left),
        }
    }

    pub fn right(title: impl Into<String>, width: Width) -> Column {
        Column {
            title: title.into(),
            width,
            cell: Cell::Text(Align::Right),
        }
    }
}

/// Where each column starts and how wide it is, on a line of `room` points from `left`.
pub fn place(columns: &[Column], left: f32, room: f32) -> Vec<(f32, f32)> {
    let fixed: f32 = columns
        .iter()
        .map(|c| match c.width {
            Width::Mm(mm) => mm * MM,
            Width::Share(_) => 0.0,
        })
        .sum();
    let shares: f32 = columns
        .iter()
        .map(|c| match c.width {
            Width::Share(s) => s,
            Width::Mm(_) => 0.0,
        })
        .sum::<f32>()
        .max(f32::EPSILON);
    let flexible = (room - fixed).max(0.0);
    let mut x = left;
    columns
        .iter()
        .map(|c| {
            let w = match c.width {
                Width::Mm(mm) => mm * MM,
                Width::Share(s) => flexible * s / shares,
            };
            let placed = (x, w);
            x += w;
            placed
        })
        .collect()
}

/// A table's look: how many lines of text a row has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowShape {
    pub lines: usize,
    pub size: f32,
}

impl RowShape {
    pub const ONE_LINE: RowShape = RowShape {
        lines: 1,
        size: 8.5,
    };

    fn line_height(self) -> f32 {
        self.size * 1.45
    }

    fn height(self) -> f32 {
        self.line_height() * self.lines as f32 + 3.0
    }
}

/// How many rows fit on a page of this size.
pub fn rows_per_page(orientation: Orientation, shape: RowShape) -> usize {
    let (_, height) = orientation.size();
    let room = Heading::content_bottom(height) - (MARGIN + HEAD + 1.0 * MM) - header_height();
    ((room / shape.height()).floor() as usize).max(1)
}

fn header_height() -> f32 {
    6.0 * MM
}

/// A table over as many pages as its `count` rows need; `rows` gives each row's cells
/// (one text per column; "\n" separates the lines of a row of several lines). No rows:
/// one page that says `empty`.
pub fn write_table(
    heading: &Heading,
    orientation: Orientation,
    columns: &[Column],
    shape: RowShape,
    count: usize,
    rows: impl Iterator<Item = Result<Vec<String>>>,
    empty: &str,
) -> Result<Vec<u8>> {
    let mut writer = Writer::new(orientation, &heading.title, heading.lang.code())?;
    let per_page = rows_per_page(orientation, shape);
    let pages = count.div_ceil(per_page).max(1);
    let (width, _) = writer.size();
    let lefts = place(columns, MARGIN, width - 2.0 * MARGIN);
    let mut rows = rows.peekable();
    if count == 0 || rows.peek().is_none() {
        return notice_only(writer, Some(heading), empty);
    }
    let pad = 1.2 * MM;
    for n in 1..=pages {
        writer.page(|sheet| {
            let top = heading.draw(sheet, n, pages);
            // Column titles.
            let title_y = top + 4.0 * MM;
            for (c, &(x, w)) in columns.iter().zip(&lefts) {
                let align = match c.cell {
                    Cell::Text(align) => align,
                    Cell::Tick => Align::Center,
                    Cell::Notes => Align::Left,
                };
                sheet.text_in(
                    x + pad,
                    title_y,
                    w - 2.0 * pad,
                    &c.title,
                    shape.size,
                    Weight::Bold,
                    align,
                );
            }
            let mut y = top + header_height();
            sheet.line(
                (MARGIN, y - 0.5 * MM),
                (width - MARGIN, y - 0.5 * MM),
                0.5,
                0,
            );
            for _ in 0..per_page {
                let Some(row) = rows.next() else { break };
                let row = row?;
                draw_row(sheet, columns, &lefts, shape, y, &row, pad);
                y += shape.height();
                sheet.line((MARGIN, y), (width - MARGIN, y), 0.25, 170);
            }
            Ok(())
        })?;
    }
    writer.finish()
}

fn draw_row(
    sheet: &mut Sheet<'_, '_>,
    columns: &[Column],
    lefts: &[(f32, f32)],
    shape: RowShape,
    y: f32,
    row: &[String],
    pad: f32,
) {
    let line_height = shape.line_height();
    for ((c, &(x, w)), value) in columns.iter().zip(lefts).zip(row) {
        match c.cell {
            Cell::Text(align) => {
                let room = w - 2.0 * pad;
                let lines = if shape.lines == 1 {
                    vec![value.replace('\n', " ")]
                } else {
                    fill_lines(sheet, value, room, shape)
                };
                for (i, line) in lines.iter().enumerate() {
                    let weight = Weight::Regular;
                    sheet.text_in(
                        x + pad,
                        y + line_height * (i as f32 + 1.0) - 1.0,
                        w - 2.0 * pad,
                        line,
                        shape.size,
                        weight,
                        align,
                    );
                }
            }
            Cell::Tick => {
                let side = 3.5 * MM;
                sheet.rect(x + (w - side) / 2.0, y + 1.5 * MM, side, side, 0.6, 0);
            }
            Cell::Notes => {
                for i in 1..=shape.lines {
                    let ly = y + line_height * i as f32 + 1.0;
                    sheet.line((x + pad, ly), (x + w - pad, ly), 0.3, 150);
                }
            }
        }
    }
}

/// A cell's text on at most `shape.lines` lines: its own lines when it has several (each
/// cut to the width), or else wrapped to the width, what does not fit ending the last line
/// with "…".
fn fill_lines(sheet: &Sheet<'_, '_>, value: &str, room: f32, shape: RowShape) -> Vec<String> {
    let fonts = sheet.fonts();
    if value.contains('\n') {
        // Lines of their own (a name, then its phone): each cut to the width.
        return value
            .split('\n')
            .take(shape.lines)
            .map(str::to_owned)
            .collect();
    }
    let mut lines = fonts.wrap(value, room, shape.size, Weight::Regular);
    if lines.len() > shape.lines {
        let rest = lines[shape.lines - 1..].join(" ");
        lines.truncate(shape.lines - 1);
        // The rest on one line, cut with "…" when it is too long.
        lines.push(
            fonts
                .fit(&rest, room, shape.size, Weight::Regular)
                .into_owned(),
        );
    }
    lines
}

/// A document of one page that only says `text` (an empty list): under `heading`, or
/// alone on the page (a label sheet has no heading).
pub fn notice_only(mut writer: Writer, heading: Option<&Heading>, text: &str) -> Result<Vec<u8>> {
    writer.page(|sheet| {
        let top = heading.map_or(20.0 * MM, |h| h.draw(sheet, 1, 1));
        sheet.text(
            MARGIN,
            top + 10.0 * MM,
            text,
            11.0,
            Weight::Regular,
            Align::Left,
        );
        Ok(())
    })?;
    writer.finish()
}
