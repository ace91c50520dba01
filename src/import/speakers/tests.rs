//! Arranging whole article bodies: boxes before, after and inside speeches, portraits.

use super::boxes::is_name;
use super::*;

/// Arranges `text` (blocks separated by blank lines) and returns its blocks' first lines.
fn arranged(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let idx: Vec<usize> = (0..lines.len()).collect();
    let order = arrange(&lines, &idx, &mut Review::default());
    let mut out = Vec::new();
    let mut fresh = true;
    for i in order {
        match i {
            None => fresh = true,
            Some(i) if fresh => {
                out.push(lines[i].to_string());
                fresh = false;
            }
            Some(_) => {}
        }
    }
    out
}

const ACME: &str = "The ACME Institute has led this work for years. ACME will go on.";
const ZETA: &str = "In Zetland we adopted 1,200 standards. Zetland thanks its partners.";

#[test]
fn a_box_after_its_speech_moves_before_it() {
    let text = format!(
        "## Addresses\n\n**Ann Lee**\n\nPresident of ACME Institute\n\n{ACME}\n\n{ZETA}\n\n**Bo Tan**\nMinister, Zetland"
    );
    // Each box is one block, its name over its post.
    assert_eq!(
        arranged(&text),
        ["## Addresses", "**Ann Lee**", ACME, "**Bo Tan**", ZETA]
    );
}

#[test]
fn a_box_inside_its_speech_goes_to_its_head() {
    // The enumeration runs across the box: the speech starts at its lead-in.
    let text = format!(
        "## Talks\n\n**Ann Lee**\nPresident of ACME Institute\n\n{ACME}\n\nAround the globe, trends share common themes.\n\nFirstly, one point.\n\n**Bo Tan**\nMinister, Zetland\n\nSecondly, another point.\n\n{ZETA}"
    );
    let got = arranged(&text);
    let bo = got.iter().position(|l| l == "**Bo Tan**").unwrap();
    assert_eq!(got[bo - 1], ACME, "{got:?}");
    assert_eq!(
        got[bo + 1],
        "Around the globe, trends share common themes.",
        "{got:?}"
    );
}

#[test]
fn the_moderators_portrait_in_the_introduction_stays() {
    let text = format!(
        "The dialogue was presided over by Cy Moe and joined by Ann Lee.\n\n**Cy Moe**\nPresident of the Association\n\nIt went well.\n\n## First talk\n\n**Ann Lee**\nPresident of ACME Institute\n\n{ACME}\n\n## Second talk\n\n**Bo Tan**\nMinister, Zetland\n\n{ZETA}"
    );
    let got = arranged(&text);
    assert_eq!(got[1], "**Cy Moe**", "{got:?}");
    assert_eq!(got.last().unwrap(), ZETA);
}

#[test]
fn fewer_than_two_boxes_leave_the_body_as_it_is() {
    let text = format!("{ACME}\n\n**Ann Lee**\nPresident of ACME Institute");
    assert_eq!(arranged(&text), [ACME, "**Ann Lee**"]);
}

#[test]
fn names_and_posts() {
    assert!(is_name("**H.E. Dr. Aung Ze Ya**"));
    assert!(is_name("Dr. Maryness I. Salazar"));
    assert!(!is_name("IEC President"));
    assert!(!is_name("Vice President"));
    assert!(!is_name("The forum closed."));
}
