//! One fuzzy-jump keystroke: ranking every article title for the query typed so far, as the
//! reader does on each key in the Ctrl-P popup (`TitleIndex::query` with the popup's limit).
//! Over the titles of the 1,000-issue archive, and over ~100,000 titles.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use magreader::app::state::FUZZY_LIMIT;
use magreader::search::fuzzy::TitleIndex;
use support::{Clock, FUZZY_QUERIES, LARGE};

fn bench(c: &mut Criterion<Clock>) {
    let large = support::load_dir(&support::synth_dir(LARGE));
    let huge = support::generate::titles_only(&support::builtin(), 100_000);
    for (name, archive) in [("titles_1000_issues", &large), ("titles_100k", &huge)] {
        let index = TitleIndex::new(archive);
        let mut g = c.benchmark_group(format!("fuzzy_{name}"));
        // Per title ranked, so the two sizes compare.
        g.throughput(Throughput::Elements(index.len() as u64));
        for (label, q) in FUZZY_QUERIES {
            g.bench_function(label, |b| {
                b.iter(|| black_box(index.query(black_box(q), FUZZY_LIMIT)))
            });
        }
        g.finish();
        eprintln!("{name}: {} titles", index.len());
    }
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
