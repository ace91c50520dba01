//! What the user can ask for. Keys map to actions through the keymap; `update` applies them.

/// One step of user intent, independent of the key that produced it. Movement actions are
/// generic (`Down`, `PageDown`, ...) and act on whatever is on top: an open popup, else the
/// focused pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Opens the key help, or closes it when it is on top.
    ToggleHelp,
    /// Closes the top popup (Esc); the search prompt returns to where it was opened.
    ClosePopup,
    /// Focus the next / previous pane, wrapping around.
    FocusNext,
    FocusPrev,
    /// Focus the pane to the left / right, stopping at the edge.
    FocusLeft,
    FocusRight,
    /// `z`: reading mode on or off. On, the focused pane is shown alone at the full width (as
    /// on narrow screens), starting with the article; off, the panes are side by side again.
    ToggleReading,
    /// Enter: open the selected issue or article; in a popup, open the selected hit or
    /// accept what was typed.
    Open,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    /// First article of the Nth column of the open issue: what a lone `1`–`9` does
    /// ([`Action::Count`]).
    Column(u8),
    NextColumn,
    PrevColumn,
    NextArticle,
    PrevArticle,
    /// Ctrl-P: open fuzzy jump.
    OpenFuzzy,
    /// A character typed into the query of the popup or prompt on top.
    Input(char),
    /// Deletes the last character of the query on top.
    Backspace,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// `/`: open the search prompt for the open article.
    OpenSearch,
    /// `n` / `N`: the next / previous match of the article search, wrapping around.
    NextMatch,
    PrevMatch,
    /// Esc with no popup: hide the article search's highlights, keeping its query for `n`
    /// (and drop a count typed before it).
    ClearSearch,
    /// Ctrl-F: open the full-text search over every issue.
    OpenFullText,
    /// `m`: bookmark the reading position (asks for an optional label).
    AddBookmark,
    /// `'`: open the bookmark list.
    OpenBookmarks,
    /// `y`: copy the open article's link targets to the terminal's clipboard (OSC 52), so a
    /// reader over SSH can paste them on their own machine.
    CopyLinks,
    /// `s`: list the standards the open article mentions (`s` again closes the list).
    OpenStandards,
    /// `d` in the bookmark list: delete the selected bookmark.
    Delete,
    /// Time passed with no key: take results from background work (full-text search).
    /// Never bound to a key.
    Tick,
    /// A digit typed with no popup open: starts or extends a count for the next motion
    /// (`5j`, `10G`, `50%`); a lone `1`–`9` not followed by a motion is the column jump.
    Count(u8),
    /// The pause after a count with no motion typed (the event loop sends it): a lone digit
    /// then jumps to its column. Never bound to a key.
    CountTimeout,
    /// `%` after a count: that percentage of the way through the article (or list).
    Percent,
    /// Ctrl-O: back to where the last jump left from (the jump list).
    JumpBack,
    /// Ctrl-N: forward again along the jump list, undoing Ctrl-O.
    JumpForward,
    /// Ctrl-Z: suspend the reader to the shell (`fg` brings it back); the local reader only.
    Suspend,
}
