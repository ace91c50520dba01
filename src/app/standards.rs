//! The standards popups: `s` lists the standards the open article mentions; `Enter` on one
//! lists every mention of it in the archive (issue, column, snippet); `Enter` on a mention
//! opens that article at it, through the same navigation as every other jump.
//!
//! The archive's standards are recognised once (see [`StandardsCell`]); the designations in
//! the open article are marked once per layout ([`StandardMarks`]), never per keystroke.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::archive::Archive;
use crate::search::fulltext::{Field, Hit};
use crate::search::fuzzy;
use crate::search::standards::StandardsIndex;
use crate::standards::{StandardQuery, recognise};

use super::Action;
use super::article::{ArticleLine, ArticleRef};
use super::layout::popup_rows;
use super::navigate::open_article_at;
use super::scrolled::ScrolledList;
use super::state::{App, Popup};

/// The archive's standards index, built the first time it is needed: by a thread the
/// terminal reader starts at load, or by the first `s` if that comes sooner.
#[derive(Debug, Default)]
pub struct StandardsCell(OnceLock<StandardsIndex>);

impl StandardsCell {
    pub fn get(&self, archive: &Archive) -> &StandardsIndex {
        self.0.get_or_init(|| StandardsIndex::build(archive))
    }

    /// Whether it is built (for tests and the warm-up).
    pub fn is_built(&self) -> bool {
        self.0.get().is_some()
    }
}

/// `s`: the standards of one article, in the order it first mentions them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardsPopup {
    pub at: ArticleRef,
    /// (index into the archive's standards, mentions in this article).
    pub rows: Vec<(usize, usize)>,
    /// The selected standard and the first shown (read as `popup.selected`, `popup.top`).
    pub list: ScrolledList,
}

/// `Enter` on a standard: every mention of it in the archive, in archive order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionsPopup {
    /// Index into the archive's standards.
    pub standard: usize,
    /// The selected mention and the first shown (read as `popup.selected`, `popup.top`).
    pub list: ScrolledList,
}

impl MentionsPopup {
    pub fn mentions<'a>(&self, index: &'a StandardsIndex) -> &'a [Hit] {
        index
            .standards
            .get(self.standard)
            .map_or(&[], |s| s.mentions.as_slice())
    }
}

/// Each mention row takes two rows: where it is, then the snippet.
pub const ROWS_PER_MENTION: usize = 2;

pub(super) fn open(app: &mut App) {
    let Some(at) = app.open_article() else {
        app.notice = Some("open an article first; s lists the standards it mentions".into());
        return;
    };
    let index = app.standards.get(&app.archive);
    let rows: Vec<(usize, usize)> = index
        .in_article(at.issue, at.section, at.article)
        .into_iter()
        .map(|(s, hits)| (s, hits.len()))
        .collect();
    app.popups.push(Popup::Standards(StandardsPopup {
        at,
        rows,
        list: ScrolledList::default(),
    }));
}

pub(super) fn list_action(app: &mut App, action: Action) {
    let page = popup_rows(app.width, app.height, 0).max(1);
    let Some(Popup::Standards(p)) = app.popups.last_mut() else {
        return;
    };
    let len = p.rows.len();
    if p.step(action, len, page, None) {
        return;
    }
    match action {
        Action::Open => match p.rows.get(p.selected) {
            Some(&(standard, _)) => app.popups.push(Popup::Mentions(MentionsPopup {
                standard,
                list: ScrolledList::default(),
            })),
            None => app.notice = Some("this article mentions no standard; Esc to close".into()),
        },
        Action::OpenStandards => {
            app.popups.pop();
        }
        _ => {}
    }
}

pub(super) fn mentions_action(app: &mut App, action: Action) {
    let page = (popup_rows(app.width, app.height, 0) / ROWS_PER_MENTION).max(1);
    let index = app.standards.get(&app.archive);
    let Some(Popup::Mentions(p)) = app.popups.last_mut() else {
        return;
    };
    let len = p.mentions(index).len();
    if p.step(action, len, page, None) || action != Action::Open {
        return;
    }
    let Some(hit) = p.mentions(index).get(p.selected).cloned() else {
        return;
    };
    // Both lists close: the reader is where the mention is.
    while matches!(
        app.popups.last(),
        Some(Popup::Mentions(_) | Popup::Standards(_))
    ) {
        app.popups.pop();
    }
    let at = ArticleRef {
        issue: hit.issue,
        section: hit.section,
        article: hit.article,
    };
    open_article_at(
        app,
        at,
        (hit.field == Field::Body).then_some(hit.range.start),
    );
}

/// The fuzzy jump finds a standard by its number too: when the query names a standard
/// (`17766`, `GB/T 17766`, `iso/iec 42001`) and is no issue id, the articles mentioning it
/// follow the title matches, newest first, each once, up to `limit` rows in all.
pub(super) fn extend_fuzzy(app: &mut App, limit: usize) {
    let Some(Popup::Fuzzy(f)) = app.popups.last() else {
        return;
    };
    let Some(q) = StandardQuery::new(&f.query).filter(StandardQuery::names_a_standard) else {
        return;
    };
    if app.archive.issue(f.query.trim()).is_some() {
        return;
    }
    let index = app.standards.get(&app.archive);
    let mut seen: std::collections::HashSet<(usize, usize, usize)> = f
        .hits
        .iter()
        .map(|h| (h.location.issue, h.location.section, h.location.article))
        .collect();
    let mut extra: Vec<&Hit> = index
        .standards
        .iter()
        .filter(|s| s.named_by(&q))
        .flat_map(|s| s.articles().into_iter().map(|hits| &hits[0]))
        .collect();
    // Archive order: newest issue first, then reading order.
    extra.sort_by_key(|h| h.issue);
    let mut rows = Vec::new();
    for h in extra {
        if !seen.insert((h.issue, h.section, h.article)) {
            continue;
        }
        let (issue, section, article) = h.locate(&app.archive);
        rows.push(fuzzy::Hit {
            issue: issue.id.clone(),
            article: article.id.clone(),
            section: section.name.clone(),
            title: article.title.clone(),
            title_zh: article.title_zh.clone(),
            score: 0,
            section_zh: section.name_zh.clone(),
            location: fuzzy::Location {
                issue: h.issue,
                section: h.section,
                article: h.article,
            },
            matched: fuzzy::Matched::default(),
        });
    }
    if let Some(Popup::Fuzzy(f)) = app.popups.last_mut() {
        let room = limit.saturating_sub(f.hits.len());
        f.hits.extend(rows.into_iter().take(room));
    }
}

/// Where the open article's lines mention a standard, for marking them: found once per
/// layout (article and width), in the text as laid out, so every range is within one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardMarks {
    pub at: ArticleRef,
    pub width: u16,
    /// Per line, byte ranges of the line's text, in order.
    pub lines: Vec<Vec<Range<usize>>>,
}

impl StandardMarks {
    pub fn new(at: ArticleRef, width: u16, lines: &[ArticleLine]) -> Self {
        let lines = lines
            .iter()
            .map(|l| {
                let text = l.text();
                recognise(&text).into_iter().map(|f| f.range).collect()
            })
            .collect();
        StandardMarks { at, width, lines }
    }
}

/// Re-finds the marks when the open article or its width changed (called by `sync`).
pub(super) fn refresh_marks(app: &mut App) {
    let Some(view) = app.view.as_ref() else {
        app.standard_marks = None;
        return;
    };
    if app
        .standard_marks
        .as_ref()
        .is_some_and(|m| (m.at, m.width) == (view.at, view.width))
    {
        return;
    }
    app.standard_marks = Some(StandardMarks::new(view.at, view.width, &view.lines));
}

/// A shared cell for a new reader.
pub fn new_cell() -> Arc<StandardsCell> {
    Arc::new(StandardsCell::default())
}
