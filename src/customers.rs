//! Customers: the record every other area hangs off, its validation and its list order.
//!
//! Input arrives as the text a person typed (a form, a CLI flag); [`validate`] turns it into
//! clean fields or a list of per-field problems. Only then does the store write anything.

use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::input::{Checker, check_limit};
use crate::store::{ListCursor, Store};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The database id of a customer. Stable, never shown; the user sees [`Customer::number`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct CustomerId(
    // Ids stay far below 2^53, so TypeScript gets a plain number, not a bigint.
    #[cfg_attr(feature = "specta", specta(type = u32))] pub i64,
);

/// A private person or a firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum CustomerKind {
    #[default]
    Person,
    Firm,
}

impl CustomerKind {
    pub fn code(self) -> &'static str {
        match self {
            CustomerKind::Person => "person",
            CustomerKind::Firm => "firm",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "person" => Some(CustomerKind::Person),
            "firm" => Some(CustomerKind::Firm),
            _ => None,
        }
    }
}

/// What a form or the command line sends to create or change a customer: text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerInput {
    /// Empty: the next free number is assigned on create, the current one kept on update.
    pub number: String,
    pub kind: CustomerKind,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166 two-letter code; empty means Germany.
    pub country: String,
    pub phone: String,
    pub email: String,
    /// `31.12.1980` or `1980-12-31`; empty when unknown.
    pub birthday: String,
    pub notes: String,
}

/// A stored customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: CustomerId,
    pub number: String,
    pub kind: CustomerKind,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub trashed_at: Option<DateTime<Utc>>,
    /// When somebody last confirmed the data is still right; `None`: never.
    pub last_verified: Option<NaiveDate>,
}

/// One row of the customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub id: CustomerId,
    pub number: String,
    pub kind: CustomerKind,
    pub display_name: String,
    pub city: String,
    pub phone: String,
    pub email: String,
}

/// A page of the customer list, in name order, and where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerPage {
    pub items: Vec<CustomerSummary>,
    /// `None` on the last page.
    pub next: Option<ListCursor>,
    /// Customers not in the trash, over all pages.
    pub total: u32,
}

/// A customer with what the customer page says about the record today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetails {
    pub customer: Customer,
    /// Never checked, or not within the last twelve months.
    pub verification_due: bool,
}

/// A customer in the trash, for the trash list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TrashedCustomer {
    pub customer: CustomerSummary,
    pub trashed_at: DateTime<Utc>,
}

/// Clean, validated customer fields, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CustomerFields {
    pub number: Option<String>,
    pub kind: CustomerKind,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub sort_key: String,
}

/// Largest page the list hands out at once.
pub const MAX_PAGE: u32 = 500;

const NAME_MAX: u32 = 100;
const LINE_MAX: u32 = 200;
const NOTES_MAX: u32 = 10_000;

/// Checks and normalises what was typed. `today` bounds the birthday.
pub(crate) fn validate(
    input: &CustomerInput,
    today: NaiveDate,
) -> std::result::Result<CustomerFields, Vec<FieldError>> {
    let mut check = Checker::new();
    let number = check.text(Field::Number, &input.number, 20);
    let first_name = check.text(Field::FirstName, &input.first_name, NAME_MAX);
    let last_name = check.text(Field::LastName, &input.last_name, NAME_MAX);
    let firm_name = check.text(Field::FirmName, &input.firm_name, LINE_MAX);
    let street = check.text(Field::Street, &input.street, LINE_MAX);
    let postal_code = check.text(Field::PostalCode, &input.postal_code, 10);
    let city = check.text(Field::City, &input.city, NAME_MAX);
    let country = check
        .text(Field::Country, &input.country, 2)
        .to_ascii_uppercase();
    let phone = check.text(Field::Phone, &input.phone, 30);
    let email = check.text(Field::Email, &input.email, 254);
    let notes = check.text(Field::Notes, &input.notes, NOTES_MAX);

    match input.kind {
        CustomerKind::Person if last_name.is_empty() => {
            check.fail(Field::LastName, Issue::Required);
        }
        CustomerKind::Firm if firm_name.is_empty() => {
            check.fail(Field::FirmName, Issue::Required);
        }
        _ => {}
    }
    let iso_code = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
    if !(country.is_empty() || iso_code) {
        check.fail(Field::Country, Issue::Unknown);
    }
    let german = country.is_empty() || country == "DE";
    if !postal_code.is_empty() && !valid_postal_code(&postal_code, german) {
        check.fail(Field::PostalCode, Issue::InvalidPostalCode);
    }
    if !phone.is_empty() && !valid_phone(&phone) {
        check.fail(Field::Phone, Issue::InvalidPhone);
    }
    if !email.is_empty() && !valid_email(&email) {
        check.fail(Field::Email, Issue::InvalidEmail);
    }
    let birthday = match check.date(Field::Birthday, &input.birthday) {
        Some(date) if date > today => {
            check.fail(Field::Birthday, Issue::DateInFuture);
            None
        }
        Some(date) if date.year() < 1900 => {
            check.fail(Field::Birthday, Issue::DateTooEarly);
            None
        }
        date => date,
    };

    let sort_basis = match input.kind {
        CustomerKind::Person => format!("{last_name} {first_name}"),
        CustomerKind::Firm => firm_name.clone(),
    };
    check.finish(|| CustomerFields {
        number: (!number.is_empty()).then_some(number),
        kind: input.kind,
        first_name,
        last_name,
        firm_name,
        street,
        postal_code,
        city,
        country,
        phone,
        email,
        birthday,
        notes,
        sort_key: sort_key(sort_basis.trim()),
    })
}

/// The name the user sees: "Hans Müller" for a person, the firm's name for a firm.
pub fn display_name(kind: CustomerKind, first: &str, last: &str, firm: &str) -> String {
    match kind {
        CustomerKind::Firm => firm.to_owned(),
        CustomerKind::Person => format!("{first} {last}").trim().to_owned(),
    }
}

/// The list order: case and accents folded the way a German phone book files names
/// (DIN 5007-1: "Müller" beside "Muller", "Straße" as "strasse").
pub fn sort_key(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

fn valid_postal_code(code: &str, german: bool) -> bool {
    if german {
        code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())
    } else {
        code.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    }
}

pub(crate) fn valid_phone(phone: &str) -> bool {
    let allowed = |c: char| c.is_ascii_digit() || " +-/().".contains(c);
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    phone.chars().all(allowed) && digits >= 4 && !phone[1..].contains('+')
}

/// A practical check, not RFC 5322: one `@`, a local part, and a domain with a dot whose
/// labels are not empty. This catches the typos that happen at a counter.
pub(crate) fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let bad_char = |c: char| c.is_whitespace() || c == '@' || c == ',' || c == ';';
    !local.is_empty()
        && !email.chars().any(|c| c.is_whitespace())
        && !domain.chars().any(bad_char)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-'))
}

/// Creates a customer from what was typed; assigns the next free number if none was given.
pub fn create(store: &mut Store, input: &CustomerInput, now: DateTime<Utc>) -> Result<Customer> {
    let fields = validate(input, now.date_naive()).map_err(Error::Validation)?;
    store.insert_customer(&fields, now)
}

/// Replaces a customer's fields with what was typed.
pub fn update(
    store: &mut Store,
    id: CustomerId,
    input: &CustomerInput,
    now: DateTime<Utc>,
) -> Result<Customer> {
    let fields = validate(input, now.date_naive()).map_err(Error::Validation)?;
    store.update_customer(id, &fields, now)
}

/// One customer, also when it is in the trash.
pub fn get(store: &Store, id: CustomerId) -> Result<Customer> {
    store.customer(id)
}

/// A page of live customers in name order, starting after `after`.
pub fn list(store: &Store, after: Option<&ListCursor>, limit: u32) -> Result<CustomerPage> {
    check_limit(limit, MAX_PAGE)?;
    store.customer_page(after, limit)
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
    check_limit(limit, MAX_PAGE)?;
    match match_expression(query) {
        Some(expression) => store.search_customers(&expression, limit),
        None => store.customer_page(None, limit),
    }
}

/// One customer for the customer page, judged as of `today`.
pub fn details(store: &Store, id: CustomerId, today: NaiveDate) -> Result<CustomerDetails> {
    let customer = store.customer(id)?;
    let verification_due = verification_due(customer.last_verified, today);
    Ok(CustomerDetails {
        customer,
        verification_due,
    })
}

/// Records that the customer's data was checked today ("Daten geprüft").
pub fn mark_verified(
    store: &mut Store,
    id: CustomerId,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<CustomerDetails> {
    store.set_customer_verified(id, today, now)?;
    details(store, id, today)
}

/// Whether a customer's data is due for a check: never checked, or not within the last
/// twelve months.
pub fn verification_due(last_verified: Option<NaiveDate>, today: NaiveDate) -> bool {
    match (
        last_verified,
        today.checked_sub_months(chrono::Months::new(12)),
    ) {
        (Some(checked), Some(year_ago)) => checked <= year_ago,
        _ => true,
    }
}

/// Moves a customer to the trash: gone from the list, still restorable.
pub fn trash(store: &mut Store, id: CustomerId, now: DateTime<Utc>) -> Result<Customer> {
    store.set_customer_trashed(id, Some(now), now)
}

/// The customers in the trash, most recently trashed first (at most `limit`).
pub fn trashed(store: &Store, limit: u32) -> Result<Vec<TrashedCustomer>> {
    check_limit(limit, MAX_PAGE)?;
    store.trashed_customers(limit)
}

/// Takes a customer back out of the trash.
pub fn restore(store: &mut Store, id: CustomerId, now: DateTime<Utc>) -> Result<Customer> {
    store.set_customer_trashed(id, None, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn person(last: &str) -> CustomerInput {
        CustomerInput {
            last_name: last.into(),
            ..Default::default()
        }
    }

    fn issues(input: &CustomerInput) -> Vec<(Field, Issue)> {
        validate(input, today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.issue))
            .collect()
    }

    #[test]
    fn person_needs_last_name_and_firm_needs_firm_name() {
        assert_eq!(
            issues(&person("  ")),
            vec![(Field::LastName, Issue::Required)]
        );
        let firm = CustomerInput {
            kind: CustomerKind::Firm,
            last_name: "x".into(),
            ..Default::default()
        };
        assert_eq!(issues(&firm), vec![(Field::FirmName, Issue::Required)]);
    }

    #[test]
    fn trims_and_builds_names() {
        let input = CustomerInput {
            first_name: " Jürgen ".into(),
            last_name: "Öztürk".into(),
            email: " j@oeztuerk.de ".into(),
            country: "de".into(),
            ..Default::default()
        };
        let f = validate(&input, today()).unwrap();
        assert_eq!(
            display_name(f.kind, &f.first_name, &f.last_name, &f.firm_name),
            "Jürgen Öztürk"
        );
        assert_eq!(f.sort_key, "ozturk jurgen");
        assert_eq!(f.email, "j@oeztuerk.de");
        assert_eq!(f.country, "DE");
        assert_eq!(f.number, None);
    }

    #[test]
    fn emails() {
        for ok in ["a@b.de", "hans.mueller+shop@example.co.uk"] {
            assert!(valid_email(ok), "{ok}");
        }
        for bad in [
            "a",
            "a@",
            "@b.de",
            "a@b",
            "a b@c.de",
            "a@b..de",
            "a@@b.de",
            "a@b.de;c@d.de",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
        let input = CustomerInput {
            email: "hans@mueller".into(),
            ..person("Müller")
        };
        assert_eq!(issues(&input), vec![(Field::Email, Issue::InvalidEmail)]);
    }

    #[test]
    fn phones_and_postcodes() {
        assert!(valid_phone("+49 (0)30 123-456/7"));
        assert!(!valid_phone("123"));
        assert!(!valid_phone("030 abc 1234"));
        assert!(!valid_phone("030 12+34"));
        assert!(valid_postal_code("01067", true));
        assert!(!valid_postal_code("1067", true));
        assert!(valid_postal_code("SW1A 1AA", false));
    }

    #[test]
    fn birthdays() {
        let bad = CustomerInput {
            birthday: "31.02.1980".into(),
            ..person("A")
        };
        assert_eq!(issues(&bad), vec![(Field::Birthday, Issue::InvalidDate)]);
        let future = CustomerInput {
            birthday: "23.11.2026".into(),
            ..person("A")
        };
        assert_eq!(
            issues(&future),
            vec![(Field::Birthday, Issue::DateInFuture)]
        );
        let old = CustomerInput {
            birthday: "01.01.1899".into(),
            ..person("A")
        };
        assert_eq!(issues(&old), vec![(Field::Birthday, Issue::DateTooEarly)]);
        let today_ok = CustomerInput {
            birthday: "22.11.2026".into(),
            ..person("A")
        };
        assert!(validate(&today_ok, today()).is_ok());
    }

    #[test]
    fn reports_every_problem_at_once() {
        let input = CustomerInput {
            notes: "x".repeat(10_001),
            phone: "12".into(),
            postal_code: "ABC".into(),
            ..Default::default()
        };
        let found: Vec<Field> = issues(&input).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            found,
            vec![
                Field::Notes,
                Field::LastName,
                Field::PostalCode,
                Field::Phone
            ]
        );
    }

    #[test]
    fn match_expressions_quote_every_word_as_a_prefix() {
        assert_eq!(
            match_expression("Müller Köln").as_deref(),
            Some("\"Müller\"* \"Köln\"*")
        );
        assert_eq!(
            match_expression("hans@mueller.de").as_deref(),
            Some("\"hans\"* \"mueller\"* \"de\"*")
        );
        assert_eq!(
            match_expression("\"a\" OR b*").as_deref(),
            Some("\"a\"* \"OR\"* \"b\"*")
        );
        assert_eq!(match_expression("  - ; "), None);
    }

    #[test]
    fn verification_is_due_after_twelve_months_or_never() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert!(verification_due(None, today()));
        assert!(!verification_due(day(2026, 11, 22), today()));
        assert!(!verification_due(day(2025, 11, 23), today()));
        assert!(verification_due(day(2025, 11, 22), today()));
        assert!(verification_due(day(2020, 1, 1), today()));
    }

    #[test]
    fn sort_key_folds_german_letters() {
        assert_eq!(sort_key("Müller"), sort_key("Muller"));
        assert_eq!(sort_key("Weiß"), "weiss");
    }
}
