//! Cutting a magazine's body into articles: listed titles first (in CONTENTS order), then the
//! unlisted news items between them, then the furniture that belongs to no article.

use super::contents::{Toc, TocEntry};
use super::lines::{
    ends_sentence, ends_with_link, heading_level, is_banner, is_blank, is_byline, is_chinese,
    is_closing_credit, is_dateline, is_kicker, is_paragraph, is_rule, is_title_like, normalize,
    strip_markup,
};
use super::locate::find_title;

/// Where a title stands: its first line and one past its last.
type TitleLines = (usize, usize);

/// One article's span of lines.
#[derive(Debug, Clone)]
pub struct Seg {
    pub column: usize,
    pub start: usize,
    /// Lines `start..title_end` hold the title (empty when the export lost it).
    pub title_end: usize,
    pub end: usize,
    /// The CONTENTS entry, for a listed article.
    pub entry: Option<TocEntry>,
    /// Lines before `start` that open the body (see [`banner_to_next`]).
    pub lead: std::ops::Range<usize>,
}

#[derive(Debug, Default)]
pub struct Cut {
    pub segs: Vec<Seg>,
    /// Body lines that belong to no article: running labels, back-cover text.
    pub furniture: Vec<usize>,
    /// Listed entries not found in the body: (column, entry).
    pub missing: Vec<(usize, TocEntry)>,
}

/// Columns whose short news items often go unlisted on the CONTENTS page: there every title
/// line starts an article.
fn is_news_column(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("scene") || n.contains("exchange")
}

fn prev_nonblank(lines: &[&str], i: usize, floor: usize) -> Option<usize> {
    (floor..i)
        .rev()
        .find(|&j| !is_blank(lines[j]) && !is_kicker(lines[j]))
}

fn next_nonblank(lines: &[&str], i: usize, ceil: usize) -> Option<usize> {
    (i + 1..ceil).find(|&j| !is_blank(lines[j]))
}

/// Where an article whose title was lost starts: at a byline, or after the closing credit of
/// the article before it.
fn lost_title_start(lines: &[&str], from: usize, to: usize) -> Option<usize> {
    let skip_own_byline = (from..(from + 6).min(to))
        .filter(|&j| is_byline(lines[j]))
        .max()
        .map_or(from, |j| j + 1);
    let byline = (skip_own_byline..to).find(|&j| {
        is_byline(lines[j]) && prev_nonblank(lines, j, from).is_none_or(|p| !is_byline(lines[p]))
    });
    if let Some(b) = byline {
        return Some(b);
    }
    let credit = (from..to).find(|&j| is_closing_credit(lines[j]))?;
    let mut k = credit;
    while k + 1 < to && (is_blank(lines[k + 1]) || is_closing_credit(lines[k + 1])) {
        k += 1;
    }
    (k + 1 < to).then_some(k + 1)
}

/// A staff article (one with a byline) does not end with another organisation's source credit:
/// when it does, the section that credit closes is an item of its own, reprinted from that
/// source. It starts at the last heading-shaped line before the credit.
fn split_sourced_sections(lines: &[&str], segs: Vec<Seg>) -> Vec<Seg> {
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        let head_end = (seg.title_end..seg.end)
            .filter(|&i| !is_blank(lines[i]))
            .take(4)
            .collect::<Vec<_>>();
        let bylined = head_end.iter().any(|&i| is_byline(lines[i]));
        let last = (seg.title_end..seg.end)
            .rev()
            .find(|&i| !is_blank(lines[i]));
        // A source credit naming someone the article's lead does not: the article's own
        // credit names the organisation it is about.
        let lead = head_end
            .last()
            .and_then(|&h| next_nonblank(lines, h, seg.end))
            .map_or(String::new(), |p| strip_markup(lines[p]));
        let credit = last.filter(|&i| {
            source_named(lines[i]).is_some_and(|who| !who.is_empty() && !lead.contains(&who))
        });
        let heading = match (bylined, credit, head_end.last()) {
            (true, Some(c), Some(&h)) => (h + 1..c).rev().find(|&i| {
                is_title_like(lines[i])
                    && prev_nonblank(lines, i, h).is_some_and(|p| ends_sentence(lines[p]))
                    && next_nonblank(lines, i, c).is_some_and(|n| is_paragraph(lines[n]))
            }),
            _ => None,
        };
        match heading {
            Some(h) => {
                let mut first = seg.clone();
                first.end = h;
                out.push(first);
                out.push(Seg {
                    column: seg.column,
                    start: h,
                    title_end: h + 1,
                    end: seg.end,
                    entry: None,
                    lead: 0..0,
                });
            }
            None => out.push(seg),
        }
    }
    out
}

/// Text read off a photographed banner (`TMB - Shaping the path …`) printed after an article's
/// last finished paragraph and right before the next article's title is the caption of the
/// photo that opens the next article: it moves there, out of the article it closes.
fn banner_to_next(lines: &[&str], segs: &mut [Seg]) {
    for k in 1..segs.len() {
        let (before, after) = segs.split_at_mut(k);
        let (prev, next) = (&mut before[k - 1], &mut after[0]);
        if prev.end != next.start || !next.lead.is_empty() {
            continue;
        }
        let Some(last) = (prev.title_end..prev.end)
            .rev()
            .find(|&i| !is_blank(lines[i]))
        else {
            continue;
        };
        let finished = prev_nonblank(lines, last, prev.title_end)
            .is_some_and(|p| ends_sentence(lines[p]) || is_closing_credit(lines[p]));
        // (A blank line after it keeps it a paragraph of its own there.)
        if is_banner(lines[last]) && finished && last + 1 < next.start {
            next.lead = last..next.start;
            prev.end = last;
        }
    }
}

/// `IEC` from `(Source: IEC)` or `Source: IEC`.
fn source_named(line: &str) -> Option<String> {
    let t = strip_markup(line);
    let t = t.trim_start_matches('(').trim_end_matches(')');
    let rest = t
        .strip_prefix("Source:")
        .or_else(|| t.strip_prefix("source:"))?;
    Some(rest.trim().to_string())
}

/// Lines at the end of the file that are back-cover furniture: distribution, price, ISSN, the
/// barcode's digits and the scraps of poster text around them, and an advertisement for a
/// standard printed after the last article's "About the authors".
fn back_cover_start(lines: &[&str], floor: usize) -> usize {
    let furniture = |l: &str| {
        let t = strip_markup(l).to_lowercase();
        t.is_empty()
            || [
                "issn",
                "distribut",
                "subscription",
                "price",
                "cn 11-",
                "postal",
                "©",
            ]
            .iter()
            .any(|k| t.contains(k))
            || t.chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '>')
    };
    let mut start = lines.len();
    while start > floor && furniture(lines[start - 1]) {
        start -= 1;
    }
    // Scraps of the back cover's image text (`Ap`, `05>`) just before its ISSN.
    while start > floor && {
        let t = strip_markup(lines[start - 1]);
        t.is_empty() || (t.len() <= 24 && !ends_sentence(&t) && !is_title_like(&t))
    } {
        start -= 1;
    }
    if let Some(ad) = advertisement_start(lines, floor, start) {
        start = ad;
    }
    while start < lines.len() && is_blank(lines[start]) {
        start += 1;
    }
    start
}

/// An advertisement for a standard between an article's closing "About the authors" and the back
/// cover: its first line names a standard (`GB 12955-2024, *Title*`), where a biography would name
/// a person.
fn advertisement_start(lines: &[&str], floor: usize, end: usize) -> Option<usize> {
    static STANDARD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:GB|GB/T|GB/Z|ISO|IEC|ISO/IEC|[A-Z]{2}/T)\s*\d").unwrap()
    });
    let about = (floor..end)
        .rev()
        .find(|&i| strip_markup(lines[i]).to_lowercase() == "about the authors")?;
    (about + 1..end).find(|&i| STANDARD.is_match(&strip_markup(lines[i])))
}

/// Whether line `i` starts an unlisted article inside a column's region.
fn starts_unlisted(lines: &[&str], i: usize, floor: usize, ceil: usize, news: bool) -> bool {
    let line = lines[i];
    if !is_title_like(line) || heading_level(line).is_some_and(|h| h > 3) {
        return false;
    }
    let Some(next) = next_nonblank(lines, i, ceil) else {
        return false;
    };
    let next_ok = is_paragraph(lines[next]) || is_byline(lines[next]);
    let prev = prev_nonblank(lines, i, floor);
    // Right after the title of the article it would split, a title-like line is a subtitle.
    let Some(prev) = prev else {
        return false;
    };
    let after_end = is_closing_credit(lines[prev])
        || is_rule(lines[prev])
        || is_kicker(lines[prev])
        || ends_with_link(lines[prev]);
    let after_sentence = ends_sentence(lines[prev]) || after_end;
    // An event notice: a title over a dateline, in any column, once the text before it is
    // finished.
    if is_dateline(lines[next]) && after_sentence {
        return true;
    }
    // A title with its own Chinese title under it is an article of its own in this magazine,
    // never a sub-heading.
    let zh_title = is_chinese(lines[next]) && strip_markup(lines[next]).chars().count() <= 80;
    if zh_title && after_sentence {
        return true;
    }
    if news {
        next_ok && after_sentence
    } else {
        // Elsewhere titles inside an article are its sub-headings; only an article's closing
        // credit, a rule, or a top-level heading after finished text starts a new one.
        (after_end && (next_ok || heading_level(line).is_some()))
            || (heading_level(line) == Some(1) && after_sentence && next_ok)
    }
}

pub fn cut(lines: &[&str], toc: &Toc) -> Cut {
    let mut out = Cut::default();
    let n = lines.len();
    let body_end = back_cover_start(lines, toc.end);

    // 1. Listed titles, in CONTENTS order.
    // (column, entry, title lines `start..end` where found)
    let mut found: Vec<(usize, TocEntry, Option<TitleLines>)> = Vec::new();
    let mut cursor = toc.end;
    for (c, col) in toc.columns.iter().enumerate() {
        for e in &col.entries {
            let hit =
                find_title(lines, &normalize(&e.title), cursor, body_end).map(|f| (f.start, f.end));
            if let Some((_, end)) = hit {
                cursor = end;
            }
            found.push((c, e.clone(), hit));
        }
    }
    // 2. Lost titles: between the neighbours that were found.
    for k in 0..found.len() {
        if found[k].2.is_some() {
            continue;
        }
        let from = found[..k].iter().rev().find_map(|f| f.2).map(|r| r.1);
        let to = found[k + 1..].iter().find_map(|f| f.2).map(|r| r.0);
        if let (Some(from), Some(to)) = (from, to)
            && let Some(s) = lost_title_start(lines, from, to)
        {
            found[k].2 = Some((s, s));
        }
    }
    let mut starts: Vec<Seg> = Vec::new();
    for (c, e, hit) in found {
        match hit {
            Some((s, te)) => starts.push(Seg {
                column: c,
                start: s,
                title_end: te,
                end: n,
                entry: Some(e),
                lead: 0..0,
            }),
            None => out.missing.push((c, e)),
        }
    }
    starts.sort_by_key(|s| s.start);

    // 3. Unlisted items inside each column's stretch of the body.
    let mut all: Vec<Seg> = Vec::new();
    for (k, seg) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(body_end, |s| s.start);
        let news = is_news_column(&toc.columns[seg.column].name);
        let mut cur = seg.clone();
        let mut i = seg.title_end.max(seg.start + 1);
        while i < next {
            if starts_unlisted(lines, i, cur.title_end, next, news) {
                cur.end = i;
                all.push(cur);
                cur = Seg {
                    column: seg.column,
                    start: i,
                    title_end: i + 1,
                    end: next,
                    entry: None,
                    lead: 0..0,
                };
            }
            i += 1;
        }
        cur.end = next;
        all.push(cur);
    }
    let mut all = split_sourced_sections(lines, all);
    banner_to_next(lines, &mut all);

    // 4. Furniture: before the first article, running labels, the back cover.
    let first = all.first().map_or(body_end, |s| s.start);
    out.furniture.extend(toc.end..first);
    for (i, line) in lines.iter().enumerate().take(body_end).skip(first) {
        if is_kicker(line) {
            out.furniture.push(i);
        }
    }
    out.furniture.extend(body_end..n);
    out.segs = all;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(start: usize, title_end: usize, end: usize) -> Seg {
        Seg {
            column: 0,
            start,
            title_end,
            end,
            entry: None,
            lead: 0..0,
        }
    }

    #[test]
    fn a_banner_before_the_next_title_opens_the_next_article() {
        let lines = [
            "First interview",
            "",
            "About the guest",
            "",
            "She chairs the board.",
            "",
            "TMB - Shaping the path toward 2040",
            "",
            "Second interview",
            "",
            "Q: How did it start?",
        ];
        let mut segs = vec![seg(0, 1, 8), seg(8, 9, 11)];
        banner_to_next(&lines, &mut segs);
        assert_eq!(segs[0].end, 6);
        assert_eq!(segs[1].lead, 6..8);
        // Every line still has one owner: the first article's up to the banner, the second's
        // from it.
        let owned: usize = segs.iter().map(|s| s.end - s.start + s.lead.len()).sum();
        assert_eq!(owned, lines.len());
    }

    #[test]
    fn a_banner_inside_unfinished_text_or_an_ordinary_line_stays() {
        let mid = [
            "Title",
            "",
            "The text stops at",
            "",
            "TMB - Shaping the path toward 2040",
            "",
            "Next title",
            "",
            "Text.",
        ];
        let mut segs = vec![seg(0, 1, 6), seg(6, 7, 9)];
        banner_to_next(&mid, &mut segs);
        assert_eq!((segs[0].end, segs[1].lead.clone()), (6, 0..0));
        let plain = [
            "Title",
            "",
            "Done.",
            "",
            "Thanks to all of the team",
            "",
            "Next title",
        ];
        let mut segs = vec![seg(0, 1, 6), seg(6, 7, 7)];
        banner_to_next(&plain, &mut segs);
        assert_eq!((segs[0].end, segs[1].lead.clone()), (6, 0..0));
    }
}
