//! The one clock: the instant, the shop's local date and the offset between them.
//!
//! A [`Clock`] is made once where a command or a CLI call starts ([`Clock::system`]) and
//! handed down; nothing else in the core reads the system clock (clippy's
//! `disallowed-methods` in `clippy.toml` refuses `Utc::now`, `Local::now` and
//! `SystemTime::now`). "Today" is always the local calendar day: a purchase typed at
//! 00:30 in Berlin is dated that day, although it is still yesterday in UTC.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    now: DateTime<Utc>,
    offset: FixedOffset,
}

impl Clock {
    /// The computer's clock and its time zone offset at this moment. The only place the
    /// core reads the system clock.
    #[allow(clippy::disallowed_methods)]
    pub fn system() -> Clock {
        let local = Local::now();
        Clock {
            now: local.with_timezone(&Utc),
            offset: *local.offset(),
        }
    }

    /// A clock standing at `now`, in a place `offset` ahead of UTC (tests, benchmarks, the
    /// CLI's `--today`).
    pub fn at(now: DateTime<Utc>, offset: FixedOffset) -> Clock {
        Clock { now, offset }
    }

    /// A clock standing at the local wall-clock time `local` in a place `offset` ahead of UTC.
    pub fn at_local(local: NaiveDateTime, offset: FixedOffset) -> Clock {
        let now = offset
            .from_local_datetime(&local)
            .single()
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc));
        Clock { now, offset }
    }

    /// The same clock on local noon of `day` (for a report "as of" a chosen day).
    pub fn on(self, day: NaiveDate) -> Clock {
        Clock::at_local(day.and_hms_opt(12, 0, 0).unwrap_or_default(), self.offset)
    }

    /// The same clock `by` later (or earlier, for a negative `by`).
    pub fn advanced(self, by: chrono::TimeDelta) -> Clock {
        Clock {
            now: self.now + by,
            offset: self.offset,
        }
    }

    /// The instant, for timestamps (`created_at`, `updated_at` …).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The shop's calendar day.
    pub fn today(&self) -> NaiveDate {
        self.local().date()
    }

    /// The shop's wall-clock time.
    pub fn local(&self) -> NaiveDateTime {
        self.now.with_timezone(&self.offset).naive_local()
    }

    pub fn offset(&self) -> FixedOffset {
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    #[test]
    fn today_is_the_local_day_not_the_utc_day() {
        let late = Utc.with_ymd_and_hms(2026, 1, 14, 23, 30, 0).unwrap();
        let winter = Clock::at(late, berlin(1));
        assert_eq!(
            winter.today(),
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
        );
        assert_eq!(winter.local().format("%H:%M").to_string(), "00:30");
        assert_eq!(winter.now(), late);

        let summer = Clock::at(
            Utc.with_ymd_and_hms(2026, 7, 14, 23, 30, 0).unwrap(),
            berlin(2),
        );
        assert_eq!(
            summer.today(),
            NaiveDate::from_ymd_opt(2026, 7, 15).unwrap()
        );
        assert_eq!(summer.local().format("%H:%M").to_string(), "01:30");
    }

    #[test]
    fn a_local_time_gives_back_its_instant() {
        let local = NaiveDate::from_ymd_opt(2026, 7, 15)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        let clock = Clock::at_local(local, berlin(2));
        assert_eq!(
            clock.now(),
            Utc.with_ymd_and_hms(2026, 7, 14, 23, 30, 0).unwrap()
        );
        assert_eq!(clock.local(), local);
        assert_eq!(
            clock
                .on(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap())
                .today(),
            NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()
        );
    }
}
