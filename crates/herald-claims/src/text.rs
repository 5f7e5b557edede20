//! The word-level readings the claims stage makes of a sentence: topics of
//! discussion, event nouns that refer back to an event, statements that an
//! account leaves something out, state media names.

/// Is `w` one of `list`?
pub(crate) fn one_of(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
}

const STATE_MEDIA: &str = include_str!("../data/state_media.tsv");

/// The country whose state media `phrase` names: a listed medium ("KCNA",
/// "Xinhua"), or "state media", "state television", "state news agency",
/// "state-run ..." with a country code (`code`, as resolved) to go with it.
pub(crate) fn state_media(phrase: &str, code: Option<&str>) -> Option<String> {
    let words: Vec<String> = phrase.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(str::to_string).collect();
    for line in STATE_MEDIA.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let Some((name, country)) = line.split_once('\t') else { continue };
        let nw: Vec<&str> = name.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
        // whole words, case-sensitive for short acronyms ("RT", "SPA"), else not
        let acronym = name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase());
        let eq = |a: &str, b: &str| if acronym { a == b } else { a.eq_ignore_ascii_case(b) };
        if !nw.is_empty() && words.windows(nw.len()).any(|win| win.iter().zip(&nw).all(|(a, b)| eq(a, b))) {
            return Some(country.trim().to_string());
        }
    }
    let lower = phrase.to_lowercase();
    let state = ["state media", "state television", "state tv", "state news agency", "state broadcaster", "state-run", "state-controlled", "official news agency"];
    if state.iter().any(|s| lower.contains(s)) {
        if let Some(c) = code.filter(|c| c.len() >= 3 && !c.starts_with('-')) {
            return Some(c[..3].to_string());
        }
    }
    None
}

/// Fold curly quotes and apostrophes to ASCII, lower-case.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// What a sentence says was discussed: the object of "discussed",
/// "discussing", "talked about", "raised", "exchanged views on", up to a
/// comma, a quote, "with" or the end ("the preparations for the Alaska
/// summit").
pub(crate) fn topics(sentence: &str) -> Vec<String> {
    const CUES: &[&str] = &["discussed ", "discussing ", "discuss ", "talked about ", "talking about ", "raised ", "raising ", "exchanged views on ", "touched on ", "focused on ", "reviewed "];
    // ASCII lower-casing keeps byte offsets, so spans of `low` are spans of `sentence`
    let low = sentence.to_ascii_lowercase();
    let mut out = Vec::new();
    for cue in CUES {
        let mut from = 0;
        while let Some(p) = low[from..].find(cue) {
            let at = from + p;
            from = at + cue.len();
            // a whole word
            if at > 0 && low.as_bytes()[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let rest = &sentence[at + cue.len()..];
            let rlow = &low[at + cue.len()..];
            let mut end = rlow.len();
            for stop in [",", ";", ".", "\"", "\u{201C}", "\u{201D}", " with ", " and the ", " on tuesday", " during "] {
                if let Some(q) = rlow.find(stop) {
                    end = end.min(q);
                }
            }
            let t = rest.get(..end).unwrap_or(rest).trim();
            if t.split_whitespace().count() >= 2 && t.len() <= 120 {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// Content words (lower-cased, four letters or more, not function words).
pub(crate) fn content_words(s: &str) -> Vec<String> {
    const STOP: &[&str] = &["about", "their", "there", "these", "those", "which", "with", "from", "that", "this", "have", "been", "were", "will", "would", "also", "into", "upon", "over", "such", "discussion", "discussions", "issue", "issues", "matter", "matters"];
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && !STOP.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// Event nouns a sentence uses to refer back to an event ("during the phone
/// call", "the talks", "the strike"), as the CAMEO roots they may stand
/// for; `None` when it uses none.
pub(crate) fn event_noun_roots(sentence: &str) -> Option<Vec<&'static str>> {
    const NOUNS: &[(&str, &[&str])] = &[
        ("call", &["04"]),
        ("conversation", &["04"]),
        ("talks", &["04", "03"]),
        ("meeting", &["04", "03"]),
        ("summit", &["04", "03"]),
        ("visit", &["04"]),
        ("trip", &["04"]),
        ("attack", &["18", "19", "20"]),
        ("attacks", &["18", "19", "20"]),
        ("strike", &["18", "19", "20"]),
        ("strikes", &["18", "19", "20"]),
        ("airstrike", &["18", "19", "20"]),
        ("raid", &["18", "19", "20"]),
        ("shelling", &["19", "20"]),
        ("bombing", &["18", "19", "20"]),
        ("offensive", &["19", "20"]),
        ("agreement", &["05", "06", "03", "08"]),
        ("deal", &["05", "06", "03", "08"]),
        ("treaty", &["05", "06", "03"]),
        ("ceasefire", &["08", "03", "05"]),
        ("truce", &["08", "03", "05"]),
        ("arrests", &["17"]),
        ("expulsion", &["16", "17"]),
        ("sanctions", &["16"]),
    ];
    const DETS: &[&str] = &["the", "this", "that", "their", "his", "her", "its", "the same"];
    let low = fold(sentence);
    let words: Vec<&str> = low.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let Some((_, roots)) = NOUNS.iter().find(|(n, _)| n == w) else { continue };
        // a determiner just before, or one word between ("the phone call", "the Alaska summit" is not
        // a reference to an earlier call, so the modifier must not be a proper name: checked by the caller's latest-event test)
        let det = (i >= 1 && DETS.contains(&words[i - 1])) || (i >= 2 && DETS.contains(&words[i - 2]) && matches!(words[i - 1], "phone" | "telephone" | "video" | "two" | "latest" | "recent" | "deadly" | "same"));
        if det {
            return Some(roots.to_vec());
        }
    }
    None
}

/// An omission statement: byte spans (in the sentence) of its subject ("the
/// North Korean statement") and of what it leaves out.
pub(crate) struct Omission {
    pub subject: (usize, usize),
    pub omitted: (usize, usize),
}

/// "X did not mention Y", "X made no mention of Y", "X omitted Y", where X
/// is an account ("statement", "readout", "report", "account", "version",
/// "media", "side").
pub(crate) fn omission(sentence: &str) -> Option<Omission> {
    const CUES: &[&str] = &["did not mention ", "didn't mention ", "didn\u{2019}t mention ", "does not mention ", "doesn't mention ", "did not refer to ", "made no mention of ", "makes no mention of ", "made no reference to ", "omitted ", "left out ", "failed to mention "];
    const ACCOUNTS: &[&str] = &["statement", "readout", "report", "account", "version", "media", "side", "summary", "communique", "agency"];
    let low = sentence.to_ascii_lowercase();
    let (at, cue) = CUES.iter().filter_map(|c| low.find(c).map(|p| (p, *c))).min_by_key(|x| x.0)?;
    let subj_text = &low[..at];
    // the subject starts after a leading "however," / "but"
    let mut s0 = 0;
    for lead in ["however,", "but ", "yet ", "meanwhile,"] {
        if let Some(p) = subj_text.find(lead) {
            if p < 3 {
                s0 = p + lead.len();
            }
        }
    }
    while s0 < at && low.as_bytes()[s0] == b' ' {
        s0 += 1;
    }
    let subject = low[s0..at].trim_end();
    if !subject.split_whitespace().any(|w| ACCOUNTS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))) {
        return None;
    }
    let o0 = at + cue.len();
    let mut o1 = low.len();
    for stop in [". ", ".\"", ";"] {
        if let Some(p) = low[o0..].find(stop) {
            o1 = o1.min(o0 + p);
        }
    }
    let o1 = low[..o1].trim_end_matches(['.', ' ']).len();
    (o1 > o0 && sentence.is_char_boundary(s0) && sentence.is_char_boundary(o1)).then_some(Omission { subject: (s0, s0 + subject.len()), omitted: (o0, o1) })
}

/// Does `object` (what a denial denies, lower-case) name the act of an
/// event triggered by `trigger`: a content word in common (stems of five
/// letters), or acts of one family (attack, strike, shelling ...)?
pub(crate) fn same_act(object: &str, trigger: &str) -> bool {
    const FAMILIES: &[&[&str]] = &[
        &["attack", "strike", "shell", "bomb", "raid", "fire", "fired", "shoot", "shot", "kill", "hit", "launch", "missile", "drone", "airstrike", "assault", "offensive"],
        &["arrest", "detain", "detention", "custody", "jail", "imprison"],
        &["troop", "soldier", "deploy", "sent", "send", "sending", "cross", "incursion", "invade", "invasion"],
        &["meet", "met", "talk", "visit", "summit", "negotiat"],
        &["sanction", "embargo", "ban"],
    ];
    let stems = |s: &str| -> Vec<String> { content_words(s).iter().map(|w| w.chars().take(5).collect()).collect() };
    let (o, t) = (stems(object), stems(trigger));
    if o.iter().any(|w| w.len() >= 4 && t.contains(w)) {
        return true;
    }
    let fam = |s: &str| -> Vec<usize> {
        let low = s.to_lowercase();
        FAMILIES.iter().enumerate().filter(|(_, f)| low.split(|c: char| !c.is_alphanumeric()).any(|w| f.iter().any(|x| w.starts_with(x)))).map(|(i, _)| i).collect()
    };
    let ft = fam(trigger);
    fam(object).iter().any(|f| ft.contains(f))
}

/// Capitalise the first letter.
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Does a hedge leave the count open above ("at least", "more than")?
pub(crate) fn open_above(hedge: &str) -> bool {
    let h = hedge.to_lowercase();
    ["at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than", "nearly"].iter().any(|x| h == *x) && h != "nearly"
}

/// Are two counted nouns the same kind of thing? Equal, one empty, or both
/// people ("people", "civilians", "soldiers", "troops" ...).
pub(crate) fn same_unit(a: &str, b: &str) -> bool {
    const PEOPLE: &[&str] = &["people", "persons", "person", "civilians", "soldiers", "troops", "fighters", "militants", "protesters", "demonstrators", "children", "men", "women", "workers", "personnel", "police", "officers", "servicemen", "residents", "villagers", "migrants", "refugees", "prisoners", "detainees", "journalists", "students", "members"];
    a.is_empty() || b.is_empty() || a == b || (PEOPLE.contains(&a) && PEOPLE.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_media_names() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("the Korean Central News Agency", Some("PRKMED"), Some("PRK")),
            ("KCNA", None, Some("PRK")),
            ("North Korea's state media", Some("PRK"), Some("PRK")),
            ("Xinhua news agency", None, Some("CHN")),
            ("the Kremlin", Some("RUSGOV"), None),
            ("Reuters", None, None),
            // an acronym only as a whole word, in capitals
            ("sports fans", None, None),
            ("Art critics", None, None),
        ];
        for (phrase, code, want) in cases {
            assert_eq!(state_media(phrase, *code).as_deref(), *want, "{phrase}");
        }
    }

    #[test]
    fn discussed_topics() {
        let cases: &[(&str, &[&str])] = &[
            ("During the phone call, Mr Putin discussed the preparations for the Alaska summit with Mr Trump, sharing information, the Kremlin said.", &["the preparations for the Alaska summit"]),
            ("They talked about trade and energy, officials said.", &["trade and energy"]),
            ("The two leaders met in Paris.", &[]),
            // one word is not a topic
            ("He discussed it.", &[]),
        ];
        for (s, want) in cases {
            assert_eq!(topics(s), want.iter().map(|x| x.to_string()).collect::<Vec<_>>(), "{s}");
        }
    }

    #[test]
    fn references_to_events() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("During the phone call, Mr Putin discussed the summit.", Some(&["04"])),
            ("The talks lasted two hours, the ministry said.", Some(&["04", "03"])),
            ("Rebels said the strike killed 12.", Some(&["18", "19", "20"])),
            ("A strike by dock workers closed the port.", None),
            ("Mr Putin spoke with Mr Kim.", None),
        ];
        for (s, want) in cases {
            assert_eq!(event_noun_roots(s).as_deref(), *want, "{s}");
        }
    }

    #[test]
    fn omission_statements() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("However, the North Korean statement did not mention the discussion about Mr Putin and Mr Trump\u{2019}s talks.", Some(("the North Korean statement", "the discussion about Mr Putin and Mr Trump\u{2019}s talks"))),
            ("The Kremlin readout made no mention of sanctions.", Some(("The Kremlin readout", "sanctions"))),
            // a person, not an account
            ("Mr Putin did not mention the war.", None),
            ("Nothing was omitted.", None),
        ];
        for (s, want) in cases {
            let got = omission(s).map(|o| (&s[o.subject.0..o.subject.1], &s[o.omitted.0..o.omitted.1]));
            assert_eq!(got, *want, "{s}");
        }
    }

    #[test]
    fn denied_acts() {
        let cases = [
            ("carrying out a strike on a drone factory near isfahan", "accused Israel of attacking", true),
            ("shelling border villages", "accused Armenia of shelling", true),
            ("a newspaper report that more arrests had been made there", "met", false),
            ("speculation that he would step down", "welcomed", false),
            ("reports that the south ossetians had agreed to a ceasefire", "accused", false),
        ];
        for (object, trigger, want) in cases {
            assert_eq!(same_act(object, trigger), want, "{object} / {trigger}");
        }
    }

    #[test]
    fn hedges_and_units() {
        for (h, open) in [("at least", true), ("more than", true), ("around", false), ("up to", false), ("nearly", false)] {
            assert_eq!(open_above(h), open, "{h}");
        }
        for (a, b, same) in [("people", "civilians", true), ("troops", "soldiers", true), ("", "tanks", true), ("tanks", "people", false)] {
            assert_eq!(same_unit(a, b), same, "{a} {b}");
        }
    }
}
