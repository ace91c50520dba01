//! The server's ed25519 host key: generated on first start (file mode 0600), reused after.
//! Clients remember it, so a stable key is what keeps "host key changed" warnings away.

use crate::regular_file::{self, Links};
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey};

use super::ServeError;

/// Largest host key file read (an OpenSSH Ed25519 key is under 500 bytes, RSA under 4 KB).
const MAX_BYTES: u64 = 1 << 20;

/// Loads the host key at `path`, or generates one there if there is no file. The second
/// value is true when the key is new.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), ServeError> {
    let unreadable = |reason: String| ServeError::HostKeyUnreadable {
        path: path.to_path_buf(),
        reason,
    };
    // A FIFO or a device at the path must not hang the server's start (see `regular_file`).
    match regular_file::read(path, Links::Follow, MAX_BYTES) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|e| unreadable(e.to_string()))?;
            let mode = fs::metadata(path)
                .map_err(|e| unreadable(e.to_string()))?
                .permissions()
                .mode();
            // Like sshd: a private key others can read is no longer private.
            if mode & 0o077 != 0 {
                return Err(unreadable(format!(
                    "its mode is {:o}, readable by others; run `chmod 600 {}`",
                    mode & 0o777,
                    path.display()
                )));
            }
            let key = PrivateKey::from_openssh(text.as_bytes())
                .map_err(|e| unreadable(format!("not an OpenSSH private key ({e})")))?;
            if key.is_encrypted() {
                return Err(unreadable(
                    "it is encrypted with a passphrase, which a server cannot type".into(),
                ));
            }
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((create(path)?, true)),
        Err(e) => Err(unreadable(e.to_string())),
    }
}

/// The key's SHA256 fingerprint as ssh prints it (`SHA256:...`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn create(path: &Path) -> Result<PrivateKey, ServeError> {
    let unwritable = |reason: String| ServeError::HostKeyUnwritable {
        path: path.to_path_buf(),
        reason,
    };
    let mut seed = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(|e| unwritable(format!("no randomness from /dev/urandom: {e}")))?;
    let pair = Ed25519Keypair::from_seed(&seed);
    seed.fill(0);
    let key = PrivateKey::new(KeypairData::from(pair), "magreader serve host key")
        .map_err(|e| unwritable(e.to_string()))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| unwritable(e.to_string()))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| unwritable(e.to_string()))?;
    }
    // create_new: never overwrite a key another server wrote meanwhile. Mode 0600 from the
    // start, so the key is never readable by others even for a moment.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| unwritable(e.to_string()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| unwritable(e.to_string()))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_generated_private_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/host_ed25519");
        let (first, new) = load_or_create(&path).unwrap();
        assert!(new);
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(first.algorithm(), russh::keys::Algorithm::Ed25519);
        let (again, new) = load_or_create(&path).unwrap();
        assert!(!new);
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
    }

    #[test]
    fn bad_key_files_are_named_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        fs::write(&path, "not a key").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        let msg = load_or_create(&path).unwrap_err().to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains("not an OpenSSH private key"), "{msg}");

        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let msg = load_or_create(&path).unwrap_err().to_string();
        assert!(msg.contains("chmod 600"), "{msg}");
    }
}
