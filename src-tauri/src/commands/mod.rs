//! The commands the UI may call. Each takes the state, calls one core function and maps
//! the error; logic lives in the core crate.

pub mod app;
pub mod care;
pub mod contacts;
pub mod customers;
pub mod demo;
pub mod duplicates;
pub mod employees;
pub mod io;
pub mod loyalty;
pub mod surveys;
pub mod timeline;
pub mod value;
