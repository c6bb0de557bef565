//! `whoami`, `profile`, `export-did`.

use anyhow::Result;
use om_identity::LockedIdentity;

use crate::cli::ProfileArgs;
use crate::context::Home;

fn print_identity(id: &LockedIdentity, qr: bool) -> Result<()> {
    println!("DID:          {}", id.did);
    println!("Name:         {}", id.profile.name);
    for (label, v) in [
        ("Web page:", &id.profile.url),
        ("Email:", &id.profile.email),
        ("About:", &id.profile.description),
        ("Picture:", &id.profile.image),
        ("Status list:", &id.status_list_url),
    ] {
        if let Some(v) = v {
            println!("{label:<13} {v}");
        }
    }
    println!("Created:      {}", id.created);
    if qr {
        println!("\n{}", om_cli::qr::terminal(&id.did)?);
    }
    Ok(())
}

/// `whoami`: shows the identity.
pub fn show(home: &Home, no_qr: bool) -> Result<()> {
    print_identity(&home.load()?, !no_qr)
}

/// `profile`: updates the profile with what was given, then shows it.
pub fn update(home: &Home, a: ProfileArgs) -> Result<()> {
    let mut id = home.load()?;
    let mut changed = false;
    let opt = |v: String| {
        let t = v.trim().to_string();
        (!t.is_empty()).then_some(t)
    };
    if let Some(n) = a.name {
        if n.trim().is_empty() {
            anyhow::bail!("the name cannot be empty");
        }
        id.profile.name = n.trim().to_string();
        changed = true;
    }
    for (field, value) in [
        (&mut id.profile.url, a.url),
        (&mut id.profile.email, a.email),
        (&mut id.profile.description, a.description),
        (&mut id.profile.image, a.image),
    ] {
        if let Some(v) = value {
            *field = opt(v);
            changed = true;
        }
    }
    if let Some(u) = a.status_url {
        let u = opt(u);
        if let Some(u) = &u {
            super::init::check_url(u)?;
        }
        id.status_list_url = u;
        changed = true;
    }
    if let Some(service_url) = a.status_service {
        let url = super::publish::service_list_url(&service_url, &id.did)?;
        println!("Your status list URL is now {url}; publish your list there with: om-issuer status-list --publish {service_url}");
        id.status_list_url = Some(url);
        changed = true;
    }
    if changed {
        home.store.save(&id)?;
        println!("Profile updated.\n");
    }
    print_identity(&id, !changed && !a.no_qr)
}

/// `export-did`: prints the DID document.
pub fn export_did(home: &Home) -> Result<()> {
    let doc = home.load()?.did_document()?;
    println!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}
