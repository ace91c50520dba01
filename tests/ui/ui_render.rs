//! Render tests with ratatui's TestBackend: whole screens at 80x24 and 50x20 with CJK content
//! (insta snapshots of the text), plus checks on styles, colours, sanitising and chrome glyphs.

use crate::app_support;

use app_support::*;
use magreader::app::{Action, App, Key, update};
use magreader::archive::Archive;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

#[test]
fn start_screen_80x24() {
    let a = app(80, 24);
    let s = render(&a, MONO);
    insta::assert_snapshot!("start_80x24", s);
    // Three panes with their title bars; the status line names the open issue.
    assert!(row(&s, 0).contains("Issues (2)") && row(&s, 0).contains("Contents 2025-06"));
    assert!(s.contains(" 1 China Scene 中国视窗"));
    assert!(s.contains(" 2 Spotlight 聚光灯"));
    assert!(s.contains("2025 No.6 \u{2219} Nov/Dec"));
    assert!(row(&s, 23).contains("2025 No.6"));
    // Front matter comes after the last column.
    assert!(s.find("Front matter").unwrap() > s.find("Global Vision").unwrap());
}

#[test]
fn reading_screen_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('2')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("reading_80x24", s);
    assert!(s.contains("Themed event of World Standards"));
    assert!(s.contains("2025年世界标准日主题活动在京举行"));
    let status = row(&s, 23);
    assert!(status.contains("2025-06 \u{203A} Spotlight"), "{status}");
    assert!(status.contains("1/"), "{status}");
    press(&mut a, &[Key::Char(' ')]);
    let s2 = render(&a, MONO);
    assert_ne!(s, s2, "Space scrolls the article");
    assert!(row(&s2, 23).contains(&format!(
        "{}/",
        1 + magreader::app::update::article_rows(&a) - 1
    )));
}

#[test]
fn fuzzy_popup_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "蒙古");
    let s = render(&a, MONO);
    insta::assert_snapshot!("fuzzy_80x24", s);
    assert!(s.contains("> 蒙古_"));
    assert!(s.contains("Analysis of Mongolia"));
    assert!(s.contains("2024-03"), "each row shows its issue");
}

#[test]
fn fuzzy_popup_lines_up_where_each_title_is() {
    let mut a = magreader::app::App::new(magreader::archive::load_builtin().0, 100, 24);
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "stand");
    let s = render(&a, MONO);
    // Each row's issue id starts in the same column, whatever its column's name.
    let starts: std::collections::BTreeSet<usize> = s
        .lines()
        .skip(3)
        .filter_map(|l| {
            let at = l.find(" 2025-").or_else(|| l.find(" 2024-"))?;
            Some(unicode_width::UnicodeWidthStr::width(&l[..at]))
        })
        .collect();
    assert_eq!(starts.len(), 1, "issue ids at columns {starts:?}:\n{s}");
}

#[test]
fn the_selected_title_stays_on_screen_while_moving_down_the_list() {
    let mut a = magreader::app::App::new(magreader::archive::load_builtin().0, 80, 24);
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "s");
    for n in 0..45 {
        let s = render(&a, MONO);
        // The query line and the selected row both start with `>`.
        let marked = s.lines().filter(|l| l.contains("|> ")).count();
        assert_eq!(
            marked, 2,
            "after {n} Down the selection is off screen:\n{s}"
        );
        press_fast(&mut a, &[Key::Down]);
    }
}

#[test]
fn help_overlay_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('?')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("help_80x24", s);
    assert!(s.contains("Keys (Esc closes)"));
    assert!(s.contains("q Ctrl-C") && s.contains("1-9"));
}

#[test]
fn narrow_50x20_shows_one_pane_at_a_time() {
    let mut a = app(50, 20);
    let s = render(&a, MONO);
    insta::assert_snapshot!("start_50x20", s);
    assert!(row(&s, 0).contains("Contents 2025-06") && !s.contains("Issues ("));
    press(&mut a, &[Key::Char('2'), Key::Char('j')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("reading_50x20", s);
    assert!(
        !s.contains("Contents 2025-06"),
        "the article takes the room"
    );
    // A key brings the other panes back.
    press(&mut a, &[Key::Char('h')]);
    let s = render(&a, MONO);
    assert!(row(&s, 0).contains("Contents 2025-06"));
    press(&mut a, &[Key::BackTab]);
    let s = render(&a, MONO);
    assert!(row(&s, 0).contains("Issues (2)"));
}

#[test]
fn fuzzy_popup_50x20() {
    let mut a = app(50, 20);
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "spot");
    let s = render(&a, MONO);
    insta::assert_snapshot!("fuzzy_50x20", s);
}

#[test]
fn tiny_screens_show_the_enlarge_notice() {
    for (w, h) in [(1, 1), (10, 3), (19, 24), (80, 4)] {
        let mut a = app(w, h);
        press(&mut a, &[Key::Char('2'), Key::Ctrl('p'), Key::Char('x')]);
        let s = render(&a, MONO);
        let first = row(&s, 0);
        let msg = "enlarge the window (at least 20x5)";
        assert!(
            msg.starts_with(first.trim_end_matches('~')),
            "{w}x{h}: {first:?}"
        );
        assert!(s.lines().skip(1).all(|l| l.is_empty()), "{w}x{h}");
    }
    let a = app(20, 5);
    assert!(!render(&a, MONO).contains("enlarge"));
}

#[test]
fn wide_screens_keep_a_readable_measure() {
    let mut a = app(300, 100);
    press(&mut a, &[Key::Char('2')]);
    let g = a.geometry();
    assert_eq!(g.text.width, 100);
    let buf = buffer(&a, MONO);
    let body = g.article.unwrap().body;
    // Nothing is drawn in the article pane outside the text column.
    for y in body.y..body.y + body.height {
        for x in body.x..body.x + body.width {
            if x < g.text.x || x >= g.text.x + g.text.width {
                assert_eq!(buf[(x, y)].symbol(), " ", "({x},{y})");
            }
        }
    }
}

#[test]
fn monochrome_shows_focus_by_reverse_video_and_the_selection_by_underline() {
    let a = app(80, 24);
    let buf = buffer(&a, MONO);
    let g = a.geometry();
    let contents = g.contents.unwrap();
    let issues = g.issues.unwrap();
    let reversed = |x: u16, y: u16| buf[(x, y)].modifier.contains(Modifier::REVERSED);
    assert!(
        reversed(contents.title.x + 2, 0),
        "focused pane's title bar"
    );
    assert!(!reversed(issues.title.x + 2, 0), "unfocused title bar");
    // The selected article row (line 2 of the contents: header, then the first article) is
    // underlined, not reversed: reverse video is for search matches.
    let underlined = |x: u16, y: u16| buf[(x, y)].modifier.contains(Modifier::UNDERLINED);
    assert!(underlined(contents.body.x + 3, 2) && !reversed(contents.body.x + 3, 2));
    assert!(!underlined(contents.body.x + 3, 1));
    // The selected issue in the unfocused issue list is underlined, not bold or reversed.
    assert!(underlined(issues.body.x + 2, 1));
    assert!(!reversed(issues.body.x + 2, 1));
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn colour_theme_uses_only_the_16_ansi_colours() {
    let mut a = app(80, 24);
    let mut screens = vec![buffer(&a, COLOR)];
    press(&mut a, &[Key::Char('2')]);
    screens.push(buffer(&a, COLOR));
    press(&mut a, &[Key::Ctrl('p'), Key::Char('s')]);
    screens.push(buffer(&a, COLOR));
    press(&mut a, &[Key::Esc, Key::Char('?')]);
    screens.push(buffer(&a, COLOR));
    for buf in screens {
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
    }
}

fn hostile() -> Archive {
    let mut archive = fixture();
    let issue = &mut archive.issues[0];
    issue.cover = Some("Cover \u{1b}]0;pwned\u{7}story".into());
    let s = &mut issue.sections[2];
    s.name = "Spot\u{1b}[2Jlight".into();
    let art = &mut s.articles[0];
    art.title = "Evil \u{1b}[31mred\u{1b}[0m title\u{7}".into();
    art.body = "Body with \u{1b}[?1049l escape and \u{9b}31m C1 and \u{7f} DEL.\n".into();
    archive
}

#[test]
fn archive_text_never_reaches_the_terminal_raw() {
    let mut a = App::new(hostile(), 80, 24);
    let mut screens = vec![render(&a, COLOR)];
    press(&mut a, &[Key::Char('2')]);
    screens.push(render(&a, COLOR));
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "evil");
    screens.push(render(&a, COLOR));
    for s in &screens {
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
    }
    let joined = screens.join("\n");
    assert!(joined.contains("^["), "escapes are shown visibly");
}

#[test]
fn chrome_glyphs_are_one_column_under_any_cjk_setting() {
    // With ASCII-only archive text, every cell on screen is chrome or ASCII: all must have the
    // same width whether ambiguous characters are narrow or wide.
    let archive = ascii_fixture();
    let mut a = App::new(archive, 80, 24);
    let check = |a: &App| {
        for theme in [MONO, COLOR] {
            for cell in buffer(a, theme).content() {
                let s = cell.symbol();
                assert_eq!(
                    s.width(),
                    s.width_cjk(),
                    "ambiguous glyph {s:?} in the chrome"
                );
            }
        }
    };
    check(&a);
    for keys in [
        &[Key::Char('2')][..],
        &[Key::Ctrl('p'), Key::Char('s')],
        &[Key::Esc, Key::Char('?')],
        &[Key::Esc, Key::Char('9')],
    ] {
        press(&mut a, keys);
        check(&a);
    }
    update(&mut a, Action::Resize(50, 20));
    check(&a);
    update(&mut a, Action::Resize(10, 3));
    check(&a);
}

#[test]
fn an_article_whose_file_cannot_be_read_is_greyed_and_says_why_when_opened() {
    let mut archive = fixture();
    let problem = magreader::archive::LoadProblem {
        path: "/archive/issues/2025-06/lost.md".into(),
        problem: "cannot read the body of article `lost`: it is a FIFO (named pipe), not a \
                  regular file"
            .into(),
    };
    // The second article of the first column with two (the first one is selected, and so
    // drawn reversed).
    let sections = &mut archive.issues[0].sections;
    let section = sections.iter().position(|s| s.articles.len() >= 2).unwrap();
    let lost = &mut sections[section].articles[1];
    lost.body = magreader::archive::Body::unreadable(problem);
    let title: String = lost.title.chars().take(10).collect();
    let mut a = App::new(archive, 80, 24);
    let buf = buffer(&a, MONO);
    // The cell where the title starts, found by its ASCII first characters.
    let at = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .find(|&(x, y)| {
            title.chars().enumerate().all(|(i, c)| {
                x + (i as u16) < buf.area.width && buf[(x + i as u16, y)].symbol() == c.to_string()
            })
        })
        .unwrap_or_else(|| panic!("{title:?} on screen:\n{}", screen_text(&buf)));
    let cell = &buf[at];
    assert!(
        cell.modifier.contains(Modifier::DIM | Modifier::ITALIC),
        "{:?} at {at:?}",
        cell.modifier
    );
    // Opened, it shows the reason in place of its text.
    a.contents_sel = a
        .contents
        .items
        .iter()
        .position(|r| r.section == section && r.article == 1)
        .unwrap();
    press(&mut a, &[Key::Enter]);
    let s = render(&a, MONO);
    assert!(s.contains("cannot be shown"), "{s}");
    assert!(s.contains("FIFO"), "{s}");
}
