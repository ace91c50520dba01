//! How the movement keys move a selection through a list that shows some of its rows at a
//! time (the issue list, the contents pane, every list popup), and how they scroll a text
//! with no selection (the help, the article). One set of rules, so `j`, `G` or a page down
//! mean the same everywhere.

use std::ops::{Deref, DerefMut};

use super::Action;

/// A selection in a list, and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrolledList {
    pub selected: usize,
    pub top: usize,
}

impl ScrolledList {
    /// Moves the selection in a list of `len` items for a motion, `page` items a page, with a
    /// count typed before it (see [`moved`]). Says whether `action` is a motion; any other
    /// leaves the list as it was.
    pub fn step(&mut self, action: Action, len: usize, page: usize, count: Option<usize>) -> bool {
        match moved(self.selected, len, action, page, count) {
            Some(selected) => {
                self.selected = selected;
                true
            }
            None => false,
        }
    }

    /// Keeps the selection within a list of `len` items (after the list shrank).
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Scrolls as little as possible so that the selected row is among the `rows` shown.
    pub fn keep_visible(&mut self, rows: usize) {
        self.top = into_view(self.top, self.selected, self.selected, rows);
    }
}

/// The selection after a motion in a list of `len` items, `page` items a page; `None` if
/// `action` is no motion. A count `n` repeats a step, or for `g` `G` picks item `n`
/// (1-based), for `%` the item `n`% down.
pub fn moved(
    sel: usize,
    len: usize,
    action: Action,
    page: usize,
    n: Option<usize>,
) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let times = n.unwrap_or(1).max(1);
    let to = match (action, n) {
        (Action::Down, _) => sel.saturating_add(times),
        (Action::Up, _) => sel.saturating_sub(times),
        (Action::Top | Action::Bottom, Some(n)) => n.saturating_sub(1),
        (Action::Top, None) => 0,
        (Action::Bottom, None) => last,
        (Action::Percent, Some(n)) => percent_of(last, n),
        (Action::PageDown, _) => sel.saturating_add(page.saturating_mul(times)),
        (Action::PageUp, _) => sel.saturating_sub(page.saturating_mul(times)),
        (Action::HalfPageDown, _) => sel.saturating_add(page.div_ceil(2).saturating_mul(times)),
        (Action::HalfPageUp, _) => sel.saturating_sub(page.div_ceil(2).saturating_mul(times)),
        _ => return None,
    };
    Some(to.min(last))
}

/// The new top row of a list so that rows `first..=last` are visible in `height` rows,
/// moving as little as possible from `top`. An item taller than the view shows its first row.
pub fn into_view(top: usize, first: usize, last: usize, height: usize) -> usize {
    if height == 0 {
        return first;
    }
    if first < top {
        first
    } else if last >= top + height {
        (last + 1).saturating_sub(height).min(first)
    } else {
        top
    }
}

/// `n`% of the way to `last` (100% and more is `last`).
fn percent_of(last: usize, n: usize) -> usize {
    last.saturating_mul(n.min(100)) / 100
}

/// A text of `len` lines scrolled with no selection, `rows` of them shown: the help, the
/// article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrolledText {
    pub len: usize,
    pub rows: usize,
    /// Lines of one page still shown after a page down or up, for context.
    pub overlap: usize,
}

impl ScrolledText {
    /// The last top line that still fills the view (the end of the text at the bottom).
    pub fn last_top(&self) -> usize {
        self.len.saturating_sub(self.rows.max(1))
    }

    /// The top line after a motion from `top`, within the text; `None` if `action` is no
    /// motion. A count `n` repeats a step; with `g` or `G` it is the line to show at the top
    /// (1-based), with `%` how far down the text to go.
    pub fn moved(&self, top: usize, action: Action, n: Option<usize>) -> Option<usize> {
        let times = n.unwrap_or(1).max(1);
        let rows = self.rows.max(1);
        let page = rows
            .saturating_sub(self.overlap)
            .max(1)
            .saturating_mul(times);
        let half = rows.div_ceil(2).saturating_mul(times);
        let to = match (action, n) {
            (Action::Down, _) => top.saturating_add(times),
            (Action::Up, _) => top.saturating_sub(times),
            (Action::Top | Action::Bottom, Some(n)) => n.saturating_sub(1),
            (Action::Top, None) => 0,
            (Action::Bottom, None) => self.last_top(),
            (Action::Percent, Some(n)) => percent_of(self.len.saturating_sub(1), n),
            (Action::PageDown, _) => top.saturating_add(page),
            (Action::PageUp, _) => top.saturating_sub(page),
            (Action::HalfPageDown, _) => top.saturating_add(half),
            (Action::HalfPageUp, _) => top.saturating_sub(half),
            _ => return None,
        };
        Some(to.min(self.last_top()))
    }
}

/// Lets a list popup be read and moved as its [`ScrolledList`] (`popup.selected`,
/// `popup.step(…)`): the list is what the movement keys act on, the rest is what it lists.
macro_rules! scrolled_popup {
    ($($popup:ty),+) => {$(
        impl Deref for $popup {
            type Target = ScrolledList;
            fn deref(&self) -> &ScrolledList {
                &self.list
            }
        }
        impl DerefMut for $popup {
            fn deref_mut(&mut self) -> &mut ScrolledList {
                &mut self.list
            }
        }
    )+};
}

scrolled_popup!(
    super::state::FuzzyPopup,
    super::fulltext_popup::FullTextPopup,
    super::bookmarks::BookmarksPopup,
    super::standards::StandardsPopup,
    super::standards::MentionsPopup
);

#[cfg(test)]
mod tests {
    use super::*;

    fn list(selected: usize) -> ScrolledList {
        ScrolledList { selected, top: 0 }
    }

    #[test]
    fn steps_stop_at_the_ends() {
        let mut l = list(0);
        assert!(l.step(Action::Up, 5, 2, None));
        assert_eq!(l.selected, 0);
        assert!(l.step(Action::Down, 5, 2, Some(3)));
        assert_eq!(l.selected, 3);
        assert!(l.step(Action::Down, 5, 2, Some(3)));
        assert_eq!(l.selected, 4, "stops at the last item");
        assert!(l.step(Action::PageUp, 5, 2, None));
        assert_eq!(l.selected, 2);
        assert!(l.step(Action::HalfPageUp, 5, 3, None));
        assert_eq!(l.selected, 0, "half of three rows rounds up to two");
        assert!(l.step(Action::PageDown, 5, 2, Some(2)));
        assert_eq!(l.selected, 4);
    }

    #[test]
    fn top_bottom_and_percent_take_a_count_as_a_place() {
        let mut l = list(3);
        l.step(Action::Top, 10, 4, None);
        assert_eq!(l.selected, 0);
        l.step(Action::Bottom, 10, 4, None);
        assert_eq!(l.selected, 9);
        l.step(Action::Top, 10, 4, Some(4));
        assert_eq!(l.selected, 3, "4g is the fourth item");
        l.step(Action::Bottom, 10, 4, Some(40));
        assert_eq!(l.selected, 9, "past the end is the last");
        l.step(Action::Percent, 11, 4, Some(50));
        assert_eq!(l.selected, 5);
        l.step(Action::Percent, 11, 4, Some(250));
        assert_eq!(l.selected, 10);
    }

    #[test]
    fn other_actions_are_no_motion() {
        let mut l = ScrolledList {
            selected: 7,
            top: 5,
        };
        assert!(!l.step(Action::Open, 3, 2, None));
        assert!(!l.step(Action::Percent, 3, 2, None), "% wants a count");
        assert_eq!(
            l,
            ScrolledList {
                selected: 7,
                top: 5
            }
        );
    }

    #[test]
    fn an_empty_list_keeps_the_selection_at_zero() {
        let mut l = list(0);
        for action in [Action::Down, Action::Bottom, Action::PageDown] {
            l.step(action, 0, 3, None);
            assert_eq!(l.selected, 0);
        }
        let mut l = list(6);
        l.clamp(0);
        assert_eq!(l.selected, 0);
    }

    #[test]
    fn clamp_keeps_the_selection_in_a_shrunk_list() {
        let mut l = list(6);
        l.clamp(4);
        assert_eq!(l.selected, 3);
        l.clamp(10);
        assert_eq!(l.selected, 3);
    }

    #[test]
    fn keep_visible_scrolls_as_little_as_it_can() {
        let mut l = ScrolledList {
            selected: 12,
            top: 0,
        };
        l.keep_visible(10);
        assert_eq!(l.top, 3, "the selection on the last row");
        l.selected = 5;
        l.keep_visible(10);
        assert_eq!(l.top, 3, "already visible: no scroll");
        l.selected = 1;
        l.keep_visible(10);
        assert_eq!(l.top, 1, "the selection on the first row");
    }

    #[test]
    fn into_view_moves_minimally() {
        assert_eq!(into_view(0, 3, 4, 10), 0);
        assert_eq!(into_view(5, 3, 4, 10), 3);
        assert_eq!(into_view(0, 10, 11, 10), 2);
        // An item taller than the view shows its first line.
        assert_eq!(into_view(0, 10, 30, 5), 10);
        assert_eq!(into_view(7, 1, 1, 0), 1);
    }

    #[test]
    fn text_scrolls_within_its_last_screenful() {
        let t = ScrolledText {
            len: 100,
            rows: 10,
            overlap: 1,
        };
        assert_eq!(t.last_top(), 90);
        assert_eq!(t.moved(0, Action::Down, Some(3)), Some(3));
        assert_eq!(t.moved(0, Action::PageDown, None), Some(9), "one line kept");
        assert_eq!(t.moved(20, Action::HalfPageUp, None), Some(15));
        assert_eq!(t.moved(5, Action::Bottom, None), Some(90));
        assert_eq!(t.moved(89, Action::Down, Some(5)), Some(90));
        assert_eq!(
            t.moved(5, Action::Top, Some(40)),
            Some(39),
            "40g: line 40 on top"
        );
        assert_eq!(t.moved(0, Action::Percent, Some(50)), Some(49));
        assert_eq!(t.moved(7, Action::Open, None), None);
        let short = ScrolledText {
            len: 4,
            rows: 10,
            overlap: 0,
        };
        assert_eq!(
            short.moved(0, Action::PageDown, None),
            Some(0),
            "fits: no scroll"
        );
    }
}
