//! Moving around the archive: choosing the open issue, opening articles (at the top or at a
//! remembered reading position), column and article jumps.

use std::rc::Rc;

use super::article::{ArticleLine, ArticleRef, ArticleView, find_anchor};
use super::layout::{MAX_MEASURE, Pane};
use super::pane_lines::{IssueLine, ItemRef, contents_model, issue_lines};
use super::scrolled::into_view;
use super::state::App;
use super::update::{article_rows, pane_rows};

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
            app.contents.item_of(ItemRef {
                section: a.section,
                article: a.article,
            })
        })
        .unwrap_or(0);
}

/// Scrolls the issue list so the open issue's label and cover line are visible.
pub(super) fn keep_issue_visible(app: &mut App) {
    let lines = issue_lines(&app.archive.issues);
    let i = app.issue;
    if let Some(first) = lines.iter().position(|l| *l == IssueLine::Label(i)) {
        let rows = pane_rows(app, Pane::Issues);
        let last = lines
            .iter()
            .rposition(|l| matches!(l, IssueLine::Label(x) | IssueLine::Cover(x) if *x == i))
            .unwrap_or(first);
        app.issues_top = into_view(app.issues_top, first, last, rows);
    }
}

/// The laid-out lines of article `at` at `width`, from the cache.
pub(super) fn article_lines(
    app: &mut App,
    at: ArticleRef,
    width: u16,
) -> Option<Rc<Vec<ArticleLine>>> {
    let article = app
        .archive
        .issues
        .get(at.issue)?
        .sections
        .get(at.section)?
        .articles
        .get(at.article)?;
    Some(app.cache.get(at, article, width))
}

/// Opens article `at` where it was last read (the reading memory's position; without one, at
/// its top), makes its issue the open one, selects it in the contents and focuses the article
/// pane so the scroll keys work at once.
pub fn open_article(app: &mut App, at: ArticleRef) {
    let anchor = app.remembered_offset(at);
    open_article_at(app, at, anchor);
}

/// Opens article `at` scrolled to reading position `anchor` (a byte offset into its body, as
/// kept in `ArticleView::anchor`; `None` is the top). Otherwise like [`open_article`].
pub fn open_article_at(app: &mut App, at: ArticleRef, anchor: Option<usize>) {
    // Below the minimum size there is no text column; lay out at the widest measure and
    // re-wrap when the window grows (sync does), rather than at one column.
    let width = match app.geometry_for(Pane::Article).text.width {
        0 => MAX_MEASURE,
        w => w,
    };
    let Some(lines) = article_lines(app, at, width) else {
        return;
    };
    let top = find_anchor(&lines, anchor);
    let mut view = ArticleView {
        at,
        width,
        lines,
        top,
        anchor,
    };
    view.show(view.top, article_rows(app));
    app.view = Some(view);
    if at.issue != app.issue {
        select_issue(app, at.issue);
    } else if let Some(i) = app.contents.item_of(ItemRef {
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

pub(super) fn jump_to_column(app: &mut App, n: usize) {
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

pub(super) fn step_column(app: &mut App, forward: bool) {
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

pub(super) fn step_article(app: &mut App, forward: bool) {
    let items = &app.contents.items;
    let pos = app
        .open_article()
        .filter(|a| a.issue == app.issue)
        .and_then(|a| {
            app.contents.item_of(ItemRef {
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
