//! The command line for scripts: `list`, `toc`, `show`, `check`, `find`, `search`, `import`,
//! `standards`, and its own documents (`completions`, `man`, `help`, `--version`).
//!
//! `main.rs` only parses arguments and dispatches here. Every command writes to a
//! `&mut dyn Write` so tests can run it without a process, and reports failure as a
//! [`CliError`] whose [`CliError::exit_code`] is the process's exit status (0 ok, 1 not found or
//! invalid input; clap itself exits 2 on usage errors).

pub mod check;
pub mod check_json;
pub mod docs;
pub mod find;
pub mod hyperlink;
pub mod import;
pub mod json;
pub mod list;
pub mod pager;
pub mod progress;
pub mod search;
pub mod serve;
pub mod show;
pub mod show_json;
pub mod standards;
pub mod suggest;
pub mod toc;
pub mod version;

use crate::text::sanitize::sanitize;
use std::io;
use std::path::{Path, PathBuf};

use crate::archive::{self, Archive, DirStore, EmbeddedStore, Issue, LoadProblem, Section, Store};

/// Exit status for "not found" and "invalid input".
pub const EXIT_FAILURE: u8 = 1;
/// Exit status for a usage error, as clap gives.
pub const EXIT_USAGE: u8 = 2;

/// `--limit N` of `find` and `search`: 0 means no limit.
pub fn all_if_zero(limit: usize) -> Option<usize> {
    (limit > 0).then_some(limit)
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// An issue, article or file that does not exist; the message suggests what does.
    #[error("{0}")]
    NotFound(String),
    /// Input the command cannot use (a damaged archive for `check`, a failed import, ...).
    #[error("{0}")]
    Invalid(String),
    /// A command line clap accepted but that makes no sense (`help frobnicate`): exit 2, like
    /// clap's own usage errors.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed. A closed pipe (`magreader show … | head`) lands here too and
    /// is not worth a message.
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            _ => EXIT_FAILURE,
        }
    }

    /// True when the reader of our stdout went away; the process should end quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Which archive a command reads: the one compiled into the binary, or a directory given with
/// `--archive DIR` / `MAGREADER_ARCHIVE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveSource {
    Builtin,
    Dir(PathBuf),
}

/// The message for a directory that is not an archive, saying what was `found` instead.
fn not_an_archive(dir: &Path, found: &str) -> CliError {
    CliError::Invalid(format!(
        "{} is not a magreader archive: {found}; pass --archive DIR (or set \
         MAGREADER_ARCHIVE) to a directory holding issues/<id>/issue.json, \
         or make one with `magreader import SOURCE --archive DIR`",
        sanitize(&dir.display().to_string())
    ))
}

impl ArchiveSource {
    pub fn from_option(dir: Option<PathBuf>) -> Self {
        match dir {
            Some(d) => ArchiveSource::Dir(d),
            None => ArchiveSource::Builtin,
        }
    }

    /// Loads the archive. A directory that does not exist is an error (a typo in `--archive`
    /// should not look like an empty archive); problems inside it are returned for the caller
    /// to report, and the issues that loaded are usable.
    pub fn load(&self) -> Result<(Archive, Vec<LoadProblem>), CliError> {
        match self {
            ArchiveSource::Builtin => Ok(archive::load_builtin()),
            ArchiveSource::Dir(dir) => {
                if !dir.is_dir() {
                    return Err(CliError::NotFound(format!(
                        "archive directory {} does not exist or is not a directory; \
                         pass --archive DIR (or set MAGREADER_ARCHIVE) to a directory holding issues/",
                        dir.display()
                    )));
                }
                Ok(archive::load_dir(dir))
            }
        }
    }

    /// Refuses a directory that is not an archive: one with no `issues/`, or whose `issues/`
    /// holds no issue directory (one with an `issue.json`, readable or not: a damaged issue is
    /// still an archive's, and the loader names what is wrong with it). Nothing is read but the
    /// directory listing.
    pub fn refuse_non_archive(&self) -> Result<(), CliError> {
        let ArchiveSource::Dir(dir) = self else {
            return Ok(());
        };
        if !dir.is_dir() {
            // `load` says so, naming the directory.
            return Ok(());
        }
        let issues = dir.join("issues");
        let what = |found: &str| not_an_archive(dir, found);
        let Ok(entries) = std::fs::read_dir(&issues) else {
            return Err(what("it has no readable issues/ directory"));
        };
        let mut seen = 0;
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            seen += 1;
            if std::fs::symlink_metadata(entry.path().join(archive::store::MANIFEST)).is_ok() {
                return Ok(());
            }
        }
        Err(what(&if seen == 0 {
            "its issues/ directory is empty".to_string()
        } else {
            format!(
                "none of the {seen} entries of its issues/ directory is an issue (a directory \
                 holding issue.json)"
            )
        }))
    }

    /// `check`'s refusal: only a directory with no `issues/` at all is no archive to check
    /// (any other problem is what `check` lists).
    pub fn refuse_without_issues(&self) -> Result<(), CliError> {
        match self {
            ArchiveSource::Dir(dir) if dir.is_dir() && !dir.join("issues").is_dir() => {
                Err(not_an_archive(dir, "it has no readable issues/ directory"))
            }
            _ => Ok(()),
        }
    }

    /// The store behind this source, for naming files in messages.
    pub fn store(&self) -> Box<dyn Store> {
        match self {
            ArchiveSource::Builtin => Box::new(EmbeddedStore(&archive::BUILTIN)),
            ArchiveSource::Dir(dir) => Box::new(DirStore { root: dir.clone() }),
        }
    }

    /// Whether `sources/<name>` exists in this archive.
    pub fn has_source(&self, name: &str) -> bool {
        match self {
            ArchiveSource::Builtin => archive::BUILTIN
                .get_file(Path::new("sources").join(name))
                .is_some(),
            ArchiveSource::Dir(dir) => dir.join("sources").join(name).is_file(),
        }
    }
}

/// Prints load problems to stderr, one per line, naming the file and the problem.
pub fn report_load_problems(problems: &[LoadProblem], err: &mut dyn io::Write) {
    for p in problems {
        // stderr may be gone too; nothing useful to do then.
        let _ = writeln!(err, "magreader: warning: {}", sanitize(&p.to_string()));
    }
}

/// Looks up an issue, or fails with the closest ids as suggestions.
pub fn find_issue<'a>(archive: &'a Archive, id: &str) -> Result<&'a Issue, CliError> {
    archive.issue(id).ok_or_else(|| {
        let ids = archive.issues.iter().map(|i| i.id.as_str());
        CliError::NotFound(suggest::not_found_message(
            &format!("no issue \"{}\"", sanitize(id)),
            id,
            ids,
            "run `magreader list` to see the issues",
        ))
    })
}

/// Looks up an article of an issue, or fails with the closest article ids as suggestions.
pub fn find_article<'a>(
    issue: &'a Issue,
    id: &str,
) -> Result<(&'a Section, &'a archive::Article), CliError> {
    issue.find_article(id).ok_or_else(|| {
        let ids = issue
            .sections
            .iter()
            .flat_map(|s| s.articles.iter().map(|a| a.id.as_str()));
        CliError::NotFound(suggest::not_found_message(
            &format!("no article \"{}\" in issue {}", sanitize(id), issue.id),
            id,
            ids,
            &format!("run `magreader toc {}` to see its articles", issue.id),
        ))
    })
}

/// Width of stdout's terminal, or `None` when stdout is not a terminal.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|&w| w > 0)
}

/// The widest a column name is printed in the one-line-per-hit output of `find` and `search`,
/// so a long report chapter name cannot push every title off the screen.
pub const COLUMN_WIDTH: usize = 22;

/// `s` cut to `cols` display columns (as the terminal counts them), with `…` when cut.
pub fn cut(s: &str, cols: usize) -> String {
    if crate::text::width::str_width_past(s, cols) <= cols {
        return s.to_string();
    }
    let mut w = 0;
    let mut end = 0;
    for (i, g, gw) in crate::text::clusters::Clusters::new(s) {
        w += gw;
        if w > cols.saturating_sub(1) {
            break;
        }
        end = i + g.len();
    }
    format!(
        "{}{}",
        s[..end].trim_end(),
        crate::search::snippet::ELLIPSIS
    )
}
