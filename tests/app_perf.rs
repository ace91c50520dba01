//! Timing of what happens per keystroke and per frame on the built-in archive. Bounds are
//! loose (debug builds, shared CI machines); the printed numbers are the measurement.

mod app_support;

use std::time::{Duration, Instant};

use app_support::render;
use magreader::app::{App, Key};
use magreader::archive::load_builtin;
use magreader::search::fuzzy::TitleIndex;
use magreader::ui::Theme;

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

#[test]
fn fuzzy_ranking_per_keystroke_is_fast() {
    let (archive, _) = load_builtin();
    let index = TitleIndex::new(&archive);
    let mut worst = Duration::ZERO;
    for q in [
        "s",
        "sp",
        "spotlight 2025-06",
        "蒙古国",
        "wsd themed",
        "standardization forum",
    ] {
        let (hits, t) = time(|| index.query(q, 200));
        assert!(!hits.is_empty());
        worst = worst.max(t);
    }
    println!("fuzzy: {} titles, worst query {worst:?}", index.len());
    assert!(worst < Duration::from_millis(100), "{worst:?}");
}

#[test]
fn opening_resizing_and_drawing_the_longest_article_is_fast() {
    let (archive, _) = load_builtin();
    // The longest body in the archive.
    let (ii, si, ai) = archive
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
        .unwrap()
        .1;
    let mut app = App::new(archive, 80, 24);
    let at = magreader::app::article::ArticleRef {
        issue: ii,
        section: si,
        article: ai,
    };
    let (_, open) = time(|| magreader::app::update::open_article(&mut app, at));
    let lines = app.view.as_ref().unwrap().lines.len();
    let (_, resize) = time(|| {
        magreader::app::update(&mut app, magreader::app::Action::Resize(137, 50));
    });
    let (_, cached) = time(|| {
        magreader::app::update(&mut app, magreader::app::Action::Resize(80, 24));
    });
    app.handle_key(Key::Char(' '));
    let (_, frame) = time(|| render(&app, Theme::new(true)));
    println!(
        "longest article: {lines} lines; open {open:?}, re-wrap {resize:?}, cached {cached:?}, frame {frame:?}"
    );
    assert!(open < Duration::from_millis(500) && resize < Duration::from_millis(500));
    assert!(frame < Duration::from_millis(200));
}
