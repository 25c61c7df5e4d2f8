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

const SETTINGS_KEY: &str = "care.settings";

/// The owner's settings (the defaults until changed).
pub fn settings(store: &Store) -> Result<CareSettings> {
    Ok(store
        .setting(SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The settings ready for the settings screen, amounts written in `lang`.
pub fn settings_input(store: &Store, lang: Lang) -> Result<CareSettingsInput> {
    Ok(settings(store)?.input(lang))
}

/// Reads what the settings screen sent, checks it and keeps it.
pub fn save_settings(store: &mut Store, input: &CareSettingsInput) -> Result<()> {
    let settings = input.parse()?;
    let json = serde_json::to_string(&settings).map_err(|e| Error::Internal(e.to_string()))?;
    store.set_setting(SETTINGS_KEY, Some(&json))
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
fn agenda_facts(store: &Store, settings: &CareSettings, today: NaiveDate) -> Result<AgendaFacts> {
    let rules = store.plan_rules()?;
    let tags: Vec<String> = rules.iter().filter_map(|r| r.tag.clone()).collect();
    let measures = store
        .measures()?
        .into_iter()
        .map(|m| (m.id.0, m.name))
        .collect();
    let from =
        today - Duration::days(i64::from(settings.follow_up_days) + agenda::FOLLOW_UP_GRACE_DAYS);
    let months = months_between(
        today - Duration::days(agenda::BIRTHDAY_GRACE_DAYS),
        today + Duration::days(i64::from(settings.birthday_days)),
    );
    Ok(AgendaFacts {
        customers: store.care_customers(&tags, &months)?,
        contacts: store.contact_birthdays(&months)?,
        purchases: store.recent_purchases(from, settings.follow_up_min_cents)?,
        steps: store.open_steps(today + Duration::days(i64::from(settings.week_days)))?,
        rules,
        measures,
        marks: store.agenda_marks()?,
    })
}

/// Today's agenda for the shop's local time `now`.
pub fn agenda(store: &Store, limit: u32, clock: &Clock) -> Result<Agenda> {
    let now = clock.local();
    crate::input::check_limit(limit, 10_000)?;
    let today = now.date();
    let settings = settings(store)?;
    let mut facts = agenda_facts(store, &settings, today)?;
    let mut candidates = agenda::candidates(&facts, &settings, today);
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
    let mark = Mark {
        done_on: Some(today),
        snoozed_until: None,
    };
    store.set_mark(&item.to_string(), item.customer(), mark, now)
}

/// Puts an agenda item off until `until` (`31.12.2026`), which must lie after today.
pub fn snooze(store: &mut Store, key: &str, until: &str, clock: &Clock) -> Result<()> {
    let now = clock.now();
    let today = clock.today();
    let item = parse_key(key)?;
    let until = match crate::input::parse_date(until) {
        Ok(Some(d)) if d > today && d <= today + Duration::days(366) => d,
        Ok(Some(_)) => {
            return Err(Error::Validation(vec![FieldError::new(
                Field::Until,
                Issue::OutOfRange { min: 1, max: 366 },
            )]));
        }
        Ok(None) => {
            return Err(Error::Validation(vec![FieldError::new(
                Field::Until,
                Issue::Required,
            )]));
        }
        Err(issue) => {
            return Err(Error::Validation(vec![FieldError::new(
                Field::Until,
                issue,
            )]));
        }
    };
    let mark = Mark {
        done_on: None,
        snoozed_until: Some(until),
    };
    store.set_mark(&item.to_string(), item.customer(), mark, now)
}

/// Takes back a done or snooze mark.
pub fn unmark(store: &mut Store, key: &str) -> Result<()> {
    let item = parse_key(key)?;
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
    let fields = interactions::validate(input, now_local).map_err(Error::Validation)?;
    store.log_for_item(&item.to_string(), item.customer(), &fields, now)
}

/// A customer at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AtRisk {
    pub customer: CustomerId,
    pub name: String,
    /// The value at stake: the customer's value from the last analysis.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub value_cents: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue_12m_cents: i64,
    pub reasons: Vec<RiskReason>,
}

/// The early-warning list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Warnings {
    /// At most `limit`, the most valuable first.
    pub customers: Vec<AtRisk>,
    pub total: u32,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub value_at_stake_cents: i64,
    /// How many customers each reason names (by `kind`).
    pub by_reason: Vec<(String, u32)>,
    pub analysed_on: Option<NaiveDate>,
}

/// Every active customer at risk on `today`, the most valuable first.
pub fn warnings(store: &Store, today: NaiveDate, limit: u32) -> Result<Warnings> {
    crate::input::check_limit(limit, 10_000)?;
    let settings = settings(store)?;
    let rules = store.plan_rules()?;
    let tags: Vec<String> = rules.iter().filter_map(|r| r.tag.clone()).collect();
    let mut customers = store.care_customers(&tags, &[])?;
    store.add_signals(&mut customers)?;
    let complaints = store.open_complaints()?;
    let mut list = Vec::new();
    let mut counts = [0u32; REASON_KINDS.len()];
    for mut c in customers {
        let plan_days = agenda::rules_for(&rules, &c).map(|r| r.every_days).max();
        let (p_alive, revenue_12m) = (c.p_alive, c.revenue_12m_cents);
        let facts = RiskFacts {
            signals: c.signals.take().map(|s| *s),
            p_alive,
            open_complaints: complaints.get(&c.id).copied().unwrap_or(0),
            last_contact: c.last_any_contact(),
            since: Some(c.since),
            plan_days,
        };
        let reasons = warning::assess(&facts, &settings.warning, today);
        if reasons.is_empty() {
            continue;
        }
        for r in &reasons {
            counts[reason_index(r)] += 1;
        }
        list.push(AtRisk {
            customer: c.id,
            name: String::new(),
            value_cents: c.value_cents,
            revenue_12m_cents: revenue_12m,
            reasons,
        });
    }
    let order = |a: &AtRisk, b: &AtRisk| {
        b.value_cents
            .cmp(&a.value_cents)
            .then(b.revenue_12m_cents.cmp(&a.revenue_12m_cents))
            .then(a.customer.cmp(&b.customer))
    };
    let total = list.len() as u32;
    let value_at_stake_cents = list.iter().map(|a| a.value_cents).sum();
    // Only the first page in order: select it, then sort it.
    let shown = (limit as usize).min(list.len());
    if shown > 0 && shown < list.len() {
        list.select_nth_unstable_by(shown - 1, order);
    }
    list.truncate(shown);
    list.sort_unstable_by(order);
    let names = store.customer_names(&list.iter().map(|a| a.customer).collect::<Vec<_>>())?;
    for a in &mut list {
        a.name = names.get(&a.customer).cloned().unwrap_or_default();
    }
    let mut by_reason: Vec<(String, u32)> = REASON_KINDS
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| ((*k).to_owned(), n))
        .collect();
    by_reason.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Warnings {
        customers: list,
        total,
        value_at_stake_cents,
        by_reason,
        analysed_on: crate::value::shop::model_info(store)?.map(|m| m.calibration_end),
    })
}

/// The reasons' `kind` names, in the order of [`reason_index`].
const REASON_KINDS: [&str; 6] = [
    "revenueFalling",
    "discountRising",
    "oneCategory",
    "openComplaints",
    "noContact",
    "lowPAlive",
];

fn reason_index(r: &RiskReason) -> usize {
    match r {
        RiskReason::RevenueFalling { .. } => 0,
        RiskReason::DiscountRising { .. } => 1,
        RiskReason::OneCategory { .. } => 2,
        RiskReason::OpenComplaints { .. } => 3,
        RiskReason::NoContact { .. } => 4,
        RiskReason::LowPAlive { .. } => 5,
    }
}

/// Marks a complaint resolved on `today`.
pub fn resolve_complaint(
    store: &mut Store,
    id: InteractionId,
    clock: &Clock,
) -> Result<Interaction> {
    let today = clock.today();
    store.resolve_complaint(id, today)
}

pub fn lost_reasons(store: &Store) -> Result<Vec<LostReason>> {
    store.lost_reasons()
}

/// Adds (`id` None) or renames a reason for losing customers.
pub fn save_lost_reason(
    store: &mut Store,
    id: Option<LostReasonId>,
    name: &str,
    clock: &Clock,
) -> Result<()> {
    let now = clock.now();
    let name = name.trim();
    let issue = if name.is_empty() {
        Some(Issue::Required)
    } else if name.chars().count() > 80 {
        Some(Issue::TooLong { max: 80 })
    } else {
        None
    };
    if let Some(issue) = issue {
        return Err(Error::Validation(vec![FieldError::new(Field::Name, issue)]));
    }
    store.save_lost_reason(id, name, now)
}

pub fn delete_lost_reason(store: &mut Store, id: LostReasonId) -> Result<()> {
    store.delete_lost_reason(id)
}

/// Marks an active customer lost with the day and the reason.
pub fn mark_lost(
    store: &mut Store,
    customer: CustomerId,
    input: &LossInput,
    clock: &Clock,
) -> Result<LossId> {
    let now = clock.now();
    let today = clock.today();
    let fields = lost::validate_loss(input, today).map_err(Error::Validation)?;
    store.mark_lost(customer, &fields, now)
}

/// Takes a lost customer back (won back) on `today`.
pub fn reactivate(store: &mut Store, customer: CustomerId, clock: &Clock) -> Result<()> {
    let now = clock.now();
    let today = clock.today();
    store.reactivate(customer, today, now)
}

/// Records a try to win a lost customer back; it shows on the timeline.
pub fn add_winback(
    store: &mut Store,
    customer: CustomerId,
    input: &InteractionInput,
    clock: &Clock,
) -> Result<Interaction> {
    let now = clock.now();
    let now_local = clock.local();
    let fields = interactions::validate(input, now_local).map_err(Error::Validation)?;
    store.add_winback(customer, &fields, now)
}

/// Every loss (of one customer, when given), the latest first.
pub fn losses(store: &Store, customer: Option<CustomerId>) -> Result<Vec<Loss>> {
    store.losses(customer)
}

/// Lost customers and revenue by reason and by quarter (the last `quarters`).
pub fn lost_stats(store: &Store, today: NaiveDate, quarters: u32) -> Result<LostStats> {
    if !(1..=40).contains(&quarters) {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Limit,
            Issue::OutOfRange { min: 1, max: 40 },
        )]));
    }
    Ok(lost::stats(&store.losses(None)?, today, quarters))
}

/// The chart of lost revenue per quarter, stacked by reason.
pub fn lost_chart(
    store: &Store,
    today: NaiveDate,
    quarters: u32,
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let stats = lost_stats(store, today, quarters)?;
    charts::lost_by_quarter(&stats, lang, format)
}

/// The greeting list of the birthdays in `month` of `year`.
pub fn greeting_list(
    store: &Store,
    year: i32,
    month: u32,
    lang: Lang,
) -> Result<Vec<super::labels::GreetingEntry>> {
    if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Month,
            Issue::OutOfRange { min: 1, max: 12 },
        )]));
    }
    Ok(super::labels::greetings(
        &store.greeting_sources(month)?,
        year,
        month,
        lang,
    ))
}

/// The greeting list as CSV for German Excel.
pub fn greeting_csv(store: &Store, year: i32, month: u32, lang: Lang) -> Result<Vec<u8>> {
    super::labels::to_csv(&greeting_list(store, year, month, lang)?, lang)
}

const LABELS_KEY: &str = "care.labels";

/// The label sheet last used (the default until one is saved).
pub fn label_sheet(store: &Store) -> Result<super::labels::LabelSheet> {
    Ok(store
        .setting(LABELS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Checks and keeps the label sheet's layout.
pub fn save_label_sheet(store: &mut Store, sheet: &super::labels::LabelSheet) -> Result<()> {
    sheet.validate()?;
    let json = serde_json::to_string(sheet).map_err(|e| Error::Internal(e.to_string()))?;
    store.set_setting(LABELS_KEY, Some(&json))
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
