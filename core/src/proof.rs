//! Data Integrity proofs (`DataIntegrityProof`) with the EdDSA cryptosuites
//! `eddsa-rdfc-2022` and `eddsa-jcs-2022` (W3C VC Data Integrity EdDSA Cryptosuites v1.0),
//! and, to verify only, `Ed25519Signature2020` proofs (W3C CCG Ed25519 Signature
//! 2020), as wallets such as the Learner Credential Wallet sign presentations and as
//! the Digital Credentials Consortium's tools sign credentials.
//!
//! All three sign `SHA-256(canonical proof configuration) || SHA-256(canonical
//! document)` with Ed25519; they differ in the canonicalization (RDFC-1.0 over
//! JSON-LD, or JCS over JSON). `Ed25519Signature2020` canonicalizes as
//! `eddsa-rdfc-2022` does (RDFC-1.0, the proof options under the document's
//! `@context`); it names its type instead of a `cryptosuite`. Verification uses
//! `verify_strict` (no malleable signatures, no small-order keys).
//!
//! Signing takes a [`Cryptosuite`], which cannot name `Ed25519Signature2020`:
//! this toolkit never writes such a proof.
//!
//! A credential may carry a proof set (`proof` an array, VC Data Integrity §2.1.1):
//! [`DataIntegrity::verify_set`] judges every proof of it, each made over the
//! document without its proofs; what the set comes to is decided by
//! [`crate::verify`]. Presentations, status lists and confirmations carry one proof.

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::Signature;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::canon::{jcs, rdfc, rdfc::RdfCanonicalizer};
use crate::contexts::ED25519_SIGNATURE_2020_V1;
use crate::did::{Resolver, VerificationMethod};
use crate::jsonld::{vocab, Checked, CheckedPresentation, Node, Refusal};
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

/// A proof suite this toolkit verifies: the Data Integrity cryptosuites it
/// also signs with, and `Ed25519Signature2020`, which it verifies only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProofSuite {
    /// A `DataIntegrityProof` with this cryptosuite.
    DataIntegrity(Cryptosuite),
    /// An `Ed25519Signature2020` proof (W3C CCG): RDFC-1.0 + SHA-256 + Ed25519.
    /// Verification only, on presentations and credentials alike.
    Ed25519Signature2020,
}

impl ProofSuite {
    /// The name a report gives: the cryptosuite, or the proof type.
    pub fn name(self) -> &'static str {
        match self {
            Self::DataIntegrity(suite) => suite.name(),
            Self::Ed25519Signature2020 => "Ed25519Signature2020",
        }
    }
}

impl From<Cryptosuite> for ProofSuite {
    fn from(suite: Cryptosuite) -> Self {
        Self::DataIntegrity(suite)
    }
}

impl std::fmt::Display for ProofSuite {
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

    /// The purpose's IRI, as the checked proof node gives it.
    pub fn iri(self) -> &'static str {
        match self {
            Self::AssertionMethod => vocab::SEC_ASSERTION_METHOD,
            Self::Authentication => vocab::SEC_AUTHENTICATION,
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
    /// The suite used.
    pub suite: ProofSuite,
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

/// One proof of a document, with the verdict on it.
#[derive(Debug, Clone)]
pub struct SetMember {
    /// The JSON path of the proof: `$.proof`, or `$.proof[1]` in a proof set.
    pub path: String,
    /// What came of it.
    pub verdict: MemberVerdict,
}

/// The verdict on one proof of a proof set.
#[derive(Debug, Clone)]
pub enum MemberVerdict {
    /// A proof of a suite this toolkit verifies, verified.
    Checked(ProofVerdict),
    /// A proof of a type or cryptosuite this toolkit does not verify (or a
    /// member of a proof chain): not checked, so it supports nothing, and the
    /// reason is reported.
    Unsupported(String),
}

/// Why a proof is not accepted, as read from its node.
enum Rejection {
    /// The proof is of a supported suite, and does not hold.
    Invalid(String),
    /// The proof is of a kind this toolkit does not verify.
    Unsupported(String),
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
            // The quads of the strict reader's tree: what is signed and
            // verified is exactly what the readers read.
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
        Ok(join_hashes(&config, &doc))
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
        // Never write what a verifier here would refuse.
        crate::jsonld::check_document(unsecured)?;
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
        let secured = Value::Object(secured);
        crate::jsonld::check_document(&secured)?;
        Ok(secured)
    }

    /// Verifies the one proof of a secured document. The document is first
    /// read strictly ([`crate::jsonld::check_document`]); a refused document
    /// gets an invalid verdict naming the JSON path. `Err` means the document
    /// could not be processed (no proof, unsupported suite).
    pub fn verify(
        &self,
        secured: &Value,
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<ProofVerdict, Error> {
        match crate::jsonld::check_document(secured) {
            Ok(checked) => self.verify_checked(&checked, resolver, expect),
            Err(refusal) => Ok(ProofVerdict::Invalid(format!("refused: {refusal}"))),
        }
    }

    /// Verifies the one proof of a strictly checked document. Every proof
    /// field is read from the checked (expanded) proof node, by IRI.
    pub fn verify_checked(
        &self,
        checked: &Checked,
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<ProofVerdict, Error> {
        self.verify_parts(checked, &[], resolver, expect)
    }

    /// Verifies the holder's proof of a checked presentation. The quads of the
    /// presentation are made from the trees already walked (its own and each
    /// credential's), so nothing is read twice; a presentation with a refused
    /// credential cannot be canonicalized, and is an error naming the path.
    pub fn verify_presentation_checked(
        &self,
        presentation: &CheckedPresentation,
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<ProofVerdict, Error> {
        let embedded: Vec<&Node> = presentation
            .credentials
            .iter()
            .map(|c| c.as_ref().map(|c| c.node()).map_err(Refusal::clone))
            .collect::<Result<_, _>>()?;
        self.verify_parts(presentation.doc(), &embedded, resolver, expect)
    }

    fn verify_parts(
        &self,
        checked: &Checked,
        embedded: &[&Node],
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<ProofVerdict, Error> {
        let proof_json = single_proof(checked.json())?;
        let node = match checked.proof() {
            Ok(Some(node)) => node,
            Ok(None) => {
                return Err(Error::Malformed(
                    "the document has no \"proof\": it is not signed".into(),
                ))
            }
            Err(refusal) => return Ok(ProofVerdict::Invalid(format!("refused: {refusal}"))),
        };
        Ok(
            match self.verify_member(checked, embedded, (proof_json, node), resolver, expect)? {
                MemberVerdict::Checked(verdict) => verdict,
                // Alone, a proof this toolkit cannot check is no proof.
                MemberVerdict::Unsupported(reason) => ProofVerdict::Invalid(reason),
            },
        )
    }

    /// Verifies every proof of a strictly checked credential: one proof, or
    /// each proof of a proof set (`proof` an array), in order, each over the
    /// document without its proofs. `Err` means the document could not be
    /// processed (no proof at all, or a `proof` of the wrong shape).
    pub fn verify_set(
        &self,
        checked: &Checked,
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<Vec<SetMember>, Error> {
        let not_signed =
            || Error::Malformed("the document has no \"proof\": it is not signed".into());
        let (json, in_set): (Vec<&Value>, bool) = match checked.json().get("proof") {
            None => return Err(not_signed()),
            Some(Value::Array(a)) if a.is_empty() => return Err(not_signed()),
            Some(Value::Array(a)) => (a.iter().collect(), a.len() > 1),
            Some(one) => (vec![one], false),
        };
        let nodes = checked.root().values(vocab::SEC_PROOF);
        if nodes.len() != json.len() {
            return Err(Error::Malformed(
                "every \"proof\" must be a JSON object".into(),
            ));
        }
        json.into_iter()
            .zip(nodes)
            .enumerate()
            .map(|(i, (proof, item))| {
                let path = if in_set {
                    format!("$.proof[{i}]")
                } else {
                    "$.proof".to_string()
                };
                let (Some(proof), Some(node)) = (proof.as_object(), item.as_node()) else {
                    return Err(Error::Malformed(format!(
                        "{path}: a proof must be a JSON object"
                    )));
                };
                let verdict = self.verify_member(checked, &[], (proof, node), resolver, expect)?;
                Ok(SetMember { path, verdict })
            })
            .collect()
    }

    /// Verifies one proof of a checked document.
    fn verify_member(
        &self,
        checked: &Checked,
        embedded: &[&Node],
        (proof_json, node): (&Map<String, Value>, &Node),
        resolver: &dyn Resolver,
        expect: &ProofExpectations,
    ) -> Result<MemberVerdict, Error> {
        Ok(match read_proof(node, expect) {
            Ok(Ok(fields)) => MemberVerdict::Checked(self.check_signature(
                checked,
                embedded,
                (proof_json, node),
                fields,
                resolver,
            )?),
            Ok(Err(Rejection::Invalid(invalid))) => {
                MemberVerdict::Checked(ProofVerdict::Invalid(invalid))
            }
            Ok(Err(Rejection::Unsupported(reason))) => MemberVerdict::Unsupported(reason),
            Err(refusal) => {
                MemberVerdict::Checked(ProofVerdict::Invalid(format!("refused: {refusal}")))
            }
        })
    }

    fn check_signature(
        &self,
        checked: &Checked,
        embedded: &[&Node],
        (proof, proof_node): (&Map<String, Value>, &Node),
        fields: ProofFields,
        resolver: &dyn Resolver,
    ) -> Result<ProofVerdict, Error> {
        let doc = checked
            .json()
            .as_object()
            .ok_or_else(|| Error::Malformed("a signed document must be a JSON object".into()))?;
        let doc_context = doc
            .get("@context")
            .ok_or_else(|| Error::Malformed("the document has no \"@context\"".into()))?;
        let proof_context = proof.get("@context");
        if let Some(proof_context) = proof_context {
            if !context_is_prefix(proof_context, doc_context) {
                return Ok(ProofVerdict::Invalid(
                    "the proof's @context does not match the document's @context".into(),
                ));
            }
        }
        let context = proof_context.unwrap_or(doc_context);
        let mut config = proof.clone();
        config.remove("proofValue");
        config.insert("@context".into(), context.clone());
        let config = Value::Object(config);
        let method = match resolver.resolve(&fields.method) {
            Ok(m) => m,
            Err(e @ Error::NoSuchKey { .. }) => return Ok(ProofVerdict::Invalid(e.to_string())),
            Err(e) => return Ok(ProofVerdict::Unresolved(e.to_string())),
        };
        if fields.suite == ProofSuite::Ed25519Signature2020
            && !as_list(context).contains(&&Value::from(ED25519_SIGNATURE_2020_V1))
        {
            // What Digital Bazaar's suite demands before it matches a proof.
            return Ok(ProofVerdict::Invalid(format!(
                "an Ed25519Signature2020 proof needs the document's @context to name {ED25519_SIGNATURE_2020_V1}"
            )));
        }
        let data = match fields.suite {
            ProofSuite::DataIntegrity(Cryptosuite::EddsaJcs2022) => join_hashes(
                &jcs::canonicalize(&config)?,
                &jcs::canonicalize_unsecured(doc, "proof", context)?,
            ),
            ProofSuite::DataIntegrity(Cryptosuite::EddsaRdfc2022)
            | ProofSuite::Ed25519Signature2020 => {
                let (config, document) = self.rdfc_forms(checked, embedded, (proof, proof_node))?;
                join_hashes(&config, &document)
            }
        };
        match method
            .public_key
            .verify_strict(&data, &Signature::from_bytes(&fields.signature))
        {
            Ok(()) => Ok(ProofVerdict::Valid(Box::new(VerifiedProof {
                suite: fields.suite,
                method,
                created: fields.created,
            }))),
            Err(_) => Ok(ProofVerdict::Invalid(
                "the signature does not match: the document was changed after signing, or signed with another key".into(),
            )),
        }
    }
}

impl DataIntegrity {
    /// The RDFC-1.0 canonical N-Quads `(proof configuration, document)` of a
    /// checked document, as verification hashes them. The configuration is
    /// the proof less its `proofValue`, under the proof's own `@context` or
    /// else the document's; the document is the checked tree less its proof.
    fn rdfc_forms(
        &self,
        checked: &Checked,
        embedded: &[&Node],
        (proof, proof_node): (&Map<String, Value>, &Node),
    ) -> Result<(String, String), Error> {
        let doc = checked
            .json()
            .as_object()
            .ok_or_else(|| Error::Malformed("a signed document must be a JSON object".into()))?;
        let doc_context = doc
            .get("@context")
            .ok_or_else(|| Error::Malformed("the document has no \"@context\"".into()))?;
        let proof_context = proof.get("@context");
        let context = proof_context.unwrap_or(doc_context);
        let mut config = proof.clone();
        config.remove("proofValue");
        config.insert("@context".into(), context.clone());
        let config = Value::Object(config);
        if context != doc_context {
            let mut unsecured = doc.clone();
            unsecured.remove("proof");
            unsecured.insert("@context".into(), context.clone());
            return Ok((
                self.rdfc.canonicalize(&config)?,
                self.rdfc.canonicalize(&Value::Object(unsecured))?,
            ));
        }
        // The unsecured document reads under the same contexts: its quads
        // are those of the tree already walked, less the proof.
        let document = rdfc::canonical_nquads(checked.unsecured_quads(embedded)?)?;
        let config = match proof_context {
            None => rdfc::canonical_nquads(crate::jsonld::proof_config_quads(proof_node)?)?,
            Some(_) => self.rdfc.canonicalize(&config)?,
        };
        Ok((config, document))
    }

    /// The RDFC-1.0 canonical N-Quads `(proof configuration, document)` that
    /// verifying the holder's proof of a checked presentation hashes, for an
    /// `eddsa-rdfc-2022` or `Ed25519Signature2020` proof: what an independent
    /// implementation must reproduce byte for byte.
    pub fn presentation_canonical_forms(
        &self,
        presentation: &CheckedPresentation,
    ) -> Result<(String, String), Error> {
        let embedded: Vec<&Node> = presentation
            .credentials
            .iter()
            .map(|c| c.as_ref().map(|c| c.node()).map_err(Refusal::clone))
            .collect::<Result<_, _>>()?;
        let checked = presentation.doc();
        let proof = single_proof(checked.json())?;
        let node = checked.proof()?.ok_or_else(|| {
            Error::Malformed("the document has no \"proof\": it is not signed".into())
        })?;
        self.rdfc_forms(checked, &embedded, (proof, node))
    }
}

/// `SHA-256(proof config) || SHA-256(document)`, the 64 bytes the suites sign.
fn join_hashes(config: &str, document: &str) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&hash(config));
    out[32..].copy_from_slice(&hash(document));
    out
}

/// The fields of a proof a verifier acts on, read from the checked proof node.
struct ProofFields {
    suite: ProofSuite,
    method: String,
    created: Option<String>,
    signature: [u8; 64],
}

/// Reads a proof node: `Err` for a refusal, `Ok(Err)` for a proof that is
/// invalid or of a kind this toolkit does not verify.
fn read_proof(
    node: &Node,
    expect: &ProofExpectations,
) -> Result<Result<ProofFields, Rejection>, Refusal> {
    use Rejection::{Invalid, Unsupported};
    let required = |iri: &str, name: &str| -> Result<Result<String, Rejection>, Refusal> {
        Ok(match node.one_str(iri)? {
            Some(s) => Ok(s.to_string()),
            None => Err(Invalid(format!("the proof has no \"{name}\""))),
        })
    };
    if !node.values(vocab::SEC_PREVIOUS_PROOF).is_empty() {
        // A member of a proof chain signs the document with an earlier proof,
        // which is not verified here.
        return Ok(Err(Unsupported(
            "a proof that names a \"previousProof\" (a proof chain) is not verified here".into(),
        )));
    }
    let suite = match (
        node.has_type(vocab::SEC_DATA_INTEGRITY_PROOF),
        node.has_type(vocab::SEC_ED25519_SIGNATURE_2020),
    ) {
        (true, false) => match required(vocab::SEC_CRYPTOSUITE, "cryptosuite")? {
            Ok(s) => match s.parse::<Cryptosuite>() {
                Ok(suite) => ProofSuite::DataIntegrity(suite),
                Err(e) => return Ok(Err(Unsupported(e.to_string()))),
            },
            Err(e) => return Ok(Err(e)),
        },
        (false, true) => {
            if !node.values(vocab::SEC_CRYPTOSUITE).is_empty() {
                return Ok(Err(Invalid(
                    "an Ed25519Signature2020 proof names no cryptosuite".into(),
                )));
            }
            ProofSuite::Ed25519Signature2020
        }
        (true, true) => {
            return Ok(Err(Invalid(
                "the proof is typed both DataIntegrityProof and Ed25519Signature2020".into(),
            )))
        }
        (false, false) => {
            return Ok(Err(Unsupported(
                "the proof is neither a DataIntegrityProof nor an Ed25519Signature2020 (the types supported)".into(),
            )))
        }
    };
    let Some(method) = node.one_iri(vocab::SEC_VERIFICATION_METHOD)? else {
        return Ok(Err(Invalid(
            "the proof has no \"verificationMethod\"".into(),
        )));
    };
    let purpose = node.one_iri(vocab::SEC_PROOF_PURPOSE)?;
    if purpose != Some(expect.purpose.iri()) {
        return Ok(Err(Invalid(format!(
            "the proof's purpose is not {:?}",
            expect.purpose.name()
        ))));
    }
    let created = node.one_str(vocab::DC_CREATED)?;
    if let Some(c) = created {
        if DateTime::parse_from_rfc3339(c).is_err() {
            return Ok(Err(Invalid(
                "the proof's \"created\" is not a date-time".into(),
            )));
        }
    }
    if let Some(want) = &expect.challenge {
        if node.one_str(vocab::SEC_CHALLENGE)? != Some(want.as_str()) {
            return Ok(Err(Invalid(
                "the proof does not carry the expected challenge".into(),
            )));
        }
    }
    if let Some(want) = &expect.domain {
        // Every domain the proof names must be this one: a proof made for
        // this site and another could be relayed to the other.
        let domains = node.values(vocab::SEC_DOMAIN);
        if domains.is_empty() || !domains.iter().all(|d| d.as_str() == Some(want.as_str())) {
            return Ok(Err(Invalid(
                "the proof is not for the expected domain".into(),
            )));
        }
    }
    if let Some(expires) = node.one_str(vocab::SEC_EXPIRES)? {
        match DateTime::parse_from_rfc3339(expires) {
            Ok(e) if e < expect.now => {
                return Ok(Err(Invalid(format!("the proof expired at {e}"))))
            }
            Ok(_) => {}
            Err(_) => {
                return Ok(Err(Invalid(
                    "the proof's \"expires\" is not a date-time".into(),
                )))
            }
        }
    }
    let proof_value = match required(vocab::SEC_PROOF_VALUE, "proofValue")? {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let Some(signature) = multibase_decode(&proof_value)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return Ok(Err(Invalid(
            "the proofValue is not a 64-byte base58btc signature".into(),
        )));
    };
    Ok(Ok(ProofFields {
        suite,
        method: method.to_string(),
        created: created.map(str::to_string),
        signature,
    }))
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
