//! The work of a keystroke and of a frame on the built-in archive, counted as heap
//! allocations (tests/alloc_support) rather than timed: a frame costs the screen, not the
//! article; a width seen before is not laid out again; opening, re-wrapping and searching an
//! article grow with it linearly; a fuzzy keystroke's work grows at most linearly with the
//! titles; a full-text query on folded text does not fold it again. A busy machine cannot fail
//! these; how fast each is, is measured by the criterion benches (`cargo bench`).

use crate::alloc_support::{Allocated, counted};
use crate::app_support;

use std::time::Duration;

use app_support::render;
use magreader::app::article::ArticleRef;
use magreader::app::{Action, App, Key, Popup, update};
use magreader::archive::{Archive, load_builtin};
use magreader::search::fuzzy::TitleIndex;
use magreader::ui::Theme;

/// Fails unless `big` (the work for an input four times as large) is at most five times
/// `small`: linear growth is four times, quadratic sixteen.
fn grows_linearly(what: &str, small: Allocated, big: Allocated) {
    assert!(
        big.bytes <= 5 * small.bytes.max(1) && big.count <= 5 * small.count.max(1),
        "{what}: {small:?} for the input, {big:?} for one four times as large"
    );
}

/// The built-in archive with its issues `times` over (copies get their own ids).
fn archive_times(times: usize) -> Archive {
    let (archive, _) = load_builtin();
    let mut out = archive.clone();
    for k in 1..times {
        out.issues
            .extend(archive.issues.iter().cloned().map(|mut i| {
                i.id = format!("{}-copy{k}", i.id);
                i
            }));
    }
    out
}

/// Where the longest article body of `archive` is.
fn longest(archive: &Archive) -> ArticleRef {
    let (_, (issue, section, article)) = archive
        .issues
        .iter()
        .enumerate()
        .flat_map(|(ii, i)| {
            i.sections.iter().enumerate().flat_map(move |(si, s)| {
                s.articles
                    .iter()
                    .enumerate()
                    .map(move |(ai, a)| (a.body.len(), (ii, si, ai)))
            })
        })
        .max()
        .unwrap();
    ArticleRef {
        issue,
        section,
        article,
    }
}

#[test]
fn fuzzy_keystroke_work_grows_at_most_linearly_with_the_titles() {
    // Four and sixteen times the archive: an index's fixed costs (its scoring tables) would
    // hide much of a small archive's growth.
    let (four, sixteen) = (archive_times(4), archive_times(16));
    let (small, big) = (TitleIndex::new(&four), TitleIndex::new(&sixteen));
    assert_eq!(big.len(), 4 * small.len());
    // Whatever an index does once, on its first query, is not a keystroke's work.
    small.query("a", 200);
    big.query("a", 200);
    for q in [
        "s",
        "sp",
        "spotlight 2025-06",
        "蒙古国",
        "wsd themed",
        "standardization forum",
    ] {
        let (hits, work) = counted(|| small.query(q, 200));
        assert!(!hits.is_empty(), "{q}");
        let (hits_big, work_big) = counted(|| big.query(q, 200));
        assert!(hits_big.len() >= hits.len(), "{q}");
        grows_linearly(q, work, work_big);
    }
}

/// The work of each step of reading the built-in archive's longest article with its body
/// `times` over: open, re-wrap at a new width, back to a width seen before, draw, type a
/// search keystroke, re-wrap with matches, draw them.
#[derive(Debug)]
struct ArticleWork {
    lines: usize,
    matches: usize,
    open: Allocated,
    resize: Allocated,
    cached: Allocated,
    frame: Allocated,
    keystroke: Allocated,
    research: Allocated,
    search_frame: Allocated,
}

fn article_work(times: usize) -> ArticleWork {
    let (mut archive, _) = load_builtin();
    let at = longest(&archive);
    let a = &mut archive.issues[at.issue].sections[at.section].articles[at.article];
    a.body = a.body.repeat(times).into();
    let mut app = App::new(archive, 80, 24);
    let (_, open) = counted(|| magreader::app::update::open_article(&mut app, at));
    let lines = app.view.as_ref().unwrap().lines.len();
    let (_, resize) = counted(|| update(&mut app, Action::Resize(137, 50)));
    let (_, cached) = counted(|| update(&mut app, Action::Resize(80, 24)));
    app.handle_key(Key::Char(' '));
    let (_, frame) = counted(|| render(&app, Theme::new(true)));
    // In-article search: one keystroke of `/` re-searches the whole laid-out article; a
    // resize re-finds the matches at the new width.
    app.handle_key(Key::Char('/'));
    app.handle_key(Key::Char('t'));
    let (_, keystroke) = counted(|| app.handle_key(Key::Char('h')));
    app.handle_key(Key::Enter);
    let matches = app.search.as_ref().unwrap().matches.len();
    let (_, research) = counted(|| update(&mut app, Action::Resize(111, 40)));
    let (_, search_frame) = counted(|| render(&app, Theme::new(true)));
    ArticleWork {
        lines,
        matches,
        open,
        resize,
        cached,
        frame,
        keystroke,
        research,
        search_frame,
    }
}

#[test]
fn reading_the_longest_article_costs_what_it_should() {
    let (one, four) = (article_work(1), article_work(4));
    assert!(one.matches > 100, "{one:?}");
    assert!(four.lines > 3 * one.lines && four.matches > 3 * one.matches);
    // Opening, re-wrapping and searching go through the whole article: linear in it.
    grows_linearly("open", one.open, four.open);
    grows_linearly("re-wrap", one.resize, four.resize);
    grows_linearly("search keystroke", one.keystroke, four.keystroke);
    grows_linearly("re-wrap and re-find", one.research, four.research);
    // A frame draws the screen: as much work for an article four times as long.
    for (what, a, b) in [
        ("frame", one.frame, four.frame),
        ("frame with highlights", one.search_frame, four.search_frame),
    ] {
        assert!(
            b.bytes <= a.bytes + a.bytes / 4 && b.count <= a.count + a.count / 4,
            "{what}: {a:?} for the article, {b:?} for it four times over"
        );
    }
    // Back to a width it was laid out at: the layout is kept, not made again.
    for w in [&one, &four] {
        assert!(
            w.cached.bytes <= w.resize.bytes / 4,
            "back to 80 columns {:?}, a new width {:?}",
            w.cached,
            w.resize
        );
    }
}

/// Ctrl-F on the built-in archive as the reader runs it, all on the spot (no background job,
/// so all of it is counted): typing a query, each keystroke searching, and the frame that
/// shows the result. The first keystroke folds the archive's text; later queries only search
/// it, with work that grows linearly with the archive.
#[test]
fn full_text_queries_fold_the_archive_once() {
    let run = |app: &mut App, q: &str| -> (Allocated, usize) {
        while matches!(app.top_popup(), Some(Popup::FullText(f)) if !f.query.is_empty()) {
            app.handle_key(Key::Backspace);
        }
        let ((), work) = counted(|| {
            for c in q.chars() {
                app.handle_key(Key::Char(c));
            }
            assert!(!app.busy(), "searched on the spot");
            render(app, Theme::new(true));
        });
        let Some(Popup::FullText(f)) = app.top_popup() else {
            panic!("popup closed")
        };
        (work, f.hits.len())
    };
    let open = |times: usize| {
        let mut app = App::new(archive_times(times), 80, 24);
        app.fulltext_budget = Duration::MAX;
        app.handle_key(Key::Ctrl('f'));
        app
    };
    let (mut app, mut app4) = (open(1), open(4));
    let (cold, _) = run(&mut app, "standardization");
    let (cold4, _) = run(&mut app4, "standardization");
    for q in [
        "standardization",
        "标准化",
        "digital economy",
        "促进平台经济",
        "the",
    ] {
        let (warm, found) = run(&mut app, q);
        let (warm4, found4) = run(&mut app4, q);
        assert!(found > 0 && found4 >= found, "{q}");
        for (what, warm, cold) in [("", warm, cold), (" four times over", warm4, cold4)] {
            assert!(
                warm.bytes < cold.bytes / 2,
                "{q:?}{what}: {warm:?}, the first query {cold:?}: folded again?"
            );
        }
        grows_linearly(q, warm, warm4);
    }
}
