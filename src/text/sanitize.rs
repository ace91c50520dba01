//! Neutralising archive text before it can reach a terminal.
//!
//! Archive text is untrusted (exports of print files, hand edits). Anything a terminal would act
//! on is replaced here, before layout, so neither ratatui's buffer nor `show`'s stdout ever
//! carries it. The rules, and why:
//!
//! * **Escape sequences are replaced whole by the two characters `^[`.** That covers CSI
//!   (`ESC [` params intermediates final), OSC (`ESC ]` … BEL or ST), DCS / SOS / PM / APC
//!   (`ESC P`, `ESC X`, `ESC ^`, `ESC _` … ST), nF sequences (`ESC (` `B`) and two-byte `ESC x`.
//!   The marker stays visible so damaged or hostile text is noticed and fixed at the source; the
//!   payload (colours, window titles, clipboard data, hyperlink targets) is a terminal command,
//!   not prose, and printing it would scatter noise through the article. Two columns keep the
//!   layout close to what the text meant.
//! * **C1 controls (U+0080–U+009F) are the 8-bit forms of `ESC x`** and are treated exactly like
//!   them: U+009B (CSI) takes its parameters with it, U+009D (OSC), U+0090 (DCS), U+0098 (SOS),
//!   U+009E (PM), U+009F (APC) take their string with them; each becomes `^[`.
//! * **A control string (OSC, DCS, …) ends** at BEL (OSC only), ST (`ESC \` or U+009C), or
//!   earlier at a newline or any other control. A terminal would keep swallowing, but we are
//!   not a terminal: a missing terminator must not eat the rest of the article.
//! * **Other C0 controls and DEL use caret notation**: `^@` … `^_`, `^?` (BEL is `^G`). A CR
//!   directly before LF is dropped instead, because CRLF line ends are common and harmless.
//! * **Tab expands to spaces up to the next multiple of 4 columns**, counting display columns
//!   from the start of the string or its last newline. (The caller lays text out later, so the
//!   true column is unknown here; for paragraph text that starts a line this is exact.)
//! * **Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped.** They
//!   carry no visible text of their own and exist here only to reorder what the reader sees
//!   ("Trojan source"); a marker for each would be noise.
//!
//! Text with none of these comes back borrowed (a byte scan, no allocation).

use std::borrow::Cow;

use super::width::str_width;

/// Columns between tab stops when expanding `\t`.
pub const TAB_STOP: usize = 4;

/// The marker that replaces a whole escape sequence or a C1 control.
pub const ESC_MARK: &str = "^[";

/// True when `s` holds anything [`sanitize`] would change (a control other than `\n`, DEL, a C1
/// control, or a bidi override/isolate).
pub fn has_controls(s: &str) -> bool {
    first_control(s.as_bytes(), false).is_some()
}

/// Byte index of the first byte that starts something to neutralise.
/// With `keep_tabs`, a tab does not count.
///
/// Every layout scans the whole article here, so clean stretches are skipped eight bytes at a
/// time: a word with no byte below 0x20, no DEL and no 0xC2 / 0xE2 (the lead bytes of C1
/// controls and of the bidi controls) holds nothing to neutralise. Words that do (a newline,
/// curly quotes and dashes, which also start with 0xE2) are checked byte by byte.
fn first_control(b: &[u8], keep_tabs: bool) -> Option<usize> {
    let mut words = b.chunks_exact(8);
    let mut i = 0;
    for word in &mut words {
        let x = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        if may_start_control(x) {
            for j in i..i + 8 {
                if starts_control(b, j, keep_tabs) {
                    return Some(j);
                }
            }
        }
        i += 8;
    }
    (i..b.len()).find(|&j| starts_control(b, j, keep_tabs))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether some byte of `x` is below `n` (exact for `n` ≤ 0x80).
#[inline]
fn has_byte_below(x: u64, n: u8) -> bool {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS != 0
}

/// Whether some byte of `x` equals `c` (exact).
#[inline]
fn has_byte(x: u64, c: u8) -> bool {
    has_byte_below(x ^ (ONES * u64::from(c)), 1)
}

/// Whether the eight bytes in `x` may hold the start of a control (no false negatives).
#[inline]
fn may_start_control(x: u64) -> bool {
    has_byte_below(x, 0x20) || has_byte(x, 0x7f) || has_byte(x, 0xc2) || has_byte(x, 0xe2)
}

/// Whether byte `i` of `b` starts something to neutralise.
#[inline]
fn starts_control(b: &[u8], i: usize, keep_tabs: bool) -> bool {
    match b[i] {
        b'\n' => false,
        b'\t' if keep_tabs => false,
        0x00..=0x1f | 0x7f => true,
        // U+0080..U+009F are encoded C2 80..C2 9F.
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        // U+202A..U+202E = E2 80 AA..AE, U+2066..U+2069 = E2 81 A6..A9.
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replace everything that could act on a terminal (see the module docs for the exact rules).
/// Returns the input borrowed when there is nothing to change.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    match first_control(s.as_bytes(), false) {
        None => Cow::Borrowed(s),
        Some(first) => Cow::Owned(neutralise(s, first, false).text),
    }
}

/// [`sanitize`] for Markdown source, run before parsing so that an escape sequence is seen
/// whole even where Markdown would split its text (at `[`, `]`, `*`, …). Differences: tabs are
/// kept (Markdown gives them meaning: indentation, table cells), and a marker's punctuation is
/// backslash-escaped (`^\[`) so that Markdown shows `^[` literally instead of parsing it.
/// Parsed text must still go through [`sanitize`]: entities like `&#27;` decode to controls.
pub fn sanitize_markdown(s: &str) -> Sanitized<'_> {
    match first_control(s.as_bytes(), true) {
        None => Sanitized {
            text: Cow::Borrowed(s),
            map: Vec::new(),
        },
        Some(first) => {
            let out = neutralise(s, first, true);
            Sanitized {
                text: Cow::Owned(out.text),
                map: out.map,
            }
        }
    }
}

/// [`sanitize`] for one-line metadata (titles, names, bylines) made by the importer: each
/// escape sequence, C1 control and other control is dropped whole, with no `^[` marker, since
/// a title is printed in many places (lists, ids, JSON) where a marker would only be noise; tabs
/// become spaces. The importer warns about the source lines instead.
pub fn strip(s: &str) -> Cow<'_, str> {
    match first_control(s.as_bytes(), false) {
        None => Cow::Borrowed(s),
        Some(first) => Cow::Owned(neutralise_as(s, first, false, true).text),
    }
}

/// Sanitised Markdown and the way back to offsets in the original.
#[derive(Debug)]
pub struct Sanitized<'a> {
    pub text: Cow<'a, str>,
    /// (offset in `text`, offset in the original) wherever the two stop moving together.
    map: Vec<(usize, usize)>,
}

impl Sanitized<'_> {
    /// Offset in the original string of byte `pos` of the sanitised text. Inside a marker it
    /// points into the sequence the marker replaced.
    pub fn original_offset(&self, pos: usize) -> usize {
        let i = self.map.partition_point(|&(o, _)| o <= pos);
        match i.checked_sub(1) {
            Some(i) => {
                let at = self.map[i].1 + (pos - self.map[i].0);
                // A marker can be longer than what it replaced (`^\@` for one NUL byte, four
                // spaces for a tab): inside it, stay within the replaced bytes, never past
                // where the input resumes (found by fuzzing: a line starting inside `^\@` at
                // width 1 got an offset past the end of the text).
                match self.map.get(i + 1) {
                    Some(&(_, resume)) => at.min(resume),
                    None => at,
                }
            }
            None => pos,
        }
    }
}

struct Out {
    text: String,
    map: Vec<(usize, usize)>,
    markdown: bool,
    /// Drop what is neutralised instead of marking it (see [`strip`]).
    drop_marks: bool,
}

impl Out {
    /// Emit a marker for input byte `at`; `caret` is the caret-notation character.
    fn caret(&mut self, caret: char, at: usize) {
        self.map.push((self.text.len(), at));
        if self.drop_marks {
            return;
        }
        self.text.push('^');
        if self.markdown && caret.is_ascii_punctuation() {
            self.text.push('\\');
        }
        self.text.push(caret);
    }

    /// Input resumes verbatim at byte `at`.
    fn resume(&mut self, at: usize) {
        self.map.push((self.text.len(), at));
    }
}

fn neutralise(s: &str, first: usize, markdown: bool) -> Out {
    neutralise_as(s, first, markdown, false)
}

fn neutralise_as(s: &str, first: usize, markdown: bool, drop_marks: bool) -> Out {
    let mut out = Out {
        text: String::with_capacity(s.len() + 8),
        map: Vec::new(),
        markdown,
        drop_marks,
    };
    out.text.push_str(&s[..first]);
    // Tab stops: the display column at output byte `measured` of the current line (measured
    // incrementally, so a long line full of tabs stays linear).
    let mut measured = out.text.rfind('\n').map_or(0, |i| i + 1);
    let mut col = 0;
    let mut chars = s.char_indices().peekable();
    while chars.next_if(|&(i, _)| i < first).is_some() {}
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                out.text.push('\n');
                measured = out.text.len();
                col = 0;
                continue;
            }
            '\t' if markdown => {
                out.text.push('\t');
                continue;
            }
            '\t' => {
                col += str_width(&out.text[measured..]);
                let spaces = TAB_STOP - col % TAB_STOP;
                out.map.push((out.text.len(), i));
                out.text.extend(std::iter::repeat_n(' ', spaces));
                col += spaces;
                measured = out.text.len();
            }
            '\r' if matches!(chars.peek(), Some((_, '\n'))) => {}
            '\u{1b}' => {
                out.caret('[', i);
                skip_escape_body(&mut chars);
            }
            '\u{0}'..='\u{1f}' => out.caret(char::from(c as u8 + 0x40), i),
            '\u{7f}' => out.caret('?', i),
            '\u{80}'..='\u{9f}' => {
                out.caret('[', i);
                match c {
                    '\u{9b}' => skip_csi_body(&mut chars),
                    '\u{9d}' => skip_string_body(&mut chars, true),
                    '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                        skip_string_body(&mut chars, false)
                    }
                    _ => {}
                }
            }
            c if is_bidi_control(c) => {}
            c => {
                out.text.push(c);
                continue;
            }
        }
        // Something was replaced or dropped: record where the input resumes.
        let next = chars.peek().map_or(s.len(), |&(j, _)| j);
        out.resume(next);
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// After an ESC: consume the rest of the sequence it introduces.
fn skip_escape_body(chars: &mut Chars<'_>) {
    let Some(&(_, next)) = chars.peek() else {
        return;
    };
    match next {
        '[' => {
            chars.next();
            skip_csi_body(chars);
        }
        ']' => {
            chars.next();
            skip_string_body(chars, true);
        }
        'P' | 'X' | '^' | '_' => {
            chars.next();
            skip_string_body(chars, false);
        }
        // nF: intermediates then one final byte (e.g. ESC ( B selects a character set).
        ' '..='/' => {
            while matches!(chars.peek(), Some((_, ' '..='/'))) {
                chars.next();
            }
            if matches!(chars.peek(), Some((_, '0'..='~'))) {
                chars.next();
            }
        }
        // Two-byte sequences: ESC 7, ESC c (full reset), ESC M, …
        '0'..='~' => {
            chars.next();
        }
        // ESC before a control, a space-less non-ASCII char or the end: ESC alone.
        _ => {}
    }
}

/// CSI body: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
/// Anything else ends the (malformed) sequence and is processed as text.
fn skip_csi_body(chars: &mut Chars<'_>) {
    while matches!(chars.peek(), Some((_, '0'..='?'))) {
        chars.next();
    }
    while matches!(chars.peek(), Some((_, ' '..='/'))) {
        chars.next();
    }
    if matches!(chars.peek(), Some((_, '@'..='~'))) {
        chars.next();
    }
}

/// Control-string body (OSC, DCS, SOS, PM, APC): up to and including the terminator — BEL (OSC
/// only), `ESC \` or U+009C. Stops before a newline or any other control so that a missing
/// terminator cannot swallow the rest of the text; that control is then handled normally.
fn skip_string_body(chars: &mut Chars<'_>, bel_ends: bool) {
    while let Some(&(_, c)) = chars.peek() {
        match c {
            '\u{7}' if bel_ends => {
                chars.next();
                return;
            }
            '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                let mut ahead = chars.clone();
                ahead.next();
                if matches!(ahead.peek(), Some((_, '\\'))) {
                    chars.next();
                    chars.next();
                }
                return;
            }
            c if c.is_control() => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        sanitize(x).into_owned()
    }

    #[test]
    fn clean_text_is_borrowed() {
        for t in ["", "plain", "中文，English.\nnext line", "é ü ß — … “”"] {
            assert!(matches!(sanitize(t), Cow::Borrowed(_)), "{t:?}");
            assert!(!has_controls(t));
        }
    }

    #[test]
    fn c0_controls_use_caret_notation() {
        assert_eq!(s("a\u{7}b"), "a^Gb");
        assert_eq!(s("\u{0}"), "^@");
        assert_eq!(s("x\u{8}y"), "x^Hy");
        assert_eq!(s("\u{1f}"), "^_");
        assert_eq!(s("a\u{7f}"), "a^?");
        assert_eq!(s("a\rb"), "a^Mb");
        assert_eq!(s("a\r\nb"), "a\nb", "CR before LF is dropped");
        assert!(has_controls("a\u{7}"));
    }

    #[test]
    fn tabs_expand_to_stops_of_four() {
        assert_eq!(s("\tx"), "    x");
        assert_eq!(s("ab\tx"), "ab  x");
        assert_eq!(s("abcd\tx"), "abcd    x");
        assert_eq!(s("中\tx"), "中  x", "columns are display columns");
        assert_eq!(
            s("abc\nd\tx"),
            "abc\nd   x",
            "stops restart after a newline"
        );
        assert_eq!(s("a\t\tb"), "a       b");
    }

    #[test]
    fn csi_sequences_are_replaced_whole() {
        assert_eq!(s("a\u{1b}[2Jb"), "a^[b");
        assert_eq!(s("\u{1b}[1;31mred\u{1b}[0m"), "^[red^[");
        assert_eq!(s("\u{1b}[?1049h"), "^[");
        assert_eq!(s("x\u{1b}[ q"), "x^[", "intermediate byte");
        // Malformed: a non-CSI byte ends it and is kept.
        assert_eq!(s("\u{1b}[12中"), "^[中");
        assert_eq!(s("\u{1b}["), "^[");
    }

    #[test]
    fn osc_sequences_are_replaced_whole() {
        assert_eq!(s("a\u{1b}]0;evil title\u{7}b"), "a^[b");
        assert_eq!(
            s("a\u{1b}]52;c;ZXZpbA==\u{1b}\\b"),
            "a^[b",
            "clipboard, ST end"
        );
        assert_eq!(
            s("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "^[link^[",
            "hyperlink keeps its visible text"
        );
        // Unterminated: stops at the newline, the next line survives.
        assert_eq!(s("a\u{1b}]0;title\nnext"), "a^[\nnext");
        // Terminated by another escape: that escape is handled on its own.
        assert_eq!(s("\u{1b}]0;t\u{1b}[2Jz"), "^[^[z");
    }

    #[test]
    fn dcs_sos_pm_apc_end_at_st() {
        assert_eq!(s("a\u{1b}P1$qm\u{1b}\\b"), "a^[b");
        assert_eq!(s("a\u{1b}Xsos\u{1b}\\b"), "a^[b");
        assert_eq!(s("a\u{1b}^pm\u{1b}\\b"), "a^[b");
        assert_eq!(s("a\u{1b}_apc\u{9c}b"), "a^[b");
        // BEL does not end a DCS; it is its own control.
        assert_eq!(s("\u{1b}Pq\u{7}b"), "^[^Gb");
    }

    #[test]
    fn two_byte_and_nf_escapes() {
        assert_eq!(s("a\u{1b}cb"), "a^[b", "ESC c (reset) eats only the c");
        assert_eq!(s("a\u{1b}(Bb"), "a^[b");
        assert_eq!(s("a\u{1b}"), "a^[");
        assert_eq!(s("a\u{1b}中"), "a^[中");
        assert_eq!(s("\u{1b}\u{1b}[m"), "^[^[");
    }

    #[test]
    fn c1_controls() {
        assert_eq!(s("a\u{9b}2Jb"), "a^[b", "8-bit CSI takes its parameters");
        assert_eq!(s("a\u{9b}1;31mred"), "a^[red");
        assert_eq!(s("a\u{9d}0;title\u{7}b"), "a^[b", "8-bit OSC");
        assert_eq!(s("a\u{90}data\u{9c}b"), "a^[b", "8-bit DCS");
        assert_eq!(s("a\u{85}b"), "a^[b", "NEL");
        assert_eq!(s("\u{80}\u{9f}"), "^[^[");
        assert!(has_controls("\u{9b}"));
        assert!(!has_controls("\u{a0}"), "NBSP is not a control");
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(s("abc\u{202e}def\u{202c}"), "abcdef");
        assert_eq!(s("\u{202a}\u{202b}\u{202d}x"), "x");
        assert_eq!(s("\u{2066}a\u{2067}b\u{2068}c\u{2069}"), "abc");
        assert!(has_controls("\u{2069}"));
        assert!(
            !has_controls("\u{2065}\u{202f}"),
            "neighbours are untouched"
        );
    }

    #[test]
    fn offsets_inside_a_longer_marker_stay_within_what_it_replaced() {
        // One NUL byte becomes `^\@` (3 bytes): every position in the marker maps to 0..=1.
        let m = sanitize_markdown("a\u{0}b");
        assert_eq!(m.text, "a^\\@b");
        let got: Vec<usize> = (0..m.text.len()).map(|p| m.original_offset(p)).collect();
        assert_eq!(got, [0, 1, 2, 2, 2]);
        let m = sanitize_markdown("\u{0}");
        assert!((0..m.text.len()).all(|p| m.original_offset(p) <= 1));
    }

    #[test]
    fn strip_drops_whole_sequences_without_markers() {
        assert_eq!(
            strip("Forum \u{1b}]0;pwned\u{7}held \u{1b}[2Jin \u{9b}31mBeijing\u{202e}\u{7}"),
            "Forum held in Beijing"
        );
        assert_eq!(strip("a\tb\u{0}c\u{7f}"), "a   bc");
        assert!(matches!(strip("clean 中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_variant_keeps_tabs_and_escapes_markers() {
        let m = sanitize_markdown("a\tb\u{1b}]0;t\u{7}c\u{1c}d\u{7f}");
        assert_eq!(m.text, "a\tb^\\[c^\\\\d^\\?");
        let clean = sanitize_markdown("plain *md*\twith tab");
        assert!(matches!(clean.text, Cow::Borrowed(_)));
        assert_eq!(clean.original_offset(5), 5);
    }

    #[test]
    fn markdown_offsets_map_back() {
        let src = "ab\u{1b}[31mcd\u{202e}ef";
        let m = sanitize_markdown(src);
        assert_eq!(m.text, "ab^\\[cdef");
        let at = |needle: &str| m.original_offset(m.text.find(needle).unwrap());
        assert_eq!(at("ab"), 0);
        assert_eq!(at("^"), 2);
        assert_eq!(at("cd"), src.find("cd").unwrap());
        assert_eq!(at("ef"), src.find("ef").unwrap());
    }

    /// The byte-by-byte scan the word-at-a-time one replaced.
    fn first_control_bytewise(b: &[u8], keep_tabs: bool) -> Option<usize> {
        (0..b.len()).find(|&i| starts_control(b, i, keep_tabs))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Controls at every offset of a word, and lead bytes split across words.
        #[test]
        fn word_scan_finds_what_the_byte_scan_finds(
            t in "[a-z 中“”—\\n\\t\u{7}\u{1b}\u{7f}\u{85}\u{9b}\u{a0}\u{202a}\u{202e}\u{2066}\u{2069}\u{2065}\u{202f}]{0,40}",
            keep_tabs: bool,
        ) {
            proptest::prop_assert_eq!(
                first_control(t.as_bytes(), keep_tabs),
                first_control_bytewise(t.as_bytes(), keep_tabs)
            );
        }
    }

    #[test]
    fn output_never_contains_controls() {
        let nasty: String = (0u32..0x200)
            .chain(0x2020..0x2070)
            .filter_map(char::from_u32)
            .collect();
        let out = s(&nasty);
        assert!(!has_controls(&out), "{out:?}");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
    }
}
