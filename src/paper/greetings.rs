//! The birthday and greeting list of a month on paper: who has a birthday (customers,
//! partners, contact persons at firms), how old they turn, how to greet them, Sie or Du,
//! and where the card goes.

use super::pdf::Orientation;
use super::table::{Column, Heading, RowShape, Width, date_text, write_table};
use crate::Clock;
use crate::care::labels::{Celebrant, celebrant_text, greeting_text};
use crate::error::Result;
use crate::i18n::Lang;
use crate::soft_facts::AddressForm;
use crate::store::Store;

fn form_text(form: AddressForm, lang: Lang) -> &'static str {
    match form {
        AddressForm::Sie => lang.pick("Sie", "formal"),
        AddressForm::Du => lang.pick("Du", "informal"),
        AddressForm::Unknown => "",
    }
}

fn month_name(month: u32, lang: Lang) -> &'static str {
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::De => DE[i],
        Lang::En => EN[i],
    }
}

/// The greeting list of `month` in `year` as a PDF, by day.
pub fn greeting_list(
    store: &Store,
    year: i32,
    month: u32,
    clock: &Clock,
    lang: Lang,
) -> Result<Vec<u8>> {
    let entries = crate::care::shop::greeting_list(store, year, month, lang)?;
    let heading = Heading {
        shop: super::shop_name(store)?,
        title: format!(
            "{} ({})",
            lang.pick("Geburtstage und Glückwünsche", "Birthdays and greetings"),
            entries.len()
        ),
        filter: format!("{} {year}", month_name(month, lang)),
        date: clock.today(),
        lang,
    };
    let columns = [
        Column::text(lang.pick("Datum", "Date"), Width::Mm(20.0)),
        Column::text("Name", Width::Share(2.0)),
        Column::text(lang.pick("Anlass", "Occasion"), Width::Share(2.0)),
        Column::text(lang.pick("Glückwunsch", "Greeting"), Width::Share(1.6)),
        Column::text(lang.pick("Anrede", "Form"), Width::Mm(15.0)),
        Column::text(lang.pick("Anschrift", "Address"), Width::Share(3.4)),
    ];
    let rows = entries.iter().map(|e| {
        let occasion = match (e.celebrant, e.turns) {
            (Celebrant::Customer, Some(n)) | (Celebrant::Partner, Some(n)) => match lang {
                Lang::De => format!("{}, wird {n}", celebrant_text(e.celebrant, lang)),
                Lang::En => format!("{}, turns {n}", celebrant_text(e.celebrant, lang)),
            },
            _ => celebrant_text(e.celebrant, lang).to_owned(),
        };
        Ok(vec![
            date_text(e.date, lang),
            e.name.clone(),
            occasion,
            greeting_text(e.greeting, lang).to_owned(),
            form_text(e.address_form, lang).to_owned(),
            e.address.join(", "),
        ])
    });
    write_table(
        &heading,
        Orientation::Landscape,
        &columns,
        RowShape::ONE_LINE,
        entries.len(),
        rows,
        lang.pick(
            "In diesem Monat hat niemand Geburtstag.",
            "Nobody has a birthday this month.",
        ),
    )
}
