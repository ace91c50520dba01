//! Raw text export → structured issue, as a pipeline of stages, each in its own module, run in
//! this order by `issue::import_corrected`:
//!
//! 1. `source`: the text's lines (a byte-order mark and CRLF removed).
//! 2. `meta`, `contents`: the cover's volume, number and date; the CONTENTS page (a magazine) or
//!    table of contents (a report, whose run-in headings `report::split_run_in` splits).
//! 3. `corrections`: the editor's corrections for this source, resolved to line numbers.
//! 4. Cutting the body into articles, with `builder` collecting the sections:
//!    - a magazine (`columns`): `front` (cover, masthead, advertisement, editor's note,
//!      committee, partners), `segment` (listed titles found by `locate`, unlisted items, the
//!      back cover and running labels as furniture);
//!    - a report (`chapters`): chapters and subsections (`report`), numbered `sidebars`,
//!      running heads, the introduction and back matter.
//! 5. For each article, `assemble`: its head (title, Chinese title, subtitle or dateline,
//!    byline, the CONTENTS wording where the body's is worse), `speakers` (each speech under its
//!    speaker's box), the editor's moves, and `body` (Markdown: `inline` markup in its normal
//!    form, sentences cut by captions or tables joined, captions marked, tables built, headings
//!    recovered and levelled).
//! 6. `redirect` (on writing): ids the previous import had keep opening their text.
//! 7. `account`: every non-blank source line is placed in the issue's text.
//!
//! A rule that has to guess notes its decision in `review` (`magreader import --review`).

mod account;
mod assemble;
mod body;
mod builder;
mod chapters;
mod columns;
mod contents;
pub mod corrections;
mod front;
mod inline;
mod issue;
pub mod lines;
mod locate;
mod meta;
mod redirect;
mod report;
pub mod review;
mod segment;
mod sidebars;
mod source;
mod speakers;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::archive::Issue;
use crate::archive::store::{WriteError, write_issue};

pub use issue::{import_corrected, import_text};
pub use redirect::carry as carry_redirects;

/// What an import did, printed per source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub source: String,
    pub issue_id: String,
    pub sections: usize,
    pub articles: usize,
    /// Articles the CONTENTS page lists, and how many of them the body gave.
    pub listed: usize,
    pub listed_found: usize,
    /// Listed titles not found in the body.
    pub missing: Vec<String>,
    /// Non-blank source lines, and how many of them are placed in the issue.
    pub lines: usize,
    pub lines_placed: usize,
    /// Source lines (1-based) not placed, for the message.
    pub unplaced: Vec<usize>,
    pub warnings: Vec<String>,
    /// Decisions a rule was unsure of (`import --review`).
    pub review: review::Review,
    pub written_to: Option<PathBuf>,
}

impl ImportReport {
    pub fn placed_share(&self) -> f64 {
        if self.lines == 0 {
            1.0
        } else {
            self.lines_placed as f64 / self.lines as f64
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} → {}", self.source, self.issue_id)?;
        writeln!(
            f,
            "  {} sections, {} articles; listed found {}/{}; lines placed {}/{} ({:.1}%)",
            self.sections,
            self.articles,
            self.listed_found,
            self.listed,
            self.lines_placed,
            self.lines,
            self.placed_share() * 100.0
        )?;
        for m in &self.missing {
            writeln!(f, "  missing (listed, not in the body): {m}")?;
        }
        if !self.unplaced.is_empty() {
            let shown: Vec<String> = self
                .unplaced
                .iter()
                .take(10)
                .map(|l| l.to_string())
                .collect();
            writeln!(f, "  lines not placed: {}", shown.join(", "))?;
        }
        for w in &self.warnings {
            writeln!(f, "  warning: {w}")?;
        }
        if let Some(p) = &self.written_to {
            writeln!(f, "  written to {}", p.display())?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read the source: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not valid UTF-8 (at byte {at}); convert the export to UTF-8 and import it again"
    )]
    NotUtf8 { path: PathBuf, at: usize },
    #[error("{path}: {problem}")]
    Unusable { path: PathBuf, problem: String },
    #[error("writing the issue from {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: WriteError,
    },
}

/// Imports one source file into the archive directory `archive_dir` (holding `issues/` and
/// `sources/`).
pub fn import_file(path: &Path, archive_dir: &Path) -> Result<ImportReport, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let (mut issue, mut report) = import_bytes_in(path, &bytes, archive_dir)?;
    if let Some(previous) = crate::archive::load_issue_dir(archive_dir, &issue.id) {
        redirect::carry(&previous, &mut issue);
    }
    let dest = write_issue(archive_dir, &issue, &bytes).map_err(|source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    report.written_to = Some(dest);
    Ok(report)
}

/// [`import_bytes`] with the editor's corrections that `archive_dir` keeps for this source
/// (`corrections/<source file name>.toml`), if it has any.
pub fn import_bytes_in(
    path: &Path,
    bytes: &[u8],
    archive_dir: &Path,
) -> Result<(Issue, ImportReport), ImportError> {
    let name = source_name(path);
    let file = corrections::path_for(archive_dir, &name);
    let unusable = |problem: String| ImportError::Unusable {
        path: path.to_path_buf(),
        problem,
    };
    let corrections = match std::fs::read_to_string(&file) {
        Ok(text) => Some(corrections::parse(&file.display().to_string(), &text).map_err(unusable)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(unusable(format!("{}: cannot read: {e}", file.display()))),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        at: e.valid_up_to(),
    })?;
    let shown = file.display().to_string();
    import_corrected(
        &name,
        text,
        corrections.as_ref().map(|c| (shown.as_str(), c)),
    )
    .map_err(unusable)
}

fn source_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source.txt".to_string())
}

/// Imports a source from memory; `path` names it (its file name is recorded as the source).
pub fn import_bytes(path: &Path, bytes: &[u8]) -> Result<(Issue, ImportReport), ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        at: e.valid_up_to(),
    })?;
    let name = source_name(path);
    import_text(&name, text).map_err(|problem| ImportError::Unusable {
        path: path.to_path_buf(),
        problem,
    })
}
