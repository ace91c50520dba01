//! The text layer: wrapping a long mixed English/Chinese article at 80 columns (bytes per
//! second), laying it out from Markdown, the re-wrap a resize costs for the open article, and
//! the worst cases for linear work (megabytes with no break opportunity, a line of tabs).

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use magreader::app::article::lay_out;
use magreader::archive::{Archive, Article};
use magreader::text::{markdown, sanitize, wrap};
use support::Clock;

/// A long article of real text: the built-in archive's column bodies, paragraph by paragraph,
/// with every third paragraph a Chinese one made of the real Chinese titles (the archive's
/// bodies are mostly English; this makes the mix a bilingual article would have).
fn mixed_article(real: &Archive) -> String {
    let articles: Vec<&Article> = real
        .issues
        .iter()
        .flat_map(|i| i.columns())
        .flat_map(|s| &s.articles)
        .collect();
    let zh: Vec<&str> = articles
        .iter()
        .filter_map(|a| a.title_zh.as_deref())
        .collect();
    let mut out = String::new();
    let mut z = 0;
    for (i, p) in articles
        .iter()
        .flat_map(|a| a.body.split("\n\n"))
        .filter(|p| p.len() > 80 && !p.starts_with(['#', '|', '[']))
        .enumerate()
    {
        if i % 3 == 2 {
            let mut para = String::new();
            while para.len() < 300 {
                para.push_str(zh[z % zh.len()]);
                para.push('，');
                z += 1;
            }
            para.pop();
            para.push('。');
            out.push_str(&para);
            out.push_str("\n\n");
        }
        out.push_str(p.trim());
        out.push_str("\n\n");
    }
    out
}

/// The longest article body in the built-in archive: the worst case for a resize.
fn longest(real: &Archive) -> &Article {
    real.issues
        .iter()
        .flat_map(|i| &i.sections)
        .flat_map(|s| &s.articles)
        .max_by_key(|a| a.body.len())
        .expect("an article")
}

fn bench(c: &mut Criterion<Clock>) {
    let real = support::builtin();
    let text = mixed_article(&real);
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let zh_share = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
        * 3;
    eprintln!(
        "mixed article: {} bytes, {} paragraphs, ~{}% of bytes Chinese",
        text.len(),
        paragraphs.len(),
        zh_share * 100 / text.len()
    );
    let mut g = c.benchmark_group("wrap_80");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("wrap_mixed_article", |b| {
        b.iter(|| {
            let lines: usize = paragraphs.iter().map(|p| wrap::wrap(p, 80).len()).sum();
            black_box(lines)
        })
    });
    g.bench_function("markdown_layout_mixed_article", |b| {
        b.iter(|| black_box(markdown::layout(black_box(&text), 80).len()))
    });
    g.finish();

    let article = longest(&real);
    eprintln!(
        "longest article `{}`: {} bytes",
        article.id,
        article.body.len()
    );
    let mut g = c.benchmark_group("resize");
    g.throughput(Throughput::Bytes(article.body.len() as u64));
    // A new width every time (a resize storm passes through many), so nothing is cached.
    let mut width = 60u16;
    g.bench_function("rewrap_longest_article", |b| {
        b.iter(|| {
            width = if width >= 100 { 60 } else { width + 1 };
            black_box(lay_out(article, width).len())
        })
    });
    g.finish();

    // The inputs tests/text/text_linear.rs checks for linear work, timed: megabytes with no
    // break opportunity, and a line full of tabs. Quadratic code shows here as seconds.
    let mut g = c.benchmark_group("worst_cases");
    g.sample_size(10);
    let unbreakable = "x".repeat(5_000_000);
    g.throughput(Throughput::Bytes(unbreakable.len() as u64));
    g.bench_function("wrap_5mb_unbreakable", |b| {
        b.iter(|| black_box(wrap::wrap(black_box(&unbreakable), 80).len()))
    });
    let commas = "，".repeat(1_000_000);
    g.throughput(Throughput::Bytes(commas.len() as u64));
    g.bench_function("wrap_million_commas_width_7", |b| {
        b.iter(|| black_box(wrap::wrap(black_box(&commas), 7).len()))
    });
    let tabs = "ab\t".repeat(200_000);
    g.throughput(Throughput::Bytes(tabs.len() as u64));
    g.bench_function("sanitize_line_of_tabs", |b| {
        b.iter(|| black_box(sanitize::sanitize(black_box(&tabs)).len()))
    });
    let tabs_md = format!("{tabs}\nno tab here");
    g.bench_function("markdown_layout_line_of_tabs", |b| {
        b.iter(|| black_box(markdown::layout(black_box(&tabs_md), 80).len()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
