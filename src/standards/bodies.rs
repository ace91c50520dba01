//! The tables the recogniser reads: which bodies issue standards, how each writes its numbers,
//! and the words that make a body-and-number something else (a committee, an award, a meeting).
//! Adding a body is adding a row here; `recognise` has no body names of its own.

/// How a body writes a number and its edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Chinese national, sector and group standards: `17766`, `33681.1`, `1410.1`; edition
    /// after a hyphen or a dash: `-2020`, `—2020`, `–2020`.
    Chinese,
    /// ISO, IEC, EN, UIC: `25639-1`, `60068-3-14`; edition after a colon (`:2025`) or, as a
    /// last hyphenated part that is a year, after a hyphen (`42001-2023`, `615-4-2003`).
    Parts,
    /// ITU-T recommendations: a series letter and a number, `Y.3172`, `X.509`.
    Itu,
    /// IEEE: `2857`, `802.11`, a project `P3419`; edition after a hyphen, `-2021`.
    Ieee,
    /// ASTM: a letter and a number, `D638`; a two-digit edition after a hyphen, `-14`.
    Astm,
    /// JIS: a division letter, a space and a number, `E 4207`; edition after a colon.
    Jis,
}

/// A body whose name is written out in full.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub name: &'static str,
    pub shape: Shape,
    /// Whether the body takes a document-type qualifier (`ISO/IEC TR 24028`, `ISO/TS 22002`).
    pub qualified: bool,
}

const fn body(name: &'static str, shape: Shape, qualified: bool) -> Body {
    Body {
        name,
        shape,
        qualified,
    }
}

/// Bodies by name, as written (the full-width slash `／` is read as `/`).
pub const BODIES: &[Body] = &[
    body("GB", Shape::Chinese, false),
    body("GB/T", Shape::Chinese, false),
    body("GB/Z", Shape::Chinese, false),
    body("ISO", Shape::Parts, true),
    body("IEC", Shape::Parts, true),
    body("ISO/IEC", Shape::Parts, true),
    body("ISO/IEC/IEEE", Shape::Parts, true),
    body("IEC/IEEE", Shape::Parts, true),
    body("ISO/ASTM", Shape::Parts, true),
    body("EN", Shape::Parts, false),
    body("EN ISO", Shape::Parts, false),
    body("EN IEC", Shape::Parts, false),
    body("UIC", Shape::Parts, false),
    body("ITU-T", Shape::Itu, false),
    body("IEEE", Shape::Ieee, false),
    body("ASTM", Shape::Astm, false),
    body("JIS", Shape::Jis, false),
];

/// Document types between an ISO/IEC body and the number: `ISO/IEC TR 24028`, `ISO/TS 22002`,
/// `ISO/PWI 25534-1` (a project is followed like a standard).
pub const QUALIFIERS: &[&str] = &[
    "TR", "TS", "PAS", "Guide", "IS", "DIS", "FDIS", "CD", "DTR", "DTS", "PWI", "NP", "AWI",
];

/// Chinese sector codes used without `/T` (mandatory sector standards: `HJ 837-2022`). Two
/// capital letters and a number are common in English text, so these count only with an
/// edition. `XX/T` and `XX/Z` (recommended sector standards) need no list: the `/T` says it.
pub const SECTOR_CODES: &[&str] = &[
    "AQ", "CJ", "DL", "FZ", "GA", "GY", "HG", "HJ", "JB", "JC", "JG", "JJF", "JJG", "JR", "JT",
    "JY", "LY", "MH", "MT", "NB", "NY", "QB", "QC", "SH", "SJ", "SL", "SN", "SY", "TB", "WS", "XF",
    "YB", "YD", "YS", "YY",
];

/// Group standards are `T/` and the group's code, 2 to this many capital letters: `T/CAS`.
pub const GROUP_CODE_MAX: usize = 10;
/// Sector codes before `/T` are 2 to this many capital letters: `SN/T`, `JJF`.
pub const SECTOR_CODE_MAX: usize = 4;

/// Words after a body and number that make it a name, not a standard: `IEC 1906 Award`.
pub const NOT_AFTER: &[&str] = &[
    "Award",
    "Awards",
    "Prize",
    "Medal",
    "General Meeting",
    "Annual Meeting",
    "Meeting",
    "Forum",
    "Conference",
    "Summit",
    "Week",
    "Congress",
    "Plenary",
    "Session",
    "Challenge",
    "Gala",
];

/// Separators of a list of numbers under one body: "ISO/IEC 22989 and 23894".
pub const LIST_SEPARATORS: &[&str] = &[
    ", and ", ", or ", ", ", " and ", " or ", " & ", "、", "和", "及", "与", "，",
];

/// A listed number must have at least this many digits in its first part, so that "ISO 9001,
/// 12 countries" does not read 12 as a standard.
pub const LIST_MIN_DIGITS: usize = 3;

/// Four-digit numbers in this range with no part and no edition are years ("ISO 2025"), not
/// standards.
pub const YEARS: std::ops::RangeInclusive<u32> = 1900..=2099;

/// Looks a body up by name.
pub fn lookup(name: &str) -> Option<&'static Body> {
    BODIES.iter().find(|b| b.name == name)
}
