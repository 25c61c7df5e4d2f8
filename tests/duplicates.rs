//! Duplicate detection against reference data nobody here wrote: the Kölner Phonetik
//! vectors of Apache commons-codec and the FEBRL dataset1 with its ground truth
//! (tests/fixtures/README.md says where they come from).

mod common;

use rphonetic::{Cologne, Encoder};
use stammkunde::duplicates::{self, Profile};
use stammkunde::soft_facts::PartialDate;
use std::collections::HashSet;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn koelner_phonetik_matches_the_reference_vectors() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/koelner_phonetik.txt")).unwrap();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (word, code) = line.rsplit_once(' ').unwrap();
        assert_eq!(Cologne.encode(word), code, "{word}");
        checked += 1;
    }
    assert_eq!(checked, 17);
}

/// FEBRL dataset1 as profiles (without `soc_sec_id`), and the entity of each record.
fn febrl() -> (Vec<Profile>, Vec<String>) {
    let text = std::fs::read_to_string(format!("{FIXTURES}/febrl/dataset1.csv")).unwrap();
    let mut profiles = Vec::new();
    let mut entities = Vec::new();
    for (index, line) in text.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(", ").map(str::trim).collect();
        assert_eq!(f.len(), 11, "line {}", index + 2);
        let dob = f[9];
        let birthday = (dob.len() == 8)
            .then(|| {
                let (y, m, d) = (&dob[0..4], &dob[4..6], &dob[6..8]);
                PartialDate::new(d.parse().ok()?, m.parse().ok()?, Some(y.parse().ok()?))
            })
            .flatten();
        profiles.push(Profile {
            id: index as i64,
            first_name: f[1].into(),
            last_name: f[2].into(),
            street: format!("{} {}", f[4], f[3]),
            postal_code: f[7].into(),
            city: f[6].into(),
            birthday,
            ..Profile::default()
        });
        // rec-N-org / rec-N-dup-k → N
        entities.push(f[0].split('-').nth(1).unwrap().to_string());
    }
    (profiles, entities)
}

#[test]
fn febrl_dataset1_is_deduplicated_with_recall_0_97_at_precision_0_99() {
    let (profiles, entities) = febrl();
    assert_eq!(profiles.len(), 1000);
    let mut truth: HashSet<(i64, i64)> = HashSet::new();
    for i in 0..profiles.len() {
        for j in i + 1..profiles.len() {
            if entities[i] == entities[j] {
                truth.insert((i as i64, j as i64));
            }
        }
    }
    assert_eq!(truth.len(), 500);

    let found = duplicates::find_all(&profiles);
    let predicted: HashSet<(i64, i64)> = found.iter().map(|m| (m.a, m.b)).collect();
    assert_eq!(predicted.len(), found.len(), "each pair is reported once");
    let true_positives = predicted.intersection(&truth).count() as f64;
    let precision = true_positives / predicted.len() as f64;
    let recall = true_positives / truth.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!(
        "FEBRL dataset1: {} pairs reported, {} true; precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}",
        predicted.len(),
        true_positives
    );
    assert!(
        recall >= 0.97 && precision >= 0.99,
        "precision {precision:.3}, recall {recall:.3} (F1 {f1:.3})"
    );
    assert!(
        found.iter().all(|m| !m.reasons.is_empty()),
        "every pair says why"
    );
}

/// A person at Hauptstr. 3 in Köln, as typed into the form.
fn person(first: &str, last: &str) -> stammkunde::customers::CustomerInput {
    stammkunde::customers::CustomerInput {
        first_name: first.into(),
        last_name: last.into(),
        street: "Hauptstr. 3".into(),
        postal_code: "50667".into(),
        city: "Köln".into(),
        ..Default::default()
    }
}

/// The warning while a new customer is typed keeps its index between calls and follows
/// every change to the profiles: a customer added, renamed and named back, moved to the
/// trash and restored, and one added through another connection to the same file (the
/// CLI beside the app).
#[test]
fn look_alikes_follow_every_change_between_calls() {
    use stammkunde::customers;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kunden.sqlite3");
    let mut store = stammkunde::Store::open(&path).unwrap();
    let clock = common::utc_in_berlin(2026, 12, 6, 10, 0);
    let typed = person("Hans", "Müller");
    let found = |store: &stammkunde::Store| -> Vec<(i64, String)> {
        duplicates::similar(store, &typed, None, 3)
            .unwrap()
            .into_iter()
            .map(|l| (l.customer.id.0, l.street))
            .collect()
    };
    assert!(found(&store).is_empty());
    let hans = customers::create(&mut store, &person("Hans", "Mueller"), &clock).unwrap();
    assert_eq!(found(&store), [(hans.id.0, "Hauptstr. 3".to_owned())]);
    let mut other = person("Otto", "Schmidt");
    other.street = "Ringstr. 9".into();
    other.postal_code = "80331".into();
    other.city = "München".into();
    customers::update(&mut store, hans.id, &other, &clock).unwrap();
    assert!(found(&store).is_empty());
    customers::update(&mut store, hans.id, &person("Hans", "Müller"), &clock).unwrap();
    assert_eq!(found(&store).len(), 1);
    customers::trash(&mut store, hans.id, &clock).unwrap();
    assert!(found(&store).is_empty());
    customers::restore(&mut store, hans.id, &clock).unwrap();
    assert_eq!(found(&store).len(), 1);
    // Another connection writes; this one's index still follows.
    let mut beside = stammkunde::Store::open(&path).unwrap();
    let twin = customers::create(&mut beside, &person("Hans", "Müller"), &clock).unwrap();
    let ids: Vec<i64> = found(&store).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), 2);
    assert!(
        ids.contains(&twin.id.0) && ids.contains(&hans.id.0),
        "{ids:?}"
    );
    // Editing a customer never finds that customer itself.
    let editing = duplicates::similar(&store, &typed, Some(hans.id), 3).unwrap();
    assert_eq!(editing.len(), 1);
    assert_eq!(editing[0].customer.id, twin.id);
}

/// The app makes the look-alike index at start on a second, read-only connection and
/// hands it to its store; what changed in between is taken in at the first look-up.
#[test]
fn an_index_made_beside_the_store_is_adopted_with_the_changes_since() {
    use stammkunde::customers::{self, CustomerInput};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kunden.sqlite3");
    let mut store = stammkunde::Store::open(&path).unwrap();
    let clock = common::utc_in_berlin(2026, 12, 6, 10, 0);
    let hans = customers::create(&mut store, &person("Hans", "Mueller"), &clock).unwrap();
    let reader = stammkunde::Store::open_for_reading(&path).unwrap();
    let made = reader.make_look_alikes().unwrap();
    // After the index was made: Hans moves away, Erika comes.
    let mut moved = person("Hans", "Mueller");
    moved.street = "Ringstr. 9".into();
    moved.postal_code = "80331".into();
    moved.city = "München".into();
    customers::update(&mut store, hans.id, &moved, &clock).unwrap();
    let erika = customers::create(&mut store, &person("Erika", "Schmidt"), &clock).unwrap();
    store.adopt_look_alikes(made);
    let ids = |typed: &CustomerInput| -> Vec<i64> {
        duplicates::similar(&store, typed, None, 3)
            .unwrap()
            .into_iter()
            .map(|l| l.customer.id.0)
            .collect()
    };
    assert_eq!(ids(&person("Erika", "Schmitt")), [erika.id.0]);
    assert_eq!(ids(&moved), [hans.id.0]);
    assert!(
        ids(&person("Hans", "Müller")).is_empty(),
        "no longer at the old address"
    );
}
