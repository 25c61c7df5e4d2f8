//! Files that broke the importers, and the other members of each class: none may make a
//! reader panic, abort or hold more than 512 MiB. Each is imported with
//! `stammkunde-cli import … --dry-run` in a child process whose address space is limited
//! (`ulimit -v`), so an allocation past the bound would abort the child and fail the test.
//! The two files in `tests/fixtures/repro` came from mutation fuzzing (see its README);
//! the rest are made here.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The address space the child may use (KiB): the bound the readers promise, 512 MiB.
const LIMIT_KIB: u32 = 512 * 1024;

struct Outcome {
    code: Option<i32>,
    output: String,
}

/// Imports `file` as customers (or purchases) without writing, in a bounded child process.
fn dry_run(file: &Path, what: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .args(["--lang", "de", "--db"])
        .arg(dir.path().join("shop.sqlite3"))
        .args(["import", what])
        .arg(file)
        .arg("--dry-run")
        .output()
        .unwrap();
    Outcome {
        code: out.status.code(),
        output: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
    }
}

/// The file was read, or refused with a message naming `expected`: never a panic (101)
/// or a signal (no code).
fn assert_refused(outcome: &Outcome, expected: &str) {
    assert_eq!(
        outcome.code,
        Some(1),
        "refused with a message: {}",
        outcome.output
    );
    assert!(
        outcome.output.contains(expected),
        "the message names {expected:?}: {}",
        outcome.output
    );
}

fn assert_read(outcome: &Outcome) {
    assert_eq!(outcome.code, Some(0), "read: {}", outcome.output);
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/repro")
        .join(name)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_same_address_twice_in_one_row_is_read() {
    // Fuzzing find: both e-mail columns hold the same address (in another case).
    assert_read(&dry_run(
        &fixture("csv_same_email_twice_panic.csv"),
        "customers",
    ));
    let dir = tempfile::tempdir().unwrap();
    let phones = write(
        dir.path(),
        "phones.csv",
        b"Vorname;Nachname;Telefon;Mobil\nAnna;Schmidt;0221 12345;0221/12345\n",
    );
    assert_read(&dry_run(&phones, "customers"));
    let cards = write(
        dir.path(),
        "cards.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schmidt;Anna;;;\r\nEMAIL:a@example.de\r\n\
EMAIL:A@EXAMPLE.DE\r\nTEL:0221 12345\r\nTEL;TYPE=CELL:0221-12345\r\nEND:VCARD\r\n",
    );
    assert_read(&dry_run(&cards, "customers"));
}

/// A small valid workbook of customers (rust_xlsxwriter), as zip bytes.
fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Vorname", "Nachname", "Ort"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Anna").unwrap();
    sheet.write_string(1, 1, "Schmidt").unwrap();
    sheet.write_string(1, 2, "Köln").unwrap();
    book.save_to_buffer().unwrap()
}

/// The workbook with one part replaced (or added), compressed as Excel does.
fn with_part(xlsx: &[u8], name: &str, content: &[u8]) -> Vec<u8> {
    let mut from = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut to = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(content.len() > u32::MAX as usize / 2);
    let mut replaced = false;
    for i in 0..from.len() {
        let mut part = from.by_index(i).unwrap();
        let part_name = part.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        to.start_file(part_name.as_str(), options).unwrap();
        if part_name == name {
            to.write_all(content).unwrap();
            replaced = true;
        } else {
            to.write_all(&bytes).unwrap();
        }
    }
    if !replaced {
        to.start_file(name, options).unwrap();
        to.write_all(content).unwrap();
    }
    to.finish().unwrap().into_inner()
}

fn sheet(dimension: &str, cells: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"{dimension}\"/>\
<sheetData>{cells}</sheetData></worksheet>"
    )
    .into_bytes()
}

#[test]
fn a_workbook_naming_a_far_cell_is_refused_by_the_cell() {
    // Fuzzing find: aborted on a 512 GiB allocation.
    assert_refused(
        &dry_run(&fixture("xlsx_far_cell_abort.xlsx"), "customers"),
        "XFD1048576",
    );
    let dir = tempfile::tempdir().unwrap();
    let far = with_part(
        &workbook(),
        "xl/worksheets/sheet1.xml",
        &sheet(
            "A1:C2",
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Vorname</t></is></c></row>\
<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Anna</t></is></c>\
<c r=\"ZZ2\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
        ),
    );
    assert_refused(
        &dry_run(&write(dir.path(), "far.xlsx", &far), "customers"),
        "ZZ2",
    );
}

#[test]
fn a_workbook_declaring_a_huge_sheet_with_few_cells_is_read() {
    // The sibling class: the sheet claims all of Excel's cells, and one customer stands in
    // row 900,000 – only the cells with a value are held.
    let dir = tempfile::tempdir().unwrap();
    let huge = with_part(
        &workbook(),
        "xl/worksheets/sheet1.xml",
        &sheet(
            "A1:XFD1048576",
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Vorname</t></is></c>\
<c r=\"B1\" t=\"inlineStr\"><is><t>Nachname</t></is></c></row>\
<row r=\"900000\"><c r=\"A900000\" t=\"inlineStr\"><is><t>Anna</t></is></c>\
<c r=\"B900000\" t=\"inlineStr\"><is><t>Schmidt</t></is></c></row>",
        ),
    );
    let outcome = dry_run(&write(dir.path(), "huge.xlsx", &huge), "customers");
    assert_read(&outcome);
    assert!(outcome.output.contains('1'), "{}", outcome.output);
}

#[test]
fn a_workbook_whose_parts_unpack_far_too_large_is_refused_by_the_part() {
    let dir = tempfile::tempdir().unwrap();
    // Styles of 40 MB (a few KB packed): refused before calamine parses them.
    let mut styles = b"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts>".to_vec();
    while styles.len() < 40 << 20 {
        styles.extend_from_slice(b"<numFmt numFmtId=\"164\" formatCode=\"0.00\"/>");
    }
    styles.extend_from_slice(b"</numFmts></styleSheet>");
    let book = with_part(&workbook(), "xl/styles.xml", &styles);
    assert!(book.len() < 1 << 20, "packed small: {}", book.len());
    assert_refused(
        &dry_run(&write(dir.path(), "styles.xlsx", &book), "customers"),
        "xl/styles.xml",
    );
    // Shared strings of 120 MB: more than one part may unpack to.
    let mut strings = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".to_vec();
    while strings.len() < 120 << 20 {
        strings.extend_from_slice(b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>");
    }
    strings.extend_from_slice(b"</sst>");
    let book = with_part(&workbook(), "xl/sharedStrings.xml", &strings);
    assert_refused(
        &dry_run(&write(dir.path(), "strings.xlsx", &book), "purchases"),
        "xl/sharedStrings.xml",
    );
}

#[test]
fn a_text_file_of_too_many_columns_rows_or_bytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut columns = b"Vorname".to_vec();
    columns.extend(std::iter::repeat_n(b";x".as_slice(), 600).flatten());
    columns.extend_from_slice(b"\nAnna\n");
    assert_refused(
        &dry_run(&write(dir.path(), "columns.csv", &columns), "customers"),
        "mehr als 500 Spalten",
    );

    let mut rows = b"Vorname;Nachname\n".to_vec();
    for i in 0..300_001 {
        rows.extend_from_slice(format!("A{i};B\n").as_bytes());
    }
    assert_refused(
        &dry_run(&write(dir.path(), "rows.csv", &rows), "customers"),
        "Ab Zeile 300002",
    );

    let big = dir.path().join("big.csv");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(65 << 20).unwrap();
    assert_refused(&dry_run(&big, "customers"), "größer als 64 MB");
}

#[test]
fn a_vcard_file_of_millions_of_lines_or_cards_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    // 20 million short lines: read one at a time, no card in them.
    let lines = b"x\n".repeat(20 << 20);
    assert_refused(
        &dry_run(&write(dir.path(), "lines.vcf", &lines), "customers"),
        "keine Visitenkarte",
    );
    // 2.5 million empty cards: refused at the first card past the bound.
    let cards = b"BEGIN:VCARD\nEND:VCARD\n".repeat(2_500_000);
    assert_refused(
        &dry_run(&write(dir.path(), "cards.vcf", &cards), "customers"),
        "zu groß",
    );
}
