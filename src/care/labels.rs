//! The greeting list for the birthdays of a month — customers, partners and contact
//! persons — with the way to greet that fits the closeness and the postal address, for
//! a CSV file or a sheet of address labels (A4, 3 × 8 labels of 70 × 36 mm by default).

use super::agenda::{Greeting, greeting};
use crate::customers::{CustomerId, CustomerKind, Salutation, display_name};
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::soft_facts::{AddressForm, PartialDate};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Whose birthday a line greets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Celebrant {
    Customer,
    Partner,
    Contact,
}

/// A customer's address and names as the greeting list needs them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GreetingSource {
    pub customer: CustomerId,
    pub number: String,
    pub kind: CustomerKind,
    pub salutation: Salutation,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub firm_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub closeness: Option<u8>,
    pub address_form: AddressForm,
    pub birthday: Option<PartialDate>,
    pub partner_name: String,
    pub partner_birthday: Option<PartialDate>,
    /// Contact persons with a birthday: name, role, birthday.
    pub contacts: Vec<(String, String, PartialDate)>,
    /// The latest consent per channel: a greeting is advertising.
    pub consents: crate::privacy::Consents,
}

/// The greeting that fits the closeness as far as the consent allows: a visit always, a
/// call only with the phone allowed (else a card), a card only unless letters were
/// objected to; `None`: no greeting may go out.
pub fn allowed_greeting(wanted: Greeting, consents: &crate::privacy::Consents) -> Option<Greeting> {
    use crate::privacy::ConsentChannel;
    let card = consents.allows(ConsentChannel::Letter);
    match wanted {
        Greeting::VisitWithGift => Some(Greeting::VisitWithGift),
        Greeting::Call if consents.allows(ConsentChannel::Phone) => Some(Greeting::Call),
        Greeting::Call | Greeting::Card => card.then_some(Greeting::Card),
        Greeting::BusinessCard => card.then_some(Greeting::BusinessCard),
    }
}

/// A line of the greeting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GreetingEntry {
    pub customer: CustomerId,
    pub number: String,
    pub celebrant: Celebrant,
    /// The person with the birthday.
    pub name: String,
    /// The day in the month asked for (28 February for 29 February in other years).
    pub date: NaiveDate,
    pub turns: Option<u32>,
    pub greeting: Greeting,
    pub address_form: AddressForm,
    /// The postal address, line by line, as it goes on the label.
    pub address: Vec<String>,
}

/// The birthdays of `month` (1–12) in `year`, by day.
pub fn greetings(
    sources: &[GreetingSource],
    year: i32,
    month: u32,
    lang: Lang,
) -> Vec<GreetingEntry> {
    let mut entries = Vec::new();
    let in_month = |b: PartialDate| b.in_year(year).filter(|d| d.month() == month);
    let turns =
        |b: PartialDate, d: NaiveDate| b.year.and_then(|y| u32::try_from(d.year() - y).ok());
    for s in sources {
        let customer_name = display_name(s.kind, &s.first_name, &s.last_name, &s.firm_name);
        let mut push = |celebrant, name: String, b: PartialDate, greeting, address| {
            let Some(greeting) = allowed_greeting(greeting, &s.consents) else {
                return;
            };
            if let Some(date) = in_month(b) {
                entries.push(GreetingEntry {
                    customer: s.customer,
                    number: s.number.clone(),
                    celebrant,
                    name,
                    date,
                    turns: turns(b, date),
                    greeting,
                    address_form: s.address_form,
                    address,
                });
            }
        };
        if let Some(b) = s.birthday {
            push(
                Celebrant::Customer,
                customer_name.clone(),
                b,
                greeting(s.closeness),
                address(s, None, lang),
            );
        }
        if let Some(b) = s.partner_birthday {
            let name = if s.partner_name.is_empty() {
                lang.pick("Partner/in", "Partner").to_owned()
            } else {
                s.partner_name.clone()
            };
            push(
                Celebrant::Partner,
                name,
                b,
                greeting(s.closeness),
                address(s, None, lang),
            );
        }
        for (name, _role, b) in &s.contacts {
            push(
                Celebrant::Contact,
                name.clone(),
                *b,
                Greeting::BusinessCard,
                address(s, Some(name), lang),
            );
        }
    }
    entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.name.cmp(&b.name)));
    entries
}

/// The postal address: the name line (salutation, title, name — or the firm with "z. Hd."
/// the contact person), street, postcode and city, the country when it is not Germany.
pub fn address(s: &GreetingSource, attention: Option<&str>, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let person = || {
        let salutation = match s.salutation {
            Salutation::Mr => lang.pick("Herrn", "Mr"),
            Salutation::Ms => lang.pick("Frau", "Ms"),
            Salutation::None => "",
        };
        [
            salutation,
            s.title.as_str(),
            s.first_name.as_str(),
            s.last_name.as_str(),
        ]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
    };
    match s.kind {
        CustomerKind::Firm => {
            lines.push(s.firm_name.clone());
            if let Some(name) = attention {
                lines.push(format!("{} {name}", lang.pick("z. Hd.", "Attn.")));
            }
        }
        CustomerKind::Person => lines.push(person()),
    }
    if !s.street.is_empty() {
        lines.push(s.street.clone());
    }
    let place = format!("{} {}", s.postal_code, s.city).trim().to_owned();
    if !place.is_empty() {
        lines.push(place);
    }
    if let Some(country) = country_line(&s.country) {
        lines.push(country);
    }
    lines.retain(|l| !l.trim().is_empty());
    lines
}

/// The last line of an address abroad, as Deutsche Post asks for it: the country's name in
/// capitals (in German, which every post office reads). `None` for Germany or no country.
pub fn country_line(country: &str) -> Option<String> {
    let country = country.trim();
    let code = country.to_uppercase();
    if code.is_empty() || ["DE", "DEU", "DEUTSCHLAND", "GERMANY"].contains(&code.as_str()) {
        return None;
    }
    let name = match code.as_str() {
        "AT" | "AUT" => "ÖSTERREICH",
        "CH" | "CHE" => "SCHWEIZ",
        "LI" => "LIECHTENSTEIN",
        "NL" | "NLD" => "NIEDERLANDE",
        "BE" | "BEL" => "BELGIEN",
        "LU" | "LUX" => "LUXEMBURG",
        "FR" | "FRA" => "FRANKREICH",
        "IT" | "ITA" => "ITALIEN",
        "ES" | "ESP" => "SPANIEN",
        "PT" => "PORTUGAL",
        "DK" | "DNK" => "DÄNEMARK",
        "SE" => "SCHWEDEN",
        "NO" => "NORWEGEN",
        "FI" => "FINNLAND",
        "PL" | "POL" => "POLEN",
        "CZ" | "CZE" => "TSCHECHIEN",
        "SK" => "SLOWAKEI",
        "HU" => "UNGARN",
        "SI" => "SLOWENIEN",
        "HR" => "KROATIEN",
        "GR" => "GRIECHENLAND",
        "TR" => "TÜRKEI",
        "IE" => "IRLAND",
        "GB" | "UK" => "VEREINIGTES KÖNIGREICH",
        "US" | "USA" => "USA",
        "CA" => "KANADA",
        _ => return Some(code),
    };
    Some(name.to_owned())
}

/// The layout of a label sheet, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct LabelSheet {
    pub columns: u32,
    pub rows: u32,
    pub width_mm: f64,
    pub height_mm: f64,
    /// From the sheet's top and left edge to the first label.
    pub top_mm: f64,
    pub left_mm: f64,
    /// Between two labels side by side, and between two rows.
    pub gap_x_mm: f64,
    pub gap_y_mm: f64,
    /// The first free label (1 = top left), for a sheet partly used already.
    pub start: u32,
}

impl Default for LabelSheet {
    /// A4 with 3 × 8 labels of 70 × 36 mm (e.g. Avery Zweckform 3475): 297 − 8 × 36 = 9 mm
    /// left over, 4.5 mm at top and bottom.
    fn default() -> Self {
        LABEL_PRESETS[0].sheet
    }
}

/// A common A4 label sheet.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LabelPreset {
    /// What the packet says: "3 × 8, 70 × 36 mm (z. B. Zweckform 3475)".
    pub name: &'static str,
    pub sheet: LabelSheet,
}

#[allow(clippy::too_many_arguments)]
const fn sheet(
    columns: u32,
    rows: u32,
    w: f64,
    h: f64,
    top: f64,
    left: f64,
    gx: f64,
) -> LabelSheet {
    LabelSheet {
        columns,
        rows,
        width_mm: w,
        height_mm: h,
        top_mm: top,
        left_mm: left,
        gap_x_mm: gx,
        gap_y_mm: 0.0,
        start: 1,
    }
}

/// The sheets most shops have in the drawer, from the makers' data sheets.
pub const LABEL_PRESETS: [LabelPreset; 7] = [
    LabelPreset {
        name: "3 × 8, 70 × 36 mm (Zweckform 3475)",
        sheet: sheet(3, 8, 70.0, 36.0, 4.5, 0.0, 0.0),
    },
    LabelPreset {
        name: "3 × 7, 70 × 42,3 mm (Zweckform 3652)",
        sheet: sheet(3, 7, 70.0, 42.3, 0.45, 0.0, 0.0),
    },
    LabelPreset {
        name: "2 × 8, 105 × 37 mm (Zweckform 3484)",
        sheet: sheet(2, 8, 105.0, 37.0, 0.5, 0.0, 0.0),
    },
    LabelPreset {
        name: "3 × 10, 70 × 29,7 mm (Zweckform 3489)",
        sheet: sheet(3, 10, 70.0, 29.7, 0.0, 0.0, 0.0),
    },
    LabelPreset {
        name: "2 × 7, 105 × 42,3 mm (Zweckform 3653)",
        sheet: sheet(2, 7, 105.0, 42.3, 0.45, 0.0, 0.0),
    },
    LabelPreset {
        name: "3 × 7, 63,5 × 38,1 mm (Avery L7160)",
        sheet: sheet(3, 7, 63.5, 38.1, 15.15, 7.25, 2.5),
    },
    LabelPreset {
        name: "2 × 7, 99,1 × 38,1 mm (Avery L7163)",
        sheet: sheet(2, 7, 99.1, 38.1, 15.15, 4.65, 2.5),
    },
];

/// A4 in millimetres.
const SHEET_WIDTH_MM: f64 = 210.0;
const SHEET_HEIGHT_MM: f64 = 297.0;

impl LabelSheet {
    /// How wide and high the labels are together, margins and gaps included.
    pub fn used_mm(&self) -> (f64, f64) {
        let across = |n: u32, size: f64, gap: f64, margin: f64| {
            margin + f64::from(n) * size + f64::from(n.saturating_sub(1)) * gap
        };
        (
            across(self.columns, self.width_mm, self.gap_x_mm, self.left_mm),
            across(self.rows, self.height_mm, self.gap_y_mm, self.top_mm),
        )
    }

    /// Checks each measure and that the labels fit on A4 (210 × 297 mm); every problem
    /// names its field.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        let mut range = |ok: bool, field: Field, min: u32, max: u32| {
            if !ok {
                errors.push(FieldError::new(field, Issue::OutOfRange { min, max }));
            }
        };
        range((1..=10).contains(&self.columns), Field::LabelColumns, 1, 10);
        range((1..=30).contains(&self.rows), Field::LabelRows, 1, 30);
        let mm = |v: f64, lo: f64, hi: f64| v.is_finite() && v >= lo && v <= hi;
        range(mm(self.width_mm, 10.0, 210.0), Field::LabelWidth, 10, 210);
        range(mm(self.height_mm, 10.0, 297.0), Field::LabelHeight, 10, 297);
        range(mm(self.top_mm, 0.0, 200.0), Field::LabelTop, 0, 200);
        range(mm(self.left_mm, 0.0, 150.0), Field::LabelLeft, 0, 150);
        range(mm(self.gap_x_mm, 0.0, 50.0), Field::LabelGapX, 0, 50);
        range(mm(self.gap_y_mm, 0.0, 50.0), Field::LabelGapY, 0, 50);
        if errors.is_empty() {
            let (wide, high) = self.used_mm();
            let tenths = |v: f64| (v * 10.0).round().clamp(0.0, f64::from(u32::MAX)) as u32;
            // A hundredth of a millimetre of rounding in the maker's figures is no misfit.
            if wide > SHEET_WIDTH_MM + 0.01 {
                errors.push(FieldError::new(
                    Field::LabelWidth,
                    Issue::LargerThanSheet {
                        used_tenths: tenths(wide),
                        sheet_mm: SHEET_WIDTH_MM as u32,
                    },
                ));
            }
            if high > SHEET_HEIGHT_MM + 0.01 {
                errors.push(FieldError::new(
                    Field::LabelHeight,
                    Issue::LargerThanSheet {
                        used_tenths: tenths(high),
                        sheet_mm: SHEET_HEIGHT_MM as u32,
                    },
                ));
            }
        }
        if self.start < 1 || self.start > self.columns.saturating_mul(self.rows) {
            errors.push(FieldError::new(
                Field::LabelStart,
                Issue::OutOfRange {
                    min: 1,
                    max: self.columns.saturating_mul(self.rows).max(1),
                },
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// The top left corner of the label in `row` and `column`, in millimetres from the
    /// sheet's top left corner.
    pub fn corner_mm(&self, row: u32, column: u32) -> (f64, f64) {
        (
            self.left_mm + f64::from(column) * (self.width_mm + self.gap_x_mm),
            self.top_mm + f64::from(row) * (self.height_mm + self.gap_y_mm),
        )
    }

    /// Where label `n` of the list (0-based) goes: sheet (0-based), row, column.
    pub fn place(&self, n: u32) -> (u32, u32, u32) {
        let per_sheet = self.columns * self.rows;
        let slot = self.start - 1 + n;
        let on_sheet = slot % per_sheet;
        (
            slot / per_sheet,
            on_sheet / self.columns,
            on_sheet % self.columns,
        )
    }
}

/// The greeting list as CSV for German Excel.
pub fn to_csv(entries: &[GreetingEntry], lang: Lang) -> Result<Vec<u8>> {
    let headers = if lang == Lang::De {
        [
            "Datum",
            "Anlass",
            "Name",
            "Wird",
            "Gruß",
            "Kundennummer",
            "Anschrift",
        ]
    } else {
        [
            "Date",
            "Occasion",
            "Name",
            "Turns",
            "Greeting",
            "Customer number",
            "Address",
        ]
    };
    let rows = entries.iter().map(|e| {
        vec![
            match lang {
                Lang::De => e.date.format("%d.%m.%Y").to_string(),
                Lang::En => e.date.format("%Y-%m-%d").to_string(),
            },
            celebrant_text(e.celebrant, lang).to_owned(),
            e.name.clone(),
            e.turns.map(|t| t.to_string()).unwrap_or_default(),
            greeting_text(e.greeting, lang).to_owned(),
            e.number.clone(),
            e.address.join(", "),
        ]
    });
    crate::io::export::csv_table(&headers, rows)
}

pub fn celebrant_text(c: Celebrant, lang: Lang) -> &'static str {
    match c {
        Celebrant::Customer => lang.pick("Geburtstag", "Birthday"),
        Celebrant::Partner => lang.pick("Geburtstag Partner/in", "Partner's birthday"),
        Celebrant::Contact => lang.pick("Geburtstag Ansprechpartner", "Contact's birthday"),
    }
}

pub fn greeting_text(g: Greeting, lang: Lang) -> &'static str {
    match g {
        Greeting::VisitWithGift => {
            lang.pick("Besuch mit kleinem Geschenk", "Visit with a small gift")
        }
        Greeting::Call => lang.pick("Anruf", "Call"),
        Greeting::Card => lang.pick("Karte", "Card"),
        Greeting::BusinessCard => lang.pick("Karte an Ansprechpartner", "Card to the contact"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hans() -> GreetingSource {
        GreetingSource {
            customer: CustomerId(1),
            number: "K-1".into(),
            kind: CustomerKind::Person,
            salutation: Salutation::Mr,
            title: "Dr.".into(),
            first_name: "Hans".into(),
            last_name: "Müller".into(),
            street: "Hauptstraße 1".into(),
            postal_code: "50667".into(),
            city: "Köln".into(),
            country: "Deutschland".into(),
            closeness: Some(5),
            birthday: PartialDate::new(29, 2, Some(1960)),
            partner_name: "Eva".into(),
            partner_birthday: PartialDate::new(3, 2, None),
            ..Default::default()
        }
    }

    #[test]
    fn the_greeting_list_of_a_month() {
        let firm = GreetingSource {
            customer: CustomerId(2),
            number: "K-2".into(),
            kind: CustomerKind::Firm,
            firm_name: "Kern & Söhne <GmbH>".into(),
            street: "Ring 5".into(),
            postal_code: "1010".into(),
            city: "Wien".into(),
            country: "Österreich".into(),
            contacts: vec![(
                "Frau Kern".into(),
                "Einkauf".into(),
                PartialDate::new(14, 2, Some(1980)).unwrap(),
            )],
            ..Default::default()
        };
        let list = greetings(&[hans(), firm], 2027, 2, Lang::De);
        let lines: Vec<(NaiveDate, &str, Option<u32>, Greeting)> = list
            .iter()
            .map(|e| (e.date, e.name.as_str(), e.turns, e.greeting))
            .collect();
        assert_eq!(
            lines,
            vec![
                (day(2027, 2, 3), "Eva", None, Greeting::VisitWithGift),
                (
                    day(2027, 2, 14),
                    "Frau Kern",
                    Some(47),
                    Greeting::BusinessCard
                ),
                // 29 February in a year without it: the 28th.
                (
                    day(2027, 2, 28),
                    "Hans Müller",
                    Some(67),
                    Greeting::VisitWithGift
                ),
            ]
        );
        assert_eq!(
            list[2].address,
            vec!["Herrn Dr. Hans Müller", "Hauptstraße 1", "50667 Köln"]
        );
        assert_eq!(
            list[1].address,
            vec![
                "Kern & Söhne <GmbH>",
                "z. Hd. Frau Kern",
                "Ring 5",
                "1010 Wien",
                "ÖSTERREICH"
            ]
        );
        assert!(greetings(&[hans()], 2027, 3, Lang::De).is_empty());
        let csv = String::from_utf8(to_csv(&list, Lang::De).unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}Datum;Anlass;Name;Wird;Gruß"));
        assert!(csv.contains("28.02.2027;Geburtstag;Hans Müller;67;Besuch mit kleinem Geschenk;K-1;Herrn Dr. Hans Müller, Hauptstraße 1, 50667 Köln\r\n"));
    }

    #[test]
    fn labels_fill_the_sheet_from_the_start_position() {
        let sheet = LabelSheet {
            start: 23,
            ..Default::default()
        };
        assert!(sheet.validate().is_ok());
        // 23rd label: row 8, column 2; then 24th; then a new sheet.
        assert_eq!(sheet.place(0), (0, 7, 1));
        assert_eq!(sheet.place(1), (0, 7, 2));
        assert_eq!(sheet.place(2), (1, 0, 0));
        assert_eq!(
            sheet.place(5),
            (1, 1, 0),
            "the second row of the next sheet"
        );
        let too_wide = LabelSheet {
            width_mm: 75.0,
            ..Default::default()
        };
        let Err(Error::Validation(errors)) = too_wide.validate() else {
            panic!("refused")
        };
        assert_eq!(errors[0].field, Field::LabelWidth);
        assert_eq!(
            errors[0].message(Lang::De),
            "Die Etiketten brauchen so 225,0 mm, der Bogen hat nur 210 mm."
        );
        let gaps_too_high = LabelSheet {
            gap_y_mm: 2.0,
            ..Default::default()
        };
        let Err(Error::Validation(errors)) = gaps_too_high.validate() else {
            panic!("refused")
        };
        assert_eq!(errors[0].field, Field::LabelHeight);
        for preset in LABEL_PRESETS {
            assert!(preset.sheet.validate().is_ok(), "{}", preset.name);
        }
        // Avery L7160: the third label of the second row, gaps included.
        let (x, y) = LABEL_PRESETS[5].sheet.corner_mm(1, 2);
        assert!((x - (7.25 + 2.0 * 66.0)).abs() < 1e-9 && (y - (15.15 + 38.1)).abs() < 1e-9);
        let bad_start = LabelSheet {
            start: 25,
            ..Default::default()
        };
        let Err(Error::Validation(errors)) = bad_start.validate() else {
            panic!("refused")
        };
        assert_eq!(errors[0].field, Field::LabelStart);
    }
}
