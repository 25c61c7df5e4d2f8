//! The care plan on the shop's database: settings, the catalogue and the plan, today's
//! agenda with done / snooze / log, the early-warning list, and lost customers.

use super::agenda::{self, AgendaFacts, AgendaItem, ItemKey, Mark, Now};
use super::lost::{self, Loss, LossId, LossInput, LostReason, LostReasonId, LostStats};
use super::plan::{self, Measure, MeasureId, MeasureInput, PlanRule, PlanRuleId, PlanRuleInput};
use super::warning::{self, RiskFacts, RiskReason};
use super::{CareSettings, CareSettingsInput};
use crate::charts::{self, ChartFormat};
use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::interactions::{self, Interaction, InteractionId, InteractionInput};
use crate::store::Store;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod warnings;
pub use warnings::*;

mod losses;
pub use losses::*;

mod greetings;
pub use greetings::*;

mod steps;
pub use steps::*;

mod news;
pub use news::*;

const SETTINGS_KEY: &str = "care.settings";

/// The owner's settings (the defaults until changed).
pub fn settings(store: &Store) -> Result<CareSettings> {
    store.setting_or_default(SETTINGS_KEY)
}

/// The settings ready for the settings screen, amounts written in `lang`.
pub fn settings_input(store: &Store, lang: Lang) -> Result<CareSettingsInput> {
    Ok(settings(store)?.input(lang))
}

/// Reads what the settings screen sent, checks it and keeps it.
pub fn save_settings(
    store: &mut Store,
    input: &CareSettingsInput,
    clock: &crate::Clock,
) -> Result<()> {
    let settings = input.parse()?;
    crate::settings::save_json(store, SETTINGS_KEY, &settings, clock)
}

/// What the edit form of measure `id` starts from, the cost written in `lang`.
pub fn measure_form(store: &Store, id: MeasureId, lang: Lang) -> Result<MeasureInput> {
    measures(store)?
        .into_iter()
        .find(|m| m.id == id)
        .map(|m| m.input(lang))
        .ok_or(Error::NotFound {
            entity: crate::error::Entity::Measure,
            id: id.0,
        })
}

pub fn measures(store: &Store) -> Result<Vec<Measure>> {
    store.measures()
}

/// Adds (`id` None) or changes a measure.
pub fn save_measure(
    store: &mut Store,
    id: Option<MeasureId>,
    input: &MeasureInput,
    clock: &Clock,
) -> Result<Measure> {
    let now = clock.now();
    let fields = plan::validate_measure(input).map_err(Error::Validation)?;
    store.save_measure(id, &fields, now)
}

pub fn delete_measure(store: &mut Store, id: MeasureId) -> Result<()> {
    store.delete_measure(id)
}

pub fn plan_rules(store: &Store) -> Result<Vec<PlanRule>> {
    store.plan_rules()
}

/// Adds (`id` None) or changes a line of the communication plan.
pub fn save_rule(
    store: &mut Store,
    id: Option<PlanRuleId>,
    input: &PlanRuleInput,
    clock: &Clock,
) -> Result<PlanRule> {
    let now = clock.now();
    let rule = plan::validate_rule(input).map_err(Error::Validation)?;
    store.save_rule(id, &rule, now)
}

pub fn delete_rule(store: &mut Store, id: PlanRuleId) -> Result<()> {
    store.delete_rule(id)
}

/// The agenda as the start screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Agenda {
    pub today: NaiveDate,
    /// At most `limit` items, most overdue first.
    pub items: Vec<AgendaItem>,
    /// All items (overdue, today, ahead), also those beyond `limit`.
    pub total: u32,
    pub overdue: u32,
    pub due_today: u32,
    /// When the value analysis (matrix fields, classes) last ran; `None`: never, so no
    /// plan contacts yet.
    pub analysed_on: Option<NaiveDate>,
}

/// The months a birthday window from `from` to `to` touches.
fn months_between(from: NaiveDate, to: NaiveDate) -> Vec<u32> {
    let mut months = Vec::new();
    let mut day = from;
    while day <= to {
        if !months.contains(&day.month()) {
            months.push(day.month());
        }
        day += Duration::days(1);
    }
    months
}

/// Reads what the agenda is made of (without names and channels; see
/// [`Store::care_details`]).
fn agenda_facts(
    store: &Store,
    settings: &CareSettings,
    today: NaiveDate,
    only: Option<CustomerId>,
) -> Result<AgendaFacts> {
    let rules = store.plan_rules()?;
    let tags: Vec<String> = rules.iter().filter_map(|r| r.tag.clone()).collect();
    let catalogue = store.measures()?;
    let measures = catalogue.iter().map(|m| (m.id.0, m.name.clone())).collect();
    let from =
        today - Duration::days(i64::from(settings.follow_up_days) + agenda::FOLLOW_UP_GRACE_DAYS);
    let months = months_between(
        today - Duration::days(agenda::BIRTHDAY_GRACE_DAYS),
        today + Duration::days(i64::from(settings.birthday_days)),
    );
    // The news, the contact persons' birthdays and the step events are read while the
    // side connection reads the value rows and last contacts.
    let (customers, purchases, (news, contacts, step_events)) = store.care_customers(
        &tags,
        &months,
        only,
        Some((from, settings.follow_up_min_cents)),
        |store| {
            Ok((
                news_items(store, today, only)?,
                store.contact_birthdays(&months)?,
                store.step_events(only)?,
            ))
        },
    )?;
    Ok(AgendaFacts {
        customers,
        contacts,
        purchases,
        steps: store.open_steps(today + Duration::days(i64::from(settings.week_days)))?,
        rules,
        measures,
        marks: store.agenda_marks()?,
        catalogue,
        step_events,
        analysed_on: crate::value::shop::model_info(store)?.map(|m| m.calibration_end),
        employees: store
            .employees()?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect(),
        news,
    })
}

/// The customers who should hear of the products new on `today` (or only `only`).
fn news_items(
    store: &Store,
    today: NaiveDate,
    only: Option<CustomerId>,
) -> Result<Vec<agenda::NewsItem>> {
    let mut out = Vec::new();
    for product in store.new_products()? {
        if !product.is_new_on(today) {
            continue;
        }
        for (customer, reason) in reached(store, &product)? {
            if only.is_none_or(|c| c == customer) {
                out.push(agenda::NewsItem {
                    customer,
                    product: product.id,
                    name: product.name.clone(),
                    text: product.text.clone(),
                    new_since: product.new_since,
                    reason,
                });
            }
        }
    }
    Ok(out)
}

/// Today's agenda for the shop's local time `now`.
pub fn agenda(store: &Store, limit: u32, clock: &Clock) -> Result<Agenda> {
    agenda_of(store, limit, clock, None, None)
}

/// Today's agenda of one employee ("meine Aufgaben"): the items they own (see
/// [`AgendaItem::owner`](super::agenda::AgendaItem::owner)).
pub fn agenda_of_employee(
    store: &Store,
    limit: u32,
    employee: crate::employees::EmployeeId,
    clock: &Clock,
) -> Result<Agenda> {
    if !store.employees()?.iter().any(|e| e.id == employee) {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Employee,
            Issue::Unknown,
        )]));
    }
    agenda_of(store, limit, clock, None, Some(employee))
}

/// What is on today's agenda for one customer (a profile's "next"), most overdue first.
pub fn agenda_for(store: &Store, customer: CustomerId, clock: &Clock) -> Result<Vec<AgendaItem>> {
    Ok(agenda_of(store, 10_000, clock, Some(customer), None)?.items)
}

fn agenda_of(
    store: &Store,
    limit: u32,
    clock: &Clock,
    only: Option<CustomerId>,
    owner: Option<crate::employees::EmployeeId>,
) -> Result<Agenda> {
    let now = clock.local();
    crate::input::check_limit(limit, 10_000)?;
    let today = now.date();
    let settings = settings(store)?;
    let mut facts = agenda_facts(store, &settings, today, only)?;
    let mut candidates = agenda::candidates(&facts, &settings, today);
    if let Some(customer) = only {
        candidates.retain(|c| c.customer == customer);
    }
    if let Some(owner) = owner {
        candidates.retain(|c| c.owner == Some(owner));
    }
    let total = candidates.len() as u32;
    let overdue = candidates
        .iter()
        .filter(|c| c.overdue_days(today) > 0)
        .count() as u32;
    let due_today = candidates
        .iter()
        .filter(|c| c.overdue_days(today) == 0)
        .count() as u32;
    agenda::first_in_order(&mut candidates, limit as usize);
    candidates.truncate(limit as usize);
    // Names, channels and quiet times of the customers shown, and the products of their
    // follow-ups.
    let shown: std::collections::HashSet<CustomerId> =
        candidates.iter().map(|c| c.customer).collect();
    let mut details: Vec<&mut agenda::CareCustomer> = facts
        .customers
        .iter_mut()
        .filter(|c| shown.contains(&c.id))
        .collect();
    store.care_details(&mut details)?;
    let purchases: Vec<_> = candidates
        .iter()
        .filter_map(|c| c.purchase(&facts).map(|p| p.id))
        .collect();
    let products = store.purchase_products(&purchases)?;
    for p in &mut facts.purchases {
        if let Some(product) = products.get(&p.id) {
            p.product.clone_from(product);
        }
    }
    let by_id: HashMap<CustomerId, &agenda::CareCustomer> =
        facts.customers.iter().map(|c| (c.id, c)).collect();
    let now = Now {
        today,
        time: now.time(),
    };
    let items = candidates
        .iter()
        .map(|c| agenda::materialize(c, by_id[&c.customer], &facts, &settings, now))
        .collect();
    Ok(Agenda {
        today,
        items,
        total,
        overdue,
        due_today,
        analysed_on: crate::value::shop::model_info(store)?.map(|m| m.calibration_end),
    })
}

fn parse_key(key: &str) -> Result<ItemKey> {
    key.parse()
        .map_err(|()| Error::Validation(vec![FieldError::new(Field::Item, Issue::Invalid)]))
}

/// Marks an agenda item done on `today`.
pub fn done(store: &mut Store, key: &str, clock: &Clock) -> Result<()> {
    let now = clock.now();
    let today = clock.today();
    let item = parse_key(key)?;
    if let ItemKey::Measure { customer, measure } = item {
        return step_done(store, customer, measure, "", clock).map(|_| ());
    }
    let mark = Mark {
        done_on: Some(today),
        snoozed_until: None,
    };
    store.set_mark(&item.to_string(), item.customer(), mark, now)
}

/// Puts an item off by `days` (1 to 366) from today; the day it comes back.
pub fn snooze(store: &mut Store, key: &str, days: u32, clock: &Clock) -> Result<NaiveDate> {
    let item = parse_key(key)?;
    if !(1..=366).contains(&days) {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Until,
            Issue::OutOfRange { min: 1, max: 366 },
        )]));
    }
    if let ItemKey::Measure { customer, measure } = item {
        let event = step_not_now(store, customer, measure, days, "", clock)?;
        return Ok(event.due_on.unwrap_or_default());
    }
    let until = clock.today() + Duration::days(i64::from(days));
    let mark = Mark {
        done_on: None,
        snoozed_until: Some(until),
    };
    store.set_mark(&item.to_string(), item.customer(), mark, clock.now())?;
    Ok(until)
}

/// Takes back a done or snooze mark (Undo). For a measure's step: the customer's latest
/// event of that measure, when it was recorded today.
pub fn unmark(store: &mut Store, key: &str, clock: &Clock) -> Result<()> {
    let item = parse_key(key)?;
    if let ItemKey::Measure { customer, measure } = item {
        return store.undo_step(customer, measure, clock.local().date());
    }
    store.clear_mark(&item.to_string())
}

/// Records the contact an agenda item asked for; the item is done with it.
pub fn log_contact(
    store: &mut Store,
    key: &str,
    input: &InteractionInput,
    clock: &Clock,
) -> Result<Interaction> {
    let now = clock.now();
    let now_local = clock.local();
    let item = parse_key(key)?;
    if let ItemKey::Measure { customer, measure } = item {
        // The contact and the step done, in one transaction.
        return store.atomically(|s| {
            let contact = interactions::add(s, customer, input, clock)?;
            step_done(s, customer, measure, "", clock)?;
            Ok(contact)
        });
    }
    let fields = interactions::validate(input, now_local).map_err(Error::Validation)?;
    store.log_for_item(&item.to_string(), item.customer(), &fields, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_kinds_are_the_serialised_names() {
        let reasons = [
            RiskReason::RevenueFalling {
                now_cents: 1,
                before_cents: 2,
                drop_percent: 50,
            },
            RiskReason::DiscountRising {
                now_percent: 10.0,
                before_percent: 1.0,
            },
            RiskReason::OneCategory {
                category: "Kaffee".into(),
                years: 3,
            },
            RiskReason::OpenComplaints { count: 1 },
            RiskReason::NoContact {
                days: None,
                plan_days: 30,
            },
            RiskReason::LowPAlive { percent: 10 },
        ];
        for r in &reasons {
            let json = serde_json::to_value(r).unwrap();
            assert_eq!(json["kind"], REASON_KINDS[reason_index(r)]);
        }
    }
}
