//! How many sentences and words the coder sends to the tagger and to the
//! parser, over JSONL files.
use std::sync::atomic::{AtomicUsize, Ordering};
use herald_core::{Analyzer, Document, Parse};
struct Counting(AtomicUsize, AtomicUsize, AtomicUsize, AtomicUsize);
impl Analyzer for Counting {
    fn analyze(&self, words: &[&str]) -> Parse {
        let upos = self.tag(words);
        self.parse_tagged(words, upos)
    }
    fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        self.0.fetch_add(1, Ordering::Relaxed);
        self.1.fetch_add(words.len(), Ordering::Relaxed);
        herald_pipeline::EwtSyntax.tag(words)
    }
    fn parse_tagged(&self, words: &[&str], upos: Vec<&'static str>) -> Parse {
        self.2.fetch_add(1, Ordering::Relaxed);
        self.3.fetch_add(words.len(), Ordering::Relaxed);
        herald_pipeline::EwtSyntax.parse_tagged(words, upos)
    }
}
static C: Counting = Counting(AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
fn main() {
    let p = herald_pipeline::Pipeline::new().with_analyzer(&C);
    let (mut sents, mut words) = (0, 0);
    for f in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            let v: serde_json::Value = match serde_json::from_str(line) { Ok(v) => v, Err(_) => continue };
            let text = v["text"].as_str().unwrap_or("").to_string();
            let a = herald_text::analyze(&text);
            sents += a.sentences.len();
            words += a.tokens.len();
            let doc = Document { id: "x".into(), date: herald_core::Date::parse(v["date"].as_str().unwrap_or("")), text, ..Default::default() };
            p.process(&doc);
        }
    }
    let n = |c: &AtomicUsize| c.load(Ordering::Relaxed);
    println!("sentences {sents} tagged {} parsed {} ; words {words} tagged {} parsed {}", n(&C.0), n(&C.2), n(&C.1), n(&C.3));
}
