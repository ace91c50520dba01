//! In-article search (`/`, `n`, `N`) and full-text search (Ctrl-F) as state transitions, no
//! terminal: the prompt's lifecycle, incremental moves, wrap-around, the popup's lifecycle on
//! the synchronous and the background path, and opening a hit with the search primed.

use crate::app_support;

use std::time::{Duration, Instant};

use app_support::*;
use magreader::app::article_search::{WRAP_BOTTOM, WRAP_TOP};
use magreader::app::update::article_rows;
use magreader::app::{Action, App, Key, Pane, Popup, update};
use magreader::search::fulltext::{FullTextIndex, SearchOptions};
use magreader::search::query::Query;

fn top(a: &App) -> usize {
    a.view.as_ref().unwrap().top
}

fn current(a: &App) -> Option<usize> {
    a.search.as_ref().and_then(|s| s.current)
}

fn count(a: &App) -> usize {
    a.search.as_ref().map_or(0, |s| s.matches.len())
}

/// The current match's first line is on screen.
fn current_visible(a: &App) -> bool {
    let s = a.search.as_ref().unwrap();
    let m = &s.matches[s.current.unwrap()];
    let t = top(a);
    m.start.line >= t && m.start.line < t + article_rows(a)
}

fn open_id(a: &App) -> String {
    let at = a.open_article().unwrap();
    a.archive.issues[at.issue].sections[at.section].articles[at.article]
        .id
        .clone()
}

#[test]
fn the_prompt_searches_as_you_type_and_esc_goes_back() {
    let mut a = app(80, 24);
    // "Themed event" (40 paragraphs); scroll a little way in.
    press(&mut a, &[Key::Char('2'), Key::Char(' ')]);
    let (start_top, start_anchor) = (top(&a), a.view.as_ref().unwrap().anchor);
    press(&mut a, &[Key::Char('/')]);
    assert!(matches!(a.top_popup(), Some(Popup::Search(_))));
    assert_eq!(a.focus, Pane::Article);
    // Keys are text now: `q` does not quit, `n` is not "next".
    type_text(&mut a, "Paragraph 3");
    assert!(!a.quit);
    let first = current(&a).expect("matches as you type");
    assert!(current_visible(&a));
    {
        // The first match at or after where the prompt opened, not one above it.
        let s = a.search.as_ref().unwrap();
        assert!(s.matches[first].start.line >= start_top);
        assert!(first == 0 || s.matches[first - 1].start.line < start_top);
    }
    type_text(&mut a, "6");
    assert_eq!(count(&a), 1, "only Paragraph 36");
    assert!(top(&a) > start_top, "the view moved down to the match");
    assert!(current_visible(&a));
    // Esc: back where we were, no search.
    press(&mut a, &[Key::Esc]);
    assert!(a.popups.is_empty());
    assert_eq!(top(&a), start_top);
    assert_eq!(a.view.as_ref().unwrap().anchor, start_anchor);
    assert!(a.search.is_none());

    // Enter keeps it: highlights, a current match, the view at it.
    press(&mut a, &[Key::Char('/')]);
    type_text(&mut a, "paragraph 36");
    press(&mut a, &[Key::Enter]);
    assert!(a.popups.is_empty());
    assert_eq!(count(&a), 1);
    assert_eq!(current(&a), Some(0));
    assert!(current_visible(&a));
    assert!(top(&a) > start_top);
}

#[test]
fn esc_restores_the_previous_search_and_backspace_on_empty_cancels() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "Beijing");
    press(&mut a, &[Key::Enter]);
    let before = count(&a);
    assert!(before > 10);
    press(&mut a, &[Key::Char('/')]);
    type_text(&mut a, "xyzzy");
    assert_eq!(count(&a), 0, "no match while typing");
    press(&mut a, &[Key::Esc]);
    assert_eq!(count(&a), before, "the earlier search is back");
    assert_eq!(a.search.as_ref().unwrap().query.as_str(), "Beijing");

    press(&mut a, &[Key::Char('/'), Key::Char('x'), Key::Backspace]);
    assert!(matches!(a.top_popup(), Some(Popup::Search(_))));
    press(&mut a, &[Key::Backspace]);
    assert!(a.popups.is_empty(), "Backspace on an empty prompt cancels");
    assert_eq!(count(&a), before);

    // A search with no match says so when kept.
    press(&mut a, &[Key::Char('/')]);
    type_text(&mut a, "BEIJING");
    press(&mut a, &[Key::Enter]);
    assert_eq!(count(&a), 0, "a capital letter makes it case-sensitive");
    assert!(a.notice.as_deref().unwrap().contains("not found"));
}

#[test]
fn n_and_shift_n_step_through_matches_and_wrap_with_a_notice() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "beijing");
    press(&mut a, &[Key::Enter]);
    // The title and every even paragraph of 40.
    let n = count(&a);
    assert_eq!(n, 21);
    assert_eq!(current(&a), Some(0), "the first match at or after the top");
    press(&mut a, &[Key::Char('n')]);
    assert_eq!(current(&a), Some(1));
    assert!(a.notice.is_none());
    press(&mut a, &[Key::Char('N'), Key::Char('N')]);
    assert_eq!(
        current(&a),
        Some(n - 1),
        "N from the first wraps to the last"
    );
    assert_eq!(a.notice.as_deref(), Some(WRAP_TOP));
    assert!(current_visible(&a), "the view followed to the end");
    press(&mut a, &[Key::Char('n')]);
    assert_eq!(current(&a), Some(0));
    assert_eq!(a.notice.as_deref(), Some(WRAP_BOTTOM));
    assert!(current_visible(&a));
    // Stepping forward through every match moves the view down each time one is off screen.
    let mut last_top = top(&a);
    for i in 1..n {
        press(&mut a, &[Key::Char('n')]);
        assert_eq!(current(&a), Some(i));
        assert!(current_visible(&a), "match {i}");
        assert!(top(&a) >= last_top);
        last_top = top(&a);
    }
    assert!(last_top > 0);
}

#[test]
fn n_after_scrolling_away_continues_from_the_screen() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "beijing");
    press(&mut a, &[Key::Enter]);
    assert_eq!(current(&a), Some(0));
    // Far down by pages: `n` goes to the first match below the top, not back to match 1.
    press(&mut a, &[Key::Char(' '), Key::Char(' '), Key::Char(' ')]);
    let t = top(&a);
    press(&mut a, &[Key::Char('n')]);
    let s = a.search.as_ref().unwrap();
    let m = &s.matches[s.current.unwrap()];
    assert!(m.start.line >= t, "{} < {t}", m.start.line);
    assert!(s.current.unwrap() > 1);
}

#[test]
fn n_without_a_search_explains_and_slash_enter_takes_the_search_to_other_articles() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('n')]);
    assert!(a.notice.as_deref().unwrap().contains("no search"));
    press(&mut a, &[Key::Char('/')]);
    assert!(a.popups.is_empty(), "no article to search");
    assert!(a.notice.as_deref().unwrap().contains("open an article"));

    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "国际标准化组织");
    press(&mut a, &[Key::Enter]);
    assert_eq!(count(&a), 20, "every odd paragraph of 40, in Chinese");
    // The next article has no search of its own (no stale "no match"); `n` says how to
    // take this one there, and `/` `Enter` does.
    press(&mut a, &[Key::Char('}')]);
    assert_eq!(open_id(&a), "wsd-themed-activity");
    assert!(a.search.is_none());
    press(&mut a, &[Key::Char('n')]);
    assert!(a.notice.as_deref().unwrap().contains("国际标准化组织"));
    press(&mut a, &[Key::Char('/'), Key::Enter]);
    assert_eq!(count(&a), 4);
    assert_eq!(current(&a), Some(0), "repeating goes to the first match on");
    // Esc with no popup hides the highlights and keeps the search for `n`.
    press(&mut a, &[Key::Esc]);
    assert!(a.search.as_ref().unwrap().hidden);
    press(&mut a, &[Key::Char('n')]);
    assert_eq!(current(&a), Some(1));
}

#[test]
fn a_resize_keeps_the_current_match() {
    let mut a = app(100, 30);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "standards day");
    press(&mut a, &[Key::Enter]);
    for _ in 0..7 {
        press(&mut a, &[Key::Char('n')]);
    }
    let before = current(&a).unwrap();
    for (w, h) in [(50, 20), (71, 24), (37, 15), (120, 40)] {
        update(&mut a, Action::Resize(w, h));
        assert_eq!(current(&a), Some(before), "{w}x{h}");
        let s = a.search.as_ref().unwrap();
        assert_eq!(
            s.width,
            a.view.as_ref().unwrap().width,
            "re-found at the new width"
        );
    }
}

/// The full-text hits an index gives directly, for comparison.
fn direct_hits(a: &App, q: &str) -> Vec<magreader::search::fulltext::Hit> {
    let index = FullTextIndex::new(&a.archive);
    let opts = SearchOptions {
        limit: Some(magreader::app::fulltext_popup::FULLTEXT_LIMIT),
        per_article: Some(1),
    };
    index
        .search(&a.archive, &Query::new(q).unwrap(), opts)
        .collect()
}

fn fulltext(a: &App) -> &magreader::app::fulltext_popup::FullTextPopup {
    match a.top_popup() {
        Some(Popup::FullText(f)) => f,
        other => panic!("full-text popup not on top: {other:?}"),
    }
}

#[test]
fn full_text_popup_lifecycle_synchronously() {
    let mut a = app(80, 24);
    a.fulltext_budget = Duration::MAX;
    press(&mut a, &[Key::Ctrl('f')]);
    assert!(fulltext(&a).hits.is_empty());
    type_text(&mut a, "国际标准化组织");
    let hits = fulltext(&a).hits.clone();
    assert_eq!(hits, direct_hits(&a, "国际标准化组织"));
    // One row per article whose body has an odd paragraph: all but the covers.
    assert_eq!(hits.len(), 7);
    assert!(!fulltext(&a).busy());
    // Typing narrows, Backspace widens, an empty query lists nothing.
    type_text(&mut a, "x");
    assert!(fulltext(&a).hits.is_empty());
    press(&mut a, &[Key::Backspace]);
    assert_eq!(fulltext(&a).hits.len(), 7);
    press(&mut a, &[Key::Down, Key::Down, Key::Up, Key::Ctrl('n')]);
    assert_eq!(fulltext(&a).selected, 2);
    press(&mut a, &[Key::Up, Key::Up, Key::Up]);
    assert_eq!(fulltext(&a).selected, 0, "stops at the first");
    // Esc cancels and keeps the reader as it was.
    press(&mut a, &[Key::Esc]);
    assert!(a.popups.is_empty() && a.open_article().is_none());
}

#[test]
fn enter_opens_the_hit_with_the_search_primed() {
    let mut a = app(80, 24);
    a.fulltext_budget = Duration::MAX;
    press(&mut a, &[Key::Ctrl('f')]);
    type_text(&mut a, "Paragraph 6.");
    let hits = fulltext(&a).hits.clone();
    // Bodies of at least 7 paragraphs: themed-event, wsd, united, two-sessions, mongolia.
    assert_eq!(hits.len(), 5, "{hits:?}");
    press(&mut a, &[Key::Down, Key::Enter]);
    assert!(a.popups.is_empty());
    let hit = &hits[1];
    assert_eq!(
        a.open_article(),
        Some(magreader::app::article::ArticleRef {
            issue: hit.issue,
            section: hit.section,
            article: hit.article,
        })
    );
    assert_eq!(a.focus, Pane::Article);
    // The current match is the hit itself, on screen.
    let s = a.search.as_ref().expect("search primed");
    assert_eq!(s.query.as_str(), "Paragraph 6.");
    let m = &s.matches[s.current.unwrap()];
    assert_eq!(m.source, Some(hit.range.start));
    assert!(current_visible(&a));
    let line = a.view.as_ref().unwrap().lines[m.start.line].text();
    assert!(line.contains("Paragraph 6."), "{line}");
    // `n` continues from there (one match per article here: it wraps to itself).
    press(&mut a, &[Key::Char('n')]);
    assert_eq!(a.notice.as_deref(), Some(WRAP_BOTTOM));
}

#[test]
fn enter_on_a_later_hit_in_a_long_article_lands_on_that_one() {
    let mut a = app(80, 24);
    a.fulltext_budget = Duration::MAX;
    press(&mut a, &[Key::Ctrl('f')]);
    type_text(&mut a, "Paragraph 38.");
    assert_eq!(fulltext(&a).hits.len(), 1, "only the 40-paragraph article");
    press(&mut a, &[Key::Enter]);
    assert_eq!(open_id(&a), "themed-event");
    assert!(top(&a) > 0, "scrolled down to the hit");
    assert!(current_visible(&a));
    assert!(
        a.view.as_ref().unwrap().anchor.is_some(),
        "the reading position is in the body"
    );
}

#[test]
fn full_text_results_stream_from_the_background() {
    let mut a = app(80, 24);
    // No time to search on the spot: one issue, then a background job for the rest.
    a.fulltext_budget = Duration::ZERO;
    press(&mut a, &[Key::Ctrl('f')]);
    type_text(&mut a, "Beijing");
    assert!(a.busy(), "the rest is searched in the background");
    let start = Instant::now();
    while a.busy() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "search never finished"
        );
        update(&mut a, Action::Tick);
        std::thread::sleep(Duration::from_millis(1));
    }
    let f = fulltext(&a);
    // Hits found on the spot are not repeated: the job goes on from where that search stopped.
    assert_eq!(f.hits, direct_hits(&a, "Beijing"));
    assert!(
        f.hits.iter().any(|h| h.issue == 1),
        "both issues: {:?}",
        f.hits
    );
    assert_eq!(f.progress.0, f.progress.1);
    assert!(f.took.is_some());
    // Ticks do not clear a notice: only keys do.
    a.notice = Some("kept".into());
    update(&mut a, Action::Tick);
    assert_eq!(a.notice.as_deref(), Some("kept"));
    // A new keystroke replaces the running search.
    type_text(&mut a, " xyzzy");
    while a.busy() {
        update(&mut a, Action::Tick);
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(fulltext(&a).hits.is_empty());
}
