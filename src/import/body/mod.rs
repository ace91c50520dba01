//! An article's raw lines → its Markdown body: paragraphs split by page furniture are joined
//! again (the furniture kept as captions after them), tab-separated lines become tables, and
//! figure/table labels become captions.

use crate::archive::CAPTION_MARK;

use super::inline::{normal_form, stray_bold, stray_bold_in};

use super::lines::{
    ends_sentence, heading_level, is_banner, is_blank, is_chinese, is_image_description,
    is_paragraph, is_rule, strip_markup,
};

mod blocks;
mod captions;
mod headings;
mod interview;
mod joins;
mod levels;
mod portraits;
mod speeches;
mod table;

use blocks::{Block, HARD_BREAK, blocks, joined_lines};
pub use captions::image_scraps;
use captions::{caption, is_caption_label, is_photo_caption};
use headings::{
    bullet_headings, is_quote_mark, lead_in, misread_square, panel_numbers, pull_quote_heading,
    recovered_heading, section_number, sentence_headings_level,
};
use joins::{
    FUNCTION_WORDS, continues, ends_in_hyphen, is_furniture, is_open_sentence, last_word, runs_on,
};
use levels::{consistent_levels, squared_texts};
use portraits::boxes_under_their_headings;
use table::table_markdown;

/// Builds the Markdown body from an article's lines (title and byline already taken out).
pub fn build(lines: &[&str]) -> String {
    let squares = lines.iter().any(|l| l.contains('■'));
    let squared = squared_texts(lines);
    // An export without Markdown headings prints them as plain lines: recovered here.
    let plain = !lines.iter().any(|l| heading_level(l).is_some());
    let (mut bs, mut gaps) = blocks(lines);
    panel_numbers(&mut bs, &mut gaps);
    let numbered = plain
        && bs.iter().any(
            |b| matches!(b, Block::Text(l) if l.len() == 1 && section_number(&l[0]).is_some()),
        );
    let mut parts: Vec<String> = Vec::new();
    // Lines the print marks with `■`, read as such or as a letter I.
    let mut marked = squared.clone();
    let mut i = 0;
    while i < bs.len() {
        // A sentence broken by furniture: join its halves, keep the furniture as captions.
        // A numbered section title is a heading, whatever its last word lacks: the sentence
        // cut after it is the body's, not the title's. (A numbered line its next block goes on
        // from in lower case, or cut after a function word, is a sentence: `2 firms joined`.)
        let title = plain
            && matches!(&bs[i], Block::Text(l) if l.len() == 1 && section_number(&l[0]).is_some())
            && !FUNCTION_WORDS.contains(&last_word(&bs[i]).as_str())
            && !bs.get(i + 1).is_some_and(|b| continues(&bs[i], b));
        if !title && is_open_sentence(&bs[i]) {
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
            let after_table = matches!(bs.get(i + 1), Some(Block::Table(_)));
            let note = |b: &Block| {
                after_table
                    && matches!(b, Block::Text(l) if l[0].find(": ").is_some_and(|k| k < 40))
            };
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
                marked.extend(misread_square(&l[0]).map(|t| strip_markup(&t)));
                parts.extend(misread_square(&l[0]));
            }
            Block::Text(l) if plain && l.len() == 1 => {
                let prev = i.checked_sub(1).and_then(|k| bs.get(k));
                match recovered_heading(&l[0], prev, &bs[i + 1..], numbered) {
                    Some(h) => parts.push(h),
                    None => parts.push(stray_bold(&lead_in(&l[0]))),
                }
            }
            Block::Text(l) => parts.push(stray_bold_in(&joined_lines(l))),
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
    if plain {
        speeches::speech_titles(&mut parts, &marked);
    }
    sentence_headings_level(&mut parts);
    consistent_levels(&mut parts, &squared);
    // After the levels are settled: a bulleted head goes one below its section's heading.
    bullet_headings(&mut parts);
    boxes_under_their_headings(&mut parts);
    interview::label_questions(&mut parts);
    parts.join("\n\n")
}

#[cfg(test)]
mod tests;
