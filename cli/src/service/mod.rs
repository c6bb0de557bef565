//! The one HTTP client of the tools to the service (`om-verifier serve`):
//! deliveries and withdrawals (`om-issuer`), status lists (`om-issuer
//! status-list --publish`), shares (`om-wallet share`, `unshare`), exchanges
//! (`om-wallet receive`, `present --to`, in [`exchange`]), and the
//! downloads of `om-wallet import URL`.
//!
//! The counterpart may be hostile: answers are read only up to a bound, the
//! service's redirects are not followed, and what it says when it refuses (a
//! problem document, [`problem`]) reaches the terminal cut and neutralised.
//! Every failure is a [`ServiceError`], mapped once to the exit-code contract
//! ([`ServiceError::exit_status`]) and to a hint ([`ServiceError::hint`]).

pub mod exchange;
pub mod problem;

use std::io::Read;
use std::time::Duration;

use serde_json::Value;

use crate::error::Tool;
use crate::exit::Status;
use crate::output::printable;
pub use problem::Problem;

/// The largest answer read from the service (1 MiB).
pub const MAX_ANSWER: u64 = 1024 * 1024;

/// How long a request to the service may take, connection included.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// How many redirects a download ([`ServiceClient::downloads`]) follows.
pub const MAX_REDIRECTS: u32 = 5;

/// The service refused a request: its HTTP status and its words.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{url} answered HTTP {status}: {detail}")]
pub struct Refusal {
    /// The URL asked (neutralised for printing).
    pub url: String,
    /// The HTTP status (400 to 599).
    pub status: u16,
    /// The problem's words ([`Problem::text_of`]): safe to print.
    pub detail: String,
}

/// Why a request to the service did not give an answer to use.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The service answered with an HTTP error and (perhaps) a problem document.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The service could not be reached (address, connection, TLS, timeout).
    #[error("could not reach {url}: {reason}")]
    Unreachable {
        /// The URL asked.
        url: String,
        /// What the connection said.
        reason: String,
    },
    /// An answer other than success or error: a redirect (not followed, it
    /// could send the request elsewhere) or an informational status.
    #[error("{url} answered HTTP {status}, which is not an answer (redirects are not followed)")]
    Unexpected {
        /// The URL asked.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The answer is larger than the client reads.
    #[error("{url} answered more than {limit} bytes")]
    TooLarge {
        /// The URL asked.
        url: String,
        /// The bound, in bytes.
        limit: u64,
    },
    /// The answer broke off while it was read.
    #[error("reading the answer of {url}: {reason}")]
    Read {
        /// The URL asked.
        url: String,
        /// What broke.
        reason: String,
    },
    /// The answer is not JSON.
    #[error("{url} did not answer JSON: {reason}")]
    NotJson {
        /// The URL asked.
        url: String,
        /// Why it does not parse.
        reason: String,
    },
}

impl ServiceError {
    /// The refusal, when the service answered with an HTTP error.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Self::Refused(r) => Some(r),
            _ => None,
        }
    }

    /// The exit status of this failure under the contract ([`crate::exit`]),
    /// for a command that reports the service's answer as its verdict: a
    /// refusal of the request itself (4xx, but not 408 or 429) is a negative
    /// verdict (1); a service out of reach, busy, failing, or answering
    /// nonsense means the command could not do it (2).
    pub fn exit_status(&self) -> Status {
        match self {
            Self::Refused(r)
                if (400..500).contains(&r.status) && !matches!(r.status, 408 | 429) =>
            {
                Status::Negative
            }
            _ => Status::CouldNotCheck,
        }
    }

    /// What to try next, when something is known.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Self::Unreachable { .. } => Some("check the link and your connection"),
            Self::Refused(r) if matches!(r.status, 408 | 429 | 502 | 503 | 504) => {
                Some("the service is busy or out of reach for now; try again in a few minutes")
            }
            Self::Unexpected { status, .. } if (300..400).contains(status) => {
                Some("give the service's own address (its redirects are not followed)")
            }
            _ => None,
        }
    }
}

/// The refusal in an error's chain, when the service answered with an HTTP error.
pub fn refusal_of(err: &anyhow::Error) -> Option<&Refusal> {
    err.chain().find_map(|c| {
        c.downcast_ref::<Refusal>()
            .or_else(|| c.downcast_ref::<ServiceError>()?.refusal())
    })
}

/// The hint for a cause that is a [`ServiceError`] (for [`crate::run`]).
pub fn hint_of(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    cause
        .downcast_ref::<ServiceError>()
        .and_then(ServiceError::hint)
        .map(str::to_string)
}

/// A client of the service: its agent (timeout, user agent, redirects) and
/// the bound on what it reads.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    agent: ureq::Agent,
    max_answer: u64,
}

impl ServiceClient {
    /// The client `tool` uses to talk to the service: [`TIMEOUT`], no
    /// redirect followed, answers up to [`MAX_ANSWER`].
    pub fn new(tool: Tool) -> Self {
        Self::build(tool, TIMEOUT, 0, MAX_ANSWER)
    }

    /// A client for downloading a document someone published at a web
    /// address (`om-wallet import URL`): it follows up to [`MAX_REDIRECTS`]
    /// redirects, as a browser would, and reads up to `max_answer` bytes.
    pub fn downloads(tool: Tool, timeout: Duration, max_answer: u64) -> Self {
        Self::build(tool, timeout, MAX_REDIRECTS, max_answer)
    }

    fn build(tool: Tool, timeout: Duration, redirects: u32, max_answer: u64) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout(timeout)
            .redirects(redirects)
            .user_agent(&format!("{}/{}", tool.name(), env!("CARGO_PKG_VERSION")))
            .build();
        Self { agent, max_answer }
    }

    /// The bound on what this client reads, in bytes.
    pub fn max_answer(&self) -> u64 {
        self.max_answer
    }

    /// `GET url` (`Accept: application/json`): the JSON answer.
    pub fn get_json(&self, url: &str) -> Result<Value, ServiceError> {
        let r = self.agent.get(url).set("Accept", "application/json").call();
        json_of(url, self.body(url, r)?)
    }

    /// `POST url` with a JSON body: the JSON answer (`{}` when it is empty).
    pub fn post_json(&self, url: &str, body: &Value) -> Result<Value, ServiceError> {
        let r = self
            .agent
            .post(url)
            .set("Accept", "application/json")
            .set("Content-Type", "application/json")
            .send_string(&body.to_string());
        json_of(url, self.body(url, r)?)
    }

    /// `PUT url` with a body that is already JSON text: the JSON answer.
    pub fn put_json(&self, url: &str, json_text: &[u8]) -> Result<Value, ServiceError> {
        let r = self
            .agent
            .put(url)
            .set("Accept", "application/json")
            .set("Content-Type", "application/json")
            .send_bytes(json_text);
        json_of(url, self.body(url, r)?)
    }

    /// `DELETE url` with a bearer token.
    pub fn delete(&self, url: &str, token: &str) -> Result<(), ServiceError> {
        let r = self
            .agent
            .delete(url)
            .set("Accept", "application/json")
            .set("Authorization", &format!("Bearer {token}"))
            .call();
        self.body(url, r).map(drop)
    }

    /// `GET url` with the given `Accept`: the body's bytes.
    pub fn get_bytes(&self, url: &str, accept: &str) -> Result<Vec<u8>, ServiceError> {
        let r = self.agent.get(url).set("Accept", accept).call();
        self.body(url, r)
    }

    /// The body of a successful answer, or the failure as a [`ServiceError`].
    fn body(
        &self,
        url: &str,
        result: Result<ureq::Response, ureq::Error>,
    ) -> Result<Vec<u8>, ServiceError> {
        let shown = || printable(url);
        match result {
            Ok(r) if (200..300).contains(&r.status()) => {
                let (bytes, complete) =
                    read_bounded(r, self.max_answer).map_err(|e| ServiceError::Read {
                        url: shown(),
                        reason: printable(&e.to_string()),
                    })?;
                if !complete {
                    return Err(ServiceError::TooLarge {
                        url: shown(),
                        limit: self.max_answer,
                    });
                }
                Ok(bytes)
            }
            Ok(r) => Err(ServiceError::Unexpected {
                url: shown(),
                status: r.status(),
            }),
            Err(ureq::Error::Status(status, r)) => {
                // What was read, even broken off, is all a refusal needs.
                let bytes = read_bounded(r, self.max_answer.min(MAX_ANSWER))
                    .map(|(b, _)| b)
                    .unwrap_or_default();
                Err(refusal(url, status, &bytes).into())
            }
            Err(e) => Err(ServiceError::Unreachable {
                url: shown(),
                reason: printable(&e.to_string()),
            }),
        }
    }
}

/// The refusal of `url` with HTTP `status` and the answer `body` (one reading
/// of problem documents for every caller).
pub fn refusal(url: &str, status: u16, body: &[u8]) -> Refusal {
    Refusal {
        url: printable(url),
        status,
        detail: Problem::text_of(body),
    }
}

/// Reads at most `limit` bytes; `false` when the body is longer.
fn read_bounded(r: ureq::Response, limit: u64) -> std::io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    r.into_reader()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let complete = bytes.len() as u64 <= limit;
    bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((bytes, complete))
}

/// The JSON of an answer; an empty answer is `{}`.
fn json_of(url: &str, bytes: Vec<u8>) -> Result<Value, ServiceError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_slice(&bytes).map_err(|e| ServiceError::NotJson {
        url: printable(url),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests;
