//! The rewards catalogue and coupons: kept, issued, redeemed once or as often as allowed.

use super::*;

pub fn rewards(store: &Store) -> Result<Vec<Reward>> {
    store.rewards()
}

/// Adds a reward (`id` None) or changes one; errors name the field.
pub fn save_reward(
    store: &mut Store,
    id: Option<RewardId>,
    input: &RewardInput,
    clock: &Clock,
) -> Result<Reward> {
    let now = clock.now();
    let fields = input.validate().map_err(Error::Validation)?;
    store.save_reward(id, &fields, now)
}

/// A reward as its form shows it for editing ("5,00" for 500 cents).
pub fn reward_form(store: &Store, id: RewardId, lang: Lang) -> Result<RewardInput> {
    Ok(store.reward(id)?.input(lang))
}

pub fn delete_reward(store: &mut Store, id: RewardId) -> Result<()> {
    store.delete_reward(id)
}

/// Coupons of a customer, or all (newest first).
pub fn coupon_list(store: &Store, customer: Option<CustomerId>) -> Result<Vec<Coupon>> {
    store.coupons(customer, 500)
}

/// Issues a coupon with a new code (unique, 60 random bits).
pub fn issue_coupon(store: &mut Store, input: &CouponInput, clock: &Clock) -> Result<Coupon> {
    let now = clock.now();
    let today = clock.today();
    let fields = input.validate(today).map_err(Error::Validation)?;
    let mut rng = rand::rng();
    // A clash of 60 random bits is next to impossible; the unique index would refuse it,
    // so a code already in use is simply drawn again.
    loop {
        let code = coupons::new_code(&mut rng).replace('-', "");
        if store.coupon_by_code(&code)?.is_none() {
            return store.insert_coupon(&code, &fields, None, today, now);
        }
    }
}

/// Redeems a coupon by its code at the counter, for `customer` when one is chosen.
pub fn redeem_coupon(
    store: &mut Store,
    code: &str,
    customer: Option<CustomerId>,
    employee: Option<EmployeeId>,
    clock: &Clock,
) -> Result<Coupon> {
    let now = clock.now();
    let today = clock.today();
    let unknown = || Error::Validation(vec![FieldError::new(Field::Code, Issue::Unknown)]);
    let code = coupons::read_code(code)
        .ok_or_else(unknown)?
        .replace('-', "");
    let coupon = store.coupon_by_code(&code)?.ok_or_else(unknown)?;
    if let Some(owner) = coupon.customer_id
        && customer != Some(owner)
    {
        return Err(Error::Loyalty(LoyaltyProblem::CouponOfAnotherCustomer));
    }
    match coupons::check(&coupon.state(), today) {
        Ok(()) => {}
        Err(coupons::CouponProblem::Expired { on }) => {
            return Err(Error::Loyalty(LoyaltyProblem::CouponExpired { until: on }));
        }
        Err(coupons::CouponProblem::UsedUp) => {
            return Err(Error::Loyalty(LoyaltyProblem::CouponUsedUp));
        }
    }
    store.use_coupon(coupon.id, customer, today, employee, now)
}
