//! Lost customers on the shop's data: the reasons' catalogue, marking lost, win-backs,
//! reactivation, the statistics and their chart.

use super::*;

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
