//! What the fuzz targets share: a small demo shop in memory (customers, purchases,
//! survey templates) made once per fuzzing process, and the one clock of all runs.

use chrono::{FixedOffset, NaiveDate};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::{Clock, Store};
use std::sync::{LazyLock, Mutex, MutexGuard};

/// 22.11.2026 10:00 in Berlin, as in the tests.
pub fn clock() -> Clock {
    let local = NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default();
    Clock::at_local(
        local,
        FixedOffset::east_opt(3600).unwrap_or(FixedOffset::east_opt(0).unwrap()),
    )
}

static SHOP: LazyLock<Mutex<Store>> = LazyLock::new(|| {
    let mut store = Store::open_in_memory().expect("a store in memory");
    let options = DemoOptions {
        customers: 30,
        years: 2,
        ..DemoOptions::default()
    };
    demo::load(&mut store, &options, &clock()).expect("the demo shop");
    Mutex::new(store)
});

/// The demo shop; a run that panicked while holding it does not poison the next.
pub fn shop() -> MutexGuard<'static, Store> {
    SHOP.lock().unwrap_or_else(|e| e.into_inner())
}
