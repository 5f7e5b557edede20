//! The JSON shapes of herald's output contract.
//!
//! - [`doc_json`]: one document in the gold format (`shared/gold/FORMAT.md`):
//!   `id`, `date`, `title`, `events`, `timex`, `places`, `entities`, `actors`.
//! - [`event_json`]: one event with its evidence, codes, date, place,
//!   attribution and modality; `--out events` prints one per line with the
//!   document id added.

use herald_claims::{Account, Claimant, DocClaims, EventClaims, Flag};
use herald_core::{Event, Quantity};
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
    m.insert("quantities".into(), json!(e.quantities.iter().map(quantity_json).collect::<Vec<_>>()));
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

fn quantity_json(q: &Quantity) -> Value {
    json!({"kind": q.kind, "value": q.value, "low": q.low, "high": q.high, "hedge": q.hedge, "unit": q.unit, "text": q.text, "start": q.start, "end": q.end})
}

fn claimant_json(c: &Claimant) -> Value {
    json!({"code": c.code, "text": c.text, "outlet": c.outlet, "state_media_of": c.state_media_of})
}

fn account_json(a: &Account) -> Value {
    json!({
        "claimant": claimant_json(&a.claimant),
        "attribution_verb": a.stance.as_str(),
        "cue": a.cue,
        "sentences": a.sentences,
        "start": a.span.0,
        "end": a.span.1,
        "parties": a.parties.iter().map(|(c, t)| json!({"code": c, "text": t})).collect::<Vec<_>>(),
        "topics": a.topics,
        "date": a.date.as_ref().map(|(d, t)| json!({"value": d.to_string(), "text": t})),
        "quantities": a.quantities.iter().map(quantity_json).collect::<Vec<_>>(),
        "omits": a.omits,
    })
}

/// One flag as JSON: `kind`, `text`, `start`, `end`, `claim`, `known` and
/// its `source`, `message`, `why`, and the `event` (index in the
/// document's `events` list) when it is about one.
pub fn flag_json(f: &Flag, event_pos: Option<usize>) -> Value {
    json!({
        "kind": f.kind,
        "text": f.text,
        "start": f.start,
        "end": f.end,
        "claim": f.claim,
        "known": {"value": f.known, "source": f.source},
        "message": f.message,
        "why": f.why,
        "event": event_pos,
    })
}

/// Add an event's claims to its JSON object: `claimant`,
/// `attribution_verb`, `accounts`, `corroboration`.
pub fn add_event_claims(v: &mut Value, ec: Option<&EventClaims>) {
    let Some(o) = v.as_object_mut() else { return };
    match ec {
        Some(ec) => {
            o.insert("claimant".into(), claimant_json(&ec.claimant));
            o.insert("attribution_verb".into(), json!(ec.stance.as_str()));
            o.insert("accounts".into(), json!(ec.accounts.iter().map(account_json).collect::<Vec<_>>()));
            let c = &ec.corroboration;
            o.insert(
                "corroboration".into(),
                json!({"claimants": c.claimants, "outlets": c.outlets, "documents": c.documents, "single_source": c.single_source, "party_media_only": c.party_media_only,
                       "differences": c.differences.iter().map(|(who, gives)| json!({"claimant": who, "only_it_gives": gives})).collect::<Vec<_>>()}),
            );
        }
        None => {
            o.insert("claimant".into(), Value::Null);
            o.insert("attribution_verb".into(), Value::Null);
            o.insert("accounts".into(), json!([]));
            o.insert("corroboration".into(), Value::Null);
        }
    }
}

/// The coded events a document's output lists (indices into
/// `coded.events`), in order: the factual ones, or with `all` every one.
pub fn listed(p: &Processed<'_>, all: bool) -> Vec<usize> {
    (0..p.coded.events.len()).filter(|&i| all || p.coded.events[i].modality.is_factual()).collect()
}

/// Add the claims to a document's JSON ([`doc_json`]): each listed event's
/// claims and the document's `flags`.
pub fn attach_claims(doc: &mut Value, listed: &[usize], claims: &DocClaims) {
    if let Some(Value::Array(evs)) = doc.get_mut("events") {
        for (v, &i) in evs.iter_mut().zip(listed) {
            add_event_claims(v, claims.events.iter().find(|ec| ec.event == i));
        }
    }
    let flags: Vec<Value> = claims.flags.iter().map(|f| flag_json(f, f.event.and_then(|e| listed.iter().position(|&i| i == e)))).collect();
    if let Some(o) = doc.as_object_mut() {
        o.insert("flags".into(), json!(flags));
    }
}
