//! Importing customers and purchases from a [`Table`]: which column is which field (the
//! usual German and English headers are recognised, a mapping the user made is
//! remembered), a check of every row with its line number, likely duplicates flagged
//! against the customers already there and among the file's own rows, and then one
//! transaction for the whole import — a failed or cancelled import changes nothing.

use super::table::{Row, Table};
use crate::clock::Clock;
use crate::customers::{self, CustomerInput, CustomerKind, Salutation};
use crate::duplicates::{self, Index, Prepared, Reason};
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::soft_facts::Labeled;
use crate::store::{NewCustomerRecord, Store};
use crate::transactions::{self, TransactionInput};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

/// A customer field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ImportField {
    Number,
    Salutation,
    Title,
    FirstName,
    LastName,
    FirmName,
    Street,
    PostalCode,
    City,
    Country,
    Phone,
    /// A further phone number; several columns may feed it.
    OtherPhone,
    /// A mobile number, kept as a further phone labelled "Mobil".
    Mobile,
    Email,
    OtherEmail,
    Birthday,
    PartnerName,
    PartnerBirthday,
    CustomerSince,
    Industry,
    AnnualRevenue,
    /// Comma-separated tags.
    Tags,
    /// Several columns are joined.
    Notes,
}

impl ImportField {
    /// Fields that several columns may feed.
    fn repeatable(self) -> bool {
        matches!(
            self,
            ImportField::OtherPhone
                | ImportField::Mobile
                | ImportField::OtherEmail
                | ImportField::Tags
                | ImportField::Notes
        )
    }

    /// The customer field a problem with this column is reported on.
    fn field(self) -> Field {
        match self {
            ImportField::Number => Field::Number,
            ImportField::Salutation => Field::Salutation,
            ImportField::Title => Field::Title,
            ImportField::FirstName => Field::FirstName,
            ImportField::LastName => Field::LastName,
            ImportField::FirmName => Field::FirmName,
            ImportField::Street => Field::Street,
            ImportField::PostalCode => Field::PostalCode,
            ImportField::City => Field::City,
            ImportField::Country => Field::Country,
            ImportField::Phone => Field::Phone,
            ImportField::OtherPhone | ImportField::Mobile => Field::OtherPhones,
            ImportField::Email => Field::Email,
            ImportField::OtherEmail => Field::OtherEmails,
            ImportField::Birthday => Field::Birthday,
            ImportField::PartnerName => Field::PartnerName,
            ImportField::PartnerBirthday => Field::PartnerBirthday,
            ImportField::CustomerSince => Field::CustomerSince,
            ImportField::Industry => Field::Industry,
            ImportField::AnnualRevenue => Field::AnnualRevenue,
            ImportField::Tags => Field::Tags,
            ImportField::Notes => Field::Notes,
        }
    }
}

/// A header as compared with the known names: lower case, umlauts spelled out, only
/// letters and digits with single spaces ("E-Mail" → "e mail", "Straße" → "strasse").
fn header_key(header: &str) -> String {
    duplicates::normalize_name(header)
}

/// The field a header names, for the usual German and English headers.
pub fn recognise(header: &str) -> Option<ImportField> {
    use ImportField::*;
    let key = header_key(header);
    let field =
        match key.as_str() {
            "kundennummer" | "kundennr" | "kdnr" | "kd nr" | "nummer" | "nr"
            | "customer number" | "customer no" | "customer id" | "number" | "no" => Number,
            "anrede" | "salutation" => Salutation,
            "titel" | "title" | "akademischer titel" => Title,
            "vorname" | "first name" | "firstname" | "given name" => FirstName,
            "nachname" | "name" | "familienname" | "last name" | "lastname" | "surname"
            | "family name" => LastName,
            "firma" | "firmenname" | "unternehmen" | "company" | "firm" | "organisation"
            | "organization" => FirmName,
            "strasse"
            | "str"
            | "strasse und hausnummer"
            | "strasse hausnummer"
            | "anschrift"
            | "adresse"
            | "street"
            | "address"
            | "street address" => Street,
            "plz" | "postleitzahl" | "zip" | "zip code" | "zipcode" | "postcode"
            | "postal code" => PostalCode,
            "ort" | "stadt" | "wohnort" | "city" | "town" => City,
            "land" | "country" => Country,
            "telefon" | "tel" | "telefonnummer" | "festnetz" | "phone" | "telephone"
            | "phone number" => Phone,
            "mobil" | "handy" | "mobiltelefon" | "mobilnummer" | "mobile" | "cell"
            | "cell phone" => Mobile,
            "telefon 2"
            | "telefon 3"
            | "tel 2"
            | "weitere telefonnummer"
            | "phone 2"
            | "phone 3"
            | "fax" => OtherPhone,
            "e mail" | "email" | "e mail adresse" | "mail" | "email address" | "e mail address" => {
                Email
            }
            "e mail 2" | "email 2" | "weitere e mail" => OtherEmail,
            "geburtstag" | "geburtsdatum" | "geb" | "geboren" | "birthday" | "date of birth"
            | "dob" | "birth date" => Birthday,
            "partner" | "ehepartner" | "partnerin" | "partner name" | "spouse" => PartnerName,
            "geburtstag partner" | "partner geburtstag" | "partner birthday" => PartnerBirthday,
            "kunde seit" | "kundin seit" | "customer since" => CustomerSince,
            "branche" | "industry" => Industry,
            "umsatz" | "jahresumsatz" | "annual revenue" | "revenue" => AnnualRevenue,
            "merkmale" | "tags" | "schlagworte" | "gruppen" => Tags,
            "bemerkung" | "bemerkungen" | "notiz" | "notizen" | "kommentar" | "notes" | "note"
            | "comment" | "comments" => Notes,
            _ => return None,
        };
    Some(field)
}

/// What each column feeds (`None`: ignored), by header.
pub fn recognise_all(headers: &[String]) -> Vec<Option<ImportField>> {
    let mut seen = HashSet::new();
    headers
        .iter()
        .map(|h| recognise(h).filter(|f| f.repeatable() || seen.insert(*f)))
        .collect()
}

/// The settings key under which the mapping of files with these headers is remembered.
fn mapping_key(headers: &[String]) -> String {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    format!("import.mapping.{}", keys.join("|"))
}

/// The mapping for a file with these headers: the one used last time, else recognised.
pub fn mapping_for(store: &Store, headers: &[String]) -> Result<Vec<Option<ImportField>>> {
    if let Some(saved) = store.setting(&mapping_key(headers))?
        && let Ok(mapping) = serde_json::from_str::<Vec<Option<ImportField>>>(&saved)
        && mapping.len() == headers.len()
    {
        return Ok(mapping);
    }
    Ok(recognise_all(headers))
}

/// Why an import cannot go ahead as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// The mapping has a different number of columns than the file.
    MappingSize { columns: u32, mapped: u32 },
    /// A field that only one column may feed is chosen for two.
    MappedTwice(Field),
    /// No column gives a name (first, last or firm name).
    NoNameColumn,
    /// Rows have problems and skipping them was not asked for.
    InvalidRows { count: u32, first_line: u32 },
    /// The user cancelled; nothing was written.
    Cancelled,
    /// Purchases: neither a customer number nor an e-mail column.
    NoCustomerColumn,
    /// Purchases: no date or no amount column.
    NoDateOrAmount,
}

fn check_mapping(table: &Table, mapping: &[Option<ImportField>]) -> Result<()> {
    if mapping.len() != table.headers.len() {
        return Err(Error::Import(ImportProblem::MappingSize {
            columns: table.headers.len() as u32,
            mapped: mapping.len() as u32,
        }));
    }
    let mut seen = HashSet::new();
    for field in mapping.iter().flatten() {
        if !field.repeatable() && !seen.insert(*field) {
            return Err(Error::Import(ImportProblem::MappedTwice(field.field())));
        }
    }
    let names = [
        ImportField::FirstName,
        ImportField::LastName,
        ImportField::FirmName,
    ];
    if !names.iter().any(|n| seen.contains(n)) {
        return Err(Error::Import(ImportProblem::NoNameColumn));
    }
    Ok(())
}

/// "Herr", "Frau", "Mr", "Ms" …; `None` for anything else.
fn salutation(text: &str) -> Option<Salutation> {
    match header_key(text).as_str() {
        "" => Some(Salutation::None),
        "herr" | "hr" | "mr" | "mister" => Some(Salutation::Mr),
        "frau" | "fr" | "ms" | "mrs" | "miss" => Some(Salutation::Ms),
        _ => None,
    }
}

/// A country as its ISO code: "Deutschland", "Germany", "de" → "DE". Unknown names are
/// kept, so the check names the field.
fn country_code(text: &str) -> String {
    let code = match header_key(text).as_str() {
        "deutschland" | "germany" | "brd" | "d" => "DE",
        "oesterreich" | "austria" | "a" => "AT",
        "schweiz" | "switzerland" | "ch" => "CH",
        "niederlande" | "netherlands" | "holland" => "NL",
        "belgien" | "belgium" => "BE",
        "luxemburg" | "luxembourg" => "LU",
        "frankreich" | "france" => "FR",
        "italien" | "italy" => "IT",
        "spanien" | "spain" => "ES",
        "daenemark" | "denmark" => "DK",
        "polen" | "poland" => "PL",
        "tschechien" | "czechia" | "czech republic" => "CZ",
        "vereinigtes koenigreich" | "grossbritannien" | "united kingdom" | "uk" => "GB",
        "usa" | "vereinigte staaten" | "united states" => "US",
        key if key.len() == 2 && key.bytes().all(|b| b.is_ascii_alphabetic()) => {
            return key.to_ascii_uppercase();
        }
        _ => return text.to_owned(),
    };
    code.to_owned()
}

/// One row as customer input; problems only the import can see (an unknown salutation)
/// come back beside it.
fn row_input(row: &Row, mapping: &[Option<ImportField>]) -> (CustomerInput, Vec<FieldError>) {
    let mut input = CustomerInput::default();
    let mut problems = Vec::new();
    for (cell, field) in row.cells.iter().zip(mapping) {
        let Some(field) = field else { continue };
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        let text = value.to_owned();
        match field {
            ImportField::Number => input.number = text,
            ImportField::Salutation => match salutation(value) {
                Some(s) => input.salutation = s,
                None => problems.push(FieldError::new(Field::Salutation, Issue::Unknown)),
            },
            ImportField::Title => input.title = text,
            ImportField::FirstName => input.first_name = text,
            ImportField::LastName => input.last_name = text,
            ImportField::FirmName => input.firm_name = text,
            ImportField::Street => input.street = text,
            ImportField::PostalCode => input.postal_code = text,
            ImportField::City => input.city = text,
            ImportField::Country => input.country = country_code(value),
            ImportField::Phone => input.phone = text,
            ImportField::Mobile => input.other_phones.push(Labeled {
                label: "Mobil".into(),
                value: text,
            }),
            ImportField::OtherPhone => input.other_phones.push(Labeled {
                label: String::new(),
                value: text,
            }),
            ImportField::Email => input.email = text,
            ImportField::OtherEmail => input.other_emails.push(Labeled {
                label: String::new(),
                value: text,
            }),
            ImportField::Birthday => input.birthday = text,
            ImportField::PartnerName => input.partner_name = text,
            ImportField::PartnerBirthday => input.partner_birthday = text,
            ImportField::CustomerSince => input.customer_since = text,
            ImportField::Industry => input.industry = text,
            ImportField::AnnualRevenue => input.annual_revenue = text,
            ImportField::Tags => {
                for tag in value
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                {
                    if !input.tags.iter().any(|t| t == tag) {
                        input.tags.push(tag.to_owned());
                    }
                }
            }
            ImportField::Notes => {
                if !input.notes.is_empty() {
                    input.notes.push('\n');
                }
                input.notes.push_str(value);
            }
        }
    }
    // A firm when a firm name is given (the names then belong to its contact person).
    if !input.firm_name.is_empty() {
        input.kind = CustomerKind::Firm;
    }
    // A mobile number in the phone column's place when there is no other.
    if input.phone.is_empty()
        && let Some(first) = input.other_phones.first().cloned()
    {
        input.phone = first.value;
        input.other_phones.remove(0);
    }
    (input, problems)
}

/// A problem with one row, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    pub line: u32,
    pub field: Field,
    pub message: String,
}

/// A row that looks like a customer already there, or like an earlier row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowDuplicate {
    pub line: u32,
    /// The row's name as it will be shown.
    pub name: String,
    /// The existing customer's number and name, or "Zeile 12" for an earlier row.
    pub like_number: String,
    pub like_name: String,
    /// The line of the earlier row it resembles, when it is one of the file.
    pub like_line: Option<u32>,
    pub score: u8,
    pub reasons: Vec<Reason>,
}

/// What the import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub table: TableInfo,
    pub mapping: Vec<Option<ImportField>>,
    pub rows: u32,
    /// Rows that would be imported as they are.
    pub valid: u32,
    /// Every problem, in line order (at most [`PREVIEW_LIMIT`]).
    pub problems: Vec<RowProblem>,
    pub problem_rows: u32,
    /// Likely duplicates (at most [`PREVIEW_LIMIT`]).
    pub duplicates: Vec<RowDuplicate>,
    pub duplicate_rows: u32,
    /// The first rows as they would be read: the cells under their headers.
    pub sample: Vec<Row>,
}

/// What was detected about the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TableInfo {
    pub format: super::table::FileFormat,
    pub encoding: String,
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
}

/// How many problems and duplicates a preview lists.
pub const PREVIEW_LIMIT: usize = 500;
const SAMPLE_ROWS: usize = 5;

/// Number and name of the customers already there, by id.
type Names = HashMap<i64, (String, String)>;

/// Every row checked: the validated records in file order (`None` for rows with problems),
/// the problems, and the likely duplicates.
struct Checked {
    records: Vec<(u32, Option<customers::CustomerFields>)>,
    problems: Vec<(u32, FieldError)>,
    duplicates: Vec<(u32, String, duplicates::Match)>,
}

/// Checks rows one after another, as the preview and the import both do: each row on its
/// own (validation, a number used twice) and, when asked, against the customers already
/// there and the earlier rows of the file (likely duplicates).
struct RowChecker<'a> {
    mapping: &'a [Option<ImportField>],
    today: chrono::NaiveDate,
    /// Numbers of the database (trash included) and of the rows checked so far.
    taken: HashSet<String>,
    /// Existing customers by profile id, then the good rows so far (ids -line).
    index: Option<Index>,
}

/// What checking one row found.
enum RowCheck {
    Good(customers::CustomerFields),
    /// Good on its own, but like a customer already there or an earlier row.
    Duplicate {
        fields: customers::CustomerFields,
        name: String,
        like: duplicates::Match,
    },
    Problems(Vec<FieldError>),
}

impl<'a> RowChecker<'a> {
    fn new(
        store: &Store,
        mapping: &'a [Option<ImportField>],
        today: chrono::NaiveDate,
        look_for_duplicates: bool,
        names: &Names,
    ) -> Result<RowChecker<'a>> {
        let index = if look_for_duplicates {
            Some(Index::new(&store.duplicate_profiles(None)?))
        } else {
            None
        };
        let mut taken: HashSet<String> = names.values().map(|(number, _)| number.clone()).collect();
        taken.extend(store.trashed_numbers()?);
        Ok(RowChecker {
            mapping,
            today,
            taken,
            index,
        })
    }

    fn check(&mut self, row: &Row) -> RowCheck {
        let (input, mut problems) = row_input(row, self.mapping);
        let fields = match customers::validate(&input, self.today) {
            Ok(fields) => Some(fields),
            Err(errors) => {
                problems.extend(errors);
                None
            }
        };
        let number = input.number.trim();
        if !number.is_empty() && !self.taken.insert(number.to_owned()) {
            problems.push(FieldError::new(Field::Number, Issue::AlreadyUsed));
        }
        let fields = match fields {
            Some(fields) if problems.is_empty() => fields,
            _ => return RowCheck::Problems(problems),
        };
        let Some(index) = &mut self.index else {
            return RowCheck::Good(fields);
        };
        let probe = Prepared::new(&duplicates::profile_of_input(-i64::from(row.line), &input));
        let best = index
            .matches(&probe, duplicates::THRESHOLD, 1)
            .into_iter()
            .next();
        index.add(probe);
        match best {
            Some(like) => RowCheck::Duplicate {
                fields,
                name: customers::display_name(
                    input.kind,
                    &input.first_name,
                    &input.last_name,
                    &input.firm_name,
                ),
                like,
            },
            None => RowCheck::Good(fields),
        }
    }
}

fn check_rows(
    store: &Store,
    table: &Table,
    mapping: &[Option<ImportField>],
    today: chrono::NaiveDate,
) -> Result<(Checked, Names)> {
    let names = store.customer_numbers_and_names()?;
    let mut checker = RowChecker::new(store, mapping, today, true, &names)?;
    let mut checked = Checked {
        records: Vec::with_capacity(table.rows.len()),
        problems: Vec::new(),
        duplicates: Vec::new(),
    };
    for row in &table.rows {
        match checker.check(row) {
            RowCheck::Good(fields) => checked.records.push((row.line, Some(fields))),
            RowCheck::Duplicate { fields, name, like } => {
                checked.duplicates.push((row.line, name, like));
                checked.records.push((row.line, Some(fields)));
            }
            RowCheck::Problems(problems) => {
                checked
                    .problems
                    .extend(problems.into_iter().map(|p| (row.line, p)));
                checked.records.push((row.line, None));
            }
        }
    }
    Ok((checked, names))
}

/// Reads and checks everything, writes nothing.
pub fn preview(
    store: &Store,
    table: &Table,
    mapping: &[Option<ImportField>],
    today: chrono::NaiveDate,
    lang: Lang,
) -> Result<ImportPreview> {
    check_mapping(table, mapping)?;
    let (checked, names) = check_rows(store, table, mapping, today)?;
    let problem_rows = checked.records.iter().filter(|(_, f)| f.is_none()).count() as u32;
    let duplicate_rows = checked.duplicates.len() as u32;
    Ok(ImportPreview {
        table: TableInfo {
            format: table.format,
            encoding: table.encoding.clone(),
            delimiter: table.delimiter.clone(),
            headers: table.headers.clone(),
        },
        mapping: mapping.to_vec(),
        rows: table.rows.len() as u32,
        valid: table.rows.len() as u32 - problem_rows,
        problems: checked
            .problems
            .iter()
            .take(PREVIEW_LIMIT)
            .map(|(line, p)| RowProblem {
                line: *line,
                field: p.field,
                message: p.message(lang),
            })
            .collect(),
        problem_rows,
        duplicates: checked
            .duplicates
            .iter()
            .take(PREVIEW_LIMIT)
            .map(|(line, name, m)| row_duplicate(*line, name, m, &names, lang))
            .collect(),
        duplicate_rows,
        sample: table.rows.iter().take(SAMPLE_ROWS).cloned().collect(),
    })
}

fn row_duplicate(
    line: u32,
    name: &str,
    m: &duplicates::Match,
    names: &Names,
    lang: Lang,
) -> RowDuplicate {
    let (like_number, like_name, like_line) = if m.b < 0 {
        let earlier = (-m.b) as u32;
        (
            String::new(),
            lang.pick("frühere Zeile der Datei", "earlier row of the file")
                .to_owned(),
            Some(earlier),
        )
    } else {
        let (number, name) = names.get(&m.b).cloned().unwrap_or_default();
        (number, name, None)
    };
    RowDuplicate {
        line,
        name: name.to_owned(),
        like_number,
        like_name,
        like_line,
        score: m.score,
        reasons: m.reasons.clone(),
    }
}

/// What the user decided about rows with problems and likely duplicates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// Import the good rows and leave out those with problems (otherwise any problem stops
    /// the import before anything is written).
    pub skip_invalid: bool,
    /// Leave out rows that look like a customer already there or an earlier row.
    pub skip_duplicates: bool,
}

/// How far an import is, for the progress bar: rows of the file checked and handed on
/// to be written (rows left out count too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub imported: u32,
    pub skipped_invalid: u32,
    pub skipped_duplicates: u32,
}

/// Imports the customers of `table` in one transaction. `progress(done, total)` is called
/// now and then; setting `cancel` stops the import and leaves the database as it was. The
/// mapping is remembered for the next file with the same headers.
pub fn import_customers(
    store: &mut Store,
    table: &Table,
    mapping: &[Option<ImportField>],
    options: ImportOptions,
    progress: &mut (dyn FnMut(u32, u32) + Send),
    cancel: &AtomicBool,
    clock: &Clock,
) -> Result<ImportSummary> {
    let now = clock.now();
    check_mapping(table, mapping)?;
    // Duplicates are only looked for when they are to be left out.
    let names = store.customer_numbers_and_names()?;
    let mut checker = RowChecker::new(
        store,
        mapping,
        clock.today(),
        options.skip_duplicates,
        &names,
    )?;
    drop(names);
    // Rows without a number get the next free ones after the highest numeric number of
    // the database and of the file, so they never take a number a later row brings.
    let mut next = store.next_customer_number()?;
    if let Some(column) = mapping.iter().position(|f| *f == Some(ImportField::Number)) {
        for row in &table.rows {
            if let Some(n) = row
                .cells
                .get(column)
                .and_then(|c| c.trim().parse::<i64>().ok())
                && n >= next
            {
                next = n + 1;
            }
        }
    }
    let total = table.rows.len() as u32;
    let step = (total / 100).max(1);
    let mut skipped_invalid = 0;
    let mut skipped_duplicates = 0;
    progress(0, total);
    // Rows are checked as they are written (on the thread that prepares the records), so
    // checking and writing overlap; a row with problems, unless such rows are left out,
    // stops the import and nothing is written.
    let (imported, _, _) = store.insert_records(
        &[],
        |_| {
            let (skipped_invalid, skipped_duplicates) =
                (&mut skipped_invalid, &mut skipped_duplicates);
            let mut rows = table.rows.iter().enumerate();
            std::iter::from_fn(move || {
                loop {
                    let (i, row) = rows.next()?;
                    if cancel.load(Ordering::Relaxed) {
                        return Some(Err(Error::Import(ImportProblem::Cancelled)));
                    }
                    let done = i as u32 + 1;
                    if done.is_multiple_of(step) || done == total {
                        progress(done, total);
                    }
                    let mut customer = match checker.check(row) {
                        RowCheck::Good(fields) => fields,
                        RowCheck::Duplicate { .. } => {
                            *skipped_duplicates += 1;
                            continue;
                        }
                        RowCheck::Problems(_) if options.skip_invalid => {
                            *skipped_invalid += 1;
                            continue;
                        }
                        RowCheck::Problems(_) => {
                            // The message counts every row with problems.
                            let later = rows
                                .by_ref()
                                .filter(|(_, r)| matches!(checker.check(r), RowCheck::Problems(_)))
                                .count();
                            return Some(Err(Error::Import(ImportProblem::InvalidRows {
                                count: 1 + later as u32,
                                first_line: row.line,
                            })));
                        }
                    };
                    if customer.number.is_none() {
                        customer.number = Some(next.to_string());
                        next += 1;
                    }
                    return Some(Ok(NewCustomerRecord {
                        customer,
                        purchases: Vec::new(),
                        interactions: Vec::new(),
                        contacts: Vec::new(),
                    }));
                }
            })
        },
        now,
    )?;
    store.set_setting(
        &mapping_key(&table.headers),
        Some(&serde_json::to_string(mapping).map_err(|e| Error::Internal(e.to_string()))?),
    )?;
    Ok(ImportSummary {
        imported: imported as u32,
        skipped_invalid,
        skipped_duplicates,
    })
}

/// A purchase field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum PurchaseField {
    CustomerNumber,
    Email,
    Date,
    Amount,
    Discount,
    Product,
    Category,
    Quantity,
    Note,
}

/// The purchase field a header names.
pub fn recognise_purchase(header: &str) -> Option<PurchaseField> {
    use PurchaseField::*;
    Some(match header_key(header).as_str() {
        "kundennummer" | "kundennr" | "kdnr" | "kd nr" | "customer number" | "customer no"
        | "customer id" | "customer" | "kunde" => CustomerNumber,
        "e mail" | "email" | "mail" | "e mail adresse" => Email,
        "datum" | "kaufdatum" | "belegdatum" | "rechnungsdatum" | "date" | "purchase date" => Date,
        "betrag" | "umsatz" | "summe" | "brutto" | "bruttobetrag" | "preis" | "amount"
        | "total" | "price" => Amount,
        "rabatt" | "nachlass" | "discount" => Discount,
        "artikel" | "produkt" | "artikelbezeichnung" | "bezeichnung" | "product" | "item" => {
            Product
        }
        "kategorie" | "warengruppe" | "category" | "product group" => Category,
        "menge" | "anzahl" | "stueck" | "quantity" | "qty" => Quantity,
        "bemerkung" | "notiz" | "note" | "notes" => Note,
        _ => return None,
    })
}

/// What a purchase import found: how many purchases are (or, unless it was a dry run,
/// were) written, or the problems by line that stopped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PurchaseImport {
    pub purchases: u32,
    pub problems: Vec<RowProblem>,
}

impl From<std::result::Result<u32, Vec<RowProblem>>> for PurchaseImport {
    fn from(outcome: std::result::Result<u32, Vec<RowProblem>>) -> Self {
        match outcome {
            Ok(purchases) => PurchaseImport {
                purchases,
                problems: Vec::new(),
            },
            Err(problems) => PurchaseImport {
                purchases: 0,
                problems,
            },
        }
    }
}

/// Imports purchases of existing customers (found by customer number or e-mail address)
/// in one transaction. Any row with a problem stops the import before anything is
/// written, and every problem is reported with its line.
pub fn import_purchases(
    store: &mut Store,
    table: &Table,
    dry_run: bool,
    lang: Lang,
    clock: &Clock,
) -> Result<std::result::Result<u32, Vec<RowProblem>>> {
    let now = clock.now();
    let mapping: Vec<Option<PurchaseField>> = table
        .headers
        .iter()
        .map(|h| recognise_purchase(h))
        .collect();
    let has = |f: PurchaseField| mapping.contains(&Some(f));
    if !has(PurchaseField::CustomerNumber) && !has(PurchaseField::Email) {
        return Err(Error::Import(ImportProblem::NoCustomerColumn));
    }
    if !has(PurchaseField::Date) || !has(PurchaseField::Amount) {
        return Err(Error::Import(ImportProblem::NoDateOrAmount));
    }
    let (by_number, by_email) = store.live_customer_keys()?;
    let mut problems = Vec::new();
    let mut purchases = Vec::new();
    for row in &table.rows {
        let mut input = TransactionInput::default();
        let (mut number, mut email) = (String::new(), String::new());
        for (cell, field) in row.cells.iter().zip(&mapping) {
            let value = cell.trim().to_owned();
            match field {
                Some(PurchaseField::CustomerNumber) => number = value,
                Some(PurchaseField::Email) => email = value.to_lowercase(),
                Some(PurchaseField::Date) => input.date = value,
                Some(PurchaseField::Amount) => input.amount = value,
                Some(PurchaseField::Discount) => input.discount = value,
                Some(PurchaseField::Product) => input.product = value,
                Some(PurchaseField::Category) => input.category = value,
                Some(PurchaseField::Quantity) => input.quantity = value,
                Some(PurchaseField::Note) => input.note = value,
                None => {}
            }
        }
        let customer = by_number
            .get(&number)
            .or_else(|| by_email.get(&email))
            .copied();
        let mut row_problems = Vec::new();
        if customer.is_none() {
            let field = if number.is_empty() {
                Field::Email
            } else {
                Field::Number
            };
            row_problems.push(FieldError::new(field, Issue::Unknown));
        }
        match transactions::validate(&input, clock.today()) {
            Ok(fields) => {
                if let Some(customer) = customer
                    && row_problems.is_empty()
                {
                    purchases.push((customer, fields));
                }
            }
            Err(errors) => row_problems.extend(errors),
        }
        problems.extend(row_problems.into_iter().map(|p| RowProblem {
            line: row.line,
            field: p.field,
            message: p.message(lang),
        }));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    if dry_run {
        return Ok(Ok(purchases.len() as u32));
    }
    let count = store.insert_purchases(&purchases, now)?;
    Ok(Ok(count))
}
