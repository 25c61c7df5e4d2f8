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

mod rows;
pub use rows::*;

mod mapping;
pub use mapping::*;

mod purchases;
pub use purchases::*;

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
    crate::backup::before_operation(store, crate::backup::Kind::BeforeImport, clock)?;
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
    // What a consent from the file was given to: the file's column, as far as known.
    let today = clock.today();
    let consent_wording = {
        let columns: Vec<String> = table
            .headers
            .iter()
            .zip(mapping)
            .filter(|(_, f)| f.is_some_and(|f| f.consent_channel().is_some()))
            .map(|(h, _)| format!("„{h}“"))
            .collect();
        format!("Import, Spalte {}", columns.join(", "))
    };
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
                    let consents = checker
                        .consents
                        .iter()
                        .map(|&(channel, given)| crate::store::NewConsent {
                            channel,
                            given,
                            on: today,
                            source: crate::privacy::ConsentSource::Import,
                            wording: consent_wording.clone(),
                        })
                        .collect();
                    return Some(Ok(NewCustomerRecord {
                        customer,
                        purchases: Vec::new(),
                        interactions: Vec::new(),
                        contacts: Vec::new(),
                        consents,
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
