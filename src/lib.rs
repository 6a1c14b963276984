//! Concord: a multi-government policy dialogue run as a guarded, audited workflow.
pub mod api;
pub mod app;
pub mod auth;
pub mod config;
pub mod credentials;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod notify;
pub mod present;
pub mod secret;
pub mod server;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod web;

pub use app::App;
pub use config::Settings;
pub use state::AppState;
