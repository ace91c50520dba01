//! Scoring the ways to cut an article's text into speeches, and finding the best one by
//! dynamic programming over (speech, first block).

use super::Block;
use super::boxes::Box_;
use super::shapes::{CLOSINGS, ORDINALS_AFTER_FIRST, is_decoration, is_heading, text_of};

/// What the cut is built from: the article's blocks without the boxes.
pub(super) struct Plan {
    /// Text blocks, in order.
    pub(super) paras: Vec<Block>,
    /// For each box, how many text blocks come before it.
    pub(super) pos: Vec<usize>,
    /// `aff[p][j]`: how much text block `p` speaks of box `j`'s speaker.
    pub(super) aff: Vec<Vec<f64>>,
    /// Bonus for a speech starting at text block `p` (after a closing, at a heading), or a
    /// penalty (inside an enumeration).
    pub(super) start_bonus: Vec<f64>,
}

pub(super) const HEADING_BONUS: f64 = 3.0;
pub(super) const CLOSING_BONUS: f64 = 2.0;
pub(super) const ENUMERATION_PENALTY: f64 = 6.0;
pub(super) const POSITION_PRIOR: f64 = 2.5;
pub(super) const NEAR: f64 = 0.01;
pub(super) const RIVAL: f64 = 0.5;
pub(super) const INTRO_COST: f64 = 0.6;
pub(super) const SPEECHES_HEADING_BONUS: f64 = 8.0;

/// Words of a heading over a run of speeches.
pub(super) const SPEECH_WORDS: &[&str] = &["speech", "address", "remarks", "keynote"];
pub(super) const NAMED_ALONE: f64 = 2.0;
pub(super) const NAMED_BY_SURNAME: f64 = 1.0;

pub(super) fn plan(bs: &[Block], boxes: &[(usize, Box_)], lines: &[&str]) -> Plan {
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

pub(super) fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Plan {
    /// The score of speech `j` running over text blocks `s..t`.
    pub(super) fn speech(&self, j: usize, s: usize, t: usize, opens: Option<bool>) -> f64 {
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
    pub(super) fn valid(&self, j: usize, s: usize, t: usize) -> bool {
        let p = self.pos[j];
        let stacked_after = self.pos.get(j + 1) == Some(&p);
        let stacked_before = j > 0 && self.pos[j - 1] == p;
        s < t && (s <= p || stacked_before) && (p <= t || stacked_after)
    }

    /// The total score of the speeches starting at `starts` (one per box).
    pub(super) fn total(&self, starts: &[usize], opens: &[Option<bool>]) -> Option<f64> {
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
    pub(super) fn best(&self, opens: &[Option<bool>], first_min: usize) -> Option<Vec<usize>> {
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
