//! Loading an archive on several threads. A large archive is thousands of small files (one
//! manifest and some twenty article files per issue): opening, reading and parsing them is
//! independent per issue, so the issues are shared out among up to `MAX_THREADS` threads.
//! On two idle cores this cut the wall time to load 1,000 issues from 182 ms to 126 ms (see
//! BENCHMARKS.md); CPU time does not drop, and a small archive stays on one thread.
//! The result is exactly [`super::store::load`]'s: the same issues, the same problems in the
//! same order (each directory's result is put back in its place).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::model::{Archive, Issue};
use super::store::{LoadProblem, Store, load_each, load_issue};

/// More threads than this gain nothing on the storage behind one archive.
const MAX_THREADS: usize = 8;
/// Fewer issues per thread than this and starting the thread costs more than it saves.
const ISSUES_PER_THREAD: usize = 16;

/// Loads every issue `store` holds, like [`super::store::load`], on several threads when the
/// archive is large enough to gain from it.
pub fn load(store: &(dyn Store + Sync)) -> (Archive, Vec<LoadProblem>) {
    load_each(store, |dirs| {
        let threads = thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
            .min(dirs.len() / ISSUES_PER_THREAD);
        if threads <= 1 {
            return dirs.iter().map(|d| load_issue(store, d)).collect();
        }
        load_shared(store, dirs, threads)
    })
}

type Loaded = Result<Issue, LoadProblem>;

/// Each thread takes the next directory nobody has taken until none is left (issues differ in
/// size, so fixed shares would leave a thread idle).
fn load_shared(store: &(dyn Store + Sync), dirs: &[String], threads: usize) -> Vec<Loaded> {
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Loaded>> = (0..dirs.len()).map(|_| None).collect();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(dir) = dirs.get(i) else { break };
                        mine.push((i, load_issue(store, dir)));
                    }
                    mine
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(loaded) => {
                    for (i, result) in loaded {
                        slots[i] = Some(result);
                    }
                }
                // A panic while loading is a bug; surface it as the one-thread load would.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    slots
        .into_iter()
        .map(|s| s.expect("every directory is taken by exactly one thread"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let threads = load_shared(&store, &store.issue_dirs().unwrap(), 3);
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
