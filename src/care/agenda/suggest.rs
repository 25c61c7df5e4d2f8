//! How to reach a customer: the greeting by closeness, the channel that respects their
//! preferences, and a call window outside their quiet times and the shop's call hours.

use super::*;

/// The birthday greeting that fits the closeness (1 distant … 5 very close).
pub fn greeting(closeness: Option<u8>) -> Greeting {
    match closeness {
        Some(5) => Greeting::VisitWithGift,
        Some(3 | 4) => Greeting::Call,
        _ => Greeting::Card,
    }
}

/// Channels that reach the customer where they are (not a visit or an event).
pub(super) fn is_remote(channel: Channel) -> bool {
    matches!(
        channel,
        Channel::Phone | Channel::Email | Channel::Letter | Channel::Messenger | Channel::Social
    )
}

/// Channels that need the customer's attention at a moment of the shop's choosing.
pub(super) fn intrusive(channel: Channel) -> bool {
    matches!(channel, Channel::Phone | Channel::Visit)
}

/// The way to reach a customer for something of `wanted`'s kind: the customer's preferred
/// channel where they have one, never a call or visit in their peak season, and a call
/// today only in a window that is free of their quiet times (`for_today`: the item is
/// due today or overdue, so today's hours matter). For advertising (`marketing`) only
/// channels the customer's consent allows (see `privacy::consent`).
pub fn suggest(
    c: &CareCustomer,
    wanted: Channel,
    now: Now,
    settings: &CareSettings,
    for_today: bool,
    marketing: bool,
) -> Suggestion {
    let mut hints = Vec::new();
    let peak = c.in_peak_season(now.today);
    let mut channel = wanted;
    let allowed = |ch: Channel| !marketing || c.consents.allows_contact(ch);
    // A remote channel the customer does not prefer gives way to the one they do.
    if is_remote(wanted)
        && !c.preferred_channels.is_empty()
        && !c.preferred_channels.contains(&wanted)
        && let Some(&first) = c
            .preferred_channels
            .iter()
            .find(|ch| is_remote(**ch) && (!peak || !intrusive(**ch)) && allowed(**ch))
    {
        channel = first;
        hints.push(Hint::Prefers { channel: first });
    }
    if peak && intrusive(channel) {
        hints.push(Hint::PeakSeason);
        channel = quiet_alternative(c, marketing);
    }
    let (mut call_from, mut call_to) = (None, None);
    if channel == Channel::Phone && for_today {
        let quiet: Vec<&QuietTime> = c
            .quiet_times
            .iter()
            .filter(|q| {
                q.weekdays
                    .contains(&(now.weekday().number_from_monday() as u8))
            })
            .collect();
        for q in &quiet {
            hints.push(Hint::QuietToday {
                from: q.from.clone(),
                to: q.to.clone(),
            });
        }
        let (from, to) = settings.call_hours();
        match free_window(&quiet, from, to, now.time) {
            Some((from, to)) => {
                call_from = Some(from.format("%H:%M").to_string());
                call_to = Some(to.format("%H:%M").to_string());
            }
            None => {
                hints.push(Hint::NoCallToday);
                channel = quiet_alternative(c, marketing);
            }
        }
    }
    Suggestion {
        channel,
        call_from,
        call_to,
        greeting: None,
        hints,
    }
}

/// A channel that does not disturb: the first preferred one that is not a call or visit,
/// else e-mail when there is an address on file (not known here), else a letter — for
/// advertising only among the channels the customer's consent allows.
pub(super) fn quiet_alternative(c: &CareCustomer, marketing: bool) -> Channel {
    let allowed = |ch: Channel| !marketing || c.consents.allows_contact(ch);
    c.preferred_channels
        .iter()
        .copied()
        .find(|ch| !intrusive(*ch) && allowed(*ch))
        .or_else(|| {
            [Channel::Email, Channel::Letter]
                .into_iter()
                .find(|ch| allowed(*ch))
        })
        .unwrap_or(Channel::Letter)
}

/// The first window of at least 15 minutes between `from` and `to`, not before `now`,
/// that no quiet time covers.
pub fn free_window(
    quiet: &[&QuietTime],
    from: NaiveTime,
    to: NaiveTime,
    now: NaiveTime,
) -> Option<(NaiveTime, NaiveTime)> {
    let parse = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").ok();
    let mut blocked: Vec<(NaiveTime, NaiveTime)> = quiet
        .iter()
        .filter_map(|q| Some((parse(&q.from)?, parse(&q.to)?)))
        .collect();
    blocked.sort();
    let mut start = from.max(now);
    for (b_from, b_to) in blocked {
        if b_from > start && b_from - start >= Duration::minutes(15) {
            return (start < to)
                .then_some((start, b_from.min(to)))
                .filter(|(s, e)| *e - *s >= Duration::minutes(15));
        }
        start = start.max(b_to);
    }
    (to > start && to - start >= Duration::minutes(15)).then_some((start, to))
}
