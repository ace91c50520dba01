//! Matches of an in-article search in the laid-out article: what the reader sees is what it
//! searches. Each block (a run of non-blank lines: a paragraph, a heading, the title block) is
//! joined back into one string, searched with the query rules of `search::query`, and each
//! match is mapped back to (line, byte in the line's text), so a phrase the wrapper split over
//! two lines matches and both parts are highlighted.
//!
//! Lines are joined with `\n` where the wrapper broke at a space (a query's space matches it),
//! and with nothing where the source had no space there (a CJK break, a long word split), so
//! the joined block reads like the text before wrapping. Layout prefixes (list markers,
//! indents, quote bars) are left out.
//!
//! Matches also get an estimated offset into the body, so a full-text hit (a body offset) can
//! be paired with the match it is, and the current match survives a re-wrap.

use std::ops::Range;

use crate::search::query::Query;

use super::article::{ArticleLine, ArticleRef};

/// A place in the laid-out article: a line and a byte offset into that line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinePos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMatch {
    pub start: LinePos,
    /// Exclusive.
    pub end: LinePos,
    /// Estimated byte offset of the match in the article body (`None` in the title block).
    pub source: Option<usize>,
}

/// The in-article search: a query and where it matches in one article at one width.
#[derive(Debug, Clone)]
pub struct ArticleSearch {
    pub query: Query,
    /// The article and text width `matches` were found for.
    pub at: ArticleRef,
    pub width: u16,
    /// In text order, not overlapping.
    pub matches: Vec<TextMatch>,
    /// The match last moved to (`n`, `N`, typing), if any.
    pub current: Option<usize>,
    /// `Esc` hid the highlights; the query stays for `n` / `N`, which show them again.
    pub hidden: bool,
}

impl ArticleSearch {
    pub fn new(
        query: Query,
        at: ArticleRef,
        width: u16,
        lines: &[ArticleLine],
        body: &str,
    ) -> Self {
        let matches = find_in_lines(lines, body, &query);
        ArticleSearch {
            query,
            at,
            width,
            matches,
            current: None,
            hidden: false,
        }
    }

    /// Byte ranges of line `line`'s text to highlight, with whether each belongs to the current
    /// match. `text_len` is the length of the line's text.
    pub fn segments(&self, line: usize, text_len: usize) -> Vec<(Range<usize>, bool)> {
        let first = self.matches.partition_point(|m| m.end.line < line);
        self.matches[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.start.line <= line)
            .filter_map(|(k, m)| {
                let from = if m.start.line == line { m.start.col } else { 0 };
                let to = if m.end.line == line {
                    m.end.col
                } else {
                    text_len
                };
                (from < to).then(|| (from..to.min(text_len), self.current == Some(first + k)))
            })
            .collect()
    }

    /// The match whose body offset is nearest `offset` (ties: the earlier one); `None` when no
    /// match is in the body.
    pub fn nearest(&self, offset: usize) -> Option<usize> {
        self.matches
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.source.map(|s| (s.abs_diff(offset), i)))
            .min()
            .map(|(_, i)| i)
    }
}

/// Where a block's piece of text came from: bytes `at..at + len` of the block string are
/// bytes `col..col + len` of line `line`'s text.
struct Piece {
    at: usize,
    line: usize,
    col: usize,
    len: usize,
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Every match of `query` in `lines` (laid out from an article whose body is `body`).
pub fn find_in_lines(lines: &[ArticleLine], body: &str, query: &Query) -> Vec<TextMatch> {
    let texts: Vec<String> = lines.iter().map(ArticleLine::text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_blank(&texts[i]) {
            i += 1;
            continue;
        }
        let mut block = String::new();
        let mut pieces = Vec::new();
        let mut j = i;
        while j < lines.len() && !is_blank(&texts[j]) {
            let prefix = lines[j].prefix.min(texts[j].len());
            let part = &texts[j][prefix..];
            if j > i && !joins_without_space(&lines[j - 1], &texts[j - 1], &lines[j], part, body) {
                block.push('\n');
            }
            pieces.push(Piece {
                at: block.len(),
                line: j,
                col: prefix,
                len: part.len(),
            });
            block.push_str(part);
            j += 1;
        }
        for r in query.find_all(&block) {
            let start = to_line(&pieces, r.start, false);
            let end = to_line(&pieces, r.end, true);
            let source = source_at(&lines[start.line], &texts[start.line], start.col, body);
            out.push(TextMatch { start, end, source });
        }
        i = j;
    }
    out
}

/// Maps a byte of a block string to a line position. A match's end at a piece boundary stays
/// on the earlier line; a position inside a joining `\n` is clamped to its line's end.
fn to_line(pieces: &[Piece], at: usize, end: bool) -> LinePos {
    let k = if end {
        pieces.partition_point(|p| p.at < at)
    } else {
        pieces.partition_point(|p| p.at <= at)
    }
    .max(1)
        - 1;
    let p = &pieces[k];
    LinePos {
        line: p.line,
        col: p.col + (at.saturating_sub(p.at)).min(p.len),
    }
}

/// Whether the wrapper split `prev` and `next` where the source has no whitespace: `next`'s
/// first character sits in the body at `next.pos` and the byte before it is not whitespace
/// (a CJK line break, a split word, a break after a hyphen). Title lines have no body offsets
/// and always join with a space.
fn joins_without_space(
    prev: &ArticleLine,
    prev_text: &str,
    next: &ArticleLine,
    next_part: &str,
    body: &str,
) -> bool {
    let (Some(q), Some(p)) = (prev.pos, next.pos) else {
        return false;
    };
    let Some(first) = next_part.chars().next() else {
        return false;
    };
    p > q
        && !first.is_whitespace()
        && !prev_text.ends_with(char::is_whitespace)
        && body.get(p..).is_some_and(|rest| rest.starts_with(first))
        && body
            .get(..p)
            .and_then(|before| before.chars().next_back())
            .is_some_and(|c| !c.is_whitespace())
}

/// How far ahead in the body a character of the line is looked for: markup between two
/// characters (`**`, `*`, a backslash escape, an entity) is short.
const ALIGN_WINDOW: usize = 24;

/// Estimated body offset of byte `col` of `line`'s text, found by walking the line's text and
/// the body from the line's start together, skipping body bytes that are markup. Exact for
/// plain prose; close (within the markup skipped) otherwise.
pub fn source_at(line: &ArticleLine, text: &str, col: usize, body: &str) -> Option<usize> {
    let mut s = line.pos?.min(body.len());
    while !body.is_char_boundary(s) {
        s -= 1;
    }
    let from = line.prefix.min(col);
    let upto = text.get(from..col).unwrap_or("");
    let find = |s: usize, c: char| {
        let mut end = (s + ALIGN_WINDOW).min(body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        body[s..end].find(c).map(|k| s + k)
    };
    for c in upto.chars() {
        let rest = body.get(s..).unwrap_or("");
        if c.is_whitespace() {
            s += rest.len() - rest.trim_start().len();
            continue;
        }
        s = match find(s, c) {
            Some(k) => k + c.len_utf8(),
            None => (s + c.len_utf8()).min(body.len()),
        };
        while !body.is_char_boundary(s) {
            s += 1;
        }
    }
    // Land on the character at `col` itself, past markup in front of it (`**Figure`).
    let at = text.get(col..).and_then(|t| t.chars().next());
    Some(at.and_then(|c| find(s, c)).unwrap_or(s))
}

#[cfg(test)]
#[path = "matches_tests.rs"]
mod tests;
