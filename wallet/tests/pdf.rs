//! `om-wallet share --pdf`: the letters as a document, read back — its text
//! layer (names, every writer, the letters in full, a long letter across pages,
//! right-to-left names), the QR code decoded from the image it embeds, and one
//! page rendered by pdftoppm.

mod common;

use std::path::Path;

use chrono::{Duration, Utc};
use predicates::prelude::*;

use om_core::letter::Role;
use om_core::proof::Cryptosuite;
use pdf_extract::{Document, Object};

use common::*;

/// The text of each page, whitespace collapsed to single spaces.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf)
        .expect("the PDF's text can be extracted")
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The images the PDF embeds, as grey levels: (width, height, pixels).
fn images(pdf: &[u8]) -> Vec<(u32, u32, Vec<u8>)> {
    let doc = Document::load_mem(pdf).expect("the PDF parses");
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_image = stream
            .dict
            .get(b"Subtype")
            .and_then(|s| s.as_name())
            .is_ok_and(|n| n == b"Image");
        if !is_image {
            continue;
        }
        let dim = |key: &[u8]| stream.dict.get(key).and_then(|v| v.as_i64()).unwrap() as u32;
        let (w, h) = (dim(b"Width"), dim(b"Height"));
        let pixels = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        assert_eq!(pixels.len() as u32, w * h, "one grey byte per module");
        out.push((w, h, pixels));
    }
    out
}

/// The first page's width and height in points (its MediaBox).
fn page_size(pdf: &[u8]) -> (f32, f32) {
    let doc = Document::load_mem(pdf).expect("the PDF parses");
    let (_, first) = doc.get_pages().into_iter().next().expect("a page");
    let media = doc
        .get_dictionary(first)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(|m| m.as_array())
        .expect("a MediaBox")
        .iter()
        .map(|v| v.as_float().expect("a number"))
        .collect::<Vec<f32>>();
    ((media[2] - media[0]).round(), (media[3] - media[1]).round())
}

/// Decodes the one QR code in a grey image.
fn decode_qr(img: image::GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("the QR code decodes").1
}

/// `s` without whitespace: the extractor does not always put a space where a
/// line was wrapped.
fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

const PARTICIPANT: &str = "Zoë Ångström-Łukasiewicz";
const HEBREW_WRITER: &str = "שרה כהן";
const ARABIC_PARTICIPANT_NAME: &str = "سلمى";

/// A letter long enough to run over several pages, numbered so that each
/// paragraph can be found again.
fn long_letter() -> String {
    (1..=40)
        .map(|i| {
            format!(
                "Paragraph {i}. Zoë ran the weekly study circle on open data, wrote careful notes for everyone who missed a session, and reviewed the code of three newer participants with patience and precision."
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn share_pdf_has_the_letters_their_writers_and_the_qr_code_of_the_link() {
    let home = Home::with_identity(PARTICIPANT);
    let me = home.did();
    let grace = Endorser::new("Grace Hopper");
    let sarah = Endorser::new(HEBREW_WRITER);
    let from = Utc::now() - Duration::days(2);
    let long = long_letter();
    let mentor = grace.letter_written(
        Role::Mentor,
        &me,
        "Zoë",
        &long,
        Cryptosuite::EddsaRdfc2022,
        from,
        None,
    );
    let peer_text = format!(
        "Zoë and {ARABIC_PARTICIPANT_NAME} built the translation tool together.\nזו הייתה עבודה מצוינת."
    );
    let peer = sarah.letter_written(
        Role::Peer,
        &me,
        "Zoë",
        &peer_text,
        Cryptosuite::EddsaJcs2022,
        from,
        None,
    );
    let f1 = home.write("mentor.json", &pretty(&mentor));
    let f2 = home.write("peer.json", &pretty(&peer));
    home.cmd().arg("import").args([&f1, &f2]).assert().success();

    let fake = FakeVerifier::start();
    let pdf_path = home.file("letters.pdf");
    let out = home
        .cmd()
        .args(["share", "--verifier", &fake.base, "--pdf"])
        .arg(&pdf_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Letters written to"),
        "{}",
        stdout(&out)
    );
    let share_id = fake
        .state
        .lock()
        .unwrap()
        .shares
        .keys()
        .next()
        .cloned()
        .expect("uploaded");
    let url = format!("{}/s/{share_id}", fake.base);
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // The text layer.
    let pages = pages_text(&pdf);
    let all = pages.join(" ");
    let flat = squash(&all);
    assert!(
        pages.len() >= 4,
        "cover, a long letter over pages, a short one: {} pages",
        pages.len()
    );
    let cover = &pages[0];
    assert!(cover.contains(PARTICIPANT), "{cover}");
    assert!(cover.contains(&me));
    assert!(cover.contains(&url), "the link is printed: {cover}");
    assert!(squash(cover).contains(&squash("Complete: letters from 2 different people, 1 mentor letter and 1 peer letter, each writer confirmed by a trusted team.")), "{cover}");
    assert!(cover.contains("As checked by om-wallet on"), "{cover}");
    assert!(
        cover.contains("Open Masters Test Team"),
        "the trusted team is named: {cover}"
    );
    assert!(cover.contains("This paper proves nothing by itself"));
    assert!(cover.contains("Grace Hopper"));
    // Right to left: the name is drawn in visual order, its last letter leftmost.
    assert!(cover.contains(&reversed("כהן")), "{cover}");
    assert!(all.contains(&reversed("שרה")));
    // In the contents, the name sits in an English line that reads left to right.
    assert!(
        squash(cover).contains(&squash(&format!(
            "2. {}, peer, written",
            reversed(HEBREW_WRITER)
        ))),
        "{cover}"
    );
    // The long letter in full, its first and last paragraphs pages apart.
    let page_of = |needle: &str| pages.iter().position(|p| p.contains(needle));
    // The letters' text without what every page repeats (its footer, and the
    // line that says a letter continues).
    let n = pages.len();
    let body: String = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            squash(p)
                .replace(
                    &squash(&format!("Letters of endorsement for {PARTICIPANT}")),
                    "",
                )
                .replace(&squash(&format!("page {} of {n}", i + 1)), "")
                .replace(&squash(&format!("Check live: {url}")), "")
                .replace(&squash("Letter 1 of 2, from Grace Hopper, continued"), "")
        })
        .collect();
    for i in 1..=40 {
        let paragraph = format!("Paragraph {i}. Zoë ran the weekly study circle on open data, wrote careful notes for everyone who missed a session, and reviewed the code of three newer participants with patience and precision.");
        assert!(
            body.contains(&squash(&paragraph)),
            "paragraph {i} in full: {}",
            body.split(&format!("Paragraph{i}."))
                .nth(1)
                .unwrap_or_default()
                .chars()
                .take(400)
                .collect::<String>()
        );
    }
    let first = page_of("Paragraph 1. ").unwrap();
    let last = page_of("Paragraph 40. ").unwrap();
    assert!(last >= first + 2, "pages {first} to {last}");
    assert!(pages[first + 1].contains("from Grace Hopper, continued"));
    assert!(flat.contains(&squash("Programme confirmation: Open Masters Test Team, a trusted team, confirms the writer as the participant's co-mentor")));
    // The short letter with an Arabic name (shaped, so only its presence in some
    // form is checked) and a Hebrew line.
    assert!(
        flat.contains(&squash("Zoë and"))
            && flat.contains(&squash("built the translation tool together."))
    );
    assert!(all.contains(&reversed("מצוינת")));
    assert!(all.contains("Peer · written"));

    // The QR code, read from the image the PDF embeds, is the share link.
    let imgs = images(&pdf);
    assert_eq!(imgs.len(), 1, "one image: the QR code");
    let (w, h, pixels) = imgs.into_iter().next().unwrap();
    let grey = image::GrayImage::from_raw(w, h, pixels).unwrap();
    let scaled = image::imageops::resize(&grey, w * 8, h * 8, image::imageops::FilterType::Nearest);
    assert_eq!(decode_qr(scaled), url);

    // A4 by default.
    assert_eq!(page_size(&pdf), (595.0, 842.0));

    // One page rendered, as a reader sees it: not blank, and its QR code scans.
    match which("pdftoppm") {
        Some(pdftoppm) => {
            let prefix = home.file("page");
            let status = std::process::Command::new(pdftoppm)
                .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
                .arg(&pdf_path)
                .arg(&prefix)
                .status()
                .unwrap();
            assert!(status.success());
            let png = prefix.with_extension("png");
            let page = image::open(&png).unwrap().to_luma8();
            let dark = page.pixels().filter(|p| p.0[0] < 128).count();
            let share = dark as f64 / (page.width() * page.height()) as f64;
            assert!(
                share > 0.01 && share < 0.5,
                "ink on {:.1}% of the page",
                share * 100.0
            );
            assert_eq!(decode_qr(page), url, "the printed QR code scans");
        }
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("pdftoppm (Debian's poppler-utils) is needed under CI=true")
        }
        None => eprintln!("note: pdftoppm not found; the rendered page is not checked"),
    }
}

#[test]
fn share_pdf_letter_paper_and_bad_paths() {
    let home = Home::with_identity("Ada Lovelace");
    let me = home.did();
    let grace = Endorser::new("Grace Hopper");
    let f = home.write(
        "mentor.json",
        &pretty(&grace.letter(Role::Mentor, &me, Cryptosuite::EddsaRdfc2022)),
    );
    home.cmd().arg("import").arg(&f).assert().success();

    // A folder that does not exist: refused before anything is signed or uploaded.
    let fake = FakeVerifier::start();
    let missing = home.file("no-such-folder").join("letters.pdf");
    home.cmd()
        .args(["share", "--verifier", &fake.base, "--pdf"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"))
        .stderr(predicate::str::contains("hint:"));
    assert!(
        fake.state.lock().unwrap().shares.is_empty(),
        "nothing uploaded"
    );
    assert!(!missing.exists());
    // A folder instead of a file.
    home.cmd()
        .args(["share", "--verifier", &fake.base, "--pdf"])
        .arg(home.dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    // --paper needs --pdf.
    home.cmd()
        .args(["share", "--verifier", &fake.base, "--paper", "letter"])
        .assert()
        .code(2);

    // Inline, US Letter, one letter: the verdict says what is missing, in the
    // third person, and nothing is left beside the PDF.
    let pdf_path = home.file("letters.pdf");
    let out = home
        .cmd()
        .args([
            "share",
            "--verifier",
            "http://127.0.0.1:9",
            "--inline",
            "--paper",
            "letter",
            "--pdf",
        ])
        .arg(&pdf_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert_eq!(page_size(&pdf), (612.0, 792.0));
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), 2, "a cover and one letter: {pages:?}");
    let text = squash(&pages.join(" "));
    assert!(text.contains(&squash("Not complete: 1 mentor letter and 0 peer letters count; still needed: 1 more letter from someone who has not endorsed the participant yet")), "{text}");
    assert!(
        text.contains(&squash("characters that carries the letters themselves")),
        "{text}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());

    // Trusting no team: the document says so, and no letter counts.
    home.cmd()
        .env_remove("OM_TRUST")
        .args([
            "share",
            "--verifier",
            "http://127.0.0.1:9",
            "--inline",
            "--pdf",
        ])
        .arg(&pdf_path)
        .assert()
        .success();
    let text = squash(&pages_text(&std::fs::read(&pdf_path).unwrap()).join(" "));
    assert!(
        text.contains(&squash("The check trusted no team")),
        "{text}"
    );
    assert!(
        text.contains(&squash(
            "Not complete: 0 mentor letters and 0 peer letters count"
        )),
        "{text}"
    );
    assert!(
        text.contains(&squash(
            "it does not count: no trusted team confirms its writer"
        )),
        "{text}"
    );
}

/// The path of a program on PATH.
fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| Path::new(p).is_file())
    })
}
