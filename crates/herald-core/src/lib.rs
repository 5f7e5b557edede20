//! herald's shared vocabulary. No IO happens here.
//!
//! - [`Date`] is a proleptic Gregorian calendar day with the arithmetic the time
//!   resolver needs (weekdays, adding days and months).
//! - [`DateValue`] is a date with a [`Precision`]: `2024-06` is month precision.
//! - [`Token`] and [`Sentence`] carry byte *and* character offsets into the
//!   original text, so every output span can be given in Unicode code points.
//! - [`Timex`], [`PlaceMention`], [`ActorMention`] and [`Event`] are what the
//!   stages produce.
//!
//! ```
//! use herald_core::{Date, Precision, DateValue};
//! let d = Date::parse("2025-08-13").unwrap();
//! assert_eq!(d.weekday(), 2); // Monday = 0, so Wednesday = 2
//! assert_eq!(d.add_days(-1).to_string(), "2025-08-12");
//! assert_eq!(DateValue::new(d, Precision::Month).to_string(), "2025-08");
//! ```
#![deny(missing_docs)]

mod date;
pub mod hash;
mod span;

pub use date::{Date, DateValue, Precision};
pub use span::{char_offsets, Sentence, Token, TokenKind};

/// One input document (an article).
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Identifier, unique in its input.
    pub id: String,
    /// Publication date; anchors relative time expressions.
    pub date: Option<Date>,
    /// Headline, if known. Not part of `text`.
    pub title: Option<String>,
    /// The article text.
    pub text: String,
    /// Where it came from.
    pub url: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Actor phrases the caller asks herald to resolve (the `actors` of an
    /// actor-resolution case); the document text is their context.
    pub actor_queries: Vec<String>,
    /// Coder options given with the record, as key and value: a TABARI
    /// project's `OPTION` settings in force (`DEFAULT` = `SOURCE [DEF] PRIOR
    /// TARGET [DEF] AFTER`), PETRARCH `<Config>` values.
    pub options: Vec<(String, String)>,
}

/// Is `w` one of the words of `list`? A scan that compares a word's length
/// and first byte before its bytes: the stages test short words against
/// short lists at every token, where `contains` calls `memcmp` for every
/// word of the same length.
#[inline]
pub fn one_of(list: &[&str], w: &str) -> bool {
    let b = w.as_bytes();
    match b.first() {
        None => list.iter().any(|x| x.is_empty()),
        Some(&f) => list.iter().any(|x| x.len() == b.len() && x.as_bytes()[0] == f && same_word(x, w)),
    }
}

/// `a == b` for short words: length and first byte first, then the bytes.
#[inline]
pub fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a.as_bytes() == b.as_bytes()
}

/// TimeML types of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    /// A calendar date or period ("June 2024", "Tuesday", "last year").
    Date,
    /// A time of day ("3 p.m.").
    Time,
    /// A duration ("24 years").
    Duration,
    /// A recurring time ("every week").
    Set,
}

impl TimexType {
    /// TimeML's name for the type.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression found in a text, with its resolved TimeML value.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte offsets into the document text.
    pub byte_start: usize,
    /// End byte offset, exclusive.
    pub byte_end: usize,
    /// Character (Unicode code point) offsets into the document text.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// The text of the expression.
    pub text: String,
    /// TimeML type.
    pub kind: TimexType,
    /// TimeML value: "2025-08-12", "2024-06", "P24Y", "PRESENT_REF", "2025-W33" ...
    pub value: String,
    /// The calendar value when the expression is a DATE resolvable to a day or month.
    pub date: Option<DateValue>,
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte offsets into the document text.
    pub byte_start: usize,
    /// End byte offset, exclusive.
    pub byte_end: usize,
    /// Character offsets into the document text.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// Canonical name of the place.
    pub name: String,
    /// ISO 3166 alpha-3 (CAMEO) country code.
    pub country: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// GeoNames id, when known.
    pub geonameid: Option<u64>,
    /// What sort of place: country, capital, region, city.
    pub feature: PlaceKind,
}

/// What sort of place a [`PlaceMention`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A sovereign state or territory.
    Country,
    /// A first-level administrative region (state, province, oblast).
    Region,
    /// A populated place.
    City,
    /// Anything else (sea, mountain range, continent).
    Other,
}

/// What kind of thing an actor phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A country named by name, adjective or demonym.
    Country,
    /// A person from the knowledge base.
    Person,
    /// An organisation: IGO, agency, armed group, party, metonym.
    Organization,
    /// A role word with or without a country ("troops", "Russian president").
    Role,
    /// A pronoun or definite description resolved by coreference ("the two leaders").
    Coreference,
}

/// A phrase in the text that names an actor, resolved to a CAMEO actor code.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Token range `[tok_start, tok_end)` within the document's token list.
    pub tok_start: usize,
    /// End token index, exclusive.
    pub tok_end: usize,
    /// Character offsets into the document text.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// CAMEO actor code: country (or `---`) followed by zero or more role codes.
    pub code: String,
    /// Further codes when the phrase names more than one actor ("the two leaders").
    pub also: Vec<String>,
    /// What kind of phrase this is.
    pub kind: ActorKind,
    /// The knowledge-base entry that resolved it (person or organisation name).
    pub entry: Option<String>,
    /// True when the phrase is a possessive ("Russia's", "Putin's").
    pub possessive: bool,
}

impl ActorMention {
    /// The 3-letter country (or IGO) part of the code.
    pub fn country(&self) -> &str {
        self.code.get(..3).unwrap_or(&self.code)
    }
}

/// How sure the text is that an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modality {
    /// The act is negated ("did not sign").
    pub negated: bool,
    /// The act is future or planned ("will visit", "is set to meet").
    pub future: bool,
    /// The act is hypothetical or conditional ("could", "would", "if").
    pub hypothetical: bool,
    /// The event is a statement of intent coded with CAMEO's 03x intent codes.
    pub intent: bool,
    /// The act is habitual or a standing state ("have supported each other since").
    pub durative: bool,
    /// PLOVER's historical mode: the text dates the act well before the
    /// report (more than 30 days before the publication date). It happened,
    /// so it stays in the default output.
    pub historical: bool,
}

impl Modality {
    /// True when the default output should keep the event: it happened, or it is
    /// an intent code (which is itself a real statement).
    pub fn is_factual(&self) -> bool {
        !self.negated && !self.hypothetical && !self.durative && (!self.future || self.intent)
    }
}

/// Who a report is attributed to.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The claimant's actor code, when resolved.
    pub code: Option<String>,
    /// The claimant's text ("the Kremlin", "South Korean assessments").
    pub text: String,
    /// The attribution cue ("said", "according to", "reported", "believes").
    pub cue: String,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Index of the sentence the event was found in (of the first mention).
    pub sentence: usize,
    /// Evidence span: character offsets of the sentence text that carries the event.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// Source actor code.
    pub source: String,
    /// Text the source came from.
    pub source_text: String,
    /// Target actor code, if any.
    pub target: Option<String>,
    /// Text the target came from.
    pub target_text: Option<String>,
    /// CAMEO event code ("041", "0332").
    pub cameo: String,
    /// The verb pattern that fired, for audit.
    pub pattern: String,
    /// The word(s) that triggered the pattern.
    pub trigger: String,
    /// Event date, if resolved, and whether it came from a time expression.
    pub date: Option<DateValue>,
    /// True when `date` came from a time expression rather than the document date.
    pub date_explicit: bool,
    /// Text of the time expression that gave the date.
    pub date_text: Option<String>,
    /// Where the event happened, if the sentence says.
    pub location: Option<PlaceMention>,
    /// Who the text attributes the report to.
    pub attribution: Option<Attribution>,
    /// Modality flags.
    pub modality: Modality,
    /// Number of mentions merged into this event within the document.
    pub mentions: usize,
    /// Sentence indices of all mentions.
    pub mention_sentences: Vec<usize>,
    /// Id linking the two directions of a symmetric event.
    pub pair: Option<usize>,
    /// PLOVER contexts from the sentence's issue words ("nuclear" -> cbrn).
    pub contexts: Vec<String>,
    /// PLOVER event type, when the code has one: the CAMEO code's, unless a
    /// mode phrase re-types it ("resigned" as RETREAT, not CONCEDE).
    pub plover: Option<String>,
    /// PLOVER mode: from the text ("airstrike" -> aerial) or the code's.
    pub mode: Option<String>,
    /// Numbers the sentence attaches to the act: PLOVER's magnitudes.
    pub quantities: Vec<Quantity>,
    /// Issue codes of a user's issue dictionary that the sentence mentions,
    /// with counts (PETRARCH's issue coding; empty without one).
    pub issues: Vec<(String, u32)>,
}

/// A counted quantity: "around 15000 troops", "at least 12 people were
/// killed", "thousands of workers". PLOVER's magnitude fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// What is counted: "killed", "injured", "arrested" or "size" (a group).
    pub kind: &'static str,
    /// The best single value: the number itself, or the lower bound of a
    /// vague count ("thousands" -> 2000).
    pub value: u64,
    /// Lower bound the wording allows, when it allows one.
    pub low: Option<u64>,
    /// Upper bound the wording allows, when it allows one.
    pub high: Option<u64>,
    /// The hedge that qualifies the number ("around", "at least", "up to").
    pub hedge: Option<String>,
    /// The counted noun ("troops", "people"), lower-cased; empty when unsaid.
    pub unit: String,
    /// The phrase as written.
    pub text: String,
    /// Start character offset in the document.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
}

/// A dependency analysis of one sentence: per word (sentence-relative index),
/// its UPOS tag, its head and its Universal Dependencies relation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parse {
    /// UPOS tag of each word ("VERB", "NOUN", ...).
    pub upos: Vec<&'static str>,
    /// Head of each word, as a sentence-relative index; `None` for the root.
    pub head: Vec<Option<usize>>,
    /// Relation of each word to its head ("nsubj", "obj", "root", ...).
    pub rel: Vec<&'static str>,
}

impl Parse {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.upos.len()
    }
    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.upos.is_empty()
    }
    /// The dependents of word `h`, in order.
    pub fn children(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        self.head.iter().enumerate().filter(move |(_, x)| **x == Some(h)).map(|(i, _)| i)
    }
    /// The first dependent of `h` whose relation is `rel` or a subtype of it
    /// (`"nsubj"` matches `nsubj:pass`).
    pub fn child(&self, h: usize, rel: &str) -> Option<usize> {
        self.children(h).find(|&c| self.rel_is(c, rel))
    }
    /// Is word `i`'s relation `rel` or one of its subtypes?
    pub fn rel_is(&self, i: usize, rel: &str) -> bool {
        let r = self.rel[i];
        r == rel || r.len() > rel.len() && r.starts_with(rel) && r.as_bytes()[rel.len()] == b':'
    }
}

/// Tags and parses sentences: the syntax stage, seen by the coder. Implemented
/// over herald-syntax's models by the pipeline.
///
/// The coder asks for the tags first ([`Analyzer::tag`]) and for the tree
/// ([`Analyzer::parse_tagged`]) only where it reads one, so an analyzer whose
/// parse is costly should implement both; the defaults go through
/// [`Analyzer::analyze`]. Each must give one entry per word.
pub trait Analyzer: Send + Sync {
    /// Analyze one sentence given its words in text order.
    fn analyze(&self, words: &[&str]) -> Parse;
    /// The UPOS tags [`Analyzer::analyze`] would give the words.
    fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        self.analyze(words).upos
    }
    /// What [`Analyzer::analyze`] gives, for words whose tags
    /// [`Analyzer::tag`] has just given as `upos`.
    fn parse_tagged(&self, words: &[&str], upos: Vec<&'static str>) -> Parse {
        let _ = upos;
        self.analyze(words)
    }
}
