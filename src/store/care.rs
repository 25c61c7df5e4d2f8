//! The care plan's tables: measures, plan lines, agenda marks, last contacts, purchase
//! signals, complaints, lost customers and win-back attempts.

use super::Store;
use super::transactions::ensure_live_customer;
use crate::care::CareProblem;
use crate::care::agenda::{CareCustomer, ContactBirthday, Mark, OpenStep, RecentPurchase};
use crate::care::labels::GreetingSource;
use crate::care::lost::{Loss, LossFields, LossId, LostReason, LostReasonId};
use crate::care::plan::{Measure, MeasureFields, MeasureId, PlanRule, PlanRuleId};
use crate::care::warning::Signals;
use crate::customers::{CustomerId, CustomerKind, Salutation, display_name};
use crate::employees::EmployeeId;
use crate::error::{Entity, Error, Result};
use crate::interactions::{Channel, Interaction, InteractionFields, InteractionId};
use crate::soft_facts::AddressForm;
use crate::soft_facts::PartialDate;
use crate::transactions::TransactionId;
use crate::value::segments::{Abc, Quadrant};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

fn json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    if text == "[]" {
        return T::default();
    }
    serde_json::from_str(text).unwrap_or_default()
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

fn partial(d: Option<u32>, m: Option<u32>, y: Option<i32>) -> Option<PartialDate> {
    PartialDate::new(d?, m?, y)
}

/// What the agenda reads besides the customers: each customer's value row (matrix
/// field, class, value, P(alive), revenue) and last contacts.
type SideRead = (
    Vec<(i64, Option<Quadrant>, Option<Abc>, i64, Option<f64>, i64)>,
    Vec<(i64, Channel, NaiveDate)>,
);

fn side_read(conn: &Connection) -> Result<SideRead> {
    let mut values = Vec::new();
    {
        let mut statement = conn.prepare_cached(
            "SELECT customer_id, quadrant, abc, value_cents, p_alive, revenue_12m_cents
             FROM customer_values",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            values.push((
                r.get(0)?,
                Quadrant::from_code(r.get_ref(1)?.as_str().unwrap_or("")),
                Abc::from_code(r.get_ref(2)?.as_str().unwrap_or("")),
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ));
        }
    }
    let mut contacts = Vec::new();
    let mut statement =
        conn.prepare_cached("SELECT customer_id, channel, last_on FROM customer_last_contacts")?;
    let mut rows = statement.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(day) = day_of(r.get_ref(2)?.as_str().unwrap_or("")) {
            contacts.push((
                r.get(0)?,
                channel_of(r.get_ref(1)?.as_str().unwrap_or("")),
                day,
            ));
        }
    }
    Ok((values, contacts))
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

/// A `YYYY-MM-DD` day, read without a format parser (hundreds of thousands per agenda).
fn day_of(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

fn channel_of(code: &str) -> Channel {
    Channel::from_code(code).unwrap_or(Channel::Other)
}

fn measure_from_row(r: &Row<'_>) -> rusqlite::Result<Measure> {
    Ok(Measure {
        id: MeasureId(r.get(0)?),
        name: r.get(1)?,
        channel: channel_of(&r.get::<_, String>(2)?),
        cost_cents: r.get(3)?,
        quadrants: json(&r.get::<_, String>(4)?),
        phases: json(&r.get::<_, String>(5)?),
        employee_id: r.get::<_, Option<i64>>(6)?.map(EmployeeId),
        note: r.get(7)?,
        created_at: r.get(8)?,
    })
}

fn rule_from_row(r: &Row<'_>) -> rusqlite::Result<PlanRule> {
    Ok(PlanRule {
        id: PlanRuleId(r.get(0)?),
        quadrant: r
            .get::<_, Option<String>>(1)?
            .and_then(|q| Quadrant::from_code(&q)),
        abc: r
            .get::<_, Option<String>>(2)?
            .and_then(|a| Abc::from_code(&a)),
        tag: r.get(3)?,
        channel: channel_of(&r.get::<_, String>(4)?),
        every_days: r.get(5)?,
        measure: r.get::<_, Option<i64>>(6)?.map(MeasureId),
        starts_on: r.get(7)?,
    })
}

fn not_found(entity: Entity, id: i64) -> Error {
    Error::NotFound { entity, id }
}

/// Refuses an id that names no row of `table` (one of this module's tables).
pub(super) fn ensure_exists(tx: &Connection, table: &str, id: i64, entity: Entity) -> Result<()> {
    let exists: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    exists.map(|_| ()).ok_or(not_found(entity, id))
}

/// Refuses a name another row of `table` (one of this module's tables) already has,
/// naming the field.
pub(super) fn refuse_taken_name(
    tx: &Connection,
    table: &str,
    name: &str,
    id: Option<i64>,
) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE name = ?1 AND id IS NOT ?2"),
            params![name, id],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(Error::Validation(vec![crate::error::FieldError::new(
            crate::error::Field::Name,
            crate::error::Issue::NameTaken,
        )])),
        None => Ok(()),
    }
}

/// Deletes a row of `table` (one of this module's tables) by id.
pub(super) fn delete_by_id(tx: &Connection, table: &str, id: i64, entity: Entity) -> Result<()> {
    if tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])? == 0 {
        return Err(not_found(entity, id));
    }
    Ok(())
}

impl Store {
    pub(crate) fn measures(&self) -> Result<Vec<Measure>> {
        Ok(self
            .conn
            .prepare(
                "SELECT id, name, channel, cost_cents, quadrants, phases, employee_id, note,
                        created_at
                 FROM care_measures ORDER BY name COLLATE NOCASE",
            )?
            .query_map([], measure_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds a measure (`id` None) or changes one; a name already used is refused by field.
    pub(crate) fn save_measure(
        &mut self,
        id: Option<MeasureId>,
        f: &MeasureFields,
        now: DateTime<Utc>,
    ) -> Result<Measure> {
        self.write(|tx| {
            if let Some(employee) = f.employee_id {
                ensure_exists(tx, "employees", employee.0, Entity::Employee)?;
            }
            refuse_taken_name(tx, "care_measures", &f.name, id.map(|i| i.0))?;
            let values = params![
                f.name,
                f.channel.code(),
                f.cost_cents,
                to_json(&f.quadrants)?,
                to_json(&f.phases)?,
                f.employee_id.map(|e| e.0),
                f.note,
                now,
                id.map(|i| i.0),
            ];
            let id = match id {
                None => {
                    tx.execute(
                        "INSERT INTO care_measures (name, channel, cost_cents, quadrants, phases,
                             employee_id, note, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        &values[..8],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE care_measures SET name = ?1, channel = ?2, cost_cents = ?3,
                             quadrants = ?4, phases = ?5, employee_id = ?6, note = ?7
                         WHERE id = ?9",
                        values,
                    )?;
                    if changed == 0 {
                        return Err(not_found(Entity::Measure, id.0));
                    }
                    id.0
                }
            };
            Ok(tx.query_row(
                "SELECT id, name, channel, cost_cents, quadrants, phases, employee_id, note,
                        created_at
                 FROM care_measures WHERE id = ?1",
                [id],
                measure_from_row,
            )?)
        })
    }

    /// Removes a measure; plan lines that named it keep their channel and interval.
    pub(crate) fn delete_measure(&mut self, id: MeasureId) -> Result<()> {
        self.write(|tx| delete_by_id(tx, "care_measures", id.0, Entity::Measure))
    }

    pub(crate) fn plan_rules(&self) -> Result<Vec<PlanRule>> {
        Ok(self
            .conn
            .prepare(
                "SELECT id, quadrant, abc, tag, channel, every_days, measure_id, substr(created_at, 1, 10)
                 FROM care_plan
                 ORDER BY CASE quadrant WHEN 'top' THEN 0 WHEN 'development' THEN 1
                     WHEN 'premium' THEN 2 WHEN 'small' THEN 3 ELSE 4 END, abc, tag,
                     every_days, id",
            )?
            .query_map([], rule_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub(crate) fn save_rule(
        &mut self,
        id: Option<PlanRuleId>,
        rule: &PlanRule,
        now: DateTime<Utc>,
    ) -> Result<PlanRule> {
        self.write(|tx| {
            if let Some(m) = rule.measure {
                ensure_exists(tx, "care_measures", m.0, Entity::Measure)?;
            }
            let values = params![
                rule.quadrant.map(|q| q.code()),
                rule.abc.map(|a| a.code()),
                rule.tag,
                rule.channel.code(),
                rule.every_days,
                rule.measure.map(|m| m.0),
                now,
            ];
            let id = match id {
                None => {
                    tx.execute(
                        "INSERT INTO care_plan (quadrant, abc, tag, channel, every_days,
                             measure_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        values,
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE care_plan SET quadrant = ?1, abc = ?2, tag = ?3, channel = ?4,
                             every_days = ?5, measure_id = ?6 WHERE id = ?7",
                        params![
                            rule.quadrant.map(|q| q.code()),
                            rule.abc.map(|a| a.code()),
                            rule.tag,
                            rule.channel.code(),
                            rule.every_days,
                            rule.measure.map(|m| m.0),
                            id.0
                        ],
                    )?;
                    if changed == 0 {
                        return Err(not_found(Entity::PlanRule, id.0));
                    }
                    id.0
                }
            };
            Ok(tx.query_row(
                "SELECT id, quadrant, abc, tag, channel, every_days, measure_id, substr(created_at, 1, 10)
                 FROM care_plan
                 WHERE id = ?1",
                [id],
                rule_from_row,
            )?)
        })
    }

    pub(crate) fn delete_rule(&mut self, id: PlanRuleId) -> Result<()> {
        self.write(|tx| delete_by_id(tx, "care_plan", id.0, Entity::PlanRule))
    }

    /// The active (not lost, not trashed) customers as the agenda and the early warning
    /// first see them: no names, channels or quiet times (see [`Store::care_details`]),
    /// read from the index `customers_care`. Relations come only with a birthday in one
    /// of `months`; tags only those that `tags` names (the ones the plan uses).
    pub(crate) fn care_customers(
        &self,
        tags: &[String],
        months: &[u32],
    ) -> Result<Vec<CareCustomer>> {
        // The matrix fields and last contacts are read on a second connection while this
        // one reads the customers (a database file only; in memory, one after the other).
        let side = self.conn.path().filter(|p| !p.is_empty()).map(|path| {
            let path = path.to_owned();
            std::thread::spawn(move || -> Result<SideRead> {
                let conn = Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.pragma_update(None, "mmap_size", 268_435_456)?;
                side_read(&conn)
            })
        });
        // Room for every customer at once: the rows are large, and growing the vector
        // step by step would copy them over and over.
        let highest: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| {
                    r.get(0)
                })?;
        let mut customers: Vec<CareCustomer> =
            Vec::with_capacity(usize::try_from(highest).unwrap_or(0));
        {
            let mut statement = self.conn.prepare_cached(
                "SELECT id, coalesce(customer_since, substr(created_at, 1, 10)), peak_months,
                        birth_day, birth_month, birth_year, partner_birth_day,
                        partner_birth_month, partner_birth_year
                 FROM customers INDEXED BY customers_care
                 WHERE trashed_at IS NULL AND status = 'active' ORDER BY status, id",
            )?;
            let mut rows = statement.query([])?;
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
        let (values, contacts) = match side.map(|h| h.join()) {
            Some(Ok(read)) => read?,
            Some(Err(_)) => return Err(Error::Internal("the side read panicked".into())),
            None => side_read(&self.conn)?,
        };
        for (id, quadrant, abc, value, p_alive, revenue) in values {
            if let Some(i) = position.get(id) {
                let c = &mut customers[i];
                c.quadrant = quadrant;
                c.abc = abc;
                c.value_cents = value;
                c.p_alive = p_alive;
                c.revenue_12m_cents = revenue;
            }
        }
        for (id, channel, day) in contacts {
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
        Ok(customers)
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

    /// Purchases from `from` on, paid at least `min_cents` (without the product).
    pub(crate) fn recent_purchases(
        &self,
        from: NaiveDate,
        min_cents: i64,
    ) -> Result<Vec<RecentPurchase>> {
        Ok(self
            .conn
            .prepare(
                "SELECT rowid, customer_id, date, amount_cents - discount_cents
                 FROM transactions INDEXED BY transactions_by_date
                 WHERE date >= ?1 AND amount_cents - discount_cents >= ?2",
            )?
            .query_map(params![from, min_cents], |r| {
                Ok(RecentPurchase {
                    id: TransactionId(r.get(0)?),
                    customer: CustomerId(r.get(1)?),
                    date: day_of(r.get_ref(2)?.as_str()?).unwrap_or_default(),
                    // Read for the items shown only.
                    product: String::new(),
                    paid_cents: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Next steps with a due day up to `until`.
    pub(crate) fn open_steps(&self, until: NaiveDate) -> Result<Vec<OpenStep>> {
        Ok(self
            .conn
            .prepare(
                "SELECT id, customer_id, substr(at, 1, 10), next_step, next_step_due
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
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let id = super::interactions::insert_row(tx, customer, f, now)?;
            let mark = Mark {
                done_on: Some(f.at.date()),
                snoozed_until: None,
            };
            upsert_mark(tx, key, customer, mark, now)?;
            super::interactions::read_row(tx, id)
        })
    }

    /// Adds each customer's purchase signals (of the last value analysis).
    pub(crate) fn add_signals(&self, customers: &mut [CareCustomer]) -> Result<()> {
        let position = Positions::new(customers);
        let mut statement = self.conn.prepare_cached(
            "SELECT customer_id, gross_12m_cents, discount_12m_cents, gross_prior_cents,
                    discount_prior_cents, purchases, first_purchase, categories, only_category
             FROM customer_signals",
        )?;
        let mut rows = statement.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(i) = position.get(r.get(0)?) {
                customers[i].signals = Some(Box::new(Signals {
                    gross_12m_cents: r.get(1)?,
                    discount_12m_cents: r.get(2)?,
                    gross_prior_cents: r.get(3)?,
                    discount_prior_cents: r.get(4)?,
                    purchases: r.get(5)?,
                    first_purchase: day_of(r.get_ref(6)?.as_str().unwrap_or("")),
                    categories: r.get(7)?,
                    only_category: r.get(8)?,
                }));
            }
        }
        Ok(())
    }

    /// How many open complaints each customer has.
    pub(crate) fn open_complaints(&self) -> Result<HashMap<CustomerId, u32>> {
        Ok(self
            .conn
            .prepare(
                "SELECT customer_id, count(*) FROM interactions
                 WHERE complaint = 1 AND complaint_resolved_on IS NULL GROUP BY customer_id",
            )?
            .query_map([], |r| Ok((CustomerId(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Marks a customer's complaint resolved on `day`.
    pub(crate) fn resolve_complaint(
        &mut self,
        id: InteractionId,
        day: NaiveDate,
    ) -> Result<Interaction> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE interactions SET complaint_resolved_on = ?2
                 WHERE id = ?1 AND complaint = 1",
                params![id.0, day],
            )?;
            if changed == 0 {
                return Err(not_found(Entity::Interaction, id.0));
            }
            super::interactions::read_row(tx, id.0)
        })
    }

    pub(crate) fn lost_reasons(&self) -> Result<Vec<LostReason>> {
        Ok(self
            .conn
            .prepare(
                "SELECT r.id, r.name, (SELECT count(*) FROM customer_losses l
                                       WHERE l.reason_id = r.id)
                 FROM lost_reasons r ORDER BY r.name COLLATE NOCASE",
            )?
            .query_map([], |r| {
                Ok(LostReason {
                    id: LostReasonId(r.get(0)?),
                    name: r.get(1)?,
                    losses: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds a reason (`id` None) or renames one.
    pub(crate) fn save_lost_reason(
        &mut self,
        id: Option<LostReasonId>,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            refuse_taken_name(tx, "lost_reasons", name, id.map(|i| i.0))?;
            match id {
                None => {
                    tx.execute(
                        "INSERT INTO lost_reasons (name, created_at) VALUES (?1, ?2)",
                        params![name, now],
                    )?;
                }
                Some(id) => {
                    if tx.execute(
                        "UPDATE lost_reasons SET name = ?1 WHERE id = ?2",
                        params![name, id.0],
                    )? == 0
                    {
                        return Err(not_found(Entity::LostReason, id.0));
                    }
                }
            }
            Ok(())
        })
    }

    /// Removes a reason no loss names.
    pub(crate) fn delete_lost_reason(&mut self, id: LostReasonId) -> Result<()> {
        self.write(|tx| {
            let used: i64 = tx.query_row(
                "SELECT count(*) FROM customer_losses WHERE reason_id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(Error::Care(CareProblem::ReasonInUse));
            }
            delete_by_id(tx, "lost_reasons", id.0, Entity::LostReason)
        })
    }

    /// Marks an active customer lost: the status and the loss with its day and reason, in
    /// one transaction.
    pub(crate) fn mark_lost(
        &mut self,
        customer: CustomerId,
        f: &LossFields,
        now: DateTime<Utc>,
    ) -> Result<LossId> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            if let Some(reason) = f.reason {
                ensure_exists(tx, "lost_reasons", reason.0, Entity::LostReason)?;
            }
            // The status trigger opens the loss.
            let changed = tx.execute(
                "UPDATE customers SET status = 'lost', updated_at = ?2
                 WHERE id = ?1 AND status = 'active'",
                params![customer.0, now],
            )?;
            if changed == 0 {
                return Err(Error::Care(CareProblem::AlreadyLost));
            }
            Ok(LossId(tx.query_row(
                "UPDATE customer_losses SET lost_on = ?2, reason_id = ?3, note = ?4
                 WHERE customer_id = ?1 AND reactivated_on IS NULL RETURNING id",
                params![customer.0, f.lost_on, f.reason.map(|r| r.0), f.note],
                |r| r.get(0),
            )?))
        })
    }

    /// Takes a lost customer back on `day`.
    pub(crate) fn reactivate(
        &mut self,
        customer: CustomerId,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let changed = tx.execute(
                "UPDATE customers SET status = 'active', updated_at = ?2
                 WHERE id = ?1 AND status = 'lost'",
                params![customer.0, now],
            )?;
            if changed == 0 {
                return Err(Error::Care(CareProblem::NotLost));
            }
            // The trigger closed the loss with today's UTC day; the shop's day is `day`.
            tx.execute(
                "UPDATE customer_losses SET reactivated_on = ?2
                 WHERE id = (SELECT id FROM customer_losses WHERE customer_id = ?1
                             ORDER BY reactivated_on IS NULL DESC, created_at DESC, id DESC
                             LIMIT 1)",
                params![customer.0, day],
            )?;
            Ok(())
        })
    }

    /// Records a try to win a lost customer back: an interaction tied to the open loss.
    pub(crate) fn add_winback(
        &mut self,
        customer: CustomerId,
        f: &InteractionFields,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.write(|tx| {
            ensure_live_customer(tx, customer)?;
            let loss: Option<i64> = tx
                .query_row(
                    "SELECT id FROM customer_losses WHERE customer_id = ?1
                     AND reactivated_on IS NULL",
                    [customer.0],
                    |r| r.get(0),
                )
                .optional()?;
            let loss = loss.ok_or(Error::Care(CareProblem::NotLost))?;
            let id = super::interactions::insert_row(tx, customer, f, now)?;
            tx.execute(
                "INSERT INTO winback_attempts (loss_id, interaction_id) VALUES (?1, ?2)",
                [loss, id],
            )?;
            super::interactions::read_row(tx, id)
        })
    }

    /// Every loss of a customer not in the trash (of one customer, when given), the
    /// latest first, with the revenue paid in the 12 months before it.
    pub(crate) fn losses(&self, only: Option<CustomerId>) -> Result<Vec<Loss>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT l.id, l.customer_id, c.kind, c.first_name, c.last_name, c.firm_name,
                        l.lost_on, l.reason_id, r.name, l.note, l.reactivated_on,
                        (SELECT coalesce(sum(t.amount_cents - t.discount_cents), 0)
                         FROM transactions t WHERE t.customer_id = l.customer_id
                           AND t.date > date(l.lost_on, '-12 months')
                           AND t.date <= l.lost_on),
                        (SELECT count(*) FROM winback_attempts w WHERE w.loss_id = l.id)
                 FROM customer_losses l
                 JOIN customers c ON c.id = l.customer_id
                 LEFT JOIN lost_reasons r ON r.id = l.reason_id
                 WHERE c.trashed_at IS NULL AND (?1 IS NULL OR l.customer_id = ?1)
                 ORDER BY l.lost_on DESC, l.id DESC",
            )?
            .query_map([only.map(|c| c.0)], |r| {
                let kind = if r.get_ref(2)?.as_str()? == "firm" {
                    CustomerKind::Firm
                } else {
                    CustomerKind::Person
                };
                Ok(Loss {
                    id: LossId(r.get(0)?),
                    customer: CustomerId(r.get(1)?),
                    customer_name: display_name(
                        kind,
                        r.get_ref(3)?.as_str()?,
                        r.get_ref(4)?.as_str()?,
                        r.get_ref(5)?.as_str()?,
                    ),
                    lost_on: r.get(6)?,
                    reason_id: r.get::<_, Option<i64>>(7)?.map(LostReasonId),
                    reason: r.get(8)?,
                    note: r.get(9)?,
                    reactivated_on: r.get(10)?,
                    revenue_cents: r.get(11)?,
                    winbacks: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

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
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for c in self.contact_birthdays(&[month])? {
            if let Some(s) = sources.iter_mut().find(|s| s.customer == c.customer) {
                s.contacts.push((c.name, c.role, c.birthday));
            }
        }
        Ok(sources)
    }
}

impl Store {
    /// The demo's lost customers left about two months after their last purchase (not
    /// after `today`), for one of the catalogue's reasons in turn; its complaints older
    /// than a month were resolved within three weeks.
    pub(crate) fn finish_demo_care(&mut self, today: NaiveDate) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE interactions SET complaint_resolved_on =
                     min(?1, date(substr(at, 1, 10), '+' || (2 + id % 20) || ' days'))
                 WHERE complaint = 1 AND substr(at, 1, 10) < date(?1, '-30 days')",
                [today],
            )?;
            tx.execute(
                "UPDATE customer_losses SET
                     lost_on = min(?1, coalesce(date((SELECT max(t.date) FROM transactions t
                         WHERE t.customer_id = customer_losses.customer_id), '+60 days'), ?1)),
                     reason_id = (SELECT r.id FROM lost_reasons r
                         WHERE (SELECT count(*) FROM lost_reasons e WHERE e.id < r.id)
                             = customer_losses.customer_id % (SELECT count(*) FROM lost_reasons))",
                [today],
            )?;
            Ok(())
        })
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
