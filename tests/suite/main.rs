//! All integration tests in one binary: each former `tests/*.rs` file is a module here, so the
//! suite links eframe once instead of once per file. Run one group with
//! `cargo test --test suite desk_handoff::`.

mod common;
mod store_common;

mod align_cli;
mod align_stories;
mod check_cli;
mod cli;
mod crash;
mod desk;
mod desk_about;
mod desk_align;
mod desk_clock;
mod desk_handoff;
mod desk_memory;
mod desk_merge;
mod desk_persian;
mod desk_qa;
mod desk_qa_paragraph;
mod desk_safety;
mod desk_spell;
mod fribidi;
mod fuzz_store;
mod fuzz_xliff;
mod glossary_cli;
mod hostile_doors;
mod interop_cli;
mod memory_cli;
mod merge_git;
mod mqm_cli;
mod package;
mod persian_widget;
mod qa_bounded;
mod qa_realnews;
mod qa_sample;
mod qa_stories;
mod report_chromium;
mod store;
mod store_integrity;
mod store_migrations;
mod widget_settles;
