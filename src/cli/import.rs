//! `magreader import SOURCE... [--archive DIR]`: runs the importer on each source and prints
//! its summary. One bad source does not stop the others; the command fails (exit 1) if any
//! source failed.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::CliError;
use super::progress::Progress;
use crate::archive::Issue;
use crate::import::review::line_list;
use crate::import::{ImportError, ImportReport};
use crate::text::sanitize::sanitize;

/// What `import` prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    /// List the decisions a rule was unsure of.
    pub review: bool,
    /// One JSON array of source summaries instead of text.
    pub json: bool,
    /// Import texts that show nothing of a magazine issue or report.
    pub force: bool,
}

fn review_text(report: &ImportReport) -> String {
    let decisions = report.review.decisions();
    let mut s = format!("  review: {} decision(s) to check\n", decisions.len());
    for d in decisions {
        s.push_str(&format!(
            "  lines {} [{}]: {} ({})\n",
            line_list(&d.lines),
            d.rule,
            d.chose,
            d.why
        ));
    }
    s
}

fn report_json(report: &ImportReport, review: bool) -> serde_json::Value {
    serde_json::json!({
        "source": report.source,
        "issue": report.issue_id,
        "sections": report.sections,
        "articles": report.articles,
        "listed": report.listed,
        "listed_found": report.listed_found,
        "missing": report.missing,
        "lines": report.lines,
        "lines_placed": report.lines_placed,
        "unplaced": report.unplaced,
        "warnings": report.warnings,
        "review": review.then_some(&report.review),
        "written_to": report.written_to.as_ref().map(|p| p.display().to_string()),
    })
}

/// Why a text is not taken for an issue: nothing the importer looks for was found in it. A
/// cover year, issue number or volume, or a CONTENTS page / table of contents, is enough.
pub fn not_an_issue(issue: &Issue, report: &ImportReport) -> Option<String> {
    let found_nothing = issue.year == 0
        && issue.number.is_none()
        && issue.volume.is_none()
        && issue.months.is_none()
        && report.listed == 0;
    found_nothing.then(|| {
        "nothing in it looks like a magazine issue or a report: looked for a cover year \
         (`2025`), an issue number (`NO.3`), a volume (`VOLUME 133`) or months (`MAY/JUNE`), \
         and a CONTENTS page or table of contents, and found none; nothing was written \
         (check the file, or pass --force to import it as a single article)"
            .to_string()
    })
}

/// The importer's `import_file`, refusing (unless `force`) before anything is written a text
/// that is no issue.
fn import_one(source: &Path, archive_dir: &Path, force: bool) -> Result<ImportReport, ImportError> {
    let bytes = std::fs::read(source).map_err(|e| ImportError::Read {
        path: source.to_path_buf(),
        source: e,
    })?;
    let (mut issue, mut report) = crate::import::import_bytes_in(source, &bytes, archive_dir)?;
    if !force && let Some(problem) = not_an_issue(&issue, &report) {
        return Err(ImportError::Unusable {
            path: source.to_path_buf(),
            problem,
        });
    }
    if let Some(previous) = crate::archive::load_issue_dir(archive_dir, &issue.id) {
        crate::import::carry_redirects(&previous, &mut issue);
    }
    let dest = crate::archive::store::write_issue(archive_dir, &issue, &bytes).map_err(|e| {
        ImportError::Write {
            path: source.to_path_buf(),
            source: e,
        }
    })?;
    report.written_to = Some(dest);
    Ok(report)
}

pub fn run(
    sources: &[PathBuf],
    archive_dir: &Path,
    how: Output,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let progress = Progress::new(sources.len());
    let mut failed = Vec::new();
    let mut json = Vec::new();
    for (n, source) in sources.iter().enumerate() {
        let name = source.display().to_string();
        progress.show(n, &name);
        let result = import_one(source, archive_dir, how.force);
        progress.clear();
        match result {
            Ok(report) if how.json => json.push(report_json(&report, how.review)),
            Ok(report) => {
                // The report is a few lines, each ending in a newline.
                let mut text = report.to_string();
                if how.review {
                    text.push_str(&review_text(&report));
                }
                out.write_all(sanitize(&text).as_bytes())?;
                if !text.ends_with('\n') {
                    writeln!(out)?;
                }
                // Keep the summaries in step with the bar and any error lines on stderr.
                out.flush()?;
            }
            Err(e) => {
                out.flush()?;
                // The importer's errors start with the source's path.
                eprintln!("magreader: {}", sanitize(&e.to_string()));
                failed.push(name);
            }
        }
    }
    progress.show(sources.len(), "done");
    progress.clear();
    if how.json {
        serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
        writeln!(out)?;
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Invalid(format!(
            "{} of {} source{} failed to import: {}",
            failed.len(),
            sources.len(),
            if sources.len() == 1 { "" } else { "s" },
            failed
                .iter()
                .map(|f| sanitize(f).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}
