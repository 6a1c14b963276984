//! Who is asking: password hashes, access tokens, refresh tokens and sign-in.
pub mod current_user;
pub mod jwt;
pub mod login;
pub mod password;
pub mod reset;
pub mod session;

pub use current_user::CurrentUser;
