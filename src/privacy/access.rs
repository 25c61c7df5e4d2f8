//! The right of access: everything stored about one customer, table by table — the
//! record, contacts, purchases, the loyalty ledger, coupons, losses and win-backs, value
//! rows and agenda marks, survey answers, complaints, consents and the audit trail — as
//! JSON and as a readable PDF. The tables come from one list in the store
//! (`PERSONAL_TABLES`), which a test holds against the schema.

use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::Result;
use crate::i18n::Lang;
use crate::paper::flow::{Block, write_blocks};
use crate::paper::pdf::Orientation;
use crate::paper::table::Heading;
use crate::store::Store;
use serde::Serialize;
use serde_json::{Map, Value};

/// One table's rows about the customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRows {
    pub table: String,
    pub title: String,
    pub rows: Vec<Map<String, Value>>,
}

/// Everything stored about one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerData {
    pub shop: String,
    pub customer_number: String,
    /// The day the copy was made.
    pub made_on: chrono::NaiveDate,
    pub tables: Vec<TableRows>,
}

/// The name of a table as the customer reads it.
pub fn table_title(table: &str, lang: Lang) -> &str {
    let (de, en) = match table {
        "customers" => (
            "Stammdaten und persönliche Angaben",
            "Record and personal facts",
        ),
        "customer_tags" => ("Merkmale", "Tags"),
        "contacts" => ("Ansprechpartner", "Contact persons"),
        "consents" => ("Einwilligungen", "Consents"),
        "transactions" => ("Einkäufe", "Purchases"),
        "winback_attempts" => ("Rückgewinnungsversuche", "Win-back attempts"),
        "survey_responses" => ("Umfrageantworten", "Survey answers"),
        "interactions" => ("Kontakte und Reklamationen", "Contacts and complaints"),
        "customer_last_contacts" => ("Letzter Kontakt je Kanal", "Last contact per channel"),
        "customer_losses" => ("Verloren und zurückgewonnen", "Lost and won back"),
        "customer_potentials" => ("Geschätztes Potenzial", "Estimated potential"),
        "customer_values" => ("Kundenwert (Analyse)", "Customer value (analysis)"),
        "customer_indicator_values" => ("Bewertungen", "Ratings"),
        "customer_signals" => ("Kaufsignale", "Purchase signals"),
        "agenda_marks" => ("Aufgaben erledigt oder verschoben", "Tasks done or put off"),
        "loyalty_members" => ("Kundenkarte", "Loyalty card"),
        "loyalty_entries" => ("Punktekonto", "Points ledger"),
        "coupon_uses" => ("Eingelöste Gutscheine", "Coupons used"),
        "coupons" => ("Gutscheine", "Coupons"),
        "merges" => ("Zusammengeführte Datensätze", "Merged records"),
        "erasures" => ("Löschungen", "Erasures"),
        "audit_log" => ("Protokoll der Änderungen", "Log of changes"),
        other => (other, other),
    };
    lang.pick(de, en)
}

/// Everything stored about customer `id`, as of `clock`'s day.
pub fn customer_data(store: &Store, id: CustomerId, clock: &Clock) -> Result<CustomerData> {
    let customer = store.customer(id)?;
    let tables = store
        .personal_rows(id)?
        .into_iter()
        .map(|(table, rows)| TableRows {
            table: table.to_owned(),
            title: table_title(table, Lang::De).to_owned(),
            rows,
        })
        .collect();
    Ok(CustomerData {
        shop: crate::paper::shop_name(store)?,
        customer_number: customer.number,
        made_on: clock.today(),
        tables,
    })
}

/// The copy as JSON, recorded in the audit trail.
pub fn export_json(store: &mut Store, id: CustomerId, clock: &Clock) -> Result<Vec<u8>> {
    let data = customer_data(store, id, clock)?;
    let json =
        serde_json::to_vec_pretty(&data).map_err(|e| crate::Error::Internal(e.to_string()))?;
    audited(store, id, clock, "JSON")?;
    Ok(json)
}

/// The copy as a PDF, recorded in the audit trail.
pub fn export_pdf(store: &mut Store, id: CustomerId, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    let pdf = pdf(store, id, clock, lang)?;
    audited(store, id, clock, "PDF")?;
    Ok(pdf)
}

fn audited(store: &mut Store, id: CustomerId, clock: &Clock, format: &str) -> Result<()> {
    super::audit::record(
        store,
        clock,
        Some(id),
        &super::AuditAction::DataExported {
            format: format.to_owned(),
        },
    )
}

/// A column's name as a reader knows it (the stored name where none is set).
pub fn column_label(column: &str, lang: Lang) -> &str {
    let (de, en) = match column {
        "number" => ("Kundennummer", "Customer number"),
        "kind" => ("Art", "Kind"),
        "salutation" => ("Anrede", "Salutation"),
        "title" => ("Titel", "Title"),
        "first_name" => ("Vorname", "First name"),
        "last_name" => ("Nachname", "Last name"),
        "firm_name" => ("Firma", "Firm"),
        "street" => ("Straße", "Street"),
        "postal_code" => ("PLZ", "Postal code"),
        "city" => ("Ort", "City"),
        "country" => ("Land", "Country"),
        "phone" => ("Telefon", "Phone"),
        "email" => ("E-Mail", "E-mail"),
        "other_phones" => ("Weitere Telefonnummern", "Other phones"),
        "other_emails" => ("Weitere E-Mail-Adressen", "Other e-mails"),
        "notes" | "note" => ("Notiz", "Note"),
        "birth_day" => ("Geburtstag (Tag)", "Birthday (day)"),
        "birth_month" => ("Geburtstag (Monat)", "Birthday (month)"),
        "birth_year" => ("Geburtsjahr", "Year of birth"),
        "partner_name" => ("Partner/in", "Partner"),
        "partner_birth_day" => ("Geburtstag Partner/in (Tag)", "Partner's birthday (day)"),
        "partner_birth_month" => (
            "Geburtstag Partner/in (Monat)",
            "Partner's birthday (month)",
        ),
        "partner_birth_year" => ("Geburtsjahr Partner/in", "Partner's year of birth"),
        "relations" => ("Angehörige", "Relations"),
        "preferred_channels" => ("Bevorzugte Kanäle", "Preferred channels"),
        "quiet_times" => ("Bitte nicht anrufen", "Do not call"),
        "peak_months" => ("Hauptsaison", "Peak months"),
        "address_form" => ("Anrede (Sie/Du)", "Form of address"),
        "closeness" => ("Nähe", "Closeness"),
        "interests" => ("Interessen", "Interests"),
        "preferences" => ("Vorlieben", "Preferences"),
        "industry" => ("Branche", "Industry"),
        "company_size" => ("Mitarbeiter", "Employees"),
        "annual_revenue_cents" => ("Jahresumsatz", "Annual revenue"),
        "customer_since" => ("Kunde seit", "Customer since"),
        "status" => ("Status", "Status"),
        "created_at" => ("Angelegt", "Created"),
        "updated_at" => ("Geändert", "Changed"),
        "trashed_at" => ("Im Papierkorb seit", "In the trash since"),
        "last_verified" => ("Daten geprüft", "Data checked"),
        "erased_on" => ("Gelöscht am", "Erased on"),
        "date" | "on_date" => ("Datum", "Date"),
        "amount_cents" => ("Betrag", "Amount"),
        "discount_cents" => ("Rabatt", "Discount"),
        "product" => ("Produkt", "Product"),
        "category" => ("Kategorie", "Category"),
        "quantity" => ("Menge", "Quantity"),
        "at" => ("Zeitpunkt", "At"),
        "channel" => ("Kanal", "Channel"),
        "summary" => ("Inhalt", "Summary"),
        "points" => ("Punkte", "Points"),
        "given" => ("Erteilt", "Given"),
        "source" => ("Quelle", "Source"),
        "wording" => ("Wortlaut", "Wording"),
        "answers" => ("Antworten", "Answers"),
        "action" => ("Aktion", "Action"),
        "detail" => ("Einzelheiten", "Details"),
        other => (other, other),
    };
    lang.pick(de, en)
}

fn value_text(column: &str, value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => "–".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if column.ends_with("_cents") => n
            .as_i64()
            .map(|c| format!("{} €", crate::money::cents_text(c, lang)))
            .unwrap_or_else(|| n.to_string()),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The copy as a readable PDF: one section per table, one paragraph per row.
pub fn pdf(store: &Store, id: CustomerId, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    let data = customer_data(store, id, clock)?;
    let mut blocks = vec![Block::Text(
        lang.pick(
            "Diese Auskunft enthält alles, was Stammkunde über Sie gespeichert hat, Tabelle für \
             Tabelle (Art. 15 DSGVO). Beträge in Euro, Tage als JJJJ-MM-TT.",
            "This copy holds everything Stammkunde stores about you, table by table (Art. 15 \
             GDPR). Amounts in euros, days as YYYY-MM-DD.",
        )
        .to_owned(),
    )];
    for table in &data.tables {
        blocks.push(Block::Section(format!(
            "{} ({})",
            table_title(&table.table, lang),
            table.rows.len()
        )));
        if table.rows.is_empty() {
            blocks.push(Block::Note(lang.pick("keine", "none").to_owned()));
            continue;
        }
        for row in &table.rows {
            if table.table == "customers" {
                for (column, value) in row {
                    blocks.push(Block::Fact(
                        column_label(column, lang).to_owned(),
                        value_text(column, value, lang),
                    ));
                }
            } else {
                let text = row
                    .iter()
                    .filter(|(c, _)| c.as_str() != "customer_id")
                    .map(|(c, v)| format!("{}: {}", column_label(c, lang), value_text(c, v, lang)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                blocks.push(Block::Text(text));
            }
        }
    }
    let heading = Heading {
        shop: data.shop.clone(),
        title: lang
            .pick(
                "Auskunft über gespeicherte Daten",
                "Copy of the stored data",
            )
            .to_owned(),
        filter: format!(
            "{} {}",
            lang.pick("Kundennummer", "Customer number"),
            data.customer_number
        ),
        date: clock.today(),
        lang,
    };
    write_blocks(&heading, Orientation::Portrait, &blocks)
}
