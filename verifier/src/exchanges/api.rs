//! VC-API exchanges (`specs/exchanges.md`): delivering a letter to the
//! participant it is about, and answering an employer's request for letters.
//!
//! * `POST /deliveries`: a mentor uploads a signed letter; it waits, at most
//!   `--delivery-days`, for its subject.
//! * `GET /interactions/{id}`: what a wallet opens from the link or QR code:
//!   `{"protocols": {"vcapi": …}}` to `Accept: application/json`, a page otherwise.
//! * `POST /exchanges/{id}`: `{}` gives the presentation request; a signed
//!   presentation answers it (single use).
//! * `DELETE /exchanges/{id}`: the mentor withdraws a waiting letter.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use om_core::exchange::{self, PresentationRequest};
use om_core::letter::CredentialKind;
use om_core::report::{Check, CheckKind, Outcome, PresentationReport};
use om_core::verify::PresentationOptions;
use serde_json::{json, Value};

use crate::exchanges::urls::{domain, exchange_url, interaction_url, lcw_link};
use crate::http::extract::{Bearer, ClientIp, StrictJson};
use crate::http::limits::MAX_REFUSED_ANSWERS;
use crate::http::problem::Problem;
use crate::http::safe_json::SafeJson;
use crate::http::state::AppState;
use crate::store::exchanges::{Exchange, ExchangeKind, Failed, NewExchange, Taken};
use crate::store::{short_hash, Deleted, Quota, Refused};
use crate::verify::engine::AnyReport;
use crate::verify::run::blocking;

/// The types an employer's request asks for.
pub const WANTED_TYPES: &[&str] = &["EndorsementCredential"];

/// A delivery the store would not hold: an issuer's quota of waiting letters is theirs.
fn store_refusal(e: Refused) -> Problem {
    match e {
        Refused::HolderQuota(n) => Problem::issuer_quota(n),
        other => other.into(),
    }
}

fn exchange_gone() -> Problem {
    Problem::exchange_not_found(
        "there is no live exchange here: it expired, was withdrawn, or never existed",
    )
}

/// `POST /deliveries` with `{"verifiableCredential": letter, "options": {"days": n}}`.
///
/// The letter must verify (signature, signer, dates; an unknown revocation
/// status is allowed) and be about a DID: the service holds only what its
/// issuer really signed, for one person who can prove who they are.
pub async fn create_delivery(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    StrictJson { value: body, bytes }: StrictJson,
) -> Result<Response, Problem> {
    state.share_rate.admit(
        ip,
        &format!(
            "create {} shares or deliveries",
            state.limits.shares_per_minute
        ),
    )?;
    let vc = match body.get("verifiableCredential") {
        Some(v @ Value::Object(_)) => v.clone(),
        _ => {
            return Err(Problem::bad_request(
                "the body must be {\"verifiableCredential\": <the signed letter>}",
            ))
        }
    };
    let max_days = state.limits.delivery_days;
    let days = match body.get("options").and_then(|o| o.get("days")) {
        None | Some(Value::Null) => max_days,
        Some(d) => match d.as_i64() {
            Some(d) if (1..=max_days).contains(&d) => d,
            _ => {
                return Err(Problem::bad_request(format!(
                    "options.days must be a whole number from 1 to {max_days}"
                )))
            }
        },
    };
    // The letter exactly as received, not as re-serialized.
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow, rename = "verifiableCredential")]
        vc: &'a serde_json::value::RawValue,
    }
    let raw: Raw<'_> =
        serde_json::from_slice(&bytes).map_err(|e| Problem::bad_request(e.to_string()))?;
    let text = raw.vc.get().to_string();
    let report = blocking(&state, move |e| e.verify_credential(&vc)).await??;
    if let Some(failed) = report.checks.iter().find(|c| c.outcome == Outcome::Fail) {
        return Err(Problem::not_deliverable(
            "The letter does not verify",
            format!("{}: {}", failed.kind.label(), failed.message),
        ));
    }
    let (subject, kind) = match &report.letter {
        Some(l) => (l.subject_id.clone(), l.kind),
        None => (None, CredentialKind::Other),
    };
    let subject = match (subject, kind) {
        (Some(s), CredentialKind::Endorsement | CredentialKind::Badge) if s.starts_with("did:") => s,
        _ => {
            return Err(Problem::not_deliverable(
                "Not a letter for a DID",
                "only letters of endorsement and badges about a DID can be delivered: the DID is what the participant proves to receive it",
            ))
        }
    };
    let quota = Quota {
        per_holder: state.limits.deliveries_per_issuer,
        max_bytes: state.limits.max_store_bytes,
    };
    let created = state
        .store
        .create_exchange(
            NewExchange {
                kind: ExchangeKind::Delivery,
                owner: Some(report.issuer.clone()),
                subject: Some(subject.clone()),
                payload: Some(text),
                lifetime: chrono::Duration::days(days),
            },
            quota,
        )
        .await
        .map_err(store_refusal)?;
    tracing::info!(exchange = %short_hash(&created.id), "delivery created");
    let interaction = interaction_url(&state, &created.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, exchange_url(&state, &created.id))],
        SafeJson(json!({
            "exchangeId": created.id,
            "exchangeUrl": exchange_url(&state, &created.id),
            "interactionUrl": interaction,
            "lcwUrl": lcw_link(&state, &created.id, &created.challenge),
            "subject": subject,
            "expires": created.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "withdrawToken": created.token,
        })),
    )
        .into_response())
}

/// `DELETE /exchanges/{id}` with `Authorization: Bearer <withdrawToken>`: the
/// letter is deleted before anyone received it.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Bearer(token): Bearer,
) -> Result<StatusCode, Problem> {
    match state.store.withdraw_exchange(&id, &token).await? {
        Deleted::Deleted => {
            tracing::info!(exchange = %short_hash(&id), "delivery withdrawn");
            Ok(StatusCode::NO_CONTENT)
        }
        Deleted::NotFound => Err(exchange_gone()),
        Deleted::Forbidden => Err(Problem::forbidden()),
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json") || a.contains("+json"))
}

/// `GET /interactions/{id}`: the protocols (JSON), or a page for a person
/// who opened the link in a browser.
pub async fn interaction(
    State(state): State<AppState>,
    Path(id): Path<String>,
    crate::page::i18n::PageLang(lang): crate::page::i18n::PageLang,
    headers: HeaderMap,
) -> Response {
    let found = match state.store.exchange(&id).await {
        Ok(e) => e,
        Err(e) => return Problem::from(e).into_response(),
    };
    // A used exchange is gone for wallets and people alike.
    let Some(x) = found.filter(|x| !x.complete) else {
        if wants_json(&headers) {
            return exchange_gone().into_response();
        }
        return crate::exchanges::employer_asks::interaction_page(&state, None, lang);
    };
    if wants_json(&headers) {
        return (
            [(header::CACHE_CONTROL, "no-store")],
            SafeJson(exchange::interaction_message(&exchange_url(&state, &x.id))),
        )
            .into_response();
    }
    crate::exchanges::employer_asks::interaction_page(&state, Some(&x), lang)
}

fn request_of(state: &AppState, x: &Exchange) -> PresentationRequest {
    let (wanted_types, reason) = match x.kind {
        ExchangeKind::Delivery => (
            vec![],
            Some("Prove that you are the person this letter is about.".to_string()),
        ),
        ExchangeKind::EmployerAsks => (
            WANTED_TYPES.iter().map(|t| t.to_string()).collect(),
            Some("Show your Open Masters letters of endorsement.".to_string()),
        ),
    };
    PresentationRequest {
        challenge: x.challenge.clone(),
        domain: Some(domain(state)),
        wanted_types,
        reason,
    }
}

/// The live exchange `id` (of kind `only`, when given) that has not been
/// answered yet: 404 when there is none, 409 when it was used.
async fn open_exchange(
    state: &AppState,
    id: &str,
    only: Option<ExchangeKind>,
) -> Result<Exchange, Problem> {
    let x = state
        .store
        .exchange(id)
        .await?
        .filter(|x| only.is_none_or(|k| x.kind == k))
        .ok_or_else(exchange_gone)?;
    if x.complete {
        return Err(Problem::exchange_used());
    }
    Ok(x)
}

/// `POST /exchanges/{id}`: `{}` starts (the presentation request); a
/// `verifiablePresentation` answers.
pub async fn exchange_step(
    State(state): State<AppState>,
    Path(id): Path<String>,
    StrictJson { value: body, .. }: StrictJson,
) -> Result<Response, Problem> {
    let x = open_exchange(&state, &id, None).await?;
    let vp = match body.get("verifiablePresentation") {
        None | Some(Value::Null) => {
            return Ok((
                [(header::CACHE_CONTROL, "no-store")],
                SafeJson(request_of(&state, &x).to_message()),
            )
                .into_response())
        }
        Some(v @ Value::Object(_)) => v.clone(),
        Some(_) => {
            let p = Problem::bad_request("\"verifiablePresentation\" must be a JSON object");
            return Err(counted(&state, &x, p).await);
        }
    };
    let answered = match x.kind {
        ExchangeKind::Delivery => {
            release(&state, &x, vp, Some(domain(&state)))
                .await
                .map(|letter| {
                    (
                        [(header::CACHE_CONTROL, "no-store")],
                        SafeJson(exchange::delivery_message(vec![letter])),
                    )
                        .into_response()
                })
        }
        ExchangeKind::EmployerAsks => answer_check(&state, &x, vp).await,
    };
    match answered {
        Ok(r) => Ok(r),
        Err(p) => Err(counted(&state, &x, p).await),
    }
}

/// Counts a refused answer (a 400, 403 or 422: junk, a wrong signature, the
/// wrong person, challenge or domain) against its exchange, which stays open
/// until [`MAX_REFUSED_ANSWERS`]; other problems (busy, used) are returned as
/// they are. The problem says how many answers were refused.
async fn counted(state: &AppState, x: &Exchange, mut p: Problem) -> Problem {
    if !matches!(
        p.status,
        StatusCode::BAD_REQUEST | StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY
    ) {
        return p;
    }
    let closing = (x.kind == ExchangeKind::EmployerAsks).then(|| {
        json!({
            "verdict": "invalid",
            "closed": true,
            "replayed": false,
            "refused": format!("{MAX_REFUSED_ANSWERS} answers were refused (the last: {}); no answer was taken", p.detail),
            "html": "",
        })
        .to_string()
    });
    match state
        .store
        .fail_answer(&x.id, &x.challenge, MAX_REFUSED_ANSWERS, closing.as_deref())
        .await
    {
        Ok(Failed::Open(n)) => {
            tracing::info!(exchange = %short_hash(&x.id), refused = n, "answer refused");
            p.detail = format!(
                "{} (refused answer {n} of at most {MAX_REFUSED_ANSWERS}: the exchange stays open)",
                p.detail
            );
        }
        Ok(Failed::Closed(n)) => {
            tracing::info!(exchange = %short_hash(&x.id), refused = n, "exchange closed after refused answers");
            p.detail = format!(
                "{} (refused answer {n}: the exchange is now closed)",
                p.detail
            );
        }
        Ok(Failed::Gone) => {}
        Err(e) => return Problem::from(e),
    }
    p
}

/// `POST /exchanges/{id}/lcw`: the Learner Credential Wallet's one-step
/// request (its `vc_request_url`). The wallet posts a presentation signed by
/// its DID for the exchange's challenge, without a domain (that link form
/// carries none), and receives the letter itself. The same checks as the
/// VC-API path apply: the subject's DID, this challenge, once; a domain, when
/// the proof names one, must be this service's; refused answers are counted.
pub async fn lcw_step(
    State(state): State<AppState>,
    Path(id): Path<String>,
    StrictJson { value: body, .. }: StrictJson,
) -> Result<Response, Problem> {
    let x = open_exchange(&state, &id, Some(ExchangeKind::Delivery)).await?;
    // Either the presentation itself, or wrapped as in VC-API.
    let vp = match body.get("verifiablePresentation") {
        Some(v @ Value::Object(_)) => v.clone(),
        Some(_) => {
            let p = Problem::bad_request("\"verifiablePresentation\" must be a JSON object");
            return Err(counted(&state, &x, p).await);
        }
        None if body.get("proof").is_some() => body,
        None => {
            let p = Problem::bad_request(
                "the body must be a presentation signed for this exchange's challenge",
            );
            return Err(counted(&state, &x, p).await);
        }
    };
    // No domain (the one-step link carries none, so that wallet signs none),
    // or this service's own. A presentation signed for another site's domain
    // was made to be sent there: taking it here is what a relay relies on.
    // (`domain` is the only term for it: the strict JSON-LD reader takes
    // terms from the bundled contexts only.)
    let own = domain(&state);
    let want = match exchange::claimed_domain(&vp) {
        None => None,
        Some(Value::String(d)) if d == own => Some(own),
        Some(d) => {
            let p = Problem::presentation_refused(
                StatusCode::FORBIDDEN,
                format!("the presentation is signed for another domain ({d}), not for {own}: an answer made for another site is not taken here"),
            );
            return Err(counted(&state, &x, p).await);
        }
    };
    // The one-step wallet stores the credential it receives, not a presentation.
    match release(&state, &x, vp, want).await {
        Ok(letter) => Ok(([(header::CACHE_CONTROL, "no-store")], SafeJson(letter)).into_response()),
        Err(p) => Err(counted(&state, &x, p).await),
    }
}

/// Verifies the holder's proof of a presentation for this exchange.
async fn verify_answer(
    state: &AppState,
    x: &Exchange,
    vp: Value,
    domain: Option<String>,
    apply_rule: bool,
) -> Result<PresentationReport, Problem> {
    let options = PresentationOptions {
        challenge: Some(x.challenge.clone()),
        domain,
        apply_rule,
    };
    blocking(state, move |e| e.verify_presentation(&vp, &options))
        .await?
        .map_err(|e| Problem::unprocessable(&e))
}

/// The first presentation-level check that does not pass (proof, signer).
fn holder_problem(report: &PresentationReport) -> Option<&Check> {
    report
        .checks
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                CheckKind::Proof | CheckKind::KeyBinding | CheckKind::Context
            )
        })
        .find(|c| c.outcome != Outcome::Pass)
}

/// Releases a delivery's letter to a holder who proved control of its
/// subject DID, with this exchange's challenge (and `domain`, when given).
pub async fn release(
    state: &AppState,
    x: &Exchange,
    vp: Value,
    domain: Option<String>,
) -> Result<Value, Problem> {
    let report = verify_answer(state, x, vp, domain, false).await?;
    if let Some(c) = holder_problem(&report) {
        return Err(Problem::presentation_refused(
            StatusCode::FORBIDDEN,
            format!("{}: {}", c.kind.label(), c.message),
        ));
    }
    let holder = report.holder.clone().unwrap_or_default();
    if x.subject.as_deref() != Some(holder.as_str()) {
        return Err(Problem::presentation_refused(
            StatusCode::FORBIDDEN,
            format!(
                "the presentation proves control of {holder}, but this letter is for someone else",
            ),
        ));
    }
    match state.store.take_delivery(&x.id, &x.challenge).await? {
        Taken::Letter(letter) => {
            tracing::info!(exchange = %short_hash(&x.id), "letter delivered");
            serde_json::from_str(&letter).map_err(|e| {
                tracing::error!(error = %e, "a stored letter is not JSON");
                Problem::internal()
            })
        }
        Taken::Gone => Err(Problem::exchange_used()),
    }
}

/// The challenge a presentation says it was signed for (read only to
/// explain a refusal; the verdict is the verifier's).
fn claimed_challenge(vp: &Value) -> Option<String> {
    let proof = vp.get("proof")?;
    let proof = proof.as_array().and_then(|a| a.first()).unwrap_or(proof);
    proof.get("challenge")?.as_str().map(str::to_string)
}

/// Records the verdict on a presentation answering an employer's request.
/// Only a presentation whose holder proof holds for this request's challenge
/// and this service's domain decides it; any other answer is refused (and
/// counted by the caller), and the request stays open for the real one.
async fn answer_check(state: &AppState, x: &Exchange, vp: Value) -> Result<Response, Problem> {
    let replayed = claimed_challenge(&vp).is_some_and(|c| c != x.challenge);
    let report = verify_answer(state, x, vp, Some(domain(state)), true).await?;
    if let Some(c) = holder_problem(&report) {
        let p = format!("{}: {}", c.kind.label(), c.message);
        return Err(Problem::presentation_refused(
            StatusCode::FORBIDDEN,
            if replayed {
                format!("this presentation was signed for another request (a replay?): {p}")
            } else {
                p
            },
        ));
    }
    let verdict = report.verdict();
    let any = AnyReport::Presentation(report);
    let result = json!({
        "verdict": verdict,
        "replayed": false,
        "refused": null,
        "report": state.engine.vc_api(&any),
        // The verdict in each of the page's languages: the employer may switch.
        "html": crate::page::report::report_fragments(state, &any),
    });
    if !state
        .store
        .finish_check(&x.id, &x.challenge, &result.to_string())
        .await?
    {
        return Err(Problem::exchange_used());
    }
    tracing::info!(exchange = %short_hash(&x.id), "check answered");
    Ok(([(header::CACHE_CONTROL, "no-store")], SafeJson(json!({}))).into_response())
}
