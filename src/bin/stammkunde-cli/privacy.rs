//! Privacy on the command line: erasure, the access export, consents, the audit trail.

use super::*;
use stammkunde::privacy::audit::{self, AuditFilter};
use stammkunde::privacy::consent::{self, ConsentChannel, ConsentInput, ConsentSource};
use stammkunde::privacy::{access, erase};
use std::io::BufRead as _;

pub(super) fn customers(
    command: CustomersCommand,
    store: &mut Store,
    json: bool,
    lang: Lang,
    clock: &Clock,
) -> Result<(), Error> {
    match command {
        CustomersCommand::Erase {
            number,
            yes,
            reason,
        } => {
            let customer = customers::by_number_any(store, &number)?;
            let confirm_name = if yes {
                customer.display_name.clone()
            } else {
                eprintln!(
                    "{} „{}“:",
                    lang.pick(
                        "Zum Bestätigen den Namen des Kunden eintippen",
                        "To confirm, type the customer's name"
                    ),
                    customer.display_name
                );
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                line
            };
            let input = erase::EraseInput {
                confirm_name,
                reason,
            };
            let erased = erase::erase(store, customer.id, &input, clock)?;
            backup::wait_for_checks();
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&erased).unwrap_or_default()
                );
            } else {
                let merged = match (erased.merged_records, lang) {
                    (0, _) => String::new(),
                    (n, Lang::De) => format!(" (mit {n} zusammengeführten Datensätzen)"),
                    (n, Lang::En) => format!(" (with {n} merged records)"),
                };
                println!(
                    "{} {}{merged}",
                    lang.pick("Gelöscht:", "Erased:"),
                    erased.customer_number
                );
            }
        }
        CustomersCommand::Data { number, out } => {
            let customer = customers::by_number_any(store, &number)?;
            let pdf = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            let bytes = if pdf {
                access::export_pdf(store, customer.id, clock, lang)?
            } else {
                access::export_json(store, customer.id, clock)?
            };
            paper::save(&out, &bytes)?;
            if !json {
                println!("{}", out.display());
            }
        }
        CustomersCommand::Consent {
            number,
            channel,
            state,
            source,
            wording,
            on,
        } => {
            let customer = customers::by_number(store, &number)?;
            let input = ConsentInput {
                channel: ConsentChannel::from_code(&channel).unwrap_or(ConsentChannel::Email),
                given: state == "given",
                on,
                source: ConsentSource::from_code(&source).unwrap_or(ConsentSource::Other),
                wording,
            };
            let standing = consent::record(store, customer.id, &input, clock)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&standing).unwrap_or_default()
                );
            } else {
                for c in &standing.channels {
                    println!(
                        "{}\t{}",
                        c.channel.label(lang),
                        if c.allowed {
                            lang.pick("Werbung erlaubt", "advertising allowed")
                        } else {
                            lang.pick("keine Werbung", "no advertising")
                        }
                    );
                }
            }
        }
        CustomersCommand::PurgeTrash { days } => {
            let erased = erase::purge_trash(store, &days, clock)?;
            backup::wait_for_checks();
            if json {
                println!("{{\"erased\": {erased}}}");
            } else {
                println!("{} {erased}", lang.pick("Endgültig gelöscht:", "Erased:"));
            }
        }
        CustomersCommand::Add(_) | CustomersCommand::List { .. } => {
            unreachable!("handled by run")
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn audit(
    store: &Store,
    customer: Option<String>,
    action: Option<String>,
    from: String,
    to: String,
    limit: u32,
    json: bool,
    lang: Lang,
) -> Result<(), Error> {
    let customer = match customer {
        Some(number) => Some(customers::by_number_any(store, &number)?.id),
        None => None,
    };
    let entries = audit::list(
        store,
        &AuditFilter {
            customer,
            employee: None,
            action,
            from,
            to,
            before: None,
            limit,
        },
        lang,
    )?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&entries).unwrap_or_default()
        );
        return Ok(());
    }
    for e in &entries {
        let who = e.employee_name.as_deref().unwrap_or("–");
        let whom = match (&e.customer_number, &e.customer_name) {
            (Some(n), Some(name)) if !name.is_empty() => format!("{n} {name}"),
            (Some(n), _) => n.clone(),
            _ => String::new(),
        };
        println!("{}\t{who}\t{whom}\t{}", e.at.replace('T', " "), e.text);
    }
    Ok(())
}
