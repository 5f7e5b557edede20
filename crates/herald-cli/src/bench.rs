//! `herald bench`: code every document of the given corpora several times on
//! one thread; report the median sentences/s and the peak resident memory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use herald_pipeline::Pipeline;

use crate::input::Format;

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "txt")) {
        out.push(path.to_path_buf());
    }
}

/// Peak resident set size of this process in KiB (Linux), if known.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(paths: &[String], runs: usize) -> Result<ExitCode> {
    let default = ["../shared/gold".to_string()];
    let paths: &[String] = if paths.is_empty() { &default } else { paths };
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !path.exists() {
            eprintln!("herald bench: skipping {p}: not found (the dev corpora live in ../shared, beside the project)");
            continue;
        }
        collect(path, &mut files);
    }
    if files.is_empty() {
        eprintln!("herald bench: nothing to measure");
        return Ok(ExitCode::SUCCESS);
    }
    let mut docs = Vec::new();
    for f in &files {
        let name = f.to_string_lossy().into_owned();
        let format = if name.ends_with(".jsonl") { Format::Jsonl } else { Format::Text };
        let (d, skipped) = crate::load(&[name], None, format);
        for s in skipped {
            eprintln!("herald bench: skipped {s}");
        }
        docs.extend(d);
    }
    let t0 = Instant::now();
    let pipeline = Pipeline::new();
    let startup = t0.elapsed();
    let sentences: usize = docs.iter().map(|d| herald_text::analyze(&d.text).sentences.len()).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut times = Vec::with_capacity(runs);
    let mut events = 0usize;
    for _ in 0..runs {
        let t = Instant::now();
        let mut n = 0usize;
        for d in &docs {
            n += pipeline.process(d).events().count();
        }
        times.push(t.elapsed().as_secs_f64());
        events = n;
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("corpus: {} files, {} documents, {} sentences, {:.1} MB", files.len(), docs.len(), sentences, bytes as f64 / 1e6);
    println!("start-up (tables): {:.1} ms", startup.as_secs_f64() * 1e3);
    println!(
        "runs: {runs}; median {:.3} s (min {:.3}, max {:.3})",
        median,
        times[0],
        times[times.len() - 1]
    );
    println!("throughput: {:.0} sentences/s, {:.0} documents/s, {:.2} MB/s (one thread, median run)", sentences as f64 / median, docs.len() as f64 / median, bytes as f64 / 1e6 / median);
    println!("events per run: {events}");
    match peak_rss_kib() {
        Some(k) => println!("peak RSS: {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak RSS: unknown on this platform"),
    }
    Ok(ExitCode::SUCCESS)
}
