//! Virast: editorial review of Persian-to-English news translation.
//!
//! The pure core ([`model`], [`segment`], [`import`], [`store`], [`export`], [`search`], the
//! layout core of [`rtl`]) has no GUI dependency; see `ARCHITECTURE.md`.

pub mod align;
pub mod glossary;
pub mod model;
pub mod qa;
pub mod search;
pub mod spell;

pub mod cli;
pub mod export;
pub mod import;
pub mod interop;
pub mod memory;
pub mod merge;
pub mod mqm;
pub mod segment;
pub mod store;

pub mod app;
pub mod fonts;
pub mod rtl;
pub mod ui;
