//! Splitting the pages before the CONTENTS page into the parts a reader looks for: cover,
//! masthead, editor's note (with the advertisements around it), editorial committee, partners.

use std::ops::Range;

use super::lines::{
    ends_sentence, heading_level, is_blank, is_image_description, is_paragraph, strip_markup,
};

/// One part of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub id: &'static str,
    pub title: String,
    /// The lines printing the title, when the part has one of its own (empty otherwise).
    pub heading: Range<usize>,
    pub lines: Range<usize>,
}

fn part(id: &'static str, title: &str, lines: Range<usize>) -> Part {
    Part {
        id,
        title: title.to_string(),
        heading: 0..0,
        lines,
    }
}

/// The parts, in order, covering `0..end` without gaps.
pub fn parts(lines: &[&str], end: usize) -> Vec<Part> {
    let find = |from: usize, pred: &dyn Fn(&str) -> bool| {
        (from..end).find(|&i| pred(&strip_markup(lines[i])))
    };
    let masthead = find(0, &|l| l == "CHINA STANDARDIZATION PRESS");
    let committee =
        masthead.and_then(|m| find(m, &|l| l.to_uppercase().contains("EDITORIAL COMMITTEE")));
    // The masthead ends with its copyright line, or its prices, or else where running text
    // begins.
    let rights = match (masthead, committee) {
        (Some(m), Some(c)) => find(m, &|l| l.contains("All rights reserved"))
            .filter(|&r| r < c)
            .or_else(|| {
                (m..c).rev().find(|&i| {
                    let t = strip_markup(lines[i]);
                    t.contains("USD") || t.contains("RMB")
                })
            })
            .or_else(|| find(m, &|l| l.len() > 160).map(|p| p - 1)),
        _ => None,
    };
    let partners = committee
        .and_then(|c| find(c + 1, &|l| l.to_uppercase().contains("PARTNERS")))
        .map(|p| page_start(lines, p));
    let (Some(m), Some(r), Some(c)) = (masthead, rights, committee) else {
        return vec![part("cover", "Cover", 0..end)];
    };
    let mut out = vec![
        part("cover", "Cover", 0..m),
        part("masthead", "Masthead", m..r + 1),
    ];
    // Between the masthead and the committee: an advertisement page, then the editor's note.
    let (note, title, title_end) = editors_note(lines, r + 1, c);
    if note > r + 1 {
        out.push(part("advertisement", "Advertisement", r + 1..note));
    }
    out.push(Part {
        id: "editors-note",
        title: title
            .as_ref()
            .map_or("Editor's note".into(), |t| format!("Editor's note: {t}")),
        heading: if title.is_some() {
            note..title_end
        } else {
            0..0
        },
        lines: note..c,
    });
    match partners {
        Some(p) => {
            out.push(part("editorial-committee", "Editorial committee", c..p));
            out.push(part("partners", "Partners", p..end));
        }
        None => out.push(part(
            "editorial-committee",
            "Editorial committee and partners",
            c..end,
        )),
    }
    out
}

/// Where the page holding line `p` starts: after the last run of three or more blank lines
/// (a page break in the export) within a few lines before it.
fn page_start(lines: &[&str], p: usize) -> usize {
    let mut i = p;
    let floor = p.saturating_sub(8);
    while i > floor {
        let blanks = (0..i).rev().take_while(|&k| is_blank(lines[k])).count();
        if blanks >= 3 {
            return i;
        }
        i -= 1;
    }
    p
}

/// The editor's note in `from..to`: its title is the line (a heading, perhaps with an italic
/// subtitle under it) just before its first paragraph; what comes before is an advertisement.
/// An italic line under the heading that starts in lower case and ends no sentence is the rest
/// of the title, set smaller (`# Listening` / `*brings partners closer together*`).
/// Returns (first line of the note, its title, one past the title's last line).
fn editors_note(lines: &[&str], from: usize, to: usize) -> (usize, Option<String>, usize) {
    // The note is several paragraphs; an advertisement has one (and perhaps a description of
    // its image).
    let prose = |i: usize| is_paragraph(lines[i]) && !is_image_description(lines[i]);
    let next_block = |i: usize| {
        let mut k = i;
        while k < to && !is_blank(lines[k]) {
            k += 1;
        }
        (k..to).find(|&j| !is_blank(lines[j]) && !is_image_description(lines[j]))
    };
    let none = (from, None, from);
    let Some(first_para) = (from..to).find(|&i| prose(i) && next_block(i).is_some_and(&prose))
    else {
        return none;
    };
    let prev = |i: usize| (from..i).rev().find(|&k| !is_blank(lines[k]));
    let block_start = |mut i: usize| {
        while i > from && !is_blank(lines[i - 1]) {
            i -= 1;
        }
        i
    };
    let block_end = |mut i: usize| {
        while i < to && !is_blank(lines[i]) {
            i += 1;
        }
        i
    };
    let Some(last) = prev(first_para) else {
        return none;
    };
    let mut start = block_start(last);
    let italic = |k: usize| {
        let t = lines[k].trim();
        t.starts_with('*') && !t.starts_with("**") && heading_level(t).is_none()
    };
    // `# Listening` over `*brings partners closer together*`.
    let mut rest: Option<usize> = None;
    if italic(start)
        && let Some(above) = prev(start)
        && !ends_sentence(lines[above])
    {
        let sub = start;
        start = block_start(above);
        let words = (sub..block_end(sub))
            .map(|k| strip_markup(lines[k]))
            .collect::<Vec<_>>()
            .join(" ");
        let continues = words.starts_with(|c: char| c.is_lowercase())
            && !ends_sentence(&words)
            && words.split_whitespace().count() <= 12;
        if continues && block_end(start) <= sub {
            rest = Some(sub);
        }
    }
    let title_end = block_end(rest.unwrap_or(start));
    let title = (start..title_end)
        .filter(|&k| !is_blank(lines[k]))
        .map(|k| strip_markup(lines[k]))
        .collect::<Vec<_>>()
        .join(" ");
    let head = strip_markup(lines[start]);
    let short = head.split_whitespace().count() <= 12 && !ends_sentence(&head);
    if short {
        (start, Some(title), title_end)
    } else {
        none
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_follow_the_anchors() {
        let lines = [
            "CHINA",
            "CHINA STANDARDIZATION PRESS",
            "Editor: X",
            "© CSP, 2025. All rights reserved.",
            "Note text.",
            "# THE EDITORIAL COMMITTEE",
            "Members",
            "## CORE COOPERATION PARTNERS",
            "ZTE",
        ];
        let p = parts(&lines, lines.len());
        let ranges: Vec<_> = p.iter().map(|x| x.lines.clone()).collect();
        assert_eq!(ranges, vec![0..1, 1..4, 4..5, 5..7, 7..9]);
        assert_eq!(p[2].title, "Editor's note");
    }

    #[test]
    fn an_advertisement_page_comes_before_the_editors_note() {
        let para = "The annual Two Sessions were held in March and the magazine reports on what was said about standards there.";
        let lines = [
            "CHINA STANDARDIZATION PRESS",
            "International: USD 10.00",
            "",
            "GB/T 1-2025, a standard,",
            "was released by SAMR.",
            "",
            "",
            "",
            "# Communication",
            "",
            "*helps us understand*",
            "",
            para,
            "",
            para,
            "",
            "THE EDITORIAL COMMITTEE",
        ];
        let p = parts(&lines, lines.len());
        let got: Vec<_> = p
            .iter()
            .map(|x| (x.id, x.title.as_str(), x.lines.clone()))
            .collect();
        assert_eq!(
            got[1..4],
            [
                ("masthead", "Masthead", 0..2),
                ("advertisement", "Advertisement", 2..8),
                (
                    "editors-note",
                    "Editor's note: Communication helps us understand",
                    8..16
                ),
            ]
        );
    }

    #[test]
    fn a_lower_case_italic_line_under_the_notes_heading_ends_its_title() {
        let para = "The annual Two Sessions were held in March and the magazine reports on what was said about standards there.";
        let note = |sub: [&'static str; 2]| {
            let lines = [
                "CHINA STANDARDIZATION PRESS",
                "International: USD 10.00",
                "",
                "# Listening",
                "",
                sub[0],
                sub[1],
                "",
                para,
                "",
                para,
                "",
                "THE EDITORIAL COMMITTEE",
            ];
            let p = parts(&lines, lines.len());
            let n = p.iter().find(|x| x.id == "editors-note").unwrap().clone();
            (n.title, n.heading)
        };
        assert_eq!(
            note(["*brings partners  ", "closer together*"]),
            (
                "Editor's note: Listening brings partners closer together".to_string(),
                3..7
            )
        );
        // A subtitle of its own (a capital, or a full sentence) stays the note's first line.
        assert_eq!(
            note(["*A word from the editors*", "*on this issue*"]),
            ("Editor's note: Listening".to_string(), 3..4)
        );
        assert_eq!(
            note(["*it is what we do.*", ""]),
            ("Editor's note: Listening".to_string(), 3..4)
        );
    }

    #[test]
    fn without_anchors_everything_is_the_cover() {
        let lines = ["Report title", "Introduction"];
        assert_eq!(parts(&lines, 2), vec![part("cover", "Cover", 0..2)]);
    }
}
