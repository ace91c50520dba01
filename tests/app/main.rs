//! The app tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../alloc_support/mod.rs"]
mod alloc_support;
#[path = "../app_support/mod.rs"]
mod app_support;

mod app_fuzzy;
mod app_habits;
mod app_keymap;
mod app_links;
mod app_memory;
mod app_search;
mod app_state;
mod app_work;
