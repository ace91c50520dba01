//! Shared by the hostile_* tests: a magazine export carrying terminal escape sequences, and
//! checks that a text holds nothing a terminal would act on.

#![allow(dead_code)] // each test binary uses a different part

pub const OSC_TITLE: &str = "\u{1b}]0;pwned\u{7}";
pub const CLEAR: &str = "\u{1b}[2J";
pub const C1_CSI: &str = "\u{9b}31m";
pub const BEL: &str = "\u{7}";
pub const RLO: &str = "\u{202e}";

/// OSC 52 (set the clipboard to `pwned-clip`, base64), an OSC 8 hyperlink, a DCS request.
pub const CLIPBOARD: &str = "\u{1b}]52;c;cHduZWQtY2xpcA==\u{7}";
pub const LINK: &str = "\u{1b}]8;;https://pwned.example/\u{1b}\\";
pub const LINK_END: &str = "\u{1b}]8;;\u{1b}\\";
pub const DCS: &str = "\u{1b}P$q\"p\u{1b}\\";

/// The hostile paragraph: every sequence, with plain words around each.
pub fn paragraph() -> String {
    format!(
        "Before {OSC_TITLE} title, {CLEAR} clear, {C1_CSI} red, bell{BEL}, {RLO}reversed after. \
         Copy {CLIPBOARD}clip, {LINK}linked{LINK_END} text, {DCS}query done."
    )
}

/// Words of [`paragraph`] that must be shown, in order.
pub const AROUND: &[&str] = &[
    "Before", "title,", "clear,", "red,", "bell", "reversed", "after.", "Copy", "clip,", "linked",
    "text,", "query", "done.",
];

/// Payloads of [`paragraph`]'s sequences that must never be shown (nor acted on).
pub const PAYLOADS: &[&str] = &["pwned", "cHduZWQ", "52;c", "8;;", "$q"];

/// A title line with every sequence inside it.
pub fn hostile_title(words: [&str; 4]) -> String {
    let [a, b, c, d] = words;
    format!("{a} {OSC_TITLE}{b} {CLEAR}{c} {C1_CSI}{d}{RLO}{BEL}")
}

const PARA: &str = "The forum was held in Beijing on April 26 and gathered more than four hundred participants from government, industry, research institutes and universities across the country.";

/// A small magazine export in the Markdown-heading CONTENTS layout.
pub fn hostile_source() -> String {
    let forum = hostile_title(["Forum", "held", "in", "Beijing"]);
    let lost = hostile_title(["Lost", "article", "never", "printed"]);
    let para = paragraph();
    format!(
        "CHINA\n\nMAY/JUNE VOLUME 127\n\n2024\nNO.3\n\n**Publishing date:** May 10, 2024\n\n\
         # CONTENTS\n\n## 08 | CHINA SCENE 中国视窗{BEL}\n\n{forum}  \n论坛{RLO}在京举行\n\n\
         {lost}  \n遗失{BEL}的文章\n\n\
         ## 30 | SPOTLIGHT 聚光灯\n\nAn overview of the Two Sessions 2024  \n2024年全国两会概览\n\n\
         # {forum}\n\n{PARA}\n\n{para}\n\n\
         # An overview of the Two Sessions 2024\n\n## 2024年全国两会概览\n\n\
         By Jin{BEL} Jili{OSC_TITLE}  \n文/靳吉丽{RLO}\n\n{PARA}\n"
    )
}

/// Anything a terminal would act on: C0 controls other than newline (and the CR of a pty's
/// CRLF when `crlf`), DEL, C1 controls, bidi embeddings/overrides/isolates.
pub fn first_hostile(s: &str, crlf: bool) -> Option<(usize, char)> {
    s.char_indices().find(|&(i, c)| match c {
        '\n' => false,
        '\r' => !(crlf && s[i + 1..].starts_with('\n')),
        c if c.is_control() => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    })
}

pub fn assert_clean(what: &str, s: &str, crlf: bool) {
    if let Some((i, c)) = first_hostile(s, crlf) {
        let from = s.floor_char_boundary(i.saturating_sub(40));
        panic!(
            "{what}: U+{:04X} at byte {i}, near {:?}",
            c as u32,
            &s[from..s.ceil_char_boundary(i + 10)]
        );
    }
}
