//! The loyalty program: points on an append-only ledger, tiers, rewards, coupons and
//! customer cards. The rules are pure and tested here (ledger, program, coupons, cards,
//! report); `shop` runs them on the shop's database.

pub mod cards;
pub mod coupons;
pub mod demo;
pub mod ledger;
pub mod problem;
pub mod program;
pub mod report;
pub mod rewards;
pub mod shop;

pub use problem::LoyaltyProblem;

use crate::customers::CustomerId;
use crate::transactions::TransactionId;
use chrono::NaiveDate;
use ledger::{Entry, EntryKind};
use rewards::RewardId;
use serde::{Deserialize, Serialize};

/// Which bonus an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum BonusKind {
    Welcome,
    Birthday,
    Other,
}

impl BonusKind {
    pub fn code(self) -> &'static str {
        match self {
            BonusKind::Welcome => "welcome",
            BonusKind::Birthday => "birthday",
            BonusKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<BonusKind> {
        [BonusKind::Welcome, BonusKind::Birthday, BonusKind::Other]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// A customer in the program: the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub customer_id: CustomerId,
    /// 13 digits, see [`cards`].
    pub card_number: String,
    pub joined_on: NaiveDate,
}

/// An entry about to be written, with what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub entry: Entry,
    pub bonus: Option<BonusKind>,
    pub reward: Option<RewardId>,
}

impl NewEntry {
    pub fn plain(entry: Entry) -> NewEntry {
        NewEntry {
            entry,
            bonus: None,
            reward: None,
        }
    }
}

/// A line of a customer's points history, as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: i64,
    pub kind: EntryKind,
    pub on: NaiveDate,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub points: i64,
    /// The balance after this entry.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub balance_after: i64,
    pub note: String,
    pub purchase_id: Option<TransactionId>,
    pub bonus: Option<BonusKind>,
    pub reward_name: Option<String>,
    pub employee_name: Option<String>,
}

impl HistoryEntry {
    pub fn entry(&self) -> Entry {
        Entry {
            kind: self.kind,
            on: self.on,
            points: self.points,
            purchase: self.purchase_id,
            note: self.note.clone(),
            employee: None,
        }
    }
}
