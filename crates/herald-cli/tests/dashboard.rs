//! The dashboard end to end: the real `herald` binary ingests the dev sets
//! (`../shared/gold`), the bundled examples (with the dates of
//! `examples/dates.tsv`) and an article whose text carries `<script>` and
//! `<img onerror>`, then `herald serve` serves it on a free loopback port and
//! `crates/herald-server/web/e2e/dashboard.mjs` drives Debian's headless
//! Chromium through it (playwright-core, no downloaded browser): timeline,
//! network and map render, the brush sets a range, an event opens its
//! evidence, the hostile markup shows as text and never runs, and
//! screenshots are saved under `target/tmp/`.
//!
//! Skips with a message when Chromium, Node.js, the dashboard's npm packages
//! or `../shared` are missing, except under `CI`, where .ci/run installs
//! Chromium and a missing one is a failure.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Why the test cannot run here, if it cannot.
fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} is missing (apt-get install -y chromium)"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is missing".into());
    }
    if !root().join("crates/herald-server/web/node_modules/playwright-core").is_dir() {
        return Some("crates/herald-server/web/node_modules is missing (npm ci in crates/herald-server/web)".into());
    }
    if !root().join("../shared/gold").is_dir() {
        return Some("../shared/gold is missing".into());
    }
    None
}

/// The examples and the hostile article as one JSONL file.
fn corpus(dir: &Path) -> PathBuf {
    let ex = root().join("examples");
    let mut out = String::new();
    for line in std::fs::read_to_string(ex.join("dates.tsv")).unwrap().lines().filter(|l| !l.trim().is_empty()) {
        let (file, date) = line.split_once('\t').unwrap();
        let text = std::fs::read_to_string(ex.join(file)).unwrap();
        out += &serde_json::json!({"id": file, "date": date.trim(), "title": format!("Example: {file}"), "url": format!("https://example.org/examples/{file}"), "text": text}).to_string();
        out.push('\n');
    }
    let hostile = "Zorblax reported the meeting. Russian President Vladimir Putin met Chinese President Xi Jinping \
        <script>window.__heraldPwned = 1; document.title = \"pwned\"</script><img src=x onerror=\"window.__heraldPwned = 2\"> \
        in Beijing on Tuesday.";
    out += &serde_json::json!({"id": "zorblax-xss", "date": "2025-03-05", "title": "Zorblax <script>document.title=\"pwned\"</script>",
        "url": "javascript:window.__heraldPwned=3", "text": hostile}).to_string();
    out.push('\n');
    let path = dir.join("examples.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn dashboard_in_headless_chromium() {
    if let Some(why) = missing() {
        if std::env::var_os("CI").is_some() && !why.contains("../shared") {
            panic!("the browser test cannot run in CI: {why}");
        }
        eprintln!("skipping the browser test: {why}");
        return;
    }
    let herald = env!("CARGO_BIN_EXE_herald");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dash.db");
    let jsonl = corpus(dir.path());
    let out = Command::new(herald)
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(root().join("../shared/gold"))
        .arg(&jsonl)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));

    let mut child = Command::new(herald)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = 0;
    let url = loop {
        let line = lines.next().expect("herald serve ended before saying where it listens").unwrap();
        if let Some(rest) = line.split("on http://").nth(1) {
            break format!("http://{}", rest.split('/').next().unwrap());
        }
        seen += 1;
        assert!(seen < 200, "herald serve wrote 200 lines without saying where it listens; last: {line}");
    };
    // keep draining the server's stderr
    std::thread::spawn(move || for _ in lines.by_ref() {});

    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let shot = shots.join("dashboard.png");
    let out = Command::new("node")
        .arg("e2e/dashboard.mjs")
        .arg(&url)
        .arg(&shot)
        .arg("Zorblax")
        .current_dir(root().join("crates/herald-server/web"))
        .output()
        .unwrap();
    drop(server);
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{log}");
    assert!(out.status.success(), "the browser test failed:\n{log}");
    assert!(log.contains("no script ran"), "{log}");
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000, "a screenshot was saved");
    eprintln!("screenshots: {} and dashboard-evidence.png beside it", shot.display());
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let herald = env!("CARGO_BIN_EXE_herald");
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here.db");
    let out = Command::new(herald).args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such store") && err.contains("herald ingest"), "{err}");
    assert!(!missing.exists(), "serve does not create a store");
    let out = Command::new(herald).args(["serve", "--addr", "localhost-ish"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
    // a file that is not a store
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not SQLite").unwrap();
    let out = Command::new(herald).args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("opening the store"), "{}", String::from_utf8_lossy(&out.stderr));
}
