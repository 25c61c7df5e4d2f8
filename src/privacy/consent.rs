//! Consent to advertising per channel: given or withdrawn, on which day, from which
//! source, with the wording agreed to; every change is kept.
//!
//! The rule per channel (German law on unfair competition, UWG §7, and the GDPR's
//! legitimate interest, Art. 6(1)(f) with recital 47):
//! - **E-mail / newsletter** and **messenger / SMS**: only with consent given (UWG §7(2)
//!   no. 2: advertising by electronic mail needs prior express consent).
//! - **Phone**: a private person only with consent given (§7(2) no. 1); a firm unless it
//!   objected (presumed consent of a business, same provision).
//! - **Letter**: allowed unless the customer objected (postal advertising to customers is
//!   a legitimate interest; an objection ends it, Art. 21(3) GDPR).
//! - **Visit, event, other**: no channel consent applies (meeting in the shop).
//!
//! Contacts that serve the contract are not advertising and stay possible whatever the
//! consent: a follow-up on a purchase, a next step the customer agreed to, a complaint.
//! Regular care contacts of the plan, birthday greetings, win-back and newsletters are
//! advertising and follow the rule above.

use crate::clock::Clock;
use crate::customers::{CustomerId, CustomerKind};
use crate::error::{Error, Field, Result};
use crate::input::Checker;
use crate::interactions::Channel;
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A channel advertising may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ConsentChannel {
    /// E-mail, the newsletter.
    Email,
    Letter,
    Phone,
    /// Messenger (WhatsApp, Signal …) and SMS.
    Messenger,
}

impl ConsentChannel {
    pub const ALL: [ConsentChannel; 4] = [
        ConsentChannel::Email,
        ConsentChannel::Letter,
        ConsentChannel::Phone,
        ConsentChannel::Messenger,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConsentChannel::Email => "email",
            ConsentChannel::Letter => "letter",
            ConsentChannel::Phone => "phone",
            ConsentChannel::Messenger => "messenger",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentChannel> {
        ConsentChannel::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Reads a channel as typed on the command line or in an import header.
    pub fn parse(text: &str) -> Option<ConsentChannel> {
        match text.trim().to_lowercase().as_str() {
            "email" | "e-mail" | "newsletter" | "mail" => Some(ConsentChannel::Email),
            "letter" | "brief" | "post" => Some(ConsentChannel::Letter),
            "phone" | "telefon" | "anruf" => Some(ConsentChannel::Phone),
            "messenger" | "whatsapp" | "sms" => Some(ConsentChannel::Messenger),
            _ => None,
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ConsentChannel::Email => lang.pick("E-Mail/Newsletter", "E-mail/newsletter"),
            ConsentChannel::Letter => lang.pick("Post", "Letter"),
            ConsentChannel::Phone => lang.pick("Telefon", "Phone"),
            ConsentChannel::Messenger => lang.pick("Messenger/SMS", "Messenger/SMS"),
        }
    }

    /// The consent channel a contact on `channel` needs; `None`: none applies.
    pub fn of(channel: Channel) -> Option<ConsentChannel> {
        match channel {
            Channel::Email => Some(ConsentChannel::Email),
            Channel::Letter => Some(ConsentChannel::Letter),
            Channel::Phone => Some(ConsentChannel::Phone),
            Channel::Messenger | Channel::Social => Some(ConsentChannel::Messenger),
            Channel::Visit | Channel::Event | Channel::Other => None,
        }
    }

    /// Whether advertising on this channel needs consent given (else: allowed unless
    /// withdrawn).
    pub fn needs_consent(self, kind: CustomerKind) -> bool {
        match self {
            ConsentChannel::Email | ConsentChannel::Messenger => true,
            ConsentChannel::Phone => kind == CustomerKind::Person,
            ConsentChannel::Letter => false,
        }
    }
}

/// Where a consent (or its withdrawal) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ConsentSource {
    /// Typed into the customer form in the shop.
    Form,
    /// A signed paper form.
    Paper,
    /// The survey kiosk.
    Kiosk,
    /// A column of an imported file.
    Import,
    /// Said on the phone.
    Phone,
    /// Written in an e-mail.
    Email,
    Other,
}

impl ConsentSource {
    pub const ALL: [ConsentSource; 7] = [
        ConsentSource::Form,
        ConsentSource::Paper,
        ConsentSource::Kiosk,
        ConsentSource::Import,
        ConsentSource::Phone,
        ConsentSource::Email,
        ConsentSource::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConsentSource::Form => "form",
            ConsentSource::Paper => "paper",
            ConsentSource::Kiosk => "kiosk",
            ConsentSource::Import => "import",
            ConsentSource::Phone => "phone",
            ConsentSource::Email => "email",
            ConsentSource::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentSource> {
        ConsentSource::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ConsentSource::Form => lang.pick("Formular im Laden", "Form in the shop"),
            ConsentSource::Paper => lang.pick("Unterschriebenes Papier", "Signed paper"),
            ConsentSource::Kiosk => lang.pick("Umfrage-Kiosk", "Survey kiosk"),
            ConsentSource::Import => lang.pick("Import", "Import"),
            ConsentSource::Phone => lang.pick("Telefonisch", "By phone"),
            ConsentSource::Email => lang.pick("Per E-Mail", "By e-mail"),
            ConsentSource::Other => lang.pick("Anders", "Other"),
        }
    }
}

/// A consent change as typed: the day (empty: today) and the wording are text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConsentInput {
    pub channel: ConsentChannel,
    pub given: bool,
    pub on: String,
    pub source: ConsentSource,
    pub wording: String,
}

/// One change in a customer's consent history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConsentRecord {
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub id: i64,
    pub channel: ConsentChannel,
    pub given: bool,
    pub on: NaiveDate,
    pub source: ConsentSource,
    pub wording: String,
    /// Who recorded it.
    pub employee_name: Option<String>,
}

/// Where a channel stands for a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChannelConsent {
    pub channel: ConsentChannel,
    /// The latest change: given (`true`), withdrawn (`false`), none recorded (`None`).
    pub given: Option<bool>,
    pub since: Option<NaiveDate>,
    /// Whether advertising on it needs consent given (else: allowed unless withdrawn).
    pub needs_consent: bool,
    /// Whether advertising on it is allowed now.
    pub allowed: bool,
}

/// A customer's consents: each channel's standing and the whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerConsents {
    pub channels: Vec<ChannelConsent>,
    /// Oldest first.
    pub history: Vec<ConsentRecord>,
}

/// The latest state per channel of one customer (pure; what the rules read).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consents {
    pub email: Option<bool>,
    pub letter: Option<bool>,
    pub phone: Option<bool>,
    pub messenger: Option<bool>,
    /// A firm (presumed consent to calls) rather than a private person.
    pub firm: bool,
}

impl Consents {
    pub fn get(&self, channel: ConsentChannel) -> Option<bool> {
        match channel {
            ConsentChannel::Email => self.email,
            ConsentChannel::Letter => self.letter,
            ConsentChannel::Phone => self.phone,
            ConsentChannel::Messenger => self.messenger,
        }
    }

    pub fn set(&mut self, channel: ConsentChannel, given: Option<bool>) {
        match channel {
            ConsentChannel::Email => self.email = given,
            ConsentChannel::Letter => self.letter = given,
            ConsentChannel::Phone => self.phone = given,
            ConsentChannel::Messenger => self.messenger = given,
        }
    }

    fn kind(&self) -> CustomerKind {
        if self.firm {
            CustomerKind::Firm
        } else {
            CustomerKind::Person
        }
    }

    /// Whether advertising on consent channel `channel` is allowed (the rule above).
    pub fn allows(&self, channel: ConsentChannel) -> bool {
        match self.get(channel) {
            Some(given) => given,
            None => !channel.needs_consent(self.kind()),
        }
    }

    /// Whether advertising through a contact on `channel` is allowed.
    pub fn allows_contact(&self, channel: Channel) -> bool {
        ConsentChannel::of(channel).is_none_or(|c| self.allows(c))
    }
}

/// Reads a consent change.
pub fn validate(input: &ConsentInput, today: NaiveDate) -> Result<(NaiveDate, String)> {
    let mut check = Checker::new();
    let on = if input.on.trim().is_empty() {
        Some(today)
    } else {
        check.date(Field::Date, &input.on)
    };
    if on.is_some_and(|d| d > today) {
        check.fail(Field::Date, crate::error::Issue::DateInFuture);
    }
    let wording = check.text(Field::Wording, &input.wording, 2000);
    check
        .finish(|| (on.unwrap_or(today), wording))
        .map_err(Error::Validation)
}

/// Records a consent given or withdrawn for customer `id`, audited; returns where the
/// customer stands now.
pub fn record(
    store: &mut Store,
    id: CustomerId,
    input: &ConsentInput,
    clock: &Clock,
) -> Result<CustomerConsents> {
    let (on, wording) = validate(input, clock.today())?;
    if store.erased_on(id)?.is_some() {
        return Err(Error::Privacy(super::PrivacyProblem::Erased));
    }
    store.atomically(|s| {
        s.insert_consent(
            id,
            input.channel.code(),
            input.given,
            on,
            input.source.code(),
            &wording,
            clock.now(),
        )?;
        super::audit::record(
            s,
            clock,
            Some(id),
            &super::AuditAction::ConsentChanged {
                channel: input.channel,
                given: input.given,
                source: input.source,
            },
        )
    })?;
    of_customer(store, id)
}

/// A customer's consents: each channel's standing and the history.
pub fn of_customer(store: &Store, id: CustomerId) -> Result<CustomerConsents> {
    let customer = store.customer(id)?;
    let history: Vec<ConsentRecord> = store
        .consents_of(id)?
        .into_iter()
        .filter_map(|r| {
            Some(ConsentRecord {
                id: r.id,
                channel: ConsentChannel::from_code(&r.channel)?,
                given: r.given,
                on: r.on_date,
                source: ConsentSource::from_code(&r.source)?,
                wording: r.wording,
                employee_name: r.employee,
            })
        })
        .collect();
    let state = current(&history, customer.kind == CustomerKind::Firm);
    let channels = ConsentChannel::ALL
        .into_iter()
        .map(|channel| ChannelConsent {
            channel,
            given: state.get(channel),
            since: history
                .iter()
                .rev()
                .find(|r| r.channel == channel)
                .map(|r| r.on),
            needs_consent: channel.needs_consent(customer.kind),
            allowed: state.allows(channel),
        })
        .collect();
    Ok(CustomerConsents { channels, history })
}

/// The latest state per channel from a history sorted oldest first.
pub fn current(history: &[ConsentRecord], firm: bool) -> Consents {
    let mut state = Consents {
        firm,
        ..Consents::default()
    };
    for r in history {
        state.set(r.channel, Some(r.given));
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_channel_follows_its_rule() {
        let person = Consents::default();
        assert!(
            !person.allows(ConsentChannel::Email),
            "newsletter needs consent"
        );
        assert!(!person.allows(ConsentChannel::Messenger));
        assert!(
            !person.allows(ConsentChannel::Phone),
            "a private person: consent"
        );
        assert!(
            person.allows(ConsentChannel::Letter),
            "letters unless objected"
        );
        let firm = Consents {
            firm: true,
            ..Consents::default()
        };
        assert!(firm.allows(ConsentChannel::Phone), "a firm: presumed");
        let mut objected = firm;
        objected.set(ConsentChannel::Phone, Some(false));
        objected.set(ConsentChannel::Letter, Some(false));
        assert!(!objected.allows(ConsentChannel::Phone));
        assert!(!objected.allows(ConsentChannel::Letter));
        let mut given = person;
        given.set(ConsentChannel::Email, Some(true));
        assert!(given.allows(ConsentChannel::Email));
        assert!(given.allows_contact(Channel::Email));
        assert!(given.allows_contact(Channel::Visit), "a visit needs none");
        assert!(
            !given.allows_contact(Channel::Social),
            "social is a messenger"
        );
    }

    #[test]
    fn a_future_day_is_refused_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let input = ConsentInput {
            channel: ConsentChannel::Email,
            given: true,
            on: "07.12.2026".into(),
            source: ConsentSource::Paper,
            wording: String::new(),
        };
        let Err(Error::Validation(fields)) = validate(&input, today) else {
            panic!("accepted a day ahead");
        };
        assert_eq!(fields[0].field, Field::Date);
    }
}
