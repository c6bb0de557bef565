//! Sharing a signed presentation with an employer through the verifier: a
//! short link (uploaded, `POST /shares`) or an inline link carrying the whole
//! presentation in its fragment (`/v#vp=…`).

use std::time::Duration;

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
    /// The verifier could not be reached or refused.
    #[error("{0}")]
    Http(String),
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
        other => ShareError::Http(other.to_string()),
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

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("om-wallet/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// A problem's title and detail (or the text, cut), with control characters
/// neutralised: it came from a server and is printed at a terminal.
fn problem_text(body: &str) -> String {
    let text = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            let title = v
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let detail = v.get("detail").and_then(Value::as_str).unwrap_or_default();
            let s = format!(
                "{title}{}{detail}",
                if detail.is_empty() || title.is_empty() {
                    ""
                } else {
                    ": "
                }
            );
            (!s.is_empty()).then_some(s)
        })
        .unwrap_or_else(|| body.chars().take(300).collect());
    om_cli::output::printable(&text)
}

/// Uploads a presentation: `POST {verifier}/shares`.
pub fn upload(verifier: &str, vp: &Value) -> Result<Created, ShareError> {
    let body = serde_json::to_string(&serde_json::json!({ "verifiablePresentation": vp }))
        .unwrap_or_default();
    if body.len() > MAX_UPLOAD {
        return Err(ShareError::TooLarge(body.len()));
    }
    let url = format!("{}/shares", verifier_base(verifier));
    match agent()
        .post(&url)
        .set("Content-Type", "application/json")
        .set("Accept", "application/json")
        .send_string(&body)
    {
        Ok(r) if r.status() == 201 || r.status() == 200 => {
            let text = r
                .into_string()
                .map_err(|e| ShareError::Http(format!("reading the answer of {url}: {e}")))?;
            serde_json::from_str(&text).map_err(|e| {
                ShareError::Http(format!("{url} answered something that is not a share: {e}"))
            })
        }
        Ok(r) => Err(ShareError::Http(format!(
            "{url} answered HTTP {} instead of 201 Created",
            r.status()
        ))),
        Err(ureq::Error::Status(code, r)) => Err(ShareError::Http(format!(
            "the verifier refused the share (HTTP {code}): {}",
            problem_text(&r.into_string().unwrap_or_default())
        ))),
        Err(e) => Err(ShareError::Http(format!("could not reach {url}: {e}"))),
    }
}

/// Withdraws a share: `DELETE {verifier}/shares/{id}` with its token. A share the
/// verifier no longer knows (404) counts as withdrawn.
pub fn delete(verifier: &str, id: &str, token: &str) -> Result<(), ShareError> {
    let url = format!("{}/shares/{id}", verifier_base(verifier));
    match agent()
        .delete(&url)
        .set("Authorization", &format!("Bearer {token}"))
        .call()
    {
        Ok(_) | Err(ureq::Error::Status(404, _)) => Ok(()),
        Err(ureq::Error::Status(403, _)) => Err(ShareError::Http(
            "the verifier refused: the withdrawal token does not match".into(),
        )),
        Err(ureq::Error::Status(code, r)) => Err(ShareError::Http(format!(
            "{url} answered HTTP {code}: {}",
            problem_text(&r.into_string().unwrap_or_default())
        ))),
        Err(e) => Err(ShareError::Http(format!("could not reach {url}: {e}"))),
    }
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
