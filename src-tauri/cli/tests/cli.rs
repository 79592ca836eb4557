//! The `pilot` command line as a user or a script runs it: exit statuses,
//! the JSON on stdout, and a workspace that survives the process being
//! killed mid-import.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pilot_core::{import, Workspace};
use serde_json::Value;

mod cli_support;
use cli_support::{fixture, json, pilot, succeeds, texts};

#[test]
fn inspect_json_prints_one_object_in_the_published_shape() {
    let out = pilot(&[
        "inspect",
        &fixture("finance-ap-exceptions-with-title.csv"),
        "--json",
    ]);
    assert!(out.status.success());
    let v = json(&out);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "file",
        "encoding",
        "delimiter",
        "header_line",
        "rows",
        "source",
        "fields",
        "roles",
        "problems",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(v["file"], "finance-ap-exceptions-with-title.csv");
    assert_eq!(v["header_line"], 4);
    assert_eq!(v["roles"]["opened_at"], "Raised on");
}

#[test]
fn a_refused_file_exits_1_with_the_error_as_json() {
    let out = pilot(&[
        "inspect",
        &fixture("broken-unterminated-quote.csv"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["error"]["kind"], "unterminated_quote");
    assert_eq!(v["error"]["line"], 31);
    assert!(v["error"]["message"].as_str().unwrap().contains("line 31"));
}

#[test]
fn errors_without_a_line_have_a_null_line() {
    let out = pilot(&["inspect", "/nonexistent/file.csv", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["error"]["kind"], "io");
    assert!(v["error"]["line"].is_null());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(pilot(&[]).status.code(), Some(2));
    assert_eq!(pilot(&["inspect"]).status.code(), Some(2));
    assert_eq!(
        pilot(&["import", &fixture("ragged-room-bookings.csv")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(pilot(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn without_json_the_summary_is_readable() {
    let out = pilot(&["inspect", &fixture("ragged-room-bookings.csv")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("21 rows"), "{text}");
    assert!(text.contains("line 22"), "{text}");
    let out = pilot(&["inspect", &fixture("broken-unterminated-quote.csv")]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 31"), "{err}");
}

#[test]
fn import_creates_the_workspace_and_refuses_a_second_identical_import() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new.pilot");
    let ws_arg = ws.to_string_lossy().into_owned();
    let file = fixture("sharepoint-hr-onboarding.csv");
    let out = pilot(&["import", &file, "--workspace", &ws_arg, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["rows"], 240);

    let again = pilot(&["import", &file, "--workspace", &ws_arg, "--json"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(json(&again)["error"]["kind"], "already_imported");

    let update = pilot(&[
        "import",
        &file,
        "--workspace",
        &ws_arg,
        "--json",
        "--replace",
    ]);
    assert!(update.status.success());

    let info = pilot(&["info", &ws_arg]);
    assert!(info.status.success());
    let v: Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(v["name"], "new");
}

fn big_csv(dir: &Path, rows: usize) -> PathBuf {
    let mut text = String::from("ID,Title,Created,Amount,Notes\n");
    for i in 1..=rows {
        text.push_str(&format!(
            "{i},Request {i},3/{}/2026 10:{:02} AM,{}.25,\"a note, with \"\"quotes\"\"\"\n",
            i % 28 + 1,
            i % 60,
            i % 1000
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn killing_the_import_midway_leaves_the_workspace_exactly_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.pilot");
    let ws_arg = ws_path.to_string_lossy().into_owned();
    let first = pilot(&[
        "import",
        &fixture("ragged-room-bookings.csv"),
        "--workspace",
        &ws_arg,
    ]);
    assert!(first.status.success());
    let before = import::list(&Workspace::open(&ws_path).unwrap()).unwrap();

    let big = big_csv(dir.path(), 400_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args([
            "import",
            &big.to_string_lossy(),
            "--workspace",
            &ws_arg,
            "--progress",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until rows are being stored, then kill the process outright.
    let stderr = BufReader::new(child.stderr.take().unwrap());
    for line in stderr.lines() {
        let line = line.unwrap();
        let rows: u64 = line
            .rsplit(", ")
            .next()
            .and_then(|part| part.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        if rows >= 8192 {
            break;
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import finished before it could be killed"
    );

    let ws = Workspace::open(&ws_path).unwrap();
    assert_eq!(import::list(&ws).unwrap(), before);
    drop(ws);
    let retry = pilot(&[
        "import",
        &big.to_string_lossy(),
        "--workspace",
        &ws_arg,
        "--json",
    ]);
    assert!(retry.status.success());
    assert_eq!(json(&retry)["rows"], 400_000);
}

#[test]
fn import_skip_problem_rows_leaves_out_the_rows_with_problems() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.pilot");
    let ws_arg = ws_path.to_string_lossy().into_owned();
    let text = succeeds(&[
        "import",
        &fixture("ragged-room-bookings.csv"),
        "--workspace",
        &ws_arg,
        "--skip-problem-rows",
    ]);
    assert!(
        text.contains("2 rows with problems were left out."),
        "{text}"
    );
    let ws = Workspace::open(&ws_path).unwrap();
    let imported = &import::list(&ws).unwrap()[0];
    assert_eq!((imported.row_count, imported.problem_count), (19, 2));
    let problems = import::problems(&ws, imported.id).unwrap();
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [21, 22]);
    assert!(problems
        .iter()
        .all(|p| p.message.starts_with("Row skipped: ")));
}

#[test]
fn import_columns_takes_the_columns_inspect_json_prints_with_the_users_changes() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tickets.csv");
    std::fs::write(
        &csv,
        "Ticket,Owner,Qty,Note\nT1,Ana,1,a\nT2,Bo,two,b\nT3,Cy,3,c\n",
    )
    .unwrap();
    let csv_arg = csv.to_string_lossy().into_owned();
    let found = json(&pilot(&["inspect", &csv_arg, "--json"]));
    let mut columns = found["columns"].as_array().unwrap().clone();
    assert_eq!(columns.len(), 4);
    assert_eq!(columns[2]["type"], "text");
    columns[1]["role"] = "requester".into();
    columns[2]["type"] = "integer".into();
    columns[3]["role"] = "ignore".into();
    let columns_path = dir.path().join("columns.json");
    std::fs::write(&columns_path, serde_json::to_string(&columns).unwrap()).unwrap();
    let columns_arg = columns_path.to_string_lossy().into_owned();

    // Inspect takes them too, to preview what the import will store.
    let preview = json(&pilot(&[
        "inspect",
        &csv_arg,
        "--columns",
        &columns_arg,
        "--json",
    ]));
    assert_eq!(preview["problems"][0]["line"], 3);
    assert_eq!(preview["problems"][0]["column"], "Qty");

    let ws_path = dir.path().join("w.pilot");
    let ws_arg = ws_path.to_string_lossy().into_owned();
    let out = pilot(&[
        "import",
        &csv_arg,
        "--workspace",
        &ws_arg,
        "--columns",
        &columns_arg,
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["roles"]["requester"], "Owner");
    assert_eq!(texts(&v["fields"], "column"), ["Ticket", "Qty"]);
    assert_eq!(v["fields"][1]["type"], "integer");
    assert_eq!(v["problems"], preview["problems"]);

    let ws = Workspace::open(&ws_path).unwrap();
    let id = import::list(&ws).unwrap()[0].id;
    let rows = import::rows(&ws, id, 0, 10).unwrap();
    let qty: Vec<Value> = rows.iter().map(|r| r.vals[0].clone()).collect();
    assert_eq!(qty, [Value::from(1), Value::Null, Value::from(3)]);
    // The mapping is remembered for the next file with these headers.
    let inspection: import::Inspection = serde_json::from_value(found).unwrap();
    let remembered = import::remembered_columns(&ws, &inspection).unwrap();
    assert_eq!(serde_json::to_value(remembered).unwrap(), v["columns"]);
}

#[test]
fn an_unreadable_columns_file_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.pilot");
    let ws_arg = ws_path.to_string_lossy().into_owned();
    let csv = fixture("ragged-room-bookings.csv");
    let missing = dir.path().join("missing.json");
    let garbled = dir.path().join("garbled.json");
    std::fs::write(&garbled, r#"{"columns": []}"#).unwrap();
    for (path, kind) in [(&missing, "io"), (&garbled, "invalid")] {
        let path = path.to_string_lossy().into_owned();
        let out = pilot(&[
            "import",
            &csv,
            "--workspace",
            &ws_arg,
            "--columns",
            &path,
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(1));
        let v = json(&out);
        assert_eq!(v["error"]["kind"], kind);
        let message = v["error"]["message"].as_str().unwrap();
        assert!(message.contains(&path), "{message}");
        let out = pilot(&["inspect", &csv, "--columns", &path]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&path), "{err}");
    }
    let message = json(&pilot(&[
        "inspect",
        &csv,
        "--columns",
        &garbled.to_string_lossy(),
        "--json",
    ]))["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("JSON array"), "{message}");
    assert!(
        !ws_path.exists(),
        "nothing is written when the options are wrong"
    );
}
