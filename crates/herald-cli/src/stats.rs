//! `herald stats`: the distribution of a coded set by CAMEO root, QuadClass
//! and PLOVER type, so that a skewed coder shows at a glance.
//!
//! Reads what `herald code` writes: `--out events` lines (one event each) or
//! `--out docs` lines (a document with its `events`), and gold files of the
//! same shape. Codes are looked up in herald's codebook.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use herald_coder::codebook::Codebook;
use serde_json::{json, Value};

use crate::input::{read_source, Skipped};

/// Counts over one coded set.
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    pub documents: usize,
    pub events: usize,
    pub factual: usize,
    pub by_root: BTreeMap<String, usize>,
    pub by_quad_class: BTreeMap<u8, usize>,
    pub by_plover: BTreeMap<String, usize>,
    pub unknown_codes: BTreeMap<String, usize>,
}

const QUAD_NAMES: [&str; 5] = ["-", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

impl Stats {
    fn add_event(&mut self, e: &Value, codebook: &Codebook) -> Result<(), String> {
        let code = match e.get("cameo") {
            Some(Value::String(c)) => c.clone(),
            Some(Value::Array(a)) => a.first().and_then(Value::as_str).unwrap_or_default().to_string(),
            _ => return Err("an event without a `cameo` code".into()),
        };
        self.events += 1;
        if e.pointer("/modality/factual").and_then(Value::as_bool).unwrap_or(true) {
            self.factual += 1;
        }
        match codebook.get(&code) {
            Some(entry) => {
                *self.by_root.entry(entry.root().to_string()).or_default() += 1;
                *self.by_quad_class.entry(entry.quad_class).or_default() += 1;
                let plover = e.get("plover").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| entry.plover.clone());
                *self.by_plover.entry(plover).or_default() += 1;
            }
            None => *self.unknown_codes.entry(code).or_default() += 1,
        }
        Ok(())
    }

    /// Add one JSONL line: an event, or a document with `events`.
    pub fn add_line(&mut self, line: &str, codebook: &Codebook) -> Result<(), String> {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        match v.get("events") {
            Some(Value::Array(events)) => {
                self.documents += 1;
                for e in events {
                    self.add_event(e, codebook)?;
                }
                Ok(())
            }
            Some(_) => Err("`events` is not a list".into()),
            None => self.add_event(&v, codebook),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "documents": self.documents,
            "events": self.events,
            "factual": self.factual,
            "by_root": self.by_root,
            "by_quad_class": self.by_quad_class.iter().map(|(q, n)| (q.to_string(), *n)).collect::<BTreeMap<_, _>>(),
            "by_plover": self.by_plover,
            "unknown_codes": self.unknown_codes,
        })
    }

    pub fn render(&self, codebook: &Codebook) -> String {
        use std::fmt::Write as _;
        let mut o = String::new();
        let total = self.events.max(1) as f64;
        let bar = |n: usize| "#".repeat(((n as f64 / total) * 40.0).round() as usize);
        let _ = writeln!(o, "documents {}  events {}  (factual {})", self.documents, self.events, self.factual);
        let _ = writeln!(o, "\nby CAMEO root");
        for (root, n) in &self.by_root {
            let name = codebook.get(root).map(|e| e.name.as_str()).unwrap_or("");
            let _ = writeln!(o, "  {root} {name:<34} {n:>7} {:>5.1}% {}", 100.0 * *n as f64 / total, bar(*n));
        }
        let _ = writeln!(o, "\nby QuadClass");
        for (q, n) in &self.by_quad_class {
            let name = QUAD_NAMES.get(*q as usize).copied().unwrap_or("?");
            let _ = writeln!(o, "  {q} {name:<34} {n:>7} {:>5.1}% {}", 100.0 * *n as f64 / total, bar(*n));
        }
        let _ = writeln!(o, "\nby PLOVER type");
        for (p, n) in &self.by_plover {
            let _ = writeln!(o, "  {p:<37} {n:>7} {:>5.1}% {}", 100.0 * *n as f64 / total, bar(*n));
        }
        if !self.unknown_codes.is_empty() {
            let _ = writeln!(o, "\ncodes not in herald's codebook");
            for (c, n) in &self.unknown_codes {
                let _ = writeln!(o, "  {c:<37} {n:>7}");
            }
        }
        o
    }
}

/// Count the events of `files` ("-" = standard input) and print the table or JSON.
pub fn run(files: &[String], json: bool) -> Result<ExitCode> {
    let codebook = Codebook::embedded();
    let mut stats = Stats::default();
    let mut skipped: Vec<Skipped> = Vec::new();
    for f in files {
        let name = if f == "-" { "<stdin>" } else { f.as_str() };
        let bytes = match read_source(f) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skipped { place: name.to_string(), reason: format!("cannot read: {e}") });
                continue;
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if let Err(reason) = stats.add_line(line, codebook) {
                skipped.push(Skipped { place: format!("{name}:{}", i + 1), reason });
            }
        }
    }
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", stats.to_json())?;
    } else {
        write!(out, "{}", stats.render(codebook))?;
    }
    for s in &skipped {
        eprintln!("herald stats: skipped {s}");
    }
    if skipped.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("herald stats: {} line(s) skipped; the rest were counted", skipped.len());
        Ok(ExitCode::from(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_events_and_documents() {
        let cb = Codebook::embedded();
        let cases: &[(&str, usize, usize, &str, u8, &str)] = &[
            // line, documents, events, root, quad class, plover
            (r#"{"cameo":"041","source":["RUS"]}"#, 0, 1, "04", 1, "CONSULT"),
            (r#"{"id":"d","events":[{"cameo":"190"},{"cameo":"190"}]}"#, 1, 2, "19", 4, "ASSAULT"),
            (r#"{"cameo":["0332"],"modality":{"factual":false}}"#, 0, 1, "03", 1, "AGREE"),
        ];
        for &(line, docs, events, root, quad, plover) in cases {
            let mut s = Stats::default();
            s.add_line(line, cb).unwrap();
            assert_eq!((s.documents, s.events), (docs, events), "{line}");
            assert_eq!(s.by_root.get(root), Some(&events), "{line}");
            assert_eq!(s.by_quad_class.get(&quad), Some(&events), "{line}");
            assert_eq!(s.by_plover.keys().next().map(String::as_str), Some(plover), "{line}");
        }
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        let cb = Codebook::embedded();
        for line in ["not json", r#"{"events":3}"#, r#"{"source":"RUS"}"#, "[]", "{}"] {
            assert!(Stats::default().add_line(line, cb).is_err(), "{line}");
        }
    }
}
