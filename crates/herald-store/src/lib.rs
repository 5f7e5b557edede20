//! herald's embedded event store: one SQLite file (rusqlite, bundled).
//!
//! - **Documents** are identified by a content hash ([`DocRecord::hash`]);
//!   writing one that is already stored adds nothing.
//! - **Mentions** are the events the pipeline coded in one document, each
//!   with its evidence (document, sentence, character span, text).
//! - **Events** are clusters of mentions of one real-world event across
//!   documents: same source and target, same CAMEO root, dates within a
//!   window, compatible places ([`cluster`]). Each carries its counts of
//!   mentions, sources (outlets) and articles.
//!
//! [`Store::write_batch`] writes a batch of documents, their mentions and the
//! re-clustered events of every (source, target, root) they touch in **one
//! transaction**: a process killed at any point leaves either all of a
//! document or none of it, and clustering is a function of the stored
//! mentions alone, so a killed and re-run ingest ends where a clean one does.
//!
//! The schema has a version ([`SCHEMA_VERSION`], in `PRAGMA user_version`);
//! [`Store::open`] applies the migrations a file lacks.
//!
//! SQL is parameterised everywhere: no value from the user is ever spliced
//! into SQL text ([`query`] builds its `WHERE` from fixed fragments and binds
//! every value).

pub mod browse;
pub mod cluster;
pub mod export;
#[cfg(feature = "parquet")]
pub mod parquet_out;
pub mod query;
pub mod stats;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

pub use rusqlite::Error;

/// Result of store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

/// Migrations: `MIGRATIONS[i]` takes a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, mentions, events
    r#"
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        ext_id TEXT,
        date TEXT,
        title TEXT,
        url TEXT,
        outlet TEXT,
        lang TEXT NOT NULL,
        status TEXT NOT NULL,
        n_events INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL
    );
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(id),
        idx INTEGER NOT NULL,
        event INTEGER,
        source TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        plover TEXT,
        mode TEXT,
        quad_class INTEGER,
        goldstein REAL,
        date TEXT,
        date_days INTEGER,
        place_name TEXT,
        place_country TEXT,
        place_kind TEXT,
        lat REAL,
        lon REAL,
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end_ INTEGER NOT NULL,
        text TEXT NOT NULL,
        source_text TEXT,
        target_text TEXT,
        json TEXT NOT NULL,
        UNIQUE (doc, idx)
    );
    CREATE INDEX mentions_key ON mentions (source, target, root);
    CREATE INDEX mentions_event ON mentions (event);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        cameo TEXT NOT NULL,
        root TEXT NOT NULL,
        plover TEXT,
        mode TEXT,
        quad_class INTEGER,
        goldstein REAL,
        date TEXT,
        date_days INTEGER,
        last_date TEXT,
        place_name TEXT,
        place_country TEXT,
        place_kind TEXT,
        lat REAL,
        lon REAL,
        n_mentions INTEGER NOT NULL,
        n_sources INTEGER NOT NULL,
        n_articles INTEGER NOT NULL
    );
    CREATE INDEX events_key ON events (source, target, root);
    CREATE INDEX events_date ON events (date_days);
    "#,
    // 2: a log of ingest runs (records skipped, documents added) and settings
    r#"
    CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        inputs TEXT NOT NULL,
        documents_added INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    ALTER TABLE documents ADD COLUMN source_path TEXT;
    "#,
    // 3: who says so: each mention's claimant and attribution verb, each
    // event's distinct claimants, and the documents' flags
    r#"
    ALTER TABLE mentions ADD COLUMN claimant TEXT;
    ALTER TABLE mentions ADD COLUMN claimant_code TEXT;
    ALTER TABLE mentions ADD COLUMN attribution_verb TEXT;
    ALTER TABLE mentions ADD COLUMN party_claim INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE mentions ADD COLUMN claimants TEXT;
    ALTER TABLE mentions ADD COLUMN outlet_voice INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE events ADD COLUMN n_claimants INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE events ADD COLUMN party_only INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE flags (
        id INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end_ INTEGER NOT NULL,
        claim TEXT NOT NULL,
        known TEXT NOT NULL,
        known_source TEXT NOT NULL,
        message TEXT NOT NULL,
        why TEXT NOT NULL
    );
    CREATE INDEX flags_doc ON flags (doc);
    "#,
];

/// An open store.
pub struct Store {
    conn: Connection,
}

/// One document to store, with the events coded in it.
#[derive(Debug, Clone, Default)]
pub struct DocRecord {
    /// Content hash (the identity).
    pub hash: String,
    /// The id the document had in its input.
    pub ext_id: String,
    /// Publication date (YYYY-MM-DD).
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Language code (herald_formats::lang).
    pub lang: String,
    /// `coded` or `not_english`.
    pub status: String,
    /// The text.
    pub text: String,
    /// The file it was read from.
    pub source_path: Option<String>,
    /// The events coded in it.
    pub mentions: Vec<MentionRecord>,
    /// Its flags (herald-claims: conflicts with anchor facts, stated
    /// omissions, disputes within it).
    pub flags: Vec<FlagRecord>,
}

/// One flag on a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlagRecord {
    /// `date_conflict`, `number_conflict`, `disputed`, `account_difference`, `single_source`.
    pub kind: String,
    /// The text flagged.
    pub text: String,
    /// Start character offset.
    pub start: i64,
    /// End character offset, exclusive.
    pub end: i64,
    /// What the text claims.
    pub claim: String,
    /// What is known instead.
    pub known: String,
    /// Where that is known from.
    pub known_source: String,
    /// A short message.
    pub message: String,
    /// The reasoning, as a JSON array of strings.
    pub why: String,
}

/// One coded event in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MentionRecord {
    /// Source actor code.
    pub source: String,
    /// Target actor code, or empty.
    pub target: String,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER type.
    pub plover: Option<String>,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// QuadClass (1–4).
    pub quad_class: Option<i64>,
    /// Goldstein scale.
    pub goldstein: Option<f64>,
    /// Event date as written (`2025-08-12`, `2024-06`).
    pub date: Option<String>,
    /// Days since 1970-01-01 of the date's first day.
    pub date_days: Option<i64>,
    /// Place name.
    pub place_name: Option<String>,
    /// Place country (herald's 3-letter code).
    pub place_country: Option<String>,
    /// Place kind: country, region, city, other.
    pub place_kind: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Sentence index.
    pub sentence: i64,
    /// Evidence span start (characters).
    pub start: i64,
    /// Evidence span end (characters, exclusive).
    pub end: i64,
    /// Evidence text.
    pub text: String,
    /// Source phrase.
    pub source_text: Option<String>,
    /// Target phrase.
    pub target_text: Option<String>,
    /// The full event JSON of `herald code --out events`.
    pub json: String,
    /// Who the text says claims it (a code, or the phrase; the outlet's
    /// own voice is empty).
    pub claimant: Option<String>,
    /// The claimant's actor code.
    pub claimant_code: Option<String>,
    /// report, assessment, allegation or denial.
    pub attribution_verb: Option<String>,
    /// The claimant is a party's state media, or the party itself for force it used.
    pub party_claim: bool,
    /// Every claimant the document gives for it (its accounts), as keys.
    pub claimants: Vec<String>,
    /// The document also tells it in its own voice (or names nobody).
    pub outlet_voice: bool,
}

impl MentionRecord {
    /// CAMEO root: the code's first two digits.
    pub fn root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }
}

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchResult {
    /// Documents newly stored.
    pub added: usize,
    /// Documents already stored (nothing written).
    pub duplicates: usize,
    /// Mentions written.
    pub mentions: usize,
}

/// Counts an ingest run records for itself.
#[derive(Debug, Default, Clone, Copy)]
pub struct RunCounts {
    /// Documents added.
    pub documents_added: usize,
    /// Documents already stored.
    pub duplicates: usize,
    /// Records that could not be read.
    pub skipped: usize,
}

impl Store {
    /// Open (or create) a store and bring its schema up to [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path)?;
        Store::init(conn)
    }

    /// An in-memory store (tests).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: a killed writer leaves the last committed transaction intact
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    }

    fn migrate(&mut self) -> Result<()> {
        let v = self.schema_version()?;
        if v > SCHEMA_VERSION {
            return Err(Error::InvalidParameterName(format!(
                "the database has schema version {v}, newer than this herald's {SCHEMA_VERSION}: use a newer herald"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The underlying connection (read-only uses: queries in tests).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Hashes of every stored document (to skip them before coding).
    pub fn known_hashes(&self) -> Result<HashSet<String>> {
        let mut st = self.conn.prepare("SELECT hash FROM documents")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    }

    /// A setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()
    }

    /// Set a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, value])?;
        Ok(())
    }

    /// Record the start of an ingest run.
    pub fn begin_run(&self, inputs: &str) -> Result<i64> {
        self.conn.execute("INSERT INTO ingest_runs (started, inputs) VALUES (datetime('now'), ?1)", [inputs])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Record the end of an ingest run.
    pub fn finish_run(&self, run: i64, c: RunCounts) -> Result<()> {
        self.conn.execute(
            "UPDATE ingest_runs SET finished = datetime('now'), documents_added = ?2, duplicates = ?3, skipped = ?4 WHERE id = ?1",
            params![run, c.documents_added as i64, c.duplicates as i64, c.skipped as i64],
        )?;
        Ok(())
    }

    /// Write documents and their mentions, and re-cluster the events of every
    /// (source, target, root) they touch, in one transaction. A document
    /// whose hash is already stored is passed over with its mentions.
    pub fn write_batch(&mut self, docs: &[DocRecord], window_days: i64) -> Result<BatchResult> {
        let tx = self.conn.transaction()?;
        let mut res = BatchResult::default();
        let mut touched: BTreeSet<(String, String, String)> = BTreeSet::new();
        {
            let mut ins_doc = tx.prepare_cached(
                "INSERT INTO documents (hash, ext_id, date, title, url, outlet, lang, status, n_events, text, source_path)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (hash) DO NOTHING",
            )?;
            let mut ins_m = tx.prepare_cached(
                "INSERT INTO mentions (doc, idx, source, target, cameo, root, plover, mode, quad_class, goldstein, date, date_days,
                   place_name, place_country, place_kind, lat, lon, sentence, start, end_, text, source_text, target_text, json,
                   claimant, claimant_code, attribution_verb, party_claim, claimants, outlet_voice)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
            )?;
            let mut ins_f = tx.prepare_cached(
                "INSERT INTO flags (doc, kind, text, start, end_, claim, known, known_source, message, why)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for d in docs {
                let n = ins_doc.execute(params![
                    d.hash,
                    d.ext_id,
                    d.date,
                    d.title,
                    d.url,
                    d.outlet,
                    d.lang,
                    d.status,
                    d.mentions.len() as i64,
                    d.text,
                    d.source_path
                ])?;
                if n == 0 {
                    res.duplicates += 1;
                    continue;
                }
                res.added += 1;
                let doc_id = tx.last_insert_rowid();
                for (i, m) in d.mentions.iter().enumerate() {
                    ins_m.execute(params![
                        doc_id,
                        i as i64,
                        m.source,
                        m.target,
                        m.cameo,
                        m.root(),
                        m.plover,
                        m.mode,
                        m.quad_class,
                        m.goldstein,
                        m.date,
                        m.date_days,
                        m.place_name,
                        m.place_country,
                        m.place_kind,
                        m.lat,
                        m.lon,
                        m.sentence,
                        m.start,
                        m.end,
                        m.text,
                        m.source_text,
                        m.target_text,
                        m.json,
                        m.claimant,
                        m.claimant_code,
                        m.attribution_verb,
                        m.party_claim as i64,
                        (!m.claimants.is_empty()).then(|| m.claimants.join("|")),
                        (m.outlet_voice || m.claimants.is_empty()) as i64
                    ])?;
                    res.mentions += 1;
                    touched.insert((m.source.clone(), m.target.clone(), m.root().to_string()));
                }
                for f in &d.flags {
                    ins_f.execute(params![doc_id, f.kind, f.text, f.start, f.end, f.claim, f.known, f.known_source, f.message, f.why])?;
                }
            }
        }
        for key in &touched {
            cluster::recluster_key(&tx, key, window_days)?;
        }
        tx.commit()?;
        Ok(res)
    }

    /// Re-cluster every event (after a change of window).
    pub fn recluster_all(&mut self, window_days: i64) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let keys: Vec<(String, String, String)> = {
            let mut st = tx.prepare("SELECT DISTINCT source, target, root FROM mentions")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<Result<_>>()?
        };
        for key in &keys {
            cluster::recluster_key(&tx, key, window_days)?;
        }
        tx.commit()?;
        Ok(keys.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn mention(source: &str, target: &str, cameo: &str, date: &str, country: Option<&str>) -> MentionRecord {
        let d = herald_core::Date::parse(date);
        MentionRecord {
            source: source.into(),
            target: target.into(),
            cameo: cameo.into(),
            date: Some(date.into()),
            date_days: d.map(|d| d.to_days()),
            place_country: country.map(str::to_string),
            place_name: country.map(|c| format!("somewhere in {c}")),
            text: format!("{source} {cameo} {target}."),
            end: 10,
            json: "{}".into(),
            ..Default::default()
        }
    }

    pub(crate) fn doc(hash: &str, outlet: &str, mentions: Vec<MentionRecord>) -> DocRecord {
        DocRecord { hash: hash.into(), ext_id: hash.into(), outlet: Some(outlet.into()), lang: "en".into(), status: "coded".into(), text: format!("text {hash}"), mentions, ..Default::default() }
    }

    fn count(s: &Store, table: &str) -> i64 {
        s.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn idempotent_writes_and_clusters() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        let batch = vec![
            doc("a", "Reuters", vec![mention("RUSGOV", "PRKGOV", "041", "2025-08-12", None), mention("RUSGOV", "UKR", "190", "2025-08-12", Some("UKR"))]),
            doc("b", "AP", vec![mention("RUSGOV", "PRKGOV", "040", "2025-08-13", None)]),
            // same key, a week later: another event
            doc("c", "AP", vec![mention("RUSGOV", "PRKGOV", "042", "2025-08-20", None)]),
            // same key and day, another country: another event
            doc("d", "BBC", vec![mention("RUSGOV", "UKR", "190", "2025-08-12", Some("POL"))]),
        ];
        let r = s.write_batch(&batch, 1).unwrap();
        assert_eq!(r, BatchResult { added: 4, duplicates: 0, mentions: 5 });
        assert_eq!(count(&s, "events"), 4);
        let (n, src, art): (i64, i64, i64) = s
            .conn
            .query_row("SELECT n_mentions, n_sources, n_articles FROM events WHERE root = '04' ORDER BY date_days LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        assert_eq!((n, src, art), (2, 2, 2));
        // again: nothing added
        let r = s.write_batch(&batch, 1).unwrap();
        assert_eq!(r, BatchResult { added: 0, duplicates: 4, mentions: 0 });
        assert_eq!(count(&s, "events"), 4);
        assert_eq!(count(&s, "mentions"), 5);
        // order does not matter: the same documents written in another order cluster the same
        let mut t = Store::open_in_memory().unwrap();
        for d in batch.iter().rev() {
            t.write_batch(std::slice::from_ref(d), 1).unwrap();
        }
        let sig = |s: &Store| -> Vec<(String, i64, i64)> {
            let mut st = s.conn.prepare("SELECT source || target || root || coalesce(date, ''), n_mentions, n_sources FROM events ORDER BY 1, 2").unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|x| x.unwrap()).collect()
        };
        assert_eq!(sig(&s), sig(&t));
        // a wider window merges the week-later mention
        s.recluster_all(10).unwrap();
        assert_eq!(count(&s, "events"), 3);
    }

    #[test]
    fn claimants_and_flags() {
        let mut s = Store::open_in_memory().unwrap();
        let said = |claimant: Option<&str>, verb: &str, party: bool| {
            let mut m = mention("PRK", "JPN", "195", "2025-08-12", None);
            m.claimant = claimant.map(str::to_string);
            m.claimants = claimant.map(str::to_string).into_iter().collect();
            m.outlet_voice = claimant.is_none();
            m.claimant_code = claimant.map(str::to_string);
            m.attribution_verb = Some(verb.into());
            m.party_claim = party;
            m
        };
        let mut a = doc("a", "Wire A", vec![said(Some("PRKMED"), "report", true)]);
        a.flags.push(FlagRecord { kind: "date_conflict".into(), text: "June 2019".into(), start: 3, end: 12, claim: "c".into(), known: "2018-06-12".into(), known_source: "ref".into(), message: "m".into(), why: "[]".into() });
        s.write_batch(&[a], 1).unwrap();
        let ev = |s: &Store| -> (i64, i64) { s.conn.query_row("SELECT n_claimants, party_only FROM events", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap() };
        assert_eq!(ev(&s), (1, 1));
        assert_eq!(count(&s, "flags"), 1);
        // a second outlet repeating KCNA adds no claimant; the party is still the only word
        s.write_batch(&[doc("b", "Wire B", vec![said(Some("PRKMED"), "report", true)])], 1).unwrap();
        assert_eq!(ev(&s), (1, 1));
        // Japan's defence ministry corroborates
        s.write_batch(&[doc("c", "Wire C", vec![said(Some("JPNMIL"), "report", false)])], 1).unwrap();
        assert_eq!(ev(&s), (2, 0));
        let f = |min: i64, party: Option<bool>| query::events(&s.conn, &query::Filter { min_claimants: Some(min), party_only: party, ..Default::default() }).unwrap().len();
        assert_eq!((f(2, None), f(3, None), f(1, Some(true)), f(1, Some(false))), (1, 0, 0, 1));
    }

    #[test]
    fn opens_a_version_1_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            // the schema as herald wrote it at version 1, written by hand
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE documents (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, ext_id TEXT, date TEXT, title TEXT, url TEXT, outlet TEXT,
                   lang TEXT NOT NULL, status TEXT NOT NULL, n_events INTEGER NOT NULL DEFAULT 0, text TEXT NOT NULL);
                 CREATE TABLE mentions (id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL, event INTEGER,
                   source TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', cameo TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, mode TEXT,
                   quad_class INTEGER, goldstein REAL, date TEXT, date_days INTEGER, place_name TEXT, place_country TEXT, place_kind TEXT,
                   lat REAL, lon REAL, sentence INTEGER NOT NULL, start INTEGER NOT NULL, end_ INTEGER NOT NULL, text TEXT NOT NULL,
                   source_text TEXT, target_text TEXT, json TEXT NOT NULL, UNIQUE (doc, idx));
                 CREATE INDEX mentions_key ON mentions (source, target, root);
                 CREATE INDEX mentions_event ON mentions (event);
                 CREATE TABLE events (id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, cameo TEXT NOT NULL, root TEXT NOT NULL,
                   plover TEXT, mode TEXT, quad_class INTEGER, goldstein REAL, date TEXT, date_days INTEGER, last_date TEXT, place_name TEXT,
                   place_country TEXT, place_kind TEXT, lat REAL, lon REAL, n_mentions INTEGER NOT NULL, n_sources INTEGER NOT NULL, n_articles INTEGER NOT NULL);
                 INSERT INTO documents (hash, ext_id, date, lang, status, n_events, text) VALUES ('h1', 'old-1', '2025-08-13', 'en', 'coded', 1, 'Old text.');
                 INSERT INTO mentions (doc, idx, event, source, target, cameo, root, date, date_days, sentence, start, end_, text, json)
                   VALUES (1, 0, 1, 'RUSGOV', 'PRKGOV', '041', '04', '2025-08-12', 20312, 0, 0, 9, 'Old text.', '{}');
                 INSERT INTO events (id, source, target, cameo, root, date, date_days, n_mentions, n_sources, n_articles)
                   VALUES (1, 'RUSGOV', 'PRKGOV', '041', '04', '2025-08-12', 20312, 1, 1, 1);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(count(&s, "documents"), 1);
        assert_eq!(count(&s, "flags"), 0);
        assert!(s.known_hashes().unwrap().contains("h1"));
        // the old document clusters with a new one
        s.write_batch(&[doc("h2", "AP", vec![mention("RUSGOV", "PRKGOV", "041", "2025-08-13", None)])], 1).unwrap();
        assert_eq!(count(&s, "events"), 1);
        let n: i64 = s.conn.query_row("SELECT n_mentions FROM events", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
        // the old mention (no claimant recorded) counts as its outlet's own voice
        let c: i64 = s.conn.query_row("SELECT n_claimants FROM events", [], |r| r.get(0)).unwrap();
        assert_eq!(c, 2);
        let run = s.begin_run("x").unwrap();
        s.finish_run(run, RunCounts { documents_added: 1, duplicates: 0, skipped: 2 }).unwrap();
        // a newer file than this herald knows is refused
        s.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(s);
        assert!(Store::open(&path).is_err());
    }
}
