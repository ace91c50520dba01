//! The wrapper and the Markdown layout on arbitrary text at arbitrary widths (the first two
//! bytes choose the width, 0–511): no line wider than the width (a wrapped line may exceed it
//! only when it is one grapheme cluster wider than the whole width), no non-whitespace
//! character lost, lines in order; layout lines carry no control character and their source
//! offsets never go back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use magreader::text::markdown::layout;
use magreader::text::sanitize::has_controls;
use magreader::text::width::str_width;
use magreader::text::wrap::wrap;
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let width = usize::from(u16::from_le_bytes([data[0], data[1]]) % 512);
    let Ok(text) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let w = width.max(1);

    let mut pos = 0;
    for r in wrap(text, width) {
        assert!(r.start >= pos && r.start <= r.end, "out of order");
        assert!(
            text[pos..r.start].chars().all(char::is_whitespace),
            "text dropped between lines: {:?}",
            &text[pos..r.start]
        );
        let line = &text[r.clone()];
        assert!(
            str_width(line) <= w || line.graphemes(true).count() == 1,
            "{line:?} wider than {w}"
        );
        pos = r.end;
    }
    assert!(text[pos..].chars().all(char::is_whitespace), "tail dropped");

    let mut last = 0;
    for line in layout(text, width) {
        let t = line.text();
        assert!(line.width() <= w, "{t:?} wider than {w}");
        assert!(!has_controls(&t) && !t.contains('\n'), "{t:?}");
        assert!(line.offset >= last && line.offset <= text.len());
        last = line.offset;
    }
});
