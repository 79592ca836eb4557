//! The engine reads files and nothing else: no SQLite, no workspace. Its
//! dependency tree proves it, so a dependency that brings SQLite in fails
//! here rather than in review.

#[test]
fn the_engine_depends_on_no_sqlite_library() {
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--package",
            "pilot-csv",
            "--edges",
            "normal,build,dev",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    assert!(tree.contains("pilot-csv"), "{tree}");
    for sqlite in ["rusqlite", "libsqlite3-sys", "pilot-core"] {
        assert!(
            !tree.lines().any(|l| l.starts_with(&format!("{sqlite} "))),
            "pilot-csv must not depend on {sqlite}:\n{tree}"
        );
    }
}
