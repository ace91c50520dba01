//! Writing an issue so that a crash at any moment leaves a whole one: the previous version or
//! the new.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::*;
use crate::archive::model::Issue;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("issue id `{0}` is not a safe directory name")]
    UnsafeId(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a file so that a crash leaves either the old or the new contents: temporary file,
/// fsync, rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io_at(dir))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let mut f = fs::File::create(&tmp).map_err(io_at(&tmp))?;
    f.write_all(contents).map_err(io_at(&tmp))?;
    f.sync_all().map_err(io_at(&tmp))?;
    drop(f);
    fs::rename(&tmp, path).map_err(io_at(path))
}

/// Writes an issue into `root/issues/<id>/` and its source into `root/sources/`. The issue is
/// built in a temporary directory and renamed into place, so an interrupted write leaves the
/// previous version intact.
pub fn write_issue(root: &Path, issue: &Issue, source_bytes: &[u8]) -> Result<PathBuf, WriteError> {
    if !is_safe_id(&issue.id) {
        return Err(WriteError::UnsafeId(issue.id.clone()));
    }
    let source_name = Path::new(&issue.source)
        .file_name()
        .map(|n| n.to_owned())
        .unwrap_or_default();
    write_atomic(&root.join("sources").join(source_name), source_bytes)?;

    let issues = root.join("issues");
    fs::create_dir_all(&issues).map_err(io_at(&issues))?;
    remove_stale_work(&issues, &issue.id);
    let pid = std::process::id();
    let tmp = issues.join(format!(".tmp-{}-{pid}", issue.id));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io_at(&tmp))?;
    }
    fs::create_dir_all(&tmp).map_err(io_at(&tmp))?;
    for (name, contents) in issue_files(issue) {
        let path = tmp.join(&name);
        let mut f = fs::File::create(&path).map_err(io_at(&path))?;
        f.write_all(contents.as_bytes()).map_err(io_at(&path))?;
        f.sync_all().map_err(io_at(&path))?;
    }
    let dest = issues.join(&issue.id);
    if !dest.exists() {
        fs::rename(&tmp, &dest).map_err(io_at(&dest))?;
        return Ok(dest);
    }
    // Swap the new version in with one atomic step, so a crash at any moment leaves a whole
    // issue at `dest`: the previous one or the new one. (Two renames, old out then new in,
    // leave no issue at all if the process dies between them.)
    if exchange(&tmp, &dest).is_ok() {
        // `tmp` now holds the previous version.
        fs::remove_dir_all(&tmp).map_err(io_at(&tmp))?;
        return Ok(dest);
    }
    // A filesystem without an atomic exchange: the short window remains.
    let old = issues.join(format!(".old-{}-{pid}", issue.id));
    fs::rename(&dest, &old).map_err(io_at(&dest))?;
    fs::rename(&tmp, &dest).map_err(io_at(&dest))?;
    fs::remove_dir_all(&old).map_err(io_at(&old))?;
    Ok(dest)
}

/// Removes what an import of issue `id` killed mid-write left behind: `.tmp-<id>-<pid>` (the
/// new version being written) and `.old-<id>-<pid>` (the previous one being swapped out)
/// directories whose process is gone. Only where `/proc` tells which processes live; a failure
/// only leaves the directory for the next import.
fn remove_stale_work(issues: &Path, id: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(issues) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let pid = [".tmp-", ".old-"].iter().find_map(|kind| {
            let rest = name
                .strip_prefix(kind)?
                .strip_prefix(id)?
                .strip_prefix('-')?;
            (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then_some(rest)
        });
        if let Some(pid) = pid
            && pid != std::process::id().to_string()
            && !proc.join(pid).exists()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Atomically swaps two directory entries (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}
