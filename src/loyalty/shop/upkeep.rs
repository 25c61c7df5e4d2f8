//! The program's daily upkeep (expired points, birthday bonuses) and its report.

use super::*;

/// What the daily upkeep booked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Upkeep {
    pub expired_accounts: u32,
    pub birthday_bonuses: u32,
}

/// Once a day: books the points that ran out of time and the birthday bonuses due (up to
/// 30 days late, once per calendar year, for members who had joined by their birthday).
/// Later calls on the same day do nothing.
pub fn upkeep(store: &mut Store, clock: &Clock) -> Result<Upkeep> {
    let today = clock.today();
    if store.setting(UPKEEP_KEY)?.as_deref() == Some(today.to_string().as_str()) {
        return Ok(Upkeep::default());
    }
    run_upkeep(store, clock)
}

/// The program report of the last `months` months as of today, after the day's upkeep
/// (so expired points and birthday bonuses are in it): what the app and the CLI show.
pub fn report_today(store: &mut Store, months: u32, clock: &Clock) -> Result<ProgramReport> {
    upkeep(store, clock)?;
    program_report(store, clock.today(), months)
}

/// The upkeep itself, whether or not it ran today already (what is booked is not booked
/// twice: expired points are gone, the birthday bonus is once a year).
pub fn run_upkeep(store: &mut Store, clock: &Clock) -> Result<Upkeep> {
    let now = clock.now();
    let today = clock.today();
    let settings = settings(store)?;
    let mut entries = Vec::new();
    let mut done = Upkeep::default();
    if settings.expiry.years > 0 {
        let before = NaiveDate::from_ymd_opt(
            today.year() - i32::try_from(settings.expiry.years).unwrap_or(0),
            1,
            1,
        )
        .unwrap_or(today);
        for customer in store.expiry_candidates(before)? {
            let history = store.loyalty_history(customer)?;
            if let Some(expired) = ledger_of(&history).expire(today, settings.expiry) {
                entries.push((customer, NewEntry::plain(expired)));
                done.expired_accounts += 1;
            }
        }
    }
    if settings.birthday_bonus > 0 {
        let from = today - Duration::days(BIRTHDAY_GRACE_DAYS);
        for (customer, _) in store.birthday_bonus_due(from, today)? {
            entries.push((
                customer,
                NewEntry {
                    entry: Entry {
                        kind: EntryKind::Bonus,
                        on: today,
                        points: i64::from(settings.birthday_bonus),
                        purchase: None,
                        note: String::new(),
                        employee: None,
                    },
                    bonus: Some(BonusKind::Birthday),
                    reward: None,
                },
            ));
            done.birthday_bonuses += 1;
        }
    }
    store.book_entries(&entries, now)?;
    store.set_setting(UPKEEP_KEY, Some(&today.to_string()))?;
    Ok(done)
}

/// The program report of the `months` months up to `today`.
pub fn program_report(store: &Store, today: NaiveDate, months: u32) -> Result<ProgramReport> {
    let mut check = Checker::new();
    if !(1..=60).contains(&months) {
        check.fail(Field::Month, Issue::OutOfRange { min: 1, max: 60 });
    }
    check.finish(|| ()).map_err(Error::Validation)?;
    let settings = settings(store)?;
    let from = report::period_start(today, months);
    let totals: Vec<(String, EntryKind, i64)> = store
        .loyalty_month_totals(from)?
        .into_iter()
        .map(|t| (t.month, t.kind, t.points))
        .collect();
    let (members, active, outstanding) = store.member_counts(from)?;
    Ok(report::build(
        &totals,
        today,
        months,
        members,
        active,
        outstanding,
        settings.cents_per_point,
    ))
}

/// The report's chart: points issued, redeemed and expired per month.
pub fn report_chart(
    store: &Store,
    today: NaiveDate,
    months: u32,
    lang: Lang,
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let report = program_report(store, today, months)?;
    charts::loyalty_by_month(&report, lang, format)
}
