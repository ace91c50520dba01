//! The reader's standards: `s` lists the open article's standards, `Enter` every mention of
//! one in the archive, `Enter` opens the article at the mention; designations in the text are
//! marked. On the built-in archive at 80x24 (insta snapshots of the text, plus style checks).

mod app_support;

use app_support::*;
use magreader::app::article::ArticleRef;
use magreader::app::update::open_article_at;
use magreader::app::{App, Key, Popup};
use magreader::archive::load_builtin;
use ratatui::style::{Color, Modifier};

/// The built-in archive's reader with the article open that mentions `designation` in its
/// `nth` article, at the top of the article.
fn reader_on(designation: &str, nth: usize) -> App {
    let mut app = App::new(load_builtin().0, 80, 24);
    let hit = {
        let index = app.standards.get(&app.archive);
        let s = index
            .standards
            .iter()
            .find(|s| s.designation == designation)
            .unwrap_or_else(|| panic!("{designation} is in the built-in archive"));
        s.articles()[nth][0].clone()
    };
    let at = ArticleRef {
        issue: hit.issue,
        section: hit.section,
        article: hit.article,
    };
    open_article_at(&mut app, at, None);
    app
}

#[test]
fn s_lists_the_article_standards_and_enter_every_mention_in_the_archive_80x24() {
    let mut a = reader_on("ISO/IEC 42001", 1);
    let opened = a.open_article().unwrap();
    press(&mut a, &[Key::Char('s')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("standards_popup_80x24", s);
    assert!(s.contains("Standards in this article"), "{s}");
    assert!(s.contains("ISO/IEC 42001"), "{s}");
    assert!(row(&s, 23).contains("Enter mentions"), "{}", row(&s, 23));

    // Select ISO/IEC 42001 and list its mentions: three articles in three issues.
    let Some(Popup::Standards(p)) = a.popups.last() else {
        panic!("the standards list is on top")
    };
    let index = a.standards.get(&a.archive);
    let pos = p
        .rows
        .iter()
        .position(|(s, _)| index.standards[*s].designation == "ISO/IEC 42001")
        .unwrap();
    for _ in 0..pos {
        press(&mut a, &[Key::Char('j')]);
    }
    press(&mut a, &[Key::Enter]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("standards_mentions_80x24", s);
    assert!(
        s.contains("ISO/IEC 42001: 3 mentions in the archive"),
        "{s}"
    );

    // Enter on the first mention (another issue's article) opens it at the mention.
    press(&mut a, &[Key::Enter]);
    assert!(a.popups.is_empty(), "both lists close");
    let view = a.view.as_ref().unwrap();
    assert_ne!(view.at, opened, "another article");
    assert_eq!(a.issue, view.at.issue, "its issue is the open one");
    let top = view.top;
    let shown: String = view.lines[top..(top + 20).min(view.lines.len())]
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(
        shown.contains("ISO/IEC 42001"),
        "the mention is on screen: {shown}"
    );
}

#[test]
fn esc_goes_back_from_the_mentions_and_s_closes_the_list() {
    let mut a = reader_on("GB/T 17766", 0);
    press(&mut a, &[Key::Char('s'), Key::Enter]);
    assert!(matches!(a.popups.last(), Some(Popup::Mentions(_))));
    press(&mut a, &[Key::Esc]);
    assert!(matches!(a.popups.last(), Some(Popup::Standards(_))));
    press(&mut a, &[Key::Char('s')]);
    assert!(a.popups.is_empty());
}

#[test]
fn s_with_no_article_open_says_to_open_one() {
    let mut a = App::new(load_builtin().0, 80, 24);
    press(&mut a, &[Key::Char('s')]);
    assert!(a.popups.is_empty());
    assert!(
        a.notice
            .as_deref()
            .unwrap_or("")
            .contains("open an article"),
        "{:?}",
        a.notice
    );
}

#[test]
fn designations_in_the_text_are_marked_quietly_and_read_the_same_under_no_color() {
    let a = reader_on("GB/T 17766", 0);
    // Scroll to the first line that mentions it.
    let mut a = a;
    let line = a
        .view
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.text().contains("GB/T 17766-2020"))
        .unwrap();
    a.view.as_mut().unwrap().top = line;
    a.sync();
    let text = a.geometry().text;
    let marked = |theme, want: &dyn Fn(&ratatui::buffer::Cell) -> bool| -> String {
        let buf = buffer(&a, theme);
        (text.y..text.y + text.height)
            .flat_map(|y| (text.x..text.x + text.width).map(move |x| (x, y)))
            .filter(|&p| want(&buf[p]))
            .map(|p| buf[p].symbol().to_string())
            .collect()
    };
    let cyan = marked(COLOR, &|c| c.fg == Color::Cyan);
    assert!(cyan.starts_with("GB/T 17766-2020"), "{cyan}");
    let underlined = marked(MONO, &|c| c.modifier.contains(Modifier::UNDERLINED));
    assert_eq!(underlined, cyan, "the same cells, underlined in monochrome");
    // Marking changes no character: the designation reads whole in monochrome.
    let mono = render(&a, MONO);
    assert!(mono.contains("GB/T 17766-2020"), "{mono}");
}

#[test]
fn the_fuzzy_jump_finds_the_articles_mentioning_a_standard_by_its_number() {
    let mut a = App::new(load_builtin().0, 80, 24);
    let want: Vec<(usize, usize, usize)> = {
        let index = a.standards.get(&a.archive);
        let s = index
            .standards
            .iter()
            .find(|s| s.designation == "ISO/IEC 42001")
            .unwrap();
        s.articles()
            .iter()
            .map(|h| (h[0].issue, h[0].section, h[0].article))
            .collect()
    };
    for query in ["42001", "iso/iec 42001", "ISO/IEC 42001:2023"] {
        press(&mut a, &[Key::Ctrl('p')]);
        type_text(&mut a, query);
        let Some(Popup::Fuzzy(f)) = a.popups.last() else {
            panic!("the fuzzy popup is on top")
        };
        let got: Vec<(usize, usize, usize)> = f
            .hits
            .iter()
            .map(|h| (h.location.issue, h.location.section, h.location.article))
            .collect();
        assert_eq!(got, want, "{query}");
        press(&mut a, &[Key::Esc]);
    }
    // An issue id stays an issue id; words stay title words.
    press(&mut a, &[Key::Ctrl('p')]);
    type_text(&mut a, "2025-02");
    let Some(Popup::Fuzzy(f)) = a.popups.last() else {
        panic!()
    };
    assert!(
        f.hits.iter().all(|h| h.issue == "2025-02"),
        "{:?}",
        f.hits.len()
    );
    press(&mut a, &[Key::Esc, Key::Ctrl('p')]);
    type_text(&mut a, "17766");
    press(&mut a, &[Key::Enter]);
    let view = a
        .view
        .as_ref()
        .expect("Enter opens the article mentioning GB/T 17766");
    let text: String = view.lines.iter().map(|l| l.text()).collect();
    assert!(text.contains("GB/T 17766-2020"));
}
