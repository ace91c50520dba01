//! A block's inline text as one plain string plus style runs and source-offset marks, and the
//! step that wraps it into styled [`Line`]s.
//!
//! Wrapping the block's plain text once (rather than span by span) is what lets emphasis run
//! across line ends and lets breaks fall anywhere UAX #14 and clreq allow; the style runs are
//! then sliced by each line's byte range.

use std::borrow::Cow;

use super::clusters::Clusters;
use super::markdown::{Line, Span, Style};
use super::sanitize::{TAB_STOP, sanitize};
use super::unbroken;
use super::width::str_width;
#[cfg(test)]
use super::wrap::wrap;
use super::wrap::{oversize, wrap_keeping};

/// Shown instead of a cluster too wide for the whole text column (a CJK character at width 1),
/// which ratatui would otherwise silently drop. ASCII, so it is one column in every terminal.
pub const OVERSIZE_MARK: &str = "?";

#[derive(Clone, Debug, Default)]
pub struct StyledText {
    /// Sanitised text, except that tabs are kept (they separate table cells) until
    /// [`StyledText::expand_tabs`].
    pub text: String,
    /// (start in `text`, style); each run lasts until the next one starts.
    runs: Vec<(usize, Style)>,
    /// (start in `text`, source offset, exact): where a piece of source text landed. Exact
    /// marks map byte for byte; others map every byte to the piece's source start.
    marks: Vec<(usize, usize, bool)>,
    /// Positions in `text` where a new source line began (Markdown soft breaks).
    pub soft_breaks: Vec<usize>,
    pending_soft: bool,
}

fn wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

impl StyledText {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
        self.marks.clear();
        self.soft_breaks.clear();
        self.pending_soft = false;
    }

    /// Append source text `raw` (found at byte `src` of the Markdown; `exact` when `raw` is that
    /// very slice of the source) in `style`. Tabs are kept; everything else is sanitised.
    pub fn push(&mut self, raw: &str, style: Style, src: usize, exact: bool) {
        self.push_text(raw, style, src, exact, false);
    }

    /// [`StyledText::push`] of a verbatim slice of source that was sanitised as a whole
    /// (`sanitize_markdown`, tabs kept): nothing in it needs sanitising, so it is not scanned
    /// again.
    pub fn push_sanitised(&mut self, raw: &str, style: Style, src: usize) {
        self.push_text(raw, style, src, true, true);
    }

    fn push_text(&mut self, raw: &str, style: Style, src: usize, exact: bool, clean: bool) {
        if raw.is_empty() {
            return;
        }
        if self.pending_soft {
            self.pending_soft = false;
            // A source line break between two CJK characters is not a space (CSS Text 3 does
            // the same); elsewhere it is one.
            let joins = self.text.chars().next_back().is_some_and(wide)
                && raw.chars().next().is_some_and(wide);
            if !joins && !self.text.is_empty() {
                self.raw_push(" ", style, src, false);
            }
            self.soft_breaks.push(self.text.len());
        }
        let mut off = 0;
        for piece in raw.split_inclusive('\t') {
            let (body, tab) = match piece.strip_suffix('\t') {
                Some(b) => (b, true),
                None => (piece, false),
            };
            let clean = if clean {
                Cow::Borrowed(body)
            } else {
                sanitize(body)
            };
            let same = matches!(clean, Cow::Borrowed(_));
            self.raw_push(&clean, style, src + off, exact && same);
            if tab {
                self.raw_push("\t", style, src + off + body.len(), exact);
            }
            off += piece.len();
        }
    }

    /// A Markdown soft line break: resolved when the next text arrives.
    pub fn soft_break(&mut self) {
        if !self.text.is_empty() {
            self.pending_soft = true;
        }
    }

    /// A hard line break.
    pub fn hard_break(&mut self, src: usize) {
        self.pending_soft = false;
        self.raw_push("\n", Style::Text, src, false);
    }

    fn raw_push(&mut self, s: &str, style: Style, src: usize, exact: bool) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        if self.runs.last().is_none_or(|&(_, st)| st != style) {
            self.runs.push((at, style));
        }
        if !(exact
            && self
                .marks
                .last()
                .is_some_and(|&(p, o, e)| e && o + (at - p) == src))
        {
            self.marks.push((at, src, exact));
        }
        self.text.push_str(s);
    }

    /// Source offset of byte `pos` of the text.
    pub fn source_offset(&self, pos: usize) -> usize {
        let i = self.marks.partition_point(|&(p, _, _)| p <= pos);
        match i.checked_sub(1).map(|i| self.marks[i]) {
            Some((p, o, true)) => o + (pos - p),
            Some((_, o, false)) => o,
            None => self.marks.first().map_or(0, |m| m.1),
        }
    }

    /// Style of byte `pos`.
    fn run_index(&self, pos: usize) -> usize {
        self.runs
            .partition_point(|&(p, _)| p <= pos)
            .saturating_sub(1)
    }

    /// Replace each tab by spaces up to the next multiple of [`TAB_STOP`] columns (counted from
    /// the block start or its last hard break), keeping styles and source marks aligned.
    pub fn expand_tabs(&mut self) {
        if !self.text.contains('\t') {
            return;
        }
        let old = std::mem::take(self);
        // Column at byte `measured` of the new text (incremental: linear however many tabs).
        let mut measured = 0;
        let mut col = 0;
        let mut last = 0;
        for (i, c) in old.text.char_indices() {
            if c == '\n' {
                measured = self.text.len() + (i - last) + 1;
                col = 0;
            }
            if c != '\t' {
                continue;
            }
            self.copy_from(&old, last, i);
            col += str_width(&self.text[measured..]);
            let n = TAB_STOP - col % TAB_STOP;
            col += n;
            let style = old.runs[old.run_index(i)].1;
            self.raw_push(&" ".repeat(n), style, old.source_offset(i), false);
            measured = self.text.len();
            last = i + 1;
        }
        self.copy_from(&old, last, old.text.len());
        self.soft_breaks = old.soft_breaks; // only used by table detection, before expansion
    }

    /// Append `other.text[from..to]` with its styles and marks.
    fn copy_from(&mut self, other: &StyledText, from: usize, to: usize) {
        let mut p = from;
        while p < to {
            let ri = other.run_index(p);
            let run_end = other.runs.get(ri + 1).map_or(usize::MAX, |r| r.0);
            let mi = other.marks.partition_point(|&(m, _, _)| m <= p);
            let mark_end = other.marks.get(mi).map_or(usize::MAX, |m| m.0);
            let end = to.min(run_end).min(mark_end);
            let exact = mi > 0 && other.marks[mi - 1].2;
            self.raw_push(
                &other.text[p..end],
                other.runs[ri].1,
                other.source_offset(p),
                exact,
            );
            p = end;
        }
    }

    /// Restyle every run: `f(style)` gives the new style (e.g. plain text inside a quote).
    pub fn restyle(&mut self, f: impl Fn(Style) -> Style) {
        for r in &mut self.runs {
            r.1 = f(r.1);
        }
    }

    /// Wrap `text[from..]` at `width` columns and slice the style runs per line.
    /// Returns (spans, source offset) per line; every line is at most `width` wide.
    pub fn wrap_lines(&self, from: usize, width: usize) -> Vec<(Vec<Span>, usize)> {
        let width = width.max(1);
        let body = &self.text[from..];
        // URLs and standard designations stay whole on a line (see `unbroken`).
        let keep = unbroken::ranges(body);
        wrap_keeping(body, width, &keep)
            .into_iter()
            .map(|r| {
                let (start, end) = (r.start + from, r.end + from);
                let offset = self.source_offset(start);
                if is_oversize(&self.text[start..end], width) {
                    let style = self.runs[self.run_index(start)].1;
                    return (vec![span(OVERSIZE_MARK, style)], offset);
                }
                (self.spans(start, end), offset)
            })
            .collect()
    }

    /// Style-run slices of `text[start..end]`.
    pub fn spans(&self, start: usize, end: usize) -> Vec<Span> {
        let mut out = Vec::new();
        let mut i = self.run_index(start);
        let mut p = start;
        while p < end {
            let run_end = self.runs.get(i + 1).map_or(end, |r| r.0.min(end));
            if run_end > p {
                out.push(span(&self.text[p..run_end], self.runs[i].1));
            }
            p = run_end.max(p);
            i += 1;
        }
        out
    }
}

/// Whether a line of [`wrap`] is its one exception, a cluster wider than the whole line
/// ([`oversize`]). Every other line fits, and an exception is a line of one cluster, so this
/// looks at two clusters at most instead of measuring every line.
fn is_oversize(line: &str, width: usize) -> bool {
    let mut clusters = Clusters::new(line);
    match (clusters.next(), clusters.next()) {
        (Some(_), None) => oversize(line, width),
        _ => false,
    }
}

pub fn span(text: &str, style: Style) -> Span {
    Span {
        text: text.to_string(),
        style,
    }
}

/// A finished line: `prefix` spans then `body` spans, empty spans dropped.
pub fn line(prefix: &[Span], mut body: Vec<Span>, offset: usize) -> Line {
    body.retain(|s| !s.text.is_empty());
    if prefix.is_empty() {
        // Most lines (no list or quote around them): the body's spans as they are.
        return Line {
            spans: body,
            offset,
        };
    }
    let mut spans = Vec::with_capacity(prefix.len() + body.len());
    spans.extend(prefix.iter().filter(|s| !s.text.is_empty()).cloned());
    spans.extend(body);
    Line { spans, offset }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[(Vec<Span>, usize)]) -> Vec<String> {
        lines
            .iter()
            .map(|(s, _)| s.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn styles_survive_wrapping() {
        let mut t = StyledText::default();
        t.push("plain ", Style::Text, 0, true);
        t.push("very strong words", Style::Strong, 8, true);
        t.push(" end", Style::Text, 27, true);
        let lines = t.wrap_lines(0, 11);
        assert_eq!(texts(&lines), ["plain very", "strong", "words end"]);
        assert_eq!(lines[0].0[1], span("very", Style::Strong));
        assert_eq!(lines[1].0, vec![span("strong", Style::Strong)]);
        assert_eq!(
            lines[2].0,
            vec![span("words", Style::Strong), span(" end", Style::Text)]
        );
        assert_eq!(lines[1].1, 13, "offset maps into the source");
        assert_eq!(lines[2].1, 20);
    }

    #[test]
    fn soft_breaks_join_cjk_without_space() {
        let mut t = StyledText::default();
        t.push("中文", Style::Text, 0, true);
        t.soft_break();
        t.push("标准", Style::Text, 7, true);
        t.soft_break();
        t.push("ISO", Style::Text, 14, true);
        assert_eq!(t.text, "中文标准 ISO");
        assert_eq!(t.soft_breaks, [6, 13]);
        assert_eq!(t.source_offset(6), 7);
    }

    #[test]
    fn text_is_sanitised_but_tabs_kept() {
        let mut t = StyledText::default();
        t.push("a\u{1b}[2Jb\tc", Style::Text, 0, true);
        assert_eq!(t.text, "a^[b\tc");
        t.expand_tabs();
        assert_eq!(t.text, "a^[b    c");
        assert_eq!(
            t.source_offset(t.text.len() - 1),
            7,
            "c is byte 7 of the source"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Only a one-cluster line can be too wide: the shortcut agrees with measuring.
        #[test]
        fn only_single_cluster_lines_are_oversize(
            text in "[a 中。、「」\u{200B}\u{301}\u{FF76}\u{FF9E}\u{1F469}\u{200D}\u{1F467}\u{FE0F}\u{2764}\t\n-]{0,24}",
            width in 1usize..6,
        ) {
            for r in wrap(&text, width) {
                let line = &text[r];
                proptest::prop_assert_eq!(is_oversize(line, width), oversize(line, width), "{:?}", line);
            }
        }
    }

    #[test]
    fn oversize_cluster_becomes_a_mark() {
        let mut t = StyledText::default();
        t.push("中a", Style::Text, 0, true);
        assert_eq!(texts(&t.wrap_lines(0, 1)), ["?", "a"]);
    }
}
