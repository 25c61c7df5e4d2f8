//! Duplicate detection (Dubletten) tuned for German names and addresses.
//!
//! The first rule of customer care is "avoid duplicates": two records of one customer split
//! the history, the value and the care plan. This module decides, for pairs of customer
//! profiles, how likely they are the same person or firm and why — pure logic over
//! [`Profile`]s, no SQL.
//!
//! How it works:
//! - **Normalisation**: case, umlauts (ä→ae, ß→ss) and other accents, "Str."/"Straße"/
//!   "strasse", legal forms of firms ("GmbH & Co. KG"), phone numbers to E.164-like digits
//!   (0221 … → 49221 …), e-mail addresses lower-case.
//! - **Blocking**: every profile gets a few keys (the Kölner Phonetik code of each name,
//!   the birthday, postcode with house number, each e-mail and phone); only profiles that
//!   share a key are compared. Large blocks (a common name in a big database) are compared
//!   within a sliding window over the sorted names, so the work grows linearly. The pairs
//!   are scored on all cores.
//! - **Scoring**: each field adds or subtracts evidence — the names (Jaro-Winkler from
//!   `rapidfuzz`, whose bit-parallel version needs no allocation per call, also with
//!   first and last name swapped, and whether they sound alike), the birthday (equal, one
//!   typo, day and month swapped, or clearly different), the address, e-mail and phone. The
//!   sum is clamped to 0–100; pairs from [`THRESHOLD`] on are reported, best first, with
//!   the reasons.

use crate::customers::{CustomerId, CustomerInput, CustomerKind, CustomerSummary};
use crate::error::Result;
use crate::soft_facts::{PartialDate, parse_partial_date};
use crate::store::Store;
use rphonetic::{Cologne, Encoder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod finder;
pub use finder::*;

mod scoring;
pub use scoring::*;

mod normalize;
pub use normalize::*;

/// What the matcher knows of one customer (or of the record being typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The caller's id (a customer id, or a line number).
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    /// Street with house number, as typed ("Hauptstr. 3", "Hauptstraße 3a").
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub birthday: Option<PartialDate>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

/// Why a pair looks like one customer; shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Reason {
    SameEmail,
    SamePhone,
    SameName,
    SimilarName,
    NameSoundsAlike,
    NamesSwapped,
    SameFirm,
    SimilarFirm,
    SameBirthday,
    SimilarBirthday,
    SameAddress,
    SimilarAddress,
    SamePostalCode,
}

impl Reason {
    const ALL: [Reason; 13] = [
        Reason::SameEmail,
        Reason::SamePhone,
        Reason::SameName,
        Reason::SimilarName,
        Reason::NameSoundsAlike,
        Reason::NamesSwapped,
        Reason::SameFirm,
        Reason::SimilarFirm,
        Reason::SameBirthday,
        Reason::SimilarBirthday,
        Reason::SameAddress,
        Reason::SimilarAddress,
        Reason::SamePostalCode,
    ];

    /// The reason in the user's language, short enough to list several in a row.
    pub fn text(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang::{De, En};
        match (self, lang) {
            (Reason::SameEmail, De) => "gleiche E-Mail-Adresse",
            (Reason::SameEmail, En) => "same e-mail address",
            (Reason::SamePhone, De) => "gleiche Telefonnummer",
            (Reason::SamePhone, En) => "same phone number",
            (Reason::SameName, De) => "gleicher Name",
            (Reason::SameName, En) => "same name",
            (Reason::SimilarName, De) => "ähnlicher Name",
            (Reason::SimilarName, En) => "similar name",
            (Reason::NameSoundsAlike, De) => "Name klingt gleich",
            (Reason::NameSoundsAlike, En) => "name sounds alike",
            (Reason::NamesSwapped, De) => "Vor- und Nachname vertauscht",
            (Reason::NamesSwapped, En) => "first and last name swapped",
            (Reason::SameFirm, De) => "gleiche Firma",
            (Reason::SameFirm, En) => "same firm",
            (Reason::SimilarFirm, De) => "ähnliche Firma",
            (Reason::SimilarFirm, En) => "similar firm",
            (Reason::SameBirthday, De) => "gleicher Geburtstag",
            (Reason::SameBirthday, En) => "same birthday",
            (Reason::SimilarBirthday, De) => "fast gleicher Geburtstag",
            (Reason::SimilarBirthday, En) => "nearly the same birthday",
            (Reason::SameAddress, De) => "gleiche Adresse",
            (Reason::SameAddress, En) => "same address",
            (Reason::SimilarAddress, De) => "ähnliche Adresse",
            (Reason::SimilarAddress, En) => "similar address",
            (Reason::SamePostalCode, De) => "gleiche PLZ",
            (Reason::SamePostalCode, En) => "same postcode",
        }
    }
}

/// A set of reasons without allocating: millions of pairs are scored, few reported.
#[derive(Debug, Default, Clone, Copy)]
struct Reasons(u16);

impl Reasons {
    fn push(&mut self, reason: Reason) {
        self.0 |= 1 << reason as u16;
    }

    fn contains(self, reason: Reason) -> bool {
        self.0 & (1 << reason as u16) != 0
    }

    /// In a fixed order: identity keys, names, birthday, address.
    fn to_vec(self) -> Vec<Reason> {
        Reason::ALL
            .into_iter()
            .filter(|r| self.contains(*r))
            .collect()
    }
}

/// Two profiles that look like one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub a: i64,
    pub b: i64,
    /// 0–100; from [`THRESHOLD`] on a pair is reported.
    pub score: u8,
    pub reasons: Vec<Reason>,
}

/// The score from which a pair is reported as a likely duplicate.
pub const THRESHOLD: u8 = 40;

/// Blocks up to this size are compared pair by pair; larger ones through a window.
const FULL_BLOCK: usize = 16;
/// How many neighbours (in name order) each member of a large block is compared with.
const WINDOW: usize = 8;

/// A profile in the form the comparisons need, computed once per profile. Its texts
/// live in one string (one allocation instead of fifteen: the look-alike index keeps
/// one of these per customer, 100,000 of them in a large shop).
#[derive(Debug, Clone)]
pub struct Prepared {
    id: i64,
    /// The fields one after another, ends in `ends` (see [`Part`]).
    text: Box<str>,
    ends: [u32; PARTS],
    birthday: Option<PartialDate>,
}

/// The texts of a [`Prepared`], in the order they are kept.
#[derive(Clone, Copy)]
enum Part {
    First,
    Last,
    Firm,
    FirstCode,
    LastCode,
    FirmCode,
    StreetName,
    HouseNumber,
    PostalCode,
    City,
    /// Phones, each followed by a line break.
    Phones,
    /// E-mail addresses, each followed by a line break.
    Emails,
    /// Name order inside large blocks.
    Order,
}
const PARTS: usize = 13;

impl Prepared {
    pub fn new(profile: &Profile) -> Prepared {
        let first = normalize_name(&profile.first_name);
        let last = normalize_name(&profile.last_name);
        let firm = normalize_firm(&profile.firm_name);
        let (street_name, house_number) = split_street(&profile.street);
        let code = |s: &str| {
            s.split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| Cologne.encode(w))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let postal_code: String = profile
            .postal_code
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut phones = String::new();
        for phone in profile.phones.iter().filter_map(|p| normalize_phone(p)) {
            phones.push_str(&phone);
            phones.push('\n');
        }
        let mut emails = String::new();
        for email in profile
            .emails
            .iter()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| e.contains('@'))
        {
            emails.push_str(&email);
            emails.push('\n');
        }
        let parts: [&str; PARTS] = [
            &first,
            &last,
            &firm,
            &code(&first),
            &code(&last),
            &code(&firm),
            &street_name,
            &house_number,
            &postal_code,
            &normalize_name(&profile.city),
            &phones,
            &emails,
            &format!("{last} {first} {firm}"),
        ];
        let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; PARTS];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            *end = text.len() as u32;
        }
        Prepared {
            id: profile.id,
            text: text.into_boxed_str(),
            ends,
            birthday: profile.birthday,
        }
    }

    fn part(&self, part: Part) -> &str {
        let i = part as usize;
        let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[from..self.ends[i] as usize]
    }

    pub(crate) fn first(&self) -> &str {
        self.part(Part::First)
    }
    pub(crate) fn last(&self) -> &str {
        self.part(Part::Last)
    }
    pub(crate) fn firm(&self) -> &str {
        self.part(Part::Firm)
    }
    pub(crate) fn first_code(&self) -> &str {
        self.part(Part::FirstCode)
    }
    pub(crate) fn last_code(&self) -> &str {
        self.part(Part::LastCode)
    }
    pub(crate) fn firm_code(&self) -> &str {
        self.part(Part::FirmCode)
    }
    pub(crate) fn street_name(&self) -> &str {
        self.part(Part::StreetName)
    }
    pub(crate) fn house_number(&self) -> &str {
        self.part(Part::HouseNumber)
    }
    pub(crate) fn postal_code(&self) -> &str {
        self.part(Part::PostalCode)
    }
    pub(crate) fn city(&self) -> &str {
        self.part(Part::City)
    }
    pub(crate) fn order(&self) -> &str {
        self.part(Part::Order)
    }
    /// Phone numbers in international digits.
    pub(crate) fn phones(&self) -> impl Iterator<Item = &str> {
        self.part(Part::Phones).split_terminator('\n')
    }
    /// E-mail addresses in lower case.
    pub(crate) fn emails(&self) -> impl Iterator<Item = &str> {
        self.part(Part::Emails).split_terminator('\n')
    }

    /// [`Prepared::block_keys`] as 64-bit hashes, as the indexes keep them (two keys
    /// with one hash would only add candidates, which are scored like any other).
    pub(crate) fn block_hashes(&self) -> Vec<u64> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let mut hashes: Vec<u64> = self
            .block_keys()
            .iter()
            .map(|k| hasher.hash_one(k))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }

    /// The keys under which this profile is compared with others.
    pub fn block_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        let initial = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
        if !self.last_code().is_empty() {
            keys.push(format!("l:{}", self.last_code()));
            // Swapped names meet under the same key.
            keys.push(format!(
                "fl:{}",
                sorted_pair(self.first_code(), self.last_code())
            ));
        }
        if !self.first_code().is_empty() {
            // A typo in the last name: the first name with the birthday or the place.
            if let Some(b) = self.birthday {
                keys.push(format!(
                    "fb:{}:{:02}{:02}",
                    self.first_code(),
                    b.day,
                    b.month
                ));
            }
            if !self.postal_code().is_empty() {
                keys.push(format!("fp:{}:{}", self.first_code(), self.postal_code()));
            }
        }
        if !self.firm_code().is_empty() {
            keys.push(format!("f:{}", self.firm_code()));
        }
        if let Some(PartialDate {
            day,
            month,
            year: Some(y),
        }) = self.birthday
        {
            keys.push(format!("b:{y}{month:02}{day:02}"));
        }
        if !self.postal_code().is_empty() && !self.house_number().is_empty() {
            keys.push(format!(
                "a:{}:{}:{}",
                self.postal_code(),
                self.house_number(),
                initial(self.street_name())
            ));
        }
        // The same house in the same town, when the postcode has a typo: "Hauptstraße 3"
        // alone exists in every town.
        if !self.street_name().is_empty()
            && !self.house_number().is_empty()
            && !self.city().is_empty()
        {
            let town: String = self.city().chars().take(3).collect();
            keys.push(format!(
                "s:{}:{}:{town}",
                self.street_name(),
                self.house_number()
            ));
        }
        keys.extend(self.emails().map(|e| format!("e:{e}")));
        keys.extend(self.phones().map(|p| format!("p:{p}")));
        // Two columns with the same e-mail or phone give one key, not two: a profile is
        // in a block once (the index relies on it).
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// Every likely duplicate pair among `profiles`, best first (ties in id order).
pub fn find_all(profiles: &[Profile]) -> Vec<Match> {
    let prepared: Vec<Prepared> = profiles.iter().map(Prepared::new).collect();
    find_prepared(&prepared)
}

/// [`find_all`] over profiles prepared already.
pub fn find_prepared(prepared: &[Prepared]) -> Vec<Match> {
    let mut blocks: HashMap<u64, Vec<u32>> = HashMap::new();
    for (index, p) in prepared.iter().enumerate() {
        for key in p.block_hashes() {
            blocks.entry(key).or_default().push(index as u32);
        }
    }
    // Candidate pairs as one sorted list: a pair met in several blocks is compared once.
    let mut candidates: Vec<u64> = Vec::new();
    let mut add = |i: u32, j: u32| {
        if i != j {
            candidates.push((u64::from(i.min(j)) << 32) | u64::from(i.max(j)));
        }
    };
    for members in blocks.values_mut() {
        members.dedup();
        if members.len() <= FULL_BLOCK {
            for (n, &i) in members.iter().enumerate() {
                for &j in &members[n + 1..] {
                    add(i, j);
                }
            }
        } else {
            members.sort_by(|&x, &y| {
                prepared[x as usize]
                    .order()
                    .cmp(prepared[y as usize].order())
            });
            for (n, &i) in members.iter().enumerate() {
                for &j in members.iter().skip(n + 1).take(WINDOW) {
                    add(i, j);
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    // Scoring is independent per pair: one share of the list per core.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = candidates.len().div_ceil(threads).max(1);
    let mut found: Vec<Match> = std::thread::scope(|scope| {
        let workers: Vec<_> = candidates
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|&pair| {
                            let (i, j) = ((pair >> 32) as usize, (pair & 0xffff_ffff) as usize);
                            compare(&prepared[i], &prepared[j])
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    found.sort_by(|x, y| {
        y.score
            .cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    found
}

/// The members of one block: most keys (an e-mail address, a phone number, a birthday
/// with a first name) belong to one profile only, which then needs no list of its own.
#[derive(Debug, Default)]
enum Members {
    #[default]
    None,
    One([u32; 1]),
    /// Boxed, so a block of one takes no more room than the tag and its member (16
    /// bytes instead of 32, in every one of some 600,000 blocks at 100,000 customers).
    #[allow(clippy::box_collection)]
    Many(Box<Vec<u32>>),
}

impl Members {
    fn as_slice(&self) -> &[u32] {
        match self {
            Members::None => &[],
            Members::One(one) => one,
            Members::Many(many) => many,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [u32] {
        match self {
            Members::None => &mut [],
            Members::One(one) => one,
            Members::Many(many) => many,
        }
    }

    fn push(&mut self, at: u32) {
        let len = self.as_slice().len();
        self.insert(len, at);
    }

    fn insert(&mut self, pos: usize, at: u32) {
        *self = match std::mem::take(self) {
            Members::None => Members::One([at]),
            Members::One([one]) => {
                let mut many = vec![one];
                many.insert(pos, at);
                Members::Many(Box::new(many))
            }
            Members::Many(mut many) => {
                many.insert(pos, at);
                Members::Many(many)
            }
        };
    }
}

/// Existing profiles ready to be asked "who looks like this one?" many times — for every
/// row of an import, or for a customer being typed.
#[derive(Debug)]
pub struct Index {
    prepared: Vec<Prepared>,
    /// Members of each block (by the hash of its key), in name order.
    blocks: HashMap<u64, Members>,
    /// Where each customer's profile is; a profile replaced or removed stays in place,
    /// no longer here, and is passed over.
    positions: HashMap<i64, u32>,
    removed: usize,
}

impl Index {
    pub fn new(profiles: &[Profile]) -> Index {
        Index::of_prepared(profiles.iter().map(Prepared::new).collect())
    }

    /// An index of profiles prepared already.
    pub fn of_prepared(prepared: Vec<Prepared>) -> Index {
        let mut blocks: HashMap<u64, Members> = HashMap::new();
        let mut positions = HashMap::with_capacity(prepared.len());
        for (at, p) in prepared.iter().enumerate() {
            for key in p.block_hashes() {
                blocks.entry(key).or_default().push(at as u32);
            }
            positions.insert(p.id, at as u32);
        }
        for members in blocks.values_mut() {
            members.as_mut_slice().sort_by(|&x, &y| {
                prepared[x as usize]
                    .order()
                    .cmp(prepared[y as usize].order())
            });
        }
        Index {
            prepared,
            blocks,
            positions,
            removed: 0,
        }
    }

    /// Profiles in the index (without those removed).
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Profiles removed or replaced that still take room.
    pub fn removed(&self) -> usize {
        self.removed
    }

    /// Takes a customer's profile out (changed, in the trash or deleted).
    pub fn remove(&mut self, id: i64) {
        if self.positions.remove(&id).is_some() {
            self.removed += 1;
        }
    }

    fn live(&self, at: u32) -> bool {
        self.positions.get(&self.prepared[at as usize].id) == Some(&at)
    }

    /// Adds a profile (e.g. an import row, so later rows are checked against it too);
    /// one of the same customer is replaced.
    pub fn add(&mut self, p: Prepared) {
        let at = self.prepared.len() as u32;
        if p.id != 0 && self.positions.insert(p.id, at).is_some() {
            self.removed += 1;
        }
        for key in p.block_hashes() {
            let members = self.blocks.entry(key).or_default();
            // Kept in name order, so large blocks can be searched by position.
            let prepared = &self.prepared;
            let pos = members
                .as_slice()
                .binary_search_by(|&m| prepared[m as usize].order().cmp(p.order()))
                .unwrap_or_else(|e| e);
            members.insert(pos, at);
        }
        self.prepared.push(p);
    }

    /// The profiles that look like `probe` with at least `threshold`, best first. In a
    /// large block only the neighbours in name order are compared, as in [`find_all`].
    pub fn matches(&self, probe: &Prepared, threshold: u8, limit: usize) -> Vec<Match> {
        let mut candidates: Vec<u32> = Vec::new();
        for key in probe.block_hashes() {
            let Some(members) = self.blocks.get(&key).map(Members::as_slice) else {
                continue;
            };
            if members.len() <= FULL_BLOCK {
                candidates.extend(members);
            } else {
                let pos = members
                    .binary_search_by(|&m| self.prepared[m as usize].order().cmp(probe.order()))
                    .unwrap_or_else(|e| e);
                let from = pos.saturating_sub(WINDOW);
                let to = (pos + WINDOW).min(members.len());
                candidates.extend(&members[from..to]);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<Match> = candidates
            .into_iter()
            .filter(|&i| self.live(i))
            .map(|i| &self.prepared[i as usize])
            .filter(|p| p.id != probe.id)
            .filter_map(|p| {
                let (score, reasons) = evaluate(probe, p);
                (score >= threshold).then(|| Match {
                    a: probe.id,
                    b: p.id,
                    score,
                    reasons: reasons.to_vec(),
                })
            })
            .collect();
        found.sort_by(|x, y| y.score.cmp(&x.score).then(x.b.cmp(&y.b)));
        found.truncate(limit);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, first: &str, last: &str) -> Profile {
        Profile {
            id,
            first_name: first.into(),
            last_name: last.into(),
            ..Profile::default()
        }
    }

    #[test]
    fn names_are_normalised_the_german_way() {
        assert_eq!(
            normalize_name("  Müller-Lüdenscheidt "),
            "mueller luedenscheidt"
        );
        assert_eq!(normalize_name("Straße"), "strasse");
        assert_eq!(normalize_name("José D'Almeida"), "jose dalmeida");
        assert_eq!(
            normalize_firm("Autohaus Becker GmbH & Co. KG"),
            "autohaus becker"
        );
    }

    #[test]
    fn streets_agree_however_they_are_abbreviated() {
        assert_eq!(
            split_street("Hauptstr. 3"),
            ("hauptstrasse".into(), "3".into())
        );
        assert_eq!(
            split_street("Hauptstraße 3"),
            ("hauptstrasse".into(), "3".into())
        );
        assert_eq!(
            split_street("Haupt-Strasse 3 a"),
            ("hauptstrasse".into(), "3a".into())
        );
        assert_eq!(
            split_street("12 Main St"),
            ("mainstreet".into(), "12".into())
        );
    }

    #[test]
    fn phones_become_international_digits() {
        assert_eq!(
            normalize_phone("0221 / 12 33-45").as_deref(),
            Some("49221123345")
        );
        assert_eq!(
            normalize_phone("+49 221 123345").as_deref(),
            Some("49221123345")
        );
        assert_eq!(
            normalize_phone("0049 (221) 123345").as_deref(),
            Some("49221123345")
        );
        assert_eq!(normalize_phone("123"), None);
    }

    #[test]
    fn mueller_and_moeller_at_one_address_are_flagged_with_reasons() {
        let mut a = person(1, "Hans", "Müller");
        a.street = "Hauptstr. 3".into();
        a.postal_code = "50667".into();
        a.city = "Köln".into();
        let mut b = person(2, "Hans", "Mueller");
        b.street = "Hauptstraße 3".into();
        b.postal_code = "50667".into();
        b.city = "Koeln".into();
        let m = compare(&Prepared::new(&a), &Prepared::new(&b)).expect("a duplicate");
        assert_eq!(m.reasons, vec![Reason::SameName, Reason::SameAddress]);
        assert!(m.score >= 60, "{m:?}");

        let mut c = b.clone();
        c.id = 3;
        c.last_name = "Möller".into();
        let m = compare(&Prepared::new(&a), &Prepared::new(&c)).expect("sounds alike");
        assert!(
            m.reasons.contains(&Reason::NameSoundsAlike)
                || m.reasons.contains(&Reason::SimilarName)
        );
    }

    #[test]
    fn different_people_with_a_common_name_are_not_flagged() {
        let mut a = person(1, "Hans", "Müller");
        a.birthday = PartialDate::new(3, 4, Some(1961));
        a.street = "Hauptstr. 3".into();
        a.postal_code = "50667".into();
        let mut b = person(2, "Hans", "Müller");
        b.birthday = PartialDate::new(19, 11, Some(1988));
        b.street = "Ringstraße 40".into();
        b.postal_code = "80331".into();
        assert_eq!(compare(&Prepared::new(&a), &Prepared::new(&b)), None);
        // Same e-mail outweighs a different spelling of the name.
        let mut c = person(3, "Jo", "Schmitz");
        c.emails = vec!["J.Schmitz@Example.de".into()];
        let mut d = person(4, "Johanna", "Schmitz-Berg");
        d.emails = vec!["j.schmitz@example.de ".into()];
        let m = compare(&Prepared::new(&c), &Prepared::new(&d)).expect("same e-mail");
        assert!(m.reasons.contains(&Reason::SameEmail));
    }

    /// A household: the spouse at the same address, with another first name and birthday,
    /// is not reported; the same person with a wrong birthday, a space typed into the name
    /// and a house number one typo off is.
    #[test]
    fn typos_in_names_numbers_and_dates_count_but_a_household_is_not_one_person() {
        let mut anna = person(1, "Anna", "Ho");
        anna.street = "Lindenweg 53".into();
        anna.postal_code = "50667".into();
        anna.city = "Köln".into();
        anna.birthday = PartialDate::new(2, 7, Some(1961));
        let mut spouse = anna.clone();
        spouse.id = 2;
        spouse.first_name = "Peter".into();
        spouse.birthday = PartialDate::new(14, 3, Some(1958));
        assert_eq!(
            compare(&Prepared::new(&anna), &Prepared::new(&spouse)),
            None
        );

        let mut typed = anna.clone();
        typed.id = 3;
        typed.last_name = "H o".into();
        typed.street = "Lindenweg 54".into();
        typed.birthday = PartialDate::new(12, 2, Some(1974));
        let m = compare(&Prepared::new(&anna), &Prepared::new(&typed)).expect("one person");
        assert!(m.reasons.contains(&Reason::SimilarAddress), "{m:?}");
        // The house number alone differing by one digit is not a typo.
        let (mut one, mut nine) = (anna.clone(), typed.clone());
        one.street = "Lindenweg 1".into();
        nine.street = "Lindenweg 9".into();
        let (low, _) = evaluate(&Prepared::new(&one), &Prepared::new(&nine));
        assert!(low < m.score, "{low} vs {}", m.score);

        // The same day of another year is nearly the same birthday; a postcode with two
        // digits swapped still counts for something.
        let mut moved = anna.clone();
        moved.id = 4;
        moved.birthday = PartialDate::new(2, 7, Some(1985));
        moved.postal_code = "50676".into();
        let (score, reasons) = evaluate(&Prepared::new(&anna), &Prepared::new(&moved));
        assert!(reasons.contains(Reason::SimilarBirthday));
        assert!(score >= THRESHOLD, "{score}");
    }

    /// The one text of a prepared profile gives back each field as normalised.
    #[test]
    fn a_prepared_profile_keeps_every_field_in_one_text() {
        let mut a = person(7, "Hans-Peter", "Müller");
        a.street = "Hauptstr. 3a".into();
        a.postal_code = "50 667".into();
        a.city = "Köln".into();
        a.phones = vec!["0221 12345".into(), "".into(), "+43 1 234 567".into()];
        a.emails = vec![" HP@Example.de".into(), "kein".into(), "b@c.de".into()];
        let p = Prepared::new(&a);
        assert_eq!((p.first(), p.last()), ("hans peter", "mueller"));
        assert_eq!((p.street_name(), p.house_number()), ("hauptstrasse", "3a"));
        assert_eq!((p.postal_code(), p.city()), ("50667", "koeln"));
        assert_eq!(p.firm(), "");
        assert_eq!(p.phones().collect::<Vec<_>>(), ["4922112345", "431234567"]);
        assert_eq!(p.emails().collect::<Vec<_>>(), ["hp@example.de", "b@c.de"]);
        assert_eq!(p.order(), "mueller hans peter ");
        assert_eq!(p.last_code(), Cologne.encode("mueller"));
        // Each key once, as a hash.
        let hashes = p.block_hashes();
        assert_eq!(hashes.len(), p.block_keys().len());
    }

    #[test]
    fn swapped_names_are_recognised() {
        let mut a = person(1, "Weber", "Anna");
        a.birthday = PartialDate::new(1, 2, Some(1970));
        let mut b = person(2, "Anna", "Weber");
        b.birthday = PartialDate::new(1, 2, Some(1970));
        let m = compare(&Prepared::new(&a), &Prepared::new(&b)).expect("swapped");
        assert!(m.reasons.contains(&Reason::NamesSwapped), "{m:?}");
    }

    #[test]
    fn find_all_reports_each_pair_once_best_first() {
        let mut profiles = vec![
            person(1, "Hans", "Müller"),
            person(2, "Hans", "Mueller"),
            person(3, "Erika", "Schmidt"),
            person(4, "Erika", "Schmitt"),
            person(5, "Paul", "Zander"),
        ];
        profiles[0].emails = vec!["hm@example.de".into()];
        profiles[1].emails = vec!["HM@example.de".into()];
        // A name alone is not enough; with the same street it is.
        for p in &mut profiles[2..4] {
            p.street = "Ringstraße 4".into();
            p.postal_code = "50667".into();
        }
        let found = find_all(&profiles);
        let pairs: Vec<(i64, i64)> = found.iter().map(|m| (m.a, m.b)).collect();
        assert_eq!(pairs[0], (1, 2));
        assert!(pairs.contains(&(3, 4)));
        assert_eq!(pairs.len(), 2);
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
