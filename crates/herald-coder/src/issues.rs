//! Issue coding, as PETRARCH and TABARI do it: a user's issue dictionary
//! (the Phoenix/PETRARCH `<ISSUE CATEGORY=...>` format) names phrases and the
//! issue code each one signals; every event takes the issues its sentence
//! mentions, with counts. herald's own topic coding is PLOVER's contexts
//! (`data/contexts.txt`); this adds a user's issue scheme beside it.
//!
//! Format, one entry per line inside `<ISSUE CATEGORY="C" TYPE="ALL">` …
//! `</ISSUE>` blocks:
//! - `phrase [CODE]`: the words in order; `n:word` also matches the noun's
//!   plural; `a+b` matches "a-b", "ab" or "a b";
//! - `~phrase`: a phrase that is not the issue ("a head start"): words it
//!   covers do not count;
//! - `#` comments and blank lines.

use std::collections::BTreeMap;

use herald_core::{Sentence, Token};

/// One word of an issue phrase.
#[derive(Debug, Clone, PartialEq)]
enum IssueWord {
    /// The word, or (`n:`) the word and its plurals.
    Word { word: String, noun: bool },
    /// `v:word`: the verb's forms ("arrest", "arrests", "arrested", "arresting").
    Verb(String),
    /// `a+b`: one token "a-b" or "ab", or the tokens "a" "b".
    Joined(Vec<String>),
}

#[derive(Debug, Clone)]
struct IssuePhrase {
    words: Vec<IssueWord>,
    /// Issue code, or None for a `~` exclusion.
    code: Option<String>,
}

/// A parsed issue dictionary.
#[derive(Debug, Clone, Default)]
pub struct IssueSet {
    phrases: Vec<IssuePhrase>,
    /// Issue code -> its category ("EARLY_CHILDHOOD_EDUCATION" -> "EDUCATION").
    categories: BTreeMap<String, String>,
}

/// A line of an issue file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

fn parse_word(w: &str) -> IssueWord {
    let w = w.to_lowercase();
    if w.contains('+') {
        return IssueWord::Joined(w.split('+').map(|p| p.trim_start_matches("n:").to_string()).filter(|p| !p.is_empty()).collect());
    }
    if let Some(x) = w.strip_prefix("v:") {
        return IssueWord::Verb(x.to_string());
    }
    match w.strip_prefix("n:") {
        Some(x) => IssueWord::Word { word: x.to_string(), noun: true },
        None => IssueWord::Word { word: w, noun: false },
    }
}

fn plural_of(w: &str, t: &str) -> bool {
    t == w
        || t.strip_suffix('s').is_some_and(|x| x == w)
        || t.strip_suffix("es").is_some_and(|x| x == w)
        || (w.ends_with('y') && t.strip_suffix("ies").is_some_and(|x| x == &w[..w.len() - 1]))
}

impl IssueWord {
    /// Tokens matched at `k`, if any.
    fn match_at(&self, toks: &[Token], k: usize, end: usize) -> Option<usize> {
        let t = toks.get(k).filter(|_| k < end)?.norm.as_str();
        match self {
            IssueWord::Word { word, noun } => (t == word || (*noun && plural_of(word, t))).then_some(1),
            IssueWord::Verb(v) => {
                let stem = v.strip_suffix('e').unwrap_or(v);
                let forms = [v.clone(), format!("{v}s"), format!("{stem}ed"), format!("{stem}ing"), format!("{v}d"), format!("{v}es")];
                forms.iter().any(|f| f == t).then_some(1)
            }
            IssueWord::Joined(parts) => {
                if t == parts.join("-") || t == parts.concat() {
                    return Some(1);
                }
                (k + parts.len() <= end && parts.iter().enumerate().all(|(i, p)| toks[k + i].norm == *p)).then_some(parts.len())
            }
        }
    }
}

impl IssuePhrase {
    fn match_at(&self, toks: &[Token], k: usize, end: usize) -> Option<usize> {
        let mut at = k;
        for w in &self.words {
            at += w.match_at(toks, at, end)?;
        }
        Some(at - k)
    }
}

impl IssueSet {
    /// Read an issue file. Bad lines are returned with their numbers; the
    /// rest is kept.
    pub fn parse(src: &str) -> (IssueSet, Vec<IssueError>) {
        let mut set = IssueSet::default();
        let mut errors = Vec::new();
        let mut category: Option<String> = None;
        for (i, raw) in src.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let err = |m: &str| IssueError { line: i + 1, message: m.to_string() };
            if let Some(rest) = line.strip_prefix("<ISSUE") {
                match rest.split("CATEGORY=\"").nth(1).and_then(|x| x.split('"').next()) {
                    Some(c) if !c.is_empty() => category = Some(c.to_string()),
                    _ => errors.push(err("an <ISSUE> tag without CATEGORY=\"...\"")),
                }
                continue;
            }
            if line.starts_with("</ISSUE") {
                category = None;
                continue;
            }
            if line.starts_with('<') {
                errors.push(err("an unknown tag"));
                continue;
            }
            if let Some(ex) = line.strip_prefix('~') {
                let words: Vec<IssueWord> = ex.split_whitespace().map(parse_word).collect();
                if words.is_empty() {
                    errors.push(err("an empty ~ exclusion"));
                } else {
                    set.phrases.push(IssuePhrase { words, code: None });
                }
                continue;
            }
            let Some((phrase, code)) = line.rsplit_once('[') else {
                errors.push(err("expected `phrase [CODE]`"));
                continue;
            };
            let code = code.trim_end_matches(']').trim();
            let words: Vec<IssueWord> = phrase.split_whitespace().map(parse_word).collect();
            if code.is_empty() || words.is_empty() || !line.ends_with(']') {
                errors.push(err("expected `phrase [CODE]` with a phrase and a code"));
                continue;
            }
            if let Some(c) = &category {
                set.categories.entry(code.to_string()).or_insert_with(|| c.clone());
            }
            set.phrases.push(IssuePhrase { words, code: Some(code.to_string()) });
        }
        (set, errors)
    }

    /// Number of phrases (issue phrases and exclusions).
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when the set has no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The category an issue code was listed under.
    pub fn category(&self, code: &str) -> Option<&str> {
        self.categories.get(code).map(String::as_str)
    }

    /// The issues sentence `s` mentions, with counts, in order of first
    /// mention. Words inside an exclusion phrase do not count.
    pub fn code(&self, toks: &[Token], s: &Sentence) -> Vec<(String, u32)> {
        let n = s.tok_end.saturating_sub(s.tok_start);
        let mut excluded = vec![false; n];
        for p in self.phrases.iter().filter(|p| p.code.is_none()) {
            for k in s.tok_start..s.tok_end {
                if let Some(len) = p.match_at(toks, k, s.tok_end) {
                    excluded[k - s.tok_start..k - s.tok_start + len].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        let mut out: Vec<(String, u32)> = Vec::new();
        let mut k = s.tok_start;
        while k < s.tok_end {
            // the longest phrase starting here wins
            let best = self
                .phrases
                .iter()
                .filter_map(|p| Some((p.code.as_ref()?, p.match_at(toks, k, s.tok_end)?)))
                .filter(|(_, len)| !excluded[k - s.tok_start..k - s.tok_start + len].iter().any(|x| *x))
                .max_by_key(|(_, len)| *len);
            match best {
                Some((code, len)) => {
                    match out.iter_mut().find(|(c, _)| c == code) {
                        Some(e) => e.1 += 1,
                        None => out.push((code.clone(), 1)),
                    }
                    k += len;
                }
                None => k += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_core::TokenKind;

    fn toks(text: &str) -> (Vec<Token>, Sentence) {
        let mut out = Vec::new();
        let mut pos = 0;
        for w in text.split_whitespace() {
            let start = text[pos..].find(w).unwrap() + pos;
            pos = start + w.len();
            out.push(Token { byte_start: start, byte_end: pos, start, end: pos, kind: TokenKind::Word, norm: w.to_lowercase(), capitalized: false });
        }
        let s = Sentence { paragraph: 0, byte_start: 0, byte_end: text.len(), start: 0, end: text.len(), tok_start: 0, tok_end: out.len() };
        (out, s)
    }

    const SRC: &str = "# test issues\n<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:school [SCHOOLS]\npre+n:school [EARLY_CHILDHOOD]\nhead start [EARLY_CHILDHOOD]\n~a head start\nn:university [POSTSECONDARY]\n</ISSUE>\n<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\nnuclear n:plant [NUCLEAR_POWER]\n</ISSUE>\nv:arrest a n:journalist [PRESS_ARREST]\nn:journalist v:arrest [PRESS_FREEDOM]\n";

    #[test]
    fn codes_sentences() {
        let (set, errors) = IssueSet::parse(SRC);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(set.category("NUCLEAR_POWER"), Some("ENERGY"));
        let cases: &[(&str, &[(&str, u32)])] = &[
            ("Two schools and a university closed", &[("SCHOOLS", 1), ("POSTSECONDARY", 1)]),
            ("the pre-school and pre school programs", &[("EARLY_CHILDHOOD", 2)]),
            ("Head Start funding was cut", &[("EARLY_CHILDHOOD", 1)]),
            ("Iran got a head start on enrichment", &[]),
            ("strikes on nuclear plants and schools and schools", &[("NUCLEAR_POWER", 1), ("SCHOOLS", 2)]),
            ("universities protested", &[("POSTSECONDARY", 1)]),
            ("they arrested a journalist", &[("PRESS_ARREST", 1)]),
            ("two journalists arrested", &[("PRESS_FREEDOM", 1)]),
        ];
        for &(text, want) in cases {
            let (t, s) = toks(text);
            let got = set.code(&t, &s);
            let want: Vec<(String, u32)> = want.iter().map(|(c, n)| (c.to_string(), *n)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let (set, errors) = IssueSet::parse("<ISSUE TYPE=\"ALL\">\nschool SCHOOLS\nn:school [SCHOOLS]\n[X]\n~\n<FOO>\n");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 5, 6], "{errors:?}");
        assert_eq!(set.len(), 1);
    }
}
