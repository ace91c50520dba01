//! An article's Markdown body, read on first use.
//!
//! A large archive is mostly article text (150 MB for 1,000 issues) while the first frame, `list`
//! and `find` need only the manifests. So the loader checks that each article's file is there
//! and leaves its text unread: a [`Body`] knows where the text lives and reads it once, the
//! first time it is dereferenced. Bodies built in code (the importer, tests) hold their text;
//! the built-in archive's point into the binary.
//!
//! Problems only a read can see (invalid UTF-8, a file that became unreadable) are never lost:
//! [`Body::load`] returns them for `magreader check`, and dereferencing such a body gives a
//! message naming the file and what to do, shown in place of the text.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::listing::{IssueDir, OpenIssueDir};
use super::store::{LoadProblem, MAX_BODY_BYTES};
use crate::regular_file::{self, Links};

/// An article's Markdown body. Dereferences to its text (see the module docs); compares by text.
#[derive(Clone)]
pub struct Body(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    Static(&'static str),
    File(Box<FileBody>),
}

#[derive(Clone)]
struct FileBody {
    path: PathBuf,
    reach: Reach,
    text: OnceLock<Result<String, Unreadable>>,
}

/// How the file is reached, which decides whether a symbolic link is followed.
#[derive(Clone)]
enum Reach {
    /// A plain file, opened without following a link.
    Plain,
    /// A symbolic link, followed while it leads inside this archive root (checked at each read).
    Link(Arc<PathBuf>),
    /// A file of an issue directory not listed yet (see `listing`): a link found when it is
    /// opened is followed as [`Reach::Link`] is.
    Listed(Arc<IssueDir>),
}

/// Why a body could not be read, and the message shown in its place.
#[derive(Clone, Debug)]
struct Unreadable {
    problem: LoadProblem,
    shown: String,
}

impl Body {
    /// A body whose text is compiled into the binary (checked to be UTF-8 by the caller).
    pub fn from_static(text: &'static str) -> Body {
        Body(Repr::Static(text))
    }

    /// A body read from `path` on first use. `path` was a regular file when listed; it is opened
    /// without following a symbolic link, so a link swapped in later is refused, not followed.
    pub fn from_file(path: PathBuf) -> Body {
        Body::file_body(path, Reach::Plain)
    }

    /// A body read on first use through the symbolic link `path`, which must still lead inside
    /// `root` (the archive directory) when it is read.
    pub fn from_link(path: PathBuf, root: Arc<PathBuf>) -> Body {
        Body::file_body(path, Reach::Link(root))
    }

    /// A body read on first use from the file `name` of the issue directory `dir`, which is
    /// listed only if someone asks whether the body is unreadable before reading it.
    pub fn from_issue_dir(dir: Arc<IssueDir>, name: &str) -> Body {
        Body::file_body(dir.file(name), Reach::Listed(dir))
    }

    fn file_body(path: PathBuf, reach: Reach) -> Body {
        Body(Repr::File(Box::new(FileBody {
            path,
            reach,
            text: OnceLock::new(),
        })))
    }

    /// A body the loader could not read (a missing file, a FIFO, a file over the size limit):
    /// the article stays in its issue, and opening it shows the problem, which `check` lists.
    pub fn unreadable(problem: LoadProblem) -> Body {
        let path = PathBuf::from(&problem.path);
        Body(Repr::File(Box::new(FileBody {
            path,
            reach: Reach::Plain,
            text: OnceLock::from(Err(Unreadable::new(problem))),
        })))
    }

    /// Whether the body is known not to be readable (without trying to read it now): for the
    /// contents, which show such an article as missing.
    pub fn is_unreadable(&self) -> bool {
        let Repr::File(f) = &self.0 else {
            return false;
        };
        match (f.text.get(), &f.reach) {
            (Some(read), _) => read.is_err(),
            (None, Reach::Listed(dir)) => f
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| dir.known_unreadable(n)),
            (None, _) => false,
        }
    }

    /// The text, read now if it was not yet (and kept), or the problem that stops it being read.
    pub fn load(&self) -> Result<&str, &LoadProblem> {
        match &self.0 {
            Repr::Owned(s) => Ok(s),
            Repr::Static(s) => Ok(s),
            Repr::File(f) => match f.kept() {
                Ok(s) => Ok(s),
                Err(u) => Err(&u.problem),
            },
        }
    }

    /// The text without keeping it in this body when it was not read yet: for a pass over the
    /// whole archive (the search index, `check`) that should not hold every body in memory.
    pub fn read_uncached(&self) -> Result<Cow<'_, str>, LoadProblem> {
        match &self.0 {
            Repr::Owned(s) => Ok(Cow::Borrowed(s)),
            Repr::Static(s) => Ok(Cow::Borrowed(s)),
            Repr::File(f) => match f.text.get() {
                Some(Ok(s)) => Ok(Cow::Borrowed(s)),
                Some(Err(u)) => Err(u.problem.clone()),
                None => f.read().map(Cow::Owned).map_err(|u| u.problem),
            },
        }
    }

    /// The stored bytes without checking them or keeping them, for a quick scan that reads
    /// the text only where the bytes may match (see `search::scan`): the text when it is in
    /// memory, the file's bytes otherwise; `None` when the file cannot be read.
    pub fn raw_uncached(&self) -> Option<Cow<'_, [u8]>> {
        match &self.0 {
            Repr::Owned(s) => Some(Cow::Borrowed(s.as_bytes())),
            Repr::Static(s) => Some(Cow::Borrowed(s.as_bytes())),
            Repr::File(f) => match f.text.get() {
                Some(Ok(s)) => Some(Cow::Borrowed(s.as_bytes())),
                Some(Err(_)) => None,
                None => f.read_bytes().ok().map(Cow::Owned),
            },
        }
    }

    /// [`Body::raw_uncached`], reading a file into `buf` (whose memory is reused) rather than
    /// a new buffer: for a scan of every body.
    pub fn raw_uncached_in<'a>(&'a self, buf: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        match &self.0 {
            Repr::Owned(s) => Some(s.as_bytes()),
            Repr::Static(s) => Some(s.as_bytes()),
            Repr::File(f) => match f.text.get() {
                Some(Ok(s)) => Some(s.as_bytes()),
                Some(Err(_)) => None,
                None => f.read_bytes_into(buf).ok().map(|()| &buf[..]),
            },
        }
    }

    /// [`Body::raw_uncached_in`], reading a body of the issue directory `open` (held open by
    /// the caller for all of its bodies) by its name there.
    pub fn raw_uncached_in_dir<'a>(
        &'a self,
        open: Option<&OpenIssueDir>,
        buf: &'a mut Vec<u8>,
    ) -> Option<&'a [u8]> {
        let Some((open, (f, dir))) = open.and_then(|o| Some((o, self.listed_in(o)?))) else {
            return self.raw_uncached_in(buf);
        };
        let name = f.path.file_name()?.to_str()?;
        match regular_file::read_at_into(open.fd(), name, Links::Refuse, MAX_BODY_BYTES, buf) {
            Ok(()) => Some(&buf[..]),
            Err(e) if is_link_refused(&e) => read_link_into(dir.root(), &f.path, buf)
                .ok()
                .map(|()| &buf[..]),
            Err(_) => None,
        }
    }

    /// The `stat` of the body's file in the issue directory `open`, when it is a regular file
    /// there (not a link) not read yet: what a cache of what the file holds is checked against.
    pub fn stat_in_dir(&self, open: &OpenIssueDir) -> Option<rustix::fs::Stat> {
        let (f, _) = self.listed_in(open)?;
        let name = f.path.file_name()?.to_str()?;
        let stat =
            rustix::fs::statat(open.fd(), name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok()?;
        (rustix::fs::FileType::from_raw_mode(stat.st_mode) == rustix::fs::FileType::RegularFile)
            .then_some(stat)
    }

    /// The body's file and its issue directory, when it is a file of the directory `open`
    /// not read yet: what is read (or looked at) by its name there.
    fn listed_in(&self, open: &OpenIssueDir) -> Option<(&FileBody, &Arc<IssueDir>)> {
        match &self.0 {
            Repr::File(f) if f.text.get().is_none() => match &f.reach {
                Reach::Listed(dir) if open.is(dir) => Some((f, dir)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The issue directory the body is read from, when it is a file of one not read yet.
    pub fn issue_dir(&self) -> Option<&Arc<IssueDir>> {
        match &self.0 {
            Repr::File(f) => match &f.reach {
                Reach::Listed(dir) if f.text.get().is_none() => Some(dir),
                _ => None,
            },
            _ => None,
        }
    }

    /// The text (or, for a body that cannot be read, the message shown in its place).
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Static(s) => s,
            Repr::File(f) => match f.kept() {
                Ok(s) => s,
                Err(u) => &u.shown,
            },
        }
    }

    /// The file the text is read from, if it comes from one.
    pub fn path(&self) -> Option<&Path> {
        match &self.0 {
            Repr::File(f) => Some(&f.path),
            _ => None,
        }
    }

    /// Whether the text is in memory (always, except for a file body not read yet).
    pub fn is_loaded(&self) -> bool {
        match &self.0 {
            Repr::File(f) => f.text.get().is_some(),
            _ => true,
        }
    }
}

impl FileBody {
    /// The text read once and kept (or why it cannot be read).
    fn kept(&self) -> &Result<String, Unreadable> {
        self.text.get_or_init(|| {
            // Kept for as long as the archive is open, so without the read-ahead's spare room
            // (an uncached read is dropped soon and need not pay for the copy).
            self.read().map(|mut text| {
                text.shrink_to_fit();
                text
            })
        })
    }

    fn read(&self) -> Result<String, Unreadable> {
        let bytes = self.read_bytes().map_err(|e| {
            let id = self.path.file_stem().unwrap_or_default().to_string_lossy();
            self.unreadable(super::store::cannot_read_body(&id, &e))
        })?;
        String::from_utf8(bytes)
            .map_err(|e| self.unreadable(super::store::utf8_problem(e.as_bytes(), e.utf8_error())))
    }

    fn read_bytes(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.read_bytes_into(&mut bytes)?;
        Ok(bytes)
    }

    fn read_bytes_into(&self, bytes: &mut Vec<u8>) -> io::Result<()> {
        match &self.reach {
            Reach::Link(root) => read_link_into(root, &self.path, bytes),
            Reach::Plain => read_no_follow_into(&self.path, bytes),
            Reach::Listed(dir) => {
                match regular_file::read_into(&self.path, Links::Refuse, MAX_BODY_BYTES, bytes) {
                    Err(e) if is_link_refused(&e) => read_link_into(dir.root(), &self.path, bytes),
                    other => other,
                }
            }
        }
    }

    fn unreadable(&self, problem: String) -> Unreadable {
        Unreadable::new(LoadProblem {
            path: self.path.display().to_string(),
            problem,
        })
    }
}

impl Unreadable {
    fn new(problem: LoadProblem) -> Unreadable {
        let shown = format!(
            "**This article's text cannot be shown.**\n\n{problem}\n\n\
             (`magreader check` lists every such file.)\n"
        );
        Unreadable { problem, shown }
    }
}

/// Reads an article file (a regular file of at most [`MAX_BODY_BYTES`], never blocking on
/// anything else: see `regular_file`), refusing to follow a symbolic link in its last component.
pub fn read_no_follow(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_no_follow_into(path, &mut bytes)?;
    Ok(bytes)
}

fn read_no_follow_into(path: &Path, bytes: &mut Vec<u8>) -> io::Result<()> {
    regular_file::read_into(path, Links::Refuse, MAX_BODY_BYTES, bytes).map_err(|e| {
        if is_link_refused(&e) {
            super::store::link_outside_error()
        } else {
            e
        }
    })
}

/// Whether an open with [`Links::Refuse`] failed because the path is a symbolic link.
fn is_link_refused(e: &io::Error) -> bool {
    e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

/// Reads through the symbolic link `path` if it leads inside the archive `root`.
fn read_link_into(root: &Path, path: &Path, bytes: &mut Vec<u8>) -> io::Result<()> {
    if !super::store::link_stays_inside(root, path) {
        return Err(super::store::link_outside_error());
    }
    regular_file::read_into(path, Links::Follow, MAX_BODY_BYTES, bytes)
}

impl Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Body {
    fn default() -> Body {
        Body(Repr::Owned(String::new()))
    }
}

impl From<String> for Body {
    fn from(s: String) -> Body {
        Body(Repr::Owned(s))
    }
}

impl From<&str> for Body {
    fn from(s: &str) -> Body {
        Body(Repr::Owned(s.to_string()))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::File(b) if b.text.get().is_none() => {
                write!(f, "Body(unread: {})", b.path.display())
            }
            _ => fmt::Debug::fmt(self.as_str(), f),
        }
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Body {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Body> for String {
    fn eq(&self, other: &Body) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Body> for &str {
    fn eq(&self, other: &Body) -> bool {
        *self == other.as_str()
    }
}

impl serde::Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Body {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Body, D::Error> {
        String::deserialize(d).map(Body::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_file_body_is_read_once_on_first_use() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "First text.\n").unwrap();
        let body = Body::from_file(path.clone());
        assert!(!body.is_loaded());
        assert_eq!(body.read_uncached().unwrap(), "First text.\n");
        assert!(!body.is_loaded(), "an uncached read keeps nothing");
        assert_eq!(&body[..], "First text.\n");
        assert!(body.is_loaded());
        // Kept: a later change on disk does not change what the reader shows.
        fs::write(&path, "Second text.\n").unwrap();
        assert_eq!(body, "First text.\n");
        assert_eq!(body.read_uncached().unwrap(), "First text.\n");
    }

    #[test]
    fn invalid_utf8_is_a_problem_and_a_message_in_place_of_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("masthead.md");
        fs::write(&path, b"Editor \xe4\xb8 in chief\n").unwrap();
        let body = Body::from_file(path.clone());
        let p = body.load().unwrap_err().clone();
        assert_eq!(p.path, path.display().to_string());
        assert!(
            p.problem.contains("not valid UTF-8 at line 1 (byte 7)"),
            "{p}"
        );
        assert!(body.contains("cannot be shown"), "{body}");
        assert!(body.contains(&path.display().to_string()), "{body}");
        assert!(body.contains("re-save the file as UTF-8"), "{body}");
        assert_eq!(body.read_uncached().unwrap_err(), p);
    }

    #[test]
    fn a_directory_or_a_missing_file_is_a_problem_naming_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let gone = Body::from_file(dir.path().join("gone.md"));
        let p = gone.load().unwrap_err();
        assert!(
            p.problem.contains("cannot read the body of article `gone`"),
            "{p}"
        );
        fs::create_dir(dir.path().join("sub.md")).unwrap();
        let sub = Body::from_file(dir.path().join("sub.md"));
        assert!(sub.load().is_err());
    }

    #[test]
    fn a_plain_file_swapped_for_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("secret");
        fs::write(&outside, "SECRET\n").unwrap();
        let path = dir.path().join("a.md");
        std::os::unix::fs::symlink(&outside, &path).unwrap();
        let body = Body::from_file(path);
        let p = body.load().unwrap_err();
        assert!(p.problem.contains("symbolic link"), "{p}");
        assert!(!body.contains("SECRET"));
    }

    #[test]
    fn a_link_is_followed_only_while_it_stays_inside_the_archive() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("archive");
        fs::create_dir(&root).unwrap();
        fs::write(root.join("real.md"), "Inside.\n").unwrap();
        fs::write(outer.path().join("secret"), "SECRET\n").unwrap();
        let link = root.join("a.md");
        std::os::unix::fs::symlink(root.join("real.md"), &link).unwrap();
        let root = Arc::new(root);
        assert_eq!(Body::from_link(link.clone(), root.clone()), "Inside.\n");
        fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret"), &link).unwrap();
        let body = Body::from_link(link, root);
        assert!(body.load().unwrap_err().problem.contains("outside"));
        assert!(!body.contains("SECRET"));
    }

    #[test]
    fn bodies_compare_and_convert_by_text() {
        let a = Body::from("text");
        assert_eq!(a, Body::from(String::from("text")));
        assert_eq!(a, Body::from_static("text"));
        assert_ne!(a, Body::from("other"));
        assert_eq!(a.lines().count(), 1);
        assert_eq!(format!("{a:?}"), "\"text\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"text\"");
    }

    #[test]
    fn a_body_read_in_its_open_directory_reads_what_a_read_by_path_reads() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("archive");
        let issue = root.join("issues").join("2024-01");
        fs::create_dir_all(&issue).unwrap();
        fs::write(issue.join("a.md"), "Plain.\n").unwrap();
        fs::write(root.join("shared.md"), "Linked inside.\n").unwrap();
        fs::write(outer.path().join("secret"), "SECRET\n").unwrap();
        std::os::unix::fs::symlink(root.join("shared.md"), issue.join("in.md")).unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret"), issue.join("out.md")).unwrap();
        let dir = Arc::new(IssueDir::new(root.clone(), issue.clone()));
        let other = Arc::new(IssueDir::new(root, outer.path().to_path_buf()));
        let open = dir.open().unwrap();
        let foreign = other.open().unwrap();
        for name in ["a.md", "in.md", "out.md", "gone.md"] {
            let body = Body::from_issue_dir(dir.clone(), name);
            assert!(Arc::ptr_eq(body.issue_dir().unwrap(), &dir));
            let by_path = body.raw_uncached().map(|b| b.into_owned());
            let (mut b1, mut b2) = (Vec::new(), Vec::new());
            let in_dir = body
                .raw_uncached_in_dir(Some(&open), &mut b1)
                .map(<[u8]>::to_vec);
            let elsewhere = body
                .raw_uncached_in_dir(Some(&foreign), &mut b2)
                .map(<[u8]>::to_vec);
            assert_eq!(in_dir, by_path, "{name}");
            assert_eq!(elsewhere, by_path, "{name}");
        }
        let read = |name: &str| {
            let body = Body::from_issue_dir(dir.clone(), name);
            let mut buf = Vec::new();
            body.raw_uncached_in_dir(Some(&open), &mut buf)
                .map(<[u8]>::to_vec)
        };
        assert_eq!(read("a.md").unwrap(), b"Plain.\n");
        assert_eq!(read("in.md").unwrap(), b"Linked inside.\n");
        assert_eq!(read("out.md"), None);
        assert_eq!(read("gone.md"), None);
    }
}
