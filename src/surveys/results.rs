//! The survey results' key figures.
//!
//! NPS (Net Promoter Score) from answers 0–10: promoters 9–10, passives 7–8, detractors
//! 0–6; NPS = % promoters − % detractors, from −100 to +100. CSAT from ratings 1–5: the
//! share of 4s and 5s, in percent. Both are `None` without answers, and rounded to one
//! decimal half away from zero for display (the exact value is kept for trends).

use serde::{Deserialize, Serialize};

/// How NPS answers fall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NpsCounts {
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
}

impl NpsCounts {
    /// Counts answers; values outside 0–10 are ignored.
    pub fn of(answers: impl IntoIterator<Item = u8>) -> NpsCounts {
        let mut c = NpsCounts::default();
        for a in answers {
            c.add(a);
        }
        c
    }

    pub fn add(&mut self, answer: u8) {
        match answer {
            9..=10 => self.promoters += 1,
            7..=8 => self.passives += 1,
            0..=6 => self.detractors += 1,
            _ => {}
        }
    }

    pub fn total(&self) -> u32 {
        self.promoters + self.passives + self.detractors
    }

    /// The NPS, −100 to +100; `None` without answers.
    pub fn score(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| {
            (f64::from(self.promoters) - f64::from(self.detractors)) * 100.0 / f64::from(total)
        })
    }
}

/// How 1–5 ratings fall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RatingCounts {
    /// Answers 1 to 5 at index 0 to 4.
    pub by_value: [u32; 5],
}

impl RatingCounts {
    /// Counts ratings; values outside 1–5 are ignored.
    pub fn of(answers: impl IntoIterator<Item = u8>) -> RatingCounts {
        let mut c = RatingCounts::default();
        for a in answers {
            c.add(a);
        }
        c
    }

    pub fn add(&mut self, answer: u8) {
        if (1..=5).contains(&answer) {
            self.by_value[usize::from(answer - 1)] += 1;
        }
    }

    pub fn total(&self) -> u32 {
        self.by_value.iter().sum()
    }

    /// CSAT: the share of 4s and 5s in percent; `None` without answers.
    pub fn csat(&self) -> Option<f64> {
        let total = self.total();
        (total > 0)
            .then(|| f64::from(self.by_value[3] + self.by_value[4]) * 100.0 / f64::from(total))
    }

    /// The mean rating; `None` without answers.
    pub fn average(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| {
            let sum: u32 = self
                .by_value
                .iter()
                .enumerate()
                .map(|(i, n)| (i as u32 + 1) * n)
                .sum();
            f64::from(sum) / f64::from(total)
        })
    }
}

/// A figure rounded to one decimal, halves away from zero (12.25 → 12.3, −12.25 → −12.3).
pub fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_with_known_answers() {
        // 10 answers: 5 promoters, 3 passives, 2 detractors → 50 % − 20 % = 30.
        let c = NpsCounts::of([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]);
        assert_eq!((c.promoters, c.passives, c.detractors), (5, 3, 2));
        assert_eq!(c.score(), Some(30.0));
        // All detractors: −100; all promoters: +100; only passives: 0.
        assert_eq!(NpsCounts::of([0, 3, 6]).score(), Some(-100.0));
        assert_eq!(NpsCounts::of([9, 10]).score(), Some(100.0));
        assert_eq!(NpsCounts::of([7, 8, 8]).score(), Some(0.0));
        // The edges: 6 is a detractor, 7 a passive, 9 a promoter; 11 is no answer.
        assert_eq!(NpsCounts::of([6, 7, 9, 11]).total(), 3);
        assert_eq!(NpsCounts::of([6, 7, 9]).score(), Some(0.0));
    }

    #[test]
    fn nps_empty_and_rounding() {
        assert_eq!(NpsCounts::default().score(), None);
        assert_eq!(NpsCounts::of([11, 12]).score(), None);
        // 1 promoter, 1 passive, 1 detractor … of 3 → 0; 2 promoters of 3 → 66.666… → 66.7.
        let two_of_three = NpsCounts::of([9, 10, 8]).score().unwrap();
        assert_eq!(one_decimal(two_of_three), 66.7);
        // 1 detractor of 3 → −33.333… → −33.3; 1 of 8 promoters → 12.5 stays.
        assert_eq!(
            one_decimal(NpsCounts::of([0, 7, 8]).score().unwrap()),
            -33.3
        );
        assert_eq!(
            one_decimal(NpsCounts::of([9, 7, 7, 7, 7, 7, 7, 7]).score().unwrap()),
            12.5
        );
        // 3 promoters, 1 detractor of 7 → 28.571… → 28.6.
        assert_eq!(
            one_decimal(NpsCounts::of([9, 9, 9, 0, 7, 7, 7]).score().unwrap()),
            28.6
        );
    }

    #[test]
    fn csat_with_known_answers() {
        // 4 of 5 answers are 4 or 5 → 80 %.
        let c = RatingCounts::of([5, 4, 4, 5, 2]);
        assert_eq!(c.by_value, [0, 1, 0, 2, 2]);
        assert_eq!(c.csat(), Some(80.0));
        assert_eq!(c.average(), Some(4.0));
        assert_eq!(RatingCounts::of([1, 2, 3]).csat(), Some(0.0));
        assert_eq!(RatingCounts::of([4]).csat(), Some(100.0));
        // 0 and 6 are no ratings.
        assert_eq!(RatingCounts::of([0, 6, 5]).total(), 1);
    }

    #[test]
    fn csat_empty_and_rounding() {
        assert_eq!(RatingCounts::default().csat(), None);
        assert_eq!(RatingCounts::default().average(), None);
        // 2 of 3 → 66.666… → 66.7; 1 of 6 → 16.666… → 16.7; 1 of 8 → 12.5.
        assert_eq!(
            one_decimal(RatingCounts::of([5, 4, 1]).csat().unwrap()),
            66.7
        );
        assert_eq!(
            one_decimal(RatingCounts::of([5, 1, 1, 1, 1, 1]).csat().unwrap()),
            16.7
        );
        assert_eq!(
            one_decimal(RatingCounts::of([5, 1, 1, 1, 1, 1, 1, 1]).csat().unwrap()),
            12.5
        );
        // Mean of 5, 4, 4 → 4.333… → 4.3.
        assert_eq!(
            one_decimal(RatingCounts::of([5, 4, 4]).average().unwrap()),
            4.3
        );
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(one_decimal(12.25), 12.3);
        assert_eq!(one_decimal(-12.25), -12.3);
        assert_eq!(one_decimal(0.05), 0.1);
        assert_eq!(one_decimal(-0.04), -0.0);
    }
}
