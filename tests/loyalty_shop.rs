//! The loyalty program on a real database file: joining with a card, points earned by
//! purchases and taken back on cancelling, redemption with the identity check (partial,
//! rewards with stock, more than the balance refused with nothing written), corrections,
//! coupons used once, the counter's lookup, the daily upkeep (expiry, birthday bonus), the
//! report and its chart, merges moving points, the database refusing to change the ledger,
//! and the card's QR code read back by a decoder.

use common::{clock, day, on};
use rusqlite::Connection;
use stammkunde::Clock;
use stammkunde::charts::ChartFormat;
use stammkunde::customers::{self, CustomerId, CustomerInput, CustomerKind};
use stammkunde::employees;
use stammkunde::error::Field;
use stammkunde::i18n::Lang;
use stammkunde::loyalty::LoyaltyProblem;
use stammkunde::loyalty::cards;
use stammkunde::loyalty::ledger::EntryKind;
use stammkunde::loyalty::rewards::{CouponInput, RewardInput, RewardKind};
use stammkunde::loyalty::shop::{self, CorrectionInput, MatchedBy, RedeemInput};
use stammkunde::loyalty::{BonusKind, program::ProgramSettings};
use stammkunde::merges::{self, MergeInput};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Error, Store};

mod common;

trait Problem {
    fn problem(self) -> LoyaltyProblem;
}

impl Problem for Error {
    fn problem(self) -> LoyaltyProblem {
        match self {
            Error::Loyalty(p) => p,
            other => panic!("not a loyalty problem: {other:?}"),
        }
    }
}

fn person(
    store: &mut Store,
    first: &str,
    last: &str,
    city: &str,
    birthday: &str,
    phone: &str,
) -> CustomerId {
    let input = CustomerInput {
        kind: CustomerKind::Person,
        first_name: first.into(),
        last_name: last.into(),
        city: city.into(),
        birthday: birthday.into(),
        phone: phone.into(),
        ..Default::default()
    };
    customers::create(store, &input, &on(2024, 1, 2))
        .unwrap()
        .id
}

fn buy(
    store: &mut Store,
    c: CustomerId,
    when: &Clock,
    amount: &str,
) -> stammkunde::transactions::Transaction {
    let input = TransactionInput {
        date: when.today().format("%d.%m.%Y").to_string(),
        amount: amount.into(),
        product: "Espressomaschine".into(),
        ..Default::default()
    };
    transactions::add(store, c, &input, when).unwrap()
}

fn redeem_points(points: &str) -> RedeemInput {
    RedeemInput {
        points: points.into(),
        identity_confirmed: true,
        ..Default::default()
    }
}

#[test]
fn points_are_earned_redeemed_in_part_and_refused_beyond_the_balance() {
    let (_dir, path, mut store) = common::file_store();
    let anna = person(
        &mut store,
        "Anna",
        "Berg",
        "Köln",
        "14.03.1980",
        "0221 123456",
    );
    // Before joining a purchase earns nothing.
    buy(&mut store, anna, &on(2026, 1, 10), "100,00");
    let account = shop::join(&mut store, anna, &on(2026, 2, 1)).unwrap();
    let member = account.member.clone().unwrap();
    assert_eq!(
        cards::read_card_number(&member.card_number),
        Some(member.card_number.clone())
    );
    assert_eq!(account.balance, 50, "welcome bonus");
    assert_eq!(account.history[0].bonus, Some(BonusKind::Welcome));
    assert!(matches!(
        shop::join(&mut store, anna, &on(2026, 2, 1)),
        Err(Error::Loyalty(LoyaltyProblem::AlreadyMember))
    ));

    // 1 point per euro, rounded down: 249,99 € → 249 points.
    let purchase = buy(&mut store, anna, &on(2026, 2, 3), "249,99");
    let account = shop::account(&mut store, anna, &on(2026, 2, 3)).unwrap();
    assert_eq!(account.balance, 299);
    assert_eq!(account.history[0].kind, EntryKind::Earn);
    assert_eq!(account.history[0].purchase_id, Some(purchase.id));
    assert_eq!(account.history[0].balance_after, 299);
    assert_eq!(
        (account.tier.as_deref(), account.next_tier.as_deref()),
        (Some("Bronze"), Some("Silber"))
    );
    assert_eq!(account.missing, 500 - 299);

    // Without the identity check nothing is redeemed.
    let unchecked = RedeemInput {
        identity_confirmed: false,
        ..redeem_points("100")
    };
    let Err(Error::Validation(fields)) =
        shop::redeem(&mut store, anna, &unchecked, &on(2026, 2, 4))
    else {
        panic!("identity check")
    };
    assert_eq!(fields[0].field, Field::Identity);

    // Part of the balance.
    let account = shop::redeem(&mut store, anna, &redeem_points("120"), &on(2026, 2, 4)).unwrap();
    assert_eq!(account.balance, 179);
    assert_eq!(
        (account.history[0].kind, account.history[0].points),
        (EntryKind::Redeem, -120)
    );

    // More than the balance: a clear message, nothing written.
    let before = ledger_rows(&path, anna);
    let err = shop::redeem(&mut store, anna, &redeem_points("500"), &on(2026, 2, 4)).unwrap_err();
    let message = err.message(Lang::De);
    assert_eq!(
        err.problem(),
        LoyaltyProblem::NotEnoughPoints {
            balance: 179,
            wanted: 500
        }
    );
    assert_eq!(
        message,
        "Nicht genug Punkte: 500 verlangt, 179 vorhanden. Es wurde nichts gebucht."
    );
    assert_eq!(ledger_rows(&path, anna), before);
    assert_eq!(before, (3, 179));

    // Cancelling the purchase takes back what is left of its points (179 of 249).
    transactions::cancel(&mut store, purchase.id, &on(2026, 2, 5)).unwrap();
    let account = shop::account(&mut store, anna, &on(2026, 2, 5)).unwrap();
    assert_eq!(account.balance, 0);
    assert_eq!(
        (account.history[0].kind, account.history[0].points),
        (EntryKind::Reverse, -179)
    );
    assert!(matches!(
        transactions::cancel(&mut store, purchase.id, &on(2026, 2, 5)),
        Err(Error::NotFound { .. })
    ));
}

/// The ledger's rows of a customer (count and sum), read straight from the file.
fn ledger_rows(path: &std::path::Path, customer: CustomerId) -> (i64, i64) {
    Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*), coalesce(sum(points), 0) FROM loyalty_entries WHERE customer_id = ?1",
            [customer.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn the_database_refuses_to_change_or_delete_ledger_entries_or_go_below_zero() {
    let (_dir, path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    shop::join(&mut store, anna, &on(2026, 2, 1)).unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let refused = |sql: &str| conn.execute(sql, []).unwrap_err().to_string();
    assert!(refused("UPDATE loyalty_entries SET points = 5000").contains("cannot be changed"));
    assert!(refused("UPDATE loyalty_entries SET note = 'x'").contains("cannot be changed"));
    assert!(refused("DELETE FROM loyalty_entries").contains("cannot be deleted"));
    assert!(
        refused(
            "INSERT INTO loyalty_entries (customer_id, kind, on_date, points, created_at)
             VALUES (1, 'redeem', '2026-02-02', -51, '2026-02-02')"
        )
        .contains("below zero")
    );
    assert!(
        refused(
            "INSERT INTO loyalty_entries (customer_id, kind, on_date, points, created_at)
             VALUES (1, 'correct', '2026-02-02', 10, '2026-02-02')"
        )
        .contains("CHECK"),
        "a correction needs its reason"
    );
    let (count, sum): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(points) FROM loyalty_entries",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, sum), (1, 50));
}

#[test]
fn tiers_multiply_and_corrections_need_reason_and_employee() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    let sabine = employees::create(&mut store, "Sabine Krüger", &on(2024, 1, 1))
        .unwrap()
        .id;
    shop::join(&mut store, anna, &on(2026, 1, 5)).unwrap();
    buy(&mut store, anna, &on(2026, 1, 6), "500,00"); // Bronze: 500 points → 550 in 12 months
    buy(&mut store, anna, &on(2026, 1, 7), "100,00"); // Silber ×1.25: 125 points
    let account = shop::account(&mut store, anna, &on(2026, 1, 7)).unwrap();
    assert_eq!(account.balance, 50 + 500 + 125);
    assert_eq!(
        (account.tier.as_deref(), account.multiplier_percent),
        (Some("Silber"), 125)
    );

    let missing_reason = CorrectionInput {
        points: "-20".into(),
        reason: " ".into(),
        employee_id: None,
    };
    let Err(Error::Validation(fields)) =
        shop::correct(&mut store, anna, &missing_reason, &on(2026, 1, 8))
    else {
        panic!("refused")
    };
    let named: Vec<Field> = fields.iter().map(|f| f.field).collect();
    assert_eq!(named, vec![Field::Reason, Field::Employee]);
    let too_much = CorrectionInput {
        points: "-1000".into(),
        reason: "Doppelt gebucht".into(),
        employee_id: Some(sabine),
    };
    assert!(matches!(
        shop::correct(&mut store, anna, &too_much, &on(2026, 1, 8)),
        Err(Error::Loyalty(LoyaltyProblem::NotEnoughPoints {
            balance: 675,
            wanted: 1000
        }))
    ));
    let fix = CorrectionInput {
        points: "-25".into(),
        reason: "Doppelt gebucht".into(),
        employee_id: Some(sabine),
    };
    let account = shop::correct(&mut store, anna, &fix, &on(2026, 1, 8)).unwrap();
    let last = &account.history[0];
    assert_eq!(
        (last.kind, last.points, last.note.as_str()),
        (EntryKind::Correct, -25, "Doppelt gebucht")
    );
    assert_eq!(last.employee_name.as_deref(), Some("Sabine Krüger"));
    assert_eq!(account.balance, 650);
}

#[test]
fn rewards_with_stock_and_coupons_used_once() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    let ben = person(&mut store, "Ben", "Kurz", "Bonn", "", "");
    shop::join(&mut store, anna, &on(2026, 3, 1)).unwrap();
    buy(&mut store, anna, &on(2026, 3, 2), "400,00");
    let reward = shop::save_reward(
        &mut store,
        None,
        &RewardInput {
            name: "Einladung <Weinabend>".into(),
            kind: RewardKind::Event,
            points: "200".into(),
            stock: "1".into(),
            ..Default::default()
        },
        &on(2026, 3, 2),
    )
    .unwrap();
    let by_reward = RedeemInput {
        reward_id: Some(reward.id),
        identity_confirmed: true,
        ..Default::default()
    };
    let account = shop::redeem(&mut store, anna, &by_reward, &on(2026, 3, 3)).unwrap();
    assert_eq!(account.balance, 450 - 200);
    assert_eq!(
        account.history[0].reward_name.as_deref(),
        Some("Einladung <Weinabend>")
    );
    assert_eq!(
        shop::rewards(&store)
            .unwrap()
            .iter()
            .find(|r| r.id == reward.id)
            .unwrap()
            .stock,
        Some(0)
    );
    assert_eq!(
        shop::redeem(&mut store, anna, &by_reward, &on(2026, 3, 3))
            .unwrap_err()
            .problem(),
        LoyaltyProblem::RewardOutOfStock
    );
    // A name already in the catalogue is refused at the field.
    let Err(Error::Validation(fields)) = shop::save_reward(
        &mut store,
        None,
        &RewardInput {
            name: "einladung <weinabend>".into(),
            kind: RewardKind::Gift,
            points: "10".into(),
            ..Default::default()
        },
        &on(2026, 3, 3),
    ) else {
        panic!("name taken")
    };
    assert_eq!(fields[0].field, Field::Name);

    // A single-use coupon for Anna: once, by her only.
    let coupon = shop::issue_coupon(
        &mut store,
        &CouponInput {
            description: "10 € Willkommensgutschein".into(),
            customer_id: Some(anna),
            valid_until: "31.12.2026".into(),
            ..Default::default()
        },
        &on(2026, 3, 3),
    )
    .unwrap();
    assert_eq!(coupon.code.len(), 12);
    let typed = format!(
        "{}-{}-{}",
        &coupon.code[..4],
        &coupon.code[4..8],
        &coupon.code[8..]
    )
    .to_lowercase();
    assert_eq!(
        shop::redeem_coupon(&mut store, &typed, Some(ben), None, &on(2026, 3, 4))
            .unwrap_err()
            .problem(),
        LoyaltyProblem::CouponOfAnotherCustomer
    );
    let used = shop::redeem_coupon(&mut store, &typed, Some(anna), None, &on(2026, 3, 4)).unwrap();
    assert_eq!(used.used, 1);
    assert_eq!(
        shop::redeem_coupon(&mut store, &typed, Some(anna), None, &on(2026, 3, 5))
            .unwrap_err()
            .problem(),
        LoyaltyProblem::CouponUsedUp
    );
    // A campaign code for anyone, three times, then expired.
    let campaign = shop::issue_coupon(
        &mut store,
        &CouponInput {
            description: "Newsletter März".into(),
            max_uses: "3".into(),
            valid_until: "31.03.2026".into(),
            ..Default::default()
        },
        &on(2026, 3, 3),
    )
    .unwrap();
    for who in [Some(anna), Some(ben), None] {
        shop::redeem_coupon(&mut store, &campaign.code, who, None, &on(2026, 3, 10)).unwrap();
    }
    assert_eq!(
        shop::redeem_coupon(&mut store, &campaign.code, None, None, &on(2026, 3, 10))
            .unwrap_err()
            .problem(),
        LoyaltyProblem::CouponUsedUp
    );
    let late = shop::issue_coupon(
        &mut store,
        &CouponInput {
            description: "Kurz".into(),
            valid_until: "31.03.2026".into(),
            ..Default::default()
        },
        &on(2026, 3, 3),
    )
    .unwrap();
    assert_eq!(
        shop::redeem_coupon(&mut store, &late.code, None, None, &on(2026, 4, 1))
            .unwrap_err()
            .problem(),
        LoyaltyProblem::CouponExpired {
            until: day(2026, 3, 31)
        }
    );
    let Err(Error::Validation(fields)) =
        shop::redeem_coupon(&mut store, "XXXX-YYYY-ZZZZ", None, None, &on(2026, 4, 1))
    else {
        panic!("unknown code")
    };
    assert_eq!(fields[0].field, Field::Code);
}

#[test]
fn the_counter_finds_customers_by_card_phone_and_name_with_identity_hints() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = person(
        &mut store,
        "Anna",
        "Berg",
        "Köln",
        "14.03.1980",
        "0221 / 12 34 56",
    );
    let _other = person(&mut store, "Anton", "Bergmann", "Bonn", "", "0228 998877");
    let account = shop::join(&mut store, anna, &on(2026, 3, 1)).unwrap();
    let card = account.member.unwrap().card_number;

    let by_card = shop::lookup(&store, &cards::display(&card), 10).unwrap();
    assert_eq!(by_card.len(), 1);
    let hit = &by_card[0];
    assert_eq!((hit.customer_id, hit.matched_by), (anna, MatchedBy::Card));
    assert_eq!(
        (hit.name.as_str(), hit.city.as_str()),
        ("Anna Berg", "Köln")
    );
    assert_eq!((hit.birth_day, hit.birth_month), (Some(14), Some(3)));
    assert_eq!(hit.balance, 50);

    let by_phone = shop::lookup(&store, "0221 123456", 10).unwrap();
    assert_eq!(
        by_phone.iter().map(|h| h.customer_id).collect::<Vec<_>>(),
        vec![anna]
    );
    let by_name = shop::lookup(&store, "berg", 10).unwrap();
    assert_eq!(by_name.len(), 2, "Berg and Bergmann");
    // A mistyped card number finds nobody (the check digit).
    let mut typo = card.clone().into_bytes();
    typo[12] = if typo[12] == b'0' { b'1' } else { b'0' };
    assert!(
        shop::lookup(&store, &String::from_utf8(typo).unwrap(), 10)
            .unwrap()
            .is_empty()
    );

    let printed = shop::card(&store, anna).unwrap();
    assert_eq!(printed.name, "Anna Berg");
    assert_eq!(printed.card_display, cards::display(&card));
    assert!(printed.qr.path.starts_with("M4 4h7v1h-7z"));
}

#[test]
fn the_card_qr_code_decodes_back_to_the_number() {
    for number in [cards::card_number(1), cards::card_number(73_519)] {
        let (width, dark) = cards::qr_modules(&number);
        let scale = 6;
        let side = (width + 2 * cards::QUIET_ZONE) * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let inside = (cards::QUIET_ZONE..cards::QUIET_ZONE + width).contains(&mx)
                && (cards::QUIET_ZONE..cards::QUIET_ZONE + width).contains(&my);
            if inside && dark[(my - cards::QUIET_ZONE) * width + (mx - cards::QUIET_ZONE)] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, number);
    }
}

#[test]
fn upkeep_expires_old_points_and_gives_the_birthday_bonus_once() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "14.03.1980", "");
    shop::join(&mut store, anna, &on(2023, 6, 1)).unwrap(); // 50 in 2023
    // Ben spent his points of 2023 in 2024: nothing of them is left to expire.
    let ben = person(&mut store, "Ben", "Kurz", "Bonn", "", "");
    shop::join(&mut store, ben, &on(2023, 6, 1)).unwrap();
    buy(&mut store, ben, &on(2024, 2, 1), "80,00");
    shop::redeem(&mut store, ben, &redeem_points("60"), &on(2024, 3, 1)).unwrap();
    buy(&mut store, anna, &on(2024, 2, 1), "300,00"); // 300 in 2024
    // Points of 2023 last until 31 December 2025.
    let done = shop::upkeep(&mut store, &on(2025, 12, 31)).unwrap();
    assert_eq!(done.expired_accounts, 0);
    let done = shop::upkeep(&mut store, &on(2026, 1, 1)).unwrap();
    assert_eq!(done.expired_accounts, 1);
    let account = shop::account(&mut store, anna, &on(2026, 1, 1)).unwrap();
    assert_eq!(
        (account.history[0].kind, account.history[0].points),
        (EntryKind::Expire, -50)
    );
    let ben_account = shop::account(&mut store, ben, &on(2026, 1, 1)).unwrap();
    assert_eq!(ben_account.balance, 70, "the points of 2024 stay");
    assert_eq!(account.balance, 300);
    assert_eq!(
        (account.expiring_points, account.expiring_after),
        (300, Some(day(2026, 12, 31)))
    );
    // Again on the same day: nothing.
    assert_eq!(
        shop::upkeep(&mut store, &on(2026, 1, 1))
            .unwrap()
            .expired_accounts,
        0
    );

    // The birthday bonus on 14 March, once in the year (also when the app opens late).
    assert_eq!(
        shop::upkeep(&mut store, &on(2026, 3, 13))
            .unwrap()
            .birthday_bonuses,
        0
    );
    assert_eq!(
        shop::upkeep(&mut store, &on(2026, 3, 20))
            .unwrap()
            .birthday_bonuses,
        1
    );
    assert_eq!(
        shop::upkeep(&mut store, &on(2026, 3, 21))
            .unwrap()
            .birthday_bonuses,
        0
    );
    let account = shop::account(&mut store, anna, &on(2026, 3, 21)).unwrap();
    assert_eq!(account.history[0].bonus, Some(BonusKind::Birthday));
    assert_eq!(account.balance, 400);
}

#[test]
fn the_report_counts_per_month_and_draws_its_chart() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    let ben = person(&mut store, "Ben", "Kurz", "Bonn", "", "");
    shop::join(&mut store, anna, &on(2026, 9, 1)).unwrap();
    shop::join(&mut store, ben, &on(2026, 10, 1)).unwrap();
    buy(&mut store, anna, &on(2026, 10, 5), "200,00");
    shop::redeem(&mut store, anna, &redeem_points("150"), &on(2026, 11, 2)).unwrap();
    let report = shop::program_report(&store, day(2026, 11, 23), 3).unwrap();
    let months: Vec<(&str, i64, i64)> = report
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.issued, m.redeemed))
        .collect();
    assert_eq!(
        months,
        vec![("2026-09", 50, 0), ("2026-10", 250, 0), ("2026-11", 0, 150)]
    );
    assert_eq!((report.members, report.active_members), (2, 1));
    assert_eq!(report.outstanding, 150);
    assert_eq!(report.redemption_rate, Some(50.0));
    let svg = String::from_utf8(
        shop::report_chart(&store, day(2026, 11, 23), 3, Lang::De, ChartFormat::Svg).unwrap(),
    )
    .unwrap();
    roxmltree::Document::parse(&svg).unwrap();
    assert!(svg.contains("eingelöst") && svg.contains("11/26"));
    let Err(Error::Validation(fields)) = shop::program_report(&store, day(2026, 11, 23), 0) else {
        panic!("months")
    };
    assert_eq!(fields[0].field, Field::Month);
}

#[test]
fn merging_moves_points_and_card_and_undo_puts_them_back() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    let twin = person(&mut store, "Anna", "Berg", "Köln", "", "0221 55555");
    shop::join(&mut store, twin, &on(2026, 3, 1)).unwrap();
    buy(&mut store, twin, &on(2026, 3, 2), "80,00");
    let outcome = merges::merge(
        &mut store,
        &MergeInput {
            survivor: anna,
            merged: twin,
            take: vec![],
        },
        &on(2026, 3, 3),
    )
    .unwrap();
    let account = shop::account(&mut store, anna, &on(2026, 3, 3)).unwrap();
    assert_eq!(account.balance, 130);
    assert!(
        account.member.is_some(),
        "the survivor had no card and took the other one"
    );
    merges::undo(&mut store, outcome.merge.id, &on(2026, 3, 4)).unwrap();
    let account = shop::account(&mut store, anna, &on(2026, 3, 4)).unwrap();
    assert_eq!((account.balance, account.member.is_some()), (0, false));
    let twin_account = shop::account(&mut store, twin, &on(2026, 3, 4)).unwrap();
    assert_eq!(
        (twin_account.balance, twin_account.member.is_some()),
        (130, true)
    );
}

#[test]
fn settings_are_kept_and_checked() {
    let (_dir, _path, mut store) = common::file_store();
    assert_eq!(shop::settings(&store).unwrap(), ProgramSettings::default());
    let mut changed = ProgramSettings {
        points_per_euro: 2,
        welcome_bonus: 0,
        ..Default::default()
    };
    changed.tiers[2].name = "  Platin ".into();
    shop::save_settings(&mut store, &changed, &clock()).unwrap();
    let kept = shop::settings(&store).unwrap();
    assert_eq!(
        (kept.points_per_euro, kept.tiers[2].name.as_str()),
        (2, "Platin")
    );
    let bad = ProgramSettings {
        points_per_euro: 0,
        ..Default::default()
    };
    assert!(matches!(
        shop::save_settings(&mut store, &bad, &clock()),
        Err(Error::Validation(_))
    ));
    // No welcome bonus: a new member starts at zero.
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    let account = shop::join(&mut store, anna, &on(2026, 3, 1)).unwrap();
    assert_eq!((account.balance, account.history.len()), (0, 0));
}

/// The command line runs the same daily upkeep as the app (on the computer's clock):
/// points earned in 2020 have run out by now, and a second run on the day books nothing.
#[test]
fn the_cli_runs_the_daily_upkeep() {
    let (_dir, path, mut store) = common::file_store();
    let anna = person(&mut store, "Anna", "Berg", "Köln", "", "");
    shop::join(&mut store, anna, &on(2020, 6, 1)).unwrap();
    drop(store);
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
            .args(["--json", "--db"])
            .arg(&path)
            .args(["loyalty", "upkeep"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(run()["expiredAccounts"], 1);
    assert_eq!(run()["expiredAccounts"], 0);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store_balance(&store, anna),
        0,
        "the welcome bonus of 2020 expired"
    );
}

fn store_balance(store: &Store, customer: CustomerId) -> i64 {
    shop::lookup(store, "Berg", 5)
        .unwrap()
        .into_iter()
        .find(|h| h.customer_id == customer)
        .map(|h| h.balance)
        .unwrap()
}
