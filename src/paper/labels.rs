//! Address labels for any list: the customer list as filtered (a segment, a tag, a city …)
//! or a month's birthdays, on a common A4 sheet or one measured by hand, starting at the
//! first free label of a sheet used before. Each address in Deutsche Post's order (firm,
//! name, street, postcode and town, the country for abroad); every label placed to the
//! hundredth of a millimetre from the sheet's corner, nothing drawn but the addresses.

use super::pdf::{Align, MM, Orientation, Weight, Writer};
use crate::Clock;
use crate::care::labels::{GreetingSource, LabelSheet, address};
use crate::customers::{self, Customer, CustomerFilter};
use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// Whose addresses go on the labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum LabelSource {
    /// The customer list as filtered (segments are filters too).
    Customers { filter: CustomerFilter },
    /// The birthdays of a month: customers, partners and contact persons.
    Birthdays { year: i32, month: u32 },
}

/// The postal address of a customer, line by line.
pub fn postal_address(c: &Customer, lang: Lang) -> Vec<String> {
    let source = GreetingSource {
        customer: c.id,
        number: c.number.clone(),
        kind: c.kind,
        salutation: c.salutation,
        title: c.title.clone(),
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        firm_name: c.firm_name.clone(),
        street: c.street.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
        country: c.country.clone(),
        ..GreetingSource::default()
    };
    address(&source, None, lang)
}

/// Text size on a label, and the room around it.
const SIZE: f32 = 10.0;
const MIN_SIZE: f32 = 6.5;
const PAD_MM: f32 = 4.0;

/// The addresses of `source`, in order (a customer without a street or town is left out:
/// a label without them cannot be posted).
fn addresses(
    store: &Store,
    source: &LabelSource,
    clock: &Clock,
    lang: Lang,
) -> Result<Vec<Vec<String>>> {
    let postable = |lines: &Vec<String>| lines.len() >= 3;
    Ok(match source {
        LabelSource::Customers { filter } => {
            let ids: Vec<_> = customers::listed_in_order(store, filter, clock.today())?
                .iter()
                .map(|c| c.id)
                .collect();
            let mut out = Vec::new();
            for chunk in ids.chunks(500) {
                for customer in customers::get_many(store, chunk)? {
                    let lines = postal_address(&customer, lang);
                    if postable(&lines) {
                        out.push(lines);
                    }
                }
            }
            out
        }
        LabelSource::Birthdays { year, month } => {
            crate::care::shop::greeting_list(store, *year, *month, lang)?
                .into_iter()
                .map(|e| e.address)
                .filter(postable)
                .collect()
        }
    })
}

/// The labels as a PDF: as many A4 sheets as they fill (one page that says so when there
/// is no address to print).
pub fn labels(
    store: &Store,
    source: &LabelSource,
    sheet: &LabelSheet,
    clock: &Clock,
    lang: Lang,
) -> Result<Vec<u8>> {
    sheet.validate()?;
    let addresses = addresses(store, source, clock, lang)?;
    let title = lang.pick("Adressetiketten", "Address labels");
    let mut writer = Writer::new(Orientation::Portrait, title, lang.code())?;
    if addresses.is_empty() {
        let none = lang.pick(
            "Keine Anschrift zum Drucken in dieser Liste.",
            "No address to print in this list.",
        );
        return super::table::notice_only(writer, None, none);
    }
    let last = sheet.place(u32::try_from(addresses.len() - 1).unwrap_or(u32::MAX));
    let mut next = addresses.iter().enumerate().peekable();
    for page in 0..=last.0 {
        writer.page(|p| {
            while let Some((n, lines)) = next.next_if(|(n, _)| sheet.place(*n as u32).0 == page) {
                let (_, row, column) = sheet.place(n as u32);
                let (x, y) = sheet.corner_mm(row, column);
                let (x, y) = (x as f32 * MM, y as f32 * MM);
                let pad = PAD_MM * MM;
                let width = sheet.width_mm as f32 * MM - 2.0 * pad;
                // Every line of the address, smaller on a low label than 10 pt if need be.
                let room = sheet.height_mm as f32 * MM - 2.0 * pad;
                let size = (room / (lines.len() as f32 * 1.25)).clamp(MIN_SIZE, SIZE);
                let line_height = size * 1.25;
                // Centred on the label's height, as a letter shop would.
                let top =
                    y + (sheet.height_mm as f32 * MM - lines.len() as f32 * line_height) / 2.0;
                for (i, line) in lines.iter().enumerate() {
                    p.text_in(
                        x + pad,
                        top + line_height * (i as f32 + 0.8),
                        width,
                        line,
                        size,
                        Weight::Regular,
                        Align::Left,
                    );
                }
            }
            Ok(())
        })?;
    }
    writer.finish()
}
