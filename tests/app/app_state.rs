//! State transitions, no terminal: focus, selection, column jumps, fuzzy popup lifecycle,
//! scroll bounds, resize re-anchoring, tiny sizes.

use crate::app_support;

use app_support::*;
use magreader::app::article::{ArticleRef, find_anchor};
use magreader::app::update::article_rows;
use magreader::app::{Action, App, Key, Pane, Popup, update};

/// (issue id, article id) of the open article.
fn open(app: &App) -> Option<(String, String)> {
    let at = app.open_article()?;
    let issue = &app.archive.issues[at.issue];
    Some((
        issue.id.clone(),
        issue.sections[at.section].articles[at.article].id.clone(),
    ))
}

fn is_open(app: &App, issue: &str, article: &str) -> bool {
    open(app) == Some((issue.to_string(), article.to_string()))
}

fn selected_article(app: &App) -> String {
    let item = app.contents.items[app.contents_sel];
    app.archive.issues[app.issue].sections[item.section].articles[item.article]
        .id
        .clone()
}

#[test]
fn starts_on_the_newest_issue_with_focus_on_its_contents() {
    let a = app(80, 24);
    assert_eq!(a.focus, Pane::Contents);
    assert_eq!(a.archive.issues[a.issue].id, "2025-06");
    assert!(a.open_article().is_none());
    // Columns first, front matter last.
    assert_eq!(selected_article(&a), "conversion-rate");
    let last = *a.contents.items.last().unwrap();
    assert_eq!(
        a.archive.issues[0].sections[last.section].name,
        "Front matter"
    );
}

#[test]
fn focus_moves_between_panes() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Tab]);
    assert_eq!(a.focus, Pane::Article);
    press(&mut a, &[Key::Tab]);
    assert_eq!(a.focus, Pane::Issues, "Tab wraps around");
    press(&mut a, &[Key::BackTab]);
    assert_eq!(a.focus, Pane::Article);
    press(&mut a, &[Key::Char('l'), Key::Right]);
    assert_eq!(a.focus, Pane::Article, "l stops at the right edge");
    press(&mut a, &[Key::Char('h')]);
    assert_eq!(a.focus, Pane::Contents);
    press(&mut a, &[Key::Left, Key::Char('h')]);
    assert_eq!(a.focus, Pane::Issues, "h stops at the left edge");
}

#[test]
fn contents_selection_moves_within_bounds_and_enter_opens() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('k')]);
    assert_eq!(a.contents_sel, 0);
    press(&mut a, &[Key::Char('j'), Key::Down]);
    assert_eq!(selected_article(&a), "themed-event");
    press(&mut a, &[Key::Char('G')]);
    assert_eq!(a.contents_sel, a.contents.items.len() - 1);
    press(&mut a, &[Key::Char('j')]);
    assert_eq!(a.contents_sel, a.contents.items.len() - 1);
    press(&mut a, &[Key::Home, Key::Char('j'), Key::Enter]);
    assert!(is_open(&a, "2025-06", "food-factory"));
    assert_eq!(a.focus, Pane::Article, "opening focuses the article");
}

#[test]
fn issue_selection_changes_the_contents() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2')]);
    assert!(is_open(&a, "2025-06", "themed-event"));
    press(&mut a, &[Key::Char('h'), Key::Char('h'), Key::Char('j')]);
    assert_eq!(a.focus, Pane::Issues);
    assert_eq!(a.archive.issues[a.issue].id, "2024-03");
    assert_eq!(selected_article(&a), "two-sessions");
    // The article stays open while browsing issues.
    assert!(is_open(&a, "2025-06", "themed-event"));
    press(&mut a, &[Key::Char('j')]);
    assert_eq!(a.archive.issues[a.issue].id, "2024-03", "last issue stays");
    // Back on the article's issue, its article is selected again.
    press(&mut a, &[Key::Char('k')]);
    assert_eq!(selected_article(&a), "themed-event");
    press(&mut a, &[Key::Enter]);
    assert_eq!(a.focus, Pane::Contents);
}

#[test]
fn number_keys_open_the_nth_column_from_any_pane() {
    for focus_keys in [&[][..], &[Key::Char('h')][..], &[Key::Tab][..]] {
        let mut a = app(80, 24);
        press(&mut a, focus_keys);
        press(&mut a, &[Key::Char('2')]);
        assert!(is_open(&a, "2025-06", "themed-event"), "{focus_keys:?}");
        assert_eq!(a.focus, Pane::Article);
        assert_eq!(selected_article(&a), "themed-event");
    }
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('4')]);
    assert!(is_open(&a, "2025-06", "united-for-impact"));
    // Column 3 exists but is empty; 9 does not exist: notices, nothing changes.
    press(&mut a, &[Key::Char('3')]);
    assert!(a.notice.as_deref().unwrap().contains("no articles"));
    assert!(is_open(&a, "2025-06", "united-for-impact"));
    press(&mut a, &[Key::Char('9')]);
    assert!(a.notice.as_deref().unwrap().contains("4 columns"));
    assert!(is_open(&a, "2025-06", "united-for-impact"));
    // Any key clears the notice.
    press(&mut a, &[Key::Char('j')]);
    assert!(a.notice.is_none());
}

#[test]
fn brackets_step_through_columns_skipping_empty_ones() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char(']')]);
    assert!(
        is_open(&a, "2025-06", "conversion-rate"),
        "no article: first column"
    );
    press(&mut a, &[Key::Char('}'), Key::Char(']')]);
    assert!(
        is_open(&a, "2025-06", "themed-event"),
        "from the 2nd article of column 1"
    );
    press(&mut a, &[Key::Char(']')]);
    assert!(
        is_open(&a, "2025-06", "united-for-impact"),
        "empty Features skipped"
    );
    press(&mut a, &[Key::Char(']')]);
    assert!(a.notice.as_deref().unwrap().contains("last column"));
    press(&mut a, &[Key::Char('[')]);
    assert!(is_open(&a, "2025-06", "themed-event"));
    press(&mut a, &[Key::Char('['), Key::Char('[')]);
    assert!(is_open(&a, "2025-06", "conversion-rate"));
    assert!(a.notice.as_deref().unwrap().contains("first column"));
}

#[test]
fn braces_step_through_articles_in_contents_order() {
    let mut a = app(80, 24);
    let order: Vec<String> = a
        .contents
        .items
        .iter()
        .map(|i| {
            a.archive.issues[0].sections[i.section].articles[i.article]
                .id
                .clone()
        })
        .collect();
    let mut seen = Vec::new();
    for _ in 0..order.len() {
        press(&mut a, &[Key::Char('}')]);
        seen.push(open(&a).unwrap().1);
    }
    assert_eq!(seen, order);
    press(&mut a, &[Key::Char('}')]);
    assert!(a.notice.as_deref().unwrap().contains("last article"));
    press(&mut a, &[Key::Char('{')]);
    assert_eq!(open(&a).unwrap().1, order[order.len() - 2]);
}

#[test]
fn fuzzy_jump_lifecycle() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Ctrl('p')]);
    let f = a.fuzzy().expect("popup open");
    assert_eq!(f.hits.len(), a.index.len(), "empty query lists everything");
    // Keys are query text while the popup is open: `q` does not quit, `j` does not scroll.
    type_text(&mut a, "蒙古q");
    assert!(!a.quit);
    assert!(a.fuzzy().unwrap().hits.is_empty());
    press(&mut a, &[Key::Backspace]);
    let f = a.fuzzy().unwrap();
    assert_eq!(f.query, "蒙古");
    assert_eq!(f.hits[0].article, "mongolia");
    // Esc cancels without changing anything.
    press(&mut a, &[Key::Esc]);
    assert!(a.popups.is_empty());
    assert!(a.open_article().is_none());
    assert_eq!(a.focus, Pane::Contents);
    // Selection moves within bounds.
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "spotlight");
    let n = a.fuzzy().unwrap().hits.len();
    assert!(n >= 3);
    press(&mut a, &[Key::Up]);
    assert_eq!(a.fuzzy().unwrap().selected, 0);
    press(&mut a, &[Key::Ctrl('n'), Key::Down, Key::Ctrl('p')]);
    assert_eq!(a.fuzzy().unwrap().selected, 1);
    for _ in 0..n + 5 {
        press(&mut a, &[Key::Ctrl('n')]);
    }
    assert_eq!(a.fuzzy().unwrap().selected, n - 1);
    // Enter opens the article in another issue: issue, contents and focus follow.
    press(&mut a, &[Key::Esc, Key::Ctrl('p')]);
    type_text(&mut a, "蒙古国");
    press(&mut a, &[Key::Enter]);
    assert!(a.popups.is_empty());
    assert!(is_open(&a, "2024-03", "mongolia"));
    assert_eq!(a.archive.issues[a.issue].id, "2024-03");
    assert_eq!(selected_article(&a), "mongolia");
    assert_eq!(a.focus, Pane::Article);
    // Enter with no results keeps the popup and says why.
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "qqqqzzzz");
    press(&mut a, &[Key::Enter]);
    assert!(a.fuzzy().is_some());
    assert!(a.notice.is_some());
    // Ctrl-C quits even from the popup.
    press(&mut a, &[Key::Ctrl('c')]);
    assert!(a.quit);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('?')]);
    assert!(matches!(a.top_popup(), Some(Popup::Help { scroll: 0 })));
    press(&mut a, &[Key::Char('j'), Key::Char('j')]);
    assert!(matches!(a.top_popup(), Some(Popup::Help { scroll: 2 })));
    for _ in 0..200 {
        press(&mut a, &[Key::Char('j')]);
    }
    let Some(Popup::Help { scroll }) = a.top_popup() else {
        panic!()
    };
    let max = *scroll;
    assert!(max < 100, "scroll is bounded by the help's length");
    // Keys that are not help keys do nothing while it is open.
    press(&mut a, &[Key::Char('2'), Key::Tab]);
    assert!(a.open_article().is_none());
    assert_eq!(a.focus, Pane::Contents);
    press(&mut a, &[Key::Char('?')]);
    assert!(a.popups.is_empty());
    press(&mut a, &[Key::Char('?'), Key::Esc]);
    assert!(a.popups.is_empty());
    // `q` closes the help first, then quits.
    press(&mut a, &[Key::Char('?'), Key::Char('q')]);
    assert!(a.popups.is_empty() && !a.quit);
    press(&mut a, &[Key::Char('q')]);
    assert!(a.quit);
}

#[test]
fn article_scrolling_stays_within_bounds() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2')]);
    let rows = article_rows(&a);
    let total = a.view.as_ref().unwrap().lines.len();
    assert!(
        total > 3 * rows,
        "fixture article must be several pages long"
    );
    let top = |a: &App| a.view.as_ref().unwrap().top;
    press(&mut a, &[Key::Char('k'), Key::PageUp]);
    assert_eq!(top(&a), 0);
    press(&mut a, &[Key::Char('j'), Key::Down]);
    assert_eq!(top(&a), 2);
    press(&mut a, &[Key::Char(' ')]);
    assert_eq!(top(&a), 2 + rows - 1, "a page keeps one line of context");
    press(&mut a, &[Key::Char('b')]);
    assert_eq!(top(&a), 2);
    press(&mut a, &[Key::Ctrl('d')]);
    assert_eq!(top(&a), 2 + rows.div_ceil(2));
    press(&mut a, &[Key::Ctrl('u')]);
    assert_eq!(top(&a), 2);
    press(&mut a, &[Key::Char('G')]);
    assert_eq!(top(&a), total - rows, "the end fills the view");
    press(&mut a, &[Key::Char('j'), Key::PageDown, Key::Ctrl('d')]);
    assert_eq!(top(&a), total - rows);
    press(&mut a, &[Key::End, Key::Home]);
    assert_eq!(top(&a), 0);
}

#[test]
fn resize_keeps_the_reading_position_on_the_same_text() {
    let mut a = app(120, 40);
    press(&mut a, &[Key::Char('2')]);
    for _ in 0..37 {
        press(&mut a, &[Key::Char('j')]);
    }
    let text_at = |a: &App| {
        let v = a.view.as_ref().unwrap();
        (v.lines[v.top].pos, v.anchor)
    };
    let (pos, anchor) = text_at(&a);
    let anchor = anchor.expect("scrolled into the body");
    assert_eq!(pos, Some(anchor));
    let wide_top = a.view.as_ref().unwrap().top;

    for (w, h) in [(50, 20), (71, 24), (300, 100), (37, 15)] {
        update(&mut a, Action::Resize(w, h));
        let v = a.view.as_ref().unwrap();
        assert_ne!(v.width, 0);
        // The line holding the anchored offset starts at or before it, and the next line
        // starts after it; it is the top line unless the end of the text is reached first.
        let line = find_anchor(&v.lines, Some(anchor));
        let line_pos = v.lines[line].pos.unwrap();
        assert!(line_pos <= anchor, "{w}x{h}: {line_pos} > {anchor}");
        if let Some(next) = v.lines.get(line + 1) {
            assert!(next.pos.unwrap() > anchor, "{w}x{h}");
        }
        let rows = article_rows(&a);
        assert_eq!(v.top, line.min(v.max_top(rows)), "{w}x{h}");
        assert!(v.top > 0, "{w}x{h}: the view fell back to the top");
        assert_eq!(v.anchor, Some(anchor), "resizing does not move the anchor");
    }
    update(&mut a, Action::Resize(120, 40));
    assert_eq!(
        a.view.as_ref().unwrap().top,
        wide_top,
        "back at the same line"
    );
}

#[test]
fn focus_changes_rewrap_without_losing_the_place() {
    // Pane widths depend on focus, so Tab re-wraps the article; the anchor holds the text.
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char(' '), Key::Char(' ')]);
    let before = a.view.as_ref().unwrap().anchor;
    let width_reading = a.view.as_ref().unwrap().width;
    press(&mut a, &[Key::Char('h')]);
    assert_ne!(a.view.as_ref().unwrap().width, width_reading);
    press(&mut a, &[Key::Char('l')]);
    let v = a.view.as_ref().unwrap();
    assert_eq!(v.width, width_reading);
    assert_eq!(v.anchor, before);
    assert_eq!(v.lines[v.top].pos, before);
    assert!(a.cache.len() >= 2, "both widths cached");
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char(' ')]);
    let keys = [
        Key::Char('j'),
        Key::Char('G'),
        Key::Tab,
        Key::Char('?'),
        Key::Char('j'),
        Key::Esc,
        Key::Ctrl('p'),
        Key::Char('s'),
        Key::Down,
        Key::Esc,
        Key::Char(']'),
        Key::Char('}'),
        Key::Char('h'),
        Key::Char('j'),
        Key::Enter,
    ];
    for (w, h) in [
        (1, 1),
        (10, 3),
        (0, 0),
        (20, 5),
        (19, 5),
        (69, 8),
        (70, 6),
        (2, 40),
        (400, 2),
    ] {
        update(&mut a, Action::Resize(w, h));
        for k in keys {
            a.handle_key(k);
            let _ = render(&a, magreader::ui::Theme::new(true));
        }
    }
    update(&mut a, Action::Resize(80, 24));
    let v = a.view.as_ref().unwrap();
    assert!(v.top <= v.max_top(article_rows(&a)));
}

#[test]
fn opening_a_missing_article_is_ignored() {
    let mut a = app(80, 24);
    magreader::app::update::open_article(
        &mut a,
        ArticleRef {
            issue: 7,
            section: 0,
            article: 0,
        },
    );
    assert!(a.open_article().is_none());
}

#[test]
fn an_empty_archive_is_usable() {
    let mut a = App::new(magreader::archive::Archive::default(), 80, 24);
    for k in [
        Key::Char('j'),
        Key::Enter,
        Key::Char('1'),
        Key::Char(']'),
        Key::Char('}'),
        Key::Tab,
        Key::Char('G'),
    ] {
        a.handle_key(k);
    }
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "x");
    press(&mut a, &[Key::Enter, Key::Esc]);
    assert!(a.open_article().is_none());
    let screen = render(&a, magreader::ui::Theme::new(false));
    assert!(screen.contains("No issues"), "{screen}");
}

#[test]
fn an_article_reopens_at_a_remembered_position() {
    // The reading memory keeps `anchor` and reopens with it, at any width.
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char(' '), Key::Char(' ')]);
    let at = a.open_article().unwrap();
    let anchor = a.view.as_ref().unwrap().anchor;
    assert!(anchor.is_some());
    let mut b = app(57, 30);
    magreader::app::update::open_article_at(&mut b, at, anchor);
    let v = b.view.as_ref().unwrap();
    assert_eq!(v.anchor, anchor);
    assert_eq!(v.top, find_anchor(&v.lines, anchor));
    assert!(v.top > 0);
    assert_eq!(b.focus, Pane::Article);
}
