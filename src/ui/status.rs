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

use super::text::{chrome_safe, clean, fit};
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
                parts.push(chrome_safe(&clean(&issue.label())));
            }
        }
    }
    parts.join(CRUMB)
}

/// `line/total pct%` for the open article: the last visible line and how much has been seen;
/// with a search, `match 3/17` in front.
pub fn position(app: &App) -> Option<String> {
    let view = app.view.as_ref()?;
    let total = view.lines.len().max(1);
    let bottom = (view.top + article_rows(app)).min(total);
    let lines = format!("{}/{} {}%", view.top + 1, total, bottom * 100 / total);
    Some(match match_count(app) {
        Some(m) => format!("{m}  {lines}"),
        None => lines,
    })
}

/// `match 3/17` (or `17 matches`, `no match`) for the search in the open article.
pub fn match_count(app: &App) -> Option<String> {
    let view = app.view.as_ref()?;
    let s = app
        .search
        .as_ref()
        .filter(|s| s.at == view.at && !s.hidden)?;
    Some(match (s.current, s.matches.len()) {
        (_, 0) => "no match".to_string(),
        (Some(i), n) => format!("match {}/{n}", i + 1),
        (None, 1) => "1 match".to_string(),
        (None, n) => format!("{n} matches"),
    })
}

/// Key hints for what is on top, most useful first; as many as fit are shown.
fn hints(app: &App) -> &'static [&'static str] {
    match app.popups.last() {
        Some(Popup::Fuzzy(_) | Popup::FullText(_)) => {
            &["Enter open", "Esc cancel", "Up/Down select"]
        }
        Some(Popup::Help { .. }) => &["Esc close", "j/k scroll"],
        Some(Popup::Bookmarks(_)) => &["Enter jump", "d delete", "Esc close"],
        Some(Popup::Standards(_)) => &["Enter mentions", "Esc close", "j/k select"],
        Some(Popup::Mentions(_)) => &["Enter open", "Esc back", "j/k select"],
        Some(Popup::Search(_) | Popup::Label(_)) => &["Enter keep", "Esc cancel"],
        None => match app.focus {
            Pane::Issues => &["Enter open", "Tab pane", "^P find", "? help", "q quit"],
            Pane::Contents => &["Enter open", "1-9 column", "^P find", "? help", "q quit"],
            Pane::Article if app.search.as_ref().is_some_and(|s| !s.hidden) => {
                &["n/N match", "Esc clear", "/ search", "] column", "? help"]
            }
            // Reading mode (`z`) shows the article alone; off, it widens the article.
            Pane::Article if app.reading => {
                &["Space page", "z panes", "/ search", "] column", "? help"]
            }
            // Last but one, so it never takes the breadcrumb's room at 80 columns.
            Pane::Article if !app.geometry().narrow => {
                &["Space page", "/ search", "] column", "z read", "? help"]
            }
            Pane::Article => &["Space page", "/ search", "] column", "^P find", "? help"],
        },
    }
}

/// Hints joined by two spaces, as many as fit in `room` columns.
fn fit_hints(hints: &[&str], room: usize) -> String {
    let mut out = String::new();
    for h in hints {
        let extra = if out.is_empty() { h.len() } else { h.len() + 2 };
        if str_width(&out) + extra + 1 > room {
            break;
        }
        if !out.is_empty() {
            out.push_str("  ");
        }
        out.push_str(h);
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out
}

pub fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    match app.popups.last() {
        Some(Popup::Search(p)) => {
            let right = match (p.input.is_empty(), match_count(app)) {
                (false, Some(m)) => m,
                _ => "Enter keep  Esc cancel".to_string(),
            };
            return draw_prompt(frame, theme, area, "/", &p.input, &right);
        }
        Some(Popup::Label(p)) => {
            let right = "Enter save  Esc cancel";
            return draw_prompt(frame, theme, area, "Bookmark label: ", &p.input, right);
        }
        _ => {}
    }
    let width = usize::from(area.width);
    let pos = position(app).map(|p| format!(" {p} ")).unwrap_or_default();
    let crumb = format!(" {}", breadcrumb(app));
    // The breadcrumb keeps up to half the line; hints take what is left after the position.
    let crumb_keep = str_width(&crumb).min(width / 2);
    let room = width.saturating_sub(crumb_keep + str_width(&pos));
    let (right, right_style) = match &app.notice {
        Some(n) => (format!("{} ", clean(n)), theme.notice()),
        None => (fit_hints(hints(app), room), theme.status()),
    };
    let right = fit(&right, width.saturating_sub(str_width(&pos)));
    let room = width.saturating_sub(str_width(&pos) + str_width(&right));
    // Keep a space between the breadcrumb and what follows it.
    let crumb = fit(&crumb, room.saturating_sub(1));
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

/// A prompt in the status line: `lead`, what was typed and a cursor, then `right` at the end.
/// Long input scrolls: the end of it, where typing happens, stays visible.
fn draw_prompt(frame: &mut Frame, theme: &Theme, area: Rect, lead: &str, input: &str, right: &str) {
    let width = usize::from(area.width);
    let right = format!(" {right} ");
    let right = if str_width(&right) * 2 > width {
        String::new()
    } else {
        right
    };
    let room = width.saturating_sub(str_width(&right) + str_width(lead) + 1);
    let input = clean(input);
    let shown = tail_fit(&input, room);
    let used = str_width(lead) + str_width(&shown) + 1;
    let pad = width.saturating_sub(used + str_width(&right));
    let line = Line::from(vec![
        Span::styled(fit(lead, width), theme.status()),
        Span::styled(shown, theme.status()),
        Span::styled("_", theme.title_bar(true)),
        Span::styled(" ".repeat(pad), theme.status()),
        Span::styled(right, theme.status()),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status()), area);
}

/// The end of `s` that fits in `width` columns.
fn tail_fit(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in s.graphemes(true).rev() {
        let w = str_width(g);
        if used + w > width {
            break;
        }
        used += w;
        out.push(g);
    }
    out.reverse();
    out.concat()
}
