//! Writes a large synthetic archive made from the built-in issues, for benchmarks:
//! `cargo run --release --example synth -- --issues 1000 --out DIR`.
//!
//! The output is deterministic (same count, same bytes) and is not committed: the benchmarks
//! generate it into `target/` when it is missing. See `generate.rs` for how issues are made.

// `ensure` and `titles_only` serve the benchmarks, which include this file too.
#[allow(dead_code)]
mod generate;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let mut issues: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--issues" => {
                let v = args
                    .next()
                    .context("--issues needs a number, e.g. --issues 1000")?;
                issues = Some(v.parse().with_context(|| {
                    format!("--issues {v}: not a whole number; give e.g. --issues 1000")
                })?);
            }
            "--out" => out = Some(args.next().context("--out needs a directory")?.into()),
            "--force" => force = true,
            "-h" | "--help" => {
                println!("usage: synth --issues N --out DIR [--force]");
                println!("(an up-to-date DIR from an earlier run is kept unless --force)");
                return Ok(());
            }
            other => {
                bail!("unknown argument `{other}`; usage: synth --issues N --out DIR [--force]")
            }
        }
    }
    let (Some(count), Some(out)) = (issues, out) else {
        bail!("usage: synth --issues N --out DIR (both are required)");
    };
    if count == 0 {
        bail!("--issues must be at least 1");
    }
    if !force && generate::is_current(&out, count) {
        println!("{}: up to date ({count} issues)", out.display());
        return Ok(());
    }
    let (real, problems) = magreader::archive::load_builtin();
    if !problems.is_empty() {
        bail!("the built-in archive has problems: {problems:?}");
    }
    let start = Instant::now();
    let w = generate::write(&real, count, &out)
        .with_context(|| format!("writing the synthetic archive to {}", out.display()))?;
    println!(
        "{}: {} issues, {} articles, {} files, {:.1} MB of text in {:.1} s",
        out.display(),
        w.issues,
        w.articles,
        w.files,
        w.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
