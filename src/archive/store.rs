//! On-disk format (see `docs/archive-format.md`): one directory per issue under `issues/`,
//! holding `issue.json` (the manifest) and one Markdown file per article.
//!
//! Reading goes through [`Store`] so the same loader serves a directory on disk and the archive
//! embedded in the binary. A broken issue never stops the others from loading: problems are
//! collected, each naming the file and what is wrong.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::body::Body;
use super::model::{
    Archive, Article, FORMAT_VERSION, Issue, IssueKind, Missing, Section, SectionKind,
};
use crate::regular_file::{self, Links};

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

    /// One directory listing per issue tells which article files are there and plain files, so
    /// the loader can still report a missing one at once without reading any.
    fn deferred_bodies<'a>(&'a self, issue_dir: &str) -> Option<DeferredBodies<'a>> {
        let dir = self.root.join("issues").join(issue_dir);
        let mut files = HashSet::new();
        let mut links = HashSet::new();
        for entry in fs::read_dir(&dir).ok()? {
            let entry = entry.ok()?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let kind = entry.file_type().ok()?;
            if kind.is_file() {
                files.insert(name);
            } else if kind.is_symlink() {
                links.insert(name);
            }
        }
        let root = Arc::new(self.root.clone());
        Some(Box::new(move |file: &str| {
            let path = dir.join(file);
            if files.contains(file) {
                return Some(Body::from_file(path));
            }
            // A link is checked now as `read` would, so one leading out of the archive (or to
            // something not a file) is reported at load with the same message.
            (links.contains(file) && link_stays_inside(&root, &path) && path.is_file())
                .then(|| Body::from_link(path, root.clone()))
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
        let dir: &'static include_dir::Dir<'static> = self.0;
        let issue_dir = issue_dir.to_string();
        Some(Box::new(move |file: &str| {
            let f = dir.get_file(format!("issues/{issue_dir}/{file}"))?;
            let text: &'static str = std::str::from_utf8(f.contents()).ok()?;
            Some(Body::from_static(text))
        }))
    }
}

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

/// The manifest as written to `issue.json`: the issue without article bodies, each article
/// pointing at its Markdown file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: u32,
    id: String,
    kind: IssueKind,
    title: String,
    year: u32,
    number: Option<u32>,
    volume: Option<u32>,
    months: Option<String>,
    published: Option<String>,
    source: String,
    cover: Option<String>,
    sections: Vec<ManifestSection>,
    #[serde(default)]
    missing: Vec<Missing>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    redirects: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestSection {
    id: String,
    kind: SectionKind,
    name: String,
    name_zh: Option<String>,
    page: Option<u32>,
    articles: Vec<ManifestArticle>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestArticle {
    id: String,
    title: String,
    title_zh: Option<String>,
    subtitle: Option<String>,
    page: Option<u32>,
    byline: Option<String>,
    listed: bool,
    file: String,
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

/// Loads every issue the store holds. Issues that fail are left out and described in the
/// returned problems; the rest load.
pub fn load(store: &dyn Store) -> (Archive, Vec<LoadProblem>) {
    load_each(store, |dirs| {
        dirs.iter().map(|d| load_issue(store, d)).collect()
    })
}

/// What [`load`] and `parallel::load` share: lists the issue directories, has `load_all` load
/// them (one result per directory, in their order) and assembles the archive.
pub(super) fn load_each(
    store: &dyn Store,
    load_all: impl FnOnce(&[String]) -> Vec<Result<Issue, LoadProblem>>,
) -> (Archive, Vec<LoadProblem>) {
    let mut archive = Archive::default();
    let mut problems = Vec::new();
    let dirs = match store.issue_dirs() {
        Ok(d) => d,
        Err(e) => {
            problems.push(LoadProblem {
                path: store.display_path("", ""),
                problem: format!("cannot list issue directories: {e}"),
            });
            return (archive, problems);
        }
    };
    // The directory is named by the id (see load_issue), so ids cannot clash.
    for result in load_all(&dirs) {
        match result {
            Ok(issue) => archive.issues.push(issue),
            Err(p) => problems.push(p),
        }
    }
    archive.sort_newest_first();
    (archive, problems)
}

/// serde_json's message without its trailing ` at line L column C`, which we print once.
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// `an array`, `the string "1"`, … for messages about a JSON value of the wrong kind.
fn json_kind(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) if s.chars().count() <= 20 => format!("the string {v}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

pub(super) fn utf8_problem(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("not valid UTF-8 at line {line} (byte {at}); re-save the file as UTF-8")
}

pub(super) fn load_issue(store: &dyn Store, dir: &str) -> Result<Issue, LoadProblem> {
    let manifest_path = store.display_path(dir, MANIFEST);
    let problem = |p: String| LoadProblem {
        path: manifest_path.clone(),
        problem: p,
    };
    let bytes = store
        .read(dir, MANIFEST)
        .map_err(|e| problem(format!("cannot read the manifest: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| problem(utf8_problem(&bytes, e)))?;
    // Some editors save UTF-8 with a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let m = match fast_manifest(text) {
        Some(m) => m,
        None => careful_manifest(text, &problem)?,
    };
    if !is_safe_id(&m.id) {
        return Err(problem(format!(
            "field `id`: `{}` is not a valid id (use lowercase letters, digits and `-`)",
            m.id
        )));
    }
    if m.id != dir {
        return Err(problem(format!(
            "field `id` is `{}` but the directory is `{dir}`; an issue's directory is named by its id, so rename one to match",
            m.id
        )));
    }
    let mut seen = HashSet::new();
    // Bodies are read on first use where the store allows (see `body.rs`).
    let deferred = store.deferred_bodies(dir);
    let mut sections = Vec::with_capacity(m.sections.len());
    for s in m.sections {
        let mut articles = Vec::with_capacity(s.articles.len());
        for a in s.articles {
            if !is_safe_id(&a.id) {
                return Err(problem(format!(
                    "article id `{}` is not a valid id (use lowercase letters, digits and `-`)",
                    a.id
                )));
            }
            if !seen.insert(a.id.clone()) {
                return Err(problem(format!(
                    "article id `{}` appears twice; article ids must be unique within an issue",
                    a.id
                )));
            }
            if a.file != article_file_name(&a.id) {
                return Err(problem(format!(
                    "article `{}`: field `file` must be `{}`, found `{}`",
                    a.id,
                    article_file_name(&a.id),
                    a.file
                )));
            }
            // An article whose file cannot be read stays in its issue, shown as missing: one
            // lost file must not hide the rest of the issue (`check` still names it).
            let body = match deferred.as_ref().and_then(|d| d(&a.file)) {
                Some(body) => body,
                None => read_body_now(store, dir, &a).unwrap_or_else(Body::unreadable),
            };
            articles.push(Article {
                id: a.id,
                title: a.title,
                title_zh: a.title_zh,
                subtitle: a.subtitle,
                page: a.page,
                byline: a.byline,
                listed: a.listed,
                body,
            });
        }
        sections.push(Section {
            id: s.id,
            kind: s.kind,
            name: s.name,
            name_zh: s.name_zh,
            page: s.page,
            articles,
        });
    }
    Ok(Issue {
        id: m.id,
        kind: m.kind,
        title: m.title,
        year: m.year,
        number: m.number,
        volume: m.volume,
        months: m.months,
        published: m.published,
        source: m.source,
        cover: m.cover,
        sections,
        missing: m.missing,
        redirects: m.redirects,
    })
}

/// Reads an article's body at load, reporting any problem as the issue's load problem.
fn read_body_now(store: &dyn Store, dir: &str, a: &ManifestArticle) -> Result<Body, LoadProblem> {
    let body_bytes = store.read(dir, &a.file).map_err(|e| LoadProblem {
        path: store.display_path(dir, &a.file),
        problem: cannot_read_body(&a.id, &e),
    })?;
    let body = String::from_utf8(body_bytes).map_err(|e| LoadProblem {
        path: store.display_path(dir, &a.file),
        problem: utf8_problem(e.as_bytes(), e.utf8_error()),
    })?;
    Ok(Body::from(body))
}

/// The problem of an article body that cannot be read, at load or on first use (`body.rs`).
pub(super) fn cannot_read_body(article_id: &str, e: &io::Error) -> String {
    format!(
        "cannot read the body of article `{article_id}`: {e}; restore the file or remove the article from {MANIFEST}"
    )
}

/// A manifest that is a JSON object of this format version and fits the schema, parsed once
/// straight into it; `None` for anything else. Every manifest this accepts, the careful path
/// accepts too, with the same result: it only spares good manifests the second parse (the
/// version probe), which was a sixth of the time it takes to load a large archive.
fn fast_manifest(text: &str) -> Option<Manifest> {
    // serde would also take a JSON array for the struct; the careful path refuses one.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str::<Manifest>(text)
        .ok()
        .filter(|m| m.format == FORMAT_VERSION)
}

/// Parses a manifest that the fast path refused, naming the most helpful problem: invalid JSON,
/// then the format version (so a newer format gets the right message), then the schema, with
/// the path of the failing field.
fn careful_manifest(
    text: &str,
    problem: &dyn Fn(String) -> LoadProblem,
) -> Result<Manifest, LoadProblem> {
    // Check the version before the full schema, so a newer format gets the right message.
    let probe: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        problem(format!(
            "invalid JSON at line {}, column {}: {}",
            e.line(),
            e.column(),
            without_position(&e)
        ))
    })?;
    if !probe.is_object() {
        return Err(problem(format!(
            "the manifest must be a JSON object (`{{\"format\": 1, ...}}`), found {}",
            json_kind(&probe)
        )));
    }
    match (
        probe.get("format"),
        probe.get("format").and_then(|v| v.as_u64()),
    ) {
        (_, Some(v)) if v == u64::from(FORMAT_VERSION) => {}
        (_, Some(v)) => {
            return Err(problem(format!(
                "format version {v} is not supported (this magreader reads version {FORMAT_VERSION}); upgrade magreader or re-import the source"
            )));
        }
        (None, _) => {
            return Err(problem(
                "field `format` is missing; expected `\"format\": 1`".into(),
            ));
        }
        (Some(v), None) => {
            return Err(problem(format!(
                "field `format` must be a whole number (`\"format\": 1`), found {}",
                json_kind(v)
            )));
        }
    }
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text)).map_err(|e| {
        let inner = e.inner();
        // The path is `.` for the top-level object itself (e.g. a key given twice).
        let field = match e.path().to_string() {
            p if p == "." => "top-level object".to_string(),
            p => format!("field `{p}`"),
        };
        problem(format!(
            "{field} (line {}, column {}): {}",
            inner.line(),
            inner.column(),
            without_position(inner)
        ))
    })
}

/// The files that make up an issue on disk: (file name, contents), manifest first.
pub fn issue_files(issue: &Issue) -> Vec<(String, String)> {
    let manifest = Manifest {
        format: FORMAT_VERSION,
        id: issue.id.clone(),
        kind: issue.kind,
        title: issue.title.clone(),
        year: issue.year,
        number: issue.number,
        volume: issue.volume,
        months: issue.months.clone(),
        published: issue.published.clone(),
        source: issue.source.clone(),
        cover: issue.cover.clone(),
        sections: issue
            .sections
            .iter()
            .map(|s| ManifestSection {
                id: s.id.clone(),
                kind: s.kind,
                name: s.name.clone(),
                name_zh: s.name_zh.clone(),
                page: s.page,
                articles: s
                    .articles
                    .iter()
                    .map(|a| ManifestArticle {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        title_zh: a.title_zh.clone(),
                        subtitle: a.subtitle.clone(),
                        page: a.page,
                        byline: a.byline.clone(),
                        listed: a.listed,
                        file: article_file_name(&a.id),
                    })
                    .collect(),
            })
            .collect(),
        missing: issue.missing.clone(),
        redirects: issue.redirects.clone(),
    };
    let mut json = serde_json::to_string_pretty(&manifest).expect("manifest serializes");
    json.push('\n');
    let mut files = vec![(MANIFEST.to_string(), json)];
    for a in issue.sections.iter().flat_map(|s| &s.articles) {
        let mut body = a.body.to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        files.push((article_file_name(&a.id), body));
    }
    files
}

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

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
