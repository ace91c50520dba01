//! What the user can ask for. Keys map to actions through the keymap; `update` applies them.

/// One step of user intent, independent of the key that produced it. Movement actions are
/// generic (`Down`, `PageDown`, ...) and act on whatever is on top: an open popup, else the
/// focused pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Opens the key help, or closes it when it is on top.
    ToggleHelp,
    /// Closes the top popup (help or fuzzy jump).
    ClosePopup,
    /// Focus the next / previous pane, wrapping around.
    FocusNext,
    FocusPrev,
    /// Focus the pane to the left / right, stopping at the edge.
    FocusLeft,
    FocusRight,
    /// Enter: open the selected issue or article; in fuzzy jump, open the selected hit.
    Open,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    /// `1`–`9`: first article of the Nth column of the open issue.
    Column(u8),
    NextColumn,
    PrevColumn,
    NextArticle,
    PrevArticle,
    /// Ctrl-P: open fuzzy jump.
    OpenFuzzy,
    /// A character typed into the fuzzy-jump query.
    Input(char),
    /// Deletes the last character of the fuzzy-jump query.
    Backspace,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}
