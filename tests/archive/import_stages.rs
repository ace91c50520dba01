//! Importer stages on small excerpts: each CONTENTS layout, split and reworded titles, lost
//! titles, captions inside a sentence, byline forms, a report's chapters, and non-magazine text.

use magreader::archive::{Issue, IssueKind, SectionKind};
use magreader::import::import_text;

const COVER: &str =
    "CHINA\n\nMAY/JUNE VOLUME 127\n\n2024\nNO.3\n\n**Publishing date:** May 10, 2024\n\n";

fn import(body: &str) -> Issue {
    let (issue, report) = import_text("test.txt", &format!("{COVER}{body}")).expect("imports");
    assert_eq!(
        report.lines_placed, report.lines,
        "unplaced: {:?}",
        report.unplaced
    );
    issue
}

fn column<'a>(issue: &'a Issue, name: &str) -> &'a magreader::archive::Section {
    issue
        .sections
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no column {name}: {:?}",
                issue.sections.iter().map(|s| &s.name).collect::<Vec<_>>()
            )
        })
}

const PARA: &str = "The forum was held in Beijing on April 26 and gathered more than four hundred participants from government, industry, research institutes and universities across the country.";

#[test]
fn markdown_heading_contents_layout() {
    let text = format!(
        "# CONTENTS\n\n## 08 | CHINA SCENE 中国视窗\n\nForum held in Beijing  \n论坛在京举行\n\n## 30 | SPOTLIGHT 聚光灯\n\nAn overview of the Two Sessions 2024  \n2024年全国两会概览\n\n# Forum held in Beijing\n\n{PARA}\n\n# An overview of the Two Sessions 2024\n\n## 2024年全国两会概览\n\nBy Jin Jili  \n文/靳吉丽\n\n{PARA}\n"
    );
    let issue = import(&text);
    assert_eq!(issue.id, "2024-03");
    assert_eq!(issue.volume, Some(127));
    assert_eq!(issue.published.as_deref(), Some("2024-05-10"));
    let scene = column(&issue, "China Scene");
    assert_eq!(scene.name_zh.as_deref(), Some("中国视窗"));
    assert_eq!(scene.page, Some(8));
    assert_eq!(scene.articles[0].title_zh.as_deref(), Some("论坛在京举行"));
    let spot = column(&issue, "Spotlight");
    let a = &spot.articles[0];
    assert_eq!(a.byline.as_deref(), Some("By Jin Jili · 文/靳吉丽"));
    assert_eq!(a.page, Some(30));
    assert_eq!(a.body, PARA);
}

#[test]
fn plain_line_contents_layout_with_chinese_name_below() {
    let text = format!(
        "CONTENTS\n\n08 | CHINA SCENE\n\n中国视窗\n\nFirst news item held\n第一条新闻\n\n12 | EXCHANGE & COOPERATION\n\n国际交流与合作\n\nExperts attend the session\n专家出席会议\n\nFirst news item held\n\n{PARA}\n\nExperts attend the session\n\n{PARA}\n"
    );
    let issue = import(&text);
    let ex = column(&issue, "Exchange & Cooperation");
    assert_eq!(ex.name_zh.as_deref(), Some("国际交流与合作"));
    assert_eq!(ex.page, Some(12));
    assert_eq!(ex.articles[0].title, "Experts attend the session");
    assert!(issue.missing.is_empty());
}

#[test]
fn bulleted_contents_layout_with_subtitles() {
    let text = format!(
        "# CONTENTS\n\n## GLOBAL VISION 国际视野\n\n- 72 | United for impact  \n—ISO Annual Meeting 2025 held in Rwanda  \n携手共建影响力  \n——2025 ISO年度大会在卢旺达召开\n- 76** | A better future builds on standards  \n以标准为基, 创美好未来\n\n## United for impact\n\n{PARA}\n\n## A better future builds on standards\n\n{PARA}\n"
    );
    let issue = import(&text);
    let gv = column(&issue, "Global Vision");
    assert_eq!(gv.page, Some(72));
    let a = &gv.articles[0];
    // The Chinese title's own subtitle (after ——) goes beside the English subtitle.
    assert_eq!(
        a.subtitle.as_deref(),
        Some("ISO Annual Meeting 2025 held in Rwanda · 2025 ISO年度大会在卢旺达召开")
    );
    assert_eq!(a.title_zh.as_deref(), Some("携手共建影响力"));
    assert_eq!(gv.articles[1].page, Some(76));
}

#[test]
fn split_reworded_and_lost_titles() {
    let text = format!(
        "CONTENTS\n\n16 | DIALOGUE 对话\n\nDialogue on standards: Work plan of overseas standards organizations in 2024\n标准对话\n\nGlobal AI experts unite to discuss challenges, trends and standardization\n全球人工智能专家\n\nA title the export lost entirely\n丢失的标题\n\nLast article of the column\n最后一篇\n\n## Dialogue on standards\n\nWork plan of overseas standards organizations in 2024\n\n{PARA}\n\n# **Global AI experts** unite to discuss challenges and trends\n\n{PARA}\n\n(Source: IEC)\n\n{PARA}\n\n## Last article of the column\n\n{PARA}\n"
    );
    let issue = import(&text);
    let d = column(&issue, "Dialogue");
    let titles: Vec<&str> = d.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            // The CONTENTS wording wins where the body lost its punctuation.
            "Dialogue on standards: Work plan of overseas standards organizations in 2024",
            "Global AI experts unite to discuss challenges and trends",
            "A title the export lost entirely",
            "Last article of the column"
        ]
    );
    assert!(d.articles[1].body.ends_with("(Source: IEC)"));
    assert_eq!(d.articles[2].body, PARA);
    assert!(d.articles.iter().all(|a| a.listed));
}

#[test]
fn caption_inside_a_sentence_is_moved_out_and_the_sentence_joined() {
    let text = "CONTENTS\n\n62 | RESEARCH & EXPLORATION 研究与探索\n\nAnalysis of standards\n标准分析\n\n# Analysis of standards\n\nBy Zhang Qi<sup>1</sup>, Gao Ying<sup>2</sup>  \n文/张琦 高滢\n\nAs indicated in the Figure 1, the national standards development in 2023\n\n \n\nFigure 1: Focus areas of standards\n\ncenters around areas such as energy.\n";
    let issue = import(text);
    let a = &column(&issue, "Research & Exploration").articles[0];
    assert_eq!(
        a.byline.as_deref(),
        // Affiliation marks as superscripts, not digits glued to the names.
        Some("By Zhang Qi¹, Gao Ying² · 文/张琦 高滢")
    );
    assert_eq!(
        a.body,
        "As indicated in the Figure 1, the national standards development in 2023 centers around areas such as energy.\n\n[Caption] Figure 1: Focus areas of standards"
    );
}

#[test]
fn unlisted_news_item_and_missing_entry() {
    let text = format!(
        "CONTENTS\n\n08 | CHINA SCENE 中国视窗\n\nListed news item released\n新闻\n\n| SUPPLEMENT 最新标准公告\n\nNewly approved national standards\n国家标准公告\n\nListed news item released\n\n{PARA}\n\nSixteen sectoral standards for ecology released\n\n{PARA}\n"
    );
    let issue = import(&text);
    let scene = column(&issue, "China Scene");
    assert_eq!(scene.articles.len(), 2);
    assert!(!scene.articles[1].listed);
    assert_eq!(
        scene.articles[1].title,
        "Sixteen sectoral standards for ecology released"
    );
    assert_eq!(issue.missing.len(), 1);
    assert_eq!(issue.missing[0].section, "Supplement");
    // Front matter comes first and holds the cover and the contents page.
    assert_eq!(issue.sections[0].kind, SectionKind::Front);
}

#[test]
fn report_chapters_and_subsections() {
    let text = "SAC Report on Standardization Achievements of the Initiative (BRI)\n\nJanuary | 2025\n\nTable of Contents\n\nPREFACE\t1\nI. Strengthen the Integration of Standard Systems\t2\n(i) The circle of friends continues to expand\t2\n(ii) The influence continues to grow\t3\nConclusion\t4\n\nPREFACE\n\nStandards serve as a universal language.\n\nII. Strengthen the Integration of Standard Systems**(i) The circle of friends continues to expand\n\nSince the inception of the BRI, consensus grew.\n\n(II) The influence continues to grow.\n\nInfluence grew.\n\nConclusion\n\nThe end.\n";
    let (issue, report) = import_text("r.txt", text).unwrap();
    assert_eq!(issue.kind, IssueKind::Report);
    assert_eq!(issue.id, "report-2025-bri");
    assert_eq!(issue.months.as_deref(), Some("January"));
    assert_eq!(report.listed_found, report.listed);
    assert_eq!(report.lines_placed, report.lines, "{:?}", report.unplaced);
    let chapters: Vec<&str> = issue.columns().map(|s| s.name.as_str()).collect();
    assert_eq!(
        chapters,
        [
            "PREFACE",
            "I. Strengthen the Integration of Standard Systems",
            "Conclusion"
        ]
    );
    let ch1 = issue.columns().nth(1).unwrap();
    // The run-in heading printed with another number is the chapter's heading, not an empty
    // article of its own.
    assert_eq!(ch1.articles.len(), 2);
    assert_eq!(
        ch1.articles[0].body,
        "Since the inception of the BRI, consensus grew."
    );
    assert_eq!(
        ch1.articles[1].title,
        "(ii) The influence continues to grow"
    );
}

#[test]
fn text_that_is_no_magazine_imports_as_one_article_with_a_warning() {
    let (issue, report) = import_text("notes.txt", "Just some notes.\n\nNothing else.\n").unwrap();
    assert_eq!(issue.id, "text-notes");
    assert_eq!(issue.article_count(), 1);
    assert!(report.warnings.iter().any(|w| w.contains("single article")));
    assert_eq!(report.lines_placed, 2);
}

#[test]
fn magazine_without_year_and_number_is_a_clear_error() {
    let err = import_text(
        "x.txt",
        "CONTENTS\n\n08 | CHINA SCENE 中国视窗\n\nA title here now\n标题\n",
    )
    .unwrap_err();
    assert!(err.contains("year and number"), "{err}");
}
