//! Scoring a pair: evidence per field (names, birthdays, addresses, e-mails, phones) and
//! the reasons a pair is shown.

use super::*;

/// At most one typo apart: one character changed, added or dropped, or two neighbours
/// swapped (optimal string alignment distance ≤ 1).
pub(super) fn one_typo(a: &str, b: &str) -> bool {
    rapidfuzz::distance::osa::distance(a.bytes(), b.bytes()) <= 1
}

/// Jaro-Winkler similarity of two normalised (ASCII) texts.
pub(super) fn jw(a: &str, b: &str) -> f64 {
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
pub(super) fn evaluate(a: &Prepared, b: &Prepared) -> (u8, Reasons) {
    let mut score: i32 = 0;
    let mut reasons = Reasons::default();

    // Exact keys: strong evidence on their own.
    if a.emails().any(|e| b.emails().any(|f| f == e)) {
        score += 40;
        reasons.push(Reason::SameEmail);
    }
    if a.phones().any(|p| b.phones().any(|q| q == p)) {
        score += 30;
        reasons.push(Reason::SamePhone);
    }

    score += compare_names(a, b, &mut reasons);
    score += compare_birthdays(a.birthday, b.birthday, &mut reasons);
    score += compare_addresses(a, b, &mut reasons);
    (score.clamp(0, 100) as u8, reasons)
}

pub(super) fn compare_names(a: &Prepared, b: &Prepared, reasons: &mut Reasons) -> i32 {
    let mut score = 0;
    if !a.firm().is_empty() && !b.firm().is_empty() {
        let s = token_similarity(a.firm(), b.firm());
        if a.firm() == b.firm() {
            score += 35;
            reasons.push(Reason::SameFirm);
        } else if s >= 0.9 || a.firm_code() == b.firm_code() {
            score += 20;
            reasons.push(Reason::SimilarFirm);
        } else {
            score -= 25;
        }
    }
    let persons = |p: &Prepared| !p.last().is_empty() || !p.first().is_empty();
    if !persons(a) || !persons(b) {
        return score;
    }
    let straight = part_points(a.first(), b.first(), a.first_code(), b.first_code(), true)
        + part_points(a.last(), b.last(), a.last_code(), b.last_code(), false);
    let swapped = part_points(a.first(), b.last(), a.first_code(), b.last_code(), true)
        + part_points(a.last(), b.first(), a.last_code(), b.first_code(), false);
    if swapped.points > straight.points + 5 && swapped.points > 0 {
        reasons.push(Reason::NamesSwapped);
        return score + swapped.points;
    }
    let exact = a.first() == b.first() && a.last() == b.last();
    if exact {
        reasons.push(Reason::SameName);
    } else if straight.points > 0 {
        let sounds = !a.last_code().is_empty()
            && a.last_code() == b.last_code()
            && (a.first_code() == b.first_code() || a.first().is_empty() || b.first().is_empty());
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
        (15, 11, 6, -6)
    } else {
        (20, 15, 8, -7)
    };
    let points = if a == b || same_letters(a, b) {
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

/// The same letters once spaces are left out: "h o" and "ho", "van der berg" and
/// "vanderberg" — a space typed inside a name, or one left out.
fn same_letters(a: &str, b: &str) -> bool {
    let letters = |s: &str| s.bytes().filter(|&c| c != b' ').collect::<Vec<u8>>();
    (a.contains(' ') || b.contains(' ')) && letters(a) == letters(b)
}

/// Word by word: each word of the shorter name against its best match in the other,
/// averaged. Unlike Jaro-Winkler over the whole text, a shared first word ("Steuerbüro
/// Klein" / "Steuerbüro Yılmaz") does not make two firms alike.
pub(super) fn token_similarity(a: &str, b: &str) -> f64 {
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
pub(super) fn first_name_similarity(a: &str, b: &str) -> f64 {
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
pub(super) fn date_digits(d: PartialDate, year: Option<i32>) -> [u8; 8] {
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

pub(super) fn compare_birthdays(
    a: Option<PartialDate>,
    b: Option<PartialDate>,
    reasons: &mut Reasons,
) -> i32 {
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
            let typos = rapidfuzz::distance::osa::distance(
                date_digits(a, ya).iter().copied(),
                date_digits(b, yb).iter().copied(),
            );
            let day_month_swapped = a.day == b.month && a.month == b.day && ya == yb;
            if typos <= 1 || day_month_swapped {
                reasons.push(Reason::SimilarBirthday);
                12
            } else if same_day {
                // The year wrong or guessed: the day still agrees.
                reasons.push(Reason::SimilarBirthday);
                6
            } else if typos == 2 {
                0
            } else {
                // A wrong birthday is typed more often than a namesake lives at the
                // same address: disagreement weighs less than agreement.
                -12
            }
        }
    }
}

/// House numbers one typo apart ("53"/"54", "12"/"21", "102"/"12"); single digits are
/// all one typo apart from each other, so they do not count.
fn number_typo(a: &str, b: &str) -> bool {
    a.len().max(b.len()) >= 2 && one_typo(a, b)
}

pub(super) fn compare_addresses(a: &Prepared, b: &Prepared, reasons: &mut Reasons) -> i32 {
    let mut score = 0;
    let both = |x: &str, y: &str| !x.is_empty() && !y.is_empty();
    let same_postcode =
        both(a.postal_code(), b.postal_code()) && a.postal_code() == b.postal_code();
    let street =
        both(a.street_name(), b.street_name()).then(|| jw(a.street_name(), b.street_name()));
    let number =
        both(a.house_number(), b.house_number()).then(|| a.house_number() == b.house_number());
    let city = both(a.city(), b.city()).then(|| jw(a.city(), b.city()));
    // A house number one typo off counts only within one postcode: "Hauptstraße 12" and
    // "Hauptstraße 13" are in every other town, and a city's name covers many streets of
    // one name.
    let number_typo =
        same_postcode && number == Some(false) && number_typo(a.house_number(), b.house_number());
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
        (Some(s), Some(false)) if s >= 0.97 && number_typo => {
            score += 10;
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
    } else if both(a.postal_code(), b.postal_code()) {
        let near = one_typo(a.postal_code(), b.postal_code());
        score += if near { 4 } else { -6 };
    }
    match city {
        Some(c) if c >= 0.9 => score += 6,
        Some(c) if c < 0.7 => score -= 4,
        _ => {}
    }
    score
}
