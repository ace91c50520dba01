//! The frame every popup is drawn in: cleared, bordered in ASCII, titled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use crate::app::layout::popup_area;

use super::text::{fit, fit_spans, spans_width};
use super::theme::Theme;
use crate::search::snippet::Snippet;
use crate::text::width::str_width;

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

/// A list popup's row: `left` and, at the right, `meta` dimmed (cut to `meta_room` columns
/// first), padded to `width`, in `style` (the selection's, or none).
pub fn title_row(
    left: &str,
    meta: &str,
    meta_room: usize,
    width: usize,
    style: Style,
    theme: &Theme,
) -> Line<'static> {
    let meta = fit(meta, meta_room);
    let left = fit(left, width.saturating_sub(str_width(&meta)));
    let pad = width.saturating_sub(str_width(&left) + str_width(&meta));
    Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::styled(meta, theme.dim()),
    ])
    .style(style)
}

/// A snippet under its row, indented by `indent`: the context dimmed, the hit in `hit_style`,
/// cut and padded to `width`, in `style`.
pub fn snippet_row(
    s: &Snippet,
    indent: usize,
    hit_style: Style,
    width: usize,
    style: Style,
    theme: &Theme,
) -> Line<'static> {
    let (before, rest) = s.text.split_at(s.hit.start);
    let (found, after) = rest.split_at(s.hit.len());
    let mut spans = fit_spans(
        vec![
            Span::raw(" ".repeat(indent)),
            Span::styled(before.to_string(), theme.dim()),
            Span::styled(found.to_string(), hit_style),
            Span::styled(after.to_string(), theme.dim()),
        ],
        width,
    );
    let pad = width.saturating_sub(spans_width(&spans));
    spans.push(Span::raw(" ".repeat(pad)));
    Line::from(spans).style(style)
}
