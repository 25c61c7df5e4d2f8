//! Which column is which: headers recognised in German and English, the mapping
//! remembered for the next file with the same headers, and checked before anything is read.

use super::*;

/// A customer field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ImportField {
    Number,
    Salutation,
    Title,
    FirstName,
    LastName,
    FirmName,
    Street,
    PostalCode,
    City,
    Country,
    Phone,
    /// A further phone number; several columns may feed it.
    OtherPhone,
    /// A mobile number, kept as a further phone labelled "Mobil".
    Mobile,
    Email,
    OtherEmail,
    Birthday,
    PartnerName,
    PartnerBirthday,
    CustomerSince,
    Industry,
    AnnualRevenue,
    /// Comma-separated tags.
    Tags,
    /// Several columns are joined.
    Notes,
    /// Consent to advertising on a channel: "ja"/"x"/"1" given, "nein"/"0" withdrawn.
    ConsentEmail,
    ConsentLetter,
    ConsentPhone,
    ConsentMessenger,
}

impl ImportField {
    /// Fields that several columns may feed.
    pub(super) fn repeatable(self) -> bool {
        matches!(
            self,
            ImportField::OtherPhone
                | ImportField::Mobile
                | ImportField::OtherEmail
                | ImportField::Tags
                | ImportField::Notes
        )
    }

    /// The customer field a problem with this column is reported on.
    pub(super) fn field(self) -> Field {
        match self {
            ImportField::Number => Field::Number,
            ImportField::Salutation => Field::Salutation,
            ImportField::Title => Field::Title,
            ImportField::FirstName => Field::FirstName,
            ImportField::LastName => Field::LastName,
            ImportField::FirmName => Field::FirmName,
            ImportField::Street => Field::Street,
            ImportField::PostalCode => Field::PostalCode,
            ImportField::City => Field::City,
            ImportField::Country => Field::Country,
            ImportField::Phone => Field::Phone,
            ImportField::OtherPhone | ImportField::Mobile => Field::OtherPhones,
            ImportField::Email => Field::Email,
            ImportField::OtherEmail => Field::OtherEmails,
            ImportField::Birthday => Field::Birthday,
            ImportField::PartnerName => Field::PartnerName,
            ImportField::PartnerBirthday => Field::PartnerBirthday,
            ImportField::CustomerSince => Field::CustomerSince,
            ImportField::Industry => Field::Industry,
            ImportField::AnnualRevenue => Field::AnnualRevenue,
            ImportField::Tags => Field::Tags,
            ImportField::Notes => Field::Notes,
            ImportField::ConsentEmail
            | ImportField::ConsentLetter
            | ImportField::ConsentPhone
            | ImportField::ConsentMessenger => Field::ConsentChannel,
        }
    }

    /// The channel of a consent column.
    pub fn consent_channel(self) -> Option<crate::privacy::ConsentChannel> {
        use crate::privacy::ConsentChannel;
        match self {
            ImportField::ConsentEmail => Some(ConsentChannel::Email),
            ImportField::ConsentLetter => Some(ConsentChannel::Letter),
            ImportField::ConsentPhone => Some(ConsentChannel::Phone),
            ImportField::ConsentMessenger => Some(ConsentChannel::Messenger),
            _ => None,
        }
    }
}

/// A header as compared with the known names: lower case, umlauts spelled out, only
/// letters and digits with single spaces ("E-Mail" → "e mail", "Straße" → "strasse").
pub(super) fn header_key(header: &str) -> String {
    duplicates::normalize_name(header)
}

/// The field a header names, for the usual German and English headers.
pub fn recognise(header: &str) -> Option<ImportField> {
    use ImportField::*;
    let key = header_key(header);
    let field =
        match key.as_str() {
            "kundennummer" | "kundennr" | "kdnr" | "kd nr" | "nummer" | "nr"
            | "customer number" | "customer no" | "customer id" | "number" | "no" => Number,
            "anrede" | "salutation" => Salutation,
            "titel" | "title" | "akademischer titel" => Title,
            "vorname" | "first name" | "firstname" | "given name" => FirstName,
            "nachname" | "name" | "familienname" | "last name" | "lastname" | "surname"
            | "family name" => LastName,
            "firma" | "firmenname" | "unternehmen" | "company" | "firm" | "organisation"
            | "organization" => FirmName,
            "strasse"
            | "str"
            | "strasse und hausnummer"
            | "strasse hausnummer"
            | "anschrift"
            | "adresse"
            | "street"
            | "address"
            | "street address" => Street,
            "plz" | "postleitzahl" | "zip" | "zip code" | "zipcode" | "postcode"
            | "postal code" => PostalCode,
            "ort" | "stadt" | "wohnort" | "city" | "town" => City,
            "land" | "country" => Country,
            "telefon" | "tel" | "telefonnummer" | "festnetz" | "phone" | "telephone"
            | "phone number" => Phone,
            "mobil" | "handy" | "mobiltelefon" | "mobilnummer" | "mobile" | "cell"
            | "cell phone" => Mobile,
            "telefon 2"
            | "telefon 3"
            | "tel 2"
            | "weitere telefonnummer"
            | "phone 2"
            | "phone 3"
            | "fax" => OtherPhone,
            "e mail" | "email" | "e mail adresse" | "mail" | "email address" | "e mail address" => {
                Email
            }
            "e mail 2" | "email 2" | "weitere e mail" => OtherEmail,
            "geburtstag" | "geburtsdatum" | "geb" | "geboren" | "birthday" | "date of birth"
            | "dob" | "birth date" => Birthday,
            "partner" | "ehepartner" | "partnerin" | "partner name" | "spouse" => PartnerName,
            "geburtstag partner" | "partner geburtstag" | "partner birthday" => PartnerBirthday,
            "kunde seit" | "kundin seit" | "customer since" => CustomerSince,
            "branche" | "industry" => Industry,
            "umsatz" | "jahresumsatz" | "annual revenue" | "revenue" => AnnualRevenue,
            "merkmale" | "tags" | "schlagworte" | "gruppen" => Tags,
            "bemerkung" | "bemerkungen" | "notiz" | "notizen" | "kommentar" | "notes" | "note"
            | "comment" | "comments" => Notes,
            "newsletter"
            | "einwilligung newsletter"
            | "einwilligung e mail"
            | "werbung per e mail"
            | "e mail werbung"
            | "newsletter consent"
            | "email consent"
            | "e mail consent" => ConsentEmail,
            "einwilligung post" | "werbung per post" | "post werbung" | "letter consent"
            | "mail consent" => ConsentLetter,
            "einwilligung telefon"
            | "telefonwerbung"
            | "werbung per telefon"
            | "phone consent"
            | "telephone consent" => ConsentPhone,
            "einwilligung messenger"
            | "einwilligung whatsapp"
            | "einwilligung sms"
            | "whatsapp"
            | "messenger consent"
            | "sms consent" => ConsentMessenger,
            _ => return None,
        };
    Some(field)
}

/// What each column feeds (`None`: ignored), by header.
pub fn recognise_all(headers: &[String]) -> Vec<Option<ImportField>> {
    let mut seen = HashSet::new();
    headers
        .iter()
        .map(|h| recognise(h).filter(|f| f.repeatable() || seen.insert(*f)))
        .collect()
}

/// The settings key under which the mapping of files with these headers is remembered.
pub(super) fn mapping_key(headers: &[String]) -> String {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    format!("import.mapping.{}", keys.join("|"))
}

/// The mapping for a file with these headers: the one used last time, else recognised.
pub fn mapping_for(store: &Store, headers: &[String]) -> Result<Vec<Option<ImportField>>> {
    if let Some(saved) = store.setting(&mapping_key(headers))?
        && let Ok(mapping) = serde_json::from_str::<Vec<Option<ImportField>>>(&saved)
        && mapping.len() == headers.len()
    {
        return Ok(mapping);
    }
    Ok(recognise_all(headers))
}
