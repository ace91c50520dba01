//! The reader's whole state, read by the renderer. Keys, resizes and ticks change it through
//! `update::update`. Besides that, only these write it:
//! - whoever starts a reader (`tui::run`, `serve::session`), before the first key: the
//!   startup `notice`, a shared `standards` cell, and the reading memory with the resumed
//!   place (`attach_memory`, `resume_last` in remember.rs);
//! - the event loop (`event_loop::event_loop`): it takes `clipboard` to send it, takes
//!   `suspend` to suspend, sets `notice` when the terminal cannot suspend, and saves the
//!   reading memory between frames (`save_memory`, which sets `memory_error_shown`).

use std::sync::Arc;
use std::time::Duration;

use crate::archive::{Archive, Article, Issue};
use crate::memory::Memory;
use crate::search::fulltext::FullTextIndex;
use crate::search::fuzzy::{Hit, Narrowing, TitleIndex};

use super::article::{ArticleRef, ArticleView, LayoutCache};
use super::article_search::SearchPrompt;
use super::bookmarks::{BookmarksPopup, LabelPrompt};
use super::fulltext_popup::{FullTextPopup, INLINE_BUDGET};
use super::jumps::JumpList;
use super::layout::{Geometry, Pane, geometry_in};
use super::matches::ArticleSearch;
use super::pane_lines::{ContentsModel, contents_model};
use super::scrolled::ScrolledList;
use super::standards::{MentionsPopup, StandardMarks, StandardsCell, StandardsPopup};

/// How many fuzzy-jump results are ranked and kept per keystroke.
pub const FUZZY_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyPopup {
    pub query: String,
    /// The query is the last one, shown selected: typing replaces it.
    pub query_selected: bool,
    pub hits: Vec<Hit>,
    /// The selected result and the first shown (read as `popup.selected`, `popup.top`).
    pub list: ScrolledList,
    /// What the last query matched and scored, so the next keystroke rescores less.
    pub narrowing: Narrowing,
}

/// Something on top of the panes that takes keys first. The search and label prompts are
/// drawn in the status line rather than in a box, but are modal all the same.
#[derive(Debug)]
pub enum Popup {
    Help { scroll: usize },
    Fuzzy(FuzzyPopup),
    Search(SearchPrompt),
    FullText(FullTextPopup),
    Label(LabelPrompt),
    Bookmarks(BookmarksPopup),
    Standards(StandardsPopup),
    Mentions(MentionsPopup),
}

#[derive(Debug)]
pub struct App {
    /// Shared with full-text search threads.
    pub archive: Arc<Archive>,
    /// Shared by every reader of the same archive (`serve`: one per session).
    pub index: Arc<TitleIndex>,
    /// Full-text index of `archive`, folded lazily (and warmed by a thread in the terminal
    /// reader).
    pub fulltext: Arc<FullTextIndex>,
    /// How long a full-text keystroke searches on the spot before handing the rest to a
    /// background job ([`INLINE_BUDGET`]; tests set `Duration::MAX` for results at once, or
    /// zero to exercise the background path).
    pub fulltext_budget: Duration,
    /// The archive's standards, recognised once (see `standards::StandardsCell`).
    pub standards: Arc<StandardsCell>,
    /// Where the open article's lines mention standards, for marking them.
    pub standard_marks: Option<StandardMarks>,
    pub width: u16,
    pub height: u16,
    pub focus: Pane,
    /// The open issue: selected in the issue list, shown in the contents pane, and the one
    /// column jumps act on.
    pub issue: usize,
    pub issues_top: usize,
    /// The contents pane's lines for the open issue at the pane's current width.
    pub contents: ContentsModel,
    /// Width `contents` was built for.
    pub contents_width: u16,
    /// Selected item (an index into `contents.items`).
    pub contents_sel: usize,
    pub contents_top: usize,
    /// The open article, if any.
    pub view: Option<ArticleView>,
    pub cache: LayoutCache,
    /// Popups, top last. The top one takes keys first.
    pub popups: Vec<Popup>,
    /// The in-article search (`/`, or primed by Ctrl-F): its query and matches in the open
    /// article, re-found whenever the article or its width changes.
    pub search: Option<ArticleSearch>,
    /// Reading memory (positions, bookmarks, read marks); `None` keeps nothing (tests).
    pub memory: Option<Memory>,
    /// A save of the reading memory failed and the user has been told.
    pub memory_error_shown: bool,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// Text for the terminal's clipboard (`y`), taken and sent (OSC 52) by the event loop
    /// before the next frame.
    pub clipboard: Option<String>,
    /// Reading mode (`z`): the focused pane alone at the full width, whatever the width.
    pub reading: bool,
    pub quit: bool,
    /// A count typed before a motion (`5` of `5j`), waiting for the motion (`count.rs`).
    pub count: Option<u32>,
    /// Places left by jumps, for Ctrl-O and Ctrl-N (`jumps.rs`).
    pub jumps: JumpList,
    /// Ctrl-Z asked to suspend: the local event loop does it and clears this.
    pub suspend: bool,
    /// The last fuzzy-jump and full-text queries, offered again (selected) when the popups
    /// reopen.
    pub last_fuzzy: String,
    pub last_fulltext: String,
    /// The last in-article search query, which `/` `Enter` repeats in any article.
    pub last_search: Option<crate::search::query::Query>,
    /// Searches of articles other than the open one, each restored when its article is open
    /// again (a search belongs to the article it was made in).
    pub other_searches: Vec<ArticleSearch>,
}

impl App {
    /// A reader on `archive` for a `width`×`height` terminal: newest issue open, focus on its
    /// contents, no article open yet.
    pub fn new(archive: Archive, width: u16, height: u16) -> Self {
        let index = Arc::new(TitleIndex::new(&archive));
        let fulltext = Arc::new(FullTextIndex::new(&archive));
        App::with_shared(Arc::new(archive), index, fulltext, width, height)
    }

    /// A reader on an archive loaded (and indexed) once and shared with other readers, as
    /// `magreader serve` runs one per SSH session. `index` and `fulltext` must be built for
    /// `archive`.
    pub fn with_shared(
        archive: Arc<Archive>,
        index: Arc<TitleIndex>,
        fulltext: Arc<FullTextIndex>,
        width: u16,
        height: u16,
    ) -> Self {
        let contents = match archive.issues.first() {
            Some(issue) => contents_model(issue, 0),
            None => ContentsModel {
                items: Vec::new(),
                lines: Vec::new(),
            },
        };
        let mut app = App {
            archive,
            index,
            fulltext,
            fulltext_budget: INLINE_BUDGET,
            standards: super::standards::new_cell(),
            standard_marks: None,
            width,
            height,
            focus: Pane::Contents,
            issue: 0,
            issues_top: 0,
            contents,
            contents_width: 0,
            contents_sel: 0,
            contents_top: 0,
            view: None,
            cache: LayoutCache::default(),
            popups: Vec::new(),
            search: None,
            memory: None,
            memory_error_shown: false,
            notice: None,
            clipboard: None,
            reading: false,
            quit: false,
            count: None,
            jumps: JumpList::default(),
            suspend: false,
            last_fuzzy: String::new(),
            last_fulltext: String::new(),
            last_search: None,
            other_searches: Vec::new(),
        };
        app.sync();
        app
    }

    pub fn geometry(&self) -> Geometry {
        self.geometry_for(self.focus)
    }

    /// The screen's layout were `pane` focused, in the current mode (reading or not).
    pub fn geometry_for(&self, pane: Pane) -> Geometry {
        geometry_in(self.width, self.height, pane, self.reading)
    }

    pub fn open_issue(&self) -> Option<&Issue> {
        self.archive.issues.get(self.issue)
    }

    pub fn article(&self, at: ArticleRef) -> Option<&Article> {
        self.archive
            .issues
            .get(at.issue)?
            .sections
            .get(at.section)?
            .articles
            .get(at.article)
    }

    /// The open article's position, if one is open.
    pub fn open_article(&self) -> Option<ArticleRef> {
        self.view.as_ref().map(|v| v.at)
    }

    pub fn top_popup(&self) -> Option<&Popup> {
        self.popups.last()
    }

    pub fn fuzzy(&self) -> Option<&FuzzyPopup> {
        match self.popups.last() {
            Some(Popup::Fuzzy(f)) => Some(f),
            _ => None,
        }
    }
}
