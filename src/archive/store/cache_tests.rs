use std::path::Path;
use std::time::Duration;

use super::*;
use crate::archive::fixture;
use crate::archive::model::{Archive, Issue, Missing};
use crate::archive::store::codec;
use crate::archive::store::manifest::Manifest;
use crate::archive::store::{DirStore, LoadProblem, load};
use crate::archive::{load_builtin, parallel};

/// Long enough for any file system clock to tick past a write (see `SETTLE`), short for tests.
const TEST_SETTLE: Duration = Duration::from_millis(60);

fn issue(n: u32) -> Issue {
    let body = format!("Body of article {n}.\n");
    let article = fixture::article(&format!("a{n}"), &format!("Article {n}"), &body);
    fixture::issue(&format!("2000-{n:03}"), 2000, n, vec![article])
}

fn archive_of(issues: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..issues {
        crate::archive::store::write_issue(dir.path(), &issue(n), b"source").unwrap();
    }
    dir
}

/// Loads `root` as `load_dir` does, with the cache in `cache_dir` whatever the archive's size
/// and settling as in tests.
fn load_cached(root: &Path, cache_dir: &Path) -> (Archive, Vec<LoadProblem>) {
    let store = DirStore {
        root: root.to_path_buf(),
    };
    parallel::load_caching(&store, |_| {
        ManifestCache::open_settling(cache_dir, root, TEST_SETTLE)
    })
}

/// An archive of `issues` issues, settled, loaded once with the cache in the second
/// directory.
fn cached_archive(issues: u32) -> (tempfile::TempDir, tempfile::TempDir) {
    let (root, cache_dir) = (archive_of(issues), tempfile::tempdir().unwrap());
    std::thread::sleep(TEST_SETTLE);
    load_cached(root.path(), cache_dir.path());
    (root, cache_dir)
}

fn load_plain(root: &Path) -> (Archive, Vec<LoadProblem>) {
    load(&DirStore {
        root: root.to_path_buf(),
    })
}

/// How many issues of `root` the cache in `cache_dir` would answer for now.
fn hits(root: &Path, cache_dir: &Path) -> usize {
    let cache = ManifestCache::open_settling(cache_dir, root, TEST_SETTLE).unwrap();
    let dirs = std::fs::read_dir(root.join("issues")).unwrap();
    dirs.filter(|d| {
        let name = d.as_ref().unwrap().file_name();
        matches!(cache.lookup(name.to_str().unwrap()), Lookup::Hit(_))
    })
    .count()
}

fn json(m: &Manifest) -> String {
    serde_json::to_string(m).unwrap()
}

#[test]
fn every_manifest_reads_back_as_written() {
    let (archive, problems) = load_builtin();
    assert!(problems.is_empty());
    let mut manifests: Vec<Manifest> = archive.issues.iter().map(Manifest::of).collect();
    // What the built-in archive lacks: missing articles, redirects, every kind and option.
    let mut extra = Manifest::of(&issue(1));
    extra.missing.push(Missing {
        section: "Spotlight".into(),
        title: "A lost one".into(),
        title_zh: Some("标准".into()),
    });
    extra.redirects.insert("old-id".into(), "a1".into());
    extra.kind = crate::archive::IssueKind::Report;
    extra.volume = Some(7);
    extra.sections[0].kind = crate::archive::SectionKind::Chapter;
    manifests.push(extra);
    for m in &manifests {
        let mut bytes = Vec::new();
        codec::encode(m, &mut bytes);
        let back = codec::decode(&bytes).expect("decodes");
        assert_eq!(json(&back), json(m));
        // A cut-off entry is refused, not read short.
        assert!(codec::decode(&bytes[..bytes.len() - 1]).is_none());
    }
}

#[test]
fn a_cached_load_is_the_parsed_load_and_answers_from_the_cache() {
    let root = archive_of(12);
    let cache_dir = tempfile::tempdir().unwrap();
    std::thread::sleep(TEST_SETTLE);
    let plain = load_plain(root.path());
    let first = load_cached(root.path(), cache_dir.path());
    assert_eq!(hits(root.path(), cache_dir.path()), 12);
    let second = load_cached(root.path(), cache_dir.path());
    assert_eq!(first.0.issues, plain.0.issues);
    assert_eq!(second.0.issues, plain.0.issues);
    assert!(plain.1.is_empty() && first.1.is_empty() && second.1.is_empty());
}

#[test]
fn a_manifest_changed_since_is_read_again() {
    let (root, cache_dir) = cached_archive(3);
    assert_eq!(hits(root.path(), cache_dir.path()), 3);
    // The same length, written in place (the same inode): only the times tell.
    let path = root.path().join("issues/2000-001/issue.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("\"Article 1\"", "\"Article X\"");
    assert_eq!(changed.len(), text.len());
    std::fs::write(&path, changed).unwrap();
    let (archive, _) = load_cached(root.path(), cache_dir.path());
    let issue = archive.issues.iter().find(|i| i.id == "2000-001").unwrap();
    assert_eq!(issue.sections[0].articles[0].title, "Article X");
    // Changed just now: parsed, and not cached until it has settled.
    assert_eq!(hits(root.path(), cache_dir.path()), 2);
    std::thread::sleep(TEST_SETTLE);
    load_cached(root.path(), cache_dir.path());
    assert_eq!(hits(root.path(), cache_dir.path()), 3);
}

#[test]
fn what_the_loader_refuses_is_refused_with_a_cache_too() {
    let (root, cache_dir) = cached_archive(4);
    let issues = root.path().join("issues");
    // An issue directory replaced by a link to itself moved elsewhere (the same files).
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("2000-002");
    std::fs::rename(issues.join("2000-002"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, issues.join("2000-002")).unwrap();
    // A manifest removed, and one broken.
    std::fs::remove_file(issues.join("2000-000/issue.json")).unwrap();
    std::fs::write(issues.join("2000-003/issue.json"), "{ not json").unwrap();
    let plain = load_plain(root.path());
    let cached = load_cached(root.path(), cache_dir.path());
    assert_eq!(cached.0.issues, plain.0.issues);
    assert_eq!(cached.1, plain.1);
    assert_eq!(plain.0.issues.len(), 1);
    assert_eq!(plain.1.len(), 3, "{:?}", plain.1);
}

#[test]
fn a_damaged_or_foreign_cache_file_is_not_used() {
    let a = archive_of(3);
    let b = archive_of(3);
    // The same ids, other titles.
    let path = b.path().join("issues/2000-001/issue.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("\"Article 1\"", "\"Other\"")).unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    std::thread::sleep(TEST_SETTLE);
    load_cached(a.path(), cache_dir.path());
    let (a_file, _) = cache_file(cache_dir.path(), a.path()).unwrap();
    let (b_file, _) = cache_file(cache_dir.path(), b.path()).unwrap();
    // Archive a's cache under archive b's name: b's own manifests are read.
    std::fs::copy(&a_file, &b_file).unwrap();
    assert_eq!(hits(b.path(), cache_dir.path()), 0);
    assert_eq!(
        load_cached(b.path(), cache_dir.path()).0.issues,
        load_plain(b.path()).0.issues
    );
    // Damaged: cut short, or bytes changed inside it.
    let bytes = std::fs::read(&a_file).unwrap();
    for damaged in [bytes[..bytes.len() / 2].to_vec(), {
        let mut d = bytes.clone();
        let at = d.len() - 40;
        d[at..at + 8].copy_from_slice(&[0xff; 8]);
        d
    }] {
        std::fs::write(&a_file, damaged).unwrap();
        assert_eq!(
            load_cached(a.path(), cache_dir.path()).0.issues,
            load_plain(a.path()).0.issues
        );
    }
}

#[test]
fn only_a_large_archive_keeps_a_cache_and_the_environment_places_it() {
    let cache_dir = tempfile::tempdir().unwrap();
    let small = archive_of(3);
    std::thread::sleep(TEST_SETTLE);
    parallel::load_dir(
        &DirStore {
            root: small.path().to_path_buf(),
        },
        Some(cache_dir.path()),
    );
    assert_eq!(std::fs::read_dir(cache_dir.path()).unwrap().count(), 0);
    let at = |pairs| cache_dir_from(crate::user_dirs::env_of(pairs));
    assert_eq!(
        at(&[("MAGREADER_CACHE_DIR", "/c"), ("HOME", "/h")]),
        Some("/c".into())
    );
    assert_eq!(
        at(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")]),
        Some("/x/magreader".into())
    );
    assert_eq!(
        at(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")]),
        Some("/h/.cache/magreader".into())
    );
    assert_eq!(
        at(&[("MAGREADER_NO_CACHE", "1"), ("MAGREADER_CACHE_DIR", "/c")]),
        None
    );
    assert_eq!(at(&[]), None);
}

#[test]
fn a_fifo_in_place_of_the_cache_file_is_not_waited_on() {
    let root = archive_of(3);
    let cache_dir = tempfile::tempdir().unwrap();
    let (file, _) = cache_file(cache_dir.path(), root.path()).unwrap();
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &file,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
    // No writer ever opens it: a blocking open would hang the test here.
    let cached = load_cached(root.path(), cache_dir.path());
    assert_eq!(cached.0.issues, load_plain(root.path()).0.issues);
}
