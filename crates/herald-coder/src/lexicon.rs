//! Closed-class word lists the coder's rules use. Lower case, quote-folded, as
//! `Token::norm` gives them.

/// Forms of "be".
pub const BE: &[&str] = &["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"];

/// Auxiliaries and modals that may stand between a subject and its verb.
pub const AUX: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "has", "have", "had", "having", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "'d", "'ve",
    "ca", "wo", "sha",
    "'s", "'re", "to", "get", "got", "gets",
];

/// Modals that make an act hypothetical.
pub const HYPOTHETICAL: &[&str] = &["would", "could", "might", "may", "should", "'d"];

/// Markers of the future.
pub const FUTURE: &[&str] = &["will", "'ll", "shall"];

/// Negators.
pub const NEGATION: &[&str] = &["not", "n't", "never", "no", "nor"];

/// Adverbs that may sit between a subject and its verb (besides words in -ly).
pub const ADVERBS: &[&str] = &[
    "also", "again", "once", "already", "still", "just", "now", "then", "soon", "since", "even", "ever",
    "further", "later", "first", "previously", "recently", "reportedly", "allegedly", "jointly",
    "together", "twice", "often", "almost", "nearly", "finally", "formally", "quickly", "both", "all",
    "each", "then", "yet", "long", "repeatedly", "subsequently", "effectively", "officially", "most", "very",
];

/// Verbs that, followed by "to", frame a statement of intent ("agreed to send").
pub const INTENT_FRAMES: &[&str] = &[
    "agree", "agreed", "agrees", "agreeing", "pledge", "pledged", "pledges", "pledging", "promise",
    "promised", "promises", "promising", "vow", "vowed", "vows", "vowing", "offer", "offered", "offers",
    "offering", "commit", "committed", "commits", "undertake", "undertook", "undertakes", "decide",
    "decided", "decides", "willing", "ready", "prepared", "resolve", "resolved",
];

/// Verbs and adjectives that, followed by "to", frame a future or plan ("is set to meet").
pub const FUTURE_FRAMES: &[&str] = &[
    "set", "plan", "plans", "planned", "planning", "scheduled", "expected", "due", "going", "intend",
    "intends", "intended", "intending", "aim", "aims", "aimed", "aiming", "hope", "hopes", "hoped",
    "hoping", "want", "wants", "wanted", "wanting", "seek", "seeks", "sought", "seeking", "prepare",
    "prepares", "preparing", "about", "poised", "likely", "slated", "try", "tries", "tried", "trying",
    "attempt", "attempts", "attempted", "expect", "expects", "wish", "wishes", "would like", "like",
];

/// Verbs that, followed by "to", negate the act ("refused to sign").
pub const NEGATIVE_FRAMES: &[&str] = &[
    "refuse", "refused", "refuses", "refusing", "decline", "declined", "declines", "declining", "fail",
    "failed", "fails", "failing", "reject", "rejected", "unable", "unwilling",
];

/// Determiners, possessives and quantifiers that open a noun phrase.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "'s", "any", "no", "each", "every", "some", "several", "many", "much", "more", "most", "other",
    "another", "such", "both", "all", "whose", "'",
];

/// Prepositions (single words) that open a prepositional phrase.
pub const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "over", "under", "about",
    "against", "between", "among", "during", "after", "before", "through", "across", "toward",
    "towards", "near", "amid", "amidst", "despite", "within", "without", "upon", "via", "per", "since",
    "until", "like", "ahead", "including", "following", "regarding", "concerning", "behind", "beyond",
    "around", "along", "alongside", "throughout", "outside", "inside", "off",
];

/// Words that open a new clause; target and gap search stops at them.
pub const CLAUSE_OPENERS: &[&str] = &[
    "when", "while", "because", "although", "though", "whereas", "who", "which", "whom", "whose",
    "where", "if", "unless", "whether", "since", "after", "before", "as", "but", "so", "until",
];

/// Relative pronouns that may stand between a subject and its verb.
pub const RELATIVES: &[&str] = &["who", "which", "that"];

/// Reporting verbs that mark attribution ("X said", "KCNA reported").
pub const REPORTING: &[&str] = &[
    "said", "says", "say", "saying", "told", "tells", "tell", "reported", "reports", "report",
    "reporting", "added", "adds", "stated", "states", "announced", "announces", "claimed", "claims",
    "claim", "alleged", "alleges", "believes", "believe", "believed", "assessed", "assesses",
    "estimated", "estimates", "noted", "notes", "insisted", "insists", "confirmed", "confirms", "quoted",
    "cited", "wrote", "writes", "explained", "explains", "argued", "argues",
    "suggested", "suggests", "indicated", "indicates", "denied", "denies", "acknowledged",
    "acknowledges", "asserted", "asserts", "declared", "declares", "according",
];

/// Reporting verbs that deny what they report.
pub const DENIALS: &[&str] = &["denied", "denies", "deny", "denying", "rejected", "dismissed"];

/// Nouns that carry an event of their own; a time, place or prepositional
/// phrase right after one of these belongs to it, not to the verb before it.
pub const EVENT_NOUNS: &[&str] = &[
    "summit", "talks", "meeting", "meetings", "visit", "trip", "war", "election", "elections",
    "conference", "call", "negotiations", "ceasefire", "deal", "agreement", "treaty", "attack",
    "attacks", "invasion", "offensive", "operation", "exercise", "exercises", "drills", "vote",
    "referendum", "return", "session", "meeting", "discussion", "discussions", "consultations",
    "preparations",
];

/// Nouns that "the two ..." / "both ..." use to refer to a pair of actors.
pub const PAIR_NOUNS: &[&str] = &[
    "leaders", "countries", "nations", "sides", "men", "presidents", "governments", "neighbours",
    "neighbors", "allies", "states", "parties", "officials", "ministers", "delegations", "heads",
];

/// Direction adjectives between a preposition and a place ("to eastern Ukraine").
pub const DIRECTIONS: &[&str] = &[
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
    "south-eastern", "south-western", "occupied", "neighbouring", "neighboring", "rural", "coastal",
];

/// Pronouns that can be subjects.
pub const PERSON_PRONOUNS: &[&str] = &["he", "she"];

/// Membership test for a word list.
pub fn is(list: &[&str], word: &str) -> bool {
    herald_core::one_of(list, word)
}

/// True for adverbs: the list above or a lower-case word in -ly.
pub fn is_adverb(word: &str) -> bool {
    is(ADVERBS, word) || (word.len() > 4 && word.ends_with("ly") && !matches!(word, "italy" | "rally" | "ally" | "family" | "july" | "supply" | "reply" | "apply" | "assembly" | "early" | "only"))
}
