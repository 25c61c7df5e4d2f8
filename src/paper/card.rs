//! The customer card to print and cut out: credit-card size (ID-1, 85.6 × 53.98 mm) on
//! A4, with the shop, the card holder, the QR code and the number as EAN-13 bars that any
//! till scanner reads (module 0.33 mm, the standard's nominal size, with its quiet zones).

use super::pdf::{Align, MM, Orientation, Sheet, Weight, Writer};
use crate::customers::CustomerId;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::loyalty::cards;
use crate::store::Store;

/// ID-1, the size of a credit card.
pub const CARD_WIDTH_MM: f32 = 85.6;
pub const CARD_HEIGHT_MM: f32 = 53.98;
/// Where the card sits on the A4 sheet (top left corner).
pub const CARD_LEFT_MM: f32 = 20.0;
pub const CARD_TOP_MM: f32 = 20.0;
/// One bar module of the EAN-13, and the bars' height.
const EAN_MODULE_MM: f32 = 0.33;
const EAN_HEIGHT_MM: f32 = 13.0;
/// One module of the QR code.
const QR_MODULE_MM: f32 = 0.85;

/// Draws `modules` (95 bars) with the left guard at `x` and the bars' top at `y`.
fn draw_ean(sheet: &mut Sheet<'_, '_>, number: &str, modules: &[bool], x: f32, y: f32) {
    let module = EAN_MODULE_MM * MM;
    let height = EAN_HEIGHT_MM * MM;
    // Runs of dark modules as one bar each; the guards reach below the digits' line.
    let mut i = 0;
    while i < modules.len() {
        if !modules[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < modules.len() && modules[i] {
            i += 1;
        }
        let guard = start < 3 || (45..50).contains(&start) || start >= 92;
        let h = if guard { height + 1.6 * MM } else { height };
        sheet.rect(
            x + start as f32 * module,
            y,
            (i - start) as f32 * module,
            h,
            0.0,
            0,
        );
    }
    // The digits under the bars: the first before them, then two groups of six.
    let size = 7.0;
    let base = y + height + 2.8 * MM;
    let digits: Vec<char> = number.chars().collect();
    if digits.len() == 13 {
        sheet.text(
            x - 1.2 * MM,
            base,
            &digits[0].to_string(),
            size,
            Weight::Regular,
            Align::Right,
        );
        let left: String = digits[1..7].iter().collect();
        let right: String = digits[7..].iter().collect();
        sheet.text(
            x + 24.0 * module,
            base,
            &left,
            size,
            Weight::Regular,
            Align::Center,
        );
        sheet.text(
            x + 71.0 * module,
            base,
            &right,
            size,
            Weight::Regular,
            Align::Center,
        );
    }
}

/// The card of a loyalty member as a PDF (A4, the card at its real size to cut out).
pub fn card(store: &Store, customer: CustomerId, lang: Lang) -> Result<Vec<u8>> {
    let card = crate::loyalty::shop::card(store, customer)?;
    let modules = cards::ean13_modules(&card.card_number)
        .ok_or_else(|| Error::Internal(format!("card number {}", card.card_number)))?;
    let (qr_width, qr_dark) = cards::qr_modules(&card.card_number);
    let title = lang.pick("Kundenkarte", "Customer card");
    let mut writer = Writer::new(Orientation::Portrait, title, lang.code())?;
    let shop = if card.shop_name.trim().is_empty() {
        super::shop_name(store)?
    } else {
        card.shop_name.clone()
    };
    writer.page(|sheet| {
        let (x, y) = (CARD_LEFT_MM * MM, CARD_TOP_MM * MM);
        let (w, h) = (CARD_WIDTH_MM * MM, CARD_HEIGHT_MM * MM);
        // The outline to cut along.
        sheet.rect(x, y, w, h, 0.3, 150);
        let pad = 4.0 * MM;
        let qr_size = qr_width as f32 * QR_MODULE_MM * MM;
        let text_width = w - 2.0 * pad - qr_size - 2.0 * MM;
        sheet.text_in(
            x + pad,
            y + pad + 3.5 * MM,
            text_width,
            &shop,
            10.0,
            Weight::Bold,
            Align::Left,
        );
        sheet.text_in(
            x + pad,
            y + pad + 8.0 * MM,
            text_width,
            title,
            7.5,
            Weight::Regular,
            Align::Left,
        );
        sheet.text_in(
            x + pad,
            y + pad + 15.0 * MM,
            text_width,
            &card.name,
            9.5,
            Weight::Bold,
            Align::Left,
        );
        let since = match lang {
            Lang::De => format!("Mitglied seit {}", card.joined_on.format("%d.%m.%Y")),
            Lang::En => format!("Member since {}", card.joined_on.format("%Y-%m-%d")),
        };
        sheet.text_in(
            x + pad,
            y + pad + 19.5 * MM,
            text_width,
            &since,
            7.0,
            Weight::Regular,
            Align::Left,
        );
        // The QR code, top right.
        let qx = x + w - pad - qr_size;
        let qy = y + pad;
        let module = QR_MODULE_MM * MM;
        for (i, dark) in qr_dark.iter().enumerate() {
            if *dark {
                let (row, col) = (i / qr_width, i % qr_width);
                sheet.rect(
                    qx + col as f32 * module,
                    qy + row as f32 * module,
                    module,
                    module,
                    0.0,
                    0,
                );
            }
        }
        // The bars, bottom left, with 11 modules of quiet zone before them.
        let bars_x = x + pad + 11.0 * EAN_MODULE_MM * MM - 2.0 * MM;
        let bars_y = y + h - pad - (EAN_HEIGHT_MM + 3.5) * MM;
        draw_ean(
            sheet,
            &card.card_number,
            &modules,
            bars_x.max(x + 4.0 * MM),
            bars_y,
        );
        sheet.text(
            x + w - pad,
            y + h - pad - 0.5 * MM,
            &card.card_display,
            8.0,
            Weight::Regular,
            Align::Right,
        );
        let hint = lang.pick(
            "Entlang der grauen Linie ausschneiden.",
            "Cut along the gray line.",
        );
        sheet.text(x, y + h + 6.0 * MM, hint, 8.0, Weight::Regular, Align::Left);
        Ok(())
    })?;
    writer.finish()
}
