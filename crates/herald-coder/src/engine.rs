//! The rule-based coder: finds verb patterns in a sentence, their source and
//! target actors, modality, attribution, date and place, then merges the
//! mentions of one event within a document.

use std::cell::OnceCell;
use herald_core::hash::FxHashMap as HashMap;

use herald_core::{
    same_word, ActorKind, ActorMention, Analyzer, Attribution, Date, DateValue, Event, Modality, Parse, PlaceMention,
    Precision, Sentence, Timex, Token, TokenKind,
};

use crate::codebook::Codebook;
use crate::lexicon::{self as lx, is};
use crate::issues::IssueSet;
use crate::patterns::{Compound, Elem, Pattern, PatternSet, MAX_GAP};
use crate::plover;
use crate::syntax::Tree;


/// Everything the coder reads about one document. The coder does no IO.
#[derive(Clone, Copy)]
pub struct CoderInput<'a> {
    /// The document text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Actor mentions, sorted by position, not overlapping.
    pub actors: &'a [ActorMention],
    /// Time expressions.
    pub timexes: &'a [Timex],
    /// Place mentions.
    pub places: &'a [PlaceMention],
    /// Publication date.
    pub doc_date: Option<Date>,
    /// The syntax stage: when given, a sentence with a candidate event is
    /// tagged and parsed, and the parse decides the verb's subject, object,
    /// voice, negation and conditions; without it the coder reads word order.
    pub syntax: Option<&'a dyn Analyzer>,
    /// Coder options given with the document (see `Document::options`);
    /// read: TABARI's `DEFAULT` actors.
    pub options: &'a [(String, String)],
}

/// TABARI's `DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER` option: the actor
/// coded where a sentence names none. With `PRIOR`, a missing source (no actor
/// before the verb) is `X`; without it the first actor after the verb is the
/// source. With `AFTER`, a missing target is `Y`; without it a compound
/// subject's later members are the target first.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Defaults {
    pub source: Option<String>,
    pub prior: bool,
    pub target: Option<String>,
    pub after: bool,
}

impl Defaults {
    pub(crate) fn parse(value: &str) -> Defaults {
        let mut d = Defaults::default();
        let up = value.to_uppercase();
        let code_after = |key: &str| -> Option<String> {
            let i = up.find(key)? + key.len();
            let rest = up[i..].trim_start();
            let rest = rest.strip_prefix('[')?;
            let end = rest.find(']')?;
            Some(rest[..end].trim().to_string()).filter(|c| !c.is_empty())
        };
        d.source = code_after("SOURCE");
        d.target = code_after("TARGET");
        let words: Vec<&str> = up.split(|c: char| c.is_whitespace() || c == '[' || c == ']').filter(|w| !w.is_empty()).collect();
        d.prior = words.contains(&"PRIOR");
        d.after = words.contains(&"AFTER");
        d
    }
}

/// Why a verb pattern did or did not give an event: the audit trail `explain` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Sentence index.
    pub sentence: usize,
    /// The trigger word(s).
    pub trigger: String,
    /// The pattern line.
    pub pattern: String,
    /// The code the pattern gives.
    pub code: String,
    /// What happened.
    pub outcome: String,
}

/// The coder's output for one document.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    /// Events after merging, in order of first mention; includes non-factual
    /// ones (check `modality.is_factual()`).
    pub events: Vec<Event>,
    /// Actor mentions the coder added by coreference ("the two leaders", "he").
    pub coreferences: Vec<ActorMention>,
    /// Every actor mention of the document after coreference: the input
    /// mentions (descriptions such as "the ministry" or "the Russian leader"
    /// linked to their antecedent in `entry`) and the added ones, in order.
    pub actors: Vec<ActorMention>,
    /// The audit trail.
    pub trace: Vec<Trace>,
    /// Each sentence's attribution frame ("according to X", "X said"), by
    /// sentence index, when the document has an event (empty otherwise):
    /// who the text says is speaking there, for the claims stage.
    pub frames: Vec<Option<Attribution>>,
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateSource {
    Default,
    Inherited,
    Own,
}

/// The coder: a compiled pattern index over the embedded dictionary.
pub struct Coder {
    patterns: &'static PatternSet,
    codebook: &'static Codebook,
    by_lemma: HashMap<String, Vec<usize>>,
    /// Pattern elements, pre-split, indexed like `patterns.patterns`.
    compiled: Vec<Vec<CElem>>,
    /// Each pattern's first literal word, if it has one.
    /// (as a number: `anchor_ids` numbers the anchor words).
    anchors: Vec<Option<u32>>,
    anchor_ids: HashMap<String, u32>,
    /// Each pattern's elements before the verb, compiled, in text order.
    before: Vec<Vec<CElem>>,
    /// Word classes: first word -> the remaining words of each member.
    classes: Vec<HashMap<String, Vec<Vec<String>>>>,
    /// Patterns from this line of the pattern text on come from a user's dictionary.
    user_from_line: usize,
    /// Discard phrases: a sentence (or, when `story`, a whole story) that
    /// contains one is not coded ("World Golf Championships", "typhoon").
    discards: Vec<Discard>,
    /// `discards` by first word: those of sentences, and those of stories.
    discard_index: [PhraseIndex; 2],
    /// Event nouns (`data/nouns.txt`), by their last word.
    nouns: HashMap<String, Vec<EventNoun>>,
    /// PLOVER contexts and their issue words (`data/contexts.txt`).
    contexts: Vec<(String, Vec<Discard>)>,
    /// PLOVER modes and their words (`data/modes.txt`).
    modes: Vec<plover::ModeRule>,
    /// A user's issue dictionary (PETRARCH's issue coding), if any.
    issues: Option<IssueSet>,
    /// Act-code prefix -> the CAMEO rejection of that act (`data/refusals.txt`).
    refusals: Vec<(String, String)>,
    /// Act-code prefix -> the CAMEO threat of that act (`data/threats.txt`).
    threats: Vec<(String, String)>,
    /// Every context's phrases, in order, with the context each belongs to,
    /// and their index by first word.
    context_phrases: Vec<(usize, Discard)>,
    context_index: PhraseIndex,
}

/// Phrases by their first word, one-word stems by their first three bytes:
/// which of many phrases occur in a stretch of tokens, without trying each
/// at every token.
#[derive(Default)]
struct PhraseIndex {
    by_first: HashMap<String, Vec<usize>>,
    stems: HashMap<[u8; 3], Vec<usize>>,
    /// Stems shorter than three bytes.
    short_stems: Vec<usize>,
}

impl PhraseIndex {
    /// Index the phrases given with their positions in their list.
    fn new<'a>(phrases: impl Iterator<Item = (usize, &'a Discard)>) -> PhraseIndex {
        let mut ix = PhraseIndex::default();
        for (i, d) in phrases {
            match d.words.first() {
                None => {}
                Some(w) if d.words.len() == 1 && d.stem => match Self::prefix(w) {
                    Some(p) => ix.stems.entry(p).or_default().push(i),
                    None => ix.short_stems.push(i),
                },
                Some(w) => ix.by_first.entry(w.clone()).or_default().push(i),
            }
        }
        ix
    }

    fn is_empty(&self) -> bool {
        self.by_first.is_empty() && self.stems.is_empty() && self.short_stems.is_empty()
    }

    fn prefix(w: &str) -> Option<[u8; 3]> {
        w.as_bytes().get(..3).map(|b| [b[0], b[1], b[2]])
    }

    /// Calls `f` with the index of each phrase of `phrases` (the list the
    /// index was built from) for each token of `from..end` where it matches
    /// (ending by `end`).
    fn matches<'a>(&self, phrases: impl Fn(usize) -> &'a Discard, toks: &[Token], from: usize, end: usize, mut f: impl FnMut(usize)) {
        for k in from..end {
            let w = toks[k].norm.as_str();
            let stems = Self::prefix(w).and_then(|p| self.stems.get(&p));
            for &i in self.by_first.get(w).into_iter().flatten().chain(stems.into_iter().flatten()).chain(&self.short_stems) {
                if phrases(i).matches_at(toks, k, end) {
                    f(i);
                }
            }
        }
    }
}

/// An event carried by a noun ("airstrike on", "shelling of").
#[derive(Debug, Clone)]
struct EventNoun {
    code: String,
    /// Lower-case words; the last is the head.
    words: Vec<String>,
    preps: Vec<String>,
    line: usize,
}

const NOUNS_SOURCE: &str = include_str!("../data/nouns.txt");

/// True for an actor that can resign, mobilize or declare martial law on its
/// own: not a company, outlet, school or hospital ("investors pull out $36
/// billion" is no military withdrawal).
fn political(code: &str) -> bool {
    !["BUS", "MED", "EDU", "HLH", "SCI"].iter().any(|r| code.get(3..).is_some_and(|rest| rest.contains(r)))
}

/// The code a table of act-code prefixes gives `code` (longest prefix wins).
fn by_prefix(table: &[(String, String)], code: &str) -> Option<String> {
    table.iter().filter(|(a, _)| code.starts_with(a.as_str())).max_by_key(|(a, _)| a.len()).map(|(_, r)| r.clone())
}

/// A table of `ACT-PREFIX CODE` lines (`#` comments).
fn prefix_table(src: &str) -> Vec<(String, String)> {
    src.lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .filter_map(|l| l.trim().split_once(char::is_whitespace))
        .map(|(a, r)| (a.trim().to_string(), r.trim().to_string()))
        .collect()
}

/// CAMEO codes (by prefix) coded with no target when the sentence names
/// none: the act needs no recipient ("resigned", "mobilized troops",
/// "declared a ceasefire", "imposed a curfew").
const TARGETLESS: &[&str] = &["0831", "087", "15", "1723", "1724", "1323", "1324"];

const REFUSALS_SOURCE: &str = include_str!("../data/refusals.txt");
const THREATS_SOURCE: &str = include_str!("../data/threats.txt");

const CONTEXTS_SOURCE: &str = include_str!("../data/contexts.txt");

/// `NAME: words "phrases" stems*` lines; the phrases reuse [`Discard`]'s matcher.
pub(crate) fn parse_contexts(src: &str) -> Vec<(String, Vec<Discard>)> {
    let mut out = Vec::new();
    for line in src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((name, rest)) = line.split_once(':') else { continue };
        let mut phrases = Vec::new();
        let mut quoted = false;
        for part in rest.split('"') {
            let items: Vec<String> = if quoted { vec![part.trim().to_string()] } else { part.split_whitespace().map(str::to_string).collect() };
            for item in items.into_iter().filter(|x| !x.is_empty()) {
                let stem = item.ends_with('*');
                let words = item.trim_end_matches('*').split_whitespace().map(str::to_lowercase).collect();
                phrases.push(Discard { words, stem, story: false });
            }
            quoted = !quoted;
        }
        out.push((name.trim().to_string(), phrases));
    }
    out
}

const DISCARDS_SOURCE: &str = include_str!("../data/discards.txt");

fn parse_discards(src: &str) -> Vec<Discard> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let stem = l.ends_with('*');
            let words = l.trim_end_matches('*').split_whitespace().map(str::to_lowercase).collect();
            Discard { words, stem, story: false }
        })
        .collect()
}

/// A game's score right after a verb of winning or its object ("beat
/// Germany 2-1", "won 3-0"): sport, not force.
fn sports_score(toks: &[Token], s: &Sentence) -> bool {
    let small = |t: &Token| t.kind == TokenKind::Number && t.norm.len() <= 2;
    (s.tok_start..s.tok_end.saturating_sub(2)).any(|q| {
        small(&toks[q])
            && matches!(toks[q + 1].norm.as_str(), "-" | "–" | ":")
            && small(&toks[q + 2])
            && (s.tok_start..q).rev().take(4).any(|r| {
                matches!(toks[r].norm.as_str(), "beat" | "beats" | "defeated" | "defeats" | "won" | "wins" | "lost" | "loses" | "drew" | "draws" | "thrashed" | "crushed" | "edged" | "routed" | "downed" | "trounced")
            })
    })
}

fn parse_nouns(src: &str) -> HashMap<String, Vec<EventNoun>> {
    let mut out: HashMap<String, Vec<EventNoun>> = HashMap::default();
    for (i, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (lhs, preps) = line.split_once('|').unwrap_or((line, ""));
        let mut it = lhs.trim().splitn(2, ' ');
        let code = it.next().unwrap_or("").to_string();
        let rest = it.next().unwrap_or("");
        let preps: Vec<String> = preps.split_whitespace().map(str::to_string).collect();
        let mut phrases: Vec<Vec<String>> = Vec::new();
        let mut quoted = false;
        for part in rest.split('"') {
            if quoted {
                phrases.push(part.split_whitespace().map(str::to_string).collect());
            } else {
                phrases.extend(part.split_whitespace().map(|w| vec![w.to_string()]));
            }
            quoted = !quoted;
        }
        for words in phrases.into_iter().filter(|w| !w.is_empty()) {
            let head = words.last().cloned().unwrap_or_default();
            out.entry(head).or_default().push(EventNoun { code: code.clone(), words, preps: preps.clone(), line: i + 1 });
        }
    }
    // longer phrases first: "military aid" before "aid"
    for v in out.values_mut() {
        v.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
    }
    out
}

/// A phrase whose presence means a sentence or story is not political news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Lower-case words, consecutive.
    pub words: Vec<String>,
    /// The last word matches any word it begins.
    pub stem: bool,
    /// Discard the whole story, not just the sentence.
    pub story: bool,
}

impl Discard {
    pub(crate) fn matches_at(&self, toks: &[Token], k: usize, end: usize) -> bool {
        let n = self.words.len();
        n > 0
            && k + n <= end
            && self.words.iter().enumerate().all(|(i, w)| {
                let t = toks[k + i].norm.as_str();
                if i + 1 == n && self.stem {
                    t.starts_with(w.as_str())
                } else {
                    t == w
                }
            })
    }
}

/// A pattern element compiled for matching.
enum CElem {
    Words(Vec<String>),
    Class(usize),
    Gap,
}

impl Default for Coder {
    fn default() -> Self {
        Coder::new()
    }
}

struct Actors<'a> {
    list: Vec<ActorMention>,
    start_at: Vec<Option<usize>>,
    end_at: Vec<Option<usize>>,
    covered: Vec<bool>,
    /// The mention each token belongs to.
    cover: Vec<Option<usize>>,
    /// Place mentions that are not actors, by first token: (country, text).
    place_at: Vec<Option<(String, String)>>,
    /// For each token inside such a place mention, the place's first token.
    place_of: Vec<Option<usize>>,
    _p: std::marker::PhantomData<&'a ()>,
}

impl<'a> Actors<'a> {
    fn new(n_tokens: usize, list: Vec<ActorMention>) -> Actors<'a> {
        let mut start_at = vec![None; n_tokens + 1];
        let mut end_at = vec![None; n_tokens + 1];
        let mut covered = vec![false; n_tokens + 1];
        let mut cover = vec![None; n_tokens + 1];
        for (i, m) in list.iter().enumerate() {
            if m.tok_start < m.tok_end && m.tok_end <= n_tokens {
                start_at[m.tok_start] = Some(i);
                end_at[m.tok_end - 1] = Some(i);
                covered[m.tok_start..m.tok_end].iter_mut().for_each(|c| *c = true);
                cover[m.tok_start..m.tok_end].iter_mut().for_each(|c| *c = Some(i));
            }
        }
        Actors {
            list,
            start_at,
            end_at,
            covered,
            cover,
            place_at: vec![None; n_tokens + 1],
            place_of: vec![None; n_tokens + 1],
            _p: std::marker::PhantomData,
        }
    }
    /// Record place mentions so a place can stand for its country as a target
    /// ("visited Kyiv", "shelled Kharkiv").
    fn with_places(mut self, toks: &[Token], places: &[PlaceMention]) -> Self {
        for p in places {
            if p.country.len() != 3 || p.country == "---" {
                continue;
            }
            if let Some(k) = token_at(toks, p.byte_start) {
                if !self.covered[k] {
                    self.place_at[k] = Some((p.country.clone(), p.text.clone()));
                    let mut e = k;
                    while e < toks.len() && toks[e].byte_end <= p.byte_end && !self.covered[e] {
                        self.place_of[e] = Some(k);
                        e += 1;
                    }
                }
            }
        }
        self
    }
    fn inside(&self, k: usize) -> bool {
        self.covered.get(k).copied().unwrap_or(false)
    }
}

/// One actor slot of a raw event.
#[derive(Debug, Clone)]
struct Slot {
    code: String,
    text: String,
}

impl Slot {
    fn of(m: &ActorMention) -> Vec<Slot> {
        let mut v = vec![Slot { code: m.code.clone(), text: m.text.clone() }];
        for c in &m.also {
            v.push(Slot { code: c.clone(), text: m.text.clone() });
        }
        v
    }
}

/// Per-document state carried from sentence to sentence.
#[derive(Default)]
struct DocState {
    /// Most recent compound subject (two or more actors acting together).
    last_compound: Option<(usize, Vec<Slot>)>,
    /// Dyad (sorted country pair) -> (count, codes in order, last explicit date).
    dyads: HashMap<(String, String), (usize, usize, Vec<Slot>)>,
    /// Counter giving each coded actor pair its order of appearance.
    seen: usize,
    /// Dyad -> last date given by a time expression (own or inherited).
    dyad_dates: HashMap<(String, String), (DateValue, String)>,
    /// Last person mentioned, for "he"/"she".
    last_person: Option<usize>,
    /// Last subject found in the text (sentence index, actors), for "it"/"they".
    last_subject: Option<(usize, Vec<Slot>)>,
    next_pair: usize,
}

fn dyad_key(a: &str, b: &str) -> (String, String) {
    let (a, b) = (a.get(..3).unwrap_or(a).to_string(), b.get(..3).unwrap_or(b).to_string());
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

struct Raw {
    event: Event,
    date_source: DateSource,
}

impl Coder {
    /// Build the coder over the embedded pattern dictionary and codebook.
    pub fn new() -> Coder {
        Coder::with_patterns(PatternSet::embedded(), usize::MAX)
    }

    /// Build the coder over another pattern set (herald's with a user's layered
    /// on it, see [`PatternSet::parse_layered`]). Patterns from line
    /// `user_from_line` on are the user's: on a tie in length they win.
    pub fn with_patterns(patterns: &'static PatternSet, user_from_line: usize) -> Coder {
        let mut by_lemma: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, p) in patterns.patterns.iter().enumerate() {
            match &p.head {
                crate::patterns::Head::Lemma(l) => by_lemma.entry(l.clone()).or_default().push(i),
                crate::patterns::Head::Class(c) => {
                    for l in patterns.class(c) {
                        by_lemma.entry(l.clone()).or_default().push(i);
                    }
                }
            }
        }
        for v in by_lemma.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        // Pattern elements compiled once: words pre-split, classes indexed by
        // their first word (longest members first).
        let mut class_ids: HashMap<String, usize> = HashMap::default();
        let mut classes: Vec<HashMap<String, Vec<Vec<String>>>> = Vec::new();
        let mut compile = |elems: &[Elem]| -> Vec<CElem> {
            elems
                .iter()
                .map(|e| match e {
                    Elem::Gap => CElem::Gap,
                    Elem::Word(w) => CElem::Words(w.split(' ').map(str::to_string).collect()),
                    Elem::Class(c) => {
                        let id = *class_ids.entry(c.clone()).or_insert_with(|| {
                            let mut m: HashMap<String, Vec<Vec<String>>> = HashMap::default();
                            for member in patterns.class(c) {
                                let mut words = member.split(' ').map(str::to_string);
                                if let Some(first) = words.next() {
                                    m.entry(first).or_default().push(words.collect());
                                }
                            }
                            for v in m.values_mut() {
                                v.sort_by_key(|rest| std::cmp::Reverse(rest.len()));
                            }
                            classes.push(m);
                            classes.len() - 1
                        });
                        CElem::Class(id)
                    }
                })
                .collect()
        };
        let compiled: Vec<Vec<CElem>> = patterns.patterns.iter().map(|p| compile(&p.elems)).collect();
        let before: Vec<Vec<CElem>> = patterns.patterns.iter().map(|p| compile(&p.before)).collect();
        let mut anchor_ids: HashMap<String, u32> = HashMap::default();
        let anchors = compiled
            .iter()
            .map(|elems: &Vec<CElem>| {
                let a = elems.iter().find_map(|e| match e {
                    CElem::Words(w) => w.first().cloned(),
                    _ => None,
                })?;
                let next = anchor_ids.len() as u32;
                Some(*anchor_ids.entry(a).or_insert(next))
            })
            .collect();
        Coder {
            patterns,
            codebook: Codebook::embedded(),
            by_lemma,
            compiled,
            anchors,
            anchor_ids,
            before,
            classes,
            user_from_line,
            discards: Vec::new(),
            discard_index: Default::default(),
            nouns: parse_nouns(NOUNS_SOURCE),
            contexts: Vec::new(),
            context_phrases: Vec::new(),
            context_index: PhraseIndex::default(),
            modes: plover::embedded_modes(),
            issues: None,
            refusals: prefix_table(REFUSALS_SOURCE),
            threats: prefix_table(THREATS_SOURCE),
        }
        .with_discards(parse_discards(DISCARDS_SOURCE))
        .with_contexts(parse_contexts(CONTEXTS_SOURCE))
    }

    /// Code a user's issues (PETRARCH's issue coding) on every event.
    pub fn with_issues(mut self, issues: IssueSet) -> Coder {
        self.issues = Some(issues);
        self
    }

    /// The user's issue dictionary, if one was given.
    pub fn issue_set(&self) -> Option<&IssueSet> {
        self.issues.as_ref()
    }

    /// Add discard phrases (a user's dictionary's).
    pub fn with_discards(mut self, discards: Vec<Discard>) -> Coder {
        self.discards.extend(discards);
        let kind = |story: bool| PhraseIndex::new(self.discards.iter().enumerate().filter(move |(_, d)| d.story == story));
        self.discard_index = [kind(false), kind(true)];
        self
    }

    fn with_contexts(mut self, contexts: Vec<(String, Vec<Discard>)>) -> Coder {
        self.context_phrases = contexts.iter().enumerate().flat_map(|(c, (_, phrases))| phrases.iter().map(move |p| (c, p.clone()))).collect();
        self.context_index = PhraseIndex::new(self.context_phrases.iter().map(|(_, p)| p).enumerate());
        self.contexts = contexts;
        self
    }

    /// The first discard phrase (in file order) of the story (`story`) or
    /// sentence kind that occurs in `from..end`.
    fn discard_in(&self, toks: &[Token], from: usize, end: usize, story: bool) -> Option<&Discard> {
        let index = &self.discard_index[story as usize];
        if index.is_empty() {
            return None;
        }
        let mut first: Option<usize> = None;
        index.matches(|i| &self.discards[i], toks, from, end, |i| {
            if first.is_none_or(|f| i < f) {
                first = Some(i);
            }
        });
        first.map(|i| &self.discards[i])
    }

    /// The PLOVER contexts whose issue words sentence `s` contains.
    fn contexts_of(&self, toks: &[Token], s: &Sentence) -> Vec<String> {
        let mut named = vec![false; self.contexts.len()];
        self.context_index.matches(|i| &self.context_phrases[i].1, toks, s.tok_start, s.tok_end, |i| named[self.context_phrases[i].0] = true);
        self.contexts.iter().zip(named).filter(|(_, on)| *on).map(|((name, _), _)| name.clone()).collect()
    }

    /// The codebook the coder uses.
    pub fn codebook(&self) -> &'static Codebook {
        self.codebook
    }

    /// Code one document.
    pub fn code(&self, input: &CoderInput<'_>) -> Coded {
        let mut out = Coded::default();
        let mut state = DocState::default();
        let mut raws: Vec<Raw> = Vec::new();
        let toks = input.tokens;
        if let Some(d) = self.discard_in(toks, 0, toks.len(), true) {
            out.trace.push(Trace { sentence: 0, trigger: d.words.join(" "), pattern: "discard (story)".into(), code: String::new(), outcome: "story not coded: a discard phrase".into() });
            out.actors = input.actors.to_vec();
            return out;
        }
        let mut actors = Actors::new(input.tokens.len(), link_descriptions(input.tokens, input.actors.to_vec())).with_places(input.tokens, input.places);
        // Coreference of "the two leaders", "both sides": added per sentence.
        for (si, s) in input.sentences.iter().enumerate() {
            let added = self.pair_coreferences(input, si, s, &actors.list, &state);
            if !added.is_empty() {
                out.coreferences.extend(added.iter().cloned());
                let mut list = std::mem::take(&mut actors.list);
                // the bare roles the phrases cover ("the two leaders" over "leaders")
                list.retain(|m| !(m.code.starts_with("---") && added.iter().any(|a| m.tok_start < a.tok_end && a.tok_start < m.tok_end)));
                list.extend(added);
                list.sort_by_key(|m| m.tok_start);
                actors = Actors::new(input.tokens.len(), list).with_places(input.tokens, input.places);
            }
            if sports_score(toks, s) {
                out.trace.push(Trace { sentence: si, trigger: String::new(), pattern: "discard (score)".into(), code: String::new(), outcome: "sentence not coded: a game's score".into() });
                continue;
            }
            if let Some(d) = self.discard_in(toks, s.tok_start, s.tok_end, false) {
                out.trace.push(Trace { sentence: si, trigger: d.words.join(" "), pattern: "discard".into(), code: String::new(), outcome: "sentence not coded: a discard phrase".into() });
                continue;
            }
            self.code_sentence(input, si, s, &actors, &mut state, &mut raws, &mut out.trace, &mut out.coreferences);
            let first = actors.list.partition_point(|m| m.tok_start < s.tok_start);
            for (i, m) in actors.list.iter().enumerate().skip(first) {
                if m.tok_start >= s.tok_end {
                    break;
                }
                if m.kind == ActorKind::Person {
                    state.last_person = Some(i);
                }
            }
        }
        out.events = merge(raws);
        for e in &mut out.events {
            let Some(s) = input.sentences.get(e.sentence) else { continue };
            (e.plover, e.mode) = plover::plover_mode(&self.modes, self.codebook, &e.cameo, e.modality.intent && e.modality.future, toks, s);
            e.modality.historical = plover::is_historical(e, input.doc_date);
            e.quantities = plover::quantities(input.text, toks, s);
            if let Some(set) = &self.issues {
                e.issues = set.code(toks, s);
            }
        }
        if !out.events.is_empty() {
            // only a sentence with a reporting word can hold a frame
            static REPORTING: std::sync::OnceLock<herald_core::hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
            let reporting = REPORTING.get_or_init(|| lx::REPORTING.iter().copied().collect());
            out.frames = input
                .sentences
                .iter()
                .map(|s| toks[s.tok_start..s.tok_end].iter().any(|t| reporting.contains(t.norm.as_str())).then(|| find_attribution(input, s, &actors).0).flatten())
                .collect();
        }
        let mut all = actors.list;
        for m in &out.coreferences {
            if !all.iter().any(|a| a.tok_start == m.tok_start && a.tok_end == m.tok_end) {
                all.push(m.clone());
            }
        }
        all.sort_by_key(|m| m.tok_start);
        out.actors = all;
        out
    }

    /// "the two leaders", "both countries", "the two" → the most recent compound
    /// subject, else the document's most frequent dyad.
    fn pair_coreferences(
        &self,
        input: &CoderInput<'_>,
        s_index: usize,
        s: &Sentence,
        mentions: &[ActorMention],
        state: &DocState,
    ) -> Vec<ActorMention> {
        let toks = input.tokens;
        let mut out = Vec::new();
        let mut i = s.tok_start;
        while i + 1 < s.tok_end {
            let t = &toks[i].norm;
            let (start, mut j) = if t == "the" && toks[i + 1].norm == "two" {
                (i, i + 2)
            } else if t == "both" && i + 1 < s.tok_end && is(lx::PAIR_NOUNS, &toks[i + 1].norm) {
                (i, i + 1)
            } else {
                i += 1;
                continue;
            };
            // up to four modifiers, then a pair noun; or "the two" alone before a verb.
            let mut end = None;
            let mut k = j;
            while k < s.tok_end && k < j + 5 {
                if is(lx::PAIR_NOUNS, &toks[k].norm) {
                    end = Some(k + 1);
                    break;
                }
                if toks[k].kind != TokenKind::Word {
                    break;
                }
                k += 1;
            }
            if end.is_none() && toks[start].norm == "the" {
                let next = toks.get(j).map(|t| t.norm.as_str()).unwrap_or("");
                if is(lx::AUX, next) || is(lx::ADVERBS, next) || (!self.patterns.lemmas(next).is_empty() && self.participle(next)) {
                    end = Some(j);
                }
            }
            let Some(e) = end else {
                i += 1;
                continue;
            };
            j = e;
            // a name inside the phrase wins; a bare role ("leaders") gives way
            if mentions.iter().any(|m| m.tok_start < j && start < m.tok_end && !m.code.starts_with("---")) {
                i = j;
                continue;
            }
            let pair: Option<Vec<Slot>> = state
                .last_compound
                .as_ref()
                .filter(|(at, _)| *at + 2 >= s_index)
                .map(|(_, v)| v.clone())
                // the story's main dyad: most events, the latest on a tie
                .or_else(|| state.dyads.values().max_by_key(|(n, last, _)| (*n, *last)).map(|(_, _, v)| v.clone()))
                .or_else(|| {
                    // the last two actors of different countries named before the phrase
                    let mut picked: Vec<Slot> = Vec::new();
                    for m in mentions.iter().rev().filter(|m| m.tok_end <= start && m.code.len() >= 3 && !m.code.starts_with("---")) {
                        if picked.iter().all(|p| p.code.get(..3) != m.code.get(..3)) {
                            picked.insert(0, Slot { code: m.code.clone(), text: m.text.clone() });
                        }
                        if picked.len() == 2 {
                            break;
                        }
                    }
                    (picked.len() == 2).then_some(picked)
                });
            if let Some(pair) = pair.filter(|p| p.len() >= 2) {
                out.push(ActorMention {
                    tok_start: start,
                    tok_end: j,
                    start: toks[start].start,
                    end: toks[j - 1].end,
                    text: input.text[toks[start].byte_start..toks[j - 1].byte_end].to_string(),
                    code: pair[0].code.clone(),
                    also: pair[1..].iter().map(|s| s.code.clone()).collect(),
                    kind: ActorKind::Coreference,
                    entry: Some(pair.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" + ")),
                    possessive: false,
                });
            }
            i = j;
        }
        out
    }

    /// Past participle or simple past: regular "-ed", or an irregular form the
    /// dictionary lists ("flown", "struck").
    fn participle(&self, w: &str) -> bool {
        participle_shape(w)
            || (!w.ends_with('s') && !w.ends_with("ing") && self.patterns.lemmas(w).iter().any(|l| l != w))
    }

    /// "has", "have", "had" used as an auxiliary ("has already postponed"),
    /// not as the light verb of "have talks".
    fn auxiliary_use(&self, toks: &[Token], s: &Sentence, k: usize) -> bool {
        if !matches!(toks[k].norm.as_str(), "has" | "have" | "had" | "having" | "'ve") {
            return false;
        }
        let mut q = k + 1;
        while q < s.tok_end && (lx::is_adverb(&toks[q].norm) || is(lx::NEGATION, &toks[q].norm)) {
            q += 1;
        }
        q < s.tok_end && (self.participle(&toks[q].norm) || toks[q].norm == "been")
    }

    /// Is token `k` (a known verb form) used as a verb here?
    fn verbal(&self, toks: &[Token], s: &Sentence, k: usize, actors: &Actors<'_>) -> bool {
        let t = &toks[k];
        if t.kind != TokenKind::Word || actors.inside(k) {
            return false;
        }
        if t.capitalized && k > s.tok_start && !is_quote(&toks[k - 1]) {
            return false; // a name, not a verb
        }
        // "-ing" right before an auxiliary is a noun: "the bombing was ...".
        if t.norm.ends_with("ing") && toks.get(k + 1).is_some_and(|n| is(lx::AUX, &n.norm) && n.norm != "to") {
            return false;
        }
        let mut p = k;
        while p > s.tok_start {
            p -= 1;
            if is_quote(&toks[p]) || lx::is_adverb(&toks[p].norm) {
                continue;
            }
            let prev = toks[p].norm.as_str();
            if actors.inside(p) {
                // After a lone nationality adjective ("Cuban exiles", "Iraqi
                // bombs") a bare form is the noun it modifies.
                let adjective = actors.end_at[p].is_some_and(|mi| {
                    let m = &actors.list[mi];
                    m.kind == ActorKind::Country
                        && m.tok_end - m.tok_start == 1
                        && toks[p].capitalized
                        && ["an", "ian", "ese", "ish", "i", "ic", "ch"].iter().any(|e| prev.ends_with(e))
                });
                return !(adjective && !self.participle(&t.norm) && !t.norm.ends_with("ing"));
            }
            if prev == "to" || is(lx::AUX, prev) || is(lx::NEGATION, prev) {
                return true;
            }
            if is(lx::DETERMINERS, prev) {
                return false;
            }
            if is(lx::PREPOSITIONS, prev) {
                // a gerund with an object after a preposition ("by sending
                // troops", "of arming the Houthis") is verbal; "days of
                // fighting" is not
                return t.norm.ends_with("ing") && has_object(toks, k + 1, s.tok_end);
            }
            if toks[p].kind == TokenKind::Number || prev == "two" {
                return false;
            }
            // Right after another verb, a verb-looking word is its object
            // ("discussed trade").
            let verb_before = !self.patterns.lemmas(prev).is_empty() && (prev.ends_with("ed") || self.participle(prev));
            if verb_before && !t.norm.ends_with("ing") {
                return false;
            }
            // A bare base or "-s" form after a plain noun is usually a compound
            // noun ("artillery shells", "a general strike", "the bus attack"),
            // unless an object follows.
            if !t.norm.ends_with("ed")
                && !t.norm.ends_with("ing")
                && !actors.inside(p)
                && toks[p].kind == TokenKind::Word
                && !toks[p].capitalized
                && !is(lx::RELATIVES, prev)
                && !is(lx::PERSON_PRONOUNS, prev)
                && !matches!(prev, "it" | "and" | "or" | "but" | "also")
            {
                let next = toks.get(k + 1);
                return next.is_some_and(|n| {
                    is(lx::DETERMINERS, &n.norm) || n.capitalized || n.kind == TokenKind::Number || actors.inside(k + 1)
                });
            }
            return true;
        }
        true
    }

    /// Match a pattern's elements from token `k`; returns the end (exclusive) of
    /// the last matched element.
    fn match_elems(&self, toks: &[Token], s: &Sentence, covered: &[bool], elems: &[CElem], k: usize) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else {
            return Some(k);
        };
        let words_at = |k: usize, words: &[String]| -> bool {
            k + words.len() <= s.tok_end && toks[k..k + words.len()].iter().zip(words).all(|(t, w)| same_word(&t.norm, w))
        };
        match first {
            CElem::Gap => {
                let mut g = k;
                loop {
                    if let Some(e) = self.match_elems(toks, s, covered, rest, g) {
                        return Some(e);
                    }
                    let before_number = toks.get(g + 1).is_some_and(|t| t.kind == TokenKind::Number);
                    // A gap skips modifiers; it may run into an actor only when what
                    // follows is a content word of the pattern ("released * @persons"
                    // over "Ukrainian prisoners"), never to reach a preposition
                    // ("met * in" must not swallow the object).
                    let next_is_prep = matches!(rest.first(), Some(CElem::Words(w)) if w.first().is_some_and(|w| is(lx::PREPOSITIONS, w)));
                    // nor end on an event noun that the preposition would attach to
                    // ("discuss * with" over "the nuclear talks with")
                    if next_is_prep && g > k && g < s.tok_end && is(lx::EVENT_NOUNS, &toks[g].norm) {
                        return None;
                    }
                    if g >= s.tok_end || g >= k + MAX_GAP || (covered[g] && next_is_prep) || !(gap_token(&toks[g]) || before_number && toks[g].kind == TokenKind::Word) {
                        return None;
                    }
                    g += 1;
                }
            }
            CElem::Words(words) => {
                if words_at(k, words) {
                    self.match_elems(toks, s, covered, rest, k + words.len())
                } else {
                    None
                }
            }
            CElem::Class(id) => {
                if k >= s.tok_end {
                    return None;
                }
                let members = self.classes[*id].get(toks[k].norm.as_str())?;
                for tail in members {
                    if words_at(k + 1, tail) {
                        if let Some(e) = self.match_elems(toks, s, covered, rest, k + 1 + tail.len()) {
                            return Some(e);
                        }
                    }
                }
                None
            }
        }
    }

    /// Do `elems` (in text order) end just before token `k`, gaps allowed?
    fn match_before(&self, toks: &[Token], s: &Sentence, elems: &[CElem], k: usize) -> bool {
        let Some((last, rest)) = elems.split_last() else {
            return true;
        };
        match last {
            CElem::Gap => (0..=MAX_GAP).any(|g| k >= s.tok_start + g && self.match_before(toks, s, rest, k - g)),
            CElem::Words(words) => {
                let n = words.len();
                k >= s.tok_start + n
                    && toks[k - n..k].iter().zip(words).all(|(t, w)| t.norm == *w)
                    && self.match_before(toks, s, rest, k - n)
            }
            CElem::Class(id) => self.classes[*id].iter().any(|(first, tails)| {
                tails.iter().any(|tail| {
                    let n = 1 + tail.len();
                    k >= s.tok_start + n
                        && toks[k - n].norm == *first
                        && toks[k - n + 1..k].iter().zip(tail).all(|(t, w)| t.norm == *w)
                        && self.match_before(toks, s, rest, k - n)
                })
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        input: &CoderInput<'_>,
        si: usize,
        s: &Sentence,
        actors: &Actors<'_>,
        state: &mut DocState,
        raws: &mut Vec<Raw>,
        trace: &mut Vec<Trace>,
        coref: &mut Vec<ActorMention>,
    ) {
        let toks = input.tokens;
        let text = input.text;
        // what only a candidate event reads is found when the first is
        let frame = OnceCell::new();
        let frame = || frame.get_or_init(|| find_attribution(input, s, actors));
        let statement = OnceCell::new();
        let statement = || *statement.get_or_init(|| statement_cue(toks, s));
        let contexts = OnceCell::new();
        let contexts = || contexts.get_or_init(|| self.contexts_of(toks, s));
        let local = OnceCell::new();
        let local = || local.get_or_init(|| local_country(input, s, actors));
        let mut consumed_until = s.tok_start;
        let mut last_subject: Option<Vec<Slot>> = None;
        let mut last_target: Option<Vec<Slot>> = None;
        // the sentence's tags, made when its first candidate event is found,
        // and its tree, made when first read
        let mut syn = SentenceSyntax::new(input, s, actors);
        // tokens a verb pattern matched: their nouns are not coded again
        let mut used = vec![false; s.tok_end - s.tok_start];
        // each token's number as a pattern's anchor word, and the anchors
        // within reach of the current token, as bits
        let mut tok_anchor: Option<Vec<u32>> = None;
        let mut near: Vec<u64> = Vec::new();
        let first_raw = raws.len();
        let mut k = s.tok_start;
        while k < s.tok_end {
            if k < consumed_until {
                k += 1;
                continue;
            }
            let lemmas = self.patterns.lemmas(&toks[k].norm);
            if lemmas.is_empty() {
                k += 1;
                continue;
            }
            // Candidate patterns, best first: the user's dictionary before
            // herald's, then most elements, then file order. The first whose target can be
            // found wins ("meet * in | with" gives way to "meet | OBJ" when the
            // object is right there); failing all, the best.
            let mut cands: Vec<(&Pattern, usize)> = Vec::new();
            // words that may follow within reach: a pattern whose first literal
            // word is not among them cannot match (a cheap test before matching)
            let reach_end = (k + 1 + 32).min(s.tok_end);
            let tok_anchor = tok_anchor.get_or_insert_with(|| {
                toks[s.tok_start..s.tok_end].iter().map(|t| self.anchor_ids.get(t.norm.as_str()).copied().unwrap_or(u32::MAX)).collect::<Vec<u32>>()
            });
            near.clear();
            near.resize(self.anchor_ids.len().div_ceil(64), 0);
            for &a in &tok_anchor[k + 1 - s.tok_start..reach_end - s.tok_start] {
                if a != u32::MAX {
                    near[a as usize / 64] |= 1 << (a % 64);
                }
            }
            for l in lemmas {
                for &pi in self.by_lemma.get(l).map(Vec::as_slice).unwrap_or(&[]) {
                    if self.anchors[pi].is_some_and(|a| near[a as usize / 64] >> (a % 64) & 1 == 0) {
                        continue;
                    }
                    if let Some(end) = self.match_elems(toks, s, &actors.covered, &self.compiled[pi], k + 1) {
                        if self.before[pi].is_empty() || self.match_before(toks, s, &self.before[pi], k) {
                            cands.push((&self.patterns.patterns[pi], end));
                        }
                    }
                }
            }
            // a compound marker (`%`) needs a compound actor on its side of the verb
            // (the nearest one before it, the first one after it)
            let mut near_compound: (Option<Vec<Slot>>, Option<Vec<Slot>>) = (None, None);
            if cands.iter().any(|(p, _)| p.compound.is_some()) {
                let in_sentence = |m: &ActorMention| m.tok_start >= s.tok_start && m.tok_end <= s.tok_end;
                near_compound.0 = (0..actors.list.len())
                    .rev()
                    .filter(|&mi| in_sentence(&actors.list[mi]) && actors.list[mi].tok_end <= k)
                    .map(|mi| compound_left(actors, toks, mi))
                    .find(|v| v.len() >= 2);
                near_compound.1 = (0..actors.list.len())
                    .filter(|&mi| in_sentence(&actors.list[mi]) && actors.list[mi].tok_start > k)
                    .map(|mi| compound_right(actors, toks, mi))
                    .find(|v| v.len() >= 2);
                cands.retain(|(p, _)| match p.compound {
                    Some(Compound::Subject) => near_compound.0.is_some(),
                    Some(Compound::Target) => near_compound.1.is_some(),
                    None => true,
                });
            }
            if cands.is_empty() {
                k += 1;
                continue;
            }
            // nor is a word of an attribution frame ("according to", "X said")
            let (attribution, mask) = frame();
            let masked = |k: usize| mask.get(k - s.tok_start).copied().unwrap_or(false);
            if masked(k) {
                k += 1;
                continue;
            }
            // no verb whatever the tags say: a word of an actor's name, or
            // "has" before a participle
            if actors.inside(k) || self.auxiliary_use(toks, s, k) {
                k += 1;
                continue;
            }
            // the tags, made once per sentence that could hold an event (a
            // pattern matched; an actor, or a pronoun that may stand for one)
            syn.tag();
            // a verb where the tagger says so; where it reads a noun, adjective
            // or function word, not; otherwise the word-order rules decide.
            // A user's dictionary (TABARI, PETRARCH) matches by its own word
            // order rules, as those coders do, so only its patterns may still
            // fire on a word the tagger reads as a noun.
            let mut only_user = false;
            // a user's pattern that also names words before the verb ("% HAVE
            // POSTPONED *" on "have postponed their meeting") places its verb
            // by those words, whatever the tagger reads
            let anchored = |cands: &[(&Pattern, usize)]| cands.iter().any(|(p, _)| p.line >= self.user_from_line && !p.before.is_empty());
            let mut by_anchor = false;
            // a word the tagger misread but the parser gives a subject is a
            // predicate ("Rubio later flew to ...", "flew" tagged as a noun)
            // (the tree is made for this only when the word-order rules would
            // read a verb)
            let has_subject = |p: &Parse| p.children(k - s.tok_start).any(|c| p.rel_is(c, "nsubj"));
            let verbal = match syn.upos(k - s.tok_start) {
                Some("VERB") => !actors.inside(k),
                Some("NOUN") if self.verbal(toks, s, k, actors) && syn.parse().is_some_and(has_subject) => true,
                // a sentence the tagger left with no verb at all misread one
                // ("Boko Haram committed violence": "committed" as ADJ); the
                // word-order rules decide
                Some("ADJ") if syn.verbless() => self.verbal(toks, s, k, actors),
                Some("NOUN" | "PROPN" | "ADJ" | "ADP" | "DET" | "PRON" | "NUM" | "AUX" | "CCONJ" | "SCONJ" | "PART" | "PUNCT") => {
                    only_user = self.user_from_line < usize::MAX;
                    let v = only_user && self.verbal(toks, s, k, actors);
                    by_anchor = only_user && !v && anchored(&cands);
                    v || by_anchor
                }
                _ => self.verbal(toks, s, k, actors),
            };
            if !verbal || self.auxiliary_use(toks, s, k) {
                k += 1;
                continue;
            }
            let user = |x: &Pattern| x.line >= self.user_from_line;
            if only_user {
                cands.retain(|(p, _)| user(p) && (!by_anchor || !p.before.is_empty()));
            }
            // a verb the user's dictionary knows is coded by it first
            // a head written exactly as in the text beats one reached through
            // inflection ("met" as its own verb before "meet")
            let surface = toks[k].norm.as_str();
            let exact = |p: &Pattern| matches!(&p.head, crate::patterns::Head::Lemma(l) if l == surface);
            cands.sort_by_key(|(p, _)| std::cmp::Reverse((user(p), p.specificity(), exact(p), std::cmp::Reverse(p.line))));
            cands.dedup_by_key(|(p, _)| p.line);
            let best = if cands.len() > 1 {
                cands
                    .iter()
                    .copied()
                    .find(|&(p, end)| self.target_probe(toks, s, p, k, end, actors, &mask))
                    .or(cands.first().copied())
            } else {
                cands.first().copied()
            };
            let Some((pattern, pend)) = best else {
                k += 1;
                continue;
            };
            consumed_until = pend;
            used[k - s.tok_start..pend - s.tok_start].iter_mut().for_each(|u| *u = true);
            let v = k - s.tok_start;
            let trigger = text[toks[k].byte_start..toks[pend - 1].byte_end].to_string();
            let mut note = |outcome: String| {
                trace.push(Trace {
                    sentence: si,
                    trigger: trigger.clone(),
                    pattern: format!("{} (verbs.txt:{})", pattern.text, pattern.line),
                    code: pattern.code.clone(),
                    outcome,
                })
            };
            // Reduced relative: "the support provided by X" — a participle right
            // after a plain noun, with no auxiliary.
            // A participle the parse gives an active subject of its own ("Arnor
            // on Thursday signed ...", "the militia vowed on Thursday to ...")
            // is a main verb, not a modifier.
            if k > s.tok_start && self.participle(&toks[k].norm) && !syn.parse().is_some_and(|p| p.children(v).any(|c| p.rel[c] == "nsubj")) {
                let prev = &toks[k - 1];
                if prev.kind == TokenKind::Word
                    && !actors.inside(k - 1)
                    && !is(lx::AUX, &prev.norm)
                    && !is(lx::NEGATION, &prev.norm)
                    && !lx::is_adverb(&prev.norm)
                    && !is(lx::RELATIVES, &prev.norm)
                    && !is(lx::PREPOSITIONS, &prev.norm)
                    && !matches!(prev.norm.as_str(), "and" | "or" | "but" | "then" | "nor")
                    && !is(lx::PERSON_PRONOUNS, &prev.norm)
                    && !matches!(prev.norm.as_str(), "they" | "it" | "we" | "i" | "you")
                    && {
                        // a participle modifier is followed by "by", a preposition or
                        // punctuation; a main verb by its object ("killed 12 soldiers").
                        let mut q = pend;
                        while q < s.tok_end && is_quote(&toks[q]) {
                            q += 1;
                        }
                        // "by" marks the agent of a participle; other prepositions
                        // only when a main verb follows ("the attack carried out
                        // in Kabul killed ..."), else this is the main verb
                        // ("people protested in Belgrade").
                        let later_verb = || {
                            (pend..s.tok_end).any(|r| {
                                let w = toks[r].norm.as_str();
                                (is(lx::AUX, w) && w != "to" && w != "'s")
                                    || (!actors.inside(r) && !self.patterns.lemmas(w).is_empty() && self.participle(w))
                            })
                        };
                        q < s.tok_end && toks[q].norm == "by"
                            || (q >= s.tok_end || toks[q].kind == TokenKind::Punct || is(lx::PREPOSITIONS, &toks[q].norm)) && later_verb()
                    }
                {
                    note("not coded: participle modifying a noun (reduced relative)".into());
                    k = pend;
                    continue;
                }
            }
            let tree = syn.parse().map(|p| Tree::new(p, &toks[s.tok_start..s.tok_end]));
            // ---- walk left: auxiliaries, adverbs, frames, then the subject.
            let mut modality = Modality::default();
            let mut passive = false;
            let mut perfect = false;
            let mut past_perfect = false;
            let mut j = k;
            let mut seen_to = false;
            let mut refused = false;
            let mut threatened = false;
            let mut framed = false;
            while j > s.tok_start {
                let w = toks[j - 1].norm.as_str();
                if masked(j - 1) {
                    break;
                }
                if is_quote(&toks[j - 1]) || lx::is_adverb(w) {
                    j -= 1;
                    continue;
                }
                // a time adverbial between subject and verb: "Russia on Monday said",
                // "X late Sunday called"
                if let Some(t) = input.timexes.iter().find(|t| t.byte_end == toks[j - 1].byte_end) {
                    let mut q = j - 1;
                    while q > s.tok_start && toks[q].byte_start > t.byte_start {
                        q -= 1;
                    }
                    if q > s.tok_start && matches!(toks[q - 1].norm.as_str(), "on" | "in" | "late" | "early" | "last" | "this" | ",") {
                        q -= 1;
                    }
                    if q < j - 1 || toks[q].byte_start == t.byte_start {
                        j = q;
                        continue;
                    }
                }
                if w == "to" {
                    seen_to = true;
                    j -= 1;
                    continue;
                }
                if is(lx::NEGATION, w) {
                    modality.negated = true;
                    j -= 1;
                    continue;
                }
                if is(lx::AUX, w) {
                    if is(lx::BE, w) && !seen_to && self.participle(&toks[k].norm) {
                        passive = true;
                    }
                    if is(lx::BE, w) && seen_to {
                        modality.future = true; // "is to visit"
                        framed = true;
                    }
                    if matches!(w, "has" | "have" | "had" | "'ve") && !seen_to {
                        perfect = true;
                        past_perfect |= w == "had";
                    }
                    if is(lx::FUTURE, w) {
                        modality.future = true;
                    }
                    if is(lx::HYPOTHETICAL, w) {
                        // "said it would expel": future in reported speech, not a
                        // hypothetical
                        let reported = matches!(w, "would" | "'d")
                            && (s.tok_start..j - 1).any(|r| is(lx::REPORTING, &toks[r].norm) && toks[r].norm != "according");
                        if reported {
                            modality.future = true;
                        } else {
                            modality.hypothetical = true;
                        }
                    }
                    j -= 1;
                    continue;
                }
                if seen_to && is(lx::INTENT_FRAMES, w) {
                    modality.intent = true;
                    framed = true;
                    j -= 1;
                    continue;
                }
                if seen_to && is(lx::FUTURE_FRAMES, w) {
                    modality.future = true;
                    framed = true;
                    j -= 1;
                    continue;
                }
                if seen_to && matches!(w, "threaten" | "threatened" | "threatens" | "threatening") {
                    threatened = true;
                    framed = true;
                    j -= 1;
                    continue;
                }
                if seen_to && is(lx::NEGATIVE_FRAMES, w) {
                    modality.negated = true;
                    refused |= !w.starts_with("fail") && w != "unable";
                    framed = true;
                    j -= 1;
                    continue;
                }
                break;
            }
            // A bare infinitive ("invited X to visit", "called on states to
            // cooperate", "troops to fight") does not assert that the act happened.
            let complement = seen_to && !framed;
            if complement {
                modality.future = true;
            }
            // "if"/"unless" earlier in the clause.
            if (s.tok_start..k).rev().take_while(|&q| toks[q].norm != "," && toks[q].norm != ";").any(|q| matches!(toks[q].norm.as_str(), "if" | "unless")) {
                modality.hypothetical = true;
            }
            // ---- subject
            let mut heur_subject: Option<usize> = None;
            let mut subject: Option<Vec<Slot>> = None;
            let mut subject_inherited = false;
            let mut pronoun: Option<usize> = None;
            if j > s.tok_start {
                let mut q = j - 1;
                if is(lx::RELATIVES, &toks[q].norm) && q > s.tok_start {
                    q -= 1;
                    if toks[q].norm == "," && q > s.tok_start {
                        q -= 1;
                    }
                }
                let after_prep = |mi: usize| {
                    let st = actors.list[mi].tok_start;
                    let w = toks.get(st.wrapping_sub(1)).map_or("", |t| t.norm.as_str());
                    // "Soldiers from Gondor", "activists in Arnor": a role-only
                    // actor before the preposition makes the whole the subject
                    let role_before = st >= 2
                        && matches!(w, "in" | "from" | "of")
                        && actors.end_at[st - 2].is_some_and(|r| actors.list[r].code.starts_with("---"));
                    st > s.tok_start && is(lx::PREPOSITIONS, w) && w != "of" && !is(lx::CLAUSE_OPENERS, w) && !role_before
                };
                if let Some(mi) = actors.end_at[q].filter(|&mi| !after_prep(mi)) {
                    let m = &actors.list[mi];
                    if !m.possessive {
                        heur_subject = Some(mi);
                        let mut v = compound_left(actors, toks, mi);
                        // "Bree Prime Minister" + "Romendacil" (a name coded BRE):
                        // the title right before gives the role
                        if v.len() == 1 && m.code.len() == 3 && m.tok_start > 0 {
                            if let Some(prev) = actors.end_at[m.tok_start - 1].map(|x| &actors.list[x]) {
                                if prev.code.len() > 3 && prev.code.starts_with(&m.code) && !prev.possessive {
                                    v[0].code = prev.code.clone();
                                }
                            }
                        }
                        subject = Some(v);
                    }
                } else if toks[k].norm.ends_with("ing") && matches!(toks[q].norm.as_str(), "for" | "of") && last_target.is_some() {
                    // "assailed Ukraine for holding exercises": the object acts.
                    subject = last_target.clone();
                    subject_inherited = true;
                } else if is(lx::PERSON_PRONOUNS, &toks[q].norm) {
                    // "he" is the sentence's own subject if it has one ("Rubio flew
                    // to Riyadh, where he held talks"), else the last person named.
                    subject = last_subject
                        .clone()
                        .filter(|v| v.len() == 1)
                        .or_else(|| state.last_person.and_then(|pi| actors.list.get(pi)).map(Slot::of));
                    pronoun = Some(q);
                } else if matches!(toks[q].norm.as_str(), "it" | "they") {
                    // "Russia said it would ...": the sentence's subject, else the
                    // previous sentence's; "they" wants a group.
                    let plural = toks[q].norm == "they";
                    let fits = |v: &Vec<Slot>| if plural { v.len() >= 2 || v.iter().all(|x| x.text.ends_with('s')) } else { v.len() == 1 };
                    // "Estonia said (that) it would act": the subject of the
                    // reporting verb right before the pronoun, before any other
                    // claimant the sentence names ("..., an official said")
                    let reporter = {
                        let mut r = q;
                        if r > s.tok_start && toks[r - 1].norm == "that" {
                            r -= 1;
                        }
                        (r >= s.tok_start + 2 && is(lx::REPORTING, &toks[r - 1].norm) && toks[r - 1].norm != "according")
                            .then(|| actors.end_at[r - 2])
                            .flatten()
                            .filter(|&mi| !actors.list[mi].possessive)
                            .map(|mi| compound_left(actors, toks, mi))
                            .filter(fits)
                    };
                    // "Ethiopia indicated it would act": the claimant of the report
                    let claimant = attribution
                        .as_ref()
                        .and_then(|a| a.code.clone().map(|c| vec![Slot { code: c, text: a.text.clone() }]))
                        .filter(fits);
                    subject = reporter.or_else(|| last_subject.clone().filter(fits)).or(claimant).or_else(|| {
                        state
                            .last_subject
                            .as_ref()
                            .filter(|(at, v)| *at + 1 >= si && fits(v))
                            .map(|(_, v)| v.clone())
                            .or_else(|| plural.then(|| state.last_compound.as_ref().filter(|(at, _)| *at + 1 >= si).map(|(_, v)| v.clone())).flatten())
                    });
                    pronoun = Some(q);
                } else if matches!(toks[q].norm.as_str(), "," | "and" | "or" | "but" | "\"") || is(lx::PREPOSITIONS, &toks[q].norm) {
                    subject = last_subject.clone();
                    subject_inherited = true;
                }
            } else if toks[k].norm.ends_with("ing") {
                subject = last_subject.clone();
                subject_inherited = true;
            }
            if seen_to && subject.is_none() {
                subject = last_subject.clone();
                subject_inherited = true;
            }
            // ---- the parse: subject, voice, negation and conditions
            let mut how: Vec<String> = Vec::new();
            if let Some(t) = &tree {
                if t.negated(v) && !modality.negated {
                    modality.negated = true;
                    how.push("negated in the parse".into());
                }
                if t.hypothetical(v) && !modality.hypothetical && !modality.future {
                    modality.hypothetical = true;
                    how.push("hypothetical in the parse".into());
                }
                if let Some(sj) = t.subject(v) {
                    if !matches!(t.upos(sj.word), "PRON" | "DET") {
                        let mis = parse_actors(t, actors, s, sj.word);
                        // the word-order reading stands when its actor is part of
                        // the parse's subject ("Mr Putin and Mr Kim")
                        let words = t.actor_words(sj.word);
                        let within = |mi: usize| {
                            let m = &actors.list[mi];
                            mis.contains(&mi) || (m.tok_start.max(s.tok_start)..m.tok_end.min(s.tok_end)).any(|q| words.contains(&(q - s.tok_start)))
                        };
                        if !heur_subject.is_some_and(within) {
                            subject = (!mis.is_empty()).then(|| parse_slots(t, actors, s, sj.word));
                            subject_inherited = sj.how != "subject";
                            pronoun = None;
                        }
                        how.push(format!("{} in the parse: {}", if sj.patient { "patient" } else { "subject" }, t.path(v, sj.word, text)));
                    }
                    passive = sj.patient;
                }
            }
            // ---- who says so: the word-order frames, else the verb of saying
            // the parse puts above this verb ("The Kremlin said in a
            // statement that Putin had met Kim")
            let mut ev_attribution = attribution.clone();
            if let Some(t) = &tree {
                if let Some(r) = t.reported_by(v) {
                    let rw = toks[s.tok_start + r].norm.as_str();
                    if is(lx::REPORTING, rw) || is(lx::DENIALS, rw) {
                        let who = t.subject(r).map(|sj| parse_slots(t, actors, s, sj.word)).unwrap_or_default();
                        if let (Some(first), true) = (who.first(), ev_attribution.as_ref().is_none_or(|a| a.code.is_none())) {
                            let cue = if is(lx::DENIALS, rw) { "denial" } else { rw };
                            ev_attribution = Some(Attribution { code: Some(first.code.clone()), text: first.text.clone(), cue: cue.to_string() });
                            how.push(format!("reported by the parse: {}", t.path(r, v, text)));
                        }
                    }
                }
            }
            // ---- the clause to the right, up to the next predicate or clause opener.
            let clause_end = self.clause_end(toks, s, pend, actors, &mask);
            // ---- target (and, in the passive, the source from "by")
            let mut reciprocal = false;
            let mut target: Option<Vec<Slot>> = None;
            let mut heur_target: Option<usize> = None;
            let mut source = subject.clone();
            if passive {
                let by = (pend..clause_end).find(|&q| toks[q].norm == "by").and_then(|q| actor_after(actors, toks, q + 1, clause_end));
                source = by.map(|mi| compound_right(actors, toks, mi));
                if let Some(t) = &tree {
                    if let Some(ag) = t.agent(v) {
                        let mis = parse_actors(t, actors, s, ag);
                        if !mis.is_empty() && !by.is_some_and(|mi| mis.contains(&mi)) {
                            source = Some(parse_slots(t, actors, s, ag));
                        }
                        how.push(format!("agent in the parse: {}", t.path(v, ag, text)));
                    }
                }
                target = subject.clone();
            } else if let Some(mi) = pattern.allows_object().then(|| (k + 1..pend).find_map(|q| actors.start_at[q])).flatten() {
                // The object sits inside the matched words: "released 150 Ukrainian
                // prisoners", "accused the RSF of ethnic cleansing".
                heur_target = Some(mi);
                target = Some(compound_right(actors, toks, mi));
            } else {
                match self.find_target(toks, pattern, k, pend, clause_end, actors) {
                    TargetFound::Actor(mi) => {
                        heur_target = Some(mi);
                        target = Some(compound_right(actors, toks, mi))
                    }
                    // A place stands for its country only where the act is done
                    // at or to a location: visits, aid, deployments, force.
                    TargetFound::Place(code, text) if PLACE_TARGET_ROOTS.contains(&&pattern.code[..2]) => {
                        target = Some(vec![Slot { code, text }])
                    }
                    TargetFound::Place(..) => {}
                    TargetFound::Reciprocal => reciprocal = true,
                    TargetFound::None => {}
                }
            }
            // ---- the parse: the object, or the pattern's preposition
            // A user's dictionary (PETRARCH, TABARI) takes the first actor of
            // the verb phrase, as those coders do: the parse may replace it
            // with the verb's own object, but does not veto it.
            let veto = pattern.line < self.user_from_line;
            if let (Some(t), false, false) = (&tree, passive, reciprocal) {
                let nouns: Vec<usize> = (k + 1..pend).map(|q| q - s.tok_start).filter(|&w| matches!(t.upos(w), "NOUN" | "PROPN")).collect();
                // the object, then the pattern's prepositional phrases: the
                // first that names an actor or a place, else the first
                let mut words: Vec<usize> = pattern.allows_object().then(|| t.object(v)).flatten().into_iter().collect();
                // right association, as in the word-order rules: "discussed the
                // preparations for the summit with Trump" — a phrase right
                // after an event noun belongs to the noun, whatever the parse
                // says (unless the noun is the pattern's own, or the verb light)
                let light_head = self.patterns.lemmas(&toks[k].norm).iter().any(|l| self.patterns.class("light").contains(l));
                let after_event_noun = |w: usize| {
                    t.case_word(w).is_some_and(|c| {
                        let q = s.tok_start + c;
                        q > pend && is(lx::EVENT_NOUNS, &toks[q - 1].norm) && !light_head
                    })
                };
                let mut obl: Vec<usize> =
                    pattern.prepositions().flat_map(|pr| t.obliques(v, pr, &nouns)).filter(|&w| veto && !after_event_noun(w) || !veto).collect();
                obl.sort_unstable();
                obl.dedup();
                words.extend(obl);
                let names = |w: usize| !parse_actors(t, actors, s, w).is_empty() || t.nominal_words(w).into_iter().any(|x| actors.place_of[s.tok_start + x].is_some());
                let word = words.iter().copied().find(|&w| names(w)).or(words.first().copied());
                let in_clause = |mi: usize| {
                    let m = &actors.list[mi];
                    (m.tok_start.max(s.tok_start)..m.tok_end.min(s.tok_end)).any(|q| t.in_clause_of(v, q - s.tok_start))
                };
                match word {
                    Some(w) => {
                        let mis = parse_actors(t, actors, s, w);
                        let words = t.actor_words(w);
                        let within = |mi: usize| {
                            let m = &actors.list[mi];
                            mis.contains(&mi) || (m.tok_start.max(s.tok_start)..m.tok_end.min(s.tok_end)).any(|q| words.contains(&(q - s.tok_start)))
                        };
                        if !mis.is_empty() {
                            if !heur_target.is_some_and(within) {
                                target = Some(parse_slots(t, actors, s, w));
                            }
                        } else if let Some(p) = PLACE_TARGET_ROOTS
                            .contains(&&pattern.code[..2])
                            .then(|| t.nominal_words(w).into_iter().find_map(|x| actors.place_of[s.tok_start + x]))
                            .flatten()
                        {
                            if let Some((code, text)) = actors.place_at[p].clone() {
                                target = Some(vec![Slot { code, text }]);
                            }
                        } else if veto && heur_target.is_some_and(|mi| !in_clause(mi)) {
                            target = None;
                        }
                        how.push(format!("target in the parse: {}", t.path(v, w, text)));
                    }
                    // no object or phrase of the pattern's in the parse: the
                    // word-order reading stands (the parse of a sentence broken
                    // by quotes or a dateline is often wrong where it is silent)
                    None => {}
                }
            }
            // An infinitive's understood subject ("troops to fight") does not
            // become the subject that later coordinated verbs share.
            if let (Some(q), Some(sub)) = (pronoun, subject.as_ref()) {
                if !coref.iter().any(|m: &ActorMention| m.tok_start == q) {
                    coref.push(ActorMention {
                        tok_start: q,
                        tok_end: q + 1,
                        start: toks[q].start,
                        end: toks[q].end,
                        text: text[toks[q].byte_start..toks[q].byte_end].to_string(),
                        code: sub[0].code.clone(),
                        also: sub[1..].iter().map(|x| x.code.clone()).collect(),
                        kind: ActorKind::Coreference,
                        entry: Some(sub.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" + ")),
                        possessive: false,
                    });
                }
            }
            if !subject_inherited && !seen_to {
                if let Some(sub) = &subject {
                    state.last_subject = Some((si, sub.clone()));
                    last_subject = Some(sub.clone());
                }
            }
            if target.is_some() {
                last_target = target.clone();
            }
            // ---- durative: "have supported each other since ..."
            if perfect && (pend..clause_end.max(pend)).chain(clause_end..s.tok_end.min(clause_end + 1)).any(|q| toks[q].norm == "since") {
                modality.durative = true;
            }
            // ---- code: intent frames and future turn the act into its intent code.
            let mut code = pattern.code.clone();
            // A user's dictionary says itself which code an act gets (PETRARCH
            // and TABARI patterns already encode "agreed to" and the like), so
            // herald's intent rewriting applies to herald's own patterns only.
            let from_user = pattern.line >= self.user_from_line;
            if from_user {
                // the dictionary's own patterns say what negation or a modal does
                modality = Modality::default();
            }
            // a denied act is not asserted ("Israel denied that it had attacked")
            if ev_attribution.as_ref().is_some_and(|a| a.cue == "denial") {
                modality.negated = true;
            }
            // a refused act is CAMEO's rejection of it ("refused to provide aid": 1222),
            // a threatened one its threat ("threatened to cut aid": 1311)
            if refused && !from_user {
                if let Some(rc) = by_prefix(&self.refusals, &code) {
                    code = rc;
                    modality.negated = false;
                }
            }
            if threatened && !from_user && !code.starts_with("13") {
                match by_prefix(&self.threats, &code) {
                    Some(tc) => code = tc,
                    // a threatened act with no CAMEO threat is only planned
                    None => modality.future = true,
                }
            }
            if (modality.intent || modality.future) && !complement && !from_user {
                match self.codebook.get(&pattern.code).and_then(|e| e.intent.clone()) {
                    Some(ic) => {
                        // "agreed to meet" is a commitment (intent, PLOVER
                        // AGREE); "is set to meet" a scheduled act, which keeps
                        // PLOVER's future auxiliary mode and the act's type
                        let planned = modality.future && !modality.intent;
                        code = ic;
                        modality.intent = true;
                        modality.future = planned;
                    }
                    None if pattern.code.starts_with("03") => {
                        modality.intent = true;
                        modality.future = false;
                    }
                    None => {
                        // No intent code for this act: it is planned, not done.
                        modality.intent = false;
                        modality.future = true;
                    }
                }
            }
            // Domestic roles with no country ("police", "protesters") take the
            // country of the place the sentence (or the dateline) names; a user
            // dictionary's pattern keeps its actors as written.
            let local = if pattern.line >= self.user_from_line { None } else { local().clone() };
            let localize = |v: Option<Vec<Slot>>| v.map(|v| v.into_iter().map(|sl| self::localize(sl, local.as_deref())).collect::<Vec<_>>());
            let source = localize(source);
            // a target is localized only when that does not make it the source
            // itself ("it would expel two diplomats": not RUSGOV → RUSGOV)
            let source_codes: Vec<String> = source.iter().flatten().map(|x| x.code.clone()).collect();
            let target = target.map(|v| {
                v.into_iter()
                    .map(|sl| {
                        let l = self::localize(sl.clone(), local.as_deref());
                        if l.code != sl.code && source_codes.contains(&l.code) {
                            sl
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
            });
            let how = if how.is_empty() { String::new() } else { format!(" [{}]", how.join("; ")) };
            // a compound marker: the events are between the members of that
            // compound (TABARI's and PETRARCH's `%`)
            // (the parse's or word order's reading, else the compound nearest
            // the verb on the marker's side)
            let (source, target) = match pattern.compound {
                Some(Compound::Subject) => (source.filter(|v| v.len() >= 2).or(near_compound.0.clone()), None),
                Some(Compound::Target) => (target.filter(|v| v.len() >= 2).or(near_compound.1.clone()), None),
                None => (source, target),
            };
            if pattern.compound.is_some() {
                if source.as_ref().is_none_or(|v| v.len() < 2) {
                    note(format!("not coded: no compound actor{how}"));
                    k = pend;
                    continue;
                }
                reciprocal = true;
            }
            // TABARI's default actors (the record's `DEFAULT` option)
            let defaults = input.options.iter().rev().find(|(k, _)| k == "DEFAULT").map(|(_, v)| Defaults::parse(v));
            let (source, target) = match (&defaults, source.filter(|v| !v.is_empty())) {
                (Some(d), None) if !d.prior && target.as_ref().is_some_and(|t| !t.is_empty()) => {
                    let mut t = target.unwrap_or_default();
                    let first = t.remove(0);
                    (Some(vec![first]), (!t.is_empty()).then_some(t))
                }
                (Some(Defaults { source: Some(c), .. }), None) => (Some(vec![Slot { code: c.clone(), text: String::new() }]), target),
                (Some(d), Some(mut src)) if target.is_none() && !d.after && src.len() >= 2 => {
                    let first = src.remove(0);
                    (Some(vec![first]), Some(src))
                }
                (_, src) => (src, target),
            };
            let target = match (&defaults, target) {
                (Some(Defaults { target: Some(c), .. }), None) if pattern.compound.is_none() => Some(vec![Slot { code: c.clone(), text: String::new() }]),
                (_, t) => t,
            };
            let Some(source) = source.filter(|v| !v.is_empty()) else {
                note(format!("not coded: no source actor{how}"));
                k = pend;
                continue;
            };
            let entry = self.codebook.get(&code);
            let symmetric = entry.is_some_and(|e| e.symmetric);
            let mut pairs: Vec<(Slot, Option<Slot>, Option<usize>)> = Vec::new();
            match &target {
                Some(ts) => {
                    for a in &source {
                        for b in ts {
                            pairs.push((a.clone(), Some(b.clone()), None));
                        }
                    }
                }
                None if source.len() >= 2
                    && (reciprocal || symmetric && (matches!(&code[..2], "04" | "05" | "06") || !has_object(toks, pend, s.tok_end))) =>
                {
                    for (x, a) in source.iter().enumerate() {
                        for (y, b) in source.iter().enumerate() {
                            if x < y && pattern.compound.is_some() && pattern.paired.is_some() {
                                // the paired code gives the act back
                                pairs.push((a.clone(), Some(b.clone()), None));
                            } else if x < y {
                                let pid = state.next_pair;
                                state.next_pair += 1;
                                pairs.push((a.clone(), Some(b.clone()), Some(pid)));
                                pairs.push((b.clone(), Some(a.clone()), Some(pid)));
                            }
                        }
                    }
                }
                // acts that need no recipient: protests (with no object),
                // resignations, mobilisations, ceasefires and disarmament,
                // curfews and martial law (PLOVER codes them without one)
                None if (code.starts_with("14") && !has_object(toks, pend, s.tok_end))
                    || (TARGETLESS.iter().any(|c| code.starts_with(c)) && source.iter().all(|a| political(&a.code))) =>
                {
                    for a in &source {
                        pairs.push((a.clone(), None, None));
                    }
                }
                None => {
                    note(format!("not coded: no target actor{how}"));
                    k = pend;
                    continue;
                }
            }
            if source.len() >= 2 {
                state.last_compound = Some((si, source.clone()));
            }
            // ---- date
            let (date, date_source, date_text) = self.event_date(input, s, k, pend, clause_end, &pairs, past_perfect, state);
            // ---- place
            let location = event_place(input, s, pend, clause_end, actors);
            let mut emitted = 0;
            for (a, mut b, pair) in pairs {
                if b.as_ref().is_some_and(|b| b.code == a.code) {
                    // "Georgia mobilized police in Tbilisi": a domestic act
                    if !TARGETLESS.iter().any(|c| code.starts_with(c)) || !political(&a.code) {
                        continue;
                    }
                    b = None;
                }
                if let Some(b) = &b {
                    let key = dyad_key(&a.code, &b.code);
                    state.seen += 1;
                    let e = state.dyads.entry(key.clone()).or_insert((0, 0, vec![a.clone(), b.clone()]));
                    e.0 += 1;
                    e.1 = state.seen;
                    e.2 = vec![a.clone(), b.clone()];
                    if date_source != DateSource::Default {
                        if let Some(d) = date {
                            state.dyad_dates.insert(key, (d, date_text.clone().unwrap_or_default()));
                        }
                    }
                }
                emitted += 1;
                raws.push(Raw {
                    event: Event {
                        sentence: si,
                        start: s.start,
                        end: s.end,
                        source: a.code.clone(),
                        source_text: a.text.clone(),
                        target: b.as_ref().map(|b| b.code.clone()),
                        target_text: b.as_ref().map(|b| b.text.clone()),
                        cameo: code.clone(),
                        pattern: format!("{} (verbs.txt:{})", pattern.text, pattern.line),
                        trigger: trigger.clone(),
                        date,
                        date_explicit: date_source != DateSource::Default,
                        date_text: date_text.clone(),
                        location: location.clone(),
                        // "X condemned Y in a statement": X is its own source
                        attribution: ev_attribution.clone().or_else(|| {
                            statement().map(|cue| Attribution { code: Some(a.code.clone()), text: a.text.clone(), cue: cue.to_string() })
                        }),
                        modality,
                        mentions: 1,
                        mention_sentences: vec![si],
                        pair,
                        contexts: contexts().clone(),
                        plover: None,
                        mode: None,
                        quantities: Vec::new(),
                        issues: Vec::new(),
                    },
                    date_source,
                });
            }
            // a dictionary's paired code: the target's act back ("042:043")
            if let Some(pc) = &pattern.paired {
                let back: Vec<Raw> = raws[raws.len() - emitted..]
                    .iter()
                    .filter(|r| r.event.target.is_some())
                    .map(|r| {
                        let mut e = r.event.clone();
                        std::mem::swap(&mut e.source, e.target.as_mut().expect("filtered"));
                        std::mem::swap(&mut e.source_text, e.target_text.as_mut().expect("target text"));
                        e.cameo = pc.clone();
                        e.pair = None;
                        Raw { event: e, date_source: r.date_source }
                    })
                    .collect();
                emitted += back.len();
                raws.extend(back);
            }
            let flags = describe(&modality);
            note(format!("coded {code} for {emitted} actor pair(s){flags}{how}"));
            k = pend;
        }
        // ---- an appeal takes its code from what it asks for: "urged Israel to
        // negotiate with Hamas" is 026 (appeal to meet or negotiate), the
        // appeal code that mirrors the act's intent code (046 -> 036 -> 026)
        let asked: Vec<(String, String)> = raws[first_raw..]
            .iter()
            .filter(|r| !r.event.modality.is_factual())
            .filter_map(|r| {
                let intent = self.codebook.get(&r.event.cameo)?.intent.clone().or_else(|| r.event.cameo.starts_with("03").then(|| r.event.cameo.clone()))?;
                let appeal = format!("02{}", &intent[2..]);
                self.codebook.contains(&appeal).then(|| (r.event.source.clone(), appeal))
            })
            .collect();
        for r in raws[first_raw..].iter_mut().filter(|r| r.event.cameo == "020") {
            if let Some((_, appeal)) = asked.iter().find(|(src, _)| r.event.target.as_deref().is_some_and(|t| t == src)) {
                trace.push(Trace {
                    sentence: si,
                    trigger: r.event.trigger.clone(),
                    pattern: r.event.pattern.clone(),
                    code: appeal.clone(),
                    outcome: format!("appeal coded {appeal}: what it asks the target to do"),
                });
                r.event.cameo = appeal.clone();
            }
        }
        // ---- events carried by nouns, read from the parse
        let has_noun = (s.tok_start..s.tok_end).any(|q| !used[q - s.tok_start] && self.nouns.contains_key(toks[q].norm.as_str()));
        // the nouns' sources are named actors of the sentence: without one
        // there is nothing to read the tree for
        if has_noun && syn.names_actor() {
            if let Some(p) = syn.parse() {
                let t = Tree::new(p, &toks[s.tok_start..s.tok_end]);
                let (attribution, mask) = frame();
                self.code_nouns(input, si, s, actors, &t, &used, mask, attribution.as_ref(), contexts(), state, raws, trace);
            }
        }
    }

    /// Events carried by nouns: "the Israeli airstrike on Gaza", "Russia's
    /// shelling of Kharkiv", "Putin's visit to Beijing".
    #[allow(clippy::too_many_arguments)]
    fn code_nouns(
        &self,
        input: &CoderInput<'_>,
        si: usize,
        s: &Sentence,
        actors: &Actors<'_>,
        t: &Tree<'_>,
        used: &[bool],
        mask: &[bool],
        attribution: Option<&Attribution>,
        contexts: &[String],
        state: &mut DocState,
        raws: &mut Vec<Raw>,
        trace: &mut Vec<Trace>,
    ) {
        let toks = input.tokens;
        let text = input.text;
        for w in 0..t.len() {
            let q = s.tok_start + w;
            if used[w] || mask.get(w).copied().unwrap_or(false) || actors.inside(q) || t.upos(w) != "NOUN" {
                continue;
            }
            let Some(entries) = self.nouns.get(toks[q].norm.as_str()) else { continue };
            let Some(noun) = entries.iter().find(|n| {
                let m = n.words.len();
                w + 1 >= m && n.words[..m - 1].iter().enumerate().all(|(i, x)| toks[q + 1 - m + i].norm == *x)
            }) else {
                continue;
            };
            let first = q + 1 - noun.words.len();
            let trigger = text[toks[first].byte_start..toks[q].byte_end].to_string();
            let pattern = format!("{} {} (nouns.txt:{})", noun.code, noun.words.join(" "), noun.line);
            let mut note = |outcome: String| trace.push(Trace { sentence: si, trigger: trigger.clone(), pattern: pattern.clone(), code: noun.code.clone(), outcome });
            // the source: the possessor, a naming modifier, or "by X"
            let mut source: Vec<Slot> = Vec::new();
            let agents = t.noun_agents(w).into_iter().chain(t.noun_targets(w, &noun.preps).into_iter().flat_map(|c| t.by_phrases(c)));
            for c in agents {
                source = parse_slots(t, actors, s, c).into_iter().filter(|x| !x.code.starts_with("---")).collect();
                if !source.is_empty() {
                    break;
                }
            }
            // the target: a phrase with one of the noun's prepositions
            let mut target: Vec<Slot> = Vec::new();
            for c in t.noun_targets(w, &noun.preps) {
                target = parse_slots(t, actors, s, c);
                if target.is_empty() && PLACE_TARGET_ROOTS.contains(&&noun.code[..2]) {
                    if let Some(pk) = t.nominal_words(c).into_iter().find_map(|x| actors.place_of[s.tok_start + x]) {
                        if let Some((code, ptext)) = actors.place_at[pk].clone() {
                            target = vec![Slot { code, text: ptext }];
                        }
                    }
                }
                if !target.is_empty() {
                    break;
                }
            }
            // most event nouns name no actor at all ("the talks"): only a
            // noun with a source but no target is worth a line in the trace
            if source.is_empty() {
                continue;
            }
            if target.is_empty() {
                note("not coded: no target actor in the noun phrase".into());
                continue;
            }
            // the verb the noun depends on says whether it happened
            let mut modality = Modality::default();
            if let Some(gov) = t.governing_verb(w) {
                let g = toks[s.tok_start + gov].norm.as_str();
                if t.negated(gov) || is(lx::DENIALS, g) {
                    modality.negated = true;
                }
                if t.hypothetical(gov) {
                    modality.hypothetical = true;
                }
                if NOT_YET.iter().any(|p| g.starts_with(p)) || t.future(gov) {
                    modality.future = true;
                }
            }
            let mut pairs: Vec<(Slot, Option<Slot>, Option<usize>)> = Vec::new();
            for a in &source {
                for b in &target {
                    if a.code != b.code {
                        pairs.push((a.clone(), Some(b.clone()), None));
                    }
                }
            }
            if pairs.is_empty() {
                note("not coded: source and target are the same actor".into());
                continue;
            }
            let (date, date_source, date_text) = self.event_date(input, s, q, q + 1, s.tok_end, &pairs, false, state);
            let location = event_place(input, s, q + 1, s.tok_end, actors);
            let n = pairs.len();
            for (a, b, pair) in pairs {
                raws.push(Raw {
                    event: Event {
                        sentence: si,
                        start: s.start,
                        end: s.end,
                        source: a.code.clone(),
                        source_text: a.text.clone(),
                        target: b.as_ref().map(|b| b.code.clone()),
                        target_text: b.as_ref().map(|b| b.text.clone()),
                        cameo: noun.code.clone(),
                        pattern: pattern.clone(),
                        trigger: trigger.clone(),
                        date,
                        date_explicit: date_source != DateSource::Default,
                        date_text: date_text.clone(),
                        location: location.clone(),
                        attribution: attribution.cloned(),
                        modality,
                        mentions: 1,
                        mention_sentences: vec![si],
                        pair,
                        contexts: contexts.to_vec(),
                        plover: None,
                        mode: None,
                        quantities: Vec::new(),
                        issues: Vec::new(),
                    },
                    date_source,
                });
            }
            note(format!("coded {} for {n} actor pair(s){} [noun in the parse]", noun.code, describe(&modality)));
        }
    }

    /// Where the verb's clause ends: the next predicate, clause opener, or
    /// semicolon; the end of the sentence at the latest.
    fn clause_end(&self, toks: &[Token], s: &Sentence, from: usize, actors: &Actors<'_>, mask: &[bool]) -> usize {
        let mut q = from;
        while q < s.tok_end {
            let w = toks[q].norm.as_str();
            if mask.get(q - s.tok_start).copied().unwrap_or(false) || w == ";" || w == ":" || is(lx::CLAUSE_OPENERS, w) && !(w == "as" || w == "after" || w == "before" || w == "since" || w == "until") {
                return q;
            }
            if w == "since" && q + 1 < s.tok_end && (actors.start_at[q + 1].is_some() || toks[q + 1].capitalized && toks[q + 1].norm != "february") {
                return q;
            }
            if w == "to" && q + 1 < s.tok_end && !self.patterns.lemmas(&toks[q + 1].norm).is_empty() && actors.start_at[q + 1].is_none() && !is(lx::DETERMINERS, &toks[q + 1].norm) {
                return q; // infinitive: a new predicate
            }
            if (w == "and" || w == ",") && q + 1 < s.tok_end {
                let n = &toks[q + 1];
                if !self.patterns.lemmas(&n.norm).is_empty() && !n.capitalized && self.verbal(toks, s, q + 1, actors) && (n.norm.ends_with("ed") || n.norm.ends_with("ing") || w == "and") && actors.start_at[q + 1].is_none() && !is(lx::DETERMINERS, &toks[q].norm) {
                    return q;
                }
            }
            q += 1;
        }
        s.tok_end
    }

    /// Would this pattern, matched from `head` to `pend`, find a target?
    #[allow(clippy::too_many_arguments)]
    fn target_probe(&self, toks: &[Token], s: &Sentence, p: &Pattern, head: usize, pend: usize, actors: &Actors<'_>, mask: &[bool]) -> bool {
        // a compound marker's actors were checked when the candidates were made
        if p.compound.is_some() {
            return true;
        }
        if p.allows_object() && (head + 1..pend).any(|q| actors.start_at[q].is_some()) {
            return true;
        }
        let clause_end = self.clause_end(toks, s, pend, actors, mask);
        match self.find_target(toks, p, head, pend, clause_end, actors) {
            TargetFound::Actor(_) | TargetFound::Reciprocal => true,
            TargetFound::Place(..) => PLACE_TARGET_ROOTS.contains(&p.code.get(..2).unwrap_or("")),
            TargetFound::None => false,
        }
    }

    fn find_target(&self, toks: &[Token], p: &Pattern, head: usize, from: usize, end: usize, actors: &Actors<'_>) -> TargetFound {
        let light_head = self.patterns.lemmas(&toks[head].norm).iter().any(|l| self.patterns.class("light").contains(l));
        // Direct object: the first noun phrase after the pattern.
        if p.allows_object() {
            let mut q = from;
            while q < end && (is_quote(&toks[q]) || lx::is_adverb(&toks[q].norm)) && toks[q].norm != "each" {
                q += 1;
            }
            if q + 1 < end && (toks[q].norm == "each" && toks[q + 1].norm == "other" || toks[q].norm == "one" && toks[q + 1].norm == "another") {
                return TargetFound::Reciprocal;
            }
            loop {
                let before = q;
                while q < end && (is(lx::DETERMINERS, &toks[q].norm) && toks[q].norm != "'s" || is_quote(&toks[q]) || lx::is_adverb(&toks[q].norm) || matches!(toks[q].norm.as_str(), "once" | "again")) {
                    q += 1;
                }
                q = skip_quantity(toks, q, end);
                if q == before {
                    break;
                }
            }
            if q + 1 < end && toks[q].norm == "each" && toks[q + 1].norm == "other" || q + 1 < end && toks[q].norm == "one" && toks[q + 1].norm == "another" {
                return TargetFound::Reciprocal;
            }
            if q < end {
                if let Some(mi) = actors.start_at[q].filter(|&mi| !modifier_only(actors, toks, mi)) {
                    return TargetFound::Actor(mi);
                }
                if let Some((c, t)) = &actors.place_at[q] {
                    return TargetFound::Place(c.clone(), t.clone());
                }
                // Inside the object NP: "the support provided by X", "X's help".
                if toks[q].kind == TokenKind::Word && !is(lx::PREPOSITIONS, &toks[q].norm) {
                    let mut r = q;
                    while r < end {
                        let w = toks[r].norm.as_str();
                        if let Some(mi) = actors.start_at[r] {
                            return TargetFound::Actor(mi);
                        }
                        if toks[r].kind == TokenKind::Punct && !is_quote(&toks[r]) {
                            break;
                        }
                        if is(lx::PREPOSITIONS, w) && !matches!(w, "of" | "by" | "from") {
                            break;
                        }
                        r += 1;
                    }
                }
            }
        }
        // Prepositional targets attached to the verb.
        let preps: Vec<&[String]> = p.prepositions().collect();
        if preps.is_empty() {
            return TargetFound::None;
        }
        let mut q = from;
        let mut attach_ok = true;
        let mut in_pp = false;
        while q < end {
            let w = toks[q].norm.as_str();
            if w == "," {
                attach_ok = true;
                in_pp = false;
                q += 1;
                continue;
            }
            if let Some(pr) = preps.iter().find(|pr| q + pr.len() <= end && toks[q..q + pr.len()].iter().zip(pr.iter()).all(|(t, w)| word_eq(&t.norm, w))) {
                // "discussed the talks with X": "with X" belongs to "talks"; but
                // after a light verb the noun is the act ("launched an attack on X")
                // a user's dictionary (PETRARCH, TABARI) takes the first actor
                // after the verb, as those coders do
                let user = p.line >= self.user_from_line;
                let noun_before = q > from && is(lx::EVENT_NOUNS, &toks[q - 1].norm) && !light_head && !user;
                if (attach_ok || user) && !noun_before {
                    if let Some(mi) = actor_after(actors, toks, q + pr.len(), end) {
                        return TargetFound::Actor(mi);
                    }
                    let mut r = q + pr.len();
                    while r < end && actors.place_at[r].is_none() && (is(lx::DETERMINERS, &toks[r].norm) || is(lx::DIRECTIONS, &toks[r].norm)) {
                        r += 1;
                    }
                    if let Some((c, t)) = actors.place_at.get(r).and_then(Option::as_ref) {
                        return TargetFound::Place(c.clone(), t.clone());
                    }
                }
                in_pp = true;
                q += pr.len();
                continue;
            }
            if is(lx::PREPOSITIONS, w) && w != "of" {
                if in_pp {
                    attach_ok = false;
                }
                in_pp = true;
            }
            q += 1;
        }
        // a user's dictionary (PETRARCH, TABARI): the first actor after the verb
        if p.line >= self.user_from_line {
            if let Some(mi) = (from..end).find_map(|q| actors.start_at[q]) {
                return TargetFound::Actor(mi);
            }
        }
        TargetFound::None
    }

    #[allow(clippy::too_many_arguments)]
    fn event_date(
        &self,
        input: &CoderInput<'_>,
        s: &Sentence,
        verb: usize,
        pend: usize,
        clause_end: usize,
        pairs: &[(Slot, Option<Slot>, Option<usize>)],
        past_perfect: bool,
        state: &DocState,
    ) -> (Option<DateValue>, DateSource, Option<String>) {
        let toks = input.tokens;
        let eligible = |t: &&Timex| -> bool {
            let Some(d) = t.date else { return false };
            match input.doc_date {
                Some(doc) => d.date <= doc,
                None => true,
            }
        };
        let in_sentence: Vec<&Timex> = input
            .timexes
            .iter()
            .filter(|t| t.byte_start >= s.byte_start && t.byte_end <= s.byte_end)
            .filter(eligible)
            .collect();
        // Same clause: from the clause start (last comma or opener before the verb) to its end.
        let clause_start = (s.tok_start..verb)
            .rev()
            .find(|&q| toks[q].norm == "," || toks[q].norm == ";" || is(lx::CLAUSE_OPENERS, &toks[q].norm))
            .map_or(s.tok_start, |q| q + 1);
        let cs = toks[clause_start].byte_start;
        let ce = if clause_end > 0 && clause_end <= toks.len() { toks[clause_end - 1].byte_end } else { s.byte_end };
        let _ = pend;
        let vpos = toks[verb].byte_start;
        let nearest = |c: &[&Timex]| -> Option<Timex> {
            c.iter().min_by_key(|t| (t.byte_start as i64 - vpos as i64).abs()).map(|t| (*t).clone())
        };
        let same_clause: Vec<&Timex> = in_sentence.iter().copied().filter(|t| t.byte_start >= cs && t.byte_end <= ce).collect();
        if let Some(t) = nearest(&same_clause).or_else(|| nearest(&in_sentence)) {
            return (t.date, DateSource::Own, Some(t.text));
        }
        if !past_perfect {
            for (a, b, _) in pairs {
                if let Some(b) = b {
                    if let Some((d, txt)) = state.dyad_dates.get(&dyad_key(&a.code, &b.code)).filter(|(d, _)| d.precision != Precision::Year) {
                        return (Some(*d), DateSource::Inherited, Some(txt.clone()));
                    }
                }
            }
        }
        (input.doc_date.map(DateValue::day), DateSource::Default, None)
    }
}

enum TargetFound {
    Actor(usize),
    Place(String, String),
    Reciprocal,
    None,
}

fn describe(m: &Modality) -> String {
    let mut v = Vec::new();
    if m.negated {
        v.push("negated");
    }
    if m.future {
        v.push("future");
    }
    if m.hypothetical {
        v.push("hypothetical");
    }
    if m.intent {
        v.push("intent");
    }
    if m.durative {
        v.push("durative");
    }
    if v.is_empty() {
        String::new()
    } else {
        format!(" ({}; {})", v.join(", "), if m.is_factual() { "kept" } else { "not in default output" })
    }
}

fn is_quote(t: &Token) -> bool {
    t.kind == TokenKind::Punct && (t.norm == "\"" || t.norm == "'")
}

fn word_eq(norm: &str, w: &str) -> bool {
    norm == w
}
/// Tokens a `*` gap may skip: words and numbers, not prepositions (other than
/// "of"), clause openers or punctuation other than quotes and hyphens.
fn gap_token(t: &Token) -> bool {
    match t.kind {
        TokenKind::Punct => t.norm == "\"" || t.norm == "-",
        _ => !(is(lx::PREPOSITIONS, &t.norm) && t.norm != "of") && !is(lx::CLAUSE_OPENERS, &t.norm),
    }
}

/// Past participle (or simple past) shape, by spelling alone.
fn participle_shape(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("en")
        || matches!(
            w,
            "sent" | "held" | "made" | "met" | "fought" | "sold" | "bought" | "led" | "brought" | "struck" | "shot"
                | "beat" | "hit" | "put" | "set" | "built" | "spent" | "lent" | "kept" | "left" | "told" | "said"
                | "won" | "lost" | "sought" | "taught" | "caught" | "thrown" | "withdrawn" | "held up" | "cut"
                | "hurt" | "seized" | "killed" | "signed"
        )
}

/// Link definite descriptions to what they describe: "the ministry" (no
/// country) takes the code of the last ministry-like actor with one ("Russia's
/// foreign ministry" → RUSGOV); "the Russian leader" is linked to the last
/// person holding that code (Vladimir Putin). The link is kept in `entry`.
fn link_descriptions(toks: &[Token], mut list: Vec<ActorMention>) -> Vec<ActorMention> {
    for i in 0..list.len() {
        let m = &list[i];
        if m.kind != ActorKind::Role || m.code.len() < 6 {
            continue;
        }
        let definite = m.tok_start > 0 && toks[m.tok_start - 1].norm == "the" || m.text.to_lowercase().starts_with("the ");
        if !definite {
            continue;
        }
        let head = m.text.rsplit(' ').next().unwrap_or("").to_lowercase();
        let antecedent = if m.code.starts_with("---") {
            // same role and the same head noun: "the ministry" ← "Russia's foreign ministry"
            list[..i].iter().rev().find(|a| {
                !a.code.starts_with("---") && a.code.get(3..) == m.code.get(3..) && a.text.to_lowercase().split(' ').any(|w| w == head)
            })
        } else {
            list[..i].iter().rev().find(|a| a.kind == ActorKind::Person && a.code == m.code)
        };
        if let Some(a) = antecedent {
            let (code, name) = (a.code.clone(), a.entry.clone().unwrap_or_else(|| a.text.clone()));
            let m = &mut list[i];
            m.code = code;
            m.entry = Some(format!("= {name} (coreference)"));
        }
    }
    list
}

/// CAMEO roots whose target may be given as a place ("visited Kyiv",
/// "shelled Kharkiv", "sent aid to Gaza", "recalled its ambassador from Caracas").
const PLACE_TARGET_ROOTS: &[&str] = &["04", "07", "15", "16", "17", "18", "19", "20"];

/// Roles that are domestic by nature: without a country of their own they
/// belong to the country where the sentence takes place.
const DOMESTIC_ROLES: &[&str] = &["COP", "JUD", "LEG", "CVL", "OPP", "LAB", "EDU", "BUS", "HLH", "AGR", "GOV", "ELI", "PTY", "MED", "REL"];

fn localize(mut slot: Slot, country: Option<&str>) -> Slot {
    if let (Some(rest), Some(c)) = (slot.code.strip_prefix("---"), country) {
        if rest.len() >= 3 && DOMESTIC_ROLES.contains(&&rest[..3]) {
            slot.code = format!("{c}{rest}");
        }
    }
    slot
}

/// The country the sentence takes place in: its first place that is not an
/// actor, else the last place the story named before it (or its dateline).
fn local_country(input: &CoderInput<'_>, s: &Sentence, actors: &Actors<'_>) -> Option<String> {
    let ok = |p: &&PlaceMention| p.country.len() == 3 && p.country != "---";
    let in_sentence = input
        .places
        .iter()
        .filter(|p| p.byte_start >= s.byte_start && p.byte_end <= s.byte_end)
        .filter(ok)
        .find(|p| !token_at(input.tokens, p.byte_start).is_some_and(|k| actors.inside(k)));
    // the setting carries over: the last place named before this sentence
    // (a dateline counts, being first in the story)
    let earlier = || input.places.iter().rev().filter(ok).find(|p| p.byte_end <= s.byte_start);
    in_sentence.or_else(earlier).map(|p| p.country.clone())
}

/// An actor word that only modifies the noun after it ("the terrorist acts",
/// "a Cuban exile group") is not itself the object.
fn modifier_only(actors: &Actors<'_>, toks: &[Token], mi: usize) -> bool {
    let m = &actors.list[mi];
    if m.possessive {
        return false;
    }
    toks.get(m.tok_end).is_some_and(|n| {
        n.kind == TokenKind::Word
            && !n.capitalized
            && !is(lx::PREPOSITIONS, &n.norm)
            && !is(lx::AUX, &n.norm)
            && !is(lx::CLAUSE_OPENERS, &n.norm)
            && !is(lx::RELATIVES, &n.norm)
            && !lx::is_adverb(&n.norm)
            && !matches!(n.norm.as_str(), "and" | "or" | "but" | "'s" | "nor")
            && !n.norm.ends_with("ed")
    })
}

/// Skip a quantity before a noun: "15", "at least 12", "more than 2,000",
/// "dozens of", "hundreds of".
fn skip_quantity(toks: &[Token], mut q: usize, end: usize) -> usize {
    let w = |i: usize| toks.get(i).filter(|_| i < end).map_or("", |t| t.norm.as_str());
    if matches!((w(q), w(q + 1)), ("at", "least") | ("more", "than") | ("less", "than") | ("fewer", "than") | ("up", "to") | ("as", "many")) {
        q += 2;
        if w(q) == "as" {
            q += 1;
        }
    }
    if matches!(w(q), "about" | "around" | "nearly" | "some" | "over" | "roughly" | "approximately") && toks.get(q + 1).is_some_and(|t| t.kind == TokenKind::Number) {
        q += 1;
    }
    while q < end && toks[q].kind == TokenKind::Number {
        q += 1;
    }
    if matches!(w(q), "million" | "thousand" | "hundred") {
        q += 1;
    }
    if matches!(w(q), "dozens" | "hundreds" | "thousands" | "scores" | "millions" | "tens" | "dozen") && w(q + 1) == "of" {
        q += 2;
    }
    q
}

/// Does a direct object follow the matched words ("committed ground troops")?
/// Then "A and B <verb>" is not a reciprocal act between A and B.
fn has_object(toks: &[Token], mut q: usize, end: usize) -> bool {
    while q < end && (is_quote(&toks[q]) || lx::is_adverb(&toks[q].norm)) {
        q += 1;
    }
    q < end
        && toks[q].kind != TokenKind::Punct
        && !is(lx::PREPOSITIONS, &toks[q].norm)
        && !is(lx::CLAUSE_OPENERS, &toks[q].norm)
        && !matches!(toks[q].norm.as_str(), "and" | "or" | "but" | "that" | "each" | "one")
}

/// The actor mention that starts at `q`, after optional determiners.
fn actor_after(actors: &Actors<'_>, toks: &[Token], mut q: usize, end: usize) -> Option<usize> {
    let mut steps = 0;
    while q < end && steps < 3 && actors.start_at[q].is_none() && actors.place_at[q].is_none() && (is(lx::DETERMINERS, &toks[q].norm) && toks[q].norm != "'s" || is_quote(&toks[q]) || is(lx::DIRECTIONS, &toks[q].norm)) {
        q += 1;
        steps += 1;
    }
    if q < end {
        actors.start_at[q]
    } else {
        None
    }
}

/// The subject ending with mention `mi`, with any actors coordinated to its
/// left ("A and B", "A, B and C"; a bare comma list is not a coordination).
fn compound_left(actors: &Actors<'_>, toks: &[Token], mi: usize) -> Vec<Slot> {
    let mut members = vec![mi];
    let mut seps: Vec<&str> = Vec::new();
    let mut cur = actors.list[mi].tok_start;
    loop {
        // skip "the" and up to three lower-case modifiers before a member
        // ("Fornost and the evil awful Gondor")
        let mut c = cur;
        let mut skipped = 0;
        while c >= 1 && skipped < 4 && toks[c - 1].kind == TokenKind::Word && !toks[c - 1].capitalized && !matches!(toks[c - 1].norm.as_str(), "and" | "or" | "nor") && !is(lx::PREPOSITIONS, &toks[c - 1].norm) && !is(lx::AUX, &toks[c - 1].norm) {
            c -= 1;
            skipped += 1;
        }
        if c < 2 {
            break;
        }
        let conj = toks[c - 1].norm.as_str();
        if conj != "and" && conj != "," {
            break;
        }
        // ", and" counts as one "and"
        let (conj, before) = if conj == "and" && c >= 3 && toks[c - 2].norm == "," { ("and", c - 2) } else { (conj, c - 1) };
        match actors.end_at[before - 1] {
            Some(prev) if !actors.list[prev].possessive => {
                members.insert(0, prev);
                seps.insert(0, if conj == "and" { "and" } else { "," });
                cur = actors.list[prev].tok_start;
            }
            _ => break,
        }
    }
    // keep the members up to the last "and" chain: everything is valid only if
    // the final separator is "and".
    if seps.last() != Some(&"and") {
        members = vec![mi];
    }
    let mut slots: Vec<Slot> = members.iter().flat_map(|&m| Slot::of(&actors.list[m])).collect();
    // "Lawmakers and officials in Fornost and Gondor": each role goes with
    // each country
    let first = actors.list[members[0]].tok_start;
    let mut roles: Vec<&str> = Vec::new();
    if first >= 2 && matches!(toks[first - 1].norm.as_str(), "in" | "of" | "from") {
        let mut at = first - 1;
        while at >= 1 {
            match actors.end_at[at - 1].map(|r| &actors.list[r]).filter(|r| r.code.starts_with("---") && r.code.len() > 3) {
                Some(r) => {
                    roles.insert(0, &r.code[3..]);
                    at = r.tok_start;
                    if at >= 2 && matches!(toks[at - 1].norm.as_str(), "and" | ",") {
                        at -= 1;
                    } else {
                        break;
                    }
                }
                None => break,
            }
        }
    }
    // "The ambassadors of Arnor, Osgiliath and Gondor": the role of the first
    // member ("ambassadors of Arnor") goes with the others
    let head = &actors.list[members[0]];
    if roles.is_empty() && members.len() > 1 && head.code.len() > 3 && head.text.to_lowercase().contains(" of ") {
        roles.push(&head.code[3..]);
    }
    if !roles.is_empty() {
        let mut out = Vec::new();
        for sl in slots {
            if sl.code.len() == 3 {
                for r in &roles {
                    out.push(Slot { code: format!("{}{r}", sl.code), text: sl.text.clone() });
                }
            } else {
                out.push(sl);
            }
        }
        slots = out;
    }
    slots
}

/// The target starting with mention `mi`, with any actors coordinated to its right.
fn compound_right(actors: &Actors<'_>, toks: &[Token], mi: usize) -> Vec<Slot> {
    let mut members = vec![mi];
    let mut last_sep = "";
    let mut cur = actors.list[mi].tok_end;
    while cur + 1 < toks.len() {
        let conj = toks[cur].norm.as_str();
        if conj != "and" && conj != "," {
            break;
        }
        let skip = usize::from(cur + 2 < toks.len() && toks[cur + 1].norm == "the");
        match actors.start_at[cur + 1 + skip] {
            Some(next) => {
                members.push(next);
                last_sep = if conj == "and" { "and" } else { "," };
                cur = actors.list[next].tok_end;
                if last_sep == "and" {
                    break;
                }
            }
            None => break,
        }
    }
    if last_sep != "and" {
        members.truncate(1);
    }
    members.iter().flat_map(|&m| Slot::of(&actors.list[m])).collect()
}

/// Attribution frames: "according to X", "..., X said.", "X said (that) ...",
/// "X believes". Returns the attribution and a mask of the frame's tokens.
fn find_attribution(input: &CoderInput<'_>, s: &Sentence, actors: &Actors<'_>) -> (Option<Attribution>, Vec<bool>) {
    let toks = input.tokens;
    let text = input.text;
    let n = s.tok_end - s.tok_start;
    let mut mask = vec![false; n];
    let mut attribution: Option<Attribution> = None;
    let span_text = |a: usize, b: usize| text[toks[a].byte_start..toks[b - 1].byte_end].to_string();
    let code_in = |a: usize, b: usize| -> Option<String> {
        actors.list.iter().find(|m| m.tok_start >= a && m.tok_end <= b).map(|m| m.code.clone())
    };
    let mut k = s.tok_start;
    while k < s.tok_end {
        let w = toks[k].norm.as_str();
        // "according to X" up to the next comma or the end.
        if w == "according" && k + 1 < s.tok_end && toks[k + 1].norm == "to" {
            let mut e = k + 2;
            while e < s.tok_end && !matches!(toks[e].norm.as_str(), "," | "." | ";") {
                e += 1;
            }
            for q in k..e {
                mask[q - s.tok_start] = true;
            }
            if attribution.is_none() && e > k + 2 {
                attribution = Some(Attribution { code: code_in(k + 2, e), text: span_text(k + 2, e), cue: "according to".into() });
            }
            k = e;
            continue;
        }
        // a reporting verb, not a word of a name ("the United States.")
        if is(lx::REPORTING, w) && w != "according" && !actors.inside(k) && !(toks[k].capitalized && k > s.tok_start) {
            // Subject of the reporting verb: the actor (or noun phrase) just before it.
            let mut a = k;
            while a > s.tok_start && !matches!(toks[a - 1].norm.as_str(), "," | "\"" | "." | ";") && !(toks[a - 1].kind == TokenKind::Punct && toks[a - 1].norm == "'") {
                a -= 1;
                if k - a > 6 {
                    break;
                }
            }
            let claimant = (a..k).find_map(|q| actors.start_at[q]).filter(|&mi| actors.list[mi].tok_end <= k);
            let at_end = {
                // the frame ends the sentence: only "in a statement", time words or punctuation follow
                let mut q = k + 1;
                loop {
                    while q < s.tok_end && (toks[q].kind == TokenKind::Punct || matches!(toks[q].norm.as_str(), "in" | "a" | "an" | "the" | "statement" | "on" | "interview" | "briefing" | "report" | "its" | "his" | "her" | "their")) {
                        q += 1;
                    }
                    // a time expression ("said on Tuesday.") is part of the frame
                    match input.timexes.iter().find(|t| q < s.tok_end && t.byte_start == toks[q].byte_start) {
                        Some(t) => {
                            while q < s.tok_end && toks[q].byte_end <= t.byte_end {
                                q += 1;
                            }
                        }
                        None => break,
                    }
                }
                q >= s.tok_end
            };
            let after_comma = a > s.tok_start && matches!(toks[a - 1].norm.as_str(), "," | "\"");
            // "said in a statement (on Tuesday) that ...": the frame runs on
            let mut nx = k + 1;
            loop {
                let before = nx;
                if nx + 2 < s.tok_end && toks[nx].norm == "in" && matches!(toks[nx + 1].norm.as_str(), "a" | "an" | "its" | "his" | "her" | "their" | "the") {
                    let mut q = nx + 2;
                    if matches!(toks[q].norm.as_str(), "joint" | "written" | "separate" | "brief" | "televised") {
                        q += 1;
                    }
                    if q < s.tok_end && matches!(toks[q].norm.as_str(), "statement" | "interview" | "briefing" | "communique" | "speech" | "report" | "post") {
                        nx = q + 1;
                    }
                }
                // "on Tuesday", "late Sunday": the preposition goes with the time
                let lead = usize::from(
                    nx + 1 < s.tok_end
                        && matches!(toks[nx].norm.as_str(), "on" | "in" | "at" | "late" | "early" | "last" | "this")
                        && input.timexes.iter().any(|t| t.byte_start == toks[nx + 1].byte_start),
                );
                nx += lead;
                if let Some(t) = input.timexes.iter().find(|t| nx < s.tok_end && t.byte_start == toks[nx].byte_start) {
                    while nx < s.tok_end && toks[nx].byte_end <= t.byte_end {
                        nx += 1;
                    }
                }
                if nx == before {
                    break;
                }
            }
            let followed_by_clause = nx < s.tok_end
                && (toks[nx].norm == "that" || actors.start_at[nx].is_some() || toks[nx].norm == "could" || toks[nx].norm == "it" || toks[nx].norm == "the");
            let frame_start = if claimant.is_some() || after_comma || a == s.tok_start { a } else { k };
            if (at_end && (after_comma || claimant.is_some())) || (claimant.is_some() && followed_by_clause) {
                let mut e = if followed_by_clause && !at_end { nx } else { k + 1 };
                if at_end {
                    e = s.tok_end;
                } else if e < s.tok_end && toks[e].norm == "that" {
                    e += 1;
                }
                for q in frame_start..e {
                    mask[q - s.tok_start] = true;
                }
                let cue = if is(lx::DENIALS, w) { "denial" } else { w };
                let who = match claimant {
                    Some(mi) => actors.list[mi].text.clone(),
                    None if frame_start < k => span_text(frame_start, k),
                    None => String::new(),
                };
                let new = Attribution { code: claimant.map(|mi| actors.list[mi].code.clone()), text: who, cue: cue.to_string() };
                if attribution.is_none() || at_end {
                    attribution = Some(new);
                }
                k = e;
                continue;
            }
        }
        k += 1;
    }
    (attribution, mask)
}

/// "in a statement", "in a joint statement", "in a press release": the
/// actor speaks for itself.
fn statement_cue(toks: &[Token], s: &Sentence) -> Option<&'static str> {
    let w: Vec<&str> = toks[s.tok_start..s.tok_end].iter().map(|t| t.norm.as_str()).collect();
    (0..w.len()).find_map(|i| {
        if w[i] != "in" || i + 2 >= w.len() || !matches!(w[i + 1], "a" | "an" | "its" | "their" | "his" | "her" | "the") {
            return None;
        }
        let mut j = i + 2;
        if matches!(w[j], "joint" | "written" | "separate" | "brief") {
            j += 1;
        }
        match (w.get(j).copied(), w.get(j + 1).copied()) {
            (Some("statement" | "communique" | "communiqué" | "declaration"), _) => Some("in a statement"),
            (Some("press"), Some("release" | "conference" | "briefing")) => Some("in a statement"),
            _ => None,
        }
    })
}

/// The place of an event: a place mention in its clause that is not itself an
/// actor and not the complement of an event noun ("summit in Alaska").
fn event_place(input: &CoderInput<'_>, s: &Sentence, from: usize, clause_end: usize, actors: &Actors<'_>) -> Option<PlaceMention> {
    let toks = input.tokens;
    let lo = toks.get(from.min(toks.len().saturating_sub(1)))?.byte_start;
    let hi = if clause_end > 0 { toks[clause_end.min(toks.len()) - 1].byte_end } else { s.byte_end };
    let mut candidates = input.places.iter().filter(|p| p.byte_start >= lo && p.byte_end <= hi);
    candidates
        .find(|p| {
            let tok = token_at(toks, p.byte_start);
            let is_actor = tok.is_some_and(|q| actors.inside(q));
            let noun_before = tok.is_some_and(|q| {
                (from..q).any(|r| is(lx::EVENT_NOUNS, &toks[r].norm))
            });
            !is_actor && !noun_before
        })
        .cloned()
        .or_else(|| {
            input
                .places
                .iter()
                .filter(|p| p.byte_start >= s.byte_start && p.byte_end <= lo)
                .find(|p| {
                    let tok = token_at(toks, p.byte_start);
                    !tok.is_some_and(|q| actors.inside(q)) && p.feature != herald_core::PlaceKind::Country
                })
                .cloned()
        })
}

/// The token starting at byte `at`, if any.
/// The actor mentions that name the nominal headed by word `w` and the
/// nominals coordinated with it, each once.
fn parse_actors(t: &Tree<'_>, actors: &Actors<'_>, s: &Sentence, w: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for c in t.conjuncts(w) {
        if let Some((mi, mods)) = nominal_actor(t, actors, s, c) {
            for x in std::iter::once(mi).chain(mods) {
                if !out.contains(&x) {
                    out.push(x);
                }
            }
        }
    }
    out
}

/// The actor mention naming the nominal headed by `c`: the head's own, else
/// a modifier's that names a country or organization. Also returns, for a
/// role-only head ("police", "ambassadors"), the named modifiers that give it
/// its countries ("Gondor police", "ambassadors of Arnor, Osgiliath and
/// Gondor", "lawmakers in Fornost").
fn nominal_actor(t: &Tree<'_>, actors: &Actors<'_>, s: &Sentence, c: usize) -> Option<(usize, Vec<usize>)> {
    let words = t.nominal_words(c);
    let at = |x: usize| actors.cover.get(s.tok_start + x).copied().flatten();
    let named = |mi: &usize| !actors.list[*mi].code.starts_with("---");
    let head = at(c);
    // an adjective or compound names the actor only of a role ("Gondor
    // police", "Russian troops"): "Indian shares" and "the Ukraine war" are
    // not Indian or Ukrainian actors; "in X" only places a role ("lawmakers
    // in Fornost"), it does not name the head ("the bombings in Kenya")
    let role = head.is_some_and(|h| !named(&h));
    // a compound does name a name ("Fornost President Umbardacil") or the
    // group right after it ("the K.U. basketball team")
    let name = t.upos(c) == "PROPN";
    let usable = |x: usize| {
        let base = t.base(x);
        // "France's Thales", "Russia's Gazprom": a name herald does not know,
        // owned by a country, is not that country
        if head.is_none() && name && t.rel(x) == "nmod:poss" {
            return false;
        }
        let compound_ok = base == "compound" && (name || at(x).is_some_and(|mi| actors.list[mi].tok_end == s.tok_start + c));
        (role || compound_ok || !matches!(base, "amod" | "compound")) && (role || base != "nmod" || t.case_of(x) != Some("in"))
    };
    let mut mods: Vec<usize> = Vec::new();
    for &x in words.iter().skip(1).filter(|&&x| usable(x)) {
        for y in t.conjuncts(x) {
            if let Some(mi) = at(y).filter(|mi| named(mi) && Some(*mi) != head) {
                if !mods.contains(&mi) {
                    mods.push(mi);
                }
            }
        }
        if !mods.is_empty() {
            break;
        }
    }
    match head {
        Some(h) if named(&h) => Some((h, Vec::new())),
        Some(h) => Some((h, mods)),
        None => mods.first().map(|&m| (m, mods[1..].to_vec())),
    }
}

/// Verbs under which an event noun has not happened (yet): "threatened
/// sanctions", "planned an offensive", "called for talks".
const NOT_YET: &[&str] = &["threat", "plan", "propos", "consider", "prepar", "call", "urg", "demand", "seek", "sought", "want", "warn", "expect", "schedul", "announc", "promis", "pledg", "vow"];

/// A sentence's tags and tree, made when the coder first reads them, and
/// only for a sentence that could hold an event: two participants at least
/// (actors, places, pronouns); with fewer there is no dyad for the parse to
/// decide. The tags come first (they say which word is a verb); the tree
/// only where a candidate verb or an event noun is read in it.
struct SentenceSyntax<'i> {
    input: &'i CoderInput<'i>,
    s: &'i Sentence,
    actors: &'i Actors<'i>,
    words: Vec<&'i str>,
    tagged: bool,
    /// The tags, until the tree (which holds them) is made.
    upos: Option<Vec<&'static str>>,
    parsed: bool,
    parse: Option<Parse>,
}

impl<'i> SentenceSyntax<'i> {
    fn new(input: &'i CoderInput<'i>, s: &'i Sentence, actors: &'i Actors<'i>) -> Self {
        SentenceSyntax { input, s, actors, words: Vec::new(), tagged: false, upos: None, parsed: false, parse: None }
    }

    /// Tag the sentence, once, if it could hold an event.
    fn tag(&mut self) {
        if self.tagged {
            return;
        }
        self.tagged = true;
        let (input, s, actors) = (self.input, self.s, self.actors);
        let toks = input.tokens;
        let participants = (s.tok_start..s.tok_end)
            .filter(|&q| {
                actors.start_at[q].is_some()
                    || actors.place_at[q].is_some()
                    || is(lx::PERSON_PRONOUNS, &toks[q].norm)
                    || matches!(toks[q].norm.as_str(), "it" | "they")
            })
            .take(2)
            .count();
        let Some(a) = input.syntax.filter(|_| participants >= 2) else { return };
        self.words = toks[s.tok_start..s.tok_end].iter().map(|t| t.text(input.text)).collect();
        self.upos = Some(a.tag(&self.words)).filter(|u| u.len() == self.words.len());
    }

    /// The tag of sentence word `w`, if the sentence is tagged.
    fn upos(&self, w: usize) -> Option<&'static str> {
        match &self.parse {
            Some(p) => Some(p.upos[w]),
            None => self.upos.as_ref().map(|u| u[w]),
        }
    }

    /// True when the sentence is tagged and no word of it is a verb or an
    /// auxiliary.
    fn verbless(&self) -> bool {
        let none = |u: &[&str]| !u.iter().any(|t| matches!(*t, "VERB" | "AUX"));
        match (&self.parse, &self.upos) {
            (Some(p), _) => none(&p.upos),
            (None, Some(u)) => none(u),
            (None, None) => false,
        }
    }

    /// The tree, made once (after the tags), if the sentence is tagged.
    fn parse(&mut self) -> Option<&Parse> {
        self.tag();
        if !self.parsed {
            self.parsed = true;
            if let (Some(a), Some(upos)) = (self.input.syntax, self.upos.take()) {
                let n = self.words.len();
                self.parse = Some(a.parse_tagged(&self.words, upos)).filter(|p| p.len() == n && p.head.len() == n && p.rel.len() == n);
            }
        }
        self.parse.as_ref()
    }

    /// Does an actor mention of the sentence name an actor (a code that is
    /// not a bare role, or a further code that is not)? Only those can be
    /// an event noun's source.
    fn names_actor(&self) -> bool {
        let (s, actors) = (self.s, self.actors);
        let named = |c: &String| !c.starts_with("---");
        (s.tok_start..s.tok_end).filter_map(|q| actors.cover[q]).any(|mi| {
            let m = &actors.list[mi];
            named(&m.code) || m.also.iter().any(named)
        })
    }
}

/// The actors of the nominal headed by `w` and its conjuncts, as slots; a
/// role-only head takes the countries of its modifiers ("Gondor police" ->
/// GONCOP, "officials from Arnor" -> ARNGOV).
fn parse_slots(t: &Tree<'_>, actors: &Actors<'_>, s: &Sentence, w: usize) -> Vec<Slot> {
    let mut out: Vec<Slot> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for c in t.conjuncts(w) {
        let Some((mi, mods)) = nominal_actor(t, actors, s, c) else { continue };
        if seen.contains(&mi) {
            continue;
        }
        seen.push(mi);
        let m = &actors.list[mi];
        if m.code.starts_with("---") && !mods.is_empty() {
            let role = &m.code[3..];
            for x in mods {
                let cm = &actors.list[x];
                out.push(Slot { code: format!("{}{}", cm.code.get(..3).unwrap_or(&cm.code), role), text: format!("{} {}", m.text, cm.text) });
            }
        } else if m.code.starts_with("---") {
            out.extend(Slot::of(m));
        } else {
            // a named head with coordinated named modifiers ("Old foes Gondor
            // and Osgiliath" read as one nominal)
            out.extend(Slot::of(m));
            for x in mods {
                out.extend(Slot::of(&actors.list[x]));
            }
        }
    }
    out
}

fn token_at(toks: &[Token], at: usize) -> Option<usize> {
    let i = toks.partition_point(|t| t.byte_start < at);
    (i < toks.len() && toks[i].byte_start == at).then_some(i)
}

// ------------------------------------------------------------------ merging

fn role_compatible(a: &str, b: &str) -> bool {
    a.get(..3) == b.get(..3) && (a.starts_with(b) || b.starts_with(a))
}

/// Codes that are separate acts from the root's unspecified code: a visit is
/// not the same event as the talks held during it.
const STANDALONE: &[&str] = &["042", "043"];

fn general_of(general: &str, specific: &str) -> bool {
    if STANDALONE.contains(&specific) || STANDALONE.contains(&general) {
        return false;
    }
    // "040" is the unspecified code of root 04; "033" is the parent of "0332".
    (general.len() == 3 && specific.len() == 3 && general.ends_with('0') && specific.starts_with(&general[..2]))
        || (general.len() == 3 && specific.len() == 4 && specific.starts_with(general))
        || (general.len() == 2 && specific.starts_with(general))
}

fn code_compatible(a: &str, b: &str) -> bool {
    a == b || general_of(a, b) || general_of(b, a)
}

fn more_specific(a: &str, b: &str) -> bool {
    general_of(b, a) && a != b
}

fn dates_compatible(a: &Raw, b: &Raw) -> bool {
    if a.date_source != DateSource::Own || b.date_source != DateSource::Own {
        return true;
    }
    match (a.event.date, b.event.date) {
        (Some(x), Some(y)) => {
            let p = x.precision.min(y.precision);
            let cut = |d: DateValue| match p {
                Precision::Year => (d.date.year, 0, 0),
                Precision::Month => (d.date.year, d.date.month, 0),
                Precision::Day => (d.date.year, d.date.month, d.date.day),
            };
            cut(x) == cut(y)
        }
        _ => true,
    }
}

fn mergeable(a: &Raw, b: &Raw) -> bool {
    let (x, y) = (&a.event, &b.event);
    x.modality.is_factual() == y.modality.is_factual()
        && role_compatible(&x.source, &y.source)
        && match (&x.target, &y.target) {
            (Some(p), Some(q)) => role_compatible(p, q),
            (None, None) => true,
            _ => false,
        }
        && code_compatible(&x.cameo, &y.cameo)
        && dates_compatible(a, b)
}

fn absorb(into: &mut Raw, other: Raw) {
    let (e, o) = (&mut into.event, other.event);
    if more_specific(&o.cameo, &e.cameo) {
        e.cameo = o.cameo.clone();
        e.pattern = o.pattern.clone();
        e.trigger = o.trigger.clone();
    }
    if o.source.len() > e.source.len() {
        e.source = o.source.clone();
        e.source_text = o.source_text.clone();
    }
    if o.target.as_ref().map_or(0, String::len) > e.target.as_ref().map_or(0, String::len) {
        e.target = o.target.clone();
        e.target_text = o.target_text.clone();
    }
    let better_date = other.date_source > into.date_source
        || (other.date_source == into.date_source
            && other.date_source != DateSource::Default
            && o.date.is_some_and(|d| e.date.is_none_or(|x| d.precision > x.precision)));
    if better_date {
        e.date = o.date;
        e.date_text = o.date_text.clone();
        e.date_explicit = o.date_explicit;
        into.date_source = other.date_source;
    }
    if e.location.is_none() {
        e.location = o.location;
    }
    if e.attribution.is_none() {
        e.attribution = o.attribution;
    }
    for c in o.contexts {
        if !e.contexts.contains(&c) {
            e.contexts.push(c);
        }
    }
    if e.pair.is_none() {
        e.pair = o.pair;
    }
    e.mentions += o.mentions;
    e.mention_sentences.extend(o.mention_sentences);
}

/// Merge mentions of the same event within a document: same actors (one code
/// may refine the other: RUS and RUSGOV), compatible codes (040 and 041; 033
/// and 0332), and dates that do not conflict. Both directions of a symmetric
/// event take the more specific code their partner got.
fn merge(raws: Vec<Raw>) -> Vec<Event> {
    let mut out: Vec<Raw> = Vec::new();
    let fold = |out: &mut Vec<Raw>, r: Raw| {
        if let Some(m) = out.iter_mut().find(|m| mergeable(m, &r)) {
            absorb(m, r);
        } else {
            out.push(r);
        }
    };
    for r in raws {
        fold(&mut out, r);
    }
    // symmetric partners share the most specific code
    let mut upgrades: Vec<(usize, String)> = Vec::new();
    for r in &out {
        if let Some(p) = r.event.pair {
            for (j, o) in out.iter().enumerate() {
                if o.event.pair == Some(p) && more_specific(&r.event.cameo, &o.event.cameo) {
                    upgrades.push((j, r.event.cameo.clone()));
                }
            }
        }
    }
    let mut changed = false;
    for (j, c) in upgrades {
        out[j].event.cameo = c;
        changed = true;
    }
    if changed {
        let again = std::mem::take(&mut out);
        for r in again {
            fold(&mut out, r);
        }
    }
    out.into_iter().map(|r| r.event).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_relations() {
        let table: &[(&str, &str, bool)] = &[
            ("040", "041", true),
            ("041", "040", true),
            ("033", "0332", true),
            ("041", "042", false),
            ("051", "057", false),
            ("190", "193", true),
            ("030", "0332", false),
            ("040", "0411", false),
            ("040", "042", false),
        ];
        for (a, b, want) in table {
            assert_eq!(code_compatible(a, b), *want, "{a} vs {b}");
        }
        assert!(role_compatible("RUS", "RUSGOV"));
        assert!(!role_compatible("RUSGOV", "RUSMIL"));
        assert!(!role_compatible("RUS", "PRK"));
    }
}
