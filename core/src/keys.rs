//! Ed25519 keys and their Multikey (multibase + multicodec) encodings.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::Error;

/// Multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of an Ed25519 private key (`ed25519-priv`, 0x1300).
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// Encodes bytes as multibase base58btc (`z…`).
pub fn multibase_encode(bytes: &[u8]) -> String {
    format!("z{}", bs58::encode(bytes).into_string())
}

/// Decodes a multibase base58btc (`z…`) string.
pub fn multibase_decode(s: &str) -> Result<Vec<u8>, Error> {
    let rest = s.strip_prefix('z').ok_or_else(|| {
        Error::Key(format!(
            "{s:?} is not multibase base58btc (must start with 'z')"
        ))
    })?;
    bs58::decode(rest)
        .into_vec()
        .map_err(|e| Error::Key(format!("bad base58btc: {e}")))
}

/// The Multikey (`z6Mk…`) form of an Ed25519 public key.
pub fn public_key_multibase(key: &VerifyingKey) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB);
    bytes.extend_from_slice(key.as_bytes());
    multibase_encode(&bytes)
}

/// Parses an Ed25519 Multikey public key (`z6Mk…`).
pub fn parse_public_key_multibase(s: &str) -> Result<VerifyingKey, Error> {
    let bytes = multibase_decode(s)?;
    let raw = bytes.strip_prefix(&ED25519_PUB).ok_or_else(|| {
        Error::Key(format!(
            "{s} is not an Ed25519 public key (multicodec 0xed)"
        ))
    })?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| Error::Key("an Ed25519 public key has 32 bytes".into()))?;
    VerifyingKey::from_bytes(&raw)
        .map_err(|e| Error::Key(format!("not a valid Ed25519 point: {e}")))
}

/// Parses an Ed25519 Multikey secret key (`z3u2…`).
pub fn parse_secret_key_multibase(s: &str) -> Result<SigningKey, Error> {
    let bytes = Zeroizing::new(multibase_decode(s)?);
    let raw = bytes
        .strip_prefix(&ED25519_PRIV)
        .ok_or_else(|| Error::Key("not an Ed25519 secret key (multicodec 0x1300)".into()))?;
    let raw: Zeroizing<[u8; 32]> = Zeroizing::new(
        raw.try_into()
            .map_err(|_| Error::Key("an Ed25519 secret key has 32 bytes".into()))?,
    );
    Ok(SigningKey::from_bytes(&raw))
}

/// The Multikey (`z3u2…`) form of an Ed25519 secret key.
pub fn secret_key_multibase(key: &SigningKey) -> Zeroizing<String> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(34));
    bytes.extend_from_slice(&ED25519_PRIV);
    bytes.extend_from_slice(key.as_bytes());
    // Encoded into a zeroized buffer, then copied once into a string of the
    // exact size: no intermediate base58 string is left behind unzeroized.
    let mut buf = Zeroizing::new([0u8; 64]);
    let len = bs58::encode(&bytes[..])
        .onto(&mut buf[..])
        .expect("34 bytes fit in 64 base58 digits");
    let mut out = Zeroizing::new(String::with_capacity(len + 1));
    out.push('z');
    out.push_str(std::str::from_utf8(&buf[..len]).expect("base58 is ASCII"));
    out
}

/// An unlocked signing key together with the verification method that names it.
///
/// `Debug` never shows the secret; the key is zeroized on drop (ed25519-dalek).
pub struct KeyPair {
    signing: SigningKey,
    verification_method: String,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("verification_method", &self.verification_method)
            .finish_non_exhaustive()
    }
}

impl KeyPair {
    /// The key, named by an explicit verification method (did:web, https).
    pub fn with_verification_method(signing: SigningKey, verification_method: String) -> Self {
        Self {
            signing,
            verification_method,
        }
    }

    /// The verification method id (`did:key:z6Mk…#z6Mk…`).
    pub fn verification_method(&self) -> &str {
        &self.verification_method
    }

    /// The controller: the verification method id without its fragment.
    pub fn controller(&self) -> &str {
        self.verification_method
            .split_once('#')
            .map_or(self.verification_method.as_str(), |(c, _)| c)
    }

    /// The public key.
    pub fn public_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The secret key, for storage (encrypt it before it touches a disk).
    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// Signs bytes with Ed25519.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}
