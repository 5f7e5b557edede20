//! herald-place: an offline gazetteer and a place tagger.
//!
//! - [`Gazetteer`] holds the place table. [`Gazetteer::embedded`] parses the
//!   table shipped in `data/places.tsv` (countries and territories, capitals,
//!   first-level regions of the countries news names most, well-known cities and
//!   a few seas, continents and other features) once per process.
//! - [`Place`] is one row of the table.
//! - [`Gazetteer::find_places`] finds place names in a document's tokens (as made
//!   by `herald_text::tokenize`) and resolves each to one [`Place`], returned as a
//!   [`herald_core::PlaceMention`] with the span as written.
//! - [`PlaceError`] is the one error type (table parse errors).
//!
//! Matching is over the tokens' normalised forms with hash lookups: the longest
//! table name starting at a capitalised token wins. Ambiguous names are resolved
//! by kind, population and by the countries the document already mentions.
//!
//! ```
//! use herald_place::Gazetteer;
//! let text = "Troops advanced in Russia's Kursk region, officials in Kyiv said.";
//! let tokens = herald_text::tokenize(text);
//! let places = Gazetteer::embedded().find_places(text, &tokens);
//! let found: Vec<(&str, &str)> = places.iter().map(|p| (p.text.as_str(), p.name.as_str())).collect();
//! assert_eq!(found, vec![("Russia", "Russia"), ("Kursk", "Kursk Oblast"), ("Kyiv", "Kyiv")]);
//! ```
#![deny(missing_docs)]

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use herald_core::{PlaceKind, PlaceMention, Token, TokenKind};

/// The table shipped with the crate (see `data/README.md`).
const EMBEDDED_TSV: &str = include_str!("../data/places.tsv");

/// Errors of this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlaceError {
    /// A line of a gazetteer table could not be read.
    Parse {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for PlaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlaceError::Parse { line, message } => write!(f, "gazetteer line {line}: {message}"),
        }
    }
}

impl std::error::Error for PlaceError {}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Canonical English name.
    pub name: String,
    /// Other names and spellings.
    pub alt_names: Vec<String>,
    /// Country, region, city or other feature.
    pub kind: PlaceKind,
    /// ISO 3166 alpha-3 country code (`---` for features spanning countries).
    pub country: String,
    /// Latitude of a representative point, degrees.
    pub lat: f64,
    /// Longitude of a representative point, degrees.
    pub lon: f64,
    /// Approximate population (0 when unknown or not applicable).
    pub population: u64,
    /// GeoNames id, when known.
    pub geonameid: Option<u64>,
}

/// A table name, tokenised: the norms after the first token and the places it names.
#[derive(Debug, Clone)]
struct Entry {
    /// Norms of the name's tokens after the first.
    rest: Vec<String>,
    /// Indices into `Gazetteer::places`.
    places: Vec<u32>,
    /// Every spelling of this key is an all-caps acronym ("US", "UK"): the text must be too.
    caps_only: bool,
    /// The last token is a generic word ("region", "province") left out of the span
    /// when written in lower case.
    generic_tail: bool,
}

/// The gazetteer: places plus the indexes the tagger uses.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Lower-cased name or alt name → places.
    by_name: HashMap<String, Vec<u32>>,
    /// Norm of the first token → entries starting with it.
    first: HashMap<String, Vec<u32>>,
    entries: Vec<Entry>,
}

/// Words that may follow a name ("Kursk region") and mark it as a region.
const GENERIC_REGION: &[&str] = &[
    "region", "province", "oblast", "governorate", "state", "krai", "territory", "prefecture",
    "district",
];

/// Lower-case words allowed inside a multi-word name.
const NAME_FUNCTION_WORDS: &[&str] = &[
    "of", "and", "the", "de", "da", "do", "del", "la", "el", "al", "upon", "on", "du", "des", "es",
    "sur", "am", "dos", "y", "&", "ez", "ez-zor", "ez-zour", "al-balah", "el-sheikh", "al-sheikh",
];

/// Names that are also common words: not a place at the start of a sentence.
const COMMON_WORD_NAMES: &[&str] = &[
    "nice", "split", "mobile", "reading", "bath", "march", "may", "chad", "buffalo", "phoenix",
    "cork", "tyre", "hope", "independence", "liberty", "orange", "mesa", "jersey", "victoria",
    "florence", "charlotte", "regina", "aurora", "salem", "canton", "concord", "providence",
    "lincoln", "jackson", "madison", "tyler", "helena", "pierre", "columbia", "savannah",
    "georgetown", "kingston", "wellington", "surat", "gao", "beni", "bali", "java", "amazon",
    "leon", "león", "santiago", "salvador", "nile", "caribbean", "pacific", "atlantic", "arctic",
];

/// Names that are also given names or surnames: not a place next to another
/// capitalised name ("Michael Jordan", "Jordan Peterson").
const PERSON_NAMES: &[&str] = &[
    "jordan", "chad", "georgia", "victoria", "florence", "sydney", "austin", "charlotte", "lincoln",
    "regina", "adelaide", "madison", "orlando", "tyler", "jackson", "washington", "houston",
    "dallas", "phoenix", "israel", "paris", "denver", "aurora", "montgomery", "hamilton", "clinton",
    "salem", "raleigh", "alexandria", "lafayette", "augusta", "cleveland", "wellington", "savannah",
    "helena", "columbus", "santiago", "salvador", "leon", "león", "medina", "darwin", "perth",
    "brisbane", "hobart", "sofia", "richmond", "chester", "kent", "york", "derby", "camden",
    "marion", "warren", "franklin", "douglas", "beverly", "kingston", "nelson", "troy", "eugene",
    "charleston", "lansing", "dover", "jersey", "pierre", "regina", "taylor", "hudson", "burlington",
    "durham", "newark", "mansfield", "oxford", "cambridge", "princeton", "ferguson", "nassau",
    "cairo", "vienna", "athens", "manchester", "birmingham", "rochester", "springfield",
    "arlington", "tripoli", "valencia", "toledo", "cordoba", "córdoba", "kobe", "engels", "osh",
    "china", "india", "kenya", "france", "ireland", "jamaica", "lebanon", "niger", "malta",
];

/// Capitalised words that make a preceding place name part of an organisation,
/// a document or a team ("Washington Post", "Geneva Conventions", "Ohio State").
const ORG_FOLLOWERS: &[&str] = &[
    "post", "times", "journal", "tribune", "herald", "university", "college", "state", "tech",
    "instruments", "airlines", "airways", "air", "fc", "united", "city", "chiefs", "rangers",
    "giants", "senators", "jets", "cardinals", "bulls", "lakers", "warriors", "yankees", "mets",
    "dodgers", "capitals", "nationals", "braves", "rockets", "eagles", "ravens", "bears", "packers",
    "cowboys", "patriots", "saints", "steelers", "broncos", "stars", "kings", "magic", "heat",
    "celtics", "knicks", "nets", "sun", "gazette", "observer", "review", "press", "chronicle",
    "dispatch", "inquirer", "globe", "star", "daily", "club", "symphony", "orchestra", "accords",
    "accord", "protocol", "convention", "conventions", "agreement", "agreements", "syndrome",
    "motors", "motor", "co", "inc", "corp", "company", "group", "street", "avenue", "stock",
    "exchange", "declaration", "format", "process", "summit", "talks", "memorandum", "treaty",
    "bank", "reds", "wings", "sox", "cubs", "colts", "texans", "titans", "jaguars", "dolphins",
    "falcons", "panthers", "vikings", "lions", "browns", "bengals", "raiders", "chargers",
    "seahawks", "ducks", "sharks", "flames", "oilers", "canucks", "maple", "hawks", "pistons",
    "cavaliers", "pacers", "bucks", "grizzlies", "spurs", "mavericks", "nuggets", "jazz",
    "blazers", "clippers", "suns", "thunder", "timberwolves", "pelicans", "hornets", "wizards",
    "raptors", "76ers", "zoo", "marathon", "open", "games", "olympics", "fashion", "consensus",
    "group", "pact", "plan",
];

/// Capitalised sentence openers that may precede a place ("In Jordan, ...").
const SENTENCE_OPENERS: &[&str] = &[
    "in", "from", "to", "at", "for", "across", "with", "near", "inside", "outside", "on", "and",
    "but", "by", "like", "as", "of", "over", "after", "before", "since", "within", "throughout",
    "both", "while", "unlike", "the", "all", "if", "when", "neither", "either", "whether", "into",
    "meanwhile", "then", "so", "or", "only", "even", "also", "where", "here", "there",
];

fn parse_kind(s: &str) -> Option<PlaceKind> {
    match s {
        "country" => Some(PlaceKind::Country),
        "region" => Some(PlaceKind::Region),
        "city" => Some(PlaceKind::City),
        "other" => Some(PlaceKind::Other),
        _ => None,
    }
}

fn is_all_caps_alias(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if c != '.' && c != '&' {
            return false;
        }
    }
    letters >= 2
}

impl Gazetteer {
    /// The gazetteer built from the table shipped with the crate, parsed once.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(EMBEDDED_TSV).expect("embedded places.tsv is valid"))
    }

    /// Parse a table in herald's format: a header line, then tab-separated
    /// `name, alt_names (|-separated), kind, country, lat, lon, population, geonameid (or -)`.
    /// Blank lines and lines starting with `#` are skipped.
    pub fn parse(src: &str) -> Result<Gazetteer, PlaceError> {
        let mut places = Vec::with_capacity(2048);
        for (i, line) in src.lines().enumerate() {
            let lineno = i + 1;
            let err = |message: String| PlaceError::Parse { line: lineno, message };
            if line.trim().is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("name\t")) {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 8 {
                return Err(err(format!("expected 8 tab-separated columns, found {}", cols.len())));
            }
            let name = cols[0].trim();
            if name.is_empty() {
                return Err(err("empty name".into()));
            }
            let kind = parse_kind(cols[2].trim())
                .ok_or_else(|| err(format!("unknown kind {:?} (country|region|city|other)", cols[2])))?;
            let country = cols[3].trim();
            let country_ok = country.len() == 3
                && (country.bytes().all(|b| b.is_ascii_uppercase()) || country == "---");
            if !country_ok {
                return Err(err(format!("country {country:?} is not an ISO alpha-3 code")));
            }
            let lat: f64 = cols[4].trim().parse().map_err(|_| err(format!("bad latitude {:?}", cols[4])))?;
            let lon: f64 = cols[5].trim().parse().map_err(|_| err(format!("bad longitude {:?}", cols[5])))?;
            if !(-90.0..=90.0).contains(&lat) {
                return Err(err(format!("latitude {lat} out of range")));
            }
            if !(-180.0..=180.0).contains(&lon) {
                return Err(err(format!("longitude {lon} out of range")));
            }
            let population: u64 =
                cols[6].trim().parse().map_err(|_| err(format!("bad population {:?}", cols[6])))?;
            let gid = cols[7].trim();
            let geonameid = if gid == "-" || gid.is_empty() {
                None
            } else {
                Some(gid.parse().map_err(|_| err(format!("bad geonameid {gid:?}")))?)
            };
            let alt_names = cols[1]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            places.push(Place {
                name: name.to_string(),
                alt_names,
                kind,
                country: country.to_string(),
                lat,
                lon,
                population,
                geonameid,
            });
        }
        Ok(Self::from_places(places))
    }

    /// Build the indexes over a list of places.
    pub fn from_places(places: Vec<Place>) -> Gazetteer {
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::with_capacity(places.len() * 2);
        let mut key_index: HashMap<Vec<String>, u32> = HashMap::with_capacity(places.len() * 2);
        let mut entries: Vec<Entry> = Vec::with_capacity(places.len() * 2);
        for (pi, p) in places.iter().enumerate() {
            let pi = pi as u32;
            for n in std::iter::once(&p.name).chain(p.alt_names.iter()) {
                let v = by_name.entry(n.to_lowercase()).or_default();
                if !v.contains(&pi) {
                    v.push(pi);
                }
                let toks = herald_text::tokenize(n);
                if toks.is_empty() {
                    continue;
                }
                let norms: Vec<String> = toks.iter().map(|t| t.norm.clone()).collect();
                let caps = is_all_caps_alias(n);
                let generic_tail =
                    norms.len() > 1 && GENERIC_REGION.contains(&norms[norms.len() - 1].as_str());
                let ei = *key_index.entry(norms.clone()).or_insert_with(|| {
                    entries.push(Entry {
                        rest: norms[1..].to_vec(),
                        places: Vec::new(),
                        caps_only: true,
                        generic_tail,
                    });
                    (entries.len() - 1) as u32
                });
                let e = &mut entries[ei as usize];
                e.caps_only &= caps;
                if !e.places.contains(&pi) {
                    e.places.push(pi);
                }
            }
        }
        let mut first: HashMap<String, Vec<u32>> = HashMap::with_capacity(entries.len());
        for (key, ei) in &key_index {
            first.entry(key[0].clone()).or_default().push(*ei);
        }
        // Longest names first, so the first full match is the longest.
        for v in first.values_mut() {
            v.sort_by(|a, b| {
                entries[*b as usize].rest.len().cmp(&entries[*a as usize].rest.len()).then(a.cmp(b))
            });
        }
        Gazetteer { places, by_name, first, entries }
    }

    /// All places in the table.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// Places with this name or alternative name (case-insensitive).
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        let key = name.trim().to_lowercase();
        self.by_name
            .get(&key)
            .map(|v| v.iter().map(|&i| &self.places[i as usize]).collect())
            .unwrap_or_default()
    }

    /// Find place mentions in a document's tokens (from `herald_text::tokenize(text)`).
    ///
    /// Only capitalised tokens start a place. The longest table name wins;
    /// "Kursk region" resolves to Kursk Oblast with the span "Kursk". Ambiguous
    /// names are resolved by kind, population and the countries the document
    /// mentions elsewhere. Country adjectives ("Russian") are not places.
    pub fn find_places(&self, text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
        struct Cand<'a> {
            start_tok: usize,
            end_tok: usize,
            span_end_tok: usize,
            entry: &'a Entry,
            region_cue: bool,
        }
        let mut cands: Vec<Cand> = Vec::new();
        let n = tokens.len();
        let mut i = 0;
        while i < n {
            let t = &tokens[i];
            if t.kind != TokenKind::Word || !t.capitalized || t.byte_end > text.len() {
                i += 1;
                continue;
            }
            let Some(list) = self.first.get(t.norm.as_str()) else {
                i += 1;
                continue;
            };
            let mut found: Option<(&Entry, usize)> = None;
            for &ei in list {
                let e = &self.entries[ei as usize];
                let end = i + 1 + e.rest.len();
                if end > n {
                    continue;
                }
                let ok = e.rest.iter().enumerate().all(|(k, r)| {
                    let tk = &tokens[i + 1 + k];
                    if tk.norm != *r {
                        return false;
                    }
                    // Inner content words must be written with a capital.
                    tk.kind != TokenKind::Word
                        || NAME_FUNCTION_WORDS.contains(&r.as_str())
                        || (e.generic_tail && k + 1 == e.rest.len())
                        || text.get(tk.byte_start..tk.byte_end).is_some_and(|s| s.chars().any(char::is_uppercase))
                });
                if !ok {
                    continue;
                }
                if e.caps_only {
                    let all_caps = (i..end).all(|k| {
                        text.get(tokens[k].byte_start..tokens[k].byte_end)
                            .is_some_and(|s| !s.chars().any(char::is_lowercase))
                    });
                    if !all_caps {
                        continue;
                    }
                }
                found = Some((e, end));
                break;
            }
            let Some((entry, end)) = found else {
                i += 1;
                continue;
            };
            if self.reject(text, tokens, i, end, entry) {
                i = end;
                continue;
            }
            let mut span_end = end;
            if entry.generic_tail {
                let last = &tokens[end - 1];
                let lower = text
                    .get(last.byte_start..last.byte_end)
                    .is_some_and(|s| s.chars().next().is_some_and(char::is_lowercase));
                if lower {
                    span_end = end - 1;
                }
            }
            let region_cue = end < n
                && GENERIC_REGION.contains(&tokens[end].norm.as_str())
                && !tokens[end].capitalized;
            cands.push(Cand { start_tok: i, end_tok: end, span_end_tok: span_end, entry, region_cue });
            i = end;
        }
        if cands.is_empty() {
            return Vec::new();
        }

        // Document context: countries of unambiguous mentions.
        let mut ctx: Vec<(&str, u32)> = Vec::new();
        let mut unambiguous: Vec<Option<&str>> = Vec::with_capacity(cands.len());
        for c in &cands {
            let first = &self.places[c.entry.places[0] as usize].country;
            let same = c.entry.places.iter().all(|&p| self.places[p as usize].country == *first);
            if same && first != "---" {
                unambiguous.push(Some(first.as_str()));
                match ctx.iter_mut().find(|(k, _)| *k == first.as_str()) {
                    Some(x) => x.1 += 1,
                    None => ctx.push((first.as_str(), 1)),
                }
            } else {
                unambiguous.push(None);
            }
        }

        let mut out = Vec::with_capacity(cands.len());
        for (ci, c) in cands.iter().enumerate() {
            let pick = if c.entry.places.len() == 1 {
                c.entry.places[0]
            } else {
                let mut best = c.entry.places[0];
                let mut best_score = f64::MIN;
                for &pi in &c.entry.places {
                    let p = &self.places[pi as usize];
                    let mut s = ((p.population + 1) as f64).log10();
                    s += match p.kind {
                        PlaceKind::Country => 3.0,
                        PlaceKind::City => 0.5,
                        PlaceKind::Region => 0.0,
                        PlaceKind::Other => -0.5,
                    };
                    if p.kind == PlaceKind::Region && c.region_cue {
                        s += 6.0;
                    }
                    if p.kind == PlaceKind::City
                        && !c.region_cue
                        && c.entry.places.iter().any(|&q| {
                            let q = &self.places[q as usize];
                            q.kind == PlaceKind::Region && q.country == p.country
                        })
                    {
                        s += 2.0;
                    }
                    let mut count = ctx.iter().find(|(k, _)| *k == p.country).map_or(0, |x| x.1);
                    if unambiguous[ci] == Some(p.country.as_str()) {
                        count = count.saturating_sub(1);
                    }
                    s += 2.5 * (1.0 + count as f64).ln();
                    if s > best_score {
                        best_score = s;
                        best = pi;
                    }
                }
                best
            };
            let p = &self.places[pick as usize];
            let a = &tokens[c.start_tok];
            let b = &tokens[c.span_end_tok - 1];
            let Some(span) = text.get(a.byte_start..b.byte_end) else { continue };
            let _ = c.end_tok;
            out.push(PlaceMention {
                byte_start: a.byte_start,
                byte_end: b.byte_end,
                start: a.start,
                end: b.end,
                text: span.to_string(),
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                geonameid: p.geonameid,
                feature: p.kind,
            });
        }
        out
    }

    /// True when the match `[i, end)` is not a place in context.
    fn reject(&self, text: &str, tokens: &[Token], i: usize, end: usize, entry: &Entry) -> bool {
        let single = entry.rest.is_empty();
        let norm = tokens[i].norm.as_str();
        let at_start = sentence_start(text, tokens, i);
        if single && at_start && COMMON_WORD_NAMES.contains(&norm) {
            return true;
        }
        let next_cap = tokens
            .get(end)
            .filter(|t| t.kind == TokenKind::Word && t.capitalized && !sentence_start(text, tokens, end));
        if let Some(nt) = next_cap {
            if ORG_FOLLOWERS.contains(&nt.norm.as_str()) {
                return true;
            }
            if single && PERSON_NAMES.contains(&norm) && !self.first.contains_key(nt.norm.as_str()) {
                return true;
            }
        }
        if single && PERSON_NAMES.contains(&norm) && i > 0 {
            let pt = &tokens[i - 1];
            if pt.kind == TokenKind::Word
                && pt.capitalized
                && !(sentence_start(text, tokens, i - 1) && SENTENCE_OPENERS.contains(&pt.norm.as_str()))
                && !self.first.contains_key(pt.norm.as_str())
                && !is_all_caps_word(text, pt)
            {
                return true;
            }
        }
        false
    }
}

fn is_all_caps_word(text: &str, t: &Token) -> bool {
    text.get(t.byte_start..t.byte_end)
        .is_some_and(|s| s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase))
}

/// True when token `i` starts a sentence (or a line, or the text).
fn sentence_start(text: &str, tokens: &[Token], i: usize) -> bool {
    let mut j = i;
    loop {
        if j == 0 {
            return true;
        }
        let p = &tokens[j - 1];
        let cur = &tokens[j];
        if text.get(p.byte_end..cur.byte_start).is_some_and(|g| g.contains('\n')) {
            return true;
        }
        if p.kind == TokenKind::Punct {
            match p.norm.as_str() {
                "." | "!" | "?" | ":" => return true,
                "\"" | "'" | "(" | "-" => {
                    j -= 1;
                    continue;
                }
                _ => return false,
            }
        }
        return false;
    }
}

#[cfg(test)]
mod tests;
