//! The customer profile on paper: what an owner takes to a visit — the hard and the soft
//! facts, the next birthdays, the contacts at the firm, value, phase and score, the
//! loyalty balance, open complaints, what is due next, and the last purchases and contacts.

use super::calls::{channel_label, due_text, how_text, money, reason_text};
use super::customers::{partial_date_text, phase_label, status_label};
use super::flow::{Block, write_blocks};
use super::labels::postal_address;
use super::pdf::Orientation;
use super::table::{Column, Heading, Width, date_text};
use crate::Clock;
use crate::customers::{self, CustomerId, CustomerKind};
use crate::error::Result;
use crate::i18n::Lang;
use crate::soft_facts::{AddressForm, UpcomingBirthday, upcoming_birthday};
use crate::store::Store;
use crate::timeline::TimelineEntry;
use crate::value::segments::{Abc, Quadrant};

/// How many of the last purchases and contacts the profile shows.
const LAST_PURCHASES: usize = 8;
const LAST_CONTACTS: usize = 6;

pub fn quadrant_label(q: Quadrant, lang: Lang) -> &'static str {
    match q {
        Quadrant::Top => lang.pick("Topkunde", "Top customer"),
        Quadrant::Development => lang.pick("Entwicklungskunde", "Development customer"),
        Quadrant::Premium => lang.pick("Premiumkunde", "Premium customer"),
        Quadrant::Small => lang.pick("Kleinkunde", "Small customer"),
    }
}

fn abc_label(abc: Abc) -> String {
    abc.code().to_uppercase()
}

fn month_short(month: u8, lang: Lang) -> &'static str {
    const DE: [&str; 12] = [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.",
        "Dez.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = usize::from(month.clamp(1, 12) - 1);
    match lang {
        Lang::De => DE[i],
        Lang::En => EN[i],
    }
}

fn weekday_short(day: u8, lang: Lang) -> &'static str {
    const DE: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = usize::from(day.clamp(1, 7) - 1);
    match lang {
        Lang::De => DE[i],
        Lang::En => EN[i],
    }
}

fn upcoming_text(b: &UpcomingBirthday, lang: Lang) -> String {
    let when = match b.days {
        0 => lang.pick("heute", "today").to_owned(),
        1 => lang.pick("morgen", "tomorrow").to_owned(),
        n => match lang {
            Lang::De => format!("in {n} Tagen"),
            Lang::En => format!("in {n} days"),
        },
    };
    let turns = b.turns.map_or_else(String::new, |n| match lang {
        Lang::De => format!(", wird {n}"),
        Lang::En => format!(", turns {n}"),
    });
    format!("{} ({when}{turns})", date_text(b.date, lang))
}

/// The profile of one customer as a PDF.
pub fn profile(store: &Store, customer: CustomerId, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    let today = clock.today();
    let details = customers::details(store, customer, today)?;
    let c = &details.customer;
    let pick = |de, en| lang.pick(de, en).to_owned();
    let mut blocks = Vec::new();
    let fact = |blocks: &mut Vec<Block>, label: &str, value: String| {
        if !value.trim().is_empty() {
            blocks.push(Block::Fact(label.to_owned(), value));
        }
    };

    // The hard facts.
    blocks.push(Block::Section(pick("Stammdaten", "Record")));
    fact(
        &mut blocks,
        &pick("Anschrift", "Address"),
        postal_address(c, lang).join(", "),
    );
    let phones: Vec<String> = std::iter::once(c.phone.clone())
        .chain(c.other_phones.iter().map(|p| {
            if p.label.is_empty() {
                p.value.clone()
            } else {
                format!("{} ({})", p.value, p.label)
            }
        }))
        .filter(|p| !p.trim().is_empty())
        .collect();
    fact(&mut blocks, &pick("Telefon", "Phone"), phones.join(" · "));
    let emails: Vec<String> = std::iter::once(c.email.clone())
        .chain(c.other_emails.iter().map(|e| e.value.clone()))
        .filter(|e| !e.trim().is_empty())
        .collect();
    fact(&mut blocks, &pick("E-Mail", "E-mail"), emails.join(" · "));
    if let Some(b) = c.birthday {
        let next = details
            .next_birthday
            .as_ref()
            .map_or_else(String::new, |n| format!(" · {}", upcoming_text(n, lang)));
        fact(
            &mut blocks,
            &pick("Geburtstag", "Birthday"),
            format!("{}{next}", partial_date_text(b, lang)),
        );
    }
    if c.kind == CustomerKind::Firm {
        fact(
            &mut blocks,
            &pick("Branche", "Industry"),
            c.industry.clone(),
        );
        if let Some(size) = c.company_size {
            fact(
                &mut blocks,
                &pick("Mitarbeiter", "Employees"),
                size.to_string(),
            );
        }
        if let Some(revenue) = c.annual_revenue_cents {
            fact(
                &mut blocks,
                &pick("Jahresumsatz", "Annual revenue"),
                money(revenue, lang),
            );
        }
    }
    if let Some(since) = c.customer_since {
        fact(
            &mut blocks,
            &pick("Kunde seit", "Customer since"),
            date_text(since, lang),
        );
    }
    fact(
        &mut blocks,
        &pick("Betreut von", "Account manager"),
        details.employee_name.clone().unwrap_or_default(),
    );
    fact(
        &mut blocks,
        "Status",
        status_label(c.status, lang).to_owned(),
    );
    fact(&mut blocks, &pick("Merkmale", "Tags"), c.tags.join(", "));

    // The soft facts.
    blocks.push(Block::Section(pick("Persönliches", "Personal")));
    let before = blocks.len();
    if !c.partner_name.is_empty() || c.partner_birthday.is_some() {
        let birthday = c.partner_birthday.map_or_else(String::new, |b| {
            let next = details
                .next_partner_birthday
                .as_ref()
                .map_or_else(String::new, |n| format!(", {}", upcoming_text(n, lang)));
            format!(" · {}{next}", partial_date_text(b, lang))
        });
        fact(
            &mut blocks,
            &pick("Partner/in", "Partner"),
            format!("{}{birthday}", c.partner_name),
        );
    }
    for (r, next) in c.relations.iter().zip(&details.next_relation_birthdays) {
        let birthday = match (r.birthday, next) {
            (Some(b), Some(n)) => format!(
                " · {}, {}",
                partial_date_text(b, lang),
                upcoming_text(n, lang)
            ),
            (Some(b), None) => format!(" · {}", partial_date_text(b, lang)),
            _ => String::new(),
        };
        let label = if r.relation.is_empty() {
            pick("Angehörige/r", "Relation")
        } else {
            r.relation.clone()
        };
        fact(&mut blocks, &label, format!("{}{birthday}", r.name));
    }
    fact(
        &mut blocks,
        &pick("Am liebsten per", "Prefers"),
        c.preferred_channels
            .iter()
            .map(|ch| channel_label(*ch, lang))
            .collect::<Vec<_>>()
            .join(", "),
    );
    fact(
        &mut blocks,
        &pick("Nicht kontaktieren", "Do not contact"),
        c.quiet_times
            .iter()
            .map(|q| {
                let days: Vec<&str> = q.weekdays.iter().map(|d| weekday_short(*d, lang)).collect();
                format!("{} {}–{}", days.join(", "), q.from, q.to)
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    fact(
        &mut blocks,
        &pick("Hochsaison", "Peak season"),
        c.peak_months
            .iter()
            .map(|m| month_short(*m, lang))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let form = match c.address_form {
        AddressForm::Sie => pick("Sie", "formal (Sie)"),
        AddressForm::Du => pick("Du", "informal (Du)"),
        AddressForm::Unknown => String::new(),
    };
    fact(&mut blocks, &pick("Anrede", "Form of address"), form);
    if let Some(closeness) = c.closeness {
        fact(
            &mut blocks,
            &pick("Nähe", "Closeness"),
            format!("{closeness} / 5"),
        );
    }
    fact(
        &mut blocks,
        &pick("Interessen", "Interests"),
        c.interests.join(", "),
    );
    for p in &c.preferences {
        fact(&mut blocks, &p.label, p.value.clone());
    }
    fact(&mut blocks, &pick("Notizen", "Notes"), c.notes.clone());
    if blocks.len() == before {
        blocks.push(Block::Note(pick(
            "Noch nichts festgehalten.",
            "Nothing noted yet.",
        )));
    }

    // The contacts at the firm, with their birthdays.
    let contacts = crate::contacts::list(store, customer)?;
    if c.kind == CustomerKind::Firm || !contacts.is_empty() {
        blocks.push(Block::Section(pick("Ansprechpartner", "Contacts")));
        if contacts.is_empty() {
            blocks.push(Block::Note(pick("Keine erfasst.", "None recorded.")));
        } else {
            blocks.push(Block::Table {
                columns: vec![
                    Column::text("Name", Width::Share(2.0)),
                    Column::text(pick("Rolle", "Role"), Width::Share(1.5)),
                    Column::text(pick("Telefon", "Phone"), Width::Share(1.5)),
                    Column::text(pick("E-Mail", "E-mail"), Width::Share(2.0)),
                    Column::text(pick("Geburtstag", "Birthday"), Width::Mm(36.0)),
                ],
                rows: contacts
                    .iter()
                    .map(|k| {
                        let birthday = k.birthday.map_or_else(String::new, |b| {
                            let partial = crate::soft_facts::PartialDate {
                                day: chrono::Datelike::day(&b) as u8,
                                month: chrono::Datelike::month(&b) as u8,
                                year: Some(chrono::Datelike::year(&b)),
                            };
                            upcoming_birthday(partial, today).map_or_else(
                                || date_text(b, lang),
                                |n| match (n.turns, lang) {
                                    (Some(t), Lang::De) => {
                                        format!("{} · wird {t}", date_text(n.date, lang))
                                    }
                                    (Some(t), Lang::En) => {
                                        format!("{} · turns {t}", date_text(n.date, lang))
                                    }
                                    (None, _) => date_text(n.date, lang),
                                },
                            )
                        });
                        vec![
                            k.name.clone(),
                            k.role.clone(),
                            k.phone.clone(),
                            k.email.clone(),
                            birthday,
                        ]
                    })
                    .collect(),
            });
        }
    }

    // Value, phase and score; the loyalty account.
    blocks.push(Block::Section(pick("Kundenwert", "Customer value")));
    match crate::value::shop::customer_value(store, customer)? {
        Some(v) => {
            fact(
                &mut blocks,
                &pick("Einordnung", "Segment"),
                format!(
                    "{} · {}-{} · Phase {} · Score {}",
                    quadrant_label(v.quadrant, lang),
                    abc_label(v.abc),
                    lang.pick("Kunde", "customer"),
                    phase_label(v.phase, lang),
                    v.score
                ),
            );
            fact(
                &mut blocks,
                &pick("Umsatz 12 Monate", "Revenue 12 months"),
                money(v.revenue_12m_cents, lang),
            );
            fact(
                &mut blocks,
                &pick("Kundenwert", "Customer value"),
                money(v.value_cents, lang),
            );
            if let Some(p) = v.p_alive {
                fact(
                    &mut blocks,
                    &pick("Noch aktiv (Modell)", "Still active (model)"),
                    format!("{:.0} %", p * 100.0),
                );
            }
        }
        None => blocks.push(Block::Note(pick(
            "Noch nicht berechnet (kein Einkauf oder keine Analyse).",
            "Not worked out yet (no purchase, or no analysis).",
        ))),
    }
    let account = crate::loyalty::shop::account_read(store, customer, today)?;
    if let (Some(member), Some(card)) = (&account.member, &account.card_display) {
        blocks.push(Block::Section(pick("Kundenkarte", "Loyalty card")));
        fact(&mut blocks, &pick("Karte", "Card"), card.clone());
        fact(
            &mut blocks,
            &pick("Punkte", "Points"),
            format!("{} ({})", account.balance, money(account.value_cents, lang)),
        );
        fact(
            &mut blocks,
            &pick("Stufe", "Tier"),
            account.tier.clone().unwrap_or_default(),
        );
        fact(
            &mut blocks,
            &pick("Dabei seit", "Member since"),
            date_text(member.joined_on, lang),
        );
    }

    // Open complaints.
    let complaints = crate::complaints::open_for(store, customer)?;
    blocks.push(Block::Section(pick(
        "Offene Reklamationen",
        "Open complaints",
    )));
    if complaints.is_empty() {
        blocks.push(Block::Note(pick("Keine.", "None.")));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                Column::text(pick("Seit", "Since"), Width::Mm(22.0)),
                Column::text(pick("Worum es geht", "What it is about"), Width::Share(4.0)),
                Column::text(pick("Zuständig", "Owner"), Width::Share(1.5)),
            ],
            rows: complaints
                .iter()
                .map(|k| {
                    vec![
                        date_text(k.at.date(), lang),
                        k.summary.clone(),
                        k.owner_name.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }

    // What is due next, from the agenda.
    blocks.push(Block::Section(pick("Als Nächstes", "Next")));
    let due = crate::care::shop::agenda_for(store, customer, clock)?;
    if due.is_empty() {
        blocks.push(Block::Note(pick(
            "Steht gerade nichts an.",
            "Nothing is due right now.",
        )));
    }
    for item in due.iter().take(4) {
        blocks.push(Block::Fact(
            due_text(item, lang),
            format!("{} — {}", reason_text(item, lang), how_text(item, lang)),
        ));
    }

    // The last purchases and contacts.
    let timeline = crate::timeline::page(store, customer, None, 100)?;
    let purchases: Vec<_> = timeline
        .entries
        .iter()
        .filter_map(|e| match e {
            TimelineEntry::Purchase(p) => Some(p),
            _ => None,
        })
        .take(LAST_PURCHASES)
        .collect();
    blocks.push(Block::Section(pick("Letzte Einkäufe", "Last purchases")));
    if purchases.is_empty() {
        blocks.push(Block::Note(pick("Noch keine.", "None yet.")));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                Column::text(pick("Datum", "Date"), Width::Mm(22.0)),
                Column::text(pick("Artikel", "Item"), Width::Share(3.0)),
                Column::text(pick("Warengruppe", "Category"), Width::Share(1.5)),
                Column::right(pick("Betrag", "Amount"), Width::Mm(28.0)),
            ],
            rows: purchases
                .iter()
                .map(|p| {
                    vec![
                        date_text(p.date, lang),
                        p.product.clone(),
                        p.category.clone(),
                        money(p.amount_cents - p.discount_cents, lang),
                    ]
                })
                .collect(),
        });
    }
    let contacts: Vec<_> = timeline
        .entries
        .iter()
        .filter_map(|e| match e {
            TimelineEntry::Interaction(i) => Some(i),
            _ => None,
        })
        .take(LAST_CONTACTS)
        .collect();
    blocks.push(Block::Section(pick("Letzte Kontakte", "Last contacts")));
    if contacts.is_empty() {
        blocks.push(Block::Note(pick("Noch keine.", "None yet.")));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                Column::text(pick("Datum", "Date"), Width::Mm(22.0)),
                Column::text(pick("Kanal", "Channel"), Width::Mm(24.0)),
                Column::text(pick("Worum es ging", "What about"), Width::Share(3.0)),
                Column::text(pick("Ergebnis", "Outcome"), Width::Share(2.0)),
            ],
            rows: contacts
                .iter()
                .map(|i| {
                    vec![
                        date_text(i.at.date(), lang),
                        channel_label(i.channel, lang).to_owned(),
                        i.summary.clone(),
                        i.outcome.clone(),
                    ]
                })
                .collect(),
        });
    }

    let kind = match c.kind {
        CustomerKind::Person => pick("Privatperson", "Person"),
        CustomerKind::Firm => pick("Firma", "Firm"),
    };
    let heading = Heading {
        shop: super::shop_name(store)?,
        title: c.display_name.clone(),
        filter: format!(
            "{} · {} {} · {kind}",
            pick("Kundenprofil", "Customer profile"),
            lang.pick("Nr.", "No."),
            c.number
        ),
        date: today,
        lang,
    };
    write_blocks(&heading, Orientation::Portrait, &blocks)
}
