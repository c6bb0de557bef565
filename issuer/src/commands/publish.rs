//! `--status-service` and `--publish`: status lists hosted by an Open Masters
//! service (`om-verifier serve`) at `{service_url}/status-lists/{did}/{name}`. The
//! service files a list only when it is signed by the DID in that URL, its
//! `id` is that URL, and it is newer than the list it replaces (see
//! `specs/status-hosting.md`).

use anyhow::Result;
use om_cli::output::printable;
use om_cli::service::{ServiceClient, ServiceError};
use om_cli::{hinted, Status, Tool};

/// The name of the one list this tool keeps per identity.
pub const LIST_NAME: &str = "revocation";

/// The service URL without a trailing `/`, refused unless it is `https://` (or
/// `http://` on this machine, for tests and local setups).
pub fn service_base(service_url: &str) -> Result<String> {
    let service_url = service_url.trim().trim_end_matches('/');
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| service_url.starts_with(p));
    if service_url.starts_with("https://") || local {
        Ok(service_url.to_string())
    } else {
        Err(hinted(
            format!("{service_url:?} is not an https:// address"),
            "give the service's address, like https://verify.example.org",
        ))
    }
}

/// The URL at which `service_url` hosts `did`'s status list: set it as your status
/// list URL (`om-issuer profile --status-service SERVICE` does).
pub fn service_list_url(service_url: &str, did: &str) -> Result<String> {
    Ok(format!(
        "{}/status-lists/{did}/{LIST_NAME}",
        service_base(service_url)?
    ))
}

/// Uploads the signed list `bytes` (whose id is `status_url`) to `service_url`.
/// A refusal by the service is a negative verdict (exit 1) with its reason;
/// a service out of reach is an error (exit 2).
pub fn publish(service_url: &str, status_url: &str, bytes: &[u8]) -> Result<Status> {
    let base = service_base(service_url)?;
    if !status_url.starts_with(&format!("{base}/status-lists/")) {
        return Err(hinted(
            format!("your status list URL ({status_url}) is not on {base}, so the list cannot be published there"),
            format!("point your status list URL at the service with: om-issuer profile --status-service {base} (letters signed before keep the old URL)"),
        ));
    }
    // A success whose answer is not JSON still filed the list.
    let answer = match ServiceClient::new(Tool::Issuer).put_json(status_url, bytes) {
        Err(ServiceError::NotJson { .. }) => Ok(serde_json::Value::Null),
        other => other,
    };
    match answer {
        Ok(body) => {
            let result = body["result"].as_str().unwrap_or("accepted");
            eprintln!("Published the status list ({}).", printable(result));
            println!("{status_url}");
            Ok(Status::Holds)
        }
        Err(e) => match (e.refusal(), e.exit_status()) {
            (Some(r), Status::Negative) => {
                eprintln!(
                    "om-issuer: refused: the service answered {}: {}",
                    r.status, r.detail
                );
                eprintln!("hint: the list was still written locally; a list is accepted only if it is yours, at its own URL, and newer than the one there");
                Ok(Status::Negative)
            }
            (Some(r), _) => Err(hinted(
                format!("the service answered {}: {}", r.status, r.detail),
                "try again later (the list was written locally)",
            )),
            (None, _) => Err(hinted(
                e.to_string(),
                "check the address and your connection, then run om-issuer status-list --publish again",
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_urls() {
        assert_eq!(
            service_list_url("https://verify.example/", "did:key:z6Mk").unwrap(),
            "https://verify.example/status-lists/did:key:z6Mk/revocation"
        );
        assert!(service_base("http://hub.example").is_err());
        assert!(service_base("http://127.0.0.1:8080").is_ok());
        assert!(service_base("ftp://x").is_err());
    }
}
