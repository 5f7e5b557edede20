//! `herald parse`: tag and parse CoNLL-U (gold tokenization) or a sentence.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use herald_syntax::conllu;
use herald_syntax::parser::Parser;
use herald_syntax::tagger::Tagger;

fn models() -> Result<(&'static Tagger, &'static Parser)> {
    let tagger = Tagger::embedded().context("no tagger model is built into this herald (crates/herald-syntax/model/tagger.bin)")?;
    let parser = Parser::try_embedded().map_err(|e| {
        anyhow::anyhow!("no usable parser model is built into this herald (crates/herald-syntax/model/parser.bin): {e}")
    })?;
    Ok((tagger, parser))
}

/// Tag and parse every sentence of a CoNLL-U source, keeping its tokenization
/// and other columns; UPOS, HEAD and DEPREL are replaced.
pub fn conllu_to_conllu(source: &str, name: &str) -> Result<ExitCode> {
    let (tagger, parser) = models()?;
    let bytes = crate::input::read_source(source).with_context(|| format!("reading {name}"))?;
    let text = std::str::from_utf8(&bytes).with_context(|| format!("{name}: not UTF-8"))?;
    let mut sentences = conllu::parse(text).map_err(|e| anyhow::anyhow!("{name}:{e}"))?;
    for s in &mut sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&forms);
        let arcs = parser.parse(&forms, &tags);
        for ((w, t), (h, l)) in s.words.iter_mut().zip(tags).zip(arcs) {
            w.upos = t.to_string();
            w.head = h;
            w.deprel = l.to_string();
        }
    }
    let out = conllu::write(&sentences);
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Tokenize, tag and parse a sentence and print it readably.
pub fn sentence(text: &str) -> Result<ExitCode> {
    let (tagger, parser) = models()?;
    let a = herald_text::analyze(text);
    if a.sentences.is_empty() {
        bail!("nothing to parse");
    }
    for s in &a.sentences {
        let toks = &a.tokens[s.tok_start..s.tok_end];
        let forms: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let tags = tagger.tag(&forms);
        let arcs = parser.parse(&forms, &tags);
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", &text[s.byte_start..s.byte_end])?;
        for (i, ((f, t), (h, l))) in forms.iter().zip(&tags).zip(&arcs).enumerate() {
            let head = if *h == 0 { "ROOT".to_string() } else { format!("{} {}", h, forms[h - 1]) };
            writeln!(out, "  {:>3} {:<18} {:<6} {:<12} <- {}", i + 1, f, t, l, head)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
