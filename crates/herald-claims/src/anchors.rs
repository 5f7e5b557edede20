//! Anchor facts: well-known dated events (wars beginning, treaties,
//! summits, elections ...) that a text's dates are checked against.
//!
//! The embedded table is `data/anchors.tsv`, written by the herald team;
//! users add theirs in the same format ([`Anchors::parse`], `herald code
//! --anchors FILE`). One fact per line, tab-separated:
//!
//! ```text
//! date      kind       actors    keywords                                   description                                   reference
//! 2022-02-24 invasion  RUS>UKR   invasion|invaded|special military operation Russia begins its full-scale invasion of Ukraine Wikipedia: Russian invasion of Ukraine
//! ```
//!
//! `date` is `YYYY-MM-DD` or `YYYY-MM`; `actors` is `SRC>TGT` (directed),
//! `A+B` (joint) or one code; `keywords` are `|`-separated phrases.
//!
//! A sentence is checked against a fact when it names the fact's sides and
//! one of its keywords, with a calendar date (a year or a month named)
//! near the keyword. The date conflicts when none of its days is the
//! fact's date, nor the date of any other fact the sentence may mean. Facts
//! that recur between the same sides (talks, attacks, elections) are only
//! checked on dates recalled from the past, by keywords that name the
//! occurrence.

use herald_core::DateValue;

use crate::{interval, DocView, Flag};

/// One dated fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// When.
    pub date: DateValue,
    /// What kind of event (`invasion`, `treaty`, `summit` ...).
    pub kind: String,
    /// Source country, or the first of a joint pair, or the one party.
    pub a: String,
    /// Target country, or the second of a joint pair; empty for one party.
    pub b: String,
    /// `a` and `b` in either order.
    pub joint: bool,
    /// Lower-case phrases that name it.
    pub keywords: Vec<String>,
    /// What happened.
    pub description: String,
    /// Where the date can be checked.
    pub reference: String,
    /// Where the fact comes from: file and line.
    pub origin: String,
}

/// A set of anchor facts.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    facts: Vec<Anchor>,
}

const EMBEDDED: &str = include_str!("../data/anchors.tsv");

impl Anchors {
    /// The embedded facts.
    pub fn embedded() -> Anchors {
        Anchors::parse(EMBEDDED, "crates/herald-claims/data/anchors.tsv").expect("embedded anchors.tsv is well formed (tested)")
    }

    /// Facts from a file's text; `name` is used in errors and origins. The
    /// first bad line is an error that names it and says what is wrong.
    pub fn parse(text: &str, name: &str) -> Result<Anchors, String> {
        let (facts, errors) = Anchors::parse_lenient(text, name);
        match errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(facts),
        }
    }

    /// Facts from a file's text, skipping bad lines: the facts read, and one
    /// error per line skipped (naming the file, the line and what is wrong).
    pub fn parse_lenient(text: &str, name: &str) -> (Anchors, Vec<String>) {
        let mut facts = Vec::new();
        let mut errors = Vec::new();
        for (n, line) in text.lines().enumerate() {
            match Anchors::line(line, name, n + 1) {
                Ok(Some(f)) => facts.push(f),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        (Anchors { facts }, errors)
    }

    /// One line: a fact, nothing (blank or comment), or what is wrong with it.
    fn line(line: &str, name: &str, n: usize) -> Result<Option<Anchor>, String> {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return Ok(None);
        }
        let f: Vec<&str> = line.split('\t').collect();
        let at = || format!("{name}:{n}");
        if f.len() < 6 {
            return Err(format!("{}: expected 6 tab-separated fields (date, kind, actors, keywords, description, reference), found {}", at(), f.len()));
        }
        let date = DateValue::parse(f[0].trim()).filter(|d| d.precision != herald_core::Precision::Year || f[0].trim().len() == 4).ok_or_else(|| format!("{}: bad date {:?} (YYYY-MM-DD or YYYY-MM)", at(), f[0]))?;
        let actors = f[2].trim();
        let (a, b, joint) = if let Some((x, y)) = actors.split_once('>') {
            (x, y, false)
        } else if let Some((x, y)) = actors.split_once('+') {
            (x, y, true)
        } else {
            (actors, "", false)
        };
        let code_ok = |c: &str| c.is_empty() || (c.len() >= 3 && c.chars().all(|ch| ch.is_ascii_uppercase()));
        if a.is_empty() || !code_ok(a) || !code_ok(b) {
            return Err(format!("{}: bad actors {actors:?} (SRC>TGT, A+B or one code, upper-case)", at()));
        }
        let keywords: Vec<String> = f[3].split('|').map(|k| k.trim().to_lowercase()).filter(|k| !k.is_empty()).collect();
        if keywords.is_empty() {
            return Err(format!("{}: no keywords", at()));
        }
        Ok(Some(Anchor {
            date,
            kind: f[1].trim().to_string(),
            a: a[..3].to_string(),
            b: if b.len() >= 3 { b[..3].to_string() } else { String::new() },
            joint,
            keywords,
            description: f[4].trim().to_string(),
            reference: f[5].trim().to_string(),
            origin: at(),
        }))
    }

    /// Add another set's facts.
    pub fn extend(&mut self, other: Anchors) {
        self.facts.extend(other.facts);
    }

    /// The facts.
    pub fn facts(&self) -> &[Anchor] {
        &self.facts
    }

    /// Whether facts of this kind recur between the same sides (talks,
    /// attacks, elections): then only a date the text recalls from the past
    /// (a month or more before publication) is checked, by a keyword that
    /// names this occurrence, not the kind.
    fn recurring(kind: &str) -> bool {
        !matches!(kind, "war_begin" | "invasion" | "annexation" | "independence" | "death")
    }

    /// `date_conflict` flags: in a sentence that names a fact's sides and one
    /// of its keywords, the calendar date nearest the keyword (a year or a
    /// month named: "February 2021", "on 7 October 2022"; not "on Tuesday")
    /// has no day in common with the fact's date, nor with any other fact
    /// the sentence may mean.
    pub fn date_flags(&self, view: &DocView<'_>) -> Vec<Flag> {
        const GENERIC: &[&str] = &["talks", "peace talks", "summit", "meeting", "visit", "attack", "attacks", "strike", "strikes", "agreement", "deal", "ceasefire", "truce", "election", "elections", "vote", "referendum", "withdrawal", "treaty", "war", "invasion", "coup", "test", "nuclear test", "killed", "death", "died", "offensive", "protests", "inauguration", "sworn in", "inaugurated", "first term", "second term", "third term", "fourth term", "fifth term", "term", "re-elected", "reelected", "elected", "won", "victory", "resigned", "resignation"];
        let mut out = Vec::new();
        let published = view.date.map(|d| d.to_days());
        for (si, sent) in view.sentences.iter().enumerate() {
            let calendar: Vec<&herald_core::Timex> = view
                .timexes
                .iter()
                .filter(|t| t.byte_start >= sent.byte_start && t.byte_end <= sent.byte_end && t.date.is_some())
                .filter(|t| {
                    let low = t.text.to_lowercase();
                    low.split(|c: char| !c.is_alphanumeric()).any(|w| (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())) || MONTHS.contains(&w))
                })
                .collect();
            if calendar.is_empty() {
                continue;
            }
            let stext = view.text[sent.byte_start..sent.byte_end].to_lowercase();
            let codes: Vec<String> = view.codes_in(si).iter().map(|c| crate::country(c).to_string()).collect();
            let has = |c: &str| codes.iter().any(|x| x == c);
            // (timex, fact, keyword)
            let mut hits: Vec<(usize, &Anchor, &str)> = Vec::new();
            for f in &self.facts {
                if !has(&f.a) || (!f.b.is_empty() && !has(&f.b)) {
                    continue;
                }
                for kw in &f.keywords {
                    if Anchors::recurring(&f.kind) && GENERIC.contains(&kw.as_str()) {
                        continue;
                    }
                    for at in phrase_positions(&stext, kw) {
                        let (k0, k1) = (sent.byte_start + at, sent.byte_start + at + kw.len());
                        let gap = |t: &herald_core::Timex| if t.byte_start >= k1 { t.byte_start - k1 } else { k0.saturating_sub(t.byte_end) };
                        if let Some((ti, t)) = calendar.iter().enumerate().min_by_key(|(_, t)| gap(t)) {
                            if gap(t) <= 60 {
                                hits.push((ti, f, kw.as_str()));
                            }
                        }
                    }
                }
            }
            for (ti, t) in calendar.iter().enumerate() {
                let mine: Vec<&(usize, &Anchor, &str)> = hits.iter().filter(|h| h.0 == ti).collect();
                if mine.is_empty() {
                    continue;
                }
                let date = t.date.expect("calendar timexes have dates");
                let (lo, hi) = interval(date);
                if mine.iter().any(|(_, f, _)| {
                    let (a, b) = interval(f.date);
                    a <= hi && lo <= b
                }) {
                    continue;
                }
                let recalled = published.is_none_or(|p| hi < p - 30);
                let Some((_, f, kw)) = mine.iter().filter(|(_, f, _)| recalled || !Anchors::recurring(&f.kind)).min_by_key(|(_, f, _)| (interval(f.date).0 - lo).abs()) else { continue };
                let event = view.events.iter().position(|e| {
                    e.modality.is_factual() && e.mention_sentences.contains(&si) && (crate::country(&e.source) == f.a || e.target.as_deref().is_some_and(|x| crate::country(x) == f.a))
                });
                let sides = format!("{}{}{}", f.a, if f.joint { "+" } else if f.b.is_empty() { "" } else { ">" }, f.b);
                out.push(Flag {
                    kind: "date_conflict",
                    text: t.text.clone(),
                    start: t.start,
                    end: t.end,
                    claim: format!("{}: {}", f.description, date),
                    known: f.date.to_string(),
                    source: f.reference.clone(),
                    message: format!("The text dates this to {} ({date}); {} on {} ({}).", t.text, f.description, f.date, f.reference),
                    why: vec![
                        format!("sentence {si} names {sides} and \"{kw}\", {} characters or less from \"{}\"", 60, t.text),
                        format!("anchor fact {} ({}): {} on {}", f.origin, f.kind, f.description, f.date),
                        format!("\"{}\" = {date} has no day in common with {} nor with any other fact the sentence names", t.text, f.date),
                    ],
                    event,
                });
            }
        }
        out
    }
}

const MONTHS: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

/// Byte positions of `phrase` in `text` as whole words.
fn phrase_positions(text: &str, phrase: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find(phrase) {
        let at = from + p;
        let end = at + phrase.len();
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            out.push(at);
        }
        from = at + phrase.len().max(1);
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

/// Is `phrase` in `text` as whole words?
#[cfg(test)]
fn contains_phrase(text: &str, phrase: &str) -> bool {
    !phrase_positions(text, phrase).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_reads() {
        let a = Anchors::embedded();
        assert!(a.facts().len() >= 100, "{} facts", a.facts().len());
        let inv = a.facts().iter().find(|f| f.a == "RUS" && f.b == "UKR" && f.date.to_string() == "2022-02-24").expect("the invasion of Ukraine");
        assert!(inv.keywords.iter().any(|k| k == "invasion"));
    }

    #[test]
    fn bad_lines_are_named() {
        let cases = [
            ("2022-02-24\tinvasion\tRUS>UKR\tinvasion\tx", "t.tsv:1: expected 6"),
            ("2022-13-01\tinvasion\tRUS>UKR\tinvasion\tx\ty", "t.tsv:1: bad date"),
            ("# c\n2022-02-24\tinvasion\trus>ukr\tinvasion\tx\ty", "t.tsv:2: bad actors"),
            ("2022-02-24\tinvasion\tRUS>UKR\t|\tx\ty", "t.tsv:1: no keywords"),
        ];
        for (text, want) in cases {
            let e = Anchors::parse(text, "t.tsv").unwrap_err();
            assert!(e.starts_with(want), "{e}");
        }
    }

    #[test]
    fn lenient_reading_skips_bad_lines() {
        let (a, errors) = Anchors::parse_lenient("2022-02-24\tinvasion\tRUS>UKR\tinvasion\tx\ty\nbad\n2018-06-12\tsummit\tUSA+PRK\tsingapore\tx\ty", "u.tsv");
        assert_eq!(a.facts().len(), 2);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("u.tsv:2: expected 6"), "{}", errors[0]);
    }

    #[test]
    fn whole_word_phrases() {
        for (t, p, want) in [("russia's invasion of ukraine", "invasion", true), ("the invasions", "invasion", false), ("special military operation in", "special military operation", true)] {
            assert_eq!(contains_phrase(t, p), want, "{t} / {p}");
        }
    }
}
