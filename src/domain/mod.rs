//! Pure rules: roles, validation and (later) the dialogue's state machines. No I/O here.
pub mod role;
pub mod validation;
