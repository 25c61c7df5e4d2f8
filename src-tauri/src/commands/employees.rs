//! The shop's employees.

use stammkunde::employees::{self, Employee, EmployeeId};

store_commands! {
    /// All employees, active ones first.
    employees_list() -> Vec<Employee> => |store| employees::list(store);

    employees_create(name: String) -> Employee
        => |store, clock| employees::create(store, &name, clock);

    /// Renames an employee and sets whether they are active.
    employees_update(id: EmployeeId, name: String, active: bool) -> Employee
        => |store| employees::update(store, id, &name, active);
}
