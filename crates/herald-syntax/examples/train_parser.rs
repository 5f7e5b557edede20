//! Train the dependency parser on UD English EWT.
//!
//! ```text
//! cargo run --release -p herald-syntax --example train_parser -- \
//!     TRAIN.conllu DEV.conllu OUT.bin [--epochs N] [--seed S] [--test TEST.conllu] [--no-train]
//!     [--tagger TAGGER.bin] [--folds K] [--tag-epochs N] [--jackknife-only] [--tags-cache FILE]
//!     [--with-dev] [--models K]
//! ```
//!
//! By default the parser is trained on **gold plus jackknifed predicted
//! tags**: the training set is split into K folds (default 10; sentence i
//! goes to fold i mod K), a tagger is trained with `tagger::train` on the
//! other K-1 folds (`--tag-epochs`, default 10, same seed as the parser) and
//! tags the held-out fold (UPOS, XPOS and runner-up tags); the parser then
//! trains on two copies of the training set, one with the gold tags and one
//! with the jackknifed ones. `--jackknife-only` drops the gold copy;
//! `--folds 0` trains on gold tags only. `--tags-cache FILE` stores/reuses
//! the jackknifed tags (experiments). Dev (epoch selection) and test are
//! tagged by the committed tagger (`--tagger FILE`, else the one embedded
//! from `model/tagger.bin`), i.e. the tags `herald parse` will see. Rerun
//! this one command after the tagger changes to get a matching parser.
//!
//! `--with-dev` trains the final model on TRAIN + DEV (jackknifed together)
//! and keeps the last epoch (`--epochs`, chosen on dev by a run without
//! it); dev figures are then not held out. `--models K` sums the averaged
//! weights of K parsers trained with seeds S, S+1, ... (did not help).
//!
//! `--no-train` reads OUT.bin instead of training and only evaluates.
//! Prints dev UAS/LAS after every epoch, keeps the epoch best on dev (LAS,
//! predicted tags), writes the weights, and with `--test` reports test scores
//! (gold and predicted tags) and speed.

use herald_syntax::conllu;
use herald_syntax::parser::{evaluate, evaluate_given, InputTags, Parser};
use herald_syntax::tagger::{self, Tagger};
use std::time::Instant;

fn read(path: &str) -> Vec<conllu::Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Predicted UPOS and XPOS of every word.
#[derive(Clone)]
struct Tags {
    upos: Vec<Vec<String>>,
    xpos: Vec<Vec<String>>,
    /// The tagger's runner-up tags where it was unsure (else empty strings).
    alt: Vec<Vec<String>>,
}

impl Tags {
    fn input(&self) -> InputTags<'_> {
        InputTags {
            upos: &self.upos,
            xpos: &self.xpos,
            alt: &self.alt,
        }
    }
}

fn tag_all(tg: &Tagger, sents: &[conllu::Sentence]) -> Tags {
    let (mut upos, mut xpos, mut alt) = (Vec::new(), Vec::new(), Vec::new());
    for s in sents {
        let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let t = tg.tag_full(&f);
        upos.push(t.iter().map(|x| x.upos.to_string()).collect());
        xpos.push(t.iter().map(|x| x.xpos.to_string()).collect());
        alt.push(t.iter().map(|x| x.alt.to_string()).collect());
    }
    Tags { upos, xpos, alt }
}

fn accuracy(sents: &[conllu::Sentence], tags: &[Vec<String>]) -> f64 {
    let (mut ok, mut all) = (0usize, 0usize);
    for (s, t) in sents.iter().zip(tags) {
        for (w, t) in s.words.iter().zip(t) {
            all += 1;
            ok += (w.upos == *t) as usize;
        }
    }
    ok as f64 / all.max(1) as f64
}

/// Jackknifed tags: fold k is tagged by a tagger trained on the other folds.
fn jackknife(train: &[conllu::Sentence], folds: usize, tag_epochs: usize, seed: u64) -> Tags {
    let mut out = Tags {
        upos: vec![Vec::new(); train.len()],
        xpos: vec![Vec::new(); train.len()],
        alt: vec![Vec::new(); train.len()],
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 2);
    let results: Vec<(usize, Tags)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..threads)
            .map(|th| {
                sc.spawn(move || {
                    let mut res = Vec::new();
                    for k in (th..folds).step_by(threads) {
                        let rest: Vec<conllu::Sentence> = train
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds != k)
                            .map(|(_, s)| s.clone())
                            .collect();
                        let held: Vec<conllu::Sentence> = train
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds == k)
                            .map(|(_, s)| s.clone())
                            .collect();
                        let tg = tagger::train(&rest, tag_epochs, seed, None);
                        let tags = tag_all(&tg, &held);
                        eprintln!(
                            "jackknife fold {k}: {} sentences, UPOS {:.4}",
                            held.len(),
                            accuracy(&held, &tags.upos)
                        );
                        res.push((k, tags));
                    }
                    res
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (k, tags) in results {
        let idx = (0..train.len()).filter(|i| i % folds == k);
        for (i, ((u, x), a)) in idx.zip(tags.upos.into_iter().zip(tags.xpos).zip(tags.alt)) {
            out.upos[i] = u;
            out.xpos[i] = x;
            out.alt[i] = a;
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let (mut epochs, mut seed, mut test, mut no_train) = (15usize, 1u64, None::<String>, false);
    let (mut folds, mut tag_epochs) = (10usize, 10usize);
    let mut tagger_path = None::<String>;
    let (mut tags_cache, mut jackknife_only) = (None::<String>, false);
    let (mut models, mut with_dev) = (1usize, false);
    let mut i = 0;
    while i < args.len() {
        let val = |i: usize| {
            args.get(i + 1)
                .cloned()
                .unwrap_or_else(|| panic!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--epochs" => {
                epochs = val(i).parse().expect("--epochs N");
                i += 1;
            }
            "--seed" => {
                seed = val(i).parse().expect("--seed S");
                i += 1;
            }
            "--test" => {
                test = Some(val(i));
                i += 1;
            }
            "--no-train" => no_train = true,
            "--with-dev" => with_dev = true,
            "--models" => {
                models = val(i).parse().expect("--models K");
                i += 1;
            }
            "--jackknife-only" => jackknife_only = true,
            "--tags-cache" => {
                tags_cache = Some(val(i));
                i += 1;
            }
            "--tagger" => {
                tagger_path = Some(val(i));
                i += 1;
            }
            "--folds" => {
                folds = val(i).parse().expect("--folds K");
                i += 1;
            }
            "--tag-epochs" => {
                tag_epochs = val(i).parse().expect("--tag-epochs N");
                i += 1;
            }
            a => pos.push(a.to_string()),
        }
        i += 1;
    }
    if pos.len() != 3 || folds == 1 {
        eprintln!("usage: train_parser TRAIN.conllu DEV.conllu OUT.bin [--epochs N] [--seed S] [--test TEST.conllu] [--no-train] [--tagger TAGGER.bin] [--folds K (0 = gold tags, else >= 2)] [--tag-epochs N] [--jackknife-only] [--tags-cache FILE] [--models K] [--with-dev]");
        std::process::exit(2);
    }
    let dev = read(&pos[1]);
    // The tagger `herald parse` uses (or --tagger FILE).
    let owned = tagger_path.map(|t| {
        Tagger::from_bytes(&std::fs::read(&t).unwrap_or_else(|e| panic!("{t}: {e}")))
            .expect("tagger model")
    });
    let tg: Option<&Tagger> = owned.as_ref().or_else(|| Tagger::embedded());
    let dev_tags = tg.map(|tg| tag_all(tg, &dev));
    if let Some(t) = &dev_tags {
        eprintln!(
            "dev UPOS with the committed tagger: {:.4}",
            accuracy(&dev, &t.upos)
        );
    }
    let bytes = if no_train {
        std::fs::read(&pos[2]).unwrap_or_else(|e| panic!("{}: {e}", pos[2]))
    } else {
        let mut train = read(&pos[0]);
        if with_dev {
            // The final model: train + dev (jackknifed together), each
            // parser keeping its last epoch (--epochs, chosen on dev by a
            // train-only run); the dev figures printed are then not held out.
            train.extend(dev.iter().cloned());
            eprintln!(
                "--with-dev: training on train + dev ({} sentences), keeping epoch {epochs}",
                train.len()
            );
        }
        let t0 = Instant::now();
        let p = if folds == 0 {
            Parser::train(&train, epochs, seed, Some(&dev))
        } else {
            // --tags-cache FILE: reuse jackknifed tags (one sentence per line,
            // UPOS|XPOS|runner-up per word) for experiments.
            let tags = match tags_cache
                .as_ref()
                .and_then(|c| std::fs::read_to_string(c).ok())
            {
                Some(t) => {
                    let split = |l: &str, k: usize| {
                        l.split(' ')
                            .map(|w| w.split('|').nth(k).unwrap_or("_").to_string())
                            .collect()
                    };
                    Tags {
                        upos: t.lines().map(|l| split(l, 0)).collect(),
                        xpos: t.lines().map(|l| split(l, 1)).collect(),
                        alt: t
                            .lines()
                            .map(|l| {
                                l.split(' ')
                                    .map(|w| w.split('|').nth(2).unwrap_or("").to_string())
                                    .collect()
                            })
                            .collect(),
                    }
                }
                None => {
                    let t = jackknife(&train, folds, tag_epochs, seed);
                    if let Some(c) = &tags_cache {
                        let lines: Vec<String> = t
                            .upos
                            .iter()
                            .zip(&t.xpos)
                            .zip(&t.alt)
                            .map(|((u, x), a)| {
                                u.iter()
                                    .zip(x)
                                    .zip(a)
                                    .map(|((u, x), a)| format!("{u}|{x}|{a}"))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect();
                        std::fs::write(c, lines.join("\n")).unwrap_or_else(|e| panic!("{c}: {e}"));
                    }
                    t
                }
            };
            eprintln!("jackknifed training UPOS ({folds} folds, {tag_epochs} tagger epochs): {:.4} ({:.1}s)", accuracy(&train, &tags.upos), t0.elapsed().as_secs_f64());
            let dev_tags = dev_tags.clone().unwrap_or_else(|| {
                eprintln!("no committed tagger: tagging dev with a tagger trained on all of TRAIN");
                tag_all(&tagger::train(&train, tag_epochs, seed, None), &dev)
            });
            if !jackknife_only {
                // Two copies: gold tags (no runner-ups) and jackknifed ones.
                let both: Vec<conllu::Sentence> =
                    train.iter().chain(train.iter()).cloned().collect();
                let gold = |f: fn(&conllu::Word) -> String| {
                    train
                        .iter()
                        .map(move |s| s.words.iter().map(f).collect::<Vec<_>>())
                };
                let all = Tags {
                    upos: gold(|w| w.upos.clone())
                        .chain(tags.upos.iter().cloned())
                        .collect(),
                    xpos: gold(|w| w.xpos.clone())
                        .chain(tags.xpos.iter().cloned())
                        .collect(),
                    alt: gold(|_| String::new())
                        .chain(tags.alt.iter().cloned())
                        .collect(),
                };
                Parser::train_given(
                    &both,
                    all.input(),
                    epochs,
                    seed,
                    models,
                    !with_dev,
                    Some((&dev, dev_tags.input())),
                )
            } else {
                Parser::train_given(
                    &train,
                    tags.input(),
                    epochs,
                    seed,
                    models,
                    !with_dev,
                    Some((&dev, dev_tags.input())),
                )
            }
        };
        eprintln!(
            "trained in {:.1}s (epochs {epochs}, seed {seed}, folds {folds})",
            t0.elapsed().as_secs_f64()
        );
        let bytes = p.to_bytes();
        std::fs::write(&pos[2], &bytes).unwrap_or_else(|e| panic!("{}: {e}", pos[2]));
        bytes
    };
    let p = Parser::from_bytes(&bytes).expect("round trip");
    let (u, l, lu) = evaluate(&p, &dev);
    println!(
        "model {} bytes; dev (gold UPOS) UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})",
        bytes.len(),
        u * 100.0,
        l * 100.0,
        lu * 100.0
    );
    if let Some(t) = &dev_tags {
        let (u, l, lu) = evaluate_given(&p, &dev, t.input());
        println!(
            "dev (predicted UPOS) UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})",
            u * 100.0,
            l * 100.0,
            lu * 100.0
        );
    }
    if let Some(t) = test {
        let ts = read(&t);
        let (u, l, lu) = evaluate(&p, &ts);
        println!(
            "test (gold UPOS) UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})",
            u * 100.0,
            l * 100.0,
            lu * 100.0
        );
        let input: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = ts
            .iter()
            .map(|s| {
                (
                    s.words.iter().map(|w| w.form.as_str()).collect(),
                    s.words.iter().map(|w| w.upos.as_str()).collect(),
                    s.words.iter().map(|w| w.xpos.as_str()).collect(),
                )
            })
            .collect();
        let ntok: usize = input.iter().map(|x| x.0.len()).sum();
        let mut best = f64::MAX;
        let mut sink = 0usize;
        for _ in 0..5 {
            let t0 = Instant::now();
            for (f, g, x) in &input {
                sink += p.parse_xpos(f, g, x).len();
            }
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!(
            "parse speed: {:.0} tokens/s ({ntok} tokens, best of 5, {sink})",
            ntok as f64 / best
        );
        match tg {
            None => println!("predicted tags: no tagger model available"),
            Some(tg) => {
                let tags = tag_all(tg, &ts);
                let (u, l, lu) = evaluate_given(&p, &ts, tags.input());
                println!("test (predicted UPOS {:.4}) UAS {:.2} LAS {:.2} (universal-relation LAS {:.2})", accuracy(&ts, &tags.upos), u * 100.0, l * 100.0, lu * 100.0);
                let mut best = f64::MAX;
                for _ in 0..5 {
                    let t0 = Instant::now();
                    for (f, _, _) in &input {
                        let t = tg.tag(f);
                        sink += p.parse(f, &t).len();
                    }
                    best = best.min(t0.elapsed().as_secs_f64());
                }
                println!(
                    "tag + parse speed: {:.0} tokens/s (best of 5, {sink})",
                    ntok as f64 / best
                );
                let mut best = f64::MAX;
                for _ in 0..5 {
                    let t0 = Instant::now();
                    for (f, _, _) in &input {
                        sink += tg.tag(f).len();
                    }
                    best = best.min(t0.elapsed().as_secs_f64());
                }
                println!(
                    "tag speed alone: {:.0} tokens/s (best of 5, {sink})",
                    ntok as f64 / best
                );
            }
        }
    }
}
