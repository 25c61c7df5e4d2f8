//! The care plan on a real database file: the agenda read from the store (candidates
//! first, names for the items shown), done / snooze / log in one transaction each, the
//! early warning from stored signals, lost customers with reasons, win-backs and
//! statistics, the greeting list, and schema 10's upgrade of an older file.

use rusqlite::Connection;
use stammkunde::Clock;
use stammkunde::care::agenda::Occasion;
use stammkunde::care::lost::{LossInput, LostReasonId};
use stammkunde::care::plan::PlanRuleInput;
use stammkunde::care::shop;
use stammkunde::care::warning::RiskReason;
use stammkunde::customers::{self, CustomerId, CustomerInput, CustomerKind, CustomerStatus};
use stammkunde::i18n::Lang;
use stammkunde::interactions::{self, Channel, InteractionInput};
use stammkunde::privacy::{self, ConsentChannel, ConsentInput, ConsentSource};
use stammkunde::store::Schema;
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Error, Store};

mod common;

/// The moment these tests run at.
fn clock() -> Clock {
    common::utc(2026, 11, 23, 9, 0)
}

fn person(first: &str, last: &str, birthday: &str) -> CustomerInput {
    CustomerInput {
        kind: CustomerKind::Person,
        first_name: first.into(),
        last_name: last.into(),
        birthday: birthday.into(),
        customer_since: "01.01.2020".into(),
        ..Default::default()
    }
}

fn buy(store: &mut Store, c: CustomerId, date: &str, amount: &str, discount: &str, category: &str) {
    let input = TransactionInput {
        date: date.into(),
        amount: amount.into(),
        discount: discount.into(),
        product: "Kaffeemaschine".into(),
        category: category.into(),
        ..Default::default()
    };
    transactions::add(store, c, &input, &clock()).unwrap();
}

fn call(summary: &str) -> InteractionInput {
    InteractionInput {
        at: "23.11.2026 09:00".into(),
        channel: Channel::Phone,
        summary: summary.into(),
        ..Default::default()
    }
}

#[test]
fn the_agenda_from_the_store_logs_a_call_and_keeps_marks() {
    let (_dir, _path, mut store) = common::file_store();
    let anna = customers::create(&mut store, &person("Anna", "Berg", "25.11.1970"), &clock())
        .unwrap()
        .id;
    let bernd = customers::create(&mut store, &person("Bernd", "Roth", ""), &clock())
        .unwrap()
        .id;
    // A follow-up call for Bernd's purchase three days ago.
    buy(&mut store, bernd, "20.11.2026", "499,00", "", "Geräte");
    // Anna has a relation whose birthday is tomorrow.
    let mut input = customers::input_of(&customers::get(&store, anna).unwrap());
    input.relations = vec![stammkunde::soft_facts::RelationInput {
        name: "Lea".into(),
        relation: "Tochter".into(),
        birthday: "24.11.2010".into(),
    }];
    customers::update(&mut store, anna, &input, &clock()).unwrap();

    let agenda = shop::agenda(&store, 50, &clock()).unwrap();
    let keys: Vec<&str> = agenda.items.iter().map(|i| i.key.as_str()).collect();
    let follow_up = format!("followup:{}:1", bernd.0);
    assert_eq!(
        keys,
        vec![
            follow_up.as_str(),
            &format!("birthday:{}:relation-0:2026-11-24", anna.0),
            &format!("birthday:{}:self:2026-11-25", anna.0),
        ]
    );
    // Names and products are read for the items shown.
    assert_eq!(agenda.items[0].customer_name, "Bernd Roth");
    assert!(matches!(
        &agenda.items[0].occasion,
        Occasion::FollowUp { product, .. } if product == "Kaffeemaschine"
    ));
    assert!(matches!(
        &agenda.items[1].occasion,
        Occasion::Birthday {
            turns: Some(16),
            ..
        }
    ));
    assert_eq!((agenda.total, agenda.due_today, agenda.overdue), (3, 1, 0));

    // Logging the call: on the timeline, and the item is gone.
    let logged = shop::log_contact(&mut store, &follow_up, &call("Alles gut"), &clock()).unwrap();
    assert_eq!(logged.customer_id, bernd);
    let agenda = shop::agenda(&store, 50, &clock()).unwrap();
    assert_eq!(agenda.total, 2);
    // Snoozed for three days (until Thursday); done takes the other one away; undo brings
    // it back.
    let own = format!("birthday:{}:self:2026-11-25", anna.0);
    let until = shop::snooze(&mut store, &own, 3, &clock()).unwrap();
    assert_eq!(until, common::day(2026, 11, 26));
    let lea = format!("birthday:{}:relation-0:2026-11-24", anna.0);
    shop::done(&mut store, &lea, &clock()).unwrap();
    assert_eq!(shop::agenda(&store, 50, &clock()).unwrap().total, 0);
    shop::unmark(&mut store, &lea, &clock()).unwrap();
    assert_eq!(shop::agenda(&store, 50, &clock()).unwrap().total, 1);

    // Bad input is refused by field and writes nothing.
    let err = shop::snooze(&mut store, &own, 0, &clock()).unwrap_err();
    assert!(
        matches!(err, Error::Validation(ref f) if f[0].field == stammkunde::error::Field::Until)
    );
    let err = shop::done(&mut store, "birthday:x", &clock()).unwrap_err();
    assert!(
        matches!(err, Error::Validation(ref f) if f[0].field == stammkunde::error::Field::Item)
    );
    let err = shop::log_contact(&mut store, &lea, &call(""), &clock()).unwrap_err();
    assert!(matches!(err, Error::Validation(_)));
    let unknown = "step:999:1";
    assert!(matches!(
        shop::done(&mut store, unknown, &clock()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn plan_lines_and_the_early_warning_read_the_analysis() {
    let (_dir, _path, mut store) = common::file_store();
    let eva = customers::create(&mut store, &person("Eva", "Kern", ""), &clock())
        .unwrap()
        .id;
    // Three years of coffee only; much less this year, with more discount.
    for (date, amount, discount) in [
        ("10.01.2024", "300,00", "0"),
        ("10.06.2024", "300,00", "0"),
        ("10.01.2025", "400,00", "0"),
        ("10.06.2025", "400,00", "0"),
        ("10.01.2026", "100,00", "30,00"),
    ] {
        buy(&mut store, eva, date, amount, discount, "Kaffee");
    }
    // A complaint, still open.
    let complaint = interactions::add(
        &mut store,
        eva,
        &InteractionInput {
            at: "01.02.2026 10:00".into(),
            channel: Channel::Phone,
            direction: interactions::Direction::Inbound,
            summary: "Mühle defekt".into(),
            complaint: true,
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    // Before the analysis there are no purchase signals.
    let before = shop::warnings(&store, clock().today(), 10).unwrap();
    assert_eq!(
        before.customers[0].reasons,
        vec![RiskReason::OpenComplaints { count: 1 }]
    );
    stammkunde::value::shop::refresh(&mut store, &clock()).unwrap();
    // A plan line for every customer: a call each 20 days (more often than the seeded
    // line for top customers, so it is the one that counts).
    shop::save_rule(
        &mut store,
        None,
        &PlanRuleInput {
            channel: Channel::Phone,
            every_days: "20".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    let w = shop::warnings(&store, clock().today(), 10).unwrap();
    assert_eq!(w.total, 1);
    let kinds: Vec<String> = w.customers[0]
        .reasons
        .iter()
        .map(|r| {
            serde_json::to_value(r).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            "revenueFalling",
            "discountRising",
            "oneCategory",
            "openComplaints",
            "noContact"
        ]
    );
    assert_eq!(w.customers[0].name, "Eva Kern");
    // Without her consent to calls no advertising call is planned for her; once she gave
    // it, the plan's call is on the agenda: 20 days after the last call lies before the
    // line was made, so it is due from today, the day the line applies.
    let plan_calls = |store: &Store| {
        shop::agenda(store, 10, &clock())
            .unwrap()
            .items
            .iter()
            .filter(|i| matches!(i.occasion, Occasion::Plan { .. }))
            .count()
    };
    assert_eq!(plan_calls(&store), 0);
    privacy::consent::record(
        &mut store,
        eva,
        &ConsentInput {
            channel: ConsentChannel::Phone,
            given: true,
            on: String::new(),
            source: ConsentSource::Paper,
            wording: "Ich möchte zu Neuheiten angerufen werden.".into(),
        },
        &clock(),
    )
    .unwrap();
    let agenda = shop::agenda(&store, 10, &clock()).unwrap();
    let plan: Vec<_> = agenda
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.occasion,
                Occasion::Plan {
                    channel: Channel::Phone,
                    every_days: 20,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].due, clock().today());
    // The complaint resolved: that reason goes.
    assert_eq!(complaint.complaint_resolved_on, None);
    let resolved = shop::resolve_complaint(&mut store, complaint.id, &clock()).unwrap();
    assert_eq!(resolved.complaint_resolved_on, Some(clock().today()));
    let w = shop::warnings(&store, clock().today(), 10).unwrap();
    assert!(
        !w.customers[0]
            .reasons
            .contains(&RiskReason::OpenComplaints { count: 1 })
    );
}

#[test]
fn lost_customers_with_reasons_win_backs_and_statistics() {
    let (_dir, _path, mut store) = common::file_store();
    let otto = customers::create(&mut store, &person("Otto", "Lang", ""), &clock())
        .unwrap()
        .id;
    buy(&mut store, otto, "10.03.2026", "250,00", "50,00", "Geräte");
    let reasons = shop::lost_reasons(&store).unwrap();
    let moved = reasons.iter().find(|r| r.name == "Umgezogen").unwrap().id;
    // Without a reason or with a day ahead: refused, nothing written.
    let bad = LossInput {
        lost_on: "24.11.2026".into(),
        reason: None,
        note: String::new(),
    };
    assert!(matches!(
        shop::mark_lost(&mut store, otto, &bad, &clock()),
        Err(Error::Validation(_))
    ));
    assert_eq!(
        customers::get(&store, otto).unwrap().status,
        CustomerStatus::Active
    );
    let input = LossInput {
        lost_on: "01.11.2026".into(),
        reason: Some(moved),
        note: "Zieht nach Hamburg".into(),
    };
    shop::mark_lost(&mut store, otto, &input, &clock()).unwrap();
    assert_eq!(
        customers::get(&store, otto).unwrap().status,
        CustomerStatus::Lost
    );
    assert!(matches!(
        shop::mark_lost(&mut store, otto, &input, &clock()),
        Err(Error::Care(_))
    ));
    // A name already in the catalogue (in any case) is refused at the field.
    assert!(matches!(
        shop::save_lost_reason(&mut store, None, " umgezogen ", &clock()),
        Err(Error::Validation(ref f)) if f[0].field == stammkunde::error::Field::Name
    ));
    // The reason in use stays in the catalogue.
    assert!(matches!(
        shop::delete_lost_reason(&mut store, moved),
        Err(Error::Care(_))
    ));
    shop::add_winback(&mut store, otto, &call("Angebot für Versand"), &clock()).unwrap();
    let losses = shop::losses(&store, Some(otto)).unwrap();
    assert_eq!(losses.len(), 1);
    assert_eq!(
        (
            losses[0].revenue_cents,
            losses[0].winbacks,
            losses[0].reason.as_deref()
        ),
        (20_000, 1, Some("Umgezogen"))
    );
    let stats = shop::lost_stats(&store, clock().today(), 4).unwrap();
    assert_eq!(
        (stats.customers, stats.revenue_cents, stats.won_back),
        (1, 20_000, 0)
    );
    assert_eq!(stats.by_quarter.last().unwrap().quarter, "2026-Q4");
    assert_eq!(stats.by_quarter.last().unwrap().revenue_cents, 20_000);
    let svg = shop::lost_chart(
        &store,
        clock().today(),
        4,
        Lang::De,
        stammkunde::charts::ChartFormat::Svg,
    )
    .unwrap();
    let svg = String::from_utf8(svg).unwrap();
    assert!(roxmltree::Document::parse(&svg).is_ok());
    assert!(svg.contains("Umgezogen"));
    // Won back: active again, the loss closed, counted as won back.
    shop::reactivate(&mut store, otto, &clock()).unwrap();
    assert_eq!(
        customers::get(&store, otto).unwrap().status,
        CustomerStatus::Active
    );
    assert!(matches!(
        shop::reactivate(&mut store, otto, &clock()),
        Err(Error::Care(_))
    ));
    let stats = shop::lost_stats(&store, clock().today(), 4).unwrap();
    assert_eq!(stats.won_back, 1);
    // Setting the status in the form opens a loss too (without a reason).
    let mut form = customers::input_of(&customers::get(&store, otto).unwrap());
    form.status = CustomerStatus::Lost;
    customers::update(&mut store, otto, &form, &clock()).unwrap();
    let losses = shop::losses(&store, Some(otto)).unwrap();
    assert_eq!(losses.len(), 2);
    assert_eq!(
        losses.iter().filter(|l| l.reactivated_on.is_none()).count(),
        1
    );
    let _: LostReasonId = moved;
}

#[test]
fn schema_10_takes_over_lost_customers_and_last_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nine.sqlite3");
    let nine: Vec<&str> = (0..9)
        .map(|i| stammkunde::store::migration_script(i).unwrap())
        .collect();
    Store::open_with_schema(&path, Schema::from_scripts(&nine)).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (id, number, kind, last_name, sort_key, status, created_at,
                 updated_at)
             VALUES (1, '1', 'person', 'Alt', 'alt', 'lost', '2025-01-01 00:00:00+00:00',
                 '2025-05-06 10:00:00+00:00');
             INSERT INTO interactions (customer_id, at, channel, direction, summary, created_at)
             VALUES (1, '2025-03-01T10:00', 'phone', 'outbound', 'a', '2025-03-01'),
                    (1, '2025-04-01T10:00', 'phone', 'outbound', 'b', '2025-04-01'),
                    (1, '2025-02-01T10:00', 'visit', 'outbound', 'c', '2025-02-01');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Schema::current().version());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let last: Vec<(String, String)> = conn
        .prepare("SELECT channel, last_on FROM customer_last_contacts ORDER BY channel")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        last,
        vec![
            ("phone".to_owned(), "2025-04-01".to_owned()),
            ("visit".to_owned(), "2025-02-01".to_owned())
        ]
    );
    let loss: (String, Option<i64>) = conn
        .query_row("SELECT lost_on, reason_id FROM customer_losses", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(loss, ("2025-05-06".to_owned(), None));
    // The triggers keep the last contacts: a deleted interaction falls back to the one before.
    conn.execute("DELETE FROM interactions WHERE summary = 'b'", [])
        .unwrap();
    let phone: String = conn
        .query_row(
            "SELECT last_on FROM customer_last_contacts WHERE channel = 'phone'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, "2025-03-01");
}

#[test]
fn the_greeting_list_of_a_month_as_csv() {
    let (_dir, _path, mut store) = common::file_store();
    let mut hans = person("Hans", "Müller", "03.12.1961");
    hans.street = "Hauptstraße 3".into();
    hans.postal_code = "50667".into();
    hans.city = "Köln".into();
    hans.partner_name = "Gisela".into();
    hans.partner_birthday = "20.12.".into();
    customers::create(&mut store, &hans, &clock()).unwrap();
    customers::create(
        &mut store,
        &person("Nora", "Winter", "03.01.1990"),
        &clock(),
    )
    .unwrap();
    let list = shop::greeting_list(&store, 2026, 12, Lang::De).unwrap();
    let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["Hans Müller", "Gisela"]);
    assert_eq!(
        list[0].address,
        vec!["Hans Müller", "Hauptstraße 3", "50667 Köln"]
    );
    let csv = String::from_utf8(shop::greeting_csv(&store, 2026, 12, Lang::De).unwrap()).unwrap();
    assert_eq!(csv.lines().count(), 3);
    assert!(matches!(
        shop::greeting_list(&store, 2026, 13, Lang::De),
        Err(Error::Validation(_))
    ));
}

#[test]
fn the_shop_wide_complaint_list_shows_the_longest_waiting_first_with_filters() {
    use stammkunde::complaints::{self, ComplaintFilter, ComplaintInput, ComplaintStatus};
    let mut store = common::store();
    let c = clock();
    let mut complaint = |last: &str, at: &str| {
        let id = customers::create(&mut store, &person("Eva", last, ""), &c)
            .unwrap()
            .id;
        interactions::add(
            &mut store,
            id,
            &InteractionInput {
                at: at.into(),
                summary: format!("Beschwerde von {last}"),
                complaint: true,
                ..Default::default()
            },
            &c,
        )
        .unwrap()
        .id
    };
    let newer = complaint("Neu", "20.11.2026 10:00");
    let older = complaint("Alt", "01.11.2026 09:00");
    let solved = complaint("Gelöst", "10.10.2026 09:00");
    let anna = stammkunde::employees::create(&mut store, "Anna", &c).unwrap();
    complaints::update(
        &mut store,
        solved,
        &ComplaintInput {
            status: ComplaintStatus::Solved,
            owner: Some(anna.id),
            resolution: "Ersetzt".into(),
            solved_on: "15.10.2026".into(),
        },
        &c,
    )
    .unwrap();
    complaints::update(
        &mut store,
        newer,
        &ComplaintInput {
            status: ComplaintStatus::InProgress,
            owner: Some(anna.id),
            ..Default::default()
        },
        &c,
    )
    .unwrap();
    let today = c.today();
    let list = |f: &ComplaintFilter| {
        complaints::shop_list(&store, f, today)
            .unwrap()
            .into_iter()
            .map(|l| (l.complaint.id, l.age_days))
            .collect::<Vec<_>>()
    };
    // What still needs doing, the longest waiting first, with its age in days.
    assert_eq!(
        list(&ComplaintFilter::default()),
        vec![(older, 22), (newer, 3)]
    );
    // Anna's, all statuses: the solved one's age ends on the day it was solved.
    let annas = ComplaintFilter {
        statuses: vec![
            ComplaintStatus::Open,
            ComplaintStatus::InProgress,
            ComplaintStatus::Solved,
        ],
        owner: Some(anna.id),
        min_age_days: 0,
    };
    assert_eq!(list(&annas), vec![(solved, 5), (newer, 3)]);
    // At least a week old.
    assert_eq!(
        list(&ComplaintFilter {
            min_age_days: 7,
            ..Default::default()
        }),
        vec![(older, 22)]
    );
}

#[test]
fn a_detractor_answer_raises_the_early_warning_with_the_answer() {
    use stammkunde::surveys::SurveyId;
    use stammkunde::surveys::answers::Answer;
    use stammkunde::surveys::shop::{self as surveys, Respondent};
    let mut store = common::store();
    let c = clock();
    let eva = customers::create(&mut store, &person("Eva", "Kern", ""), &c)
        .unwrap()
        .id;
    let at_risk = |store: &Store| {
        shop::warnings(store, c.today(), 10)
            .unwrap()
            .customers
            .into_iter()
            .find(|w| w.customer == eva)
            .map(|w| w.reasons)
            .unwrap_or_default()
    };
    let answer = |store: &mut Store, nps: u8, stars: u8| {
        surveys::submit(
            store,
            SurveyId(1),
            Respondent {
                customer: Some(eva),
                interaction: None,
                kiosk: true,
            },
            &[
                Answer::Score(nps),
                Answer::Score(stars),
                Answer::Score(4),
                Answer::Skipped,
            ],
            true,
            &c,
        )
        .unwrap()
    };
    answer(&mut store, 9, 5);
    assert!(
        !at_risk(&store)
            .iter()
            .any(|r| matches!(r, RiskReason::SatisfactionDropping { .. })),
        "a promoter is not at risk"
    );
    let detractor = answer(&mut store, 4, 2);
    let reasons = at_risk(&store);
    assert!(
        reasons.contains(&RiskReason::SatisfactionDropping {
            nps: Some(4),
            previous_nps: Some(9),
            rating: Some(2),
            on: c.today(),
            response: detractor.0,
        }),
        "{reasons:?}"
    );

    // The score: Eva and her twin bought the same; only revenue (a tie, 0.5 each) and
    // satisfaction count, 1 : 1. Eva's level: NPS 4 → 0.4 and her lowest rating 2 → 0.25,
    // mean 0.325, less half the fall from 9 (0.25) = 0.075; the twin has no answer (0.5).
    let twin = customers::create(&mut store, &person("Ida", "Kern", ""), &c)
        .unwrap()
        .id;
    for who in [eva, twin] {
        buy(&mut store, who, "02.03.2026", "120,00", "", "Kaffee");
    }
    let weights = |satisfaction| stammkunde::value::segments::ScoreWeights {
        revenue: 1.0,
        potential: 0.0,
        frequency: 0.0,
        recency: 0.0,
        closeness: 0.0,
        satisfaction,
    };
    let score = |store: &mut Store, satisfaction: f64| {
        let mut settings = stammkunde::value::shop::settings(store).unwrap();
        settings.weights = weights(satisfaction);
        stammkunde::value::shop::save_settings(store, &settings, &c).unwrap();
        stammkunde::value::shop::refresh(store, &c).unwrap();
        [eva, twin].map(|who| {
            stammkunde::value::shop::customer_value(store, who)
                .unwrap()
                .unwrap()
                .score
        })
    };
    // (0.5 + 0.075) / 2 = 0.2875 → 29 against (0.5 + 0.5) / 2 → 50.
    assert_eq!(score(&mut store, 1.0), [29, 50]);
    // Weight 0: satisfaction does not count.
    assert_eq!(score(&mut store, 0.0), [50, 50]);
}

#[test]
fn a_falling_p_alive_is_seen_across_two_analyses() {
    use stammkunde::value::shop as value;
    // The demo shop analysed today, then again a year and a half later with no purchase
    // in between: regular buyers look far less alive.
    let first = clock();
    let mut store = common::demo_shop(&first);
    value::refresh(&mut store, &first).unwrap();
    let later = common::on(2028, 5, 22);
    value::refresh(&mut store, &later).unwrap();
    // A second analysis on the same day keeps "the one before" as it was.
    value::refresh(&mut store, &later).unwrap();
    let w = shop::warnings(&store, later.today(), 10_000).unwrap();
    let falls: Vec<(u32, u32, chrono::NaiveDate)> = w
        .customers
        .iter()
        .flat_map(|c| c.reasons.iter())
        .filter_map(|r| match r {
            RiskReason::PAliveFalling {
                from_percent,
                to_percent,
                since,
            } => Some((*from_percent, *to_percent, *since)),
            _ => None,
        })
        .collect();
    assert!(!falls.is_empty(), "some regular buyers must have faded");
    assert!(
        falls
            .iter()
            .all(|(from, to, since)| from >= &(to + 25) && *since == first.today()),
        "{falls:?}"
    );
    // The first analysis alone has nothing to compare with.
    let mut fresh = common::demo_shop(&first);
    value::refresh(&mut fresh, &first).unwrap();
    let w = shop::warnings(&fresh, first.today(), 10_000).unwrap();
    assert!(
        !w.customers
            .iter()
            .flat_map(|c| c.reasons.iter())
            .any(|r| matches!(r, RiskReason::PAliveFalling { .. }))
    );
}

#[test]
fn the_next_step_is_suggested_assigned_done_and_put_off_with_the_agenda_per_employee() {
    use stammkunde::care::agenda::ItemKey;
    use stammkunde::care::next::StepAction;
    use stammkunde::timeline::{self, TimelineEntry};
    let (_dir, path, mut store) = common::file_store();
    let c = clock();
    let anna = stammkunde::employees::create(&mut store, "Anna Weber", &c)
        .unwrap()
        .id;
    let bert = stammkunde::employees::create(&mut store, "Bert Hahn", &c)
        .unwrap()
        .id;
    let mut made = Vec::new();
    for name in ["Eva", "Ida", "Otto"] {
        let id = customers::create(&mut store, &person(name, "Kern", ""), &c)
            .unwrap()
            .id;
        buy(&mut store, id, "02.03.2026", "120,00", "", "Kaffee");
        made.push(id);
    }
    let [eva, ida, otto] = made[..] else {
        unreachable!()
    };
    stammkunde::value::shop::refresh(&mut store, &c).unwrap();
    // The analysis's fields and phases, set by hand: Eva a top customer at risk (the
    // table puts her step on the agenda 3 days after the analysis), Ida small and steady
    // (not on the agenda by itself), Otto a new top customer (7 days).
    let conn = Connection::open(&path).unwrap();
    for (who, quadrant, phase) in [
        (eva, "top", "atRisk"),
        (ida, "small", "established"),
        (otto, "top", "new"),
    ] {
        conn.execute(
            "UPDATE customer_values SET quadrant = ?2, phase = ?3, abc = 'B' WHERE customer_id = ?1",
            rusqlite::params![who.0, quadrant, phase],
        )
        .unwrap();
    }
    let steps = |store: &Store| -> Vec<(ItemKey, String, bool, Option<String>)> {
        shop::agenda(store, 100, &c)
            .unwrap()
            .items
            .into_iter()
            .filter_map(|i| match i.occasion {
                Occasion::Measure { name, assigned, .. } => {
                    Some((i.key.parse().unwrap(), name, assigned, i.owner_name))
                }
                _ => None,
            })
            .collect()
    };
    let key = |customer, measure| ItemKey::Measure {
        customer,
        measure: stammkunde::care::plan::MeasureId(measure),
    };
    // The default catalogue: Top × at risk → "Treuerabatt" (6), Top × new →
    // "Sonderanfertigung" (8) — see the table's test in care::next.
    assert_eq!(
        steps(&store),
        vec![
            (key(eva, 6), "Treuerabatt".into(), false, None),
            (key(otto, 8), "Sonderanfertigung".into(), false, None),
        ]
    );
    let page = shop::customer_steps(&store, eva, &c).unwrap();
    assert_eq!(page.suggestions[0].step.name, "Treuerabatt");
    assert!(page.on_agenda && !page.paused && page.assigned.is_empty());
    assert!(
        shop::customer_steps(&store, ida, &c)
            .unwrap()
            .suggestions
            .iter()
            .all(|s| s.latest.is_none())
    );

    // Assigned to Anna: her task (the suggestion gives way to it); a past day refused.
    let bad = shop::assign_step(
        &mut store,
        eva,
        stammkunde::care::plan::MeasureId(2),
        &shop::AssignStepInput {
            assignee: Some(anna),
            due: "01.11.2026".into(),
            note: String::new(),
        },
        &c,
    );
    assert!(matches!(bad, Err(Error::Validation(_))), "{bad:?}");
    store.set_actor(Some(bert));
    shop::assign_step(
        &mut store,
        eva,
        stammkunde::care::plan::MeasureId(2),
        &shop::AssignStepInput {
            assignee: Some(anna),
            due: "24.11.2026".into(),
            note: "Wegen der Mühle".into(),
        },
        &c,
    )
    .unwrap();
    assert_eq!(
        steps(&store),
        vec![
            (key(eva, 2), "Anruf".into(), true, Some("Anna Weber".into())),
            (key(otto, 8), "Sonderanfertigung".into(), false, None),
        ]
    );
    let mine = shop::agenda_of_employee(&store, 100, anna, &c).unwrap();
    assert_eq!(
        mine.items
            .iter()
            .map(|i| i.key.as_str())
            .collect::<Vec<_>>(),
        vec![format!("next:{}:2", eva.0)]
    );
    assert_eq!(mine.total, 1);
    assert_eq!(
        shop::agenda_of_employee(&store, 100, bert, &c)
            .unwrap()
            .total,
        0
    );

    // Done from the agenda: gone, and the table stays quiet about Eva for a while.
    shop::done(&mut store, &key(eva, 2).to_string(), &c).unwrap();
    // Otto put off for 10 days.
    let back = shop::snooze(&mut store, &key(otto, 8).to_string(), 10, &c).unwrap();
    assert_eq!(back, common::day(2026, 12, 3));
    assert!(steps(&store).is_empty());
    assert!(shop::customer_steps(&store, otto, &c).unwrap().paused);
    // Undo (today): Otto's step is back; undo again, and again is harmless.
    shop::unmark(&mut store, &key(otto, 8).to_string(), &c).unwrap();
    assert_eq!(steps(&store).len(), 1);
    shop::snooze(&mut store, &key(otto, 8).to_string(), 10, &c).unwrap();
    assert!(steps(&store).is_empty());

    // Both events of Eva's step on her timeline, newest first, with who did them.
    let events: Vec<(StepAction, String, Option<String>, Option<String>)> =
        timeline::page(&store, eva, None, 50)
            .unwrap()
            .entries
            .into_iter()
            .filter_map(|e| match e {
                TimelineEntry::Step(s) => {
                    Some((s.action, s.measure_name, s.assignee_name, s.employee_name))
                }
                _ => None,
            })
            .collect();
    assert_eq!(
        events,
        vec![
            (
                StepAction::Done,
                "Anruf".into(),
                None,
                Some("Bert Hahn".into())
            ),
            (
                StepAction::Assigned,
                "Anruf".into(),
                Some("Anna Weber".into()),
                Some("Bert Hahn".into())
            ),
        ]
    );
    // An unknown employee's agenda is refused by field.
    assert!(matches!(
        shop::agenda_of_employee(&store, 10, stammkunde::employees::EmployeeId(99), &c),
        Err(Error::Validation(_))
    ));
}

#[test]
fn a_new_product_reaches_exactly_the_customers_whose_interests_or_purchases_match() {
    use stammkunde::care::news::{NewProductInput, NewsReason};
    use stammkunde::soft_facts::Labeled;
    let mut store = common::store();
    let c = clock();
    let mut make = |first: &str, interests: &[&str], preferences: &[(&str, &str)], notes: &str| {
        let input = CustomerInput {
            interests: interests.iter().map(|i| (*i).to_owned()).collect(),
            preferences: preferences
                .iter()
                .map(|(l, v)| Labeled {
                    label: (*l).into(),
                    value: (*v).into(),
                })
                .collect(),
            notes: notes.into(),
            ..person(first, "Kern", "")
        };
        customers::create(&mut store, &input, &c).unwrap().id
    };
    let anna = make("Anna", &["Wandern", "espresso"], &[], "");
    let bernd = make("Bernd", &["Kaffeemühle", "Bohnen Espresso"], &[], "");
    let carla = make("Carla", &[], &[], "");
    let dora = make("Dora", &[], &[("Kaffee", "Siebträger")], "");
    let emil = make("Emil", &[], &[], "Mag Espresso und Siebträger");
    let fritz = make("Fritz", &["Espresso"], &[], "");
    let gerd = make("Gerd", &["Espresso"], &[], "");
    let _ = bernd;
    buy(
        &mut store,
        carla,
        "05.03.2021",
        "18,00",
        "",
        "espresso-bohnen",
    );
    buy(&mut store, emil, "05.03.2024", "18,00", "", "Tee");
    customers::trash(&mut store, fritz, &c).unwrap();
    privacy::consent::record(
        &mut store,
        gerd,
        &ConsentInput {
            channel: ConsentChannel::Letter,
            given: false,
            on: String::new(),
            source: ConsentSource::Paper,
            wording: "Keine Werbung".into(),
        },
        &c,
    )
    .unwrap();
    let product = shop::save_new_product(
        &mut store,
        None,
        &NewProductInput {
            name: "Siebträger X".into(),
            category: "Espresso-Bohnen".into(),
            keywords: "Siebträger".into(),
            text: "Die neue Maschine für zu Hause".into(),
            new_since: "20.11.2026".into(),
            until: String::new(),
        },
        &c,
    )
    .unwrap();
    // Anna (interest "espresso" in the category), Carla (bought in it since 2021, any
    // case), Dora (her preference names the word), Gerd (interest); not Bernd (a compound
    // and the words in the wrong order), Emil (only his notes say it), Fritz (trash).
    let reached = shop::reached(&store, &product).unwrap();
    assert_eq!(
        reached.into_iter().collect::<Vec<_>>(),
        vec![
            (
                anna,
                NewsReason::Interest {
                    interest: "espresso".into()
                }
            ),
            (
                carla,
                NewsReason::Bought {
                    category: "Espresso-Bohnen".into(),
                    since: 2021
                }
            ),
            (
                dora,
                NewsReason::Preference {
                    label: "Kaffee".into(),
                    value: "Siebträger".into()
                }
            ),
            (
                gerd,
                NewsReason::Interest {
                    interest: "Espresso".into()
                }
            ),
        ]
    );
    let lines = shop::new_products(&store, c.today()).unwrap();
    assert_eq!((lines[0].reached, lines[0].current), (4, true));
    // On the agenda: the same but Gerd, who objected to advertising by letter and gave no
    // other consent.
    let mut told: Vec<CustomerId> = shop::agenda(&store, 100, &c)
        .unwrap()
        .items
        .into_iter()
        .filter(|i| matches!(i.occasion, Occasion::NewProduct { .. }))
        .map(|i| i.customer)
        .collect();
    told.sort();
    assert_eq!(told, vec![anna, carla, dora]);
    // Done for Anna: gone from her agenda; the product's end passed: gone for all.
    shop::done(&mut store, &format!("new:{}:{}", anna.0, product.id.0), &c).unwrap();
    let left = |store: &Store, clock: &Clock| {
        shop::agenda(store, 100, clock)
            .unwrap()
            .items
            .iter()
            .filter(|i| matches!(i.occasion, Occasion::NewProduct { .. }))
            .count()
    };
    assert_eq!(left(&store, &c), 2);
    assert_eq!(left(&store, &common::utc(2027, 2, 19, 9, 0)), 0);
    // Deleted: gone.
    shop::delete_new_product(&mut store, product.id).unwrap();
    assert!(shop::new_products(&store, c.today()).unwrap().is_empty());
}
