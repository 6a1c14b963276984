//! Logs (text or JSON, with the request id on every line) and Prometheus metrics.
use std::future::Future;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::Uri;
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::{LogFormat, LogSettings};

/// The header carrying each request's id, on every log line of the request.
pub const REQUEST_ID: &str = "x-request-id";

/// What the log shows in place of a secret.
const REDACTED: &str = "[redacted]";

const LATENCY_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Installs the global subscriber; a second call (as in tests) keeps the first.
pub fn init_tracing(settings: &LogSettings) {
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new(settings.level.as_str()));
    let registry = tracing_subscriber::registry().with(filter);
    let _ = match settings.format {
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .try_init(),
        LogFormat::Text => registry.with(tracing_subscriber::fmt::layer()).try_init(),
    };
}

/// One recorder per process: the metrics facade is global, and tests start several
/// apps in one process.
fn prometheus() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .and_then(PrometheusBuilder::install_recorder)
                .map_err(|e| tracing::warn!(error = %e, "metrics disabled"))
                .ok()
        })
        .as_ref()
}

pub fn install_metrics() {
    let _ = prometheus();
}

/// How often the histograms' samples are folded into their buckets: the exporter's own
/// upkeep interval.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// Folds the histograms' raw samples into their buckets every [`UPKEEP_EVERY`] until
/// `stop` resolves. The recorder keeps every sample it is given until then, and with
/// `install_recorder` (the exporter's listener is not ours) nothing else folds them
/// but a scrape of `/metrics`: unscraped, Concord grew by about 1 MiB for every
/// 30,000 requests, for good (issue 8's memory cap).
pub async fn keep_metrics(stop: impl Future<Output = ()>) {
    let Some(handle) = prometheus() else {
        return;
    };
    every(UPKEEP_EVERY, stop, || handle.run_upkeep()).await;
}

/// Runs `work` once per `period` (the first after one period) until `stop` resolves.
async fn every(period: Duration, stop: impl Future<Output = ()>, mut work: impl FnMut()) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = ticks.tick() => work(),
        }
    }
}

pub fn render_metrics() -> String {
    prometheus()
        .map(PrometheusHandle::render)
        .unwrap_or_default()
}

/// Counts requests and times them by route template (not raw path, which would make
/// one series per id) and status.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let labels = [
        ("method", method),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The span every log line of a request sits in. Its address is shown as
/// [`loggable_uri`] shows it, never raw: some addresses carry a secret.
pub fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id,
        method = %request.method(),
        uri = %loggable_uri(request.uri())
    )
}

/// A request's path and query with the secrets taken out: a calendar feed's path is
/// its bearer token (calendar programs cannot sign in), and the invitation and reset
/// links carry theirs as `token=`. Logs are kept and shipped with less care than
/// the database, which stores only hashes of these.
pub fn loggable_uri(uri: &Uri) -> String {
    let path = uri.path();
    let path = match path.strip_prefix(crate::store::calendar_feeds::FEED_PREFIX) {
        Some(rest) if !rest.is_empty() => {
            format!("{}{REDACTED}", crate::store::calendar_feeds::FEED_PREFIX)
        }
        _ => path.to_owned(),
    };
    match uri.query() {
        None => path,
        Some(query) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("token") => {
                        format!("{key}={REDACTED}")
                    }
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::Context;

    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// The histogram upkeep runs once a period, and stops with the server.
    #[tokio::test(start_paused = true)]
    async fn upkeep_runs_once_a_period_until_stopped() -> anyhow::Result<()> {
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = {
            let runs = runs.clone();
            tokio::spawn(every(
                Duration::from_secs(5),
                async move {
                    let _ = stopped.await;
                },
                move || {
                    runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                },
            ))
        };
        let count = || runs.load(std::sync::atomic::Ordering::Relaxed);
        tokio::time::sleep(Duration::from_secs(4)).await;
        assert_eq!(count(), 0, "nothing before the first period is over");
        tokio::time::sleep(Duration::from_secs(12)).await;
        assert_eq!(count(), 3, "at 5, 10 and 15 s");
        let _ = stop.send(());
        task.await?;
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(count(), 3, "none after the stop");
        Ok(())
    }

    fn uri(text: &str) -> Uri {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn feed_paths_and_token_queries_are_redacted() {
        let feed = loggable_uri(&uri(&format!("/calendar/{TOKEN}.ics")));
        assert_eq!(feed, "/calendar/[redacted]");
        let reset = loggable_uri(&uri(&format!("/reset-password?lang=fa&token={TOKEN}")));
        assert_eq!(reset, "/reset-password?lang=fa&token=[redacted]");
        // Everything else is shown as it came.
        let other = "/api/v1/projects?limit=5&cursor=abc";
        assert_eq!(loggable_uri(&uri(other)), other);
        assert_eq!(loggable_uri(&uri("/calendar/")), "/calendar/");
    }

    /// Writes down every field of every span opened while it listens.
    #[derive(Clone, Default)]
    struct Fields(Arc<Mutex<String>>);

    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            if let Ok(mut seen) = self.0.lock() {
                seen.push_str(&format!("{}={value:?} ", field.name()));
            }
        }
    }

    impl<S: tracing::Subscriber> Layer<S> for Fields {
        fn on_new_span(
            &self,
            attrs: &tracing::span::Attributes<'_>,
            _: &tracing::span::Id,
            _: Context<'_, S>,
        ) {
            attrs.record(&mut self.clone());
        }
    }

    #[test]
    fn the_request_span_never_holds_a_feed_token() {
        let fields = Fields::default();
        let subscriber = tracing_subscriber::registry().with(fields.clone());
        let request = axum::http::Request::get(format!("/calendar/{TOKEN}.ics"))
            .body(())
            .unwrap_or_default();
        tracing::subscriber::with_default(subscriber, || {
            let _span = request_span(&request);
        });
        let seen = fields.0.lock().map(|s| s.clone()).unwrap_or_default();
        assert!(seen.contains("/calendar/[redacted]"), "{seen}");
        assert!(!seen.contains(TOKEN), "{seen}");
    }
}
