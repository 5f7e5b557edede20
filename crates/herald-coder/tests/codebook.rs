//! herald's codebook and verb-pattern dictionary: self-checks, and agreement
//! with the reference tables in `../shared` when that directory is present.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use herald_coder::codebook::Codebook;
use herald_coder::patterns::{regular_forms, PatternSet};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared not found ({})", p.display());
        None
    }
}

fn read(p: PathBuf) -> Option<String> {
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("skipping: cannot read {}: {e}", p.display());
            None
        }
    }
}

#[test]
fn codebook_agrees_with_reference_goldstein_and_quad() {
    let Some(dir) = shared() else { return };
    let Some(src) = read(dir.join("reference/cameo_codebook.tsv")) else {
        return;
    };
    let cb = Codebook::embedded();
    assert!(!cb.is_empty(), "embedded cameo.tsv failed to parse");
    let mut reference = BTreeSet::new();
    for (i, line) in src.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 4, "reference line {}: {line:?}", i + 1);
        let (code, gold, quad) = (cols[0].trim(), cols[2].trim(), cols[3].trim());
        reference.insert(code.to_string());
        let e = cb
            .get(code)
            .unwrap_or_else(|| panic!("code {code} missing from herald"));
        if gold.is_empty() {
            assert!(
                !e.goldstein_known,
                "{code}: reference has no Goldstein value, herald claims one"
            );
        } else {
            let g: f32 = gold.parse().unwrap();
            assert!(
                e.goldstein_known,
                "{code}: herald lacks the Goldstein value {g}"
            );
            assert_eq!(e.goldstein, g, "{code}: goldstein");
        }
        assert_eq!(e.quad_class.to_string(), quad, "{code}: quad_class");
    }
    let ours: BTreeSet<String> = cb.iter().map(|e| e.code.clone()).collect();
    assert_eq!(ours, reference, "herald and reference code sets differ");
}

/// code -> (type, mode, contexts) from the CAMEO→PLOVER table; for root codes
/// listed twice (08: CONCEDE and RETREAT) every type given is kept.
fn plover_table(src: &str) -> HashMap<String, Vec<(String, String, Vec<String>)>> {
    let mut out: HashMap<String, Vec<(String, String, Vec<String>)>> = HashMap::new();
    for line in src.lines() {
        if line.starts_with('~') {
            break;
        }
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
        let ty = parts.first().copied().unwrap_or("").to_string();
        let mode = parts.get(1).copied().unwrap_or("").to_string();
        let ctx: Vec<String> = parts
            .get(2)
            .copied()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.entry(code.to_string())
            .or_default()
            .push((ty, mode, ctx));
    }
    out
}

#[test]
fn codebook_agrees_with_reference_plover() {
    let Some(dir) = shared() else { return };
    let Some(src) = read(dir.join("reference/CAMEO2PLOVER-2021.txt")) else {
        return;
    };
    let table = plover_table(&src);
    assert!(table.len() > 200, "parsed only {} PLOVER rows", table.len());
    let cb = Codebook::embedded();
    let mut checked = 0;
    for e in cb.iter() {
        assert!(!e.plover.is_empty(), "{}: no PLOVER type", e.code);
        let Some(rows) = table.get(&e.code) else {
            continue;
        };
        checked += 1;
        let ok = rows.iter().any(|(ty, mode, ctx)| {
            let ours_mode = e.mode.as_deref().unwrap_or("");
            let ours_ctx: Vec<&str> = e.contexts();
            ty == &e.plover
                && mode == ours_mode
                && ctx.iter().map(String::as_str).collect::<Vec<_>>() == ours_ctx
        });
        assert!(
            ok,
            "{}: herald has ({}, {:?}, {:?}), reference has {:?}",
            e.code, e.plover, e.mode, e.context, rows
        );
    }
    assert!(checked > 200, "only {checked} codes compared");
}

#[test]
fn codebook_embedded_is_consistent() {
    let cb = Codebook::parse(include_str!("../data/cameo.tsv")).expect("cameo.tsv parses");
    assert_eq!(cb.len(), Codebook::embedded().len());
    for e in cb.iter() {
        assert!(!e.name.is_empty());
        if e.code.starts_with("03") {
            assert!(
                e.intent.is_none(),
                "{}: 03x codes take no intent code",
                e.code
            );
        }
        if let Some(i) = &e.intent {
            assert!(
                i.starts_with("03") && cb.get(i).is_some(),
                "{}: bad intent {i}",
                e.code
            );
        }
    }
    for (code, intent) in [
        ("072", "0332"),
        ("040", "036"),
        ("061", "0311"),
        ("085", "0354"),
        ("045", "039"),
    ] {
        assert_eq!(
            cb.get(code).unwrap().intent.as_deref(),
            Some(intent),
            "intent of {code}"
        );
    }
    for (code, sym) in [
        ("040", true),
        ("042", false),
        ("043", false),
        ("057", true),
        ("190", true),
        ("072", false),
    ] {
        assert_eq!(cb.get(code).unwrap().symmetric, sym, "symmetric of {code}");
    }
}

#[test]
fn verbs_parse_and_codes_exist() {
    let ps = PatternSet::parse(include_str!("../data/verbs.txt")).expect("verbs.txt parses");
    assert_eq!(ps.patterns.len(), PatternSet::embedded().patterns.len());
    let cb = Codebook::embedded();
    for p in &ps.patterns {
        assert!(
            cb.get(&p.code).is_some(),
            "line {}: code {} not in codebook",
            p.line,
            p.code
        );
    }
}

#[test]
fn verbs_cover_every_root_and_200_codes() {
    let ps = PatternSet::embedded();
    let codes = ps.codes();
    for root in 1..=20 {
        let r = format!("{root:02}");
        assert!(
            codes.iter().any(|c| c.starts_with(&r)),
            "no pattern for root {r}"
        );
    }
    assert!(
        codes.len() >= 200,
        "only {} distinct codes have patterns",
        codes.len()
    );
}

#[test]
fn no_duplicate_patterns() {
    let ps = PatternSet::embedded();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in &ps.patterns {
        let key = p
            .text
            .split_once(char::is_whitespace)
            .map(|(_, r)| r)
            .unwrap_or("");
        let key = key
            .split('|')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(prev) = seen.insert(key.clone(), p.line) {
            panic!(
                "`{key}` on line {} repeats line {prev}; the later line can never win",
                p.line
            );
        }
    }
}

#[test]
fn inflections() {
    let ps = PatternSet::embedded();
    let cases: &[(&str, &str)] = &[
        ("banned", "ban"),
        ("bans", "ban"),
        ("visited", "visit"),
        ("visiting", "visit"),
        ("agreed", "agree"),
        ("tried", "try"),
        ("met", "meet"),
        ("meets", "meet"),
        ("supplied", "supply"),
        ("supplies", "supply"),
        ("held", "hold"),
        ("holding", "hold"),
        ("sent", "send"),
        ("withdrew", "withdraw"),
        ("withdrawn", "withdraw"),
        ("fought", "fight"),
        ("struck", "strike"),
        ("expelled", "expel"),
        ("shelled", "shell"),
        ("condemned", "condemn"),
        ("criticised", "criticise"),
        ("made", "make"),
        ("signed", "sign"),
        ("hosted", "host"),
        ("released", "release"),
    ];
    for (surface, lemma) in cases {
        assert!(
            ps.lemmas(surface).iter().any(|l| l == lemma),
            "{surface} should be a form of {lemma}, got {:?}",
            ps.lemmas(surface)
        );
    }
    assert!(ps.lemmas("holded").is_empty());
    assert!(ps.lemmas("xyzzy").is_empty());
    let table: &[(&str, &[&str])] = &[
        ("ban", &["bans", "banned", "banning"]),
        ("visit", &["visits", "visited", "visiting"]),
        ("agree", &["agrees", "agreed", "agreeing"]),
        ("try", &["tries", "tried", "trying"]),
        ("supply", &["supplies", "supplied", "supplying"]),
    ];
    for (lemma, want) in table {
        assert_eq!(&regular_forms(lemma, true), want, "{lemma}");
    }
}
