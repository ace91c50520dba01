//! State transitions: `update(app, action)` applies one action, then `App::sync` (sync.rs)
//! re-derives what depends on the screen size and focus. Opening and jumping to articles is in
//! `navigate.rs`.

use super::Action;
use super::article::ArticleRef;
use super::help::{help_height, help_rows, help_width};
use super::layout::{Pane, popup_rows};
use super::navigate::{jump_to_column, select_issue, step_article, step_column};
use super::scrolled::{ScrolledList, ScrolledText, moved};
use super::state::{App, FUZZY_LIMIT, FuzzyPopup, Popup};
use super::{article_search, bookmarks, count, fulltext_popup, jumps, standards};
use crate::search::fuzzy::Narrowing;

pub use super::navigate::{open_article, open_article_at};

/// Applies `action` to `app`: a digit or a key after one goes through the count
/// (`count.rs`), and a move to another place is put on the jump list (`jumps.rs`).
pub fn update(app: &mut App, action: Action) {
    let from = jumps::here(app);
    if count::wants(app, action) {
        count::update(app, action);
        app.sync();
    } else {
        apply(app, action);
    }
    jumps::record_if_jumped(app, from, action);
}

/// Applies one action (no count waiting).
pub(super) fn apply(app: &mut App, action: Action) {
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
            Some(Popup::Search(_)) => article_search::cancel_prompt(app),
            _ => {
                app.popups.pop();
            }
        },
        Action::Tick => fulltext_popup::poll(app),
        Action::OpenFuzzy => {
            let mut narrowing = Narrowing::default();
            let query = app.last_fuzzy.clone();
            let hits = app
                .index
                .query_narrowing(&query, FUZZY_LIMIT, &mut narrowing);
            app.popups.push(Popup::Fuzzy(FuzzyPopup {
                query_selected: !query.is_empty(),
                query,
                hits,
                list: ScrolledList::default(),
                narrowing,
            }));
        }
        _ => match app.popups.last() {
            Some(Popup::Help { .. }) => help_action(app, action),
            Some(Popup::Fuzzy(_)) => fuzzy_action(app, action),
            Some(Popup::Search(_)) => article_search::prompt_action(app, action),
            Some(Popup::FullText(_)) => fulltext_popup::action(app, action),
            Some(Popup::Label(_)) => bookmarks::label_action(app, action),
            Some(Popup::Bookmarks(_)) => bookmarks::list_action(app, action),
            Some(Popup::Standards(_)) => standards::list_action(app, action),
            Some(Popup::Mentions(_)) => standards::mentions_action(app, action),
            None => pane_action(app, action),
        },
    }
    app.sync();
}

/// A motion with a count typed before it (`5j`, `10G`, `50%`, `3n`), with no popup open.
pub(super) fn counted_action(app: &mut App, action: Action, n: Option<usize>) {
    match action {
        Action::CopyLinks => copy_links(app, n),
        Action::NextMatch | Action::PrevMatch => {
            let matches = app.search.as_ref().map_or(1, |s| s.matches.len().max(1));
            for _ in 0..n.unwrap_or(1).clamp(1, matches) {
                article_search::step(app, action == Action::NextMatch);
            }
        }
        _ => match app.focus {
            Pane::Issues => issues_action(app, action, n),
            Pane::Contents => contents_action(app, action, n),
            Pane::Article => article_action(app, action, n),
        },
    }
    app.sync();
}

fn help_action(app: &mut App, action: Action) {
    let text = help_text(app.width, app.height);
    let Some(Popup::Help { scroll }) = app.popups.last_mut() else {
        return;
    };
    if let Some(top) = text.moved(*scroll, action, None) {
        *scroll = top;
    }
}

/// The help as a scrolled text: its lines (walked anew from the table, so call this only while
/// the help is open) in the popup's rows.
pub(super) fn help_text(width: u16, height: u16) -> ScrolledText {
    ScrolledText {
        len: help_rows(help_width(width, height)).len(),
        rows: help_height(width, height).max(1),
        overlap: 0,
    }
}

fn fuzzy_action(app: &mut App, action: Action) {
    let Some(Popup::Fuzzy(f)) = app.popups.last_mut() else {
        return;
    };
    let page = popup_rows(app.width, app.height, 1);
    // The last query comes back selected: typing replaces it, anything else keeps it.
    let replacing = std::mem::take(&mut f.query_selected);
    let len = f.hits.len();
    if f.step(action, len, page, None) {
        return;
    }
    match action {
        Action::Input(c) => {
            if replacing {
                f.query.clear();
            }
            f.query.push(c);
            requery(f, &app.index);
            app.last_fuzzy = f.query.clone();
            standards::extend_fuzzy(app, FUZZY_LIMIT);
        }
        Action::Backspace => {
            if replacing {
                f.query.clear();
            } else {
                f.query.pop();
            }
            requery(f, &app.index);
            app.last_fuzzy = f.query.clone();
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
    f.list = ScrolledList::default();
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
        Action::JumpBack => jumps::back(app),
        Action::JumpForward => jumps::forward(app),
        Action::Suspend => app.suspend = true,
        Action::Percent => {
            app.notice = Some("type a number first: 50% goes half way down".into());
        }
        Action::NextColumn => step_column(app, true),
        Action::PrevColumn => step_column(app, false),
        Action::NextArticle => step_article(app, true),
        Action::PrevArticle => step_article(app, false),
        Action::OpenSearch => article_search::open_prompt(app),
        Action::NextMatch => article_search::step(app, true),
        Action::PrevMatch => article_search::step(app, false),
        Action::ClearSearch => article_search::hide(app),
        Action::OpenFullText => fulltext_popup::open(app),
        Action::AddBookmark => bookmarks::start(app),
        Action::OpenBookmarks => bookmarks::open_list(app),
        Action::CopyLinks => copy_links(app, None),
        Action::OpenStandards => standards::open(app),
        _ => match app.focus {
            Pane::Issues => issues_action(app, action, None),
            Pane::Contents => contents_action(app, action, None),
            Pane::Article => article_action(app, action, None),
        },
    }
}

/// `y`: the open article's link targets, one per line in their numbered order, go to the
/// clipboard; with a count (`2y`) only that link's. The status line says what was copied (or
/// why nothing).
fn copy_links(app: &mut App, n: Option<usize>) {
    let Some(article) = app.open_article().and_then(|at| app.article(at)) else {
        app.notice = Some("open an article first; y copies its links".into());
        return;
    };
    let targets = crate::text::links::targets(&article.body);
    if let Some(n) = n {
        let Some(target) = targets.get(n.wrapping_sub(1)) else {
            app.notice = Some(match targets.len() {
                0 => "this article has no links".into(),
                1 => "this article has one link: y copies it".into(),
                all => format!("this article has links [1]-[{all}]: 1y to {all}y copies one"),
            });
            return;
        };
        app.notice = Some(format!("copied [{n}] {target} to the clipboard"));
        app.clipboard = Some(target.clone());
        return;
    }
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

fn issues_action(app: &mut App, action: Action, n: Option<usize>) {
    if action == Action::Open {
        app.focus = Pane::Contents;
        return;
    }
    // Each issue takes about two lines (label and cover story).
    let page = pane_rows(app, Pane::Issues) / 2;
    let Some(next) = moved(app.issue, app.archive.issues.len(), action, page, n) else {
        return;
    };
    if next != app.issue {
        select_issue(app, next);
    }
}

fn contents_action(app: &mut App, action: Action, n: Option<usize>) {
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
    if let Some(sel) = moved(app.contents_sel, app.contents.items.len(), action, page, n) {
        app.contents_sel = sel;
    }
}

/// Scrolls the article. A count `n` repeats a step; with `g` or `G` it is the line to show
/// at the top (1-based), with `%` how far down the article to go.
fn article_action(app: &mut App, action: Action, n: Option<usize>) {
    let height = article_rows(app);
    let Some(v) = app.view.as_mut() else {
        return;
    };
    let Some(top) = v.scrolled(height).moved(v.top, action, n) else {
        return;
    };
    v.scroll_to(top, height);
}

/// Rows of article text on screen (with the article pane focused, as when reading).
pub fn article_rows(app: &App) -> usize {
    usize::from(app.geometry_for(Pane::Article).text.height).max(1)
}
