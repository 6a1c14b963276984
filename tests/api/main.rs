//! One integration-test binary: every test starts the real server on a fresh database.
mod actions;
mod audit;
mod auth;
mod concurrency;
mod config;
mod demo;
mod errors;
mod fixtures;
mod health;
mod helpers;
mod password;
mod permissions;
mod projects;
mod story;
mod understandings;
mod users;
mod workshops;
