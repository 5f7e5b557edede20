//! Trains the tagger on UD English EWT and writes the model.
//!
//! ```text
//! cargo run --release -p herald-syntax --example train_tagger -- \
//!     TRAIN.conllu DEV.conllu OUT.bin [EPOCHS] [SEED] [TEST.conllu] [--with-dev] [--upos-only] [--models=N]
//! ```
//!
//! Prints train/dev accuracy per epoch, then dev (and test, if given) accuracy
//! of the final model, its size, and tagging speed. `--with-dev` trains on
//! TRAIN + DEV (the committed model; dev figures are then not held out),
//! `--upos-only` predicts UPOS labels only (no XPOS), `--models=N` sums the
//! averaged weights of N models trained with seeds SEED, SEED+1, ...

use herald_syntax::conllu;
use herald_syntax::tagger::{self, Tagger};
use std::time::Instant;

fn read(path: &str) -> Vec<conllu::Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let upos_only = all.iter().any(|a| a == "--upos-only");
    let with_dev = all.iter().any(|a| a == "--with-dev");
    let models: usize = all
        .iter()
        .find_map(|a| a.strip_prefix("--models="))
        .map_or(1, |m| m.parse().expect("--models=N"));
    let args: Vec<String> = all.into_iter().filter(|a| !a.starts_with("--")).collect();
    if args.len() < 3 {
        eprintln!(
            "usage: train_tagger TRAIN.conllu DEV.conllu OUT.bin [EPOCHS] [SEED] [TEST.conllu] [--upos-only] [--with-dev]"
        );
        std::process::exit(2);
    }
    let epochs: usize = args
        .get(3)
        .map(|s| s.parse().expect("EPOCHS"))
        .unwrap_or(12);
    let seed: u64 = args.get(4).map(|s| s.parse().expect("SEED")).unwrap_or(1);
    let mut train = read(&args[0]);
    let dev = read(&args[1]);
    if with_dev {
        // The final model: train + dev, the epoch count chosen on dev by a
        // train-only run (the dev figures printed below are then on training data).
        train.extend(dev.iter().cloned());
        println!("--with-dev: training on train + dev; dev accuracies below are not held out");
    }
    let test = args.get(5).map(|p| read(p));
    println!(
        "train {} sentences, dev {} sentences; epochs {epochs}, seed {seed}",
        train.len(),
        dev.len()
    );
    let t0 = Instant::now();
    let opts = tagger::TrainOptions {
        xpos: !upos_only,
        models,
    };
    println!("models: {models}");
    println!(
        "labels: {}",
        if upos_only {
            "UPOS"
        } else {
            "UPOS + XPOS pairs"
        }
    );
    let model = tagger::train_opts(&train, epochs, seed, Some(&dev), opts, &mut |r| {
        println!(
            "epoch {:2}: train {:.4}  dev {:.4}  features {}  ({:.1}s)",
            r.epoch,
            r.train_accuracy,
            r.dev_accuracy.unwrap_or(f64::NAN),
            r.features,
            t0.elapsed().as_secs_f64()
        );
    });
    println!("trained in {:.1}s", t0.elapsed().as_secs_f64());
    let model = model.pruned(tagger::PRUNE_BELOW);
    let bytes = model.to_bytes();
    std::fs::write(&args[2], &bytes).unwrap_or_else(|e| panic!("{}: {e}", args[2]));
    let back = Tagger::from_bytes(&bytes).expect("re-read model");
    println!(
        "wrote {} ({} bytes; {} labels, {} features, {} weights, {} dictionary words)",
        args[2],
        bytes.len(),
        back.num_labels(),
        back.num_features(),
        back.num_weights(),
        back.dict_len()
    );
    let (a, n) = back.accuracy(&dev);
    println!("dev UPOS {a}/{n} = {:.4}", a as f64 / n as f64);
    confusions(&back, &dev);
    if let Some(test) = test {
        let (a, n) = back.accuracy(&test);
        println!("test UPOS {a}/{n} = {:.4}", a as f64 / n as f64);
        // Speed: tag the test set several times.
        let sents: Vec<Vec<&str>> = test
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let t = Instant::now();
        let cpu0 = thread_cpu_secs();
        let mut toks = 0usize;
        for _ in 0..5 {
            for s in &sents {
                toks += back.tag(s).len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = thread_cpu_secs().zip(cpu0).map(|(a, b)| a - b);
        println!(
            "tagging speed: {toks} tokens in {secs:.3}s = {:.0} tokens/s wall{}",
            toks as f64 / secs,
            cpu.map_or(String::new(), |c| format!(
                "; {c:.2}s CPU = {:.0} tokens/s per CPU second",
                toks as f64 / c
            ))
        );
    }
}

/// Prints the most frequent (gold, predicted) confusions.
fn confusions(t: &Tagger, sents: &[conllu::Sentence]) {
    let mut c: std::collections::HashMap<(String, &'static str), usize> = Default::default();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (w, p) in s.words.iter().zip(t.tag(&words)) {
            if w.upos != p {
                *c.entry((w.upos.clone(), p)).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = c.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = v
        .iter()
        .take(12)
        .map(|((g, p), n)| format!("{g}->{p} {n}"))
        .collect();
    println!("top dev confusions (gold->predicted): {}", top.join(", "));
}

/// This thread's CPU time (user + system) from /proc (Linux; 10 ms ticks),
/// so the speed is meaningful on a machine shared with other jobs.
fn thread_cpu_secs() -> Option<f64> {
    let st = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &st[st.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
