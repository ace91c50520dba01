//! Numbered sidebars in a report: boxes printed beside a subsection's text under a label that
//! runs through the document with Roman numerals (`<Label> I`, `<Label> II`, …), each with its
//! own title. They are not in the table of contents and are not the subsection's text, so each
//! becomes an article of its own, and the subsection keeps the text printed around it.
//!
//! A sidebar starts at its label line. Its title is the rest of that line or, when the line has
//! only the label, the next line. It ends at the next sidebar, the next chapter or subsection,
//! or a running head; a sidebar without `(i)` sub-headings is a single paragraph of prose, and
//! the subsection's own text resumes after it.

use regex::Regex;
use std::sync::LazyLock;

use super::lines::{is_blank, strip_markup};

/// One sidebar: lines `start..end`, titled `title`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sidebar {
    pub start: usize,
    /// One past the lines that hold the label and title.
    pub title_end: usize,
    pub end: usize,
    /// `Label IV: Title`.
    pub title: String,
}

static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z][a-z]+(?: [a-z]+){0,2}) ([IVXLC]+.*)$").unwrap());
static SUBHEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\((?:[ivx]+|\d+)\)\s").unwrap());

fn roman(s: &str) -> usize {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let cs: Vec<usize> = s.chars().map(v).collect();
    (0..cs.len())
        .map(|i| {
            if cs.get(i + 1).is_some_and(|&n| n > cs[i]) {
                0usize.wrapping_sub(cs[i])
            } else {
                cs[i]
            }
        })
        .fold(0usize, usize::wrapping_add)
}

/// (line, label, numeral, rest) of every line that looks like a sidebar label.
fn labels(lines: &[&str], from: usize) -> Vec<(usize, String, usize, String)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(from) {
        // Strip emphasis without losing the boundary `III**Title**` has between the two.
        let t = l.trim().trim_start_matches('#').trim().replace("**", " ");
        let t = t.trim();
        let Some(c) = LABEL.captures(t) else {
            continue;
        };
        // `III**Pair Up**` and `IIIPair Up` (bold stripped): the numeral ends where a title's
        // capitalised word starts.
        let tail = &c[2];
        let run = tail.chars().take_while(|c| "IVXLC".contains(*c)).count();
        let split = (1..=run).rev().find(|&k| {
            let rest = &tail[k..];
            let mut cs = rest.chars();
            match (cs.next(), cs.next()) {
                (None, _) => true,
                (Some(a), _) if a.is_whitespace() || a == ':' || a == '.' => true,
                (Some(a), Some(b)) => a.is_uppercase() && b.is_lowercase(),
                _ => false,
            }
        });
        if let Some(k) = split {
            let rest = strip_markup(tail[k..].trim_start_matches([':', '.']));
            out.push((i, c[1].to_string(), roman(&tail[..k]), rest));
        }
    }
    out
}

/// The sidebars among `lines[from..]`: a label used with the numerals I, II, III … in order, at
/// least three times.
pub fn find(lines: &[&str], from: usize) -> Vec<(usize, String, String)> {
    let all = labels(lines, from);
    let mut best: Vec<(usize, String, String)> = Vec::new();
    for (_, label, n, _) in &all {
        if *n != 1 {
            continue;
        }
        let mut series = Vec::new();
        let mut want = 1;
        for (i, l, k, rest) in &all {
            if l == label && *k == want {
                series.push((*i, format!("{l} {}", numeral(*k)), rest.clone()));
                want += 1;
            }
        }
        if series.len() >= 3 && series.len() > best.len() {
            best = series;
        }
    }
    best
}

fn numeral(n: usize) -> &'static str {
    const R: [&str; 21] = [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
        "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    R.get(n).copied().unwrap_or("")
}

/// Cuts the sidebars found by [`find`] out of the body: `stops` are the lines where something
/// else starts (chapter and subsection headings, running heads, the end of the body).
pub fn cut(lines: &[&str], found: &[(usize, String, String)], stops: &[usize]) -> Vec<Sidebar> {
    let mut out = Vec::new();
    for (k, (start, label, rest)) in found.iter().enumerate() {
        let next_box = found.get(k + 1).map(|f| f.0);
        let limit = stops
            .iter()
            .copied()
            .filter(|&s| s > *start)
            .chain(next_box)
            .min()
            .unwrap_or(lines.len());
        let next_text = |i: usize| (i..limit).find(|&j| !is_blank(lines[j]));
        let (title, title_end) = if rest.is_empty() {
            match next_text(start + 1) {
                Some(t) => (strip_markup(lines[t]), t + 1),
                None => (String::new(), start + 1),
            }
        } else {
            (rest.clone(), start + 1)
        };
        let has_subheads = (title_end..limit).any(|j| SUBHEAD.is_match(&strip_markup(lines[j])));
        let end = if has_subheads {
            limit
        } else {
            // One paragraph of prose, then the host's text again.
            next_text(title_end).map_or(limit, |p| {
                let mut e = p;
                while e < limit && !is_blank(lines[e]) {
                    e += 1;
                }
                e
            })
        };
        out.push(Sidebar {
            start: *start,
            title_end,
            end,
            title: if title.is_empty() {
                label.clone()
            } else {
                format!("{label}: {title}")
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_series_of_sidebars_is_cut_out() {
        let lines = [
            "Host text.",                   // 0
            "",                             // 1
            "Key point I",                  // 2
            "",                             // 3
            "First title",                  // 4
            "",                             // 5
            "(i) Part",                     // 6
            "- item",                       // 7
            "",                             // 8
            "Key point II**Second title**", // 9
            "",                             // 10
            "One paragraph.",               // 11
            "",                             // 12
            "Host text again.",             // 13
            "",                             // 14
            "Key point III Third title",    // 15
            "Its paragraph.",               // 16
            "",                             // 17
            "Chapter two",                  // 18
        ];
        let found = find(&lines, 0);
        assert_eq!(found.len(), 3);
        let s = cut(&lines, &found, &[18]);
        assert_eq!(
            s.iter()
                .map(|b| (b.start, b.end, b.title.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (2, 9, "Key point I: First title"),
                (9, 12, "Key point II: Second title"),
                (15, 17, "Key point III: Third title"),
            ]
        );
    }

    #[test]
    fn numerals_alone_are_no_series() {
        let lines = ["Phase I", "Phase II"];
        assert!(find(&lines, 0).is_empty());
        assert_eq!(roman("XIV"), 14);
    }
}
