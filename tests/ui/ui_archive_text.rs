//! The built-in archive's text as a reader sees it: a masthead with its lines kept,
//! a speaker's box over the speech, a research paper's byline with affiliation marks, its
//! recovered section headings, at 80x24 and 40x24, as insta snapshots.

use crate::app_support;

use app_support::*;
use magreader::app::navigate::open_article_at;
use magreader::app::remember::find_article;
use magreader::app::{App, Key};

/// `issue`'s article `id` open in reading mode on a `width`x24 screen, scrolled with `/` to
/// `find` when given, then `down` lines more.
fn reading_at(issue: &str, id: &str, width: u16, find: Option<&str>, down: usize) -> String {
    let (archive, problems) = magreader::archive::load_builtin();
    assert!(problems.is_empty(), "{problems:?}");
    let mut a = App::new(archive, width, 24);
    let at = find_article(&a.archive, issue, id).unwrap_or_else(|| panic!("{issue}/{id}"));
    open_article_at(&mut a, at, None);
    press(&mut a, &[Key::Char('z')]);
    if let Some(q) = find {
        press(&mut a, &[Key::Char('/')]);
        type_text(&mut a, q);
        press(&mut a, &[Key::Enter, Key::Esc]);
    }
    for _ in 0..down {
        press(&mut a, &[Key::Char('j')]);
    }
    render(&a, MONO)
}

fn reading(issue: &str, id: &str, width: u16, find: Option<&str>) -> String {
    reading_at(issue, id, width, find, 0)
}

/// Whether some row of the screen starts (after the margin) with `text`.
fn starts_a_row(screen: &str, text: &str) -> bool {
    screen.lines().any(|l| l.trim_start().starts_with(text))
}

#[test]
fn masthead_keeps_its_lines() {
    for width in [80, 40] {
        let s = reading_at("2025-06", "masthead", width, None, 14);
        insta::assert_snapshot!(format!("masthead_{width}x24"), s);
        for line in [
            "President: Wu Jinhui",
            "Vice President & Chief",
            "Vice President: Cheng",
        ] {
            assert!(starts_a_row(&s, line), "{line:?} at {width}:\n{s}");
        }
    }
}

#[test]
fn a_speaker_box_stands_over_its_speech() {
    for width in [80, 40] {
        let s = reading(
            "2025-06",
            "addresses-at-the-opening-ceremony-and-speeches-at-the-forum",
            width,
            Some("Isagani"),
        );
        insta::assert_snapshot!(format!("speaker_box_{width}x24"), s);
        assert!(starts_a_row(&s, "Isagani Creencia Erna"), "{s}");
        assert!(starts_a_row(&s, "Assistant Director/Head of"), "{s}");
        assert!(starts_a_row(&s, "It has been almost two years"), "{s}");
    }
}

#[test]
fn a_byline_with_affiliation_marks_and_recovered_headings() {
    for width in [80, 40] {
        let id = "preliminary-exploration-of-constructing-a-standardized";
        let head = reading("2025-03", id, width, None);
        insta::assert_snapshot!(format!("byline_{width}x24"), head);
        assert!(head.contains("Xiawei⁴*"), "{head}");
        assert!(head.contains("王敏¹"), "{head}");
        let sections = reading(
            "2025-03",
            id,
            width,
            Some("2.2 Differential expression analysis"),
        );
        insta::assert_snapshot!(format!("paper_headings_{width}x24"), sections);
        assert!(
            starts_a_row(&sections, "2.2 Differential expression analysis"),
            "{sections}"
        );
    }
}
