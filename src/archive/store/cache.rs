//! The manifest cache: what a large archive's `issue.json` files say, kept parsed in one file,
//! so that `search`, `find`, `list` and the reader start without parsing a thousand JSON files
//! (a tenth of a whole-archive search's CPU time on 1,000 issues, see BENCHMARKS.md).
//!
//! * **Where**: `$MAGREADER_CACHE_DIR` if set, else `$XDG_CACHE_HOME/magreader` (when
//!   absolute), else `$HOME/.cache/magreader`; one file per archive directory, named by a hash
//!   of its canonical path, which the file also holds and is checked against.
//!   `MAGREADER_NO_CACHE=1` turns it off. Only archives of [`MIN_ISSUES`] issues or more use
//!   it: a small one parses in a millisecond.
//! * **Trust**: an entry is used only while the manifest is the same file, unchanged: the
//!   same device, inode, size, modification and change times (the change time cannot be set
//!   back by anyone, and any write moves it). The file's state is taken before it is read, so a
//!   write racing the read leaves the entry stale, never wrong. A manifest changed within
//!   [`SETTLE`] of the load is not cached yet: a file system's clock ticks coarsely, and a write
//!   in the same tick would leave the times as they were. The issue directory must be a real
//!   directory and the manifest a regular file, as the loader requires.
//! * **Failure**: the cache is only ever a shortcut. One that cannot be read, is damaged, or
//!   was written by another version of magreader is ignored; one that cannot be written is not
//!   written. Either way the manifests are parsed as without it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::MANIFEST;
use super::codec::{Reader, Writer, decode, encode};
use super::manifest::Manifest;
use crate::regular_file::{self, Links};

/// Archives with fewer issues than this parse their manifests in about a millisecond.
pub const MIN_ISSUES: usize = 64;

/// Largest cache file read: 1,000 issues make 7 MB.
const MAX_CACHE_BYTES: u64 = 1 << 30;

/// A manifest changed this recently is parsed, not cached (see the module docs).
pub const SETTLE: Duration = Duration::from_secs(2);

/// Names the form of the file: the version of magreader that wrote it.
const MAGIC: &str = concat!("magreader manifest cache ", env!("CARGO_PKG_VERSION"), "\n");

/// Where the cache files live, from the environment (see the module docs); `None`: no cache.
pub fn cache_dir_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if env("MAGREADER_NO_CACHE").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    crate::user_dirs::user_dir(env, "MAGREADER_CACHE_DIR", "XDG_CACHE_HOME", ".cache")
}

/// The cache file of the archive directory `root` in `cache_dir`, and the canonical path the
/// file must name; `None` when the archive's path cannot be resolved.
pub fn cache_file(cache_dir: &Path, root: &Path) -> Option<(PathBuf, String)> {
    cache_file_of(cache_dir, root, "manifests")
}

/// [`cache_file`] for another kind of cache of the same archive, named `kind-HASH.bin`.
pub fn cache_file_of(cache_dir: &Path, root: &Path, kind: &str) -> Option<(PathBuf, String)> {
    let canonical = fs::canonicalize(root).ok()?.to_str()?.to_string();
    // FNV-1a: stable across builds, unlike the standard hasher.
    let hash = canonical.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Some((cache_dir.join(format!("{kind}-{hash:016x}.bin")), canonical))
}

/// Starts a cache file: the name of its form (`magic`, which names the version that wrote it)
/// and the canonical path of its archive.
pub fn write_header(w: &mut Writer<'_>, magic: &str, archive: &str) {
    w.str(magic);
    w.str(archive);
}

/// Reads past the header [`write_header`] wrote, if it is that of `magic` and `archive`.
pub fn read_header(r: &mut Reader<'_>, magic: &str, archive: &str) -> Option<()> {
    (r.str()? == magic && r.str()? == archive).then_some(())
}

/// A file's state: what must be unchanged for its entry to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Identity(pub [u64; 7]);

impl Identity {
    /// From a `stat` of the file (device and inode first, so identities sort by file).
    // The fields' types differ between platforms; some are already `u64` here.
    #[allow(clippy::unnecessary_cast)]
    pub fn of_stat(s: &rustix::fs::Stat) -> Identity {
        Identity([
            s.st_dev as u64,
            s.st_ino as u64,
            s.st_size as u64,
            s.st_mtime as u64,
            s.st_mtime_nsec as u64,
            s.st_ctime as u64,
            s.st_ctime_nsec as u64,
        ])
    }

    /// Whether the file changed so recently that a change in the same clock tick could
    /// follow unseen.
    /// A time before 1970 (stored as a huge number) or past what the clock holds is not
    /// settled: such a file is never cached, rather than the addition overflowing.
    pub fn settled(&self, now: SystemTime, settle: Duration) -> bool {
        let at = |s: u64, ns: u64| {
            SystemTime::UNIX_EPOCH
                .checked_add(Duration::from_secs(i64::try_from(s).ok()?.try_into().ok()?))?
                .checked_add(Duration::from_nanos(ns))
        };
        let (Some(m), Some(c)) = (at(self.0[3], self.0[4]), at(self.0[5], self.0[6])) else {
            return false;
        };
        now.duration_since(m.max(c)).is_ok_and(|age| age >= settle)
    }
}

/// What the cache says about one issue directory.
pub(in crate::archive) enum Lookup {
    /// Its manifest, as parsed and checked when it was cached.
    Hit(Manifest),
    /// Not usable: parse the manifest. The manifest's state when looked at, if it is a
    /// regular file in a real directory (what to cache the parsed manifest under).
    Miss(Option<Identity>),
}

/// The cache of one archive directory, as read at the start of a load, and what the load
/// adds to it.
pub struct ManifestCache {
    file: PathBuf,
    archive: String,
    issues: PathBuf,
    bytes: Vec<u8>,
    /// Issue directory → its manifest's identity and encoded manifest (a range of `bytes`).
    entries: HashMap<String, (Identity, std::ops::Range<usize>)>,
    hits: Mutex<HashSet<String>>,
    /// Manifests parsed in this load: issue directory, identity, encoded manifest.
    fresh: Mutex<Vec<(String, Identity, Vec<u8>)>>,
    /// [`SETTLE`], shorter in tests.
    settle: Duration,
}

impl ManifestCache {
    /// The cache of the archive `root` kept in `cache_dir`, empty when there is none yet (or
    /// it is unusable); `None` when the archive's path cannot be resolved.
    pub fn open(cache_dir: &Path, root: &Path) -> Option<ManifestCache> {
        Self::open_settling(cache_dir, root, SETTLE)
    }

    fn open_settling(cache_dir: &Path, root: &Path, settle: Duration) -> Option<ManifestCache> {
        let (file, archive) = cache_file(cache_dir, root)?;
        // Read as the archive's files are: a FIFO or a device put in its place is refused,
        // not waited on.
        let bytes = regular_file::read(&file, Links::Follow, MAX_CACHE_BYTES).unwrap_or_default();
        let entries = index(&bytes, &archive).unwrap_or_default();
        Some(ManifestCache {
            file,
            archive,
            issues: root.join("issues"),
            bytes,
            entries,
            hits: Mutex::new(HashSet::new()),
            fresh: Mutex::new(Vec::new()),
            settle,
        })
    }

    /// The cached manifest of the issue directory `dir`, if its file is unchanged.
    pub(in crate::archive) fn lookup(&self, dir: &str) -> Lookup {
        let path = self.issues.join(dir);
        // `lstat`: a link in either place is refused, as the loader refuses it.
        let is = |path: &Path, kind: rustix::fs::FileType| {
            rustix::fs::lstat(path)
                .ok()
                .filter(|s| rustix::fs::FileType::from_raw_mode(s.st_mode) == kind)
        };
        let identity = is(&path, rustix::fs::FileType::Directory)
            .and_then(|_| is(&path.join(MANIFEST), rustix::fs::FileType::RegularFile))
            .map(|s| Identity::of_stat(&s));
        let Some(identity) = identity else {
            return Lookup::Miss(None);
        };
        let cached = self
            .entries
            .get(dir)
            .filter(|(id, _)| *id == identity)
            .and_then(|(_, range)| decode(&self.bytes[range.clone()]));
        match cached {
            Some(m) => {
                lock(&self.hits).insert(dir.to_string());
                Lookup::Hit(m)
            }
            None => Lookup::Miss(Some(identity)),
        }
    }

    /// Keeps `m`, parsed and checked from the manifest of `dir` that had `identity` before it
    /// was read, for the next load (unless it changed too recently to trust its times).
    pub(in crate::archive) fn remember(&self, dir: &str, identity: Identity, m: &Manifest) {
        if !identity.settled(SystemTime::now(), self.settle) {
            return;
        }
        let mut encoded = Vec::new();
        encode(m, &mut encoded);
        lock(&self.fresh).push((dir.to_string(), identity, encoded));
    }

    /// Writes the cache anew if this load changed it: it then holds the entries of `dirs`
    /// that were used or parsed in this load. Best effort (see the module docs).
    pub fn save(self, dirs: &[String]) {
        let hits = self.hits.into_inner().unwrap_or_else(|p| p.into_inner());
        let fresh = self.fresh.into_inner().unwrap_or_else(|p| p.into_inner());
        if fresh.is_empty() && hits.len() == self.entries.len() {
            return;
        }
        let fresh: HashMap<&str, (Identity, &[u8])> = fresh
            .iter()
            .map(|(d, id, m)| (d.as_str(), (*id, m.as_slice())))
            .collect();
        let mut out = Vec::with_capacity(self.bytes.len().max(1 << 16));
        let mut w = Writer(&mut out);
        write_header(&mut w, MAGIC, &self.archive);
        let kept = dirs.iter().filter_map(|d| {
            let entry = fresh.get(d.as_str()).copied().or_else(|| {
                let (id, range) = self.entries.get(d).filter(|_| hits.contains(d))?;
                Some((*id, &self.bytes[range.clone()]))
            })?;
            Some((d, entry))
        });
        let kept: Vec<_> = kept.collect();
        w.len(kept.len());
        for (dir, (identity, manifest)) in kept {
            w.str(dir);
            for v in identity.0 {
                w.u64(v);
            }
            w.len(manifest.len());
            w.0.extend_from_slice(manifest);
        }
        let _ = write_replacing(&self.file, &out);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The entries of a cache file of the archive `archive`: `None` if it is not one (another
/// version's, another archive's, damaged).
fn index(
    bytes: &[u8],
    archive: &str,
) -> Option<HashMap<String, (Identity, std::ops::Range<usize>)>> {
    let mut r = Reader(bytes);
    read_header(&mut r, MAGIC, archive)?;
    let n = r.u32()? as usize;
    let mut entries = HashMap::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let dir = r.str()?.to_string();
        let mut id = [0; 7];
        for v in &mut id {
            *v = r.u64()?;
        }
        let len = r.u32()? as usize;
        let start = bytes.len() - r.0.len();
        r.take(len)?;
        entries.insert(dir, (Identity(id), start..start + len));
    }
    r.0.is_empty().then_some(entries)
}

/// Writes `file` whole or not at all: a temporary file beside it, renamed over it. Two loads
/// saving at once each write a whole file; the last rename wins.
pub fn write_replacing(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    // Unique to this process and this save: loads in two threads may save at once.
    static SAVES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("cache"),
        std::process::id(),
        SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, file));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
