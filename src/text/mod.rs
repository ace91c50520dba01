//! Text layout: display width, sanitising, CJK-aware wrapping, Markdown → styled lines.
//!
//! Everything here is pure (no terminal): `sanitize` neutralises control characters and escape
//! sequences, `width` measures like ratatui's buffer, `wrap` breaks a paragraph into lines
//! (UAX #14 + clreq line-start/line-end rules from `kinsoku`), `markdown` turns an article body
//! into styled lines for both the reader and `magreader show`.

pub mod clusters;
pub mod html;
mod kinsoku;
pub mod links;
pub mod markdown;
pub mod sanitize;
mod styled;
mod table;
pub mod tex;
pub mod unbroken;
pub mod urls;
pub mod width;
pub mod wrap;
