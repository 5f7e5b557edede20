//! The verb-pattern dictionary (`data/verbs.txt`).
//!
//! Line grammar (`#` starts a comment, blank lines ignored):
//!
//! - `@name member member "multi word member" ...` defines a word class.
//! - `%irregular LEMMA PAST PARTICIPLE [more forms...]` adds irregular verb forms.
//! - `CODE HEAD ELEMS... [| TARGETS]` is a pattern: `HEAD` is a verb lemma or
//!   `@class` of lemmas; `ELEMS` are literal lower-case words, `@class` (any
//!   member) or `*` (a gap of zero to [`MAX_GAP`] tokens within the clause);
//!   `TARGETS` is a comma-separated list of `OBJ` (direct object) or
//!   prepositions (`to`, `in support of`). Without `| ...` the target is `OBJ`.
//!   A user dictionary's compound marker (TABARI/PETRARCH `%`) is written
//!   `%SUBJECT` (the compound subject's members act on each other: "Gondor and
//!   Osgiliath have postponed ...") or `%TARGET` (the members of the compound
//!   target act on each other: "exchanged prisoners with Gondor and Osgiliath")
//!   in the target list.
//!
//! Regular inflections of every head lemma are generated (3sg, past/participle,
//! -ing); `%irregular` adds the rest. Irregular lemmas do not get a generated
//! regular past form.

use herald_core::hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::codebook::Codebook;

/// Maximum number of tokens a `*` gap may skip.
pub const MAX_GAP: usize = 6;

/// The text of herald's own dictionary (`data/verbs.txt`), for layering a
/// user's patterns over it ([`PatternSet::parse_layered`]).
pub const EMBEDDED_SOURCE: &str = include_str!("../data/verbs.txt");

/// The head of a pattern: a verb lemma or a class of them (`@light`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// A single verb lemma ("meet").
    Lemma(String),
    /// A class name without the `@` ("light").
    Class(String),
}

/// One element after the head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// A literal lower-case word that must be present.
    Word(String),
    /// Any word of a class (`@arms`), by class name.
    Class(String),
    /// `*`: skip a few tokens within the clause.
    Gap,
}

/// One pattern line.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// CAMEO code it yields.
    pub code: String,
    /// The verb or verb class.
    pub head: Head,
    /// What must follow the head, in order.
    pub elems: Vec<Elem>,
    /// Where the target may be: `None` entry = direct object (`OBJ`), otherwise a
    /// (possibly multiword) preposition ("to", "in support of").
    pub targets: Vec<Option<Vec<String>>>,
    /// 1-based line in verbs.txt.
    pub line: usize,
    /// A user dictionary's paired code (`042:043`): the event the target does
    /// to the source at the same time (visiting and hosting).
    pub paired: Option<String>,
    /// Elements that must come before the verb, in text order (written
    /// `BEFORE... < HEAD ...`): "did n't < clash over * efforts".
    pub before: Vec<Elem>,
    /// The line's pattern text, for audit output.
    pub text: String,
    /// A compound marker (`%SUBJECT`, `%TARGET`): the events are between the
    /// members of that compound actor.
    pub compound: Option<Compound>,
}

/// Which compound actor a pattern's `%` marker stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compound {
    /// The subject before the verb (`% HAVE POSTPONED *`).
    Subject,
    /// The target after the verb (`HAS * WITH %`).
    Target,
}

impl Pattern {
    /// Number of non-gap elements (the engine prefers the longest match).
    pub fn specificity(&self) -> usize {
        self.elems
            .iter()
            .chain(self.before.iter())
            .filter(|e| !matches!(e, Elem::Gap))
            .count()
    }
    /// True when the target may be the direct object.
    pub fn allows_object(&self) -> bool {
        self.targets.iter().any(Option::is_none)
    }
    /// The prepositions (each as its words) that may introduce the target.
    pub fn prepositions(&self) -> impl Iterator<Item = &[String]> {
        self.targets.iter().filter_map(|t| t.as_deref())
    }
}

/// The compiled dictionary.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// All patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Word classes: name (without `@`) -> lower-case members (single words or space-separated phrases).
    pub classes: HashMap<String, Vec<String>>,
    /// Surface verb form -> lemmas (regular inflections generated, irregulars from `%irregular`).
    pub forms: HashMap<String, Vec<String>>,
    /// `%stem` heads: a stem and the one-element lemma list it stands for.
    pub stems: Vec<(String, Vec<String>)>,
}

fn valid_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && w.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '\'' || c == '.'
        })
}

/// A user dictionary's event code: 2-4 digits and at most one capital ("174K").
fn valid_user_code(code: &str) -> bool {
    let digits = code.bytes().take_while(u8::is_ascii_digit).count();
    (2..=4).contains(&digits) && code.len() - digits <= 1 && code[digits..].bytes().all(|b| b.is_ascii_uppercase())
}

fn valid_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Split a class definition body into members; `"a b"` is one phrase member.
fn split_members(body: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').ok_or("unterminated quoted phrase")?;
            let phrase: Vec<&str> = r[..end].split_whitespace().collect();
            if phrase.is_empty() {
                return Err("empty quoted phrase".into());
            }
            for w in &phrase {
                if !valid_word(w) {
                    return Err(format!("bad word `{w}` in phrase (lower-case words only)"));
                }
            }
            out.push(phrase.join(" "));
            rest = r[end + 1..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let w = &rest[..end];
            if !valid_word(w) {
                return Err(format!("bad class member `{w}` (lower-case words only)"));
            }
            out.push(w.to_string());
            rest = rest[end..].trim_start();
        }
    }
    Ok(out)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn syllables(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for (i, &c) in w.iter().enumerate() {
        let v = is_vowel(c) || (c == b'y' && i > 0);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    // silent final e ("make", "ease")
    if n > 1 && w.ends_with(b"e") && !w.ends_with(b"ee") && !w.ends_with(b"le") {
        n -= 1;
    }
    n
}

/// Polysyllabic verbs with final stress that double their last consonant.
const DOUBLERS: &[&str] = &[
    "abet", "acquit", "admit", "allot", "commit", "compel", "confer", "control", "deter", "dispel",
    "emit", "equip", "expel", "forbid", "incur", "infer", "occur", "omit", "patrol", "permit",
    "prefer", "propel", "recur", "refer", "regret", "rebel", "repel", "submit", "transmit",
    "transfer", "upset", "outbid", "embed", "format", "kidnap", "worship", "handicap",
];

/// Does the lemma double its final consonant before -ed/-ing (American spelling)?
fn doubles(lemma: &str) -> bool {
    if DOUBLERS.contains(&lemma) {
        return true;
    }
    let b = lemma.as_bytes();
    if b.len() < 3 || syllables(b) != 1 {
        return false;
    }
    let (c1, v, c2) = (b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]);
    let single_vowel =
        is_vowel(v) && !is_vowel(c1) && !(c1 == b'u' && b.len() > 3 && b[b.len() - 4] == b'q');
    // "quit": qu counts as a consonant
    let qu = b.len() >= 4 && b[b.len() - 4] == b'q' && c1 == b'u' && is_vowel(v);
    (single_vowel || qu) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y')
}

/// British doubling of final -l after a single vowel in unstressed syllables
/// ("cancel" → "cancelled"), generated alongside the American form.
fn british_l(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    b.len() >= 4
        && syllables(b) >= 2
        && b[b.len() - 1] == b'l'
        && is_vowel(b[b.len() - 2])
        && !is_vowel(b[b.len() - 3])
}

/// Regular inflected forms of a verb lemma: (3sg, past/participle, -ing) plus
/// spelling variants. `with_past` false skips the -ed forms (irregular verbs).
pub fn regular_forms(lemma: &str, with_past: bool) -> Vec<String> {
    let mut out = Vec::new();
    let b = lemma.as_bytes();
    if b.is_empty() {
        return out;
    }
    let last = b[b.len() - 1];
    let cons_y = last == b'y' && b.len() >= 2 && !is_vowel(b[b.len() - 2]);
    let stem = &lemma[..lemma.len() - 1];
    // 3rd person singular
    if cons_y {
        out.push(format!("{stem}ies"));
    } else if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || (lemma.ends_with('o') && !lemma.ends_with("oo"))
    {
        out.push(format!("{lemma}es"));
    } else {
        out.push(format!("{lemma}s"));
    }
    let dbl = doubles(lemma);
    let brit = british_l(lemma);
    // past / participle
    if with_past {
        if last == b'e' {
            out.push(format!("{lemma}d"));
        } else if cons_y {
            out.push(format!("{stem}ied"));
        } else if dbl {
            out.push(format!("{lemma}{}ed", last as char));
        } else {
            out.push(format!("{lemma}ed"));
            if brit {
                out.push(format!("{lemma}led"));
            }
        }
    }
    // -ing
    if let Some(st) = lemma.strip_suffix("ie") {
        out.push(format!("{st}ying"));
    } else if last == b'e'
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && !lemma.ends_with("oe")
        && b.len() > 2
    {
        out.push(format!("{stem}ing"));
    } else if dbl {
        out.push(format!("{lemma}{}ing", last as char));
    } else {
        out.push(format!("{lemma}ing"));
        if brit {
            out.push(format!("{lemma}ling"));
        }
    }
    out
}

fn add_form(forms: &mut HashMap<String, Vec<String>>, surface: &str, lemma: &str) {
    let v = forms.entry(surface.to_string()).or_default();
    if !v.iter().any(|l| l == lemma) {
        v.push(lemma.to_string());
    }
}

enum Raw {
    Pattern {
        line: usize,
        code: String,
        paired: Option<String>,
        before: Vec<Elem>,
        head: Head,
        elems: Vec<Elem>,
        targets: Vec<Option<Vec<String>>>,
        text: String,
        compound: Option<Compound>,
    },
}

impl PatternSet {
    /// The dictionary compiled into herald.
    ///
    /// The embedded file is checked by the crate's tests; should it ever fail to
    /// parse, this returns an empty set rather than panicking.
    pub fn embedded() -> &'static PatternSet {
        static PS: OnceLock<PatternSet> = OnceLock::new();
        PS.get_or_init(|| PatternSet::parse(EMBEDDED_SOURCE).unwrap_or_default())
    }

    /// Parse a dictionary, checking codes against the embedded codebook.
    /// Errors name the 1-based line and what is wrong.
    pub fn parse(src: &str) -> Result<PatternSet, String> {
        Self::parse_with(src, Codebook::embedded())
    }

    /// Parse a dictionary, checking codes against `codebook`.
    pub fn parse_with(src: &str, codebook: &Codebook) -> Result<PatternSet, String> {
        Self::parse_impl(src, codebook, usize::MAX)
    }

    /// herald's dictionary with a user's patterns (already in herald's format)
    /// after it. The user's lines may carry codes the codebook does not know
    /// (a dictionary's own test codes such as "174K"). Returns the set and the
    /// first line number that belongs to the user's text; errors name the line
    /// within the user's text.
    pub fn parse_layered(base: &str, user: &str) -> Result<(PatternSet, usize), String> {
        let first_user_line = base.lines().count() + 2;
        let src = format!("{base}\n\n{user}");
        let set = Self::parse_impl(&src, Codebook::embedded(), first_user_line).map_err(|e| {
            // re-number "line N" into the user's text when it falls there
            match e.strip_prefix("line ").and_then(|r| r.split_once(':')) {
                Some((n, rest)) => match n.parse::<usize>() {
                    Ok(n) if n >= first_user_line => format!("user patterns line {}:{rest}", n + 1 - first_user_line),
                    _ => e,
                },
                None => e,
            }
        })?;
        Ok((set, first_user_line))
    }

    fn parse_impl(src: &str, codebook: &Codebook, lenient_from: usize) -> Result<PatternSet, String> {
        let mut set = PatternSet::default();
        let mut class_line: HashMap<String, usize> = HashMap::default();
        let mut irregular: HashMap<String, Vec<String>> = HashMap::default();
        let mut raws = Vec::new();
        for (i, raw_line) in src.lines().enumerate() {
            let ln = i + 1;
            let line = match raw_line.find('#') {
                Some(p) => &raw_line[..p],
                None => raw_line,
            }
            .trim();
            if line.is_empty() {
                continue;
            }
            if let Some(def) = line.strip_prefix('@') {
                let (name, body) = def.split_once(char::is_whitespace).unwrap_or((def, ""));
                if !valid_word(name) {
                    return Err(format!("line {ln}: bad class name `@{name}`"));
                }
                if let Some(prev) = class_line.get(name) {
                    return Err(format!(
                        "line {ln}: class @{name} already defined on line {prev}"
                    ));
                }
                let members =
                    split_members(body).map_err(|e| format!("line {ln}: @{name}: {e}"))?;
                if members.is_empty() {
                    return Err(format!("line {ln}: class @{name} has no members"));
                }
                class_line.insert(name.to_string(), ln);
                set.classes.insert(name.to_string(), members);
                continue;
            }
            if let Some(def) = line.strip_prefix('%') {
                let mut it = def.split_whitespace();
                match it.next() {
                    Some("stem") => {
                        // `%stem accus`: the head "accus" matches every word it
                        // begins (TABARI's stems: "accused", "accusation")
                        for w in it {
                            if !valid_word(w) || w.len() < 3 {
                                return Err(format!("line {ln}: bad stem `{w}` (a lower-case word of 3+ letters)"));
                            }
                            if !set.stems.iter().any(|(st, _)| st == w) {
                                set.stems.push((w.to_string(), vec![w.to_string()]));
                            }
                        }
                        continue;
                    }
                    Some("irregular") => {}
                    other => {
                        return Err(format!(
                            "line {ln}: unknown directive `%{}` (only %irregular and %stem)",
                            other.unwrap_or("")
                        ))
                    }
                }
                let words: Vec<&str> = it.collect();
                if words.len() < 3 {
                    return Err(format!(
                        "line {ln}: %irregular needs LEMMA PAST PARTICIPLE [more forms]"
                    ));
                }
                for w in &words {
                    if !valid_word(w) {
                        return Err(format!("line {ln}: bad word `{w}` in %irregular"));
                    }
                }
                let entry = irregular.entry(words[0].to_string()).or_default();
                entry.extend(words[1..].iter().map(|w| w.to_string()));
                continue;
            }
            // pattern line
            let (code, rest) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("line {ln}: malformed line `{line}` (CODE HEAD ...)"))?;
            let user_line = ln >= lenient_from;
            let (code, paired) = match code.split_once(':') {
                Some((a, b)) if user_line && valid_user_code(b) => (a, Some(b.to_string())),
                _ => (code, None),
            };
            if !(valid_code(code) || user_line && valid_user_code(code)) {
                return Err(format!(
                    "line {ln}: malformed line: `{code}` is not a CAMEO code"
                ));
            }
            if !codebook.contains(code) && !user_line {
                return Err(format!("line {ln}: code {code} is not in the codebook"));
            }
            let (body, tgt) = match rest.split_once('|') {
                Some((b, t)) => (b.trim(), Some(t.trim())),
                None => (rest.trim(), None),
            };
            // "BEFORE... < HEAD ...": elements before the verb (user dictionaries)
            let (before_src, body) = match body.split_once(" < ") {
                Some((b, rest)) if user_line => (Some(b), rest),
                _ => (None, body),
            };
            let mut before = Vec::new();
            for t in before_src.unwrap_or("").split_whitespace() {
                before.push(if t == "*" {
                    Elem::Gap
                } else if let Some(c) = t.strip_prefix('@') {
                    Elem::Class(c.to_string())
                } else if valid_word(t) {
                    Elem::Word(t.to_string())
                } else {
                    return Err(format!("line {ln}: bad element `{t}` before the verb"));
                });
            }
            let mut toks = body.split_whitespace();
            let head_tok = toks
                .next()
                .ok_or_else(|| format!("line {ln}: pattern for {code} has no head verb"))?;
            let head = if let Some(c) = head_tok.strip_prefix('@') {
                Head::Class(c.to_string())
            } else if valid_word(head_tok) {
                Head::Lemma(head_tok.to_string())
            } else {
                return Err(format!(
                    "line {ln}: bad head `{head_tok}` (a lower-case verb lemma or @class)"
                ));
            };
            let mut elems = Vec::new();
            for t in toks {
                let e = if t == "*" {
                    if matches!(elems.last(), Some(Elem::Gap)) {
                        return Err(format!("line {ln}: two gaps `* *` in a row"));
                    }
                    Elem::Gap
                } else if let Some(c) = t.strip_prefix('@') {
                    Elem::Class(c.to_string())
                } else if valid_word(t) {
                    Elem::Word(t.to_string())
                } else {
                    return Err(format!(
                        "line {ln}: bad element `{t}` (lower-case word, @class or *)"
                    ));
                };
                elems.push(e);
            }
            if matches!(elems.last(), Some(Elem::Gap)) {
                return Err(format!("line {ln}: pattern ends with a gap `*`"));
            }
            let mut compound = None;
            let targets = match tgt {
                None => vec![None],
                Some(t) => {
                    let mut v = Vec::new();
                    for item in t.split(',') {
                        let item = item.trim();
                        if item.is_empty() {
                            return Err(format!("line {ln}: empty target after `|`"));
                        }
                        if item == "%SUBJECT" {
                            compound = Some(Compound::Subject);
                        } else if item == "%TARGET" {
                            compound = Some(Compound::Target);
                        } else if item == "OBJ" {
                            v.push(None);
                        } else {
                            let words: Vec<String> =
                                item.split_whitespace().map(str::to_string).collect();
                            if let Some(bad) = words.iter().find(|w| !valid_word(w)) {
                                return Err(format!(
                                    "line {ln}: bad target `{bad}` (OBJ or a lower-case preposition)"
                                ));
                            }
                            v.push(Some(words));
                        }
                    }
                    v
                }
            };
            raws.push(Raw::Pattern {
                line: ln,
                code: code.to_string(),
                paired,
                before,
                head,
                elems,
                targets,
                text: line.to_string(),
                compound,
            });
        }
        // resolve classes, build patterns and forms
        let mut lemmas: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::default();
        for Raw::Pattern {
            line,
            code,
            paired,
            before,
            head,
            elems,
            targets,
            text,
            compound,
        } in raws
        {
            match &head {
                Head::Lemma(l) => {
                    if seen.insert(l.clone()) {
                        lemmas.push(l.clone());
                    }
                }
                Head::Class(c) => {
                    let members = set
                        .classes
                        .get(c)
                        .ok_or_else(|| format!("line {line}: unknown class @{c}"))?;
                    for m in members {
                        if m.contains(' ') {
                            return Err(format!(
                                "line {line}: class @{c} is used as a head but has the phrase member `{m}` (verb lemmas only)"
                            ));
                        }
                        if seen.insert(m.clone()) {
                            lemmas.push(m.clone());
                        }
                    }
                }
            }
            for e in elems.iter().chain(before.iter()) {
                if let Elem::Class(c) = e {
                    if !set.classes.contains_key(c) {
                        return Err(format!("line {line}: unknown class @{c}"));
                    }
                }
            }
            set.patterns.push(Pattern {
                code,
                head,
                elems,
                targets,
                line,
                paired,
                before,
                text,
                compound,
            });
        }
        for l in lemmas.iter().chain(irregular.keys()) {
            add_form(&mut set.forms, l, l);
            let irr = irregular.get(l);
            for f in regular_forms(l, irr.is_none()) {
                add_form(&mut set.forms, &f, l);
            }
            if let Some(irr) = irr {
                for f in irr {
                    add_form(&mut set.forms, f, l);
                }
            }
        }
        // a `%stem` also heads the forms of other lemmas it begins ("restor" for
        // "restored", which herald knows as a form of "restore")
        if !set.stems.is_empty() {
            let surfaces: Vec<String> = set.forms.keys().cloned().collect();
            for sf in surfaces {
                let stems: Vec<String> = set.stems.iter().filter(|(st, _)| sf.starts_with(st.as_str())).map(|(st, _)| st.clone()).collect();
                for st in stems {
                    add_form(&mut set.forms, &sf, &st);
                }
            }
        }
        Ok(set)
    }

    /// The lemmas a surface verb form belongs to (empty slice if none); a
    /// word no form names may still begin with a `%stem`.
    pub fn lemmas(&self, surface: &str) -> &[String] {
        match self.forms.get(surface) {
            Some(v) => v.as_slice(),
            None if !self.stems.is_empty() => self
                .stems
                .iter()
                .filter(|(st, _)| surface.starts_with(st.as_str()))
                .max_by_key(|(st, _)| st.len())
                .map_or(&[], |(_, l)| l.as_slice()),
            None => &[],
        }
    }

    /// Members of a class (empty slice if the class does not exist).
    pub fn class(&self, name: &str) -> &[String] {
        self.classes.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when `lemma` heads `pattern` (directly or as a member of its head class).
    pub fn head_matches(&self, pattern: &Pattern, lemma: &str) -> bool {
        match &pattern.head {
            Head::Lemma(l) => l == lemma,
            Head::Class(c) => self.class(c).iter().any(|m| m == lemma),
        }
    }

    /// Patterns whose head is `lemma` or a class containing it, in file order.
    pub fn patterns_for<'a>(&'a self, lemma: &'a str) -> impl Iterator<Item = &'a Pattern> + 'a {
        self.patterns
            .iter()
            .filter(move |p| self.head_matches(p, lemma))
    }

    /// Distinct CAMEO codes that have at least one pattern, sorted.
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.patterns.iter().map(|p| p.code.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        let cases: &[(&str, &[&str])] = &[
            ("ban", &["bans", "banned", "banning"]),
            ("visit", &["visits", "visited", "visiting"]),
            ("agree", &["agrees", "agreed", "agreeing"]),
            ("try", &["tries", "tried", "trying"]),
            ("supply", &["supplies", "supplied", "supplying"]),
            ("host", &["hosts", "hosted", "hosting"]),
            ("release", &["releases", "released", "releasing"]),
            ("stop", &["stops", "stopped", "stopping"]),
            ("reach", &["reaches", "reached", "reaching"]),
            ("veto", &["vetoes", "vetoed", "vetoing"]),
            ("expel", &["expels", "expelled", "expelling"]),
            ("commit", &["commits", "committed", "committing"]),
            (
                "cancel",
                &[
                    "cancels",
                    "canceled",
                    "cancelled",
                    "canceling",
                    "cancelling",
                ],
            ),
            ("tie", &["ties", "tied", "tying"]),
            ("play", &["plays", "played", "playing"]),
            ("quit", &["quits", "quitted", "quitting"]),
            ("free", &["frees", "freed", "freeing"]),
            ("shell", &["shells", "shelled", "shelling"]),
            ("open", &["opens", "opened", "opening"]),
        ];
        for (lemma, want) in cases {
            let got = regular_forms(lemma, true);
            assert_eq!(&got, want, "forms of {lemma}");
        }
    }

    #[test]
    fn parse_small() {
        let src = "# c\n@light hold make\n@arms troops \"attack helicopters\"\n%irregular hold held held\n%irregular make made made\n\
                   041 @light * phone call | with\n072 send * @arms | to, in support of, OBJ\n040 meet\n%irregular send sent sent\n";
        let ps = PatternSet::parse(src).unwrap();
        assert_eq!(ps.patterns.len(), 3);
        assert_eq!(ps.patterns[0].line, 6);
        assert_eq!(ps.patterns[0].head, Head::Class("light".into()));
        assert_eq!(
            ps.patterns[0].elems,
            vec![
                Elem::Gap,
                Elem::Word("phone".into()),
                Elem::Word("call".into())
            ]
        );
        assert_eq!(ps.patterns[0].targets, vec![Some(vec!["with".to_string()])]);
        assert_eq!(
            ps.patterns[1].targets,
            vec![
                Some(vec!["to".into()]),
                Some(vec!["in".into(), "support".into(), "of".into()]),
                None
            ]
        );
        assert_eq!(ps.patterns[2].targets, vec![None]);
        assert_eq!(
            ps.class("arms"),
            ["troops".to_string(), "attack helicopters".to_string()]
        );
        assert_eq!(ps.lemmas("held"), ["hold".to_string()]);
        assert_eq!(ps.lemmas("sent"), ["send".to_string()]);
        assert_eq!(ps.lemmas("making"), ["make".to_string()]);
        assert_eq!(ps.lemmas("meets"), ["meet".to_string()]);
        assert!(ps.lemmas("holded").is_empty());
        assert!(ps.lemmas("zzz").is_empty());
        assert_eq!(ps.patterns[1].specificity(), 1);
        assert_eq!(ps.patterns[0].specificity(), 2);
        assert_eq!(ps.patterns_for("make").count(), 1);
    }

    #[test]
    fn stems_head_the_forms_of_lemmas_they_begin() {
        let (ps, _) = PatternSet::parse_layered("040 restore\n", "%stem restor\n064 restor\n").unwrap();
        for (surface, want) in [("restored", &["restore", "restor"][..]), ("restoring", &["restore", "restor"]), ("restoration", &["restor"])] {
            assert_eq!(ps.lemmas(surface), want, "{surface}");
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        let cases: &[(&str, &str)] = &[
            (
                "040 meet\n999 meet\n",
                "line 2: code 999 is not in the codebook",
            ),
            ("04x meet\n", "line 1: malformed"),
            ("040\n", "line 1: malformed"),
            ("\n040 @nope\n", "line 2: unknown class @nope"),
            ("040 meet @nope\n", "line 1: unknown class @nope"),
            ("040 meet *\n", "line 1: pattern ends with a gap"),
            ("040 meet * * x\n", "line 1: two gaps"),
            ("040 Meet\n", "line 1: bad head"),
            ("040 meet X\n", "line 1: bad element"),
            ("040 meet |\n", "line 1: empty target"),
            ("040 meet | with,\n", "line 1: empty target"),
            ("040 meet | With\n", "line 1: bad target"),
            ("@a x\n@a y\n", "line 2: class @a already defined on line 1"),
            ("@a\n", "line 1: class @a has no members"),
            ("@a \"x y\n", "line 1: @a: unterminated"),
            ("%irregular go went\n", "line 1: %irregular needs"),
            ("%regular go went gone\n", "line 1: unknown directive"),
            (
                "@v \"hold up\"\n040 @v\n",
                "line 2: class @v is used as a head",
            ),
        ];
        for (src, want) in cases {
            match PatternSet::parse(src) {
                Ok(_) => panic!("expected error `{want}` for {src:?}"),
                Err(e) => assert!(e.contains(want), "error `{e}` should contain `{want}`"),
            }
        }
    }
}
