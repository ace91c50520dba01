//! Small text helpers for drawing: sanitising, cutting to a width, highlighting matches.
//! Widths are measured as ratatui draws them (`text::width`).

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::sanitize::sanitize;
use crate::text::width::{grapheme_width, str_width};

/// Marks text cut to fit. ASCII: it must be one column under any CJK width setting.
pub const CUT_MARK: &str = "~";

/// Archive text made safe to draw: [`sanitize`], owned, as a span keeps its text.
pub fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// Text composed by the reader itself (issue labels) with East Asian "ambiguous" punctuation
/// swapped for look-alikes that are one column wide under every CJK width setting: U+00B7
/// MIDDLE DOT is ambiguous, U+2219 BULLET OPERATOR is not.
pub fn chrome_safe(s: &str) -> String {
    s.replace('\u{B7}', "\u{2219}")
}

/// `s` cut to at most `width` columns; when cut, the last column shows [`CUT_MARK`].
pub fn fit(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(CUT_MARK);
    out
}

/// Spans cut to at most `width` columns in total, with [`CUT_MARK`] (in the style of the span
/// it cuts) when anything is dropped.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    if total <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    let budget = width.saturating_sub(1);
    for span in spans {
        let mut kept = String::new();
        let mut cut = false;
        for g in span.content.graphemes(true) {
            let w = grapheme_width(g);
            if used + w > budget {
                cut = true;
                break;
            }
            kept.push_str(g);
            used += w;
        }
        if cut {
            if !kept.is_empty() {
                out.push(Span::styled(kept, span.style));
            }
            if width > 0 {
                out.push(Span::styled(CUT_MARK, span.style));
            }
            return out;
        }
        out.push(Span::styled(kept, span.style));
    }
    out
}

/// Splits `text` into spans, styling the chars at `matched` (char indices, sorted) with
/// `highlight` patched over `base`.
pub fn highlighted(
    text: &str,
    matched: &[usize],
    base: Style,
    highlight: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut next = matched.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let hl = next.peek().is_some_and(|&&m| m == i);
        if hl {
            next.next();
        }
        if hl != run_hl && !run.is_empty() {
            let style = if run_hl { base.patch(highlight) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hl = hl;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_hl { base.patch(highlight) } else { base };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// Total display width of spans.
pub fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| str_width(&s.content)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_never_exceeds_the_width() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 5), "hell~");
        // A wide char that would straddle the limit is dropped, not half drawn.
        assert_eq!(fit("标准化工作", 4), "标~");
        assert_eq!(str_width(&fit("标准化工作", 4)), 3);
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "~");
        for w in 0..12 {
            assert!(str_width(&fit("中文 and English 混排", w)) <= w);
        }
    }

    #[test]
    fn highlighted_splits_runs() {
        let hl = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = highlighted("蒙古国标准", &[0, 1, 2], Style::default(), hl);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].content, "蒙古国");
        assert_eq!(spans[0].style, hl);
        assert_eq!(spans[1].content, "标准");
        let cut = fit_spans(spans, 5);
        assert_eq!(spans_width(&cut), 5);
        assert_eq!(cut.last().unwrap().content, CUT_MARK);
    }
}
