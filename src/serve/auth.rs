//! Who may sign in: the keys of an `authorized_keys` file (OpenSSH format; options before
//! the key are accepted and ignored, except those limiting who signs in, which are refused),
//! and the name under which a key's reading memory is kept.

use crate::regular_file::{self, Links};
use std::fmt::Write as _;
use std::path::Path;

use russh::keys::ssh_key::authorized_keys::Entry;
use russh::keys::{HashAlg, PublicKey};

use super::ServeError;

/// Largest authorized_keys file read (a key line is under 1 KB: room for tens of thousands).
const MAX_BYTES: u64 = 16 << 20;

/// The public keys allowed to sign in.
#[derive(Debug, Clone, Default)]
pub struct AuthorizedKeys {
    keys: Vec<PublicKey>,
}

impl AuthorizedKeys {
    /// Reads `path`. Blank lines and `#` comments are skipped; any other line that is not a
    /// key is an error naming its line number, so a typo never silently locks a reader out.
    pub fn load(path: &Path) -> Result<Self, ServeError> {
        let unreadable = |reason: String| ServeError::AuthorizedKeysUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        // Like the archive's files: a FIFO or a device here must not hang the server's start.
        let bytes = regular_file::read(path, Links::Follow, MAX_BYTES)
            .map_err(|e| unreadable(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| unreadable(e.to_string()))?;
        let keys = Self::parse(&text).map_err(|(line, reason)| ServeError::AuthorizedKeysLine {
            path: path.to_path_buf(),
            line,
            reason,
        })?;
        if keys.keys.is_empty() {
            return Err(ServeError::AuthorizedKeysEmpty {
                path: path.to_path_buf(),
            });
        }
        Ok(keys)
    }

    /// Parses the text of an `authorized_keys` file; an error is (1-based line, reason).
    pub fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut keys = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry: Entry = line
                .parse()
                .map_err(|e| (i + 1, format!("not a public key ({e})")))?;
            if let Some(opt) = entry.config_opts().iter().find(|o| widens_if_ignored(o)) {
                return Err((
                    i + 1,
                    format!(
                        "the option `{}` limits this key in a way magreader serve does not \
                         check, so ignoring it would let the key in more widely than written; \
                         remove the option",
                        crate::text::sanitize::sanitize(opt)
                    ),
                ));
            }
            keys.push(entry.public_key().clone());
        }
        Ok(AuthorizedKeys { keys })
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether `key` is one of them (comments do not matter, only the key itself).
    pub fn allows(&self, key: &PublicKey) -> bool {
        self.keys.iter().any(|k| k.key_data() == key.key_data())
    }
}

/// Options (OpenSSH's `from=`, `expiry-time=`, `cert-authority`) that narrow who may sign in
/// with a key, or change what the line means. The server does not implement them, and other
/// options only restrict what a session may do (it does no more than read anyway), so these
/// are refused rather than ignored.
fn widens_if_ignored(option: &str) -> bool {
    let name = option.split('=').next().unwrap_or("").to_ascii_lowercase();
    matches!(name.as_str(), "from" | "expiry-time" | "cert-authority")
}

/// The directory name for a key's reading memory: its SHA256 fingerprint in hex (the
/// base64 form has `/` in it).
pub fn memory_name(key: &PublicKey) -> String {
    let fp = key.fingerprint(HashAlg::Sha256);
    let mut s = String::with_capacity(64);
    for b in fp.as_bytes() {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpNMYhxFSqIebKbiQ9rQSTqYfpfwkqXedyaq7oycBWa a@x";
    const KEY_B: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMW0Up7oB0a9T9p0WdoxX9Ea6HzrCKeuakfIJT7jJ9U1 b@y";

    #[test]
    fn keys_comments_and_options_parse() {
        let text = format!("# readers\n\n{KEY_A}\nno-pty,command=\"x\" {KEY_B}\n");
        let keys = AuthorizedKeys::parse(&text).unwrap();
        assert_eq!(keys.len(), 2);
        let a = PublicKey::from_openssh(KEY_A).unwrap();
        let mut a_other_comment = a.clone();
        a_other_comment.set_comment("someone else");
        assert!(keys.allows(&a_other_comment));
        let only_b = AuthorizedKeys::parse(KEY_B).unwrap();
        assert!(!only_b.allows(&a));
    }

    #[test]
    fn options_that_limit_who_signs_in_are_refused_not_ignored() {
        for opt in [
            "from=\"10.0.0.0/8\"",
            "no-pty,expiry-time=\"20300101\"",
            "cert-authority",
        ] {
            let text = format!("{KEY_A}\n{opt} {KEY_B}\n");
            let (line, why) = AuthorizedKeys::parse(&text).unwrap_err();
            assert_eq!(line, 2, "{opt}");
            assert!(why.contains("remove the option"), "{why}");
        }
        // Options that only restrict what a session does are harmless here.
        let text = format!("restrict,pty,command=\"x\",permitopen=\"h:1\" {KEY_A}\n");
        assert_eq!(AuthorizedKeys::parse(&text).unwrap().len(), 1);
    }

    #[test]
    fn a_bad_line_is_named_by_number() {
        let text = format!("{KEY_A}\n# fine\nssh-ed25519 not-base64!\n");
        let (line, _) = AuthorizedKeys::parse(&text).unwrap_err();
        assert_eq!(line, 3);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, &text).unwrap();
        let msg = AuthorizedKeys::load(&path).unwrap_err().to_string();
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        std::fs::write(&path, "# nobody\n").unwrap();
        let msg = AuthorizedKeys::load(&path).unwrap_err().to_string();
        assert!(msg.contains("no public keys"), "{msg}");
    }

    #[test]
    fn memory_names_are_hex_and_differ_per_key() {
        let a = memory_name(&PublicKey::from_openssh(KEY_A).unwrap());
        let b = memory_name(&PublicKey::from_openssh(KEY_B).unwrap());
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
