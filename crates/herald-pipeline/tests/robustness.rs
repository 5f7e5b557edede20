//! Nothing panics on user data: every development text, and a deterministic
//! stream of truncated, shuffled and garbled variants of news sentences.

use std::path::Path;

use herald_core::{Date, Document};
use herald_pipeline::Pipeline;

const SEEDS: &[&str] = &[
    "Russian president Vladimir Putin held a phone call with North Korean leader Kim Jong Un to “reaffirm” their close relationship ahead of his summit with Donald Trump in Alaska on Friday.",
    "MOSCOW (Reuters) - Mr. Putin and Gen. Smith of the U.S. met on Tuesday, according to the U.N.; they didn't sign the treaty.",
    "North Korea had sent around 15,000 troops to fight in Ukraine and supplied artillery, ballistic missiles and US$ 6 billion — in support of Putin’s war efforts.",
    "The two leaders \"reaffirmed their commitment\" ... the Kremlin said in a statement.\n\nOn 12/03/2025, Iran will host talks with the IAEA next week.",
];

/// A tiny deterministic generator (xorshift), so the test needs no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn variants() -> Vec<String> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for seed in SEEDS {
        let chars: Vec<char> = seed.chars().collect();
        // every prefix and suffix cut at a few hundred places
        for _ in 0..150 {
            let a = rng.below(chars.len());
            let b = a + rng.below(chars.len() - a + 1);
            out.push(chars[a..b].iter().collect());
        }
        // shuffled words
        let words: Vec<&str> = seed.split_whitespace().collect();
        for _ in 0..100 {
            let mut w = words.clone();
            for i in (1..w.len()).rev() {
                w.swap(i, rng.below(i + 1));
            }
            out.push(w.join(" "));
        }
        // characters replaced by punctuation, quotes, digits and non-Latin letters
        let noise = ['.', ',', '"', '“', '’', '\'', '-', '(', ')', '$', '0', '9', 'É', 'ж', '中', '\n', ' ', 'A'];
        for _ in 0..100 {
            let mut c = chars.clone();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(c.len());
                c[i] = noise[rng.below(noise.len())];
            }
            out.push(c.into_iter().collect());
        }
    }
    out.extend(["", " ", "\n\n\n", ".", "“", "the two", "Mr.", "U.S.", "to", "and and and", "’s", "US$"].map(String::from));
    out
}

#[test]
fn garbled_text_never_panics() {
    let p = Pipeline::new();
    for (i, text) in variants().into_iter().enumerate() {
        let doc = Document { id: format!("v{i}"), date: Date::parse("2025-08-13"), text, ..Default::default() };
        let out = p.process(&doc);
        for e in &out.coded.events {
            assert!(e.start <= e.end && e.end <= doc.text.chars().count(), "evidence span out of range in {:?}", doc.text);
        }
    }
}

#[test]
fn every_development_text_codes_without_panic() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    let Ok(dir) = std::fs::read_dir(&gold) else {
        eprintln!("skipping: ../shared not found");
        return;
    };
    let p = Pipeline::new();
    let mut docs = 0;
    for entry in dir.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let doc = Document {
                id: v["id"].as_str().unwrap_or_default().to_string(),
                date: v["date"].as_str().and_then(Date::parse),
                text: v["text"].as_str().unwrap_or_default().to_string(),
                ..Default::default()
            };
            let _ = herald_pipeline::output::doc_json(&p.process(&doc), true);
            docs += 1;
        }
    }
    assert!(docs > 2000, "read {docs} documents");
}
