//! PLOVER beyond the type: the mode read from the sentence's words
//! (`data/modes.txt`), the historical auxiliary mode, and the magnitudes
//! (people killed, injured or arrested; the size of a group) that the
//! sentence attaches to the act.
//!
//! Runs after the events of a document are merged, over the tokens of each
//! event's sentence; pure, no IO.

use herald_core::{Date, Event, Precision, Quantity, Sentence, Token, TokenKind};

use crate::codebook::Codebook;
use crate::engine::{parse_contexts, Discard};

const MODES_SOURCE: &str = include_str!("../data/modes.txt");

/// One line of `data/modes.txt`.
#[derive(Debug)]
pub(crate) struct ModeRule {
    /// PLOVER type the line belongs to (and gives, for a `for` line).
    pub plover: String,
    /// The mode.
    pub mode: String,
    /// Code modes this line overrides.
    replaces: Vec<String>,
    /// CAMEO codes (or their prefixes) a re-typing line applies to.
    only_for: Vec<String>,
    words: Vec<Discard>,
}

/// The mode table, in file order.
pub(crate) fn parse_modes(src: &str) -> Vec<ModeRule> {
    let mut out = Vec::new();
    for (head, words) in parse_contexts(src) {
        let mut parts = head.split_whitespace();
        let (Some(plover), Some(mode)) = (parts.next(), parts.next()) else { continue };
        let mut rule = ModeRule { plover: plover.into(), mode: mode.into(), replaces: Vec::new(), only_for: Vec::new(), words };
        while let Some(kw) = parts.next() {
            let list: Vec<String> = parts.next().unwrap_or("").split(',').filter(|x| !x.is_empty()).map(str::to_string).collect();
            match kw {
                "replaces" => rule.replaces = list,
                "for" => rule.only_for = list,
                _ => {}
            }
        }
        out.push(rule);
    }
    out
}

/// The embedded mode table.
pub(crate) fn embedded_modes() -> Vec<ModeRule> {
    parse_modes(MODES_SOURCE)
}

fn sentence_has(words: &[Discard], toks: &[Token], s: &Sentence) -> bool {
    words.iter().any(|w| (s.tok_start..s.tok_end).any(|k| w.matches_at(toks, k, s.tok_end)))
}

/// The PLOVER type of the acts whose intent code is `intent` (036 -> the
/// CONSULT acts), when they share one.
fn intent_act_type<'a>(codebook: &'a Codebook, intent: &str) -> Option<&'a str> {
    let mut types = codebook.iter().filter(|e| e.intent.as_deref() == Some(intent) && e.plover_coded()).map(|e| e.plover.as_str());
    let first = types.next()?;
    types.all(|t| t == first).then_some(first)
}

/// The PLOVER type and mode of an event coded `cameo` in sentence `s`. A
/// scheduled act (`planned`: an intent code from "is set to", "will") keeps
/// the type of the act, with PLOVER's future auxiliary mode, rather than
/// AGREE, which is for commitments ("agreed to", "pledged to").
pub(crate) fn plover_mode(
    rules: &[ModeRule],
    codebook: &Codebook,
    cameo: &str,
    planned: bool,
    toks: &[Token],
    s: &Sentence,
) -> (Option<String>, Option<String>) {
    let Some(entry) = codebook.get(cameo).filter(|e| e.plover_coded()) else { return (None, None) };
    if planned {
        if let Some(t) = intent_act_type(codebook, cameo) {
            let mode = rules.iter().filter(|r| r.only_for.is_empty() && r.plover == t).find(|r| sentence_has(&r.words, toks, s));
            return (Some(t.to_string()), mode.map(|r| r.mode.clone()));
        }
    }
    // a re-typing line for this code
    if let Some(r) = rules.iter().find(|r| !r.only_for.is_empty() && r.only_for.iter().any(|c| cameo.starts_with(c.as_str())) && sentence_has(&r.words, toks, s)) {
        return (Some(r.plover.clone()), Some(r.mode.clone()));
    }
    let typ = entry.plover.as_str();
    let own = entry.mode.as_deref();
    let own_is_plover = own.is_some_and(|m| rules.iter().any(|r| r.plover == typ && r.mode == m));
    let text = rules
        .iter()
        .filter(|r| r.only_for.is_empty() && r.plover == typ)
        .filter(|r| !own_is_plover || own.is_some_and(|m| r.replaces.iter().any(|x| x == m)))
        .find(|r| sentence_has(&r.words, toks, s));
    (Some(typ.to_string()), text.map(|r| r.mode.clone()).or_else(|| own.map(str::to_string)))
}

/// PLOVER's "historical" auxiliary mode: the text dates the act more than
/// 30 days before the publication date (the whole of its month or year, at
/// that precision, lies before then).
pub(crate) fn is_historical(e: &Event, doc_date: Option<Date>) -> bool {
    let (Some(d), Some(doc), true) = (e.date, doc_date, e.date_explicit) else { return false };
    let last = match d.precision {
        Precision::Day => d.date,
        Precision::Month => d.date.add_months(1).add_days(-1),
        Precision::Year => Date { year: d.date.year, month: 12, day: 31 },
    };
    doc.to_days() - last.to_days() > 30
}

/// Number words.
fn small_number(w: &str) -> Option<u64> {
    const WORDS: [&str; 21] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u64);
    }
    let tens = [("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100)];
    tens.iter().find(|(x, _)| *x == w).map(|(_, v)| *v)
}

fn multiplier(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" | "mln" => Some(1_000_000),
        "billion" | "bn" => Some(1_000_000_000),
        _ => None,
    }
}

/// A vague plural count and its range: "thousands" of, "dozens" of.
fn vague(w: &str) -> Option<(u64, u64)> {
    match w {
        "dozens" => Some((24, 99)),
        "scores" => Some((40, 99)),
        "hundreds" => Some((200, 999)),
        "thousands" => Some((2_000, 9_999)),
        "millions" => Some((2_000_000, 999_999_999)),
        _ => None,
    }
}

/// Hedges before a number, longest first: words, kind of bound.
const HEDGES: &[(&[&str], Hedge)] = &[
    (&["more", "than"], Hedge::Above),
    (&["over"], Hedge::Above),
    (&["at", "least"], Hedge::AtLeast),
    (&["no", "fewer", "than"], Hedge::AtLeast),
    (&["as", "many", "as"], Hedge::AtMost),
    (&["up", "to"], Hedge::AtMost),
    (&["at", "most"], Hedge::AtMost),
    (&["fewer", "than"], Hedge::Below),
    (&["less", "than"], Hedge::Below),
    (&["nearly"], Hedge::Below),
    (&["almost"], Hedge::Below),
    (&["an", "estimated"], Hedge::About),
    (&["approximately"], Hedge::About),
    (&["roughly"], Hedge::About),
    (&["around"], Hedge::About),
    (&["about"], Hedge::About),
    (&["some"], Hedge::About),
    (&["estimated"], Hedge::About),
];

#[derive(Clone, Copy, PartialEq)]
enum Hedge {
    Above,
    AtLeast,
    AtMost,
    Below,
    About,
}

/// Nouns that count people in a group.
const GROUP_NOUNS: &[&str] = &[
    "troops", "soldiers", "servicemen", "personnel", "fighters", "militants", "rebels", "insurgents", "police", "policemen", "officers", "protesters",
    "protestors", "demonstrators", "marchers", "strikers", "workers", "deminers", "people", "persons", "civilians", "refugees", "migrants", "prisoners",
    "detainees", "hostages", "students", "supporters", "members", "volunteers", "mercenaries", "reservists", "conscripts", "recruits", "peacekeepers",
    "observers", "inspectors", "diplomats", "children", "women", "men", "residents", "villagers", "families", "activists", "journalists", "staff",
    "employees", "delegates", "participants", "opponents", "tanks", "missiles", "drones", "aircraft", "jets", "warships", "rockets", "shells",
];

const KILLED: &[&str] = &["killed", "dead", "died", "deaths", "fatalities", "killing", "kill", "kills", "slain", "massacred", "executed", "perished"];
const INJURED: &[&str] = &["injured", "wounded", "hurt", "injuring", "wounding", "injuries", "casualties"];
const ARRESTED: &[&str] = &["arrested", "detained", "arresting", "detaining", "arrests", "detentions", "jailed", "rounded"];

fn kind_of(w: &str) -> Option<&'static str> {
    if KILLED.contains(&w) {
        Some("killed")
    } else if INJURED.contains(&w) {
        Some("injured")
    } else if ARRESTED.contains(&w) {
        Some("arrested")
    } else {
        None
    }
}

/// Parse "15,000" / "2.5" digits.
fn digits(t: &Token) -> Option<f64> {
    if t.kind != TokenKind::Number {
        return None;
    }
    let clean: String = t.norm.chars().filter(|c| *c != ',').collect();
    clean.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
}

/// A number phrase starting at `k`: its value range and the index after it.
fn number_at(toks: &[Token], k: usize, end: usize) -> Option<(u64, Option<(u64, u64)>, usize)> {
    let t = toks.get(k).filter(|_| k < end)?;
    let w = t.norm.as_str();
    if let Some((lo, hi)) = vague(w) {
        // "tens of thousands", "hundreds of thousands"
        return Some((lo, Some((lo, hi)), k + 1));
    }
    if w == "tens" && toks.get(k + 1).is_some_and(|x| x.norm == "of") && k + 2 < end {
        if let Some((lo, hi)) = vague(&toks[k + 2].norm) {
            return Some((lo * 10, Some((lo * 10, hi * 10 + 9)), k + 3));
        }
    }
    if w == "dozen" || (w == "a" && toks.get(k + 1).is_some_and(|x| x.norm == "dozen") && k + 1 < end) {
        let next = if w == "a" { k + 2 } else { k + 1 };
        return Some((12, None, next));
    }
    let (mut v, mut next) = if let Some(d) = digits(t) {
        (d, k + 1)
    } else if let Some(n) = small_number(w) {
        (n as f64, k + 1)
    } else {
        return None;
    };
    while next < end {
        match multiplier(&toks[next].norm) {
            Some(m) => {
                v *= m as f64;
                next += 1;
            }
            None => break,
        }
    }
    // a year is not a count ("in 2024 troops ...")
    if digits(t).is_some() && next == k + 1 && (1900.0..=2100.0).contains(&v) && !t.norm.contains(',') {
        let prev = k.checked_sub(1).map(|p| toks[p].norm.as_str());
        if matches!(prev, Some("in" | "since" | "of" | "by" | "until" | "from" | "year")) || t.start == 0 {
            return None;
        }
    }
    Some((v.round() as u64, None, next))
}

/// The counts in sentence `s`: "around 15000 troops", "at least 12 people
/// were killed", "killing 12", "thousands of workers".
pub fn quantities(text: &str, toks: &[Token], s: &Sentence) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let end = s.tok_end;
    let mut k = s.tok_start;
    while k < end {
        // a hedge, then a number
        let hedge = HEDGES.iter().find(|(ws, _)| k + ws.len() < end && ws.iter().enumerate().all(|(i, w)| toks[k + i].norm == *w));
        let num_at = hedge.map_or(k, |(ws, _)| k + ws.len());
        let Some((value, range, mut after)) = number_at(toks, num_at, end) else {
            k += 1;
            continue;
        };
        // "of", adjectives, then the counted noun
        let mut unit = String::new();
        if after < end && toks[after].norm == "of" {
            after += 1;
        }
        let mut j = after;
        while j < end && j < after + 4 && toks[j].kind == TokenKind::Word {
            if GROUP_NOUNS.contains(&toks[j].norm.as_str()) {
                unit = toks[j].norm.clone();
                break;
            }
            if kind_of(&toks[j].norm).is_some() || matches!(toks[j].norm.as_str(), "were" | "was" | "have" | "had" | "are" | "and" | "in" | "on" | "to") {
                break;
            }
            j += 1;
        }
        let phrase_end = if unit.is_empty() { num_at + (after - num_at).max(1) } else { j + 1 };
        // what happened to them: after ("were killed", "dead") or before ("killing 12")
        let mut kind = None;
        let mut look = phrase_end;
        while look < end && look < phrase_end + 4 {
            let w = toks[look].norm.as_str();
            if let Some(x) = kind_of(w) {
                // "12 dead" / "12 people were killed"; a participle after a
                // group noun is passive ("15 protesters arrested")
                kind = Some(x);
                break;
            }
            if !matches!(w, "were" | "was" | "have" | "had" | "been" | "are" | "reportedly" | "reported" | "also" | "later") {
                break;
            }
            look += 1;
        }
        if kind.is_none() {
            let h0 = hedge.map_or(num_at, |_| k);
            let mut back = h0;
            while back > s.tok_start && back + 3 > h0 {
                back -= 1;
                let w = toks[back].norm.as_str();
                if let Some(x) = kind_of(w) {
                    if !matches!(w, "dead" | "deaths" | "fatalities" | "injuries" | "casualties") {
                        kind = Some(x);
                    }
                    break;
                }
                if !matches!(w, "a" | "the" | "least" | "at") {
                    break;
                }
            }
        }
        // a death toll: "the death toll rose to 40"
        if kind.is_none() {
            let from = num_at.saturating_sub(5).max(s.tok_start);
            if (from..num_at).any(|i| toks[i].norm == "toll") {
                kind = Some("killed");
            }
        }
        let kind = match kind {
            Some(x) => x,
            None if !unit.is_empty() => "size",
            None => {
                k = after.max(k + 1);
                continue;
            }
        };
        let first = hedge.map_or(num_at, |_| k);
        let last = phrase_end.saturating_sub(1).max(num_at);
        let (low, high) = match (hedge.map(|(_, h)| *h), range) {
            (_, Some((lo, hi))) => (Some(lo), Some(hi)),
            (None, None) => (Some(value), Some(value)),
            (Some(Hedge::Above), None) => (Some(value + 1), None),
            (Some(Hedge::AtLeast), None) => (Some(value), None),
            (Some(Hedge::AtMost), None) => (None, Some(value)),
            (Some(Hedge::Below), None) => (None, Some(value.saturating_sub(1))),
            (Some(Hedge::About), None) => (Some(value - value / 10), Some(value + value / 10)),
        };
        let (bs, be) = (toks[first].byte_start, toks[last].byte_end);
        out.push(Quantity {
            kind,
            value,
            low,
            high,
            hedge: hedge.map(|(ws, _)| ws.join(" ")),
            unit,
            text: text.get(bs..be).unwrap_or_default().to_string(),
            start: toks[first].start,
            end: toks[last].end,
        });
        k = phrase_end.max(k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<(String, &'static str, u64, Option<u64>, Option<u64>, String)> {
        let toks = herald_text_free_tokens(text);
        let s = Sentence { paragraph: 0, byte_start: 0, byte_end: text.len(), start: 0, end: text.chars().count(), tok_start: 0, tok_end: toks.len() };
        quantities(text, &toks, &s).into_iter().map(|x| (x.text, x.kind, x.value, x.low, x.high, x.unit)).collect()
    }

    /// A whitespace-and-punctuation tokenizer for the tests (the coder never
    /// tokenizes; the pipeline's herald-text does).
    fn herald_text_free_tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = None;
        let push = |out: &mut Vec<Token>, a: usize, b: usize| {
            let w = &text[a..b];
            let kind = if w.chars().next().is_some_and(|c| c.is_ascii_digit()) { TokenKind::Number } else { TokenKind::Word };
            out.push(Token { byte_start: a, byte_end: b, start: a, end: b, kind, norm: w.to_lowercase(), capitalized: w.chars().next().is_some_and(char::is_uppercase) });
        };
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() || (start.is_some() && (c == ',' || c == '.') && text[i + 1..].starts_with(|d: char| d.is_ascii_digit())) {
                start.get_or_insert(i);
            } else {
                if let Some(a) = start.take() {
                    push(&mut out, a, i);
                }
                if !c.is_whitespace() {
                    out.push(Token { byte_start: i, byte_end: i + 1, start: i, end: i + 1, kind: TokenKind::Punct, norm: c.to_string(), capitalized: false });
                }
            }
        }
        if let Some(a) = start {
            push(&mut out, a, text.len());
        }
        out
    }

    #[test]
    fn counts() {
        let cases: &[(&str, &str, &str, u64, Option<u64>, Option<u64>, &str)] = &[
            // sentence, phrase, kind, value, low, high, unit
            ("North Korea had sent around 15000 troops to fight.", "around 15000 troops", "size", 15000, Some(13500), Some(16500), "troops"),
            ("Kim agreed to send thousands of military construction workers.", "thousands of military construction workers", "size", 2000, Some(2000), Some(9999), "workers"),
            ("At least 12 people were killed in the attack.", "At least 12 people", "killed", 12, Some(12), None, "people"),
            ("The strike killed 40 civilians.", "40 civilians", "killed", 40, Some(40), Some(40), "civilians"),
            ("Police arrested more than 200 protesters.", "more than 200 protesters", "arrested", 200, Some(201), None, "protesters"),
            ("Five soldiers were wounded.", "Five soldiers", "injured", 5, Some(5), Some(5), "soldiers"),
            ("The blast left 3 dead.", "3", "killed", 3, Some(3), Some(3), ""),
            ("The death toll rose to 1,250.", "1,250", "killed", 1250, Some(1250), Some(1250), ""),
            ("Up to 2.5 million refugees fled.", "Up to 2.5 million refugees", "size", 2_500_000, None, Some(2_500_000), "refugees"),
            ("Tens of thousands of protesters marched.", "Tens of thousands of protesters", "size", 20_000, Some(20_000), Some(99_999), "protesters"),
        ];
        for &(text, phrase, kind, value, low, high, unit) in cases {
            let got = q(text);
            assert!(
                got.iter().any(|g| g.0 == phrase && g.1 == kind && g.2 == value && g.3 == low && g.4 == high && g.5 == unit),
                "{text:?}: got {got:?}"
            );
        }
    }

    #[test]
    fn not_counts() {
        for text in ["Putin visited Pyongyang in 2024 and met Kim.", "The treaty has 23 articles.", "Russia and Ukraine signed a deal."] {
            assert!(q(text).is_empty(), "{text:?}: {:?}", q(text));
        }
    }

    #[test]
    fn modes_table_parses() {
        let rules = embedded_modes();
        assert!(rules.len() > 60);
        let resign = rules.iter().find(|r| r.mode == "resign" && !r.only_for.is_empty()).unwrap();
        assert_eq!((resign.plover.as_str(), resign.only_for.as_slice()), ("RETREAT", &["0831".to_string()][..]));
        let strike = rules.iter().find(|r| r.mode == "strike").unwrap();
        assert_eq!(strike.replaces, vec!["boycott".to_string()]);
    }
}
