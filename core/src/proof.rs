//! Data Integrity proofs (`DataIntegrityProof`) with the EdDSA cryptosuites
//! `eddsa-rdfc-2022` and `eddsa-jcs-2022` (W3C VC Data Integrity EdDSA Cryptosuites v1.0).
//!
//! Both suites sign `SHA-256(canonical proof configuration) || SHA-256(canonical
//! document)` with Ed25519; they differ in the canonicalization (RDFC-1.0 over
//! JSON-LD, or JCS over JSON). Verification uses `verify_strict` (no malleable
//! signatures, no small-order keys).

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::Signature;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::canon::{jcs, rdfc::RdfCanonicalizer};
use crate::did::{Resolver, VerificationMethod};
use crate::keys::{multibase_decode, multibase_encode, KeyPair};
use crate::Error;

/// A Data Integrity cryptosuite this toolkit implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cryptosuite {
    /// RDF Dataset Canonicalization + SHA-256 + Ed25519: what Open Badges 3.0 uses.
    #[default]
    EddsaRdfc2022,
    /// JSON Canonicalization Scheme + SHA-256 + Ed25519.
    EddsaJcs2022,
}

impl Cryptosuite {
    /// The suite's registered name.
    pub fn name(self) -> &'static str {
        match self {
            Self::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Self::EddsaJcs2022 => "eddsa-jcs-2022",
        }
    }
}

impl std::str::FromStr for Cryptosuite {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "eddsa-rdfc-2022" => Ok(Self::EddsaRdfc2022),
            "eddsa-jcs-2022" => Ok(Self::EddsaJcs2022),
            other => Err(Error::UnsupportedProof(format!(
                "cryptosuite {other:?} (supported: eddsa-rdfc-2022, eddsa-jcs-2022)"
            ))),
        }
    }
}

impl std::fmt::Display for Cryptosuite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a proof was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofPurpose {
    /// An issuer asserts a credential.
    AssertionMethod,
    /// A holder authenticates a presentation.
    Authentication,
}

impl ProofPurpose {
    /// The purpose's name in a proof.
    pub fn name(self) -> &'static str {
        match self {
            Self::AssertionMethod => "assertionMethod",
            Self::Authentication => "authentication",
        }
    }
}

/// The options of a proof to create.
#[derive(Debug, Clone)]
pub struct ProofOptions {
    /// The cryptosuite.
    pub suite: Cryptosuite,
    /// The purpose.
    pub purpose: ProofPurpose,
    /// The creation time (written with second precision).
    pub created: DateTime<Utc>,
    /// A verifier's challenge (presentations).
    pub challenge: Option<String>,
    /// The verifier's domain (presentations).
    pub domain: Option<String>,
}

impl ProofOptions {
    /// Options for an issuer's assertion, created now.
    pub fn assertion(suite: Cryptosuite) -> Self {
        Self {
            suite,
            purpose: ProofPurpose::AssertionMethod,
            created: Utc::now(),
            challenge: None,
            domain: None,
        }
    }

    /// Options for a holder's authentication, created now.
    pub fn authentication(
        suite: Cryptosuite,
        challenge: Option<String>,
        domain: Option<String>,
    ) -> Self {
        Self {
            suite,
            purpose: ProofPurpose::Authentication,
            created: Utc::now(),
            challenge,
            domain,
        }
    }
}

/// What a verifier requires of a proof besides a valid signature.
#[derive(Debug, Clone)]
pub struct ProofExpectations {
    /// The purpose the proof must state.
    pub purpose: ProofPurpose,
    /// The challenge it must carry, if the verifier issued one.
    pub challenge: Option<String>,
    /// The domain it must carry, if the verifier named one.
    pub domain: Option<String>,
    /// The time against which a proof's `expires` is judged.
    pub now: DateTime<Utc>,
}

/// A proof that verified.
#[derive(Debug, Clone)]
pub struct VerifiedProof {
    /// The cryptosuite used.
    pub suite: Cryptosuite,
    /// The verification method that made it.
    pub method: VerificationMethod,
    /// When it says it was created.
    pub created: Option<String>,
}

/// The verdict on one proof.
#[derive(Debug, Clone)]
pub enum ProofVerdict {
    /// The signature holds and the proof meets the expectations.
    Valid(Box<VerifiedProof>),
    /// Checked, and it does not hold.
    Invalid(String),
    /// The key could not be found, so it could not be checked.
    Unresolved(String),
}

/// Creates and verifies Data Integrity proofs. Holds the JSON-LD caches: make one
/// and share it (it is cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct DataIntegrity {
    rdfc: RdfCanonicalizer,
}

fn hash(s: &str) -> [u8; 32] {
    Sha256::digest(s.as_bytes()).into()
}

/// `proof` of a secured document: one proof object (an array of one is accepted).
pub fn single_proof(secured: &Value) -> Result<&Map<String, Value>, Error> {
    match secured.get("proof") {
        None => Err(Error::Malformed(
            "the document has no \"proof\": it is not signed".into(),
        )),
        Some(Value::Object(p)) => Ok(p),
        Some(Value::Array(a)) if a.len() == 1 => a[0]
            .as_object()
            .ok_or_else(|| Error::Malformed("\"proof\" must be an object".into())),
        Some(Value::Array(_)) => Err(Error::UnsupportedProof(
            "proof sets (more than one proof)".into(),
        )),
        Some(_) => Err(Error::Malformed("\"proof\" must be an object".into())),
    }
}

fn str_field<'a>(proof: &'a Map<String, Value>, name: &str) -> Result<&'a str, Error> {
    proof
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Malformed(format!("the proof has no \"{name}\" string")))
}

impl DataIntegrity {
    /// A new engine over the bundled contexts.
    pub fn new() -> Self {
        Self::default()
    }

    /// The RDF canonicalizer (shared caches).
    pub fn rdf(&self) -> &RdfCanonicalizer {
        &self.rdfc
    }

    /// The canonical forms `(proof configuration, document)` a suite hashes.
    pub fn canonical_forms(
        &self,
        suite: Cryptosuite,
        proof_config: &Value,
        unsecured: &Value,
    ) -> Result<(String, String), Error> {
        Ok(match suite {
            Cryptosuite::EddsaRdfc2022 => (
                self.rdfc.canonicalize(proof_config)?,
                self.rdfc.canonicalize(unsecured)?,
            ),
            Cryptosuite::EddsaJcs2022 => (
                jcs::canonicalize(proof_config)?,
                jcs::canonicalize(unsecured)?,
            ),
        })
    }

    /// The 64 bytes a suite signs: `SHA-256(proof config) || SHA-256(document)`.
    pub fn hash_data(
        &self,
        suite: Cryptosuite,
        proof_config: &Value,
        unsecured: &Value,
    ) -> Result<[u8; 64], Error> {
        let (config, doc) = self.canonical_forms(suite, proof_config, unsecured)?;
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&hash(&config));
        out[32..].copy_from_slice(&hash(&doc));
        Ok(out)
    }

    /// Signs an unsecured document, returning it with a `proof`. The proof is
    /// checked against the signer's own key before it is returned.
    pub fn sign(
        &self,
        unsecured: &Value,
        key: &KeyPair,
        options: &ProofOptions,
    ) -> Result<Value, Error> {
        let doc = unsecured
            .as_object()
            .ok_or_else(|| Error::Malformed("only a JSON object can be signed".into()))?;
        if doc.contains_key("proof") {
            return Err(Error::UnsupportedProof(
                "the document is already signed".into(),
            ));
        }
        let context = doc
            .get("@context")
            .ok_or_else(|| Error::Malformed("the document has no \"@context\"".into()))?;
        let mut proof = Map::new();
        proof.insert("type".into(), "DataIntegrityProof".into());
        proof.insert("cryptosuite".into(), options.suite.name().into());
        proof.insert(
            "created".into(),
            options
                .created
                .to_rfc3339_opts(SecondsFormat::Secs, true)
                .into(),
        );
        proof.insert(
            "verificationMethod".into(),
            key.verification_method().into(),
        );
        proof.insert("proofPurpose".into(), options.purpose.name().into());
        if let Some(c) = &options.challenge {
            proof.insert("challenge".into(), c.clone().into());
        }
        if let Some(d) = &options.domain {
            proof.insert("domain".into(), d.clone().into());
        }
        if options.suite == Cryptosuite::EddsaJcs2022 {
            proof.insert("@context".into(), context.clone());
        }
        let mut config = proof.clone();
        config.insert("@context".into(), context.clone());
        let data = self.hash_data(options.suite, &Value::Object(config), unsecured)?;
        let signature = key.sign(&data);
        key.public_key()
            .verify_strict(&data, &Signature::from_bytes(&signature))
            .map_err(|e| Error::SelfCheck(e.to_string()))?;
        proof.insert("proofValue".into(), multibase_encode(&signature).into());
        let mut secured = doc.clone();
        secured.insert("proof".into(), Value::Object(proof));
        Ok(Value::Object(secured))
    }

    /// Verifies the one proof of a secured document. `Err` means the document
    /// could not be processed (malformed, unknown context, unsupported suite).
    pub fn verify(
        &self,
        secured: &Value,
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<ProofVerdict, Error> {
        let doc = secured
            .as_object()
            .ok_or_else(|| Error::Malformed("a signed document must be a JSON object".into()))?;
        let proof = single_proof(secured)?;
        let proof_type = str_field(proof, "type")?;
        if proof_type != "DataIntegrityProof" {
            return Err(Error::UnsupportedProof(format!(
                "proof type {proof_type:?} (supported: DataIntegrityProof)"
            )));
        }
        let suite: Cryptosuite = str_field(proof, "cryptosuite")?.parse()?;
        let vm_id = str_field(proof, "verificationMethod")?;
        let purpose = str_field(proof, "proofPurpose")?;
        let proof_value = str_field(proof, "proofValue")?;
        let created = proof.get("created").map(|c| c.as_str().map(str::to_string));
        let created = match created {
            None => None,
            Some(Some(c)) if DateTime::parse_from_rfc3339(&c).is_ok() => Some(c),
            Some(_) => {
                return Ok(ProofVerdict::Invalid(
                    "the proof's \"created\" is not a date-time".into(),
                ))
            }
        };
        if purpose != expect.purpose.name() {
            return Ok(ProofVerdict::Invalid(format!(
                "the proof's purpose is {purpose:?}, expected {:?}",
                expect.purpose.name()
            )));
        }
        if let Some(want) = &expect.challenge {
            if proof.get("challenge").and_then(Value::as_str) != Some(want.as_str()) {
                return Ok(ProofVerdict::Invalid(
                    "the proof does not carry the expected challenge".into(),
                ));
            }
        }
        if let Some(want) = &expect.domain {
            let ok = match proof.get("domain") {
                Some(Value::String(d)) => d == want,
                Some(Value::Array(ds)) => ds.iter().any(|d| d.as_str() == Some(want.as_str())),
                _ => false,
            };
            if !ok {
                return Ok(ProofVerdict::Invalid(
                    "the proof is not for the expected domain".into(),
                ));
            }
        }
        if let Some(expires) = proof.get("expires") {
            match expires
                .as_str()
                .and_then(|e| DateTime::parse_from_rfc3339(e).ok())
            {
                Some(e) if e < expect.now => {
                    return Ok(ProofVerdict::Invalid(format!("the proof expired at {e}")))
                }
                Some(_) => {}
                None => {
                    return Ok(ProofVerdict::Invalid(
                        "the proof's \"expires\" is not a date-time".into(),
                    ))
                }
            }
        }
        let signature: [u8; 64] = match multibase_decode(proof_value)
            .ok()
            .and_then(|b| b.try_into().ok())
        {
            Some(s) => s,
            None => {
                return Ok(ProofVerdict::Invalid(
                    "the proofValue is not a 64-byte base58btc signature".into(),
                ))
            }
        };
        let mut unsecured = doc.clone();
        unsecured.remove("proof");
        let doc_context = doc
            .get("@context")
            .ok_or_else(|| Error::Malformed("the document has no \"@context\"".into()))?;
        let mut config = proof.clone();
        config.remove("proofValue");
        if let Some(proof_context) = proof.get("@context") {
            if !context_is_prefix(proof_context, doc_context) {
                return Ok(ProofVerdict::Invalid(
                    "the proof's @context does not match the document's @context".into(),
                ));
            }
            unsecured.insert("@context".into(), proof_context.clone());
        }
        let context = unsecured["@context"].clone();
        config.insert("@context".into(), context);
        let method = match resolver.resolve(vm_id) {
            Ok(m) => m,
            Err(e) => return Ok(ProofVerdict::Unresolved(e.to_string())),
        };
        let data = self.hash_data(suite, &Value::Object(config), &Value::Object(unsecured))?;
        match method.public_key.verify_strict(&data, &Signature::from_bytes(&signature)) {
            Ok(()) => Ok(ProofVerdict::Valid(Box::new(VerifiedProof { suite, method, created }))),
            Err(_) => Ok(ProofVerdict::Invalid(
                "the signature does not match: the document was changed after signing, or signed with another key".into(),
            )),
        }
    }
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

fn context_is_prefix(prefix: &Value, full: &Value) -> bool {
    let (p, f) = (as_list(prefix), as_list(full));
    p.len() <= f.len() && p.iter().zip(&f).all(|(a, b)| a == b)
}
