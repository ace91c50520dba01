//! The one keymap table. It drives key handling and the `?` help overlay, so the help can
//! never disagree with what the keys do.
//!
//! Keys are looked up in the [`Context`] of whatever is on top (a popup or prompt:
//! `App::key_context`), and only in the pane-level `Global` context when none is open: popups
//! are modal and take keys first, as in helix's compositor.

use super::action::Action;

/// A key press as the reader sees it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character (Shift already applied: `G`, `?`, `}`).
    Char(char),
    /// Ctrl plus a letter, always stored lowercase.
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Key {
    /// How the help overlay names the key. ASCII only, so it renders the same under any CJK
    /// width setting.
    /// [`Key::label`] as short as the status line wants it: `^P` for Ctrl-P.
    pub fn short_label(self) -> String {
        match self {
            Key::Ctrl(c) => format!("^{}", c.to_ascii_uppercase()),
            k => k.label(),
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Backspace => "Backspace".into(),
            Key::Up => "Up".into(),
            Key::Down => "Down".into(),
            Key::Left => "Left".into(),
            Key::Right => "Right".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// The panes, whichever has focus, when no popup is open.
    Global,
    /// The fuzzy-jump popup. Printable keys not bound here are typed into the query.
    Fuzzy,
    /// The search prompt at the bottom (`/`). Printable keys are typed into the query.
    Search,
    /// The full-text search popup (Ctrl-F). Printable keys are typed into the query.
    FullText,
    /// The bookmark label prompt (`m`). Printable keys are typed into the label.
    Label,
    /// The bookmark list (`'`).
    Bookmarks,
    /// The standards the open article mentions (`s`).
    Standards,
    /// Every mention of one standard in the archive (`Enter` in the standards list).
    Mentions,
    /// The help overlay.
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Reading",
            Context::Fuzzy => "Fuzzy jump (Ctrl-P)",
            Context::Search => "Search in the article (/)",
            Context::FullText => "Search all issues (Ctrl-F)",
            Context::Label => "Bookmark label (m)",
            Context::Bookmarks => "Bookmarks (')",
            Context::Standards => "Standards in the article (s)",
            Context::Mentions => "Mentions of a standard",
            Context::Help => "This help",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    pub description: &'static str,
    pub context: Context,
}

const fn bind(key: Key, action: Action, description: &'static str, context: Context) -> Binding {
    Binding {
        key,
        action,
        description,
        context,
    }
}

use Action as A;
use Context::{Bookmarks, FullText, Fuzzy, Global, Help, Label, Mentions, Search, Standards};
use Key as K;

const MOVE_DOWN: &str = "move down / scroll down";
const MOVE_UP: &str = "move up / scroll up";
const TOP: &str = "go to the top";
const BOTTOM: &str = "go to the bottom";
const PAGE_DOWN: &str = "page down";
const PAGE_UP: &str = "page up";
const COLUMN_N: &str = "first article of column N, or a count: 5j 10G 50%";
const LINE_DOWN: &str = "scroll one line down";
const LINE_UP: &str = "scroll one line up";
const HALF_DOWN: &str = "half a page down";
const HALF_UP: &str = "half a page up";

/// Every key binding of the reader, in the order the help shows them.
pub static KEYMAP: &[Binding] = &[
    bind(K::Char('q'), A::Quit, "quit", Global),
    bind(K::Ctrl('c'), A::Quit, "quit", Global),
    bind(K::Char('?'), A::ToggleHelp, "show this help", Global),
    bind(K::Tab, A::FocusNext, "next pane", Global),
    bind(K::BackTab, A::FocusPrev, "previous pane", Global),
    bind(K::Char('h'), A::FocusLeft, "pane to the left", Global),
    bind(K::Left, A::FocusLeft, "pane to the left", Global),
    bind(K::Char('l'), A::FocusRight, "pane to the right", Global),
    bind(K::Right, A::FocusRight, "pane to the right", Global),
    bind(
        K::Char('z'),
        A::ToggleReading,
        "reading mode on/off: the article alone, full width",
        Global,
    ),
    bind(
        K::Enter,
        A::Open,
        "open the selected issue or article",
        Global,
    ),
    bind(K::Char('j'), A::Down, MOVE_DOWN, Global),
    bind(K::Down, A::Down, MOVE_DOWN, Global),
    bind(K::Char('k'), A::Up, MOVE_UP, Global),
    bind(K::Up, A::Up, MOVE_UP, Global),
    bind(K::Char('g'), A::Top, TOP, Global),
    bind(K::Home, A::Top, TOP, Global),
    bind(K::Char('G'), A::Bottom, BOTTOM, Global),
    bind(K::End, A::Bottom, BOTTOM, Global),
    bind(K::Char(' '), A::PageDown, PAGE_DOWN, Global),
    bind(K::PageDown, A::PageDown, PAGE_DOWN, Global),
    bind(K::Char('f'), A::PageDown, PAGE_DOWN, Global),
    bind(K::Char('b'), A::PageUp, PAGE_UP, Global),
    bind(K::PageUp, A::PageUp, PAGE_UP, Global),
    bind(K::Ctrl('b'), A::PageUp, PAGE_UP, Global),
    bind(K::Ctrl('d'), A::HalfPageDown, HALF_DOWN, Global),
    bind(K::Char('d'), A::HalfPageDown, HALF_DOWN, Global),
    bind(K::Ctrl('u'), A::HalfPageUp, HALF_UP, Global),
    bind(K::Char('u'), A::HalfPageUp, HALF_UP, Global),
    bind(K::Char('1'), A::Count(1), COLUMN_N, Global),
    bind(K::Char('2'), A::Count(2), COLUMN_N, Global),
    bind(K::Char('3'), A::Count(3), COLUMN_N, Global),
    bind(K::Char('4'), A::Count(4), COLUMN_N, Global),
    bind(K::Char('5'), A::Count(5), COLUMN_N, Global),
    bind(K::Char('6'), A::Count(6), COLUMN_N, Global),
    bind(K::Char('7'), A::Count(7), COLUMN_N, Global),
    bind(K::Char('8'), A::Count(8), COLUMN_N, Global),
    bind(K::Char('9'), A::Count(9), COLUMN_N, Global),
    bind(K::Char('0'), A::Count(0), "continues a count: 10G", Global),
    bind(
        K::Char('%'),
        A::Percent,
        "after a count N: N% of the way down (50%)",
        Global,
    ),
    bind(K::Ctrl('e'), A::Down, LINE_DOWN, Global),
    bind(K::Ctrl('y'), A::Up, LINE_UP, Global),
    bind(
        K::Char(']'),
        A::NextColumn,
        "first article of the next column",
        Global,
    ),
    bind(
        K::Char('['),
        A::PrevColumn,
        "first article of the previous column",
        Global,
    ),
    bind(K::Char('}'), A::NextArticle, "next article", Global),
    bind(K::Char('{'), A::PrevArticle, "previous article", Global),
    bind(
        K::Ctrl('o'),
        A::JumpBack,
        "back to where the last jump left from (jump list)",
        Global,
    ),
    bind(
        K::Ctrl('n'),
        A::JumpForward,
        "forward again along the jump list",
        Global,
    ),
    bind(
        K::Ctrl('p'),
        A::OpenFuzzy,
        "fuzzy jump to any article by title",
        Global,
    ),
    bind(K::Char('/'), A::OpenSearch, "search in the article", Global),
    bind(
        K::Char('n'),
        A::NextMatch,
        "next match (wraps around)",
        Global,
    ),
    bind(
        K::Char('N'),
        A::PrevMatch,
        "previous match (wraps around)",
        Global,
    ),
    bind(
        K::Esc,
        A::ClearSearch,
        "hide the search highlights (n shows them again)",
        Global,
    ),
    bind(
        K::Ctrl('f'),
        A::OpenFullText,
        "search the text of every issue",
        Global,
    ),
    bind(
        K::Char('m'),
        A::AddBookmark,
        "bookmark the reading position",
        Global,
    ),
    bind(
        K::Char('\''),
        A::OpenBookmarks,
        "list the bookmarks",
        Global,
    ),
    bind(
        K::Char('y'),
        A::CopyLinks,
        "copy the article's link targets to the clipboard (2y: link [2] alone)",
        Global,
    ),
    bind(
        K::Ctrl('z'),
        A::Suspend,
        "suspend to the shell; fg comes back",
        Global,
    ),
    bind(
        K::Char('s'),
        A::OpenStandards,
        "list the standards the article mentions",
        Global,
    ),
    bind(K::Down, A::Down, "next result", Fuzzy),
    bind(K::Ctrl('n'), A::Down, "next result", Fuzzy),
    bind(K::Up, A::Up, "previous result", Fuzzy),
    bind(K::Ctrl('p'), A::Up, "previous result", Fuzzy),
    bind(K::PageDown, A::PageDown, PAGE_DOWN, Fuzzy),
    bind(K::PageUp, A::PageUp, PAGE_UP, Fuzzy),
    bind(K::Home, A::Top, "first result", Fuzzy),
    bind(K::End, A::Bottom, "last result", Fuzzy),
    bind(K::Enter, A::Open, "open the selected article", Fuzzy),
    bind(
        K::Backspace,
        A::Backspace,
        "delete the last character",
        Fuzzy,
    ),
    bind(K::Esc, A::ClosePopup, "cancel", Fuzzy),
    bind(K::Ctrl('c'), A::Quit, "quit", Fuzzy),
    bind(K::Enter, A::Open, "keep the search", Search),
    bind(
        K::Backspace,
        A::Backspace,
        "delete the last character",
        Search,
    ),
    bind(
        K::Esc,
        A::ClosePopup,
        "cancel, back to where you were",
        Search,
    ),
    bind(K::Ctrl('c'), A::Quit, "quit", Search),
    bind(K::Down, A::Down, "next result", FullText),
    bind(K::Ctrl('n'), A::Down, "next result", FullText),
    bind(K::Up, A::Up, "previous result", FullText),
    bind(K::Ctrl('p'), A::Up, "previous result", FullText),
    bind(K::PageDown, A::PageDown, "page down", FullText),
    bind(K::PageUp, A::PageUp, "page up", FullText),
    bind(K::Home, A::Top, "first result", FullText),
    bind(K::End, A::Bottom, "last result", FullText),
    bind(
        K::Enter,
        A::Open,
        "open the article at the hit; n continues",
        FullText,
    ),
    bind(
        K::Backspace,
        A::Backspace,
        "delete the last character",
        FullText,
    ),
    bind(K::Esc, A::ClosePopup, "cancel", FullText),
    bind(K::Ctrl('c'), A::Quit, "quit", FullText),
    bind(K::Enter, A::Open, "save the bookmark", Label),
    bind(
        K::Backspace,
        A::Backspace,
        "delete the last character",
        Label,
    ),
    bind(K::Esc, A::ClosePopup, "cancel", Label),
    bind(K::Ctrl('c'), A::Quit, "quit", Label),
    bind(K::Char('j'), A::Down, "next bookmark", Bookmarks),
    bind(K::Down, A::Down, "next bookmark", Bookmarks),
    bind(K::Char('k'), A::Up, "previous bookmark", Bookmarks),
    bind(K::Up, A::Up, "previous bookmark", Bookmarks),
    bind(K::Char(' '), A::PageDown, PAGE_DOWN, Bookmarks),
    bind(K::PageDown, A::PageDown, PAGE_DOWN, Bookmarks),
    bind(K::Char('b'), A::PageUp, PAGE_UP, Bookmarks),
    bind(K::PageUp, A::PageUp, PAGE_UP, Bookmarks),
    bind(K::Char('g'), A::Top, "first bookmark", Bookmarks),
    bind(K::Home, A::Top, "first bookmark", Bookmarks),
    bind(K::Char('G'), A::Bottom, "last bookmark", Bookmarks),
    bind(K::End, A::Bottom, "last bookmark", Bookmarks),
    bind(K::Enter, A::Open, "jump to the bookmark", Bookmarks),
    bind(K::Char('d'), A::Delete, "delete the bookmark", Bookmarks),
    bind(K::Esc, A::ClosePopup, "close the list", Bookmarks),
    bind(K::Char('\''), A::ClosePopup, "close the list", Bookmarks),
    bind(K::Char('q'), A::ClosePopup, "close the list", Bookmarks),
    bind(K::Ctrl('c'), A::Quit, "quit", Bookmarks),
    bind(K::Char('j'), A::Down, "next standard", Standards),
    bind(K::Down, A::Down, "next standard", Standards),
    bind(K::Char('k'), A::Up, "previous standard", Standards),
    bind(K::Up, A::Up, "previous standard", Standards),
    bind(
        K::Enter,
        A::Open,
        "list every article mentioning it",
        Standards,
    ),
    bind(K::Esc, A::ClosePopup, "close the list", Standards),
    bind(K::Char('s'), A::OpenStandards, "close the list", Standards),
    bind(K::Char('q'), A::ClosePopup, "close the list", Standards),
    bind(K::Ctrl('c'), A::Quit, "quit", Standards),
    bind(K::Char('j'), A::Down, "next mention", Mentions),
    bind(K::Down, A::Down, "next mention", Mentions),
    bind(K::Char('k'), A::Up, "previous mention", Mentions),
    bind(K::Up, A::Up, "previous mention", Mentions),
    bind(K::PageDown, A::PageDown, "page down", Mentions),
    bind(K::PageUp, A::PageUp, "page up", Mentions),
    bind(
        K::Enter,
        A::Open,
        "open the article at the mention",
        Mentions,
    ),
    bind(K::Esc, A::ClosePopup, "back to the standards", Mentions),
    bind(
        K::Char('q'),
        A::ClosePopup,
        "back to the standards",
        Mentions,
    ),
    bind(K::Ctrl('c'), A::Quit, "quit", Mentions),
    bind(K::Esc, A::ClosePopup, "close the help", Help),
    bind(K::Char('?'), A::ClosePopup, "close the help", Help),
    bind(K::Char('q'), A::ClosePopup, "close the help", Help),
    bind(K::Char('j'), A::Down, "scroll", Help),
    bind(K::Down, A::Down, "scroll", Help),
    bind(K::Char('k'), A::Up, "scroll", Help),
    bind(K::Up, A::Up, "scroll", Help),
    bind(K::Char(' '), A::PageDown, PAGE_DOWN, Help),
    bind(K::PageDown, A::PageDown, PAGE_DOWN, Help),
    bind(K::Char('f'), A::PageDown, PAGE_DOWN, Help),
    bind(K::Char('b'), A::PageUp, PAGE_UP, Help),
    bind(K::PageUp, A::PageUp, PAGE_UP, Help),
    bind(K::Char('g'), A::Top, TOP, Help),
    bind(K::Home, A::Top, TOP, Help),
    bind(K::Char('G'), A::Bottom, BOTTOM, Help),
    bind(K::End, A::Bottom, BOTTOM, Help),
    bind(K::Ctrl('c'), A::Quit, "quit", Help),
];

/// Shown in the help under the fuzzy-jump keys: typing is not a single binding.
pub const FUZZY_TYPING_HINT: &str = "other keys type the query: title words (English or Chinese), column names, issue ids, standard numbers";

/// Shown in the help under the search keys.
pub const SEARCH_TYPING_HINT: &str =
    "other keys type the query; a capital letter makes it case-sensitive";

/// Shown in the help under the full-text search keys.
pub const FULLTEXT_TYPING_HINT: &str =
    "other keys type a phrase, English or Chinese; one row per article";

/// Shown in the help under the label prompt keys.
pub const LABEL_TYPING_HINT: &str = "other keys type a short label; Enter alone saves none";

/// Contexts whose printable keys, when not bound, are text typed into a query or label.
fn takes_text(context: Context) -> bool {
    matches!(
        context,
        Context::Fuzzy | Context::Search | Context::FullText | Context::Label
    )
}

/// The action `key` triggers in `context`. In popups and prompts that take text, printable
/// characters that are not bound become input.
/// The first key bound to `action` in `context` (the one the help lists first), for hints
/// that name keys without a second list of them.
pub fn key_for(context: Context, action: Action) -> Option<Key> {
    KEYMAP
        .iter()
        .find(|b| b.context == context && b.action == action)
        .map(|b| b.key)
}

pub fn lookup(context: Context, key: Key) -> Option<Action> {
    let bound = KEYMAP
        .iter()
        .find(|b| b.context == context && b.key == key)
        .map(|b| b.action);
    match (bound, context, key) {
        (Some(a), _, _) => Some(a),
        (None, ctx, Key::Char(c)) if takes_text(ctx) && !c.is_control() => Some(Action::Input(c)),
        _ => None,
    }
}

/// One line of the help overlay: the keys sharing an action and description, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: String,
    pub description: &'static str,
}

/// The help overlay's content for one context, built from [`KEYMAP`]: bindings with the same
/// description are folded into one line (`j Down  move down / scroll down`), and a run of digit
/// keys is shown as a range (`1-9`).
pub fn help_entries(context: Context) -> Vec<HelpEntry> {
    let mut groups: Vec<(&'static str, Vec<Key>)> = Vec::new();
    for b in KEYMAP.iter().filter(|b| b.context == context) {
        match groups.iter_mut().find(|(d, _)| *d == b.description) {
            Some((_, keys)) => keys.push(b.key),
            None => groups.push((b.description, vec![b.key])),
        }
    }
    groups
        .into_iter()
        .map(|(description, keys)| HelpEntry {
            keys: keys_label(&keys),
            description,
        })
        .collect()
}

fn keys_label(keys: &[Key]) -> String {
    let digits: Vec<char> = keys
        .iter()
        .filter_map(|k| match k {
            Key::Char(c) if c.is_ascii_digit() => Some(*c),
            _ => None,
        })
        .collect();
    if digits.len() == keys.len() && digits.len() > 2 {
        return format!("{}-{}", digits[0], digits[digits.len() - 1]);
    }
    keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ")
}

/// A line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Entry(HelpEntry),
    Note(&'static str),
    Blank,
}

/// The whole help overlay, context by context.
pub fn help_lines() -> Vec<HelpLine> {
    let mut out = Vec::new();
    for ctx in [
        Context::Global,
        Context::Search,
        Context::Fuzzy,
        Context::FullText,
        Context::Label,
        Context::Bookmarks,
        Context::Standards,
        Context::Mentions,
        Context::Help,
    ] {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(ctx.title()));
        out.extend(help_entries(ctx).into_iter().map(HelpLine::Entry));
        let note = match ctx {
            Context::Fuzzy => Some(FUZZY_TYPING_HINT),
            Context::Search => Some(SEARCH_TYPING_HINT),
            Context::FullText => Some(FULLTEXT_TYPING_HINT),
            Context::Label => Some(LABEL_TYPING_HINT),
            _ => None,
        };
        out.extend(note.map(HelpLine::Note));
    }
    out
}
