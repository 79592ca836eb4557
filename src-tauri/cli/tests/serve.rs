//! `pilot link` and `pilot serve` as a user runs them: a link is issued
//! and listed, the portal serves it on a free port, holds the workspace
//! while it runs, and stops cleanly at Ctrl-C, releasing the workspace.

#[path = "../../core/tests/pilot_support/mod.rs"]
mod pilot_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use pilot_core::Workspace;
use serde_json::Value;

mod cli_support;
use cli_support::pilot;

/// One plain HTTP/1.1 GET; the whole answer as text.
fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn a_link_issued_on_the_command_line_signs_in_to_the_served_portal_until_ctrl_c() {
    let p = pilot_support::running();
    let path = p.ws.path().to_owned();
    let (pilot_id, ann) = (p.pilot.to_string(), p.ann.to_string());
    drop(p.ws);
    let file = path.to_str().unwrap();
    let issue = |person: &str, role: &str, more: &[&str]| {
        let mut args = vec!["link", "issue", file, "--pilot", &pilot_id];
        args.extend(["--person", person, "--role", role]);
        args.extend(more);
        pilot(&args)
    };

    let issued = issue("ann@example.org", "requester", &["--json"]);
    assert!(
        issued.status.success(),
        "{}",
        String::from_utf8_lossy(&issued.stderr)
    );
    let issued: Value = serde_json::from_slice(&issued.stdout).unwrap();
    let token = issued["token"].as_str().unwrap().to_owned();
    assert_eq!(issued["url"], format!("http://127.0.0.1:8080/s/{token}"));
    assert_eq!(issued["link"]["personId"].to_string(), ann);
    let plain = issue(&ann, "requester", &["--url", "http://hr-pc:9000/"]);
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(text.starts_with("http://hr-pc:9000/s/"), "{text}");
    let listed = pilot(&["link", "list", file, "--pilot", &pilot_id, "--json"]);
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed["links"].as_array().unwrap().len(), 2);
    assert!(
        !String::from_utf8_lossy(&pilot(&["link", "list", file, "--pilot", &pilot_id]).stdout)
            .contains(&token)
    );
    let refused = issue(&ann, "fulfiller", &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a fulfiller"));

    let mut server = Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args(["serve", file, "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first}"))
        .to_owned();
    let signed_in = get(&address, &format!("/s/{token}"));
    assert!(signed_in.starts_with("HTTP/1.1 200"), "{signed_in}");
    assert!(
        signed_in
            .to_lowercase()
            .contains("set-cookie: pilot_session="),
        "{signed_in}"
    );
    assert!(get(&address, "/s/0123").starts_with("HTTP/1.1 401"));

    let busy = pilot(&["link", "list", file, "--pilot", &pilot_id]);
    assert_eq!(busy.status.code(), Some(1), "the server is the one writer");
    assert!(String::from_utf8_lossy(&busy.stderr).contains("is open in"));

    unsafe { libc::kill(server.id() as i32, libc::SIGINT) };
    let mut waited = 0;
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            waited < 100,
            "pilot serve did not stop within 10 s of Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(100));
        waited += 1;
    };
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    Workspace::open(&path).expect("the workspace is free again");
    drop(p.dir);
}

#[test]
fn serving_beyond_this_computer_warns_that_it_is_plain_http() {
    let p = pilot_support::running();
    let path = p.ws.path().to_owned();
    drop(p.ws);
    let mut server = Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args(["serve", path.to_str().unwrap(), "--bind", "0.0.0.0:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(server.stdout.take().unwrap()).lines();
    out.next().unwrap().unwrap();
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let output = server.wait_with_output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("plain HTTP"), "{stderr}");
    drop(p.dir);
}

/// `pilot serve` with these arguments after the workspace, stopped by
/// SIGTERM once it has printed its first line (if it started): its exit
/// status, standard output and standard error.
fn serve_briefly(workspace: &str, more: &[&str]) -> (std::process::ExitStatus, String, String) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_pilot"))
        .arg("serve")
        .arg(workspace)
        .args(more)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = out.next().and_then(Result::ok).unwrap_or_default();
    if !first.is_empty() {
        unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    }
    let output = server.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status, first, stderr)
}

/// A self-signed certificate for 127.0.0.1 and its key, written to
/// `cert.pem` and `key.pem` in `dir`.
fn certificate_files(dir: &std::path::Path) -> (String, String) {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (
        cert.to_str().unwrap().to_owned(),
        key.to_str().unwrap().to_owned(),
    )
}

#[test]
fn a_certificate_without_its_key_or_a_key_without_its_certificate_is_a_usage_error() {
    let p = pilot_support::running();
    let path = p.ws.path().to_owned();
    drop(p.ws);
    let file = path.to_str().unwrap();
    for (given, missing) in [("--cert", "--key"), ("--key", "--cert")] {
        let output = pilot(&["serve", file, given, "some.pem"]);
        assert_eq!(output.status.code(), Some(2), "{given} alone");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("required") && stderr.contains(missing),
            "{given} alone: {stderr}"
        );
    }
    drop(p.dir);
}

#[test]
fn a_certificate_file_that_holds_no_certificate_stops_serve_with_a_message_naming_it() {
    let p = pilot_support::running();
    let path = p.ws.path().to_owned();
    drop(p.ws);
    let (_, key) = certificate_files(p.dir.path());
    let wrong = p.dir.path().join("notes.txt");
    std::fs::write(&wrong, "not a certificate\n").unwrap();
    let wrong = wrong.to_str().unwrap();
    let output = pilot(&[
        "serve",
        path.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
        "--cert",
        wrong,
        "--key",
        &key,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("No certificate found in {wrong}")),
        "{stderr}"
    );
    Workspace::open(&path).expect("the workspace is free again");
    drop(p.dir);
}

#[test]
fn serving_https_beyond_this_computer_says_https_and_does_not_warn_of_plain_http() {
    let p = pilot_support::running();
    let path = p.ws.path().to_owned();
    drop(p.ws);
    let (cert, key) = certificate_files(p.dir.path());
    let (status, first, stderr) = serve_briefly(
        path.to_str().unwrap(),
        &["--bind", "0.0.0.0:0", "--cert", &cert, "--key", &key],
    );
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(
        first.starts_with("Serving the pilot portal at https://0.0.0.0:"),
        "{first}"
    );
    assert!(!stderr.contains("plain HTTP"), "{stderr}");
    drop(p.dir);
}
