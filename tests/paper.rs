//! Printed documents, read back: the PDF's text through poppler's `pdftotext` (installed
//! by `make test`), its pages through `pdfinfo`.

use common::{clock, store};
use stammkunde::customers::{self, CustomerFilter, CustomerInput, CustomerKind, CustomerSort};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::error::Field;
use stammkunde::paper::customers::{CustomerListPrint, ListColumn, customer_list};
use stammkunde::paper::pdf::Orientation;
use stammkunde::{Clock, Error, Lang, Store};
use std::path::Path;
use std::process::Command;

mod common;

fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed to read the PDFs back (apt package poppler-utils): {e}")
        });
    assert!(out.status.success(), "{tool}: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

/// The text, page by page (pdftotext ends each page with a form feed).
fn pages(pdf: &[u8]) -> Vec<String> {
    let text = poppler("pdftotext", pdf, &["-layout", "-enc", "UTF-8"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn page_count(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

fn shop(customers: u32, clock: &Clock) -> Store {
    let mut store = store();
    let options = DemoOptions {
        customers,
        years: 2,
        ..DemoOptions::default()
    };
    demo::load(&mut store, &options, clock).unwrap();
    store
}

fn add(store: &mut Store, first: &str, last: &str, city: &str, clock: &Clock) -> String {
    let input = CustomerInput {
        kind: CustomerKind::Person,
        first_name: first.into(),
        last_name: last.into(),
        city: city.into(),
        ..CustomerInput::default()
    };
    customers::create(store, &input, clock).unwrap().number
}

/// The customer numbers at the start of the table's lines, in order, page by page.
fn numbers_on(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_printed_customer_list_has_every_row_in_order_on_numbered_pages() {
    let clock = clock();
    let mut store = shop(300, &clock);
    add(&mut store, "Jürgen", "Größe-Müßig", "Köln", &clock);
    add(&mut store, "<b>X</b>", "&amp; Tester", "Bonn", &clock);
    let filter = CustomerFilter {
        sort: CustomerSort::City,
        ..CustomerFilter::default()
    };
    let print = CustomerListPrint {
        filter: filter.clone(),
        columns: vec![ListColumn::Number, ListColumn::Name, ListColumn::City],
        orientation: Orientation::Portrait,
    };
    let pdf = customer_list(&store, &print, &clock, Lang::De).unwrap();
    let pages = pages(&pdf);
    let count = page_count(&pdf);
    assert_eq!(pages.len(), count);
    assert!(count > 3, "302 rows take several pages, not {count}");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Seite {} von {count}", i + 1)),
            "page {}: {page}",
            i + 1
        );
        assert!(page.contains("Kundenliste (302)"));
        assert!(page.contains("sortiert nach Ort"));
        assert!(page.contains("22.11.2026"));
    }
    // Every row, in the list's order (the screen's paging has nothing to do with it).
    let printed: Vec<String> = pages.iter().flat_map(|p| numbers_on(p)).collect();
    let listed: Vec<String> = customers::listed_in_order(&store, &filter, clock.today())
        .unwrap()
        .iter()
        .map(|c| customers::get(&store, c.id).unwrap().number)
        .collect();
    assert_eq!(listed.len(), 302);
    assert_eq!(printed, listed);
    let all = pages.join("\n");
    assert!(all.contains("Jürgen Größe-Müßig"), "umlauts and ß intact");
    assert!(
        all.contains("<b>X</b> &amp; Tester"),
        "a name is printed as its characters"
    );
}

#[test]
fn a_search_prints_every_match_and_english_pages_say_page_n_of_m() {
    let clock = clock();
    let mut store = shop(20, &clock);
    let mut numbers = Vec::new();
    for i in 0..230 {
        numbers.push(add(
            &mut store,
            &format!("Vorname{i:03}"),
            "Zwirbelmeier",
            "Köln",
            &clock,
        ));
    }
    let print = CustomerListPrint {
        filter: CustomerFilter {
            query: "Zwirbelmeier".into(),
            ..CustomerFilter::default()
        },
        columns: vec![],
        orientation: Orientation::Landscape,
    };
    let pdf = customer_list(&store, &print, &clock, Lang::En).unwrap();
    let pages = pages(&pdf);
    let mut printed: Vec<String> = pages.iter().flat_map(|p| numbers_on(p)).collect();
    printed.sort();
    numbers.sort();
    assert_eq!(printed, numbers, "all 230 matches, not the best 200");
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {count}", i + 1)));
        assert!(page.contains("Customer list (230)"));
        assert!(page.contains("Search „Zwirbelmeier“"));
        assert!(page.contains("2026-11-22"));
    }
    // The default columns.
    assert!(pages[0].contains("Address") && pages[0].contains("E-mail"));
}

#[test]
fn an_empty_list_is_one_page_that_says_so() {
    let clock = clock();
    let store = shop(10, &clock);
    let print = CustomerListPrint {
        filter: CustomerFilter {
            city: "Nirgendwo".into(),
            ..CustomerFilter::default()
        },
        ..CustomerListPrint::default()
    };
    let pdf = customer_list(&store, &print, &clock, Lang::De).unwrap();
    assert_eq!(page_count(&pdf), 1);
    let pages = pages(&pdf);
    assert!(pages[0].contains("Keine Kunden in dieser Liste."));
    assert!(pages[0].contains("Ort: Nirgendwo"));
    assert!(pages[0].contains("Seite 1 von 1"));
}

#[test]
fn too_many_columns_for_an_upright_page_are_refused_by_field() {
    let clock = clock();
    let store = shop(5, &clock);
    let print = CustomerListPrint {
        columns: ListColumn::ALL.to_vec(),
        ..CustomerListPrint::default()
    };
    match customer_list(&store, &print, &clock, Lang::De) {
        Err(Error::Validation(fields)) => assert_eq!(fields[0].field, Field::Columns),
        other => panic!("refused by field, not {other:?}"),
    }
    let across = CustomerListPrint {
        orientation: Orientation::Landscape,
        ..print
    };
    let pdf = customer_list(&store, &across, &clock, Lang::De).unwrap();
    let text = pages(&pdf).join("\n");
    for title in [
        "Nr.",
        "Anschrift",
        "Geburtstag",
        "Merkmale",
        "Phase",
        "Score",
    ] {
        assert!(text.contains(title), "{title} in {text}");
    }
}

#[test]
fn the_cli_prints_the_list_to_a_file_whole() {
    let clock = clock();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        demo::load(
            &mut store,
            &DemoOptions {
                customers: 60,
                years: 2,
                ..DemoOptions::default()
            },
            &clock,
        )
        .unwrap();
    }
    let out = dir.path().join("Kunden Köln.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "de", "print", "customers"])
        .arg(&out)
        .args(["--columns", "number,name,birthday", "--sort", "number"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let pdf = std::fs::read(&out).unwrap();
    let text = pages(&pdf).join("\n");
    assert!(text.contains("Kundenliste (60)"));
    assert!(text.contains("sortiert nach Nummer"));
    assert!(text.contains("Geburtstag"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A column it does not know is refused by name.
    let bad = Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .arg("--db")
        .arg(&db)
        .args(["print", "customers"])
        .arg(dir.path().join("x.pdf"))
        .args(["--columns", "shoe-size"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("shoe-size"));
    assert!(!Path::new(&dir.path().join("x.pdf")).exists());
}

#[test]
fn the_call_list_has_every_call_of_its_range_with_reason_and_phone() {
    use stammkunde::care::shop::agenda;
    use stammkunde::paper::calls::{CallRange, call_list, reason_text};
    let clock = clock();
    let store = common::demo_shop(&clock);
    let items = agenda(&store, 10_000, &clock).unwrap().items;
    for (range, takes) in [
        (CallRange::Today, (|d: i32| d >= 0) as fn(i32) -> bool),
        (CallRange::Week, |d| d > -7),
        (CallRange::Overdue, |d| d > 0),
    ] {
        let wanted: Vec<_> = items.iter().filter(|i| takes(i.overdue_days)).collect();
        assert!(!wanted.is_empty(), "the demo shop has calls {range:?}");
        let pdf = call_list(&store, range, &clock, Lang::De).unwrap();
        let text = pages(&pdf).join("\n");
        assert!(
            text.contains(&format!("Anrufliste ({})", wanted.len())),
            "{range:?}"
        );
        // Each call's customer, in the agenda's order, with the start of its reason.
        let mut from = 0;
        for item in &wanted {
            let name: String = item.customer_name.chars().take(12).collect();
            let at = text[from..]
                .find(&name)
                .unwrap_or_else(|| panic!("{range:?}: {name} after byte {from}"));
            from += at + name.len();
            let reason: String = reason_text(item, Lang::De).chars().take(10).collect();
            assert!(text.contains(&reason), "{reason}");
        }
    }
    let week = call_list(&store, CallRange::Week, &clock, Lang::En).unwrap();
    let text = pages(&week).join("\n");
    assert!(text.contains("Call list") && text.contains("This week") && text.contains("Notes"));
}

/// Each word's left edge and top, in points, as pdftotext places it (`-bbox`).
fn words(pdf: &[u8]) -> Vec<(String, f32, f32)> {
    let html = poppler("pdftotext", pdf, &["-bbox", "-enc", "UTF-8"]);
    html.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("<word ")?;
            let attr = |name: &str| -> Option<f32> {
                let start = rest.find(&format!("{name}=\""))? + name.len() + 2;
                rest[start..].split('"').next()?.parse().ok()
            };
            let text = rest.split('>').nth(1)?.split('<').next()?.to_owned();
            Some((text, attr("xMin")?, attr("yMin")?))
        })
        .collect()
}

fn customer(store: &mut Store, clock: &Clock, input: CustomerInput) -> String {
    customers::create(store, &input, clock).unwrap().number
}

#[test]
fn labels_go_to_their_exact_places_in_deutsche_post_order() {
    use stammkunde::care::labels::LABEL_PRESETS;
    use stammkunde::customers::Salutation;
    use stammkunde::paper::labels::{LabelSource, labels};
    const MM: f32 = 72.0 / 25.4;
    let clock = clock();
    let mut store = store();
    for (i, last) in ["Ahrens", "Bauer", "Conrad", "Dietz", "Engel"]
        .iter()
        .enumerate()
    {
        customer(
            &mut store,
            &clock,
            CustomerInput {
                salutation: Salutation::Ms,
                first_name: "Eva".into(),
                last_name: (*last).into(),
                street: format!("Ringstraße {}", i + 1),
                postal_code: "50667".into(),
                city: "Köln".into(),
                ..CustomerInput::default()
            },
        );
    }
    customer(
        &mut store,
        &clock,
        CustomerInput {
            kind: CustomerKind::Firm,
            firm_name: "Feinkost Fuchs GmbH".into(),
            street: "Graben 1".into(),
            postal_code: "1010".into(),
            city: "Wien".into(),
            country: "AT".into(),
            ..CustomerInput::default()
        },
    );
    // Without a street and town there is nothing to post to.
    customer(
        &mut store,
        &clock,
        CustomerInput {
            last_name: "Ohneadresse".into(),
            ..CustomerInput::default()
        },
    );
    // Avery L7160: 3 × 7 labels of 63.5 × 38.1 mm, 2.5 mm apart, from 7.25 / 15.15 mm;
    // the first four labels of the sheet were used before.
    let mut sheet = LABEL_PRESETS[5].sheet;
    sheet.start = 5;
    let source = LabelSource::Customers {
        filter: CustomerFilter::default(),
    };
    let pdf = labels(&store, &source, &sheet, &clock, Lang::De).unwrap();
    assert_eq!(page_count(&pdf), 1);
    let text = pages(&pdf).join("\n");
    assert!(!text.contains("Ohneadresse"));
    let words = words(&pdf);
    let at = |word: &str| {
        words
            .iter()
            .find(|(w, _, _)| w == word)
            .map(|(_, x, y)| (*x, *y))
            .unwrap_or_else(|| panic!("{word} not printed"))
    };
    // Label 5 is row 2, column 2; label 6 row 2, column 3; label 7 row 3, column 1.
    let pad = 4.0;
    for (name, row, column) in [
        ("Ahrens", 1u32, 1u32),
        ("Bauer", 1, 2),
        ("Conrad", 2, 0),
        ("Dietz", 2, 1),
        ("Engel", 2, 2),
    ] {
        let (x_mm, _) = sheet.corner_mm(row, column);
        let (name_x, _) = at(name);
        // The line starts with "Frau Eva": the first word is at the label's left + pad.
        let line_start = words
            .iter()
            .filter(|(_, _, y)| (*y - at(name).1).abs() < 0.5)
            .map(|(_, x, _)| *x)
            .filter(|x| *x <= name_x && *x >= (x_mm as f32 - 1.0) * MM)
            .fold(f32::MAX, f32::min);
        let expected = (x_mm as f32 + pad) * MM;
        assert!(
            (line_start - expected).abs() < 0.1 * MM,
            "{name}: {line_start} pt, expected {expected} pt"
        );
    }
    // Rows are 38.1 mm apart (no gap down on this sheet).
    let (_, ahrens) = at("Ahrens");
    let (_, conrad) = at("Conrad");
    assert!(
        ((conrad - ahrens) - 38.1 * MM).abs() < 0.1 * MM,
        "{} mm between the rows",
        (conrad - ahrens) / MM
    );
    // Deutsche Post's order; abroad, the country in capitals on the last line.
    let label_lines = |row: u32, column: u32| {
        let (x, y) = sheet.corner_mm(row, column);
        let (x, y) = (x as f32 * MM, y as f32 * MM);
        let (w, h) = (sheet.width_mm as f32 * MM, sheet.height_mm as f32 * MM);
        let mut inside: Vec<&(String, f32, f32)> = words
            .iter()
            .filter(|(_, wx, wy)| *wx >= x && *wx < x + w && *wy >= y && *wy < y + h)
            .collect();
        inside.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.1.total_cmp(&b.1)));
        let mut lines: Vec<(f32, String)> = Vec::new();
        for (word, _, wy) in inside {
            match lines.last_mut() {
                Some((ly, line)) if (*ly - wy).abs() < 1.0 => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push((*wy, word.clone())),
            }
        }
        lines.into_iter().map(|(_, l)| l).collect::<Vec<_>>()
    };
    assert_eq!(
        label_lines(1, 1),
        ["Frau Eva Ahrens", "Ringstraße 1", "50667 Köln"]
    );
    // The firm is the sixth address: label 10, row 4, column 1.
    assert_eq!(
        label_lines(3, 0),
        ["Feinkost Fuchs GmbH", "Graben 1", "1010 Wien", "ÖSTERREICH"]
    );
    assert!(label_lines(0, 0).is_empty(), "the used labels stay empty");
}

#[test]
fn a_sheet_that_does_not_fit_is_refused_by_field_and_no_address_says_so() {
    use stammkunde::care::labels::LabelSheet;
    use stammkunde::paper::labels::{LabelSource, labels};
    let clock = clock();
    let store = shop(10, &clock);
    let source = LabelSource::Customers {
        filter: CustomerFilter::default(),
    };
    let too_wide = LabelSheet {
        width_mm: 75.0,
        ..LabelSheet::default()
    };
    match labels(&store, &source, &too_wide, &clock, Lang::De) {
        Err(Error::Validation(fields)) => {
            assert_eq!(fields[0].field, Field::LabelWidth);
            assert!(fields[0].message(Lang::De).contains("225,0 mm"));
        }
        other => panic!("refused by field, not {other:?}"),
    }
    let nobody = LabelSource::Customers {
        filter: CustomerFilter {
            city: "Nirgendwo".into(),
            ..CustomerFilter::default()
        },
    };
    let pdf = labels(&store, &nobody, &LabelSheet::default(), &clock, Lang::De).unwrap();
    assert_eq!(page_count(&pdf), 1);
    assert!(pages(&pdf)[0].contains("Keine Anschrift zum Drucken"));
}

#[test]
fn the_birthday_list_and_its_labels_name_everyone_of_the_month() {
    use stammkunde::care::labels::LabelSheet;
    use stammkunde::care::shop::greeting_list;
    use stammkunde::paper::greetings;
    use stammkunde::paper::labels::{LabelSource, labels};
    let clock = clock();
    let store = common::demo_shop(&clock);
    let entries = greeting_list(&store, 2027, 3, Lang::De).unwrap();
    assert!(!entries.is_empty());
    let pdf = greetings::greeting_list(&store, 2027, 3, &clock, Lang::De).unwrap();
    let text = pages(&pdf).join("\n");
    assert!(text.contains(&format!("Geburtstage und Glückwünsche ({})", entries.len())));
    assert!(text.contains("März 2027"));
    for e in &entries {
        let day = e.date.format("%d.%m.%Y").to_string();
        assert!(text.contains(&day), "{day}");
    }
    let source = LabelSource::Birthdays {
        year: 2027,
        month: 3,
    };
    let pdf = labels(&store, &source, &LabelSheet::default(), &clock, Lang::De).unwrap();
    let text = pages(&pdf).join("\n");
    for e in entries.iter().filter(|e| e.address.len() >= 3) {
        let last = e.address.last().unwrap();
        assert!(text.contains(last.as_str()), "{last}");
    }
}

#[test]
fn the_profile_holds_what_an_owner_takes_to_a_visit() {
    use stammkunde::contacts::{self, ContactInput};
    use stammkunde::paper::profile::profile;
    use stammkunde::soft_facts::Labeled;
    use stammkunde::transactions::{self, TransactionInput};
    let clock = clock();
    let mut store = store();
    let firm = customers::create(
        &mut store,
        &CustomerInput {
            kind: CustomerKind::Firm,
            firm_name: "Weinhandlung Größe & Söhne".into(),
            street: "Domplatz 1".into(),
            postal_code: "50667".into(),
            city: "Köln".into(),
            phone: "0221 555123".into(),
            tags: vec!["Stammtisch".into()],
            interests: vec!["Riesling".into()],
            preferences: vec![Labeled {
                label: "Zimmer".into(),
                value: "<b>12</b>, Sprudel in die Minibar".into(),
            }],
            notes: "Ruft lieber abends an.".into(),
            ..CustomerInput::default()
        },
        &clock,
    )
    .unwrap();
    contacts::add(
        &mut store,
        firm.id,
        &ContactInput {
            name: "Jürgen Weiß".into(),
            role: "Einkauf".into(),
            phone: "0221 555124".into(),
            birthday: "03.12.1970".into(),
            ..ContactInput::default()
        },
        &clock,
    )
    .unwrap();
    for (date, amount, product) in [
        ("01.10.2026", "1.234,50", "Barolo 2019, 12 Flaschen"),
        ("02.11.2026", "89,90", "Sektkühler"),
    ] {
        transactions::add(
            &mut store,
            firm.id,
            &TransactionInput {
                date: date.into(),
                amount: amount.into(),
                product: product.into(),
                ..TransactionInput::default()
            },
            &clock,
        )
        .unwrap();
    }
    let pdf = profile(&store, firm.id, &clock, Lang::De).unwrap();
    assert_eq!(page_count(&pdf), 1, "one page");
    let text = pages(&pdf).join("\n");
    for wanted in [
        "Weinhandlung Größe & Söhne",
        "Kundenprofil",
        &format!("Nr. {}", firm.number),
        "Domplatz 1, 50667 Köln",
        "0221 555123",
        "Stammtisch",
        "Riesling",
        "<b>12</b>, Sprudel in die Minibar",
        "Ruft lieber abends an.",
        "Jürgen Weiß",
        "03.12.2026 · wird 56",
        "Geburtstag von Jürgen Weiß",
        "Barolo 2019, 12 Flaschen",
        "1.234,50 €",
        "Sektkühler",
        "Offene Reklamationen",
        "Seite 1 von 1",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing in:\n{text}");
    }
    // The newest purchase first.
    assert!(text.find("Sektkühler") < text.find("Barolo"));
    let english = profile(&store, firm.id, &clock, Lang::En).unwrap();
    let text = pages(&english).join("\n");
    assert!(text.contains("Customer profile") && text.contains("Last purchases"));
    assert!(text.contains("€1,234.50"));
}

#[test]
fn the_card_is_credit_card_size_and_a_scanner_reads_its_bars_and_qr_code() {
    use stammkunde::paper::card::{CARD_HEIGHT_MM, CARD_LEFT_MM, CARD_TOP_MM, CARD_WIDTH_MM, card};
    let clock = clock();
    let mut store = store();
    let c = customers::create(
        &mut store,
        &CustomerInput {
            first_name: "Jürgen".into(),
            last_name: "Größe".into(),
            ..CustomerInput::default()
        },
        &clock,
    )
    .unwrap();
    // Not a member yet: no card.
    assert!(card(&store, c.id, Lang::De).is_err());
    let account = stammkunde::loyalty::shop::join(&mut store, c.id, &clock).unwrap();
    let number: String = account
        .card_display
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let pdf = card(&store, c.id, Lang::De).unwrap();
    let text = pages(&pdf).join("\n");
    assert!(text.contains("Jürgen Größe") && text.contains("Kundenkarte"));
    // The cut line is the card's outline: 85.6 × 53.98 mm where the card is placed.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("card.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let prefix = dir.path().join("card");
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-singlefile"])
        .arg(&file)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(rendered.success());
    let scan = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(prefix.with_extension("png"))
        .output()
        .expect("zbarimg reads the card (apt package zbar-tools)");
    let found = String::from_utf8(scan.stdout).unwrap();
    let mut codes: Vec<&str> = found.lines().collect();
    codes.sort();
    assert_eq!(
        codes,
        [number.as_str(), number.as_str()],
        "EAN-13 and QR: {found}"
    );
    // The outline to cut along: 85.6 × 53.98 mm where the card is placed, measured in a
    // gray rendering at 300 dpi (a pixel is 0.085 mm).
    let gray = dir.path().join("gray");
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-singlefile"])
        .arg(&file)
        .arg(&gray)
        .status()
        .unwrap();
    assert!(rendered.success());
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(gray.with_extension("png")).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let samples = info.color_type.samples();
    let ink = |x: usize, y: usize| buf[y * info.line_size + x * samples] < 235;
    let px = |mm: f32| mm / 25.4 * 300.0;
    let left = (0..w).find(|&x| (0..h).any(|y| ink(x, y))).unwrap();
    let top = (0..h).find(|&y| (0..w).any(|x| ink(x, y))).unwrap();
    let middle = top + px(CARD_HEIGHT_MM / 2.0) as usize;
    let right = (0..w).rev().find(|&x| ink(x, middle)).unwrap();
    let column = right - 3;
    let bottom = (top..h).rev().find(|&y| ink(column, y)).unwrap();
    let close = |got: usize, mm: f32| (got as f32 - px(mm)).abs() <= 2.0;
    assert!(close(left, CARD_LEFT_MM), "left {left} px");
    assert!(close(top, CARD_TOP_MM), "top {top} px");
    assert!(
        close(right - left, CARD_WIDTH_MM),
        "width {} px",
        right - left
    );
    assert!(
        close(bottom - top, CARD_HEIGHT_MM),
        "height {} px",
        bottom - top
    );
}

/// The images of a PDF (`pdfimages -list`): none when the charts are vectors.
fn images(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&file)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .count()
}

#[test]
fn the_reports_carry_their_charts_as_vectors_with_the_figures() {
    use stammkunde::paper::reports::{Report, report};
    let clock = clock();
    let mut store = common::demo_shop(&clock);
    // Before an analysis the value report says so.
    let before = report(&store, &Report::Value, &clock, Lang::De).unwrap();
    assert!(pages(&before)[0].contains("noch nicht berechnet"));
    stammkunde::value::shop::refresh(&mut store, &clock).unwrap();

    let value = report(&store, &Report::Value, &clock, Lang::De).unwrap();
    let text = pages(&value).join("\n");
    for wanted in [
        "Kundenwert",
        "Kundenportfolio",
        "ABC-Analyse",
        "Phasen der Kundenbeziehung",
        "Topkunde",
        "A-Kunden",
        "etabliert",
    ] {
        assert!(text.contains(wanted), "{wanted} in the value report");
    }
    // The charts' own words are text in the PDF (vectors, not pictures).
    let svg = String::from_utf8(
        stammkunde::value::shop::chart(
            &store,
            stammkunde::value::shop::ChartKind::Pareto,
            stammkunde::charts::ChartFormat::Svg,
            clock.today(),
            Lang::De,
        )
        .unwrap(),
    )
    .unwrap();
    let texts: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| t.split('>').nth(1)?.split('<').next())
        .collect();
    let chart_word = texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .find(|w| w.chars().count() >= 6 && w.chars().all(char::is_alphabetic))
        .unwrap_or_else(|| panic!("a word in the chart: {texts:?}"))
        .to_owned();
    assert!(text.contains(&chart_word), "{chart_word} drawn as text");
    assert_eq!(images(&value), 0, "no bitmaps");
    if let Some(dir) = std::env::var_os("STAMMKUNDE_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&dir).join("value-report.pdf"), &value).unwrap();
    }

    let lost = report(&store, &Report::Lost { quarters: 8 }, &clock, Lang::En).unwrap();
    let text = pages(&lost).join("\n");
    assert!(text.contains("Lost customers") && text.contains("By reason"));
    assert_eq!(images(&lost), 0);

    let loyalty = report(&store, &Report::Loyalty { months: 12 }, &clock, Lang::De).unwrap();
    let text = pages(&loyalty).join("\n");
    assert!(text.contains("Treueprogramm") && text.contains("Punkte je Monat"));
    assert!(text.contains("2026-11"), "the months of the table");
    assert_eq!(images(&loyalty), 0);

    let survey = stammkunde::surveys::shop::templates(&store).unwrap()[0].id;
    let results = report(
        &store,
        &Report::Survey { survey, months: 0 },
        &clock,
        Lang::De,
    )
    .unwrap();
    let text = pages(&results).join("\n");
    assert!(text.contains("Je Frage") && text.contains("Kommentare") && text.contains("NPS"));
    assert!(text.contains("Alle Antworten") && text.contains("Frage 1"));
    assert_eq!(images(&results), 0);
}

#[test]
fn a_profile_with_very_much_runs_onto_a_second_page_in_whole_sections() {
    use stammkunde::contacts::{self, ContactInput};
    use stammkunde::paper::profile::profile;
    use stammkunde::soft_facts::Labeled;
    let clock = clock();
    let mut store = store();
    let preferences = (1..=20)
        .map(|i| Labeled {
            label: format!("Vorliebe {i}"),
            value: format!(
                "Eine lange Beschreibung der Vorliebe Nummer {i}, damit sie Platz braucht"
            ),
        })
        .collect();
    let firm = customers::create(
        &mut store,
        &CustomerInput {
            kind: CustomerKind::Firm,
            firm_name: "Großkunde AG".into(),
            city: "Köln".into(),
            preferences,
            ..CustomerInput::default()
        },
        &clock,
    )
    .unwrap();
    for i in 1..=30 {
        contacts::add(
            &mut store,
            firm.id,
            &ContactInput {
                name: format!("Ansprechpartner {i:02}"),
                role: "Einkauf".into(),
                ..ContactInput::default()
            },
            &clock,
        )
        .unwrap();
    }
    let pdf = profile(&store, firm.id, &clock, Lang::De).unwrap();
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 2, "two pages");
    assert!(pages[0].contains("Seite 1 von 2") && pages[1].contains("Seite 2 von 2"));
    let all = pages.join("\n");
    for i in 1..=20 {
        assert!(all.contains(&format!("Vorliebe {i} ")), "preference {i}");
    }
    for i in 1..=30 {
        assert!(
            all.contains(&format!("Ansprechpartner {i:02}")),
            "contact {i}"
        );
    }
    // No section title stands alone at the foot of the first page.
    let last_line = pages[0]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("Großkunde AG"))
        .unwrap();
    for title in [
        "Stammdaten",
        "Persönliches",
        "Ansprechpartner",
        "Kundenwert",
        "Letzte Einkäufe",
    ] {
        assert_ne!(last_line, title, "a title alone at the foot of page 1");
    }
}
