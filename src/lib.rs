//! magreader: a terminal reader for the archive of *China Standardization*.
//!
//! Layers, bottom up: `archive` (model + on-disk format), `import` (raw text → issues), `text`
//! (display width, CJK-aware wrapping, Markdown → styled lines), `search`, `app` (reader state,
//! actions, keymap; no terminal), `ui` (rendering only), `input` (keys from terminal bytes),
//! `term` (terminal output), `tui` (terminal + event loop), `cli`, `serve`. Beside them:
//! `memory` (reading positions and bookmarks) and `regular_file` (reading archive and state
//! files that must be regular and bounded).

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
