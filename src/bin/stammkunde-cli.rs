//! `stammkunde-cli`: the core's functions on the command line, for scripting and automation.
//! It opens the same database file as the desktop app unless told otherwise.

use clap::{Args, Parser, Subcommand};
use stammkunde::customers::CustomerFilter;
use stammkunde::customers::{self, CustomerInput, CustomerKind, CustomerSummary};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::duplicates;
use stammkunde::io::export::{self, ExportFormat};
use stammkunde::io::import::{self, ImportField, ImportOptions, ImportPreview, ImportProblem};
use stammkunde::io::table::{self, FileFormat, Table};
use stammkunde::store::{DB_ENV, resolve_db_path};
use stammkunde::{Clock, Error, Lang, Store, loyalty, value};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Parser)]
#[command(
    name = "stammkunde-cli",
    version,
    about = "Stammkunde on the command line"
)]
struct Cli {
    /// The database file [default: the desktop app's file in the user's data directory]
    #[arg(long, global = true, env = DB_ENV, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: de or en [default: from LC_ALL / LC_MESSAGES / LANG]
    #[arg(long, global = true, value_parser = ["de", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Customer records
    #[command(subcommand)]
    Customers(CustomersCommand),
    /// Fill an empty database with a realistic demo shop (deterministic for a seed)
    Demo {
        /// How many customers
        #[arg(long, default_value_t = 300)]
        customers: u32,
        /// Years of purchase history
        #[arg(long, default_value_t = 5)]
        years: u32,
        /// Mean purchases per customer and year
        #[arg(long, default_value_t = 4.0)]
        purchases_per_year: f64,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Import customers or purchases from a CSV, Excel (.xlsx) or vCard (.vcf) file
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export the customers (all, or those a search/filter finds)
    #[command(subcommand)]
    Export(ExportCommand),
    /// Customer value: the lifetime-value model
    #[command(subcommand)]
    Value(ValueCommand),
    /// List likely duplicate customers, best pairs first, with score and reasons
    Duplicates {
        /// Print at most this many pairs
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
    /// The loyalty program
    #[command(subcommand)]
    Loyalty(LoyaltyCommand),
}

#[derive(Debug, Subcommand)]
enum LoyaltyCommand {
    /// Book today's upkeep (expired points, birthday bonuses), as the app does once a day;
    /// a second run on the same day books nothing
    Upkeep,
    /// The program report of the last months, after today's upkeep
    Report {
        #[arg(long, default_value_t = 12)]
        months: u32,
    },
}

#[derive(Debug, Subcommand)]
enum ValueCommand {
    /// Fit BG/NBD (purchases) and Gamma-Gamma (spend) on the shop's purchases, or on a
    /// summary file, and predict every customer: P(alive), purchases in the next 12
    /// months, mean spend and the discounted value over the horizon
    Fit {
        /// Learn from purchases up to this day, inclusive (YYYY-MM-DD) [default: today]
        #[arg(long, value_name = "DATE")]
        calibration_end: Option<chrono::NaiveDate>,
        /// Fit a CSV with the columns id,frequency,recency,T[,monetary_value] (weeks)
        /// instead of the database
        #[arg(long, value_name = "FILE")]
        summary: Option<PathBuf>,
        /// Years ahead for the value, 1–20
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=20))]
        years: u32,
        /// Annual discount rate (0.1 = 10 %)
        #[arg(long, default_value_t = 0.1)]
        discount_rate: f64,
        /// Only the fitted parameters, no line per customer
        #[arg(long)]
        params_only: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Customers: columns are recognised by their headers (Kundennummer, Vorname, Nachname,
    /// Firma, Straße, PLZ, Ort, Telefon, E-Mail, Geburtstag … or number, first name …)
    Customers {
        file: PathBuf,
        /// Column=field pairs that override the recognised mapping, e.g.
        /// "Kd.-Nr.=number,Info=notes,Fax=ignore"; fields: number, salutation, title,
        /// firstName, lastName, firmName, street, postalCode, city, country, phone,
        /// otherPhone, mobile, email, otherEmail, birthday, partnerName, partnerBirthday,
        /// customerSince, industry, annualRevenue, tags, notes
        #[arg(long)]
        mapping: Option<String>,
        /// Check everything and print what would happen; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows and leave out rows with problems
        #[arg(long)]
        skip_invalid: bool,
        /// Leave out rows that look like an existing customer or an earlier row
        #[arg(long)]
        skip_duplicates: bool,
    },
    /// Purchases of existing customers: customer number or e-mail, date, amount (and
    /// discount, product, category, quantity, note)
    Purchases {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// The file's ending decides the format: .csv (for German Excel), .xlsx or .vcf
    Customers {
        file: PathBuf,
        /// Only customers this search finds
        #[arg(long, default_value = "")]
        query: String,
        #[arg(long, default_value = "")]
        tag: String,
        #[arg(long, default_value = "")]
        city: String,
    },
}

#[derive(Debug, Subcommand)]
enum CustomersCommand {
    /// Create a customer (a person unless --firm is given)
    Add(Box<AddArgs>),
    /// List the customers that are not in the trash, in name order
    List {
        /// Print at most this many customers
        #[arg(long)]
        limit: Option<u32>,
    },
}

#[derive(Debug, Args)]
struct AddArgs {
    /// Customer number [default: the next free number]
    #[arg(long, default_value = "")]
    number: String,
    /// The firm's name; makes the customer a firm
    #[arg(long)]
    firm: Option<String>,
    #[arg(long, default_value = "")]
    first_name: String,
    #[arg(long, default_value = "")]
    last_name: String,
    #[arg(long, default_value = "")]
    street: String,
    #[arg(long, default_value = "")]
    postal_code: String,
    #[arg(long, default_value = "")]
    city: String,
    /// Two-letter country code [default: DE]
    #[arg(long, default_value = "")]
    country: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    email: String,
    /// 31.12.1980, 1980-12-31, or without the year 31.12.
    #[arg(long, default_value = "")]
    birthday: String,
    #[arg(long, default_value = "")]
    partner_name: String,
    /// Like --birthday
    #[arg(long, default_value = "")]
    partner_birthday: String,
    /// A tag; repeat for several
    #[arg(long = "tag")]
    tags: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

impl From<AddArgs> for CustomerInput {
    fn from(a: AddArgs) -> Self {
        CustomerInput {
            number: a.number,
            kind: if a.firm.is_some() {
                CustomerKind::Firm
            } else {
                CustomerKind::Person
            },
            firm_name: a.firm.unwrap_or_default(),
            first_name: a.first_name,
            last_name: a.last_name,
            street: a.street,
            postal_code: a.postal_code,
            city: a.city,
            country: a.country,
            phone: a.phone,
            email: a.email,
            birthday: a.birthday,
            partner_name: a.partner_name,
            partner_birthday: a.partner_birthday,
            tags: a.tags,
            notes: a.notes,
            ..CustomerInput::default()
        }
    }
}

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
    match run(command, db.as_deref(), json, lang, &clock) {
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
        let ids = ids.iter().map(String::as_str);
        print_value_fit(&data, ids, horizon, *params_only, None, json, lang);
        return Ok(());
    }
    let mut store = Store::open(&resolve_db_path(db)?)?;
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
            let table = read_table(&file)?;
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
            let table = read_table(&file)?;
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
        Command::Export(ExportCommand::Customers {
            file,
            query,
            tag,
            city,
        }) => {
            let name = file.to_string_lossy();
            let format = ExportFormat::from_name(&name).ok_or_else(|| {
                Error::Io(std::io::Error::other(
                    "the file must end in .csv, .xlsx or .vcf",
                ))
            })?;
            let filter = CustomerFilter {
                query,
                tag,
                city,
                ..Default::default()
            };
            let list = export::customers_for_export(&store, &filter, clock.today())?;
            std::fs::write(&file, export::export(&list, format)?)?;
            println!("{} customers written to {name}", list.len());
        }
        Command::Value(ValueCommand::Fit {
            calibration_end,
            years,
            discount_rate,
            params_only,
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
            print_value_fit(&data, ids, horizon, params_only, Some(end), json, lang);
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
    }
    Ok(())
}

fn read_table(file: &std::path::Path) -> Result<Table, Error> {
    let bytes = std::fs::read(file)?;
    let format = FileFormat::from_name(&file.to_string_lossy());
    table::read(&bytes, format).map_err(Error::File)
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

fn print_preview(preview: &ImportPreview, lang: Lang) {
    let t = &preview.table;
    println!(
        "{:?} file{}{}; {} rows, {} fine, {} with problems, {} likely duplicates",
        t.format,
        if t.encoding.is_empty() {
            String::new()
        } else {
            format!(", {}", t.encoding)
        },
        t.delimiter
            .as_deref()
            .map_or(String::new(), |d| format!(", delimiter {d:?}")),
        preview.rows,
        preview.valid,
        preview.problem_rows,
        preview.duplicate_rows
    );
    for (header, field) in t.headers.iter().zip(&preview.mapping) {
        match field {
            Some(f) => println!("  {header} → {f:?}"),
            None => println!("  {header} → (ignored)"),
        }
    }
    for p in &preview.problems {
        println!("line {}: {}: {}", p.line, p.field.label(lang), p.message);
    }
    for d in &preview.duplicates {
        let like = match d.like_line {
            Some(line) => format!("line {line}"),
            None => format!("{} {}", d.like_number, d.like_name),
        };
        let reasons: Vec<&str> = d.reasons.iter().map(|r| r.text(lang)).collect();
        println!(
            "line {}: {} looks like {like} ({}: {})",
            d.line,
            d.name,
            d.score,
            reasons.join(", ")
        );
    }
}

/// Walks the keyset pages until `limit` rows or the end.
/// Fits the models on `data` and prints them and, unless `params_only`, a line per
/// customer (ids in the order of `data`).
fn print_value_fit<'a>(
    data: &[value::Rfm],
    ids: impl Iterator<Item = &'a str>,
    horizon: value::Horizon,
    params_only: bool,
    calibration_end: Option<chrono::NaiveDate>,
    json: bool,
    lang: Lang,
) {
    let analysis = if params_only {
        value::fit_only(data)
    } else {
        value::analyse(data, horizon)
    };
    if json {
        let customers: Vec<serde_json::Value> = if params_only {
            Vec::new()
        } else {
            ids.zip(data.iter().zip(&analysis.predictions))
                .map(|(id, (rfm, p))| {
                    serde_json::json!({
                        "id": id,
                        "frequency": rfm.frequency,
                        "recency": rfm.recency,
                        "T": rfm.age,
                        "pAlive": p.p_alive,
                        "expectedPurchases": p.expected_purchases_12m,
                        "expectedSpend": p.expected_spend,
                        "value": p.value,
                    })
                })
                .collect()
        };
        let report = serde_json::json!({
            "calibrationEnd": calibration_end,
            "customers": data.len(),
            "repeatBuyers": data.iter().filter(|c| c.frequency > 0).count(),
            "horizon": horizon,
            "method": analysis.method,
            "bgnbd": analysis.purchases.as_ref().ok(),
            "bgnbdProblem": analysis.purchases.as_ref().err().map(|e| e.message(lang)),
            "gammaGamma": analysis.spend.as_ref().ok(),
            "gammaGammaProblem": analysis.spend.as_ref().err().map(|e| e.message(lang)),
            "predictions": customers,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
        return;
    }
    match &analysis.purchases {
        Ok(f) => println!(
            "BG/NBD\tr = {:.4}\talpha = {:.4}\ta = {:.4}\tb = {:.4}\tLL = {:.2}",
            f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood
        ),
        Err(e) => println!("BG/NBD\t{}", e.message(lang)),
    }
    match &analysis.spend {
        Ok(f) => println!(
            "Gamma-Gamma\tp = {:.4}\tq = {:.4}\tgamma = {:.4}\tLL = {:.2}",
            f.params.p, f.params.q, f.params.gamma, f.log_likelihood
        ),
        Err(e) => println!("Gamma-Gamma\t{}", e.message(lang)),
    }
    if analysis.method == value::Method::Simple {
        println!(
            "{}",
            lang.pick(
                "Einfache Schätzung: bisherige Kaufrate, jedes Jahr 60 % des Vorjahres",
                "Simple estimate: past purchase rate, each year 60 % of the year before"
            )
        );
    }
    if params_only {
        return;
    }
    println!("id\tP(alive)\tpurchases_12m\tspend\tvalue");
    for (id, p) in ids.zip(&analysis.predictions) {
        let alive = p
            .p_alive
            .map_or_else(|| "-".to_owned(), |a| format!("{a:.3}"));
        println!(
            "{id}\t{alive}\t{:.3}\t{:.2}\t{:.2}",
            p.expected_purchases_12m, p.expected_spend, p.value
        );
    }
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
