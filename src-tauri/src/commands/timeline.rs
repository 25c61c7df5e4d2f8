//! A customer's timeline: purchases and interactions.

use stammkunde::customers::CustomerId;
use stammkunde::interactions::{self, Interaction, InteractionInput};
use stammkunde::timeline::{self, TimelineCursor, TimelinePage};
use stammkunde::transactions::{self, Transaction, TransactionId, TransactionInput};

store_commands! {
    /// A page of the customer's purchases and interactions, newest first.
    timeline_page(customer: CustomerId, after: Option<TimelineCursor>, limit: u32) -> TimelinePage
        => |store| timeline::page(store, customer, after.as_ref(), limit);

    transactions_add(customer: CustomerId, input: TransactionInput) -> Transaction
        => |store, clock| transactions::add(store, customer, &input, clock);

    /// Cancels a purchase: it leaves the timeline and the figures, its points are taken back.
    transactions_cancel(id: TransactionId) -> ()
        => |store, clock| transactions::cancel(store, id, clock);

    interactions_add(customer: CustomerId, input: InteractionInput) -> Interaction
        => |store, clock| interactions::add(store, customer, &input, clock);
}
