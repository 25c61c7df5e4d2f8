//! How the command line prints: import previews, the value model's fit.

use super::*;

pub(super) fn print_preview(preview: &ImportPreview, lang: Lang) {
    let t = &preview.table;
    println!(
        "{:?} file{}{}; {} rows, {} fine, {} with problems, {} likely duplicates",
        t.format,
        if t.encoding.is_empty() {
            String::new()
        } else {
            format!(", {}", t.encoding)
        },
        t.delimiter
            .as_deref()
            .map_or(String::new(), |d| format!(", delimiter {d:?}")),
        preview.rows,
        preview.valid,
        preview.problem_rows,
        preview.duplicate_rows
    );
    for (header, field) in t.headers.iter().zip(&preview.mapping) {
        match field {
            Some(f) => println!("  {header} → {f:?}"),
            None => println!("  {header} → (ignored)"),
        }
    }
    for p in &preview.problems {
        println!("line {}: {}: {}", p.line, p.field.label(lang), p.message);
    }
    for d in &preview.duplicates {
        let like = match d.like_line {
            Some(line) => format!("line {line}"),
            None => format!("{} {}", d.like_number, d.like_name),
        };
        let reasons: Vec<&str> = d.reasons.iter().map(|r| r.text(lang)).collect();
        println!(
            "line {}: {} looks like {like} ({}: {})",
            d.line,
            d.name,
            d.score,
            reasons.join(", ")
        );
    }
}

/// The format of `value fit`: `--format`, else JSON with `--json`, else text.
pub(super) fn fit_format(format: Option<FitFormat>, json: bool) -> FitFormat {
    format.unwrap_or(if json {
        FitFormat::Json
    } else {
        FitFormat::Text
    })
}

/// One customer's line of `value fit` as JSON.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct FitLine<'a> {
    id: &'a str,
    frequency: u32,
    recency: f64,
    #[serde(rename = "T")]
    age: f64,
    p_alive: Option<f64>,
    expected_purchases: f64,
    expected_spend: f64,
    value: f64,
}

/// Fits the models on `data` and prints them and, unless `params_only`, a line per
/// customer (ids in the order of `data`), each written as soon as it is computed: a
/// million customers need no more memory than a thousand lines. With csv and jsonl the
/// parameters go to standard error, so that standard output holds only the lines.
pub(super) fn print_value_fit<'a>(
    data: &[value::Rfm],
    mut ids: impl Iterator<Item = &'a str>,
    horizon: value::Horizon,
    params_only: bool,
    calibration_end: Option<chrono::NaiveDate>,
    format: FitFormat,
    lang: Lang,
) -> std::io::Result<()> {
    use std::io::Write;
    let analysis = value::fit_only(data);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let line = |id: &'a str, i: usize, p: &value::Prediction| FitLine {
        id,
        frequency: data[i].frequency,
        recency: data[i].recency,
        age: data[i].age,
        p_alive: p.p_alive,
        expected_purchases: p.expected_purchases_12m,
        expected_spend: p.expected_spend,
        value: p.value,
    };
    if format == FitFormat::Json {
        let report = serde_json::json!({
            "calibrationEnd": calibration_end,
            "customers": data.len(),
            "repeatBuyers": data.iter().filter(|c| c.frequency > 0).count(),
            "horizon": horizon,
            "method": analysis.method,
            "bgnbd": analysis.purchases.as_ref().ok(),
            "bgnbdProblem": analysis.purchases.as_ref().err().map(|e| e.message(lang)),
            "gammaGamma": analysis.spend.as_ref().ok(),
            "gammaGammaProblem": analysis.spend.as_ref().err().map(|e| e.message(lang)),
        });
        // The document's head, then its predictions one per line as they come.
        let head = serde_json::to_string_pretty(&report).unwrap_or_default();
        let head = head.trim_end().trim_end_matches('}').trim_end();
        write!(out, "{head},\n  \"predictions\": [")?;
        if !params_only {
            value::predict_each(data, &analysis, horizon, |i, p| {
                let id = ids.next().unwrap_or_default();
                out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
                serde_json::to_writer(&mut out, &line(id, i, p)).map_err(std::io::Error::from)
            })?;
            if !data.is_empty() {
                out.write_all(b"\n  ")?;
            }
        }
        out.write_all(b"]\n}\n")?;
        return out.flush();
    }
    let mut head: Vec<String> = Vec::new();
    match &analysis.purchases {
        Ok(f) => head.push(format!(
            "BG/NBD\tr = {:.4}\talpha = {:.4}\ta = {:.4}\tb = {:.4}\tLL = {:.2}",
            f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood
        )),
        Err(e) => head.push(format!("BG/NBD\t{}", e.message(lang))),
    }
    match &analysis.spend {
        Ok(f) => head.push(format!(
            "Gamma-Gamma\tp = {:.4}\tq = {:.4}\tgamma = {:.4}\tLL = {:.2}",
            f.params.p, f.params.q, f.params.gamma, f.log_likelihood
        )),
        Err(e) => head.push(format!("Gamma-Gamma\t{}", e.message(lang))),
    }
    if analysis.method == value::Method::Simple {
        head.push(
            lang.pick(
                "Einfache Schätzung: bisherige Kaufrate, jedes Jahr 60 % des Vorjahres",
                "Simple estimate: past purchase rate, each year 60 % of the year before",
            )
            .to_owned(),
        );
    }
    if format == FitFormat::Text || params_only {
        for h in &head {
            writeln!(out, "{h}")?;
        }
    } else {
        for h in &head {
            eprintln!("{h}");
        }
    }
    if params_only {
        return out.flush();
    }
    match format {
        FitFormat::Text => writeln!(out, "id\tP(alive)\tpurchases_12m\tspend\tvalue")?,
        FitFormat::Csv => writeln!(
            out,
            "id,frequency,recency,T,p_alive,expected_purchases_12m,expected_spend,value"
        )?,
        FitFormat::Jsonl | FitFormat::Json => {}
    }
    value::predict_each(data, &analysis, horizon, |i, p| {
        let id = ids.next().unwrap_or_default();
        match format {
            FitFormat::Text => {
                match p.p_alive {
                    Some(a) => write!(out, "{id}\t{a:.3}\t")?,
                    None => write!(out, "{id}\t-\t")?,
                }
                writeln!(
                    out,
                    "{:.3}\t{:.2}\t{:.2}",
                    p.expected_purchases_12m, p.expected_spend, p.value
                )
            }
            FitFormat::Csv => {
                // The id quoted where it must be (RFC 4180); the numbers in full.
                if id.contains([',', '"', '\n', '\r']) {
                    write!(out, "\"{}\"", id.replace('"', "\"\""))?;
                } else {
                    out.write_all(id.as_bytes())?;
                }
                let c = &data[i];
                write!(out, ",{},{},{},", c.frequency, c.recency, c.age)?;
                if let Some(a) = p.p_alive {
                    write!(out, "{a}")?;
                }
                writeln!(
                    out,
                    ",{},{},{}",
                    p.expected_purchases_12m, p.expected_spend, p.value
                )
            }
            FitFormat::Jsonl | FitFormat::Json => {
                serde_json::to_writer(&mut out, &line(id, i, p)).map_err(std::io::Error::from)?;
                out.write_all(b"\n")
            }
        }
    })?;
    out.flush()
}
