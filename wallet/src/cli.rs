//! The command line: subcommands, options and help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  om-wallet init --name \"Ada Lovelace\"     create your identity (once)
  om-wallet did                            show your DID to give to a mentor
  om-wallet import letter-from-grace.json  keep a letter you received
  om-wallet list                           see your letters
  om-wallet check                          have you completed the Open Masters?
  om-wallet share --verifier https://verify.example.org
                                           make a link and QR code for an employer
  om-wallet request --role mentor --service https://verify.example.org
                                           ask someone for a letter (a signed link)
  om-wallet receive 'https://lcw.app/request.html?...'
                                           receive a letter sent to you (the link or QR code)
  om-wallet present --to https://verify.example.org/interactions/...
                                           answer an employer's request

Your identity and letters live in one folder shared with om-issuer: $OM_HOME,
or --home DIR. The passphrase comes from --passphrase-file FILE, the variable
OM_PASSPHRASE, or a prompt.";

/// Keep your Open Masters letters of endorsement, check the programme rule,
/// and share them with an employer.
#[derive(Debug, Parser)]
#[command(name = "om-wallet", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The home folder and the passphrase file.
    #[command(flatten)]
    pub home: om_cli::home::HomeArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create your identity (a key protected by a passphrase).
    #[command(
        after_help = "Example:\n  om-wallet init --name \"Ada Lovelace\"\n\nThe identity is shared with om-issuer: if you already made one there (or here), init\nrefuses to make another and `om-wallet did` shows it; --force replaces it."
    )]
    Init(InitArgs),
    /// Show your DID (and its QR code) so that a mentor can write you a letter.
    #[command(after_help = "Example:\n  om-wallet did")]
    Did {
        /// Do not draw the QR code.
        #[arg(long)]
        no_qr: bool,
    },
    /// Add letters or badges you received (after checking them).
    #[command(
        after_help = "Examples:\n  om-wallet import letter.json\n  om-wallet import badge.png\n  om-wallet import https://example.org/letters/123.json\n  cat letter.json | om-wallet import -\n\nAccepted: a credential, a JSON array of them, a presentation, or a baked Open Badges PNG/SVG.\nExit status: 0 when everything was imported (or already there), 1 when something was refused,\n2 when a source could not be read."
    )]
    Import {
        /// Files, URLs, or - for standard input.
        #[arg(required = true, value_name = "FILE|URL|-")]
        sources: Vec<String>,
        /// One JSON line per credential instead of sentences.
        #[arg(long)]
        json: bool,
    },
    /// List your letters and badges.
    #[command(
        after_help = "Examples:\n  om-wallet list\n  om-wallet list --check-status   (also asks the endorsers whether a letter was revoked)"
    )]
    List {
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also check revocation online.
        #[arg(long)]
        check_status: bool,
    },
    /// Read one letter and its checks.
    #[command(
        after_help = "Example:\n  om-wallet show 3f2a   (the first characters of the id, as `list` shows them)"
    )]
    Show {
        /// The id, or its first characters.
        id: String,
        /// The verification report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a letter from the wallet.
    #[command(after_help = "Example:\n  om-wallet remove 3f2a")]
    Remove {
        /// The id, or its first characters.
        id: String,
    },
    /// Write a letter exactly as you received it (or all of them as a JSON array).
    #[command(
        after_help = "Examples:\n  om-wallet export 3f2a --out letter.json\n  om-wallet export --all --out all-letters.json"
    )]
    Export {
        /// The id, or its first characters.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Every credential, as a JSON array.
        #[arg(long)]
        all: bool,
        /// Write here instead of the screen.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check every letter again and tell whether you completed the Open Masters.
    #[command(
        after_help = "Example:\n  om-wallet check --trust did:web:openmasters.example.org\n\nThe rule: at least two letters, from two different people, at least one from a mentor.\nA letter counts only when a team you trust confirms its writer: as your co-mentor\n(for the mentor letter), or as a participant. Teams confirm with `om-issuer team confirm`;\nthe confirmation travels inside the writer's letters.\nExit status: 0 when complete, 1 when not, 2 when it cannot tell yet (a letter could not be\nfully checked), 3 when your letters meet the rule only on their writers' own word."
    )]
    Check {
        /// JSON instead of sentences.
        #[arg(long)]
        json: bool,
        /// A team you trust to confirm who your writers are (its DID; repeat
        /// for several; also OM_TRUST, comma-separated).
        #[arg(
            long = "trust",
            value_name = "DID",
            env = "OM_TRUST",
            value_delimiter = ','
        )]
        trust: Vec<String>,
    },
    /// Sign a presentation of your letters for a verifier.
    #[command(
        after_help = "Examples:\n  om-wallet present --out for-employer.json\n  om-wallet present 3f2a 9c1d --challenge 1234 --domain https://jobs.example.org\n  om-wallet present --to 'https://verify.example.org/interactions/AbC...?iuv=1'\n\nWith --to, the presentation answers an employer's request (the QR code on their\n\"ask for letters\" page): it holds only the letters the request asks for, is signed for\nthat request and for the host it is sent to, and goes only to the link's own host. The\nletters and that host are printed, and you are asked to confirm (--yes for scripts).\nA request whose domain is not that host, or a link that hands the exchange to another\nhost, is refused before anything is signed."
    )]
    Present(PresentArgs),
    /// Receive a letter an endorser sent you (a link or QR code from them).
    #[command(
        after_help = "Examples:\n  om-wallet receive 'https://lcw.app/request.html?issuer=...&challenge=...&vc_request_url=...'\n  om-wallet receive 'https://verify.example.org/interactions/AbC...?iuv=1'\n  om-wallet receive 'https://lcw.app/request?request=...'\n\nYour wallet proves to the service that you hold the DID the letter is about (it signs a\npresentation for the service's challenge and its own host), then checks the letter and stores\nit as import does. A request signed for another host than the link's is refused. With a\none-step link (what the mentor's QR code holds), the service is its vc_request_url: the\nanswer is signed for that host only, and a link without a challenge, with an auth_type\nother than bearer, or with a vc_request_url that is not http(s) is refused.\nExit status: 0 when stored, 1 when the letter was refused, 2 when it could not be received."
    )]
    Receive {
        /// The link (https://…/interactions/…, interaction:https://…, or a wallet invitation).
        link: String,
        /// One JSON line per credential instead of sentences.
        #[arg(long)]
        json: bool,
    },
    /// Ask a mentor or peer for a letter: a link and QR code you sign.
    #[command(
        after_help = "Example:\n  om-wallet request --role mentor --service https://verify.example.org --png request.png\n\nThe link carries your DID, your name, the role you ask for, the service that will hold\nthe letter for you, and an expiry, all signed with your key. The endorser runs\n  om-issuer endorse --request '<link>'"
    )]
    Request(RequestArgs),
    /// Share your letters with an employer as a link and a QR code.
    #[command(
        after_help = "Examples:\n  om-wallet share --verifier https://verify.example.org --png qr.png\n  om-wallet share 3f2a --verifier https://verify.example.org --inline\n  om-wallet share --verifier https://verify.example.org --pdf letters.pdf --paper letter\n\nThe PDF is for an employer who reads on paper: a cover with your name, the verdict of your\nwallet's own check (trusting the teams of --trust), the QR code and link of the live check,\nthen each letter in full. The paper proves nothing by itself; the QR code does.\n\nLink mode (the default) uploads a signed presentation to the verifier and prints a short link you can withdraw with `unshare`.\nInline mode puts the whole presentation in the link: nothing is uploaded, but the link is long."
    )]
    Share(ShareArgs),
    /// Withdraw a share link.
    #[command(after_help = "Example:\n  om-wallet unshare https://verify.example.org/s/AbC...")]
    Unshare {
        /// The share id or its URL.
        id_or_url: String,
    },
    /// List your share links.
    #[command(after_help = "Example:\n  om-wallet shares")]
    Shares {
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Save your identity and letters in one encrypted file.
    #[command(
        after_help = "Example:\n  om-wallet backup ~/om-wallet-backup.age\n\nThe file is encrypted with your passphrase: keep both safe."
    )]
    Backup {
        /// Where to write the backup.
        file: PathBuf,
    },
    /// Bring back a backup (into an empty home, or with --force).
    #[command(
        after_help = "Example:\n  om-wallet --home ~/new-home restore ~/om-wallet-backup.age"
    )]
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Replace an existing identity.
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Example:\n  om-wallet completions bash > ~/.local/share/bash-completion/completions/om-wallet"
    )]
    Completions {
        /// The shell.
        shell: om_cli::completions::Shell,
    },
    /// Print the manual page (roff).
    #[command(
        hide = true,
        after_help = "Example:\n  om-wallet man > om-wallet.1 && man ./om-wallet.1"
    )]
    Man,
}

/// `init` options.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name as endorsers and employers will see it (needed the first time).
    #[arg(long)]
    pub name: Option<String>,
    /// Your email address (optional).
    #[arg(long)]
    pub email: Option<String>,
    /// Your web page (optional).
    #[arg(long)]
    pub url: Option<String>,
    /// Replace an existing identity (the old key, and what it signed, stop being yours).
    #[arg(long)]
    pub force: bool,
}

/// `present` options.
#[derive(Debug, Args)]
pub struct PresentArgs {
    /// Which credentials (ids or their first characters); default: all letters.
    pub ids: Vec<String>,
    /// The verifier's challenge.
    #[arg(long, conflicts_with = "to")]
    pub challenge: Option<String>,
    /// The verifier's domain.
    #[arg(long, conflicts_with = "to")]
    pub domain: Option<String>,
    /// Answer an employer's request: its link (the challenge and domain come from it).
    #[arg(long, value_name = "LINK")]
    pub to: Option<String>,
    /// With --to: send without asking (scripts); the letters and the host are still printed.
    #[arg(long, requires = "to")]
    pub yes: bool,
    /// The cryptosuite: eddsa-rdfc-2022 or eddsa-jcs-2022.
    #[arg(long, default_value = "eddsa-rdfc-2022")]
    pub suite: String,
    /// Write here instead of the screen.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `request` options.
#[derive(Debug, Args)]
pub struct RequestArgs {
    /// The role you ask the endorser to write in.
    #[arg(long, value_parser = ["mentor", "peer"])]
    pub role: String,
    /// The service that will hold the letter until you receive it.
    #[arg(long, value_name = "URL", alias = "hub")]
    pub service: String,
    /// Your name as the letter should give it [default: your identity's name].
    #[arg(long)]
    pub name: Option<String>,
    /// Days the request stays valid.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=365))]
    pub days: i64,
    /// Also write the QR code as a PNG image.
    #[arg(long, value_name = "FILE")]
    pub png: Option<std::path::PathBuf>,
    /// Also write the QR code as an SVG image.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
    /// JSON (the link and the signed request) instead of the QR code.
    #[arg(long)]
    pub json: bool,
}

/// `share` options.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// Which credentials (ids or their first characters); default: all letters.
    pub ids: Vec<String>,
    /// The verifier's address, e.g. https://verify.example.org.
    #[arg(long, value_name = "URL")]
    pub verifier: String,
    /// Put the presentation in the link itself (nothing uploaded).
    #[arg(long)]
    pub inline: bool,
    /// Also write the QR code as a PNG image.
    #[arg(long, value_name = "FILE")]
    pub png: Option<PathBuf>,
    /// Also write the QR code as an SVG image.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Also write the letters as a PDF: your name, your wallet's check, the QR
    /// code and link, then each letter in full.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// The PDF's paper: a4 or letter (US Letter).
    #[arg(
        long,
        value_enum,
        default_value_t = crate::pdf::Paper::A4,
        requires = "pdf",
        hide_possible_values = true
    )]
    pub paper: crate::pdf::Paper,
    /// With --pdf: a team you trust to confirm who your writers are (its DID;
    /// repeat for several; also OM_TRUST, comma-separated).
    #[arg(
        long = "trust",
        value_name = "DID",
        env = "OM_TRUST",
        value_delimiter = ','
    )]
    pub trust: Vec<String>,
    /// JSON instead of sentences and the QR code.
    #[arg(long)]
    pub json: bool,
    /// The cryptosuite: eddsa-rdfc-2022 or eddsa-jcs-2022.
    #[arg(long, default_value = "eddsa-rdfc-2022")]
    pub suite: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// `--hub`, the flag's name before the service had one name, still works.
    #[test]
    fn request_takes_service_and_its_old_name() {
        for flag in ["--service", "--hub"] {
            let cli = Cli::try_parse_from([
                "om-wallet",
                "request",
                "--role",
                "mentor",
                flag,
                "https://verify.example",
            ])
            .unwrap_or_else(|e| panic!("{flag}: {e}"));
            match cli.command {
                Command::Request(a) => assert_eq!(a.service, "https://verify.example"),
                other => panic!("{other:?}"),
            }
        }
    }
}
