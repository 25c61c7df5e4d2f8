//! What the duplicate finder reads: one profile per live customer.

use super::Store;
use crate::customers::{CustomerKind, CustomerSummary};
use crate::duplicates::{Index, Prepared, Profile};
use crate::error::Result;
use crate::soft_facts::{Labeled, PartialDate};

/// The look-alike index kept between calls, and the last profile change it has seen.
#[derive(Debug)]
pub struct LookAlikes {
    index: Index,
    seen: i64,
}

impl Store {
    /// The look-alike index of every live customer, made on this connection — one that
    /// only reads, beside the app's own, so the app need not wait the second it takes at
    /// 100,000 customers. Hand it over with [`Store::adopt_look_alikes`].
    pub fn make_look_alikes(&self) -> Result<LookAlikes> {
        let seen: i64 = self.conn.query_row(
            "SELECT coalesce(max(seq), 0) FROM profile_changes",
            [],
            |r| r.get(0),
        )?;
        // Each profile prepared as it is read: the 100,000 profiles themselves never
        // stand in memory together (their freed room would stay with the process).
        let mut prepared = Vec::new();
        self.each_duplicate_profile(None, |p| prepared.push(Prepared::new(&p)))?;
        Ok(LookAlikes {
            index: Index::of_prepared(prepared),
            seen,
        })
    }

    /// Keeps an index made elsewhere, unless this store made one meanwhile; the profiles
    /// changed since it was made are taken in at the next look-up, as always.
    pub fn adopt_look_alikes(&self, made: LookAlikes) {
        let mut cache = self.look_alikes.lock().unwrap_or_else(|e| e.into_inner());
        if cache.is_none() {
            *cache = Some(made);
        }
    }

    /// `f` with the look-alike index of every live customer: kept between calls and
    /// brought up to date with the profiles changed since (`profile_changes`, written by
    /// triggers, also for changes by another process); made anew the first time, when
    /// the file went back to an earlier state (a restore), or when many changed.
    pub(crate) fn with_look_alikes<R>(&self, f: impl FnOnce(&Index) -> R) -> Result<R> {
        let mut cache = self.look_alikes.lock().unwrap_or_else(|e| e.into_inner());
        let latest: i64 = self.conn.query_row(
            "SELECT coalesce(max(seq), 0) FROM profile_changes",
            [],
            |r| r.get(0),
        )?;
        let kept = match cache.as_mut() {
            Some(kept) if kept.seen == latest => Some(kept),
            Some(kept) if kept.seen < latest => {
                let changed: Vec<i64> = self
                    .conn
                    .prepare_cached(
                        "SELECT customer FROM profile_changes INDEXED BY profile_changes_by_seq
                         WHERE seq > ?1",
                    )?
                    .query_map([kept.seen], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let many = changed.len() > 1_000.max(kept.index.len() / 10)
                    || kept.index.removed() + changed.len() > kept.index.len() / 4 + 1_000;
                if many {
                    None
                } else {
                    for &id in &changed {
                        kept.index.remove(id);
                    }
                    for profile in self.duplicate_profiles(Some(&changed))? {
                        kept.index.add(Prepared::new(&profile));
                    }
                    kept.seen = latest;
                    Some(kept)
                }
            }
            _ => None,
        };
        let index = match kept {
            Some(kept) => &kept.index,
            None => {
                let mut prepared = Vec::new();
                self.each_duplicate_profile(None, |p| prepared.push(Prepared::new(&p)))?;
                let made = cache.insert(LookAlikes {
                    index: Index::of_prepared(prepared),
                    seen: latest,
                });
                &made.index
            }
        };
        Ok(f(index))
    }

    /// A matching profile of every customer not in the trash (or of the given ones).
    pub(crate) fn duplicate_profiles(&self, only: Option<&[i64]>) -> Result<Vec<Profile>> {
        let mut profiles = Vec::new();
        self.each_duplicate_profile(only, |p| profiles.push(p))?;
        Ok(profiles)
    }

    /// [`Store::duplicate_profiles`] one at a time, never all of them in memory.
    pub(crate) fn each_duplicate_profile(
        &self,
        only: Option<&[i64]>,
        mut each: impl FnMut(Profile),
    ) -> Result<()> {
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
        for row in rows {
            each(row?);
        }
        Ok(())
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
