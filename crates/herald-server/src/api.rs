//! The JSON API's handlers. Each reads its parameters strictly
//! ([`crate::params`]), asks herald-store on a blocking thread
//! ([`crate::db::Db::read`]) and answers JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use herald_store::browse::{self, Bucket};
use herald_store::query::{self, EventRow, MentionRow};
use serde_json::{json, Map, Value};

use crate::error::ApiError;
use crate::params::{Params, FILTER_KEYS};
use crate::AppState;

type Answer = Result<Json<Value>, ApiError>;
type Q = Query<Vec<(String, String)>>;

fn params(q: Q) -> Params {
    Params(q.0)
}

/// `GET /api/health`.
pub async fn health(State(st): State<AppState>, q: Q) -> Answer {
    params(q).check(&[])?;
    let (events, documents) = st.db.read(|c| Ok(c.query_row("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents)", [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "store": st.db.path().display().to_string(),
        "events": events,
        "documents": documents,
        "auth": st.token.is_some(),
    })))
}

/// The CAMEO name of a code (herald's codebook).
fn cameo_name(code: &str) -> Option<&'static str> {
    herald_coder::codebook::Codebook::embedded().get(code).map(|e| e.name.as_str())
}

/// A place as the API shows it.
#[derive(serde::Serialize)]
pub struct PlaceOut<'a> {
    name: &'a str,
    country: Option<&'a str>,
    kind: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// One event without its mentions (serialised directly: the events
/// endpoint is the busiest, so no intermediate JSON tree).
#[derive(serde::Serialize)]
pub struct EventOut<'a> {
    id: i64,
    date: Option<&'a str>,
    last_date: Option<&'a str>,
    source: &'a str,
    target: Option<&'a str>,
    cameo: &'a str,
    cameo_name: Option<&'static str>,
    root: &'a str,
    plover: Option<&'a str>,
    mode: Option<&'a str>,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    place: Option<PlaceOut<'a>>,
    mentions: i64,
    sources: i64,
    articles: i64,
    /// Distinct claimants (an outlet's own voice is one).
    claimants: i64,
    /// Carried only by a party's own word (its state media, or itself for force it used).
    party_only: bool,
    corroborated: bool,
}

impl<'a> EventOut<'a> {
    /// The API's view of a stored event.
    pub fn new(e: &'a EventRow) -> EventOut<'a> {
        EventOut {
            id: e.id,
            date: e.date.as_deref(),
            last_date: e.last_date.as_deref(),
            source: &e.source,
            target: (!e.target.is_empty()).then_some(e.target.as_str()),
            cameo: &e.cameo,
            cameo_name: cameo_name(&e.cameo),
            root: &e.root,
            plover: e.plover.as_deref(),
            mode: e.mode.as_deref(),
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            place: e.place_name.as_deref().map(|name| PlaceOut { name, country: e.place_country.as_deref(), kind: e.place_kind.as_deref(), lat: e.lat, lon: e.lon }),
            mentions: e.n_mentions,
            sources: e.n_sources,
            articles: e.n_articles,
            claimants: e.n_claimants,
            party_only: e.party_only,
            corroborated: e.n_sources > 1 || e.n_claimants > 1,
        }
    }
}

/// One event without its mentions, as a JSON value.
pub fn event_summary(e: &EventRow) -> Value {
    serde_json::to_value(EventOut::new(e)).unwrap_or(Value::Null)
}

/// A page of events.
#[derive(serde::Serialize)]
pub struct EventsPage<'a> {
    events: Vec<EventOut<'a>>,
    limit: i64,
    offset: i64,
    has_more: bool,
    next_offset: Option<i64>,
}

/// `GET /api/events`: the events matching the filters, newest first, paged.
pub async fn events(State(st): State<AppState>, q: Q) -> Result<axum::response::Response, ApiError> {
    let p = params(q);
    p.check(&[FILTER_KEYS, &["limit", "offset"]])?;
    let mut f = p.filter()?;
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50);
    let offset = p.int("offset", 0, 100_000_000)?.unwrap_or(0);
    f.limit = Some(limit + 1);
    f.offset = Some(offset);
    let mut rows = st.db.read(move |c| Ok(query::events(c, &f)?)).await?;
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let page = EventsPage { events: rows.iter().map(EventOut::new).collect(), limit, offset, has_more, next_offset: has_more.then_some(offset + limit) };
    Ok(axum::response::IntoResponse::into_response(Json(page)))
}

fn parse_id(s: &str, what: &str) -> Result<i64, ApiError> {
    s.parse::<i64>().map_err(|_| ApiError::bad_request(format!("{what} {s:?}: not a whole number")))
}

/// Where `needle` first occurs in `hay`, in characters, ignoring case.
fn find_chars(hay: &[char], needle: &str) -> Option<(usize, usize)> {
    let n: Vec<char> = needle.trim().chars().collect();
    if n.is_empty() || n.len() > hay.len() {
        return None;
    }
    let eq = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    (0..=hay.len() - n.len()).find(|&i| n.iter().enumerate().all(|(j, &c)| eq(hay[i + j], c))).map(|i| (i, i + n.len()))
}

/// The evidence of one mention: the sentence with its parts marked (source,
/// target, verb, time, place; character offsets into `text`, not
/// overlapping), the attribution and the article.
pub fn evidence_json(m: &MentionRow) -> Value {
    let ev: Value = serde_json::from_str(&m.json).unwrap_or(Value::Null);
    let s = |k: &str| ev.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let chars: Vec<char> = m.text.chars().collect();
    let wanted = [
        ("source", m.source_text.clone()),
        ("target", m.target_text.clone()),
        ("verb", s("trigger")),
        ("time", s("date_text")),
        ("place", ev.get("location").and_then(|l| l.get("text")).and_then(|v| v.as_str()).map(str::to_string)),
    ];
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    for (kind, text) in wanted {
        let Some(text) = text else { continue };
        if let Some((a, b)) = find_chars(&chars, &text) {
            if marks.iter().all(|&(x, y, _)| b <= x || a >= y) {
                marks.push((a, b, kind));
            }
        }
    }
    marks.sort();
    json!({
        "mention": m.id,
        "text": m.text,
        "highlights": marks.iter().map(|&(a, b, k)| json!({"kind": k, "start": a, "end": b, "text": chars[a..b].iter().collect::<String>()})).collect::<Vec<_>>(),
        "source_text": m.source_text, "target_text": m.target_text,
        "verb": s("trigger"), "time_text": s("date_text"), "pattern": s("pattern"),
        "cameo": m.cameo, "date": m.date, "sentence": m.sentence, "start": m.start, "end": m.end,
        "attribution": ev.get("attribution").cloned().unwrap_or(Value::Null),
        "modality": ev.get("modality").cloned().unwrap_or(Value::Null),
        "magnitude": ev.get("magnitude").cloned().unwrap_or(Value::Null),
        "contexts": ev.get("contexts").cloned().unwrap_or(Value::Null),
        "document": {"hash": m.doc_hash, "id": m.doc_id, "title": m.title, "url": m.url, "outlet": m.outlet, "date": m.doc_date},
    })
}

/// `GET /api/events/{id}`: one event with every mention and its evidence.
pub async fn event_one(State(st): State<AppState>, Path(id): Path<String>, q: Q) -> Answer {
    params(q).check(&[])?;
    let id = parse_id(&id, "event")?;
    let got = st.db.read(move |c| Ok(browse::event(c, id)?.map(|e| (query::mentions(c, id), e)))).await?;
    let Some((ms, e)) = got else { return Err(ApiError::not_found(format!("no event {id}"))) };
    let ms = ms.map_err(ApiError::from)?;
    let mut v = event_summary(&e);
    if let Some(o) = v.as_object_mut() {
        o.insert("evidence".into(), Value::Array(ms.iter().map(evidence_json).collect()));
    }
    Ok(Json(v))
}

fn point_json(p: &browse::TimelinePoint) -> Value {
    json!({"period": p.period, "quad": p.by_quad, "total": p.total, "goldstein_sum": p.goldstein_sum})
}

fn bucket_name(b: Bucket) -> &'static str {
    match b {
        Bucket::Day => "day",
        Bucket::Week => "week",
        Bucket::Month => "month",
    }
}

/// `GET /api/timeline`: matching events by period and QuadClass.
pub async fn timeline(State(st): State<AppState>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[FILTER_KEYS, &["bucket"]])?;
    let f = p.filter()?;
    let b = p.bucket(Bucket::Day)?;
    let pts = st.db.read(move |c| Ok(browse::timeline(c, &f, b)?)).await?;
    Ok(Json(json!({"bucket": bucket_name(b), "series": pts.iter().map(point_json).collect::<Vec<_>>()})))
}

/// `GET /api/network`: actors and the heaviest edges between them.
pub async fn network(State(st): State<AppState>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[FILTER_KEYS, &["limit"]])?;
    let f = p.filter()?;
    let limit = p.int("limit", 1, 5000)?.unwrap_or(200);
    let edges = st.db.read(move |c| Ok(browse::network(c, &f, limit)?)).await?;
    // nodes: events and the mean Goldstein over their edges
    let mut nodes: BTreeMap<&str, (i64, f64, i64)> = BTreeMap::new();
    for e in &edges {
        for code in [e.source.as_str(), e.target.as_str()] {
            let n = nodes.entry(code).or_default();
            n.0 += e.events;
            if let Some(g) = e.goldstein_mean {
                n.1 += g * e.events as f64;
                n.2 += e.events;
            }
        }
    }
    Ok(Json(json!({
        "nodes": nodes.iter().map(|(code, (n, gs, gn))| json!({"id": code, "events": n, "goldstein_mean": (*gn > 0).then(|| gs / *gn as f64)})).collect::<Vec<_>>(),
        "edges": edges.iter().map(|e| json!({"source": e.source, "target": e.target, "events": e.events, "goldstein_mean": e.goldstein_mean})).collect::<Vec<_>>(),
    })))
}

/// `GET /api/places`: places of the matching events with their counts.
pub async fn places(State(st): State<AppState>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[FILTER_KEYS, &["limit"]])?;
    let f = p.filter()?;
    let limit = p.int("limit", 1, 10000)?.unwrap_or(1000);
    let rows = st.db.read(move |c| Ok(browse::places(c, &f, limit)?)).await?;
    Ok(Json(json!({
        "places": rows.iter().map(|r| json!({"name": r.name, "country": r.country, "kind": r.kind, "lat": r.lat, "lon": r.lon, "events": r.events, "goldstein_mean": r.goldstein_mean})).collect::<Vec<_>>(),
    })))
}

/// `GET /api/actors`: actors by code prefix or by the phrases articles used.
pub async fn actors(State(st): State<AppState>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[&["q", "limit"]])?;
    let text = p.get("q").unwrap_or("").to_string();
    if text.chars().count() > 200 {
        return Err(ApiError::bad_request("q: longer than 200 characters"));
    }
    let limit = p.int("limit", 1, 1000)?.unwrap_or(20);
    let rows = st.db.read(move |c| Ok(browse::actors(c, &text, limit)?)).await?;
    Ok(Json(json!({"actors": rows.iter().map(|a| json!({"code": a.code, "events": a.events, "names": a.names})).collect::<Vec<_>>()})))
}

/// `GET /api/actors/{code}`: one actor's counterparts and events over time.
pub async fn actor_one(State(st): State<AppState>, Path(code): Path<String>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[&["bucket", "limit"]])?;
    let b = p.bucket(Bucket::Month)?;
    let limit = p.int("limit", 1, 1000)?.unwrap_or(25);
    let code = code.trim().to_uppercase();
    if code.is_empty() || code.len() > 32 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ApiError::bad_request(format!("actor {code:?}: expected a CAMEO actor code such as RUSGOV")));
    }
    let c2 = code.clone();
    let prof = st.db.read(move |c| Ok(browse::actor_profile(c, &c2, b, limit)?)).await?;
    let Some(pr) = prof else { return Err(ApiError::not_found(format!("no event has the actor {code}"))) };
    Ok(Json(json!({
        "code": pr.code, "names": pr.names, "as_source": pr.as_source, "as_target": pr.as_target,
        "events": pr.as_source + pr.as_target, "goldstein_mean": pr.goldstein_mean,
        "counterparts": pr.counterparts.iter().map(|c| json!({"code": c.code, "outgoing": c.outgoing, "incoming": c.incoming, "goldstein_mean": c.goldstein_mean})).collect::<Vec<_>>(),
        "bucket": bucket_name(b),
        "timeline": pr.timeline.iter().map(point_json).collect::<Vec<_>>(),
    })))
}

/// `GET /api/dyad?a=..&b=..`: the events between two actors over time.
pub async fn dyad(State(st): State<AppState>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[&["a", "b", "bucket"]])?;
    let kb = herald_kb::Kb::embedded();
    let a = crate::params::actor_code(kb, p.get("a").ok_or_else(|| ApiError::bad_request("a: required (an actor code or name)"))?)?;
    let b = crate::params::actor_code(kb, p.get("b").ok_or_else(|| ApiError::bad_request("b: required (an actor code or name)"))?)?;
    let bk = p.bucket(Bucket::Month)?;
    let (a2, b2) = (a.clone(), b.clone());
    let pts = st.db.read(move |c| Ok(browse::dyad(c, &a2, &b2, bk)?)).await?;
    Ok(Json(json!({
        "a": a, "b": b, "bucket": bucket_name(bk),
        "series": pts.iter().map(|p| json!({"period": p.period, "a_to_b": p.a_to_b, "b_to_a": p.b_to_a, "goldstein_a_to_b": p.goldstein_a_to_b, "goldstein_b_to_a": p.goldstein_b_to_a})).collect::<Vec<_>>(),
        "events": pts.iter().map(|p| p.a_to_b + p.b_to_a).sum::<i64>(),
        "goldstein_sum": pts.iter().map(|p| p.goldstein_a_to_b + p.goldstein_b_to_a).sum::<f64>(),
    })))
}

fn doc_json(d: &browse::DocumentRow) -> Value {
    json!({"id": d.id, "hash": d.hash, "ext_id": d.ext_id, "date": d.date, "title": d.title, "url": d.url, "outlet": d.outlet, "lang": d.lang, "status": d.status, "events": d.n_events})
}

/// `GET /api/documents`: stored documents, newest first.
pub async fn documents(State(st): State<AppState>, q: Q) -> Answer {
    let p = params(q);
    p.check(&[&["q", "coded", "limit", "offset"]])?;
    let text = p.get("q").unwrap_or("").to_string();
    let coded = p.bool("coded")?;
    let limit = p.int("limit", 1, 1000)?.unwrap_or(50);
    let offset = p.int("offset", 0, 100_000_000)?.unwrap_or(0);
    let mut rows = st.db.read(move |c| Ok(browse::documents(c, &text, coded, limit + 1, offset)?)).await?;
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok(Json(json!({"documents": rows.iter().map(doc_json).collect::<Vec<_>>(), "limit": limit, "offset": offset, "has_more": has_more})))
}

/// The text cut at every span boundary: each piece with the events whose
/// evidence covers it (empty for uncoded text).
fn segments(text: &str, spans: &[browse::CodedSpan]) -> Vec<Value> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, n]);
    for s in spans {
        cuts.insert((s.start.max(0) as usize).min(n));
        cuts.insert((s.end.max(0) as usize).min(n));
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let covering: Vec<&browse::CodedSpan> = spans.iter().filter(|s| (s.start.max(0) as usize) <= a && (s.end.max(0) as usize) >= b).collect();
        let mut seg = Map::new();
        seg.insert("text".into(), json!(chars[a..b].iter().collect::<String>()));
        if !covering.is_empty() {
            seg.insert("events".into(), json!(covering.iter().filter_map(|s| s.event).collect::<BTreeSet<_>>()));
            seg.insert("cameo".into(), json!(covering.iter().map(|s| s.cameo.as_str()).collect::<BTreeSet<_>>()));
            seg.insert("quad_class".into(), json!(covering.iter().filter_map(|s| s.quad_class).min()));
        }
        out.push(Value::Object(seg));
    }
    out
}

/// `GET /api/documents/{id}`: a document (by row id or content hash), its
/// text cut into segments, the coded ones carrying their events.
pub async fn document_one(State(st): State<AppState>, Path(id): Path<String>, q: Q) -> Answer {
    params(q).check(&[])?;
    if id.len() > 128 || id.contains('\0') {
        return Err(ApiError::bad_request("document id: a row id or a content hash (at most 128 characters, no NUL)"));
    }
    let id2 = id.clone();
    let got = st.db.read(move |c| Ok(browse::document(c, &id2)?)).await?;
    let Some(d) = got else { return Err(ApiError::not_found(format!("no document {id:?}"))) };
    let mut v = doc_json(&d.doc);
    if let Some(o) = v.as_object_mut() {
        o.insert("text".into(), json!(d.text));
        o.insert(
            "coded".into(),
            json!(d.spans.iter().map(|s| json!({"mention": s.mention, "event": s.event, "cameo": s.cameo, "cameo_name": cameo_name(&s.cameo), "quad_class": s.quad_class, "sentence": s.sentence, "start": s.start, "end": s.end})).collect::<Vec<_>>()),
        );
        o.insert("segments".into(), json!(segments(&d.text, &d.spans)));
    }
    Ok(Json(v))
}

/// `GET /api/stats`: the figures of `herald stats --db`.
pub async fn stats(State(st): State<AppState>, q: Q) -> Answer {
    params(q).check(&[])?;
    let s = st.db.read(|c| Ok(herald_store::stats::stats(c)?)).await?;
    Ok(Json(s.to_json()))
}

/// `POST /api/code`: code the posted text (plain text, or JSON
/// `{text, date?, title?, url?, outlet?, id?}`); with `store=true` the
/// document and its events are also written to the store.
pub async fn code(State(st): State<AppState>, headers: HeaderMap, q: Q, body: Bytes) -> Answer {
    let p = params(q);
    p.check(&[&["store", "date"]])?;
    let store = p.bool("store")?;
    let is_json = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
    let mut doc = herald_core::Document::default();
    let mut date = p.get("date").map(str::to_string);
    if is_json {
        let v: Value = serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(format!("the body is not JSON: {e}")))?;
        let field = |k: &str| -> Result<Option<String>, ApiError> {
            match v.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ApiError::bad_request(format!("{k}: expected a string"))),
            }
        };
        doc.text = field("text")?.ok_or_else(|| ApiError::bad_request("text: required"))?;
        if let Some(d) = field("date")? {
            date = Some(d);
        }
        doc.title = field("title")?;
        doc.url = field("url")?;
        doc.outlet = field("outlet")?;
        doc.id = field("id")?.unwrap_or_default();
    } else {
        doc.text = String::from_utf8(body.to_vec()).map_err(|e| ApiError::bad_request(format!("the body is not UTF-8 text: {e}")))?;
    }
    if doc.text.trim().is_empty() {
        return Err(ApiError::bad_request("the text is empty"));
    }
    if let Some(d) = date {
        doc.date = Some(herald_core::Date::parse(&d).ok_or_else(|| ApiError::bad_request(format!("date={d:?}: not a date (expected YYYY-MM-DD)")))?);
    }
    let hash = herald_formats::content_hash(&doc.text);
    if doc.id.is_empty() {
        doc.id = format!("api-{}", &hash[..16.min(hash.len())]);
    }
    let pipeline = Arc::clone(&st.pipeline);
    let h2 = hash.clone();
    let rec = tokio::task::spawn_blocking(move || crate::record::doc_record(pipeline.get_or_init(herald_pipeline::Pipeline::new), &h2, "api", &doc))
        .await
        .map_err(|e| ApiError::internal(format!("coding failed: {e}")))?;
    let events: Vec<Value> = rec.mentions.iter().map(|m| serde_json::from_str(&m.json).unwrap_or(Value::Null)).collect();
    let summary = json!({"hash": rec.hash, "id": rec.ext_id, "date": rec.date, "lang": rec.lang, "status": rec.status});
    let mut added = false;
    if store {
        let window = st.window_days;
        let r = st.db.write(move |s| Ok(s.write_batch(std::slice::from_ref(&rec), window)?)).await?;
        added = r.added == 1;
    }
    Ok(Json(json!({"document": summary, "events": events, "stored": store, "added": added})))
}
