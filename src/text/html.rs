//! HTML that the exports left in article bodies: never shown as tags.
//!
//! CommonMark passes raw HTML through (inline tags as `InlineHtml` events, whole blocks as
//! `Html`). A terminal cannot draw it, and a tag on screen is debris to a reader, so the layout
//! keeps only what a tag means for the text: `<br>` is a line break, and so is the end of a
//! `<p>` (or a `<div>`, `<tr>`, `<li>`) — inside a table cell that is the only way to keep one,
//! as a GFM cell cannot hold a newline. Every other tag, and every comment, is dropped; the
//! text between tags stays.

/// What a piece of raw HTML means for the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// A tag with no effect on the text (`<sup>`, `<span class=…>`, a comment): dropped.
    Nothing,
    /// `<br>` or the end of a block (`</p>`): a line break.
    LineBreak,
    /// The start of a block (`<p>`): a line break unless the text is at a line start.
    BlockStart,
    /// The end of an HTML table cell: a space, so cells do not run together.
    Gap,
}

/// Elements whose start or end is a line break in the text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
];

/// HTML elements, by name. A tag of any other name is text that looks like a tag (`<Standardization
/// Law>`, a title in angle brackets): CommonMark takes it for HTML, but dropping it would lose
/// the words, so it is shown.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "math",
    "meta",
    "nav",
    "ol",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// The meaning of one inline HTML event (a single tag or comment, as pulldown-cmark gives it).
/// Text that is not a tag at all is `None`: the caller shows it as text.
pub fn meaning(raw: &str) -> Option<Meaning> {
    let t = raw.trim();
    if t.starts_with("<!--") || t.starts_with("<?") || t.starts_with("<!") {
        return Some(Meaning::Nothing);
    }
    let inner = t.strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if !ELEMENTS.contains(&name.as_str()) {
        return None;
    }
    Some(if name == "br" {
        Meaning::LineBreak
    } else if closing && (name == "td" || name == "th") {
        Meaning::Gap
    } else if BLOCKS.contains(&name.as_str()) {
        if closing {
            Meaning::LineBreak
        } else {
            Meaning::BlockStart
        }
    } else {
        Meaning::Nothing
    })
}

/// The text of an HTML block (or of an inline run holding several tags): tags and comments
/// removed, line breaks where [`meaning`] puts them, runs of blank lines folded to one.
pub fn strip(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            after.find('>').map(|e| e + 1)
        };
        // A `<` with another `<` before its `>` opens no tag (`a < b <br>`).
        let end = end.filter(|&e| after.starts_with("<!--") || !after[1..e].contains('<'));
        let Some(end) = end else {
            // A `<` that opens nothing: text.
            out.push('<');
            rest = &after[1..];
            continue;
        };
        match meaning(&after[..end]) {
            Some(Meaning::LineBreak) => out.push('\n'),
            Some(Meaning::BlockStart) if !out.is_empty() && !out.ends_with('\n') => {
                out.push('\n');
            }
            Some(Meaning::Gap) => out.push(' '),
            Some(_) => {}
            None => out.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    // Source line ends stay line ends; the blank lines that tags on lines of their own leave
    // behind fold away.
    let mut lines: Vec<&str> = Vec::new();
    for l in out.split('\n').map(str::trim) {
        if !(l.is_empty() && lines.last().is_none_or(|p| p.is_empty())) {
            lines.push(l);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_mean_breaks_or_nothing() {
        assert_eq!(meaning("<br>"), Some(Meaning::LineBreak));
        assert_eq!(meaning("<BR />"), Some(Meaning::LineBreak));
        assert_eq!(meaning("</p>"), Some(Meaning::LineBreak));
        assert_eq!(meaning("<p class=\"x\">"), Some(Meaning::BlockStart));
        assert_eq!(meaning("<sup>"), Some(Meaning::Nothing));
        assert_eq!(meaning("<!-- note -->"), Some(Meaning::Nothing));
        assert_eq!(meaning("< 3"), None);
        assert_eq!(
            meaning("<Standardization Law>"),
            None,
            "not an element: text"
        );
    }

    #[test]
    fn strip_keeps_text_and_breaks() {
        assert_eq!(strip("<p>One</p><p>Two<br>three</p>"), "One\nTwo\nthree");
        assert_eq!(
            strip("<table>\n<tr><td>a</td><td>b</td></tr>\n</table>"),
            "a b"
        );
        assert_eq!(strip("x<sup>2</sup> < 3 <!-- c -->"), "x2 < 3");
        assert_eq!(strip("a <b"), "a <b");
        assert_eq!(
            strip("<p>the <Standardization Law></p>"),
            "the <Standardization Law>"
        );
    }
}
