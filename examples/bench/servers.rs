//! The two servers under test, each a child process of its own so that its memory can
//! be read from /proc and neither shares a runtime with the load client.
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::process::{Child, Command};

pub struct Server {
    pub base: String,
    child: Child,
}

/// Peak and current resident memory of a process, in KiB.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    pub peak_kib: u64,
    pub now_kib: u64,
}

impl Memory {
    pub fn peak_mib(&self) -> f64 {
        self.peak_kib as f64 / 1024.0
    }

    pub fn now_mib(&self) -> f64 {
        self.now_kib as f64 / 1024.0
    }
}

/// A port nobody listens on now. Another process could take it before the child binds
/// it; on a benchmark machine that is rare enough, and the child then fails loudly.
fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn log_file(dir: &Path, name: &str) -> anyhow::Result<(Stdio, Stdio)> {
    let file = std::fs::File::create(dir.join(format!("{name}.log")))?;
    Ok((Stdio::from(file.try_clone()?), Stdio::from(file)))
}

impl Server {
    /// `concord serve --demo` on a fresh database: it migrates and loads the demo. Run
    /// from `workdir` so that no `config/*.toml` on disk changes the built-in settings;
    /// its mail goes to files there and its log to `concord.log`.
    pub async fn concord(
        binary: &Path,
        database_url: &str,
        workdir: &Path,
    ) -> anyhow::Result<Self> {
        let addr = format!("127.0.0.1:{}", free_port()?);
        let (out, err) = log_file(workdir, "concord")?;
        let child = Command::new(binary)
            .args(["serve", "--demo", "--bind", &addr])
            .current_dir(workdir)
            .env("DATABASE_URL", database_url)
            .env("CONCORD__MAIL__FILE_DIR", workdir.join("mail"))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        Self::ready("Concord", child, addr, workdir).await
    }

    /// This same program with `--bare`.
    pub async fn bare(database_url: &str, workdir: &Path) -> anyhow::Result<Self> {
        let addr = format!("127.0.0.1:{}", free_port()?);
        let (out, err) = log_file(workdir, "bare")?;
        let child = Command::new(std::env::current_exe()?)
            .args(["--bare", "--database-url", database_url, "--bind", &addr])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .kill_on_drop(true)
            .spawn()
            .context("cannot start the bare server")?;
        Self::ready("bare", child, addr, workdir).await
    }

    async fn ready(
        name: &'static str,
        mut child: Child,
        addr: String,
        workdir: &Path,
    ) -> anyhow::Result<Self> {
        let base = format!("http://{addr}");
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(1))
            .build()?;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(120) {
            if let Some(status) = child.try_wait()? {
                bail!(
                    "{name} stopped before serving ({status}); see {}",
                    workdir
                        .join(format!("{}.log", name.to_lowercase()))
                        .display()
                );
            }
            let up = client.get(format!("{base}/healthz")).send().await;
            if up.is_ok_and(|r| r.status().is_success()) {
                return Ok(Self { base, child });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("{name} did not answer /healthz within two minutes")
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    pub fn memory(&self) -> Memory {
        self.pid().map(read_memory).unwrap_or_default()
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

fn read_memory(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    Memory {
        peak_kib: field("VmHWM:"),
        now_kib: field("VmRSS:"),
    }
}

/// `target/release/concord` beside this example (`target/release/examples/bench`).
pub fn default_concord_binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .context("cannot locate the target folder")?;
    Ok(dir.join("concord"))
}
