//! Render tests for search and reading memory: the `/` prompt with highlighted matches (also
//! across a soft line break), the Ctrl-F popup, the bookmark list and read marks, at 80x24
//! (insta snapshots of the text, plus style checks the text cannot show).

use crate::app_support;

use std::time::Duration;

use app_support::*;
use magreader::app::{Action, App, Key, update};
use magreader::memory::Memory;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The text of the cells of screen row `y` whose background is `bg`.
fn cells_with_bg(buf: &Buffer, y: u16, bg: Color) -> String {
    (0..buf.area.width)
        .map(|x| &buf[(x, y)])
        .filter(|c| c.bg == bg)
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn search_prompt_and_highlights_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "Beijing");
    let s = render(&a, MONO);
    insta::assert_snapshot!("search_prompt_80x24", s);
    let status = row(&s, 23);
    assert!(status.starts_with("/Beijing_"), "{status}");
    assert!(status.contains("match 1/21"), "{status}");

    // Colour: the current match on LightRed, the others on Yellow, nothing else on either.
    let buf = buffer(&a, COLOR);
    let current: String = (0..23)
        .map(|y| cells_with_bg(&buf, y, Color::LightRed))
        .collect();
    assert_eq!(current, "Beijing");
    let others: Vec<String> = (0..23)
        .map(|y| cells_with_bg(&buf, y, Color::Yellow))
        .filter(|t| !t.is_empty())
        .collect();
    assert!(!others.is_empty());
    assert!(others.iter().all(|t| t == "Beijing"), "{others:?}");

    // Monochrome: matches in reverse video, the current one also bold and underlined.
    let buf = buffer(&a, MONO);
    let g = a.geometry();
    let marked = |m: Modifier| -> String {
        (1..23)
            .flat_map(|y| (g.text.x..g.text.x + g.text.width).map(move |x| (x, y)))
            .filter(|&p| buf[p].modifier.contains(m))
            .map(|p| buf[p].symbol().to_string())
            .collect()
    };
    assert_eq!(marked(Modifier::REVERSED | Modifier::UNDERLINED), "Beijing");
    let all = marked(Modifier::REVERSED);
    assert_eq!(all.matches("Beijing").count(), others.len() + 1, "{all}");
    assert_eq!(all.replace("Beijing", ""), "");

    // Enter keeps the search: the status shows the count with the position.
    press(&mut a, &[Key::Enter, Key::Char('n')]);
    let s = render(&a, MONO);
    assert!(row(&s, 23).contains("match 2/21"), "{}", row(&s, 23));
}

#[test]
fn a_match_split_by_the_wrapper_is_highlighted_on_both_lines() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    let phrase = "experts from standardization bodies discussing partnerships";
    type_text(&mut a, phrase);
    press(&mut a, &[Key::Enter]);
    // Find a match the wrapper split, and go to it.
    let (i, m) = {
        let s = a.search.as_ref().unwrap();
        let i = s
            .matches
            .iter()
            .position(|m| m.start.line != m.end.line)
            .expect("some occurrence is split over two lines at this width");
        (i, s.matches[i].clone())
    };
    while a.search.as_ref().unwrap().current != Some(i) {
        press(&mut a, &[Key::Char('n')]);
    }
    let buf = buffer(&a, COLOR);
    let top = a.view.as_ref().unwrap().top;
    let y0 = 1 + (m.start.line - top) as u16;
    let first = cells_with_bg(&buf, y0, Color::LightRed);
    let second = cells_with_bg(&buf, y0 + 1, Color::LightRed);
    assert!(
        !first.is_empty() && !second.is_empty(),
        "{first:?} / {second:?}"
    );
    assert_eq!(format!("{} {}", first.trim(), second.trim()), phrase);
}

#[test]
fn full_text_popup_80x24() {
    let mut a = app(80, 24);
    a.fulltext_budget = Duration::MAX;
    press(&mut a, &[Key::Ctrl('f')]);
    let s = render(&a, MONO);
    assert!(
        s.contains("Search all issues") && s.contains("type a phrase"),
        "{s}"
    );
    type_text(&mut a, "国际标准化组织");
    press(&mut a, &[Key::Down]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("fulltext_80x24", s);
    assert!(s.contains("Search all issues (7 articles)"), "{s}");
    assert!(s.contains("> 国际标准化组织_"));
    assert!(s.contains("2024-03"), "rows show their issue");
    // The snippet row highlights the hit: bold + underline in monochrome.
    let buf = buffer(&a, MONO);
    let hl: String = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD))
        .map(|c| c.symbol())
        .collect();
    assert!(hl.contains("国际标准化组织"), "{hl}");
    // Nothing found.
    type_text(&mut a, "xyz");
    let s = render(&a, MONO);
    assert!(s.contains("no article has that text"), "{s}");
}

#[test]
fn bookmark_list_and_read_marks_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(80, 24);
    a.attach_memory(Memory::open(dir.path()));
    // Read "Food digital factory" to the end; bookmark a place in "Themed event".
    press(&mut a, &[Key::Char('1'), Key::Char('}'), Key::Char('G')]);
    press(&mut a, &[Key::Char('2'), Key::Char(' '), Key::Char('m')]);
    type_text(&mut a, "WSD speech");
    let s = render(&a, MONO);
    assert!(
        row(&s, 23).starts_with("Bookmark label: WSD speech_"),
        "{}",
        row(&s, 23)
    );
    press(&mut a, &[Key::Enter, Key::Char('h')]);
    let s = render(&a, MONO);
    let read_row = s
        .lines()
        .find(|l| l.contains("First national standard"))
        .unwrap();
    assert!(read_row.contains("\u{2713}First national"), "{read_row}");
    let unread = s.lines().find(|l| l.contains("The overall conv")).unwrap();
    assert!(!unread.contains('\u{2713}'), "{unread}");
    press(&mut a, &[Key::Char('\'')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("bookmarks_80x24", s);
    assert!(s.contains("Bookmarks (1)"));
    assert!(
        s.contains("[WSD speech] Themed event of World Standards Day"),
        "{s}"
    );
}

#[test]
fn new_chrome_is_one_column_under_any_cjk_setting() {
    let archive = ascii_fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut a = App::new(archive, 80, 24);
    a.fulltext_budget = Duration::MAX;
    a.attach_memory(Memory::open(dir.path()));
    let check = |a: &App| {
        for theme in [MONO, COLOR] {
            for cell in buffer(a, theme).content() {
                let s = cell.symbol();
                assert_eq!(s.width(), s.width_cjk(), "ambiguous glyph {s:?}");
            }
        }
    };
    for keys in [
        &[Key::Char('2'), Key::Char('G'), Key::Char('h')][..],
        &[Key::Char('/'), Key::Char('t')],
        &[Key::Enter, Key::Char('m'), Key::Char('x')],
        &[Key::Enter, Key::Char('\'')],
        &[Key::Esc, Key::Ctrl('f'), Key::Char('p')],
    ] {
        press(&mut a, keys);
        check(&a);
    }
    update(&mut a, Action::Resize(50, 20));
    check(&a);
}
