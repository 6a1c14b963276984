//! Concord against a bare axum + sea-orm server doing the same SQL (issue 8, "Speed").
//!
//! ```sh
//! cargo run --release --example bench                    # SQLite
//! cargo run --release --example bench -- --db postgres   # PostgreSQL (TEST_DATABASE_URL or --pg-url)
//! ```
//!
//! On a fresh database it starts `concord serve --demo` and the bare server (this
//! program with `--bare`) as child processes, builds a dialogue of 50 actions through
//! Concord's API, and drives both servers with one in-process client (16 connections,
//! 2 worker threads), alternating between them in rounds so that both see the same
//! machine. Then it fills 10,000 actions and 100,000 events, checks them with
//! `concord audit verify`, measures again, measures Concord's memory while 16 accounts
//! sign in at once, and prints the figures beside the issue's targets. Run on demand;
//! it is not part of `cargo test` or CI.
mod bare;
mod database;
mod fill;
mod load;
mod profile;
mod report;
mod servers;
mod setup;
mod tables;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Parser, ValueEnum};
use uuid::Uuid;

use database::Fresh;
use load::{Sample, Target, Toggle, Work};
use report::Row;
use servers::Server;
use setup::{Api, CONNECTIONS};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Db {
    Sqlite,
    Postgres,
}

#[derive(Parser)]
#[command(about = "Concord against a bare axum + sea-orm server doing the same SQL")]
struct Args {
    /// The database both servers use.
    #[arg(long, value_enum, default_value = "sqlite")]
    db: Db,
    /// A PostgreSQL database to create the benchmark's own database beside.
    #[arg(
        long,
        env = "TEST_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    pg_url: String,
    /// Measured seconds per server, request and round.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Rounds; each measures Concord and the bare server once per request, alternating
    /// which goes first.
    #[arg(long, default_value_t = 3)]
    rounds: u32,
    /// Unmeasured seconds of the same load before each measurement.
    #[arg(long, default_value_t = 1)]
    warmup: u64,
    /// The Concord binary; by default target/release/concord, rebuilt first when run
    /// through cargo.
    #[arg(long)]
    concord: Option<PathBuf>,
    /// Instead of the benchmark: Concord in this process, one request at a time, with
    /// the statements each request runs and the time spent in them.
    #[arg(long)]
    profile: bool,
    /// Requests per kind in --profile.
    #[arg(long, default_value_t = 200)]
    requests: usize,
    /// Keep the database and the servers' logs afterwards.
    #[arg(long)]
    keep: bool,
    /// Run as the bare server (the benchmark starts itself this way).
    #[arg(long, hide = true)]
    bare: bool,
    #[arg(long, hide = true)]
    database_url: Option<String>,
    #[arg(long, hide = true)]
    bind: Option<String>,
}

/// The same allocator as the `concord` binary, so that the bare server (this program
/// with `--bare`) is not measured with a slower one than Concord.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // Two worker threads, for the load client and for the bare server alike.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    if args.bare {
        let url = args.database_url.context("--bare needs --database-url")?;
        let bind = args.bind.context("--bare needs --bind")?;
        return runtime.block_on(bare::serve(&url, &bind));
    }
    runtime.block_on(run(args))
}

/// `target/release/concord`, built from this checkout if we were started by cargo, so
/// that a stale binary is never measured.
fn concord_binary(args: &Args) -> anyhow::Result<PathBuf> {
    if let Some(path) = &args.concord {
        return Ok(path.clone());
    }
    let binary = servers::default_concord_binary()?;
    if let Ok(cargo) = std::env::var("CARGO") {
        let release = binary.parent().is_some_and(|dir| dir.ends_with("release"));
        let mut build = std::process::Command::new(cargo);
        build.args(["build", "--quiet", "--bin", "concord"]);
        if release {
            build.arg("--release");
        }
        let status = build.status().context("cannot run cargo build")?;
        if !status.success() {
            bail!("cargo build --bin concord failed");
        }
    }
    if !binary.exists() {
        bail!(
            "{} does not exist: run `cargo build --release` or pass --concord",
            binary.display()
        );
    }
    Ok(binary)
}

struct Bench {
    args: Args,
    concord: Server,
    bare: Server,
    api: Api,
}

impl Bench {
    /// A fresh token for each measurement: a run outlives an access token's 15 minutes.
    async fn targets(&self) -> anyhow::Result<(Target, Target)> {
        let token = self
            .api
            .login("coordinator@demo.test", setup::DEMO_PASSWORD)
            .await?;
        Ok((
            Target {
                base: self.concord.base.clone(),
                token: token.clone(),
                pid: self.concord.pid(),
            },
            Target {
                base: self.bare.base.clone(),
                token,
                pid: self.bare.pid(),
            },
        ))
    }

    /// One measurement of one server: a warm-up, then `--seconds` counted.
    async fn measure(&self, target: &Target, work: impl Fn() -> Work) -> anyhow::Result<Sample> {
        let warmup = Duration::from_secs(self.args.warmup);
        if !warmup.is_zero() {
            load::run(target, work(), CONNECTIONS, warmup).await?;
        }
        let seconds = Duration::from_secs(self.args.seconds);
        Ok(load::run(target, work(), CONNECTIONS, seconds).await?.0)
    }

    /// Transitions, which carry each connection's action state from run to run.
    async fn measure_toggles(
        &self,
        target: &Target,
        toggles: &mut Vec<Toggle>,
    ) -> anyhow::Result<Sample> {
        let warmup = Duration::from_secs(self.args.warmup);
        if !warmup.is_zero() {
            let (_, back) =
                load::run(target, Work::Toggle(toggles.clone()), CONNECTIONS, warmup).await?;
            *toggles = back;
        }
        let seconds = Duration::from_secs(self.args.seconds);
        let (sample, back) =
            load::run(target, Work::Toggle(toggles.clone()), CONNECTIONS, seconds).await?;
        *toggles = back;
        Ok(sample)
    }

    /// Rounds of GET requests, Concord and bare alternately first.
    async fn rounds(&self, rows: &mut [Row], paths: &[String], label: &str) -> anyhow::Result<()> {
        for round in 0..self.args.rounds {
            for (row, path) in rows.iter_mut().zip(paths) {
                let (concord, bare) = self.targets().await?;
                let order = if round % 2 == 0 {
                    [true, false]
                } else {
                    [false, true]
                };
                for is_concord in order {
                    let target = if is_concord { &concord } else { &bare };
                    let sample = self.measure(target, || Work::Get(path.clone())).await?;
                    progress(label, round, row.name, is_concord, &sample);
                    row.add(is_concord, sample);
                }
            }
        }
        Ok(())
    }
}

fn progress(label: &str, round: u32, name: &str, is_concord: bool, sample: &Sample) {
    eprintln!(
        "  [{label} round {}] {name:<36} {:<7} {:>7.0} req/s  p99 {:>7.2} ms{}",
        round + 1,
        if is_concord { "Concord" } else { "bare" },
        sample.per_sec(),
        sample.percentile_ms(0.99),
        if sample.failed > 0 {
            format!("  ({} failed)", sample.failed)
        } else {
            String::new()
        }
    );
}

async fn run(args: Args) -> anyhow::Result<()> {
    let fresh = || async {
        match args.db {
            Db::Sqlite => Fresh::sqlite().await,
            Db::Postgres => Fresh::postgres(&args.pg_url).await,
        }
    };
    if args.profile {
        let db = fresh().await?;
        let outcome = profile::profile(&db, args.requests).await;
        db.finish(args.keep).await?;
        return outcome;
    }
    let binary = concord_binary(&args)?;
    let db = fresh().await?;
    let workdir = tempfile::Builder::new()
        .prefix("concord-bench-run-")
        .tempdir()?;
    eprintln!(
        "database: {}; logs in {}",
        db.describe(),
        workdir.path().display()
    );
    let outcome = bench(args, &binary, &db, workdir.path()).await;
    let keep = match &outcome {
        Ok(keep) => *keep,
        Err(_) => true,
    };
    if keep {
        eprintln!("kept the servers' logs in {}", workdir.keep().display());
    }
    db.finish(keep).await?;
    outcome.map(|_| ())
}

/// Everything measured; answers whether to keep the database and logs.
async fn bench(
    args: Args,
    binary: &std::path::Path,
    db: &Fresh,
    workdir: &std::path::Path,
) -> anyhow::Result<bool> {
    let started = Instant::now();
    let date = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC");
    let load_before = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!("starting Concord (migrate, demo) …");
    let concord = Server::concord(binary, db.url(), workdir).await?;
    let api = Api::new(&concord.base)?;
    eprintln!("building the dialogue through the API …");
    let mut scenario = setup::build(&api).await?;
    let bare = Server::bare(db.url(), workdir).await?;
    let keep = args.keep;
    let backend = match args.db {
        Db::Sqlite => "SQLite",
        Db::Postgres => "PostgreSQL",
    };
    let mut title = format!(
        "Concord / bare on {backend}: {CONNECTIONS} connections, 2 client threads, {} rounds x {} s \
         per server and request, {date}; load average before: {}",
        args.rounds,
        args.seconds,
        load_before
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let bench = Bench {
        args,
        concord,
        bare,
        api,
    };

    let list_path = format!(
        "/api/v1/projects/{}/actions?limit={}",
        scenario.project_id,
        setup::LIST_SIZE
    );
    let history_path = format!("/api/v1/actions/{}/history?limit=50", scenario.busy.id);
    check_pages(&bench, &list_path, setup::LIST_SIZE).await?;
    check_pages(&bench, &history_path, 50).await?;

    eprintln!("small data: 50-action dialogue");
    let mut small = [
        Row::new(report::LIST),
        Row::new(report::TRANSITION),
        Row::new(report::HISTORY),
    ];
    for round in 0..bench.args.rounds {
        let (concord, bare) = bench.targets().await?;
        let order = if round % 2 == 0 {
            [true, false]
        } else {
            [false, true]
        };
        for is_concord in order {
            let (target, toggles) = if is_concord {
                (&concord, &mut scenario.concord_toggles)
            } else {
                (&bare, &mut scenario.bare_toggles)
            };
            let sample = bench.measure_toggles(target, toggles).await?;
            progress("small", round, report::TRANSITION, is_concord, &sample);
            small[1].add(is_concord, sample);
        }
    }
    // The reads after the writes, so that they also see a history grown by the load,
    // and after the vacuum that follows such writes (`Fresh::vacuum` says why).
    if let Some(autovacuum) = db.vacuum().await? {
        let on_off = if autovacuum { "on" } else { "off" };
        let vacuumed =
            format!("VACUUM ANALYZE after the writes (the server's autovacuum is {on_off})");
        eprintln!("{vacuumed}");
        title.push_str("; ");
        title.push_str(&vacuumed);
    }
    let (reads, _) = small.split_at_mut(1);
    bench
        .rounds(reads, std::slice::from_ref(&list_path), "small")
        .await?;
    let (_, history) = small.split_at_mut(2);
    bench
        .rounds(history, std::slice::from_ref(&history_path), "small")
        .await?;

    eprintln!(
        "filling {} actions and {} events …",
        fill::ACTIONS,
        fill::ACTIONS * fill::EVENTS_PER_ACTION
    );
    let fill_started = Instant::now();
    let pool = bare::connect(db.url()).await?;
    fill::fill(&pool, &scenario).await?;
    pool.close().await.ok();
    let token = bench.targets().await?.0.token;
    scenario.busy = setup::grow_history(&bench.api, &token, scenario.busy.clone(), 1_200).await?;
    eprintln!(
        "filled in {:.0} s; verifying the history chains …",
        fill_started.elapsed().as_secs_f64()
    );
    audit_verify(binary, db.url(), workdir).await?;

    let deep_cursor = last_page_cursor(&bench, &token, scenario.busy.id).await?;
    let deep_path = format!("{history_path}&cursor={deep_cursor}");
    check_pages(&bench, &list_path, setup::LIST_SIZE).await?;
    let mut big = [
        Row::new(report::LIST_BIG),
        Row::new(report::HISTORY_BIG),
        Row::new(report::HISTORY_DEEP),
    ];
    eprintln!("big data: 10k actions, 100k events");
    bench
        .rounds(
            &mut big,
            &[list_path.clone(), history_path, deep_path],
            "big",
        )
        .await?;

    eprintln!("memory: list load with 16 concurrent sign-ins …");
    let logins = sign_ins_under_load(&bench, &list_path, &scenario.sign_in_emails).await?;
    let concord_memory = bench.concord.memory();
    let bare_memory = bench.bare.memory();

    let rows: Vec<Row> = small.into_iter().chain(big).collect();
    report::print(&report::Report {
        title,
        rows: &rows,
        concord_memory,
        bare_memory,
        logins,
    });
    println!("(whole run: {:.0} s)", started.elapsed().as_secs_f64());
    bench.concord.stop().await;
    bench.bare.stop().await;
    Ok(keep)
}

/// Both servers answer the page with the expected number of items before anything is
/// timed, so that neither is measured answering something smaller.
async fn check_pages(bench: &Bench, path: &str, expected: usize) -> anyhow::Result<()> {
    let (concord, bare) = bench.targets().await?;
    for target in [concord, bare] {
        let client = load::connection()?;
        let page: serde_json::Value = client
            .get(format!("{}{path}", target.base))
            .bearer_auth(&target.token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let items = page["items"].as_array().map_or(0, Vec::len);
        if items != expected {
            bail!(
                "{}{path} answered {items} items, expected {expected}",
                target.base
            );
        }
    }
    Ok(())
}

/// The cursor of the busy action's last full page, walked through Concord's pages.
async fn last_page_cursor(bench: &Bench, token: &str, id: Uuid) -> anyhow::Result<String> {
    let mut cursors = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/actions/{id}/history?limit=50");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page = bench.api.get(token, &path).await?;
        match page["next_cursor"].as_str() {
            Some(next) => {
                cursors.push(next.to_owned());
                cursor = Some(next.to_owned());
            }
            None => break,
        }
    }
    // The page after the second-last cursor is full whatever the total.
    let n = cursors.len();
    cursors
        .get(n.saturating_sub(2))
        .cloned()
        .context("the busy action has fewer than two pages of history")
}

async fn audit_verify(
    binary: &std::path::Path,
    url: &str,
    workdir: &std::path::Path,
) -> anyhow::Result<()> {
    let output = tokio::process::Command::new(binary)
        .args(["audit", "verify"])
        .current_dir(workdir)
        .env("DATABASE_URL", url)
        .output()
        .await?;
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "concord audit verify: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    if report["ok"] != true {
        bail!("the filled history does not verify: {report}");
    }
    eprintln!(
        "  audit verify: ok, {} events checked",
        report["events_checked"]
    );
    Ok(())
}

/// Concord under list load while the 16 observer accounts sign in at once, three times;
/// its peak RSS is read afterwards (VmHWM covers the whole run).
async fn sign_ins_under_load(
    bench: &Bench,
    list_path: &str,
    emails: &[String],
) -> anyhow::Result<report::Logins> {
    let (concord, _) = bench.targets().await?;
    let seconds = Duration::from_secs(bench.args.seconds.max(3));
    let load = {
        let concord = concord.clone();
        let path = list_path.to_owned();
        tokio::spawn(
            async move { load::run(&concord, Work::Get(path), CONNECTIONS, seconds).await },
        )
    };
    let mut logins = report::Logins {
        ok: 0,
        refused: 0,
        slowest_ms: 0.0,
    };
    for _ in 0..3 {
        tokio::time::sleep(seconds / 4).await;
        let attempts = emails.iter().map(|email| {
            let base = concord.base.clone();
            let email = email.clone();
            async move {
                let client = load::connection()?;
                let sent = Instant::now();
                let status = client
                    .post(format!("{base}/api/v1/auth/login"))
                    .json(&serde_json::json!({"email": email, "password": setup::SIGN_IN_PASSWORD}))
                    .send()
                    .await?
                    .status();
                anyhow::Ok((status, sent.elapsed()))
            }
        });
        for attempt in futures_util::future::join_all(attempts).await {
            let (status, took) = attempt?;
            if status.is_success() {
                logins.ok += 1;
            } else {
                logins.refused += 1;
            }
            logins.slowest_ms = logins.slowest_ms.max(took.as_secs_f64() * 1000.0);
        }
    }
    let (sample, _) = load.await.context("the list load panicked")??;
    eprintln!(
        "  list under sign-ins: {:.0} req/s, p99 {:.2} ms",
        sample.per_sec(),
        sample.percentile_ms(0.99)
    );
    Ok(logins)
}
