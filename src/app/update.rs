//! State transitions: `update(app, action)` applies one action, then `sync` re-derives what
//! depends on the screen size and focus (list models, wrapped article, scroll positions).

use super::Action;
use super::article::{ArticleRef, ArticleView};
use super::contents::{ContentsLine, IssueLine, contents_model, issue_lines, scroll_into_view};
use super::keymap::help_lines;
use super::layout::{Pane, geometry, popup_rows};
use super::state::{App, FUZZY_LIMIT, FuzzyPopup, Popup};

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize(..)) {
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
        Action::ClosePopup => {
            app.popups.pop();
        }
        Action::OpenFuzzy => {
            let hits = app.index.query("", FUZZY_LIMIT);
            app.popups.push(Popup::Fuzzy(FuzzyPopup {
                query: String::new(),
                hits,
                selected: 0,
                top: 0,
            }));
        }
        _ => match app.popups.last() {
            Some(Popup::Help { .. }) => help_action(app, action),
            Some(Popup::Fuzzy(_)) => fuzzy_action(app, action),
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
        }
        Action::Backspace => {
            f.query.pop();
            requery(f, &app.index);
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
    f.hits = index.query(&f.query, FUZZY_LIMIT);
    f.selected = 0;
    f.top = 0;
}

fn pane_action(app: &mut App, action: Action) {
    match action {
        Action::FocusNext => app.focus = cycle(app.focus, 1),
        Action::FocusPrev => app.focus = cycle(app.focus, 2),
        Action::FocusLeft if app.focus != Pane::Issues => app.focus = cycle(app.focus, 2),
        Action::FocusRight if app.focus != Pane::Article => app.focus = cycle(app.focus, 1),
        Action::Column(n) => jump_to_column(app, usize::from(n)),
        Action::NextColumn => step_column(app, true),
        Action::PrevColumn => step_column(app, false),
        Action::NextArticle => step_article(app, true),
        Action::PrevArticle => step_article(app, false),
        _ => match app.focus {
            Pane::Issues => issues_action(app, action),
            Pane::Contents => contents_action(app, action),
            Pane::Article => article_action(app, action),
        },
    }
}

fn cycle(p: Pane, by: usize) -> Pane {
    let i = Pane::ALL.iter().position(|x| *x == p).unwrap_or(0);
    Pane::ALL[(i + by) % Pane::ALL.len()]
}

/// Rows of the focused pane's body, for page movements.
fn pane_rows(app: &App, pane: Pane) -> usize {
    let g = geometry(app.width, app.height, pane);
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
    usize::from(geometry(app.width, app.height, Pane::Article).text.height).max(1)
}

/// Makes issue `i` the open issue: the contents pane shows it, with the open article selected
/// when it belongs to this issue.
pub fn select_issue(app: &mut App, i: usize) {
    app.issue = i;
    app.contents_width = 0; // force a rebuild in sync
    if let Some(issue) = app.archive.issues.get(i) {
        app.contents = contents_model(issue, 0);
    }
    app.contents_top = 0;
    app.contents_sel = app
        .open_article()
        .filter(|a| a.issue == i)
        .and_then(|a| {
            app.contents.item_of(super::contents::ItemRef {
                section: a.section,
                article: a.article,
            })
        })
        .unwrap_or(0);
    let lines = issue_lines(&app.archive.issues);
    if let Some(first) = lines.iter().position(|l| *l == IssueLine::Label(i)) {
        let rows = pane_rows(app, Pane::Issues);
        let last = lines
            .iter()
            .rposition(|l| matches!(l, IssueLine::Label(x) | IssueLine::Cover(x) if *x == i))
            .unwrap_or(first);
        app.issues_top = scroll_into_view(app.issues_top, first, last, rows);
    }
}

/// Opens article `at` at its top, makes its issue the open one, selects it in the contents and
/// focuses the article pane so the scroll keys work at once.
pub fn open_article(app: &mut App, at: ArticleRef) {
    let Some(article) = app.article(at).cloned() else {
        return;
    };
    let width = geometry(app.width, app.height, Pane::Article)
        .text
        .width
        .max(1);
    let lines = app.cache.get(at, &article, width);
    app.view = Some(ArticleView {
        at,
        width,
        lines,
        top: 0,
        anchor: None,
    });
    if at.issue != app.issue {
        select_issue(app, at.issue);
    } else if let Some(i) = app.contents.item_of(super::contents::ItemRef {
        section: at.section,
        article: at.article,
    }) {
        app.contents_sel = i;
    }
    app.focus = Pane::Article;
}

/// The open article's section, if it belongs to the open issue.
fn current_section(app: &App) -> Option<usize> {
    app.open_article()
        .filter(|a| a.issue == app.issue)
        .map(|a| a.section)
}

/// Columns (front matter excluded) of the open issue, as section indices, in contents order.
fn column_sections(app: &App) -> Vec<usize> {
    app.open_issue().map_or_else(Vec::new, |issue| {
        (0..issue.sections.len())
            .filter(|&i| issue.sections[i].kind != crate::archive::SectionKind::Front)
            .collect()
    })
}

fn open_first_of_section(app: &mut App, section: usize) {
    open_article(
        app,
        ArticleRef {
            issue: app.issue,
            section,
            article: 0,
        },
    );
}

fn jump_to_column(app: &mut App, n: usize) {
    let cols = column_sections(app);
    let Some(&section) = cols.get(n.wrapping_sub(1)) else {
        app.notice = Some(format!("this issue has {} columns", cols.len()));
        return;
    };
    let s = &app.archive.issues[app.issue].sections[section];
    if s.articles.is_empty() {
        app.notice = Some(format!("column {n} ({}) has no articles", s.name));
        return;
    }
    open_first_of_section(app, section);
}

fn step_column(app: &mut App, forward: bool) {
    let issue = &app.archive.issues.get(app.issue);
    let cols: Vec<usize> = column_sections(app)
        .into_iter()
        .filter(|&s| issue.is_some_and(|i| !i.sections[s].articles.is_empty()))
        .collect();
    let pos = current_section(app).and_then(|s| cols.iter().position(|&c| c == s));
    let target = match (pos, forward) {
        (Some(p), true) => cols.get(p + 1),
        (Some(p), false) => p.checked_sub(1).and_then(|p| cols.get(p)),
        (None, true) => cols.first(),
        (None, false) => cols.last(),
    };
    match target {
        Some(&s) => open_first_of_section(app, s),
        None if forward => app.notice = Some("this is the last column".into()),
        None => app.notice = Some("this is the first column".into()),
    }
}

fn step_article(app: &mut App, forward: bool) {
    let items = &app.contents.items;
    let pos = app
        .open_article()
        .filter(|a| a.issue == app.issue)
        .and_then(|a| {
            app.contents.item_of(super::contents::ItemRef {
                section: a.section,
                article: a.article,
            })
        });
    let target = match (pos, forward) {
        (Some(p), true) => items.get(p + 1),
        (Some(p), false) => p.checked_sub(1).and_then(|p| items.get(p)),
        (None, true) => items.first(),
        (None, false) => items.last(),
    };
    match target.copied() {
        Some(item) => open_article(
            app,
            ArticleRef {
                issue: app.issue,
                section: item.section,
                article: item.article,
            },
        ),
        None if forward => app.notice = Some("this is the last article of the issue".into()),
        None => app.notice = Some("this is the first article of the issue".into()),
    }
}

impl App {
    /// Re-derives everything that depends on size, focus and selection: the contents lines at
    /// the pane's width, the article's lines at the text width (re-anchored to the reading
    /// position), and scroll offsets that keep selections visible.
    pub fn sync(&mut self) {
        let (w, h) = (self.width, self.height);
        if geometry(w, h, self.focus).too_small {
            return;
        }
        // Contents: built for the width the pane has when it is shown.
        let cw = geometry(w, h, Pane::Contents)
            .contents
            .map_or(1, |p| p.body.width);
        let g = geometry(w, h, self.focus);
        let cw = g.contents.map_or(cw, |p| p.body.width);
        if cw != self.contents_width {
            if let Some(issue) = self.archive.issues.get(self.issue) {
                self.contents = contents_model(issue, cw);
            }
            self.contents_width = cw;
        }
        self.contents_sel = self
            .contents_sel
            .min(self.contents.items.len().saturating_sub(1));
        if let Some((mut first, last)) = self.contents.item_lines(self.contents_sel) {
            // Show the column header (and the blank above it) with a column's first article.
            while first > 0
                && matches!(
                    self.contents.lines[first - 1],
                    ContentsLine::Header { .. } | ContentsLine::Blank
                )
            {
                first -= 1;
            }
            let rows = pane_rows(self, Pane::Contents);
            self.contents_top = scroll_into_view(self.contents_top, first, last, rows);
        }

        // Article: laid out for the text width it has now (or would have when focused).
        let text = if g.article.is_some() {
            g.text
        } else {
            geometry(w, h, Pane::Article).text
        };
        if let Some(at) = self.open_article() {
            let width = text.width.max(1);
            let height = usize::from(text.height).max(1);
            if self.view.as_ref().is_some_and(|v| v.width != width) {
                if let Some(article) = self.article(at).cloned() {
                    let lines = self.cache.get(at, &article, width);
                    if let Some(v) = self.view.as_mut() {
                        v.relayout(lines, width, height);
                    }
                }
            } else if let Some(v) = self.view.as_mut() {
                v.top = v.top.min(v.max_top(height));
            }
        }

        // Popups: keep the fuzzy selection visible, the help scroll within its text.
        let fuzzy_rows = popup_rows(w, h, 1).max(1);
        let help_rows = popup_rows(w, h, 0).max(1);
        let help_len = help_lines().len();
        for p in &mut self.popups {
            match p {
                Popup::Fuzzy(f) => {
                    f.top = scroll_into_view(f.top, f.selected, f.selected, fuzzy_rows)
                }
                Popup::Help { scroll } => {
                    *scroll = (*scroll).min(help_len.saturating_sub(help_rows))
                }
            }
        }
    }
}
