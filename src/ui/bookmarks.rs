//! The bookmark list (`'`): two rows per bookmark, newest first: its label and article (issue
//! at the right), then the text at the bookmarked place.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::bookmarks::{BookmarksPopup, ROWS_PER_BOOKMARK, listed};
use crate::app::remember::find_article;
use crate::text::width::str_width;

use super::popup_frame::{frame_popup, title_row};
use super::text::{clean, fit};
use super::theme::Theme;

const TEXT_INDENT: &str = "    ";

/// One line of body text from byte `offset`: whitespace collapsed, made safe to draw.
fn text_at(body: &str, offset: usize, width: usize) -> String {
    let mut start = offset.min(body.len());
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    // Enough bytes for a line of any script; more would only be cut again.
    let mut end = (start + width * 4 + 8).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    let words: Vec<&str> = body[start..end].split_whitespace().collect();
    fit(&clean(&words.join(" ")), width)
}

pub fn draw_bookmarks(frame: &mut Frame, app: &App, b: &BookmarksPopup, theme: &Theme) {
    let marks = listed(app);
    let inner = frame_popup(frame, theme, &format!(" Bookmarks ({}) ", marks.len()));
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let shown = usize::from(inner.height) / ROWS_PER_BOOKMARK;
    let mut lines = Vec::new();
    for (i, m) in marks.iter().enumerate().skip(b.top).take(shown) {
        let selected = i == b.selected;
        let style = if selected {
            theme.selected(true)
        } else {
            Style::new()
        };
        let found = find_article(&app.archive, &m.issue, &m.article);
        let article = found.and_then(|at| app.article(at));
        let title = article.map_or_else(
            || format!("(not in this archive: {})", m.article),
            |a| a.title.clone(),
        );
        let mark = if selected { ">" } else { " " };
        let left = match &m.label {
            Some(l) => format!("{mark} [{}] {}", clean(l), clean(&title)),
            None => format!("{mark} {}", clean(&title)),
        };
        let meta = format!(" {}", clean(&m.issue));
        lines.push(title_row(&left, &meta, width / 3, width, style, theme));
        let room = width.saturating_sub(TEXT_INDENT.len());
        let text = article.map_or_else(String::new, |a| text_at(&a.body, m.offset, room));
        let pad = room.saturating_sub(str_width(&text));
        lines.push(
            Line::from(vec![
                Span::raw(TEXT_INDENT),
                Span::styled(text, theme.dim()),
                Span::raw(" ".repeat(pad)),
            ])
            .style(style),
        );
    }
    if marks.is_empty() {
        lines.push(Line::styled(
            fit(
                "  no bookmarks yet: m in an article bookmarks your place",
                width,
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
