//! Issues from a store: each manifest parsed and checked, its articles' bodies read now or on
//! first use. A broken issue never stops the others.

use super::cache::{Lookup, ManifestCache};
use super::manifest::{Manifest, ManifestArticle, careful_manifest, fast_manifest};
use super::*;
use crate::archive::model::{Archive, Issue};

/// Loads every issue the store holds. Issues that fail are left out and described in the
/// returned problems; the rest load.
pub fn load(store: &dyn Store) -> (Archive, Vec<LoadProblem>) {
    load_each(store, |dirs| {
        dirs.iter().map(|d| load_issue(store, d)).collect()
    })
}

/// What [`load`] and `parallel::load` share: lists the issue directories, has `load_all` load
/// them (one result per directory, in their order) and assembles the archive.
pub(in crate::archive) fn load_each(
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

pub(in crate::archive) fn utf8_problem(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("not valid UTF-8 at line {line} (byte {at}); re-save the file as UTF-8")
}

pub(in crate::archive) fn load_issue(store: &dyn Store, dir: &str) -> Result<Issue, LoadProblem> {
    load_issue_cached(store, dir, None)
}

/// [`load_issue`], taking the manifest from `cache` when it holds it unchanged, and keeping
/// one it parses there for the next load.
pub(in crate::archive) fn load_issue_cached(
    store: &dyn Store,
    dir: &str,
    cache: Option<&ManifestCache>,
) -> Result<Issue, LoadProblem> {
    let m = match cache.map(|c| c.lookup(dir)) {
        Some(Lookup::Hit(m)) => m,
        Some(Lookup::Miss(identity)) => {
            let m = parse_manifest(store, dir)?;
            if let (Some(cache), Some(identity)) = (cache, identity) {
                cache.remember(dir, identity, &m);
            }
            m
        }
        None => parse_manifest(store, dir)?,
    };
    // Bodies are read on first use where the store allows (see `body.rs`).
    let deferred = store.deferred_bodies(dir);
    Ok(m.into_issue(|a| {
        // An article whose file cannot be read stays in its issue, shown as missing: one
        // lost file must not hide the rest of the issue (`check` still names it).
        match deferred.as_ref().and_then(|d| d(&a.file)) {
            Some(body) => body,
            None => read_body_now(store, dir, a).unwrap_or_else(Body::unreadable),
        }
    }))
}

/// The manifest of the issue directory `dir`, read, parsed and checked.
fn parse_manifest(store: &dyn Store, dir: &str) -> Result<Manifest, LoadProblem> {
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
    validate(&m, dir).map_err(problem)?;
    Ok(m)
}

/// The rules of a manifest beyond its schema (see `archive::validate`).
fn validate(m: &Manifest, dir: &str) -> Result<(), String> {
    let articles = m.sections.iter().flat_map(|s| &s.articles);
    crate::archive::validate::loadable(
        &m.id,
        dir,
        articles.map(|a| (a.id.as_str(), a.file.as_str())),
    )
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
pub(in crate::archive) fn cannot_read_body(article_id: &str, e: &io::Error) -> String {
    format!(
        "cannot read the body of article `{article_id}`: {e}; restore the file or remove the article from {MANIFEST}"
    )
}
