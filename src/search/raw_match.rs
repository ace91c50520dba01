//! Matching a query of ASCII words on a text's raw bytes, without folding the text: the
//! quick path of `magreader search` for the common case, an English word or phrase.
//!
//! Folding (see `fold`) can only change what an ASCII query matches in three ways, and each is
//! handled here on the raw bytes, so the hits are exactly those [`Query::find_all`] finds in the
//! folded text (a test compares the two on random texts):
//!
//! * **Case**: ASCII letters are compared in a lowercased copy of the bytes (the prefilter
//!   makes it), or as they are when the query asks for exact case. The two non-ASCII characters
//!   whose lowercase is ASCII (the Kelvin sign and `İ`) are left to the careful path: the
//!   prefilter sends a text holding one the query could need there.
//! * **Whitespace**: a space of the query is a whole run of whitespace characters (Unicode
//!   whitespace and NUL, ASCII or not) in the text, as folding makes it one space. A match that
//!   starts with a space starts where the run does; one that ends with a space ends after the
//!   run's first character (what mapping the folded hit back gives), and the next match is
//!   looked for after the whole run.
//! * **CJK line breaks**: folding drops a line break between two wide characters, but an ASCII
//!   query's characters are never wide, so no match can take in a dropped break.
//!
//! Everything else in the text, Chinese included, can only sit outside a match of ASCII words,
//! so it need not be folded at all.

use std::ops::Range;

use memchr::memmem::Finder;

use super::fold::is_space;
use super::query::Query;

/// A query of ASCII words, split the way folding spaces it.
#[derive(Debug, Clone)]
pub struct RawQuery {
    /// The folded query starts (ends) with a space: a whitespace run before (after) the words.
    lead: bool,
    trail: bool,
    /// The words, lowercase; compared in the lowercased copy of the text.
    words: Vec<Vec<u8>>,
    /// The words as typed, when case must match exactly; compared in the raw text.
    exact: Option<Vec<Vec<u8>>>,
    first: Finder<'static>,
    /// The first word as typed, for an exact-case query.
    exact_first: Option<Finder<'static>>,
}

impl RawQuery {
    /// `None` unless the folded query is ASCII.
    pub fn new(query: &Query) -> Option<RawQuery> {
        let folded = query.folded();
        if !folded.is_ascii() {
            return None;
        }
        let split = |s: &str| -> Vec<Vec<u8>> {
            s.split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| w.as_bytes().to_vec())
                .collect()
        };
        let words = split(folded);
        // A capital that is not ASCII (the Kelvin sign lowercases to `k`) leaves it to the
        // careful path.
        if query.exact_folded().is_some_and(|e| !e.is_ascii()) {
            return None;
        }
        let exact = query.exact_folded().map(split);
        if words.is_empty() || exact.as_ref().is_some_and(|e| e.len() != words.len()) {
            return None;
        }
        Some(RawQuery {
            lead: folded.starts_with(' '),
            trail: folded.ends_with(' '),
            first: Finder::new(&words[0]).into_owned(),
            exact_first: exact.as_ref().map(|e| Finder::new(&e[0]).into_owned()),
            words,
            exact,
        })
    }

    /// Every match in `raw` (valid UTF-8), whose ASCII-lowercased copy is `lower`, given that
    /// none has its first word before byte `at`: the ranges [`Query::find_all`] gives on the
    /// whole text.
    pub fn find_all(&self, raw: &[u8], lower: &[u8], at: usize) -> Vec<Range<usize>> {
        debug_assert_eq!(raw.len(), lower.len());
        self.find_from(raw, lower, &self.first, at)
    }

    /// For a query with a capital letter (exact case): every match in `raw`, found in the raw
    /// bytes themselves, with no lowercased copy and no prefilter. Exact case can match no
    /// character that only lowercases to ASCII (the Kelvin sign, `İ`), so none needs the
    /// careful path. `None` for a query that ignores case.
    pub fn find_all_exact(&self, raw: &[u8]) -> Option<Vec<Range<usize>>> {
        let first = self.exact_first.as_ref()?;
        Some(self.find_from(raw, raw, first, 0))
    }

    /// The matches whose first word `first` finds in `lower` (the lowercased copy of `raw`,
    /// or for an exact-case query `raw` itself) from `at` on.
    fn find_from(
        &self,
        raw: &[u8],
        lower: &[u8],
        first: &Finder<'_>,
        at: usize,
    ) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        // No match may start before `from` (the end of the previous one).
        let mut from = 0;
        let mut p = at.min(lower.len());
        while let Some(i) = first.find(&lower[p..]).map(|i| p + i) {
            p = i + 1;
            let start = if self.lead {
                let s = run_start(raw, i);
                if s == i || s < from {
                    continue;
                }
                s
            } else {
                i
            };
            if let Some((end, next)) = self.rest_from(raw, lower, i) {
                out.push(start..end);
                from = next;
                p = next;
            }
        }
        out
    }

    /// With the first word at `i`: the match's end and where the next may start, when the
    /// other words (and a trailing space) follow.
    fn rest_from(&self, raw: &[u8], lower: &[u8], i: usize) -> Option<(usize, usize)> {
        let mut j = i;
        for (n, word) in self.words.iter().enumerate() {
            if n > 0 {
                let k = run_end(raw, j);
                if k == j {
                    return None;
                }
                j = k;
            }
            let here = match &self.exact {
                Some(exact) => raw[j..].starts_with(&exact[n]),
                None => lower[j..].starts_with(word),
            };
            if !here {
                return None;
            }
            j += word.len();
        }
        if !self.trail {
            return Some((j, j));
        }
        let k = run_end(raw, j);
        if k == j {
            return None;
        }
        Some((j + utf8_len(raw[j]), k))
    }
}

/// Length of the UTF-8 character that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The character of `raw` (valid UTF-8) starting at `i`.
fn char_at(raw: &[u8], i: usize) -> char {
    let b = raw[i];
    if b < 0x80 {
        return b as char;
    }
    let end = (i + utf8_len(b)).min(raw.len());
    std::str::from_utf8(&raw[i..end])
        .ok()
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{fffd}')
}

/// Where the whitespace run starting at `i` ends (`i` when there is none).
fn run_end(raw: &[u8], mut i: usize) -> usize {
    while i < raw.len() {
        let b = raw[i];
        let len = utf8_len(b);
        let space = if b < 0x80 {
            matches!(b, b'\t'..=b'\r' | b' ' | 0)
        } else {
            is_space(char_at(raw, i))
        };
        if !space {
            break;
        }
        i += len;
    }
    i
}

/// Where the whitespace run ending at `i` starts (`i` when there is none).
fn run_start(raw: &[u8], mut i: usize) -> usize {
    while i > 0 {
        let b = raw[i - 1];
        if b < 0x80 {
            if !matches!(b, b'\t'..=b'\r' | b' ' | 0) {
                break;
            }
            i -= 1;
            continue;
        }
        let mut s = i - 1;
        while s > 0 && raw[s] & 0xc0 == 0x80 {
            s -= 1;
        }
        if !is_space(char_at(raw, s)) {
            break;
        }
        i = s;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn raw_hits(text: &str, q: &str) -> Option<Vec<Range<usize>>> {
        let query = Query::new(q)?;
        let rq = RawQuery::new(&query)?;
        let found = rq.find_all(text.as_bytes(), &text.as_bytes().to_ascii_lowercase(), 0);
        // An exact-case query finds the same in the raw bytes alone.
        if let Some(exact) = rq.find_all_exact(text.as_bytes()) {
            assert_eq!(exact, found, "{q:?} in {text:?}");
        }
        Some(found)
    }

    #[test]
    fn spaces_take_whole_runs_and_ends_follow_the_folded_mapping() {
        let t = "the  International\u{3000}\nStandards\u{a0} body";
        let q = "international standards ";
        assert_eq!(raw_hits(t, q), Some(Query::new(q).unwrap().find_all(t)));
        assert_eq!(raw_hits(t, q).unwrap()[0], 5..33);
        let q = " standards";
        assert_eq!(raw_hits(t, q), Some(Query::new(q).unwrap().find_all(t)));
    }

    #[test]
    fn overlapping_first_words_are_each_tried() {
        let want: Vec<Range<usize>> = std::iter::once(1..5).collect();
        assert_eq!(raw_hits("aaa b", "aa b"), Some(want.clone()));
        assert_eq!(Query::new("aa b").unwrap().find_all("aaa b"), want);
    }

    #[test]
    fn non_ascii_queries_take_the_careful_path() {
        assert!(raw_hits("标准化", "标准化").is_none());
        assert!(raw_hits("café", "café").is_none());
    }

    /// Text made of what could make raw and folded matching part: case, ASCII and Unicode
    /// whitespace runs and NUL, CJK around line breaks, characters that lowercase to other
    /// lengths, punctuation.
    const TEXT: &str =
        "([a-cA-C]{1,4}|[ \t\n\r]{1,3}|\0|\u{3000}|\u{a0}|\u{85}|[标准]{1,2}|[σΣÄä\u{307}é]|[.,])";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        #[test]
        fn raw_matching_finds_what_folding_finds(
            text in proptest::string::string_regex(&format!("{TEXT}{{0,30}}")).unwrap(),
            query in "[ \t]?[a-cA-C.]{1,3}([ \n][a-cA-C]{1,3}){0,2}[ ]?",
        ) {
            let Some(q) = Query::new(&query) else { return Ok(()) };
            let want = q.find_all(&text);
            let got = raw_hits(&text, &query).expect("an ASCII query");
            prop_assert_eq!(got, want, "{:?} in {:?}", query, text);
        }
    }
}
