//! The recogniser's corpus: sentences as the magazine writes them (made up here), each with the
//! designations a reader would count, and sentences with none.

use proptest::prelude::*;

use super::recognise::recognise;

/// A designation, its edition and the exact text of the mention.
type Want = (&'static str, Option<&'static str>, &'static str);

/// Texts and the designations in them.
const POSITIVE: &[(&str, &[Want])] = &[
    (
        "The national standard GB/T 17766-2020 classifies mineral reserves.",
        &[("GB/T 17766", Some("2020"), "GB/T 17766-2020")],
    ),
    (
        "依据GB/T 17766—2020《固体矿产资源储量分类》开展工作。",
        &[("GB/T 17766", Some("2020"), "GB/T 17766—2020")],
    ),
    (
        "按GB/T17766–2020执行",
        &[("GB/T 17766", Some("2020"), "GB/T17766–2020")],
    ),
    (
        "参见GB／T 1.1-2020。",
        &[("GB/T 1.1", Some("2020"), "GB／T 1.1-2020")],
    ),
    (
        "GB 18614-2012 for agents",
        &[("GB 18614", Some("2012"), "GB 18614-2012")],
    ),
    (
        "the guide GB/Z 42759-2023,",
        &[("GB/Z 42759", Some("2023"), "GB/Z 42759-2023")],
    ),
    (
        "GB/T 33681.1-2017, *Methods*",
        &[("GB/T 33681.1", Some("2017"), "GB/T 33681.1-2017")],
    ),
    ("(GB 18030) encodes", &[("GB 18030", None, "GB 18030")]),
    (
        "followed SN/T 4999-2017 closely",
        &[("SN/T 4999", Some("2017"), "SN/T 4999-2017")],
    ),
    (
        "NY/T 1180-2006 on meat",
        &[("NY/T 1180", Some("2006"), "NY/T 1180-2006")],
    ),
    (
        "| XF/T 636-2006 | Test |",
        &[("XF/T 636", Some("2006"), "XF/T 636-2006")],
    ),
    (
        "with HJ 1410.1-2025, *Basic*",
        &[("HJ 1410.1", Some("2025"), "HJ 1410.1-2025")],
    ),
    (
        "and JJF 1059.1-2012 on uncertainty",
        &[("JJF 1059.1", Some("2012"), "JJF 1059.1-2012")],
    ),
    (
        "developed T/CAS 1-2020 first",
        &[("T/CAS 1", Some("2020"), "T/CAS 1-2020")],
    ),
    (
        "Pavement\" (T/CECS 930). This",
        &[("T/CECS 930", None, "T/CECS 930")],
    ),
    ("ISO 9001 is known", &[("ISO 9001", None, "ISO 9001")]),
    (
        "ISO 9001:2015 is known",
        &[("ISO 9001", Some("2015"), "ISO 9001:2015")],
    ),
    (
        "ISO 25639-1:2025, *Exhibitions*",
        &[("ISO 25639-1", Some("2025"), "ISO 25639-1:2025")],
    ),
    (
        "IEC 60068-3-14:2025, *Environmental*",
        &[("IEC 60068-3-14", Some("2025"), "IEC 60068-3-14:2025")],
    ),
    (
        "IEC 63310:2025.",
        &[("IEC 63310", Some("2025"), "IEC 63310:2025")],
    ),
    (
        "ISO/IEC 42001:2023—the first",
        &[("ISO/IEC 42001", Some("2023"), "ISO/IEC 42001:2023")],
    ),
    (
        "ISO/IEC 42001-2023 too",
        &[("ISO/IEC 42001", Some("2023"), "ISO/IEC 42001-2023")],
    ),
    (
        "ISO/IEC TR 24028:2020, *Overview*",
        &[("ISO/IEC TR 24028", Some("2020"), "ISO/IEC TR 24028:2020")],
    ),
    (
        "the ISO/TS 22002-1 scheme",
        &[("ISO/TS 22002-1", None, "ISO/TS 22002-1")],
    ),
    (
        "ISO/PWI 25534-1 is under way",
        &[("ISO/PWI 25534-1", None, "ISO/PWI 25534-1")],
    ),
    (
        "ISO/IEC/IEEE 8802-3:2021 Ethernet",
        &[(
            "ISO/IEC/IEEE 8802-3",
            Some("2021"),
            "ISO/IEC/IEEE 8802-3:2021",
        )],
    ),
    (
        "ISO/IEC 22989 and 23894 on AI",
        &[
            ("ISO/IEC 22989", None, "ISO/IEC 22989"),
            ("ISO/IEC 23894", None, "23894"),
        ],
    ),
    (
        "ISO 14001, 45001 and 50001 together",
        &[
            ("ISO 14001", None, "ISO 14001"),
            ("ISO 45001", None, "45001"),
            ("ISO 50001", None, "50001"),
        ],
    ),
    (
        "ISO 9468:2025 and ISO 25639-1:2025 are",
        &[
            ("ISO 9468", Some("2025"), "ISO 9468:2025"),
            ("ISO 25639-1", Some("2025"), "ISO 25639-1:2025"),
        ],
    ),
    ("国家标准GB/T 1.1、1.2", &[("GB/T 1.1", None, "GB/T 1.1")]),
    (
        "ITU-T Y.3172 defines",
        &[("ITU-T Y.3172", None, "ITU-T Y.3172")],
    ),
    (
        "ITU-T X.509 and X.1252.",
        &[
            ("ITU-T X.509", None, "ITU-T X.509"),
            ("ITU-T X.1252", None, "X.1252"),
        ],
    ),
    (
        "IEEE P3419 on large language models",
        &[("IEEE P3419", None, "IEEE P3419")],
    ),
    (
        "IEEE 2857-2021 on privacy",
        &[("IEEE 2857", Some("2021"), "IEEE 2857-2021")],
    ),
    (
        "IEEE 802.11ax, Wi-Fi 6",
        &[("IEEE 802.11ax", None, "IEEE 802.11ax")],
    ),
    (
        "EN 50126-1:2017 for railways",
        &[("EN 50126-1", Some("2017"), "EN 50126-1:2017")],
    ),
    (
        "EN ISO 13849-1 safety",
        &[("EN ISO 13849-1", None, "EN ISO 13849-1")],
    ),
    (
        "ASTM D638-14 tensile",
        &[("ASTM D638", Some("14"), "ASTM D638-14")],
    ),
    (
        "UIC 615-4-2003 applies",
        &[("UIC 615-4", Some("2003"), "UIC 615-4-2003")],
    ),
    (
        "JIS E 4207:2019 and",
        &[("JIS E 4207", Some("2019"), "JIS E 4207:2019")],
    ),
    (
        "ISO 8601-1:2019/Amd 1",
        &[("ISO 8601-1", Some("2019"), "ISO 8601-1:2019")],
    ),
    (
        "IEC\u{a0}62443 in use",
        &[("IEC 62443", None, "IEC\u{a0}62443")],
    ),
];

/// Text with no standard in it.
const NEGATIVE: &[&str] = &[
    "the ISO/TC 8/SC 27 plenary",
    "SAC/TC 260 on cybersecurity",
    "Chair of IEC/TC 61 on safety",
    "IEC/TC 59/SC 59N on air cleaners",
    "ISO/IEC JTC 1/SC 42 on AI",
    "the IEC SC 8 group, IEC SEG 16 and IEC SyC",
    "the IEC 1906 Award went to",
    "ISO 2025 Annual Meeting",
    "the IEC 2024 General Meeting",
    "ISO 9001 Award winners",
    "Announcement No. 12 of 2023 by SAC",
    "国家标准公告2023年第12号",
    "In 2023, 1,200 standards",
    "the ISO President and the IEC Vice-President",
    "ASTM International and IEEE Standards Association",
    "the ISO/IEC directives; EN/CENELEC",
    "CISO 9001 and MISO 123",
    "ISO\n9001 split over lines",
    "GB/T\n17766-2020",
    "HJ 837 without an edition",
    "ISO 9001abc",
    "GB/T 1234-12",
    "SC 27-2020",
    "ITU-T recommendations",
    "a JIS mark",
];

#[test]
fn positive_corpus() {
    for (text, want) in POSITIVE {
        let got: Vec<(String, Option<String>, &str)> = recognise(text)
            .into_iter()
            .map(|f| (f.designation, f.edition, &text[f.range]))
            .collect();
        let want: Vec<(String, Option<String>, &str)> = want
            .iter()
            .map(|(d, e, m)| (d.to_string(), e.map(String::from), *m))
            .collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

#[test]
fn negative_corpus() {
    for text in NEGATIVE {
        let got: Vec<String> = recognise(text).into_iter().map(|f| f.designation).collect();
        assert!(got.is_empty(), "{text:?} gave {got:?}");
    }
}

#[test]
fn body_and_number_are_the_designation_parts() {
    let f = &recognise("ISO/IEC TR 24368:2022 and GB/T 46391-2025 and T/CTSS 58-2022")[..];
    let parts: Vec<(&str, &str)> = f
        .iter()
        .map(|f| (f.body.as_str(), f.number.as_str()))
        .collect();
    assert_eq!(
        parts,
        [("ISO/IEC", "24368"), ("GB/T", "46391"), ("T/CTSS", "58")]
    );
}

#[test]
fn a_designation_next_to_chinese_text_is_found() {
    let f = recognise("执行ISO 9001标准和GB/T 19001—2016。");
    let d: Vec<&str> = f.iter().map(|f| f.designation.as_str()).collect();
    // `9001标准`: a CJK character ends the number as a space would.
    assert_eq!(d, ["ISO 9001", "GB/T 19001"]);
}

/// Text made of the pieces designations are made of, so that the generator hits the
/// recogniser's edges (bodies, slashes, dashes, digits, line breaks, CJK) often.
fn pieces() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "GB", "GB/T", "/T", "T/", "ISO", "IEC", "ISO/IEC", "ITU-T", "IEEE", "P", "EN", "ASTM",
        "UIC", "JIS", "HJ", "TR", " ", " ", "\n", "\u{a0}", "-", "—", ":", ".", "/", "／", "1",
        "17766", "2020", "9", "Y.", "D", " and ", ", ", "、", "标准", "é", "Award", "\r\n",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,80}") {
        for f in recognise(&s) {
            prop_assert!(s.is_char_boundary(f.range.start) && s.is_char_boundary(f.range.end));
        }
    }

    #[test]
    fn mentions_are_in_order_and_never_span_a_line_break(s in pieces()) {
        let found = recognise(&s);
        let mut last = 0;
        for f in &found {
            prop_assert!(f.range.start >= last, "{:?} overlaps in {:?}", f, s);
            last = f.range.end;
            let m = &s[f.range.clone()];
            prop_assert!(!m.contains(['\n', '\r']), "{:?} spans a line break", m);
            prop_assert!(!f.designation.contains(['\n', '\r']));
            prop_assert!(f.designation.ends_with(&f.number));
            prop_assert!(f.designation.starts_with(&f.body));
        }
    }

    #[test]
    fn a_line_break_between_body_and_number_is_no_designation(
        body in prop::sample::select(vec!["GB/T", "ISO", "ISO/IEC", "IEC", "UIC", "T/CAS"]),
        number in 100u32..99999,
    ) {
        let text = format!("{body}\n{number}");
        prop_assert!(recognise(&text).is_empty());
        let joined = format!("{body} {number}");
        let found = recognise(&joined);
        // Numbers that look like years are not standards; every other one is found.
        if !(1900..=2099).contains(&number) {
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(&found[0].designation, &joined);
        }
    }
}
