//! Reaching out from the app: a `tel:` link for a call, a `mailto:` link with a greeting
//! written for the occasion in the customer's form of address (Sie or Du), a WhatsApp link
//! where the customer prefers a messenger. The links are built here, escaped (RFC 3966,
//! RFC 6068: a name with `&` or `?` stays intact), and opened by the operating system; the
//! contact is then logged with one click (the summary comes with the link).

use crate::customers::{Customer, CustomerId, CustomerKind, Salutation};
use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use crate::interactions::Channel;
use crate::soft_facts::AddressForm;
use crate::store::Store;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

/// Everything but RFC 3986's unreserved characters is escaped in a mailto's header values
/// and in a WhatsApp text.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// In the address part of a mailto, `@` stays as it is.
const ADDRESS: &AsciiSet = &VALUE.remove(b'@');

/// How to reach out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ReachBy {
    Call,
    Email,
    WhatsApp,
}

/// What the message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Purpose {
    Birthday,
    FollowUp,
    WinBack,
    General,
}

/// A link to open and what to log once the contact happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reach {
    pub link: String,
    pub channel: Channel,
    /// For the timeline: "E-Mail: Geburtstagsgruß".
    pub summary: String,
}

/// A phone number as a `tel:` link: the digits and a leading `+` (RFC 3966's visual
/// separators dropped); `None` without digits.
pub fn tel_link(phone: &str) -> Option<String> {
    let number = dial_digits(phone)?;
    Some(format!("tel:{number}"))
}

fn dial_digits(phone: &str) -> Option<String> {
    let trimmed = phone.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    Some(if trimmed.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    })
}

/// A number in international form without `+` (WhatsApp's): `0171 …` becomes `49171 …`
/// (a German shop's numbers), `0041 …` becomes `41 …`.
fn international(phone: &str) -> Option<String> {
    let number = dial_digits(phone)?;
    Some(if let Some(rest) = number.strip_prefix('+') {
        rest.to_owned()
    } else if let Some(rest) = number.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = number.strip_prefix('0') {
        format!("49{rest}")
    } else {
        number
    })
}

/// A `mailto:` link with subject and body, every part escaped.
pub fn mailto_link(to: &str, subject: &str, body: &str) -> String {
    let mut link = format!("mailto:{}", utf8_percent_encode(to.trim(), ADDRESS));
    let mut sep = '?';
    for (key, value) in [("subject", subject), ("body", body)] {
        if !value.is_empty() {
            link.push(sep);
            link.push_str(key);
            link.push('=');
            // Line ends as CRLF, as RFC 6068 asks for in a body.
            let value = value.replace("\r\n", "\n").replace('\n', "\r\n");
            link.push_str(&utf8_percent_encode(&value, VALUE).to_string());
            sep = '&';
        }
    }
    link
}

/// A WhatsApp link to the number with the text ready to send.
pub fn whatsapp_link(phone: &str, text: &str) -> Option<String> {
    let number = international(phone)?;
    Some(if text.is_empty() {
        format!("https://wa.me/{number}")
    } else {
        format!(
            "https://wa.me/{number}?text={}",
            utf8_percent_encode(text, VALUE)
        )
    })
}

/// The salutation line in the customer's form of address.
pub fn salutation_line(c: &Customer, lang: Lang) -> String {
    let du = c.address_form == AddressForm::Du;
    let first = c.first_name.trim();
    let last = c.last_name.trim();
    match (lang, c.kind) {
        (Lang::De, CustomerKind::Firm) if last.is_empty() => {
            "Sehr geehrte Damen und Herren,".to_owned()
        }
        (Lang::En, CustomerKind::Firm) if last.is_empty() => "Dear Sir or Madam,".to_owned(),
        (Lang::De, _) if du => match (c.salutation, first.is_empty()) {
            (_, true) => format!("Hallo {last},"),
            (Salutation::Ms, false) => format!("Liebe {first},"),
            (Salutation::Mr, false) => format!("Lieber {first},"),
            (Salutation::None, false) => format!("Hallo {first},"),
        },
        (Lang::De, _) => match c.salutation {
            Salutation::Ms => format!("Sehr geehrte Frau {last},"),
            Salutation::Mr => format!("Sehr geehrter Herr {last},"),
            Salutation::None => format!("Guten Tag {},", [first, last].join(" ").trim()),
        },
        (Lang::En, _) if du && !first.is_empty() => format!("Dear {first},"),
        (Lang::En, _) => match c.salutation {
            Salutation::Ms => format!("Dear Ms {last},"),
            Salutation::Mr => format!("Dear Mr {last},"),
            Salutation::None => format!("Dear {},", [first, last].join(" ").trim()),
        },
    }
}

/// The subject and text of a message for `purpose`, signed with the shop's name.
pub fn greeting(c: &Customer, purpose: Purpose, shop: &str, lang: Lang) -> (String, String) {
    let du = c.address_form == AddressForm::Du && c.kind == CustomerKind::Person;
    let (subject, text) = match (lang, purpose, du) {
        (Lang::De, Purpose::Birthday, true) => (
            "Alles Gute zum Geburtstag!",
            "alles Gute zum Geburtstag! Wir freuen uns, wenn du bald wieder vorbeischaust.",
        ),
        (Lang::De, Purpose::Birthday, false) => (
            "Herzlichen Glückwunsch zum Geburtstag",
            "herzlichen Glückwunsch zum Geburtstag! Wir freuen uns auf Ihren nächsten Besuch.",
        ),
        (Lang::De, Purpose::FollowUp, true) => (
            "Wie gefällt dir dein Einkauf?",
            "wir hoffen, du bist mit deinem Einkauf zufrieden. Wenn Fragen auftauchen, melde dich gern.",
        ),
        (Lang::De, Purpose::FollowUp, false) => (
            "Wie zufrieden sind Sie mit Ihrem Einkauf?",
            "wir hoffen, Sie sind mit Ihrem Einkauf zufrieden. Wenn Fragen auftauchen, melden Sie sich gern.",
        ),
        (Lang::De, Purpose::WinBack, true) => (
            "Wir vermissen dich",
            "wir haben dich lange nicht gesehen und würden uns freuen, dich wieder bei uns zu begrüßen.",
        ),
        (Lang::De, Purpose::WinBack, false) => (
            "Wir würden uns freuen, Sie wiederzusehen",
            "wir haben Sie lange nicht gesehen und würden uns freuen, Sie wieder bei uns begrüßen zu dürfen.",
        ),
        (Lang::De, Purpose::General, _) => ("", ""),
        (Lang::En, Purpose::Birthday, _) => (
            "Happy birthday!",
            "happy birthday! We look forward to seeing you again soon.",
        ),
        (Lang::En, Purpose::FollowUp, _) => (
            "How do you like your purchase?",
            "we hope you are happy with your purchase. If any questions come up, just get in touch.",
        ),
        (Lang::En, Purpose::WinBack, _) => (
            "We would love to see you again",
            "we have not seen you for a while and would be glad to welcome you back.",
        ),
        (Lang::En, Purpose::General, _) => ("", ""),
    };
    let closing = match lang {
        Lang::De => "Viele Grüße",
        Lang::En => "Kind regards",
    };
    let mut body = salutation_line(c, lang);
    body.push_str("\n\n");
    if !text.is_empty() {
        body.push_str(text);
        body.push_str("\n\n");
    }
    body.push_str(closing);
    if !shop.trim().is_empty() {
        body.push('\n');
        body.push_str(shop.trim());
    }
    (subject.to_owned(), body)
}

fn purpose_word(purpose: Purpose, lang: Lang) -> &'static str {
    match purpose {
        Purpose::Birthday => lang.pick("Geburtstagsgruß", "Birthday greeting"),
        Purpose::FollowUp => lang.pick("Nachfrage zum Einkauf", "Follow-up on the purchase"),
        Purpose::WinBack => lang.pick("Rückgewinnung", "Win-back"),
        Purpose::General => lang.pick("Kontakt", "Contact"),
    }
}

/// The link to reach customer `id` `by` phone, e-mail or WhatsApp for `purpose`, and what
/// to log. Refused by field when the customer has no number or address for it.
pub fn reach(
    store: &Store,
    id: CustomerId,
    by: ReachBy,
    purpose: Purpose,
    lang: Lang,
) -> Result<Reach> {
    let c = store.customer(id)?;
    if c.trashed_at.is_some() {
        return Err(Error::NotFound {
            entity: crate::error::Entity::Customer,
            id: id.0,
        });
    }
    let missing = |field| Error::Validation(vec![FieldError::new(field, Issue::Required)]);
    let phone = || {
        std::iter::once(c.phone.as_str())
            .chain(c.other_phones.iter().map(|p| p.value.as_str()))
            .find(|p| dial_digits(p).is_some())
            .map(str::to_owned)
    };
    let shop = crate::paper::shop_name(store)?;
    let word = purpose_word(purpose, lang);
    Ok(match by {
        ReachBy::Call => Reach {
            link: tel_link(&phone().ok_or_else(|| missing(Field::Phone))?)
                .ok_or_else(|| missing(Field::Phone))?,
            channel: Channel::Phone,
            summary: format!("{}: {word}", lang.pick("Anruf", "Call")),
        },
        ReachBy::Email => {
            let to = std::iter::once(c.email.as_str())
                .chain(c.other_emails.iter().map(|e| e.value.as_str()))
                .find(|e| !e.trim().is_empty())
                .ok_or_else(|| missing(Field::Email))?;
            let (subject, body) = greeting(&c, purpose, &shop, lang);
            Reach {
                link: mailto_link(to, &subject, &body),
                channel: Channel::Email,
                summary: format!("{}: {word}", lang.pick("E-Mail", "E-mail")),
            }
        }
        ReachBy::WhatsApp => {
            let (_, body) = greeting(&c, purpose, &shop, lang);
            Reach {
                link: whatsapp_link(&phone().ok_or_else(|| missing(Field::Phone))?, &body)
                    .ok_or_else(|| missing(Field::Phone))?,
                channel: Channel::Messenger,
                summary: format!("WhatsApp: {word}"),
            }
        }
    })
}

/// Whether `link` is one the app may hand to the operating system: `tel:`, `mailto:` or a
/// WhatsApp link — nothing else (no files, no other programs).
pub fn allowed_link(link: &str) -> bool {
    link.starts_with("tel:") || link.starts_with("mailto:") || link.starts_with("https://wa.me/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn decode(s: &str) -> String {
        percent_decode_str(s).decode_utf8().unwrap().into_owned()
    }

    #[test]
    fn mailto_keeps_ampersands_and_question_marks_of_a_name() {
        let link = mailto_link(
            "info@müller-söhne.example",
            "Grüße an Müller & Söhne?",
            "Hallo Müller & Söhne?\nZeile 2 = 100 %",
        );
        assert!(link.starts_with("mailto:info@"), "{link}");
        let (head, query) = link.split_once('?').unwrap();
        assert_eq!(
            decode(&head["mailto:".len()..]),
            "info@müller-söhne.example"
        );
        let parts: Vec<&str> = query.split('&').collect();
        assert_eq!(parts.len(), 2, "{link}");
        assert_eq!(
            decode(parts[0].strip_prefix("subject=").unwrap()),
            "Grüße an Müller & Söhne?"
        );
        assert_eq!(
            decode(parts[1].strip_prefix("body=").unwrap()),
            "Hallo Müller & Söhne?\r\nZeile 2 = 100 %"
        );
    }

    #[test]
    fn tel_and_whatsapp_links_keep_only_digits() {
        assert_eq!(
            tel_link("0221 / 123-45 (Büro)").as_deref(),
            Some("tel:022112345")
        );
        assert_eq!(
            tel_link("+49 171 998877").as_deref(),
            Some("tel:+49171998877")
        );
        assert_eq!(tel_link("keine"), None);
        assert_eq!(
            whatsapp_link("0171 998877", "Hallo & tschüss?").as_deref(),
            Some("https://wa.me/49171998877?text=Hallo%20%26%20tsch%C3%BCss%3F")
        );
        assert_eq!(
            whatsapp_link("0041 44 123", "").as_deref(),
            Some("https://wa.me/4144123")
        );
        assert!(
            allowed_link("tel:1") && allowed_link("mailto:a@b") && allowed_link("https://wa.me/1")
        );
        assert!(!allowed_link("file:///etc/passwd") && !allowed_link("https://example.com"));
    }

    #[test]
    fn the_greeting_follows_the_form_of_address() {
        let mut c: Customer = serde_json::from_value(serde_json::json!({
            "id": 1, "number": "1", "kind": "person", "displayName": "Petra Kern",
            "salutation": "ms", "title": "", "firstName": "Petra", "lastName": "Kern",
            "firmName": "", "street": "", "postalCode": "", "city": "", "country": "",
            "phone": "", "email": "", "otherPhones": [], "otherEmails": [], "industry": "",
            "companySize": null, "annualRevenueCents": null, "customerSince": null,
            "employeeId": null, "tags": [], "status": "active", "birthday": null,
            "partnerName": "", "partnerBirthday": null, "relations": [],
            "preferredChannels": [], "quietTimes": [], "peakMonths": [],
            "addressForm": "du", "closeness": null, "interests": [], "preferences": [],
            "notes": "", "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
            "trashedAt": null, "lastVerified": null, "erasedOn": null
        }))
        .unwrap();
        let (subject, body) = greeting(&c, Purpose::Birthday, "Café Kern & Co", Lang::De);
        assert_eq!(subject, "Alles Gute zum Geburtstag!");
        assert!(body.starts_with("Liebe Petra,\n\nalles Gute"), "{body}");
        assert!(body.ends_with("Viele Grüße\nCafé Kern & Co"), "{body}");
        c.address_form = AddressForm::Sie;
        assert_eq!(salutation_line(&c, Lang::De), "Sehr geehrte Frau Kern,");
        c.salutation = Salutation::Mr;
        assert_eq!(salutation_line(&c, Lang::De), "Sehr geehrter Herr Kern,");
        assert_eq!(salutation_line(&c, Lang::En), "Dear Mr Kern,");
    }
}
