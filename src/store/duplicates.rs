//! What the duplicate finder reads: one profile per live customer.

use super::Store;
use crate::customers::{CustomerKind, CustomerSummary};
use crate::duplicates::Profile;
use crate::error::Result;
use crate::soft_facts::{Labeled, PartialDate};

impl Store {
    /// A matching profile of every customer not in the trash (or of the given ones).
    pub(crate) fn duplicate_profiles(&self, only: Option<&[i64]>) -> Result<Vec<Profile>> {
        let mut sql = String::from(
            "SELECT id, kind, first_name, last_name, firm_name, street, postal_code, city,
                    birth_day, birth_month, birth_year, phone, other_phones, email, other_emails
             FROM customers WHERE trashed_at IS NULL",
        );
        if let Some(ids) = only {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            sql.push_str(&format!(" AND id IN ({})", list.join(",")));
        }
        sql.push_str(" ORDER BY id");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], |row| {
            let kind: CustomerKind = row.get(1)?;
            let labeled = |column: usize| -> rusqlite::Result<Vec<String>> {
                let text: String = row.get(column)?;
                Ok(serde_json::from_str::<Vec<Labeled>>(&text)
                    .map(|list| list.into_iter().map(|l| l.value).collect())
                    .unwrap_or_default())
            };
            let mut phones = vec![row.get::<_, String>(11)?];
            phones.extend(labeled(12)?);
            let mut emails = vec![row.get::<_, String>(13)?];
            emails.extend(labeled(14)?);
            let birthday = match (row.get::<_, Option<u32>>(8)?, row.get::<_, Option<u32>>(9)?) {
                (Some(d), Some(m)) => PartialDate::new(d, m, row.get(10)?),
                _ => None,
            };
            let firm = kind == CustomerKind::Firm;
            Ok(Profile {
                id: row.get(0)?,
                // A firm is matched by its name; its contact person's name is no identity.
                first_name: if firm { String::new() } else { row.get(2)? },
                last_name: if firm { String::new() } else { row.get(3)? },
                firm_name: if firm { row.get(4)? } else { String::new() },
                street: row.get(5)?,
                postal_code: row.get(6)?,
                city: row.get(7)?,
                birthday,
                phones,
                emails,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// List rows of the given customers, in the order asked.
    pub(crate) fn customer_summaries(&self, ids: &[i64]) -> Result<Vec<CustomerSummary>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM customers c WHERE c.id = ?1",
            super::customers::SUMMARY_COLUMNS
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(statement.query_row([id], super::customers::summary_from_row)?);
        }
        Ok(out)
    }
}
