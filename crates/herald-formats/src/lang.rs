//! Which language is a text in? A stop-word test over its first words: the
//! language whose most frequent function words cover the largest share of the
//! words wins; text mostly in a non-Latin script is named by its script.
//! Enough to keep non-English articles out of an English coder; not a general
//! language identifier.

const EN: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by", "as", "at", "from", "he", "it", "be", "has",
    "have", "are", "were", "an", "his", "their", "which", "will", "not", "but", "this", "its", "they", "had", "been", "who", "would", "after",
    "also", "or", "after", "than", "we", "she", "her", "about", "over", "into",
];
const FR: &[&str] = &["le", "la", "les", "de", "des", "du", "et", "un", "une", "est", "dans", "que", "qui", "pour", "sur", "au", "aux", "par", "pas", "avec", "ce", "il", "elle", "ont", "été", "sont", "plus", "mais"];
const ES: &[&str] = &["el", "la", "los", "las", "de", "del", "y", "en", "que", "un", "una", "por", "con", "para", "es", "se", "al", "lo", "como", "más", "pero", "sus", "fue", "ha", "han"];
const DE: &[&str] = &["der", "die", "das", "und", "ist", "von", "zu", "den", "mit", "sich", "des", "auf", "für", "nicht", "ein", "eine", "dem", "im", "auch", "wurde", "sind", "nach", "bei"];
const PT: &[&str] = &["o", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "um", "uma", "que", "para", "com", "não", "no", "na", "por", "foi", "mais", "ao"];
const IT: &[&str] = &["il", "lo", "la", "gli", "le", "di", "del", "della", "e", "che", "è", "un", "una", "per", "con", "non", "sono", "nel", "alla", "ha", "anche"];
const NL: &[&str] = &["de", "het", "een", "en", "van", "in", "is", "op", "dat", "die", "te", "met", "voor", "niet", "zijn", "werd", "ook", "aan", "naar"];

/// The language of a text: `en`, `fr`, `es`, `de`, `pt`, `it`, `nl`, a script
/// (`cyrillic`, `arabic`, `cjk`, `other-script`), or `und` when the text is
/// too short to tell (fewer than 12 words: taken as English by [`is_english`]).
pub fn detect(text: &str) -> &'static str {
    // the first 3000 characters, without copying them
    let sample = match text.char_indices().nth(3000) {
        Some((b, _)) => &text[..b],
        None => text,
    };
    let (mut latin, mut cyr, mut arab, mut cjk, mut other) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        match c as u32 {
            0..=0x024F => latin += 1,
            0x0400..=0x052F => cyr += 1,
            0x0600..=0x06FF | 0x0750..=0x077F => arab += 1,
            0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF => cjk += 1,
            _ => other += 1,
        }
    }
    let letters = latin + cyr + arab + cjk + other;
    if letters == 0 {
        return "und";
    }
    if latin * 2 < letters {
        let best = [(cyr, "cyrillic"), (arab, "arabic"), (cjk, "cjk"), (other, "other-script")].into_iter().max_by_key(|x| x.0).map_or("other-script", |x| x.1);
        return best;
    }
    const LANGS: [(&str, &[&str]); 7] = [("en", EN), ("fr", FR), ("es", ES), ("de", DE), ("pt", PT), ("it", IT), ("nl", NL)];
    // each stop word once, with the languages that list it as bits
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, u8>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (i, (_, list)) in LANGS.iter().enumerate() {
            for w in *list {
                *m.entry(*w).or_insert(0u8) |= 1 << i;
            }
        }
        m
    });
    let mut counts = [0usize; LANGS.len()];
    let mut n = 0usize;
    let mut lower = String::new();
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(400) {
        n += 1;
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if let Some(&bits) = table.get(lower.as_str()) {
            for (i, c) in counts.iter_mut().enumerate() {
                *c += (bits >> i & 1) as usize;
            }
        }
    }
    // short phrases (names, headlines) say too little: "Jean-Yves Le Drian" is not French
    if n < 12 {
        return "und";
    }
    let mut best = ("und", 0usize);
    for (i, (code, _)) in LANGS.iter().enumerate() {
        if counts[i] > best.1 {
            best = (code, counts[i]);
        }
    }
    // a few function words in a long text say little: ask for a real share
    if best.1 * 100 < n * 8 {
        return "und";
    }
    best.0
}

/// Is the text English (or too short to tell)? Texts herald would code.
pub fn is_english(text: &str) -> bool {
    english_given(text, detect(text))
}

/// [`is_english`] given the text's [`detect`] result.
pub fn english_given(text: &str, detected: &str) -> bool {
    // "und" from a long Latin text with no English function words at all is not English
    let confidently_other = detected == "und" && text.split_whitespace().take(400).count() >= 40;
    matches!(detected, "en" | "und") && !confidently_other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let table = [
            ("Russian President Vladimir Putin held a phone call with North Korean leader Kim Jong Un on Tuesday, the Kremlin said.", "en"),
            ("Le président russe Vladimir Poutine a eu un entretien téléphonique avec le dirigeant nord-coréen, a indiqué le Kremlin dans un communiqué.", "fr"),
            ("El presidente ruso Vladímir Putin habló por teléfono con el líder norcoreano Kim Jong Un, según informó el Kremlin en un comunicado.", "es"),
            ("Der russische Präsident Wladimir Putin hat mit dem nordkoreanischen Machthaber Kim Jong Un telefoniert, teilte der Kreml mit.", "de"),
            ("Президент России Владимир Путин провел телефонный разговор с лидером КНДР Ким Чен Ыном.", "cyrillic"),
            ("الرئيس الروسي فلاديمير بوتين أجرى اتصالا هاتفيا مع زعيم كوريا الشمالية", "arabic"),
            ("俄罗斯总统普京与朝鲜领导人金正恩通电话", "cjk"),
            ("Arnor protests.", "und"),
            ("French Foreign Minister Jean-Yves Le Drian", "und"),
            ("Nawaf Al-Ahmad Al-Jaber Al-Sabah", "und"),
            ("", "und"),
        ];
        for (t, want) in table {
            assert_eq!(detect(t), want, "{t}");
        }
        assert!(is_english("Gondor praised Arnor."));
        assert!(!is_english("Der russische Präsident Wladimir Putin hat mit dem nordkoreanischen Machthaber Kim Jong Un telefoniert, teilte der Kreml mit."));
    }
}
