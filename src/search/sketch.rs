//! What each body file holds, in brief, remembered between searches, so that a search for a
//! word reads only the bodies that may hold it.
//!
//! A query of caseless wide characters (see `raw_cjk`) matches only where each of its
//! characters stands in the file as it is, and a query of ASCII words (see `raw_match`) only
//! where each word stands in the file's bytes, ASCII-lowercased, unless the file holds one of
//! the two characters that lowercase to ASCII (`prefilter::TO_ASCII`). So a body lacking one
//! of the query's characters, or one of its trigrams (three characters in a row, a space being a
//! whitespace run), has no hit
//! and need not be read. On 1,000 issues `标准化` is in 4,000 of 30,000 files,
//! `international standards` in 10,000 and `accenture` in 200; reading the others was most of
//! a search's time (the system's, opening and copying them).
//!
//! * **The sketch** of a file is two sets, each bit set by a hash: its characters from U+3000
//!   to U+9FFF (CJK punctuation, kana, ideographs; 256 bits), and its trigrams, three symbols
//!   in a row, a symbol being a printable ASCII byte, lowercased, or one space for a whole
//!   whitespace run, as folding spaces it (2,048 bits; all set when the file holds a character
//!   that lowercases to ASCII). So the trigrams of a phrase span its spaces, and a file holding
//!   both words of `international standards` apart need not pass. A query's sketch is made
//!   the same way from its folded form. A file whose sketch lacks one of the query's bits lacks what that
//!   bit stands for; two things may share a bit, which only means a file is read needlessly.
//! * **Kept** in the cache directory of the manifest cache (`archive::store::cache`, which
//!   says where and how `MAGREADER_NO_CACHE` turns it off), one file per archive, for archives
//!   of as many issues as that cache asks. Each sketch is filed under the state of the body's
//!   file when it was read (device, inode, size, modification and change times, taken before
//!   the read), and used only while a `stat` of the file gives the same state: any write
//!   moves the change time, which nobody can set back. As for manifests, a file changed within
//!   [`SETTLE`] of the search is not sketched yet. Links and files that are not regular are
//!   always read. (Where the change time is not one, on vfat, which keeps the creation time,
//!   or sshfs, which reports the modification time, an edit of the same size that also sets
//!   the modification time back would go unseen: `MAGREADER_NO_CACHE=1` there.)
//! * **Made** by a search that reads the file anyway: the first such search after a change
//!   reads every body, as without the cache, and writes what it learned (a temporary file
//!   renamed over the old one). A cache file that cannot be read, is damaged, or is another
//!   version's or another archive's is ignored.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::fold::is_space;
use super::prefilter::TO_ASCII;
use crate::archive::Archive;
use crate::archive::store::cache::{
    self, Identity, MIN_ISSUES, SETTLE, cache_dir_from, cache_file_of, read_header, write_header,
};
use crate::archive::store::codec::{Reader, Writer};
use crate::regular_file::{self, Links};

/// Words of each set of a [`Sketch`].
const CJK_WORDS: usize = 4;
const TRIGRAM_WORDS: usize = 32;

/// What a text holds, in brief (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sketch {
    cjk: [u64; CJK_WORDS],
    trigrams: [u64; TRIGRAM_WORDS],
}

impl Default for Sketch {
    fn default() -> Sketch {
        Sketch {
            cjk: [0; CJK_WORDS],
            trigrams: [0; TRIGRAM_WORDS],
        }
    }
}

impl Sketch {
    /// The sketch of `raw` (UTF-8; of bytes that are not, whatever their lead bytes spell:
    /// such a text has no hits anyway).
    pub fn of(raw: &[u8]) -> Sketch {
        let mut s = Sketch::default();
        // The last three symbols in a row, and how many there were: a printable ASCII byte,
        // lowercased, or one space for a whole run of whitespace (as folding makes it); any
        // other character ends the row.
        let mut row = Row::default();
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b < 0x80 {
                match ASCII_SYMBOL[usize::from(b)] {
                    0 => row = Row::default(),
                    symbol => row.push(&mut s, symbol),
                }
                i += 1;
                continue;
            }
            let Some(c) = char_at(raw, i) else {
                row = Row::default();
                i += 1;
                continue;
            };
            if is_space(c) {
                row.push(&mut s, b' ');
            } else {
                row = Row::default();
            }
            if ('\u{3000}'..='\u{9fff}').contains(&c) {
                s.add_cjk(c as u32);
            }
            if TO_ASCII.iter().any(|(special, _)| *special == c) {
                s.trigrams = [!0; TRIGRAM_WORDS];
            }
            i += c.len_utf8();
        }
        s
    }

    fn add_cjk(&mut self, c: u32) {
        let bit = c.wrapping_mul(0x9e37_79b1) >> 24;
        self.cjk[(bit >> 6) as usize] |= 1 << (bit & 63);
    }

    fn add_trigram(&mut self, t: u32) {
        let bit = t.wrapping_mul(0x9e37_79b1) >> 21;
        self.trigrams[(bit >> 6) as usize] |= 1 << (bit & 63);
    }

    /// Whether everything `query` sketches may be in the text this sketches.
    pub fn holds(&self, query: &Sketch) -> bool {
        let subset = |s: &[u64], q: &[u64]| s.iter().zip(q).all(|(s, q)| s & q == *q);
        subset(&self.cjk, &query.cjk) && subset(&self.trigrams, &query.trigrams)
    }

    fn words(&self) -> impl Iterator<Item = u64> + '_ {
        self.cjk.iter().chain(&self.trigrams).copied()
    }

    fn from_words(w: &[u64]) -> Sketch {
        let mut s = Sketch::default();
        s.cjk.copy_from_slice(&w[..CJK_WORDS]);
        s.trigrams.copy_from_slice(&w[CJK_WORDS..]);
        s
    }
}

/// Each ASCII byte's symbol (see [`Sketch::of`]): itself lowercased if printable, a space if
/// whitespace (as `fold::is_space` says), else 0 (ends the row).
const ASCII_SYMBOL: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            0x21..=0x7e => (b as u8).to_ascii_lowercase(),
            b'\0' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => b' ',
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The symbols in a row so far (see [`Sketch::of`]).
#[derive(Default)]
struct Row {
    /// The last three, one per byte.
    last: u32,
    len: u32,
}

impl Row {
    fn push(&mut self, s: &mut Sketch, symbol: u8) {
        if symbol == b' ' && self.len > 0 && self.last & 0xff == u32::from(b' ') {
            return;
        }
        self.last = ((self.last << 8) | u32::from(symbol)) & 0xff_ffff;
        self.len += 1;
        if self.len >= 3 {
            s.add_trigram(self.last);
        }
    }
}

/// The character whose UTF-8 starts at `raw[i]`, if it is one.
fn char_at(raw: &[u8], i: usize) -> Option<char> {
    let n = match raw[i] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let bytes = raw.get(i..i + n)?;
    std::str::from_utf8(bytes).ok()?.chars().next()
}

/// Words in one record of the file: an [`Identity`] and a [`Sketch`].
const RECORD: usize = 7 + CJK_WORDS + TRIGRAM_WORDS;

/// Largest cache file read: 30,000 bodies make 10 MB.
const MAX_FILE_BYTES: u64 = 1 << 30;

const MAGIC: &str = concat!(
    "magreader sketch cache (characters, trigrams) ",
    env!("CARGO_PKG_VERSION"),
    "\n"
);

/// The sketches of one archive's bodies, as read at the start of a search, and what the
/// search adds.
pub struct SketchStore {
    file: PathBuf,
    archive: String,
    /// The file as read; its records (sorted by identity, so a file's state is found by
    /// binary search) are read in place.
    bytes: Vec<u8>,
    /// Where the records start in `bytes`, and how many there are.
    start: usize,
    count: usize,
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
        let mut store = SketchStore {
            file,
            archive,
            bytes,
            start: 0,
            count: 0,
            fresh: Mutex::new(Vec::new()),
            settle,
        };
        match records(&store.bytes, &store.archive) {
            Some((start, count)) => (store.start, store.count) = (start, count),
            None => store.bytes = Vec::new(),
        }
        if !(1..store.count).all(|i| store.identity(i - 1) < store.identity(i)) {
            store.count = 0;
        }
        Some(store)
    }

    fn word(&self, record: usize, w: usize) -> u64 {
        let at = self.start + (record * RECORD + w) * 8;
        u64::from_le_bytes(self.bytes[at..at + 8].try_into().unwrap_or_default())
    }

    fn identity(&self, record: usize) -> Identity {
        Identity(std::array::from_fn(|w| self.word(record, w)))
    }

    fn sketch(&self, record: usize) -> Sketch {
        let w: [u64; RECORD - 7] = std::array::from_fn(|w| self.word(record, 7 + w));
        Sketch::from_words(&w)
    }

    /// How many files the store knows.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The sketch of the file whose state is `id`, if it was sketched in that state.
    pub fn get(&self, id: &Identity) -> Option<Sketch> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.identity(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.sketch(mid)),
            }
        }
        None
    }

    /// Keeps `sketch`, made from the file that had the state `id` when `seen` (both taken
    /// before it was read), unless the file had changed too recently then to trust its times.
    pub fn remember(&self, id: Identity, seen: SystemTime, sketch: Sketch) {
        if id.settled(seen, self.settle) {
            self.fresh
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((id, sketch));
        }
    }

    /// Writes the store anew if this search added to it. `bodies`: how many files the
    /// archive has, beyond twice which the sketches of files gone are dropped.
    pub fn save(self, bodies: usize) {
        let fresh = self.fresh.lock().unwrap_or_else(|p| p.into_inner());
        if fresh.is_empty() {
            return;
        }
        // A file's older states are superseded by its newest.
        let mut files: std::collections::HashSet<[u64; 2]> =
            fresh.iter().map(|(id, _)| [id.0[0], id.0[1]]).collect();
        let mut all = fresh.clone();
        if self.count + all.len() <= 2 * bodies {
            all.extend(
                (0..self.count)
                    .map(|r| (self.identity(r), self.sketch(r)))
                    .filter(|(id, _)| files.insert([id.0[0], id.0[1]])),
            );
        }
        all.sort_unstable_by_key(|a| a.0);
        // Hard links are one file, read once per name: one record.
        all.dedup_by_key(|a| a.0);
        let _ = cache::write_replacing(&self.file, &encode(&self.archive, &all));
    }
}

fn encode(archive: &str, records: &[(Identity, Sketch)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + archive.len() + records.len() * RECORD * 8);
    let mut w = Writer(&mut out);
    write_header(&mut w, MAGIC, archive);
    w.len(records.len());
    for (id, sketch) in records {
        for v in id.0.iter().copied().chain(sketch.words()) {
            w.u64(v);
        }
    }
    out
}

/// Where the records of a cache file of `archive` start, and how many there are; `None` if
/// it is not one.
fn records(bytes: &[u8], archive: &str) -> Option<(usize, usize)> {
    let mut r = Reader(bytes);
    read_header(&mut r, MAGIC, archive)?;
    let n = r.u32()? as usize;
    (r.0.len() == n.checked_mul(RECORD * 8)?).then_some((bytes.len() - r.0.len(), n))
}

#[cfg(test)]
#[path = "sketch_tests.rs"]
mod tests;
