//! Team confirmations: a letter counts towards the Open Masters only when a
//! trusted team confirms its writer, as a co-mentor of this participant or as
//! a participant. Each test is a forgery (or a mistake) and what stops it,
//! with both cryptosuites, on letters and on presentations.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole, Standing, TrustedTeams};
use om_core::did::DidKeyResolver;
use om_core::keys::KeyPair;
use om_core::letter::{LetterDraft, LetterFormat, Profile, Role};
use om_core::presentation::sign_presentation;
use om_core::proof::{Cryptosuite, DataIntegrity, ProofOptions};
use om_core::report::{CredentialReport, PresentationReport, Verdict};
use om_core::rule::{IgnoredReason, RuleStatus};
use om_core::status::{status_entry, status_list_credential, Bitstring};
use om_core::verify::{PresentationOptions, StatusSource, Verifier};
use serde_json::Value;

const SUITES: [Cryptosuite; 2] = [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022];
const LIST_URL: &str = "https://team.example/status/1";

/// The people of one cohort: a team, a co-mentor, a peer, the participant
/// Ana, and another participant Bea.
struct Cohort {
    di: DataIntegrity,
    team: KeyPair,
    maria: KeyPair,
    pat: KeyPair,
    ana: KeyPair,
    bea: KeyPair,
}

struct Conf<'a> {
    about: &'a KeyPair,
    role: ConfirmedRole,
    mentor_of: Option<&'a KeyPair>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    status: Option<usize>,
}

impl Cohort {
    fn new() -> Self {
        Self {
            di: DataIntegrity::new(),
            team: KeyPair::generate(),
            maria: KeyPair::generate(),
            pat: KeyPair::generate(),
            ana: KeyPair::generate(),
            bea: KeyPair::generate(),
        }
    }

    fn co_mentor(&self) -> Conf<'_> {
        Conf {
            about: &self.maria,
            role: ConfirmedRole::CoMentor,
            mentor_of: Some(&self.ana),
            from: Utc::now() - Duration::days(60),
            until: Utc::now() + Duration::days(300),
            status: None,
        }
    }

    fn participant(&self) -> Conf<'_> {
        Conf {
            about: &self.pat,
            role: ConfirmedRole::Participant,
            mentor_of: None,
            from: Utc::now() - Duration::days(60),
            until: Utc::now() + Duration::days(300),
            status: None,
        }
    }

    /// The team's confirmation `c`, signed with `signer` (the team's key unless forging).
    fn confirm(&self, c: &Conf, signer: &KeyPair, suite: Cryptosuite) -> Value {
        let d = ConfirmationDraft {
            id: om_core::letter::new_credential_id(),
            team: Profile {
                id: self.team.controller().into(),
                name: "Open Masters DC".into(),
                ..Default::default()
            },
            subject_id: c.about.controller().into(),
            subject_name: "Someone".into(),
            role: c.role,
            mentor_of: c
                .mentor_of
                .map(|p| (p.controller().to_string(), "A participant".to_string())),
            valid_from: c.from,
            valid_until: c.until,
            status: c.status.map(|i| status_entry(LIST_URL, i)),
        };
        self.di
            .sign(
                &d.to_credential().unwrap(),
                signer,
                &ProofOptions::assertion(suite),
            )
            .unwrap()
    }

    /// A letter by `writer` about `about`, carrying `confirmations`, dated `written`.
    fn letter(
        &self,
        writer: &KeyPair,
        role: Role,
        about: &KeyPair,
        confirmations: Vec<Value>,
        written: DateTime<Utc>,
        suite: Cryptosuite,
    ) -> Value {
        let d = LetterDraft {
            id: om_core::letter::new_credential_id(),
            endorser: Profile {
                id: writer.controller().into(),
                name: "Writer".into(),
                endorsement: confirmations,
                ..Default::default()
            },
            role,
            subject_id: about.controller().into(),
            subject_name: "Ana Lima".into(),
            text: "Ana & co. <b>ran</b> \"twelve\" circles.".into(),
            format: LetterFormat::Ob3,
            valid_from: written,
            valid_until: None,
            status: None,
        };
        self.di
            .sign(
                &d.to_credential().unwrap(),
                writer,
                &ProofOptions::assertion(suite),
            )
            .unwrap()
    }

    fn verifier<'a>(&'a self, status: Option<&'a dyn StatusSource>) -> Verifier<'a> {
        let mut v = Verifier::new(&self.di, &DidKeyResolver, Utc::now());
        v.teams = TrustedTeams::new([self.team.controller()]);
        v.status = status;
        v
    }

    fn check_letter(&self, letter: &Value) -> CredentialReport {
        self.verifier(None).verify_credential(letter).unwrap()
    }

    fn present(&self, letters: Vec<Value>, suite: Cryptosuite) -> Value {
        sign_presentation(
            &self.di,
            &self.ana,
            letters,
            &ProofOptions::authentication(suite, None, None),
        )
        .unwrap()
    }

    fn check_presentation(&self, vp: &Value) -> PresentationReport {
        self.verifier(None)
            .verify_presentation(
                vp,
                &PresentationOptions {
                    apply_rule: true,
                    ..Default::default()
                },
            )
            .unwrap()
    }

    /// Maria's mentor letter and Pat's peer letter, each with its confirmation.
    fn genuine_pair(&self, suite: Cryptosuite) -> Vec<Value> {
        let yesterday = Utc::now() - Duration::days(1);
        vec![
            self.letter(
                &self.maria,
                Role::Mentor,
                &self.ana,
                vec![self.confirm(&self.co_mentor(), &self.team, suite)],
                yesterday,
                suite,
            ),
            self.letter(
                &self.pat,
                Role::Peer,
                &self.ana,
                vec![self.confirm(&self.participant(), &self.team, suite)],
                yesterday,
                suite,
            ),
        ]
    }
}

fn only(r: &CredentialReport) -> &om_core::confirmation::ConfirmationReport {
    assert_eq!(r.confirmations.len(), 1, "{:#?}", r.confirmations);
    &r.confirmations[0]
}

#[test]
fn confirmed_mentor_and_peer_complete_it_and_say_who_confirms() {
    let c = Cohort::new();
    for suite in SUITES {
        let report = c.check_presentation(&c.present(c.genuine_pair(suite), suite));
        let rule = report.rule.as_ref().unwrap();
        assert_eq!(rule.status, RuleStatus::Complete, "{suite}: {rule:#?}");
        assert!(report.is_valid(), "{suite}: {:#?}", report.checks);
        for e in &rule.endorsers {
            let by = e.confirmed_by.as_ref().expect("names who confirms");
            assert_eq!(by.team, c.team.controller());
            assert_eq!(by.team_name.as_deref(), Some("Open Masters DC"));
        }
        let maria = rule
            .endorsers
            .iter()
            .find(|e| e.did == c.maria.controller())
            .unwrap();
        assert!(maria.mentor);
        assert_eq!(
            maria.confirmed_by.as_ref().unwrap().role,
            ConfirmedRole::CoMentor
        );
    }
}

#[test]
fn two_fresh_key_pairs_are_never_complete() {
    let c = Cohort::new();
    for suite in SUITES {
        let yesterday = Utc::now() - Duration::days(1);
        let letters = vec![
            c.letter(&c.maria, Role::Mentor, &c.ana, vec![], yesterday, suite),
            c.letter(&c.pat, Role::Peer, &c.ana, vec![], yesterday, suite),
        ];
        let report = c.check_presentation(&c.present(letters, suite));
        let rule = report.rule.as_ref().unwrap();
        assert_eq!(rule.status, RuleStatus::Unconfirmed, "{suite}");
        assert!(!rule.complete);
        assert_eq!(report.verdict(), Verdict::Invalid);
        // Each letter on its own still holds: unconfirmed is not forged.
        assert!(report.credentials.iter().all(CredentialReport::is_valid));
        assert!(rule
            .ignored
            .iter()
            .all(|i| i.reason == IgnoredReason::NotConfirmed));
    }
}

#[test]
fn a_confirmation_signed_by_another_key_than_the_teams_does_not_count() {
    let c = Cohort::new();
    let forger = KeyPair::generate();
    for suite in SUITES {
        let forged = c.confirm(&c.co_mentor(), &forger, suite);
        let l = c.letter(
            &c.maria,
            Role::Mentor,
            &c.ana,
            vec![forged],
            Utc::now() - Duration::days(1),
            suite,
        );
        let r = c.check_letter(&l);
        assert!(r.is_valid(), "the letter itself holds");
        let f = only(&r);
        assert_eq!(f.standing, Standing::DoesNotCount, "{suite}: {f:#?}");
        assert!(f.reason.contains("signature"), "{}", f.reason);
        assert!(!f.signed);
    }
}

#[test]
fn a_tampered_confirmation_does_not_count() {
    let c = Cohort::new();
    for suite in SUITES {
        // Maria was confirmed for Bea; she edits it to name Ana.
        let mut conf = c.co_mentor();
        conf.mentor_of = Some(&c.bea);
        let mut v = c.confirm(&conf, &c.team, suite);
        v["credentialSubject"]["mentorOf"] = c.ana.controller().into();
        let l = c.letter(
            &c.maria,
            Role::Mentor,
            &c.ana,
            vec![v],
            Utc::now() - Duration::days(1),
            suite,
        );
        let f = only(&c.check_letter(&l)).clone();
        assert_eq!(f.standing, Standing::DoesNotCount, "{suite}");
        assert!(f.reason.contains("signature does not hold"), "{}", f.reason);
    }
}

#[test]
fn a_confirmation_about_another_did_does_not_count() {
    let c = Cohort::new();
    for suite in SUITES {
        // Maria copies Pat's genuine participant confirmation into her letter.
        let pats = c.confirm(&c.participant(), &c.team, suite);
        let l = c.letter(
            &c.maria,
            Role::Mentor,
            &c.ana,
            vec![pats],
            Utc::now() - Duration::days(1),
            suite,
        );
        let f = only(&c.check_letter(&l)).clone();
        assert_eq!(f.standing, Standing::DoesNotCount);
        assert!(
            f.reason.contains("not about this letter's writer"),
            "{}",
            f.reason
        );
    }
}

#[test]
fn a_participant_confirmation_does_not_make_a_mentor() {
    let c = Cohort::new();
    for suite in SUITES {
        let mut as_participant = c.participant();
        as_participant.about = &c.maria;
        let yesterday = Utc::now() - Duration::days(1);
        let letters = vec![
            c.letter(
                &c.maria,
                Role::Mentor,
                &c.ana,
                vec![c.confirm(&as_participant, &c.team, suite)],
                yesterday,
                suite,
            ),
            c.genuine_pair(suite).remove(1),
        ];
        let report = c.check_presentation(&c.present(letters, suite));
        let rule = report.rule.as_ref().unwrap();
        assert_eq!((rule.mentors, rule.peers), (0, 2), "{suite}: {rule:#?}");
        assert_eq!(rule.status, RuleStatus::Unconfirmed);
    }
}

#[test]
fn a_co_mentor_confirmation_for_another_participant_does_not_count() {
    let c = Cohort::new();
    for suite in SUITES {
        let mut for_bea = c.co_mentor();
        for_bea.mentor_of = Some(&c.bea);
        let l = c.letter(
            &c.maria,
            Role::Mentor,
            &c.ana,
            vec![c.confirm(&for_bea, &c.team, suite)],
            Utc::now() - Duration::days(1),
            suite,
        );
        let f = only(&c.check_letter(&l)).clone();
        assert_eq!(f.standing, Standing::DoesNotCount);
        assert!(f.reason.contains("co-mentor of"), "{}", f.reason);
        let mut letters = c.genuine_pair(suite);
        letters[0] = l;
        let rule = c
            .check_presentation(&c.present(letters, suite))
            .rule
            .unwrap();
        assert_eq!(rule.status, RuleStatus::Unconfirmed);
    }
}

#[test]
fn a_team_the_verifier_does_not_trust_is_named_but_not_counted() {
    let c = Cohort::new();
    let suite = Cryptosuite::EddsaRdfc2022;
    let letters = c.genuine_pair(suite);
    let mut v = c.verifier(None);
    v.teams = TrustedTeams::new(["did:key:z6MkotherTeamNobodyKnows"]);
    let r = v.verify_credential(&letters[0]).unwrap();
    let f = only(&r);
    assert_eq!(f.standing, Standing::DoesNotCount);
    assert!(f.signed && !f.trusted, "{f:#?}");
    assert_eq!(
        f.view.as_ref().unwrap().team,
        c.team.controller(),
        "the team that does confirm it is named"
    );
    let report = v
        .verify_presentation(
            &c.present(letters, suite),
            &PresentationOptions {
                apply_rule: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(report.rule.unwrap().status, RuleStatus::Unconfirmed);
    // Trusting no team at all: the same.
    let mut v = c.verifier(None);
    v.teams = TrustedTeams::default();
    assert_eq!(
        only(&v.verify_credential(&c.genuine_pair(suite)[0]).unwrap()).standing,
        Standing::DoesNotCount
    );
}

#[test]
fn dates_expiry_and_back_dating() {
    let c = Cohort::new();
    let suite = Cryptosuite::EddsaJcs2022;
    let now = Utc::now();
    // A confirmation that ran from 400 to 100 days ago, with no status list.
    let mut old = c.co_mentor();
    old.from = now - Duration::days(400);
    old.until = now - Duration::days(100);
    let standing = |conf: &Conf, written: DateTime<Utc>, source: Option<&dyn StatusSource>| {
        let l = c.letter(
            &c.maria,
            Role::Mentor,
            &c.ana,
            vec![c.confirm(conf, &c.team, suite)],
            written,
            suite,
        );
        let r = c.verifier(source).verify_credential(&l).unwrap();
        only(&r).clone()
    };
    // Not withdrawable: counts only while in force, even for a letter dated inside.
    let f = standing(&old, now - Duration::days(200), None);
    assert_eq!(f.standing, Standing::DoesNotCount);
    assert!(f.reason.contains("cannot be withdrawn"), "{}", f.reason);
    // Withdrawable and not withdrawn: a letter written while confirmed keeps counting.
    old.status = Some(7);
    let bits = Bitstring::new(0);
    let list = |bits: &Bitstring| {
        c.di.sign(
            &status_list_credential(
                LIST_URL,
                c.team.controller(),
                bits,
                now - Duration::hours(1),
                None,
            ),
            &c.team,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap()
    };
    let source = MapStatus([(LIST_URL.to_string(), list(&bits))].into());
    let f = standing(&old, now - Duration::days(200), Some(&source));
    assert_eq!(f.standing, Standing::Holds, "{f:#?}");
    // Dated after the confirmation ended, or before it began: does not count.
    let f = standing(&old, now - Duration::days(50), Some(&source));
    assert_eq!(f.standing, Standing::DoesNotCount);
    assert!(
        f.reason.contains("outside the confirmation's period"),
        "{}",
        f.reason
    );
    let f = standing(&old, now - Duration::days(500), Some(&source));
    assert_eq!(f.standing, Standing::DoesNotCount);
    // Withdrawn: does not count, whatever the letter's date (back-dating escapes nothing).
    let mut withdrawn = Bitstring::new(0);
    withdrawn.set(7, true).unwrap();
    let source = MapStatus([(LIST_URL.to_string(), list(&withdrawn))].into());
    let f = standing(&old, now - Duration::days(200), Some(&source));
    assert_eq!(f.standing, Standing::DoesNotCount);
    assert!(f.reason.contains("withdrawn"), "{}", f.reason);
    // The team's list out of reach: cannot tell.
    let empty = MapStatus(HashMap::new());
    let f = standing(&old, now - Duration::days(200), Some(&empty));
    assert_eq!(f.standing, Standing::Undetermined);
    // Not in force yet.
    let mut future = c.co_mentor();
    future.from = now + Duration::days(10);
    future.until = now + Duration::days(20);
    assert_eq!(
        standing(&future, now, None).standing,
        Standing::DoesNotCount
    );
}

#[test]
fn an_unreachable_team_list_is_cannot_tell_yet_not_a_failure() {
    let c = Cohort::new();
    let suite = Cryptosuite::EddsaRdfc2022;
    let yesterday = Utc::now() - Duration::days(1);
    let mut conf = c.co_mentor();
    conf.status = Some(3);
    let letters = vec![
        c.letter(
            &c.maria,
            Role::Mentor,
            &c.ana,
            vec![c.confirm(&conf, &c.team, suite)],
            yesterday,
            suite,
        ),
        c.genuine_pair(suite).remove(1),
    ];
    let empty = MapStatus(HashMap::new());
    let report = c
        .verifier(Some(&empty))
        .verify_presentation(
            &c.present(letters, suite),
            &PresentationOptions {
                apply_rule: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(report.rule.unwrap().status, RuleStatus::CannotTellYet);
}

#[test]
fn no_complete_without_the_holders_proof() {
    let c = Cohort::new();
    for suite in SUITES {
        // No proof at all.
        let mut vp = c.present(c.genuine_pair(suite), suite);
        vp.as_object_mut().unwrap().remove("proof");
        let r = c.check_presentation(&vp);
        let rule = r.rule.as_ref().unwrap();
        assert_eq!(rule.status, RuleStatus::HolderNotProven, "{suite}");
        assert!(!rule.complete);
        assert_eq!(r.verdict(), Verdict::Invalid);
        // A broken proof: signed by someone else in Ana's name.
        let mallory = KeyPair::generate();
        let mut vp = sign_presentation(
            &c.di,
            &mallory,
            c.genuine_pair(suite),
            &ProofOptions::authentication(suite, None, None),
        )
        .unwrap();
        vp["holder"] = c.ana.controller().into();
        let r = c.check_presentation(&vp);
        let rule = r.rule.as_ref().unwrap();
        assert_eq!(rule.status, RuleStatus::HolderNotProven, "{suite}");
        assert!(!rule.complete);
        let json = serde_json::to_string(&r.to_vc_api()).unwrap();
        assert!(!json.contains("\"complete\":true"), "{json}");
    }
}

#[test]
fn a_plain_vc_letter_cannot_carry_a_confirmation() {
    let c = Cohort::new();
    let d = LetterDraft {
        id: "urn:uuid:x".into(),
        endorser: Profile {
            id: c.maria.controller().into(),
            name: "Maria".into(),
            endorsement: vec![c.confirm(&c.co_mentor(), &c.team, Cryptosuite::EddsaRdfc2022)],
            ..Default::default()
        },
        role: Role::Mentor,
        subject_id: c.ana.controller().into(),
        subject_name: "Ana".into(),
        text: "x".into(),
        format: LetterFormat::Vc,
        valid_from: Utc::now(),
        valid_until: None,
        status: None,
    };
    assert!(d.to_credential().is_err());
}

#[test]
fn at_most_four_confirmations_are_examined() {
    let c = Cohort::new();
    let suite = Cryptosuite::EddsaRdfc2022;
    // Six distinct confirmations (six identical ones are refused earlier: the
    // canonicalizer bounds the work that identical blank-node graphs cause).
    let six = (0..6)
        .map(|_| c.confirm(&c.co_mentor(), &c.team, suite))
        .collect();
    let l = c.letter(
        &c.maria,
        Role::Mentor,
        &c.ana,
        six,
        Utc::now() - Duration::days(1),
        suite,
    );
    let r = c.check_letter(&l);
    assert_eq!(r.confirmations.len(), 6);
    assert!(r.confirmations[4].reason.starts_with("not examined"));
    assert_eq!(r.confirmations[0].standing, Standing::Holds);
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
fn endorsement_is_read_only_where_it_means_the_open_badges_term() {
    // A plain VC 2.0 letter (no Open Badges context) whose issuer has an
    // "endorsement" key: there it expands to an undefined term, so nothing
    // is read from it as a team confirmation.
    let c = Cohort::new();
    let mut d = LetterDraft {
        id: om_core::letter::new_credential_id(),
        endorser: Profile {
            id: c.maria.controller().into(),
            name: "Maria".into(),
            ..Default::default()
        },
        role: Role::Mentor,
        subject_id: c.ana.controller().into(),
        subject_name: "Ana".into(),
        text: "x".into(),
        format: LetterFormat::Vc,
        valid_from: Utc::now() - Duration::days(1),
        valid_until: None,
        status: None,
    }
    .to_credential()
    .unwrap();
    let mut conf = c.confirm(&c.co_mentor(), &c.team, Cryptosuite::EddsaRdfc2022);
    conf.as_object_mut().unwrap().remove("@context");
    d["issuer"]["endorsement"] = Value::Array(vec![conf]);
    let l =
        c.di.sign(
            &d,
            &c.maria,
            &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022),
        )
        .unwrap();
    let r = c.check_letter(&l);
    assert!(r.is_valid(), "{:#?}", r.checks);
    let f = only(&r);
    assert_eq!(f.standing, Standing::DoesNotCount);
    assert!(
        f.reason.contains("not the Open Badges term"),
        "{}",
        f.reason
    );
}
