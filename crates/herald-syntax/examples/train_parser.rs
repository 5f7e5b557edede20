//! Train the dependency parser on UD English EWT.
//!
//! ```text
//! cargo run --release -p herald-syntax --example train_parser -- \
//!     TRAIN.conllu DEV.conllu OUT.bin [--epochs N] [--seed S] [--test TEST.conllu] [--no-train] [--tagger TAGGER.bin]
//! ```
//!
//! `--no-train` reads OUT.bin instead of training and only evaluates; with `--test`, test scores with predicted UPOS are also
//! reported when a tagger model is available (`--tagger` or the embedded one).
//!
//! Prints dev UAS/LAS after every epoch, keeps the epoch best on dev (LAS),
//! writes the weights, and with `--test` reports test scores and parse speed.

use herald_syntax::conllu;
use herald_syntax::parser::{evaluate, evaluate_with_tags, Parser};
use herald_syntax::tagger::Tagger;
use std::time::Instant;

fn read(path: &str) -> Vec<conllu::Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let (mut epochs, mut seed, mut test, mut no_train) = (20usize, 1u64, None::<String>, false);
    let mut tagger_path = None::<String>;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--epochs" => {
                epochs = args[i + 1].parse().expect("--epochs N");
                i += 1;
            }
            "--seed" => {
                seed = args[i + 1].parse().expect("--seed S");
                i += 1;
            }
            "--test" => {
                test = Some(args[i + 1].clone());
                i += 1;
            }
            "--no-train" => no_train = true,
            "--tagger" => {
                tagger_path = Some(args[i + 1].clone());
                i += 1;
            }
            a => pos.push(a.to_string()),
        }
        i += 1;
    }
    if pos.len() != 3 {
        eprintln!("usage: train_parser TRAIN.conllu DEV.conllu OUT.bin [--epochs N] [--seed S] [--test TEST.conllu] [--no-train]");
        std::process::exit(2);
    }
    let dev = read(&pos[1]);
    let bytes = if no_train {
        std::fs::read(&pos[2]).unwrap_or_else(|e| panic!("{}: {e}", pos[2]))
    } else {
        let train = read(&pos[0]);
        let t0 = Instant::now();
        let p = Parser::train(&train, epochs, seed, Some(&dev));
        eprintln!("trained in {:.1}s (epochs {epochs}, seed {seed})", t0.elapsed().as_secs_f64());
        let bytes = p.to_bytes();
        std::fs::write(&pos[2], &bytes).unwrap_or_else(|e| panic!("{}: {e}", pos[2]));
        bytes
    };
    let p = Parser::from_bytes(&bytes).expect("round trip");
    let (u, l, lu) = evaluate(&p, &dev);
    println!("model {} bytes; dev UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})", bytes.len(), u * 100.0, l * 100.0, lu * 100.0);
    if let Some(t) = test {
        let ts = read(&t);
        let (u, l, lu) = evaluate(&p, &ts);
        println!("test UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})", u * 100.0, l * 100.0, lu * 100.0);
        let input: Vec<(Vec<&str>, Vec<&str>)> =
            ts.iter().map(|s| (s.words.iter().map(|w| w.form.as_str()).collect(), s.words.iter().map(|w| w.upos.as_str()).collect())).collect();
        let ntok: usize = input.iter().map(|x| x.0.len()).sum();
        let mut best = f64::MAX;
        let mut sink = 0usize;
        for _ in 0..3 {
            let t0 = Instant::now();
            for (f, g) in &input {
                sink += p.parse(f, g).len();
            }
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!("parse speed: {:.0} tokens/s ({ntok} tokens, best of 3, {sink})", ntok as f64 / best);
        // Predicted UPOS from the tagger (--tagger FILE, else the embedded model).
        let owned = tagger_path.map(|t| Tagger::from_bytes(&std::fs::read(&t).unwrap_or_else(|e| panic!("{t}: {e}"))).expect("tagger model"));
        match owned.as_ref().or_else(|| Tagger::embedded()) {
            None => println!("predicted tags: no tagger model available"),
            Some(tg) => {
                let tags: Vec<Vec<String>> = input.iter().map(|(f, _)| tg.tag(f).into_iter().map(String::from).collect()).collect();
                let (u, l, lu) = evaluate_with_tags(&p, &ts, &tags);
                println!("test with predicted UPOS: UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})", u * 100.0, l * 100.0, lu * 100.0);
                let mut best = f64::MAX;
                for _ in 0..3 {
                    let t0 = Instant::now();
                    for (f, _) in &input {
                        let t = tg.tag(f);
                        sink += p.parse(f, &t).len();
                    }
                    best = best.min(t0.elapsed().as_secs_f64());
                }
                println!("tag + parse speed: {:.0} tokens/s ({sink})", ntok as f64 / best);
            }
        }
    }
}
