//! The text the CLI prints for a checked file.

use std::path::Path;

use om_core::report::{Check, Verdict};

use crate::verify::engine::{symbol, AnyReport};

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "VALID",
        Verdict::Invalid => "INVALID",
        Verdict::Undetermined => "UNDETERMINED",
    }
}

fn print_checks(indent: &str, checks: &[Check]) {
    for c in checks {
        println!(
            "{indent}{} {}: {}",
            symbol(c.outcome),
            c.kind.label(),
            c.message
        );
    }
}

/// A letter's confirmation line (letters of endorsement only).
fn print_confirmation(indent: &str, c: &om_core::report::CredentialReport) {
    let is_letter = c
        .letter
        .as_ref()
        .is_some_and(|l| l.kind == om_core::letter::CredentialKind::Endorsement);
    if is_letter {
        println!(
            "{indent}{}",
            crate::page::rule_text::letter_confirmation(&c.confirmations)
        );
    }
}

fn endorser(c: &om_core::report::CredentialReport) -> String {
    c.letter
        .as_ref()
        .and_then(|l| l.issuer_name.clone())
        .unwrap_or_else(|| {
            if c.issuer.is_empty() {
                "nobody named: nothing is read from a refused document".to_string()
            } else {
                c.issuer.clone()
            }
        })
}

/// Prints the result of one file for a person: its verdict and report, or
/// why it could not be checked.
pub fn print_human(path: &Path, outcome: Result<(Verdict, &AnyReport), &str>) {
    let (v, report) = match outcome {
        Err(e) => {
            println!("{}: COULD NOT BE CHECKED: {e}", path.display());
            return;
        }
        Ok(checked) => checked,
    };
    match report {
        AnyReport::Credential(c) => {
            println!(
                "{}: {} (credential from {})",
                path.display(),
                verdict_word(v),
                endorser(c)
            );
            print_checks("  ", &c.checks);
            print_confirmation("  ", c);
        }
        AnyReport::Presentation(p) => {
            println!(
                "{}: {} (presentation by {}, {} credential(s))",
                path.display(),
                verdict_word(v),
                p.holder.as_deref().unwrap_or("no holder"),
                p.credentials.len()
            );
            if let Some(rule) = &p.rule {
                println!("  {}", crate::page::rule_text::statement(rule));
                let holder =
                    crate::verify::engine::holder_name(p).unwrap_or_else(|| "the holder".into());
                for e in &rule.endorsers {
                    if let Some(c) = &e.confirmed_by {
                        let writer = e.name.as_deref().unwrap_or(&e.did);
                        println!(
                            "    {}",
                            crate::page::rule_text::confirmed_line(writer, &holder, c)
                        );
                    }
                }
            }
            print_checks("  ", &p.checks);
            for c in &p.credentials {
                println!(
                    "  credential from {} ({}):",
                    endorser(c),
                    c.id.as_deref().unwrap_or("no id")
                );
                print_checks("    ", &c.checks);
                print_confirmation("    ", c);
            }
        }
    }
}
