//! Named entities (PER, ORG, LOC, MISC) for the `entities` output.
//!
//! Candidates are runs of capitalised words (with "of", "de", "bin", "al" and
//! the like allowed between them). Each run is typed by what herald knows —
//! a person, organisation or country of the knowledge base, a place of the
//! gazetteer, a nationality adjective — and otherwise by the words in it
//! ("Ministry", "Battle", "River"), a title before it, or its shape.

use herald_core::{ActorKind, ActorMention, PlaceMention, Sentence, Token, TokenKind};

/// One entity: character offsets, text, type.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Start character offset.
    pub start: usize,
    /// End character offset, exclusive.
    pub end: usize,
    /// The text.
    pub text: String,
    /// PER, ORG, LOC or MISC.
    pub kind: &'static str,
}

const CONNECTORS: &[&str] = &["of", "de", "bin", "al", "el", "van", "von", "da", "del", "der", "la", "du", "y", "ibn", "and"];

/// Capitalised words that open sentences without naming anything.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "in", "on",
    "at", "after", "before", "but", "and", "or", "however", "meanwhile", "his", "her", "their", "its", "our",
    "there", "when", "while", "as", "if", "for", "from", "with", "by", "to", "during", "since", "although",
    "some", "many", "most", "several", "both", "all", "one", "two", "three", "no", "not", "also", "then",
    "what", "who", "which", "where", "why", "how", "last", "next", "earlier", "later", "today", "yesterday",
    "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "mr", "mrs", "ms", "dr", "according", "under", "over", "despite", "among", "about",
    "other", "another", "such", "each", "every", "more", "less", "only", "even", "so", "yet", "still",
    "thousands", "hundreds", "dozens", "millions", "police", "officials", "people",
];

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "president", "gen", "general", "lt", "col", "sen", "senator", "rep", "gov",
    "governor", "minister", "prime", "king", "queen", "prince", "princess", "sir", "lord", "lady", "pope",
    "judge", "justice", "secretary", "chancellor", "mayor", "capt", "captain", "maj", "sgt", "adm", "prof",
    "professor", "sheikh", "ayatollah", "cardinal", "bishop", "rev",
];

const ORG_WORDS: &[&str] = &[
    "party", "ministry", "council", "committee", "agency", "bank", "corp", "corporation", "inc", "ltd",
    "company", "co", "university", "college", "school", "army", "navy", "force", "forces", "corps", "brigade",
    "division", "regiment", "battalion", "union", "association", "organization", "organisation", "institute",
    "court", "parliament", "assembly", "congress", "senate", "group", "news", "times", "post", "journal",
    "airlines", "airways", "club", "fc", "united", "church", "federation", "league", "commission",
    "department", "office", "service", "services", "police", "guard", "foundation", "fund", "society",
    "network", "bureau", "authority", "board", "band", "orchestra", "records", "press", "agency", "cabinet",
    "government", "administration", "front", "movement", "alliance", "coalition", "brigades", "museum",
    "hospital", "telegraph", "tribune", "herald", "gazette", "television", "radio", "tv", "holdings",
    "motors", "industries", "systems", "technologies", "bureau", "nations",
];

const EVENT_WORDS: &[&str] = &[
    "battle", "war", "olympics", "olympic", "cup", "championship", "championships", "games", "festival",
    "award", "awards", "prize", "treaty", "act", "siege", "campaign", "revolution", "crisis", "summit",
    "conference", "election", "elections", "grand", "prix", "open", "series", "tour", "expo",
];

const LOC_WORDS: &[&str] = &[
    "river", "mountain", "mountains", "mount", "lake", "island", "islands", "street", "road", "avenue",
    "county", "province", "state", "city", "valley", "bay", "sea", "ocean", "camp", "park", "airport",
    "square", "bridge", "desert", "peninsula", "strait", "gulf", "coast", "hills", "district", "region",
    "canal", "harbor", "harbour", "port", "station", "forest", "beach", "creek", "township", "parish",
];

fn is_cap_word(t: &Token) -> bool {
    (t.kind == TokenKind::Word && t.capitalized) || (t.kind == TokenKind::Word && t.norm.contains('.') && t.capitalized)
}

/// Find and type the named entities of a document.
pub fn find_entities(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    actors: &[ActorMention],
    places: &[PlaceMention],
) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut person_surnames: Vec<String> = Vec::new();
    for s in sentences {
        let mut i = s.tok_start;
        while i < s.tok_end {
            if !is_cap_word(&tokens[i]) {
                i += 1;
                continue;
            }
            // sentence-initial function words name nothing
            if i == s.tok_start && FUNCTION_WORDS.contains(&tokens[i].norm.as_str()) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                if end < s.tok_end && is_cap_word(&tokens[end]) {
                    end += 1;
                } else if end + 1 < s.tok_end
                    && CONNECTORS.contains(&tokens[end].norm.as_str())
                    && !tokens[end].capitalized
                    && is_cap_word(&tokens[end + 1])
                    && tokens[end].norm != "and"
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let kind = classify(text, tokens, start, end, actors, places, &person_surnames, i == s.tok_start);
            if let Some(kind) = kind {
                let (bs, be) = (tokens[start].byte_start, tokens[end - 1].byte_end);
                if kind == "PER" {
                    person_surnames.push(tokens[end - 1].norm.clone());
                }
                out.push(Entity { start: tokens[start].start, end: tokens[end - 1].end, text: text[bs..be].to_string(), kind });
            }
            i = end;
        }
    }
    out
}

fn overlapping<'a, T>(items: &'a [T], span: (usize, usize), range: impl Fn(&T) -> (usize, usize)) -> Option<&'a T> {
    items.iter().find(|x| {
        let (a, b) = range(x);
        a < span.1 && span.0 < b
    })
}

#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
    actors: &[ActorMention],
    places: &[PlaceMention],
    person_surnames: &[String],
    sentence_initial: bool,
) -> Option<&'static str> {
    let span = (tokens[start].start, tokens[end - 1].end);
    let words: Vec<&str> = tokens[start..end].iter().map(|t| t.norm.as_str()).collect();
    let last = *words.last().unwrap_or(&"");
    if words.iter().any(|w| EVENT_WORDS.contains(w)) && words.len() > 1 {
        return Some("MISC");
    }
    if let Some(a) = overlapping(actors, span, |a| (a.start, a.end)) {
        match a.kind {
            ActorKind::Person => return Some("PER"),
            ActorKind::Organization => return Some("ORG"),
            ActorKind::Country => {
                // "Russian", "Japanese": a nationality adjective is MISC; "Russia" a place
                let is_place = overlapping(places, span, |p| (p.start, p.end)).is_some();
                return Some(if is_place { "LOC" } else { "MISC" });
            }
            _ => {}
        }
    }
    if words.iter().any(|w| ORG_WORDS.contains(w)) {
        return Some("ORG");
    }
    if overlapping(places, span, |p| (p.start, p.end)).is_some() || words.iter().any(|w| LOC_WORDS.contains(w)) {
        return Some("LOC");
    }
    let titled = start > 0 && TITLES.contains(&tokens[start - 1].norm.as_str());
    if titled {
        return Some("PER");
    }
    if words.len() == 1 {
        let t = &tokens[start];
        if person_surnames.iter().any(|s| s == last) {
            return Some("PER");
        }
        // an unknown all-capitals acronym names an organisation
        let raw_upper = t.norm.len() >= 2 && t.norm.len() <= 6 && t.norm.chars().all(|c| c.is_ascii_alphabetic());
        let written = &text[t.byte_start..t.byte_end];
        if raw_upper && !sentence_initial && written.chars().all(|c| !c.is_lowercase()) {
            return Some("ORG");
        }
        return None;
    }
    if words.len() <= 3 && !words.iter().any(|w| CONNECTORS.contains(w)) {
        return Some("PER");
    }
    Some("MISC")
}
