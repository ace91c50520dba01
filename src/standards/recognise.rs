//! Finds standard designations in text: `GB/T 17766-2020`, `ISO/IEC 42001:2023`,
//! `ITU-T Y.3172`, `T/CAS 1-2020`, and the numbers listed after one ("ISO/IEC 22989 and
//! 23894"). What counts is in the tables of [`super::bodies`]; this file only reads text.
//!
//! A designation is made of ASCII text joined by single spaces, so it never runs over a line
//! break: a body at the end of one line and a number at the start of the next are two words,
//! not a standard.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::bodies::{
    self, Body, GROUP_CODE_MAX, LIST_MIN_DIGITS, LIST_SEPARATORS, NOT_AFTER, QUALIFIERS,
    SECTOR_CODE_MAX, SECTOR_CODES, Shape, YEARS,
};

/// One designation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text: the whole designation, or only the number for one listed after
    /// another ("23894" in "ISO/IEC 22989 and 23894").
    pub range: Range<usize>,
    /// The undated designation every edition shares: `ISO/IEC 42001`, `GB/T 17766`.
    pub designation: String,
    /// The issuing body as written in the designation: `ISO/IEC`, `GB/T`, `T/CAS`, `SN/T`.
    pub body: String,
    /// The number with its parts: `25639-1`, `33681.1`, `Y.3172`, `P3419`.
    pub number: String,
    /// The edition's year (`2023`), or ASTM's two digits, when the text gives one.
    pub edition: Option<String>,
}

/// Every designation in `text`, in order.
pub fn recognise(text: &str) -> Vec<Found> {
    let mut all = Vec::new();
    each(text, |f| all.push(f));
    all
}

/// Calls `take` with every designation in `text`, in order.
pub fn each(text: &str, mut take: impl FnMut(Found)) {
    let bytes = text.as_bytes();
    // Nothing before this byte is looked at again (it is inside a designation already found).
    let mut cursor = 0;
    for m in candidates().find_iter(text) {
        let mut start = m.start();
        if matches!(&bytes[start..m.end()], b"/T" | b"/Z") || text[start..].starts_with('／') {
            // A sector code before `/T`: back up over it.
            while start > 0 && bytes[start - 1].is_ascii_uppercase() {
                start -= 1;
            }
        }
        if start < cursor || !starts_word(text, start) {
            continue;
        }
        if let Some(end) = designations_at(text, start, &mut take) {
            cursor = end;
        }
    }
}

/// Where a designation may begin: every body's first letters, and `/T` for sector codes. One
/// search for all of them (the regex crate finds a set of literals quickly), then each is read
/// by hand.
fn candidates() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let mut lits: Vec<String> = bodies::BODIES
            .iter()
            .map(|b| first_token(b.name).to_string())
            .chain(SECTOR_CODES.iter().map(|s| s.to_string()))
            .chain(["T/", "T／", "/T", "/Z", "／T", "／Z"].map(String::from))
            .collect();
        lits.sort();
        lits.dedup();
        let alts: Vec<String> = lits.iter().map(|l| regex::escape(l)).collect();
        Regex::new(&alts.join("|")).expect("literal alternation is a valid regex")
    })
}

fn first_token(name: &str) -> &str {
    name.split(['/', ' ']).next().unwrap_or(name)
}

/// Whether a designation may start at `at`: not inside a word, a code (`ISO/IEC`'s `IEC`) or
/// a number.
fn starts_word(text: &str, at: usize) -> bool {
    match text[..at].chars().next_back() {
        None => true,
        Some(c) => !(c.is_ascii_alphanumeric() || matches!(c, '/' | '／' | '-' | '_' | '.')),
    }
}

/// Reads the designation at `start` and any numbers listed after it, handing each to `take`.
/// Returns the end of the last one, or `None` when there is no designation at `start`.
fn designations_at(text: &str, start: usize, take: &mut impl FnMut(Found)) -> Option<usize> {
    let head = read_head(text, start)?;
    let num = read_number(text, head.end, head.shape)?;
    if !acceptable(text, &num, &head) {
        return None;
    }
    let mut end = num.end;
    take(head.found(text, start..end, &num));
    // "ISO/IEC 22989 and 23894": more numbers under the same body.
    'list: loop {
        for sep in LIST_SEPARATORS {
            if !text[end..].starts_with(sep) {
                continue;
            }
            let at = end + sep.len();
            match read_number(text, at, head.shape) {
                Some(n) if n.first_digits >= LIST_MIN_DIGITS && acceptable(text, &n, &head) => {
                    end = n.end;
                    take(head.found(text, at..end, &n));
                    continue 'list;
                }
                _ => break 'list,
            }
        }
        break;
    }
    Some(end)
}

/// A body and qualifier, read: where the number should start and how to read it.
struct Head {
    body: String,
    qualifier: Option<&'static str>,
    shape: Shape,
    needs_edition: bool,
    /// Where the number starts.
    end: usize,
}

impl Head {
    fn found(&self, text: &str, range: Range<usize>, num: &Number) -> Found {
        let number = text[num.number.clone()].to_string();
        let designation = match self.qualifier {
            // `ISO/TS 22002`, but `ISO/IEC TR 24028`: the usual way each is written.
            Some(q) if self.body.contains('/') => format!("{} {q} {number}", self.body),
            Some(q) => format!("{}/{q} {number}", self.body),
            None => format!("{} {number}", self.body),
        };
        Found {
            range,
            designation,
            body: self.body.clone(),
            number,
            edition: num.edition.clone().map(|r| text[r].to_string()),
        }
    }
}

fn read_head(text: &str, start: usize) -> Option<Head> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut tokens: Vec<&str> = Vec::new();
    loop {
        let tok = i;
        while i < bytes.len() && bytes[i].is_ascii_uppercase() {
            i += 1;
        }
        if &text[tok..i] == "ITU" && text[i..].starts_with("-T") {
            i += 2;
        }
        if i == tok {
            return None;
        }
        tokens.push(&text[tok..i]);
        let slash = slash_len(&text[i..]);
        if slash > 0 && bytes.get(i + slash).is_some_and(u8::is_ascii_uppercase) {
            i += slash;
            continue;
        }
        break;
    }
    let name = tokens.join("/");
    let mut qualifier = None;
    let (body, shape, needs_edition, qualified) = if let Some(b) = bodies::lookup(&name) {
        let mut b: &Body = b;
        // `EN ISO 13849`: the European adoption of an ISO or IEC standard.
        if let Some(rest) = text[i..].strip_prefix(' ') {
            for adopted in ["ISO", "IEC"] {
                if let Some(after) = rest.strip_prefix(adopted)
                    && !after.starts_with(|c: char| c == '/' || c.is_ascii_alphabetic())
                    && let Some(en) = bodies::lookup(&format!("{} {adopted}", b.name))
                {
                    i += 1 + adopted.len();
                    b = en;
                    break;
                }
            }
        }
        (b.name.to_string(), b.shape, false, b.qualified)
    } else if let [rest @ .., last] = tokens.as_slice()
        && let Some(q) = QUALIFIERS.iter().find(|q| *q == last)
        && let Some(b) = bodies::lookup(&rest.join("/")).filter(|b| b.qualified)
    {
        qualifier = Some(*q);
        (b.name.to_string(), b.shape, false, false)
    } else if let ["T", group] = tokens.as_slice()
        && (2..=GROUP_CODE_MAX).contains(&group.len())
    {
        (format!("T/{group}"), Shape::Chinese, false, false)
    } else if let [code, kind @ ("T" | "Z")] = tokens.as_slice()
        && (2..=SECTOR_CODE_MAX).contains(&code.len())
    {
        (format!("{code}/{kind}"), Shape::Chinese, false, false)
    } else if let [code] = tokens.as_slice()
        && SECTOR_CODES.contains(code)
    {
        (code.to_string(), Shape::Chinese, true, false)
    } else {
        return None;
    };
    // `ISO/IEC TR 24028`: a document type after a space.
    if qualified && let Some(rest) = text[i..].strip_prefix(' ') {
        let word = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(rest, |n| &rest[..n]);
        if let Some(q) = QUALIFIERS.iter().find(|q| **q == word)
            && space_len(&rest[word.len()..]) > 0
        {
            qualifier = Some(*q);
            i += 1 + word.len();
        }
    }
    // One space (or none: `GB/T17766`), never a line break.
    i += space_len(&text[i..]);
    Some(Head {
        body,
        qualifier,
        shape,
        needs_edition,
        end: i,
    })
}

fn slash_len(s: &str) -> usize {
    if s.starts_with('/') {
        1
    } else if s.starts_with('／') {
        '／'.len_utf8()
    } else {
        0
    }
}

/// A space, a no-break space or an ideographic space between body and number.
fn space_len(s: &str) -> usize {
    match s.chars().next() {
        Some(c @ (' ' | '\u{a0}' | '\u{3000}')) => c.len_utf8(),
        _ => 0,
    }
}

/// A number read after a body.
struct Number {
    number: Range<usize>,
    edition: Option<Range<usize>>,
    /// Whether the number has parts (`-1`, `.1`).
    parts: bool,
    /// Digits in the number's first run: "23894" 5, "Y.3172" 4.
    first_digits: usize,
    end: usize,
}

fn digits(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| YEARS.contains(&y))
}

fn read_number(text: &str, at: usize, shape: Shape) -> Option<Number> {
    let b = text.as_bytes();
    let mut i = at;
    // The letters some bodies put before the digits.
    match shape {
        Shape::Itu => {
            if !(b.get(i).is_some_and(u8::is_ascii_uppercase) && b.get(i + 1) == Some(&b'.')) {
                return None;
            }
            i += 2;
        }
        Shape::Astm => {
            if !b.get(i).is_some_and(u8::is_ascii_uppercase) {
                return None;
            }
            i += 1;
        }
        Shape::Jis => {
            if !(b.get(i).is_some_and(u8::is_ascii_uppercase) && b.get(i + 1) == Some(&b' ')) {
                return None;
            }
            i += 2;
        }
        Shape::Ieee if b.get(i) == Some(&b'P') => i += 1,
        _ => {}
    }
    let first_digits = digits(b, i);
    if first_digits == 0 {
        return None;
    }
    i += first_digits;
    let part_sep: &[u8] = match shape {
        Shape::Chinese | Shape::Itu | Shape::Ieee => b".",
        Shape::Parts | Shape::Jis => b"-",
        Shape::Astm => b"",
    };
    // Parts, with where each starts, for an edition written as a last part.
    let mut parts = Vec::new();
    while i + 1 < b.len() && part_sep.contains(&b[i]) && b[i + 1].is_ascii_digit() {
        let n = digits(b, i + 1);
        parts.push(i);
        i += 1 + n;
    }
    if shape == Shape::Ieee {
        // `802.11ax`: an amendment's letters.
        let n = b[i..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        if n <= 3
            && n > 0
            && !b.get(i + n).is_some_and(u8::is_ascii_alphanumeric)
            && !parts.is_empty()
        {
            i += n;
        }
    }
    let mut number = at..i;
    let mut edition = None;
    let rest = &text[i..];
    match shape {
        Shape::Chinese | Shape::Ieee => {
            for dash in ["-", "—", "–"] {
                if let Some(r) = rest.strip_prefix(dash)
                    && digits(r.as_bytes(), 0) == 4
                    && is_year(&r[..4])
                {
                    let s = i + dash.len();
                    edition = Some(s..s + 4);
                    i = s + 4;
                    break;
                }
            }
        }
        Shape::Parts | Shape::Jis => {
            if let Some(r) = rest.strip_prefix(':')
                && digits(r.as_bytes(), 0) == 4
                && is_year(&r[..4])
            {
                edition = Some(i + 1..i + 5);
                i += 5;
            } else if let Some(&last) = parts.last()
                && i - last == 5
                && is_year(&text[last + 1..i])
            {
                // `42001-2023`, `615-4-2003`: a year as the last part is the edition.
                edition = Some(last + 1..i);
                number = at..last;
                parts.pop();
            }
        }
        Shape::Astm => {
            if let Some(r) = rest.strip_prefix('-')
                && digits(r.as_bytes(), 0) == 2
            {
                edition = Some(i + 1..i + 3);
                i += 3;
            }
        }
        Shape::Itu => {}
    }
    Some(Number {
        number,
        edition,
        parts: !parts.is_empty(),
        first_digits,
        end: i,
    })
}

/// The checks every designation passes: it ends where a word ends, it is no year and no
/// award, and a bare sector code has its edition.
fn acceptable(text: &str, num: &Number, head: &Head) -> bool {
    let rest = &text[num.end..];
    let b = rest.as_bytes();
    if let Some(&c) = b.first() {
        if c.is_ascii_alphanumeric() || c == b'_' {
            return false;
        }
        // `ISO 9001.2`, `GB/T 1234-12`, `IEC 61/123`: the number goes on in a way no shape
        // reads, so it is something else.
        if matches!(c, b'-' | b'.' | b':' | b'/') && b.get(1).is_some_and(u8::is_ascii_digit) {
            return false;
        }
    }
    if head.needs_edition && num.edition.is_none() {
        return false;
    }
    let number = &text[num.number.clone()];
    if num.edition.is_none() && !num.parts && is_year(number) {
        return false;
    }
    let after = rest.strip_prefix(' ').unwrap_or(rest);
    !NOT_AFTER.iter().any(|w| {
        after.starts_with(w) && !after[w.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}
