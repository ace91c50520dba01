use super::*;
use crate::archive::fixture::{article, issue};
use crate::archive::{Archive, load_builtin};
use crate::search::fulltext::Field;
use crate::standards::StandardQuery;

fn archive() -> Archive {
    Archive {
        issues: vec![
            issue(
                "2025-02",
                2025,
                2,
                vec![
                    article(
                        "a",
                        "On GB/T 17766",
                        "GB/T 17766-2020 and ISO 9001:2015.\n\nAlso GB/T 17766—2020.",
                    ),
                    article("b", "Quiet", "No standards here, only ISO/TC 8."),
                ],
            ),
            issue(
                "2025-01",
                2025,
                1,
                vec![article(
                    "c",
                    "Older",
                    "ISO 9001:2008, ISO 14001 and 45001; GB/T 17766-1999.",
                )],
            ),
        ],
    }
}

fn names(index: &StandardsIndex) -> Vec<&str> {
    index
        .standards
        .iter()
        .map(|s| s.designation.as_str())
        .collect()
}

#[test]
fn standards_are_grouped_undated_with_their_editions_and_sorted_by_number() {
    let index = StandardsIndex::build(&archive());
    assert_eq!(
        names(&index),
        ["GB/T 17766", "ISO 9001", "ISO 14001", "ISO 45001"]
    );
    let gb = &index.standards[0];
    assert_eq!(gb.editions, ["1999", "2020"]);
    // The title, two in the body of one article, one in another issue's article.
    assert_eq!(gb.mentions.len(), 4);
    assert_eq!(gb.mentions[0].field, Field::Title);
    let articles: Vec<usize> = gb.articles().iter().map(|a| a.len()).collect();
    assert_eq!(articles, [3, 1]);
    assert_eq!(index.standards[1].editions, ["2008", "2015"]);
}

#[test]
fn an_article_lists_its_standards_in_the_order_it_first_mentions_them() {
    let index = StandardsIndex::build(&archive());
    let here: Vec<&str> = index
        .in_article(1, 0, 0)
        .iter()
        .map(|(s, _)| index.standards[*s].designation.as_str())
        .collect();
    assert_eq!(here, ["ISO 9001", "ISO 14001", "ISO 45001", "GB/T 17766"]);
    assert!(index.in_article(0, 0, 1).is_empty());
}

#[test]
fn queries_name_standards_by_designation_number_or_part_of_either() {
    let index = StandardsIndex::build(&archive());
    let hits = |q: &str| -> Vec<&str> {
        let q = StandardQuery::new(q).unwrap();
        index
            .standards
            .iter()
            .filter(|s| s.named_by(&q))
            .map(|s| s.designation.as_str())
            .collect()
    };
    assert_eq!(hits("GB/T 17766"), ["GB/T 17766"]);
    assert_eq!(hits("gb/t 17766-2020"), ["GB/T 17766"]);
    assert_eq!(hits("17766"), ["GB/T 17766"]);
    assert_eq!(hits("17766-2020"), ["GB/T 17766"]);
    assert_eq!(hits("iso 9001:2015"), ["ISO 9001"]);
    assert_eq!(hits("iso"), ["ISO 9001", "ISO 14001", "ISO 45001"]);
    assert_eq!(hits("1"), Vec::<&str>::new());
    assert!(StandardQuery::new("  ").is_none());
}

#[test]
fn the_builtin_archive_has_its_standards_and_no_committees() {
    let (archive, _) = load_builtin();
    let index = StandardsIndex::build(&archive);
    let all = names(&index);
    for want in [
        "GB/T 17766",
        "ISO/IEC 42001",
        "IEC 63310",
        "UIC 615-4",
        "ISO/IEC 23894",
        "T/CTSS 58",
    ] {
        assert!(all.contains(&want), "{want} missing from {all:?}");
    }
    for s in &index.standards {
        assert!(
            !s.designation.contains("TC"),
            "{} is a committee",
            s.designation
        );
        assert!(
            !s.designation.contains("1906"),
            "{} is an award",
            s.designation
        );
    }
    let iso42001 = index
        .standards
        .iter()
        .find(|s| s.designation == "ISO/IEC 42001")
        .unwrap();
    assert_eq!(iso42001.editions, ["2023"]);
}
