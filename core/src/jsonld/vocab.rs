//! The IRIs the readers of letters, proofs and status lists look for.

/// VC 2.0 `VerifiableCredential`.
pub const VC_CREDENTIAL: &str = "https://www.w3.org/2018/credentials#VerifiableCredential";
/// VC 2.0 `VerifiablePresentation`.
pub const VC_PRESENTATION: &str = "https://www.w3.org/2018/credentials#VerifiablePresentation";
/// VC 2.0 `issuer`.
pub const VC_ISSUER: &str = "https://www.w3.org/2018/credentials#issuer";
/// VC 2.0 `credentialSubject`.
pub const VC_SUBJECT: &str = "https://www.w3.org/2018/credentials#credentialSubject";
/// VC 2.0 `credentialStatus`.
pub const VC_STATUS: &str = "https://www.w3.org/2018/credentials#credentialStatus";
/// VC 2.0 `validFrom`.
pub const VC_VALID_FROM: &str = "https://www.w3.org/2018/credentials#validFrom";
/// VC 2.0 `validUntil`.
pub const VC_VALID_UNTIL: &str = "https://www.w3.org/2018/credentials#validUntil";
/// VC 2.0 `holder`.
pub const VC_HOLDER: &str = "https://www.w3.org/2018/credentials#holder";
/// VC 2.0 `verifiableCredential`.
pub const VC_VERIFIABLE_CREDENTIAL: &str =
    "https://www.w3.org/2018/credentials#verifiableCredential";

/// schema.org `name`.
pub const SCHEMA_NAME: &str = "https://schema.org/name";
/// schema.org `description`.
pub const SCHEMA_DESCRIPTION: &str = "https://schema.org/description";

/// Open Badges `EndorsementCredential`.
pub const OB_ENDORSEMENT_CREDENTIAL: &str =
    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#EndorsementCredential";
/// Open Badges `OpenBadgeCredential` (also `AchievementCredential`).
pub const OB_BADGE_CREDENTIAL: &str =
    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";
/// Open Badges `endorsementComment`.
pub const OB_ENDORSEMENT_COMMENT: &str =
    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementComment";
/// Open Badges `achievement`.
pub const OB_ACHIEVEMENT: &str = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement";
/// Open Badges `endorsement` (credentials embedded in profiles and achievements).
pub const OB_ENDORSEMENT: &str = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsement";

/// The undefined-terms vocabulary that `endorserRole` and `EndorsementLetter` expand in.
pub const UNDEFINED_TERM: &str = "https://www.w3.org/ns/credentials/undefined-term#";
/// This profile's `endorserRole` (through the undefined-terms context).
pub const OM_ENDORSER_ROLE: &str = "https://www.w3.org/ns/credentials/undefined-term#endorserRole";
/// This profile's plain VC 2.0 letter type `EndorsementLetter`.
pub const OM_PLAIN_LETTER: &str =
    "https://www.w3.org/ns/credentials/undefined-term#EndorsementLetter";

/// Bitstring Status List `BitstringStatusListCredential`.
pub const STATUS_LIST_CREDENTIAL: &str =
    "https://www.w3.org/ns/credentials/status#BitstringStatusListCredential";
/// Bitstring Status List `BitstringStatusList`.
pub const STATUS_LIST: &str = "https://www.w3.org/ns/credentials/status#BitstringStatusList";
/// Bitstring Status List `BitstringStatusListEntry`.
pub const STATUS_ENTRY: &str = "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry";
/// `statusPurpose`.
pub const STATUS_PURPOSE: &str = "https://www.w3.org/ns/credentials/status#statusPurpose";
/// `statusListIndex`.
pub const STATUS_INDEX: &str = "https://www.w3.org/ns/credentials/status#statusListIndex";
/// `statusListCredential`.
pub const STATUS_LIST_URL: &str = "https://www.w3.org/ns/credentials/status#statusListCredential";
/// `encodedList`.
pub const STATUS_ENCODED_LIST: &str = "https://www.w3.org/ns/credentials/status#encodedList";

/// Data Integrity `proof`.
pub const SEC_PROOF: &str = "https://w3id.org/security#proof";
/// `DataIntegrityProof`.
pub const SEC_DATA_INTEGRITY_PROOF: &str = "https://w3id.org/security#DataIntegrityProof";
/// `Ed25519Signature2020` (W3C CCG suite, from the ed25519-2020/v1 context).
pub const SEC_ED25519_SIGNATURE_2020: &str = "https://w3id.org/security#Ed25519Signature2020";
/// `cryptosuite`.
pub const SEC_CRYPTOSUITE: &str = "https://w3id.org/security#cryptosuite";
/// `verificationMethod`.
pub const SEC_VERIFICATION_METHOD: &str = "https://w3id.org/security#verificationMethod";
/// `proofPurpose`.
pub const SEC_PROOF_PURPOSE: &str = "https://w3id.org/security#proofPurpose";
/// `previousProof` (a proof chain).
pub const SEC_PREVIOUS_PROOF: &str = "https://w3id.org/security#previousProof";
/// `proofValue`.
pub const SEC_PROOF_VALUE: &str = "https://w3id.org/security#proofValue";
/// `challenge`.
pub const SEC_CHALLENGE: &str = "https://w3id.org/security#challenge";
/// `domain`.
pub const SEC_DOMAIN: &str = "https://w3id.org/security#domain";
/// `expires` (the proof's expiration).
pub const SEC_EXPIRES: &str = "https://w3id.org/security#expiration";
/// `created` (Dublin Core).
pub const DC_CREATED: &str = "http://purl.org/dc/terms/created";
/// The `assertionMethod` proof purpose.
pub const SEC_ASSERTION_METHOD: &str = "https://w3id.org/security#assertionMethod";
/// The `authentication` proof purpose.
pub const SEC_AUTHENTICATION: &str = "https://w3id.org/security#authenticationMethod";
