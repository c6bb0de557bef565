//! The copies of a letter's title and text that other wallets and verifiers
//! display (`specs/letter-profile.md` §1.3).
//!
//! The Digital Credentials Consortium's Learner Credential Wallet and
//! VerifierPlus do not read `endorsementComment` or `endorserRole`: the wallet
//! takes a card's title from `credentialSubject.hasCredential.name` (or
//! `credentialSubject.achievement.name`) and its text from
//! `credentialSubject.achievement.description`; VerifierPlus takes both from
//! `credentialSubject.hasCredential`. A letter therefore carries two small
//! display objects in its subject, `achievement` and `hasCredential`, each
//! `{"name": <title>, "description": <the letter text>}`.
//!
//! They are copies, and a copy that differs from what the verifier reads would
//! let a letter say one thing here and another there. So a letter that has
//! them is read only when each copy is exactly the title of its stated role
//! and exactly its text, with nothing else in it; anything else is refused
//! with the JSON path. Letters without them (written before they were added)
//! are read as before.

use serde_json::{json, Map, Value};

use crate::jsonld::{vocab, Node, Refusal};

/// The subject's display properties, as written, and the IRI each expands to
/// (neither Open Badges nor VC 2.0 defines them for a letter's subject, so
/// the undefined-terms context does).
pub const DISPLAY_PROPERTIES: [(&str, &str); 2] = [
    (
        "achievement",
        "https://www.w3.org/ns/credentials/undefined-term#achievement",
    ),
    (
        "hasCredential",
        "https://www.w3.org/ns/credentials/undefined-term#hasCredential",
    ),
];

/// The title other apps show for a letter written in `role` (`mentor` or
/// `peer`). It names the
/// role as the writer states it ("written as"), which is all a signature shows.
pub fn title(role: &str) -> String {
    format!("Letter of endorsement (written as {role})")
}

/// Adds the display copies of `text` and the role's title to a letter's subject.
pub fn add_copies(subject: &mut Map<String, Value>, role: &str, text: &str) {
    for (key, _) in DISPLAY_PROPERTIES {
        subject.insert(
            key.into(),
            json!({"name": title(role), "description": text}),
        );
    }
}

/// Checks the display copies in a letter's subject, if it has any, against
/// the role and text the verifier reads from it.
pub fn check_copies(subject: &Node, role: Option<&str>, text: Option<&str>) -> Result<(), Refusal> {
    for (key, iri) in DISPLAY_PROPERTIES {
        if subject.values(iri).is_empty() {
            continue;
        }
        let path = format!("{}.{key}", subject.path);
        let copy = subject.one_node(iri)?.ok_or_else(|| {
            Refusal::new(
                &path,
                "must be an object with the letter's title and text (name, description)",
            )
        })?;
        check_copy(copy, &path, role, text)?;
    }
    Ok(())
}

fn check_copy(
    copy: &Node,
    path: &str,
    role: Option<&str>,
    text: Option<&str>,
) -> Result<(), Refusal> {
    if copy.id.is_some() || !copy.types.is_empty() {
        return Err(Refusal::new(
            path,
            "a display copy has no id or type: only the letter's title and text",
        ));
    }
    if let Some(other) = copy
        .props
        .keys()
        .find(|k| *k != vocab::SCHEMA_NAME && *k != vocab::SCHEMA_DESCRIPTION)
    {
        return Err(Refusal::new(
            path,
            format!("{other} is not part of a display copy: other apps would show it, and only the letter's title and text may be shown there"),
        ));
    }
    let role = role.ok_or_else(|| {
        Refusal::new(
            path,
            "a display copy needs the letter's role (endorserRole) for its title",
        )
    })?;
    let name = copy.one_str(vocab::SCHEMA_NAME)?;
    if name != Some(title(role).as_str()) {
        return Err(Refusal::new(
            &format!("{path}.name"),
            format!(
                "the title other apps show must be {:?}, the title of the role the letter states ({role})",
                title(role)
            ),
        ));
    }
    let description = copy.one_str(vocab::SCHEMA_DESCRIPTION)?;
    if description.is_none() || description != text {
        return Err(Refusal::new(
            &format!("{path}.description"),
            "the text other apps show differs from the letter's text (endorsementComment)",
        ));
    }
    Ok(())
}
