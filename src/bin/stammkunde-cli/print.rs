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

/// Walks the keyset pages until `limit` rows or the end.
/// Fits the models on `data` and prints them and, unless `params_only`, a line per
/// customer (ids in the order of `data`).
pub(super) fn print_value_fit<'a>(
    data: &[value::Rfm],
    ids: impl Iterator<Item = &'a str>,
    horizon: value::Horizon,
    params_only: bool,
    calibration_end: Option<chrono::NaiveDate>,
    json: bool,
    lang: Lang,
) {
    let analysis = if params_only {
        value::fit_only(data)
    } else {
        value::analyse(data, horizon)
    };
    if json {
        let customers: Vec<serde_json::Value> = if params_only {
            Vec::new()
        } else {
            ids.zip(data.iter().zip(&analysis.predictions))
                .map(|(id, (rfm, p))| {
                    serde_json::json!({
                        "id": id,
                        "frequency": rfm.frequency,
                        "recency": rfm.recency,
                        "T": rfm.age,
                        "pAlive": p.p_alive,
                        "expectedPurchases": p.expected_purchases_12m,
                        "expectedSpend": p.expected_spend,
                        "value": p.value,
                    })
                })
                .collect()
        };
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
            "predictions": customers,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
        return;
    }
    match &analysis.purchases {
        Ok(f) => println!(
            "BG/NBD\tr = {:.4}\talpha = {:.4}\ta = {:.4}\tb = {:.4}\tLL = {:.2}",
            f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood
        ),
        Err(e) => println!("BG/NBD\t{}", e.message(lang)),
    }
    match &analysis.spend {
        Ok(f) => println!(
            "Gamma-Gamma\tp = {:.4}\tq = {:.4}\tgamma = {:.4}\tLL = {:.2}",
            f.params.p, f.params.q, f.params.gamma, f.log_likelihood
        ),
        Err(e) => println!("Gamma-Gamma\t{}", e.message(lang)),
    }
    if analysis.method == value::Method::Simple {
        println!(
            "{}",
            lang.pick(
                "Einfache Schätzung: bisherige Kaufrate, jedes Jahr 60 % des Vorjahres",
                "Simple estimate: past purchase rate, each year 60 % of the year before"
            )
        );
    }
    if params_only {
        return;
    }
    println!("id\tP(alive)\tpurchases_12m\tspend\tvalue");
    for (id, p) in ids.zip(&analysis.predictions) {
        let alive = p
            .p_alive
            .map_or_else(|| "-".to_owned(), |a| format!("{a:.3}"));
        println!(
            "{id}\t{alive}\t{:.3}\t{:.2}\t{:.2}",
            p.expected_purchases_12m, p.expected_spend, p.value
        );
    }
}
