//! Splitting the pages before the CONTENTS page into the parts a reader looks for: cover,
//! masthead, editor's note (with the advertisements around it), editorial committee, partners.

use std::ops::Range;

use super::lines::strip_markup;

/// (id, title, lines) of each part, in order, covering `0..end` without gaps.
pub fn parts(lines: &[&str], end: usize) -> Vec<(&'static str, &'static str, Range<usize>)> {
    let find = |from: usize, pred: &dyn Fn(&str) -> bool| {
        (from..end).find(|&i| pred(&strip_markup(lines[i])))
    };
    let masthead = find(0, &|l| l == "CHINA STANDARDIZATION PRESS");
    // The masthead ends with its copyright line, or else where running text begins.
    let rights = masthead.and_then(|m| {
        find(m, &|l| l.contains("All rights reserved"))
            .or_else(|| find(m, &|l| l.len() > 160).map(|p| p - 1))
    });
    let committee =
        rights.and_then(|r| find(r, &|l| l.to_uppercase().contains("EDITORIAL COMMITTEE")));
    let partners = committee.and_then(|c| find(c + 1, &|l| l.to_uppercase().contains("PARTNERS")));
    let (Some(m), Some(r), Some(c)) = (masthead, rights, committee) else {
        return vec![("cover", "Cover", 0..end)];
    };
    let mut out = vec![
        ("cover", "Cover", 0..m),
        ("masthead", "Masthead", m..r + 1),
        ("editors-note", "Editor's note and advertisements", r + 1..c),
    ];
    match partners {
        Some(p) => {
            out.push(("editorial-committee", "Editorial committee", c..p));
            out.push(("partners", "Partners", p..end));
        }
        None => out.push((
            "editorial-committee",
            "Editorial committee and partners",
            c..end,
        )),
    }
    out
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
        let ranges: Vec<_> = p.iter().map(|(_, _, r)| r.clone()).collect();
        assert_eq!(ranges, vec![0..1, 1..4, 4..5, 5..7, 7..9]);
    }

    #[test]
    fn without_anchors_everything_is_the_cover() {
        let lines = ["Report title", "Introduction"];
        assert_eq!(parts(&lines, 2), vec![("cover", "Cover", 0..2)]);
    }
}
