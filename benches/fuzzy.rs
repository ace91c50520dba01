//! One fuzzy-jump keystroke: ranking every article title for the query typed so far, as the
//! reader does on each key in the Ctrl-P popup (`TitleIndex::query_narrowing` with the popup's
//! limit and state). Over the titles of the 1,000-issue archive, and over ~100,000 titles.
//!
//! Two kinds of keystroke, both real:
//! * `one_letter`, `prefix`, …: a fresh query over every title. The first key typed into the
//!   popup (its state then holds the blank query, which matches everything) and any key that
//!   does not extend the query (a backspace) cost this; `one_letter` is that first key.
//! * `narrow_prefix`, …: the last key of the same query, typed after the rest: the popup's
//!   state holds what the query without that key matched, and only those are rescored.
//! * `backspace_prefix`, …: erasing the last key of the same query: not an extension, so every
//!   title is visited again, with the score tables the popup kept.
//!
//! The popup's state is set up outside the timed part, as the keystrokes before left it.

mod support;

use std::hint::black_box;

use criterion::{
    BatchSize, BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main,
};
use magreader::app::state::FUZZY_LIMIT;
use magreader::search::fuzzy::{Narrowing, TitleIndex};
use support::{Clock, FUZZY_QUERIES, LARGE};

fn bench(c: &mut Criterion<Clock>) {
    let large = support::load_dir(&support::synth_dir(LARGE));
    let huge = support::generate::titles_only(&support::builtin(), 100_000);
    for (name, archive) in [("titles_1000_issues", &large), ("titles_100k", &huge)] {
        let index = TitleIndex::new(archive);
        let mut g = c.benchmark_group(format!("fuzzy_{name}"));
        // Per title in the index, so the two sizes compare.
        g.throughput(Throughput::Elements(index.len() as u64));
        for (label, q) in FUZZY_QUERIES {
            g.bench_function(label, |b| {
                b.iter(|| black_box(index.query(black_box(q), FUZZY_LIMIT)))
            });
        }
        for (label, q) in FUZZY_QUERIES {
            let mut before = q.to_string();
            before.pop();
            if before.is_empty() {
                continue; // the first key: a fresh query, measured above
            }
            // As typed: key by key up to `before`.
            let mut typed = Narrowing::default();
            let mut prefix = String::new();
            for c in before.chars() {
                prefix.push(c);
                index.query_narrowing(&prefix, FUZZY_LIMIT, &mut typed);
            }
            let mut done = typed.clone();
            let hits = index.query_narrowing(q, FUZZY_LIMIT, &mut done);
            assert_eq!(hits, index.query(q, FUZZY_LIMIT), "{q}");
            eprintln!(
                "{name} {label}: {} hits after {before:?} + 1 key",
                hits.len()
            );
            keystroke(&mut g, &index, format!("narrow_{label}"), &typed, q);
            keystroke(&mut g, &index, format!("backspace_{label}"), &done, &before);
        }
        g.finish();
        eprintln!("{name}: {} titles", index.len());
    }
}

/// One popup keystroke that leaves the query `q`, from `state` (cloned outside the timing).
fn keystroke(
    g: &mut BenchmarkGroup<'_, Clock>,
    index: &TitleIndex,
    id: String,
    state: &Narrowing,
    q: &str,
) {
    g.bench_function(id, |b| {
        b.iter_batched_ref(
            || state.clone(),
            |s| black_box(index.query_narrowing(black_box(q), FUZZY_LIMIT, s)),
            BatchSize::SmallInput,
        )
    });
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
