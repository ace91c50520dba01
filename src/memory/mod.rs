//! Reading memory: per-article reading positions, the last-opened article, bookmarks and read
//! marks, kept in `state.json` in the XDG state directory and keyed by issue and article id
//! (so they survive a re-import of the archive).
//!
//! Positions are byte offsets into the article's Markdown body, anchored to the text there,
//! never wrapped-line numbers: a different terminal width reopens at the same sentence.
//!
//! [`Memory`] never fails to open: a missing directory or damaged file gives a fresh memory
//! and a notice for the status line ([`Memory::take_notice`]). Saving merges with whatever
//! another reader saved meanwhile (rules in `state`) and writes atomically (see `file`).

pub mod file;
pub mod last_chance;
pub mod state;

use std::path::{Path, PathBuf};

pub use state::{Bookmark, JumpPlace, Jumps, Position, State};
use state::{LastOpened, ReadMark, Tombstone};

/// Bytes of body text kept with a position to find it again after a re-import.
const ANCHOR_LEN: usize = 48;

#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// Memory is not being saved this session (the reason was given as the notice).
    #[error("reading memory is not saved this session: {0}")]
    Disabled(String),
    #[error("cannot save reading memory to {path}: {source}; check that the directory is writable")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The reader's memory: a copy of the state, saved (merged) on [`Memory::save`]. A clone saves
/// like the original (see `last_chance`).
#[derive(Debug, Clone)]
pub struct Memory {
    path: PathBuf,
    state: State,
    dirty: bool,
    /// Counts changes, so a copy kept for a last-chance save is refreshed only when needed.
    changes: u64,
    /// Why saving is off (no directory, an unreadable file, a newer schema), if it is.
    disabled: Option<String>,
    notice: Option<String>,
}

impl Memory {
    /// Opens the memory in the state directory from the environment (see `file`).
    pub fn open_default() -> Memory {
        match file::state_dir() {
            Ok(dir) => Memory::open(&dir),
            Err(why) => Memory::off(PathBuf::new(), why),
        }
    }

    /// Opens `dir/state.json`. A damaged file is moved aside and reported in the notice.
    pub fn open(dir: &Path) -> Memory {
        let path = dir.join(file::FILE_NAME);
        match file::read(&path) {
            file::Loaded::Missing => Memory::with(path, State::default(), None),
            file::Loaded::Ok(state) => Memory::with(path, state, None),
            file::Loaded::Corrupt { reason, moved_to } => {
                let notice = format!(
                    "reading memory was damaged ({reason}); moved it to {} and started fresh",
                    moved_to.display()
                );
                Memory::with(path, State::default(), Some(notice))
            }
            file::Loaded::Newer(v) => Memory::off(
                path.clone(),
                format!(
                    "{} is from a newer magreader (schema {v}); positions and bookmarks \
                     will not be saved by this one",
                    path.display()
                ),
            ),
            file::Loaded::Unreadable(why) => Memory::off(path, why),
        }
    }

    fn with(path: PathBuf, state: State, notice: Option<String>) -> Memory {
        Memory {
            path,
            state,
            dirty: false,
            changes: 0,
            disabled: None,
            notice,
        }
    }

    /// A memory kept for one session only and never written, with no notice: readers of
    /// `magreader serve --open` are anonymous, so nothing of theirs outlives the session.
    pub fn session_only() -> Memory {
        let mut m = Memory::with(PathBuf::new(), State::default(), None);
        m.disabled = Some("kept for this session only".into());
        m
    }

    /// A memory that works for this session but is never written.
    fn off(path: PathBuf, why: String) -> Memory {
        let mut m = Memory::with(path, State::default(), None);
        m.notice = Some(format!("reading memory off: {why}"));
        m.disabled = Some(why);
        m
    }

    /// A message for the status line, once (a damaged file moved aside, memory off).
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// How many changes were made since the memory was opened (saves do not reset it).
    pub fn changes(&self) -> u64 {
        self.changes
    }

    fn touch(&mut self) {
        self.dirty = true;
        self.changes += 1;
    }

    /// The state as last loaded, merged or changed.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The remembered position in an article, if any.
    pub fn position(&self, issue: &str, article: &str) -> Option<&Position> {
        self.state
            .articles
            .get(issue)?
            .get(article)?
            .position
            .as_ref()
    }

    /// Where to reopen an article: the remembered offset, found again through its anchor text
    /// if `body` changed since (a re-import), on a character boundary of `body`.
    pub fn resume_offset(&self, issue: &str, article: &str, body: &str) -> Option<usize> {
        self.position(issue, article).map(|p| resolve(p, body))
    }

    /// Where to reopen an article as the reader shows it: `Some(None)` for its very top
    /// (left there), `Some(Some(offset))` for a position in the body, `None` when nothing is
    /// remembered.
    pub fn resume_anchor(&self, issue: &str, article: &str, body: &str) -> Option<Option<usize>> {
        let p = self.position(issue, article)?;
        Some((!p.top).then(|| resolve(p, body)))
    }

    /// Remembers the reading position `offset` (a byte offset into `body`) in an article.
    pub fn set_position(&mut self, issue: &str, article: &str, body: &str, offset: usize) {
        self.set_anchor(issue, article, body, Some(offset));
    }

    /// Remembers the reading position as the reader keeps it: `None` is the article's top
    /// (its title block), which `offset` 0 (the first body line) is not.
    pub fn set_anchor(&mut self, issue: &str, article: &str, body: &str, anchor: Option<usize>) {
        let offset = floor_boundary(body, anchor.unwrap_or(0));
        let top = anchor.is_none();
        let entry = self.article_entry(issue, article);
        if entry
            .position
            .as_ref()
            .is_some_and(|p| p.offset == offset && p.top == top)
        {
            return;
        }
        entry.position = Some(Position {
            offset,
            anchor: anchor_at(body, offset).to_string(),
            at: file::now_ms(),
            top,
        });
        self.touch();
    }

    /// The jump list as last saved or set.
    pub fn jumps(&self) -> Option<&Jumps> {
        self.state.jumps.as_ref()
    }

    /// Replaces the jump list (stamped now, for the merge).
    pub fn set_jumps(&mut self, places: &[JumpPlace], index: usize) {
        if self
            .state
            .jumps
            .as_ref()
            .is_some_and(|j| j.places == places && j.index == index)
        {
            return;
        }
        self.state.jumps = Some(Jumps {
            places: places.to_vec(),
            index,
            at: file::now_ms(),
        });
        self.touch();
    }

    /// The article the reader had open last, as (issue id, article id).
    pub fn last_opened(&self) -> Option<(&str, &str)> {
        let l = self.state.last_opened.as_ref()?;
        Some((&l.issue, &l.article))
    }

    pub fn set_last_opened(&mut self, issue: &str, article: &str) {
        if self.last_opened() == Some((issue, article)) {
            return;
        }
        self.state.last_opened = Some(LastOpened {
            issue: issue.into(),
            article: article.into(),
            at: file::now_ms(),
        });
        self.touch();
    }

    /// Bookmarks, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.state.bookmarks
    }

    /// Bookmarks `offset` in an article (an empty label counts as none). Bookmarking the same
    /// spot with the same label again returns the existing bookmark.
    pub fn add_bookmark(
        &mut self,
        issue: &str,
        article: &str,
        offset: usize,
        label: Option<&str>,
    ) -> Bookmark {
        let label = label
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from);
        if let Some(b) = self.state.bookmarks.iter().find(|b| {
            (b.issue.as_str(), b.article.as_str(), b.offset, &b.label)
                == (issue, article, offset, &label)
        }) {
            return b.clone();
        }
        let b = Bookmark {
            issue: issue.into(),
            article: article.into(),
            offset,
            label,
            created: file::now_ms(),
        };
        self.state.bookmarks.push(b.clone());
        self.touch();
        b
    }

    /// Deletes a bookmark (also from other readers' copies, at their next save). Returns
    /// whether it was there.
    pub fn remove_bookmark(&mut self, bookmark: &Bookmark) -> bool {
        let before = self.state.bookmarks.len();
        self.state.bookmarks.retain(|b| b != bookmark);
        if self.state.bookmarks.len() == before {
            return false;
        }
        let tomb = Tombstone::of(bookmark, file::now_ms());
        self.state.deleted_bookmarks.push(tomb);
        self.touch();
        true
    }

    pub fn is_read(&self, issue: &str, article: &str) -> bool {
        self.state
            .articles
            .get(issue)
            .and_then(|a| a.get(article))
            .and_then(|a| a.read.as_ref())
            .is_some_and(|r| r.read)
    }

    pub fn set_read(&mut self, issue: &str, article: &str, read: bool) {
        if self.is_read(issue, article) == read {
            return;
        }
        self.article_entry(issue, article).read = Some(ReadMark {
            read,
            at: file::now_ms(),
        });
        self.touch();
    }

    fn article_entry(&mut self, issue: &str, article: &str) -> &mut state::ArticleState {
        self.state
            .articles
            .entry(issue.into())
            .or_default()
            .entry(article.into())
            .or_default()
    }

    /// Merges with the file (another reader may have saved) and writes the result
    /// atomically. Saves even when nothing changed here, which also picks up the other
    /// reader's changes. A damaged file found now is moved aside (see the notice).
    pub fn save(&mut self) -> Result<(), MemoryError> {
        if let Some(why) = &self.disabled {
            return Err(MemoryError::Disabled(why.clone()));
        }
        let io = |source| MemoryError::Io {
            path: self.path.clone(),
            source,
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let _lock = file::lock(dir).map_err(io)?;
        let theirs = match file::read(&self.path) {
            file::Loaded::Missing => State::default(),
            file::Loaded::Ok(s) => s,
            file::Loaded::Corrupt { reason, moved_to } => {
                self.notice = Some(format!(
                    "reading memory was damaged ({reason}); moved it to {} and saved this \
                     session's",
                    moved_to.display()
                ));
                State::default()
            }
            file::Loaded::Newer(v) => {
                let why = format!(
                    "another magreader wrote schema {v} to {}",
                    self.path.display()
                );
                self.disabled = Some(why.clone());
                return Err(MemoryError::Disabled(why));
            }
            file::Loaded::Unreadable(why) => return Err(MemoryError::Disabled(why)),
        };
        let merged = state::merge(&self.state, &theirs);
        let json = serde_json::to_vec_pretty(&merged).expect("state serialises");
        file::write_atomic(&self.path, &json).map_err(io)?;
        self.state = merged;
        self.dirty = false;
        Ok(())
    }

    /// Saves if anything changed since the last save.
    pub fn save_if_dirty(&mut self) -> Result<(), MemoryError> {
        if self.dirty { self.save() } else { Ok(()) }
    }
}

/// The largest character boundary of `s` at or before `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Up to [`ANCHOR_LEN`] bytes of `body` from `offset`, on character boundaries.
fn anchor_at(body: &str, offset: usize) -> &str {
    &body[offset..floor_boundary(body, offset + ANCHOR_LEN)]
}

/// The offset of a position in `body`: as stored if the anchor text is still there,
/// else the occurrence of the anchor nearest to it, else the stored offset clamped to `body`.
pub fn resolve(p: &Position, body: &str) -> usize {
    let offset = floor_boundary(body, p.offset);
    if p.anchor.is_empty() || body[offset..].starts_with(&p.anchor) {
        return offset;
    }
    memchr::memmem::find_iter(body.as_bytes(), p.anchor.as_bytes())
        .min_by_key(|&i| i.abs_diff(p.offset))
        .unwrap_or(offset)
}

#[cfg(test)]
#[path = "memory_tests.rs"]
mod tests;
