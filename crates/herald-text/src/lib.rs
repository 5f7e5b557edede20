//! herald's text stage: news text in, paragraphs, sentences and tokens out.
//!
//! - [`analyze`] runs the whole stage and returns an [`Analysis`].
//! - [`tokenize`] splits text into [`Token`]s that keep byte and character
//!   offsets into the original; joining the original slices never loses text.
//! - The sentence splitter knows news: abbreviations (Mr, Dr, Gen., U.S., U.N.,
//!   No.), initials, quotes (straight and curly), datelines such as
//!   `MOSCOW (Reuters) -`, and paragraph breaks.
//!
//! ```
//! let a = herald_text::analyze("MOSCOW (Reuters) - Mr. Putin met Gen. Smith in the U.S. on Friday. He left.");
//! assert_eq!(a.sentences.len(), 2);
//! assert_eq!(a.dateline.as_ref().unwrap().place, "MOSCOW");
//! let first = &a.sentences[0];
//! assert_eq!(a.tokens[first.tok_start].norm, "mr");
//! ```
#![deny(missing_docs)]

mod sentences;
mod tokens;

use herald_core::{Sentence, Token};
pub use sentences::{split_sentences, Dateline};
pub use tokens::{is_abbreviation, tokenize};

/// The text stage's output for one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Every token of the document, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order; each names its token range and paragraph.
    pub sentences: Vec<Sentence>,
    /// The dateline, when the story opens with one. Its tokens are in no sentence.
    pub dateline: Option<Dateline>,
}

/// Tokenize and split a document.
pub fn analyze(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let (sentences, dateline) = split_sentences(text, &tokens);
    Analysis { tokens, sentences, dateline }
}
