//! Writes only the demo shop makes, kept out of the table files.

use super::Store;
use crate::error::Result;
use chrono::NaiveDate;

impl Store {
    /// The demo's lost customers left about two months after their last purchase (not
    /// after `today`), for one of the catalogue's reasons in turn; its complaints older
    /// than a month were resolved within three weeks.
    pub(crate) fn finish_demo_care(
        &mut self,
        today: NaiveDate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE interactions SET complaint_status = 'solved', complaint_resolved_on =
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
            for input in crate::care::news::demo_products(today) {
                let p = crate::care::news::validate(&input, today)?;
                tx.execute(
                    "INSERT INTO new_products (name, category, keywords, text, new_since,
                         created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![
                        p.name,
                        p.category,
                        super::rows::to_json(&p.keywords)?,
                        p.text,
                        p.new_since,
                        now
                    ],
                )?;
            }
            Ok(())
        })
    }
}
