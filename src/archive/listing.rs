//! An issue directory on disk, listed on first need.
//!
//! The contents show an article whose file is missing (or is no file, or a link leading out of
//! the archive) as missing before anyone opens it, so the loader once listed every issue
//! directory as it loaded. That was a quarter of the time `magreader find` or `list` took on a
//! large archive, for an answer only the contents of one issue at a time ever ask for. So each
//! article body of a directory shares one [`IssueDir`], which lists the directory the first
//! time a body is asked whether it is known unreadable; reading a body needs no listing (the
//! open itself says whether the file is there and what it is).

use std::collections::HashMap;
use std::fs;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::regular_file;

/// One issue directory of an archive on disk, and what it holds once listed.
#[derive(Debug)]
pub struct IssueDir {
    /// The archive directory, which a symbolic link must lead inside.
    root: PathBuf,
    path: PathBuf,
    /// `None` when the directory cannot be listed: nothing is then known unreadable in advance
    /// (a read says what is wrong).
    listing: OnceLock<Option<HashMap<String, Kind>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Link,
    Other,
}

impl IssueDir {
    pub fn new(root: PathBuf, path: PathBuf) -> IssueDir {
        IssueDir {
            root,
            path,
            listing: OnceLock::new(),
        }
    }

    /// The archive directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of the file `name` in this directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// The directory opened, to read its files by name (see [`OpenIssueDir`]); `None` when
    /// it cannot be opened (or became a symbolic link), and the files are read by path.
    pub fn open(self: &Arc<Self>) -> Option<OpenIssueDir> {
        let fd = regular_file::open_dir(&self.path).ok()?;
        Some(OpenIssueDir {
            dir: self.clone(),
            fd,
        })
    }

    /// Whether the file `name` is known, without reading it, not to be readable as an article:
    /// not there, not a regular file, or a link that leads outside the archive or to no file.
    pub fn known_unreadable(&self, name: &str) -> bool {
        let Some(listing) = self.listing.get_or_init(|| list(&self.path)) else {
            return false;
        };
        match listing.get(name) {
            Some(Kind::File) => false,
            Some(Kind::Link) => {
                let path = self.file(name);
                !(super::store::link_stays_inside(&self.root, &path) && path.is_file())
            }
            Some(Kind::Other) | None => true,
        }
    }
}

/// An issue directory held open while its files are read one after another (a search): each
/// is then opened by its name in it, which spares the system resolving the whole path again.
/// Closed when dropped, so a search never holds more than one per thread.
pub struct OpenIssueDir {
    dir: Arc<IssueDir>,
    fd: OwnedFd,
}

impl OpenIssueDir {
    /// Whether this is the directory `dir`.
    pub fn is(&self, dir: &Arc<IssueDir>) -> bool {
        Arc::ptr_eq(&self.dir, dir)
    }

    pub fn fd(&self) -> &OwnedFd {
        &self.fd
    }
}

fn list(dir: &Path) -> Option<HashMap<String, Kind>> {
    let mut out = HashMap::new();
    for entry in fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let kind = entry.file_type().ok()?;
        let kind = if kind.is_file() {
            Kind::File
        } else if kind.is_symlink() {
            Kind::Link
        } else {
            Kind::Other
        };
        out.insert(name, kind);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_listed_once_and_answers_for_each_kind_of_entry() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("archive");
        let issue = root.join("issues").join("2024-01");
        fs::create_dir_all(&issue).unwrap();
        fs::write(issue.join("a.md"), "A\n").unwrap();
        fs::create_dir(issue.join("sub.md")).unwrap();
        fs::write(outer.path().join("secret"), "S\n").unwrap();
        std::os::unix::fs::symlink(issue.join("a.md"), issue.join("in.md")).unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret"), issue.join("out.md")).unwrap();
        let dir = IssueDir::new(root, issue.clone());
        assert!(!dir.known_unreadable("a.md"));
        assert!(!dir.known_unreadable("in.md"));
        assert!(dir.known_unreadable("out.md"));
        assert!(dir.known_unreadable("sub.md"));
        assert!(dir.known_unreadable("gone.md"));
        // Listed once: a file written later is not seen by this listing.
        fs::write(issue.join("late.md"), "L\n").unwrap();
        assert!(dir.known_unreadable("late.md"));
    }

    #[test]
    fn a_directory_that_cannot_be_listed_marks_nothing_unreadable_in_advance() {
        let outer = tempfile::tempdir().unwrap();
        let dir = IssueDir::new(outer.path().into(), outer.path().join("nowhere"));
        assert!(!dir.known_unreadable("a.md"));
    }
}
