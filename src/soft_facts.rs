//! Soft facts: what a shop owner knows about a customer beyond the address — birthdays
//! (often without the year), the partner and family, how and when to get in touch, how
//! close the relationship is, what the customer likes.

use crate::error::Issue;
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// A day of the year with the year optional: many customers tell their birthday, few
/// their age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartialDate {
    pub day: u8,
    pub month: u8,
    pub year: Option<i32>,
}

impl PartialDate {
    /// `None` when day and month do not make a date in any year (31 April, 30 February).
    pub fn new(day: u32, month: u32, year: Option<i32>) -> Option<PartialDate> {
        // 2000 is a leap year, so 29 February is allowed without a year.
        let check_year = year.unwrap_or(2000);
        NaiveDate::from_ymd_opt(check_year, month, day)?;
        Some(PartialDate {
            day: u8::try_from(day).ok()?,
            month: u8::try_from(month).ok()?,
            year,
        })
    }

    /// The full date, when the year is known.
    pub fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month.into(), self.day.into())
    }

    /// The day this date falls on in `year`. 29 February falls on 28 February in years
    /// without it (the day most people born then celebrate in those years).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month.into(), self.day.into()).or_else(|| {
            (self.month == 2 && self.day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    }

    /// The next time this day comes round, today included.
    pub fn next_on_or_after(self, today: NaiveDate) -> Option<NaiveDate> {
        let this_year = self.in_year(today.year())?;
        if this_year >= today {
            Some(this_year)
        } else {
            self.in_year(today.year() + 1)
        }
    }
}

/// Reads `14.03.1961`, `14.03.`, `14.03`, `1961-03-14` or `--03-14` (vCard without year).
/// Empty means unknown.
pub fn parse_partial_date(text: &str) -> Result<Option<PartialDate>, Issue> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = |s: &str| -> Result<u32, Issue> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Issue::InvalidDate);
        }
        s.parse().map_err(|_| Issue::InvalidDate)
    };
    let (day, month, year) = if let Some(rest) = text.strip_prefix("--") {
        let (m, d) = rest.split_once('-').ok_or(Issue::InvalidDate)?;
        (number(d)?, number(m)?, None)
    } else if text.contains('-') {
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts[..] else {
            return Err(Issue::InvalidDate);
        };
        if y.len() != 4 {
            return Err(Issue::InvalidDate);
        }
        (number(d)?, number(m)?, Some(number(y)?))
    } else {
        let parts: Vec<&str> = text.split('.').collect();
        match parts[..] {
            [d, m] | [d, m, ""] => (number(d)?, number(m)?, None),
            [d, m, y] if y.len() == 4 => (number(d)?, number(m)?, Some(number(y)?)),
            _ => return Err(Issue::InvalidDate),
        }
    };
    let year = year
        .map(|y| i32::try_from(y).map_err(|_| Issue::InvalidDate))
        .transpose()?;
    PartialDate::new(day, month, year)
        .map(Some)
        .ok_or(Issue::InvalidDate)
}

/// A birthday checked against today: a known year must not lie in the future or
/// before 1900.
pub(crate) fn check_birthday(date: PartialDate, today: NaiveDate) -> Result<PartialDate, Issue> {
    match date.date() {
        Some(full) if full > today => Err(Issue::DateInFuture),
        Some(full) if full.year() < 1900 => Err(Issue::DateTooEarly),
        _ => Ok(date),
    }
}

/// When a birthday comes next, seen from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UpcomingBirthday {
    pub date: NaiveDate,
    /// 0 = today.
    pub days: u32,
    /// The age reached on that day, when the year of birth is known.
    pub turns: Option<u32>,
}

pub fn upcoming_birthday(birthday: PartialDate, today: NaiveDate) -> Option<UpcomingBirthday> {
    let date = birthday.next_on_or_after(today)?;
    let days = u32::try_from((date - today).num_days()).ok()?;
    let turns = birthday
        .year
        .and_then(|y| u32::try_from(date.year() - y).ok());
    Some(UpcomingBirthday { date, days, turns })
}

/// Sie or Du: how the shop addresses the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum AddressForm {
    #[default]
    Unknown,
    Sie,
    Du,
}

impl AddressForm {
    pub fn code(self) -> &'static str {
        match self {
            AddressForm::Unknown => "",
            AddressForm::Sie => "sie",
            AddressForm::Du => "du",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [AddressForm::Unknown, AddressForm::Sie, AddressForm::Du]
            .into_iter()
            .find(|f| f.code() == code)
    }
}

/// A person close to the customer: children, parents, the assistant who decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Relation {
    pub name: String,
    /// Tochter, Vater, Assistentin …
    pub relation: String,
    pub birthday: Option<PartialDate>,
}

/// A relation as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct RelationInput {
    pub name: String,
    pub relation: String,
    pub birthday: String,
}

/// A time not to call: some weekdays between two times, e.g. the lunch rush of a
/// restaurant owner (Mon–Fri 11:30–14:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuietTime {
    /// 1 = Monday … 7 = Sunday, ascending, at least one.
    pub weekdays: Vec<u8>,
    /// `HH:MM`
    pub from: String,
    /// `HH:MM`, after `from`.
    pub to: String,
}

impl QuietTime {
    /// Whether a moment (the shop's local time) falls into this window.
    pub fn covers(&self, weekday: Weekday, time: NaiveTime) -> bool {
        let day = u8::try_from(weekday.number_from_monday()).unwrap_or(0);
        let parse = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").ok();
        match (parse(&self.from), parse(&self.to)) {
            (Some(from), Some(to)) => self.weekdays.contains(&day) && from <= time && time < to,
            _ => false,
        }
    }
}

/// A quiet time as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct QuietTimeInput {
    pub weekdays: Vec<u8>,
    pub from: String,
    pub to: String,
}

/// A label with a value: a further phone number ("Mobil"), a further e-mail address
/// ("privat"), or a preference ("Zimmer" → "12, Mineralwasser in der Minibar").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Labeled {
    pub label: String,
    pub value: String,
}

/// Reads `HH:MM` (or `H:MM`, `HH`), returns it as `HH:MM`.
pub(crate) fn parse_time(text: &str) -> Option<String> {
    let text = text.trim();
    let with_minutes = if text.contains(':') {
        text.to_owned()
    } else {
        format!("{text}:00")
    };
    NaiveTime::parse_from_str(&with_minutes, "%H:%M")
        .ok()
        .map(|t| t.format("%H:%M").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_birthdays_with_and_without_year() {
        let full = PartialDate::new(14, 3, Some(1961));
        assert_eq!(parse_partial_date("14.03.1961"), Ok(full));
        assert_eq!(parse_partial_date("1961-03-14"), Ok(full));
        let no_year = PartialDate::new(14, 3, None);
        assert_eq!(parse_partial_date("14.03."), Ok(no_year));
        assert_eq!(parse_partial_date("14.3"), Ok(no_year));
        assert_eq!(parse_partial_date("--03-14"), Ok(no_year));
        assert_eq!(parse_partial_date(" "), Ok(None));
        assert_eq!(
            parse_partial_date("29.02."),
            Ok(PartialDate::new(29, 2, None))
        );
        for bad in [
            "29.02.2023",
            "31.04.",
            "14",
            "14.03.61",
            "a.b.",
            "1961-3",
            "0.1.",
        ] {
            assert_eq!(parse_partial_date(bad), Err(Issue::InvalidDate), "{bad}");
        }
    }

    #[test]
    fn next_birthday_counts_days_and_age() {
        let today = day(2026, 11, 22);
        let b = PartialDate::new(24, 11, Some(1961)).unwrap();
        assert_eq!(
            upcoming_birthday(b, today),
            Some(UpcomingBirthday {
                date: day(2026, 11, 24),
                days: 2,
                turns: Some(65)
            })
        );
        let today_b = PartialDate::new(22, 11, None).unwrap();
        assert_eq!(upcoming_birthday(today_b, today).map(|u| u.days), Some(0));
        let passed = PartialDate::new(21, 11, None).unwrap();
        let next = upcoming_birthday(passed, today).unwrap();
        assert_eq!(
            (next.date, next.days, next.turns),
            (day(2027, 11, 21), 364, None)
        );
    }

    #[test]
    fn leap_day_birthdays_fall_on_28_february_in_other_years() {
        let leap = PartialDate::new(29, 2, Some(2000)).unwrap();
        assert_eq!(leap.in_year(2027), Some(day(2027, 2, 28)));
        assert_eq!(leap.in_year(2028), Some(day(2028, 2, 29)));
        let next = upcoming_birthday(leap, day(2027, 1, 1)).unwrap();
        assert_eq!((next.date, next.turns), (day(2027, 2, 28), Some(27)));
    }

    #[test]
    fn quiet_times_cover_their_weekdays_and_hours() {
        let lunch = QuietTime {
            weekdays: vec![1, 2, 3, 4, 5],
            from: "11:30".into(),
            to: "14:00".into(),
        };
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(lunch.covers(Weekday::Mon, t(11, 30)));
        assert!(lunch.covers(Weekday::Fri, t(13, 59)));
        assert!(!lunch.covers(Weekday::Fri, t(14, 0)));
        assert!(!lunch.covers(Weekday::Sat, t(12, 0)));
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("9:05").as_deref(), Some("09:05"));
        assert_eq!(parse_time("14").as_deref(), Some("14:00"));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time(""), None);
    }
}
