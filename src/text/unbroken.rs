//! The ranges of a block the wrapper keeps on one line: URLs (see [`super::urls`]), standard
//! designations (`GB/T 17766-2020`, `ISO/IEC 42001:2023`; see [`crate::standards`]) and the
//! names of the committees that write them (`ISO/TC 269`, `ISO/IEC JTC 1/SC 42`), which UAX #14
//! would break after a `/`, a `-`, a dash or at the space inside. Any of them still breaks when
//! it alone is longer than the line.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::urls;
use crate::standards::recognise;

/// Sorted, non-overlapping byte ranges of `text` not to break inside.
pub fn ranges(text: &str) -> Vec<Range<usize>> {
    // Most blocks have no URL; skip that scan when no address can be in the text.
    let mut all = if text.contains("://") || text.contains("www.") || text.contains("mailto:") {
        urls::find(text)
    } else {
        Vec::new()
    };
    let designations = recognise::recognise(text);
    let committees = committees(text);
    if designations.is_empty() && committees.is_empty() {
        return all;
    }
    all.extend(designations.into_iter().map(|f| f.range));
    all.extend(committees);
    all.sort_by_key(|r| r.start);
    // A designation inside a URL (`…/GB/T-17766`) is kept by the URL's range.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// A committee, subcommittee or working group, with the bodies that own it: `ISO/TC 269`,
/// `SAC/TC 260`, `ISO/IEC JTC 1/SC 42`, `IEC/TC 59/SC 59N`, `CEN/TC 256`.
static COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:[A-Z]{2,8}(?:[/-][A-Z]{1,8})*[/ ])?(?:JTC|TC|SC|PC|WG|SG|TMB|SMB)[ \x{a0}]?\d{1,4}[A-Z]?(?:/(?:SC|WG|TC|PC)[ \x{a0}]?\d{1,4}[A-Z]?)*(?-u:\b)",
    )
    .expect("committee pattern")
});

/// The committee names of `text` (see [`COMMITTEE`]).
fn committees(text: &str) -> Vec<Range<usize>> {
    // Only a name with a `/` is kept whole (below), and most blocks have none.
    if memchr::memchr(b'/', text.as_bytes()).is_none() {
        return Vec::new();
    }
    COMMITTEE
        .find_iter(text)
        // A bare `TC 1` in running text is no name to keep whole unless it has a body or a
        // subcommittee: `WG 3` alone may be split like any two words.
        .filter(|m| m.as_str().contains('/'))
        .map(|m| m.range())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::wrap_keeping;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap_keeping(text, width, &ranges(text))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_designation_moves_whole_to_the_next_line() {
        // Without the ranges, each of these breaks inside the designation at this width.
        for (text, width, designation) in [
            (
                "the national standard GB/T 17766-2020 applies",
                25,
                "GB/T 17766-2020",
            ),
            (
                "the standard ISO/IEC 42001:2023 applies",
                18,
                "ISO/IEC 42001:2023",
            ),
            (
                "the national standard GB/T 17766-2020 applies",
                36,
                "GB/T 17766-2020",
            ),
            ("依据国家标准GB/T 17766—2020开展", 20, "GB/T 17766—2020"),
            // No break opportunity after a straight quote: the cut goes before the bracket.
            (
                "for Room Air Conditioners\" (GB 21455-2019) has",
                24,
                "(GB 21455-2019)",
            ),
        ] {
            let got = lines(text, width);
            assert!(
                got.iter().any(|l| l.contains(designation)),
                "{designation} split at {width}: {got:?}"
            );
        }
    }

    #[test]
    fn a_committee_name_moves_whole_to_the_next_line() {
        for (text, width, name) in [
            ("the secretariat of ISO/TC 269 is held", 22, "ISO/TC 269"),
            ("work in SAC/TC 260 on cybersecurity", 12, "SAC/TC 260"),
            (
                "the experts of ISO/IEC JTC 1/SC 42 met",
                26,
                "ISO/IEC JTC 1/SC 42",
            ),
            (
                "a plenary of IEC/TC 59/SC 59N in May",
                22,
                "IEC/TC 59/SC 59N",
            ),
            ("由ISO/TC 8/SC 27秘书处承办", 14, "ISO/TC 8/SC 27"),
        ] {
            let got = lines(text, width);
            assert!(
                got.iter().any(|l| l.contains(name)),
                "{name} split at {width}: {got:?}"
            );
        }
        assert_eq!(
            committees("chapter TC 1 of a WG 3 draft"),
            Vec::<Range<usize>>::new()
        );
        assert_eq!(committees("no committee here"), Vec::<Range<usize>>::new());
    }

    #[test]
    fn the_plain_wrapper_would_have_broken_them() {
        let text = "the standard ISO/IEC 42001:2023 applies";
        let plain: Vec<&str> = wrap_keeping(text, 18, &[])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert!(
            !plain.iter().any(|l| l.contains("ISO/IEC 42001:2023")),
            "{plain:?}"
        );
    }

    #[test]
    fn a_designation_longer_than_the_line_is_still_cut() {
        let text = "see ISO/IEC/IEEE 8802-3:2021 now";
        let got = lines(text, 10);
        assert!(
            got.iter().all(|l| crate::text::width::str_width(l) <= 10),
            "{got:?}"
        );
        assert_eq!(got.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn urls_and_designations_are_merged_in_order() {
        let text = "GB/T 1.1-2020 at https://std.example/GB/T 1.1 and ISO 9001";
        let r = ranges(text);
        assert!(r.windows(2).all(|w| w[0].end <= w[1].start), "{r:?}");
        assert_eq!(&text[r[0].clone()], "GB/T 1.1-2020");
        assert_eq!(&text[r.last().unwrap().clone()], "ISO 9001");
    }
}
