//! Speeches with a title and a speaker's box, in an export that prints headings as plain
//! lines: their titles are found by where they stand beside the box, not by decoration (the
//! print frames some with quote marks and not others), so that sibling titles are all headings
//! of one level; the topics grouping several speeches are one level above them; and each box
//! stands right under its speech's title.
//!
//! The layouts: a title over the box (`title` / box / text) or under it (box / `title` / text);
//! a line right over a title that stands over its box, or over a box whose title is under it,
//! is the topic of a group of speeches (`On energy`, `Keynote speeches`); a one-word label over a
//! topic (`Topic`) is printed with it, as the print does elsewhere (`Topic | …`).

use std::collections::HashSet;

use super::*;

/// The part's lines as the body printed them (hard-break backslashes off).
fn part_lines(p: &str) -> Vec<&str> {
    p.split('\n').map(|l| l.trim_end_matches('\\')).collect()
}

fn is_speaker_box(p: &str) -> bool {
    let l = part_lines(p);
    l.len() >= 2 && crate::import::speakers::is_box(&l)
}

fn text_of(p: &str) -> String {
    let t = p.trim_start();
    match heading_level(t) {
        Some(l) => t[l..].trim().to_string(),
        None => t.to_string(),
    }
}

/// A line that could title a speech or a group: one line of up to fifteen words starting with a
/// capital, no sentence end, not a caption, a list item or a table.
fn title_shaped(p: &str) -> bool {
    if p.contains('\n') || p.starts_with(CAPTION_MARK) {
        return false;
    }
    let t = strip_markup(&text_of(p));
    let words = t.split_whitespace().count();
    (1..=15).contains(&words)
        && t.len() <= 120
        && t.starts_with(|c: char| c.is_uppercase())
        && !ends_sentence(&t)
        && !t.ends_with(',')
        && !is_caption_label(&t)
        && !t.starts_with(['-', '|', '>', '[', '('])
}

/// A paragraph of the speech's text: sentences (a list of names is none).
fn is_prose(p: &str) -> bool {
    let words = p.split_whitespace().count();
    heading_level(p).is_none()
        && !p.starts_with(CAPTION_MARK)
        && !p.starts_with('|')
        && !is_speaker_box(p)
        && !title_shaped(p)
        && (ends_sentence(p) || words > 15)
}

fn as_heading(p: &str, level: usize) -> String {
    let t = text_of(p);
    // A heading is drawn bold: bold inside it only splits it (`Topic | **New measures**`).
    format!("{} {}", "#".repeat(level), t.replace("**", ""))
}

/// Finds speech titles, topics and sub-headings by their place beside the speakers' boxes,
/// levels them and puts each box under its title. `marked`: texts the print set apart with a
/// `■` (topics). Does nothing in an article with fewer than two titled speeches.
pub(super) fn speech_titles(parts: &mut Vec<String>, marked: &HashSet<String>) {
    let boxes: Vec<usize> = (0..parts.len())
        .filter(|&k| is_speaker_box(&parts[k]))
        .collect();
    let is_marked = |p: &str| marked.contains(&strip_markup(&text_of(p)));
    // (box, title over it, title under it)
    let sides: Vec<(usize, bool, bool)> = boxes
        .iter()
        .map(|&k| {
            // A box with no speech after it (a list of partners) has no title.
            let speech = parts.get(k + 1).is_some_and(|p| is_prose(p))
                || (parts.get(k + 1).is_some_and(|p| title_shaped(p))
                    && parts.get(k + 2).is_some_and(|p| is_prose(p)));
            let over = k > 0 && title_shaped(&parts[k - 1]) && speech;
            let under =
                k + 2 < parts.len() && title_shaped(&parts[k + 1]) && is_prose(&parts[k + 2]);
            (k, over, under)
        })
        .collect();
    let only_over = sides
        .iter()
        .filter(|(k, o, u)| *o && !*u && !is_marked(&parts[k - 1]))
        .count();
    let only_under = sides.iter().filter(|(_, o, u)| !*o && *u).count();
    if only_over + only_under < 2 {
        return;
    }
    let over_layout = only_over >= only_under;

    let mut titles: Vec<usize> = Vec::new();
    let mut groups: Vec<usize> = Vec::new();
    // Lines under a box whose title is over it: the speech's first sub-heading.
    let mut subs: Vec<usize> = Vec::new();
    // Boxes whose title is under them: the title goes above the box.
    let mut swaps: Vec<usize> = Vec::new();
    for &(k, over, under) in &sides {
        let over_is_group = over && (is_marked(&parts[k - 1]) || under || !over_layout);
        match (over, under) {
            (true, true) if !is_marked(&parts[k - 1]) && over_layout => {
                titles.push(k - 1);
                subs.push(k + 1);
            }
            (_, true) => {
                titles.push(k + 1);
                swaps.push(k);
                if over_is_group {
                    groups.push(k - 1);
                }
            }
            (true, false) if over_is_group => groups.push(k - 1),
            (true, false) => titles.push(k - 1),
            (false, false) => {}
        }
    }
    // A line right over a title that stands over its box is the topic of a group.
    for &t in &titles.clone() {
        if t > 0
            && is_speaker_box(parts.get(t + 1).map_or("", String::as_str))
            && title_shaped(&parts[t - 1])
            && !titles.contains(&(t - 1))
        {
            groups.push(t - 1);
        }
    }
    // A one-word label over a topic is printed with it.
    let mut labelled: Vec<usize> = Vec::new();
    for g in groups.iter_mut() {
        if *g > 0 && heading_level(&parts[*g - 1]).is_none() {
            let label = parts[*g - 1].trim().to_string();
            let one_word = !label.contains(char::is_whitespace)
                && label.chars().all(char::is_alphabetic)
                && label.starts_with(char::is_uppercase);
            if one_word && title_shaped(&label) && !title_just_before(&titles, *g) {
                parts[*g] = format!("{label} | {}", text_of(&parts[*g]));
                labelled.push(*g - 1);
            }
        }
    }

    // Levels in reading order: a topic at the top, the titles under it one below (before any
    // topic, at the top), headings inside a speech one below its title.
    let first = titles.iter().chain(&groups).min().copied().unwrap_or(0);
    // Headings inside speeches: the export's or an earlier rule's, and short lines between
    // finished text and a paragraph; with the title they fall under.
    let mut inner: Vec<(usize, usize, bool)> = Vec::new();
    let mut under = None;
    for k in first..parts.len().saturating_sub(1) {
        if groups.contains(&k) {
            under = None;
            continue;
        }
        if titles.contains(&k) {
            under = Some(k);
            continue;
        }
        let Some(t) = under else {
            continue;
        };
        if labelled.contains(&k) || parts[k].contains('\n') {
            continue;
        }
        let prev = parts[k - 1].trim_end();
        let finished = heading_level(prev).is_none() && ends_sentence(prev);
        let given = heading_level(&parts[k]).is_some();
        let short = !given && title_shaped(&parts[k]) && finished && is_prose(&parts[k + 1]);
        if given || short || subs.contains(&k) {
            inner.push((k, t, given));
        }
    }
    // Sub-headings are a pattern of the article's speeches: a lone heading inside one speech
    // is rather the title of a speech whose box the export lost.
    let speeches_with_subs: HashSet<usize> = inner.iter().map(|&(_, t, _)| t).collect();
    let patterned = speeches_with_subs.len() >= 2;
    for &(k, _, given) in &inner {
        if patterned || subs.contains(&k) {
            continue;
        }
        if given {
            titles.push(k);
        }
    }
    let inner: Vec<usize> = inner
        .iter()
        .filter(|&&(k, _, _)| patterned || subs.contains(&k))
        .map(|&(k, _, _)| k)
        .collect();
    let mut in_group = false;
    let mut title_level = 2;
    for (k, p) in parts.iter_mut().enumerate().skip(first) {
        if groups.contains(&k) {
            *p = as_heading(p, 2);
            in_group = true;
            title_level = 2;
        } else if titles.contains(&k) {
            title_level = if in_group { 3 } else { 2 };
            *p = as_heading(p, title_level);
        } else if inner.contains(&k) {
            *p = as_heading(p, title_level + 1);
        }
    }
    for &k in swaps.iter().rev() {
        parts.swap(k, k + 1);
    }
    for &k in labelled.iter().rev() {
        parts.remove(k);
    }
}

/// Whether the line before group `g` is a speech title (then it is no label).
fn title_just_before(titles: &[usize], g: usize) -> bool {
    titles.contains(&(g - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "The standards give the industry a common language, and the work on them goes on.";

    fn speaker(name: &str) -> String {
        format!("{name}\\\nDirector of the Standards Institute")
    }

    fn run(parts: &[String], marked: &[&str]) -> Vec<String> {
        let mut p = parts.to_vec();
        let m: HashSet<String> = marked.iter().map(|s| s.to_string()).collect();
        speech_titles(&mut p, &m);
        p
    }

    fn owned(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn titles_over_their_boxes_are_sibling_headings_whatever_framed_them() {
        let parts = owned(&[
            "The dialogue gathered experts.",
            "## Standards for data",
            &speaker("Li Na"),
            TEXT,
            "Data at home",
            TEXT,
            "Standards for privacy",
            &speaker("Wang Bo"),
            TEXT,
            "Suggestions",
            TEXT,
        ]);
        let p = run(&parts, &[]);
        assert_eq!(p[1], "## Standards for data");
        assert_eq!(p[6], "## Standards for privacy");
        // Short lines between finished text and a paragraph, in two speeches: their sub-headings.
        assert_eq!(p[4], "### Data at home");
        assert_eq!(p[9], "### Suggestions");
        assert_eq!(p[2], speaker("Li Na"));
    }

    #[test]
    fn titles_under_their_boxes_go_above_them_and_topics_rank_over_them() {
        let parts = owned(&[
            "The forum was held in May.",
            "Addresses by guests",
            &speaker("Li Na"),
            TEXT,
            &speaker("Wang Bo"),
            TEXT,
            "Keynote speeches",
            &speaker("Zhao Min"),
            "Carbon footprints of products",
            TEXT,
            &speaker("Sun Yue"),
            "Quality infrastructure for carbon",
            TEXT,
            &speaker("Zhou Li"),
            "Carbon and power grids",
            TEXT,
            "A closing talk without its box",
            TEXT,
        ]);
        let p = run(&parts, &[]);
        let want = owned(&[
            "The forum was held in May.",
            "## Addresses by guests",
            &speaker("Li Na"),
            TEXT,
            &speaker("Wang Bo"),
            TEXT,
            "## Keynote speeches",
            "### Carbon footprints of products",
            &speaker("Zhao Min"),
            TEXT,
            "### Quality infrastructure for carbon",
            &speaker("Sun Yue"),
            TEXT,
            "### Carbon and power grids",
            &speaker("Zhou Li"),
            TEXT,
            "A closing talk without its box",
            TEXT,
        ]);
        assert_eq!(p, want);
    }

    #[test]
    fn marked_topics_and_labels_make_groups_in_a_mixed_layout() {
        let parts = owned(&[
            "Deputies discussed standards.",
            "On energy",
            "Unified charging standards",
            &speaker("Li Na"),
            TEXT,
            &speaker("Wang Bo"),
            "Standards for batteries",
            TEXT,
            "On water",
            &speaker("Zhao Min"),
            "Saving water with standards",
            TEXT,
            "Topic",
            "Future of standards",
            "Reform of standards",
            &speaker("Sun Yue"),
            TEXT,
        ]);
        let p = run(&parts, &["On water"]);
        let want = owned(&[
            "Deputies discussed standards.",
            "## On energy",
            "### Unified charging standards",
            &speaker("Li Na"),
            TEXT,
            "### Standards for batteries",
            &speaker("Wang Bo"),
            TEXT,
            "## On water",
            "### Saving water with standards",
            &speaker("Zhao Min"),
            TEXT,
            "## Topic | Future of standards",
            "### Reform of standards",
            &speaker("Sun Yue"),
            TEXT,
        ]);
        assert_eq!(p, want);
    }

    #[test]
    fn a_list_of_names_or_a_single_speech_is_left_alone() {
        let partners = owned(&[
            "Core partners",
            "ZTE",
            "ZTE Corporation",
            "Huawei Technologies\\\nCo., Ltd.",
            "Guangxi Association",
            "Qingdao Institute",
            "Liuzhou Center\\\nProtection Center",
        ]);
        assert_eq!(run(&partners, &[]), partners);
        let one = owned(&["Intro.", "A talk", &speaker("Li Na"), TEXT]);
        assert_eq!(run(&one, &[]), one);
    }
}
