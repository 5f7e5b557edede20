//! `herald bench`: code every document of the given corpora several times on
//! one thread; report the median sentences/s and the peak resident memory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
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

/// Time this thread has spent on a CPU, in seconds (Linux): on a shared
/// machine wall time also counts the time spent waiting for one.
fn cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Time `bin code --in jsonl --out events FILES` as a child process.
fn time_child(bin: &Path, files: &[PathBuf]) -> Result<f64> {
    let t = Instant::now();
    let status = std::process::Command::new(bin)
        .args(["code", "--in", "jsonl", "--out", "events"])
        .args(files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("running {}", bin.display()))?;
    if status.code().is_none_or(|c| c > 1) {
        anyhow::bail!("{} exited with {status}", bin.display());
    }
    Ok(t.elapsed().as_secs_f64())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Old and new in the same run: both binaries code the same JSONL files,
/// alternately, `runs` times each; medians and the ratio are printed.
fn compare(other: &Path, files: &[PathBuf], sentences: usize, runs: usize) -> Result<()> {
    let this = std::env::current_exe()?;
    let jsonl: Vec<PathBuf> = files.iter().filter(|f| f.extension().is_some_and(|e| e == "jsonl")).cloned().collect();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(time_child(&this, &jsonl)?);
        b.push(time_child(other, &jsonl)?);
    }
    let (ma, mb) = (median(a), median(b));
    println!("compare (whole process, {} JSONL files, {runs} alternating runs each):", jsonl.len());
    println!("  this  {}: median {:.3} s, {:.0} sentences/s", this.display(), ma, sentences as f64 / ma);
    println!("  other {}: median {:.3} s, {:.0} sentences/s", other.display(), mb, sentences as f64 / mb);
    println!("  this is {:.2}x the speed of other", mb / ma);
    Ok(())
}

pub fn run(paths: &[String], runs: usize, other: Option<&Path>) -> Result<ExitCode> {
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
    // runs alternate between the full pipeline and the one without the
    // dependency parse, so the two are compared under the same load
    let fast = Pipeline::new().with_syntax(false);
    // one timed pass over the corpus: (seconds, CPU seconds, events in the default output)
    let pass = |p: &Pipeline| {
        let (t, c) = (Instant::now(), cpu_secs());
        let n: usize = docs.iter().map(|d| p.process(d).events().count()).sum();
        (t.elapsed().as_secs_f64(), c.zip(cpu_secs()).map(|(a, b)| b - a), n)
    };
    let mut times = Vec::with_capacity(runs);
    let mut times_fast = Vec::with_capacity(runs);
    let (mut cpu, mut cpu_fast) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let mut events = 0usize;
    let mut events_fast = 0usize;
    for _ in 0..runs {
        let (t, c, n) = pass(&pipeline);
        times.push(t);
        cpu.extend(c);
        events = n;
        let (t, c, n) = pass(&fast);
        times_fast.push(t);
        cpu_fast.extend(c);
        events_fast = n;
    }
    times.sort_by(f64::total_cmp);
    let median_fast = median(times_fast.clone());
    let median = median(times.clone());
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
    println!(
        "without the parse (--no-parse), same runs alternating: median {:.3} s, {:.0} sentences/s, {events_fast} events",
        median_fast,
        sentences as f64 / median_fast
    );
    if cpu.len() == runs && cpu_fast.len() == runs && runs > 0 {
        let (c, cf) = (self::median(cpu), self::median(cpu_fast));
        println!(
            "time on a CPU (median; wall time less the waits for one, on a busy machine): {c:.3} s, {:.0} sentences/s; without the parse {cf:.3} s, {:.0} sentences/s",
            sentences as f64 / c,
            sentences as f64 / cf
        );
    }
    match peak_rss_kib() {
        Some(k) => println!("peak RSS: {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak RSS: unknown on this platform"),
    }
    if let Some(other) = other {
        compare(other, &files, sentences, runs)?;
    }
    Ok(ExitCode::SUCCESS)
}
