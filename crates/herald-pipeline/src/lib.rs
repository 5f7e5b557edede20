//! herald's pipeline: one document in, everything herald knows about it out.
//!
//! [`Pipeline::process`] runs the stages in order — text ([`herald_text`]),
//! actors ([`herald_kb`]), time ([`herald_time`]), places ([`herald_place`]),
//! and the coder ([`herald_coder`]) — and returns a [`Processed`] document.
//! [`output`] turns it into the JSON shapes of the CLI contract: the
//! `--out docs` document (the gold format of `shared/gold/FORMAT.md`) and the
//! `--out events` line. No IO happens here.
//!
//! ```
//! use herald_core::{Date, Document};
//! let p = herald_pipeline::Pipeline::new();
//! let doc = Document {
//!     id: "d1".into(),
//!     date: Date::parse("2025-08-13"),
//!     text: "Russian president Vladimir Putin held a phone call with North Korean leader Kim Jong Un on Tuesday.".into(),
//!     ..Default::default()
//! };
//! let out = p.process(&doc);
//! let e = out.events().next().unwrap();
//! assert_eq!((e.source.as_str(), e.target.as_deref(), e.cameo.as_str()), ("RUSGOV", Some("PRKGOV"), "041"));
//! assert_eq!(e.date.unwrap().to_string(), "2025-08-12");
//! ```
#![deny(missing_docs)]

pub mod entities;
pub mod output;

use herald_claims::anchors::Anchors;
use herald_claims::{DocClaims, DocView};
use herald_coder::{Coded, Coder, CoderInput};
use herald_core::{ActorMention, Analyzer, Document, Event, Parse, PlaceMention, Timex};
use herald_kb::Kb;
use herald_place::Gazetteer;
use herald_text::Analysis;
use herald_time::TimeTagger;

/// The stages, built once and reused for every document.
pub struct Pipeline {
    kb: &'static Kb,
    gazetteer: &'static Gazetteer,
    tagger: TimeTagger,
    coder: Coder,
    syntax: Option<&'static dyn Analyzer>,
    anchors: Anchors,
}

/// herald-syntax's embedded UPOS tagger and dependency parser (UD English
/// EWT), as the coder's [`Analyzer`].
pub struct EwtSyntax;

impl Analyzer for EwtSyntax {
    fn analyze(&self, words: &[&str]) -> Parse {
        let upos = self.tag(words);
        self.parse_tagged(words, upos)
    }

    fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        match (herald_syntax::tagger::Tagger::embedded(), herald_syntax::parser::Parser::embedded()) {
            (Some(tagger), Some(_)) => tagger.tag(words),
            _ => Vec::new(),
        }
    }

    /// The parser reads the tagger's XPOS and runner-up tags too: those of
    /// the last sentence tagged on this thread, so `tag` right before this
    /// is what makes it cheap (otherwise the words are tagged again).
    fn parse_tagged(&self, words: &[&str], upos: Vec<&'static str>) -> Parse {
        let Some(parser) = herald_syntax::parser::Parser::embedded().filter(|_| upos.len() == words.len()) else {
            return Parse::default();
        };
        let arcs = parser.parse(words, &upos);
        let (head, rel) = arcs.into_iter().map(|(h, r)| (h.checked_sub(1), r)).unzip();
        Parse { upos, head, rel }
    }
}

/// Load the tagger and the parser now, each on its own thread (they
/// otherwise load on first use, one after the other, while every coding
/// thread waits). Returns when both are loaded.
pub fn warm_up_syntax() {
    std::thread::scope(|s| {
        s.spawn(|| herald_syntax::tagger::Tagger::embedded().is_some());
        s.spawn(|| herald_syntax::parser::Parser::embedded().is_some());
    });
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

/// Everything the pipeline found in one document.
pub struct Processed<'d> {
    /// The knowledge base, for resolving phrases on output.
    pub kb: &'static Kb,
    /// The input document.
    pub doc: &'d Document,
    /// Tokens and sentences.
    pub analysis: Analysis,
    /// Actor mentions (the knowledge base's, then the coder's coreferences).
    pub actors: Vec<ActorMention>,
    /// Time expressions.
    pub timexes: Vec<Timex>,
    /// Place mentions.
    pub places: Vec<PlaceMention>,
    /// The coder's events and trace.
    pub coded: Coded,
    /// Who says so: each factual event's accounts, and the flags the
    /// document shows on its own (omissions, anchor dates), before
    /// [`herald_claims::compare`] links it with other documents
    /// ([`herald_claims::alone`] compares it with nothing else).
    pub claims: DocClaims,
}

impl Processed<'_> {
    /// Events for the default output: those that happened, and statements of intent.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.coded.events.iter().filter(|e| e.modality.is_factual())
    }
}

impl Pipeline {
    /// Build every stage over herald's embedded tables.
    pub fn new() -> Pipeline {
        Pipeline { kb: Kb::embedded(), gazetteer: Gazetteer::embedded(), tagger: TimeTagger::new(), coder: Coder::new(), syntax: Some(&EwtSyntax), anchors: Anchors::embedded() }
    }

    /// Build the stages over a given knowledge base and coder (for instance
    /// with a user's dictionaries layered on herald's own).
    pub fn from_parts(kb: &'static Kb, coder: Coder) -> Pipeline {
        Pipeline { kb, gazetteer: Gazetteer::embedded(), tagger: TimeTagger::new(), coder, syntax: Some(&EwtSyntax), anchors: Anchors::embedded() }
    }

    /// Code with another syntax stage (a different model, or an instrumented one).
    pub fn with_analyzer(mut self, analyzer: &'static dyn Analyzer) -> Pipeline {
        self.syntax = Some(analyzer);
        self
    }

    /// Code with or without the dependency parse (without it the coder falls
    /// back to its word-order rules; for comparisons and for speed).
    pub fn with_syntax(mut self, on: bool) -> Pipeline {
        self.syntax = if on { Some(&EwtSyntax) } else { None };
        self
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &'static Kb {
        self.kb
    }

    /// Code a user's issue dictionary (PETRARCH's issue coding) on every event.
    pub fn with_issues(mut self, issues: herald_coder::issues::IssueSet) -> Pipeline {
        self.coder = self.coder.with_issues(issues);
        self
    }

    /// Check dates against these anchor facts too (a user's file, read by
    /// [`Anchors::parse`]).
    pub fn with_anchors(mut self, more: Anchors) -> Pipeline {
        self.anchors.extend(more);
        self
    }

    /// The coder in use.
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// Run every stage over one document.
    pub fn process<'d>(&self, doc: &'d Document) -> Processed<'d> {
        let analysis = herald_text::analyze(&doc.text);
        let actors = self.kb.find_actors(&doc.text, &analysis.tokens, doc.date);
        let timexes = self.tagger.tag(&doc.text, doc.date);
        let places = self.gazetteer.find_places(&doc.text, &analysis.tokens);
        let coded = self.coder.code(&CoderInput {
            text: &doc.text,
            tokens: &analysis.tokens,
            sentences: &analysis.sentences,
            actors: &actors,
            timexes: &timexes,
            places: &places,
            doc_date: doc.date,
            syntax: self.syntax,
            options: &doc.options,
        });
        let _ = actors;
        let actors = coded.actors.clone();
        let claims = if coded.events.is_empty() {
            DocClaims { id: doc.id.clone(), outlet: doc.outlet.clone(), date: doc.date, ..Default::default() }
        } else {
            let view = DocView {
                id: &doc.id,
                date: doc.date,
                outlet: doc.outlet.as_deref(),
                text: &doc.text,
                tokens: &analysis.tokens,
                sentences: &analysis.sentences,
                events: &coded.events,
                frames: &coded.frames,
                actors: &actors,
                timexes: &timexes,
            };
            herald_claims::analyze(&view, &self.anchors)
        };
        Processed { kb: self.kb, doc, analysis, actors, timexes, places, coded, claims }
    }
}

