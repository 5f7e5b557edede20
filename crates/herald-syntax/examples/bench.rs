//! Speed of the embedded models on a CoNLL-U file, the way `herald parse`
//! uses them (`Tagger::tag` then `Parser::parse` per sentence):
//!
//! ```text
//! cargo run --release -p herald-syntax --example bench -- FILE.conllu [RUNS]
//! ```
//!
//! Prints the median and best tokens per second over RUNS (default 7) passes
//! of tagging alone, parsing alone (given the tagger's output) and both.
use herald_syntax::{conllu, parser::Parser, tagger::Tagger};
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&a[0]).expect("file");
    let runs: usize = a.get(1).map_or(7, |r| r.parse().expect("RUNS"));
    let sents = conllu::parse(&text).expect("CoNLL-U");
    let forms: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let ntok: usize = forms.iter().map(|f| f.len()).sum();
    let (t, p) = (Tagger::embedded().expect("tagger"), Parser::embedded().expect("parser"));
    let tags: Vec<Vec<&str>> = forms.iter().map(|f| t.tag(f)).collect();
    let mut sink = 0usize;
    let mut time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let mut v: Vec<f64> = (0..runs)
            .map(|_| {
                let t0 = Instant::now();
                sink += f();
                ntok as f64 / t0.elapsed().as_secs_f64()
            })
            .collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("{name:<12} median {:>8.0} tokens/s  best {:>8.0}  ({runs} runs, {ntok} tokens)", v[runs / 2], v[runs - 1]);
    };
    time("tag", &mut || forms.iter().map(|f| t.tag(f).len()).sum());
    time("parse", &mut || forms.iter().zip(&tags).map(|(f, g)| p.parse(f, g).len()).sum());
    time("tag+parse", &mut || {
        forms
            .iter()
            .map(|f| {
                let g = t.tag(f);
                p.parse(f, &g).len()
            })
            .sum()
    });
    eprintln!("({sink})");
}
