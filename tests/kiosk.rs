//! The kiosk, the survey editor, comments, CSV, the timeline and complaints on a real
//! database file: the PIN is stored only as a hash and guesses are slowed down; a run
//! shows nothing but the questions and the first name; half answered surveys are kept or
//! dropped as set; a template with answers keeps its questions; a kiosk comment becomes a
//! complaint with a workflow, shown open on the customer until solved.

use common::{day, on};
use rusqlite::Connection;
use stammkunde::Clock;
use stammkunde::charts::ChartFormat;
use stammkunde::complaints::{self, ComplaintInput, ComplaintStatus};
use stammkunde::customers::{self, CustomerId, CustomerInput, CustomerKind};
use stammkunde::employees;
use stammkunde::error::{Field, Issue};
use stammkunde::surveys::answers::Answer;
use stammkunde::surveys::kiosk::{self, KioskSettingsInput, PinGuard};
use stammkunde::surveys::shop;
use stammkunde::surveys::template::{Question, QuestionKind, Template, Text};
use stammkunde::surveys::{SurveyId, SurveyProblem};
use stammkunde::timeline::{self, TimelineEntry};
use stammkunde::{Error, Lang, Store};

mod common;

/// The moment these tests run at.
fn clock() -> Clock {
    common::utc_in_berlin(2026, 11, 23, 10, 0)
}

fn field_issues(e: &Error) -> Vec<(Field, Option<u32>, Issue)> {
    e.field_errors()
        .iter()
        .map(|f| (f.field, f.row, f.issue.clone()))
        .collect()
}

fn person(store: &mut Store, first: &str, last: &str) -> CustomerId {
    customers::create(
        store,
        &CustomerInput {
            kind: CustomerKind::Person,
            first_name: first.into(),
            last_name: last.into(),
            city: "Freiburg".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap()
    .id
}

fn after_purchase(store: &Store) -> SurveyId {
    shop::templates(store)
        .unwrap()
        .into_iter()
        .find(|t| t.template.title.de == "Zufriedenheit nach dem Kauf")
        .unwrap()
        .id
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn settings(idle: u32, keep: bool, pin: &str) -> KioskSettingsInput {
    KioskSettingsInput {
        idle_seconds: idle,
        keep_partial: keep,
        pin: pin.into(),
    }
}

#[test]
fn the_pin_is_kept_as_a_hash_and_guessing_is_slowed_down() {
    let (_dir, path, mut store) = common::file_store();
    let template = after_purchase(&store);

    // No PIN yet: the kiosk does not start, and the first settings need one.
    let e = kiosk::start(&store, template, None).unwrap_err();
    assert!(matches!(e, Error::Survey(SurveyProblem::NoPin)), "{e:?}");
    let e = kiosk::save_settings(&mut store, &settings(60, true, ""), &clock()).unwrap_err();
    assert_eq!(field_issues(&e), [(Field::Pin, None, Issue::Required)]);
    let e = kiosk::save_settings(&mut store, &settings(5, true, "12a4"), &clock()).unwrap_err();
    assert_eq!(
        field_issues(&e),
        [
            (
                Field::IdleSeconds,
                None,
                Issue::OutOfRange { min: 15, max: 600 }
            ),
            (Field::Pin, None, Issue::OutOfRange { min: 4, max: 8 })
        ]
    );
    assert!(
        e.message(Lang::De).contains("Zurücksetzen nach Sekunden"),
        "{}",
        e.message(Lang::De)
    );

    let s = kiosk::save_settings(&mut store, &settings(45, false, "2468"), &clock()).unwrap();
    assert!(s.pin_set);
    assert_eq!(s.idle_seconds, 45);
    let stored: String = Connection::open(&path)
        .unwrap()
        .query_row("SELECT value FROM settings WHERE key = 'kiosk'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!stored.contains("2468"), "the PIN itself is never stored");
    assert!(stored.contains("$argon2id$"), "{stored}");

    // An empty PIN keeps the one set before.
    kiosk::save_settings(&mut store, &settings(30, true, ""), &clock()).unwrap();
    let mut guard = PinGuard::default();
    guard.try_exit(&store, "2468", &clock()).unwrap();

    // Four wrong tries say how many are left, the fifth locks for a minute — even the
    // right PIN then waits — and after the minute the right one ends the kiosk.
    for left in (1..=4).rev() {
        let e = guard.try_exit(&store, "1357", &clock()).unwrap_err();
        assert!(
            matches!(e, Error::Survey(SurveyProblem::WrongPin { left: l }) if l == left),
            "{e:?}"
        );
    }
    let e = guard.try_exit(&store, "1357", &clock()).unwrap_err();
    assert!(
        matches!(e, Error::Survey(SurveyProblem::Locked { seconds: 60 })),
        "{e:?}"
    );
    let later = clock().advanced(chrono::Duration::seconds(30));
    let e = guard.try_exit(&store, "2468", &later).unwrap_err();
    assert!(
        matches!(e, Error::Survey(SurveyProblem::Locked { seconds: 30 })),
        "{e:?}"
    );
    assert_eq!(
        e.message(Lang::De),
        "Zu viele falsche Versuche. Bitte 30 Sekunden warten."
    );
    guard
        .try_exit(
            &store,
            "2468",
            &clock().advanced(chrono::Duration::seconds(61)),
        )
        .unwrap();
}

#[test]
fn a_run_shows_the_first_name_only_and_partial_answers_follow_the_settings() {
    let (_dir, path, mut store) = common::file_store();
    let template = after_purchase(&store);
    let anna = person(&mut store, "Anna", "Berg");
    kiosk::save_settings(&mut store, &settings(60, false, "2468"), &clock()).unwrap();

    let run = kiosk::start(&store, template, Some(anna)).unwrap();
    let view = kiosk::view(&store, &run).unwrap();
    assert_eq!(view.first_name, "Anna");
    assert_eq!(view.idle_seconds, 60);
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains("Berg"), "the kiosk never sees the last name");
    assert!(!json.contains("Freiburg"));
    assert_eq!(view.template.questions.len(), 4);

    let partial = [
        Answer::Score(9),
        Answer::Skipped,
        Answer::Skipped,
        Answer::Skipped,
    ];
    // Dropped: nothing written.
    assert_eq!(
        kiosk::submit(&mut store, &run, &partial, false, &on(2026, 11, 23)).unwrap(),
        None
    );
    assert_eq!(count(&path, "SELECT count(*) FROM survey_responses"), 0);
    // Kept as partial once the setting says so.
    kiosk::save_settings(&mut store, &settings(60, true, ""), &clock()).unwrap();
    let kept = kiosk::submit(&mut store, &run, &partial, false, &on(2026, 11, 23))
        .unwrap()
        .expect("kept");
    assert_eq!(
        count(
            &path,
            &format!(
                "SELECT count(*) FROM survey_responses WHERE id = {} AND complete = 0
                 AND source = 'kiosk' AND customer_id = {}",
                kept.0, anna.0
            )
        ),
        1
    );
    // A complete response must answer the required questions.
    let e = kiosk::submit(&mut store, &run, &partial, true, &on(2026, 11, 23)).unwrap_err();
    assert_eq!(
        field_issues(&e),
        [
            (Field::Questions, Some(1), Issue::Required),
            (Field::Questions, Some(2), Issue::Required)
        ]
    );
    assert_eq!(count(&path, "SELECT count(*) FROM survey_responses"), 1);

    // An anonymous run has no name at all.
    let anonymous = kiosk::start(&store, template, None).unwrap();
    assert_eq!(kiosk::view(&store, &anonymous).unwrap().first_name, "");
}

fn choice_template(title: &str) -> Template {
    Template {
        title: Text::new(title, ""),
        intro: Text::new(" Kurz ", ""),
        questions: vec![
            Question {
                text: Text::new("Wie war es?", "How was it?"),
                kind: QuestionKind::Nps,
                required: true,
            },
            Question {
                text: Text::new("Was hat gefallen?", ""),
                kind: QuestionKind::MultipleChoice {
                    options: vec![Text::new("Beratung", "Advice"), Text::new("Preis", "")],
                },
                required: false,
            },
            Question {
                text: Text::new("Noch etwas?", ""),
                kind: QuestionKind::LongText,
                required: false,
            },
        ],
    }
}

#[test]
fn the_editor_keeps_questions_of_answered_surveys_and_titles_unique() {
    let (_dir, _path, mut store) = common::file_store();
    let saved =
        shop::save_template(&mut store, None, &choice_template(" Werkstatt "), &clock()).unwrap();
    assert_eq!(saved.template.title.de, "Werkstatt");
    assert_eq!(saved.template.intro.de, "Kurz");
    assert_eq!(saved.responses, 0);

    let e =
        shop::save_template(&mut store, None, &choice_template("werkstatt"), &clock()).unwrap_err();
    assert_eq!(field_issues(&e), [(Field::Name, None, Issue::NameTaken)]);

    // Without answers anything may change.
    let mut changed = choice_template("Werkstatt");
    changed.questions.pop();
    shop::save_template(&mut store, Some(saved.id), &changed, &clock()).unwrap();
    shop::save_template(
        &mut store,
        Some(saved.id),
        &choice_template("Werkstatt"),
        &clock(),
    )
    .unwrap();

    shop::submit(
        &mut store,
        saved.id,
        shop::Respondent {
            customer: None,
            interaction: None,
            kiosk: false,
        },
        &[Answer::Score(8), Answer::Choices(vec![1]), Answer::Skipped],
        true,
        &on(2026, 11, 2),
    )
    .unwrap();

    // With answers: texts yes, questions and options no; deleting no.
    let mut reworded = choice_template("Werkstatt-Umfrage");
    reworded.questions[0].text = Text::new("Wie zufrieden waren Sie?", "");
    let after = shop::save_template(&mut store, Some(saved.id), &reworded, &clock()).unwrap();
    assert_eq!(after.responses, 1);
    assert_eq!(after.template.title.de, "Werkstatt-Umfrage");
    let mut more_options = choice_template("Werkstatt-Umfrage");
    if let QuestionKind::MultipleChoice { options } = &mut more_options.questions[1].kind {
        options.push(Text::new("Nähe", ""));
    }
    for bad in [more_options, changed] {
        let e = shop::save_template(&mut store, Some(saved.id), &bad, &clock()).unwrap_err();
        assert!(
            matches!(e, Error::Survey(SurveyProblem::QuestionsLocked)),
            "{e:?}"
        );
    }
    let e = shop::delete_template(&mut store, saved.id).unwrap_err();
    assert!(
        matches!(e, Error::Survey(SurveyProblem::TemplateInUse)),
        "{e:?}"
    );
    let spare = shop::save_template(
        &mut store,
        None,
        &choice_template("Ohne Antworten"),
        &clock(),
    )
    .unwrap();
    shop::delete_template(&mut store, spare.id).unwrap();
    assert!(
        shop::templates(&store)
            .unwrap()
            .iter()
            .all(|t| t.id != spare.id)
    );
}

#[test]
fn comments_csv_chart_and_timeline_show_the_answers() {
    let (_dir, _path, mut store) = common::file_store();
    let template = after_purchase(&store);
    let anna = person(&mut store, "Anna", "Berg");
    let who = |customer| shop::Respondent {
        customer,
        interaction: None,
        kiosk: true,
    };
    let answers = |nps: u8, comment: &str| {
        vec![
            Answer::Score(nps),
            Answer::Score(4),
            Answer::Score(5),
            if comment.is_empty() {
                Answer::Skipped
            } else {
                Answer::Text(comment.into())
            },
        ]
    };
    shop::submit(
        &mut store,
        template,
        who(None),
        &answers(10, "=SUMME(A1)"),
        true,
        &on(2026, 10, 5),
    )
    .unwrap();
    shop::submit(
        &mut store,
        template,
        who(Some(anna)),
        &answers(3, "Zu lange gewartet"),
        true,
        &on(2026, 11, 20),
    )
    .unwrap();
    shop::submit(
        &mut store,
        template,
        who(None),
        &answers(8, ""),
        true,
        &on(2026, 11, 21),
    )
    .unwrap();

    let comments = shop::comments(&store, template, day(2026, 1, 1), 100).unwrap();
    let texts: Vec<_> = comments
        .iter()
        .map(|c| (c.text.as_str(), c.customer_name.as_deref()))
        .collect();
    assert_eq!(
        texts,
        [
            ("Zu lange gewartet", Some("Anna Berg")),
            ("=SUMME(A1)", None)
        ],
        "newest first, with the customer where linked"
    );

    let csv =
        String::from_utf8(shop::export_csv(&store, template, day(2026, 1, 1), Lang::De).unwrap())
            .unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(
        lines[0].starts_with("Datum;Quelle;Vollständig;Kunde;Wie wahrscheinlich"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "21.11.2026;Kiosk;ja;;8;4;5;");
    assert_eq!(
        lines[2],
        "20.11.2026;Kiosk;ja;Anna Berg;3;4;5;Zu lange gewartet"
    );
    assert_eq!(
        lines[3], "05.10.2026;Kiosk;ja;;10;4;5;'=SUMME(A1)",
        "formulas stay text"
    );

    let svg = String::from_utf8(
        shop::trend_chart(
            &store,
            template,
            day(2026, 1, 1),
            Lang::De,
            ChartFormat::Svg,
        )
        .unwrap(),
    )
    .unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed SVG");
    let texts: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(
        texts.contains(&"10/26") && texts.contains(&"11/26"),
        "{texts:?}"
    );
    assert!(texts.contains(&"n=2"), "{texts:?}");

    let page = timeline::page(&store, anna, None, 20).unwrap();
    let TimelineEntry::Survey(r) = &page.entries[0] else {
        panic!("{:?}", page.entries[0]);
    };
    assert_eq!(r.on, day(2026, 11, 20));
    assert_eq!(r.title.de, "Zufriedenheit nach dem Kauf");
    let lines: Vec<(String, String)> = r
        .lines
        .iter()
        .map(|(q, a)| (q.de.clone(), a.de.clone()))
        .collect();
    assert_eq!(lines[0].1, "3 von 10");
    assert_eq!(
        lines[3],
        (
            "Möchten Sie uns noch etwas sagen?".into(),
            "Zu lange gewartet".into()
        )
    );
}

#[test]
fn a_kiosk_comment_becomes_a_complaint_that_stays_open_until_solved() {
    let (_dir, path, mut store) = common::file_store();
    let template = after_purchase(&store);
    let anna = person(&mut store, "Anna", "Berg");
    let ben = person(&mut store, "Ben", "Kurz");
    let owner = employees::create(&mut store, "Jana", &clock()).unwrap().id;
    let submit = |store: &mut Store, customer, comment: &str| {
        shop::submit(
            store,
            template,
            shop::Respondent {
                customer,
                interaction: None,
                kiosk: true,
            },
            &[
                Answer::Score(2),
                Answer::Score(2),
                Answer::Score(1),
                if comment.is_empty() {
                    Answer::Skipped
                } else {
                    Answer::Text(comment.into())
                },
            ],
            true,
            &on(2026, 11, 20),
        )
        .unwrap()
    };
    let linked = submit(
        &mut store,
        Some(anna),
        "Die Naht ist nach einer Woche gerissen",
    );
    let anonymous = submit(&mut store, None, "Niemand hatte Zeit");
    let silent = submit(&mut store, Some(anna), "");

    let e = complaints::from_response(&mut store, anonymous, None, &clock()).unwrap_err();
    assert!(
        matches!(e, Error::Survey(SurveyProblem::NoCustomer)),
        "{e:?}"
    );
    let e = complaints::from_response(&mut store, silent, None, &clock()).unwrap_err();
    assert!(
        matches!(e, Error::Survey(SurveyProblem::NoComment)),
        "{e:?}"
    );
    assert_eq!(
        count(&path, "SELECT count(*) FROM interactions"),
        0,
        "nothing written"
    );

    let c = complaints::from_response(&mut store, linked, None, &clock()).unwrap();
    assert_eq!(c.customer_id, anna);
    assert_eq!(c.status, ComplaintStatus::Open);
    assert!(
        c.summary.contains("Die Naht ist nach einer Woche gerissen"),
        "{}",
        c.summary
    );
    let e = complaints::from_response(&mut store, linked, None, &clock()).unwrap_err();
    assert!(
        matches!(e, Error::Survey(SurveyProblem::ComplaintExists)),
        "{e:?}"
    );
    let from_ben = complaints::from_response(&mut store, anonymous, Some(ben), &clock()).unwrap();
    assert_eq!(from_ben.customer_id, ben);
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM survey_responses WHERE complaint_id IS NOT NULL AND customer_id IS NULL"
        ),
        1,
        "the anonymous answer stays anonymous"
    );
    let shown = shop::comments(&store, template, day(2026, 1, 1), 10).unwrap();
    assert!(shown.iter().all(|c| c.complaint.is_some()));

    // In progress with an owner: still open on the customer page.
    let c = complaints::update(
        &mut store,
        c.id,
        &ComplaintInput {
            status: ComplaintStatus::InProgress,
            owner: Some(owner),
            ..Default::default()
        },
        &on(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(c.owner_name.as_deref(), Some("Jana"));
    assert_eq!(complaints::open_for(&store, anna).unwrap().len(), 1);

    // Solved needs resolution and day; refused input changes nothing.
    let e = complaints::update(
        &mut store,
        c.id,
        &ComplaintInput {
            status: ComplaintStatus::Solved,
            owner: Some(owner),
            ..Default::default()
        },
        &on(2026, 11, 23),
    )
    .unwrap_err();
    assert_eq!(
        field_issues(&e),
        [
            (Field::Resolution, None, Issue::Required),
            (Field::SolvedOn, None, Issue::Required)
        ]
    );
    assert_eq!(
        complaints::open_for(&store, anna).unwrap()[0].status,
        ComplaintStatus::InProgress
    );
    let solved = complaints::update(
        &mut store,
        c.id,
        &ComplaintInput {
            status: ComplaintStatus::Solved,
            owner: Some(owner),
            resolution: "Neu genäht, kostenlos".into(),
            solved_on: "23.11.2026".into(),
        },
        &on(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(solved.solved_on, Some(day(2026, 11, 23)));
    assert!(complaints::open_for(&store, anna).unwrap().is_empty());
    assert_eq!(complaints::all_for(&store, anna).unwrap().len(), 1);
    assert_eq!(
        count(
            &path,
            &format!(
                "SELECT count(*) FROM interactions WHERE id = {} AND complaint_resolved_on = '2026-11-23' AND complaint_status = 'solved'",
                c.id.0
            )
        ),
        1,
        "the early warning reads the same day"
    );

    // Reopened: the solved day goes, the status follows.
    complaints::update(
        &mut store,
        c.id,
        &ComplaintInput::default(),
        &on(2026, 11, 23),
    )
    .unwrap();
    assert_eq!(
        count(
            &path,
            &format!(
                "SELECT count(*) FROM interactions WHERE id = {} AND complaint_resolved_on IS NULL AND complaint_status = 'open'",
                c.id.0
            )
        ),
        1
    );
    // An unknown owner is refused by field.
    let e = complaints::update(
        &mut store,
        c.id,
        &ComplaintInput {
            owner: Some(stammkunde::employees::EmployeeId(999)),
            ..Default::default()
        },
        &on(2026, 11, 23),
    )
    .unwrap_err();
    assert_eq!(field_issues(&e), [(Field::Employee, None, Issue::Unknown)]);

    // The customer's own data (GDPR access) holds the complaint and the survey answers.
    let data = stammkunde::privacy::access::customer_data(&store, anna, &on(2026, 11, 23)).unwrap();
    let rows = |table: &str| {
        data.tables
            .iter()
            .find(|t| t.table == table)
            .map(|t| t.rows.clone())
            .unwrap()
    };
    let complaints: Vec<_> = rows("interactions")
        .into_iter()
        .filter(|r| r["complaint"] == 1)
        .collect();
    assert_eq!(complaints.len(), 1);
    assert_eq!(complaints[0]["complaint_status"], "open", "reopened above");
    assert!(complaints[0]["summary"].as_str().unwrap().contains("Naht"));
    assert_eq!(rows("survey_responses").len(), 2);

    // The care plan's "mark resolved" (sets only the day) moves the status too.
    stammkunde::care::shop::resolve_complaint(&mut store, from_ben.id, &on(2026, 11, 23)).unwrap();
    assert_eq!(
        count(
            &path,
            &format!(
                "SELECT count(*) FROM interactions WHERE id = {} AND complaint_status = 'solved'",
                from_ben.id.0
            )
        ),
        1
    );
}

#[test]
fn a_stored_pin_hash_with_absurd_parameters_verifies_nothing_and_never_panics() {
    // Fuzzing find (fuzz/fuzz_targets/kiosk_pin.rs): argon2's own parameter check overflowed
    // on p=3333333343 and panicked.
    for stored in [
        "$argon2id$v=19$m=192,p=2,p=3333333343,t=1$AAAAAAAA",
        "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        assert!(
            !stammkunde::surveys::pin::verify("4711", stored),
            "{stored}"
        );
    }
    let ours = stammkunde::surveys::pin::hash("4711").unwrap();
    assert!(stammkunde::surveys::pin::verify("4711", &ours));
}

#[test]
fn the_pin_inputs_the_fuzzer_stopped_on_verify_within_bounds() {
    // fuzz/fuzz_targets/kiosk_pin.rs stopped on these for "more than 500 MB": the process
    // had grown over thousands of Argon2 runs; each input alone takes ~47 MB (measured with
    // `/usr/bin/time -v` on the fuzz target with the file). Both are refused, no panic.
    for file in ["kiosk_pin_rss_1.bin", "kiosk_pin_rss_2.bin"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/repro")
            .join(file);
        let data = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&data);
        let (typed, stored) = text.split_once('\n').unwrap_or((&text, ""));
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{file}"
        );
        assert!(!stammkunde::surveys::pin::verify(typed, stored), "{file}");
    }
}
