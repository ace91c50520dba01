use super::*;
use crate::archive::fixture;
use crate::archive::model::Issue;

fn issue(id: &str) -> Issue {
    let mut issue = fixture::issue(id, 2025, 1, vec![fixture::article("a", "A", "Text.\n")]);
    issue.title = "T".into();
    issue
}

/// A pid no process has: above the kernel's limit (`pid_max` is at most 2^22).
const DEAD_PID: u32 = 99_999_999;

#[test]
fn an_import_removes_what_a_killed_import_of_that_issue_left() {
    let dir = tempfile::tempdir().unwrap();
    let issues = dir.path().join("issues");
    let left = [
        issues.join(format!(".tmp-2025-01-{DEAD_PID}")),
        issues.join(format!(".old-2025-01-{DEAD_PID}")),
    ];
    // Kept: another issue's, a live process's (pid 1 always lives), other names.
    let kept = [
        issues.join(format!(".tmp-2025-02-{DEAD_PID}")),
        issues.join(".tmp-2025-01-1"),
        issues.join(format!(".tmp-2025-01-x{DEAD_PID}")),
    ];
    for d in left.iter().chain(&kept) {
        fs::create_dir_all(d.join("sub")).unwrap();
    }
    write_issue(dir.path(), &issue("2025-01"), b"src").unwrap();
    for d in &left {
        assert!(!d.exists(), "{} removed", d.display());
    }
    for d in &kept {
        assert!(d.exists(), "{} kept", d.display());
    }
    let (archive, problems) = load(&DirStore {
        root: dir.path().to_path_buf(),
    });
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(archive.issues.len(), 1);
}

#[test]
fn a_linked_issue_directory_is_a_problem_naming_it() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("archive");
    write_issue(&root, &issue("2025-01"), b"src").unwrap();
    write_issue(outer.path(), &issue("2025-02"), b"src").unwrap();
    std::os::unix::fs::symlink(
        outer.path().join("issues/2025-02"),
        root.join("issues/2025-02"),
    )
    .unwrap();
    let store = DirStore { root: root.clone() };
    let (archive, problems) = load(&store);
    assert_eq!(archive.issues.len(), 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].path,
        root.join("issues/2025-02/issue.json").display().to_string()
    );
    assert!(
        problems[0]
            .problem
            .contains("issue directory is a symbolic link"),
        "{problems:?}"
    );
}
