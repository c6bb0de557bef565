//! `om-wallet check` in the participant's language (LANG), with the same
//! verdict and exit status; every message in every language file.

mod common;

use om_core::letter::Role;
use om_core::proof::Cryptosuite;
use om_wallet::i18n::MESSAGES;

use common::*;

#[test]
fn every_message_is_in_every_language_and_every_file_parses() {
    let problems = MESSAGES.problems();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn check_speaks_the_participants_language() {
    let home = Home::with_identity("Ada");
    let me = home.did();
    let peer = Endorser::new("Alan");
    let f = home.write(
        "peer.json",
        &pretty(&peer.letter(Role::Peer, &me, Cryptosuite::EddsaRdfc2022)),
    );
    home.cmd().arg("import").arg(&f).assert().success();
    for (locale, words) in [
        (
            "C.UTF-8",
            "Not complete: you have 0 mentor letters and 1 peer letter",
        ),
        (
            "es_ES.UTF-8",
            "Incompleto: tienes 0 cartas de mentores y 1 carta de un par",
        ),
        (
            "pt_BR.UTF-8",
            "Incompleto: você tem 0 cartas de mentores e 1 carta de um par",
        ),
    ] {
        let out = home
            .cmd()
            .env("LANG", locale)
            .arg("check")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{locale}: the same verdict");
        let text = stdout(&out);
        assert!(text.contains(words), "{locale}: {text}");
    }
    // LC_ALL wins over LANG, as POSIX says.
    let out = home
        .cmd()
        .env("LANG", "pt_BR.UTF-8")
        .env("LC_ALL", "es_MX.UTF-8")
        .arg("check")
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("aún te falta 1 carta de un mentor"),
        "{}",
        stdout(&out)
    );
}
