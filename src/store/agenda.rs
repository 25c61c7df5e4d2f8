//! What the agenda and the early warning read (customers with their value rows, last
//! contacts and signals, birthdays, recent purchases, open steps) and `agenda_marks`.

use super::Store;
use super::rows::{channel_of, day_of, json, partial, to_json};
use super::transactions::ensure_live_customer;
use crate::care::agenda::{CareCustomer, ContactBirthday, Mark, OpenStep, RecentPurchase};
use crate::care::warning::Signals;
use crate::customers::{CustomerId, CustomerKind, display_name};
use crate::error::{Error, Result};
use crate::interactions::{Channel, Interaction, InteractionFields, InteractionId};
use crate::soft_facts::PartialDate;
use crate::transactions::TransactionId;
use crate::value::segments::{Abc, Phase, Quadrant};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// What the agenda reads on the side connection: each customer's value row (matrix
/// field, class, phase, value, P(alive), revenue), last contacts, and the recent purchases
/// when asked for.
struct SideRead {
    values: Vec<ValueFacts>,
    contacts: Vec<(i64, Channel, NaiveDate)>,
    purchases: Vec<RecentPurchase>,
}

/// A value row as the agenda reads it.
type ValueFacts = (
    i64,
    Option<Quadrant>,
    Option<Abc>,
    Option<Phase>,
    i64,
    Option<f64>,
    i64,
);

/// The value rows and last contacts of every customer, or of `only` one, and the purchases
/// since `purchases.0` paid at least `purchases.1`.
fn side_read(
    conn: &Connection,
    only: Option<CustomerId>,
    purchases: Option<(NaiveDate, i64)>,
) -> Result<SideRead> {
    let only = only.map(|c| c.0);
    let mut values = Vec::new();
    {
        let mut statement = conn.prepare_cached(
            "SELECT customer_id, quadrant, abc, phase, value_cents, p_alive, revenue_12m_cents
             FROM customer_values WHERE ?1 IS NULL OR customer_id = ?1",
        )?;
        let mut rows = statement.query([only])?;
        while let Some(r) = rows.next()? {
            values.push((
                r.get(0)?,
                Quadrant::from_code(r.get_ref(1)?.as_str().unwrap_or("")),
                Abc::from_code(r.get_ref(2)?.as_str().unwrap_or("")),
                Phase::from_code(r.get_ref(3)?.as_str().unwrap_or("")),
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ));
        }
    }
    let mut contacts = Vec::new();
    let mut statement = conn.prepare_cached(
        "SELECT customer_id, channel, last_on FROM customer_last_contacts
         WHERE ?1 IS NULL OR customer_id = ?1",
    )?;
    let mut rows = statement.query([only])?;
    while let Some(r) = rows.next()? {
        if let Some(day) = day_of(r.get_ref(2)?.as_str().unwrap_or("")) {
            contacts.push((
                r.get(0)?,
                channel_of(r.get_ref(1)?.as_str().unwrap_or("")),
                day,
            ));
        }
    }
    let purchases = match purchases {
        Some((from, min_cents)) => recent_purchases(conn, from, min_cents)?,
        None => Vec::new(),
    };
    Ok(SideRead {
        values,
        contacts,
        purchases,
    })
}

/// Purchases since `from` that paid at least `min_cents` (their products are read for the
/// items shown only).
fn recent_purchases(
    conn: &Connection,
    from: NaiveDate,
    min_cents: i64,
) -> Result<Vec<RecentPurchase>> {
    Ok(conn
        .prepare_cached(
            "SELECT rowid, customer_id, date, amount_cents - discount_cents
             FROM transactions INDEXED BY transactions_by_date
             WHERE date >= ?1 AND amount_cents - discount_cents >= ?2",
        )?
        .query_map(params![from, min_cents], |r| {
            Ok(RecentPurchase {
                id: TransactionId(r.get(0)?),
                customer: CustomerId(r.get(1)?),
                date: day_of(r.get_ref(2)?.as_str()?).unwrap_or_default(),
                product: String::new(),
                paid_cents: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Where each customer is in a list, by id (ids are small and dense: a vector, no hashing).
struct Positions(Vec<u32>);

impl Positions {
    fn new(customers: &[CareCustomer]) -> Self {
        let max = customers.iter().map(|c| c.id.0).max().unwrap_or(0).max(0) as usize;
        let mut at = vec![u32::MAX; max + 1];
        for (i, c) in customers.iter().enumerate() {
            if let Ok(id) = usize::try_from(c.id.0) {
                at[id] = i as u32;
            }
        }
        Positions(at)
    }

    fn get(&self, id: i64) -> Option<usize> {
        let i = *self.0.get(usize::try_from(id).ok()?)?;
        (i != u32::MAX).then_some(i as usize)
    }
}

fn upsert_mark(
    tx: &Connection,
    key: &str,
    customer: CustomerId,
    mark: Mark,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO agenda_marks (key, customer_id, done_on, snoozed_until, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (key) DO UPDATE SET done_on = excluded.done_on,
             snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at",
        params![key, customer.0, mark.done_on, mark.snoozed_until, now],
    )?;
    Ok(())
}

impl Store {
    /// The active (not lost, not trashed) customers as the agenda and the early warning
    /// first see them: no names, channels or quiet times (see [`Store::care_details`]),
    /// read from the index `customers_care`. Relations come only with a birthday in one
    /// of `months`; tags only those that `tags` names (the ones the plan uses).
    /// With `only`, just that customer (a profile's agenda): read on this connection alone.
    /// With `purchases` (from, smallest amount paid), also the recent purchases that may
    /// call for a follow-up.
    /// `meanwhile` runs on this connection while the side one still reads (the agenda
    /// reads its other facts there); its result comes back with the customers.
    pub(crate) fn care_customers<T>(
        &self,
        tags: &[String],
        months: &[u32],
        only: Option<CustomerId>,
        purchases: Option<(NaiveDate, i64)>,
        meanwhile: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<(Vec<CareCustomer>, Vec<RecentPurchase>, T)> {
        // The matrix fields and last contacts are read on a second connection while this
        // one reads the customers (a database file only; in memory, one after the other).
        let side = self
            .conn
            .path()
            .filter(|p| !p.is_empty() && only.is_none())
            .map(|path| {
                let path = path.to_owned();
                std::thread::spawn(move || -> Result<SideRead> {
                    let conn = Connection::open_with_flags(
                        path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    conn.pragma_update(None, "mmap_size", 268_435_456)?;
                    side_read(&conn, None, purchases)
                })
            });
        // Room for every customer at once: the rows are large, and growing the vector
        // step by step would copy them over and over.
        let highest: i64 = match only {
            Some(_) => 1,
            None => self
                .conn
                .query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                    r.get(0)
                })?,
        };
        let mut customers: Vec<CareCustomer> =
            Vec::with_capacity(usize::try_from(highest).unwrap_or(0));
        {
            let mut statement = self.conn.prepare_cached(
                "SELECT id, coalesce(customer_since, substr(created_at, 1, 10)), peak_months,
                        birth_day, birth_month, birth_year, partner_birth_day,
                        partner_birth_month, partner_birth_year
                 FROM customers INDEXED BY customers_care
                 WHERE trashed_at IS NULL AND status = 'active' AND (?1 IS NULL OR id = ?1)
                 ORDER BY status, id",
            )?;
            let mut rows = statement.query([only.map(|c| c.0)])?;
            while let Some(r) = rows.next()? {
                let since = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                customers.push(CareCustomer {
                    id: CustomerId(r.get(0)?),
                    since: day_of(since).unwrap_or_default(),
                    peak_months: json(r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?),
                    birthday: partial(r.get(3)?, r.get(4)?, r.get(5)?),
                    partner_birthday: partial(r.get(6)?, r.get(7)?, r.get(8)?),
                    ..Default::default()
                });
            }
        }
        let position = Positions::new(&customers);
        // The consents, caretakers and open complaints on this connection while the side
        // one still reads.
        super::privacy::consents_visit(&self.conn, only, |id, consent| {
            if let Some(i) = position.get(id) {
                let state = &mut customers[i].consents;
                match consent {
                    None => state.firm = true,
                    Some((channel, given)) => state.set(channel, Some(given)),
                }
            }
        })?;
        {
            let mut statement = self.conn.prepare_cached(
                "SELECT id, employee_id FROM customers INDEXED BY customers_by_employee
                 WHERE employee_id IS NOT NULL AND (?1 IS NULL OR id = ?1)",
            )?;
            let mut rows = statement.query([only.map(|c| c.0)])?;
            while let Some(r) = rows.next()? {
                if let Some(i) = position.get(r.get(0)?) {
                    customers[i].employee = Some(crate::employees::EmployeeId(r.get(1)?));
                }
            }
        }
        for (customer, count) in self.open_complaints()? {
            if let Some(i) = position.get(customer.0) {
                customers[i].open_complaints = count;
            }
        }
        let also = meanwhile(self)?;
        let side = match side.map(|h| h.join()) {
            Some(Ok(read)) => read?,
            Some(Err(_)) => return Err(Error::Internal("the side read panicked".into())),
            None => side_read(&self.conn, only, purchases)?,
        };
        for (id, quadrant, abc, phase, value, p_alive, revenue) in side.values {
            if let Some(i) = position.get(id) {
                let c = &mut customers[i];
                c.quadrant = quadrant;
                c.abc = abc;
                c.phase = phase;
                c.value_cents = value;
                c.p_alive = p_alive;
                c.revenue_12m_cents = revenue;
            }
        }
        for (id, channel, day) in side.contacts {
            if let Some(i) = position.get(id) {
                customers[i].last_contacts.note(channel, day);
            }
        }
        if !months.is_empty() {
            // A text search for `"month":11,` leaves out most customers before their
            // relations are parsed; the months are at most three (a window of ≤ 62 days).
            let needles: Vec<String> = months.iter().map(|m| format!("\"month\":{m},")).collect();
            let found = (0..3)
                .map(|i| format!("instr(c.relations, ?{}) > 0", i + 2))
                .collect::<Vec<_>>()
                .join(" OR ");
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT c.id, j.key, j.value ->> 'name', j.value ->> 'relation',
                        j.value -> 'birthday'
                 FROM customers c INDEXED BY customers_with_relations, json_each(c.relations) j
                 WHERE c.relations <> '[]' AND c.trashed_at IS NULL AND ({found})
                   AND (j.value ->> '$.birthday.month') IN (SELECT value FROM json_each(?1))"
            ))?;
            let needle = |i: usize| {
                needles
                    .get(i)
                    .or(needles.last())
                    .cloned()
                    .unwrap_or_default()
            };
            let mut rows =
                statement.query(params![to_json(&months)?, needle(0), needle(1), needle(2)])?;
            while let Some(r) = rows.next()? {
                if let Some(i) = position.get(r.get(0)?) {
                    let index = usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
                    let birthday: Option<PartialDate> = r
                        .get::<_, Option<String>>(4)?
                        .and_then(|b| serde_json::from_str(&b).ok());
                    let relations = &mut customers[i].relations;
                    if relations.len() <= index {
                        relations.resize(index + 1, Default::default());
                    }
                    relations[index] = (r.get(2)?, r.get(3)?, birthday);
                }
            }
        }
        if !tags.is_empty() {
            let mut statement = self.conn.prepare_cached(
                "SELECT customer_id, tag FROM customer_tags WHERE tag IN
                 (SELECT value FROM json_each(?1))",
            )?;
            let mut rows = statement.query([to_json(&tags)?])?;
            while let Some(r) = rows.next()? {
                if let Some(i) = position.get(r.get(0)?) {
                    customers[i].tags.push(r.get(1)?);
                }
            }
        }
        Ok((customers, side.purchases, also))
    }

    /// Fills in what the agenda shows of these customers: name, partner, relations,
    /// preferred channels, quiet times, closeness.
    pub(crate) fn care_details(&self, customers: &mut [&mut CareCustomer]) -> Result<()> {
        let ids: Vec<i64> = customers.iter().map(|c| c.id.0).collect();
        let mut statement = self.conn.prepare_cached(
            "SELECT id, kind, first_name, last_name, firm_name, partner_name, relations,
                    preferred_channels, quiet_times, closeness
             FROM customers WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut rows = statement.query([to_json(&ids)?])?;
        let position: HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        while let Some(r) = rows.next()? {
            let Some(&i) = position.get(&r.get(0)?) else {
                continue;
            };
            let c = &mut customers[i];
            let text = |n: usize| -> Result<&str> {
                Ok(r.get_ref(n)?.as_str().map_err(rusqlite::Error::from)?)
            };
            let kind = if text(1)? == "firm" {
                CustomerKind::Firm
            } else {
                CustomerKind::Person
            };
            c.name = display_name(kind, text(2)?, text(3)?, text(4)?);
            c.partner_name = text(5)?.to_owned();
            let relations: Vec<crate::soft_facts::Relation> = json(text(6)?);
            c.relations = relations
                .into_iter()
                .map(|x| (x.name, x.relation, x.birthday))
                .collect();
            c.preferred_channels = json(text(7)?);
            c.quiet_times = json(text(8)?);
            c.closeness = r.get(9)?;
        }
        Ok(())
    }

    /// The products of these purchases.
    pub(crate) fn purchase_products(
        &self,
        ids: &[TransactionId],
    ) -> Result<HashMap<TransactionId, String>> {
        let ids: Vec<i64> = ids.iter().map(|t| t.0).collect();
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, product FROM transactions WHERE id IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([to_json(&ids)?], |r| Ok((TransactionId(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Display names of these customers.
    pub(crate) fn customer_names(&self, ids: &[CustomerId]) -> Result<HashMap<CustomerId, String>> {
        let ids: Vec<i64> = ids.iter().map(|c| c.0).collect();
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, kind, first_name, last_name, firm_name FROM customers
                 WHERE id IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([to_json(&ids)?], |r| {
                let kind = if r.get_ref(1)?.as_str()? == "firm" {
                    CustomerKind::Firm
                } else {
                    CustomerKind::Person
                };
                Ok((
                    CustomerId(r.get(0)?),
                    display_name(
                        kind,
                        r.get_ref(2)?.as_str()?,
                        r.get_ref(3)?.as_str()?,
                        r.get_ref(4)?.as_str()?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Contact persons with a birthday in one of `months`, at customers not in the trash.
    pub(crate) fn contact_birthdays(&self, months: &[u32]) -> Result<Vec<ContactBirthday>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT k.customer_id, k.id, k.name, k.role, k.birthday FROM contacts k
                 JOIN customers c ON c.id = k.customer_id
                 WHERE k.birthday IS NOT NULL AND c.trashed_at IS NULL
                   AND CAST(substr(k.birthday, 6, 2) AS INTEGER)
                       IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([to_json(&months)?], |r| {
                let date: NaiveDate = r.get(4)?;
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, date))
            })?
            .filter_map(|row| match row {
                Ok((customer, contact, name, role, date)) => {
                    use chrono::Datelike;
                    PartialDate::new(date.day(), date.month(), Some(date.year())).map(|b| {
                        Ok(ContactBirthday {
                            customer: CustomerId(customer),
                            contact,
                            name,
                            role,
                            birthday: b,
                        })
                    })
                }
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Next steps with a due day up to `until`.
    pub(crate) fn open_steps(&self, until: NaiveDate) -> Result<Vec<OpenStep>> {
        Ok(self
            .conn
            .prepare(
                "SELECT id, customer_id, substr(at, 1, 10), next_step, next_step_due, employee_id
                 FROM interactions
                 WHERE next_step_due IS NOT NULL AND next_step_due <= ?1 AND next_step <> ''",
            )?
            .query_map([until], |r| {
                Ok(OpenStep {
                    interaction: InteractionId(r.get(0)?),
                    customer: CustomerId(r.get(1)?),
                    at: r.get(2)?,
                    step: r.get(3)?,
                    due: r.get(4)?,
                    employee: r
                        .get::<_, Option<i64>>(5)?
                        .map(crate::employees::EmployeeId),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn agenda_marks(&self) -> Result<HashMap<String, Mark>> {
        Ok(self
            .conn
            .prepare("SELECT key, done_on, snoozed_until FROM agenda_marks")?
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Mark {
                        done_on: r.get(1)?,
                        snoozed_until: r.get(2)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Marks an agenda item done or put off (replacing an earlier mark).
    pub(crate) fn set_mark(
        &mut self,
        key: &str,
        customer: CustomerId,
        mark: Mark,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            upsert_mark(tx, key, customer, mark, now)
        })
    }

    /// Takes a mark back (the Undo of done or snooze).
    pub(crate) fn clear_mark(&mut self, key: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM agenda_marks WHERE key = ?1", [key])?;
            Ok(())
        })
    }

    /// Records an interaction and marks the agenda item it answers done, together.
    pub(crate) fn log_for_item(
        &mut self,
        key: &str,
        customer: CustomerId,
        f: &InteractionFields,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        let actor = self.actor;
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let id = super::interactions::insert_row(tx, customer, f, actor, now)?;
            let mark = Mark {
                done_on: Some(f.at.date()),
                snoozed_until: None,
            };
            upsert_mark(tx, key, customer, mark, now)?;
            super::interactions::read_row(tx, id)
        })
    }

    /// Every customer's purchase signals (of the last value analysis), in id order.
    pub(crate) fn signals(&self) -> Result<Vec<(i64, Signals)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT customer_id, gross_12m_cents, discount_12m_cents, gross_prior_cents,
                    discount_prior_cents, purchases, first_purchase, categories, only_category
             FROM customer_signals ORDER BY customer_id",
        )?;
        let mut rows = statement.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((
                r.get(0)?,
                Signals {
                    gross_12m_cents: r.get(1)?,
                    discount_12m_cents: r.get(2)?,
                    gross_prior_cents: r.get(3)?,
                    discount_prior_cents: r.get(4)?,
                    purchases: r.get(5)?,
                    first_purchase: day_of(r.get_ref(6)?.as_str().unwrap_or("")),
                    categories: r.get(7)?,
                    only_category: r.get(8)?,
                },
            ));
        }
        Ok(out)
    }
}
