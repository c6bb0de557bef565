//! The command line: `serve`, `verify`, and hidden benchmark helpers.

pub mod bench;
pub mod demo;
pub mod files;
pub mod text;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use om_cli::Status;
use om_core::confirmation::TrustedTeams;
use om_core::fetch::FetchPolicy;
use om_core::rule::RuleParams;
use om_core::verify::PresentationOptions;
use serde_json::Value;

use crate::cli::files::verify_files;
use crate::http::connections::{default_max_connections, open_file_limit, ConnectionLimits};
use crate::http::limits::Limits;
use crate::http::serve::serve;
use crate::http::state::AppState;
use crate::store::{Store, StoreOptions};
use crate::verify::engine::Engine;

/// Check Open Masters letters of endorsement and presentations.
#[derive(Debug, Parser)]
#[command(name = "om-verifier", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Settings shared by `serve` and `verify`.
#[derive(Debug, Args, Clone)]
pub struct Common {
    /// A team you trust to confirm who writers are (its DID; repeat for
    /// several; also OM_TRUST, comma-separated). A letter counts towards the
    /// Open Masters only when a trusted team confirms its writer as a co-mentor
    /// of the participant or as a participant. With no team trusted, no letter
    /// counts, and every verdict says so.
    #[arg(
        long = "trust",
        value_name = "DID",
        env = "OM_TRUST",
        value_delimiter = ','
    )]
    pub trust: Vec<String>,
    /// Hosts whose public links (the Learner Credential Wallet's VerifierPlus
    /// links, pasted on the page or sent as `link`) this verifier fetches
    /// (`host` or `host:port`, comma-separated; an empty value: none).
    #[arg(
        long,
        value_name = "HOSTS",
        value_delimiter = ',',
        default_value = "verifierplus.org,storage.dcc.did.coop"
    )]
    pub shared_link_hosts: Vec<String>,
    /// Allow fetching status lists over http and from private/loopback
    /// addresses (tests and local setups only); also set by OM_ALLOW_LOCAL_FETCH=1.
    #[arg(long)]
    pub allow_local_fetch: bool,
    /// Programme rule: how many different endorsers are needed.
    #[arg(long, default_value_t = 2)]
    pub min_endorsers: usize,
    /// Programme rule: how many of them must be mentors.
    #[arg(long, default_value_t = 1)]
    pub min_mentors: usize,
    /// Most distinct documents (status lists, did:web documents) one
    /// verification may fetch; further ones are not fetched.
    #[arg(long, default_value_t = crate::verify::outbound::DEFAULT_FETCHES_PER_REQUEST, value_name = "N")]
    pub fetches_per_request: usize,
    /// Largest status list credential fetched, in KiB.
    #[arg(long, default_value_t = 256, value_name = "KIB")]
    pub max_status_list_kib: usize,
    /// Largest did:web document fetched, in KiB.
    #[arg(long, default_value_t = 64, value_name = "KIB")]
    pub max_did_document_kib: usize,
    /// Most bytes of fetched documents kept in the cache, in MiB.
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    pub fetch_cache_mb: usize,
    /// Most fetched documents kept in the cache.
    #[arg(long, default_value_t = om_core::fetch::DEFAULT_CACHE_MAX_ENTRIES, value_name = "N")]
    pub fetch_cache_entries: usize,
}

/// Limits of the web service (CPU, disk and connections).
#[derive(Debug, Args, Clone)]
pub struct ServeLimits {
    /// Verifications run at once; more are answered 503 with Retry-After
    /// [default: the number of cores].
    #[arg(long, value_name = "N")]
    pub max_concurrent_verifications: Option<usize>,
    /// How long a request waits for a free verification slot before 503, in milliseconds.
    #[arg(long, default_value_t = 250, value_name = "MS")]
    pub queue_wait_ms: u64,
    /// Wall-clock budget of a request, in seconds (then 408).
    #[arg(long, default_value_t = 15, value_name = "SECONDS")]
    pub request_timeout_seconds: u64,
    /// Shares one client address may create per minute (then 429 with Retry-After).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub share_rate: u32,
    /// Shares one client address may create in a burst.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub share_burst: u32,
    /// Live shares one holder may have (then 429).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub max_shares_per_holder: usize,
    /// Largest size of the share database, in MiB (then 507).
    #[arg(long, default_value_t = 512, value_name = "MIB")]
    pub max_store_mb: u64,
    /// Most days a delivered letter waits for its participant (then it is deleted).
    #[arg(long, default_value_t = 14, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(1..=365))]
    pub delivery_days: i64,
    /// Letters one issuer may have waiting for delivery (then 429).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub max_deliveries_per_issuer: usize,
    /// Employers' requests ("ask for letters") one client address may open per minute.
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub check_rate: u32,
    /// Seconds a connection has to send a complete request head (from accept,
    /// or from the first byte of its next request); then it is closed.
    #[arg(long, default_value_t = crate::http::connections::DEFAULT_HEADER_TIMEOUT_SECS, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_secs: u64,
    /// Seconds a connection with no request in flight may stay silent (a
    /// kept-alive connection, a client not reading its answer); then it is closed.
    #[arg(long, default_value_t = crate::http::connections::DEFAULT_IDLE_TIMEOUT_SECS, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_secs: u64,
    /// Connections open at once from one client address (IPv6: its /64); more
    /// are closed at once. Behind a reverse proxy every client has the
    /// proxy's address: raise it, or 0 for no cap.
    #[arg(long, default_value_t = crate::http::connections::DEFAULT_MAX_CONNECTIONS_PER_IP, value_name = "N")]
    pub max_connections_per_ip: usize,
    /// Connections open at once in all; more wait to be accepted [default:
    /// three quarters of the open-file limit, at least 256 descriptors left over].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: Option<u64>,
}

impl ServeLimits {
    /// The limits these flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            concurrent_verifications: self
                .max_concurrent_verifications
                .unwrap_or_else(crate::http::limits::cores),
            queue_wait: Duration::from_millis(self.queue_wait_ms),
            request_timeout: Duration::from_secs(self.request_timeout_seconds.max(1)),
            shares_per_minute: self.share_rate,
            share_burst: self.share_burst,
            shares_per_holder: self.max_shares_per_holder,
            max_store_bytes: self.max_store_mb.saturating_mul(1024 * 1024),
            delivery_days: self.delivery_days,
            deliveries_per_issuer: self.max_deliveries_per_issuer,
            checks_per_minute: self.check_rate,
        }
    }

    /// The connection limits these flags set. Raises the open-file limit to
    /// its hard limit first; the default cap is derived from it.
    pub fn connection_limits(&self) -> ConnectionLimits {
        let fd_limit = open_file_limit();
        let safe = default_max_connections(fd_limit);
        let max_connections = match self.max_connections {
            Some(n) => {
                let n = usize::try_from(n).unwrap_or(usize::MAX);
                if n > safe {
                    tracing::warn!(
                        max_connections = n,
                        open_file_limit = fd_limit,
                        "--max-connections leaves few file descriptors for the database and fetches"
                    );
                }
                n
            }
            None => safe,
        };
        ConnectionLimits {
            header_timeout: Duration::from_secs(self.header_timeout_secs),
            idle_timeout: Duration::from_secs(self.idle_timeout_secs),
            max_per_ip: self.max_connections_per_ip,
            max_connections,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web service.
    #[command(
        after_help = "Examples:\n  om-verifier serve --demo                       # a ready demo: open the printed link\n  om-verifier serve --addr 127.0.0.1:8080 --public-url https://verify.example.org --db /var/lib/om/verifier.sqlite\n  om-verifier serve --trust did:web:openmasters.example.org --trust did:key:z6Mk..."
    )]
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Where share links are kept: a SQLite file (created on first start),
        /// or a PostgreSQL URL (postgres://USER:PASSWORD@HOST/DB) that several
        /// replicas share.
        #[arg(
            long,
            env = "DATABASE_URL",
            hide_env_values = true,
            default_value = "om-verifier.sqlite",
            value_name = "FILE|URL"
        )]
        db: String,
        /// Connections this replica keeps open to PostgreSQL.
        #[arg(long, default_value_t = 16, value_name = "N")]
        db_pool_size: usize,
        /// The public base URL used in share links (default: http://ADDR).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// Lifetime of a share link, in days.
        #[arg(long, default_value_t = 30)]
        share_days: i64,
        /// How long fetched status lists are cached, in seconds.
        #[arg(long, default_value_t = 300)]
        status_cache_seconds: u64,
        /// Also create a demo: a mentor and a peer endorse a participant, whose
        /// presentation is shared; the link and its QR code are printed.
        #[arg(long)]
        demo: bool,
        #[allow(missing_docs)] // clap would print a doc comment as help
        #[command(flatten)]
        common: Common,
        #[allow(missing_docs)]
        #[command(flatten)]
        limits: ServeLimits,
    },
    /// Check credential or presentation files (a folder means every *.json in it).
    #[command(
        after_help = "Examples:\n  om-verifier verify ana-from-maria.json\n  om-verifier verify letters/ --json\n  om-verifier verify presentation.json --challenge 8f2c --domain https://jobs.example"
    )]
    Verify {
        /// Files or folders.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The challenge presentations must carry.
        #[arg(long)]
        challenge: Option<String>,
        /// The domain presentations must be signed for.
        #[arg(long)]
        domain: Option<String>,
        /// Print the reports as JSON.
        #[arg(long)]
        json: bool,
        /// Do not apply the Open Masters rule to presentations.
        #[arg(long)]
        no_rule: bool,
        #[allow(missing_docs)] // clap would print a doc comment as help
        #[command(flatten)]
        common: Common,
    },
    /// Write a request body for POST /presentations/verify (3 letters).
    #[command(hide = true)]
    BenchFixture {
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Verify one presentation request body in a loop; print verifications/s.
    #[command(hide = true)]
    BenchInproc {
        /// A request body as bench-fixture writes it.
        file: PathBuf,
        /// How long to run.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Example:\n  om-verifier completions bash > ~/.local/share/bash-completion/completions/om-verifier"
    )]
    Completions {
        /// The shell.
        shell: om_cli::completions::Shell,
    },
    /// Print the manual page (roff).
    #[command(
        hide = true,
        after_help = "Example:\n  om-verifier man > om-verifier.1 && man ./om-verifier.1"
    )]
    Man,
}

/// The trusted teams named on the command line, each checked to be a DID.
fn trusted_teams(common: &Common) -> anyhow::Result<TrustedTeams> {
    let mut teams = TrustedTeams::default();
    for did in common
        .trust
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
    {
        om_core::did::check_did(did).map_err(|e| {
            om_cli::hinted(
                format!("--trust {did:?} is not a DID: {e}"),
                "give the DID of the team that runs a cohort (did:web:… or did:key:…)",
            )
        })?;
        teams.insert(did);
    }
    Ok(teams)
}

fn engine_for(common: &Common, cache: Duration) -> anyhow::Result<Engine> {
    let trusted = trusted_teams(common)?;
    let policy = FetchPolicy {
        allow_local: common.allow_local_fetch || om_cli::env::allow_local_fetch(),
        cache_ttl: cache,
        max_status_list_bytes: common.max_status_list_kib.saturating_mul(1024),
        max_did_document_bytes: common.max_did_document_kib.saturating_mul(1024),
        cache_max_bytes: common.fetch_cache_mb.saturating_mul(1024 * 1024),
        cache_max_entries: common.fetch_cache_entries,
        ..FetchPolicy::default()
    };
    Ok(Engine::new(
        policy,
        RuleParams {
            min_endorsers: common.min_endorsers,
            min_mentors: common.min_mentors,
        },
        trusted,
    )
    .with_fetches_per_request(common.fetches_per_request)
    .with_shared_link_hosts(
        common
            .shared_link_hosts
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect(),
    ))
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Command::Serve {
            addr,
            db,
            db_pool_size,
            public_url,
            share_days,
            status_cache_seconds,
            demo,
            common,
            limits,
        } => {
            let mut engine = engine_for(&common, Duration::from_secs(status_cache_seconds))?;
            let demo_team = demo.then(crate::cli::demo::DemoTeam::generate);
            if let Some(team) = &demo_team {
                engine.teams.insert(team.did());
            }
            if engine.teams.is_empty() {
                eprintln!(
                    "note: no team is trusted (--trust DID or OM_TRUST), so no letter counts towards the Open Masters: \
                     every presentation will be \"not confirmed\""
                );
            }
            let public_url = public_url.unwrap_or_else(|| format!("http://{addr}"));
            let options = StoreOptions {
                pool_size: db_pool_size,
                ..StoreOptions::default()
            };
            tokio::runtime::Runtime::new()?.block_on(async {
                let store = Store::connect(&db, &options).await?;
                if let Some(team) = &demo_team {
                    let lifetime = chrono::Duration::days(share_days);
                    let link = crate::cli::demo::seed(&store, team, &public_url, lifetime).await?;
                    println!("{}", crate::cli::demo::banner(&link));
                }
                let state =
                    AppState::with_limits(engine, store, &public_url, share_days, limits.limits());
                serve(state, addr, limits.connection_limits()).await
            })?;
            Ok(Status::Holds)
        }
        Command::Completions { shell } => {
            om_cli::completions::print::<Cli>(shell, "om-verifier");
            Ok(Status::Holds)
        }
        Command::Man => {
            om_cli::completions::print_man::<Cli>()?;
            Ok(Status::Holds)
        }
        Command::Verify {
            paths,
            challenge,
            domain,
            json,
            no_rule,
            common,
        } => {
            let engine = engine_for(&common, Duration::from_secs(300))?;
            let options = PresentationOptions {
                challenge,
                domain,
                apply_rule: !no_rule,
            };
            Ok(verify_files(&engine, &paths, &options, json))
        }
        Command::BenchFixture { out } => {
            let body = crate::cli::bench::fixture_body()?;
            std::fs::write(&out, serde_json::to_vec(&body)?)
                .with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            Ok(Status::Holds)
        }
        Command::BenchInproc { file, seconds } => {
            let body: Value = serde_json::from_slice(
                &std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?,
            )?;
            let vp = body.get("verifiablePresentation").unwrap_or(&body).clone();
            let engine = Engine::new(
                FetchPolicy::default(),
                RuleParams::default(),
                TrustedTeams::default(),
            );
            let options = PresentationOptions {
                apply_rule: true,
                ..Default::default()
            };
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < Duration::from_secs(seconds) {
                let r = engine.verify_presentation(&vp, &options)?;
                std::hint::black_box(&r);
                n += 1;
            }
            let rate = n as f64 / start.elapsed().as_secs_f64();
            println!("{rate:.1}");
            eprintln!(
                "{n} verifications in {:.1} s: {rate:.1}/s on one core",
                start.elapsed().as_secs_f64()
            );
            Ok(Status::Holds)
        }
    }
}
