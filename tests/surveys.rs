//! Surveys on a real database: the shipped templates come seeded with the schema, a
//! response is checked against its template (a refused one writes nothing), anonymous and
//! linked responses, partial ones, and the results read back from the store.

use common::{day, on};
use rusqlite::Connection;
use stammkunde::Error;
use stammkunde::customers::{self, CustomerInput, CustomerKind};
use stammkunde::merges::{self, MergeInput};
use stammkunde::surveys::answers::Answer;
use stammkunde::surveys::shop::{self, Respondent};
use stammkunde::surveys::template::shipped;

mod common;

#[test]
fn responses_are_checked_kept_and_counted() {
    let (_dir, path, mut store) = common::file_store();
    let now = &common::utc_in_berlin(2026, 11, 23, 10, 0);
    let templates = shop::templates(&store).unwrap();
    let mut seeded: Vec<_> = templates.iter().map(|t| t.template.clone()).collect();
    let mut expected = shipped();
    seeded.sort_by(|a, b| a.title.de.cmp(&b.title.de));
    expected.sort_by(|a, b| a.title.de.cmp(&b.title.de));
    assert_eq!(
        seeded, expected,
        "the migration seeds exactly the shipped templates"
    );
    let after_purchase = templates
        .iter()
        .find(|t| t.template.title.de == "Zufriedenheit nach dem Kauf")
        .unwrap()
        .id;
    let anna = customers::create(
        &mut store,
        &CustomerInput {
            kind: CustomerKind::Person,
            first_name: "Anna".into(),
            last_name: "Berg".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap()
    .id;
    let kiosk = |customer| Respondent {
        customer,
        interaction: None,
        kiosk: true,
    };
    let answers = |nps: u8, product: u8, advice: u8, comment: &str| {
        vec![
            Answer::Score(nps),
            Answer::Score(product),
            Answer::Score(advice),
            Answer::Text(comment.into()),
        ]
    };
    shop::submit(
        &mut store,
        after_purchase,
        kiosk(None),
        &answers(10, 5, 5, "Toll <b>!</b>"),
        true,
        &on(2026, 10, 2),
    )
    .unwrap();
    shop::submit(
        &mut store,
        after_purchase,
        kiosk(Some(anna)),
        &answers(6, 3, 4, ""),
        true,
        &on(2026, 11, 20),
    )
    .unwrap();
    // A partial response (the kiosk reset after the first question).
    let partial = vec![
        Answer::Score(8),
        Answer::Skipped,
        Answer::Skipped,
        Answer::Skipped,
    ];
    shop::submit(
        &mut store,
        after_purchase,
        kiosk(None),
        &partial,
        false,
        &on(2026, 11, 21),
    )
    .unwrap();
    // Refused: a score out of range, and a required question skipped; nothing written.
    let count = || -> i64 {
        Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM survey_responses", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(), 3);
    assert!(matches!(
        shop::submit(
            &mut store,
            after_purchase,
            kiosk(None),
            &answers(11, 5, 5, ""),
            true,
            &on(2026, 11, 22)
        ),
        Err(Error::Validation(_))
    ));
    assert!(matches!(
        shop::submit(
            &mut store,
            after_purchase,
            kiosk(None),
            &partial,
            true,
            &on(2026, 11, 22)
        ),
        Err(Error::Validation(_))
    ));
    assert!(matches!(
        shop::submit(
            &mut store,
            stammkunde::surveys::SurveyId(999),
            kiosk(None),
            &partial,
            false,
            &on(2026, 11, 22)
        ),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(count(), 3);

    let r = shop::results(&store, after_purchase, day(2026, 1, 1)).unwrap();
    assert_eq!((r.responses, r.complete), (3, 2));
    // 10 promoter, 6 detractor, 8 passive → 0.
    assert_eq!(r.nps, Some(0.0));
    // Ratings 5, 5, 3, 4 → three of four are 4 or 5.
    assert_eq!(r.csat, Some(75.0));
    assert_eq!(
        r.trend.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(),
        vec!["2026-10", "2026-11"]
    );
    // Merging Anna into a second record takes her response along; undo brings it back.
    let twin = customers::create(
        &mut store,
        &CustomerInput {
            kind: CustomerKind::Person,
            first_name: "Anna".into(),
            last_name: "Berg".into(),
            phone: "0221 5555".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap()
    .id;
    let linked = |id: i64| -> i64 {
        Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM survey_responses WHERE customer_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    let outcome = merges::merge(
        &mut store,
        &MergeInput {
            survivor: twin,
            merged: anna,
            take: vec![],
        },
        now,
    )
    .unwrap();
    assert_eq!((linked(twin.0), linked(anna.0)), (1, 0));
    merges::undo(&mut store, outcome.merge.id, now).unwrap();
    assert_eq!((linked(twin.0), linked(anna.0)), (0, 1));
    // From November on only.
    assert_eq!(
        shop::results(&store, after_purchase, day(2026, 11, 1))
            .unwrap()
            .responses,
        2
    );
}
