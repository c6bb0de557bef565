//! The client side of the service's VC-API exchanges (`specs/exchanges.md`),
//! shared by `om-issuer` (delivering letters) and `om-wallet` (receiving
//! letters, answering employers). The messages are [`om_core::exchange`]'s.

use std::io::Read;
use std::time::Duration;

use anyhow::{anyhow, Result};
use om_core::exchange::{self, Link, Origin, PresentationRequest};
use serde_json::Value;

use crate::hinted;
use crate::output::{confirm, printable};

/// The largest answer read from a service (1 MiB).
pub const MAX_ANSWER: u64 = 1024 * 1024;

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .redirects(0)
        .user_agent(concat!("om-cli/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// The `detail` (or `title`) of a problem document, else the text itself
/// (cut), with control characters neutralised ([`printable`]).
pub fn problem_text(body: &str) -> String {
    let text = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            v.get("detail")
                .or_else(|| v.get("title"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_else(|| body.chars().take(300).collect());
    printable(&text)
}

fn read_json(r: ureq::Response, url: &str) -> Result<Value> {
    let mut text = String::new();
    r.into_reader()
        .take(MAX_ANSWER + 1)
        .read_to_string(&mut text)
        .map_err(|e| anyhow!("reading the answer of {url}: {e}"))?;
    if text.len() as u64 > MAX_ANSWER {
        return Err(anyhow!("{url} answered more than {MAX_ANSWER} bytes"));
    }
    if text.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_str(&text).map_err(|e| anyhow!("{url} did not answer JSON: {e}"))
}

/// An HTTP error of a service: its status and the problem's words.
#[derive(Debug, thiserror::Error)]
#[error("{url} answered HTTP {status}: {detail}")]
pub struct Refusal {
    /// The URL.
    pub url: String,
    /// The HTTP status.
    pub status: u16,
    /// The problem's detail.
    pub detail: String,
}

fn outcome(result: Result<ureq::Response, ureq::Error>, url: &str) -> Result<Value> {
    match result {
        Ok(r) => read_json(r, url),
        Err(ureq::Error::Status(status, r)) => Err(Refusal {
            url: printable(url),
            status,
            detail: problem_text(&r.into_string().unwrap_or_default()),
        }
        .into()),
        Err(e) => Err(hinted(
            format!("could not reach {}: {e}", printable(url)),
            "check the link and your connection",
        )),
    }
}

/// POSTs a JSON body; the JSON answer, or the service's refusal.
pub fn post_json(url: &str, body: &Value) -> Result<Value> {
    let r = agent()
        .post(url)
        .set("Accept", "application/json")
        .set("Content-Type", "application/json")
        .send_string(&body.to_string());
    outcome(r, url)
}

/// PUTs a JSON body; the JSON answer, or the service's refusal.
pub fn put_json(url: &str, body: &Value) -> Result<Value> {
    let r = agent()
        .put(url)
        .set("Accept", "application/json")
        .set("Content-Type", "application/json")
        .send_string(&body.to_string());
    outcome(r, url)
}

/// GETs JSON (`Accept: application/json`).
pub fn get_json(url: &str) -> Result<Value> {
    outcome(
        agent().get(url).set("Accept", "application/json").call(),
        url,
    )
}

/// DELETEs with a bearer token.
pub fn delete(url: &str, token: &str) -> Result<()> {
    let r = agent()
        .delete(url)
        .set("Authorization", &format!("Bearer {token}"))
        .call();
    outcome(r, url).map(|_| ())
}

/// An exchange under way: its URL, where it is, and what it asks for.
#[derive(Debug, Clone)]
pub struct Started {
    /// The exchange URL (where the answer is posted).
    pub url: String,
    /// Its origin: the host that receives the answer.
    pub origin: Origin,
    /// The presentation request (its `domain` names [`Started::origin`]).
    pub request: PresentationRequest,
}

/// Opens the exchange a link names (asking the interaction URL for its
/// protocols when needed) and reads its presentation request.
///
/// Every answer is bound to where it is sent:
/// - the exchange must be at the link's own origin (scheme, host and port).
///   When an interaction link hands the exchange to another host, the person
///   is told both hosts and asked at a terminal; without a terminal, it is
///   refused (a script cannot be asked);
/// - the request's `domain` must name the exchange's origin (`host[:port]`,
///   or the whole origin): an answer signed for another site's domain, posted
///   here, is what a relay forwards to that site. Refused, with the reason.
pub fn start(link: &str) -> Result<Started> {
    let link = Link::parse(link).map_err(|e| {
        hinted(
            format!("this is not an exchange link: {e}"),
            "paste the whole link the other person gave you (it starts with https://)",
        )
    })?;
    let url = match link {
        // A wallet invitation names its exchange itself.
        Link::Exchange(u) => u,
        // A one-step link is not a VC-API exchange: it delivers a letter.
        Link::OneStep(o) => {
            return Err(hinted(
                format!(
                    "this is a one-step link that delivers a letter (to {}); it does not ask to see your letters (nothing was sent)",
                    Origin::of(&o.request_url).map_or_else(|| printable(&o.request_url), |o| o.to_string())
                ),
                "to receive the letter, run: om-wallet receive '<the link>'",
            ))
        }
        Link::Interaction(u) => {
            let from = Origin::of(&u).ok_or_else(|| {
                hinted(
                    format!("{} is not a web address with a host", printable(&u)),
                    "paste the whole link the other person gave you (it starts with https://)",
                )
            })?;
            let protocols = get_json(&u)?;
            let url = exchange::exchange_url_of(&protocols)
                .map_err(|e| anyhow!("{} offers no VC-API exchange: {e}", printable(&u)))?;
            match Origin::of(&url) {
                Some(to) if to == from => {}
                to => {
                    let to = to.map_or_else(|| printable(&url), |o| o.to_string());
                    let question = format!(
                        "The link at {from} hands this exchange to another host, {to}: your answer would go there. Continue?"
                    );
                    if confirm(&question)? != Some(true) {
                        return Err(hinted(
                            format!("refused: the link at {from} sends your answer to another host, {to}"),
                            format!("an answer goes only to the host of the link you were given; ask for a link at {to} if you trust it (nothing was signed or sent)"),
                        ));
                    }
                }
            }
            url
        }
    };
    let origin = Origin::of(&url).ok_or_else(|| {
        anyhow!(
            "the exchange {} is not a web address with a host",
            printable(&url)
        )
    })?;
    let answer = post_json(&url, &Value::Object(Default::default()))?;
    let request = PresentationRequest::from_message(&answer).map_err(|e| {
        anyhow!(
            "the exchange's request cannot be answered: {}",
            printable(&e.to_string())
        )
    })?;
    match &request.domain {
        Some(d) if origin.is_named_by(d) => {}
        Some(d) => {
            return Err(hinted(
                format!(
                    "refused: the exchange at {origin} asks for an answer signed for another site, \"{}\"; that answer would be valid there, so whoever runs {origin} could pass it on (a relay)",
                    printable(d)
                ),
                format!("nothing was signed or sent; open the link that {} gave you itself", printable(d)),
            ))
        }
        None => {
            return Err(hinted(
                format!("refused: the exchange at {origin} names no domain, so an answer to it could be passed on to any site"),
                "nothing was signed or sent; a request must name the site that asks (its domain)",
            ))
        }
    }
    Ok(Started {
        url,
        origin,
        request,
    })
}

/// Answers an exchange with a signed presentation; the service's result.
pub fn answer(exchange_url: &str, vp: Value) -> Result<Value> {
    post_json(exchange_url, &exchange::presentation_message(vp))
}
