//! Reader state, actions and keymap. Pure: no terminal, so every transition is testable.

pub mod action;
pub mod article;
pub mod article_search;
pub mod bookmarks;
mod count;
pub mod fulltext_popup;
pub mod help;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod matches;
pub mod navigate;
pub mod pane_lines;
pub mod remember;
pub mod scrolled;
pub mod standards;
pub mod state;
mod sync;
pub mod update;

pub use action::Action;
pub use keymap::{Context, Key, lookup};
pub use layout::Pane;
pub use state::{App, Popup};
pub use update::update;

impl App {
    /// The keymap context for the next key: the top popup's, else the panes'.
    pub fn key_context(&self) -> Context {
        match self.popups.last() {
            Some(Popup::Help { .. }) => Context::Help,
            Some(Popup::Fuzzy(_)) => Context::Fuzzy,
            Some(Popup::Search(_)) => Context::Search,
            Some(Popup::FullText(_)) => Context::FullText,
            Some(Popup::Label(_)) => Context::Label,
            Some(Popup::Bookmarks(_)) => Context::Bookmarks,
            Some(Popup::Standards(_)) => Context::Standards,
            Some(Popup::Mentions(_)) => Context::Mentions,
            None => Context::Global,
        }
    }

    /// Handles a key press: looks it up in the current context and applies the action.
    /// Returns whether the key did anything; a key that does nothing here says so in the
    /// status line (and drops a count typed before it).
    pub fn handle_key(&mut self, key: Key) -> bool {
        match lookup(self.key_context(), key) {
            Some(action) => {
                update(self, action);
                true
            }
            None => {
                self.count = None;
                self.notice = Some(unbound_hint(key));
                false
            }
        }
    }
}

/// The status line's answer to a key bound to nothing where it was pressed.
pub fn unbound_hint(key: Key) -> String {
    format!("{} is not a key here · ? help", key.label())
}

/// The status-line notice for archive load problems ([`Options::startup_notice`]), the same
/// for the local reader and `magreader serve`: the one problem, or how many and where to see
/// them.
pub fn load_notice(problems: &[crate::archive::LoadProblem]) -> Option<String> {
    match problems {
        [] => None,
        // Problem texts quote file contents, so they are sanitised like any archive text.
        [one] => Some(format!(
            "archive problem: {}",
            crate::text::sanitize::sanitize(&one.to_string())
        )),
        _ => Some(format!(
            "{} archive problems; run `magreader check` for the list",
            problems.len()
        )),
    }
}
