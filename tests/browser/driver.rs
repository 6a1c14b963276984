//! One chromedriver per test binary, a fresh browser session per test, and the
//! screenshot of a test that failed.
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

struct Driver {
    url: String,
    /// Held for the life of the binary: its stdin closing is what ends chromedriver.
    _process: Mutex<Child>,
}

fn driver() -> &'static Driver {
    static DRIVER: OnceLock<Driver> = OnceLock::new();
    DRIVER.get_or_init(start_driver)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts chromedriver under a shell that kills it once this process's end of the
/// pipe closes, however the test binary ends, so no chromedriver outlives it. Waits
/// for chromedriver to say it is listening.
fn start_driver() -> Driver {
    let port = free_port();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"chromedriver --port="$1" & pid=$!; cat >/dev/null; kill "$pid"; wait "$pid" 2>/dev/null"#)
        .arg("sh")
        .arg(port.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("chromedriver starts (apt-get install chromium chromium-driver)");
    let stdout = child.stdout.take().expect("chromedriver's output");
    let mut lines = BufReader::new(stdout).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains("started successfully") => break,
            Some(Ok(_)) => continue,
            other => panic!("chromedriver did not start: {other:?}"),
        }
    }
    // Its later output must still be read, or chromedriver blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Driver {
        url: format!("http://127.0.0.1:{port}"),
        _process: Mutex::new(child),
    }
}

async fn new_browser() -> Client {
    // Two rustls crypto back ends are compiled in; pick one (once per process).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({"args": [
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--window-size=1024,768", "--lang=en-US",
        ]}),
    );
    ClientBuilder::rustls()
        .expect("rustls connector")
        .capabilities(capabilities)
        .connect(&driver().url)
        .await
        .expect("a chromium session")
}

/// What a test gets: the browser, the app it talks to.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    pub app: Arc<TestApp>,
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.app.base)
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.expect("page opens");
    }

    /// Waits (up to the wait's own limit) for an element to be there.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for `{css}`: {e}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("text")
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("url")
            .path()
            .to_owned()
    }

    /// Fills the sign-in form (opening it first) and submits it.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.goto("/sign-in").await;
        self.wait_for("#email")
            .await
            .send_keys(email)
            .await
            .expect("email typed");
        self.wait_for("#password")
            .await
            .send_keys(password)
            .await
            .expect("typed");
        self.wait_for("#sign-in")
            .await
            .click()
            .await
            .expect("submitted");
    }

    /// Signs in as a demo account and waits for the home page.
    pub async fn sign_in_as(&self, who: &str) {
        self.sign_in(&format!("{who}@demo.test"), PASSWORD).await;
        self.wait_for("#greeting").await;
    }

    /// The session cookie the browser holds.
    pub async fn session_cookie(&self) -> String {
        self.client
            .get_named_cookie("concord_session")
            .await
            .expect("a session cookie")
            .value()
            .to_owned()
    }

    /// Saves what the browser shows to `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}

/// Runs one browser test on its own app and browser; on failure (a panic) saves the
/// screenshot first; the browser is closed either way.
pub async fn run<F, Fut>(name: &str, app: TestApp, test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let browser = Browser {
        client: new_browser().await,
        app: Arc::new(app),
    };
    let outcome = std::panic::AssertUnwindSafe(test(browser.clone()))
        .catch_unwind()
        .await;
    if outcome.is_err() {
        browser.screenshot(name).await;
    }
    let _ = browser.client.clone().close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
