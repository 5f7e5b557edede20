//! The five scored dimensions, one function each, ported line by line from score.py.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use crate::py::{self, py_float, py_int, py_str, strip, truthy, upper};
use crate::{
    ActorsReport, EntitiesReport, EventsReport, Level, LevelScore, PlacesReport, Prf,
    TimexAllTypes, TimexReport,
};

/// A gold document paired with its prediction (if any).
pub(crate) type DocPair<'a> = (&'a Value, Option<&'a Value>);

/// `ratio(a, b)`: `a / b`, `None` on a zero denominator.
pub fn ratio(a: usize, b: usize) -> Option<f64> {
    if b == 0 {
        None
    } else {
        Some(a as f64 / b as f64)
    }
}

/// `prf(tp, fp, fn)`: precision, recall, F1 (= 2tp / (2tp + fp + fn)).
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (Option<f64>, Option<f64>, Option<f64>) {
    (
        ratio(tp, tp + fp),
        ratio(tp, tp + fn_),
        ratio(2 * tp, 2 * tp + fp + fn_),
    )
}

/// `d.get(key)` with JSON `null` read as Python's `None` (as `.get` would return).
pub(crate) fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// `((p or {}).get(key) or [])`: the list under `key`, empty when absent, null or not a list.
pub(crate) fn list<'a>(p: Option<&'a Value>, key: &str) -> &'a [Value] {
    match p.and_then(|p| p.get(key)) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// `s(x)`: `str(x).strip()` or `None`.
pub(crate) fn s(x: Option<&Value>) -> Option<String> {
    let x = x.filter(|v| !v.is_null())?;
    let t = py_str(x);
    let t = strip(&t);
    (!t.is_empty()).then(|| t.to_string())
}

/// `up(x)`: `s(x)` upper-cased.
pub(crate) fn up(x: Option<&Value>) -> Option<String> {
    s(x).map(|t| upper(&t))
}

/// `codes(x)`: an actor field as a list of upper-case codes (`[]` for absent or empty).
pub fn codes(x: Option<&Value>) -> Vec<String> {
    let items: Vec<Value> = match x {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        // iterating a dict yields its keys (score.py would crash on other scalars)
        Some(Value::Object(o)) => o.keys().map(|k| Value::String(k.clone())).collect(),
        Some(other) => vec![other.clone()],
    };
    items
        .iter()
        .filter(|c| !c.is_null())
        .map(|c| upper(strip(&py_str(c))))
        .filter(|c| !c.is_empty())
        .collect()
}

/// The country part of an actor code (its first 3 characters).
pub fn country(code: &str) -> &str {
    py::head(code, 3)
}

/// One event as the scorer sees it (score.py's `_ev`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// Upper-cased source codes (alternatives in gold).
    pub source: Vec<String>,
    /// Upper-cased target codes (alternatives in gold).
    pub target: Vec<String>,
    /// CAMEO code, stripped; `None` when absent or blank.
    pub cameo: Option<String>,
    /// PLOVER type, upper-cased; `None` when absent or blank.
    pub plover: Option<String>,
    /// Gold `optional` flag (Python truthiness).
    pub optional: bool,
    /// Event date string, stripped.
    pub date: Option<String>,
}

impl Event {
    /// Read an event object the way score.py's `_ev` does (non-objects read as empty events).
    pub fn from_json(e: &Value) -> Event {
        Event {
            source: codes(e.get("source")),
            target: codes(e.get("target")),
            cameo: s(e.get("cameo")),
            plover: up(e.get("plover")),
            optional: truthy(e.get("optional")),
            date: s(e.get("date")),
        }
    }
}

fn actors_match(pred: &[String], gold: &[String], key: fn(&str) -> &str) -> bool {
    let g: BTreeSet<&str> = gold.iter().map(|c| key(c)).collect();
    if g.is_empty() {
        return pred.is_empty();
    }
    !pred.is_empty() && pred.iter().all(|c| g.contains(key(c)))
}

fn full(c: &str) -> &str {
    c
}

fn same_actors(p: &Event, g: &Event, key: fn(&str) -> &str) -> bool {
    actors_match(&p.source, &g.source, key) && actors_match(&p.target, &g.target, key)
}

fn cameo_eq(p: &Event, g: &Event) -> bool {
    p.cameo.is_some() && p.cameo == g.cameo
}

fn root_eq(p: &Event, g: &Event) -> bool {
    match (&p.cameo, &g.cameo) {
        (Some(a), Some(b)) => py::head(a, 2) == py::head(b, 2),
        _ => false,
    }
}

fn plover_eq(p: &Event, g: &Event) -> bool {
    p.plover.is_some() && p.plover == g.plover
}

type Pass = fn(&Event, &Event) -> bool;

fn exact_pass(p: &Event, g: &Event) -> bool {
    same_actors(p, g, full) && cameo_eq(p, g)
}
fn root_pass(p: &Event, g: &Event) -> bool {
    same_actors(p, g, country) && root_eq(p, g)
}
fn plover_full_pass(p: &Event, g: &Event) -> bool {
    same_actors(p, g, full) && plover_eq(p, g)
}
fn plover_country_pass(p: &Event, g: &Event) -> bool {
    same_actors(p, g, country) && plover_eq(p, g)
}
fn absorb_full(p: &Event, g: &Event) -> bool {
    same_actors(p, g, full)
}
fn absorb_country(p: &Event, g: &Event) -> bool {
    same_actors(p, g, country)
}

fn passes(level: Level) -> &'static [Pass] {
    match level {
        Level::Exact => &[exact_pass],
        Level::Root => &[exact_pass, root_pass],
        Level::Plover => &[plover_full_pass, plover_country_pass],
        Level::Type => &[plover_full_pass, plover_country_pass, plover_eq],
    }
}

const ABSORB: &[Pass] = &[absorb_full, absorb_country];

/// Whether a gold event can be scored at `level` (it has the level's code).
pub fn eligible(g: &Event, level: Level) -> bool {
    match level {
        Level::Exact | Level::Root => g.cameo.is_some(),
        Level::Plover | Level::Type => g.plover.is_some(),
    }
}

/// The result of matching one document's events at one level.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matching {
    /// Matched `(prediction index, gold index)` pairs, in the order they were made.
    pub pairs: Vec<(usize, usize)>,
    /// Predictions matched to required gold events.
    pub tp: usize,
    /// Predictions left unmatched.
    pub fp: usize,
    /// Required gold events left unmatched.
    pub fn_: usize,
}

/// Greedy one-to-one matching (score.py's `match_events`): required gold events first, then
/// optional ones, then gold events not eligible at this level (which absorb a prediction with the
/// same actors); within each pool, the level's passes strictest first, predictions in order, each
/// to the first free gold event.
pub fn match_events(preds: &[Event], golds: &[Event], level: Level) -> Matching {
    let req: Vec<usize> = (0..golds.len())
        .filter(|&i| eligible(&golds[i], level) && !golds[i].optional)
        .collect();
    let opt: Vec<usize> = (0..golds.len())
        .filter(|&i| eligible(&golds[i], level) && golds[i].optional)
        .collect();
    let inelig: Vec<usize> = (0..golds.len())
        .filter(|&i| !eligible(&golds[i], level))
        .collect();
    let mut free_p: Vec<usize> = (0..preds.len()).collect();
    let mut pairs = Vec::new();
    for (pool, ps) in [
        (&req, passes(level)),
        (&opt, passes(level)),
        (&inelig, ABSORB),
    ] {
        let mut free_g: Vec<usize> = pool.clone();
        for pred_ok in ps {
            for pi in free_p.clone() {
                if let Some(k) = free_g
                    .iter()
                    .position(|&gi| pred_ok(&preds[pi], &golds[gi]))
                {
                    pairs.push((pi, free_g[k]));
                    free_p.retain(|&x| x != pi);
                    free_g.remove(k);
                }
            }
        }
    }
    let tp = pairs.iter().filter(|(_, gi)| req.contains(gi)).count();
    Matching {
        pairs,
        tp,
        fp: free_p.len(),
        fn_: req.len() - tp,
    }
}

/// The levels a gold set can be scored at (score.py's `applicable_levels`).
pub fn applicable_levels(golds_all: &[Event]) -> Vec<Level> {
    let has_cameo = golds_all.iter().any(|e| e.cameo.is_some());
    let has_plover = golds_all.iter().any(|e| e.plover.is_some());
    let has_actors = golds_all
        .iter()
        .filter(|e| e.plover.is_some())
        .any(|e| !e.source.is_empty() || !e.target.is_empty());
    [
        (Level::Exact, has_cameo),
        (Level::Root, has_cameo),
        (Level::Plover, has_plover && has_actors),
        (Level::Type, has_plover),
    ]
    .into_iter()
    .filter(|(_, ok)| *ok)
    .map(|(l, _)| l)
    .collect()
}

fn events_of(v: Option<&Value>) -> Vec<Event> {
    list(v, "events").iter().map(Event::from_json).collect()
}

pub(crate) fn score_events(pairs_docs: &[DocPair]) -> EventsReport {
    let golds_all: Vec<Event> = pairs_docs
        .iter()
        .flat_map(|(g, _)| events_of(Some(g)))
        .collect();
    let levels = applicable_levels(&golds_all);
    let docs: Vec<(Vec<Event>, Vec<Event>)> = pairs_docs
        .iter()
        .map(|(g, p)| (events_of(Some(g)), events_of(*p)))
        .collect();
    let mut out = EventsReport {
        docs: pairs_docs.len(),
        gold_events: golds_all.len(),
        optional_gold_events: golds_all.iter().filter(|e| e.optional).count(),
        pred_events: pairs_docs
            .iter()
            .map(|(_, p)| list(*p, "events").len())
            .sum(),
        levels: Vec::new(),
    };
    for level in levels {
        let (mut tp, mut fp, mut fn_, mut ok_docs, mut dated, mut date_right) = (0, 0, 0, 0, 0, 0);
        for (golds, preds) in &docs {
            let m = match_events(preds, golds, level);
            tp += m.tp;
            fp += m.fp;
            fn_ += m.fn_;
            ok_docs += (m.fp == 0 && m.fn_ == 0) as usize;
            for &(pi, gi) in &m.pairs {
                let g = &golds[gi];
                if g.date.is_some() && eligible(g, level) && !g.optional {
                    dated += 1;
                    date_right += (preds[pi].date == g.date) as usize;
                }
            }
        }
        let (precision, recall, f1) = prf(tp, fp, fn_);
        out.levels.push((
            level,
            LevelScore {
                tp,
                fp,
                fn_,
                precision,
                recall,
                f1,
                docs_all_correct: ok_docs,
                docs_all_correct_rate: ratio(ok_docs, pairs_docs.len()),
                matched_with_gold_date: dated,
                date_acc_matched: ratio(date_right, dated),
            },
        ));
    }
    out
}

// ============================================================================ timex
type Span = (i64, i64);

/// `_span(x)`: `(int(start), int(end))` when `end > start`, else `None`.
fn span(x: &Value) -> Option<Span> {
    let a = py_int(x.get("start"))?;
    let b = py_int(x.get("end"))?;
    (b > a).then_some((a, b))
}

fn overlap(a: Span, b: Span) -> i64 {
    0.max(a.1.min(b.1) - a.0.max(b.0))
}

fn spans(items: &[Value]) -> Vec<(&Value, Span)> {
    items
        .iter()
        .filter_map(|t| span(t).map(|sp| (t, sp)))
        .collect()
}

fn gold_list<'a>(g: &'a Value, key: &str) -> &'a [Value] {
    list(Some(g), key)
}

pub(crate) fn score_timex(pairs_docs: &[DocPair]) -> TimexReport {
    let (mut n_date, mut found, mut right) = (0, 0, 0);
    let (mut n_all, mut found_all) = (0, 0);
    let (mut n_pred, mut pred_hit) = (0, 0);
    for (g, p) in pairs_docs {
        let gold = spans(gold_list(g, "timex"));
        let pred = spans(list(*p, "timex"));
        let pred_vals: Vec<Option<String>> = pred.iter().map(|(u, _)| s(u.get("value"))).collect();
        // value-scored matching: gold DATEs only
        let mut used = vec![false; pred.len()];
        for (t, sp) in &gold {
            let typ = match t.get("type") {
                Some(Value::String(x)) => upper(x),
                _ => String::new(), // falsy -> ''; score.py would crash on a truthy non-string
            };
            if typ != "DATE" {
                continue;
            }
            n_date += 1;
            let gv = s(t.get("value"));
            let best = (0..pred.len())
                .filter(|&j| !used[j] && overlap(*sp, pred[j].1) > 0)
                .min_by_key(|&j| (pred_vals[j] != gv, -overlap(*sp, pred[j].1), j));
            let Some(j) = best else { continue };
            used[j] = true;
            found += 1;
            right += (gv.is_some() && pred_vals[j] == gv) as usize;
        }
        // span detection over all gold types (one-to-one, largest overlap first)
        let mut used = vec![false; pred.len()];
        for (_, sp) in &gold {
            n_all += 1;
            let best = (0..pred.len())
                .filter(|&j| !used[j] && overlap(*sp, pred[j].1) > 0)
                .min_by_key(|&j| (-overlap(*sp, pred[j].1), j));
            if let Some(j) = best {
                used[j] = true;
                found_all += 1;
            }
        }
        n_pred += pred.len();
        pred_hit += pred
            .iter()
            .filter(|(_, q)| gold.iter().any(|(_, sp)| overlap(*q, *sp) > 0))
            .count();
    }
    TimexReport {
        docs: pairs_docs.len(),
        gold_dates: n_date,
        found,
        right,
        span_recall: ratio(found, n_date),
        value_acc_found: ratio(right, found),
        value_acc_all: ratio(right, n_date),
        all_types: TimexAllTypes {
            gold: n_all,
            found: found_all,
            span_recall: ratio(found_all, n_all),
            pred: n_pred,
            pred_overlapping_gold: pred_hit,
            span_precision: ratio(pred_hit, n_pred),
        },
    }
}

// ============================================================================ places
/// Great-circle distance in km (mean Earth radius 6371.0088 km), as score.py computes it.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let r = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powf(2.0) + p1.cos() * p2.cos() * (dl / 2.0).sin().powf(2.0);
    2.0 * r * h.sqrt().min(1.0).asin()
}

fn coords(x: &Value) -> Option<(f64, f64)> {
    Some((py_float(x.get("lat"))?, py_float(x.get("lon"))?))
}

fn gid(x: &Value) -> Option<i64> {
    py_int(x.get("geonameid"))
}

fn resolvable(g: &Value) -> bool {
    gid(g).is_some() || coords(g).is_some()
}

/// Whether a predicted place resolves a gold one: same geonameid, or within 161 km.
pub fn place_right(g: &Value, p: &Value) -> bool {
    if let (Some(a), Some(b)) = (gid(g), gid(p)) {
        if a == b {
            return true;
        }
    }
    match (coords(g), coords(p)) {
        (Some(a), Some(b)) => haversine_km(a.0, a.1, b.0, b.1) <= 161.0,
        _ => false,
    }
}

pub(crate) fn score_places(pairs_docs: &[DocPair]) -> PlacesReport {
    #[derive(Default)]
    struct C {
        gold: usize,
        gold_resolvable: usize,
        gold_country: usize,
        found: usize,
        found_resolvable: usize,
        right: usize,
        found_country: usize,
        country_right: usize,
        pred: usize,
        pred_overlapping_gold: usize,
    }
    let mut c = C::default();
    let mut errs: Vec<f64> = Vec::new();
    for (g, p) in pairs_docs {
        let gold = spans(gold_list(g, "places"));
        let pred = spans(list(*p, "places"));
        let mut used = vec![false; pred.len()];
        for (t, sp) in &gold {
            c.gold += 1;
            let res = resolvable(t);
            c.gold_resolvable += res as usize;
            let gc = up(t.get("country"));
            c.gold_country += gc.is_some() as usize;
            let best = (0..pred.len())
                .filter(|&j| !used[j] && overlap(*sp, pred[j].1) > 0)
                .min_by_key(|&j| {
                    (
                        !(res && place_right(t, pred[j].0)),
                        -overlap(*sp, pred[j].1),
                        j,
                    )
                });
            let Some(j) = best else { continue };
            used[j] = true;
            let q = pred[j].0;
            c.found += 1;
            if res {
                c.found_resolvable += 1;
                c.right += place_right(t, q) as usize;
                if let (Some(a), Some(b)) = (coords(t), coords(q)) {
                    errs.push(haversine_km(a.0, a.1, b.0, b.1));
                }
            }
            if gc.is_some() {
                c.found_country += 1;
                c.country_right += (up(q.get("country")) == gc) as usize;
            }
        }
        c.pred += pred.len();
        c.pred_overlapping_gold += pred
            .iter()
            .filter(|(_, q)| gold.iter().any(|(_, sp)| overlap(*q, *sp) > 0))
            .count();
    }
    errs.sort_by(|a, b| a.total_cmp(b));
    let n = errs.len();
    let med = if n == 0 {
        None
    } else if n % 2 == 1 {
        Some(errs[n / 2])
    } else {
        Some((errs[n / 2 - 1] + errs[n / 2]) / 2.0)
    };
    let (pr, rc) = (
        ratio(c.pred_overlapping_gold, c.pred),
        ratio(c.found, c.gold),
    );
    let f = match (pr, rc) {
        (Some(pr), Some(rc)) => Some(if pr + rc != 0.0 {
            2.0 * pr * rc / (pr + rc)
        } else {
            0.0
        }),
        _ => None,
    };
    PlacesReport {
        docs: pairs_docs.len(),
        gold: c.gold,
        pred: c.pred,
        found: c.found,
        span_recall: rc,
        span_precision: pr,
        span_f1: f,
        gold_resolvable: c.gold_resolvable,
        found_resolvable: c.found_resolvable,
        right_161km: c.right,
        acc161_found: ratio(c.right, c.found_resolvable),
        acc161_all: ratio(c.right, c.gold_resolvable),
        median_error_km_found: med,
        gold_country: c.gold_country,
        found_country: c.found_country,
        country_right: c.country_right,
        country_acc_found: ratio(c.country_right, c.found_country),
        country_acc_all: ratio(c.country_right, c.gold_country),
    }
}

// ============================================================================ entities
type EntKey = (i64, i64, Option<String>);

fn entity_counter(items: &[Value]) -> HashMap<EntKey, usize> {
    let mut m = HashMap::new();
    for t in items {
        if let Some((a, b)) = span(t) {
            *m.entry((a, b, up(t.get("type")))).or_insert(0) += 1;
        }
    }
    m
}

fn multiset_diff<K: std::hash::Hash + Eq + Clone>(
    g: &HashMap<K, usize>,
    p: &HashMap<K, usize>,
) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (k, &gv) in g {
        let pv = p.get(k).copied().unwrap_or(0);
        tp += gv.min(pv);
        fn_ += gv.saturating_sub(pv);
    }
    for (k, &pv) in p {
        fp += pv.saturating_sub(g.get(k).copied().unwrap_or(0));
    }
    (tp, fp, fn_)
}

fn prf_of(tp: usize, fp: usize, fn_: usize) -> Prf {
    let (precision, recall, f1) = prf(tp, fp, fn_);
    Prf {
        tp,
        fp,
        fn_,
        precision,
        recall,
        f1,
    }
}

pub(crate) fn score_entities(pairs_docs: &[DocPair]) -> EntitiesReport {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let (mut utp, mut ufp, mut ufn) = (0, 0, 0);
    let mut per: HashMap<Option<String>, [usize; 3]> = HashMap::new();
    for (g, p) in pairs_docs {
        let gold = entity_counter(gold_list(g, "entities"));
        let pred = entity_counter(list(*p, "entities"));
        let (a, b, c) = multiset_diff(&gold, &pred);
        tp += a;
        fp += b;
        fn_ += c;
        let untyped = |m: &HashMap<EntKey, usize>| {
            let mut u: HashMap<(i64, i64), usize> = HashMap::new();
            for ((a, b, _), n) in m {
                *u.entry((*a, *b)).or_insert(0) += n;
            }
            u
        };
        let (a, b, c) = multiset_diff(&untyped(&gold), &untyped(&pred));
        utp += a;
        ufp += b;
        ufn += c;
        let types: BTreeSet<&Option<String>> =
            gold.keys().chain(pred.keys()).map(|k| &k.2).collect();
        for typ in types {
            let only = |m: &HashMap<EntKey, usize>| -> HashMap<EntKey, usize> {
                m.iter()
                    .filter(|(k, _)| &k.2 == typ)
                    .map(|(k, v)| (k.clone(), *v))
                    .collect()
            };
            let (a, b, c) = multiset_diff(&only(&gold), &only(&pred));
            let d = per.entry(typ.clone()).or_insert([0; 3]);
            d[0] += a;
            d[1] += b;
            d[2] += c;
        }
    }
    let mut by_type: Vec<(Option<String>, Prf)> = per
        .into_iter()
        .map(|(k, v)| (k, prf_of(v[0], v[1], v[2])))
        .collect();
    // sorted by str(type): None sorts as "None"
    by_type.sort_by(|a, b| {
        a.0.as_deref()
            .unwrap_or("None")
            .cmp(b.0.as_deref().unwrap_or("None"))
    });
    let all = prf_of(tp, fp, fn_);
    EntitiesReport {
        docs: pairs_docs.len(),
        all,
        untyped: prf_of(utp, ufp, ufn),
        by_type,
    }
}

// ============================================================================ actors
fn norm_text(t: Option<&Value>) -> String {
    let raw = if truthy(t) {
        py_str(t.unwrap_or(&Value::Null))
    } else {
        String::new()
    };
    py::casefold(&py::split_ws(&raw).collect::<Vec<_>>().join(" "))
}

fn pred_code(a: Option<&Value>) -> String {
    let Some(a) = a else { return String::new() };
    let c = match a.get("code") {
        Some(Value::Array(l)) => l.first(),
        other => other,
    };
    match c {
        None | Some(Value::Null) => String::new(),
        Some(c) => upper(strip(&py_str(c))),
    }
}

fn alts(g: &Value) -> Option<Vec<String>> {
    let items: Vec<Value> = match g.get("code") {
        None | Some(Value::Null) => return None,
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Object(o)) => o.keys().map(|k| Value::String(k.clone())).collect(),
        Some(other) => vec![other.clone()],
    };
    Some(items.iter().map(|x| upper(strip(&py_str(x)))).collect())
}

pub(crate) fn score_actors(pairs_docs: &[DocPair]) -> ActorsReport {
    let mut r = ActorsReport {
        docs: pairs_docs.len(),
        ..ActorsReport::default()
    };
    for (g, p) in pairs_docs {
        let golds = gold_list(g, "actors");
        let preds = list(*p, "actors");
        let pred_texts: Vec<String> = preds.iter().map(|pa| norm_text(pa.get("text"))).collect();
        let mut used = vec![false; preds.len()];
        for ga in golds {
            let gt = norm_text(ga.get("text"));
            let mut j = (0..preds.len()).find(|&j| !used[j] && pred_texts[j] == gt);
            if j.is_none() && golds.len() == 1 && preds.len() == 1 {
                j = Some(0); // single actor per document: pair regardless of the text
            }
            let mut pa = None;
            if let Some(j) = j {
                used[j] = true;
                pa = Some(&preds[j]);
                r.paired_with_prediction += 1;
            }
            let pc = pred_code(pa);
            if let Some(alts) = alts(ga) {
                r.full_n += 1;
                r.full_right += alts.contains(&pc) as usize;
                r.country_n += 1;
                r.country_right += alts.iter().any(|x| country(x) == country(&pc)) as usize;
                r.role_n += 1; // an empty prediction has no role part to be right about
                r.role_right += ((!pc.is_empty() || alts.iter().any(|x| x.is_empty()))
                    && alts.iter().any(|x| py::tail(x, 3) == py::tail(&pc, 3)))
                    as usize;
            } else {
                if let Some(gc) = get(ga, "country") {
                    r.country_n += 1;
                    r.country_right += (country(&pc) == upper(strip(&py_str(gc)))) as usize;
                }
                if let Some(gr) = get(ga, "role") {
                    r.role_n += 1;
                    r.role_right += (py::tail(&pc, 3) == upper(strip(&py_str(gr)))) as usize;
                }
            }
            r.gold += 1;
        }
    }
    r.full_acc = ratio(r.full_right, r.full_n);
    r.country_acc = ratio(r.country_right, r.country_n);
    r.role_acc = ratio(r.role_right, r.role_n);
    r
}
