//! One integration-test binary: every test starts the real server on a fresh database.
mod auth;
mod config;
mod errors;
mod fixtures;
mod health;
mod helpers;
mod projects;
mod users;
