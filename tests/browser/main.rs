//! Browser tests: headless Debian chromium driven through chromedriver (WebDriver),
//! against the real server on a fresh database per test, as the API tests run it.
//! `.ci/run` installs `chromium` and `chromium-driver`; a failing test leaves a
//! screenshot in `target/screenshots/<test>.png`.

// The API tests' harness (spawning the app on a fresh database); this binary uses
// only part of it.
#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

// Builds a dialogue through the API for the workflow pages' tests (in part).
#[allow(dead_code)]
#[path = "../api/fixtures.rs"]
mod fixtures;

mod accessibility;
mod actions;
mod admin;
mod api_docs;
mod calendar;
mod csrf;
mod dialogues;
mod driver;
mod home;
mod languages;
mod passwords;
mod records;
mod reporting;
mod sign_in;
mod story;
mod understandings;
mod workshops;
