//! The birthday list of a month (with CSV) and the label sheet's layout.

use super::*;

/// The greeting list of the birthdays in `month` of `year`.
pub fn greeting_list(
    store: &Store,
    year: i32,
    month: u32,
    lang: Lang,
) -> Result<Vec<crate::care::labels::GreetingEntry>> {
    if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) {
        return Err(Error::Validation(vec![FieldError::new(
            Field::Month,
            Issue::OutOfRange { min: 1, max: 12 },
        )]));
    }
    Ok(crate::care::labels::greetings(
        &store.greeting_sources(month)?,
        year,
        month,
        lang,
    ))
}

/// The greeting list as CSV for German Excel.
pub fn greeting_csv(store: &Store, year: i32, month: u32, lang: Lang) -> Result<Vec<u8>> {
    crate::care::labels::to_csv(&greeting_list(store, year, month, lang)?, lang)
}

const LABELS_KEY: &str = "care.labels";

/// The label sheet last used (the default until one is saved).
pub fn label_sheet(store: &Store) -> Result<crate::care::labels::LabelSheet> {
    store.setting_or_default(LABELS_KEY)
}

/// Checks and keeps the label sheet's layout.
pub fn save_label_sheet(
    store: &mut Store,
    sheet: &crate::care::labels::LabelSheet,
    clock: &crate::Clock,
) -> Result<()> {
    sheet.validate()?;
    crate::settings::save_json(store, LABELS_KEY, sheet, clock)
}
