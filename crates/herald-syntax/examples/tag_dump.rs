//! Dumps a tagger's predictions: `tag_dump MODEL.bin FILE.conllu` prints
//! `form gold-UPOS gold-XPOS predicted-UPOS predicted-XPOS` per word, a blank
//! line between sentences (error analysis).
use herald_syntax::{conllu, tagger::Tagger};
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let t = Tagger::from_bytes(&std::fs::read(&a[0]).unwrap()).unwrap();
    let s = conllu::parse(&std::fs::read_to_string(&a[1]).unwrap()).unwrap();
    for s in &s {
        let f: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (w, ((u, x), r)) in s.words.iter().zip(t.tag_alternatives(&f)) {
            let (ru, m) = r.unwrap_or(("-", 99.0));
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{:.4}",
                w.form, w.upos, w.xpos, u, x, ru, m
            );
        }
        println!();
    }
}
