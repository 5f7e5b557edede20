//! Golden tests of the claims stage (issue 8).
//!
//! Each `crates/herald-claims/test_data/pairs/pNN-*.jsonl` holds two short
//! articles reporting one event (what each pair pins is in that folder's
//! README). The two are coded, compared as one run, and every event's
//! accounts and every flag are written to `pNN-*.claims.txt` beside it. A
//! missing expected file is written; `UPDATE_EXPECT=1` re-blesses all.
//! Table tests then pin what the pairs must show, whatever the wording.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use herald_claims::DocClaims;
use herald_core::{Date, Document};
use herald_pipeline::Pipeline;

fn pairs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../herald-claims/test_data/pairs")
}

fn docs_of(path: &Path) -> Vec<Document> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().map(str::to_string);
            Document { id: s("id").unwrap(), date: v["date"].as_str().and_then(Date::parse), title: s("title"), text: s("text").unwrap(), outlet: s("outlet"), ..Default::default() }
        })
        .collect()
}

/// The run's claims, compared, with the rendering of every document.
fn run(pipeline: &Pipeline, docs: &[Document]) -> (Vec<DocClaims>, String) {
    let processed: Vec<_> = docs.iter().map(|d| pipeline.process(d)).collect();
    let mut claims: Vec<DocClaims> = processed.iter().map(|p| p.claims.clone()).collect();
    herald_claims::compare(&mut claims, herald_claims::WINDOW_DAYS);
    let mut out = String::new();
    for (p, c) in processed.iter().zip(&claims) {
        writeln!(out, "# {} ({}, {})", p.doc.id, p.doc.outlet.as_deref().unwrap_or("-"), p.doc.date.map(|d| d.to_string()).unwrap_or_default()).unwrap();
        writeln!(out, "> {}", p.doc.text).unwrap();
        for ec in &c.events {
            let e = &p.coded.events[ec.event];
            writeln!(out, "  event {} -> {} {} (sentence {}), cluster {}, claimants {:?}{}", e.source, e.target.as_deref().unwrap_or("-"), e.cameo, e.sentence, ec.cluster, ec.corroboration.claimants, if ec.corroboration.party_media_only { ", party only" } else { "" }).unwrap();
            for (who, gives) in &ec.corroboration.differences {
                writeln!(out, "    only {who} gives {gives:?}").unwrap();
            }
            for a in &ec.accounts {
                writeln!(out, "    {} [{}{}] sentences {:?} parties {:?} topics {:?} omits {:?} numbers {:?}", a.claimant.label(), a.stance.as_str(), if a.cue.is_empty() { String::new() } else { format!(" {:?}", a.cue) }, a.sentences, a.parties.iter().map(|x| &x.0).collect::<Vec<_>>(), a.topics, a.omits, a.quantities.iter().map(|q| &q.text).collect::<Vec<_>>()).unwrap();
            }
        }
        for f in &c.flags {
            writeln!(out, "  FLAG {} {:?} [{}..{}]: {}", f.kind, f.text, f.start, f.end, f.message).unwrap();
        }
    }
    (claims, out)
}

fn flags_of(claims: &[DocClaims], kind: &str) -> usize {
    claims.iter().flat_map(|c| &c.flags).filter(|f| f.kind == kind).count()
}

#[test]
fn golden_pairs() {
    let pipeline = Pipeline::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(pairs_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    files.sort();
    assert!(files.len() >= 20, "{} pairs", files.len());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failed = Vec::new();
    for f in &files {
        let (_, got) = run(&pipeline, &docs_of(f));
        let expect = f.with_extension("claims.txt");
        match std::fs::read_to_string(&expect) {
            Ok(want) if !update => {
                if want != got {
                    failed.push(format!("{}: differs from {} (UPDATE_EXPECT=1 re-blesses)\n--- want\n{want}\n--- got\n{got}", f.display(), expect.display()));
                }
            }
            _ => std::fs::write(&expect, &got).unwrap(),
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// What each kind of pair must show: the number of flags of a kind over
/// the two documents (each conflict is flagged on both).
#[test]
fn pairs_pin_their_flags() {
    let pipeline = Pipeline::new();
    let cases: &[(&str, &str, usize)] = &[
        ("p01-number-conflict-killed", "number_conflict", 2),
        ("p02-number-conflict-troops", "number_conflict", 2),
        ("p04-number-conflict-rockets", "number_conflict", 2),
        ("p26-number-conflict-hundreds-vs-few", "number_conflict", 2),
        ("p05-number-no-conflict-at-least", "number_conflict", 0),
        ("p06-number-no-conflict-around", "number_conflict", 0),
        ("p07-number-no-conflict-dozens", "number_conflict", 0),
        ("p08-number-no-conflict-more-than", "number_conflict", 0),
        ("p09-date-conflict-weekdays", "date_conflict", 2),
        ("p10-date-conflict-explicit", "date_conflict", 2),
        ("p11-date-conflict-weekday-vs-explicit", "date_conflict", 2),
        ("p12-same-date-weekday-and-explicit", "date_conflict", 0),
        ("p13-same-date-weekday-and-explicit-different-days", "date_conflict", 0),
        ("p16-claimants-host-vs-party", "date_conflict", 0),
        ("p17-report-and-denial-strike", "disputed", 2),
        ("p18-report-and-denial-shelling", "disputed", 2),
        ("p19-state-media-only-kcna", "single_source", 1),
        ("p20-state-media-only-russian-defence-ministry", "single_source", 1),
        ("p21-corroborated-missile-launch", "single_source", 0),
        ("p22-corroborated-ship-attack", "single_source", 0),
        ("p23-anchor-wrong-date-invasion", "date_conflict", 1),
        ("p24-anchor-wrong-date-singapore-summit", "date_conflict", 1),
        ("p25-anchor-wrong-date-hamas-attack", "date_conflict", 1),
    ];
    for (name, kind, want) in cases {
        let (claims, text) = run(&pipeline, &docs_of(&pairs_dir().join(format!("{name}.jsonl"))));
        assert_eq!(flags_of(&claims, kind), *want, "{name}: {kind}\n{text}");
    }
    // the anchor conflicts are on the article with the wrong date only
    for name in ["p23-anchor-wrong-date-invasion", "p24-anchor-wrong-date-singapore-summit", "p25-anchor-wrong-date-hamas-attack"] {
        let (claims, _) = run(&pipeline, &docs_of(&pairs_dir().join(format!("{name}.jsonl"))));
        assert!(claims[1].flags.iter().all(|f| f.kind != "date_conflict"), "{name}");
    }
}

/// The reference article: the must-shows of issue 8.
#[test]
fn seed_claims() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/seed.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED seed_claims: {} not found (../shared is absent)", path.display());
        return;
    };
    let v: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let doc = Document { id: "seed".into(), date: v["date"].as_str().and_then(Date::parse), text: v["text"].as_str().unwrap().to_string(), ..Default::default() };
    let pipeline = Pipeline::new();
    let p = pipeline.process(&doc);
    let c = herald_claims::alone(&p.claims);
    // a date_conflict on "February 2021", known 2022-02-24
    let f = c.flags.iter().find(|f| f.kind == "date_conflict").expect("a date conflict");
    assert_eq!((f.text.as_str(), f.known.as_str()), ("February 2021", "2022-02-24"));
    assert_eq!(doc.text.chars().skip(f.start).take(f.end - f.start).collect::<String>(), "February 2021");
    // the troop numbers according to South Korean assessments
    let aid = c.events.iter().find(|ec| p.coded.events[ec.event].cameo == "072").expect("the military aid");
    assert_eq!(aid.claimant.text, "South Korean assessments");
    assert_eq!(aid.stance, herald_claims::Stance::Assessment);
    assert!(aid.accounts[0].quantities.iter().any(|q| q.text == "around 15000 troops"));
    // the call's claimants: the Kremlin and KCNA
    for ec in c.events.iter().filter(|ec| p.coded.events[ec.event].cameo == "041") {
        let codes: Vec<Option<&str>> = ec.accounts.iter().map(|a| a.claimant.code.as_deref()).collect();
        assert!(codes.contains(&Some("RUSGOV")) && codes.contains(&Some("PRKMED")), "{codes:?}");
    }
    // the difference in accounts: the summit preparations
    let d = c.flags.iter().find(|f| f.kind == "account_difference").expect("an account difference");
    assert!(d.message.contains("the preparations for the Alaska summit") && d.message.contains("Kremlin"), "{}", d.message);
    // no Russia-USA consultation out of "discussed the preparations ... with Mr Trump"
    assert!(!p.coded.events.iter().any(|e| e.modality.is_factual() && e.source.starts_with("RUS") && e.target.as_deref().is_some_and(|t| t.starts_with("USA")) && e.cameo.starts_with("04") && e.sentence == 3));
}
