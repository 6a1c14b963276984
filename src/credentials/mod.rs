//! The secrets' machinery: argon2id password hashes and signed access tokens. Held by
//! the shared state; knows nothing of requests, sessions or the database.
pub mod jwt;
pub mod password;
