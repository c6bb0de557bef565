//! What `POST /shares` accepts: a presentation with only the members a
//! presentation has, signed by its holder, whose credentials are all about
//! that holder. Anything else is refused with the reason (422).

use om_core::report::{CheckKind, Outcome, PresentationReport};
use serde_json::Value;

use crate::http::problem::Problem;

/// The top-level members of a presentation that are stored; any other is
/// refused (the share is stored exactly as received, so nothing is dropped
/// silently).
pub const KNOWN_MEMBERS: &[&str] = &[
    "@context",
    "id",
    "type",
    "holder",
    "verifiableCredential",
    "proof",
];

/// A JSON Pointer (RFC 6901) token.
fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Refuses a presentation with a top-level member outside [`KNOWN_MEMBERS`],
/// naming it by its JSON Pointer in the request body.
pub fn known_members(vp: &Value) -> Result<(), Problem> {
    let Some(obj) = vp.as_object() else {
        return Ok(());
    };
    let unknown: Vec<String> = obj
        .keys()
        .filter(|k| !KNOWN_MEMBERS.contains(&k.as_str()))
        .map(|k| format!("/verifiablePresentation/{}", pointer_token(k)))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = unknown.iter().take(5).map(String::as_str).collect();
    Err(Problem::not_shareable(format!(
        "a shared presentation may only have the members {}; remove {}",
        KNOWN_MEMBERS.join(", "),
        shown.join(", ")
    )))
}

fn passes(checks: &[om_core::report::Check], kind: CheckKind) -> Result<(), String> {
    match checks.iter().find(|c| c.kind == kind) {
        Some(c) if c.outcome == Outcome::Pass => Ok(()),
        Some(c) => Err(c.message.clone()),
        None => Err("not checked".into()),
    }
}

/// The holder of a verified presentation that may be shared, or why not: the
/// holder's proof and key binding must pass, it must hold at least one
/// credential, and every credential must be about the holder.
pub fn shareable(report: &PresentationReport) -> Result<String, Problem> {
    // A presentation the strict reader refused: say where, not "no holder".
    if let Some(refused) = report
        .checks
        .iter()
        .find(|c| c.kind == CheckKind::Context && c.outcome != Outcome::Pass)
    {
        return Err(Problem::not_shareable(refused.message.clone()));
    }
    let holder = report
        .holder
        .clone()
        .ok_or_else(|| Problem::not_shareable("the presentation names no holder"))?;
    passes(&report.checks, CheckKind::Proof)
        .map_err(|m| Problem::not_shareable(format!("the holder's proof does not verify: {m}")))?;
    passes(&report.checks, CheckKind::KeyBinding)
        .map_err(|m| Problem::not_shareable(format!("the proof is not the holder's: {m}")))?;
    if report.credentials.is_empty() {
        return Err(Problem::not_shareable(
            "the presentation holds no credentials",
        ));
    }
    for (i, c) in report.credentials.iter().enumerate() {
        passes(&c.checks, CheckKind::HolderBinding).map_err(|m| {
            Problem::not_shareable(format!(
                "/verifiablePresentation/verifiableCredential/{i} is not bound to the holder: {m}"
            ))
        })?;
    }
    Ok(holder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_members_are_named_by_pointer() {
        assert!(known_members(&json!({"holder": "x", "proof": {}})).is_ok());
        let p = known_members(&json!({"holder": "x", "a/b": 1, "filler": "…"})).unwrap_err();
        assert_eq!(p.status, 422);
        assert!(
            p.detail.contains("/verifiablePresentation/a~1b"),
            "{}",
            p.detail
        );
        assert!(
            p.detail.contains("/verifiablePresentation/filler"),
            "{}",
            p.detail
        );
    }
}
