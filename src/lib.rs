//! magreader: a terminal reader for the archive of *China Standardization*.
//!
//! The layers, bottom up. A module uses only modules above it in this list (the test in
//! `layers` checks every `crate::` path), so each can be read, and tested, without those below:
//!
//! 1. `regular_file` (reading files that must be regular and bounded), `user_dirs` (where a
//!    user's state and cache files go), `term` (terminal output: the frame-diffing backend,
//!    OSC sequences), `standards` (recognising standard designations in text): they need
//!    nothing else of the crate.
//! 2. `archive`: the model and the on-disk format (load, validate, write).
//! 3. `text`: display width, CJK-aware wrapping, Markdown → styled lines.
//! 4. `import` (raw text exports → issues) and `search` (fuzzy titles, full text, the
//!    standards index).
//! 5. `memory`: reading positions, bookmarks and the jump list, saved between runs.
//! 6. `app`: the reader's state, actions and keymap; no terminal.
//! 7. `ui`: drawing the state with ratatui; nothing else.
//! 8. `event_loop`: draw, wait for input, apply it, for any screen and input source.
//! 9. `input`: keys from a terminal's bytes, and the local terminal as an input source.
//! 10. `tui` (the local terminal's life around the loop) and then `serve` (the reader over SSH).
//! 11. `cli`: the commands for scripts; `main.rs` only parses arguments and dispatches.
//!
//! `docs/architecture.md` walks through a key press and says where to add things.

pub mod app;
pub mod archive;
pub mod cli;
pub mod event_loop;
pub mod import;
pub mod input;
pub mod memory;
pub mod regular_file;
pub mod search;
pub mod serve;
pub mod standards;
pub mod term;
pub mod text;
pub mod tui;
pub mod ui;
pub mod user_dirs;

#[cfg(test)]
mod layers;
