//! CJK-aware line wrapping of one paragraph into byte ranges.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`, Unicode 15.0), adjusted by the
//! W3C clreq "basic" line-start/line-end rules (see [`super::kinsoku`]), and only at grapheme
//! cluster boundaries. Lines are filled greedily, measuring width exactly as ratatui draws it
//! ([`super::width`]). Whitespace at a break is left out of both lines (it "hangs"), so text
//! outside the returned ranges is only whitespace at break points.
//!
//! A run with no break opportunity that is wider than the line (a long word, a URL, a string of
//! punctuation) is cut between grapheme clusters; the cut moves back a few clusters when that
//! keeps the new line from starting with closing punctuation (or the old one from ending with
//! opening punctuation), and falls back to the plain cut when nothing fits.
//!
//! **The one exception to "no line wider than `width`"**: a single grapheme cluster wider than
//! the whole line (a CJK character or emoji at width 1) gets a line of its own. ratatui would
//! silently drop such a cluster, so callers that build terminal lines (the Markdown layout)
//! replace it with a narrow placeholder; see [`oversize`].
//!
//! Speed: printable ASCII and common CJK characters take shortcuts (no grapheme segmentation,
//! no general kinsoku check; see `fast`), which the `reference` tests hold to the same lines as
//! the general path. What remains is mostly `unicode-linebreak`'s pass over the text.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::clusters::Clusters;
use super::kinsoku::{self, Boundary};
use super::width::{grapheme_width, str_width};

mod fast;
#[cfg(test)]
mod reference;

use fast::{ascii_break_allowed, simple_at, wide_at};

/// Wrap `text` into lines no wider than `width` columns (0 is treated as 1).
///
/// Returns the byte range of each line, in order and non-overlapping. Between consecutive
/// ranges (and before the first / after the last) there is only whitespace, which includes the
/// `\n` of a hard line break. A hard break always ends a line, so `"a\n\nb"` gives `a`, ``, `b`;
/// text that is empty or only whitespace gives no lines. See the module docs for the single
/// exception to the width limit.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    wrap_keeping(text, width, &[])
}

/// [`wrap`] with no break inside any of the `keep` ranges (sorted, non-overlapping byte ranges
/// of `text`: URLs, see [`super::urls`]) unless one alone is wider than the line, when it is
/// cut between clusters like any unbreakable run.
pub fn wrap_keeping(text: &str, width: usize, keep: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut w = Wrapper::new(text, width.max(1));
    w.keep = keep;
    w.run();
    w.lines
}

/// [`wrap`], returning the line texts.
pub fn wrap_str(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width).into_iter().map(|r| &text[r]).collect()
}

/// True when `line` (one output line of [`wrap`]) is the exception: a single grapheme cluster
/// wider than `width`, which ratatui would not draw at all.
pub fn oversize(line: &str, width: usize) -> bool {
    str_width(line) > width.max(1)
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

/// First char, last char and whether the cluster is all whitespace (non-empty cluster).
#[inline]
fn ends(g: &str) -> (char, char, bool) {
    if let &[b] = g.as_bytes() {
        let c = char::from(b);
        return (c, c, b.is_ascii_whitespace() || b == 0x0b);
    }
    let first = g.chars().next().unwrap_or(' ');
    let last = g.chars().next_back().unwrap_or(' ');
    (first, last, is_space(g))
}

struct Wrapper<'a> {
    text: &'a str,
    width: usize,
    lines: Vec<Range<usize>>,
    /// Start of the current output line.
    line_start: usize,
    /// End of the committed content (segments already placed) on the current line; equal to
    /// `line_start` when nothing visible is committed yet.
    line_end: usize,
    /// Width of `line_start..line_end`.
    line_w: usize,
    /// Whitespace after `line_end` that counts only if more content joins the line.
    gap_w: usize,
    /// The segment (text since the last break opportunity) being read.
    seg_start: usize,
    seg_w: usize,
    /// End and width (from `seg_start`) of the segment's last non-whitespace cluster.
    seg_cend: usize,
    seg_cw: usize,
    /// Ranges not to break inside, and the first of them not yet passed.
    keep: &'a [Range<usize>],
    keep_at: usize,
}

impl<'a> Wrapper<'a> {
    fn new(text: &'a str, width: usize) -> Self {
        Wrapper {
            text,
            width,
            lines: Vec::with_capacity(text.len() / width.max(8) + 1),
            line_start: 0,
            line_end: 0,
            line_w: 0,
            gap_w: 0,
            seg_start: 0,
            seg_w: 0,
            seg_cend: 0,
            seg_cw: 0,
            keep: &[],
            keep_at: 0,
        }
    }

    /// Whether byte `p` lies strictly inside a kept range. Asked with `p` never decreasing.
    #[inline]
    fn kept(&mut self, p: usize) -> bool {
        while self.keep.get(self.keep_at).is_some_and(|r| r.end <= p) {
            self.keep_at += 1;
        }
        self.keep.get(self.keep_at).is_some_and(|r| r.start < p)
    }

    fn run(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut breaks = linebreaks(text);
        // The next UAX #14 opportunity at or after `s` (None when there is none left).
        let mut next = breaks.next();
        let mut prev: Option<char> = None;
        let mut prev_visible: Option<char> = None;
        let mut s = 0;
        while s < bytes.len() {
            let b = bytes[s];
            // Fast path: a printable ASCII byte followed by an ASCII byte (or the end) is a
            // cluster of its own, one column wide, with no grapheme segmentation needed.
            if matches!(b, 0x20..=0x7e) && bytes.get(s + 1).is_none_or(|&n| n < 0x80) {
                if let Some((p, kind)) = next.filter(|&(p, _)| p == s) {
                    next = breaks.next();
                    if s > 0 {
                        if kind == BreakOpportunity::Mandatory {
                            self.hard_break(s);
                        } else {
                            let allowed = ascii_break_allowed(b, prev_visible);
                            let at = Boundary {
                                before: prev,
                                before_visible: prev_visible,
                                after: char::from(b),
                            };
                            debug_assert_eq!(allowed, kinsoku::allows_break(true, at));
                            if allowed && !self.kept(p) {
                                self.close_segment(p);
                            }
                        }
                    }
                }
                // The run of such bytes up to the next UAX #14 opportunity. Without one there
                // is no break before an ASCII character: the curly-quote breaks kinsoku adds
                // need a wide character or an opening curly quote after the break.
                let stop = next.map_or(bytes.len(), |(p, _)| p);
                let mut e = s + 1;
                while e < stop
                    && matches!(bytes[e], 0x20..=0x7e)
                    && bytes.get(e + 1).is_none_or(|&n| n < 0x80)
                {
                    e += 1;
                }
                let run = &bytes[s..e];
                self.push_ascii_run(s, run);
                prev = Some(char::from(run[run.len() - 1]));
                if let Some(&v) = run.iter().rev().find(|&&v| v != b' ') {
                    prev_visible = Some(char::from(v));
                }
                s = e;
                continue;
            }
            let (len, w, first, last, space) = match wide_at(bytes, s) {
                // A CJK ideograph or punctuation mark before ASCII or another such character: one
                // cluster, two columns.
                Some(c) if simple_at(bytes, s + 3) => (3, 2, c, c, false),
                _ => {
                    // Starting the cluster iterator at `s` is exact because `s` is a cluster
                    // boundary: no grapheme rule looks back past a boundary (a
                    // regional-indicator pair or an emoji ZWJ sequence never spans one).
                    let Some((_, g, w)) = Clusters::new(&text[s..]).next() else {
                        break;
                    };
                    let (first, last, space) = ends(g);
                    (g.len(), w, first, last, space)
                }
            };
            let uax = match next {
                Some((p, kind)) if p == s => {
                    next = breaks.next();
                    Some(kind)
                }
                _ => None,
            };
            if s > 0 {
                let at = Boundary {
                    before: prev,
                    before_visible: prev_visible,
                    after: first,
                };
                self.break_before(s, uax, at);
            }
            self.push(s, len, w, space);
            prev = Some(last);
            if !space {
                prev_visible = prev;
            }
            s += len;
            // UAX #14 opportunities that fall inside a cluster are ignored.
            while next.is_some_and(|(p, _)| p < s) {
                next = breaks.next();
            }
        }
        self.close_segment(text.len());
        if self.line_end > self.line_start {
            self.emit(self.line_start, self.line_end);
        }
    }

    /// The break decision before the cluster at byte `s` (not the text's start), given the
    /// UAX #14 opportunity there, if any: a mandatory one ends the line; otherwise only a
    /// UAX #14 opportunity or a curly quote either side can make a break, which kinsoku may
    /// still forbid. The general rule for any cluster: the `reference` wrapper applies it to
    /// every cluster, which is what holds the ASCII shortcut in [`Wrapper::run`] to it.
    #[inline]
    fn break_before(&mut self, s: usize, uax: Option<BreakOpportunity>, at: Boundary) {
        if uax == Some(BreakOpportunity::Mandatory) {
            self.hard_break(s);
            return;
        }
        let candidate = uax.is_some()
            || kinsoku::is_curly_quote(at.after)
            || at.before.is_some_and(kinsoku::is_curly_quote)
            || kinsoku::is_wide_opening(at.after);
        if candidate && kinsoku::allows_break(uax.is_some(), at) && !self.kept(s) {
            self.close_segment(s);
        }
    }

    /// A mandatory break (after a newline) before byte `s`.
    fn hard_break(&mut self, s: usize) {
        self.close_segment(s);
        self.emit(self.line_start, self.line_end);
        self.start_line(s);
    }

    fn emit(&mut self, start: usize, end: usize) {
        self.lines.push(start..end);
    }

    fn start_line(&mut self, at: usize) {
        self.line_start = at;
        self.line_end = at;
        self.line_w = 0;
        self.gap_w = 0;
        self.seg_start = at;
        self.seg_w = 0;
        self.seg_cend = at;
        self.seg_cw = 0;
    }

    /// End the current segment at `at` (a break opportunity): it fits, so place it on the line.
    fn close_segment(&mut self, at: usize) {
        if self.seg_cend > self.seg_start {
            self.line_w += self.gap_w + self.seg_cw;
            self.line_end = self.seg_cend;
            self.gap_w = self.seg_w - self.seg_cw;
        } else {
            self.gap_w += self.seg_w;
        }
        self.seg_start = at;
        self.seg_w = 0;
        self.seg_cend = at;
        self.seg_cw = 0;
    }

    /// Add the cluster of `len` bytes at byte `s` to the current segment, breaking lines first if it would
    /// not fit. Whitespace never forces a break: it may hang past the edge until a break.
    fn push(&mut self, s: usize, len: usize, w: usize, space: bool) {
        if !space && self.line_w + self.gap_w + self.seg_w + w > self.width {
            self.make_room(s, w);
        }
        self.seg_w += w;
        if !space {
            self.seg_cend = s + len;
            self.seg_cw = self.seg_w;
        }
    }

    /// [`Wrapper::push_ascii`] of each byte of `run` (printable ASCII one-byte clusters
    /// starting at byte `s`). When the whole run fits, no byte can trigger a line break, so
    /// the segment grows in one step.
    #[inline]
    fn push_ascii_run(&mut self, s: usize, run: &[u8]) {
        let n = run.len();
        if self.line_w + self.gap_w + self.seg_w + n <= self.width {
            if let Some(k) = run.iter().rposition(|&b| b != b' ') {
                self.seg_cend = s + k + 1;
                self.seg_cw = self.seg_w + k + 1;
            }
            self.seg_w += n;
            return;
        }
        for (i, &b) in run.iter().enumerate() {
            self.push_ascii(s + i, b == b' ');
        }
    }

    /// [`Wrapper::push`] of a one-byte printable ASCII cluster (width 1).
    #[inline]
    fn push_ascii(&mut self, s: usize, space: bool) {
        if !space && self.line_w + self.gap_w + self.seg_w + 1 > self.width {
            self.make_room(s, 1);
        }
        self.seg_w += 1;
        if !space {
            self.seg_cend = s + 1;
            self.seg_cw = self.seg_w;
        }
    }

    /// The visible cluster at `s` (width `w`) does not fit on the current line.
    fn make_room(&mut self, s: usize, w: usize) {
        if self.line_end > self.line_start {
            // Move the current segment to a new line.
            self.emit(self.line_start, self.line_end);
        }
        // Whatever whitespace preceded the segment now sits at a break: drop it.
        self.line_start = self.seg_start;
        self.line_end = self.seg_start;
        self.line_w = 0;
        self.gap_w = 0;
        if self.seg_w + w <= self.width {
            return;
        }
        // The segment alone is too wide: cut it.
        debug_assert_eq!(self.line_start, self.seg_start);
        if self.seg_cend == self.seg_start {
            // Nothing visible before `s` on this line (only whitespace, or nothing): start the
            // line at `s`. If `g` alone is too wide, it is the documented exception.
            self.start_line(s);
            return;
        }
        let (cut, kept_end) = self
            .cut_before_kept(s)
            .unwrap_or_else(|| self.choose_cut(s, w));
        self.emit(self.line_start, kept_end);
        self.start_line(cut);
        // Re-measure what moved to the new line (a few clusters at most).
        for (i, g) in self.text[cut..s].grapheme_indices(true) {
            self.seg_w += grapheme_width(g);
            if !is_space(g) {
                self.seg_cend = cut + i + g.len();
                self.seg_cw = self.seg_w;
            }
        }
    }

    /// When `s` is inside a kept range that would fit on a line of its own and that does not
    /// start the line, the cut before it (new line start, end of the visible text kept on the
    /// old line): a segment with no break opportunity before a kept range (`"…" (GB 21455-2019)`
    /// has none after the quote) is cut where the range starts rather than inside it.
    fn cut_before_kept(&mut self, s: usize) -> Option<(usize, usize)> {
        if !self.kept(s) {
            return None;
        }
        let r = self.keep[self.keep_at].clone();
        if r.start <= self.line_start {
            return None;
        }
        // An opening bracket or quote right before the range goes with it: `(GB …`, `《GB …`.
        let mut start = r.start;
        while let Some(c) = self.text[self.line_start..start].chars().next_back()
            && matches!(
                c,
                '(' | '[' | '"' | '\'' | '“' | '‘' | '（' | '《' | '「' | '『' | '【'
            )
        {
            start -= c.len_utf8();
        }
        if start <= self.line_start || str_width(&self.text[start..r.end]) > self.width {
            return None;
        }
        let kept_end = self.line_start + self.text[self.line_start..start].trim_end().len();
        (kept_end > self.line_start).then_some((start, kept_end))
    }

    /// Where to cut a too-wide segment before the cluster at `s`: returns the start of the new
    /// line and the end of the visible text kept on the old one. Prefers the latest cut at or
    /// before `s` that clreq allows and that leaves the new line (moved clusters plus `w`)
    /// within the width; otherwise cuts right at `s`.
    fn choose_cut(&self, s: usize, w: usize) -> (usize, usize) {
        let text = self.text;
        let lo = self.line_start;
        // Clusters before `s`, last first: (start, cluster).
        let mut back = text[lo..s]
            .grapheme_indices(true)
            .rev()
            .map(|(i, g)| (lo + i, g));
        let fallback = (s, self.seg_cend);
        // Candidate: the new line starts with `after` (at `cut`), `moved` columns precede `s`.
        let mut cut = s;
        let mut after = text[s..].chars().next().unwrap_or(' ');
        let mut moved = 0usize;
        // Visible end before the candidate cut, and the cluster there.
        let mut before = back.next();
        loop {
            // Skip whitespace before the cut: it would hang.
            let mut visible = before;
            while let Some((_, g)) = visible {
                if !is_space(g) {
                    break;
                }
                visible = back.next();
            }
            let Some((vs, vg)) = visible else {
                return fallback;
            };
            let at = Boundary {
                before: before.and_then(|(_, g)| g.chars().next_back()),
                before_visible: vg.chars().next_back(),
                after,
            };
            if !after.is_whitespace() && kinsoku::allows_break(true, at) {
                return (cut, vs + vg.len());
            }
            // Try cutting before the visible cluster instead: it moves to the new line along
            // with any whitespace after it.
            moved += str_width(&text[vs..cut]);
            if moved + w > self.width || vs == lo {
                return fallback;
            }
            cut = vs;
            after = vg.chars().next().unwrap_or(' ');
            before = back.next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str, w: usize) -> Vec<&str> {
        wrap_str(t, w)
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("a b", 1), ["a", "b"]);
        assert_eq!(lines("hello", 0), ["h", "e", "l", "l", "o"]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(wrap("", 10).is_empty());
        assert!(wrap("   ", 10).is_empty());
        assert_eq!(lines("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(lines("a\n", 10), ["a"]);
    }

    #[test]
    fn leading_indent_is_kept_when_it_fits() {
        assert_eq!(lines("  ab cd", 5), ["  ab", "cd"]);
        assert_eq!(lines("      ab", 3), ["ab"]);
    }

    #[test]
    fn cjk_breaks_between_ideographs() {
        assert_eq!(lines("中文字符测试", 4), ["中文", "字符", "测试"]);
        assert_eq!(lines("中文字符测试", 5), ["中文", "字符", "测试"]);
    }

    #[test]
    fn closing_punctuation_does_not_start_a_line() {
        assert_eq!(lines("中文字，测试", 6), ["中文", "字，测", "试"]);
    }

    #[test]
    fn long_word_is_cut_by_grapheme() {
        assert_eq!(lines("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn cut_avoids_starting_with_punctuation() {
        // No break opportunity in "abc.defgh"; a plain cut at width 3 would start a line with
        // '.', so the cut moves back one cluster.
        assert_eq!(lines("abc.defgh", 3), ["ab", "c.d", "efg", "h"]);
        assert_eq!(lines("abc.defgh", 4), ["abc.", "defg", "h"]);
    }

    #[test]
    fn letter_or_digit_may_break_before_a_fullwidth_opening_bracket() {
        // UAX #14's East Asian exception to LB30, which unicode-linebreak omits: without it
        // the standard's number and its whole title are one unbreakable run.
        let t = "GB 7258—2017《机动车运行安全技术条件》";
        assert_eq!(
            lines(t, 14),
            ["GB 7258—2017", "《机动车运行安", "全技术条件》"]
        );
        assert_eq!(lines("ISO（国际）", 6), ["ISO", "（国", "际）"]);
        // An ASCII bracket keeps LB30: `f(x)` is not split.
        assert_eq!(lines("abcd f(x)", 6), ["abcd", "f(x)"]);
    }

    #[test]
    fn kept_ranges_are_not_broken_unless_too_long() {
        let t = "see https://www.iso.org/standard/62085.html now";
        let keep = super::super::urls::find(t);
        let got: Vec<&str> = wrap_keeping(t, 40, &keep)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            got,
            ["see", "https://www.iso.org/standard/62085.html", "now"]
        );
        // Without the range, UAX #14 breaks after the slash.
        assert_eq!(lines(t, 40)[0], "see https://www.iso.org/");
        // Longer than the line: cut between clusters, no hyphen added.
        let got: Vec<&str> = wrap_keeping(t, 20, &keep)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(got.concat(), t.replace(' ', ""), "{got:?}");
        assert!(got.iter().all(|l| !l.ends_with('-')));
    }

    #[test]
    fn oversize_grapheme_gets_own_line() {
        assert_eq!(lines("中文", 1), ["中", "文"]);
        assert!(oversize("中", 1));
        assert!(!oversize("中", 2));
    }
}
