//! Purchases from a file: columns recognised, rows matched to customers by number or
//! e-mail, every row checked before one transaction writes them all.

use super::*;

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
    crate::backup::before_operation(store, crate::backup::Kind::BeforeImport, clock)?;
    let count = store.insert_purchases(&purchases, now)?;
    Ok(Ok(count))
}
