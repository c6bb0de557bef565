//! `team confirm`: a team's organiser confirms a participant or a co-mentor.
//! (`team withdraw` is `revoke` on the team's own status list.)

use anyhow::Result;
use chrono::{Duration, Utc};
use om_core::confirmation::{ConfirmationDraft, ConfirmedRole};
use om_core::letter::new_credential_id;

use crate::cli::{ConfirmArgs, ConfirmedRoleArg};
use crate::commands::endorse::check_recipient;
use crate::context::{absolute, Home};
use crate::log::NewRecord;
use crate::util::parse_valid_until;
use om_cli::output::write_output;

/// Signs one confirmation and writes it.
pub fn confirm(home: &Home, a: ConfirmArgs) -> Result<()> {
    let team = home.load()?;
    let did = a.did.trim().to_string();
    check_recipient(&did, &team.did)?;
    let role = match a.role {
        ConfirmedRoleArg::Participant => ConfirmedRole::Participant,
        ConfirmedRoleArg::CoMentor => ConfirmedRole::CoMentor,
    };
    let mentor_of = match (role, &a.of, &a.of_name) {
        (ConfirmedRole::CoMentor, Some(of), Some(name)) => {
            Some((of.trim().to_string(), name.trim().to_string()))
        }
        _ => None,
    };
    let now = Utc::now();
    let valid_until = match a.until.as_deref() {
        Some(d) => parse_valid_until(d)?,
        None => now + Duration::days(365),
    };
    let mut profile = team.profile.clone();
    profile.endorsement.clear(); // a team's own confirmations do not travel in others'
    let draft = ConfirmationDraft {
        id: new_credential_id(),
        team: profile,
        subject_id: did.clone(),
        subject_name: a.name.trim().to_string(),
        role,
        mentor_of,
        valid_from: now,
        valid_until,
        status: None,
    };
    draft.to_credential()?; // refuse a bad draft before asking for the passphrase
    let signer = home.unlock()?;
    let mut log = home.log()?;
    let record = NewRecord {
        id: draft.id.clone(),
        kind: "confirmation",
        subject_did: did,
        subject_name: Some(draft.subject_name.clone()),
        role: Some(role.as_str().to_string()),
        issued_at: om_core::credential::format_date(&draft.valid_from),
    };
    let signed = signer.issue(&mut log, &record, a.suite.into(), |status| {
        let mut d = draft.clone();
        d.status = status;
        Ok(d.to_credential()?)
    })?;
    a.suite.warn_where_unverifiable();
    write_output(a.out.as_deref(), &signed.bytes)?;
    if let Some(p) = &a.out {
        log.set_file(&signed.id, &absolute(p))?;
        eprintln!("Signed: {}", draft.sentence());
        eprintln!("Wrote it to {}; id {}", p.display(), signed.id);
        eprintln!(
            "Valid until {}. Hand the file to {}: they add it with `om-issuer confirmations add FILE`.",
            draft.valid_until.format("%Y-%m-%d"),
            draft.subject_name
        );
        match signed.status_index {
            Some(i) => eprintln!(
                "Withdrawable: yes (status list index {i}; om-issuer team withdraw {})",
                signed.id
            ),
            None => eprintln!(
                "Withdrawable: no (your profile has no status list URL): it counts until it expires"
            ),
        }
    }
    Ok(())
}
