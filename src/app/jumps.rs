//! The jump list, as in vim and a browser's Back: every jump (to another article by any
//! route, or far within one by `g`, `G`, `NG`, `N%`) records the place it left; Ctrl-O goes
//! back along the list and Ctrl-N forward again.
//!
//! Jumps are noticed in one place (`record_if_jumped`, run by `update` around every action), so
//! a new way of opening articles lands on the list without knowing about it. Code that moves
//! the reader outside `update` uses [`jump_to`].
//!
//! Places are kept by issue and article id with a body offset, like reading positions, so the
//! list survives a restart (it is saved in the reading memory) and a re-import.

use crate::memory::JumpPlace;

use super::Action;
use super::article::ArticleRef;
use super::navigate::open_article_at;
use super::remember::find_article;
use super::state::App;

/// Places kept; the oldest go first.
pub const MAX_JUMPS: usize = 100;

/// The reader's list: places oldest first, and where it is in it (`index == places.len()`:
/// at a place not on the list, past the newest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    pub places: Vec<JumpPlace>,
    pub index: usize,
}

/// Where the reader is, cheaply (no ids): compared before and after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Here {
    pub at: ArticleRef,
    pub anchor: Option<usize>,
    pub top: usize,
}

pub(super) fn here(app: &App) -> Option<Here> {
    app.view.as_ref().map(|v| Here {
        at: v.at,
        anchor: v.anchor,
        top: v.top,
    })
}

fn place(app: &App, h: Here) -> Option<JumpPlace> {
    let issue = app.archive.issues.get(h.at.issue)?;
    let article = app.article(h.at)?;
    Some(JumpPlace {
        issue: issue.id.clone(),
        article: article.id.clone(),
        offset: h.anchor,
    })
}

/// Records `from` as a place left by a jump when the action just applied took the reader to
/// another article, or far within one (`g`, `G`, counts, `%`).
pub(super) fn record_if_jumped(app: &mut App, from: Option<Here>, action: Action) {
    let Some(from) = from else {
        return;
    };
    if matches!(
        action,
        Action::JumpBack | Action::JumpForward | Action::Resize(..) | Action::Tick
    ) {
        return;
    }
    let now = here(app);
    let other_article = now.is_none_or(|n| n.at != from.at);
    let far = matches!(action, Action::Top | Action::Bottom | Action::Percent)
        && now.is_some_and(|n| n.at == from.at && n.top != from.top);
    if other_article || far {
        record(app, from);
    }
}

/// Records `from` on the list. A jump made after going back drops the places ahead (as a
/// browser does); the same place twice in a row is kept once.
pub fn record(app: &mut App, from: Here) {
    let Some(p) = place(app, from) else {
        return;
    };
    let list = &mut app.jumps;
    list.places.truncate(list.index);
    if list.places.last() != Some(&p) {
        list.places.push(p);
    }
    let over = list.places.len().saturating_sub(MAX_JUMPS);
    list.places.drain(..over);
    list.index = list.places.len();
    save(app);
}

/// Records where the reader is on the jump list, then opens article `at` at reading position
/// `anchor` (`None`: its top). For moves made outside `update`'s actions.
pub fn jump_to(app: &mut App, at: ArticleRef, anchor: Option<usize>) {
    if let Some(from) = here(app) {
        record(app, from);
    }
    open_article_at(app, at, anchor);
}

/// Ctrl-O.
pub(super) fn back(app: &mut App) {
    let now = here(app).and_then(|h| place(app, h));
    let list = &mut app.jumps;
    if list.index >= list.places.len() {
        list.index = list.places.len();
        // Going back from a place not on the list puts it there, so Ctrl-N can return. With
        // no article open (a fresh start) the newest place is where back goes.
        if let Some(p) = now {
            if list.places.last() != Some(&p) {
                list.places.push(p);
            }
            list.index = list.places.len() - 1;
        }
    } else if let Some(p) = now {
        // Keep where the reader had got to at this place, for coming forward again.
        list.places[list.index] = p;
    }
    if list.index == 0 {
        app.notice = Some(if list.places.len() <= 1 {
            "nothing to go back to: Ctrl-O retraces jumps (Ctrl-P, 1-9, ], }, a bookmark)".into()
        } else {
            "this is the oldest place on the jump list".into()
        });
        save(app);
        return;
    }
    list.index -= 1;
    go(app);
}

/// Ctrl-N.
pub(super) fn forward(app: &mut App) {
    let now = here(app).and_then(|h| place(app, h));
    let list = &mut app.jumps;
    if list.index + 1 >= list.places.len() {
        app.notice = Some("this is the newest place on the jump list; Ctrl-O goes back".into());
        return;
    }
    if let Some(p) = now {
        list.places[list.index] = p;
    }
    list.index += 1;
    go(app);
}

/// Opens the place the list's index points at.
fn go(app: &mut App) {
    let Some(p) = app.jumps.places.get(app.jumps.index).cloned() else {
        return;
    };
    save(app);
    match find_article(&app.archive, &p.issue, &p.article) {
        Some(at) => {
            let offset = p.offset.and_then(|o| {
                let body = &app.article(at)?.body;
                Some(o.min(body.len()))
            });
            open_article_at(app, at, offset);
        }
        None => {
            app.notice = Some(format!(
                "article {} of issue {} is no longer in the archive",
                p.article, p.issue
            ))
        }
    }
}

/// Hands the list to the reading memory, which saves it with the rest.
fn save(app: &mut App) {
    if let Some(m) = app.memory.as_mut() {
        m.set_jumps(&app.jumps.places, app.jumps.index);
    }
}

/// The list as the reading memory kept it (at start).
pub(super) fn load(app: &mut App) {
    if let Some(j) = app.memory.as_ref().and_then(|m| m.jumps()) {
        app.jumps = JumpList {
            index: j.index.min(j.places.len()),
            places: j.places.clone(),
        };
    }
}
