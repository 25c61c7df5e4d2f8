//! Merging two records of one customer (Dubletten zusammenführen), and undoing it.
//!
//! The user picks, field by field, what the surviving customer keeps; the screen sends the
//! result as an ordinary [`CustomerInput`], validated like an edit. Purchases, interactions
//! and contact persons of the other record move to the survivor; the other record goes to
//! the trash, marked as merged. The store remembers both rows as they were, so
//! [`undo`] restores the previous state exactly — as long as the survivor has not been
//! edited since (then an undo would silently throw that edit away, and is refused).

use crate::clock::Clock;
use crate::customers::{self, Customer, CustomerId, CustomerInput};
use crate::error::{Error, Result};
use crate::soft_facts::Labeled;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The database id of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct MergeId(
    // Ids stay far below 2^53: a plain number in TypeScript.
    #[cfg_attr(feature = "specta", specta(type = u32))] pub i64,
);

/// A merge as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Merge {
    pub id: MergeId,
    pub survivor_id: CustomerId,
    pub merged_id: CustomerId,
    /// The merged record's customer number before the merge.
    pub merged_number: String,
    pub merged_at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
    pub moved_purchases: u32,
    pub moved_interactions: u32,
    pub moved_contacts: u32,
}

/// The facts of a customer that the user chooses between, field by field, when the two
/// records disagree. Lists (tags, further numbers, relations, interests, preferences …)
/// are united and notes joined, so nothing typed is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MergeField {
    Number,
    Kind,
    /// Salutation, title, first and last name.
    Name,
    FirmName,
    /// Street, postcode, city, country.
    Address,
    Phone,
    Email,
    Industry,
    CompanySize,
    AnnualRevenue,
    CustomerSince,
    Employee,
    Status,
    Birthday,
    /// The partner's name and birthday.
    Partner,
    AddressForm,
    Closeness,
}

impl MergeField {
    pub const ALL: [MergeField; 17] = [
        MergeField::Number,
        MergeField::Kind,
        MergeField::Name,
        MergeField::FirmName,
        MergeField::Address,
        MergeField::Phone,
        MergeField::Email,
        MergeField::Industry,
        MergeField::CompanySize,
        MergeField::AnnualRevenue,
        MergeField::CustomerSince,
        MergeField::Employee,
        MergeField::Status,
        MergeField::Birthday,
        MergeField::Partner,
        MergeField::AddressForm,
        MergeField::Closeness,
    ];

    /// Copies this field from `from` into `into`.
    fn copy(self, from: &CustomerInput, into: &mut CustomerInput) {
        match self {
            MergeField::Number => into.number = from.number.clone(),
            MergeField::Kind => into.kind = from.kind,
            MergeField::Name => {
                into.salutation = from.salutation;
                into.title = from.title.clone();
                into.first_name = from.first_name.clone();
                into.last_name = from.last_name.clone();
            }
            MergeField::FirmName => into.firm_name = from.firm_name.clone(),
            MergeField::Address => {
                into.street = from.street.clone();
                into.postal_code = from.postal_code.clone();
                into.city = from.city.clone();
                into.country = from.country.clone();
            }
            MergeField::Phone => into.phone = from.phone.clone(),
            MergeField::Email => into.email = from.email.clone(),
            MergeField::Industry => into.industry = from.industry.clone(),
            MergeField::CompanySize => into.company_size = from.company_size.clone(),
            MergeField::AnnualRevenue => into.annual_revenue = from.annual_revenue.clone(),
            MergeField::CustomerSince => into.customer_since = from.customer_since.clone(),
            MergeField::Employee => into.employee_id = from.employee_id,
            MergeField::Status => into.status = from.status,
            MergeField::Birthday => into.birthday = from.birthday.clone(),
            MergeField::Partner => {
                into.partner_name = from.partner_name.clone();
                into.partner_birthday = from.partner_birthday.clone();
            }
            MergeField::AddressForm => into.address_form = from.address_form,
            MergeField::Closeness => into.closeness = from.closeness,
        }
    }

    /// Whether the field holds nothing in `input`.
    fn is_empty(self, input: &CustomerInput) -> bool {
        // Kind, status and number always have a value: never "empty", never proposed.
        let blank = CustomerInput {
            kind: input.kind,
            status: input.status,
            number: input.number.clone(),
            ..CustomerInput::default()
        };
        let mut probe = blank.clone();
        self.copy(input, &mut probe);
        probe == blank
    }
}

/// What the user chose: who survives, who is merged into it, and which fields the survivor
/// takes from the merged record (all others it keeps).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeInput {
    pub survivor: CustomerId,
    pub merged: CustomerId,
    pub take: Vec<MergeField>,
}

/// The fields the merge screen suggests taking: those the survivor lacks and the other
/// record has.
pub fn proposal(survivor: &Customer, merged: &Customer) -> Vec<MergeField> {
    let (s, m) = (customers::input_of(survivor), customers::input_of(merged));
    MergeField::ALL
        .into_iter()
        .filter(|f| *f != MergeField::Number && f.is_empty(&s) && !f.is_empty(&m))
        .collect()
}

fn unite<T: PartialEq + Clone>(into: &mut Vec<T>, from: &[T]) {
    for item in from {
        if !into.contains(item) {
            into.push(item.clone());
        }
    }
}

/// Adds the main numbers (or addresses) of both records that are not the chosen main one
/// to the further ones, unlabelled.
fn keep_unchosen(main: &str, further: &mut Vec<Labeled>, candidates: [&str; 2]) {
    for value in candidates {
        let known = value == main || further.iter().any(|l| l.value == value);
        if !value.trim().is_empty() && !known {
            further.push(Labeled {
                label: String::new(),
                value: value.to_string(),
            });
        }
    }
}

/// The survivor's data after the merge: its own, the chosen fields of the other record,
/// both records' lists united, both notes kept, and a main phone number or e-mail address
/// that was not chosen kept among the further ones.
pub fn combine(survivor: &Customer, merged: &Customer, take: &[MergeField]) -> CustomerInput {
    let keep = customers::input_of(survivor);
    let other = customers::input_of(merged);
    let mut out = keep.clone();
    for field in take {
        field.copy(&other, &mut out);
    }
    unite(&mut out.tags, &other.tags);
    unite(&mut out.interests, &other.interests);
    unite(&mut out.preferences, &other.preferences);
    unite(&mut out.relations, &other.relations);
    unite(&mut out.preferred_channels, &other.preferred_channels);
    unite(&mut out.quiet_times, &other.quiet_times);
    unite(&mut out.peak_months, &other.peak_months);
    out.peak_months.sort_unstable();
    unite(&mut out.other_phones, &other.other_phones);
    unite(&mut out.other_emails, &other.other_emails);
    let phone = out.phone.clone();
    keep_unchosen(&phone, &mut out.other_phones, [&keep.phone, &other.phone]);
    let email = out.email.clone();
    keep_unchosen(&email, &mut out.other_emails, [&keep.email, &other.email]);
    if !other.notes.trim().is_empty() && !keep.notes.contains(other.notes.trim()) {
        out.notes = if keep.notes.trim().is_empty() {
            other.notes.clone()
        } else {
            format!("{}\n\n{}", keep.notes.trim_end(), other.notes.trim())
        };
    }
    out
}

/// The survivor after the merge and the merge to undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeOutcome {
    pub merge: Merge,
    pub survivor: Customer,
}

/// Both records side by side, with the fields the screen suggests taking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    pub survivor: Customer,
    pub merged: Customer,
    pub proposed: Vec<MergeField>,
}

/// What the merge screen shows for merging `merged` into `survivor`.
pub fn preview(store: &Store, survivor: CustomerId, merged: CustomerId) -> Result<MergePreview> {
    if survivor == merged {
        return Err(Error::Merge(MergeProblem::SameCustomer));
    }
    let survivor = customers::get(store, survivor)?;
    let merged = customers::get(store, merged)?;
    let proposed = proposal(&survivor, &merged);
    Ok(MergePreview {
        survivor,
        merged,
        proposed,
    })
}

/// Merges `input.merged` into `input.survivor` in one transaction.
pub fn merge(store: &mut Store, input: &MergeInput, clock: &Clock) -> Result<MergeOutcome> {
    let now = clock.now();
    if input.survivor == input.merged {
        return Err(Error::Merge(MergeProblem::SameCustomer));
    }
    let survivor = customers::get(store, input.survivor)?;
    let merged = customers::get(store, input.merged)?;
    let combined = combine(&survivor, &merged, &input.take);
    let fields = customers::validate(&combined, clock.today()).map_err(Error::Validation)?;
    crate::backup::before_operation(store, crate::backup::Kind::BeforeMerge, clock)?;
    let (merge, survivor) = store.atomically(|s| {
        let (id, survivor) = s.merge_customers(input.survivor, input.merged, &fields, now)?;
        crate::privacy::audit::record(
            s,
            clock,
            Some(input.survivor),
            &crate::privacy::AuditAction::Merged {
                merge: id.0,
                merged: input.merged.0,
            },
        )?;
        Ok((s.merge(id)?, survivor))
    })?;
    Ok(MergeOutcome { merge, survivor })
}

/// Undoes merge `id`: both customers and the moved rows are as before the merge.
pub fn undo(store: &mut Store, id: MergeId, clock: &Clock) -> Result<Merge> {
    let now = clock.now();
    let merge = store.merge(id)?;
    for customer in [merge.survivor_id, merge.merged_id] {
        if store.erased_on(customer)?.is_some() {
            return Err(Error::Merge(MergeProblem::Erased));
        }
    }
    store.atomically(|s| {
        let undone = s.undo_merge(id, now)?;
        crate::privacy::audit::record(
            s,
            clock,
            Some(merge.survivor_id),
            &crate::privacy::AuditAction::MergeUndone { merge: id.0 },
        )?;
        Ok(undone)
    })
}

/// Why a merge or its undo cannot be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeProblem {
    /// A customer cannot be merged with itself.
    SameCustomer,
    /// The merge was undone already.
    AlreadyUndone,
    /// The surviving customer was changed after the merge; an undo would lose that.
    ChangedSince,
    /// One of the two was erased on request: nothing of them may come back.
    Erased,
}

impl MergeProblem {
    pub(crate) fn message(self, lang: crate::Lang) -> &'static str {
        match self {
            MergeProblem::SameCustomer => lang.pick(
                "Ein Kunde kann nicht mit sich selbst zusammengeführt werden.",
                "A customer cannot be merged with itself.",
            ),
            MergeProblem::AlreadyUndone => lang.pick(
                "Diese Zusammenführung wurde schon rückgängig gemacht.",
                "This merge was undone already.",
            ),
            MergeProblem::ChangedSince => lang.pick(
                "Der Kunde wurde nach dem Zusammenführen geändert; Rückgängig würde diese \
                 Änderungen verlieren und ist darum nicht mehr möglich.",
                "The customer was changed after the merge; undoing it would lose those \
                 changes, so it is no longer possible.",
            ),
            MergeProblem::Erased => lang.pick(
                "Einer der beiden Kunden wurde auf Wunsch gelöscht; die Zusammenführung kann \
                 nicht mehr rückgängig gemacht werden.",
                "One of the two customers was erased on request; the merge can no longer be \
                 undone.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::{CustomerKind, CustomerStatus, Salutation};
    use crate::soft_facts::{AddressForm, PartialDate};
    use chrono::TimeZone;

    fn customer(id: i64, last: &str) -> Customer {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Customer {
            id: CustomerId(id),
            number: format!("1000{id}"),
            kind: CustomerKind::Person,
            display_name: last.into(),
            salutation: Salutation::default(),
            title: String::new(),
            first_name: "Hans".into(),
            last_name: last.into(),
            firm_name: String::new(),
            street: String::new(),
            postal_code: String::new(),
            city: String::new(),
            country: String::new(),
            phone: String::new(),
            email: String::new(),
            other_phones: vec![],
            other_emails: vec![],
            industry: String::new(),
            company_size: None,
            annual_revenue_cents: None,
            customer_since: None,
            employee_id: None,
            tags: vec![],
            status: CustomerStatus::default(),
            birthday: None,
            partner_name: String::new(),
            partner_birthday: None,
            relations: vec![],
            preferred_channels: vec![],
            quiet_times: vec![],
            peak_months: vec![],
            address_form: AddressForm::default(),
            closeness: None,
            interests: vec![],
            preferences: vec![],
            notes: String::new(),
            created_at: at,
            updated_at: at,
            trashed_at: None,
            last_verified: None,
            erased_on: None,
        }
    }

    #[test]
    fn the_proposal_fills_what_the_survivor_lacks() {
        let mut a = customer(1, "Müller");
        a.phone = "0221 1234".into();
        let mut b = customer(2, "Mueller");
        b.phone = "0221 9999".into();
        b.street = "Hauptstr. 3".into();
        b.birthday = PartialDate::new(14, 3, None);
        b.closeness = Some(4);
        assert_eq!(
            proposal(&a, &b),
            vec![
                MergeField::Address,
                MergeField::Birthday,
                MergeField::Closeness
            ]
        );
    }

    #[test]
    fn nothing_typed_is_lost_in_a_merge() {
        let mut a = customer(1, "Müller");
        a.phone = "0221 1234".into();
        a.email = "hans@example.de".into();
        a.tags = vec!["VIP".into()];
        a.notes = "Mag Rennräder.".into();
        a.peak_months = vec![12];
        let mut b = customer(2, "Mueller");
        b.phone = "0221 9999".into();
        b.email = "hans@example.de".into();
        b.tags = vec!["Newsletter".into(), "VIP".into()];
        b.notes = "Fragt nach Rabatt.".into();
        b.peak_months = vec![7, 12];
        b.interests = vec!["Radsport".into()];

        let kept = combine(&a, &b, &[]);
        assert_eq!(kept.last_name, "Müller");
        assert_eq!(kept.phone, "0221 1234");
        let further: Vec<&str> = kept.other_phones.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(further, vec!["0221 9999"], "the other main number is kept");
        assert!(
            kept.other_emails.is_empty(),
            "the same address is not repeated"
        );
        assert_eq!(kept.tags, vec!["VIP", "Newsletter"]);
        assert_eq!(kept.peak_months, vec![7, 12]);
        assert_eq!(kept.interests, vec!["Radsport"]);
        assert_eq!(kept.notes, "Mag Rennräder.\n\nFragt nach Rabatt.");

        let taken = combine(&a, &b, &[MergeField::Name, MergeField::Phone]);
        assert_eq!(taken.last_name, "Mueller");
        assert_eq!(taken.phone, "0221 9999");
        let further: Vec<&str> = taken
            .other_phones
            .iter()
            .map(|l| l.value.as_str())
            .collect();
        assert_eq!(further, vec!["0221 1234"]);
    }
}
