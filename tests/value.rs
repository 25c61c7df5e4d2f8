//! The lifetime-value models against the published CDNOW results (tests/fixtures/cdnow,
//! provenance in tests/fixtures/README.md) and against data simulated from known
//! parameters.

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Exp, Gamma};
use stammkunde::value::summary::{read_summary_csv, summarize};
use stammkunde::value::{BgNbd, FitError, GammaGamma, Rfm};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/cdnow/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn cdnow_summary() -> Vec<Rfm> {
    read_summary_csv(&fixture("cdnow_customers_summary_with_transactions.csv"))
        .unwrap()
        .into_iter()
        .map(|(_, rfm)| rfm)
        .collect()
}

/// Rounds to `digits` decimals, as a paper prints a number.
fn printed(value: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (value * f).round() / f
}

/// The CDNOW transactions as (customer, day, cents).
fn cdnow_purchases() -> Vec<(u32, NaiveDate, i64)> {
    fixture("CDNOW_sample.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let day = NaiveDate::parse_from_str(cols[2], "%Y%m%d").unwrap();
            let cents = (cols[4].parse::<f64>().unwrap() * 100.0).round() as i64;
            (cols[1].parse::<u32>().unwrap(), day, cents)
        })
        .collect()
}

/// The summary made from the transactions, calibration ending 1997-09-30: unrounded.
fn cdnow_from_transactions() -> Vec<Rfm> {
    let end = NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
    summarize(cdnow_purchases(), end).into_values().collect()
}

#[test]
fn summaries_made_from_the_transactions_match_the_published_ones() {
    let purchases = cdnow_purchases();
    let end = NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
    let made = summarize(purchases, end);
    let published =
        read_summary_csv(&fixture("cdnow_customers_summary_with_transactions.csv")).unwrap();
    assert_eq!(made.len(), 2357);
    assert_eq!(published.len(), 2357);
    for (id, expected) in &published {
        let got = made[&id.parse::<u32>().unwrap()];
        assert_eq!(got.frequency, expected.frequency, "customer {id}");
        assert!(
            (got.recency - expected.recency).abs() < 0.006,
            "customer {id}"
        );
        assert!((got.age - expected.age).abs() < 0.006, "customer {id}");
        assert!(
            (got.monetary - expected.monetary).abs() < 0.006,
            "customer {id}: {} vs {}",
            got.monetary,
            expected.monetary
        );
    }
}

#[test]
fn bg_nbd_reproduces_the_published_cdnow_fit() {
    // On the published (rounded) summary file and on the summary made from the
    // transactions: the paper's digits both times.
    for (source, data) in [
        ("summary file", cdnow_summary()),
        ("transactions", cdnow_from_transactions()),
    ] {
        let fit = BgNbd::fit(&data).unwrap();
        let p = fit.params;
        println!("BG/NBD on CDNOW ({source}): {fit:?}");
        assert_eq!(printed(p.r, 3), 0.243, "{source}: {p:?}");
        assert_eq!(printed(p.alpha, 3), 4.414, "{source}: {p:?}");
        assert_eq!(printed(p.a, 3), 0.793, "{source}: {p:?}");
        assert_eq!(printed(p.b, 3), 2.426, "{source}: {p:?}");
        assert_eq!(printed(fit.log_likelihood, 1), -9582.4, "{source}");
        // The careful fit on the rounded file, to more digits.
        assert!((p.r - 0.24259).abs() < 2e-5, "{p:?}");
        assert!((p.alpha - 4.41353).abs() < 3e-4, "{p:?}");
        assert!((p.a - 0.79289).abs() < 2e-4, "{p:?}");
        assert!((p.b - 2.42575).abs() < 5e-4, "{p:?}");
    }
}

#[test]
fn bg_nbd_expectations_match_the_published_numbers() {
    let published = BgNbd {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let customer = Rfm {
        frequency: 2,
        recency: 30.43,
        age: 38.86,
        monetary: 0.0,
    };
    let expected = published.expected_purchases(39.0, &customer).unwrap();
    assert_eq!(printed(expected, 3), 1.226, "{expected}");
    // The unconditional 78-week figure comes from the unrounded fit.
    let fitted = BgNbd::fit(&cdnow_summary()).unwrap().params;
    let new = fitted.expected_purchases_new(78.0).unwrap();
    assert_eq!(printed(new, 3), 1.858, "{new}");
    // Someone who bought often and then stopped is less likely alive than someone who
    // bought as often until recently; nobody without repeats is counted as dropped out.
    let stopped = Rfm {
        recency: 5.0,
        ..customer
    };
    assert!(published.p_alive(&stopped) < published.p_alive(&customer));
    assert_eq!(
        published.p_alive(&Rfm {
            frequency: 0,
            recency: 0.0,
            ..customer
        }),
        1.0
    );
}

#[test]
fn gamma_gamma_reproduces_the_published_cdnow_fit() {
    let fit = GammaGamma::fit(&cdnow_from_transactions()).unwrap();
    let p = fit.params;
    println!("Gamma-Gamma on CDNOW (transactions): {fit:?}");
    assert_eq!(printed(p.p, 2), 6.25, "{p:?}");
    assert_eq!(printed(p.q, 2), 3.74, "{p:?}");
    assert_eq!(printed(p.gamma, 2), 15.44, "{p:?}");
    assert_eq!(printed(fit.log_likelihood, 2), -4055.92);
    // The summary file rounds each mean to cents; its optimum lies a little along the
    // ridge where q and gamma trade off (gamma 15.4477, LL −4055.9232, checked to be the
    // maximum by a coordinate search).
    let rounded = GammaGamma::fit(&cdnow_summary()).unwrap().params;
    println!("Gamma-Gamma on CDNOW (summary file): {rounded:?}");
    assert_eq!(printed(rounded.p, 2), 6.25, "{rounded:?}");
    assert_eq!(printed(rounded.q, 2), 3.74, "{rounded:?}");
    assert!((rounded.gamma - 15.44).abs() < 0.01, "{rounded:?}");
}

/// Customers simulated from the BG/NBD story (and Gamma-Gamma values) with known
/// parameters; the fits get them back.
fn simulate(truth: BgNbd, spend: GammaGamma, customers: usize, seed: u64) -> Vec<Rfm> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let rate = Gamma::new(truth.r, 1.0 / truth.alpha).unwrap();
    let dropout = Beta::new(truth.a, truth.b).unwrap();
    let nu = Gamma::new(spend.q, 1.0 / spend.gamma).unwrap();
    (0..customers)
        .map(|i| {
            let age = 20.0 + (i % 40) as f64;
            let lambda: f64 = rate.sample(&mut rng);
            let p: f64 = dropout.sample(&mut rng);
            let scale: f64 = nu.sample(&mut rng);
            let value = Gamma::new(spend.p, 1.0 / scale).unwrap();
            let gap = Exp::new(lambda).unwrap();
            let (mut t, mut x, mut last, mut total) = (0.0, 0u32, 0.0, 0.0);
            loop {
                t += gap.sample(&mut rng);
                if t > age {
                    break;
                }
                x += 1;
                last = t;
                total += value.sample(&mut rng);
                // After each repeat purchase the customer drops out with probability p.
                if rand::Rng::random_bool(&mut rng, p) {
                    break;
                }
            }
            Rfm {
                frequency: x,
                recency: last,
                age,
                monetary: if x > 0 { total / f64::from(x) } else { 0.0 },
            }
        })
        .collect()
}

#[test]
fn fits_recover_the_parameters_of_simulated_customers() {
    let truth = BgNbd {
        r: 0.6,
        alpha: 5.0,
        a: 0.9,
        b: 3.0,
    };
    let spend = GammaGamma {
        p: 6.0,
        q: 4.0,
        gamma: 15.0,
    };
    let data = simulate(truth, spend, 40_000, 7);
    let fit = BgNbd::fit(&data).unwrap().params;
    println!("simulated BG/NBD {truth:?} → {fit:?}");
    let near = |got: f64, want: f64, share: f64| (got - want).abs() <= share * want;
    assert!(near(fit.r, truth.r, 0.1), "{fit:?}");
    assert!(near(fit.alpha, truth.alpha, 0.1), "{fit:?}");
    assert!(near(fit.a, truth.a, 0.2), "{fit:?}");
    assert!(near(fit.b, truth.b, 0.2), "{fit:?}");
    let fit = GammaGamma::fit(&data).unwrap().params;
    println!("simulated Gamma-Gamma {spend:?} → {fit:?}");
    assert!(near(fit.p, spend.p, 0.1), "{fit:?}");
    assert!(near(fit.q, spend.q, 0.15), "{fit:?}");
    assert!(near(fit.gamma, spend.gamma, 0.2), "{fit:?}");
}

#[test]
fn too_little_history_is_said_plainly() {
    let few: Vec<Rfm> = (0..200)
        .map(|i| Rfm {
            frequency: u32::from(i % 10 == 0),
            recency: if i % 10 == 0 { 3.0 } else { 0.0 },
            age: 30.0,
            monetary: if i % 10 == 0 { 20.0 } else { 0.0 },
        })
        .collect();
    assert_eq!(
        BgNbd::fit(&few),
        Err(FitError::TooFewRepeatBuyers { repeat_buyers: 20 })
    );
    assert_eq!(
        GammaGamma::fit(&few),
        Err(FitError::TooFewRepeatBuyers { repeat_buyers: 20 })
    );
}

#[test]
fn a_summary_file_with_an_impossible_row_is_refused_by_line() {
    let err = read_summary_csv("id,frequency,recency,T\n1,2,3,4\n2,1,9,4\n").unwrap_err();
    assert!(err.starts_with("line 3:"), "{err}");
    let err = read_summary_csv("id,frequency,recency,T\n1,x,3,4\n").unwrap_err();
    assert!(err.contains("line 2") && err.contains("frequency"), "{err}");
    let err = read_summary_csv("a,b\n1,2\n").unwrap_err();
    assert!(err.contains("frequency"), "{err}");
}

#[test]
fn predictions_add_up_the_discounted_months() {
    use stammkunde::value::{Horizon, Method, WEEKS_PER_YEAR, analyse};
    let data = cdnow_from_transactions();
    let horizon = Horizon {
        years: 2,
        discount_rate: 0.10,
    };
    let analysis = analyse(&data, horizon);
    assert_eq!(analysis.method, Method::Model);
    let model = analysis.purchases.as_ref().unwrap().params;
    let spend = analysis.spend.as_ref().unwrap().params;
    for (c, got) in data.iter().zip(&analysis.predictions).step_by(97) {
        let mut value = 0.0;
        let mut before = 0.0;
        for month in 1..=24 {
            let t = f64::from(month) * WEEKS_PER_YEAR / 12.0;
            let so_far = model.expected_purchases(t, c).unwrap();
            value += (so_far - before) / 1.1f64.powf(f64::from(month) / 12.0);
            before = so_far;
        }
        let twelve = model.expected_purchases(WEEKS_PER_YEAR, c).unwrap();
        assert!((got.expected_purchases_12m - twelve).abs() < 1e-9, "{c:?}");
        assert!((got.expected_spend - spend.expected_spend(c)).abs() < 1e-9);
        assert!(
            (got.value - value * spend.expected_spend(c)).abs() < 1e-6,
            "{c:?}: {} vs {}",
            got.value,
            value * spend.expected_spend(c)
        );
        assert_eq!(got.p_alive, Some(model.p_alive(c)));
    }
}

#[test]
fn too_little_history_gets_the_simple_labelled_estimate() {
    use stammkunde::value::{Horizon, Method, SIMPLE_YEARLY_RETENTION, WEEKS_PER_YEAR, analyse};
    let data = vec![
        Rfm {
            frequency: 4,
            recency: 40.0,
            age: 52.0,
            monetary: 30.0,
        },
        Rfm {
            frequency: 0,
            recency: 0.0,
            age: 10.0,
            monetary: 0.0,
        },
    ];
    let horizon = Horizon {
        years: 3,
        discount_rate: 0.0,
    };
    let analysis = analyse(&data, horizon);
    assert_eq!(analysis.method, Method::Simple);
    assert!(analysis.purchases.is_err());
    let yearly = 4.0 / 52.0 * WEEKS_PER_YEAR;
    let first = analysis.predictions[0];
    assert_eq!(first.p_alive, None);
    assert!((first.expected_purchases_12m - yearly).abs() < 1e-9);
    let r = SIMPLE_YEARLY_RETENTION;
    assert!((first.value - yearly * 30.0 * (1.0 + r + r * r)).abs() < 1e-9);
    // No repeat purchases yet: no expected purchases, the shop's mean spend.
    let second = analysis.predictions[1];
    assert_eq!(second.value, 0.0);
    assert_eq!(second.expected_spend, 30.0);
}

/// `value fit` on a summary file prints the same predictions as text, CSV, JSON lines
/// and one JSON document, in the file's order; CSV and JSON lines keep the parameters
/// off standard output, and an id with a comma stays whole.
#[test]
fn value_fit_prints_the_same_predictions_in_every_format() {
    let mut text = fixture("cdnow_customers_summary_with_transactions.csv");
    text = text.replacen("\n1,", "\n\"Anna, \"\"A\"\"\",", 1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary.csv");
    std::fs::write(&file, &text).unwrap();
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
            .args([
                "--lang",
                "en",
                "value",
                "fit",
                "--format",
                format,
                "--summary",
            ])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let customers = text.lines().count() - 1;
    let (json, _) = run("json");
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    let predictions = document["predictions"].as_array().unwrap();
    assert_eq!(predictions.len(), customers);
    assert_eq!(printed(document["bgnbd"]["r"].as_f64().unwrap(), 4), 0.2426);
    assert_eq!(predictions[0]["id"], "Anna, \"A\"");

    let (jsonl, jsonl_err) = run("jsonl");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, predictions);
    assert!(jsonl_err.contains("BG/NBD\tr = 0.2426"), "{jsonl_err}");

    let (csv, csv_err) = run("csv");
    assert!(csv_err.contains("Gamma-Gamma"), "{csv_err}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), customers);
    // serde_json reads a float to within a unit in the last place.
    let same = |a: &str, b: &serde_json::Value| {
        let (a, b) = (a.parse::<f64>().unwrap(), b.as_f64().unwrap());
        assert!((a - b).abs() <= 1e-15 * b.abs(), "{a} vs {b}");
    };
    for (row, p) in rows.iter().zip(predictions) {
        assert_eq!(row[0], *p["id"].as_str().unwrap());
        same(&row[4], &p["pAlive"]);
        same(&row[7], &p["value"]);
    }

    let (table, _) = run("text");
    let last = table.lines().last().unwrap();
    let p = predictions.last().unwrap();
    assert_eq!(
        last,
        format!(
            "{}\t{:.3}\t{:.3}\t{:.2}\t{:.2}",
            p["id"].as_str().unwrap(),
            p["pAlive"].as_f64().unwrap(),
            p["expectedPurchases"].as_f64().unwrap(),
            p["expectedSpend"].as_f64().unwrap(),
            p["value"].as_f64().unwrap()
        )
    );
}
