//! PLOVER contexts: from the CAMEO code and from the sentence's issue words.

use herald_core::{Date, Document};
use herald_pipeline::Pipeline;

fn contexts(p: &Pipeline, text: &str) -> Vec<Vec<String>> {
    let doc = Document { id: "t".into(), date: Date::parse("2025-03-12"), text: text.into(), ..Default::default() };
    let out = p.process(&doc);
    out.events().map(|e| e.contexts.clone()).collect()
}

#[test]
fn issue_words_give_contexts() {
    let p = Pipeline::new();
    // sentence, a context every event must have, a context no event may have
    let cases: &[(&str, &str, &str)] = &[
        ("Iran condemned Israel over the strike on its nuclear facilities.", "cbrn", "economic"),
        ("The United States imposed sanctions on Russian banks over the annexation of Crimea.", "territory", "crime"),
        ("The United States imposed sanctions on Russian banks over the annexation of Crimea.", "economic", "health"),
        ("China accused Japan of a cyber attack on its election systems.", "cyber", "gender"),
        ("China accused Japan of a cyber attack on its election systems.", "election", "migration"),
        ("Turkey criticized Greece over its treatment of refugees.", "asylum", "cbrn"),
    ];
    for &(text, want, not) in cases {
        let got = contexts(&p, text);
        assert!(!got.is_empty(), "no event for {text:?}");
        for c in &got {
            assert!(c.iter().any(|x| x == want), "{text:?}: {c:?} lacks {want}");
            assert!(!c.iter().any(|x| x == not), "{text:?}: {c:?} has {not}");
        }
    }
}

/// Every context herald's table names is one of PLOVER's.
#[test]
fn context_names_are_plover_contexts() {
    let table = include_str!("../../herald-coder/data/contexts.txt");
    let names: Vec<&str> = table.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(|l| l.split_once(':').map(|(n, _)| n.trim())).collect();
    assert!(names.len() >= 30, "{names:?}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/plover_ontology.json");
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("skipping the check against PLOVER: {} not found (../shared lives beside the project)", path.display());
        return;
    };
    let onto: serde_json::Value = serde_json::from_str(&src).unwrap();
    let plover: Vec<&str> = onto["contexts"].as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    let unknown: Vec<&&str> = names.iter().filter(|n| !plover.contains(n)).collect();
    assert!(unknown.is_empty(), "not PLOVER contexts: {unknown:?}");
}
