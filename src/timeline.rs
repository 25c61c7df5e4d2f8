//! One timeline per customer: purchases, interactions and survey answers together, newest
//! first.

use crate::customers::CustomerId;
use crate::error::Result;
use crate::input::check_limit;
use crate::interactions::Interaction;
use crate::store::Store;
use crate::surveys::shop::TimelineResponse;
use crate::transactions::Transaction;
use serde::{Deserialize, Serialize};

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum TimelineEntry {
    Purchase(Transaction),
    Interaction(Interaction),
    Survey(TimelineResponse),
    /// A suggested next step assigned, done or put off.
    Step(crate::care::next::StepEvent),
}

/// Where the next page of a timeline starts: the last entry's position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimelineCursor {
    /// `YYYY-MM-DDTHH:MM`; a purchase sits at the start of its day.
    pub at: String,
    /// 0 for a purchase, 1 for an interaction, 2 for a survey answer (at the start of its
    /// day), 3 for a next step's event: on the same minute, step events come first, then
    /// survey answers, then interactions.
    pub rank: u8,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
}

/// A page of the timeline and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimelinePage {
    pub entries: Vec<TimelineEntry>,
    pub next: Option<TimelineCursor>,
}

/// The format of a timeline position.
pub(crate) const AT_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl TimelineEntry {
    fn position(&self) -> TimelineCursor {
        match self {
            TimelineEntry::Purchase(t) => TimelineCursor {
                at: t
                    .date
                    .and_time(chrono::NaiveTime::MIN)
                    .format(AT_FORMAT)
                    .to_string(),
                rank: 0,
                id: t.id.0,
            },
            TimelineEntry::Interaction(i) => TimelineCursor {
                at: i.at.format(AT_FORMAT).to_string(),
                rank: 1,
                id: i.id.0,
            },
            TimelineEntry::Survey(r) => TimelineCursor {
                at: r
                    .on
                    .and_time(chrono::NaiveTime::MIN)
                    .format(AT_FORMAT)
                    .to_string(),
                rank: 2,
                id: r.id.0,
            },
            TimelineEntry::Step(e) => TimelineCursor {
                at: e.at.format(AT_FORMAT).to_string(),
                rank: 3,
                id: e.id.0,
            },
        }
    }
}

/// Merges the newest purchases, interactions and survey answers (each list newest first,
/// each holding up to `limit + 1` entries before the cursor) into one page of `limit`
/// entries.
pub(crate) fn merge(
    purchases: Vec<Transaction>,
    interactions: Vec<Interaction>,
    surveys: Vec<TimelineResponse>,
    steps: Vec<crate::care::next::StepEvent>,
    limit: usize,
) -> TimelinePage {
    let mut entries: Vec<TimelineEntry> = purchases
        .into_iter()
        .map(TimelineEntry::Purchase)
        .chain(interactions.into_iter().map(TimelineEntry::Interaction))
        .chain(surveys.into_iter().map(TimelineEntry::Survey))
        .chain(steps.into_iter().map(TimelineEntry::Step))
        .collect();
    let key = |e: &TimelineEntry| {
        let p = e.position();
        (p.at, p.rank, p.id)
    };
    entries.sort_by_key(|e| std::cmp::Reverse(key(e)));
    let next = (entries.len() > limit).then(|| entries[limit - 1].position());
    entries.truncate(limit);
    TimelinePage { entries, next }
}

/// Largest page handed out at once.
pub const MAX_PAGE: u32 = 200;

/// A page of a customer's timeline, newest first, starting after `after`.
pub fn page(
    store: &Store,
    customer: CustomerId,
    after: Option<&TimelineCursor>,
    limit: u32,
) -> Result<TimelinePage> {
    check_limit(limit, MAX_PAGE)?;
    store.customer(customer)?;
    let fetch = limit + 1;
    let purchases = store.recent_transactions(customer, after, fetch)?;
    let interactions = store.recent_interactions(customer, after, fetch)?;
    let surveys = crate::surveys::shop::timeline_responses(store, customer, after, fetch)?;
    let steps = store.recent_step_events(customer, after, fetch)?;
    Ok(merge(
        purchases,
        interactions,
        surveys,
        steps,
        limit as usize,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::{Channel, Direction, InteractionId};
    use crate::transactions::TransactionId;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn purchase(id: i64, day: u32) -> Transaction {
        Transaction {
            id: TransactionId(id),
            customer_id: CustomerId(1),
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            amount_cents: 100,
            discount_cents: 0,
            product: String::new(),
            category: String::new(),
            quantity: 1,
            note: String::new(),
            created_at: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        }
    }

    fn call(id: i64, day: u32, hour: u32) -> Interaction {
        Interaction {
            id: InteractionId(id),
            customer_id: CustomerId(1),
            at: NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(hour, 0, 0)
                .unwrap(),
            channel: Channel::Phone,
            direction: Direction::Outbound,
            summary: "x".into(),
            outcome: String::new(),
            next_step: String::new(),
            next_step_due: None,
            complaint: false,
            complaint_resolved_on: None,
            created_at: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
            employee_id: None,
            employee_name: None,
        }
    }

    fn survey(id: i64, day: u32) -> TimelineResponse {
        TimelineResponse {
            id: crate::surveys::ResponseId(id),
            on: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            title: crate::surveys::template::Text::new("Umfrage", ""),
            kiosk: true,
            complete: true,
            lines: Vec::new(),
        }
    }

    fn ids(page: &TimelinePage) -> Vec<String> {
        page.entries
            .iter()
            .map(|e| match e {
                TimelineEntry::Purchase(t) => format!("p{}", t.id.0),
                TimelineEntry::Interaction(i) => format!("i{}", i.id.0),
                TimelineEntry::Survey(r) => format!("s{}", r.id.0),
                TimelineEntry::Step(e) => format!("n{}", e.id.0),
            })
            .collect()
    }

    #[test]
    fn newest_first_with_calls_before_purchases_of_the_same_day() {
        let page = merge(
            vec![purchase(2, 20), purchase(1, 10)],
            vec![call(5, 20, 9), call(4, 15, 12)],
            vec![survey(7, 20), survey(6, 10)],
            Vec::new(),
            10,
        );
        assert_eq!(ids(&page), ["i5", "s7", "p2", "i4", "s6", "p1"]);
        assert_eq!(page.next, None);
    }

    #[test]
    fn cuts_at_the_limit_and_points_past_the_last_entry() {
        let page = merge(
            vec![purchase(2, 20), purchase(1, 10)],
            vec![call(4, 15, 12)],
            Vec::new(),
            Vec::new(),
            2,
        );
        assert_eq!(ids(&page), ["p2", "i4"]);
        assert_eq!(
            page.next,
            Some(TimelineCursor {
                at: "2026-11-15T12:00".into(),
                rank: 1,
                id: 4
            })
        );
    }
}
