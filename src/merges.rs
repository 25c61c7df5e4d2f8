//! Merging two records of one customer (Dubletten zusammenführen), and undoing it.
//!
//! The user picks, field by field, what the surviving customer keeps; the screen sends the
//! result as an ordinary [`CustomerInput`], validated like an edit. Purchases, interactions
//! and contact persons of the other record move to the survivor; the other record goes to
//! the trash, marked as merged. The store remembers both rows as they were, so
//! [`undo`] restores the previous state exactly — as long as the survivor has not been
//! edited since (then an undo would silently throw that edit away, and is refused).

use crate::customers::{self, Customer, CustomerId, CustomerInput};
use crate::error::{Error, MergeProblem, Result};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeId(pub i64);

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

/// What the user chose: who survives, who is merged into it, and the survivor's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeInput {
    pub survivor: CustomerId,
    pub merged: CustomerId,
    pub fields: CustomerInput,
}

/// The survivor after the merge and the merge to undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MergeOutcome {
    pub merge: Merge,
    pub survivor: Customer,
}

/// Merges `input.merged` into `input.survivor` in one transaction.
pub fn merge(store: &mut Store, input: &MergeInput, now: DateTime<Utc>) -> Result<MergeOutcome> {
    if input.survivor == input.merged {
        return Err(Error::Merge(MergeProblem::SameCustomer));
    }
    let fields = customers::validate(&input.fields, now.date_naive()).map_err(Error::Validation)?;
    let (id, survivor) = store.merge_customers(input.survivor, input.merged, &fields, now)?;
    let merge = store
        .merges(u32::MAX)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(Error::Internal("merge not recorded".into()))?;
    Ok(MergeOutcome { merge, survivor })
}

/// Undoes merge `id`: both customers and the moved rows are as before the merge.
pub fn undo(store: &mut Store, id: MergeId, now: DateTime<Utc>) -> Result<Merge> {
    store.undo_merge(id, now)
}

/// The latest merges, newest first.
pub fn history(store: &Store, limit: u32) -> Result<Vec<Merge>> {
    store.merges(limit)
}
