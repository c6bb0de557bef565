//! Links that other wallets share, read so that an employer can paste one
//! here: the Learner Credential Wallet's "public link", a VerifierPlus URL.
//!
//! Read from the wallet's source (`openwallet-foundation-labs/learner-credential-wallet`
//! at 1c46a82, `app/lib/publicLink.ts`, `app/lib/verifierInstance.ts`,
//! `app.config.js`) and VerifierPlus's (`digitalcredentials/verifier-plus` at
//! 5b0eae8, `app/page.tsx`, `app/api/credentials/[publicCredentialId]/route.ts`,
//! `app/lib/credentials.ts`), a public link is one of:
//!
//! - `https://verifierplus.org/#verify?vc=<URL>`: the credential is stored at
//!   `<URL>` (the wallet's storage, `https://storage.dcc.did.coop/…`), and
//!   VerifierPlus fetches it from there;
//! - `https://verifierplus.org/credentials/<id>`: VerifierPlus keeps the
//!   wallet's signed presentation; `GET /api/credentials/<id>` answers
//!   `{"vp": …, "credential": …, …}`.
//!
//! Only hosts the operator allows are fetched (by default those two), with the
//! service's outbound limits (HTTPS only, no private addresses, a size cap, a
//! timeout, the per-request budget). What a link gives is verified like any
//! pasted document: a presentation the wallet signed with a challenge that
//! was not ours proves no more than a share link does, and an unsigned one is
//! reported as such.

use serde_json::Value;

/// The hosts whose links are read by default: VerifierPlus and the Learner
/// Credential Wallet's storage (`app.config.js`, `VERIFIER_INSTANCE_URL` and
/// `WAS.BASE_URL`).
pub const DEFAULT_HOSTS: [&str; 2] = ["verifierplus.org", "storage.dcc.did.coop"];

/// Why a link is not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not a URL, or not a link form this service reads.
    #[error("{0}")]
    NotALink(String),
    /// A host the operator does not allow.
    #[error("links to {0} are not read here (this verifier reads links from {1})")]
    HostNotAllowed(String, String),
}

/// The URL of the JSON document a shared link stands for, if `link` is a
/// public link from an allowed host.
pub fn document_url(link: &str, allowed: &[String]) -> Result<String, LinkError> {
    let url = url::Url::parse(link.trim())
        .map_err(|e| LinkError::NotALink(format!("not a link: {e}")))?;
    check_host(&url, allowed)?;
    if let Some(fragment) = url.fragment() {
        if let Some(query) = fragment.strip_prefix("verify?") {
            let vc = url::form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "vc")
                .map(|(_, v)| v.into_owned())
                .ok_or_else(|| LinkError::NotALink("the link names no credential (vc=)".into()))?;
            let target = url::Url::parse(&vc).map_err(|e| {
                LinkError::NotALink(format!("the credential's address is not a URL: {e}"))
            })?;
            check_host(&target, allowed)?;
            return Ok(target.to_string());
        }
    }
    let segments: Vec<&str> = url.path_segments().map(|s| s.collect()).unwrap_or_default();
    match segments.as_slice() {
        ["credentials", id] if is_id(id) => {
            let mut api = url.clone();
            api.set_path(&format!("/api/credentials/{id}"));
            api.set_query(None);
            api.set_fragment(None);
            Ok(api.to_string())
        }
        _ => Err(LinkError::NotALink(
            "not a public link this verifier reads (…/#verify?vc=… or …/credentials/<id>)".into(),
        )),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The host of a URL as it is compared with the allowed list: `host`, with
/// `:port` when the URL names a port.
fn host_of(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

fn check_host(url: &url::Url, allowed: &[String]) -> Result<(), LinkError> {
    let host = host_of(url);
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(&host)) {
        Ok(())
    } else {
        Err(LinkError::HostNotAllowed(
            host,
            if allowed.is_empty() {
                "no host".into()
            } else {
                allowed.join(", ")
            },
        ))
    }
}

/// What to verify from the fetched JSON: VerifierPlus's API answers a record
/// whose `vp` is the wallet's presentation; anything else is the credential or
/// presentation itself.
pub fn shared_document(fetched: Value) -> Value {
    match fetched {
        Value::Object(mut o) if o.get("vp").is_some_and(Value::is_object) => {
            o.remove("vp").unwrap_or(Value::Null)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        DEFAULT_HOSTS.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn reads_both_forms_of_the_wallets_public_link() {
        assert_eq!(
            document_url(
                "https://verifierplus.org/#verify?vc=https%3A%2F%2Fstorage.dcc.did.coop%2Fspace%2Fabc%2Fvc",
                &hosts()
            ),
            Ok("https://storage.dcc.did.coop/space/abc/vc".into())
        );
        assert_eq!(
            document_url("https://verifierplus.org/credentials/3f2a-77_b", &hosts()),
            Ok("https://verifierplus.org/api/credentials/3f2a-77_b".into())
        );
    }

    #[test]
    fn refuses_hosts_the_operator_does_not_allow() {
        // The link's own host, and the host it points to, must both be allowed:
        // a VerifierPlus link must not make this service fetch anything else.
        for link in [
            "https://evil.example/credentials/abc",
            "https://verifierplus.org/#verify?vc=https%3A%2F%2F10.0.0.1%2Fx",
            "https://verifierplus.org/#verify?vc=https%3A%2F%2Fverifierplus.org.evil.example%2Fx",
            "https://verifierplus.org:8443/credentials/abc",
        ] {
            assert!(
                matches!(
                    document_url(link, &hosts()),
                    Err(LinkError::HostNotAllowed(..))
                ),
                "{link}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_public_link() {
        for link in [
            "not a url",
            "https://verifierplus.org/",
            "https://verifierplus.org/credentials/../admin",
            "https://verifierplus.org/credentials/a/b",
            "https://verifierplus.org/#verify?x=1",
        ] {
            assert!(
                matches!(document_url(link, &hosts()), Err(LinkError::NotALink(_))),
                "{link}"
            );
        }
    }

    #[test]
    fn takes_the_presentation_out_of_verifierplus_records() {
        let vp = serde_json::json!({"type": ["VerifiablePresentation"]});
        assert_eq!(
            shared_document(serde_json::json!({"id": "x", "vp": vp.clone(), "shared": true})),
            vp
        );
        let vc = serde_json::json!({"type": ["VerifiableCredential"]});
        assert_eq!(shared_document(vc.clone()), vc);
    }
}
