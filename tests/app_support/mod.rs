//! Shared by the app_* and ui_* tests: a small fixture archive with CJK content, and helpers
//! to drive the reader and render it without a terminal.
#![allow(dead_code)]

use magreader::app::{App, Key};
use magreader::archive::{Archive, Article, Issue, IssueKind, Section, SectionKind};
use magreader::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn article(id: &str, title: &str, zh: Option<&str>, page: u32, body: String) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        title_zh: zh.map(Into::into),
        subtitle: None,
        page: Some(page),
        byline: Some("By Cao Xinxin".into()),
        listed: true,
        body: body.into(),
    }
}

fn section(
    id: &str,
    kind: SectionKind,
    name: &str,
    zh: Option<&str>,
    page: u32,
    articles: Vec<Article>,
) -> Section {
    Section {
        id: id.into(),
        kind,
        name: name.into(),
        name_zh: zh.map(Into::into),
        page: Some(page),
        articles,
    }
}

/// A body of `n` paragraphs alternating English and Chinese, long enough to scroll.
pub fn body(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i % 2 == 0 {
            s.push_str(&format!(
                "Paragraph {i}. The themed event of World Standards Day was held in Beijing, \
                 with experts from standardization bodies discussing partnerships for the goals.\n\n"
            ));
        } else {
            s.push_str(&format!(
                "第{i}段。2025年世界标准日主题活动在京举行，来自国际标准化组织的专家围绕可持续发展目标开展交流。\n\n"
            ));
        }
    }
    s.push_str("[Caption] Participants at the event\n");
    s
}

/// Two magazine issues (newest first, as the loader sorts them) with columns, Chinese names
/// and front matter.
pub fn fixture() -> Archive {
    let front = |id: &str| {
        section(
            "front",
            SectionKind::Front,
            "Front matter",
            None,
            1,
            vec![article(
                &format!("{id}-cover"),
                "Cover, masthead and partners",
                None,
                1,
                "Masthead.".into(),
            )],
        )
    };
    let newer = Issue {
        id: "2025-06".into(),
        kind: IssueKind::Magazine,
        title: "China Standardization".into(),
        year: 2025,
        number: Some(6),
        volume: Some(136),
        months: Some("Nov/Dec".into()),
        published: None,
        source: "x.txt".into(),
        cover: Some("Series of celebrations for World Standards Day in China".into()),
        sections: vec![
            front("n"),
            section(
                "china-scene",
                SectionKind::Column,
                "China Scene",
                Some("中国视窗"),
                8,
                vec![
                    article(
                        "conversion-rate",
                        "The overall conversion rate of international standards into national standards reached 86%",
                        Some("市场监管总局：截至9月底我国国际标准转化率整体已达86%"),
                        8,
                        body(6),
                    ),
                    article(
                        "food-factory",
                        "First national standard for food digital factory released",
                        None,
                        10,
                        body(4),
                    ),
                ],
            ),
            section(
                "spotlight",
                SectionKind::Column,
                "Spotlight",
                Some("聚光灯"),
                14,
                vec![
                    article(
                        "themed-event",
                        "Themed event of World Standards Day 2025 held in Beijing",
                        Some("2025年世界标准日主题活动在京举行"),
                        14,
                        body(40),
                    ),
                    article(
                        "wsd-themed-activity",
                        "WSD-themed activity and the 4th Standards Innovation Conference held in Beijing",
                        Some("海淀“世界标准日”主题活动多项标准化成果集中亮相"),
                        27,
                        body(8),
                    ),
                ],
            ),
            section("empty", SectionKind::Column, "Features", None, 40, vec![]),
            section(
                "global-vision",
                SectionKind::Column,
                "Global Vision",
                Some("国际视野"),
                72,
                vec![article(
                    "united-for-impact",
                    "United for impact",
                    Some("携手共建影响力"),
                    72,
                    body(10),
                )],
            ),
        ],
        missing: vec![],
        redirects: Default::default(),
    };
    let older = Issue {
        id: "2024-03".into(),
        kind: IssueKind::Magazine,
        title: "China Standardization".into(),
        year: 2024,
        number: Some(3),
        volume: Some(127),
        months: Some("May/Jun".into()),
        published: None,
        source: "y.txt".into(),
        cover: Some("An overview of Two Sessions in 2024".into()),
        sections: vec![
            front("o"),
            section(
                "spotlight",
                SectionKind::Column,
                "Spotlight",
                Some("聚光灯"),
                30,
                vec![article(
                    "two-sessions",
                    "An overview of the Two Sessions 2024",
                    Some("2024年全国两会概览"),
                    30,
                    body(12),
                )],
            ),
            section(
                "research",
                SectionKind::Column,
                "Research & Exploration",
                Some("研究与探索"),
                62,
                vec![article(
                    "mongolia",
                    "Analysis of Mongolia's standardization development in 2023",
                    Some("2023年蒙古国标准化工作进展分析"),
                    62,
                    body(20),
                )],
            ),
        ],
        missing: vec![],
        redirects: Default::default(),
    };
    Archive {
        issues: vec![newer, older],
    }
}

/// The fixture with every Chinese name and title removed and ASCII bodies: every cell on
/// screen is then chrome or ASCII.
pub fn ascii_fixture() -> Archive {
    let mut archive = fixture();
    for issue in &mut archive.issues {
        for s in &mut issue.sections {
            s.name_zh = None;
            for a in &mut s.articles {
                a.title_zh = None;
                a.body = "Plain ASCII body text.\n\nAnother paragraph.\n".into();
            }
        }
    }
    archive
}

pub fn app(width: u16, height: u16) -> App {
    App::new(fixture(), width, height)
}

/// Presses keys in order.
/// Presses `keys` as a person would, pausing after each: a digit left waiting for a motion
/// becomes the column jump in the pause, as the event loop makes it after `COUNT_WAIT`. Use
/// [`press_fast`] for keys typed in one go (a count and its motion: `5j`).
pub fn press(app: &mut App, keys: &[Key]) {
    for k in keys {
        app.handle_key(*k);
        if app.count.is_some() {
            magreader::app::update(app, magreader::app::Action::CountTimeout);
        }
    }
}

/// Presses `keys` with no pause after the last one.
pub fn press_fast(app: &mut App, keys: &[Key]) {
    for k in keys {
        app.handle_key(*k);
    }
}

/// Types text into whatever has focus, one key per char.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(Key::Char(c));
    }
}

/// Renders `app` on a TestBackend of its size and returns the screen as text, one line per
/// row, trailing spaces trimmed. Wide characters occupy two cells; the second is skipped.
pub fn render(app: &App, theme: Theme) -> String {
    screen_text(&buffer(app, theme))
}

/// Renders `app` on a TestBackend of its size and returns the cells, for style checks.
pub fn buffer(app: &App, theme: Theme) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|f| ui::draw(f, app, &theme)).unwrap();
    terminal.backend().buffer().clone()
}

/// Row `y` of a screen rendered by [`render`].
pub fn row(screen: &str, y: usize) -> &str {
    screen.lines().nth(y).unwrap_or("")
}

pub const MONO: Theme = Theme::new(false);
pub const COLOR: Theme = Theme::new(true);

pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = magreader::text::width::str_width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
