//! Hostile counterparts on loopback (issue 20), against the real binaries:
//! a relay server in front of the service (delivery, employer's check, the
//! one-step `/lcw` endpoint), junk and wrongly signed answers to an open
//! check, the wallet's recipient line, and a server that sends escape
//! sequences in its text.
//!
//! The relay is a small HTTP server on 127.0.0.1 written here: it hands the
//! wallet an interaction link of its own, fetches the real service's request
//! (its challenge and its domain) and passes it on, and forwards the
//! wallet's signed answer to the service. Every answer it got back is kept,
//! so a test can show it received no letter.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

use om_e2e::{find_url, Person, Team, VerifierProcess};
use serde_json::{json, Value};

const LETTER: &str = "Ana ran twelve learning circles and taught me to listen.\n";
/// A sequence that clears the screen and sets the terminal's title.
const ESCAPES: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}Trust me";

/// What the relay does besides passing messages on.
#[derive(Clone, Default)]
struct Tricks {
    /// Puts its own host in the request's `domain`, so that the wallet signs
    /// for the host it posts to (the relay), hoping the service takes it.
    own_domain: bool,
    /// Sends answers to the service's one-step endpoint (`/lcw`) instead.
    to_lcw: bool,
    /// Puts this text in the request's `reason`, and answers every
    /// presentation with a problem whose `detail` is this text.
    text: Option<String>,
    /// Asks for this credential type instead of the service's.
    want: Option<String>,
    /// Hands the wallet the service's own exchange URL from the relay's
    /// interaction link (the answer would go to another host than the link's).
    hand_off: bool,
}

/// What the relay received back from the service, in order.
type Log = Arc<Mutex<Vec<(String, u16, String)>>>;

struct Relay {
    /// `http://127.0.0.1:PORT`
    base: String,
    /// (what it posted, the service's status, the service's answer).
    log: Log,
}

impl Relay {
    fn start(service: &str, tricks: Tricks) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log: Log = Arc::default();
        let (me, to, seen) = (base.clone(), service.to_string(), log.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (me, to, seen, tricks) = (me.clone(), to.clone(), seen.clone(), tricks.clone());
                std::thread::spawn(move || serve(conn, &me, &to, &tricks, &seen));
            }
        });
        Self { base, log }
    }

    /// The relay's link for one of the service's links.
    fn link(&self, service: &VerifierProcess, link: &str) -> String {
        link.replace(&service.base, &self.base)
    }

    /// Every answer of the service the relay saw, as one text.
    fn received(&self) -> String {
        self.log
            .lock()
            .unwrap()
            .iter()
            .map(|(what, status, body)| format!("{what} -> {status} {body}\n"))
            .collect()
    }

    /// Whether the relay got a signed presentation to forward.
    fn got_an_answer(&self) -> bool {
        self.log
            .lock()
            .unwrap()
            .iter()
            .any(|(what, _, _)| what.contains("presentation"))
    }
}

fn serve(mut conn: TcpStream, me: &str, service: &str, tricks: &Tricks, log: &Log) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let body: Value = serde_json::from_slice(&body).unwrap_or(json!({}));
    let path = target.split('?').next().unwrap_or("").to_string();
    let (status, answer) = if method == "GET" && path.starts_with("/interactions/") {
        // Its own exchange URL, at the origin of the link it gave.
        let id = path.trim_start_matches("/interactions/");
        let to = if tricks.hand_off { service } else { me };
        (
            200,
            json!({"protocols": {"vcapi": format!("{to}/exchanges/{id}")}}),
        )
    } else if method == "POST" && path.starts_with("/exchanges/") {
        let client = reqwest::blocking::Client::new();
        let presenting = body.get("verifiablePresentation").is_some();
        if presenting && tricks.text.is_some() {
            let detail = tricks.text.clone().unwrap();
            log.lock()
                .unwrap()
                .push(("a presentation (kept)".into(), 0, String::new()));
            (
                403,
                json!({"type": "/problems/x", "title": "Refused", "status": 403, "detail": detail}),
            )
        } else {
            let (url, sent) = if presenting && tricks.to_lcw {
                (
                    format!("{service}{path}/lcw"),
                    body["verifiablePresentation"].clone(),
                )
            } else {
                (format!("{service}{path}"), body.clone())
            };
            let r = client.post(&url).json(&sent).send().unwrap();
            let status = r.status().as_u16();
            let text = r.text().unwrap_or_default();
            let what = if presenting {
                format!("a presentation to {url}")
            } else {
                format!("{{}} to {url}")
            };
            log.lock().unwrap().push((what, status, text.clone()));
            let mut answer: Value = serde_json::from_str(&text).unwrap_or(json!({}));
            if let Some(vpr) = answer.get_mut("verifiablePresentationRequest") {
                if tricks.own_domain {
                    vpr["domain"] = json!(me.trim_start_matches("http://"));
                }
                for q in vpr["query"].as_array_mut().into_iter().flatten() {
                    if q["type"] == "QueryByExample" {
                        if let Some(t) = &tricks.text {
                            q["credentialQuery"]["reason"] = json!(t);
                        }
                        if let Some(w) = &tricks.want {
                            q["credentialQuery"]["example"]["type"] = json!([w]);
                        }
                    }
                }
            }
            (status, answer)
        }
    } else {
        (404, json!({}))
    };
    let text = answer.to_string();
    let _ = write!(
        conn,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
}

fn person(tool: &str, name: &str) -> Person {
    let p = Person::new();
    p.run(tool, &["init", "--name", name]);
    p
}

fn letter_file(dir: &Path) -> String {
    let f = dir.join("letter.md");
    std::fs::write(&f, LETTER).unwrap();
    f.to_str().unwrap().to_string()
}

/// `om-issuer endorse … --deliver service_url`: the interaction link.
fn deliver(mentor: &Person, to: &str, role: &str, letter: &str, service_url: &str) -> String {
    let out = mentor.endorse(to, "Ana Lima", role, letter, &["--deliver", service_url]);
    find_url(&out, "/interactions/").expect("an interaction link")
}

/// Runs a command that must fail; (exit code, stdout, stderr).
fn fails(p: &Person, tool: &str, args: &[&str]) -> (i32, String, String) {
    let out = p.cmd(tool).args(args).output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(
        !out.status.success(),
        "{tool} {args:?} should fail:\n{stdout}\n{stderr}"
    );
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// Runs a command that must succeed; (stdout, stderr).
fn succeeds(p: &Person, tool: &str, args: &[&str]) -> (String, String) {
    let out = p.cmd(tool).args(args).output().unwrap();
    om_e2e::assert_success(tool, args, &out);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn letters_in(p: &Person) -> usize {
    let out = p.run("om-wallet", &["list", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array().map_or(0, Vec::len)
}

fn open_check(base: &str) -> String {
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client.post(format!("{base}/ask")).send().unwrap();
    assert_eq!(r.status().as_u16(), 303);
    format!("{base}{}", r.headers()["location"].to_str().unwrap())
}

fn state_of(page: &str) -> Value {
    let (status, body) = om_e2e::get(&format!("{page}/state"));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A participant with a mentor's and a peer's letter, and the service.
fn ana_with_letters(dir: &Path) -> (VerifierProcess, Person) {
    // The team of Ana's cohort confirms both writers; the service trusts it.
    let team = Team::new("Open Masters DC");
    let service_url = VerifierProcess::start(dir, &["--trust", &team.did]);
    let ana = person("om-wallet", "Ana Lima");
    let letter = letter_file(dir);
    for (name, role) in [("Maria Mentor", "mentor"), ("Pat Peer", "peer")] {
        let who = person("om-issuer", name);
        let mentor_of = (role == "mentor").then(|| ana.did());
        team.confirm(&who, name, mentor_of.as_deref().map(|d| (d, "Ana Lima")));
        let link = deliver(&who, &ana.did(), role, &letter, &service_url.base);
        ana.run("om-wallet", &["receive", &link]);
    }
    assert_eq!(letters_in(&ana), 2);
    (service_url, ana)
}

#[test]
fn a_relay_in_front_of_a_delivery_gets_no_letter() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let link = deliver(
        &mentor,
        &ana.did(),
        "mentor",
        &letter_file(dir.path()),
        &service_url.base,
    );

    // Attack 0: the relay's link hands the exchange to another host (the
    // service): the wallet names both and, with no terminal to ask, refuses.
    let relay = Relay::start(
        &service_url.base,
        Tricks {
            hand_off: true,
            ..Tricks::default()
        },
    );
    let (code, _, err) = fails(
        &ana,
        "om-wallet",
        &["receive", &relay.link(&service_url, &link)],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("sends your answer to another host"), "{err}");
    assert!(
        err.contains(&relay.base) && err.contains(&service_url.base),
        "{err}"
    );

    // Attack 1: the relay passes the service's request on unchanged. Its
    // domain is the service's host, not the relay's, where the wallet would
    // post: the wallet refuses before signing anything.
    let relay = Relay::start(&service_url.base, Tricks::default());
    let (code, _, err) = fails(
        &ana,
        "om-wallet",
        &["receive", &relay.link(&service_url, &link)],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("another site") && err.contains("relay"),
        "{err}"
    );
    assert!(!relay.got_an_answer(), "{}", relay.received());

    // Attack 2: the relay names its own host as the domain, so the wallet
    // signs for the host it posts to; the service takes only its own domain.
    let relay = Relay::start(
        &service_url.base,
        Tricks {
            own_domain: true,
            ..Tricks::default()
        },
    );
    let (code, _, err) = fails(
        &ana,
        "om-wallet",
        &["receive", &relay.link(&service_url, &link)],
    );
    assert_eq!(code, 2, "{err}");
    let seen = relay.received();
    assert!(relay.got_an_answer() && seen.contains("-> 403"), "{seen}");
    assert!(
        !seen.contains("twelve learning circles"),
        "the relay got the letter: {seen}"
    );
    assert_eq!(letters_in(&ana), 0);

    // The letter is still waiting for Ana, at the service's own link.
    let out = ana.run("om-wallet", &["receive", &link]);
    assert!(out.contains("imported"), "{out}");
    assert_eq!(letters_in(&ana), 1);
}

#[test]
fn a_relay_to_the_one_step_endpoint_gets_no_letter() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let link = deliver(
        &mentor,
        &ana.did(),
        "mentor",
        &letter_file(dir.path()),
        &service_url.base,
    );

    // Attack: the relay has the wallet sign for the relay's host and sends
    // that presentation to `/exchanges/{id}/lcw`, which takes presentations
    // without a domain (the Learner Credential Wallet signs none): one
    // signed for another domain is refused.
    let relay = Relay::start(
        &service_url.base,
        Tricks {
            own_domain: true,
            to_lcw: true,
            ..Tricks::default()
        },
    );
    let (code, _, err) = fails(
        &ana,
        "om-wallet",
        &["receive", &relay.link(&service_url, &link)],
    );
    assert_eq!(code, 2, "{err}");
    let seen = relay.received();
    assert!(seen.contains("/lcw -> 403"), "{seen}");
    assert!(seen.contains("another domain"), "{seen}");
    assert!(
        !seen.contains("twelve learning circles"),
        "the relay got the letter: {seen}"
    );

    let out = ana.run("om-wallet", &["receive", &link]);
    assert!(out.contains("imported"), "{out}");
}

#[test]
fn a_relay_of_the_one_step_link_gets_nothing_it_can_use() {
    let dir = tempfile::tempdir().unwrap();
    let service_url = VerifierProcess::start(dir.path(), &[]);
    let mentor = person("om-issuer", "Maria Mentor");
    let ana = person("om-wallet", "Ana Lima");
    let out = mentor.endorse(
        &ana.did(),
        "Ana Lima",
        "mentor",
        &letter_file(dir.path()),
        &["--deliver", &service_url.base],
    );
    let link = find_url(&out, "lcw.app/request.html").expect("the one-step link");
    // Attack: a copy of the mentor's one-step link whose vc_request_url is
    // on the relay's host; the relay forwards what the wallet posts to the
    // service's one-step endpoint. The wallet signs for the host it posts to
    // (the relay's), so the service refuses the forwarded presentation.
    let relay = Relay::start(&service_url.base, Tricks::default());
    let encoded = |base: &str| om_core::exchange::percent_encode(&format!("{base}/exchanges/"));
    let relayed = link.replace(&encoded(&service_url.base), &encoded(&relay.base));
    assert_ne!(relayed, link);
    let (code, _, err) = fails(&ana, "om-wallet", &["receive", &relayed]);
    assert_eq!(code, 2, "{err}");
    let seen = relay.received();
    assert!(relay.got_an_answer(), "{seen}");
    assert!(
        seen.contains("/lcw -> 403") && seen.contains("another domain"),
        "{seen}"
    );
    assert!(
        !seen.contains("twelve learning circles"),
        "the relay got the letter: {seen}"
    );
    assert_eq!(letters_in(&ana), 0);

    // The letter still waits for Ana at the mentor's own link.
    let out = ana.run("om-wallet", &["receive", &link]);
    assert!(out.contains("imported"), "{out}");
    assert_eq!(letters_in(&ana), 1);
}

#[test]
fn a_relay_in_front_of_a_check_decides_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (service_url, ana) = ana_with_letters(dir.path());
    let page = open_check(&service_url.base);
    let link = state_of(&page)["interactionUrl"]
        .as_str()
        .unwrap()
        .to_string();

    // Attack 1: the request passed on unchanged: refused before signing,
    // nothing sent anywhere.
    let relay = Relay::start(&service_url.base, Tricks::default());
    let (_, out, err) = fails(
        &ana,
        "om-wallet",
        &["present", "--to", &relay.link(&service_url, &link), "--yes"],
    );
    assert!(err.contains("another site"), "{err}");
    assert!(!out.contains("Presented"), "{out}");
    assert!(!relay.got_an_answer(), "{}", relay.received());
    assert_eq!(state_of(&page)["state"], "waiting");

    // Attack 2: the relay names itself as the domain. The wallet says where
    // the letters go (the relay's host, where it posts) and sends them
    // there; the service refuses the forwarded answer, and the check stays
    // open.
    let relay = Relay::start(
        &service_url.base,
        Tricks {
            own_domain: true,
            ..Tricks::default()
        },
    );
    let relay_host = relay.base.clone();
    let (_, _, err) = fails(
        &ana,
        "om-wallet",
        &["present", "--to", &relay.link(&service_url, &link), "--yes"],
    );
    assert!(
        err.contains(&format!("This sends 2 letter(s) to {relay_host}")),
        "the recipient line names the relay's host: {err}"
    );
    assert!(relay.received().contains("-> 403"), "{}", relay.received());
    let state = state_of(&page);
    assert_eq!(state["state"], "waiting", "{state}");
    assert_eq!(state["refusedAnswers"], 1, "{state}");

    // Without --yes and without a terminal to ask, nothing is sent.
    let (_, _, err) = fails(&ana, "om-wallet", &["present", "--to", &link]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(state_of(&page)["state"], "waiting");

    // The participant's real answer, to the service itself, decides it; the
    // recipient line names the host the wallet posted to.
    let (out, err) = succeeds(&ana, "om-wallet", &["present", "--to", &link, "--yes"]);
    assert!(
        err.contains(&format!("This sends 2 letter(s) to {}", service_url.base)),
        "{err}"
    );
    assert!(
        out.contains(&format!("Presented 2 letter(s) to {}", service_url.base)),
        "{out}"
    );
    let state = state_of(&page);
    assert_eq!(state["state"], "answered", "{state}");
    assert_eq!(state["verdict"], "valid", "{state}");
}

#[test]
fn junk_and_wrongly_signed_answers_leave_an_open_check_open() {
    let dir = tempfile::tempdir().unwrap();
    let (service_url, ana) = ana_with_letters(dir.path());
    // An answer Ana gave to an earlier check, kept by whoever saw it.
    let earlier = open_check(&service_url.base);
    let earlier_link = state_of(&earlier)["interactionUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let saved = dir.path().join("answer.json");
    ana.run(
        "om-wallet",
        &[
            "present",
            "--to",
            &earlier_link,
            "--yes",
            "--out",
            saved.to_str().unwrap(),
        ],
    );
    let old: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();

    let page = open_check(&service_url.base);
    let link = state_of(&page)["interactionUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let exchange = link
        .split('?')
        .next()
        .unwrap()
        .replace("/interactions/", "/exchanges/");
    let mut tampered = old.clone();
    tampered["holder"] = json!("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
    let client = reqwest::blocking::Client::new();
    // Attacks: junk, a replayed answer (another challenge), a changed one.
    for (n, (what, body)) in [
        ("junk", json!({"verifiablePresentation": {"x": 1}})),
        ("a replay", json!({"verifiablePresentation": old})),
        (
            "a tampered answer",
            json!({"verifiablePresentation": tampered}),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let r = client.post(&exchange).json(&body).send().unwrap();
        let status = r.status().as_u16();
        let ct = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(
            (400..500).contains(&status) && status != 409,
            "{what}: {status}"
        );
        assert!(ct.contains("problem+json"), "{what}: {ct}");
        let state = state_of(&page);
        assert_eq!(state["state"], "waiting", "{what}: {state}");
        assert_eq!(state["refusedAnswers"], n + 1, "{what}: {state}");
    }
    // The participant's real answer then completes it.
    let (out, _) = succeeds(&ana, "om-wallet", &["present", "--to", &link, "--yes"]);
    assert!(out.contains("Presented 2 letter(s)"), "{out}");
    let state = state_of(&page);
    assert_eq!(state["state"], "answered", "{state}");
    assert_eq!(state["verdict"], "valid", "{state}");
}

#[test]
fn server_text_is_printed_with_control_characters_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let (service_url, ana) = ana_with_letters(dir.path());
    let page = open_check(&service_url.base);
    let link = state_of(&page)["interactionUrl"]
        .as_str()
        .unwrap()
        .to_string();
    // A server at the link's host that puts escape sequences in its
    // `reason` and in the `detail` of its refusal.
    let hostile = Relay::start(
        &service_url.base,
        Tricks {
            own_domain: true,
            text: Some(ESCAPES.into()),
            ..Tricks::default()
        },
    );
    let (_, out, err) = fails(
        &ana,
        "om-wallet",
        &[
            "present",
            "--to",
            &hostile.link(&service_url, &link),
            "--yes",
        ],
    );
    let all = format!("{out}{err}");
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{7}'),
        "raw control characters: {all:?}"
    );
    assert!(
        all.contains("asks: \\u{1b}[2J\\u{1b}]0;pwned\\u{7}Trust me"),
        "the reason, shown: {all}"
    );
    assert_eq!(
        all.matches("\\u{1b}[2J").count(),
        2,
        "the reason and the refusal: {all}"
    );
}

#[test]
fn the_wallet_sends_only_what_the_request_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let (service_url, ana) = ana_with_letters(dir.path());
    let page = open_check(&service_url.base);
    let link = state_of(&page)["interactionUrl"]
        .as_str()
        .unwrap()
        .to_string();
    // A request for another kind of credential: none of the letters is
    // one, so nothing is signed or sent.
    let relay = Relay::start(
        &service_url.base,
        Tricks {
            own_domain: true,
            want: Some("PassportCredential".into()),
            ..Tricks::default()
        },
    );
    let (_, _, err) = fails(
        &ana,
        "om-wallet",
        &["present", "--to", &relay.link(&service_url, &link), "--yes"],
    );
    assert!(
        err.contains("Not sent (the request does not ask for it)"),
        "{err}"
    );
    assert!(err.contains("nothing was sent"), "{err}");
    assert!(!relay.got_an_answer(), "{}", relay.received());

    // A request that asks only for DIDAuthentication (a delivery) gets no
    // letter either, and the delivery stays waiting.
    let mentor = person("om-issuer", "Maria Mentor");
    let delivery = deliver(
        &mentor,
        &ana.did(),
        "mentor",
        &letter_file(dir.path()),
        &service_url.base,
    );
    let (_, _, err) = fails(&ana, "om-wallet", &["present", "--to", &delivery, "--yes"]);
    assert!(err.contains("nothing was sent"), "{err}");
    let out = ana.run("om-wallet", &["receive", &delivery]);
    assert!(out.contains("imported"), "{out}");
}
