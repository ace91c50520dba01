//! Throughput of the wrapper and the Markdown layout. Run in release:
//! `cargo test --release --test text_perf -- --ignored --nocapture`.

use std::time::Instant;

use magreader::text::{markdown, sanitize, wrap};

/// About `bytes` of mixed English/Chinese prose, paragraphs of ~600 bytes.
fn mixed(bytes: usize) -> String {
    let en = "The China Association for Standardization held its annual conference, where \
              delegates discussed ISO 9001:2015 and https://www.example.org/standards/2024. ";
    let zh = "标准化工作是经济社会发展的技术支撑，中国标准化协会发布了《团体标准管理办法》。";
    let mut s = String::with_capacity(bytes + 1000);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(if i % 2 == 0 { en } else { zh });
        i += 1;
        if i % 5 == 0 {
            s.push_str("\n\n");
        }
    }
    s
}

/// CPU time of this thread in seconds (Linux), so a busy machine does not skew the rate;
/// falls back to wall-clock time elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn rate(label: &str, bytes: usize, f: impl Fn()) -> f64 {
    f(); // warm up
    let wall = Instant::now();
    let cpu = cpu_seconds();
    let mut runs = 0;
    while wall.elapsed().as_secs_f64() < 1.0 || runs < 3 {
        f();
        runs += 1;
    }
    let secs = match (cpu, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall.elapsed().as_secs_f64(),
    };
    let mbs = (bytes * runs) as f64 / secs / 1e6;
    println!("{label}: {mbs:.1} MB/s (CPU time)");
    mbs
}

#[test]
#[ignore = "benchmark; run in release"]
fn throughput() {
    let text = mixed(4_000_000);
    let paras: Vec<&str> = text.split("\n\n").collect();
    rate("wrap (mixed paragraphs, width 80)", text.len(), || {
        let n: usize = paras.iter().map(|p| wrap::wrap(p, 80).len()).sum();
        assert!(n > 0);
    });
    rate("wrap (mixed paragraphs, width 17)", text.len(), || {
        let n: usize = paras.iter().map(|p| wrap::wrap(p, 17).len()).sum();
        assert!(n > 0);
    });
    let ascii = "word ".repeat(800_000);
    rate("wrap (ASCII words, width 80)", ascii.len(), || {
        assert!(!wrap::wrap(&ascii, 80).is_empty());
    });
    let cjk = "标准化工作是经济社会发展的技术支撑，".repeat(80_000);
    rate("wrap (Chinese, width 80)", cjk.len(), || {
        assert!(!wrap::wrap(&cjk, 80).is_empty());
    });
    rate("sanitize (clean text)", text.len(), || {
        assert!(matches!(
            sanitize::sanitize(&text),
            std::borrow::Cow::Borrowed(_)
        ));
    });
    rate("markdown::layout (width 80)", text.len(), || {
        assert!(!markdown::layout(&text, 80).is_empty());
    });
}

/// A 5 MB paragraph with no break opportunity at all must still wrap in linear time.
#[test]
fn unbreakable_megabytes_wrap_quickly() {
    let s = "x".repeat(5_000_000);
    let start = Instant::now();
    let lines = wrap::wrap(&s, 80);
    assert_eq!(lines.len(), 62_500);
    let cjk_punct = "，".repeat(1_000_000);
    let lines = wrap::wrap(&cjk_punct, 7);
    assert_eq!(lines.len(), 1_000_000 / 3 + 1);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}

/// Tabs are expanded with an incremental column count: a long line full of tabs stays linear.
#[test]
fn many_tabs_stay_linear() {
    let line = "ab\t".repeat(200_000);
    let start = Instant::now();
    let clean = sanitize::sanitize(&line);
    assert_eq!(clean.len(), 4 * 200_000);
    // Two source lines, the second without a tab: a paragraph (tabs expanded), not a table.
    let md = format!("{line}\nno tab here");
    let lines = markdown::layout(&md, 80);
    assert!(lines.len() > 1000);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}
