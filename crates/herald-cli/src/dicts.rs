//! Users' own dictionaries (TABARI, PETRARCH/Phoenix) on the command line:
//! reading folders or compiled files, and layering their verb patterns over
//! herald's.

use std::path::Path;

use anyhow::{bail, Context, Result};
use herald_coder::patterns::PatternSet;
use herald_coder::Coder;
use herald_dict::{Dictionary, Parsed};
use herald_kb::{Kb, KbError, Sources};
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
    let kb: &'static Kb = Box::leak(Box::new(layered_kb(&dict)?));
    Ok(Pipeline::from_parts(kb, coder))
}

/// herald's knowledge base with the dictionaries' actors and agents added.
/// A user row that clashes with herald's tables (a name already taken by
/// another country, a malformed code) is left out and reported.
fn layered_kb(dict: &Dictionary) -> Result<Kb> {
    let builtin = Kb::embedded();
    let rows = herald_dict::herald::kb_rows(dict, &|c| builtin.country(c).is_some());
    for s in rows.skipped.iter().take(5) {
        eprintln!("herald: dictionary: {s}");
    }
    // New countries keep only names herald does not already give a country or
    // region ("japan" stays JPN, not a dictionary's JAP).
    let countries: Vec<String> = rows
        .countries
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let names: Vec<&str> = f[1..]
                .iter()
                .flat_map(|x| x.split(';'))
                .filter(|n| !n.is_empty() && builtin.country_code_of(n).is_none())
                .collect();
            let (first, rest) = names.split_first()?;
            Some(format!("{}\t{first}\t{}", f[0], rest.join(";")))
        })
        .collect();
    let base = Sources::embedded();
    // per file: (name in errors, herald's text, the user's lines)
    let mut files: Vec<(&str, &str, Vec<String>)> = vec![
        ("countries.tsv", base.countries, countries),
        ("roles.tsv", base.roles, rows.roles.lines().map(str::to_string).collect()),
        ("people.tsv", base.people, rows.people.lines().map(str::to_string).collect()),
        ("organizations.tsv", base.organizations, rows.organizations.lines().map(str::to_string).collect()),
    ];
    let mut dropped = 0usize;
    for _attempt in 0..10_000 {
        let joined: Vec<String> = files.iter().map(|(_, b, u)| format!("{b}\n{}", u.join("\n"))).collect();
        let src = Sources {
            countries: &joined[0],
            regions: base.regions,
            roles: &joined[1],
            people: &joined[2],
            organizations: &joined[3],
            groups: base.groups,
        };
        match Kb::parse(src) {
            Ok(kb) => {
                if dropped > 0 {
                    eprintln!("herald: dictionary: {dropped} actor or agent row(s) clash with herald's knowledge base and were left out");
                }
                return Ok(kb);
            }
            Err(KbError::Data { file, line, message }) => {
                let Some((_, b, user)) = files.iter_mut().find(|(f, _, _)| *f == file) else {
                    bail!("knowledge base with dictionaries: {file}:{line}: {message}");
                };
                let base_lines = b.lines().count() + 1;
                if line <= base_lines || line - base_lines > user.len() {
                    bail!("knowledge base with dictionaries: {file}:{line}: {message}");
                }
                let removed = user.remove(line - base_lines - 1);
                if dropped < 5 {
                    eprintln!("herald: dictionary: left out {removed:?}: {message}");
                }
                dropped += 1;
            }
            Err(e) => bail!("knowledge base with dictionaries: {e}"),
        }
    }
    bail!("knowledge base with dictionaries: too many clashes")
}
