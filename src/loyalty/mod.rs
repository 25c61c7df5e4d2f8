//! The loyalty program: points on an append-only ledger, tiers, rewards, coupons and
//! customer cards. This first part holds the ledger's rules.

pub mod coupons;
pub mod ledger;
