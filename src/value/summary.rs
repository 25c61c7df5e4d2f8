//! The summary the models are fitted on: per customer the number of repeat purchases x
//! (purchase days after the first; several purchases on one day count once), the recency
//! t_x (weeks from the first to the last purchase), the age T (weeks from the first
//! purchase to the end of the calibration period) and the mean value of the repeat
//! purchases. The same definitions as Fader, Hardie & Lee and the `lifetimes` package.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One customer's summary; weeks throughout.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rfm {
    /// Repeat purchase days (x).
    pub frequency: u32,
    /// Weeks from the first to the last purchase (t_x).
    pub recency: f64,
    /// Weeks from the first purchase to the end of the period (T).
    #[serde(rename = "T")]
    pub age: f64,
    /// Mean value of the repeat purchase days, in currency units (0 without repeats).
    pub monetary: f64,
}

impl Rfm {
    /// Within the model's range: no negative time, the last purchase not after T.
    pub fn is_valid(&self) -> bool {
        self.recency >= 0.0
            && self.age >= self.recency
            && self.age.is_finite()
            && self.monetary >= 0.0
            && self.monetary.is_finite()
            && (self.frequency > 0 || self.recency == 0.0)
    }
}

/// Summaries of the customers' purchases up to `end` (inclusive): `purchases` are
/// (customer, day, value in cents) in any order; purchases after `end` are left out, and
/// customers whose first purchase is after it have no summary.
pub fn summarize<K: Ord + Copy>(
    purchases: impl IntoIterator<Item = (K, NaiveDate, i64)>,
    end: NaiveDate,
) -> BTreeMap<K, Rfm> {
    // In order of customer and day, then one pass: a sort is far cheaper than a map of
    // maps for millions of purchases.
    let mut purchases: Vec<(K, NaiveDate, i64)> = purchases
        .into_iter()
        .filter(|&(_, day, _)| day <= end)
        .collect();
    // Stable: runs already in order (the value refresh hands in shares it sorted on
    // their threads) are merged, not sorted again.
    purchases.sort_by_key(|&(customer, day, _)| (customer, day));
    let weeks = |from: NaiveDate, to: NaiveDate| (to - from).num_days() as f64 / 7.0;
    let mut out = BTreeMap::new();
    for one in purchases.chunk_by(|a, b| a.0 == b.0) {
        let (customer, first, _) = one[0];
        // The value bought on each day after the first.
        let (mut repeat_days, mut repeat_cents, mut last) = (0u32, 0i64, first);
        for &(_, day, cents) in one.iter().skip_while(|p| p.1 == first) {
            if day != last || repeat_days == 0 {
                repeat_days += 1;
                last = day;
            }
            repeat_cents += cents;
        }
        out.insert(
            customer,
            Rfm {
                frequency: repeat_days,
                recency: weeks(first, last),
                age: weeks(first, end),
                monetary: if repeat_days == 0 {
                    0.0
                } else {
                    // Each day's value summed first, as the per-day sums would be.
                    repeat_cents as f64 / 100.0 / f64::from(repeat_days)
                },
            },
        );
    }
    out
}

/// The ids of a summary's rows, in one text (a million ids as a million strings would
/// take five times the memory).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SummaryIds {
    text: String,
    ends: Vec<usize>,
}

impl SummaryIds {
    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    fn append(&mut self, other: SummaryIds) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.into_iter().map(|e| e + base));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The ids in row order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(from, to)| &self.text[from..to])
    }
}

/// Where the columns of a summary are.
#[derive(Clone, Copy)]
struct Columns {
    fields: usize,
    id: Option<usize>,
    frequency: usize,
    recency: usize,
    age: usize,
    monetary: Option<usize>,
}

/// How much of the file is read before its lines are parsed (over the cores).
const BLOCK: usize = 4 << 20;

/// Reads a summary CSV: a header naming `id`, `frequency` (or `x`), `recency` (or `t_x`),
/// `T` and optionally `monetary_value` (or `zbar`), in any order. Errors name the line.
/// Returns the rows and, when `keep_ids`, their ids (the line's row number without an id
/// column). Reads a few megabytes at a time, their lines parsed on all cores, so a
/// million rows need little more than their summaries.
pub fn read_summary(
    mut reader: impl std::io::Read,
    keep_ids: bool,
) -> Result<(Vec<Rfm>, SummaryIds), String> {
    let (mut rows, mut ids) = (Vec::new(), SummaryIds::default());
    let mut pending: Vec<u8> = Vec::with_capacity(BLOCK + (64 << 10));
    let mut columns: Option<Columns> = None;
    // Records before the block (the header is line 1).
    let mut line = 1;
    let (mut done, mut want) = (false, BLOCK);
    while !done {
        // Fill up to a block, then cut after its last line end.
        while pending.len() < want {
            let start = pending.len();
            pending.resize(start + (256 << 10), 0);
            let read = reader
                .read(&mut pending[start..])
                .map_err(|e| e.to_string())?;
            pending.truncate(start + read);
            if read == 0 {
                done = true;
                break;
            }
        }
        let cut = if done {
            pending.len()
        } else {
            match pending.iter().rposition(|&b| b == b'\n') {
                Some(at) => at + 1,
                None => {
                    // A line longer than a block: read on.
                    want = pending.len() + BLOCK;
                    continue;
                }
            }
        };
        want = BLOCK;
        let mut block: &[u8] = &pending[..cut];
        let columns = match columns {
            Some(c) => c,
            None => {
                let end = block
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(block.len(), |e| e + 1);
                let found = header_columns(&block[..end])?;
                block = &block[end..];
                *columns.insert(found)
            }
        };
        let parts = split_lines(block);
        let parsed: Vec<Result<Parsed, (usize, String)>> = if parts.len() == 1 {
            vec![parse_lines(parts[0], columns, keep_ids)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = parts
                    .iter()
                    .map(|part| scope.spawn(move || parse_lines(part, columns, keep_ids)))
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for part in parsed {
            match part {
                Ok(part) => {
                    if keep_ids {
                        if columns.id.is_some() {
                            ids.append(part.ids);
                        } else {
                            for i in 0..part.rows.len() {
                                ids.push(&(line + i).to_string());
                            }
                        }
                    }
                    line += part.rows.len();
                    rows.extend(part.rows);
                }
                Err((record, message)) => {
                    return Err(format!("line {}: {message}", line + record));
                }
            }
        }
        pending.drain(..cut);
    }
    if columns.is_none() {
        return Err("the header must name frequency, recency and T".into());
    }
    Ok((rows, ids))
}

/// The columns a header line names.
fn header_columns(header: &[u8]) -> Result<Columns, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .has_headers(false)
        .from_reader(header);
    let headers = match reader.records().next() {
        Some(record) => record.map_err(|e| e.to_string())?,
        None => csv::StringRecord::new(),
    };
    let column = |names: &[&str]| {
        headers.iter().position(|h| {
            names
                .iter()
                .any(|n| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(n))
        })
    };
    let (Some(frequency), Some(recency), Some(age)) = (
        column(&["frequency", "x"]),
        column(&["recency", "t_x"]),
        column(&["T"]),
    ) else {
        return Err("the header must name frequency, recency and T".into());
    };
    Ok(Columns {
        fields: headers.len(),
        id: column(&["id", "customer_id"]),
        frequency,
        recency,
        age,
        monetary: column(&["monetary_value", "zbar", "monetary"]),
    })
}

/// A block cut at line ends into one part per core; one part when a quote could hold a
/// line end inside a field.
fn split_lines(block: &[u8]) -> Vec<&[u8]> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads == 1 || block.len() < (256 << 10) || block.contains(&b'"') {
        return vec![block];
    }
    let mut parts = Vec::with_capacity(threads);
    let mut rest = block;
    for left in (1..threads).rev() {
        let want = rest.len() / (left + 1);
        let Some(end) = rest[want..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let (part, after) = rest.split_at(want + end + 1);
        parts.push(part);
        rest = after;
    }
    parts.push(rest);
    parts
}

/// The rows (and ids) of some lines.
struct Parsed {
    rows: Vec<Rfm>,
    ids: SummaryIds,
}

/// Parses whole lines of a summary; an error names the record (1 = the first of
/// these lines) and what is wrong with it. Lines without quotes are split at commas
/// directly; with quotes the CSV reader takes them.
fn parse_lines(lines: &[u8], columns: Columns, keep_ids: bool) -> Result<Parsed, (usize, String)> {
    if lines.contains(&b'"') {
        parse_quoted_lines(lines, columns, keep_ids)
    } else {
        parse_plain_lines(lines, columns, keep_ids)
    }
}

/// [`parse_lines`] of lines without quotes: split at line ends and commas.
fn parse_plain_lines(
    lines: &[u8],
    columns: Columns,
    keep_ids: bool,
) -> Result<Parsed, (usize, String)> {
    let mut parsed = Parsed {
        rows: Vec::with_capacity(lines.len() / 32),
        ids: SummaryIds::default(),
    };
    {
        let mut fields: Vec<&[u8]> = Vec::with_capacity(columns.fields);
        let mut at = 0;
        for line in lines.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            at += 1;
            fields.clear();
            fields.extend(line.split(|&b| b == b',').map(<[u8]>::trim_ascii));
            parse_record(&fields, at, columns, keep_ids, &mut parsed)?;
        }
    }
    Ok(parsed)
}

/// [`parse_lines`] by the CSV reader, which knows quotes.
fn parse_quoted_lines(
    lines: &[u8],
    columns: Columns,
    keep_ids: bool,
) -> Result<Parsed, (usize, String)> {
    let mut parsed = Parsed {
        rows: Vec::new(),
        ids: SummaryIds::default(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .has_headers(false)
        .flexible(true)
        .from_reader(lines);
    let mut record = csv::ByteRecord::new();
    let mut at = 0;
    loop {
        at += 1;
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err((at, e.to_string())),
        }
        let fields: Vec<&[u8]> = record.iter().collect();
        parse_record(&fields, at, columns, keep_ids, &mut parsed)?;
    }
    Ok(parsed)
}

/// One record's summary (and id), checked.
fn parse_record(
    fields: &[&[u8]],
    at: usize,
    columns: Columns,
    keep_ids: bool,
    parsed: &mut Parsed,
) -> Result<(), (usize, String)> {
    if fields.len() != columns.fields {
        return Err((
            at,
            format!("{} fields, the header has {}", fields.len(), columns.fields),
        ));
    }
    let number = |col: usize, name: &str| -> Result<f64, (usize, String)> {
        std::str::from_utf8(fields[col])
            .ok()
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .ok_or_else(|| (at, format!("{name} is not a number")))
    };
    // Whole numbers as they usually come, else as a number that must be whole.
    let frequency = match std::str::from_utf8(fields[columns.frequency])
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    {
        Some(x) => x,
        None => {
            let x = number(columns.frequency, "frequency")?;
            if x < 0.0 || x.fract() != 0.0 || x > f64::from(u32::MAX) {
                return Err((at, "frequency must be a whole number ≥ 0".into()));
            }
            x as u32
        }
    };
    let rfm = Rfm {
        frequency,
        recency: number(columns.recency, "recency")?,
        age: number(columns.age, "T")?,
        monetary: match columns.monetary {
            Some(col) => number(col, "monetary_value")?,
            None => 0.0,
        },
    };
    if !rfm.is_valid() {
        return Err((
            at,
            "impossible values (negative, recency after T, or recency without repeat purchases)"
                .into(),
        ));
    }
    parsed.rows.push(rfm);
    if keep_ids && let Some(col) = columns.id {
        parsed.ids.push(&String::from_utf8_lossy(fields[col]));
    }
    Ok(())
}

/// [`read_summary`] of a text, with the ids.
pub fn read_summary_csv(text: &str) -> Result<Vec<(String, Rfm)>, String> {
    let (rows, ids) = read_summary(text.as_bytes(), true)?;
    Ok(ids.iter().map(str::to_owned).zip(rows).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(i: usize) -> String {
        // Every row different; recency ≤ T, and 0 without repeat purchases.
        let x = i % 7;
        let recency = if x == 0 { 0.0 } else { (i % 300) as f64 / 10.0 };
        format!(
            "c{i},{x},{recency:.1},{:.6},{}.50\n",
            30.0 + (i % 997) as f64 / 997.0,
            i % 90
        )
    }

    /// More lines than a block: every row and id comes back in order, parsed on all
    /// cores, and an error in the last line is named by its line number.
    #[test]
    fn a_long_summary_reads_the_same_across_blocks_and_cores() {
        let rows = 150_000;
        let mut text = String::from("id,frequency,recency,T,monetary_value\n");
        for i in 0..rows {
            text.push_str(&line(i));
        }
        assert!(text.len() > BLOCK, "{} bytes", text.len());
        let (read, ids) = read_summary(text.as_bytes(), true).unwrap();
        assert_eq!(read.len(), rows);
        assert_eq!(ids.len(), rows);
        for (i, (rfm, id)) in read.iter().zip(ids.iter()).enumerate() {
            assert_eq!(id, format!("c{i}"));
            assert_eq!(rfm.frequency as usize, i % 7);
            assert_eq!(
                rfm.age,
                format!("{:.6}", 30.0 + (i % 997) as f64 / 997.0)
                    .parse::<f64>()
                    .unwrap()
            );
            assert_eq!(rfm.monetary, (i % 90) as f64 + 0.5);
        }
        text.push_str("cX,1,40.0,31.0,2.00\n");
        let err = read_summary(text.as_bytes(), false).unwrap_err();
        assert_eq!(
            err,
            format!(
                "line {}: impossible values (negative, recency after T, or recency without repeat purchases)",
                rows + 2
            )
        );
    }

    /// Lines without quotes, split directly, read as the CSV reader reads them: spaces
    /// around fields, Windows line ends, empty lines, and the errors.
    #[test]
    fn plain_lines_read_as_the_csv_reader_reads_them() {
        let columns = header_columns(b"id,frequency,recency,T,monetary_value\n").unwrap();
        for text in [
            " a , 1 , 2.5 ,3, 4.25\r\nb,0,0,7,0\r\n\r\nc,2,1,1.5,9\n",
            "a,1,2,3,4\nb,1,2\n",
            "a,1,2,3,4,5\n",
            "a,x,2,3,4\n",
            "a,2.0,2,3,4\na,2.5,2,3,4\n",
            "a,1,2,3,-4\n",
        ] {
            let plain = parse_plain_lines(text.as_bytes(), columns, true);
            let quoted = parse_quoted_lines(text.as_bytes(), columns, true);
            match (plain, quoted) {
                (Ok(p), Ok(q)) => {
                    assert_eq!(p.rows, q.rows, "{text:?}");
                    assert_eq!(p.ids, q.ids, "{text:?}");
                }
                (Err(p), Err(q)) => assert_eq!(p, q, "{text:?}"),
                (p, q) => panic!("{text:?}: {:?} vs {:?}", p.is_ok(), q.is_ok()),
            }
        }
    }

    /// Without an id column a row's id is its number; quoted ids keep their commas; the
    /// header may come in any order and case.
    #[test]
    fn ids_are_numbers_without_an_id_column_and_quoted_ids_stay_whole() {
        let (rows, ids) =
            read_summary("frequency,T,recency\n0,30,0\n2,31,5\n".as_bytes(), true).unwrap();
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["1", "2"]);
        assert_eq!(rows[1].recency, 5.0);
        assert_eq!(rows[1].age, 31.0);
        let read =
            read_summary_csv("Customer_ID,X,T_X,t\n\"Müller, Anna\",1,2,3\n\"B\",0,0,4\n").unwrap();
        assert_eq!(read[0].0, "Müller, Anna");
        assert_eq!(read[1].0, "B");
        let err = read_summary_csv("id,frequency,recency,T\n1,1,2,3\n2,1,2\n").unwrap_err();
        assert_eq!(err, "line 3: 3 fields, the header has 4");
        assert_eq!(
            read_summary_csv("").unwrap_err(),
            "the header must name frequency, recency and T"
        );
    }
}
