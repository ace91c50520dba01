//! One full-text query over the 1,000-issue archive (every hit, no limit, as `magreader search
//! --limit 0` does), for a common English phrase, a rare word and a Chinese phrase.
//!
//! `warm`: the index already folded, as in the reader once its start-up warm-up is done.
//! `cold`: a fresh index, so reading and folding every body is part of the query.
//! `scan`: what `magreader search` does after loading the manifests (`search::scan`): every
//! body read from its file, tested on its raw bytes, and only those that may match folded and
//! searched, with each hit's 80-column snippet; on all cores (CPU time counts every thread).
//! Bodies are never kept on the articles, so each iteration reads the files (from the page
//! cache) as the command does.

mod support;

use std::hint::black_box;
use std::ops::ControlFlow;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use magreader::search::fulltext::{FullTextIndex, SearchOptions};
use magreader::search::query::Query;
use magreader::search::scan::scan;
use support::{Clock, FULLTEXT_QUERIES, LARGE};

fn bench(c: &mut Criterion<Clock>) {
    let archive = support::load_dir(&support::synth_dir(LARGE));
    let text_bytes: usize = archive
        .issues
        .iter()
        .flat_map(|i| &i.sections)
        .flat_map(|s| &s.articles)
        .map(|a| a.body.read_uncached().map_or(0, |b| b.len()) + a.title.len())
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
        g.bench_function(format!("{label}_scan"), |b| {
            b.iter(|| {
                let mut hits = 0;
                scan(&archive, &q, 80, |found| {
                    hits += black_box(found).len();
                    ControlFlow::Continue(())
                });
                hits
            })
        });
    }
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
