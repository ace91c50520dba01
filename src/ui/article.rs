//! The article pane: the visible slice of the open article's laid-out lines.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::article::ArticleLine;
use crate::text::markdown;

use super::theme::Theme;

/// Shown in the article pane before any article is opened.
const WELCOME: &str = "No article open.\n\n\
Select an article in the contents and press Enter. Keys 1 to 9 open a column, \\] and \\[ step \
through columns, Ctrl-P finds any article by a few letters of its English or Chinese title, \
and ? lists every key.";

/// Draws the article text into `text` (the article pane's text column).
pub fn draw_article(frame: &mut Frame, app: &App, theme: &Theme, text: Rect) {
    let height = usize::from(text.height);
    let lines: Vec<Line> = match &app.view {
        Some(view) => {
            // Highlights only when the matches were found in this very layout.
            let search = app
                .search
                .as_ref()
                .filter(|s| (s.at, s.width) == (view.at, view.width) && !s.hidden);
            let marks = app
                .standard_marks
                .as_ref()
                .filter(|m| (m.at, m.width) == (view.at, view.width));
            view.lines
                .iter()
                .enumerate()
                .skip(view.top)
                .take(height)
                .map(|(i, l)| {
                    let segments = search.map_or_else(Vec::new, |s| {
                        s.segments(i, l.spans.iter().map(|(t, _)| t.len()).sum())
                    });
                    let standards = marks
                        .and_then(|m| m.lines.get(i))
                        .map_or(&[][..], Vec::as_slice);
                    Line::from(paint(l, &segments, standards, theme))
                })
                .collect()
        }
        None => markdown::layout(WELCOME, usize::from(text.width.max(1)))
            .into_iter()
            .take(height)
            .map(|l| {
                Line::from(
                    l.spans
                        .into_iter()
                        .map(|s| Span::styled(s.text, theme.text(s.style)))
                        .collect::<Vec<_>>(),
                )
            })
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), text);
}

/// The line's spans in their styles, with the bytes in `segments` (ranges of the line's text,
/// sorted) patched with the match style (the current match's own when flagged), and the bytes
/// in `standards` (designations, sorted) with the standard's mark under it.
fn paint(
    line: &ArticleLine,
    segments: &[(Range<usize>, bool)],
    standards: &[Range<usize>],
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (text, ink) in &line.spans {
        let base = theme.ink(ink);
        let end = at + text.len();
        // Cut points inside this span: its ends and every segment boundary within it.
        let mut cuts = vec![at, end];
        for r in segments.iter().map(|(r, _)| r).chain(standards) {
            cuts.extend([r.start, r.end].into_iter().filter(|&c| c > at && c < end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let Some(piece) = text.get(a - at..b - at) else {
                continue;
            };
            let base = match standards.iter().any(|r| r.start <= a && b <= r.end) {
                true => base.patch(theme.standard()),
                false => base,
            };
            let style = match segments.iter().find(|(r, _)| r.start <= a && b <= r.end) {
                Some((_, current)) => base.patch(theme.search_match(*current)),
                None => base,
            };
            out.push(Span::styled(piece.to_string(), style));
        }
        at = end;
    }
    out
}
