//! sea-orm entities, one per table.
pub mod event;
pub mod government;
pub mod one_time_token;
pub mod refresh_token;
pub mod user;
