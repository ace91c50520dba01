//! The `?` help overlay, drawn from the keymap table.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{HelpLine, help_lines};

use super::popup_frame::frame_popup;
use super::text::{fit, fit_spans};
use super::theme::Theme;

/// Width of the keys column.
const KEYS_COLUMN: usize = 22;

pub fn draw_help(frame: &mut Frame, scroll: usize, theme: &Theme) {
    let inner = frame_popup(frame, theme, " Keys (Esc closes) ");
    let width = usize::from(inner.width);
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|l| match l {
            HelpLine::Heading(h) => Line::styled(fit(h, width), theme.header()),
            HelpLine::Entry(e) => {
                let keys = format!("  {:<w$} ", e.keys, w = KEYS_COLUMN - 3);
                Line::from(fit_spans(
                    vec![
                        Span::styled(keys, theme.column_number()),
                        Span::raw(e.description),
                    ],
                    width,
                ))
            }
            HelpLine::Note(n) => Line::styled(fit(&format!("  {n}"), width), theme.dim()),
            HelpLine::Blank => Line::raw(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
