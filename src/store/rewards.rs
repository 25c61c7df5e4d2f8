//! SQL of the rewards catalogue (`loyalty_rewards`) and of coupons (`coupons`, `coupon_uses`).

use super::Store;
use super::loyalty::conversion;
use super::rows::{delete_by_id, ensure_exists, refuse_taken_name};
use super::transactions::ensure_live_customer;
use crate::customers::CustomerId;
use crate::error::{Entity, Error, Result};
use crate::loyalty::LoyaltyProblem;
use crate::loyalty::rewards::{
    Coupon, CouponFields, CouponId, Reward, RewardFields, RewardId, RewardKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

fn reward_from_row(row: &Row<'_>) -> rusqlite::Result<Reward> {
    let kind: String = row.get(2)?;
    Ok(Reward {
        id: RewardId(row.get(0)?),
        name: row.get(1)?,
        kind: RewardKind::from_code(&kind).ok_or_else(|| conversion("reward kind"))?,
        value: row.get(3)?,
        points: row.get(4)?,
        stock: row.get(5)?,
        valid_from: row.get(6)?,
        valid_until: row.get(7)?,
        description: row.get(8)?,
    })
}

const REWARD_COLUMNS: &str =
    "id, name, kind, value, points, stock, valid_from, valid_until, description";

const COUPON_SELECT: &str = "SELECT k.id, k.code, k.customer_id,
        CASE WHEN c.id IS NULL THEN NULL
             WHEN c.kind = 'firm' THEN c.firm_name
             ELSE trim(c.first_name || ' ' || c.last_name) END,
        k.reward_id, k.description, k.max_uses, k.used, k.valid_until, k.issued_on
     FROM coupons k LEFT JOIN customers c ON c.id = k.customer_id";

fn coupon_from_row(row: &Row<'_>) -> rusqlite::Result<Coupon> {
    Ok(Coupon {
        id: CouponId(row.get(0)?),
        code: row.get(1)?,
        customer_id: row.get::<_, Option<i64>>(2)?.map(CustomerId),
        customer_name: row.get(3)?,
        reward_id: row.get::<_, Option<i64>>(4)?.map(RewardId),
        description: row.get(5)?,
        max_uses: row.get(6)?,
        used: row.get(7)?,
        valid_until: row.get(8)?,
        issued_on: row.get(9)?,
    })
}

impl Store {
    pub(crate) fn rewards(&self) -> Result<Vec<Reward>> {
        Ok(self
            .conn
            .prepare(&format!(
                "SELECT {REWARD_COLUMNS} FROM loyalty_rewards ORDER BY points, name COLLATE NOCASE"
            ))?
            .query_map([], reward_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn reward(&self, id: RewardId) -> Result<Reward> {
        self.conn
            .query_row(
                &format!("SELECT {REWARD_COLUMNS} FROM loyalty_rewards WHERE id = ?1"),
                [id.0],
                reward_from_row,
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: Entity::Reward,
                id: id.0,
            })
    }

    pub(crate) fn save_reward(
        &mut self,
        id: Option<RewardId>,
        f: &RewardFields,
        now: DateTime<Utc>,
    ) -> Result<Reward> {
        let id = self.write(|tx| {
            refuse_taken_name(tx, "loyalty_rewards", &f.name, id.map(|i| i.0))?;
            let values = params![
                f.name,
                f.kind.code(),
                f.value,
                f.points,
                f.stock,
                f.valid_from,
                f.valid_until,
                f.description
            ];
            match id {
                Some(id) => {
                    ensure_exists(tx, "loyalty_rewards", id.0, Entity::Reward)?;
                    let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                    all.push(&id.0);
                    tx.execute(
                        "UPDATE loyalty_rewards SET name = ?1, kind = ?2, value = ?3, points = ?4,
                             stock = ?5, valid_from = ?6, valid_until = ?7, description = ?8
                         WHERE id = ?9",
                        all.as_slice(),
                    )?;
                    Ok(id.0)
                }
                None => {
                    let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                    all.push(&now);
                    tx.execute(
                        "INSERT INTO loyalty_rewards (name, kind, value, points, stock, valid_from,
                             valid_until, description, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        all.as_slice(),
                    )?;
                    Ok(tx.last_insert_rowid())
                }
            }
        })?;
        self.reward(RewardId(id))
    }

    /// Takes a reward out of the catalogue; entries that redeemed it keep their points and
    /// lose only the link.
    pub(crate) fn delete_reward(&mut self, id: RewardId) -> Result<()> {
        self.write(|tx| delete_by_id(tx, "loyalty_rewards", id.0, Entity::Reward))
    }

    pub(crate) fn insert_coupon(
        &mut self,
        code: &str,
        f: &CouponFields,
        reward: Option<RewardId>,
        issued_on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Coupon> {
        let id = self.write(|tx| {
            if let Some(customer) = f.customer_id {
                ensure_live_customer(tx, customer)?;
            }
            tx.execute(
                "INSERT INTO coupons (code, customer_id, reward_id, description, max_uses,
                     valid_until, issued_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    code,
                    f.customer_id.map(|c| c.0),
                    reward.map(|r| r.0),
                    f.description,
                    f.max_uses,
                    f.valid_until,
                    issued_on,
                    now
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.coupon(CouponId(id))
    }

    pub(crate) fn coupon(&self, id: CouponId) -> Result<Coupon> {
        self.conn
            .query_row(
                &format!("{COUPON_SELECT} WHERE k.id = ?1"),
                [id.0],
                coupon_from_row,
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: Entity::Coupon,
                id: id.0,
            })
    }

    pub(crate) fn coupon_by_code(&self, code: &str) -> Result<Option<Coupon>> {
        Ok(self
            .conn
            .query_row(
                &format!("{COUPON_SELECT} WHERE k.code = ?1"),
                [code],
                coupon_from_row,
            )
            .optional()?)
    }

    /// Coupons of one customer, or (None) every coupon; newest first, at most `limit`.
    pub(crate) fn coupons(&self, customer: Option<CustomerId>, limit: u32) -> Result<Vec<Coupon>> {
        Ok(self
            .conn
            .prepare(&format!(
                "{COUPON_SELECT} WHERE ?1 IS NULL OR k.customer_id = ?1
                 ORDER BY k.issued_on DESC, k.id DESC LIMIT ?2"
            ))?
            .query_map(params![customer.map(|c| c.0), limit], coupon_from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Counts one use of a coupon; refused when it is used up.
    pub(crate) fn use_coupon(
        &mut self,
        id: CouponId,
        customer: Option<CustomerId>,
        on: NaiveDate,
        employee: Option<crate::employees::EmployeeId>,
        now: DateTime<Utc>,
    ) -> Result<Coupon> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE coupons SET used = used + 1
                 WHERE id = ?1 AND (max_uses IS NULL OR used < max_uses)",
                [id.0],
            )?;
            if changed == 0 {
                return Err(Error::Loyalty(LoyaltyProblem::CouponUsedUp));
            }
            tx.execute(
                "INSERT INTO coupon_uses (coupon_id, customer_id, used_on, employee_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, customer.map(|c| c.0), on, employee.map(|e| e.0), now],
            )?;
            Ok(())
        })?;
        self.coupon(id)
    }
}
