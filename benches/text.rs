//! The text layer: wrapping a long mixed English/Chinese article at 80 columns (bytes per
//! second), laying it out from Markdown, and the re-wrap a resize costs for the open article.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use magreader::app::article::lay_out;
use magreader::archive::{Archive, Article};
use magreader::text::{markdown, wrap};
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
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = bench
}
criterion_main!(benches);
