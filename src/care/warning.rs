//! Early warning: the signs that a customer is slipping away, each shown as a reason —
//! revenue falling year over year, discounts growing (harder price talks), one product
//! category only over years (no cross-selling), open complaints, no contact for longer than
//! the plan says, a low probability of still being a customer, and the customer's own
//! survey answers: satisfaction dropping.

use super::WarningSettings;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A customer's purchases as the early warning sees them (written by the value analysis).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signals {
    pub gross_12m_cents: i64,
    pub discount_12m_cents: i64,
    pub gross_prior_cents: i64,
    pub discount_prior_cents: i64,
    pub purchases: u32,
    pub first_purchase: Option<NaiveDate>,
    pub categories: u32,
    pub only_category: Option<String>,
}

/// A customer's own survey answers of the last 12 months as the rules read them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Satisfaction {
    /// NPS answers (0–10) with their day and response, oldest first.
    pub nps: Vec<(u8, NaiveDate, i64)>,
    /// The lowest rating (1–5, CSAT) of the latest response that had one, its day and
    /// response.
    pub latest_rating: Option<(u8, NaiveDate, i64)>,
}

/// NPS 0–6: a detractor.
pub const DETRACTOR_MAX: u8 = 6;
/// A fall of at least this many NPS points since the answer before.
pub const NPS_FALL: u8 = 3;
/// A rating at most this: dissatisfied.
pub const CSAT_LOW_MAX: u8 = 2;

/// A fall of P(alive) by at least this many percentage points since the analysis before.
pub const P_ALIVE_FALL_POINTS: u32 = 25;

/// What the rules look at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskFacts {
    pub satisfaction: Satisfaction,
    /// P(alive) of the analysis before the last one, and its day.
    pub p_alive_before: Option<(f64, NaiveDate)>,
    pub signals: Option<Signals>,
    pub p_alive: Option<f64>,
    pub open_complaints: u32,
    pub last_contact: Option<NaiveDate>,
    /// Customer since (or the day the record was made).
    pub since: Option<NaiveDate>,
    /// The longest interval of the plan lines that apply; `None`: no plan for them.
    pub plan_days: Option<u32>,
}

/// Why a customer is at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RiskReason {
    /// Paid revenue of the last 12 months against the 12 before.
    #[serde(rename_all = "camelCase")]
    RevenueFalling {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        now_cents: i64,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        before_cents: i64,
        /// How much less, in percent.
        drop_percent: u32,
    },
    /// Discount as a share of the gross amount, last 12 months against the 12 before.
    #[serde(rename_all = "camelCase")]
    DiscountRising {
        now_percent: f64,
        before_percent: f64,
    },
    /// Every purchase in one category over this many years.
    #[serde(rename_all = "camelCase")]
    OneCategory { category: String, years: u32 },
    #[serde(rename_all = "camelCase")]
    OpenComplaints { count: u32 },
    /// No contact at all for `days` (`None`: never) though the plan says every
    /// `plan_days`.
    #[serde(rename_all = "camelCase")]
    NoContact { days: Option<u32>, plan_days: u32 },
    #[serde(rename_all = "camelCase")]
    LowPAlive { percent: u32 },
    /// P(alive) fell by at least 25 points since the analysis before the last.
    #[serde(rename_all = "camelCase")]
    PAliveFalling {
        from_percent: u32,
        to_percent: u32,
        since: NaiveDate,
    },
    /// The customer's own answers: the latest NPS a detractor (0–6) or fallen by at least
    /// 3 points since the one before, or the latest rating 2 or lower; with the response
    /// that showed it.
    #[serde(rename_all = "camelCase")]
    SatisfactionDropping {
        nps: Option<u8>,
        previous_nps: Option<u8>,
        rating: Option<u8>,
        on: NaiveDate,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        response: i64,
    },
}

/// The satisfaction reason, when the answers give one.
pub fn satisfaction_reason(s: &Satisfaction) -> Option<RiskReason> {
    let latest = s.nps.last().copied();
    let previous = s.nps.len().checked_sub(2).map(|i| s.nps[i].0);
    let nps_bad = latest
        .is_some_and(|(n, _, _)| n <= DETRACTOR_MAX || previous.is_some_and(|p| p >= n + NPS_FALL));
    let rating_bad = s.latest_rating.is_some_and(|(r, _, _)| r <= CSAT_LOW_MAX);
    if !nps_bad && !rating_bad {
        return None;
    }
    // The response that showed it: the newer of the two signs.
    let (on, response) = match (
        nps_bad.then_some(latest).flatten(),
        rating_bad.then_some(s.latest_rating).flatten(),
    ) {
        (Some((_, d1, r1)), Some((_, d2, r2))) => {
            if d2 > d1 {
                (d2, r2)
            } else {
                (d1, r1)
            }
        }
        (Some((_, d, r)), None) | (None, Some((_, d, r))) => (d, r),
        (None, None) => return None,
    };
    Some(RiskReason::SatisfactionDropping {
        nps: nps_bad.then(|| latest.map(|l| l.0)).flatten(),
        previous_nps: nps_bad.then_some(previous).flatten(),
        rating: rating_bad.then(|| s.latest_rating.map(|r| r.0)).flatten(),
        on,
        response,
    })
}

/// The reasons a customer is at risk on `today`; empty: not at risk.
pub fn assess(facts: &RiskFacts, settings: &WarningSettings, today: NaiveDate) -> Vec<RiskReason> {
    let mut reasons = Vec::new();
    if let Some(s) = &facts.signals {
        let now = s.gross_12m_cents - s.discount_12m_cents;
        let before = s.gross_prior_cents - s.discount_prior_cents;
        if before > 0 {
            let drop = 1.0 - now as f64 / before as f64;
            if drop * 100.0 >= f64::from(settings.revenue_drop_percent) {
                reasons.push(RiskReason::RevenueFalling {
                    now_cents: now,
                    before_cents: before,
                    drop_percent: (drop * 100.0).round() as u32,
                });
            }
        }
        if s.gross_12m_cents > 0 && s.gross_prior_cents > 0 {
            let share = |d: i64, g: i64| d as f64 / g as f64 * 100.0;
            let now_share = share(s.discount_12m_cents, s.gross_12m_cents);
            let before_share = share(s.discount_prior_cents, s.gross_prior_cents);
            if now_share - before_share >= f64::from(settings.discount_rise_points) {
                let round = |v: f64| (v * 10.0).round() / 10.0;
                reasons.push(RiskReason::DiscountRising {
                    now_percent: round(now_share),
                    before_percent: round(before_share),
                });
            }
        }
        if let (1, Some(category), Some(first)) = (s.categories, &s.only_category, s.first_purchase)
        {
            let years = full_years(first, today);
            if s.purchases >= 3 && years >= settings.one_category_years {
                reasons.push(RiskReason::OneCategory {
                    category: category.clone(),
                    years,
                });
            }
        }
    }
    if facts.open_complaints > 0 {
        reasons.push(RiskReason::OpenComplaints {
            count: facts.open_complaints,
        });
    }
    if let Some(plan_days) = facts.plan_days {
        let silent_since = facts.last_contact.or(facts.since);
        let days = silent_since.map(|d| (today - d).num_days().max(0) as u32);
        if days.is_none_or(|d| d > plan_days) {
            reasons.push(RiskReason::NoContact {
                days: facts
                    .last_contact
                    .map(|d| (today - d).num_days().max(0) as u32),
                plan_days,
            });
        }
    }
    if let Some(p) = facts.p_alive
        && p * 100.0 < f64::from(settings.p_alive_min_percent)
    {
        reasons.push(RiskReason::LowPAlive {
            percent: (p * 100.0).round() as u32,
        });
    }
    if let (Some(now), Some((before, since))) = (facts.p_alive, facts.p_alive_before) {
        let (from, to) = ((before * 100.0).round(), (now * 100.0).round());
        if from - to >= f64::from(P_ALIVE_FALL_POINTS) {
            reasons.push(RiskReason::PAliveFalling {
                from_percent: from as u32,
                to_percent: to as u32,
                since,
            });
        }
    }
    if let Some(r) = satisfaction_reason(&facts.satisfaction) {
        reasons.push(r);
    }
    reasons
}

/// Whole years from `from` to `to`.
fn full_years(from: NaiveDate, to: NaiveDate) -> u32 {
    to.years_since(from).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 23);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    /// A steady customer: nothing to warn about.
    fn steady() -> RiskFacts {
        RiskFacts {
            satisfaction: Satisfaction::default(),
            p_alive_before: None,
            signals: Some(Signals {
                gross_12m_cents: 100_000,
                discount_12m_cents: 5_000,
                gross_prior_cents: 100_000,
                discount_prior_cents: 5_000,
                purchases: 12,
                first_purchase: Some(day(2020, 5, 1)),
                categories: 3,
                only_category: None,
            }),
            p_alive: Some(0.9),
            open_complaints: 0,
            last_contact: Some(day(2026, 11, 1)),
            since: Some(day(2020, 5, 1)),
            plan_days: Some(91),
        }
    }

    fn reasons(f: &RiskFacts) -> Vec<RiskReason> {
        assess(f, &WarningSettings::default(), today())
    }

    #[test]
    fn satisfaction_drops_with_a_detractor_a_fall_or_a_low_rating() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut s = Satisfaction {
            nps: vec![(9, day(1), 1), (8, day(10), 2)],
            latest_rating: Some((4, day(10), 2)),
        };
        // 9 → 8 and a 4 of 5: content.
        assert_eq!(satisfaction_reason(&s), None);
        // 9 → 6: fell three points and is a detractor now.
        s.nps[1].0 = 6;
        assert_eq!(
            satisfaction_reason(&s),
            Some(RiskReason::SatisfactionDropping {
                nps: Some(6),
                previous_nps: Some(9),
                rating: None,
                on: day(10),
                response: 2
            })
        );
        // 10 → 7: no detractor, but three points down.
        s.nps = vec![(10, day(1), 1), (7, day(10), 2)];
        assert!(satisfaction_reason(&s).is_some());
        // A promoter, but a 2-star rating later.
        s.nps = vec![(9, day(1), 1)];
        s.latest_rating = Some((2, day(12), 3));
        assert_eq!(
            satisfaction_reason(&s),
            Some(RiskReason::SatisfactionDropping {
                nps: None,
                previous_nps: None,
                rating: Some(2),
                on: day(12),
                response: 3
            })
        );
        assert_eq!(satisfaction_reason(&Satisfaction::default()), None);
    }

    #[test]
    fn a_steady_customer_raises_no_warning() {
        assert_eq!(reasons(&steady()), vec![]);
        assert_eq!(reasons(&RiskFacts::default()), vec![]);
    }

    #[test]
    fn falling_revenue() {
        let mut f = steady();
        let s = f.signals.as_mut().unwrap();
        s.gross_12m_cents = 60_000;
        s.discount_12m_cents = 0;
        // 600 € paid against 950 € before: 37 % less.
        assert_eq!(
            reasons(&f),
            vec![RiskReason::RevenueFalling {
                now_cents: 60_000,
                before_cents: 95_000,
                drop_percent: 37
            }]
        );
        // 20 % less stays below the 25 % threshold.
        let s = f.signals.as_mut().unwrap();
        s.gross_12m_cents = 76_000;
        assert_eq!(reasons(&f), vec![]);
        // A new customer (nothing the year before) never "falls".
        let s = f.signals.as_mut().unwrap();
        s.gross_prior_cents = 0;
        s.discount_prior_cents = 0;
        s.gross_12m_cents = 0;
        assert_eq!(reasons(&f), vec![]);
    }

    #[test]
    fn growing_discounts() {
        let mut f = steady();
        // 15 % discount now against 5 % before.
        f.signals.as_mut().unwrap().discount_12m_cents = 15_000;
        let r = reasons(&f);
        assert_eq!(
            r,
            vec![RiskReason::DiscountRising {
                now_percent: 15.0,
                before_percent: 5.0
            }]
        );
        // 9 % against 5 %: four points, below the five-point threshold.
        f.signals.as_mut().unwrap().discount_12m_cents = 9_000;
        assert_eq!(reasons(&f), vec![]);
    }

    #[test]
    fn one_category_over_years() {
        let mut f = steady();
        let s = f.signals.as_mut().unwrap();
        s.categories = 1;
        s.only_category = Some("Kaffee".into());
        assert_eq!(
            reasons(&f),
            vec![RiskReason::OneCategory {
                category: "Kaffee".into(),
                years: 6
            }]
        );
        // A customer of one year is not expected to have explored the shop yet.
        f.signals.as_mut().unwrap().first_purchase = Some(day(2025, 12, 1));
        assert_eq!(reasons(&f), vec![]);
        // Two purchases are too few to call it a pattern.
        let s = f.signals.as_mut().unwrap();
        s.first_purchase = Some(day(2020, 1, 1));
        s.purchases = 2;
        assert_eq!(reasons(&f), vec![]);
    }

    #[test]
    fn open_complaints() {
        let mut f = steady();
        f.open_complaints = 2;
        assert_eq!(reasons(&f), vec![RiskReason::OpenComplaints { count: 2 }]);
    }

    #[test]
    fn no_contact_for_longer_than_the_plan() {
        let mut f = steady();
        f.last_contact = Some(day(2026, 6, 1));
        assert_eq!(
            reasons(&f),
            vec![RiskReason::NoContact {
                days: Some(175),
                plan_days: 91
            }]
        );
        // Never contacted, customer for years.
        f.last_contact = None;
        assert_eq!(
            reasons(&f),
            vec![RiskReason::NoContact {
                days: None,
                plan_days: 91
            }]
        );
        // A customer since last month is not silent yet.
        f.since = Some(day(2026, 10, 20));
        assert_eq!(reasons(&f), vec![]);
        // No plan for the segment: no rule to break.
        f.last_contact = Some(day(2020, 1, 1));
        f.plan_days = None;
        assert_eq!(reasons(&f), vec![]);
    }

    #[test]
    fn low_probability_of_being_alive() {
        let mut f = steady();
        f.p_alive = Some(0.31);
        assert_eq!(reasons(&f), vec![RiskReason::LowPAlive { percent: 31 }]);
        f.p_alive = Some(0.5);
        assert_eq!(reasons(&f), vec![]);
        f.p_alive = None;
        assert_eq!(reasons(&f), vec![]);
    }

    #[test]
    fn several_reasons_at_once() {
        let mut f = steady();
        f.p_alive = Some(0.2);
        f.open_complaints = 1;
        f.signals.as_mut().unwrap().gross_12m_cents = 10_000;
        let kinds: Vec<String> = reasons(&f)
            .iter()
            .map(|r| {
                serde_json::to_value(r).unwrap()["kind"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "revenueFalling",
                "discountRising",
                "openComplaints",
                "lowPAlive"
            ]
        );
    }
}
