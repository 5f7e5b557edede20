//! What a store holds: documents (coded, not English, skipped records),
//! events, mentions, sources, the date range, and counts of events by CAMEO
//! root, QuadClass and PLOVER type.

use rusqlite::Connection;
use serde_json::{json, Map, Value};

use crate::Result;

/// A store's figures.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stats {
    /// Documents stored.
    pub documents: i64,
    /// Documents coded (English).
    pub coded: i64,
    /// Documents stored but not coded: not English.
    pub not_english: i64,
    /// Records skipped by ingest runs (unreadable input).
    pub skipped: i64,
    /// Ingest runs.
    pub runs: i64,
    /// Events (clusters).
    pub events: i64,
    /// Mentions.
    pub mentions: i64,
    /// Distinct outlets.
    pub sources: i64,
    /// Events reported by more than one source.
    pub corroborated: i64,
    /// Events reported by one source.
    pub single_source: i64,
    /// Events with more than one claimant.
    pub multi_claimant: i64,
    /// Events carried only by a party's own word.
    pub party_only: i64,
    /// Flags by kind.
    pub by_flag: Vec<(String, i64)>,
    /// First event date.
    pub first_date: Option<String>,
    /// Last event date.
    pub last_date: Option<String>,
    /// Events by CAMEO root.
    pub by_root: Vec<(String, i64)>,
    /// Events by QuadClass.
    pub by_quad_class: Vec<(String, i64)>,
    /// Events by PLOVER type.
    pub by_plover: Vec<(String, i64)>,
    /// Documents by language.
    pub by_language: Vec<(String, i64)>,
}

fn one(conn: &Connection, sql: &str) -> Result<i64> {
    conn.query_row(sql, [], |r| r.get(0))
}

fn groups(conn: &Connection, sql: &str) -> Result<Vec<(String, i64)>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_else(|| "-".into()), r.get(1)?)))?;
    rows.collect()
}

/// Compute the figures.
pub fn stats(conn: &Connection) -> Result<Stats> {
    let (first_date, last_date) = conn.query_row(
        "SELECT (SELECT date FROM events WHERE date_days IS NOT NULL ORDER BY date_days LIMIT 1),
                (SELECT coalesce(last_date, date) FROM events WHERE date_days IS NOT NULL ORDER BY date_days DESC LIMIT 1)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Stats {
        documents: one(conn, "SELECT count(*) FROM documents")?,
        coded: one(conn, "SELECT count(*) FROM documents WHERE status = 'coded'")?,
        not_english: one(conn, "SELECT count(*) FROM documents WHERE status = 'not_english'")?,
        skipped: one(conn, "SELECT coalesce(sum(skipped), 0) FROM ingest_runs")?,
        runs: one(conn, "SELECT count(*) FROM ingest_runs")?,
        events: one(conn, "SELECT count(*) FROM events")?,
        mentions: one(conn, "SELECT count(*) FROM mentions")?,
        sources: one(conn, "SELECT count(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL")?,
        corroborated: one(conn, "SELECT count(*) FROM events WHERE n_sources > 1")?,
        single_source: one(conn, "SELECT count(*) FROM events WHERE n_sources = 1")?,
        multi_claimant: one(conn, "SELECT count(*) FROM events WHERE n_claimants > 1")?,
        party_only: one(conn, "SELECT count(*) FROM events WHERE party_only = 1")?,
        by_flag: groups(conn, "SELECT kind, count(*) FROM flags GROUP BY kind ORDER BY kind")?,
        first_date,
        last_date,
        by_root: groups(conn, "SELECT root, count(*) FROM events GROUP BY root ORDER BY root")?,
        by_quad_class: groups(conn, "SELECT CAST(quad_class AS TEXT), count(*) FROM events GROUP BY quad_class ORDER BY quad_class")?,
        by_plover: groups(conn, "SELECT plover, count(*) FROM events GROUP BY plover ORDER BY count(*) DESC, plover")?,
        by_language: groups(conn, "SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY count(*) DESC, lang")?,
    })
}

impl Stats {
    /// One JSON object; `documents`, `events` and `mentions` are integers at the top.
    pub fn to_json(&self) -> Value {
        let obj = |v: &[(String, i64)]| Value::Object(v.iter().map(|(k, n)| (k.clone(), json!(n))).collect::<Map<_, _>>());
        json!({
            "documents": self.documents,
            "events": self.events,
            "mentions": self.mentions,
            "documents_coded": self.coded,
            "documents_not_english": self.not_english,
            "records_skipped": self.skipped,
            "ingest_runs": self.runs,
            "sources": self.sources,
            "events_corroborated": self.corroborated,
            "events_single_source": self.single_source,
            "events_multi_claimant": self.multi_claimant,
            "events_party_only": self.party_only,
            "flags": obj(&self.by_flag),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "by_cameo_root": obj(&self.by_root),
            "by_quad_class": obj(&self.by_quad_class),
            "by_plover": obj(&self.by_plover),
            "by_language": obj(&self.by_language),
        })
    }

    /// A readable report.
    pub fn render(&self, db: &str) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let _ = writeln!(o, "{db}");
        let _ = writeln!(o, "  documents  {:>8}  (coded {}, not English {}; {} record(s) skipped over {} ingest run(s))", self.documents, self.coded, self.not_english, self.skipped, self.runs);
        let _ = writeln!(o, "  events     {:>8}  (corroborated by 2+ sources {}, single source {})", self.events, self.corroborated, self.single_source);
        let _ = writeln!(o, "  claimants  {:>8}  events with 2+ claimants; {} carried only by a party's own word", self.multi_claimant, self.party_only);
        let _ = writeln!(o, "  mentions   {:>8}", self.mentions);
        let _ = writeln!(o, "  sources    {:>8}", self.sources);
        let _ = writeln!(o, "  dates      {} .. {}", self.first_date.as_deref().unwrap_or("-"), self.last_date.as_deref().unwrap_or("-"));
        for (title, v) in [("CAMEO root", &self.by_root), ("QuadClass", &self.by_quad_class), ("PLOVER type", &self.by_plover), ("language", &self.by_language), ("flag", &self.by_flag)] {
            let _ = writeln!(o, "  by {title}:");
            for (k, n) in v {
                let _ = writeln!(o, "    {k:<12} {n:>8}");
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{doc, mention};
    use crate::Store;

    #[test]
    fn figures() {
        let mut s = Store::open_in_memory().unwrap();
        let mut fr = doc("c", "Le Monde", vec![]);
        fr.status = "not_english".into();
        fr.lang = "fr".into();
        s.write_batch(
            &[
                doc("a", "Reuters", vec![mention("RUSGOV", "PRKGOV", "041", "2025-08-12", None)]),
                doc("b", "AP", vec![mention("RUSGOV", "PRKGOV", "041", "2025-08-12", None), mention("USA", "CHN", "111", "2024-01-02", None)]),
                fr,
            ],
            1,
        )
        .unwrap();
        let st = stats(s.conn()).unwrap();
        assert_eq!((st.documents, st.coded, st.not_english, st.events, st.mentions, st.sources), (3, 2, 1, 2, 3, 3));
        assert_eq!((st.corroborated, st.single_source), (1, 1));
        assert_eq!(st.first_date.as_deref(), Some("2024-01-02"));
        assert_eq!(st.last_date.as_deref(), Some("2025-08-12"));
        assert_eq!(st.by_root, vec![("04".to_string(), 1), ("11".to_string(), 1)]);
        let j = st.to_json();
        for k in ["documents", "events", "mentions"] {
            assert!(j[k].is_i64(), "{k}");
        }
        assert!(st.render("x.db").contains("not English 1"));
    }
}
