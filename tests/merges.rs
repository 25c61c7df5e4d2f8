//! Merging duplicates: rows move to the survivor, the other record goes to the trash, and
//! an undo restores the database exactly (compared as full dumps of every table).

use chrono::Duration;
use common::clock;
use rusqlite::Connection;
use stammkunde::contacts::{self, ContactInput};
use stammkunde::customers::{self, CustomerId, CustomerInput};
use stammkunde::duplicates;
use stammkunde::interactions::{self, InteractionInput};
use stammkunde::merges::MergeProblem;
use stammkunde::merges::{self, MergeField, MergeInput};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Error, Store};
use std::path::Path;

mod common;

fn hans(last: &str, email: &str, tags: &[&str]) -> CustomerInput {
    CustomerInput {
        first_name: "Hans".into(),
        last_name: last.into(),
        street: "Hauptstr. 3".into(),
        postal_code: "50667".into(),
        city: "Köln".into(),
        email: email.into(),
        birthday: "14.03.1961".into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

/// Every row of every table that a merge touches, as text, in a fixed order.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for table in [
        "customers",
        "customer_tags",
        "transactions",
        "interactions",
        "contacts",
    ] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = statement.column_count();
        let rows = statement
            .query_map([], |row| {
                let mut line = format!("{table}:");
                for i in 0..columns {
                    let value: rusqlite::types::Value = row.get(i)?;
                    line.push_str(&format!(" {value:?}"));
                }
                Ok(line)
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

struct Shop {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    a: CustomerId,
    b: CustomerId,
}

fn shop() -> Shop {
    let (dir, path, mut store) = common::file_store();
    let a = customers::create(&mut store, &hans("Müller", "", &["VIP"]), &clock())
        .unwrap()
        .id;
    let b = customers::create(
        &mut store,
        &hans("Mueller", "hans@example.de", &["Newsletter"]),
        &clock(),
    )
    .unwrap()
    .id;
    for (customer, amount) in [(a, "120,00"), (b, "49,90"), (b, "15,00")] {
        let input = TransactionInput {
            date: "10.11.2026".into(),
            amount: amount.into(),
            ..Default::default()
        };
        transactions::add(&mut store, customer, &input, &clock()).unwrap();
    }
    let call = InteractionInput {
        at: "20.11.2026 10:00".into(),
        summary: "Nach dem Fahrrad gefragt".into(),
        ..Default::default()
    };
    interactions::add(&mut store, b, &call, &clock()).unwrap();
    let contact = ContactInput {
        name: "Erika Müller".into(),
        role: "Ehefrau".into(),
        ..Default::default()
    };
    contacts::add(&mut store, b, &contact, &clock()).unwrap();
    Shop {
        _dir: dir,
        path,
        store,
        a,
        b,
    }
}

#[test]
fn the_finder_offers_the_pair_and_merge_then_undo_restores_everything() {
    let mut shop = shop();
    let found = duplicates::find(&shop.store, 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].first.id, found[0].second.id), (shop.a, shop.b));
    assert!(found[0].reasons.contains(&duplicates::Reason::SameBirthday));

    let before = dump(&shop.path);
    // The survivor keeps its name and takes the e-mail it lacked; tags are united.
    let a = customers::get(&shop.store, shop.a).unwrap();
    let b = customers::get(&shop.store, shop.b).unwrap();
    let take = merges::proposal(&a, &b);
    assert_eq!(take, vec![MergeField::Email]);
    let later = clock().advanced(Duration::minutes(5));
    let outcome = merges::merge(
        &mut shop.store,
        &MergeInput {
            survivor: shop.a,
            merged: shop.b,
            take,
        },
        &later,
    )
    .unwrap();
    assert_eq!(outcome.survivor.last_name, "Müller");
    assert_eq!(outcome.survivor.email, "hans@example.de");
    assert_eq!(outcome.survivor.tags, vec!["Newsletter", "VIP"]);
    assert_eq!(
        (
            outcome.merge.moved_purchases,
            outcome.merge.moved_interactions,
            outcome.merge.moved_contacts
        ),
        (2, 1, 1)
    );
    let merged = customers::get(&shop.store, shop.b).unwrap();
    assert!(
        merged.trashed_at.is_some(),
        "the merged record is in the trash"
    );
    let timeline = stammkunde::timeline::page(&shop.store, shop.a, None, 50).unwrap();
    assert_eq!(
        timeline.entries.len(),
        4,
        "three purchases and the call on the survivor"
    );
    assert!(duplicates::find(&shop.store, 10).unwrap().is_empty());
    let hits = customers::search(&shop.store, "hans@example", 10).unwrap();
    assert_eq!(
        hits.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![shop.a]
    );
    assert_ne!(dump(&shop.path), before);

    let undone = merges::undo(&mut shop.store, outcome.merge.id, &later).unwrap();
    assert!(undone.undone_at.is_some());
    assert_eq!(
        dump(&shop.path),
        before,
        "the undo restores every row exactly"
    );
    let hits = customers::search(&shop.store, "hans@example", 10).unwrap();
    assert_eq!(
        hits.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![shop.b]
    );

    let again = merges::undo(&mut shop.store, outcome.merge.id, &later);
    assert!(matches!(
        again,
        Err(Error::Merge(MergeProblem::AlreadyUndone))
    ));
}

#[test]
fn an_undo_after_the_survivor_was_edited_is_refused() {
    let mut shop = shop();
    let input = MergeInput {
        survivor: shop.a,
        merged: shop.b,
        take: vec![],
    };
    let outcome = merges::merge(&mut shop.store, &input, &clock()).unwrap();
    let mut edited = hans("Müller", "", &["VIP"]);
    edited.notes = "Neue Notiz".into();
    customers::update(
        &mut shop.store,
        shop.a,
        &edited,
        &clock().advanced(Duration::hours(1)),
    )
    .unwrap();
    let before = dump(&shop.path);
    let refused = merges::undo(
        &mut shop.store,
        outcome.merge.id,
        &clock().advanced(Duration::hours(2)),
    );
    assert!(matches!(
        refused,
        Err(Error::Merge(MergeProblem::ChangedSince))
    ));
    assert_eq!(dump(&shop.path), before, "nothing written");
}

#[test]
fn invalid_merges_write_nothing() {
    let mut shop = shop();
    let before = dump(&shop.path);
    let same = MergeInput {
        survivor: shop.a,
        merged: shop.a,
        take: vec![],
    };
    assert!(matches!(
        merges::merge(&mut shop.store, &same, &clock()),
        Err(Error::Merge(MergeProblem::SameCustomer))
    ));
    let unknown = MergeInput {
        survivor: shop.a,
        merged: CustomerId(999),
        take: vec![],
    };
    assert!(matches!(
        merges::merge(&mut shop.store, &unknown, &clock()),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(dump(&shop.path), before);
    // A customer in the trash is not merged.
    customers::trash(&mut shop.store, shop.b, &clock()).unwrap();
    let before = dump(&shop.path);
    let trashed = MergeInput {
        survivor: shop.a,
        merged: shop.b,
        take: vec![],
    };
    assert!(matches!(
        merges::merge(&mut shop.store, &trashed, &clock()),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(dump(&shop.path), before);
}

#[test]
fn the_merged_number_can_be_taken_over_and_comes_back_on_undo() {
    let mut shop = shop();
    let b_number = customers::get(&shop.store, shop.b).unwrap().number;
    let outcome = merges::merge(
        &mut shop.store,
        &MergeInput {
            survivor: shop.a,
            merged: shop.b,
            take: vec![MergeField::Number],
        },
        &clock(),
    )
    .unwrap();
    assert_eq!(outcome.survivor.number, b_number);
    merges::undo(&mut shop.store, outcome.merge.id, &clock()).unwrap();
    assert_eq!(
        customers::get(&shop.store, shop.b).unwrap().number,
        b_number
    );
}

/// Rows of a customer in every table a merge moves (written with SQL: some of them come
/// from long workflows), to see each one follow the merge and come back on undo.
#[test]
fn a_merge_moves_every_row_about_the_customer_and_undo_puts_each_back() {
    use stammkunde::store::privacy::{MergeRule, PERSONAL_TABLES};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let c = clock();
    let a = customers::create(&mut store, &hans("Müller", "", &[]), &c).unwrap();
    let b = customers::create(&mut store, &hans("Mueller", "hm@example.de", &[]), &c).unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO transactions (customer_id, date, amount_cents, created_at)
             VALUES ({b}, '2026-11-01', 1000, '2026-01-01 00:00:00+00:00');
         INSERT INTO interactions (customer_id, at, channel, direction, summary, created_at)
             VALUES ({b}, '2026-11-02T10:00', 'phone', 'outbound', 'Anruf', '2026-01-01 00:00:00+00:00');
         INSERT INTO contacts (customer_id, name, created_at, updated_at)
             VALUES ({b}, 'Frau Kern', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');
         INSERT INTO consents (customer_id, channel, given, on_date, source, created_at)
             VALUES ({b}, 'email', 1, '2026-11-01', 'paper', '2026-01-01 00:00:00+00:00');
         INSERT INTO survey_responses (template_id, customer_id, source, complete, answered_on,
             answers, created_at) VALUES (1, {b}, 'kiosk', 1, '2026-11-01', '[]', '2026-01-01 00:00:00+00:00');
         INSERT INTO customer_losses (customer_id, lost_on, created_at)
             VALUES ({b}, '2026-10-01', '2026-01-01 00:00:00+00:00');
         INSERT INTO customer_potentials (customer_id, extra_cents, updated_at)
             VALUES ({b}, 5000, '2026-01-01 00:00:00+00:00');
         INSERT INTO score_indicators (name, weight, created_at) VALUES ('Treue', 1, '2026-01-01 00:00:00+00:00');
         INSERT INTO customer_indicator_values (customer_id, indicator_id, value)
             VALUES ({b}, 1, 4);
         INSERT INTO agenda_marks (key, customer_id, done_on, updated_at)
             VALUES ('plan:{b}:1:2026-11-01', {b}, '2026-11-01', '2026-01-01 00:00:00+00:00');
         INSERT INTO loyalty_members (customer_id, card_number, joined_on, created_at)
             VALUES ({b}, '2900000000017', '2026-01-01', '2026-01-01 00:00:00+00:00');
         INSERT INTO loyalty_entries (customer_id, kind, on_date, points, bonus, created_at)
             VALUES ({b}, 'bonus', '2026-01-01', 50, 'welcome', '2026-01-01 00:00:00+00:00');
         INSERT INTO coupons (code, customer_id, description, issued_on, created_at)
             VALUES ('ABCDEFGHJKMN', {b}, 'Gutschein', '2026-11-01', '2026-01-01 00:00:00+00:00');
         INSERT INTO coupon_uses (coupon_id, customer_id, used_on, created_at)
             VALUES (1, {b}, '2026-11-02', '2026-01-01 00:00:00+00:00');
         INSERT INTO next_steps (customer_id, measure_id, measure_name, channel, quadrant,
             phase, action, at, created_at)
             VALUES ({b}, 2, 'Anruf', 'phone', 'top', 'atRisk', 'done', '2026-11-02T10:00',
             '2026-01-01 00:00:00+00:00');",
        b = b.id.0
    ))
    .unwrap();
    let count = |table: &str, id: CustomerId| -> i64 {
        conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE customer_id = ?1"),
            [id.0],
            |r| r.get(0),
        )
        .unwrap()
    };
    let moving: Vec<&str> = PERSONAL_TABLES
        .iter()
        .filter(|t| {
            matches!(
                t.merge,
                MergeRule::Move | MergeRule::MoveSingle | MergeRule::Marks | MergeRule::Card
            )
        })
        .map(|t| t.table)
        .collect();
    let before: Vec<(i64, i64)> = moving
        .iter()
        .map(|t| (count(t, a.id), count(t, b.id)))
        .collect();
    for (table, (_, of_b)) in moving.iter().zip(&before) {
        assert_eq!(
            *of_b, 1,
            "the test must give the merged customer a row in {table}"
        );
    }

    let mut store = Store::open(&path).unwrap();
    let done = merges::merge(
        &mut store,
        &MergeInput {
            survivor: a.id,
            merged: b.id,
            take: Vec::new(),
        },
        &c,
    )
    .unwrap();
    for table in &moving {
        assert_eq!(
            count(table, b.id),
            0,
            "{table} kept a row of the merged record"
        );
        assert_eq!(
            count(table, a.id),
            1,
            "{table} did not move to the survivor"
        );
    }
    let key: String = conn
        .query_row("SELECT key FROM agenda_marks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(key, format!("plan:{}:1:2026-11-01", a.id.0));
    assert_eq!(done.merge.moved_purchases, 1);
    assert_eq!(done.merge.moved_interactions, 1);

    merges::undo(&mut store, done.merge.id, &c).unwrap();
    let after: Vec<(i64, i64)> = moving
        .iter()
        .map(|t| (count(t, a.id), count(t, b.id)))
        .collect();
    assert_eq!(after, before, "undo puts every row back: {moving:?}");
    let key: String = conn
        .query_row("SELECT key FROM agenda_marks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(key, format!("plan:{}:1:2026-11-01", b.id.0));
}
