//! Start-up to the first frame: load the archive, build the reader's state (title index,
//! contents of the newest issue) and draw one 80×24 frame. What a user waits for between
//! pressing Enter on `magreader` and seeing the screen, minus process start and terminal setup
//! (those are measured whole-process by `bench/run.sh`).

mod support;

use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use magreader::app::App;
use magreader::archive::Archive;
use magreader::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::{Clock, LARGE};

/// Returns the reader, so that freeing it (after the frame is on screen) is not timed.
fn first_frame(archive: Archive) -> App {
    let app = App::new(archive, 80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal
        .draw(|f| ui::draw(f, &app, &Theme::new(true)))
        .expect("draw");
    app
}

fn load(dir: &Path) -> Archive {
    let (archive, problems) = magreader::archive::load_dir(dir);
    debug_assert!(problems.is_empty());
    archive
}

fn bench(c: &mut Criterion<Clock>) {
    let dir = support::synth_dir(LARGE);
    let mut g = c.benchmark_group("first_frame");
    g.bench_function("builtin", |b| {
        b.iter_with_large_drop(|| first_frame(magreader::archive::load_builtin().0))
    });
    g.sample_size(10);
    g.bench_function("issues_1000", |b| {
        b.iter_with_large_drop(|| first_frame(load(&dir)))
    });
    // The target is a wait, so the same by the wall clock whatever the clock setting: the
    // archive loads on several threads (`archive::parallel`), which CPU time does not show.
    g.bench_function("issues_1000_wall", |b| {
        b.iter_custom(|iters| {
            let mut total = 0u64;
            for _ in 0..iters {
                let start = Instant::now();
                let app = first_frame(load(&dir));
                total += start.elapsed().as_nanos() as u64;
                drop(app);
            }
            total
        })
    });
    // The parts, to see where the time goes.
    g.bench_function("issues_1000_load_only", |b| {
        b.iter_with_large_drop(|| load(&dir))
    });
    // The same without the manifest cache (`archive::store::cache`): every manifest parsed,
    // as on the first load after the archive changed.
    g.bench_function("issues_1000_load_only_uncached", |b| {
        b.iter_with_large_drop(|| magreader::archive::load_dir_caching_in(&dir, None).0)
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
