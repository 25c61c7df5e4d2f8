//! The finder on the shop's data: every likely pair, and the look-alikes of a customer
//! being typed.

use super::*;

/// A likely duplicate as the screens and `stammkunde-cli duplicates` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePair {
    pub first: CustomerSummary,
    pub second: CustomerSummary,
    /// 0–100: how sure the finder is.
    pub score: u8,
    pub reasons: Vec<Reason>,
}

/// The most likely duplicate pairs among the customers not in the trash, best first.
pub fn find(store: &Store, limit: usize) -> Result<Vec<DuplicatePair>> {
    let profiles = store.duplicate_profiles(None)?;
    let prepared: Vec<Prepared> = profiles.iter().map(Prepared::new).collect();
    let found = find_prepared(&prepared);
    pairs(store, found.into_iter().take(limit))
}

pub(super) fn pairs(
    store: &Store,
    found: impl Iterator<Item = Match>,
) -> Result<Vec<DuplicatePair>> {
    let mut out = Vec::new();
    for m in found {
        let mut both = store.customer_summaries(&[m.a, m.b])?.into_iter();
        let (Some(first), Some(second)) = (both.next(), both.next()) else {
            continue;
        };
        out.push(DuplicatePair {
            first,
            second,
            score: m.score,
            reasons: m.reasons,
        });
    }
    Ok(out)
}

/// An existing customer that looks like the one being typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LookAlike {
    pub customer: CustomerSummary,
    pub street: String,
    pub score: u8,
    pub reasons: Vec<Reason>,
}

/// The matching profile of a customer being typed (`id` 0, or the customer being edited).
pub fn profile_of_input(id: i64, input: &CustomerInput) -> Profile {
    let firm = input.kind == CustomerKind::Firm;
    let mut phones = vec![input.phone.clone()];
    phones.extend(input.other_phones.iter().map(|l| l.value.clone()));
    let mut emails = vec![input.email.clone()];
    emails.extend(input.other_emails.iter().map(|l| l.value.clone()));
    Profile {
        id,
        first_name: if firm {
            String::new()
        } else {
            input.first_name.clone()
        },
        last_name: if firm {
            String::new()
        } else {
            input.last_name.clone()
        },
        firm_name: if firm {
            input.firm_name.clone()
        } else {
            String::new()
        },
        street: input.street.clone(),
        postal_code: input.postal_code.clone(),
        city: input.city.clone(),
        // Half-typed dates say nothing yet.
        birthday: parse_partial_date(&input.birthday).ok().flatten(),
        phones,
        emails,
    }
}

/// Score from which a customer being typed is said to look like an existing one: lower
/// than [`THRESHOLD`], since asking costs the user one glance.
pub const TYPING_THRESHOLD: u8 = 35;

/// Existing customers that look like the one being typed ("this looks like Hans Müller,
/// Hauptstr. 3 — open instead?"), best first. `editing` is left out of the answer.
pub fn similar(
    store: &Store,
    input: &CustomerInput,
    editing: Option<CustomerId>,
    limit: usize,
) -> Result<Vec<LookAlike>> {
    let id = editing.map_or(0, |c| c.0);
    let typed = Prepared::new(&profile_of_input(id, input));
    if typed.block_keys().is_empty() {
        return Ok(Vec::new());
    }
    // The index kept between calls: only the profiles changed since the last call are
    // read (a scan over every profile took ~0.5 s at 100,000 customers).
    let found: Vec<Match> =
        store.with_look_alikes(|index| index.matches(&typed, TYPING_THRESHOLD, limit))?;
    let found_ids: Vec<i64> = found.iter().map(|m| m.b).collect();
    let streets: HashMap<i64, String> = store
        .duplicate_profiles(Some(&found_ids))?
        .into_iter()
        .map(|p| (p.id, p.street))
        .collect();
    let found: Vec<(Match, String)> = found
        .into_iter()
        .map(|m| {
            let street = streets.get(&m.b).cloned().unwrap_or_default();
            (m, street)
        })
        .collect();
    let ids: Vec<i64> = found.iter().map(|(m, _)| m.b).collect();
    let summaries = store.customer_summaries(&ids)?;
    Ok(found
        .into_iter()
        .zip(summaries)
        .map(|((m, street), customer)| LookAlike {
            customer,
            street,
            score: m.score,
            reasons: m.reasons,
        })
        .collect())
}
