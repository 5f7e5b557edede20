//! End-to-end tests of `herald ingest`, `herald query` and `herald stats --db`:
//! they run the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-ingest-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ingest(db: &Path, args: &[&str]) -> Output {
    let out = herald().arg("ingest").arg("--db").arg(db).args(args).stdin(Stdio::null()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    out
}

fn stats(db: &Path) -> Value {
    let out = herald().args(["stats", "--json", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn query(db: &Path, args: &[&str]) -> String {
    let out = herald().args(["query", "--db"]).arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The figures that must not change between runs.
fn counts(v: &Value) -> (i64, i64, i64, Value, Value) {
    (v["documents"].as_i64().unwrap(), v["events"].as_i64().unwrap(), v["mentions"].as_i64().unwrap(), v["by_cameo_root"].clone(), v["events_corroborated"].clone())
}

const A: &str = "Russian president Vladimir Putin held a phone call with North Korean leader Kim Jong Un on Tuesday.";
const B: &str = "Russian President Vladimir Putin held a telephone call with North Korean leader Kim Jong Un on Tuesday, state media reported. Mr Putin also praised the North Korean troops.";

#[test]
fn same_input_twice_adds_nothing_and_two_reports_make_one_event() {
    let dir = scratch("twice");
    let input = dir.join("two.jsonl");
    let lines = [
        serde_json::json!({"id": "a", "date": "2025-08-13", "title": "Putin calls Kim", "outlet": "Reuters", "url": "https://reuters.example/a", "text": A}),
        serde_json::json!({"id": "b", "date": "2025-08-13", "outlet": "AP", "text": B}),
    ];
    std::fs::write(&input, lines.iter().map(|l| l.to_string() + "\n").collect::<String>()).unwrap();
    let db = dir.join("h.db");
    let out = ingest(&db, &[input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let first = stats(&db);
    assert_eq!(first["documents"], 2);
    // the phone call is one event with two mentions from two sources
    let q = query(&db, &["--actor", "RUSGOV", "--cameo", "04", "--format", "jsonl"]);
    let evs: Vec<Value> = q.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let call: Vec<&Value> = evs.iter().filter(|e| e["target"] == "PRKGOV").collect();
    assert_eq!(call.len(), 1, "{q}");
    assert_eq!((call[0]["mentions"].as_i64(), call[0]["sources"].as_i64(), call[0]["articles"].as_i64()), (Some(2), Some(2), Some(2)), "{q}");
    assert_eq!(call[0]["corroborated"], true);
    let ev = call[0]["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2);
    assert!(ev.iter().any(|m| m["outlet"] == "Reuters" && m["text"].as_str().unwrap().contains("phone call") && m["url"] == "https://reuters.example/a"));
    // again, and again through stdin: nothing changes
    let out = ingest(&db, &[input.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 added"), "{}", String::from_utf8_lossy(&out.stderr));
    let mut child = herald().args(["ingest", "--in", "jsonl", "--db"]).arg(&db).arg("-").stdin(Stdio::piped()).stderr(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &std::fs::read(&input).unwrap()).unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(counts(&stats(&db)), counts(&first));
    // the other formats and filters answer
    for f in ["table", "csv", "gdelt", "plover"] {
        assert!(!query(&db, &["--format", f]).is_empty(), "{f}");
    }
    for line in query(&db, &["--format", "gdelt"]).lines() {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
    assert_eq!(query(&db, &["--outlet", "reuters", "--format", "jsonl"]).lines().count(), 1);
    assert_eq!(query(&db, &["--actor", "Vladimir Putin", "--cameo", "041", "--format", "jsonl"]).lines().count(), 1);
    assert_eq!(query(&db, &["--text", "'; DROP TABLE events; --", "--format", "jsonl"]).lines().count(), 0);
    assert_eq!(query(&db, &["--since", "2026-01-01", "--format", "jsonl"]).lines().count(), 0);
    assert!(stats(&db)["events"].as_i64().unwrap() >= 2);
}

/// One file of each format, each with a bad twin: the good are stored, every
/// bad one is named with its file (and record), and the summary counts them.
#[test]
fn every_format_and_bad_input() {
    use std::io::Write;
    let dir = scratch("formats");
    let inp = dir.join("in");
    std::fs::create_dir_all(inp.join("sub")).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(inp.join(name), bytes).unwrap();
    w("story.txt", b"Iran condemned Israel on Monday, the foreign ministry said.");
    w("page.html", b"<html><head><title>China and Japan</title><meta property=\"og:site_name\" content=\"Example Times\"><meta property=\"article:published_time\" content=\"2024-06-19\"></head><body><nav><a>Home</a></nav><article><p>China criticized Japan on Wednesday over its defence policy.</p></article></body></html>");
    w("nobody.html", b"<html><head><title>Empty</title></head></html>");
    w("feed.rss", b"<rss><channel><title>Wire</title><item><title>t</title><pubDate>Tue, 12 Aug 2025 10:00:00 GMT</pubDate><description>Egypt condemned Sudan on Tuesday.</description></item></channel></rss>");
    w("broken.rss", b"<rss><channel><title>Wire</title><item><title>t</title><description>Kenya praised Ethiopia.</descr");
    w("sub/p.xml", b"<Sentences><Sentence date=\"20150805\" id=\"DEMO-01\" source=\"AFP\"><Text>Arnor praised Gondor.</Text></Sentence></Sentences>");
    w("fr.txt", "Le président russe Vladimir Poutine a eu un entretien téléphonique avec le dirigeant nord-coréen, a indiqué le Kremlin dans un communiqué publié mardi.".as_bytes());
    let warc_rec = |body: &str, len: usize| format!("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://news.example/x\r\nWARC-Date: 2025-08-13T00:00:00Z\r\nContent-Length: {len}\r\n\r\n{body}\r\n\r\n");
    let gz = |s: &str| {
        let mut e = flate2_like::Gz::new();
        e.write_all(s.as_bytes()).unwrap();
        e.finish()
    };
    let body = "Turkey threatened Syria with military action on Tuesday.";
    w("crawl.wet.gz", &gz(&warc_rec(body, body.len())));
    let bad = warc_rec("Short.", 3) + &warc_rec("Poland accused Belarus of provoking a border crisis.", "Poland accused Belarus of provoking a border crisis.".len());
    w("wrong-length.warc", bad.as_bytes());
    let full = gz(&warc_rec(body, body.len()));
    w("truncated.warc.gz", &full[..full.len() / 2]);
    // a 50 MB single line
    let mut big = std::fs::File::create(inp.join("big.jsonl")).unwrap();
    big.write_all(b"{\"id\":\"big\",\"text\":\"").unwrap();
    let chunk = "word ".repeat(1 << 16);
    for _ in 0..(50 << 20) / chunk.len() {
        big.write_all(chunk.as_bytes()).unwrap();
    }
    big.write_all(b"\"}\n{\"id\":\"ok\",\"text\":\"Germany pledged aid to Ukraine.\"}\n").unwrap();
    drop(big);

    let db = dir.join("h.db");
    let out = ingest(&db, &[inp.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for want in [
        "nobody.html: HTML with no main text",
        "broken.rss#",
        "wrong-length.warc#record 1 (offset 0): Content-Length 3 does not end at a record boundary",
        "truncated.warc.gz",
        "truncated gzip stream",
        "big.jsonl (big): document of",
    ] {
        assert!(err.contains(want), "stderr should contain {want:?}:\n{err}");
    }
    assert!(err.contains("record(s) skipped"), "{err}");
    let st = stats(&db);
    // story, page, feed item, petrarch sentence, French, WET record, the good WARC record, ok line
    assert_eq!(st["documents"], 8, "{st}\n{err}");
    assert_eq!(st["documents_not_english"], 1, "{st}");
    assert!(st["records_skipped"].as_i64().unwrap() >= 6, "{st}");
    let j = query(&db, &["--format", "jsonl"]);
    let outlets: Vec<String> = j
        .lines()
        .flat_map(|l| serde_json::from_str::<Value>(l).unwrap()["evidence"].as_array().unwrap().iter().map(|m| m["outlet"].as_str().unwrap_or("").to_string()).collect::<Vec<_>>())
        .collect();
    for o in ["Example Times", "Wire", "news.example"] {
        assert!(outlets.iter().any(|x| x == o), "{o} not among {outlets:?}\n{j}");
    }
}

/// A minimal gzip writer (stored blocks, no compression) so the test needs no crate.
mod flate2_like {
    pub struct Gz(Vec<u8>);
    impl Gz {
        pub fn new() -> Gz {
            Gz(Vec::new())
        }
        pub fn finish(self) -> Vec<u8> {
            let data = self.0;
            let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
            let mut chunks = data.chunks(65535).peekable();
            if data.is_empty() {
                out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
            }
            while let Some(c) = chunks.next() {
                out.push(u8::from(chunks.peek().is_none()));
                let n = c.len() as u16;
                out.extend_from_slice(&n.to_le_bytes());
                out.extend_from_slice(&(!n).to_le_bytes());
                out.extend_from_slice(c);
            }
            out.extend_from_slice(&crc32(&data).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out
        }
    }
    impl std::io::Write for Gz {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}

/// A larger input made here (no ../shared needed): many short articles
/// about many actor pairs and days, several reporting the same events.
fn synthetic_corpus(path: &Path, n: usize) {
    let countries = ["Russia", "China", "Iran", "Israel", "Turkey", "Egypt", "India", "Pakistan", "France", "Germany", "Japan", "Brazil", "Kenya", "Nigeria", "Poland", "Ukraine"];
    let acts = ["condemned", "praised", "accused", "threatened", "met with", "criticized", "hosted talks with", "signed an agreement with"];
    let outlets = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera"];
    let mut s = String::new();
    for i in 0..n {
        let a = countries[i % countries.len()];
        let b = countries[(i / countries.len() + 1 + i) % countries.len()];
        let b = if a == b { "Canada" } else { b };
        let act = acts[(i / 7) % acts.len()];
        let day = 1 + (i / 3) % 28;
        let text = format!("{a} {act} {b} on Monday, officials said. The statement came after weeks of tension, report number {i}.");
        let v = serde_json::json!({"id": format!("s{i}"), "date": format!("2025-03-{day:02}"), "outlet": outlets[i % outlets.len()], "text": text});
        s.push_str(&v.to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

/// SIGKILL an ingest at random points three times, then let it finish: the
/// store ends with the same documents, events and mentions as a clean run.
#[test]
fn killed_ingest_resumes_to_the_same_store() {
    let dir = scratch("crash");
    let input = dir.join("corpus.jsonl");
    // fewer documents in an unoptimised build (CI's `cargo test`): the kill
    // points scale with the clean run's time either way
    let n: i64 = if cfg!(debug_assertions) { 1500 } else { 6000 };
    synthetic_corpus(&input, n as usize);
    let input = input.to_str().unwrap().to_string();
    // the clean run, timed
    let clean = dir.join("clean.db");
    let t = Instant::now();
    let out = ingest(&clean, &["--batch", "64", &input]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let clean_time = t.elapsed();
    let want = stats(&clean);
    assert_eq!(want["documents"], n);
    assert!(want["events"].as_i64().unwrap() > 100, "{want}");
    // kills at pseudo-random points (three that land mid-way, at most eight
    // tries), then a full run
    let db = dir.join("killed.db");
    let mut seed = u64::from(std::process::id()) ^ (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64) | 1;
    let mut killed_with_partial = 0;
    let mut stored = 0i64;
    for round in 0..8 {
        if killed_with_partial == 3 {
            break;
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // somewhere in the first 80% of the time the remaining work should take
        let remaining = clean_time.as_millis() as u64 * (n - stored) as u64 / n as u64;
        let ms = 50 + seed % (remaining * 8 / 10).max(100);
        let mut child = herald().arg("ingest").arg("--db").arg(&db).args(["--batch", "64", &input]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if db.exists() {
            stored = stats(&db)["documents"].as_i64().unwrap_or(0);
        }
        eprintln!("round {round}: killed after {ms} ms ({status}); {stored} documents stored");
        if !status.success() && stored < n {
            killed_with_partial += 1;
        }
    }
    assert!(killed_with_partial >= 1, "no kill landed mid-way");
    let out = ingest(&db, &["--batch", "64", &input]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = stats(&db);
    assert_eq!(counts(&got), counts(&want), "after kills: {got}\nclean: {want}");
    eprintln!("kills that landed mid-way: {killed_with_partial}");
    // every mention belongs to one event, and the clustered events are the same
    let norm = |db: &Path| {
        let mut v: Vec<String> = query(db, &["--format", "jsonl"])
            .lines()
            .map(|l| {
                let e: Value = serde_json::from_str(l).unwrap();
                format!("{} {} {} {} {} {}", e["source"], e["target"], e["cameo"], e["date"], e["mentions"], e["sources"])
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(norm(&db), norm(&clean));
}
