//! IATI Activity Standard 2.03: the code lists, a dialogue's reporting fields, and the
//! dialogue as an activity. See `vendor/iati/README.md` for the sources.
pub mod activity;
pub mod codelists;
pub mod reporting;
