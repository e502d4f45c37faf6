//! Virast: editorial review of Persian-to-English news translation.
//!
//! The pure core ([`model`], [`search`]) has no GUI dependency; see `ARCHITECTURE.md`.

pub mod model;
pub mod qa;
pub mod search;
