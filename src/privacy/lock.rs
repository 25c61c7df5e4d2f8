//! The app lock: a PIN or password per employee (kept only as a salted Argon2id hash), the
//! lock after idle minutes or on demand, and who works the app — chosen at the lock
//! screen, or at start when nobody has a PIN. Wrong PINs pause the lock like the kiosk's.

use crate::clock::Clock;
use crate::employees::EmployeeId;
use crate::error::{Error, Field, Result};
use crate::input::Checker;
use crate::store::Store;
use crate::surveys::pin;
use serde::{Deserialize, Serialize};

use super::PrivacyProblem;

/// Wrong PINs in a row before the lock pauses, and how long.
pub const TRIES: u32 = 5;
pub const PAUSE_SECONDS: u32 = 60;

/// Shortest and longest PIN or password.
pub const MIN_CHARS: u32 = 4;
pub const MAX_CHARS: u32 = 64;

const SETTINGS_KEY: &str = "access.lock";

/// When the app locks itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LockSettings {
    /// After this many minutes without a key or mouse; 0: never by itself.
    pub idle_minutes: u32,
}

impl Default for LockSettings {
    fn default() -> Self {
        LockSettings { idle_minutes: 5 }
    }
}

/// The lock settings as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LockSettingsInput {
    pub idle_minutes: String,
}

/// One person on the lock screen: a name and whether a PIN opens it. Nothing about
/// customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LockPerson {
    pub id: EmployeeId,
    pub name: String,
    pub has_pin: bool,
}

/// What the lock screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LockScreen {
    pub shop: String,
    pub people: Vec<LockPerson>,
    /// The language the screen speaks (the app's).
    pub lang: crate::Lang,
}

/// Where access stands: the settings, who has a PIN, whether the app can lock at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AccessStatus {
    pub settings: LockSettings,
    pub people: Vec<LockPerson>,
    /// Somebody has a PIN: the app starts locked and locks after idle minutes.
    pub lock_enabled: bool,
    /// Who works the app now.
    pub current: Option<EmployeeId>,
}

pub fn settings(store: &Store) -> Result<LockSettings> {
    store.setting_or_default(SETTINGS_KEY)
}

/// Saves the lock settings (0 to 240 minutes), audited.
pub fn save_settings(
    store: &mut Store,
    input: &LockSettingsInput,
    clock: &Clock,
) -> Result<LockSettings> {
    let mut check = Checker::new();
    let minutes = check.whole(Field::IdleMinutes, &input.idle_minutes, 0, 240);
    let settings = check
        .finish(|| LockSettings {
            idle_minutes: minutes.unwrap_or(0) as u32,
        })
        .map_err(Error::Validation)?;
    crate::settings::save_json(store, SETTINGS_KEY, &settings, clock)?;
    Ok(settings)
}

/// The active employees and whether each has a PIN.
pub fn people(store: &Store) -> Result<Vec<LockPerson>> {
    Ok(store
        .employee_pins()?
        .into_iter()
        .filter(|(e, _)| e.active)
        .map(|(e, hash)| LockPerson {
            id: e.id,
            name: e.name,
            has_pin: hash.is_some(),
        })
        .collect())
}

/// What the lock screen shows: the shop's name and the people who may open it.
pub fn screen(store: &Store, lang: crate::Lang) -> Result<LockScreen> {
    Ok(LockScreen {
        shop: crate::paper::shop_name(store)?,
        people: people(store)?,
        lang,
    })
}

/// Whether the app locks at all: an active employee has a PIN.
pub fn enabled(store: &Store) -> Result<bool> {
    Ok(people(store)?.iter().any(|p| p.has_pin))
}

pub fn status(store: &Store) -> Result<AccessStatus> {
    let people = people(store)?;
    Ok(AccessStatus {
        settings: settings(store)?,
        lock_enabled: people.iter().any(|p| p.has_pin),
        people,
        current: store.actor(),
    })
}

/// Checks a new PIN or password: 4 to 64 characters, not one character repeated.
pub fn check_secret(secret: &str) -> Result<()> {
    pin::check_secret(secret, MIN_CHARS, MAX_CHARS, false)
}

/// Sets (or with `None` removes) an employee's PIN, audited.
pub fn set_pin(
    store: &mut Store,
    employee: EmployeeId,
    secret: Option<&str>,
    clock: &Clock,
) -> Result<AccessStatus> {
    let hash = match secret {
        Some(s) => {
            check_secret(s)?;
            Some(pin::hash_secret(s)?)
        }
        None => None,
    };
    store.atomically(|s| {
        s.set_employee_pin(employee, hash.as_deref())?;
        super::audit::record(
            s,
            clock,
            None,
            &super::AuditAction::PinChanged {
                employee: employee.0,
                set: hash.is_some(),
            },
        )
    })?;
    status(store)
}

/// Counts wrong PINs at the lock screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockGuard(pin::Attempts);

impl Default for LockGuard {
    fn default() -> Self {
        LockGuard(pin::Attempts::new(TRIES, PAUSE_SECONDS))
    }
}

impl LockGuard {
    /// Opens the lock for `employee` with `secret` (anything for an employee without a
    /// PIN); on success the store works as that employee from now on. A wrong PIN says
    /// how many tries are left; the fifth pauses the lock (audited).
    pub fn unlock(
        &mut self,
        store: &mut Store,
        employee: EmployeeId,
        secret: &str,
        clock: &Clock,
    ) -> Result<()> {
        let hash = store
            .employee_pins()?
            .into_iter()
            .find(|(e, _)| e.id == employee && e.active)
            .map(|(_, hash)| hash)
            .ok_or(Error::NotFound {
                entity: crate::error::Entity::Employee,
                id: employee.0,
            })?;
        let refused = self.0.attempt(clock.now(), || {
            Ok(hash.as_deref().is_none_or(|h| pin::verify(secret, h)))
        })?;
        match refused {
            Ok(()) => {
                store.set_actor(Some(employee));
                super::audit::record(store, clock, None, &super::AuditAction::SignedIn)
            }
            Err(pin::Refused::Paused { seconds }) => {
                if seconds == PAUSE_SECONDS {
                    super::audit::record(store, clock, None, &super::AuditAction::LockPaused)?;
                }
                Err(Error::Privacy(PrivacyProblem::Paused { seconds }))
            }
            Err(pin::Refused::Wrong { left }) => {
                Err(Error::Privacy(PrivacyProblem::WrongPin { left }))
            }
        }
    }
}

/// Chooses who works the app without the lock screen: only an employee without a PIN
/// (one with a PIN signs in at the lock screen); `None`: nobody in particular.
pub fn choose(store: &mut Store, employee: Option<EmployeeId>, clock: &Clock) -> Result<()> {
    if let Some(id) = employee {
        let person = people(store)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(Error::NotFound {
                entity: crate::error::Entity::Employee,
                id: id.0,
            })?;
        if person.has_pin {
            return Err(Error::Privacy(PrivacyProblem::PinNeeded));
        }
    }
    store.set_actor(employee);
    if employee.is_some() {
        super::audit::record(store, clock, None, &super::AuditAction::SignedIn)?;
    }
    Ok(())
}
