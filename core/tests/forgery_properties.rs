//! Property: random JSON-level edits of signed letters never yield a valid
//! verdict whose displayed fields (issuer, subject, name, role, text, dates,
//! status) differ from the original's. Edits that only move JSON around
//! (reordering keys) stay valid and read the same, so the comparison is
//! exercised, not vacuous.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::{LetterDraft, LetterFormat, Profile, Role};
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::{CheckKind, CredentialReport, Verdict};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use om_core::verify::{StatusSource, Verifier};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const URL: &str = "https://peer.example/status/9";

/// Full and compact spellings of the terms a letter uses.
const IRIS: &[(&str, &str)] = &[
    (
        "credentialStatus",
        "https://www.w3.org/2018/credentials#credentialStatus",
    ),
    (
        "credentialSubject",
        "https://www.w3.org/2018/credentials#credentialSubject",
    ),
    ("validFrom", "https://www.w3.org/2018/credentials#validFrom"),
    (
        "validUntil",
        "https://www.w3.org/2018/credentials#validUntil",
    ),
    ("issuer", "https://www.w3.org/2018/credentials#issuer"),
    ("name", "https://schema.org/name"),
    (
        "endorsementComment",
        "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementComment",
    ),
    (
        "endorserRole",
        "https://www.w3.org/ns/credentials/undefined-term#endorserRole",
    ),
    (
        "statusPurpose",
        "https://www.w3.org/ns/credentials/status#statusPurpose",
    ),
    (
        "statusListIndex",
        "https://www.w3.org/ns/credentials/status#statusListIndex",
    ),
    ("id", "@id"),
    ("type", "@type"),
    ("expires", "https://w3id.org/security#expiration"),
    ("proofPurpose", "sec:proofPurpose"),
];

#[derive(Debug, Clone)]
enum Edit {
    /// A key replaced by its full IRI (or keyword).
    KeyToIri(usize, usize),
    /// A nested `@context` mapping one of the object's keys to null or elsewhere.
    NestedContext(usize, usize, bool),
    /// A string value wrapped in a value object.
    ValueObject(usize, usize),
    /// An extra subject, before or after the real one, claiming other things.
    ExtraSubject(bool, bool),
    /// `null` for a value, or a new key with `null`.
    Null(usize, usize),
    /// The object's keys in reverse order (harmless).
    Reorder(usize),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let i = 0usize..64;
    prop_oneof![
        (i.clone(), i.clone()).prop_map(|(o, k)| Edit::KeyToIri(o, k)),
        (i.clone(), i.clone(), any::<bool>()).prop_map(|(o, k, n)| Edit::NestedContext(o, k, n)),
        (i.clone(), i.clone()).prop_map(|(o, k)| Edit::ValueObject(o, k)),
        (any::<bool>(), any::<bool>()).prop_map(|(f, a)| Edit::ExtraSubject(f, a)),
        (i.clone(), i.clone()).prop_map(|(o, k)| Edit::Null(o, k)),
        i.prop_map(Edit::Reorder),
    ]
}

/// Every object in the document, as a list of steps from the root.
fn objects(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(o) => {
            out.push(path.clone());
            for (k, item) in o {
                path.push(k.clone().into());
                objects(item, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                path.push(i.into());
                objects(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(doc: &'a mut Value, path: &[Value]) -> &'a mut Map<String, Value> {
    let mut cur = doc;
    for step in path {
        cur = match step {
            Value::String(k) => &mut cur[k.as_str()],
            Value::Number(i) => &mut cur[i.as_u64().unwrap() as usize],
            _ => unreachable!(),
        };
    }
    cur.as_object_mut().unwrap()
}

fn apply(doc: &mut Value, edit: &Edit) {
    let mut all = Vec::new();
    objects(doc, &mut vec![], &mut all);
    let pick = |o: usize| all[o % all.len()].clone();
    match edit {
        Edit::KeyToIri(o, k) => {
            let obj = at(doc, &pick(*o));
            let keys: Vec<String> = obj.keys().cloned().collect();
            let key = &keys[k % keys.len()];
            if let Some((_, iri)) = IRIS.iter().find(|(t, _)| t == key) {
                let v = obj.remove(key).unwrap();
                obj.insert(iri.to_string(), v);
            }
        }
        Edit::NestedContext(o, k, null) => {
            let obj = at(doc, &pick(*o));
            let keys: Vec<String> = obj
                .keys()
                .filter(|k| !k.starts_with('@'))
                .cloned()
                .collect();
            if keys.is_empty() {
                return;
            }
            let key = keys[k % keys.len()].clone();
            let mapping = if *null {
                Value::Null
            } else {
                "urn:example:elsewhere".into()
            };
            obj.insert("@context".into(), json!({ key: mapping }));
        }
        Edit::ValueObject(o, k) => {
            let obj = at(doc, &pick(*o));
            let keys: Vec<String> = obj.keys().cloned().collect();
            let key = &keys[k % keys.len()];
            if let Some(Value::String(s)) = obj.get(key) {
                let wrapped = json!({ "@value": s });
                obj.insert(key.clone(), wrapped);
            }
        }
        Edit::ExtraSubject(first, absolute) => {
            let real = doc["credentialSubject"].take();
            let mut fake = match &real {
                Value::Array(a) => a[0].clone(),
                other => other.clone(),
            };
            if !fake.is_object() {
                fake = json!({});
            }
            fake["id"] = if *absolute { "did:example:eve" } else { "eve" }.into();
            fake["endorserRole"] = "mentor".into();
            fake["endorsementComment"] = "Invented.".into();
            let mut all = match real {
                Value::Array(a) => a,
                other => vec![other],
            };
            if *first {
                all.insert(0, fake);
            } else {
                all.push(fake);
            }
            doc["credentialSubject"] = Value::Array(all);
        }
        Edit::Null(o, k) => {
            let obj = at(doc, &pick(*o));
            let keys: Vec<String> = obj.keys().cloned().collect();
            let key = if k % 2 == 0 {
                keys[k % keys.len()].clone()
            } else {
                "note".into()
            };
            obj.insert(key, Value::Null);
        }
        Edit::Reorder(o) => {
            let obj = at(doc, &pick(*o));
            let reversed: Map<String, Value> = std::mem::take(obj).into_iter().rev().collect();
            *obj = reversed;
        }
    }
}

struct Lists(HashMap<String, Value>);
impl StatusSource for Lists {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.0.get(url).cloned().ok_or_else(|| "unreachable".into())
    }
}

/// What a person is shown of a letter.
fn shown(r: &CredentialReport) -> (Value, Vec<String>) {
    let letter = serde_json::to_value(&r.letter).unwrap();
    let messages = r
        .checks
        .iter()
        .filter(|c| matches!(c.kind, CheckKind::ValidityPeriod | CheckKind::Status))
        .map(|c| c.message.clone())
        .collect();
    (letter, messages)
}

struct World {
    di: DataIntegrity,
    letters: Vec<Value>,
    lists: Lists,
}

fn world() -> World {
    let di = DataIntegrity::new();
    let peer = KeyPair::generate();
    let holder = KeyPair::generate();
    let mut letters = Vec::new();
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let d = LetterDraft {
            id: om_core::letter::new_credential_id(),
            endorser: Profile {
                id: peer.controller().into(),
                name: "Pat".into(),
                ..Default::default()
            },
            role: Role::Peer,
            subject_id: holder.controller().into(),
            subject_name: "Ana".into(),
            text: "Ana ran twelve circles.".into(),
            format: LetterFormat::Ob3,
            valid_from: Utc::now() - Duration::days(3),
            valid_until: Some(Utc::now() + Duration::days(300)),
            status: Some(status_entry(URL, 5)),
        };
        let c = d.to_credential().unwrap();
        letters.push(di.sign(&c, &peer, &ProofOptions::assertion(suite)).unwrap());
    }
    let list = status_list_credential(
        URL,
        peer.controller(),
        &Bitstring::new(0),
        Utc::now() - Duration::hours(1),
        None,
    );
    let list = di
        .sign(
            &list,
            &peer,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap();
    World {
        di,
        letters,
        lists: Lists([(URL.to_string(), list)].into()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn edited_letters_never_verify_with_other_words(
        which in 0usize..2,
        edits in proptest::collection::vec(edit_strategy(), 1..4),
    ) {
        thread_local!(static WORLD: World = world());
        WORLD.with(|w| {
            let mut v = Verifier::new(&w.di, &DidKeyResolver, Utc::now());
            v.status = Some(&w.lists);
            let original = &w.letters[which];
            let before = v.verify_credential(original).unwrap();
            prop_assert_eq!(before.verdict(), Verdict::Valid);
            let mut forged = original.clone();
            for e in &edits {
                apply(&mut forged, e);
            }
            let after = v.verify_credential(&forged).unwrap();
            if after.verdict() == Verdict::Valid {
                prop_assert_eq!(shown(&after), shown(&before), "{:?}", edits);
            }
            if edits.iter().all(|e| matches!(e, Edit::Reorder(_))) {
                prop_assert_eq!(after.verdict(), Verdict::Valid, "reordering keys is harmless");
            }
            Ok(())
        })?;
    }
}
