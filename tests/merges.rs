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
