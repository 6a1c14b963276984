//! What pages and emails share: the words (Fluent bundles), dates and times in the
//! reader's and the venue's zone, and calendar files. Both doors that show things to
//! people (`web`, `notify`) import this; it imports neither.
pub mod calendar;
pub mod diff;
pub mod i18n;
pub mod iati;
pub mod ics;
pub mod solar_hijri;
pub mod when;
