//! Re-deriving state after every action: list models at the current widths, the article
//! wrapped for its text column (re-anchored to the reading position), scroll offsets that keep
//! selections in view.

use super::layout::{Pane, geometry, popup_rows};
use super::navigate::{article_lines, keep_issue_visible};
use super::pane_lines::{ContentsLine, contents_model};
use super::scrolled::into_view;
use super::state::{App, Popup};
use super::update::{help_text, pane_rows};

impl App {
    /// Re-derives everything that depends on size, focus and selection: the contents lines at
    /// the pane's width, the article's lines at the text width (re-anchored to the reading
    /// position), and scroll offsets that keep selections visible.
    pub fn sync(&mut self) {
        let (w, h) = (self.width, self.height);
        if geometry(w, h, self.focus).too_small {
            return;
        }
        // Contents: built for the width the pane has when it is shown.
        let cw = geometry(w, h, Pane::Contents)
            .contents
            .map_or(1, |p| p.body.width);
        let g = self.geometry();
        let cw = g.contents.map_or(cw, |p| p.body.width);
        if cw != self.contents_width {
            if let Some(issue) = self.archive.issues.get(self.issue) {
                self.contents = contents_model(issue, cw);
            }
            self.contents_width = cw;
        }
        keep_issue_visible(self);
        self.contents_sel = self
            .contents_sel
            .min(self.contents.items.len().saturating_sub(1));
        if let Some((mut first, last)) = self.contents.item_lines(self.contents_sel) {
            // Show the column header (and the blank above it) with a column's first article.
            while first > 0
                && matches!(
                    self.contents.lines[first - 1],
                    ContentsLine::Header { .. } | ContentsLine::Blank
                )
            {
                first -= 1;
            }
            let rows = pane_rows(self, Pane::Contents);
            self.contents_top = into_view(self.contents_top, first, last, rows);
        }

        // Article: laid out for the text width it has now (or would have when focused).
        let text = if g.article.is_some() {
            g.text
        } else {
            self.geometry_for(Pane::Article).text
        };
        if let Some(at) = self.open_article() {
            let width = text.width.max(1);
            let height = usize::from(text.height).max(1);
            if self.view.as_ref().is_some_and(|v| v.width != width) {
                if let Some(lines) = article_lines(self, at, width)
                    && let Some(v) = self.view.as_mut()
                {
                    v.relayout(lines, width, height);
                }
            } else if let Some(v) = self.view.as_mut() {
                v.show(v.top, height);
            }
        }

        super::article_search::refresh(self);
        super::standards::refresh_marks(self);
        self.remember();

        // Popups: keep the selection visible, the help scroll within its text.
        let fuzzy_rows = popup_rows(w, h, 1).max(1);
        let hit_rows = (fuzzy_rows / super::fulltext_popup::ROWS_PER_HIT).max(1);
        let mark_rows = (popup_rows(w, h, 0) / super::bookmarks::ROWS_PER_BOOKMARK).max(1);
        let list_rows = popup_rows(w, h, 0).max(1);
        let mention_rows = (list_rows / super::standards::ROWS_PER_MENTION).max(1);
        for p in &mut self.popups {
            match p {
                Popup::Fuzzy(f) => f.keep_visible(fuzzy_rows),
                // Built only when help is open: the table is walked anew each time, and this
                // runs after every action (a busy SSH session showed it in a stack sample).
                Popup::Help { scroll } => *scroll = (*scroll).min(help_text(w, h).last_top()),
                Popup::FullText(f) => f.keep_visible(hit_rows),
                Popup::Bookmarks(b) => b.keep_visible(mark_rows),
                Popup::Standards(s) => s.keep_visible(list_rows),
                Popup::Mentions(m) => m.keep_visible(mention_rows),
                Popup::Search(_) | Popup::Label(_) => {}
            }
        }
    }
}
