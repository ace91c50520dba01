//! The status line: where you are (issue › column › article), how far in, and the keys that
//! matter now. A notice, when there is one, takes the place of the key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keymap::{Context, Key, key_for};
use crate::app::layout::Pane;
use crate::app::update::article_rows;
use crate::app::{Action, App, Popup};
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

/// A key hint: the keys of one or two actions and a word. The keys come from the keymap (the
/// first binding of each action where the hint is shown), so a hint never names a key that
/// does something else; a hint whose action has no key there is left out.
enum Hint {
    /// `Enter open`.
    One(Action, &'static str),
    /// `n/N match`: two actions' keys with `/`.
    Pair(Action, Action, &'static str),
    /// `1-9 column`: the first and last of a run of keys with `-`.
    Run(Action, Action, &'static str),
}

use Action as A;
use Hint::{One, Pair, Run};

const POPUP_LIST: &[Hint] = &[
    One(A::Open, "open"),
    One(A::ClosePopup, "cancel"),
    Pair(A::Up, A::Down, "select"),
];
const HELP: &[Hint] = &[One(A::ClosePopup, "close"), Pair(A::Down, A::Up, "scroll")];
const BOOKMARKS: &[Hint] = &[
    One(A::Open, "jump"),
    One(A::Delete, "delete"),
    One(A::ClosePopup, "close"),
];
const STANDARDS: &[Hint] = &[
    One(A::Open, "mentions"),
    One(A::ClosePopup, "close"),
    Pair(A::Down, A::Up, "select"),
];
/// The standards popup of an article that mentions none: only closing it does anything.
const STANDARDS_NONE: &[Hint] = &[One(A::ClosePopup, "close")];
/// An empty bookmarks list.
const BOOKMARKS_NONE: &[Hint] = &[One(A::ClosePopup, "close")];
const MENTIONS: &[Hint] = &[
    One(A::Open, "open"),
    One(A::ClosePopup, "back"),
    Pair(A::Down, A::Up, "select"),
];
const SEARCH: &[Hint] = &[One(A::Open, "keep"), One(A::ClosePopup, "cancel")];
const LABEL: &[Hint] = &[One(A::Open, "save"), One(A::ClosePopup, "cancel")];
const ISSUES: &[Hint] = &[
    One(A::Open, "open"),
    One(A::FocusNext, "pane"),
    One(A::OpenFuzzy, "find"),
    One(A::ToggleHelp, "help"),
    One(A::Quit, "quit"),
];
const CONTENTS: &[Hint] = &[
    One(A::Open, "open"),
    Run(A::Count(1), A::Count(9), "column"),
    One(A::OpenFuzzy, "find"),
    One(A::ToggleHelp, "help"),
    One(A::Quit, "quit"),
];
const MATCHES: &[Hint] = &[
    Pair(A::NextMatch, A::PrevMatch, "match"),
    One(A::ClearSearch, "clear"),
    One(A::OpenSearch, "search"),
    One(A::NextColumn, "column"),
    One(A::ToggleHelp, "help"),
];
const READING: &[Hint] = &[
    One(A::PageDown, "page"),
    One(A::ToggleReading, "panes"),
    One(A::OpenSearch, "search"),
    One(A::NextColumn, "column"),
    One(A::ToggleHelp, "help"),
];
// `z read` last but one, so it never takes the breadcrumb's room at 80 columns.
const ARTICLE_WIDE: &[Hint] = &[
    One(A::PageDown, "page"),
    One(A::OpenSearch, "search"),
    One(A::NextColumn, "column"),
    One(A::ToggleReading, "read"),
    One(A::ToggleHelp, "help"),
];
const ARTICLE: &[Hint] = &[
    One(A::PageDown, "page"),
    One(A::OpenSearch, "search"),
    One(A::NextColumn, "column"),
    One(A::OpenFuzzy, "find"),
    One(A::ToggleHelp, "help"),
];

/// Key hints for what is on top, most useful first; as many as fit are shown.
fn hints(app: &App) -> (Context, &'static [Hint]) {
    match app.popups.last() {
        Some(Popup::Fuzzy(_)) => (Context::Fuzzy, POPUP_LIST),
        Some(Popup::FullText(_)) => (Context::FullText, POPUP_LIST),
        Some(Popup::Help { .. }) => (Context::Help, HELP),
        Some(Popup::Bookmarks(_)) if crate::app::bookmarks::listed(app).is_empty() => {
            (Context::Bookmarks, BOOKMARKS_NONE)
        }
        Some(Popup::Bookmarks(_)) => (Context::Bookmarks, BOOKMARKS),
        Some(Popup::Standards(s)) if s.rows.is_empty() => (Context::Standards, STANDARDS_NONE),
        Some(Popup::Standards(_)) => (Context::Standards, STANDARDS),
        Some(Popup::Mentions(_)) => (Context::Mentions, MENTIONS),
        Some(Popup::Search(_)) => (Context::Search, SEARCH),
        Some(Popup::Label(_)) => (Context::Label, LABEL),
        None => (
            Context::Global,
            match app.focus {
                Pane::Issues => ISSUES,
                Pane::Contents => CONTENTS,
                Pane::Article if app.search.as_ref().is_some_and(|s| !s.hidden) => MATCHES,
                // Reading mode (`z`) shows the article alone; off, it widens the article.
                Pane::Article if app.reading => READING,
                Pane::Article if !app.geometry().narrow => ARTICLE_WIDE,
                Pane::Article => ARTICLE,
            },
        ),
    }
}

/// The hints' text, keys looked up in `context`.
fn hint_texts(context: Context, hints: &[Hint]) -> Vec<String> {
    let key = |a: Action| key_for(context, a).map(Key::short_label);
    hints
        .iter()
        .filter_map(|h| match *h {
            Hint::One(a, word) => Some(format!("{} {word}", key(a)?)),
            Hint::Pair(a, b, word) => Some(format!("{}/{} {word}", key(a)?, key(b)?)),
            Hint::Run(a, b, word) => Some(format!("{}-{} {word}", key(a)?, key(b)?)),
        })
        .collect()
}

/// Hints joined by two spaces, as many as fit in `room` columns.
fn fit_hints(hints: &[String], room: usize) -> String {
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
                _ => {
                    let (context, h) = hints(app);
                    hint_texts(context, h).join("  ")
                }
            };
            return draw_prompt(frame, theme, area, "/", &p.input, &right);
        }
        Some(Popup::Label(p)) => {
            let (context, h) = hints(app);
            let right = hint_texts(context, h).join("  ");
            return draw_prompt(frame, theme, area, "Bookmark label: ", &p.input, &right);
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
        None => {
            let (context, h) = hints(app);
            (fit_hints(&hint_texts(context, h), room), theme.status())
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_names_keys_bound_where_it_is_shown() {
        let sets = [
            (Context::Fuzzy, POPUP_LIST),
            (Context::FullText, POPUP_LIST),
            (Context::Help, HELP),
            (Context::Bookmarks, BOOKMARKS),
            (Context::Standards, STANDARDS),
            (Context::Mentions, MENTIONS),
            (Context::Search, SEARCH),
            (Context::Label, LABEL),
            (Context::Global, ISSUES),
            (Context::Global, CONTENTS),
            (Context::Global, MATCHES),
            (Context::Global, READING),
            (Context::Global, ARTICLE_WIDE),
            (Context::Global, ARTICLE),
        ];
        for (context, set) in sets {
            assert_eq!(hint_texts(context, set).len(), set.len(), "{context:?}");
        }
        assert_eq!(
            hint_texts(Context::Global, CONTENTS),
            ["Enter open", "1-9 column", "^P find", "? help", "q quit"]
        );
        assert_eq!(hint_texts(Context::Help, HELP), ["Esc close", "j/k scroll"]);
    }
}
