//! One exit-code contract for the three tools, checked from one table: the same
//! situation gives the same code in om-issuer, om-wallet and om-verifier.
//!
//! 0 = holds / done; 1 = a negative verdict (invalid, refused, not complete);
//! 2 = could not check, or a usage or runtime error.

use om_e2e::Person;

/// One invocation: which tool, its arguments, extra environment.
struct Case {
    tool: &'static str,
    who: usize,
    args: Vec<String>,
    env: Vec<(&'static str, &'static str)>,
}

fn case(tool: &'static str, who: usize, args: &[&str]) -> Case {
    Case {
        tool,
        who,
        args: args.iter().map(|s| s.to_string()).collect(),
        env: vec![],
    }
}

#[test]
fn same_situation_same_exit_code_in_all_three_tools() {
    let work = tempfile::tempdir().unwrap();
    let p = |name: &str| work.path().join(name).to_str().unwrap().to_string();
    // 0: Alice (issuer identity), 1: Bo (wallet identity), 2: nobody (empty home).
    let people = [Person::new(), Person::new(), Person::new()];
    people[0].run("om-issuer", &["init", "--name", "Alice Mentor"]);
    people[1].run("om-wallet", &["init", "--name", "Bo Learner"]);
    let bo = people[1].did();
    std::fs::write(p("letter.md"), "Bo ran a learning circle.\n").unwrap();
    let endorse = |out: &str| {
        vec![
            "endorse".to_string(),
            "--to".into(),
            bo.clone(),
            "--name".into(),
            "Bo Learner".into(),
            "--role".into(),
            "mentor".into(),
            "--letter".into(),
            p("letter.md"),
            "--out".into(),
            out.to_string(),
        ]
    };
    people[0].run(
        "om-issuer",
        &endorse(&p("valid.json"))
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let mut tampered: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p("valid.json")).unwrap()).unwrap();
    tampered["credentialSubject"]["name"] = "Someone Else".into();
    std::fs::write(p("tampered.json"), tampered.to_string()).unwrap();
    std::fs::write(
        p("bad.csv"),
        "did,name,role,letter\nnot-a-did,Dee,peer,Fine.\n",
    )
    .unwrap();

    let mut issue_again = endorse(&p("again.json"));
    let mut issue_missing_letter = endorse(&p("never.json"));
    issue_missing_letter[8] = p("no-such-letter.md");
    let mut issue_no_passphrase = Case {
        tool: "om-issuer",
        who: 0,
        args: endorse(&p("never.json")),
        env: vec![("OM_PASSPHRASE", "")],
    };
    issue_no_passphrase.args.truncate(11);
    issue_again.truncate(11);

    let table: Vec<(&str, i32, Vec<Case>)> = vec![
        (
            "help",
            0,
            vec![
                case("om-issuer", 2, &["--help"]),
                case("om-wallet", 2, &["--help"]),
                case("om-verifier", 2, &["--help"]),
            ],
        ),
        (
            "done / holds",
            0,
            vec![
                Case {
                    tool: "om-issuer",
                    who: 0,
                    args: issue_again,
                    env: vec![],
                },
                case("om-wallet", 1, &["import", &p("valid.json")]),
                case("om-verifier", 2, &["verify", &p("valid.json")]),
            ],
        ),
        (
            "negative verdict: refused or invalid",
            1,
            vec![
                case(
                    "om-issuer",
                    0,
                    &["batch", "--csv", &p("bad.csv"), "--out-dir", &p("out")],
                ),
                case("om-wallet", 1, &["import", &p("tampered.json")]),
                case("om-verifier", 2, &["verify", &p("tampered.json")]),
            ],
        ),
        (
            "usage error",
            2,
            vec![
                case("om-issuer", 2, &["--no-such-flag"]),
                case("om-wallet", 2, &["--no-such-flag"]),
                case("om-verifier", 2, &["--no-such-flag"]),
            ],
        ),
        (
            "missing file",
            2,
            vec![
                Case {
                    tool: "om-issuer",
                    who: 0,
                    args: issue_missing_letter,
                    env: vec![],
                },
                case("om-wallet", 1, &["import", &p("no-such-letter.json")]),
                case("om-verifier", 2, &["verify", &p("no-such-letter.json")]),
            ],
        ),
        (
            "no identity",
            2,
            vec![
                case("om-issuer", 2, &["whoami"]),
                case("om-wallet", 2, &["did"]),
            ],
        ),
        (
            "empty OM_PASSPHRASE",
            2,
            vec![
                issue_no_passphrase,
                Case {
                    tool: "om-wallet",
                    who: 1,
                    args: vec!["backup".into(), p("backup.age")],
                    env: vec![("OM_PASSPHRASE", "")],
                },
            ],
        ),
    ];

    let mut wrong = Vec::new();
    for (situation, expected, cases) in &table {
        for c in cases {
            let mut cmd = people[c.who].cmd(c.tool);
            for (k, v) in &c.env {
                cmd.env(k, v);
            }
            let out = cmd.args(&c.args).output().unwrap();
            let code = out.status.code();
            if code != Some(*expected) {
                wrong.push(format!(
                    "{situation}: {} {:?} exited {code:?}, expected {expected}\n{}",
                    c.tool,
                    c.args,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            if *expected == 2 && !c.args.iter().any(|a| a.starts_with("--")) {
                // Errors say what to do.
                let err = String::from_utf8_lossy(&out.stderr);
                if !err.contains("hint:") && c.tool != "om-verifier" {
                    wrong.push(format!("{situation}: {} printed no hint:\n{err}", c.tool));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
