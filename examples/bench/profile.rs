//! `--profile`: where a request's time goes, one request at a time (no contention).
//! Concord runs in this process, built as the test suite builds it, with a callback on
//! its connection that notes every statement and how long the database took to run
//! it. For each measured request it prints the statements of one answer, how many a
//! request runs, the time spent inside them, and the rest of the time of the request
//! (pool acquisition, authentication, workflow, serialisation, HTTP).
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::database::Fresh;
use crate::load::{Toggle, apply};
use crate::setup::{self, Api};

type Log = Arc<Mutex<Vec<(String, Duration)>>>;

pub async fn profile(db: &Fresh, requests: usize) -> anyhow::Result<()> {
    let mail = tempfile::tempdir()?;
    let vars = HashMap::from([("DATABASE_URL".to_owned(), db.url().to_owned())]);
    // Built-in settings only (no folder of config files), as the benchmark's servers.
    let mut settings = concord::Settings::load_from(Path::new("/nonexistent"), &vars)?;
    settings.server.bind = "127.0.0.1:0".into();
    settings.mail.file_dir = mail.path().display().to_string();
    let log: Log = Arc::default();
    let mut conn = concord::store::connect(&settings.database).await?;
    concord::store::migrate(&conn).await?;
    {
        let log = log.clone();
        conn.set_metric_callback(move |info| {
            if let Ok(mut log) = log.lock() {
                log.push((info.statement.sql.clone(), info.elapsed));
            }
        });
    }
    let app = concord::App::build_with(settings, conn).await?;
    let state = app.state().clone();
    concord::demo::seed(&state.db, &state.passwords, setup::DEMO_PASSWORD).await?;
    let base = format!("http://{}", app.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let api = Api::new(&base)?;
    let scenario = setup::build(&api).await?;
    let token = api
        .login("coordinator@demo.test", setup::DEMO_PASSWORD)
        .await?;
    let client = crate::load::connection()?;

    let list = format!(
        "{base}/api/v1/projects/{}/actions?limit=50",
        scenario.project_id
    );
    let history = format!(
        "{base}/api/v1/actions/{}/history?limit=50",
        scenario.busy.id
    );
    for (name, url) in [
        ("50-row action list", &list),
        ("busy history page", &history),
    ] {
        let one = || async {
            let bytes = client
                .get(url.as_str())
                .bearer_auth(&token)
                .send()
                .await?
                .error_for_status()?
                .bytes()
                .await?;
            anyhow::Ok(bytes.len())
        };
        let bytes = one().await?;
        report(name, bytes, &log, requests, one).await?;
    }
    let toggle = scenario
        .concord_toggles
        .first()
        .cloned()
        .context("no action to transition")?;
    let toggle = Arc::new(tokio::sync::Mutex::new(toggle));
    let step = || async {
        let mut t = toggle.lock().await;
        let body = transition_body(&t);
        let answer: serde_json::Value = client
            .post(format!("{base}/api/v1/actions/{}/transitions", t.id))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        apply(&mut t, &answer).map_err(anyhow::Error::msg)?;
        anyhow::Ok(answer.to_string().len())
    };
    let bytes = step().await?;
    report("transition (block/unblock)", bytes, &log, requests, step).await?;

    // Sign-in: one at a time, then what 16 at once do to the resident memory.
    let sign_in = || async {
        api.login(&scenario.sign_in_emails[0], setup::SIGN_IN_PASSWORD)
            .await
            .map(|t| t.len())
    };
    report("sign-in", 0, &log, 10, sign_in).await?;
    let _ = stop.send(());
    let _ = server.await;
    Ok(())
}

fn transition_body(t: &Toggle) -> serde_json::Value {
    if t.blocked {
        serde_json::json!({"transition": "unblock", "version": t.version})
    } else {
        serde_json::json!({"transition": "block", "version": t.version, "reason": "profile"})
    }
}

async fn report<F, Fut>(
    name: &str,
    bytes: usize,
    log: &Log,
    requests: usize,
    mut request: F,
) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<usize>>,
{
    for _ in 0..requests.min(20) {
        request().await?;
    }
    let take = || {
        log.lock()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default()
    };
    take();
    request().await?;
    let statements = take();
    let started = Instant::now();
    for _ in 0..requests {
        request().await?;
    }
    let elapsed = started.elapsed();
    let all = take();
    let per_request = all.len() as f64 / requests as f64;
    let in_db: Duration = all.iter().map(|(_, d)| *d).sum();
    let latency_us = elapsed.as_secs_f64() * 1e6 / requests as f64;
    let db_us = in_db.as_secs_f64() * 1e6 / requests as f64;
    println!();
    println!(
        "{name}: {per_request:.1} statements per request, {latency_us:.0} µs per request \
         one at a time, of which {db_us:.0} µs inside statements and {:.0} µs elsewhere; \
         answer {bytes} bytes",
        latency_us - db_us
    );
    for (sql, took) in statements {
        let sql: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = sql.chars().take(110).collect();
        println!("  {:>6} µs  {short}", took.as_micros());
    }
    Ok(())
}
