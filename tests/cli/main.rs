//! The cli tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../tmux_support/mod.rs"]
mod tmux_support;

mod cli_builtin;
mod cli_commands;
mod cli_docs;
mod cli_hostile;
mod cli_import;
mod cli_json;
mod cli_pager;
mod cli_refusals;
mod cli_search;
mod cli_show_breaks;
mod cli_standards;
