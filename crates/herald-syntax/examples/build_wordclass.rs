//! Builds `data/wordclass.tsv`, the tagger's word-class lexicon, from
//! WordNet 3.0 (Debian `wordnet-base`: `/usr/share/wordnet/index.*`,
//! `*.exc`, `data.*`) and the SCOWL word list (Debian `wamerican`:
//! `/usr/share/dict/american-english`):
//!
//! ```text
//! cargo run --release -p herald-syntax --example build_wordclass -- \
//!     /usr/share/wordnet /usr/share/dict/american-english crates/herald-syntax/data/wordclass.tsv
//! ```
//!
//! One line per lower-cased single word, `word<TAB>classes`, sorted; the
//! class letters are documented in `tagger::WORDCLASS_LETTERS`. Only the
//! derived table is committed; the tagger and its tests never read the
//! packages.
use std::collections::BTreeMap;

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Regular inflection rules of WordNet's morphy: (suffix, replacement).
const NOUN_RULES: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];
const VERB_S: &[(&str, &str)] = &[("s", ""), ("ies", "y"), ("es", "e"), ("es", "")];
const VERB_ED: &[(&str, &str)] = &[("ed", "e"), ("ed", "")];
const VERB_ING: &[(&str, &str)] = &[("ing", "e"), ("ing", "")];
const ADJ_RULES: &[(&str, &str)] = &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() != 3 {
        eprintln!("usage: build_wordclass WORDNET_DIR WORDLIST OUT.tsv");
        std::process::exit(2);
    }
    let wn = &a[0];
    // Lemma → (POS letter set, tagged-sense count per POS).
    let mut lemma: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    let has = |w: &str| -> bool { !w.contains('_') && !w.contains(' ') };
    for (pi, p) in ["noun", "verb", "adj", "adv"].iter().enumerate() {
        for line in read(&format!("{wn}/index.{p}")).lines() {
            if line.starts_with(' ') {
                continue;
            }
            let f: Vec<&str> = line.split(' ').collect();
            if f.len() < 6 || !has(f[0]) {
                continue;
            }
            let pcnt: usize = f[3].parse().unwrap();
            let tagsense: u32 = f.get(5 + pcnt).and_then(|s| s.parse().ok()).unwrap_or(0);
            lemma.entry(f[0].to_string()).or_insert([0; 4])[pi] = tagsense + 1;
        }
    }
    // Case of the lemmas in the synsets: a noun or adjective lemma written
    // only capitalised (Paris, American) is a name.
    let mut cased: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for p in ["noun", "adj"] {
        for line in read(&format!("{wn}/data.{p}")).lines() {
            if line.starts_with(' ') {
                continue;
            }
            let f: Vec<&str> = line.split(' ').collect();
            let n = usize::from_str_radix(f[3], 16).unwrap();
            for i in 0..n {
                let w = f[4 + 2 * i];
                let w = w.split('(').next().unwrap();
                if !has(w) {
                    continue;
                }
                let e = cased.entry(w.to_lowercase()).or_insert((false, false));
                if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                    e.1 = true;
                } else {
                    e.0 = true;
                }
            }
        }
    }
    // Irregular forms: form → classes.
    let mut exc: BTreeMap<String, Vec<(char, String)>> = BTreeMap::new();
    for (p, c) in [("noun", 'N'), ("verb", 'D'), ("adj", 'C'), ("adv", 'C')] {
        for line in read(&format!("{wn}/{p}.exc")).lines() {
            let mut f = line.split(' ');
            let form = f.next().unwrap();
            if has(form) {
                let c = if c == 'D' && form.ends_with("ing") {
                    'G'
                } else {
                    c
                };
                for base in f {
                    exc.entry(form.to_string())
                        .or_default()
                        .push((c, base.to_string()));
                }
            }
        }
    }
    // The word list: lower-case and capitalised spellings.
    let mut list: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for w in read(&a[1]).lines() {
        if w.ends_with("'s") || w.is_empty() {
            continue;
        }
        let e = list.entry(w.to_lowercase()).or_insert((false, false));
        if w.chars().next().is_some_and(|c| c.is_uppercase()) {
            e.1 = true;
        } else {
            e.0 = true;
        }
    }
    // Tagged-sense count + 1 of lemma `w` as POS `pi`; 0 if not a lemma.
    let is = |w: &str, pi: usize| lemma.get(w).map_or(0, |c| c[pi]);
    // The largest such count of a lemma that `w` inflects by the rules
    // (or by the exception list, class `ec`); 0 if none.
    let via = |w: &str, rules: &[(&str, &str)], pi: usize, ec: char| -> u32 {
        let mut best = 0;
        for (s, r) in rules {
            if w.len() <= s.len() + 1 || !w.ends_with(s) {
                continue;
            }
            let stem = &w[..w.len() - s.len()];
            best = best.max(is(&format!("{stem}{r}"), pi));
            // Doubled final consonant: running, bigger, blogged.
            let b = stem.as_bytes();
            if r.is_empty()
                && b.len() >= 3
                && b[b.len() - 1] == b[b.len() - 2]
                && !b"aeiou".contains(&b[b.len() - 1])
            {
                best = best.max(is(&stem[..stem.len() - 1], pi));
            }
        }
        for (c, base) in exc.get(w).into_iter().flatten() {
            if *c == ec {
                best = best.max(is(base, pi).max(1));
            }
        }
        best
    };
    let mut words: Vec<&String> = lemma.keys().chain(list.keys()).chain(exc.keys()).collect();
    words.sort();
    words.dedup();
    let mut out = String::new();
    let mut n = 0;
    for w in words {
        if w.chars().any(|c| c.is_whitespace() || c == '\t') {
            continue;
        }
        let mut c = String::new();
        let l = lemma.get(w).copied().unwrap_or([0; 4]);
        for (pi, ch) in ['n', 'v', 'a', 'r'].iter().enumerate() {
            if l[pi] > 0 {
                c.push(*ch);
            }
        }
        let (pl, vs, ved, ving) = (
            via(w, NOUN_RULES, 0, 'N'),
            via(w, VERB_S, 1, '-'),
            via(w, VERB_ED, 1, 'D'),
            via(w, VERB_ING, 1, 'G'),
        );
        let cmp = via(w, ADJ_RULES, 2, 'C').max(via(w, &[], 3, 'C'));
        // The POS with most tagged senses (SemCor) of the word as a lemma
        // or of the lemmas it inflects, if any.
        let score = [
            l[0].max(pl),
            l[1].max(vs).max(ved).max(ving),
            l[2].max(cmp),
            l[3],
        ];
        let best = (0..4)
            .max_by_key(|&i| (score[i], std::cmp::Reverse(i)))
            .unwrap();
        if score[best] > 1 {
            c.push(['1', '2', '3', '4'][best]);
        }
        for (n, ch) in [(pl, 'N'), (vs, 'S'), (ved, 'D'), (ving, 'G'), (cmp, 'C')] {
            if n > 0 {
                c.push(ch);
            }
        }
        if let Some(&(lo, up)) = cased.get(w) {
            if up && !lo {
                c.push('P');
            }
        }
        if let Some(&(lo, up)) = list.get(w) {
            if lo {
                c.push('L');
            }
            if up {
                c.push('U');
            }
        }
        if c.is_empty() {
            continue;
        }
        out.push_str(w);
        out.push('\t');
        out.push_str(&c);
        out.push('\n');
        n += 1;
    }
    std::fs::write(&a[2], out).unwrap_or_else(|e| panic!("{}: {e}", a[2]));
    eprintln!("wrote {} ({n} words)", a[2]);
}
