//! The employer's pages in English, Spanish and Portuguese (Brazil): every
//! message in every language, every file parses, the language follows the
//! browser and the switcher, and the verdict is the same in each.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use om_verifier::i18n::MESSAGES;
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
