//! Who is asking: sign-in, refresh tokens, page sessions, password resets, and the
//! `CurrentUser` every door extracts. The hashing and token signing they use live in
//! `credentials`, which the shared state holds without importing this module.
pub mod accounts;
pub mod current_user;
pub mod login;
pub mod reader;
pub mod reset;
pub mod session;

pub use current_user::CurrentUser;
