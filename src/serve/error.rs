//! What can stop `magreader serve` from starting. Each message names the file or flag and
//! what to do about it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "cannot read the host key {path}: {reason}; fix its permissions, or move it away to have a new one generated"
    )]
    HostKeyUnreadable { path: PathBuf, reason: String },
    #[error(
        "cannot write a new host key to {path}: {reason}; pass --host-key PATH in a writable directory"
    )]
    HostKeyUnwritable { path: PathBuf, reason: String },
    #[error(
        "cannot read the authorized keys file {path}: {reason}; pass --authorized-keys PATH to a readable file, or --open"
    )]
    AuthorizedKeysUnreadable { path: PathBuf, reason: String },
    #[error(
        "{path} line {line}: {reason}; fix or delete that line (format: `ssh-ed25519 AAAA... comment`)"
    )]
    AuthorizedKeysLine {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error(
        "{path} holds no public keys, so nobody could sign in; add a key (`ssh-ed25519 AAAA...`) or pass --open"
    )]
    AuthorizedKeysEmpty { path: PathBuf },
    #[error("cannot listen on {addr}: {source}; pick another address or port with --listen")]
    Listen {
        addr: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("{0}")]
    Config(String),
}
