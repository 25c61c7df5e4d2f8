//! Duplicate detection against reference data nobody here wrote: the Kölner Phonetik
//! vectors of Apache commons-codec and the FEBRL dataset1 with its ground truth
//! (tests/fixtures/README.md says where they come from).

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
fn febrl_dataset1_is_deduplicated_with_f1_of_at_least_0_95() {
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
        f1 >= 0.95,
        "F1 {f1:.3} (precision {precision:.3}, recall {recall:.3})"
    );
    assert!(
        found.iter().all(|m| !m.reasons.is_empty()),
        "every pair says why"
    );
}
