//! `herald ingest`: read inputs in any format, code them in parallel, and
//! write documents, mentions and clustered events into the store.
//!
//! Phase 1 reads and parses every input (in parallel over files); documents
//! already stored (by content hash) or repeated within the run are dropped
//! before coding. Phase 2 codes the rest on a rayon pool and hands each
//! document with its events to one writer, which commits them in batches:
//! one transaction holds whole documents with all their mentions and the
//! re-clustered events they touch (see herald-store), so a killed ingest
//! leaves no half-written document, and a re-run completes it.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use herald_core::{Date, Document};
use herald_formats::{content_hash, Format, Skipped};
use herald_pipeline::Pipeline;
use herald_store::{DocRecord, RunCounts, Store};
use rayon::prelude::*;

/// `--in` for ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InFormat {
    /// Detect from the name and the first bytes.
    Auto,
    /// One article per file.
    Text,
    /// One `{id, date, title?, text, url?, outlet?}` per line.
    Jsonl,
    /// HTML pages (main text extracted).
    Html,
    /// RSS or Atom feeds.
    #[value(alias = "rss", alias = "atom")]
    Feed,
    /// WARC or WET files.
    #[value(alias = "wet")]
    Warc,
    /// PETRARCH XML.
    Petrarch,
}

impl InFormat {
    fn format(self) -> Option<Format> {
        match self {
            InFormat::Auto => None,
            InFormat::Text => Some(Format::Text),
            InFormat::Jsonl => Some(Format::Jsonl),
            InFormat::Html => Some(Format::Html),
            InFormat::Feed => Some(Format::Feed),
            InFormat::Warc => Some(Format::Warc),
            InFormat::Petrarch => Some(Format::PetrarchXml),
        }
    }
}

/// Options of `herald ingest`.
pub struct Options {
    pub paths: Vec<String>,
    pub db: String,
    pub format: InFormat,
    pub date: Option<Date>,
    pub window_days: i64,
    pub jobs: Option<usize>,
    pub batch: usize,
}

/// Every file under the given paths (folders recursively, in name order).
fn expand(paths: &[String], skipped: &mut Vec<Skipped>) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>, skipped: &mut Vec<Skipped>) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                skipped.push(Skipped { place: dir.display().to_string(), reason: format!("cannot read folder: {e}") });
                return;
            }
        };
        entries.sort();
        for p in entries {
            let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                walk(&p, out, skipped);
            } else {
                out.push(p.display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p != "-" && Path::new(p).is_dir() {
            walk(Path::new(p), &mut out, skipped);
        } else {
            out.push(p.clone());
        }
    }
    out
}

struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    start: Instant,
    last_log: Instant,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} docs, {msg}, ETA {eta}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        Progress { bar, total, start: Instant::now(), last_log: Instant::now() }
    }

    fn update(&mut self, done: usize, events: usize) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-6);
        let (dps, eps) = (done as f64 / secs, events as f64 / secs);
        match &self.bar {
            Some(b) => {
                b.set_position(done as u64);
                b.set_message(format!("{dps:.0} docs/s, {eps:.0} events/s"));
            }
            None => {
                if self.last_log.elapsed() >= Duration::from_secs(2) || done == self.total {
                    self.last_log = Instant::now();
                    let eta = if dps > 0.0 { (self.total - done) as f64 / dps } else { 0.0 };
                    eprintln!("herald: ingest: {done}/{} documents, {dps:.0} docs/s, {eps:.0} events/s, ETA {eta:.0}s", self.total);
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Run an ingest.
pub fn run(pipeline: &Pipeline, o: &Options) -> Result<ExitCode> {
    let t0 = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(o.jobs.unwrap_or(0)).build().context("starting the thread pool")?;
    let mut store = Store::open(&o.db).with_context(|| format!("opening the store {}", o.db))?;
    // the dedupe window: a change re-clusters what is stored
    let stored_window = store.setting("window_days")?.and_then(|v| v.parse::<i64>().ok());
    if stored_window != Some(o.window_days) {
        if stored_window.is_some() {
            let keys = store.recluster_all(o.window_days)?;
            eprintln!("herald: dedupe window changed from {} to {} day(s): {keys} actor/code group(s) re-clustered", stored_window.unwrap_or(0), o.window_days);
        }
        store.set_setting("window_days", &o.window_days.to_string())?;
    }
    let known = store.known_hashes()?;
    let run_id = store.begin_run(&o.paths.join(" "))?;

    // Phase 1: read and parse, while the tagger and parser load
    let warm = std::thread::spawn(herald_pipeline::warm_up_syntax);
    let mut skipped: Vec<Skipped> = Vec::new();
    let files = expand(&o.paths, &mut skipped);
    let format = o.format.format();
    let date = o.date;
    let loaded: Vec<(String, Vec<Document>, Vec<Skipped>)> = pool.install(|| {
        files
            .par_iter()
            .map(|f| match crate::input::read_source(f) {
                Ok(bytes) => {
                    let (_, r) = herald_formats::read(f, bytes, format, date);
                    (f.clone(), r.docs, r.skipped)
                }
                Err(e) => (f.clone(), vec![], vec![Skipped { place: herald_formats::display_name(f), reason: format!("cannot read: {e}") }]),
            })
            .collect()
    });
    let mut todo: Vec<(String, String, Document)> = Vec::new(); // (hash, file, doc)
    let mut seen: HashSet<String> = HashSet::new();
    let mut duplicates = 0usize;
    let mut read_docs = 0usize;
    for (file, docs, sk) in loaded {
        skipped.extend(sk);
        for d in docs {
            read_docs += 1;
            let h = content_hash(&d.text);
            if known.contains(&h) || !seen.insert(h.clone()) {
                duplicates += 1;
                continue;
            }
            todo.push((h, file.clone(), d));
        }
    }
    for s in &skipped {
        eprintln!("herald: skipped {s}");
    }
    let _ = warm.join();
    let t_read = t0.elapsed();

    // Phase 2: code in parallel, write from this thread
    let total = todo.len();
    let mut progress = Progress::new(total);
    let (tx, rx) = mpsc::sync_channel::<DocRecord>(1024);
    let mut counts = (0usize, 0usize, 0usize, 0usize); // added, duplicates, mentions, not English
    let mut done = 0usize;
    let write_result: Result<()> = std::thread::scope(|scope| {
        let todo = &todo;
        scope.spawn(move || {
            pool.install(|| {
                todo.par_iter().for_each_with(tx, |tx, (hash, file, doc)| {
                    let _ = tx.send(herald_server::record::doc_record(pipeline, hash, file, doc));
                });
            })
        });
        let mut batch: Vec<DocRecord> = Vec::with_capacity(o.batch);
        let mut last_flush = Instant::now();
        let flush = |batch: &mut Vec<DocRecord>, store: &mut Store, counts: &mut (usize, usize, usize, usize)| -> Result<()> {
            if batch.is_empty() {
                return Ok(());
            }
            let r = store.write_batch(batch, o.window_days).context("writing to the store")?;
            counts.0 += r.added;
            counts.1 += r.duplicates;
            counts.2 += r.mentions;
            batch.clear();
            Ok(())
        };
        for rec in rx {
            done += 1;
            if rec.status != "coded" {
                counts.3 += 1;
            }
            batch.push(rec);
            if batch.len() >= o.batch || last_flush.elapsed() >= Duration::from_millis(500) {
                flush(&mut batch, &mut store, &mut counts)?;
                last_flush = Instant::now();
                progress.update(done, counts.2);
            }
        }
        flush(&mut batch, &mut store, &mut counts)?;
        progress.update(done, counts.2);
        Ok(())
    });
    progress.finish();
    write_result?;
    let (added, dup_in_store, mentions, not_english) = counts;
    let duplicates = duplicates + dup_in_store;
    store.finish_run(run_id, RunCounts { documents_added: added, duplicates, skipped: skipped.len() })?;
    let secs = t0.elapsed().as_secs_f64();
    let code_secs = (t0.elapsed() - t_read).as_secs_f64().max(1e-9);
    eprintln!(
        "herald: ingest: {read_docs} document(s) read from {} file(s) in {:.2}s; {added} added ({not_english} not English, stored uncoded), {duplicates} already stored; {mentions} event mention(s); {} record(s) skipped; {:.0} docs/s, {:.0} events/s coding; {:.2}s in all",
        files.len(),
        t_read.as_secs_f64(),
        skipped.len(),
        total as f64 / code_secs,
        mentions as f64 / code_secs,
        secs
    );
    let st = herald_store::stats::stats(store.conn())?;
    eprintln!("herald: {}: {} documents, {} events from {} mentions ({} corroborated)", o.db, st.documents, st.events, st.mentions, st.corroborated);
    Ok(if skipped.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
