//! The audit trail: who changed what and when. Entries are only ever added (the database
//! refuses to change or delete them) and name fields, channels and figures — never the
//! personal values themselves, so they may stay after a customer is erased.

use super::consent::{ConsentChannel, ConsentSource};
use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::employees::EmployeeId;
use crate::error::{Error, Field, Result};
use crate::input::Checker;
use crate::store::Store;
use crate::store::privacy::AuditQuery;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum AuditAction {
    CustomerCreated,
    /// The fields that changed (their names in the customer form).
    CustomerChanged {
        fields: Vec<String>,
    },
    /// A contact person at the firm was added, changed or removed.
    ContactPersonChanged {
        change: String,
    },
    CustomerTrashed,
    CustomerRestored,
    /// Erased on request (the reason is kept with the erasure record).
    CustomerErased,
    ConsentChanged {
        channel: ConsentChannel,
        given: bool,
        source: ConsentSource,
    },
    /// This customer absorbed customer `merged` (merge `merge`).
    Merged {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        merge: i64,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        merged: i64,
    },
    MergeUndone {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        merge: i64,
    },
    PointsCorrected {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        points: i64,
    },
    PointsRedeemed {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        points: i64,
    },
    /// Everything about the customer was handed out (right of access).
    DataExported {
        format: String,
    },
    /// A setting of the shop changed (its name, not its value).
    SettingChanged {
        setting: String,
    },
    /// The trash was emptied of customers trashed long ago.
    TrashPurged {
        customers: u32,
    },
    /// An employee's PIN was set or removed.
    PinChanged {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        employee: i64,
        set: bool,
    },
    /// Somebody opened the lock (or chose who works the app).
    SignedIn,
    /// The lock paused after too many wrong PINs.
    LockPaused,
}

impl AuditAction {
    /// The kind as stored (what the list filters by).
    pub fn kind(&self) -> &'static str {
        match self {
            AuditAction::CustomerCreated => "customerCreated",
            AuditAction::CustomerChanged { .. } => "customerChanged",
            AuditAction::ContactPersonChanged { .. } => "contactPersonChanged",
            AuditAction::CustomerTrashed => "customerTrashed",
            AuditAction::CustomerRestored => "customerRestored",
            AuditAction::CustomerErased => "customerErased",
            AuditAction::ConsentChanged { .. } => "consentChanged",
            AuditAction::Merged { .. } => "merged",
            AuditAction::MergeUndone { .. } => "mergeUndone",
            AuditAction::PointsCorrected { .. } => "pointsCorrected",
            AuditAction::PointsRedeemed { .. } => "pointsRedeemed",
            AuditAction::DataExported { .. } => "dataExported",
            AuditAction::SettingChanged { .. } => "settingChanged",
            AuditAction::TrashPurged { .. } => "trashPurged",
            AuditAction::PinChanged { .. } => "pinChanged",
            AuditAction::SignedIn => "signedIn",
            AuditAction::LockPaused => "lockPaused",
        }
    }

    /// Every kind, for the filter of the list.
    pub const KINDS: [&'static str; 17] = [
        "customerCreated",
        "customerChanged",
        "contactPersonChanged",
        "customerTrashed",
        "customerRestored",
        "customerErased",
        "consentChanged",
        "merged",
        "mergeUndone",
        "pointsCorrected",
        "pointsRedeemed",
        "dataExported",
        "settingChanged",
        "trashPurged",
        "pinChanged",
        "signedIn",
        "lockPaused",
    ];

    /// The entry worded for a person, in `lang`.
    pub fn describe(&self, lang: crate::Lang) -> String {
        let de = lang == crate::Lang::De;
        match self {
            AuditAction::CustomerCreated => lang.pick("Kunde angelegt", "Customer created").into(),
            AuditAction::CustomerChanged { fields } => format!(
                "{}: {}",
                lang.pick("Kunde geändert", "Customer changed"),
                fields.join(", ")
            ),
            AuditAction::ContactPersonChanged { change } => match (change.as_str(), de) {
                ("added", true) => "Ansprechpartner hinzugefügt".into(),
                ("removed", true) => "Ansprechpartner entfernt".into(),
                (_, true) => "Ansprechpartner geändert".into(),
                ("added", false) => "Contact person added".into(),
                ("removed", false) => "Contact person removed".into(),
                (_, false) => "Contact person changed".into(),
            },
            AuditAction::CustomerTrashed => {
                lang.pick("In den Papierkorb", "Moved to the trash").into()
            }
            AuditAction::CustomerRestored => lang
                .pick("Aus dem Papierkorb geholt", "Restored from the trash")
                .into(),
            AuditAction::CustomerErased => {
                lang.pick("Auf Wunsch gelöscht", "Erased on request").into()
            }
            AuditAction::ConsentChanged {
                channel,
                given,
                source,
            } => format!(
                "{} {} ({})",
                match (given, de) {
                    (true, true) => "Einwilligung erteilt:",
                    (false, true) => "Einwilligung widerrufen:",
                    (true, false) => "Consent given:",
                    (false, false) => "Consent withdrawn:",
                },
                channel.label(lang),
                source.label(lang)
            ),
            AuditAction::Merged { merge, merged } => match lang {
                crate::Lang::De => format!("Zusammengeführt mit Datensatz {merged} (Nr. {merge})"),
                crate::Lang::En => format!("Merged with record {merged} (no. {merge})"),
            },
            AuditAction::MergeUndone { merge } => match lang {
                crate::Lang::De => format!("Zusammenführung {merge} rückgängig gemacht"),
                crate::Lang::En => format!("Merge {merge} undone"),
            },
            AuditAction::PointsCorrected { points } => match lang {
                crate::Lang::De => format!("Punkte korrigiert: {points:+}"),
                crate::Lang::En => format!("Points corrected: {points:+}"),
            },
            AuditAction::PointsRedeemed { points } => match lang {
                crate::Lang::De => format!("Punkte eingelöst: {points}"),
                crate::Lang::En => format!("Points redeemed: {points}"),
            },
            AuditAction::DataExported { format } => match lang {
                crate::Lang::De => format!("Auskunft erteilt ({format})"),
                crate::Lang::En => format!("Data handed out ({format})"),
            },
            AuditAction::SettingChanged { setting } => match lang {
                crate::Lang::De => format!("Einstellung geändert: {setting}"),
                crate::Lang::En => format!("Setting changed: {setting}"),
            },
            AuditAction::TrashPurged { customers } => match lang {
                crate::Lang::De => format!("Papierkorb geleert: {customers} Kunden gelöscht"),
                crate::Lang::En => format!("Trash emptied: {customers} customers erased"),
            },
            AuditAction::PinChanged { employee, set } => match (lang, set) {
                (crate::Lang::De, true) => format!("PIN gesetzt (Mitarbeiter {employee})"),
                (crate::Lang::De, false) => format!("PIN entfernt (Mitarbeiter {employee})"),
                (crate::Lang::En, true) => format!("PIN set (employee {employee})"),
                (crate::Lang::En, false) => format!("PIN removed (employee {employee})"),
            },
            AuditAction::SignedIn => lang.pick("Angemeldet", "Signed in").into(),
            AuditAction::LockPaused => lang
                .pick(
                    "Sperre pausiert: zu viele falsche PINs",
                    "Lock paused: too many wrong PINs",
                )
                .into(),
        }
    }
}

/// One entry of the trail, with the names it refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub id: i64,
    /// The shop's local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Who did it (`None`: nobody chosen, or the command line).
    pub employee_name: Option<String>,
    pub customer: Option<CustomerId>,
    pub customer_number: Option<String>,
    /// The customer's name now (empty once erased).
    pub customer_name: Option<String>,
    pub customer_erased: bool,
    pub action: AuditAction,
    /// The action worded in the language asked for.
    pub text: String,
}

/// What the audit list shows (as typed: days are text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditFilter {
    pub customer: Option<CustomerId>,
    pub employee: Option<EmployeeId>,
    /// One of [`AuditAction::KINDS`].
    pub action: Option<String>,
    pub from: String,
    pub to: String,
    /// Entries older than this id (the next page).
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub before: Option<i64>,
    pub limit: u32,
}

/// Largest page of the list.
pub const MAX_PAGE: u32 = 500;

/// Appends an entry by whoever works the app now, at the clock's local time.
pub fn record(
    store: &mut Store,
    clock: &Clock,
    customer: Option<CustomerId>,
    action: &AuditAction,
) -> Result<()> {
    let detail = serde_json::to_string(action).map_err(|e| Error::Internal(e.to_string()))?;
    store.audit(clock.local(), customer, action.kind(), &detail)
}

/// The entries that match `filter`, newest first, worded in `lang`.
pub fn list(store: &Store, filter: &AuditFilter, lang: crate::Lang) -> Result<Vec<AuditEntry>> {
    let mut check = Checker::new();
    let from = parse_day(&mut check, Field::Date, &filter.from);
    let to = parse_day(&mut check, Field::Date, &filter.to);
    if let Some(kind) = &filter.action
        && !AuditAction::KINDS.contains(&kind.as_str())
    {
        check.fail(Field::Kind, crate::error::Issue::Unknown);
    }
    check.finish(|| ()).map_err(Error::Validation)?;
    crate::input::check_limit(filter.limit, MAX_PAGE)?;
    let rows = store.audit_entries(&AuditQuery {
        customer: filter.customer,
        employee: filter.employee,
        action: filter.action.as_deref(),
        from,
        to,
        before: filter.before,
        limit: filter.limit,
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let action: AuditAction = serde_json::from_str(&r.detail).ok()?;
            Some(AuditEntry {
                id: r.id,
                at: r.at,
                employee_name: r.employee,
                customer: r.customer,
                customer_number: r.customer_number,
                customer_name: r.customer_name,
                customer_erased: r.erased,
                text: action.describe(lang),
                action,
            })
        })
        .collect())
}

fn parse_day(check: &mut Checker, field: Field, text: &str) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        None
    } else {
        check.date(field, text)
    }
}
