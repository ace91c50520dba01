//! Loading an archive on several threads. A large archive is thousands of small files (one
//! manifest and some twenty article files per issue): opening, reading and parsing them is
//! independent per issue, so the issues are shared out among up to `MAX_THREADS` threads.
//! On two idle cores this cut the wall time to load 1,000 issues from 182 ms to 126 ms (see
//! BENCHMARKS.md); CPU time does not drop, and a small archive stays on one thread.
//! The result is exactly [`super::store::load`]'s: the same issues, the same problems in the
//! same order (each directory's result is put back in its place).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use std::path::Path;

use super::model::Archive;
use super::store::cache::{self, ManifestCache};
use super::store::{DirStore, LoadProblem, Store, load_each, load_issue, load_issue_cached};

/// More threads than this gain nothing on the storage behind one archive.
const MAX_THREADS: usize = 8;
/// Fewer issues per thread than this and starting the thread costs more than it saves.
const ISSUES_PER_THREAD: usize = 16;

/// Loads every issue `store` holds, like [`super::store::load`], on several threads when the
/// archive is large enough to gain from it.
pub fn load(store: &(dyn Store + Sync)) -> (Archive, Vec<LoadProblem>) {
    load_each(store, |dirs| {
        map_in_order(dirs.len(), ISSUES_PER_THREAD, |i| {
            load_issue(store, &dirs[i])
        })
    })
}

/// [`load`] for an archive directory, with the manifest cache kept in `cache_dir` when the
/// archive is large enough to gain from it (see `store::cache`): `None` parses every manifest.
pub fn load_dir(store: &DirStore, cache_dir: Option<&Path>) -> (Archive, Vec<LoadProblem>) {
    load_caching(store, |dirs| {
        cache_dir
            .filter(|_| dirs.len() >= cache::MIN_ISSUES)
            .and_then(|d| ManifestCache::open(d, &store.root))
    })
}

/// [`load`] for an archive directory, with the manifest cache `open` gives for its issue
/// directories (`None`: no cache), saved when the load is done.
pub(in crate::archive) fn load_caching(
    store: &DirStore,
    open: impl FnOnce(&[String]) -> Option<ManifestCache>,
) -> (Archive, Vec<LoadProblem>) {
    load_each(store, |dirs| {
        let cache = open(dirs);
        let loaded = map_in_order(dirs.len(), ISSUES_PER_THREAD, |i| {
            load_issue_cached(store, &dirs[i], cache.as_ref())
        });
        if let Some(cache) = cache {
            cache.save(dirs);
        }
        loaded
    })
}

/// `f(0)`, `f(1)`, … `f(n - 1)`, in that order, computed on up to [`MAX_THREADS`] threads when
/// there are at least `per_thread` items for each (else on this one). Each thread takes the next
/// index nobody has taken until none is left (items differ in size, so fixed shares would leave
/// a thread idle). A panic in `f` is resumed here, as on one thread.
pub fn map_in_order<T: Send>(n: usize, per_thread: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(MAX_THREADS)
        .min(n / per_thread.max(1));
    map_on(threads, n, f)
}

/// [`map_in_order`] on exactly `threads` threads (this one when fewer than two).
fn map_on<T: Send>(threads: usize, n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<T>> = (0..n).map(|_| None).collect();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        mine.push((i, f(i)));
                    }
                    mine
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (i, result) in done {
                        slots[i] = Some(result);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    slots
        .into_iter()
        .map(|s| s.expect("every index is taken by exactly one thread"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Issue;
    use crate::archive::fixture;
    use crate::archive::store::write_issue;

    fn issue(n: u32) -> Issue {
        let body = format!("Body of article {n}.\n");
        let article = fixture::article(&format!("a{n}"), &format!("Article {n}"), &body);
        fixture::issue(&format!("2000-{n:03}"), 2000, n, vec![article])
    }

    /// Many issues (so several threads run), some broken in different ways: the same archive
    /// and the same problems, in the same order, as the one-thread load.
    #[test]
    fn same_result_as_one_thread() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..80 {
            write_issue(dir.path(), &issue(n), b"source").unwrap();
        }
        let issues = dir.path().join("issues");
        std::fs::write(issues.join("2000-007/issue.json"), "{ not json").unwrap();
        std::fs::remove_file(issues.join("2000-031/a31.md")).unwrap();
        std::fs::write(issues.join("2000-055/issue.json"), "[1, 2]").unwrap();
        let store = crate::archive::DirStore {
            root: dir.path().to_path_buf(),
        };
        let (one, one_problems) = crate::archive::store::load(&store);
        let dirs = store.issue_dirs().unwrap();
        let threads = map_on(3, dirs.len(), |i| load_issue(&store, &dirs[i]));
        let (many, many_problems) = load(&store);
        // The issue that lost an article file is kept, with that article shown as missing.
        assert_eq!(one.issues.len(), 78);
        assert_eq!(one_problems.len(), 2, "{one_problems:?}");
        let kept = |a: &crate::archive::Archive| {
            let issue = a.issues.iter().find(|i| i.id == "2000-031").unwrap();
            issue.sections[0].articles[0].body.is_unreadable()
        };
        assert!(kept(&one) && kept(&many));
        assert_eq!(one.issues, many.issues);
        assert_eq!(one_problems, many_problems);
        // Results come back in directory order whatever thread loaded them.
        for (i, r) in threads.iter().enumerate() {
            let name = format!("2000-{i:03}");
            match r {
                Ok(issue) => assert_eq!(issue.id, name),
                Err(p) => assert!(p.path.contains(&name), "{p:?} at {i}"),
            }
        }
    }
}
