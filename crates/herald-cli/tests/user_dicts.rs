//! Coding with a user's own dictionaries: small TABARI and PETRARCH
//! dictionaries written here, and sentences with the events those coders'
//! documented rules give (table-driven; each row is "SRC TGT CODE" events,
//! `-` for no target).

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-userdict-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes the files into a folder and codes each row's text (JSON lines in
/// `--in jsonl`, so per-record keys can be given); returns "SRC TGT CODE"
/// strings per row, sorted.
fn code_rows(name: &str, files: &[(&str, &str)], rows: &[&str]) -> Vec<Vec<String>> {
    let dir = scratch(name);
    for (f, body) in files {
        std::fs::write(dir.join(f), body).unwrap();
    }
    let mut input = String::new();
    for (i, r) in rows.iter().enumerate() {
        let line = if r.starts_with('{') {
            let mut v: serde_json::Value = serde_json::from_str(r).unwrap();
            v["id"] = format!("r{i}").into();
            v["date"] = "1995-01-01".into();
            v.to_string()
        } else {
            serde_json::json!({"id": format!("r{i}"), "date": "1995-01-01", "text": r}).to_string()
        };
        input.push_str(&line);
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["code", "--in", "jsonl", "--out", "docs", "--dict"])
        .arg(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let docs: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), rows.len(), "{}", String::from_utf8_lossy(&out.stderr));
    docs.iter()
        .map(|d| {
            let mut evs: Vec<String> = d["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let j = |v: &serde_json::Value| {
                        let v: Vec<&str> = v.as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
                        if v.is_empty() { "-".to_string() } else { v.join("|") }
                    };
                    format!("{} {} {}", j(&e["source"]), j(&e["target"]), e["cameo"].as_str().unwrap_or("?"))
                })
                .collect();
            evs.sort();
            evs
        })
        .collect()
}

fn check(name: &str, files: &[(&str, &str)], cases: &[(&str, &[&str])]) {
    let rows: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let got = code_rows(name, files, &rows);
    let mut bad = Vec::new();
    for ((text, want), got) in cases.iter().zip(got) {
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if want != got {
            bad.push(format!("{text}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

const PETR_ACTORS: &str = "\
ARNOR [ARN]
GONDOR [GON]
OSGILIATH [OSG]
ITHILEN [ITH]
ROHAN [ROH]
";

const PETR_VERBS: &str = "\
--- SIGN [081] ---
SIGN
- * PROTOCOL [085]
--- AGREE  [081] ---
AGREE
- % * [030:030]
--- DELAY [120] ---
DELAY
- % HAVE  *  [191]
--- RESTORE [060] ---
RESTORE
- * DIPLOMATIC TIES [064]
--- EXCHANGE [060] ---
EXCHANGE
- HAS * WITH %  [067]
";

#[test]
fn petrarch_dictionary_rules() {
    let files = [("Mine.actors.txt", PETR_ACTORS), ("Mine.verbs.txt", PETR_VERBS)];
    let cases: &[(&str, &[&str])] = &[
        // a participle with a subject of its own is the main verb, also after a
        // time expression
        ("Arnor on Thursday signed a trade protocol for 1990 with Gondor, officials said.", &["ARN GON 085"]),
        ("Arnor last week signed a trade protocol with Gondor.", &["ARN GON 085"]),
        // `%`: the events are between the members of the compound actor, each
        // way (a paired code gives the act back)
        ("Gondor and Osgiliath agree that the dispute should be resolved.", &["GON OSG 030", "OSG GON 030"]),
        ("Gondor and Osgiliath have delayed their meeting after the flood.", &["GON OSG 191", "OSG GON 191"]),
        ("Arnor has exchanged prisoners with Gondor and Osgiliath.", &["GON OSG 067", "OSG GON 067"]),
        // no compound: the marker's pattern does not apply
        ("Gondor has delayed the talks with Rohan.", &["GON ROH 120"]),
        // "X said it would ...": the pronoun is the reporting verb's subject,
        // not the claimant of a later "an official said"
        ("Ithilen said it would restore full diplomatic ties with Rohan, a senior official said on Saturday.", &["ITH ROH 064"]),
    ];
    check("petr", &files, cases);
}

/// TABARI's `DEFAULT` option, given with the record (`tabari_options`).
#[test]
fn tabari_default_actors() {
    let files = [("Mine.actors.txt", PETR_ACTORS), ("Mine.verbs.txt", PETR_VERBS)];
    let row = |opt: &str, text: &str| serde_json::json!({"text": text, "tabari_options": {"DEFAULT": opt}}).to_string();
    let full = "SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER";
    let no_prior = "SOURCE [DEFSRC] TARGET [DEFTAR] AFTER";
    let no_after = "SOURCE [DEFSRC] PRIOR TARGET [DEFTAR]";
    let rows = [
        row(full, "Fxrnost is about to restore full diplomatic ties with Gondor."),
        row(full, "Arnor is about to restore full diplomatic ties with Gxndor."),
        row(full, "Rohan and Arnor are about to restore full diplomatic ties with Gxndor."),
        row(no_prior, "Fxrnost is about to restore full diplomatic ties with Gondor and Rohan."),
        row(no_after, "Rohan and Arnor are about to restore full diplomatic ties with Gxndor."),
        // without the option, nothing is made up
        serde_json::json!({"text": "Fxrnost is about to restore full diplomatic ties with Gondor."}).to_string(),
    ];
    let want: &[&[&str]] = &[
        &["DEFSRC GON 064"],
        &["ARN DEFTAR 064"],
        &["ARN DEFTAR 064", "ROH DEFTAR 064"],
        &["GON ROH 064"],
        &["ROH ARN 064"],
        &[],
    ];
    let cases: Vec<(&str, &[&str])> = rows.iter().map(String::as_str).zip(want.iter().copied()).collect();
    check("tabari-default", &files, &cases);
}
