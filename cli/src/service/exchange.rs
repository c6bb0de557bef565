//! The client side of the service's VC-API exchanges (`specs/exchanges.md`),
//! used by `om-wallet` (receiving letters, answering employers) over the
//! [`ServiceClient`]. The messages are [`om_core::exchange`]'s.

use anyhow::{anyhow, Result};
use om_core::exchange::{self, Link, Origin, PresentationRequest};
use serde_json::Value;

use super::ServiceClient;
use crate::hinted;
use crate::output::{confirm, printable};

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
pub fn start(service: &ServiceClient, link: &str) -> Result<Started> {
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
            let protocols = service.get_json(&u)?;
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
    let answer = service.post_json(&url, &Value::Object(Default::default()))?;
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
pub fn answer(service: &ServiceClient, exchange_url: &str, vp: Value) -> Result<Value> {
    Ok(service.post_json(exchange_url, &exchange::presentation_message(vp))?)
}
