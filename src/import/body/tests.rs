//! The body builder on small excerpts: joins, captions, tables, headings, decoration.
use super::*;

#[test]
fn sentence_broken_by_a_caption_is_joined() {
    let lines = [
        "As indicated in the Figure 1, the national standards development in 2023",
        "",
        " ",
        "",
        "Figure 1: Focus areas of standards published by Mongolia in 2023",
        "",
        "centers around areas such as energy.",
    ];
    let md = build(&lines);
    assert_eq!(
        md,
        "As indicated in the Figure 1, the national standards development in 2023 centers around areas such as energy.\n\n[Caption] Figure 1: Focus areas of standards published by Mongolia in 2023"
    );
}

#[test]
fn the_nearest_open_sentence_is_the_one_continued() {
    let lines = [
        "*Requirements of restricting excessive package—Foods and cosmetics*",
        "",
        "The mandatory national standard of China",
        "",
        "has been implemented since August 15, 2023.",
    ];
    assert_eq!(
        build(&lines),
        "*Requirements of restricting excessive package—Foods and cosmetics*\n\nThe mandatory national standard of China has been implemented since August 15, 2023."
    );
}

#[test]
fn a_bold_lead_in_can_be_continued() {
    let lines = [
        "**Thirdly, the service** industry had 308 new national",
        "",
        "standards released.",
    ];
    assert_eq!(
        build(&lines),
        "**Thirdly, the service** industry had 308 new national standards released."
    );
}

#[test]
fn finished_paragraphs_stay_apart() {
    let lines = ["First paragraph ends.", "", "second starts lower case."];
    assert_eq!(
        build(&lines),
        "First paragraph ends.\n\nsecond starts lower case."
    );
}

#[test]
fn tab_lines_become_a_table() {
    let lines = ["Name\tValue", "a|b\t1", "", "After."];
    assert_eq!(
        build(&lines),
        "| Name | Value |\n| --- | --- |\n| a\\|b | 1 |\n\nAfter."
    );
}

#[test]
fn cuts_after_a_function_word_a_hyphen_or_across_a_table_are_joined() {
    assert_eq!(
        build(&[
            "It was founded by SAC together with",
            "",
            "Guangxi Zhuang autonomous region."
        ]),
        "It was founded by SAC together with Guangxi Zhuang autonomous region."
    );
    assert_eq!(
        build(&[
            "The rule set out in UIC 615-",
            "",
            "4-2003 requires static strength."
        ]),
        "The rule set out in UIC 615-4-2003 requires static strength."
    );
    assert_eq!(
        build(&[
            "Patients with later stages had higher",
            "",
            "A\tB",
            "1\t2",
            "",
            "mortality rates."
        ]),
        "Patients with later stages had higher mortality rates.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"
    );
    // A capital after an ordinary last word starts a new paragraph.
    assert_eq!(
        build(&[
            "The forum closed with a call for cooperation",
            "",
            "Delegates left."
        ]),
        "The forum closed with a call for cooperation\n\nDelegates left."
    );
}

#[test]
fn a_photo_caption_after_its_image_gap_is_a_caption() {
    let lines = [
        "The fund works in Kenya.",
        "",
        "",
        "",
        "Jo Cops visits Kenya to see the first project of the fund.",
        "",
        "While the fund grows, more follows.",
        "",
        "SMB - Envisioning the path toward 2050",
    ];
    assert_eq!(
        build(&lines),
        "The fund works in Kenya.\n\n[Caption] Jo Cops visits Kenya to see the first project of the fund.\n\nWhile the fund grows, more follows.\n\n[Caption] SMB - Envisioning the path toward 2050"
    );
    // Without the gap it is an ordinary paragraph.
    assert_eq!(
        build(&["Intro.", "", "Jo Cops visits Kenya often."]),
        "Intro.\n\nJo Cops visits Kenya often."
    );
}

#[test]
fn a_paragraph_cut_by_a_page_break_runs_on_into_a_capital() {
    let a = "We organize cooperation and exchange activities with more countries, and hold discussions on topics such as green development. A total of eight achievements from the three BRI";
    let b = "International Cooperation Summit Forums have been included in the list of outcomes, strengthening the foundation for promoting connectivity under the BRI.";
    assert_eq!(build(&[a, "", b]), format!("{a} {b}"));
    // A usual opener starts a paragraph of its own.
    let c = "In the realm of energy infrastructure, the standards of many countries were aligned with each other over the past ten years, to the benefit of all.";
    assert_eq!(build(&[a, "", c]), format!("{a}\n\n{c}"));
}

#[test]
fn headings_of_a_plain_export_are_recovered() {
    let para = "The study examined the standards of four regions and found that they share most of their requirements.";
    let lines = [
        "Abstract: A study of standards.",
        "",
        "1. Introduction",
        "",
        para,
        "",
        "1.1 Scope of the study",
        "",
        para,
        "",
        "Key findings",
        "",
        para,
        "",
        "References",
        "",
        "- [1] A book.",
    ];
    assert_eq!(
        build(&lines),
        format!(
            "**Abstract:** A study of standards.\n\n## 1. Introduction\n\n{para}\n\n### 1.1 Scope of the study\n\n{para}\n\n### Key findings\n\n{para}\n\n## References\n\n- [1] A book."
        )
    );
    // Where the export has Markdown headings, its plain lines stay as they are.
    assert_eq!(
        build(&["# Head", "", "Key findings", "", para]),
        format!("# Head\n\nKey findings\n\n{para}")
    );
}

#[test]
fn panel_numbers_join_their_headings_at_one_level() {
    let lines = [
        "## OVERVIEW",
        "",
        "### 01",
        "",
        "#### National",
        "",
        "Text one.",
        "",
        "#### Sectoral",
        "",
        "### 02",
        "",
        "Text two.",
        "",
        "## Local",
        "",
        "03",
        "",
        "Text three.",
    ];
    assert_eq!(
        build(&lines),
        "## OVERVIEW\n\n### 01 National\n\nText one.\n\n### 02 Sectoral\n\nText two.\n\n### 03 Local\n\nText three."
    );
}

#[test]
fn sentence_headings_under_one_section_share_a_level() {
    let lines = [
        "## PRIORITIES",
        "",
        "### Standards promoted innovation.",
        "",
        "Text.",
        "",
        "## Standards drove opening up.",
        "",
        "Text.",
        "",
        "## OUTLOOK",
        "",
        "Text.",
    ];
    assert_eq!(
        build(&lines),
        "## PRIORITIES\n\n### Standards promoted innovation.\n\nText.\n\n### Standards drove opening up.\n\nText.\n\n## OUTLOOK\n\nText."
    );
}

#[test]
fn decoration_means_what_it_frames() {
    // A pull quote frames a heading; a `■` misread as `I` goes where the others have `■`.
    let lines = [
        "“",
        "",
        "Standards for **AI**",
        "",
        "”",
        "",
        "Text.",
        "",
        "■ On cars",
        "",
        "Cars.",
        "",
        "I On e-waste",
        "",
        "Waste.",
    ];
    assert_eq!(
        build(&lines),
        "## Standards for **AI**\n\nText.\n\nOn cars\n\nCars.\n\nOn e-waste\n\nWaste."
    );
    // Without any `■` in the article, `I …` is a word.
    assert_eq!(build(&["I Believe in standards"]), "I Believe in standards");
}

#[test]
fn a_grid_of_names_has_no_header_and_a_data_table_has_one() {
    assert_eq!(
        build(&["Ann Lee\tBo Tan", "Cy Moe\tDi Wu"]),
        "|  |  |\n| --- | --- |\n| Ann Lee | Bo Tan |\n| Cy Moe | Di Wu |"
    );
    assert_eq!(
        build(&["Sample\tS1\tS2", "Reads\t6161\t5315"]),
        "| Sample | S1 | S2 |\n| --- | --- | --- |\n| Reads | 6161 | 5315 |"
    );
}

#[test]
fn hard_breaks_are_kept_as_a_backslash() {
    assert_eq!(
        build(&[
            "President: Wu Jinhui  ",
            "Chief Editor: Guo Kai  ",
            "",
            "Next."
        ]),
        "President: Wu Jinhui\\\nChief Editor: Guo Kai\n\nNext."
    );
}

#[test]
fn rules_around_an_item_are_not_its_text() {
    let lines = ["---", "", "News of the day.", "", "---"];
    assert_eq!(build(&lines), "News of the day.");
}

#[test]
fn lone_figure_label_is_a_caption() {
    let lines = ["Text here.", "", "Figure 2: Numbers", "", "More text."];
    assert_eq!(
        build(&lines),
        "Text here.\n\n[Caption] Figure 2: Numbers\n\nMore text."
    );
}

#[test]
fn a_numbered_title_never_takes_the_rest_of_the_sentence_cut_after_it() {
    let lines = [
        "1. Methods",
        "",
        "1.1 Data collection protocols",
        "",
        "Standard retrieval: The team systematically",
        "",
        "retrieved the records of every plant from the registry.",
        "",
        "1.2 Result drawing tools",
        "",
        "Standard plotting: The common plotting package was used to draw the results of the",
        "",
        "survey across samples.",
    ];
    assert_eq!(
        build(&lines),
        "## 1. Methods\n\n### 1.1 Data collection protocols\n\nStandard retrieval: The team systematically retrieved the records of every plant from the registry.\n\n### 1.2 Result drawing tools\n\nStandard plotting: The common plotting package was used to draw the results of the survey across samples."
    );
    // A numbered line cut after a function word is a sentence, not a title.
    assert_eq!(
        build(&[
            "12 Chinese enterprises took part in the",
            "",
            "forum this year."
        ]),
        "12 Chinese enterprises took part in the forum this year."
    );
    assert_eq!(
        build(&[
            "2 Chinese firms joined the forum held",
            "",
            "in March this year."
        ]),
        "2 Chinese firms joined the forum held in March this year."
    );
}

#[test]
fn a_labelled_line_under_a_table_is_a_note_but_in_text_it_is_a_sentence() {
    // Without a table in between, a `Label: text` line that stops mid-sentence is the one its
    // lower-case continuation finishes, not a caption.
    let lines = [
        "The survey covered the plants of the three largest northern provinces",
        "",
        "Scope: The survey covered only",
        "",
        "plants with more than ten workers.",
    ];
    let md = build(&lines);
    assert!(
        md.contains("Scope: The survey covered only plants with more than ten workers."),
        "{md}"
    );
    assert!(!md.contains("[Caption]"), "{md}");
}

#[test]
fn one_field_per_line_keeps_its_lines() {
    let lines = [
        "Overseas Distributor: A Book Trading Company",
        "Distribution Number: XY1234",
        "Price: \\$10.00",
        "",
        "The magazine is published monthly and sent",
        "to readers in forty countries.",
    ];
    assert_eq!(
        build(&lines),
        "Overseas Distributor: A Book Trading Company\\\nDistribution Number: XY1234\\\nPrice: \\$10.00\n\nThe magazine is published monthly and sent\nto readers in forty countries."
    );
    // A sentence with a colon in it is no field.
    assert!(!blocks::is_field("Note: the list is complete."));
    assert!(!blocks::is_field("As the chair said, it works: yes"));
}

#[test]
fn scraps_of_image_text_in_the_furniture_become_captions() {
    let body = "A new standard was released.\n\n[Caption] TMB - Sha toward\n\nAp\n\nISSN 1234-5678\n\n05>\n\n9 771234 567890\n\nPrice: 10";
    assert_eq!(
        image_scraps(body),
        "A new standard was released.\n\n[Caption] TMB - Sha toward\n\n[Caption] Ap\n\nISSN 1234-5678\n\n[Caption] 05>\n\n[Caption] 9 771234 567890\n\nPrice: 10"
    );
}

#[test]
fn a_bulleted_run_in_head_over_a_paragraph_is_a_minor_heading() {
    let para = "The study examined the standards of four regions and found that they share most of their requirements.";
    let lines = [
        "1. Introduction",
        "",
        para,
        "",
        "2. Suggestions",
        "",
        para,
        "",
        "• Estimating the shelf life",
        "",
        para,
        "",
        "▪ Testing at several scales",
        "",
        para,
    ];
    assert_eq!(
        build(&lines),
        format!(
            "## 1. Introduction\n\n{para}\n\n## 2. Suggestions\n\n{para}\n\n### Estimating the shelf life\n\n{para}\n\n### Testing at several scales\n\n{para}"
        )
    );
    // One level below whatever heading it falls under, in an export with Markdown headings too.
    assert_eq!(
        build(&[
            "## Plans",
            "",
            "### Outlook",
            "",
            para,
            "",
            "● Next steps",
            "",
            para
        ]),
        format!("## Plans\n\n### Outlook\n\n{para}\n\n#### Next steps\n\n{para}")
    );
}

#[test]
fn a_list_keeps_its_bullets() {
    let para = "The study examined the standards of four regions and found that they share most of their requirements.";
    // Items one after another, each a block of its own: the last one over a paragraph too.
    let apart = [
        para,
        "",
        "• Estimating the shelf life",
        "",
        "• Testing at several scales",
        "",
        para,
    ];
    assert_eq!(build(&apart), apart.join("\n"));
    // Items on consecutive lines.
    let together = [
        para,
        "",
        "• Estimating the shelf life",
        "• Testing at several scales",
        "",
        para,
    ];
    assert_eq!(
        build(&together),
        format!("{para}\n\n• Estimating the shelf life\n• Testing at several scales\n\n{para}")
    );
    // An item that is a sentence.
    let sentence = [para, "", "• Records are kept for five years.", "", para];
    assert_eq!(build(&sentence), sentence.join("\n"));
}

#[test]
fn a_numbered_run_in_head_over_a_paragraph_is_a_title_without_its_colon() {
    let para = "The study examined the standards of four regions and found that they share most of their requirements.";
    let lines = [
        "1. Methods",
        "",
        "1.1 Data collection",
        "",
        para,
        "",
        "1.2 Statistical analysis:",
        "",
        para,
        "",
        "2. Results",
        "",
        para,
    ];
    assert_eq!(
        build(&lines),
        format!(
            "## 1. Methods\n\n### 1.1 Data collection\n\n{para}\n\n### 1.2 Statistical analysis\n\n{para}\n\n## 2. Results\n\n{para}"
        )
    );
}

#[test]
fn a_numbered_line_with_a_colon_can_be_a_sentence() {
    let para = "The study examined the standards of four regions and found that they share most of their requirements.";
    // Over a list, the colon introduces it.
    let over_list = [
        "1. Methods",
        "",
        para,
        "",
        "1.1 The steps were these:",
        "",
        "- Records of every plant in the four regions were drawn from the registry;",
        "- Each record was checked against the standard.",
    ];
    let md = build(&over_list);
    assert!(
        md.contains("\n\n1.1 The steps were these:\n\n- Records"),
        "{md}"
    );
    // Longer than a title: a sentence that happens to start with a number.
    let long = [
        "1. Methods",
        "",
        para,
        "",
        "2 Chinese firms that joined the forum took part again in these events:",
        "",
        para,
    ];
    let md = build(&long);
    assert!(
        md.contains(
            "\n\n2 Chinese firms that joined the forum took part again in these events:\n\n"
        ),
        "{md}"
    );
    // In an article with no numbered titles, nothing is numbered like it.
    let alone = ["1.2 Statistical analysis:", "", para];
    assert_eq!(build(&alone), alone.join("\n"));
}

#[test]
fn a_sub_heading_under_a_numbered_title_or_over_a_cut_paragraph_is_recovered() {
    let para = "The study examined the standards of four regions and found that they share most of their requirements.";
    let lines = [
        "1. Discussion",
        "",
        "Approach to the survey",
        "",
        para,
        "",
        "Relevance to the industry",
        "",
        "The survey of these regions through a",
        "",
        "common method shows where their standards differ.",
        "",
        "2. Conclusion",
        "",
        para,
    ];
    assert_eq!(
        build(&lines),
        format!(
            "## 1. Discussion\n\n### Approach to the survey\n\n{para}\n\n### Relevance to the industry\n\nThe survey of these regions through a common method shows where their standards differ.\n\n## 2. Conclusion\n\n{para}"
        )
    );
    // A line under a numbered title that the next block goes on from is a sentence.
    assert_eq!(
        build(&[
            "1. Methods",
            "",
            "The team collected the records",
            "",
            "from every plant in the registry.",
        ]),
        "## 1. Methods\n\nThe team collected the records from every plant in the registry."
    );
}
