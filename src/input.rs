//! Reading what a person typed: trimmed text with a length limit, dates, date-times,
//! amounts. A [`Checker`] collects every problem so a form can show them all at once.

use crate::error::{Field, FieldError, Issue};
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Default)]
pub(crate) struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Checker::default()
    }

    pub fn fail(&mut self, field: Field, issue: Issue) {
        self.errors.push(FieldError::new(field, issue));
    }

    /// How many problems were found so far.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    pub fn fail_at(&mut self, field: Field, row: usize, issue: Issue) {
        self.errors.push(FieldError::at(field, row, issue));
    }

    /// Trimmed text of at most `max` characters.
    pub fn text(&mut self, field: Field, value: &str, max: u32) -> String {
        let value = value.trim();
        if value.chars().count() > max as usize {
            self.fail(field, Issue::TooLong { max });
        }
        value.to_owned()
    }

    /// Like [`Checker::text`], and it must not be empty.
    pub fn required(&mut self, field: Field, value: &str, max: u32) -> String {
        let value = self.text(field, value, max);
        if value.is_empty() {
            self.fail(field, Issue::Required);
        }
        value
    }

    /// An optional date, `31.12.2024` or `2024-12-31`.
    pub fn date(&mut self, field: Field, value: &str) -> Option<NaiveDate> {
        parse_date(value).unwrap_or_else(|issue| {
            self.fail(field, issue);
            None
        })
    }

    /// An amount in cents; see [`crate::money::parse_cents`]. Empty is `default` when
    /// one is given, else an error.
    pub fn cents(&mut self, field: Field, value: &str, default: Option<i64>) -> i64 {
        match (crate::money::parse_cents(value), default) {
            (Ok(cents), _) => cents,
            (Err(Issue::Required), Some(default)) => default,
            (Err(issue), _) => {
                self.fail(field, issue);
                0
            }
        }
    }

    /// A decimal or percentage as typed ("12,5", "12.5"); see
    /// [`crate::money::parse_decimal`]. `None` (and a problem of `field`) when it does not read.
    pub fn decimal(&mut self, field: Field, value: &str, max_decimals: usize) -> Option<f64> {
        crate::money::parse_decimal(value, max_decimals)
            .map_err(|issue| self.fail(field, issue))
            .ok()
    }

    /// A whole number typed as "1500" or "1.500"; `None` when empty. Outside `min..=max`
    /// or not a number: a problem of `field`.
    pub fn whole(&mut self, field: Field, value: &str, min: u32, max: u32) -> Option<i64> {
        let text: String = value
            .trim()
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
            .collect();
        if text.is_empty() {
            return None;
        }
        match text.parse::<i64>() {
            Ok(n) if (i64::from(min)..=i64::from(max)).contains(&n) => Some(n),
            Ok(_) => {
                self.fail(field, Issue::OutOfRange { min, max });
                None
            }
            Err(_) => {
                self.fail(field, Issue::InvalidNumber);
                None
            }
        }
    }

    /// The collected problems, or `value` when there are none.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value())
        } else {
            Err(self.errors)
        }
    }
}

/// Refuses a page size outside `1..=max`, naming the `limit` field.
pub(crate) fn check_limit(limit: u32, max: u32) -> crate::error::Result<()> {
    if (1..=max).contains(&limit) {
        Ok(())
    } else {
        Err(crate::error::Error::Validation(vec![FieldError::new(
            Field::Limit,
            Issue::OutOfRange { min: 1, max },
        )]))
    }
}

/// Accepts `31.12.1980` (German) and `1980-12-31` (ISO); empty means no date.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, Issue> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    ["%d.%m.%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|fmt| NaiveDate::parse_from_str(text, fmt).ok())
        .map(Some)
        .ok_or(Issue::InvalidDate)
}

/// Accepts `31.12.2024 14:30`, `2024-12-31T14:30` and `2024-12-31 14:30`.
pub fn parse_date_time(text: &str) -> Result<NaiveDateTime, Issue> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Issue::Required);
    }
    ["%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(text, fmt).ok())
        .ok_or(Issue::InvalidDateTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("31.12.1980"),
            Ok(NaiveDate::from_ymd_opt(1980, 12, 31))
        );
        assert_eq!(
            parse_date("1980-12-31"),
            Ok(NaiveDate::from_ymd_opt(1980, 12, 31))
        );
        assert_eq!(parse_date(" "), Ok(None));
        assert_eq!(parse_date("31.02.1980"), Err(Issue::InvalidDate));
    }

    #[test]
    fn date_times() {
        let expected = NaiveDate::from_ymd_opt(2024, 12, 31)
            .unwrap()
            .and_hms_opt(14, 30, 0);
        for text in ["31.12.2024 14:30", "2024-12-31T14:30", "2024-12-31 14:30"] {
            assert_eq!(parse_date_time(text).ok(), expected, "{text}");
        }
        assert_eq!(parse_date_time(""), Err(Issue::Required));
        assert_eq!(
            parse_date_time("31.12.2024 25:00"),
            Err(Issue::InvalidDateTime)
        );
    }

    #[test]
    fn checker_collects_every_problem() {
        let mut c = Checker::new();
        assert_eq!(c.required(Field::Summary, "  ", 10), "");
        assert_eq!(c.text(Field::Note, "abcdef", 3), "abcdef");
        assert_eq!(c.cents(Field::Discount, "", Some(0)), 0);
        assert_eq!(c.cents(Field::Amount, "x", None), 0);
        let issues: Vec<_> = c
            .finish(|| ())
            .unwrap_err()
            .into_iter()
            .map(|e| e.issue)
            .collect();
        assert_eq!(
            issues,
            vec![
                Issue::Required,
                Issue::TooLong { max: 3 },
                Issue::InvalidAmount
            ]
        );
    }
}
