//! Hostile sizes in the reader (loading them is in tests/load_damaged.rs): one issue of 10,000
//! articles, and a single-line article of 50 MB. Nothing may hang: the contents pane, fuzzy
//! jump and scrolling stay interactive with 10,000 articles, and laying out a huge one-line
//! article costs work linear in its size (a quadratic wrap would take hours at 50 MB). Work is
//! counted as allocations (tests/alloc_support), against a quarter of the size, not timed.
//!
//! Measured on the 2-core dev machine: a 50 MB single-line article (words, one unbreakable
//! run, or Chinese) opens in about 4 s and re-wraps on resize in about 4 s in a release build
//! (45 s in a debug build), then draws a frame in under 1 ms. The full 50 MB run is
//! `cargo test --release --test hostile_sizes -- --ignored` (its numbers are printed).

use crate::alloc_support::{Allocated, counted};
use crate::cli_support;

use std::time::{Duration, Instant};

use magreader::app::article::ArticleRef;
use magreader::app::update::open_article;
use magreader::app::{Action, App, Key, update};
use magreader::archive::Archive;
use magreader::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn draw(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    t.draw(|f| ui::draw(f, app, &Theme::new(true))).unwrap();
    let buf = t.backend().buffer();
    buf.content().iter().map(|c| c.symbol()).collect()
}

/// An archive whose newest issue's first article has `body`.
fn with_body(body: String) -> Archive {
    let mut issue = cli_support::magazine(2025, 6);
    issue.sections[0].articles[0].body = body.into();
    Archive {
        issues: vec![issue],
    }
}

const FIRST: ArticleRef = ArticleRef {
    issue: 0,
    section: 0,
    article: 0,
};

/// The three shapes of a one-line article of about `bytes` bytes.
fn one_line_bodies(bytes: usize) -> [(&'static str, String); 3] {
    [
        ("words", "word ".repeat(bytes / 5)),
        ("one unbreakable run", "x".repeat(bytes)),
        ("Chinese", "标准化".repeat(bytes / 9)),
    ]
}

/// The work of opening (laying out) an article with `body` at 80x24, and its line count.
fn open_work(body: &str) -> (Allocated, usize) {
    let mut app = App::new(with_body(body.to_string()), 80, 24);
    let ((), work) = counted(|| open_article(&mut app, FIRST));
    (work, app.view.as_ref().map_or(0, |v| v.lines.len()))
}

/// Four times the text is four times the work if linear, sixteen if quadratic: counted as the
/// allocations the layout makes, on sizes where even quadratic code would finish.
#[test]
fn layout_of_a_one_line_article_is_linear_in_its_size() {
    for (what, small) in one_line_bodies(250_000) {
        let big = small.repeat(4);
        let ((ws, ls), (wb, lb)) = (open_work(&small), open_work(&big));
        assert!(lb > 3 * ls && ls > 2000, "{what}: {ls} lines, then {lb}");
        assert!(
            wb.bytes <= 5 * ws.bytes && wb.count <= 5 * ws.count,
            "{what}: {ws:?} for {} bytes but {wb:?} for four times as many",
            small.len()
        );
    }
}

/// The real size, in a release build: opens, re-wraps on resize, scrolls to the end and draws.
#[test]
#[ignore = "50 MB layouts take about 45 s each in a debug build; run with --release --ignored"]
fn a_fifty_mb_single_line_article_opens_and_scrolls() {
    for (what, body) in one_line_bodies(50_000_000) {
        let mut app = App::new(with_body(body), 80, 24);
        let (_, open) = time(|| open_article(&mut app, FIRST));
        let lines = app.view.as_ref().map_or(0, |v| v.lines.len());
        let (_, frame) = time(|| draw(&app));
        let (_, resize) = time(|| update(&mut app, Action::Resize(137, 50)));
        app.handle_key(Key::Char('G'));
        let (_, end) = time(|| draw(&app));
        println!(
            "{what}: {lines} lines; open {open:?}, frame {frame:?}, re-wrap at 137 cols {resize:?}, frame at the end {end:?}"
        );
        assert!(lines > 100_000, "{what}: {lines}");
    }
}

/// An issue of `n` articles, driven as a reader would: the work (allocations) of starting,
/// the first frame, `G` in the contents pane, 50 pages up, typing a fuzzy query for the last
/// article a key at a time (each with its frame), and opening the hit.
fn interact(n: usize) -> [(&'static str, Allocated); 6] {
    let mut issue = cli_support::magazine(2025, 6);
    issue.sections[0].articles = (0..n)
        .map(|k| {
            cli_support::article(
                &format!("item-{k}"),
                &format!("Item {k} on standards"),
                Some("标准化条目"),
                1,
                "Text of the item.\n",
            )
        })
        .collect();
    let archive = Archive {
        issues: vec![issue],
    };
    let (mut app, new) = counted(|| App::new(archive, 80, 24));
    let (_, first) = counted(|| draw(&app));
    // The contents pane: to the last article and back, a page at a time.
    app.handle_key(Key::Tab);
    let (_, bottom) = counted(|| {
        app.handle_key(Key::Char('G'));
        draw(&app)
    });
    let (_, pages) = counted(|| {
        for _ in 0..50 {
            app.handle_key(Key::PageUp);
        }
        draw(&app)
    });
    // Fuzzy jump over the titles, a key at a time, then open the hit.
    app.handle_key(Key::Ctrl('p'));
    let (_, typing) = counted(|| {
        for c in format!("item {}", n - 1).chars() {
            app.handle_key(Key::Char(c));
            draw(&app);
        }
    });
    let (screen, open) = counted(|| {
        app.handle_key(Key::Enter);
        draw(&app)
    });
    assert!(
        screen.contains(&format!("Item {}", n - 1)),
        "the hit opened"
    );
    [
        ("start", new),
        ("first frame", first),
        ("G", bottom),
        ("pages", pages),
        ("fuzzy keystrokes", typing),
        ("open", open),
    ]
}

/// Nothing may hang with 10,000 articles: checked as work, against a quarter as many. Starting
/// and a fuzzy keystroke go through every title (at most linear: four times the work), moving
/// through the contents pane and opening an article cost a screen (about the same work).
#[test]
fn ten_thousand_articles_stay_interactive() {
    // What a first use in this thread sets up once is not either size's work.
    interact(100);
    let (small, big) = (interact(2_500), interact(10_000));
    for ((what, s), (_, b)) in small.into_iter().zip(big) {
        let (count, bytes) = if matches!(what, "start" | "fuzzy keystrokes") {
            (5 * s.count, 5 * s.bytes)
        } else {
            (s.count + s.count / 4, s.bytes + s.bytes / 4)
        };
        assert!(
            b.count <= count && b.bytes <= bytes,
            "{what}: {s:?} with 2,500 articles, {b:?} with 10,000"
        );
    }
}
