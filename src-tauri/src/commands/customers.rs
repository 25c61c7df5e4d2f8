//! Customer records.

use stammkunde::customers::{
    self, Customer, CustomerDetails, CustomerFilter, CustomerId, CustomerInput, CustomerPage,
    FilterOptions, SavedFilter, TrashedCustomer,
};
use stammkunde::store::ListCursor;

store_commands! {
    /// A page of the customer list as the filter says; pass the previous page's `next` for
    /// more. With a search query: the best matches, most relevant first.
    customers_list(filter: CustomerFilter, after: Option<ListCursor>, limit: u32) -> CustomerPage
        => |store, clock| customers::browse(store, &filter, after.as_ref(), limit, clock.today());

    /// The cities and tags the list's filter menus offer.
    customers_filter_options() -> FilterOptions
        => |store| customers::filter_options(store);

    saved_filters_list() -> Vec<SavedFilter>
        => |store| customers::saved_filters(store);

    /// Saves the filter under a name; one of the same name is replaced.
    saved_filters_save(name: String, filter: CustomerFilter) -> SavedFilter
        => |store, clock| customers::save_filter(store, &name, &filter, clock);

    saved_filters_delete(id: u32) -> ()
        => |store| customers::delete_saved_filter(store, i64::from(id));

    /// What the customer's edit form starts from (amounts in the user's language).
    customers_input(id: CustomerId) -> CustomerInput
        => |store, _clock, lang| customers::edit_input(store, id, lang);

    customers_get(id: CustomerId) -> Customer
        => |store| customers::get(store, id);

    customers_create(input: CustomerInput) -> Customer
        => |store, clock| customers::create(store, &input, clock);

    customers_update(id: CustomerId, input: CustomerInput) -> Customer
        => |store, clock| customers::update(store, id, &input, clock);

    customers_trash(id: CustomerId) -> Customer
        => |store, clock| customers::trash(store, id, clock);

    customers_restore(id: CustomerId) -> Customer
        => |store, clock| customers::restore(store, id, clock);

    /// The customers in the trash, most recently trashed first.
    customers_trashed(limit: u32) -> Vec<TrashedCustomer>
        => |store| customers::trashed(store, limit);

    /// One customer for the customer page, with what is due about the record today.
    customers_details(id: CustomerId) -> CustomerDetails
        => |store, clock| customers::details(store, id, clock.today());

    /// "Daten geprüft": the customer's data was checked today.
    customers_mark_verified(id: CustomerId) -> CustomerDetails
        => |store, clock| customers::mark_verified(store, id, clock);
}
