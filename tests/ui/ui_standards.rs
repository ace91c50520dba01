//! The reader's standards: `s` lists the open article's standards, `Enter` every mention of
//! one in the archive, `Enter` opens the article at the mention; designations in the text are
//! marked. On the built-in archive at 80x24 (insta snapshots of the text, plus style checks).

use crate::app_support;

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
fn an_article_without_standards_offers_only_to_close_the_list() {
    let mut a = App::new(load_builtin().0, 80, 24);
    // The cover mentions no standard.
    let at = ArticleRef {
        issue: 0,
        section: 0,
        article: 0,
    };
    open_article_at(&mut a, at, None);
    press(&mut a, &[Key::Char('s')]);
    let Some(Popup::Standards(p)) = a.popups.last() else {
        panic!("{:?}", a.popups.last())
    };
    assert!(p.rows.is_empty());
    let screen = render(&a, MONO);
    let status = screen.lines().last().unwrap();
    assert!(status.contains("close"), "{status}");
    assert!(!status.contains("mentions"), "{status}");
    // With standards, Enter is offered.
    let mut b = reader_on("GB/T 17766", 0);
    press(&mut b, &[Key::Char('s')]);
    let screen = render(&b, MONO);
    assert!(
        screen.lines().last().unwrap().contains("mentions"),
        "{screen}"
    );
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

/// Two issues whose articles are Chinese (titles and text) and mention the same standards.
fn chinese_archive() -> magreader::archive::Archive {
    use magreader::archive::{Archive, Article, Issue, IssueKind, Section, SectionKind};
    let article = |id: &str, title: &str, zh: &str, body: &str| Article {
        id: id.into(),
        title: title.into(),
        title_zh: Some(zh.into()),
        subtitle: None,
        page: Some(10),
        byline: None,
        listed: true,
        body: body.into(),
    };
    let issue = |id: &str, number: u32, articles: Vec<Article>| Issue {
        id: id.into(),
        kind: IssueKind::Magazine,
        title: "China Standardization".into(),
        year: 2025,
        number: Some(number),
        volume: None,
        months: None,
        published: None,
        source: "s.txt".into(),
        cover: None,
        sections: vec![Section {
            id: "spotlight".into(),
            kind: SectionKind::Column,
            name: "Spotlight".into(),
            name_zh: Some("聚光灯".into()),
            page: Some(10),
            articles,
        }],
        missing: Vec::new(),
        redirects: Default::default(),
    };
    Archive {
        issues: vec![
            issue(
                "2025-06",
                6,
                vec![article(
                    "reserves",
                    "Classifying mineral reserves",
                    "矿产资源储量分类",
                    "依据国家标准GB/T 17766—2020《固体矿产资源储量分类》开展储量核查，\
                     并参考ISO 9001:2015建立质量管理体系。\n\n\
                     新版GB/T 17766—2020与联合国框架分类相衔接。\n",
                )],
            ),
            issue(
                "2025-05",
                5,
                vec![article(
                    "quality",
                    "Quality management in mining",
                    "矿业质量管理",
                    "早在1999年，GB/T 17766-1999就规定了分类原则。\n",
                )],
            ),
        ],
    }
}

#[test]
fn the_popups_with_chinese_text_80x24() {
    let mut a = App::new(chinese_archive(), 80, 24);
    open_article_at(
        &mut a,
        ArticleRef {
            issue: 0,
            section: 0,
            article: 0,
        },
        None,
    );
    press(&mut a, &[Key::Char('s')]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("standards_popup_cjk_80x24", s);
    assert!(s.contains("GB/T 17766  (1999, 2020)"), "{s}");
    press(&mut a, &[Key::Enter]);
    let s = render(&a, MONO);
    insta::assert_snapshot!("standards_mentions_cjk_80x24", s);
    assert!(s.contains("GB/T 17766: 3 mentions in the archive"), "{s}");
    // Every row fits the screen: wide characters are measured, not counted as bytes.
    for line in s.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    // The last mention is in the older issue; Enter opens it there.
    press(&mut a, &[Key::Char('j'), Key::Char('j'), Key::Enter]);
    assert_eq!(a.open_article().map(|at| at.issue), Some(1));
}
