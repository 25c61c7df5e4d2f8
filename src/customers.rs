//! Customers: the record every other area hangs off, its validation and its list order.
//!
//! Input arrives as the text a person typed (a form, a CLI flag); [`validate`] turns it into
//! clean fields or a list of per-field problems. Only then does the store write anything.

use crate::clock::Clock;
use crate::employees::EmployeeId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::input::{Checker, check_limit};
use crate::interactions::Channel;
use crate::privacy::AuditAction;
use crate::soft_facts::{
    AddressForm, Labeled, PartialDate, QuietTime, QuietTimeInput, Relation, RelationInput,
    UpcomingBirthday, check_birthday, parse_partial_date, parse_time, upcoming_birthday,
};
use crate::store::{ListCursor, Store};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod browse;
pub use browse::*;

mod validate;
pub use validate::*;

/// The database id of a customer. Stable, never shown; the user sees [`Customer::number`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
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

/// Herr or Frau; none for firms and when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Salutation {
    #[default]
    None,
    Mr,
    Ms,
}

impl Salutation {
    pub fn code(self) -> &'static str {
        match self {
            Salutation::None => "",
            Salutation::Mr => "mr",
            Salutation::Ms => "ms",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Salutation::None, Salutation::Mr, Salutation::Ms]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// Whether the customer still buys. Lost customers stay in the list (marked) so they can
/// be won back; the trash is something else (a record nobody wants to see).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum CustomerStatus {
    #[default]
    Active,
    Lost,
}

impl CustomerStatus {
    pub fn code(self) -> &'static str {
        match self {
            CustomerStatus::Active => "active",
            CustomerStatus::Lost => "lost",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [CustomerStatus::Active, CustomerStatus::Lost]
            .into_iter()
            .find(|s| s.code() == code)
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
    pub salutation: Salutation,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166 two-letter code; empty means Germany.
    pub country: String,
    /// The main phone number.
    pub phone: String,
    /// The main e-mail address.
    pub email: String,
    pub other_phones: Vec<Labeled>,
    pub other_emails: Vec<Labeled>,
    pub industry: String,
    /// Number of employees of a firm, as typed.
    pub company_size: String,
    /// The customer's own annual revenue, as typed (`1.250.000`).
    pub annual_revenue: String,
    pub customer_since: String,
    pub employee_id: Option<EmployeeId>,
    pub tags: Vec<String>,
    pub status: CustomerStatus,
    /// `14.03.1961`, `1961-03-14`, or without the year `14.03.`; empty when unknown.
    pub birthday: String,
    pub partner_name: String,
    pub partner_birthday: String,
    pub relations: Vec<RelationInput>,
    /// Most preferred first.
    pub preferred_channels: Vec<Channel>,
    pub quiet_times: Vec<QuietTimeInput>,
    /// 1 = January … 12 = December.
    pub peak_months: Vec<u8>,
    pub address_form: AddressForm,
    /// 1 = distant … 5 = very close.
    pub closeness: Option<u8>,
    pub interests: Vec<String>,
    /// Free pairs: "Zimmer" → "12, Mineralwasser in der Minibar".
    pub preferences: Vec<Labeled>,
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
    pub salutation: Salutation,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub other_phones: Vec<Labeled>,
    pub other_emails: Vec<Labeled>,
    pub industry: String,
    pub company_size: Option<u32>,
    // Cents stay far below 2^53; TypeScript gets a number.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub annual_revenue_cents: Option<i64>,
    pub customer_since: Option<NaiveDate>,
    pub employee_id: Option<EmployeeId>,
    pub tags: Vec<String>,
    pub status: CustomerStatus,
    pub birthday: Option<PartialDate>,
    pub partner_name: String,
    pub partner_birthday: Option<PartialDate>,
    pub relations: Vec<Relation>,
    pub preferred_channels: Vec<Channel>,
    pub quiet_times: Vec<QuietTime>,
    pub peak_months: Vec<u8>,
    pub address_form: AddressForm,
    pub closeness: Option<u8>,
    pub interests: Vec<String>,
    pub preferences: Vec<Labeled>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub trashed_at: Option<DateTime<Utc>>,
    /// When somebody last confirmed the data is still right; `None`: never.
    pub last_verified: Option<NaiveDate>,
    /// Erased on request that day: the record is an empty tombstone.
    pub erased_on: Option<NaiveDate>,
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
    pub status: CustomerStatus,
    /// From the last value analysis (none before it, or without purchases).
    pub phase: Option<crate::value::segments::Phase>,
    pub score: Option<u8>,
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
    pub next_birthday: Option<UpcomingBirthday>,
    pub next_partner_birthday: Option<UpcomingBirthday>,
    /// Per relation, in the order of [`Customer::relations`].
    pub next_relation_birthdays: Vec<Option<UpcomingBirthday>>,
    /// The responsible employee's name.
    pub employee_name: Option<String>,
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
    pub salutation: Salutation,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub other_phones: Vec<Labeled>,
    pub other_emails: Vec<Labeled>,
    pub industry: String,
    pub company_size: Option<u32>,
    pub annual_revenue_cents: Option<i64>,
    pub customer_since: Option<NaiveDate>,
    pub employee_id: Option<EmployeeId>,
    pub tags: Vec<String>,
    pub status: CustomerStatus,
    pub birthday: Option<PartialDate>,
    pub partner_name: String,
    pub partner_birthday: Option<PartialDate>,
    pub relations: Vec<Relation>,
    pub preferred_channels: Vec<Channel>,
    pub quiet_times: Vec<QuietTime>,
    pub peak_months: Vec<u8>,
    pub address_form: AddressForm,
    pub closeness: Option<u8>,
    pub interests: Vec<String>,
    pub preferences: Vec<Labeled>,
    pub notes: String,
    pub sort_key: String,
}

/// Largest page the list hands out at once.
pub const MAX_PAGE: u32 = 500;

/// Creates a customer from what was typed; assigns the next free number if none was given.
pub fn create(store: &mut Store, input: &CustomerInput, clock: &Clock) -> Result<Customer> {
    let now = clock.now();
    let fields = validate(input, clock.today()).map_err(Error::Validation)?;
    store.atomically(|s| {
        let customer = s.insert_customer(&fields, now)?;
        audit(s, clock, customer.id, &AuditAction::CustomerCreated)?;
        Ok(customer)
    })
}

fn audit(store: &mut Store, clock: &Clock, id: CustomerId, action: &AuditAction) -> Result<()> {
    crate::privacy::audit::record(store, clock, Some(id), action)
}

/// The names of the fields (as the form names them) in which two versions differ; the
/// bookkeeping columns (`updatedAt`, `sortKey` …) aside.
pub fn changed_fields(before: &Customer, after: &Customer) -> Vec<String> {
    const SKIP: [&str; 6] = [
        "updatedAt",
        "createdAt",
        "sortKey",
        "displayName",
        "trashedAt",
        "lastVerified",
    ];
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    a.iter()
        .filter(|(k, v)| !SKIP.contains(&k.as_str()) && b.get(k.as_str()) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Replaces a customer's fields with what was typed.
pub fn update(
    store: &mut Store,
    id: CustomerId,
    input: &CustomerInput,
    clock: &Clock,
) -> Result<Customer> {
    let now = clock.now();
    let fields = validate(input, clock.today()).map_err(Error::Validation)?;
    store.atomically(|s| {
        let before = s.customer(id)?;
        let after = s.update_customer(id, &fields, now)?;
        let fields = changed_fields(&before, &after);
        if !fields.is_empty() {
            audit(s, clock, id, &AuditAction::CustomerChanged { fields })?;
        }
        Ok(after)
    })
}

/// A birthday as the form takes it back: `14.03.1961`, or `14.03.` without the year.
pub fn partial_date_text(date: Option<PartialDate>) -> String {
    match date {
        None => String::new(),
        Some(d) => match d.year {
            Some(y) => format!("{:02}.{:02}.{y}", d.day, d.month),
            None => format!("{:02}.{:02}.", d.day, d.month),
        },
    }
}

/// A stored customer as input again (what an edit form starts from); validating it gives
/// the same customer back.
pub fn input_of(c: &Customer) -> CustomerInput {
    input_in(c, crate::Lang::De)
}

/// A stored customer as the edit form starts from it, amounts written in `lang`.
pub fn input_in(c: &Customer, lang: crate::Lang) -> CustomerInput {
    let cents = |v: i64| crate::money::cents_text(v, lang);
    CustomerInput {
        number: c.number.clone(),
        kind: c.kind,
        salutation: c.salutation,
        title: c.title.clone(),
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        firm_name: c.firm_name.clone(),
        street: c.street.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
        country: c.country.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        other_phones: c.other_phones.clone(),
        other_emails: c.other_emails.clone(),
        industry: c.industry.clone(),
        company_size: c.company_size.map(|n| n.to_string()).unwrap_or_default(),
        annual_revenue: c.annual_revenue_cents.map(cents).unwrap_or_default(),
        customer_since: c
            .customer_since
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_default(),
        employee_id: c.employee_id,
        tags: c.tags.clone(),
        status: c.status,
        birthday: partial_date_text(c.birthday),
        partner_name: c.partner_name.clone(),
        partner_birthday: partial_date_text(c.partner_birthday),
        relations: c
            .relations
            .iter()
            .map(|r| RelationInput {
                name: r.name.clone(),
                relation: r.relation.clone(),
                birthday: partial_date_text(r.birthday),
            })
            .collect(),
        preferred_channels: c.preferred_channels.clone(),
        quiet_times: c
            .quiet_times
            .iter()
            .map(|q| QuietTimeInput {
                weekdays: q.weekdays.clone(),
                from: q.from.clone(),
                to: q.to.clone(),
            })
            .collect(),
        peak_months: c.peak_months.clone(),
        address_form: c.address_form,
        closeness: c.closeness,
        interests: c.interests.clone(),
        preferences: c.preferences.clone(),
        notes: c.notes.clone(),
    }
}

/// What the edit form of customer `id` starts from, amounts written in `lang`.
pub fn edit_input(store: &Store, id: CustomerId, lang: crate::Lang) -> Result<CustomerInput> {
    Ok(input_in(&store.customer(id)?, lang))
}

/// One customer, also when it is in the trash.
pub fn get(store: &Store, id: CustomerId) -> Result<Customer> {
    store.customer(id)
}

/// One customer for the customer page, judged as of `today`.
/// The customers with these ids, in that order (for long lists: one read for all).
pub fn get_many(store: &Store, ids: &[CustomerId]) -> Result<Vec<Customer>> {
    store.customers_by_ids(ids)
}

/// The customer (not in the trash) with this number, as the command line names them.
pub fn by_number(store: &Store, number: &str) -> Result<Customer> {
    match store.customer_id_by_number(number.trim())? {
        Some(id) => store.customer(id),
        None => Err(Error::Validation(vec![FieldError::new(
            Field::Number,
            Issue::Unknown,
        )])),
    }
}

/// The customer with this number, also in the trash or erased.
pub fn by_number_any(store: &Store, number: &str) -> Result<Customer> {
    match store.customer_id_by_number_any(number.trim())? {
        Some(id) => store.customer(id),
        None => Err(Error::Validation(vec![FieldError::new(
            Field::Number,
            Issue::Unknown,
        )])),
    }
}

pub fn details(store: &Store, id: CustomerId, today: NaiveDate) -> Result<CustomerDetails> {
    let customer = store.customer(id)?;
    let employee_name = match customer.employee_id {
        Some(employee) => store.employee_name(employee)?,
        None => None,
    };
    let next = |b: Option<PartialDate>| b.and_then(|b| upcoming_birthday(b, today));
    Ok(CustomerDetails {
        verification_due: verification_due(customer.last_verified, today),
        next_birthday: next(customer.birthday),
        next_partner_birthday: next(customer.partner_birthday),
        next_relation_birthdays: customer
            .relations
            .iter()
            .map(|r| next(r.birthday))
            .collect(),
        employee_name,
        customer,
    })
}

/// Records that the customer's data was checked today ("Daten geprüft").
pub fn mark_verified(store: &mut Store, id: CustomerId, clock: &Clock) -> Result<CustomerDetails> {
    let now = clock.now();
    let today = clock.today();
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
pub fn trash(store: &mut Store, id: CustomerId, clock: &Clock) -> Result<Customer> {
    let now = clock.now();
    crate::privacy::erase::ensure_not_erased(store, id)?;
    store.atomically(|s| {
        let customer = s.set_customer_trashed(id, Some(now), now)?;
        audit(s, clock, id, &AuditAction::CustomerTrashed)?;
        Ok(customer)
    })
}

/// The customers in the trash, most recently trashed first (at most `limit`).
pub fn trashed(store: &Store, limit: u32) -> Result<Vec<TrashedCustomer>> {
    check_limit(limit, MAX_PAGE)?;
    store.trashed_customers(limit)
}

/// Takes a customer back out of the trash.
pub fn restore(store: &mut Store, id: CustomerId, clock: &Clock) -> Result<Customer> {
    let now = clock.now();
    crate::privacy::erase::ensure_not_erased(store, id)?;
    store.atomically(|s| {
        let customer = s.set_customer_trashed(id, None, now)?;
        audit(s, clock, id, &AuditAction::CustomerRestored)?;
        Ok(customer)
    })
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
