//! Reading what shops actually have into one shape: a table of text cells with line
//! numbers. CSV from German Excel (semicolons, Windows-1252 or UTF-8 with a BOM, fields in
//! quotes across line breaks), Excel workbooks (.xlsx) and vCards (3.0 and 4.0) all come
//! out as a [`Table`], so mapping, checking and importing work the same for each.

use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};
use std::path::Path;

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
    /// The file is larger than [`MAX_FILE_BYTES`].
    FileTooLarge,
    /// More than [`MAX_ROWS`] rows, or more than [`MAX_CELLS`] cells in all, from `line` on.
    TooManyRows {
        line: u32,
    },
    /// The header line names more than [`MAX_COLUMNS`] columns.
    TooManyColumns,
    /// A workbook cell (A1 notation) beyond [`MAX_COLUMNS`] columns or Excel's last row.
    CellOutOfRange {
        cell: String,
    },
    /// A part of a workbook unpacks to more than its limit, or the parts in all do.
    PartTooLarge {
        part: String,
    },
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

// Bounds on what a file may make the reader hold, checked before allocating: a hostile or
// broken file is refused with a message instead of freezing the laptop. A customer list of
// 100,000 rows with 30 columns is 20–40 MB as CSV and stays well inside each of them.

/// The largest file read at all (CSV, vCard or workbook).
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The most data rows (customers, purchases, cards) in one file.
pub const MAX_ROWS: usize = 300_000;
/// The most columns a header line may name.
pub const MAX_COLUMNS: usize = 500;
/// The most cells of all rows together.
pub const MAX_CELLS: usize = 6_000_000;
/// Excel's last row.
const EXCEL_ROWS: u32 = 1_048_576;
/// What a workbook's parts may unpack to: each part, the shared strings and styles, and
/// all parts together.
const MAX_PART_BYTES: u64 = 96 << 20;
const MAX_STYLES_BYTES: u64 = 8 << 20;
const MAX_UNPACKED_BYTES: u64 = 160 << 20;
const MAX_PARTS: usize = 2_000;

/// Reads the file at `path` as a table, its format by the name's ending; a file over
/// [`MAX_FILE_BYTES`] is refused before it is read.
pub fn read_path(path: &Path) -> crate::Result<Table> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(crate::Error::File(FileProblem::FileTooLarge));
    }
    read(&bytes, FileFormat::from_name(&path.to_string_lossy())).map_err(crate::Error::File)
}

/// Reads a file's bytes as a table.
pub fn read(bytes: &[u8], format: FileFormat) -> Result<Table, FileProblem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileProblem::FileTooLarge);
    }
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
    let mut cells = 0usize;
    let mut lines = LineNumbers::new(&text);
    for record in reader.records() {
        let record = record.map_err(|e| FileProblem::Truncated {
            line: e.position().map_or(0, |p| lines.at(p.byte())),
        })?;
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        let used = (0..record.len())
            .rposition(|i| !record[i].trim().is_empty())
            .map_or(0, |i| i + 1);
        if used == 0 {
            continue;
        }
        match &headers {
            None => {
                if used > MAX_COLUMNS {
                    return Err(FileProblem::TooManyColumns);
                }
                // Unnamed columns at the end stay: data may stand below them.
                let named = record.iter().take(MAX_COLUMNS);
                headers = Some(named.map(|c| c.trim().to_owned()).collect());
            }
            Some(h) => {
                if used > h.len() {
                    return Err(FileProblem::TooManyCells { line });
                }
                cells += used;
                if rows.len() == MAX_ROWS || cells > MAX_CELLS {
                    return Err(FileProblem::TooManyRows { line });
                }
                let cells = record
                    .iter()
                    .take(used)
                    .map(|c| c.trim().to_owned())
                    .collect();
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

/// The line (1 = the first) where a record starting at a byte offset begins. The csv
/// reader's own line count is right after "\r\n" but one short after "\n" and after empty
/// lines, and misses a lone "\r", so the lines are counted here.
struct LineNumbers<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineNumbers<'a> {
    fn new(text: &'a str) -> Self {
        LineNumbers {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// Offsets must not decrease from call to call (records come in file order).
    fn at(&mut self, byte: u64) -> u32 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // The reader's record starts on the line break that ended the one before, and
        // before the empty lines it skipped: no record begins with a line break.
        while matches!(self.text.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        // A line ends in "\n", "\r\n" or a lone "\r" (old Mac files; the reader splits
        // records there too).
        for j in self.offset..start.max(self.offset) {
            let breaks = match self.text[j] {
                b'\n' => true,
                b'\r' => self.text.get(j + 1) != Some(&b'\n'),
                _ => false,
            };
            self.line += u32::from(breaks);
        }
        self.offset = start.max(self.offset);
        self.line
    }
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

fn workbook(e: impl std::fmt::Display) -> FileProblem {
    FileProblem::Workbook(e.to_string())
}

/// Unpacks every part of the workbook once, counting, before calamine reads it: a part
/// that unpacks to more than its limit is refused by name. The sizes the zip directory
/// gives may lie, so the bytes are counted.
fn check_parts(bytes: &[u8]) -> Result<(), FileProblem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(workbook)?;
    if zip.len() > MAX_PARTS {
        return Err(FileProblem::PartTooLarge {
            part: String::new(),
        });
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(workbook)?;
        let name = part.name().map_err(workbook)?.into_owned();
        let limit = if name.ends_with("styles.xml") {
            MAX_STYLES_BYTES
        } else {
            MAX_PART_BYTES
        };
        let unpacked = std::io::copy(&mut (&mut part).take(limit + 1), &mut std::io::sink())
            .map_err(workbook)?;
        if unpacked > limit {
            return Err(FileProblem::PartTooLarge { part: name });
        }
        total += unpacked;
        if total > MAX_UNPACKED_BYTES {
            return Err(FileProblem::PartTooLarge {
                part: String::new(),
            });
        }
    }
    Ok(())
}

/// A cell's name as Excel shows it: column letters and the row number (0-based in).
fn a1(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let d = (n - 1) % 26;
        letters.push(char::from(b'A' + d as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The first sheet, read cell by cell (calamine's streaming reader: nothing is allocated
/// for the sheet's declared dimensions), only the cells with a value kept.
fn read_xlsx(bytes: &[u8]) -> Result<Table, FileProblem> {
    use calamine::Reader;
    check_parts(bytes)?;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(workbook)?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| workbook("no worksheet"))?;
    let mut reader = book.worksheet_cells_reader(&sheet).map_err(workbook)?;
    let mut found: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(workbook)? {
        let (row, column) = cell.get_position();
        let text = cell_text(&calamine::Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if column as usize >= MAX_COLUMNS || row >= EXCEL_ROWS {
            return Err(FileProblem::CellOutOfRange {
                cell: a1(row, column),
            });
        }
        if found.len() == MAX_CELLS {
            return Err(FileProblem::TooManyRows { line: row + 1 });
        }
        found.push((row, column, text));
    }
    drop(reader);
    // Cells come in sheet order; sorting only matters for a file written out of order. A
    // cell given twice counts once (the first).
    found.sort_by_key(|&(row, column, _)| (row, column));
    found.dedup_by_key(|&mut (row, column, _)| (row, column));
    let width = found
        .iter()
        .map(|&(_, c, _)| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut headers: Option<Vec<String>> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut cells = found.into_iter().peekable();
    while let Some(&(row, _, _)) = cells.peek() {
        let line = row + 1;
        if rows.len() == MAX_ROWS || (rows.len() + 1) * width > MAX_CELLS {
            return Err(FileProblem::TooManyRows { line });
        }
        let mut texts = vec![String::new(); width];
        while let Some((_, column, text)) = cells.next_if(|c| c.0 == row) {
            texts[column as usize] = text;
        }
        match &headers {
            None => headers = Some(texts),
            Some(_) => rows.push(Row { line, cells: texts }),
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

/// The logical lines of a vCard with the number of their first line: a line that starts
/// with a space or tab continues the one before. One at a time, so a file of millions of
/// short lines is never held as millions of strings.
fn unfold(text: &str) -> impl Iterator<Item = (u32, String)> + '_ {
    let mut lines = text
        .split('\n')
        .map(|raw| raw.strip_suffix('\r').unwrap_or(raw))
        .enumerate()
        .peekable();
    std::iter::from_fn(move || {
        let (i, first) = lines.next()?;
        let mut content = first.to_owned();
        while let Some((_, rest)) = lines.next_if(|(_, l)| l.starts_with([' ', '\t'])) {
            content.push_str(&rest[1..]);
        }
        Some((i as u32 + 1, content))
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
    let col = |name: &str| VCARD_HEADERS.iter().position(|h| *h == name).unwrap_or(0);
    let mut rows = Vec::new();
    let mut current: Option<Row> = None;
    let mut formatted = String::new();
    for (line, content) in unfold(&text) {
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
                if rows.len() == MAX_ROWS {
                    return Err(FileProblem::TooManyRows { line });
                }
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
