//! The status line: where you are (issue › column › article), how far in, and the keys that
//! matter now. A notice, when there is one, takes the place of the key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::layout::Pane;
use crate::app::update::article_rows;
use crate::app::{App, Popup};
use crate::text::width::str_width;

use super::text::{clean, fit};
use super::theme::Theme;

/// Breadcrumb separator: U+203A is one column wide under any CJK width setting.
pub const CRUMB: &str = " \u{203A} ";

pub fn breadcrumb(app: &App) -> String {
    let mut parts: Vec<String> = Vec::new();
    match app.open_article() {
        Some(at) => {
            let issue = &app.archive.issues[at.issue];
            let section = &issue.sections[at.section];
            parts.push(issue.id.clone());
            parts.push(clean(&section.name));
            parts.push(clean(&section.articles[at.article].title));
        }
        None => {
            if let Some(issue) = app.open_issue() {
                parts.push(clean(&issue.label()));
            }
        }
    }
    parts.join(CRUMB)
}

/// `line/total pct%` for the open article: the last visible line and how much has been seen.
pub fn position(app: &App) -> Option<String> {
    let view = app.view.as_ref()?;
    let total = view.lines.len().max(1);
    let bottom = (view.top + article_rows(app)).min(total);
    Some(format!(
        "{}/{} {}%",
        view.top + 1,
        total,
        bottom * 100 / total
    ))
}

fn hints(app: &App) -> &'static str {
    match app.popups.last() {
        Some(Popup::Fuzzy(_)) => "Enter open  Esc cancel  Up/Down select",
        Some(Popup::Help { .. }) => "Esc close  j/k scroll",
        None => match app.focus {
            Pane::Issues => "Enter open  Tab pane  ^P find  ? help  q quit",
            Pane::Contents => "Enter open  1-9 column  ^P find  ? help  q quit",
            Pane::Article => "Space page  ]/[ column  }/{ article  ^P find  ? help",
        },
    }
}

pub fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let (right, right_style) = match &app.notice {
        Some(n) => (clean(n), theme.notice()),
        None => (hints(app).to_string(), theme.status()),
    };
    let pos = position(app).map(|p| format!(" {p} ")).unwrap_or_default();
    let crumb = format!(" {}", breadcrumb(app));
    // The breadcrumb keeps at least a little room; the hints go first when space is short.
    let min_crumb = str_width(&crumb).min(16);
    let right = if min_crumb + str_width(&pos) + str_width(&right) < width {
        format!("{right} ")
    } else {
        String::new()
    };
    let right = fit(&right, width.saturating_sub(str_width(&pos)));
    let room = width.saturating_sub(str_width(&pos) + str_width(&right));
    let crumb = fit(&crumb, room);
    let pad = room.saturating_sub(str_width(&crumb));
    let line = Line::from(vec![
        Span::raw(crumb),
        Span::raw(" ".repeat(pad)),
        Span::raw(fit(&pos, width)),
        Span::styled(right, right_style),
    ])
    .style(theme.status());
    frame.render_widget(Paragraph::new(line).style(theme.status()), area);
}
