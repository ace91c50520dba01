//! Shortcuts of the wrapper for the characters most text is made of: printable ASCII and the
//! common CJK characters, which are clusters of their own with a known width, so they need no
//! grapheme segmentation; and the one kinsoku check that can apply before an ASCII character.

use crate::text::kinsoku;

/// [`kinsoku::allows_break`] at a UAX #14 opportunity before the ASCII character `after`:
/// the doubled-unit rule and the curly-quote additions involve only non-ASCII characters, so
/// what remains is the line-start and line-end prohibitions.
#[inline]
pub(super) fn ascii_break_allowed(after: u8, before_visible: Option<char>) -> bool {
    let after = char::from(after);
    !kinsoku::no_line_start(after) && !before_visible.is_some_and(kinsoku::no_line_end)
}

/// The wide character starting at byte `i`, if it is one that always forms a grapheme cluster
/// of its own and is two columns wide: CJK punctuation U+3001..U+3029 (not the ideographic
/// space, which is whitespace), CJK ideographs U+3400..U+4DBF and U+4E00..U+9FFF, fullwidth
/// forms U+FF01..U+FF60. All are three bytes in UTF-8.
#[inline]
pub(super) fn wide_at(bytes: &[u8], i: usize) -> Option<char> {
    match bytes.get(i..i + 3) {
        Some(&[b0 @ (0xe3..=0xe9 | 0xef), b1, b2]) => {
            let u =
                (u32::from(b0 & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
            match u {
                0x3001..=0x3029 | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xff01..=0xff60 => {
                    char::from_u32(u)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether the character at byte `i` (or the end of the text) can never join the cluster
/// before it: ASCII other than CR, or a character [`wide_at`] takes (a subset of what
/// `Clusters` treats as simple; anything else takes the general path).
#[inline]
pub(super) fn simple_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        None => true,
        Some(&b) if b < 0x80 => b != b'\r',
        Some(_) => wide_at(bytes, i).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clusters::Clusters;
    use crate::text::kinsoku::Boundary;
    use crate::text::width::grapheme_width;

    #[test]
    fn ascii_break_check_agrees_with_kinsoku() {
        let befores = [
            None,
            Some('a'),
            Some('('),
            Some('“'),
            Some('（'),
            Some('中'),
            Some('…'),
        ];
        for after in 0x20..=0x7e_u8 {
            for before_visible in befores {
                for before in [before_visible, Some(' ')] {
                    let at = Boundary {
                        before,
                        before_visible,
                        after: char::from(after),
                    };
                    assert_eq!(
                        ascii_break_allowed(after, before_visible),
                        kinsoku::allows_break(true, at),
                        "{at:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn wide_fast_path_covers_only_two_column_simple_characters() {
        let mut taken = 0;
        for u in (0x800..0xd800).chain(0xe000..=0xffff) {
            let c = char::from_u32(u).expect("not a surrogate");
            let s = c.to_string();
            let Some(fast) = wide_at(s.as_bytes(), 0) else {
                continue;
            };
            taken += 1;
            assert_eq!(fast, c);
            assert_eq!(grapheme_width(&s), 2, "U+{u:04X}");
            assert!(!c.is_whitespace(), "U+{u:04X}");
            // Never joins a neighbour: an ASCII letter, another one, a CR either side.
            for t in [format!("a{c}b"), format!("{c}{c}"), format!("\r{c}\r")] {
                let n = t.chars().count();
                assert_eq!(Clusters::new(&t).count(), n, "{t:?}");
            }
        }
        assert_eq!(taken, 0x29 + 0x19c0 + 0x5200 + 0x60);
        assert!(!simple_at("\r\n".as_bytes(), 0));
        assert!(!simple_at("\u{301}".as_bytes(), 0));
        assert!(!simple_at("\u{3000}".as_bytes(), 0));
        assert!(simple_at("".as_bytes(), 0));
    }
}
