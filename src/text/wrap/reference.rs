//! The wrapper's general path alone (every cluster through `Clusters`, every break through
//! `kinsoku::allows_break`), kept for tests: [`super::wrap`] takes shortcuts for printable
//! ASCII, and a property test checks that they never change a line. What it shares with
//! [`super::wrap`] is the general rule itself (`Wrapper::break_before` and the line filling);
//! what it does not share is every shortcut: it segments every cluster and applies the
//! general break rule to every one, ASCII included.

use unicode_linebreak::linebreaks;

use super::super::clusters::Clusters;
use super::super::kinsoku::Boundary;
use super::{Wrapper, ends};
use std::ops::Range;

/// [`super::wrap`] without the ASCII fast path.
pub fn wrap_general(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut w = Wrapper::new(text, width.max(1));
    let mut breaks = linebreaks(text);
    let mut next_break = breaks.next();
    let mut prev: Option<char> = None;
    let mut prev_visible: Option<char> = None;
    for (s, g, cw) in Clusters::new(text) {
        let mut uax = None;
        while let Some((p, kind)) = next_break {
            if p > s {
                break;
            }
            if p == s {
                uax = Some(kind);
            }
            next_break = breaks.next();
        }
        let (first, last, space) = ends(g);
        if s > 0 {
            let at = Boundary {
                before: prev,
                before_visible: prev_visible,
                after: first,
            };
            w.break_before(s, uax, at);
        }
        w.push(s, g.len(), cw, space);
        prev = Some(last);
        if !space {
            prev_visible = prev;
        }
    }
    w.close_segment(text.len());
    if w.line_end > w.line_start {
        w.emit(w.line_start, w.line_end);
    }
    w.lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that meet the fast path's edges: ASCII next to combining marks (which join the
    /// ASCII byte's cluster), CR LF, controls, curly quotes next to ASCII and CJK, closing and
    /// opening punctuation either side of a break, emoji and flags, long unbreakable runs.
    fn mixed() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[a-zA-Z0-9 ,.;:!?()\\[\\]{}\"'/\\-]{1,12}",
            2 => "[中文标准，。、《》（）「」…—]{1,6}",
            2 => prop::sample::select(vec![
                "\u{301}", "e\u{301}", "\r\n", "\r", "\n", "\t", "\u{7}", "\u{7f}", "\u{85}",
                "“", "”", "‘", "’", "👨\u{200d}👩\u{200d}👧", "🇨🇳", "\u{200d}", "\u{200b}",
                "\u{a0}", "\u{3000}", "ｶﾞ", "가", "\u{ad}", "  ", "——", "……", "http://a.b/c",
                "aaaaaaaaaaaaaaaaaaaaaaaaa", "\u{1b}[1m",
            ])
            .prop_map(str::to_string),
            1 => "\\PC{1,8}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn fast_path_matches_general_path(t in mixed(), width in 0usize..=90) {
            prop_assert_eq!(super::super::wrap(&t, width), wrap_general(&t, width), "{:?}", t);
        }
    }
}
