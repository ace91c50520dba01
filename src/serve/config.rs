//! How `magreader serve` runs: the flags, their defaults, and where its files live.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::ServeError;

/// Default `--listen`: loopback only. Serving other hosts is an explicit choice.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";
/// Default `--max-sessions`.
pub const DEFAULT_MAX_SESSIONS: usize = 64;
/// Default `--max-per-ip`.
pub const DEFAULT_MAX_PER_IP: usize = 8;
/// Default `--idle-timeout`.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(30 * 60);
/// Default `--stall-timeout`: how long a session's output may make no progress (its reader
/// stopped reading) before the session is dropped.
pub const DEFAULT_STALL: Duration = Duration::from_secs(10);

/// Who may sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Only the public keys in this `authorized_keys` file; reading memory is kept per key.
    Keys(PathBuf),
    /// Anyone, with or without a key; reading memory lasts for the session only.
    Open,
}

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// The ed25519 host key, generated there on first start.
    pub host_key: PathBuf,
    pub access: Access,
    pub max_sessions: usize,
    pub max_per_ip: usize,
    pub idle_timeout: Duration,
    pub stall_timeout: Duration,
    /// Where each key's reading memory lives (`<dir>/<fingerprint>/state.json`).
    pub readers_dir: PathBuf,
    pub no_color: bool,
}

/// The directory for the server's files when no path is given: `serve/` in the reader's
/// state directory (`MAGREADER_STATE_DIR`, else the XDG state directory).
pub fn default_dir() -> Result<PathBuf, ServeError> {
    crate::memory::file::state_dir()
        .map(|d| d.join("serve"))
        .map_err(|why| ServeError::Config(format!("{why}; or pass --host-key PATH")))
}

/// Parses a duration like `30m`, `90s`, `2h` or `1h30m` (a bare number is seconds).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("\"{s}\" is not a duration; write e.g. 30m, 90s, 2h or 1h30m");
    let s = s.trim();
    if s.is_empty() {
        return Err(bad());
    }
    if let Ok(n) = s.parse::<u64>() {
        return Ok(Duration::from_secs(n));
    }
    let mut total = 0u64;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => return Err(bad()),
        };
        let n: u64 = digits.parse().map_err(|_| bad())?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("5m3").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
    }
}
