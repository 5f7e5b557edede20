//! Readers for users' own event-coding dictionaries: TABARI and PETRARCH/Phoenix.
//!
//! herald codes with its own knowledge base and verb patterns; projects that
//! have spent years on TABARI or PETRARCH dictionaries want theirs. This crate
//! reads both families into one neutral, documented [`Dictionary`]:
//!
//! - [`ActorEntry`]: names ([`Phrase`]s, lower-case token lists) and code terms
//!   ([`CodeTerm`]) with optional date restrictions ([`RoleDates`]);
//! - [`AgentEntry`]: role phrases ("foreign minister" → `~GOV`) with their
//!   plural forms and whether the code is appended ([`AgentPosition::Suffix`],
//!   PETRARCH `~GOV`) or prepended ([`AgentPosition::Prefix`], `NGO~`);
//! - [`VerbEntry`]: a verb (TABARI) or a synonym block (PETRARCH `--- NAME [CODE] ---`)
//!   with its verbs ([`VerbWord`]: words, inflected word, irregular forms),
//!   default [`Code`] and [`VerbPattern`]s (words, synsets, prepositional
//!   phrases, source/target markers before and after the verb `*`);
//! - [`Synset`]s (`&NAME`), [`Discard`]s, [`IssueEntry`]s, TABARI options and
//!   project settings ([`OptionEntry`]), PETRARCH verb transformations and
//!   TABARI's `<NOUN>`/`<ADJECTIVE>`/`<TIME>` lists ([`WordList`]).
//!
//! Every entry keeps its [`Origin`] (file and 1-based line). Readers never stop
//! at a bad line: [`parse_str`] and [`read_dir`] return the dictionary together
//! with every [`DictError`] (file, line, what was wrong). [`Dictionary::to_bytes`]
//! and [`Dictionary::from_bytes`] give a compact, versioned compiled form, and
//! [`Dictionary::lookup_actor`] answers "who is this phrase, as of this date".
//!
//! ```
//! use herald_core::Date;
//! use herald_dict::{parse_str, Format, FileKind};
//!
//! let actors = "\
//! VLADIMIR_PUTIN_  # CountryInfo.txt
//! +PUTIN_
//! +PRESIDENT_VLADIMIR_PUTIN_
//! \t[RUSELI 700101-990809]
//! \t[RUSGOV >080508]
//! ";
//! let parsed = parse_str(actors, "Phoenix.Countries.actors.txt", Format::Petrarch, FileKind::Actors);
//! assert!(parsed.errors.is_empty());
//! let dict = parsed.dictionary;
//! let hits = dict.lookup_actor("Mr Putin", Date::parse("2025-08-13"));
//! assert_eq!(hits.len(), 1);
//! assert_eq!(hits[0].code, "RUSGOV");
//! assert_eq!(hits[0].file, "Phoenix.Countries.actors.txt");
//! assert_eq!(hits[0].line, 5);
//! assert_eq!(hits[0].role_dates.to_string(), "from 2008-05-08");
//! assert_eq!(dict.resolve_actor("Putin", Date::parse("1995-01-01")).unwrap().code, "RUSELI");
//!
//! // The compiled form round-trips.
//! let bytes = dict.to_bytes();
//! assert_eq!(herald_dict::Dictionary::from_bytes(&bytes).unwrap(), dict);
//! ```
#![deny(missing_docs)]

mod bin;
pub mod herald;
mod io;
mod read;

use herald_core::Date;
use std::fmt;

pub use io::{detect, read_dir, read_file, read_petrarch_dir, read_tabari_dir};
pub use read::parse_str;

/// The one error type of this crate: a problem in a dictionary file (with its
/// file name and 1-based line), an IO failure, or a bad compiled form.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DictError {
    /// A line the reader does not understand; it was skipped (or partly read).
    Syntax {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An invalid date, or a date range whose end is not after its start.
    Date {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The same phrase defined twice in one file with different codes. Both
    /// entries are kept; lookups return both.
    Duplicate {
        /// File name.
        file: String,
        /// 1-based line of the second definition.
        line: usize,
        /// 1-based line of the first definition.
        first_line: usize,
        /// The phrase, lower-case.
        phrase: String,
        /// The two codes.
        message: String,
    },
    /// A file or directory could not be read.
    Io {
        /// Path.
        file: String,
        /// The OS error.
        message: String,
    },
    /// [`Dictionary::from_bytes`] got bytes that are not a compiled dictionary
    /// of this version.
    Decode {
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DictError::Syntax { file, line, message } => write!(f, "{file}:{line}: syntax: {message}"),
            DictError::Date { file, line, message } => write!(f, "{file}:{line}: date: {message}"),
            DictError::Duplicate { file, line, first_line, phrase, message } => {
                write!(f, "{file}:{line}: duplicate `{phrase}` (first at line {first_line}): {message}")
            }
            DictError::Io { file, message } => write!(f, "{file}: {message}"),
            DictError::Decode { message } => write!(f, "compiled dictionary: {message}"),
        }
    }
}

impl std::error::Error for DictError {}

/// Which family of coder a file was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// TABARI (`.actors`, `.verbs`, `.agents`, `.options`, `.project`; `;` comments, stems).
    Tabari,
    /// PETRARCH / PETRARCH-2 / Phoenix (`*.actors.txt`, `*.verbs.txt`, ...; `#` and `<!-- -->` comments).
    Petrarch,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// Actor names and codes.
    Actors,
    /// Agent (role) phrases.
    Agents,
    /// Verbs, synsets and patterns.
    Verbs,
    /// Discard phrases.
    Discards,
    /// Issue phrases.
    Issues,
    /// TABARI options file.
    Options,
    /// TABARI project file.
    Project,
}

/// One file read into the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// File name as given (no directory).
    pub name: String,
    /// Its format family.
    pub format: Format,
    /// Its kind.
    pub kind: FileKind,
}

/// Where an entry was defined: index into [`Dictionary::sources`] and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Origin {
    /// Index into [`Dictionary::sources`].
    pub file: u32,
    /// 1-based line.
    pub line: u32,
}

/// A phrase of a dictionary: lower-case words, with the connectors between them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Phrase {
    /// Lower-case words, in order (`_` and blanks split words).
    pub words: Vec<String>,
    /// One flag per pair of adjacent words: `true` where the source joined them
    /// with a blank, which in TABARI and PETRARCH agents means other words may
    /// come in between; `false` for `_` (consecutive). PETRARCH actors treat both
    /// alike (consecutive).
    pub gaps: Vec<bool>,
    /// TABARI stem: the last word matches any word it begins ("ARGENTIN" →
    /// "Argentina", "Argentine"); written without a trailing `_`. Also used by
    /// PETRARCH discards. Always `false` for PETRARCH actors, agents and verbs.
    pub stem: bool,
}

impl Phrase {
    /// The words joined by single spaces.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }

    /// True if `words` (lower-case) is exactly this phrase, ignoring connectors;
    /// a stem's last word matches any word it begins.
    pub fn matches(&self, words: &[&str]) -> bool {
        if words.len() != self.words.len() || words.is_empty() {
            return false;
        }
        let n = words.len();
        self.words.iter().zip(words).enumerate().all(|(i, (p, w))| {
            if i + 1 == n && self.stem {
                w.starts_with(p.as_str())
            } else {
                p == w
            }
        })
    }
}

/// A validity period of a code. `from` is inclusive, `until` exclusive,
/// following PETRARCH: `[C <D]` → until D; `[C >D]` → from D; `[C D1-D2]` →
/// from D1 until D2. Both `None` = always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RoleDates {
    /// First day (inclusive).
    pub from: Option<Date>,
    /// First day no longer covered (exclusive).
    pub until: Option<Date>,
}

impl RoleDates {
    /// True when the code holds on `date` (`None` = any date).
    pub fn covers(&self, date: Option<Date>) -> bool {
        match date {
            None => true,
            Some(d) => self.from.iter().all(|&f| f <= d) && self.until.iter().all(|&u| d < u),
        }
    }
    /// True when there is no restriction.
    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
}

impl fmt::Display for RoleDates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (None, None) => write!(f, "always"),
            (Some(a), None) => write!(f, "from {a}"),
            (None, Some(b)) => write!(f, "before {b}"),
            (Some(a), Some(b)) => write!(f, "from {a} before {b}"),
        }
    }
}

/// One code of an actor with its validity period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeTerm {
    /// The code, upper-case ("RUSGOV"); `---` is the null code, TABARI also has
    /// `###` and `+++`. TABARI's `[A/B]` gives two terms.
    pub code: String,
    /// When it holds.
    pub dates: RoleDates,
    /// 1-based line where the code was written (the entry's line for inline codes).
    pub line: u32,
}

/// An actor: its names and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary name first, then the `+` synonyms.
    pub names: Vec<Phrase>,
    /// Codes in file order. PETRARCH resolves a date by the *last* term that
    /// covers it; [`ActorEntry::codes_at`] returns all of them.
    pub codes: Vec<CodeTerm>,
    /// Where the entry starts.
    pub origin: Origin,
}

impl ActorEntry {
    /// The code terms that hold on `date` (all of them for `None`).
    pub fn codes_at(&self, date: Option<Date>) -> impl Iterator<Item = &CodeTerm> {
        self.codes.iter().filter(move |c| c.dates.covers(date))
    }
}

/// Where an agent's code goes relative to the actor's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPosition {
    /// `[~GOV]`: appended after the actor code (RUS + GOV → RUSGOV).
    Suffix,
    /// `[NGO~]`: put before the actor code.
    Prefix,
}

/// Plural forms of an agent phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Plurals {
    /// No `{...}`: regular plurals are generated by PETRARCH's rule
    /// ([`AgentEntry::regular_plural`]).
    Regular,
    /// `{...}`: exactly these (empty `{}` = none; TABARI agents: none, stems instead).
    Explicit(Vec<Phrase>),
}

/// An agent (role) phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// The singular phrase (substitution markers `!PERSON!` already expanded).
    pub phrase: Phrase,
    /// Its plurals.
    pub plurals: Plurals,
    /// The role code without `~` ("GOV", "GOVMED").
    pub code: String,
    /// Suffix (`~GOV`) or prefix (`NGO~`).
    pub position: AgentPosition,
    /// Where it was defined.
    pub origin: Origin,
}

impl AgentEntry {
    /// PETRARCH's regular plural of the last word: `-y` → `-ies`, `-s` → `-ses`, else `-s`.
    pub fn regular_plural(&self) -> Phrase {
        let mut p = self.phrase.clone();
        if let Some(last) = p.words.last_mut() {
            if let Some(stem) = last.strip_suffix('y') {
                *last = format!("{stem}ies");
            } else if last.ends_with('s') {
                last.push_str("es");
            } else {
                last.push('s');
            }
        }
        p
    }
    /// The singular and every plural form.
    pub fn forms(&self) -> Vec<Phrase> {
        let mut out = vec![self.phrase.clone()];
        match &self.plurals {
            Plurals::Regular => out.push(self.regular_plural()),
            Plurals::Explicit(v) => out.extend(v.iter().cloned()),
        }
        out
    }
}

/// An event code as written in `[...]`: `042`, `042:043` (paired: source→target
/// code, then the target→source code), `:173` (paired only), `---` (null),
/// TABARI/PETRARCH test codes such as `075A`, and a trailing `!` flag (`031!`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Code {
    /// The text inside the brackets, trimmed.
    pub raw: String,
}

impl Code {
    /// The code for source → target; `None` for the null code or an empty primary.
    pub fn primary(&self) -> Option<&str> {
        let p = self.raw.split(':').next().unwrap_or("").trim_end_matches('!');
        (!p.is_empty() && p != "---").then_some(p)
    }
    /// The paired code after `:` (the event of target → source), if any.
    pub fn paired(&self) -> Option<&str> {
        let p = self.raw.split_once(':')?.1.trim_end_matches('!');
        (!p.is_empty() && p != "---").then_some(p)
    }
    /// True for `---` (the verb or pattern yields no event).
    pub fn is_null(&self) -> bool {
        self.primary().is_none() && self.paired().is_none()
    }
}

/// One verb (or multi-word verb) of a [`VerbEntry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbWord {
    /// Lower-case words ("ask", "for"); a single word for most verbs.
    pub words: Vec<String>,
    /// Index in `words` of the word that inflects (PETRARCH marks it with `+`:
    /// `+ASK_FOR`, `WIRE_+TAP`; TABARI: the first word).
    pub head: usize,
    /// TABARI stem (no trailing `_`): "CONTRIBUT" matches "contributed".
    pub stem: bool,
    /// Forms given in `{...}`, each as words; `None` = regular forms are generated
    /// (PETRARCH: +s/es, +ed/d, +ing). `Some(empty)` = `{}`: no other forms.
    pub forms: Option<Vec<Vec<String>>>,
    /// The verb's own code, overriding the entry's.
    pub code: Option<Code>,
    /// 1-based line.
    pub line: u32,
}

impl VerbWord {
    /// The words joined by spaces.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }
    /// The verb head's lemma (the inflecting word).
    pub fn lemma(&self) -> &str {
        self.words.get(self.head).map(String::as_str).unwrap_or("")
    }
}

/// An element of a verb pattern or a synset member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Elem {
    /// A literal lower-case word; `stem` as in [`Phrase::stem`] (TABARI only).
    Word {
        /// The word.
        word: String,
        /// Matches any word it begins.
        stem: bool,
    },
    /// `&NAME`: any member of a synset (name without `&` and trailing `_`).
    Synset(String),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `%`: a compound actor here (TABARI; PETRARCH: both source and target).
    Compound,
    /// `^`: skip one noun phrase/actor here (TABARI).
    Skip,
    /// TABARI `{ A B | C | D }`: one of the alternatives.
    Alternatives(Vec<Vec<PatItem>>),
    /// PETRARCH `{A B}`: a noun phrase whose head is the last element.
    NounPhrase(Vec<PatItem>),
    /// PETRARCH `(P A B)`: a prepositional phrase; the first item is the preposition.
    Prep(Vec<PatItem>),
}

/// An [`Elem`] with its connector to what precedes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PatItem {
    /// The element.
    pub elem: Elem,
    /// Written with `_` before it: nothing may come between it and the previous
    /// item (for the first item after the verb: the verb).
    pub joined: bool,
}

/// A verb pattern: `- BEFORE * AFTER [CODE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPattern {
    /// Items before the verb, left to right.
    pub before: Vec<PatItem>,
    /// The last `before` item is joined to the verb with `_` (`FAILED_TO_*`).
    pub joined_to_verb: bool,
    /// Items after the verb, left to right.
    pub after: Vec<PatItem>,
    /// The code it yields.
    pub code: Code,
    /// 1-based line.
    pub line: u32,
    /// The pattern text between `-` and `[`, trimmed, as written.
    pub text: String,
}

impl VerbPattern {
    /// True when a `$` marker appears anywhere.
    pub fn has_source_marker(&self) -> bool {
        fn any(items: &[PatItem], f: &dyn Fn(&Elem) -> bool) -> bool {
            items.iter().any(|i| {
                f(&i.elem)
                    || match &i.elem {
                        Elem::Alternatives(alts) => alts.iter().any(|a| any(a, f)),
                        Elem::NounPhrase(v) | Elem::Prep(v) => any(v, f),
                        _ => false,
                    }
            })
        }
        let f = |e: &Elem| matches!(e, Elem::Source);
        any(&self.before, &f) || any(&self.after, &f)
    }
}

/// A verb with its patterns (TABARI), or a PETRARCH synonym block: verbs that
/// share patterns and a default code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// PETRARCH block label (`--- ACCELERATE [---] ---` → "ACCELERATE"); `None` for TABARI.
    pub block: Option<String>,
    /// Default code of the entry.
    pub code: Code,
    /// The verbs; the first is the primary one.
    pub verbs: Vec<VerbWord>,
    /// Patterns in file order.
    pub patterns: Vec<VerbPattern>,
    /// Where it starts.
    pub origin: Origin,
}

impl VerbEntry {
    /// The primary verb's words joined by spaces ("" if the block has no verb).
    pub fn lemma(&self) -> String {
        self.verbs.first().map(VerbWord::text).unwrap_or_default()
    }
}

/// A member of a synset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynMember {
    /// Its items (words, possibly other synsets).
    pub items: Vec<PatItem>,
    /// PETRARCH generates a plural of the member (no trailing `_` on the member
    /// and none on the synset label).
    pub plural: bool,
    /// 1-based line.
    pub line: u32,
}

/// `&NAME` and its `+` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Name without `&` and without a trailing `_` ("CURRENCY").
    pub name: String,
    /// The members.
    pub members: Vec<SynMember>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A discard phrase: a sentence (or, with `+`, a whole story) containing it is not coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// The phrase (stem unless written with a trailing `_`).
    pub phrase: Phrase,
    /// `+`: discard the whole story, not only the sentence.
    pub story: bool,
    /// Where it was defined.
    pub origin: Origin,
}

/// An exclusion phrase of an issue file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exclusion {
    /// `~`: no issue of the category is coded for the sentence.
    Sentence,
    /// `~~`: no issue of the category is coded for the story.
    Story,
}

/// An issue phrase (PETRARCH issue coding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    /// The phrase as written, upper-case markers kept (`n:crime against humanity`).
    pub text: String,
    /// Every form after expanding `n:` (noun plural), `v:` (verb forms) and `+`
    /// (blank or hyphen).
    pub forms: Vec<Phrase>,
    /// The issue code; `None` for an exclusion.
    pub code: Option<String>,
    /// `Some` for an exclusion phrase (`~`, `~~`).
    pub exclusion: Option<Exclusion>,
    /// `<ISSUE CATEGORY="...">` in effect.
    pub category: Option<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A setting: TABARI options (`SET: VERB USAGE = FALSE` → key `SET`, value
/// `VERB USAGE = FALSE`), project tags (`<actorsfile> X` → key `actorsfile`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionEntry {
    /// Key.
    pub key: String,
    /// Value, trimmed.
    pub value: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A PETRARCH-2 verb transformation (`~ a (a b ATTACK) SAY = a b 015`), kept as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// Left of `=`.
    pub pattern: String,
    /// Right of `=`.
    pub result: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A named list of phrases: TABARI `<NOUN>`, `<ADJECTIVE>`, `<TIME>` sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordList {
    /// Section name, upper-case ("NOUN").
    pub name: String,
    /// Each phrase with its code if one was given (`LAST_WEEK [-7]`), and the line.
    pub entries: Vec<(Phrase, Option<String>, u32)>,
    /// Where the section starts.
    pub origin: Origin,
}

/// Everything read from one or more dictionary files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dictionary {
    /// The files read, in order; [`Origin::file`] indexes this.
    pub sources: Vec<SourceFile>,
    /// Actors.
    pub actors: Vec<ActorEntry>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Verbs and their patterns.
    pub verbs: Vec<VerbEntry>,
    /// Synsets of the verb files.
    pub synsets: Vec<Synset>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Issues.
    pub issues: Vec<IssueEntry>,
    /// TABARI options and project settings.
    pub options: Vec<OptionEntry>,
    /// PETRARCH-2 verb transformations.
    pub transformations: Vec<Transformation>,
    /// TABARI word lists.
    pub word_lists: Vec<WordList>,
}

/// Counts of a dictionary's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Actor entries.
    pub actors: usize,
    /// Actor names (primary + synonyms).
    pub actor_names: usize,
    /// Agent entries (after substitution-marker expansion).
    pub agents: usize,
    /// Verb entries (TABARI verbs, PETRARCH blocks).
    pub verbs: usize,
    /// Verb words (all verbs of all entries).
    pub verb_words: usize,
    /// Patterns.
    pub patterns: usize,
    /// Synsets.
    pub synsets: usize,
    /// Discards.
    pub discards: usize,
    /// Issue phrases (including exclusions).
    pub issues: usize,
    /// Options and project settings.
    pub options: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "actors {} (names {}), agents {}, verbs {} (words {}), patterns {}, synsets {}, discards {}, issues {}, options {}",
            self.actors, self.actor_names, self.agents, self.verbs, self.verb_words, self.patterns,
            self.synsets, self.discards, self.issues, self.options
        )
    }
}

/// An answer of [`Dictionary::lookup_actor`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The code.
    pub code: String,
    /// When the code holds.
    pub role_dates: RoleDates,
    /// The dictionary file it came from.
    pub file: String,
    /// 1-based line of the code (or of the entry, for inline codes).
    pub line: usize,
    /// 1-based line where the actor entry starts.
    pub entry_line: usize,
    /// The entry's primary name, lower-case.
    pub entry: String,
    /// The name that matched.
    pub matched: String,
}

/// Title words dropped from the front of a query when the whole phrase matches nothing.
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "madam", "the"];

/// Normalise a query to dictionary words: lower-case, split on blanks and `_`,
/// trailing `.` kept only inside abbreviations ("u.s."), possessive `'s` dropped.
fn query_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut w = w.to_lowercase();
            for q in ['\u{2019}', '\u{2018}'] {
                w = w.replace(q, "'");
            }
            if let Some(s) = w.strip_suffix("'s") {
                w = s.to_string();
            }
            let inner_dot = w.trim_end_matches('.').contains('.');
            if !inner_dot {
                w = w.trim_end_matches(['.', ',']).to_string();
            }
            w
        })
        .filter(|w| !w.is_empty())
        .collect()
}

impl Dictionary {
    /// Counts of entries.
    pub fn counts(&self) -> Counts {
        Counts {
            actors: self.actors.len(),
            actor_names: self.actors.iter().map(|a| a.names.len()).sum(),
            agents: self.agents.len(),
            verbs: self.verbs.len(),
            verb_words: self.verbs.iter().map(|v| v.verbs.len()).sum(),
            patterns: self.verbs.iter().map(|v| v.patterns.len()).sum(),
            synsets: self.synsets.len(),
            discards: self.discards.len(),
            issues: self.issues.len(),
            options: self.options.len(),
        }
    }

    /// The file name of an origin.
    pub fn file_name(&self, origin: Origin) -> &str {
        self.sources.get(origin.file as usize).map(|s| s.name.as_str()).unwrap_or("")
    }

    /// Append another dictionary (its file indexes are shifted).
    pub fn merge(&mut self, other: Dictionary) {
        let off = self.sources.len() as u32;
        let sh = |o: Origin| Origin { file: o.file + off, line: o.line };
        self.sources.extend(other.sources);
        self.actors.extend(other.actors.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.agents.extend(other.agents.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.verbs.extend(other.verbs.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.synsets.extend(other.synsets.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.discards.extend(other.discards.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.issues.extend(other.issues.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.options.extend(other.options.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.transformations.extend(other.transformations.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
        self.word_lists.extend(other.word_lists.into_iter().map(|mut a| {
            a.origin = sh(a.origin);
            a
        }));
    }

    /// The actor codes of `phrase` on `date` (`None` = every code of every
    /// matching entry), with where each came from.
    ///
    /// The phrase is lower-cased and split on blanks and `_`; it must equal a
    /// whole name of an entry (a TABARI stem's last word may be a prefix of the
    /// query's last word). If nothing matches, leading title words ("Mr", "Dr",
    /// "the") are dropped and the lookup is retried. Codes whose dates do not
    /// cover `date` are left out; entries are returned in file order and the
    /// terms of an entry in their order (PETRARCH takes the last one that holds).
    /// A linear scan: fine for a query, use your own index for bulk matching.
    pub fn lookup_actor(&self, phrase: &str, date: Option<Date>) -> Vec<Match> {
        let words = query_words(phrase);
        let mut start = 0;
        loop {
            let q: Vec<&str> = words[start..].iter().map(String::as_str).collect();
            if q.is_empty() {
                return Vec::new();
            }
            let found = self.lookup_words(&q, date);
            if !found.is_empty() || !TITLES.contains(&q[0]) || q.len() == 1 {
                return found;
            }
            start += 1;
        }
    }

    /// The one code for `phrase` on `date`: among the matches of
    /// [`Dictionary::lookup_actor`], a dated term beats an undated one (the
    /// CountryInfo convention: the undated code is the fallback), and among
    /// dated terms the one that started last wins; ties go to the later line
    /// (PETRARCH takes the last covering term).
    pub fn resolve_actor(&self, phrase: &str, date: Option<Date>) -> Option<Match> {
        self.lookup_actor(phrase, date)
            .into_iter()
            .enumerate()
            .max_by_key(|(i, m)| (!m.role_dates.is_always(), m.role_dates.from, *i))
            .map(|(_, m)| m)
    }

    fn lookup_words(&self, q: &[&str], date: Option<Date>) -> Vec<Match> {
        let mut out = Vec::new();
        for a in &self.actors {
            let Some(name) = a.names.iter().find(|n| n.matches(q)) else { continue };
            for c in a.codes_at(date) {
                out.push(Match {
                    code: c.code.clone(),
                    role_dates: c.dates,
                    file: self.file_name(a.origin).to_string(),
                    line: c.line as usize,
                    entry_line: a.origin.line as usize,
                    entry: a.names.first().map(Phrase::text).unwrap_or_default(),
                    matched: name.text(),
                });
            }
        }
        out
    }

    /// The compiled form: a versioned, length-prefixed binary encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        bin::encode(self)
    }

    /// Read the compiled form written by [`Dictionary::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Dictionary, DictError> {
        bin::decode(bytes)
    }
}

/// A dictionary and the problems found while reading it.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// What could be read.
    pub dictionary: Dictionary,
    /// Every problem, in file and line order.
    pub errors: Vec<DictError>,
}

impl Parsed {
    /// Append another result.
    pub fn merge(&mut self, other: Parsed) {
        self.dictionary.merge(other.dictionary);
        self.errors.extend(other.errors);
    }
}
