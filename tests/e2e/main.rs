//! The e2e tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../hostile_support/mod.rs"]
mod hostile_support;
#[path = "../tmux_support/mod.rs"]
mod tmux_support;

mod e2e_habits;
mod e2e_keyboard;
mod e2e_signals;
mod e2e_sizes;
mod e2e_standards;
mod e2e_stuck_terminal;
mod e2e_tmux;
mod hostile_tmux;
