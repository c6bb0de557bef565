//! `--status-hub` and `--publish`: status lists hosted by an Open Masters
//! service (`om-verifier serve`) at `{hub}/status-lists/{did}/{name}`. The
//! service files a list only when it is signed by the DID in that URL, its
//! `id` is that URL, and it is newer than the list it replaces (see
//! `specs/status-hosting.md`).

use std::time::Duration;

use anyhow::Result;
use om_cli::{hinted, Status};

/// The name of the one list this tool keeps per identity.
pub const LIST_NAME: &str = "revocation";

/// The hub URL without a trailing `/`, refused unless it is `https://` (or
/// `http://` on this machine, for tests and local setups).
pub fn hub_base(hub: &str) -> Result<String> {
    let hub = hub.trim().trim_end_matches('/');
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| hub.starts_with(p));
    if hub.starts_with("https://") || local {
        Ok(hub.to_string())
    } else {
        Err(hinted(
            format!("{hub:?} is not an https:// address"),
            "give the service's address, like https://hub.example.org",
        ))
    }
}

/// The URL at which `hub` hosts `did`'s status list: set it as your status
/// list URL (`om-issuer profile --status-hub HUB` does).
pub fn hub_list_url(hub: &str, did: &str) -> Result<String> {
    Ok(format!("{}/status-lists/{did}/{LIST_NAME}", hub_base(hub)?))
}

/// Uploads the signed list `bytes` (whose id is `status_url`) to `hub`.
/// A refusal by the service is a negative verdict (exit 1) with its reason;
/// a service out of reach is an error (exit 2).
pub fn publish(hub: &str, status_url: &str, bytes: &[u8]) -> Result<Status> {
    let base = hub_base(hub)?;
    if !status_url.starts_with(&format!("{base}/status-lists/")) {
        return Err(hinted(
            format!("your status list URL ({status_url}) is not on {base}, so the list cannot be published there"),
            format!("point your status list URL at the service with: om-issuer profile --status-hub {base} (letters signed before keep the old URL)"),
        ));
    }
    let answer = ureq::put(status_url)
        .timeout(Duration::from_secs(30))
        .set("Content-Type", "application/json")
        .send_bytes(bytes);
    match answer {
        Ok(r) => {
            let body: serde_json::Value =
                serde_json::from_str(&r.into_string().unwrap_or_default()).unwrap_or_default();
            let result = body["result"].as_str().unwrap_or("accepted");
            eprintln!("Published the status list ({result}).");
            println!("{status_url}");
            Ok(Status::Holds)
        }
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            let detail = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["detail"].as_str().map(str::to_string))
                .unwrap_or(text);
            if (400..500).contains(&code) && code != 429 {
                eprintln!("om-issuer: refused: the service answered {code}: {detail}");
                eprintln!("hint: the list was still written locally; a list is accepted only if it is yours, at its own URL, and newer than the one there");
                Ok(Status::Negative)
            } else {
                Err(hinted(
                    format!("the service answered {code}: {detail}"),
                    "try again later (the list was written locally)",
                ))
            }
        }
        Err(e) => Err(hinted(
            format!("cannot reach {base}: {e}"),
            "check the address and your connection, then run om-issuer status-list --publish again",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_urls() {
        assert_eq!(
            hub_list_url("https://hub.example/", "did:key:z6Mk").unwrap(),
            "https://hub.example/status-lists/did:key:z6Mk/revocation"
        );
        assert!(hub_base("http://hub.example").is_err());
        assert!(hub_base("http://127.0.0.1:8080").is_ok());
        assert!(hub_base("ftp://x").is_err());
    }
}
