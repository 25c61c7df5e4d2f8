//! Demo data: a deterministic, seeded generator for a realistic German specialist shop
//! (household goods and electronics) with private and business customers, several years
//! of seasonal purchases and the calls, visits and e-mails around them.
//!
//! The same seed gives the same shop on every machine. The default (300 customers) is what
//! the first start offers; the benchmark uses 100,000 customers and about 2,000,000
//! purchases. Everything goes through the same validation as typed input.

use crate::clock::Clock;
use crate::contacts::{self, ContactInput};
use crate::customers::{self, CustomerInput, CustomerKind, CustomerStatus, Salutation};
use crate::employees::EmployeeId;
use crate::error::{Error, Result};
use crate::interactions::{self, Channel, Direction, InteractionInput};
use crate::soft_facts::{AddressForm, Labeled, QuietTimeInput, RelationInput};
use crate::store::{NewCustomerRecord, Store};
use crate::transactions::{self, TransactionInput};
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma, LogNormal, Poisson};
use serde::Serialize;

mod words;
use words::*;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoOptions {
    pub customers: u32,
    /// Years of history before `today`.
    pub years: u32,
    pub seed: u64,
    /// Mean purchases per customer and year.
    pub purchases_per_year: f64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            customers: 300,
            years: 5,
            seed: 2026,
            purchases_per_year: 4.0,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub customers: u32,
    pub purchases: u32,
    pub interactions: u32,
}

/// Fills an empty database with a demo shop, in one transaction. Refuses a database that
/// already holds customers, so demo data never mixes with real ones.
pub fn load(store: &mut Store, options: &DemoOptions, clock: &Clock) -> Result<DemoSummary> {
    let now = clock.now();
    if store.customer_count_all()? > 0 {
        return Err(Error::NotEmpty);
    }
    let today = clock.today();
    let mut shop = Shop::new(options, today);
    let customers_wanted = options.customers;
    // Customers, care, loyalty and surveys in one transaction: a demo shop killed half
    // way leaves the file empty, not half filled.
    let (customers, purchases, interactions) = store.atomically(|store| {
        let made = store.insert_records(
            EMPLOYEES,
            move |employees| {
                shop.employees = employees;
                (0..customers_wanted).map(move |_| shop.customer())
            },
            now,
        )?;
        store.finish_demo_care(today, now)?;
        crate::loyalty::demo::load_demo_program(store, options.seed, today, now)?;
        crate::surveys::demo::load_demo_surveys(store, options.seed, today, now)?;
        Ok(made)
    })?;
    let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(DemoSummary {
        customers: count(customers),
        purchases: count(purchases),
        interactions: count(interactions),
    })
}

struct Shop {
    rng: ChaCha8Rng,
    /// A stream of its own for the recent care contacts, so that adding them left every
    /// other generated value as it was.
    care_rng: ChaCha8Rng,
    /// A stream of its own for the consents (added later, like the care contacts).
    consent_rng: ChaCha8Rng,
    employees: Vec<EmployeeId>,
    options: DemoOptions,
    today: NaiveDate,
    start: NaiveDate,
    /// E-mail addresses handed out so far: two Anna Brauns get two addresses, as in life
    /// (otherwise the duplicate finder would rightly call them one person).
    emails: std::collections::HashSet<String>,
    /// The last private customer made, who may be entered a second time (see
    /// [`Shop::double_entry`]).
    last_person: Option<CustomerInput>,
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn date_text(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

fn euros_text(cents: i64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

impl Shop {
    fn new(options: &DemoOptions, today: NaiveDate) -> Shop {
        let years = i32::try_from(options.years.max(1)).unwrap_or(5);
        let start = today.with_year(today.year() - years).unwrap_or(today);
        Shop {
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            care_rng: ChaCha8Rng::seed_from_u64(options.seed ^ 0x5ca1_ab1e),
            consent_rng: ChaCha8Rng::seed_from_u64(options.seed ^ 0xc0_5e47),
            employees: Vec::new(),
            options: *options,
            today,
            start,
            emails: std::collections::HashSet::new(),
            last_person: None,
        }
    }

    /// `local@domain`, or `local2@domain`, `local3@domain` … when that is taken.
    fn unique_email(&mut self, local: &str, domain: &str) -> String {
        let mut n = 1;
        loop {
            let address = if n == 1 {
                format!("{local}@{domain}")
            } else {
                format!("{local}{n}@{domain}")
            };
            if self.emails.insert(address.clone()) {
                return address;
            }
            n += 1;
        }
    }

    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days().max(0);
        from + Duration::days(self.rng.random_range(0..=days))
    }

    /// A birthday some 20–85 years back, `DD.MM.YYYY`, or `DD.MM.` when the year is
    /// unknown (a third of the time).
    fn birthday(&mut self, youngest: i32, oldest: i32) -> String {
        let age = self.rng.random_range(youngest..oldest);
        let year_start = self
            .today
            .with_year(self.today.year() - age)
            .unwrap_or(self.today);
        let day = self.day_between(year_start - Duration::days(364), year_start);
        if self.rng.random_bool(0.33) {
            day.format("%d.%m.").to_string()
        } else {
            date_text(day)
        }
    }

    fn first_name(&mut self, woman: bool) -> &'static str {
        let range = if woman {
            0..WOMEN
        } else {
            WOMEN..FIRST_NAMES.len()
        };
        FIRST_NAMES[self.rng.random_range(range)]
    }

    /// The consents a customer gave when the relationship started (a shop that asks at the
    /// counter): most agreed to the newsletter, fewer to calls, a few objected to letters,
    /// some withdrew the newsletter later.
    fn consents(&mut self, since: NaiveDate) -> Vec<crate::store::NewConsent> {
        use crate::privacy::{ConsentChannel, ConsentSource};
        let rng = &mut self.consent_rng;
        let mut out = Vec::new();
        let mut add = |channel, given, on, source, wording: &str| {
            out.push(crate::store::NewConsent {
                channel,
                given,
                on,
                source,
                wording: wording.to_owned(),
            })
        };
        const NEWSLETTER: &str = "Ja, ich möchte den Newsletter mit Angeboten und Neuheiten per E-Mail erhalten. \
             Abmeldung jederzeit möglich.";
        const CALLS: &str = "Ja, Sie dürfen mich zu Angeboten und Neuheiten anrufen.";
        let source = if rng.random_bool(0.7) {
            ConsentSource::Paper
        } else {
            ConsentSource::Form
        };
        if rng.random_bool(0.6) {
            add(ConsentChannel::Email, true, since, source, NEWSLETTER);
            if rng.random_bool(0.08) {
                let later = since + chrono::Duration::days(rng.random_range(30..700));
                if later <= self.today {
                    add(
                        ConsentChannel::Email,
                        false,
                        later,
                        ConsentSource::Email,
                        "",
                    );
                }
            }
        }
        if rng.random_bool(0.45) {
            add(ConsentChannel::Phone, true, since, source, CALLS);
        }
        if rng.random_bool(0.2) {
            add(
                ConsentChannel::Messenger,
                true,
                since,
                source,
                "Ja, Nachrichten per WhatsApp sind mir recht.",
            );
        }
        if rng.random_bool(0.03) {
            add(
                ConsentChannel::Letter,
                false,
                since,
                ConsentSource::Phone,
                "",
            );
        }
        out
    }

    fn customer(&mut self) -> Result<NewCustomerRecord> {
        let today = self.today;
        let firm = self.rng.random_bool(0.2);
        let (city, plz, area) = *pick(&mut self.rng, CITIES);
        let woman = self.rng.random_bool(0.5);
        let first = self.first_name(woman);
        let last = *pick(&mut self.rng, LAST_NAMES);
        // When the relationship started, whether and when it ended.
        let since = self.day_between(self.start, today);
        let lost = self
            .rng
            .random_bool(0.15)
            .then(|| self.day_between(since, today));
        let mut input = CustomerInput {
            kind: if firm {
                CustomerKind::Firm
            } else {
                CustomerKind::Person
            },
            salutation: if woman {
                Salutation::Ms
            } else {
                Salutation::Mr
            },
            first_name: first.into(),
            last_name: last.into(),
            street: format!(
                "{} {}",
                pick(&mut self.rng, STREETS),
                self.rng.random_range(1..120)
            ),
            postal_code: format!("{plz}{:03}", self.rng.random_range(0..1000)),
            city: city.into(),
            phone: format!("{area} {}", self.rng.random_range(100_000..9_999_999)),
            customer_since: date_text(since),
            status: if lost.is_some() {
                CustomerStatus::Lost
            } else {
                CustomerStatus::Active
            },
            ..Default::default()
        };
        if !self.employees.is_empty() && self.rng.random_bool(0.7) {
            input.employee_id = Some(*pick(&mut self.rng, &self.employees.clone()));
        }
        for tag in TAGS {
            if self.rng.random_bool(0.08) {
                input.tags.push((*tag).to_owned());
            }
        }
        if self.rng.random_bool(0.6) {
            let first = *pick(
                &mut self.rng,
                &[
                    Channel::Phone,
                    Channel::Email,
                    Channel::Visit,
                    Channel::Messenger,
                ],
            );
            input.preferred_channels.push(first);
            if self.rng.random_bool(0.5) {
                input.preferred_channels.push(*pick(
                    &mut self.rng,
                    &[Channel::Phone, Channel::Email, Channel::Letter],
                ));
            }
        }
        input.address_form = match self.rng.random_range(0..10) {
            0..=6 => AddressForm::Sie,
            7..=8 => AddressForm::Du,
            _ => AddressForm::Unknown,
        };
        if self.rng.random_bool(0.8) {
            input.closeness = Some(self.rng.random_range(1..=5));
        }
        if self.rng.random_bool(0.4) {
            let interest = pick(&mut self.rng, INTERESTS).to_string();
            input.interests.push(interest);
            if self.rng.random_bool(0.4) {
                let interest = pick(&mut self.rng, INTERESTS).to_string();
                input.interests.push(interest);
            }
        }
        if self.rng.random_bool(0.2) {
            let (label, value) = *pick(&mut self.rng, PREFERENCES);
            input.preferences.push(Labeled {
                label: label.into(),
                value: value.into(),
            });
        }
        let mail_name = customers::sort_key(&format!("{first}.{last}")).replace(' ', "");
        let mut contacts = Vec::new();
        if firm {
            let kind = *pick(&mut self.rng, FIRM_KINDS);
            let form = pick(&mut self.rng, FIRM_FORMS);
            input.firm_name = format!("{kind} {last} {form}").trim().to_owned();
            let domain = format!("{}.example.com", customers::sort_key(last));
            input.email = self.unique_email("info", &domain);
            input.industry = kind.to_owned();
            input.company_size = self.rng.random_range(2..80).to_string();
            input.annual_revenue = format!("{}.000", self.rng.random_range(150..5_000));
            if matches!(kind, "Bäckerei" | "Hotel" | "Café" | "Friseursalon") {
                // Their rush hours and season: no calls then.
                input.quiet_times.push(QuietTimeInput {
                    weekdays: vec![1, 2, 3, 4, 5, 6],
                    from: if kind == "Bäckerei" {
                        "06:00"
                    } else {
                        "11:30"
                    }
                    .into(),
                    to: if kind == "Bäckerei" {
                        "10:00"
                    } else {
                        "14:00"
                    }
                    .into(),
                });
                input.peak_months = if kind == "Hotel" {
                    vec![7, 8]
                } else {
                    vec![12]
                };
            }
            for _ in 0..self.rng.random_range(1..4) {
                let woman = self.rng.random_bool(0.5);
                let name = format!(
                    "{} {}",
                    self.first_name(woman),
                    pick(&mut self.rng, LAST_NAMES)
                );
                let contact = ContactInput {
                    email: format!(
                        "{}@{}.example.com",
                        customers::sort_key(&name).replace(' ', "."),
                        customers::sort_key(last)
                    ),
                    role: pick(&mut self.rng, CONTACT_ROLES).to_string(),
                    phone: format!("{area} {}", self.rng.random_range(100_000..9_999_999)),
                    birthday: if self.rng.random_bool(0.4) {
                        let b = self.birthday(25, 65);
                        if b.len() == 10 { b } else { String::new() }
                    } else {
                        String::new()
                    },
                    name,
                    ..Default::default()
                };
                contacts.push(contacts::validate(&contact, today).map_err(Error::Validation)?);
            }
        } else {
            if self.rng.random_bool(0.7) {
                input.email = self.unique_email(&mail_name, "example.org");
            }
            if self.rng.random_bool(0.05) {
                input.title = "Dr.".into();
            }
            if self.rng.random_bool(0.8) {
                input.birthday = self.birthday(20, 86);
            }
            if self.rng.random_bool(0.2) {
                input.other_phones.push(Labeled {
                    label: "Mobil".into(),
                    value: format!(
                        "01{} {}",
                        self.rng.random_range(51..80),
                        self.rng.random_range(1_000_000..9_999_999)
                    ),
                });
            }
            if self.rng.random_bool(0.55) {
                input.partner_name = self.first_name(!woman).into();
                if self.rng.random_bool(0.6) {
                    input.partner_birthday = self.birthday(20, 86);
                }
            }
            if self.rng.random_bool(0.25) {
                let child_woman = self.rng.random_bool(0.5);
                input.relations.push(RelationInput {
                    name: self.first_name(child_woman).into(),
                    relation: pick(&mut self.rng, CHILD_RELATIONS).to_string(),
                    birthday: self.birthday(1, 30),
                });
            }
            if self.rng.random_bool(0.15) {
                input.quiet_times.push(QuietTimeInput {
                    weekdays: vec![1, 2, 3, 4, 5],
                    from: "08:00".into(),
                    to: "17:00".into(),
                });
            }
        }
        if self.rng.random_bool(0.15) {
            input.notes = pick(
                &mut self.rng,
                &[
                    "Kommt gern samstags vormittags.",
                    "Bitte nicht vor 10 Uhr anrufen.",
                    "Trinkt den Kaffee schwarz, ohne Zucker.",
                    "Interessiert sich für Neuheiten bei Kaffeemaschinen.",
                    "Stammkunde seit der Eröffnung.",
                ],
            )
            .to_string();
        }
        if !firm {
            match self.last_person.take() {
                Some(earlier) if self.rng.random_bool(DOUBLE_ENTRIES) => {
                    self.double_entry(&mut input, &earlier);
                }
                _ => self.last_person = Some(input.clone()),
            }
        }
        let customer = customers::validate(&input, today).map_err(Error::Validation)?;

        // How often they buy, until they were lost.
        let until = lost.unwrap_or(today);
        let mean = self.options.purchases_per_year.max(0.01) * if firm { 1.5 } else { 1.0 };
        let rate = Gamma::new(1.2, mean / 1.2).map_or(mean, |g| g.sample(&mut self.rng));
        let spend: f64 = LogNormal::new(0.0, 0.5).map_or(1.0, |d| d.sample(&mut self.rng));

        let mut purchases = Vec::new();
        let mut interactions = Vec::new();
        let mut month = NaiveDate::from_ymd_opt(since.year(), since.month(), 1).unwrap_or(since);
        while month <= until {
            let weight = SEASON[month.month0() as usize];
            let expected = rate / 12.0 * weight;
            let count = Poisson::new(expected.max(1e-9)).map_or(0.0, |p| p.sample(&mut self.rng));
            let month_end = month
                .checked_add_months(chrono::Months::new(1))
                .map_or(month, |m| m - Duration::days(1));
            for _ in 0..(count as u32) {
                let day = self.day_between(month.max(since), month_end.min(until));
                let (product, category, price) = *pick(&mut self.rng, PRODUCTS);
                let factor: f64 =
                    LogNormal::new(0.0, 0.25).map_or(1.0, |d| d.sample(&mut self.rng));
                let cents =
                    ((price * spend.clamp(0.5, 3.0) * factor * 100.0).round() as i64).max(99);
                let discount = if self.rng.random_bool(if firm { 0.3 } else { 0.12 }) {
                    cents * self.rng.random_range(3..16) / 100
                } else {
                    0
                };
                let quantity = if category == "Zubehör" {
                    self.rng.random_range(1..4)
                } else {
                    1
                };
                let purchase = TransactionInput {
                    date: date_text(day),
                    amount: euros_text(cents),
                    discount: if discount > 0 {
                        euros_text(discount)
                    } else {
                        String::new()
                    },
                    product: product.into(),
                    category: category.into(),
                    quantity: quantity.to_string(),
                    note: String::new(),
                };
                purchases
                    .push(transactions::validate(&purchase, today).map_err(Error::Validation)?);
                if cents > 20_000 && self.rng.random_bool(0.3) {
                    let call_day = (day + Duration::days(self.rng.random_range(2..6))).min(today);
                    interactions.push(self.interaction(call_day, Some(product))?);
                }
            }
            if self.rng.random_bool(0.06) {
                let day = self.day_between(month.max(since), month_end.min(until));
                interactions.push(self.interaction(day, None)?);
            }
            let Some(next) = month.checked_add_months(chrono::Months::new(1)) else {
                break;
            };
            month = next;
        }
        // The shop keeps in touch with its active customers: most had a call in the last
        // weeks, some a visit in the last months, so the demo's agenda shows a plausible
        // mix of contacts due today, overdue and coming up.
        if lost.is_none() {
            if self.care_rng.random_bool(0.85) {
                let day = (today - Duration::days(self.care_rng.random_range(0..45))).max(since);
                interactions.push(self.care_contact(day, Channel::Phone)?);
            }
            if self.care_rng.random_bool(0.35) {
                let day = (today - Duration::days(self.care_rng.random_range(0..120))).max(since);
                interactions.push(self.care_contact(day, Channel::Visit)?);
            }
        }
        // Everyone became a customer by buying something: the first purchase on the day
        // the relationship started, when the months drew none.
        if purchases.is_empty() {
            let (product, category, price) = *pick(&mut self.rng, PRODUCTS);
            let cents = ((price * spend.clamp(0.5, 3.0) * 100.0).round() as i64).max(99);
            let first = TransactionInput {
                date: date_text(since),
                amount: euros_text(cents),
                product: product.into(),
                category: category.into(),
                ..Default::default()
            };
            purchases.push(transactions::validate(&first, today).map_err(Error::Validation)?);
        }
        let consents = self.consents(since);
        Ok(NewCustomerRecord {
            customer,
            purchases,
            interactions,
            contacts,
            consents,
        })
    }

    /// Makes `input` a second record of `earlier`, as happens in every shop: typed again
    /// months later by someone else, with umlauts spelled out, the street abbreviated, the
    /// first name or e-mail left out. The duplicate finder should find these.
    fn double_entry(&mut self, input: &mut CustomerInput, earlier: &CustomerInput) {
        let spelled = earlier
            .last_name
            .replace('ü', "ue")
            .replace('ö', "oe")
            .replace('ä', "ae")
            .replace('ß', "ss");
        input.salutation = earlier.salutation;
        input.first_name = if self.rng.random_bool(0.25) {
            String::new()
        } else {
            earlier.first_name.clone()
        };
        input.last_name = spelled;
        input.street = if earlier.street.contains("straße") {
            earlier.street.replace("straße", "str.")
        } else {
            earlier.street.clone()
        };
        input.postal_code = earlier.postal_code.clone();
        input.city = earlier.city.clone();
        input.phone = earlier.phone.replace(' ', "");
        input.email = if self.rng.random_bool(0.5) {
            earlier.email.clone()
        } else {
            String::new()
        };
        input.birthday = if self.rng.random_bool(0.7) {
            earlier.birthday.clone()
        } else {
            String::new()
        };
    }

    /// A contact the shop made to keep in touch (from the care stream).
    fn care_contact(
        &mut self,
        day: NaiveDate,
        channel: Channel,
    ) -> Result<crate::interactions::InteractionFields> {
        let hour = self.care_rng.random_range(9..18);
        let input = InteractionInput {
            at: format!("{} {hour:02}:00", date_text(day)),
            channel,
            direction: Direction::Outbound,
            summary: pick(&mut self.care_rng, CALL_TOPICS).to_string(),
            outcome: pick(&mut self.care_rng, OUTCOMES).to_string(),
            ..Default::default()
        };
        let now_local = self.today.and_hms_opt(23, 59, 0).unwrap_or_default();
        interactions::validate(&input, now_local).map_err(Error::Validation)
    }

    fn interaction(
        &mut self,
        day: NaiveDate,
        after_purchase: Option<&str>,
    ) -> Result<crate::interactions::InteractionFields> {
        let channel = match self.rng.random_range(0..10) {
            0..=4 => Channel::Phone,
            5..=6 => Channel::Email,
            7..=8 => Channel::Visit,
            _ => *pick(
                &mut self.rng,
                &[Channel::Letter, Channel::Event, Channel::Messenger],
            ),
        };
        let summary = match after_purchase {
            Some(product) => format!("Nachgefragt, ob mit dem Kauf ({product}) alles passt"),
            None => pick(&mut self.rng, CALL_TOPICS).to_string(),
        };
        let complaint = self.rng.random_bool(0.04);
        let hour = self.rng.random_range(9..18);
        let input = InteractionInput {
            at: format!(
                "{} {hour:02}:{:02}",
                date_text(day),
                self.rng.random_range(0..4) * 15
            ),
            channel,
            direction: if self.rng.random_bool(0.6) {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            summary: if complaint {
                format!("Reklamation: {summary}")
            } else {
                summary
            },
            outcome: pick(&mut self.rng, OUTCOMES).to_string(),
            complaint,
            ..Default::default()
        };
        let now_local = self.today.and_hms_opt(23, 59, 0).unwrap_or_default();
        interactions::validate(&input, now_local).map_err(Error::Validation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn every_generated_record_is_valid_and_the_seed_decides_everything() {
        let options = DemoOptions {
            customers: 200,
            ..Default::default()
        };
        let mut a = Shop::new(&options, today());
        let mut b = Shop::new(&options, today());
        for _ in 0..options.customers {
            let (x, y) = (a.customer().unwrap(), b.customer().unwrap());
            assert_eq!(x.customer, y.customer);
            assert_eq!(x.purchases, y.purchases);
            assert!(!x.purchases.is_empty(), "every customer bought something");
            assert!(x.purchases.iter().all(|p| p.date <= today()));
            assert!(
                x.purchases
                    .iter()
                    .all(|p| p.discount_cents <= p.amount_cents)
            );
        }
    }
}
