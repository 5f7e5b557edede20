use herald_core::{Sentence, Token, TokenKind};

use crate::tokens::is_abbreviation;

/// A story's dateline: `MOSCOW (Reuters) -`, `NAIROBI, Kenya (AP) _`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// Token range of the whole dateline, dash included.
    pub tok_start: usize,
    /// End token, exclusive.
    pub tok_end: usize,
    /// The place as written ("MOSCOW", "NAIROBI, Kenya").
    pub place: String,
    /// The agency in parentheses, if any ("Reuters").
    pub agency: Option<String>,
}

/// Words that, capitalised after a dotted acronym ("U.S."), start a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "the", "he", "she", "it", "they", "we", "i", "but", "in", "a", "an", "this", "that", "his", "her",
    "its", "their", "there", "on", "at", "after", "however", "meanwhile", "mr", "mrs", "ms",
];

fn is_closer(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "\"" | "'" | ")" | "]")
}

fn ends_sentence(t: &Token) -> bool {
    t.kind == TokenKind::Punct && (t.norm == "." || t.norm == "!" || t.norm == "?" || t.norm == "..." || t.norm == "\u{2026}")
}

/// Split tokens into sentences (and paragraphs), and find the dateline.
pub fn split_sentences(text: &str, tokens: &[Token]) -> (Vec<Sentence>, Option<Dateline>) {
    let mut sentences = Vec::new();
    let dateline = find_dateline(text, tokens);
    let mut start = dateline.as_ref().map_or(0, |d| d.tok_end);
    let mut paragraph = 0usize;
    let mut i = start;
    // Skip a dateline's own paragraph break.
    while i < tokens.len() {
        let t = &tokens[i];
        let mut boundary_after = false;
        let mut new_paragraph = false;
        // Line breaks between this token and the next.
        let gap = if i + 1 < tokens.len() { &text[t.byte_end..tokens[i + 1].byte_start] } else { "" };
        let newlines = gap.bytes().filter(|&b| b == b'\n').count();
        if newlines >= 2 {
            boundary_after = true;
            new_paragraph = true;
        } else if ends_sentence(t) || (t.kind == TokenKind::Word && t.byte_end > t.byte_start && text[..t.byte_end].ends_with('.')) {
            // "U.S." or "Gen." carry their period inside the token.
            let abbr_inside = t.kind == TokenKind::Word;
            let mut j = i + 1;
            while j < tokens.len() && is_closer(&tokens[j]) && tokens[j - 1].byte_end == tokens[j].byte_start {
                j += 1;
            }
            let next = tokens.get(j);
            let next_starts = next.is_none_or(|n| {
                n.capitalized || n.kind == TokenKind::Number || matches!(n.norm.as_str(), "\"" | "'" | "(" | "-")
            });
            if abbr_inside {
                // Abbreviation or initial: split only before a clear sentence starter
                // or a line break.
                let word = t.norm.as_str();
                let titled = is_abbreviation(word) && !matches!(word, "jr" | "sr" | "inc" | "ltd" | "co" | "corp" | "etc");
                let dotted_acronym = t.text(text).matches('.').count() >= 2;
                let line_break = newlines >= 1;
                if line_break
                    || (!titled
                        && next.is_some_and(|n| {
                            n.capitalized && (dotted_acronym || word.len() > 1) && SENTENCE_STARTERS.contains(&n.norm.as_str())
                        }))
                {
                    i = j - 1;
                    boundary_after = true;
                }
            } else if next_starts {
                i = j - 1;
                boundary_after = true;
            }
        } else if newlines == 1 {
            // A single line break ends a sentence when the next line starts with a
            // capital and this line is a headline or ends with a closing quote.
            let next = &tokens[i + 1];
            if next.capitalized || next.kind == TokenKind::Number || is_closer(t) {
                boundary_after = true;
            }
        }
        if boundary_after || i + 1 == tokens.len() {
            let end = i + 1;
            if end > start {
                sentences.push(Sentence {
                    paragraph,
                    byte_start: tokens[start].byte_start,
                    byte_end: tokens[end - 1].byte_end,
                    start: tokens[start].start,
                    end: tokens[end - 1].end,
                    tok_start: start,
                    tok_end: end,
                });
            }
            start = end;
            if new_paragraph || (end < tokens.len() && text[tokens[end - 1].byte_end..tokens[end].byte_start].matches('\n').count() >= 2) {
                paragraph += 1;
            }
        }
        i += 1;
    }
    (sentences, dateline)
}

/// `PLACE[, PLACE] [(AGENCY)] -|—|_` at the start of the text, with PLACE in capitals.
fn find_dateline(text: &str, tokens: &[Token]) -> Option<Dateline> {
    let mut i = 0;
    let mut place_end = 0;
    // Upper-case place words (at least one), optionally ", Region".
    while i < tokens.len() && i < 8 {
        let t = &tokens[i];
        let s = t.text(text);
        let all_caps = t.kind == TokenKind::Word && s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
        if all_caps || (i > 0 && t.kind == TokenKind::Word && t.capitalized && place_end > 0 && tokens[i - 1].norm == ",") {
            i += 1;
            place_end = i;
        } else if t.norm == "," && place_end > 0 {
            i += 1;
        } else {
            break;
        }
    }
    if place_end == 0 {
        return None;
    }
    i = place_end;
    let mut agency = None;
    if i < tokens.len() && tokens[i].norm == "(" {
        let close = (i + 1..tokens.len().min(i + 8)).find(|&k| tokens[k].norm == ")")?;
        agency = Some(text[tokens[i + 1].byte_start..tokens[close - 1].byte_end].to_string());
        i = close + 1;
    }
    let dash = tokens.get(i)?;
    if !(dash.kind == TokenKind::Punct && matches!(dash.norm.as_str(), "-" | "_" | "--" | ":")) {
        return None;
    }
    // Without an agency, require a real dash and all-caps place ("WASHINGTON -").
    Some(Dateline {
        tok_start: 0,
        tok_end: i + 1,
        place: text[tokens[0].byte_start..tokens[place_end - 1].byte_end].to_string(),
        agency,
    })
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    #[track_caller]
    fn check(input: &str, expect: &[&str]) {
        let a = analyze(input);
        let got: Vec<&str> = a.sentences.iter().map(|s| &input[s.byte_start..s.byte_end]).collect();
        assert_eq!(got, expect, "help: sentences of {input:?}");
    }

    #[test]
    fn sentence_table() {
        check("Mr. Putin met Dr. Kim. They talked.", &["Mr. Putin met Dr. Kim.", "They talked."]);
        check("Gen. Smith arrived. No. 10 said so.", &["Gen. Smith arrived.", "No. 10 said so."]);
        check("He flew to the U.S. on Friday. Then he left.", &["He flew to the U.S. on Friday.", "Then he left."]);
        check("He flew to the U.S. The talks began.", &["He flew to the U.S.", "The talks began."]);
        check("The U.N. Security Council met.", &["The U.N. Security Council met."]);
        check("J. R. Smith spoke. It ended.", &["J. R. Smith spoke.", "It ended."]);
        check("“We will win.” He said. “Never.”", &["“We will win.”", "He said.", "“Never.”"]);
        check("He said \"no.\" Then left.", &["He said \"no.\"", "Then left."]);
        check("Why? Because.", &["Why?", "Because."]);
        check("First line\nSecond line.", &["First line", "Second line."]);
        check("one para.\n\nTwo para.", &["one para.", "Two para."]);
        check("Talks in Washington, D.C. ended.", &["Talks in Washington, D.C. ended."]);
        check("", &[]);
    }

    #[test]
    fn datelines() {
        let text = "MOSCOW (Reuters) - Russia said on Friday it would talk.";
        let a = analyze(text);
        let d = a.dateline.clone().unwrap();
        assert_eq!((d.place.as_str(), d.agency.as_deref()), ("MOSCOW", Some("Reuters")));
        assert_eq!(&text[a.sentences[0].byte_start..a.sentences[0].byte_end], "Russia said on Friday it would talk.");
        let text = "NAIROBI, Kenya (AP) _\n\nSuspected bombs exploded.";
        let a = analyze(text);
        assert_eq!(a.dateline.unwrap().place, "NAIROBI, Kenya");
        assert_eq!(&text[a.sentences[0].byte_start..a.sentences[0].byte_end], "Suspected bombs exploded.");
        assert!(analyze("NATO said it would act.").dateline.is_none());
    }

    #[test]
    fn paragraphs_are_counted() {
        let a = analyze("One. Two.\n\nThree.");
        let p: Vec<usize> = a.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 0, 1]);
    }
}
