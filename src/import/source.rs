//! The first stage: a source's text → its lines, as the later stages number them.
//!
//! Exports saved on another system may start with a byte-order mark or end lines with CRLF;
//! neither may change what the importer decides, so both are removed here and nowhere else.
//! Line `i` of the result is line `i + 1` of the file, so review notes and corrections can name
//! source lines by the number an editor sees.

/// The lines of `text`, without a leading byte-order mark or the `\r` of CRLF line ends.
pub fn lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // `str::lines` drops a `\r` only before `\n`; a lone trailing `\r` (a file cut after it)
    // is dropped too.
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_not_part_of_any_line() {
        assert_eq!(
            lines("\u{feff}CHINA\r\n\r\nNO.3\r\n"),
            vec!["CHINA", "", "NO.3"]
        );
        assert_eq!(lines("a\nb\r"), vec!["a", "b"]);
        assert_eq!(lines(""), Vec::<&str>::new());
    }
}
