//! Where the URLs are in a block of text, so the wrapper keeps each one on one line.
//!
//! UAX #14 allows a break after `/`, `-` and `?`, which is right for prose and wrong for a URL:
//! copying half a URL from the screen gives a link to nowhere. The layout passes these ranges
//! to [`super::wrap::wrap_keeping`], which breaks inside one only when the URL alone is longer
//! than the line (and then adds no hyphen, which would read as part of the address).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // ASCII only: a Chinese sentence often runs straight on from an address with no space
        // (`www.sac.gov.cn。`), and the address ends where the ASCII does.
        Regex::new(
            r"(?i)(?:\b(?:https?|ftp)://|\bwww\.|\bmailto:)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%()]+",
        )
        .expect("URL pattern")
    })
}

/// Byte ranges of the URLs in `text`, in order. Sentence punctuation after an address
/// (`.`, `,`, `;`, `:`, `!`, `?`, quotes) and a `)` that closes a parenthesis opened before the
/// URL are not part of it.
pub fn find(text: &str) -> Vec<Range<usize>> {
    pattern()
        .find_iter(text)
        .filter_map(|m| {
            let mut s = m.as_str();
            loop {
                let opens = s.matches('(').count();
                let closes = s.matches(')').count();
                let trimmed = match s.chars().next_back() {
                    Some('.' | ',' | ';' | ':' | '!' | '?' | '\'') => &s[..s.len() - 1],
                    Some(')') if closes > opens => &s[..s.len() - 1],
                    _ => break,
                };
                s = trimmed;
            }
            // `www.` alone, or `http://` with nothing after it, is not an address.
            let host = s.split("//").nth(1).unwrap_or(s);
            (host.len() > 4 && host.contains('.')).then(|| m.start()..m.start() + s.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(t: &str) -> Vec<&str> {
        find(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn finds_addresses_without_trailing_punctuation() {
        assert_eq!(
            urls("See https://www.iso.org/standard/62085.html. Or (www.sac.gov.cn), then"),
            ["https://www.iso.org/standard/62085.html", "www.sac.gov.cn"]
        );
        assert_eq!(urls("网址：www.cspress.com.cn。"), ["www.cspress.com.cn"]);
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/Foo_(bar) ok"),
            ["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
        assert!(urls("no address here, www. or http:// alone").is_empty());
    }
}
