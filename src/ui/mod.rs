//! Rendering of the reader state into a ratatui frame. Draws only; never changes state.

pub mod article;
pub mod bookmarks;
pub mod fulltext_popup;
pub mod fuzzy_popup;
pub mod help;
pub mod links;
pub mod panes;
pub mod popup_frame;
pub mod standards;
pub mod status;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, Pane};
use crate::app::{App, Popup};

pub use theme::Theme;

/// At the right of an open article's title bar beside the other panes.
const READING_HINT: &str = "z read alone ";

/// Draws the whole screen for `app`. The frame must be the size the app was last told about
/// (`Action::Resize`); a smaller-than-minimum screen gets a one-line notice instead.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let g = app.geometry();
    if g.too_small || area.width != app.width || area.height != app.height {
        let msg = format!("enlarge the window (at least {MIN_WIDTH}x{MIN_HEIGHT})");
        let row = ratatui::layout::Rect::new(area.x, area.y, area.width, area.height.min(1));
        frame.render_widget(
            Paragraph::new(text::fit(&msg, usize::from(area.width))),
            row,
        );
        return;
    }
    for pane in Pane::ALL {
        let Some(p) = g.pane(pane) else { continue };
        let label = pane_title(app, pane);
        let bar = text::fit(&format!(" {label}"), usize::from(p.title.width));
        let used = crate::text::width::str_width(&bar);
        // Beside the panes, an open article's title bar says how to read it alone, when the
        // section name leaves room (the status line may have none for it).
        let hint = match pane == Pane::Article && !g.narrow && app.view.is_some() {
            true => READING_HINT,
            false => "",
        };
        let hint = match used + hint.len() < usize::from(p.title.width) {
            true => hint,
            false => "",
        };
        let pad = usize::from(p.title.width).saturating_sub(used + hint.len());
        frame.render_widget(
            Paragraph::new(Line::raw(format!("{bar}{}{hint}", " ".repeat(pad))))
                .style(theme.title_bar(app.focus == pane)),
            p.title,
        );
        match pane {
            Pane::Issues => panes::draw_issues(frame, app, theme, p.body),
            Pane::Contents => panes::draw_contents(frame, app, theme, p.body),
            Pane::Article => article::draw_article(frame, app, theme, g.text),
        }
    }
    for sep in &g.separators {
        let lines: Vec<Line> = (0..sep.height).map(|_| Line::raw("|")).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.separator()), *sep);
    }
    status::draw_status(frame, app, theme, g.status);
    for popup in &app.popups {
        match popup {
            Popup::Help { scroll } => help::draw_help(frame, *scroll, theme),
            Popup::Fuzzy(f) => fuzzy_popup::draw_fuzzy(frame, f, theme),
            Popup::FullText(f) => fulltext_popup::draw_fulltext(frame, app, f, theme),
            Popup::Bookmarks(b) => bookmarks::draw_bookmarks(frame, app, b, theme),
            Popup::Standards(s) => standards::draw_standards(frame, app, s, theme),
            Popup::Mentions(m) => standards::draw_mentions(frame, app, m, theme),
            // Prompts live in the status line (drawn above).
            Popup::Search(_) | Popup::Label(_) => {}
        }
    }
    // A popup's border over the right half of a Chinese character keeps the border, as a
    // terminal can show only one of them; cells under wide characters are plain blanks.
    crate::term::normalize_wide(frame.buffer_mut());
}

/// A pane's title bar text.
fn pane_title(app: &App, pane: Pane) -> String {
    match pane {
        Pane::Issues => format!("Issues ({})", app.archive.issues.len()),
        Pane::Contents => match app.open_issue() {
            Some(i) => format!("Contents {}", i.id),
            None => "Contents".into(),
        },
        Pane::Article => match app.open_article() {
            Some(at) => {
                let s = &app.archive.issues[at.issue].sections[at.section];
                match &s.name_zh {
                    Some(zh) => format!("{} {}", text::clean(&s.name), text::clean(zh)),
                    None => text::clean(&s.name),
                }
            }
            None => "Article".into(),
        },
    }
}
