//! `magreader import` through the binary: per-source summaries, the default ./archive, one bad
//! source not stopping the others, and an imported archive that `check` accepts.

use crate::cli_support;

use std::path::PathBuf;
use std::process::Command;

use cli_support::*;

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("archive/sources")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    v.sort();
    v
}

fn import(cwd: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_magreader"))
        .arg("import")
        .args(args)
        .current_dir(cwd)
        .env_remove("MAGREADER_ARCHIVE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn importing_every_seed_prints_a_summary_each_and_the_archive_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["--archive".to_string(), out.display().to_string()];
    let cwd = std::env::current_dir().unwrap();
    args.extend(seeds().iter().map(|p| cwd.join(p).display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = import(dir.path(), &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    for seed in seeds() {
        let name = seed.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            text.contains(&format!("{name} → ")),
            "{name} summary in:\n{text}"
        );
    }
    assert_eq!(
        text.matches("lines placed").count(),
        seeds().len(),
        "{text}"
    );
    // Not a terminal: no progress bar escapes on stderr.
    assert!(!stderr(&o).contains('\u{1b}'), "{:?}", stderr(&o));

    let o = on_archive(&out, &["check"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    // Same issues as the built-in archive (the golden test compares the files themselves).
    let ids = |o: std::process::Output| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(on_archive(&out, &["list", "--json"])),
        ids(magreader(&["list", "--json"]))
    );
}

#[test]
fn the_default_archive_is_dot_archive_and_one_bad_source_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::env::current_dir().unwrap().join(&seeds()[0]);
    let o = import(dir.path(), &["does-not-exist.txt", seed.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("does-not-exist.txt: cannot read the source"),
        "{err}"
    );
    assert!(
        err.contains("1 of 2 sources failed to import: does-not-exist.txt"),
        "{err}"
    );
    assert!(stdout(&o).contains(" → "), "the good source was imported");
    let issues: Vec<_> = std::fs::read_dir(dir.path().join("archive/issues"))
        .unwrap()
        .collect();
    assert_eq!(issues.len(), 1);
}

#[test]
fn a_file_that_is_not_a_magazine_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "just a line\nand another\n").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    for name in ["notes.txt", "binary.txt", "empty.txt"] {
        let o = import(dir.path(), &[name]);
        let c = code(&o);
        assert!(c == 0 || c == 1, "{name}: exit {c}: {}", stderr(&o));
        if c == 1 {
            assert!(stderr(&o).contains(name), "{name}: {}", stderr(&o));
        }
    }
    let o = import(dir.path(), &["binary.txt"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
}

#[test]
fn several_sources_on_a_terminal_show_a_progress_bar_on_stderr() {
    // `script` gives the command a pseudo-terminal and copies everything it wrote.
    let dir = tempfile::tempdir().unwrap();
    let cwd = std::env::current_dir().unwrap();
    let seeds: Vec<String> = seeds()[..2]
        .iter()
        .map(|p| cwd.join(p).display().to_string())
        .collect();
    let cmd = format!(
        "{} import --archive {} {} {}",
        env!("CARGO_BIN_EXE_magreader"),
        dir.path().join("out").display(),
        seeds[0],
        seeds[1]
    );
    let o = Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .env_remove("MAGREADER_ARCHIVE")
        .output()
        .expect("util-linux `script` runs");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let screen = String::from_utf8(o.stdout).unwrap();
    assert!(
        screen.contains("\r\u{1b}[2K["),
        "bar drawn in place: {screen:?}"
    );
    assert!(screen.contains("] 0/2 "), "{screen:?}");
    assert!(screen.contains("] 1/2 "), "{screen:?}");
    assert!(screen.contains("] 2/2 done"), "{screen:?}");
    assert_eq!(screen.matches(" → ").count(), 2, "{screen:?}");
}

#[test]
fn review_lists_the_unsure_decisions_with_their_lines_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let report = std::fs::canonicalize("archive/sources/004_6213f482f8d9aa6e.txt").unwrap();
    let out = dir.path().join("a");
    let text = import(
        dir.path(),
        &[
            report.to_str().unwrap(),
            "--archive",
            out.to_str().unwrap(),
            "--review",
        ],
    );
    assert!(
        text.status.success(),
        "{}",
        String::from_utf8_lossy(&text.stderr)
    );
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(
        stdout.contains("review: 1 decision(s) to check"),
        "{stdout}"
    );
    assert!(
        stdout.contains("lines 332 [chapters]: back matter starts here"),
        "{stdout}"
    );
    let json = import(
        dir.path(),
        &[
            report.to_str().unwrap(),
            "--archive",
            out.to_str().unwrap(),
            "--review",
            "--json",
        ],
    );
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let review = &v[0]["review"];
    assert_eq!(review[0]["lines"], serde_json::json!([332]));
    assert_eq!(review[0]["rule"], "chapters");
    assert_eq!(v[0]["issue"], "report-2025-bri");
    // Without --review the JSON says so with null, as every absent value.
    let plain = import(
        dir.path(),
        &[
            report.to_str().unwrap(),
            "--archive",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(v[0]["review"].is_null());
}
