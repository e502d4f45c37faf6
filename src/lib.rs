//! Virast: editorial review of Persian-to-English news translation.

pub mod segment;
