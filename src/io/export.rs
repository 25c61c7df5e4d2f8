//! Export of the customer list as the user sees it (search and filters applied): CSV that
//! German Excel opens correctly (UTF-8 with BOM, semicolons, CRLF), an Excel workbook and
//! vCards; and everything about one customer as JSON (the GDPR's right of access). The
//! columns carry the headers the import recognises, so an export can be imported again.

use crate::customers::{self, Customer, CustomerFilter, Salutation};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The file kinds the list can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Vcard,
}

impl ExportFormat {
    /// By the file name's ending.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        let lower = name.to_lowercase();
        if lower.ends_with(".csv") {
            Some(ExportFormat::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(ExportFormat::Xlsx)
        } else if lower.ends_with(".vcf") {
            Some(ExportFormat::Vcard)
        } else {
            None
        }
    }
}

/// Every customer of the filtered list, in the list's order.
pub fn customers_for_export(
    store: &Store,
    filter: &CustomerFilter,
    today: NaiveDate,
) -> Result<Vec<Customer>> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = customers::browse(store, filter, after.as_ref(), customers::MAX_PAGE, today)?;
        for summary in &page.items {
            out.push(customers::get(store, summary.id)?);
        }
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    Ok(out)
}

/// The columns of CSV and Excel exports.
pub const HEADERS: [&str; 22] = [
    "Kundennummer",
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
    "E-Mail",
    "E-Mail 2",
    "Geburtstag",
    "Partner",
    "Geburtstag Partner",
    "Kunde seit",
    "Branche",
    "Merkmale",
    "Bemerkung",
];

fn german_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_default()
}

/// One customer as the export's cells.
fn cells(c: &Customer) -> Vec<String> {
    let mobile = c
        .other_phones
        .iter()
        .find(|p| p.label.to_lowercase().starts_with("mobil"));
    let further_phone = c
        .other_phones
        .iter()
        .find(|p| mobile.is_none_or(|m| !std::ptr::eq(*p, m)));
    vec![
        c.number.clone(),
        match c.salutation {
            Salutation::Mr => "Herr".into(),
            Salutation::Ms => "Frau".into(),
            Salutation::None => String::new(),
        },
        c.title.clone(),
        c.first_name.clone(),
        c.last_name.clone(),
        c.firm_name.clone(),
        c.street.clone(),
        c.postal_code.clone(),
        c.city.clone(),
        c.country.clone(),
        c.phone.clone(),
        mobile.map(|p| p.value.clone()).unwrap_or_default(),
        further_phone.map(|p| p.value.clone()).unwrap_or_default(),
        c.email.clone(),
        c.other_emails
            .first()
            .map(|e| e.value.clone())
            .unwrap_or_default(),
        customers::partial_date_text(c.birthday),
        c.partner_name.clone(),
        customers::partial_date_text(c.partner_birthday),
        german_date(c.customer_since),
        c.industry.clone(),
        c.tags.join(", "),
        c.notes.clone(),
    ]
}

/// A cell that a spreadsheet would read as a formula ("=HYPERLINK(…)") gets a leading
/// apostrophe, so a name typed by someone else never runs in the owner's Excel. Phone
/// numbers such as "+49 221 …" stay as they are.
fn guard_formula(text: String) -> String {
    let risky = match text.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => text
            .chars()
            .any(|c| !(c.is_ascii_digit() || " +-/()".contains(c))),
        _ => false,
    };
    if risky { format!("'{text}") } else { text }
}

/// CSV for German Excel: UTF-8 with BOM, `;`, CRLF, quotes where needed.
pub fn to_csv(customers: &[Customer]) -> Result<Vec<u8>> {
    csv_table(&HEADERS, customers.iter().map(cells))
}

/// A table as CSV for German Excel (UTF-8 with BOM, `;`, CRLF), every cell guarded
/// against formulas.
pub(crate) fn csv_table<S: AsRef<str>>(
    headers: &[S],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<Vec<u8>> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Internal(e.to_string());
        writer
            .write_record(headers.iter().map(|h| h.as_ref()))
            .map_err(fail)?;
        for row in rows {
            writer
                .write_record(row.into_iter().map(guard_formula))
                .map_err(fail)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// An Excel workbook: every cell as text (postcodes and phone numbers keep their leading
/// zeros), bold headers, a filter on the header row, the header row frozen.
pub fn to_xlsx(customers: &[Customer]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Internal(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Kunden").map_err(fail)?;
    let bold = Format::new().set_bold();
    for (col, header) in HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *header, &bold)
            .map_err(fail)?;
    }
    for (row, c) in customers.iter().enumerate() {
        for (col, text) in cells(c).into_iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(row as u32 + 1, col as u16, text)
                    .map_err(fail)?;
            }
        }
    }
    sheet
        .autofilter(0, 0, customers.len() as u32, HEADERS.len() as u16 - 1)
        .map_err(fail)?;
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

/// vCard text: `\` `,` `;` escaped, line breaks as `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 bytes (never inside a UTF-8 character), as RFC 6350 asks.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// vCards (version 3.0, which phones and mail programs read most widely).
pub fn to_vcard(customers: &[Customer]) -> String {
    let mut out = String::new();
    for c in customers {
        let mut lines = vec!["BEGIN:VCARD".to_owned(), "VERSION:3.0".to_owned()];
        let prefix = match c.salutation {
            Salutation::Mr => "Herr",
            Salutation::Ms => "Frau",
            Salutation::None => "",
        };
        let prefixes = [prefix, c.title.as_str()]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| escape(p))
            .collect::<Vec<_>>()
            .join(",");
        lines.push(format!(
            "N:{};{};;{};",
            escape(&c.last_name),
            escape(&c.first_name),
            prefixes
        ));
        lines.push(format!("FN:{}", escape(&c.display_name)));
        if !c.firm_name.is_empty() {
            lines.push(format!("ORG:{}", escape(&c.firm_name)));
        }
        if !(c.street.is_empty() && c.postal_code.is_empty() && c.city.is_empty()) {
            lines.push(format!(
                "ADR:;;{};{};;{};{}",
                escape(&c.street),
                escape(&c.city),
                escape(&c.postal_code),
                escape(&c.country)
            ));
        }
        if !c.phone.is_empty() {
            lines.push(format!("TEL;TYPE=VOICE:{}", escape(&c.phone)));
        }
        for p in &c.other_phones {
            let kind = if p.label.to_lowercase().starts_with("mobil") {
                "CELL"
            } else {
                "VOICE"
            };
            lines.push(format!("TEL;TYPE={kind}:{}", escape(&p.value)));
        }
        for (i, email) in std::iter::once(&c.email)
            .chain(c.other_emails.iter().map(|e| &e.value))
            .filter(|e| !e.is_empty())
            .enumerate()
        {
            let pref = if i == 0 { ",PREF" } else { "" };
            lines.push(format!("EMAIL;TYPE=INTERNET{pref}:{}", escape(email)));
        }
        if let Some(b) = c.birthday {
            lines.push(match b.year {
                Some(y) => format!("BDAY:{y:04}-{:02}-{:02}", b.month, b.day),
                None => format!("BDAY:--{:02}-{:02}", b.month, b.day),
            });
        }
        if !c.tags.is_empty() {
            let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
            lines.push(format!("CATEGORIES:{}", tags.join(",")));
        }
        if !c.notes.is_empty() {
            lines.push(format!("NOTE:{}", escape(&c.notes)));
        }
        lines.push("END:VCARD".to_owned());
        for line in lines {
            fold(&line, &mut out);
        }
    }
    out
}

/// The list in the given format.
pub fn export(customers: &[Customer], format: ExportFormat) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Csv => to_csv(customers),
        ExportFormat::Xlsx => to_xlsx(customers),
        ExportFormat::Vcard => Ok(to_vcard(customers).into_bytes()),
    }
}
