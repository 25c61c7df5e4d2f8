//! `stammkunde-cli`: the core's functions on the command line, for scripting and automation.
//! It opens the same database file as the desktop app unless told otherwise.

use chrono::Datelike;
use clap::{Args, Parser, Subcommand};
use stammkunde::backup::{self, BackupProblem};
use stammkunde::customers::CustomerFilter;
use stammkunde::customers::{self, CustomerInput, CustomerKind, CustomerSummary};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::duplicates;
use stammkunde::io::export::{self, ExportFormat};
use stammkunde::io::import::{self, ImportField, ImportOptions, ImportPreview, ImportProblem};
use stammkunde::io::table;
use stammkunde::paper::{
    self,
    calls::CallRange,
    customers::{CustomerListPrint, ListColumn},
    labels::LabelSource,
    pdf::Orientation,
};
use stammkunde::store::{DB_ENV, resolve_db_path};
use stammkunde::{Clock, Error, Lang, Store, loyalty, value};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[path = "stammkunde-cli/args.rs"]
mod args;
use args::*;
#[path = "stammkunde-cli/privacy.rs"]
mod privacy;

#[path = "stammkunde-cli/print.rs"]
mod print;
use print::*;

fn system_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map_or(Lang::De, |v| Lang::from_locale(&v))
}

fn main() -> ExitCode {
    let Cli {
        db,
        json,
        lang,
        command,
    } = Cli::parse();
    let lang = lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(system_lang);
    // The one clock of this call (the core never reads the system clock).
    let clock = Clock::system();
    let done = run(command, db.as_deref(), json, lang, &clock);
    // A backup taken before an import or merge is checked behind it: done before exiting.
    backup::wait_for_checks();
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let report = err.report(lang);
            if json {
                eprintln!("{}", serde_json::to_string(&report).unwrap_or_default());
            } else {
                eprintln!("{}", report.message);
                for f in &report.fields {
                    eprintln!("  {}: {}", f.field.label(lang), f.message);
                }
            }
            ExitCode::from(if matches!(err, Error::Validation(_) | Error::Import(_)) {
                2
            } else {
                1
            })
        }
    }
}

fn run(
    command: Command,
    db: Option<&std::path::Path>,
    json: bool,
    lang: Lang,
    clock: &Clock,
) -> Result<(), Error> {
    if let Command::Value(ValueCommand::Fit {
        summary: Some(file),
        years,
        discount_rate,
        params_only,
        format,
        ..
    }) = &command
    {
        let (data, ids) = value::summary::read_summary(
            std::io::BufReader::new(std::fs::File::open(file)?),
            !params_only,
        )
        .map_err(Error::Internal)?;
        let horizon = value::Horizon {
            years: *years,
            discount_rate: *discount_rate,
        };
        let format = fit_format(*format, json);
        print_value_fit(&data, ids.iter(), horizon, *params_only, None, format, lang)?;
        return Ok(());
    }
    let path = resolve_db_path(db)?;
    if let Some(done) = run_on_file(&command, &path, json, lang, clock) {
        return done;
    }
    // Never write to a damaged file, and keep a copy before its schema is upgraded.
    backup::refuse_damaged(&path)?;
    backup::before_migration(&path, clock)?;
    let mut store = Store::open(&path)?;
    match command {
        Command::Customers(CustomersCommand::Add(args)) => {
            let input = CustomerInput::from(*args);
            let customer = customers::create(&mut store, &input, clock)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&customer).unwrap_or_default()
                );
            } else {
                println!("{}\t{}", customer.number, customer.display_name);
            }
        }
        Command::Demo {
            customers,
            years,
            purchases_per_year,
            seed,
        } => {
            let options = DemoOptions {
                customers,
                years,
                seed,
                purchases_per_year,
            };
            let summary = demo::load(&mut store, &options, clock)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&summary).unwrap_or_default()
                );
            } else {
                println!(
                    "{} customers, {} purchases, {} interactions",
                    summary.customers, summary.purchases, summary.interactions
                );
            }
        }
        Command::Import(ImportCommand::Customers {
            file,
            mapping,
            dry_run,
            skip_invalid,
            skip_duplicates,
        }) => {
            let table = table::read_path(&file)?;
            let mut columns = import::mapping_for(&store, &table.headers)?;
            if let Some(spec) = mapping {
                apply_mapping(&table.headers, &mut columns, &spec)?;
            }
            let preview = import::preview(&store, &table, &columns, clock.today(), lang)?;
            if dry_run || json {
                if json && dry_run {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&preview).unwrap_or_default()
                    );
                } else {
                    print_preview(&preview, lang);
                }
                if dry_run {
                    return Ok(());
                }
            }
            let options = ImportOptions {
                skip_invalid,
                skip_duplicates,
            };
            let cancel = AtomicBool::new(false);
            let summary = import::import_customers(
                &mut store,
                &table,
                &columns,
                options,
                &mut |_, _| {},
                &cancel,
                clock,
            );
            let summary = match summary {
                Err(e @ Error::Import(ImportProblem::InvalidRows { .. })) => {
                    print_preview(&preview, lang);
                    return Err(e);
                }
                other => other?,
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&summary).unwrap_or_default()
                );
            } else {
                println!(
                    "{} imported, {} left out with problems, {} left out as likely duplicates",
                    summary.imported, summary.skipped_invalid, summary.skipped_duplicates
                );
            }
        }
        Command::Import(ImportCommand::Purchases { file, dry_run }) => {
            let table = table::read_path(&file)?;
            match import::import_purchases(&mut store, &table, dry_run, lang, clock)? {
                Ok(n) if dry_run => println!("{n} purchases checked, nothing written (--dry-run)"),
                Ok(n) => println!("{n} purchases imported"),
                Err(problems) => {
                    for p in &problems {
                        eprintln!("line {}: {}: {}", p.line, p.field.label(lang), p.message);
                    }
                    return Err(Error::Import(ImportProblem::InvalidRows {
                        count: problems
                            .iter()
                            .map(|p| p.line)
                            .collect::<std::collections::HashSet<_>>()
                            .len() as u32,
                        first_line: problems[0].line,
                    }));
                }
            }
        }
        Command::Export(ExportCommand::Customers { file, filter }) => {
            let name = file.to_string_lossy();
            let format = ExportFormat::from_name(&name).ok_or_else(|| {
                Error::Io(std::io::Error::other(
                    "the file must end in .csv, .xlsx or .vcf",
                ))
            })?;
            let filter = CustomerFilter::from(filter);
            let list = export::customers_for_export(&store, &filter, clock.today())?;
            std::fs::write(&file, export::export(&list, format)?)?;
            println!("{} customers written to {name}", list.len());
        }
        Command::Print(print) => print_document(*print, &store, clock, lang)?,
        Command::Calendar {
            out,
            no_birthdays,
            no_agenda,
        } => {
            let choice = stammkunde::care::calendar::CalendarChoice {
                birthdays: !no_birthdays,
                agenda: !no_agenda,
            };
            let bytes = stammkunde::care::calendar::ics(&store, choice, clock, lang)?;
            paper::save(&out, &bytes)?;
            if !json {
                println!("{}", out.display());
            }
        }
        Command::Customers(
            c @ (CustomersCommand::Erase { .. }
            | CustomersCommand::Data { .. }
            | CustomersCommand::Consent { .. }
            | CustomersCommand::PurgeTrash { .. }),
        ) => privacy::customers(c, &mut store, json, lang, clock)?,
        Command::Audit {
            customer,
            action,
            from,
            to,
            limit,
        } => privacy::audit(&store, customer, action, from, to, limit, json, lang)?,
        Command::Value(ValueCommand::Fit {
            calibration_end,
            years,
            discount_rate,
            params_only,
            format,
            ..
        }) => {
            let end = calibration_end.unwrap_or_else(|| clock.today());
            let rows = value::shop_summaries(&store, end)?;
            let data: Vec<value::Rfm> = rows.iter().map(|(_, _, rfm)| *rfm).collect();
            let horizon = value::Horizon {
                years,
                discount_rate,
            };
            let ids = rows.iter().map(|(_, number, _)| number.as_str());
            let format = fit_format(format, json);
            print_value_fit(&data, ids, horizon, params_only, Some(end), format, lang)?;
        }
        Command::Loyalty(LoyaltyCommand::Upkeep) => {
            let done = loyalty::shop::upkeep(&mut store, clock)?;
            if json {
                println!("{}", serde_json::to_string(&done).unwrap_or_default());
            } else {
                println!(
                    "{} accounts with expired points, {} birthday bonuses booked",
                    done.expired_accounts, done.birthday_bonuses
                );
            }
        }
        Command::Loyalty(LoyaltyCommand::Report { months }) => {
            let report = loyalty::shop::report_today(&mut store, months, clock)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Command::Duplicates { limit } => {
            let pairs = duplicates::find(&store, limit)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&pairs).unwrap_or_default()
                );
            } else {
                for p in &pairs {
                    let reasons: Vec<&str> = p.reasons.iter().map(|r| r.text(lang)).collect();
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        p.score,
                        p.first.number,
                        p.first.display_name,
                        p.second.number,
                        p.second.display_name,
                        reasons.join(", ")
                    );
                }
            }
        }
        Command::Customers(CustomersCommand::List { limit }) => {
            let rows = all_customers(&store, limit)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
            } else {
                for c in &rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        c.number, c.display_name, c.city, c.phone, c.email
                    );
                }
            }
        }
        // Run on the file before it was opened (run_on_file).
        Command::Backup { .. } | Command::Restore { .. } | Command::Check { .. } => {}
    }
    Ok(())
}

/// `stammkunde-cli print …`: a document as PDF, written whole or not at all.
fn print_document(
    command: PrintCommand,
    store: &Store,
    clock: &Clock,
    lang: Lang,
) -> Result<(), Error> {
    match command {
        PrintCommand::Customers {
            out,
            filter,
            columns,
            landscape,
        } => {
            let print = CustomerListPrint {
                filter: filter.into(),
                columns: columns
                    .iter()
                    .filter_map(|c| ListColumn::from_code(c))
                    .collect(),
                orientation: if landscape {
                    Orientation::Landscape
                } else {
                    Orientation::Portrait
                },
            };
            let pdf = paper::customers::customer_list(store, &print, clock, lang)?;
            paper::save(&out, &pdf)?;
            println!("{}", out.display());
        }
        PrintCommand::Birthdays { out, month, year } => {
            let year = year.unwrap_or(clock.today().year());
            let month = month.unwrap_or(clock.today().month());
            let pdf = paper::greetings::greeting_list(store, year, month, clock, lang)?;
            paper::save(&out, &pdf)?;
            println!("{}", out.display());
        }
        PrintCommand::Labels {
            out,
            filter,
            birthdays,
            year,
            preset,
            sheet,
            start,
        } => {
            let presets = stammkunde::care::labels::LABEL_PRESETS;
            let mut sheet = match (sheet, preset) {
                (Some(sheet), _) => sheet,
                (None, Some(n)) => {
                    presets
                        .get(n.wrapping_sub(1))
                        .map(|p| p.sheet)
                        .ok_or_else(|| {
                            Error::Io(std::io::Error::other(format!(
                                "--preset: 1 to {} (see `print label-sheets`)",
                                presets.len()
                            )))
                        })?
                }
                (None, None) => presets[0].sheet,
            };
            sheet.start = start;
            let source = match birthdays {
                Some(month) => LabelSource::Birthdays {
                    year: year.unwrap_or(clock.today().year()),
                    month,
                },
                None => LabelSource::Customers {
                    filter: filter.into(),
                },
            };
            let pdf = paper::labels::labels(store, &source, &sheet, clock, lang)?;
            paper::save(&out, &pdf)?;
            println!("{}", out.display());
        }
        PrintCommand::Profile { number, out } => {
            let customer = customers::by_number(store, &number)?;
            let pdf = paper::profile::profile(store, customer.id, clock, lang)?;
            paper::save(&out, &pdf)?;
            println!("{}", out.display());
        }
        PrintCommand::Report {
            report,
            out,
            quarters,
            months,
            survey,
        } => {
            use stammkunde::paper::reports::Report;
            let report = match report.as_str() {
                "lost" => Report::Lost { quarters },
                "loyalty" => Report::Loyalty { months },
                "survey" => {
                    let survey = survey.ok_or_else(|| {
                        Error::Io(std::io::Error::other("--survey: which survey (its number)"))
                    })?;
                    Report::Survey {
                        survey: stammkunde::surveys::SurveyId(survey),
                        months,
                    }
                }
                _ => Report::Value,
            };
            let pdf = paper::reports::report(store, &report, clock, lang)?;
            paper::save(&out, &pdf)?;
            println!("{}", out.display());
        }
        PrintCommand::Card { number, out } => {
            let customer = customers::by_number(store, &number)?;
            paper::save(&out, &paper::card::card(store, customer.id, lang)?)?;
            println!("{}", out.display());
        }
        PrintCommand::LabelSheets => {
            for (i, p) in stammkunde::care::labels::LABEL_PRESETS.iter().enumerate() {
                println!("{}\t{}", i + 1, p.name);
            }
        }
        PrintCommand::Calls { out, range } => {
            let range = CallRange::from_code(&range).unwrap_or_default();
            let pdf = paper::calls::call_list(store, range, clock, lang)?;
            paper::save(&out, &pdf)?;
            println!("{}", out.display());
        }
    }
    Ok(())
}

/// The commands on the database file as a whole, run before it is opened: `check` must not
/// write to it, `restore` replaces it. `None` for every other command.
fn run_on_file(
    command: &Command,
    path: &std::path::Path,
    json: bool,
    lang: Lang,
    clock: &Clock,
) -> Option<Result<(), Error>> {
    let done = match command {
        Command::Check { full } => (|| {
            match stammkunde::store::backup::check_file(path, *full)? {
                Ok(()) => println!("{}: ok", path.display()),
                Err(detail) => {
                    return Err(Error::Backup(BackupProblem::Damaged {
                        file: path.to_path_buf(),
                        detail,
                    }));
                }
            }
            Ok(())
        })(),
        Command::Backup {
            command: Some(BackupCommand::List),
            ..
        } => (|| {
            // A copy an interrupted call left unchecked counts once it passes its check.
            backup::finish_leftovers(path, clock)?;
            let list = backup::list(path, lang)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                );
            } else {
                for b in &list {
                    print_backup(b);
                }
            }
            Ok(())
        })(),
        Command::Backup { command: None, to } => (|| {
            backup::refuse_damaged(path)?;
            backup::finish_leftovers(path, clock)?;
            let made = match to {
                Some(dir) => backup::make_to(path, dir, clock)?,
                None => backup::make(path, backup::Kind::Manual, clock)?,
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&made).unwrap_or_default()
                );
            } else {
                print_backup(&made);
            }
            Ok(())
        })(),
        Command::Restore { file } => (|| {
            let restored = backup::restore(path, file, clock)?;
            // Opened once, as the app would: an older backup is upgraded here.
            backup::before_migration(path, clock)?;
            Store::open(path)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&restored).unwrap_or_default()
                );
            } else {
                println!("{} → {}", file.display(), path.display());
                if let Some(saved) = &restored.saved {
                    println!("{}", saved.path);
                }
                if let Some(aside) = &restored.set_aside {
                    println!("{aside}");
                }
            }
            Ok(())
        })(),
        _ => return None,
    };
    Some(done)
}

fn print_backup(b: &backup::BackupInfo) {
    println!(
        "{}\t{}\t{}\t{}\t{}\tv{}",
        b.made.format("%Y-%m-%d %H:%M:%S"),
        b.kind.slug(),
        b.bytes,
        b.customers
            .map_or_else(|| "-".to_owned(), |n| n.to_string()),
        b.path,
        b.app_version
    );
}

/// Applies "Header=field,Other=ignore" over the recognised mapping.
fn apply_mapping(
    headers: &[String],
    columns: &mut [Option<ImportField>],
    spec: &str,
) -> Result<(), Error> {
    for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let unknown = || {
            Error::Io(std::io::Error::other(format!(
                "--mapping: cannot read \"{pair}\""
            )))
        };
        let (header, field) = pair.split_once('=').ok_or_else(unknown)?;
        let column = headers
            .iter()
            .position(|h| h.trim() == header.trim())
            .ok_or_else(|| {
                Error::Io(std::io::Error::other(format!(
                    "--mapping: no column \"{header}\""
                )))
            })?;
        columns[column] = match field.trim() {
            "ignore" | "" => None,
            name => Some(
                serde_json::from_value(serde_json::Value::String(name.to_owned()))
                    .map_err(|_| unknown())?,
            ),
        };
    }
    Ok(())
}

fn all_customers(store: &Store, limit: Option<u32>) -> Result<Vec<CustomerSummary>, Error> {
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let want = limit.map_or(customers::MAX_PAGE, |l| {
            l.saturating_sub(rows.len() as u32).min(customers::MAX_PAGE)
        });
        if want == 0 {
            break;
        }
        let page = customers::list(store, after.as_ref(), want)?;
        rows.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    Ok(rows)
}
