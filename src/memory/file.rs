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
use crate::regular_file::{self, Links, Refused};

pub const FILE_NAME: &str = "state.json";
const LOCK_NAME: &str = "state.lock";
const TEMP_PREFIX: &str = "state.json.tmp-";

/// The state directory, from the environment (see the module docs).
pub fn state_dir() -> Result<PathBuf, String> {
    state_dir_from(|k| std::env::var_os(k))
}

/// [`state_dir`] with the environment passed in, for tests.
pub fn state_dir_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<PathBuf, String> {
    crate::user_dirs::user_dir(env, "MAGREADER_STATE_DIR", "XDG_STATE_HOME", ".local/state")
        .ok_or_else(|| {
            "neither MAGREADER_STATE_DIR, XDG_STATE_HOME nor HOME is set; set one to keep \
             reading positions and bookmarks"
                .into()
        })
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

/// Largest state file read. A year of daily reading with hundreds of bookmarks is well under a
/// megabyte; anything this big is damage, and is moved aside like other damage.
pub const MAX_BYTES: u64 = 64 << 20;

/// Reads the state file, moving a damaged one aside. Something other than a regular file at
/// the path (a FIFO, a device, a directory) or a file over [`MAX_BYTES`] counts as damage: it
/// is moved aside, never waited on, read whole or deleted.
pub fn read(path: &Path) -> Loaded {
    let result = regular_file::read(path, Links::Follow, MAX_BYTES);
    let reason = match result {
        Ok(bytes) => match parse(&bytes) {
            Ok(state) => return Loaded::Ok(state),
            Err(Damage::Newer(v)) => return Loaded::Newer(v),
            Err(Damage::Corrupt(reason)) => reason,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) if refused(&e) => e.to_string(),
        Err(e) => return Loaded::Unreadable(format!("cannot read {}: {e}", path.display())),
    };
    match move_aside(path) {
        Ok(moved_to) => Loaded::Corrupt { reason, moved_to },
        Err(e) => Loaded::Unreadable(format!(
            "{} is damaged ({reason}) and could not be moved aside: {e}",
            path.display()
        )),
    }
}

/// Whether `regular_file` refused what is at the path (as opposed to an I/O error).
fn refused(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Refused>())
}

enum Damage {
    Corrupt(String),
    Newer(u32),
}

fn parse(bytes: &[u8]) -> Result<State, Damage> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Damage::Corrupt(format!("not UTF-8 text: {e}")))?;
    // Some editors save UTF-8 with a byte-order mark; it is not part of the JSON, and a
    // file a user edited by hand is not damaged for having one.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
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
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    // A FIFO put at the lock's path would block this open until something reads it; without
    // blocking, the open fails and the save reports it instead of hanging the reader.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let f = options.open(dir.join(LOCK_NAME))?;
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
