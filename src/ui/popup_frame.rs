//! The frame every popup is drawn in: cleared, bordered in ASCII, titled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};

use crate::app::layout::popup_area;

use super::text::fit;
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
