//! The verb-pattern dictionary (`data/verbs.txt`).

use std::collections::HashMap;

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
    /// The line's pattern text, for audit output.
    pub text: String,
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
}

impl PatternSet {
    /// The dictionary compiled into herald.
    pub fn embedded() -> &'static PatternSet {
        todo!("helper fills this in")
    }
}
