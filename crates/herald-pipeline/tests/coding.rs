//! Golden tests of the coder's linguistic behaviour.
//!
//! Each `test_data/coding/<case>.txt` holds documents separated by blank lines;
//! a `# date: YYYY-MM-DD` line sets the publication date for the documents
//! after it. The expected output is `<case>.events.txt`: for every document,
//! its text, every event (with modality flags, even those left out of the
//! default output) and every pattern that fired without giving an event.
//! A missing expected file is written; `UPDATE_EXPECT=1` re-blesses all.

use std::fmt::Write as _;
use std::path::Path;

use herald_core::{Date, Document};
use herald_pipeline::Pipeline;

fn render(pipeline: &Pipeline, text: &str, date: Option<Date>) -> String {
    let doc = Document { id: "case".into(), date, text: text.to_string(), ..Default::default() };
    let p = pipeline.process(&doc);
    let mut out = String::new();
    for line in text.lines() {
        writeln!(out, "> {line}").unwrap();
    }
    for e in &p.coded.events {
        let m = &e.modality;
        let mut flags: Vec<&str> = Vec::new();
        for (on, name) in [(m.negated, "negated"), (m.future, "future"), (m.hypothetical, "hypothetical"), (m.intent, "intent"), (m.durative, "durative")] {
            if on {
                flags.push(name);
            }
        }
        if !m.is_factual() {
            flags.push("NOT-IN-DEFAULT-OUTPUT");
        }
        writeln!(
            out,
            "  {} -> {} {} date={}{} place={} according-to={} [{}] trigger={:?}",
            e.source,
            e.target.as_deref().unwrap_or("-"),
            e.cameo,
            e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            if e.date_explicit { "" } else { "(doc)" },
            e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("-"),
            e.attribution.as_ref().and_then(|a| a.code.clone()).unwrap_or_else(|| "-".into()),
            flags.join(","),
            e.trigger,
        )
        .unwrap();
    }
    for t in p.coded.trace.iter().filter(|t| t.outcome.starts_with("not coded")) {
        // the parse's reasons in brackets are for `explain`; the goldens pin behaviour
        let outcome = t.outcome.split(" [").next().unwrap_or(&t.outcome);
        writeln!(out, "  ~ {:?} {}: {}", t.trigger, t.code, outcome).unwrap();
    }
    out
}

fn run_case(pipeline: &Pipeline, input: &Path) -> (String, String) {
    let src = std::fs::read_to_string(input).unwrap();
    let mut date = None;
    let mut got = String::new();
    for block in src.split("\n\n") {
        let mut text = String::new();
        for line in block.lines() {
            if let Some(d) = line.strip_prefix("# date:") {
                date = Date::parse(d.trim());
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                text.push_str(line);
                text.push('\n');
            }
        }
        if !text.trim().is_empty() {
            got.push_str(&render(pipeline, text.trim_end(), date));
            got.push('\n');
        }
    }
    let expect_path = input.with_extension("events.txt");
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    if bless || !expect_path.exists() {
        std::fs::write(&expect_path, &got).unwrap();
    }
    (got, std::fs::read_to_string(&expect_path).unwrap())
}

#[test]
fn coding_golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/coding");
    let pipeline = Pipeline::new();
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && !p.to_string_lossy().ends_with(".events.txt"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    let mut failures = Vec::new();
    for case in &cases {
        let (got, want) = run_case(&pipeline, case);
        if got != want {
            let first = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{}: first difference at line {}:\n  got:  {}\n  want: {}",
                case.display(),
                first + 1,
                got.lines().nth(first).unwrap_or("<end>"),
                want.lines().nth(first).unwrap_or("<end>")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nhelp: if the change is intended, re-bless with UPDATE_EXPECT=1 cargo test -p herald-pipeline --test coding",
        failures.join("\n")
    );
}
