//! Documents that are not one table: sections of facts (label and value), short tables
//! and text, laid out top to bottom and onto as many pages as they need (a section title
//! never stays alone at the foot of a page), each page in the shared frame.

use super::pdf::{Align, MM, Orientation, Sheet, Weight, Writer, svg_height};
use super::table::{Cell, Column, Heading, MARGIN, place};
use crate::error::Result;

/// A piece of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section's title.
    Section(String),
    /// A fact: its label and its value (wrapped to three lines at most).
    Fact(String, String),
    /// A short table: one line per row, each cell cut to its column.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// A paragraph.
    Text(String),
    /// A line in smaller gray type (what a section lacks: "keine", "noch nie" …).
    Note(String),
    /// A chart (plotters' SVG), as wide as the page's text, drawn as vectors.
    Chart(Vec<u8>),
}

const SIZE: f32 = 9.0;
const LINE: f32 = SIZE * 1.4;
const LABEL_MM: f32 = 42.0;

/// One drawn line of the flow.
#[derive(Debug, Clone)]
enum Item {
    Title(String),
    Fact {
        label: String,
        lines: Vec<String>,
    },
    Head(usize),
    Row(usize, Vec<String>),
    Text(String, Weight, u8),
    /// The chart's index in the blocks and its height.
    Chart(usize, f32),
}

impl Item {
    fn height(&self) -> f32 {
        match self {
            Item::Title(_) => 8.5 * MM,
            Item::Fact { lines, .. } => LINE * lines.len().max(1) as f32,
            Item::Head(_) | Item::Row(..) | Item::Text(..) => LINE,
            Item::Chart(_, height) => height + 2.0 * MM,
        }
    }
}

/// Lays `blocks` out on A4 pages under `heading`.
pub fn write_blocks(
    heading: &Heading,
    orientation: Orientation,
    blocks: &[Block],
) -> Result<Vec<u8>> {
    let mut writer = Writer::new(orientation, &heading.title, heading.lang.code())?;
    let (width, height) = writer.size();
    let room = width - 2.0 * MARGIN;
    let value_width = room - LABEL_MM * MM;
    // Every block as lines, measured with the font that draws them.
    let mut tables: Vec<Vec<Column>> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    {
        let fonts = writer.fonts();
        for (b, block) in blocks.iter().enumerate() {
            match block {
                Block::Chart(svg) => items.push(Item::Chart(b, svg_height(svg, room)?)),
                Block::Section(title) => items.push(Item::Title(title.clone())),
                Block::Fact(label, value) => {
                    let mut lines = fonts.wrap(value, value_width, SIZE, Weight::Regular);
                    if lines.len() > 3 {
                        let rest = lines[2..].join(" ");
                        lines.truncate(2);
                        lines.push(
                            fonts
                                .fit(&rest, value_width, SIZE, Weight::Regular)
                                .into_owned(),
                        );
                    }
                    items.push(Item::Fact {
                        label: label.clone(),
                        lines,
                    });
                }
                Block::Table { columns, rows } => {
                    tables.push(columns.clone());
                    let t = tables.len() - 1;
                    items.push(Item::Head(t));
                    items.extend(rows.iter().map(|r| Item::Row(t, r.clone())));
                }
                Block::Text(text) => items.extend(
                    fonts
                        .wrap(text, room, SIZE, Weight::Regular)
                        .into_iter()
                        .map(|l| Item::Text(l, Weight::Regular, 0)),
                ),
                Block::Note(text) => items.push(Item::Text(text.clone(), Weight::Regular, 110)),
            }
        }
    }
    // Onto pages: a title goes to the next page with the line after it.
    let top = MARGIN + 17.0 * MM + 1.0 * MM;
    let bottom = Heading::content_bottom(height);
    let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
    let mut y = top;
    for (i, item) in items.iter().enumerate() {
        let next = items.get(i + 1).map_or(0.0, Item::height);
        let need = item.height()
            + if matches!(item, Item::Title(_)) {
                next
            } else {
                0.0
            };
        let page_started = pages.last().is_some_and(|p| !p.is_empty());
        if y + need > bottom && page_started {
            pages.push(Vec::new());
            y = top;
        }
        y += item.height();
        if let Some(page) = pages.last_mut() {
            page.push(item.clone());
        }
    }
    let count = pages.len();
    let lefts: Vec<Vec<(f32, f32)>> = tables.iter().map(|c| place(c, MARGIN, room)).collect();
    for (n, page) in pages.iter().enumerate() {
        writer.page(|sheet| {
            let mut y = heading.draw(sheet, n + 1, count);
            for item in page {
                if let Item::Chart(b, _) = item
                    && let Some(Block::Chart(svg)) = blocks.get(*b)
                {
                    sheet.svg(MARGIN, y + 1.0 * MM, room, svg)?;
                } else {
                    draw(sheet, item, y, room, &tables, &lefts);
                }
                y += item.height();
            }
            Ok(())
        })?;
    }
    writer.finish()
}

fn draw(
    sheet: &mut Sheet<'_, '_>,
    item: &Item,
    y: f32,
    room: f32,
    tables: &[Vec<Column>],
    lefts: &[Vec<(f32, f32)>],
) {
    let base = y + LINE - 3.0;
    match item {
        Item::Title(title) => {
            let baseline = y + 6.0 * MM;
            sheet.text_in(
                MARGIN,
                baseline,
                room,
                title,
                10.5,
                Weight::Bold,
                Align::Left,
            );
            sheet.line(
                (MARGIN, baseline + 1.6 * MM),
                (MARGIN + room, baseline + 1.6 * MM),
                0.4,
                120,
            );
        }
        Item::Fact { label, lines } => {
            sheet.text_in(
                MARGIN,
                base,
                LABEL_MM * MM - 2.0 * MM,
                label,
                SIZE,
                Weight::Bold,
                Align::Left,
            );
            for (i, line) in lines.iter().enumerate() {
                sheet.text(
                    MARGIN + LABEL_MM * MM,
                    base + LINE * i as f32,
                    line,
                    SIZE,
                    Weight::Regular,
                    Align::Left,
                );
            }
        }
        Item::Head(t) | Item::Row(t, _) => {
            let (Some(columns), Some(places)) = (tables.get(*t), lefts.get(*t)) else {
                return;
            };
            let pad = 1.0 * MM;
            for (i, (c, &(x, w))) in columns.iter().zip(places).enumerate() {
                let align = match c.cell {
                    Cell::Text(align) => align,
                    _ => Align::Left,
                };
                let (text, weight) = match item {
                    Item::Row(_, cells) => {
                        (cells.get(i).map_or("", String::as_str), Weight::Regular)
                    }
                    _ => (c.title.as_str(), Weight::Bold),
                };
                sheet.text_in(x + pad, base, w - 2.0 * pad, text, SIZE, weight, align);
            }
            if matches!(item, Item::Head(_)) {
                sheet.line((MARGIN, y + LINE), (MARGIN + room, y + LINE), 0.3, 0);
            }
        }
        Item::Chart(..) => {}
        Item::Text(text, weight, gray) => {
            if *gray > 0 {
                sheet.text_gray(MARGIN, base, text, SIZE, *gray);
            } else {
                sheet.text(MARGIN, base, text, SIZE, *weight, Align::Left);
            }
        }
    }
}
