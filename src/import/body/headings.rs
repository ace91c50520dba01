//! Headings: recovered where the export printed them as plain lines, made of what decoration
//! frames (a pull quote, a panel number), and given consistent levels.

use super::*;

/// `3.3` of `3.3 Differential gene expression`: a numbered section title's depth (1 for `1.`).
pub(super) fn section_number(line: &str) -> Option<usize> {
    static NUMBERED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\p{Lu}").unwrap()
    });
    let t = strip_markup(line);
    let c = NUMBERED.captures(&t)?;
    let words = t.split_whitespace().count();
    (words <= 16 && !ends_sentence(&t) && t.len() <= 160).then(|| c[1].split('.').count())
}

/// `2.3 Statistical analysis:`: a numbered section title set as a run-in head, its colon
/// leading into text the layout put below it. Its depth, and its title without the colon: on
/// a line of its own the colon leads into nothing, and the numbered siblings have none.
/// (Short, so that a numbered sentence introducing a list is not taken for one.)
pub(super) fn run_in_section(line: &str) -> Option<(usize, String)> {
    let t = strip_markup(line);
    let title = t.strip_suffix([':', '：'])?.trim_end();
    let words = title.split_whitespace().count();
    let depth = section_number(title)?;
    (words <= 10).then(|| (depth, title.to_string()))
}

/// Headings an export without Markdown prints as plain lines, with a level consistent within
/// the article: numbered section titles by their depth (`1.` → `##`, `1.1` → `###`), and,
/// in an article that has such titles, a numbered run-in head over a paragraph; the closing
/// sections (`References`, `About the authors`); and a short line with no sentence end
/// between finished text (or a numbered title) and a paragraph, whole or cut by a page break
/// (one level below numbered sections, if any).
pub(super) fn recovered_heading(
    line: &str,
    prev: Option<&Block>,
    next: &[Block],
    numbered: bool,
) -> Option<String> {
    let t = strip_markup(line);
    let hashes = |n: usize| "#".repeat(n.clamp(2, 4));
    // A paragraph, or its first half before a page break (it is joined again later).
    let next_is_text = match next {
        [b @ Block::Text(n), rest @ ..] => {
            is_paragraph(&n[0])
                || is_open_sentence(b) && rest.first().is_some_and(|after| continues(b, after))
        }
        _ => false,
    };
    let next = next.first();
    if let Some(depth) = section_number(line)
        && next.is_some()
    {
        return Some(format!("{} {t}", hashes(depth + 1)));
    }
    // Over a list the colon introduces the list: a sentence, not a title.
    let next_is_list = matches!(next, Some(Block::Text(n))
        if n[0].trim_start().starts_with(['-', '*', '>', '|']) || bullet_text(&n[0]).is_some());
    if numbered
        && next_is_text
        && !next_is_list
        && let Some((depth, title)) = run_in_section(line)
    {
        return Some(format!("{} {title}", hashes(depth + 1)));
    }
    let lower = t.to_lowercase();
    if lower == "references"
        || lower.starts_with("about the author")
        || lower.starts_with("about mr")
        || lower.starts_with("about ms")
        || lower.starts_with("about dr")
    {
        return Some(format!("## {t}"));
    }
    let after_text = match prev {
        None => true,
        Some(Block::Table(_)) => true,
        Some(Block::Text(p)) => {
            let last = p.last().map(String::as_str).unwrap_or("");
            ends_sentence(last)
                || heading_level(last).is_some()
                || p.len() == 1 && section_number(last).is_some()
        }
    };
    // A line wholly in italics is the title of a work (a standard, a book), not a heading.
    let raw = line.trim();
    let italic = raw.len() > 2
        && raw.starts_with('*')
        && !raw.starts_with("**")
        && raw.ends_with('*')
        && !raw.ends_with("**");
    let words = t.split_whitespace().count();
    let shaped = !italic
        && (2..=15).contains(&words)
        && t.len() <= 120
        && t.starts_with(|c: char| c.is_uppercase())
        && !ends_sentence(&t)
        && !t.ends_with(',')
        && !is_caption_label(&t)
        && !t.starts_with(['-', '|', '>', '['])
        && !t.chars().any(|c| c == '\t');
    (shaped && next_is_text && after_text)
        .then(|| format!("{} {t}", if numbered { hashes(3) } else { hashes(2) }))
}

/// `Abstract: …`, `Keywords: …`: a paper's labelled lead-ins, the label in bold.
pub(super) fn lead_in(line: &str) -> String {
    for label in ["Abstract:", "Keywords:", "Key words:"] {
        if let Some(rest) = line.strip_prefix(label) {
            return format!("**{label}**{rest}");
        }
    }
    line.to_string()
}

/// `01` … `10`: an infographic's panel numbers, which the export prints as paragraphs or
/// headings of their own, before or after their panel's heading. Each joins the heading it
/// numbers (the next block if that is a heading, else the one before), and the numbered
/// headings share one level, under the heading that holds them.
pub(super) fn panel_numbers(bs: &mut Vec<Block>, gaps: &mut Vec<usize>) {
    static NUMBER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^(?:#+\s*)?(\d{2})$").unwrap());
    static NUMBERED: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^(#+)\s*\d{2}\s+\S").unwrap());
    let heading = |b: &Block| match b {
        Block::Text(l) if l.len() == 1 => heading_level(&l[0]),
        _ => None,
    };
    let number = |b: &Block| match b {
        Block::Text(l) if l.len() == 1 => NUMBER.captures(l[0].trim()).map(|c| c[1].to_string()),
        _ => None,
    };
    let mut k = 0;
    while k < bs.len() {
        let Some(n) = number(&bs[k]) else {
            k += 1;
            continue;
        };
        let next_heading = bs.get(k + 1).is_some_and(|b| heading(b).is_some());
        let prev_heading = k > 0 && heading(&bs[k - 1]).is_some();
        let target = if next_heading {
            k + 1
        } else if prev_heading {
            k - 1
        } else {
            k += 1;
            continue;
        };
        if let Block::Text(l) = &mut bs[target] {
            let t = l[0].trim_start_matches('#').trim().to_string();
            let level = heading_level(&l[0]).unwrap_or(2);
            l[0] = format!("{} {n} {t}", "#".repeat(level));
        }
        bs.remove(k);
        gaps.remove(k);
    }
    // One level for the series: one below the heading before its first member.
    let members: Vec<usize> = (0..bs.len())
        .filter(|&k| matches!(&bs[k], Block::Text(l) if l.len() == 1 && NUMBERED.is_match(&l[0])))
        .collect();
    if members.len() < 3 {
        return;
    }
    let above = (0..members[0])
        .rev()
        .find_map(|k| heading(&bs[k]))
        .unwrap_or(1);
    for k in members {
        if let Block::Text(l) = &mut bs[k] {
            let t = l[0].trim_start_matches('#').trim().to_string();
            l[0] = format!("{} {t}", "#".repeat((above + 1).min(6)));
        }
    }
}

/// Headings written as sentences (`Standards drove high-level opening up more orderly.`) under
/// one section heading in capitals are siblings; the export gave them `##` or `###` at random.
/// They take the level of the first of them.
pub(super) fn sentence_headings_level(parts: &mut [String]) {
    let mut level: Option<usize> = None;
    for p in parts.iter_mut() {
        let Some(l) = heading_level(p) else {
            continue;
        };
        let text = p[l..].trim().to_string();
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) {
            // A new section in capitals: a new run of siblings.
            level = None;
            continue;
        }
        if !text.trim_end_matches("**").ends_with('.') {
            continue;
        }
        match level {
            None => level = Some(l),
            Some(want) if want != l => *p = format!("{} {text}", "#".repeat(want)),
            Some(_) => {}
        }
    }
}

/// A pull quote's marks, `“` and `”` on lines of their own.
pub(super) fn is_quote_mark(line: &str) -> bool {
    matches!(line.trim(), "“" | "”" | "\"")
}

/// `“` / a line / `”`: a pull quote framing the heading of what follows; the heading it is.
pub(super) fn pull_quote_heading(l: &[String]) -> Option<String> {
    let inner: Vec<&String> = l.iter().filter(|x| !is_quote_mark(x)).collect();
    let framed = l.len() > inner.len() && !inner.is_empty() && inner.len() <= 3;
    let text = inner
        .iter()
        .map(|x| x.trim_end_matches(HARD_BREAK).trim())
        .collect::<Vec<_>>()
        .join(" ");
    (framed && text.len() <= 160 && !ends_sentence(&text) && heading_level(&text).is_none())
        .then(|| format!("## {text}"))
}

/// `I On e-waste`: a `■` the export read as the letter I, in an article whose other headings
/// keep their `■`.
pub(super) fn misread_square(line: &str) -> Option<String> {
    let t = line.trim_start_matches('#').trim_start();
    let rest = t.strip_prefix("I ")?;
    let short = rest.split_whitespace().count() <= 8 && !ends_sentence(rest);
    (short && rest.starts_with(char::is_uppercase)).then(|| line.replacen("I ", "", 1))
}

/// Glyphs a layout sets before a list item or a run-in sub-head. (`■` marks this magazine's
/// section titles and has rules of its own; `-` and `*` are Markdown's list items.)
const BULLETS: &[char] = &[
    '•', '●', '○', '◦', '▪', '▫', '◼', '◾', '◆', '◇', '▸', '►', '‣', '⁃', '∙',
];

/// The text after a bullet glyph that opens a one-line part, if it opens with one.
pub(super) fn bullet_text(part: &str) -> Option<&str> {
    let t = part.trim();
    let rest = t.strip_prefix(BULLETS)?.trim_start();
    (!t.contains('\n') && !rest.is_empty()).then_some(rest)
}

/// `• Estimating the validity period` over a paragraph: a run-in sub-head the layout marked
/// with a bullet. A short line after a bullet glyph, with no sentence end, neither after nor
/// before another bulleted line, and followed by a paragraph of running text, is a heading one
/// level below the section heading it falls under (`##` under none), without its glyph. A
/// list keeps its bullets: its items stand one after another, or are sentences.
pub(super) fn bullet_headings(parts: &mut [String]) {
    let mut section: Option<usize> = None;
    let mut made = vec![false; parts.len()];
    for k in 0..parts.len() {
        if let Some(level) = heading_level(&parts[k]) {
            if !made[k] {
                section = Some(level);
            }
            continue;
        }
        let Some(text) = bullet_text(&parts[k]) else {
            continue;
        };
        let text = text
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
            .filter(|t| !t.contains("**"))
            .unwrap_or(text)
            .trim()
            .to_string();
        let words = text.split_whitespace().count();
        let shaped = (1..=12).contains(&words)
            && text.len() <= 100
            && text.starts_with(char::is_uppercase)
            && !ends_sentence(&text)
            && !text.ends_with([',', '，']);
        let in_list = k > 0 && bullet_text(&parts[k - 1]).is_some();
        let over_text = parts.get(k + 1).is_some_and(|n| {
            heading_level(n).is_none()
                && bullet_text(n).is_none()
                && !n.starts_with(CAPTION_MARK)
                && !n.trim_start().starts_with(['-', '*', '>', '|'])
                && is_paragraph(n)
        });
        if shaped && !in_list && over_text {
            let level = section.map_or(2, |l| l + 1).clamp(2, 6);
            parts[k] = format!("{} {text}", "#".repeat(level));
            made[k] = true;
        }
    }
}
