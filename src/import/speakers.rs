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

use super::lines::{ends_sentence, heading_level, is_blank, is_chinese, strip_markup};
use super::review::Review;

/// A run of non-blank lines of the article body, by line index.
type Block = Vec<usize>;

/// A speaker's box: its blocks (name, then post) and the words that identify the speaker.
#[derive(Debug)]
struct Box_ {
    blocks: Vec<Block>,
    /// The name as printed, without an honorific.
    name: String,
    keys: Vec<String>,
}

/// Titles and honorifics a name may start with.
const HONORIFICS: &[&str] = &["dr.", "mr.", "ms.", "mrs.", "prof.", "h.e.", "sir", "dr"];

/// Words of a post that name no one in particular.
const COMMON: &[&str] = &[
    "academician",
    "academy",
    "administration",
    "administrator",
    "and",
    "assistant",
    "association",
    "board",
    "bureau",
    "center",
    "centre",
    "chair",
    "chairman",
    "chief",
    "china",
    "chinese",
    "committee",
    "council",
    "department",
    "development",
    "engineering",
    "deputy",
    "director",
    "division",
    "executive",
    "expert",
    "for",
    "former",
    "general",
    "group",
    "head",
    "institute",
    "international",
    "management",
    "manager",
    "member",
    "minister",
    "ministry",
    "national",
    "of",
    "office",
    "officer",
    "organization",
    "president",
    "professor",
    "regional",
    "research",
    "science",
    "sciences",
    "secretary",
    "senior",
    "society",
    "standardization",
    "standards",
    "state",
    "technology",
    "the",
    "university",
    "vice",
];

fn blocks(lines: &[&str], idx: &[usize]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Block = Vec::new();
    for &i in idx {
        if is_blank(lines[i]) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(i);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A person's name as a box prints it: two to five capitalised words, perhaps after an
/// honorific, with no digits and no sentence punctuation.
fn is_name(line: &str) -> bool {
    let t = strip_markup(line);
    if t.len() > 48 || t.chars().any(|c| c.is_ascii_digit()) || is_chinese(&t) {
        return false;
    }
    if t.ends_with(['.', ',', ':', ';', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let start = words
        .iter()
        .take_while(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
        .count();
    let rest = &words[start..];
    // `IEC President`, `Vice President`: a post, not a person.
    let post_word = rest.iter().any(|w| {
        (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
            || COMMON.contains(&w.to_lowercase().as_str())
    });
    !post_word
        && (2..=5).contains(&rest.len())
        && rest.iter().all(|w| {
            let initial = w.len() == 2 && w.ends_with('.');
            w.chars().next().is_some_and(char::is_uppercase)
                && (initial
                    || w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\''))
        })
}

/// The name without its honorific: `Ms. Yu Xinli` → `Yu Xinli`.
fn bare_name(line: &str) -> String {
    strip_markup(line)
        .split_whitespace()
        .skip_while(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A speaker's post: a line or two that is not running text.
fn is_post(block: &[usize], lines: &[&str]) -> bool {
    let text: Vec<String> = block.iter().map(|&i| strip_markup(lines[i])).collect();
    let joined = text.join(" ");
    // `Co., Ltd.` ends a company's name, not a sentence.
    let bare = ["Ltd.", "Co.", "Inc.", "Corp.", "Dr."]
        .iter()
        .find_map(|a| joined.strip_suffix(a))
        .unwrap_or(&joined);
    !joined.is_empty()
        && joined.len() <= 320
        && !ends_sentence(bare)
        && !is_name(lines[block[0]])
        && heading_level(lines[block[0]]).is_none()
        && block.len() <= 6
}

/// Words in a box that can identify its speaker in a speech: acronyms and proper names that
/// are not common words of a post.
fn keys(box_blocks: &[Block], lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in box_blocks.iter().skip(1).chain(box_blocks.first()) {
        for &i in b.iter().skip(usize::from(std::ptr::eq(b, &box_blocks[0]))) {
            for w in strip_markup(lines[i]).split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                let w = w.trim_matches('-');
                let acronym =
                    w.len() >= 2 && w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2;
                let proper = w.len() >= 4 && w.chars().next().is_some_and(char::is_uppercase);
                if (acronym || proper) && !COMMON.contains(&w.to_lowercase().as_str()) {
                    out.push(w.to_string());
                    // `ITU-T`, `IEC-APRC`: speeches name the organisation without the suffix.
                    if acronym
                        && let Some((head, _)) = w.split_once('-')
                        && head.len() >= 2
                    {
                        out.push(head.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Finds the boxes among `bs`: (index of the box's first block, box).
fn find_boxes(bs: &[Block], lines: &[&str]) -> Vec<(usize, Box_)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < bs.len() {
        let b = &bs[k];
        if is_name(lines[b[0]]) {
            // The post in the same block (hard line breaks), or in the next block.
            let box_blocks = if b.len() > 1 && is_post(&b[1..], lines) {
                Some(vec![b.clone()])
            } else if b.len() == 1 && bs.get(k + 1).is_some_and(|n| is_post(n, lines)) {
                Some(vec![b.clone(), bs[k + 1].clone()])
            } else {
                None
            };
            if let Some(blocks) = box_blocks {
                let n = blocks.len();
                let keys = keys(&blocks, lines);
                let name = bare_name(lines[b[0]]);
                out.push((k, Box_ { blocks, name, keys }));
                k += n;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// A block that is a heading: a Markdown heading, or one short line with no sentence end
/// (exports without Markdown print headings that way).
fn is_heading(b: &Block, lines: &[&str]) -> bool {
    // A pull quote's marks (`“` and `”` on lines of their own) frame a heading.
    let words: Vec<usize> = b
        .iter()
        .copied()
        .filter(|&i| !is_decoration(&vec![i], lines))
        .collect();
    let (Some(&first), true) = (words.first(), (1..=2).contains(&words.len())) else {
        return false;
    };
    let l = lines[first];
    let t = strip_markup(
        &words
            .iter()
            .map(|&i| lines[i])
            .collect::<Vec<_>>()
            .join(" "),
    );
    (words.len() == 1 && heading_level(l).is_some())
        || (!t.is_empty()
            && t.len() <= 120
            && !ends_sentence(&t)
            && t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '“'))
}

/// A block of decoration alone: quote marks, a square.
fn is_decoration(b: &Block, lines: &[&str]) -> bool {
    b.iter().all(|&i| {
        lines[i]
            .trim()
            .chars()
            .all(|c| matches!(c, '“' | '”' | '"' | '■' | '*' | '#' | ' '))
    })
}

const CLOSINGS: &[&str] = &[
    "in closing",
    "in conclusion",
    "let us",
    "let's",
    "thank you",
    "we look forward",
    "i look forward",
    "i wish the",
    "wish the forum",
];

const ORDINALS_AFTER_FIRST: &[&str] = &[
    "secondly", "second,", "thirdly", "third,", "fourthly", "fourth,", "fifthly", "finally",
    "lastly",
];

fn text_of(b: &Block, lines: &[&str]) -> String {
    b.iter()
        .map(|&i| strip_markup(lines[i]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the cut is built from: the article's blocks without the boxes.
struct Plan {
    /// Text blocks, in order.
    paras: Vec<Block>,
    /// For each box, how many text blocks come before it.
    pos: Vec<usize>,
    /// `aff[p][j]`: how much text block `p` speaks of box `j`'s speaker.
    aff: Vec<Vec<f64>>,
    /// Bonus for a speech starting at text block `p` (after a closing, at a heading), or a
    /// penalty (inside an enumeration).
    start_bonus: Vec<f64>,
}

const HEADING_BONUS: f64 = 3.0;
const CLOSING_BONUS: f64 = 2.0;
const ENUMERATION_PENALTY: f64 = 6.0;
const POSITION_PRIOR: f64 = 2.5;
const NEAR: f64 = 0.01;
const RIVAL: f64 = 0.5;
const INTRO_COST: f64 = 0.6;
const SPEECHES_HEADING_BONUS: f64 = 8.0;

/// Words of a heading over a run of speeches.
const SPEECH_WORDS: &[&str] = &["speech", "address", "remarks", "keynote"];
const NAMED_ALONE: f64 = 2.0;
const NAMED_BY_SURNAME: f64 = 1.0;

fn plan(bs: &[Block], boxes: &[(usize, Box_)], lines: &[&str]) -> Plan {
    let mut paras = Vec::new();
    let mut pos = Vec::new();
    let mut k = 0;
    let mut bi = 0;
    while k < bs.len() {
        if bi < boxes.len() && boxes[bi].0 == k {
            pos.push(paras.len());
            k += boxes[bi].1.blocks.len();
            bi += 1;
        } else {
            paras.push(bs[k].clone());
            k += 1;
        }
    }
    let lower: Vec<String> = paras.iter().map(|p| text_of(p, lines)).collect();
    let share = |key: &str| {
        boxes
            .iter()
            .filter(|(_, b)| b.keys.iter().any(|k| k == key))
            .count()
            .max(1) as f64
    };
    // A word that most of the article uses (`AI` in a dialogue on AI) tells no speaker apart.
    // A capitalised word of a post that the article also writes in lower case (`Digital`,
    // `Data`, `Metrology`) is an ordinary word, not a name.
    let common = |key: &str| {
        let n = lower.iter().filter(|t| contains_word(t, key)).count();
        let small = key.to_lowercase();
        n * 2 > lower.len().max(4)
            || (small != key && lower.iter().any(|t| contains_word(t, &small)))
    };
    // Where headings far outnumber the boxes, they head parts of a speech, not speeches.
    let headings = paras.iter().filter(|p| is_heading(p, lines)).count();
    let heading_bonus = if headings > 2 * boxes.len() {
        HEADING_BONUS / 6.0
    } else {
        HEADING_BONUS
    };
    let aff = lower
        .iter()
        .map(|t| {
            boxes
                .iter()
                .map(|(_, b)| {
                    b.keys
                        .iter()
                        .filter(|key| contains_word(t, key) && !common(key))
                        .map(|key| 1.0 / share(key))
                        .sum()
                })
                .collect()
        })
        .collect();
    let start_bonus = (0..paras.len())
        .map(|p| {
            let t = lower[p].to_lowercase();
            let mut s = 0.0;
            let heading_like =
                |q: usize| is_heading(&paras[q], lines) || is_decoration(&paras[q], lines);
            if heading_like(p) && (p == 0 || !heading_like(p - 1)) {
                s += heading_bonus;
                // `Addresses by guests`, `Keynote speeches`: the speeches start here.
                if SPEECH_WORDS.iter().any(|w| t.contains(w)) {
                    s += SPEECHES_HEADING_BONUS;
                }
            }
            if p > 0 {
                let prev = lower[p - 1].to_lowercase();
                if CLOSINGS.iter().any(|c| prev.contains(c)) {
                    s += CLOSING_BONUS;
                }
            }
            // `Secondly` continues a speech, and so does `Firstly` the lead-in before it.
            let enumerates = ORDINALS_AFTER_FIRST.iter().any(|o| t.starts_with(o))
                || (t.starts_with("firstly") && p > 0 && !is_heading(&paras[p - 1], lines));
            if enumerates {
                s -= ENUMERATION_PENALTY;
            }
            s
        })
        .collect();
    Plan {
        paras,
        pos,
        aff,
        start_bonus,
    }
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Plan {
    /// The score of speech `j` running over text blocks `s..t`.
    fn speech(&self, j: usize, s: usize, t: usize, opens: Option<bool>) -> f64 {
        // A paragraph counts for the speaker it names, and against one it leaves out in
        // favour of another speaker.
        let mut v: f64 = (s..t)
            .map(|p| {
                let other = (0..self.aff[p].len())
                    .filter(|&k| k != j)
                    .map(|k| self.aff[p][k])
                    .fold(0.0, f64::max);
                self.aff[p][j] - RIVAL * other
            })
            .sum();
        // All else equal, a speech starts near its box.
        v -= NEAR * self.pos[j].abs_diff(s) as f64;
        if s == self.pos[j] && opens == Some(true) {
            v += POSITION_PRIOR;
        }
        if t == self.pos[j] && opens == Some(false) {
            v += POSITION_PRIOR;
        }
        v
    }

    /// Speech `j` over `s..t` contains or touches its box, or reaches it through the boxes
    /// stacked with it (two boxes printed together after, or before, both their speeches).
    fn valid(&self, j: usize, s: usize, t: usize) -> bool {
        let p = self.pos[j];
        let stacked_after = self.pos.get(j + 1) == Some(&p);
        let stacked_before = j > 0 && self.pos[j - 1] == p;
        s < t && (s <= p || stacked_before) && (p <= t || stacked_after)
    }

    /// The total score of the speeches starting at `starts` (one per box).
    fn total(&self, starts: &[usize], opens: &[Option<bool>]) -> Option<f64> {
        let m = self.paras.len();
        let mut v = 0.0;
        for j in 0..starts.len() {
            let t = starts.get(j + 1).copied().unwrap_or(m);
            if !self.valid(j, starts[j], t) {
                return None;
            }
            v += self.speech(j, starts[j], t, opens[j]);
            if j > 0 {
                v += self.start_bonus[starts[j]];
            }
        }
        Some(v)
    }

    /// The best starts, by dynamic programming over (speech, start).
    fn best(&self, opens: &[Option<bool>], first_min: usize) -> Option<Vec<usize>> {
        let (n, m) = (self.pos.len(), self.paras.len());
        let neg = f64::NEG_INFINITY;
        // score[j][s]: best score of speeches 0..j with speech j starting at s, not counting
        // speech j itself; from[j][s]: where speech j-1 started.
        let mut score = vec![vec![neg; m + 1]; n];
        let mut from = vec![vec![0usize; m + 1]; n];
        // The introduction runs at least to `first_min` (the paragraphs that introduce the
        // speakers); each paragraph more must be paid for by a clear start (a heading).
        let last_start = self.pos[0].min(m - 1);
        for (s, v) in score[0]
            .iter_mut()
            .enumerate()
            .take(last_start + 1)
            .skip(first_min)
        {
            *v = if s > first_min {
                self.start_bonus[s] - INTRO_COST * (s - first_min) as f64
            } else {
                0.0
            };
        }
        for j in 1..n {
            for t in 0..m {
                for s in 0..t {
                    if score[j - 1][s] == neg || !self.valid(j - 1, s, t) {
                        continue;
                    }
                    let v = score[j - 1][s]
                        + self.speech(j - 1, s, t, opens[j - 1])
                        + self.start_bonus[t];
                    if v > score[j][t] {
                        score[j][t] = v;
                        from[j][t] = s;
                    }
                }
            }
        }
        let last = n - 1;
        let (mut s, _) = (0..m)
            .filter(|&s| score[last][s] > neg && self.valid(last, s, m))
            .map(|s| (s, score[last][s] + self.speech(last, s, m, opens[last])))
            .fold(None, |acc: Option<(usize, f64)>, x| match acc {
                Some(a) if a.1 >= x.1 => Some(a),
                _ => Some(x),
            })?;
        let mut starts = vec![0; n];
        for j in (0..n).rev() {
            starts[j] = s;
            s = from[j][s];
        }
        Some(starts)
    }
}

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
    note_unsure(&plan, &boxes, &starts, &opens, review);
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
        for bb in &b.blocks {
            push_block(bb, &mut out);
        }
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
    review: &mut Review,
) {
    const MARGIN: f64 = 0.5;
    let Some(best) = plan.total(starts, opens) else {
        return;
    };
    for j in 1..starts.len() {
        let mut alt = starts.to_vec();
        let close = (0..plan.paras.len()).filter(|&s| s != starts[j]).any(|s| {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Arranges `text` (blocks separated by blank lines) and returns its blocks' first lines.
    fn arranged(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let idx: Vec<usize> = (0..lines.len()).collect();
        let order = arrange(&lines, &idx, &mut Review::default());
        let mut out = Vec::new();
        let mut fresh = true;
        for i in order {
            match i {
                None => fresh = true,
                Some(i) if fresh => {
                    out.push(lines[i].to_string());
                    fresh = false;
                }
                Some(_) => {}
            }
        }
        out
    }

    const ACME: &str = "The ACME Institute has led this work for years. ACME will go on.";
    const ZETA: &str = "In Zetland we adopted 1,200 standards. Zetland thanks its partners.";

    #[test]
    fn a_box_after_its_speech_moves_before_it() {
        let text = format!(
            "## Addresses\n\n**Ann Lee**\n\nPresident of ACME Institute\n\n{ACME}\n\n{ZETA}\n\n**Bo Tan**\nMinister, Zetland"
        );
        assert_eq!(
            arranged(&text),
            [
                "## Addresses",
                "**Ann Lee**",
                "President of ACME Institute",
                ACME,
                "**Bo Tan**",
                ZETA
            ]
        );
    }

    #[test]
    fn a_box_inside_its_speech_goes_to_its_head() {
        // The enumeration runs across the box: the speech starts at its lead-in.
        let text = format!(
            "## Talks\n\n**Ann Lee**\nPresident of ACME Institute\n\n{ACME}\n\nAround the globe, trends share common themes.\n\nFirstly, one point.\n\n**Bo Tan**\nMinister, Zetland\n\nSecondly, another point.\n\n{ZETA}"
        );
        let got = arranged(&text);
        let bo = got.iter().position(|l| l == "**Bo Tan**").unwrap();
        assert_eq!(got[bo - 1], ACME, "{got:?}");
        assert_eq!(
            got[bo + 1],
            "Around the globe, trends share common themes.",
            "{got:?}"
        );
    }

    #[test]
    fn the_moderators_portrait_in_the_introduction_stays() {
        let text = format!(
            "The dialogue was presided over by Cy Moe and joined by Ann Lee.\n\n**Cy Moe**\nPresident of the Association\n\nIt went well.\n\n## First talk\n\n**Ann Lee**\nPresident of ACME Institute\n\n{ACME}\n\n## Second talk\n\n**Bo Tan**\nMinister, Zetland\n\n{ZETA}"
        );
        let got = arranged(&text);
        assert_eq!(got[1], "**Cy Moe**", "{got:?}");
        assert_eq!(got.last().unwrap(), ZETA);
    }

    #[test]
    fn fewer_than_two_boxes_leave_the_body_as_it_is() {
        let text = format!("{ACME}\n\n**Ann Lee**\nPresident of ACME Institute");
        assert_eq!(arranged(&text), [ACME, "**Ann Lee**"]);
    }

    #[test]
    fn names_and_posts() {
        assert!(is_name("**H.E. Dr. Aung Ze Ya**"));
        assert!(is_name("Dr. Maryness I. Salazar"));
        assert!(!is_name("IEC President"));
        assert!(!is_name("Vice President"));
        assert!(!is_name("The forum closed."));
    }
}
