//! Drawing the reader: one frame at 80×24 and 200×60 into ratatui's TestBackend, with an
//! article open (the screen a reader spends their time on); a one-line scroll (the key and
//! the frame after it); and the per-key work of the reader's state on the 1,000-issue archive,
//! where anything proportional to the archive's size would show; and a keystroke in the
//! full-text search popup on that archive, which must come back at once (wall time).

mod support;

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use magreader::app::{Action, App, Context, Key, update};
use magreader::archive::Archive;
use magreader::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::{Clock, LARGE};

const THEME: Theme = Theme::new(true);

/// A reader with the second column's first article open and focused.
fn reading(archive: Archive, w: u16, h: u16) -> App {
    let mut app = App::new(archive, w, h);
    app.handle_key(Key::Char('2'));
    // A digit waits for a motion (`2j` would be a count); the pause the event loop sends
    // makes it the column jump.
    update(&mut app, Action::CountTimeout);
    assert!(app.view.is_some(), "`2` opens an article");
    app
}

fn bench(c: &mut Criterion<Clock>) {
    let mut g = c.benchmark_group("frame");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut app = reading(support::builtin(), w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("backend");
        term.draw(|f| ui::draw(f, &app, &THEME)).expect("draw");
        g.bench_function(format!("draw_{w}x{h}"), |b| {
            b.iter(|| {
                term.draw(|f| ui::draw(f, &app, &THEME)).expect("draw");
            })
        });
        // Down then up, so every frame differs from the one before (cells are rewritten).
        let mut down = true;
        g.bench_function(format!("scroll_key_and_frame_{w}x{h}"), |b| {
            b.iter(|| {
                app.handle_key(Key::Char(if down { 'j' } else { 'k' }));
                down = !down;
                term.draw(|f| ui::draw(f, &app, &THEME)).expect("draw");
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("app_1000_issues");
    let mut app = reading(support::load_dir(&support::synth_dir(LARGE)), 80, 24);
    let mut down = true;
    g.bench_function("scroll_key", |b| {
        b.iter(|| {
            black_box(app.handle_key(Key::Char(if down { 'j' } else { 'k' })));
            down = !down;
        })
    });
    // A resize to a width not seen before: the open article and contents are re-wrapped.
    let mut width = 80u16;
    g.bench_function("resize", |b| {
        b.iter(|| {
            width = if width >= 160 { 80 } else { width + 1 };
            update(&mut app, Action::Resize(width, 24));
        })
    });
    // Typing in the full-text popup (Ctrl-F): the key searches on the spot for a few
    // milliseconds at most, then hands the rest to a job thread. What a typist waits for is the
    // wall time of the key alone, so this one is timed by the wall clock whatever the clock
    // setting (the job's CPU time, on another thread, is not a wait).
    app.handle_key(Key::Ctrl('f'));
    assert_eq!(
        app.key_context(),
        Context::FullText,
        "Ctrl-F opens the full-text popup"
    );
    for c in "standar".chars() {
        app.handle_key(Key::Char(c));
    }
    let mut typed = false;
    g.bench_function("fulltext_keystroke_wall", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                app.handle_key(if typed {
                    Key::Backspace
                } else {
                    Key::Char('d')
                });
                typed = !typed;
            }
            start.elapsed().as_nanos() as u64
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
