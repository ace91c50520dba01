//! Standards cross-reference: the standard designations an article mentions, and every article
//! that mentions a standard.
//!
//! `bodies` holds the tables of what counts (bodies, number shapes, words that make a number
//! something else); `recognise` reads text with them; `query` says which standards a query
//! names. This needs nothing else of the crate, so the text layout can keep a designation
//! whole; `search::standards` gathers an archive's mentions by standard. A designation is grouped by its
//! undated form (`ISO/IEC 42001:2023`, `ISO/IEC 42001-2023` and `ISO/IEC 42001` are one
//! standard) and its editions are kept.

pub mod bodies;
pub mod query;
pub mod recognise;

pub use query::StandardQuery;
pub use recognise::{Found, recognise};

#[cfg(test)]
mod recognise_tests;
