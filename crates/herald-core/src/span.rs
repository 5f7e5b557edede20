/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with inner apostrophes, hyphens or periods: "U.S.", "good-neighbourliness").
    Word,
    /// Digits, possibly with separators ("15,000", "2.5").
    Number,
    /// Punctuation or a symbol, one character (quotes are normalised in `norm`).
    Punct,
}

/// A token with byte and character offsets into the original text.
///
/// `norm` is the lower-cased text with curly quotes and apostrophes folded to
/// ASCII; the original is always `&text[byte_start..byte_end]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Start byte offset.
    pub byte_start: usize,
    /// End byte offset, exclusive.
    pub byte_end: usize,
    /// Start character (code point) offset.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// Kind of token.
    pub kind: TokenKind,
    /// Lower-cased, quote-folded form.
    pub norm: String,
    /// True when the first character is upper case.
    pub capitalized: bool,
}

impl Token {
    /// The token's text in the original document.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.byte_start..self.byte_end]
    }
}

/// A sentence: a token range plus offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Index of the paragraph the sentence is in.
    pub paragraph: usize,
    /// Start byte offset.
    pub byte_start: usize,
    /// End byte offset, exclusive.
    pub byte_end: usize,
    /// Start character offset.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// First token index (into the document's token list).
    pub tok_start: usize,
    /// End token index, exclusive.
    pub tok_end: usize,
}

/// Character offsets for each byte offset in `text` that starts a character, as a
/// closure-friendly table: `table[byte]` is the char index (valid at char boundaries
/// and at `text.len()`).
pub fn char_offsets(text: &str) -> Vec<u32> {
    let mut table = vec![0u32; text.len() + 1];
    let mut ci = 0u32;
    for (bi, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            table[bi + k] = ci;
        }
        ci += 1;
    }
    table[text.len()] = ci;
    table
}
