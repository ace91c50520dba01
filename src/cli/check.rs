//! `magreader check`: validates the archive and names every bad file and why.
//!
//! The rules are `archive::validate`'s: the loader refuses what it cannot load (bad JSON, wrong
//! types, unknown format version, unsafe or duplicate ids), and on the issues that did load
//! `check` reads every article body and applies the rules that make an archive *usable*. This
//! module prints what they find, as lines or as JSON.

use std::io::Write;

use super::check_json::{Problem, Report};
use super::{ArchiveSource, CliError};
use crate::archive::validate::check_archive;
use crate::archive::{Archive, Issue, LoadProblem};
use crate::text::sanitize::sanitize;

/// Runs every check and prints one line per problem (`FILE: PROBLEM`) and a summary. Fails
/// (exit 1) when there is any problem, load problems included.
pub fn run(
    source: &ArchiveSource,
    archive: &Archive,
    load_problems: &[LoadProblem],
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let store = source.store();
    let mut problems: Vec<LoadProblem> = load_problems.to_vec();
    if archive.issues.is_empty() && problems.is_empty() {
        // An empty archive is not a valid one: the reader would open on nothing.
        problems.push(LoadProblem {
            path: store.display_path("", "").trim_end_matches('/').to_string(),
            problem: "the archive holds no issues; import a source into it with \
                      `magreader import SOURCE --archive DIR`"
                .into(),
        });
    }
    problems.extend(check_archive(archive, store.as_ref(), &|name| {
        source.has_source(name)
    }));
    let articles: usize = archive.issues.iter().map(Issue::article_count).sum();
    if as_json {
        let report = Report {
            ok: problems.is_empty(),
            issues: archive.issues.len(),
            articles,
            problems: problems.iter().map(Problem::new).collect(),
        };
        super::json::write(out, &report)?;
    } else {
        for p in &problems {
            writeln!(out, "{}", sanitize(&p.to_string()))?;
        }
    }
    let summary = format!(
        "checked {} issue{} and {} article{}",
        archive.issues.len(),
        plural(archive.issues.len()),
        articles,
        plural(articles)
    );
    if problems.is_empty() {
        if !as_json {
            writeln!(out, "{summary}: ok")?;
        }
        Ok(())
    } else {
        Err(CliError::Invalid(format!(
            "{summary}: {} problem{} (listed above)",
            problems.len(),
            plural(problems.len())
        )))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
