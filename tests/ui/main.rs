//! The ui tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../app_support/mod.rs"]
mod app_support;

mod props_render;
mod term_vt100;
mod ui_archive_text;
mod ui_habits;
mod ui_render;
mod ui_search;
mod ui_standards;
mod ui_tables;
