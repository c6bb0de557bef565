//! The identity files on disk keep their format: the vector in `tests/vectors/home`
//! (see its README) opens with its passphrase and no other.

use std::path::PathBuf;

use om_identity::{Error, IdentityStore, SecretString};

const PASSPHRASE: &str = "correct horse battery staple";
const DID: &str = "did:key:z6MkhPpiarGVmKNEsHE42oAgioHVXoTk3xXQ98fmj6h4RL7J";

fn vector_home() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/home")
}

#[test]
fn an_existing_identity_opens_with_its_passphrase() {
    let store = IdentityStore::new(vector_home());
    assert!(store.exists());
    let public = store.load().unwrap();
    assert_eq!(public.did, DID);
    assert_eq!(public.profile.id, DID);
    assert_eq!(public.profile.name, "Vera Vector");
    assert_eq!(public.verification_method, format!("{DID}#{}", &DID[8..]));
    let unlocked = store
        .unlock(&SecretString::from(PASSPHRASE.to_string()))
        .unwrap();
    assert_eq!(unlocked.key.controller(), DID);
    assert_eq!(
        unlocked.key.verification_method(),
        public.verification_method
    );
}

#[test]
fn the_vector_refuses_another_passphrase() {
    let store = IdentityStore::new(vector_home());
    let err = store
        .unlock(&SecretString::from(
            "Correct horse battery staple".to_string(),
        ))
        .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
}

#[test]
fn the_key_file_is_age_with_a_scrypt_recipient() {
    let bytes = std::fs::read(vector_home().join("identity.key.age")).unwrap();
    assert!(
        bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "),
        "{:?}",
        String::from_utf8_lossy(&bytes[..40.min(bytes.len())])
    );
}

#[test]
fn a_missing_identity_is_its_own_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = IdentityStore::new(dir.path()).load().unwrap_err();
    assert!(matches!(err, Error::NoIdentity { .. }), "{err}");
}
