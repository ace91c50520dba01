//! The text tests, one test binary (each file a module), sharing one build of the crate.

#[path = "../alloc_support/mod.rs"]
mod alloc_support;
#[path = "../fuzzy_support/mod.rs"]
mod fuzzy_support;

mod fuzzy_matchers;
mod fuzzy_rank;
mod props_fuzzy;
mod props_wrap;
mod search_fulltext;
mod text_archive;
mod text_linear;
mod text_markdown;
mod text_markup;
mod text_standards_wrap;
mod text_wrap;
