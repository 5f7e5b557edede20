//! The JSON shapes of herald's output contract.
//!
//! - [`doc_json`]: one document in the gold format (`shared/gold/FORMAT.md`):
//!   `id`, `date`, `title`, `events`, `timex`, `places`, `entities`, `actors`.
//! - [`event_json`]: one event with its evidence, codes, date, place,
//!   attribution and modality; `--out events` prints one per line with the
//!   document id added.

use herald_core::Event;
use serde_json::{json, Map, Value};

use crate::Processed;

/// One event as JSON.
pub fn event_json(p: &Processed<'_>, e: &Event) -> Value {
    let codebook = p.coded_codebook();
    let entry = codebook.get(&e.cameo);
    let evidence = &p.doc.text;
    let sentence_text: String = slice_chars(evidence, e.start, e.end);
    let mut m = Map::new();
    m.insert("source".into(), json!([e.source]));
    m.insert("target".into(), json!(e.target.iter().collect::<Vec<_>>()));
    m.insert("cameo".into(), json!(e.cameo));
    m.insert("plover".into(), json!(e.plover));
    m.insert("date".into(), json!(e.date.map(|d| d.to_string())));
    m.insert("date_precision".into(), json!(e.date.map(|d| format!("{:?}", d.precision).to_lowercase())));
    m.insert("date_source".into(), json!(if e.date_explicit { "text" } else { "document" }));
    m.insert("date_text".into(), json!(e.date_text));
    if let Some(l) = &e.location {
        m.insert(
            "location".into(),
            json!({"name": l.name, "country": l.country, "lat": l.lat, "lon": l.lon, "text": l.text, "start": l.start, "end": l.end}),
        );
    } else {
        m.insert("location".into(), Value::Null);
    }
    m.insert("sentence".into(), json!(e.sentence));
    m.insert("evidence".into(), json!({"start": e.start, "end": e.end, "text": sentence_text}));
    m.insert("source_text".into(), json!(e.source_text));
    m.insert("target_text".into(), json!(e.target_text));
    m.insert("cameo_name".into(), json!(entry.map(|x| x.name.clone())));
    m.insert("goldstein".into(), json!(entry.map(|x| (f64::from(x.goldstein) * 10.0).round() / 10.0)));
    m.insert("quad_class".into(), json!(entry.map(|x| x.quad_class)));
    m.insert("mode".into(), json!(e.mode));
    // PLOVER contexts: the one the CAMEO code implies, then those the
    // sentence's issue words name
    let mut contexts: Vec<String> = entry.and_then(|x| x.context.clone()).into_iter().collect();
    for c in &e.contexts {
        if !contexts.contains(c) {
            contexts.push(c.clone());
        }
    }
    m.insert("context".into(), json!(contexts.first()));
    m.insert("contexts".into(), json!(contexts));
    m.insert(
        "attribution".into(),
        e.attribution.as_ref().map_or(Value::Null, |a| json!({"code": a.code, "text": a.text, "cue": a.cue})),
    );
    let md = &e.modality;
    m.insert(
        "modality".into(),
        json!({"negated": md.negated, "future": md.future, "hypothetical": md.hypothetical, "intent": md.intent, "durative": md.durative, "historical": md.historical, "factual": md.is_factual()}),
    );
    // PLOVER's magnitudes: the first count of each kind, and every count with its wording
    let mut magnitude = Map::new();
    for kind in ["killed", "injured", "arrested", "size"] {
        magnitude.insert(kind.into(), json!(e.quantities.iter().find(|q| q.kind == kind).map(|q| q.value)));
    }
    m.insert("magnitude".into(), Value::Object(magnitude));
    let quantities: Vec<Value> = e
        .quantities
        .iter()
        .map(|q| json!({"kind": q.kind, "value": q.value, "low": q.low, "high": q.high, "hedge": q.hedge, "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}))
        .collect();
    m.insert("quantities".into(), json!(quantities));
    let issues: Vec<Value> = e
        .issues
        .iter()
        .map(|(code, n)| json!({"code": code, "count": n}))
        .collect();
    m.insert("issues".into(), json!(issues));
    m.insert("mentions".into(), json!(e.mentions));
    m.insert("mention_sentences".into(), json!(e.mention_sentences));
    m.insert("trigger".into(), json!(e.trigger));
    m.insert("pattern".into(), json!(e.pattern));
    Value::Object(m)
}

/// One document in the gold format. With `all`, events that did not happen
/// (negated, hypothetical, future, durative) are included too.
pub fn doc_json(p: &Processed<'_>, all: bool) -> Value {
    let events: Vec<Value> = p
        .coded
        .events
        .iter()
        .filter(|e| all || e.modality.is_factual())
        .map(|e| event_json(p, e))
        .collect();
    let timex: Vec<Value> = p
        .timexes
        .iter()
        .map(|t| json!({"text": t.text, "start": t.start, "end": t.end, "type": t.kind.as_str(), "value": t.value}))
        .collect();
    let places: Vec<Value> = p
        .places
        .iter()
        .map(|pl| {
            json!({"text": pl.text, "start": pl.start, "end": pl.end, "name": pl.name, "country": pl.country,
                   "lat": pl.lat, "lon": pl.lon, "geonameid": pl.geonameid, "kind": format!("{:?}", pl.feature).to_lowercase()})
        })
        .collect();
    // Phrases the input asked about come first, resolved with the text as context.
    let mut actors: Vec<Value> = p
        .doc
        .actor_queries
        .iter()
        .map(|q| {
            let context = (q.trim() != p.doc.text.trim()).then_some(p.doc.text.as_str());
            let code = p.kb.resolve_phrase(q, context, p.doc.date);
            json!({"text": q, "code": code.unwrap_or_default(), "kind": "query"})
        })
        .collect();
    actors.extend(p
        .actors
        .iter()
        .filter(|a| !p.doc.actor_queries.iter().any(|q| q.trim().eq_ignore_ascii_case(a.text.trim())))
        .map(|a| {
            json!({"text": a.text, "start": a.start, "end": a.end, "code": a.code, "also": a.also,
                   "kind": format!("{:?}", a.kind).to_lowercase(), "entry": a.entry})
        }));
    json!({
        "id": p.doc.id,
        "date": p.doc.date.map(|d| d.to_string()),
        "title": p.doc.title,
        "events": events,
        "timex": timex,
        "places": places,
        "entities": entities(p),
        "actors": actors,
    })
}

/// Named entities (see [`crate::entities`]).
fn entities(p: &Processed<'_>) -> Vec<Value> {
    crate::entities::find_entities(&p.doc.text, &p.analysis.tokens, &p.analysis.sentences, &p.actors, &p.places)
        .into_iter()
        .map(|e| json!({"text": e.text, "start": e.start, "end": e.end, "type": e.kind}))
        .collect()
}

fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

impl Processed<'_> {
    fn coded_codebook(&self) -> &'static herald_coder::codebook::Codebook {
        herald_coder::codebook::Codebook::embedded()
    }
}
