//! The loyalty program: settings, a customer's account (join, redeem, correct), the
//! counter's lookup, the printable card, rewards, coupons and the program report. Each
//! command is one transaction in the core; "today" is the shop's local day.

use stammkunde::charts::ChartFormat;
use stammkunde::customers::CustomerId;
use stammkunde::employees::EmployeeId;
use stammkunde::loyalty::program::ProgramSettingsInput;
use stammkunde::loyalty::report::ProgramReport;
use stammkunde::loyalty::rewards::{Coupon, CouponInput, Reward, RewardId, RewardInput};
use stammkunde::loyalty::shop::{self, Account, Card, CorrectionInput, CounterHit, RedeemInput};

store_commands! {
    loyalty_settings() -> ProgramSettingsInput
        => |store, _clock, lang| shop::settings_input(store, lang);

    loyalty_save_settings(settings: ProgramSettingsInput) -> ()
        => |store, clock| shop::save_settings_input(store, &settings, clock);

    /// A customer's points account (points that ran out of time are booked first).
    loyalty_account(customer: CustomerId) -> Account
        => |store, clock| shop::account(store, customer, clock);

    /// Issues the customer card (with the welcome bonus).
    /// What points (as typed) are worth as a discount, in cents.
    loyalty_points_worth(points: String) -> i32
        => |store| {
            let cents = shop::points_worth(store, &points)?;
            Ok(i32::try_from(cents).unwrap_or(i32::MAX))
        };

    loyalty_join(customer: CustomerId) -> Account
        => |store, clock| shop::join(store, customer, clock);

    /// Spends points (part of the balance, or a reward) after the identity check.
    loyalty_redeem(customer: CustomerId, input: RedeemInput) -> Account
        => |store, clock| shop::redeem(store, customer, &input, clock);

    /// A correction with reason and employee.
    loyalty_correct(customer: CustomerId, input: CorrectionInput) -> Account
        => |store, clock| shop::correct(store, customer, &input, clock);

    /// The counter's search: card number, phone or name. Runs the day's upkeep first.
    loyalty_lookup(text: String, limit: u32) -> Vec<CounterHit>
        => |store, clock| shop::lookup_today(store, &text, limit, clock);

    /// What the printable card shows, with its QR code.
    loyalty_card(customer: CustomerId) -> Card
        => |store| shop::card(store, customer);

    rewards_list() -> Vec<Reward>
        => |store| shop::rewards(store);

    /// Adds a reward (`id` null) or changes one.
    rewards_save(id: Option<RewardId>, input: RewardInput) -> Reward
        => |store, clock| shop::save_reward(store, id, &input, clock);

    /// A reward as its form shows it for editing.
    rewards_form(id: RewardId) -> RewardInput
        => |store, _clock, lang| shop::reward_form(store, id, lang);

    rewards_delete(id: RewardId) -> ()
        => |store| shop::delete_reward(store, id);

    /// Coupons of a customer, or all.
    coupons_list(customer: Option<CustomerId>) -> Vec<Coupon>
        => |store| shop::coupon_list(store, customer);

    coupons_issue(input: CouponInput) -> Coupon
        => |store, clock| shop::issue_coupon(store, &input, clock);

    /// Redeems a coupon by its code (for the customer chosen at the counter, if any).
    coupons_redeem(
        code: String,
        customer: Option<CustomerId>,
        employee: Option<EmployeeId>,
    ) -> Coupon
        => |store, clock| shop::redeem_coupon(store, &code, customer, employee, clock);

    /// The program report of the last `months` months (after the day's upkeep).
    loyalty_report(months: u32) -> ProgramReport
        => |store, clock| shop::report_today(store, months, clock);

    /// The report's chart as SVG (plotters escapes every text).
    loyalty_chart(months: u32) -> String
        => |store, clock, lang| {
            let svg = shop::report_chart(store, clock.today(), months, lang, ChartFormat::Svg)?;
            super::svg_text(svg)
        };
}
