//! Hostile sizes in the reader (loading them is in tests/load_damaged.rs): one issue of 10,000
//! articles, and a single-line article of 50 MB. Nothing may hang: the contents pane, fuzzy
//! jump and scrolling stay interactive with 10,000 articles, and laying out a huge one-line
//! article costs time linear in its size (a quadratic wrap would take hours at 50 MB).
//!
//! Measured on the 2-core dev machine: a 50 MB single-line article (words, one unbreakable
//! run, or Chinese) opens in about 4 s and re-wraps on resize in about 4 s in a release build
//! (45 s in a debug build), then draws a frame in under 1 ms. The full 50 MB run is
//! `cargo test --release --test hostile_sizes -- --ignored` (its numbers are printed).

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

/// Time to open (lay out) an article with `body` at 80x24, the best of three.
fn open_time(body: &str) -> Duration {
    (0..3)
        .map(|_| {
            let mut app = App::new(with_body(body.to_string()), 80, 24);
            time(|| open_article(&mut app, FIRST)).1
        })
        .min()
        .unwrap()
}

#[test]
fn layout_of_a_one_line_article_is_linear_in_its_size() {
    for (what, small) in one_line_bodies(250_000) {
        let big = small.repeat(4);
        let (ts, tb) = (open_time(&small), open_time(&big));
        let per_mb = tb.as_secs_f64() / (big.len() as f64 / 1e6);
        println!(
            "{what}: {} KB in {ts:?}, {} KB in {tb:?}; about {:.1} s for 50 MB at this rate",
            small.len() / 1000,
            big.len() / 1000,
            per_mb * 50.0
        );
        // Four times the text: four times the time if linear, sixteen if quadratic.
        assert!(
            tb < ts * 9 + Duration::from_millis(100),
            "{what}: {ts:?} for {} bytes but {tb:?} for four times as many",
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
        assert!(open < Duration::from_secs(60) && resize < Duration::from_secs(60));
        assert!(frame < Duration::from_secs(1) && end < Duration::from_secs(1));
    }
}

#[test]
fn ten_thousand_articles_stay_interactive() {
    let mut issue = cli_support::magazine(2025, 6);
    issue.sections[0].articles = (0..10_000)
        .map(|n| {
            cli_support::article(
                &format!("item-{n}"),
                &format!("Item {n} on standards"),
                Some("标准化条目"),
                1,
                "Text of the item.\n",
            )
        })
        .collect();
    let archive = Archive {
        issues: vec![issue],
    };
    let (mut app, new) = time(|| App::new(archive, 80, 24));
    let (_, first) = time(|| draw(&app));
    // The contents pane: to the last article and back, a page at a time.
    app.handle_key(Key::Tab);
    let (_, bottom) = time(|| {
        app.handle_key(Key::Char('G'));
        draw(&app)
    });
    let (_, pages) = time(|| {
        for _ in 0..50 {
            app.handle_key(Key::PageUp);
        }
        draw(&app)
    });
    // Fuzzy jump over 10,000 titles, a key at a time, then open the hit.
    app.handle_key(Key::Ctrl('p'));
    let mut worst = Duration::ZERO;
    for c in "item 9999".chars() {
        let (_, t) = time(|| {
            app.handle_key(Key::Char(c));
            draw(&app)
        });
        worst = worst.max(t);
    }
    let (screen, open) = time(|| {
        app.handle_key(Key::Enter);
        draw(&app)
    });
    println!(
        "10,000 articles: start {new:?}, first frame {first:?}, G {bottom:?}, 50 pages {pages:?}, worst fuzzy keystroke {worst:?}, open {open:?}"
    );
    assert!(screen.contains("Item 9999"), "the hit opened");
    // Loose bounds: a debug build on a shared 2-core machine. A hang shows as minutes.
    for (what, t) in [
        ("start", new),
        ("first frame", first),
        ("G", bottom),
        ("pages", pages),
        ("fuzzy keystroke", worst),
        ("open", open),
    ] {
        assert!(t < Duration::from_secs(5), "{what} took {t:?}");
    }
}
