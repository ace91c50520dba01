//! A report's sections: front matter (cover, the translator's introduction, the table of
//! contents), each chapter with its opening and numbered subsections as `report` found them,
//! the numbered sidebars cut out of them (`sidebars`), running heads (the document's title
//! repeated with a page number) set aside as page furniture, and back matter after the last
//! chapter that the table of contents does not list.

use std::collections::HashSet;

use crate::archive::{Missing, SectionKind};

use super::account::Owner;
use super::assemble::Span;
use super::builder::{Builder, missing_of};
use super::contents::{Toc, TocEntry};
use super::issue::report_title;
use super::lines::{
    is_blank, is_chinese, is_paragraph, is_title_like, normalize, strip_markup, without_enumerator,
};
use super::{report, sidebars};

/// A line that repeats the document's title, with a page or chapter number before or after
/// it: the running head of a page.
fn is_running_head(line: &str, title: &str) -> bool {
    static NUMBER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^\d{1,3}\.?\s+|\s+\d{1,3}$").unwrap());
    let t = NUMBER
        .replace_all(strip_markup(line).as_str(), "")
        .into_owned();
    let (t, title) = (normalize(&t), normalize(title));
    t.len() >= 30 && title.contains(&t)
}

/// Before the table of contents: the translator's or editor's introduction under a short
/// heading of its own (`Introduction`, `Foreword`), up to the original's title page (its
/// Chinese lines). Returns (cover lines, introduction lines).
fn front_parts(lines: &[&str], end: usize) -> (Vec<usize>, Vec<usize>) {
    let heading = (0..end).find(|&i| {
        let t = strip_markup(lines[i]);
        let words = t.split_whitespace().count();
        (1..=3).contains(&words)
            && t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', ':', ',', ';'])
            && (i + 1..end)
                .find(|&j| !is_blank(lines[j]))
                .is_some_and(|j| is_paragraph(lines[j]))
    });
    let Some(h) = heading else {
        return ((0..end).collect(), Vec::new());
    };
    let stop = (h + 1..end).find(|&i| is_chinese(lines[i])).unwrap_or(end);
    let cover = (0..h).chain(stop..end).collect();
    (cover, (h..stop).collect())
}

/// Where back matter starts in the last chapter's lines `from..to`: a short heading the table of
/// contents does not list, over prose.
fn back_matter(lines: &[&str], from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&i| {
        let t = strip_markup(lines[i]);
        t.len() <= 60
            && is_title_like(lines[i])
            && i > 0
            && is_blank(lines[i - 1])
            && (i + 1..to)
                .find(|&j| !is_blank(lines[j]))
                .is_some_and(|j| is_paragraph(lines[j]))
    })
}

/// Adds the report's sections to `b`; returns the table-of-contents entries the body lacks.
pub fn build(b: &mut Builder, toc: &Toc) -> Vec<Missing> {
    let lines = b.lines;
    let mut cut = report::cut(lines, toc);
    let front = b.section(SectionKind::Front, "Front matter", None, None);
    let (cover, intro) = front_parts(lines, toc.start);
    b.front(front, "cover", "Cover", &cover);
    if let Some(&h) = intro.first() {
        // The heading is the article's title, not its first paragraph.
        let title = strip_markup(lines[h]);
        b.front_headed(front, "introduction", &title, h..h + 1, &intro);
    }
    b.front(
        front,
        "contents",
        "Table of contents",
        &(toc.start..toc.end).collect::<Vec<_>>(),
    );
    b.front(
        front,
        "before-the-first-chapter",
        "Before the first chapter",
        &cut.lead.clone().collect::<Vec<_>>(),
    );

    let title = report_title(&lines[..toc.start]);
    let heads: Vec<usize> = (toc.end..lines.len())
        .filter(|&i| is_running_head(lines[i], &title))
        .collect();
    b.front(front, "page-furniture", "Running heads", &heads);
    let furniture: HashSet<usize> = heads.iter().copied().collect();

    // Back matter after the last chapter.
    let back = cut.parts.last_mut().and_then(|last| {
        let at = back_matter(lines, last.title_end, last.end)?;
        let end = last.end;
        last.end = at;
        Some((at, end))
    });

    let stops: Vec<usize> = cut
        .parts
        .iter()
        .map(|p| p.start)
        .chain(heads.iter().copied())
        .chain(back.map(|(s, _)| s))
        .chain([lines.len()])
        .collect();
    let boxes = sidebars::cut(lines, &sidebars::find(lines, toc.end), &stops);

    let mut sec_of = vec![None; toc.columns.len()];
    for p in &cut.parts {
        let col = &toc.columns[p.chapter];
        let s = *sec_of[p.chapter]
            .get_or_insert_with(|| b.section(SectionKind::Chapter, &col.name, None, col.page));
        let inside: Vec<&sidebars::Sidebar> = boxes
            .iter()
            .filter(|x| x.start >= p.start && x.start < p.end)
            .collect();
        let mut skip = furniture.clone();
        for x in &inside {
            skip.extend(x.start..x.end);
        }
        let opening;
        let entry = match &p.entry {
            Some(e) => Some(e),
            None => {
                let has_text =
                    (p.title_end..p.end).any(|i| !is_blank(lines[i]) && !skip.contains(&i));
                if has_text {
                    opening = TocEntry {
                        title: col.name.clone(),
                        page: col.page,
                        ..Default::default()
                    };
                    Some(&opening)
                } else {
                    // The chapter's heading alone, numbered as in the table of contents or
                    // not: it is the section's name.
                    let heading = (p.start..p.title_end)
                        .map(|i| lines[i])
                        .collect::<Vec<_>>()
                        .join(" ");
                    if without_enumerator(&heading) != without_enumerator(&col.name) {
                        b.review.note(
                            "chapters",
                            p.start..p.title_end,
                            format!("the heading is chapter \"{}\"", col.name),
                            "it is printed differently from the table of contents",
                        );
                    }
                    for i in p.start..p.title_end {
                        b.owners[i] = Some(Owner::SectionName { section: s });
                    }
                    None
                }
            }
        };
        if let Some(e) = entry {
            let span = Span {
                start: p.start,
                title_end: p.title_end,
                end: p.end,
                entry: Some(e),
                title: None,
                lead: 0..0,
            };
            b.article(s, &span, &skip);
        }
        for x in inside {
            let span = Span {
                start: x.start,
                title_end: x.title_end,
                end: x.end,
                entry: None,
                title: Some(&x.title),
                lead: 0..0,
            };
            b.article(s, &span, &furniture);
        }
    }
    if let Some((start, end)) = back {
        b.review.note(
            "chapters",
            [start],
            "back matter starts here, after the last chapter",
            "a heading the table of contents does not list",
        );
        let span = Span {
            start,
            title_end: start + 1,
            end,
            entry: None,
            title: None,
            lead: 0..0,
        };
        // After the chapters, as printed (`show` prints sections in order; the reader lists
        // front and back matter last).
        let back = b.section(SectionKind::Front, "Back matter", None, None);
        b.article(back, &span, &furniture);
    }
    missing_of(toc, &cut.missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_heads_repeat_the_title_with_a_number() {
        let title = "Report on Standardization Achievements of the Decade";
        assert!(is_running_head(
            "4. Report on Standardization Achievements of the Decade",
            title
        ));
        assert!(is_running_head(
            "Report on Standardization Achievements 12",
            title
        ));
        assert!(!is_running_head("4. Finance", title));
    }
}
