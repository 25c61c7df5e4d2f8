//! Stammkunde core: the customer-care domain, its storage and its analytics.
//!
//! This crate knows nothing about windows or web views. The desktop shell (`src-tauri/`)
//! and the command-line tool (`stammkunde-cli`) are both thin layers over these functions,
//! so every rule lives here once and is tested here.

pub mod backup;
pub mod care;
pub mod charts;
pub mod clock;
pub mod complaints;
pub mod contacts;
pub mod customers;
pub mod demo;
pub mod duplicates;
pub mod employees;
pub mod error;
pub mod i18n;
mod input;
pub mod interactions;
pub mod io;
pub mod loyalty;
pub mod merges;
pub mod money;
pub mod paper;
pub mod privacy;
pub mod settings;
pub mod soft_facts;
pub mod store;
pub mod surveys;
pub mod timeline;
pub mod transactions;
pub mod value;

pub use clock::Clock;
pub use error::{Error, ErrorCode, ErrorReport, Field, FieldError, Issue, Result};
pub use i18n::Lang;
pub use store::Store;
