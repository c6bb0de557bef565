//! `receive`, `request` and `present --to`: the wallet's side of the
//! service's VC-API exchanges (`specs/exchanges.md`).

use anyhow::{anyhow, Result};
use om_cli::output::printable;
use om_cli::service::{exchange, refusal_of, ServiceClient};
use om_cli::{hinted, Status, Tool};
use om_core::exchange::{OneStep, Origin};
use om_core::letter::Role;
use om_core::proof::{Cryptosuite, ProofOptions};
use om_core::request::{request_link, LetterRequest};
use serde_json::{json, Value};

use super::check::{chosen_credentials, sign};
use super::credentials::{import_found, Tally};
use crate::cli::{PresentArgs, RequestArgs};
use crate::extract::Found;
use crate::wallet::Wallet;

/// `receive LINK`: proves control of this wallet's DID to the exchange, then
/// verifies each delivered letter and stores it, as `import` does. LINK is an
/// interaction link, a wallet invitation, or a one-step request link
/// ([`OneStep`], what the mentor's QR code holds).
pub fn receive(w: &mut Wallet, link: &str, json_lines: bool) -> Result<Status> {
    match OneStep::parse(link) {
        Some(Ok(one_step)) => return receive_one_step(w, link, &one_step, json_lines),
        Some(Err(e)) => {
            return Err(hinted(
                format!(
                    "refused: this one-step link cannot be followed safely: {}",
                    printable(&e.to_string())
                ),
                "nothing was signed or sent; ask the endorser for a new link",
            ))
        }
        None => {}
    }
    let holder = w.holder()?.did;
    let service = ServiceClient::new(Tool::Wallet);
    let started = exchange::start(&service, link).map_err(explain_delivery_refusal)?;
    if !started.request.wanted_types.is_empty() {
        return Err(hinted(
            "this link asks to see your letters; it does not deliver one",
            format!("to answer it, run: om-wallet present --to '{link}'"),
        ));
    }
    let vp = sign(
        w,
        vec![],
        Cryptosuite::EddsaRdfc2022.name(),
        Some(started.request.challenge.clone()),
        started.request.domain.clone(),
    )?;
    let result = exchange::answer(&service, &started.url, vp).map_err(explain_delivery_refusal)?;
    let credentials = om_core::exchange::delivered_credentials(&result).map_err(|e| {
        anyhow!(
            "the service's answer is not a delivery: {}",
            printable(&e.to_string())
        )
    })?;
    store_delivered(w, &holder, link, credentials, json_lines)
}

/// Follows a one-step request link: `vc_request_url` is the exchange, and
/// its origin is where the answer goes, so the presentation is signed for
/// the link's challenge and for that origin's `host[:port]` (the domain the
/// service accepts on its one-step endpoint, besides none). Whoever serves
/// `vc_request_url` elsewhere (a relay) gets an answer bound to its own
/// host, which the service refuses. The answer is the letter itself.
fn receive_one_step(
    w: &mut Wallet,
    link: &str,
    one_step: &OneStep,
    json_lines: bool,
) -> Result<Status> {
    let holder = w.holder()?.did;
    let origin = Origin::of(&one_step.request_url).ok_or_else(|| {
        anyhow!(
            "the link's vc_request_url {} is not a web address with a host",
            printable(&one_step.request_url)
        )
    })?;
    if !json_lines {
        eprintln!("Receiving the letter from {origin} (the link's vc_request_url).");
    }
    let vp = sign(
        w,
        vec![],
        Cryptosuite::EddsaRdfc2022.name(),
        Some(one_step.challenge.clone()),
        Some(origin.authority.clone()),
    )?;
    let answer = ServiceClient::new(Tool::Wallet)
        .post_json(
            &one_step.request_url,
            &om_core::exchange::presentation_message(vp),
        )
        .map_err(|e| explain_delivery_refusal(e.into()))?;
    let credentials = om_core::exchange::one_step_credentials(&answer).map_err(|e| {
        anyhow!(
            "the answer of {origin} is not a delivered letter: {}",
            printable(&e.to_string())
        )
    })?;
    store_delivered(w, &holder, link, credentials, json_lines)
}

/// Verifies each delivered credential and stores it, as `import` does.
fn store_delivered(
    w: &mut Wallet,
    holder: &str,
    link: &str,
    credentials: Vec<Value>,
    json_lines: bool,
) -> Result<Status> {
    if credentials.is_empty() {
        return Err(anyhow!("the service answered, but delivered no letter"));
    }
    let found = credentials
        .into_iter()
        .map(|value| Found {
            text: value.to_string(),
            value,
        })
        .collect();
    let mut tally = Tally::default();
    import_found(w, holder, link, found, json_lines, &mut tally)?;
    if !json_lines {
        tally.print();
    }
    Ok(if tally.refused > 0 {
        Status::Negative
    } else {
        Status::Holds
    })
}

/// A delivery service's refusal, explained for the participant.
fn explain_delivery_refusal(e: anyhow::Error) -> anyhow::Error {
    match refusal_of(&e) {
        Some(r) if r.status == 403 => hinted(
            format!("the service refused to release the letter: {}", r.detail),
            "a letter is released only to the person it is about: check that this wallet holds the DID you gave the endorser (om-wallet did)",
        ),
        Some(r) if r.status == 409 || r.status == 404 => hinted(
            format!("this letter is no longer waiting: {}", r.detail),
            "each link delivers once and for a limited time; ask the endorser to send it again",
        ),
        _ => e,
    }
}

/// `request`: signs a request for a letter and prints it as a link and QR code.
pub fn request(w: &mut Wallet, args: &RequestArgs) -> Result<Status> {
    let service_url = args.service.trim().trim_end_matches('/').to_string();
    if !(service_url.starts_with("https://") || service_url.starts_with("http://")) {
        return Err(hinted(
            format!("{:?} is not a web address", args.service),
            "give the service that will hold the letter for you, e.g. --service https://verify.example.org",
        ));
    }
    let me = w.holder()?;
    let now = chrono::Utc::now();
    let request = LetterRequest {
        id: om_core::letter::new_credential_id(),
        holder: me.did.clone(),
        name: args.name.clone().unwrap_or_else(|| me.profile.name.clone()),
        role: match args.role.as_str() {
            "mentor" => Role::Mentor,
            _ => Role::Peer,
        },
        deliver_to: service_url.clone(),
        valid_from: now,
        valid_until: now + chrono::Duration::days(args.days),
    };
    let key = w.unlock("sign the request")?;
    let signed = w.di().sign(
        &request.to_credential(),
        &key.key,
        &ProofOptions::assertion(Cryptosuite::EddsaJcs2022),
    )?;
    let link = request_link(&service_url, &signed);
    if let Some(p) = &args.png {
        om_cli::qr::write_png(&link, p)?;
    }
    if let Some(p) = &args.svg {
        om_cli::qr::write_svg(&link, p)?;
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"link": link, "request": signed}))?
        );
        return Ok(Status::Holds);
    }
    println!("{}", om_cli::qr::terminal(&link)?);
    println!("{link}");
    println!(
        "Give this link to your {}. They write the letter with:\n  om-issuer endorse --request '<the link>'\nIt is valid until {} and is delivered through {service_url}; then run om-wallet receive with the link they send you.",
        request.role,
        request.valid_until.format("%Y-%m-%d")
    );
    Ok(Status::Holds)
}

/// Whether a credential is of one of the types a request asks for. A letter
/// in its plain VC 2.0 form (`EndorsementLetter`) is the same letter as an
/// Open Badges `EndorsementCredential`, and answers a request for one.
fn asked_for(credential: &Value, wanted: &[String]) -> bool {
    let types: Vec<&str> = match credential.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    wanted.iter().any(|w| {
        types.contains(&w.as_str())
            || (w == "EndorsementCredential" && types.contains(&om_core::letter::PLAIN_LETTER_TYPE))
    })
}

/// One line naming a credential for the person: its id, who signed it, in
/// what role, and its title (what others wrote, neutralised).
fn describe(id: &str, v: &Value) -> String {
    let issuer = v
        .get("issuer")
        .and_then(|i| i.get("name").or(Some(i)))
        .and_then(Value::as_str)
        .or_else(|| {
            v.get("issuer")
                .and_then(|i| i.get("id"))
                .and_then(Value::as_str)
        })
        .unwrap_or("an unnamed issuer");
    let role = v
        .get("credentialSubject")
        .and_then(|s| s.get(om_core::letter::ROLE_PROPERTY))
        .and_then(Value::as_str)
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let title = v
        .get("name")
        .and_then(Value::as_str)
        .map(|t| format!(": {t}"))
        .unwrap_or_default();
    printable(&format!(
        "{} from {issuer}{role}{title}",
        id.chars().take(8).collect::<String>()
    ))
}

/// `present --to LINK`: answers an employer's request with a presentation
/// of the letters it asks for, signed for its challenge and for the host the
/// answer is posted to, after the person confirms what goes where.
pub fn present_to(w: &mut Wallet, args: &PresentArgs, link: &str) -> Result<Status> {
    let service = ServiceClient::new(Tool::Wallet);
    let started = exchange::start(&service, link)?;
    let host = started.origin.to_string();
    // A request that asks only for DIDAuthentication asks for no letter:
    // none is sent (it is a delivery, answered by `receive`).
    if started.request.wanted_types.is_empty() {
        return Err(hinted(
            "this link delivers a letter to you; it does not ask to see your letters (nothing was sent)",
            format!("to receive the letter, run: om-wallet receive '{link}'"),
        ));
    }
    let wanted = &started.request.wanted_types;
    let (creds, skipped): (Vec<_>, Vec<_>) = chosen_credentials(w, &args.ids)?
        .into_iter()
        .partition(|(_, v)| asked_for(v, wanted));
    let asked = printable(&wanted.join(", "));
    for (id, v) in &skipped {
        eprintln!(
            "Not sent (the request does not ask for it): {}",
            describe(id, v)
        );
    }
    if creds.is_empty() {
        return Err(hinted(
            format!("the request asks for {asked}; none of the chosen credentials is one (nothing was sent)"),
            "import the letters it asks for, or name them by id",
        ));
    }
    let n = creds.len();
    if let Some(reason) = &started.request.reason {
        eprintln!("The verifier at {host} asks: {}", printable(reason));
    }
    eprintln!("This sends {n} letter(s) to {host}:");
    for (id, v) in &creds {
        eprintln!("  - {}", describe(id, v));
    }
    if !args.yes {
        match om_cli::output::confirm(&format!("Send them to {host}?"))? {
            Some(true) => {}
            Some(false) => return Err(anyhow!("not sent: you did not confirm")),
            None => {
                return Err(hinted(
                    format!("not sent: sending letters to {host} needs your confirmation, and there is no terminal to ask"),
                    "run it at a terminal to confirm, or add --yes if you have checked the host",
                ))
            }
        }
    }
    let vp = sign(
        w,
        creds.into_iter().map(|(_, v)| v).collect(),
        &args.suite,
        Some(started.request.challenge.clone()),
        started.request.domain.clone(),
    )?;
    if let Some(out) = &args.out {
        super::emit(Some(out), &serde_json::to_string_pretty(&vp)?)?;
    }
    exchange::answer(&service, &started.url, vp).map_err(|e| match refusal_of(&e) {
        Some(r) if r.status == 409 || r.status == 404 => hinted(
            format!("this request is no longer open: {}", r.detail),
            "each request is answered once and for 30 minutes; ask the verifier to show a new QR code",
        ),
        _ => e,
    })?;
    println!("Presented {n} letter(s) to {host}; the verifier's page now shows its verdict.");
    Ok(Status::Holds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_credentials_a_request_asks_for() {
        let wanted = vec!["EndorsementCredential".to_string()];
        let ob3 = json!({"type": ["VerifiableCredential", "EndorsementCredential"]});
        let plain = json!({"type": ["VerifiableCredential", "EndorsementLetter"]});
        let badge = json!({"type": ["VerifiableCredential", "OpenBadgeCredential"]});
        assert!(asked_for(&ob3, &wanted));
        assert!(asked_for(&plain, &wanted), "the plain form of a letter");
        assert!(!asked_for(&badge, &wanted));
        assert!(!asked_for(&ob3, &["OpenBadgeCredential".to_string()]));
        assert!(!asked_for(&json!({}), &wanted));
    }

    #[test]
    fn a_credential_is_described_without_its_control_characters() {
        let v = json!({
            "issuer": {"id": "did:key:z6Mk", "name": "Maria\u{1b}[2J"},
            "name": "Letter",
            "credentialSubject": {"endorserRole": "mentor"}
        });
        assert_eq!(
            describe("3f2a9c1d00", &v),
            "3f2a9c1d from Maria\\u{1b}[2J (mentor): Letter"
        );
    }
}
