//! `init` and `did`.

use anyhow::Result;
use om_cli::Status;

use om_core::letter::Profile;
use om_identity::NewIdentity;

use crate::cli::InitArgs;
use crate::wallet::Wallet;
use om_cli::passphrase::{read, Confirm};
use om_cli::Hinted;

/// `init`: creates the identity; like `om-issuer init`, refuses to replace an
/// existing one (made by either tool) without `--force`.
pub fn init(w: &Wallet, args: &InitArgs) -> Result<Status> {
    let ids = w.identities();
    if ids.exists() && !args.force {
        return Err(om_identity::Error::IdentityExists {
            home: w.home().display().to_string(),
        }
        .into());
    }
    let Some(name) = args
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return Err(Hinted::new(
            "a name is needed to create your identity",
            "om-wallet init --name \"Your Name\"",
        )
        .into());
    };
    let pass = read(w.passphrase_file(), Confirm::Twice, "protect your new key")?;
    let made = ids.create(
        NewIdentity {
            profile: Profile {
                name: name.to_string(),
                email: args.email.clone(),
                url: args.url.clone(),
                ..Default::default()
            },
            ..Default::default()
        },
        &pass,
        args.force,
    )?;
    crate::store::Store::open_home(w.home())?;
    println!("Created your identity in {}.", w.home().display());
    println!("Name: {}", made.public.profile.name);
    println!("DID:  {}", made.public.did);
    println!("Give this DID to your mentor and peers so they can write you a letter (`om-wallet did` shows it as a QR code).");
    Ok(Status::Holds)
}

/// `did`: prints the DID and its QR code.
pub fn did(w: &Wallet, no_qr: bool) -> Result<Status> {
    let me = w.holder()?;
    println!("{}", me.did);
    if !no_qr {
        println!("{}", om_cli::qr::terminal(&me.did)?);
    }
    Ok(Status::Holds)
}
