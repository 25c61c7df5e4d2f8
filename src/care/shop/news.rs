//! New products on the shop's database: the list, the form, save and delete, and who
//! should hear of a product (for the agenda and the list's count).

use super::*;
use crate::care::news::{self, NewProduct, NewProductId, NewProductInput, NewsReason};

/// A new product with how many customers hear of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewProductLine {
    pub product: NewProduct,
    /// Whether it counts as new today.
    pub current: bool,
    /// Customers whose purchases, interests or preferences match (consent not yet
    /// applied: the agenda leaves out those who may not be told).
    pub reached: u32,
}

/// Every new product, the newest first, with its reach.
pub fn new_products(store: &Store, today: NaiveDate) -> Result<Vec<NewProductLine>> {
    store
        .new_products()?
        .into_iter()
        .map(|product| {
            Ok(NewProductLine {
                current: product.is_new_on(today),
                reached: reached(store, &product)?.len() as u32,
                product,
            })
        })
        .collect()
}

/// Who should hear of `product` and why (see [`news::reached`]).
pub fn reached(
    store: &Store,
    product: &NewProduct,
) -> Result<std::collections::BTreeMap<CustomerId, NewsReason>> {
    let buyers = if product.category.trim().is_empty() {
        Vec::new()
    } else {
        store.category_buyers(&product.category)?
    };
    let mut words: Vec<String> = product.terms().flat_map(news::words).collect();
    words.sort();
    words.dedup();
    let soft = store.soft_facts_with(&words)?;
    Ok(news::reached(product, &buyers, &soft))
}

/// What the edit form of product `id` starts from, dates written in `lang`.
pub fn new_product_form(store: &Store, id: NewProductId, lang: Lang) -> Result<NewProductInput> {
    store
        .new_products()?
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.input(lang))
        .ok_or(Error::NotFound {
            entity: crate::error::Entity::NewProduct,
            id: id.0,
        })
}

/// Adds (`id` none) or changes a new product.
pub fn save_new_product(
    store: &mut Store,
    id: Option<NewProductId>,
    input: &NewProductInput,
    clock: &Clock,
) -> Result<NewProduct> {
    let fields = news::validate(input, clock.today())?;
    store.save_new_product(id, &fields, clock.now())
}

pub fn delete_new_product(store: &mut Store, id: NewProductId) -> Result<()> {
    store.delete_new_product(id)
}
