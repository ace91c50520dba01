//! An article's span of lines → an [`Article`]: title, Chinese title, subtitle and byline taken
//! from its head, the rest built into the Markdown body.

use std::collections::HashSet;

use crate::archive::Article;

use super::body;
use super::contents::{TocEntry, join_cjk};
use super::lines::{
    is_blank, is_byline, is_chinese, is_closing_credit, is_dateline, normalize, strip_markup,
};
use super::review::Review;
use super::{corrections, speakers};

/// Removes what could act on a terminal from one-line metadata (titles, bylines): controls,
/// bidi overrides, and escape sequences whole (their payload, e.g. an OSC's window title, is a
/// terminal command, not part of the title). Whitespace runs become one space.
pub fn clean_field(s: &str) -> String {
    let cleaned = crate::text::sanitize::strip(s);
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`clean_field`] of `lines` joined by `join`, each line cleaned first: an escape sequence
/// ends with its line, and never takes the start of the next (a title's first letter) as its
/// parameters.
fn clean_lines<S: AsRef<str>>(lines: &[S], join: impl Fn(&[String]) -> String) -> String {
    let cleaned: Vec<String> = lines.iter().map(|l| clean_field(l.as_ref())).collect();
    clean_field(&join(&cleaned))
}

/// [`clean_field`] for a value that is usually clean already (CONTENTS entries, column names):
/// returned as it is unless it holds something to remove.
pub fn clean_if_needed(s: &str) -> String {
    if crate::text::sanitize::has_controls(s) {
        clean_field(s)
    } else {
        s.to_string()
    }
}

pub struct Span<'a> {
    pub start: usize,
    pub title_end: usize,
    pub end: usize,
    pub entry: Option<&'a TocEntry>,
    /// The title, where a stage knows it better than the title lines say (a sidebar's
    /// `Label IV: Title`, its label and title printed apart).
    pub title: Option<&'a str>,
    /// Lines before the title that open the body (the caption of the photo printed above the
    /// title block).
    pub lead: std::ops::Range<usize>,
}

/// Builds the article for `span`, and returns the line indices it took.
pub fn assemble(
    lines: &[&str],
    span: &Span,
    skip: &HashSet<usize>,
    moves: &[(usize, usize)],
    review: &mut Review,
) -> (Article, Vec<usize>) {
    let mut used = Vec::new();
    let title_lines: Vec<&str> = (span.start..span.title_end)
        .filter(|&i| !is_blank(lines[i]) && !skip.contains(&i))
        .inspect(|&i| used.push(i))
        .map(|i| lines[i])
        .collect();
    let title_text: Vec<String> = title_lines.iter().map(|l| strip_markup(l)).collect();
    let mut title = clean_lines(&title_text, |l| l.join(" "));
    // A rule the export glued to the front of a title (`--- Title`) is not part of it.
    if title.starts_with("--") {
        title = title.trim_start_matches('-').trim_start().to_string();
    }
    if title.is_empty() {
        title = span.entry.map_or(String::new(), |e| e.title.clone());
    }
    if let Some(t) = span.title {
        title = clean_field(t);
    }
    // Where the CONTENTS page prints the same title better punctuated, or the body lost its
    // last words, the CONTENTS wording wins.
    // It is compared as it would be used, cleaned: an escape sequence in the entry can take
    // words with it, and the title must not lose them.
    if let Some(e) = span.entry {
        let wording = clean_field(&e.title);
        let (b, c) = (normalize(&title), normalize(&wording));
        let truncated = c.len() > b.len() && c.starts_with(&b) && c[b.len()..].starts_with(' ');
        if !b.is_empty() && (b == c || truncated) {
            title = wording;
        }
    }

    // The head: Chinese title, subtitle and byline lines right after the title.
    let mut zh: Vec<String> = Vec::new();
    let mut subtitle: Vec<String> = Vec::new();
    let mut byline: Vec<String> = Vec::new();
    let mut i = span.title_end.max(span.start);
    let mut head_lines = 0;
    let mut dated = false;
    while i < span.end && head_lines < 6 {
        let l = lines[i];
        if is_blank(l) || skip.contains(&i) {
            i += 1;
            continue;
        }
        let t = strip_markup(l);
        if is_byline(l) {
            byline.push(t);
        } else if !byline.is_empty() && t.starts_with('(') && closes_within(lines, i, span.end) {
            // The authors' affiliations under their names, `(CRRC …)` or a numbered list
            // `(1. …;` … `2. …)` over several lines: part of the credit, not the text.
            let mut parts = vec![t.clone()];
            let mut k = i;
            while !parts.last().is_some_and(|p| p.ends_with(')')) && parts.len() < 8 {
                let Some(next) = (k + 1..span.end).find(|&j| !is_blank(lines[j])) else {
                    break;
                };
                used.push(k);
                k = next;
                parts.push(strip_markup(lines[k]));
            }
            byline.push(parts.join(" "));
            i = k;
        } else if span.title_end > span.start
            && byline.is_empty()
            && is_chinese(l)
            && t.chars().count() < 80
        {
            zh.push(t);
        } else if span.title_end > span.start
            && byline.is_empty()
            && subtitle.is_empty()
            && is_dateline(l)
        {
            // An event notice's date and place, printed under its title.
            subtitle.push(t);
            dated = true;
        } else if span.title_end > span.start
            && byline.is_empty()
            && t.starts_with(['—', '–'])
            && t.len() < 200
        {
            subtitle.push(t.trim_start_matches(['—', '–']).trim().to_string());
        } else if byline.is_empty() && repeats_heading(&t, &title, span.entry) {
            // The title block printed again under the title (the cover interviews): its text
            // is the title and subtitle already.
        } else {
            break;
        }
        used.push(i);
        head_lines += 1;
        i += 1;
    }
    let mut body_idx: Vec<usize> = span
        .lead
        .clone()
        .chain(i..span.end)
        .filter(|j| !skip.contains(j))
        .collect();
    used.extend(&body_idx);
    if byline.is_empty() {
        let credit = interview_credit(lines, &body_idx);
        if !credit.is_empty() {
            // English first, as the other bylines read: `Interviewed by … · 采访/…`.
            let mut parts: Vec<String> = credit
                .iter()
                .map(|&k| {
                    let t = strip_markup(lines[k]);
                    t.trim_start_matches('(')
                        .trim_end_matches([')', ';', '；'])
                        .to_string()
                })
                .collect();
            parts.sort_by_key(|p| is_chinese(p));
            byline = parts;
            body_idx.retain(|k| !credit.contains(k));
        }
    }
    let mut order = speakers::arrange(lines, &body_idx, review);
    corrections::apply_moves(&mut order, moves);
    let mut body_lines: Vec<String> = order
        .into_iter()
        .map(|j| j.map_or(String::new(), |j| lines[j].to_string()))
        .collect();
    if dated {
        poster_as_caption(&mut body_lines);
    }
    let body_lines: Vec<&str> = body_lines.iter().map(String::as_str).collect();

    let mut zh = clean_lines(&zh, join_cjk);
    if zh.is_empty() {
        zh = span
            .entry
            .and_then(|e| e.title_zh.clone())
            .unwrap_or_default();
    }
    // `携手共建影响力 ——2025 ISO年度大会…` under an English title and `—` subtitle: the Chinese
    // title with its own subtitle, printed on one line. The subtitle goes beside the English one.
    let mut zh_subtitle = None;
    let has_subtitle = !subtitle.is_empty() || span.entry.is_some_and(|e| e.subtitle.is_some());
    if has_subtitle
        && let Some((t, sub)) = zh.split_once("——")
        && !t.trim().is_empty()
        && !sub.trim().is_empty()
    {
        zh_subtitle = Some(sub.trim().to_string());
        zh = t.trim().to_string();
    }
    let article = Article {
        id: String::new(),
        title,
        title_zh: (!zh.is_empty()).then_some(zh),
        subtitle: {
            let en = if subtitle.is_empty() {
                span.entry.and_then(|e| e.subtitle.clone())
            } else {
                Some(clean_lines(&subtitle, |l| l.join(" ")))
            };
            match (en, zh_subtitle) {
                (Some(en), Some(zh)) => Some(format!("{en} · {zh}")),
                (en, zh) => en.or(zh),
            }
        },
        page: span.entry.and_then(|e| e.page),
        byline: (!byline.is_empty()).then(|| clean_lines(&byline, |l| l.join(" · "))),
        listed: span.entry.is_some(),
        body: body::build(&body_lines).into(),
    };
    (article, used)
}

/// An event notice's poster, printed as text before its first paragraph (`Girls in ICT`,
/// `Save the date!`, `24 April 2025`): short lines, no sentence. They become one caption.
fn poster_as_caption(body: &mut Vec<String>) {
    let first_text = body.iter().position(|l| !is_blank(l)).unwrap_or(body.len());
    let mut end = first_text;
    let mut poster: Vec<String> = Vec::new();
    while end < body.len() {
        let block_end = (end..body.len())
            .find(|&k| is_blank(&body[k]))
            .unwrap_or(body.len());
        let block = &body[end..block_end];
        let short = block
            .iter()
            .all(|l| strip_markup(l).chars().count() <= 40 && !strip_markup(l).ends_with('.'));
        if block.is_empty() || !short {
            break;
        }
        poster.extend(block.iter().map(|l| strip_markup(l)));
        end = (block_end..body.len())
            .find(|&k| !is_blank(&body[k]))
            .unwrap_or(body.len());
    }
    // Only before some real text: a notice made of short lines alone keeps them.
    if poster.is_empty() || end >= body.len() {
        return;
    }
    let caption = format!("{}{}", crate::archive::CAPTION_MARK, poster.join(" "));
    body.splice(first_text..end, [caption, String::new()]);
}

/// Whether the parenthesis opened on line `i` closes within a few lines.
fn closes_within(lines: &[&str], i: usize, end: usize) -> bool {
    (i..end)
        .filter(|&j| !is_blank(lines[j]))
        .take(8)
        .any(|j| strip_markup(lines[j]).ends_with(')'))
}

/// Whether a head line repeats the title block: several words, all of them in the title or
/// the CONTENTS entry's title and subtitle, in order.
fn repeats_heading(line: &str, title: &str, entry: Option<&TocEntry>) -> bool {
    let n = normalize(line);
    if n.split_whitespace().count() < 2 {
        return false;
    }
    let mut heading = normalize(title);
    if let Some(e) = entry {
        for part in [Some(&e.title), e.subtitle.as_ref()].into_iter().flatten() {
            heading.push(' ');
            heading.push_str(&normalize(part));
        }
    }
    format!(" {heading} ").contains(&format!(" {n} "))
}

/// An interview's credit left in its body (`采访/方洛凡` and `(Interviewed by Fang Luofan)`,
/// usually before the "About …" box), or a translator's credit ending it: the lines, when the
/// article has no byline.
fn interview_credit(lines: &[&str], body: &[usize]) -> Vec<usize> {
    let is_credit = |k: usize| {
        let t = strip_markup(lines[k]);
        let t = t.trim_start_matches('(');
        t.starts_with("采访/") || t.to_lowercase().starts_with("interviewed by")
    };
    // A translator's credit closing a piece that has no byline is its byline too.
    let is_end_credit = |k: usize| {
        let t = strip_markup(lines[k]);
        let lower = t.trim_start_matches('(').to_lowercase();
        let source = lower.starts_with("source:");
        (is_closing_credit(lines[k]) && !source)
            || (t.starts_with('(') && lower.contains("edited and translated by"))
            || lower.starts_with("edited and translated by")
    };
    let text: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&k| !is_blank(lines[k]))
        .collect();
    if let [.., a, b] = text.as_slice()
        && is_end_credit(*a)
        && is_end_credit(*b)
    {
        return vec![*a, *b];
    }
    if let [.., a] = text.as_slice()
        && is_end_credit(*a)
    {
        return vec![*a];
    }
    let Some(pos) = body.iter().position(|&k| is_credit(k)) else {
        return Vec::new();
    };
    let mut out = vec![body[pos]];
    if let Some(&next) = body[pos + 1..].iter().find(|&&k| !is_blank(lines[k]))
        && is_credit(next)
    {
        out.push(next);
    }
    out
}

/// A slug for an id: lowercase ASCII words joined by `-`, at most about 60 characters.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// Makes `base` unique among `taken` by adding `-2`, `-3`, ….
pub fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "article" } else { base };
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The article whose title is the first of `lines` and which runs to their end.
    fn assembled(lines: &[&str]) -> (Article, Vec<usize>) {
        let span = Span {
            start: 0,
            title_end: 1,
            end: lines.len(),
            entry: None,
            title: None,
            lead: 0..0,
        };
        assemble(lines, &span, &HashSet::new(), &[], &mut Review::default())
    }

    #[test]
    fn lead_lines_open_the_body_as_a_caption() {
        let lines = [
            "TMB - Shaping the path toward 2040",
            "",
            "Second interview",
            "",
            "Q: How did it start?",
        ];
        let span = Span {
            start: 2,
            title_end: 3,
            end: lines.len(),
            entry: None,
            title: None,
            lead: 0..2,
        };
        let (a, used) = assemble(&lines, &span, &HashSet::new(), &[], &mut Review::default());
        assert_eq!(a.title, "Second interview");
        assert_eq!(
            a.body.as_str(),
            "[Caption] TMB - Shaping the path toward 2040\n\nQ: How did it start?"
        );
        assert!(used.contains(&0));
    }

    #[test]
    fn head_lines_become_fields() {
        let lines = [
            "# An overview of the Two Sessions 2024",
            "",
            "## 2024年全国两会概览",
            "",
            "By Jin Jili  ",
            "文/靳吉丽",
            "",
            "The annual Two Sessions were held.",
        ];
        let (a, used) = assembled(&lines);
        assert_eq!(a.title, "An overview of the Two Sessions 2024");
        assert_eq!(a.title_zh.as_deref(), Some("2024年全国两会概览"));
        assert_eq!(a.byline.as_deref(), Some("By Jin Jili · 文/靳吉丽"));
        assert_eq!(a.body, "The annual Two Sessions were held.");
        assert_eq!(used.len(), 5);
    }

    #[test]
    fn affiliations_under_the_byline_join_it() {
        let lines = [
            "# A study of standards",
            "",
            "By Wang Min¹, Li Xiawei^{2*}",
            "",
            "(1. First Institute;",
            "",
            "2. Second Institute)",
            "",
            "Abstract: A study.",
        ];
        let (a, _) = assembled(&lines);
        assert_eq!(
            a.byline.as_deref(),
            Some("By Wang Min¹, Li Xiawei²* · (1. First Institute; 2. Second Institute)")
        );
        assert_eq!(a.body, "**Abstract:** A study.");
    }

    #[test]
    fn control_characters_stay_out_of_fields() {
        assert_eq!(
            clean_field("Title\u{1b}]0;pwned\u{7} here\u{202e}"),
            "Title here"
        );
        assert_eq!(clean_if_needed("Tab\there"), "Tab here");
        assert_eq!(clean_if_needed(" kept  as is "), " kept  as is ");
    }

    #[test]
    fn an_escape_sequence_ends_with_its_line() {
        // Joined first, the 8-bit CSI would take the space and `N` as its parameters.
        assert_eq!(clean_field("Title \u{9b} NO.3"), "Title O.3");
        assert_eq!(
            clean_lines(&["Title \u{9b}", "NO.3"], |l| l.join(" ")),
            "Title NO.3"
        );
        assert_eq!(
            clean_lines(&["By A \u{9b}", "B"], |l| l.join(" · ")),
            "By A · B"
        );
    }

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(slugify("6G Global Summit"), "6g-global-summit");
        let mut taken = HashSet::new();
        assert_eq!(unique_id("a", &mut taken), "a");
        assert_eq!(unique_id("a", &mut taken), "a-2");
        assert_eq!(unique_id("", &mut taken), "article");
    }
}
