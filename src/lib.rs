//! Virast: editorial review of Persian-to-English news translation.

pub mod fonts;
pub mod rtl;
