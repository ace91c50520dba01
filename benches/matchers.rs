//! The fuzzy matcher choice in numbers: the same titles of the 1,000-issue archive scored with
//! fuzzy-matcher's `SkimMatcherV2` (what the project used first; a dev-dependency only) and with
//! nucleo-matcher (what it uses), one pass over every title per keystroke, best 200 kept; and
//! the project's title index, which adds interning, bounds and narrowing on top of nucleo.
//!
//! Each title line is what `fzf --filter` gets in `bench/run.sh`: issue, column, title and
//! Chinese title. Both matchers ignore case.
//! * `keystroke_*`: one keystroke, every title scored for `standardiz` (a word being typed).
//! * `whole_query_*`: typing `standardization` key by key, every title scored for each of the
//!   15 prefixes, as a popup without narrowing would.
//! * `*_title_index`: the same with `TitleIndex::query_narrowing`, the popup's own path (its
//!   state as the keys before left it).
//!
//! The order-dependence defect of `SkimMatcherV2` is shown by `tests/fuzzy_matchers.rs`.

mod support;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use magreader::app::state::FUZZY_LIMIT;
use magreader::search::fuzzy::{Narrowing, TitleIndex};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use support::{Clock, LARGE};

const WORD: &str = "standardization";
const KEY: &str = "standardiz";

/// The best `FUZZY_LIMIT` of `scores` (title index, score), best first, ties in title order.
fn top(mut scores: Vec<(u32, i64)>) -> Vec<(u32, i64)> {
    scores.sort_unstable_by_key(|&(i, s)| (std::cmp::Reverse(s), i));
    scores.truncate(FUZZY_LIMIT);
    scores
}

fn skim(lines: &[String], q: &str) -> Vec<(u32, i64)> {
    let m = SkimMatcherV2::default().ignore_case();
    top(lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| m.fuzzy_match(l, q).map(|s| (i as u32, s)))
        .collect())
}

fn nucleo(lines: &[Utf32String], q: &str, m: &mut Matcher) -> Vec<(u32, i64)> {
    let p = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
    top(lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| p.score(l.slice(..), m).map(|s| (i as u32, i64::from(s))))
        .collect())
}

fn bench(c: &mut Criterion<Clock>) {
    let archive = support::load_dir(&support::synth_dir(LARGE));
    let mut lines = Vec::new();
    for issue in &archive.issues {
        for s in &issue.sections {
            for a in &s.articles {
                let zh = a.title_zh.as_deref().map(|z| format!(" · {z}"));
                lines.push(format!(
                    "{}  {}  {}{}",
                    issue.id,
                    s.name,
                    a.title,
                    zh.unwrap_or_default()
                ));
            }
        }
    }
    let utf32: Vec<Utf32String> = lines
        .iter()
        .map(|l| Utf32String::from(l.as_str()))
        .collect();
    let index = TitleIndex::new(&archive);
    let prefixes: Vec<&str> = (1..=WORD.len()).map(|n| &WORD[..n]).collect();
    let mut m = Matcher::new(Config::DEFAULT);
    eprintln!(
        "{} titles; {KEY:?}: skim {} hits, nucleo {} hits",
        lines.len(),
        lines
            .iter()
            .filter(|l| SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_match(l, KEY)
                .is_some())
            .count(),
        {
            let p = Pattern::parse(KEY, CaseMatching::Ignore, Normalization::Smart);
            utf32
                .iter()
                .filter(|l| p.score(l.slice(..), &mut m).is_some())
                .count()
        }
    );

    let mut g = c.benchmark_group("matchers_1000_issues");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("keystroke_fuzzy_matcher", |b| {
        b.iter(|| black_box(skim(&lines, black_box(KEY))))
    });
    g.bench_function("keystroke_nucleo_matcher", |b| {
        b.iter(|| black_box(nucleo(&utf32, black_box(KEY), &mut m)))
    });
    // The popup's state after typing the keys before the last.
    let mut before = Narrowing::default();
    for p in &prefixes[..KEY.len() - 1] {
        index.query_narrowing(p, FUZZY_LIMIT, &mut before);
    }
    g.bench_function("keystroke_title_index", |b| {
        b.iter_batched_ref(
            || before.clone(),
            |s| black_box(index.query_narrowing(black_box(KEY), FUZZY_LIMIT, s)),
            BatchSize::SmallInput,
        )
    });
    g.sample_size(10);
    g.bench_function("whole_query_fuzzy_matcher", |b| {
        b.iter(|| {
            for p in &prefixes {
                black_box(skim(&lines, p));
            }
        })
    });
    g.bench_function("whole_query_nucleo_matcher", |b| {
        b.iter(|| {
            for p in &prefixes {
                black_box(nucleo(&utf32, p, &mut m));
            }
        })
    });
    g.bench_function("whole_query_title_index", |b| {
        b.iter(|| {
            let mut s = Narrowing::default();
            for p in &prefixes {
                black_box(index.query_narrowing(p, FUZZY_LIMIT, &mut s));
            }
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
