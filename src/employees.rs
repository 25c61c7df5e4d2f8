//! The shop's employees: who is responsible for a customer, who had a contact.
//! Employees who leave are deactivated, never deleted, so the history keeps their name.

use crate::clock::Clock;
use crate::error::{Field, Result};
use crate::input::Checker;
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct EmployeeId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Employee {
    pub id: EmployeeId,
    pub name: String,
    /// Inactive employees are kept for the history but offered for nothing new.
    pub active: bool,
}

const NAME_MAX: u32 = 100;

fn clean_name(name: &str) -> Result<String> {
    let mut check = Checker::new();
    let name = check.required(Field::Name, name, NAME_MAX);
    check.finish(|| name).map_err(crate::Error::Validation)
}

/// Adds an employee; the name must be unique among all employees.
pub fn create(store: &mut Store, name: &str, clock: &Clock) -> Result<Employee> {
    let now = clock.now();
    let name = clean_name(name)?;
    store.insert_employee(&name, now)
}

/// Renames an employee and sets whether they are active.
pub fn update(store: &mut Store, id: EmployeeId, name: &str, active: bool) -> Result<Employee> {
    let name = clean_name(name)?;
    store.update_employee(id, &name, active)
}

/// All employees, active ones first, by name.
pub fn list(store: &Store) -> Result<Vec<Employee>> {
    store.employees()
}
