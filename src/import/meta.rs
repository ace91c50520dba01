//! Issue metadata from the cover and masthead: volume, number, year, months, publishing date.

use regex::Regex;
use std::sync::LazyLock;

use super::lines::strip_markup;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    pub year: Option<u32>,
    pub number: Option<u32>,
    pub volume: Option<u32>,
    pub months: Option<String>,
    pub published: Option<String>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number (1-based) from an English month name or abbreviation (`MAR.`, `JUNE`, `Jun`).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) || (w.len() > 3 && w.starts_with(&m[..3]) && m == &w))
        .map(|i| i as u32 + 1)
}

fn month_abbrev(n: u32) -> String {
    let m = MONTHS[(n - 1) as usize];
    let mut s = m[..3].to_string();
    s[..1].make_ascii_uppercase();
    s
}

static VOLUME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([A-Z]{3,9})\.?\s*/\s*([A-Z]{3,9})\.?\s+VOLUME\s+(\d+)").unwrap()
});
static VOLUME_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bVOLUME\s+(\d+)").unwrap());
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i)NO\.\s*(\d+)$").unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)$").unwrap());
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)publishing date:?\s*([A-Za-z]+)\.?\s+(\d{1,2}),\s*((?:19|20)\d\d)").unwrap()
});
/// A report's date line: `January | 2025`.
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z]+)\s*\|?\s*((?:19|20)\d\d)$").unwrap());

/// Reads metadata from the lines before the contents page. The first value found wins, as the
/// cover comes first and the masthead repeats it.
pub fn read_meta(lines: &[&str]) -> Meta {
    let mut m = Meta::default();
    for raw in lines {
        let line = strip_markup(raw);
        if m.volume.is_none() {
            if let Some(c) = VOLUME.captures(&line) {
                m.volume = c[3].parse().ok();
                if let (Some(a), Some(b)) = (month_number(&c[1]), month_number(&c[2])) {
                    m.months = Some(format!("{}/{}", month_abbrev(a), month_abbrev(b)));
                }
            } else if let Some(c) = VOLUME_ONLY.captures(&line) {
                m.volume = c[1].parse().ok();
            }
        }
        if m.number.is_none()
            && let Some(c) = NUMBER.captures(&line)
        {
            m.number = c[1].parse().ok();
        }
        if m.year.is_none()
            && let Some(c) = YEAR.captures(&line)
        {
            m.year = c[1].parse().ok();
        }
        if m.published.is_none()
            && let Some(c) = PUBLISHED.captures(&line)
            && let Some(mon) = month_number(&c[1])
        {
            let day: u32 = c[2].parse().unwrap_or(1);
            m.published = Some(format!("{}-{:02}-{:02}", &c[3], mon, day));
            if m.year.is_none() {
                m.year = c[3].parse().ok();
            }
        }
        if m.months.is_none()
            && m.volume.is_none()
            && let Some(c) = MONTH_YEAR.captures(&line)
            && let Some(mon) = month_number(&c[1])
        {
            let mut name = MONTHS[(mon - 1) as usize].to_string();
            name[..1].make_ascii_uppercase();
            m.months = Some(name);
            if m.year.is_none() {
                m.year = c[2].parse().ok();
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_lines_of_each_layout() {
        let m = read_meta(&[
            "**CHINA**",
            "MAY/JUNE VOLUME 127",
            "2024  ",
            "NO.3",
            "**Publishing date:** May 10, 2024",
        ]);
        assert_eq!(m.volume, Some(127));
        assert_eq!(m.number, Some(3));
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.months.as_deref(), Some("May/Jun"));
        assert_eq!(m.published.as_deref(), Some("2024-05-10"));

        let m = read_meta(&["NOV./DEC. VOLUME 136  ", "2025  ", "NO.6"]);
        assert_eq!(m.months.as_deref(), Some("Nov/Dec"));
        assert_eq!(
            (m.volume, m.number, m.year),
            (Some(136), Some(6), Some(2025))
        );
    }

    #[test]
    fn report_date_line() {
        let m = read_meta(&["SESEC V – Translation", "January | 2025"]);
        assert_eq!(m.months.as_deref(), Some("January"));
        assert_eq!(m.year, Some(2025));
        assert_eq!(m.volume, None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("MAR."), Some(3));
        assert_eq!(month_number("JUNE"), Some(6));
        assert_eq!(month_number("Jun"), Some(6));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Junk"), None);
    }
}
