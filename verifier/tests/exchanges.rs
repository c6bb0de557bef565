//! The exchange endpoints (`specs/exchanges.md`) and what they refuse, in
//! process. Each refusal names the forgery or abuse it stops.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use common::*;
use om_core::letter::Role;
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, ProofOptions};
use serde_json::{json, Value};

/// Creates a delivery of `letter`; returns the answer.
async fn create(app: &axum::Router, letter: &Value) -> Resp {
    post_json(app, "/deliveries", &json!({"verifiableCredential": letter})).await
}

/// The DIDAuthentication presentation of `key` for the exchange's request.
fn did_auth(p: &People, key: &om_core::keys::KeyPair, request: &Value) -> Value {
    let vpr = &request["verifiablePresentationRequest"];
    sign_presentation(
        &p.di,
        key,
        vec![],
        &ProofOptions::authentication(
            Cryptosuite::EddsaRdfc2022,
            vpr["challenge"].as_str().map(str::to_string),
            vpr["domain"].as_str().map(str::to_string),
        ),
    )
    .unwrap()
}

#[tokio::test]
async fn a_delivery_is_released_to_its_subject_once() {
    let p = People::new();
    let app = test_app();
    let letter = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    let r = create(&app, &letter).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created = r.json();
    assert!(created["lcwUrl"]
        .as_str()
        .unwrap()
        .starts_with("https://lcw.app/request.html?issuer="));
    let id = created["exchangeId"].as_str().unwrap().to_string();

    // The interaction URL: protocols for wallets, a page for browsers.
    let r = send(
        &app,
        Request::get(format!("/interactions/{id}?iuv=1"))
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        r.json()["protocols"]["vcapi"],
        format!("http://verifier.test/exchanges/{id}")
    );
    let r = get_path(&app, &format!("/interactions/{id}")).await;
    assert!(r.text().contains("om-wallet receive"), "{}", r.text());

    let request = post_json(&app, &format!("/exchanges/{id}"), &json!({}))
        .await
        .json();
    let vpr = &request["verifiablePresentationRequest"];
    assert_eq!(vpr["query"][0]["type"], "DIDAuthentication");
    assert_eq!(vpr["domain"], "verifier.test");

    // Forgery: another person's DID authentication (valid, but not the subject).
    let r = post_json(
        &app,
        &format!("/exchanges/{id}"),
        &json!({"verifiablePresentation": did_auth(&p, &p.other, &request)}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    // Forgery: the subject's presentation for another challenge (a replay).
    let mut other = request.clone();
    other["verifiablePresentationRequest"]["challenge"] = json!("an-older-challenge");
    let r = post_json(
        &app,
        &format!("/exchanges/{id}"),
        &json!({"verifiablePresentation": did_auth(&p, &p.holder, &other)}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    // Forgery: signed for another domain (a presentation made for another site).
    let mut other = request.clone();
    other["verifiablePresentationRequest"]["domain"] = json!("evil.example");
    let r = post_json(
        &app,
        &format!("/exchanges/{id}"),
        &json!({"verifiablePresentation": did_auth(&p, &p.holder, &other)}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    // Forgery: the subject's presentation with its signature changed.
    let mut broken = did_auth(&p, &p.holder, &request);
    broken["holder"] = json!(People::did(&p.other));
    let r = post_json(
        &app,
        &format!("/exchanges/{id}"),
        &json!({"verifiablePresentation": broken}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());

    let good = json!({"verifiablePresentation": did_auth(&p, &p.holder, &request)});
    let r = post_json(&app, &format!("/exchanges/{id}"), &good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json()["verifiablePresentation"]["verifiableCredential"][0],
        letter
    );
    // Replay of the good answer: used once.
    let r = post_json(&app, &format!("/exchanges/{id}"), &good).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
}

#[tokio::test]
async fn what_cannot_be_delivered_is_refused() {
    let p = People::new();
    let app = test_app();
    // A letter changed after signing: the service holds only what was signed.
    let mut tampered = letter(&p, &p.mentor, "Maria Mentor", Role::Peer);
    tampered["credentialSubject"]["endorserRole"] = json!("mentor");
    let r = create(&app, &tampered).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    // An expired letter.
    let mut spec = LetterSpec::new(&p.mentor, "Maria Mentor", Role::Mentor, &p.holder);
    spec.valid_from = Utc::now() - Duration::days(30);
    spec.valid_until = Some(Utc::now() - Duration::days(1));
    let r = create(&app, &spec.sign(&p.di)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    // A presentation is not a letter; neither is a bare object.
    let r = create(&app, &complete_vp(&p)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let r = post_json(&app, "/deliveries", &json!({"letter": {}})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    // Lifetimes beyond the service's limit.
    let good = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    for days in [json!(0), json!(10_000), json!("7"), json!(1.5)] {
        let r = post_json(
            &app,
            "/deliveries",
            &json!({"verifiableCredential": good, "options": {"days": days}}),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "days {days}: {}",
            r.text()
        );
    }
    // Not JSON.
    let r = post_raw(&app, "/deliveries", Some("text/plain"), "hello").await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_withdrawn_letter_needs_its_token_and_is_gone() {
    let p = People::new();
    let app = test_app();
    let created = create(&app, &letter(&p, &p.mentor, "Maria Mentor", Role::Mentor))
        .await
        .json();
    let id = created["exchangeId"].as_str().unwrap();
    let token = created["withdrawToken"].as_str().unwrap();
    let delete = |t: &str| {
        Request::delete(format!("/exchanges/{id}"))
            .header(header::AUTHORIZATION, format!("Bearer {t}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        send(&app, delete("guess")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, delete(token)).await.status,
        StatusCode::NO_CONTENT
    );
    let r = post_json(&app, &format!("/exchanges/{id}"), &json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        send(&app, delete(token)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn unknown_and_malformed_exchange_requests_are_refused() {
    let app = test_app();
    for path in [
        "/exchanges/nope",
        "/exchanges/a%00b",
        &format!("/exchanges/{}", "A".repeat(80)),
    ] {
        let r = post_json(&app, path, &json!({})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = get_path(&app, "/interactions/nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = get_path(&app, "/ask/nope/state").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = get_path(&app, "/ask/nope").await;
    assert!(r.text().contains("expired"));
    // An employer's request answered with something that is not a presentation.
    let r = send(&app, Request::post("/ask").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = r.headers[header::LOCATION].to_str().unwrap().to_string();
    let state = get_path(&app, &format!("{page}/state")).await.json();
    let id = exchange_id(state["interactionUrl"].as_str().unwrap());
    let r = post_json(
        &app,
        &format!("/exchanges/{id}"),
        &json!({"verifiablePresentation": [1]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post_json(
        &app,
        &format!("/exchanges/{id}"),
        &json!({"verifiablePresentation": {"@context": "https://evil.example/ctx"}}),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn the_one_step_wallet_link_releases_the_letter_itself_once() {
    let p = People::new();
    let app = test_app();
    let letter = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    let created = create(&app, &letter).await.json();
    let lcw = created["lcwUrl"].as_str().unwrap();
    let challenge = lcw
        .split("challenge=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let id = created["exchangeId"].as_str().unwrap();
    let path = format!("/exchanges/{id}/lcw");
    assert!(lcw.contains(&om_core::exchange::percent_encode(&format!(
        "http://verifier.test{path}"
    ))));
    // The link form carries no domain, so the wallet signs none.
    let request = json!({"verifiablePresentationRequest": {"challenge": challenge}});
    // Forgery: another person's presentation for the right challenge.
    let r = post_json(&app, &path, &did_auth(&p, &p.other, &request)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    let good = did_auth(&p, &p.holder, &request);
    let r = post_json(&app, &path, &good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json(), letter, "the credential itself");
    let r = post_json(&app, &path, &json!({"verifiablePresentation": good})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    let r = post_json(&app, &path, &json!({"hello": 1})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

/// What an HTML-entity decoder (as the Learner Credential Wallet runs on the
/// whole answer before parsing it: `app/lib/parseResponse.ts` at 1c46a82)
/// changes: named and numeric character references.
fn html_entity_decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn letter_text_survives_the_html_entity_decoding_of_the_one_step_answer() {
    let p = People::new();
    let app = test_app();
    // A letter whose text and endorser name hold every character an HTML
    // entity decoder or sniffer acts on, and text that looks like entities.
    let text = "Ana & Bo <b>led</b> \"the\" circle; it's 3 > 2 &amp; 1 &lt; 2 &#39; &quot;";
    let mut spec = LetterSpec::new(
        &p.mentor,
        "Maria \"M&M\" <O'Neil> &amp; co",
        Role::Mentor,
        &p.holder,
    );
    spec.text = text;
    let letter = spec.sign(&p.di);
    let plain = letter.to_string();
    assert_ne!(
        html_entity_decode(&plain),
        plain,
        "the decoder acts on the letter as plain JSON writes it"
    );

    // The one-step answer (`/lcw`) and the VC-API delivery answer.
    for one_step in [true, false] {
        let created = create(&app, &letter).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        assert!(
            !created.text().contains('&') && !created.text().contains('<'),
            "{}",
            created.text()
        );
        let created = created.json();
        let id = created["exchangeId"].as_str().unwrap();
        let exchange = format!("/exchanges/{id}");
        let request = post_json(&app, &exchange, &json!({})).await;
        let r = if one_step {
            let lcw = created["lcwUrl"].as_str().unwrap();
            let challenge = lcw
                .split("challenge=")
                .nth(1)
                .unwrap()
                .split('&')
                .next()
                .unwrap();
            let request = json!({"verifiablePresentationRequest": {"challenge": challenge}});
            post_json(
                &app,
                &format!("{exchange}/lcw"),
                &did_auth(&p, &p.holder, &request),
            )
            .await
        } else {
            let vp = did_auth(&p, &p.holder, &request.json());
            post_json(&app, &exchange, &json!({"verifiablePresentation": vp})).await
        };
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        for c in [b'&', b'<', b'>', b'\''] {
            assert!(
                !r.body.contains(&c),
                "{} in the raw answer: {}",
                c as char,
                r.text()
            );
        }
        // What that wallet parses: the answer after its entity decoding.
        let parsed: Value = serde_json::from_str(&html_entity_decode(&r.text())).unwrap();
        let received = if one_step {
            parsed
        } else {
            parsed["verifiablePresentation"]["verifiableCredential"][0].clone()
        };
        assert_eq!(received, letter, "one step: {one_step}");
        assert_eq!(
            received["credentialSubject"]["endorsementComment"]
                .as_str()
                .map(|t| t.contains("&amp; 1 &lt; 2")),
            Some(true),
            "{received}"
        );
        let checked = post_json(
            &app,
            "/credentials/verify",
            &json!({"verifiableCredential": received}),
        )
        .await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.text());
        let report = checked.json();
        assert_eq!(report["errors"], json!([]), "{report}");
        assert!(
            report["checks"]
                .as_array()
                .unwrap()
                .contains(&json!("proof")),
            "{report}"
        );
    }
    // A refusal (a problem document) is written the same way.
    let created = create(&app, &letter).await.json();
    let r = post_json(
        &app,
        &format!("/exchanges/{}/lcw", created["exchangeId"].as_str().unwrap()),
        &json!({"x": "<&>"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert!(
        !r.text().contains('&') && !r.text().contains('<'),
        "{}",
        r.text()
    );
}

/// Opens an employer's check; returns (its page path, its exchange path).
async fn open_check(app: &axum::Router) -> (String, String) {
    let r = send(app, Request::post("/ask").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = r.headers[header::LOCATION].to_str().unwrap().to_string();
    let state = get_path(app, &format!("{page}/state")).await.json();
    let id = exchange_id(state["interactionUrl"].as_str().unwrap());
    (page, format!("/exchanges/{id}"))
}

#[tokio::test]
async fn junk_and_wrongly_signed_answers_leave_a_check_open() {
    let p = People::new();
    let app = test_app();
    let (page, exchange) = open_check(&app).await;
    let request = post_json(&app, &exchange, &json!({})).await.json();
    let vpr = &request["verifiablePresentationRequest"];
    let (challenge, domain) = (
        vpr["challenge"].as_str().unwrap(),
        vpr["domain"].as_str().unwrap(),
    );
    let letters = vec![
        letter(&p, &p.mentor, "Maria Mentor", Role::Mentor),
        letter(&p, &p.peer, "Paulo Peer", Role::Peer),
    ];
    // Attack: whoever sees the QR code spends the check with junk, with a
    // presentation signed for another challenge (a replay), for another
    // domain (made for another site, relayed here), unsigned, or tampered.
    let mut tampered = vp(&p, letters.clone(), Some(challenge), Some(domain));
    tampered["holder"] = json!(People::did(&p.other));
    let mut unsigned = vp(&p, letters.clone(), Some(challenge), Some(domain));
    unsigned.as_object_mut().unwrap().remove("proof");
    let answers = [
        (json!({"verifiablePresentation": {"x": 1}}), "junk"),
        (json!({"verifiablePresentation": [1]}), "not an object"),
        (
            json!({"verifiablePresentation": vp(&p, letters.clone(), Some("old"), Some(domain))}),
            "replay",
        ),
        (
            json!({"verifiablePresentation": vp(&p, letters.clone(), Some(challenge), Some("evil.example"))}),
            "another domain",
        ),
        (
            json!({"verifiablePresentation": vp(&p, letters.clone(), Some(challenge), None)}),
            "no domain",
        ),
        (json!({"verifiablePresentation": unsigned}), "unsigned"),
        (json!({"verifiablePresentation": tampered}), "tampered"),
    ];
    for (n, (body, what)) in answers.iter().enumerate() {
        let r = post_json(&app, &exchange, body).await;
        assert!(
            r.status.is_client_error() && r.status != StatusCode::CONFLICT,
            "{what}: {} {}",
            r.status,
            r.text()
        );
        assert_eq!(
            r.json()["type"].as_str().map(|t| t.contains("/problems/")),
            Some(true),
            "{what}: problem JSON"
        );
        let state = get_path(&app, &format!("{page}/state")).await.json();
        assert_eq!(state["state"], "waiting", "{what} left it open: {state}");
        assert_eq!(state["refusedAnswers"], n + 1, "{state}");
    }
    let html = get_path(&app, &page).await.text();
    assert!(html.contains("7 answers were refused so far"), "{html}");

    // The participant's real answer then decides it.
    let good = json!({"verifiablePresentation": vp(&p, letters, Some(challenge), Some(domain))});
    let r = post_json(&app, &exchange, &good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let state = get_path(&app, &format!("{page}/state")).await.json();
    assert_eq!(state["state"], "answered", "{state}");
    assert_eq!(state["verdict"], "valid", "{state}");
    let r = post_json(&app, &exchange, &good).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "used once");
}

#[tokio::test]
async fn refused_answers_are_bounded_and_then_the_check_closes() {
    let app = test_app();
    let (page, exchange) = open_check(&app).await;
    let junk = json!({"verifiablePresentation": {"x": 1}});
    for n in 1..=om_verifier::http::limits::MAX_REFUSED_ANSWERS {
        let r = post_json(&app, &exchange, &junk).await;
        assert!(r.status.is_client_error(), "{}", r.text());
        if n == om_verifier::http::limits::MAX_REFUSED_ANSWERS {
            assert!(r.text().contains("now closed"), "{}", r.text());
        }
    }
    let state = get_path(&app, &format!("{page}/state")).await.json();
    assert_eq!(state["state"], "closed", "{state}");
    assert_ne!(state["verdict"], "valid");
    let html = get_path(&app, &page).await.text();
    assert!(html.contains("This request was closed"), "{html}");
    let r = post_json(&app, &exchange, &junk).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // A delivery closed the same way erases its letter.
    let p = People::new();
    let created = create(&app, &letter(&p, &p.mentor, "Maria Mentor", Role::Mentor))
        .await
        .json();
    let path = format!("/exchanges/{}", created["exchangeId"].as_str().unwrap());
    let request = post_json(&app, &path, &json!({})).await.json();
    let eve = json!({"verifiablePresentation": did_auth(&p, &p.other, &request)});
    for _ in 0..om_verifier::http::limits::MAX_REFUSED_ANSWERS {
        let r = post_json(&app, &path, &eve).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    }
    let good = json!({"verifiablePresentation": did_auth(&p, &p.holder, &request)});
    let r = post_json(&app, &path, &good).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
}

#[tokio::test]
async fn the_one_step_link_takes_no_domain_or_its_own_and_refuses_another() {
    let p = People::new();
    let app = test_app();
    let letter = letter(&p, &p.mentor, "Maria Mentor", Role::Mentor);
    let created = create(&app, &letter).await.json();
    let id = created["exchangeId"].as_str().unwrap();
    let path = format!("/exchanges/{id}/lcw");
    let request = post_json(&app, &format!("/exchanges/{id}"), &json!({}))
        .await
        .json();
    // Attack: a relay at another host has the subject's wallet sign for the
    // relay's domain (the wallet signs only for the host it posts to), and
    // forwards that to the one-step endpoint, which checks no domain when
    // none is given. Another domain is refused, bare or wrapped, and leaves
    // the letter waiting.
    let mut relayed = request.clone();
    relayed["verifiablePresentationRequest"]["domain"] = json!("127.0.0.1:9999");
    let signed = did_auth(&p, &p.holder, &relayed);
    for body in [signed.clone(), json!({"verifiablePresentation": signed})] {
        let r = post_json(&app, &path, &body).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        assert!(r.text().contains("another domain"), "{}", r.text());
    }
    // Junk leaves it open too.
    let r = post_json(&app, &path, &json!({"hello": 1})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // The service's own domain is taken (as from the VC-API path).
    let r = post_json(&app, &path, &did_auth(&p, &p.holder, &request)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json(), letter);
}
