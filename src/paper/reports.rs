//! The reports on paper, each with its charts as vectors (the plotters SVG the screens
//! show) and the figures behind them: customer value (matrix and Pareto with the groups),
//! lost customers, the loyalty program, and a survey's results (NPS and CSAT trend, each
//! question, the comments).

use super::calls::money;
use super::customers::phase_label;
use super::flow::{Block, write_blocks};
use super::pdf::Orientation;
use super::profile::quadrant_label;
use super::table::{Column, Heading, Width, date_text};
use crate::Clock;
use crate::charts::ChartFormat;
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;
use crate::surveys::SurveyId;
use crate::value::segments::{Abc, Phase, Quadrant};
use serde::{Deserialize, Serialize};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "report")]
pub enum Report {
    /// The last value analysis: portfolio matrix, ABC analysis, phases.
    Value,
    /// Lost customers by reason and quarter.
    Lost { quarters: u32 },
    /// The loyalty program's points by month.
    Loyalty { months: u32 },
    /// A survey's results over the last `months` months (0: all).
    Survey { survey: SurveyId, months: u32 },
}

/// A chart the app shows, to save as PNG or SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "chart")]
pub enum ShopChart {
    /// The value screen's matrix and Pareto charts, a customer's revenue trend.
    Value {
        of: crate::value::shop::ChartKind,
    },
    Lost {
        quarters: u32,
    },
    Loyalty {
        months: u32,
    },
    /// A survey's NPS and CSAT by month over the last `months` months (0: all).
    SurveyTrend {
        survey: SurveyId,
        months: u32,
    },
}

impl ShopChart {
    /// The name a saved chart is offered under, without the ending.
    pub fn file_stem(&self, lang: Lang) -> &'static str {
        match self {
            ShopChart::Value { of } => of.file_stem(lang),
            ShopChart::Lost { .. } => lang.pick("Verlorene Kunden", "Lost customers"),
            ShopChart::Loyalty { .. } => lang.pick("Treueprogramm", "Loyalty program"),
            ShopChart::SurveyTrend { .. } => lang.pick("Umfrage-Verlauf", "Survey trend"),
        }
    }
}

/// Draws `chart` as PNG or SVG.
pub fn chart(
    store: &Store,
    chart: &ShopChart,
    format: ChartFormat,
    today: chrono::NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>> {
    match chart {
        ShopChart::Value { of } => crate::value::shop::chart(store, *of, format, today, lang),
        ShopChart::Lost { quarters } => {
            crate::care::shop::lost_chart(store, today, *quarters, lang, format)
        }
        ShopChart::Loyalty { months } => {
            crate::loyalty::shop::report_chart(store, today, *months, lang, format)
        }
        ShopChart::SurveyTrend { survey, months } => {
            let from = crate::surveys::shop::period_start(*months, today)?;
            crate::surveys::shop::trend_chart(store, *survey, from, lang, format)
        }
    }
}

fn percent(share: f64, lang: Lang) -> String {
    let text = format!("{:.1} %", share * 100.0);
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text.replace(" %", "%"),
    }
}

fn number(n: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{n:.decimals$}");
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

fn heading(
    store: &Store,
    title: String,
    filter: String,
    clock: &Clock,
    lang: Lang,
) -> Result<Heading> {
    Ok(Heading {
        shop: super::shop_name(store)?,
        title,
        filter,
        date: clock.today(),
        lang,
    })
}

/// The report as a PDF.
pub fn report(store: &Store, report: &Report, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    match report {
        Report::Value => value(store, clock, lang),
        Report::Lost { quarters } => lost(store, *quarters, clock, lang),
        Report::Loyalty { months } => loyalty(store, *months, clock, lang),
        Report::Survey { survey, months } => {
            let from = crate::surveys::shop::period_start(*months, clock.today())?;
            survey_results(store, *survey, from, *months, clock, lang)
        }
    }
}

fn group_table(
    groups: &[crate::value::shop::Group],
    name: impl Fn(&str) -> String,
    lang: Lang,
) -> Block {
    Block::Table {
        columns: vec![
            Column::text(lang.pick("Gruppe", "Group"), Width::Share(2.0)),
            Column::right(lang.pick("Kunden", "Customers"), Width::Share(1.0)),
            Column::right(lang.pick("Umsatz", "Revenue"), Width::Share(1.4)),
            Column::right(lang.pick("Anteil", "Share"), Width::Share(1.0)),
            Column::right(lang.pick("Kundenwert", "Customer value"), Width::Share(1.4)),
        ],
        rows: groups
            .iter()
            .map(|g| {
                vec![
                    name(&g.code),
                    g.customers.to_string(),
                    money(g.revenue_cents, lang),
                    percent(g.revenue_share, lang),
                    money(g.value_cents, lang),
                ]
            })
            .collect(),
    }
}

fn value(store: &Store, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    use crate::value::shop::{ChartKind, chart, overview};
    let title = lang.pick("Kundenwert", "Customer value").to_owned();
    let Some(o) = overview(store)? else {
        let h = heading(store, title, String::new(), clock, lang)?;
        return write_blocks(
            &h,
            Orientation::Portrait,
            &[Block::Note(
                lang.pick(
                    "Der Kundenwert wurde noch nicht berechnet.",
                    "The customer value has not been worked out yet.",
                )
                .to_owned(),
            )],
        );
    };
    let today = clock.today();
    let filter = match lang {
        Lang::De => format!(
            "Analyse mit den Einkäufen bis {} · {} Kunden mit Einkäufen · Kundenwert gesamt {}",
            date_text(o.model.calibration_end, lang),
            o.model.customers,
            money(o.total_value_cents, lang)
        ),
        Lang::En => format!(
            "Analysis of the purchases up to {} · {} customers with purchases · total value {}",
            date_text(o.model.calibration_end, lang),
            o.model.customers,
            money(o.total_value_cents, lang)
        ),
    };
    let blocks = vec![
        Block::Section(
            lang.pick("Kundenportfolio", "Customer portfolio")
                .to_owned(),
        ),
        Block::Chart(chart(
            store,
            ChartKind::Portfolio,
            ChartFormat::Svg,
            today,
            lang,
        )?),
        group_table(
            &o.quadrants,
            |code| {
                Quadrant::from_code(code)
                    .map_or_else(|| code.to_owned(), |q| quadrant_label(q, lang).to_owned())
            },
            lang,
        ),
        Block::Section(lang.pick("ABC-Analyse", "ABC analysis").to_owned()),
        Block::Chart(chart(
            store,
            ChartKind::Pareto,
            ChartFormat::Svg,
            today,
            lang,
        )?),
        group_table(
            &o.classes,
            |code| {
                Abc::from_code(code).map_or_else(
                    || code.to_owned(),
                    |c| {
                        format!(
                            "{}-{}",
                            c.code().to_uppercase(),
                            lang.pick("Kunden", "customers")
                        )
                    },
                )
            },
            lang,
        ),
        Block::Section(
            lang.pick("Phasen der Kundenbeziehung", "Relationship phases")
                .to_owned(),
        ),
        group_table(
            &o.phases,
            |code| {
                Phase::from_code(code)
                    .map_or_else(|| code.to_owned(), |p| phase_label(p, lang).to_owned())
            },
            lang,
        ),
    ];
    let h = heading(store, title, filter, clock, lang)?;
    write_blocks(&h, Orientation::Portrait, &blocks)
}

fn lost(store: &Store, quarters: u32, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    let today = clock.today();
    let stats = crate::care::shop::lost_stats(store, today, quarters)?;
    let chart = crate::care::shop::lost_chart(store, today, quarters, lang, ChartFormat::Svg)?;
    let filter = match lang {
        Lang::De => format!(
            "{} verlorene Kunden · {} Umsatz im Jahr davor · {} zurückgewonnen",
            stats.customers,
            money(stats.revenue_cents, lang),
            stats.won_back
        ),
        Lang::En => format!(
            "{} lost customers · {} revenue in the year before · {} won back",
            stats.customers,
            money(stats.revenue_cents, lang),
            stats.won_back
        ),
    };
    let blocks = vec![
        Block::Section(match lang {
            Lang::De => format!("Verlorener Umsatz der letzten {quarters} Quartale"),
            Lang::En => format!("Revenue lost in the last {quarters} quarters"),
        }),
        Block::Chart(chart),
        Block::Section(lang.pick("Nach Grund", "By reason").to_owned()),
        if stats.by_reason.is_empty() {
            Block::Note(
                lang.pick("Noch kein Kunde verloren.", "No customer lost yet.")
                    .to_owned(),
            )
        } else {
            Block::Table {
                columns: vec![
                    Column::text(lang.pick("Grund", "Reason"), Width::Share(3.0)),
                    Column::right(lang.pick("Kunden", "Customers"), Width::Share(1.0)),
                    Column::right(lang.pick("Umsatz", "Revenue"), Width::Share(1.5)),
                    Column::right(lang.pick("Zurückgewonnen", "Won back"), Width::Share(1.2)),
                ],
                rows: stats
                    .by_reason
                    .iter()
                    .map(|g| {
                        vec![
                            g.label.clone().unwrap_or_else(|| {
                                lang.pick("ohne Grund", "no reason given").to_owned()
                            }),
                            g.customers.to_string(),
                            money(g.revenue_cents, lang),
                            g.won_back.to_string(),
                        ]
                    })
                    .collect(),
            }
        },
    ];
    let h = heading(
        store,
        lang.pick("Verlorene Kunden", "Lost customers").to_owned(),
        filter,
        clock,
        lang,
    )?;
    write_blocks(&h, Orientation::Portrait, &blocks)
}

fn loyalty(store: &Store, months: u32, clock: &Clock, lang: Lang) -> Result<Vec<u8>> {
    let today = clock.today();
    let r = crate::loyalty::shop::program_report(store, today, months)?;
    let chart = crate::loyalty::shop::report_chart(store, today, months, lang, ChartFormat::Svg)?;
    let rate = r
        .redemption_rate
        .map_or_else(|| "–".to_owned(), |p| percent(p / 100.0, lang));
    let facts = [
        (lang.pick("Mitglieder", "Members"), r.members.to_string()),
        (
            lang.pick("Aktiv im Zeitraum", "Active in the period"),
            r.active_members.to_string(),
        ),
        (
            lang.pick("Offene Punkte", "Outstanding points"),
            format!("{} ({})", r.outstanding, money(r.outstanding_cents, lang)),
        ),
        (lang.pick("Ausgegeben", "Issued"), r.issued.to_string()),
        (lang.pick("Eingelöst", "Redeemed"), r.redeemed.to_string()),
        (lang.pick("Verfallen", "Expired"), r.expired.to_string()),
        (lang.pick("Einlösequote", "Redemption rate"), rate),
    ];
    let mut blocks = vec![Block::Section(
        lang.pick("Überblick", "Overview").to_owned(),
    )];
    blocks.extend(facts.into_iter().map(|(l, v)| Block::Fact(l.to_owned(), v)));
    blocks.push(Block::Section(
        lang.pick("Punkte je Monat", "Points by month").to_owned(),
    ));
    blocks.push(Block::Chart(chart));
    blocks.push(Block::Table {
        columns: vec![
            Column::text(lang.pick("Monat", "Month"), Width::Share(1.0)),
            Column::right(lang.pick("Ausgegeben", "Issued"), Width::Share(1.0)),
            Column::right(lang.pick("Eingelöst", "Redeemed"), Width::Share(1.0)),
            Column::right(lang.pick("Verfallen", "Expired"), Width::Share(1.0)),
            Column::right(lang.pick("Zurückgebucht", "Taken back"), Width::Share(1.0)),
        ],
        rows: r
            .months
            .iter()
            .map(|m| {
                vec![
                    m.month.clone(),
                    m.issued.to_string(),
                    m.redeemed.to_string(),
                    m.expired.to_string(),
                    m.taken_back.to_string(),
                ]
            })
            .collect(),
    });
    let filter = match lang {
        Lang::De => format!("Die letzten {months} Monate"),
        Lang::En => format!("The last {months} months"),
    };
    let h = heading(
        store,
        lang.pick("Treueprogramm", "Loyalty program").to_owned(),
        filter,
        clock,
        lang,
    )?;
    write_blocks(&h, Orientation::Portrait, &blocks)
}

fn survey_results(
    store: &Store,
    survey: SurveyId,
    from: chrono::NaiveDate,
    months: u32,
    clock: &Clock,
    lang: Lang,
) -> Result<Vec<u8>> {
    use crate::surveys::template::QuestionKind;
    let template = crate::surveys::shop::template(store, survey)?.template;
    let r = crate::surveys::shop::results(store, survey, from)?;
    let chart = crate::surveys::shop::trend_chart(store, survey, from, lang, ChartFormat::Svg)?;
    let comments = crate::surveys::shop::comments(store, survey, from, 200)?;
    let mut blocks = vec![Block::Section(
        lang.pick("Überblick", "Overview").to_owned(),
    )];
    blocks.push(Block::Fact(
        lang.pick("Antworten", "Responses").to_owned(),
        match lang {
            Lang::De => format!("{} (davon {} vollständig)", r.responses, r.complete),
            Lang::En => format!("{} ({} complete)", r.responses, r.complete),
        },
    ));
    if let Some(nps) = r.nps {
        blocks.push(Block::Fact(
            "NPS".to_owned(),
            match lang {
                Lang::De => format!(
                    "{} ({} Promotoren, {} Passive, {} Kritiker)",
                    number(nps, 0, lang),
                    r.nps_counts.promoters,
                    r.nps_counts.passives,
                    r.nps_counts.detractors
                ),
                Lang::En => format!(
                    "{} ({} promoters, {} passives, {} detractors)",
                    number(nps, 0, lang),
                    r.nps_counts.promoters,
                    r.nps_counts.passives,
                    r.nps_counts.detractors
                ),
            },
        ));
    }
    if let Some(csat) = r.csat {
        blocks.push(Block::Fact("CSAT".to_owned(), percent(csat / 100.0, lang)));
    }
    blocks.push(Block::Section(lang.pick("Verlauf", "Trend").to_owned()));
    blocks.push(Block::Chart(chart));
    blocks.push(Block::Section(
        lang.pick("Je Frage", "Per question").to_owned(),
    ));
    for (n, (q, result)) in template.questions.iter().zip(&r.questions).enumerate() {
        let answer = match &q.kind {
            QuestionKind::Nps => result
                .nps_score
                .map_or_else(|| "–".to_owned(), |s| format!("NPS {}", number(s, 0, lang))),
            QuestionKind::Rating { .. } => match (result.average, result.csat) {
                (Some(avg), Some(csat)) => format!(
                    "Ø {} · CSAT {}",
                    number(avg, 1, lang),
                    percent(csat / 100.0, lang)
                ),
                _ => "–".to_owned(),
            },
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                options
                    .iter()
                    .zip(&result.choices)
                    .map(|(o, n)| format!("{}: {n}", o.get(lang)))
                    .collect::<Vec<_>>()
                    .join(" · ")
            }
            _ => match lang {
                Lang::De => format!("{} Antworten", result.answered),
                Lang::En => format!("{} answers", result.answered),
            },
        };
        blocks.push(Block::Fact(
            format!("{} {}", lang.pick("Frage", "Question"), n + 1),
            format!("{} — {answer}", q.text.get(lang)),
        ));
    }
    blocks.push(Block::Section(
        lang.pick("Kommentare", "Comments").to_owned(),
    ));
    if comments.is_empty() {
        blocks.push(Block::Note(lang.pick("Keine.", "None.").to_owned()));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                Column::text(lang.pick("Datum", "Date"), Width::Mm(22.0)),
                Column::text(lang.pick("Kunde", "Customer"), Width::Share(1.4)),
                Column::text(lang.pick("Kommentar", "Comment"), Width::Share(4.0)),
            ],
            rows: comments
                .iter()
                .map(|c| {
                    vec![
                        date_text(c.on, lang),
                        c.customer_name.clone().unwrap_or_default(),
                        c.text.clone(),
                    ]
                })
                .collect(),
        });
    }
    let filter = match (lang, months) {
        (Lang::De, 0) => "Alle Antworten".to_owned(),
        (Lang::En, 0) => "All responses".to_owned(),
        (Lang::De, _) => format!("Antworten ab {}", date_text(from, lang)),
        (Lang::En, _) => format!("Responses from {}", date_text(from, lang)),
    };
    let h = heading(
        store,
        template.title.get(lang).to_owned(),
        filter,
        clock,
        lang,
    )?;
    write_blocks(&h, Orientation::Portrait, &blocks)
}
