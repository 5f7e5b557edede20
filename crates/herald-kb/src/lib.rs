//! herald's knowledge base and actor matcher.
//!
//! The knowledge base ([`Kb`]) is written as readable data files under `data/`
//! (tab-separated, one fact a line) and compiled into the binary with
//! `include_str!`; [`Kb::embedded`] parses them once on first use.
//!
//! - [`Country`]: every UN member and observer state plus Kosovo (`XKX`) and
//!   Taiwan (`TWN`), with names, adjectives and demonyms, capitals; also CAMEO's
//!   regional codes (`EUR`, `MEA`, `AFR` ...).
//! - [`Role`]: role words ("troops", "foreign minister", "state media") and their
//!   CAMEO role codes (`MIL`, `GOV`, `MED` ...).
//! - [`Person`]: people with dated [`Term`]s ("Vladimir Putin": RUSGOV from
//!   2012-05-07 ...); out of office a former office holder is `ELI`.
//! - [`Group`]: ethnic groups with CAMEO's ethnic codes and a home country
//!   where there is one ("Rakhine rebels" = MMRREB). Religions are role words
//!   (`MOSSHI` for "Shia", `CHRCTH` for "Catholics").
//! - [`Organization`]: IGOs, agencies, news agencies, armed forces, armed groups
//!   and metonyms ("the Kremlin").
//!
//! [`Kb::find_actors`] finds every actor phrase in a tokenised document and
//! resolves it to a CAMEO code as of a date; [`Kb::resolve_phrase`] resolves a
//! standalone phrase.
//!
//! ```
//! use herald_core::Date;
//! let kb = herald_kb::Kb::embedded();
//! let text = "North Korean leader Kim Jong Un met Mr Putin. Mr Kim said the Kremlin agreed.";
//! let tokens = herald_text::tokenize(text);
//! let actors = kb.find_actors(text, &tokens, Date::parse("2025-08-13"));
//! let found: Vec<(&str, &str)> = actors.iter().map(|a| (a.text.as_str(), a.code.as_str())).collect();
//! assert_eq!(found, vec![
//!     ("North Korean leader Kim Jong Un", "PRKGOV"),
//!     ("Mr Putin", "RUSGOV"),
//!     ("Mr Kim", "PRKGOV"),
//!     ("the Kremlin", "RUSGOV"),
//! ]);
//! assert_eq!(kb.resolve_phrase("South Korean intelligence", None, None).as_deref(), Some("KORSPY"));
//! assert_eq!(kb.country_name("PRK"), Some("North Korea"));
//! ```
#![deny(missing_docs)]

mod data;
mod matcher;

use herald_core::Date;
use herald_core::hash::FxHashMap as HashMap;
use std::fmt;
use std::sync::OnceLock;

/// An error in the knowledge-base data files.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KbError {
    /// A line of a data file is malformed.
    Data {
        /// The data file's name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KbError::Data { file, line, message } => write!(f, "{file}:{line}: {message}"),
        }
    }
}

impl std::error::Error for KbError {}

/// A country, territory or CAMEO region.
#[derive(Debug, Clone)]
pub struct Country {
    /// CAMEO code (ISO 3166 alpha-3 for countries).
    pub code: String,
    /// Canonical English name.
    pub name: String,
    /// Other names and short forms ("US", "America").
    pub names: Vec<String>,
    /// Adjectives and demonyms ("American", "Americans").
    pub adjectives: Vec<String>,
    /// Capitals; they stand for the government when used as actors.
    pub capitals: Vec<String>,
    /// Other major cities: they give the country to a following role
    /// ("Shanghai police" = CHNCOP) but are not actors by themselves.
    pub cities: Vec<String>,
    /// True for a region or supranational code (EUR, MEA ...), false for a country.
    pub region: bool,
}

/// A dated role of a person: `code` held from `start` to `end` inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Full CAMEO code: country followed by roles ("RUSGOV", "USAGOVMIL").
    pub code: String,
    /// First day; `None` = since always (a standing role).
    pub start: Option<Date>,
    /// Last day; `None` = still held.
    pub end: Option<Date>,
}

impl Term {
    fn covers(&self, d: Date) -> bool {
        self.start.map_or(true, |s| s <= d) && self.end.map_or(true, |e| d <= e)
    }
}

/// A person with dated terms.
#[derive(Debug, Clone)]
pub struct Person {
    /// Canonical name.
    pub name: String,
    /// Other spellings and unambiguous surnames.
    pub aliases: Vec<String>,
    /// Terms in file order.
    pub terms: Vec<Term>,
}

impl Person {
    /// The person's CAMEO code on `date` (`None` = latest known): the most recently
    /// started term that covers the date; after all terms have ended, the country
    /// of the last one plus `ELI`; before any, the country of the first.
    pub fn code_at(&self, date: Option<Date>) -> String {
        let d = date.unwrap_or(Date { year: 9999, month: 12, day: 31 });
        let covering = self.terms.iter().filter(|t| t.covers(d)).max_by_key(|t| t.start);
        if let Some(t) = covering {
            return t.code.clone();
        }
        let ended = self.terms.iter().filter(|t| t.end.is_some_and(|e| e < d)).max_by_key(|t| t.end);
        if let Some(t) = ended {
            return format!("{}ELI", country_part(&t.code));
        }
        self.terms.first().map(|t| country_part(&t.code).to_string()).unwrap_or_default()
    }
}

/// The country part of a CAMEO code: the first three letters, or a longer IGO
/// prefix such as `IGOWSTNAT` kept whole.
fn country_part(code: &str) -> &str {
    if code.starts_with("IGO") && code.len() > 3 && !is_role(&code[3..6.min(code.len())]) {
        return code;
    }
    code.get(..3).unwrap_or(code)
}

fn is_role(s: &str) -> bool {
    matches!(
        s,
        "GOV" | "MIL" | "REB" | "OPP" | "PTY" | "COP" | "JUD" | "SPY" | "MED" | "EDU" | "BUS" | "CRM"
            | "CVL" | "LAB" | "LEG" | "HLH" | "REF" | "ELI" | "REL" | "AGR" | "UAF" | "NGO" | "IGO"
            | "ENV" | "BUD" | "DEV" | "HRI"
    )
}

/// An organisation with a fixed CAMEO code.
#[derive(Debug, Clone)]
pub struct Organization {
    /// Canonical name.
    pub name: String,
    /// Other names and acronyms.
    pub aliases: Vec<String>,
    /// CAMEO code ("PRKMED", "IGOWSTNAT", "UNO", "---MIL").
    pub code: String,
    /// A building or place standing for an institution ("Kremlin"); a leading
    /// "the" belongs to the mention.
    pub metonym: bool,
}

/// An ethnic group that CAMEO codes ("Kurds" = `kur`), with its home country
/// when it has one. In a phrase it works like a country adjective: "Rakhine
/// rebels" = MMRREB; "Kurdish fighters" takes its country from the context.
#[derive(Debug, Clone)]
pub struct Group {
    /// Canonical name (plural noun: "Kurds").
    pub name: String,
    /// Other names, singulars and adjectives ("Kurd", "Kurdish").
    pub aliases: Vec<String>,
    /// CAMEO ethnic code, lower case ("kur"); empty for a group CAMEO gives none
    /// (Rohingya, Yazidis).
    pub code: String,
    /// Home country code; `None` when the group lives in several countries.
    pub country: Option<String>,
}

/// A role word or phrase.
#[derive(Debug, Clone)]
pub struct Role {
    /// The phrase, singular.
    pub phrase: String,
    /// CAMEO role code(s), e.g. "MIL", "GOVMIL".
    pub code: String,
    /// Can stand before a person's name ("President Macron").
    pub title: bool,
    /// Names an actor only together with a country ("people").
    pub weak: bool,
    /// A modifier ("former"): needs another role or a name to make an actor.
    pub modifier: bool,
    /// The role code goes before the actor's code (a TABARI agent `[NGM~]`:
    /// "human rights activists in Arnor" = NGMARN).
    pub prefix: bool,
}

/// What a phrase in the trie stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    Country(u32),
    Capital(u32),
    City(u32),
    Role(u32),
    Person(u32),
    Org(u32),
    Group(u32),
}

impl Hit {
    fn rank(self) -> u8 {
        match self {
            Hit::Org(_) => 6,
            Hit::Person(_) => 5,
            Hit::Country(_) => 4,
            Hit::Group(_) => 3,
            Hit::Capital(_) => 2,
            Hit::City(_) => 2,
            Hit::Role(_) => 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Payload {
    pub hit: Hit,
    /// Matches only when written in capitals ("US", "PAN").
    pub caps: bool,
}

/// The knowledge base: tables plus a token trie over every name.
#[derive(Debug)]
pub struct Kb {
    countries: Vec<Country>,
    code_index: HashMap<String, u32>,
    people: Vec<Person>,
    orgs: Vec<Organization>,
    roles: Vec<Role>,
    groups: Vec<Group>,
    pub(crate) vocab: HashMap<String, u32>,
    pub(crate) edges: HashMap<(u32, u32), u32>,
    pub(crate) payload: Vec<Vec<Payload>>,
    /// Stem names (a name written with a trailing `*`, as TABARI's stems): the
    /// node before the last word -> (the stem, the node holding its payload).
    /// The stem matches any word it begins ("arnor*" → "Arnorian").
    pub(crate) stems: HashMap<u32, HashMap<String, u32>>,
}

/// The data files compiled into the binary.
pub const EMBEDDED: [(&str, &str); 6] = [
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("regions.tsv", include_str!("../data/regions.tsv")),
    ("roles.tsv", include_str!("../data/roles.tsv")),
    ("people.tsv", include_str!("../data/people.tsv")),
    ("organizations.tsv", include_str!("../data/organizations.tsv")),
    ("groups.tsv", include_str!("../data/groups.tsv")),
];

/// The text of the data files, by name.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `countries.tsv`.
    pub countries: &'a str,
    /// `regions.tsv`.
    pub regions: &'a str,
    /// `roles.tsv`.
    pub roles: &'a str,
    /// `people.tsv`.
    pub people: &'a str,
    /// `organizations.tsv`.
    pub organizations: &'a str,
    /// `groups.tsv` (ethnic groups).
    pub groups: &'a str,
}

impl Sources<'static> {
    /// The embedded data files.
    pub fn embedded() -> Sources<'static> {
        Sources {
            countries: EMBEDDED[0].1,
            regions: EMBEDDED[1].1,
            roles: EMBEDDED[2].1,
            people: EMBEDDED[3].1,
            organizations: EMBEDDED[4].1,
            groups: EMBEDDED[5].1,
        }
    }
}

/// A CAMEO code: three or more capitals, digits or `-` (herald's own codes
/// are 3-letter groups; users' dictionaries also have "G77", "YEMNO").
fn valid_code(code: &str) -> bool {
    code.len() >= 3 && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// An organisation's code may also be a compound of codes, "FRO/BIL/SAM" (a
/// TABARI actor that stands for several): the mention names each.
fn valid_org_code(code: &str) -> bool {
    code.split('/').all(valid_code)
}

/// Lower-case, quote-folded and diacritic-folded key of a token norm.
pub(crate) fn fold(norm: &str) -> std::borrow::Cow<'_, str> {
    if norm.is_ascii() {
        return std::borrow::Cow::Borrowed(norm);
    }
    let mut s = String::with_capacity(norm.len());
    for c in norm.chars() {
        match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => s.push('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => s.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => s.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => s.push('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => s.push('u'),
            'ý' | 'ÿ' => s.push('y'),
            'ç' | 'č' | 'ć' => s.push('c'),
            'ñ' | 'ń' | 'ň' => s.push('n'),
            'š' | 'ś' | 'ş' | 'ș' => s.push('s'),
            'ž' | 'ź' | 'ż' => s.push('z'),
            'ř' => s.push('r'),
            'ğ' => s.push('g'),
            'ł' => s.push('l'),
            'ț' | 'ţ' => s.push('t'),
            'đ' | 'ď' => s.push('d'),
            'ß' => s.push_str("ss"),
            '\u{2019}' | '\u{2018}' => s.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2013}' => s.push('-'),
            _ => s.push(c),
        }
    }
    std::borrow::Cow::Owned(s)
}

fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("man") {
        format!("{stem}men")
    } else if word.ends_with('y') && !word.ends_with("ay") && !word.ends_with("ey") && !word.ends_with("oy") {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with('s') || word.ends_with("sh") || word.ends_with("ch") || word.ends_with('x') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

impl Kb {
    /// The knowledge base built from the embedded data files, parsed once.
    ///
    /// # Panics
    /// Only if the embedded data is broken; a unit test guarantees it is not.
    pub fn embedded() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| match Kb::parse(Sources::embedded()) {
            Ok(kb) => kb,
            Err(e) => panic!("embedded knowledge base is broken: {e}"),
        })
    }

    /// Parse the data files. Errors name `file:line` and what is wrong.
    pub fn parse(src: Sources<'_>) -> Result<Kb, KbError> {
        let mut kb = Kb {
            countries: Vec::new(),
            code_index: HashMap::default(),
            people: Vec::new(),
            orgs: Vec::new(),
            roles: Vec::new(),
            groups: Vec::new(),
            vocab: HashMap::default(),
            edges: HashMap::default(),
            payload: vec![Vec::new()],
            stems: HashMap::default(),
        };
        // Countries and regions.
        let mut weak_names: Vec<(String, u32)> = Vec::new();
        let mut claimed: HashMap<String, (String, usize)> = HashMap::default();
        for (file, text, region) in [("countries.tsv", src.countries, false), ("regions.tsv", src.regions, true)] {
            for line in data::lines(text) {
                let f = &line.fields;
                if f.len() < 2 || f[0].len() != 3 || !valid_code(f[0]) {
                    return Err(data::err(file, line.no, "expected a 3-letter code and a name"));
                }
                let code = f[0].to_string();
                if kb.code_index.contains_key(&code) {
                    return Err(data::err(file, line.no, format!("duplicate code {code}")));
                }
                let idx = kb.countries.len() as u32;
                let names = data::list_of(f.get(2));
                let adjectives = data::list_of(f.get(3));
                let capitals = if region { Vec::new() } else { data::list_of(f.get(4)) };
                let cities = if region { Vec::new() } else { data::list_of(f.get(5)) };
                let mut plain_names = Vec::new();
                for n in std::iter::once(f[1]).chain(names.iter().copied()).chain(adjectives.iter().copied()) {
                    if let Some(w) = n.strip_prefix('?') {
                        weak_names.push((w.to_string(), idx));
                    } else {
                        let key = n.to_lowercase();
                        if let Some((other, l)) = claimed.get(&key) {
                            if other != &code {
                                return Err(data::err(
                                    file,
                                    line.no,
                                    format!("name {n:?} already names {other} (line {l}); mark one weak with '?'"),
                                ));
                            }
                        }
                        claimed.insert(key, (code.clone(), line.no));
                        plain_names.push(n);
                    }
                }
                for n in &plain_names {
                    kb.insert(n, Hit::Country(idx));
                }
                for c in &capitals {
                    kb.insert(c, Hit::Capital(idx));
                }
                for c in &cities {
                    kb.insert(c, Hit::City(idx));
                }
                kb.code_index.insert(code.clone(), idx);
                kb.countries.push(Country {
                    code,
                    name: f[1].trim_end_matches('*').to_string(),
                    names: names.iter().map(|s| s.trim_start_matches('?').to_string()).collect(),
                    adjectives: adjectives.iter().map(|s| s.trim_start_matches('?').to_string()).collect(),
                    capitals: capitals.iter().map(|s| s.to_string()).collect(),
                    cities: cities.iter().map(|s| s.to_string()).collect(),
                    region,
                });
            }
        }
        for (n, idx) in weak_names {
            if !claimed.contains_key(&n.to_lowercase()) {
                kb.insert(&n, Hit::Country(idx));
            }
        }
        // Roles.
        for line in data::lines(src.roles) {
            let f = &line.fields;
            if f.len() < 2 || f[0].is_empty() || !valid_code(f[1]) {
                return Err(data::err("roles.tsv", line.no, "expected a phrase and role codes"));
            }
            let flags: Vec<&str> = f.get(2).map(|s| s.split(',').map(str::trim).collect()).unwrap_or_default();
            for fl in &flags {
                if !matches!(*fl, "title" | "weak" | "mod" | "prefix" | "noplural" | "") {
                    return Err(data::err("roles.tsv", line.no, format!("unknown flag {fl:?}")));
                }
            }
            let idx = kb.roles.len() as u32;
            kb.roles.push(Role {
                phrase: f[0].to_string(),
                code: f[1].to_string(),
                title: flags.contains(&"title"),
                weak: flags.contains(&"weak"),
                modifier: flags.contains(&"mod"),
                prefix: flags.contains(&"prefix"),
            });
            kb.insert(f[0], Hit::Role(idx));
            // `noplural`: a dictionary's agent that lists its plurals itself
            if !flags.contains(&"mod") && !flags.contains(&"noplural") {
                let (head, last) = match f[0].rsplit_once(' ') {
                    Some((h, l)) => (format!("{h} "), l),
                    None => (String::new(), f[0]),
                };
                let pl = format!("{head}{}", plural(last));
                if last.len() > 2 && !last.ends_with('.') && kb.lookup(&pl).iter().all(|h| !matches!(h, Hit::Role(_))) {
                    kb.insert(&pl, Hit::Role(idx));
                }
            }
        }
        // People.
        let mut by_name: HashMap<String, u32> = HashMap::default();
        for line in data::lines(src.people) {
            let f = &line.fields;
            if f.len() < 5 {
                return Err(data::err("people.tsv", line.no, "expected name, aliases, country, roles, start[, end]"));
            }
            let code = format!("{}{}", f[2], f[3]);
            if !valid_code(&code) {
                return Err(data::err("people.tsv", line.no, format!("bad code {code:?}")));
            }
            let start = match f[4] {
                "*" | "" => None,
                s => Some(
                    data::parse_bound(s, false)
                        .ok_or_else(|| data::err("people.tsv", line.no, format!("bad start date {s:?}")))?,
                ),
            };
            let end = match f.get(5).copied().unwrap_or("") {
                "" => None,
                s => Some(
                    data::parse_bound(s, true)
                        .ok_or_else(|| data::err("people.tsv", line.no, format!("bad end date {s:?}")))?,
                ),
            };
            let term = Term { code, start, end };
            if !data::check_term(&term) {
                return Err(data::err("people.tsv", line.no, "term ends before it starts"));
            }
            let idx = match by_name.get(f[0]) {
                Some(&i) => i,
                None => {
                    let i = kb.people.len() as u32;
                    kb.people.push(Person { name: f[0].to_string(), aliases: Vec::new(), terms: Vec::new() });
                    by_name.insert(f[0].to_string(), i);
                    i
                }
            };
            let p = &mut kb.people[idx as usize];
            p.terms.push(term);
            for a in data::list_of(f.get(1)) {
                if !p.aliases.iter().any(|x| x == a) {
                    p.aliases.push(a.to_string());
                }
            }
        }
        for i in 0..kb.people.len() {
            let names: Vec<String> =
                std::iter::once(kb.people[i].name.clone()).chain(kb.people[i].aliases.iter().cloned()).collect();
            for n in names {
                kb.insert(&n, Hit::Person(i as u32));
                if n.contains('-') {
                    kb.insert(&n.replace('-', " "), Hit::Person(i as u32));
                }
            }
        }
        // Organisations.
        for line in data::lines(src.organizations) {
            let f = &line.fields;
            if f.len() < 3 || f[0].is_empty() || !valid_org_code(f[2]) {
                return Err(data::err("organizations.tsv", line.no, "expected name, aliases, CAMEO code[, flags]"));
            }
            let metonym = match f.get(3).copied().unwrap_or("") {
                "" => false,
                "metonym" => true,
                other => return Err(data::err("organizations.tsv", line.no, format!("unknown flag {other:?}"))),
            };
            let idx = kb.orgs.len() as u32;
            let aliases: Vec<String> = data::list_of(f.get(1)).iter().map(|s| s.to_string()).collect();
            kb.insert(f[0], Hit::Org(idx));
            for a in &aliases {
                kb.insert(a, Hit::Org(idx));
            }
            kb.orgs.push(Organization { name: f[0].trim_end_matches('*').to_string(), aliases, code: f[2].to_string(), metonym });
        }
        // Ethnic groups.
        for line in data::lines(src.groups) {
            let f = &line.fields;
            let code_ok = f.get(2).is_some_and(|c| c.is_empty() || (c.len() == 3 && c.bytes().all(|b| b.is_ascii_lowercase())));
            if f.len() < 4 || f[0].is_empty() || !code_ok {
                return Err(data::err("groups.tsv", line.no, "expected name, aliases, lower-case CAMEO ethnic code, country"));
            }
            let country = match f[3] {
                "---" => None,
                c if kb.code_index.contains_key(c) => Some(c.to_string()),
                c => return Err(data::err("groups.tsv", line.no, format!("unknown country {c:?}"))),
            };
            let aliases: Vec<String> = data::list_of(f.get(1)).iter().map(|s| s.to_string()).collect();
            for n in std::iter::once(f[0]).chain(aliases.iter().map(String::as_str)) {
                if let Some((other, _)) = claimed.get(&n.to_lowercase()) {
                    return Err(data::err("groups.tsv", line.no, format!("{n:?} already names the country {other}")));
                }
            }
            let idx = kb.groups.len() as u32;
            kb.insert(f[0], Hit::Group(idx));
            for a in &aliases {
                kb.insert(a, Hit::Group(idx));
            }
            kb.groups.push(Group { name: f[0].to_string(), aliases, code: f[2].to_string(), country });
        }
        Ok(kb)
    }

    /// Add a phrase to the trie. A trailing `*` makes the last word a stem
    /// that matches any word it begins (a user dictionary's TABARI stems).
    fn insert(&mut self, phrase: &str, hit: Hit) {
        let (phrase, stem) = match phrase.trim_end().strip_suffix('*') {
            Some(p) => (p, true),
            None => (phrase, false),
        };
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        let caps = !stem && !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase());
        let mut tokens = herald_text::tokenize(phrase);
        if tokens.is_empty() {
            return;
        }
        let stem_word = if stem { tokens.pop().map(|t| fold(&t.norm).into_owned()) } else { None };
        let mut node = 0u32;
        for t in &tokens {
            let key = fold(&t.norm).into_owned();
            let next_id = self.vocab.len() as u32;
            let tok = *self.vocab.entry(key).or_insert(next_id);
            node = match self.edges.get(&(node, tok)) {
                Some(&n) => n,
                None => {
                    let n = self.payload.len() as u32;
                    self.payload.push(Vec::new());
                    self.edges.insert((node, tok), n);
                    n
                }
            };
        }
        if let Some(w) = stem_word {
            let list = self.stems.entry(node).or_default();
            node = match list.get(&w) {
                Some(&n) => n,
                None => {
                    let n = self.payload.len() as u32;
                    list.insert(w, n);
                    self.payload.push(Vec::new());
                    n
                }
            };
        }
        let slot = &mut self.payload[node as usize];
        if !slot.iter().any(|p| p.hit == hit && p.caps == caps) {
            slot.push(Payload { hit, caps });
        }
    }

    /// All countries, territories and regions.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }
    /// All people.
    pub fn people(&self) -> &[Person] {
        &self.people
    }
    /// All organisations.
    pub fn organizations(&self) -> &[Organization] {
        &self.orgs
    }
    /// All ethnic groups.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// The ethnic group with this name, alias or adjective ("Kurdish").
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.lookup(name).into_iter().find_map(|h| match h {
            Hit::Group(i) => Some(&self.groups[i as usize]),
            _ => None,
        })
    }
    /// All role words.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }
    /// The country (or region) with this code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.code_index.get(code).map(|&i| &self.countries[i as usize])
    }
    /// The English name of a country or region code.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country(code).map(|c| c.name.as_str())
    }
    /// True when `code` is a country or territory (not a region).
    pub fn is_country(&self, code: &str) -> bool {
        self.country(code).is_some_and(|c| !c.region)
    }
    /// Adjectives and demonyms of a country ("Russian", "Russians").
    pub fn adjectives(&self, code: &str) -> &[String] {
        self.country(code).map(|c| c.adjectives.as_slice()).unwrap_or(&[])
    }
    /// The first-listed capital of a country.
    pub fn capital(&self, code: &str) -> Option<&str> {
        self.country(code).and_then(|c| c.capitals.first()).map(String::as_str)
    }
    /// The country code a name, adjective or demonym names ("Britain", "Saudi").
    pub fn country_code_of(&self, name: &str) -> Option<&str> {
        self.lookup(name).into_iter().find_map(|h| match h {
            Hit::Country(i) => Some(self.countries[i as usize].code.as_str()),
            _ => None,
        })
    }
    /// The code a metonym or capital stands for as an actor ("Kremlin" → RUSGOV,
    /// "Pentagon" → USAMIL, "Pyongyang" → PRKGOV).
    pub fn metonym(&self, name: &str) -> Option<String> {
        let name = name.strip_prefix("the ").unwrap_or(name);
        self.lookup(name).into_iter().find_map(|h| match h {
            Hit::Org(i) if self.orgs[i as usize].metonym => Some(self.orgs[i as usize].code.clone()),
            Hit::Capital(i) => Some(format!("{}GOV", self.countries[i as usize].code)),
            _ => None,
        })
    }
    /// The person with this name or alias.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.lookup(name).into_iter().find_map(|h| match h {
            Hit::Person(i) => Some(&self.people[i as usize]),
            _ => None,
        })
    }

    /// Exact trie lookup of a whole phrase (case-insensitive).
    fn lookup(&self, phrase: &str) -> Vec<Hit> {
        let tokens = herald_text::tokenize(phrase);
        let mut node = 0u32;
        for t in &tokens {
            let Some(&tok) = self.vocab.get(fold(&t.norm).as_ref()) else { return Vec::new() };
            let Some(&n) = self.edges.get(&(node, tok)) else { return Vec::new() };
            node = n;
        }
        if node == 0 {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self.payload[node as usize].iter().map(|p| p.hit).collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.rank()));
        hits
    }
}

#[cfg(test)]
mod tests;
