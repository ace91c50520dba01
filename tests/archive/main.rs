//! The archive tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../alloc_support/mod.rs"]
mod alloc_support;
#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../hostile_support/mod.rs"]
mod hostile_support;

mod hostile_archive;
mod hostile_import;
mod hostile_interrupt;
mod hostile_sizes;
mod import_fidelity;
mod import_golden;
mod import_markup;
mod import_props;
mod import_stages;
mod import_variants;
mod load_damaged;
mod load_fast_path;
mod memory_crash;
mod props_loader;
