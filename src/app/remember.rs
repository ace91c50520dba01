//! The reader's side of reading memory (`crate::memory`): remembering where you are in each
//! article, reopening the last article on start, read marks, and saving.
//!
//! * **Position**: the open article's reading position (`ArticleView::anchor`, a byte offset
//!   into the body) is recorded after every action, so leaving an article, quitting or a
//!   periodic save always has it. Opening an article again resumes there.
//! * **Read**: an article counts as read once its last line has been on screen in the article
//!   pane (scrolled to the end, or short enough to fit when opened). The mark stays.
//! * **Saving** is the terminal loop's job (every few seconds when something changed, and on
//!   the way out): `App` only changes the in-memory copy.

use crate::archive::Archive;
use crate::memory::Memory;

use super::article::ArticleRef;
use super::layout::geometry;
use super::navigate::open_article_at;
use super::state::App;

/// The article with these ids, if the archive has it.
pub fn find_article(archive: &Archive, issue: &str, article: &str) -> Option<ArticleRef> {
    let i = archive.issues.iter().position(|x| x.id == issue)?;
    let (section, article) = archive.issues[i].locate(article)?;
    Some(ArticleRef {
        issue: i,
        section,
        article,
    })
}

impl App {
    /// Gives the reader its memory. A notice from opening it (a damaged file moved aside,
    /// memory off) goes to the status line, after any notice already there.
    pub fn attach_memory(&mut self, mut memory: Memory) {
        if let Some(n) = memory.take_notice() {
            self.notice = Some(match self.notice.take() {
                Some(first) => format!("{first}; {n}"),
                None => n,
            });
        }
        self.memory = Some(memory);
        super::jumps::load(self);
    }

    /// Reopens the article read last, at its remembered position. False when there is none
    /// (or it is no longer in the archive).
    pub fn resume_last(&mut self) -> bool {
        let Some(mem) = self.memory.as_ref() else {
            return false;
        };
        let Some(at) = mem
            .last_opened()
            .and_then(|(i, a)| find_article(&self.archive, i, a))
        else {
            return false;
        };
        let offset = self.remembered_offset(at);
        open_article_at(self, at, offset);
        self.sync();
        true
    }

    /// The remembered reading position in article `at` (a body offset; `None` for its top,
    /// whether left there or never read).
    pub fn remembered_offset(&self, at: ArticleRef) -> Option<usize> {
        let mem = self.memory.as_ref()?;
        let issue = self.archive.issues.get(at.issue)?;
        let article = self.article(at)?;
        mem.resume_anchor(&issue.id, &article.id, &article.body)
            .flatten()
    }

    /// Whether article `at` has been read (see the module docs).
    pub fn is_read(&self, at: ArticleRef) -> bool {
        let (Some(mem), Some(issue), Some(article)) = (
            self.memory.as_ref(),
            self.archive.issues.get(at.issue),
            self.article(at),
        ) else {
            return false;
        };
        mem.is_read(&issue.id, &article.id)
    }

    /// Records the open article's position, that it was opened last, and whether it has now
    /// been read. Called after every action.
    pub(super) fn remember(&mut self) {
        let g = geometry(self.width, self.height, self.focus);
        let (Some(mem), Some(v)) = (self.memory.as_mut(), self.view.as_ref()) else {
            return;
        };
        let Some(issue) = self.archive.issues.get(v.at.issue) else {
            return;
        };
        let Some(article) = issue
            .sections
            .get(v.at.section)
            .and_then(|s| s.articles.get(v.at.article))
        else {
            return;
        };
        mem.set_anchor(&issue.id, &article.id, &article.body, v.anchor);
        mem.set_last_opened(&issue.id, &article.id);
        let rows = usize::from(g.text.height);
        if g.article.is_some() && !g.too_small && rows > 0 && v.top + rows >= v.lines.len() {
            mem.set_read(&issue.id, &article.id, true);
        }
    }

    /// Saves the memory if it changed. A failure is shown once in the status line (later
    /// ones stay quiet; the next success resets that).
    pub fn save_memory(&mut self) {
        let Some(mem) = self.memory.as_mut() else {
            return;
        };
        match mem.save_if_dirty() {
            Ok(()) => self.memory_error_shown = false,
            // Already reported when the memory was opened.
            Err(crate::memory::MemoryError::Disabled(_)) => {}
            Err(e) => {
                if !self.memory_error_shown {
                    self.notice = Some(e.to_string());
                    self.memory_error_shown = true;
                }
            }
        }
        // A save may find a damaged file and move it aside; say so.
        if let Some(n) = self.memory.as_mut().and_then(Memory::take_notice) {
            self.notice = Some(n);
        }
    }

    /// Whether background work is running that `Action::Tick` should collect.
    pub fn busy(&self) -> bool {
        self.popups
            .iter()
            .any(|p| matches!(p, super::Popup::FullText(f) if f.busy()))
    }
}
