//! `receive`, `request` and `present --to`: the wallet's side of the
//! service's VC-API exchanges (`specs/exchanges.md`).

use anyhow::{anyhow, Result};
use om_cli::{hinted, Status};
use om_core::letter::Role;
use om_core::proof::{Cryptosuite, ProofOptions};
use om_core::request::{request_link, LetterRequest};
use serde_json::json;

use super::check::{chosen_credentials, sign};
use super::credentials::{import_found, Tally};
use crate::cli::{PresentArgs, RequestArgs};
use crate::extract::Found;
use crate::wallet::Wallet;

/// `receive LINK`: proves control of this wallet's DID to the exchange, then
/// verifies each delivered letter and stores it, as `import` does.
pub fn receive(w: &mut Wallet, link: &str, json_lines: bool) -> Result<Status> {
    let holder = w.holder()?.did;
    let started = om_cli::hub::start(link).map_err(explain_delivery_refusal)?;
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
    let result = om_cli::hub::answer(&started.url, vp).map_err(explain_delivery_refusal)?;
    let credentials = om_core::exchange::delivered_credentials(&result)
        .map_err(|e| anyhow!("the service's answer is not a delivery: {e}"))?;
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
    import_found(w, &holder, link, found, json_lines, &mut tally)?;
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
    match e.downcast_ref::<om_cli::hub::Refusal>() {
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
    let hub = args.hub.trim().trim_end_matches('/').to_string();
    if !(hub.starts_with("https://") || hub.starts_with("http://")) {
        return Err(hinted(
            format!("{:?} is not a web address", args.hub),
            "give the service that will hold the letter for you, e.g. --hub https://verify.example.org",
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
        deliver_to: hub.clone(),
        valid_from: now,
        valid_until: now + chrono::Duration::days(args.days),
    };
    let key = w.unlock("sign the request")?;
    let signed = w.di().sign(
        &request.to_credential(),
        &key.key,
        &ProofOptions::assertion(Cryptosuite::EddsaJcs2022),
    )?;
    let link = request_link(&hub, &signed);
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
        "Give this link to your {}. They write the letter with:\n  om-issuer endorse --request '<the link>'\nIt is valid until {} and is delivered through {hub}; then run om-wallet receive with the link they send you.",
        request.role,
        request.valid_until.format("%Y-%m-%d")
    );
    Ok(Status::Holds)
}

/// `present --to LINK`: answers an employer's request with a presentation
/// of the chosen letters, signed for that request's challenge and domain.
pub fn present_to(w: &mut Wallet, args: &PresentArgs, link: &str) -> Result<Status> {
    let started = om_cli::hub::start(link)?;
    if started.request.wanted_types.is_empty() {
        return Err(hinted(
            "this link delivers a letter to you; it does not ask to see your letters",
            format!("to receive the letter, run: om-wallet receive '{link}'"),
        ));
    }
    let creds = chosen_credentials(w, &args.ids)?;
    let n = creds.len();
    if let Some(reason) = &started.request.reason {
        eprintln!("The verifier asks: {reason}");
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
    om_cli::hub::answer(&started.url, vp).map_err(|e| match e.downcast_ref::<om_cli::hub::Refusal>() {
        Some(r) if r.status == 409 || r.status == 404 => hinted(
            format!("this request is no longer open: {}", r.detail),
            "each request is answered once and for 30 minutes; ask the verifier to show a new QR code",
        ),
        _ => e,
    })?;
    println!(
        "Presented {n} credential(s) to {}; the verifier's page now shows its verdict.",
        started.request.domain.as_deref().unwrap_or(&started.url)
    );
    Ok(Status::Holds)
}
