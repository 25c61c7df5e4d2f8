//! At the counter: finding a member by card number, phone or name, and the printable card.

use super::*;

/// How the counter found a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    Card,
    Search,
}

/// A customer the counter's search found, with the identity hints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CounterHit {
    pub customer_id: CustomerId,
    pub name: String,
    pub number: String,
    pub city: String,
    pub birth_day: Option<u8>,
    pub birth_month: Option<u8>,
    pub card_display: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub balance: i64,
    pub matched_by: MatchedBy,
}

/// The counter's search after the day's upkeep, so the balances it shows are today's.
pub fn lookup_today(
    store: &mut Store,
    text: &str,
    limit: u32,
    clock: &Clock,
) -> Result<Vec<CounterHit>> {
    upkeep(store, clock)?;
    lookup(store, text, limit)
}

/// One search field for the counter: a card number (typed or scanned) finds its holder;
/// anything else searches names, customer numbers and phone numbers (spaces, slashes and
/// dashes in a phone number do not matter).
pub fn lookup(store: &Store, text: &str, limit: u32) -> Result<Vec<CounterHit>> {
    let text = text.trim();
    let mut check = Checker::new();
    check.text(Field::Lookup, text, 200);
    crate::input::check_limit(limit, 100)?;
    check.finish(|| ()).map_err(Error::Validation)?;
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let (ids, matched_by) = if let Some(card) = cards::read_card_number(text) {
        (
            store.member_by_card(&card)?.into_iter().collect::<Vec<_>>(),
            MatchedBy::Card,
        )
    } else {
        let phone_like = text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-/()".contains(c));
        let query = if phone_like {
            text.chars().filter(char::is_ascii_digit).collect()
        } else {
            text.to_owned()
        };
        let page = customers::search(store, &query, limit)?;
        (page.items.iter().map(|c| c.id).collect(), MatchedBy::Search)
    };
    Ok(store
        .counter_rows(&ids)?
        .into_iter()
        .map(|r| CounterHit {
            customer_id: r.customer_id,
            name: r.name,
            number: r.number,
            city: r.city,
            birth_day: r.birth_day.and_then(|d| u8::try_from(d).ok()),
            birth_month: r.birth_month.and_then(|m| u8::try_from(m).ok()),
            card_display: r.card_number.as_deref().map(cards::display),
            balance: r.balance,
            matched_by,
        })
        .collect())
}

/// What the printable card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub customer_id: CustomerId,
    /// The shop's name from the program settings (may be empty).
    pub shop_name: String,
    pub name: String,
    pub card_number: String,
    pub card_display: String,
    pub joined_on: NaiveDate,
    pub qr: QrPath,
}

/// The card of a member, with its QR code.
pub fn card(store: &Store, customer: CustomerId) -> Result<Card> {
    let member = store.loyalty_member(customer)?.ok_or(Error::NotFound {
        entity: Entity::Member,
        id: customer.0,
    })?;
    let c = customers::get(store, customer)?;
    Ok(Card {
        customer_id: customer,
        shop_name: settings(store)?.shop_name,
        name: c.display_name,
        card_display: cards::display(&member.card_number),
        qr: cards::qr_path(&member.card_number),
        card_number: member.card_number,
        joined_on: member.joined_on,
    })
}
