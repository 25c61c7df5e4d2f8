//! The search index's text of a new customer, as the view `customer_search_source`
//! (schema 6) makes it from the stored row, its tags and its contacts.
//!
//! Bulk inserts (imports, demo data) index their customers with this text instead of
//! asking the view: its seven-fold `replace()` chains and JSON subqueries took 1.3 s per
//! 100,000 customers, more than the index itself. The single-customer path keeps using the
//! view through the triggers; `tests::matches_the_view` keeps both in step.

use crate::contacts::ContactFields;
use crate::customers::CustomerFields;
use rusqlite::Connection;

/// The five indexed columns of one customer: names, alt_names, place, notes, reach.
pub(super) type SearchText = [String; 5];

/// The text `customer_search_source` gives a customer with these fields and contacts.
pub(super) fn search_text(
    f: &CustomerFields,
    number: &str,
    contacts: &[ContactFields],
) -> SearchText {
    // The view reads contacts through the index (customer_id, name): in name order.
    let mut sorted: Vec<&ContactFields> = contacts.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let contact_text = join(
        sorted
            .iter()
            .map(|c| format!("{} {} {}", c.name, c.role, c.email)),
    );
    // Tags are read in the primary key's NOCASE order.
    let mut tags: Vec<&String> = f.tags.iter().collect();
    tags.sort_by_key(|t| t.to_ascii_lowercase());
    let tag_text = join(tags.iter().map(|t| t.to_string()));
    let more_reach = join(
        f.other_phones
            .iter()
            .chain(&f.other_emails)
            .map(|l| l.value.clone()),
    );
    let soft_text = join(
        f.interests
            .iter()
            .cloned()
            .chain(
                f.preferences
                    .iter()
                    .map(|p| format!("{} {}", p.label, p.value)),
            )
            .chain(
                f.relations
                    .iter()
                    .map(|r| format!("{} {}", r.name, r.relation)),
            ),
    );
    let names = format!(
        "{} {} {} {}",
        f.first_name, f.last_name, f.firm_name, contact_text
    );
    let alt_names = fold(&names);
    let place = format!(
        "{} {} {} {}",
        f.street,
        f.postal_code,
        f.city,
        fold(&format!("{} {}", f.street, f.city))
    );
    let notes = format!(
        "{} {} {} {} {}",
        f.notes, f.industry, f.partner_name, tag_text, soft_text
    );
    let digits: String = format!("{} {}", f.phone, more_reach)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '/' | '(' | ')' | '.' | '+'))
        .collect();
    let reach = format!(
        "{} {} {} {} {}",
        number, f.phone, f.email, more_reach, digits
    );
    [names, alt_names, place, notes, reach]
}

/// `group_concat(…, ' ')`, empty when there is nothing.
fn join(parts: impl Iterator<Item = String>) -> String {
    parts.collect::<Vec<_>>().join(" ")
}

/// The German spelling without umlauts: "Müller" → "Mueller", "Straße" → "Strasse".
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// Indexes customers, one row per statement.
pub(super) fn index(tx: &Connection, rows: &[(i64, SearchText)]) -> crate::error::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (id, [names, alt_names, place, notes, reach]) in rows {
        insert.execute(rusqlite::params![id, names, alt_names, place, notes, reach])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::contacts::ContactInput;
    use crate::customers::CustomerInput;
    use crate::soft_facts::{Labeled, RelationInput};
    use chrono::{NaiveDate, TimeZone, Utc};

    /// A customer with every indexed fact, umlauts, punctuation in phones, several
    /// contacts and tags out of order: the text made here is the view's, column by column.
    #[test]
    fn matches_the_view() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let input = CustomerInput {
            first_name: "Jürgen".into(),
            last_name: "Größe-Übel".into(),
            firm_name: "Ärzte & Öfen GmbH".into(),
            street: "Königsallee 3".into(),
            postal_code: "40212".into(),
            city: "Düsseldorf".into(),
            phone: "+49 (211) 123-45/6".into(),
            email: "j.groesse@example.de".into(),
            other_phones: vec![Labeled {
                label: "Mobil".into(),
                value: "0171 2345.678".into(),
            }],
            other_emails: vec![Labeled {
                label: "privat".into(),
                value: "juergen@example.org".into(),
            }],
            industry: "Möbelhandel".into(),
            tags: vec!["Stammkunde".into(), "b2b".into(), "Aktion".into()],
            partner_name: "Bärbel".into(),
            relations: vec![RelationInput {
                name: "Lükas".into(),
                relation: "Sohn".into(),
                birthday: String::new(),
            }],
            interests: vec!["Weinbau".into(), "Golf".into()],
            preferences: vec![Labeled {
                label: "Getränk".into(),
                value: "Espresso".into(),
            }],
            notes: "mag <b>Süßes</b>".into(),
            ..Default::default()
        };
        let fields = crate::customers::validate(&input, today).unwrap();
        let contacts: Vec<ContactFields> = [("Zoë Weiß", "Einkauf"), ("Anton Öz", "Chef")]
            .iter()
            .map(|(name, role)| {
                crate::contacts::validate(
                    &ContactInput {
                        name: (*name).into(),
                        role: (*role).into(),
                        email: "k@example.de".into(),
                        ..Default::default()
                    },
                    today,
                )
                .unwrap()
            })
            .collect();
        let mut store = Store::open_in_memory().unwrap();
        let customer = store.insert_customer(&fields, now).unwrap();
        for contact in &contacts {
            store.insert_contact(customer.id, contact, now).unwrap();
        }
        let from_view: Vec<String> = store
            .conn
            .query_row(
                "SELECT names, alt_names, place, notes, reach FROM customer_search_source
                 WHERE id = ?1",
                [customer.id.0],
                |r| (0..5).map(|i| r.get(i)).collect(),
            )
            .unwrap();
        let made = search_text(&fields, &customer.number, &contacts);
        assert_eq!(made.to_vec(), from_view);
    }

    #[test]
    fn folds_umlauts_and_sharp_s() {
        assert_eq!(fold("Müller Straße ÄÖÜ äö"), "Mueller Strasse AeOeUe aeoe");
    }
}
