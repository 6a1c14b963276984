//! Keeps the background tasks (outbox worker, reminder scan) running: a task that
//! ends before shutdown — a panic, a bug — is logged and started again, and whether
//! the outbox worker runs is visible to `/readyz` and `/metrics`.
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;

/// Long enough not to spin on a task that dies at once, short enough that mail is
/// barely delayed.
const RESTART_DELAY: Duration = Duration::from_secs(1);

/// What this node knows of its own outbox worker. Per process, like the task itself.
#[derive(Debug, Default)]
pub struct WorkerHealth {
    running: AtomicBool,
    restarts: AtomicU64,
}

/// The outbox worker as readiness and metrics report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerState {
    Running,
    /// Switched on but not running: this node's mail would not leave.
    Stopped,
    /// Switched off on this node (`mail.worker_enabled = false`); another delivers.
    Disabled,
}

impl WorkerHealth {
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::Relaxed)
    }

    pub fn state(&self, enabled: bool) -> WorkerState {
        match (enabled, self.is_running()) {
            (false, _) => WorkerState::Disabled,
            (true, true) => WorkerState::Running,
            (true, false) => WorkerState::Stopped,
        }
    }

    pub fn restarts(&self) -> u64 {
        self.restarts.load(Ordering::Relaxed)
    }
}

/// Runs `start()` as a task until `stop` turns true; each time the task ends before
/// that, it is started again after a short delay. Returns once stopped.
pub async fn supervise<F, Fut>(
    name: &'static str,
    health: Option<&WorkerHealth>,
    mut stop: watch::Receiver<bool>,
    start: F,
) where
    F: Fn(watch::Receiver<bool>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    loop {
        if let Some(health) = health {
            health.running.store(true, Ordering::Relaxed);
        }
        let ended = tokio::spawn(start(stop.clone())).await;
        if let Some(health) = health {
            health.running.store(false, Ordering::Relaxed);
        }
        if *stop.borrow() {
            return;
        }
        match ended {
            Ok(()) => tracing::error!(task = name, "background task ended early; restarting"),
            Err(err) => {
                tracing::error!(task = name, error = %err, "background task died; restarting")
            }
        }
        metrics::counter!("background_task_restarts_total", "task" => name).increment(1);
        if let Some(health) = health {
            health.restarts.fetch_add(1, Ordering::Relaxed);
        }
        tokio::select! {
            () = tokio::time::sleep(RESTART_DELAY) => {}
            _ = stop.wait_for(|stop| *stop) => return,
        }
    }
}

/// Resolves when `stop` turns true, or when its sender is gone (which also means stop).
pub async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    use super::*;

    #[tokio::test]
    async fn a_task_that_panics_or_ends_is_started_again_until_stopped() {
        let health = Arc::new(WorkerHealth::default());
        let starts = Arc::new(AtomicUsize::new(0));
        let (stop, stop_rx) = watch::channel(false);
        let supervisor = {
            let (health, starts) = (health.clone(), starts.clone());
            tokio::spawn(async move {
                supervise("test", Some(&health), stop_rx, move |stop| {
                    let start = starts.fetch_add(1, Ordering::SeqCst);
                    async move {
                        match start {
                            0 => panic!("first run dies"),
                            1 => {} // second run ends on its own
                            _ => stopped(stop).await,
                        }
                    }
                })
                .await;
            })
        };
        while starts.load(Ordering::SeqCst) < 3 {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::task::yield_now().await;
        assert!(health.is_running());
        assert_eq!(health.state(true), WorkerState::Running);
        assert_eq!(health.restarts(), 2);
        let _ = stop.send(true);
        assert!(supervisor.await.is_ok());
        assert!(!health.is_running());
        assert_eq!(health.state(true), WorkerState::Stopped);
        assert_eq!(health.state(false), WorkerState::Disabled);
        assert_eq!(starts.load(Ordering::SeqCst), 3, "not restarted after stop");
    }
}
