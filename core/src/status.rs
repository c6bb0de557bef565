//! W3C Bitstring Status List v1.0: entries in credentials, the compressed list,
//! and the status list credential an issuer publishes.

use std::io::{Read, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::{json, Value};

use crate::contexts::CREDENTIALS_V2;
use crate::credential::format_date;
use crate::jsonld::{vocab, Item, Node, Refusal};
use crate::Error;

/// The smallest list the spec allows (16 KiB of bits), which hides who is checked.
pub const MIN_LIST_BITS: usize = 131_072;
/// The largest decompressed list accepted from a status list credential.
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;

/// A bitstring of statuses; index 0 is the most significant bit of the first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitstring {
    bytes: Vec<u8>,
}

impl Bitstring {
    /// A list of `bits` zero bits (at least [`MIN_LIST_BITS`], rounded up to bytes).
    pub fn new(bits: usize) -> Self {
        Self {
            bytes: vec![0; bits.max(MIN_LIST_BITS).div_ceil(8)],
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.bytes.len() * 8
    }

    /// True for a list of no entries (never, for lists made here).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bit at `index`, or `None` when out of range.
    pub fn get(&self, index: usize) -> Option<bool> {
        let byte = self.bytes.get(index / 8)?;
        Some(byte & (0x80 >> (index % 8)) != 0)
    }

    /// Sets the bit at `index`.
    pub fn set(&mut self, index: usize, value: bool) -> Result<(), Error> {
        let len = self.len();
        let byte = self.bytes.get_mut(index / 8).ok_or_else(|| {
            Error::Malformed(format!("status index {index} is outside the list of {len}"))
        })?;
        let mask = 0x80 >> (index % 8);
        if value {
            *byte |= mask;
        } else {
            *byte &= !mask;
        }
        Ok(())
    }

    /// `encodedList`: multibase base64url (no padding) of the GZIP-compressed bits.
    pub fn encode(&self) -> String {
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&self.bytes)
            .expect("writing to a Vec cannot fail");
        let compressed = gz.finish().expect("writing to a Vec cannot fail");
        format!("u{}", URL_SAFE_NO_PAD.encode(compressed))
    }

    /// Decodes an `encodedList` (with or without the multibase `u` prefix),
    /// refusing lists larger than [`MAX_LIST_BYTES`].
    pub fn decode(encoded: &str) -> Result<Self, Error> {
        let b64 = encoded.strip_prefix('u').unwrap_or(encoded);
        let compressed = URL_SAFE_NO_PAD
            .decode(b64.trim_end_matches('='))
            .map_err(|e| Error::Malformed(format!("encodedList is not base64url: {e}")))?;
        let mut bytes = Vec::new();
        GzDecoder::new(&compressed[..])
            .take(MAX_LIST_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Malformed(format!("encodedList is not GZIP: {e}")))?;
        if bytes.len() > MAX_LIST_BYTES {
            return Err(Error::Malformed("the status list is too large".into()));
        }
        Ok(Self { bytes })
    }
}

/// A `BitstringStatusListEntry` for a credential (purpose `revocation`).
pub fn status_entry(list_url: &str, index: usize) -> Value {
    json!({
        "id": format!("{list_url}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index.to_string(),
        "statusListCredential": list_url
    })
}

/// A fresh random index in a list of `bits` entries, not in `used`.
pub fn random_free_index(bits: usize, used: &dyn Fn(usize) -> bool) -> Result<usize, Error> {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    for _ in 0..10_000 {
        let i = rng.gen_range(0..bits);
        if !used(i) {
            return Ok(i);
        }
    }
    Err(Error::Malformed("the status list is full".into()))
}

/// The unsigned status list credential to publish at `list_url`.
pub fn status_list_credential(
    list_url: &str,
    issuer: &str,
    list: &Bitstring,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Value {
    let mut c = json!({
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": format_date(&valid_from),
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": list.encode()
        }
    });
    if let Some(u) = valid_until {
        c["validUntil"] = format_date(&u).into();
    }
    c
}

/// A parsed `BitstringStatusListEntry`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEntry {
    /// Where the status list credential is published.
    pub list_url: String,
    /// The credential's index in it.
    pub index: usize,
    /// `revocation` or `suspension`.
    pub purpose: String,
}

impl StatusEntry {
    /// Reads a `credentialStatus` value of a checked credential: a
    /// `BitstringStatusListEntry` node with exactly one list URL, index and purpose.
    pub fn from_item(item: &Item) -> Result<Self, Refusal> {
        let node = item
            .as_node()
            .ok_or_else(|| Refusal::new(item.path(), "credentialStatus must be an object"))?;
        if !node.has_type(vocab::STATUS_ENTRY) {
            return Err(Refusal::new(
                &node.path,
                "only BitstringStatusListEntry is supported",
            ));
        }
        let list_url = node
            .one_iri(vocab::STATUS_LIST_URL)?
            .ok_or_else(|| Refusal::new(&node.path, "no statusListCredential"))?;
        let index = match node.one(vocab::STATUS_INDEX)? {
            Some(Item::Literal {
                value: Value::String(s),
                ..
            }) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
            _ => None,
        }
        .ok_or_else(|| {
            Refusal::new(
                &node.path,
                "statusListIndex must be a whole number written as a string",
            )
        })?;
        let purpose = node
            .one_str(vocab::STATUS_PURPOSE)?
            .ok_or_else(|| Refusal::new(&node.path, "no statusPurpose"))?;
        Ok(Self {
            list_url: list_url.to_string(),
            index,
            purpose: purpose.to_string(),
        })
    }

    /// Reads the `credentialStatus` entries of a credential (strictly checked).
    pub fn of_credential(credential: &Value) -> Result<Vec<Self>, Error> {
        let checked = crate::jsonld::check_credential(credential)?;
        checked
            .node()
            .values(vocab::VC_STATUS)
            .iter()
            .map(|i| Self::from_item(i).map_err(Error::from))
            .collect()
    }
}

/// The bits of a checked status list credential: exactly one subject, a
/// `BitstringStatusList` for `purpose`, with one `encodedList`.
pub fn read_list(list: &Node, purpose: &str) -> Result<Bitstring, Error> {
    let (subject, listed) = list_subject(list)?;
    let listed = listed.unwrap_or_default();
    if listed != purpose {
        return Err(Error::Malformed(format!(
            "the list is for {listed:?}, the entry for {purpose:?}"
        )));
    }
    subject_bits(subject)
}

/// The one `BitstringStatusList` subject of a checked status list credential,
/// with its `statusPurpose` if it has one.
fn list_subject(list: &Node) -> Result<(&Node, Option<&str>), Error> {
    let subject = list
        .one_node(vocab::VC_SUBJECT)?
        .ok_or_else(|| Error::Malformed("the status list has no subject".into()))?;
    if !subject.has_type(vocab::STATUS_LIST) {
        return Err(Error::Malformed(
            "the status list's subject is not a BitstringStatusList".into(),
        ));
    }
    Ok((subject, subject.one_str(vocab::STATUS_PURPOSE)?))
}

/// The decoded `encodedList` of a list subject.
fn subject_bits(subject: &Node) -> Result<Bitstring, Error> {
    let encoded = subject
        .one_str(vocab::STATUS_ENCODED_LIST)?
        .ok_or_else(|| Error::Malformed("the status list has no encodedList".into()))?;
    Bitstring::decode(encoded)
}

/// A Bitstring Status List credential, read from what was signed: the facts a
/// service needs to host it. Nothing here is checked against a key: verify its
/// proof before trusting any of it.
#[derive(Debug, Clone)]
pub struct StatusListCredential {
    /// Its `id` (where it is meant to be published), if it has one.
    pub id: Option<String>,
    /// Its `issuer`.
    pub issuer: String,
    /// Its `validFrom`, if it has one.
    pub valid_from: Option<DateTime<Utc>>,
    /// Its `validUntil`, if it has one.
    pub valid_until: Option<DateTime<Utc>>,
    /// The subject's `statusPurpose` (`revocation`, `suspension`, …).
    pub purpose: String,
    /// The decoded list.
    pub bits: Bitstring,
}

impl StatusListCredential {
    /// Reads a credential the strict reader accepted as a status list
    /// credential: typed `BitstringStatusListCredential`, dates that are
    /// date-times, one `BitstringStatusList` subject whose `encodedList` decodes.
    pub fn read(checked: &crate::jsonld::CheckedCredential) -> Result<Self, Error> {
        let node = checked.node();
        if !node.has_type(vocab::STATUS_LIST_CREDENTIAL) {
            return Err(Error::Malformed(
                "it is not a BitstringStatusListCredential".into(),
            ));
        }
        let date = |iri: &str, field: &str| -> Result<Option<DateTime<Utc>>, Error> {
            match node.one_str(iri)? {
                None => Ok(None),
                Some(v) => crate::credential::parse_date(v)
                    .map(Some)
                    .ok_or_else(|| Error::Malformed(format!("{field} is not a date-time: {v:?}"))),
            }
        };
        let valid_from = date(vocab::VC_VALID_FROM, "validFrom")?;
        let valid_until = date(vocab::VC_VALID_UNTIL, "validUntil")?;
        let (subject, purpose) = list_subject(node)?;
        let purpose = purpose
            .ok_or_else(|| Error::Malformed("the status list has no statusPurpose".into()))?
            .to_string();
        let bits = subject_bits(subject)?;
        Ok(Self {
            id: checked.id().map(str::to_string),
            issuer: checked.issuer().to_string(),
            valid_from,
            valid_until,
            purpose,
            bits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip_through_encoding() {
        let mut l = Bitstring::new(0);
        assert_eq!(l.len(), MIN_LIST_BITS);
        l.set(0, true).unwrap();
        l.set(131_071, true).unwrap();
        let back = Bitstring::decode(&l.encode()).unwrap();
        assert_eq!(back.get(0), Some(true));
        assert_eq!(back.get(1), Some(false));
        assert_eq!(back.get(131_071), Some(true));
        assert_eq!(back.get(131_072), None);
        assert!(l.set(131_072, true).is_err());
        assert_eq!(l.bytes[0], 0x80, "index 0 is the leftmost bit");
    }

    #[test]
    fn a_status_list_credential_reads_as_signed_and_refuses_what_is_not_one() {
        let url = "https://status.example/lists/1";
        let from = crate::credential::parse_date("2026-01-02T03:04:05Z").unwrap();
        let mut bits = Bitstring::new(0);
        bits.set(42, true).unwrap();
        let doc = status_list_credential(url, "did:key:z6Mkexample", &bits, from, None);
        let read = |d: &Value| StatusListCredential::read(&crate::check_credential(d).unwrap());

        let list = read(&doc).unwrap();
        assert_eq!(list.id.as_deref(), Some(url));
        assert_eq!(list.issuer, "did:key:z6Mkexample");
        assert_eq!(list.valid_from, Some(from));
        assert_eq!(list.valid_until, None);
        assert_eq!(list.purpose, "revocation");
        assert_eq!(list.bits, bits);

        // Each of these is refused, none read as an empty or default value.
        let mut other_type = doc.clone();
        other_type["type"] = json!(["VerifiableCredential"]);
        let mut bad_date = doc.clone();
        bad_date["validFrom"] = json!("yesterday");
        let mut no_purpose = doc.clone();
        no_purpose["credentialSubject"]
            .as_object_mut()
            .unwrap()
            .remove("statusPurpose");
        let mut not_a_list = doc.clone();
        not_a_list["credentialSubject"]["type"] = json!("BitstringStatusListEntry");
        for (name, bad, why) in [
            (
                "other type",
                other_type,
                "not a BitstringStatusListCredential",
            ),
            ("bad date", bad_date, "validFrom is not a date-time"),
            ("no purpose", no_purpose, "no statusPurpose"),
            // Refused by the strict reader already, with the path: the
            // list's terms are defined only inside a BitstringStatusList.
            ("not a list", not_a_list, "refused at $.credentialSubject."),
        ] {
            let err = crate::check_credential(&bad)
                .map_err(Error::from)
                .and_then(|c| StatusListCredential::read(&c))
                .expect_err(name);
            assert!(err.to_string().contains(why), "{name}: {err}");
        }
    }

    #[test]
    fn a_gzip_bomb_is_refused() {
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![0u8; MAX_LIST_BYTES + 10]).unwrap();
        let enc = format!("u{}", URL_SAFE_NO_PAD.encode(gz.finish().unwrap()));
        assert!(Bitstring::decode(&enc).is_err());
    }
}
