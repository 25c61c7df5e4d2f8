//! The loyalty program on the shop's database: settings, joining (the card), the account
//! with balance, tier and history, points for purchases and their reversal, redemption
//! with an identity check, corrections, rewards, coupons, the counter's lookup, the daily
//! upkeep (expiry and birthday bonuses) and the program report.

use super::cards::{self, QrPath};
use super::coupons;
use super::ledger::{Entry, EntryKind, Ledger, LedgerError};
use super::program::{ProgramSettings, ProgramSettingsInput, TierBasis, points_last_12_months};
use super::report::{self, ProgramReport};
use super::rewards::{Coupon, CouponInput, Reward, RewardId, RewardInput};
use super::{BonusKind, HistoryEntry, Member, NewEntry};
use crate::charts::{self, ChartFormat};
use crate::clock::Clock;
use crate::customers::{self, CustomerId};
use crate::employees::EmployeeId;
use crate::error::{Entity, Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::input::Checker;
use crate::loyalty::LoyaltyProblem;
use crate::store::Store;
use crate::transactions::{TransactionFields, TransactionId};
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

mod catalogue;
pub use catalogue::*;

mod counter;
pub use counter::*;

mod upkeep;
pub use upkeep::*;

const SETTINGS_KEY: &str = "loyalty.settings";
pub(super) const UPKEEP_KEY: &str = "loyalty.upkeep";
/// Birthday bonuses are still given this many days after the birthday (the app may not
/// have been opened on the day).
const BIRTHDAY_GRACE_DAYS: i64 = 30;

/// The owner's program settings (the defaults until changed).
pub fn settings(store: &Store) -> Result<ProgramSettings> {
    store.setting_or_default(SETTINGS_KEY)
}

/// The settings ready for the settings screen, thresholds written in `lang`.
pub fn settings_input(store: &Store, lang: Lang) -> Result<ProgramSettingsInput> {
    Ok(settings(store)?.input(lang))
}

/// Reads what the settings screen sent, checks it and keeps it.
pub fn save_settings_input(
    store: &mut Store,
    input: &ProgramSettingsInput,
    clock: &Clock,
) -> Result<()> {
    save_settings(store, &input.parse()?, clock)
}

/// Checks and keeps the settings.
pub fn save_settings(store: &mut Store, settings: &ProgramSettings, clock: &Clock) -> Result<()> {
    settings.validate()?;
    let mut settings = settings.clone();
    settings.shop_name = settings.shop_name.trim().to_owned();
    for tier in &mut settings.tiers {
        tier.name = tier.name.trim().to_owned();
    }
    crate::settings::save_json(store, SETTINGS_KEY, &settings, clock)
}

fn refused(e: LedgerError) -> Error {
    match e {
        LedgerError::NotEnough { balance, wanted } => {
            Error::Loyalty(LoyaltyProblem::NotEnoughPoints { balance, wanted })
        }
        LedgerError::NotPositive => {
            Error::Validation(vec![FieldError::new(Field::Points, Issue::Invalid)])
        }
        LedgerError::NoReason => {
            Error::Validation(vec![FieldError::new(Field::Reason, Issue::Required)])
        }
        LedgerError::BeforeLast { last } => {
            Error::Loyalty(LoyaltyProblem::BeforeLastEntry { last })
        }
        LedgerError::NothingToReverse => Error::Loyalty(LoyaltyProblem::NothingToReverse),
    }
}

fn ledger_of(history: &[HistoryEntry]) -> Ledger {
    Ledger::new(history.iter().map(HistoryEntry::entry).collect())
}

/// A customer's standing in the program, as the loyalty panel and the counter show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub customer_id: CustomerId,
    pub name: String,
    pub number: String,
    /// Identity hints for the cashier (no photo): city and birthday day and month.
    pub city: String,
    pub birth_day: Option<u8>,
    pub birth_month: Option<u8>,
    /// `None`: not in the program (no card).
    pub member: Option<Member>,
    /// "2900 0000 0001 8".
    pub card_display: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub balance: i64,
    /// What the balance is worth as a discount, in cents.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub value_cents: i64,
    /// What one point is worth, in cents (the program's setting).
    pub cents_per_point: u32,
    pub basis: TierBasis,
    /// Points earned, or cents paid, in the last 12 months.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub measure: i64,
    pub tier: Option<String>,
    pub multiplier_percent: u32,
    pub next_tier: Option<String>,
    /// Points or cents missing to the next tier.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub missing: i64,
    /// The points that expire next, and the last day they are valid.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub expiring_points: i64,
    pub expiring_after: Option<NaiveDate>,
    /// Newest first.
    pub history: Vec<HistoryEntry>,
    pub coupons: Vec<Coupon>,
}

fn account_of(
    store: &Store,
    settings: &ProgramSettings,
    customer: CustomerId,
    today: NaiveDate,
) -> Result<Account> {
    let c = customers::get(store, customer)?;
    let member = store.loyalty_member(customer)?;
    let history = store.loyalty_history(customer)?;
    let ledger = ledger_of(&history);
    let balance = ledger.balance();
    let measure = tier_measure(store, settings, customer, &history, today)?;
    let tier = settings.tier(measure);
    let next = settings.next_tier(measure);
    let (expiring_points, expiring_after) = match ledger.lots().first() {
        Some((earned, _)) => match settings.expiry.last_day(*earned) {
            Some(last) => (
                ledger
                    .lots()
                    .iter()
                    .filter(|(d, _)| settings.expiry.last_day(*d) == Some(last))
                    .map(|(_, p)| p)
                    .sum(),
                Some(last),
            ),
            None => (0, None),
        },
        None => (0, None),
    };
    let birthday = c.birthday;
    Ok(Account {
        customer_id: customer,
        name: c.display_name.clone(),
        number: c.number.clone(),
        city: c.city.clone(),
        birth_day: birthday.map(|b| b.day),
        birth_month: birthday.map(|b| b.month),
        card_display: member.as_ref().map(|m| cards::display(&m.card_number)),
        member,
        balance,
        value_cents: balance * i64::from(settings.cents_per_point),
        cents_per_point: settings.cents_per_point,
        basis: settings.basis,
        measure,
        tier: tier.map(|t| t.name.clone()),
        multiplier_percent: tier.map_or(100, |t| t.multiplier_percent),
        next_tier: next.map(|(t, _)| t.name.clone()),
        missing: next.map_or(0, |(_, m)| m),
        expiring_points,
        expiring_after,
        history: history.into_iter().rev().collect(),
        coupons: store.coupons(Some(customer), 50)?,
    })
}

/// What the tier is measured by for this customer on `today`.
fn tier_measure(
    store: &Store,
    settings: &ProgramSettings,
    customer: CustomerId,
    history: &[HistoryEntry],
    today: NaiveDate,
) -> Result<i64> {
    match settings.basis {
        TierBasis::Points => {
            let entries: Vec<Entry> = history.iter().map(HistoryEntry::entry).collect();
            Ok(points_last_12_months(&entries, today))
        }
        TierBasis::Revenue => {
            let from = today.checked_sub_months(Months::new(12)).unwrap_or(today);
            store.paid_between(customer, from, today)
        }
    }
}

/// The account of a customer on `today`, after booking points that ran out of time.
pub fn account(store: &mut Store, customer: CustomerId, clock: &Clock) -> Result<Account> {
    let now = clock.now();
    let today = clock.today();
    let settings = settings(store)?;
    let history = store.loyalty_history(customer)?;
    if let Some(expired) = ledger_of(&history).expire(today, settings.expiry) {
        store.book_entries(&[(customer, NewEntry::plain(expired))], now)?;
    }
    account_of(store, &settings, customer, today)
}

/// The account as the ledger stands, without booking anything (points that ran out of
/// time are booked by [`account`] and the daily upkeep): for reading, e.g. a profile.
pub fn account_read(store: &Store, customer: CustomerId, today: NaiveDate) -> Result<Account> {
    account_of(store, &settings(store)?, customer, today)
}

/// Issues a customer card (the next card number) and books the welcome bonus.
pub fn join(store: &mut Store, customer: CustomerId, clock: &Clock) -> Result<Account> {
    let now = clock.now();
    let today = clock.today();
    let settings = settings(store)?;
    let welcome = (settings.welcome_bonus > 0).then(|| NewEntry {
        entry: Entry {
            kind: EntryKind::Bonus,
            on: today,
            points: i64::from(settings.welcome_bonus),
            purchase: None,
            note: String::new(),
            employee: None,
        },
        bonus: Some(BonusKind::Welcome),
        reward: None,
    });
    store.join_program(customer, today, welcome, now)?;
    account_of(store, &settings, customer, today)
}

/// The points a new purchase earns (booked on `today`); `None` for customers without a
/// card, purchases dated before they joined, and purchases worth less than a point.
pub(crate) fn earning(
    store: &Store,
    customer: CustomerId,
    purchase: &TransactionFields,
    today: NaiveDate,
) -> Result<Option<NewEntry>> {
    let Some(member) = store.loyalty_member(customer)? else {
        return Ok(None);
    };
    if purchase.date < member.joined_on {
        return Ok(None);
    }
    let settings = settings(store)?;
    let history = store.loyalty_history(customer)?;
    let measure = tier_measure(store, &settings, customer, &history, today)?;
    let points = settings.points_for(
        purchase.amount_cents - purchase.discount_cents,
        settings.tier(measure),
    );
    if points <= 0 {
        return Ok(None);
    }
    let entry = ledger_of(&history)
        .add(EntryKind::Earn, today, points, None, &purchase.product)
        .map_err(refused)?;
    Ok(Some(NewEntry::plain(entry)))
}

/// Cancels a purchase: it leaves the timeline and every figure, and the points it earned
/// are taken back (as many as the balance still holds). One transaction.
pub fn cancel_purchase(store: &mut Store, purchase: TransactionId, clock: &Clock) -> Result<()> {
    let now = clock.now();
    let today = clock.today();
    let purchase = store.transaction(purchase)?;
    let history = store.loyalty_history(purchase.customer_id)?;
    let reverse = match ledger_of(&history).reverse(today, purchase.id) {
        Ok(mut entry) => {
            entry.note = format!(
                "{} · {}",
                purchase.date.format("%d.%m.%Y"),
                if purchase.product.is_empty() {
                    crate::money::group_thousands(purchase.amount_cents / 100, Lang::De) + " €"
                } else {
                    purchase.product.clone()
                }
            );
            Some(NewEntry::plain(entry))
        }
        Err(LedgerError::NothingToReverse) => None,
        Err(e) => return Err(refused(e)),
    };
    store.cancel_purchase(&purchase, reverse, now)
}

/// A redemption at the counter: points as a discount (part of the balance), or a reward
/// of the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct RedeemInput {
    /// Points to spend; ignored when a reward is chosen (its points count).
    pub points: String,
    pub reward_id: Option<RewardId>,
    pub note: String,
    pub employee_id: Option<EmployeeId>,
    /// The cashier compared name, city and birthday with the customer.
    pub identity_confirmed: bool,
}

/// What `points` (as typed, "1.500") are worth as a discount, in cents; 0 while the text is
/// no number of points (the counter shows it as the cashier types).
pub fn points_worth(store: &Store, points: &str) -> Result<i64> {
    let points = crate::money::parse_whole(points).unwrap_or(0);
    Ok(points.saturating_mul(i64::from(settings(store)?.cents_per_point)))
}

/// Spends points. Refused (and nothing written) without the identity check, for more than
/// the balance, and for a reward out of stock or outside its validity.
pub fn redeem(
    store: &mut Store,
    customer: CustomerId,
    input: &RedeemInput,
    clock: &Clock,
) -> Result<Account> {
    let now = clock.now();
    let today = clock.today();
    let mut check = Checker::new();
    if !input.identity_confirmed {
        check.fail(Field::Identity, Issue::Required);
    }
    let note = check.text(Field::Note, &input.note, 500);
    let reward = match input.reward_id {
        Some(id) => Some(store.reward(id)?),
        None => None,
    };
    let points = match &reward {
        Some(reward) => Some(reward.points),
        None => {
            let points = check.whole(Field::Points, &input.points, 1, 100_000_000);
            if points.is_none() && input.points.trim().is_empty() {
                check.fail(Field::Points, Issue::Required);
            }
            points
        }
    };
    check.finish(|| ()).map_err(Error::Validation)?;
    let points = points.unwrap_or(0);
    if let Some(reward) = &reward
        && !reward.available(today)
    {
        return Err(Error::Loyalty(if reward.stock == Some(0) {
            LoyaltyProblem::RewardOutOfStock
        } else {
            LoyaltyProblem::RewardNotValid
        }));
    }
    let settings = settings(store)?;
    if store.loyalty_member(customer)?.is_none() {
        return Err(Error::Loyalty(LoyaltyProblem::NotAMember));
    }
    // Points that ran out of time cannot be spent.
    account(store, customer, clock)?;
    let history = store.loyalty_history(customer)?;
    let employee = input.employee_id.or(store.actor());
    let entry = ledger_of(&history)
        .redeem(today, points, &note, employee)
        .map_err(refused)?;
    store.atomically(|s| {
        s.book_redemption(
            customer,
            &NewEntry {
                entry,
                bonus: None,
                reward: reward.map(|r| r.id),
            },
            now,
        )?;
        crate::privacy::audit::record(
            s,
            clock,
            Some(customer),
            &crate::privacy::AuditAction::PointsRedeemed { points },
        )
    })?;
    account_of(store, &settings, customer, today)
}

/// A correction by an employee.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CorrectionInput {
    /// "+50" or "-20".
    pub points: String,
    pub reason: String,
    pub employee_id: Option<EmployeeId>,
}

/// Books a correction (plus or minus) with its reason and the employee; never below zero.
pub fn correct(
    store: &mut Store,
    customer: CustomerId,
    input: &CorrectionInput,
    clock: &Clock,
) -> Result<Account> {
    let now = clock.now();
    let today = clock.today();
    let mut check = Checker::new();
    let text = input.points.trim();
    let (sign, digits) = match text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let points = check.whole(Field::Points, digits, 1, 100_000_000);
    if points.is_none() && digits.trim().is_empty() {
        check.fail(Field::Points, Issue::Required);
    }
    let reason = check.required(Field::Reason, &input.reason, 500);
    let employee = input.employee_id.or(store.actor());
    if employee.is_none() {
        check.fail(Field::Employee, Issue::Required);
    }
    check.finish(|| ()).map_err(Error::Validation)?;
    if store.loyalty_member(customer)?.is_none() {
        return Err(Error::Loyalty(LoyaltyProblem::NotAMember));
    }
    let history = store.loyalty_history(customer)?;
    let entry = ledger_of(&history)
        .correct(today, sign * points.unwrap_or(0), &reason, employee)
        .map_err(refused)?;
    let points = entry.points;
    store.atomically(|s| {
        s.book_entries(&[(customer, NewEntry::plain(entry))], now)?;
        crate::privacy::audit::record(
            s,
            clock,
            Some(customer),
            &crate::privacy::AuditAction::PointsCorrected { points },
        )
    })?;
    let settings = settings(store)?;
    account_of(store, &settings, customer, today)
}
