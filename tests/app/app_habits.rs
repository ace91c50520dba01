//! The reader keeping the user's place and habits, no terminal: the jump list (Ctrl-O / Ctrl-N,
//! across a restart), articles left at their top reopening there, less/vim motions with counts,
//! the hint for unbound keys, search memory per article, popups reopening with the last query,
//! popups using the height, pane widths that do not re-wrap on focus, the issue preview.

use crate::app_support;

use std::path::Path;
use std::time::Duration;

use app_support::*;
use magreader::app::update::article_rows;
use magreader::app::{Action, App, Key, Pane, Popup, update};
use magreader::memory::Memory;

fn open_id(app: &App) -> Option<String> {
    let at = app.open_article()?;
    Some(app.article(at)?.id.clone())
}

fn top(app: &App) -> usize {
    app.view.as_ref().unwrap().top
}

fn with_memory(width: u16, height: u16, dir: &Path) -> App {
    let mut a = app(width, height);
    a.attach_memory(Memory::open(dir));
    a
}

fn ctrl(c: char) -> Key {
    Key::Ctrl(c)
}

#[test]
fn ctrl_o_goes_back_along_jumps_and_ctrl_n_forward_again() {
    let mut a = app(120, 40);
    press(&mut a, &[Key::Char('1')]);
    assert_eq!(open_id(&a).as_deref(), Some("conversion-rate"));
    press(&mut a, &[Key::Char('2')]);
    assert_eq!(open_id(&a).as_deref(), Some("themed-event"));
    // Read on a little, then jump away by fuzzy search.
    press(&mut a, &[Key::Char('j'), Key::Char('j'), Key::Char('j')]);
    let read_to = a.view.as_ref().unwrap().anchor;
    press(&mut a, &[ctrl('p')]);
    type_text(&mut a, "mongolia");
    press(&mut a, &[Key::Enter]);
    assert_eq!(open_id(&a).as_deref(), Some("mongolia"));

    press(&mut a, &[ctrl('o')]);
    assert_eq!(open_id(&a).as_deref(), Some("themed-event"));
    assert_eq!(
        a.view.as_ref().unwrap().anchor,
        read_to,
        "back where it was left"
    );
    press(&mut a, &[ctrl('o')]);
    assert_eq!(open_id(&a).as_deref(), Some("conversion-rate"));
    press(&mut a, &[ctrl('o')]);
    assert_eq!(open_id(&a).as_deref(), Some("conversion-rate"));
    assert!(
        a.notice.as_deref().unwrap().contains("oldest"),
        "{:?}",
        a.notice
    );

    press(&mut a, &[ctrl('n')]);
    assert_eq!(open_id(&a).as_deref(), Some("themed-event"));
    press(&mut a, &[ctrl('n')]);
    assert_eq!(open_id(&a).as_deref(), Some("mongolia"));
    press(&mut a, &[ctrl('n')]);
    assert_eq!(open_id(&a).as_deref(), Some("mongolia"));
    assert!(
        a.notice.as_deref().unwrap().contains("newest"),
        "{:?}",
        a.notice
    );
}

#[test]
fn every_kind_of_jump_is_recorded() {
    // Column keys, ] [, } {, Enter in the contents, fuzzy, full-text, a bookmark, G in the
    // article: after each, Ctrl-O comes back to where it was.
    type Jump = Box<dyn Fn(&mut App)>;
    let jumps: Vec<(&str, Jump)> = vec![
        ("column key", Box::new(|a| press(a, &[Key::Char('2')]))),
        ("]", Box::new(|a| press(a, &[Key::Char(']')]))),
        ("}", Box::new(|a| press(a, &[Key::Char('}')]))),
        (
            "contents Enter",
            Box::new(|a| press(a, &[Key::Char('h'), Key::Char('j'), Key::Enter])),
        ),
        (
            "fuzzy",
            Box::new(|a| {
                press(a, &[ctrl('p')]);
                type_text(a, "two sessions");
                press(a, &[Key::Enter]);
            }),
        ),
        (
            "full text",
            Box::new(|a| {
                a.fulltext_budget = Duration::MAX;
                press(a, &[ctrl('f')]);
                type_text(a, "Mongolia");
                press(a, &[Key::Enter]);
            }),
        ),
    ];
    for (name, jump) in jumps {
        let mut a = app(120, 40);
        press(&mut a, &[Key::Char('1')]);
        let before = open_id(&a);
        jump(&mut a);
        assert_ne!(open_id(&a), before, "{name} moved");
        press(&mut a, &[ctrl('o')]);
        assert_eq!(open_id(&a), before, "Ctrl-O after {name}");
    }
    // G within the article is a jump too; j is not.
    let mut a = app(120, 40);
    press(&mut a, &[Key::Char('2')]);
    press(&mut a, &[Key::Char('j'); 10]);
    let (before, anchor) = (top(&a), a.view.as_ref().unwrap().anchor);
    press(&mut a, &[Key::Char('G')]);
    let bottom = top(&a);
    assert!(bottom > before + 1);
    press(&mut a, &[ctrl('o')]);
    // The same text (a blank line at the top shows from the paragraph after it).
    assert_eq!(
        a.view.as_ref().unwrap().anchor,
        anchor,
        "back to where G left"
    );
    assert!(top(&a).abs_diff(before) <= 1);
    press(&mut a, &[ctrl('n')]);
    assert_eq!(top(&a), bottom);
}

#[test]
fn the_jump_list_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(120, 40, dir.path());
    press(&mut a, &[Key::Char('1'), Key::Char('2')]);
    a.save_memory();
    drop(a);
    let mut b = with_memory(120, 40, dir.path());
    assert!(b.resume_last());
    assert_eq!(open_id(&b).as_deref(), Some("themed-event"));
    press(&mut b, &[ctrl('o')]);
    assert_eq!(open_id(&b).as_deref(), Some("conversion-rate"));
    press(&mut b, &[ctrl('n')]);
    assert_eq!(open_id(&b).as_deref(), Some("themed-event"));
}

#[test]
fn an_article_left_at_its_top_reopens_at_its_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(&mut a, &[Key::Char('1')]);
    assert_eq!(top(&a), 0);
    press(&mut a, &[Key::Char('}'), Key::Char('{')]);
    assert_eq!(open_id(&a).as_deref(), Some("conversion-rate"));
    assert_eq!(top(&a), 0, "the title block is on screen again");
    // A column key, [ and Ctrl-O reopen it at its top too.
    press(&mut a, &[Key::Char('2'), Key::Char('1')]);
    assert_eq!(top(&a), 0);
    press(&mut a, &[Key::Char('2'), ctrl('o')]);
    assert_eq!(top(&a), 0);
    // Scrolled to the first line of the body, it reopens there, not at the title.
    let first_body = a
        .view
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.pos.is_some() && !l.text().trim().is_empty())
        .unwrap();
    for _ in 0..first_body {
        press(&mut a, &[Key::Char('j')]);
    }
    press(&mut a, &[Key::Char('}'), Key::Char('{')]);
    assert_eq!(top(&a), first_body);
    // And after a restart.
    press(&mut a, &[Key::Char('g')]);
    a.save_memory();
    drop(a);
    let mut b = with_memory(80, 24, dir.path());
    assert!(b.resume_last());
    assert_eq!(open_id(&b).as_deref(), Some("conversion-rate"));
    assert_eq!(top(&b), 0);
}

#[test]
fn less_motions_scroll_the_article() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2')]);
    let rows = article_rows(&a);
    press(&mut a, &[Key::Char('f')]);
    assert_eq!(top(&a), rows - 1, "f is a page, as Space");
    press(&mut a, &[ctrl('b')]);
    assert_eq!(top(&a), 0);
    press(&mut a, &[Key::Char('d')]);
    assert_eq!(top(&a), rows.div_ceil(2));
    press(&mut a, &[Key::Char('u')]);
    assert_eq!(top(&a), 0);
    press(&mut a, &[ctrl('e'), ctrl('e')]);
    assert_eq!(top(&a), 2);
    press(&mut a, &[ctrl('y')]);
    assert_eq!(top(&a), 1);
}

#[test]
fn counts_repeat_motions_and_pick_lines_and_percentages() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2')]);
    assert_eq!(open_id(&a).as_deref(), Some("themed-event"));
    let rows = article_rows(&a);
    let lines = a.view.as_ref().unwrap().lines.len();
    press_fast(&mut a, &[Key::Char('5'), Key::Char('j')]);
    assert_eq!(top(&a), 5);
    assert_eq!(
        open_id(&a).as_deref(),
        Some("themed-event"),
        "5 was a count"
    );
    press_fast(&mut a, &[Key::Char('1'), Key::Char('0'), Key::Char('G')]);
    assert_eq!(top(&a), 9, "10G puts line 10 at the top");
    press_fast(&mut a, &[Key::Char('3'), Key::Char('k')]);
    assert_eq!(top(&a), 6);
    press_fast(&mut a, &[Key::Char('5'), Key::Char('0'), Key::Char('%')]);
    assert_eq!(top(&a), (lines - 1) / 2, "50% is half way");
    press_fast(&mut a, &[Key::Char('g'), Key::Char('2'), Key::Char(' ')]);
    assert_eq!(top(&a), 2 * (rows - 1), "2 Space is two pages");
    press_fast(
        &mut a,
        &[
            Key::Char('1'),
            Key::Char('0'),
            Key::Char('0'),
            Key::Char('%'),
        ],
    );
    assert_eq!(top(&a), a.view.as_ref().unwrap().max_top(rows));
    // A count in a list picks the item.
    press(&mut a, &[Key::Char('h')]);
    press_fast(&mut a, &[Key::Char('3'), Key::Char('G')]);
    assert_eq!(a.contents_sel, 2);
    // % without a count says what it wants.
    press(&mut a, &[Key::Char('%')]);
    assert!(a.notice.as_deref().unwrap().contains("number first"));
}

#[test]
fn a_digit_not_followed_by_a_motion_is_still_the_column_key() {
    let mut a = app(80, 24);
    // Waiting: nothing moved yet, and the status line says what the digit may become.
    press_fast(&mut a, &[Key::Char('2')]);
    assert!(a.open_article().is_none());
    assert_eq!(a.count, Some(2));
    assert!(a.notice.as_deref().unwrap().contains("column 2"));
    // The pause (the event loop's COUNT_WAIT) makes it the column jump.
    update(&mut a, Action::CountTimeout);
    assert_eq!(open_id(&a).as_deref(), Some("themed-event"));
    // A key that is not a motion: the column jump, then that key.
    press_fast(&mut a, &[Key::Char('1'), Key::Char('}')]);
    assert_eq!(open_id(&a).as_deref(), Some("food-factory"));
    // Esc drops the count.
    press_fast(&mut a, &[Key::Char('4'), Key::Esc]);
    assert_eq!(a.count, None);
    assert_eq!(open_id(&a).as_deref(), Some("food-factory"));
    // 0 alone is no column.
    press(&mut a, &[Key::Char('0')]);
    assert_eq!(open_id(&a).as_deref(), Some("food-factory"));
}

#[test]
fn an_unbound_key_says_so_in_one_line() {
    let mut a = app(80, 24);
    assert!(!a.handle_key(Key::Char('x')));
    assert_eq!(a.notice.as_deref(), Some("x is not a key here · ? help"));
    let screen = render(&a, MONO);
    assert!(
        row(&screen, 23).contains("x is not a key here · ? help"),
        "{screen}"
    );
    // The next key clears it.
    press(&mut a, &[Key::Char('j')]);
    assert_eq!(a.notice, None);
    // In the help, too.
    press(&mut a, &[Key::Char('?'), ctrl('x')]);
    assert_eq!(
        a.notice.as_deref(),
        Some("Ctrl-X is not a key here · ? help")
    );
}

#[test]
fn esc_keeps_the_search_for_n_and_slash_enter_repeats_it() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "Beijing");
    press(&mut a, &[Key::Enter]);
    let count = a.search.as_ref().unwrap().matches.len();
    assert!(count > 3);
    press(&mut a, &[Key::Esc]);
    let s = a.search.as_ref().expect("Esc keeps the search");
    assert!(s.hidden);
    assert!(
        !render(&a, MONO).contains("match"),
        "no match count while hidden"
    );
    press(&mut a, &[Key::Char('n')]);
    let s = a.search.as_ref().unwrap();
    assert!(!s.hidden && s.current.is_some(), "n shows it again");

    // `/` Enter in another article searches it for the same words.
    press(&mut a, &[Key::Char('}')]);
    assert_eq!(open_id(&a).as_deref(), Some("wsd-themed-activity"));
    assert!(a.search.is_none(), "a search belongs to its article");
    assert!(!render(&a, MONO).contains("no match"));
    press(&mut a, &[Key::Char('n')]);
    assert!(
        a.notice.as_deref().unwrap().contains("/ then Enter"),
        "{:?}",
        a.notice
    );
    press(&mut a, &[Key::Char('/'), Key::Enter]);
    let s = a.search.as_ref().unwrap();
    assert_eq!(s.query.as_str(), "Beijing");
    assert_eq!(s.at, a.open_article().unwrap());
    assert!(s.current.is_some());
}

#[test]
fn a_search_comes_back_with_its_article() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "goals");
    press(&mut a, &[Key::Enter, Key::Char('n'), Key::Char('n')]);
    let current = a.search.as_ref().unwrap().current;
    press(&mut a, &[Key::Char('}')]);
    assert!(a.search.is_none());
    press(&mut a, &[Key::Char('{')]);
    let s = a.search.as_ref().expect("back with the article");
    assert_eq!(s.query.as_str(), "goals");
    assert_eq!(s.current, current);
}

#[test]
fn fuzzy_and_full_text_reopen_with_the_last_query_selected() {
    let mut a = app(80, 24);
    press(&mut a, &[ctrl('p')]);
    type_text(&mut a, "mongolia");
    press(&mut a, &[Key::Esc, ctrl('p')]);
    let Some(Popup::Fuzzy(f)) = a.top_popup() else {
        panic!("no fuzzy popup")
    };
    assert_eq!(f.query, "mongolia");
    assert!(f.query_selected && !f.hits.is_empty());
    // Typing replaces it.
    type_text(&mut a, "two");
    let Some(Popup::Fuzzy(f)) = a.top_popup() else {
        panic!()
    };
    assert_eq!((f.query.as_str(), f.query_selected), ("two", false));
    // Enter on the reopened query uses it as it is.
    press(&mut a, &[Key::Esc, ctrl('p'), Key::Enter]);
    assert_eq!(open_id(&a).as_deref(), Some("two-sessions"));

    a.fulltext_budget = Duration::MAX;
    press(&mut a, &[ctrl('f')]);
    type_text(&mut a, "Beijing");
    press(&mut a, &[Key::Esc, ctrl('f')]);
    let Some(Popup::FullText(f)) = a.top_popup() else {
        panic!("no full-text popup")
    };
    assert_eq!(f.query, "Beijing");
    assert!(
        f.query_selected && !f.hits.is_empty(),
        "results come with it"
    );
    press(&mut a, &[Key::Backspace]);
    let Some(Popup::FullText(f)) = a.top_popup() else {
        panic!()
    };
    assert_eq!(f.query, "", "Backspace on a selected query clears it");
}

#[test]
fn popups_use_the_height_and_scroll_with_g_and_capital_g() {
    let mut a = app(200, 60);
    press(&mut a, &[Key::Char('?')]);
    let screen = render(&a, MONO);
    // The fourth part of the help is on screen at once on a tall terminal, not at 80x24.
    assert!(screen.contains("Fuzzy jump (Ctrl-P)"), "{screen}");
    let mut small = app(80, 24);
    press(&mut small, &[Key::Char('?')]);
    assert!(!render(&small, MONO).contains("Fuzzy jump (Ctrl-P)"));
    press(&mut small, &[Key::Char('G')]);
    let Some(Popup::Help { scroll }) = small.top_popup() else {
        panic!()
    };
    assert!(*scroll > 0, "G goes to the end of the help");
    press(&mut small, &[Key::Char('g')]);
    assert!(matches!(small.top_popup(), Some(Popup::Help { scroll: 0 })));
    press(&mut small, &[Key::Char(' ')]);
    assert!(!matches!(
        small.top_popup(),
        Some(Popup::Help { scroll: 0 })
    ));
}

#[test]
fn the_help_wraps_on_a_narrow_screen_and_g_shows_its_last_row() {
    use magreader::app::help::{HelpRow, help_rows, help_width};
    for (w, h) in [(80, 24), (44, 20)] {
        let mut a = app(w, h);
        press(&mut a, &[Key::Char('?'), Key::Char('G')]);
        let screen = render(&a, MONO);
        let rows = help_rows(help_width(w, h));
        let Some(HelpRow::Entry { keys, text }) = rows.last() else {
            panic!("{:?}", rows.last())
        };
        let last = format!("{}{}", keys.trim(), text);
        let shown = screen
            .lines()
            .any(|l| l.replace(' ', "").contains(&last.replace(' ', "")));
        assert!(shown, "{last:?} not on screen at {w}x{h}:\n{screen}");
        assert!(
            screen.contains(&format!("of {}", rows.len())),
            "the title says where the view is: {screen}"
        );
    }
    // At 44 columns a description is wrapped, not cut.
    let mut a = app(44, 30);
    press(&mut a, &[Key::Char('?')]);
    let screen = render(&a, MONO);
    assert!(screen.contains("reading mode on/off:"), "{screen}");
    assert!(screen.contains("full width"), "{screen}");
}

#[test]
fn moving_focus_does_not_rewrap_where_all_panes_fit() {
    let mut a = app(200, 60);
    press(&mut a, &[Key::Char('2')]);
    let lines = |a: &App| {
        let v = a.view.as_ref().unwrap();
        (v.width, v.lines.len())
    };
    let first = lines(&a);
    assert_eq!(first.0, magreader::app::layout::MAX_MEASURE);
    for _ in 0..3 {
        press(&mut a, &[Key::Tab]);
        assert_eq!(lines(&a), first, "focus on {:?}", a.focus);
    }
    // The contents pane gets the room the article does not use.
    let g = a.geometry();
    assert!(g.contents.unwrap().body.width > 56);
}

#[test]
fn the_issue_list_on_a_narrow_screen_previews_the_selected_issue() {
    let mut a = app(50, 24);
    press(&mut a, &[Key::Char('h')]);
    assert_eq!(a.focus, Pane::Issues);
    let screen = render(&a, MONO);
    assert!(screen.contains("China Scene"), "{screen}");
    press(&mut a, &[Key::Char('j')]);
    let screen = render(&a, MONO);
    assert!(screen.contains("Research"), "{screen}");
    assert!(!screen.contains("China Scene"), "{screen}");
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend() {
    let mut a = app(80, 24);
    press(&mut a, &[ctrl('z')]);
    assert!(a.suspend);
}

#[test]
fn the_bookmark_list_scrolls_with_g_capital_g_and_space() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(&mut a, &[Key::Char('2')]);
    for _ in 0..12 {
        press(&mut a, &[Key::Char('j'), Key::Char('m'), Key::Enter]);
    }
    press(&mut a, &[Key::Char('\'')]);
    let sel = |a: &App| match a.top_popup() {
        Some(Popup::Bookmarks(b)) => b.selected,
        _ => panic!("no bookmark list"),
    };
    let count = magreader::app::bookmarks::listed(&a).len();
    assert!(count > 5, "{count}");
    press(&mut a, &[Key::Char('G')]);
    assert_eq!(sel(&a), count - 1);
    press(&mut a, &[Key::Char('g')]);
    assert_eq!(sel(&a), 0);
    press(&mut a, &[Key::Char(' ')]);
    assert!(sel(&a) > 1);
    press(&mut a, &[Key::Char('b')]);
    assert_eq!(sel(&a), 0);
}

#[test]
fn quitting_with_a_count_waiting_opens_nothing() {
    let mut a = app(80, 24);
    press_fast(&mut a, &[Key::Char('3'), Key::Char('q')]);
    assert!(a.quit);
    assert!(a.open_article().is_none());
}

#[test]
fn after_a_fresh_start_ctrl_o_opens_the_newest_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(120, 40, dir.path());
    press(&mut a, &[Key::Char('1'), Key::Char('2')]);
    a.save_memory();
    drop(a);
    // `--fresh`: nothing reopened.
    let mut b = with_memory(120, 40, dir.path());
    assert!(b.open_article().is_none());
    press(&mut b, &[ctrl('o')]);
    assert_eq!(open_id(&b).as_deref(), Some("conversion-rate"));
    press(&mut b, &[ctrl('o')]);
    assert!(b.notice.is_some(), "nothing further back, and it says so");
    assert_eq!(open_id(&b).as_deref(), Some("conversion-rate"));
}
