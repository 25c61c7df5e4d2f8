//! Every money field of every screen takes the amount as typed and the core reads it:
//! "1.000,00" (German) and "1,000.00" (English) are both 100,000 cents. What the core hands
//! back for editing is written in the user's language and reads back to the same cents.
//! Before, some screens turned the text into cents themselves, and the care plan's
//! `Number("1.000,00".replace(',', '.'))` made a thousand euros into garbage.

use stammkunde::care::CareSettingsInput;
use stammkunde::care::plan::MeasureInput;
use stammkunde::customers::{self, CustomerInput};
use stammkunde::loyalty::program::TierBasis;
use stammkunde::loyalty::rewards::{RewardInput, RewardKind};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::value::shop::ValueSettingsInput;
use stammkunde::{Error, Field, Issue, Lang, Store, care, loyalty, value};

mod common;
use common::clock;

const GERMAN: &str = "1.000,00";
const ENGLISH: &str = "1,000.00";
const CENTS: i64 = 100_000;

fn refused_at(result: Result<impl std::fmt::Debug, Error>) -> Vec<(Field, Option<u32>, Issue)> {
    result
        .unwrap_err()
        .field_errors()
        .iter()
        .map(|f| (f.field, f.row, f.issue.clone()))
        .collect()
}

fn shop() -> (Store, customers::CustomerId) {
    let mut store = common::store();
    let input = CustomerInput {
        last_name: "Meier".into(),
        annual_revenue: GERMAN.into(),
        ..Default::default()
    };
    let id = customers::create(&mut store, &input, &clock()).unwrap().id;
    (store, id)
}

#[test]
fn purchases_and_the_customers_annual_revenue() {
    let (mut store, anna) = shop();
    assert_eq!(
        customers::get(&store, anna).unwrap().annual_revenue_cents,
        Some(CENTS)
    );
    assert_eq!(
        customers::edit_input(&store, anna, Lang::En)
            .unwrap()
            .annual_revenue,
        ENGLISH
    );
    assert_eq!(
        customers::edit_input(&store, anna, Lang::De)
            .unwrap()
            .annual_revenue,
        GERMAN
    );
    for (amount, discount) in [("2.000,00", GERMAN), ("2,000.00", ENGLISH)] {
        let input = TransactionInput {
            date: "22.11.2026".into(),
            amount: amount.into(),
            discount: discount.into(),
            ..Default::default()
        };
        let p = transactions::add(&mut store, anna, &input, &clock()).unwrap();
        assert_eq!((p.amount_cents, p.discount_cents), (2 * CENTS, CENTS));
    }
}

#[test]
fn a_measures_cost() {
    let mut store = common::store();
    for text in [GERMAN, ENGLISH] {
        let input = MeasureInput {
            name: format!("Besuch {text}"),
            cost: text.into(),
            ..Default::default()
        };
        let m = care::shop::save_measure(&mut store, None, &input, &clock()).unwrap();
        assert_eq!(m.cost_cents, CENTS);
        let form = care::shop::measure_form(&store, m.id, Lang::En).unwrap();
        assert_eq!(form.cost, ENGLISH);
        let again = care::shop::save_measure(&mut store, Some(m.id), &form, &clock()).unwrap();
        assert_eq!(again.cost_cents, CENTS);
    }
}

#[test]
fn the_plans_follow_up_minimum() {
    let mut store = common::store();
    let mut input = care::shop::settings_input(&store, Lang::De).unwrap();
    assert_eq!(input.follow_up_min, "50,00");
    for text in [GERMAN, ENGLISH] {
        input.follow_up_min = text.into();
        care::shop::save_settings(&mut store, &input, &clock()).unwrap();
        assert_eq!(
            care::shop::settings(&store).unwrap().follow_up_min_cents,
            CENTS
        );
    }
    assert_eq!(
        care::shop::settings_input(&store, Lang::En)
            .unwrap()
            .follow_up_min,
        ENGLISH
    );
    // A wrong amount is named at its field, and nothing changes.
    let bad = CareSettingsInput {
        follow_up_min: "1.000,00,5".into(),
        ..input.clone()
    };
    assert_eq!(
        refused_at(care::shop::save_settings(&mut store, &bad, &clock())),
        [(Field::FollowUpMin, None, Issue::InvalidAmount)]
    );
    assert_eq!(
        care::shop::settings(&store).unwrap().follow_up_min_cents,
        CENTS
    );
}

#[test]
fn the_loyalty_programs_revenue_tiers() {
    let mut store = common::store();
    let mut input = loyalty::shop::settings_input(&store, Lang::De).unwrap();
    assert_eq!(
        input
            .tiers
            .iter()
            .map(|t| t.from.as_str())
            .collect::<Vec<_>>(),
        ["0", "500", "1.500"]
    );
    input.basis = TierBasis::Revenue;
    input.tiers[1].from = GERMAN.into();
    input.tiers[2].from = "2,500.00".into();
    loyalty::shop::save_settings_input(&mut store, &input, &clock()).unwrap();
    let saved = loyalty::shop::settings(&store).unwrap();
    assert_eq!(
        saved.tiers.iter().map(|t| t.from).collect::<Vec<_>>(),
        [0, CENTS, 250_000]
    );
    let shown = loyalty::shop::settings_input(&store, Lang::En).unwrap();
    assert_eq!(shown.tiers[1].from, ENGLISH);
    // A threshold that does not read is named by its row; nothing is kept.
    input.tiers[2].from = "viel".into();
    assert_eq!(
        refused_at(loyalty::shop::save_settings_input(
            &mut store,
            &input,
            &clock()
        )),
        [(Field::Tiers, Some(2), Issue::InvalidAmount)]
    );
    assert_eq!(loyalty::shop::settings(&store).unwrap(), saved);
}

#[test]
fn a_rewards_value() {
    let mut store = common::store();
    for text in [GERMAN, ENGLISH] {
        let input = RewardInput {
            name: format!("Gutschein {text}"),
            kind: RewardKind::DiscountAmount,
            value: text.into(),
            points: "1.000".into(),
            ..Default::default()
        };
        let r = loyalty::shop::save_reward(&mut store, None, &input, &clock()).unwrap();
        assert_eq!((r.value, r.points), (CENTS, 1_000));
        let form = loyalty::shop::reward_form(&store, r.id, Lang::En).unwrap();
        assert_eq!(form.value, ENGLISH);
    }
}

#[test]
fn the_value_settings_matrix_lines_and_decimals() {
    let mut store = common::store();
    let mut input = value::shop::settings_input(&store, Lang::De).unwrap();
    input.own_bounds = true;
    input.revenue = GERMAN.into();
    input.potential = ENGLISH.into();
    input.discount = "12,5".into();
    input.weights.closeness = "0.25".into();
    value::shop::save_settings_input(&mut store, &input, &clock()).unwrap();
    let saved = value::shop::settings(&store).unwrap();
    let bounds = saved.bounds.unwrap();
    assert_eq!((bounds.revenue, bounds.potential), (CENTS, CENTS));
    assert_eq!(saved.horizon.discount_rate, 0.125);
    assert_eq!(saved.weights.closeness, 0.25);
    let shown = value::shop::settings_input(&store, Lang::En).unwrap();
    assert_eq!(
        (shown.revenue.as_str(), shown.discount.as_str()),
        (ENGLISH, "12.5")
    );
    let shown = value::shop::settings_input(&store, Lang::De).unwrap();
    assert_eq!(
        (shown.potential.as_str(), shown.discount.as_str()),
        (GERMAN, "12,5")
    );
    // Each number that does not read is named at its field; nothing is kept.
    let bad = ValueSettingsInput {
        discount: "zwölf".into(),
        revenue: "1.000,00,5".into(),
        ..shown
    };
    assert_eq!(
        refused_at(value::shop::save_settings_input(&mut store, &bad, &clock())),
        [
            (Field::DiscountRate, None, Issue::InvalidDecimal),
            (Field::MatrixBounds, None, Issue::InvalidAmount),
        ]
    );
    assert_eq!(value::shop::settings(&store).unwrap(), saved);
}

#[test]
fn a_customers_further_potential() {
    let (mut store, anna) = shop();
    for text in [GERMAN, ENGLISH] {
        value::shop::set_extra_potential(&mut store, anna, text, &clock()).unwrap();
        assert_eq!(
            value::shop::extra_potential_input(&store, anna, Lang::De).unwrap(),
            GERMAN
        );
    }
    assert_eq!(
        value::shop::extra_potential_input(&store, anna, Lang::En).unwrap(),
        ENGLISH
    );
    value::shop::set_extra_potential(&mut store, anna, "", &clock()).unwrap();
    assert_eq!(
        value::shop::extra_potential_input(&store, anna, Lang::En).unwrap(),
        ""
    );
}
