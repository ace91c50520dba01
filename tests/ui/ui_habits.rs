//! Rendering of what keeps the user's place and habits (TestBackend, insta snapshots of the
//! text): the issue list's preview on a narrow screen, the panes at 200x60, the hint for an
//! unbound key, a popup reopened with its last query selected, and the colour depths.

use crate::app_support;

use app_support::*;
use magreader::app::Key;
use magreader::ui::Theme;
use magreader::ui::theme::Depth;
use ratatui::style::{Color, Modifier};

#[test]
fn narrow_issue_list_previews_the_selected_issue_50x24() {
    let mut a = app(50, 24);
    press(&mut a, &[Key::Char('h'), Key::Char('j')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("issue_preview_50x24", s);
    assert!(
        s.contains("Contents 2024-03") && s.contains("研究与探索"),
        "{s}"
    );
}

#[test]
fn wide_panes_give_the_lists_what_the_article_does_not_use_200x60() {
    let mut a = app(200, 60);
    press(&mut a, &[Key::Char('2')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("wide_200x60", s);
    // The longest title fits in the contents pane whole.
    assert!(
        s.contains("The overall conversion rate of international standards into"),
        "{s}"
    );
}

#[test]
fn unbound_key_hint_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('x')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("unbound_hint_80x24", s);
}

#[test]
fn fuzzy_reopens_with_the_last_query_selected_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "蒙古国");
    press(&mut a, &[Key::Esc, Key::Ctrl('p')]);
    let buf = buffer(&a, MONO);
    let s = screen_text(&buf);
    insta::assert_snapshot!("fuzzy_reopened_80x24", s);
    // The query's cells are in reverse video: typing replaces them.
    let y = (0..24).find(|&y| row(&s, y).contains("> 蒙古国")).unwrap() as u16;
    let x = (0..80u16).find(|&x| buf[(x, y)].symbol() == "蒙").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    type_text(&mut a, "m");
    let buf = buffer(&a, MONO);
    assert!(!screen_text(&buf).contains("蒙古国"));
}

#[test]
fn each_colour_depth_draws_with_its_own_colours() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2'), Key::Char('/')]);
    type_text(&mut a, "Beijing");
    press(&mut a, &[Key::Enter]);
    let colours = |t: Theme| -> Vec<Color> {
        buffer(&a, t)
            .content()
            .iter()
            .flat_map(|c| [c.fg, c.bg])
            .filter(|c| *c != Color::Reset)
            .collect()
    };
    let rgb = colours(Theme::with_depth(Depth::TrueColor));
    assert!(!rgb.is_empty() && rgb.iter().all(|c| matches!(c, Color::Rgb(..))));
    let c256 = colours(Theme::with_depth(Depth::Ansi256));
    assert!(!c256.is_empty() && c256.iter().all(|c| matches!(c, Color::Indexed(_))));
    let c16 = colours(Theme::with_depth(Depth::Ansi16));
    assert!(!c16.is_empty());
    assert!(
        c16.iter()
            .all(|c| !matches!(c, Color::Indexed(_) | Color::Rgb(..)))
    );
    assert!(colours(Theme::with_depth(Depth::Mono)).is_empty());
    // The same text at every depth.
    let text = render(&a, MONO);
    for d in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16] {
        assert_eq!(render(&a, Theme::with_depth(d)), text);
    }
}
