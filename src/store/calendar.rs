//! What the calendar export reads: every live customer's birthdays (their own, the
//! partner's, the relations') and the contact persons' birthdays.

use super::Store;
use super::rows::partial;
use crate::care::calendar::{BirthdayPerson, Celebrated};
use crate::customers::{CustomerId, CustomerKind, display_name};
use crate::error::Result;
use crate::soft_facts::Relation;

impl Store {
    /// Everyone with a birthday on file, by customer.
    pub(crate) fn calendar_birthdays(&self) -> Result<Vec<BirthdayPerson>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, first_name, last_name, firm_name, birth_day, birth_month,
                    birth_year, partner_name, partner_birth_day, partner_birth_month,
                    partner_birth_year, relations
             FROM customers
             WHERE trashed_at IS NULL
               AND (birth_month IS NOT NULL OR partner_birth_month IS NOT NULL
                    OR relations <> '[]')
             ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = CustomerId(r.get(0)?);
            let kind =
                CustomerKind::from_code(r.get_ref(1)?.as_str().unwrap_or("")).unwrap_or_default();
            let (first, last, firm): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?);
            let name = display_name(kind, &first, &last, &firm);
            if let Some(b) = partial(r.get(5)?, r.get(6)?, r.get(7)?) {
                out.push(BirthdayPerson {
                    customer: id,
                    customer_name: name.clone(),
                    who: Celebrated::Customer,
                    birthday: b,
                });
            }
            if let Some(b) = partial(r.get(9)?, r.get(10)?, r.get(11)?) {
                out.push(BirthdayPerson {
                    customer: id,
                    customer_name: name.clone(),
                    who: Celebrated::Partner { name: r.get(8)? },
                    birthday: b,
                });
            }
            let relations: Vec<Relation> =
                serde_json::from_str(r.get_ref(12)?.as_str().unwrap_or("[]")).unwrap_or_default();
            for (index, rel) in relations.into_iter().enumerate() {
                if let Some(b) = rel.birthday {
                    out.push(BirthdayPerson {
                        customer: id,
                        customer_name: name.clone(),
                        who: Celebrated::Relation {
                            index: index as u32,
                            name: rel.name,
                            relation: rel.relation,
                        },
                        birthday: b,
                    });
                }
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.customer_id, k.name, k.role, k.birthday,
                    c.kind, c.first_name, c.last_name, c.firm_name
             FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE k.birthday IS NOT NULL AND c.trashed_at IS NULL
             ORDER BY k.customer_id, k.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let day: String = r.get(4)?;
            let Ok(date) = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
                continue;
            };
            use chrono::Datelike;
            let Some(b) =
                crate::soft_facts::PartialDate::new(date.day(), date.month(), Some(date.year()))
            else {
                continue;
            };
            let kind =
                CustomerKind::from_code(r.get_ref(5)?.as_str().unwrap_or("")).unwrap_or_default();
            let (first, last, firm): (String, String, String) = (r.get(6)?, r.get(7)?, r.get(8)?);
            out.push(BirthdayPerson {
                customer: CustomerId(r.get(1)?),
                customer_name: display_name(kind, &first, &last, &firm),
                who: Celebrated::Contact {
                    id: r.get(0)?,
                    name: r.get(2)?,
                    role: r.get(3)?,
                },
                birthday: b,
            });
        }
        Ok(out)
    }
}
