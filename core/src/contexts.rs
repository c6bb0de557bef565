//! JSON-LD contexts bundled into the binary and loaded offline only.
//!
//! Every context a credential may name is listed here, with its file under
//! `specs/contexts/` (mapped by `specs/contexts/index.json`, so that other
//! implementations can load the same files). A context that is not listed is
//! rejected by name; nothing is ever fetched from the network.

/// W3C Verifiable Credentials Data Model 2.0 base context.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// W3C Verifiable Credentials Data Model 1.1 base context. Read only as the first
/// context of a presentation that carries no credentials (a wallet's
/// DIDAuthentication, signed with `Ed25519Signature2020`): credentials must be VC 2.0.
/// The file is the npm package `@digitalbazaar/credentials-context` 3.2.0's
/// `contexts/v1.jsonld`, byte for byte.
pub const CREDENTIALS_V1: &str = "https://www.w3.org/2018/credentials/v1";
/// W3C credentials examples context (used by the W3C test vectors).
pub const CREDENTIALS_EXAMPLES_V2: &str = "https://www.w3.org/ns/credentials/examples/v2";
/// W3C context mapping every otherwise undefined term to an issuer-dependent IRI.
pub const UNDEFINED_TERMS_V2: &str = "https://www.w3.org/ns/credentials/undefined-terms/v2";
/// Data Integrity v2 context.
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
/// Multikey v1 context (verification methods in DID documents).
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";
/// DID Core v1 context.
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";
/// The 2021 Status List context (Bitstring Status List terms now live in credentials v2).
pub const STATUS_LIST_2021_V1: &str = "https://w3id.org/vc/status-list/2021/v1";
/// Open Badges 3.0 context, version 3.0.3.
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// Open Badges 3.0 extensions context: the 1EdTech terms `1EdTechJsonSchemaValidator2019`,
/// `1EdTechRevocationList` and `1EdTechCredentialRefresh` (named by Open Badges endorsement
/// credentials, such as the Digital Credentials Consortium's fixtures). The file is 1EdTech's
/// own cached copy of the published context, byte for byte: repository
/// `1EdTech/digital-credentials-public-validator`, commit `38254719`,
/// `inspector-vc/src/main/resources/contexts/ob-v3p0-extensions.json`.
pub const OPEN_BADGES_V3_EXTENSIONS: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
/// The W3C CCG Ed25519Signature2020 suite context. Named by documents signed with
/// `Ed25519Signature2020` (verified, never written, see [`crate::proof::ProofSuite`]):
/// other wallets' presentations, and credentials such as the Digital Credentials
/// Consortium's test fixtures, alone or in a proof set beside an `eddsa-rdfc-2022` proof.
/// The file is the npm package `ed25519-signature-2020-context` 1.1.0's
/// `contexts/ed25519-signature-2020-v1.jsonld`, byte for byte.
pub const ED25519_SIGNATURE_2020_V1: &str = "https://w3id.org/security/suites/ed25519-2020/v1";

/// One bundled context: its IRI, its file name under `specs/contexts/`, and its text.
#[derive(Debug, Clone, Copy)]
pub struct BundledContext {
    /// The IRI credentials use in `@context`.
    pub iri: &'static str,
    /// The file under `specs/contexts/`.
    pub file: &'static str,
    /// The JSON-LD document.
    pub body: &'static str,
}

macro_rules! bundled {
    ($iri:expr, $file:literal) => {
        BundledContext {
            iri: $iri,
            file: $file,
            body: include_str!(concat!("../../specs/contexts/", $file)),
        }
    };
}

/// Every context this toolkit knows.
pub const BUNDLED: &[BundledContext] = &[
    bundled!(CREDENTIALS_V2, "credentials-v2.jsonld"),
    bundled!(CREDENTIALS_EXAMPLES_V2, "credentials-examples-v2.jsonld"),
    bundled!(UNDEFINED_TERMS_V2, "undefined-terms-v2.jsonld"),
    bundled!(DATA_INTEGRITY_V2, "data-integrity-v2.jsonld"),
    bundled!(MULTIKEY_V1, "multikey-v1.jsonld"),
    bundled!(DID_V1, "did-v1.jsonld"),
    bundled!(STATUS_LIST_2021_V1, "status-list-2021-v1.jsonld"),
    bundled!(OPEN_BADGES_V3, "ob-v3p0-context-3.0.3.json"),
    bundled!(OPEN_BADGES_V3_EXTENSIONS, "ob-v3p0-extensions.json"),
    bundled!(
        ED25519_SIGNATURE_2020_V1,
        "ed25519-signature-2020-v1.jsonld"
    ),
    bundled!(CREDENTIALS_V1, "credentials-v1.jsonld"),
];

/// The bundled context with this IRI, if any.
pub fn lookup(iri: &str) -> Option<&'static BundledContext> {
    BUNDLED.iter().find(|c| c.iri == iri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn index_json_lists_exactly_the_bundled_contexts() {
        let index: serde_json::Map<String, Value> =
            serde_json::from_str(include_str!("../../specs/contexts/index.json")).unwrap();
        assert_eq!(index.len(), BUNDLED.len());
        for c in BUNDLED {
            assert_eq!(
                index.get(c.iri).and_then(Value::as_str),
                Some(c.file),
                "{}",
                c.iri
            );
            let parsed: Value = serde_json::from_str(c.body).unwrap();
            assert!(parsed.get("@context").is_some(), "{} is a context", c.file);
        }
    }
}
