//! Reading what was typed into a customer: every field checked, lists by row, and the
//! rules the rest of the core shares (display name, sort key, phone and e-mail checks).

use super::*;

pub(crate) const NAME_MAX: u32 = 100;
pub(crate) const LINE_MAX: u32 = 200;
pub(crate) const NOTES_MAX: u32 = 10_000;

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

pub(crate) const LIST_MAX: usize = 20;

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

pub(crate) fn valid_postal_code(code: &str, german: bool) -> bool {
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
