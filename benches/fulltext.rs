//! One full-text query over the 1,000-issue archive (every hit, no limit, as `magreader search
//! --limit 0` does), for a common English phrase, a rare word and a Chinese phrase.
//!
//! `warm`: the index already folded, as in the reader once its start-up warm-up is done.
//! `cold`: a fresh index, so folding every issue is part of the query, as in `magreader
//! search` (which folds on a second thread while searching; CPU time counts both threads).

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use magreader::search::find::Query;
use magreader::search::fulltext::{FullTextIndex, SearchOptions};
use support::{Clock, FULLTEXT_QUERIES, LARGE};

fn bench(c: &mut Criterion<Clock>) {
    let archive = support::load_dir(&support::synth_dir(LARGE));
    let text_bytes: usize = archive
        .issues
        .iter()
        .flat_map(|i| &i.sections)
        .flat_map(|s| &s.articles)
        .map(|a| a.body.len() + a.title.len())
        .sum();
    let index = FullTextIndex::new(&archive);
    index.warm(&archive);
    let all = SearchOptions::default();
    let mut g = c.benchmark_group("fulltext_1000_issues");
    g.throughput(Throughput::Bytes(text_bytes as u64));
    for (label, typed) in FULLTEXT_QUERIES {
        let q = Query::new(typed).expect("query");
        let hits = index.search(&archive, &q, all).count();
        eprintln!("{label} ({typed}): {hits} hits in {text_bytes} bytes");
        g.bench_function(format!("{label}_warm"), |b| {
            b.iter(|| black_box(index.search(&archive, &q, all).count()))
        });
    }
    g.sample_size(10);
    for (label, typed) in FULLTEXT_QUERIES {
        let q = Query::new(typed).expect("query");
        g.bench_function(format!("{label}_cold"), |b| {
            b.iter(|| black_box(magreader::search::fulltext::search(&archive, &q, all).len()))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
