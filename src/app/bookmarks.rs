//! Bookmarks: `m` asks for an optional short label in the status line and bookmarks the
//! reading position; `'` lists bookmarks, newest first (`Enter` jumps, `d` deletes).
//! Bookmarks live in the reading memory, keyed by issue and article id.

use crate::memory::Bookmark;

use super::Action;
use super::article::ArticleRef;
use super::navigate::open_article_at;
use super::remember::find_article;
use super::scrolled::ScrolledList;
use super::state::{App, Popup};

/// Longest label, in characters: it is a note for the list, not a text.
pub const MAX_LABEL: usize = 60;

/// The label prompt for a bookmark about to be added at `offset` in article `at`.
#[derive(Debug, Clone)]
pub struct LabelPrompt {
    pub input: String,
    pub at: ArticleRef,
    pub offset: usize,
}

#[derive(Debug, Clone, Default)]
pub struct BookmarksPopup {
    /// The selected bookmark (an index into [`listed`]) and the first shown.
    pub list: ScrolledList,
}

/// Rows of the list each bookmark takes: label and article, then the text there.
pub const ROWS_PER_BOOKMARK: usize = 2;

/// `m`: asks for a label for a bookmark at the reading position.
pub(super) fn start(app: &mut App) {
    let Some(v) = app.view.as_ref() else {
        app.notice = Some("open an article first, then m bookmarks your place in it".into());
        return;
    };
    if app.memory.is_none() {
        app.notice = Some("reading memory is off: bookmarks cannot be kept".into());
        return;
    }
    let prompt = LabelPrompt {
        input: String::new(),
        at: v.at,
        offset: v.anchor.unwrap_or(0),
    };
    app.popups.push(Popup::Label(prompt));
}

pub(super) fn label_action(app: &mut App, action: Action) {
    let Some(Popup::Label(p)) = app.popups.last_mut() else {
        return;
    };
    match action {
        Action::Input(c) if p.input.chars().count() < MAX_LABEL => p.input.push(c),
        Action::Backspace => {
            p.input.pop();
        }
        Action::Open => {
            let Some(Popup::Label(p)) = app.popups.pop() else {
                return;
            };
            add(app, &p);
        }
        _ => {}
    }
}

fn add(app: &mut App, p: &LabelPrompt) {
    let (Some(issue), Some(article)) = (app.archive.issues.get(p.at.issue), app.article(p.at))
    else {
        return;
    };
    let (issue_id, article_id) = (issue.id.clone(), article.id.clone());
    let Some(mem) = app.memory.as_mut() else {
        return;
    };
    let label = Some(p.input.as_str()).filter(|l| !l.trim().is_empty());
    mem.add_bookmark(&issue_id, &article_id, p.offset, label);
    app.notice = Some(match label {
        Some(l) => format!("bookmarked \"{}\"; ' lists bookmarks", l.trim()),
        None => "bookmarked; ' lists bookmarks".into(),
    });
}

/// Bookmarks in the order the list shows them: newest first.
pub fn listed(app: &App) -> Vec<&Bookmark> {
    app.memory
        .as_ref()
        .map_or_else(Vec::new, |m| m.bookmarks().iter().rev().collect())
}

/// `'`: opens the bookmark list.
pub(super) fn open_list(app: &mut App) {
    if app.memory.is_none() {
        app.notice = Some("reading memory is off: no bookmarks".into());
        return;
    }
    app.popups.push(Popup::Bookmarks(BookmarksPopup::default()));
}

pub(super) fn list_action(app: &mut App, action: Action) {
    let count = listed(app).len();
    let page = (super::layout::popup_rows(app.width, app.height, 0) / ROWS_PER_BOOKMARK).max(1);
    let Some(Popup::Bookmarks(b)) = app.popups.last_mut() else {
        return;
    };
    if b.step(action, count, page, None) {
        return;
    }
    match action {
        Action::Open => jump(app),
        Action::Delete => delete(app),
        _ => {}
    }
}

fn selected(app: &App) -> Option<Bookmark> {
    let Some(Popup::Bookmarks(b)) = app.popups.last() else {
        return None;
    };
    listed(app).get(b.selected).map(|b| (*b).clone())
}

fn jump(app: &mut App) {
    let Some(b) = selected(app) else {
        app.notice = Some("no bookmarks yet: m bookmarks the reading position".into());
        return;
    };
    let Some(at) = find_article(&app.archive, &b.issue, &b.article) else {
        app.notice = Some(format!(
            "article {} of issue {} is not in this archive",
            b.article, b.issue
        ));
        return;
    };
    app.popups.pop();
    open_article_at(app, at, Some(b.offset));
}

fn delete(app: &mut App) {
    let Some(b) = selected(app) else {
        return;
    };
    if let Some(mem) = app.memory.as_mut() {
        mem.remove_bookmark(&b);
    }
    let count = listed(app).len();
    if let Some(Popup::Bookmarks(p)) = app.popups.last_mut() {
        p.clamp(count);
    }
    app.notice = Some("bookmark deleted".into());
}
