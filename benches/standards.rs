//! The standards cross-reference: the recogniser's speed over real text (every body of the
//! built-in archive, one after another), and building the index of the 1,000-issue archive
//! (every body read from its file and recognised, on all cores; CPU time counts every
//! thread), which is what `magreader standards` does after loading the manifests.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use magreader::search::standards::StandardsIndex;
use magreader::standards::recognise;
use support::{Clock, LARGE};

fn bench(c: &mut Criterion<Clock>) {
    let builtin = support::builtin();
    let text: String = builtin
        .issues
        .iter()
        .flat_map(|i| &i.sections)
        .flat_map(|s| &s.articles)
        .map(|a| a.body.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut g = c.benchmark_group("standards");
    g.throughput(Throughput::Bytes(text.len() as u64));
    eprintln!(
        "built-in archive: {} designations in {} bytes",
        recognise::recognise(&text).len(),
        text.len()
    );
    g.bench_function("recognise_builtin_text", |b| {
        b.iter(|| black_box(recognise::recognise(&text).len()))
    });
    g.finish();

    let archive = support::load_dir(&support::synth_dir(LARGE));
    let index = StandardsIndex::build(&archive);
    let mentions: usize = index.standards.iter().map(|s| s.mentions.len()).sum();
    eprintln!(
        "1,000 issues: {} standards, {mentions} mentions",
        index.standards.len()
    );
    let mut g = c.benchmark_group("standards_1000_issues");
    g.sample_size(10);
    g.bench_function("build_index", |b| {
        b.iter(|| black_box(StandardsIndex::build(&archive).standards.len()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
