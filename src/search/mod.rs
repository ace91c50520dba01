//! Search over the archive. `fuzzy` ranks article titles (the reader's Ctrl-P jump and
//! `magreader find`); full-text search inside article bodies comes later.

pub mod fuzzy;
