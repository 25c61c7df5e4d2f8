//! The next step ★: for a customer, the measures of the catalogue that fit their matrix
//! field and phase, ranked, each with the reasons. The rules are a table, one row per
//! field × phase ([`RULES`], printed in docs/CARE.md): what to aim for, which channels suit
//! it best, how much a measure may cost, and whether the step goes on the agenda without
//! anybody assigning it. ABC class A, an open complaint and the top tier of the loyalty
//! program lift personal measures (a visit, a call, an event).
//!
//! How a measure is ranked (higher first):
//! - it must fit: its fields empty or holding the customer's field, its phases empty or
//!   holding the phase, its cost within the row's limit (a limit of `None`: any cost);
//! - +1 when it names the field, +3 when it names the phase (made for this case beats
//!   "for everybody", and a phase is the narrower case);
//! - +3, +2, +1 when its channel is the row's first, second or third channel;
//! - personal channels +3 with an open complaint, +1 for class A, +1 in the top tier;
//! - ties: the cheaper first, then the older measure.

use super::plan::{Measure, MeasureId};
use crate::customers::CustomerId;
use crate::employees::EmployeeId;
use crate::interactions::Channel;
use crate::value::segments::{Abc, Phase, Quadrant};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A step done in the same field and phase keeps the agenda quiet about the customer for
/// this many days.
pub const DONE_PAUSE_DAYS: i64 = 90;
/// "Not now" without a day: back after this many days.
pub const NOT_NOW_DAYS: u32 = 30;

/// What a row of the table aims for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Aim {
    /// A new customer worth a lot: make them feel welcome and known.
    Welcome,
    /// Potential not yet used: offer more, invite, advise.
    Develop,
    /// The best customers, steady: exclusive attention.
    Cultivate,
    /// Steady revenue with little more to gain: serve well, keep the bond.
    Keep,
    /// A valuable customer drifting away: act now, personally.
    Rescue,
    /// Gone, but worth it: win them back.
    WinBack,
    /// Small and steady: efficient, written contact.
    Serve,
    /// Small and gone: at most a free written word.
    LetGo,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub quadrant: Quadrant,
    pub phase: Phase,
    pub aim: Aim,
    /// The channels that suit the aim, best first.
    pub channels: &'static [Channel],
    /// The most a measure may cost, in cents; `None`: any cost.
    pub max_cost_cents: Option<i64>,
    /// Whether the best step goes on the agenda by itself (else only when assigned), and
    /// how many days after the analysis that saw the customer there it is due.
    pub agenda_days: Option<u32>,
}

use Channel::{Email, Event, Letter, Phone, Visit};

const fn rule(
    quadrant: Quadrant,
    phase: Phase,
    aim: Aim,
    channels: &'static [Channel],
    max_cost_cents: Option<i64>,
    agenda_days: Option<u32>,
) -> Rule {
    Rule {
        quadrant,
        phase,
        aim,
        channels,
        max_cost_cents,
        agenda_days,
    }
}

/// The table: every matrix field × phase.
pub const RULES: [Rule; 20] = {
    use Aim::*;
    use Phase::{AtRisk, Established, Growing, Lost, New};
    use Quadrant::{Development, Premium, Small, Top};
    [
        rule(Top, New, Welcome, &[Visit, Phone, Event], None, Some(7)),
        rule(Top, Growing, Develop, &[Visit, Event, Phone], None, None),
        rule(
            Top,
            Established,
            Cultivate,
            &[Event, Visit, Email],
            None,
            None,
        ),
        rule(Top, AtRisk, Rescue, &[Visit, Phone, Letter], None, Some(3)),
        rule(Top, Lost, WinBack, &[Visit, Phone, Letter], None, Some(7)),
        rule(
            Development,
            New,
            Welcome,
            &[Phone, Email, Event],
            Some(3_000),
            Some(14),
        ),
        rule(
            Development,
            Growing,
            Develop,
            &[Event, Phone, Email],
            Some(3_000),
            None,
        ),
        rule(
            Development,
            Established,
            Develop,
            &[Phone, Event, Email],
            Some(3_000),
            None,
        ),
        rule(
            Development,
            AtRisk,
            Rescue,
            &[Phone, Letter, Email],
            Some(2_000),
            Some(7),
        ),
        rule(
            Development,
            Lost,
            WinBack,
            &[Letter, Email, Phone],
            Some(1_000),
            None,
        ),
        rule(
            Premium,
            New,
            Welcome,
            &[Phone, Letter, Email],
            Some(2_000),
            None,
        ),
        rule(
            Premium,
            Growing,
            Keep,
            &[Phone, Email, Letter],
            Some(2_000),
            None,
        ),
        rule(
            Premium,
            Established,
            Keep,
            &[Phone, Letter, Email],
            Some(2_000),
            None,
        ),
        rule(
            Premium,
            AtRisk,
            Rescue,
            &[Phone, Visit, Letter],
            Some(5_000),
            Some(7),
        ),
        rule(
            Premium,
            Lost,
            WinBack,
            &[Letter, Phone, Email],
            Some(1_000),
            Some(14),
        ),
        rule(Small, New, Welcome, &[Email, Letter], Some(500), None),
        rule(Small, Growing, Develop, &[Email, Letter], Some(500), None),
        rule(Small, Established, Serve, &[Email, Letter], Some(500), None),
        rule(Small, AtRisk, Keep, &[Email, Letter], Some(500), None),
        rule(Small, Lost, LetGo, &[Email], Some(0), None),
    ]
};

/// The row for a field and phase.
pub fn rule_for(quadrant: Quadrant, phase: Phase) -> &'static Rule {
    // Every combination has its row (the table's test checks it).
    RULES
        .iter()
        .find(|r| r.quadrant == quadrant && r.phase == phase)
        .unwrap_or(&RULES[0])
}

/// What the ranking looks at besides the table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Situation {
    pub quadrant: Option<Quadrant>,
    pub phase: Option<Phase>,
    pub abc: Option<Abc>,
    pub open_complaints: u32,
    /// The customer's loyalty tier, and whether it is the program's highest.
    pub tier: Option<(String, bool)>,
    /// The customer's consents: a measure on a channel they do not allow is not
    /// suggested (`None`: not checked).
    pub consents: Option<crate::privacy::Consents>,
}

/// Why a measure is suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum StepReason {
    /// The field × phase row and its aim ("Topkunde, Phase gefährdet → retten").
    #[serde(rename_all = "camelCase")]
    Segment {
        quadrant: Quadrant,
        phase: Phase,
        aim: Aim,
    },
    /// The measure is made for this field or phase.
    #[serde(rename_all = "camelCase")]
    MadeFor {
        quadrant: bool,
        phase: bool,
    },
    /// Its channel is one the aim suits (1 = the best).
    #[serde(rename_all = "camelCase")]
    Channel {
        channel: Channel,
        rank: u32,
    },
    #[serde(rename_all = "camelCase")]
    OpenComplaints {
        count: u32,
    },
    ClassA,
    #[serde(rename_all = "camelCase")]
    TopTier {
        tier: String,
    },
}

/// A measure suggested for a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Suggested {
    pub measure: MeasureId,
    pub name: String,
    pub channel: Channel,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub cost_cents: i64,
    /// Who carries it out by the catalogue.
    pub employee: Option<EmployeeId>,
    pub points: u32,
    pub reasons: Vec<StepReason>,
}

fn personal(channel: Channel) -> bool {
    matches!(channel, Phone | Visit | Event)
}

/// The measures of `catalogue` that fit the customer's situation, best first, with their
/// reasons. Without a field or phase (no analysis yet) nothing is suggested.
pub fn suggest(situation: &Situation, catalogue: &[Measure]) -> Vec<Suggested> {
    let (Some(quadrant), Some(phase)) = (situation.quadrant, situation.phase) else {
        return Vec::new();
    };
    let row = rule_for(quadrant, phase);
    let mut out: Vec<(Suggested, i64)> = catalogue
        .iter()
        .filter(|m| m.quadrants.is_empty() || m.quadrants.contains(&quadrant))
        .filter(|m| m.phases.is_empty() || m.phases.contains(&phase))
        .filter(|m| row.max_cost_cents.is_none_or(|max| m.cost_cents <= max))
        .filter(|m| {
            situation
                .consents
                .is_none_or(|c| c.allows_contact(m.channel))
        })
        .map(|m| {
            let mut points = 0;
            let mut reasons = vec![StepReason::Segment {
                quadrant,
                phase,
                aim: row.aim,
            }];
            let (for_field, for_phase) = (!m.quadrants.is_empty(), !m.phases.is_empty());
            points += u32::from(for_field) + 3 * u32::from(for_phase);
            if for_field || for_phase {
                reasons.push(StepReason::MadeFor {
                    quadrant: for_field,
                    phase: for_phase,
                });
            }
            if let Some(i) = row.channels.iter().position(|c| *c == m.channel) {
                let rank = i as u32 + 1;
                points += 4 - rank.min(3);
                reasons.push(StepReason::Channel {
                    channel: m.channel,
                    rank,
                });
            }
            if personal(m.channel) {
                if situation.open_complaints > 0 {
                    points += 3;
                    reasons.push(StepReason::OpenComplaints {
                        count: situation.open_complaints,
                    });
                }
                if situation.abc == Some(Abc::A) {
                    points += 1;
                    reasons.push(StepReason::ClassA);
                }
                if let Some((tier, true)) = &situation.tier {
                    points += 1;
                    reasons.push(StepReason::TopTier { tier: tier.clone() });
                }
            }
            let s = Suggested {
                measure: m.id,
                name: m.name.clone(),
                channel: m.channel,
                cost_cents: m.cost_cents,
                employee: m.employee_id,
                points,
                reasons,
            };
            (s, m.id.0)
        })
        .collect();
    out.sort_by(|(a, a_id), (b, b_id)| {
        b.points
            .cmp(&a.points)
            .then(a.cost_cents.cmp(&b.cost_cents))
            .then(a_id.cmp(b_id))
    });
    out.into_iter().map(|(s, _)| s).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct StepEventId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// What happened to a suggested measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StepAction {
    Assigned,
    Done,
    NotNow,
}

impl StepAction {
    pub fn code(self) -> &'static str {
        match self {
            StepAction::Assigned => "assigned",
            StepAction::Done => "done",
            StepAction::NotNow => "notNow",
        }
    }

    pub fn from_code(code: &str) -> Option<StepAction> {
        [StepAction::Assigned, StepAction::Done, StepAction::NotNow]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

/// One event of a suggested measure, as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StepEvent {
    pub id: StepEventId,
    pub customer: CustomerId,
    /// `None` once the measure left the catalogue.
    pub measure: Option<MeasureId>,
    pub measure_name: String,
    pub channel: Channel,
    pub quadrant: Option<Quadrant>,
    pub phase: Option<Phase>,
    pub action: StepAction,
    pub assignee: Option<EmployeeId>,
    pub assignee_name: Option<String>,
    /// Assigned: due on; not now: back on.
    pub due_on: Option<NaiveDate>,
    pub note: String,
    /// Who recorded it.
    pub employee_id: Option<EmployeeId>,
    pub employee_name: Option<String>,
    /// The shop's local time.
    pub at: NaiveDateTime,
}

/// Where a customer's steps stand on `today` (`events` in the order they happened).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepState<'a> {
    /// Measures assigned and neither done nor put off since, by measure.
    pub assigned: Vec<&'a StepEvent>,
    /// A step was done in this field and phase within [`DONE_PAUSE_DAYS`], or put off
    /// until after today: the agenda suggests nothing by itself.
    pub paused: bool,
    /// The latest event of each measure.
    pub latest: HashMap<MeasureId, &'a StepEvent>,
}

pub fn state_of<'a>(
    events: impl IntoIterator<Item = &'a StepEvent>,
    quadrant: Option<Quadrant>,
    phase: Option<Phase>,
    today: NaiveDate,
) -> StepState<'a> {
    let mut state = StepState::default();
    for e in events {
        let same = e.quadrant == quadrant && e.phase == phase;
        match e.action {
            StepAction::Done if same => {
                state.paused |= (today - e.at.date()).num_days() < DONE_PAUSE_DAYS;
            }
            StepAction::NotNow if same => {
                state.paused |= e.due_on.is_some_and(|back| back > today);
            }
            _ => {}
        }
        if let Some(m) = e.measure {
            state.latest.insert(m, e);
        }
    }
    let mut assigned: Vec<&StepEvent> = state
        .latest
        .values()
        .filter(|e| e.action == StepAction::Assigned)
        .copied()
        .collect();
    assigned.sort_by_key(|e| e.id);
    state.assigned = assigned;
    state
}

/// The day a suggested step is due by the table: `agenda_days` after the analysis that
/// saw the customer in the row; `None` when the row does not put it on the agenda.
pub fn due_by_table(rule: &Rule, analysed_on: NaiveDate) -> Option<NaiveDate> {
    rule.agenda_days
        .map(|days| analysed_on + Duration::days(i64::from(days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn measure(
        id: i64,
        name: &str,
        channel: Channel,
        cents: i64,
        quadrants: &[Quadrant],
        phases: &[Phase],
    ) -> Measure {
        Measure {
            id: MeasureId(id),
            name: name.into(),
            channel,
            cost_cents: cents,
            quadrants: quadrants.to_vec(),
            phases: phases.to_vec(),
            employee_id: None,
            note: String::new(),
            created_at: DateTime::<Utc>::default(),
        }
    }

    /// The catalogue a new shop starts with (migration 0010), in the same order.
    pub(crate) fn default_catalogue() -> Vec<Measure> {
        use Phase::*;
        use Quadrant::*;
        vec![
            measure(
                1,
                "Persönlicher Besuch",
                Visit,
                5000,
                &[Top, Development],
                &[],
            ),
            measure(2, "Anruf", Phone, 500, &[], &[]),
            measure(3, "Geburtstagskarte", Letter, 300, &[], &[]),
            measure(4, "Kleines Geschenk", Visit, 1500, &[Top, Premium], &[]),
            measure(
                5,
                "Exklusiver Vorabzugang zu Neuheiten",
                Email,
                0,
                &[Top, Premium],
                &[Established],
            ),
            measure(
                6,
                "Treuerabatt",
                Letter,
                1000,
                &[Top, Development],
                &[AtRisk],
            ),
            measure(7, "Besonderer Service", Visit, 2000, &[Top], &[]),
            measure(8, "Sonderanfertigung", Visit, 0, &[Top, Premium], &[]),
            measure(
                9,
                "Einladung zur Veranstaltung",
                Event,
                2500,
                &[Top, Development, Premium],
                &[],
            ),
            measure(10, "Partnerangebot", Email, 0, &[Development, Small], &[]),
            measure(11, "Newsletter", Email, 10, &[Small], &[]),
        ]
    }

    #[test]
    fn the_table_has_one_row_per_field_and_phase() {
        for q in Quadrant::ALL {
            for p in Phase::ALL {
                let rows: Vec<&Rule> = RULES
                    .iter()
                    .filter(|r| r.quadrant == q && r.phase == p)
                    .collect();
                assert_eq!(rows.len(), 1, "{q:?} × {p:?}");
                assert_eq!(rule_for(q, p), rows[0]);
                assert!(!rows[0].channels.is_empty());
            }
        }
    }

    /// The documented table (docs/CARE.md): for every field × phase, the first three
    /// measures of the default catalogue, for a customer without class A, complaint or
    /// top tier.
    #[test]
    fn each_field_and_phase_suggests_what_the_table_says() {
        use Phase::*;
        use Quadrant::*;
        let expected: [(Quadrant, Phase, &[&str]); 20] = [
            (
                Top,
                New,
                &[
                    "Sonderanfertigung",
                    "Kleines Geschenk",
                    "Besonderer Service",
                ],
            ),
            (
                Top,
                Growing,
                &[
                    "Sonderanfertigung",
                    "Kleines Geschenk",
                    "Besonderer Service",
                ],
            ),
            (
                Top,
                Established,
                &[
                    "Exklusiver Vorabzugang zu Neuheiten",
                    "Einladung zur Veranstaltung",
                    "Sonderanfertigung",
                ],
            ),
            (
                Top,
                AtRisk,
                &["Treuerabatt", "Sonderanfertigung", "Kleines Geschenk"],
            ),
            (
                Top,
                Lost,
                &[
                    "Sonderanfertigung",
                    "Kleines Geschenk",
                    "Besonderer Service",
                ],
            ),
            (
                Development,
                New,
                &["Partnerangebot", "Anruf", "Einladung zur Veranstaltung"],
            ),
            (
                Development,
                Growing,
                &["Einladung zur Veranstaltung", "Partnerangebot", "Anruf"],
            ),
            (
                Development,
                Established,
                &["Anruf", "Einladung zur Veranstaltung", "Partnerangebot"],
            ),
            (
                Development,
                AtRisk,
                &["Treuerabatt", "Anruf", "Partnerangebot"],
            ),
            (
                Development,
                Lost,
                &["Partnerangebot", "Geburtstagskarte", "Anruf"],
            ),
            (
                Premium,
                New,
                &["Anruf", "Geburtstagskarte", "Sonderanfertigung"],
            ),
            (
                Premium,
                Growing,
                &["Anruf", "Sonderanfertigung", "Geburtstagskarte"],
            ),
            (
                Premium,
                Established,
                &[
                    "Exklusiver Vorabzugang zu Neuheiten",
                    "Anruf",
                    "Geburtstagskarte",
                ],
            ),
            (
                Premium,
                AtRisk,
                &["Sonderanfertigung", "Anruf", "Kleines Geschenk"],
            ),
            (
                Premium,
                Lost,
                &["Geburtstagskarte", "Anruf", "Sonderanfertigung"],
            ),
            (
                Small,
                New,
                &["Partnerangebot", "Newsletter", "Geburtstagskarte"],
            ),
            (
                Small,
                Growing,
                &["Partnerangebot", "Newsletter", "Geburtstagskarte"],
            ),
            (
                Small,
                Established,
                &["Partnerangebot", "Newsletter", "Geburtstagskarte"],
            ),
            (
                Small,
                AtRisk,
                &["Partnerangebot", "Newsletter", "Geburtstagskarte"],
            ),
            (Small, Lost, &["Partnerangebot"]),
        ];
        let catalogue = default_catalogue();
        for (q, p, names) in expected {
            let situation = Situation {
                quadrant: Some(q),
                phase: Some(p),
                ..Default::default()
            };
            let got: Vec<String> = suggest(&situation, &catalogue)
                .into_iter()
                .take(3)
                .map(|s| s.name)
                .collect();
            assert_eq!(got, names, "{q:?} × {p:?}");
        }
    }

    #[test]
    fn complaints_class_a_and_the_top_tier_lift_personal_measures() {
        let catalogue = vec![
            measure(1, "Brief", Letter, 0, &[], &[]),
            measure(2, "Anruf", Phone, 500, &[], &[]),
        ];
        let best = |situation: &Situation| suggest(situation, &catalogue)[0].name.clone();
        // Premium × lost: letters first (Letter, Phone, Email).
        let mut s = Situation {
            quadrant: Some(Quadrant::Premium),
            phase: Some(Phase::Lost),
            ..Default::default()
        };
        assert_eq!(best(&s), "Brief");
        // Class A (+1) makes it a tie (3 : 3), the cheaper letter stays first …
        s.abc = Some(Abc::A);
        assert_eq!(best(&s), "Brief");
        // … the top tier on top tips it to the call, with both reasons.
        s.tier = Some(("Gold".into(), true));
        let first = &suggest(&s, &catalogue)[0];
        assert_eq!(first.name, "Anruf");
        assert!(first.reasons.contains(&StepReason::ClassA));
        assert!(first.reasons.contains(&StepReason::TopTier {
            tier: "Gold".into()
        }));
        // A tier that is not the highest counts nothing.
        s.tier = Some(("Silber".into(), false));
        assert_eq!(best(&s), "Brief");
        // An open complaint: talk to them.
        s.abc = None;
        s.tier = None;
        s.open_complaints = 1;
        let first = &suggest(&s, &catalogue)[0];
        assert_eq!(first.name, "Anruf");
        assert!(
            first
                .reasons
                .contains(&StepReason::OpenComplaints { count: 1 })
        );
        // No analysis yet: nothing to suggest.
        assert!(suggest(&Situation::default(), &catalogue).is_empty());
    }

    #[test]
    fn the_cost_limit_keeps_dear_measures_from_small_customers() {
        let catalogue = vec![measure(1, "Geschenkkorb", Letter, 4_000, &[], &[])];
        let for_ = |q| {
            suggest(
                &Situation {
                    quadrant: Some(q),
                    phase: Some(Phase::AtRisk),
                    ..Default::default()
                },
                &catalogue,
            )
            .len()
        };
        // Top: any cost; Premium up to 50 €; Development up to 20 €; Small up to 5 €.
        assert_eq!(
            Quadrant::ALL.map(for_),
            [1, 0, 1, 0],
            "Top, Development, Premium, Small"
        );
    }
}
