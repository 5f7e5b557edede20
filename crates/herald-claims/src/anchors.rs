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
//! A coded event is checked against a fact when its sides are the fact's,
//! its CAMEO root fits the fact's kind, one of the fact's keywords is in its
//! sentence, and its date comes from the text. The date conflicts when no
//! day of the text's date (a day, a month, a year) is the fact's date.

use herald_core::{DateValue, Event};

use crate::{char_at, interval, DocView, Flag};

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

    /// Facts from a file's text; `name` is used in errors and origins. An
    /// error names the line and what is wrong.
    pub fn parse(text: &str, name: &str) -> Result<Anchors, String> {
        let mut facts = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let at = || format!("{name}:{}", n + 1);
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
            facts.push(Anchor {
                date,
                kind: f[1].trim().to_string(),
                a: a[..3].to_string(),
                b: if b.len() >= 3 { b[..3].to_string() } else { String::new() },
                joint,
                keywords,
                description: f[4].trim().to_string(),
                reference: f[5].trim().to_string(),
                origin: at(),
            });
        }
        Ok(Anchors { facts })
    }

    /// Add another set's facts.
    pub fn extend(&mut self, other: Anchors) {
        self.facts.extend(other.facts);
    }

    /// The facts.
    pub fn facts(&self) -> &[Anchor] {
        &self.facts
    }

    /// The CAMEO roots an anchor's kind may be coded as.
    fn roots(kind: &str) -> &'static [&'static str] {
        match kind {
            "war_begin" | "invasion" | "annexation" => &["19", "20", "18", "15"],
            "attack" => &["18", "19", "20"],
            "war_end" | "ceasefire" | "withdrawal" => &["08", "03", "05", "06"],
            "treaty" | "agreement" => &["05", "06", "03", "04"],
            "summit" | "visit" => &["04", "03"],
            "coup" => &["18", "19", "17", "20"],
            "nuclear_test" => &["15", "13"],
            _ => &[],
        }
    }

    /// A `date_conflict` flag when event `e` (index `ei` in `view`) is an
    /// anchor fact the text dates to other days.
    pub fn date_flag(&self, e: &Event, view: &DocView<'_>, ei: usize) -> Option<Flag> {
        let (date, date_text) = (e.date?, e.date_text.as_deref()?);
        if !e.date_explicit {
            return None;
        }
        let sent = view.sentences.get(e.sentence)?;
        let stext = view.text[sent.byte_start..sent.byte_end].to_lowercase();
        let src = crate::country(&e.source);
        let tgt = e.target.as_deref().map(crate::country).unwrap_or("");
        let sides_fit = |f: &Anchor| {
            if f.b.is_empty() {
                src == f.a || tgt == f.a
            } else if f.joint {
                (src == f.a && tgt == f.b) || (src == f.b && tgt == f.a)
            } else {
                src == f.a && (tgt == f.b || tgt.is_empty())
            }
        };
        let keyword = |f: &Anchor| f.keywords.iter().find(|k| contains_phrase(&stext, k)).cloned();
        let fits: Vec<(&Anchor, String)> = self
            .facts
            .iter()
            .filter(|f| sides_fit(f) && Anchors::roots(&f.kind).iter().any(|r| e.cameo.starts_with(r)))
            .filter_map(|f| keyword(f).map(|k| (f, k)))
            .collect();
        if fits.is_empty() {
            return None;
        }
        let (lo, hi) = interval(date);
        // any fact the text's date agrees with: no conflict
        if fits.iter().any(|(f, _)| {
            let (a, b) = interval(f.date);
            a <= hi && lo <= b
        }) {
            return None;
        }
        // the fact nearest in time is the one meant
        let (f, kw) = fits.iter().min_by_key(|(f, _)| (interval(f.date).0 - lo).abs())?;
        // the time expression in the event's sentence
        let tx = view.timexes.iter().find(|t| t.text == date_text && t.byte_start >= sent.byte_start && t.byte_end <= sent.byte_end)?;
        let _ = char_at;
        Some(Flag {
            kind: "date_conflict",
            text: tx.text.clone(),
            start: tx.start,
            end: tx.end,
            claim: format!("{}: {}", f.description, date),
            known: f.date.to_string(),
            source: f.reference.clone(),
            message: format!("The text dates this to {} ({date}); {} on {} ({}).", tx.text, f.description, f.date, f.reference),
            why: vec![
                format!("event in sentence {}: {} {} -> {} \"{}\"", e.sentence, e.cameo, e.source, e.target.as_deref().unwrap_or("-"), e.trigger),
                format!("anchor fact {} ({}): {} {}{}{} on {}", f.origin, f.kind, f.description, f.a, if f.joint { "+" } else if f.b.is_empty() { "" } else { ">" }, f.b, f.date),
                format!("same sides, CAMEO root {} fits {}, keyword \"{kw}\" in the sentence", &e.cameo[..2.min(e.cameo.len())], f.kind),
                format!("the text's date \"{}\" = {date} has no day in common with {}", tx.text, f.date),
            ],
            event: Some(ei),
        })
    }
}

/// Is `phrase` in `text` as whole words?
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(p) = text[from..].find(phrase) {
        let at = from + p;
        let end = at + phrase.len();
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = at + phrase.len().max(1);
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    false
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
    fn whole_word_phrases() {
        for (t, p, want) in [("russia's invasion of ukraine", "invasion", true), ("the invasions", "invasion", false), ("special military operation in", "special military operation", true)] {
            assert_eq!(contains_phrase(t, p), want, "{t} / {p}");
        }
    }
}
