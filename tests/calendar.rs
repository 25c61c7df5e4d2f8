//! The calendar file read back by an independent iCalendar parser (`ical`): every birthday
//! as a yearly event (29 February on the last day of February), the agenda's follow-ups and
//! next steps as dated events, CRLF line ends, long lines folded, text escaped.

mod common;

use common::clock;
use stammkunde::care::calendar::{self, CalendarChoice};
use stammkunde::customers::{self, CustomerInput, CustomerKind};
use stammkunde::interactions::{self, InteractionInput};
use stammkunde::soft_facts::RelationInput;
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Lang, contacts};

fn events(ics: &[u8]) -> Vec<std::collections::BTreeMap<String, String>> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(ics));
    let calendars: Vec<_> = reader
        .map(|c| c.expect("a calendar the parser reads"))
        .collect();
    assert_eq!(calendars.len(), 1);
    calendars[0]
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        unescape(&p.value.clone().unwrap_or_default()),
                    )
                })
                .collect()
        })
        .collect()
}

/// RFC 5545 text unescaped (the parser hands values over as written).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn birthdays_follow_ups_and_next_steps_read_back_from_the_ics_file() {
    let c = clock();
    let mut store = common::store();
    let hans = customers::create(
        &mut store,
        &CustomerInput {
            first_name: "Hans".into(),
            last_name: "Müller".into(),
            birthday: "29.02.1960".into(),
            partner_name: "Petra".into(),
            partner_birthday: "14.03.".into(),
            relations: vec![RelationInput {
                name: "Lena".into(),
                relation: "Tochter".into(),
                birthday: "01.12.2001".into(),
            }],
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    let firm = customers::create(
        &mut store,
        &CustomerInput {
            kind: CustomerKind::Firm,
            firm_name:
                "Meier, Schulze & Söhne; Feinkost und Spezialitäten aus aller Welt GmbH & Co. KG"
                    .into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    contacts::add(
        &mut store,
        firm.id,
        &contacts::ContactInput {
            name: "Frau Kern".into(),
            role: "Einkauf".into(),
            birthday: "24.11.1980".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    // A purchase worth a follow-up call, and a next step promised.
    transactions::add(
        &mut store,
        hans.id,
        &TransactionInput {
            date: "20.11.2026".into(),
            amount: "899,00".into(),
            product: "Siebträger".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    interactions::add(
        &mut store,
        hans.id,
        &InteractionInput {
            at: "19.11.2026 10:00".into(),
            summary: "Beratung".into(),
            next_step: "Angebot schicken".into(),
            next_step_due: "25.11.2026".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();

    let ics = calendar::ics(&store, CalendarChoice::default(), &c, Lang::De).unwrap();
    let text = String::from_utf8(ics.clone()).unwrap();
    // CRLF after every line, none without it.
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    // The firm's long name is folded (a CRLF followed by a space), never over 75 octets.
    assert!(text.contains("\r\n "), "{text}");
    assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
    // Commas and semicolons in text are escaped.
    assert!(text.contains("Meier\\, Schulze & Söhne\\;"), "{text}");

    let all = events(&ics);
    let find = |summary: &str| {
        all.iter()
            .find(|e| e["SUMMARY"].contains(summary))
            .unwrap_or_else(|| panic!("no event {summary}: {all:?}"))
    };
    let hans_birthday = find("Geburtstag: Hans Müller");
    assert_eq!(hans_birthday["DTSTART"], "19600229");
    assert_eq!(
        hans_birthday["DTEND"], "19600301",
        "all day: the end is the next day"
    );
    assert_eq!(hans_birthday["DESCRIPTION"], "Geboren 29.02.1960");
    assert_eq!(
        hans_birthday["RRULE"],
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    );
    let petra = find("Petra (Partner/in von Hans Müller)");
    assert_eq!(
        (petra["DTSTART"].as_str(), petra["RRULE"].as_str()),
        ("20000314", "FREQ=YEARLY")
    );
    let lena = find("Lena (Tochter von Hans Müller)");
    assert_eq!(lena["DTSTART"], "20011201");
    let kern = find("Frau Kern (Einkauf, Meier");
    assert_eq!(
        (kern["DTSTART"].as_str(), kern["RRULE"].as_str()),
        ("19801124", "FREQ=YEARLY")
    );
    // The follow-up a few days after the purchase and the next step, once each.
    let follow_up = find("Nachfassen: Hans Müller – Siebträger");
    assert!(!follow_up.contains_key("RRULE"));
    let step = find("Nächster Schritt: Hans Müller – Angebot schicken");
    assert_eq!(step["DTSTART"], "20261125");
    assert_eq!(all.len(), 6, "{all:?}");
    // UIDs are stable: the same file again has the same ones.
    let again = events(&calendar::ics(&store, CalendarChoice::default(), &c, Lang::De).unwrap());
    let uids = |e: &[std::collections::BTreeMap<String, String>]| {
        let mut u: Vec<String> = e.iter().map(|x| x["UID"].clone()).collect();
        u.sort();
        u
    };
    assert_eq!(uids(&all), uids(&again));
    // Birthdays only.
    let only = events(
        &calendar::ics(
            &store,
            CalendarChoice {
                birthdays: true,
                agenda: false,
            },
            &c,
            Lang::De,
        )
        .unwrap(),
    );
    assert_eq!(only.len(), 4);
}

#[test]
fn the_cli_writes_the_calendar_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    {
        let mut store = stammkunde::Store::open(&db).unwrap();
        customers::create(
            &mut store,
            &CustomerInput {
                last_name: "Kalender".into(),
                birthday: "05.06.".into(),
                ..Default::default()
            },
            &clock(),
        )
        .unwrap();
    }
    let out = dir.path().join("Stammkunde.ics");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "en", "calendar"])
        .arg(&out)
        .arg("--no-agenda")
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let all = events(&std::fs::read(&out).unwrap());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["SUMMARY"], "Birthday: Kalender");
    assert_eq!(all[0]["DTSTART"], "20000605");
}
