//! Run the tagger over a gold JSONL file and print predictions in the gold format.
//!
//! `cargo run --release -p herald-time --example timex_eval -- GOLD.jsonl > pred.jsonl`
//! With `--bench`, prints throughput instead (sentences ≈ lines split on ". ").
use herald_core::Date;
use herald_time::TimeTagger;
use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.iter().find(|a| !a.starts_with("--")).expect("usage: timex_eval GOLD.jsonl [--bench]");
    let bench = args.iter().any(|a| a == "--bench");
    let f = std::io::BufReader::new(std::fs::File::open(path).expect("open gold"));
    let mut docs: Vec<(String, Option<Date>, String)> = Vec::new();
    for line in f.lines() {
        let line = line.expect("read");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let id = v["id"].as_str().unwrap_or("").to_string();
        let date = v["date"].as_str().and_then(Date::parse);
        let text = v["text"].as_str().unwrap_or("").to_string();
        docs.push((id, date, text));
    }
    let tagger = TimeTagger::new();
    if bench {
        let sentences: usize = docs.iter().map(|d| d.2.matches(". ").count() + d.2.matches('\n').count() + 1).sum();
        let bytes: usize = docs.iter().map(|d| d.2.len()).sum();
        let rounds = 50;
        let t0 = std::time::Instant::now();
        let mut n = 0usize;
        for _ in 0..rounds {
            for (_, date, text) in &docs {
                n += tagger.tag(text, *date).len();
            }
        }
        let s = t0.elapsed().as_secs_f64();
        println!(
            "{} docs x{rounds}: {:.0} sentences/s, {:.1} MB/s ({} timexes/round)",
            docs.len(),
            (sentences * rounds) as f64 / s,
            (bytes * rounds) as f64 / s / 1e6,
            n / rounds
        );
        return;
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    for (id, date, text) in &docs {
        let tx: Vec<serde_json::Value> = tagger
            .tag(text, *date)
            .into_iter()
            .map(|t| {
                serde_json::json!({"text": t.text, "start": t.start, "end": t.end, "type": t.kind.as_str(), "value": t.value})
            })
            .collect();
        writeln!(out, "{}", serde_json::json!({"id": id, "timex": tx})).expect("write");
    }
}
