//! `init`: create the signing identity.

use anyhow::{Context, Result};
use om_core::letter::Profile;
use om_core::low_level::fsutil::{write_atomic, Visibility};
use om_identity::NewIdentity;

use crate::cli::InitArgs;
use crate::context::Home;
use om_cli::hinted;

/// Creates the identity (and `did.json` for did:web).
pub fn run(home: &Home, a: InitArgs) -> Result<()> {
    if a.name.trim().is_empty() {
        return Err(hinted(
            "the name is empty",
            "give the name people know you by: --name \"Ana Mentor\"",
        ));
    }
    if home.store.exists() && !a.force {
        return Err(om_identity::Error::IdentityExists {
            home: home.dir.display().to_string(),
        }
        .into());
    }
    if let Some(url) = &a.status_url {
        check_url(url)?;
    }
    if let Some(service_url) = &a.status_service {
        super::publish::service_base(service_url)?;
    }
    let pass = home.passphrase(true)?;
    let new = NewIdentity {
        profile: Profile {
            id: String::new(),
            name: a.name.trim().to_string(),
            url: a.url,
            email: a.email,
            description: a.description,
            image: a.image,
            endorsement: vec![],
        },
        did_web: a.did_web,
        status_list_url: a.status_url,
    };
    let made = home
        .store
        .create(new, &pass, a.force)
        .context("cannot create the identity")?;
    let mut public = made.public.clone();
    if let Some(service_url) = &a.status_service {
        public.status_list_url = Some(super::publish::service_list_url(service_url, &public.did)?);
        home.store.save(&public)?;
    }
    let public = &public;
    println!("Created your identity in {}", home.dir.display());
    println!("DID: {}", public.did);
    if public.did.starts_with("did:web:") {
        let doc = serde_json::to_vec_pretty(&public.did_document()?)?;
        let path = home.dir.join("did.json");
        write_atomic(&path, &doc, Visibility::Shared)?;
        println!(
            "Publish {} at {} so that others can find your key.",
            path.display(),
            om_core::did::did_web_url(&public.did)?
        );
    }
    if let Some(url) = &public.status_list_url {
        match &a.status_service {
            Some(service_url) => println!(
                "Revocation is on: your status list URL is {url}; run `om-issuer status-list --publish {service_url}` to put the first list there."
            ),
            None => println!(
                "Revocation is on: run `om-issuer status-list` and publish the file at {url}."
            ),
        }
    }
    println!("Keep your passphrase safe: it cannot be recovered.");
    Ok(())
}

/// Refuses status list URLs that are not http(s).
pub fn check_url(url: &str) -> Result<()> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(())
    } else {
        Err(hinted(
            format!("{url:?} is not a web address"),
            "a status list URL looks like https://example.org/status.json",
        ))
    }
}
