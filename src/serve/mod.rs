//! `magreader serve`: the reader over SSH for many readers at once, with no shell accounts.
//!
//! Each SSH session with a PTY gets its own reader, the same `App` and event loop as the
//! local one (`tui::event_loop`), with keys decoded from the channel (`crate::input`, as for the local reader) and frames
//! written back to it (`output`). The archive is loaded and indexed once and shared.
//! Everything that is not reading is refused (`handler`). Limits: sessions in all and per
//! address (`limits`), sign-in attempts, rejection delay and a login grace period (`server`),
//! an idle timeout, and bounded output per session (`output`).
//!
//! Files: `config` (flags and defaults), `hostkey`, `auth` (authorized_keys), `shared`,
//! `session` (one reader), `channel_events` (its keys and idle timeout), `server` (accept
//! loop, shutdown).

pub mod auth;
mod channel_events;
pub mod config;
mod error;
pub mod handler;
pub mod hostkey;
pub mod limits;
pub mod output;
pub mod server;
pub mod session;
pub mod shared;

pub use config::{Access, ServeConfig};
pub use error::ServeError;
pub use server::run;
