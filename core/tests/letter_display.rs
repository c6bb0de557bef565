//! A letter shows as a letter where people already look — the Digital
//! Credentials Consortium's Learner Credential Wallet and VerifierPlus — and
//! every copy of its title and text that those apps read is bound to what
//! the verifier reads (`specs/letter-profile.md` §1.3).
//!
//! The display logic of both apps is ported below from their sources, step
//! for step, with the file and commit of each step, and run on letters that
//! `om_core` writes. The letter stays a valid Open Badges 3.0
//! `EndorsementCredential` under 1EdTech's JSON Schema.

mod common;

use chrono::{Duration, Utc};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::{LetterDraft, LetterFormat, Profile, Role};
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::{Outcome, Verdict};
use om_core::verify::Verifier;
use serde_json::{json, Value};

const TEXT: &str = "Ana ran twelve study circles & wrote <the> guide.\n\nShe **listens**.";

fn draft(writer: &KeyPair, role: Role, format: LetterFormat) -> LetterDraft {
    LetterDraft {
        id: om_core::letter::new_credential_id(),
        endorser: Profile {
            id: writer.controller().to_string(),
            name: "Maria Okafor".into(),
            ..Default::default()
        },
        role,
        subject_id: KeyPair::generate().controller().to_string(),
        subject_name: "Ana Lima".into(),
        text: TEXT.into(),
        format,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: None,
        status: None,
    }
}

fn sign(di: &DataIntegrity, writer: &KeyPair, unsigned: &Value) -> Value {
    di.sign(
        unsigned,
        writer,
        &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
    )
    .unwrap()
}

/// What the Learner Credential Wallet shows on a credential's card.
#[derive(Debug, PartialEq)]
struct Card {
    title: String,
    issuer: Option<String>,
    issued_to: Option<String>,
    description: Option<String>,
    criteria: Option<String>,
}

/// Reads a JSON string at `path`, as JavaScript's `a?.b?.c` would.
fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

fn text_at(v: &Value, path: &[&str]) -> Option<String> {
    at(v, path).and_then(Value::as_str).map(str::to_string)
}

/// The first element of an array, or the value itself (both apps do this).
fn first(v: &Value) -> &Value {
    match v {
        Value::Array(a) => a.first().unwrap_or(&Value::Null),
        other => other,
    }
}

/// The Learner Credential Wallet's card, at commit 1c46a82
/// (openwallet-foundation-labs/learner-credential-wallet):
/// - `app/lib/credentialDisplay/index.ts`, `credentialDisplayConfigFor`: a
///   credential whose types include none of the specific ones is shown by
///   `verifiableCredentialDisplayConfig` (`verifiableCredential.tsx`);
/// - `app/lib/credentialDisplay/shared/utils/credentialSubject.ts`,
///   `getSubject`: the first subject;
/// - `app/lib/credentialName.ts`, `getCredentialName`: the title is
///   `hasCredential ?? achievement` (first element), its `name`, else
///   "Unknown Credential";
/// - `credentialSubjectRenderInfoFrom`: "Issued To" is `credentialSubject.name`,
///   "Description" `achievement.description`, "Criteria"
///   `achievement.criteria.narrative` (first achievement);
/// - `app/lib/credentialDisplay/shared/utils/issuer.ts`,
///   `issuerRenderInfoFrom`: the issuer's `name` (or the string issuer).
fn learner_credential_wallet_card(c: &Value) -> Card {
    let subject = first(&c["credentialSubject"]);
    let named = match subject.get("hasCredential") {
        Some(h) if !h.is_null() => first(h),
        _ => first(subject.get("achievement").unwrap_or(&Value::Null)),
    };
    let achievement = first(subject.get("achievement").unwrap_or(&Value::Null));
    let issuer = match &c["issuer"] {
        Value::String(s) => Some(s.clone()),
        other => text_at(other, &["name"]),
    };
    Card {
        title: text_at(named, &["name"]).unwrap_or_else(|| "Unknown Credential".into()),
        issuer,
        issued_to: text_at(subject, &["name"]),
        description: text_at(achievement, &["description"]),
        criteria: text_at(achievement, &["criteria", "narrative"]),
    }
}

/// VerifierPlus's card, at commit 5b0eae8 (digitalcredentials/verifier-plus),
/// `app/components/CredentialCard/CredentialCard.tsx`:
/// `mapCredDataToDisplayValues` takes, for a credential that is neither an
/// `OpenBadgeCredential` nor an `AchievementCredential`, the `<h1>` title from
/// `credentialSubject.hasCredential.name`, "Description" from
/// `hasCredential.description` and "Criteria" from
/// `hasCredential.competencyRequired`; "Issued To" from
/// `credentialSubject.name ?? credential.name`; and
/// `extractIssuerFromVerification` (no registry match) the issuer's `name`.
fn verifier_plus_card(c: &Value) -> Card {
    let subject = &c["credentialSubject"];
    let types: Vec<&str> = c["type"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let badge = types.contains(&"OpenBadgeCredential") || types.contains(&"AchievementCredential");
    let (source, criteria) = if badge {
        (
            "achievement",
            text_at(subject, &["achievement", "criteria", "narrative"]),
        )
    } else {
        (
            "hasCredential",
            text_at(subject, &["hasCredential", "competencyRequired"]),
        )
    };
    Card {
        title: text_at(subject, &[source, "name"]).unwrap_or_default(),
        issuer: text_at(&c["issuer"], &["name"]),
        issued_to: text_at(subject, &["name"]).or_else(|| text_at(c, &["name"])),
        description: text_at(subject, &[source, "description"]),
        criteria,
    }
}

fn verify(di: &DataIntegrity, c: &Value) -> om_core::report::CredentialReport {
    Verifier::new(di, &DidKeyResolver, Utc::now())
        .verify_credential(c)
        .unwrap()
}

#[test]
fn a_letter_shows_its_title_writer_and_text_in_both_apps() {
    let di = DataIntegrity::new();
    let writer = KeyPair::generate();
    for format in [LetterFormat::Ob3, LetterFormat::Vc] {
        for role in [Role::Mentor, Role::Peer] {
            let letter = sign(
                &di,
                &writer,
                &draft(&writer, role, format).to_credential().unwrap(),
            );
            let report = verify(&di, &letter);
            assert_eq!(
                report.verdict(),
                Verdict::Valid,
                "{format:?} {role}: {report:#?}"
            );
            let view = report.letter.unwrap();
            let expected = Card {
                title: format!("Letter of endorsement (written as {role})"),
                issuer: Some("Maria Okafor".into()),
                issued_to: Some("Ana Lima".into()),
                description: Some(TEXT.into()),
                criteria: None,
            };
            for (app, card) in [
                (
                    "Learner Credential Wallet",
                    learner_credential_wallet_card(&letter),
                ),
                ("VerifierPlus", verifier_plus_card(&letter)),
            ] {
                assert_eq!(card, expected, "{app}, {format:?} {role}");
                // The same words the verifier reads.
                assert_eq!(card.description, view.text, "{app}");
                assert_eq!(card.issuer, view.issuer_name, "{app}");
                assert_eq!(card.issued_to, view.subject_name, "{app}");
                assert!(card.title.contains(view.role.unwrap().as_str()), "{app}");
            }
        }
    }
}

#[test]
fn a_letter_without_the_copies_still_verifies_and_is_unknown_to_those_apps() {
    // Letters written before the copies were added.
    let di = DataIntegrity::new();
    let writer = KeyPair::generate();
    let mut unsigned = draft(&writer, Role::Peer, LetterFormat::Ob3)
        .to_credential()
        .unwrap();
    let subject = unsigned["credentialSubject"].as_object_mut().unwrap();
    subject.remove("achievement");
    subject.remove("hasCredential");
    let letter = sign(&di, &writer, &unsigned);
    let report = verify(&di, &letter);
    assert_eq!(report.verdict(), Verdict::Valid, "{report:#?}");
    assert_eq!(report.letter.unwrap().text.as_deref(), Some(TEXT));
    assert_eq!(
        learner_credential_wallet_card(&letter).title,
        "Unknown Credential"
    );
}

/// Signed letters whose display copies say something else than the letter:
/// each is refused as invalid, with the JSON path of the copy.
#[test]
fn a_letter_whose_copies_differ_from_what_it_says_is_refused() {
    type Edit = fn(&mut Value);
    let forgeries: [(&str, Edit, &str); 9] = [
        (
            "another text in the wallet's card",
            |c| c["credentialSubject"]["achievement"]["description"] = json!("Ana is the best."),
            "$.credentialSubject.achievement.description",
        ),
        (
            "another text in VerifierPlus",
            |c| c["credentialSubject"]["hasCredential"]["description"] = json!("Ana is the best."),
            "$.credentialSubject.hasCredential.description",
        ),
        (
            "a mentor's title on a peer's letter",
            |c| {
                c["credentialSubject"]["hasCredential"]["name"] =
                    json!("Letter of endorsement (written as mentor)")
            },
            "$.credentialSubject.hasCredential.name",
        ),
        (
            "a title of its own",
            |c| c["credentialSubject"]["achievement"]["name"] = json!("Master's degree"),
            "$.credentialSubject.achievement.name",
        ),
        (
            "criteria the wallet shows",
            |c| {
                c["credentialSubject"]["achievement"]["criteria"] =
                    json!({"narrative": "Passed with honours"})
            },
            "$.credentialSubject.achievement",
        ),
        (
            "criteria VerifierPlus shows",
            |c| c["credentialSubject"]["hasCredential"]["competencyRequired"] = json!("PhD"),
            "$.credentialSubject.hasCredential",
        ),
        (
            "a copy without the text",
            |c| {
                c["credentialSubject"]["achievement"]
                    .as_object_mut()
                    .unwrap()
                    .remove("description");
            },
            "$.credentialSubject.achievement.description",
        ),
        (
            "two copies where the apps take the first",
            |c| {
                let copy = c["credentialSubject"]["achievement"].clone();
                let mut other = copy.clone();
                other["description"] = json!("Ana is the best.");
                c["credentialSubject"]["achievement"] = json!([other, copy]);
            },
            "$.credentialSubject.achievement",
        ),
        (
            "a copy on a letter with no role",
            |c| {
                c["credentialSubject"]
                    .as_object_mut()
                    .unwrap()
                    .remove("endorserRole");
            },
            "$.credentialSubject.achievement",
        ),
    ];
    let di = DataIntegrity::new();
    let writer = KeyPair::generate();
    for format in [LetterFormat::Ob3, LetterFormat::Vc] {
        let unsigned = draft(&writer, Role::Peer, format).to_credential().unwrap();
        for (name, edit, path) in forgeries {
            let mut forged = unsigned.clone();
            edit(&mut forged);
            let letter = sign(&di, &writer, &forged);
            let report = verify(&di, &letter);
            let what = format!("{format:?}: {name}");
            assert_eq!(report.verdict(), Verdict::Invalid, "{what}: {report:#?}");
            let refusal = report
                .checks
                .iter()
                .find(|c| c.outcome == Outcome::Fail)
                .unwrap();
            assert!(
                refusal.message.contains(path),
                "{what}: the reason must name {path}: {}",
                refusal.message
            );
            assert!(report.letter.is_none(), "{what}: nothing is read from it");
        }
    }
}

/// The default letter is a valid Open Badges 3.0 `EndorsementCredential`
/// under 1EdTech's JSON Schema (copied from 1EdTech/openbadges-specification,
/// `docs/schema/endorsementcredential.json`, commit c73e9663, the 3.0.3
/// formal schema; see `specs/vectors/README.md`), signed or not; and the
/// schema is not a formality: a letter without its subject's `type` fails it.
///
/// The formal schema writes every property that may repeat as an array, so
/// it wants `proof` as an array; a JSON-LD document may write a set of one as
/// its one element (1EdTech publishes a "JSON-LD adaptation" of the schema for
/// that), and a Data Integrity proof is written so. The signed letter is
/// checked with its one proof written as the set of one the formal schema
/// describes: the same document in JSON-LD.
#[test]
fn the_letter_is_valid_under_the_open_badges_json_schema() {
    let schema = common::read_json("openbadges-v3/endorsementcredential.schema.json");
    let validator = jsonschema::draft201909::new(&schema).expect("the schema compiles");
    let di = DataIntegrity::new();
    let writer = KeyPair::generate();
    for role in [Role::Mentor, Role::Peer] {
        let unsigned = draft(&writer, role, LetterFormat::Ob3)
            .to_credential()
            .unwrap();
        let signed = sign(&di, &writer, &unsigned);
        let mut signed_as_set = signed.clone();
        signed_as_set["proof"] = json!([signed["proof"].clone()]);
        for doc in [&unsigned, &signed_as_set] {
            let errors: Vec<String> = validator
                .iter_errors(doc)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{role}: {errors:#?}");
        }
        let mut broken = signed_as_set.clone();
        broken["credentialSubject"]
            .as_object_mut()
            .unwrap()
            .remove("type");
        assert!(
            !validator.is_valid(&broken),
            "the schema must see a missing type"
        );
    }
}

/// The project's own schema of the letter (`specs/schemas/`) describes the
/// display copies, and a copy with a title of its own fails it.
#[test]
fn the_letter_is_valid_under_the_profile_schema() {
    let path = common::vector_path("../schemas/endorsement-letter.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let writer = KeyPair::generate();
    let unsigned = draft(&writer, Role::Mentor, LetterFormat::Ob3)
        .to_credential()
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&unsigned)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut other = unsigned.clone();
    other["credentialSubject"]["achievement"]["name"] = json!("Master's degree");
    assert!(!validator.is_valid(&other));
}
