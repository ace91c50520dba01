//! Tables and links as a reader sees them: whole screens in reading mode at 80x24
//! and 40x24, with CJK, as insta snapshots — a grid of names stored without a header, a data
//! table with a header, group rows and right-aligned numbers, and an article's link list.

use crate::app_support;

use app_support::*;
use magreader::app::{App, Key};
use magreader::archive::{Archive, Article, Issue, IssueKind, Section, SectionKind};

const NAMES: &str = "\
Winners of the 2025 China Standard Innovation Contribution Award 中国标准创新贡献奖:

|  |  |  |
| --- | --- | --- |
| Pei Zheyi 裴哲义 | Zhang Qi 张琦 | Gao Ying 高颖 |
| Xia Weijia 夏薇佳 | Wang Fang 王芳 | Li Na 李娜 |
| Cheng Lichun 程立春 | Guo Kai 郭凯 | Wu Jinhui 吴锦辉 |
| Isagani Creencia Erna 伊萨加尼 |  |  |
";

const DATA: &str = "\
Standards issued in 2023 and 2024 标准发布情况:

| 指标 Indicator | 2023 | 2024 | Change 变化 |
| --- | --: | --: | --: |
| National standards 国家标准: |  |  |  |
| Issued 发布 | 2,143 | 2,327 | +8.6% |
| Adopted from ISO/IEC 采用国际标准 | 1,702 | 1,950 | +14.6% |
| Sector standards 行业标准: |  |  |  |
| Issued 发布 | 4,580 | 4,912 | +7.2% |
";

const LINKS: &str = "\
For more information see [the SAC website](https://www.sac.gov.cn/xxgk/zcwj/index.html), the \
[ISO 9001 page](https://www.iso.org/standard/62085.html) and [here](#). \
详见[国家标准全文公开系统](https://openstd.samr.gov.cn/bzgk/gb/index)。\
Contact: <caoxx@cnis.ac.cn>.
";

const IMPRINT: &str = "President: Wu Jinhui  \nVice President & Chief Editor: Guo Kai\\\n\
Vice President: Cheng Lichun<br>Tel: +86 10 5881 1000\n";

fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        title_zh: None,
        subtitle: None,
        page: Some(8),
        byline: None,
        listed: true,
        body: body.into(),
    }
}

fn archive() -> Archive {
    Archive {
        issues: vec![Issue {
            id: "2025-06".into(),
            kind: IssueKind::Magazine,
            title: "China Standardization".into(),
            year: 2025,
            number: Some(6),
            volume: Some(136),
            months: Some("Nov/Dec".into()),
            published: None,
            source: "x.txt".into(),
            cover: None,
            sections: vec![Section {
                id: "china-scene".into(),
                kind: SectionKind::Column,
                name: "China Scene".into(),
                name_zh: Some("中国视窗".into()),
                page: Some(8),
                articles: vec![
                    article("names", "Award winners", NAMES),
                    article("data", "Standards issued", DATA),
                    article("links", "Where to read more", LINKS),
                    article("imprint", "Imprint", IMPRINT),
                ],
            }],
            missing: vec![],
            redirects: Default::default(),
        }],
    }
}

/// The `n`th article (from 0) open in reading mode on a `width`x24 screen.
fn reading(n: usize, width: u16) -> String {
    let mut a = App::new(archive(), width, 24);
    press(&mut a, &[Key::Char('1'), Key::Char('z')]);
    for _ in 0..n {
        press(&mut a, &[Key::Char('}')]);
    }
    render(&a, MONO)
}

#[test]
fn name_grid_80x24() {
    let s = reading(0, 80);
    insta::assert_snapshot!("names_80x24", s);
    // No header: no rule under the first row of names, and every name whole.
    assert!(!s.contains("---"), "{s}");
    for name in [
        "Pei Zheyi 裴哲义",
        "Cheng Lichun 程立春",
        "Isagani Creencia Erna 伊萨加尼",
    ] {
        assert!(s.contains(name), "{name} split:\n{s}");
    }
}

#[test]
fn name_grid_40x24() {
    let s = reading(0, 40);
    insta::assert_snapshot!("names_40x24", s);
    assert!(!s.contains("---"), "{s}");
    assert!(s.contains("Pei Zheyi 裴哲义"), "{s}");
}

#[test]
fn data_table_80x24() {
    let s = reading(1, 80);
    insta::assert_snapshot!("data_80x24", s);
    assert!(
        s.contains("----"),
        "a header rule under the marked header:\n{s}"
    );
    assert!(s.contains("National standards 国家标准:"), "{s}");
}

#[test]
fn data_table_40x24() {
    let s = reading(1, 40);
    insta::assert_snapshot!("data_40x24", s);
    // Too narrow for four columns: each row a record, values under their column's name.
    assert!(s.contains("2024: 2,327"), "{s}");
}

#[test]
fn link_list_80x24() {
    let s = reading(2, 80);
    insta::assert_snapshot!("links_80x24", s);
    assert!(
        s.contains("[1] https://www.sac.gov.cn/xxgk/zcwj/index.html"),
        "{s}"
    );
    assert!(s.contains("caoxx@cnis.ac.cn"), "{s}");
    assert!(!s.contains("here\u{a0}["), "a dead link has no number");
}

#[test]
fn link_list_40x24() {
    let s = reading(2, 40);
    insta::assert_snapshot!("links_40x24", s);
    // The text column is 38 wide: a target longer than that is cut between characters, with
    // no hyphen added; a shorter one is whole.
    assert!(
        s.contains("[2] https://www.iso.org/standard/6208\n     5.html"),
        "{s}"
    );
    assert!(s.contains("[4] caoxx@cnis.ac.cn"), "{s}");
}

#[test]
fn hard_breaks_reach_the_screen_in_both_modes() {
    for width in [40, 80, 120] {
        for reading_mode in [true, false] {
            let mut a = App::new(archive(), width, 24);
            press(&mut a, &[Key::Char('1')]);
            if reading_mode {
                press(&mut a, &[Key::Char('z')]);
            }
            press(&mut a, &[Key::Char('}'), Key::Char('}'), Key::Char('}')]);
            let s = render(&a, MONO);
            for start in [
                "President: Wu",
                "Vice President & Chief",
                "Vice President: Cheng",
                "Tel: +86",
            ] {
                assert!(
                    // The article pane is the last on the row, after the panes' separators.
                    s.lines().any(|l| {
                        let pane = l.rsplit(['|', '│']).next().unwrap_or(l);
                        pane.trim_start().starts_with(start)
                    }),
                    "{start:?} does not start a line at {width} (reading mode {reading_mode}):\n{s}"
                );
            }
        }
    }
}
