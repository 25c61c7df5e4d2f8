//! The command line's arguments (clap).

use super::*;

#[derive(Debug, Parser)]
#[command(
    name = "stammkunde-cli",
    version,
    about = "Stammkunde on the command line"
)]
pub(super) struct Cli {
    /// The database file [default: the desktop app's file in the user's data directory]
    #[arg(long, global = true, env = DB_ENV, value_name = "PATH")]
    pub(super) db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    pub(super) json: bool,
    /// Language of messages: de or en [default: from LC_ALL / LC_MESSAGES / LANG]
    #[arg(long, global = true, value_parser = ["de", "en"])]
    pub(super) lang: Option<String>,
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
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
    /// The audit trail: who changed what and when, newest first
    Audit {
        /// Only entries about this customer (by number)
        #[arg(long)]
        customer: Option<String>,
        /// Only this kind of entry (customerChanged, consentChanged, merged …)
        #[arg(long)]
        action: Option<String>,
        /// From this day (DD.MM.YYYY)
        #[arg(long, default_value = "")]
        from: String,
        /// To this day (DD.MM.YYYY)
        #[arg(long, default_value = "")]
        to: String,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Print a document as PDF (A4, for paper or to keep)
    #[command(subcommand)]
    Print(Box<PrintCommand>),
    /// The shop's dates as an iCalendar file for Outlook, Google or Apple calendars:
    /// every birthday (yearly), the agenda's follow-ups, next steps and visits
    Calendar {
        /// The .ics file to write
        out: PathBuf,
        /// Leave out the birthdays
        #[arg(long)]
        no_birthdays: bool,
        /// Leave out the agenda's follow-ups, next steps and visits
        #[arg(long)]
        no_agenda: bool,
    },
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
    /// Back up the database now (checked before it counts), or list the backups
    #[command(args_conflicts_with_subcommands = true)]
    Backup {
        #[command(subcommand)]
        command: Option<BackupCommand>,
        /// Write the backup to this folder (a USB stick …) instead of the backup folder
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Put a backup in the place of the database (the current file is backed up first)
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Check the database file for damage without writing to it
    Check {
        /// SQLite's full integrity check (every index), not only the quick one
        #[arg(long)]
        full: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum BackupCommand {
    /// The backups in the backup folder, newest first
    List,
}

#[derive(Debug, Subcommand)]
pub(super) enum LoyaltyCommand {
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
pub(super) enum ValueCommand {
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
        /// How the lines per customer are printed: text (a table), json (one document,
        /// as --json), csv or jsonl (one JSON object per line; both with the parameters
        /// on standard error). Lines are written as they are computed.
        #[arg(long, value_enum)]
        format: Option<FitFormat>,
    },
}

/// How `value fit` prints its predictions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum FitFormat {
    Text,
    Json,
    Csv,
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub(super) enum ImportCommand {
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
pub(super) enum ExportCommand {
    /// The file's ending decides the format: .csv (for German Excel), .xlsx or .vcf
    Customers {
        file: PathBuf,
        /// Only the customers these filters find (as the list's)
        #[command(flatten)]
        filter: ListFilterArgs,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum PrintCommand {
    /// The customer list as filtered, searched and sorted: every row
    Customers {
        /// The PDF to write
        out: PathBuf,
        #[command(flatten)]
        filter: ListFilterArgs,
        /// Columns, comma-separated [default: number,name,address,phones,email]
        #[arg(long, value_delimiter = ',', value_parser = ["number", "name", "address", "city",
            "phones", "email", "birthday", "tags", "status", "phase", "score"])]
        columns: Vec<String>,
        /// A4 across instead of upright
        #[arg(long)]
        landscape: bool,
    },
    /// The birthdays of a month with the greeting that fits each
    Birthdays {
        /// The PDF to write
        out: PathBuf,
        /// 1–12 [default: this month]
        #[arg(long)]
        month: Option<u32>,
        /// [default: this year]
        #[arg(long)]
        year: Option<i32>,
    },
    /// Address labels for the customer list as filtered, or for a month's birthdays
    Labels {
        /// The PDF to write
        out: PathBuf,
        #[command(flatten)]
        filter: ListFilterArgs,
        /// The birthdays of this month (1–12) instead of the customer list
        #[arg(long)]
        birthdays: Option<u32>,
        /// The year of --birthdays [default: this year]
        #[arg(long)]
        year: Option<i32>,
        /// A common sheet by its number (see `print label-sheets`) [default: 1]
        #[arg(long, conflicts_with = "sheet")]
        preset: Option<usize>,
        /// A sheet measured by hand, in mm: columns,rows,width,height,top,left[,gap
        /// across,gap down], e.g. 3,8,70,36,4.5,0
        #[arg(long, value_parser = parse_sheet)]
        sheet: Option<stammkunde::care::labels::LabelSheet>,
        /// The first free label of the sheet (1 = top left)
        #[arg(long, default_value_t = 1)]
        start: u32,
    },
    /// List the common label sheets (for --preset)
    LabelSheets,
    /// A report with its charts: value, lost, loyalty or survey
    Report {
        #[arg(value_parser = ["value", "lost", "loyalty", "survey"])]
        report: String,
        /// The PDF to write
        out: PathBuf,
        /// Lost customers: how many quarters
        #[arg(long, default_value_t = 8)]
        quarters: u32,
        /// Loyalty program and survey: how many months back (survey: 0 for all)
        #[arg(long, default_value_t = 12)]
        months: u32,
        /// Survey: its number (see the surveys screen)
        #[arg(long)]
        survey: Option<i64>,
    },
    /// A loyalty member's card (credit-card size on A4, QR code and EAN-13 bars)
    Card {
        /// The customer number
        number: String,
        /// The PDF to write
        out: PathBuf,
    },
    /// One customer's profile: facts, birthdays, value, loyalty, what is due, history
    Profile {
        /// The customer number
        number: String,
        /// The PDF to write
        out: PathBuf,
    },
    /// The call list from the agenda: whom to call, why, when, with room for notes
    Calls {
        /// The PDF to write
        out: PathBuf,
        /// today (with what is overdue), week, or overdue
        #[arg(long, default_value = "today", value_parser = ["today", "week", "overdue"])]
        range: String,
    },
}

/// The customer list's search and filters, as on the screen.
#[derive(Debug, Args, Default)]
pub(super) struct ListFilterArgs {
    /// Words to search for (best matches first)
    #[arg(long, default_value = "")]
    pub(super) query: String,
    #[arg(long, default_value = "")]
    pub(super) tag: String,
    #[arg(long, default_value = "")]
    pub(super) city: String,
    /// Born in this month (1–12)
    #[arg(long)]
    pub(super) birthday_month: Option<u8>,
    #[arg(long, value_parser = ["active", "lost"])]
    pub(super) status: Option<String>,
    /// From the last value analysis
    #[arg(long, value_parser = ["new", "growing", "established", "atRisk", "lost"])]
    pub(super) phase: Option<String>,
    #[arg(long, value_parser = ["a", "b", "c"])]
    pub(super) abc: Option<String>,
    /// The matrix field from the last value analysis
    #[arg(long, value_parser = ["top", "development", "premium", "small"])]
    pub(super) quadrant: Option<String>,
    /// Only customers with at least this score (0–100)
    #[arg(long)]
    pub(super) min_score: Option<u8>,
    /// Only customers advertising may reach on this channel (their consent)
    #[arg(long, value_parser = ["email", "letter", "phone", "messenger"])]
    pub(super) may_contact: Option<String>,
    #[arg(long, default_value = "name", value_parser = ["name", "number", "city", "newest", "score"])]
    pub(super) sort: String,
}

impl From<ListFilterArgs> for CustomerFilter {
    fn from(a: ListFilterArgs) -> Self {
        use stammkunde::customers::{CustomerSort, CustomerStatus};
        use stammkunde::value::segments::{Abc, Phase, Quadrant};
        CustomerFilter {
            query: a.query,
            tag: a.tag,
            city: a.city,
            birthday_month: a.birthday_month,
            status: a.status.as_deref().and_then(CustomerStatus::from_code),
            phase: a.phase.as_deref().and_then(Phase::from_code),
            abc: a
                .abc
                .as_deref()
                .and_then(|c| Abc::from_code(&c.to_uppercase())),
            quadrant: a.quadrant.as_deref().and_then(Quadrant::from_code),
            min_score: a.min_score,
            may_contact: a
                .may_contact
                .as_deref()
                .and_then(stammkunde::privacy::ConsentChannel::from_code),
            sort: match a.sort.as_str() {
                "number" => CustomerSort::Number,
                "city" => CustomerSort::City,
                "newest" => CustomerSort::Newest,
                "score" => CustomerSort::Score,
                _ => CustomerSort::Name,
            },
            ..CustomerFilter::default()
        }
    }
}

#[derive(Debug, Subcommand)]
pub(super) enum CustomersCommand {
    /// Create a customer (a person unless --firm is given)
    Add(Box<AddArgs>),
    /// List the customers that are not in the trash, in name order
    List {
        /// Print at most this many customers
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Erase a customer on request (GDPR Art. 17): nothing personal stays in the file
    Erase {
        /// The customer's number
        number: String,
        /// Confirm without typing the customer's name
        #[arg(long)]
        yes: bool,
        /// Why (kept with the record that an erasure happened)
        #[arg(long, default_value = "Auf Wunsch des Kunden")]
        reason: String,
    },
    /// Everything stored about a customer (GDPR Art. 15), as JSON or PDF by the file's ending
    Data {
        number: String,
        /// OUT.json or OUT.pdf
        out: PathBuf,
    },
    /// Record a consent to advertising given or withdrawn
    Consent {
        number: String,
        #[arg(value_parser = ["email", "letter", "phone", "messenger"])]
        channel: String,
        #[arg(value_parser = ["given", "withdrawn"])]
        state: String,
        /// Where it came from
        #[arg(long, default_value = "paper", value_parser = ["form", "paper", "kiosk", "import", "phone", "email", "other"])]
        source: String,
        /// The wording agreed to
        #[arg(long, default_value = "")]
        wording: String,
        /// The day (DD.MM.YYYY) [default: today]
        #[arg(long, default_value = "")]
        on: String,
    },
    /// Erase every customer trashed more than DAYS days ago
    PurgeTrash {
        #[arg(long, default_value = "30")]
        days: String,
    },
}

#[derive(Debug, Args)]
pub(super) struct AddArgs {
    /// Customer number [default: the next free number]
    #[arg(long, default_value = "")]
    pub(super) number: String,
    /// The firm's name; makes the customer a firm
    #[arg(long)]
    pub(super) firm: Option<String>,
    #[arg(long, default_value = "")]
    pub(super) first_name: String,
    #[arg(long, default_value = "")]
    pub(super) last_name: String,
    #[arg(long, default_value = "")]
    pub(super) street: String,
    #[arg(long, default_value = "")]
    pub(super) postal_code: String,
    #[arg(long, default_value = "")]
    pub(super) city: String,
    /// Two-letter country code [default: DE]
    #[arg(long, default_value = "")]
    pub(super) country: String,
    #[arg(long, default_value = "")]
    pub(super) phone: String,
    #[arg(long, default_value = "")]
    pub(super) email: String,
    /// 31.12.1980, 1980-12-31, or without the year 31.12.
    #[arg(long, default_value = "")]
    pub(super) birthday: String,
    #[arg(long, default_value = "")]
    pub(super) partner_name: String,
    /// Like --birthday
    #[arg(long, default_value = "")]
    pub(super) partner_birthday: String,
    /// A tag; repeat for several
    #[arg(long = "tag")]
    pub(super) tags: Vec<String>,
    #[arg(long, default_value = "")]
    pub(super) notes: String,
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

/// `3,8,70,36,4.5,0[,2.5,0]`: columns, rows, width, height, top, left, gaps (mm).
fn parse_sheet(text: &str) -> Result<stammkunde::care::labels::LabelSheet, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if !(6..=8).contains(&parts.len()) {
        return Err(
            "six to eight numbers: columns,rows,width,height,top,left[,gap across,gap down]".into(),
        );
    }
    let whole = |i: usize| -> Result<u32, String> {
        parts[i]
            .parse()
            .map_err(|_| format!("{:?} is not a whole number", parts[i]))
    };
    let mm = |i: usize| -> Result<f64, String> {
        match parts.get(i) {
            None => Ok(0.0),
            Some(p) => p
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("{p:?} is not a number of millimetres")),
        }
    };
    Ok(stammkunde::care::labels::LabelSheet {
        columns: whole(0)?,
        rows: whole(1)?,
        width_mm: mm(2)?,
        height_mm: mm(3)?,
        top_mm: mm(4)?,
        left_mm: mm(5)?,
        gap_x_mm: mm(6)?,
        gap_y_mm: mm(7)?,
        start: 1,
    })
}
