//! Paper: the documents Stammkunde prints, written as PDF in the core (so the app, the
//! command line and every operating system get the same pages; macOS's web view cannot
//! print from the page at all). A4, DejaVu Sans embedded, the shop, what was filtered,
//! the date and "Seite n von m" on every page; text from users is drawn as text.

pub mod calls;
pub mod card;
pub mod customers;
pub mod flow;
pub mod greetings;
pub mod labels;
pub mod pdf;
pub mod profile;
pub mod reports;
pub mod table;

use crate::error::Result;
use crate::store::Store;

/// The shop's name for the page heading (the loyalty program's settings hold it);
/// "Stammkunde" until the owner enters one.
pub fn shop_name(store: &Store) -> Result<String> {
    let name = crate::loyalty::shop::settings(store)?.shop_name;
    Ok(if name.trim().is_empty() {
        "Stammkunde".to_owned()
    } else {
        name
    })
}

/// Writes a finished document to `path` whole or not at all: into a hidden file beside
/// it, flushed, then renamed over the name.
pub fn save(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = dir.join(format!(".{name}.partial"));
    let written = std::fs::File::create(&partial).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    Ok(())
}

/// A document to print, as the app and the command line ask for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Document {
    /// The customer list as filtered, searched and sorted.
    Customers {
        #[serde(flatten)]
        print: customers::CustomerListPrint,
    },
    /// The call list from the agenda.
    Calls { range: calls::CallRange },
    /// The birthdays of a month with the greeting that fits.
    Birthdays { year: i32, month: u32 },
    /// A loyalty member's card to cut out.
    Card {
        customer: crate::customers::CustomerId,
    },
    /// A report with its charts.
    Report { report: reports::Report },
    /// One customer's profile.
    Profile {
        customer: crate::customers::CustomerId,
    },
    /// Address labels for a list.
    Labels {
        source: labels::LabelSource,
        sheet: crate::care::labels::LabelSheet,
    },
}

impl Document {
    /// The name a saved file gets: "Kundenliste 2026-11-22.pdf".
    pub fn file_name(&self, today: chrono::NaiveDate, lang: crate::Lang) -> String {
        let what = match self {
            Document::Customers { .. } => lang.pick("Kundenliste", "Customer list"),
            Document::Calls { .. } => lang.pick("Anrufliste", "Call list"),
            Document::Birthdays { .. } => lang.pick("Geburtstage", "Birthdays"),
            Document::Labels { .. } => lang.pick("Etiketten", "Labels"),
            Document::Profile { .. } => lang.pick("Kundenprofil", "Customer profile"),
            Document::Card { .. } => lang.pick("Kundenkarte", "Customer card"),
            Document::Report { report } => match report {
                reports::Report::Value => lang.pick("Kundenwert", "Customer value"),
                reports::Report::Lost { .. } => lang.pick("Verlorene Kunden", "Lost customers"),
                reports::Report::Loyalty { .. } => lang.pick("Treueprogramm", "Loyalty program"),
                reports::Report::Survey { .. } => lang.pick("Umfrage", "Survey"),
            },
        };
        format!("{what} {}.pdf", today.format("%Y-%m-%d"))
    }
}

/// The PDF of `document` as of `clock`, worded in `lang`.
pub fn render(
    store: &Store,
    document: &Document,
    clock: &crate::Clock,
    lang: crate::Lang,
) -> Result<Vec<u8>> {
    match document {
        Document::Customers { print } => customers::customer_list(store, print, clock, lang),
        Document::Calls { range } => calls::call_list(store, *range, clock, lang),
        Document::Birthdays { year, month } => {
            greetings::greeting_list(store, *year, *month, clock, lang)
        }
        Document::Labels { source, sheet } => labels::labels(store, source, sheet, clock, lang),
        Document::Profile { customer } => profile::profile(store, *customer, clock, lang),
        Document::Card { customer } => card::card(store, *customer, lang),
        Document::Report { report } => reports::report(store, report, clock, lang),
    }
}
