//! Coverage of the CAMEO codebook (issue 5, "every code").
//!
//! Every CAMEO event code must have
//! - a verb pattern in herald's `verbs.txt`, or be an intent code (03x) that the
//!   engine derives from an act code plus an intent frame ("pledged to send");
//! - a golden example sentence in `test_data/cameo/examples.tsv` that the real
//!   pipeline codes to exactly that code, in the default (factual) output.
//!
//! The codes checked are those of herald's own codebook (always present) and of
//! the reference codebook `../shared/reference/cameo_codebook.tsv` (skipped, with
//! a message, when `../shared` is absent). All failures are reported at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use herald_coder::codebook::Codebook;
use herald_coder::patterns::PatternSet;
use herald_core::{Date, Document};
use herald_pipeline::Pipeline;

/// Codes that cannot be reached yet without an engine change, each with the
/// reason. Keep this as short as possible; an entry here is a known gap.
const ALLOWED_UNREACHED: &[(&str, &str)] = &[];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Example {
    line: usize,
    code: String,
    sentence: String,
    date: Option<Date>,
}

fn examples() -> Vec<Example> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/cameo/examples.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let code = cols.next().unwrap_or_default().trim().to_string();
        let sentence = cols
            .next()
            .unwrap_or_else(|| panic!("{}:{}: expected `code<TAB>sentence[<TAB>date]`", path.display(), i + 1))
            .trim()
            .to_string();
        let date = cols.next().map(|d| {
            Date::parse(d.trim()).unwrap_or_else(|| panic!("{}:{}: bad date {d:?}", path.display(), i + 1))
        });
        out.push(Example { line: i + 1, code, sentence, date });
    }
    out
}

/// Codes of the reference codebook (first column after the header), or None
/// when `../shared` is absent.
fn reference_codes() -> Option<Vec<String>> {
    let path = workspace().join("../shared/reference/cameo_codebook.tsv");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) => {
            eprintln!(
                "SKIP reference codebook check: {} is absent (herald's own codebook is still checked)",
                path.display()
            );
            return None;
        }
    };
    Some(
        text.lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// What each example codes to: code -> (example line, sentence, codes produced
/// in the default output, codes produced only with `--all`).
type Results = BTreeMap<String, Vec<(usize, String, Vec<String>, Vec<String>)>>;

fn run_examples(examples: &[Example]) -> Results {
    let pipeline = Pipeline::new();
    let mut out: Results = BTreeMap::new();
    for ex in examples {
        let doc = Document { id: format!("cameo-{}", ex.line), date: ex.date, text: ex.sentence.clone(), ..Default::default() };
        let p = pipeline.process(&doc);
        let mut factual = Vec::new();
        let mut other = Vec::new();
        for e in &p.coded.events {
            if e.modality.is_factual() {
                factual.push(e.cameo.clone());
            } else {
                other.push(e.cameo.clone());
            }
        }
        out.entry(ex.code.clone()).or_default().push((ex.line, ex.sentence.clone(), factual, other));
    }
    out
}

#[test]
fn every_cameo_code_has_a_pattern_and_a_golden_example() {
    let codebook = Codebook::embedded();
    let patterns = PatternSet::embedded();
    let with_pattern: BTreeSet<&str> = patterns.codes().into_iter().collect();
    // intent codes the engine derives from an act code and an intent frame
    let derived: BTreeSet<&str> = codebook.iter().filter_map(|e| e.intent.as_deref()).collect();

    let examples = examples();
    for ex in &examples {
        assert!(codebook.contains(&ex.code), "examples.tsv:{}: {} is not a CAMEO code of herald's codebook", ex.line, ex.code);
    }
    let results = run_examples(&examples);

    let mut codes: Vec<(String, &str)> = codebook.iter().map(|e| (e.code.clone(), "herald codebook")).collect();
    if let Some(reference) = reference_codes() {
        assert!(reference.len() >= 300, "the reference codebook lists only {} codes", reference.len());
        let ours: BTreeSet<String> = codes.iter().map(|(c, _)| c.clone()).collect();
        for c in reference {
            if !ours.contains(&c) {
                codes.push((c, "reference codebook (missing from herald's codebook)"));
            }
        }
    }

    let allowed: BTreeMap<&str, &str> = ALLOWED_UNREACHED.iter().copied().collect();
    let mut failures = Vec::new();
    let mut covered = 0;
    for (code, from) in &codes {
        let mut problems = Vec::new();
        if !codebook.contains(code) {
            problems.push("not in herald's codebook".to_string());
        }
        if !with_pattern.contains(code.as_str()) && !derived.contains(code.as_str()) {
            problems.push("no pattern in verbs.txt and not an intent code the engine derives".to_string());
        }
        match results.get(code) {
            None => problems.push("no golden example in test_data/cameo/examples.tsv".to_string()),
            Some(exs) => {
                if !exs.iter().any(|(_, _, factual, _)| factual.contains(code)) {
                    for (line, sentence, factual, other) in exs {
                        let also = if other.is_empty() { String::new() } else { format!("; not in default output: {other:?}") };
                        problems.push(format!("example line {line} {sentence:?} codes to {factual:?}{also}"));
                    }
                }
            }
        }
        if problems.is_empty() {
            covered += 1;
            assert!(!allowed.contains_key(code.as_str()), "{code} is covered now: take it out of ALLOWED_UNREACHED");
        } else if !allowed.contains_key(code.as_str()) {
            failures.push(format!("{code} ({from}): {}", problems.join("; ")));
        }
    }
    eprintln!("CAMEO coverage: {covered} of {} codes covered, {} allowed gaps", codes.len(), allowed.len());
    assert!(failures.is_empty(), "{} CAMEO codes are not covered:\n  {}", failures.len(), failures.join("\n  "));
}
