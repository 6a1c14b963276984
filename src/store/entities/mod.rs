//! sea-orm entities, one per table.
pub mod action;
pub mod action_government;
pub mod action_progress;
pub mod endorsement;
pub mod event;
pub mod government;
pub mod one_time_token;
pub mod outbox;
pub mod phase;
pub mod project;
pub mod project_government;
pub mod refresh_token;
pub mod understanding;
pub mod user;
pub mod workshop;
pub mod workshop_government;
pub mod workshop_outcome;
