//! W3C VC-API exchanges: the messages a wallet and the service trade (see
//! `specs/exchanges.md`).
//!
//! 1. An **interaction URL** (from a link or a QR code) answers, when asked
//!    with `Accept: application/json`, `{"protocols": {"vcapi": "<exchange URL>"}}`.
//! 2. The wallet POSTs `{}` to the exchange URL and receives a
//!    `verifiablePresentationRequest`: a `DIDAuthentication` query (prove
//!    control of a DID) and possibly a `QueryByExample` (show credentials of a
//!    kind), with the service's `challenge` and `domain`.
//! 3. The wallet POSTs `{"verifiablePresentation": …}` signed for that
//!    challenge and domain, and receives the result: a presentation carrying
//!    credentials (delivery), or `{}`.
//!
//! This module builds and reads those messages; it does no networking.

use serde_json::{json, Map, Value};

use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3};

/// The query type asking the holder to prove control of a DID.
pub const DID_AUTHENTICATION: &str = "DIDAuthentication";
/// The query type asking for credentials like an example.
pub const QUERY_BY_EXAMPLE: &str = "QueryByExample";
/// The longest challenge or domain accepted from a request.
pub const MAX_CHALLENGE_LEN: usize = 256;
/// The largest number of credentials taken from an exchange's result.
pub const MAX_RESULT_CREDENTIALS: usize = 16;

/// A message of the protocol that is not what the protocol says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ProtocolError {
    /// Where in the message (a JSON path).
    pub path: String,
    /// What is wrong.
    pub reason: String,
}

fn bad(path: &str, reason: impl Into<String>) -> ProtocolError {
    ProtocolError {
        path: path.to_string(),
        reason: reason.into(),
    }
}

/// What an exchange asks of the wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentationRequest {
    /// The challenge to sign (single use, chosen by the service).
    pub challenge: String,
    /// The domain to sign for (the service's), if any.
    pub domain: Option<String>,
    /// Credentials asked for (`QueryByExample`): their types, as given.
    pub wanted_types: Vec<String>,
    /// Why they are asked for, in the service's words.
    pub reason: Option<String>,
}

impl PresentationRequest {
    /// The message `{"verifiablePresentationRequest": …}`: a `DIDAuthentication`
    /// query (did:key, the EdDSA suites), and a `QueryByExample` for
    /// Open Badges endorsements when `wanted_types` is not empty.
    pub fn to_message(&self) -> Value {
        let mut query = Vec::new();
        if !self.wanted_types.is_empty() {
            let mut credential_query = Map::new();
            if let Some(r) = &self.reason {
                credential_query.insert("reason".into(), r.clone().into());
            }
            credential_query.insert(
                "example".into(),
                json!({
                    "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
                    "type": self.wanted_types,
                }),
            );
            // One object, not an array: the Learner Credential Wallet reads
            // `query.credentialQuery?.example` and matches nothing when it
            // is an array (app/lib/credentialMatching.ts,
            // `filterCredentialRecordsByType`, at 1c46a82). The VC-API
            // allows both shapes; `from_message` reads both.
            query.push(json!({
                "type": QUERY_BY_EXAMPLE,
                "credentialQuery": Value::Object(credential_query),
            }));
        }
        query.push(json!({
            "type": DID_AUTHENTICATION,
            "acceptedMethods": [{"method": "key"}],
            "acceptedCryptosuites": [
                {"cryptosuite": "eddsa-rdfc-2022"},
                {"cryptosuite": "eddsa-jcs-2022"},
                {"cryptosuite": "Ed25519Signature2020"}
            ],
        }));
        let mut vpr = Map::new();
        vpr.insert("query".into(), Value::Array(query));
        vpr.insert("challenge".into(), self.challenge.clone().into());
        if let Some(d) = &self.domain {
            vpr.insert("domain".into(), d.clone().into());
        }
        json!({ "verifiablePresentationRequest": Value::Object(vpr) })
    }

    /// Reads a service's answer to `{}`. The wallet must know what it signs:
    /// a request without a `DIDAuthentication` query or a challenge is refused,
    /// as is one asking for something else this wallet cannot give.
    pub fn from_message(message: &Value) -> Result<Self, ProtocolError> {
        let vpr = message
            .get("verifiablePresentationRequest")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("$", "no \"verifiablePresentationRequest\" object"))?;
        let text = |name: &str| -> Result<Option<String>, ProtocolError> {
            match vpr.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if !s.is_empty() && s.len() <= MAX_CHALLENGE_LEN => {
                    Ok(Some(s.clone()))
                }
                Some(_) => Err(bad(
                    &format!("$.verifiablePresentationRequest.{name}"),
                    format!("must be a string of 1 to {MAX_CHALLENGE_LEN} characters"),
                )),
            }
        };
        let challenge = text("challenge")?.ok_or_else(|| {
            bad(
                "$.verifiablePresentationRequest.challenge",
                "missing: without a challenge a presentation could be replayed",
            )
        })?;
        let domain = text("domain")?;
        let queries = match vpr.get("query") {
            Some(Value::Array(a)) => a.iter().collect::<Vec<_>>(),
            Some(q @ Value::Object(_)) => vec![q],
            _ => {
                return Err(bad(
                    "$.verifiablePresentationRequest.query",
                    "must be a query object or an array of them",
                ))
            }
        };
        let mut did_auth = false;
        let mut wanted_types = Vec::new();
        let mut reason = None;
        for (i, q) in queries.iter().enumerate() {
            let path = format!("$.verifiablePresentationRequest.query[{i}]");
            match q.get("type").and_then(Value::as_str) {
                Some(DID_AUTHENTICATION) => did_auth = true,
                Some(QUERY_BY_EXAMPLE) => {
                    let cq = match q.get("credentialQuery") {
                        Some(Value::Array(a)) => a.iter().collect::<Vec<_>>(),
                        Some(o @ Value::Object(_)) => vec![o],
                        _ => return Err(bad(&path, "a QueryByExample needs a credentialQuery")),
                    };
                    for c in cq {
                        if reason.is_none() {
                            reason = c.get("reason").and_then(Value::as_str).map(str::to_string);
                        }
                        match c.get("example").and_then(|e| e.get("type")) {
                            Some(Value::String(t)) => wanted_types.push(t.clone()),
                            Some(Value::Array(ts)) => wanted_types
                                .extend(ts.iter().filter_map(Value::as_str).map(str::to_string)),
                            _ => {
                                return Err(bad(
                                    &format!("{path}.credentialQuery"),
                                    "the example names no credential type",
                                ))
                            }
                        }
                    }
                }
                Some(other) => {
                    return Err(bad(
                        &format!("{path}.type"),
                        format!("{other:?} is a query this wallet does not answer"),
                    ))
                }
                None => return Err(bad(&format!("{path}.type"), "missing")),
            }
        }
        if !did_auth {
            return Err(bad(
                "$.verifiablePresentationRequest.query",
                "no DIDAuthentication query: this wallet only answers requests bound to its DID",
            ));
        }
        wanted_types.retain(|t| t != "VerifiableCredential");
        wanted_types.dedup();
        Ok(Self {
            challenge,
            domain,
            wanted_types,
            reason,
        })
    }
}

/// The answer of an interaction URL to `Accept: application/json`.
pub fn interaction_message(exchange_url: &str) -> Value {
    json!({ "protocols": { "vcapi": exchange_url } })
}

/// The exchange URL in an interaction URL's answer.
pub fn exchange_url_of(message: &Value) -> Result<String, ProtocolError> {
    let url = message
        .get("protocols")
        .and_then(|p| p.get("vcapi"))
        .and_then(Value::as_str)
        .ok_or_else(|| bad("$.protocols.vcapi", "missing: no VC-API exchange offered"))?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(bad("$.protocols.vcapi", "not an http(s) URL"));
    }
    Ok(url.to_string())
}

/// The message that answers a request: `{"verifiablePresentation": vp}`.
pub fn presentation_message(vp: Value) -> Value {
    json!({ "verifiablePresentation": vp })
}

/// The message that delivers credentials: an unsigned presentation carrying them.
pub fn delivery_message(credentials: Vec<Value>) -> Value {
    json!({
        "verifiablePresentation": {
            "@context": [CREDENTIALS_V2],
            "type": ["VerifiablePresentation"],
            "verifiableCredential": credentials,
        }
    })
}

/// The credentials an exchange's result delivers (`verifiablePresentation.
/// verifiableCredential`, one or an array); none when the result is `{}`.
pub fn delivered_credentials(message: &Value) -> Result<Vec<Value>, ProtocolError> {
    let Some(vp) = message.get("verifiablePresentation") else {
        return Ok(vec![]);
    };
    let creds = match vp.get("verifiableCredential") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.clone(),
        Some(c @ Value::Object(_)) => vec![c.clone()],
        Some(_) => {
            return Err(bad(
                "$.verifiablePresentation.verifiableCredential",
                "must be a credential or an array of them",
            ))
        }
    };
    if creds.len() > MAX_RESULT_CREDENTIALS {
        return Err(bad(
            "$.verifiablePresentation.verifiableCredential",
            format!("more than {MAX_RESULT_CREDENTIALS} credentials"),
        ));
    }
    Ok(creds)
}

/// The credentials a one-step request's answer carries: the credential
/// itself (what the service's `/lcw` endpoint answers), a presentation
/// holding them, or a VC-API delivery message.
pub fn one_step_credentials(answer: &Value) -> Result<Vec<Value>, ProtocolError> {
    if answer.get("verifiablePresentation").is_some() {
        return delivered_credentials(answer);
    }
    let has_type = |t: &str| match answer.get("type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    };
    if has_type("VerifiablePresentation") {
        return delivered_credentials(&json!({ "verifiablePresentation": answer }));
    }
    if has_type("VerifiableCredential") {
        return Ok(vec![answer.clone()]);
    }
    Err(bad(
        "$",
        "neither a credential nor a presentation (no VerifiableCredential or VerifiablePresentation type)",
    ))
}

/// The interaction URL named by a link a person scanned or pasted: an
/// `http(s)` URL (a `?iuv=1` marker is kept), `interaction:<url>`, a
/// VC-API invitation `…?request=<JSON with protocols.vcapi>` (as the Learner
/// Credential Wallet's links carry), which names the exchange directly, or a
/// one-step request link (`…?vc_request_url=…&challenge=…`, [`OneStep`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// An interaction URL, to ask for its protocols.
    Interaction(String),
    /// An exchange URL, given directly.
    Exchange(String),
    /// A one-step request link: sign for its challenge, post to its URL.
    OneStep(OneStep),
}

/// A one-step credential request link, the "legacy credential request" of
/// the Learner Credential Wallet (`app/lib/decode.ts`,
/// `isLegacyCredentialRequest`, and `app/lib/credentialRequest.ts`,
/// `requestCredential`, at commit 1c46a82):
/// `…?issuer=…&auth_type=bearer&challenge=…&vc_request_url=…`. The wallet
/// posts a presentation signed for `challenge` to `vc_request_url`, whose
/// answer is the credential itself. `vc_request_url` is the exchange: its
/// origin is where the answer goes and the domain it is signed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneStep {
    /// Where the presentation is posted (`vc_request_url`).
    pub request_url: String,
    /// The challenge to sign.
    pub challenge: String,
    /// The `issuer` the link names (shown, never trusted).
    pub issuer: Option<String>,
}

/// The decoded `key=value` pairs of a URL's query (before any `#`).
fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return vec![];
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

impl OneStep {
    /// Reads a one-step link: `None` when its query has no `vc_request_url`
    /// (it is another kind of link); an error, with the reason, when it has
    /// one but cannot be followed safely: no `challenge` (an answer to it
    /// could be replayed anywhere), an `auth_type` other than `bearer` (the
    /// only one that wallet supports: it defaults to `code` and refuses
    /// it), or a `vc_request_url` that is not an `http(s)` URL with a host.
    pub fn parse(link: &str) -> Option<Result<Self, ProtocolError>> {
        let pairs = query_pairs(link.trim());
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let url = get("vc_request_url")?;
        Some((|| {
            match get("auth_type") {
                Some("bearer") => {}
                Some(other) => {
                    return Err(bad(
                        "link.auth_type",
                        format!("{other:?} is not supported: only \"bearer\" (the challenge signed in the presentation)"),
                    ))
                }
                None => {
                    return Err(bad(
                        "link.auth_type",
                        "missing: only \"bearer\" is supported (the challenge signed in the presentation)",
                    ))
                }
            }
            let challenge = match get("challenge") {
                Some(c) if !c.is_empty() && c.len() <= MAX_CHALLENGE_LEN => c.to_string(),
                Some(c) if !c.is_empty() => {
                    return Err(bad(
                        "link.challenge",
                        format!("longer than {MAX_CHALLENGE_LEN} characters"),
                    ))
                }
                _ => {
                    return Err(bad(
                        "link.challenge",
                        "missing: an answer without a challenge could be replayed anywhere",
                    ))
                }
            };
            if Origin::of(url).is_none() {
                return Err(bad("link.vc_request_url", "not an http(s) URL with a host"));
            }
            Ok(Self {
                request_url: url.to_string(),
                challenge,
                issuer: get("issuer").map(str::to_string),
            })
        })())
    }
}

impl Link {
    /// Reads a link.
    pub fn parse(link: &str) -> Result<Self, ProtocolError> {
        let link = link.trim();
        let link = link.strip_prefix("interaction:").unwrap_or(link);
        if !(link.starts_with("https://") || link.starts_with("http://")) {
            return Err(bad(
                "link",
                "not an http(s) link, an interaction: link or a wallet invitation",
            ));
        }
        if let Some(one_step) = OneStep::parse(link) {
            return one_step.map(Self::OneStep);
        }
        if let Some(query) = link.split_once('?').map(|(_, q)| q) {
            for pair in query.split('&') {
                if let Some(encoded) = pair.strip_prefix("request=") {
                    let json = percent_decode(encoded);
                    let v: Value = serde_json::from_str(&json)
                        .map_err(|e| bad("link.request", format!("not JSON: {e}")))?;
                    return exchange_url_of(&v).map(Self::Exchange);
                }
            }
        }
        Ok(Self::Interaction(link.to_string()))
    }
}

/// The origin of an `http(s)` URL: its scheme and its authority (host and
/// port, lowercased, the scheme's default port left out). A URL with user
/// information (`https://a@b/`) has none: it names one host and goes to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`.
    pub scheme: String,
    /// `host` or `host:port`, as the service's `domain` gives it.
    pub authority: String,
}

impl Origin {
    /// Reads the origin of `url`; `None` when it is not an `http(s)` URL with a host.
    pub fn of(url: &str) -> Option<Self> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let authority = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if authority.is_empty()
            || authority.contains(['@', '\\'])
            || authority
                .chars()
                .any(|c| c.is_control() || c.is_whitespace())
        {
            return None;
        }
        let default = if scheme == "https" { ":443" } else { ":80" };
        let authority = authority
            .strip_suffix(default)
            .unwrap_or(&authority)
            .to_string();
        Some(Self { scheme, authority })
    }

    /// Whether a request's `domain` names this origin: its authority (what
    /// the service signs for, `host[:port]`) or the whole origin.
    pub fn is_named_by(&self, domain: &str) -> bool {
        let domain = domain.trim().to_ascii_lowercase();
        if domain.contains("://") {
            return Self::of(&domain).as_ref() == Some(self);
        }
        let default = if self.scheme == "https" {
            ":443"
        } else {
            ":80"
        };
        domain.strip_suffix(default).unwrap_or(&domain) == self.authority
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}", self.scheme, self.authority)
    }
}

/// The `domain` of a presentation's proof, as its JSON names it (`None`
/// when the proof names none; the first one when it names several). Read to
/// choose which check applies; the verifier's check decides.
pub fn claimed_domain(vp: &Value) -> Option<Value> {
    let proof = vp.get("proof")?;
    let proof = proof.as_array().and_then(|a| a.first()).unwrap_or(proof);
    proof.get("domain").cloned()
}

/// Decodes `%XX` escapes and `+` (as in a query string).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a query-string value (unreserved characters kept).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(types: &[&str]) -> PresentationRequest {
        PresentationRequest {
            challenge: "c-123".into(),
            domain: Some("hub.example".into()),
            wanted_types: types.iter().map(|t| t.to_string()).collect(),
            // A reason travels with a credential query only.
            reason: (!types.is_empty()).then(|| "to check your letters".into()),
        }
    }

    #[test]
    fn requests_round_trip() {
        for r in [request(&[]), request(&["EndorsementCredential"])] {
            assert_eq!(
                PresentationRequest::from_message(&r.to_message()).unwrap(),
                r
            );
        }
    }

    #[test]
    fn the_credential_query_is_one_object_as_the_learner_credential_wallet_reads_it() {
        // That wallet reads `query.credentialQuery?.example`: an array there
        // matches none of its credentials.
        let m = request(&["EndorsementCredential"]).to_message();
        let q = &m["verifiablePresentationRequest"]["query"][0];
        assert_eq!(q["type"], QUERY_BY_EXAMPLE);
        assert!(q["credentialQuery"].is_object(), "{q}");
        assert_eq!(
            q["credentialQuery"]["example"]["type"][0],
            "EndorsementCredential"
        );
        // Both shapes are read.
        let mut as_array = m.clone();
        let cq = as_array["verifiablePresentationRequest"]["query"][0]["credentialQuery"].take();
        as_array["verifiablePresentationRequest"]["query"][0]["credentialQuery"] = json!([cq]);
        for shape in [&m, &as_array] {
            assert_eq!(
                PresentationRequest::from_message(shape)
                    .unwrap()
                    .wanted_types,
                vec!["EndorsementCredential"]
            );
        }
    }

    #[test]
    fn a_request_without_challenge_or_did_authentication_is_refused() {
        // Forgery: a request with no challenge would make the wallet sign a
        // presentation that anyone could replay to any verifier.
        let mut m = request(&[]).to_message();
        m["verifiablePresentationRequest"]
            .as_object_mut()
            .unwrap()
            .remove("challenge");
        let e = PresentationRequest::from_message(&m).unwrap_err();
        assert!(e.path.ends_with("challenge"), "{e}");
        // A request for credentials not bound to the holder's DID.
        let mut m = request(&["EndorsementCredential"]).to_message();
        m["verifiablePresentationRequest"]["query"]
            .as_array_mut()
            .unwrap()
            .pop();
        let e = PresentationRequest::from_message(&m).unwrap_err();
        assert!(e.reason.contains("DIDAuthentication"), "{e}");
        // An unknown query type is not silently ignored.
        let mut m = request(&[]).to_message();
        m["verifiablePresentationRequest"]["query"][0]["type"] = json!("PaymentRequest");
        let e = PresentationRequest::from_message(&m).unwrap_err();
        assert_eq!(e.path, "$.verifiablePresentationRequest.query[0].type");
    }

    #[test]
    fn links_of_every_form() {
        assert_eq!(
            Link::parse("https://hub.example/interactions/abc?iuv=1").unwrap(),
            Link::Interaction("https://hub.example/interactions/abc?iuv=1".into())
        );
        assert_eq!(
            Link::parse("interaction:https://hub.example/interactions/abc").unwrap(),
            Link::Interaction("https://hub.example/interactions/abc".into())
        );
        let invitation = json!({
            "credentialRequestOrigin": "https://hub.example",
            "protocols": {"vcapi": "https://hub.example/exchanges/abc"}
        });
        let link = format!(
            "https://lcw.app/request?request={}",
            percent_encode(&invitation.to_string())
        );
        assert_eq!(
            Link::parse(&link).unwrap(),
            Link::Exchange("https://hub.example/exchanges/abc".into())
        );
        assert!(Link::parse("file:///etc/passwd").is_err());
        assert!(Link::parse("https://lcw.app/request?request=%7Bnot").is_err());
    }

    #[test]
    fn one_step_links_are_read_and_unsafe_ones_refused() {
        let link = "https://lcw.app/request.html?issuer=http%3A%2F%2F127.0.0.1%3A8080&auth_type=bearer&challenge=c-1&vc_request_url=http%3A%2F%2F127.0.0.1%3A8080%2Fexchanges%2Fabc%2Flcw";
        assert_eq!(
            Link::parse(link).unwrap(),
            Link::OneStep(OneStep {
                request_url: "http://127.0.0.1:8080/exchanges/abc/lcw".into(),
                challenge: "c-1".into(),
                issuer: Some("http://127.0.0.1:8080".into()),
            })
        );
        // Any host's link of that form is read the same way.
        assert!(matches!(
            Link::parse("https://other.example/x?vc_request_url=https%3A%2F%2Fhub.example%2Fe&challenge=c&auth_type=bearer#f"),
            Ok(Link::OneStep(o)) if o.request_url == "https://hub.example/e" && o.issuer.is_none()
        ));
        for (bad_link, path) in [
            ("https://lcw.app/request.html?auth_type=code&challenge=c&vc_request_url=https%3A%2F%2Fhub.example%2Fe", "link.auth_type"),
            ("https://lcw.app/request.html?challenge=c&vc_request_url=https%3A%2F%2Fhub.example%2Fe", "link.auth_type"),
            ("https://lcw.app/request.html?auth_type=bearer&vc_request_url=https%3A%2F%2Fhub.example%2Fe", "link.challenge"),
            ("https://lcw.app/request.html?auth_type=bearer&challenge=&vc_request_url=https%3A%2F%2Fhub.example%2Fe", "link.challenge"),
            ("https://lcw.app/request.html?auth_type=bearer&challenge=c&vc_request_url=file%3A%2F%2F%2Fetc%2Fpasswd", "link.vc_request_url"),
            ("https://lcw.app/request.html?auth_type=bearer&challenge=c&vc_request_url=https%3A%2F%2Fa%40b.example%2Fe", "link.vc_request_url"),
        ] {
            assert_eq!(Link::parse(bad_link).unwrap_err().path, path, "{bad_link}");
        }
    }

    #[test]
    fn delivered_credentials_are_read_and_bounded() {
        let m = delivery_message(vec![json!({"id": "urn:1"})]);
        assert_eq!(delivered_credentials(&m).unwrap().len(), 1);
        assert!(delivered_credentials(&json!({})).unwrap().is_empty());
        let many = delivery_message(vec![json!({}); MAX_RESULT_CREDENTIALS + 1]);
        assert!(delivered_credentials(&many).is_err());
    }

    #[test]
    fn origins_and_the_domains_that_name_them() {
        let o = Origin::of("https://Hub.Example:443/exchanges/x?y#z").unwrap();
        assert_eq!(o.authority, "hub.example");
        assert_eq!(o.to_string(), "https://hub.example");
        assert!(o.is_named_by("hub.example"));
        assert!(o.is_named_by("HUB.example:443"));
        assert!(o.is_named_by("https://hub.example"));
        assert!(!o.is_named_by("http://hub.example"));
        assert!(!o.is_named_by("evil.example"));
        assert!(!o.is_named_by("hub.example.evil.example"));
        let local = Origin::of("http://127.0.0.1:8080/exchanges/x").unwrap();
        assert!(local.is_named_by("127.0.0.1:8080"));
        assert!(!local.is_named_by("127.0.0.1:8081"));
        assert_ne!(Origin::of("http://127.0.0.1:8081/"), Some(local));
        // User information names one host and goes to another.
        assert_eq!(Origin::of("https://hub.example@evil.example/"), None);
        assert_eq!(Origin::of("file:///etc/passwd"), None);
        assert_eq!(Origin::of("https:///x"), None);
    }

    #[test]
    fn percent_coding_round_trips() {
        let s = "{\"a\": \"b c/é%\"}";
        assert_eq!(percent_decode(&percent_encode(s)), s);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
