//! The reader's whole state. Changed only by `update::update`; read by the renderer.

use crate::archive::{Archive, Article, Issue};
use crate::search::fuzzy::{Hit, TitleIndex};

use super::article::{ArticleRef, ArticleView, LayoutCache};
use super::contents::{ContentsModel, contents_model};
use super::layout::{Geometry, Pane, geometry};

/// How many fuzzy-jump results are ranked and kept per keystroke.
pub const FUZZY_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyPopup {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// First result row shown.
    pub top: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help { scroll: usize },
    Fuzzy(FuzzyPopup),
}

#[derive(Debug)]
pub struct App {
    pub archive: Archive,
    pub index: TitleIndex,
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
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    pub quit: bool,
}

impl App {
    /// A reader on `archive` for a `width`×`height` terminal: newest issue open, focus on its
    /// contents, no article open yet.
    pub fn new(archive: Archive, width: u16, height: u16) -> Self {
        let index = TitleIndex::new(&archive);
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
            notice: None,
            quit: false,
        };
        app.sync();
        app
    }

    pub fn geometry(&self) -> Geometry {
        geometry(self.width, self.height, self.focus)
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
