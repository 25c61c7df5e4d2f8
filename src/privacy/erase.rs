//! Erasure on request (Art. 17 GDPR): the person's data removed from every table, the
//! rows the shop must keep for its accounts left without anything personal, and the freed
//! space overwritten, so the name is in neither the database file nor its log.
//!
//! What stays, and why: the customer's number and a nameless record (the bookkeeping's
//! invoices name the number; HGB §257 / AO §147 keep accounting records 6–10 years);
//! purchases with day, amount, discount, product, category and quantity (the shop's
//! revenue figures) but without their note; the points ledger's figures without notes
//! (the points the shop owed); a loss's day and reason without its note; survey answers
//! without the text and without the link to the person (the survey's figures); coupon
//! uses of campaign codes without the person. Everything else about the customer goes:
//! contacts and complaints, contact persons, tags, soft facts, consents, value rows,
//! agenda marks, the card, personal coupons, the snapshots kept for undoing a merge.
//! The audit trail stays (it never holds personal values), and the erasure itself is
//! recorded: the day, by whom, the reason.

use crate::clock::Clock;
use crate::customers::{self, CustomerId};
use crate::error::{Error, Field, Issue, Result};
use crate::input::Checker;
use crate::store::Store;
use crate::surveys::answers::Answer;
use serde::{Deserialize, Serialize};

/// An erasure as typed: the customer's name again (a confirmation), and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EraseInput {
    pub confirm_name: String,
    pub reason: String,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Erased {
    pub customer_number: String,
    /// The records merged into this one, erased with it (the same person).
    pub merged_records: u32,
    /// Whether the log could be emptied at once (else at the next checkpoint).
    pub scrubbed: bool,
}

fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Erases customer `id` after the name typed matches the record's name (case and spaces
/// aside). One transaction for the customer and the records merged into it; a backup
/// before (it expires with the rotation).
pub fn erase(
    store: &mut Store,
    id: CustomerId,
    input: &EraseInput,
    clock: &Clock,
) -> Result<Erased> {
    let customer = customers::get(store, id)?;
    if customer.erased_on.is_some() {
        return Err(Error::Privacy(super::PrivacyProblem::Erased));
    }
    let mut check = Checker::new();
    let reason = check.required(Field::Reason, &input.reason, 500);
    let expected = folded(&customer.display_name);
    if folded(&input.confirm_name) != expected {
        check.fail(
            Field::Confirmation,
            if input.confirm_name.trim().is_empty() {
                Issue::Required
            } else {
                Issue::Invalid
            },
        );
    }
    check.finish(|| ()).map_err(Error::Validation)?;
    crate::backup::before_operation(store, crate::backup::Kind::BeforeErase, clock)?;
    let merged = store.merged_into_chain(id)?;
    store.atomically(|s| {
        for &m in &merged {
            erase_one(s, m, &reason, clock)?;
        }
        erase_one(s, id, &reason, clock)?;
        s.merge_search_index()
    })?;
    let scrubbed = store.truncate_log()?;
    Ok(Erased {
        customer_number: customer.number,
        merged_records: merged.len() as u32,
        scrubbed,
    })
}

fn erase_one(store: &mut Store, id: CustomerId, reason: &str, clock: &Clock) -> Result<()> {
    if store.erased_on(id)?.is_some() {
        return Ok(());
    }
    let answers = store
        .survey_answers_of(id)?
        .into_iter()
        .map(|(response, json)| {
            let answers: Vec<Answer> = serde_json::from_str(&json).unwrap_or_default();
            let kept: Vec<Answer> = answers
                .into_iter()
                .map(|a| match a {
                    Answer::Text(_) => Answer::Skipped,
                    other => other,
                })
                .collect();
            let json = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
            Ok((response, json))
        })
        .collect::<Result<Vec<_>>>()?;
    store.erase_customer(id, &answers, clock.today(), reason, clock.now())?;
    super::audit::record(store, clock, Some(id), &super::AuditAction::CustomerErased)
}

/// Erases every customer that has been in the trash for more than `days` days (typed);
/// returns how many. Customers merged into others are erased with their survivor only.
pub fn purge_trash(store: &mut Store, days: &str, clock: &Clock) -> Result<u32> {
    let mut check = Checker::new();
    let days = check.whole(Field::Days, days, 1, 3650);
    let days = check
        .finish(|| days.unwrap_or(30))
        .map_err(Error::Validation)?;
    let before = clock.now() - chrono::TimeDelta::days(days);
    let ids = store.trashed_before(before)?;
    if ids.is_empty() {
        return Ok(0);
    }
    crate::backup::before_operation(store, crate::backup::Kind::BeforeErase, clock)?;
    let reason = match days {
        1 => "Papierkorb geleert (älter als 1 Tag)".to_owned(),
        n => format!("Papierkorb geleert (älter als {n} Tage)"),
    };
    let count = ids.len() as u32;
    store.atomically(|s| {
        for &id in &ids {
            erase_one(s, id, &reason, clock)?;
        }
        super::audit::record(
            s,
            clock,
            None,
            &super::AuditAction::TrashPurged { customers: count },
        )?;
        s.merge_search_index()
    })?;
    store.truncate_log()?;
    Ok(count)
}

/// Refuses work on an erased customer.
pub fn ensure_not_erased(store: &Store, id: CustomerId) -> Result<()> {
    match store.erased_on(id)? {
        Some(_) => Err(Error::Privacy(super::PrivacyProblem::Erased)),
        None => Ok(()),
    }
}
