//! On-disk format (see `docs/archive-format.md`): one directory per issue under `issues/`,
//! holding `issue.json` (the manifest) and one Markdown file per article.
//!
//! Reading goes through [`Store`] so the same loader serves a directory on disk and the archive
//! embedded in the binary. A broken issue never stops the others from loading: problems are
//! collected, each naming the file and what is wrong.
//!
//! The parts: [`disk`] (the two stores), `manifest` (the `issue.json` schema, parsed and
//! written), `load` (issues from a store, with the rules a valid issue keeps) and `write`
//! (the crash-safe write of an issue).

use std::fs;
use std::io;
use std::path::Path;

use super::body::Body;

pub(crate) mod cache;
pub(crate) mod codec;
mod disk;
mod load;
mod manifest;
mod write;

pub use disk::{DirStore, EmbeddedStore};
pub use load::load;
pub(super) use load::{cannot_read_body, load_each, load_issue, load_issue_cached, utf8_problem};
pub use manifest::issue_files;
pub use write::{WriteError, write_atomic, write_issue};

pub const MANIFEST: &str = "issue.json";

/// Largest manifest read: the biggest issue's is under 40 KB, so this only stops a damaged or
/// hostile file (a device, a sparse file) from being read into memory.
pub const MAX_MANIFEST_BYTES: u64 = 16 << 20;

/// Largest article body read (the longest article is under 50 KB); see [`MAX_MANIFEST_BYTES`].
pub const MAX_BODY_BYTES: u64 = 64 << 20;

/// The size limit of a file of an issue directory.
fn limit_of(file: &str) -> u64 {
    if file == MANIFEST {
        MAX_MANIFEST_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// Where an archive's files come from.
pub trait Store {
    /// Names of the issue directories, sorted.
    fn issue_dirs(&self) -> io::Result<Vec<String>>;
    fn read(&self, issue_dir: &str, file: &str) -> io::Result<Vec<u8>>;
    /// How to name a file in an error message.
    fn display_path(&self, issue_dir: &str, file: &str) -> String;
    /// Article bodies the loader may leave unread until first use (see `body.rs`). Given an
    /// issue directory, returns what gives an article file's deferred [`Body`], or `None` for a
    /// file the loader must read now with [`Store::read`] (one missing, say, so the loader
    /// reports it as before). The default defers nothing.
    fn deferred_bodies<'a>(&'a self, issue_dir: &str) -> Option<DeferredBodies<'a>> {
        let _ = issue_dir;
        None
    }
}

/// See [`Store::deferred_bodies`].
pub type DeferredBodies<'a> = Box<dyn Fn(&str) -> Option<Body> + 'a>;

/// Whether the symbolic link `path` leads to a file inside the archive directory `root`.
pub(super) fn link_stays_inside(root: &Path, path: &Path) -> bool {
    fs::canonicalize(root)
        .and_then(|root| Ok(fs::canonicalize(path)?.starts_with(root)))
        .unwrap_or(false)
}

pub(super) fn link_outside_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "a symbolic link leading outside the archive directory (not followed); put the file itself here",
    )
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct LoadProblem {
    pub path: String,
    pub problem: String,
}

/// Ids become file and directory names, so they are kept to a safe alphabet: no `/`, no `..`,
/// nothing a shell or terminal could take for something else.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && !id.starts_with(['-', '.'])
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn article_file_name(article_id: &str) -> String {
    format!("{article_id}.md")
}

#[cfg(test)]
mod tests;
