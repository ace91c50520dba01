//! Operating-system commands the reader sends on purpose: OSC 52, which puts text on the
//! clipboard of the terminal the reader sits at (over SSH, the reader's own machine).
//!
//! The text is base64, so nothing in it can act on the terminal whatever it holds; it is
//! sanitised anyway by the caller (link targets are archive text).

/// Most a clipboard write carries: terminals drop longer OSC 52 payloads (xterm's default limit
/// is around 100 000 bytes of base64), and a few links are far below it.
const MAX_TEXT: usize = 64 * 1024;

/// `ESC ] 52 ; c ; <base64> ESC \`: set the clipboard to `text` (cut at [`MAX_TEXT`] bytes, on
/// a character boundary).
pub fn clipboard(text: &str) -> Vec<u8> {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = b"\x1b]52;c;".to_vec();
    base64(&text.as_bytes()[..end], &mut out);
    out.extend_from_slice(b"\x1b\\");
    out
}

/// Standard base64 (RFC 4648, with padding).
fn base64(data: &[u8], out: &mut Vec<u8>) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]);
            } else {
                out.push(b'=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        let mut out = Vec::new();
        base64(s.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn base64_matches_rfc_4648() {
        // RFC 4648 §10 test vectors.
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(b64(plain), enc);
        }
    }

    #[test]
    fn clipboard_sequence_is_osc_52() {
        assert_eq!(clipboard("foo"), b"\x1b]52;c;Zm9v\x1b\\");
        // Only base64 between the introducer and the terminator, whatever the text holds.
        let seq = clipboard("a\x1b]0;x\x07标准");
        let body = &seq[7..seq.len() - 2];
        assert!(
            body.iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
        );
    }
}
