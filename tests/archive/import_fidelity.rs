//! The committed archive reads as printed: checks over every article of the five seeds, each
//! of which failed on the archive before the importer learned the rule it checks.

use std::fs;
use std::path::Path;

use magreader::archive::{Issue, SectionKind};
use magreader::import::import_bytes_in;

fn archive() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/archive"))
}

fn issues() -> Vec<Issue> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/archive/sources"));
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            import_bytes_in(p, &fs::read(p).unwrap(), archive())
                .unwrap()
                .0
        })
        .collect()
}

fn issue<'a>(all: &'a [Issue], id: &str) -> &'a Issue {
    all.iter().find(|i| i.id == id).unwrap()
}

/// `**Name**` alone on a line: how the exports print a speaker box's name.
fn is_box_name(block: &str) -> bool {
    let first = block.lines().next().unwrap_or("").trim();
    first.len() < 60 && first.starts_with("**") && first.ends_with("**") && !first.contains(':')
}

#[test]
fn no_speaker_box_stands_over_another_speakers_box() {
    // A box followed straight by another box says nothing: its speech went to a neighbour.
    for issue in issues() {
        for a in issue.sections.iter().flat_map(|s| &s.articles) {
            let blocks: Vec<&str> = a.body.split("\n\n").collect();
            for w in blocks.windows(3) {
                let stacked = is_box_name(w[0])
                    && (is_box_name(w[1]) || (w[0].lines().count() == 1 && is_box_name(w[2])));
                assert!(
                    !stacked,
                    "{} / {}: box {:?} has no speech",
                    issue.id, a.id, w[0]
                );
            }
        }
    }
}

#[test]
fn each_speech_of_the_opening_ceremony_follows_its_own_speaker() {
    let all = issues();
    let i = issue(&all, "2025-06");
    let (_, a) = i
        .find_article("addresses-at-the-opening-ceremony-and-speeches-at-the-forum")
        .unwrap();
    // (speaker, the first words of the speech printed under the box)
    let expected = [
        ("Isagani Creencia Erna", "It has been almost two years"),
        ("H.E. Sok Puthyvuth", "In Cambodia, the Royal Government"),
        ("Zou Ciyong", "AI has evolved far beyond"),
        ("Dr. Phyu Phyu Win", "The ASEAN has introduced a guide"),
        ("Jin Di", "China Mobile always regards AI"),
    ];
    let body = a.body.as_str();
    for (who, first) in expected {
        let at = body
            .find(&format!("**{who}**"))
            .unwrap_or_else(|| panic!("box of {who}"));
        let speech = body[at..]
            .split("\n\n")
            .find(|b| b.len() > 200 || b.trim_end().ends_with('.') && b.len() > 120)
            .unwrap();
        assert!(speech.starts_with(first), "{who}: {speech:.80}");
    }
}

#[test]
fn titles_are_whole_and_event_notices_are_items_of_their_own() {
    let all = issues();
    for issue in &all {
        for a in issue.sections.iter().flat_map(|s| &s.articles) {
            assert!(!a.title.starts_with('-'), "{}: {}", issue.id, a.title);
            let last = a.body.trim_end().rsplit("\n\n").next().unwrap_or("");
            assert!(
                !last.trim().chars().all(|c| c == '-') || last.trim().is_empty(),
                "{} / {} ends with a rule",
                issue.id,
                a.id
            );
        }
    }
    let titles = |id: &str| -> Vec<(String, Option<String>)> {
        issue(&all, id)
            .sections
            .iter()
            .flat_map(|s| &s.articles)
            .map(|a| (a.title.clone(), a.subtitle.clone()))
            .collect()
    };
    let feb = titles("2025-02");
    assert!(
        feb.iter()
            .any(|(t, s)| t == "MPLS & SRv6 AI Net World Congress"
                && s.as_deref() == Some("March 25-27, Paris, France"))
    );
    assert!(
        feb.iter()
            .any(|(t, _)| t.ends_with("healthy development of AI"))
    );
    let may = titles("2025-03");
    assert!(
        may.iter()
            .any(|(t, _)| t == "Insights into standards in the Two Sessions")
    );
    assert!(titles("2024-03").iter().any(|(t, _)| t
        == "Dialogue on standards: Work plan of overseas standards organizations in 2024"));
}

#[test]
fn the_back_cover_advertisement_ends_no_research_paper() {
    for issue in issues() {
        let columns = issue
            .sections
            .iter()
            .filter(|s| s.kind != SectionKind::Front);
        for a in columns.flat_map(|s| &s.articles) {
            assert!(
                !a.body.contains("ISSN 1672-5700")
                    && !a
                        .body
                        .contains("was released by SAMR and SAC on October 28, 2024"),
                "{} / {} holds back-cover matter",
                issue.id,
                a.id
            );
        }
    }
}

#[test]
fn ids_of_merged_articles_still_open_the_text_that_holds_them() {
    // The report's chapter headings III and IV were empty articles; readers may have them saved.
    let (archive, problems) = magreader::archive::load_builtin();
    assert!(problems.is_empty(), "{problems:?}");
    let report = archive.issue("report-2025-bri").unwrap();
    for old in [
        "ii-deepen-the-alignment-of-trade-and-investment-standards-and",
        "iii-expand-the-integration-of-financial-standards-and",
    ] {
        let (section, article) = report.find_article(old).unwrap_or_else(|| panic!("{old}"));
        assert_ne!(article.id, old);
        assert!(!article.body.trim().is_empty(), "{old} → {}", article.id);
        assert!(section.name.starts_with("III.") || section.name.starts_with("IV."));
    }
}

#[test]
fn the_chilin_forum_speeches_follow_their_speakers() {
    let all = issues();
    let i = issue(&all, "2025-03");
    let (_, a) = i
        .find_article("2025-international-standardization-chilin-forum-held-in")
        .unwrap();
    let body = a.body.as_str();
    let after = |name: &str| -> String {
        let at = body.find(name).unwrap_or_else(|| panic!("box of {name}"));
        body[at..]
            .split("\n\n")
            .find(|b| b.len() > 150)
            .unwrap()
            .chars()
            .take(40)
            .collect()
    };
    // (speaker, the first words of the speech under the box): boxes printed after the speech,
    // stacked, and (by the corrections file) those no rule can place.
    for (who, first) in [
        ("Jiang Min", "Over the past three years"),
        ("Jo Cops", "The IEC is essential"),
        ("Bilel Jamoussi", "ITU plays a key role"),
        ("Florian Spiteller", "China and Germany are closely"),
        ("Scott Steedman", "It is only through collaboration"),
        ("Lyu Tingyan", "China Three Gorges Corporation"),
        ("Zhu Meina", "SAMR attaches great importance"),
    ] {
        assert!(after(who).starts_with(first), "{who}: {}", after(who));
    }
}
