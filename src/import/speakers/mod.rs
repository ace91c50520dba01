//! Whose words a speech is: forum and dialogue articles print each speaker's name box (a name,
//! then the speaker's post) beside the speech, and the export puts that box before the speech,
//! after it, or in the middle of it, wherever the page layout left it. This stage puts every box
//! at the head of its own speech.
//!
//! The rule, for an article with two or more boxes: the speeches are consecutive runs of the
//! article's blocks, in the order of their boxes; each speech contains or touches its own box;
//! text before the first speech is the article's introduction. Among the ways to cut the blocks
//! like that, the one chosen
//! - gives each paragraph to the speaker whose organisation, country or acronym it names (a name
//!   shared by several boxes counts for less);
//! - ends a speech after a closing paragraph ("In closing", "Let us …", "Thank you") and starts
//!   one at a heading, never in the middle of an enumeration (`Firstly` … `Secondly` …);
//! - otherwise keeps the box before its speech, the magazine's usual layout.
//!
//! A cut the evidence does not settle is noted for review.

//!
//! `boxes` finds the boxes and what identifies each speaker, `shapes` what a block of the
//! speech looks like (a heading, a closing, decoration), `plan` scores the ways to cut the
//! text and picks the best; this file puts the boxes where the cut says and notes doubts.

mod boxes;
mod plan;
mod shapes;

use super::lines::is_blank;
use super::review::Review;
use boxes::{Box_, blocks, find_boxes};
use plan::{NAMED_ALONE, NAMED_BY_SURNAME, Plan, contains_word, plan};
use shapes::{is_decoration, is_heading, text_of};

/// A run of non-blank lines of the article body, by line index.
pub(super) type Block = Vec<usize>;

/// Puts each speaker box of the article body `idx` (line indices, blank lines included) at the
/// head of its speech; returns the body's lines in reading order, blocks separated by `None`.
/// Bodies with fewer than two boxes come back as they are.
pub fn arrange(lines: &[&str], idx: &[usize], review: &mut Review) -> Vec<Option<usize>> {
    let as_is = || {
        idx.iter()
            .map(|&i| (!is_blank(lines[i])).then_some(i))
            .collect()
    };
    let bs = blocks(lines, idx);
    let boxes = find_boxes(&bs, lines);
    if boxes.len() < 2 {
        return as_is();
    }
    // A short line naming one of the speakers (`X's comments:`) heads that speaker's own
    // passage, attributed where it stands: no speech runs across it.
    let names: Vec<&str> = boxes.iter().map(|(_, b)| b.name.as_str()).collect();
    let in_box: Vec<bool> = {
        let mut v = vec![false; bs.len()];
        for (k, b) in &boxes {
            v[*k..*k + b.blocks.len()]
                .iter_mut()
                .for_each(|x| *x = true);
        }
        v
    };
    let attributed = |k: usize| {
        let b = &bs[k];
        let t = text_of(b, lines);
        !in_box[k]
            && b.len() == 1
            && t.len() <= 80
            && names.iter().any(|n| n.contains(' ') && t.contains(n))
    };
    let mut out: Vec<Option<usize>> = Vec::new();
    let mut from = 0;
    for k in 0..=bs.len() {
        if k < from {
            continue;
        }
        if k == bs.len() || attributed(k) {
            let part = arrange_stretch(lines, &bs[from..k], review);
            if !part.is_empty() {
                if !out.is_empty() {
                    out.push(None);
                }
                out.extend(part);
            }
            // The passage runs from its heading to the next box.
            let mut end = k;
            while end < bs.len() && (end == k || !in_box[end]) {
                if !out.is_empty() {
                    out.push(None);
                }
                out.extend(bs[end].iter().map(|&i| Some(i)));
                end += 1;
            }
            from = end;
        }
    }
    out
}

/// Blocks in order, separated by `None`.
fn joined<'a>(bs: impl Iterator<Item = &'a Block>) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for b in bs {
        if !out.is_empty() {
            out.push(None);
        }
        out.extend(b.iter().map(|&i| Some(i)));
    }
    out
}

/// [`arrange`] for a stretch of the body that no attributed passage interrupts.
fn arrange_stretch(lines: &[&str], bs: &[Block], review: &mut Review) -> Vec<Option<usize>> {
    let as_is = || joined(bs.iter());
    let mut boxes = find_boxes(bs, lines);
    if boxes.is_empty() {
        return as_is();
    }
    // The introduction runs to the last paragraph before the second box that names several
    // speakers; a box inside it whose person it names (the moderator's portrait) is no
    // speaker's box and stays where it is.
    let is_box_block = |k: usize| {
        boxes
            .iter()
            .any(|(b, x)| (*b..*b + x.blocks.len()).contains(&k))
    };
    let second = boxes.get(1).map_or(bs.len(), |(k, _)| *k);
    let intro_end = (0..second)
        .filter(|&k| !is_box_block(k))
        .filter(|&k| {
            let t = text_of(&bs[k], lines);
            boxes
                .iter()
                .filter(|(_, b)| b.name.contains(' ') && t.contains(&b.name))
                .count()
                >= 2
        })
        .max()
        .map_or(0, |k| k + 1);
    // Before the first heading, a box whose person the text around it names ("presided over
    // by …") is a portrait too, and that text the introduction.
    let first_heading = (0..bs.len())
        .find(|&k| !is_box_block(k) && is_heading(&bs[k], lines) && k > 0)
        .unwrap_or(0);
    let text_before = |end: usize| {
        (0..end)
            .filter(|&k| !is_box_block(k))
            .map(|k| text_of(&bs[k], lines))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let lead = text_before(first_heading);
    let intro_text = text_before(intro_end);
    let portrait = |k: usize, b: &Box_| {
        (k < intro_end && intro_text.contains(&b.name))
            || (k < first_heading && b.name.contains(' ') && lead.contains(&b.name))
    };
    let has_portrait = boxes
        .iter()
        .any(|(k, b)| *k < first_heading && portrait(*k, b));
    let intro_end = if has_portrait {
        intro_end.max(first_heading)
    } else {
        intro_end
    };
    boxes.retain(|(k, b)| !portrait(*k, b));
    if boxes.is_empty() {
        return as_is();
    }
    let mut plan = plan(bs, &boxes, lines);
    if plan.paras.is_empty() {
        return as_is();
    }
    // A paragraph that names one speaker is about that speaker; one that names several
    // introduces them and is nobody's speech.
    let texts: Vec<String> = plan.paras.iter().map(|p| text_of(p, lines)).collect();
    for (p, t) in texts.iter().enumerate() {
        let named: Vec<usize> = boxes
            .iter()
            .enumerate()
            .filter(|(_, (_, b))| b.name.contains(' ') && t.contains(&b.name))
            .map(|(j, _)| j)
            .collect();
        if let [j] = named.as_slice() {
            plan.aff[p][*j] += NAMED_ALONE;
            continue;
        }
        // `Zhu proposed …`: a surname (the name's first or last word) that only one box has.
        let by_surname: Vec<usize> = boxes
            .iter()
            .enumerate()
            .filter(|(_, (_, b))| {
                let words: Vec<&str> = b.name.split_whitespace().collect();
                words.len() >= 2
                    && [words[0], words[words.len() - 1]]
                        .iter()
                        .any(|w| w.len() >= 2 && contains_word(t, w))
            })
            .map(|(j, _)| j)
            .collect();
        if let [j] = by_surname.as_slice() {
            plan.aff[p][*j] += NAMED_BY_SURNAME;
        }
    }
    // A paragraph that speaks of three or more of the speakers' organisations is an overview
    // (a report of the event), no one's speech; before the first box it is introduction.
    let mut overview_end = 0;
    for p in 0..plan.paras.len() {
        if p < plan.pos[0] && plan.aff[p].iter().filter(|&&a| a > 0.0).count() >= 3 {
            plan.aff[p].iter_mut().for_each(|a| *a = 0.0);
            // It is the introduction when a heading follows it before the first box.
            if (p + 1..plan.pos[0]).any(|q| is_heading(&plan.paras[q], lines)) {
                overview_end = p + 1;
            }
        }
    }
    // Text blocks of the introduction: the first speech cannot start before their end.
    let first_min = (0..intro_end)
        .filter(|&k| {
            !boxes
                .iter()
                .any(|(b, x)| (*b..*b + x.blocks.len()).contains(&k))
        })
        .count()
        .max(overview_end)
        .min(plan.pos[0]);
    // A box that follows the heading, the article's start or another box opens the speech
    // after it; one that follows text is more likely to close the speech before it.
    // In a stack of boxes (no text between them) the first is placed by what precedes the
    // stack; which side the others belong to is left to the text.
    let opens: Vec<Option<bool>> = (0..boxes.len())
        .map(|j| {
            let p = plan.pos[j];
            let first_of_stack = j == 0 || plan.pos[j - 1] != p;
            if !first_of_stack {
                return None;
            }
            // Lone quote marks framing a heading (a pull quote) are part of it.
            let mut q = p;
            while q > 0 && is_decoration(&plan.paras[q - 1], lines) {
                q -= 1;
            }
            let after_heading =
                q == 0 || (j > 0 && plan.pos[j - 1] >= q) || is_heading(&plan.paras[q - 1], lines);
            Some(after_heading)
        })
        .collect();
    let Some(starts) = plan.best(&opens, first_min) else {
        review.note(
            "speakers",
            boxes.iter().flat_map(|(_, b)| b.blocks.concat()),
            "left the speaker boxes where the export put them",
            "no way to give every box a speech of its own",
        );
        return as_is();
    };
    note_unsure(&plan, &boxes, &starts, &opens, lines, review);
    note_second_titles(&plan, &boxes, &starts, lines, review);
    let m = plan.paras.len();
    let mut out: Vec<Option<usize>> = Vec::new();
    let push_block = |b: &Block, out: &mut Vec<Option<usize>>| {
        if !out.is_empty() {
            out.push(None);
        }
        out.extend(b.iter().map(|&i| Some(i)));
    };
    for p in 0..starts[0] {
        push_block(&plan.paras[p], &mut out);
    }
    for (j, (_, b)) in boxes.iter().enumerate() {
        let (s, t) = (starts[j], starts.get(j + 1).copied().unwrap_or(m));
        // The speech's own heading stays above its speaker.
        let mut p = s;
        while p < t
            && p + 1 < t
            && plan.paras[p][0] < b.blocks[0][0]
            && (is_heading(&plan.paras[p], lines) || is_decoration(&plan.paras[p], lines))
        {
            push_block(&plan.paras[p], &mut out);
            p += 1;
        }
        // The box as one block: name and post, printed together.
        push_block(&b.blocks.concat(), &mut out);
        for q in p..t {
            push_block(&plan.paras[q], &mut out);
        }
    }
    out
}

/// Where speeches open with their titles (keynotes), one holding a second title may be a
/// talk whose speaker's box the export lost: noted, since no rule can name that speaker.
fn note_second_titles(
    plan: &Plan,
    boxes: &[(usize, Box_)],
    starts: &[usize],
    lines: &[&str],
    review: &mut Review,
) {
    let m = plan.paras.len();
    let titled = |s: usize| plan.paras.get(s).is_some_and(|p| is_heading(p, lines));
    let speeches: Vec<(usize, usize)> = (0..starts.len())
        .map(|j| (starts[j], starts.get(j + 1).copied().unwrap_or(m)))
        .collect();
    if speeches.iter().filter(|&&(s, _)| titled(s)).count() < 3 {
        return;
    }
    for (j, &(s, t)) in speeches.iter().enumerate().filter(|(_, (s, _))| titled(*s)) {
        // Past the titles the speech opens with (a topic over a talk title, say).
        let text = (s..t).find(|&p| !titled(p)).unwrap_or(t);
        if let Some(second) = (text + 1..t).find(|&p| titled(p) && p + 1 < t) {
            review.note(
                "speakers",
                [plan.paras[second][0]],
                format!("left this talk under {}", boxes[j].1.name),
                "a second talk title in one speech: the export may have lost its speaker's box",
            );
        }
    }
}

/// Notes each speech start that another start would have scored almost as well.
fn note_unsure(
    plan: &Plan,
    boxes: &[(usize, Box_)],
    starts: &[usize],
    opens: &[Option<bool>],
    lines: &[&str],
    review: &mut Review,
) {
    const MARGIN: f64 = 0.5;
    let Some(best) = plan.total(starts, opens) else {
        return;
    };
    // Starts that differ only by headings between them give every speaker the same words.
    let only_headings = |a: usize, b: usize| {
        (a.min(b)..a.max(b))
            .all(|p| is_heading(&plan.paras[p], lines) || is_decoration(&plan.paras[p], lines))
    };
    for j in 1..starts.len() {
        let mut alt = starts.to_vec();
        let close = (0..plan.paras.len()).filter(|&s| s != starts[j]).any(|s| {
            if only_headings(s, starts[j]) {
                return false;
            }
            alt[j] = s;
            plan.total(&alt, opens).is_some_and(|v| best - v < MARGIN)
        });
        if close {
            let first = plan.paras[starts[j]][0];
            review.note(
                "speakers",
                boxes[j].1.blocks.concat().into_iter().chain([first]),
                format!(
                    "the speech of {} starts at the line noted last",
                    boxes[j].1.name
                ),
                "the text does not say clearly where this speech starts",
            );
        }
    }
}

/// Whether the lines of a block are a speaker's box (a name, then the post): the body prints
/// them on lines of their own.
pub fn is_box(block: &[&str]) -> bool {
    let idx: Vec<usize> = (1..block.len()).collect();
    block.len() >= 2 && boxes::is_name(block[0]) && boxes::is_post(&idx, block)
}

#[cfg(test)]
mod tests;
