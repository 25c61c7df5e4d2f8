//! The demo shop offered on first start.

use stammkunde::demo::{self, DemoOptions, DemoSummary};

store_commands! {
    /// Fills the (empty) database with the default demo shop and works out its customer
    /// value, so the agenda's plan and the value screen have their groups at once.
    demo_load() -> DemoSummary
        => |store, clock| {
            let summary = demo::load(store, &DemoOptions::default(), clock)?;
            stammkunde::value::shop::refresh(store, clock)?;
            Ok(summary)
        };
}
