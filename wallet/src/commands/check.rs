//! `check` (the programme rule) and `present` (a signed presentation).

use anyhow::{Context, Result};
use om_cli::Status;
use serde_json::{json, Value};

use om_core::assessment::assess;
use om_core::confirmation::TrustedTeams;
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, ProofOptions};
use om_core::rule::{IgnoredReason, RuleParams, RuleStatus};

use super::emit;
use crate::cli::PresentArgs;
use crate::rule_text;
use crate::store::short_id;
use crate::wallet::Wallet;
use om_cli::Hinted;

/// The teams named by `--trust`, each checked to be a DID.
pub(crate) fn trusted_teams(trust: &[String]) -> Result<TrustedTeams> {
    let mut teams = TrustedTeams::default();
    for did in trust.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
        om_core::did::check_did(did).map_err(|e| {
            Hinted::new(
                format!("--trust {did:?} is not a DID: {e}"),
                "give the DID of the team that runs your cohort (did:web:… or did:key:…)",
            )
        })?;
        teams.insert(did);
    }
    Ok(teams)
}

/// `check`: re-verifies every credential and assesses the rule (in core, as
/// the verifier does). Exit status: 0 complete, 1 not complete, 2 cannot tell
/// yet, 3 not confirmed.
pub fn check(w: &mut Wallet, as_json: bool, trust: &[String]) -> Result<Status> {
    w.trust(trusted_teams(trust)?);
    let holder = w.holder()?.did;
    let stored = w.store()?.all()?;
    let mut reports = Vec::new();
    let mut notes = Vec::new();
    for s in &stored {
        let value: Value = match serde_json::from_str(&s.json) {
            Ok(v) => v,
            Err(e) => {
                notes.push(json!({"id": s.row.id, "verdict": "invalid", "problem": format!("damaged: {e}")}));
                continue;
            }
        };
        let report = w.verify(&value, true);
        let (verdict, problem) = match &report {
            Ok(r) => (
                serde_json::to_value(r.verdict())?,
                r.first_problem()
                    .map(|c| format!("{}: {}", c.kind.label(), c.message)),
            ),
            Err(e) => (json!("invalid"), Some(e.to_string())),
        };
        let confirmation = match &report {
            Ok(r) if s.row.kind == "letter" => {
                Some(rule_text::letter_confirmation(&r.confirmations))
            }
            _ => None,
        };
        notes.push(json!({
            "id": s.row.id, "kind": s.row.kind, "issuerName": s.row.issuer_name,
            "role": s.row.role, "verdict": verdict, "problem": problem,
            "confirmation": confirmation
        }));
        if let Ok(mut r) = report {
            // The wallet names credentials by their stored id.
            r.id = Some(s.row.id.clone());
            reports.push(r);
        }
    }
    let outcome = assess(&reports, &holder, RuleParams::default());
    let code = match outcome.status {
        RuleStatus::Complete => Status::Holds,
        RuleStatus::NotComplete | RuleStatus::HolderNotProven => Status::Negative,
        RuleStatus::Unconfirmed => Status::Unconfirmed,
        RuleStatus::CannotTellYet => Status::CouldNotCheck,
    };
    if as_json {
        let mut rule = serde_json::to_value(&outcome)?;
        rule["summary"] = json!(rule_text::summary(&outcome));
        rule["missing"] = json!(rule_text::missing(&outcome));
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"holder": holder, "rule": rule, "credentials": notes})
            )?
        );
        return Ok(code);
    }
    // The participant's language (LC_ALL, LC_MESSAGES, LANG); JSON stays English.
    let lang = crate::i18n::Lang::from_env();
    println!("{}", rule_text::summary_in(lang, &outcome));
    if w.teams().is_empty() {
        println!("  {}", crate::i18n::t(lang, "check-no-team", &[]));
    }
    if outcome.status == RuleStatus::NotComplete {
        for m in rule_text::missing_in(lang, &outcome) {
            println!(
                "  {}",
                crate::i18n::t(
                    lang,
                    "check-still-needed",
                    &[("what", crate::i18n::Arg::Str(&m))]
                )
            );
        }
    }
    if !notes.is_empty() {
        println!();
    }
    for n in &notes {
        let id = n["id"].as_str().unwrap_or_default();
        let ignored = outcome.ignored.iter().find(|i| i.id == id);
        let counts = outcome
            .endorsers
            .iter()
            .any(|e| e.letters.iter().any(|l| l == id))
            && ignored.is_none();
        let who = format!(
            "{}{}",
            n["issuerName"].as_str().unwrap_or("(no name)"),
            n["role"]
                .as_str()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
        let kind = n["kind"].as_str().unwrap_or("credential");
        let confirmation = n["confirmation"]
            .as_str()
            .map(|c| format!("; {c}"))
            .unwrap_or_default();
        let line = if counts {
            format!("✓ {} {kind} from {who}: counts{confirmation}", short_id(id))
        } else if ignored.is_some_and(|i| i.reason == IgnoredReason::NotConfirmed) {
            format!(
                "✗ {} {kind} from {who}: does not count, {}",
                short_id(id),
                n["confirmation"].as_str().unwrap_or_default()
            )
        } else if let Some(i) = ignored {
            let why = n["problem"]
                .as_str()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            format!(
                "✗ {} {kind} from {who}: does not count, {}{why}",
                short_id(id),
                rule_text::ignored_reason(i.reason)
            )
        } else if let Some(p) = n["problem"].as_str() {
            format!("✗ {} {kind} from {who}: {p}", short_id(id))
        } else {
            format!(
                "✓ {} {kind} from {who}: valid (not a letter, the rule does not count it)",
                short_id(id)
            )
        };
        println!("{line}");
    }
    Ok(code)
}

/// The stored credentials named by `ids`, or all letters when none is named.
pub(crate) fn chosen_credentials(w: &mut Wallet, ids: &[String]) -> Result<Vec<(String, Value)>> {
    let store = w.store()?;
    let picked = if ids.is_empty() {
        let letters: Vec<_> = store
            .all()?
            .into_iter()
            .filter(|s| s.row.kind == "letter")
            .collect();
        if letters.is_empty() {
            return Err(Hinted::new(
                "there is no letter in your wallet to present",
                "import your letters first: om-wallet import FILE (or name credentials by id)",
            )
            .into());
        }
        letters
    } else {
        ids.iter()
            .map(|id| store.get(id))
            .collect::<Result<Vec<_>, _>>()?
    };
    picked
        .into_iter()
        .map(|s| {
            let v: Value = serde_json::from_str(&s.json)
                .with_context(|| format!("the stored credential {} is damaged", s.row.id))?;
            Ok((s.row.id, v))
        })
        .collect()
}

/// Signs a presentation of `creds` with the holder's key.
pub(crate) fn sign(
    w: &Wallet,
    creds: Vec<Value>,
    suite: &str,
    challenge: Option<String>,
    domain: Option<String>,
) -> Result<Value> {
    let suite: Cryptosuite = suite.parse()?;
    let me = w.unlock("sign the presentation")?;
    let options = ProofOptions::authentication(suite, challenge, domain);
    Ok(sign_presentation(w.di(), &me.key, creds, &options)?)
}

/// `present`.
pub fn present(w: &mut Wallet, args: &PresentArgs) -> Result<Status> {
    let creds = chosen_credentials(w, &args.ids)?;
    let n = creds.len();
    let vp = sign(
        w,
        creds.into_iter().map(|(_, v)| v).collect(),
        &args.suite,
        args.challenge.clone(),
        args.domain.clone(),
    )?;
    emit(args.out.as_deref(), &serde_json::to_string_pretty(&vp)?)?;
    eprintln!("signed a presentation of {n} credential(s)");
    Ok(Status::Holds)
}
