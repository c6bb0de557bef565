//! `init` and `did`.

use anyhow::Result;

use om_core::identity::NewIdentity;
use om_core::letter::Profile;

use crate::cli::InitArgs;
use crate::error::UserError;
use crate::wallet::Wallet;

/// `init`: creates the identity if missing, reuses it if present.
pub fn init(w: &Wallet, args: &InitArgs) -> Result<i32> {
    let ids = w.identities();
    if ids.exists() {
        let me = ids.load()?;
        println!(
            "Your identity already exists in {}, and is reused.",
            w.home().display()
        );
        println!("Name: {}", me.profile.name);
        println!("DID:  {}", me.did);
        if args.name.is_some() {
            eprintln!("note: --name was ignored (the identity is kept as it is)");
        }
        return Ok(0);
    }
    let Some(name) = args
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return Err(UserError::new(
            "there is no identity yet, and a name is needed to create one",
            "om-wallet init --name \"Your Name\"",
        )
        .into());
    };
    let pass = crate::passphrase::get(w.passphrase_file(), true, "protect your new key")?;
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
        false,
    )?;
    crate::store::Store::open_home(w.home())?;
    println!("Created your identity in {}.", w.home().display());
    println!("Name: {}", made.public.profile.name);
    println!("DID:  {}", made.public.did);
    println!("Give this DID to your mentor and peers so they can write you a letter (`om-wallet did` shows it as a QR code).");
    Ok(0)
}

/// `did`: prints the DID and its QR code.
pub fn did(w: &Wallet, no_qr: bool) -> Result<i32> {
    let me = w.holder()?;
    println!("{}", me.did);
    if !no_qr {
        println!("{}", crate::qr::terminal(&me.did)?);
    }
    Ok(0)
}
