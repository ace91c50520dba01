//! Finding where a listed title starts in the body, even when the body splits it over several
//! lines, adds Markdown markup, or words it slightly differently.

use super::lines::{is_blank, is_rule, normalize};

/// How alike two normalised titles are: the Dice coefficient over their words, 0.0 to 1.0.
pub fn similarity(a: &str, b: &str) -> f64 {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    if wa.is_empty() || wb.is_empty() {
        // Chinese titles have no spaces: compare characters instead.
        return char_similarity(a, b);
    }
    if wa.len() == 1 && wb.len() == 1 {
        return char_similarity(a, b);
    }
    let mut rest = wb.clone();
    let mut common = 0;
    for w in &wa {
        if let Some(p) = rest.iter().position(|x| x == w) {
            rest.swap_remove(p);
            common += 1;
        }
    }
    2.0 * common as f64 / (wa.len() + wb.len()) as f64
}

fn char_similarity(a: &str, b: &str) -> f64 {
    let ca: Vec<char> = a.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest: Vec<char> = b.chars().filter(|c| !c.is_whitespace()).collect();
    let total = ca.len() + rest.len();
    if total == 0 {
        return 0.0;
    }
    let mut common = 0;
    for c in &ca {
        if let Some(p) = rest.iter().position(|x| x == c) {
            rest.swap_remove(p);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// A title found in the body: the lines it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    pub start: usize,
    /// One past the last line of the title.
    pub end: usize,
    pub score: f64,
}

/// Up to `max` non-blank lines from `i`, as (line index, normalised text); stops at a line
/// longer than `limit`.
fn window(lines: &[&str], i: usize, max: usize, limit: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut j = i;
    let mut blanks = 0;
    while j < lines.len() && out.len() < max {
        if is_blank(lines[j]) {
            blanks += 1;
            if blanks > 2 {
                break;
            }
        } else {
            if lines[j].len() > limit {
                break;
            }
            blanks = 0;
            out.push((j, normalize(lines[j])));
        }
        j += 1;
    }
    out
}

/// The best match of `title` starting at line `i`, joining up to three lines.
fn match_at(lines: &[&str], i: usize, title: &str) -> Option<Found> {
    // A line much longer than the title is running text that mentions it, not the title.
    let limit = 3 * title.len() + 40;
    if is_blank(lines[i]) || lines[i].len() > limit || is_rule(lines[i]) {
        return None;
    }
    let w = window(lines, i, 3, limit);
    let mut joined = String::new();
    let mut best: Option<Found> = None;
    for (j, text) in &w {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(text);
        let score = similarity(title, &joined);
        if best.is_none_or(|b| score > b.score) {
            best = Some(Found {
                start: i,
                end: j + 1,
                score,
            });
        }
        if joined.len() >= title.len() {
            break;
        }
    }
    best
}

/// Score at which a title counts as found.
pub const THRESHOLD: f64 = 0.75;

/// Finds `title` (already normalised) in `lines[from..to]`: the first line where it matches
/// well, preferring an exact match over a near one if both come before the next listed title.
pub fn find_title(lines: &[&str], title: &str, from: usize, to: usize) -> Option<Found> {
    if title.is_empty() {
        return None;
    }
    let mut first_good: Option<Found> = None;
    for i in from..to.min(lines.len()) {
        if let Some(f) = match_at(lines, i, title) {
            if f.score >= 0.999 {
                return Some(f);
            }
            if f.score >= THRESHOLD && first_good.is_none() {
                first_good = Some(f);
                // An exact match a little further on (the title repeated as a heading after a
                // lead-in line) wins over this near one; look a few lines more.
                for k in i + 1..(i + 8).min(to).min(lines.len()) {
                    if let Some(g) = match_at(lines, k, title)
                        && g.score > f.score + 0.1
                    {
                        return Some(g);
                    }
                }
                return first_good;
            }
        }
    }
    first_good
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_title_is_found() {
        let lines = [
            "Some earlier text that ends here.",
            "",
            "## Dialogue on standards",
            "",
            "Work plan of overseas standards organizations in 2024",
            "",
            "**标准对话：国外标准化组织2024年工作规划**",
        ];
        let t = normalize(
            "Dialogue on standards: Work plan of overseas standards organizations in 2024",
        );
        let f = find_title(&lines, &t, 0, lines.len()).unwrap();
        assert_eq!((f.start, f.end), (2, 5));
    }

    #[test]
    fn slightly_reworded_title_is_found() {
        let lines = [
            "",
            "# Global AI experts unite to discuss challenges and trends",
            "",
        ];
        let t =
            normalize("Global AI experts unite to discuss challenges, trends and standardization");
        let f = find_title(&lines, &t, 0, lines.len()).unwrap();
        assert_eq!(f.start, 1);
        assert!(f.score >= THRESHOLD);
    }

    #[test]
    fn unrelated_heading_is_not_a_match() {
        let lines = ["## References", "## About the authors"];
        let t = normalize("Analysis of Mongolia's standardization development in 2023");
        assert_eq!(find_title(&lines, &t, 0, lines.len()), None);
    }
}
