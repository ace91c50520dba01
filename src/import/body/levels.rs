//! One heading level per kind of heading inside an article. Exports mix `##` and `###` for
//! headings of one rank (the first section one level deeper than the rest, one of three
//! `■` sections a level below its siblings), which the reader would draw as a false hierarchy.

use std::collections::HashSet;

use super::headings::section_number;
use super::{heading_level, strip_markup};

/// The texts of the lines the print marks with `■`: section headings of one rank.
pub(super) fn squared_texts(lines: &[&str]) -> HashSet<String> {
    lines
        .iter()
        .filter(|l| l.contains('■'))
        .map(|l| strip_markup(l))
        .filter(|t| !t.is_empty())
        .collect()
}

/// `On carbon peak and neutrality` over `### Improving the standards…`: a short line with no
/// sentence end, between finished text and a heading below the top level, is the heading of
/// the group it opens, one level up (the export printed it as a paragraph). (A value under a
/// label, as in a masthead, follows no finished sentence.)
fn group_headings(parts: &mut [String]) {
    for k in 1..parts.len().saturating_sub(1) {
        let prev = parts[k - 1].trim_end();
        let after_text = heading_level(prev).is_none()
            && prev.ends_with(['.', '!', '?', '”', '"', '。', '！', '？']);
        if !after_text {
            continue;
        }
        let next = &parts[k + 1];
        let Some(level) = heading_level(next).filter(|&l| l >= 3 && !next.contains('\n')) else {
            continue;
        };
        let t = parts[k].trim();
        let words = t.split_whitespace().count();
        let shaped = !t.contains('\n')
            && heading_level(t).is_none()
            && (1..=8).contains(&words)
            && t.len() <= 60
            && t.starts_with(|c: char| c.is_uppercase())
            && !t.ends_with([
                '.', '!', '?', ':', ';', ',', '\\', '。', '！', '？', '：', '；', '，',
            ])
            && !t.contains("**");
        if shaped {
            parts[k] = format!("{} {t}", "#".repeat(level - 1));
        }
    }
}

/// Makes heading levels consistent, in this order:
/// - a heading wholly in bold loses the bold (a heading is drawn bold already);
/// - headings the print marked with `■` share the shallowest level any of them has;
/// - numbered section titles take their depth's level (`1.` at the level the first-depth
///   titles start from, `1.1` one below);
/// - a heading with no shallower heading before it, deeper than the article's shallowest,
///   is raised to it (it has no parent to hang from).
pub(super) fn consistent_levels(parts: &mut [String], squared: &HashSet<String>) {
    group_headings(parts);
    let headings: Vec<usize> = (0..parts.len())
        .filter(|&k| !parts[k].contains('\n') && heading_level(&parts[k]).is_some())
        .collect();
    if headings.is_empty() {
        return;
    }
    for &k in &headings {
        let level = heading_level(&parts[k]).unwrap_or(2);
        let text = parts[k].trim_start()[level..].trim();
        if let Some(inner) = text.strip_prefix("**").and_then(|t| t.strip_suffix("**"))
            && !inner.contains("**")
            && !inner.trim().is_empty()
        {
            parts[k] = format!("{} {}", "#".repeat(level), inner.trim());
        }
    }
    let level_of = |p: &String| heading_level(p).unwrap_or(2);
    let set = |p: &mut String, level: usize| {
        let old = heading_level(p).unwrap_or(2);
        let text = p.trim_start()[old..].trim().to_string();
        *p = format!("{} {text}", "#".repeat(level.clamp(2, 6)));
    };

    let marked: Vec<usize> = headings
        .iter()
        .copied()
        .filter(|&k| squared.contains(&strip_markup(&parts[k])))
        .collect();
    if marked.len() >= 2 {
        let level = marked
            .iter()
            .map(|&k| level_of(&parts[k]))
            .min()
            .unwrap_or(2);
        for &k in &marked {
            set(&mut parts[k], level);
        }
    }

    let numbered: Vec<(usize, usize)> = headings
        .iter()
        .filter_map(|&k| section_number(&parts[k]).map(|d| (k, d)))
        .collect();
    let top: Vec<usize> = numbered
        .iter()
        .filter(|(_, d)| *d == 1)
        .map(|(k, _)| level_of(&parts[*k]))
        .collect();
    if top.len() >= 2 {
        let base = top.iter().copied().min().unwrap_or(2);
        for &(k, depth) in &numbered {
            set(&mut parts[k], base + depth - 1);
        }
    }

    let shallowest = headings
        .iter()
        .map(|&k| level_of(&parts[k]))
        .min()
        .unwrap_or(2);
    let mut seen: Option<usize> = None;
    for &k in &headings {
        let level = level_of(&parts[k]);
        if level > shallowest && seen.is_none_or(|s| s >= level) {
            set(&mut parts[k], shallowest);
        }
        let level = level_of(&parts[k]);
        seen = Some(seen.map_or(level, |s| s.min(level)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(parts: &[&str], squared: &[&str]) -> Vec<String> {
        let mut p: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
        let sq: HashSet<String> = squared.iter().map(|s| s.to_string()).collect();
        consistent_levels(&mut p, &sq);
        p
    }

    #[test]
    fn first_section_one_level_too_deep_joins_its_siblings() {
        let p = levels(
            &[
                "### 1. Introduction",
                "Text.",
                "## 2. Data",
                "### 2.1 Sources",
                "## 3. End",
            ],
            &[],
        );
        assert_eq!(p[0], "## 1. Introduction");
        assert_eq!(p[3], "### 2.1 Sources");
        assert_eq!(p[4], "## 3. End");
    }

    #[test]
    fn a_short_line_over_a_subheading_is_its_group_heading() {
        let p = levels(
            &[
                "Intro.",
                "On carbon peak",
                "### Improving carbon standards",
                "Text.",
                "## On farming",
            ],
            &[],
        );
        assert_eq!(p[1], "## On carbon peak");
        assert_eq!(p[2], "### Improving carbon standards");
        // Over a top-level heading, or ending a sentence, a line stays a paragraph.
        let q = levels(&["A short line", "## Top", "It ended.", "### Sub"], &[]);
        assert_eq!(q[0], "A short line");
        assert_eq!(q[2], "It ended.");
    }

    #[test]
    fn deeper_numbers_keep_their_depth() {
        let p = levels(&["## 1. A", "### 1.1 B", "## 2. C", "##### 2.1.1 D"], &[]);
        assert_eq!(p[3], "#### 2.1.1 D");
    }

    #[test]
    fn a_heading_with_no_parent_rises_to_the_top_level() {
        let p = levels(
            &[
                "### Carbon",
                "Text.",
                "## Charging",
                "## On farming",
                "### Packaging",
            ],
            &[],
        );
        assert_eq!(p[0], "## Carbon");
        // A subsection under a shallower heading stays where it is.
        assert_eq!(p[4], "### Packaging");
    }

    #[test]
    fn squared_sections_share_one_level_and_lose_their_bold() {
        let p = levels(
            &[
                "## Work plan of one body",
                "### Comments:",
                "### Work plan of another body",
                "## **Cooperation plan**",
                "### **A member body**",
            ],
            &[
                "Work plan of one body",
                "Work plan of another body",
                "Cooperation plan",
            ],
        );
        assert_eq!(p[2], "## Work plan of another body");
        assert_eq!(p[1], "### Comments:");
        assert_eq!(p[3], "## Cooperation plan");
        assert_eq!(p[4], "### A member body");
    }

    #[test]
    fn paragraphs_and_partial_bold_are_left_alone() {
        let p = levels(&["## A", "**Lead.** Text", "### **B** and C"], &[]);
        assert_eq!(p[1], "**Lead.** Text");
        assert_eq!(p[2], "### **B** and C");
    }
}
