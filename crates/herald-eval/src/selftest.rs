//! A port of score.py's `self_test()`: the same cases and the same 38 checks.

use serde_json::{json, Value};

use crate::dims::{haversine_km, match_events, Event};
use crate::{load_jsonl, score, Level, Report};

fn ev(src: Value, tgt: Value, cameo: Option<&str>, plover: Option<&str>, optional: bool) -> Value {
    let mut e = json!({"source": src, "target": tgt, "cameo": cameo, "plover": plover});
    if optional {
        e["optional"] = json!(true);
    }
    e
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

struct Checker {
    checks: usize,
}

impl Checker {
    fn check(&mut self, cond: bool, msg: &str) -> Result<(), String> {
        self.checks += 1;
        if cond {
            Ok(())
        } else {
            Err(format!("self-test check {} failed: {msg}", self.checks))
        }
    }
}

fn lvl(r: &Report, l: Level) -> crate::LevelScore {
    r.events
        .as_ref()
        .and_then(|e| e.level(l))
        .cloned()
        .unwrap_or_default()
}

fn tfn(r: &Report, l: Level) -> (usize, usize, usize) {
    let x = lvl(r, l);
    (x.tp, x.fp, x.fn_)
}

/// Run the checks of score.py's `self_test()` against this port; `Ok(number of checks)` (38, as
/// score.py prints "self-test passed: 38 checks"), or the first failing check.
pub fn run_self_test() -> Result<usize, String> {
    let mut c = Checker { checks: 0 };

    // 1. perfect prediction -> F1 1.0 at every level present
    let gold = vec![
        json!({"id": "a", "events": [ev(json!(["RUSGOV"]), json!(["UKRMIL"]), Some("190"), Some("ASSAULT"), false),
                                     ev(json!(["USA"]), json!([]), Some("010"), None, false)]}),
        json!({"id": "b", "events": []}),
    ];
    let r = score(&gold, &gold.clone());
    for l in Level::ALL {
        c.check(
            close(lvl(&r, l).f1, 1.0),
            &format!("perfect prediction {l}"),
        )?;
    }
    c.check(
        lvl(&r, Level::Exact).docs_all_correct == 2,
        "docs all correct",
    )?;
    c.check(
        tfn(&r, Level::Plover) == (1, 0, 0),
        "a gold event without PLOVER type is not scored at plover level",
    )?;

    // 2. one wrong code: exact miss, root hit; wrong role: exact miss, root hit
    let gold = vec![
        json!({"id": "a", "events": [ev(json!(["RUSGOV"]), json!(["UKRMIL"]), Some("190"), None, false)]}),
    ];
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["RUSGOV"]), json!(["UKRMIL"]), Some("193"), None, false)]}),
        ],
    );
    c.check(tfn(&r, Level::Exact) == (0, 1, 1), "wrong code exact")?;
    c.check(close(lvl(&r, Level::Root).f1, 1.0), "wrong code root hit")?;
    c.check(
        r.events
            .as_ref()
            .is_some_and(|e| e.level(Level::Plover).is_none()),
        "no plover level without gold plover",
    )?;
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["RUSMIL"]), json!("UKR"), Some("190"), None, false)]}),
        ],
    );
    c.check(
        lvl(&r, Level::Exact).tp == 0 && lvl(&r, Level::Root).tp == 1,
        "wrong role",
    )?;
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["BLRGOV"]), json!(["UKRMIL"]), Some("190"), None, false)]}),
        ],
    );
    c.check(lvl(&r, Level::Root).tp == 0, "wrong country is a root miss")?;

    // 3. optional events: neither required nor punished
    let gold = vec![
        json!({"id": "a", "events": [ev(json!(["ARN"]), json!(["GON"]), Some("064"), None, false),
                                                  ev(json!(["GON"]), json!(["ARN"]), Some("064"), None, true)]}),
    ];
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["ARN"]), json!(["GON"]), Some("064"), None, false),
                                                         ev(json!(["GON"]), json!(["ARN"]), Some("064"), None, false)]}),
        ],
    );
    c.check(
        tfn(&r, Level::Exact) == (1, 0, 0),
        "optional matched is ignored",
    )?;
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["ARN"]), json!(["GON"]), Some("064"), None, false)]}),
        ],
    );
    c.check(
        tfn(&r, Level::Exact) == (1, 0, 0),
        "optional not predicted is not a miss",
    )?;
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["GON"]), json!(["ARN"]), Some("064"), None, false)]}),
        ],
    );
    let x = lvl(&r, Level::Exact);
    c.check(
        (x.tp, x.fp, x.fn_) == (0, 0, 1) && x.precision.is_none() && x.f1 == Some(0.0),
        "only the optional predicted",
    )?;

    // 4. actor lists are alternatives; absent target matches only absent target
    let gold = vec![
        json!({"id": "a", "events": [ev(json!(["HUNGOV", "ROUGOV"]), json!([]), Some("036"), None, false)]}),
    ];
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["ROUGOV"]), Value::Null, Some("036"), None, false)]}),
        ],
    );
    c.check(lvl(&r, Level::Exact).tp == 1, "alternative source")?;
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["ROUGOV", "USAGOV"]), Value::Null, Some("036"), None, false)]}),
        ],
    );
    c.check(
        lvl(&r, Level::Exact).tp == 0,
        "predicted list must be within gold alternatives",
    )?;
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["ROUGOV"]), json!(["USA"]), Some("036"), None, false)]}),
        ],
    );
    c.check(lvl(&r, Level::Exact).tp == 0, "extra target is a miss")?;

    // 5. greedy one-to-one, strictest pass first: exact pairs are kept at the root level
    let e = |s: &str, t: &str, cameo: &str| {
        Event::from_json(&ev(json!([s]), json!([t]), Some(cameo), None, false))
    };
    let golds = [e("RUSGOV", "UKR", "190"), e("RUSMIL", "UKR", "193")];
    let preds = [e("RUSMIL", "UKR", "190"), e("RUSGOV", "UKR", "190")];
    let m = match_events(&preds, &golds, Level::Root);
    c.check(
        m.pairs.contains(&(1, 0)) && m.pairs.contains(&(0, 1)) && (m.tp, m.fp, m.fn_) == (2, 0, 0),
        "exact first, then root",
    )?;
    let dup = [e("RUSGOV", "UKR", "190"), e("RUSGOV", "UKR", "190")];
    let m = match_events(&dup, &golds[..1], Level::Exact);
    c.check(
        (m.tp, m.fp, m.fn_) == (1, 1, 0),
        "one-to-one: a duplicate prediction is a false positive",
    )?;

    // 6. type level: PLOVER type only, actors ignored; events [] punishes predictions
    let gold = vec![
        json!({"id": "a", "events": [{"cameo": null, "plover": "ASSAULT"}]}),
        json!({"id": "b", "events": []}),
        json!({"id": "c", "doc_label": "OTHER"}),
    ];
    let pred = vec![
        json!({"id": "a", "events": [{"source": ["SYRMIL"], "plover": "assault"}, {"plover": "PROTEST"}]}),
        json!({"id": "b", "events": [{"plover": "AID"}]}),
        json!({"id": "c", "events": [{"plover": "AID"}]}),
    ];
    let r = score(&gold, &pred);
    let only_type = r
        .events
        .as_ref()
        .is_some_and(|e| e.levels.len() == 1 && e.levels[0].0 == Level::Type);
    c.check(tfn(&r, Level::Type) == (1, 2, 0) && only_type, "type level")?;
    c.check(
        r.events.as_ref().is_some_and(|e| e.docs == 2),
        "documents without an events key are not scored",
    )?;

    // 6b. event dates are an extra figure on matched events
    let mut dated = ev(json!(["ARN"]), json!(["GON"]), Some("064"), None, false);
    dated["date"] = json!("1995-01-03");
    let mut dated_pred = dated.clone();
    dated_pred["date"] = json!("1995-01-04");
    let other = ev(json!(["GON"]), json!(["ARN"]), Some("064"), None, false);
    let gold = vec![json!({"id": "a", "events": [dated, other.clone()]})];
    let r = score(&gold, &[json!({"id": "a", "events": [dated_pred, other]})]);
    let x = lvl(&r, Level::Exact);
    c.check(
        x.tp == 2 && x.matched_with_gold_date == 1 && x.date_acc_matched == Some(0.0),
        "event date extra",
    )?;

    // 7. missing prediction counts as empty; unknown predicted ids are ignored
    let gold = vec![
        json!({"id": "a", "events": [ev(json!(["USA"]), json!(["CHN"]), Some("042"), None, false)]}),
        json!({"id": "b", "events": [ev(json!(["FRA"]), json!([]), Some("010"), None, false)]}),
    ];
    let r = score(
        &gold,
        &[
            json!({"id": "a", "events": [ev(json!(["USA"]), json!(["CHN"]), Some("042"), None, false)]}),
            json!({"id": "zzz", "events": [ev(json!(["X"]), json!([]), Some("01"), None, false)]}),
        ],
    );
    let x = lvl(&r, Level::Exact);
    c.check(
        (x.tp, x.fp, x.fn_) == (1, 0, 1)
            && r.docs.gold_without_prediction == 1
            && r.docs.pred_not_in_gold == 1,
        "missing prediction",
    )?;
    c.check(
        close(x.precision, 1.0) && close(x.recall, 0.5) && close(x.f1, 2.0 / 3.0),
        "P/R/F1 arithmetic",
    )?;

    // 8. timex: DATE spans by overlap, values by equality
    let text = "On Tuesday and on 3 May, and last week, for two days.";
    let gold = vec![json!({"id": "t", "text": text, "timex": [
        {"text": "Tuesday", "start": 3, "end": 10, "type": "DATE", "value": "2025-08-12"},
        {"text": "3 May", "start": 18, "end": 23, "type": "DATE", "value": "2025-05-03"},
        {"text": "last week", "start": 29, "end": 38, "type": "DATE", "value": "2025-W32"},
        {"text": "two days", "start": 44, "end": 52, "type": "DURATION", "value": "P2D"}]})];
    let pred = vec![json!({"id": "t", "timex": [
        {"start": 0, "end": 10, "type": "DATE", "value": "2025-08-12"},
        {"start": 18, "end": 21, "type": "DATE", "value": "2024-05-03"},
        {"start": 44, "end": 52, "type": "DURATION", "value": "P2D"},
        {"start": 40, "end": 43, "type": "DATE", "value": "X"}]})];
    let r = score(&gold, &pred).timex.unwrap_or_default();
    c.check(
        (r.gold_dates, r.found, r.right) == (3, 2, 1),
        "timex counts",
    )?;
    c.check(
        close(r.span_recall, 2.0 / 3.0)
            && close(r.value_acc_found, 0.5)
            && close(r.value_acc_all, 1.0 / 3.0),
        "timex rates",
    )?;
    c.check(
        r.all_types.found == 3 && close(r.all_types.span_precision, 0.75),
        "timex all types",
    )?;

    // 9. places: overlap, 161 km, geonameid, country
    let gold = vec![json!({"id": "p", "places": [
        {"text": "Kursk", "start": 0, "end": 5, "lat": 51.73, "lon": 36.19, "country": "RUS"},
        {"text": "Kyiv", "start": 10, "end": 14, "lat": 50.45, "lon": 30.52, "country": "UKR", "geonameid": 703448},
        {"text": "Paris", "start": 20, "end": 25, "lat": 48.85, "lon": 2.35, "country": "FRA"},
        {"text": "Oz", "start": 30, "end": 32}]})];
    let pred = vec![json!({"id": "p", "places": [
        {"start": 0, "end": 5, "lat": 51.73, "lon": 37.6, "country": "RUS"},
        {"start": 11, "end": 14, "lat": 0.0, "lon": 0.0, "geonameid": 703448, "country": "RUS"},
        {"start": 20, "end": 25, "lat": 33.66, "lon": -95.55, "country": "USA"},
        {"start": 40, "end": 45, "lat": 1.0, "lon": 1.0}]})];
    let r = score(&gold, &pred).places.unwrap_or_default();
    c.check(
        (r.gold, r.found, r.gold_resolvable, r.right_161km) == (4, 3, 3, 2),
        "places counts",
    )?;
    c.check(
        close(r.acc161_found, 2.0 / 3.0)
            && close(r.span_recall, 0.75)
            && close(r.span_precision, 0.75),
        "places rates",
    )?;
    c.check(
        (r.country_right, r.found_country) == (1, 3),
        "country accuracy",
    )?;
    c.check(
        (haversine_km(51.73, 36.19, 51.73, 37.6) - 97.1).abs() < 1.0,
        "haversine",
    )?;

    // 10. entities: exact span and type
    let gold = vec![
        json!({"id": "e", "entities": [{"start": 0, "end": 5, "type": "PER"}, {"start": 10, "end": 20, "type": "ORG"}]}),
    ];
    let pred = vec![
        json!({"id": "e", "entities": [{"start": 0, "end": 5, "type": "PER"}, {"start": 10, "end": 20, "type": "LOC"},
                                                   {"start": 30, "end": 33, "type": "LOC"}]}),
    ];
    let r = score(&gold, &pred).entities.unwrap_or_default();
    c.check(
        (r.all.tp, r.all.fp, r.all.fn_) == (1, 2, 1) && close(r.all.precision, 1.0 / 3.0) && close(r.all.recall, 0.5),
        "entities",
    )?;
    c.check(r.untyped.tp == 2, "untyped spans")?;

    // 11. actors: full code and country part; alternatives, no-actor, partial assertions
    let gold = vec![
        json!({"id": "x1", "actors": [{"text": "the Kremlin", "code": "RUSGOV"}]}),
        json!({"id": "x2", "actors": [{"text": "Russian troops", "code": "RUSMIL"}]}),
        json!({"id": "x3", "actors": [{"text": "Hezbollah", "code": ["LBNPTY", "LBNREB"]}]}),
        json!({"id": "x4", "actors": [{"text": "puppies", "code": ""}]}),
        json!({"id": "x5", "actors": [{"text": "IMF", "code": null, "country": "IGO"}]}),
        json!({"id": "x6", "actors": [{"text": "cyber police", "code": null, "role": "COP"}]}),
    ];
    let pred = vec![
        json!({"id": "x1", "actors": [{"text": "the Kremlin", "code": "RUSGOV"}]}),
        json!({"id": "x2", "actors": [{"text": "Russian troops", "code": "RUSGOV"}]}),
        json!({"id": "x3", "actors": [{"text": "Hezbollah", "code": "LBNREB"}]}),
        json!({"id": "x5", "actors": [{"text": "IMF", "code": "IGOUNO"}]}),
        json!({"id": "x6", "actors": [{"text": "cyber police", "code": "USACOP"}]}),
    ];
    let r = score(&gold, &pred).actors.unwrap_or_default();
    c.check((r.full_right, r.full_n) == (3, 4), "actors full")?;
    c.check((r.country_right, r.country_n) == (5, 5), "actors country")?;
    c.check((r.role_right, r.role_n) == (4, 5), "actors role")?;

    // 12. end to end through files and the render path
    let dir = std::env::temp_dir().join(format!(
        "herald-eval-selftest-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("self-test: cannot create {}: {e}", dir.display()))?;
    let (gp, pp) = (dir.join("g.jsonl"), dir.join("p.jsonl"));
    let g = json!({"id": "a", "text": "x", "events": [ev(json!(["USA"]), json!([]), Some("010"), None, false)]});
    let p = json!({"id": "a", "events": [ev(json!("USA"), json!([]), Some("010"), None, false)]});
    let written =
        std::fs::write(&gp, format!("{g}\n")).and_then(|_| std::fs::write(&pp, format!("{p}\n\n")));
    let loaded = written.map_err(|e| e.to_string()).and_then(|_| {
        let g = load_jsonl(&gp).map_err(|e| e.to_string())?;
        let p = load_jsonl(&pp).map_err(|e| e.to_string())?;
        Ok(score(&g, &p))
    });
    let _ = std::fs::remove_dir_all(&dir);
    let r = loaded?;
    c.check(close(lvl(&r, Level::Exact).f1, 1.0), "file round trip")?;
    c.check(r.render("", "").contains("EVENTS"), "render")?;
    Ok(c.checks)
}
