//! An article's raw lines → its Markdown body: paragraphs split by page furniture are joined
//! again (the furniture kept as captions after them), tab-separated lines become tables, and
//! figure/table labels become captions.

use crate::archive::CAPTION_MARK;

use super::inline::{normal_form, stray_bold};

use super::lines::{
    ends_sentence, heading_level, is_blank, is_chinese, is_image_description, is_paragraph,
    is_rule, strip_markup,
};

/// A block of the body: consecutive non-blank lines.
#[derive(Debug, Clone)]
enum Block {
    Text(Vec<String>),
    Table(Vec<Vec<String>>),
}

/// Marks, while blocks are built, a line that ends with a hard break; [`joined_lines`] writes it.
const HARD_BREAK: char = '\u{0}';

/// A block's lines as one Markdown paragraph: a hard break (from the export, or after each line
/// of a speaker's box) as a backslash at the end of the line, none after the last line.
fn joined_lines(l: &[String]) -> String {
    let bare: Vec<&str> = l.iter().map(|x| x.trim_end_matches(HARD_BREAK)).collect();
    let boxed = super::speakers::is_box(&bare);
    let mut out = String::new();
    for (k, line) in bare.iter().enumerate() {
        // A box's name printed as a heading (`## Ms. Yu Xinli`) is a name, in bold: as a
        // heading it would rank with the article's sections.
        if boxed && k == 0 && heading_level(line).is_some() {
            out.push_str(&format!("**{}**", strip_markup(line)));
        } else {
            out.push_str(line);
        }
        if k + 1 < bare.len() {
            if boxed || l[k].ends_with(HARD_BREAK) {
                out.push('\\');
            }
            out.push('\n');
        }
    }
    out
}

/// The blocks of `lines`, each with the number of blank lines before it (an image the export
/// left out shows as a run of them).
fn blocks(lines: &[&str]) -> (Vec<Block>, Vec<usize>) {
    let mut out: Vec<Block> = Vec::new();
    let mut gaps: Vec<usize> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut blank_run = 0;
    let mut gap = 0;
    let mut flush = |mut b: Block, gap: usize, out: &mut Vec<Block>| {
        // A break after a block's last line breaks nothing.
        if let Block::Text(l) = &mut b
            && let Some(last) = l.last_mut()
        {
            *last = last.trim_end_matches(HARD_BREAK).to_string();
        }
        out.push(b);
        gaps.push(gap);
    };
    for raw in lines {
        let line = raw.trim_end_matches([' ', '\r']);
        // A group row (`ajcc_pathologic_t:` and empty cells) is a row of the table it heads.
        if line.contains('\t') && !is_blank(line) {
            if !cur.is_empty() {
                flush(Block::Text(std::mem::take(&mut cur)), gap, &mut out);
            }
            if table.is_empty() {
                gap = blank_run;
            }
            blank_run = 0;
            let cells: Vec<String> = line
                .split('\t')
                .map(|c| normal_form(c.trim(), true).replace('|', "\\|"))
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                table.push(cells);
            }
            continue;
        }
        if !table.is_empty() {
            flush(Block::Table(std::mem::take(&mut table)), gap, &mut out);
        }
        if is_blank(line) {
            if !cur.is_empty() {
                flush(Block::Text(std::mem::take(&mut cur)), gap, &mut out);
            }
            blank_run += 1;
        } else {
            if cur.is_empty() {
                gap = blank_run;
            }
            blank_run = 0;
            // A hard line break in the export (two trailing spaces or a backslash) is kept, in
            // the archive's form: a backslash at the end of the line.
            let hard = raw.ends_with("  ") || raw.trim_end().ends_with('\\');
            let mut text = normal_form(line.trim_end_matches('\\').trim_end(), false);
            if hard {
                text.push(HARD_BREAK);
            }
            cur.push(text);
        }
    }
    if !cur.is_empty() {
        flush(Block::Text(cur), gap, &mut out);
    }
    if !table.is_empty() {
        flush(Block::Table(table), gap, &mut out);
    }
    (out, gaps)
}

/// A photo's caption left standing alone after the gap of its image: one short sentence in
/// the present tense about someone (`Jo Cops visits Kenya to …`), or a poster's line of text
/// (`SMB - Envisioning …`).
fn is_photo_caption(text: &str, gap: usize) -> bool {
    static POSTER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^[A-Z]{2,6} [-–] [A-Z]").unwrap());
    let t = strip_markup(text);
    if POSTER.is_match(&t) && !ends_sentence(&t) && t.len() < 100 {
        return true;
    }
    // The caption of a QR code that did not survive the export.
    if t.trim_end_matches(':')
        .eq_ignore_ascii_case("for more information")
    {
        return true;
    }
    let sentences = t.matches(['.', '!', '?']).count();
    let words: Vec<&str> = t.split_whitespace().collect();
    let name_then_verb = words
        .iter()
        .take(5)
        .position(|w| w.len() > 3 && w.ends_with('s') && w.chars().all(|c| c.is_ascii_lowercase()));
    gap >= 2
        && t.len() < 200
        && sentences == 1
        && t.ends_with('.')
        && name_then_verb
            .is_some_and(|k| k >= 2 && words[..k].iter().all(|w| w.starts_with(char::is_uppercase)))
}

fn is_caption_label(text: &str) -> bool {
    let t = strip_markup(text);
    let lower = t.to_lowercase();
    t.len() < 300
        && (lower.starts_with("figure ")
            || lower.starts_with("fig.")
            || lower.starts_with("photo")
            || lower.starts_with("table ") && t.contains(':')
            || t.starts_with('图') && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

/// A text block that could be the first half of a sentence broken by furniture.
fn is_open_sentence(b: &Block) -> bool {
    match b {
        Block::Text(l) => {
            let last = l.last().map(String::as_str).unwrap_or("");
            l.len() == 1
                && heading_level(last).is_none()
                && !last.trim_start().starts_with(['-', '|', '>'])
                && !last.trim_start().starts_with("* ")
                && !is_rule(last)
                && !is_chinese(last)
                && !is_caption_label(last)
                && last.split_whitespace().count() >= 4
                && !ends_sentence(last)
        }
        Block::Table(_) => false,
    }
}

/// Words a sentence cannot end on: a paragraph ending in one was cut by the layout.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "from", "as",
    "that", "which", "through", "into", "than", "its", "their", "is", "are", "was", "were", "be",
    "been", "has", "have", "had",
];

/// The last word of a text block.
fn last_word(b: &Block) -> String {
    match b {
        Block::Text(l) => l
            .last()
            .and_then(|x| x.split_whitespace().last())
            .unwrap_or("")
            .trim_matches('*')
            .to_lowercase(),
        Block::Table(_) => String::new(),
    }
}

/// `…while UIC 615-` ‖ `4-2003 requires …`: an identifier broken at its hyphen.
fn ends_in_hyphen(b: &Block) -> bool {
    let w = last_word(b);
    w.len() >= 2 && w.ends_with('-') && w[..w.len() - 1].ends_with(|c: char| c.is_alphanumeric())
}

/// A text block that continues the sentence `open` left unfinished: it starts with a
/// lower-case letter, or, after a function word or a hyphen, with anything that is not a
/// heading, a list, a quote or a caption.
fn continues(open: &Block, b: &Block) -> bool {
    match b {
        Block::Text(l) => l.first().is_some_and(|f| {
            let t = f.trim_start();
            // A web or mail address is not the rest of a sentence.
            let first = t.split_whitespace().next().unwrap_or("");
            let address = first.trim_end_matches(['.', ',']).contains(['.', '@', '/']);
            let Some(c) = t.chars().next() else {
                return false;
            };
            // `e.g., Q30: …` under a table is a note on it, not the rest of a sentence.
            if t.starts_with("e.g.") || t.starts_with("i.e.") {
                return false;
            }
            let cut = FUNCTION_WORDS.contains(&last_word(open).as_str())
                || (ends_in_hyphen(open) && (c.is_ascii_digit() || c.is_lowercase()));
            heading_level(t).is_none()
                && !address
                && (c.is_lowercase()
                    || (cut
                        && c.is_alphanumeric()
                        && !is_caption_label(t)
                        && !t.starts_with(['-', '*', '|', '>'])))
        }),
        Block::Table(_) => false,
    }
}

/// Words that open a paragraph of their own (`In the realm of …`, `Firstly, …`).
const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "as",
    "with",
    "for",
    "by",
    "regarding",
    "firstly",
    "secondly",
    "thirdly",
    "finally",
    "first,",
    "second,",
    "third,",
    "moreover,",
    "however,",
    "meanwhile,",
    "the",
    "this",
    "these",
    "it",
    "we",
    "our",
    "china",
    "to",
];

/// A whole paragraph that stops without a full stop, and a whole paragraph after it that opens
/// with a capitalised word that is no paragraph's usual opener: one paragraph cut by a page
/// break (`… from the three BRI` ‖ `International Cooperation Summit Forums have …`).
fn runs_on(open: &Block, next: &str) -> bool {
    let Block::Text(l) = open else {
        return false;
    };
    let last = l.last().map(String::as_str).unwrap_or("");
    let first_word = next.split_whitespace().next().unwrap_or("").to_lowercase();
    last.len() > 150
        && next.len() > 150
        && !ends_sentence(last)
        && heading_level(next).is_none()
        && next.starts_with(char::is_uppercase)
        && !OPENERS.contains(&first_word.as_str())
}

/// Blocks that can fall into a sentence: captions and labels, a one-sentence photo caption,
/// a table.
fn is_furniture(b: &Block) -> bool {
    match b {
        Block::Text(l) => {
            l.iter().all(|x| x.trim().len() < 200 && !ends_sentence(x))
                || (l.len() == 1 && (is_caption_label(&l[0]) || l[0].trim().len() < 300))
        }
        Block::Table(_) => true,
    }
}

fn caption(lines: &[String]) -> String {
    let text = lines
        .iter()
        .map(|l| l.trim_end_matches(HARD_BREAK).trim())
        .collect::<Vec<_>>()
        .join(" ");
    format!("{CAPTION_MARK}{text}")
}

/// Whether a table's first row is its header: labels over columns whose other rows are mostly
/// figures. A grid of names (award winners, partners) has no header, and the export marks none.
fn has_header(rows: &[Vec<String>]) -> bool {
    let numeric = |c: &str| {
        let c = c.trim();
        !c.is_empty()
            && c.chars().filter(|ch| ch.is_ascii_digit()).count() * 2
                > c.chars().filter(|ch| !ch.is_whitespace()).count()
    };
    let Some((first, rest)) = rows.split_first() else {
        return false;
    };
    if rest.is_empty() || first.iter().filter(|c| numeric(c)).count() * 2 >= first.len() {
        return false;
    }
    // Columns the first row labels whose cells below are figures in most rows.
    let figures = (0..first.len())
        .filter(|&c| !first[c].trim().is_empty())
        .filter(|&c| {
            let below: Vec<&String> = rest.iter().filter_map(|r| r.get(c)).collect();
            let n = below.iter().filter(|x| numeric(x)).count();
            !below.is_empty() && n * 2 > below.len()
        })
        .count();
    figures >= 1
}

/// A table in Markdown. A table without a header gets an empty one, which the reader draws as
/// no header at all (GitHub tables must have a header row).
fn table_markdown(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = String::new();
    let header = has_header(rows);
    let row_line = |row: Option<&Vec<String>>, out: &mut String| {
        out.push('|');
        for c in 0..cols {
            let cell = row.and_then(|r| r.get(c)).map(String::as_str).unwrap_or("");
            out.push(' ');
            out.push_str(cell);
            out.push_str(" |");
        }
        out.push('\n');
    };
    let rule = |out: &mut String| {
        out.push('|');
        for _ in 0..cols {
            out.push_str(" --- |");
        }
        out.push('\n');
    };
    if !header {
        row_line(None, &mut out);
        rule(&mut out);
    }
    for (i, row) in rows.iter().enumerate() {
        row_line(Some(row), &mut out);
        if i == 0 && header {
            rule(&mut out);
        }
    }
    out.pop();
    out
}

/// `3.3` of `3.3 Differential gene expression`: a numbered section title's depth (1 for `1.`).
fn section_number(line: &str) -> Option<usize> {
    static NUMBERED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\p{Lu}").unwrap()
    });
    let t = strip_markup(line);
    let c = NUMBERED.captures(&t)?;
    let words = t.split_whitespace().count();
    (words <= 16 && !ends_sentence(&t) && t.len() <= 160).then(|| c[1].split('.').count())
}

/// Headings an export without Markdown prints as plain lines, with a level consistent within
/// the article: numbered section titles by their depth (`1.` → `##`, `1.1` → `###`); the
/// closing sections (`References`, `About the authors`); and a short line with no sentence end
/// between finished text and a paragraph (one level below numbered sections, if any).
fn recovered_heading(
    line: &str,
    prev: Option<&Block>,
    next: Option<&Block>,
    numbered: bool,
) -> Option<String> {
    let t = strip_markup(line);
    let hashes = |n: usize| "#".repeat(n.clamp(2, 4));
    let next_is_text = matches!(next, Some(Block::Text(n)) if is_paragraph(&n[0]));
    if let Some(depth) = section_number(line)
        && next.is_some()
    {
        return Some(format!("{} {t}", hashes(depth + 1)));
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
                || p.len() > 1 && ends_sentence(last)
        }
    };
    let words = t.split_whitespace().count();
    let shaped = (2..=15).contains(&words)
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
fn lead_in(line: &str) -> String {
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
fn panel_numbers(bs: &mut Vec<Block>, gaps: &mut Vec<usize>) {
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
fn sentence_headings_level(parts: &mut [String]) {
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
fn is_quote_mark(line: &str) -> bool {
    matches!(line.trim(), "“" | "”" | "\"")
}

/// `“` / a line / `”`: a pull quote framing the heading of what follows; the heading it is.
fn pull_quote_heading(l: &[String]) -> Option<String> {
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
fn misread_square(line: &str) -> Option<String> {
    let t = line.trim_start_matches('#').trim_start();
    let rest = t.strip_prefix("I ")?;
    let short = rest.split_whitespace().count() <= 8 && !ends_sentence(rest);
    (short && rest.starts_with(char::is_uppercase)).then(|| line.replacen("I ", "", 1))
}

/// Builds the Markdown body from an article's lines (title and byline already taken out).
pub fn build(lines: &[&str]) -> String {
    let squares = lines.iter().any(|l| l.contains('■'));
    // An export without Markdown headings prints them as plain lines: recovered here.
    let plain = !lines.iter().any(|l| heading_level(l).is_some());
    let (mut bs, mut gaps) = blocks(lines);
    panel_numbers(&mut bs, &mut gaps);
    let numbered = plain
        && bs.iter().any(
            |b| matches!(b, Block::Text(l) if l.len() == 1 && section_number(&l[0]).is_some()),
        );
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bs.len() {
        // A sentence broken by furniture: join its halves, keep the furniture as captions.
        if is_open_sentence(&bs[i]) {
            let mut j = i + 1;
            let runs_on_into = |j: usize| {
                j == i + 1 && matches!(&bs[j], Block::Text(l) if runs_on(&bs[i], l[0].trim_start()))
            };
            // A table can carry notes after it (`Notes:`, `Term: definition`, `e.g., …`).
            let reach = if matches!(bs.get(i + 1), Some(Block::Table(_))) {
                16
            } else {
                4
            };
            while j < bs.len()
                && j - i <= reach
                && is_furniture(&bs[j])
                && !continues(&bs[i], &bs[j])
                && !runs_on_into(j)
            {
                j += 1;
            }
            // A nearer open sentence in between is the one the continuation finishes.
            // (A table's note `Term: definition` finishes nothing.)
            let note =
                |b: &Block| matches!(b, Block::Text(l) if l[0].find(": ").is_some_and(|k| k < 40));
            let nearer = bs[i + 1..j].iter().any(|b| is_open_sentence(b) && !note(b));
            // A paragraph running on into the next with a capital only when nothing came
            // between them.
            let next_ok = j < bs.len() && (continues(&bs[i], &bs[j]) || runs_on_into(j));
            if next_ok && !nearer {
                let (Block::Text(a), Block::Text(b)) = (&bs[i], &bs[j]) else {
                    unreachable!("checked above")
                };
                let mut joined = joined_lines(a);
                let digit_next = b[0].trim_start().starts_with(|c: char| c.is_ascii_digit());
                if !(ends_in_hyphen(&bs[i]) && digit_next) {
                    joined.push(' ');
                }
                joined.push_str(joined_lines(b).trim_start());
                parts.push(joined);
                for furniture in &bs[i + 1..j] {
                    match furniture {
                        Block::Text(l) => parts.push(caption(l)),
                        Block::Table(rows) => parts.push(table_markdown(rows)),
                    }
                }
                i = j + 1;
                continue;
            }
        }
        match &bs[i] {
            Block::Table(rows) => parts.push(table_markdown(rows)),
            Block::Text(l) if l.len() == 1 && is_caption_label(&l[0]) => parts.push(caption(l)),
            Block::Text(l)
                if l.len() == 1
                    && (is_photo_caption(&l[0], gaps[i]) || is_image_description(&l[0])) =>
            {
                parts.push(caption(l))
            }
            // `“` ‖ a line ‖ `”`, each a block of its own: the framed line is a heading.
            Block::Text(l)
                if l.iter().all(|x| is_quote_mark(x))
                    && matches!(bs.get(i + 2), Some(Block::Text(c)) if c.iter().all(|x| is_quote_mark(x)))
                    && matches!(bs.get(i + 1), Some(Block::Text(m)) if pull_quote_heading(
                        &[l.clone(), m.clone()].concat()).is_some()) =>
            {
                if let Some(Block::Text(m)) = bs.get(i + 1) {
                    parts.extend(pull_quote_heading(&[l.clone(), m.clone()].concat()));
                }
                i += 3;
                continue;
            }
            Block::Text(l) if l.iter().all(|x| is_quote_mark(x)) => {}
            Block::Text(l) if pull_quote_heading(l).is_some() => {
                parts.extend(pull_quote_heading(l));
            }
            Block::Text(l) if squares && l.len() == 1 && misread_square(&l[0]).is_some() => {
                parts.extend(misread_square(&l[0]));
            }
            Block::Text(l) if plain && l.len() == 1 => {
                let prev = i.checked_sub(1).and_then(|k| bs.get(k));
                match recovered_heading(&l[0], prev, bs.get(i + 1), numbered) {
                    Some(h) => parts.push(h),
                    None => parts.push(stray_bold(&lead_in(&l[0]))),
                }
            }
            Block::Text(l) => parts.push(stray_bold(&joined_lines(l))),
        }
        i += 1;
    }
    // A rule before or after an item separates it from its neighbours; it is not its text.
    while parts.last().is_some_and(|p| is_rule(p)) {
        parts.pop();
    }
    while parts.first().is_some_and(|p| is_rule(p)) {
        parts.remove(0);
    }
    sentence_headings_level(&mut parts);
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_broken_by_a_caption_is_joined() {
        let lines = [
            "As indicated in the Figure 1, the national standards development in 2023",
            "",
            " ",
            "",
            "Figure 1: Focus areas of standards published by Mongolia in 2023",
            "",
            "centers around areas such as energy.",
        ];
        let md = build(&lines);
        assert_eq!(
            md,
            "As indicated in the Figure 1, the national standards development in 2023 centers around areas such as energy.\n\n[Caption] Figure 1: Focus areas of standards published by Mongolia in 2023"
        );
    }

    #[test]
    fn the_nearest_open_sentence_is_the_one_continued() {
        let lines = [
            "*Requirements of restricting excessive package—Foods and cosmetics*",
            "",
            "The mandatory national standard of China",
            "",
            "has been implemented since August 15, 2023.",
        ];
        assert_eq!(
            build(&lines),
            "*Requirements of restricting excessive package—Foods and cosmetics*\n\nThe mandatory national standard of China has been implemented since August 15, 2023."
        );
    }

    #[test]
    fn a_bold_lead_in_can_be_continued() {
        let lines = [
            "**Thirdly, the service** industry had 308 new national",
            "",
            "standards released.",
        ];
        assert_eq!(
            build(&lines),
            "**Thirdly, the service** industry had 308 new national standards released."
        );
    }

    #[test]
    fn finished_paragraphs_stay_apart() {
        let lines = ["First paragraph ends.", "", "second starts lower case."];
        assert_eq!(
            build(&lines),
            "First paragraph ends.\n\nsecond starts lower case."
        );
    }

    #[test]
    fn tab_lines_become_a_table() {
        let lines = ["Name\tValue", "a|b\t1", "", "After."];
        assert_eq!(
            build(&lines),
            "| Name | Value |\n| --- | --- |\n| a\\|b | 1 |\n\nAfter."
        );
    }

    #[test]
    fn cuts_after_a_function_word_a_hyphen_or_across_a_table_are_joined() {
        assert_eq!(
            build(&[
                "It was founded by SAC together with",
                "",
                "Guangxi Zhuang autonomous region."
            ]),
            "It was founded by SAC together with Guangxi Zhuang autonomous region."
        );
        assert_eq!(
            build(&[
                "The rule set out in UIC 615-",
                "",
                "4-2003 requires static strength."
            ]),
            "The rule set out in UIC 615-4-2003 requires static strength."
        );
        assert_eq!(
            build(&[
                "Patients with later stages had higher",
                "",
                "A\tB",
                "1\t2",
                "",
                "mortality rates."
            ]),
            "Patients with later stages had higher mortality rates.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"
        );
        // A capital after an ordinary last word starts a new paragraph.
        assert_eq!(
            build(&[
                "The forum closed with a call for cooperation",
                "",
                "Delegates left."
            ]),
            "The forum closed with a call for cooperation\n\nDelegates left."
        );
    }

    #[test]
    fn a_photo_caption_after_its_image_gap_is_a_caption() {
        let lines = [
            "The fund works in Kenya.",
            "",
            "",
            "",
            "Jo Cops visits Kenya to see the first project of the fund.",
            "",
            "While the fund grows, more follows.",
            "",
            "SMB - Envisioning the path toward 2050",
        ];
        assert_eq!(
            build(&lines),
            "The fund works in Kenya.\n\n[Caption] Jo Cops visits Kenya to see the first project of the fund.\n\nWhile the fund grows, more follows.\n\n[Caption] SMB - Envisioning the path toward 2050"
        );
        // Without the gap it is an ordinary paragraph.
        assert_eq!(
            build(&["Intro.", "", "Jo Cops visits Kenya often."]),
            "Intro.\n\nJo Cops visits Kenya often."
        );
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_runs_on_into_a_capital() {
        let a = "We organize cooperation and exchange activities with more countries, and hold discussions on topics such as green development. A total of eight achievements from the three BRI";
        let b = "International Cooperation Summit Forums have been included in the list of outcomes, strengthening the foundation for promoting connectivity under the BRI.";
        assert_eq!(build(&[a, "", b]), format!("{a} {b}"));
        // A usual opener starts a paragraph of its own.
        let c = "In the realm of energy infrastructure, the standards of many countries were aligned with each other over the past ten years, to the benefit of all.";
        assert_eq!(build(&[a, "", c]), format!("{a}\n\n{c}"));
    }

    #[test]
    fn headings_of_a_plain_export_are_recovered() {
        let para = "The study examined the standards of four regions and found that they share most of their requirements.";
        let lines = [
            "Abstract: A study of standards.",
            "",
            "1. Introduction",
            "",
            para,
            "",
            "1.1 Scope of the study",
            "",
            para,
            "",
            "Key findings",
            "",
            para,
            "",
            "References",
            "",
            "- [1] A book.",
        ];
        assert_eq!(
            build(&lines),
            format!(
                "**Abstract:** A study of standards.\n\n## 1. Introduction\n\n{para}\n\n### 1.1 Scope of the study\n\n{para}\n\n### Key findings\n\n{para}\n\n## References\n\n- [1] A book."
            )
        );
        // Where the export has Markdown headings, its plain lines stay as they are.
        assert_eq!(
            build(&["# Head", "", "Key findings", "", para]),
            format!("# Head\n\nKey findings\n\n{para}")
        );
    }

    #[test]
    fn panel_numbers_join_their_headings_at_one_level() {
        let lines = [
            "## OVERVIEW",
            "",
            "### 01",
            "",
            "#### National",
            "",
            "Text one.",
            "",
            "#### Sectoral",
            "",
            "### 02",
            "",
            "Text two.",
            "",
            "## Local",
            "",
            "03",
            "",
            "Text three.",
        ];
        assert_eq!(
            build(&lines),
            "## OVERVIEW\n\n### 01 National\n\nText one.\n\n### 02 Sectoral\n\nText two.\n\n### 03 Local\n\nText three."
        );
    }

    #[test]
    fn sentence_headings_under_one_section_share_a_level() {
        let lines = [
            "## PRIORITIES",
            "",
            "### Standards promoted innovation.",
            "",
            "Text.",
            "",
            "## Standards drove opening up.",
            "",
            "Text.",
            "",
            "## OUTLOOK",
            "",
            "Text.",
        ];
        assert_eq!(
            build(&lines),
            "## PRIORITIES\n\n### Standards promoted innovation.\n\nText.\n\n### Standards drove opening up.\n\nText.\n\n## OUTLOOK\n\nText."
        );
    }

    #[test]
    fn decoration_means_what_it_frames() {
        // A pull quote frames a heading; a `■` misread as `I` goes where the others have `■`.
        let lines = [
            "“",
            "",
            "Standards for **AI**",
            "",
            "”",
            "",
            "Text.",
            "",
            "■ On cars",
            "",
            "Cars.",
            "",
            "I On e-waste",
            "",
            "Waste.",
        ];
        assert_eq!(
            build(&lines),
            "## Standards for **AI**\n\nText.\n\nOn cars\n\nCars.\n\nOn e-waste\n\nWaste."
        );
        // Without any `■` in the article, `I …` is a word.
        assert_eq!(build(&["I Believe in standards"]), "I Believe in standards");
    }

    #[test]
    fn a_grid_of_names_has_no_header_and_a_data_table_has_one() {
        assert_eq!(
            build(&["Ann Lee\tBo Tan", "Cy Moe\tDi Wu"]),
            "|  |  |\n| --- | --- |\n| Ann Lee | Bo Tan |\n| Cy Moe | Di Wu |"
        );
        assert_eq!(
            build(&["Sample\tS1\tS2", "Reads\t6161\t5315"]),
            "| Sample | S1 | S2 |\n| --- | --- | --- |\n| Reads | 6161 | 5315 |"
        );
    }

    #[test]
    fn hard_breaks_are_kept_as_a_backslash() {
        assert_eq!(
            build(&[
                "President: Wu Jinhui  ",
                "Chief Editor: Guo Kai  ",
                "",
                "Next."
            ]),
            "President: Wu Jinhui\\\nChief Editor: Guo Kai\n\nNext."
        );
    }

    #[test]
    fn rules_around_an_item_are_not_its_text() {
        let lines = ["---", "", "News of the day.", "", "---"];
        assert_eq!(build(&lines), "News of the day.");
    }

    #[test]
    fn lone_figure_label_is_a_caption() {
        let lines = ["Text here.", "", "Figure 2: Numbers", "", "More text."];
        assert_eq!(
            build(&lines),
            "Text here.\n\n[Caption] Figure 2: Numbers\n\nMore text."
        );
    }
}
