//! The agenda: whom to contact today and this week, why, and how — birthdays (the
//! customer's, the partner's, a relation's, a contact person's), the follow-up call after a
//! purchase, the contact the communication plan says is due, and next steps promised in
//! earlier interactions. Each item respects the customer's preferred channels, their quiet
//! times of the day and their peak season. Pure: everything it needs, "today" included, is
//! passed in.

use super::CareSettings;
use super::next::{Aim, StepReason};
use super::plan::{MeasureId, PlanRule, PlanRuleId};
use crate::customers::CustomerId;
use crate::interactions::{Channel, InteractionId};
use crate::soft_facts::{PartialDate, QuietTime};
use crate::transactions::TransactionId;
use crate::value::segments::{Abc, Phase, Quadrant};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

mod facts;
pub use facts::*;

mod candidates;
pub use candidates::*;

mod suggest;
pub use suggest::*;

/// Birthdays stay on the agenda this many days after they passed (belated wishes).
pub const BIRTHDAY_GRACE_DAYS: i64 = 2;
/// A follow-up call not made this many days after it was due leaves the agenda.
pub const FOLLOW_UP_GRACE_DAYS: i64 = 14;

/// Whose birthday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Person {
    Customer,
    Partner {
        name: String,
    },
    /// A relation of the customer (`index` in their list).
    Relation {
        index: u32,
        name: String,
        relation: String,
    },
    /// A contact person at a customer firm.
    Contact {
        #[cfg_attr(feature = "specta", specta(type = u32))]
        id: i64,
        name: String,
        role: String,
    },
}

/// Why an item is on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Occasion {
    #[serde(rename_all = "camelCase")]
    Birthday {
        person: Person,
        /// The age reached, when the year of birth is known.
        turns: Option<u32>,
    },
    #[serde(rename_all = "camelCase")]
    FollowUp {
        purchase: TransactionId,
        purchased_on: NaiveDate,
        product: String,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        amount_cents: i64,
    },
    #[serde(rename_all = "camelCase")]
    Plan {
        rule: PlanRuleId,
        channel: Channel,
        every_days: u32,
        /// The last contact on that channel; `None`: never.
        last_contact: Option<NaiveDate>,
        measure: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    NextStep {
        interaction: InteractionId,
        step: String,
        /// When the interaction that promised it took place.
        promised_on: NaiveDate,
    },
    /// A new product the customer should hear of.
    #[serde(rename_all = "camelCase")]
    NewProduct {
        product: crate::care::news::NewProductId,
        name: String,
        text: String,
        reason: crate::care::news::NewsReason,
    },
    /// A measure of the catalogue: suggested by the next step's table, or assigned.
    #[serde(rename_all = "camelCase")]
    Measure {
        measure: MeasureId,
        name: String,
        channel: Channel,
        quadrant: Option<Quadrant>,
        phase: Option<Phase>,
        aim: Option<Aim>,
        reasons: Vec<StepReason>,
        /// Assigned by someone (else suggested by the table).
        assigned: bool,
        note: String,
    },
}

/// How to greet on a birthday, chosen by closeness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Greeting {
    /// Very close (5): drop by with a small gift.
    VisitWithGift,
    /// Close (3–4): call.
    Call,
    /// Distant or not known: send a card.
    Card,
    /// A contact person at a firm: a card or e-mail to them.
    BusinessCard,
}

/// Something the owner should know before reaching out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Hint {
    /// The customer prefers this channel; the suggestion follows it.
    Prefers { channel: Channel },
    /// Not to be called today between these times.
    QuietToday { from: String, to: String },
    /// Today lies in the customer's peak season: no calls or visits.
    PeakSeason,
    /// No time is free to call today (quiet all day or outside the call hours).
    NoCallToday,
}

/// The suggested way to get in touch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub channel: Channel,
    /// For a call today: a time window that is free (`HH:MM`).
    pub call_from: Option<String>,
    pub call_to: Option<String>,
    pub greeting: Option<Greeting>,
    pub hints: Vec<Hint>,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    /// Names the item for done / snooze / log.
    pub key: String,
    pub customer: CustomerId,
    pub customer_name: String,
    pub occasion: Occasion,
    pub due: NaiveDate,
    /// Days past due (0 = today, negative = still ahead).
    pub overdue_days: i32,
    pub suggestion: Suggestion,
    /// The customer's value (for the order within a day).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub value_cents: i64,
    /// Whose task it is: the employee a step was assigned to, the one a measure names,
    /// the one who promised a next step, else the one who looks after the customer.
    pub owner: Option<crate::employees::EmployeeId>,
    pub owner_name: Option<String>,
}

/// An item's name: what it is about, for which customer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKey {
    Birthday {
        customer: CustomerId,
        person: String,
        date: NaiveDate,
    },
    FollowUp {
        customer: CustomerId,
        purchase: TransactionId,
    },
    Plan {
        customer: CustomerId,
        rule: PlanRuleId,
        due: NaiveDate,
    },
    NextStep {
        customer: CustomerId,
        interaction: InteractionId,
    },
    /// A new product to tell the customer of.
    News {
        customer: CustomerId,
        product: crate::care::news::NewProductId,
    },
    /// A measure suggested or assigned as the customer's next step.
    Measure {
        customer: CustomerId,
        measure: MeasureId,
    },
}

impl ItemKey {
    pub fn customer(&self) -> CustomerId {
        match self {
            ItemKey::Birthday { customer, .. }
            | ItemKey::FollowUp { customer, .. }
            | ItemKey::Plan { customer, .. }
            | ItemKey::NextStep { customer, .. }
            | ItemKey::News { customer, .. }
            | ItemKey::Measure { customer, .. } => *customer,
        }
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemKey::Birthday {
                customer,
                person,
                date,
            } => write!(f, "birthday:{}:{person}:{date}", customer.0),
            ItemKey::FollowUp { customer, purchase } => {
                write!(f, "followup:{}:{}", customer.0, purchase.0)
            }
            ItemKey::Plan {
                customer,
                rule,
                due,
            } => write!(f, "plan:{}:{}:{due}", customer.0, rule.0),
            ItemKey::NextStep {
                customer,
                interaction,
            } => write!(f, "step:{}:{}", customer.0, interaction.0),
            ItemKey::Measure { customer, measure } => {
                write!(f, "next:{}:{}", customer.0, measure.0)
            }
            ItemKey::News { customer, product } => {
                write!(f, "new:{}:{}", customer.0, product.0)
            }
        }
    }
}

impl FromStr for ItemKey {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        let parts: Vec<&str> = text.split(':').collect();
        let id = |s: &str| s.parse::<i64>().ok().filter(|&v| v > 0).ok_or(());
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ());
        let person_ok = |p: &str| {
            p == "self"
                || p == "partner"
                || p.strip_prefix("relation-")
                    .is_some_and(|n| n.parse::<u32>().is_ok())
                || p.strip_prefix("contact-").is_some_and(|n| id(n).is_ok())
        };
        match parts[..] {
            ["birthday", c, p, d] if person_ok(p) => Ok(ItemKey::Birthday {
                customer: CustomerId(id(c)?),
                person: p.to_owned(),
                date: date(d)?,
            }),
            ["followup", c, t] => Ok(ItemKey::FollowUp {
                customer: CustomerId(id(c)?),
                purchase: TransactionId(id(t)?),
            }),
            ["plan", c, r, d] => Ok(ItemKey::Plan {
                customer: CustomerId(id(c)?),
                rule: PlanRuleId(id(r)?),
                due: date(d)?,
            }),
            ["step", c, i] => Ok(ItemKey::NextStep {
                customer: CustomerId(id(c)?),
                interaction: InteractionId(id(i)?),
            }),
            ["new", c, p] => Ok(ItemKey::News {
                customer: CustomerId(id(c)?),
                product: crate::care::news::NewProductId(id(p)?),
            }),
            ["next", c, m] => Ok(ItemKey::Measure {
                customer: CustomerId(id(c)?),
                measure: MeasureId(id(m)?),
            }),
            _ => Err(()),
        }
    }
}

/// Words an item: the occasion with names, and the way to get in touch for `c`, the
/// customer it is about (with names, channels and quiet times read).
pub fn materialize(
    candidate: &Candidate,
    c: &CareCustomer,
    facts: &AgendaFacts,
    settings: &CareSettings,
    now: Now,
) -> AgendaItem {
    let today = now.today;
    let due_now = candidate.due <= today;
    let turns = |date: PartialDate, on: NaiveDate| {
        date.year.and_then(|y| u32::try_from(on.year() - y).ok())
    };
    let (occasion, suggestion) = match candidate.source {
        Source::Birthday { who, birthday } => {
            let person = match who {
                Who::Customer => Person::Customer,
                Who::Partner => Person::Partner {
                    name: c.partner_name.clone(),
                },
                Who::Relation(i) => {
                    let (name, relation, _) =
                        c.relations.get(i as usize).cloned().unwrap_or_default();
                    Person::Relation {
                        index: i,
                        name,
                        relation,
                    }
                }
                Who::Contact(i) => {
                    let contact = &facts.contacts[i];
                    Person::Contact {
                        id: contact.contact,
                        name: contact.name.clone(),
                        role: contact.role.clone(),
                    }
                }
            };
            let s = if matches!(person, Person::Contact { .. }) {
                let mut s = suggest(c, Channel::Letter, now, settings, false, true);
                s.greeting = Some(Greeting::BusinessCard);
                s
            } else {
                let channel = match greeting(c.closeness) {
                    Greeting::VisitWithGift => Channel::Visit,
                    Greeting::Call => Channel::Phone,
                    Greeting::Card | Greeting::BusinessCard => Channel::Letter,
                };
                let mut s = suggest(c, channel, now, settings, candidate.due == today, true);
                s.greeting = Some(match s.channel {
                    Channel::Phone => Greeting::Call,
                    Channel::Visit => Greeting::VisitWithGift,
                    _ => Greeting::Card,
                });
                s
            };
            let occasion = Occasion::Birthday {
                turns: turns(birthday, candidate.due),
                person,
            };
            (occasion, s)
        }
        Source::FollowUp(i) => {
            let p = &facts.purchases[i];
            let occasion = Occasion::FollowUp {
                purchase: p.id,
                purchased_on: p.date,
                product: p.product.clone(),
                amount_cents: p.paid_cents,
            };
            (
                occasion,
                suggest(c, Channel::Phone, now, settings, due_now, false),
            )
        }
        Source::Plan { rule, last } => {
            let rule = &facts.rules[rule];
            let occasion = Occasion::Plan {
                rule: rule.id,
                channel: rule.channel,
                every_days: rule.every_days,
                last_contact: last,
                measure: rule.measure.and_then(|m| facts.measures.get(&m.0)).cloned(),
            };
            (
                occasion,
                suggest(c, rule.channel, now, settings, due_now, true),
            )
        }
        Source::Step(i) => {
            let step = &facts.steps[i];
            let occasion = Occasion::NextStep {
                interaction: step.interaction,
                step: step.step.clone(),
                promised_on: step.at,
            };
            (
                occasion,
                suggest(c, Channel::Phone, now, settings, due_now, false),
            )
        }
        Source::News(i) => {
            let n = &facts.news[i];
            let occasion = Occasion::NewProduct {
                product: n.product,
                name: n.name.clone(),
                text: n.text.clone(),
                reason: n.reason.clone(),
            };
            (
                occasion,
                suggest(c, Channel::Email, now, settings, due_now, true),
            )
        }
        Source::Suggested(i) => {
            let m = &facts.catalogue[i];
            let step = StepRef {
                measure: m.id,
                name: &m.name,
                channel: m.channel,
                assigned: false,
                note: "",
            };
            let how = suggest(c, m.channel, now, settings, due_now, true);
            measure_item(c, step, facts, how)
        }
        Source::Assigned(i) => {
            let e = &facts.step_events[i];
            let step = StepRef {
                measure: e.measure.unwrap_or(MeasureId(0)),
                name: &e.measure_name,
                channel: e.channel,
                assigned: true,
                note: &e.note,
            };
            let how = suggest(c, e.channel, now, settings, due_now, false);
            measure_item(c, step, facts, how)
        }
    };
    AgendaItem {
        key: candidate.key.to_string(),
        customer: c.id,
        customer_name: c.name.clone(),
        occasion,
        due: candidate.due,
        overdue_days: candidate.overdue_days(today) as i32,
        suggestion,
        value_cents: candidate.value_cents,
        owner: candidate.owner,
        owner_name: candidate
            .owner
            .and_then(|o| facts.employees.get(&o))
            .cloned(),
    }
}

/// A measure of the next step as an item names it.
struct StepRef<'a> {
    measure: MeasureId,
    name: &'a str,
    channel: Channel,
    assigned: bool,
    note: &'a str,
}

/// The occasion for a measure of the next step, with the reasons the table gives for it
/// (without the loyalty tier, which the agenda does not read), and the way to reach the
/// customer. A suggested step is advertising (consent decides the channel); one an
/// employee was assigned is not second-guessed.
fn measure_item(
    c: &CareCustomer,
    step: StepRef<'_>,
    facts: &AgendaFacts,
    how: Suggestion,
) -> (Occasion, Suggestion) {
    let StepRef {
        measure,
        name,
        channel,
        assigned,
        note,
    } = step;
    let situation = c.situation();
    let reasons = super::next::suggest(&situation, &facts.catalogue)
        .into_iter()
        .find(|s| s.measure == measure)
        .map(|s| s.reasons)
        .unwrap_or_default();
    let occasion = Occasion::Measure {
        measure,
        name: name.to_owned(),
        channel,
        quadrant: c.quadrant,
        phase: c.phase,
        aim: c
            .quadrant
            .zip(c.phase)
            .map(|(q, p)| super::next::rule_for(q, p).aim),
        reasons,
        assigned,
        note: note.to_owned(),
    };
    (occasion, how)
}

/// The whole agenda, every item worded: [`candidates`], then [`materialize`] each.
pub fn agenda(facts: &AgendaFacts, settings: &CareSettings, now: Now) -> Vec<AgendaItem> {
    let by_id: HashMap<CustomerId, &CareCustomer> =
        facts.customers.iter().map(|c| (c.id, c)).collect();
    let mut all = candidates(facts, settings, now.today);
    first_in_order(&mut all, 0);
    all.iter()
        .map(|cand| materialize(cand, by_id[&cand.customer], facts, settings, now))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::plan::MeasureId;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(today: NaiveDate, h: u32, m: u32) -> Now {
        Now {
            today,
            time: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        }
    }

    /// A customer who agreed to advertising on every channel.
    fn customer(id: i64) -> CareCustomer {
        CareCustomer {
            id: CustomerId(id),
            name: format!("Kunde {id}"),
            since: day(2020, 1, 1),
            consents: crate::privacy::Consents {
                email: Some(true),
                letter: Some(true),
                phone: Some(true),
                messenger: Some(true),
                firm: false,
            },
            ..Default::default()
        }
    }

    #[test]
    fn consent_decides_what_advertising_reaches_a_customer() {
        let today = day(2026, 11, 23);
        let settings = CareSettings::default();
        let rule = |id, channel| PlanRule {
            channel,
            ..phone_rule(id, 30)
        };
        let mut c = customer(1);
        c.quadrant = Some(Quadrant::Top);
        c.consents = crate::privacy::Consents::default();
        c.preferred_channels = vec![Channel::Email];
        let mut f = facts(vec![c]);
        f.rules = vec![
            rule(1, Channel::Email),
            rule(2, Channel::Phone),
            rule(3, Channel::Letter),
        ];
        f.purchases = vec![RecentPurchase {
            id: TransactionId(10),
            customer: CustomerId(1),
            date: day(2026, 11, 20),
            product: "Navigationsgerät".into(),
            paid_cents: 89_900,
        }];
        let keys = |f: &AgendaFacts| {
            let mut k: Vec<String> = agenda(f, &settings, at(today, 9, 0))
                .into_iter()
                .map(|i| {
                    let key: Vec<&str> = i.key.split(':').take(3).collect();
                    format!("{} {:?}", key.join(":"), i.suggestion.channel)
                })
                .collect();
            k.sort();
            k
        };
        // No consent recorded: no newsletter, no advertising call to a private person;
        // a letter (unless objected) and the follow-up on the purchase (the contract)
        // stay; the letter does not turn into the preferred e-mail, the follow-up (not
        // advertising) does.
        assert_eq!(keys(&f), vec!["followup:1:10 Email", "plan:1:3 Letter"]);
        // Consent to e-mail given, letters objected to.
        f.customers[0].consents.email = Some(true);
        f.customers[0].consents.letter = Some(false);
        assert_eq!(keys(&f), vec!["followup:1:10 Email", "plan:1:1 Email"]);
        // A firm may be called unless it objected (the call goes by its preferred e-mail).
        f.customers[0].consents.firm = true;
        assert_eq!(
            keys(&f),
            vec!["followup:1:10 Email", "plan:1:1 Email", "plan:1:2 Email"]
        );
        // Birthdays are advertising too: nobody to greet without any allowed channel.
        let mut c = customer(2);
        c.consents = crate::privacy::Consents {
            letter: Some(false),
            ..Default::default()
        };
        c.birthday = PartialDate::new(24, 11, None);
        assert!(agenda(&facts(vec![c.clone()]), &settings, at(today, 9, 0)).is_empty());
        c.consents.letter = None;
        let items = agenda(&facts(vec![c]), &settings, at(today, 9, 0));
        assert_eq!(items[0].suggestion.channel, Channel::Letter);
    }

    fn facts(customers: Vec<CareCustomer>) -> AgendaFacts {
        AgendaFacts {
            customers,
            ..Default::default()
        }
    }

    fn birthdays(items: &[AgendaItem]) -> Vec<(NaiveDate, &str)> {
        items
            .iter()
            .filter(|i| matches!(i.occasion, Occasion::Birthday { .. }))
            .map(|i| (i.due, i.key.as_str()))
            .collect()
    }

    #[test]
    fn birthdays_across_the_year_end() {
        let mut c = customer(1);
        c.birthday = PartialDate::new(3, 1, Some(1970));
        c.partner_name = "Anna".into();
        c.partner_birthday = PartialDate::new(30, 12, None);
        let items = agenda(
            &facts(vec![c]),
            &CareSettings::default(),
            at(day(2026, 12, 28), 9, 0),
        );
        assert_eq!(
            birthdays(&items),
            vec![
                (day(2026, 12, 30), "birthday:1:partner:2026-12-30"),
                (day(2027, 1, 3), "birthday:1:self:2027-01-03"),
            ]
        );
        let Occasion::Birthday { turns, .. } = &items[1].occasion else {
            panic!("a birthday")
        };
        // Born 1970, on 3 January 2027 the customer turns 57.
        assert_eq!(*turns, Some(57));
        assert_eq!(items[1].overdue_days, -6);
    }

    #[test]
    fn a_leap_day_birthday_falls_on_28_february_in_other_years() {
        let mut c = customer(1);
        c.birthday = PartialDate::new(29, 2, Some(1988));
        let settings = CareSettings::default();
        let items = agenda(
            &facts(vec![c.clone()]),
            &settings,
            at(day(2027, 2, 20), 9, 0),
        );
        assert_eq!(
            birthdays(&items),
            vec![(day(2027, 2, 28), "birthday:1:self:2027-02-28")]
        );
        let items = agenda(&facts(vec![c]), &settings, at(day(2028, 2, 20), 9, 0));
        assert_eq!(
            birthdays(&items),
            vec![(day(2028, 2, 29), "birthday:1:self:2028-02-29")]
        );
    }

    #[test]
    fn unknown_birth_year_gives_no_age_and_the_window_holds() {
        let mut c = customer(1);
        c.birthday = PartialDate::new(10, 3, None);
        let settings = CareSettings::default();
        let items = agenda(
            &facts(vec![c.clone()]),
            &settings,
            at(day(2027, 3, 1), 9, 0),
        );
        assert!(matches!(
            items[0].occasion,
            Occasion::Birthday { turns: None, .. }
        ));
        // 15 days ahead is beyond the 14-day window; 3 days ago is beyond the grace days.
        assert!(
            birthdays(&agenda(
                &facts(vec![c.clone()]),
                &settings,
                at(day(2027, 2, 23), 9, 0)
            ))
            .is_empty()
        );
        assert!(
            birthdays(&agenda(
                &facts(vec![c.clone()]),
                &settings,
                at(day(2027, 3, 13), 9, 0)
            ))
            .is_empty()
        );
        // Yesterday's birthday is still there, overdue by one day.
        let late = agenda(&facts(vec![c]), &settings, at(day(2027, 3, 11), 9, 0));
        assert_eq!(late[0].overdue_days, 1);
    }

    #[test]
    fn the_greeting_follows_closeness() {
        let today = day(2026, 6, 1);
        let settings = CareSettings::default();
        let greet = |closeness| {
            let mut c = customer(1);
            c.closeness = closeness;
            c.birthday = PartialDate::new(1, 6, None);
            let items = agenda(&facts(vec![c]), &settings, at(today, 9, 0));
            (items[0].suggestion.channel, items[0].suggestion.greeting)
        };
        assert_eq!(
            greet(Some(5)),
            (Channel::Visit, Some(Greeting::VisitWithGift))
        );
        assert_eq!(greet(Some(4)), (Channel::Phone, Some(Greeting::Call)));
        assert_eq!(greet(Some(1)), (Channel::Letter, Some(Greeting::Card)));
        assert_eq!(greet(None), (Channel::Letter, Some(Greeting::Card)));
    }

    fn lunch_rush() -> QuietTime {
        QuietTime {
            weekdays: vec![1, 2, 3, 4, 5],
            from: "11:00".into(),
            to: "14:30".into(),
        }
    }

    fn phone_rule(id: i64, every_days: u32) -> PlanRule {
        PlanRule {
            id: PlanRuleId(id),
            quadrant: Some(Quadrant::Top),
            abc: None,
            tag: None,
            channel: Channel::Phone,
            every_days,
            measure: Some(MeasureId(2)),
            starts_on: day(2020, 1, 1),
        }
    }

    #[test]
    fn calls_avoid_the_quiet_times_of_the_day() {
        // Monday 23 November 2026, 10:30: free until the lunch rush starts at 11:00.
        let monday = day(2026, 11, 23);
        let mut c = customer(1);
        c.quiet_times = vec![lunch_rush()];
        let settings = CareSettings::default();
        let s = suggest(
            &c,
            Channel::Phone,
            at(monday, 10, 30),
            &settings,
            true,
            false,
        );
        assert_eq!(
            (s.channel, s.call_from.as_deref(), s.call_to.as_deref()),
            (Channel::Phone, Some("10:30"), Some("11:00"))
        );
        assert!(s.hints.contains(&Hint::QuietToday {
            from: "11:00".into(),
            to: "14:30".into()
        }));
        // At 10:50 the 10 minutes left are too short: after the rush.
        let s = suggest(
            &c,
            Channel::Phone,
            at(monday, 10, 50),
            &settings,
            true,
            false,
        );
        assert_eq!(
            (s.call_from.as_deref(), s.call_to.as_deref()),
            (Some("14:30"), Some("18:00"))
        );
        // On Saturday the window does not apply.
        let s = suggest(
            &c,
            Channel::Phone,
            at(day(2026, 11, 28), 12, 0),
            &settings,
            true,
            false,
        );
        assert_eq!((s.call_from.as_deref(), s.hints.len()), (Some("12:00"), 0));
        // Quiet all day: no call today, the customer's quiet channel instead.
        c.quiet_times = vec![QuietTime {
            weekdays: vec![1],
            from: "00:00".into(),
            to: "23:59".into(),
        }];
        c.preferred_channels = vec![Channel::Phone, Channel::Messenger];
        let s = suggest(&c, Channel::Phone, at(monday, 9, 0), &settings, true, false);
        assert_eq!(s.channel, Channel::Messenger);
        assert!(s.hints.contains(&Hint::NoCallToday));
        assert_eq!(s.call_from, None);
        // After the call hours: nothing free today.
        c.quiet_times.clear();
        let s = suggest(
            &c,
            Channel::Phone,
            at(monday, 18, 30),
            &settings,
            true,
            false,
        );
        assert!(s.hints.contains(&Hint::NoCallToday));
    }

    #[test]
    fn preferred_channels_and_peak_season_decide_the_channel() {
        let mut c = customer(1);
        c.preferred_channels = vec![Channel::Email];
        let settings = CareSettings::default();
        let now = at(day(2026, 11, 23), 9, 0);
        let s = suggest(&c, Channel::Phone, now, &settings, true, false);
        assert_eq!(s.channel, Channel::Email);
        assert_eq!(
            s.hints,
            vec![Hint::Prefers {
                channel: Channel::Email
            }]
        );
        // A restaurant in its Christmas season: no call, no visit.
        let mut c = customer(2);
        c.peak_months = vec![11, 12];
        c.closeness = Some(5);
        c.birthday = PartialDate::new(24, 11, None);
        let items = agenda(&facts(vec![c.clone()]), &settings, now);
        assert_eq!(items[0].suggestion.channel, Channel::Email);
        assert_eq!(items[0].suggestion.greeting, Some(Greeting::Card));
        assert!(items[0].suggestion.hints.contains(&Hint::PeakSeason));
        // Plan calls wait until the season is over.
        c.quadrant = Some(Quadrant::Top);
        let mut f = facts(vec![c.clone()]);
        f.rules = vec![phone_rule(1, 30)];
        let plan = |items: &[AgendaItem]| {
            items
                .iter()
                .filter(|i| matches!(i.occasion, Occasion::Plan { .. }))
                .count()
        };
        assert_eq!(plan(&agenda(&f, &settings, now)), 0);
        assert_eq!(plan(&agenda(&f, &settings, at(day(2027, 1, 4), 9, 0))), 1);
    }

    #[test]
    fn overdue_plan_contacts_count_from_the_last_contact() {
        let today = day(2026, 11, 23);
        let settings = CareSettings::default();
        let mut top = customer(1);
        top.quadrant = Some(Quadrant::Top);
        top.last_contacts = [
            (Channel::Phone, day(2026, 10, 1)),
            (Channel::Email, day(2026, 11, 20)),
        ]
        .into_iter()
        .collect();
        let mut small = customer(2);
        small.quadrant = Some(Quadrant::Small);
        let mut f = facts(vec![top.clone(), small]);
        // Two phone rules for top customers: the monthly one wins.
        f.rules = vec![phone_rule(1, 30), phone_rule(2, 90)];
        f.measures.insert(2, "Anruf".into());
        let items = agenda(&f, &settings, at(today, 9, 0));
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert_eq!(item.key, "plan:1:1:2026-10-31");
        assert_eq!(item.overdue_days, 23);
        assert_eq!(
            item.occasion,
            Occasion::Plan {
                rule: PlanRuleId(1),
                channel: Channel::Phone,
                every_days: 30,
                last_contact: Some(day(2026, 10, 1)),
                measure: Some("Anruf".into()),
            }
        );
        // A call yesterday: nothing due this week.
        f.customers[0]
            .last_contacts
            .note(Channel::Phone, day(2026, 11, 22));
        assert!(agenda(&f, &settings, at(today, 9, 0)).is_empty());
        // Never called: due 30 days after "customer since".
        f.customers[0].last_contacts.clear();
        f.customers[0].since = day(2026, 10, 29);
        let items = agenda(&f, &settings, at(today, 9, 0));
        assert_eq!(items[0].due, day(2026, 11, 28));
        assert_eq!(items[0].overdue_days, -5);
        // A call long ago under a line made on 20 November: due from that day, not for
        // years already.
        f.customers[0].since = day(2020, 1, 1);
        f.customers[0]
            .last_contacts
            .note(Channel::Phone, day(2022, 1, 10));
        f.rules[0].starts_on = day(2026, 11, 20);
        let items = agenda(&f, &settings, at(today, 9, 0));
        assert_eq!(
            (items[0].due, items[0].overdue_days),
            (day(2026, 11, 20), 3)
        );
        f.customers[0].last_contacts.clear();
        f.customers[0].since = day(2026, 10, 29);
        // A plan line that applies only from 29 November: not due before then.
        f.rules[0].starts_on = day(2026, 11, 29);
        let items = agenda(&f, &settings, at(today, 9, 0));
        assert_eq!(items[0].due, day(2026, 11, 29));
        f.rules[0].starts_on = day(2020, 1, 1);
        // Due beyond the week ahead: not yet on the agenda.
        f.customers[0].since = day(2026, 11, 1);
        assert!(agenda(&f, &settings, at(today, 9, 0)).is_empty());
    }

    #[test]
    fn done_and_snoozed_items_leave_the_agenda() {
        let today = day(2026, 11, 23);
        let settings = CareSettings::default();
        let mut c = customer(1);
        c.quadrant = Some(Quadrant::Top);
        c.birthday = PartialDate::new(25, 11, None);
        c.last_contacts.note(Channel::Phone, day(2026, 10, 1));
        let mut f = facts(vec![c]);
        f.rules = vec![phone_rule(1, 30)];
        let keys = |f: &AgendaFacts, today| {
            agenda(f, &settings, at(today, 9, 0))
                .into_iter()
                .map(|i| i.key)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(&f, today),
            vec!["plan:1:1:2026-10-31", "birthday:1:self:2026-11-25"]
        );
        // Snoozed until Thursday: gone until then, back on Thursday.
        f.marks.insert(
            "birthday:1:self:2026-11-25".into(),
            Mark {
                done_on: None,
                snoozed_until: Some(day(2026, 11, 26)),
            },
        );
        assert_eq!(keys(&f, today), vec!["plan:1:1:2026-10-31"]);
        assert_eq!(
            keys(&f, day(2026, 11, 26)),
            vec!["plan:1:1:2026-10-31", "birthday:1:self:2026-11-25"]
        );
        // The plan call marked done today: the next one is due in 30 days.
        f.marks.insert(
            "plan:1:1:2026-10-31".into(),
            Mark {
                done_on: Some(today),
                snoozed_until: None,
            },
        );
        assert_eq!(keys(&f, today), Vec::<String>::new());
        assert_eq!(keys(&f, day(2026, 12, 20)), vec!["plan:1:1:2026-12-23"]);
    }

    #[test]
    fn follow_up_calls_after_purchases_worth_one() {
        let today = day(2026, 11, 23);
        let settings = CareSettings::default();
        let mut f = facts(vec![customer(1)]);
        let purchase = |id, date, cents| RecentPurchase {
            id: TransactionId(id),
            customer: CustomerId(1),
            date,
            product: "Navigationsgerät".into(),
            paid_cents: cents,
        };
        f.purchases = vec![
            purchase(10, day(2026, 11, 20), 89_900),
            // Below the minimum amount.
            purchase(11, day(2026, 11, 20), 900),
            // Due 14 days ago is the last day it is shown; 15 days ago it is gone.
            purchase(12, day(2026, 11, 6), 50_000),
            purchase(13, day(2026, 11, 5), 50_000),
        ];
        let items = agenda(&f, &settings, at(today, 9, 0));
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, vec!["followup:1:12", "followup:1:10"]);
        assert_eq!(items[1].due, day(2026, 11, 23));
        // A call after the purchase makes its follow-up unnecessary.
        f.customers[0]
            .last_contacts
            .note(Channel::Phone, day(2026, 11, 10));
        let items = agenda(&f, &settings, at(today, 9, 0));
        assert_eq!(
            items.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(),
            vec!["followup:1:10"]
        );
    }

    #[test]
    fn next_steps_and_contact_birthdays() {
        let today = day(2026, 11, 23);
        let settings = CareSettings::default();
        let mut f = facts(vec![customer(1)]);
        f.steps = vec![
            OpenStep {
                interaction: InteractionId(5),
                customer: CustomerId(1),
                at: day(2026, 11, 2),
                step: "Angebot nachfassen".into(),
                due: day(2026, 11, 20),
                employee: None,
            },
            OpenStep {
                interaction: InteractionId(6),
                customer: CustomerId(1),
                at: day(2026, 11, 2),
                step: "Im Frühjahr melden".into(),
                due: day(2027, 3, 1),
                employee: None,
            },
        ];
        f.contacts = vec![ContactBirthday {
            customer: CustomerId(1),
            contact: 9,
            name: "Frau Kern".into(),
            role: "Einkauf".into(),
            birthday: PartialDate::new(24, 11, Some(1980)).unwrap(),
        }];
        let items = agenda(&f, &settings, at(today, 9, 0));
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, vec!["step:1:5", "birthday:1:contact-9:2026-11-24"]);
        assert_eq!(items[1].suggestion.greeting, Some(Greeting::BusinessCard));
    }

    #[test]
    fn keys_read_back() {
        for key in [
            "birthday:1:self:2026-11-25",
            "birthday:7:relation-2:2027-01-03",
            "birthday:7:contact-12:2027-01-03",
            "followup:3:99",
            "plan:4:2:2026-10-31",
            "step:5:6",
            "next:5:2",
            "new:5:3",
        ] {
            assert_eq!(key.parse::<ItemKey>().unwrap().to_string(), key);
        }
        for bad in [
            "",
            "birthday:1:someone:2026-11-25",
            "birthday:1:self:2026-02-30",
            "plan:0:1:2026-10-31",
            "step:5",
            "followup:a:1",
            "step:5:6:7",
        ] {
            assert!(bad.parse::<ItemKey>().is_err(), "{bad}");
        }
    }
}
