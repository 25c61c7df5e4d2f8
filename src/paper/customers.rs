//! The customer list on paper: every customer of the list exactly as filtered, searched
//! and sorted on the screen (not only the rows the screen has loaded), with the columns
//! the owner picks, portrait or landscape.

use super::pdf::Orientation;
use super::table::{Column, Heading, RowShape, Width, write_table};
use crate::Clock;
use crate::customers::{self, CustomerFilter, CustomerSort, CustomerStatus};
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::soft_facts::PartialDate;
use crate::store::Store;
use crate::value::segments::Phase;
use serde::{Deserialize, Serialize};

/// A column the owner can put on the printed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ListColumn {
    Number,
    Name,
    Address,
    City,
    Phones,
    Email,
    Birthday,
    Tags,
    Status,
    Phase,
    Score,
}

impl ListColumn {
    pub const ALL: [ListColumn; 11] = [
        ListColumn::Number,
        ListColumn::Name,
        ListColumn::Address,
        ListColumn::City,
        ListColumn::Phones,
        ListColumn::Email,
        ListColumn::Birthday,
        ListColumn::Tags,
        ListColumn::Status,
        ListColumn::Phase,
        ListColumn::Score,
    ];

    /// What the list shows when the owner picked nothing.
    pub const DEFAULT: [ListColumn; 5] = [
        ListColumn::Number,
        ListColumn::Name,
        ListColumn::Address,
        ListColumn::Phones,
        ListColumn::Email,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ListColumn::Number => "number",
            ListColumn::Name => "name",
            ListColumn::Address => "address",
            ListColumn::City => "city",
            ListColumn::Phones => "phones",
            ListColumn::Email => "email",
            ListColumn::Birthday => "birthday",
            ListColumn::Tags => "tags",
            ListColumn::Status => "status",
            ListColumn::Phase => "phase",
            ListColumn::Score => "score",
        }
    }

    pub fn from_code(code: &str) -> Option<ListColumn> {
        ListColumn::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ListColumn::Number => lang.pick("Nr.", "No."),
            ListColumn::Name => "Name",
            ListColumn::Address => lang.pick("Anschrift", "Address"),
            ListColumn::City => lang.pick("Ort", "City"),
            ListColumn::Phones => lang.pick("Telefon", "Phone"),
            ListColumn::Email => lang.pick("E-Mail", "E-mail"),
            ListColumn::Birthday => lang.pick("Geburtstag", "Birthday"),
            ListColumn::Tags => lang.pick("Merkmale", "Tags"),
            ListColumn::Status => "Status",
            ListColumn::Phase => "Phase",
            ListColumn::Score => "Score",
        }
    }

    /// Its width: fixed for what has a known length, a share of the rest for text.
    fn width(self) -> Width {
        match self {
            ListColumn::Number => Width::Mm(15.0),
            ListColumn::Name => Width::Share(2.2),
            ListColumn::Address => Width::Share(3.0),
            ListColumn::City => Width::Share(1.3),
            ListColumn::Phones => Width::Share(1.8),
            ListColumn::Email => Width::Share(2.2),
            ListColumn::Birthday => Width::Mm(23.0),
            ListColumn::Tags => Width::Share(1.6),
            ListColumn::Status => Width::Mm(17.0),
            ListColumn::Phase => Width::Mm(20.0),
            ListColumn::Score => Width::Mm(12.0),
        }
    }
}

/// How many customers are read at a time.
const CHUNK: usize = 500;

/// Columns that fit across an upright A4 page.
pub const MAX_PORTRAIT_COLUMNS: usize = 8;

/// What to print: the list's filter, the columns, the paper's orientation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerListPrint {
    pub filter: CustomerFilter,
    /// Empty: [`ListColumn::DEFAULT`].
    pub columns: Vec<ListColumn>,
    pub orientation: Orientation,
}

pub fn status_label(status: CustomerStatus, lang: Lang) -> &'static str {
    match status {
        CustomerStatus::Active => lang.pick("aktiv", "active"),
        CustomerStatus::Lost => lang.pick("verloren", "lost"),
    }
}

pub fn phase_label(phase: Phase, lang: Lang) -> &'static str {
    match phase {
        Phase::New => lang.pick("neu", "new"),
        Phase::Growing => lang.pick("wachsend", "growing"),
        Phase::Established => lang.pick("etabliert", "established"),
        Phase::AtRisk => lang.pick("gefährdet", "at risk"),
        Phase::Lost => lang.pick("verloren", "lost"),
    }
}

pub fn partial_date_text(date: PartialDate, lang: Lang) -> String {
    match (lang, date.year) {
        (Lang::De, Some(y)) => format!("{:02}.{:02}.{y}", date.day, date.month),
        (Lang::De, None) => format!("{:02}.{:02}.", date.day, date.month),
        (Lang::En, Some(y)) => format!("{y}-{:02}-{:02}", date.month, date.day),
        (Lang::En, None) => format!("--{:02}-{:02}", date.month, date.day),
    }
}

fn sort_text(sort: CustomerSort, lang: Lang) -> &'static str {
    match sort {
        CustomerSort::Name => lang.pick("sortiert nach Name", "sorted by name"),
        CustomerSort::Number => lang.pick("sortiert nach Nummer", "sorted by number"),
        CustomerSort::City => lang.pick("sortiert nach Ort", "sorted by city"),
        CustomerSort::Newest => lang.pick("neueste zuerst", "newest first"),
        CustomerSort::Score => lang.pick("höchster Score zuerst", "highest score first"),
    }
}

/// What was filtered, in words, for the page heading.
pub fn filter_text(store: &Store, filter: &CustomerFilter, lang: Lang) -> Result<String> {
    let mut parts = Vec::new();
    if !filter.query.trim().is_empty() {
        parts.push(format!(
            "{} „{}“",
            lang.pick("Suche", "Search"),
            filter.query.trim()
        ));
    }
    if !filter.tag.trim().is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.pick("Merkmal", "Tag"),
            filter.tag.trim()
        ));
    }
    if !filter.city.trim().is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.pick("Ort", "City"),
            filter.city.trim()
        ));
    }
    if let Some(id) = filter.employee_id {
        let name = crate::employees::list(store)?
            .into_iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.0.to_string(), |e| e.name);
        parts.push(format!(
            "{}: {name}",
            lang.pick("Betreuer", "Account manager")
        ));
    }
    if let Some(month) = filter.birthday_month {
        parts.push(format!(
            "{}: {}",
            lang.pick("Geburtstag im Monat", "Birthday in month"),
            month
        ));
    }
    if let Some(status) = filter.status {
        parts.push(format!("Status: {}", status_label(status, lang)));
    }
    if filter.not_verified {
        parts.push(
            lang.pick("seit 12 Monaten nicht geprüft", "not checked for 12 months")
                .to_owned(),
        );
    }
    if let Some(q) = filter.quadrant {
        parts.push(format!(
            "{}: {}",
            lang.pick("Matrixfeld", "Matrix field"),
            q.code()
        ));
    }
    if let Some(abc) = filter.abc {
        parts.push(format!("ABC: {}", abc.code().to_uppercase()));
    }
    if let Some(phase) = filter.phase {
        parts.push(format!("Phase: {}", phase_label(phase, lang)));
    }
    if let Some(min) = filter.min_score {
        parts.push(format!("Score ≥ {min}"));
    }
    if let Some(channel) = filter.may_contact {
        parts.push(format!(
            "{}: {}",
            lang.pick("Werbung erlaubt per", "Advertising allowed by"),
            channel.label(lang)
        ));
    }
    if filter.query.trim().is_empty() {
        parts.push(sort_text(filter.sort, lang).to_owned());
    } else {
        parts.push(
            lang.pick("beste Treffer zuerst", "best matches first")
                .to_owned(),
        );
    }
    Ok(parts.join(" · "))
}

fn cell(
    column: ListColumn,
    c: &customers::Customer,
    row: &customers::ListedCustomer,
    lang: Lang,
) -> String {
    match column {
        ListColumn::Number => c.number.clone(),
        ListColumn::Name => c.display_name.clone(),
        ListColumn::Address => {
            let place = format!("{} {}", c.postal_code, c.city).trim().to_owned();
            [c.street.trim(), place.as_str()]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        }
        ListColumn::City => c.city.clone(),
        ListColumn::Phones => std::iter::once(c.phone.as_str())
            .chain(c.other_phones.iter().map(|p| p.value.as_str()))
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        ListColumn::Email => c.email.clone(),
        ListColumn::Birthday => c
            .birthday
            .map(|b| partial_date_text(b, lang))
            .unwrap_or_default(),
        ListColumn::Tags => c.tags.join(", "),
        ListColumn::Status => status_label(c.status, lang).to_owned(),
        ListColumn::Phase => row
            .phase
            .map(|p| phase_label(p, lang).to_owned())
            .unwrap_or_default(),
        ListColumn::Score => row.score.map(|s| s.to_string()).unwrap_or_default(),
    }
}

/// The customer list as a PDF: the whole filtered list, in its order.
pub fn customer_list(
    store: &Store,
    print: &CustomerListPrint,
    clock: &Clock,
    lang: Lang,
) -> Result<Vec<u8>> {
    let mut columns = Vec::new();
    for c in print.columns.iter().copied() {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    if columns.is_empty() {
        columns = ListColumn::DEFAULT.to_vec();
    }
    if columns.len() > MAX_PORTRAIT_COLUMNS && print.orientation == Orientation::Portrait {
        // More do not fit across A4 upright; the landscape page takes all.
        return Err(Error::Validation(vec![FieldError::new(
            Field::Columns,
            Issue::OutOfRange {
                min: 1,
                max: MAX_PORTRAIT_COLUMNS as u32,
            },
        )]));
    }
    let listed = customers::listed_in_order(store, &print.filter, clock.today())?;
    let heading = Heading {
        shop: super::shop_name(store)?,
        title: format!(
            "{} ({})",
            lang.pick("Kundenliste", "Customer list"),
            listed.len()
        ),
        filter: filter_text(store, &print.filter, lang)?,
        date: clock.today(),
        lang,
    };
    let table_columns: Vec<Column> = columns
        .iter()
        .map(|c| match c {
            ListColumn::Score => Column::right(c.title(lang), c.width()),
            _ => Column::text(c.title(lang), c.width()),
        })
        .collect();
    // Read in chunks as the pages need them: a long list is never all in memory.
    let rows = listed.chunks(CHUNK).flat_map(|chunk| {
        let ids: Vec<_> = chunk.iter().map(|r| r.id).collect();
        let read = customers::get_many(store, &ids);
        let rows: Vec<Result<Vec<String>>> = match read {
            Ok(found) => {
                let by_id: std::collections::HashMap<_, _> =
                    found.iter().map(|c| (c.id, c)).collect();
                chunk
                    .iter()
                    .filter_map(|row| by_id.get(&row.id).map(|c| (row, *c)))
                    .map(|(row, customer)| {
                        Ok(columns
                            .iter()
                            .map(|&col| cell(col, customer, row, lang))
                            .collect())
                    })
                    .collect()
            }
            Err(e) => vec![Err(e)],
        };
        rows
    });
    write_table(
        &heading,
        print.orientation,
        &table_columns,
        RowShape::ONE_LINE,
        listed.len(),
        rows,
        lang.pick(
            "Keine Kunden in dieser Liste.",
            "No customers in this list.",
        ),
    )
}
