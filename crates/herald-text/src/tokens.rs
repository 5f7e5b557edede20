use herald_core::{Token, TokenKind};

/// Abbreviations that take a period and do not end a sentence (lower case, no period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "cpl", "maj", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "prof", "st", "jr", "sr", "no", "nos", "vol", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "vs",
    "approx", "est", "dept", "univ", "pres", "messrs", "mt", "ft", "ave", "blvd", "fig", "al",
    "brig", "lieut", "supt", "insp", "hon", "gens", "reps", "sens", "govs", "etc", "cf", "e.g",
    "i.e", "a.m", "p.m",
];

/// True when `norm` (lower case, without its final period) is an abbreviation
/// that is normally followed by a period and does not end a sentence.
pub fn is_abbreviation(norm: &str) -> bool {
    ABBREVIATIONS.contains(&norm)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}' || c == '\u{2018}' || c == '`'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_dash(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Fold a punctuation character to its ASCII form for `norm`.
fn fold_punct(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '`' => '\'',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Split `text` into tokens.
///
/// Words keep inner hyphens ("good-neighbourliness", "Jong-un") and inner
/// apostrophes ("O'Brien"); the possessive "'s"/"’s" and "n't" are tokens of
/// their own. Dotted acronyms ("U.S.") and known abbreviations ("Gen.") keep
/// their periods in the token, and their `norm` drops them ("us", "gen").
/// Numbers keep inner commas and periods ("15,000", "2.5").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    // characters by index: for ASCII text (most news) the bytes themselves
    let ascii = text.is_ascii();
    let bytes = text.as_bytes();
    let chars: Vec<(usize, char)> = if ascii { Vec::new() } else { text.char_indices().collect() };
    let n = if ascii { bytes.len() } else { chars.len() };
    let ch = |i: usize| if ascii { bytes[i] as char } else { chars[i].1 };
    let byte_at = |i: usize| if i >= n { text.len() } else if ascii { i } else { chars[i].0 };
    let mut i = 0;
    while i < n {
        let c = ch(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_numeric() {
            let mut j = i + 1;
            while j < n {
                let cj = ch(j);
                if cj.is_numeric() {
                    j += 1;
                } else if (cj == ',' || cj == '.') && j + 1 < n && ch(j + 1).is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            // "1990s", "15th", "3rd": a number glued to letters stays one token.
            let mut kind = TokenKind::Number;
            if j < n && ch(j).is_alphabetic() {
                while j < n && is_word_char(ch(j)) {
                    j += 1;
                }
                kind = TokenKind::Word;
            }
            push(&mut out, text, &byte_at, start, j, kind, None);
            i = j;
            continue;
        }
        if (c == 'n' || c == 'N') && i + 2 < n && i > 0 && is_word_char(ch(i - 1)) && is_apostrophe(ch(i + 1)) && matches!(ch(i + 2), 't' | 'T') {
            push(&mut out, text, &byte_at, i, i + 3, TokenKind::Word, Some("n't".to_string()));
            i += 3;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            loop {
                while j < n && is_word_char(ch(j)) {
                    j += 1;
                }
                // inner hyphen or apostrophe followed by a letter continues the word,
                // except the possessive 's and n't which are split below.
                if j + 1 < n && (is_dash(ch(j)) || is_apostrophe(ch(j))) && is_word_char(ch(j + 1)) {
                    if is_apostrophe(ch(j)) {
                        let mut k = j + 1;
                        while k < n && ch(k).is_alphabetic() {
                            k += 1;
                        }
                        let suffix: String = text[byte_at(j + 1)..byte_at(k)].to_lowercase();
                        if suffix == "t" && j > start + 1 && matches!(ch(j - 1), 'n' | 'N') {
                            j -= 1; // "didn't" -> "did" + "n't"
                            break;
                        }
                        if matches!(suffix.as_str(), "s" | "ll" | "ve" | "re" | "d" | "m") {
                            break; // possessive, "it's", "we'll", "they've", "they're"
                        }
                    }
                    j += 2;
                    continue;
                }
                break;
            }
            // currency prefixes stay one token: "US$", "HK$", "A$"
            if j < n && ch(j) == '$' && j - start <= 3 && text[byte_at(start)..byte_at(j)].chars().all(char::is_uppercase) {
                push(&mut out, text, &byte_at, start, j + 1, TokenKind::Word, None);
                i = j + 1;
                continue;
            }
            // dotted acronyms "U.S." "U.N." and abbreviations "Gen." keep their period.
            let mut end = j;
            let word = &text[byte_at(start)..byte_at(j)];
            if j < n && ch(j) == '.' {
                let single = j - start == 1 && c.is_alphabetic();
                let mut k = j;
                let mut dotted = false;
                // letter '.' letter '.' ...
                if single {
                    while k + 2 < n && ch(k) == '.' && ch(k + 1).is_alphabetic() && (k + 2 >= n || ch(k + 2) == '.') {
                        k += 2;
                        dotted = true;
                    }
                }
                let lower = word.to_lowercase();
                if dotted {
                    end = k + 1; // include the final period
                } else if single && c.is_uppercase() {
                    end = j + 1; // an initial: "J. Smith"
                } else if is_abbreviation(&lower) {
                    // "No." and "Nos." abbreviate "number" only before a numeral.
                    let numeral_follows = text[byte_at(j + 1)..].trim_start().starts_with(|ch: char| ch.is_ascii_digit());
                    if !matches!(lower.as_str(), "no" | "nos") || numeral_follows {
                        end = j + 1;
                    }
                }
            }
            let norm = if end > j {
                let s: String = text[byte_at(start)..byte_at(end)].chars().filter(|&ch| ch != '.').collect();
                Some(s.to_lowercase())
            } else {
                None
            };
            push(&mut out, text, &byte_at, start, end, TokenKind::Word, norm);
            i = end;
            continue;
        }
        if is_apostrophe(c) {
            // possessive 's / n't / 'll as tokens
            if i + 1 < n && matches!(ch(i + 1), 's' | 'S') && (i + 2 >= n || !is_word_char(ch(i + 2))) && i > 0 && is_word_char(ch(i - 1)) {
                push(&mut out, text, &byte_at, i, i + 2, TokenKind::Word, Some("'s".to_string()));
                i += 2;
                continue;
            }
            let mut j = i + 1;
            while j < n && ch(j).is_alphabetic() && i > 0 && is_word_char(ch(i - 1)) {
                j += 1;
            }
            if j > i + 1 && j - i <= 3 {
                let norm: String = std::iter::once('\'').chain(text[byte_at(i + 1)..byte_at(j)].chars()).collect::<String>().to_lowercase();
                push(&mut out, text, &byte_at, i, j, TokenKind::Word, Some(norm));
                i = j;
                continue;
            }
        }
        // punctuation: one character, except runs of periods ("...") and "--".
        let mut j = i + 1;
        if c == '.' || c == '-' {
            while j < n && ch(j) == c {
                j += 1;
            }
        }
        let norm = if j - i == 1 { Some(fold_punct(c).to_string()) } else { None };
        push(&mut out, text, &byte_at, i, j, TokenKind::Punct, norm);
        i = j;
    }
    out
}

fn push(
    out: &mut Vec<Token>,
    text: &str,
    byte_at: &dyn Fn(usize) -> usize,
    start: usize,
    end: usize,
    kind: TokenKind,
    norm: Option<String>,
) {
    let (bs, be) = (byte_at(start), byte_at(end));
    let slice = &text[bs..be];
    let norm = norm.unwrap_or_else(|| {
        if slice.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
            slice.to_string()
        } else {
            slice.chars().map(fold_punct).flat_map(char::to_lowercase).collect()
        }
    });
    let capitalized = slice.chars().next().is_some_and(char::is_uppercase);
    out.push(Token { byte_start: bs, byte_end: be, start, end, kind, norm, capitalized });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect: &[&str]) {
        let toks = tokenize(input);
        let got: Vec<&str> = toks.iter().map(|t| t.text(input)).collect();
        assert_eq!(got, expect, "help: tokens of {input:?}");
        for t in &toks {
            assert_eq!(input.chars().skip(t.start).take(t.end - t.start).collect::<String>(), t.text(input), "char offsets of {t:?}");
        }
    }

    #[test]
    fn token_table() {
        check("Mr Putin met Mr. Kim.", &["Mr", "Putin", "met", "Mr.", "Kim", "."]);
        check("the U.S. and U.N. said", &["the", "U.S.", "and", "U.N.", "said"]);
        check("Russia’s war", &["Russia", "’s", "war"]);
        check("Russia's war", &["Russia", "'s", "war"]);
        check("Korean People's Army", &["Korean", "People", "'s", "Army"]);
        check("didn't sign", &["did", "n't", "sign"]);
        check("around 15,000 troops in 1990s", &["around", "15,000", "troops", "in", "1990s"]);
        check("“reaffirm” their", &["“", "reaffirm", "”", "their"]);
        check("Kim Jong-un and O'Brien", &["Kim", "Jong-un", "and", "O'Brien"]);
        check("Gen. J. Smith", &["Gen.", "J.", "Smith"]);
        check("good-neighbourliness, and", &["good-neighbourliness", ",", "and"]);
        check("Élysée café", &["Élysée", "café"]);
        check("they're here", &["they", "'re", "here"]);
        check("", &[]);
        check("...", &["..."]);
        check("US$ 6 billion", &["US$", "6", "billion"]);
    }

    #[test]
    fn norms_fold_case_quotes_and_periods() {
        let t = tokenize("U.S. “Kremlin’s” Gen.");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["us", "\"", "kremlin", "'s", "\"", "gen"]);
        assert!(t[0].capitalized && !t[1].capitalized);
    }
}
