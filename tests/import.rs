//! Import with files shaped like what shops really have — made here, byte by byte: German
//! Excel CSV in Windows-1252, the same as UTF-8 with BOM and as .xlsx, vCards with folded
//! lines — and broken files. A failed or cancelled import writes nothing.

use common::clock;
use stammkunde::customers::{self, CustomerFilter, CustomerInput, CustomerKind, Salutation};
use stammkunde::io::export::{self, ExportFormat};
use stammkunde::io::import::{self, ImportField, ImportOptions, ImportProblem, ImportSummary};
use stammkunde::io::table::{self, FileFormat, FileProblem};
use stammkunde::soft_facts::PartialDate;
use stammkunde::{Error, Field, Lang, Store};
use std::sync::atomic::AtomicBool;

mod common;

/// A sheet as German Excel saves it: semicolons, a note over two lines in quotes, dates
/// as 31.12.2024, amounts as 1.234,56; line 6 has a broken e-mail address.
const SHEET: &str = "Kundennummer;Anrede;Vorname;Nachname;Firma;Straße;PLZ;Ort;Telefon;Mobil;\
E-Mail;Geburtstag;Umsatz;Bemerkung\r\n\
K-1;Herr;Jürgen;Müller;;Königsallee 12;40212;Düsseldorf;0211 123456;0171 2345678;\
juergen@example.de;14.03.1961;1.234,56;\"Mag Rennräder.\r\nRuft abends an.\"\r\n\
K-2;Frau;Änne;Weiß;;Hauptstr. 3;50667;Köln;0221 998877;;aenne@example.de;29.02.;;\r\n\
;;;;Bäckerei Schäfer GmbH;Marktplatz 1;53111;Bonn;0228 4711;;info@schaefer.example;;250.000,00;Filiale am Markt\r\n\
K-4;;Ömer;Özdemir;;Ringstraße 5;50668;Köln;;;oemer@@example;;;\r\n";

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "the sheet uses only Windows-1252 characters");
    bytes.into_owned()
}

/// Imports with the recognised (or remembered) mapping.
fn import_all(
    store: &mut Store,
    table: &table::Table,
    options: ImportOptions,
) -> stammkunde::Result<ImportSummary> {
    let mapping = import::mapping_for(store, &table.headers).unwrap();
    let cancel = AtomicBool::new(false);
    import::import_customers(
        store,
        table,
        &mapping,
        options,
        &mut |_, _| {},
        &cancel,
        &clock(),
    )
}

fn count(store: &Store) -> u32 {
    customers::list(store, None, 500).unwrap().total
}

fn all(store: &Store) -> Vec<customers::Customer> {
    export::customers_for_export(store, &CustomerFilter::default(), clock().today()).unwrap()
}

#[test]
fn a_german_excel_csv_in_windows_1252_is_read_checked_and_imported() {
    let bytes = windows_1252(SHEET);
    let table = table::read(&bytes, FileFormat::Csv).unwrap();
    assert_eq!(table.encoding, "Windows-1252");
    assert_eq!(table.delimiter.as_deref(), Some(";"));
    assert_eq!(table.headers[5], "Straße");
    assert_eq!(
        table.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        vec![2, 4, 5, 6],
        "the note over two lines makes the next row start on line 4"
    );

    let mut store = Store::open_in_memory().unwrap();
    let mapping = import::mapping_for(&store, &table.headers).unwrap();
    assert_eq!(mapping[0], Some(ImportField::Number));
    assert_eq!(mapping[9], Some(ImportField::Mobile));
    assert_eq!(mapping[12], Some(ImportField::AnnualRevenue));
    assert_eq!(mapping[13], Some(ImportField::Notes));

    let preview = import::preview(&store, &table, &mapping, clock().today(), Lang::De).unwrap();
    assert_eq!(
        (preview.rows, preview.valid, preview.problem_rows),
        (4, 3, 1)
    );
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!(preview.problems[0].line, 6);
    assert_eq!(preview.problems[0].field, Field::Email);
    assert!(
        preview.problems[0].message.contains("E-Mail"),
        "{:?}",
        preview.problems
    );

    // Without leave to skip, the bad row stops everything.
    let cancel = AtomicBool::new(false);
    let refused = import_all(&mut store, &table, ImportOptions::default());
    assert!(matches!(
        refused,
        Err(Error::Import(ImportProblem::InvalidRows {
            count: 1,
            first_line: 6
        }))
    ));
    assert_eq!(count(&store), 0);

    let options = ImportOptions {
        skip_invalid: true,
        skip_duplicates: false,
    };
    let mut reported = Vec::new();
    let summary = import::import_customers(
        &mut store,
        &table,
        &mapping,
        options,
        &mut |done, total| reported.push((done, total)),
        &cancel,
        &clock(),
    )
    .unwrap();
    assert_eq!((summary.imported, summary.skipped_invalid), (3, 1));
    // Progress counts the file's rows, the one left out too.
    assert_eq!(reported.first(), Some(&(0, 4)));
    assert_eq!(reported.last(), Some(&(4, 4)));

    let customers = all(&store);
    let juergen = customers.iter().find(|c| c.number == "K-1").unwrap();
    assert_eq!(juergen.display_name, "Jürgen Müller");
    assert_eq!(juergen.salutation, Salutation::Mr);
    assert_eq!(juergen.street, "Königsallee 12");
    assert_eq!(juergen.birthday, PartialDate::new(14, 3, Some(1961)));
    assert_eq!(juergen.annual_revenue_cents, Some(123_456));
    assert_eq!(juergen.notes, "Mag Rennräder.\r\nRuft abends an.");
    assert_eq!(juergen.other_phones[0].label, "Mobil");
    assert_eq!(juergen.other_phones[0].value, "0171 2345678");
    let aenne = customers.iter().find(|c| c.number == "K-2").unwrap();
    assert_eq!(aenne.birthday, PartialDate::new(29, 2, None));
    let bakery = customers
        .iter()
        .find(|c| c.kind == CustomerKind::Firm)
        .unwrap();
    assert_eq!(bakery.firm_name, "Bäckerei Schäfer GmbH");
    assert_eq!(bakery.annual_revenue_cents, Some(25_000_000));
    // No number in the file: the next free one.
    assert_eq!(bakery.number, "10001");

    // The mapping is remembered for the next file with these headers.
    let mut changed = mapping.clone();
    changed[13] = None;
    assert_eq!(
        import::mapping_for(&store, &table.headers).unwrap(),
        mapping
    );
    assert_ne!(changed, mapping);
}

#[test]
fn utf8_with_bom_commas_and_english_headers_are_read_too() {
    let text = "\u{feff}number,first name,last name,city,email,birthday\n\
                7,Anna,Schmidt,\"Frankfurt, Main\",anna@example.com,1980-05-17\n";
    let table = table::read(text.as_bytes(), FileFormat::Csv).unwrap();
    assert_eq!(table.encoding, "UTF-8 (BOM)");
    assert_eq!(table.delimiter.as_deref(), Some(","));
    assert_eq!(table.headers[0], "number");
    let mut store = Store::open_in_memory().unwrap();
    import_all(&mut store, &table, ImportOptions::default()).unwrap();
    let anna = &all(&store)[0];
    assert_eq!(
        (anna.number.as_str(), anna.city.as_str()),
        ("7", "Frankfurt, Main")
    );
    assert_eq!(anna.birthday, PartialDate::new(17, 5, Some(1980)));
}

#[test]
fn the_same_sheet_as_xlsx_with_real_dates_and_numbers() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (col, h) in [
        "Kundennummer",
        "Vorname",
        "Nachname",
        "PLZ",
        "Ort",
        "Geburtstag",
        "Umsatz",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 501).unwrap();
    sheet.write_string(1, 1, "Jürgen").unwrap();
    sheet.write_string(1, 2, "Müller").unwrap();
    sheet.write_number(1, 3, 40212).unwrap();
    sheet.write_string(1, 4, "Düsseldorf").unwrap();
    let birthday = ExcelDateTime::from_ymd(1961, 3, 14).unwrap();
    sheet
        .write_datetime_with_format(1, 5, &birthday, &date)
        .unwrap();
    sheet.write_number(1, 6, 1234.56).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let table = table::read(&bytes, FileFormat::Xlsx).unwrap();
    assert_eq!(table.rows[0].line, 2);
    assert_eq!(
        table.rows[0].cells,
        vec![
            "501",
            "Jürgen",
            "Müller",
            "40212",
            "Düsseldorf",
            "14.03.1961",
            "1234,56"
        ]
    );
    let mut store = Store::open_in_memory().unwrap();
    import_all(&mut store, &table, ImportOptions::default()).unwrap();
    let c = &all(&store)[0];
    assert_eq!(
        (c.number.as_str(), c.postal_code.as_str()),
        ("501", "40212")
    );
    assert_eq!(c.birthday, PartialDate::new(14, 3, Some(1961)));
    assert_eq!(c.annual_revenue_cents, Some(123_456));
}

#[test]
fn line_numbers_are_the_editors_with_any_line_ending_and_empty_lines() {
    // Bob's row is line 5 (a blank line and a note over two lines come before), Carl's 7.
    for ending in ["\n", "\r\n", "\r"] {
        let text = [
            "Vorname;Nachname;Bemerkung",
            "Anna;A;",
            "",
            "Ben;B;\"zwei",
            "Zeilen\"",
            "Bob;C;",
            "",
            "Carl;D;",
        ]
        .join(ending);
        let table = table::read(text.as_bytes(), FileFormat::Csv).unwrap();
        let lines: Vec<u32> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6, 8], "with {ending:?}");
    }
}

#[test]
fn vcards_with_folded_lines_and_several_phone_numbers() {
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Hans;;Herr;\r\nFN:Hans Müller\r\n\
ADR;TYPE=HOME:;;Hauptstraße 3;Köln;;50667;Deutschland\r\n\
TEL;TYPE=HOME,VOICE:0221 123456\r\nTEL;TYPE=CELL:0171 2345678\r\nTEL;TYPE=WORK:0221 5550\r\n\
EMAIL;TYPE=INTERNET:hans@example.de\r\nBDAY:1961-03-14\r\n\
NOTE:Zimmer 12\\, Sprudel in die Minibar. Sehr lange Notiz\\, die über mehrere Zeilen \r\n gefaltet wurde.\r\n\
END:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Erika Schulz\r\nN:Schulz;Erika;;;\r\nBDAY:--0229\r\n\
item1.TEL;VALUE=uri;TYPE=cell:tel:+49-170-1234567\r\nEND:VCARD\r\n";
    let table = table::read(cards.as_bytes(), FileFormat::Vcard).unwrap();
    assert_eq!(table.rows.len(), 2);
    let mut store = Store::open_in_memory().unwrap();
    import_all(&mut store, &table, ImportOptions::default()).unwrap();
    let list = all(&store);
    let hans = list
        .iter()
        .find(|c| c.last_name == "Müller")
        .unwrap_or_else(|| panic!("{list:#?}"));
    assert_eq!(hans.salutation, Salutation::Mr);
    assert_eq!(
        (hans.street.as_str(), hans.postal_code.as_str()),
        ("Hauptstraße 3", "50667")
    );
    assert_eq!(hans.phone, "0221 123456");
    let others: Vec<(&str, &str)> = hans
        .other_phones
        .iter()
        .map(|p| (p.label.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(others, vec![("Mobil", "0171 2345678"), ("", "0221 5550")]);
    assert_eq!(
        hans.notes,
        "Zimmer 12, Sprudel in die Minibar. Sehr lange Notiz, die über mehrere Zeilen gefaltet wurde."
    );
    let erika = list.iter().find(|c| c.last_name == "Schulz").unwrap();
    assert_eq!(erika.birthday, PartialDate::new(29, 2, None));
    assert_eq!(erika.phone, "+49-170-1234567");
}

fn refused(bytes: &[u8], format: FileFormat) -> FileProblem {
    match table::read(bytes, format) {
        Err(problem) => problem,
        Ok(t) => panic!("read {} rows from a broken file", t.rows.len()),
    }
}

#[test]
fn broken_files_get_a_clear_message() {
    assert_eq!(refused(b"", FileFormat::Csv), FileProblem::Empty);
    assert_eq!(refused(b"  \r\n ", FileFormat::Csv), FileProblem::Empty);
    assert_eq!(
        refused(b"Vorname;Nachname\r\n", FileFormat::Csv),
        FileProblem::NoRows
    );
    // Cut off inside a quoted note.
    let cut = &SHEET.as_bytes()[..SHEET.find("Mag Rennr").unwrap() + 5];
    assert_eq!(
        refused(cut, FileFormat::Csv),
        FileProblem::Truncated { line: 2 }
    );
    // UTF-16 without its byte order mark: NUL bytes everywhere.
    let utf16: Vec<u8> = "Vorname;Nachname\r\nHans;Müller\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(refused(&utf16, FileFormat::Csv), FileProblem::NotText);
    // A picture renamed to .csv.
    assert_eq!(
        refused(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13], FileFormat::Csv),
        FileProblem::NotText
    );
    // 10 MB on one line.
    let long = vec![b'x'; 10 << 20];
    assert_eq!(
        refused(&long, FileFormat::Csv),
        FileProblem::LineTooLong { line: 1 }
    );
    // More cells than headers: the wrong delimiter inside values.
    assert_eq!(
        refused(
            b"Vorname;Nachname\r\nHans;M\xc3\xbcller;K\xc3\xb6ln\r\n",
            FileFormat::Csv
        ),
        FileProblem::TooManyCells { line: 2 }
    );
    // A workbook cut in half.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Vorname").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(matches!(
        refused(&bytes[..bytes.len() / 2], FileFormat::Xlsx),
        FileProblem::Workbook(_)
    ));
    assert_eq!(
        refused(b"BEGIN:VCARD\r\nFN:Hans\r\n", FileFormat::Vcard),
        FileProblem::Truncated { line: 1 }
    );
    assert_eq!(refused(b"hello", FileFormat::Vcard), FileProblem::NoCards);

    let message = Error::File(FileProblem::Truncated { line: 2 }).message(Lang::De);
    assert!(message.contains("Zeile 2"), "{message}");
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Vorher".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    let mut text = String::from("Vorname;Nachname;Ort\r\n");
    for i in 0..1000 {
        text.push_str(&format!("Kunde;Nummer{i};Köln\r\n"));
    }
    let table = table::read(text.as_bytes(), FileFormat::Csv).unwrap();
    let mapping = import::mapping_for(&store, &table.headers).unwrap();
    let cancel = AtomicBool::new(false);
    let result = import::import_customers(
        &mut store,
        &table,
        &mapping,
        ImportOptions::default(),
        &mut |done, total| {
            if done * 2 >= total {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
        &clock(),
    );
    assert!(matches!(
        result,
        Err(Error::Import(ImportProblem::Cancelled))
    ));
    assert_eq!(count(&store), 1, "only the customer from before");
}

#[test]
fn numbers_in_the_file_are_kept_and_clashes_are_reported_by_line() {
    let mut store = Store::open_in_memory().unwrap();
    customers::create(
        &mut store,
        &CustomerInput {
            number: "10007".into(),
            last_name: "Schon da".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    let text =
        "Nr;Nachname\r\n20000;Neu\r\n10007;Doppelt vergeben\r\n;Ohne Nummer\r\n20000;Zweimal\r\n";
    let table = table::read(text.as_bytes(), FileFormat::Csv).unwrap();
    let mapping = import::mapping_for(&store, &table.headers).unwrap();
    let preview = import::preview(&store, &table, &mapping, clock().today(), Lang::En).unwrap();
    let lines: Vec<(u32, Field)> = preview.problems.iter().map(|p| (p.line, p.field)).collect();
    assert_eq!(lines, vec![(3, Field::Number), (5, Field::Number)]);
    let options = ImportOptions {
        skip_invalid: true,
        skip_duplicates: false,
    };
    import_all(&mut store, &table, options).unwrap();
    let numbers: Vec<String> = all(&store).into_iter().map(|c| c.number).collect();
    assert!(numbers.contains(&"20000".to_owned()));
    // After the highest number of the file, not just of the database.
    assert!(numbers.contains(&"20001".to_owned()), "{numbers:?}");
}

#[test]
fn likely_duplicates_are_flagged_against_the_database_and_within_the_file() {
    let mut store = Store::open_in_memory().unwrap();
    customers::create(
        &mut store,
        &CustomerInput {
            first_name: "Hans".into(),
            last_name: "Müller".into(),
            street: "Hauptstraße 3".into(),
            postal_code: "50667".into(),
            city: "Köln".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    let text = "Vorname;Nachname;Straße;PLZ;Ort;E-Mail\r\n\
                Hans;Mueller;Hauptstr. 3;50667;Köln;\r\n\
                Eva;Klein;Ringstr. 1;50668;Köln;eva@example.de\r\n\
                Eva;Klein;Ringstraße 1;50668;Köln;eva@example.de\r\n";
    let table = table::read(text.as_bytes(), FileFormat::Csv).unwrap();
    let mapping = import::mapping_for(&store, &table.headers).unwrap();
    let preview = import::preview(&store, &table, &mapping, clock().today(), Lang::De).unwrap();
    assert_eq!(preview.duplicate_rows, 2);
    assert_eq!(preview.duplicates[0].line, 2);
    assert_eq!(preview.duplicates[0].like_name, "Hans Müller");
    assert_eq!(preview.duplicates[0].like_number, "10001");
    assert_eq!(preview.duplicates[1].line, 4);
    assert_eq!(preview.duplicates[1].like_line, Some(3));

    let options = ImportOptions {
        skip_invalid: false,
        skip_duplicates: true,
    };
    let summary = import_all(&mut store, &table, options).unwrap();
    assert_eq!((summary.imported, summary.skipped_duplicates), (1, 2));
    assert_eq!(count(&store), 2);
}

#[test]
fn purchases_are_matched_by_number_or_e_mail_and_a_bad_row_stops_all() {
    let mut store = Store::open_in_memory().unwrap();
    for (number, email) in [("K-1", "anna@example.de"), ("K-2", "")] {
        customers::create(
            &mut store,
            &CustomerInput {
                number: number.into(),
                last_name: "Kundin".into(),
                email: email.into(),
                ..Default::default()
            },
            &clock(),
        )
        .unwrap();
    }
    let good = "Kundennummer;E-Mail;Datum;Betrag;Artikel\r\n\
                K-2;;31.12.2024;1.234,56;Navi\r\n\
                ;ANNA@example.de;01.02.2025;19,90;Kabel\r\n";
    let table = table::read(good.as_bytes(), FileFormat::Csv).unwrap();
    let done = import::import_purchases(&mut store, &table, false, Lang::De, &clock()).unwrap();
    assert_eq!(done, Ok(2));

    let bad = "Kundennummer;Datum;Betrag\r\nK-1;01.03.2025;10,00\r\nK-9;01.03.2025;10,00\r\nK-1;01.03.2025;-5\r\n";
    let table = table::read(bad.as_bytes(), FileFormat::Csv).unwrap();
    let problems = import::import_purchases(&mut store, &table, false, Lang::De, &clock())
        .unwrap()
        .unwrap_err();
    let lines: Vec<(u32, Field)> = problems.iter().map(|p| (p.line, p.field)).collect();
    assert_eq!(lines, vec![(3, Field::Number), (4, Field::Amount)]);
    let k1 = all(&store)
        .into_iter()
        .find(|c| c.number == "K-1")
        .unwrap()
        .id;
    let entries = stammkunde::timeline::page(&store, k1, None, 50)
        .unwrap()
        .entries;
    assert_eq!(entries.len(), 1, "only the purchase of the good file");
}

#[test]
fn exports_open_in_excel_and_import_again() {
    let mut store = Store::open_in_memory().unwrap();
    let table = table::read(&windows_1252(SHEET), FileFormat::Csv).unwrap();
    let options = ImportOptions {
        skip_invalid: true,
        skip_duplicates: false,
    };
    import_all(&mut store, &table, options).unwrap();
    let before = all(&store);

    let csv = export::export(&before, ExportFormat::Csv).unwrap();
    assert!(
        csv.starts_with(&[0xEF, 0xBB, 0xBF]),
        "a BOM, so Excel reads UTF-8"
    );
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("\r\n"));
    assert!(text.contains("Kundennummer;Anrede;Titel;Vorname;Nachname"));
    assert!(text.contains("\"Mag Rennräder.\r\nRuft abends an.\""));

    for (bytes, format) in [
        (csv, FileFormat::Csv),
        (
            export::export(&before, ExportFormat::Xlsx).unwrap(),
            FileFormat::Xlsx,
        ),
        (
            export::export(&before, ExportFormat::Vcard).unwrap(),
            FileFormat::Vcard,
        ),
    ] {
        let mut copy = Store::open_in_memory().unwrap();
        let table = table::read(&bytes, format).unwrap();
        import_all(&mut copy, &table, ImportOptions::default()).unwrap();
        let after = all(&copy);
        assert_eq!(after.len(), before.len(), "{format:?}");
        for (a, b) in before.iter().zip(&after) {
            assert_eq!(a.display_name, b.display_name, "{format:?}");
            assert_eq!(a.street, b.street, "{format:?}");
            assert_eq!(a.birthday, b.birthday, "{format:?}");
            assert_eq!(a.phone, b.phone, "{format:?}");
            if format != FileFormat::Vcard {
                assert_eq!(a.number, b.number, "{format:?}");
                assert_eq!(
                    a.notes.replace('\r', ""),
                    b.notes.replace('\r', ""),
                    "{format:?}"
                );
            }
        }
    }
}

#[test]
fn a_formula_in_a_name_is_exported_as_text() {
    let mut store = Store::open_in_memory().unwrap();
    customers::create(
        &mut store,
        &CustomerInput {
            last_name: "=HYPERLINK(\"http://x\")".into(),
            phone: "+49 221 123456".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    let text = String::from_utf8(export::export(&all(&store), ExportFormat::Csv).unwrap()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains(";+49 221 123456;"), "{text}");
}

/// The command-line tool is killed while it writes a large import: the database is as it
/// was before (SQLite's transaction, which the import uses for everything).
#[test]
fn an_import_killed_halfway_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut store = Store::open(&db).unwrap();
    customers::create(
        &mut store,
        &CustomerInput {
            last_name: "Vorher".into(),
            ..Default::default()
        },
        &clock(),
    )
    .unwrap();
    drop(store);
    let file = dir.path().join("gross.csv");
    let mut text = String::from("Vorname;Nachname;Straße;PLZ;Ort;Bemerkung\r\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "Kunde;Nummer{i};Hauptstraße {};50667;Köln;{}\r\n",
            i % 200,
            "Lange Notiz, damit die Datenbank wächst. ".repeat(8)
        ));
    }
    std::fs::write(&file, text).unwrap();

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .arg("--db")
        .arg(&db)
        .args(["import", "customers"])
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Writing has begun once the write-ahead log grows past the cache's first spills.
    let wal = dir.path().join("shop.sqlite3-wal");
    let started = std::time::Instant::now();
    let mut killed_while_writing = false;
    while started.elapsed() < std::time::Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::fs::metadata(&wal).map_or(0, |m| m.len()) > 4 << 20 {
            child.kill().unwrap();
            killed_while_writing = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = child.wait();
    assert!(
        killed_while_writing,
        "the import finished before it could be killed"
    );
    let store = Store::open(&db).unwrap();
    let names: Vec<String> = customers::list(&store, None, 10)
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect();
    assert_eq!(names, vec!["Vorher"]);
}

#[test]
fn consent_columns_become_consents_with_their_source_and_a_bad_cell_names_its_line() {
    use stammkunde::privacy::consent::{self, ConsentChannel, ConsentSource};
    let text = "Kundennummer;Nachname;E-Mail;Newsletter;Einwilligung Telefon\n\
                1;Ja-Sager;ja@example.com;ja;x\n\
                2;Nein-Sager;nein@example.com;nein;\n\
                3;Schweiger;still@example.com;;\n";
    let table = table::read(text.as_bytes(), FileFormat::Csv).unwrap();
    let mapping = import::mapping_for(&Store::open_in_memory().unwrap(), &table.headers).unwrap();
    assert_eq!(mapping[3], Some(ImportField::ConsentEmail));
    assert_eq!(mapping[4], Some(ImportField::ConsentPhone));
    let mut store = Store::open_in_memory().unwrap();
    import_all(&mut store, &table, ImportOptions::default()).unwrap();
    let by_number = |n: &str| customers::by_number(&store, n).unwrap().id;
    let yes = consent::of_customer(&store, by_number("1")).unwrap();
    assert_eq!(yes.history.len(), 2);
    assert!(yes.history.iter().all(|r| r.given
        && r.source == ConsentSource::Import
        && r.on == clock().today()
        && r.wording.contains("„Newsletter“")));
    let allowed = |c: &consent::CustomerConsents, ch: ConsentChannel| {
        c.channels.iter().find(|x| x.channel == ch).unwrap().allowed
    };
    assert!(allowed(&yes, ConsentChannel::Email) && allowed(&yes, ConsentChannel::Phone));
    let no = consent::of_customer(&store, by_number("2")).unwrap();
    assert_eq!(no.history.len(), 1);
    assert_eq!(no.channels[0].given, Some(false));
    assert!(
        consent::of_customer(&store, by_number("3"))
            .unwrap()
            .history
            .is_empty()
    );

    // A cell that says neither yes nor no stops the import, naming the line and column.
    let bad = "Nachname;Newsletter\nVielleicht;vielleicht\n";
    let table = table::read(bad.as_bytes(), FileFormat::Csv).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let preview = import::preview(
        &store,
        &table,
        &import::mapping_for(&store, &table.headers).unwrap(),
        clock().today(),
        Lang::De,
    )
    .unwrap();
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(
        (preview.problems[0].line, preview.problems[0].field),
        (2, Field::ConsentChannel)
    );
    assert!(import_all(&mut store, &table, ImportOptions::default()).is_err());
    assert_eq!(count(&store), 0);
}
