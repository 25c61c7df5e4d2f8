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
    // Per customer, the value bought on each day.
    let mut days: BTreeMap<K, BTreeMap<NaiveDate, i64>> = BTreeMap::new();
    for (customer, day, cents) in purchases {
        if day <= end {
            *days.entry(customer).or_default().entry(day).or_insert(0) += cents;
        }
    }
    days.into_iter()
        .filter_map(|(customer, days)| {
            let (&first, _) = days.first_key_value()?;
            let (&last, _) = days.last_key_value()?;
            let repeat: Vec<i64> = days.values().skip(1).copied().collect();
            let weeks = |from: NaiveDate, to: NaiveDate| (to - from).num_days() as f64 / 7.0;
            Some((
                customer,
                Rfm {
                    frequency: repeat.len() as u32,
                    recency: weeks(first, last),
                    age: weeks(first, end),
                    monetary: if repeat.is_empty() {
                        0.0
                    } else {
                        repeat.iter().sum::<i64>() as f64 / 100.0 / repeat.len() as f64
                    },
                },
            ))
        })
        .collect()
}

/// Reads a summary CSV: a header naming `id`, `frequency` (or `x`), `recency` (or `t_x`),
/// `T` and optionally `monetary_value` (or `zbar`), in any order. Errors name the line.
/// Returns the rows and, when `keep_ids`, their ids (the line's row number without an id
/// column). Reads as it goes, so a million rows need little more than their summaries.
pub fn read_summary(
    reader: impl std::io::Read,
    keep_ids: bool,
) -> Result<(Vec<Rfm>, Vec<String>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let id = column(&["id", "customer_id"]);
    let (Some(frequency), Some(recency), Some(age)) = (
        column(&["frequency", "x"]),
        column(&["recency", "t_x"]),
        column(&["T"]),
    ) else {
        return Err("the header must name frequency, recency and T".into());
    };
    let monetary = column(&["monetary_value", "zbar", "monetary"]);
    let (mut rows, mut ids) = (Vec::new(), Vec::new());
    let mut record = csv::ByteRecord::new();
    let mut line = 1;
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| format!("line {}: {e}", line + 1))?
    {
        line += 1;
        let number = |col: usize, name: &str| -> Result<f64, String> {
            record
                .get(col)
                .and_then(|v| std::str::from_utf8(v).ok())
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("line {line}: {name} is not a number"))
        };
        let x = number(frequency, "frequency")?;
        if x < 0.0 || x.fract() != 0.0 || x > f64::from(u32::MAX) {
            return Err(format!("line {line}: frequency must be a whole number ≥ 0"));
        }
        let rfm = Rfm {
            frequency: x as u32,
            recency: number(recency, "recency")?,
            age: number(age, "T")?,
            monetary: match monetary {
                Some(col) => number(col, "monetary_value")?,
                None => 0.0,
            },
        };
        if !rfm.is_valid() {
            return Err(format!(
                "line {line}: impossible values (negative, recency after T, or recency without repeat purchases)"
            ));
        }
        rows.push(rfm);
        if keep_ids {
            ids.push(id.and_then(|c| record.get(c)).map_or_else(
                || (line - 1).to_string(),
                |v| String::from_utf8_lossy(v).into_owned(),
            ));
        }
    }
    Ok((rows, ids))
}

/// [`read_summary`] of a text, with the ids.
pub fn read_summary_csv(text: &str) -> Result<Vec<(String, Rfm)>, String> {
    let (rows, ids) = read_summary(text.as_bytes(), true)?;
    Ok(ids.into_iter().zip(rows).collect())
}
