//! Time the tagger and parser alone on exactly the sentences the coder sends them.
use std::sync::Mutex;
use herald_core::{Analyzer, Document, Parse};
struct Rec(Mutex<Vec<(Vec<String>, bool)>>);
impl Analyzer for Rec {
    fn analyze(&self, words: &[&str]) -> Parse { let u = self.tag(words); self.parse_tagged(words, u) }
    fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        self.0.lock().unwrap().push((words.iter().map(|w| w.to_string()).collect(), false));
        herald_pipeline::EwtSyntax.tag(words)
    }
    fn parse_tagged(&self, words: &[&str], upos: Vec<&'static str>) -> Parse {
        self.0.lock().unwrap().last_mut().unwrap().1 = true;
        herald_pipeline::EwtSyntax.parse_tagged(words, upos)
    }
}
static R: Rec = Rec(Mutex::new(Vec::new()));
fn main() {
    let p = herald_pipeline::Pipeline::new().with_analyzer(&R);
    let mut n = 0;
    for f in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            let v: serde_json::Value = match serde_json::from_str(line) { Ok(v) => v, Err(_) => continue };
            let text = v["text"].as_str().unwrap_or("").to_string();
            n += herald_text::analyze(&text).sentences.len();
            let doc = Document { id: "x".into(), date: herald_core::Date::parse(v["date"].as_str().unwrap_or("")), text, ..Default::default() };
            p.process(&doc);
        }
    }
    let sents = R.0.lock().unwrap().clone();
    let words: usize = sents.iter().map(|s| s.0.len()).sum();
    let mut ts = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let (mut tt, mut tp) = (0.0, 0.0);
        for (w, parse) in &sents {
            let w: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
            let a = std::time::Instant::now();
            let u = herald_pipeline::EwtSyntax.tag(&w);
            tt += a.elapsed().as_secs_f64();
            if *parse { let a = std::time::Instant::now(); std::hint::black_box(herald_pipeline::EwtSyntax.parse_tagged(&w, u)); tp += a.elapsed().as_secs_f64(); }
        }
        ts.push((t.elapsed().as_secs_f64(), tt, tp));
    }
    ts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let m = ts[2];
    println!(
        "{n} sentences; {} tagged ({words} words), {} parsed; tag+parse alone: median {:.3} s (tag {:.3}, parse {:.3}), min {:.3} s; {:.0} words/s",
        sents.len(),
        sents.iter().filter(|s| s.1).count(),
        m.0,
        m.1,
        m.2,
        ts[0].0,
        words as f64 / m.0
    );
}
