//! The command line's own documents: completions and man pages (the copies under docs/ are
//! what the commands generate), `help`, `--version`, and each command's `--help` listing only
//! the options it honours.

use crate::cli_support;

use std::collections::BTreeMap;
use std::path::Path;

use cli_support::*;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The committed directory holds exactly what `magreader <what> --out-dir` writes.
fn committed_matches_generated(what: &str, committed: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let o = magreader(&[what, "--out-dir", tmp.path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let generated = files(tmp.path());
    let kept = files(Path::new(committed));
    assert_eq!(
        generated.keys().collect::<Vec<_>>(),
        kept.keys().collect::<Vec<_>>(),
        "{committed} is stale: run `cargo run -- {what} --out-dir {committed}`"
    );
    for (name, text) in &generated {
        assert!(
            kept[name] == *text,
            "{committed}/{name} is stale: run `cargo run -- {what} --out-dir {committed}`"
        );
    }
}

#[test]
fn committed_man_pages_are_what_magreader_man_writes() {
    committed_matches_generated("man", "docs/man");
}

#[test]
fn committed_completions_are_what_magreader_completions_writes() {
    committed_matches_generated("completions", "docs/completions");
}

#[test]
fn completions_print_for_each_shell() {
    for (shell, file) in [
        ("bash", "magreader.bash"),
        ("zsh", "_magreader"),
        ("fish", "magreader.fish"),
        ("elvish", "magreader.elv"),
        ("powershell", "_magreader.ps1"),
    ] {
        let o = magreader(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}: {}", stderr(&o));
        assert_eq!(
            o.stdout,
            std::fs::read(Path::new("docs/completions").join(file)).unwrap(),
            "{shell}"
        );
        // Every command is offered.
        for command in [
            "list", "toc", "show", "check", "find", "search", "import", "man",
        ] {
            assert!(stdout(&o).contains(command), "{shell} lacks {command}");
        }
    }
    let o = magreader(&["completions", "tcsh"]);
    assert_eq!(code(&o), 2, "an unknown shell is a usage error");
    assert!(
        stderr(&o).contains("bash"),
        "names the shells: {}",
        stderr(&o)
    );
    assert_eq!(code(&magreader(&["completions"])), 2);
}

#[test]
fn bash_completion_completes_commands_and_options() {
    let script = "source docs/completions/magreader.bash; \
        COMP_WORDS=(magreader sea); COMP_CWORD=1; _magreader magreader sea magreader; \
        echo \"${COMPREPLY[@]}\"; \
        COMP_WORDS=(magreader show --no-p); COMP_CWORD=2; _magreader magreader --no-p show; \
        echo \"${COMPREPLY[@]}\"";
    let o = std::process::Command::new("bash")
        .args(["-c", script])
        .output()
        .expect("bash runs");
    assert_eq!(stdout(&o), "search\n--no-pager\n", "{}", stderr(&o));
}

#[test]
fn man_prints_the_page_of_magreader_or_of_a_command() {
    let o = magreader(&["man"]);
    assert_eq!(code(&o), 0);
    assert_eq!(o.stdout, std::fs::read("docs/man/magreader.1").unwrap());
    assert!(stdout(&o).starts_with(".ie"), "roff: {}", stdout(&o));
    assert!(
        stdout(&o).contains("magreader\\-show(1)"),
        "lists the commands' pages"
    );

    let o = magreader(&["man", "show"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        o.stdout,
        std::fs::read("docs/man/magreader-show.1").unwrap()
    );
    assert!(stdout(&o).contains("no\\-pager"), "{}", stdout(&o));

    let o = magreader(&["man", "shwo"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no command \"shwo\""), "{}", stderr(&o));
}

#[test]
fn help_prints_help_and_has_its_own() {
    let o = magreader(&["help", "--help"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Usage: magreader help [COMMAND]"),
        "{}",
        stdout(&o)
    );

    let o = magreader(&["help", "show"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("Usage: magreader show"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("--no-pager"), "{}", stdout(&o));

    let o = magreader(&["help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("completions"), "{}", stdout(&o));

    assert_eq!(code(&magreader(&["help", "frobnicate"])), 2);
}

#[test]
fn version_names_the_built_in_archive() {
    let list = stdout(&magreader(&["list", "--json"]));
    let issues: serde_json::Value = serde_json::from_str(&list).unwrap();
    let issues = issues.as_array().unwrap();
    let articles: u64 = issues.iter().map(|i| i["articles"].as_u64().unwrap()).sum();
    let newest = issues[0]["id"].as_str().unwrap();
    for flag in ["--version", "-V"] {
        let o = magreader(&[flag]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            format!(
                "magreader {}\nbuilt-in archive: {} issues, {articles} articles, newest issue {newest}\n",
                env!("CARGO_PKG_VERSION"),
                issues.len()
            )
        );
    }
}

/// Long options in a `--help` text.
fn options(help: &str) -> Vec<String> {
    help.lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("--")))
        .map(|w| w.trim_end_matches(',').to_string())
        .collect()
}

#[test]
fn each_command_lists_only_the_options_it_honours() {
    let reads = ["--archive", "--help"];
    let expect: [(&str, &[&str]); 11] = [
        ("list", &["--json"]),
        ("toc", &["--json"]),
        ("show", &["--width", "--raw", "--json", "--no-pager"]),
        ("check", &["--json"]),
        ("find", &["--json", "--limit"]),
        ("search", &["--json", "--limit"]),
        ("import", &["--review", "--json", "--force"]),
        ("completions", &["--out-dir", "--help"]),
        ("man", &["--out-dir", "--help"]),
        ("help", &["--help"]),
        (
            "serve",
            &[
                "--listen",
                "--host-key",
                "--authorized-keys",
                "--open",
                "--max-sessions",
                "--max-per-ip",
                "--idle-timeout",
                "--stall-timeout",
                "--no-color",
            ],
        ),
    ];
    for (command, own) in expect {
        let o = magreader(&[command, "--help"]);
        assert_eq!(code(&o), 0, "{command}: {}", stderr(&o));
        let mut want: Vec<&str> = own.to_vec();
        if !["completions", "man", "help"].contains(&command) {
            want.extend(reads);
        }
        let mut got = options(&stdout(&o));
        got.sort();
        want.sort();
        assert_eq!(got, want, "{command} --help:\n{}", stdout(&o));
    }
}

#[test]
fn the_readers_flags_before_a_command_apply_only_where_honoured() {
    let dir = two_issue_archive();
    let path = dir.path().to_str().unwrap();
    // Where the command reads an archive, `--archive` may come before it, as it always could.
    let o = magreader(&["--archive", path, "list"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("2025-06"), "{}", stdout(&o));
    let o = magreader(&["list", "--archive", path]);
    assert!(stdout(&o).starts_with("2025-06"), "{}", stdout(&o));
    // Elsewhere they are a usage error naming where they apply.
    for (args, says) in [
        (vec!["--archive", path, "man"], "--archive does not apply"),
        (
            vec!["--no-color", "list"],
            "--no-color applies to the reader",
        ),
        (
            vec!["--fresh", "toc", "2025-06"],
            "--fresh applies to the reader",
        ),
    ] {
        let o = magreader(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(code(&magreader(&["list", "--no-color"])), 2);
}
