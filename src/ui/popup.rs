//! Popup frames and the fuzzy-jump popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::layout::popup_area;
use crate::app::state::FuzzyPopup;
use crate::text::width::str_width;

use super::text::{fit, fit_spans, highlighted, spans_width};
use super::theme::Theme;

/// Popup borders in ASCII: box-drawing characters are East Asian "ambiguous" and take two
/// columns in terminals set to treat them as wide, which would break the frame.
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Clears the popup area, draws its frame with `title`, and returns the inside.
pub fn frame_popup(frame: &mut Frame, theme: &Theme, title: &str) -> Rect {
    let area = frame.area();
    let outer = popup_area(area.width, area.height);
    frame.render_widget(Clear, outer);
    let title = fit(title, usize::from(outer.width.saturating_sub(2)));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(ASCII_BORDER)
        .title(Span::styled(title, theme.title_bar(true)));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    inner
}

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
    for (i, hit) in f.hits.iter().enumerate().skip(f.top).take(rows) {
        let selected = i == f.selected;
        let base = Style::new();
        let hl = theme.matched();
        // Right part: where the article is (issue id and column).
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
        let meta_w = spans_width(&meta).min(width / 3);
        let meta = fit_spans(meta, meta_w);
        // Left part: the titles.
        let mark = if selected { ">" } else { " " };
        let mut left = vec![Span::raw(format!("{mark} "))];
        left.extend(highlighted(&hit.title, &hit.matched.title, base, hl));
        if let Some(zh) = &hit.title_zh {
            left.push(Span::raw("  "));
            left.extend(highlighted(zh, &hit.matched.title_zh, base, hl));
        }
        let left = fit_spans(left, width.saturating_sub(spans_width(&meta)));
        let pad = width.saturating_sub(spans_width(&left) + spans_width(&meta));
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
