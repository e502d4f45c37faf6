//! Virast: editorial review of Persian-to-English news translation.

pub mod cli;
pub mod export;
pub mod import;
pub mod segment;
pub mod store;
