//! New products worth telling a customer about: a product or category with a day it is new
//! from (and until, else [`NEW_DAYS`] after), a short text and further words. A customer
//! hears of it when
//! - they bought in its category before (the category's name equal, any case) — "kauft
//!   seit 2021 Espresso-Bohnen";
//! - one of their interests, or a preference's label or value, matches the category or
//!   one of the words: one's words appear in a row among the other's ("Espresso" matches
//!   "Espresso-Bohnen", "Siebträger" matches "Siebträger X"), case, umlauts and accents
//!   ignored; parts of compound words do not count ("Kaffee" is not "Kaffeemühle").
//!
//! A purchase in the category is the strongest reason, then an interest, then a
//! preference. Telling a customer of a new product is advertising: only customers with a
//! channel their consent allows (see `privacy::consent`) get the occasion.

use crate::customers::CustomerId;
use crate::error::{Error, Field, Result};
use crate::input::Checker;
use crate::soft_facts::Labeled;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A product stays new this many days unless its own end is set.
pub const NEW_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct NewProductId(#[cfg_attr(feature = "specta", specta(type = u32))] pub i64);

/// A new product or category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewProduct {
    pub id: NewProductId,
    pub name: String,
    /// The category it belongs to, as purchases name it ("Espresso-Bohnen").
    pub category: String,
    /// Further words that interest the right customers ("Siebträger", "Milchschaum").
    pub keywords: Vec<String>,
    /// What to tell the customer.
    pub text: String,
    pub new_since: NaiveDate,
    /// The last day it counts as new; `None`: [`NEW_DAYS`] after `new_since`.
    pub until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl NewProduct {
    /// The last day it is new.
    pub fn last_day(&self) -> NaiveDate {
        self.until
            .unwrap_or(self.new_since + Duration::days(NEW_DAYS))
    }

    /// Whether it is new on `today`.
    pub fn is_new_on(&self, today: NaiveDate) -> bool {
        self.new_since <= today && today <= self.last_day()
    }

    /// The form's fields, dates written in German or English.
    pub fn input(&self, lang: crate::Lang) -> NewProductInput {
        let day = |d: NaiveDate| match lang {
            crate::Lang::De => d.format("%d.%m.%Y").to_string(),
            crate::Lang::En => d.format("%Y-%m-%d").to_string(),
        };
        NewProductInput {
            name: self.name.clone(),
            category: self.category.clone(),
            keywords: self.keywords.join(", "),
            text: self.text.clone(),
            new_since: day(self.new_since),
            until: self.until.map(day).unwrap_or_default(),
        }
    }
}

/// A new product as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct NewProductInput {
    pub name: String,
    pub category: String,
    /// Comma-separated: `Siebträger, Milchschaum`.
    pub keywords: String,
    pub text: String,
    /// `TT.MM.JJJJ`; empty: today.
    pub new_since: String,
    /// Empty: 90 days after `new_since`.
    pub until: String,
}

/// Checked fields of a new product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewProductFields {
    pub name: String,
    pub category: String,
    pub keywords: Vec<String>,
    pub text: String,
    pub new_since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// Reads a new product as typed; the errors name the field. A product needs a category
/// or a word, or nobody could be told about it.
pub(crate) fn validate(input: &NewProductInput, today: NaiveDate) -> Result<NewProductFields> {
    let mut check = Checker::new();
    let name = check.required(Field::Name, &input.name, 80);
    let category = check.text(Field::Category, &input.category, 80);
    let keywords: Vec<String> = input
        .keywords
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect();
    if keywords.len() > 20 {
        check.fail(
            Field::Keywords,
            crate::error::Issue::OutOfRange { min: 0, max: 20 },
        );
    } else if keywords.iter().any(|k| k.chars().count() > 60) {
        check.fail(Field::Keywords, crate::error::Issue::TooLong { max: 60 });
    }
    if category.is_empty() && keywords.is_empty() {
        check.fail(Field::Category, crate::error::Issue::Required);
    }
    let text = check.text(Field::Note, &input.text, 300);
    let new_since = if input.new_since.trim().is_empty() {
        Some(today)
    } else {
        check.date(Field::NewSince, &input.new_since)
    };
    let until = if input.until.trim().is_empty() {
        None
    } else {
        check.date(Field::NewUntil, &input.until)
    };
    if let (Some(from), Some(to)) = (new_since, until)
        && to < from
    {
        check.fail(Field::NewUntil, crate::error::Issue::EndBeforeStart);
    }
    check
        .finish(|| NewProductFields {
            name,
            category,
            keywords,
            text,
            new_since: new_since.unwrap_or(today),
            until,
        })
        .map_err(Error::Validation)
}

/// Why a customer hears of a new product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum NewsReason {
    /// Bought in the category since that year.
    #[serde(rename_all = "camelCase")]
    Bought { category: String, since: i32 },
    #[serde(rename_all = "camelCase")]
    Interest { interest: String },
    #[serde(rename_all = "camelCase")]
    Preference { label: String, value: String },
}

/// Lower-case words with umlauts and accents folded the way the search index folds them
/// ("Siebträger" → "siebtrager"), split at anything but letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .chars()
        .map(fold)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('ß', "ss"))
        .collect()
}

fn fold(c: char) -> char {
    match c {
        'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => 'a',
        'ö' | 'ò' | 'ó' | 'ô' | 'õ' => 'o',
        'ü' | 'ù' | 'ú' | 'û' => 'u',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// Whether `part`'s words appear in a row among `whole`'s.
fn in_a_row(part: &[String], whole: &[String]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// Whether two phrases match: one's words in a row among the other's.
pub fn phrases_match(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    in_a_row(&a, &b) || in_a_row(&b, &a)
}

impl NewProduct {
    /// The category and the words, the phrases a customer's interests are held against.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.category.as_str())
            .chain(self.keywords.iter().map(String::as_str))
            .filter(|t| !t.trim().is_empty())
    }

    /// Why a customer with these interests and preferences, who first bought in the
    /// category on `bought_since` (if ever), should hear of it; `None`: they should not.
    pub fn reason_for(
        &self,
        bought_since: Option<NaiveDate>,
        interests: &[String],
        preferences: &[Labeled],
    ) -> Option<NewsReason> {
        self.reason_with(&self.term_words(), bought_since, interests, preferences)
    }

    /// The words of each of [`NewProduct::terms`], to match many customers against.
    pub fn term_words(&self) -> Vec<Vec<String>> {
        self.terms().map(words).filter(|w| !w.is_empty()).collect()
    }

    /// [`NewProduct::reason_for`] with the terms' words made once.
    pub fn reason_with(
        &self,
        terms: &[Vec<String>],
        bought_since: Option<NaiveDate>,
        interests: &[String],
        preferences: &[Labeled],
    ) -> Option<NewsReason> {
        use chrono::Datelike;
        if let Some(since) = bought_since {
            return Some(NewsReason::Bought {
                category: self.category.clone(),
                since: since.year(),
            });
        }
        let matches = |text: &str| {
            let mine = words(text);
            terms
                .iter()
                .any(|t| in_a_row(&mine, t) || in_a_row(t, &mine))
        };
        if let Some(i) = interests.iter().find(|i| matches(i)) {
            return Some(NewsReason::Interest {
                interest: i.clone(),
            });
        }
        preferences
            .iter()
            .find(|p| matches(&p.label) || matches(&p.value))
            .map(|p| NewsReason::Preference {
                label: p.label.clone(),
                value: p.value.clone(),
            })
    }
}

/// The demo shop's new products, new since a few days before `today`: found by interests
/// and preferences ("Kaffee", "Heimkino").
pub fn demo_products(today: NaiveDate) -> Vec<NewProductInput> {
    let day = |days: i64| {
        (today - Duration::days(days))
            .format("%d.%m.%Y")
            .to_string()
    };
    vec![
        NewProductInput {
            name: "Espressomühle Duo".into(),
            category: String::new(),
            keywords: "Kaffee, Espresso".into(),
            text: "Mahlt für Siebträger und Vollautomat – zum Probieren im Laden.".into(),
            new_since: day(10),
            until: String::new(),
        },
        NewProductInput {
            name: "Soundbar Cinema 5.1".into(),
            category: String::new(),
            keywords: "Heimkino".into(),
            text: "Kinoklang ohne Kabelsalat, passend zu jedem Fernseher.".into(),
            new_since: day(3),
            until: String::new(),
        },
    ]
}

/// Who should hear of `product`, and why: the buyers of its category (with the day of
/// their first purchase in it), and of the customers whose soft facts may match
/// (`soft`: id, interests, preferences) those that do. By customer id.
pub fn reached(
    product: &NewProduct,
    buyers: &[(CustomerId, NaiveDate)],
    soft: &[(CustomerId, Vec<String>, Vec<Labeled>)],
) -> std::collections::BTreeMap<CustomerId, NewsReason> {
    let mut out = std::collections::BTreeMap::new();
    let terms = product.term_words();
    for (customer, since) in buyers {
        if let Some(reason) = product.reason_with(&terms, Some(*since), &[], &[]) {
            out.insert(*customer, reason);
        }
    }
    for (customer, interests, preferences) in soft {
        if out.contains_key(customer) {
            continue;
        }
        if let Some(reason) = product.reason_with(&terms, None, interests, preferences) {
            out.insert(*customer, reason);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(category: &str, keywords: &[&str]) -> NewProduct {
        NewProduct {
            id: NewProductId(1),
            name: "Siebträger X".into(),
            category: category.into(),
            keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
            text: String::new(),
            new_since: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            until: None,
            created_at: DateTime::<Utc>::default(),
        }
    }

    fn pref(label: &str, value: &str) -> Labeled {
        Labeled {
            label: label.into(),
            value: value.into(),
        }
    }

    #[test]
    fn words_fold_case_umlauts_and_split_compounds_only_at_signs() {
        assert_eq!(
            words("Siebträger-X, Größe 2"),
            ["siebtrager", "x", "grosse", "2"]
        );
        assert!(phrases_match("Espresso", "Espresso-Bohnen"));
        assert!(phrases_match("espresso bohnen", "Espresso-Bohnen"));
        assert!(phrases_match("SIEBTRÄGER", "Siebträger X"));
        assert!(!phrases_match("Kaffee", "Kaffeemühle"));
        assert!(!phrases_match("Bohnen Espresso", "Espresso-Bohnen"));
        assert!(!phrases_match("", "Espresso"));
    }

    #[test]
    fn a_purchase_beats_an_interest_beats_a_preference() {
        let p = product("Espresso-Bohnen", &["Siebträger", "Milchschaum"]);
        let since = NaiveDate::from_ymd_opt(2021, 3, 5);
        let interests = vec!["Wandern".to_owned(), "Milchschaum".to_owned()];
        let prefs = vec![pref("Kaffee", "Espresso")];
        assert_eq!(
            p.reason_for(since, &interests, &prefs),
            Some(NewsReason::Bought {
                category: "Espresso-Bohnen".into(),
                since: 2021
            })
        );
        assert_eq!(
            p.reason_for(None, &interests, &prefs),
            Some(NewsReason::Interest {
                interest: "Milchschaum".into()
            })
        );
        assert_eq!(
            p.reason_for(None, &[], &prefs),
            Some(NewsReason::Preference {
                label: "Kaffee".into(),
                value: "Espresso".into()
            })
        );
        assert_eq!(
            p.reason_for(None, &["Tee".into()], &[pref("Getränk", "Tee")]),
            None
        );
    }

    #[test]
    fn a_product_is_new_for_90_days_or_until_its_day() {
        let mut p = product("Kaffee", &[]);
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert!(!p.is_new_on(day(10, 31)));
        assert!(p.is_new_on(day(11, 1)));
        assert_eq!(p.last_day(), NaiveDate::from_ymd_opt(2027, 1, 30).unwrap());
        p.until = Some(day(11, 15));
        assert!(p.is_new_on(day(11, 15)) && !p.is_new_on(day(11, 16)));
    }

    #[test]
    fn the_form_needs_a_name_and_a_category_or_words() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let input = NewProductInput {
            name: "Siebträger X".into(),
            keywords: " Siebträger ;Milchschaum,, ".into(),
            ..Default::default()
        };
        let f = validate(&input, today).unwrap();
        assert_eq!(f.keywords, ["Siebträger", "Milchschaum"]);
        assert_eq!((f.new_since, f.until), (today, None));
        let bad = NewProductInput {
            name: " ".into(),
            new_since: "30.02.2026".into(),
            until: "01.01.2020".into(),
            ..Default::default()
        };
        let Err(Error::Validation(errors)) = validate(&bad, today) else {
            panic!("refused")
        };
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Name, Field::Category, Field::NewSince]);
        // The end before the start.
        let early = NewProductInput {
            until: "01.01.2020".into(),
            ..input
        };
        let Err(Error::Validation(errors)) = validate(&early, today) else {
            panic!("refused")
        };
        assert_eq!(errors[0].field, Field::NewUntil);
    }
}
