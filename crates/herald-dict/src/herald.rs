//! Translation of an imported dictionary into herald's own table formats, so a
//! user's dictionary can be layered over herald's knowledge or replace it.
//!
//! - [`verb_patterns`]: verbs and their patterns → lines of herald's
//!   `verbs.txt` format (`CODE head [elements] | targets`), with `@classes` for
//!   synsets and verb blocks and `%irregular` for listed forms. Patterns that
//!   herald's coder cannot express (words before the verb, a source marker,
//!   compound markers, TABARI stems) are left out and counted, not guessed.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::{AgentPosition, Dictionary, Elem, PatItem, VerbPattern};

/// The result of a translation: herald-format text, plus what was left out.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    /// Lines in herald's format.
    pub text: String,
    /// How many entries or patterns were translated.
    pub translated: usize,
    /// What was left out and why ("file:line: reason").
    pub skipped: Vec<String>,
}

/// Where a translated pattern without a `+` marker looks for its target.
const DEFAULT_TARGETS: &[&str] = &["OBJ", "with", "to", "against", "between", "on", "at", "for", "from", "into", "toward", "towards", "over", "in"];

/// Prepositions that introduce a target written right after them (`WITH +`).
const TARGET_PREPOSITIONS: &[&str] = &[
    "with", "to", "against", "between", "on", "at", "for", "from", "into", "toward", "towards", "over", "in", "of", "by",
    "about", "upon", "among",
];

/// A word herald's pattern format accepts.
fn herald_word(w: &str) -> Option<String> {
    let w = w.to_lowercase();
    let ok = !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '\'' || c == '.');
    ok.then_some(w)
}

/// A dictionary word as the words herald's tokenizer makes of it ("didn't" →
/// "did n't"), joined by blanks; `None` when one of them is not a word
/// herald's patterns accept.
fn herald_words(w: &str) -> Option<String> {
    let toks = herald_text::tokenize(w);
    if toks.len() <= 1 {
        return herald_word(w);
    }
    let words: Option<Vec<String>> = toks.iter().map(|t| herald_word(&t.norm)).collect();
    words.map(|v| v.join(" "))
}

/// An event code herald can carry: 2-4 digits, optionally a letter suffix ("174K").
fn herald_code(code: &str) -> Option<&str> {
    let digits = code.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &code[digits..];
    ((2..=4).contains(&digits) && rest.len() <= 1 && rest.bytes().all(|b| b.is_ascii_uppercase())).then_some(code)
}

fn class_name(prefix: &str, name: &str) -> String {
    let mut s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s = s.trim_matches('-').to_string();
    format!("{prefix}-{s}")
}

/// Words after the verb, as herald elements and targets.
struct Built {
    elems: Vec<String>,
    targets: Vec<String>,
}

/// `%` after the verb: the compound target's members act on each other.
const COMPOUND_TARGET: &str = "%TARGET";
/// `%` before the verb: the compound subject's members act on each other.
const COMPOUND_SUBJECT: &str = "%SUBJECT";

/// Classes made while translating: synsets (`syn-`), TABARI stems (`stm-`:
/// the stem's likely inflections and derivations) and `{A | B}` alternatives
/// (`alt-`), each as its members (phrases of lower-case words).
#[derive(Default)]
struct Ctx {
    synsets: std::collections::BTreeMap<String, Vec<String>>,
    /// The synsets with their stems' inflections only (for combinations).
    core_synsets: std::collections::BTreeMap<String, Vec<String>>,
    classes: std::collections::BTreeMap<String, Vec<String>>,
}

/// Most phrases an expansion may make (stems times synsets times alternatives).
const MAX_EXPANSION: usize = 400;
const TOO_MANY: &str = "too many word combinations";

/// The inflections of a TABARI stem only (where [`stem_forms`] would make
/// too many combinations).
fn inflections(stem: &str) -> Vec<String> {
    ["", "s", "es", "ed", "d", "ing"].iter().filter_map(|e| herald_word(&format!("{stem}{e}"))).collect()
}

/// Words a TABARI stem stands for: the stem itself and the stem with common
/// English endings ("contribut" → "contributed", "contribution"). TABARI takes
/// every word the stem begins; herald's patterns match whole words, so these
/// are the words that make the difference in practice.
pub fn stem_forms(stem: &str) -> Vec<String> {
    const ENDINGS: &[&str] = &[
        "", "s", "es", "ed", "d", "ing", "e", "er", "ers", "or", "ors", "ion", "ions", "ation", "ations", "ment", "ments",
        "al", "ally", "ly", "y", "ies", "ied", "ive", "ity", "ist", "ists", "ism", "an", "ans", "ian", "ians", "ese", "ish",
        "ic", "i", "is", "a", "as", "o", "os", "ia", "ance", "ence", "ant", "ent", "ure", "ures", "age", "ages", "ful", "ness", "ship",
    ];
    let mut out: Vec<String> = ENDINGS.iter().map(|e| format!("{stem}{e}")).collect();
    let b = stem.as_bytes();
    if let Some(&last) = b.last() {
        let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
        if !vowel(last) && b.len() >= 2 && vowel(b[b.len() - 2]) && !matches!(last, b'w' | b'x' | b'y') {
            let l = last as char;
            out.extend(["ed", "ing", "er", "ers"].iter().map(|e| format!("{stem}{l}{e}")));
        }
        if let Some(st) = stem.strip_suffix('e') {
            out.extend(["ing", "ion", "ions", "ation", "ations", "or", "ors"].iter().map(|e| format!("{st}{e}")));
        }
        if let Some(st) = stem.strip_suffix('y') {
            out.extend(["ies", "ied", "ier", "iers"].iter().map(|e| format!("{st}{e}")));
        }
    }
    let mut seen = BTreeSet::new();
    out.into_iter().filter_map(|w| herald_word(&w)).filter(|w| seen.insert(w.clone())).collect()
}

fn quote(phrase: &str) -> String {
    if phrase.contains(' ') {
        format!("\"{phrase}\"")
    } else {
        phrase.to_string()
    }
}

impl Ctx {
    /// The phrases a sequence of words, stems and synsets stands for; when
    /// stems make too many, they stand for their inflections only.
    fn expand(&self, items: &[PatItem]) -> Result<Vec<String>, &'static str> {
        match self.expand_with(items, false) {
            Err(TOO_MANY) => match self.expand_with(items, true) {
                Err(TOO_MANY) => self.expand_bare(items),
                other => other,
            },
            other => other,
        }
    }

    /// Stems as themselves and their -s form only (the last resort of [`Ctx::expand`]).
    fn expand_bare(&self, items: &[PatItem]) -> Result<Vec<String>, &'static str> {
        self.expand_forms(items, true, |w| [w.to_string(), format!("{w}s")].into_iter().filter_map(|x| herald_word(&x)).collect())
    }

    /// `core`: stems stand for their inflections, synsets for their core members.
    fn expand_with(&self, items: &[PatItem], core: bool) -> Result<Vec<String>, &'static str> {
        let forms: fn(&str) -> Vec<String> = if core { inflections } else { stem_forms };
        self.expand_forms(items, core, forms)
    }

    fn expand_forms(&self, items: &[PatItem], core: bool, forms: fn(&str) -> Vec<String>) -> Result<Vec<String>, &'static str> {
        let stem_forms = forms;
        let synsets = if core { &self.core_synsets } else { &self.synsets };
        let mut acc: Vec<String> = vec![String::new()];
        for item in items {
            let options: Vec<String> = match &item.elem {
                Elem::Word { word, stem: false } => vec![herald_words(word).ok_or("a word herald cannot match")?],
                Elem::Word { word, stem: true } => {
                    let w = herald_words(word).ok_or("a word herald cannot match")?;
                    match w.rsplit_once(' ') {
                        Some((head, last)) => stem_forms(last).into_iter().map(|f| format!("{head} {f}")).collect(),
                        None => stem_forms(&w),
                    }
                }
                Elem::Synset(name) => synsets.get(name).cloned().ok_or("an unknown synset")?,
                Elem::Alternatives(alts) => {
                    let mut v = Vec::new();
                    for a in alts {
                        v.extend(self.expand_forms(a, core, forms)?);
                    }
                    v
                }
                Elem::NounPhrase(inner) => self.expand_forms(inner, core, forms)?,
                _ => return Err("a marker inside a phrase"),
            };
            let mut next = Vec::new();
            for a in &acc {
                for o in &options {
                    next.push(if a.is_empty() { o.clone() } else { format!("{a} {o}") });
                }
            }
            if next.len() > MAX_EXPANSION {
                return Err(TOO_MANY);
            }
            acc = next;
        }
        acc.retain(|p| !p.is_empty());
        if acc.is_empty() {
            return Err("an empty phrase");
        }
        Ok(acc)
    }

    /// A class for these members (one class per distinct member list).
    fn class_for(&mut self, prefix: &str, hint: &str, mut members: Vec<String>) -> String {
        members.sort();
        members.dedup();
        if let Some((name, _)) = self.classes.iter().find(|(n, m)| n.starts_with(prefix) && **m == members) {
            return format!("@{name}");
        }
        let base = class_name(prefix, hint);
        let mut name = base.clone();
        let mut i = 2;
        while self.classes.contains_key(&name) {
            name = format!("{base}-{i}");
            i += 1;
        }
        self.classes.insert(name.clone(), members);
        format!("@{name}")
    }

    /// One pattern element for a word, stem, synset or alternatives.
    fn elem(&mut self, e: &Elem) -> Result<String, &'static str> {
        match e {
            Elem::Word { word, stem: false } => herald_words(word).ok_or("a word herald cannot match"),
            Elem::Word { word, stem: true } => {
                let w = herald_words(word).ok_or("a word herald cannot match")?;
                let forms = match w.rsplit_once(' ') {
                    Some((head, last)) => stem_forms(last).into_iter().map(|f| format!("{head} {f}")).collect(),
                    None => stem_forms(&w),
                };
                Ok(self.class_for("stm", &w, forms))
            }
            Elem::Synset(name) => {
                if !self.synsets.contains_key(name) {
                    return Err("an unknown synset");
                }
                Ok(format!("@{}", class_name("syn", name)))
            }
            Elem::Alternatives(alts) => {
                let mut v = Vec::new();
                for a in alts {
                    v.extend(self.expand(a).map_err(|_| "alternatives herald cannot match")?);
                }
                let hint = v.first().cloned().unwrap_or_default();
                Ok(self.class_for("alt", &hint, v))
            }
            _ => Err("an element herald cannot match"),
        }
    }
}

/// Translate the items after the verb. `None` when herald cannot express them.
fn build(items: &[PatItem], ctx: &mut Ctx) -> Result<Built, &'static str> {
    let mut b = Built { elems: Vec::new(), targets: Vec::new() };
    let mut target_seen = false;
    let push_gap = |b: &mut Built| {
        if b.elems.last().map(String::as_str) != Some("*") {
            b.elems.push("*".into());
        }
    };
    for (i, item) in items.iter().enumerate() {
        // a blank (not `_`) before an item lets other words come in between,
        // also between the verb and the first item ("abandon full diplomatic ties")
        if !item.joined && !matches!(item.elem, Elem::Target | Elem::Compound) {
            push_gap(&mut b);
        }
        match &item.elem {
            Elem::Word { .. } | Elem::Synset(_) | Elem::Alternatives(_) => {
                let e = ctx.elem(&item.elem)?;
                b.elems.push(e);
            }
            // a preposition right before a final target introduces it
            // ("EID AT ^ WITH +": the actor after "with", not the one skipped)
            Elem::Target | Elem::Compound
                if i + 1 == items.len()
                    && i > 0
                    && matches!(&items[i - 1].elem, Elem::Word { word, .. } if TARGET_PREPOSITIONS.contains(&word.as_str())) =>
            {
                let Elem::Word { word, .. } = &items[i - 1].elem else { unreachable!() };
                b.elems.pop();
                target_seen = true;
                b.targets.push(word.clone());
                if matches!(item.elem, Elem::Compound) {
                    b.targets.push(COMPOUND_TARGET.into());
                }
            }
            Elem::Target | Elem::Compound => {
                if matches!(item.elem, Elem::Compound) && !b.targets.iter().any(|t| t == COMPOUND_TARGET) {
                    b.targets.push(COMPOUND_TARGET.into());
                }
                // the target is the object at this point (herald finds an actor
                // inside the matched words when OBJ is allowed)
                target_seen = true;
                if !b.targets.iter().any(|t| t == "OBJ") {
                    b.targets.push("OBJ".into());
                }
                push_gap(&mut b);
            }
            Elem::Source => return Err("a source marker"),
            Elem::Skip => push_gap(&mut b),
            Elem::NounPhrase(inner) => {
                let nb = build(inner, ctx)?;
                if !nb.targets.is_empty() {
                    return Err("a target inside a noun phrase");
                }
                b.elems.extend(nb.elems);
            }
            Elem::Prep(inner) => {
                let Some((first, rest)) = inner.split_first() else {
                    continue;
                };
                let Elem::Word { word, .. } = &first.elem else {
                    return Err("a preposition that is not a word");
                };
                let prep = herald_word(word).ok_or("a word herald cannot match")?;
                let has_target = rest.iter().any(|r| matches!(r.elem, Elem::Target | Elem::Compound));
                if rest.iter().any(|r| matches!(r.elem, Elem::Compound)) && !b.targets.iter().any(|t| t == COMPOUND_TARGET) {
                    b.targets.push(COMPOUND_TARGET.into());
                }
                if has_target || rest.is_empty() {
                    target_seen = true;
                    b.targets.push(prep);
                } else {
                    b.elems.push(prep);
                    let nb = build(rest, ctx)?;
                    if !nb.targets.is_empty() {
                        return Err("a nested target");
                    }
                    b.elems.extend(nb.elems);
                }
            }
        }
    }
    while b.elems.last().map(String::as_str) == Some("*") {
        b.elems.pop();
    }
    if !target_seen {
        // PETRARCH takes the first actor after the verb in its phrase: the
        // object, or the object of a preposition
        b.targets.extend(DEFAULT_TARGETS.iter().map(|t| t.to_string()));
    }
    Ok(b)
}

/// The items before the verb as herald elements (text order), with the gap
/// before the verb unless the last item is joined to it.
fn before_elems(items: &[PatItem], joined_to_verb: bool, ctx: &mut Ctx) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 && !item.joined && out.last().map(String::as_str) != Some("*") {
            out.push("*".into());
        }
        match &item.elem {
            Elem::Word { .. } | Elem::Synset(_) | Elem::Alternatives(_) => {
                let e = ctx.elem(&item.elem).map_err(|_| "an element before the verb herald cannot match")?;
                out.push(e);
            }
            Elem::Skip => {
                if out.last().map(String::as_str) != Some("*") {
                    out.push("*".into());
                }
            }
            // the compound subject: no word of its own (the flag is read by
            // the caller)
            Elem::Compound => {}
            Elem::Target => return Err("a target before the verb"),
            _ => return Err("an element before the verb herald cannot match"),
        }
    }
    if !out.is_empty() && !joined_to_verb && out.last().map(String::as_str) != Some("*") {
        out.push("*".into());
    }
    while out.first().map(String::as_str) == Some("*") {
        out.remove(0);
    }
    Ok(out)
}

fn pattern_line(code: &str, head: &str, pre: &[String], built: &Built) -> String {
    let mut line = format!("{code}  {head}");
    for w in pre.iter().chain(built.elems.iter()) {
        line.push(' ');
        line.push_str(w);
    }
    line.push_str(" | ");
    line.push_str(&built.targets.join(", "));
    line
}

/// Translate a dictionary's verbs into herald's `verbs.txt` format.
pub fn verb_patterns(dict: &Dictionary) -> Translation {
    let mut t = Translation::default();
    let mut out = String::new();
    let mut ctx = Ctx::default();
    // synsets → classes (words, stems, earlier synsets; PETRARCH plurals)
    for s in &dict.synsets {
        let mut members = Vec::new();
        // TABARI's stems cover plurals; PETRARCH adds them
        let tabari = dict.sources.get(s.origin.file as usize).is_some_and(|f| f.format == crate::Format::Tabari);
        let mut core = Vec::new();
        for m in &s.members {
            let plural = m.plural && !tabari;
            if let Ok(phrases) = ctx.expand_with(&m.items, true) {
                for phrase in phrases {
                    if plural {
                        core.push(format!("{phrase}s"));
                    }
                    core.push(phrase);
                }
            }
            let Ok(phrases) = ctx.expand(&m.items) else { continue };
            for phrase in phrases {
                if plural {
                    members.push(format!("{phrase}s"));
                }
                members.push(phrase);
            }
        }
        core.sort();
        core.dedup();
        ctx.core_synsets.insert(s.name.clone(), core);
        members.sort();
        members.dedup();
        if members.is_empty() {
            t.skipped.push(format!("{}:{}: synset &{} has no member herald can match", dict.file_name(s.origin), s.origin.line, s.name));
            continue;
        }
        let quoted: Vec<String> = members.iter().map(|m| quote(m)).collect();
        let _ = writeln!(out, "@{} {}", class_name("syn", &s.name), quoted.join(" "));
        ctx.synsets.insert(s.name.clone(), members);
    }
    for (bi, entry) in dict.verbs.iter().enumerate() {
        let file = dict.file_name(entry.origin).to_string();
        // verbs whose inflecting word is first (herald's head); others are left out
        let mut heads: Vec<(String, Vec<String>)> = Vec::new();
        for v in &entry.verbs {
            if v.head != 0 {
                t.skipped.push(format!("{file}:{}: verb {:?}: words before the verb", v.line, v.text()));
                continue;
            }
            let tabari_multi = v.words.len() > 1 && dict.sources.get(entry.origin.file as usize).is_some_and(|f| f.format == crate::Format::Tabari);
            if v.stem || tabari_multi {
                // a TABARI stem becomes a %stem head of herald's format; in a
                // multi-word verb ("BURN DOWN") the first word inflects
                match herald_word(v.lemma()) {
                    Some(st) if st.len() >= 3 => {
                        let _ = writeln!(out, "%stem {st}");
                    }
                    _ if v.words.len() == 1 => {}
                    _ => {
                        t.skipped.push(format!("{file}:{}: verb {:?}: a verb word of fewer than 3 letters", v.line, v.text()));
                        continue;
                    }
                }
            }
            let Some(lemma) = herald_word(v.lemma()) else { continue };
            let rest: Option<Vec<String>> = if tabari_multi {
                // TABARI: blanks allow other words in between; the last word is a
                // stem unless written with a trailing `_`
                let n = v.words.len();
                let mut r = Vec::new();
                let mut ok = true;
                for (i, w) in v.words.iter().enumerate().skip(1) {
                    r.push("*".to_string());
                    match ctx.elem(&Elem::Word { word: w.clone(), stem: v.stem && i + 1 == n && w.len() >= 3 }) {
                        Ok(e) => r.push(e),
                        Err(_) => ok = false,
                    }
                }
                ok.then_some(r)
            } else {
                v.words[1..].iter().map(|w| herald_word(w)).collect()
            };
            let Some(rest) = rest else {
                t.skipped.push(format!("{file}:{}: verb {:?}: a word herald cannot match", v.line, v.text()));
                continue;
            };
            if let Some(forms) = &v.forms {
                let single: Vec<String> = forms.iter().filter(|f| f.len() == 1).filter_map(|f| herald_word(&f[0])).collect();
                if single.len() >= 2 {
                    let _ = writeln!(out, "%irregular {lemma} {}", single.join(" "));
                }
            }
            // the verb's own code, else the block's
            let code = v.code.as_ref().unwrap_or(&entry.code);
            if let Some(c) = code.primary().and_then(herald_code) {
                let built = Built { elems: Vec::new(), targets: DEFAULT_TARGETS.iter().map(|t| t.to_string()).collect() };
                let c = match code.paired().and_then(herald_code) {
                    Some(pc) => format!("{c}:{pc}"),
                    None => c.to_string(),
                };
                let _ = writeln!(out, "{}", pattern_line(&c, &lemma, &rest, &built));
                t.translated += 1;
            }
            heads.push((lemma, rest));
        }
        if heads.is_empty() {
            continue;
        }
        // one class per block so every pattern applies to all its verbs
        let single_word: Vec<&str> = heads.iter().filter(|(_, r)| r.is_empty()).map(|(l, _)| l.as_str()).collect();
        let class = if single_word.len() > 1 {
            let name = class_name("blk", &format!("{}_{bi}", entry.block.clone().unwrap_or_else(|| single_word[0].to_string())));
            let mut uniq: Vec<&str> = single_word.clone();
            uniq.sort_unstable();
            uniq.dedup();
            let _ = writeln!(out, "@{name} {}", uniq.join(" "));
            Some(name)
        } else {
            None
        };
        let tabari = dict.sources.get(entry.origin.file as usize).is_some_and(|f| f.format == crate::Format::Tabari);
        // TABARI tries a pattern's literal words before synsets: of patterns herald
        // finds equally specific, the one with fewer synsets comes first
        // ("* DOLLAR" before "* &CURRENCY" for "a million dollars")
        let mut patterns: Vec<&VerbPattern> = entry.patterns.iter().collect();
        if tabari {
            patterns.sort_by_key(|p| synset_count(&p.before) + synset_count(&p.after));
        }
        for p in patterns {
            translate_pattern(&mut t, &mut out, &file, p, &heads, class.as_deref(), &mut ctx, tabari);
        }
    }
    for (name, members) in &ctx.classes {
        let quoted: Vec<String> = members.iter().map(|m| quote(m)).collect();
        let _ = writeln!(out, "@{name} {}", quoted.join(" "));
    }
    t.text = out;
    t
}

/// How many synsets a pattern's items name (also inside groups).
fn synset_count(items: &[PatItem]) -> usize {
    items
        .iter()
        .map(|i| match &i.elem {
            Elem::Synset(_) => 1,
            Elem::Alternatives(alts) => alts.iter().map(|a| synset_count(a)).max().unwrap_or(0),
            Elem::NounPhrase(v) | Elem::Prep(v) => synset_count(v),
            _ => 0,
        })
        .sum()
}

/// A pattern's items with the source marker `$` dropped where herald finds the
/// source there by itself: before the verb with the target after it (the
/// subject: `$ *`, `SAID $ *`), or after "by" with the target before the verb
/// (the passive: `+ WAS * BY $`, where herald's passive takes the source from
/// "by" and the target from the subject). `None` for other placements.
fn source_as_herald_reads_it(p: &VerbPattern) -> Option<(Vec<PatItem>, Vec<PatItem>)> {
    if !p.has_source_marker() {
        return Some((p.before.clone(), p.after.clone()));
    }
    let is = |i: &PatItem, f: fn(&Elem) -> bool| f(&i.elem);
    let source = |e: &Elem| matches!(e, Elem::Source);
    let target = |e: &Elem| matches!(e, Elem::Target);
    let nested = |items: &[PatItem]| items.iter().any(|i| matches!(i.elem, Elem::Alternatives(_) | Elem::NounPhrase(_) | Elem::Prep(_)));
    if nested(&p.before) || nested(&p.after) {
        return None;
    }
    let src_before = p.before.iter().any(|i| is(i, source));
    let src_after = p.after.iter().any(|i| is(i, source));
    let tgt_before = p.before.iter().any(|i| is(i, target));
    if src_before && !src_after && !tgt_before {
        let before = p.before.iter().map(|i| if is(i, source) { PatItem { elem: Elem::Skip, joined: i.joined } } else { i.clone() }).collect();
        return Some((before, p.after.clone()));
    }
    if src_after && !src_before && tgt_before {
        // `... BY $` at the end
        let n = p.after.len();
        let by = n >= 2 && is(&p.after[n - 1], source) && matches!(&p.after[n - 2].elem, Elem::Word { word, .. } if word == "by");
        if !by || p.after[..n - 2].iter().any(|i| is(i, source) || is(i, target)) {
            return None;
        }
        let before = p.before.iter().filter(|i| !is(i, target)).cloned().collect();
        return Some((before, p.after[..n - 2].to_vec()));
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn translate_pattern(
    t: &mut Translation,
    out: &mut String,
    file: &str,
    p: &VerbPattern,
    heads: &[(String, Vec<String>)],
    class: Option<&str>,
    ctx: &mut Ctx,
    tabari: bool,
) {
    let Some(items) = source_as_herald_reads_it(p) else {
        t.skipped.push(format!("{file}:{}: pattern {:?}: a source marker", p.line, p.text));
        return;
    };
    let p = &VerbPattern { before: items.0, after: items.1, ..p.clone() };
    let Some(primary) = p.code.primary().and_then(herald_code) else {
        return; // null code: no event, and herald codes nothing without a pattern
    };
    // "042:043": the target's own event back (hosting the visit)
    let code_text = match p.code.paired().and_then(herald_code) {
        Some(paired) => format!("{primary}:{paired}"),
        None => primary.to_string(),
    };
    let code = code_text.as_str();
    let built = match build(&p.after, ctx) {
        Ok(b) => b,
        Err(why) => {
            t.skipped.push(format!("{file}:{}: pattern {:?}: {why}", p.line, p.text));
            return;
        }
    };
    // words before the verb: "&NEGATVAUXVRB * OVER EFFORTS" → "@syn-negatvauxvrb < clash * over * efforts"
    let before = match before_elems(&p.before, p.joined_to_verb, ctx) {
        Ok(b) => b,
        Err(why) => {
            t.skipped.push(format!("{file}:{}: pattern {:?}: {why}", p.line, p.text));
            return;
        }
    };
    // `%` before the verb: the events are between the compound subject's
    // members; the pattern has no target of its own
    let mut built = built;
    if p.before.iter().any(|i| matches!(i.elem, Elem::Compound)) {
        if built.targets.iter().any(|t| t == COMPOUND_TARGET) {
            t.skipped.push(format!("{file}:{}: pattern {:?}: two compound markers", p.line, p.text));
            return;
        }
        built.targets = vec![COMPOUND_SUBJECT.to_string()];
    }
    let prefix = |line: String| -> String {
        if before.is_empty() {
            return line;
        }
        match line.split_once("  ") {
            Some((code, rest)) => format!("{code}  {} < {rest}", before.join(" ")),
            None => line,
        }
    };
    // TABARI's blank lets any words come in between; herald's gap stops at a
    // preposition, so each of the first gaps also gets a variant that crosses one
    // ("ACT * RESOLUTION" over "act on a resolution")
    let mut variants: Vec<Vec<String>> = vec![built.elems.clone()];
    if tabari {
        let prep = ctx.class_for("tbr", "prep", TABARI_GAP_PREPOSITIONS.iter().map(|p| p.to_string()).collect());
        let gaps: Vec<usize> = built.elems.iter().enumerate().filter(|(_, e)| *e == "*").map(|(i, _)| i).take(MAX_GAP_VARIANTS).collect();
        // each gap crosses 0, 1 or 2 prepositions ("vowed on Thursday to wage war")
        let combos = 3u32.pow(gaps.len() as u32);
        let mut by_total: Vec<(u32, Vec<String>)> = Vec::new();
        for combo in 1..combos {
            let counts: Vec<u32> = (0..gaps.len()).map(|g| combo / 3u32.pow(g as u32) % 3).collect();
            let mut v = Vec::new();
            for (i, e) in built.elems.iter().enumerate() {
                v.push(e.clone());
                if let Some(g) = gaps.iter().position(|&g| g == i) {
                    for _ in 0..counts[g] {
                        v.push(prep.clone());
                        v.push("*".into());
                    }
                }
            }
            by_total.push((counts.iter().sum(), v));
        }
        by_total.sort_by_key(|(n, _)| *n);
        variants.extend(by_total.into_iter().take(MAX_VARIANTS).map(|(_, v)| v));
    }
    for elems in variants {
        let built = Built { elems, targets: built.targets.clone() };
        if let Some(c) = class {
            let _ = writeln!(out, "{}", prefix(pattern_line(code, &format!("@{c}"), &[], &built)));
        }
        for (lemma, rest) in heads {
            if class.is_some() && rest.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{}", prefix(pattern_line(code, lemma, rest, &built)));
        }
    }
    t.translated += 1;
}

/// Prepositions a TABARI gap may cross (herald's gaps cross "of" already).
const TABARI_GAP_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "over", "under", "about", "against", "between",
    "among", "during", "through", "across", "toward", "towards", "near", "amid", "within", "without", "upon", "via", "per",
    "like", "including", "regarding", "concerning", "behind", "beyond", "around", "along", "throughout", "outside", "inside",
    "off",
];

/// How many gaps of a TABARI pattern get variants crossing prepositions.
const MAX_GAP_VARIANTS: usize = 3;
/// Most such variants of one pattern (fewest crossings first).
const MAX_VARIANTS: usize = 12;

/// TABARI's discard code `###` on an actor, a verb without patterns or a
/// `<TIME>` phrase means a sentence that names it is not coded ("NASGUL
/// [###]", "SOCCER [###]"). Returns those phrases (as discards of the
/// sentence). Actors whose discard code holds only for some dates are not
/// included; `+++` (a verb read as a noun, an actor left alone) is no discard.
pub fn discard_phrases(dict: &Dictionary) -> Vec<crate::Phrase> {
    let null = |c: &str| c.starts_with("###");
    let mut out: Vec<crate::Phrase> = Vec::new();
    for a in &dict.actors {
        if !a.codes.is_empty() && a.codes.iter().all(|c| null(&c.code) && c.dates.is_always()) {
            out.extend(a.names.iter().cloned());
        }
    }
    for e in &dict.verbs {
        if e.patterns.iter().any(|p| !p.code.is_null()) {
            continue;
        }
        for v in &e.verbs {
            let code = v.code.as_ref().unwrap_or(&e.code);
            if null(code.raw.trim()) {
                out.push(crate::Phrase { words: v.words.clone(), gaps: vec![false; v.words.len().saturating_sub(1)], stem: v.stem });
            }
        }
    }
    for l in &dict.word_lists {
        for (p, code, _) in &l.entries {
            if code.as_deref().is_some_and(|c| null(c.trim())) {
                out.push(p.clone());
            }
        }
    }
    out.retain(|p| !p.words.is_empty());
    out
}

/// Actors and agents as rows of herald's knowledge-base tables
/// (`countries.tsv`, `organizations.tsv`, `people.tsv`, `roles.tsv`).
#[derive(Debug, Clone, Default)]
pub struct KbRows {
    /// New countries: `CODE<TAB>name<TAB>other names`.
    pub countries: String,
    /// Names with one standing code: `name<TAB>aliases<TAB>CODE`.
    pub organizations: String,
    /// Names with dated codes: `name<TAB>aliases<TAB>country<TAB>roles<TAB>start<TAB>end`.
    pub people: String,
    /// Agents: `phrase<TAB>ROLES`.
    pub roles: String,
    /// Entries translated.
    pub translated: usize,
    /// What was left out and why.
    pub skipped: Vec<String>,
}

/// A phrase as a knowledge-base name; a TABARI stem ends with `*` (the
/// matcher takes it as any word the last word begins: "arnor*" → "Arnorian").
fn kb_name(p: &crate::Phrase) -> Option<String> {
    if p.words.is_empty() {
        return None;
    }
    // herald's matcher reads a leading article itself ("THE_AU_" → "au")
    let words = match p.words.split_first() {
        Some((first, rest)) if first == "the" && !rest.is_empty() => rest,
        _ => &p.words[..],
    };
    let mut t = words.join(" ");
    if t.contains('\t') || t.contains(';') || t.contains('*') {
        return None;
    }
    // a number or a one-letter word stays whole ("GROUP OF 77")
    if p.stem && p.words.last().is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_alphabetic())) {
        t.push('*');
    }
    Some(t)
}

/// Translate a dictionary's actors and agents into herald's knowledge-base rows.
/// `is_country` says which 3-letter codes herald already has as countries: a
/// new bare 3-letter code becomes a country (so its names compose with role
/// words, "Arnorian police"), a known one an organisation-style name.
pub fn kb_rows(dict: &Dictionary, is_country: &dyn Fn(&str) -> bool) -> KbRows {
    let mut r = KbRows::default();
    let mut new_countries: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for a in &dict.actors {
        let file = dict.file_name(a.origin);
        let tabari = dict.sources.get(a.origin.file as usize).is_some_and(|f| f.format == crate::Format::Tabari);
        let mut names: Vec<String> = a.names.iter().filter_map(kb_name).collect();
        if tabari {
            // TABARI reads a whole word's regular plural as the word ("LIBYA_" for
            // "Libyas"); the possessive is herald's tokenizer's own
            let plurals: Vec<String> = names.iter().filter(|n| n.len() >= 4 && !n.ends_with('*') && n.ends_with(|c: char| c.is_ascii_alphabetic())).map(|n| format!("{n}s")).collect();
            names.extend(plurals);
        }
        let Some((name, aliases)) = names.split_first() else {
            r.skipped.push(format!("{file}:{}: actor with no name herald can match", a.origin.line));
            continue;
        };
        let codes: Vec<_> = a.codes.iter().filter(|c| !c.code.starts_with("---") && !c.code.starts_with("###") && !c.code.starts_with("+++")).collect();
        let valid = |c: &str| c.len() >= 3 && c.bytes().all(|b| b.is_ascii_alphanumeric());
        if codes.is_empty() || codes.iter().any(|c| !valid(&c.code.to_uppercase())) {
            r.skipped.push(format!("{file}:{}: actor {name:?}: no code herald can use", a.origin.line));
            continue;
        }
        r.translated += 1;
        // TABARI's `[FRO/BIL/SAM]`: one actor standing for several
        if codes.len() > 1 && codes.iter().all(|c| c.dates.is_always() && c.line == codes[0].line) {
            let code: Vec<String> = codes.iter().map(|c| c.code.to_uppercase()).collect();
            let _ = writeln!(r.organizations, "{name}\t{}\t{}", aliases.join(";"), code.join("/"));
            continue;
        }
        if codes.len() == 1 && codes[0].dates.is_always() {
            let code = codes[0].code.to_uppercase();
            if code.len() == 3 && !is_country(&code) {
                new_countries.entry(code).or_default().extend(names.iter().cloned());
            } else {
                let _ = writeln!(r.organizations, "{name}\t{}\t{code}", aliases.join(";"));
            }
            continue;
        }
        // an undated code is the fallback for the days no dated code covers
        // (`ZIMBABWE [RHO <790606] [ZBW]`: ZBW from 1979-06-06)
        let latest_until = a.codes.iter().filter_map(|c| c.dates.until).max();
        for c in codes {
            let code = c.code.to_uppercase();
            let mut dates = c.dates;
            if dates.is_always() {
                dates.from = latest_until;
                dates.until = a.codes.iter().filter_map(|c| c.dates.from).filter(|f| latest_until.is_none_or(|u| *f > u)).min();
            }
            let start = dates.from.map_or("*".to_string(), |d| d.to_string());
            let end = dates.until.map_or(String::new(), |d| d.add_days(-1).to_string());
            let _ = writeln!(r.people, "{name}\t{}\t{}\t{}\t{start}\t{end}", aliases.join(";"), &code[..3], &code[3..]);
        }
    }
    for (code, mut names) in new_countries {
        names.sort();
        names.dedup();
        let (first, rest) = names.split_first().map(|(f, r)| (f.clone(), r.to_vec())).unwrap_or_default();
        let _ = writeln!(r.countries, "{code}\t{first}\t{}", rest.join(";"));
    }
    for g in &dict.agents {
        let file = dict.file_name(g.origin);
        let code = g.code.to_uppercase();
        let Some(phrase) = kb_name(&g.phrase) else { continue };
        if code.is_empty() || code.len() % 3 != 0 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            r.skipped.push(format!("{file}:{}: agent {phrase:?}: no role code herald can use", g.origin.line));
            continue;
        }
        // PETRARCH `{...}`: exactly these plurals (`{}`: none); TABARI's agents
        // take regular plurals as its nouns do
        let petrarch = dict.sources.get(g.origin.file as usize).is_some_and(|f| f.format == crate::Format::Petrarch);
        let plurals: Option<Vec<String>> = match &g.plurals {
            crate::Plurals::Explicit(v) if petrarch => Some(v.iter().filter_map(kb_name).collect()),
            _ => None,
        };
        let mut flags: Vec<&str> = Vec::new();
        if g.position == AgentPosition::Prefix {
            // `[NGM~]`: the code goes before the actor's
            flags.push("prefix");
        }
        if plurals.is_some() {
            flags.push("noplural");
        }
        let flags = flags.join(",");
        for p in std::iter::once(phrase.clone()).chain(plurals.into_iter().flatten()) {
            if flags.is_empty() {
                let _ = writeln!(r.roles, "{p}\t{code}");
            } else {
                let _ = writeln!(r.roles, "{p}\t{code}\t{flags}");
            }
        }
        r.translated += 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_str, FileKind, Format};

    #[test]
    fn actors_and_agents_become_kb_rows() {
        let src = "ARNOR [ARN]\n+ARNORIAN\nISRAEL [ISR]\nARAGORN [RNGGOV >19950101]\n[RNGELI <19950101]\n";
        let parsed = parse_str(src, "x.actors.txt", Format::Petrarch, FileKind::Actors);
        let rows = kb_rows(&parsed.dictionary, &|c| c == "ISR");
        assert!(rows.countries.contains("ARN\tarnor\tarnorian"), "{}", rows.countries);
        assert!(rows.organizations.contains("israel\t\tISR"), "{}", rows.organizations);
        assert!(rows.people.contains("aragorn\t\tRNG\tGOV\t1995-01-01\t"), "{}", rows.people);
        let agents = parse_str("POLICE [~COP]\n", "x.agents.txt", Format::Petrarch, FileKind::Agents);
        assert!(kb_rows(&agents.dictionary, &|_| false).roles.contains("police\tCOP"));
        // (agents file, format, role rows)
        let cases: &[(&str, Format, &[&str])] = &[
            ("HUMAN_RIGHTS_ACTIVISTS_ [NGM~]\n", Format::Tabari, &["human rights activists\tNGM\tprefix\n"]),
            ("POLICE_ [~COP]\n", Format::Tabari, &["police\tCOP\n"]),
            ("POLICE {} [~COP]\n", Format::Petrarch, &["police\tCOP\tnoplural\n"]),
            ("GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n", Format::Petrarch, &["golden goose\tGGS\tnoplural\n", "golden geese\tGGS\tnoplural\n"]),
            ("MSF {} [NGO~]\n", Format::Petrarch, &["msf\tNGO\tprefix,noplural\n"]),
        ];
        for (src, format, want) in cases {
            let agents = parse_str(src, "x.agents", *format, FileKind::Agents);
            let roles = kb_rows(&agents.dictionary, &|_| false).roles;
            for w in *want {
                assert!(roles.contains(w), "{src:?}: {w:?} not in {roles:?}");
            }
        }
    }

    #[test]
    fn tabari_actor_stems_become_starred_names() {
        // (actors file, a row the translation must contain)
        let cases: &[(&str, &str)] = &[
            ("ARNOR  [ARN]\n", "ARN\tarnor*\t"),
            ("ESTONIA_  [EST]\n", "EST\testonia\t"),
            ("DURTHANG ORC  [MORORC]\n", "durthang orc*\t\tMORORC"),
            ("GONDOR\n+MINAS_TIRITH\n\t[GON]\n", "GON\tgondor*\tminas tirith*"),
            ("ALBRIGHT  [USAGOV 991201-010114] [---]\n", "albright*\t\tUSA\tGOV\t1999-12-01\t2001-01-13"),
            ("ZIMBABWE\n\t[RHO <790606]\n\t[ZBW]\n", "zimbabwe*\t\tZBW\t\t1979-06-06\t"),
            ("AXNOR  [AR1 <911226] [AR2]\n", "axnor*\t\tAR2\t\t1991-12-26\t"),
            ("ENT  [### <890101] [ENT]\n", "ENT\tent*\t"),
            ("GROUP OF 77  [G77]\n", "G77\tgroup of 77\t"),
            ("THE_AU_ [IGOAFR]\n", "au\t\tIGOAFR"),
            ("THE_SHIRE  [FRO/BIL/SAM]\n", "shire*\t\tFRO/BIL/SAM"),
            ("LIBYA_  [LBY]\n", "LBY\tlibya\tlibyas"),
        ];
        for (src, want) in cases {
            let parsed = parse_str(src, "x.actors", Format::Tabari, FileKind::Actors);
            let rows = kb_rows(&parsed.dictionary, &|c| c == "USA");
            let all = format!("{}{}{}", rows.countries, rows.organizations, rows.people);
            assert!(all.contains(want), "{src:?}: {all:?}");
            assert!(rows.skipped.is_empty(), "{src:?}: {:?}", rows.skipped);
        }
    }

    #[test]
    fn discard_codes_become_discard_phrases() {
        // (file, kind, phrases that must be discards, phrases that must not)
        let cases: &[(&str, FileKind, &[&str], &[&str])] = &[
            ("VOLLEYBALL  [+++]\nNASGUL  [###]\nUSSR  [USR <911226] [###]\nARNOR [ARN]\n", FileKind::Actors, &["nasgul"], &["ussr", "arnor", "volleyball"]),
            ("SOCCER  [###]\nBLAST  [###]\n- * STATEMENT  [122]\nPLANETARY CUP  [+++]\n", FileKind::Verbs, &["soccer"], &["blast", "planetary cup"]),
            ("<TIME>\nKAN_WA_MA_KAN [###]\nLAST_WEEK [-7]\n</TIME>\n", FileKind::Verbs, &["kan wa ma kan"], &["last week"]),
        ];
        for (src, kind, want, not) in cases {
            let parsed = parse_str(src, "x", Format::Tabari, *kind);
            let got: Vec<String> = discard_phrases(&parsed.dictionary).iter().map(|p| p.text()).collect();
            for w in *want {
                assert!(got.iter().any(|g| g == w), "{src:?}: {w} missing from {got:?}");
            }
            for w in *not {
                assert!(!got.iter().any(|g| g == w), "{src:?}: {w} in {got:?}");
            }
        }
    }

    #[test]
    fn stem_forms_cover_inflections_and_derivations() {
        let cases: &[(&str, &[&str])] = &[
            ("contribut", &["contribut", "contributed", "contributes", "contributing", "contribution", "contributions"]),
            ("ban", &["ban", "bans", "banned", "banning"]),
            ("argentin", &["argentina", "argentine", "argentinian"]),
            ("restore", &["restored", "restoring", "restoration"]),
        ];
        for (stem, want) in cases {
            let got = stem_forms(stem);
            for w in *want {
                assert!(got.iter().any(|g| g == w), "{stem}: {w} missing from {got:?}");
            }
        }
        assert_eq!(inflections("memo"), ["memo", "memos", "memoes", "memoed", "memod", "memoing"]);
    }

    /// (verbs file, lines the translation must contain, lines it must not)
    #[test]
    fn tabari_verbs_become_herald_lines() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            // a stem in a pattern becomes a class of its forms
            ("ACT_ [100]\n- * RESOLUTION [102]\n", &["102  act * @stm-resolution | ", "@stm-resolution resolution "], &[]),
            // blanks may cross a preposition
            ("ACT_ [100]\n- * RESOLUTION [102]\n", &["102  act * @tbr-prep * @stm-resolution | ", "@tbr-prep "], &[]),
            // alternatives become a class
            ("CALL  [---]\n- * FOR { SANCTIONS_ | BOYCOTT_ } [172]\n", &["172  call * @stm-for * @alt-sanctions | ", "@alt-sanctions boycott sanctions"], &[]),
            // a multi-word verb: a %stem head and its other words
            ("BURN DOWN  [222]\n", &["%stem burn", "222  burn * @stm-down | "], &[]),
            ("CALLED_ON_  [094]\n", &["%stem called", "094  called * on | "], &[]),
            // contractions split as herald's tokenizer splits them
            ("<SYNSETS>\n&NEG\n+DIDN'T_\n+WON'T_\n</SYNSETS>\nCLASH [121]\n- &NEG * OVER_EFFORTS [904]\n", &["@syn-neg \"did n't\" \"wo n't\"", "904  @syn-neg * < clash"], &[]),
            // nested synsets
            ("&TT\n+MILITARY\n&TP\n+&TT_MEMOS\nWELCOME [041]\n- * &TP [912]\n", &["\"military memos\"", "\"militaryd memos\""], &[]),
            // a preposition right before a final target introduces it
            ("CELEBRATE [042]\n- * EID AT ^ WITH + [043]\n", &["043  celebrate * @stm-eid * @stm-at | with\n"], &[]),
            // `~` makes a stem of a word joined to the next one
            ("ALLOW [060]\n- * REAL~_PLEASANT [024]\n", &["024  allow * @stm-real @stm-pleasant | "], &[]),
            // a source marker before the verb: herald's subject
            ("CALLED_ON_  [094]\n- $ * [095]\n- SAID $ * [096]\n", &["095  called * on | ", "096  @stm-said * < called * on | "], &[]),
            // the passive: herald takes the source from "by"
            ("SHOT [223]\n- + WAS * BY $ [222]\n", &["222  @stm-was * < shot | "], &[]),
            // a source marker is still left out
            ("SHOT [223]\n- + * FROM $ [223]\n", &[], &["@stm-from"]),
        ];
        for (src, want, not) in cases {
            let parsed = parse_str(src, "x.verbs", Format::Tabari, FileKind::Verbs);
            assert!(parsed.errors.is_empty(), "{src:?}: {:?}", parsed.errors);
            let tr = verb_patterns(&parsed.dictionary);
            for w in *want {
                assert!(tr.text.contains(w), "{src:?}: `{w}` missing from\n{}", tr.text);
            }
            for w in *not {
                assert!(!tr.text.contains(w), "{src:?}: `{w}` in\n{}", tr.text);
            }
            // whatever is written parses as herald's pattern language
            let layered = format!("{}\n", tr.text);
            assert!(layered.lines().all(|l| !l.contains("* *")), "{layered}");
        }
    }

    #[test]
    fn tabari_literal_words_come_before_synsets() {
        let src = "&CUR\n+DOLLAR\nCONTRIBUT [070]\n- * &CUR [903]\n- * DOLLAR [071]\n";
        let parsed = parse_str(src, "x.verbs", Format::Tabari, FileKind::Verbs);
        let text = verb_patterns(&parsed.dictionary).text;
        let (lit, syn) = (text.find("071  contribut * @stm-dollar |"), text.find("903  contribut * @syn-cur |"));
        assert!(lit.is_some() && syn.is_some() && lit < syn, "{text}");
    }

    #[test]
    fn petrarch_patterns_become_herald_lines() {
        let src = "&CURRENCY\n+DOLLARS\n+EUROS\n\n--- MEET  [040]  ---\nMEET {MET MEETING MEETS}\nCONFER\n- * (WITH +) [046]\n- * +_IN_TALKS [043]\n- PROSECUTOR * [111]\n- * $ [---]\n- * &CURRENCY [061]\n";
        let parsed = parse_str(src, "x.verbs.txt", Format::Petrarch, FileKind::Verbs);
        let tr = verb_patterns(&parsed.dictionary);
        let lines: Vec<&str> = tr.text.lines().collect();
        assert!(lines.contains(&"%irregular meet met meeting meets"), "{}", tr.text);
        assert!(lines.iter().any(|l| l.starts_with("040  meet")), "{}", tr.text);
        assert!(lines.iter().any(|l| l.starts_with("046  @blk-") && l.ends_with("| with")), "{}", tr.text);
        assert!(lines.iter().any(|l| l.starts_with("061  @blk-") && l.contains("@syn-currency")), "{}", tr.text);
        assert!(lines.iter().any(|l| l.starts_with("111  prosecutor * < ")), "{}", tr.text);
        assert!(tr.skipped.iter().any(|s| s.contains("a source marker")), "{:?}", tr.skipped);
    }
}

#[cfg(test)]
mod compound_marker_tests {
    use crate::{parse_str, FileKind, Format};

    /// `%` before the verb becomes `%SUBJECT` (no target of its own); after
    /// it, `%TARGET` with the preposition that introduces the compound.
    #[test]
    fn compound_markers_translate() {
        let verbs = "\
--- AGREE  [081] ---
AGREE
- % * [030:030]
--- DELAY [120] ---
DELAY
- % HAVE  *  [191]
--- EXCHANGE [060] ---
EXCHANGE
- HAS * WITH %  [067]
";
        let parsed = parse_str(verbs, "Mine.verbs.txt", Format::Petrarch, FileKind::Verbs);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let tr = super::verb_patterns(&parsed.dictionary);
        let lines: Vec<&str> = tr.text.lines().collect();
        let cases: &[(&str, &str)] = &[
            ("030:030  agree", "030:030  agree | %SUBJECT"),
            ("191  ", "191  have * < delay | %SUBJECT"),
            ("067  ", "067  has * < exchange | with, %TARGET"),
        ];
        for (prefix, want) in cases {
            let got = lines.iter().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line {prefix:?} in\n{}", tr.text));
            assert_eq!(got, want);
        }
        assert!(!tr.skipped.iter().any(|s| s.contains("compound")), "{:?}", tr.skipped);
    }
}
