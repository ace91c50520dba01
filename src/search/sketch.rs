//! Which Chinese characters each body file holds, remembered between searches, so that a
//! search for a Chinese word reads only the bodies that may hold it.
//!
//! A query of caseless wide characters (see `raw_cjk`) matches only where each of its
//! characters stands in the file as it is: folding neither changes those characters nor makes
//! them out of others. So a body lacking one of them has no hit, and need not be read. Most
//! bodies of this magazine are English with a Chinese line or none: a search for `标准化` on
//! 1,000 issues finds it in 4,000 of 30,000 files, and reading the other 26,000 was most of
//! its time (the system's, opening and copying them).
//!
//! * **The sketch** of a file is a 256-bit set of its characters from U+3000 to U+9FFF (CJK
//!   punctuation, kana, ideographs), each setting one bit chosen by a hash. A query's sketch
//!   is made the same way; a file whose sketch lacks one of the query's bits lacks that
//!   character. Two characters may share a bit, which only means a file is read needlessly.
//! * **Kept** in the cache directory of the manifest cache (`archive::store::cache`, which
//!   says where and how `MAGREADER_NO_CACHE` turns it off), one file per archive, for archives
//!   of as many issues as that cache asks. Each sketch is filed under the state of the body's
//!   file when it was read (device, inode, size, modification and change times, taken before
//!   the read), and used only while a `stat` of the file gives the same state: any write
//!   moves the change time, which nobody can set back. As for manifests, a file changed within
//!   [`SETTLE`] of the search is not sketched yet. Links and files that are not regular are
//!   always read.
//! * **Made** by a search that reads the file anyway: the first Chinese search after a change
//!   reads every body, as without the cache, and writes what it learned (a temporary file
//!   renamed over the old one). A cache file that cannot be read, is damaged, or is another
//!   version's or another archive's is ignored.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::archive::Archive;
use crate::archive::store::cache::{
    self, Identity, MIN_ISSUES, SETTLE, cache_dir_from, cache_file_of,
};
use crate::regular_file::{self, Links};

/// A set of characters from U+3000 to U+9FFF (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sketch([u64; 4]);

impl Sketch {
    /// The characters of `raw` (UTF-8; in bytes that are not, whatever their lead bytes spell).
    pub fn of(raw: &[u8]) -> Sketch {
        let mut s = Sketch::default();
        if raw.is_ascii() {
            return s;
        }
        let mut i = 0;
        while i + 2 < raw.len() {
            // Eight ASCII bytes at a time: the bodies are mostly English.
            if let Some(w) = raw.get(i..i + 8)
                && u64::from_ne_bytes(w.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
                continue;
            }
            // U+3000..=U+9FFF is every three-byte sequence led by 0xE3..=0xE9; no other
            // character's bytes (lead or not) fall in that range.
            let b = raw[i];
            if (0xE3..=0xE9).contains(&b) {
                let c = (u32::from(b & 0x0F) << 12)
                    | (u32::from(raw[i + 1] & 0x3F) << 6)
                    | u32::from(raw[i + 2] & 0x3F);
                s.add(c);
                i += 3;
            } else {
                i += 1;
            }
        }
        s
    }

    fn add(&mut self, c: u32) {
        let bit = c.wrapping_mul(0x9E37_79B1) >> 24;
        self.0[(bit >> 6) as usize] |= 1 << (bit & 63);
    }

    /// Whether every character of `query` may be in the text this sketches.
    pub fn holds(&self, query: &Sketch) -> bool {
        self.0.iter().zip(query.0).all(|(s, q)| s & q == q)
    }
}

/// Words in one record of the file: an [`Identity`] and a [`Sketch`].
const RECORD: usize = 7 + 4;

/// Largest cache file read: 30,000 bodies make 2.6 MB.
const MAX_FILE_BYTES: u64 = 1 << 28;

const MAGIC: &str = concat!("magreader sketch cache ", env!("CARGO_PKG_VERSION"), "\n");

/// The sketches of one archive's bodies, as read at the start of a search, and what the
/// search adds.
pub struct SketchStore {
    file: PathBuf,
    archive: String,
    /// Sorted by identity, so a file's state is found by binary search.
    records: Vec<(Identity, Sketch)>,
    fresh: Mutex<Vec<(Identity, Sketch)>>,
    settle: Duration,
}

impl SketchStore {
    /// The store of `archive`, when it is large enough and on disk, and the environment allows
    /// a cache (see the module docs).
    pub fn for_archive(archive: &Archive) -> Option<SketchStore> {
        if archive.issues.len() < MIN_ISSUES {
            return None;
        }
        let root = archive
            .issues
            .iter()
            .flat_map(|i| &i.sections)
            .flat_map(|s| &s.articles)
            .find_map(|a| a.body.issue_dir())?
            .root()
            .to_path_buf();
        let dir = cache_dir_from(|k| std::env::var_os(k))?;
        SketchStore::open(&dir, &root, SETTLE)
    }

    /// The store of the archive directory `root` kept in `cache_dir` (empty when there is
    /// none yet or it is unusable), trusting files changed `settle` ago or longer.
    pub fn open(cache_dir: &Path, root: &Path, settle: Duration) -> Option<SketchStore> {
        let (file, archive) = cache_file_of(cache_dir, root, "sketches")?;
        let bytes = regular_file::read(&file, Links::Follow, MAX_FILE_BYTES).unwrap_or_default();
        Some(SketchStore {
            records: decode(&bytes, &archive).unwrap_or_default(),
            file,
            archive,
            fresh: Mutex::new(Vec::new()),
            settle,
        })
    }

    /// The sketch of the file whose state is `id`, if it was sketched in that state.
    pub fn get(&self, id: &Identity) -> Option<Sketch> {
        let i = self.records.binary_search_by(|(r, _)| r.cmp(id)).ok()?;
        Some(self.records[i].1)
    }

    /// Keeps `sketch`, made from the file that had the state `id` before it was read, unless
    /// the file changed too recently to trust its times.
    pub fn remember(&self, id: Identity, sketch: Sketch) {
        if id.settled(SystemTime::now(), self.settle) {
            self.fresh
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((id, sketch));
        }
    }

    /// Writes the store anew if this search added to it. `bodies`: how many files the
    /// archive has, beyond twice which the sketches of files gone are dropped.
    pub fn save(self, bodies: usize) {
        let fresh = self.fresh.into_inner().unwrap_or_else(|p| p.into_inner());
        if fresh.is_empty() {
            return;
        }
        // A file's older states are superseded by its newest.
        let mut files: std::collections::HashSet<[u64; 2]> =
            fresh.iter().map(|(id, _)| [id.0[0], id.0[1]]).collect();
        let mut all = fresh;
        if self.records.len() + all.len() <= 2 * bodies {
            all.extend(
                self.records
                    .into_iter()
                    .filter(|(id, _)| files.insert([id.0[0], id.0[1]])),
            );
        }
        all.sort_unstable_by_key(|a| a.0);
        let _ = cache::write_replacing(&self.file, &encode(&self.archive, &all));
    }
}

fn encode(archive: &str, records: &[(Identity, Sketch)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + archive.len() + records.len() * RECORD * 8);
    for s in [MAGIC, archive] {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&(records.len() as u64).to_le_bytes());
    for (id, sketch) in records {
        for w in id.0.iter().chain(&sketch.0) {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

/// The records of a cache file of `archive`; `None` if it is not one.
fn decode(bytes: &[u8], archive: &str) -> Option<Vec<(Identity, Sketch)>> {
    let mut rest = bytes;
    let word = |rest: &mut &[u8]| -> Option<u64> {
        let (w, tail) = rest.split_first_chunk::<8>()?;
        *rest = tail;
        Some(u64::from_le_bytes(*w))
    };
    for expected in [MAGIC, archive] {
        let n = usize::try_from(word(&mut rest)?).ok()?;
        let (s, tail) = rest.split_at_checked(n)?;
        if s != expected.as_bytes() {
            return None;
        }
        rest = tail;
    }
    let n = usize::try_from(word(&mut rest)?).ok()?;
    if rest.len() != n.checked_mul(RECORD * 8)? {
        return None;
    }
    let words: Vec<u64> = rest
        .chunks_exact(8)
        .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
        .collect();
    let records: Vec<(Identity, Sketch)> = words
        .chunks_exact(RECORD)
        .map(|r| {
            let mut id = [0; 7];
            id.copy_from_slice(&r[..7]);
            let mut s = [0; 4];
            s.copy_from_slice(&r[7..]);
            (Identity(id), Sketch(s))
        })
        .collect();
    records.is_sorted_by(|a, b| a.0 < b.0).then_some(records)
}

#[cfg(test)]
#[path = "sketch_tests.rs"]
mod tests;
