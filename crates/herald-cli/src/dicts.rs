//! Users' own dictionaries (TABARI, PETRARCH/Phoenix) on the command line:
//! reading folders or compiled files, and layering their verb patterns over
//! herald's.

use std::path::Path;

use anyhow::{bail, Context, Result};
use herald_coder::patterns::PatternSet;
use herald_coder::Coder;
use herald_dict::{Dictionary, Parsed};
use herald_pipeline::Pipeline;

/// File name suffix of herald's compiled dictionaries.
pub const COMPILED_EXT: &str = "hdict";

/// Read dictionaries from folders (TABARI or PETRARCH files) or compiled
/// `.hdict` files; problems are returned as "file:line: message" lines.
pub fn load(paths: &[String]) -> Result<(Dictionary, Vec<String>)> {
    let mut all = Parsed::default();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            let parsed = herald_dict::read_dir(path).with_context(|| format!("reading dictionary folder {p}"))?;
            all.merge(parsed);
        } else if path.extension().is_some_and(|e| e == COMPILED_EXT) {
            let bytes = std::fs::read(path).with_context(|| format!("reading {p}"))?;
            let dict = Dictionary::from_bytes(&bytes).with_context(|| format!("{p}: not a compiled herald dictionary"))?;
            all.merge(Parsed { dictionary: dict, errors: Vec::new() });
        } else if path.is_file() {
            all.merge(herald_dict::read_file(path));
        } else {
            bail!("dictionary {p}: no such file or folder");
        }
    }
    let errors = all.errors.iter().map(|e| e.to_string()).collect();
    Ok((all.dictionary, errors))
}

/// Print dictionary problems (the first few, then a count) to standard error.
pub fn report(errors: &[String]) {
    for e in errors.iter().take(20) {
        eprintln!("herald: dictionary: {e}");
    }
    if errors.len() > 20 {
        eprintln!("herald: dictionary: ... and {} more", errors.len() - 20);
    }
    if !errors.is_empty() {
        eprintln!("herald: dictionary: {} entr(ies) skipped; the rest was loaded", errors.len());
    }
}

/// A pipeline whose coder layers the dictionaries' verb patterns over herald's.
pub fn pipeline(paths: &[String]) -> Result<Pipeline> {
    if paths.is_empty() {
        return Ok(Pipeline::new());
    }
    let (dict, errors) = load(paths)?;
    report(&errors);
    let tr = herald_dict::herald::verb_patterns(&dict);
    if !tr.skipped.is_empty() {
        eprintln!(
            "herald: dictionary: {} verb pattern(s) translated; {} left out (not expressible in herald's patterns; `herald kb import` lists them)",
            tr.translated,
            tr.skipped.len()
        );
    }
    let (set, user_from) = PatternSet::parse_layered(herald_coder::patterns::EMBEDDED_SOURCE, &tr.text)
        .map_err(|e| anyhow::anyhow!("dictionary verbs could not be layered: {e}"))?;
    let set: &'static PatternSet = Box::leak(Box::new(set));
    let coder = Coder::with_patterns(set, user_from);
    let base = Pipeline::new();
    Ok(Pipeline::from_parts(base.kb(), coder))
}
