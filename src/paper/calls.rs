//! The call list: the agenda on paper for the morning round — whom to call (today, this
//! week, or only what is overdue), the number, why, when it suits, the last contact, a box
//! to tick and room for notes.

use super::pdf::Orientation;
use super::table::{Cell, Column, Heading, RowShape, Width, date_text, write_table};
use crate::Clock;
use crate::care::agenda::{AgendaItem, Greeting, Hint, Occasion, Person};
use crate::customers;
use crate::error::Result;
use crate::i18n::Lang;
use crate::interactions::Channel;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// Which part of the agenda goes on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CallRange {
    /// Due today, and what is overdue (it is still to be done today).
    #[default]
    Today,
    /// Up to six days ahead, overdue included.
    Week,
    /// Only what is overdue.
    Overdue,
}

impl CallRange {
    pub fn code(self) -> &'static str {
        match self {
            CallRange::Today => "today",
            CallRange::Week => "week",
            CallRange::Overdue => "overdue",
        }
    }

    pub fn from_code(code: &str) -> Option<CallRange> {
        [CallRange::Today, CallRange::Week, CallRange::Overdue]
            .into_iter()
            .find(|r| r.code() == code)
    }

    fn takes(self, item: &AgendaItem) -> bool {
        match self {
            CallRange::Today => item.overdue_days >= 0,
            CallRange::Week => item.overdue_days > -7,
            CallRange::Overdue => item.overdue_days > 0,
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        match self {
            CallRange::Today => lang.pick("Heute und überfällig", "Today and overdue"),
            CallRange::Week => lang.pick("Diese Woche", "This week"),
            CallRange::Overdue => lang.pick("Nur überfällige", "Overdue only"),
        }
    }
}

pub fn channel_label(channel: Channel, lang: Lang) -> &'static str {
    match channel {
        Channel::Phone => lang.pick("Anruf", "Call"),
        Channel::Visit => lang.pick("Besuch", "Visit"),
        Channel::Email => lang.pick("E-Mail", "E-mail"),
        Channel::Letter => lang.pick("Brief", "Letter"),
        Channel::Messenger => "Messenger",
        Channel::Social => lang.pick("Soziales Netzwerk", "Social network"),
        Channel::Event => lang.pick("Veranstaltung", "Event"),
        Channel::Other => lang.pick("Sonstiges", "Other"),
    }
}

/// An amount as the shop reads it: "1.234,56 €" / "€1,234.56".
pub fn money(cents: i64, lang: Lang) -> String {
    let amount = crate::money::cents_text(cents, lang);
    match lang {
        Lang::De => format!("{amount} €"),
        Lang::En => format!("€{amount}"),
    }
}

/// Whose day it is or whom the item is about, as the agenda screen says it.
pub fn person_text(item: &AgendaItem, lang: Lang) -> String {
    let with = |name: &str, role: &str| {
        if role.is_empty() {
            name.to_owned()
        } else {
            format!("{name} ({role})")
        }
    };
    match &item.occasion {
        Occasion::Birthday { person, .. } => match person {
            Person::Customer => item.customer_name.clone(),
            Person::Partner { name } => format!("{} {name}", lang.pick("Partner/in", "partner")),
            Person::Contact { name, role, .. } => with(name, role),
            Person::Relation { name, relation, .. } => with(name, relation),
        },
        _ => item.customer_name.clone(),
    }
}

/// Why the item is on the agenda, in words.
pub fn reason_text(item: &AgendaItem, lang: Lang) -> String {
    let day = |d| date_text(d, lang);
    match &item.occasion {
        Occasion::Birthday { person, turns } => {
            let turns = turns.map_or_else(String::new, |n| match lang {
                Lang::De => format!(" (wird {n})"),
                Lang::En => format!(" (turns {n})"),
            });
            match person {
                Person::Customer => format!("{}{turns}", lang.pick("Geburtstag", "Birthday")),
                _ => format!(
                    "{} {}{turns}",
                    lang.pick("Geburtstag von", "Birthday of"),
                    person_text(item, lang)
                ),
            }
        }
        Occasion::FollowUp {
            purchased_on,
            product,
            amount_cents,
            ..
        } => {
            let product = if product.is_empty() {
                lang.pick("Einkauf", "purchase")
            } else {
                product
            };
            match lang {
                Lang::De => format!(
                    "Nachfassen nach dem Kauf vom {}: {product} für {}",
                    day(*purchased_on),
                    money(*amount_cents, lang)
                ),
                Lang::En => format!(
                    "Follow up the purchase of {}: {product} for {}",
                    day(*purchased_on),
                    money(*amount_cents, lang)
                ),
            }
        }
        Occasion::Plan {
            channel,
            every_days,
            measure,
            ..
        } => {
            let what = measure
                .clone()
                .unwrap_or_else(|| channel_label(*channel, lang).to_owned());
            match lang {
                Lang::De => format!("Laut Plan alle {every_days} Tage: {what}"),
                Lang::En => format!("The plan says every {every_days} days: {what}"),
            }
        }
        Occasion::NextStep {
            step, promised_on, ..
        } => match lang {
            Lang::De => format!("Zugesagt im Kontakt vom {}: {step}", day(*promised_on)),
            Lang::En => format!("Promised in the contact of {}: {step}", day(*promised_on)),
        },
        Occasion::NewProduct { name, reason, .. } => {
            use crate::care::news::NewsReason;
            let why = match (reason, lang) {
                (NewsReason::Bought { category, since }, Lang::De) => {
                    format!("kauft seit {since} {category}")
                }
                (NewsReason::Bought { category, since }, Lang::En) => {
                    format!("buys {category} since {since}")
                }
                (NewsReason::Interest { interest }, Lang::De) => {
                    format!("interessiert sich für {interest}")
                }
                (NewsReason::Interest { interest }, Lang::En) => {
                    format!("interested in {interest}")
                }
                (NewsReason::Preference { label, value }, _) => format!("{label}: {value}"),
            };
            format!("{why}; {} {name}", lang.pick("neu:", "new:"))
        }
        Occasion::Measure {
            name,
            quadrant,
            phase,
            assigned,
            ..
        } => {
            let segment = match (quadrant, phase) {
                (Some(q), Some(p)) => format!(
                    "{}, {} {} → ",
                    super::profile::quadrant_label(*q, lang),
                    lang.pick("Phase", "phase"),
                    super::customers::phase_label(*p, lang)
                ),
                _ => String::new(),
            };
            let by = item
                .owner_name
                .as_ref()
                .map(|o| format!(" {} {o}", lang.pick("durch", "by")))
                .unwrap_or_default();
            let what = if *assigned {
                lang.pick("Zugewiesen", "Assigned")
            } else {
                lang.pick("Nächster Schritt", "Next step")
            };
            format!("{what}: {segment}{name}{by}")
        }
    }
}

/// How and when to get in touch: the greeting or channel, the free call window, hints.
pub fn how_text(item: &AgendaItem, lang: Lang) -> String {
    let s = &item.suggestion;
    let mut parts = vec![match s.greeting {
        Some(Greeting::VisitWithGift) => lang
            .pick("Besuch mit kleinem Geschenk", "Visit with a small gift")
            .to_owned(),
        Some(Greeting::Call) => lang
            .pick("Anruf mit Glückwünschen", "Call with best wishes")
            .to_owned(),
        Some(Greeting::Card) => lang.pick("Karte schicken", "Send a card").to_owned(),
        Some(Greeting::BusinessCard) => lang
            .pick("Karte an den Ansprechpartner", "Card to the contact person")
            .to_owned(),
        None => channel_label(s.channel, lang).to_owned(),
    }];
    if let (Some(from), Some(to)) = (&s.call_from, &s.call_to) {
        parts.push(format!("{from}–{to}"));
    }
    for hint in &s.hints {
        parts.push(match hint {
            Hint::Prefers { channel } => format!(
                "{} {}",
                lang.pick("bevorzugt", "prefers"),
                channel_label(*channel, lang)
            ),
            Hint::QuietToday { from, to } => {
                format!("{} {from}–{to}", lang.pick("nicht", "not"))
            }
            Hint::PeakSeason => lang
                .pick("Hochsaison: nicht anrufen", "Peak season: no calls")
                .to_owned(),
            Hint::NoCallToday => lang
                .pick("heute kein Anruf möglich", "no call possible today")
                .to_owned(),
        });
    }
    parts.join(" · ")
}

/// When it is due, relative to today.
pub fn due_text(item: &AgendaItem, lang: Lang) -> String {
    match item.overdue_days {
        0 => lang.pick("heute", "today").to_owned(),
        1 => lang.pick("seit gestern", "since yesterday").to_owned(),
        n if n > 1 => match lang {
            Lang::De => format!("seit {n} Tagen"),
            Lang::En => format!("due for {n} days"),
        },
        _ => date_text(item.due, lang),
    }
}

/// The call list as a PDF (landscape: the notes need the room).
pub fn call_list(store: &Store, range: CallRange, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    let agenda = crate::care::shop::agenda(store, 10_000, clock)?;
    let items: Vec<&AgendaItem> = agenda.items.iter().filter(|i| range.takes(i)).collect();
    let heading = Heading {
        shop: super::shop_name(store)?,
        title: format!("{} ({})", lang.pick("Anrufliste", "Call list"), items.len()),
        filter: range.title(lang).to_owned(),
        date: clock.today(),
        lang,
    };
    let columns = [
        Column {
            title: String::new(),
            width: Width::Mm(8.0),
            cell: Cell::Tick,
        },
        Column::text(
            lang.pick("Kunde · Telefon", "Customer · phone"),
            Width::Share(2.0),
        ),
        Column::text(lang.pick("Anlass", "Reason"), Width::Share(3.0)),
        Column::text(lang.pick("Wie · wann", "How · when"), Width::Share(2.0)),
        Column::text(lang.pick("Fällig", "Due"), Width::Mm(25.0)),
        Column::text(
            lang.pick("Letzter Kontakt", "Last contact"),
            Width::Mm(31.0),
        ),
        Column {
            title: lang.pick("Notizen", "Notes").to_owned(),
            width: Width::Share(2.6),
            cell: Cell::Notes,
        },
    ];
    let rows = items.iter().map(|item| {
        let customer = customers::get(store, item.customer)?;
        let phones: Vec<&str> = std::iter::once(customer.phone.as_str())
            .chain(customer.other_phones.iter().map(|p| p.value.as_str()))
            .filter(|p| !p.trim().is_empty())
            .collect();
        let last = store.last_contact_on(item.customer)?.map_or_else(
            || lang.pick("nie", "never").to_owned(),
            |d| date_text(d, lang),
        );
        let person = person_text(item, lang);
        let who = if person == item.customer_name {
            format!("{}\n{}", item.customer_name, phones.join(" · "))
        } else {
            format!(
                "{}\n{} · {}",
                item.customer_name,
                person,
                phones.join(" · ")
            )
        };
        Ok(vec![
            String::new(),
            who,
            reason_text(item, lang),
            how_text(item, lang),
            due_text(item, lang),
            last,
            String::new(),
        ])
    });
    write_table(
        &heading,
        Orientation::Landscape,
        &columns,
        RowShape {
            lines: 2,
            size: 8.5,
        },
        items.len(),
        rows,
        lang.pick("Heute steht kein Anruf an.", "No calls are due."),
    )
}
