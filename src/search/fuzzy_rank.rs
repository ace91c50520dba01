//! Picking the best `limit` articles for a query without scoring every match.
//!
//! Candidates are visited in archive order, keeping the best `limit` so far. Once that many are
//! kept, a candidate can only get in by scoring *more* than the worst kept one (a tie goes to
//! the earlier article, which is already kept). So each later candidate is first bounded: a
//! term whose score is already in its table counts that score, any other term the most it could
//! score. A candidate whose bound is not enough is only checked to match (every term in some
//! field), which the next keystroke needs to narrow to; that is a pass over a few short texts,
//! where scoring is a dynamic program. Terms are then scored one at a time, the bound tightening
//! as they are, and scoring stops as soon as the bound falls short.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::fuzzy_score::Scorer;
use super::fuzzy_texts::TextId;

/// What a query found: the best `limit` as (score, entry), best first and equal scores in
/// archive order; and every matching entry, in archive order.
pub(super) struct Ranked {
    pub best: Vec<(u32, u32)>,
    pub matched: Vec<u32>,
}

/// Ranks `candidates` (entry numbers in archive order; `fields(e)` gives an entry's texts).
pub(super) fn rank<'f>(
    scorer: &mut Scorer<'_>,
    candidates: impl Iterator<Item = u32>,
    fields: impl Fn(u32) -> &'f [TextId],
    limit: usize,
) -> Ranked {
    let terms = scorer.term_count();
    // Min-heap of the best so far: the top is the worst kept (lowest score, latest entry).
    let mut kept: BinaryHeap<Reverse<(u32, Reverse<u32>)>> = BinaryHeap::new();
    let mut matched = Vec::new();
    let mut bounds = vec![0u32; terms];
    for e in candidates {
        let fields = fields(e);
        if kept.len() < limit {
            if let Some(total) = scorer.total(fields) {
                matched.push(e);
                kept.push(Reverse((total, Reverse(e))));
            }
            continue;
        }
        let mut bound = 0;
        let mut matches = true;
        for (t, b) in bounds.iter_mut().enumerate() {
            match scorer.bound(t, fields) {
                Some(most) => *b = most,
                None => {
                    matches = false;
                    break;
                }
            }
            bound += *b;
        }
        if !matches {
            continue;
        }
        matched.push(e);
        let worst = kept.peek().map_or(0, |w| (w.0).0);
        if bound <= worst || limit == 0 {
            continue;
        }
        for (t, b) in bounds.iter().enumerate() {
            let exact = scorer.best(t, fields).map_or(0, |(_, s)| s);
            bound = bound - b + exact;
            if bound <= worst {
                break;
            }
        }
        if bound > worst {
            kept.pop();
            kept.push(Reverse((bound, Reverse(e))));
        }
    }
    let mut best: Vec<(u32, u32)> = kept
        .into_iter()
        .map(|Reverse((s, Reverse(e)))| (s, e))
        .collect();
    best.sort_unstable_by_key(|&(s, e)| (Reverse(s), e));
    Ranked { best, matched }
}
