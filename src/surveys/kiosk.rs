//! The kiosk: its settings (the exit PIN as a salted hash, seconds without input before it
//! resets, whether a half-answered survey is kept), the survey it runs and what the kiosk
//! window may see of it (the questions and at most the customer's first name), and the
//! guard that slows down guessing the PIN.

use super::SurveyId;
use super::pin;
use super::shop::{self, Respondent};
use super::template::Template;
use crate::clock::Clock;
use crate::customers::CustomerId;
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::store::Store;
use crate::surveys::SurveyProblem;
use serde::{Deserialize, Serialize};

const SETTINGS_KEY: &str = "kiosk";
pub const IDLE_MIN: u32 = 15;
pub const IDLE_MAX: u32 = 600;
/// Wrong PINs in a row before the kiosk waits.
pub const TRIES: u32 = 5;
pub const LOCK_SECONDS: u32 = 60;

/// What is stored: never the PIN, only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Stored {
    idle_seconds: u32,
    keep_partial: bool,
    pin_hash: Option<String>,
}

impl Default for Stored {
    fn default() -> Stored {
        Stored {
            idle_seconds: 60,
            keep_partial: true,
            pin_hash: None,
        }
    }
}

/// The kiosk settings as the settings screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KioskSettings {
    /// Seconds without a touch before the kiosk starts over for the next person.
    pub idle_seconds: u32,
    /// Whether a survey left half answered is kept (as partial) or dropped.
    pub keep_partial: bool,
    pub pin_set: bool,
}

/// The settings as typed; an empty PIN keeps the one set before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct KioskSettingsInput {
    pub idle_seconds: u32,
    pub keep_partial: bool,
    pub pin: String,
}

fn stored(store: &Store) -> Result<Stored> {
    store.setting_or_default(SETTINGS_KEY)
}

pub fn settings(store: &Store) -> Result<KioskSettings> {
    let s = stored(store)?;
    Ok(KioskSettings {
        idle_seconds: s.idle_seconds,
        keep_partial: s.keep_partial,
        pin_set: s.pin_hash.is_some(),
    })
}

/// Checks and keeps the settings; a new PIN is hashed with a fresh salt.
pub fn save_settings(
    store: &mut Store,
    input: &KioskSettingsInput,
    clock: &Clock,
) -> Result<KioskSettings> {
    let mut errors = Vec::new();
    if !(IDLE_MIN..=IDLE_MAX).contains(&input.idle_seconds) {
        errors.push(FieldError::new(
            Field::IdleSeconds,
            Issue::OutOfRange {
                min: IDLE_MIN,
                max: IDLE_MAX,
            },
        ));
    }
    let mut s = stored(store)?;
    let pin = input.pin.trim();
    if pin.is_empty() {
        if s.pin_hash.is_none() {
            errors.push(FieldError::new(Field::Pin, Issue::Required));
        }
    } else if let Err(e) = pin::check(pin) {
        errors.extend(e.field_errors().iter().cloned());
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if !pin.is_empty() {
        s.pin_hash = Some(pin::hash(pin)?);
    }
    s.idle_seconds = input.idle_seconds;
    s.keep_partial = input.keep_partial;
    crate::settings::save_json(store, SETTINGS_KEY, &s, clock)?;
    settings(store)
}

/// The survey a kiosk runs: which template, for whom. Held by the app while the kiosk
/// window is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskRun {
    pub template: SurveyId,
    pub customer: Option<CustomerId>,
    /// Shown to the customer: the first name, nothing else.
    pub first_name: String,
}

/// Starts a kiosk run: the PIN must be set, the template and the customer must exist.
pub fn start(store: &Store, template: SurveyId, customer: Option<CustomerId>) -> Result<KioskRun> {
    if stored(store)?.pin_hash.is_none() {
        return Err(Error::Survey(SurveyProblem::NoPin));
    }
    store.survey_template(template)?;
    let first_name = match customer {
        Some(id) => store.customer(id)?.first_name.trim().to_owned(),
        None => String::new(),
    };
    Ok(KioskRun {
        template,
        customer,
        first_name,
    })
}

/// All the kiosk window gets to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KioskView {
    pub template: Template,
    /// Empty for an anonymous survey.
    pub first_name: String,
    pub idle_seconds: u32,
    pub keep_partial: bool,
}

pub fn view(store: &Store, run: &KioskRun) -> Result<KioskView> {
    let s = stored(store)?;
    Ok(KioskView {
        template: store.survey_template(run.template)?,
        first_name: run.first_name.clone(),
        idle_seconds: s.idle_seconds,
        keep_partial: s.keep_partial,
    })
}

/// Keeps what the person in front of the kiosk answered. A partial response (the kiosk
/// reset before the end) is dropped when the settings say so: `Ok(None)`, nothing written.
pub fn submit(
    store: &mut Store,
    run: &KioskRun,
    answers: &[super::answers::Answer],
    complete: bool,
    clock: &Clock,
) -> Result<Option<super::ResponseId>> {
    if !complete && !stored(store)?.keep_partial {
        // Still checked, so that a broken kiosk shows up in tests rather than in silence.
        super::answers::check_response(&store.survey_template(run.template)?, answers, complete)?;
        return Ok(None);
    }
    let who = Respondent {
        customer: run.customer,
        interaction: None,
        kiosk: true,
    };
    shop::submit(store, run.template, who, answers, complete, clock).map(Some)
}

/// Counts wrong PINs: after [`TRIES`] in a row the kiosk waits [`LOCK_SECONDS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinGuard(pin::Attempts);

impl Default for PinGuard {
    fn default() -> Self {
        PinGuard(pin::Attempts::new(TRIES, LOCK_SECONDS))
    }
}

impl PinGuard {
    /// Whether `pin` ends the kiosk at `now`. A wrong one says how many tries are left.
    pub fn try_exit(&mut self, store: &Store, pin: &str, clock: &Clock) -> Result<()> {
        let refused = self.0.attempt(clock.now(), || {
            let hash = stored(store)?
                .pin_hash
                .ok_or(Error::Survey(SurveyProblem::NoPin))?;
            Ok(pin::verify(pin.trim(), &hash))
        })?;
        match refused {
            Ok(()) => Ok(()),
            Err(pin::Refused::Paused { seconds }) => {
                Err(Error::Survey(SurveyProblem::Locked { seconds }))
            }
            Err(pin::Refused::Wrong { left }) => {
                Err(Error::Survey(SurveyProblem::WrongPin { left }))
            }
        }
    }
}
