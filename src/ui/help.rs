//! The `?` help overlay, drawn from the keymap table (its rows: `app::help`).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::help::{HelpRow, help_height, help_rows, help_width};

use super::popup_frame::frame_popup;
use super::text::{fit, fit_spans};
use super::theme::Theme;

pub fn draw_help(frame: &mut Frame, scroll: usize, theme: &Theme) {
    let area = frame.area();
    let rows = help_rows(help_width(area.width, area.height));
    // Where the view is, when the help is longer than the overlay (as `less` shows it).
    let visible = help_height(area.width, area.height);
    let title = if rows.len() > visible {
        let last = (scroll + visible).min(rows.len());
        format!(
            " Keys (Esc closes), rows {}-{} of {} ",
            scroll + 1,
            last,
            rows.len()
        )
    } else {
        " Keys (Esc closes) ".to_string()
    };
    let inner = frame_popup(frame, theme, &title);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|r| match r {
            HelpRow::Heading(h) => Line::styled(fit(h, width), theme.header()),
            HelpRow::Entry { keys, text } => Line::from(fit_spans(
                vec![
                    Span::styled(keys.clone(), theme.column_number()),
                    Span::raw(text.clone()),
                ],
                width,
            )),
            HelpRow::Note(n) => Line::styled(fit(n, width), theme.dim()),
            HelpRow::Blank => Line::raw(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
