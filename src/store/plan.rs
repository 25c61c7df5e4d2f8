//! SQL of the care plan's catalogue: `care_measures` and `care_plan` (the plan lines).

use super::Store;
use super::rows::{
    channel_of, delete_by_id, ensure_exists, json, not_found, refuse_taken_name, to_json,
};
use crate::care::plan::{Measure, MeasureFields, MeasureId, PlanRule, PlanRuleId};
use crate::employees::EmployeeId;
use crate::error::{Entity, Result};
use crate::value::segments::{Abc, Quadrant};
use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

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
}
