//! Contacts at a customer firm.

use stammkunde::contacts::{self, Contact, ContactId, ContactInput};
use stammkunde::customers::CustomerId;

store_commands! {
    contacts_list(customer: CustomerId) -> Vec<Contact>
        => |store| contacts::list(store, customer);

    contacts_add(customer: CustomerId, input: ContactInput) -> Contact
        => |store, clock| contacts::add(store, customer, &input, clock);

    contacts_update(id: ContactId, input: ContactInput) -> Contact
        => |store, clock| contacts::update(store, id, &input, clock);

    /// Removes a contact; the answer holds it so the UI can offer to undo.
    contacts_remove(id: ContactId) -> Contact
        => |store, clock| contacts::remove(store, id, clock);
}
