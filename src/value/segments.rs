//! Sorting customers by value: ABC classes by revenue, the portfolio matrix
//! (Vier-Felder-Matrix) of revenue against potential, the relationship phase, and a
//! weighted score. Pure functions over per-customer figures; the store feeds them.

use serde::{Deserialize, Serialize};

/// ABC class by share of revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Abc {
    A,
    B,
    C,
}

impl Abc {
    pub fn code(self) -> &'static str {
        match self {
            Abc::A => "A",
            Abc::B => "B",
            Abc::C => "C",
        }
    }

    pub fn from_code(code: &str) -> Option<Abc> {
        match code {
            "A" => Some(Abc::A),
            "B" => Some(Abc::B),
            "C" => Some(Abc::C),
            _ => None,
        }
    }
}

/// Cumulative revenue shares that end classes A and B (the rest is C), in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AbcThresholds {
    pub a: f64,
    pub b: f64,
}

impl Default for AbcThresholds {
    /// 80 / 15 / 5 %: A up to 80 % of cumulative revenue, B up to 95 %.
    fn default() -> Self {
        AbcThresholds { a: 80.0, b: 95.0 }
    }
}

/// ABC classes for revenues (cents), in the order given. Customers are ranked by revenue,
/// highest first (ties by position); a customer belongs to the class in which their
/// revenue *starts*: the one whose revenue crosses a boundary still gets the higher class.
/// Customers without revenue are C; when nobody has revenue, everybody is.
pub fn abc_classes(revenues: &[i64], thresholds: AbcThresholds) -> Vec<Abc> {
    let total: i128 = revenues.iter().map(|&r| i128::from(r.max(0))).sum();
    let mut order: Vec<usize> = (0..revenues.len()).collect();
    order.sort_by(|&i, &j| revenues[j].cmp(&revenues[i]).then(i.cmp(&j)));
    let mut classes = vec![Abc::C; revenues.len()];
    if total == 0 {
        return classes;
    }
    let mut before: i128 = 0;
    for i in order {
        let revenue = i128::from(revenues[i].max(0));
        if revenue == 0 {
            break;
        }
        // Share of total revenue before this customer, in percent.
        let share = before as f64 * 100.0 / total as f64;
        classes[i] = if share < thresholds.a {
            Abc::A
        } else if share < thresholds.b {
            Abc::B
        } else {
            Abc::C
        };
        before += revenue;
    }
    classes
}

/// A field of the portfolio matrix: revenue of the last 12 months (x) against future
/// potential (y).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Quadrant {
    /// High revenue, high potential.
    Top,
    /// Low revenue, high potential: worth developing.
    Development,
    /// High revenue, low potential: keep and serve well.
    Premium,
    /// Low revenue, low potential.
    Small,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::Top,
        Quadrant::Development,
        Quadrant::Premium,
        Quadrant::Small,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Quadrant::Top => "top",
            Quadrant::Development => "development",
            Quadrant::Premium => "premium",
            Quadrant::Small => "small",
        }
    }

    pub fn from_code(code: &str) -> Option<Quadrant> {
        Quadrant::ALL.into_iter().find(|q| q.code() == code)
    }

    /// Where a customer lies; a value on a boundary counts as high, but nothing counts
    /// as high with zero (when most customers bought nothing lately, the median is 0).
    pub fn of(revenue: i64, potential: i64, bounds: MatrixBounds) -> Quadrant {
        let high = |v: i64, bound: i64| v >= bound && v > 0;
        match (
            high(revenue, bounds.revenue),
            high(potential, bounds.potential),
        ) {
            (true, true) => Quadrant::Top,
            (false, true) => Quadrant::Development,
            (true, false) => Quadrant::Premium,
            (false, false) => Quadrant::Small,
        }
    }
}

/// The matrix's dividing lines, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MatrixBounds {
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub revenue: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub potential: i64,
}

/// The median of `values` (the mean of the middle two for an even count); 0 when empty.
pub fn median(values: &[i64]) -> i64 {
    if values.is_empty() {
        return 0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    if !sorted.len().is_multiple_of(2) {
        sorted[mid]
    } else {
        ((i128::from(sorted[mid - 1]) + i128::from(sorted[mid])) / 2) as i64
    }
}

/// Where a relationship stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    New,
    Growing,
    Established,
    AtRisk,
    Lost,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::New,
        Phase::Growing,
        Phase::Established,
        Phase::AtRisk,
        Phase::Lost,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Growing => "growing",
            Phase::Established => "established",
            Phase::AtRisk => "atRisk",
            Phase::Lost => "lost",
        }
    }

    pub fn from_code(code: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// What the phase rules look at, per customer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PhaseFacts {
    /// Marked lost by the owner.
    pub marked_lost: bool,
    /// Days since the first and the last purchase (None without purchases).
    pub days_since_first: Option<i64>,
    pub days_since_last: Option<i64>,
    /// Revenue of the last 12 months and of the 12 months before, in cents.
    pub revenue_12m: i64,
    pub revenue_prior_12m: i64,
    /// From the model, when fitted.
    pub p_alive: Option<f64>,
}

/// Below this P(alive) a customer counts as lost, below [`AT_RISK_P_ALIVE`] as at risk.
pub const LOST_P_ALIVE: f64 = 0.1;
pub const AT_RISK_P_ALIVE: f64 = 0.5;
/// Without the model: no purchase for this many days means lost, half of it at risk.
pub const LOST_AFTER_DAYS: i64 = 730;

/// The relationship phase, by the first rule that applies:
/// 1. **lost** — marked lost, or P(alive) below 10 %, or (without the model) no purchase for
///    two years;
/// 2. **at risk** — P(alive) below 50 %, or (without the model) no purchase for a year, or
///    revenue of the last 12 months below half of the 12 months before;
/// 3. **new** — first purchase within the last 12 months (or no purchase yet);
/// 4. **growing** — revenue of the last 12 months at least 20 % above the 12 months before;
/// 5. **established** — everyone else.
pub fn phase(f: &PhaseFacts) -> Phase {
    let silent = f.days_since_last.unwrap_or(0);
    if f.marked_lost
        || f.p_alive.is_some_and(|p| p < LOST_P_ALIVE)
        || (f.p_alive.is_none() && silent >= LOST_AFTER_DAYS)
    {
        return Phase::Lost;
    }
    if f.p_alive.is_some_and(|p| p < AT_RISK_P_ALIVE)
        || (f.p_alive.is_none() && silent >= LOST_AFTER_DAYS / 2)
        || (f.revenue_prior_12m > 0 && f.revenue_12m * 2 < f.revenue_prior_12m)
    {
        return Phase::AtRisk;
    }
    if f.days_since_first.is_none_or(|d| d < 365) {
        return Phase::New;
    }
    if f.revenue_prior_12m > 0 && f.revenue_12m * 10 >= f.revenue_prior_12m * 12 {
        return Phase::Growing;
    }
    Phase::Established
}

/// The built-in indicators' weights (any non-negative numbers; only their ratio counts).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ScoreWeights {
    pub revenue: f64,
    pub potential: f64,
    pub frequency: f64,
    pub recency: f64,
    pub closeness: f64,
    /// The customer's own survey answers (see [`satisfaction_level`]); missing in
    /// settings kept before it existed, so it reads as the default there too.
    #[serde(default = "default_satisfaction_weight")]
    pub satisfaction: f64,
}

fn default_satisfaction_weight() -> f64 {
    10.0
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights {
            revenue: 30.0,
            potential: 25.0,
            frequency: 15.0,
            recency: 15.0,
            closeness: 15.0,
            satisfaction: default_satisfaction_weight(),
        }
    }
}

/// What the score looks at, per customer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScoreFacts {
    pub revenue_12m: i64,
    pub potential: i64,
    /// Purchase days per year so far.
    pub purchases_per_year: f64,
    /// Days since the last purchase (None: never bought).
    pub days_since_last: Option<i64>,
    /// 1 (distant) … 5 (close), as the owner judged it.
    pub closeness: Option<u8>,
    /// 0 (unhappy) … 1 (delighted) from the customer's own answers; `None`: no answer.
    pub satisfaction: Option<f64>,
}

/// How satisfied a customer is, 0 … 1, from their own answers of the last 12 months: the
/// latest NPS answer (0–10, as n / 10) and the lowest rating of the latest rated response
/// (CSAT 1–5, as (r − 1) / 4), the mean of those given; a fall since the NPS answer before
/// takes off half the fall (10 → 4 counts 0.4 − 0.3 = 0.1). `None` without any answer.
pub fn satisfaction_level(s: &crate::care::warning::Satisfaction) -> Option<f64> {
    let latest = s.nps.last().map(|(n, _, _)| f64::from((*n).min(10)) / 10.0);
    let rating = s
        .latest_rating
        .map(|(r, _, _)| f64::from(r.clamp(1, 5) - 1) / 4.0);
    let parts: Vec<f64> = [latest, rating].into_iter().flatten().collect();
    if parts.is_empty() {
        return None;
    }
    let mut level = parts.iter().sum::<f64>() / parts.len() as f64;
    if let [.., (before, _, _), (now, _, _)] = s.nps[..]
        && now < before
    {
        level -= f64::from(before - now) / 20.0;
    }
    Some(level.clamp(0.0, 1.0))
}

/// One of the owner's criteria: its weight and every customer's mark (1–5), in the order
/// of the customers scored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ManualIndicator {
    pub weight: f64,
    pub marks: Vec<Option<u8>>,
}

/// Scores 0–100 for all customers at once: revenue, potential and frequency count by
/// their rank among the customers (the best gets 1, the lowest 0, ties share the rank),
/// recency by rank too (the most recent best, never bought 0), closeness and the owner's
/// criteria as (mark − 1) / 4 (unknown counts as the middle, 0.5), satisfaction as its
/// level (no answer counts as the middle, 0.5). The score is the
/// weighted mean × 100, rounded.
pub fn scores(facts: &[ScoreFacts], weights: ScoreWeights, manual: &[ManualIndicator]) -> Vec<u8> {
    let revenue = ranks(facts.iter().map(|f| f.revenue_12m as f64));
    let potential = ranks(facts.iter().map(|f| f.potential as f64));
    let frequency = ranks(facts.iter().map(|f| f.purchases_per_year));
    let recency = ranks(
        facts
            .iter()
            .map(|f| f.days_since_last.map_or(f64::NEG_INFINITY, |d| -(d as f64))),
    );
    let w = [
        weights.revenue.max(0.0),
        weights.potential.max(0.0),
        weights.frequency.max(0.0),
        weights.recency.max(0.0),
        weights.closeness.max(0.0),
        weights.satisfaction.max(0.0),
    ];
    let total: f64 = w.iter().sum::<f64>() + manual.iter().map(|m| m.weight.max(0.0)).sum::<f64>();
    let mark = |m: Option<u8>| m.map_or(0.5, |c| f64::from(c.clamp(1, 5) - 1) / 4.0);
    facts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if total <= 0.0 {
                return 0;
            }
            let closeness = mark(f.closeness);
            let never = f.days_since_last.is_none();
            let parts = [
                revenue[i],
                potential[i],
                frequency[i],
                if never { 0.0 } else { recency[i] },
                closeness,
                f.satisfaction.unwrap_or(0.5).clamp(0.0, 1.0),
            ];
            let own: f64 = manual
                .iter()
                .map(|m| m.weight.max(0.0) * mark(m.marks.get(i).copied().flatten()))
                .sum();
            let score = (parts.iter().zip(w).map(|(p, w)| p * w).sum::<f64>() + own) / total;
            (score * 100.0).round().clamp(0.0, 100.0) as u8
        })
        .collect()
}

/// Each value's rank scaled to 0 … 1 (lowest 0, highest 1; equal values share the mean
/// of their ranks; a single customer gets 1).
fn ranks(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let values: Vec<f64> = values.collect();
    let n = values.len();
    if n <= 1 {
        return vec![1.0; n];
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut out = vec![0.0; n];
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end + 1 < n && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end) as f64 / 2.0 / (n - 1) as f64;
        for &i in &order[start..=end] {
            out[i] = rank;
        }
        start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abc_gives_the_boundary_customer_the_higher_class() {
        // Total 1000: 500 (0 % before) A, 300 (50 %) A, 100 (80 %) B — it crosses from
        // 80 % into B's range —, 60 (90 %) B, 30 (96 %) C, 10 (99 %) C, 0 C.
        let revenues = [100, 500, 0, 30, 300, 60, 10];
        let classes = abc_classes(&revenues, AbcThresholds::default());
        use Abc::*;
        assert_eq!(classes, vec![B, A, C, C, A, B, C]);
        // 79.9 % before → still A.
        let classes = abc_classes(&[799, 201], AbcThresholds::default());
        assert_eq!(classes, vec![A, A]);
        assert_eq!(abc_classes(&[0, 0], AbcThresholds::default()), vec![C, C]);
        assert!(abc_classes(&[], AbcThresholds::default()).is_empty());
    }

    #[test]
    fn quadrants_count_the_boundary_as_high() {
        let bounds = MatrixBounds {
            revenue: 100,
            potential: 50,
        };
        assert_eq!(Quadrant::of(100, 50, bounds), Quadrant::Top);
        assert_eq!(Quadrant::of(99, 50, bounds), Quadrant::Development);
        assert_eq!(Quadrant::of(100, 49, bounds), Quadrant::Premium);
        assert_eq!(Quadrant::of(0, 0, bounds), Quadrant::Small);
        let zero = MatrixBounds {
            revenue: 0,
            potential: 0,
        };
        assert_eq!(Quadrant::of(0, 5, zero), Quadrant::Development);
        assert_eq!(Quadrant::of(1, 0, zero), Quadrant::Premium);
        assert_eq!(median(&[5, 1, 3]), 3);
        assert_eq!(median(&[4, 1, 3, 2]), 2);
        assert_eq!(median(&[]), 0);
    }

    #[test]
    fn phases_follow_the_documented_rules_in_order() {
        let established = PhaseFacts {
            days_since_first: Some(800),
            days_since_last: Some(30),
            revenue_12m: 1000,
            revenue_prior_12m: 1000,
            p_alive: Some(0.9),
            ..Default::default()
        };
        assert_eq!(phase(&established), Phase::Established);
        let f = |change: fn(&mut PhaseFacts)| {
            let mut facts = established;
            change(&mut facts);
            phase(&facts)
        };
        assert_eq!(f(|x| x.marked_lost = true), Phase::Lost);
        assert_eq!(f(|x| x.p_alive = Some(0.05)), Phase::Lost);
        assert_eq!(f(|x| x.p_alive = Some(0.3)), Phase::AtRisk);
        assert_eq!(f(|x| x.revenue_12m = 499), Phase::AtRisk);
        assert_eq!(f(|x| x.revenue_12m = 500), Phase::Established);
        assert_eq!(f(|x| x.revenue_12m = 1200), Phase::Growing);
        assert_eq!(f(|x| x.revenue_12m = 1199), Phase::Established);
        assert_eq!(f(|x| x.days_since_first = Some(100)), Phase::New);
        assert_eq!(f(|x| x.days_since_first = None), Phase::New);
        // Without the model, silence decides.
        assert_eq!(
            f(|x| {
                x.p_alive = None;
                x.days_since_last = Some(730);
            }),
            Phase::Lost
        );
        assert_eq!(
            f(|x| {
                x.p_alive = None;
                x.days_since_last = Some(400);
            }),
            Phase::AtRisk
        );
        assert_eq!(
            f(|x| {
                x.p_alive = None;
                x.days_since_last = Some(100);
            }),
            Phase::Established
        );
    }

    #[test]
    fn scores_weigh_ranks_and_closeness() {
        let best = ScoreFacts {
            revenue_12m: 5000,
            potential: 9000,
            purchases_per_year: 6.0,
            days_since_last: Some(3),
            closeness: Some(5),
            satisfaction: Some(1.0),
        };
        let worst = ScoreFacts {
            revenue_12m: 0,
            potential: 0,
            purchases_per_year: 0.0,
            days_since_last: None,
            closeness: Some(1),
            satisfaction: Some(0.0),
        };
        let middle = ScoreFacts {
            revenue_12m: 1000,
            potential: 500,
            purchases_per_year: 2.0,
            days_since_last: Some(100),
            closeness: None,
            satisfaction: None,
        };
        let s = scores(&[best, worst, middle], ScoreWeights::default(), &[]);
        assert_eq!(s, vec![100, 0, 50]);
        // Only revenue counts: the middle customer's rank is 0.5.
        let only_revenue = ScoreWeights {
            revenue: 1.0,
            potential: 0.0,
            frequency: 0.0,
            recency: 0.0,
            closeness: 0.0,
            satisfaction: 0.0,
        };
        assert_eq!(
            scores(&[best, worst, middle], only_revenue, &[]),
            vec![100, 0, 50]
        );
        // Equal revenue shares the rank.
        assert_eq!(scores(&[worst, worst], only_revenue, &[]), vec![50, 50]);
        let none = ScoreWeights {
            revenue: 0.0,
            ..only_revenue
        };
        assert_eq!(scores(&[best], none, &[]), vec![0]);
        // The owner's criterion alone: marks 5, 1 and none give 100, 0 and 50.
        let own = ManualIndicator {
            weight: 2.0,
            marks: vec![Some(5), Some(1), None],
        };
        assert_eq!(
            scores(&[worst, best, middle], none, std::slice::from_ref(&own)),
            vec![100, 0, 50]
        );
        // Half own criterion, half revenue: best revenue with mark 1 → 50.
        assert_eq!(
            scores(
                &[best, worst],
                only_revenue,
                &[ManualIndicator {
                    weight: 1.0,
                    marks: vec![Some(1), Some(5)]
                }]
            ),
            vec![50, 50]
        );
    }

    #[test]
    fn satisfaction_counts_with_its_weight() {
        use crate::care::warning::Satisfaction;
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let nps = |scores: &[u8]| Satisfaction {
            nps: scores.iter().map(|&n| (n, day, 1)).collect(),
            latest_rating: None,
        };
        assert_eq!(satisfaction_level(&Satisfaction::default()), None);
        assert_eq!(satisfaction_level(&nps(&[9])), Some(0.9));
        // 10 → 4: 0.4 less half the fall of 6 points.
        assert!((satisfaction_level(&nps(&[10, 4])).unwrap() - 0.1).abs() < 1e-9);
        // A rise is not a fall.
        assert_eq!(satisfaction_level(&nps(&[2, 8])), Some(0.8));
        // NPS 8 and a rating of 2 (0.25): their mean.
        let both = Satisfaction {
            latest_rating: Some((2, day, 2)),
            ..nps(&[8])
        };
        assert!((satisfaction_level(&both).unwrap() - 0.525).abs() < 1e-9);
        assert_eq!(satisfaction_level(&nps(&[0])), Some(0.0));

        // Satisfaction alone (weight 10): a detractor's 2 of 10 gives 20, no answer the
        // middle, 50.
        let facts = |satisfaction| ScoreFacts {
            satisfaction,
            ..Default::default()
        };
        let only = ScoreWeights {
            revenue: 0.0,
            potential: 0.0,
            frequency: 0.0,
            recency: 0.0,
            closeness: 0.0,
            satisfaction: 10.0,
        };
        assert_eq!(
            scores(&[facts(Some(0.2)), facts(None)], only, &[]),
            vec![20, 50]
        );
        // With the default weights (110 in all) a detractor (0.2 instead of 0.5) takes
        // 10 × 0.3 / 110 × 100 ≈ 2.7 points off; weight 0 takes nothing.
        let default = scores(
            &[facts(Some(0.2)), facts(None)],
            ScoreWeights::default(),
            &[],
        );
        assert_eq!(default[1] - default[0], 3);
        let ignored = ScoreWeights {
            satisfaction: 0.0,
            ..ScoreWeights::default()
        };
        let s = scores(&[facts(Some(0.2)), facts(None)], ignored, &[]);
        assert_eq!(s[0], s[1]);
    }
}
