//! Finding customers: the list in four sort orders with filters, the search, and saved
//! filters.

use super::*;

/// A page of live customers in name order, starting after `after`.
pub fn list(store: &Store, after: Option<&ListCursor>, limit: u32) -> Result<CustomerPage> {
    check_limit(limit, MAX_PAGE)?;
    let filter = CustomerFilter::default();
    // The "not verified" cut-off plays no part without that filter.
    store.browse_customers(&filter, None, NaiveDate::MIN, after, limit)
}

/// Turns what someone typed into an FTS5 query: every word, quoted, as a prefix, all of
/// them required. Punctuation separates words, so no FTS5 syntax can be injected. `None`
/// when nothing searchable is left.
pub fn match_expression(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(10)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Live customers whose name, address, notes, number, phone or e-mail contain every word
/// of `query` (as a word start; umlauts and accents folded, "mueller" finds "Müller"),
/// best matches first. An empty query lists customers in name order.
pub fn search(store: &Store, query: &str, limit: u32) -> Result<CustomerPage> {
    let filter = CustomerFilter {
        query: query.to_owned(),
        ..CustomerFilter::default()
    };
    browse(store, &filter, None, limit, NaiveDate::MIN)
}

/// The order of the customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum CustomerSort {
    /// By name as a phone book files it.
    #[default]
    Name,
    /// By customer number (numerically for numeric numbers).
    Number,
    /// By city, then name.
    City,
    /// Newest customers first.
    Newest,
    /// Highest score of the last value analysis first (customers without one last),
    /// then by name.
    Score,
}

/// What the customer list shows: a search and filters, all of them combined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerFilter {
    /// Words to search for; with a query the list is in order of relevance.
    pub query: String,
    /// Empty: any.
    pub tag: String,
    /// Empty: any.
    pub city: String,
    pub employee_id: Option<EmployeeId>,
    /// 1–12.
    pub birthday_month: Option<u8>,
    pub status: Option<CustomerStatus>,
    /// Only customers whose data nobody checked in the last twelve months.
    pub not_verified: bool,
    /// Matrix field, ABC class or relationship phase from the last value analysis.
    pub quadrant: Option<crate::value::segments::Quadrant>,
    pub abc: Option<crate::value::segments::Abc>,
    pub phase: Option<crate::value::segments::Phase>,
    /// Only customers whose score is at least this (0–100).
    pub min_score: Option<u8>,
    /// Only customers advertising may reach on this channel (their consent; see
    /// `privacy::consent` for the rule per channel) — for newsletters, mailings and
    /// marketing exports.
    pub may_contact: Option<crate::privacy::ConsentChannel>,
    pub sort: CustomerSort,
}

impl CustomerFilter {
    fn check(&self) -> Result<()> {
        let mut check = Checker::new();
        check.text(Field::Tags, &self.tag, 40);
        check.text(Field::City, &self.city, NAME_MAX);
        check.text(Field::Name, &self.query, 200);
        if let Some(month) = self.birthday_month
            && !(1..=12).contains(&month)
        {
            check.fail(Field::BirthdayMonth, Issue::OutOfRange { min: 1, max: 12 });
        }
        if self.min_score.is_some_and(|s| s > 100) {
            check.fail(Field::Score, Issue::OutOfRange { min: 0, max: 100 });
        }
        check.finish(|| ()).map_err(Error::Validation)
    }
}

/// A filter the owner saved under a name ("Stammtisch Köln", "Geburtstage im März").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SavedFilter {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub name: String,
    pub filter: CustomerFilter,
}

/// What the filter menus offer: the cities and tags in use, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FilterOptions {
    pub cities: Vec<String>,
    pub tags: Vec<String>,
}

/// The customer list as `filter` says, a page after `after`. With a search query: the
/// best matches (up to `limit`) in order of relevance, and how many match in all.
pub fn browse(
    store: &Store,
    filter: &CustomerFilter,
    after: Option<&ListCursor>,
    limit: u32,
    today: NaiveDate,
) -> Result<CustomerPage> {
    check_limit(limit, MAX_PAGE)?;
    filter.check()?;
    let verified_before = today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let expression = match_expression(&filter.query);
    store.browse_customers(filter, expression.as_deref(), verified_before, after, limit)
}

/// A customer of the list in the list's order, with the figures the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedCustomer {
    pub id: CustomerId,
    pub phase: Option<crate::value::segments::Phase>,
    pub score: Option<u8>,
}

/// Every customer of the list as `filter` says, in its order — with a search query every
/// match, best first, not only the best page (printing and exporting take them all).
pub fn listed_in_order(
    store: &Store,
    filter: &CustomerFilter,
    today: NaiveDate,
) -> Result<Vec<ListedCustomer>> {
    filter.check()?;
    let listed = |page: &CustomerPage| {
        page.items
            .iter()
            .map(|c| ListedCustomer {
                id: c.id,
                phase: c.phase,
                score: c.score,
            })
            .collect::<Vec<_>>()
    };
    if let Some(expression) = match_expression(&filter.query) {
        let verified_before = today
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(NaiveDate::MIN);
        let page =
            store.browse_customers(filter, Some(&expression), verified_before, None, u32::MAX)?;
        return Ok(listed(&page));
    }
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = browse(store, filter, after.as_ref(), MAX_PAGE, today)?;
        out.extend(listed(&page));
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(out),
        }
    }
}

/// The cities and tags to offer in the list's filters.
pub fn filter_options(store: &Store) -> Result<FilterOptions> {
    store.filter_options()
}

/// Saves `filter` under `name`; a filter of the same name is replaced.
pub fn save_filter(
    store: &mut Store,
    name: &str,
    filter: &CustomerFilter,
    clock: &Clock,
) -> Result<SavedFilter> {
    let now = clock.now();
    let mut check = Checker::new();
    let name = check.required(Field::FilterName, name, 60);
    check.finish(|| ()).map_err(Error::Validation)?;
    filter.check()?;
    store.save_filter(&name, filter, now)
}

/// The saved filters by name.
pub fn saved_filters(store: &Store) -> Result<Vec<SavedFilter>> {
    store.saved_filters()
}

pub fn delete_saved_filter(store: &mut Store, id: i64) -> Result<()> {
    store.delete_saved_filter(id)
}
