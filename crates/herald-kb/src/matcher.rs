//! The actor matcher: longest-match over a token trie plus a small composition
//! grammar: [determiner] [country | country's] [modifiers] [roles] [person | org].

use crate::{country_part, fold, Hit, Kb, Payload};
use herald_core::{one_of, ActorKind, ActorMention, Date, Token, TokenKind};
use herald_core::hash::FxHashMap as HashMap;

const DETERMINERS: &[&str] = &["the", "a", "an"];
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam"];
/// Words skipped inside an actor phrase ("Poland's current interior minister").
const SKIP: &[&str] = &[
    "current", "top", "senior", "new", "acting", "prominent", "local", "then", "outgoing", "incoming",
    "heavily", "armed", "two", "three", "four", "five", "several", "some", "many", "dozens", "hundreds",
    "thousands", "disgraced", "longtime", "long-time", "veteran", "powerful", "influential",
    "pro-government", "anti-government", "mainstream", "moderate", "hardline", "radical",
];
/// Words before a capital that make it a place, not an actor.
const PLACE_PREPS: &[&str] = &[
    "in", "to", "from", "at", "near", "of", "into", "via", "outside", "across", "toward", "towards",
    "around", "through", "within", "between", "over", "on", "inside", "visit", "visited", "visiting",
];
/// `SKIP` as a set: it is tested at every token of every text.
static SKIP_SET: std::sync::LazyLock<herald_core::hash::FxHashSet<&'static str>> = std::sync::LazyLock::new(|| SKIP.iter().copied().collect());

fn skip_word(w: &str) -> bool {
    SKIP_SET.contains(w)
}

/// Country codes whose people put the family name first (register the first token for coreference).
const FAMILY_FIRST: &[&str] = &["PRK", "KOR", "CHN", "TWN", "VNM", "KHM", "MNG"];

/// Parsed state of one candidate phrase.
#[derive(Default, Debug, Clone)]
struct Phrase {
    start: usize,
    end: usize,
    country: Option<u32>,
    /// Country named by a capital ("Kyiv police"), or a capital metonym alone.
    capital: Option<u32>,
    /// The capital slot holds another city ("Shanghai police"): alone it is a place.
    city: bool,
    roles: Vec<u32>,
    person: Option<u32>,
    org: Option<u32>,
    possessive: bool,
    /// An "of"-complement org ("president of the European Council").
    of_org: Option<u32>,
    /// An ethnic group used like a country adjective ("Rakhine rebels").
    group: Option<u32>,
}

impl Kb {
    fn key_id(&self, t: &Token) -> Option<u32> {
        self.vocab.get(fold(&t.norm).as_ref()).copied()
    }

    fn all_caps(text: &str, toks: &[Token]) -> bool {
        toks.iter().all(|t| {
            text.get(t.byte_start..t.byte_end)
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
    }

    /// Longest trie match starting at `j`: its end and the best hit.
    fn longest(&self, text: &str, toks: &[Token], j: usize, strict: bool) -> Option<(usize, Hit)> {
        let mut node = 0u32;
        let mut best: Option<(usize, Hit)> = None;
        let mut k = j;
        let pick = |slot: &[Payload], k: usize| -> Option<Hit> {
            let proper_ok = !strict || toks[j].capitalized;
            // in text written all in capitals ("ARNOR IS ABOUT TO ...") an
            // acronym cannot be told from a word: both neighbours in capitals
            // too and it is not taken
            let shouting = |t: Option<&Token>| {
                t.is_some_and(|t| t.kind == TokenKind::Word && t.norm.chars().filter(|c| c.is_alphabetic()).count() > 1 && Self::all_caps(text, std::slice::from_ref(t)))
            };
            let caps_ok = slot.iter().any(|p| p.caps)
                && Self::all_caps(text, &toks[j..k])
                && !(shouting(j.checked_sub(1).and_then(|p| toks.get(p))) && shouting(toks.get(k)));
            slot.iter()
                .filter(|p| !p.caps || caps_ok)
                .filter(|p| matches!(p.hit, Hit::Role(_)) || proper_ok)
                .map(|p| p.hit)
                .max_by_key(|h| h.rank())
        };
        // the best hit came from a stem name: it keeps a tie in length against
        // an exact name unless that ranks higher (stems are users' names,
        // which take over herald's for the words they cover)
        let mut best_stem = false;
        while k < toks.len() {
            // a stem name's last word: any word it begins ("arnor*" → "Arnorian")
            if let Some(stems) = self.stems.get(&node).filter(|_| toks[k].kind == TokenKind::Word) {
                let w = fold(&toks[k].norm);
                // every prefix of the word that is a stem (longest last)
                for (cut, _) in w.char_indices().skip(1).chain(std::iter::once((w.len(), ' '))) {
                    let Some(&sn) = stems.get(&w[..cut]) else { continue };
                    if let Some(h) = pick(&self.payload[sn as usize], k + 1) {
                        // a longer stem of the same rank wins over a shorter one
                        if best.is_none_or(|(e, b)| e < k + 1 || b.rank() < h.rank() || (best_stem && b.rank() == h.rank())) {
                            best = Some((k + 1, h));
                            best_stem = true;
                        }
                    }
                }
            }
            let Some(id) = self.key_id(&toks[k]) else { break };
            let Some(&n) = self.edges.get(&(node, id)) else { break };
            node = n;
            k += 1;
            let slot: &[Payload] = &self.payload[node as usize];
            if slot.is_empty() {
                continue;
            }
            if let Some(h) = pick(slot, k) {
                if best.is_none_or(|(e, b)| e < k || !best_stem || b.rank() < h.rank()) {
                    best = Some((k, h));
                    best_stem = false;
                }
            }
        }
        best
    }

    /// Parse one phrase starting at `i`; `None` when no actor starts here.
    fn parse_at(&self, text: &str, toks: &[Token], i: usize, strict: bool, coref: &HashMap<String, u32>) -> Option<Phrase> {
        let n = toks.len();
        let mut j = i;
        let mut the = false;
        if one_of(DETERMINERS, toks[j].norm.as_str()) {
            the = toks[j].norm == "the";
            j += 1;
        }
        while j < n && (skip_word(toks[j].norm.as_str()) || toks[j].kind == TokenKind::Number) {
            j += 1;
        }
        let mut ph = Phrase { start: j, end: j, ..Phrase::default() };
        while j < n {
            let t = &toks[j];
            // Honorific + name: "Mr Putin", "Mr Kim".
            if one_of(HONORIFICS, t.norm.as_str()) {
                if ph.person.is_some() || ph.org.is_some() {
                    break;
                }
                let mut k = j + 1;
                if k < n && toks[k].norm == "." {
                    k += 1;
                }
                if k < n && toks[k].capitalized && toks[k].kind == TokenKind::Word {
                    if let Some((e, Hit::Person(p))) = self.longest(text, toks, k, strict) {
                        ph.person = Some(p);
                        j = e;
                    } else if let Some(&p) = coref.get(fold(&toks[k].norm).as_ref()) {
                        ph.person = Some(p);
                        j = k + 1;
                    } else if ph.end > ph.start {
                        break;
                    } else {
                        return None;
                    }
                    ph.end = j;
                }
                break;
            }
            if skip_word(t.norm.as_str()) && ph.end > ph.start {
                j += 1;
                continue;
            }
            let Some((e, hit)) = self.longest(text, toks, j, strict) else {
                // A bare surname seen earlier in the document.
                let titled = ph.roles.iter().any(|&r| self.roles[r as usize].title);
                if ph.person.is_none()
                    && ph.org.is_none()
                    && t.capitalized
                    && t.kind == TokenKind::Word
                    && (ph.end == ph.start || titled)
                {
                    if let Some(&p) = coref.get(fold(&t.norm).as_ref()) {
                        ph.person = Some(p);
                        j += 1;
                        ph.end = j;
                    }
                }
                break;
            };
            match hit {
                Hit::Country(c) => {
                    // a prefix role may come first ("human rights activists Gondor")
                    let blocked = ph.country.is_some()
                        || ph.capital.is_some()
                        || ph.person.is_some()
                        || ph.org.is_some()
                        || ph.roles.iter().any(|&r| !self.roles[r as usize].modifier && !self.roles[r as usize].prefix);
                    if blocked {
                        break;
                    }
                    ph.country = Some(c);
                    j = e;
                    ph.end = j;
                    if j < n && toks[j].norm == "'s" {
                        ph.possessive = true;
                        j += 1;
                    }
                }
                Hit::Group(g) => {
                    let blocked = ph.group.is_some()
                        || ph.person.is_some()
                        || ph.org.is_some()
                        || ph.roles.iter().any(|&r| !self.roles[r as usize].modifier);
                    if blocked {
                        break;
                    }
                    ph.group = Some(g);
                    if ph.country.is_none() && ph.capital.is_none() {
                        ph.country = self.groups[g as usize].country.as_deref().and_then(|c| self.code_index.get(c).copied());
                    }
                    j = e;
                    ph.end = j;
                    if j < n && toks[j].norm == "'s" {
                        ph.possessive = true;
                        j += 1;
                    }
                }
                Hit::Capital(c) | Hit::City(c) => {
                    if ph.end > ph.start {
                        break;
                    }
                    ph.capital = Some(c);
                    ph.city = matches!(hit, Hit::City(_));
                    j = e;
                    ph.end = j;
                    if j < n && toks[j].norm == "'s" {
                        ph.possessive = true;
                        j += 1;
                    }
                }
                Hit::Role(r) => {
                    if ph.person.is_some() {
                        break;
                    }
                    if ph.org.is_some() {
                        // "Hamas fighters": absorb the role word into the org mention.
                        if !ph.possessive && !self.roles[r as usize].title {
                            j = e;
                            ph.end = j;
                            continue;
                        }
                        break;
                    }
                    ph.possessive = false;
                    ph.roles.push(r);
                    j = e;
                    ph.end = j;
                    // a prefix role takes the actor after "of" or "in" ("human
                    // rights activists in Arnor" = NGMARN)
                    if j + 1 < n && matches!(toks[j].norm.as_str(), "of" | "in") && self.roles[r as usize].prefix && ph.country.is_none() {
                        let mut k = j + 1;
                        if toks[k].norm == "the" && k + 1 < n {
                            k += 1;
                        }
                        match self.longest(text, toks, k, strict) {
                            Some((e2, Hit::Org(o))) => {
                                ph.org = Some(o);
                                ph.end = e2;
                                break;
                            }
                            Some((e2, Hit::Country(c))) => {
                                ph.country = Some(c);
                                ph.end = e2;
                                break;
                            }
                            _ => {}
                        }
                    }
                    // "president of the European Council", "Prime Minister of Estonia".
                    if j + 1 < n && toks[j].norm == "of" && self.roles[r as usize].title {
                        let mut k = j + 1;
                        if toks[k].norm == "the" && k + 1 < n {
                            k += 1;
                        }
                        match self.longest(text, toks, k, strict) {
                            Some((e2, Hit::Org(o))) => {
                                ph.of_org = Some(o);
                                ph.end = e2;
                                break;
                            }
                            Some((e2, Hit::Country(c))) if ph.country.is_none() => {
                                ph.country = Some(c);
                                ph.end = e2;
                                break;
                            }
                            _ => {}
                        }
                    }
                }
                Hit::Person(p) => {
                    if ph.person.is_some() || ph.org.is_some() {
                        break;
                    }
                    ph.person = Some(p);
                    j = e;
                    ph.end = j;
                    break;
                }
                Hit::Org(o) => {
                    if ph.person.is_some() || ph.org.is_some() || ph.capital.is_some() {
                        break;
                    }
                    if ph.end == ph.start && the && self.orgs[o as usize].metonym {
                        ph.start = i;
                    }
                    ph.org = Some(o);
                    ph.possessive = false;
                    j = e;
                    ph.end = j;
                }
            }
        }
        if ph.end <= ph.start {
            return None;
        }
        // A trailing possessive after the head: "Putin's", "the US president's".
        if ph.end < n && toks[ph.end].norm == "'s" {
            ph.possessive = true;
        }
        // A role title followed by an unknown capitalised name: cover the name.
        if ph.person.is_none() && ph.org.is_none() && ph.of_org.is_none() {
            if let Some(&r) = ph.roles.last() {
                if self.roles[r as usize].title {
                    let mut k = ph.end;
                    // (a name a stem begins is known: "Telemar" for "telemar*")
                    while k < n && toks[k].capitalized && toks[k].kind == TokenKind::Word && self.key_id(&toks[k]).is_none() && self.longest(text, toks, k, strict).is_none() {
                        k += 1;
                    }
                    if k > ph.end && k - ph.end <= 4 {
                        ph.end = k;
                        ph.possessive = k < n && toks[k].norm == "'s";
                    }
                }
            }
        }
        Some(ph)
    }

    /// The code, kind and entry of a parsed phrase; `None` when it is not an actor.
    /// `weak_ok` keeps country-less weak roles (for `resolve_phrase`).
    fn resolve(&self, ph: &Phrase, date: Option<Date>, weak_ok: bool) -> Option<(String, ActorKind, Option<String>)> {
        // prefix roles (a TABARI agent `[NGM~]`) go before the code of the rest
        let (prefix, rest): (Vec<u32>, Vec<u32>) = ph.roles.iter().partition(|&&r| self.roles[r as usize].prefix);
        if prefix.is_empty() {
            return self.resolve_plain(ph, date, weak_ok);
        }
        let pc: String = prefix.iter().map(|&r| self.roles[r as usize].code.as_str()).collect();
        let inner = Phrase { roles: rest, ..ph.clone() };
        let named = inner.country.is_some() || inner.capital.is_some() || inner.person.is_some() || inner.org.is_some() || inner.of_org.is_some() || inner.group.is_some() || !inner.roles.is_empty();
        match named.then(|| self.resolve_plain(&inner, date, true)).flatten() {
            // not twice ("human rights activists Amnesty International" = NGM)
            Some((code, kind, entry)) if code.starts_with(&pc) => Some((code, kind, entry)),
            Some((code, kind, entry)) => Some((format!("{pc}{}", code.trim_start_matches("---")), kind, entry)),
            None => Some((pc, ActorKind::Role, None)),
        }
    }

    fn resolve_plain(&self, ph: &Phrase, date: Option<Date>, weak_ok: bool) -> Option<(String, ActorKind, Option<String>)> {
        let country: Option<&str> = ph
            .country
            .or(ph.capital.filter(|_| !ph.roles.is_empty()))
            .map(|c| self.countries[c as usize].code.as_str());
        let elite = ph.roles.iter().any(|&r| self.roles[r as usize].modifier && self.roles[r as usize].code == "ELI");
        let role_code = self.merge_roles(&ph.roles);
        if let Some(p) = ph.person {
            let person = &self.people[p as usize];
            let mut code = person.code_at(date);
            if elite {
                code = format!("{}ELI", country_part(&code));
            } else if let (true, Some(rc)) = (code.ends_with("ELI"), &role_code) {
                // "Prime Minister Scott Morrison": the title says the person holds the
                // office; use their latest term with that role.
                let want = rc.get(..3).unwrap_or(rc);
                let mut terms: Vec<&crate::Term> = person.terms.iter().collect();
                terms.sort_by_key(|t| std::cmp::Reverse(t.end));
                code = match terms.iter().find(|t| t.code.len() > 3 && t.code[3..].contains(want)) {
                    Some(t) => t.code.clone(),
                    None => format!("{}{rc}", country_part(&code)),
                };
            } else if let Some(rc) = &role_code {
                // A role word may add MIL: "Defence Minister X" where X's term says GOV.
                if rc.contains("MIL") && code.ends_with("GOV") {
                    code.push_str("MIL");
                }
                if code.len() == 3 {
                    code.push_str(rc);
                }
            }
            return Some((code, ActorKind::Person, Some(person.name.clone())));
        }
        if let Some(o) = ph.org.or(ph.of_org) {
            let org = &self.orgs[o as usize];
            let mut code = org.code.clone();
            if let (Some(c), true) = (country, code.starts_with("---")) {
                code = format!("{c}{}", &code[3..]);
            }
            if elite {
                code = format!("{}ELI", country_part(&code));
            }
            return Some((code, ActorKind::Organization, Some(org.name.clone())));
        }
        if let Some(rc) = role_code {
            let weak = ph.roles.iter().all(|&r| self.roles[r as usize].weak || self.roles[r as usize].modifier);
            if country.is_none() && weak && !weak_ok {
                return None;
            }
            let c = country.unwrap_or("---");
            let code = if elite { format!("{c}ELI") } else { format!("{c}{rc}") };
            return Some((code, ActorKind::Role, None));
        }
        if let Some(g) = ph.group {
            // An ethnic group alone: its people, civilians (CVL) of its country; one
            // without a home country names an actor only in a standalone phrase.
            let group = &self.groups[g as usize];
            if country.is_none() && !weak_ok {
                return None;
            }
            let c = country.unwrap_or("---");
            let code = if elite { format!("{c}ELI") } else { format!("{c}CVL") };
            return Some((code, ActorKind::Role, Some(group.name.clone())));
        }
        if let Some(c) = ph.country {
            let country = &self.countries[c as usize];
            if elite {
                return Some((format!("{}ELI", country.code), ActorKind::Role, None));
            }
            return Some((country.code.clone(), ActorKind::Country, Some(country.name.clone())));
        }
        if let Some(c) = ph.capital {
            let country = &self.countries[c as usize];
            if ph.city {
                // A city alone: its people in a standalone phrase ("Mariupol" = UKRCVL),
                // a place in running text.
                return weak_ok.then(|| (format!("{}CVL", country.code), ActorKind::Role, Some(country.name.clone())));
            }
            return Some((format!("{}GOV", country.code), ActorKind::Organization, Some(country.name.clone())));
        }
        None
    }

    /// The role code of a list of role words: the head (last) word, unless it is a
    /// generic GOV/CVL or weak word after a more specific one.
    fn merge_roles(&self, roles: &[u32]) -> Option<String> {
        let all: Vec<&crate::Role> = roles.iter().map(|&r| &self.roles[r as usize]).collect();
        let real: Vec<&crate::Role> = all.iter().copied().filter(|r| !r.modifier).collect();
        if real.is_empty() {
            return all.iter().find(|r| r.code != "ELI").map(|r| r.code.clone()).or_else(|| all.first().map(|r| r.code.clone()));
        }
        let last = real[real.len() - 1];
        if (last.code == "GOV" || last.code == "CVL" || last.weak) && real.len() > 1 {
            if let Some(r) = real.iter().rev().skip(1).find(|r| r.code != "GOV" && r.code != "CVL" && !r.weak) {
                return Some(r.code.clone());
            }
        }
        Some(last.code.clone())
    }

    /// Every actor phrase in a document, longest match first, resolved as of `date`
    /// (`None` = latest known).
    ///
    /// Document-level coreference: after a full name ("Kim Jong Un"), a later bare
    /// surname or "Mr/Mrs/Ms/Dr + surname" ("Mr Kim") resolves to the same person;
    /// a bare surname with no antecedent resolves only when the knowledge base
    /// lists it as an alias (Putin, Trump). Capitals stand for the government
    /// ("Pyongyang said") except after a preposition ("in Pyongyang").
    pub fn find_actors(&self, text: &str, tokens: &[Token], date: Option<Date>) -> Vec<ActorMention> {
        self.mentions(text, tokens, date, true, false)
    }

    fn mentions(&self, text: &str, tokens: &[Token], date: Option<Date>, strict: bool, weak_ok: bool) -> Vec<ActorMention> {
        let mut out = Vec::new();
        let mut coref: HashMap<String, u32> = HashMap::default();
        let mut i = 0;
        while i < tokens.len() {
            let Some(ph) = self.parse_at(text, tokens, i, strict, &coref) else {
                i += 1;
                continue;
            };
            // A capital alone after a preposition is a place.
            let place_capital = ph.capital.is_some()
                && ph.roles.is_empty()
                && ph.person.is_none()
                && ph.org.is_none()
                && ph.start > 0
                && one_of(PLACE_PREPS, tokens[ph.start - 1].norm.as_str());
            let resolved = if place_capital { None } else { self.resolve(&ph, date, weak_ok) };
            if let Some((code, kind, entry)) = resolved {
                if let Some(p) = ph.person {
                    self.register(&mut coref, p, &tokens[ph.start..ph.end]);
                }
                let (s, e) = (&tokens[ph.start], &tokens[ph.end - 1]);
                // a compound code "FRO/BIL/SAM" (a user dictionary's) names each
                let mut codes = code.split('/').filter(|c| !c.is_empty()).map(str::to_string);
                let code = codes.next().unwrap_or_default();
                let also: Vec<String> = codes.collect();
                out.push(ActorMention {
                    tok_start: ph.start,
                    tok_end: ph.end,
                    start: s.start,
                    end: e.end,
                    text: text.get(s.byte_start..e.byte_end).unwrap_or_default().to_string(),
                    code,
                    also,
                    kind,
                    entry,
                    possessive: ph.possessive,
                });
            }
            i = ph.end.max(i + 1);
        }
        out
    }

    /// Remember the surname (and for family-name-first countries the first name
    /// token) of a person mention for a later "Mr X" or bare "X".
    fn register(&self, coref: &mut HashMap<String, u32>, p: u32, toks: &[Token]) {
        let person = &self.people[p as usize];
        let family_first = person.terms.first().is_some_and(|t| FAMILY_FIRST.contains(&country_part(&t.code)));
        let mut keys: Vec<String> = Vec::new();
        for name in std::iter::once(&person.name).chain(person.aliases.iter()) {
            keys.extend(herald_text::tokenize(name).iter().map(|t| fold(&t.norm).into_owned()));
        }
        let in_name: Vec<&Token> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Word && t.capitalized && keys.iter().any(|k| *k == fold(&t.norm)))
            .collect();
        if let Some(last) = in_name.last() {
            coref.insert(fold(&last.norm).into_owned(), p);
        }
        if family_first {
            if let Some(first) = in_name.first() {
                coref.insert(fold(&first.norm).into_owned(), p);
            }
        }
    }

    /// Resolve a standalone phrase to a CAMEO code as of `date` (`None` = latest
    /// known). `context` is text naming a country ("German" for "Defense
    /// Minister"), used when the phrase itself names none. `None` when the phrase
    /// names no actor.
    pub fn resolve_phrase(&self, phrase: &str, context: Option<&str>, date: Option<Date>) -> Option<String> {
        let tokens = herald_text::tokenize(phrase);
        let ms = self.mentions(phrase, &tokens, date, false, true);
        let main_idx = ms.iter().position(|m| m.kind != ActorKind::Country).unwrap_or(0);
        let main = ms.get(main_idx)?;
        let mut code = main.code.clone();
        if code.starts_with("---") {
            let other = ms
                .iter()
                .enumerate()
                .filter(|(k, m)| *k != main_idx && !m.code.starts_with("---"))
                .map(|(_, m)| country_part(&m.code).to_string())
                .next()
                .or_else(|| {
                    let ctx = context?;
                    let ct = herald_text::tokenize(ctx);
                    self.mentions(ctx, &ct, date, false, true)
                        .into_iter()
                        .find(|m| !m.code.starts_with("---"))
                        .map(|m| country_part(&m.code).to_string())
                });
            match other {
                Some(c) => code = format!("{c}{}", &code[3..]),
                None => {
                    if main.kind == ActorKind::Role && self.all_weak(phrase, &tokens[main.tok_start..main.tok_end]) {
                        return None;
                    }
                }
            }
        }
        Some(code)
    }

    /// True when every role word in the span is weak or a modifier ("two men").
    fn all_weak(&self, text: &str, toks: &[Token]) -> bool {
        let mut j = 0;
        let mut any = false;
        while j < toks.len() {
            match self.longest(text, toks, j, false) {
                Some((e, Hit::Role(r))) => {
                    let role = &self.roles[r as usize];
                    if !(role.weak || role.modifier) {
                        return false;
                    }
                    any = true;
                    j = e;
                }
                Some(_) => return false,
                None => j += 1,
            }
        }
        any
    }
}
