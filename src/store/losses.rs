//! SQL of lost customers: `lost_reasons`, `customer_losses` and `winback_attempts`.

use super::Store;
use super::rows::{delete_by_id, ensure_exists, not_found, refuse_taken_name};
use super::transactions::ensure_live_customer;
use crate::care::CareProblem;
use crate::care::lost::{Loss, LossFields, LossId, LostReason, LostReasonId};
use crate::customers::{CustomerId, CustomerKind, display_name};
use crate::error::{Entity, Error, Result};
use crate::interactions::{Interaction, InteractionFields};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

impl Store {
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
        let actor = self.actor;
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
            let id = super::interactions::insert_row(tx, customer, f, actor, now)?;
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
