//! A one-line snippet around a hit, for result lists: the hit with some context from the same
//! paragraph, whitespace collapsed, neutralised for the terminal, cut to a display width.

use std::ops::Range;

use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};
use unicode_segmentation::UnicodeSegmentation;

use super::fold::{DOUBLE_SPACE, Folded, is_blank, is_plain};
use crate::archive::model::CAPTION_MARK;
use crate::text::clusters::Clusters;
use crate::text::sanitize::sanitize;
use crate::text::width::{grapheme_width, str_width, str_width_past};

/// Marks text cut off at either end of a snippet.
pub const ELLIPSIS: &str = "…";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// One line: no newline, no control character, no escape sequence.
    pub text: String,
    /// Byte range of the hit in `text`, for highlighting.
    pub hit: Range<usize>,
}

/// The snippet for the hit at byte `range` of `text`, at most `width` display columns wide
/// (the hit itself is cut if it alone is wider). Context comes from the hit's paragraph (up to
/// the blank lines around it), about a third of the spare room before the hit and the rest
/// after, cut at a space where one is near, with `…` where text was left out.
pub fn snippet(text: &str, range: Range<usize>, width: usize) -> Snippet {
    snippet_with(text, range, width, true)
}

/// [`snippet`]; `quick` cleans only the context the snippet can show when that is sure to give
/// the same result (see [`quick_after`]), which a test checks against `quick == false`.
fn snippet_with(text: &str, range: Range<usize>, width: usize, quick: bool) -> Snippet {
    let width = width.max(2);
    // Context is looked for only this near the hit: a snippet is one line, and a paragraph
    // may be megabytes long (a damaged import), which would make every snippet slow.
    let near = CONTEXT_BYTES.max(width * 8);
    let lo = floor_boundary(text, range.start.saturating_sub(near));
    let hi = ceil_boundary(text, range.end.saturating_add(near));
    static BLANK_LINE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\n\n"));
    static BLANK_LINE_BACK: LazyLock<FinderRev<'static>> =
        LazyLock::new(|| FinderRev::new(b"\n\n"));
    let para_start = BLANK_LINE_BACK
        .rfind(&text.as_bytes()[lo..range.start])
        .map_or(lo, |i| lo + i + 2);
    let para_end = BLANK_LINE
        .find(&text.as_bytes()[range.end..hi])
        .map_or(hi, |i| range.end + i);
    if quick
        && let Some((hit, before, after)) = plain(text, range.clone(), width, para_start..para_end)
    {
        return assemble(hit, before, after, width);
    }
    let (before_raw, after_raw) = (&text[para_start..range.start], &text[range.end..para_end]);
    // Marks are read in the whole paragraph around the hit, so that one at the hit's edge is
    // judged by what stands on its other side (an emphasis star, a table's cell separator).
    let window = &text[para_start..para_end];
    let hit_in_window = range.start - para_start..range.end - para_start;
    let in_context = marks_at_edges(window.as_bytes(), hit_in_window.clone())
        .then(|| clean_around(window, hit_in_window))
        .flatten();
    let (hit, before, after) = match in_context {
        Some((before, hit, after)) => (hit, before, after),
        None => {
            let hit = clean(&text[range.clone()]);
            let room = width.saturating_sub(str_width(&hit));
            let quick_before = quick.then(|| quick_before(before_raw, room)).flatten();
            let quick_after = quick.then(|| quick_after(after_raw, room)).flatten();
            let before = quick_before.unwrap_or_else(|| clean(before_raw));
            let after = quick_after.unwrap_or_else(|| clean(after_raw));
            (hit, before, after)
        }
    };
    assemble(&hit, &before, &after, width)
}

/// The snippet of `hit` between its cleaned context `before` and `after` (of which only the
/// end of `before` and the start of `after` show), `width` columns wide.
fn assemble(hit: &str, before: &str, after: &str, width: usize) -> Snippet {
    let hit_w = str_width(hit);
    if hit_w >= width {
        let head = head(hit, width - 1);
        let text = format!("{head}{ELLIPSIS}");
        return Snippet {
            hit: 0..text.len(),
            text,
        };
    }
    let room = width - hit_w;
    let (before, after) = (before.trim_start(), after.trim_end());

    // Counted only past the room: beyond it, how much wider changes nothing below.
    let (before_w, after_w) = (
        str_width_past(before, room + 1),
        str_width_past(after, room + 1),
    );
    let before_room = (room / 3).max(room.saturating_sub(after_w)).min(before_w);
    let after_room = room - before_room;

    let mut pre = String::new();
    if before_w > before_room {
        let tail = at_word_start(tail(before, before_room.saturating_sub(1)));
        pre.push_str(ELLIPSIS);
        pre.push_str(tail.trim_start());
    } else {
        pre.push_str(before);
    }
    let mut post = String::new();
    if after_w > after_room {
        post.push_str(at_word_end(head(after, after_room.saturating_sub(1))).trim_end());
        post.push_str(ELLIPSIS);
    } else {
        post.push_str(after);
    }
    let start = pre.len();
    Snippet {
        text: format!("{pre}{hit}{post}"),
        hit: start..start + hit.len(),
    }
}

/// The hit and the context a snippet can show, uncleaned, when cleaning would leave them as
/// they are: `None` otherwise (clean them). Most hits in English prose are such, and this
/// spares each of them the cleaning and its copies.
///
/// That is when everything within reach of the hit (`width + 3` columns on either side, more
/// than the snippet can show) is printable ASCII or Chinese text ([`plain_wide`]) with single
/// spaces, no line break and no character a mark is made of; and when the hit's paragraph
/// holds no table pipe (a hit in a table's line is cleaned with its whole paragraph), no link
/// (whose target, removed, may reach into the context) and nothing that may start an escape
/// sequence (which may run on into it). Cleaning the context whole then changes nothing in
/// reach: other marks and controls are replaced where they stand, and a whitespace run
/// outside may only join the reach's first or last space, which the snippet never shows. (A
/// test compares the snippets made both ways.)
fn plain(
    text: &str,
    range: Range<usize>,
    width: usize,
    para: Range<usize>,
) -> Option<(&str, &str, &str)> {
    let b = text.as_bytes();
    // Bytes enough for `width + 3` columns of any character taken here: ASCII is a byte a
    // column, the Chinese characters and punctuation are three bytes for two columns.
    let reach = 2 * (width + 3);
    let lo = floor_boundary(text, range.start.saturating_sub(reach).max(para.start));
    let hi = ceil_boundary(text, range.end.saturating_add(reach).min(para.end));
    let near = &b[lo..hi];
    let unplain = |c: u8| {
        !(0x20..=0x7e).contains(&c) | matches!(c, b'*' | b'|' | b'#' | b'\\' | b'[' | b']' | b'<')
    };
    if any_byte(near, unplain)
        && !text[lo..hi]
            .chars()
            .all(|c| c.is_ascii() && !unplain(c as u8) || plain_wide(c))
    {
        return None;
    }
    if DOUBLE_SPACE.find(near).is_some() {
        return None;
    }
    let paragraph = &b[para];
    if memchr::memchr3(b'|', 0x1b, 0xc2, paragraph).is_some()
        || LINK_TARGET.find(paragraph).is_some()
    {
        return None;
    }
    Some((
        &text[range.clone()],
        &text[lo..range.start],
        &text[range.end..hi],
    ))
}

/// Where a Markdown link's target starts. Built once (see [`has_markup`]).
static LINK_TARGET: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"]("));

/// Whether `suspect` holds for some byte of `b`: in one branch-free pass, which the compiler
/// vectorises (most context holds no such byte, and then the whole of it is read).
fn any_byte(b: &[u8], suspect: impl Fn(u8) -> bool) -> bool {
    b.iter().fold(false, |any, &c| any | suspect(c))
}

/// A Chinese character or punctuation mark that cleaning leaves as it is and that is a
/// grapheme of two columns on its own: ideographs, the CJK punctuation after the ideographic
/// space (which is whitespace) and before the tone marks, and the fullwidth forms.
fn plain_wide(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x3029 | 0x4E00..=0x9FFF | 0xFF01..=0xFF60)
}

/// The cleaned start of the context after a hit, when cleaning only that much is sure to give
/// the snippet that cleaning all of it gives; `None` otherwise (clean it all).
///
/// Why it is the same: the cut is just before a whitespace character that follows a printable
/// ASCII one. Folding never looks further back than the last whitespace run, so the cleaned
/// start is exactly a prefix of the whole, and a grapheme always ends there. The start holds no
/// control character, so sanitising it changes nothing, as sanitising the whole changes
/// nothing there. It is wider than the whole snippet's room plus one, so the snippet only
/// ever shows part of it and its width only counts as "more than the room", whatever the rest.
fn quick_after(raw: &str, room: usize) -> Option<String> {
    let b = raw.as_bytes();
    let mut budget = (room + 2) * 4;
    while budget < b.len() {
        // The first cut at or after `budget`, within a short stretch (CJK text has no spaces).
        let cut = (budget.max(1)..b.len().min(budget + QUICK_SEARCH))
            .find(|&j| is_blank(b[j]) && is_plain(b[j - 1]))?;
        let part = &raw[..cut];
        if has_control(part.as_bytes()) || has_markup(part.as_bytes()) {
            return None;
        }
        let cleaned = Folded::new(part, false).text;
        if str_width_past(&cleaned, room + 2) >= room + 2 {
            return Some(cleaned);
        }
        budget *= 2;
    }
    None
}

/// The cleaned end of the context before a hit: as [`quick_after`], mirrored. The cut is just
/// after a whitespace character and before a printable ASCII one, so the cleaned end is exactly
/// a suffix of the whole. Sanitising may carry an escape sequence forward (one that starts with
/// ESC or a C1 control), so the context before the cut must hold neither; other controls are
/// replaced where they stand.
fn quick_before(raw: &str, room: usize) -> Option<String> {
    let b = raw.as_bytes();
    let mut budget = (room + 2) * 4;
    while budget < b.len() {
        let from = b.len() - budget;
        let cut = (from.saturating_sub(QUICK_SEARCH).max(1)..=from)
            .rev()
            .find(|&j| is_plain(b[j]) && is_blank(b[j - 1]))?;
        if has_control(&b[cut..]) || starts_sequence(&b[..cut]) || has_markup(&b[cut..]) {
            return None;
        }
        let cleaned = Folded::new(&raw[cut..], false).text;
        if str_width_past(&cleaned, room + 2) >= room + 2 {
            return Some(cleaned);
        }
        budget *= 2;
    }
    None
}

/// How far past its budget [`quick_after`] looks for a place to cut, in bytes.
const QUICK_SEARCH: usize = 64;

/// ESC or a C1 control: what starts a sequence that sanitising replaces whole, however long.
fn starts_sequence(b: &[u8]) -> bool {
    memchr::memchr(0x1b, b).is_some()
        || memchr::memchr_iter(0xc2, b).any(|i| matches!(b.get(i + 1), Some(0x80..=0x9f)))
}

/// Anything sanitising could change in folded text (see `text::sanitize`: folding has made
/// every whitespace character a space): other C0 controls, DEL, C1 controls, bidi controls.
fn has_control(b: &[u8]) -> bool {
    // Most context holds none of the bytes that can start one: that answers for it before the
    // exact test.
    let suspect =
        |c: u8| (c < 0x09) | ((0x0e..0x20).contains(&c)) | (c == 0x7f) | (c == 0xc2) | (c == 0xe2);
    if !any_byte(b, suspect) {
        return false;
    }
    b.iter().enumerate().any(|(i, &c)| match c {
        0x00..=0x08 | 0x0e..=0x1f | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// How far from the hit (in bytes) context is taken, at least.
const CONTEXT_BYTES: usize = 2048;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Markup left out as the reader leaves it out of the text ([`unmark`]), whitespace collapsed
/// to single spaces (a line break between CJK characters dropped, as the layout does), then
/// sanitised.
fn clean(s: &str) -> String {
    sanitize(&Folded::new(&unmark(s), false).text).into_owned()
}

/// Whether cleaning the hit and its context apart could read a mark wrongly: a star or a
/// backslash at either edge of the hit (emphasis or an escape, judged by what stands on the
/// other side), or a hit in a table's line (its cells' pipes and spacing belong to the line).
/// Elsewhere the pieces clean as the whole would.
fn marks_at_edges(window: &[u8], hit: Range<usize>) -> bool {
    let edge = |i: Option<usize>| {
        i.and_then(|i| window.get(i))
            .is_some_and(|b| matches!(b, b'*' | b'\\' | b'|'))
    };
    let line_start = memchr::memrchr(b'\n', &window[..hit.start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &window[hit.end..]).map_or(window.len(), |i| hit.end + i);
    edge(hit.start.checked_sub(1))
        || edge(Some(hit.start))
        || edge(hit.end.checked_sub(1))
        || edge(Some(hit.end))
        || memchr::memchr(b'|', &window[line_start..line_end]).is_some()
}

/// Private-use characters that mark where the hit starts and ends while its paragraph is
/// cleaned whole (see [`clean_around`]).
const HIT_START: char = '\u{F8F0}';
const HIT_END: char = '\u{F8F1}';

/// `window` cleaned as a whole, cut where `hit` was: (before, hit, after). `None` when the
/// window holds a marker character already, or cleaning lost one (then each piece is cleaned
/// on its own).
fn clean_around(window: &str, hit: Range<usize>) -> Option<(String, String, String)> {
    if window.contains([HIT_START, HIT_END]) {
        return None;
    }
    let marked = format!(
        "{}{HIT_START}{}{HIT_END}{}",
        &window[..hit.start],
        &window[hit.clone()],
        &window[hit.end..]
    );
    let cleaned = clean(&marked);
    let (before, rest) = cleaned.split_once(HIT_START)?;
    let (hit, after) = rest.split_once(HIT_END)?;
    Some((before.to_string(), hit.to_string(), after.to_string()))
}

/// Whether `b` holds what [`unmark`] would change: then the quick paths leave it to [`clean`].
fn has_markup(b: &[u8]) -> bool {
    // Built once: a snippet asks this several times, and building a finder costs more than
    // most of the searches.
    static CAPTION: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new(CAPTION_MARK.as_bytes()));
    static BREAK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"<br>"));
    memchr::memchr3(b'*', b'|', b'#', b).is_some()
        || memchr::memchr(b'\\', b).is_some()
        || LINK_TARGET.find(b).is_some()
        || CAPTION.find(b).is_some()
        || BREAK.find(b).is_some()
}

/// The stored Markdown's marks that the reader draws as styles, not characters: `**` and
/// emphasis `*`, a heading's `#`s, the caption label, a link's target (its text stays), a
/// table's pipes (cells joined by ` · `, rule rows dropped), `<br>` in a cell, a hard break's
/// backslash at a line's end and the backslash escaping a punctuation mark (`\$`).
fn unmark(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_markup(s.as_bytes()) {
        return std::borrow::Cow::Borrowed(s);
    }
    static LINK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\[([^\]\n]*)\]\([^)\s]*\)").unwrap());
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut l = line;
        let t = l.trim_start();
        let after_hashes = t.trim_start_matches('#');
        if after_hashes.len() < t.len() && after_hashes.starts_with(' ') {
            l = after_hashes.trim_start();
        }
        l = l.strip_prefix(CAPTION_MARK).unwrap_or(l);
        let table = l.trim_start().starts_with('|') || l.contains(" | ");
        let mut line = String::new();
        if table {
            if l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue;
            }
            let t = l.trim();
            let t = t.strip_prefix("| ").unwrap_or(t);
            let t = t.strip_suffix(" |").unwrap_or(t);
            line.push_str(&t.replace(" | ", " · ").replace("<br>", " "));
        } else {
            line.push_str(l);
        }
        let line = LINK.replace_all(&line, "$1");
        let chars: Vec<char> = line.chars().collect();
        // The hit's markers stand between characters: a neighbour is looked for past them.
        let marker = |c: char| c == HIT_START || c == HIT_END;
        let before_of = |k: usize| chars[..k].iter().rev().copied().find(|&c| !marker(c));
        let after_of = |k: usize| chars[k + 1..].iter().copied().find(|&c| !marker(c));
        // The character a backslash escapes: text, whatever it is.
        let mut escaped: Option<usize> = None;
        for (k, &c) in chars.iter().enumerate() {
            if escaped == Some(k) {
                out.push(c);
                continue;
            }
            if c == '\\' {
                let next = (k + 1..chars.len()).find(|&j| !marker(chars[j]));
                match next {
                    // A hard break: the line break after it is the space.
                    None => continue,
                    Some(j) if chars[j].is_ascii_punctuation() => {
                        escaped = Some(j);
                        continue;
                    }
                    Some(_) => {}
                }
            }
            if c == '*' {
                // A star between spaces or digits is text (`2 * 3`); one touching a word is
                // emphasis.
                let text_side =
                    |x: Option<char>| x.is_none_or(|x| x.is_whitespace() || x.is_ascii_digit());
                if !(text_side(before_of(k)) && text_side(after_of(k))) {
                    continue;
                }
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The longest prefix of `s` at most `cols` wide, on a grapheme boundary.
fn head(s: &str, cols: usize) -> &str {
    // Printable ASCII is one column a byte, each byte its own grapheme.
    let b = s.as_bytes();
    if b.iter()
        .take(cols.saturating_add(1))
        .all(|&c| is_printable(c))
    {
        return &s[..cols.min(s.len())];
    }
    head_graphemes(s, cols)
}

fn head_graphemes(s: &str, cols: usize) -> &str {
    let mut w = 0;
    for (i, _, gw) in Clusters::new(s) {
        w += gw;
        if w > cols {
            return &s[..i];
        }
    }
    s
}

/// The longest suffix of `s` at most `cols` wide, on a grapheme boundary.
fn tail(s: &str, cols: usize) -> &str {
    let b = s.as_bytes();
    if b.iter()
        .rev()
        .take(cols.saturating_add(2))
        .all(|&c| is_printable(c))
    {
        return &s[s.len() - cols.min(s.len())..];
    }
    tail_graphemes(s, cols)
}

fn is_printable(b: u8) -> bool {
    (0x20..=0x7e).contains(&b)
}

fn tail_graphemes(s: &str, cols: usize) -> &str {
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        w += grapheme_width(g);
        if w > cols {
            return &s[i + g.len()..];
        }
    }
    s
}

/// A context cut mid-word loses the partial word when there is a space to cut at, so the
/// snippet does not start with half a word. CJK text has no spaces and keeps its characters.
fn at_word_start(s: &str) -> &str {
    match s.find(' ') {
        Some(i) if i + 1 < s.len() => &s[i..],
        _ => s,
    }
}

/// Likewise for the end of the context after the hit.
fn at_word_end(s: &str) -> &str {
    match s.rfind(' ') {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_around_a_hit_is_left_out_as_the_reader_leaves_it_out() {
        let t = "From **Figure 3** we see that *Methods* apply.";
        let s = snippet(t, at(t, "Figure 3"), 80);
        assert_eq!(s.text, "From Figure 3 we see that Methods apply.");
        assert_eq!(&s.text[s.hit.clone()], "Figure 3");
        let t = "| Code | Title |\n| --- | --- |\n| GB 4065-1983 | Fire extinguishing agents |";
        let s = snippet(t, at(t, "GB 4065"), 80);
        assert_eq!(
            s.text,
            "Code · Title GB 4065-1983 · Fire extinguishing agents"
        );
        let t = "[Caption] Figure 3: bar plot, see [the site](https://x.org) and 2 * 3.";
        let s = snippet(t, at(t, "bar plot"), 80);
        assert_eq!(s.text, "Figure 3: bar plot, see the site and 2 * 3.");
        let t = "## 1. Introduction\nText follows.";
        assert_eq!(
            snippet(t, at(t, "Text"), 80).text,
            "1. Introduction Text follows."
        );
    }

    #[test]
    fn escapes_hard_breaks_and_cut_emphasis_read_as_the_reader_shows_them() {
        let t = "It could generate up to \\$5 trillion in value.";
        assert_eq!(
            snippet(t, at(t, "trillion"), 80).text,
            "It could generate up to $5 trillion in value."
        );
        let t = "**Li Na**\\\nDeputy to the NPC\\\nof the province";
        let s = snippet(t, at(t, "Li Na"), 80);
        assert_eq!(s.text, "Li Na Deputy to the NPC of the province");
        assert_eq!(&s.text[s.hit.clone()], "Li Na");
        let t = "Price: \\$10.00\\\nNumber: 80-136";
        assert_eq!(
            snippet(t, at(t, "Number"), 80).text,
            "Price: $10.00 Number: 80-136"
        );
        // The hit inside an emphasis: the star at its edge is emphasis, judged by the word
        // on its other side.
        let t = "The press published the *Yearly Survey of Norms (2021)*, which we read.";
        for hit in ["Yearly Survey", "Norms (2021)", "(2021)", "published the"] {
            let s = snippet(t, at(t, hit), 80);
            assert_eq!(
                s.text, "The press published the Yearly Survey of Norms (2021), which we read.",
                "{hit}"
            );
            assert_eq!(&s.text[s.hit.clone()], hit);
        }
        // An escaped star is text.
        let t = "Grade \\*A\\* steel";
        assert_eq!(snippet(t, at(t, "steel"), 80).text, "Grade *A* steel");
    }

    #[test]
    fn a_hit_at_a_table_cell_edge_keeps_the_spaces_and_separators() {
        let t = "| Scope | Note |\n| --- | --- |\n| It does not apply to the axle box used on light railways such as trams. | None |";
        let s = snippet(t, at(t, "axle box used on light"), 200);
        assert!(
            s.text
                .contains("apply to the axle box used on light railways such as"),
            "{}",
            s.text
        );
        let t = "| Zhou Lanfang | Qin Haoyu | Mo Xiaolin |";
        let s = snippet(t, at(t, "Zhou Lanfang"), 80);
        assert_eq!(s.text, "Zhou Lanfang · Qin Haoyu · Mo Xiaolin");
        assert_eq!(&s.text[s.hit.clone()], "Zhou Lanfang");
    }

    fn at(text: &str, needle: &str) -> Range<usize> {
        let i = text.find(needle).unwrap();
        i..i + needle.len()
    }

    #[test]
    fn short_paragraph_is_whole_with_whitespace_collapsed() {
        let t = "Intro.\n\nThe  quick\nbrown fox.\n\nNext.";
        let s = snippet(t, at(t, "quick\nbrown"), 80);
        assert_eq!(s.text, "The quick brown fox.");
        assert_eq!(&s.text[s.hit.clone()], "quick brown");
    }

    #[test]
    fn long_context_is_cut_at_words_with_ellipses_and_fits() {
        let t = "word ".repeat(40) + "NEEDLE " + &"more ".repeat(40);
        let s = snippet(&t, at(&t, "NEEDLE"), 40);
        assert!(str_width(&s.text) <= 40, "{}", s.text);
        assert!(s.text.starts_with("…word"), "{}", s.text);
        assert!(s.text.ends_with("more…"), "{}", s.text);
        assert_eq!(&s.text[s.hit.clone()], "NEEDLE");
        // About a third of the room goes before the hit.
        assert!(s.hit.start < 20, "{s:?}");
    }

    #[test]
    fn cjk_is_measured_in_columns() {
        let t = "中国".repeat(30) + "标准化" + &"工作".repeat(30);
        let s = snippet(&t, at(&t, "标准化"), 30);
        assert!(str_width(&s.text) <= 30, "{}", s.text);
        assert_eq!(&s.text[s.hit.clone()], "标准化");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
    }

    #[test]
    fn controls_are_neutralised_and_the_range_follows() {
        let t = "bad \u{1b}[31mred\u{1b}[0m text with hit inside";
        let s = snippet(t, at(t, "hit"), 80);
        assert!(!s.text.contains('\u{1b}'), "{}", s.text);
        assert_eq!(&s.text[s.hit.clone()], "hit");
    }

    /// The cost of a snippet is the bytes it reads, counted here in memory pages: the text is
    /// a 10 MB paragraph in fresh anonymous memory, of which only the pages near the hit are
    /// ever written; the rest are zero bytes (NUL characters) that take no page until read.
    /// After the snippets, the kernel's count of the mapping's resident pages (`mincore`)
    /// says whether anything read the paragraph beyond the hit's neighbourhood.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_huge_paragraph_costs_only_the_context_near_the_hit() {
        const PAGE: usize = 4096;
        const LEN: usize = 10 << 20;
        // What is written around the hit: more than a snippet may look at, at any width below.
        const WRITTEN: usize = 64 << 10;
        // SAFETY: a fresh private anonymous mapping, unmapped below; nothing else uses it.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                LEN,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        assert_ne!(base, libc::MAP_FAILED);
        // Pages one at a time: a huge page would make a single read fault in 2 MB at once.
        // SAFETY: the mapping made above.
        assert_eq!(
            unsafe { libc::madvise(base, LEN, libc::MADV_NOHUGEPAGE) },
            0
        );
        // SAFETY: LEN bytes mapped readable and writable, all zero.
        let bytes = unsafe { std::slice::from_raw_parts_mut(base.cast::<u8>(), LEN) };
        let near = LEN / 2 - WRITTEN..LEN / 2 + WRITTEN;
        let hit = LEN / 2..LEN / 2 + "needle".len();
        bytes[near.start..hit.start - 1].fill(b'x');
        bytes[hit.start - 1..hit.end + 1].copy_from_slice(b" needle ");
        bytes[hit.end + 1..near.end].fill(b'y');
        // Not `from_utf8`: checking would read every page. Every byte is ASCII (written, or
        // zero).
        // SAFETY: as just said, valid UTF-8.
        let text = unsafe { std::str::from_utf8_unchecked(bytes) };
        for width in [60, 400] {
            for _ in 0..3 {
                let s = snippet(text, hit.clone(), width);
                assert_eq!(&s.text[s.hit.clone()], "needle");
                assert!(s.text.starts_with("…x") && s.text.ends_with("y…"), "{s:?}");
            }
        }
        let mut resident = vec![0u8; LEN / PAGE];
        // SAFETY: one byte per page of the mapping, as mincore wants.
        assert_eq!(
            unsafe { libc::mincore(base, LEN, resident.as_mut_ptr()) },
            0
        );
        let read_far: Vec<usize> = (0..LEN / PAGE)
            .filter(|&p| resident[p] & 1 == 1)
            .filter(|&p| p * PAGE + PAGE <= near.start || p * PAGE >= near.end)
            .collect();
        // SAFETY: the mapping made above; `text` and `bytes` are not used past here.
        unsafe { libc::munmap(base, LEN) };
        assert!(
            read_far.is_empty(),
            "{} pages of the paragraph farther than {WRITTEN} bytes from the hit were read \
             (the first at byte {:?})",
            read_far.len(),
            read_far.first().map(|p| p * PAGE)
        );
    }

    /// Whether the snippet of `hit` between `before` and `after` is the same made with the
    /// quick and plain paths as with the whole context cleaned.
    fn quick_equals_full(
        before: &str,
        hit: &str,
        after: &str,
        width: usize,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let text = format!("{before}{hit}{after}");
        let range = before.len()..before.len() + hit.len();
        proptest::prop_assert_eq!(
            snippet_with(&text, range.clone(), width, true),
            snippet_with(&text, range, width, false)
        );
        Ok(())
    }

    /// Text where the quick context and the whole context could part: whitespace runs and
    /// line breaks, CJK across them, combining marks, wide characters, controls and escape
    /// sequences, blank lines (paragraph ends), long words.
    const MIXED: &str = "([a-zA-Z.,]{1,12}|[ \t\n]{1,3}|\n\n|[标准化中国]{1,4}|[\u{301}\u{200d}é]|\u{1b}\\[3[1-2]m|\u{1b}\\]0;t [a-z]|[\u{7}\u{9b}\u{202e}\0])";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn the_quick_context_gives_the_same_snippet(
            before in proptest::string::string_regex(&format!("{MIXED}{{0,120}}")).unwrap(),
            hit in "[a-z]{1,8}( [a-z]{1,5})?",
            after in proptest::string::string_regex(&format!("{MIXED}{{0,120}}")).unwrap(),
            width in 2usize..100,
        ) {
            quick_equals_full(&before, &hit, &after, width)?;
        }

        /// Mostly prose, where the quick context is taken.
        #[test]
        fn the_quick_context_gives_the_same_snippet_in_prose(
            before in proptest::string::string_regex(&format!("{PROSE}{{0,300}}")).unwrap(),
            hit in "[a-z]{1,8}",
            after in proptest::string::string_regex(&format!("{PROSE}{{0,300}}")).unwrap(),
            width in 2usize..60,
        ) {
            quick_equals_full(&before, &hit, &after, width)?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 800, ..Default::default() })]
        /// Plain English with marks here and there, in and out of the hit's line and its
        /// reach: the uncleaned context (see `plain`) is taken only where cleaning would
        /// change nothing the snippet shows.
        #[test]
        fn the_plain_context_gives_the_same_snippet(
            before in marked_prose(),
            hit in "[a-z]{1,8}( [a-z]{1,5})?|[标准化]{1,3}",
            after in marked_prose(),
            width in 2usize..40,
        ) {
            quick_equals_full(&before, &hit, &after, width)?;
        }
    }

    #[test]
    fn a_link_whose_target_ends_near_the_hit_is_cleaned_away() {
        let t = "See [x](http://example.org/a/very/long/path/to/somewhere) for international.";
        for width in [8, 10, 14, 20, 30, 40, 60] {
            let r = at(t, "international");
            assert_eq!(
                snippet_with(t, r.clone(), width, true),
                snippet_with(t, r, width, false)
            );
        }
        let s = snippet(t, at(t, "international"), 40);
        assert_eq!(s.text, "See x for international.");
    }

    /// Mostly plain words; now and then a link, emphasis, an escape, a table's pipe, a
    /// heading, a caption, `<br>`, a line break, a doubled space, a control or an escape
    /// sequence.
    fn marked_prose() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let token = prop_oneof![
            40 => "[a-zA-Z.,()]{1,9} ",
            6 => "[a-z]{1,6}",
            10 => "[标准化中国]{1,6}",
            3 => "[，。、（）《》：]",
            1 => "[标准]\n[化国]|\u{3000}|[标准] [化国]|\u{301}|\u{ff9e}",
            1 => "\\[[a-z ]{0,6}\\]\\([a-z:/.]{0,10}\\)|[a-z:/.]{1,12}\\)|\\*\\*?|\\\\[$.a]?| \\| |\\||\n#{1,3} |\n\\[Caption\\] |<br>|\n|\n\n|  |\t|\u{1b}\\[1m|\u{1b}\\]0;a b|\u{9b}1m|\u{7}|’",
        ];
        proptest::collection::vec(token, 0..50).prop_map(|t| t.concat())
    }

    const PROSE: &str = "([a-zA-Z.,]{1,9} |[a-z]{1,6}|[ \n]{1,3}| {8,40}|\n\n|[标准]{1,2}\n?|\u{301} ?|\u{1b}\\[1m|\u{1b}\\]0;a b|\u{9b}1m|\u{7})";

    proptest::proptest! {
        #[test]
        fn head_and_tail_of_ascii_take_the_same_graphemes(
            s in "([a-z ]{0,6}|\u{301}|\r\n|\u{1}|\u{600}|中){0,12}",
            cols in 0usize..40,
        ) {
            proptest::prop_assert_eq!(head(&s, cols), head_graphemes(&s, cols));
            proptest::prop_assert_eq!(tail(&s, cols), tail_graphemes(&s, cols));
        }
    }

    #[test]
    fn prose_takes_the_quick_context() {
        let t = "Standards make trade easier, and the committee said so. ".repeat(40);
        assert!(quick_after(&t, 50).is_some_and(|c| t.starts_with(&c)));
        assert!(quick_before(&t, 50).is_some_and(|c| t.ends_with(&c)));
        assert!(
            quick_after(&"标准化".repeat(300), 50).is_none(),
            "no place to cut"
        );
        assert!(
            quick_after(&format!("{t}\u{1b}[31m"), 50).is_some(),
            "control past the cut"
        );
        assert!(
            quick_before(&format!("\u{1b}]0;{t}"), 50).is_none(),
            "control before"
        );
    }

    #[test]
    fn a_hit_wider_than_the_snippet_is_cut() {
        let t = "a ".repeat(50);
        let s = snippet(&t, 0..t.len(), 10);
        assert!(str_width(&s.text) <= 10);
        assert_eq!(s.hit, 0..s.text.len());
    }
}
