//! Queries over the stored events. Every filter is a fixed SQL fragment with
//! a bound parameter: the user's text never becomes SQL.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::Result;

/// What to select. Empty fields do not filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Actor codes: an event matches when its source or target begins with
    /// one of them (`RUS` matches `RUSGOV`).
    pub actors: Vec<String>,
    /// Country codes (3 letters): the source's or target's country, or the place's.
    pub country: Option<String>,
    /// CAMEO code or root: two digits match the root, more a code prefix.
    pub cameo: Option<String>,
    /// PLOVER type (case-insensitive).
    pub plover: Option<String>,
    /// QuadClass 1–4.
    pub quad_class: Option<i64>,
    /// First day (days since 1970-01-01), inclusive.
    pub since_days: Option<i64>,
    /// Last day, inclusive.
    pub until_days: Option<i64>,
    /// Place name (substring, case-insensitive).
    pub place: Option<String>,
    /// Outlet (substring, case-insensitive) of any mention's document.
    pub outlet: Option<String>,
    /// Text (substring, case-insensitive) of any mention's evidence or its document's title.
    pub text: Option<String>,
    /// At least this many distinct sources.
    pub min_sources: Option<i64>,
    /// At least this many distinct claimants (an outlet's own voice is one).
    pub min_claimants: Option<i64>,
    /// Only events carried by a party's own word alone (true), or only others (false).
    pub party_only: Option<bool>,
    /// At most this many events (newest first when set).
    pub limit: Option<i64>,
    /// Skip this many events first (paging; only with `limit`).
    pub offset: Option<i64>,
    /// A search box: an event matches when an actor code begins with it, or
    /// its place, an evidence sentence, an actor phrase or a title contains it.
    pub search: Option<String>,
}

/// One event (a cluster of mentions).
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Event id.
    pub id: i64,
    /// Source code.
    pub source: String,
    /// Target code (empty when none).
    pub target: String,
    /// CAMEO code.
    pub cameo: String,
    /// CAMEO root.
    pub root: String,
    /// PLOVER type.
    pub plover: Option<String>,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// QuadClass.
    pub quad_class: Option<i64>,
    /// Goldstein.
    pub goldstein: Option<f64>,
    /// First date.
    pub date: Option<String>,
    /// Last date among its mentions.
    pub last_date: Option<String>,
    /// Place name.
    pub place_name: Option<String>,
    /// Place country.
    pub place_country: Option<String>,
    /// Place kind.
    pub place_kind: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Mentions.
    pub n_mentions: i64,
    /// Distinct outlets.
    pub n_sources: i64,
    /// Distinct documents.
    pub n_articles: i64,
    /// Distinct claimants.
    pub n_claimants: i64,
    /// Carried only by a party's own word.
    pub party_only: bool,
}

/// One mention with its evidence and document.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow {
    /// Mention id.
    pub id: i64,
    /// Its event.
    pub event: i64,
    /// CAMEO code as coded in this mention.
    pub cameo: String,
    /// Date as coded in this mention.
    pub date: Option<String>,
    /// Sentence index.
    pub sentence: i64,
    /// Evidence span start (characters).
    pub start: i64,
    /// Evidence span end.
    pub end: i64,
    /// Evidence text.
    pub text: String,
    /// Source phrase.
    pub source_text: Option<String>,
    /// Target phrase.
    pub target_text: Option<String>,
    /// Document content hash.
    pub doc_hash: String,
    /// Document id in its input.
    pub doc_id: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub doc_date: Option<String>,
    /// The full event JSON of this mention.
    pub json: String,
}

pub(crate) fn like_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// The `WHERE` clause and its bound values (`e` is the events table).
pub(crate) fn where_clause(f: &Filter) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut vals: Vec<Value> = Vec::new();
    let bind = |v: Value, vals: &mut Vec<Value>| {
        vals.push(v);
        format!("?{}", vals.len())
    };
    if !f.actors.is_empty() {
        let mut ors = Vec::new();
        for a in &f.actors {
            let p = bind(Value::Text(format!("{}%", like_escape(&a.to_uppercase()))), &mut vals);
            ors.push(format!("e.source LIKE {p} ESCAPE '\\' OR e.target LIKE {p} ESCAPE '\\'"));
        }
        conds.push(format!("({})", ors.join(" OR ")));
    }
    if let Some(c) = &f.country {
        let p = bind(Value::Text(c.to_uppercase()), &mut vals);
        conds.push(format!("(substr(e.source, 1, 3) = {p} OR substr(e.target, 1, 3) = {p} OR e.place_country = {p})"));
    }
    if let Some(c) = &f.cameo {
        let c = c.trim();
        if c.len() <= 2 {
            let p = bind(Value::Text(format!("{c:0>2}")), &mut vals);
            conds.push(format!("e.root = {p}"));
        } else {
            let p = bind(Value::Text(format!("{}%", like_escape(c))), &mut vals);
            conds.push(format!("(e.cameo LIKE {p} ESCAPE '\\' OR EXISTS (SELECT 1 FROM mentions m WHERE m.event = e.id AND m.cameo LIKE {p} ESCAPE '\\'))"));
        }
    }
    if let Some(p) = &f.plover {
        let p = bind(Value::Text(p.to_uppercase()), &mut vals);
        conds.push(format!("upper(e.plover) = {p}"));
    }
    if let Some(q) = f.quad_class {
        let p = bind(Value::Integer(q), &mut vals);
        conds.push(format!("e.quad_class = {p}"));
    }
    if let Some(d) = f.since_days {
        let p = bind(Value::Integer(d), &mut vals);
        conds.push(format!("e.date_days >= {p}"));
    }
    if let Some(d) = f.until_days {
        let p = bind(Value::Integer(d), &mut vals);
        conds.push(format!("e.date_days <= {p}"));
    }
    if let Some(pl) = &f.place {
        let p = bind(Value::Text(format!("%{}%", like_escape(pl))), &mut vals);
        conds.push(format!("(e.place_name LIKE {p} ESCAPE '\\' OR EXISTS (SELECT 1 FROM mentions m WHERE m.event = e.id AND m.place_name LIKE {p} ESCAPE '\\'))"));
    }
    if let Some(o) = &f.outlet {
        let p = bind(Value::Text(format!("%{}%", like_escape(o))), &mut vals);
        conds.push(format!("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = e.id AND (d.outlet LIKE {p} ESCAPE '\\' OR d.url LIKE {p} ESCAPE '\\'))"));
    }
    if let Some(t) = &f.text {
        let p = bind(Value::Text(format!("%{}%", like_escape(t))), &mut vals);
        conds.push(format!("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = e.id AND (m.text LIKE {p} ESCAPE '\\' OR d.title LIKE {p} ESCAPE '\\'))"));
    }
    if let Some(q) = f.search.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let code = bind(Value::Text(format!("{}%", like_escape(&q.to_uppercase()))), &mut vals);
        let p = bind(Value::Text(format!("%{}%", like_escape(q))), &mut vals);
        conds.push(format!(
            "(e.source LIKE {code} ESCAPE '\\' OR e.target LIKE {code} ESCAPE '\\' OR e.place_name LIKE {p} ESCAPE '\\'
              OR EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = e.id
                 AND (m.text LIKE {p} ESCAPE '\\' OR m.source_text LIKE {p} ESCAPE '\\' OR m.target_text LIKE {p} ESCAPE '\\'
                      OR m.place_name LIKE {p} ESCAPE '\\' OR d.title LIKE {p} ESCAPE '\\')))"
        ));
    }
    if let Some(n) = f.min_sources {
        let p = bind(Value::Integer(n), &mut vals);
        conds.push(format!("e.n_sources >= {p}"));
    }
    if let Some(n) = f.min_claimants {
        let p = bind(Value::Integer(n), &mut vals);
        conds.push(format!("e.n_claimants >= {p}"));
    }
    if let Some(b) = f.party_only {
        let p = bind(Value::Integer(b as i64), &mut vals);
        conds.push(format!("e.party_only = {p}"));
    }
    let w = if conds.is_empty() { String::new() } else { format!("WHERE {}", conds.join(" AND ")) };
    (w, vals)
}

/// The events matching a filter, oldest first (newest first with a limit).
pub fn events(conn: &Connection, f: &Filter) -> Result<Vec<EventRow>> {
    let (w, mut vals) = where_clause(f);
    let order = if f.limit.is_some() { "ORDER BY e.date_days DESC, e.id DESC" } else { "ORDER BY e.date_days IS NULL, e.date_days, e.id" };
    let limit = match f.limit {
        Some(n) => {
            vals.push(Value::Integer(n));
            let l = format!("LIMIT ?{}", vals.len());
            vals.push(Value::Integer(f.offset.unwrap_or(0).max(0)));
            format!("{l} OFFSET ?{}", vals.len())
        }
        None => String::new(),
    };
    let sql = format!(
        "SELECT e.id, e.source, e.target, e.cameo, e.root, e.plover, e.mode, e.quad_class, e.goldstein, e.date, e.last_date,
                e.place_name, e.place_country, e.place_kind, e.lat, e.lon, e.n_mentions, e.n_sources, e.n_articles,
                e.n_claimants, e.party_only
         FROM events e {w} {order} {limit}"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params_from_iter(vals.iter()), event_row)?;
    rows.collect()
}

/// One row of `SELECT e.id, e.source, ... e.n_articles` (the columns of [`events`]).
pub(crate) fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
            id: r.get(0)?,
            source: r.get(1)?,
            target: r.get(2)?,
            cameo: r.get(3)?,
            root: r.get(4)?,
            plover: r.get(5)?,
            mode: r.get(6)?,
            quad_class: r.get(7)?,
            goldstein: r.get(8)?,
            date: r.get(9)?,
            last_date: r.get(10)?,
            place_name: r.get(11)?,
            place_country: r.get(12)?,
            place_kind: r.get(13)?,
            lat: r.get(14)?,
            lon: r.get(15)?,
            n_mentions: r.get(16)?,
            n_sources: r.get(17)?,
            n_articles: r.get(18)?,
            n_claimants: r.get(19)?,
            party_only: r.get::<_, i64>(20)? != 0,
        })
}

/// The mentions of an event, in the order of their documents' dates.
pub fn mentions(conn: &Connection, event: i64) -> Result<Vec<MentionRow>> {
    let mut st = conn.prepare_cached(
        "SELECT m.id, m.event, m.cameo, m.date, m.sentence, m.start, m.end_, m.text, m.source_text, m.target_text,
                d.hash, d.ext_id, d.outlet, d.url, d.title, d.date, m.json
         FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event = ?1 ORDER BY d.date, d.hash, m.idx",
    )?;
    let rows = st.query_map([event], |r| {
        Ok(MentionRow {
            id: r.get(0)?,
            event: r.get(1)?,
            cameo: r.get(2)?,
            date: r.get(3)?,
            sentence: r.get(4)?,
            start: r.get(5)?,
            end: r.get(6)?,
            text: r.get(7)?,
            source_text: r.get(8)?,
            target_text: r.get(9)?,
            doc_hash: r.get(10)?,
            doc_id: r.get(11)?,
            outlet: r.get(12)?,
            url: r.get(13)?,
            title: r.get(14)?,
            doc_date: r.get(15)?,
            json: r.get(16)?,
        })
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{doc, mention};
    use crate::Store;

    #[test]
    fn filters() {
        let mut s = Store::open_in_memory().unwrap();
        let mut m1 = mention("RUSGOV", "PRKGOV", "041", "2025-08-12", None);
        m1.plover = Some("CONSULT".into());
        m1.quad_class = Some(1);
        m1.text = "Putin called Kim; 100% sure_".into();
        let mut m2 = mention("ISRMIL", "PSE", "190", "2024-03-01", Some("PSE"));
        m2.quad_class = Some(4);
        m2.place_name = Some("Gaza".into());
        s.write_batch(&[doc("a", "Reuters", vec![m1]), doc("b", "Al Jazeera", vec![m2])], 1).unwrap();
        let n = |f: Filter| events(s.conn(), &f).unwrap().len();
        let table: Vec<(Filter, usize)> = vec![
            (Filter::default(), 2),
            (Filter { actors: vec!["RUS".into()], ..Default::default() }, 1),
            (Filter { actors: vec!["prk".into(), "ISR".into()], ..Default::default() }, 2),
            (Filter { country: Some("pse".into()), ..Default::default() }, 1),
            (Filter { cameo: Some("04".into()), ..Default::default() }, 1),
            (Filter { cameo: Some("4".into()), ..Default::default() }, 1),
            (Filter { cameo: Some("041".into()), ..Default::default() }, 1),
            (Filter { cameo: Some("0411".into()), ..Default::default() }, 0),
            (Filter { plover: Some("consult".into()), ..Default::default() }, 1),
            (Filter { quad_class: Some(4), ..Default::default() }, 1),
            (Filter { since_days: herald_core::Date::parse("2025-01-01").map(|d| d.to_days()), ..Default::default() }, 1),
            (Filter { until_days: herald_core::Date::parse("2025-01-01").map(|d| d.to_days()), ..Default::default() }, 1),
            (Filter { place: Some("gaza".into()), ..Default::default() }, 1),
            (Filter { outlet: Some("jazeera".into()), ..Default::default() }, 1),
            (Filter { text: Some("100%".into()), ..Default::default() }, 1),
            (Filter { text: Some("0% sure_".into()), ..Default::default() }, 1),
            (Filter { text: Some("%".into()), ..Default::default() }, 1),
            (Filter { text: Some("'; DROP TABLE events; --".into()), ..Default::default() }, 0),
            (Filter { min_sources: Some(2), ..Default::default() }, 0),
            (Filter { limit: Some(1), ..Default::default() }, 1),
            (Filter { limit: Some(1), offset: Some(1), ..Default::default() }, 1),
            (Filter { limit: Some(5), offset: Some(2), ..Default::default() }, 0),
            (Filter { search: Some("rus".into()), ..Default::default() }, 1),
            (Filter { search: Some("gaza".into()), ..Default::default() }, 1),
            (Filter { search: Some("called kim".into()), ..Default::default() }, 1),
            (Filter { search: Some("' OR 1=1 --".into()), ..Default::default() }, 0),
        ];
        for (f, want) in table {
            assert_eq!(n(f.clone()), want, "{f:?}");
        }
        let e = &events(s.conn(), &Filter { actors: vec!["RUS".into()], ..Default::default() }).unwrap()[0];
        let ms = mentions(s.conn(), e.id).unwrap();
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].outlet.as_deref(), Some("Reuters"));
    }
}
