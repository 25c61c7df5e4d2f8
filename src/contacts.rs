//! Contacts at a customer firm (Ansprechpartner): the buyer, the technician, management,
//! accounts. Relationships are kept on every level, not only with the buyer.

use crate::clock::Clock;
use crate::customers::{CustomerId, valid_email, valid_phone};
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::input::Checker;
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ContactId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// A contact as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ContactInput {
    pub name: String,
    /// Buyer, technician, management, accounts …
    pub role: String,
    pub phone: String,
    pub email: String,
    /// `31.12.1980` or `1980-12-31`; empty when unknown.
    pub birthday: String,
    pub notes: String,
}

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: ContactId,
    pub customer_id: CustomerId,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Validated contact fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContactFields {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
}

pub(crate) fn validate(
    input: &ContactInput,
    today: NaiveDate,
) -> std::result::Result<ContactFields, Vec<FieldError>> {
    let mut check = Checker::new();
    let name = check.required(Field::Name, &input.name, 100);
    let role = check.text(Field::Role, &input.role, 100);
    let phone = check.text(Field::Phone, &input.phone, 30);
    if !phone.is_empty() && !valid_phone(&phone) {
        check.fail(Field::Phone, Issue::InvalidPhone);
    }
    let email = check.text(Field::Email, &input.email, 254);
    if !email.is_empty() && !valid_email(&email) {
        check.fail(Field::Email, Issue::InvalidEmail);
    }
    let birthday = match check.date(Field::Birthday, &input.birthday) {
        Some(date) if date > today => {
            check.fail(Field::Birthday, Issue::DateInFuture);
            None
        }
        date => date,
    };
    let notes = check.text(Field::Notes, &input.notes, 2_000);
    check.finish(|| ContactFields {
        name,
        role,
        phone,
        email,
        birthday,
        notes,
    })
}

/// The contacts of a customer, by name.
pub fn list(store: &Store, customer: CustomerId) -> Result<Vec<Contact>> {
    store.customer(customer)?;
    store.contacts_of(customer)
}

/// Adds a contact to a customer who is not in the trash.
pub fn add(
    store: &mut Store,
    customer: CustomerId,
    input: &ContactInput,
    clock: &Clock,
) -> Result<Contact> {
    let now = clock.now();
    let fields = validate(input, clock.today()).map_err(Error::Validation)?;
    store.atomically(|s| {
        let contact = s.insert_contact(customer, &fields, now)?;
        audited(s, clock, &contact, "added")?;
        Ok(contact)
    })
}

fn audited(store: &mut Store, clock: &Clock, contact: &Contact, change: &str) -> Result<()> {
    crate::privacy::audit::record(
        store,
        clock,
        Some(contact.customer_id),
        &crate::privacy::AuditAction::ContactPersonChanged {
            change: change.to_owned(),
        },
    )
}

/// Replaces a contact's fields.
pub fn update(
    store: &mut Store,
    id: ContactId,
    input: &ContactInput,
    clock: &Clock,
) -> Result<Contact> {
    let now = clock.now();
    let fields = validate(input, clock.today()).map_err(Error::Validation)?;
    store.atomically(|s| {
        let contact = s.update_contact(id, &fields, now)?;
        audited(s, clock, &contact, "changed")?;
        Ok(contact)
    })
}

/// Removes a contact and returns what it held, so the caller can offer to undo.
pub fn remove(store: &mut Store, id: ContactId, clock: &Clock) -> Result<Contact> {
    store.atomically(|s| {
        let contact = s.delete_contact(id)?;
        audited(s, clock, &contact, "removed")?;
        Ok(contact)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_needs_a_name_and_valid_ways_to_reach_them() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let input = ContactInput {
            phone: "abc".into(),
            email: "x@".into(),
            birthday: "01.01.2030".into(),
            ..Default::default()
        };
        let found: Vec<_> = validate(&input, today)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.issue))
            .collect();
        assert_eq!(
            found,
            vec![
                (Field::Name, Issue::Required),
                (Field::Phone, Issue::InvalidPhone),
                (Field::Email, Issue::InvalidEmail),
                (Field::Birthday, Issue::DateInFuture),
            ]
        );
        let ok = ContactInput {
            name: " Anna Schmitz ".into(),
            role: "Einkauf".into(),
            ..Default::default()
        };
        assert_eq!(validate(&ok, today).unwrap().name, "Anna Schmitz");
    }
}
