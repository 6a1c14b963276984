//! Files a dialogue's data leaves Concord in, for other programs: built from what the
//! store's export reads (`store::exports`) and served by both doors.
pub mod csv;
