//! The command line: every subcommand, its options and its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const MAIN_EXAMPLES: &str = "\
Examples:
  om-issuer init --name \"Ana Mentor\"                 create your signing identity once
  om-issuer whoami                                   show your DID (give it to participants)
  om-issuer endorse --to did:key:z6Mk... --name \"Bo Learner\" --role mentor --letter letter.md --out bo.json
  om-issuer batch --csv cohort.csv --out-dir signed/
  om-issuer revoke urn:uuid:...                      withdraw a letter (needs a status list URL)

The passphrase is read from --passphrase-file, else from the OM_PASSPHRASE
environment variable, else asked for when you run the tool in a terminal.";

/// Sign letters of endorsement and badges for Open Masters participants.
///
/// Letters are W3C Verifiable Credentials (Open Badges 3.0 EndorsementCredential
/// by default) signed with your own key. Anyone can check them offline.
#[derive(Debug, Parser)]
#[command(name = "om-issuer", version, after_help = MAIN_EXAMPLES, propagate_version = true)]
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
    /// Create your signing identity (a key protected by a passphrase).
    #[command(after_help = "\
Examples:
  om-issuer init --name \"Ana Mentor\" --email ana@example.org
  om-issuer init --name \"P2PU\" --did-web p2pu.org --status-url https://p2pu.org/om/status.json
  om-issuer init --name \"Ana Mentor\" --status-service https://verify.example.org

The key is encrypted with your passphrase. Keep the passphrase safe: without
it nothing can be signed, and nobody can recover it for you.")]
    Init(InitArgs),

    /// Show your DID and profile, with a QR code of the DID.
    #[command(after_help = "\
Example:
  om-issuer whoami            show your DID, name and profile, and a QR code
  om-issuer whoami --no-qr    the same without the QR code")]
    Whoami(ShowArgs),

    /// Show or change your public profile (name, web page, status list URL...).
    #[command(after_help = "\
Examples:
  om-issuer profile                                     show it
  om-issuer profile --url https://ana.example.org       change your web page
  om-issuer profile --status-url https://ana.example.org/status.json
  om-issuer profile --status-service https://verify.example.org  (status list hosted by that service)

Changes apply to what you sign from now on; letters already signed keep what
they say.")]
    Profile(ProfileArgs),

    /// Print your DID document (JSON), e.g. to publish a did:web.
    #[command(after_help = "\
Example:
  om-issuer export-did > did.json")]
    ExportDid,

    /// Sign a letter of endorsement for a participant.
    #[command(after_help = "\
Examples:
  om-issuer endorse --to did:key:z6Mk... --name \"Bo Learner\" --role mentor --letter letter.md -o bo.json
  cat letter.md | om-issuer endorse --to did:key:z6Mk... --name \"Bo Learner\" --role peer > bo.json
  om-issuer endorse --to did:key:z6Mk... --name \"Bo Learner\" --role mentor     (opens your $EDITOR)
  om-issuer endorse --to did:key:z6Mk... --name \"Bo\" --role peer --deliver https://verify.example
  om-issuer endorse --request 'https://verify.example.org/request#req=...' --letter letter.md

The letter text may use Markdown. The signed letter is checked before it is
written: if the check fails, nothing is written.

--deliver uploads the signed letter to a service and prints a link and QR
code for the participant (also --png/--svg): the one-step link, which the
Learner Credential Wallet and om-wallet receive follow, and then the
interaction link for other VC-API wallets. The service releases the letter only
to the holder of its subject DID, once, within --deliver-days. --request reads a participant's
signed request (their DID, name, the role asked for and the service) and delivers
through that service.")]
    Endorse(EndorseArgs),

    /// Withdraw a delivered letter that nobody has received yet.
    #[command(after_help = "\
Example:
  om-issuer withdraw https://verify.example.org/exchanges/AbC...

The withdrawal token was kept in your home folder when the letter was delivered.")]
    Withdraw(WithdrawArgs),

    /// Sign an Open Badges 3.0 badge (achievement) for a participant.
    #[command(after_help = "\
Examples:
  om-issuer badge --to did:key:z6Mk... --name \"Bo Learner\" --achievement \"Open Masters\" \\
      --description \"Completed the Open Masters programme\" --criteria \"Three letters, one from a mentor\" --out bo-badge.json
  om-issuer badge ... --bake badge.png --baked-out bo-badge.png    (put the badge inside a PNG or SVG image)")]
    Badge(BadgeArgs),

    /// Sign one letter (or badge) per row of a spreadsheet (CSV file).
    #[command(after_help = "\
Example:
  om-issuer batch --csv cohort.csv --out-dir signed/

For letters the CSV needs a header row with the columns
  did,name,role,letter          (and optionally valid_until, as 2030-12-31)
where \"letter\" holds the letter's text. For badges (--kind badge):
  did,name,achievement,description,criteria     (optionally achievement_id)

Your passphrase is asked for once. Rows with problems are listed with their
line number at the end; the other rows are still signed.")]
    Batch(BatchArgs),

    /// Withdraw (revoke) a letter or badge you signed, and write the new status list.
    #[command(after_help = "\
Examples:
  om-issuer revoke urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427
  om-issuer revoke bo.json --out public/status.json
  om-issuer revoke bo.json --publish https://verify.example.org   (upload it to the service)

Revocation works for what was signed while your profile had a status list URL
(set with init --status-url or profile --status-url). Afterwards publish the
written status list at that URL, replacing the old one; with --publish the
service hosting it (see --status-service) receives it and serves it there.")]
    Revoke(RevokeArgs),

    /// Sign and write your current status list (to publish at your status URL).
    #[command(after_help = "\
Example:
  om-issuer status-list --out public/status.json
  om-issuer status-list --publish https://verify.example.org      (upload it to the service)

Run it once after setting a status list URL, and publish the file at that URL.
With --publish, the list is uploaded to the service that hosts your status
list URL (set it with --status-service); the URL is printed. The service keeps it
only if it is signed by you and newer than the one it has.")]
    StatusList(StatusListArgs),

    /// For a team's organiser: confirm that a person is a participant of your
    /// cohort, or a co-mentor of one participant; withdraw a confirmation.
    #[command(subcommand)]
    Team(TeamCommand),

    /// Keep the confirmations your team gave you; they travel with the letters you sign.
    #[command(subcommand)]
    Confirmations(ConfirmationsCommand),

    /// List what you have signed.
    #[command(after_help = "\
Examples:
  om-issuer list
  om-issuer list --json > issued.json")]
    List(ListArgs),

    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    #[command(after_help = "\
Example:
  om-issuer completions bash > ~/.local/share/bash-completion/completions/om-issuer")]
    Completions {
        /// The shell.
        shell: om_cli::completions::Shell,
    },

    /// Print the manual page (roff).
    #[command(
        hide = true,
        after_help = "\
Example:
  om-issuer man > om-issuer.1 && man ./om-issuer.1"
    )]
    Man,
}

/// `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, as participants and employers will see it.
    #[arg(long)]
    pub name: String,
    /// Your web page.
    #[arg(long)]
    pub url: Option<String>,
    /// Your email address (public: it is written into what you sign).
    #[arg(long)]
    pub email: Option<String>,
    /// A sentence about you.
    #[arg(long)]
    pub description: Option<String>,
    /// The web address of a picture of you or your logo.
    #[arg(long, value_name = "URL")]
    pub image: Option<String>,
    /// Use a did:web DID on this domain (for organisations that publish did.json).
    #[arg(long, value_name = "DOMAIN")]
    pub did_web: Option<String>,
    /// Where you will publish your status list (enables revocation).
    #[arg(long, value_name = "URL")]
    pub status_url: Option<String>,
    /// Have this Open Masters service host your status list (enables
    /// revocation): sets the status list URL to SERVICE/status-lists/<your DID>/revocation.
    #[arg(
        long,
        value_name = "SERVICE",
        conflicts_with = "status_url",
        alias = "status-hub"
    )]
    pub status_service: Option<String>,
    /// Replace an existing identity (the old key is lost).
    #[arg(long)]
    pub force: bool,
}

/// `whoami`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Do not draw the QR code.
    #[arg(long)]
    pub no_qr: bool,
}

/// `profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New web page ("" removes it).
    #[arg(long)]
    pub url: Option<String>,
    /// New email ("" removes it).
    #[arg(long)]
    pub email: Option<String>,
    /// New description ("" removes it).
    #[arg(long)]
    pub description: Option<String>,
    /// New picture URL ("" removes it).
    #[arg(long, value_name = "URL")]
    pub image: Option<String>,
    /// New status list URL ("" removes it).
    #[arg(long, value_name = "URL")]
    pub status_url: Option<String>,
    /// Have this Open Masters service host your status list: sets the status
    /// list URL to SERVICE/status-lists/<your DID>/revocation.
    #[arg(
        long,
        value_name = "SERVICE",
        conflicts_with = "status_url",
        alias = "status-hub"
    )]
    pub status_service: Option<String>,
    /// Do not draw the QR code.
    #[arg(long)]
    pub no_qr: bool,
}

/// The role in which you write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// You mentored the participant.
    Mentor,
    /// You are a fellow participant.
    Peer,
}

impl From<RoleArg> for om_core::letter::Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Mentor => Self::Mentor,
            RoleArg::Peer => Self::Peer,
        }
    }
}

/// How a letter is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FormatArg {
    /// Open Badges 3.0 EndorsementCredential.
    #[default]
    Ob3,
    /// Plain W3C Verifiable Credential 2.0.
    Vc,
}

impl From<FormatArg> for om_core::letter::LetterFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Ob3 => Self::Ob3,
            FormatArg::Vc => Self::Vc,
        }
    }
}

/// The signature suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SuiteArg {
    /// RDF canonicalization (what Open Badges 3.0 uses).
    #[default]
    #[value(name = "eddsa-rdfc-2022")]
    Rdfc,
    /// JSON canonicalization.
    #[value(name = "eddsa-jcs-2022")]
    Jcs,
}

impl SuiteArg {
    /// Prints, once per command, what a suite means for the apps people
    /// already use: the Digital Credentials Consortium's verifier-core (in
    /// the Learner Credential Wallet and VerifierPlus) verifies
    /// `eddsa-rdfc-2022` and `Ed25519Signature2020` only, and reports any
    /// other suite as an invalid signature.
    pub fn warn_where_unverifiable(self) {
        if self == Self::Jcs {
            eprintln!(
                "note: signed with eddsa-jcs-2022, which the Learner Credential Wallet and VerifierPlus cannot verify: they report an invalid signature. Keep the default (eddsa-rdfc-2022) for people who use them."
            );
        }
    }
}

impl From<SuiteArg> for om_core::proof::Cryptosuite {
    fn from(s: SuiteArg) -> Self {
        match s {
            SuiteArg::Rdfc => Self::EddsaRdfc2022,
            SuiteArg::Jcs => Self::EddsaJcs2022,
        }
    }
}

/// What a batch signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum KindArg {
    /// Letters of endorsement.
    #[default]
    Letter,
    /// Open Badges.
    Badge,
}

/// `endorse`.
#[derive(Debug, Args)]
pub struct EndorseArgs {
    /// The participant's DID (they can show it with `om-wallet did`).
    #[arg(long, value_name = "DID", required_unless_present = "request")]
    pub to: Option<String>,
    /// The participant's name.
    #[arg(long, required_unless_present = "request")]
    pub name: Option<String>,
    /// The role in which you write.
    #[arg(long, value_enum, required_unless_present = "request")]
    pub role: Option<RoleArg>,
    /// A participant's signed request for a letter (the link from `om-wallet request`):
    /// fills in --to, --name and --role, and delivers through the service it names.
    #[arg(long, value_name = "LINK", conflicts_with_all = ["to", "name"])]
    pub request: Option<String>,
    /// Deliver the signed letter through this service and print a link for the participant.
    #[arg(long, value_name = "URL")]
    pub deliver: Option<String>,
    /// Days the delivered letter waits for the participant (the service may allow fewer).
    #[arg(long, value_name = "DAYS", default_value_t = 14, value_parser = clap::value_parser!(i64).range(1..=365))]
    pub deliver_days: i64,
    /// Also write the delivery link's QR code (the one-step link) as a PNG image.
    #[arg(long, value_name = "FILE")]
    pub png: Option<PathBuf>,
    /// Also write the delivery link's QR code (the one-step link) as an SVG image.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// The file holding the letter's text ("-" reads it from the keyboard or a pipe).
    /// Without it, piped text is read, or your $EDITOR is opened.
    #[arg(long, value_name = "FILE")]
    pub letter: Option<PathBuf>,
    /// Last day the letter is valid (2030-12-31, or a full date-time like 2030-12-31T12:00:00Z).
    #[arg(long, value_name = "DATE")]
    pub valid_until: Option<String>,
    /// Open Badges 3.0 (ob3) or plain Verifiable Credential (vc).
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
    /// The signature suite.
    #[arg(long, value_enum, default_value_t)]
    pub suite: SuiteArg,
    /// Write the signed letter to this file (default: print it).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `withdraw`.
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The delivery's exchange URL (as `endorse --deliver` printed it).
    #[arg(value_name = "EXCHANGE_URL")]
    pub exchange: String,
}

/// `badge`.
#[derive(Debug, Args)]
pub struct BadgeArgs {
    /// The participant's DID.
    #[arg(long, value_name = "DID")]
    pub to: String,
    /// The participant's name (optional on badges).
    #[arg(long)]
    pub name: Option<String>,
    /// The achievement's name, e.g. "Open Masters".
    #[arg(long, value_name = "NAME")]
    pub achievement: String,
    /// What the badge recognises.
    #[arg(long, value_name = "TEXT")]
    pub description: String,
    /// How it is earned.
    #[arg(long, value_name = "TEXT")]
    pub criteria: String,
    /// A URL or URN naming the achievement [default: derived from its name].
    #[arg(long, value_name = "URI")]
    pub achievement_id: Option<String>,
    /// Last day the badge is valid (2030-12-31 or a full date-time).
    #[arg(long, value_name = "DATE")]
    pub valid_until: Option<String>,
    /// The signature suite.
    #[arg(long, value_enum, default_value_t)]
    pub suite: SuiteArg,
    /// Write the signed badge (JSON) to this file (default: print it, unless baking).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Bake the badge into this PNG or SVG image.
    #[arg(long, value_name = "IMAGE", requires = "baked_out")]
    pub bake: Option<PathBuf>,
    /// Where to write the baked image.
    #[arg(long, value_name = "FILE", requires = "bake")]
    pub baked_out: Option<PathBuf>,
}

/// `batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The CSV file, one participant per row, with a header row.
    #[arg(long, value_name = "FILE")]
    pub csv: PathBuf,
    /// Where to write the signed files [default: "<csv name>-signed" next to the CSV].
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Letters or badges.
    #[arg(long, value_enum, default_value_t)]
    pub kind: KindArg,
    /// The role for rows without a "role" column value.
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// Letter encoding.
    #[arg(long, value_enum, default_value_t)]
    pub format: FormatArg,
    /// The signature suite.
    #[arg(long, value_enum, default_value_t)]
    pub suite: SuiteArg,
}

/// `revoke`.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The credential's id (urn:uuid:...) or a file holding it (JSON, PNG or SVG).
    #[arg(value_name = "ID|FILE")]
    pub target: String,
    /// Where to write the new status list [default: <home>/status-list.json].
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The signature suite of the status list.
    #[arg(long, value_enum, default_value_t)]
    pub suite: SuiteArg,
    /// Make the signed list expire after this many days, so that an old list
    /// cannot be replayed by whoever hosts it; you must then publish a fresh one
    /// (`om-issuer status-list`) before it expires, or verifiers will report the
    /// status of your letters as unknown.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub valid_days: Option<u32>,
    /// Upload the signed list to the Open Masters service at SERVICE, which
    /// hosts your status list URL (see `profile --status-service`).
    #[arg(long, value_name = "SERVICE")]
    pub publish: Option<String>,
}

/// `status-list`.
#[derive(Debug, Args)]
pub struct StatusListArgs {
    /// Where to write it [default: <home>/status-list.json].
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The signature suite.
    #[arg(long, value_enum, default_value_t)]
    pub suite: SuiteArg,
    /// Make the signed list expire after this many days, so that an old list
    /// cannot be replayed by whoever hosts it; you must then publish a fresh one
    /// (`om-issuer status-list`) before it expires, or verifiers will report the
    /// status of your letters as unknown.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub valid_days: Option<u32>,
    /// Upload the signed list to the Open Masters service at SERVICE, which
    /// hosts your status list URL (see `profile --status-service`).
    #[arg(long, value_name = "SERVICE")]
    pub publish: Option<String>,
}

/// `team …`: what a team's organiser does.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Sign a confirmation: this DID is a participant of your cohort, or a
    /// co-mentor of one participant. Hand the file to the person it is about.
    #[command(after_help = "\
Examples:
  om-issuer team confirm --did did:key:z6MkPat... --name \"Pat Nguyen\" --as participant -o pat.json
  om-issuer team confirm --did did:key:z6MkMaria... --name \"Maria Okafor\" --as co-mentor \\
      --of did:key:z6MkAna... --of-name \"Ana Lima\" --until 2027-06-30 -o maria-for-ana.json

The person adds it with `om-issuer confirmations add FILE`; from then on the
letters they sign carry it, and verifiers that trust your team count them.
With a status list URL in your profile (init --status-service or --status-url) the
confirmation can be withdrawn later with `om-issuer team withdraw`; without one
it counts only until it expires.")]
    Confirm(ConfirmArgs),

    /// Withdraw a confirmation you signed (through your status list).
    #[command(after_help = "\
Examples:
  om-issuer team withdraw urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427 --publish https://verify.example.org
  om-issuer team withdraw maria-for-ana.json

Letters carrying a withdrawn confirmation stop counting everywhere, whatever
their date (a writer chooses the date of their letter, so a date cannot be
trusted to tell letters written before the withdrawal).")]
    Withdraw(RevokeArgs),
}

/// What a team confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfirmedRoleArg {
    /// A participant of your cohort (their letters count as peer letters).
    Participant,
    /// A co-mentor of one participant (named with --of).
    CoMentor,
}

/// `team confirm`.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// The DID of the person you confirm.
    #[arg(long, value_name = "DID")]
    pub did: String,
    /// Their name.
    #[arg(long)]
    pub name: String,
    /// What you confirm.
    #[arg(long = "as", value_enum, value_name = "ROLE")]
    pub role: ConfirmedRoleArg,
    /// For a co-mentor: the DID of the participant they mentor.
    #[arg(long, value_name = "DID", required_if_eq("role", "co-mentor"))]
    pub of: Option<String>,
    /// For a co-mentor: the participant's name.
    #[arg(long, value_name = "NAME", required_if_eq("role", "co-mentor"))]
    pub of_name: Option<String>,
    /// Last day the confirmation holds (2027-06-30) [default: one year from today].
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// The signature suite.
    #[arg(long, value_enum, default_value_t)]
    pub suite: SuiteArg,
    /// Write the signed confirmation to this file (default: print it).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `confirmations …`: what a writer does with the confirmations they receive.
#[derive(Debug, Subcommand)]
pub enum ConfirmationsCommand {
    /// Keep a confirmation (checked first: signed by its team, about you).
    #[command(after_help = "\
Example:
  om-issuer confirmations add maria-for-ana.json

A participant confirmation travels with every letter you sign; a co-mentor
confirmation only with your letters about the participant it names.")]
    Add {
        /// The confirmation file your team gave you.
        file: PathBuf,
    },
    /// List the confirmations you keep.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// `--status-hub`, the flag's name before the service had one name, still works.
    #[test]
    fn init_takes_status_service_and_its_old_name() {
        for flag in ["--status-service", "--status-hub"] {
            let cli = Cli::try_parse_from([
                "om-issuer",
                "init",
                "--name",
                "Ana",
                flag,
                "https://verify.example",
            ])
            .unwrap_or_else(|e| panic!("{flag}: {e}"));
            match cli.command {
                Command::Init(a) => {
                    assert_eq!(a.status_service.as_deref(), Some("https://verify.example"))
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
