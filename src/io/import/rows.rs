//! Each row of a customer file read into a customer input and checked, with the
//! problems and look-alikes named by line.

use super::*;

/// "Herr", "Frau", "Mr", "Ms" …; `None` for anything else.
pub(super) fn salutation(text: &str) -> Option<Salutation> {
    match header_key(text).as_str() {
        "" => Some(Salutation::None),
        "herr" | "hr" | "mr" | "mister" => Some(Salutation::Mr),
        "frau" | "fr" | "ms" | "mrs" | "miss" => Some(Salutation::Ms),
        _ => None,
    }
}

/// A country as its ISO code: "Deutschland", "Germany", "de" → "DE". Unknown names are
/// kept, so the check names the field.
pub(super) fn country_code(text: &str) -> String {
    let code = match header_key(text).as_str() {
        "deutschland" | "germany" | "brd" | "d" => "DE",
        "oesterreich" | "austria" | "a" => "AT",
        "schweiz" | "switzerland" | "ch" => "CH",
        "niederlande" | "netherlands" | "holland" => "NL",
        "belgien" | "belgium" => "BE",
        "luxemburg" | "luxembourg" => "LU",
        "frankreich" | "france" => "FR",
        "italien" | "italy" => "IT",
        "spanien" | "spain" => "ES",
        "daenemark" | "denmark" => "DK",
        "polen" | "poland" => "PL",
        "tschechien" | "czechia" | "czech republic" => "CZ",
        "vereinigtes koenigreich" | "grossbritannien" | "united kingdom" | "uk" => "GB",
        "usa" | "vereinigte staaten" | "united states" => "US",
        key if key.len() == 2 && key.bytes().all(|b| b.is_ascii_alphabetic()) => {
            return key.to_ascii_uppercase();
        }
        _ => return text.to_owned(),
    };
    code.to_owned()
}

/// One row as customer input; problems only the import can see (an unknown salutation)
/// come back beside it.
pub(super) fn row_input(
    row: &Row,
    mapping: &[Option<ImportField>],
) -> (
    CustomerInput,
    Vec<(crate::privacy::ConsentChannel, bool)>,
    Vec<FieldError>,
) {
    let mut input = CustomerInput::default();
    let mut consents = Vec::new();
    let mut problems = Vec::new();
    for (cell, field) in row.cells.iter().zip(mapping) {
        let Some(field) = field else { continue };
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        let text = value.to_owned();
        match field {
            ImportField::Number => input.number = text,
            ImportField::Salutation => match salutation(value) {
                Some(s) => input.salutation = s,
                None => problems.push(FieldError::new(Field::Salutation, Issue::Unknown)),
            },
            ImportField::Title => input.title = text,
            ImportField::FirstName => input.first_name = text,
            ImportField::LastName => input.last_name = text,
            ImportField::FirmName => input.firm_name = text,
            ImportField::Street => input.street = text,
            ImportField::PostalCode => input.postal_code = text,
            ImportField::City => input.city = text,
            ImportField::Country => input.country = country_code(value),
            ImportField::Phone => input.phone = text,
            ImportField::Mobile => input.other_phones.push(Labeled {
                label: "Mobil".into(),
                value: text,
            }),
            ImportField::OtherPhone => input.other_phones.push(Labeled {
                label: String::new(),
                value: text,
            }),
            ImportField::Email => input.email = text,
            ImportField::OtherEmail => input.other_emails.push(Labeled {
                label: String::new(),
                value: text,
            }),
            ImportField::Birthday => input.birthday = text,
            ImportField::PartnerName => input.partner_name = text,
            ImportField::PartnerBirthday => input.partner_birthday = text,
            ImportField::CustomerSince => input.customer_since = text,
            ImportField::Industry => input.industry = text,
            ImportField::AnnualRevenue => input.annual_revenue = text,
            ImportField::Tags => {
                for tag in value
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                {
                    if !input.tags.iter().any(|t| t == tag) {
                        input.tags.push(tag.to_owned());
                    }
                }
            }
            ImportField::Notes => {
                if !input.notes.is_empty() {
                    input.notes.push('\n');
                }
                input.notes.push_str(value);
            }
            ImportField::ConsentEmail
            | ImportField::ConsentLetter
            | ImportField::ConsentPhone
            | ImportField::ConsentMessenger => {
                match (field.consent_channel(), consent_value(value)) {
                    (Some(channel), Some(given)) => consents.push((channel, given)),
                    _ => problems.push(FieldError::new(Field::ConsentChannel, Issue::Invalid)),
                }
            }
        }
    }
    // A firm when a firm name is given (the names then belong to its contact person).
    if !input.firm_name.is_empty() {
        input.kind = CustomerKind::Firm;
    }
    // A mobile number in the phone column's place when there is no other.
    if input.phone.is_empty()
        && let Some(first) = input.other_phones.first().cloned()
    {
        input.phone = first.value;
        input.other_phones.remove(0);
    }
    (input, consents, problems)
}

/// A consent cell: given ("ja", "x", "1", "yes" …) or withdrawn ("nein", "0", "no" …).
pub(super) fn consent_value(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "x" | "1" | "yes" | "y" | "true" | "wahr" | "✓" | "✔" | "erteilt"
        | "given" => Some(true),
        "nein" | "n" | "0" | "no" | "false" | "falsch" | "-" | "widerrufen" | "withdrawn" => {
            Some(false)
        }
        _ => None,
    }
}

/// How many problems and duplicates a preview lists.
pub const PREVIEW_LIMIT: usize = 500;
pub(super) const SAMPLE_ROWS: usize = 5;

/// Number and name of the customers already there, by id.
pub(super) type Names = HashMap<i64, (String, String)>;

/// Every row checked: the validated records in file order (`None` for rows with problems),
/// the problems, and the likely duplicates.
pub(super) struct Checked {
    pub(super) records: Vec<(u32, Option<customers::CustomerFields>)>,
    pub(super) problems: Vec<(u32, FieldError)>,
    pub(super) duplicates: Vec<(u32, String, duplicates::Match)>,
}

/// Checks rows one after another, as the preview and the import both do: each row on its
/// own (validation, a number used twice) and, when asked, against the customers already
/// there and the earlier rows of the file (likely duplicates).
pub(super) struct RowChecker<'a> {
    mapping: &'a [Option<ImportField>],
    today: chrono::NaiveDate,
    /// Numbers of the database (trash included) and of the rows checked so far.
    taken: HashSet<String>,
    /// Existing customers by profile id, then the good rows so far (ids -line).
    index: Option<Index>,
    /// The consent columns of the row checked last.
    pub(super) consents: Vec<(crate::privacy::ConsentChannel, bool)>,
}

/// What checking one row found.
pub(super) enum RowCheck {
    Good(customers::CustomerFields),
    /// Good on its own, but like a customer already there or an earlier row.
    Duplicate {
        fields: customers::CustomerFields,
        name: String,
        like: duplicates::Match,
    },
    Problems(Vec<FieldError>),
}

impl<'a> RowChecker<'a> {
    pub(super) fn new(
        store: &Store,
        mapping: &'a [Option<ImportField>],
        today: chrono::NaiveDate,
        look_for_duplicates: bool,
        names: &Names,
    ) -> Result<RowChecker<'a>> {
        let index = if look_for_duplicates {
            Some(Index::new(&store.duplicate_profiles(None)?))
        } else {
            None
        };
        let mut taken: HashSet<String> = names.values().map(|(number, _)| number.clone()).collect();
        taken.extend(store.trashed_numbers()?);
        Ok(RowChecker {
            mapping,
            today,
            taken,
            index,
            consents: Vec::new(),
        })
    }

    pub(super) fn check(&mut self, row: &Row) -> RowCheck {
        let (input, consents, mut problems) = row_input(row, self.mapping);
        self.consents = consents;
        let fields = match customers::validate(&input, self.today) {
            Ok(fields) => Some(fields),
            Err(errors) => {
                problems.extend(errors);
                None
            }
        };
        let number = input.number.trim();
        if !number.is_empty() && !self.taken.insert(number.to_owned()) {
            problems.push(FieldError::new(Field::Number, Issue::AlreadyUsed));
        }
        let fields = match fields {
            Some(fields) if problems.is_empty() => fields,
            _ => return RowCheck::Problems(problems),
        };
        let Some(index) = &mut self.index else {
            return RowCheck::Good(fields);
        };
        let probe = Prepared::new(&duplicates::profile_of_input(-i64::from(row.line), &input));
        let best = index
            .matches(&probe, duplicates::THRESHOLD, 1)
            .into_iter()
            .next();
        index.add(probe);
        match best {
            Some(like) => RowCheck::Duplicate {
                fields,
                name: customers::display_name(
                    input.kind,
                    &input.first_name,
                    &input.last_name,
                    &input.firm_name,
                ),
                like,
            },
            None => RowCheck::Good(fields),
        }
    }
}

pub(super) fn check_rows(
    store: &Store,
    table: &Table,
    mapping: &[Option<ImportField>],
    today: chrono::NaiveDate,
) -> Result<(Checked, Names)> {
    let names = store.customer_numbers_and_names()?;
    let mut checker = RowChecker::new(store, mapping, today, true, &names)?;
    let mut checked = Checked {
        records: Vec::with_capacity(table.rows.len()),
        problems: Vec::new(),
        duplicates: Vec::new(),
    };
    for row in &table.rows {
        match checker.check(row) {
            RowCheck::Good(fields) => checked.records.push((row.line, Some(fields))),
            RowCheck::Duplicate { fields, name, like } => {
                checked.duplicates.push((row.line, name, like));
                checked.records.push((row.line, Some(fields)));
            }
            RowCheck::Problems(problems) => {
                checked
                    .problems
                    .extend(problems.into_iter().map(|p| (row.line, p)));
                checked.records.push((row.line, None));
            }
        }
    }
    Ok((checked, names))
}
