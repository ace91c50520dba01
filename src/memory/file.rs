//! Where `state.json` lives, and reading and writing it safely.
//!
//! * **Location**: `$MAGREADER_STATE_DIR` if set (tests, or a second profile), else
//!   `$XDG_STATE_HOME/magreader` (when absolute, as the XDG spec requires), else
//!   `$HOME/.local/state/magreader` (the spec's default, used on every platform).
//! * **Atomic writes**: the new state goes to a temporary file in the same directory, which is
//!   fsynced, renamed over `state.json`, and the directory fsynced. A crash at any moment
//!   leaves the old file or the new one, never a mix. Temporary files left by a crash are
//!   removed by the next save.
//! * **Lock**: saves take an exclusive lock on `state.lock` for the read-merge-write, so two
//!   readers saving at once serialise instead of losing one's changes. The lock is released
//!   by the kernel if the process dies.
//! * **Damage**: a file that is not valid UTF-8 JSON of the schema is moved aside to
//!   `state.json.corrupt-<unix seconds>` (never overwritten or deleted) and reported.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::state::{SCHEMA, State};

pub const FILE_NAME: &str = "state.json";
const LOCK_NAME: &str = "state.lock";
const TEMP_PREFIX: &str = "state.json.tmp-";

/// The state directory, from the environment (see the module docs).
pub fn state_dir() -> Result<PathBuf, String> {
    state_dir_from(|k| std::env::var_os(k))
}

/// [`state_dir`] with the environment passed in, for tests.
pub fn state_dir_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<PathBuf, String> {
    let var = |k: &str| env(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var("MAGREADER_STATE_DIR") {
        return Ok(dir);
    }
    if let Some(xdg) = var("XDG_STATE_HOME").filter(|p| p.is_absolute()) {
        return Ok(xdg.join("magreader"));
    }
    match var("HOME") {
        Some(home) => Ok(home.join(".local/state/magreader")),
        None => Err(
            "neither MAGREADER_STATE_DIR, XDG_STATE_HOME nor HOME is set; set one to keep \
             reading positions and bookmarks"
                .into(),
        ),
    }
}

/// What was found at the state path.
#[derive(Debug)]
pub enum Loaded {
    /// No file yet.
    Missing,
    Ok(State),
    /// Damaged; moved aside to `moved_to`.
    Corrupt {
        reason: String,
        moved_to: PathBuf,
    },
    /// Written by a newer magreader: left alone, and not to be written.
    Newer(u32),
    /// Could not be read or moved aside (permissions, I/O error): not to be written.
    Unreadable(String),
}

/// Reads the state file, moving a damaged one aside.
pub fn read(path: &Path) -> Loaded {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => return Loaded::Unreadable(format!("cannot read {}: {e}", path.display())),
    };
    let reason = match parse(&bytes) {
        Ok(state) => return Loaded::Ok(state),
        Err(Damage::Newer(v)) => return Loaded::Newer(v),
        Err(Damage::Corrupt(reason)) => reason,
    };
    match move_aside(path) {
        Ok(moved_to) => Loaded::Corrupt { reason, moved_to },
        Err(e) => Loaded::Unreadable(format!(
            "{} is damaged ({reason}) and could not be moved aside: {e}",
            path.display()
        )),
    }
}

enum Damage {
    Corrupt(String),
    Newer(u32),
}

fn parse(bytes: &[u8]) -> Result<State, Damage> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Damage::Corrupt(format!("not UTF-8 text: {e}")))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Damage::Corrupt(format!("not JSON: {e}")))?;
    match value.get("schema").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(SCHEMA) => {
            return Err(Damage::Newer(u32::try_from(v).unwrap_or(u32::MAX)));
        }
        Some(_) => {}
        None => return Err(Damage::Corrupt("no \"schema\" number".into())),
    }
    serde_json::from_value(value).map_err(|e| Damage::Corrupt(format!("unexpected content: {e}")))
}

/// Renames `path` to `<path>.corrupt-<unix seconds>` (with `-1`, `-2`, … if taken).
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = format!("{}.corrupt-{secs}", path.display());
    for n in 0.. {
        let to = if n == 0 {
            PathBuf::from(&base)
        } else {
            PathBuf::from(format!("{base}-{n}"))
        };
        if !to.exists() {
            fs::rename(path, &to)?;
            return Ok(to);
        }
    }
    unreachable!("some suffix is free")
}

/// Holds the save lock until dropped (closing the file releases it).
pub struct Lock {
    _file: File,
}

/// Takes the save lock of `dir` (created if needed), waiting for another reader's save.
pub fn lock(dir: &Path) -> io::Result<Lock> {
    fs::create_dir_all(dir)?;
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_NAME))?;
    f.lock()?;
    // Any temporary file now present belongs to a save that died (saves hold this lock).
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    Ok(Lock { _file: f })
}

/// Writes `bytes` to `path` atomically (see the module docs). Call with the lock held.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Milliseconds since the epoch, strictly increasing within this process, so two changes in
/// the same millisecond still order correctly for last-writer-wins.
pub fn now_ms() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let mut prev = LAST.load(Ordering::Relaxed);
    loop {
        let next = wall.max(prev + 1);
        match LAST.compare_exchange(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(p) => prev = p,
        }
    }
}
