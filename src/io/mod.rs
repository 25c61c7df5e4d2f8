//! Data in and out: reading CSV, Excel and vCard files, importing customers and
//! purchases, and exporting the customer list.

pub mod export;
pub mod import;
mod messages;
pub mod table;
