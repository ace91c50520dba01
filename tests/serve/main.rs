//! The serve tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../serve_support/mod.rs"]
mod serve_support;

mod serve_input_flood;
mod serve_load;
mod serve_refusals;
mod serve_session;
