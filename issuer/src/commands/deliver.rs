//! Delivery through a service's VC-API exchange (`endorse --deliver`,
//! `endorse --request`, `withdraw`); see `specs/exchanges.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use om_core::did::DidKeyResolver;
use om_core::proof::DataIntegrity;
use om_core::report::Outcome;
use om_core::request::{payload_of_link, LetterRequest};
use om_core::verify::Verifier;
use serde_json::{json, Value};

use crate::context::Home;
use om_cli::output::printable;
use om_cli::service::ServiceClient;
use om_cli::{hinted, Tool};

/// The file in the home folder that keeps each delivery's withdrawal token.
const DELIVERIES_FILE: &str = "deliveries.json";

/// Reads and checks a participant's signed request: the signature, that the
/// participant signed it with their own key, its dates (an expired request is
/// refused), and its fields, each read from what was signed.
pub fn read_request(link: &str) -> Result<LetterRequest> {
    let payload = payload_of_link(link).ok_or_else(|| {
        hinted(
            "this is not a request link",
            "paste the whole link the participant gave you (it contains #req=)",
        )
    })?;
    let bytes =
        om_core::share::decode(payload).map_err(|e| anyhow!("the request link is damaged: {e}"))?;
    let doc: Value = om_core::parse_json(&bytes)
        .map_err(|e| anyhow!("the request link does not hold JSON: {e}"))?;
    let di = DataIntegrity::new();
    let resolver = DidKeyResolver;
    let report = Verifier::new(&di, &resolver, chrono::Utc::now()).verify_credential(&doc)?;
    if let Some(c) = report
        .checks
        .iter()
        .find(|c| c.outcome != Outcome::Pass && c.outcome != Outcome::Skipped)
    {
        return Err(hinted(
            format!("the request is refused: {}: {}", c.kind.label(), c.message),
            "ask the participant for a new request (om-wallet request)",
        ));
    }
    let checked =
        om_core::check_credential(&doc).map_err(|e| anyhow!("the request is refused: {e}"))?;
    LetterRequest::from_checked(&checked).map_err(|e| {
        hinted(
            format!("the request is refused: {e}"),
            "ask the participant for a new request (om-wallet request)",
        )
    })
}

fn deliveries_path(home: &Home) -> PathBuf {
    home.dir.join(DELIVERIES_FILE)
}

fn read_tokens(path: &Path) -> Result<BTreeMap<String, String>> {
    match std::fs::read(path) {
        Ok(b) => {
            serde_json::from_slice(&b).with_context(|| format!("{} is damaged", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(anyhow!("cannot read {}: {e}", path.display())),
    }
}

fn write_tokens(path: &Path, tokens: &BTreeMap<String, String>) -> Result<()> {
    om_core::low_level::fsutil::write_atomic(
        path,
        &serde_json::to_vec_pretty(tokens)?,
        om_core::low_level::fsutil::Visibility::Private,
    )?;
    Ok(())
}

/// Where a delivery was made, for the participant.
pub struct QrOutputs<'a> {
    /// A PNG to write the link's QR code to.
    pub png: Option<&'a Path>,
    /// An SVG to write it to.
    pub svg: Option<&'a Path>,
}

/// Uploads a signed letter to `service_url` and prints the participant's link and QR code.
pub fn deliver(
    home: &Home,
    service_url: &str,
    letter: &[u8],
    days: i64,
    qr: QrOutputs<'_>,
) -> Result<()> {
    let service_url = service_url.trim().trim_end_matches('/');
    if !(service_url.starts_with("https://") || service_url.starts_with("http://")) {
        return Err(hinted(
            format!("{service_url:?} is not a web address"),
            "give the service's address, e.g. --deliver https://verify.example.org",
        ));
    }
    let credential: Value = serde_json::from_slice(letter)?;
    let answer = ServiceClient::new(Tool::Issuer)
        .post_json(
            &format!("{service_url}/deliveries"),
            &json!({"verifiableCredential": credential, "options": {"days": days}}),
        )
        .map_err(|e| match e.refusal() {
            Some(r) => hinted(
                format!("the service did not take the letter: {}", r.detail),
                "the letter was signed and logged; deliver it again later or send the file",
            ),
            None => e.into(),
        })?;
    let field = |name: &str| {
        answer
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| anyhow!("the service's answer has no {name:?}"))
    };
    let interaction = field("interactionUrl")?;
    let exchange = field("exchangeUrl")?;
    let token = field("withdrawToken")?;
    let expires = field("expires")?;
    let path = deliveries_path(home);
    let mut tokens = read_tokens(&path)?;
    tokens.insert(exchange.clone(), token);
    write_tokens(&path, &tokens)?;
    // The QR code and the first link hold the one-step link (`lcwUrl`): the
    // Learner Credential Wallet receives the letter from it (its VC-API flow
    // drops delivered letters), and `om-wallet receive` follows it too. The
    // interaction link is for other VC-API wallets (specs/exchanges.md 2, 6).
    let one_step = answer
        .get("lcwUrl")
        .and_then(Value::as_str)
        .map(str::to_string);
    let shown = one_step.as_deref().unwrap_or(&interaction);
    // What the service sent is shown with control characters neutralised.
    let (text, interaction_text) = (printable(shown), printable(&interaction));
    if let Some(p) = qr.png {
        om_cli::qr::write_png(shown, p)?;
    }
    if let Some(p) = qr.svg {
        om_cli::qr::write_svg(shown, p)?;
    }
    println!("{}", om_cli::qr::terminal(shown)?);
    println!("{text}");
    println!(
        "Give this link (or QR code) to the participant. The Learner Credential Wallet receives the letter from it (scan or paste), and so does:"
    );
    println!("  om-wallet receive '{text}'");
    if one_step.is_some() {
        println!("For other VC-API wallets, the interaction link:\n  {interaction_text}");
    }
    println!(
        "Only the holder of the letter's subject DID can receive it, once, until {expires}.\nWithdraw it before then with: om-issuer withdraw {exchange}"
    );
    Ok(())
}

/// `withdraw EXCHANGE_URL`: deletes a delivered letter nobody has received.
pub fn withdraw(home: &Home, exchange: &str) -> Result<()> {
    let path = deliveries_path(home);
    let mut tokens = read_tokens(&path)?;
    let token = tokens.get(exchange).cloned().ok_or_else(|| {
        hinted(
            format!("no delivery of yours is known at {exchange}"),
            "give the exchange URL exactly as endorse --deliver printed it",
        )
    })?;
    match ServiceClient::new(Tool::Issuer).delete(exchange, &token) {
        Ok(()) => println!("Withdrawn: the service deleted the letter."),
        Err(e) if e.refusal().is_some_and(|r| r.status == 404) => {
            println!("Nothing to withdraw: the letter was already received, withdrawn, or expired.")
        }
        Err(e) => return Err(e.into()),
    }
    tokens.remove(exchange);
    write_tokens(&path, &tokens)
}
