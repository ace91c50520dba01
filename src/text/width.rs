//! Display width exactly as ratatui's buffer measures it when it draws text.
//!
//! ratatui (0.30) splits a span into extended grapheme clusters, drops clusters that contain a
//! control character, and gives each remaining cluster `CellWidth::cell_width`: 1 for a one-byte
//! cluster, otherwise `unicode-width`'s width of the cluster plus one for each halfwidth
//! (semi-)voiced sound mark U+FF9E/U+FF9F (terminals draw those as separate cells). Clusters of
//! width 0 are skipped. Measuring the same way here is what lets the wrapper promise that a line
//! never overflows the pane: a different notion of width (say, per `char`) disagrees with the
//! renderer on emoji sequences and combining marks, which is how ratatui#2679-style overflow
//! happens.

use unicode_width::UnicodeWidthStr;

/// Width in terminal cells of one extended grapheme cluster, as ratatui renders it.
///
/// A cluster containing a control character is not drawn by ratatui at all, so it is 0 wide.
pub fn grapheme_width(g: &str) -> usize {
    let bytes = g.as_bytes();
    if bytes.len() == 1 {
        // Printable ASCII is the overwhelmingly common case.
        return usize::from(!bytes[0].is_ascii_control());
    }
    if g.chars().any(char::is_control) {
        return 0;
    }
    let marks = g
        .chars()
        .filter(|&c| c == '\u{FF9E}' || c == '\u{FF9F}')
        .count();
    g.width() + marks
}

/// Width in terminal cells of a string, as ratatui renders it (sum of its clusters' widths).
pub fn str_width(s: &str) -> usize {
    if s.is_ascii() {
        // Every ASCII byte is its own cluster except "\r\n", and both of those are controls,
        // so counting printable bytes is exact.
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    super::clusters::Clusters::new(s).map(|(_, _, w)| w).sum()
}

/// [`str_width`], counted only until it passes `cap`: the exact width when it is at most
/// `cap`, else some width above `cap` (for "does it fit?" on long text).
pub fn str_width_past(s: &str, cap: usize) -> usize {
    // Printable ASCII is counted a byte at a time, and only until the cap: a snippet asks this
    // of context that may run to a whole paragraph.
    let b = s.as_bytes();
    let mut w = 0;
    let mut ascii = 0;
    while ascii < b.len() && b[ascii].is_ascii() {
        w += usize::from(!b[ascii].is_ascii_control());
        if w > cap {
            return w;
        }
        ascii += 1;
    }
    if ascii == b.len() {
        return w;
    }
    // A cluster may join the last ASCII character to what follows (a combining mark), but
    // never one before it (only a non-ASCII prepended mark or CR before LF joins forwards,
    // and CR and LF are both 0 wide): the clusters are measured from that last character.
    let from = ascii.saturating_sub(1);
    w -= usize::from(ascii > 0 && !b[from].is_ascii_control());
    for (_, _, cw) in super::clusters::Clusters::new(&s[from..]) {
        w += cw;
        if w > cap {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_controls() {
        assert_eq!(str_width(""), 0);
        assert_eq!(str_width("hello"), 5);
        assert_eq!(str_width("a\tb"), 2, "ratatui drops the tab");
        assert_eq!(str_width("a\r\nb"), 2);
        assert_eq!(grapheme_width("\u{1b}"), 0);
        assert_eq!(grapheme_width("\u{7f}"), 0);
        assert_eq!(grapheme_width("\u{85}"), 0, "C1 NEL is a control");
    }

    #[test]
    fn a_capped_width_is_exact_up_to_the_cap_and_above_it_past() {
        for s in [
            "",
            "hello",
            "中a文 and more 中文",
            "e\u{301}中\u{1b}x",
            "cafe\u{301} au lait",
            "a\r\n\u{301}b",
            "keycap 1\u{fe0f}\u{20e3} and #\u{fe0f}\u{20e3}",
            "x\u{200d}y, \u{1f469}\u{200d}\u{1f52c} \u{ff76}\u{ff9e}",
            "\u{600}1 prepended",
        ] {
            let full = str_width(s);
            for cap in 0..full + 3 {
                let w = str_width_past(s, cap);
                if full <= cap {
                    assert_eq!(w, full, "{s:?} {cap}");
                } else {
                    assert!(w > cap && w <= full, "{s:?} {cap}: {w}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn a_capped_width_agrees_with_the_full_width(
            s in "[a-z \\r\\n\\t]{0,6}(\\PC|\\p{M}|\\p{Cf}|[\\r\\n\\u{1b}]){0,30}",
            cap in 0usize..40,
        ) {
            let (full, w) = (str_width(&s), str_width_past(&s, cap));
            if full <= cap {
                proptest::prop_assert_eq!(w, full);
            } else {
                proptest::prop_assert!(w > cap && w <= full, "{:?} {}: {}", s, cap, w);
            }
        }
    }

    #[test]
    fn cjk_is_two_columns() {
        assert_eq!(str_width("中文"), 4);
        assert_eq!(str_width("中a文"), 5);
        assert_eq!(str_width("，。"), 4);
        assert_eq!(grapheme_width("あ"), 2);
    }

    #[test]
    fn clusters_are_measured_whole() {
        // e + combining acute: one cluster, one column.
        assert_eq!(str_width("e\u{301}"), 1);
        // Family emoji (ZWJ sequence) is one cluster of width 2.
        assert_eq!(str_width("👨\u{200d}👩\u{200d}👧"), 2);
        // Flag: two regional indicators form one cluster.
        assert_eq!(str_width("🇨🇳"), 2);
        // Zero-width space is invisible.
        assert_eq!(str_width("a\u{200b}b"), 2);
    }

    #[test]
    fn halfwidth_sound_marks_follow_ratatui() {
        // unicode-width 0.2.3 already gives U+FF9E width 1 and ratatui 0.30 adds one more per
        // mark, so ratatui advances 3 cells for ｶﾞ. We measure what it draws, not what is ideal.
        assert_eq!(str_width("ｶﾞ"), 3);
        assert_eq!(grapheme_width("\u{FF9E}"), 2);
    }

    fn ratatui_advance(s: &str) -> usize {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let mut buf = Buffer::empty(Rect::new(0, 0, 400, 1));
        let (x, _) = buf.set_stringn(0, 0, s, 400, ratatui::style::Style::default());
        usize::from(x)
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_ratatui_on_any_text(s in "(?s).{0,60}") {
            proptest::prop_assert_eq!(str_width(&s), ratatui_advance(&s));
        }
    }

    #[test]
    fn matches_ratatui_buffer() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        for s in [
            "abc",
            "中文 text",
            "e\u{301}x",
            "👨\u{200d}👩\u{200d}👧!",
            "ｶﾞｷﾞ",
            "🇨🇳🇯🇵",
            "a\u{200b}b",
        ] {
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
            let (x, _) = buf.set_stringn(0, 0, s, 40, ratatui::style::Style::default());
            assert_eq!(usize::from(x), str_width(s), "width of {s:?}");
        }
    }
}
