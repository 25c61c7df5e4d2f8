//! Why the loyalty program refused a step, worded in the user's language.

use crate::i18n::Lang;

/// Why the loyalty program refused a step. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoyaltyProblem {
    /// More points asked for than the balance holds.
    NotEnoughPoints {
        balance: i64,
        wanted: i64,
    },
    /// The customer has no customer card (is not in the program).
    NotAMember,
    AlreadyMember,
    /// The purchase earned no points, or they were taken back already.
    NothingToReverse,
    /// The ledger already has entries after this day (the computer's clock went back?).
    BeforeLastEntry {
        last: chrono::NaiveDate,
    },
    CouponExpired {
        until: chrono::NaiveDate,
    },
    CouponUsedUp,
    /// The coupon was issued to another customer.
    CouponOfAnotherCustomer,
    RewardOutOfStock,
    RewardNotValid,
}

impl LoyaltyProblem {
    pub(crate) fn message(&self, lang: Lang) -> String {
        let de = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
        match (self, lang) {
            (LoyaltyProblem::NotEnoughPoints { balance, wanted }, Lang::De) => format!(
                "Nicht genug Punkte: {} verlangt, {} vorhanden. Es wurde nichts gebucht.",
                crate::money::group_thousands(*wanted, lang),
                crate::money::group_thousands(*balance, lang)
            ),
            (LoyaltyProblem::NotEnoughPoints { balance, wanted }, Lang::En) => format!(
                "Not enough points: {} asked for, {} held. Nothing was booked.",
                crate::money::group_thousands(*wanted, lang),
                crate::money::group_thousands(*balance, lang)
            ),
            (LoyaltyProblem::NotAMember, _) => lang
                .pick(
                    "Der Kunde hat noch keine Kundenkarte.",
                    "The customer has no customer card yet.",
                )
                .to_owned(),
            (LoyaltyProblem::AlreadyMember, _) => lang
                .pick(
                    "Der Kunde hat schon eine Kundenkarte.",
                    "The customer already has a customer card.",
                )
                .to_owned(),
            (LoyaltyProblem::NothingToReverse, _) => lang
                .pick(
                    "Für diesen Kauf sind keine Punkte mehr zurückzunehmen.",
                    "There are no points left to take back for this purchase.",
                )
                .to_owned(),
            (LoyaltyProblem::BeforeLastEntry { last }, Lang::De) => format!(
                "Das Punktekonto hat schon Buchungen vom {}; bitte Datum und Uhrzeit des Computers prüfen.",
                de(last)
            ),
            (LoyaltyProblem::BeforeLastEntry { last }, Lang::En) => format!(
                "The points account already has entries of {last}; please check the computer's date and time."
            ),
            (LoyaltyProblem::CouponExpired { until }, Lang::De) => {
                format!("Der Gutschein war nur bis {} gültig.", de(until))
            }
            (LoyaltyProblem::CouponExpired { until }, Lang::En) => {
                format!("The coupon was valid until {until} only.")
            }
            (LoyaltyProblem::CouponUsedUp, _) => lang
                .pick(
                    "Dieser Gutschein wurde schon eingelöst.",
                    "This coupon has already been redeemed.",
                )
                .to_owned(),
            (LoyaltyProblem::CouponOfAnotherCustomer, _) => lang
                .pick(
                    "Dieser Gutschein gehört einem anderen Kunden.",
                    "This coupon belongs to another customer.",
                )
                .to_owned(),
            (LoyaltyProblem::RewardOutOfStock, _) => lang
                .pick(
                    "Diese Prämie ist vergriffen.",
                    "This reward is out of stock.",
                )
                .to_owned(),
            (LoyaltyProblem::RewardNotValid, _) => lang
                .pick(
                    "Diese Prämie ist heute nicht einlösbar (Gültigkeit).",
                    "This reward cannot be redeemed today (validity).",
                )
                .to_owned(),
        }
    }
}
