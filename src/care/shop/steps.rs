//! The next step on the shop's database: what a customer's page suggests, and assigning,
//! doing and putting off a step (each one event on the timeline).

use super::*;
use crate::care::next::{self, Aim, Situation, StepAction, StepEvent, Suggested};
use crate::employees::EmployeeId;
use crate::store::NewStepEvent;
use crate::value::segments::{Phase, Quadrant};

/// A suggested measure with what happened to it last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SuggestedStep {
    pub step: Suggested,
    /// The measure's latest event (assigned, done, not now), in any field and phase.
    pub latest: Option<StepEvent>,
}

/// The next step as a customer's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerSteps {
    /// From the last value analysis; `None` before the first (nothing is suggested).
    pub quadrant: Option<Quadrant>,
    pub phase: Option<Phase>,
    pub aim: Option<Aim>,
    /// Whether the table puts the best step on the agenda by itself.
    pub on_agenda: bool,
    /// The fitting measures, best first.
    pub suggestions: Vec<SuggestedStep>,
    /// Steps assigned and not yet done or put off.
    pub assigned: Vec<StepEvent>,
    /// A step was done in this field and phase lately, or the customer was put off.
    pub paused: bool,
}

/// What the form to assign a step sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct AssignStepInput {
    pub assignee: Option<EmployeeId>,
    /// `TT.MM.JJJJ`; empty: today.
    pub due: String,
    pub note: String,
}

/// A customer's field, phase, class, complaints, tier and consents, and the catalogue.
fn situation(
    store: &Store,
    customer: CustomerId,
    today: NaiveDate,
) -> Result<(Situation, Vec<Measure>)> {
    store.customer(customer)?;
    let (care, _, ()) = store.care_customers(&[], &[], Some(customer), None, |_| Ok(()))?;
    let consents = match care.first() {
        Some(c) => c.consents,
        // Not active (lost): the consents are read all the same.
        None => {
            let state = crate::privacy::consent::of_customer(store, customer)?;
            let mut consents = crate::privacy::Consents::default();
            for ch in state.channels {
                consents.set(ch.channel, ch.given);
            }
            consents.firm = store.customer(customer)?.kind == crate::customers::CustomerKind::Firm;
            consents
        }
    };
    let value = crate::value::shop::customer_value(store, customer)?;
    let program = crate::loyalty::shop::settings(store)?;
    let account = crate::loyalty::shop::account_read(store, customer, today)?;
    let tier = account.member.and(account.tier).map(|name| {
        let top = program.tiers.last().is_some_and(|t| t.name == name);
        (name, top)
    });
    let situation = Situation {
        quadrant: value.as_ref().map(|v| v.quadrant),
        phase: value.as_ref().map(|v| v.phase),
        abc: value.as_ref().map(|v| v.abc),
        open_complaints: store
            .open_complaints()?
            .get(&customer)
            .copied()
            .unwrap_or(0),
        tier,
        consents: Some(consents),
    };
    Ok((situation, store.measures()?))
}

/// What the customer's page shows of the next step.
pub fn customer_steps(store: &Store, customer: CustomerId, clock: &Clock) -> Result<CustomerSteps> {
    let today = clock.today();
    let (situation, catalogue) = situation(store, customer, today)?;
    let events = store.step_events(Some(customer))?;
    let state = next::state_of(&events, situation.quadrant, situation.phase, today);
    let row = situation
        .quadrant
        .zip(situation.phase)
        .map(|(q, p)| next::rule_for(q, p));
    let suggestions = next::suggest(&situation, &catalogue)
        .into_iter()
        .map(|step| SuggestedStep {
            latest: state.latest.get(&step.measure).map(|e| (*e).clone()),
            step,
        })
        .collect();
    Ok(CustomerSteps {
        quadrant: situation.quadrant,
        phase: situation.phase,
        aim: row.map(|r| r.aim),
        on_agenda: row.is_some_and(|r| r.agenda_days.is_some()),
        suggestions,
        assigned: state.assigned.iter().map(|e| (*e).clone()).collect(),
        paused: state.paused,
    })
}

/// What an event records besides the customer and measure.
struct Act<'a> {
    action: StepAction,
    assignee: Option<EmployeeId>,
    due_on: Option<NaiveDate>,
    note: &'a str,
}

fn record(
    store: &mut Store,
    customer: CustomerId,
    measure: MeasureId,
    act: Act<'_>,
    clock: &Clock,
) -> Result<StepEvent> {
    let today = clock.today();
    let (situation, catalogue) = situation(store, customer, today)?;
    let m = catalogue
        .iter()
        .find(|m| m.id == measure)
        .ok_or(Error::NotFound {
            entity: crate::error::Entity::Measure,
            id: measure.0,
        })?;
    let event = NewStepEvent {
        customer,
        measure,
        measure_name: &m.name,
        channel: m.channel,
        quadrant: situation.quadrant,
        phase: situation.phase,
        action: act.action,
        assignee: act.assignee,
        due_on: act.due_on,
        note: act.note,
        at: clock.local(),
    };
    store.record_step(&event, clock.now())
}

fn checked_note(check: &mut crate::input::Checker, note: &str) -> String {
    check.text(Field::Note, note, 500)
}

/// Assigns measure `measure` to an employee (or to nobody: "somebody"), due on the day
/// typed (empty: today).
pub fn assign_step(
    store: &mut Store,
    customer: CustomerId,
    measure: MeasureId,
    input: &AssignStepInput,
    clock: &Clock,
) -> Result<StepEvent> {
    let today = clock.today();
    let mut check = crate::input::Checker::new();
    let due = if input.due.trim().is_empty() {
        Some(today)
    } else {
        check.date(Field::NextStepDue, &input.due)
    };
    if due.is_some_and(|d| d < today) {
        check.fail(Field::NextStepDue, Issue::DateTooEarly);
    }
    let note = checked_note(&mut check, &input.note);
    if let Some(who) = input.assignee
        && !store.employees()?.iter().any(|e| e.id == who && e.active)
    {
        check.fail(Field::Employee, Issue::Unknown);
    }
    let due = check.finish(|| due).map_err(Error::Validation)?;
    let act = Act {
        action: StepAction::Assigned,
        assignee: input.assignee,
        due_on: due,
        note: &note,
    };
    record(store, customer, measure, act, clock)
}

/// Records a step as done today.
pub fn step_done(
    store: &mut Store,
    customer: CustomerId,
    measure: MeasureId,
    note: &str,
    clock: &Clock,
) -> Result<StepEvent> {
    let mut check = crate::input::Checker::new();
    let note = checked_note(&mut check, note);
    check.finish(|| ()).map_err(Error::Validation)?;
    let act = Act {
        action: StepAction::Done,
        assignee: None,
        due_on: None,
        note: &note,
    };
    record(store, customer, measure, act, clock)
}

/// Puts a step off for `days` (1–366; the agenda says nothing of the customer's step
/// until then).
pub fn step_not_now(
    store: &mut Store,
    customer: CustomerId,
    measure: MeasureId,
    days: u32,
    note: &str,
    clock: &Clock,
) -> Result<StepEvent> {
    let mut check = crate::input::Checker::new();
    if !(1..=366).contains(&days) {
        check.fail(Field::Until, Issue::OutOfRange { min: 1, max: 366 });
    }
    let note = checked_note(&mut check, note);
    check.finish(|| ()).map_err(Error::Validation)?;
    let back = clock.today() + Duration::days(i64::from(days));
    let act = Act {
        action: StepAction::NotNow,
        assignee: None,
        due_on: Some(back),
        note: &note,
    };
    record(store, customer, measure, act, clock)
}
