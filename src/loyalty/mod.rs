//! The loyalty program: points on an append-only ledger, tiers, rewards, coupons and
//! customer cards. So far the rules, pure and tested: the ledger, the program settings
//! with tiers, and coupon codes; storage, commands and screens follow.

pub mod coupons;
pub mod ledger;
pub mod program;
