//! One chromedriver per test binary, a fresh browser session per test, and the
//! screenshot of a test that failed.
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
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
    // Read on a thread, so a chromedriver that dies before it starts (its shell keeps
    // the pipe open) fails the test after a minute instead of hanging the suite. The
    // thread goes on reading, or chromedriver would block on a full pipe.
    let (started, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("started successfully") {
                let _ = started.send(());
            }
        }
    });
    wait.recv_timeout(Duration::from_secs(60))
        .expect("chromedriver started within a minute");
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

/// axe-core, for the tests only: it is injected into the page under test through
/// WebDriver and never served by Concord (see `vendor/axe-core/README.md`).
const AXE: &str = include_str!("vendor/axe-core/axe.min.js");

/// Runs axe on the whole document and answers (through WebDriver's callback, the last
/// argument) its serious and critical violations, or the error that stopped it.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
window.axe.run(document, {resultTypes: ['violations']}).then(
  (results) => done({violations: results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target.map(String).join(' '),
        why: (n.failureSummary || '').split('\n').slice(0, 2).join(' ')}))}))}),
  (e) => done({error: String(e)}));
"#;

/// What has keyboard focus after a Tab: null when it left the page.
const FOCUSED: &str = r#"
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const s = getComputedStyle(el);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
const r = el.getBoundingClientRect();
return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '"',
        shown: outline && r.width > 0 && r.height > 0,
        why: `:focus-visible ${el.matches(':focus-visible')}, outline ${s.outlineStyle} ${s.outlineWidth}, box ${Math.round(r.width)}x${Math.round(r.height)}`};
"#;

/// The page's width against the window's, and the elements sticking out of it (those
/// inside a box that scrolls or clips by itself do not widen the page).
const WIDTH: &str = r#"
window.scrollTo(0, 0);
const root = document.documentElement;
const inBox = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
  if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true; }
  return false; };
const out = [...document.body.querySelectorAll('*')].filter((el) => {
  const r = el.getBoundingClientRect();
  return (r.right > root.clientWidth + 0.5 || r.left < -0.5) && !inBox(el); })
  .slice(0, 8).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')
    + ' ' + Math.round(el.getBoundingClientRect().width) + 'px');
return {window: window.innerWidth, client: root.clientWidth, scroll: root.scrollWidth, out};
"#;

/// The narrowest phone the pages must serve.
const PHONE_WIDTH: u32 = 360;

/// Accessibility checks, one call per page: a page test calls `assert_accessible`
/// on each page it visits (and on its error states); the workflow pages call
/// `assert_usable`, which adds the keyboard-focus and 360 px phone checks. Each
/// check fails the test with what is wrong and where, and a screenshot.
impl Browser {
    /// Runs axe-core on the page as it is now and fails listing every serious or
    /// critical violation (rule, help, the elements' selectors), after saving
    /// `target/screenshots/axe-<name>.png`.
    pub async fn assert_accessible(&self, name: &str) {
        // The script's text is the body of the function WebDriver runs in the page, so
        // it runs whatever the page's Content-Security-Policy says about scripts (Concord
        // sends `default-src 'self'`; `accessibility.rs` checks an inline script is
        // refused on the same page where axe-core runs).
        let loaded = self
            .client
            .execute(&format!("{AXE}\n;return typeof window.axe;"), vec![])
            .await
            .unwrap_or_else(|e| panic!("{name}: injecting axe-core: {e}"));
        assert_eq!(
            loaded,
            json!("object"),
            "{name}: axe-core is not in the page"
        );
        let found = self
            .client
            .execute_async(RUN_AXE, vec![])
            .await
            .unwrap_or_else(|e| panic!("{name}: running axe-core: {e}"));
        if let Some(error) = found.get("error") {
            panic!("{name}: axe-core failed: {error}");
        }
        let violations = found["violations"].as_array().cloned().unwrap_or_default();
        if violations.is_empty() {
            return;
        }
        let mut report = String::new();
        for v in &violations {
            report.push_str(&format!(
                "\n- {} ({}): {} <{}>",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                v["url"].as_str().unwrap_or("")
            ));
            for node in v["nodes"].as_array().into_iter().flatten() {
                report.push_str(&format!(
                    "\n    {} — {}",
                    node["target"].as_str().unwrap_or("?"),
                    node["why"].as_str().unwrap_or("")
                ));
            }
        }
        self.screenshot(&format!("axe-{name}")).await;
        panic!(
            "{name} ({}): {} serious or critical accessibility violation(s):{report}",
            self.path().await,
            violations.len()
        );
    }

    /// Presses Tab through the page (up to 80 stops, until focus leaves it) and fails
    /// naming any focused element that shows no focus ring (an outline of at least
    /// 2 px, as `:focus-visible` draws it). At least one stop is required: the skip
    /// link. A failure saves `target/screenshots/focus-<name>.png`.
    pub async fn assert_focus_visible(&self, name: &str) {
        // Start from the top of the document, as a keyboard user arriving would.
        self.client
            .execute(
                "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);",
                vec![],
            )
            .await
            .expect("focus reset");
        let mut stops = 0;
        let mut hidden = Vec::new();
        for _ in 0..80 {
            let tab = KeyActions::new("keyboard".into())
                .then(KeyAction::Down {
                    value: Key::Tab.into(),
                })
                .then(KeyAction::Up {
                    value: Key::Tab.into(),
                });
            self.client.perform_actions(tab).await.expect("Tab pressed");
            let focused = self
                .client
                .execute(FOCUSED, vec![])
                .await
                .expect("focus read");
            if focused.is_null() {
                break;
            }
            stops += 1;
            if focused["shown"] != json!(true) {
                hidden.push(format!(
                    "{} ({})",
                    focused["what"].as_str().unwrap_or("?"),
                    focused["why"].as_str().unwrap_or("?")
                ));
            }
        }
        if stops == 0 || !hidden.is_empty() {
            self.screenshot(&format!("focus-{name}")).await;
        }
        assert!(stops > 0, "{name}: Tab reaches nothing on the page");
        assert!(hidden.is_empty(), "{name}: focus not visible on {hidden:?}");
    }

    /// Runs `script` with the window narrowed to a 360 px phone (screenshot
    /// `target/screenshots/phone-<name>.png`, to look at), and restores its size.
    pub async fn on_a_phone(&self, name: &str, script: &str) -> serde_json::Value {
        let (width, height) = self.client.get_window_size().await.expect("window size");
        self.client
            .set_window_size(PHONE_WIDTH, 740)
            .await
            .expect("resized");
        let measured = self.client.execute(script, vec![]).await.expect("measured");
        self.screenshot(&format!("phone-{name}")).await;
        self.client
            .set_window_size(width as u32, height as u32)
            .await
            .expect("size restored");
        measured
    }

    /// Narrows the window to a 360 px phone and fails if the page scrolls sideways,
    /// naming what sticks out.
    pub async fn assert_fits_phone(&self, name: &str) {
        let measured = self.on_a_phone(name, WIDTH).await;
        let px = |key: &str| measured[key].as_f64().unwrap_or(f64::MAX);
        assert!(
            px("window") <= f64::from(PHONE_WIDTH),
            "{name}: the window did not narrow to {PHONE_WIDTH} px: {measured}"
        );
        assert!(
            px("scroll") <= px("client"),
            "{name}: scrolls sideways at {PHONE_WIDTH} px: {measured}"
        );
    }

    /// Every check at once, for the workflow pages: axe-core, focus, a 360 px phone.
    pub async fn assert_usable(&self, name: &str) {
        self.assert_accessible(name).await;
        self.assert_focus_visible(name).await;
        self.assert_fits_phone(name).await;
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
