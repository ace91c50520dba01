//! In-article search as the user drives it, in the manner of `less`: `/` opens a prompt in the
//! status line, matches highlight and the view moves to the first match at or after where the
//! prompt was opened as you type, `Enter` keeps the search, `Esc` goes back to where you
//! were (and to the search you had before). `n` / `N` step through matches, wrapping around
//! with a notice; `Esc` after a search hides the highlights but keeps the query for them, and
//! `/` `Enter` repeats the last query. A search belongs to the article it was made in: another
//! article starts without one, and coming back brings it back. Matching itself is in `matches`.

use crate::search::query::Query;

use super::Action;
use super::layout::Pane;
use super::matches::ArticleSearch;
use super::state::{App, Popup};
use super::update::article_rows;

/// The `/` prompt, with what to go back to on `Esc`.
#[derive(Debug, Clone)]
pub struct SearchPrompt {
    pub input: String,
    /// The view when the prompt opened: top line (at `width`) and reading position.
    saved_top: usize,
    saved_width: u16,
    saved_anchor: Option<usize>,
    /// The search before this one, restored on `Esc` (boxed: a query is large).
    saved_search: Option<Box<ArticleSearch>>,
}

pub const WRAP_BOTTOM: &str = "search hit BOTTOM, continuing at TOP";
pub const WRAP_TOP: &str = "search hit TOP, continuing at BOTTOM";

/// `/`: opens the prompt over the open article.
pub(super) fn open_prompt(app: &mut App) {
    let Some(v) = app.view.as_ref() else {
        app.notice = Some("open an article first, then / searches it".into());
        return;
    };
    let prompt = SearchPrompt {
        input: String::new(),
        saved_top: v.top,
        saved_width: v.width,
        saved_anchor: v.anchor,
        saved_search: app.search.clone().map(Box::new),
    };
    app.focus = Pane::Article;
    app.popups.push(Popup::Search(prompt));
}

pub(super) fn prompt_action(app: &mut App, action: Action) {
    let Some(Popup::Search(p)) = app.popups.last_mut() else {
        return;
    };
    match action {
        Action::Input(c) => {
            p.input.push(c);
            live_search(app);
        }
        Action::Backspace if p.input.is_empty() => cancel_prompt(app),
        Action::Backspace => {
            p.input.pop();
            live_search(app);
        }
        Action::Open => {
            let input = p.input.clone();
            if input.trim().is_empty() {
                repeat_last(app);
                return;
            }
            app.popups.pop();
            app.last_search = app.search.as_ref().map(|s| s.query.clone());
            if app.search.as_ref().is_some_and(|s| s.matches.is_empty()) {
                app.notice = Some(format!("not found: {input}"));
            }
        }
        _ => {}
    }
}

/// `/` `Enter`: the last query again, in this article, from where the prompt opened (as `n`
/// would go on from there).
fn repeat_last(app: &mut App) {
    let Some(query) = app.last_search.clone() else {
        cancel_prompt(app);
        app.notice = Some("no search yet to repeat: type a few words after /".into());
        return;
    };
    cancel_prompt(app);
    app.search = new_search(app, query);
    step(app, true);
}

/// `Esc` after a search: the highlights go, the query stays for `n` / `N`.
pub(super) fn hide(app: &mut App) {
    if let Some(s) = app.search.as_mut() {
        s.hidden = true;
    }
}

/// `Esc` in the prompt: back to the view and the search from before it opened.
pub(super) fn cancel_prompt(app: &mut App) {
    let Some(Popup::Search(p)) = app.popups.pop() else {
        return;
    };
    restore_view(app, &p);
    app.search = p.saved_search.map(|s| *s);
}

fn restore_view(app: &mut App, p: &SearchPrompt) {
    let rows = article_rows(app);
    if let Some(v) = app.view.as_mut() {
        let top = if v.width == p.saved_width {
            p.saved_top
        } else {
            super::article::find_anchor(&v.lines, p.saved_anchor)
        };
        v.show(top, rows);
        v.anchor = p.saved_anchor;
    }
}

/// Re-runs the prompt's query from where the prompt was opened.
fn live_search(app: &mut App) {
    let Some(Popup::Search(p)) = app.popups.last() else {
        return;
    };
    let p = p.clone();
    restore_view(app, &p);
    app.search = Query::new(&p.input).and_then(|q| new_search(app, q));
    let Some(top) = app.view.as_ref().map(|v| v.top) else {
        return;
    };
    let first = app.search.as_ref().and_then(|s| {
        let i = s.matches.partition_point(|m| m.start.line < top);
        (!s.matches.is_empty()).then(|| i % s.matches.len())
    });
    if let Some(i) = first {
        goto(app, i, false);
    }
}

/// A search for `query` in the open article, no match current yet.
pub(super) fn new_search(app: &App, query: Query) -> Option<ArticleSearch> {
    let v = app.view.as_ref()?;
    let body = &app.article(v.at)?.body;
    Some(ArticleSearch::new(query, v.at, v.width, &v.lines, body))
}

/// Makes match `i` current and scrolls it into view. A match already on screen does not
/// move the view; one off screen is put a third of the way down, with context above it
/// (`context` does that even when it is on screen).
pub(super) fn goto(app: &mut App, i: usize, context: bool) {
    let rows = article_rows(app);
    let (Some(s), Some(v)) = (app.search.as_mut(), app.view.as_mut()) else {
        return;
    };
    let Some(m) = s.matches.get(i) else {
        return;
    };
    s.current = Some(i);
    let visible = m.start.line >= v.top && m.end.line < v.top + rows;
    if context || !visible {
        v.scroll_to(m.start.line.saturating_sub(rows / 3), rows);
    }
}

/// `n` (`forward`) or `N`: the next or previous match. From the current match when it is on
/// screen; otherwise from the screen (the first match at or below its top, or the last one
/// at or above its bottom), so scrolling away and pressing `n` goes on from where you are.
pub(super) fn step(app: &mut App, forward: bool) {
    let rows = article_rows(app);
    let (Some(s), Some(v)) = (app.search.as_mut(), app.view.as_ref()) else {
        app.notice = Some(match (&app.last_search, &app.view) {
            (Some(q), Some(_)) => format!(
                "no search in this article: / then Enter searches it for {}",
                q.as_str()
            ),
            _ => "no search yet: / searches the article, Ctrl-F every issue".into(),
        });
        return;
    };
    s.hidden = false;
    let s = &*s;
    let n = s.matches.len();
    if n == 0 {
        app.notice = Some(format!("not found: {}", s.query.as_str()));
        return;
    }
    let on_screen = |i: usize| {
        let m = &s.matches[i];
        m.start.line >= v.top && m.start.line < v.top + rows
    };
    let (target, wrapped) = match (s.current.filter(|&i| i < n && on_screen(i)), forward) {
        (Some(i), true) => ((i + 1) % n, i + 1 == n),
        (Some(i), false) => ((i + n - 1) % n, i == 0),
        (None, true) => {
            let i = s.matches.partition_point(|m| m.start.line < v.top);
            (i % n, i == n)
        }
        (None, false) => {
            let i = s.matches.partition_point(|m| m.start.line < v.top + rows);
            ((i + n - 1) % n, i == 0)
        }
    };
    app.focus = Pane::Article;
    goto(app, target, false);
    if wrapped {
        app.notice = Some(if forward { WRAP_BOTTOM } else { WRAP_TOP }.into());
    }
}

/// Primes the search with `query` in the just-opened article, the current match being the
/// one nearest body offset `near` (or the first), shown with context: `n` then continues
/// from there. Used when a full-text hit opens an article.
pub(super) fn prime(app: &mut App, query: Query, near: Option<usize>) {
    app.last_search = Some(query.clone());
    app.search = new_search(app, query);
    let pick = app.search.as_ref().and_then(|s| {
        near.and_then(|o| s.nearest(o))
            .or((!s.matches.is_empty()).then_some(0))
    });
    if let Some(i) = pick {
        goto(app, i, true);
    }
}

/// Keeps the search in step with the open article (called from `sync`): a new article or a
/// re-wrap finds the matches again. After a re-wrap the same match stays current (by index
/// when the count is unchanged, else the one nearest its body offset).
pub(super) fn refresh(app: &mut App) {
    let Some(v) = app.view.as_ref() else {
        return;
    };
    let (at, width) = (v.at, v.width);
    // Another article: its own search (if it had one) comes back; this one is kept for later.
    if app.search.as_ref().is_some_and(|s| s.at != at)
        && let Some(old) = app.search.take()
    {
        app.other_searches.retain(|s| s.at != old.at);
        app.other_searches.push(old);
        let over = app.other_searches.len().saturating_sub(KEPT_SEARCHES);
        app.other_searches.drain(..over);
    }
    if app.search.is_none()
        && let Some(i) = app.other_searches.iter().position(|s| s.at == at)
    {
        app.search = Some(app.other_searches.remove(i));
    }
    let Some(s) = app.search.as_ref() else {
        return;
    };
    if s.width == width {
        return;
    }
    // A re-wrap: the same match stays current.
    let old_count = s.matches.len();
    let old = s.current.and_then(|i| s.matches.get(i)).map(|m| m.source);
    let (query, current, hidden) = (s.query.clone(), s.current, s.hidden);
    app.search = new_search(app, query);
    if let Some(s) = app.search.as_mut() {
        s.hidden = hidden;
        s.current = match old {
            None => None,
            Some(_) if s.matches.len() == old_count => current,
            Some(source) => source.and_then(|o| s.nearest(o)).or(current),
        }
        .filter(|&i| i < s.matches.len());
    }
}

/// Searches of other articles kept to come back to.
const KEPT_SEARCHES: usize = 16;
