//! Golden tests over the worked examples in `examples/` at the workspace root.
//!
//! Each `examples/NAME.txt` is coded by the real `herald` binary with the
//! publication date listed in `examples/dates.tsv`; the events are reduced to
//! one line each (`sentence<TAB>source<TAB>target<TAB>cameo<TAB>date<TAB>trigger`)
//! and compared with `examples/NAME.events.txt`.
//!
//! A missing expected file is written; `UPDATE_EXPECT=1` rewrites them all
//! (re-blessing). A second test checks that the expected files together cover
//! all 20 CAMEO root codes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const BLESS_HINT: &str = "help: run UPDATE_EXPECT=1 cargo test -p herald-cli --test examples to re-bless";

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// `examples/dates.tsv`: file name -> publication date.
fn dates() -> BTreeMap<String, String> {
    let path = examples_dir().join("dates.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (file, date) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{}:{}: expected `file<TAB>YYYY-MM-DD`, got {line:?}", path.display(), i + 1));
        out.insert(file.trim().to_string(), date.trim().to_string());
    }
    out
}

/// The example articles, sorted by name.
fn articles() -> Vec<PathBuf> {
    let dir = examples_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && !p.to_string_lossy().ends_with(".events.txt"))
        .collect();
    files.sort();
    files
}

fn field(v: &serde_json::Value, key: &str) -> String {
    match v.get(key) {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        // Actor lists ("source": ["RUS"]) print as "RUS" or "RUS,UKR".
        Some(serde_json::Value::Array(xs)) => xs
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    }
    .replace(['\t', '\n'], " ")
}

/// Run herald on one article and reduce its events to stable lines.
fn code(article: &Path, date: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("code")
        .arg(article)
        .arg("--date")
        .arg(date)
        .output()
        .expect("run herald");
    assert!(
        out.status.success(),
        "herald code {} --date {date} failed ({}):\n{}",
        article.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("herald prints UTF-8");
    let mut text = String::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("herald printed a line that is not JSON ({e}): {line}"));
        let cols = ["sentence", "source", "target", "cameo", "date", "trigger"].map(|k| field(&v, k));
        writeln!(text, "{}", cols.join("\t")).unwrap();
    }
    text
}

/// A readable line diff (longest common subsequence; examples are small).
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            writeln!(out, "  {}", a[i]).unwrap();
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            writeln!(out, "- {}", a[i]).unwrap();
            i += 1;
        } else {
            writeln!(out, "+ {}", b[j]).unwrap();
            j += 1;
        }
    }
    out
}

fn expected_path(article: &Path) -> PathBuf {
    let stem = article.file_stem().unwrap().to_string_lossy().into_owned();
    article.with_file_name(format!("{stem}.events.txt"))
}

#[test]
fn examples_match_expected_events() {
    let dates = dates();
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| !v.is_empty() && v != "0");
    let articles = articles();
    assert!(!articles.is_empty(), "no examples/*.txt found");
    let mut failures = Vec::new();
    for article in &articles {
        let name = article.file_name().unwrap().to_string_lossy().into_owned();
        let date = dates
            .get(&name)
            .unwrap_or_else(|| panic!("examples/dates.tsv has no date for {name}"));
        let actual = code(article, date);
        let expected_file = expected_path(article);
        match std::fs::read_to_string(&expected_file) {
            Ok(expected) if !update => {
                if expected != actual {
                    failures.push(format!(
                        "examples/{name} (date {date}): events differ from {}\n(- expected, + actual; columns: sentence, source, target, cameo, date, trigger)\n{}",
                        expected_file.file_name().unwrap().to_string_lossy(),
                        diff(&expected, &actual)
                    ));
                }
            }
            _ => {
                std::fs::write(&expected_file, &actual)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_file.display()));
                eprintln!("wrote {}", expected_file.display());
            }
        }
    }
    if !failures.is_empty() {
        panic!("{} example(s) changed:\n\n{}\n{BLESS_HINT}", failures.len(), failures.join("\n"));
    }
}

#[test]
fn expected_events_cover_all_cameo_roots() {
    // Reads the expected files; one that is missing (or being re-blessed by the
    // other test, which may run at the same time) is coded afresh instead.
    let dates = dates();
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| !v.is_empty() && v != "0");
    let mut seen = BTreeSet::new();
    let mut any = false;
    for article in articles() {
        let text = match std::fs::read_to_string(expected_path(&article)) {
            Ok(text) if !update => text,
            _ => {
                let name = article.file_name().unwrap().to_string_lossy().into_owned();
                let Some(date) = dates.get(&name) else { continue };
                code(&article, date)
            }
        };
        any = true;
        for line in text.lines() {
            if let Some(cameo) = line.split('\t').nth(3) {
                if cameo.len() >= 2 && cameo.is_char_boundary(2) {
                    seen.insert(cameo[..2].to_string());
                }
            }
        }
    }
    assert!(any, "no examples/*.txt with a date in examples/dates.tsv");
    let missing: Vec<String> = (1..=20).map(|r| format!("{r:02}")).filter(|r| !seen.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "the expected example events (examples/*.events.txt) miss CAMEO root(s) {}; add an example sentence for each\n{BLESS_HINT}",
        missing.join(", ")
    );
}
