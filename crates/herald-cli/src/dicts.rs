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
/// With `replace`, the dictionaries stand alone: herald's own knowledge base
/// and verb patterns are not used.
pub fn pipeline(paths: &[String], replace: bool) -> Result<Pipeline> {
    if paths.is_empty() {
        if replace {
            bail!("--dict-only needs at least one --dict");
        }
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
    let base_patterns = if replace { "" } else { herald_coder::patterns::EMBEDDED_SOURCE };
    let (set, user_from) = PatternSet::parse_layered(base_patterns, &tr.text)
        .map_err(|e| anyhow::anyhow!("dictionary verbs could not be layered: {e}"))?;
    let set: &'static PatternSet = Box::leak(Box::new(set));
    let discards = dict
        .discards
        .iter()
        .map(|d| herald_coder::Discard { words: d.phrase.words.clone(), stem: d.phrase.stem, story: d.story })
        // TABARI's ### and +++ codes on actors, verbs and time phrases
        .chain(herald_dict::herald::discard_phrases(&dict).into_iter().map(|p| herald_coder::Discard { words: p.words, stem: p.stem, story: false }))
        .collect();
    let coder = Coder::with_patterns(set, user_from).with_discards(discards);
    let kb: &'static Kb = Box::leak(Box::new(layered_kb(&dict, replace)?));
    Ok(Pipeline::from_parts(kb, coder))
}

/// True when `names` holds a stem name ("kuwait*") that begins `name`
/// ("kuwaiti") in its last word: one look-up per prefix of that word.
fn stem_of(names: &std::collections::HashSet<String>, name: &str) -> bool {
    let last_start = name.rfind(' ').map_or(0, |i| i + 1);
    name.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(name.len()))
        .filter(|&i| i > last_start)
        .any(|i| names.contains(&format!("{}*", &name[..i])))
}

/// herald's knowledge base with the dictionaries' actors and agents added.
/// A user row that clashes with herald's tables (a name already taken by
/// another country, a malformed code) is left out and reported.
fn layered_kb(dict: &Dictionary, replace: bool) -> Result<Kb> {
    let builtin = Kb::embedded();
    let empty = Sources { countries: "", regions: "", roles: "", people: "", organizations: "", groups: "" };
    let base_src = if replace { empty } else { Sources::embedded() };
    let rows = herald_dict::herald::kb_rows(dict, &|c| !replace && builtin.country(c).is_some());
    for s in rows.skipped.iter().take(5) {
        eprintln!("herald: dictionary: {s}");
    }
    // A dictionary's own country codes win for the names it gives them
    // ("kuwait" → KUW in a dictionary that says so): herald's rows keep those
    // names only as weak ones. Rows that repeat what herald already says
    // ("australia" → AUS) are dropped so herald's composition still applies.
    let mut claimed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let countries: Vec<String> = rows
        .countries
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            for n in l.split('\t').skip(1).flat_map(|x| x.split(';')).filter(|n| !n.is_empty()) {
                claimed.insert(n.to_lowercase());
            }
            l.to_string()
        })
        .collect();
    let organizations: Vec<String> = rows
        .organizations
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let code = f.get(2).copied().unwrap_or("");
            // a name herald already gives that country: herald's row (which
            // composes with role words) stays; also for a stem that begins one
            // of herald's names of it ("australia*": Australia, Australian)
            let herald_names = |c: &str| -> bool {
                builtin.country(c).is_some_and(|k| {
                    let stem = f[0].trim_end_matches('*').to_lowercase();
                    std::iter::once(&k.name).chain(k.names.iter()).chain(k.adjectives.iter()).any(|n| n.to_lowercase().starts_with(&stem))
                })
            };
            let known = code.len() == 3
                && (builtin.country_code_of(f[0]) == Some(code) || (f[0].ends_with('*') && !f[0].contains(' ') && herald_names(code)));
            replace || !known
        })
        .map(str::to_string)
        .collect();
    let weaken = |text: &str| -> String {
        text.lines()
            .map(|line| {
                if line.starts_with('#') || line.trim().is_empty() {
                    return line.to_string();
                }
                let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
                for f in fields.iter_mut().take(4).skip(1) {
                    *f = f
                        .split(';')
                        .map(|n| {
                            let key = n.trim_start_matches('?').to_lowercase();
                            // a name the dictionary gives, or one its stem covers ("kuwait*" → "Kuwaiti")
                            let taken = claimed.contains(&key) || (!key.contains(' ') && stem_of(&claimed, &key));
                            if taken && !n.starts_with('?') { format!("?{n}") } else { n.to_string() }
                        })
                        .collect::<Vec<_>>()
                        .join(";");
                }
                fields.join("\t")
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    // a dictionary's agent takes over herald's role word of the same phrase
    // (and its plural: herald's "security forces" row gives way to a
    // dictionary's "security force")
    let user_roles: std::collections::HashSet<String> = rows
        .roles
        .lines()
        .filter_map(|l| l.split('\t').next())
        .map(|p| p.to_lowercase())
        .flat_map(|p| {
            let plural = match p.strip_suffix('y') {
                Some(st) => format!("{st}ies"),
                None if p.ends_with('s') || p.ends_with("sh") || p.ends_with("ch") || p.ends_with('x') => format!("{p}es"),
                None => format!("{p}s"),
            };
            [p, plural]
        })
        .collect();
    // herald's title flag for a phrase stays with the dictionary's row
    // ("president" remains a title before a name)
    let flags: std::collections::HashMap<String, String> = base_src
        .roles
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() > 2 && f[2].split(',').any(|x| x.trim() == "title")).then(|| (f[0].to_lowercase(), "title".to_string()))
        })
        .collect();
    let user_role_rows: Vec<String> = rows
        .roles
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            match flags.get(&f[0].to_lowercase()) {
                Some(fl) if f.len() == 2 => format!("{l}\t{fl}"),
                Some(fl) if f.len() == 3 => format!("{l},{fl}"),
                _ => l.to_string(),
            }
        })
        .collect();
    let roles_text: String = base_src
        .roles
        .lines()
        .filter(|l| l.starts_with('#') || !l.split('\t').next().is_some_and(|p| user_roles.contains(&p.to_lowercase())))
        // a dictionary with agents of its own says which words are roles
        // ("crowds", "embassy", "militia" are not in TABARI's): of herald's
        // role words only the modifiers ("former") stay
        .filter(|l| user_roles.is_empty() || l.starts_with('#') || l.split('\t').nth(2).is_some_and(|f| f.split(',').any(|x| x.trim() == "mod")))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    // herald's organisations and people give way to the dictionary's names:
    // a row whose name the dictionary gives (or a dictionary stem begins) is
    // left out, its aliases so claimed are dropped ("Amnesty International")
    let user_names: Vec<String> = rows
        .organizations
        .lines()
        .chain(rows.people.lines())
        .chain(rows.countries.lines().map(|l| l.split_once('\t').map_or("", |(_, r)| r)))
        // an agent's phrase too ("MSF" [NGO~] over herald's organisation MSF)
        .chain(rows.roles.lines().map(|l| l.split('\t').next().unwrap_or("")))
        .flat_map(|l| l.split('\t').take(2).flat_map(|x| x.split(';')).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|n| !n.is_empty())
        .collect();
    let user_exact: std::collections::HashSet<&str> = user_names.iter().filter(|n| !n.ends_with('*')).map(String::as_str).collect();
    let user_stems: std::collections::HashSet<String> = user_names.iter().filter(|n| n.ends_with('*')).cloned().collect();
    let taken_by_user = |n: &str| -> bool {
        let n = n.to_lowercase();
        // a stem covers names of as many words that it begins
        user_exact.contains(n.as_str()) || stem_of(&user_stems, &n)
    };
    let give_way = |text: &str, alias_field: usize| -> String {
        if replace {
            return text.to_string();
        }
        text.lines()
            .filter_map(|line| {
                if line.starts_with('#') || line.trim().is_empty() {
                    return Some(line.to_string());
                }
                let mut f: Vec<String> = line.split('\t').map(str::to_string).collect();
                if taken_by_user(&f[0]) {
                    return None;
                }
                if let Some(a) = f.get_mut(alias_field) {
                    *a = a.split(';').filter(|x| !x.is_empty() && !taken_by_user(x)).collect::<Vec<_>>().join(";");
                }
                Some(f.join("\t"))
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    let base_orgs = give_way(base_src.organizations, 1);
    let base_people = give_way(base_src.people, 1);
    let weakened = weaken(base_src.countries);
    let weakened_regions = weaken(base_src.regions);
    let base = base_src;
    // per file: (name in errors, herald's text, the user's lines)
    let mut files: Vec<(&str, &str, Vec<String>)> = vec![
        ("countries.tsv", weakened.as_str(), countries),
        ("roles.tsv", roles_text.as_str(), user_role_rows),
        ("people.tsv", base_people.as_str(), rows.people.lines().map(str::to_string).collect()),
        ("organizations.tsv", base_orgs.as_str(), organizations),
    ];
    let mut dropped = 0usize;
    for _attempt in 0..10_000 {
        let joined: Vec<String> = files.iter().map(|(_, b, u)| format!("{b}\n{}", u.join("\n"))).collect();
        let src = Sources {
            countries: &joined[0],
            regions: &weakened_regions,
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
