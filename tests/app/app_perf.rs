//! Timing of what happens per keystroke and per frame on the built-in archive. Bounds are
//! loose (debug builds, shared CI machines); the printed numbers are the measurement.

use crate::app_support;

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
    // In-article search: one keystroke of `/` re-searches the whole laid-out article; `n`
    // steps; a resize re-finds the matches at the new width.
    app.handle_key(Key::Char('/'));
    app.handle_key(Key::Char('t'));
    let (_, keystroke) = time(|| app.handle_key(Key::Char('h')));
    app.handle_key(Key::Enter);
    let matches = app.search.as_ref().unwrap().matches.len();
    let (_, next) = time(|| app.handle_key(Key::Char('n')));
    let (_, research) = time(|| {
        magreader::app::update(&mut app, magreader::app::Action::Resize(111, 40));
    });
    let (_, search_frame) = time(|| render(&app, Theme::new(true)));
    println!(
        "longest article: {lines} lines; open {open:?}, re-wrap {resize:?}, cached {cached:?}, frame {frame:?}"
    );
    println!(
        "search \"th\" in it: {matches} matches; keystroke {keystroke:?}, n {next:?}, \
         re-wrap and re-find {research:?}, frame with highlights {search_frame:?}"
    );
    assert!(matches > 100);
    assert!(open < Duration::from_millis(500) && resize < Duration::from_millis(500));
    assert!(frame < Duration::from_millis(200));
    assert!(keystroke < Duration::from_millis(200) && search_frame < Duration::from_millis(200));
}

/// Ctrl-F on the built-in archive as the reader runs it: a keystroke searches (on the spot,
/// or in the background past the inline budget), ticks take any background results, a frame
/// draws them. Measured from the last keystroke of a query to the end of the first frame that
/// shows the complete result: the first query cold (nothing folded yet), then each query five
/// times warm, reporting the median (the machine may be shared; medians resist that).
#[test]
fn full_text_keystroke_to_frame_on_the_builtin_archive() {
    use magreader::app::{Action, Popup, update};
    let (archive, _) = load_builtin();
    let mut app = App::new(archive, 80, 24);
    app.handle_key(Key::Ctrl('f'));
    // Types `q` after clearing the query, timing its last keystroke to the frame.
    let run = |app: &mut App, q: &str| -> (Duration, usize) {
        while matches!(app.top_popup(), Some(Popup::FullText(f)) if !f.query.is_empty()) {
            app.handle_key(Key::Backspace);
        }
        let chars: Vec<char> = q.chars().collect();
        for &c in &chars[..chars.len() - 1] {
            app.handle_key(Key::Char(c));
        }
        let start = Instant::now();
        app.handle_key(Key::Char(chars[chars.len() - 1]));
        while app.busy() {
            update(app, Action::Tick);
            std::thread::sleep(Duration::from_micros(200));
        }
        render(app, Theme::new(true));
        let t = start.elapsed();
        let Some(Popup::FullText(f)) = app.top_popup() else {
            panic!("popup closed")
        };
        (t, f.hits.len())
    };
    let (cold, _) = run(&mut app, "standardization");
    let mut report = vec![format!("cold {cold:?}")];
    let mut worst_median = Duration::ZERO;
    for q in [
        "standardization",
        "标准化",
        "digital economy",
        "促进平台经济",
        "the",
    ] {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..5 {
            let (t, n) = run(&mut app, q);
            times.push(t);
            found = n;
        }
        assert!(found > 0, "{q}");
        times.sort();
        report.push(format!("{q:?} ({found} articles) median {:?}", times[2]));
        worst_median = worst_median.max(times[2]);
    }
    println!("full-text keystroke to frame: {}", report.join("; "));
    // One frame at 60 Hz is 16.7 ms; a debug build on a shared machine gets some slack.
    assert!(
        worst_median < Duration::from_millis(250),
        "{worst_median:?}"
    );
}
