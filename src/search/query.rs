//! The query rules shared by in-article search (`/`, `n`, `N`) and full-text search:
//!
//! * **Smartcase**: case-insensitive unless the query has a capital letter.
//! * **Literal**: no character is special (`a.b*` finds `a.b*`).
//! * **Whitespace**: a whitespace run in the query matches any whitespace run in the text
//!   (spaces, tabs, a soft line break, a wrapper's line end), and a line break between two CJK
//!   characters in the text is no space at all, as in the Markdown layout (see `fold`).
//! * An empty (or all-whitespace) query matches nothing.
//!
//! Matches do not overlap; they are byte ranges of the text searched, on character boundaries.

use std::ops::Range;

use memchr::memmem::Finder;

use super::fold::{Folded, wants_exact_case};

/// A parsed query: what to look for in folded text, and how to confirm an exact-case hit.
#[derive(Debug, Clone)]
pub struct Query {
    typed: String,
    /// The query folded with lowercasing: what is searched for in folded text.
    folded: String,
    /// The query folded without lowercasing, when the query asks for exact case.
    exact: Option<String>,
    finder: Finder<'static>,
}

impl Query {
    /// `None` for an empty or all-whitespace query.
    pub fn new(typed: &str) -> Option<Query> {
        if typed.chars().all(super::fold::is_space) {
            return None;
        }
        let folded = Folded::new(typed, true).text;
        let exact = wants_exact_case(typed).then(|| Folded::new(typed, false).text);
        let finder = Finder::new(folded.as_bytes()).into_owned();
        Some(Query {
            typed: typed.to_string(),
            folded,
            exact,
            finder,
        })
    }

    /// The query as typed.
    pub fn as_str(&self) -> &str {
        &self.typed
    }

    /// True when case must match (the query has a capital letter).
    pub fn is_exact_case(&self) -> bool {
        self.exact.is_some()
    }

    /// The query in folded form (lowercased, whitespace runs as one space): what is searched
    /// for in folded text.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The query folded without lowercasing, when it asks for exact case.
    pub(crate) fn exact_folded(&self) -> Option<&str> {
        self.exact.as_deref()
    }

    /// Length in bytes of the folded needle.
    pub fn folded_len(&self) -> usize {
        self.folded.len()
    }

    /// Next candidate at or after `from` in lowercased folded text `hay`.
    pub(crate) fn find_in(&self, hay: &[u8], from: usize) -> Option<usize> {
        self.finder.find(&hay[from..]).map(|i| from + i)
    }

    /// Whether the source text of a candidate really matches (exact case when asked).
    pub(crate) fn confirms(&self, source: &str) -> bool {
        match &self.exact {
            None => true,
            Some(exact) => Folded::new(source, false).text == *exact,
        }
    }

    /// Every match in `text`, in order.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let folded = Folded::new(text, true);
        let hay = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = self.find_in(hay, from) {
            let end = at + self.folded.len();
            let range = folded.to_source(text, at, false)..folded.to_source(text, end, true);
            if self.confirms(&text[range.clone()]) {
                out.push(range);
                from = end;
            } else {
                // A failed exact-case candidate may overlap a real match: step one character.
                from = at + folded.text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }
}

/// Every match of `query` in `text` (see the module docs for the rules); empty for an empty
/// query.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    Query::new(query).map_or_else(Vec::new, |q| q.find_all(text))
}

/// The first match starting at or after byte `pos`, as (index into `matches`, wrapped): when
/// no match starts there, the first match with `wrapped == true`. `None` when there are no
/// matches. For `n` from match `i`, pass `matches[i].start + 1`.
pub fn next_match(matches: &[Range<usize>], pos: usize) -> Option<(usize, bool)> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.start < pos);
    Some(if i < matches.len() {
        (i, false)
    } else {
        (0, true)
    })
}

/// The last match starting before byte `pos`, as (index, wrapped): when none does, the last
/// match with `wrapped == true`. For `N` from match `i`, pass `matches[i].start`.
pub fn prev_match(matches: &[Range<usize>], pos: usize) -> Option<(usize, bool)> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.start < pos);
    Some(match i.checked_sub(1) {
        Some(k) => (k, false),
        None => (matches.len() - 1, true),
    })
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
