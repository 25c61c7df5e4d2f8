//! What the greeting list reads: birthdays of a month with postal addresses.

use super::Store;
use super::rows::partial;
use crate::care::labels::GreetingSource;
use crate::customers::{CustomerId, CustomerKind, Salutation};
use crate::error::Result;
use crate::soft_facts::AddressForm;

impl Store {
    /// Active customers with a birthday (theirs, their partner's, a contact person's) in
    /// `month`, with their address.
    pub(crate) fn greeting_sources(&self, month: u32) -> Result<Vec<GreetingSource>> {
        let mut sources: Vec<GreetingSource> = self
            .conn
            .prepare(
                "SELECT id, number, kind, salutation, title, first_name, last_name, firm_name,
                        street, postal_code, city, country, closeness, address_form,
                        birth_day, birth_month, birth_year, partner_name, partner_birth_day,
                        partner_birth_month, partner_birth_year
                 FROM customers
                 WHERE trashed_at IS NULL AND status = 'active'
                   AND (birth_month = ?1 OR partner_birth_month = ?1
                        OR id IN (SELECT customer_id FROM contacts
                                  WHERE CAST(substr(birthday, 6, 2) AS INTEGER) = ?1))
                 ORDER BY id",
            )?
            .query_map([month], |r| {
                Ok(GreetingSource {
                    customer: CustomerId(r.get(0)?),
                    number: r.get(1)?,
                    kind: CustomerKind::from_code(r.get_ref(2)?.as_str()?).unwrap_or_default(),
                    salutation: Salutation::from_code(r.get_ref(3)?.as_str()?).unwrap_or_default(),
                    title: r.get(4)?,
                    first_name: r.get(5)?,
                    last_name: r.get(6)?,
                    firm_name: r.get(7)?,
                    street: r.get(8)?,
                    postal_code: r.get(9)?,
                    city: r.get(10)?,
                    country: r.get(11)?,
                    closeness: r.get(12)?,
                    address_form: AddressForm::from_code(r.get_ref(13)?.as_str()?)
                        .unwrap_or_default(),
                    birthday: partial(r.get(14)?, r.get(15)?, r.get(16)?),
                    partner_name: r.get(17)?,
                    partner_birthday: partial(r.get(18)?, r.get(19)?, r.get(20)?),
                    contacts: Vec::new(),
                    consents: crate::privacy::Consents {
                        firm: false,
                        ..Default::default()
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        {
            let at: std::collections::HashMap<CustomerId, usize> = sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.customer, i))
                .collect();
            for s in &mut sources {
                s.consents.firm = s.kind == CustomerKind::Firm;
            }
            self.read_consents(None, |id, state| {
                if let Some(&i) = at.get(&id) {
                    sources[i].consents = state;
                }
            })?;
        }
        for c in self.contact_birthdays(&[month])? {
            if let Some(s) = sources.iter_mut().find(|s| s.customer == c.customer) {
                s.contacts.push((c.name, c.role, c.birthday));
            }
        }
        Ok(sources)
    }
}
