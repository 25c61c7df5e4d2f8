//! Duplicates: the finder, the warning while typing, merging and undoing a merge.

use stammkunde::customers::{CustomerId, CustomerInput};
use stammkunde::duplicates::{self, DuplicatePair, LookAlike};
use stammkunde::merges::{self, Merge, MergeId, MergeInput, MergeOutcome, MergePreview};

store_commands! {
    /// The most likely duplicate pairs, best first.
    duplicates_find(limit: u32) -> Vec<DuplicatePair>
        => |store| duplicates::find(store, limit as usize);

    /// Existing customers that look like the one being typed (`editing`: the one being edited).
    duplicates_similar(input: CustomerInput, editing: Option<CustomerId>) -> Vec<LookAlike>
        => |store| duplicates::similar(store, &input, editing, 3);

    merges_preview(survivor: CustomerId, merged: CustomerId) -> MergePreview
        => |store| merges::preview(store, survivor, merged);

    customers_merge(input: MergeInput) -> MergeOutcome
        => |store, clock| merges::merge(store, &input, clock);

    merges_undo(id: MergeId) -> Merge
        => |store, clock| merges::undo(store, id, clock);
}
