//! The two stores: an archive directory on disk and the archive compiled into the binary.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::archive::listing::IssueDir;
use crate::regular_file::{self, Links};

/// An archive directory on disk (the one holding `issues/` and `sources/`).
pub struct DirStore {
    pub root: PathBuf,
}

impl Store for DirStore {
    fn issue_dirs(&self) -> io::Result<Vec<String>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(self.root.join("issues"))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            // A linked directory is listed too, so that loading it fails with a problem naming
            // it (see `read`) instead of the issue silently missing.
            let kind = entry.file_type()?;
            if kind.is_dir() || (kind.is_symlink() && entry.path().is_dir()) {
                out.push(name);
            }
        }
        out.sort();
        Ok(out)
    }

    fn read(&self, issue_dir: &str, file: &str) -> io::Result<Vec<u8>> {
        let dir = self.root.join("issues").join(issue_dir);
        // `issue_dirs` names a directory whose name is not UTF-8 lossily (with U+FFFD), so it
        // cannot be opened by that name: say why instead of "no such file".
        if issue_dir.contains('\u{FFFD}') && !dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the directory's name is not valid UTF-8; rename the directory to the issue's id",
            ));
        }
        if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the issue directory is a symbolic link (not followed); move the issue's directory itself into issues/",
            ));
        }
        let path = dir.join(file);
        // A symbolic link may point anywhere; the archive only reads files inside itself.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
            && !link_stays_inside(&self.root, &path)
        {
            return Err(link_outside_error());
        }
        // A FIFO, a device or a huge file here is refused, not waited on or read (see
        // `regular_file`); a link was checked above to stay inside the archive.
        regular_file::read(&path, Links::Follow, limit_of(file))
    }

    /// Every body is read on first use; the directory is listed only when the contents ask
    /// which articles are missing (see `archive::listing`).
    fn deferred_bodies<'a>(&'a self, issue_dir: &str) -> Option<DeferredBodies<'a>> {
        let dir = Arc::new(IssueDir::new(
            self.root.clone(),
            self.root.join("issues").join(issue_dir),
        ));
        Some(Box::new(move |file: &str| {
            Some(Body::from_issue_dir(dir.clone(), file))
        }))
    }

    fn display_path(&self, issue_dir: &str, file: &str) -> String {
        self.root
            .join("issues")
            .join(issue_dir)
            .join(file)
            .display()
            .to_string()
    }
}

/// The archive compiled into the binary.
pub struct EmbeddedStore(pub &'static include_dir::Dir<'static>);

impl Store for EmbeddedStore {
    fn issue_dirs(&self) -> io::Result<Vec<String>> {
        let issues = self
            .0
            .get_dir("issues")
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no issues/ in archive"))?;
        let mut out: Vec<String> = issues
            .dirs()
            .filter_map(|d| d.path().file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        out.sort();
        Ok(out)
    }

    fn read(&self, issue_dir: &str, file: &str) -> io::Result<Vec<u8>> {
        let path = format!("issues/{issue_dir}/{file}");
        self.0
            .get_file(&path)
            .map(|f| f.contents().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn display_path(&self, issue_dir: &str, file: &str) -> String {
        format!("<built-in archive>/issues/{issue_dir}/{file}")
    }

    /// The text stays where it is in the binary; only its UTF-8 is checked now.
    fn deferred_bodies<'a>(&'a self, issue_dir: &str) -> Option<DeferredBodies<'a>> {
        // The issue's files by name, found once: `include_dir` finds a file by comparing
        // paths component by component with every entry, which was a quarter of the time
        // `magreader --version` took (it loads the built-in archive).
        let files: HashMap<&'static str, &'static include_dir::File<'static>> = self
            .0
            .get_dir(format!("issues/{issue_dir}"))?
            .files()
            .filter_map(|f| Some((f.path().file_name()?.to_str()?, f)))
            .collect();
        Some(Box::new(move |file: &str| {
            let text: &'static str = std::str::from_utf8(files.get(file)?.contents()).ok()?;
            Some(Body::from_static(text))
        }))
    }
}
