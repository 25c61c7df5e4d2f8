//! Fixtures shared by the core's integration tests: the clock, stores, the demo shop.
//! Each test binary uses only some of them.
#![allow(dead_code)]

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::{Clock, Store};
use std::path::PathBuf;

/// A calendar day.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// Berlin's offset from UTC on `day` (summer time from the last Sunday of March to the
/// last Sunday of October; the hour of the switch does not matter to these tests).
pub fn berlin_offset(on: NaiveDate) -> FixedOffset {
    let last_sunday = |month: u32| {
        let mut d = day(on.year(), month, 31);
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().expect("a day before");
        }
        d
    };
    let summer = on >= last_sunday(3) && on < last_sunday(10);
    FixedOffset::east_opt(if summer { 7_200 } else { 3_600 }).expect("an offset")
}

/// The shop's clock at local time `h:mi` in Berlin.
pub fn berlin(y: i32, m: u32, d: u32, h: u32, mi: u32) -> Clock {
    let local = day(y, m, d).and_hms_opt(h, mi, 0).expect("a time");
    Clock::at_local(local, berlin_offset(day(y, m, d)))
}

/// The shop's clock on `day` at 10:00 in Berlin: for tests that step from day to day.
pub fn on(y: i32, m: u32, d: u32) -> Clock {
    berlin(y, m, d, 10, 0)
}

/// A clock at `h:mi` UTC in Berlin.
pub fn utc_in_berlin(y: i32, m: u32, d: u32, h: u32, mi: u32) -> Clock {
    let now = Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap();
    Clock::at(now, berlin_offset(day(y, m, d)))
}

/// A clock at `h:mi` in a shop that keeps UTC.
pub fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> Clock {
    let now = Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap();
    Clock::at(now, FixedOffset::east_opt(0).expect("UTC"))
}

/// The tests' usual moment: Sunday 22 November 2026, 10:00 in Berlin (09:00 UTC).
pub fn clock() -> Clock {
    berlin(2026, 11, 22, 10, 0)
}

/// An empty store in memory.
pub fn store() -> Store {
    Store::open_in_memory().expect("an in-memory store")
}

/// An empty store in a database file of its own (kept while the directory lives).
pub fn file_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("shop.sqlite3");
    let store = Store::open(&path).expect("a new database file");
    (dir, path, store)
}

/// The demo shop (default size) as of `clock`.
pub fn demo_shop(clock: &Clock) -> Store {
    let mut store = store();
    demo::load(&mut store, &DemoOptions::default(), clock).expect("the demo shop");
    store
}
