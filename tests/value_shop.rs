//! The value analysis on a shop's own data: the demo shop, and a shop too small for the
//! model.

use stammkunde::Clock;
use stammkunde::customers::{self, CustomerInput};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::value::Method;
use stammkunde::value::segments::{MatrixBounds, Phase, Quadrant};
use stammkunde::value::shop::{self, ValueSettings};
use stammkunde::{Error, Field, Store};

mod common;

/// The moment these tests run at.
fn clock() -> Clock {
    common::utc_in_berlin(2026, 11, 23, 9, 0)
}

#[test]
fn the_demo_shop_gets_a_fitted_model_and_a_row_per_buying_customer() {
    let mut store = common::demo_shop(&clock());
    assert!(
        shop::overview(&store).unwrap().is_none(),
        "nothing before the first run"
    );
    let info = shop::refresh(&mut store, &clock()).unwrap();
    assert_eq!(info.method, Method::Model, "{info:?}");
    assert!(
        info.bgnbd.is_some() && info.gamma_gamma.is_some(),
        "{info:?}"
    );
    assert!(info.repeat_buyers >= 30);
    let overview = shop::overview(&store).unwrap().unwrap();
    let in_quadrants: u32 = overview.quadrants.iter().map(|g| g.customers).sum();
    let in_classes: u32 = overview.classes.iter().map(|g| g.customers).sum();
    assert_eq!(in_quadrants, info.customers);
    assert_eq!(in_classes, info.customers);
    // Every demo customer bought something: all 300 (less the merged double entries
    // in the trash are still customers) have a row.
    assert!(info.customers >= 290, "{}", info.customers);
    let share: f64 = overview.quadrants.iter().map(|g| g.revenue_share).sum();
    assert!((share - 1.0).abs() < 1e-9);
    // Class A holds at least 80 % of the period's revenue, and fewer customers than C.
    let class = |code: &str| overview.classes.iter().find(|g| g.code == code).unwrap();
    assert!(class("A").revenue_share >= 0.8 - 1e-9, "{overview:?}");
    assert!(class("A").customers < class("C").customers, "{overview:?}");
    // With the medians as lines, about half the customers are on each side.
    let q = |code: &str| overview.quadrants.iter().find(|g| g.code == code).unwrap();
    let high_revenue = q("top").customers + q("premium").customers;
    assert!(
        high_revenue * 2 >= info.customers && high_revenue * 2 <= info.customers + 40,
        "{overview:?}"
    );
}

#[test]
fn the_owners_settings_and_estimates_change_the_result() {
    let mut store = common::demo_shop(&clock());
    // Everyone above zero revenue is "high", and no potential is high enough.
    let settings = ValueSettings {
        bounds: Some(MatrixBounds {
            revenue: 1,
            potential: 5_000_000_000,
        }),
        ..Default::default()
    };
    shop::save_settings(&mut store, &settings, &clock()).unwrap();
    shop::refresh(&mut store, &clock()).unwrap();
    let overview = shop::overview(&store).unwrap().unwrap();
    let q = |code: &str| {
        overview
            .quadrants
            .iter()
            .find(|g| g.code == code)
            .unwrap()
            .customers
    };
    assert_eq!(q("top") + q("development"), 0);

    // The owner's estimate lifts one customer above the line.
    let first = customers::list(&store, None, 1).unwrap().items[0].id;
    shop::set_extra_potential(&mut store, first, "100.000.000", &clock()).unwrap();
    shop::refresh(&mut store, &clock()).unwrap();
    let value = shop::customer_value(&store, first).unwrap().unwrap();
    assert!(matches!(
        value.quadrant,
        Quadrant::Top | Quadrant::Development
    ));
    assert_eq!(value.extra_potential_cents, Some(10_000_000_000));

    // Marked lost: phase lost, whatever the model says.
    let mut input = customers::input_of(&customers::get(&store, first).unwrap());
    input.status = stammkunde::customers::CustomerStatus::Lost;
    customers::update(&mut store, first, &input, &clock()).unwrap();
    shop::refresh(&mut store, &clock()).unwrap();
    assert_eq!(
        shop::customer_value(&store, first).unwrap().unwrap().phase,
        Phase::Lost
    );

    // A negative estimate and impossible settings are refused by field.
    let err = shop::set_extra_potential(&mut store, first, "-1", &clock()).unwrap_err();
    assert!(matches!(&err, Error::Validation(e) if e[0].field == Field::Potential));
    let bad = ValueSettings {
        abc: stammkunde::value::segments::AbcThresholds { a: 90.0, b: 80.0 },
        abc_months: 0,
        ..Default::default()
    };
    let err = shop::save_settings(&mut store, &bad, &clock()).unwrap_err();
    let Error::Validation(errors) = err else {
        panic!("{err:?}")
    };
    let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec![Field::AbcThresholds, Field::AbcMonths]);
    assert_eq!(
        shop::settings(&store).unwrap(),
        settings,
        "the bad settings were not kept"
    );
}

#[test]
fn a_shop_too_small_for_the_model_gets_the_simple_estimate_and_says_why() {
    let mut store = Store::open_in_memory().unwrap();
    for (name, days) in [
        ("Arndt", vec![10, 200, 400]),
        ("Berg", vec![30]),
        ("Cramer", vec![]),
    ] {
        let customer = customers::create(
            &mut store,
            &CustomerInput {
                last_name: name.into(),
                ..Default::default()
            },
            &clock(),
        )
        .unwrap();
        for d in days {
            let day = clock().today() - chrono::Duration::days(d);
            transactions::add(
                &mut store,
                customer.id,
                &TransactionInput {
                    date: day.format("%d.%m.%Y").to_string(),
                    amount: "100,00".into(),
                    ..Default::default()
                },
                &clock(),
            )
            .unwrap();
        }
    }
    let info = shop::refresh(&mut store, &clock()).unwrap();
    assert_eq!(info.method, Method::Simple);
    assert!(info.bgnbd.is_none());
    assert!(info.bgnbd_problem.is_some());
    // Two customers bought; the one without purchases has no row.
    assert_eq!(info.customers, 2);
    let overview = shop::overview(&store).unwrap().unwrap();
    let a = overview.classes.iter().find(|g| g.code == "A").unwrap();
    // Arndt bought for 200 € in the last 12 months, Berg for 100 €: Berg's revenue starts
    // at 66.7 % of the total, below 80 %, so both are A (the boundary customer gets the
    // higher class).
    assert_eq!(a.customers, 2);
}

#[test]
fn the_list_filters_by_matrix_field_class_and_phase_and_shows_phase_and_score() {
    use stammkunde::customers::CustomerFilter;
    use stammkunde::value::segments::Abc;
    let mut store = common::demo_shop(&clock());
    shop::refresh(&mut store, &clock()).unwrap();
    let overview = shop::overview(&store).unwrap().unwrap();
    let count = |filter: CustomerFilter| {
        customers::browse(&store, &filter, None, 500, clock().today())
            .unwrap()
            .total
    };
    for group in &overview.quadrants {
        let quadrant = Quadrant::from_code(&group.code).unwrap();
        let filter = CustomerFilter {
            quadrant: Some(quadrant),
            ..Default::default()
        };
        assert_eq!(count(filter.clone()), group.customers, "{}", group.code);
        // Every listed customer really is in that field.
        let page = customers::browse(&store, &filter, None, 500, clock().today()).unwrap();
        for c in page.items {
            let value = shop::customer_value(&store, c.id).unwrap().unwrap();
            assert_eq!(value.quadrant, quadrant);
            assert_eq!(c.score, Some(value.score));
            assert_eq!(c.phase, Some(value.phase));
        }
    }
    let a = overview.classes.iter().find(|g| g.code == "A").unwrap();
    assert_eq!(
        count(CustomerFilter {
            abc: Some(Abc::A),
            ..Default::default()
        }),
        a.customers
    );
    let lost = overview.phases.iter().find(|g| g.code == "lost").unwrap();
    assert_eq!(
        count(CustomerFilter {
            phase: Some(Phase::Lost),
            ..Default::default()
        }),
        lost.customers
    );
}

#[test]
fn a_customer_moved_to_the_trash_leaves_the_analysis() {
    let mut store = common::demo_shop(&clock());
    shop::refresh(&mut store, &clock()).unwrap();
    let before = shop::overview(&store).unwrap().unwrap();
    let first = customers::list(&store, None, 1).unwrap().items[0].id;
    assert!(shop::customer_value(&store, first).unwrap().is_some());
    customers::trash(&mut store, first, &clock()).unwrap();
    assert!(shop::customer_value(&store, first).unwrap().is_none());
    let after = shop::overview(&store).unwrap().unwrap();
    let count = |o: &shop::ValueOverview| o.quadrants.iter().map(|g| g.customers).sum::<u32>();
    assert_eq!(count(&after), count(&before) - 1);
}

#[test]
fn the_list_sorts_by_score_page_by_page_and_filters_by_a_minimum() {
    use stammkunde::customers::{CustomerFilter, CustomerSort};
    let mut store = common::demo_shop(&clock());
    // A customer without purchases has no score: listed last.
    let newcomer = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Aaberg".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    shop::refresh(&mut store, &clock()).unwrap();
    let filter = CustomerFilter {
        sort: CustomerSort::Score,
        ..Default::default()
    };
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = customers::browse(&store, &filter, after.as_ref(), 37, clock().today()).unwrap();
        all.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let total = customers::list(&store, None, 1).unwrap().total as usize;
    assert_eq!(all.len(), total, "every customer once");
    let ids: std::collections::HashSet<_> = all.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), total);
    let scores: Vec<i32> = all.iter().map(|c| c.score.map_or(-1, i32::from)).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(all.last().unwrap().id, newcomer.id);

    let high = CustomerFilter {
        min_score: Some(70),
        ..Default::default()
    };
    let page = customers::browse(&store, &high, None, 500, clock().today()).unwrap();
    assert!(page.total > 0);
    assert_eq!(
        page.total as usize,
        scores.iter().filter(|s| **s >= 70).count()
    );
    let wrong = CustomerFilter {
        min_score: Some(101),
        ..Default::default()
    };
    let err = customers::browse(&store, &wrong, None, 10, clock().today()).unwrap_err();
    assert!(
        matches!(&err, Error::Validation(e) if e[0].field == Field::Score),
        "{err:?}"
    );
}

#[test]
fn the_owners_criteria_count_in_the_score() {
    use stammkunde::value::indicators;
    let mut store = common::demo_shop(&clock());
    let page = customers::list(&store, None, 2).unwrap();
    let (good, poor) = (page.items[0].id, page.items[1].id);
    let refers = indicators::save(&mut store, None, " Weiterempfehler ", "1000", &clock()).unwrap();
    assert_eq!(refers.name, "Weiterempfehler");
    indicators::set(&mut store, good, refers.id, Some(5)).unwrap();
    indicators::set(&mut store, poor, refers.id, Some(1)).unwrap();
    shop::refresh(&mut store, &clock()).unwrap();
    let score = |store: &Store, id| shop::customer_value(store, id).unwrap().unwrap().score;
    // The criterion weighs 1000 against 100 for the built-in ones.
    let (high, low) = (score(&store, good), score(&store, poor));
    assert!(high >= 90, "{high}");
    assert!(low <= 10, "{low}");
    let marks = indicators::of_customer(&store, good).unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].value, Some(5));

    // Wrong input is refused by field, and nothing changes.
    let err = indicators::save(&mut store, None, "weiterempfehler", "1", &clock()).unwrap_err();
    assert!(
        matches!(&err, Error::Validation(e) if e[0].field == Field::Name),
        "{err:?}"
    );
    let err = indicators::save(&mut store, None, "  ", "2000", &clock()).unwrap_err();
    let Error::Validation(errors) = err else {
        panic!()
    };
    assert_eq!(
        errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        vec![Field::Name, Field::ScoreWeights]
    );
    let err = indicators::set(&mut store, good, refers.id, Some(6)).unwrap_err();
    assert!(matches!(&err, Error::Validation(e) if e[0].field == Field::Indicator));
    assert_eq!(indicators::list(&store).unwrap().len(), 1);

    // Removed, the criterion and its marks are gone.
    indicators::delete(&mut store, refers.id).unwrap();
    assert!(indicators::of_customer(&store, good).unwrap().is_empty());
    shop::refresh(&mut store, &clock()).unwrap();
    let (high, low) = (score(&store, good), score(&store, poor));
    assert!(high < 90 || low > 10, "{high} {low}");
}

#[test]
fn the_shop_revenue_trend_compares_each_month_with_the_year_before() {
    let mut store = common::store();
    let c = clock();
    let id = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Umsatz".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    for (date, amount) in [
        ("05.11.2026", "100,00"),
        ("10.11.2025", "50,00"),
        ("15.01.2026", "30,00"),
        ("01.11.2024", "999,00"),
    ] {
        transactions::add(
            &mut store,
            id,
            &TransactionInput {
                date: date.into(),
                amount: amount.into(),
                ..Default::default()
            },
            &c,
        )
        .unwrap();
    }
    let r = shop::shop_revenue(&store, c.today()).unwrap();
    assert_eq!(r.months.len(), 12);
    assert_eq!(r.months[0].month.to_string(), "2025-12-01");
    let nov = r.months[11];
    assert_eq!((nov.cents, nov.year_before_cents), (10_000, 5_000));
    let jan = r.months[1];
    assert_eq!(
        (jan.month.to_string().as_str(), jan.cents),
        ("2026-01-01", 3_000)
    );
    assert_eq!((r.total_cents, r.year_before_cents), (13_000, 5_000));
    assert_eq!(r.change_percent, Some(160.0));
    let svg = String::from_utf8(
        shop::chart(
            &store,
            shop::ChartKind::ShopRevenue,
            stammkunde::charts::ChartFormat::Svg,
            c.today(),
            stammkunde::Lang::De,
        )
        .unwrap(),
    )
    .unwrap();
    assert!(svg.contains("Umsatz des Ladens pro Monat"), "{svg}");
}
