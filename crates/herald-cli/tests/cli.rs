//! End-to-end tests: they run the real `herald` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("gold").is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared not found (the dev sets live beside the project)");
        None
    }
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

const GOOD: &str = "Russian president Vladimir Putin held a phone call with North Korean leader Kim Jong Un on Tuesday.";

/// Each bad input gets an error naming the file (and line); the good input is still
/// coded; the exit status says records were skipped; nothing panics.
#[test]
fn bad_text_inputs_are_reported_and_skipped() {
    let dir = scratch("text");
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.txt", b"", "empty.txt:1: empty file"),
        ("binary.txt", b"\x7fELF\x02\x01\x00\x00garbage", "binary.txt:1: binary file"),
        ("latin1.txt", b"First line.\nCaf\xe9 au lait.", "latin1.txt:2: invalid UTF-8"),
    ];
    for (name, bytes, want) in cases {
        let bad = dir.join(name);
        std::fs::write(&bad, bytes).unwrap();
        let out = herald().args(["code", "--date", "2025-08-13"]).arg(&bad).arg(&good).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{name}: stderr should contain {want:?}:\n{err}");
        assert!(err.contains("1 record(s) skipped"), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(out.status.code(), Some(1), "{name}: exit status");
        let events = lines(&out);
        assert!(events.iter().any(|e| e["cameo"] == "041" && e["doc"] == "good"), "{name}: the good file is still coded: {events:?}");
    }
}

#[test]
fn bad_jsonl_records_are_reported_and_skipped() {
    let good = serde_json::json!({"id": "ok", "date": "2025-08-13", "text": GOOD}).to_string();
    let input = format!(
        "{good}\nthis is not json\n{{\"id\":\"no-text\",\"date\":\"2025-08-13\"}}\n{{\"id\":\"bad-date\",\"date\":\"13/08/2025\",\"text\":\"x\"}}\n{}\n",
        good.replace("\"ok\"", "\"ok2\"")
    );
    let mut cmd = herald();
    cmd.args(["code", "--in", "jsonl", "--out", "docs"]);
    let out = run_with_stdin(cmd, input.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    for want in ["<stdin>:2: not JSON", "<stdin>:3: missing `text`", "<stdin>:4: `date` \"13/08/2025\" is not a date", "3 record(s) skipped"] {
        assert!(err.contains(want), "stderr should contain {want:?}:\n{err}");
    }
    assert!(!err.contains("panicked"));
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ok", "ok2"]);
}

#[test]
fn a_bad_date_flag_is_an_error() {
    let out = herald().args(["code", "--date", "yesterday", "-"]).stdin(Stdio::null()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--date \"yesterday\" is not a date"), "{err}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn events_output_carries_the_contract() {
    let mut cmd = herald();
    cmd.args(["code", "--date", "2025-08-13"]);
    let out = run_with_stdin(cmd, GOOD.as_bytes());
    assert!(out.status.success());
    let events = lines(&out);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    for key in ["doc", "sentence", "evidence", "source", "source_text", "target", "target_text", "cameo", "cameo_name", "goldstein", "quad_class", "plover", "mode", "date", "date_precision", "location", "attribution", "modality"] {
        assert!(e.get(key).is_some(), "missing {key} in {e}");
    }
    assert_eq!((e["source"][0].as_str(), e["target"][0].as_str(), e["date"].as_str()), (Some("RUSGOV"), Some("PRKGOV"), Some("2025-08-12")));
    assert_eq!((e["plover"].as_str(), e["mode"].as_str(), e["quad_class"].as_u64()), (Some("CONSULT"), Some("phone"), Some(1)));
}

#[test]
fn negated_acts_are_not_in_the_default_output() {
    let text = "Russia did not sign the treaty with Ukraine. Russia signed a treaty with China.";
    let mut cmd = herald();
    cmd.args(["code", "--date", "2025-08-13"]);
    let out = run_with_stdin(cmd, text.as_bytes());
    let codes: Vec<(String, String)> = lines(&out).iter().map(|e| (e["target"][0].as_str().unwrap().to_string(), e["cameo"].as_str().unwrap().to_string())).collect();
    assert_eq!(codes, [("CHN".to_string(), "057".to_string())]);
    let mut cmd = herald();
    cmd.args(["code", "--date", "2025-08-13", "--all"]);
    let out = run_with_stdin(cmd, text.as_bytes());
    let all = lines(&out);
    assert!(all.iter().any(|e| e["target"][0] == "UKR" && e["modality"]["negated"] == true), "{all:?}");
}

/// The reference case, as the issue states it must show.
#[test]
fn seed_reference_case() {
    let Some(shared) = shared() else { return };
    let gold_path = shared.join("gold/seed.jsonl");
    let gold = herald_eval::load_jsonl(&gold_path).unwrap();
    let out = herald().args(["code", "--in", "jsonl", "--out", "docs"]).arg(&gold_path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let preds = lines(&out);
    let report = herald_eval::score(&gold, &preds).to_json();
    let exact = &report["events"]["levels"]["exact"];
    assert_eq!(exact["fn"], 0, "all 6 required events at exact: {exact}");
    assert_eq!(exact["tp"], 6, "{exact}");
    assert!(exact["precision"].as_f64().unwrap() >= 0.85, "{exact}");
    let timex = &report["timex"];
    assert_eq!(timex["value_acc_all"].as_f64(), Some(1.0), "all 5 DATE values right: {timex}");
    for e in preds[0]["events"].as_array().unwrap() {
        let consult_usa = e["source"][0].as_str().unwrap().starts_with("RUS")
            && e["target"][0].as_str().is_some_and(|t| t.starts_with("USA"))
            && e["cameo"].as_str().unwrap().starts_with("04")
            && e["date"] == "2025-08-12";
        assert!(!consult_usa, "invented Russia-USA consultation: {e}");
    }
}

/// `herald eval` prints what score.py prints for herald's own output.
#[test]
fn eval_agrees_with_score_py() {
    let Some(shared) = shared() else { return };
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 not found");
        return;
    }
    let dir = scratch("eval");
    for set in ["seed", "ngec-actors", "timebank", "petrarch-unittest"] {
        let gold = shared.join(format!("gold/{set}.jsonl"));
        let out = herald().args(["code", "--in", "jsonl", "--out", "docs"]).arg(&gold).output().unwrap();
        let pred = dir.join(format!("{set}.pred.jsonl"));
        std::fs::write(&pred, &out.stdout).unwrap();
        let py = Command::new("python3").arg(shared.join("eval/score.py")).arg(&gold).arg(&pred).arg("--json").output().unwrap();
        assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
        let ours = herald().args(["eval", "--json"]).arg(&gold).output().unwrap();
        let a: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
        let mut b: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
        // The file names differ by construction.
        for k in ["gold", "pred", "gold_file", "pred_file"] {
            if let (Some(o), Some(v)) = (b.as_object_mut(), a.get(k)) {
                o.insert(k.to_string(), v.clone());
            }
        }
        assert_eq!(a, b, "{set}: herald eval and score.py disagree");
    }
}

#[test]
fn kb_lookup_shows_code_terms_and_source() {
    let out = herald().args(["kb", "lookup", "Mr Putin", "--date", "2010-06-01"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("RUSGOV"), "{text}");
    assert!(text.contains("people.tsv"), "{text}");
    assert!(text.contains("2008-05-08 to 2012-05-07  <- holds on this date"), "{text}");
    let out = herald().args(["kb", "lookup", "Donald Trump", "--date", "2022-06-01"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("USAELI"));
}

/// A bad dictionary line is reported with its file and line; the rest loads,
/// and `herald kb import` writes a compiled form that `--dict` reads back.
#[test]
fn dictionaries_report_bad_lines_and_compile() {
    let dir = scratch("dict");
    let dict = dir.join("mine");
    std::fs::create_dir_all(&dict).unwrap();
    std::fs::write(
        dict.join("Mine.verbs.txt"),
        "--- RECONCILE [064] ---\nRECONCILE\n- * (WITH +) [064]\n- * +_AT [[[\n",
    )
    .unwrap();
    std::fs::write(dict.join("Mine.actors.txt"), "GONDOR [GON]\nROHAN [ROH 2099/01/01-2001]\n").unwrap();
    let out = herald().args(["kb", "import"]).arg(&dict).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Mine.verbs.txt:4"), "{err}");
    assert!(err.contains("Mine.actors.txt:2"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1));
    let compiled = dir.join("mine.hdict");
    assert!(compiled.exists(), "{}", String::from_utf8_lossy(&out.stdout));
    let mut cmd = herald();
    cmd.args(["code", "--date", "2025-08-13", "--dict"]).arg(&compiled);
    let out = run_with_stdin(cmd, b"Turkey reconciled with Syria.");
    let events = lines(&out);
    assert!(events.iter().any(|e| e["cameo"] == "064" && e["target"][0] == "SYR"), "{events:?}");
}

/// Issue 3: with PETRARCH's validation dictionaries layered over herald's,
/// at least 60% of the PETRARCH unit-test records come out exactly right
/// (PETRARCH2 itself: 32%).
#[test]
fn petrarch_suite_with_its_dictionaries() {
    let Some(shared) = shared() else { return };
    for dict_only in [false, true] {
        let mut cmd = herald();
        cmd.args(["eval", "--json", "--dict"]).arg(shared.join("dicts/petrarch-validate")).arg(shared.join("gold/petrarch-unittest.jsonl"));
        if dict_only {
            cmd.arg("--dict-only");
        }
        let out = cmd.output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
        let rate = report["events"]["levels"]["exact"]["docs_all_correct_rate"].as_f64().unwrap();
        assert!(rate >= 0.60, "dict_only={dict_only}: {rate} of documents exactly right");
    }
}

#[test]
fn dict_only_needs_a_dictionary() {
    let out = herald().args(["code", "--dict-only", "-"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dict-only needs at least one --dict"));
}

/// `herald parse --in conllu --out conllu` keeps the tokenization and the other
/// columns and fills UPOS, HEAD and DEPREL with a tree.
#[test]
fn parse_conllu_round_trip() {
    let src = "# text = Russia sent troops .\n1\tRussia\t_\t_\t_\t_\t_\t_\t_\t_\n2\tsent\t_\t_\t_\t_\t_\t_\t_\t_\n3\ttroops\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\n";
    let mut cmd = herald();
    cmd.args(["parse", "--in", "conllu", "--out", "conllu"]);
    let out = run_with_stdin(cmd, src.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert!(text.starts_with("# text = Russia sent troops ."));
    assert_eq!(rows[3][9], "SpaceAfter=No");
    let roots = rows.iter().filter(|r| r[6] == "0").count();
    assert_eq!(roots, 1, "{text}");
    assert_eq!((rows[0][3], rows[0][6], rows[0][7]), ("PROPN", "2", "nsubj"), "{text}");
}

/// `herald stats` counts what `herald code` wrote, by root, QuadClass and
/// PLOVER type, and reports a bad line with its place.
#[test]
fn stats_counts_coded_events() {
    let text = "Russia attacked Ukraine on Monday. France and Germany condemned Russia.";
    let mut code = herald();
    code.args(["code", "--date", "2025-03-12", "-"]);
    let coded = run_with_stdin(code, text.as_bytes());
    assert!(coded.status.success(), "{}", String::from_utf8_lossy(&coded.stderr));
    let mut stats = herald();
    stats.args(["stats", "--json"]);
    let out = run_with_stdin(stats, &coded.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = &lines(&out)[0];
    assert_eq!(v["events"], 3, "{v}");
    assert_eq!(v["by_root"]["19"], 1, "{v}");
    assert_eq!(v["by_root"]["11"], 2, "{v}");
    assert_eq!(v["by_quad_class"]["3"], 2, "{v}");
    assert_eq!(v["by_plover"]["ASSAULT"], 1, "{v}");

    let mut bad = coded.stdout.clone();
    bad.extend_from_slice(b"{not json\n");
    let mut stats = herald();
    stats.args(["stats", "--json"]);
    let out = run_with_stdin(stats, &bad);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:4: not JSON"), "{err}");
    assert_eq!(lines(&out)[0]["events"], 3);
}

/// `herald code --out docs` over a run of two reports of one event: each
/// document carries `flags` in the output contract (kind, text with its
/// offsets, claim, what is known and from where, message), and events carry
/// their claimant, attribution verb and corroboration.
#[test]
fn code_flags_conflicts_between_documents() {
    let pair = Path::new(env!("CARGO_MANIFEST_DIR")).join("../herald-claims/test_data/pairs/p01-number-conflict-killed.jsonl");
    let out = herald().args(["code", "--in", "jsonl", "--out", "docs"]).arg(&pair).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    for d in &docs {
        let flags = d["flags"].as_array().expect("flags");
        let f = flags.iter().find(|f| f["kind"] == "number_conflict").expect("a number conflict");
        let (start, end) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        let src = std::fs::read_to_string(&pair).unwrap();
        let doc_text: String = src.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).find(|v| v["id"] == d["id"]).unwrap()["text"].as_str().unwrap().to_string();
        assert_eq!(doc_text.chars().skip(start).take(end - start).collect::<String>(), f["text"].as_str().unwrap());
        for key in ["claim", "message"] {
            assert!(!f[key].as_str().unwrap_or("").is_empty(), "{key}");
        }
        assert!(!f["known"]["value"].as_str().unwrap_or("").is_empty() && !f["known"]["source"].as_str().unwrap_or("").is_empty());
        let e = &d["events"][0];
        assert!(e["claimant"]["text"].is_string() && e["attribution_verb"].is_string(), "{e}");
        assert_eq!(e["corroboration"]["documents"], 2);
    }
}

/// Every flag's text is the document's text at its offsets, over all the
/// golden pairs and the reference article.
#[test]
fn flag_offsets_point_at_their_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../herald-claims/test_data/pairs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    files.extend(shared().map(|s| s.join("gold/seed.jsonl")));
    let mut flags = 0;
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let texts: Vec<(String, String)> = src.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).map(|v| (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string())).collect();
        let out = herald().args(["code", "--in", "jsonl", "--out", "docs"]).arg(&f).output().unwrap();
        for d in lines(&out) {
            let text = &texts.iter().find(|(id, _)| d["id"] == id.as_str()).unwrap().1;
            for fl in d["flags"].as_array().unwrap() {
                let (s, e) = (fl["start"].as_u64().unwrap() as usize, fl["end"].as_u64().unwrap() as usize);
                assert_eq!(text.chars().skip(s).take(e - s).collect::<String>(), fl["text"].as_str().unwrap(), "{} in {}", fl, f.display());
                flags += 1;
            }
        }
    }
    assert!(flags >= 20, "{flags} flags");
}
