//! The load client: N connections, each a task that sends its next request as soon as
//! the previous answer is read, for a fixed time. Latency is measured from sending to
//! the last byte of the answer. Both servers are driven by exactly this code.
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::{Value, json};
use uuid::Uuid;

/// Where to send requests, and the bearer token (the bare server ignores it).
#[derive(Clone)]
pub struct Target {
    pub base: String,
    pub token: String,
    /// The server's process, whose CPU time a run counts (see [`Sample::cpu_us`]).
    pub pid: Option<u32>,
}

/// One action a connection blocks and unblocks, and what it last read of it.
#[derive(Debug, Clone)]
pub struct Toggle {
    pub id: Uuid,
    pub blocked: bool,
    pub version: i32,
}

pub enum Work {
    /// The same GET, again and again.
    Get(String),
    /// Block, unblock, block… each connection on its own action, so no answer is a 409.
    Toggle(Vec<Toggle>),
}

#[derive(Debug, Default, Clone)]
pub struct Sample {
    pub ok: u64,
    pub failed: u64,
    pub secs: f64,
    pub bytes: u64,
    pub latencies_us: Vec<u32>,
    pub first_failure: Option<String>,
    /// CPU time the server's process used during the counted seconds, in µs: the cost
    /// of one answer, for comparing two builds of Concord. It moves less than req/s
    /// when the machine's other tenants take the cores, but it still moves (by up to a
    /// quarter between runs on 2026-12-02: cache and steal time count too).
    pub cpu_us: u64,
}

impl Sample {
    pub fn per_sec(&self) -> f64 {
        if self.secs > 0.0 {
            self.ok as f64 / self.secs
        } else {
            0.0
        }
    }

    pub fn merge(&mut self, other: Sample) {
        self.ok += other.ok;
        self.failed += other.failed;
        self.secs += other.secs;
        self.bytes += other.bytes;
        self.latencies_us.extend(other.latencies_us);
        self.cpu_us += other.cpu_us;
        if self.first_failure.is_none() {
            self.first_failure = other.first_failure;
        }
    }

    /// The latency below which `p` of the answers came, in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        f64::from(sorted[rank - 1]) / 1000.0
    }

    pub fn mean_bytes(&self) -> u64 {
        self.bytes.checked_div(self.ok).unwrap_or(0)
    }

    /// The server's CPU time per answer, failed ones included, in µs.
    pub fn cpu_us_per_answer(&self) -> f64 {
        let answers = self.ok + self.failed;
        if answers == 0 {
            return f64::NAN;
        }
        self.cpu_us as f64 / answers as f64
    }
}

/// One client per connection, holding one keep-alive connection.
pub fn connection() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Runs `work` on `connections` connections for `duration`. Toggles come back with
/// the versions last read, for the next run.
pub async fn run(
    target: &Target,
    work: Work,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<(Sample, Vec<Toggle>)> {
    let started = Instant::now();
    let cpu_before = target.pid.and_then(cpu_us);
    let deadline = started + duration;
    let mut tasks = Vec::with_capacity(connections);
    let mut toggles = match &work {
        Work::Toggle(t) => {
            anyhow::ensure!(
                t.len() >= connections,
                "need one action per connection ({} for {connections})",
                t.len()
            );
            t.clone().into_iter().map(Some).collect()
        }
        Work::Get(_) => vec![None; connections],
    };
    for slot in toggles.iter_mut().take(connections) {
        let client = connection()?;
        let target = target.clone();
        let path = match &work {
            Work::Get(path) => Some(path.clone()),
            Work::Toggle(_) => None,
        };
        let toggle = slot.take();
        tasks.push(tokio::spawn(async move {
            let mut sample = Sample::default();
            match (path, toggle) {
                (Some(path), _) => {
                    get_loop(&client, &target, &path, deadline, &mut sample).await;
                    (sample, None)
                }
                (None, Some(mut toggle)) => {
                    toggle_loop(&client, &target, &mut toggle, deadline, &mut sample).await;
                    (sample, Some(toggle))
                }
                (None, None) => (sample, None),
            }
        }));
    }
    let mut total = Sample::default();
    let mut back = Vec::new();
    for task in tasks {
        let (sample, toggle) = task.await.context("a load task panicked")?;
        total.merge(sample);
        back.extend(toggle);
    }
    // Every connection ran for the same wall time: rates are over that, not summed.
    total.secs = started.elapsed().as_secs_f64();
    if let (Some(before), Some(after)) = (cpu_before, target.pid.and_then(cpu_us)) {
        total.cpu_us = after.saturating_sub(before);
    }
    if let Work::Toggle(all) = work {
        // Actions beyond the connections were not touched; keep them for later runs.
        back.extend(all.into_iter().skip(connections));
    }
    Ok((total, back))
}

/// User and system CPU time of process `pid` so far, threads that ended included, in
/// µs: fields 14 and 15 of `/proc/{pid}/stat`, in Linux's USER_HZ, which is 100 on
/// the architectures this runs on (10 ms steps; a run's 10 s make that small).
fn cpu_us(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after it do not.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10_000)
}

fn note_failure(sample: &mut Sample, what: String) {
    sample.failed += 1;
    if sample.first_failure.is_none() {
        sample.first_failure = Some(what);
    }
}

async fn get_loop(
    client: &reqwest::Client,
    target: &Target,
    path: &str,
    deadline: Instant,
    sample: &mut Sample,
) {
    let url = format!("{}{path}", target.base);
    while Instant::now() < deadline {
        let sent = Instant::now();
        let answer = client.get(&url).bearer_auth(&target.token).send().await;
        match answer {
            Ok(response) => {
                let status = response.status();
                match response.bytes().await {
                    Ok(body) if status.is_success() => {
                        record(sample, sent, body.len());
                    }
                    Ok(body) => note_failure(
                        sample,
                        format!("{status}: {}", String::from_utf8_lossy(&body)),
                    ),
                    Err(e) => note_failure(sample, e.to_string()),
                }
            }
            Err(e) => note_failure(sample, e.to_string()),
        }
    }
}

fn record(sample: &mut Sample, sent: Instant, bytes: usize) {
    let micros = u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX);
    sample.ok += 1;
    sample.bytes += bytes as u64;
    sample.latencies_us.push(micros);
}

async fn toggle_loop(
    client: &reqwest::Client,
    target: &Target,
    toggle: &mut Toggle,
    deadline: Instant,
    sample: &mut Sample,
) {
    let url = format!("{}/api/v1/actions/{}/transitions", target.base, toggle.id);
    while Instant::now() < deadline {
        let body = if toggle.blocked {
            json!({"transition": "unblock", "version": toggle.version})
        } else {
            json!({"transition": "block", "version": toggle.version, "reason": "benchmark"})
        };
        let sent = Instant::now();
        let answer = client
            .post(&url)
            .bearer_auth(&target.token)
            .json(&body)
            .send()
            .await;
        let outcome = match answer {
            Ok(response) => {
                let status = response.status();
                match response.bytes().await {
                    Ok(bytes) if status.is_success() => Ok(bytes),
                    Ok(bytes) => Err(format!("{status}: {}", String::from_utf8_lossy(&bytes))),
                    Err(e) => Err(e.to_string()),
                }
            }
            Err(e) => Err(e.to_string()),
        };
        match outcome.map(|bytes| (bytes.len(), serde_json::from_slice::<Value>(&bytes))) {
            Ok((len, Ok(answer))) => {
                record(sample, sent, len);
                if let Err(e) = apply(toggle, &answer) {
                    note_failure(sample, e);
                }
            }
            Ok((_, Err(e))) => note_failure(sample, format!("not JSON: {e}")),
            Err(e) => {
                note_failure(sample, e);
                // Read the action again so that one failure does not become a run of 409s.
                if let Err(e) = refresh(client, target, toggle).await {
                    note_failure(sample, format!("re-reading the action: {e}"));
                }
            }
        }
    }
}

/// The state and version an answer (or a read) of the action reports.
pub fn apply(toggle: &mut Toggle, answer: &Value) -> Result<(), String> {
    let version = answer["version"]
        .as_i64()
        .and_then(|v| i32::try_from(v).ok())
        .ok_or_else(|| format!("no version in {answer}"))?;
    let state = answer["state"]
        .as_str()
        .ok_or_else(|| format!("no state in {answer}"))?;
    toggle.version = version;
    toggle.blocked = state == "blocked";
    Ok(())
}

pub async fn refresh(
    client: &reqwest::Client,
    target: &Target,
    toggle: &mut Toggle,
) -> anyhow::Result<()> {
    let answer: Value = client
        .get(format!("{}/api/v1/actions/{}", target.base, toggle.id))
        .bearer_auth(&target.token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    apply(toggle, &answer).map_err(anyhow::Error::msg)
}
