//! The early warning on the shop's data, and resolving a complaint.

use super::*;

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
    // The customers' own answers and the previous P(alive) are read while the side
    // connection reads the value rows and last contacts.
    let (customers, _, (mut satisfaction, p_alive_before, signals)) =
        store.care_customers(&tags, &[], None, None, |store| {
            Ok((
                crate::surveys::shop::satisfaction_by_customer(store, today)?,
                store.p_alive_before()?,
                store.signals()?,
            ))
        })?;
    // The purchase signals by customer: both lists are in id order.
    let mut signals = signals.into_iter().peekable();
    let mut list = Vec::new();
    let mut counts = [0u32; REASON_KINDS.len()];
    for c in customers {
        let plan_days = agenda::rules_for(&rules, &c).map(|r| r.every_days).max();
        let (p_alive, revenue_12m) = (c.p_alive, c.revenue_12m_cents);
        let facts = RiskFacts {
            satisfaction: satisfaction.remove(&c.id).unwrap_or_default(),
            p_alive_before: p_alive_before.get(&c.id).copied(),
            signals: {
                while signals.next_if(|(id, _)| *id < c.id.0).is_some() {}
                signals.next_if(|(id, _)| *id == c.id.0).map(|(_, s)| s)
            },
            p_alive,
            open_complaints: c.open_complaints,
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
pub(super) const REASON_KINDS: [&str; 8] = [
    "revenueFalling",
    "discountRising",
    "oneCategory",
    "openComplaints",
    "noContact",
    "lowPAlive",
    "pAliveFalling",
    "satisfactionDropping",
];

pub(super) fn reason_index(r: &RiskReason) -> usize {
    match r {
        RiskReason::RevenueFalling { .. } => 0,
        RiskReason::DiscountRising { .. } => 1,
        RiskReason::OneCategory { .. } => 2,
        RiskReason::OpenComplaints { .. } => 3,
        RiskReason::NoContact { .. } => 4,
        RiskReason::LowPAlive { .. } => 5,
        RiskReason::PAliveFalling { .. } => 6,
        RiskReason::SatisfactionDropping { .. } => 7,
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
