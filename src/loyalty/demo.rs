//! The demo shop's loyalty program, booked with the same ledger rules as the counter.

use super::cards;
use super::ledger::{Entry, EntryKind, Ledger};
use super::program::points_last_12_months;
use super::shop::{UPKEEP_KEY, settings};
use super::{BonusKind, Member, NewEntry};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

/// Months before `today` the demo shop's program started.
const DEMO_PROGRAM_MONTHS: u32 = 40;

/// The demo shop's program: two of three active customers who bought since the program
/// started have a card (joined at their first purchase since), earned points for every
/// purchase since with their tier's multiplier, got welcome and birthday bonuses, spent
/// points now and then (a reward or part of the balance) and lost points that ran out of
/// time. Deterministic for a seed; booked with the same ledger rules as the counter.
pub fn load_demo_program(
    store: &mut Store,
    seed: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u32> {
    use rand::{Rng, SeedableRng};
    let settings = settings(store)?;
    let start = today
        .checked_sub_months(Months::new(DEMO_PROGRAM_MONTHS))
        .unwrap_or(today);
    let rows = store.demo_purchases(start)?;
    let reward = store.rewards()?.into_iter().find(|r| r.points == 500);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x10_7a17);
    let mut members = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let customer = rows[i].0;
        let end = rows[i..]
            .iter()
            .position(|r| r.0 != customer)
            .map_or(rows.len(), |n| i + n);
        let purchases = &rows[i..end];
        i = end;
        if customer.0 % 3 == 0 {
            continue;
        }
        let joined = purchases[0].2;
        let (birth_month, birth_day) = (purchases[0].5, purchases[0].6);
        let member = Member {
            customer_id: customer,
            card_number: cards::card_number(members.len() as u64 + 1),
            joined_on: joined,
        };
        let mut ledger = Ledger::default();
        let mut entries = Vec::new();
        let mut book = |ledger: &mut Ledger, new: NewEntry| {
            ledger.push(new.entry.clone());
            entries.push(new);
        };
        let bonus = |on, points: u32, kind| NewEntry {
            entry: Entry {
                kind: EntryKind::Bonus,
                on,
                points: i64::from(points),
                purchase: None,
                note: String::new(),
                employee: None,
            },
            bonus: Some(kind),
            reward: None,
        };
        if settings.welcome_bonus > 0 {
            book(
                &mut ledger,
                bonus(joined, settings.welcome_bonus, BonusKind::Welcome),
            );
        }
        // Events in date order: purchases and the birthdays after joining.
        let mut birthdays: Vec<NaiveDate> = match (birth_month, birth_day) {
            (Some(m), Some(d)) if settings.birthday_bonus > 0 => (joined.year()..=today.year())
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .filter(|b| *b > joined && *b <= today)
                .collect(),
            _ => Vec::new(),
        };
        birthdays.reverse();
        for (_, purchase, on, paid, product, _, _) in purchases {
            while birthdays.last().is_some_and(|b| b <= on) {
                let b = birthdays.pop().unwrap_or(*on);
                if let Some(expired) = ledger.expire(b, settings.expiry) {
                    book(&mut ledger, NewEntry::plain(expired));
                }
                book(
                    &mut ledger,
                    bonus(b, settings.birthday_bonus, BonusKind::Birthday),
                );
            }
            if let Some(expired) = ledger.expire(*on, settings.expiry) {
                book(&mut ledger, NewEntry::plain(expired));
            }
            let measure = points_last_12_months(ledger.entries(), *on);
            let points = settings.points_for(*paid, settings.tier(measure));
            if let Ok(mut earn) = ledger.add(EntryKind::Earn, *on, points, None, product) {
                earn.purchase = Some(*purchase);
                book(&mut ledger, NewEntry::plain(earn));
            }
            // Now and then the customer spends points at the till.
            let balance = ledger.balance();
            if balance >= 600 && rng.random_bool(0.3) {
                let (points, reward_id) = match &reward {
                    Some(r) if rng.random_bool(0.5) => (r.points, Some(r.id)),
                    _ => ((balance / 2 / 100) * 100, None),
                };
                if let Ok(entry) = ledger.redeem(*on, points, "", None) {
                    book(
                        &mut ledger,
                        NewEntry {
                            entry,
                            bonus: None,
                            reward: reward_id,
                        },
                    );
                }
            }
        }
        for b in birthdays.into_iter().rev() {
            book(
                &mut ledger,
                bonus(b, settings.birthday_bonus, BonusKind::Birthday),
            );
        }
        if let Some(expired) = ledger.expire(today, settings.expiry) {
            book(&mut ledger, NewEntry::plain(expired));
        }
        members.push((member, entries));
    }
    let count = members.len() as u32;
    store.insert_demo_loyalty(&members, now)?;
    store.set_setting(UPKEEP_KEY, Some(&today.to_string()))?;
    Ok(count)
}
