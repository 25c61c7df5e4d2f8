//! The shop's dates for the owner's own calendar (Outlook, Google, Apple): every
//! birthday on file — the customers', their partners', their relations' and the contact
//! persons' — as a yearly all-day event, and the follow-ups, next steps and planned visits
//! of the agenda as dated all-day events, in one iCalendar file (RFC 5545: CRLF line ends,
//! long lines folded, text escaped — written by the `icalendar` crate).
//!
//! A birthday on 29 February recurs on the last day of February
//! (`RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`), so it shows on 28 February in the other
//! years instead of vanishing (a plain yearly rule skips years without the day). A birthday
//! without a year starts in 2000 (a leap year). Every event has a stable UID, so importing
//! the file again updates the events instead of doubling them.

use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::soft_facts::PartialDate;
use crate::store::Store;
use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike};

use super::agenda::{AgendaItem, Occasion};
use crate::interactions::Channel;

/// Whose birthday it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Celebrated {
    Customer,
    Partner {
        name: String,
    },
    Relation {
        index: u32,
        name: String,
        relation: String,
    },
    Contact {
        id: i64,
        name: String,
        role: String,
    },
}

/// One birthday on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BirthdayPerson {
    pub customer: CustomerId,
    pub customer_name: String,
    pub who: Celebrated,
    pub birthday: PartialDate,
}

/// The events of the file (pure: what [`ics`] writes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub uid: String,
    pub summary: String,
    pub description: String,
    /// The first day.
    pub start: NaiveDate,
    /// `None`: once; else the yearly rule.
    pub rrule: Option<String>,
}

/// The yearly event of a birthday.
pub fn birthday_event(p: &BirthdayPerson, lang: Lang) -> Option<CalendarEvent> {
    let b = p.birthday;
    let year = b.year.unwrap_or(2000);
    let start = NaiveDate::from_ymd_opt(year, u32::from(b.month), u32::from(b.day))?;
    let leap_day = b.month == 2 && b.day == 29;
    let rrule = if leap_day {
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    } else {
        "FREQ=YEARLY"
    };
    let title = lang.pick("Geburtstag", "Birthday");
    let (person, uid_part) = match &p.who {
        Celebrated::Customer => (p.customer_name.clone(), "self".to_owned()),
        Celebrated::Partner { name } => {
            let name = if name.trim().is_empty() {
                lang.pick("Partner/in", "Partner").to_owned()
            } else {
                name.clone()
            };
            let of = match lang {
                Lang::De => format!("{name} (Partner/in von {})", p.customer_name),
                Lang::En => format!("{name} ({}'s partner)", p.customer_name),
            };
            (of, "partner".to_owned())
        }
        Celebrated::Relation {
            index,
            name,
            relation,
        } => {
            let of = match (lang, relation.trim().is_empty()) {
                (Lang::De, false) => format!("{name} ({relation} von {})", p.customer_name),
                (Lang::De, true) => format!("{name} (bei {})", p.customer_name),
                (Lang::En, false) => format!("{name} ({}'s {relation})", p.customer_name),
                (Lang::En, true) => format!("{name} (with {})", p.customer_name),
            };
            (of, format!("relation-{index}"))
        }
        Celebrated::Contact { id, name, role } => {
            let at = if role.trim().is_empty() {
                p.customer_name.clone()
            } else {
                format!("{role}, {}", p.customer_name)
            };
            (format!("{name} ({at})"), format!("contact-{id}"))
        }
    };
    let description = match (b.year, lang) {
        (Some(y), Lang::De) => format!("Geboren {:02}.{:02}.{y}", b.day, b.month),
        (Some(y), Lang::En) => format!("Born {y}-{:02}-{:02}", b.month, b.day),
        (None, _) => String::new(),
    };
    Some(CalendarEvent {
        uid: format!("birthday-{}-{uid_part}@stammkunde", p.customer.0),
        summary: format!("{title}: {person}"),
        description,
        start,
        rrule: Some(rrule.to_owned()),
    })
}

/// The dated event of an agenda item that belongs in a calendar: a follow-up on a
/// purchase, a next step promised, a planned visit. `None` for the rest (calls and letters
/// of the plan, birthdays — those come as yearly events).
pub fn agenda_event(item: &AgendaItem, lang: Lang) -> Option<CalendarEvent> {
    let (what, detail) = match &item.occasion {
        Occasion::FollowUp { product, .. } => {
            (lang.pick("Nachfassen", "Follow up"), product.clone())
        }
        Occasion::NextStep { step, .. } => {
            (lang.pick("Nächster Schritt", "Next step"), step.clone())
        }
        Occasion::Measure {
            name,
            channel: Channel::Visit | Channel::Event,
            ..
        } => (lang.pick("Besuch", "Visit"), name.clone()),
        Occasion::Plan {
            channel: Channel::Visit,
            measure,
            ..
        } => (
            lang.pick("Besuch", "Visit"),
            measure.clone().unwrap_or_default(),
        ),
        _ => return None,
    };
    let summary = if detail.trim().is_empty() {
        format!("{what}: {}", item.customer_name)
    } else {
        format!("{what}: {} – {detail}", item.customer_name)
    };
    Some(CalendarEvent {
        uid: format!("agenda-{}@stammkunde", item.key.replace([':', ' '], "-")),
        summary,
        description: String::new(),
        start: item.due,
        rrule: None,
    })
}

/// The events as an iCalendar file.
pub fn write(events: &[CalendarEvent], name: &str, clock: &Clock) -> Vec<u8> {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for e in events {
        let mut event = Event::new();
        // All day: DTSTART;VALUE=DATE and DTEND the day after (RFC 5545 ends are exclusive).
        event
            .uid(&e.uid)
            .summary(&e.summary)
            .starts(e.start)
            .ends(e.start.succ_opt().unwrap_or(e.start))
            .timestamp(clock.now());
        if !e.description.is_empty() {
            event.description(&e.description);
        }
        if let Some(rule) = &e.rrule {
            event.add_property("RRULE", rule.as_str());
        }
        calendar.push(event.done());
    }
    calendar.done().to_string().into_bytes()
}

/// What goes into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CalendarChoice {
    pub birthdays: bool,
    /// Follow-ups, next steps and planned visits from the agenda.
    pub agenda: bool,
}

impl Default for CalendarChoice {
    fn default() -> Self {
        CalendarChoice {
            birthdays: true,
            agenda: true,
        }
    }
}

/// The shop's calendar file as of `clock`.
pub fn ics(store: &Store, choice: CalendarChoice, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    if !choice.birthdays && !choice.agenda {
        return Err(Error::Validation(vec![crate::error::FieldError::new(
            crate::error::Field::Kind,
            crate::error::Issue::Required,
        )]));
    }
    let mut events = Vec::new();
    if choice.birthdays {
        events.extend(
            store
                .calendar_birthdays()?
                .iter()
                .filter_map(|p| birthday_event(p, lang)),
        );
    }
    if choice.agenda {
        let agenda = super::shop::agenda(store, 10_000, clock)?;
        events.extend(agenda.items.iter().filter_map(|i| agenda_event(i, lang)));
    }
    let name = format!(
        "{} – {}",
        crate::paper::shop_name(store)?,
        lang.pick("Stammkunde", "Stammkunde")
    );
    Ok(write(&events, &name, clock))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(day: u32, month: u32, year: Option<i32>) -> BirthdayPerson {
        BirthdayPerson {
            customer: CustomerId(7),
            customer_name: "Hans Müller".into(),
            who: Celebrated::Customer,
            birthday: PartialDate::new(day, month, year).unwrap(),
        }
    }

    #[test]
    fn a_leap_day_birthday_falls_on_the_last_day_of_february() {
        let e = birthday_event(&person(29, 2, None), Lang::De).unwrap();
        assert_eq!(e.start, NaiveDate::from_ymd_opt(2000, 2, 29).unwrap());
        assert_eq!(
            e.rrule.as_deref(),
            Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1")
        );
        let e = birthday_event(&person(14, 3, Some(1961)), Lang::De).unwrap();
        assert_eq!(e.start, NaiveDate::from_ymd_opt(1961, 3, 14).unwrap());
        assert_eq!(e.rrule.as_deref(), Some("FREQ=YEARLY"));
        assert_eq!(e.summary, "Geburtstag: Hans Müller");
        assert_eq!(e.description, "Geboren 14.03.1961");
        assert_eq!(e.uid, "birthday-7-self@stammkunde");
    }
}
