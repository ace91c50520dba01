//! The body's blocks: runs of non-blank lines (or of table rows), with the hard breaks and
//! the image gaps the export left.

use super::*;

/// A block of the body: consecutive non-blank lines.
#[derive(Debug, Clone)]
pub(super) enum Block {
    Text(Vec<String>),
    Table(Vec<Vec<String>>),
}

/// Marks, while blocks are built, a line that ends with a hard break; [`joined_lines`] writes it.
pub(super) const HARD_BREAK: char = '\u{0}';

/// A block's lines as one Markdown paragraph: a hard break (from the export, or after each line
/// of a speaker's box) as a backslash at the end of the line, none after the last line.
pub(super) fn joined_lines(l: &[String]) -> String {
    let bare: Vec<&str> = l.iter().map(|x| x.trim_end_matches(HARD_BREAK)).collect();
    let boxed = crate::import::speakers::is_box(&bare);
    // One field per line (`Distribution Number: BM5708` / `Price: …`): a record, not a sentence
    // the layout wrapped.
    let fields = bare.len() >= 2 && bare.iter().all(|x| is_field(x));
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
            if boxed || fields || l[k].ends_with(HARD_BREAK) {
                out.push('\\');
            }
            out.push('\n');
        }
    }
    out
}

/// `Label: value` on a line of its own: a label of up to five words, the first capitalised,
/// with no sentence in it, and a short value.
pub(super) fn is_field(line: &str) -> bool {
    let t = strip_markup(line);
    let Some((label, value)) = t.split_once(": ") else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=5).contains(&words)
        && label.starts_with(|c: char| c.is_uppercase())
        && !label.contains(['.', ',', ';'])
        && !value.trim().is_empty()
        && value.len() <= 80
        && !ends_sentence(value)
}

/// The blocks of `lines`, each with the number of blank lines before it (an image the export
/// left out shows as a run of them).
pub(super) fn blocks(lines: &[&str]) -> (Vec<Block>, Vec<usize>) {
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
