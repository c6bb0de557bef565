//! Every page's frame: the style sheet, the head and the site's header and
//! footer in the reader's language, the language switcher, the scripts the
//! pages may run and the Content-Security-Policy that allows only those.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::page::i18n::{t, Lang};

const CSS: &str = r#"
:root{color-scheme:light;--ok:#0b5d1e;--okbg:#e3f4e6;--bad:#9b1c1c;--badbg:#fde8e8;--unsure:#6b4a00;--unsurebg:#fff3cd;--line:#c8c8c8}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.125rem;line-height:1.55;color:#111;background:#fff}
header.site,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
header.site{padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line)}
header.site a{color:#111;font-weight:700;text-decoration:none}
footer{margin-top:2.5rem;padding-bottom:2rem;color:#333;font-size:1rem;border-top:1px solid var(--line)}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.15rem;margin:0 0 .5rem}
a{color:#0645ad}
.verdict{margin:1.25rem 0;padding:1rem 1.1rem;border-radius:.5rem;border:3px solid}
.verdict p,.verdict ul{margin:.4rem 0}
.ok{color:var(--ok);background:var(--okbg);border-color:var(--ok)}
.bad{color:var(--bad);background:var(--badbg);border-color:var(--bad)}
.unsure{color:var(--unsure);background:var(--unsurebg);border-color:var(--unsure)}
.verdict .ok,.verdict .bad,.verdict .unsure{background:none;border:0}
article.letter{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:1rem 0}
.status{font-weight:700;margin:.25rem 0 .75rem}
.status.ok,.status.bad,.status.unsure{background:none;border:0}
dl.facts{margin:.5rem 0;display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0;overflow-wrap:anywhere}
code,.did{line-height:1.35;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;word-break:break-all}
.note{font-size:1rem;color:#333;font-style:italic}
.confirmation{font-size:1rem;padding:.4rem .6rem;border-left:4px solid;border-radius:.25rem;margin:.5rem 0;overflow-wrap:anywhere;word-break:break-word}
.text{border-left:4px solid var(--line);padding-left:.9rem;margin:1rem 0}
.text img{display:none}
ul.checks{list-style:none;padding:0;margin:.5rem 0}
ul.checks li{padding:.3rem 0;border-top:1px solid #eee}
.sym{display:inline-block;width:1.4rem;font-weight:700}
li.pass .sym{color:var(--ok)} li.fail .sym{color:var(--bad)} li.unknown .sym{color:var(--unsure)} li.skipped .sym{color:#555}
summary{cursor:pointer;font-weight:700;padding:.3rem 0}
textarea{width:100%;min-height:12rem;font:inherit;font-size:1rem;padding:.5rem}
input,button{font:inherit}
button{padding:.6rem 1.2rem;border-radius:.4rem;border:2px solid #111;background:#111;color:#fff;margin-top:.75rem}
label{font-weight:700;display:block;margin-top:1rem}
.sr{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.print-only{display:none}
.print-only .qr svg{width:4.5cm;height:4.5cm}
@media print{
body{font-size:11pt;line-height:1.4}
header.site,footer,form,button,noscript,.no-print{display:none!important}
main{max-width:none;padding:0}
.print-only{display:block;break-inside:avoid;border-top:1px solid var(--line);margin-top:1.5rem}
.verdict,.confirmation{-webkit-print-color-adjust:exact;print-color-adjust:exact}
article.letter{break-inside:auto}
h1,h2,h3,summary{break-after:avoid}
a{color:inherit;text-decoration:none}
}
"#;

/// A complete page around `body`, in `lang`.
pub fn page_in(lang: Lang, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                meta name="robots" content="noindex";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header class="site" { a href={ "/?lang=" (lang.tag()) } { (t(lang, "site-name", &[])) } }
                main { (body) }
                footer {
                    p { (t(lang, "site-footer", &[])) }
                }
            }
        }
    }
}

/// The share page's "Print or save as PDF" button: hidden until this script
/// shows it (without JavaScript it could do nothing), then `window.print()`.
pub const PRINT_SCRIPT: &str = "(function(){var b=document.getElementById('print');if(b){b.hidden=false;b.addEventListener('click',function(){window.print()})}})();";

/// The Content-Security-Policy of every page: nothing loads from elsewhere,
/// the only scripts are the inline-link reader, the ask page's poller and the
/// share page's print button (allowed by their hashes), forms post
/// only here, and the page cannot be framed.
pub(crate) fn content_security_policy() -> &'static str {
    static CSP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSP.get_or_init(|| {
        use base64::Engine;
        use sha2::Digest;
        let hash = |script: &str| base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
        let (inline, poll, print) = (hash(INLINE_SCRIPT), hash(POLL_SCRIPT), hash(PRINT_SCRIPT));
        format!(
            "default-src 'none'; script-src 'sha256-{inline}' 'sha256-{poll}' 'sha256-{print}'; style-src 'unsafe-inline'; connect-src 'self'; \
             img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
    })
}

/// A page in `lang`: its `lang` attribute and `Content-Language` say so, and
/// caches are told that the words depend on `Accept-Language`.
pub(crate) fn html_page_in(status: StatusCode, lang: Lang, title: &str, body: Markup) -> Response {
    (
        status,
        [
            (header::CONTENT_LANGUAGE, lang.tag()),
            (header::VARY, "Accept-Language"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_SECURITY_POLICY, content_security_policy()),
            // Share links are capabilities: never leak them to sites the letters link to.
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Html(page_in(lang, title, body).into_string()),
    )
        .into_response()
}

/// Links to the page in each language (this page's address with `?lang=`).
pub(crate) fn language_switcher(current: Lang) -> Markup {
    html! {
        nav class="no-print lang" aria-label=(t(current, "language-switch", &[])) {
            @for (i, l) in Lang::ALL.iter().enumerate() {
                @if i > 0 { " · " }
                @if *l == current {
                    strong lang=(l.tag()) { (t(*l, "language-name", &[])) }
                } @else {
                    a href={ "?lang=" (l.tag()) } lang=(l.tag()) hreflang=(l.tag()) { (t(*l, "language-name", &[])) }
                }
            }
        }
    }
}

/// The waiting page's poller: asks `…/state` every 3 s and reloads the page
/// once the request is answered or gone (allowed by its hash in the CSP).
pub const POLL_SCRIPT: &str = "(function(){var u=location.pathname+'/state';setInterval(function(){fetch(u,{cache:'no-store'}).then(function(r){return r.ok?r.json():null}).then(function(s){if(!s||s.state!=='waiting'){location.reload()}}).catch(function(){})},3000)})();";

/// The inline-link page's script: reads the presentation from the address's
/// fragment, posts it to `inline/render` and shows the report (its words come
/// from the page's `data-` attributes, in the reader's language).
pub const INLINE_SCRIPT: &str = r#"
(function () {
  var out = document.getElementById('result');
  var say = function (h1, p) {
    var s = document.createElement('section'); s.className = 'verdict unsure';
    var h = document.createElement('h1'); h.textContent = h1;
    var q = document.createElement('p'); q.textContent = p;
    s.appendChild(h); s.appendChild(q); out.innerHTML = ''; out.appendChild(s);
  };
  var m = /(?:^#|&)vp=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) { say(out.dataset.noneTitle, out.dataset.noneText); return; }
  var lang = out.dataset.lang || 'en';
  fetch(new URL('inline/render?lang=' + encodeURIComponent(lang), location.href.split('#')[0].replace(/[^\/]*$/, '')), {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({payload: m[1]})
  }).then(function (r) {
    return r.text().then(function (t) { return {ok: r.ok, text: t}; });
  }).then(function (r) {
    if (r.ok) { out.innerHTML = r.text; return; }
    var detail = out.dataset.failedText;
    try { detail = JSON.parse(r.text).detail || detail; } catch (e) {}
    say(out.dataset.failedTitle, detail);
  }).catch(function () {
    say(out.dataset.offlineTitle, out.dataset.offlineText);
  });
})();
"#;
