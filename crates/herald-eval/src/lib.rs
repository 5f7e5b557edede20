//! herald's scorer: a faithful Rust port of the reference scorer `shared/eval/score.py`.
//!
//! Gold and predicted documents are JSON objects in the shape of `shared/gold/FORMAT.md`, one per
//! line of a JSON Lines file ([`load_jsonl`]). [`score`] pairs them by `id` and computes, for every
//! dimension the gold set annotates, the same figures score.py does:
//!
//! - [`EventsReport`]: greedy one-to-one event matching at the `exact`, `root`, `plover` and
//!   `type` [`Level`]s ([`LevelScore`] per level; [`match_events`] for one document);
//! - [`TimexReport`]: DATE span recall and value accuracy, plus all-type span figures;
//! - [`PlacesReport`]: span detection, resolution within 161 km ([`haversine_km`]), median error,
//!   country accuracy;
//! - [`EntitiesReport`]: exact span-and-type precision/recall/F1, per type ([`Prf`]) and untyped;
//! - [`ActorsReport`]: full-code, country and role accuracy of actor resolution.
//!
//! [`Report::to_json`] gives the object `score.py --json` prints (as a `serde_json::Value`),
//! [`Report::to_json_string`] the same text `json.dumps` writes (Python's key order and float
//! formatting), and [`Report::render`] the readable table, line for line.
//! Errors (unreadable files, lines that are not JSON, duplicate gold ids) are [`EvalError`]s.
//! [`run_self_test`] re-runs the 38 checks of `score.py --self-test`.
//!
//! Where the port knowingly departs from Python (none of it arises with the gold sets):
//! - `str.casefold` is approximated by per-character Unicode lower case plus the commonest full
//!   foldings (`ß` -> `ss`, final sigma, Latin ligatures);
//! - input on which score.py would crash (a document without `id` passed to [`score`], a
//!   non-object event or actor, a non-list `events` in a prediction, a non-string timex `type`)
//!   is read as empty or absent instead of panicking;
//! - JSON that Python's `json` accepts but serde_json does not (`NaN`, `Infinity`, lone
//!   surrogates) is a parse error, and integers beyond 64 bits lose precision.
//!
//! ```
//! use serde_json::json;
//! let gold = vec![json!({"id": "a", "events": [
//!     {"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190", "plover": "ASSAULT"}]})];
//! let pred = vec![json!({"id": "a", "events": [
//!     {"source": "RUSMIL", "target": ["UKR"], "cameo": "193", "plover": "ASSAULT"}]})];
//! let report = herald_eval::score(&gold, &pred);
//! let events = report.events.as_ref().unwrap();
//! assert_eq!(events.level(herald_eval::Level::Exact).unwrap().tp, 0);
//! assert_eq!(events.level(herald_eval::Level::Root).unwrap().f1, Some(1.0));
//! assert_eq!(report.to_json()["events"]["levels"]["plover"]["recall"], json!(1.0));
//! assert!(report.render("gold.jsonl", "pred.jsonl").contains("EVENTS  (1 docs"));
//! ```
#![deny(missing_docs)]

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

mod dims;
mod py;
mod selftest;

pub use dims::{
    applicable_levels, codes, country, eligible, haversine_km, match_events, place_right, prf,
    ratio, Event, Matching,
};
pub use selftest::run_self_test;

// ============================================================================ errors
/// Everything that can go wrong while loading or scoring.
#[derive(Debug)]
#[non_exhaustive]
pub enum EvalError {
    /// The file could not be read.
    Io {
        /// The file, as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line is not valid UTF-8.
    NotUtf8 {
        /// The file, as given.
        path: String,
        /// 1-based line number.
        line: usize,
    },
    /// A non-blank line is not JSON.
    Json {
        /// The file, as given.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A line is JSON but not an object with an `"id"`.
    NotADocument {
        /// The file, as given.
        path: String,
        /// 1-based line number.
        line: usize,
    },
    /// Two gold documents share an id (score.py refuses to score such a file).
    DuplicateGoldId {
        /// The id, as Python's `str()` prints it.
        id: String,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Io { path, source } => write!(f, "{path}: cannot read: {source}"),
            EvalError::NotUtf8 { path, line } => write!(f, "{path}:{line}: not UTF-8"),
            EvalError::Json {
                path,
                line,
                message,
            } => write!(f, "{path}:{line}: not JSON: {message}"),
            EvalError::NotADocument { path, line } => {
                write!(
                    f,
                    "{path}:{line}: a document must be an object with an \"id\""
                )
            }
            EvalError::DuplicateGoldId { id } => write!(f, "duplicate gold id: {id}"),
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EvalError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

// ============================================================================ loading
/// Read a JSON Lines file's documents (`-` reads standard input), as score.py's `load_jsonl`:
/// lines are split on `\n`, `\r\n` or `\r`, stripped, blank ones skipped; every other line must be
/// a JSON object with an `"id"` key. Errors name the file and the 1-based line.
pub fn load_jsonl(path: &Path) -> Result<Vec<Value>, EvalError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map_err(|source| EvalError::Io {
        path: name.clone(),
        source,
    })?;
    parse_jsonl(&bytes, &name)
}

/// Parse JSON Lines text already in memory; `name` is used in error messages.
pub fn parse_jsonl(bytes: &[u8], name: &str) -> Result<Vec<Value>, EvalError> {
    let text = std::str::from_utf8(bytes).map_err(|e| EvalError::NotUtf8 {
        path: name.to_string(),
        line: line_of(&bytes[..e.valid_up_to()]),
    })?;
    let mut docs = Vec::new();
    for (i, line) in universal_lines(text).enumerate() {
        let n = i + 1;
        let line = py::strip(line);
        if line.is_empty() {
            continue;
        }
        let d: Value = serde_json::from_str(line).map_err(|e| EvalError::Json {
            path: name.to_string(),
            line: n,
            message: e.to_string(),
        })?;
        if !d.as_object().is_some_and(|o| o.contains_key("id")) {
            return Err(EvalError::NotADocument {
                path: name.to_string(),
                line: n,
            });
        }
        docs.push(d);
    }
    Ok(docs)
}

/// 1-based number of the line that the end of `prefix` is on (universal newlines).
fn line_of(prefix: &[u8]) -> usize {
    let mut n = 1;
    let mut i = 0;
    while i < prefix.len() {
        match prefix[i] {
            b'\n' => n += 1,
            b'\r' => {
                n += 1;
                if prefix.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

/// Python's text-mode line iteration (universal newlines: `\n`, `\r\n`, `\r`).
fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            None => {
                let l = rest;
                rest = "";
                Some(l)
            }
            Some(i) => {
                let l = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(l)
            }
        }
    })
}

// ============================================================================ report types
/// An event-matching level, strictest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Full actor codes, full CAMEO code.
    Exact,
    /// Country part of actors, CAMEO root (first 2 digits).
    Root,
    /// Country part of actors, PLOVER type.
    Plover,
    /// PLOVER type only, actors ignored.
    Type,
}

impl Level {
    /// All levels, strictest first.
    pub const ALL: [Level; 4] = [Level::Exact, Level::Root, Level::Plover, Level::Type];

    /// The level's name as score.py writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Exact => "exact",
            Level::Root => "root",
            Level::Plover => "plover",
            Level::Type => "type",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Document counts (`res["docs"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocCounts {
    /// Distinct gold documents.
    pub gold: usize,
    /// Distinct predicted ids.
    pub pred: usize,
    /// Gold documents with a prediction.
    pub pred_matched: usize,
    /// Gold documents without a prediction (scored as empty).
    pub gold_without_prediction: usize,
    /// Predicted ids not in the gold file (ignored).
    pub pred_not_in_gold: usize,
    /// Predicted documents whose id repeats an earlier one (the last one is scored).
    pub pred_duplicate_ids: usize,
}

/// Figures for one event level.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LevelScore {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// tp / (tp + fp), `None` when nothing was predicted.
    pub precision: Option<f64>,
    /// tp / (tp + fn).
    pub recall: Option<f64>,
    /// 2tp / (2tp + fp + fn).
    pub f1: Option<f64>,
    /// Documents with no fp and no fn.
    pub docs_all_correct: usize,
    /// `docs_all_correct` over scored documents.
    pub docs_all_correct_rate: Option<f64>,
    /// Matched required gold events that carry a `date`.
    pub matched_with_gold_date: usize,
    /// Share of those whose predicted `date` string is equal.
    pub date_acc_matched: Option<f64>,
}

/// Event figures (`res["events"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventsReport {
    /// Gold documents with an `events` list.
    pub docs: usize,
    /// Gold events in them.
    pub gold_events: usize,
    /// Of which optional.
    pub optional_gold_events: usize,
    /// Predicted events in the paired predictions.
    pub pred_events: usize,
    /// The applicable levels, strictest first, with their figures.
    pub levels: Vec<(Level, LevelScore)>,
}

impl EventsReport {
    /// The figures at `level`, if the set is scored at it.
    pub fn level(&self, level: Level) -> Option<&LevelScore> {
        self.levels
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, s)| s)
    }
}

/// All-type timex span figures (`res["timex"]["all_types"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimexAllTypes {
    /// Gold timexes with a valid span.
    pub gold: usize,
    /// Of which overlapped one-to-one by a prediction.
    pub found: usize,
    /// found / gold.
    pub span_recall: Option<f64>,
    /// Predicted timexes with a valid span.
    pub pred: usize,
    /// Of which overlap some gold timex.
    pub pred_overlapping_gold: usize,
    /// pred_overlapping_gold / pred.
    pub span_precision: Option<f64>,
}

/// Timex figures (`res["timex"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimexReport {
    /// Gold documents with a `timex` list.
    pub docs: usize,
    /// Gold DATEs.
    pub gold_dates: usize,
    /// Gold DATEs overlapped by a prediction.
    pub found: usize,
    /// Of which with an equal value.
    pub right: usize,
    /// found / gold_dates.
    pub span_recall: Option<f64>,
    /// right / found.
    pub value_acc_found: Option<f64>,
    /// right / gold_dates.
    pub value_acc_all: Option<f64>,
    /// Span figures over all timex types.
    pub all_types: TimexAllTypes,
}

/// Place figures (`res["places"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlacesReport {
    /// Gold documents with a `places` list.
    pub docs: usize,
    /// Gold places with a valid span.
    pub gold: usize,
    /// Predicted places with a valid span.
    pub pred: usize,
    /// Gold places overlapped (one-to-one) by a prediction.
    pub found: usize,
    /// found / gold.
    pub span_recall: Option<f64>,
    /// pred_overlapping_gold / pred.
    pub span_precision: Option<f64>,
    /// Harmonic mean of the two (0.0 when both are 0).
    pub span_f1: Option<f64>,
    /// Gold places with a geonameid or coordinates.
    pub gold_resolvable: usize,
    /// Of which found.
    pub found_resolvable: usize,
    /// Found resolvable places resolved right (same geonameid or within 161 km).
    pub right_161km: usize,
    /// right_161km / found_resolvable.
    pub acc161_found: Option<f64>,
    /// right_161km / gold_resolvable.
    pub acc161_all: Option<f64>,
    /// Median distance over found pairs that both have coordinates.
    pub median_error_km_found: Option<f64>,
    /// Gold places with a country.
    pub gold_country: usize,
    /// Of which found.
    pub found_country: usize,
    /// Of which with an equal predicted country.
    pub country_right: usize,
    /// country_right / found_country.
    pub country_acc_found: Option<f64>,
    /// country_right / gold_country.
    pub country_acc_all: Option<f64>,
}

/// tp/fp/fn with precision, recall and F1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// tp / (tp + fp).
    pub precision: Option<f64>,
    /// tp / (tp + fn).
    pub recall: Option<f64>,
    /// 2tp / (2tp + fp + fn).
    pub f1: Option<f64>,
}

/// Entity figures (`res["entities"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntitiesReport {
    /// Gold documents with an `entities` list.
    pub docs: usize,
    /// Exact span and type: tp, fp, fn, precision, recall, F1.
    pub all: Prf,
    /// Spans regardless of type.
    pub untyped: Prf,
    /// Per (upper-cased) type, sorted by Python's `str(type)`; `None` = entities without a type
    /// (written `"null"` in JSON and `None` in the table, as Python does).
    pub by_type: Vec<(Option<String>, Prf)>,
}

/// Actor-resolution figures (`res["actors"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActorsReport {
    /// Gold documents with an `actors` list.
    pub docs: usize,
    /// Gold actors.
    pub gold: usize,
    /// Of which paired with a predicted actor.
    pub paired_with_prediction: usize,
    /// Gold actors with a `code`.
    pub full_n: usize,
    /// Of which the predicted code is one of the alternatives.
    pub full_right: usize,
    /// full_right / full_n.
    pub full_acc: Option<f64>,
    /// Gold actors scored on the country part.
    pub country_n: usize,
    /// Of which right.
    pub country_right: usize,
    /// country_right / country_n.
    pub country_acc: Option<f64>,
    /// Gold actors scored on the role part.
    pub role_n: usize,
    /// Of which right.
    pub role_right: usize,
    /// role_right / role_n.
    pub role_acc: Option<f64>,
}

/// Every figure score.py computes; a dimension is `None` when no gold document carries its key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Document counts.
    pub docs: DocCounts,
    /// Event figures.
    pub events: Option<EventsReport>,
    /// Timex figures.
    pub timex: Option<TimexReport>,
    /// Place figures.
    pub places: Option<PlacesReport>,
    /// Entity figures.
    pub entities: Option<EntitiesReport>,
    /// Actor figures.
    pub actors: Option<ActorsReport>,
    /// Gold file name, when scored from files (`--json` adds it as `gold_file`).
    pub gold_file: Option<String>,
    /// Prediction file name, when scored from files (`pred_file`).
    pub pred_file: Option<String>,
}

// ============================================================================ driver
/// A document id as a Python dict key (`1`, `1.0` and `true` are the same key in Python).
fn id_key(v: &Value) -> String {
    match v {
        Value::String(s) => format!("s:{s}"),
        Value::Bool(b) => format!("n:{}", *b as i64),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => format!("n:{i}"),
            (_, Some(u), _) => format!("n:{u}"),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9.2e18 => format!("n:{}", f as i64),
            (_, _, f) => format!("f:{:?}", f),
        },
        other => format!("j:{other}"),
    }
}

/// Score predictions against gold, as score.py's `score()`.
///
/// Documents that are not objects with an `"id"` are skipped (score.py would crash on them; files
/// read with [`load_jsonl`] never contain any). A repeated gold id, which score.py refuses, keeps
/// the first document; use [`try_score`] to get the error instead.
pub fn score(gold: &[Value], pred: &[Value]) -> Report {
    score_impl(gold, pred, false).unwrap_or_default()
}

/// Like [`score`], but a repeated gold id is an [`EvalError::DuplicateGoldId`], as in score.py.
pub fn try_score(gold: &[Value], pred: &[Value]) -> Result<Report, EvalError> {
    score_impl(gold, pred, true)
}

/// Load both files and score them; the report carries the file names for `to_json`.
pub fn score_files(gold_path: &Path, pred_path: &Path) -> Result<Report, EvalError> {
    let gold = load_jsonl(gold_path)?;
    let pred = load_jsonl(pred_path)?;
    let mut r = try_score(&gold, &pred)?;
    r.gold_file = Some(gold_path.display().to_string());
    r.pred_file = Some(pred_path.display().to_string());
    Ok(r)
}

fn score_impl(gold_docs: &[Value], pred_docs: &[Value], strict: bool) -> Result<Report, EvalError> {
    let mut gold: Vec<(String, &Value)> = Vec::new();
    let mut gold_idx: HashMap<String, usize> = HashMap::new();
    for d in gold_docs {
        let Some(id) = d.as_object().and_then(|o| o.get("id")) else {
            continue;
        };
        let k = id_key(id);
        if gold_idx.contains_key(&k) {
            if strict {
                return Err(EvalError::DuplicateGoldId { id: py::py_str(id) });
            }
            continue;
        }
        gold_idx.insert(k.clone(), gold.len());
        gold.push((k, d));
    }
    let mut pred: HashMap<String, &Value> = HashMap::new();
    let mut dup_pred = 0;
    for d in pred_docs {
        let Some(id) = d.as_object().and_then(|o| o.get("id")) else {
            continue;
        };
        let k = id_key(id);
        dup_pred += pred.contains_key(&k) as usize;
        pred.insert(k, d);
    }
    let matched = gold.iter().filter(|(k, _)| pred.contains_key(k)).count();
    let mut r = Report {
        docs: DocCounts {
            gold: gold.len(),
            pred: pred.len(),
            pred_matched: matched,
            gold_without_prediction: gold.len() - matched,
            pred_not_in_gold: pred.keys().filter(|k| !gold_idx.contains_key(*k)).count(),
            pred_duplicate_ids: dup_pred,
        },
        ..Report::default()
    };
    let pairs = |key: &str| -> Vec<dims::DocPair> {
        gold.iter()
            .filter(|(_, g)| g.get(key).is_some_and(Value::is_array))
            .map(|(k, g)| (*g, pred.get(k).copied()))
            .collect()
    };
    let p = pairs("events");
    if !p.is_empty() {
        r.events = Some(dims::score_events(&p));
    }
    let p = pairs("timex");
    if !p.is_empty() {
        r.timex = Some(dims::score_timex(&p));
    }
    let p = pairs("places");
    if !p.is_empty() {
        r.places = Some(dims::score_places(&p));
    }
    let p = pairs("entities");
    if !p.is_empty() {
        r.entities = Some(dims::score_entities(&p));
    }
    let p = pairs("actors");
    if !p.is_empty() {
        r.actors = Some(dims::score_actors(&p));
    }
    Ok(r)
}

// ============================================================================ JSON
/// An ordered JSON tree, so both `Value` and Python-identical text can be produced.
enum J {
    Null,
    Int(usize),
    Float(f64),
    Str(String),
    Obj(Vec<(String, J)>),
}

fn n(x: usize) -> J {
    J::Int(x)
}

fn o(x: Option<f64>) -> J {
    x.map_or(J::Null, J::Float)
}

fn obj(items: Vec<(&str, J)>) -> J {
    J::Obj(items.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn prf_json(p: &Prf) -> J {
    obj(vec![
        ("tp", n(p.tp)),
        ("fp", n(p.fp)),
        ("fn", n(p.fn_)),
        ("precision", o(p.precision)),
        ("recall", o(p.recall)),
        ("f1", o(p.f1)),
    ])
}

impl J {
    fn to_value(&self) -> Value {
        match self {
            J::Null => Value::Null,
            J::Int(i) => Value::from(*i),
            J::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            J::Str(s) => Value::String(s.clone()),
            J::Obj(items) => Value::Object(
                items
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Int(i) => out.push_str(&i.to_string()),
            J::Float(f) if f.is_nan() => out.push_str("NaN"),
            J::Float(f) if f.is_infinite() => {
                out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" })
            }
            J::Float(f) => out.push_str(&py::float_repr(*f)),
            J::Str(s) => py::json_str(s, out),
            J::Obj(items) => {
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    py::json_str(k, out);
                    out.push_str(": ");
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl Report {
    fn tree(&self) -> J {
        let d = &self.docs;
        let mut top = vec![(
            "docs",
            obj(vec![
                ("gold", n(d.gold)),
                ("pred", n(d.pred)),
                ("pred_matched", n(d.pred_matched)),
                ("gold_without_prediction", n(d.gold_without_prediction)),
                ("pred_not_in_gold", n(d.pred_not_in_gold)),
                ("pred_duplicate_ids", n(d.pred_duplicate_ids)),
            ]),
        )];
        if let Some(e) = &self.events {
            let levels = e
                .levels
                .iter()
                .map(|(l, v)| {
                    (
                        l.as_str().to_string(),
                        obj(vec![
                            ("tp", n(v.tp)),
                            ("fp", n(v.fp)),
                            ("fn", n(v.fn_)),
                            ("precision", o(v.precision)),
                            ("recall", o(v.recall)),
                            ("f1", o(v.f1)),
                            ("docs_all_correct", n(v.docs_all_correct)),
                            ("docs_all_correct_rate", o(v.docs_all_correct_rate)),
                            ("matched_with_gold_date", n(v.matched_with_gold_date)),
                            ("date_acc_matched", o(v.date_acc_matched)),
                        ]),
                    )
                })
                .collect();
            top.push((
                "events",
                obj(vec![
                    ("docs", n(e.docs)),
                    ("gold_events", n(e.gold_events)),
                    ("optional_gold_events", n(e.optional_gold_events)),
                    ("pred_events", n(e.pred_events)),
                    ("levels", J::Obj(levels)),
                ]),
            ));
        }
        if let Some(t) = &self.timex {
            let a = &t.all_types;
            top.push((
                "timex",
                obj(vec![
                    ("docs", n(t.docs)),
                    ("gold_dates", n(t.gold_dates)),
                    ("found", n(t.found)),
                    ("right", n(t.right)),
                    ("span_recall", o(t.span_recall)),
                    ("value_acc_found", o(t.value_acc_found)),
                    ("value_acc_all", o(t.value_acc_all)),
                    (
                        "all_types",
                        obj(vec![
                            ("gold", n(a.gold)),
                            ("found", n(a.found)),
                            ("span_recall", o(a.span_recall)),
                            ("pred", n(a.pred)),
                            ("pred_overlapping_gold", n(a.pred_overlapping_gold)),
                            ("span_precision", o(a.span_precision)),
                        ]),
                    ),
                ]),
            ));
        }
        if let Some(p) = &self.places {
            top.push((
                "places",
                obj(vec![
                    ("docs", n(p.docs)),
                    ("gold", n(p.gold)),
                    ("pred", n(p.pred)),
                    ("found", n(p.found)),
                    ("span_recall", o(p.span_recall)),
                    ("span_precision", o(p.span_precision)),
                    ("span_f1", o(p.span_f1)),
                    ("gold_resolvable", n(p.gold_resolvable)),
                    ("found_resolvable", n(p.found_resolvable)),
                    ("right_161km", n(p.right_161km)),
                    ("acc161_found", o(p.acc161_found)),
                    ("acc161_all", o(p.acc161_all)),
                    ("median_error_km_found", o(p.median_error_km_found)),
                    ("gold_country", n(p.gold_country)),
                    ("found_country", n(p.found_country)),
                    ("country_right", n(p.country_right)),
                    ("country_acc_found", o(p.country_acc_found)),
                    ("country_acc_all", o(p.country_acc_all)),
                ]),
            ));
        }
        if let Some(e) = &self.entities {
            // json.dumps writes a None key as "null"
            let by_type = e
                .by_type
                .iter()
                .map(|(k, v)| (k.clone().unwrap_or_else(|| "null".into()), prf_json(v)))
                .collect();
            top.push((
                "entities",
                obj(vec![
                    ("docs", n(e.docs)),
                    ("tp", n(e.all.tp)),
                    ("fp", n(e.all.fp)),
                    ("fn", n(e.all.fn_)),
                    ("precision", o(e.all.precision)),
                    ("recall", o(e.all.recall)),
                    ("f1", o(e.all.f1)),
                    ("untyped", prf_json(&e.untyped)),
                    ("by_type", J::Obj(by_type)),
                ]),
            ));
        }
        if let Some(a) = &self.actors {
            top.push((
                "actors",
                obj(vec![
                    ("docs", n(a.docs)),
                    ("gold", n(a.gold)),
                    ("paired_with_prediction", n(a.paired_with_prediction)),
                    ("full_n", n(a.full_n)),
                    ("full_right", n(a.full_right)),
                    ("full_acc", o(a.full_acc)),
                    ("country_n", n(a.country_n)),
                    ("country_right", n(a.country_right)),
                    ("country_acc", o(a.country_acc)),
                    ("role_n", n(a.role_n)),
                    ("role_right", n(a.role_right)),
                    ("role_acc", o(a.role_acc)),
                ]),
            ));
        }
        if let Some(g) = &self.gold_file {
            top.push(("gold_file", J::Str(g.clone())));
        }
        if let Some(p) = &self.pred_file {
            top.push(("pred_file", J::Str(p.clone())));
        }
        obj(top)
    }

    /// The object `score.py --json` prints: same keys, nesting and numbers, `null` where Python
    /// has `None`. `gold_file`/`pred_file` are included when the report carries file names (see
    /// [`score_files`], [`Report::with_files`]). Key order follows serde_json's map (sorted unless
    /// its `preserve_order` feature is on); [`Report::to_json_string`] keeps Python's order.
    pub fn to_json(&self) -> Value {
        self.tree().to_value()
    }

    /// The exact text `json.dumps(res)` writes (Python's key order, `", "`/`": "` separators,
    /// `repr(float)` numbers, ASCII-only strings), without the trailing newline `print` adds.
    pub fn to_json_string(&self) -> String {
        let mut s = String::new();
        self.tree().write(&mut s);
        s
    }

    /// Attach the file names that `--json` reports as `gold_file` and `pred_file`.
    pub fn with_files(mut self, gold_path: &str, pred_path: &str) -> Report {
        self.gold_file = Some(gold_path.to_string());
        self.pred_file = Some(pred_path.to_string());
        self
    }

    /// The readable tables score.py prints without `--json`, line for line (no trailing newline).
    pub fn render(&self, gold_path: &str, pred_path: &str) -> String {
        let mut l: Vec<String> = Vec::new();
        let d = &self.docs;
        l.push(format!("gold {gold_path}  pred {pred_path}"));
        l.push(format!(
            "documents: gold {}, predicted {}, paired {}, gold without prediction {} (scored as empty), predictions not in gold {}",
            d.gold, d.pred, d.pred_matched, d.gold_without_prediction, d.pred_not_in_gold
        ));
        if let Some(e) = &self.events {
            l.push(String::new());
            l.push(format!(
                "EVENTS  ({} docs, {} gold events of which {} optional, {} predicted)",
                e.docs, e.gold_events, e.optional_gold_events, e.pred_events
            ));
            l.push("  level       tp     fp     fn      P      R     F1  docs-all-correct".into());
            for (k, v) in &e.levels {
                l.push(format!(
                    "  {:<7} {:>6} {:>6} {:>6} {} {} {}  {} ({})",
                    k.as_str(),
                    v.tp,
                    v.fp,
                    v.fn_,
                    fmt(v.precision),
                    fmt(v.recall),
                    fmt(v.f1),
                    v.docs_all_correct,
                    fmt(v.docs_all_correct_rate).trim()
                ));
            }
            let dl: Vec<String> = e
                .levels
                .iter()
                .filter(|(_, v)| v.matched_with_gold_date != 0)
                .map(|(k, v)| {
                    format!(
                        "{} {} of {}",
                        k.as_str(),
                        fmt(v.date_acc_matched).trim(),
                        v.matched_with_gold_date
                    )
                })
                .collect();
            if !dl.is_empty() {
                l.push(format!(
                    "  event date (extra, exact string on matched gold events that carry a date): {}",
                    dl.join(", ")
                ));
            }
        }
        if let Some(t) = &self.timex {
            let a = &t.all_types;
            l.push(String::new());
            l.push(format!("TIMEX  ({} docs)", t.docs));
            l.push(format!(
                "  gold DATEs {}: found (span overlap) {}, value right {}",
                t.gold_dates, t.found, t.right
            ));
            l.push(format!(
                "  DATE span recall {}   value acc on found {}   value acc on all DATEs {}",
                fmt(t.span_recall).trim(),
                fmt(t.value_acc_found).trim(),
                fmt(t.value_acc_all).trim()
            ));
            l.push(format!(
                "  all types: span recall {} ({}/{}); predicted {}, overlapping gold {}, precision {}",
                fmt(a.span_recall).trim(),
                a.found,
                a.gold,
                a.pred,
                a.pred_overlapping_gold,
                fmt(a.span_precision).trim()
            ));
        }
        if let Some(p) = &self.places {
            l.push(String::new());
            l.push(format!("PLACES  ({} docs)", p.docs));
            l.push(format!(
                "  spans: gold {}, predicted {}, found {}   recall {} precision {} F1 {}",
                p.gold,
                p.pred,
                p.found,
                fmt(p.span_recall).trim(),
                fmt(p.span_precision).trim(),
                fmt(p.span_f1).trim()
            ));
            l.push(format!(
                "  resolution (<=161 km or same geonameid): right {} of {} found / {} gold resolvable   acc found {}  acc all {}  median error {} km",
                p.right_161km,
                p.found_resolvable,
                p.gold_resolvable,
                fmt(p.acc161_found).trim(),
                fmt(p.acc161_all).trim(),
                fmt(p.median_error_km_found).trim()
            ));
            l.push(format!(
                "  country: right {} of {} found / {} gold with country   acc found {}  acc all {}",
                p.country_right,
                p.found_country,
                p.gold_country,
                fmt(p.country_acc_found).trim(),
                fmt(p.country_acc_all).trim()
            ));
        }
        if let Some(e) = &self.entities {
            let row = |k: &str, v: &Prf| {
                format!(
                    "  {:<7} {:>6} {:>6} {:>6} {} {} {}",
                    k,
                    v.tp,
                    v.fp,
                    v.fn_,
                    fmt(v.precision),
                    fmt(v.recall),
                    fmt(v.f1)
                )
            };
            l.push(String::new());
            l.push(format!("ENTITIES  ({} docs; exact span and type)", e.docs));
            l.push("  type        tp     fp     fn      P      R     F1".into());
            l.push(row("ALL", &e.all));
            for (k, v) in &e.by_type {
                l.push(row(k.as_deref().unwrap_or("None"), v));
            }
            l.push(row("(span)", &e.untyped));
        }
        if let Some(a) = &self.actors {
            l.push(String::new());
            l.push(format!(
                "ACTORS  ({} docs, {} gold actors, {} paired with a predicted actor)",
                a.docs, a.gold, a.paired_with_prediction
            ));
            l.push(format!(
                "  full code  {} ({}/{})",
                fmt(a.full_acc).trim(),
                a.full_right,
                a.full_n
            ));
            l.push(format!(
                "  country    {} ({}/{})",
                fmt(a.country_acc).trim(),
                a.country_right,
                a.country_n
            ));
            l.push(format!(
                "  role part  {} ({}/{})",
                fmt(a.role_acc).trim(),
                a.role_right,
                a.role_n
            ));
        }
        l.join("\n")
    }
}

/// score.py's `fmt`: `'%6.3f'` for a number, `'   n/a'` for `None`. (Python's `%`-formatting and
/// Rust's `{:.3}` both round the exact binary value half-to-even, so the digits agree.)
pub fn fmt(x: Option<f64>) -> String {
    match x {
        None => "   n/a".into(),
        Some(f) if f.is_nan() => "   nan".into(),
        Some(f) => format!("{f:6.3}"),
    }
}

#[cfg(test)]
#[allow(clippy::type_complexity)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn self_test_passes_with_score_py_count() {
        assert_eq!(run_self_test(), Ok(38));
    }

    fn evs(v: Value) -> Vec<Event> {
        v.as_array().unwrap().iter().map(Event::from_json).collect()
    }

    /// (case, gold events, predicted events, level, (tp, fp, fn))
    #[test]
    fn event_matching_table() {
        let cases: Vec<(&str, Value, Value, Level, (usize, usize, usize))> = vec![
            (
                "exact hit",
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                Level::Exact,
                (1, 0, 0),
            ),
            (
                "codes compared upper-cased and stripped",
                json!([{"source": ["RUSGOV"], "cameo": "190"}]),
                json!([{"source": " rusgov ", "cameo": " 190 "}]),
                Level::Exact,
                (1, 0, 0),
            ),
            (
                "wrong code: exact miss",
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "193"}]),
                Level::Exact,
                (0, 1, 1),
            ),
            (
                "wrong code: root hit",
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "193"}]),
                Level::Root,
                (1, 0, 0),
            ),
            (
                "wrong role: root hit",
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                json!([{"source": ["RUSMIL"], "target": "UKR", "cameo": "190"}]),
                Level::Root,
                (1, 0, 0),
            ),
            (
                "wrong country: root miss",
                json!([{"source": ["RUSGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                json!([{"source": ["BLRGOV"], "target": ["UKRMIL"], "cameo": "190"}]),
                Level::Root,
                (0, 1, 1),
            ),
            (
                "alternative source",
                json!([{"source": ["HUNGOV", "ROUGOV"], "target": [], "cameo": "036"}]),
                json!([{"source": ["ROUGOV"], "target": null, "cameo": "036"}]),
                Level::Exact,
                (1, 0, 0),
            ),
            (
                "predicted list within alternatives",
                json!([{"source": ["HUNGOV", "ROUGOV"], "cameo": "036"}]),
                json!([{"source": ["ROUGOV", "USAGOV"], "cameo": "036"}]),
                Level::Exact,
                (0, 1, 1),
            ),
            (
                "extra target is a miss",
                json!([{"source": ["ROUGOV"], "target": [], "cameo": "036"}]),
                json!([{"source": ["ROUGOV"], "target": ["USA"], "cameo": "036"}]),
                Level::Exact,
                (0, 1, 1),
            ),
            (
                "missing source when gold has one",
                json!([{"source": ["ROUGOV"], "cameo": "036"}]),
                json!([{"cameo": "036"}]),
                Level::Exact,
                (0, 1, 1),
            ),
            (
                "optional matched is ignored",
                json!([{"source": ["ARN"], "target": ["GON"], "cameo": "064"},
                    {"source": ["GON"], "target": ["ARN"], "cameo": "064", "optional": true}]),
                json!([{"source": ["ARN"], "target": ["GON"], "cameo": "064"},
                    {"source": ["GON"], "target": ["ARN"], "cameo": "064"}]),
                Level::Exact,
                (1, 0, 0),
            ),
            (
                "only the optional predicted",
                json!([{"source": ["ARN"], "target": ["GON"], "cameo": "064"},
                    {"source": ["GON"], "target": ["ARN"], "cameo": "064", "optional": true}]),
                json!([{"source": ["GON"], "target": ["ARN"], "cameo": "064"}]),
                Level::Exact,
                (0, 0, 1),
            ),
            (
                "duplicate prediction is a false positive",
                json!([{"source": ["RUSGOV"], "target": ["UKR"], "cameo": "190"}]),
                json!([{"source": ["RUSGOV"], "target": ["UKR"], "cameo": "190"},
                    {"source": ["RUSGOV"], "target": ["UKR"], "cameo": "190"}]),
                Level::Exact,
                (1, 1, 0),
            ),
            (
                "type level ignores actors",
                json!([{"cameo": null, "plover": "ASSAULT"}]),
                json!([{"source": ["SYRMIL"], "plover": "assault"}, {"plover": "PROTEST"}]),
                Level::Type,
                (1, 1, 0),
            ),
            (
                "plover level needs country",
                json!([{"source": ["SYR"], "plover": "ASSAULT"}]),
                json!([{"source": ["SYRMIL"], "plover": "ASSAULT"}]),
                Level::Plover,
                (1, 0, 0),
            ),
            (
                "ineligible gold absorbs a same-actor prediction",
                json!([{"source": ["USA"], "cameo": "010", "plover": null}, {"source": ["RUS"], "cameo": "190", "plover": "ASSAULT"}]),
                json!([{"source": ["USA"], "plover": "AID"}, {"source": ["RUS"], "plover": "ASSAULT"}]),
                Level::Plover,
                (1, 0, 0),
            ),
            (
                "no-country code",
                json!([{"source": ["---MIL"], "cameo": "190"}]),
                json!([{"source": ["---MIL"], "cameo": "19"}]),
                Level::Root,
                (1, 0, 0),
            ),
        ];
        for (name, gold, pred, level, want) in cases {
            let m = match_events(&evs(pred), &evs(gold), level);
            assert_eq!((m.tp, m.fp, m.fn_), want, "{name}");
        }
    }

    #[test]
    fn strictest_pass_first_keeps_exact_pairs() {
        let golds = evs(
            json!([{"source": ["RUSGOV"], "target": ["UKR"], "cameo": "190"},
                               {"source": ["RUSMIL"], "target": ["UKR"], "cameo": "193"}]),
        );
        let preds = evs(
            json!([{"source": ["RUSMIL"], "target": ["UKR"], "cameo": "190"},
                               {"source": ["RUSGOV"], "target": ["UKR"], "cameo": "190"}]),
        );
        let m = match_events(&preds, &golds, Level::Root);
        assert_eq!(m.pairs, vec![(1, 0), (0, 1)]);
        assert_eq!((m.tp, m.fp, m.fn_), (2, 0, 0));
    }

    #[test]
    fn applicable_levels_table() {
        let cases: Vec<(Value, Vec<Level>)> = vec![
            (
                json!([{"source": ["USA"], "cameo": "010"}]),
                vec![Level::Exact, Level::Root],
            ),
            (json!([{"plover": "AID"}]), vec![Level::Type]),
            (
                json!([{"source": ["USA"], "plover": "AID"}]),
                vec![Level::Plover, Level::Type],
            ),
            (
                json!([{"source": ["USA"], "cameo": "010", "plover": "AID"}]),
                Level::ALL.to_vec(),
            ),
            (json!([]), vec![]),
        ];
        for (gold, want) in cases {
            assert_eq!(applicable_levels(&evs(gold.clone())), want, "{gold}");
        }
    }

    #[test]
    fn timex_prefers_same_value_then_largest_overlap() {
        let gold = vec![
            json!({"id": "t", "timex": [{"start": 0, "end": 10, "type": "date", "value": "2025"}]}),
        ];
        let pred = vec![json!({"id": "t", "timex": [
            {"start": 0, "end": 10, "value": "2024"}, {"start": 5, "end": 6, "value": "2025"}]})];
        let t = score(&gold, &pred).timex.unwrap();
        assert_eq!((t.gold_dates, t.found, t.right), (1, 1, 1));
        assert_eq!(
            (t.all_types.found, t.all_types.pred_overlapping_gold),
            (1, 2)
        );
        // a gold DATE with no value is found but never right; DATE compared without stripping
        let gold = vec![
            json!({"id": "t", "timex": [{"start": 0, "end": 4, "type": "DATE"},
                                                    {"start": 5, "end": 9, "type": "DATE "}]}),
        ];
        let pred = vec![json!({"id": "t", "timex": [{"start": 0, "end": 4}]})];
        let t = score(&gold, &pred).timex.unwrap();
        assert_eq!((t.gold_dates, t.found, t.right), (1, 1, 0));
        assert_eq!(t.all_types.gold, 2);
    }

    #[test]
    fn places_table() {
        let gold = vec![json!({"id": "p", "places": [
            {"start": 0, "end": 5, "lat": 51.73, "lon": 36.19, "country": "rus"},
            {"start": 10, "end": 14, "geonameid": "703448"},
            {"start": 20, "end": 25},
            {"start": 30, "end": 30, "lat": 1, "lon": 1}]})];
        let pred = vec![json!({"id": "p", "places": [
            {"start": 0, "end": 5, "lat": 51.73, "lon": 36.19 + 3.0, "country": "RUS"},
            {"start": 1, "end": 3, "lat": "51.73", "lon": "36.19"},
            {"start": 12, "end": 13, "geonameid": 703448.0},
            {"start": 21, "end": 22}]})];
        let p = score(&gold, &pred).places.unwrap();
        // the correctly resolved candidate is preferred over the larger overlap
        assert_eq!(
            (p.gold, p.pred, p.found, p.gold_resolvable, p.right_161km),
            (3, 4, 3, 2, 2)
        );
        assert_eq!(p.median_error_km_found, Some(0.0));
        assert_eq!(
            (p.country_right, p.found_country, p.gold_country),
            (0, 1, 1)
        );
        assert_eq!(p.span_precision, Some(1.0));
        assert!((haversine_km(0.0, 0.0, 0.0, 1.0) - 111.195).abs() < 0.01);
    }

    #[test]
    fn entities_table() {
        let gold = vec![json!({"id": "e", "entities": [
            {"start": 0, "end": 5, "type": "PER"}, {"start": 0, "end": 5, "type": "PER"}, {"start": 7, "end": 9}]})];
        let pred = vec![json!({"id": "e", "entities": [
            {"start": 0, "end": 5, "type": "per"}, {"start": 7, "end": 9, "type": "LOC"}]})];
        let e = score(&gold, &pred).entities.unwrap();
        assert_eq!((e.all.tp, e.all.fp, e.all.fn_), (1, 1, 2));
        assert_eq!((e.untyped.tp, e.untyped.fp, e.untyped.fn_), (2, 0, 1));
        let keys: Vec<_> = e.by_type.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(
            keys,
            vec![Some("LOC".to_string()), None, Some("PER".to_string())]
        );
        let j = score(&gold, &pred).to_json();
        assert_eq!(j["entities"]["by_type"]["null"]["fn"], json!(1));
        assert!(score(&gold, &pred)
            .render("", "")
            .contains("\n  None         0      0      1    n/a  0.000  0.000\n"));
    }

    #[test]
    fn actors_table() {
        // (gold actors, predicted actors, (full_right, full_n, country_right, country_n, role_right, role_n, paired))
        let cases: Vec<(
            Value,
            Value,
            (usize, usize, usize, usize, usize, usize, usize),
        )> = vec![
            (
                json!([{"text": "The  Kremlin", "code": "RUSGOV"}]),
                json!([{"text": "the kremlin", "code": "rusgov"}]),
                (1, 1, 1, 1, 1, 1, 1),
            ),
            (
                json!([{"text": "A", "code": "RUSGOV"}]),
                json!([{"text": "B", "code": "RUSMIL"}]),
                (0, 1, 1, 1, 0, 1, 1),
            ),
            (
                json!([{"text": "A", "code": "RUSGOV"}, {"text": "B", "code": "USA"}]),
                json!([{"text": "C", "code": "RUSGOV"}]),
                (0, 2, 0, 2, 0, 2, 0),
            ),
            (
                json!([{"text": "x", "code": ""}]),
                json!([]),
                (1, 1, 1, 1, 1, 1, 0),
            ),
            (
                json!([{"text": "x", "code": "RUS"}]),
                json!([{"text": "x", "code": ""}]),
                (0, 1, 0, 1, 0, 1, 1),
            ),
            (
                json!([{"text": "x", "code": ["LBNPTY", "LBNREB"]}]),
                json!([{"text": "x", "code": ["LBNREB", "X"]}]),
                (1, 1, 1, 1, 1, 1, 1),
            ),
            (
                json!([{"text": "x", "code": null, "country": "igo"}]),
                json!([{"text": "x", "code": "IGOUNO"}]),
                (0, 0, 1, 1, 0, 0, 1),
            ),
            (
                json!([{"text": "x", "role": "COP"}]),
                json!([{"text": "x", "code": "USACOP"}]),
                (0, 0, 0, 0, 1, 1, 1),
            ),
        ];
        for (gold, pred, want) in cases {
            let r = score(
                &[json!({"id": "a", "actors": gold.clone()})],
                &[json!({"id": "a", "actors": pred})],
            )
            .actors
            .unwrap();
            let got = (
                r.full_right,
                r.full_n,
                r.country_right,
                r.country_n,
                r.role_right,
                r.role_n,
                r.paired_with_prediction,
            );
            assert_eq!(got, want, "{gold}");
        }
    }

    #[test]
    fn documents_and_ratios() {
        let gold = vec![
            json!({"id": "a", "events": []}),
            json!({"id": 1, "timex": []}),
        ];
        let pred = vec![json!({"id": 1.0}), json!({"id": "z"}), json!({"id": "z"})];
        let r = score(&gold, &pred);
        assert_eq!(
            r.docs,
            DocCounts {
                gold: 2,
                pred: 2,
                pred_matched: 1,
                gold_without_prediction: 1,
                pred_not_in_gold: 1,
                pred_duplicate_ids: 1
            }
        );
        let e = r.events.as_ref().unwrap();
        assert!(e.levels.is_empty());
        let t = r.timex.as_ref().unwrap();
        assert_eq!((t.span_recall, t.all_types.span_precision), (None, None));
        assert!(r.places.is_none() && r.entities.is_none() && r.actors.is_none());
        assert_eq!(ratio(1, 0), None);
        assert_eq!(prf(0, 0, 2), (None, Some(0.0), Some(0.0)));
        assert_eq!(fmt(None), "   n/a");
        assert_eq!(fmt(Some(2.0 / 3.0)), " 0.667");
        assert!(matches!(
            try_score(&[json!({"id": "a"}), json!({"id": "a"})], &[]),
            Err(EvalError::DuplicateGoldId { .. })
        ));
        let s = r.to_json_string();
        assert!(
            s.starts_with("{\"docs\": {\"gold\": 2, \"pred\": 2, "),
            "{s}"
        );
    }

    #[test]
    fn malformed_input_does_not_panic() {
        let gold = vec![
            json!({"id": "a", "events": ["x", 5, {"source": 5, "target": {"USA": 1}, "cameo": 190, "optional": "yes"}],
                   "timex": [null, {"start": "3", "end": 9.7, "type": 5}], "places": [{"start": 0, "end": 2, "lat": "x"}],
                   "entities": [[1, 2]], "actors": [null, 7, {"text": ["a"], "code": 5}]}),
            json!("not a document"),
            json!({"no": "id"}),
        ];
        let pred = vec![json!({"id": "a", "events": "abc", "timex": {"a": 1},
                                "places": [{"start": 0, "end": 2, "lat": 1e308, "lon": -1e308}],
                                "actors": [{"code": []}, {"code": [null]}]})];
        let r = score(&gold, &pred);
        let e = r.events.as_ref().unwrap();
        assert_eq!(e.gold_events, 3);
        assert_eq!(e.level(Level::Exact).unwrap().fn_, 0); // "optional": "yes" is truthy
        let _ = r.render("g", "p");
        let _ = r.to_json();
    }

    #[test]
    fn jsonl_errors_name_file_and_line() {
        let text = b"{\"id\": 1}\r\n\r\n   \r{\"id\": 2}\n{\"id\": \n";
        match parse_jsonl(text, "f.jsonl") {
            Err(e @ EvalError::Json { line: 5, .. }) => {
                assert!(e.to_string().starts_with("f.jsonl:5: not JSON"))
            }
            other => panic!("{other:?}"),
        }
        match parse_jsonl(b"{\"id\": 1}\n[1]\n", "g") {
            Err(e) => assert_eq!(
                e.to_string(),
                "g:2: a document must be an object with an \"id\""
            ),
            Ok(_) => panic!(),
        }
        match parse_jsonl(b"\n\n\xff\n", "h") {
            Err(e @ EvalError::NotUtf8 { line: 3, .. }) => {
                assert_eq!(e.to_string(), "h:3: not UTF-8")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_jsonl(b"{\"id\": 1}\r{\"id\": 2}\n\n", "x")
                .unwrap()
                .len(),
            2
        );
        let missing = load_jsonl(Path::new("/nonexistent/herald-eval.jsonl")).unwrap_err();
        assert!(missing
            .to_string()
            .starts_with("/nonexistent/herald-eval.jsonl: cannot read"));
    }
}
