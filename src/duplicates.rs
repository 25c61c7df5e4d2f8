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

/// A profile in the form the comparisons need, computed once per profile.
#[derive(Debug, Clone)]
pub struct Prepared {
    id: i64,
    first: String,
    last: String,
    firm: String,
    first_code: String,
    last_code: String,
    firm_code: String,
    street_name: String,
    house_number: String,
    postal_code: String,
    city: String,
    birthday: Option<PartialDate>,
    phones: Vec<String>,
    emails: Vec<String>,
    /// Name order inside large blocks.
    order: String,
}

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
        Prepared {
            id: profile.id,
            first_code: code(&first),
            last_code: code(&last),
            firm_code: code(&firm),
            order: format!("{last} {first} {firm}"),
            first,
            last,
            firm,
            street_name,
            house_number,
            postal_code: profile
                .postal_code
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            city: normalize_name(&profile.city),
            birthday: profile.birthday,
            phones: profile
                .phones
                .iter()
                .filter_map(|p| normalize_phone(p))
                .collect(),
            emails: profile
                .emails
                .iter()
                .map(|e| e.trim().to_lowercase())
                .filter(|e| e.contains('@'))
                .collect(),
        }
    }

    /// The keys under which this profile is compared with others.
    pub fn block_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        let initial = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
        if !self.last_code.is_empty() {
            keys.push(format!("l:{}", self.last_code));
            // Swapped names meet under the same key.
            keys.push(format!(
                "fl:{}",
                sorted_pair(&self.first_code, &self.last_code)
            ));
        }
        if !self.first_code.is_empty() {
            // A typo in the last name: the first name with the birthday or the place.
            if let Some(b) = self.birthday {
                keys.push(format!("fb:{}:{:02}{:02}", self.first_code, b.day, b.month));
            }
            if !self.postal_code.is_empty() {
                keys.push(format!("fp:{}:{}", self.first_code, self.postal_code));
            }
        }
        if !self.firm_code.is_empty() {
            keys.push(format!("f:{}", self.firm_code));
        }
        if let Some(PartialDate {
            day,
            month,
            year: Some(y),
        }) = self.birthday
        {
            keys.push(format!("b:{y}{month:02}{day:02}"));
        }
        if !self.postal_code.is_empty() && !self.house_number.is_empty() {
            keys.push(format!(
                "a:{}:{}:{}",
                self.postal_code,
                self.house_number,
                initial(&self.street_name)
            ));
        }
        // The same house in the same town, when the postcode has a typo: "Hauptstraße 3"
        // alone exists in every town.
        if !self.street_name.is_empty() && !self.house_number.is_empty() && !self.city.is_empty() {
            let town: String = self.city.chars().take(3).collect();
            keys.push(format!(
                "s:{}:{}:{town}",
                self.street_name, self.house_number
            ));
        }
        keys.extend(self.emails.iter().map(|e| format!("e:{e}")));
        keys.extend(self.phones.iter().map(|p| format!("p:{p}")));
        keys
    }
}

fn sorted_pair(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}|{b}")
    } else {
        format!("{b}|{a}")
    }
}

/// Lower case, German umlauts spelled out (ä→ae, ß→ss), other accents dropped, only
/// letters, digits and single spaces; hyphens and apostrophes join words.
pub fn normalize_name(text: &str) -> String {
    let mut spelled = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            'ß' => spelled.push_str("ss"),
            '\'' | '’' | '.' => {}
            c => spelled.push(c),
        }
    }
    let ascii = deunicode::deunicode(&spelled).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A firm's name without its legal form, which people leave out or write differently.
pub fn normalize_firm(text: &str) -> String {
    const FORMS: &[&str] = &[
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "ohg",
        "gbr",
        "ug",
        "ek",
        "e",
        "k",
        "co",
        "und",
        "inh",
        "haftungsbeschraenkt",
        "ltd",
        "inc",
        "llc",
        "kgaa",
        "se",
        "partg",
        "ev",
        "v",
    ];
    normalize_name(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !FORMS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Street name and house number: "Hauptstr. 3a" → ("hauptstrasse", "3a"); also
/// "3 Main Street" (number first).
pub fn split_street(text: &str) -> (String, String) {
    let name = normalize_name(text);
    let mut words: Vec<String> = Vec::new();
    let mut number = String::new();
    for word in name.split(' ').filter(|w| !w.is_empty()) {
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            if number.is_empty() {
                number = word.to_string();
            }
        } else if !number.is_empty() && word.len() == 1 && words.last().is_some() {
            // "3 a" → "3a"
            number.push_str(word);
        } else {
            words.push(street_word(word));
        }
    }
    (words.join(""), number)
}

/// One spelling for the common street suffixes, so "Hauptstr.", "Haupt-Straße" and
/// "Hauptstrasse" agree. Words are then joined without spaces.
fn street_word(word: &str) -> String {
    match word {
        "str" | "strase" => "strasse".to_string(),
        "st" => "street".to_string(),
        _ => match word.strip_suffix("str").filter(|stem| !stem.is_empty()) {
            Some(stem) => format!("{stem}strasse"),
            None => word.to_string(),
        },
    }
}

/// Digits of a phone number in international form without the plus: "0221 / 12 34-5" →
/// "49221123345", "+43 1 234" → "431234". `None` when fewer than 6 digits remain.
pub fn normalize_phone(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let international = if trimmed.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("49{rest}")
    } else {
        digits
    };
    (international.len() >= 6).then_some(international)
}

/// At most one typo apart: one character changed, added or dropped, or two neighbours
/// swapped (optimal string alignment distance ≤ 1).
fn one_typo(a: &str, b: &str) -> bool {
    rapidfuzz::distance::osa::distance(a.bytes(), b.bytes()) <= 1
}

/// Jaro-Winkler similarity of two normalised (ASCII) texts.
fn jw(a: &str, b: &str) -> f64 {
    rapidfuzz::distance::jaro_winkler::normalized_similarity(a.bytes(), b.bytes())
}

/// Compares two prepared profiles; `None` when they share too little to be one customer.
pub fn compare(a: &Prepared, b: &Prepared) -> Option<Match> {
    let (score, reasons) = evaluate(a, b);
    (score >= THRESHOLD).then(|| Match {
        a: a.id.min(b.id),
        b: a.id.max(b.id),
        score,
        reasons: reasons.to_vec(),
    })
}

/// The score and reasons of a pair, however low.
fn evaluate(a: &Prepared, b: &Prepared) -> (u8, Reasons) {
    let mut score: i32 = 0;
    let mut reasons = Reasons::default();

    // Exact keys: strong evidence on their own.
    if a.emails.iter().any(|e| b.emails.contains(e)) {
        score += 40;
        reasons.push(Reason::SameEmail);
    }
    if a.phones.iter().any(|p| b.phones.contains(p)) {
        score += 30;
        reasons.push(Reason::SamePhone);
    }

    score += compare_names(a, b, &mut reasons);
    score += compare_birthdays(a.birthday, b.birthday, &mut reasons);
    score += compare_addresses(a, b, &mut reasons);
    (score.clamp(0, 100) as u8, reasons)
}

fn compare_names(a: &Prepared, b: &Prepared, reasons: &mut Reasons) -> i32 {
    let mut score = 0;
    if !a.firm.is_empty() && !b.firm.is_empty() {
        let s = token_similarity(&a.firm, &b.firm);
        if a.firm == b.firm {
            score += 35;
            reasons.push(Reason::SameFirm);
        } else if s >= 0.9 || a.firm_code == b.firm_code {
            score += 20;
            reasons.push(Reason::SimilarFirm);
        } else {
            score -= 25;
        }
    }
    let persons = |p: &Prepared| !p.last.is_empty() || !p.first.is_empty();
    if !persons(a) || !persons(b) {
        return score;
    }
    let straight = part_points(&a.first, &b.first, &a.first_code, &b.first_code, true)
        + part_points(&a.last, &b.last, &a.last_code, &b.last_code, false);
    let swapped = part_points(&a.first, &b.last, &a.first_code, &b.last_code, true)
        + part_points(&a.last, &b.first, &a.last_code, &b.first_code, false);
    if swapped.points > straight.points + 5 && swapped.points > 0 {
        reasons.push(Reason::NamesSwapped);
        return score + swapped.points;
    }
    let exact = a.first == b.first && a.last == b.last;
    if exact {
        reasons.push(Reason::SameName);
    } else if straight.points > 0 {
        let sounds = !a.last_code.is_empty()
            && a.last_code == b.last_code
            && (a.first_code == b.first_code || a.first.is_empty() || b.first.is_empty());
        reasons.push(if sounds {
            Reason::NameSoundsAlike
        } else {
            Reason::SimilarName
        });
    }
    score + straight.points
}

/// Evidence from one part of a name (first or last).
#[derive(Clone, Copy)]
struct Part {
    points: i32,
}

impl std::ops::Add for Part {
    type Output = Part;
    fn add(self, other: Part) -> Part {
        Part {
            points: self.points + other.points,
        }
    }
}

/// Points for one name part: agreement is strong evidence, disagreement weaker (names
/// change at marriage, get misspelt or swapped); a missing part says nothing.
fn part_points(a: &str, b: &str, code_a: &str, code_b: &str, first: bool) -> Part {
    if a.is_empty() || b.is_empty() {
        return Part { points: 0 };
    }
    let sim = if first {
        first_name_similarity(a, b)
    } else {
        jw(a, b)
    };
    let (exact, close, near, differ) = if first {
        (15, 11, 6, -8)
    } else {
        (20, 15, 8, -10)
    };
    let points = if a == b {
        exact
    } else if sim >= 0.92 || (code_a == code_b && sim >= 0.8) {
        close
    } else if sim >= 0.84 {
        near
    } else {
        differ
    };
    Part { points }
}

/// Word by word: each word of the shorter name against its best match in the other,
/// averaged. Unlike Jaro-Winkler over the whole text, a shared first word ("Steuerbüro
/// Klein" / "Steuerbüro Yılmaz") does not make two firms alike.
fn token_similarity(a: &str, b: &str) -> f64 {
    let (short, long) = if a.split(' ').count() <= b.split(' ').count() {
        (a, b)
    } else {
        (b, a)
    };
    let words: Vec<&str> = short.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return 0.0;
    }
    let total: f64 = words
        .iter()
        .map(|w| long.split(' ').map(|o| jw(w, o)).fold(0.0, f64::max))
        .sum();
    total / words.len() as f64
}

/// First names: "Hans-Peter" agrees with "Hans", an initial with the full name.
fn first_name_similarity(a: &str, b: &str) -> f64 {
    let whole = jw(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let part = if short.len() == 1 && long.starts_with(short) {
        0.9
    } else if long.split(' ').any(|w| w == short) {
        0.95
    } else {
        0.0
    };
    whole.max(part)
}

/// YYYYMMDD as digits (year 0 when unknown), to count typos between two dates.
fn date_digits(d: PartialDate, year: Option<i32>) -> [u8; 8] {
    let y = year.unwrap_or(0).clamp(0, 9999) as u32;
    let (m, day) = (u32::from(d.month), u32::from(d.day));
    let digit = |n: u32| (n % 10) as u8;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        digit(m / 10),
        digit(m),
        digit(day / 10),
        digit(day),
    ]
}

fn compare_birthdays(a: Option<PartialDate>, b: Option<PartialDate>, reasons: &mut Reasons) -> i32 {
    let (Some(a), Some(b)) = (a, b) else {
        return 0;
    };
    let same_day = a.day == b.day && a.month == b.month;
    match (a.year, b.year) {
        (Some(ya), Some(yb)) if ya == yb && same_day => {
            reasons.push(Reason::SameBirthday);
            30
        }
        (None, _) | (_, None) if same_day => {
            reasons.push(Reason::SameBirthday);
            15
        }
        (ya, yb) => {
            let typo = rapidfuzz::distance::osa::distance(
                date_digits(a, ya).iter().copied(),
                date_digits(b, yb).iter().copied(),
            ) <= 1;
            let day_month_swapped = a.day == b.month && a.month == b.day && ya == yb;
            if typo || day_month_swapped {
                reasons.push(Reason::SimilarBirthday);
                12
            } else {
                -25
            }
        }
    }
}

fn compare_addresses(a: &Prepared, b: &Prepared, reasons: &mut Reasons) -> i32 {
    let mut score = 0;
    let both = |x: &str, y: &str| !x.is_empty() && !y.is_empty();
    let same_postcode = both(&a.postal_code, &b.postal_code) && a.postal_code == b.postal_code;
    let street = both(&a.street_name, &b.street_name).then(|| jw(&a.street_name, &b.street_name));
    let number = both(&a.house_number, &b.house_number).then(|| a.house_number == b.house_number);
    let city = both(&a.city, &b.city).then(|| jw(&a.city, &b.city));
    match (street, number) {
        (Some(s), Some(true)) if s >= 0.97 => {
            score += 20;
            reasons.push(if same_postcode || city.is_some_and(|c| c >= 0.9) {
                Reason::SameAddress
            } else {
                Reason::SimilarAddress
            });
        }
        (Some(s), Some(true)) if s >= 0.85 => {
            score += 14;
            reasons.push(Reason::SimilarAddress);
        }
        (Some(s), None) if s >= 0.95 => score += 8,
        (None, Some(true)) => score += 5,
        (Some(s), Some(false)) if s < 0.85 => score -= 10,
        (Some(s), _) if s < 0.7 => score -= 5,
        _ => {}
    }
    if same_postcode {
        score += 8;
        if !reasons.contains(Reason::SameAddress) {
            reasons.push(Reason::SamePostalCode);
        }
    } else if both(&a.postal_code, &b.postal_code) {
        let near = one_typo(&a.postal_code, &b.postal_code);
        score += if near { 2 } else { -6 };
    }
    match city {
        Some(c) if c >= 0.9 => score += 6,
        Some(c) if c < 0.7 => score -= 4,
        _ => {}
    }
    score
}

/// Every likely duplicate pair among `profiles`, best first (ties in id order).
pub fn find_all(profiles: &[Profile]) -> Vec<Match> {
    let prepared: Vec<Prepared> = profiles.iter().map(Prepared::new).collect();
    find_prepared(&prepared)
}

/// [`find_all`] over profiles prepared already.
pub fn find_prepared(prepared: &[Prepared]) -> Vec<Match> {
    let mut blocks: HashMap<String, Vec<u32>> = HashMap::new();
    for (index, p) in prepared.iter().enumerate() {
        for key in p.block_keys() {
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
            members.sort_by(|&x, &y| prepared[x as usize].order.cmp(&prepared[y as usize].order));
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

/// Existing profiles ready to be asked "who looks like this one?" many times — for every
/// row of an import, or for a customer being typed.
#[derive(Debug)]
pub struct Index {
    prepared: Vec<Prepared>,
    /// Members of each block, in name order.
    blocks: HashMap<String, Vec<u32>>,
}

impl Index {
    pub fn new(profiles: &[Profile]) -> Index {
        let mut index = Index {
            prepared: Vec::with_capacity(profiles.len()),
            blocks: HashMap::new(),
        };
        for (at, p) in profiles.iter().map(Prepared::new).enumerate() {
            for key in p.block_keys() {
                index.blocks.entry(key).or_default().push(at as u32);
            }
            index.prepared.push(p);
        }
        for members in index.blocks.values_mut() {
            let prepared = &index.prepared;
            members.sort_by(|&x, &y| prepared[x as usize].order.cmp(&prepared[y as usize].order));
        }
        index
    }

    /// Adds a profile (e.g. an import row, so later rows are checked against it too).
    pub fn add(&mut self, p: Prepared) {
        let at = self.prepared.len() as u32;
        for key in p.block_keys() {
            let members = self.blocks.entry(key).or_default();
            // Kept in name order, so large blocks can be searched by position.
            let prepared = &self.prepared;
            let pos = members
                .binary_search_by(|&m| prepared[m as usize].order.as_str().cmp(p.order.as_str()))
                .unwrap_or_else(|e| e);
            members.insert(pos, at);
        }
        self.prepared.push(p);
    }

    /// The profiles that look like `probe` with at least `threshold`, best first. In a
    /// large block only the neighbours in name order are compared, as in [`find_all`].
    pub fn matches(&self, probe: &Prepared, threshold: u8, limit: usize) -> Vec<Match> {
        let mut candidates: Vec<u32> = Vec::new();
        for key in probe.block_keys() {
            let Some(members) = self.blocks.get(&key) else {
                continue;
            };
            if members.len() <= FULL_BLOCK {
                candidates.extend(members);
            } else {
                let pos = members
                    .binary_search_by(|&m| {
                        self.prepared[m as usize]
                            .order
                            .as_str()
                            .cmp(probe.order.as_str())
                    })
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

fn pairs(store: &Store, found: impl Iterator<Item = Match>) -> Result<Vec<DuplicatePair>> {
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
    let keys: std::collections::HashSet<String> = typed.block_keys().into_iter().collect();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    // One probe: a scan over the prepared profiles beats building an index for it.
    let mut found: Vec<(Match, String)> = store
        .duplicate_profiles(None)?
        .into_iter()
        .filter(|p| p.id != id)
        .filter_map(|profile| {
            let p = Prepared::new(&profile);
            if !p.block_keys().iter().any(|k| keys.contains(k)) {
                return None;
            }
            let (score, reasons) = evaluate(&typed, &p);
            (score >= TYPING_THRESHOLD).then(|| {
                let m = Match {
                    a: id,
                    b: p.id,
                    score,
                    reasons: reasons.to_vec(),
                };
                (m, profile.street)
            })
        })
        .collect();
    found.sort_by(|(x, _), (y, _)| y.score.cmp(&x.score).then(x.b.cmp(&y.b)));
    found.truncate(limit);
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
