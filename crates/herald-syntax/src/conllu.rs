//! CoNLL-U reading and writing (basic columns: ID, FORM, LEMMA, UPOS, XPOS,
//! FEATS, HEAD, DEPREL, DEPS, MISC). Multiword-token lines (`1-2`) and empty
//! nodes (`1.1`) are kept as raw lines so output round-trips.

use std::fmt;

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: usize,
    /// Word form.
    pub form: String,
    /// Lemma (column 3), `_` if none.
    pub lemma: String,
    /// Universal part of speech (column 4).
    pub upos: String,
    /// Language-specific tag (column 5).
    pub xpos: String,
    /// Features (column 6).
    pub feats: String,
    /// Head index, 0 for the root.
    pub head: usize,
    /// Dependency relation.
    pub deprel: String,
    /// Enhanced dependencies (column 9).
    pub deps: String,
    /// Misc (column 10).
    pub misc: String,
}

/// A sentence: its comment lines, words, and multiword/empty-node lines by position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines, without the leading `#`.
    pub comments: Vec<String>,
    /// The words.
    pub words: Vec<Word>,
    /// Other lines (multiword tokens, empty nodes) with the index of the word before which they stand.
    pub extra: Vec<(usize, String)>,
}

/// A malformed CoNLL-U line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Parse CoNLL-U text into sentences.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.to_string());
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(ConlluError {
                line: i + 1,
                message: format!("expected 10 tab-separated columns, found {}", f.len()),
            });
        }
        if f[0].contains('-') || f[0].contains('.') {
            cur.extra.push((cur.words.len(), line.to_string()));
            continue;
        }
        let id: usize = f[0].parse().map_err(|_| ConlluError {
            line: i + 1,
            message: format!("bad ID {:?}", f[0]),
        })?;
        let head: usize = if f[6] == "_" {
            0
        } else {
            f[6].parse().map_err(|_| ConlluError {
                line: i + 1,
                message: format!("bad HEAD {:?}", f[6]),
            })?
        };
        cur.words.push(Word {
            id,
            form: f[1].to_string(),
            lemma: f[2].to_string(),
            upos: f[3].to_string(),
            xpos: f[4].to_string(),
            feats: f[5].to_string(),
            head,
            deprel: f[7].to_string(),
            deps: f[8].to_string(),
            misc: f[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Write sentences as CoNLL-U.
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            s.push('#');
            s.push_str(c);
            s.push('\n');
        }
        for (i, w) in sent.words.iter().enumerate() {
            for (at, line) in &sent.extra {
                if *at == i {
                    s.push_str(line);
                    s.push('\n');
                }
            }
            s.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.deps, w.misc
            ));
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let src = "# text = Don't go\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
        let s = parse(src).unwrap();
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(write(&s), src);
        assert_eq!(parse("1\tx\n").unwrap_err().line, 1);
    }
}
