//! The questions a dashboard asks of a store: events over time by
//! QuadClass, the actor network, places with counts, actor search and
//! profiles, the dyad between two actors over time, and documents with the
//! spans of their coded sentences.
//!
//! Like [`crate::query`], every value from the user is a bound parameter;
//! the only SQL chosen by the caller is a [`Bucket`], an enum.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::query::{where_clause, Filter};
use crate::Result;

/// A time bucket for series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Calendar day.
    Day,
    /// ISO week (Monday first), named by its Monday.
    Week,
    /// Calendar month, named by its first day.
    Month,
}

impl Bucket {
    /// `day`, `week` or `month`.
    pub fn parse(s: &str) -> Option<Bucket> {
        match s {
            "day" => Some(Bucket::Day),
            "week" => Some(Bucket::Week),
            "month" => Some(Bucket::Month),
            _ => None,
        }
    }

    /// An SQL expression giving the bucket's first day (`YYYY-MM-DD`) from
    /// `{col}` (days since 1970-01-01). 1970-01-01 was a Thursday, so
    /// `(days + 3) % 7` is 0 on Mondays.
    fn sql(self, col: &str) -> String {
        match self {
            Bucket::Day => format!("date({col} * 86400, 'unixepoch')"),
            Bucket::Week => format!("date(({col} - (({col} % 7 + 7 + 3) % 7)) * 86400, 'unixepoch')"),
            Bucket::Month => format!("date({col} * 86400, 'unixepoch', 'start of month')"),
        }
    }
}

/// Events in one period, by QuadClass (index 0 is QuadClass 1).
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePoint {
    /// First day of the period.
    pub period: String,
    /// Events of QuadClass 1..4.
    pub by_quad: [i64; 4],
    /// All events (including those without a QuadClass).
    pub total: i64,
    /// Sum of the events' Goldstein scores.
    pub goldstein_sum: f64,
}

/// Events over time (only dated events), by QuadClass.
pub fn timeline(conn: &Connection, f: &Filter, bucket: Bucket) -> Result<Vec<TimelinePoint>> {
    let (w, vals) = where_clause(f);
    let w = and(&w, "e.date_days IS NOT NULL");
    let sql = format!(
        "SELECT {b} AS p, sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4), count(*), coalesce(sum(e.goldstein), 0)
         FROM events e {w} GROUP BY p ORDER BY p",
        b = bucket.sql("e.date_days")
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(vals.iter()), |r| {
        Ok(TimelinePoint {
            period: r.get(0)?,
            by_quad: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
            total: r.get(5)?,
            goldstein_sum: r.get(6)?,
        })
    })?;
    rows.collect()
}

fn and(w: &str, cond: &str) -> String {
    if w.is_empty() {
        format!("WHERE {cond}")
    } else {
        format!("{w} AND {cond}")
    }
}

/// One directed edge of the actor network.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Source code.
    pub source: String,
    /// Target code.
    pub target: String,
    /// Events.
    pub events: i64,
    /// Mean Goldstein score of its events (None when none has one).
    pub goldstein_mean: Option<f64>,
}

/// The heaviest `limit` source→target edges among the matching events with a target.
pub fn network(conn: &Connection, f: &Filter, limit: i64) -> Result<Vec<Edge>> {
    let (w, mut vals) = where_clause(f);
    let w = and(&w, "e.target <> ''");
    vals.push(Value::Integer(limit));
    let sql = format!(
        "SELECT e.source, e.target, count(*), avg(e.goldstein) FROM events e {w}
         GROUP BY e.source, e.target ORDER BY count(*) DESC, e.source, e.target LIMIT ?{}",
        vals.len()
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(vals.iter()), |r| Ok(Edge { source: r.get(0)?, target: r.get(1)?, events: r.get(2)?, goldstein_mean: r.get(3)? }))?;
    rows.collect()
}

/// A place with its events.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    /// Place name.
    pub name: String,
    /// Country code.
    pub country: Option<String>,
    /// Kind (country, region, city, other).
    pub kind: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Events placed there.
    pub events: i64,
    /// Mean Goldstein score.
    pub goldstein_mean: Option<f64>,
}

/// Places of the matching events, most events first.
pub fn places(conn: &Connection, f: &Filter, limit: i64) -> Result<Vec<PlaceRow>> {
    let (w, mut vals) = where_clause(f);
    let w = and(&w, "e.place_name IS NOT NULL");
    vals.push(Value::Integer(limit));
    let sql = format!(
        "SELECT e.place_name, e.place_country, e.place_kind, avg(e.lat), avg(e.lon), count(*), avg(e.goldstein) FROM events e {w}
         GROUP BY e.place_name, e.place_country ORDER BY count(*) DESC, e.place_name LIMIT ?{}",
        vals.len()
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(vals.iter()), |r| {
        Ok(PlaceRow { name: r.get(0)?, country: r.get(1)?, kind: r.get(2)?, lat: r.get(3)?, lon: r.get(4)?, events: r.get(5)?, goldstein_mean: r.get(6)? })
    })?;
    rows.collect()
}

/// An actor code with how often it appears.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// CAMEO actor code.
    pub code: String,
    /// Events where it is the source or the target.
    pub events: i64,
    /// The phrases the articles used for it, most frequent first (at most 5).
    pub names: Vec<String>,
}

/// Actors whose code begins with `q` (upper-cased) or whose phrases in the
/// articles contain `q`; every actor when `q` is empty. Most events first.
pub fn actors(conn: &Connection, q: &str, limit: i64) -> Result<Vec<ActorRow>> {
    let q = q.trim();
    let code = format!("{}%", crate::query::like_escape(&q.to_uppercase()));
    let phrase = format!("%{}%", crate::query::like_escape(q));
    let mut st = conn.prepare_cached(
        "WITH sides AS (SELECT source AS code FROM events UNION ALL SELECT target FROM events WHERE target <> ''),
              byname AS (SELECT source AS code FROM mentions WHERE ?2 <> '%%' AND source_text LIKE ?2 ESCAPE '\\'
                         UNION SELECT target FROM mentions WHERE ?2 <> '%%' AND target <> '' AND target_text LIKE ?2 ESCAPE '\\')
         SELECT code, count(*) FROM sides WHERE code LIKE ?1 ESCAPE '\\' OR code IN (SELECT code FROM byname)
         GROUP BY code ORDER BY count(*) DESC, code LIMIT ?3",
    )?;
    let rows: Vec<(String, i64)> = st.query_map(rusqlite::params![code, phrase, limit], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_>>()?;
    let codes: Vec<String> = rows.iter().map(|(c, _)| c.clone()).collect();
    let mut names = actor_names_many(conn, &codes, 5)?;
    Ok(rows.into_iter().map(|(code, events)| ActorRow { names: names.remove(&code).unwrap_or_default(), code, events }).collect())
}

/// The phrases used for each of several actors, most frequent first, in one
/// pass over the mentions (the codes are bound as one JSON array).
pub fn actor_names_many(conn: &Connection, codes: &[String], per: usize) -> Result<std::collections::HashMap<String, Vec<String>>> {
    let mut out: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    if codes.is_empty() {
        return Ok(out);
    }
    let list = serde_json::to_string(codes).unwrap_or_else(|_| "[]".into());
    let mut st = conn.prepare_cached(
        "SELECT code, t, count(*) FROM (
            SELECT source AS code, source_text AS t FROM mentions WHERE source IN (SELECT value FROM json_each(?1))
            UNION ALL SELECT target, target_text FROM mentions WHERE target IN (SELECT value FROM json_each(?1)))
         WHERE t IS NOT NULL AND t <> '' GROUP BY code, lower(t) ORDER BY code, count(*) DESC, t",
    )?;
    let rows = st.query_map([list], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (code, t) = row?;
        let v = out.entry(code).or_default();
        if v.len() < per {
            v.push(t);
        }
    }
    Ok(out)
}

/// The phrases used for an actor, most frequent first.
pub fn actor_names(conn: &Connection, code: &str, limit: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT t, count(*) FROM (SELECT source_text AS t FROM mentions WHERE source = ?1 UNION ALL SELECT target_text FROM mentions WHERE target = ?1)
         WHERE t IS NOT NULL AND t <> '' GROUP BY lower(t) ORDER BY count(*) DESC, t LIMIT ?2",
    )?;
    let rows = st.query_map(rusqlite::params![code, limit], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// One counterpart of an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterpart {
    /// The other actor's code.
    pub code: String,
    /// Events from the actor to it.
    pub outgoing: i64,
    /// Events from it to the actor.
    pub incoming: i64,
    /// Mean Goldstein score of all of them.
    pub goldstein_mean: Option<f64>,
}

/// An actor's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorProfile {
    /// The code.
    pub code: String,
    /// Events where it is the source.
    pub as_source: i64,
    /// Events where it is the target.
    pub as_target: i64,
    /// Mean Goldstein score of its events.
    pub goldstein_mean: Option<f64>,
    /// The phrases the articles used for it.
    pub names: Vec<String>,
    /// Its counterparts, most events first.
    pub counterparts: Vec<Counterpart>,
    /// Its events over time.
    pub timeline: Vec<TimelinePoint>,
}

/// The profile of one actor code (exact code), or None when no event has it.
pub fn actor_profile(conn: &Connection, code: &str, bucket: Bucket, counterparts: i64) -> Result<Option<ActorProfile>> {
    let (as_source, as_target, gm): (i64, i64, Option<f64>) = conn.query_row(
        "SELECT (SELECT count(*) FROM events WHERE source = ?1), (SELECT count(*) FROM events WHERE target = ?1),
                (SELECT avg(goldstein) FROM events WHERE source = ?1 OR target = ?1)",
        [code],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if as_source + as_target == 0 {
        return Ok(None);
    }
    let mut st = conn.prepare_cached(
        "SELECT other, sum(dir = 0), sum(dir = 1), avg(g) FROM (
            SELECT target AS other, 0 AS dir, goldstein AS g FROM events WHERE source = ?1 AND target <> ''
            UNION ALL SELECT source, 1, goldstein FROM events WHERE target = ?1)
         GROUP BY other ORDER BY count(*) DESC, other LIMIT ?2",
    )?;
    let cps = st
        .query_map(rusqlite::params![code, counterparts], |r| Ok(Counterpart { code: r.get(0)?, outgoing: r.get(1)?, incoming: r.get(2)?, goldstein_mean: r.get(3)? }))?
        .collect::<Result<Vec<_>>>()?;
    let sql = format!(
        "SELECT {b} AS p, sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4), count(*), coalesce(sum(goldstein), 0)
         FROM events WHERE (source = ?1 OR target = ?1) AND date_days IS NOT NULL GROUP BY p ORDER BY p",
        b = bucket.sql("date_days")
    );
    let mut st = conn.prepare(&sql)?;
    let timeline = st
        .query_map([code], |r| Ok(TimelinePoint { period: r.get(0)?, by_quad: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?], total: r.get(5)?, goldstein_sum: r.get(6)? }))?
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(ActorProfile { code: code.to_string(), as_source, as_target, goldstein_mean: gm, names: actor_names(conn, code, 10)?, counterparts: cps, timeline }))
}

/// One period of a dyad.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DyadPoint {
    /// First day of the period.
    pub period: String,
    /// Events from A to B.
    pub a_to_b: i64,
    /// Events from B to A.
    pub b_to_a: i64,
    /// Sum of the Goldstein scores of A→B events.
    pub goldstein_a_to_b: f64,
    /// Sum of the Goldstein scores of B→A events.
    pub goldstein_b_to_a: f64,
}

/// The events between two actors over time. An actor matches a code it
/// begins (`RUS` takes `RUSGOV`), as in [`Filter::actors`].
pub fn dyad(conn: &Connection, a: &str, b: &str, bucket: Bucket) -> Result<Vec<DyadPoint>> {
    let pa = format!("{}%", crate::query::like_escape(&a.to_uppercase()));
    let pb = format!("{}%", crate::query::like_escape(&b.to_uppercase()));
    let sql = format!(
        "SELECT {bk} AS p,
                sum(source LIKE ?1 ESCAPE '\\' AND target LIKE ?2 ESCAPE '\\'),
                sum(source LIKE ?2 ESCAPE '\\' AND target LIKE ?1 ESCAPE '\\'),
                coalesce(sum(CASE WHEN source LIKE ?1 ESCAPE '\\' AND target LIKE ?2 ESCAPE '\\' THEN goldstein END), 0),
                coalesce(sum(CASE WHEN source LIKE ?2 ESCAPE '\\' AND target LIKE ?1 ESCAPE '\\' THEN goldstein END), 0)
         FROM events
         WHERE date_days IS NOT NULL AND ((source LIKE ?1 ESCAPE '\\' AND target LIKE ?2 ESCAPE '\\') OR (source LIKE ?2 ESCAPE '\\' AND target LIKE ?1 ESCAPE '\\'))
         GROUP BY p ORDER BY p",
        bk = bucket.sql("date_days")
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map([pa, pb], |r| {
        Ok(DyadPoint { period: r.get(0)?, a_to_b: r.get(1)?, b_to_a: r.get(2)?, goldstein_a_to_b: r.get(3)?, goldstein_b_to_a: r.get(4)? })
    })?;
    rows.collect()
}

/// A stored document without its text.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    /// Row id (the `{id}` of the API).
    pub id: i64,
    /// Content hash.
    pub hash: String,
    /// Id in its input.
    pub ext_id: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Language.
    pub lang: String,
    /// `coded` or `not_english`.
    pub status: String,
    /// Events coded in it.
    pub n_events: i64,
}

/// Documents whose title, outlet or id contains `q` (all when empty), newest first.
pub fn documents(conn: &Connection, q: &str, coded_only: bool, limit: i64, offset: i64) -> Result<Vec<DocumentRow>> {
    let p = format!("%{}%", crate::query::like_escape(q.trim()));
    let mut st = conn.prepare_cached(
        "SELECT id, hash, ext_id, date, title, url, outlet, lang, status, n_events FROM documents
         WHERE (?1 = '%%' OR title LIKE ?1 ESCAPE '\\' OR outlet LIKE ?1 ESCAPE '\\' OR ext_id LIKE ?1 ESCAPE '\\')
           AND (?2 = 0 OR n_events > 0)
         ORDER BY date DESC, id DESC LIMIT ?3 OFFSET ?4",
    )?;
    let rows = st.query_map(rusqlite::params![p, coded_only as i64, limit, offset.max(0)], doc_row)?;
    rows.collect()
}

fn doc_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        hash: r.get(1)?,
        ext_id: r.get(2)?,
        date: r.get(3)?,
        title: r.get(4)?,
        url: r.get(5)?,
        outlet: r.get(6)?,
        lang: r.get(7)?,
        status: r.get(8)?,
        n_events: r.get(9)?,
    })
}

/// A coded span of a document: one mention's evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedSpan {
    /// Mention id.
    pub mention: i64,
    /// Its event.
    pub event: Option<i64>,
    /// Its CAMEO code.
    pub cameo: String,
    /// QuadClass.
    pub quad_class: Option<i64>,
    /// Sentence index.
    pub sentence: i64,
    /// Start (characters into the text).
    pub start: i64,
    /// End (characters, exclusive).
    pub end: i64,
    /// The mention's event JSON (as `herald code` prints it).
    pub json: String,
}

/// A document with its text and coded spans.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentFull {
    /// The document.
    pub doc: DocumentRow,
    /// Its text.
    pub text: String,
    /// Its coded spans, in text order.
    pub spans: Vec<CodedSpan>,
}

/// One document by row id or content hash.
pub fn document(conn: &Connection, id_or_hash: &str) -> Result<Option<DocumentFull>> {
    let row: Option<(DocumentRow, String)> = conn
        .query_row(
            "SELECT id, hash, ext_id, date, title, url, outlet, lang, status, n_events, text FROM documents
             WHERE id = ?1 OR hash = ?2",
            rusqlite::params![id_or_hash.parse::<i64>().ok(), id_or_hash],
            |r| Ok((doc_row(r)?, r.get(10)?)),
        )
        .optional()?;
    let Some((doc, text)) = row else { return Ok(None) };
    let mut st = conn.prepare_cached("SELECT id, event, cameo, quad_class, sentence, start, end_, json FROM mentions WHERE doc = ?1 ORDER BY start, idx")?;
    let spans = st
        .query_map([doc.id], |r| {
            Ok(CodedSpan { mention: r.get(0)?, event: r.get(1)?, cameo: r.get(2)?, quad_class: r.get(3)?, sentence: r.get(4)?, start: r.get(5)?, end: r.get(6)?, json: r.get(7)? })
        })?
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(DocumentFull { doc, text, spans }))
}

/// One event by id.
pub fn event(conn: &Connection, id: i64) -> Result<Option<crate::query::EventRow>> {
    let mut st = conn.prepare_cached(
        "SELECT e.id, e.source, e.target, e.cameo, e.root, e.plover, e.mode, e.quad_class, e.goldstein, e.date, e.last_date,
                e.place_name, e.place_country, e.place_kind, e.lat, e.lon, e.n_mentions, e.n_sources, e.n_articles,
                e.n_claimants, e.party_only
         FROM events e WHERE e.id = ?1",
    )?;
    st.query_row([id], crate::query::event_row).optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{doc, mention};
    use crate::Store;

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let mut a = mention("RUSGOV", "PRKGOV", "041", "2025-08-12", None);
        a.quad_class = Some(1);
        a.goldstein = Some(1.0);
        a.source_text = Some("Vladimir Putin".into());
        a.target_text = Some("Kim Jong Un".into());
        let mut b = mention("PRKGOV", "RUSGOV", "072", "2025-08-13", Some("RUS"));
        b.quad_class = Some(2);
        b.goldstein = Some(8.3);
        b.place_name = Some("Kursk".into());
        b.lat = Some(51.7);
        b.lon = Some(36.2);
        let mut c = mention("RUSGOV", "UKR", "190", "2025-09-01", Some("UKR"));
        c.quad_class = Some(4);
        c.goldstein = Some(-10.0);
        c.place_name = Some("Kharkiv".into());
        s.write_batch(&[doc("a", "Reuters", vec![a]), doc("b", "AP", vec![b, c])], 1).unwrap();
        s
    }

    #[test]
    fn timeline_buckets() {
        let s = store();
        let day = timeline(s.conn(), &Filter::default(), Bucket::Day).unwrap();
        assert_eq!(day.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2025-08-12", "2025-08-13", "2025-09-01"]);
        assert_eq!(day[0].by_quad, [1, 0, 0, 0]);
        // 2025-08-12 and 13 are a Tuesday and a Wednesday: the week of Monday 2025-08-11
        let week = timeline(s.conn(), &Filter::default(), Bucket::Week).unwrap();
        assert_eq!(week[0].period, "2025-08-11");
        assert_eq!(week[0].by_quad, [1, 1, 0, 0]);
        assert_eq!(week[1].period, "2025-09-01");
        let month = timeline(s.conn(), &Filter { quad_class: Some(4), ..Default::default() }, Bucket::Month).unwrap();
        assert_eq!(month.len(), 1);
        assert_eq!((month[0].period.as_str(), month[0].total, month[0].goldstein_sum), ("2025-09-01", 1, -10.0));
    }

    #[test]
    fn network_places_actors_dyad() {
        let s = store();
        let net = network(s.conn(), &Filter::default(), 10).unwrap();
        assert_eq!(net.len(), 3);
        let pl = places(s.conn(), &Filter::default(), 10).unwrap();
        assert_eq!(pl.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Kharkiv", "Kursk"]);
        let a = actors(s.conn(), "rus", 10).unwrap();
        assert_eq!(a[0].code, "RUSGOV");
        assert_eq!(a[0].events, 3);
        assert_eq!(a[0].names, ["Vladimir Putin"]);
        // by the phrase the articles used
        let a = actors(s.conn(), "putin", 10).unwrap();
        assert_eq!(a.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["RUSGOV"]);
        assert!(actors(s.conn(), "'; DROP TABLE events; --", 10).unwrap().is_empty());
        assert_eq!(actors(s.conn(), "", 10).unwrap().len(), 3);
        let p = actor_profile(s.conn(), "RUSGOV", Bucket::Month, 10).unwrap().unwrap();
        assert_eq!((p.as_source, p.as_target), (2, 1));
        assert_eq!(p.counterparts[0].code, "PRKGOV");
        assert_eq!((p.counterparts[0].outgoing, p.counterparts[0].incoming), (1, 1));
        assert_eq!(p.timeline.len(), 2);
        assert!(actor_profile(s.conn(), "XXX", Bucket::Month, 10).unwrap().is_none());
        let d = dyad(s.conn(), "RUS", "prk", Bucket::Week).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].a_to_b, d[0].b_to_a, d[0].goldstein_a_to_b, d[0].goldstein_b_to_a), (1, 1, 1.0, 8.3));
    }

    #[test]
    fn documents_and_spans() {
        let s = store();
        let docs = documents(s.conn(), "", false, 10, 0).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(documents(s.conn(), "reut", false, 10, 0).unwrap().len(), 1);
        assert_eq!(documents(s.conn(), "%", false, 10, 0).unwrap().len(), 0);
        let d = document(s.conn(), &docs.iter().find(|d| d.hash == "b").unwrap().id.to_string()).unwrap().unwrap();
        assert_eq!(d.spans.len(), 2);
        assert_eq!(document(s.conn(), "a").unwrap().unwrap().doc.hash, "a");
        assert!(document(s.conn(), "999").unwrap().is_none());
        assert!(document(s.conn(), "1 OR 1=1").unwrap().is_none());
        let e = event(s.conn(), d.spans[0].event.unwrap()).unwrap().unwrap();
        assert!(e.n_mentions >= 1);
        assert!(event(s.conn(), 12345).unwrap().is_none());
    }
}
