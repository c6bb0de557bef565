//! Letters and presentations made by this library: round trips with both
//! suites and formats, forgeries, dates, revocation and holder binding.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole, TrustedTeams};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::{BadgeDraft, LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::{CheckKind, Outcome, Verdict};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use om_core::verify::{PresentationOptions, StatusSource, Verifier};
use serde_json::Value;

const SUITES: [Cryptosuite; 2] = [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022];

fn profile(key: &KeyPair, name: &str) -> Profile {
    Profile {
        id: key.controller().to_string(),
        name: name.into(),
        ..Default::default()
    }
}

/// The team of the cohort in these tests (one key per test process).
fn team() -> &'static KeyPair {
    static TEAM: std::sync::OnceLock<KeyPair> = std::sync::OnceLock::new();
    TEAM.get_or_init(KeyPair::generate)
}

/// A verifier that trusts [`team`].
fn trusting(di: &DataIntegrity) -> Verifier<'_> {
    let mut v = Verifier::new(di, &DidKeyResolver, Utc::now());
    v.teams = TrustedTeams::new([team().controller()]);
    v
}

/// The team's confirmation of `endorser`: a co-mentor of `holder` for a
/// mentor letter, a participant for a peer letter.
fn confirmation(endorser: &KeyPair, role: Role, holder: &str) -> Value {
    let (role, mentor_of) = match role {
        Role::Mentor => (
            ConfirmedRole::CoMentor,
            Some((holder.to_string(), "Ana".into())),
        ),
        Role::Peer => (ConfirmedRole::Participant, None),
    };
    let d = ConfirmationDraft {
        id: om_core::letter::new_credential_id(),
        team: profile(team(), "Open Masters DC"),
        subject_id: endorser.controller().into(),
        subject_name: "Writer".into(),
        role,
        mentor_of,
        valid_from: Utc::now() - Duration::days(30),
        valid_until: Utc::now() + Duration::days(300),
        status: None,
    };
    DataIntegrity::new()
        .sign(
            &d.to_credential().unwrap(),
            team(),
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap()
}

/// A letter draft whose writer carries the team's confirmation (Open Badges letters).
fn draft(endorser: &KeyPair, name: &str, role: Role, holder: &str) -> LetterDraft {
    let mut endorser_profile = profile(endorser, name);
    if endorser.controller() != holder {
        endorser_profile.endorsement = vec![confirmation(endorser, role, holder)];
    }
    LetterDraft {
        id: om_core::letter::new_credential_id(),
        endorser: endorser_profile,
        role,
        subject_id: holder.to_string(),
        subject_name: "Ana Lima".into(),
        text: "Ana ran **twelve** study circles.\n\n<script>alert(1)</script>".into(),
        format: LetterFormat::Ob3,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: None,
        status: None,
    }
}

fn sign(di: &DataIntegrity, d: &LetterDraft, key: &KeyPair, suite: Cryptosuite) -> Value {
    di.sign(
        &d.to_credential().unwrap(),
        key,
        &ProofOptions::assertion(suite),
    )
    .unwrap()
}

fn check(checks: &[om_core::report::Check], kind: CheckKind) -> &om_core::report::Check {
    checks
        .iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} check in {checks:#?}"))
}

#[test]
fn letters_round_trip_with_both_suites_and_formats() {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let holder = KeyPair::generate();
    for suite in SUITES {
        for format in [LetterFormat::Ob3, LetterFormat::Vc] {
            let mut d = draft(&mentor, "Maria Mentor", Role::Mentor, holder.controller());
            d.format = format;
            if format == LetterFormat::Vc {
                d.endorser.endorsement.clear(); // plain VC letters carry no confirmation
            }
            d.valid_until = Some(Utc::now() + Duration::days(365));
            let signed = sign(&di, &d, &mentor, suite);
            let report = Verifier::new(&di, &DidKeyResolver, Utc::now())
                .verify_credential(&signed)
                .unwrap();
            assert!(
                report.is_valid(),
                "{suite} {format:?}: {:#?}",
                report.checks
            );
            let letter = report.letter.unwrap();
            assert_eq!(letter.role, Some(Role::Mentor));
            assert_eq!(letter.issuer_name.as_deref(), Some("Maria Mentor"));
            assert_eq!(letter.subject_id.as_deref(), Some(holder.controller()));
            assert!(letter.text.unwrap().contains("twelve"));
        }
    }
}

#[test]
fn changing_the_role_breaks_the_signature() {
    let di = DataIntegrity::new();
    let peer = KeyPair::generate();
    for suite in SUITES {
        let mut signed = sign(
            &di,
            &draft(&peer, "Pat Peer", Role::Peer, "did:key:z6MkholderX"),
            &peer,
            suite,
        );
        signed["credentialSubject"]["endorserRole"] = "mentor".into();
        let report = Verifier::new(&di, &DidKeyResolver, Utc::now())
            .verify_credential(&signed)
            .unwrap();
        assert_eq!(
            check(&report.checks, CheckKind::Proof).outcome,
            Outcome::Fail,
            "{suite}"
        );
    }
}

#[test]
fn a_letter_signed_by_one_key_in_anothers_name_is_rejected() {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let forger = KeyPair::generate();
    for suite in SUITES {
        // Names the mentor as issuer, signed with the forger's own (valid) key.
        let d = draft(&mentor, "Maria Mentor", Role::Mentor, "did:key:z6Mkholder");
        let forged = sign(&di, &d, &forger, suite);
        let report = Verifier::new(&di, &DidKeyResolver, Utc::now())
            .verify_credential(&forged)
            .unwrap();
        assert_eq!(
            check(&report.checks, CheckKind::Proof).outcome,
            Outcome::Pass
        );
        let binding = check(&report.checks, CheckKind::KeyBinding);
        assert_eq!(binding.outcome, Outcome::Fail);
        assert!(
            binding.message.contains("not the issuer"),
            "{}",
            binding.message
        );
        assert_eq!(report.verdict(), Verdict::Invalid);
    }
}

#[test]
fn dates_are_enforced_with_reasons() {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let mut d = draft(&mentor, "M", Role::Mentor, "did:key:z6Mkholder");
    d.valid_from = Utc::now() - Duration::days(30);
    d.valid_until = Some(Utc::now() - Duration::days(1));
    let expired = sign(&di, &d, &mentor, Cryptosuite::EddsaRdfc2022);
    let r = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_credential(&expired)
        .unwrap();
    let c = check(&r.checks, CheckKind::ValidityPeriod);
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(c.message.contains("expired"), "{}", c.message);

    let mut d = draft(&mentor, "M", Role::Mentor, "did:key:z6Mkholder");
    d.valid_from = Utc::now() + Duration::days(3);
    let future = sign(&di, &d, &mentor, Cryptosuite::EddsaJcs2022);
    let r = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_credential(&future)
        .unwrap();
    let c = check(&r.checks, CheckKind::ValidityPeriod);
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(c.message.contains("not valid yet"), "{}", c.message);
}

#[test]
fn a_self_issued_letter_is_not_an_endorsement() {
    let di = DataIntegrity::new();
    let me = KeyPair::generate();
    let signed = sign(
        &di,
        &draft(&me, "Me", Role::Mentor, me.controller()),
        &me,
        Cryptosuite::EddsaRdfc2022,
    );
    let r = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_credential(&signed)
        .unwrap();
    assert_eq!(
        check(&r.checks, CheckKind::Endorsement).outcome,
        Outcome::Fail
    );
}

#[test]
fn badges_round_trip() {
    let di = DataIntegrity::new();
    let org = KeyPair::generate();
    let badge = BadgeDraft {
        id: om_core::letter::new_credential_id(),
        issuer: profile(&org, "P2PU"),
        subject_id: "did:key:z6Mkholder".into(),
        subject_name: Some("Ana".into()),
        achievement_id: "urn:open-masters:achievement".into(),
        name: "Open Masters".into(),
        description: "Completed the Open Masters.".into(),
        criteria: "Two letters, one from a mentor.".into(),
        valid_from: Utc::now(),
        valid_until: None,
        status: None,
    }
    .to_credential()
    .unwrap();
    let signed = di
        .sign(
            &badge,
            &org,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap();
    let r = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_credential(&signed)
        .unwrap();
    assert!(r.is_valid(), "{:#?}", r.checks);
    assert_eq!(
        r.letter.unwrap().achievement.as_deref(),
        Some("Open Masters")
    );
}

struct MapStatus(HashMap<String, Value>);

impl StatusSource for MapStatus {
    fn fetch(&self, url: &str) -> Result<Value, String> {
        self.0
            .get(url)
            .cloned()
            .ok_or_else(|| format!("{url} is unreachable"))
    }
}

#[test]
fn revocation_through_a_bitstring_status_list() {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let url = "https://mentor.example/status/1";
    let mut d = draft(&mentor, "M", Role::Mentor, "did:key:z6Mkholder");
    d.status = Some(status_entry(url, 4242));
    let letter = sign(&di, &d, &mentor, Cryptosuite::EddsaRdfc2022);
    let publish = |bits: &Bitstring, signer: &KeyPair| {
        let list = status_list_credential(
            url,
            mentor.controller(),
            bits,
            Utc::now() - Duration::hours(1),
            None,
        );
        di.sign(
            &list,
            signer,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap()
    };
    let mut bits = Bitstring::new(0);
    let status_of = |source: &MapStatus| {
        let mut v = Verifier::new(&di, &DidKeyResolver, Utc::now());
        v.status = Some(source);
        check(
            &v.verify_credential(&letter).unwrap().checks,
            CheckKind::Status,
        )
        .clone()
    };

    let fresh = MapStatus([(url.to_string(), publish(&bits, &mentor))].into());
    assert_eq!(status_of(&fresh).outcome, Outcome::Pass);

    bits.set(4242, true).unwrap();
    let revoked = MapStatus([(url.to_string(), publish(&bits, &mentor))].into());
    let c = status_of(&revoked);
    assert_eq!(c.outcome, Outcome::Fail);
    assert!(c.message.contains("revoked"));

    // Unreachable: unknown, never "not revoked".
    let c = status_of(&MapStatus(HashMap::new()));
    assert_eq!(c.outcome, Outcome::Unknown);
    assert!(
        c.message.contains("unknown") && c.message.contains("NOT confirmed"),
        "{}",
        c.message
    );
    let forger = KeyPair::generate();
    let c = status_of(&MapStatus(
        [(url.to_string(), publish(&Bitstring::new(0), &forger))].into(),
    ));
    // Signed by someone else, or tampered with: a failure, never "not revoked".
    assert_eq!(c.outcome, Outcome::Fail, "{}", c.message);
    let mut tampered = publish(&bits, &mentor);
    tampered["credentialSubject"]["encodedList"] = Bitstring::new(0).encode().into();
    assert_eq!(
        status_of(&MapStatus([(url.to_string(), tampered)].into())).outcome,
        Outcome::Fail
    );
}

fn presentation_fixture(di: &DataIntegrity, suite: Cryptosuite) -> (KeyPair, Vec<Value>) {
    let holder = KeyPair::generate();
    let mentor = KeyPair::generate();
    let peer = KeyPair::generate();
    let letters = vec![
        sign(
            di,
            &draft(&mentor, "Maria", Role::Mentor, holder.controller()),
            &mentor,
            suite,
        ),
        sign(
            di,
            &draft(&peer, "Pat", Role::Peer, holder.controller()),
            &peer,
            suite,
        ),
    ];
    (holder, letters)
}

#[test]
fn presentations_round_trip_with_challenge_and_domain() {
    let di = DataIntegrity::new();
    for suite in SUITES {
        let (holder, letters) = presentation_fixture(&di, suite);
        let opts = ProofOptions::authentication(
            suite,
            Some("c-123".into()),
            Some("https://verifier.example".into()),
        );
        let vp = sign_presentation(&di, &holder, letters, &opts).unwrap();
        let verifier = trusting(&di);
        let good = PresentationOptions {
            challenge: Some("c-123".into()),
            domain: Some("https://verifier.example".into()),
            apply_rule: true,
        };
        let r = verifier.verify_presentation(&vp, &good).unwrap();
        assert!(r.is_valid(), "{suite}: {:#?}", r);
        assert!(r.rule.as_ref().unwrap().complete);

        let wrong_challenge = PresentationOptions {
            challenge: Some("other".into()),
            ..good.clone()
        };
        let r = verifier.verify_presentation(&vp, &wrong_challenge).unwrap();
        assert!(check(&r.checks, CheckKind::Proof)
            .message
            .contains("challenge"));
        assert!(!r.is_valid());

        let wrong_domain = PresentationOptions {
            domain: Some("https://evil.example".into()),
            ..good.clone()
        };
        let r = verifier.verify_presentation(&vp, &wrong_domain).unwrap();
        assert!(check(&r.checks, CheckKind::Proof)
            .message
            .contains("domain"));
    }
}

#[test]
fn a_presentation_signed_by_someone_other_than_its_holder_is_rejected() {
    let di = DataIntegrity::new();
    let (holder, letters) = presentation_fixture(&di, Cryptosuite::EddsaRdfc2022);
    let thief = KeyPair::generate();
    let unsigned = om_core::presentation::presentation(holder.controller(), letters);
    let vp = di
        .sign(
            &unsigned,
            &thief,
            &ProofOptions::authentication(Cryptosuite::EddsaRdfc2022, None, None),
        )
        .unwrap();
    let r = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_presentation(
            &vp,
            &PresentationOptions {
                apply_rule: true,
                ..Default::default()
            },
        )
        .unwrap();
    let binding = check(&r.checks, CheckKind::KeyBinding);
    assert_eq!(binding.outcome, Outcome::Fail);
    assert!(
        binding.message.contains("not the holder"),
        "{}",
        binding.message
    );
    assert!(!r.is_valid());
}

#[test]
fn letters_about_someone_else_fail_holder_binding_and_the_rule() {
    let di = DataIntegrity::new();
    let (_, letters) = presentation_fixture(&di, Cryptosuite::EddsaJcs2022);
    let impostor = KeyPair::generate();
    let vp = sign_presentation(
        &di,
        &impostor,
        letters,
        &ProofOptions::authentication(Cryptosuite::EddsaJcs2022, None, None),
    )
    .unwrap();
    let r = Verifier::new(&di, &DidKeyResolver, Utc::now())
        .verify_presentation(
            &vp,
            &PresentationOptions {
                apply_rule: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        check(&r.checks, CheckKind::KeyBinding).outcome,
        Outcome::Pass
    );
    for c in &r.credentials {
        assert_eq!(
            check(&c.checks, CheckKind::HolderBinding).outcome,
            Outcome::Fail
        );
    }
    assert!(!r.rule.unwrap().complete);
}

#[test]
fn unknown_contexts_and_missing_proofs_are_invalid_with_the_reason() {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let mut signed = sign(
        &di,
        &draft(&mentor, "M", Role::Mentor, "did:key:z6Mkh"),
        &mentor,
        Cryptosuite::EddsaRdfc2022,
    );
    let v = Verifier::new(&di, &DidKeyResolver, Utc::now());
    signed["@context"][1] = "https://attacker.example/context.json".into();
    let r = v.verify_credential(&signed).unwrap();
    assert_eq!(r.verdict(), om_core::report::Verdict::Invalid);
    let why = &r.first_problem().unwrap().message;
    assert!(
        why.contains("$.@context[1]") && why.contains("https://attacker.example/context.json"),
        "{why}"
    );
    signed["@context"][1] = om_core::contexts::OPEN_BADGES_V3.into();
    signed.as_object_mut().unwrap().remove("proof");
    let r = v.verify_credential(&signed).unwrap();
    assert_eq!(r.verdict(), om_core::report::Verdict::Invalid);
    assert!(
        r.first_problem().unwrap().message.contains("not signed"),
        "{r:?}"
    );
}

#[test]
fn undefined_terms_cannot_be_signed_without_the_undefined_terms_context() {
    let di = DataIntegrity::new();
    let mentor = KeyPair::generate();
    let mut c = draft(&mentor, "M", Role::Mentor, "did:key:z6Mkh")
        .to_credential()
        .unwrap();
    c["@context"] = serde_json::json!([
        om_core::contexts::CREDENTIALS_V2,
        om_core::contexts::OPEN_BADGES_V3
    ]);
    let e = di
        .sign(
            &c,
            &mentor,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap_err();
    assert!(e.to_string().contains("endorserRole"), "{e}");
}

#[test]
fn an_unreachable_status_list_makes_the_rule_undetermined_not_failed() {
    let di = DataIntegrity::new();
    let holder = KeyPair::generate();
    let mentor = KeyPair::generate();
    let peer = KeyPair::generate();
    let mut with_status = draft(&mentor, "Maria", Role::Mentor, holder.controller());
    with_status.status = Some(status_entry("https://mentor.example/unreachable", 7));
    let letters = vec![
        sign(&di, &with_status, &mentor, Cryptosuite::EddsaRdfc2022),
        sign(
            &di,
            &draft(&peer, "Pat", Role::Peer, holder.controller()),
            &peer,
            Cryptosuite::EddsaRdfc2022,
        ),
    ];
    let vp = sign_presentation(
        &di,
        &holder,
        letters,
        &ProofOptions::authentication(Cryptosuite::EddsaRdfc2022, None, None),
    )
    .unwrap();
    let source = MapStatus(HashMap::new());
    let mut v = trusting(&di);
    v.status = Some(&source);
    let r = v
        .verify_presentation(
            &vp,
            &PresentationOptions {
                apply_rule: true,
                ..Default::default()
            },
        )
        .unwrap();
    let rule = check(&r.checks, CheckKind::ProgrammeRule);
    assert_eq!(rule.outcome, Outcome::Unknown, "{}", rule.message);
    assert!(
        rule.message.starts_with("Cannot tell yet"),
        "{}",
        rule.message
    );
    assert_eq!(r.verdict(), Verdict::Undetermined);
    assert!(
        !r.rule.unwrap().complete,
        "the rule itself only counts confirmed letters"
    );
}
