//! Search over the archive. `fuzzy` ranks article titles (the reader's Ctrl-P jump and
//! `magreader find`) and `fulltext` searches the articles' text.

pub mod fuzzy;
// The fuzzy jump's internals: interned texts, nucleo scoring, top-N ranking.
mod fuzzy_rank;
mod fuzzy_score;
mod fuzzy_texts;
pub mod fuzzy_typo;
// Full-text and in-article search: `query` (query rules, `find_all`, next/prev
// match), `fold` (searchable text), `fulltext` (the index), `snippet`, `job` (background).
pub mod fold;
pub mod fulltext;
pub mod job;
pub mod query;
// The quick path of `magreader search`: a raw-byte prefilter, then a parallel scan, which
// skips the bodies a sketch says lack a Chinese query's characters.
pub mod prefilter;
pub mod raw_cjk;
pub mod raw_match;
pub mod scan;
pub mod sketch;
pub mod snippet;
pub mod standards;
