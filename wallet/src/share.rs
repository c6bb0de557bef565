//! Sharing a signed presentation with an employer through the verifier: a
//! short link (uploaded, `POST /shares`) or an inline link carrying the whole
//! presentation in its fragment (`/v#vp=…`).

use om_cli::service::{ServiceClient, ServiceError};
pub use om_core::share::MAX_INLINE_URL;
use serde::Deserialize;
use serde_json::Value;

/// The largest presentation the verifier accepts for a share link.
pub const MAX_UPLOAD: usize = 256 * 1024;

/// Errors of sharing.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    /// The inline URL would be too long.
    #[error("the inline link would be {0} characters long, more than {MAX_INLINE_URL} that a phone scans reliably")]
    TooLong(usize),
    /// The presentation is too large to upload.
    #[error("the presentation is {0} bytes, more than the verifier accepts ({MAX_UPLOAD})")]
    TooLarge(usize),
    /// The verifier refused the share.
    #[error("the verifier refused the share (HTTP {status}): {detail}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The verifier's words (neutralised).
        detail: String,
    },
    /// The withdrawal token is not the share's.
    #[error("the verifier refused: the withdrawal token does not match")]
    WrongToken,
    /// The verifier's answer to an upload is not a share.
    #[error("{url} answered something that is not a share: {reason}")]
    NotAShare {
        /// The URL asked.
        url: String,
        /// What is missing or wrong.
        reason: String,
    },
    /// The verifier could not be reached, or answered nonsense.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The presentation cannot be put in a link.
    #[error("{0}")]
    Inline(String),
}

/// The verifier base URL as the wallet uses it: trimmed, without a trailing `/`.
/// This is also the `domain` of the presentation's proof.
pub fn verifier_base(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

/// The inline payload (the codec is [`om_core::share`]).
pub fn inline_payload(vp: &Value) -> String {
    om_core::share::encode(vp)
}

/// The inline URL `{verifier}/v#vp=<payload>`, refused when longer than [`MAX_INLINE_URL`].
pub fn inline_url(verifier: &str, vp: &Value) -> Result<String, ShareError> {
    om_core::share::inline_url(&verifier_base(verifier), vp).map_err(|e| match e {
        om_core::share::InlineError::TooLong(n) => ShareError::TooLong(n),
        other => ShareError::Inline(other.to_string()),
    })
}

/// The verifier's answer to an upload.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    /// The share id.
    pub id: String,
    /// The public URL.
    pub url: String,
    /// When it expires.
    #[serde(default)]
    pub expires: Option<String>,
    /// The token that withdraws it (given once).
    pub delete_token: String,
}

/// Uploads a presentation: `POST {verifier}/shares`.
pub fn upload(verifier: &str, vp: &Value) -> Result<Created, ShareError> {
    let body = serde_json::json!({ "verifiablePresentation": vp });
    let size = body.to_string().len();
    if size > MAX_UPLOAD {
        return Err(ShareError::TooLarge(size));
    }
    let url = format!("{}/shares", verifier_base(verifier));
    let answer = service().post_json(&url, &body).map_err(|e| match e {
        ServiceError::Refused(r) => ShareError::Refused {
            status: r.status,
            detail: r.detail,
        },
        e => e.into(),
    })?;
    serde_json::from_value(answer).map_err(|e| ShareError::NotAShare {
        url: om_cli::output::printable(&url),
        reason: e.to_string(),
    })
}

/// Withdraws a share: `DELETE {verifier}/shares/{id}` with its token. A share the
/// verifier no longer knows (404) counts as withdrawn.
pub fn delete(verifier: &str, id: &str, token: &str) -> Result<(), ShareError> {
    let url = format!("{}/shares/{id}", verifier_base(verifier));
    match service().delete(&url, token) {
        Ok(()) => Ok(()),
        Err(e) => match e.refusal().map(|r| r.status) {
            Some(404) => Ok(()),
            Some(403) => Err(ShareError::WrongToken),
            _ => Err(e.into()),
        },
    }
}

/// The wallet's client of the verifier.
fn service() -> ServiceClient {
    ServiceClient::new(om_cli::Tool::Wallet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_links_are_the_cores_codec_behind_the_verifier_base() {
        let vp = serde_json::json!({"type": ["VerifiablePresentation"], "holder": "did:key:z"});
        let url = inline_url("http://127.0.0.1:8080/", &vp).unwrap();
        let payload = url.strip_prefix("http://127.0.0.1:8080/v#vp=").unwrap();
        assert_eq!(
            om_core::share::decode(payload).unwrap(),
            serde_json::to_vec(&vp).unwrap()
        );
        let big = serde_json::json!({"x": (0..3000).map(|i| i.to_string()).collect::<Vec<_>>()});
        assert!(matches!(
            inline_url("http://v", &big),
            Err(ShareError::TooLong(_))
        ));
    }
}
