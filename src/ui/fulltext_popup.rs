//! The full-text search popup (Ctrl-F): the query, then two rows per article found: where it
//! is (title, issue, column) and a one-line snippet with the hit highlighted. Snippets are
//! made only for the rows on screen.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::fulltext_popup::{FULLTEXT_LIMIT, FullTextPopup, ROWS_PER_HIT};
use crate::search::snippet::snippet;

use super::popup_frame::{frame_popup, snippet_row, title_row};
use super::text::{clean, fit, fit_spans};
use super::theme::Theme;

/// Indent of the snippet row under its title row.
const SNIPPET_INDENT: usize = 4;

fn title(f: &FullTextPopup) -> String {
    let n = f.hits.len();
    let found = match n {
        1 => "1 article".to_string(),
        n if n >= FULLTEXT_LIMIT => format!("first {n} articles"),
        n => format!("{n} articles"),
    };
    if f.query.trim().is_empty() {
        " Search all issues ".to_string()
    } else if f.busy() {
        let (done, all) = f.progress;
        format!(" Search all issues ({found}, searching {done}/{all}) ")
    } else {
        format!(" Search all issues ({found}) ")
    }
}

pub fn draw_fulltext(frame: &mut Frame, app: &App, f: &FullTextPopup, theme: &Theme) {
    let inner = frame_popup(frame, theme, &title(f));
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let query = Line::from(vec![
        Span::styled("> ", theme.header()),
        Span::styled(clean(&f.query), theme.selected_query(f.query_selected)),
        Span::styled("_", theme.title_bar(true)),
    ]);
    let mut lines = vec![Line::from(fit_spans(query.spans, width))];
    let shown = usize::from(inner.height - 1) / ROWS_PER_HIT;
    for (i, hit) in f.hits.iter().enumerate().skip(f.top).take(shown) {
        let selected = i == f.selected;
        let row_style = if selected {
            theme.selected(true)
        } else {
            Style::new()
        };
        let (issue, section, article) = hit.locate(&app.archive);
        // First row: the title, and where it is at the right.
        let mut meta = format!(" {} {}", issue.id, clean(&section.name));
        if let Some(zh) = section.name_zh.as_deref().filter(|z| !z.is_empty()) {
            meta.push(' ');
            meta.push_str(&clean(zh));
        }
        let mark = if selected { ">" } else { " " };
        let left = format!("{mark} {}", clean(&article.title));
        lines.push(title_row(&left, &meta, width / 3, width, row_style, theme));
        // Second row: the snippet around the hit.
        let room = width.saturating_sub(SNIPPET_INDENT);
        let s = snippet(hit.field_text(&app.archive), hit.range.clone(), room);
        lines.push(snippet_row(
            &s,
            SNIPPET_INDENT,
            theme.matched(),
            width,
            row_style,
            theme,
        ));
    }
    let hint = if f.query.trim().is_empty() {
        Some("  type a phrase: the text and titles of every article, in every issue")
    } else if f.hits.is_empty() && !f.busy() {
        Some("  no article has that text")
    } else {
        None
    };
    if let Some(h) = hint {
        lines.push(Line::styled(fit(h, width), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
