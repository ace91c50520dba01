//! State transitions: `update(app, action)` applies one action, then `App::sync` (sync.rs)
//! re-derives what depends on the screen size and focus. Opening and jumping to articles is in
//! `navigate.rs`.

use super::Action;
use super::article::ArticleRef;
use super::layout::{Pane, popup_rows};
use super::navigate::{jump_to_column, select_issue, step_article, step_column};
use super::state::{App, FUZZY_LIMIT, FuzzyPopup, Popup};
use super::{bookmarks, find, fulltext, standards};
use crate::search::fuzzy::Narrowing;

pub use super::navigate::{open_article, open_article_at};

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    // A notice lasts until the next key; resizes and ticks are not keys.
    if !matches!(action, Action::Resize(..) | Action::Tick) {
        app.notice = None;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
        }
        Action::ToggleHelp => match app.popups.last() {
            Some(Popup::Help { .. }) => {
                app.popups.pop();
            }
            _ => app.popups.push(Popup::Help { scroll: 0 }),
        },
        Action::ClosePopup => match app.popups.last() {
            Some(Popup::Search(_)) => find::cancel_prompt(app),
            _ => {
                app.popups.pop();
            }
        },
        Action::Tick => fulltext::poll(app),
        Action::OpenFuzzy => {
            let mut narrowing = Narrowing::default();
            let hits = app.index.query_narrowing("", FUZZY_LIMIT, &mut narrowing);
            app.popups.push(Popup::Fuzzy(FuzzyPopup {
                query: String::new(),
                hits,
                selected: 0,
                top: 0,
                narrowing,
            }));
        }
        _ => match app.popups.last() {
            Some(Popup::Help { .. }) => help_action(app, action),
            Some(Popup::Fuzzy(_)) => fuzzy_action(app, action),
            Some(Popup::Search(_)) => find::prompt_action(app, action),
            Some(Popup::FullText(_)) => fulltext::action(app, action),
            Some(Popup::Label(_)) => bookmarks::label_action(app, action),
            Some(Popup::Bookmarks(_)) => bookmarks::list_action(app, action),
            Some(Popup::Standards(_)) => standards::list_action(app, action),
            Some(Popup::Mentions(_)) => standards::mentions_action(app, action),
            None => pane_action(app, action),
        },
    }
    app.sync();
}

fn help_action(app: &mut App, action: Action) {
    let rows = popup_rows(app.width, app.height, 0).max(1);
    let Some(Popup::Help { scroll }) = app.popups.last_mut() else {
        return;
    };
    *scroll = match action {
        Action::Down => *scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => *scroll + rows,
        Action::PageUp => scroll.saturating_sub(rows),
        _ => *scroll,
    };
}

fn fuzzy_action(app: &mut App, action: Action) {
    let Some(Popup::Fuzzy(f)) = app.popups.last_mut() else {
        return;
    };
    match action {
        Action::Down => f.selected = (f.selected + 1).min(f.hits.len().saturating_sub(1)),
        Action::Up => f.selected = f.selected.saturating_sub(1),
        Action::Input(c) => {
            f.query.push(c);
            requery(f, &app.index);
            standards::extend_fuzzy(app, FUZZY_LIMIT);
        }
        Action::Backspace => {
            f.query.pop();
            requery(f, &app.index);
            standards::extend_fuzzy(app, FUZZY_LIMIT);
        }
        Action::Open => match f.hits.get(f.selected) {
            Some(hit) => {
                let at = ArticleRef {
                    issue: hit.location.issue,
                    section: hit.location.section,
                    article: hit.location.article,
                };
                app.popups.pop();
                open_article(app, at);
            }
            None => app.notice = Some("no title matches; Esc to cancel".into()),
        },
        _ => {}
    }
}

fn requery(f: &mut FuzzyPopup, index: &crate::search::fuzzy::TitleIndex) {
    f.hits = index.query_narrowing(&f.query, FUZZY_LIMIT, &mut f.narrowing);
    f.selected = 0;
    f.top = 0;
}

fn pane_action(app: &mut App, action: Action) {
    match action {
        Action::FocusNext => app.focus = cycle(app.focus, 1),
        Action::FocusPrev => app.focus = cycle(app.focus, 2),
        Action::FocusLeft if app.focus != Pane::Issues => app.focus = cycle(app.focus, 2),
        Action::FocusRight if app.focus != Pane::Article => app.focus = cycle(app.focus, 1),
        Action::ToggleReading => {
            app.reading = !app.reading;
            if app.reading {
                app.focus = Pane::Article;
            }
        }
        Action::Column(n) => jump_to_column(app, usize::from(n)),
        Action::NextColumn => step_column(app, true),
        Action::PrevColumn => step_column(app, false),
        Action::NextArticle => step_article(app, true),
        Action::PrevArticle => step_article(app, false),
        Action::OpenSearch => find::open_prompt(app),
        Action::NextMatch => find::step(app, true),
        Action::PrevMatch => find::step(app, false),
        Action::ClearSearch => app.search = None,
        Action::OpenFullText => fulltext::open(app),
        Action::AddBookmark => bookmarks::start(app),
        Action::OpenBookmarks => bookmarks::open_list(app),
        Action::CopyLinks => copy_links(app),
        Action::OpenStandards => standards::open(app),
        _ => match app.focus {
            Pane::Issues => issues_action(app, action),
            Pane::Contents => contents_action(app, action),
            Pane::Article => article_action(app, action),
        },
    }
}

/// `y`: the open article's link targets, one per line in their numbered order, go to the
/// clipboard; the status line says how many (or why none).
fn copy_links(app: &mut App) {
    let Some(article) = app.open_article().and_then(|at| app.article(at)) else {
        app.notice = Some("open an article first; y copies its links".into());
        return;
    };
    let targets = crate::text::links::targets(&article.body);
    app.notice = Some(match targets.len() {
        0 => "this article has no links".into(),
        1 => format!("copied {} to the clipboard", targets[0]),
        n => format!("copied the {n} links [1]-[{n}] to the clipboard, one per line"),
    });
    if !targets.is_empty() {
        app.clipboard = Some(targets.join("\n"));
    }
}

fn cycle(p: Pane, by: usize) -> Pane {
    let i = Pane::ALL.iter().position(|x| *x == p).unwrap_or(0);
    Pane::ALL[(i + by) % Pane::ALL.len()]
}

/// Rows of the focused pane's body, for page movements.
pub(super) fn pane_rows(app: &App, pane: Pane) -> usize {
    let g = app.geometry_for(pane);
    g.pane(pane)
        .map_or(1, |p| usize::from(p.body.height).max(1))
}

/// Moves a selection in `0..len` for a movement action; `page` is items per page.
fn moved(sel: usize, len: usize, action: Action, page: usize) -> usize {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    match action {
        Action::Down => sel + 1,
        Action::Up => sel.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageDown => sel + page,
        Action::PageUp => sel.saturating_sub(page),
        Action::HalfPageDown => sel + page.div_ceil(2),
        Action::HalfPageUp => sel.saturating_sub(page.div_ceil(2)),
        _ => sel,
    }
    .min(last)
}

fn issues_action(app: &mut App, action: Action) {
    if action == Action::Open {
        app.focus = Pane::Contents;
        return;
    }
    // Each issue takes about two lines (label and cover story).
    let page = pane_rows(app, Pane::Issues) / 2;
    let next = moved(app.issue, app.archive.issues.len(), action, page);
    if next != app.issue {
        select_issue(app, next);
    }
}

fn contents_action(app: &mut App, action: Action) {
    if action == Action::Open {
        if let Some(item) = app.contents.items.get(app.contents_sel) {
            let at = ArticleRef {
                issue: app.issue,
                section: item.section,
                article: item.article,
            };
            open_article(app, at);
        }
        return;
    }
    let page = pane_rows(app, Pane::Contents) / 2;
    app.contents_sel = moved(app.contents_sel, app.contents.items.len(), action, page);
}

fn article_action(app: &mut App, action: Action) {
    let height = article_rows(app);
    let Some(v) = app.view.as_mut() else {
        return;
    };
    let top = match action {
        Action::Down => v.top + 1,
        Action::Up => v.top.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => v.max_top(height),
        // Keep one line of the previous page for context.
        Action::PageDown => v.top + height.saturating_sub(1).max(1),
        Action::PageUp => v.top.saturating_sub(height.saturating_sub(1).max(1)),
        Action::HalfPageDown => v.top + height.div_ceil(2),
        Action::HalfPageUp => v.top.saturating_sub(height.div_ceil(2)),
        _ => return,
    };
    v.scroll_to(top, height);
}

/// Rows of article text on screen (with the article pane focused, as when reading).
pub fn article_rows(app: &App) -> usize {
    usize::from(app.geometry_for(Pane::Article).text.height).max(1)
}
