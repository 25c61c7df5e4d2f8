//! Property tests of the loyalty ledger: random sequences of earn, bonus, redeem, expire,
//! correct and cancel over random days. After every step the balance is the sum of the
//! entries and never below zero; redeeming more than the balance is refused and leaves the
//! ledger as it was; expiry takes exactly the oldest points whose time ran out.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use stammkunde::loyalty::ledger::{EntryKind, ExpiryRule, Ledger, LedgerError};
use stammkunde::transactions::TransactionId;

#[derive(Debug, Clone)]
enum Op {
    Earn(i64),
    Bonus(i64),
    Redeem(i64),
    Expire,
    Correct(i64),
    Cancel(usize),
    Wait(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1i64..500).prop_map(Op::Earn),
        1 => (1i64..200).prop_map(Op::Bonus),
        3 => (1i64..800).prop_map(Op::Redeem),
        1 => Just(Op::Expire),
        1 => (-300i64..300).prop_map(Op::Correct),
        1 => (0usize..20).prop_map(Op::Cancel),
        3 => (0i64..400).prop_map(Op::Wait),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_balance_is_the_sum_never_negative_and_expiry_takes_the_oldest(
        ops in prop::collection::vec(op(), 1..80)
    ) {
        let rule = ExpiryRule { years: 2 };
        let mut day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let mut ledger = Ledger::default();
        let mut purchases: Vec<TransactionId> = Vec::new();
        for op in ops {
            let before = ledger.clone();
            match op {
                Op::Wait(days) => day += Duration::days(days),
                Op::Earn(points) => {
                    let id = TransactionId(purchases.len() as i64 + 1);
                    let e = ledger.add(EntryKind::Earn, day, points, Some(id), "").unwrap();
                    ledger.push(e);
                    purchases.push(id);
                }
                Op::Bonus(points) => {
                    let e = ledger.add(EntryKind::Bonus, day, points, None, "Geburtstag").unwrap();
                    ledger.push(e);
                }
                Op::Redeem(points) => match ledger.redeem(day, points, "", None) {
                    Ok(e) => {
                        prop_assert!(points <= before.balance());
                        ledger.push(e);
                    }
                    Err(LedgerError::NotEnough { balance, wanted }) => {
                        prop_assert_eq!((balance, wanted), (before.balance(), points));
                        prop_assert!(wanted > balance);
                        prop_assert_eq!(&ledger, &before);
                    }
                    Err(other) => prop_assert!(false, "unexpected {other:?}"),
                },
                Op::Expire => {
                    let lots = ledger.lots();
                    let ran_out: i64 = lots
                        .iter()
                        .filter(|(earned, _)| rule.last_day(*earned).unwrap() < day)
                        .map(|(_, p)| p)
                        .sum();
                    match ledger.expire(day, rule) {
                        Some(e) => {
                            prop_assert_eq!(-e.points, ran_out);
                            ledger.push(e);
                            // What is left is the newer points, untouched.
                            let left = ledger.lots();
                            prop_assert!(left
                                .iter()
                                .all(|(earned, _)| rule.last_day(*earned).unwrap() >= day));
                            let newer: Vec<_> = lots
                                .into_iter()
                                .filter(|(earned, _)| rule.last_day(*earned).unwrap() >= day)
                                .collect();
                            prop_assert_eq!(left, newer);
                        }
                        None => prop_assert_eq!(ran_out, 0),
                    }
                }
                Op::Correct(points) => match ledger.correct(day, points, "Korrektur", None) {
                    Ok(e) => ledger.push(e),
                    Err(LedgerError::NoReason) => prop_assert_eq!(points, 0),
                    Err(LedgerError::NotEnough { balance, .. }) => {
                        prop_assert!(balance + points < 0);
                        prop_assert_eq!(&ledger, &before);
                    }
                    Err(other) => prop_assert!(false, "unexpected {other:?}"),
                },
                Op::Cancel(i) => {
                    if let Some(&id) = purchases.get(i)
                        && let Ok(e) = ledger.reverse(day, id)
                    {
                        prop_assert!(-e.points <= before.balance());
                        ledger.push(e);
                    }
                }
            }
            let sum: i64 = ledger.entries().iter().map(|e| e.points).sum();
            prop_assert_eq!(ledger.balance(), sum);
            prop_assert!(ledger.balance() >= 0);
            let held: i64 = ledger.lots().iter().map(|(_, p)| p).sum();
            prop_assert_eq!(held, ledger.balance());
        }
    }
}
