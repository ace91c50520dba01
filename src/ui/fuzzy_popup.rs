//! The fuzzy-jump popup (Ctrl-P): the query and the ranked titles.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::state::FuzzyPopup;
use crate::text::width::str_width;

use super::popup_frame::frame_popup;
use super::text::{fit, fit_spans, highlighted, spans_width};
use super::theme::Theme;

pub fn draw_fuzzy(frame: &mut Frame, f: &FuzzyPopup, theme: &Theme) {
    let count = match f.hits.len() {
        1 => "1 match".to_string(),
        n => format!("{n} matches"),
    };
    let inner = frame_popup(frame, theme, &format!(" Jump to article ({count}) "));
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let query = Line::from(vec![
        Span::styled("> ", theme.header()),
        Span::styled(
            super::text::clean(&f.query),
            theme.selected_query(f.query_selected),
        ),
        Span::styled("_", theme.title_bar(true)),
    ]);
    let mut lines = vec![Line::from(fit_spans(query.spans, width))];
    let rows = usize::from(inner.height - 1);
    let hl = theme.matched();
    let shown: Vec<_> = f.hits.iter().enumerate().skip(f.top).take(rows).collect();
    // Right part: where the article is (issue id and column), one column for the rows on
    // screen so the issue ids line up, as wide as the widest (at most a third of the width).
    let metas: Vec<Vec<Span>> = shown
        .iter()
        .map(|(_, hit)| {
            let mut meta = vec![Span::styled(" ", theme.dim())];
            meta.extend(highlighted(&hit.issue, &hit.matched.issue, theme.dim(), hl));
            meta.push(Span::styled(" ", theme.dim()));
            meta.extend(highlighted(
                &hit.section,
                &hit.matched.section,
                theme.dim(),
                hl,
            ));
            if let Some(zh) = &hit.section_zh {
                meta.push(Span::styled(" ", theme.dim()));
                meta.extend(highlighted(zh, &hit.matched.section_zh, theme.dim(), hl));
            }
            meta
        })
        .collect();
    let meta_w = metas
        .iter()
        .map(|m| spans_width(m))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    for ((i, hit), meta) in shown.into_iter().zip(metas) {
        let selected = i == f.selected;
        let base = Style::new();
        let mut meta = fit_spans(meta, meta_w);
        let short = meta_w.saturating_sub(spans_width(&meta));
        meta.push(Span::raw(" ".repeat(short)));
        // Left part: the titles.
        let mark = if selected { ">" } else { " " };
        let mut left = vec![Span::raw(format!("{mark} "))];
        left.extend(highlighted(&hit.title, &hit.matched.title, base, hl));
        if let Some(zh) = &hit.title_zh {
            left.push(Span::raw("  "));
            left.extend(highlighted(zh, &hit.matched.title_zh, base, hl));
        }
        let left = fit_spans(left, width.saturating_sub(meta_w));
        let pad = width.saturating_sub(spans_width(&left) + meta_w);
        let mut spans = left;
        spans.push(Span::raw(" ".repeat(pad)));
        spans.extend(meta);
        let style = if selected {
            theme.selected(true)
        } else {
            Style::new()
        };
        lines.push(Line::from(spans).style(style));
    }
    if f.hits.is_empty() {
        lines.push(Line::styled(fit("  no title matches", width), theme.dim()));
    }
    debug_assert!(lines.iter().all(|l| str_width(&l.to_string()) <= width));
    frame.render_widget(Paragraph::new(lines), inner);
}
