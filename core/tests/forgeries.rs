//! What the page shows is what was signed: edits of signed letters that keep
//! the signed RDF (so an `eddsa-rdfc-2022` signature still holds) but change
//! what the JSON says. Each must be refused as **invalid**, with the JSON path,
//! as a credential, inside a presentation, and (for status lists) as the list
//! a letter's revocation is checked against; in both suites.
//!
//! For the rdfc suite, each case first proves that the edit really keeps the
//! canonical N-Quads unchanged: without the strict reader, the signature would
//! verify and the forgery would pass.

mod common;

use std::collections::HashMap;

use chrono::{Duration, Utc};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::{LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::{CheckKind, Outcome, Verdict};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use om_core::verify::{PresentationOptions, StatusSource, Verifier};
use serde_json::{json, Value};

const SUITES: [Cryptosuite; 2] = [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022];
const STATUS_URL: &str = "https://peer.example/status/1";
const VC: &str = "https://www.w3.org/2018/credentials#";
const UNDEF: &str = "https://www.w3.org/ns/credentials/undefined-term#";

struct Fixture {
    di: DataIntegrity,
    peer: KeyPair,
    holder: KeyPair,
}

impl Fixture {
    fn new() -> Self {
        Self {
            di: DataIntegrity::new(),
            peer: KeyPair::generate(),
            holder: KeyPair::generate(),
        }
    }

    /// A peer's letter, revocable, valid until `until`.
    fn letter(&self, suite: Cryptosuite, until_days: i64) -> Value {
        let d = LetterDraft {
            id: om_core::letter::new_credential_id(),
            endorser: Profile {
                id: self.peer.controller().to_string(),
                name: "Pat Peer".into(),
                ..Default::default()
            },
            role: Role::Peer,
            subject_id: self.holder.controller().to_string(),
            subject_name: "Ana Lima".into(),
            text: "Ana ran twelve study circles.".into(),
            format: LetterFormat::Ob3,
            valid_from: Utc::now() - Duration::days(30),
            valid_until: Some(Utc::now() + Duration::days(until_days)),
            status: Some(status_entry(STATUS_URL, 77)),
        };
        self.di
            .sign(
                &d.to_credential().unwrap(),
                &self.peer,
                &ProofOptions::assertion(suite),
            )
            .unwrap()
    }

    /// The peer's status list with bit 77 set (the letter is revoked).
    fn revoked_list(&self, suite: Cryptosuite) -> Value {
        let mut bits = Bitstring::new(0);
        bits.set(77, true).unwrap();
        let list = status_list_credential(
            STATUS_URL,
            self.peer.controller(),
            &bits,
            Utc::now() - Duration::hours(1),
            Some(Utc::now() - Duration::minutes(1)),
        );
        self.di
            .sign(&list, &self.peer, &ProofOptions::assertion(suite))
            .unwrap()
    }

    /// What a general JSON-LD processor signs of the document (without its proof).
    fn unsigned_nquads(&self, doc: &Value) -> Option<String> {
        let mut d = doc.clone();
        d.as_object_mut().unwrap().remove("proof");
        common::reference().canonicalize(&d).ok()
    }
}

struct Lists(HashMap<String, Value>);

impl StatusSource for Lists {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.0.get(url).cloned().ok_or_else(|| "unreachable".into())
    }
}

/// A change to a signed document.
type Edit = fn(&mut Value);

/// An edit, and the JSON path the refusal must name.
struct Forgery {
    name: &'static str,
    edit: Edit,
    path: &'static str,
    /// The edit keeps the signed RDF (checked for the rdfc suite).
    keeps_rdf: bool,
}

fn subject(doc: &mut Value) -> &mut serde_json::Map<String, Value> {
    doc["credentialSubject"].as_object_mut().unwrap()
}

fn rename(obj: &mut Value, from: &str, to: &str) {
    let o = obj.as_object_mut().unwrap();
    let v = o.remove(from).unwrap();
    o.insert(to.to_string(), v);
}

const LETTER_FORGERIES: &[Forgery] = &[
    // Class 1: a nested context maps a term to null; the signed value is kept
    // under its full IRI, and the dropped term says something else.
    Forgery {
        name: "peer shown as mentor through a null mapping",
        edit: |d| {
            let s = subject(d);
            s.insert("@context".into(), json!({ "endorserRole": null }));
            let signed = s.remove("endorserRole").unwrap();
            s.insert(format!("{UNDEF}endorserRole"), signed);
            s.insert("endorserRole".into(), "mentor".into());
        },
        path: "$.credentialSubject.@context",
        keeps_rdf: true,
    },
    Forgery {
        name: "text replaced through a redefinition",
        edit: |d| {
            let s = subject(d);
            s.insert(
                "@context".into(),
                json!({ "endorsementComment": "urn:example:unsigned" }),
            );
            s.insert("endorsementComment".into(), "Other words.".into());
        },
        path: "$.credentialSubject.@context",
        keeps_rdf: false,
    },
    // Class 2: full IRIs as keys hide what the readers look for.
    Forgery {
        name: "revocation hidden behind a full IRI",
        edit: |d| rename(d, "credentialStatus", &format!("{VC}credentialStatus")),
        path: "$[\"https://www.w3.org/2018/credentials#credentialStatus\"]",
        keeps_rdf: true,
    },
    Forgery {
        name: "expiry hidden behind a full IRI and a value object",
        edit: |d| {
            let until = d.as_object_mut().unwrap().remove("validUntil").unwrap();
            d[format!("{VC}validUntil")] = json!({
                "@value": until,
                "@type": "http://www.w3.org/2001/XMLSchema#dateTime"
            });
        },
        path: "$[\"https://www.w3.org/2018/credentials#validUntil\"]",
        keeps_rdf: true,
    },
    Forgery {
        name: "a proof's expiry behind a full IRI",
        edit: |d| {
            d["proof"]["https://w3id.org/security#expiration"] = "2000-01-01T00:00:00Z".into();
        },
        path: "$.proof[\"https://w3id.org/security#expiration\"]",
        keeps_rdf: true,
    },
    // Class 3: values that expansion drops.
    Forgery {
        name: "an invented subject with a relative id",
        edit: |d| {
            let real = d["credentialSubject"].take();
            d["credentialSubject"] = json!([{
                "id": "ana",
                "type": ["EndorsementSubject"],
                "name": "Eve",
                "endorserRole": "mentor",
                "endorsementComment": "Invented."
            }, real]);
        },
        path: "$.credentialSubject[0].id",
        keeps_rdf: true,
    },
    Forgery {
        name: "a DID with a space",
        edit: |d| {
            d["credentialSubject"]["id"] = "did:web:example.org:x y".into();
        },
        path: "$.credentialSubject.id",
        keeps_rdf: false,
    },
    Forgery {
        name: "null where a value was",
        edit: |d| {
            subject(d).insert("name".into(), Value::Null);
        },
        path: "$.credentialSubject.name",
        keeps_rdf: false,
    },
    Forgery {
        name: "a keyword JSON-LD ignores",
        edit: |d| {
            subject(d).insert("@role".into(), "mentor".into());
        },
        path: "$.credentialSubject.@role",
        keeps_rdf: true,
    },
    Forgery {
        name: "an @id beside the id alias",
        edit: |d| rename(&mut d["credentialSubject"], "id", "@id"),
        path: "$.credentialSubject.@id",
        keeps_rdf: true,
    },
];

fn assert_refused(checks: &[om_core::report::Check], path: &str, what: &str) {
    let refusal = checks
        .iter()
        .find(|c| c.outcome == Outcome::Fail)
        .unwrap_or_else(|| panic!("{what}: nothing failed: {checks:#?}"));
    assert!(
        refusal.message.contains(path),
        "{what}: the reason must name {path}: {}",
        refusal.message
    );
}

#[test]
fn letters_edited_below_the_signature_are_refused_in_both_suites() {
    let f = Fixture::new();
    let lists = Lists(HashMap::new());
    for suite in SUITES {
        let letter = f.letter(suite, 365);
        for forgery in LETTER_FORGERIES {
            let mut forged = letter.clone();
            (forgery.edit)(&mut forged);
            let what = format!("{suite}: {}", forgery.name);
            if suite == Cryptosuite::EddsaRdfc2022 && forgery.keeps_rdf {
                assert_eq!(
                    f.unsigned_nquads(&forged),
                    f.unsigned_nquads(&letter),
                    "{what}: the edit must keep the signed RDF for this test to mean anything"
                );
            }
            let mut v = Verifier::new(&f.di, &DidKeyResolver, Utc::now());
            v.status = Some(&lists);
            let r = v.verify_credential(&forged).unwrap();
            assert_eq!(r.verdict(), Verdict::Invalid, "{what}: {r:#?}");
            assert_refused(&r.checks, forgery.path, &what);
            assert!(r.letter.is_none(), "{what}: nothing is read from it");

            // The same letter inside a presentation. (This toolkit refuses to
            // sign one around it, so the forged letter replaces a real one.)
            let mut p = sign_presentation(
                &f.di,
                &f.holder,
                vec![letter.clone()],
                &ProofOptions::authentication(suite, Some("c".into()), Some("d".into())),
            )
            .unwrap();
            p["verifiableCredential"][0] = forged.clone();
            let options = PresentationOptions {
                challenge: Some("c".into()),
                domain: Some("d".into()),
                apply_rule: true,
            };
            let r = v.verify_presentation(&p, &options).unwrap();
            assert_eq!(r.verdict(), Verdict::Invalid, "{what} in a presentation");
            let inner = forgery.path.replacen('$', "$.verifiableCredential[0]", 1);
            assert_refused(&r.credentials[0].checks, &inner, &what);
            let rule = r.checks.iter().find(|c| c.kind == CheckKind::ProgrammeRule);
            assert_eq!(
                rule.unwrap().outcome,
                Outcome::Fail,
                "{what}: no letter counts"
            );
        }
    }
}

#[test]
fn the_original_letters_hold_and_show_what_was_signed() {
    let f = Fixture::new();
    for suite in SUITES {
        let letter = f.letter(suite, 365);
        let r = Verifier::new(&f.di, &DidKeyResolver, Utc::now())
            .verify_credential(&letter)
            .unwrap();
        // Valid but for the status list, which no source serves here.
        assert_eq!(r.verdict(), Verdict::Undetermined, "{r:#?}");
        let l = r.letter.unwrap();
        assert_eq!(l.role, Some(Role::Peer));
        assert_eq!(l.text.as_deref(), Some("Ana ran twelve study circles."));
        assert_eq!(l.subject_name.as_deref(), Some("Ana Lima"));
    }
}

#[test]
fn an_expired_letter_cannot_hide_its_expiry() {
    let f = Fixture::new();
    for suite in SUITES {
        let mut letter = f.letter(suite, -1);
        let r = Verifier::new(&f.di, &DidKeyResolver, Utc::now())
            .verify_credential(&letter)
            .unwrap();
        let dates = r
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::ValidityPeriod);
        assert_eq!(dates.unwrap().outcome, Outcome::Fail);
        (LETTER_FORGERIES[3].edit)(&mut letter);
        let r = Verifier::new(&f.di, &DidKeyResolver, Utc::now())
            .verify_credential(&letter)
            .unwrap();
        assert_eq!(r.verdict(), Verdict::Invalid);
    }
}

#[test]
fn presentations_edited_below_the_holder_signature_are_refused() {
    let f = Fixture::new();
    for suite in SUITES {
        let letter = f.letter(suite, 365);
        let p = sign_presentation(
            &f.di,
            &f.holder,
            vec![letter],
            &ProofOptions::authentication(suite, None, None),
        )
        .unwrap();
        let edits: &[(&str, Edit)] = &[
            ("$.@context", |p| p["@context"] = json!([{"holder": null}])),
            ("$[\"https://www.w3.org/2018/credentials#holder\"]", |p| {
                rename(p, "holder", "https://www.w3.org/2018/credentials#holder")
            }),
            ("$.holder", |p| p["holder"] = "holder".into()),
            ("$.proof.@context", |p| {
                p["proof"]["@context"] = json!({"proofPurpose": null})
            }),
        ];
        for (path, edit) in edits {
            let mut forged = p.clone();
            edit(&mut forged);
            let r = Verifier::new(&f.di, &DidKeyResolver, Utc::now())
                .verify_presentation(&forged, &PresentationOptions::default())
                .unwrap();
            assert_eq!(r.verdict(), Verdict::Invalid, "{suite} {path}");
            assert_refused(&r.checks, path, path);
        }
    }
}

#[test]
fn tampered_status_lists_never_report_not_revoked() {
    let f = Fixture::new();
    for suite in SUITES {
        let letter = f.letter(suite, 365);
        let list = f.revoked_list(suite);
        let status_of = |list: Value| {
            let lists = Lists([(STATUS_URL.to_string(), list)].into());
            let mut v = Verifier::new(&f.di, &DidKeyResolver, Utc::now() - Duration::minutes(5));
            v.status = Some(&lists);
            let r = v.verify_credential(&letter).unwrap();
            let c = r
                .checks
                .iter()
                .find(|c| c.kind == CheckKind::Status)
                .unwrap()
                .clone();
            (r.verdict(), c)
        };
        let (verdict, c) = status_of(list.clone());
        assert_eq!(
            (verdict, c.outcome),
            (Verdict::Invalid, Outcome::Fail),
            "{c:?}"
        );
        assert!(c.message.contains("revoked by its issuer"), "{}", c.message);

        let forgeries: &[(&str, Edit, bool)] = &[
            // Class 4: a second subject with an all-zero list, first.
            (
                "$.credentialSubject[0].id",
                |l| {
                    let real = l["credentialSubject"].take();
                    let mut zero = real.clone();
                    zero["encodedList"] = Bitstring::new(0).encode().into();
                    zero["id"] = "zero".into();
                    l["credentialSubject"] = json!([zero, real]);
                },
                true,
            ),
            (
                "$[\"https://www.w3.org/2018/credentials#validUntil\"]",
                |l| {
                    let until = l.as_object_mut().unwrap().remove("validUntil").unwrap();
                    l[format!("{VC}validUntil")] = json!({
                        "@value": until,
                        "@type": "http://www.w3.org/2001/XMLSchema#dateTime"
                    });
                },
                true,
            ),
            (
                "$.credentialSubject.@context",
                |l| {
                    l["credentialSubject"]["@context"] = json!({"encodedList": null});
                    rename(
                        &mut l["credentialSubject"],
                        "encodedList",
                        "https://www.w3.org/ns/credentials/status#encodedList",
                    );
                    l["credentialSubject"]["encodedList"] = Bitstring::new(0).encode().into();
                },
                // (The type-scoped context restores the term, so this one also
                // changes the RDF; it is refused before any signature check.)
                false,
            ),
        ];
        for (path, edit, keeps_rdf) in forgeries {
            let mut forged = list.clone();
            edit(&mut forged);
            if suite == Cryptosuite::EddsaRdfc2022 && *keeps_rdf {
                assert_eq!(
                    f.unsigned_nquads(&forged),
                    f.unsigned_nquads(&list),
                    "{path}"
                );
            }
            let (verdict, c) = status_of(forged);
            assert_eq!(verdict, Verdict::Invalid, "{suite} {path}: {c:?}");
            assert_eq!(c.outcome, Outcome::Fail);
            assert!(c.message.contains(path), "{suite}: {}", c.message);
        }
    }
}

#[test]
fn did_syntax_is_checked_where_identities_are_made_and_resolved() {
    assert!(om_core::did::did_web("example.org/x y").is_err());
    assert!(om_core::did::did_web("example.org/people/ana").is_ok());
    // A did:key whose fragment names another key is invalid, not "unknown".
    let f = Fixture::new();
    let other = KeyPair::generate();
    let mut letter = f.letter(Cryptosuite::EddsaJcs2022, 365);
    let vm = letter["proof"]["verificationMethod"]
        .as_str()
        .unwrap()
        .to_string();
    let did = vm.split('#').next().unwrap();
    let other_mb = other.controller().trim_start_matches("did:key:");
    letter["proof"]["verificationMethod"] = format!("{did}#{other_mb}").into();
    let r = Verifier::new(&f.di, &DidKeyResolver, Utc::now())
        .verify_credential(&letter)
        .unwrap();
    let proof = r
        .checks
        .iter()
        .find(|c| c.kind == CheckKind::Proof)
        .unwrap();
    assert_eq!(proof.outcome, Outcome::Fail, "{proof:?}");
}

#[test]
fn a_proof_set_holds_only_when_the_issuer_made_every_proof() {
    // A proof set is not a way to add a co-signer: each valid proof must be
    // made with a key of the issuer. A stranger's valid proof beside the
    // issuer's makes the letter invalid, naming the stranger's proof.
    let f = Fixture::new();
    let stranger = KeyPair::generate();
    let letter = f.letter(Cryptosuite::EddsaRdfc2022, 365);
    let mut unsigned = letter.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let proof_by = |key: &KeyPair, suite: Cryptosuite| {
        f.di.sign(&unsigned, key, &ProofOptions::assertion(suite))
            .unwrap()["proof"]
            .clone()
    };
    let verifier = Verifier::new(&f.di, &DidKeyResolver, Utc::now());
    let checks_of = |proofs: Vec<Value>| {
        let mut c = unsigned.clone();
        c["proof"] = Value::Array(proofs);
        let r = verifier.verify_credential(&c).unwrap();
        let get = |k: CheckKind| r.checks.iter().find(|c| c.kind == k).unwrap().clone();
        (
            r.verdict(),
            get(CheckKind::Proof),
            get(CheckKind::KeyBinding),
        )
    };

    // The issuer's own set, in both suites: it holds.
    let (_, proof, signer) = checks_of(vec![
        letter["proof"].clone(),
        proof_by(&f.peer, Cryptosuite::EddsaJcs2022),
    ]);
    assert_eq!(proof.outcome, Outcome::Pass, "{}", proof.message);
    assert_eq!(signer.outcome, Outcome::Pass, "{}", signer.message);

    for suite in SUITES {
        let (verdict, proof, signer) =
            checks_of(vec![letter["proof"].clone(), proof_by(&stranger, suite)]);
        assert_eq!(verdict, Verdict::Invalid, "{suite}");
        assert_eq!(proof.outcome, Outcome::Pass, "{suite}: {}", proof.message);
        assert_eq!(signer.outcome, Outcome::Fail, "{suite}");
        assert!(
            signer.message.contains("$.proof[1]") && signer.message.contains(stranger.controller()),
            "{suite}: {}",
            signer.message
        );
    }
}
