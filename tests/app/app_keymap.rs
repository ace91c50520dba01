//! The keymap table: unambiguous, complete for the documented keys, and drawn in the help.

use std::collections::HashSet;

use magreader::app::Action;
use magreader::app::keymap::{Context, HelpLine, KEYMAP, Key, help_lines, lookup};
use magreader::text::width::str_width;
use unicode_width::UnicodeWidthStr;

#[test]
fn no_key_is_bound_twice_in_the_same_context() {
    let mut seen = HashSet::new();
    for b in KEYMAP {
        assert!(
            seen.insert((b.context, b.key)),
            "{:?} is bound twice in {:?}",
            b.key,
            b.context
        );
    }
}

#[test]
fn the_documented_keys_do_what_the_readme_says() {
    use Action as A;
    use Context::Global as G;
    let cases: &[(Context, Key, Action)] = &[
        (G, Key::Char('q'), A::Quit),
        (G, Key::Ctrl('c'), A::Quit),
        (G, Key::Char('?'), A::ToggleHelp),
        (G, Key::Tab, A::FocusNext),
        (G, Key::BackTab, A::FocusPrev),
        (G, Key::Char('h'), A::FocusLeft),
        (G, Key::Left, A::FocusLeft),
        (G, Key::Char('l'), A::FocusRight),
        (G, Key::Right, A::FocusRight),
        (G, Key::Enter, A::Open),
        (G, Key::Char('j'), A::Down),
        (G, Key::Down, A::Down),
        (G, Key::Char('k'), A::Up),
        (G, Key::Up, A::Up),
        (G, Key::Char('g'), A::Top),
        (G, Key::Home, A::Top),
        (G, Key::Char('G'), A::Bottom),
        (G, Key::End, A::Bottom),
        (G, Key::Char(' '), A::PageDown),
        (G, Key::PageDown, A::PageDown),
        (G, Key::Char('b'), A::PageUp),
        (G, Key::PageUp, A::PageUp),
        (G, Key::Ctrl('d'), A::HalfPageDown),
        (G, Key::Ctrl('u'), A::HalfPageUp),
        // A digit waits to see whether a motion takes it as a count; alone, it is the column.
        (G, Key::Char('1'), A::Count(1)),
        (G, Key::Char('9'), A::Count(9)),
        (G, Key::Char(']'), A::NextColumn),
        (G, Key::Char('['), A::PrevColumn),
        (G, Key::Char('}'), A::NextArticle),
        (G, Key::Char('{'), A::PrevArticle),
        (G, Key::Ctrl('p'), A::OpenFuzzy),
        (Context::Fuzzy, Key::Up, A::Up),
        (Context::Fuzzy, Key::Down, A::Down),
        (Context::Fuzzy, Key::Ctrl('n'), A::Down),
        (Context::Fuzzy, Key::Ctrl('p'), A::Up),
        (Context::Fuzzy, Key::Enter, A::Open),
        (Context::Fuzzy, Key::Esc, A::ClosePopup),
        (Context::Help, Key::Esc, A::ClosePopup),
    ];
    for &(ctx, key, action) in cases {
        assert_eq!(lookup(ctx, key), Some(action), "{key:?} in {ctx:?}");
    }
}

#[test]
fn fuzzy_popup_types_unbound_characters_but_help_swallows_them() {
    // `q`, `j` and Chinese are query text in fuzzy jump, not commands.
    for c in ['q', 'j', '蒙', ' ', '?', '1'] {
        assert_eq!(lookup(Context::Fuzzy, Key::Char(c)), Some(Action::Input(c)));
    }
    assert_eq!(lookup(Context::Fuzzy, Key::Ctrl('c')), Some(Action::Quit));
    assert_eq!(lookup(Context::Fuzzy, Key::Tab), None);
    assert_eq!(lookup(Context::Help, Key::Char('x')), None);
    assert_eq!(
        lookup(Context::Help, Key::Char('q')),
        Some(Action::ClosePopup)
    );
}

#[test]
fn every_binding_appears_in_the_help() {
    let text: Vec<String> = help_lines()
        .into_iter()
        .map(|l| match l {
            HelpLine::Entry(e) => format!("{} {}", e.keys, e.description),
            HelpLine::Heading(h) | HelpLine::Note(h) => h.to_string(),
            HelpLine::Blank => String::new(),
        })
        .collect();
    let all = text.join("\n");
    for b in KEYMAP {
        let label = match b.key {
            Key::Char(c) if ('1'..='9').contains(&c) => "1-9".to_string(),
            k => k.label(),
        };
        assert!(
            text.iter()
                .any(|l| l.contains(&label) && l.contains(b.description)),
            "{label} ({}) missing from help:\n{all}",
            b.description
        );
    }
    assert!(all.contains("Ctrl-P") && all.contains("Shift-Tab") && all.contains("1-9"));
}

#[test]
fn key_labels_are_one_column_per_char_under_any_cjk_setting() {
    for b in KEYMAP {
        let label = b.key.label();
        assert!(label.is_ascii(), "{label}");
        assert_eq!(label.width(), label.width_cjk(), "{label}");
        assert_eq!(str_width(&label), label.chars().count());
    }
}

#[test]
fn the_search_and_memory_keys_do_what_the_readme_says() {
    use Action as A;
    use Context as C;
    let cases: &[(Context, Key, Action)] = &[
        (C::Global, Key::Char('/'), A::OpenSearch),
        (C::Global, Key::Char('n'), A::NextMatch),
        (C::Global, Key::Char('N'), A::PrevMatch),
        (C::Global, Key::Ctrl('f'), A::OpenFullText),
        (C::Global, Key::Char('m'), A::AddBookmark),
        (C::Global, Key::Char('\''), A::OpenBookmarks),
        (C::Search, Key::Enter, A::Open),
        (C::Search, Key::Esc, A::ClosePopup),
        (C::FullText, Key::Enter, A::Open),
        (C::FullText, Key::Esc, A::ClosePopup),
        (C::FullText, Key::Down, A::Down),
        (C::Label, Key::Enter, A::Open),
        (C::Label, Key::Esc, A::ClosePopup),
        (C::Bookmarks, Key::Enter, A::Open),
        (C::Bookmarks, Key::Char('d'), A::Delete),
        (C::Bookmarks, Key::Esc, A::ClosePopup),
    ];
    for &(ctx, key, action) in cases {
        assert_eq!(lookup(ctx, key), Some(action), "{key:?} in {ctx:?}");
    }
    // Prompts and the full-text popup take typed text, even letters bound elsewhere; the
    // bookmark list does not.
    for ctx in [C::Search, C::FullText, C::Label] {
        for c in ['n', 'q', '/', 'm', '标'] {
            assert_eq!(
                lookup(ctx, Key::Char(c)),
                Some(A::Input(c)),
                "{c} in {ctx:?}"
            );
        }
    }
    assert_eq!(lookup(C::Bookmarks, Key::Char('x')), None);
    // The help names Ctrl-F.
    let help: Vec<String> = help_lines()
        .into_iter()
        .filter_map(|l| match l {
            HelpLine::Entry(e) => Some(format!("{} {}", e.keys, e.description)),
            _ => None,
        })
        .collect();
    assert!(help.iter().any(|l| l.starts_with("Ctrl-F ")), "{help:?}");
}

#[test]
fn less_and_vim_motions_and_the_jump_keys_are_bound_without_moving_documented_keys() {
    use Action as A;
    use Context as C;
    let cases: &[(Context, Key, Action)] = &[
        (C::Global, Key::Char('f'), A::PageDown),
        (C::Global, Key::Ctrl('b'), A::PageUp),
        (C::Global, Key::Char('d'), A::HalfPageDown),
        (C::Global, Key::Char('u'), A::HalfPageUp),
        (C::Global, Key::Ctrl('e'), A::Down),
        (C::Global, Key::Ctrl('y'), A::Up),
        (C::Global, Key::Char('%'), A::Percent),
        (C::Global, Key::Char('0'), A::Count(0)),
        (C::Global, Key::Ctrl('o'), A::JumpBack),
        (C::Global, Key::Ctrl('n'), A::JumpForward),
        (C::Global, Key::Ctrl('z'), A::Suspend),
        // Scrolling popups take the same motions.
        (C::Help, Key::Char('g'), A::Top),
        (C::Help, Key::Char('G'), A::Bottom),
        (C::Help, Key::Char(' '), A::PageDown),
        (C::Bookmarks, Key::Char('g'), A::Top),
        (C::Bookmarks, Key::Char('G'), A::Bottom),
        (C::Bookmarks, Key::Char(' '), A::PageDown),
        (C::Bookmarks, Key::Char('b'), A::PageUp),
        (C::Fuzzy, Key::PageDown, A::PageDown),
        (C::Fuzzy, Key::End, A::Bottom),
        (C::FullText, Key::Home, A::Top),
        // What the README documented before stays.
        (C::Global, Key::Tab, A::FocusNext),
        (C::Global, Key::Char('b'), A::PageUp),
        (C::Global, Key::Char(' '), A::PageDown),
        (C::Global, Key::Ctrl('d'), A::HalfPageDown),
        (C::Global, Key::Char('n'), A::NextMatch),
        (C::Global, Key::Ctrl('p'), A::OpenFuzzy),
        (C::Bookmarks, Key::Char('d'), A::Delete),
    ];
    for &(ctx, key, action) in cases {
        assert_eq!(lookup(ctx, key), Some(action), "{key:?} in {ctx:?}");
    }
    // No key is bound twice in one context.
    for (i, a) in KEYMAP.iter().enumerate() {
        for b in &KEYMAP[i + 1..] {
            assert!(
                (a.context, a.key) != (b.context, b.key),
                "{:?} bound twice in {:?}",
                a.key,
                a.context
            );
        }
    }
    let help: Vec<String> = help_lines()
        .into_iter()
        .filter_map(|l| match l {
            HelpLine::Entry(e) => Some(e.keys),
            _ => None,
        })
        .collect();
    for label in [
        "Ctrl-O", "Ctrl-N", "Ctrl-Z", "Ctrl-E", "Ctrl-Y", "Ctrl-B", "%", "0",
    ] {
        assert!(
            help.iter().any(|k| k.split(' ').any(|x| x == label)),
            "{label} not in the help: {help:?}"
        );
    }
}
