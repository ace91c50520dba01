//! Line-start / line-end prohibitions (W3C clreq "basic" level, 禁则) applied on top of UAX #14.
//!
//! UAX #14 already keeps most ASCII closing punctuation (`,.;:!?)]}`) off the start of a line,
//! but it allows breaks that Chinese typesetting forbids, and `unicode-linebreak` implements
//! Unicode 15.0, whose rule LB19 forbids every break next to a curly quote. So this module:
//!
//! * removes a break before a character in [`no_line_start`] (、，。：；！？）》」』】〕, closing
//!   quotes ” ’, ASCII `,.;:!?)]}` and their fullwidth forms, and superscripts such as the
//!   affiliation marks `¹˒²`, which belong to the word before them);
//! * removes a break after a character in [`no_line_end`] (（《「『【〔, opening quotes “ ‘ and
//!   ASCII `([{`), looking past whitespace;
//! * removes a break inside `……` and `——` (two-em ellipsis and dash are one unit);
//! * adds the breaks that Unicode 15.1 (LB19a) allows next to curly quotes in East Asian
//!   context: before an opening quote that follows a wide character, and after a closing quote
//!   that precedes one. Without this a long quotation in Chinese text glues to its neighbours.

use unicode_width::UnicodeWidthChar;

/// Characters either side of a candidate break.
#[derive(Clone, Copy, Debug)]
pub struct Boundary {
    /// The character just before the break (possibly whitespace), if any.
    pub before: Option<char>,
    /// The last non-whitespace character before the break, if any.
    pub before_visible: Option<char>,
    /// The first character after the break.
    pub after: char,
}

/// Must not begin a line.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | '。'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '・'
            | '·'
            | '‧'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
    ) || super::tex::is_superscript(c)
}

/// Must not end a line.
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

/// Characters that are doubled into one unit (`……`, `——`) and never split.
fn doubled_unit(c: char) -> bool {
    matches!(c, '…' | '—' | '⋯' | '─')
}

fn wide(c: char) -> bool {
    c.width() == Some(2)
}

/// The characters next to which [`allows_break`] may add a break UAX #14 does not give.
pub fn is_curly_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '”' | '’')
}

/// A fullwidth opening bracket (`《（「` …): UAX #14 class OP with East Asian width F or W.
pub fn is_wide_opening(c: char) -> bool {
    wide(c) && no_line_end(c) && !is_curly_quote(c)
}

/// Whether a line may break at this boundary. `uax` says whether UAX #14 allows it.
pub fn allows_break(uax: bool, at: Boundary) -> bool {
    let extra = match at.before {
        Some(b) => {
            (matches!(at.after, '“' | '‘') && wide(b))
                || (matches!(b, '”' | '’') && wide(at.after))
                // UAX #14's LB30 keeps a letter or digit with an opening bracket after it
                // (`f(x)`) but exempts East Asian brackets; unicode-linebreak applies it to
                // them too, which glues `GB 7258—2017` to the `《…》` title after it.
                || (b.is_alphanumeric() && is_wide_opening(at.after))
        }
        None => false,
    };
    if !(uax || extra) {
        return false;
    }
    if no_line_start(at.after) || at.before_visible.is_some_and(no_line_end) {
        return false;
    }
    !(at.before == Some(at.after) && doubled_unit(at.after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(before: char, after: char) -> Boundary {
        Boundary {
            before: Some(before),
            before_visible: Some(before),
            after,
        }
    }

    #[test]
    fn prohibitions() {
        for c in "、，。：；！？）》」』】〕”’,.;:!?)¹²³⁴˒".chars() {
            assert!(!allows_break(true, at('中', c)), "{c} starts a line");
        }
        for c in "（《「『【〔“‘(".chars() {
            assert!(!allows_break(true, at(c, '中')), "{c} ends a line");
        }
        assert!(!allows_break(true, at('…', '…')));
        assert!(!allows_break(true, at('—', '—')));
        assert!(allows_break(true, at('中', '文')));
        assert!(!allows_break(false, at('a', 'b')));
    }

    #[test]
    fn opening_bracket_is_seen_through_spaces() {
        let b = Boundary {
            before: Some(' '),
            before_visible: Some('（'),
            after: '中',
        };
        assert!(!allows_break(true, b));
    }

    #[test]
    fn quotes_in_cjk_context_allow_breaks() {
        assert!(allows_break(false, at('说', '“')));
        assert!(allows_break(false, at('”', '中')));
        assert!(
            !allows_break(false, at('a', '“')),
            "Latin context keeps LB19"
        );
        assert!(!allows_break(false, at('”', '。')));
    }

    #[test]
    fn letter_or_digit_before_a_wide_opening_bracket() {
        assert!(allows_break(false, at('7', '《')));
        assert!(allows_break(false, at('O', '（')));
        assert!(!allows_break(false, at('7', '(')), "ASCII keeps LB30");
        assert!(!allows_break(false, at('-', '《')));
    }
}
