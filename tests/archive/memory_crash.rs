//! `kill -9` at any moment of a save leaves the old state file or the new one, never a broken
//! one. The writer is this test binary itself, re-run as a child with an environment variable
//! naming the state directory; the parent kills it at pseudo-random moments inside a save or a
//! write, which the child announces on its stdout as it starts each.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use magreader::memory::Memory;
use magreader::memory::file::write_atomic;

const CHILD_ENV: &str = "MAGREADER_TEST_CRASH_CHILD_DIR";
const BOOKMARKS: usize = 1500;
/// What the child prints as it starts a whole save (read, merge, write) and as it starts one
/// more atomic write of the same state. Bytes libtest's own output never holds.
const SAVE: u8 = 0x01;
const WRITE: u8 = 0x02;

/// A large state (~300 kB) in `dir`: big enough that a save takes a while. Returns the
/// memory and the article body its positions are set against.
fn filled(dir: &Path) -> (Memory, String) {
    let mut m = Memory::open(dir);
    for i in 0..BOOKMARKS {
        m.add_bookmark(
            "2025-06",
            &format!("article-{i}"),
            i,
            Some("a label of some length"),
        );
    }
    (m, "word ".repeat(20_000))
}

/// The child: saves a large state over and over until killed. A no-op in a normal test run.
#[test]
fn child_writer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let (mut m, body) = filled(Path::new(&dir));
    let path = Path::new(&dir).join("state.json");
    // Written straight to the descriptor, past libtest's capture of `print!`.
    let mut out = std::io::stdout();
    let mut announce = |what: u8| {
        out.write_all(&[what]).expect("announce");
        out.flush().expect("announce");
    };
    for n in 0.. {
        m.set_position("2025-06", "article-0", &body, (n * 5) % body.len());
        // The first save has no old state to leave: it is not announced.
        if n > 0 {
            announce(SAVE);
        }
        m.save().expect("save");
        // Most of a save is reading and merging; the dangerous window is the write. Rewriting
        // the same state through the same atomic write (as a save ends) gives the parent
        // writes to aim at.
        let bytes = serde_json::to_vec_pretty(m.state()).unwrap();
        for _ in 0..4 {
            announce(WRITE);
            write_atomic(&path, &bytes).expect("write");
        }
    }
}

/// `child_writer` as the test harness names it: its module path below the crate root.
fn child_test_name() -> String {
    match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::child_writer"),
        None => "child_writer".into(),
    }
}

/// How long a whole save takes here, and how long a temporary file of its size lives in
/// [`write_atomic`] (created, written, synced; then it is renamed and the directory synced),
/// measured in this process on the same state (the median of a few), so that kills can be
/// aimed inside them whatever the machine's speed.
fn spans() -> (Duration, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let (mut m, body) = filled(dir.path());
    m.save().unwrap();
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let saves = (0..5)
        .map(|n| {
            m.set_position("2025-06", "article-0", &body, n * 5);
            let t = Instant::now();
            m.save().unwrap();
            t.elapsed()
        })
        .collect();
    let bytes = serde_json::to_vec_pretty(m.state()).unwrap();
    let temps = (0..5)
        .map(|n| {
            let t = Instant::now();
            let mut f = std::fs::File::create_new(dir.path().join(format!("temp-{n}"))).unwrap();
            f.write_all(&bytes).unwrap();
            f.sync_all().unwrap();
            t.elapsed()
        })
        .collect();
    (median(saves), median(temps))
}

#[test]
fn kill_9_during_saves_leaves_old_or_new_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let (save_span, write_span) = spans();
    let mut killed_mid_write = 0;
    let rounds = 30;
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", &child_test_name(), "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        // Each announcement with the moment it was read.
        let (tx, rx) = mpsc::channel();
        let mut stdout = child.stdout.take().unwrap();
        let announcements = std::thread::spawn(move || {
            let mut buf = [0u8; 256];
            while let Ok(n @ 1..) = stdout.read(&mut buf) {
                let at = Instant::now();
                for &b in buf[..n].iter().filter(|&&b| b == SAVE || b == WRITE) {
                    if tx.send((b, at)).is_err() {
                        return;
                    }
                }
            }
        });
        // xorshift: a different moment each round, reported on failure.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Every fifth round aims at a whole save (reading and merging too), the others at a
        // temporary file's life in one write; each after a few of its kind have gone by, at a
        // random point inside it.
        let (aim, span) = if round % 5 == 0 {
            (SAVE, save_span)
        } else {
            (WRITE, write_span)
        };
        let mut pass = 1 + seed % 4;
        let offset = Duration::from_nanos((seed >> 8) % span.as_nanos().max(1) as u64);
        // Waiting for the child is bounded: it starts, then announces every few milliseconds.
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut stale = 0;
        let started = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok((what, at)) = rx.recv_timeout(left) else {
                let _ = child.kill();
                panic!("round {round}: the child announced too few saves and writes in 60 s");
            };
            if what != aim {
                continue;
            }
            // One read after it had ended (this thread was not scheduled) is passed over,
            // a few times at most.
            if at.elapsed() >= span && stale < 20 {
                stale += 1;
                continue;
            }
            pass -= 1;
            if pass == 0 {
                break at;
            }
        };
        std::thread::sleep(offset.saturating_sub(started.elapsed()));
        child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
        child.wait().unwrap();
        drop(rx);
        announcements.join().unwrap();

        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        if names.iter().any(|n| n.starts_with("state.json.tmp-")) {
            killed_mid_write += 1;
        }
        let state = dir.path().join("state.json");
        assert!(state.exists(), "round {round}: the state file is there");
        let mut m = Memory::open(dir.path());
        assert_eq!(
            m.take_notice(),
            None,
            "round {round} (killed {offset:?} into a {}): the state file must parse",
            if aim == SAVE { "save" } else { "write" }
        );
        assert_eq!(
            m.bookmarks().len(),
            BOOKMARKS,
            "round {round}: a whole state"
        );
        assert!(
            !names.iter().any(|n| n.contains("corrupt")),
            "round {round}: nothing moved aside: {names:?}"
        );
    }
    // The test only means something if kills hit a write in progress (a temporary file
    // written but not yet renamed); aimed at a temporary file's life, most do, so 30 rounds
    // with none would mean the test has stopped exercising the write.
    eprintln!(
        "{killed_mid_write} of {rounds} kills interrupted a write (a save takes {save_span:?}, \
         a temporary file lives {write_span:?})"
    );
    assert!(killed_mid_write > 0, "no kill landed inside a write");
}
