//! Speed of the embedded models on a CoNLL-U file, the way `herald parse`
//! uses them (`Tagger::tag` then `Parser::parse` per sentence):
//!
//! ```text
//! cargo run --release -p herald-syntax --example bench -- FILE.conllu [RUNS]
//! ```
//!
//! Prints the median and best tokens per second over RUNS (default 7) passes
//! of tagging alone, parsing alone (given the tagger's output) and both, per
//! second of this thread's CPU time (Linux `/proc/thread-self/schedstat`, so
//! that other jobs on a shared machine matter less; wall time otherwise).
use herald_syntax::{conllu, parser::Parser, tagger::Tagger};
use std::time::Instant;

/// This thread's CPU time in seconds, if known.
fn cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&a[0]).expect("file");
    let runs: usize = a.get(1).map_or(7, |r| r.parse().expect("RUNS"));
    let sents = conllu::parse(&text).expect("CoNLL-U");
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let ntok: usize = forms.iter().map(|f| f.len()).sum();
    let (t, p) = (
        Tagger::embedded().expect("tagger"),
        Parser::embedded().expect("parser"),
    );
    let full: Vec<Vec<herald_syntax::tagger::Tagged>> =
        forms.iter().map(|f| t.tag_full(f)).collect();
    let field = |f: fn(&herald_syntax::tagger::Tagged) -> &'static str| -> Vec<Vec<&'static str>> {
        full.iter().map(|s| s.iter().map(f).collect()).collect()
    };
    let (upos, xpos, alt) = (field(|x| x.upos), field(|x| x.xpos), field(|x| x.alt));
    let mut sink = 0usize;
    let mut time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let mut v: Vec<f64> = (0..runs)
            .map(|_| {
                let (t0, c0) = (Instant::now(), cpu());
                sink += f();
                let secs = match (cpu(), c0) {
                    (Some(c1), Some(c0)) if c1 > c0 => c1 - c0,
                    _ => t0.elapsed().as_secs_f64(),
                };
                ntok as f64 / secs
            })
            .collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{name:<12} median {:>8.0} tokens/s  best {:>8.0}  ({runs} runs, {ntok} tokens)",
            v[runs / 2],
            v[runs - 1]
        );
    };
    time("tag", &mut || forms.iter().map(|f| t.tag(f).len()).sum());
    time("parse", &mut || {
        (0..forms.len())
            .map(|i| p.parse_tagged(&forms[i], &upos[i], &xpos[i], &alt[i]).len())
            .sum()
    });
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
