//! herald's time-expression tagger.
//!
//! [`TimeTagger`] finds TimeML-style time expressions (TIMEX3) in English news
//! text and resolves them against the document's publication date:
//!
//! - explicit dates ("12 March 2025", "March 12, 2025", "Jan. 5", "2025-08-13",
//!   "June 2024", "1998", "the 1990s");
//! - weekdays ("on Tuesday"), resolved to the past or the coming week by the
//!   tense cues of the surrounding clause ("spoke", "will", "is set to", "ahead
//!   of" ...);
//! - relative expressions ("yesterday", "last week", "earlier this month", "two
//!   years ago", "the third quarter", "this summer", "now", "the future");
//! - durations ("24 years" → `P24Y`), times of day ("3 p.m.") and sets
//!   ("weekly").
//!
//! The scanner is hand written: one tokenising pass over the text, then one
//! left-to-right pass of small pattern matchers over the tokens. Nothing
//! backtracks over more than a few tokens and nothing panics on any input.
//!
//! ```
//! use herald_core::Date;
//! use herald_time::TimeTagger;
//!
//! let tagger = TimeTagger::new();
//! let doc_date = Date::parse("2025-08-13");
//! let found = tagger.tag("Mr Putin and Mr Kim spoke on Tuesday.", doc_date);
//! assert_eq!(found[0].text, "Tuesday");
//! assert_eq!(found[0].value, "2025-08-12");
//! ```
#![deny(missing_docs)]

use herald_core::{Date, DateValue, Precision, Timex, TimexType};

/// Finds and resolves time expressions. Build once, reuse for every document.
#[derive(Debug, Clone, Default)]
pub struct TimeTagger {
    _private: (),
}

impl TimeTagger {
    /// A tagger with the built-in English rules.
    pub fn new() -> TimeTagger {
        TimeTagger { _private: () }
    }

    /// Find and resolve time expressions in `text` (a whole document).
    ///
    /// `doc_date` anchors relative expressions; when it is `None`, relative
    /// expressions are still found but get underspecified values
    /// ("XXXX-XX-XX", "XXXX-WXX" ...). Results are in text order and do not
    /// overlap.
    pub fn tag(&self, text: &str, doc_date: Option<Date>) -> Vec<Timex> {
        let low = text.to_ascii_lowercase();
        let toks = tokenize(text);
        if toks.is_empty() {
            return Vec::new();
        }
        let sent = sentence_ids(&low, &toks);
        let quarter_ctx = low.contains("quarter");
        let mut cx = Cx { text, low: &low, toks: &toks, sent: &sent, anchor: doc_date, focus_q: None, quarter_ctx };
        let mut found: Vec<Found> = Vec::new();
        let mut i = 0;
        let mut last_end = 0;
        while i < toks.len() {
            match cx.match_at(i) {
                Some(m) if m.end > m.start && m.start >= last_end && m.end > i => {
                    i = m.end;
                    last_end = m.end;
                    found.push(m);
                }
                Some(m) if m.end > i => {
                    // A "skip" result (e.g. an age "24-year-old"): jump past it.
                    i = m.end;
                }
                _ => i += 1,
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        // character offsets, counted up to each expression in turn (they
        // come in text order and do not overlap)
        let (mut at, mut chars) = (0usize, 0usize);
        let mut char_at = |b: usize| {
            if b < at {
                (at, chars) = (0, 0);
            }
            chars += text[at..b].chars().count();
            at = b;
            chars
        };
        found
            .into_iter()
            .filter(|m| m.kind.is_some())
            .map(|m| {
                let bs = toks[m.start].s;
                let be = toks[m.end - 1].e;
                let (start, end) = (char_at(bs), char_at(be));
                Timex {
                    byte_start: bs,
                    byte_end: be,
                    start,
                    end,
                    text: text[bs..be].to_string(),
                    kind: m.kind.unwrap_or(TimexType::Date),
                    value: m.value,
                    date: m.date,
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: K,
    /// Whitespace before this token.
    sp: bool,
    /// A newline before this token.
    nl: bool,
    /// First character is an upper-case ASCII letter.
    cap: bool,
}

fn utf8_len(b: u8) -> usize {
    if b >= 0xF0 {
        4
    } else if b >= 0xE0 {
        3
    } else if b >= 0xC0 {
        2
    } else {
        1
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 4 + 1);
    let mut i = 0;
    let mut sp = true;
    let mut nl = true;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            sp = true;
            if c == b'\n' {
                nl = true;
            }
            i += 1;
            continue;
        }
        let (j, k) = if c.is_ascii_alphabetic() {
            let mut j = i + 1;
            while j < n && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            (j, K::Word)
        } else if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < n && b[j].is_ascii_digit() {
                j += 1;
            }
            (j, K::Num)
        } else if c < 0x80 {
            (i + 1, K::Punct)
        } else {
            let j = (i + utf8_len(c)).min(n);
            // No-break and other wide spaces count as whitespace.
            let s = &text.get(i..j).unwrap_or("");
            if *s == "\u{a0}" || *s == "\u{2009}" || *s == "\u{202f}" || *s == "\u{2002}" || *s == "\u{2003}" {
                sp = true;
                i = j;
                continue;
            }
            (j, K::Punct)
        };
        out.push(Tok { s: i, e: j, k, sp, nl, cap: c.is_ascii_uppercase() });
        sp = false;
        nl = false;
        i = j;
    }
    out
}

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "gen", "sen", "rep", "gov", "inc", "corp", "co", "jr", "sr", "no", "lt", "col", "capt", "prof", "vs", "u", "s", "a",
    "p", "m", "ltd", "mt", "ft", "rev",
];

fn sentence_ids(low: &str, toks: &[Tok]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(toks.len());
    let mut sid = 0u32;
    for (k, t) in toks.iter().enumerate() {
        if t.nl && k > 0 {
            sid += 1;
        }
        ids.push(sid);
        let txt = &low[t.s..t.e];
        if t.k == K::Punct && (txt == "." || txt == "!" || txt == "?") {
            let prev_abbrev = k > 0 && toks[k - 1].k == K::Word && ABBREV.contains(&&low[toks[k - 1].s..toks[k - 1].e]);
            if let Some(nx) = toks.get(k + 1) {
                if nx.sp && (nx.cap || nx.k != K::Word) && (!prev_abbrev || nx.nl) {
                    sid += 1;
                }
            }
        }
    }
    ids
}

// ---------------------------------------------------------------------------
// Vocabulary

fn month_of(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn is_full_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

fn weekday_of(w: &str) -> Option<u32> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" | "an" | "single" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    })
}

fn ordinal_of(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => return None,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

fn unit_of(w: &str) -> Option<Unit> {
    Some(match w {
        "second" | "seconds" => Unit::Second,
        "minute" | "minutes" => Unit::Minute,
        "hour" | "hours" => Unit::Hour,
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "quarter" | "quarters" => Unit::Quarter,
        "year" | "years" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        "century" | "centuries" => Unit::Century,
        _ => return None,
    })
}

fn duration_value(n: Option<u32>, u: Unit) -> String {
    let ns = |m: u32| n.map(|v| (v * m).to_string()).unwrap_or_else(|| "X".to_string());
    match u {
        Unit::Second => format!("PT{}S", ns(1)),
        Unit::Minute => format!("PT{}M", ns(1)),
        Unit::Hour => format!("PT{}H", ns(1)),
        Unit::Day => format!("P{}D", ns(1)),
        Unit::Week => format!("P{}W", ns(1)),
        Unit::Month => format!("P{}M", ns(1)),
        Unit::Quarter => format!("P{}Q", ns(1)),
        Unit::Year => format!("P{}Y", ns(1)),
        Unit::Decade => format!("P{}Y", ns(10)),
        Unit::Century => format!("P{}Y", ns(100)),
    }
}

const FUTURE_WORDS: &[&str] = &[
    "will", "shall", "upcoming", "ahead", "scheduled", "slated", "tomorrow", "intends", "coming", "planning", "planned",
    "until", "till", "payable", "meet", "meets", "won't",
];
const TO_FUTURE: &[&str] = &["due", "plans", "plan", "expected", "expects", "set", "going", "hopes", "intend", "aims", "likely"];
const BASE_VERBS: &[&str] = &[
    "meet", "visit", "hold", "travel", "sign", "attend", "discuss", "begin", "start", "vote", "host", "announce", "resume",
    "return", "open", "launch", "hear", "decide", "rule", "release", "testify", "speak", "address", "arrive", "leave",
    "fly", "go", "take", "make", "present", "deliver", "complete", "report", "face",
];
const PAST_WORDS: &[&str] = &[
    "said", "says", "told", "was", "were", "had", "did", "ago", "earlier", "yesterday", "spoke", "met", "sent", "held",
    "made", "took", "gave", "went", "came", "began", "won", "lost", "fell", "rose", "left", "saw", "got", "found",
    "thought", "brought", "bought", "paid", "kept", "led", "ran", "stood", "wrote", "struck", "became", "broke", "chose",
    "drove", "flew", "fought", "grew", "knew", "meant", "rode", "sold", "spent", "stole", "swore", "taught", "threw",
    "understood", "woke", "wore", "withdrew", "sought", "shot", "sank", "forgot", "froze", "hung", "laid", "overtook",
    "undertook", "ate", "drew", "felt", "heard", "hid", "lay", "read", "rang", "shook", "slid", "spoke", "sprang", "swept",
    "swam", "tore", "wept", "wound", "dealt", "fled", "dug", "bid", "been", "has", "have", "last",
];
const ED_EXCEPTIONS: &[&str] = &[
    "need", "indeed", "speed", "seed", "feed", "bed", "red", "hundred", "proceed", "exceed", "succeed", "breed",
    "greed", "shed", "weed", "deed", "embed", "fed", "ted", "med", "led", "wed", "sled", "bred", "unlimited", "alleged",
    "united", "scheduled", "planned", "expected", "slated", "based", "armed", "related", "advanced", "detailed",
    "limited", "reported", "supposed", "concerned", "interested", "qualified", "experienced", "named",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tense {
    Past,
    Future,
    None,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mod {
    None,
    Last,
    Next,
    This,
}

struct Found {
    start: usize,
    end: usize,
    kind: Option<TimexType>,
    value: String,
    date: Option<DateValue>,
}

fn found(start: usize, end: usize, kind: TimexType, value: String, date: Option<DateValue>) -> Option<Found> {
    Some(Found { start, end, kind: Some(kind), value, date })
}

fn date_found(start: usize, end: usize, dv: DateValue) -> Option<Found> {
    found(start, end, TimexType::Date, dv.to_string(), Some(dv))
}

fn skip(end: usize) -> Option<Found> {
    Some(Found { start: end, end, kind: None, value: String::new(), date: None })
}

fn week_str(d: Date) -> String {
    let (y, w) = d.iso_week();
    format!("{y:04}-W{w:02}")
}

fn quarter_of(d: Date) -> u32 {
    (d.month - 1) / 3 + 1
}

fn q_shift(y: i32, q: u32, by: i32) -> (i32, u32) {
    let t = y * 4 + q as i32 - 1 + by;
    (t.div_euclid(4), t.rem_euclid(4) as u32 + 1)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::new(y, m, d)
}

fn season_of(w: &str) -> Option<(&'static str, u32)> {
    // (TimeML code, first month)
    Some(match w {
        "spring" => ("SP", 3),
        "summer" => ("SU", 6),
        "fall" | "autumn" => ("FA", 9),
        "winter" => ("WI", 12),
        _ => return None,
    })
}

const QUANTITY_NOUNS: &[&str] = &[
    "troops", "people", "soldiers", "workers", "jobs", "units", "shares", "tons", "tonnes", "barrels", "km",
    "kilometers", "kilometres", "miles", "meters", "metres", "feet", "dollars", "euros", "pounds", "yen", "rubles",
    "cars", "vehicles", "homes", "houses", "acres", "hectares", "residents", "civilians", "refugees", "prisoners",
    "members", "employees", "students", "votes", "cases", "deaths", "casualties", "points", "times", "square", "million",
    "billion", "percent", "per", "men", "women", "children", "officers", "police", "fighters", "rounds", "missiles",
    "rockets", "drones", "tanks", "pages", "words", "signatures", "delegates", "seats", "beds", "patients", "hours",
    "minutes", "days", "weeks", "months", "years", "kg", "mw", "mph", "tons", "lb", "lbs", "ounces", "boxes",
];

// ---------------------------------------------------------------------------
// Matching context

struct Cx<'a> {
    text: &'a str,
    low: &'a str,
    toks: &'a [Tok],
    sent: &'a [u32],
    anchor: Option<Date>,
    /// The quarter financial text is currently talking about.
    focus_q: Option<(i32, u32)>,
    /// A quarter expression has been seen in this document.
    quarter_ctx: bool,
}

impl<'a> Cx<'a> {
    fn w(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self.low.get(t.s..t.e).unwrap_or(""),
            None => "",
        }
    }
    fn tk(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn is_word(&self, i: usize) -> bool {
        self.tk(i).map(|t| t.k == K::Word).unwrap_or(false)
    }
    fn is_num(&self, i: usize) -> bool {
        self.tk(i).map(|t| t.k == K::Num).unwrap_or(false)
    }
    fn cap(&self, i: usize) -> bool {
        self.tk(i).map(|t| t.cap).unwrap_or(false)
    }
    /// Token `i` is attached to the token before it (no whitespace between).
    fn adj(&self, i: usize) -> bool {
        self.tk(i).map(|t| !t.sp).unwrap_or(false)
    }
    fn num(&self, i: usize) -> Option<u32> {
        let t = self.tk(i)?;
        if t.k != K::Num || t.e - t.s > 6 {
            return None;
        }
        self.text.get(t.s..t.e)?.parse().ok()
    }
    fn num_len(&self, i: usize) -> usize {
        self.tk(i).map(|t| if t.k == K::Num { t.e - t.s } else { 0 }).unwrap_or(0)
    }
    fn is_apos(&self, i: usize) -> bool {
        matches!(self.w(i), "'" | "\u{2019}" | "\u{2018}")
    }
    /// "'s" starting at token i (apostrophe + s, attached).
    fn poss(&self, i: usize) -> bool {
        self.is_apos(i) && self.w(i + 1) == "s" && self.adj(i + 1)
    }
    fn hyphen(&self, i: usize) -> bool {
        matches!(self.w(i), "-" | "\u{2013}" | "\u{2010}" | "\u{2011}")
    }

    // -- tense ------------------------------------------------------------

    fn cue(&self, k: usize) -> Tense {
        let w = self.w(k);
        if !self.is_word(k) {
            return Tense::None;
        }
        if w == "ll" && k > 0 && self.is_apos(k - 1) && self.adj(k) {
            return Tense::Future;
        }
        if FUTURE_WORDS.contains(&w) {
            return Tense::Future;
        }
        if (w == "early" || w == "soon") && self.w(k.wrapping_sub(1)) == "as" && self.w(k + 1) == "as" {
            return Tense::Future;
        }
        if w == "next" {
            return Tense::Future;
        }
        if TO_FUTURE.contains(&w) && self.w(k + 1) == "to" {
            return Tense::Future;
        }
        if w == "to" && BASE_VERBS.contains(&self.w(k + 1)) {
            return Tense::Future;
        }
        let participle = |w: &str| !matches!(w, "was" | "were" | "had" | "did" | "has" | "have" | "last" | "ago" | "earlier" | "yesterday" | "said" | "says" | "told");
        if PAST_WORDS.contains(&w) || (w.len() >= 4 && w.ends_with("ed") && !ED_EXCEPTIONS.contains(&w)) {
            // Passives after "be", "is", "are" say nothing about the past:
            // "will be held", "is heard".
            let p = self.w(k.wrapping_sub(1));
            if participle(w) && matches!(p, "be" | "is" | "are" | "being" | "been") && p != "been" {
                return Tense::None;
            }
            return Tense::Past;
        }
        Tense::None
    }

    /// Tense of the clause around tokens `[i, j)`: the nearest cue wins.
    fn tense(&self, i: usize, j: usize) -> Tense {
        let sid = self.sent.get(i).copied().unwrap_or(0);
        let mut p = i.wrapping_sub(1);
        if self.w(p) == "on" {
            p = p.wrapping_sub(1);
        }
        if matches!(self.w(p), "by" | "before") {
            return Tense::Future;
        }
        let mut back = (Tense::None, usize::MAX);
        let mut k = i;
        let mut d = 0;
        while k > 0 && d < 30 {
            k -= 1;
            d += 1;
            if self.sent[k] != sid {
                break;
            }
            let c = self.cue(k);
            if c != Tense::None {
                back = (c, d);
                break;
            }
        }
        let mut fwd = (Tense::None, usize::MAX);
        let mut k = j;
        let mut d = 0;
        while k < self.toks.len() && d < 15 {
            d += 1;
            if self.sent[k] != sid {
                break;
            }
            let c = self.cue(k);
            if c != Tense::None {
                fwd = (c, d);
                break;
            }
            k += 1;
        }
        if back.1 <= fwd.1 {
            back.0
        } else {
            fwd.0
        }
    }

    // -- resolution helpers -------------------------------------------------

    fn weekday_date(&self, wd: u32, md: Mod, tense: Tense) -> Option<Date> {
        let a = self.anchor?;
        let aw = a.weekday() as i64;
        let t = wd as i64;
        let back = (aw - t).rem_euclid(7);
        let fwd = (t - aw).rem_euclid(7);
        Some(match md {
            Mod::Last => a.add_days(-(if back == 0 { 7 } else { back })),
            Mod::Next => a.add_days(if fwd == 0 { 7 } else { fwd }),
            _ => match tense {
                Tense::Future => a.add_days(fwd),
                _ => {
                    if md == Mod::This && fwd > 0 && back > 0 && tense == Tense::None {
                        a.add_days(fwd)
                    } else {
                        a.add_days(-back)
                    }
                }
            },
        })
    }

    /// The year of a month (and day) given without a year.
    fn year_for(&self, month: u32, day: Option<u32>, md: Mod, tense: Tense) -> Option<i32> {
        let a = self.anchor?;
        let key = |y: i32| -> i64 {
            match day {
                Some(d) => ymd(y, month, d).or_else(|| ymd(y, month, 28)).map(|x| x.to_days()).unwrap_or(0),
                None => (y as i64) * 12 + month as i64,
            }
        };
        let ak = match day {
            Some(_) => a.to_days(),
            None => (a.year as i64) * 12 + a.month as i64,
        };
        let cands = [a.year - 1, a.year, a.year + 1];
        let pick = |f: &dyn Fn(i64) -> bool, latest: bool| -> Option<i32> {
            let mut best: Option<i32> = None;
            for &y in &cands {
                if f(key(y) - ak) {
                    best = match best {
                        None => Some(y),
                        Some(b) => Some(if latest { b.max(y) } else { b.min(y) }),
                    };
                }
            }
            best
        };
        let y = match md {
            Mod::Last => pick(&|d| d < 0, true),
            Mod::Next => pick(&|d| d > 0, false),
            Mod::This => Some(a.year),
            // "will" is a strong cue: the next occurrence.
            Mod::None if tense == Tense::Future => pick(&|d| d >= 0, false),
            Mod::None => {
                // Nearest occurrence, the clause's tense weighing against the
                // other direction; ties go to the past.
                let (wp, wf) = match tense {
                    Tense::Past => (2, 4),
                    Tense::Future => (4, 2),
                    Tense::None => (2, 2),
                };
                let mut best = a.year;
                let mut bd = i64::MAX;
                for &y in &cands {
                    let d = key(y) - ak;
                    let ad = if d > 0 { d * wf + 1 } else { -d * wp };
                    if ad < bd {
                        bd = ad;
                        best = y;
                    }
                }
                Some(best)
            }
        };
        Some(y.unwrap_or(a.year))
    }

    fn day_found(&self, start: usize, end: usize, d: Option<Date>) -> Option<Found> {
        match d {
            Some(d) => date_found(start, end, DateValue::day(d)),
            None => found(start, end, TimexType::Date, "XXXX-XX-XX".into(), None),
        }
    }

    // -- the matcher --------------------------------------------------------

    fn match_at(&mut self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let t = self.tk(i)?;
        if t.k == K::Punct {
            return None;
        }
        // Multi-word modifiers that keep the value of what follows.
        let lead: usize = match w {
            "the" if matches!(self.w(i + 1), "end" | "beginning" | "start" | "middle" | "close")
                && self.w(i + 2) == "of" =>
            {
                3
            }
            "end" | "beginning" | "start" | "middle" if self.w(i + 1) == "of" => 2,
            "early" | "late" | "earlier" | "later" | "mid" => {
                if self.hyphen(i + 1) && self.adj(i + 1) {
                    2
                } else {
                    1
                }
            }
            _ => 0,
        };
        if lead > 0 {
            if let Some(m) = self.core(i + lead) {
                if m.kind.is_some() && m.start == i + lead && m.kind == Some(TimexType::Date) {
                    return Some(Found { start: i, ..m });
                }
            }
            if matches!(w, "earlier" | "later" | "early" | "late" | "mid" | "end" | "beginning" | "start" | "middle") {
                return None;
            }
        }
        self.core(i)
    }

    fn core(&mut self, i: usize) -> Option<Found> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        if self.is_num(i) {
            return self
                .m_iso(i)
                .or_else(|| self.m_slash(i))
                .or_else(|| self.m_day_month(i))
                .or_else(|| self.m_time(i))
                .or_else(|| self.m_quarter(i))
                .or_else(|| self.m_century(i))
                .or_else(|| self.m_number_unit(i))
                .or_else(|| self.m_year(i));
        }
        if !self.is_word(i) {
            return None;
        }
        if w == "the" {
            if let Some(m) = self.m_quarter(i) {
                return Some(m);
            }
            let nw = self.w(i + 1);
            if matches!(nw, "past" | "future" | "present") && !self.is_num(i + 2) && small_number(self.w(i + 2)).is_none() {
                let u = unit_of(self.w(i + 2));
                if u.is_none() {
                    return match nw {
                        "past" => found(i, i + 2, TimexType::Date, "PAST_REF".into(), None),
                        "future" => found(i, i + 2, TimexType::Date, "FUTURE_REF".into(), None),
                        _ => found(i, i + 2, TimexType::Date, "PRESENT_REF".into(), None),
                    };
                }
            }
            if (nw == "near" || nw == "long" || nw == "short" || nw == "medium")
                && matches!(self.w(i + 2), "future" | "term")
            {
                return found(i, i + 3, TimexType::Date, "FUTURE_REF".into(), None);
            }
            // "the full year", "the current fiscal year" (financial reports).
            let mut k = i + 1;
            let mut mods = 0;
            while matches!(self.w(k), "full" | "fiscal" | "current" | "calendar") {
                k += 1;
                mods += 1;
            }
            if mods > 0 && self.w(k) == "year" && !self.poss(k + 1) && !self.hyphen(k + 1) {
                return match self.anchor {
                    Some(a) => date_found(i, k + 1, DateValue::new(ymd(a.year, 1, 1)?, Precision::Year)),
                    None => found(i, k + 1, TimexType::Date, "XXXX".into(), None),
                };
            }
            if let Some(mut m) = self.core_after_the(i + 1) {
                m.start = i;
                return Some(m);
            }
            return None;
        }
        self.m_quarter(i)
            .or_else(|| self.m_month(i, Mod::None))
            .or_else(|| self.m_weekday(i, Mod::None))
            .or_else(|| self.m_modified(i))
            .or_else(|| self.m_word(i))
            .or_else(|| self.m_number_unit(i))
            .or_else(|| self.m_season(i, false))
            .or_else(|| self.m_decade_word(i))
            .or_else(|| self.m_set(i))
    }

    /// Things that may follow "the" and then include it in the span.
    fn core_after_the(&mut self, i: usize) -> Option<Found> {
        let w = self.w(i);
        if self.is_num(i) {
            if let Some(m) = self.m_decade(i).or_else(|| self.m_century(i)) {
                return Some(m);
            }
            return None;
        }
        if self.is_apos(i) {
            return self.m_decade(i);
        }
        if matches!(w, "past" | "last" | "next" | "coming" | "previous" | "following") {
            return self.m_number_unit_after(i).or_else(|| self.m_modified(i));
        }
        if w == "weekend" {
            return self.m_weekend(i, Mod::None);
        }
        if matches!(w, "early" | "late" | "mid") {
            if let Some(m) = self.m_decade(i + 1 + usize::from(self.hyphen(i + 1))) {
                return Some(Found { start: i, ..m });
            }
            if let Some(m) = self.m_season(i + 1, true) {
                return Some(Found { start: i, ..m });
            }
        }
        if let Some(m) = self.m_season(i, true) {
            return Some(m);
        }
        self.m_decade_word(i)
    }

    // -- explicit dates -----------------------------------------------------

    fn m_iso(&self, i: usize) -> Option<Found> {
        if self.num_len(i) != 4 || !self.hyphen(i + 1) || !self.adj(i + 1) || !self.adj(i + 2) || !self.adj(i + 3) || !self.adj(i + 4) {
            return None;
        }
        if !self.hyphen(i + 3) || self.num_len(i + 2) == 0 || self.num_len(i + 2) > 2 || self.num_len(i + 4) == 0 || self.num_len(i + 4) > 2 {
            return None;
        }
        let d = ymd(self.num(i)? as i32, self.num(i + 2)?, self.num(i + 4)?)?;
        date_found(i, i + 5, DateValue::day(d))
    }

    fn m_slash(&self, i: usize) -> Option<Found> {
        if self.w(i + 1) != "/" || self.w(i + 3) != "/" || !self.adj(i + 1) || !self.adj(i + 2) || !self.adj(i + 3) || !self.adj(i + 4) {
            return None;
        }
        if self.num_len(i) > 2 || self.num_len(i + 2) > 2 || self.num_len(i + 2) == 0 {
            return None;
        }
        let yl = self.num_len(i + 4);
        if yl != 2 && yl != 4 {
            return None;
        }
        let (a, b) = (self.num(i)?, self.num(i + 2)?);
        let mut y = self.num(i + 4)? as i32;
        if yl == 2 {
            y += if y >= 50 { 1900 } else { 2000 };
        }
        let d = if a > 12 { ymd(y, b, a) } else { ymd(y, a, b).or_else(|| ymd(y, b, a)) }?;
        date_found(i, i + 5, DateValue::day(d))
    }

    /// A four-digit year at token i (plausible, not a quantity).
    fn year_at(&self, i: usize) -> Option<i32> {
        if self.num_len(i) != 4 {
            return None;
        }
        let y = self.num(i)? as i32;
        if !(1900..=2100).contains(&y) {
            return None;
        }
        // Part of a bigger number: "1,2000", "2000.5", "$2000".
        if i > 0 {
            let p = self.w(i - 1);
            if self.adj(i) && (p == "$" || p == "," || p == "." || p == "\u{a3}" || p == "\u{20ac}" || self.is_num(i - 1)) {
                return None;
            }
            if matches!(p, "about" | "around" | "nearly" | "some" | "than" | "approximately" | "roughly" | "almost" | "over" | "under" | "just") {
                return None;
            }
        }
        let n = self.w(i + 1);
        if self.adj(i + 1) && (n == "," || n == "." || n == ":") && self.is_num(i + 2) && self.adj(i + 2) {
            return None;
        }
        if n == "%" || QUANTITY_NOUNS.contains(&n) {
            return None;
        }
        Some(y)
    }

    fn m_year(&mut self, i: usize) -> Option<Found> {
        if let Some(m) = self.m_decade(i) {
            return Some(m);
        }
        let y = self.year_at(i)?;
        // Not a time of day or a plain count inside a list of numbers.
        let d = ymd(y, 1, 1)?;
        date_found(i, i + 1, DateValue::new(d, Precision::Year))
    }

    fn m_decade(&self, i: usize) -> Option<Found> {
        // "1990s", "'80s", "80s"
        let mut k = i;
        if self.is_apos(k) {
            k += 1;
        }
        let l = self.num_len(k);
        let n = self.num(k)?;
        if self.w(k + 1) != "s" || !self.adj(k + 1) || n % 10 != 0 {
            return None;
        }
        let v = if l == 4 && (1000..=2100).contains(&n) {
            n / 10
        } else if l == 2 {
            if n >= 30 {
                190 + n / 10
            } else {
                200 + n / 10
            }
        } else {
            return None;
        };
        found(i, k + 2, TimexType::Date, format!("{v:03}"), None)
    }

    fn m_decade_word(&self, i: usize) -> Option<Found> {
        let v = match self.w(i) {
            "twenties" => 192,
            "thirties" => 193,
            "forties" => 194,
            "fifties" => 195,
            "sixties" => 196,
            "seventies" => 197,
            "eighties" => 198,
            "nineties" => 199,
            _ => return None,
        };
        if i == 0 || !matches!(self.w(i - 1), "the" | "early" | "late" | "mid") {
            return None;
        }
        found(i, i + 1, TimexType::Date, format!("{v}"), None)
    }

    fn m_century(&self, i: usize) -> Option<Found> {
        let n = self.num(i)?;
        if !matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") || !self.adj(i + 1) {
            return None;
        }
        let mut k = i + 2;
        if self.hyphen(k) {
            k += 1;
        }
        if self.w(k) != "century" || !(1..=30).contains(&n) {
            return None;
        }
        found(i, k + 1, TimexType::Date, format!("{:02}", n - 1), None)
    }

    /// Month name first: "March 12, 2025", "Jan. 5", "June 2024", "June".
    fn m_month(&mut self, i: usize, md: Mod) -> Option<Found> {
        let w = self.w(i);
        let month = month_of(w)?;
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        let abbrev = !is_full_month(w);
        if self.w(j) == "." && self.adj(j) && abbrev {
            j += 1;
        } else if abbrev && w != "may" && w != "june" && w != "july" && w.len() > 3 && w != "sept" {
            return None;
        }
        // Day?
        if self.is_num(j) && self.num_len(j) <= 2 && !(self.w(j + 1) == ":" && self.adj(j + 1) && self.is_num(j + 2)) {
            let day = self.num(j)?;
            if (1..=31).contains(&day) {
                let mut e = j + 1;
                if matches!(self.w(e), "st" | "nd" | "rd" | "th") && self.adj(e) {
                    e += 1;
                }
                // ", 2025" or " 2025"
                let (yi, ye) = if self.w(e) == "," && self.year_at(e + 1).is_some() {
                    (Some(e + 1), e + 2)
                } else if self.year_at(e).is_some() {
                    (Some(e), e + 1)
                } else {
                    (None, e)
                };
                let year = match yi {
                    Some(k) => Some(self.year_at(k)?),
                    None => {
                        let tense = self.tense(i, e);
                        self.year_for(month, Some(day), md, tense)
                    }
                };
                return match year.and_then(|y| ymd(y, month, day)) {
                    Some(d) => date_found(i, ye, DateValue::day(d)),
                    None if year.is_none() => found(i, ye, TimexType::Date, format!("XXXX-{month:02}-{day:02}"), None),
                    None => None,
                };
            }
        }
        // Month + year: "June 2024", "June, 2024", "June of 2024".
        let yk = if self.year_at(j).is_some() {
            Some(j)
        } else if matches!(self.w(j), "," | "of") && self.year_at(j + 1).is_some() {
            Some(j + 1)
        } else {
            None
        };
        if let Some(k) = yk {
            let y = self.year_at(k)?;
            return date_found(i, k + 1, DateValue::new(ymd(y, month, 1)?, Precision::Month));
        }
        // "October of next year", "July last year".
        let rk = if self.w(j) == "of" { j + 1 } else { j };
        if matches!(self.w(rk), "this" | "last" | "next") && self.w(rk + 1) == "year" && !self.poss(rk + 2) {
            let by = match self.w(rk) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return match self.anchor {
                Some(a) => date_found(i, rk + 2, DateValue::new(ymd(a.year + by, month, 1)?, Precision::Month)),
                None => found(i, rk + 2, TimexType::Date, format!("XXXX-{month:02}"), None),
            };
        }
        if abbrev && w != "june" && w != "july" {
            // Bare abbreviations are too ambiguous ("Mar", "Dec", "Jan" are names).
            return None;
        }
        // A bare month: guard "May" (modal), "March" (verb), "June"/"August" (names).
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let temporal_prev = matches!(
            prev,
            "in" | "last" | "next" | "this" | "since" | "until" | "till" | "by" | "early" | "late" | "mid" | "of" | "during"
                | "from" | "through" | "to" | "and" | "or" | "before" | "after" | "-" | "between" | "on" | "that"
                | "each" | "every" | "end"
        );
        if (w == "may" || w == "march") && !temporal_prev {
            return None;
        }
        if self.cap(j) && self.is_word(j) && !matches!(prev, "in" | "since" | "until" | "last" | "next" | "this") {
            return None;
        }
        let end = i + 1;
        let tense = self.tense(i, end);
        match self.year_for(month, None, md, tense) {
            Some(y) => date_found(i, end, DateValue::new(ymd(y, month, 1)?, Precision::Month)),
            None => found(i, end, TimexType::Date, format!("XXXX-{month:02}"), None),
        }
    }

    /// Day first: "12 March 2025", "5th of June".
    fn m_day_month(&mut self, i: usize) -> Option<Found> {
        if self.num_len(i) > 2 {
            return None;
        }
        let day = self.num(i)?;
        if !(1..=31).contains(&day) {
            return None;
        }
        let mut j = i + 1;
        if matches!(self.w(j), "st" | "nd" | "rd" | "th") && self.adj(j) {
            j += 1;
        }
        if self.w(j) == "of" {
            j += 1;
        }
        let month = month_of(self.w(j))?;
        if !self.cap(j) {
            return None;
        }
        let mut e = j + 1;
        if self.w(e) == "." && self.adj(e) && !is_full_month(self.w(j)) {
            e += 1;
        } else if !is_full_month(self.w(j)) && self.w(j).len() > 3 && self.w(j) != "sept" {
            return None;
        }
        let year = if let Some(y) = self.year_at(e) {
            e += 1;
            Some(y)
        } else if self.w(e) == "," && self.year_at(e + 1).is_some() {
            e += 2;
            self.year_at(e - 1)
        } else {
            let tense = self.tense(i, e);
            self.year_for(month, Some(day), Mod::None, tense)
        };
        match year {
            Some(y) => date_found(i, e, DateValue::day(ymd(y, month, day)?)),
            None => found(i, e, TimexType::Date, format!("XXXX-{month:02}-{day:02}"), None),
        }
    }

    // -- weekdays -----------------------------------------------------------

    fn m_weekday(&mut self, i: usize, md: Mod) -> Option<Found> {
        let wd = weekday_of(self.w(i))?;
        if !self.cap(i) {
            return None;
        }
        let mut e = i + 1;
        // "Tuesday, March 3, 1998": the explicit date wins.
        if self.w(e) == "," {
            if let Some(m) = self.m_month(e + 1, Mod::None) {
                if m.date.map(|d| d.precision == Precision::Day).unwrap_or(false) {
                    return Some(Found { start: i, ..m });
                }
            }
        }
        if matches!(self.w(e), "morning" | "afternoon" | "evening" | "night") {
            e += 1;
        }
        let tense = self.tense(i, e);
        let d = self.weekday_date(wd, md, tense);
        self.day_found(i, e, d)
    }

    // -- this/last/next ... -------------------------------------------------

    fn m_modified(&mut self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let md = match w {
            "last" | "past" | "previous" => Mod::Last,
            "next" | "coming" | "following" => Mod::Next,
            "this" | "current" => Mod::This,
            _ => return None,
        };
        let j = i + 1;
        if md == Mod::Next && w == "coming" && !matches!(self.w(i.wrapping_sub(1)), "the" | "this") {
            return None;
        }
        if let Some(m) = self.m_weekday(j, md) {
            return Some(Found { start: i, ..m });
        }
        if w != "past" && w != "current" {
            if let Some(m) = self.m_month(j, md) {
                return Some(Found { start: i, ..m });
            }
        }
        if self.w(j) == "weekend" {
            return self.m_weekend(i, md);
        }
        if let Some(m) = self.m_season(i, false) {
            return Some(m);
        }
        let u = unit_of(self.w(j))?;
        if self.w(j).ends_with('s') && u != Unit::Day {
            return None;
        }
        let a = self.anchor;
        let by: i32 = match md {
            Mod::Last => -1,
            Mod::Next => 1,
            _ => 0,
        };
        let e = j + 1;
        // "the past year" reads as a duration.
        if w == "past" {
            return found(i, e, TimexType::Duration, duration_value(Some(1), u), None);
        }
        match u {
            Unit::Day => None,
            Unit::Week => match a {
                Some(a) => found(i, e, TimexType::Date, week_str(a.add_days(7 * by as i64)), None),
                None => found(i, e, TimexType::Date, "XXXX-WXX".into(), None),
            },
            Unit::Month => match a {
                Some(a) => date_found(i, e, DateValue::new(ymd(a.year, a.month, 1)?.add_months(by), Precision::Month)),
                None => found(i, e, TimexType::Date, "XXXX-XX".into(), None),
            },
            Unit::Year => match a {
                Some(a) => date_found(i, e, DateValue::new(ymd(a.year + by, 1, 1)?, Precision::Year)),
                None => found(i, e, TimexType::Date, "XXXX".into(), None),
            },
            Unit::Quarter => match a {
                Some(a) => {
                    let (y, q) = q_shift(a.year, quarter_of(a), by);
                    found(i, e, TimexType::Date, format!("{y:04}-Q{q}"), None)
                }
                None => found(i, e, TimexType::Date, "XXXX-QX".into(), None),
            },
            Unit::Decade => match a {
                Some(a) => {
                    let dec = a.year / 10 + by;
                    found(i, e, TimexType::Date, format!("{dec:03}"), None)
                }
                None => found(i, e, TimexType::Date, "XXX".into(), None),
            },
            Unit::Century => match a {
                Some(a) => found(i, e, TimexType::Date, format!("{:02}", a.year / 100 + by), None),
                None => found(i, e, TimexType::Date, "XX".into(), None),
            },
            _ => None,
        }
    }

    fn m_weekend(&mut self, i: usize, md: Mod) -> Option<Found> {
        let e = if self.w(i) == "weekend" { i + 1 } else { i + 2 };
        let Some(a) = self.anchor else {
            return found(i, e, TimexType::Date, "XXXX-WXX-WE".into(), None);
        };
        let tense = self.tense(i, e);
        let aw = a.weekday() as i64;
        let sat = match md {
            Mod::Last => a.add_days(-((aw - 5).rem_euclid(7)) - if aw >= 5 { 7 } else { 0 }),
            Mod::Next => a.add_days((5 - aw).rem_euclid(7) + if aw >= 5 { 7 } else { 0 }),
            _ => {
                if aw >= 5 || tense == Tense::Future || (md == Mod::This && tense != Tense::Past) {
                    a.add_days(5 - aw)
                } else {
                    a.add_days(-(aw + 2))
                }
            }
        };
        found(i, e, TimexType::Date, format!("{}-WE", week_str(sat)), None)
    }

    fn m_season(&mut self, i: usize, after_the: bool) -> Option<Found> {
        let mut k = i;
        let md = match self.w(k) {
            "last" | "past" => Mod::Last,
            "next" | "coming" => Mod::Next,
            "this" => Mod::This,
            _ => Mod::None,
        };
        if md != Mod::None {
            k += 1;
            if md == Mod::This && self.w(k) == "past" {
                k += 1;
            }
        }
        if matches!(self.w(k), "early" | "late") {
            k += 1;
        }
        let (code, first) = season_of(self.w(k))?;
        let mut e = k + 1;
        let mut year: Option<i32> = None;
        if let Some(y) = self.year_at(e) {
            year = Some(y);
            e += 1;
        } else if self.w(e) == "of" && self.year_at(e + 1).is_some() {
            year = self.year_at(e + 1);
            e += 2;
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if md == Mod::None && year.is_none() && !after_the && !(self.cap(k) && matches!(prev, "in" | "this" | "last" | "next" | "since" | "by" | "until")) {
            return None;
        }
        let y = match (year, self.anchor) {
            (Some(y), _) => y,
            (None, None) => return found(i, e, TimexType::Date, format!("XXXX-{code}"), None),
            (None, Some(a)) => {
                // Seasons by the year they start in; a January winter is last year's.
                let m = a.month;
                let cur_start_year = if m <= 2 { a.year - 1 } else { a.year };
                match md {
                    Mod::Last => {
                        if first == 12 {
                            cur_start_year - 1
                        } else if m > first + 2 {
                            a.year
                        } else {
                            a.year - 1
                        }
                    }
                    Mod::Next => {
                        if first == 12 {
                            cur_start_year + if m <= 2 || m == 12 { 1 } else { 0 }
                        } else if m < first {
                            a.year
                        } else {
                            a.year + 1
                        }
                    }
                    _ => {
                        if first == 12 && m <= 2 {
                            a.year - 1
                        } else {
                            a.year
                        }
                    }
                }
            }
        };
        found(i, e, TimexType::Date, format!("{y:04}-{code}"), None)
    }

    // -- quarters and halves ------------------------------------------------

    fn m_quarter(&mut self, i: usize) -> Option<Found> {
        let a = self.anchor;
        let mut k = i;
        let mut det = false;
        let mut latest = false;
        let mut current = false;
        let mut yshift = 0i32;
        let mut year: Option<i32> = None;
        let mut modifiers = 0;
        let mut start = i;
        if matches!(self.w(k), "its" | "their" | "a" | "his" | "her" | "our") {
            // Determiners outside the TimeML span.
            det = true;
            k += 1;
            start = k;
        } else if matches!(self.w(k), "the" | "this" | "that") {
            det = true;
            if self.w(k) == "this" && self.w(k + 1) == "year" && self.poss(k + 2) {
                year = a.map(|a| a.year);
                k += 4;
                modifiers += 1;
            } else {
                k += 1;
            }
        } else if matches!(self.w(k), "last" | "next") && self.w(k + 1) == "year" && self.poss(k + 2) {
            year = a.map(|a| a.year + if self.w(k) == "last" { -1 } else { 1 });
            k += 4;
            modifiers += 1;
            det = true;
        }
        loop {
            let w = self.w(k);
            match w {
                "latest" | "recent" | "past" | "just" | "completed" | "ended" | "most" | "reporting" => {
                    latest = true;
                    k += 1;
                }
                "current" | "present" => {
                    current = true;
                    k += 1;
                }
                "comparable" | "same" | "corresponding" | "fiscal" | "calendar" | "flat" | "strong" | "weak" | "disappointing" | "difficult" | "seasonally" | "sluggish" | "slow" => {
                    k += 1;
                }
                "year" if self.hyphen(k + 1) && matches!(self.w(k + 2), "ago" | "earlier" | "before") => {
                    yshift = -1;
                    k += 3;
                }
                "prior" | "previous" if self.w(k + 1) == "year" && self.poss(k + 2) => {
                    yshift = -1;
                    k += 4;
                }
                _ => {
                    if year.is_none() && self.year_at(k).is_some() && self.w(k + 1) != "s" {
                        year = self.year_at(k);
                        k += 1;
                    } else {
                        break;
                    }
                }
            }
            modifiers += 1;
            if modifiers > 5 {
                break;
            }
        }
        let ord = ordinal_of(self.w(k)).or_else(|| {
            // "3rd", "4th"
            if self.num_len(k) == 1 && matches!(self.w(k + 1), "st" | "nd" | "rd" | "th") && self.adj(k + 1) {
                let n = self.num(k)?;
                k += 1;
                Some(n)
            } else {
                None
            }
        });
        if ord.is_some() {
            k += 1;
            if self.hyphen(k) && self.adj(k) {
                k += 1;
            }
        }
        let head = self.w(k);
        let is_half = head == "half" && matches!(ord, Some(1) | Some(2));
        let is_q = head == "quarter";
        let is_period = head == "period" && (yshift != 0 || latest || current) && ord.is_none();
        let bare_yearago = yshift != 0 && ord.is_none() && !is_q && !is_period && !is_half;
        if !(is_q || is_half || is_period || bare_yearago) {
            return None;
        }
        if ord.is_none() && !det && modifiers == 0 && !(i > 0 && matches!(self.w(i - 1), "the" | "this" | "that")) {
            return None;
        }
        if is_q && self.w(k + 1) == "of" && self.w(k + 2) == "a" {
            return None; // "a quarter of a century"
        }
        if is_q && self.w(k).ends_with('s') {
            return None;
        }
        let mut e = if bare_yearago { k } else { k + 1 };
        if !bare_yearago && self.w(e) == "of" {
            if let Some(y) = self.year_at(e + 1) {
                year = Some(y);
                e += 2;
            } else if matches!(self.w(e + 1), "this" | "last" | "next") && self.w(e + 2) == "year" {
                year = a.map(|a| a.year + match self.w(e + 1) { "last" => -1, "next" => 1, _ => 0 });
                e += 3;
            }
        } else if !bare_yearago && year.is_none() {
            if let Some(y) = self.year_at(e) {
                year = Some(y);
                e += 1;
            }
        }
        if e <= start {
            return None;
        }
        let i = start;
        let Some(a) = a else {
            let v = match ord {
                Some(q) if is_half => format!("XXXX-H{q}"),
                Some(q) => format!("XXXX-Q{q}"),
                None => "XXXX-QX".to_string(),
            };
            return found(i, e, TimexType::Date, v, None);
        };
        let aq = quarter_of(a);
        let focus = self.focus_q.unwrap_or_else(|| q_shift(a.year, aq, -1));
        let value = if is_half {
            let q = ord.unwrap_or(1);
            let y = year.unwrap_or(if q == 2 && a.month <= 6 { a.year - 1 } else { a.year }) + yshift;
            format!("{y:04}-H{q}")
        } else if let Some(q) = ord {
            let y = year.unwrap_or_else(|| {
                if q > aq && aq == 1 {
                    a.year - 1
                } else {
                    a.year
                }
            }) + yshift;
            format!("{y:04}-Q{q}")
        } else {
            let (y, q) = if current { (a.year, aq) } else if latest { focus } else if let Some(y) = year { (y, focus.1) } else { focus };
            format!("{:04}-Q{}", y + yshift, q)
        };
        found(i, e, TimexType::Date, value, None)
    }

    // -- single words -------------------------------------------------------

    fn m_word(&mut self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let a = self.anchor;
        let e = i + 1;
        let rel = |n: i64| a.map(|a| a.add_days(n));
        match w {
            "today" | "tonight" => {
                let mut e = e;
                if matches!(self.w(e), "morning" | "afternoon" | "evening") && w == "today" {
                    e += 1;
                }
                self.day_found(i, e, rel(0))
            }
            "yesterday" | "tomorrow" => {
                let mut e = e;
                if matches!(self.w(e), "morning" | "afternoon" | "evening" | "night") {
                    e += 1;
                }
                self.day_found(i, e, rel(if w == "yesterday" { -1 } else { 1 }))
            }
            "now" | "currently" | "nowadays" => {
                if w == "now" && i > 0 && matches!(self.w(i - 1), "from" | "until" | "till") {
                    return None;
                }
                found(i, e, TimexType::Date, "PRESENT_REF".into(), None)
            }
            "recently" | "lately" | "previously" | "formerly" => found(i, e, TimexType::Date, "PAST_REF".into(), None),
            "recent" => {
                if matches!(self.w(e), "days" | "weeks" | "months" | "years" | "times" | "history" | "decades") {
                    return found(i, e + 1, TimexType::Date, "PAST_REF".into(), None);
                }
                found(i, e, TimexType::Date, "PAST_REF".into(), None)
            }
            "soon" => found(i, e, TimexType::Date, "FUTURE_REF".into(), None),
            "day" if i > 0
                && self.w(i - 1) == "the"
                && matches!(self.w(i.wrapping_sub(2)), "end" | "finish" | "for" | "in" | "ending" | "close" | "closed" | "ended" | "finished")
                && !matches!(self.w(e), "before" | "after" | "of" | "when" | "that" | "following") =>
            {
                let d = rel(0);
                match d {
                    Some(d) => found(i - 1, e, TimexType::Date, d.to_string(), Some(DateValue::day(d))),
                    None => found(i - 1, e, TimexType::Date, "XXXX-XX-XX".into(), None),
                }
            }
            "current" => found(i, e, TimexType::Date, "PRESENT_REF".into(), None),
            "these" if self.w(e) == "days" => found(i, e + 1, TimexType::Date, "PRESENT_REF".into(), None),
            "coming" | "upcoming" if matches!(self.w(e), "days" | "weeks" | "months" | "years" | "quarters") => {
                found(i, e + 1, TimexType::Date, "FUTURE_REF".into(), None)
            }
            "past" if matches!(self.w(e), "years" | "decades") && !matches!(self.w(i.wrapping_sub(1)), "the" | "over" | "in") => {
                found(i, e + 1, TimexType::Date, "PAST_REF".into(), None)
            }
            "nineteen" => {
                let tens = small_number(self.w(e)).filter(|n| (20..=90).contains(n) && n % 10 == 0)?;
                let mut y = 1900 + tens;
                let mut e = e + 1;
                if self.hyphen(e) && self.adj(e) {
                    if let Some(u) = small_number(self.w(e + 1)).filter(|n| *n < 10) {
                        y += u;
                        e += 2;
                    }
                }
                date_found(i, e, DateValue::new(ymd(y as i32, 1, 1)?, Precision::Year))
            }
            "future" => {
                if i > 0 && self.w(i - 1) == "the" {
                    return None;
                }
                found(i, e, TimexType::Date, "FUTURE_REF".into(), None)
            }
            "this" | "that" if matches!(self.w(e), "morning" | "afternoon" | "evening") => {
                if w == "that" {
                    return None;
                }
                self.day_found(i, e + 1, rel(0))
            }
            "christmas" if self.cap(i) => {
                let mut e = e;
                let day = if self.w(e) == "eve" {
                    e += 1;
                    24
                } else {
                    if self.w(e) == "day" {
                        e += 1;
                    }
                    25
                };
                let tense = self.tense(i, e);
                let y = self.year_for(12, Some(day), Mod::None, tense);
                match y {
                    Some(y) => date_found(i, e, DateValue::day(ymd(y, 12, day)?)),
                    None => found(i, e, TimexType::Date, format!("XXXX-12-{day}"), None),
                }
            }
            "new" if self.cap(i) && self.w(e) == "year" && self.poss(e + 1) && self.w(e + 3) == "day" => {
                let tense = self.tense(i, e + 4);
                match self.year_for(1, Some(1), Mod::None, tense) {
                    Some(y) => date_found(i, e + 4, DateValue::day(ymd(y, 1, 1)?)),
                    None => found(i, e + 4, TimexType::Date, "XXXX-01-01".into(), None),
                }
            }
            "thanksgiving" if self.cap(i) => {
                let mut e = e;
                if self.w(e) == "day" {
                    e += 1;
                }
                let tense = self.tense(i, e);
                let Some(y) = self.year_for(11, Some(25), Mod::None, tense) else {
                    return found(i, e, TimexType::Date, "XXXX-11-XX".into(), None);
                };
                let first = ymd(y, 11, 1)?;
                let off = (3 - first.weekday() as i64).rem_euclid(7);
                date_found(i, e, DateValue::day(first.add_days(off + 21)))
            }
            "fiscal" => {
                let y = self.year_at(e)?;
                found(i, e + 1, TimexType::Date, format!("{y:04}"), Some(DateValue::new(ymd(y, 1, 1)?, Precision::Year)))
            }
            "year" if (self.hyphen(e) && self.adj(e) && self.w(e + 1) == "end")
                || self.w(e) == "end"
                || (self.poss(e) && self.w(e + 2) == "end") =>
            {
                let e = if self.w(e) == "end" { e + 1 } else if self.poss(e) { e + 3 } else { e + 2 };
                let y = a.map(|a| a.year);
                match y {
                    Some(y) => found(i, e, TimexType::Date, format!("{y:04}"), Some(DateValue::new(ymd(y, 1, 1)?, Precision::Year))),
                    None => found(i, e, TimexType::Date, "XXXX".into(), None),
                }
            }
            _ => None,
        }
    }

    fn m_set(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let v = match w {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "annually" | "yearly" => "P1Y",
            "hourly" => "PT1H",
            "every" | "each" => {
                let n = self.w(i + 1);
                let v = match n {
                    "day" => "P1D",
                    "week" => "P1W",
                    "month" => "P1M",
                    "year" => "P1Y",
                    _ => return None,
                };
                return found(i, i + 2, TimexType::Set, v.into(), None);
            }
            _ => return None,
        };
        found(i, i + 1, TimexType::Set, v.into(), None)
    }

    // -- numbers + units ----------------------------------------------------

    /// A count at token i: (value or None for "several", tokens used).
    fn count_at(&self, i: usize) -> Option<(Option<u32>, usize)> {
        let w = self.w(i);
        if self.is_num(i) {
            if self.num_len(i) > 4 {
                return None;
            }
            if i > 0 && self.adj(i) && matches!(self.w(i - 1), "," | "." | "$") {
                return None;
            }
            // "1.5 years": skip decimals
            if self.w(i + 1) == "." && self.adj(i + 1) && self.is_num(i + 2) && self.adj(i + 2) {
                return None;
            }
            return Some((self.num(i), 1));
        }
        if !self.is_word(i) {
            return None;
        }
        match w {
            "several" | "many" | "few" | "some" => return Some((None, 1)),
            "a" if self.w(i + 1) == "few" => return Some((None, 2)),
            "a" if self.w(i + 1) == "couple" && self.w(i + 2) == "of" => return Some((Some(2), 3)),
            _ => {}
        }
        let n = small_number(w)?;
        // "twenty-four"
        if (20..=90).contains(&n) && self.hyphen(i + 1) && self.adj(i + 1) {
            if let Some(m) = small_number(self.w(i + 2)) {
                if m < 10 {
                    return Some((Some(n + m), 3));
                }
            }
        }
        Some((Some(n), 1))
    }

    fn m_number_unit_after(&mut self, i: usize) -> Option<Found> {
        // "past|last|next|coming N units" (duration)
        let (n, used) = self.count_at(i + 1)?;
        let k = i + 1 + used;
        let u = unit_of(self.w(k))?;
        if n.is_none() && self.w(i + 1) == "some" {
            return None;
        }
        found(i, k + 1, TimexType::Duration, duration_value(n, u), None)
    }

    fn m_number_unit(&mut self, i: usize) -> Option<Found> {
        let (n, used) = self.count_at(i)?;
        let mut k = i + used;
        let hyph = self.hyphen(k) && self.adj(k);
        if hyph {
            k += 1;
        }
        let uw = self.w(k);
        let u = unit_of(uw)?;
        let w0 = self.w(i);
        if matches!(w0, "a" | "an" | "one" | "some") && uw.ends_with('s') {
            return None;
        }
        if u == Unit::Second && !self.is_num(i) && w0 != "two" && w0 != "few" {
            return None; // "a second term", "one second"
        }
        if w0 == "some" || w0 == "many" {
            // "some days", "many years" → handle only with "ago"
            if self.w(k + 1) != "ago" {
                return None;
            }
        }
        // Age: "24-year-old", "24 years old".
        if self.w(k + 1) == "old" || (self.hyphen(k + 1) && self.w(k + 2) == "old") {
            return skip(k + 1 + usize::from(self.hyphen(k + 1)) + 1);
        }
        let next = self.w(k + 1);
        let a = self.anchor;
        if next == "ago" || ((next == "earlier" || next == "before") && !matches!(self.w(k + 2), "than" | "that")) {
            let e = k + 2;
            if n.is_none() {
                return found(i, e, TimexType::Date, "PAST_REF".into(), None);
            }
            let n = n.unwrap_or(1) as i64;
            if n == 1 && u == Unit::Year && self.quarter_ctx {
                if let Some(a) = a {
                    let (y, q) = self.focus_q.unwrap_or_else(|| q_shift(a.year, quarter_of(a), -1));
                    return found(i, e, TimexType::Date, format!("{:04}-Q{}", y - 1, q), None);
                }
            }
            return self.back_date(i, e, n, u, -1);
        }
        if next == "later" || (next == "from" && self.w(k + 2) == "now") {
            let e = if next == "from" { k + 3 } else { k + 2 };
            if let Some(n) = n {
                if next == "from" {
                    return self.back_date(i, e, n as i64, u, 1);
                }
            }
            return found(i, e, TimexType::Duration, duration_value(n, u), None);
        }
        // A plain duration. Bare "a day", "a year" are often not timexes but fine.
        if used == 1 && self.is_num(i) && !hyph && self.year_at(i).is_some() && !uw.ends_with('s') {
            return None;
        }
        found(i, k + 1, TimexType::Duration, duration_value(n, u), None)
    }

    fn back_date(&self, i: usize, e: usize, n: i64, u: Unit, sign: i64) -> Option<Found> {
        let Some(a) = self.anchor else {
            let v = match u {
                Unit::Day => "XXXX-XX-XX",
                Unit::Week => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                _ => "XXXX",
            };
            return found(i, e, TimexType::Date, v.into(), None);
        };
        match u {
            Unit::Day => date_found(i, e, DateValue::day(a.add_days(sign * n))),
            Unit::Week => found(i, e, TimexType::Date, week_str(a.add_days(sign * 7 * n)), None),
            Unit::Month => date_found(i, e, DateValue::new(ymd(a.year, a.month, 1)?.add_months((sign * n) as i32), Precision::Month)),
            Unit::Quarter => {
                let (y, q) = q_shift(a.year, quarter_of(a), (sign * n) as i32);
                found(i, e, TimexType::Date, format!("{y:04}-Q{q}"), None)
            }
            Unit::Year | Unit::Decade | Unit::Century => {
                let m = match u {
                    Unit::Decade => 10,
                    Unit::Century => 100,
                    _ => 1,
                };
                let y = a.year as i64 + sign * n * m;
                if !(1..=9999).contains(&y) {
                    return None;
                }
                date_found(i, e, DateValue::new(ymd(y as i32, 1, 1)?, Precision::Year))
            }
            _ => found(i, e, TimexType::Duration, duration_value(Some(n as u32), u), None),
        }
    }

    // -- times of day -------------------------------------------------------

    fn m_time(&mut self, i: usize) -> Option<Found> {
        let h = self.num(i)?;
        if self.num_len(i) > 2 || h > 24 {
            return None;
        }
        let mut k = i + 1;
        let mut min = 0;
        if self.w(k) == ":" && self.adj(k) && self.num_len(k + 1) == 2 && self.adj(k + 1) {
            min = self.num(k + 1)?;
            if min > 59 {
                return None;
            }
            k += 2;
        }
        let w = self.w(k);
        let pm;
        if (w == "a" || w == "p") && self.w(k + 1) == "." && self.w(k + 2) == "m" && self.adj(k + 1) && self.adj(k + 2) {
            pm = w == "p";
            k += 3;
            if self.w(k) == "." && self.adj(k) {
                k += 1;
            }
        } else if w == "am" || w == "pm" {
            pm = w == "pm";
            k += 1;
        } else {
            return None;
        }
        if h > 12 || h == 0 {
            return None;
        }
        let hh = if pm { if h == 12 { 12 } else { h + 12 } } else if h == 12 { 0 } else { h };
        // Optional time zone, then an optional day word.
        let mut e = k;
        if matches!(self.w(e), "edt" | "est" | "gmt" | "utc" | "cst" | "cdt" | "pst" | "pdt" | "bst" | "cet" | "mst" | "mdt") && self.cap(e) {
            e += 1;
        }
        let mut day: Option<Date> = self.anchor;
        let mut kind = TimexType::Time;
        if let Some(wd) = weekday_of(self.w(e)).filter(|_| self.cap(e)) {
            let tense = self.tense(i, e + 1);
            day = self.weekday_date(wd, Mod::None, tense);
            e += 1;
            kind = TimexType::Date;
        } else if matches!(self.w(e), "today" | "yesterday" | "tomorrow") {
            day = self.anchor.map(|a| a.add_days(match self.w(e) { "yesterday" => -1, "tomorrow" => 1, _ => 0 }));
            e += 1;
            kind = TimexType::Date;
        } else if self.w(e) == "on" {
            if let Some(wd) = weekday_of(self.w(e + 1)).filter(|_| self.cap(e + 1)) {
                let tense = self.tense(i, e + 2);
                day = self.weekday_date(wd, Mod::None, tense);
            }
        }
        let v = match day {
            Some(d) => format!("{d}T{hh:02}:{min:02}"),
            None => format!("XXXX-XX-XXT{hh:02}:{min:02}"),
        };
        found(i, e, kind, v, None)
    }
}

#[cfg(test)]
mod tests;
