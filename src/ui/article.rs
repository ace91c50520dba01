//! The article pane: the visible slice of the open article's laid-out lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
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
        Some(view) => view
            .lines
            .iter()
            .skip(view.top)
            .take(height)
            .map(|l| {
                Line::from(
                    l.spans
                        .iter()
                        .map(|(t, ink)| Span::styled(t.clone(), theme.ink(ink)))
                        .collect::<Vec<_>>(),
                )
            })
            .collect(),
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
