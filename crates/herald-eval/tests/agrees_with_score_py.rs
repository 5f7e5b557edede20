//! Agreement test: herald-eval must print the same figures as the reference scorer
//! `shared/eval/score.py` on every gold set, for a perfect, a perturbed, a partial and an empty
//! prediction. Skips (passing, with a message) when `../shared` or `python3` is missing.

#![allow(clippy::manual_is_multiple_of)] // `is_multiple_of` is newer than the workspace MSRV (1.80)

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Map, Value};

const SETS: &[&str] = &[
    "seed",
    "petrarch-unittest",
    "tabari-validate",
    "timebank",
    "meantime",
    "wikigold",
    "lgl",
    "geovirus",
    "ngec-actors",
];

fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn python_ok() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Equal JSON, numbers within 1e-9; on failure, the path of the first difference.
fn json_eq(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() <= 1e-9 {
                Ok(())
            } else {
                Err(format!("{path}: python {x} vs rust {y}"))
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut kx: Vec<_> = x.keys().collect();
            let mut ky: Vec<_> = y.keys().collect();
            kx.sort();
            ky.sort();
            if kx != ky {
                return Err(format!("{path}: keys differ: python {kx:?} vs rust {ky:?}"));
            }
            for k in x.keys() {
                json_eq(&x[k], &y[k], &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                json_eq(p, q, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: python {a} vs rust {b}")),
    }
}

// ----------------------------------------------------------------------------- perturbation
fn wrong_cameo(c: &str) -> String {
    if c.starts_with("19") {
        "042".into()
    } else {
        "190".into()
    }
}

fn wrong_plover(p: &str) -> String {
    if p.eq_ignore_ascii_case("ASSAULT") {
        "AID".into()
    } else {
        "ASSAULT".into()
    }
}

fn perturb_list(items: &[Value], mut f: impl FnMut(usize, &mut Map<String, Value>)) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i % 3 == 2 {
            continue; // drop every 3rd
        }
        let mut it = it.clone();
        if let Some(o) = it.as_object_mut() {
            f(i, o);
        }
        out.push(it);
    }
    out
}

fn shift(o: &mut Map<String, Value>, by: i64) {
    for k in ["start", "end"] {
        if let Some(v) = o.get(k).and_then(Value::as_i64) {
            o.insert(k.into(), json!(v + by));
        }
    }
}

fn perturb_doc(di: usize, d: &Value) -> Value {
    let mut p = Map::new();
    p.insert("id".into(), d["id"].clone());
    if let Some(Value::Array(evs)) = d.get("events") {
        let mut out = perturb_list(evs, |i, e| {
            let k = i + di;
            if k % 4 == 0 {
                let s = e.remove("source").unwrap_or(Value::Null);
                let t = e.remove("target").unwrap_or(Value::Null);
                e.insert("source".into(), t);
                e.insert("target".into(), s);
            }
            if k % 5 == 1 {
                if let Some(c) = e.get("cameo").and_then(Value::as_str).map(wrong_cameo) {
                    e.insert("cameo".into(), json!(c));
                }
                if let Some(c) = e.get("plover").and_then(Value::as_str).map(wrong_plover) {
                    e.insert("plover".into(), json!(c));
                }
            }
            if k % 7 == 3 {
                // keep the country, change the role: a root/plover hit, an exact miss
                if let Some(Value::Array(src)) = e.get("source") {
                    if let Some(first) = src.first().and_then(Value::as_str) {
                        let c: String = first.chars().take(3).collect();
                        e.insert("source".into(), json!([format!("{c}XXX")]));
                    }
                }
                if let Some(c) = e.get("cameo").and_then(Value::as_str) {
                    let root: String = c.chars().take(2).collect();
                    e.insert("cameo".into(), json!(format!("{root}9")));
                }
            }
            if k % 6 == 5 {
                e.insert("date".into(), json!("1900-01-01"));
            }
            if k % 8 == 7 {
                e.insert("source".into(), json!(["---MIL"]));
            }
            e.remove("optional");
        });
        if di % 5 == 0 && !evs.is_empty() {
            out.push(evs[0].clone()); // a duplicate: a false positive
        }
        if di % 4 == 3 {
            out.reverse(); // greedy order matters
        }
        p.insert("events".into(), Value::Array(out));
    }
    if let Some(Value::Array(tx)) = d.get("timex") {
        let mut out = perturb_list(tx, |i, t| {
            let k = i + di;
            if k % 4 == 1 {
                shift(t, 1);
            }
            if k % 5 == 2 {
                t.insert("value".into(), json!("XXXX"));
            }
            if k % 7 == 0 {
                t.insert("type".into(), json!("DURATION"));
            }
            if k % 9 == 4 {
                shift(t, 1000);
            }
        });
        if di % 3 == 0 {
            out.push(json!({"start": 0, "end": 3, "type": "DATE", "value": "2000"}));
        }
        p.insert("timex".into(), Value::Array(out));
    }
    if let Some(Value::Array(pl)) = d.get("places") {
        let out = perturb_list(pl, |i, t| {
            let k = i + di;
            if k % 4 == 1 {
                if let Some(lat) = t.get("lat").and_then(Value::as_f64) {
                    // ~300 km north (or south near the pole)
                    let nl = if lat > 80.0 { lat - 2.7 } else { lat + 2.7 };
                    t.insert("lat".into(), json!(nl));
                    t.remove("geonameid");
                }
            }
            if k % 2 == 0 {
                // small deterministic jitter, so the median error is not trivially 0
                if let Some(lat) = t.get("lat").and_then(Value::as_f64) {
                    t.insert("lat".into(), json!(lat + 0.013 * (k % 7) as f64));
                }
            }
            if k % 5 == 2 {
                shift(t, 2);
            }
            if k % 6 == 3 {
                t.remove("geonameid");
                t.insert("country".into(), json!("XXX"));
            }
            if k % 7 == 4 {
                t.remove("lat");
                t.remove("lon");
            }
            if k % 11 == 6 {
                t.insert("lon".into(), json!(0.5));
                t.insert("geonameid".into(), json!(1));
            }
        });
        p.insert("places".into(), Value::Array(out));
    }
    if let Some(Value::Array(en)) = d.get("entities") {
        let mut out = perturb_list(en, |i, t| {
            let k = i + di;
            if k % 4 == 1 {
                let ty = match t.get("type").and_then(Value::as_str) {
                    Some("PER") => "ORG",
                    Some("ORG") => "LOC",
                    Some("LOC") => "MISC",
                    _ => "PER",
                };
                t.insert("type".into(), json!(ty));
            }
            if k % 5 == 2 {
                if let Some(e) = t.get("end").and_then(Value::as_i64) {
                    t.insert("end".into(), json!(e + 1));
                }
            }
            if k % 13 == 7 {
                t.remove("type");
            }
        });
        if di % 4 == 0 {
            out.push(json!({"start": 0, "end": 1, "type": "FAC"}));
        }
        p.insert("entities".into(), Value::Array(out));
    }
    if let Some(Value::Array(ac)) = d.get("actors") {
        let out = perturb_list(ac, |i, t| {
            let k = i + di;
            let first = match t.get("code") {
                Some(Value::Array(a)) => a.first().and_then(Value::as_str).map(str::to_string),
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            };
            let mut code = first.clone().unwrap_or_default();
            if k % 4 == 1 {
                code = String::new();
            } else if k % 5 == 2 {
                let c: String = code.chars().take(3).collect();
                code = format!("{}GOV", if c.is_empty() { "USA" } else { &c });
            } else if k % 7 == 0 {
                code = "MIL".into();
            } else if code.is_empty() && k % 2 == 0 {
                // gold partial entries (code null): give them something to be judged on
                let c = t.get("country").and_then(Value::as_str).unwrap_or("---");
                let r = t.get("role").and_then(Value::as_str).unwrap_or("");
                code = format!("{c}{r}");
            }
            if k % 6 == 3 {
                if let Some(s) = t.get("text").and_then(Value::as_str) {
                    let s = format!("  {}  ", s.to_uppercase().replace(' ', "   "));
                    t.insert("text".into(), json!(s));
                }
            }
            if k % 9 == 8 {
                t.insert("text".into(), json!("somebody else"));
            }
            t.insert("code".into(), json!(code));
            t.remove("country");
            t.remove("role");
        });
        p.insert("actors".into(), Value::Array(out));
    }
    Value::Object(p)
}

fn write_jsonl(path: &Path, docs: &[Value]) {
    let mut s = String::new();
    for d in docs {
        s.push_str(&serde_json::to_string(d).unwrap());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

fn run_py(gold: &Path, pred: &Path, as_json: bool) -> String {
    let script = shared_dir().join("eval/score.py");
    let mut cmd = Command::new("python3");
    cmd.arg(&script).arg(gold).arg(pred);
    if as_json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("run python3");
    assert!(
        out.status.success(),
        "score.py failed on {}: {}",
        pred.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn agrees_with_score_py() {
    let shared = shared_dir();
    if !shared.join("eval/score.py").exists() || !shared.join("gold").is_dir() {
        eprintln!("SKIP agrees_with_score_py: {} not found", shared.display());
        return;
    }
    if !python_ok() {
        eprintln!("SKIP agrees_with_score_py: python3 not found");
        return;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let tmp =
        std::env::temp_dir().join(format!("herald-eval-agree-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut compared = 0;
    let mut failures = Vec::new();
    for set in SETS {
        let gold_path = shared.join("gold").join(format!("{set}.jsonl"));
        if !gold_path.exists() {
            eprintln!("note: {} missing, skipped", gold_path.display());
            continue;
        }
        let gold = herald_eval::load_jsonl(&gold_path).unwrap();
        let perturbed: Vec<Value> = gold
            .iter()
            .enumerate()
            .map(|(i, d)| perturb_doc(i, d))
            .collect();
        // partial: every 10th document missing, one unknown id, one duplicate id
        let mut partial: Vec<Value> = perturbed
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 10 != 9)
            .map(|(_, d)| d.clone())
            .collect();
        partial.push(json!({"id": "no-such-document", "events": [], "timex": []}));
        if let Some(first) = gold.first() {
            partial.push(first.clone()); // duplicate id: the later copy (the gold itself) wins
        }
        let preds: Vec<(&str, Vec<Value>)> = vec![
            ("self", gold.clone()),
            ("perturbed", perturbed),
            ("partial", partial),
            ("empty", Vec::new()),
        ];
        for (kind, docs) in preds {
            let pred_path = tmp.join(format!("{set}.{kind}.jsonl"));
            write_jsonl(&pred_path, &docs);
            let report = herald_eval::score_files(&gold_path, &pred_path).unwrap();
            // --json: structural equality with 1e-9 tolerance
            let py_text = run_py(&gold_path, &pred_path, true);
            let py: Value = serde_json::from_str(py_text.trim()).unwrap();
            if let Err(e) = json_eq(&py, &report.to_json(), "") {
                failures.push(format!("{set}/{kind} --json: {e}"));
            }
            // exact text of json.dumps (key order, float repr)
            if py_text.trim_end() != report.to_json_string() {
                failures.push(format!(
                    "{set}/{kind} --json text differs:\n  python {}\n  rust   {}",
                    py_text.trim_end(),
                    report.to_json_string()
                ));
            }
            // readable table, line for line
            let py_table = run_py(&gold_path, &pred_path, false);
            let rs_table = report.render(
                &gold_path.display().to_string(),
                &pred_path.display().to_string(),
            );
            for (i, (a, b)) in py_table
                .trim_end_matches('\n')
                .lines()
                .zip(rs_table.lines())
                .enumerate()
            {
                if a != b {
                    failures.push(format!(
                        "{set}/{kind} table line {}:\n  python {a:?}\n  rust   {b:?}",
                        i + 1
                    ));
                }
            }
            if py_table.trim_end_matches('\n').lines().count() != rs_table.lines().count() {
                failures.push(format!("{set}/{kind} table: different number of lines"));
            }
            compared += 1;
            eprintln!("{set}/{kind}: compared");
        }
    }
    // synthetic documents with odd but legal values (numbers as codes and offsets, strings as
    // coordinates, nulls in lists, padding, case, non-ASCII types, numeric ids)
    let gold_path = tmp.join("odd.gold.jsonl");
    let pred_path = tmp.join("odd.pred.jsonl");
    write_jsonl(&gold_path, &odd_gold());
    write_jsonl(&pred_path, &odd_pred());
    let report = herald_eval::score_files(&gold_path, &pred_path).unwrap();
    let py_text = run_py(&gold_path, &pred_path, true);
    if py_text.trim_end() != report.to_json_string() {
        failures.push(format!(
            "odd --json text differs:\n  python {}\n  rust   {}",
            py_text.trim_end(),
            report.to_json_string()
        ));
    }
    compared += 1;
    let py_table = run_py(&gold_path, &pred_path, false);
    let rs_table = report.render(
        &gold_path.display().to_string(),
        &pred_path.display().to_string(),
    );
    if py_table.trim_end_matches('\n') != rs_table {
        failures.push(format!("odd table differs:\n{py_table}\n---\n{rs_table}"));
    }
    if std::env::var_os("HERALD_EVAL_KEEP_TMP").is_some() {
        eprintln!("prediction files kept in {}", tmp.display());
    } else {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    assert!(
        failures.is_empty(),
        "{} disagreement(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("agreement: {compared} gold/prediction pairs match score.py");
}

fn odd_gold() -> Vec<Value> {
    vec![
        json!({"id": "o1", "text": "Straße", "events": [
            {"source": "usa", "target": ["RUS", null, ""], "cameo": 190, "plover": " assault ", "optional": 0, "date": "2020"},
            {"source": [], "cameo": "  ", "plover": "AID", "optional": "x"},
            {"source": ["---MIL"], "target": "UKR", "cameo": "0231", "plover": "aid"}],
          "timex": [{"start": "3", "end": "9", "type": "date", "value": "2020"},
                    {"start": 5.5, "end": 12, "type": "DATE", "value": null},
                    {"start": null, "end": 3, "type": "DATE"},
                    {"start": 30, "end": 34, "type": "DATE", "value": 2020}],
          "places": [{"start": 0, "end": 4, "lat": "10.5", "lon": "20", "geonameid": "12"},
                     {"start": 6, "end": 9, "lat": 10, "lon": 20, "country": " usa "},
                     {"start": 20, "end": 25, "geonameid": "x", "country": ""},
                     {"start": 40, "end": 45, "lat": -33.9, "lon": 151.2}],
          "entities": [{"start": "0", "end": "4", "type": " per "}, {"start": 0, "end": 4, "type": "PER"},
                       {"start": 6, "end": 9, "type": null}, {"start": 10, "end": 12, "type": "PÉR"}],
          "actors": [{"text": "The   KREMLIN", "code": ["rusgov", " RUSMIL "]},
                     {"text": "x", "code": null, "country": "rus", "role": "gov"},
                     {"text": "", "code": ""},
                     {"text": "STRASSE", "code": "DEU"}]}),
        json!({"id": 7, "events": [{"source": ["FRA"], "cameo": "01"}], "actors": [{"text": "a", "code": "FRA"}]}),
        json!({"id": "o3", "events": [{"source": ["FRA"], "cameo": "010", "plover": "AGREE", "optional": true}],
               "entities": []}),
    ]
}

fn odd_pred() -> Vec<Value> {
    vec![
        json!({"id": "o1", "events": [
            {"source": ["USA"], "target": "rus", "cameo": "190 ", "plover": "ASSAULT", "date": 2020},
            {"source": ["---"], "target": ["UKR"], "cameo": 231, "plover": "AID"},
            {"plover": "aid"}],
          "timex": [{"start": 2, "end": 5, "type": "DATE", "value": "2020"},
                    {"start": "4", "end": "12", "value": " 2020 "},
                    {"start": 31, "end": 32, "value": "2020"}],
          "places": [{"start": 1, "end": 3, "lat": 10.6, "lon": 20.1, "geonameid": 12.0},
                     {"start": 5, "end": 7, "lat": "12", "lon": "20", "country": "USA"},
                     {"start": 20, "end": 25, "country": null},
                     {"start": 41, "end": 42, "lat": 33.9, "lon": -151.2}],
          "entities": [{"start": 0, "end": 4, "type": "PER"}, {"start": 0, "end": 4, "type": "per"},
                       {"start": 6, "end": 9}, {"start": 10, "end": 12, "type": "pér"}],
          "actors": [{"text": "the kremlin", "code": ["RUSMIL"]},
                     {"text": "X", "code": "RUSGOV"},
                     {"text": "straße", "code": "deu"}]}),
        json!({"id": 7.0, "events": [{"source": "fra", "cameo": "01"}], "actors": [{"text": "b", "code": "FRAGOV"}]}),
        json!({"id": "o3", "events": [{"source": ["FRA"], "cameo": "010", "plover": "AGREE"}],
               "entities": [{"start": 0, "end": 1, "type": "X"}]}),
    ]
}
