//! The employer's pages in English, Spanish and Portuguese (Brazil): every
//! message in every language, every file parses, the language follows the
//! browser and the switcher, and the verdict is the same in each.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use om_core::letter::Role;
use om_verifier::page::i18n::MESSAGES;
use serde_json::json;

#[test]
fn every_message_is_in_every_language_and_every_file_parses() {
    let problems = MESSAGES.problems();
    assert!(problems.is_empty(), "{problems:#?}");
}

async fn share_page(
    app: &axum::Router,
    id: &str,
    query: &str,
    accept: Option<&str>,
) -> (String, String) {
    let mut req = Request::get(format!("/s/{id}{query}"));
    if let Some(a) = accept {
        req = req.header("accept-language", a);
    }
    let r = send(app, req.body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let lang = r
        .headers
        .get("content-language")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (lang, r.text())
}

#[tokio::test]
async fn the_share_page_speaks_the_employers_language_with_the_same_verdict() {
    let p = People::new();
    let app = test_app();
    let r = post_json(
        &app,
        "/shares",
        &json!({"verifiablePresentation": complete_vp(&p)}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();

    let (lang, html) = share_page(&app, &id, "", None).await;
    assert_eq!(lang, "en");
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(
        html.contains("has completed the Open Masters, as confirmed by"),
        "{html}"
    );

    let (lang, html) = share_page(&app, &id, "", Some("es-MX,es;q=0.9,en;q=0.5")).await;
    assert_eq!(lang, "es");
    assert!(
        html.contains("ha completado el Open Masters, según confirma"),
        "{html}"
    );
    assert!(html.contains("Cartas de recomendación (2)"), "{html}");
    assert!(
        html.contains("1 carta de un mentor y 1 carta de un par"),
        "{html}"
    );
    // The letters' cards too: heading, labels, role, the date in Spanish.
    assert!(html.contains("Carta de Maria Mentor"), "{html}");
    assert!(html.contains("Comprobaciones de esta carta"), "{html}");
    assert!(html.contains("<dt>Papel</dt><dd>mentor</dd>"), "{html}");
    assert!(html.contains("<dt>Papel</dt><dd>par</dd>"), "{html}");
    let months = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    assert!(
        months
            .iter()
            .any(|m| html.contains(&format!(" de {m} de "))),
        "a Spanish date: {html}"
    );
    assert!(html.contains("es co-mentor de"), "{html}");
    assert!(html.contains("Confirmado: "), "{html}");

    let (lang, html) = share_page(&app, &id, "?lang=pt-BR", Some("es")).await;
    assert_eq!(lang, "pt-BR");
    assert!(
        html.contains("concluiu o Open Masters, conforme confirmado por"),
        "{html}"
    );
    // The switcher offers the other languages.
    assert!(html.contains("href=\"?lang=es\""), "{html}");
    assert!(html.contains("href=\"?lang=en\""), "{html}");
}

#[tokio::test]
async fn an_incomplete_set_is_incomplete_in_every_language() {
    let p = People::new();
    let app = test_app();
    let vp = vp(
        &p,
        vec![letter(
            &p,
            &p.peer,
            "Paulo Peer",
            om_core::letter::Role::Peer,
        )],
        None,
        None,
    );
    let r = post_json(&app, "/shares", &json!({"verifiablePresentation": vp})).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    for (tag, words) in [
        ("en", "Not complete:"),
        ("es", "Incompleto:"),
        ("pt-BR", "Incompleto:"),
    ] {
        let (_, html) = share_page(&app, &id, &format!("?lang={tag}"), None).await;
        assert!(html.contains(words), "{tag}: {html}");
        for complete in ["has completed", "ha completado", "concluiu o Open Masters"] {
            assert!(!html.contains(complete), "{tag}: {html}");
        }
    }
}

/// A page fetched with a browser's `Accept-Language`: its language and text.
async fn page_in(app: &axum::Router, path: &str, accept: &str) -> (u16, String, String) {
    let r = send(
        app,
        Request::get(path)
            .header("accept-language", accept)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let lang = r
        .headers
        .get("content-language")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (r.status.as_u16(), lang, r.text())
}

/// English sentences that must not be left on a page in another language.
const ENGLISH: &[&str] = &[
    "Open Masters · letter checker",
    "Letters are W3C Verifiable Credentials",
    "Ask a participant for their letters",
    "Why not a share link?",
    "A participant asks you for a letter",
    "Check Open Masters letters",
    "This link needs JavaScript",
    "Show this to the participant",
    "Waiting for an answer",
];

#[tokio::test]
async fn the_home_ask_request_and_inline_pages_speak_the_employers_language() {
    let app = test_app();
    let pages = [
        (
            "/",
            "Comprobar cartas de Open Masters",
            "Verificar cartas do Open Masters",
        ),
        (
            "/ask",
            "Pedir las cartas a un participante",
            "Pedir as cartas a um participante",
        ),
        (
            "/request",
            "Un participante le pide una carta",
            "Um participante pede uma carta a você",
        ),
        (
            "/v",
            "Este enlace necesita JavaScript",
            "Este link precisa de JavaScript",
        ),
    ];
    for (path, es, pt) in pages {
        for (accept, tag, heading) in [
            ("es-AR,es;q=0.9", "es", es),
            ("pt-BR,pt;q=0.8", "pt-BR", pt),
        ] {
            let (status, lang, html) = page_in(&app, path, accept).await;
            assert_eq!((status, lang.as_str()), (200, tag), "{path}: {html}");
            assert!(html.contains(&format!("<html lang=\"{tag}\">")), "{path}");
            assert!(html.contains(heading), "{path} in {tag}: {html}");
            for english in ENGLISH {
                assert!(
                    !html.contains(english),
                    "{path} in {tag} says {english:?}: {html}"
                );
            }
            // The switcher offers the other languages, on this same page;
            // not on the inline page, whose letters are in the address's
            // fragment, which a link to `?lang=` would drop.
            assert_eq!(html.contains("hreflang=\"en\""), path != "/v", "{path}");
        }
    }
}

#[tokio::test]
async fn an_employers_request_waits_and_answers_in_their_language() {
    let p = People::new();
    let app = test_app();
    // The employer chose Spanish on an English browser: the request's page keeps it.
    let r = send(
        &app,
        Request::post("/ask?lang=es")
            .header("accept-language", "en-GB")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status.as_u16(), 303);
    let page = r.headers["location"].to_str().unwrap().to_string();
    assert!(page.ends_with("?lang=es"), "{page}");
    let (_, lang, waiting) = page_in(&app, &page, "en-GB").await;
    assert_eq!(lang, "es");
    assert!(
        waiting.contains("Muestre esto al participante"),
        "{waiting}"
    );
    assert!(waiting.contains("Esperando una respuesta"), "{waiting}");

    // The participant's wallet answers the request.
    let plain = page.trim_end_matches("?lang=es");
    let state = get_path(&app, &format!("{plain}/state")).await.json();
    let id = exchange_id(state["interactionUrl"].as_str().unwrap());
    let exchange = format!("/exchanges/{id}");
    let request = post_json(&app, &exchange, &json!({})).await.json();
    let vpr = &request["verifiablePresentationRequest"];
    let answer = vp(
        &p,
        vec![
            letter(&p, &p.mentor, "Maria Mentor", Role::Mentor),
            letter(&p, &p.peer, "Paulo Peer", Role::Peer),
        ],
        vpr["challenge"].as_str(),
        vpr["domain"].as_str(),
    );
    let r = post_json(&app, &exchange, &json!({"verifiablePresentation": answer})).await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());

    // The same verdict in each language, whichever the employer switches to.
    let cases = [
        (
            "?lang=es",
            "es",
            "ha completado el Open Masters, según confirma",
        ),
        ("?lang=pt-BR", "pt-BR", "concluiu o Open Masters"),
        (
            "?lang=en",
            "en",
            "has completed the Open Masters, as confirmed by",
        ),
    ];
    for (query, tag, headline) in cases {
        let (status, lang, html) = page_in(&app, &format!("{plain}{query}"), "en-GB").await;
        assert_eq!((status, lang.as_str()), (200, tag));
        assert!(html.contains(headline), "{tag}: {html}");
    }
}

#[tokio::test]
async fn an_unsigned_set_is_never_called_complete_in_any_language() {
    let p = People::new();
    let app = test_app();
    let mut unsigned = complete_vp(&p);
    unsigned.as_object_mut().unwrap().remove("proof");
    // What another wallet sends as a file, checked through the page's form.
    let text = serde_json::to_string(&unsigned).unwrap();
    for (accept, said, complete) in [
        ("en", "Not proven to be Ana Lima", "Complete:"),
        ("es", "No se ha probado que sean de Ana Lima", "Completo:"),
        (
            "pt-BR",
            "Não foi provado que sejam de Ana Lima",
            "Completo:",
        ),
    ] {
        let boundary = "XyZ";
        let form = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\n{text}\r\n--{boundary}--\r\n"
        );
        let r = send(
            &app,
            Request::post("/verify")
                .header("accept-language", accept)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
        let html = r.text();
        assert_eq!(r.status.as_u16(), 200, "{html}");
        assert!(html.contains(said), "{accept}: {html}");
        assert!(
            !html.contains(complete),
            "{accept} says {complete:?} of an unsigned set: {html}"
        );
    }
}
