//! Reading what shops actually have into one shape: a table of text cells with line
//! numbers. CSV from German Excel (semicolons, Windows-1252 or UTF-8 with a BOM, fields in
//! quotes across line breaks), Excel workbooks (.xlsx) and vCards (3.0 and 4.0) all come
//! out as a [`Table`], so mapping, checking and importing work the same for each.

use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// What kind of file it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Csv,
    Xlsx,
    Vcard,
}

impl FileFormat {
    /// By the file name's ending; anything else is read as CSV (text exports often end in
    /// .txt).
    pub fn from_name(name: &str) -> FileFormat {
        let lower = name.to_lowercase();
        if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
            FileFormat::Xlsx
        } else if lower.ends_with(".vcf") || lower.ends_with(".vcard") {
            FileFormat::Vcard
        } else {
            FileFormat::Csv
        }
    }
}

/// Why a file cannot be read at all (as opposed to single rows with problems).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    NoRows,
    NotText,
    /// A field in quotes is still open at the end: the file was cut off.
    Truncated {
        line: u32,
    },
    LineTooLong {
        line: u32,
    },
    /// A row has more cells than the header names.
    TooManyCells {
        line: u32,
    },
    Workbook(String),
    NoCards,
}

/// One data row with its line number in the file (1 = the first line), as the user sees
/// it in an editor or in Excel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
}

/// A file read as text cells, with what was detected about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub format: FileFormat,
    /// "UTF-8", "UTF-8 mit BOM", "Windows-1252", "UTF-16LE" … (CSV only).
    pub encoding: String,
    /// `;`, `,` or a tab (CSV only).
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// A line longer than this is no table row: most likely the wrong file.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Reads a file's bytes as a table.
pub fn read(bytes: &[u8], format: FileFormat) -> Result<Table, FileProblem> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileProblem::Empty);
    }
    match format {
        FileFormat::Csv => read_csv(bytes),
        FileFormat::Xlsx => read_xlsx(bytes),
        FileFormat::Vcard => read_vcard(bytes),
    }
}

/// Text from bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, otherwise Windows-1252 —
/// what German Excel writes for "CSV (Trennzeichen-getrennt)".
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), FileProblem> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = encoding.decode(bytes);
        if bad {
            return Err(FileProblem::NotText);
        }
        let name = if encoding == encoding_rs::UTF_8 {
            "UTF-8 (BOM)"
        } else if encoding == encoding_rs::UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        let _ = bom;
        return Ok((text.into_owned(), name));
    }
    // NUL bytes: a binary file, or UTF-16 without its BOM.
    if bytes.contains(&0) {
        return Err(FileProblem::NotText);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), "Windows-1252"))
        }
    }
}

/// The delimiter that splits the header line into the most fields, outside quotes.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    // Ties go to the semicolon: German Excel's choice, and commas appear in values.
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(b';', |(d, _)| *d)
}

fn read_csv(bytes: &[u8]) -> Result<Table, FileProblem> {
    let (text, encoding) = decode(bytes)?;
    if let Some(line) = long_line(&text) {
        return Err(FileProblem::LineTooLong { line });
    }
    if let Some(line) = open_quote(&text) {
        return Err(FileProblem::Truncated { line });
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        // The reader counts the lines before the record; people count from the record's
        // first line.
        let record = record.map_err(|e| FileProblem::Truncated {
            line: e.position().map_or(0, |p| p.line() as u32 + 1),
        })?;
        let line = record.position().map_or(0, |p| p.line() as u32 + 1);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &headers {
            None => headers = Some(cells),
            Some(h) => {
                let used = cells
                    .iter()
                    .rposition(|c| !c.is_empty())
                    .map_or(0, |i| i + 1);
                if used > h.len() {
                    return Err(FileProblem::TooManyCells { line });
                }
                rows.push(Row { line, cells });
            }
        }
    }
    let headers = headers.ok_or(FileProblem::Empty)?;
    if rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(Table {
        format: FileFormat::Csv,
        encoding: encoding.to_owned(),
        delimiter: Some(match delimiter {
            b'\t' => "\t".to_owned(),
            d => char::from(d).to_string(),
        }),
        headers,
        rows,
    })
}

fn long_line(text: &str) -> Option<u32> {
    text.split('\n')
        .position(|l| l.len() > MAX_LINE_BYTES)
        .map(|i| i as u32 + 1)
}

/// The line where a quoted field starts that never ends, if any: every quote opens or
/// closes a field, and a doubled quote inside one ("") toggles twice.
fn open_quote(text: &str) -> Option<u32> {
    let mut open = None;
    let mut line = 1u32;
    for c in text.chars() {
        match c {
            '"' => open = if open.is_some() { None } else { Some(line) },
            '\n' => line += 1,
            _ => {}
        }
    }
    open
}

/// An Excel cell as the text a user would type: whole numbers without ".0", dates as
/// 31.12.2024.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string().replace('.', ","),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "ja" } else { "nein" }.to_owned(),
        Data::DateTime(_) | Data::DateTimeIso(_) => cell
            .as_date()
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_else(|| cell.to_string()),
        other => other.to_string(),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, FileProblem> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| FileProblem::Workbook(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| FileProblem::Workbook("no worksheet".into()))?
        .map_err(|e| FileProblem::Workbook(e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let line = first_row + i as u32 + 1;
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &headers {
            None => headers = Some(cells),
            Some(_) => rows.push(Row { line, cells }),
        }
    }
    let headers = headers.ok_or(FileProblem::Empty)?;
    if rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(Table {
        format: FileFormat::Xlsx,
        encoding: String::new(),
        delimiter: None,
        headers,
        rows,
    })
}

/// The columns a vCard becomes, named so the usual mapping recognises them.
pub const VCARD_HEADERS: [&str; 17] = [
    "Anrede",
    "Titel",
    "Vorname",
    "Nachname",
    "Firma",
    "Straße",
    "PLZ",
    "Ort",
    "Land",
    "Telefon",
    "Mobil",
    "Telefon 2",
    "Telefon 3",
    "E-Mail",
    "E-Mail 2",
    "Geburtstag",
    "Bemerkung",
];

/// Fills a cell unless a value is there already (the first of several wins).
fn set_cell(cells: &mut [String], column: usize, text: String) {
    if cells[column].is_empty() {
        cells[column] = text;
    }
}

/// vCard text values: `\,` `\;` `\\` and `\n` escapes.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a structured value (N, ADR) at unescaped semicolons.
fn components(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if let Some(p) = parts.last_mut() {
                p.push('\\');
                p.push(c);
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ';' {
            parts.push(String::new());
        } else if let Some(p) = parts.last_mut() {
            p.push(c);
        }
    }
    parts
        .iter()
        .map(|p| unescape(p).trim().to_owned())
        .collect()
}

/// A vCard birthday as the birthday field takes it: `1961-03-14`, `19610314`, `--0314`,
/// `--03-14`.
fn vcard_date(value: &str) -> String {
    let v = value.trim();
    let v = v.split('T').next().unwrap_or(v);
    if let Some(rest) = v.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            return format!("{}.{}.", &digits[2..4], &digits[0..2]);
        }
        return v.to_owned();
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 8 {
        format!("{}.{}.{}", &digits[6..8], &digits[4..6], &digits[0..4])
    } else {
        v.to_owned()
    }
}

fn read_vcard(bytes: &[u8]) -> Result<Table, FileProblem> {
    let (text, _) = decode(bytes)?;
    // Unfold: a line that starts with a space or tab continues the one before.
    let mut lines: Vec<(u32, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t'])
            && let Some((_, last)) = lines.last_mut()
        {
            last.push_str(rest);
        } else {
            lines.push((i as u32 + 1, raw.to_owned()));
        }
    }
    let col = |name: &str| VCARD_HEADERS.iter().position(|h| *h == name).unwrap_or(0);
    let mut rows = Vec::new();
    let mut current: Option<Row> = None;
    let mut formatted = String::new();
    for (line, content) in lines {
        let Some((name_part, value)) = content.split_once(':') else {
            continue;
        };
        let mut params = name_part.split(';');
        let name = params.next().unwrap_or("").to_uppercase();
        // Grouped properties ("item1.TEL") count as the property.
        let name = name.rsplit('.').next().unwrap_or("").to_owned();
        let types = params.map(str::to_lowercase).collect::<Vec<_>>().join(";");
        match name.as_str() {
            "BEGIN" if value.trim().eq_ignore_ascii_case("VCARD") => {
                current = Some(Row {
                    line,
                    cells: vec![String::new(); VCARD_HEADERS.len()],
                });
            }
            "END" if value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some(mut row) = current.take() {
                    // Only a formatted name: it goes where the last name would.
                    let named = ["Vorname", "Nachname", "Firma"]
                        .iter()
                        .any(|h| !row.cells[col(h)].is_empty());
                    if !named {
                        row.cells[col("Nachname")] = std::mem::take(&mut formatted);
                    }
                    rows.push(row);
                }
                formatted.clear();
            }
            _ => {}
        }
        let Some(row) = current.as_mut() else {
            continue;
        };
        match name.as_str() {
            "N" => {
                let n = components(value);
                let part = |i: usize| n.get(i).cloned().unwrap_or_default();
                set_cell(&mut row.cells, col("Nachname"), part(0));
                set_cell(
                    &mut row.cells,
                    col("Vorname"),
                    [part(1), part(2)].join(" ").trim().to_owned(),
                );
                let prefix = part(3);
                match prefix.to_lowercase().as_str() {
                    "herr" | "mr" | "mr." => set_cell(&mut row.cells, col("Anrede"), "Herr".into()),
                    "frau" | "ms" | "ms." | "mrs" | "mrs." => {
                        set_cell(&mut row.cells, col("Anrede"), "Frau".into())
                    }
                    "" => {}
                    _ => set_cell(&mut row.cells, col("Titel"), prefix),
                }
            }
            "FN" => {} // the N property is used; FN only when N is missing (below)
            "ORG" => set_cell(
                &mut row.cells,
                col("Firma"),
                components(value).join(" ").trim().to_owned(),
            ),
            "ADR" => {
                let a = components(value);
                let part = |i: usize| a.get(i).cloned().unwrap_or_default();
                set_cell(&mut row.cells, col("Straße"), part(2));
                set_cell(&mut row.cells, col("Ort"), part(3));
                set_cell(&mut row.cells, col("PLZ"), part(5));
                set_cell(&mut row.cells, col("Land"), part(6));
            }
            "TEL" => {
                let number = unescape(value.trim().trim_start_matches("tel:"));
                let column = if types.contains("cell") && row.cells[col("Mobil")].is_empty() {
                    col("Mobil")
                } else {
                    ["Telefon", "Telefon 2", "Telefon 3"]
                        .iter()
                        .map(|h| col(h))
                        .find(|c| row.cells[*c].is_empty())
                        .unwrap_or(col("Telefon 3"))
                };
                set_cell(&mut row.cells, column, number);
            }
            "EMAIL" => {
                let address = unescape(value.trim());
                let column = if row.cells[col("E-Mail")].is_empty() {
                    col("E-Mail")
                } else {
                    col("E-Mail 2")
                };
                set_cell(&mut row.cells, column, address);
            }
            "BDAY" => set_cell(&mut row.cells, col("Geburtstag"), vcard_date(value)),
            "NOTE" => set_cell(&mut row.cells, col("Bemerkung"), unescape(value)),
            _ => {}
        }
        if name == "FN" {
            formatted = unescape(value).trim().to_owned();
        }
    }
    if let Some(open) = current {
        return Err(FileProblem::Truncated { line: open.line });
    }
    if rows.is_empty() {
        return Err(FileProblem::NoCards);
    }
    Ok(Table {
        format: FileFormat::Vcard,
        encoding: String::new(),
        delimiter: None,
        headers: VCARD_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows,
    })
}
