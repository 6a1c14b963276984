//! Pure rules: roles, validation and the dialogue's five state machines. No I/O here:
//! every guard decides from the state, the facts the store loaded and the actor.
pub mod action;
pub mod attention;
pub mod commands;
pub mod iati;
pub mod machine;
pub mod named;
pub mod operations;
pub mod phase;
pub mod preference;
pub mod problem;
pub mod project;
#[cfg(test)]
mod properties;
pub mod refusal;
pub mod role;
pub mod text;
pub mod transition;
pub mod understanding;
pub mod validation;
pub mod workshop;
