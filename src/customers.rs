//! Customers: the record every other area hangs off, its validation and its list order.
//!
//! Input arrives as the text a person typed (a form, a CLI flag); [`validate`] turns it into
//! clean fields or a list of per-field problems. Only then does the store write anything.

use crate::clock::Clock;
use crate::employees::EmployeeId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::input::{Checker, check_limit};
use crate::interactions::Channel;
use crate::soft_facts::{
    AddressForm, Labeled, PartialDate, QuietTime, QuietTimeInput, Relation, RelationInput,
    UpcomingBirthday, check_birthday, parse_partial_date, parse_time, upcoming_birthday,
};
use crate::store::{ListCursor, Store};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
    let title = check.text(Field::Title, &input.title, 40);
    let industry = check.text(Field::Industry, &input.industry, NAME_MAX);
    let birthday = read_birthday(&mut check, Field::Birthday, &input.birthday, today);
    let partner_name = check.text(Field::PartnerName, &input.partner_name, NAME_MAX);
    let partner_birthday = read_birthday(
        &mut check,
        Field::PartnerBirthday,
        &input.partner_birthday,
        today,
    );
    let company_size = whole_number(&mut check, Field::CompanySize, &input.company_size);
    let annual_revenue_cents = if input.annual_revenue.trim().is_empty() {
        None
    } else {
        Some(check.cents(Field::AnnualRevenue, &input.annual_revenue, None))
    };
    let customer_since = match check.date(Field::CustomerSince, &input.customer_since) {
        Some(date) if date > today => {
            check.fail(Field::CustomerSince, Issue::DateInFuture);
            None
        }
        Some(date) if date.year() < 1900 => {
            check.fail(Field::CustomerSince, Issue::DateTooEarly);
            None
        }
        date => date,
    };
    if let Some(c) = input.closeness
        && !(1..=5).contains(&c)
    {
        check.fail(Field::Closeness, Issue::OutOfRange { min: 1, max: 5 });
    }
    let other_phones = labeled_list(&mut check, Field::OtherPhones, &input.other_phones, |v| {
        (v.chars().count() <= 30 && valid_phone(v))
            .then_some(())
            .ok_or(Issue::InvalidPhone)
    });
    let other_emails = labeled_list(&mut check, Field::OtherEmails, &input.other_emails, |v| {
        (v.chars().count() <= 254 && valid_email(v))
            .then_some(())
            .ok_or(Issue::InvalidEmail)
    });
    let preferences = labeled_list(&mut check, Field::Preferences, &input.preferences, |v| {
        (v.chars().count() <= 500)
            .then_some(())
            .ok_or(Issue::TooLong { max: 500 })
    });
    let tags = word_list(&mut check, Field::Tags, &input.tags, 40, 20);
    let interests = word_list(&mut check, Field::Interests, &input.interests, 100, 30);
    let relations = relations(&mut check, &input.relations, today);
    let quiet_times = quiet_times(&mut check, &input.quiet_times);
    let mut preferred_channels: Vec<Channel> = Vec::new();
    for channel in &input.preferred_channels {
        if !preferred_channels.contains(channel) {
            preferred_channels.push(*channel);
        }
    }
    let mut peak_months: Vec<u8> = Vec::new();
    for (row, month) in input.peak_months.iter().enumerate() {
        if !(1..=12).contains(month) {
            check.fail_at(
                Field::PeakMonths,
                row,
                Issue::OutOfRange { min: 1, max: 12 },
            );
        } else if !peak_months.contains(month) {
            peak_months.push(*month);
        }
    }
    peak_months.sort_unstable();

    let sort_basis = match input.kind {
        CustomerKind::Person => format!("{last_name} {first_name}"),
        CustomerKind::Firm => firm_name.clone(),
    };
    check.finish(|| CustomerFields {
        number: (!number.is_empty()).then_some(number),
        kind: input.kind,
        salutation: input.salutation,
        title,
        first_name,
        last_name,
        firm_name,
        street,
        postal_code,
        city,
        country,
        phone,
        email,
        other_phones,
        other_emails,
        industry,
        company_size,
        annual_revenue_cents,
        customer_since,
        employee_id: input.employee_id,
        tags,
        status: input.status,
        birthday,
        partner_name,
        partner_birthday,
        relations,
        preferred_channels,
        quiet_times,
        peak_months,
        address_form: input.address_form,
        closeness: input.closeness,
        interests,
        preferences,
        notes,
        sort_key: sort_key(sort_basis.trim()),
    })
}

/// A birthday with the year optional, not in the future, not before 1900.
fn read_birthday(
    check: &mut Checker,
    field: Field,
    text: &str,
    today: NaiveDate,
) -> Option<PartialDate> {
    match parse_partial_date(text).and_then(|d| d.map(|d| check_birthday(d, today)).transpose()) {
        Ok(date) => date,
        Err(issue) => {
            check.fail(field, issue);
            None
        }
    }
}

fn whole_number(check: &mut Checker, field: Field, text: &str) -> Option<u32> {
    let text = text.trim().replace('.', "");
    if text.is_empty() {
        return None;
    }
    text.parse().map_or_else(
        |_| {
            check.fail(field, Issue::InvalidNumber);
            None
        },
        Some,
    )
}

const LIST_MAX: usize = 20;

/// Label/value rows: blank rows are dropped, a row needs a value, the value passes `valid`.
fn labeled_list(
    check: &mut Checker,
    field: Field,
    rows: &[Labeled],
    valid: impl Fn(&str) -> std::result::Result<(), Issue>,
) -> Vec<Labeled> {
    let mut out = Vec::new();
    for (row, entry) in rows.iter().enumerate() {
        let label = entry.label.trim();
        let value = entry.value.trim();
        if label.is_empty() && value.is_empty() {
            continue;
        }
        if label.chars().count() > 60 {
            check.fail_at(field, row, Issue::TooLong { max: 60 });
        } else if value.is_empty() {
            check.fail_at(field, row, Issue::Required);
        } else if let Err(issue) = valid(value) {
            check.fail_at(field, row, issue);
        } else if out.len() == LIST_MAX {
            check.fail_at(field, row, Issue::OutOfRange { min: 0, max: 20 });
        } else {
            out.push(Labeled {
                label: label.to_owned(),
                value: value.to_owned(),
            });
        }
    }
    out
}

/// Tags and interests: trimmed, blank ones dropped, the same word (any case) once.
fn word_list(
    check: &mut Checker,
    field: Field,
    words: &[String],
    max_len: u32,
    max_count: usize,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (row, word) in words.iter().enumerate() {
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        if word.is_empty() || out.iter().any(|w| w.to_lowercase() == word.to_lowercase()) {
            continue;
        }
        if word.chars().count() > max_len as usize {
            check.fail_at(field, row, Issue::TooLong { max: max_len });
        } else if out.len() == max_count {
            check.fail_at(
                field,
                row,
                Issue::OutOfRange {
                    min: 0,
                    max: u32::try_from(max_count).unwrap_or(u32::MAX),
                },
            );
        } else {
            out.push(word);
        }
    }
    out
}

fn relations(check: &mut Checker, rows: &[RelationInput], today: NaiveDate) -> Vec<Relation> {
    let mut out = Vec::new();
    for (row, input) in rows.iter().enumerate() {
        let name = input.name.trim();
        let relation = input.relation.trim();
        if name.is_empty() && relation.is_empty() && input.birthday.trim().is_empty() {
            continue;
        }
        let before = check.len();
        if name.is_empty() {
            check.fail_at(Field::Relations, row, Issue::Required);
        } else if name.chars().count() > NAME_MAX as usize || relation.chars().count() > 60 {
            check.fail_at(Field::Relations, row, Issue::TooLong { max: NAME_MAX });
        }
        let birthday = match parse_partial_date(&input.birthday)
            .and_then(|d| d.map(|d| check_birthday(d, today)).transpose())
        {
            Ok(date) => date,
            Err(issue) => {
                check.fail_at(Field::Relations, row, issue);
                None
            }
        };
        if out.len() == LIST_MAX {
            check.fail_at(Field::Relations, row, Issue::OutOfRange { min: 0, max: 20 });
        }
        if check.len() == before {
            out.push(Relation {
                name: name.to_owned(),
                relation: relation.to_owned(),
                birthday,
            });
        }
    }
    out
}

fn quiet_times(check: &mut Checker, rows: &[QuietTimeInput]) -> Vec<QuietTime> {
    let mut out = Vec::new();
    for (row, input) in rows.iter().enumerate() {
        if input.weekdays.is_empty() && input.from.trim().is_empty() && input.to.trim().is_empty() {
            continue;
        }
        let mut weekdays = input.weekdays.clone();
        weekdays.sort_unstable();
        weekdays.dedup();
        let (from, to) = (parse_time(&input.from), parse_time(&input.to));
        let issue = if weekdays.is_empty() {
            Some(Issue::Required)
        } else if weekdays.iter().any(|d| !(1..=7).contains(d)) {
            Some(Issue::OutOfRange { min: 1, max: 7 })
        } else {
            match (&from, &to) {
                (Some(from), Some(to)) if from >= to => Some(Issue::EndBeforeStart),
                (Some(_), Some(_)) => None,
                _ => Some(Issue::InvalidTime),
            }
        };
        match (issue, from, to) {
            (Some(issue), _, _) => check.fail_at(Field::QuietTimes, row, issue),
            (None, Some(from), Some(to)) if out.len() < LIST_MAX => {
                out.push(QuietTime { weekdays, from, to })
            }
            _ => check.fail_at(
                Field::QuietTimes,
                row,
                Issue::OutOfRange { min: 0, max: 20 },
            ),
        }
    }
    out
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
pub fn create(store: &mut Store, input: &CustomerInput, clock: &Clock) -> Result<Customer> {
    let now = clock.now();
    let fields = validate(input, clock.today()).map_err(Error::Validation)?;
    store.insert_customer(&fields, now)
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
    store.update_customer(id, &fields, now)
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

/// One customer for the customer page, judged as of `today`.
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
    store.set_customer_trashed(id, Some(now), now)
}

/// The customers in the trash, most recently trashed first (at most `limit`).
pub fn trashed(store: &Store, limit: u32) -> Result<Vec<TrashedCustomer>> {
    check_limit(limit, MAX_PAGE)?;
    store.trashed_customers(limit)
}

/// Takes a customer back out of the trash.
pub fn restore(store: &mut Store, id: CustomerId, clock: &Clock) -> Result<Customer> {
    let now = clock.now();
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
