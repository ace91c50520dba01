//! Search over the archive. `fuzzy` ranks article titles (the reader's Ctrl-P jump and
//! `magreader find`); full-text search inside article bodies comes later.

pub mod fuzzy;
// Full-text and in-article search (issue 4): `find` (query rules, `find_all`, next/prev
// match), `fold` (searchable text), `fulltext` (the index), `snippet`, `job` (background).
pub mod find;
pub mod fold;
pub mod fulltext;
pub mod job;
pub mod snippet;
