//! Coverage of PLOVER (issue 5): every event type and every mode the
//! ontology lists has a golden example sentence in
//! `test_data/plover/examples.tsv` that the real pipeline codes to that type
//! with that mode. The auxiliary modes (historical, future, hypothetical,
//! negation) are the event's modality flags.
//!
//! The list of types and modes is herald's own (`herald-coder/data/modes.txt`
//! plus the types of its codebook); it is checked against
//! `../shared/reference/plover_ontology.json` when `../shared` is present.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use herald_coder::codebook::Codebook;
use herald_core::{Date, Document, Event};
use herald_pipeline::Pipeline;

const AUXILIARY: [&str; 4] = ["historical", "future", "hypothetical", "negation"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// (type, mode) pairs of herald's mode table.
fn herald_modes() -> BTreeSet<(String, String)> {
    let table = include_str!("../../herald-coder/data/modes.txt");
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(head, _)| {
            let mut w = head.split_whitespace();
            (w.next().unwrap_or_default().to_string(), w.next().unwrap_or_default().to_string())
        })
        .collect()
}

fn has_aux(e: &Event, aux: &str) -> bool {
    let m = &e.modality;
    match aux {
        "historical" => m.historical,
        "future" => m.future,
        "hypothetical" => m.hypothetical,
        "negation" => m.negated,
        _ => false,
    }
}

#[test]
fn every_plover_type_and_mode_has_a_golden_example() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/plover/examples.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let pipeline = Pipeline::new();
    let date = Date::parse("2025-03-12");
    let mut covered: BTreeSet<(String, String)> = BTreeSet::new();
    let mut failures = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [typ, mode, sentence] = cols[..] else { panic!("{}:{}: expected type<TAB>mode<TAB>sentence", path.display(), i + 1) };
        let doc = Document { id: format!("plover-{}", i + 1), date, text: sentence.into(), ..Default::default() };
        let p = pipeline.process(&doc);
        let ok = p.coded.events.iter().any(|e| {
            e.plover.as_deref() == Some(typ)
                && if AUXILIARY.contains(&mode) {
                    has_aux(e, mode)
                } else {
                    mode == "-" || (e.mode.as_deref() == Some(mode) && e.modality.is_factual())
                }
        });
        if ok {
            covered.insert((typ.to_string(), mode.to_string()));
        } else {
            let got: Vec<String> = p.coded.events.iter().map(|e| format!("{} {:?}/{:?} {:?}", e.cameo, e.plover, e.mode, e.modality)).collect();
            failures.push(format!("line {}: {sentence:?} should give {typ}/{mode}; got {got:?}", i + 1));
        }
    }
    // every type of the codebook, every mode of the table, every auxiliary mode
    let mut wanted: BTreeSet<(String, String)> = herald_modes();
    for e in Codebook::embedded().iter().filter(|e| e.plover_coded()) {
        wanted.insert((e.plover.clone(), "-".into()));
    }
    for aux in AUXILIARY {
        if !covered.iter().any(|(_, m)| m == aux) {
            failures.push(format!("no example of the auxiliary mode {aux}"));
        }
    }
    for (t, m) in &wanted {
        let hit = covered.contains(&(t.clone(), m.clone())) || (m == "-" && covered.iter().any(|(ct, _)| ct == t));
        if !hit {
            failures.push(format!("no golden example of {t}/{m}"));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// herald's table lists exactly PLOVER's types and modes.
#[test]
fn the_mode_table_is_plovers() {
    let path = workspace().join("../shared/reference/plover_ontology.json");
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("SKIP the check against PLOVER: {} not found (../shared lives beside the project)", path.display());
        return;
    };
    let onto: serde_json::Value = serde_json::from_str(&src).unwrap();
    let mut plover: BTreeSet<(String, String)> = BTreeSet::new();
    let mut types: BTreeSet<String> = BTreeSet::new();
    for ev in onto["events"].as_array().unwrap() {
        let t = ev["event"].as_str().unwrap().to_string();
        types.insert(t.clone());
        for m in ev["modes"].as_array().unwrap() {
            plover.insert((t.clone(), m["name"].as_str().unwrap().to_string()));
        }
    }
    let ours = herald_modes();
    let missing: Vec<_> = plover.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&plover).collect();
    assert!(missing.is_empty() && extra.is_empty(), "modes missing from modes.txt: {missing:?}; not PLOVER modes: {extra:?}");
    let aux: BTreeSet<&str> = onto["auxiliary_modes"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(aux, AUXILIARY.into_iter().collect::<BTreeSet<_>>());
    let coded: BTreeSet<String> = Codebook::embedded().iter().filter(|e| e.plover_coded()).map(|e| e.plover.clone()).collect();
    let no_code: Vec<&String> = types.difference(&coded).collect();
    assert!(no_code.is_empty(), "PLOVER types no CAMEO code maps to: {no_code:?}");
}
