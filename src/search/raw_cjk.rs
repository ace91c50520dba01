//! Matching a query of Chinese characters on a text as it is, without folding it: the quick
//! path of `magreader search` for a Chinese word or phrase.
//!
//! Folding (see `fold`) changes three things, and for a query made only of wide characters
//! that have no case (CJK ideographs and punctuation, kana) only one of them can touch a match:
//!
//! * **Case**: lowercasing changes no character of the query, and no other character into one.
//! * **Whitespace runs** become one space, but the query has no whitespace, so a run is a
//!   barrier a match cannot cross either way.
//! * **A line break between two wide characters disappears** (a whitespace run holding `\n`
//!   or `\r`, with a wide character on each side). A match may run across such a run.
//!
//! So the matches are those of the query in the text with those runs cut out, mapped back: a
//! match's start after a cut is where the text goes on, its end before a cut is where the text
//! before it stopped, as `fold::map_back` reads them. A text with no such run is searched as it
//! is. A test compares the hits with [`Query::find_all`] on random texts.

use std::ops::Range;

use memchr::memmem::Finder;
use unicode_width::UnicodeWidthChar;

use super::fold::is_space;
use super::query::Query;

/// A query of caseless wide characters (see the module docs).
#[derive(Debug, Clone)]
pub struct CjkQuery {
    finder: Finder<'static>,
    /// The query's first character: a text without it has no match.
    first: Finder<'static>,
}

impl CjkQuery {
    /// `None` unless every character of the folded query is a caseless wide character.
    pub fn new(query: &Query) -> Option<CjkQuery> {
        let folded = query.folded();
        if folded.is_empty() || query.is_exact_case() || !folded.chars().all(caseless_wide) {
            return None;
        }
        let first = folded.chars().next()?;
        Some(CjkQuery {
            finder: Finder::new(folded.as_bytes()).into_owned(),
            first: Finder::new(first.encode_utf8(&mut [0; 4]).as_bytes()).into_owned(),
        })
    }

    /// Whether `raw` may hold a match: it holds the query's first character.
    pub fn may_match(&self, raw: &[u8]) -> bool {
        self.first.find(raw).is_some()
    }

    /// Every match in `text`: the ranges [`Query::find_all`] gives.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let cuts = joined_runs(text);
        if cuts.is_empty() {
            let n = self.finder.needle().len();
            return self
                .finder
                .find_iter(text.as_bytes())
                .map(|at| at..at + n)
                .collect();
        }
        // The text with the runs cut out; per cut, where it is in that text and how many
        // bytes were cut out up to and with it.
        let mut joined = Vec::with_capacity(text.len());
        let mut at_cut = Vec::with_capacity(cuts.len());
        let (mut from, mut removed) = (0, 0);
        for r in &cuts {
            joined.extend_from_slice(&text.as_bytes()[from..r.start]);
            removed += r.len();
            at_cut.push((joined.len(), removed));
            from = r.end;
        }
        joined.extend_from_slice(&text.as_bytes()[from..]);
        // Source offset of joined position `p`: a start after every cut at or before it, an
        // end after the cuts strictly before it.
        let to_source = |p: usize, end: bool| {
            let k = if end {
                at_cut.partition_point(|&(c, _)| c < p)
            } else {
                at_cut.partition_point(|&(c, _)| c <= p)
            };
            p + k.checked_sub(1).map_or(0, |k| at_cut[k].1)
        };
        let n = self.finder.needle().len();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = self.finder.find(&joined[from..]) {
            let at = from + i;
            out.push(to_source(at, false)..to_source(at + n, true));
            from = at + n;
        }
        out
    }
}

/// A character the quick path handles: wide, not whitespace, and without case (lowercasing
/// leaves it and is not asked for it: the range folding skips the case tables for).
fn caseless_wide(c: char) -> bool {
    ('\u{3000}'..='\u{9FFF}').contains(&c) && !is_space(c) && c.width() == Some(2)
}

/// The whitespace runs folding drops from `text`: those holding a line break, between two
/// wide characters; in order.
fn joined_runs(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // The end of the last run looked at: later breaks in it are part of it.
    let mut seen = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if i < seen {
            continue;
        }
        // The whole run around the break.
        let mut start = i;
        let mut before = None;
        for (j, c) in text[..i].char_indices().rev() {
            if is_space(c) {
                start = j;
            } else {
                before = Some(c);
                break;
            }
        }
        let mut end = i;
        let mut after = None;
        for (j, c) in text[i..].char_indices() {
            if is_space(c) {
                end = i + j + c.len_utf8();
            } else {
                after = Some(c);
                break;
            }
        }
        seen = end;
        let wide = |c: Option<char>| c.is_some_and(|c| c.width() == Some(2));
        if wide(before) && wide(after) {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(query: &str, text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let q = Query::new(query).unwrap();
        let cjk = CjkQuery::new(&q).expect("a CJK query");
        (cjk.find_all(text), q.find_all(text))
    }

    #[test]
    fn only_caseless_wide_queries_take_the_quick_path() {
        for q in ["标准化", "标准。", "「标准」"] {
            assert!(CjkQuery::new(&Query::new(q).unwrap()).is_some(), "{q}");
        }
        for q in ["标准 化", "ISO标准", "标准a", "ｂ", "ﾊﾟ"] {
            assert!(CjkQuery::new(&Query::new(q).unwrap()).is_none(), "{q}");
        }
    }

    #[test]
    fn a_match_runs_across_a_dropped_line_break_and_not_across_a_space() {
        for text in [
            "国家标准化管理委员会",
            "国家标\n准化管理",
            "国家标 \n\t准\r\n化管理",
            "标准化。\n\n标准化",
            "标准 化",
            "a标准\n化b",
            "标准\nx化",
            "\n标准化\n",
        ] {
            let (quick, careful) = both("标准化", text);
            assert_eq!(quick, careful, "{text:?}");
        }
        let (quick, _) = both("标准化", "国家标\n准化");
        assert_eq!(quick, vec![6..16]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn the_quick_path_finds_what_folding_finds(
            text in "[标准化。a \n\r\t\u{3000}\u{a0}\u{0}İK]{0,40}",
            query in "[标准化。]{1,3}",
        ) {
            let (quick, careful) = both(&query, &text);
            proptest::prop_assert_eq!(quick, careful);
        }
    }
}
