//! Privacy and access: the erasure leaves no byte of the person in the file or its log,
//! the access export covers every table about customers, consent decides advertising, and
//! the audit trail records each action and cannot be changed.

mod common;

use common::clock;
use rusqlite::Connection;
use stammkunde::care::agenda::Occasion;
use stammkunde::care::plan::PlanRuleInput;
use stammkunde::care::shop as care;
use stammkunde::customers::{self, CustomerFilter, CustomerId, CustomerInput};
use stammkunde::interactions::{self, Channel, InteractionInput};
use stammkunde::io::export::{self, ExportFormat};
use stammkunde::loyalty::shop::{self as loyalty, CorrectionInput};
use stammkunde::merges::{self, MergeInput, MergeProblem};
use stammkunde::privacy::access;
use stammkunde::privacy::audit::{self, AuditFilter};
use stammkunde::privacy::consent::{self, ConsentChannel, ConsentInput, ConsentSource};
use stammkunde::privacy::erase::{self, EraseInput};
use stammkunde::soft_facts::Labeled;
use stammkunde::store::privacy::PERSONAL_TABLES;
use stammkunde::surveys::SurveyId;
use stammkunde::surveys::answers::Answer;
use stammkunde::surveys::shop::{self as surveys, Respondent};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Error, Lang, Store, contacts, employees};

/// The distinctive words of the person to erase, as typed and as the search index keeps
/// them (lower case, digits of the phone without spaces).
const SECRETS: [&str; 8] = [
    "Zwackelmannowski",
    "Quirinella",
    "0171 9988776",
    "01719988776",
    "Lieblingsfarbe Aubergine-Quarz",
    "Philippa Quendelbrink",
    "Kopi-Luwak-Spezial",
    "quendelbrink",
];

fn secret_person() -> CustomerInput {
    CustomerInput {
        first_name: "Quirinella".into(),
        last_name: "Zwackelmannowski".into(),
        phone: "0171 9988776".into(),
        email: "quirinella@zwackelmannowski.example".into(),
        street: "Quarzgasse 7".into(),
        postal_code: "50667".into(),
        city: "Köln".into(),
        birthday: "14.03.1961".into(),
        notes: "Lieblingsfarbe Aubergine-Quarz".into(),
        partner_name: "Philippa Quendelbrink".into(),
        partner_birthday: "02.02.1960".into(),
        interests: vec!["Espresso".into()],
        preferences: vec![Labeled {
            label: "Kaffee".into(),
            value: "Kopi-Luwak-Spezial".into(),
        }],
        tags: vec!["Stammtisch".into()],
        ..Default::default()
    }
}

fn consent(channel: ConsentChannel, given: bool) -> ConsentInput {
    ConsentInput {
        channel,
        given,
        on: String::new(),
        source: ConsentSource::Paper,
        wording: "Ja, Newsletter per E-Mail (Zwackelmannowski-Formular).".into(),
    }
}

/// A customer with a bit of everything: purchases, a contact with a complaint, a contact
/// person, consents, loyalty points with a correction, a survey answer with text, and a
/// second record merged into it.
fn fill(store: &mut Store) -> CustomerId {
    let c = clock();
    let id = customers::create(store, &secret_person(), &c).unwrap().id;
    transactions::add(
        store,
        id,
        &TransactionInput {
            date: "01.10.2026".into(),
            amount: "89,90".into(),
            product: "Siebträger".into(),
            note: "Für Quirinella als Geschenk verpackt".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    interactions::add(
        store,
        id,
        &InteractionInput {
            at: "20.11.2026 10:00".into(),
            summary: "Frau Zwackelmannowski beschwert sich über die Mühle".into(),
            complaint: true,
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    contacts::add(
        store,
        id,
        &contacts::ContactInput {
            name: "Quirinella Zwackelmannowski junior".into(),
            phone: "0171 9988776".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    consent::record(store, id, &consent(ConsentChannel::Email, true), &c).unwrap();
    loyalty::join(store, id, &c).unwrap();
    let anna = employees::create(store, "Anna", &c).unwrap();
    loyalty::correct(
        store,
        id,
        &CorrectionInput {
            points: "+50".into(),
            reason: "Zwackelmannowski: Kulanz".into(),
            employee_id: Some(anna.id),
        },
        &c,
    )
    .unwrap();
    surveys::submit(
        store,
        SurveyId(1),
        Respondent {
            customer: Some(id),
            interaction: None,
            kiosk: true,
        },
        &[
            Answer::Score(9),
            Answer::Score(5),
            Answer::Score(4),
            Answer::Text("Grüße von Quirinella Zwackelmannowski".into()),
        ],
        true,
        &c,
    )
    .unwrap();
    // Typed in a second time, then merged.
    let twin = customers::create(
        store,
        &CustomerInput {
            first_name: "Quirinella".into(),
            last_name: "Zwackelmannowski".into(),
            phone: "01719988776".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    merges::merge(
        store,
        &MergeInput {
            survivor: id,
            merged: twin,
            take: Vec::new(),
        },
        &c,
    )
    .unwrap();
    id
}

fn bytes_lower(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path)
        .map(|b| b.to_ascii_lowercase())
        .unwrap_or_default()
}

fn find(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_lowercase().into_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_slice())
}

#[test]
fn an_erased_customer_is_nowhere_in_the_file_or_its_log() {
    let (_dir, path, mut store) = common::file_store();
    let id = fill(&mut store);
    // Another customer stays as they are.
    let other = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Bleibtreu".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap()
    .id;
    let wal = path.with_extension("sqlite3-wal");
    let before = [bytes_lower(&path), bytes_lower(&wal)].concat();
    assert!(
        SECRETS.iter().all(|s| find(&before, s)),
        "the test must see the secrets before"
    );

    // The typed name must match; nothing happens otherwise.
    let wrong = erase::erase(
        &mut store,
        id,
        &EraseInput {
            confirm_name: "Zwackelmann".into(),
            reason: "Antrag per Brief".into(),
        },
        &clock(),
    );
    let Err(Error::Validation(fields)) = wrong else {
        panic!("a wrong name erased: {wrong:?}");
    };
    assert_eq!(fields[0].field, stammkunde::error::Field::Confirmation);
    assert!(customers::get(&store, id).unwrap().erased_on.is_none());

    let erased = erase::erase(
        &mut store,
        id,
        &EraseInput {
            confirm_name: "  quirinella   ZWACKELMANNOWSKI ".into(),
            reason: "Antrag per Brief vom 20.11.".into(),
        },
        &clock(),
    )
    .unwrap();
    assert_eq!(erased.merged_records, 1);
    assert!(erased.scrubbed, "the log was emptied");

    for file in [&path, &wal] {
        let bytes = bytes_lower(file);
        for s in SECRETS {
            assert!(!find(&bytes, s), "{s:?} still in {}", file.display());
        }
    }
    // Still after the store is closed (the last checkpoint).
    drop(store);
    let bytes = [bytes_lower(&path), bytes_lower(&wal)].concat();
    for s in SECRETS {
        assert!(!find(&bytes, s), "{s:?} in the file after closing");
    }

    let mut store = Store::open(&path).unwrap();
    let tomb = customers::get(&store, id).unwrap();
    assert_eq!(tomb.erased_on, Some(clock().today()));
    assert_eq!((tomb.first_name.as_str(), tomb.notes.as_str()), ("", ""));
    // The purchase's figures stay for the accounts, its note went.
    let rows = store_rows(
        &path,
        "SELECT amount_cents, product, note FROM transactions",
    );
    assert_eq!(rows, vec!["8990|Siebträger|".to_owned()]);
    // The survey's scores stay, anonymous, without the text.
    let rows = store_rows(
        &path,
        "SELECT customer_id IS NULL, answers FROM survey_responses",
    );
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].starts_with("1|") && !rows[0].contains("Gr"),
        "{rows:?}"
    );
    // Nothing comes back: not from the trash, not by undoing the old merge, not edited.
    assert!(customers::trashed(&store, 100).unwrap().is_empty());
    assert!(customers::restore(&mut store, id, &clock()).is_err());
    let merge = merges::undo(&mut store, merges_of(&path)[0], &clock());
    assert!(
        matches!(merge, Err(Error::Merge(MergeProblem::Erased))),
        "{merge:?}"
    );
    assert!(
        consent::record(
            &mut store,
            id,
            &consent(ConsentChannel::Email, true),
            &clock()
        )
        .is_err()
    );
    // The record of the erasure: day and reason, and the audit entry.
    let rows = store_rows(&path, "SELECT erased_on, reason FROM erasures");
    assert_eq!(rows.len(), 2, "the customer and the record merged into it");
    assert!(
        rows.iter()
            .all(|r| r == "2026-11-22|Antrag per Brief vom 20.11.")
    );
    let entries = audit::list(
        &store,
        &AuditFilter {
            customer: Some(id),
            limit: 100,
            ..Default::default()
        },
        Lang::De,
    )
    .unwrap();
    assert_eq!(
        entries[0].action,
        stammkunde::privacy::AuditAction::CustomerErased
    );
    // The other customer is untouched and still found.
    assert_eq!(
        customers::get(&store, other).unwrap().last_name,
        "Bleibtreu"
    );
    let found = customers::search(&store, "Bleibtreu", 10).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(
        customers::search(&store, "Zwackelmannowski", 10)
            .unwrap()
            .total,
        0
    );
}

fn store_rows(path: &std::path::Path, sql: &str) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => String::new(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn merges_of(path: &std::path::Path) -> Vec<merges::MergeId> {
    store_rows(path, "SELECT id FROM merges")
        .iter()
        .map(|s| merges::MergeId(s.parse().unwrap()))
        .collect()
}

#[test]
fn the_access_export_covers_every_table_about_customers() {
    let (_dir, _path, mut store) = common::file_store();
    let id = fill(&mut store);
    // The schema's tables that refer to customers, found by their keys: a new one that is
    // not in the list fails here (and would be left out of the export and the erasure).
    let listed: Vec<&str> = {
        let mut t: Vec<&str> = PERSONAL_TABLES.iter().map(|t| t.table).collect();
        t.sort_unstable();
        t
    };
    assert_eq!(store.tables_about_customers().unwrap(), listed);

    let data = access::customer_data(&store, id, &clock()).unwrap();
    let tables: Vec<&str> = data.tables.iter().map(|t| t.table.as_str()).collect();
    assert_eq!(tables.len(), PERSONAL_TABLES.len());
    let rows = |name: &str| {
        data.tables
            .iter()
            .find(|t| t.table == name)
            .map(|t| t.rows.len())
            .unwrap()
    };
    for table in [
        "customers",
        "transactions",
        "interactions",
        "contacts",
        "consents",
        "loyalty_members",
        "loyalty_entries",
        "survey_responses",
        "merges",
        "audit_log",
        "customer_tags",
    ] {
        assert!(rows(table) > 0, "{table} is empty in the export");
    }
    let json = String::from_utf8(access::export_json(&mut store, id, &clock()).unwrap()).unwrap();
    for s in [
        "Zwackelmannowski",
        "Kopi-Luwak-Spezial",
        "Kulanz",
        "Siebträger",
    ] {
        assert!(json.contains(s), "{s} not in the JSON");
    }
    // Handing the data out is itself recorded.
    let entries = audit::list(
        &store,
        &AuditFilter {
            customer: Some(id),
            action: Some("dataExported".into()),
            limit: 10,
            ..Default::default()
        },
        Lang::De,
    )
    .unwrap();
    assert_eq!(entries.len(), 1);

    let pdf = access::export_pdf(&mut store, id, &clock(), Lang::De).unwrap();
    let text = pdf_text(&pdf);
    for s in [
        "Auskunft über gespeicherte Daten",
        "Zwackelmannowski",
        "Philippa Quendelbrink",
        "Einkäufe",
        "Punktekonto",
        "Einwilligungen",
        "Protokoll der Änderungen",
    ] {
        assert!(text.contains(s), "{s} not in the PDF:\n{text}");
    }
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by `make test`");
    assert!(out.status.success());
    // Lines of long paragraphs are wrapped; join them for the search.
    String::from_utf8(out.stdout).unwrap().replace('\n', " ")
}

#[test]
fn without_newsletter_consent_no_newsletter_and_no_marketing_export() {
    let c = clock();
    let mut store = common::store();
    let with = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Mitwillen".into(),
            email: "mit@example.com".into(),
            customer_since: "01.01.2025".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    let without = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Ohnewillen".into(),
            email: "ohne@example.com".into(),
            customer_since: "01.01.2025".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    consent::record(&mut store, with, &consent(ConsentChannel::Email, true), &c).unwrap();
    // A newsletter to everyone every 30 days.
    care::save_rule(
        &mut store,
        None,
        &PlanRuleInput {
            quadrant: None,
            abc: None,
            tag: String::new(),
            channel: Channel::Email,
            every_days: "30".into(),
            measure: None,
        },
        &c,
    )
    .unwrap();
    let newsletter_for = |store: &Store| -> Vec<CustomerId> {
        let mut ids: Vec<CustomerId> = care::agenda(store, 100, &c)
            .unwrap()
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i.occasion,
                    Occasion::Plan {
                        channel: Channel::Email,
                        ..
                    }
                )
            })
            .map(|i| i.customer)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(newsletter_for(&store), vec![with]);
    // The marketing export: only who may get e-mail advertising.
    let marketing = CustomerFilter {
        may_contact: Some(ConsentChannel::Email),
        ..Default::default()
    };
    let csv = export::export(
        &export::customers_for_export(&store, &marketing, c.today()).unwrap(),
        ExportFormat::Csv,
    )
    .unwrap();
    let csv = String::from_utf8_lossy(&csv);
    assert!(
        csv.contains("Mitwillen") && !csv.contains("Ohnewillen"),
        "{csv}"
    );
    // Withdrawn: off the agenda and out of the export, and the withdrawal is audited.
    consent::record(&mut store, with, &consent(ConsentChannel::Email, false), &c).unwrap();
    assert!(newsletter_for(&store).is_empty());
    assert!(
        export::customers_for_export(&store, &marketing, c.today())
            .unwrap()
            .is_empty()
    );
    let standing = consent::of_customer(&store, with).unwrap();
    assert_eq!(standing.history.len(), 2, "the history is kept");
    assert_eq!(standing.channels[0].given, Some(false));
    let entries = audit::list(
        &store,
        &AuditFilter {
            customer: Some(with),
            action: Some("consentChanged".into()),
            limit: 10,
            ..Default::default()
        },
        Lang::De,
    )
    .unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        entries[0].text,
        "Einwilligung widerrufen: E-Mail/Newsletter (Unterschriebenes Papier)"
    );
    let _ = without;
}

#[test]
fn each_action_leaves_its_audit_entry_and_the_trail_cannot_be_changed() {
    let (_dir, path, mut store) = common::file_store();
    let c = clock();
    let anna = employees::create(&mut store, "Anna Weber", &c).unwrap();
    store.set_actor(Some(anna.id));
    let id = fill(&mut store);
    let mut edit = customers::input_of(&customers::get(&store, id).unwrap());
    edit.city = "Bonn".into();
    edit.phone = "0228 1234".into();
    customers::update(&mut store, id, &edit, &c).unwrap();
    let merge = merges_of(&path)[0];
    // The fill merged a second record in; an undo is possible until the survivor changes,
    // so undo a fresh merge instead.
    let third = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Dreifach".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    let fourth = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Dreifach".into(),
            city: "Bonn".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    let fresh = merges::merge(
        &mut store,
        &MergeInput {
            survivor: third,
            merged: fourth,
            take: Vec::new(),
        },
        &c,
    )
    .unwrap();
    merges::undo(&mut store, fresh.merge.id, &c).unwrap();
    consent::record(&mut store, third, &consent(ConsentChannel::Phone, true), &c).unwrap();
    erase::erase(
        &mut store,
        id,
        &EraseInput {
            confirm_name: "Quirinella Zwackelmannowski".into(),
            reason: "Antrag".into(),
        },
        &c,
    )
    .unwrap();
    let all = audit::list(
        &store,
        &AuditFilter {
            limit: 500,
            ..Default::default()
        },
        Lang::De,
    )
    .unwrap();
    let kinds: Vec<&str> = all.iter().rev().map(|e| e.action.kind()).collect();
    for kind in [
        "customerCreated",
        "consentChanged",
        "pointsCorrected",
        "merged",
        "customerChanged",
        "mergeUndone",
        "customerErased",
    ] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }
    let changed = all
        .iter()
        .find(|e| e.action.kind() == "customerChanged")
        .unwrap();
    assert_eq!(changed.text, "Kunde geändert: city, phone");
    assert_eq!(changed.employee_name.as_deref(), Some("Anna Weber"));
    assert!(all.iter().any(|e| e.action
        == stammkunde::privacy::AuditAction::Merged {
            merge: merge.0,
            merged: id.0 + 1
        }));
    // Filters: by employee, by day.
    let by_day = audit::list(
        &store,
        &AuditFilter {
            from: "22.11.2026".into(),
            to: "22.11.2026".into(),
            limit: 500,
            ..Default::default()
        },
        Lang::De,
    )
    .unwrap();
    assert_eq!(by_day.len(), all.len());
    let none = audit::list(
        &store,
        &AuditFilter {
            from: "23.11.2026".into(),
            limit: 500,
            ..Default::default()
        },
        Lang::De,
    )
    .unwrap();
    assert!(none.is_empty());
    // The database itself refuses to change or remove an entry.
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let update = conn.execute("UPDATE audit_log SET action = 'x' WHERE id = 1", []);
    assert!(
        update
            .unwrap_err()
            .to_string()
            .contains("audit entries cannot be changed")
    );
    let delete = conn.execute("DELETE FROM audit_log", []);
    assert!(
        delete
            .unwrap_err()
            .to_string()
            .contains("audit entries cannot be deleted")
    );
    let consents = conn.execute("UPDATE consents SET given = 0", []);
    assert!(consents.is_err(), "the consent history is append-only too");
    assert!(conn.execute("DELETE FROM consents", []).is_err());
}

#[test]
fn a_contact_and_a_correction_record_who_works_the_app() {
    let c = clock();
    let mut store = common::store();
    let anna = employees::create(&mut store, "Anna Weber", &c).unwrap();
    let id = customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Kern".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap()
    .id;
    stammkunde::privacy::lock::choose(&mut store, Some(anna.id), &c).unwrap();
    let call = interactions::add(
        &mut store,
        id,
        &InteractionInput {
            at: "22.11.2026 09:30".into(),
            summary: "Angerufen".into(),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    assert_eq!(call.employee_id, Some(anna.id));
    loyalty::join(&mut store, id, &c).unwrap();
    // No employee named in the form: the one who works the app.
    loyalty::correct(
        &mut store,
        id,
        &CorrectionInput {
            points: "+10".into(),
            reason: "Kulanz".into(),
            employee_id: None,
        },
        &c,
    )
    .unwrap();
    let account = loyalty::account_read(&store, id, c.today()).unwrap();
    assert!(
        account
            .history
            .iter()
            .any(|e| e.employee_name.as_deref() == Some("Anna Weber"))
    );
}

#[test]
fn the_cli_records_consent_hands_out_the_data_erases_and_shows_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let number = {
        let mut store = Store::open(&db).unwrap();
        let id = customers::create(&mut store, &secret_person(), &clock())
            .unwrap()
            .id;
        customers::get(&store, id).unwrap().number
    };
    let cli = |args: &[&str], stdin: &str| {
        use std::io::Write as _;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
            .arg("--db")
            .arg(&db)
            .args(["--lang", "de"])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let given = cli(
        &[
            "customers",
            "consent",
            &number,
            "email",
            "given",
            "--source",
            "kiosk",
        ],
        "",
    );
    assert!(given.status.success(), "{given:?}");
    assert!(String::from_utf8_lossy(&given.stdout).contains("E-Mail/Newsletter\tWerbung erlaubt"));
    let json = dir.path().join("Auskunft.json");
    let pdf = dir.path().join("Auskunft.pdf");
    for out in [&json, &pdf] {
        let run = cli(&["customers", "data", &number, out.to_str().unwrap()], "");
        assert!(run.status.success(), "{run:?}");
    }
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        data["tables"][0]["rows"][0]["last_name"],
        "Zwackelmannowski"
    );
    assert!(pdf_text(&std::fs::read(&pdf).unwrap()).contains("Kopi-Luwak-Spezial"));
    // Without --yes the name must be typed; a wrong one erases nothing.
    let wrong = cli(&["customers", "erase", &number], "Zwackelmann\n");
    assert_eq!(wrong.status.code(), Some(2), "{wrong:?}");
    let typed = cli(
        &["customers", "erase", &number],
        "Quirinella Zwackelmannowski\n",
    );
    assert!(typed.status.success(), "{typed:?}");
    let trail = cli(&["audit", "--customer", &number], "");
    let trail = String::from_utf8_lossy(&trail.stdout).into_owned();
    let lines: Vec<&str> = trail.lines().collect();
    assert!(lines[0].ends_with("Auf Wunsch gelöscht"), "{trail}");
    assert!(trail.contains("Einwilligung erteilt: E-Mail/Newsletter (Umfrage-Kiosk)"));
    assert!(trail.contains("Auskunft erteilt (PDF)"));
    assert!(
        !trail.contains("Zwackelmannowski"),
        "the trail names no one: {trail}"
    );
}

#[test]
fn the_lock_opens_only_with_the_right_pin_and_pauses_after_five_wrong_ones() {
    use stammkunde::privacy::PrivacyProblem;
    use stammkunde::privacy::lock::{self, LockGuard};
    let c = clock();
    let mut store = common::store();
    let anna = employees::create(&mut store, "Anna Weber", &c).unwrap();
    let ben = employees::create(&mut store, "Ben Kurz", &c).unwrap();
    assert!(!lock::enabled(&store).unwrap(), "nobody has a PIN yet");
    // Too short, or one character repeated: refused by field.
    for bad in ["471", "1111"] {
        let Err(Error::Validation(fields)) = lock::set_pin(&mut store, anna.id, Some(bad), &c)
        else {
            panic!("{bad} was accepted");
        };
        assert_eq!(fields[0].field, stammkunde::error::Field::Pin);
    }
    lock::set_pin(&mut store, anna.id, Some("4711"), &c).unwrap();
    assert!(lock::enabled(&store).unwrap());
    // Choosing Anna without the lock screen is refused; Ben (no PIN) may be chosen.
    assert!(matches!(
        lock::choose(&mut store, Some(anna.id), &c),
        Err(Error::Privacy(PrivacyProblem::PinNeeded))
    ));
    lock::choose(&mut store, Some(ben.id), &c).unwrap();
    assert_eq!(store.actor(), Some(ben.id));

    let mut guard = LockGuard::default();
    for left in [4, 3, 2, 1] {
        let wrong = guard.unlock(&mut store, anna.id, "0000", &c);
        assert!(
            matches!(wrong, Err(Error::Privacy(PrivacyProblem::WrongPin { left: l })) if l == left),
            "{wrong:?}"
        );
    }
    let fifth = guard.unlock(&mut store, anna.id, "0000", &c);
    assert!(matches!(
        fifth,
        Err(Error::Privacy(PrivacyProblem::Paused { seconds: 60 }))
    ));
    // While paused even the right PIN is not looked at.
    let later = c.advanced(chrono::TimeDelta::seconds(30));
    assert!(matches!(
        guard.unlock(&mut store, anna.id, "4711", &later),
        Err(Error::Privacy(PrivacyProblem::Paused { seconds: 30 }))
    ));
    assert_eq!(store.actor(), Some(ben.id), "still the one before");
    let after = c.advanced(chrono::TimeDelta::seconds(61));
    guard.unlock(&mut store, anna.id, "4711", &after).unwrap();
    assert_eq!(store.actor(), Some(anna.id));
    let trail = audit::list(
        &store,
        &AuditFilter {
            limit: 50,
            ..Default::default()
        },
        Lang::En,
    )
    .unwrap();
    let kinds: Vec<&str> = trail.iter().map(|e| e.action.kind()).collect();
    assert_eq!(
        kinds,
        vec!["signedIn", "lockPaused", "signedIn", "pinChanged"],
        "{trail:?}"
    );
    assert_eq!(trail[0].employee_name.as_deref(), Some("Anna Weber"));
    // The PIN itself is nowhere: only its Argon2id hash.
    let people = lock::people(&store).unwrap();
    assert!(people.iter().any(|p| p.name == "Anna Weber" && p.has_pin));
}
