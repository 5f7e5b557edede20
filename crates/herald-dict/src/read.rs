//! The readers: one pass per file, line by line, collecting errors.

use crate::*;
use std::collections::HashMap;

/// Read one dictionary file's content. `file_name` names the file in the
/// dictionary's provenance and in every error; `format` and `kind` say how to
/// read it ([`crate::detect`] guesses them from a name). Never fails: bad lines are
/// skipped (or read as far as possible) and reported in [`Parsed::errors`].
pub fn parse_str(content: &str, file_name: &str, format: Format, kind: FileKind) -> Parsed {
    let mut r = Reader {
        file: file_name.to_string(),
        format,
        dict: Dictionary::default(),
        errors: Vec::new(),
    };
    r.dict.sources.push(SourceFile { name: file_name.to_string(), format, kind });
    let lines = clean_lines(content, format);
    match kind {
        FileKind::Actors => r.actors(&lines),
        FileKind::Agents => r.agents(&lines),
        FileKind::Verbs => r.verbs(&lines),
        FileKind::Discards => r.discards(&lines),
        FileKind::Issues => r.issues(&lines),
        FileKind::Options => r.options(&lines),
        FileKind::Project => r.project(&lines),
    }
    Parsed { dictionary: r.dict, errors: r.errors }
}

/// Strip comments and blank lines; returns (1-based line, trimmed text).
///
/// Both formats: `<!-- ... -->` (also over several lines) and lines starting
/// with `<!` or `#`. PETRARCH: `#` starts a comment anywhere. TABARI: `;` starts
/// a comment anywhere, `//` at the start of a line, and a line starting with
/// `~~` ends the file (`~~FINISH`, `~~~~~`).
fn clean_lines(content: &str, format: Format) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_xml = false;
    for (i, raw) in content.lines().enumerate() {
        let n = i + 1;
        let mut line = raw.replace('\u{feff}', "");
        if in_xml {
            match line.find("-->") {
                Some(k) => {
                    line = line[k + 3..].to_string();
                    in_xml = false;
                }
                None => continue,
            }
        }
        // inline XML comments
        while let Some(k) = line.find("<!--") {
            match line[k + 4..].find("-->") {
                Some(e) => line = format!("{}{}", &line[..k], &line[k + 4 + e + 3..]),
                None => {
                    line.truncate(k);
                    in_xml = true;
                    break;
                }
            }
        }
        let t = line.trim_start();
        if t.starts_with("<!") || t.starts_with('#') {
            continue;
        }
        match format {
            Format::Petrarch => {
                if let Some(k) = line.find('#') {
                    line.truncate(k);
                }
            }
            Format::Tabari => {
                if t.starts_with("~~") {
                    break;
                }
                if t.starts_with("//") {
                    continue;
                }
                if let Some(k) = line.find(';') {
                    line.truncate(k);
                }
            }
        }
        let t = line.trim();
        if !t.is_empty() {
            out.push((n, t.to_string()));
        }
    }
    out
}

struct Reader {
    file: String,
    format: Format,
    dict: Dictionary,
    errors: Vec<DictError>,
}

fn origin(line: usize) -> Origin {
    Origin { file: 0, line: line as u32 }
}

/// Split a phrase on blanks and `_` into lower-case words.
fn parse_phrase(text: &str, stems: bool) -> Result<Phrase, String> {
    let mut text = text.trim();
    // TABARI: a trailing `=` ("MOUSE=") marks the word as a whole word, as `_` does
    let mut exact = false;
    if stems {
        if let Some(t) = text.strip_suffix('=') {
            text = t.trim_end();
            exact = true;
        }
    }
    let mut words = Vec::new();
    let mut gaps = Vec::new();
    let mut cur = String::new();
    let mut sep_blank = false;
    let mut in_sep = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '_' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
                in_sep = true;
                sep_blank = false;
            }
            if c.is_whitespace() {
                sep_blank = true;
            }
        } else {
            if in_sep {
                gaps.push(sep_blank);
                in_sep = false;
            }
            cur.extend(c.to_lowercase());
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    if words.is_empty() {
        return Err(format!("empty phrase `{text}`"));
    }
    gaps.truncate(words.len() - 1);
    let stem = stems && !exact && !text.ends_with('_');
    Ok(Phrase { words, gaps, stem })
}

/// `YYMMDD` (years 00-30 are 20YY, else 19YY, as KEDS/TABARI/PETRARCH) or `YYYYMMDD`.
fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
        return Err(format!("`{s}` is not a YYMMDD or YYYYMMDD date"));
    }
    let (y, rest) = if s.len() == 6 {
        let yy: i32 = s[..2].parse().unwrap_or(0);
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
    } else {
        (s[..4].parse().unwrap_or(0), &s[4..])
    };
    let m: u32 = rest[..2].parse().unwrap_or(0);
    let d: u32 = rest[2..].parse().unwrap_or(0);
    Date::new(y, m, d).ok_or_else(|| format!("`{s}` is not a valid day"))
}

enum BlockErr {
    Syntax(String),
    Date(String),
}

fn valid_actor_code(c: &str) -> bool {
    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '#' | '+' | '/'))
}

/// The inside of an actor code block: `CODE`, `CODE <D`, `CODE >D`, `CODE D1-D2`.
fn parse_code_block(inner: &str, line: usize) -> Result<Vec<CodeTerm>, BlockErr> {
    let mut toks = inner.split_whitespace();
    let Some(code) = toks.next() else {
        return Err(BlockErr::Syntax("empty code block `[]`".into()));
    };
    if code.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '>') {
        return Err(BlockErr::Syntax(format!("code block `[{inner}]` has a date but no code")));
    }
    if !valid_actor_code(code) {
        return Err(BlockErr::Syntax(format!("bad actor code `{code}`")));
    }
    let rest: String = toks.collect::<Vec<_>>().join("");
    let mut dates = RoleDates::default();
    if rest.is_empty() {
    } else if let Some(d) = rest.strip_prefix('<') {
        dates.until = Some(parse_date(d).map_err(BlockErr::Date)?);
    } else if let Some(d) = rest.strip_prefix('>') {
        dates.from = Some(parse_date(d).map_err(BlockErr::Date)?);
    } else if let Some((a, b)) = rest.split_once('-') {
        let a = parse_date(a).map_err(BlockErr::Date)?;
        let b = parse_date(b).map_err(BlockErr::Date)?;
        if b <= a {
            return Err(BlockErr::Date(format!("date range {a} to {b}: the end is not after the start")));
        }
        dates = RoleDates { from: Some(a), until: Some(b) };
    } else {
        return Err(BlockErr::Syntax(format!("date `{rest}` needs `<`, `>` or a range `D1-D2`")));
    }
    Ok(code
        .split('/')
        .filter(|c| !c.is_empty())
        .map(|c| CodeTerm { code: c.to_ascii_uppercase(), dates, line: line as u32 })
        .collect())
}

/// Split `text [a] [b]` into the text before the first `[` and the block insides.
fn split_blocks(text: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(k) = text.find('[') else { return Ok((text, Vec::new())) };
    let mut blocks = Vec::new();
    let mut rest = &text[k..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some(r) = rest.strip_prefix('[') else {
            return Err(format!("unexpected `{rest}` after a code block"));
        };
        let Some(e) = r.find(']') else {
            return Err(format!("unclosed `[` in `{}`", text.trim()));
        };
        blocks.push(&r[..e]);
        rest = &r[e + 1..];
    }
    Ok((&text[..k], blocks))
}

fn codes_summary(codes: &[CodeTerm]) -> String {
    let mut v: Vec<String> = codes.iter().map(|c| format!("{} ({})", c.code, c.dates)).collect();
    v.sort();
    v.join(", ")
}

impl Reader {
    fn syntax(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(DictError::Syntax { file: self.file.clone(), line, message: message.into() });
    }
    fn date_err(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(DictError::Date { file: self.file.clone(), line, message: message.into() });
    }
    fn block_err(&mut self, line: usize, e: BlockErr) {
        match e {
            BlockErr::Syntax(m) => self.syntax(line, m),
            BlockErr::Date(m) => self.date_err(line, m),
        }
    }
    fn duplicate(&mut self, line: usize, first_line: usize, phrase: String, message: String) {
        self.errors.push(DictError::Duplicate { file: self.file.clone(), line, first_line, phrase, message });
    }
    fn stems(&self) -> bool {
        self.format == Format::Tabari
    }

    // ------------------------------------------------------------ actors

    fn actors(&mut self, lines: &[(usize, String)]) {
        let mut cur: Option<ActorEntry> = None;
        let mut seen: HashMap<Phrase, (usize, String)> = HashMap::new();
        let mut section: Option<WordList> = None;
        for (n, text) in lines {
            let n = *n;
            // TABARI <NOUN> ... </NOUN>, <ADJECTIVE> ... sections
            if text.starts_with('<') && text.ends_with('>') {
                let tag = text[1..text.len() - 1].trim();
                if let Some(close) = tag.strip_prefix('/') {
                    match section.take() {
                        Some(s) if s.name.eq_ignore_ascii_case(close) => self.dict.word_lists.push(s),
                        other => {
                            section = other;
                            self.syntax(n, format!("`{text}` closes no open section"));
                        }
                    }
                } else {
                    self.finish_actor(cur.take(), &mut seen);
                    if let Some(s) = section.take() {
                        self.syntax(n, format!("section <{}> not closed before `{text}`", s.name));
                        self.dict.word_lists.push(s);
                    }
                    section = Some(WordList { name: tag.to_ascii_uppercase(), entries: Vec::new(), origin: origin(n) });
                }
                continue;
            }
            if let Some(s) = section.as_mut() {
                let (name, blocks) = match split_blocks(text) {
                    Ok(x) => x,
                    Err(m) => {
                        self.syntax(n, m);
                        continue;
                    }
                };
                match parse_phrase(name, self.format == Format::Tabari) {
                    Ok(p) => s.entries.push((p, blocks.first().map(|b| b.trim().to_string()), n as u32)),
                    Err(m) => self.syntax(n, m),
                }
                continue;
            }
            if text.starts_with('[') {
                let Ok((_, blocks)) = split_blocks(text).map_err(|m| self.syntax(n, m)) else { continue };
                let Some(a) = cur.as_mut() else {
                    self.syntax(n, "code block with no actor before it");
                    continue;
                };
                for b in blocks {
                    match parse_code_block(b, n) {
                        Ok(c) => a.codes.extend(c),
                        Err(e) => self.block_err(n, e),
                    }
                }
            } else if let Some(syn) = text.strip_prefix('+') {
                let (name, blocks) = match split_blocks(syn) {
                    Ok(x) => x,
                    Err(m) => {
                        self.syntax(n, m);
                        continue;
                    }
                };
                let Some(a) = cur.as_mut() else {
                    self.syntax(n, "synonym `+` with no actor before it");
                    continue;
                };
                match parse_phrase(name, self.format == Format::Tabari) {
                    Ok(p) => a.names.push(p),
                    Err(m) => self.errors.push(DictError::Syntax { file: self.file.clone(), line: n, message: m }),
                }
                if !blocks.is_empty() {
                    self.syntax(n, "code block on a `+` synonym line (codes belong to the entry)");
                    let a = cur.as_mut().unwrap();
                    for b in blocks {
                        if let Ok(c) = parse_code_block(b, n) {
                            a.codes.extend(c);
                        }
                    }
                }
            } else {
                self.finish_actor(cur.take(), &mut seen);
                let (name, blocks) = match split_blocks(text) {
                    Ok(x) => x,
                    Err(m) => {
                        self.syntax(n, m);
                        continue;
                    }
                };
                let phrase = match parse_phrase(name, self.stems()) {
                    Ok(p) => p,
                    Err(m) => {
                        self.syntax(n, m);
                        continue;
                    }
                };
                let mut a = ActorEntry { names: vec![phrase], codes: Vec::new(), origin: origin(n) };
                for b in blocks {
                    match parse_code_block(b, n) {
                        Ok(c) => a.codes.extend(c),
                        Err(e) => self.block_err(n, e),
                    }
                }
                cur = Some(a);
            }
        }
        self.finish_actor(cur.take(), &mut seen);
        if let Some(s) = section.take() {
            self.syntax(s.origin.line as usize, format!("section <{}> is never closed", s.name));
            self.dict.word_lists.push(s);
        }
    }

    fn finish_actor(&mut self, a: Option<ActorEntry>, seen: &mut HashMap<Phrase, (usize, String)>) {
        let Some(a) = a else { return };
        let line = a.origin.line as usize;
        if a.codes.is_empty() {
            // a bad code block of this entry was already reported
            let reported = self.errors.last().is_some_and(|e| match e {
                DictError::Syntax { line: l, .. } | DictError::Date { line: l, .. } => *l >= line,
                _ => false,
            });
            if !reported {
                self.syntax(line, format!("actor `{}` has no code", a.names[0].text()));
            }
            return;
        }
        let summary = codes_summary(&a.codes);
        for name in &a.names {
            match seen.get(name) {
                Some((first, codes)) if *codes != summary => {
                    let (first, codes) = (*first, codes.clone());
                    self.duplicate(line, first, name.text(), format!("[{codes}] and [{summary}]"));
                }
                Some(_) => {}
                None => {
                    seen.insert(name.clone(), (line, summary.clone()));
                }
            }
        }
        self.dict.actors.push(a);
    }

    // ------------------------------------------------------------ agents

    fn agents(&mut self, lines: &[(usize, String)]) {
        let mut markers: HashMap<String, Vec<String>> = HashMap::new();
        let mut seen: HashMap<Phrase, (usize, String)> = HashMap::new();
        for (n, text) in lines {
            let n = *n;
            if self.format == Format::Petrarch && text.starts_with('!') && text.contains('=') && !text.contains('[') {
                let (lhs, rhs) = text.split_once('=').unwrap();
                let name = lhs.trim().trim_matches('!');
                if name.is_empty() || lhs.trim().matches('!').count() != 2 {
                    self.syntax(n, format!("bad substitution marker definition `{}`", lhs.trim()));
                    continue;
                }
                let items: Vec<String> = rhs.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                markers.insert(name.to_string(), items);
                continue;
            }
            let Some(k) = text.find('[') else {
                self.syntax(n, format!("agent `{text}` has no `[code]`"));
                continue;
            };
            let Some(e) = text[k..].find(']') else {
                self.syntax(n, format!("unclosed `[` in `{text}`"));
                continue;
            };
            let inner = text[k + 1..k + e].trim();
            if !text[k + e + 1..].trim().is_empty() {
                self.syntax(n, format!("unexpected `{}` after the code", text[k + e + 1..].trim()));
            }
            let (code, position) = if let Some(c) = inner.strip_prefix('~') {
                (c.trim(), AgentPosition::Suffix)
            } else if let Some(c) = inner.strip_suffix('~') {
                (c.trim(), AgentPosition::Prefix)
            } else {
                self.syntax(n, format!("agent code `[{inner}]` needs `~` before (suffix) or after (prefix)"));
                continue;
            };
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.syntax(n, format!("bad agent code `{inner}`"));
                continue;
            }
            let mut body = text[..k].trim().to_string();
            let mut plurals = if self.format == Format::Tabari { Plurals::Explicit(Vec::new()) } else { Plurals::Regular };
            if let Some(b) = body.find('{') {
                let Some(e) = body[b..].find('}') else {
                    self.syntax(n, "missing `}`");
                    continue;
                };
                let mut v = Vec::new();
                for f in body[b + 1..b + e].split_whitespace() {
                    match parse_phrase(f, false) {
                        Ok(p) => v.push(p),
                        Err(m) => self.syntax(n, m),
                    }
                }
                plurals = Plurals::Explicit(v);
                body = format!("{}{}", &body[..b], &body[b + e + 1..]);
            }
            // substitution markers
            let mut texts = vec![body.trim().to_string()];
            if let Some(a) = body.find('!') {
                let Some(b) = body[a + 1..].find('!') else {
                    self.syntax(n, format!("substitution marker in `{body}` not closed by `!`"));
                    continue;
                };
                let name = &body[a + 1..a + 1 + b];
                let Some(items) = markers.get(name) else {
                    self.syntax(n, format!("substitution marker `!{name}!` is not defined"));
                    continue;
                };
                texts = items.iter().map(|s| format!("{}{}{}", &body[..a], s, &body[a + 2 + b..]).trim().to_string()).collect();
                plurals = Plurals::Explicit(Vec::new());
            }
            for t in texts {
                let phrase = match parse_phrase(&t, self.stems()) {
                    Ok(p) => p,
                    Err(m) => {
                        self.syntax(n, m);
                        continue;
                    }
                };
                let summary = format!("{}{}", if position == AgentPosition::Prefix { "" } else { "~" }, code)
                    + if position == AgentPosition::Prefix { "~" } else { "" };
                match seen.get(&phrase) {
                    Some((first, c)) if *c != summary => {
                        let (first, c) = (*first, c.clone());
                        self.duplicate(n, first, phrase.text(), format!("[{c}] and [{summary}]"));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(phrase.clone(), (n, summary));
                    }
                }
                self.dict.agents.push(AgentEntry {
                    phrase,
                    plurals: plurals.clone(),
                    code: code.to_ascii_uppercase(),
                    position,
                    origin: origin(n),
                });
            }
        }
    }

    // ------------------------------------------------------------ discards

    fn discards(&mut self, lines: &[(usize, String)]) {
        for (n, text) in lines {
            let (story, body) = match text.strip_prefix('+') {
                Some(b) => (true, b),
                None => (false, text.as_str()),
            };
            match parse_phrase(body, true) {
                Ok(phrase) => self.dict.discards.push(Discard { phrase, story, origin: origin(*n) }),
                Err(m) => self.syntax(*n, m),
            }
        }
    }

    // ------------------------------------------------------------ issues

    fn issues(&mut self, lines: &[(usize, String)]) {
        let mut category: Option<String> = None;
        let mut seen: HashMap<Phrase, (usize, String)> = HashMap::new();
        for (n, text) in lines {
            let n = *n;
            if let Some(tag) = text.strip_prefix('<') {
                if tag.starts_with("/ISSUE") || tag.starts_with("/issue") {
                    category = None;
                } else if tag.to_ascii_uppercase().starts_with("ISSUE") {
                    category = tag.split_once("CATEGORY=\"").and_then(|(_, r)| r.split_once('"')).map(|(c, _)| c.to_string());
                    if category.is_none() {
                        self.syntax(n, "<ISSUE> without CATEGORY=\"...\"");
                    }
                } else {
                    self.syntax(n, format!("unknown tag `{text}`"));
                }
                continue;
            }
            let (exclusion, body, code) = if let Some(b) = text.strip_prefix("~~") {
                (Some(Exclusion::Story), b.trim(), None)
            } else if let Some(b) = text.strip_prefix('~') {
                (Some(Exclusion::Sentence), b.trim(), None)
            } else {
                let Some(k) = text.find('[') else {
                    self.syntax(n, format!("issue phrase `{text}` has no `[CODE]`"));
                    continue;
                };
                let Some(e) = text[k..].find(']') else {
                    self.syntax(n, format!("unclosed `[` in `{text}`"));
                    continue;
                };
                let code = text[k + 1..k + e].trim();
                if code.is_empty() {
                    self.syntax(n, "empty issue code");
                    continue;
                }
                (None, text[..k].trim(), Some(code.to_string()))
            };
            if body.is_empty() {
                self.syntax(n, "empty issue phrase");
                continue;
            }
            let forms: Vec<Phrase> = expand_issue(body).iter().filter_map(|f| parse_phrase(f, false).ok()).collect();
            // A phrase may carry several issues (issues are multi-label), so
            // only the same phrase twice under one code would be redundant; not an error.
            if let (Some(c), false) = (&code, true) {
                for f in &forms {
                    match seen.get(f) {
                        Some((first, c0)) if c0 != c => {
                            let (first, c0) = (*first, c0.clone());
                            self.duplicate(n, first, f.text(), format!("[{c0}] and [{c}]"));
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(f.clone(), (n, c.clone()));
                        }
                    }
                }
            }
            self.dict.issues.push(IssueEntry {
                text: body.to_string(),
                forms,
                code,
                exclusion,
                category: category.clone(),
                origin: origin(n),
            });
        }
    }

    // ------------------------------------------------------------ options / project

    fn options(&mut self, lines: &[(usize, String)]) {
        for (n, text) in lines {
            match text.split_once(':') {
                Some((k, v)) if !k.trim().is_empty() && !k.contains(char::is_whitespace) => {
                    self.dict.options.push(OptionEntry { key: k.trim().to_string(), value: v.trim().to_string(), origin: origin(*n) })
                }
                _ => self.syntax(*n, format!("option `{text}` is not `KEY: value`")),
            }
        }
    }

    fn project(&mut self, lines: &[(usize, String)]) {
        for (i, (n, text)) in lines.iter().enumerate() {
            if let Some(r) = text.strip_prefix('<') {
                let Some((tag, rest)) = r.split_once('>') else {
                    self.syntax(*n, format!("unclosed `<` in `{text}`"));
                    continue;
                };
                let (key, tv) = tag.trim().split_once(char::is_whitespace).unwrap_or((tag.trim(), ""));
                let value = format!("{} {}", tv.trim(), rest.trim()).trim().to_string();
                self.dict.options.push(OptionEntry { key: key.to_string(), value, origin: origin(*n) });
            } else if i == 0 {
                self.dict.options.push(OptionEntry { key: "title".into(), value: text.clone(), origin: origin(*n) });
            } else {
                self.syntax(*n, format!("project line `{text}` is not `<tag> value`"));
            }
        }
    }

    // ------------------------------------------------------------ verbs

    fn verbs(&mut self, lines: &[(usize, String)]) {
        let tabari = self.format == Format::Tabari;
        let mut cur: Option<VerbEntry> = None;
        let mut synset: Option<Synset> = None;
        let mut synset_plural = true;
        let mut section: Option<WordList> = None;
        let mut block_code = Code { raw: "---".into() };
        let mut verbs_seen: HashMap<Vec<String>, (usize, String)> = HashMap::new();
        for (n, text) in lines {
            let n = *n;
            // a synset ends at the first line that is not a member
            if synset.is_some() && !text.starts_with('+') {
                self.dict.synsets.push(synset.take().unwrap());
            }
            if text.starts_with('<') && text.ends_with('>') && !text.contains('[') {
                let tag = text[1..text.len() - 1].trim().to_ascii_uppercase();
                if tag == "SYNSETS" || tag == "/SYNSETS" {
                    continue;
                }
                if let Some(close) = tag.strip_prefix('/') {
                    match section.take() {
                        Some(s) if s.name == close => self.dict.word_lists.push(s),
                        other => {
                            section = other;
                            self.syntax(n, format!("`{text}` closes no open section"));
                        }
                    }
                } else {
                    section = Some(WordList { name: tag, entries: Vec::new(), origin: origin(n) });
                }
                continue;
            }
            if let Some(s) = section.as_mut() {
                let body = text.trim_start_matches('-').trim();
                let (name, blocks) = match split_blocks(body) {
                    Ok(x) => x,
                    Err(m) => {
                        self.syntax(n, m);
                        continue;
                    }
                };
                match parse_phrase(name, tabari) {
                    Ok(p) => s.entries.push((p, blocks.first().map(|b| b.trim().to_string()), n as u32)),
                    Err(m) => self.syntax(n, m),
                }
                continue;
            }
            if let Some(name) = text.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                synset_plural = !name.ends_with('_');
                let name = name.trim_end_matches('_');
                if name.is_empty() {
                    self.syntax(n, "synset without a name");
                    continue;
                }
                synset = Some(Synset { name: name.to_string(), members: Vec::new(), origin: origin(n) });
                continue;
            }
            if let (Some(s), Some(m)) = (synset.as_mut(), text.strip_prefix('+')) {
                let plural = synset_plural && !m.trim_end().ends_with('_');
                match parse_items(m, tabari) {
                    Ok(toks) => {
                        let mut items = Vec::new();
                        let mut ok = true;
                        for t in toks {
                            match t {
                                Tok::Item(i) => items.push(i),
                                _ => ok = false,
                            }
                        }
                        if ok && !items.is_empty() {
                            s.members.push(SynMember { items, plural, line: n as u32 });
                        } else {
                            self.syntax(n, format!("bad synset member `{m}`"));
                        }
                    }
                    Err(e) => self.syntax(n, e),
                }
                continue;
            }
            if !tabari && text.starts_with("---") {
                if let Some(e) = cur.take() {
                    self.dict.verbs.push(e);
                }
                // `--- NAME [CODE] ---`; the closing dashes are decoration.
                let inner = text.trim_start_matches('-');
                let (name, code) = match inner.find('[') {
                    Some(k) => match inner[k..].find(']') {
                        Some(e) => (&inner[..k], inner[k + 1..k + e].trim()),
                        None => {
                            self.syntax(n, format!("unclosed `[` in block header `{text}`"));
                            (&inner[..k], "---")
                        }
                    },
                    None => (inner.trim_end_matches('-'), "---"),
                };
                let code = if code.is_empty() { "---" } else { code };
                block_code = Code { raw: code.to_string() };
                cur = Some(VerbEntry {
                    block: Some(name.trim().to_string()),
                    code: block_code.clone(),
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                    origin: origin(n),
                });
                continue;
            }
            if let Some(body) = text.strip_prefix('-') {
                match self.pattern(body, n, tabari) {
                    Ok(p) => match cur.as_mut() {
                        Some(e) => e.patterns.push(p),
                        None => self.syntax(n, "pattern with no verb before it"),
                    },
                    Err(m) => self.syntax(n, m),
                }
                continue;
            }
            if !tabari && text.starts_with('~') {
                match text[1..].split_once('=') {
                    Some((p, r)) => self.dict.transformations.push(Transformation {
                        pattern: p.trim().to_string(),
                        result: r.trim().to_string(),
                        origin: origin(n),
                    }),
                    None => self.syntax(n, "transformation without `=`"),
                }
                continue;
            }
            if tabari && text.starts_with('{') {
                let inner = text.trim_start_matches('{').trim_end_matches('}');
                let forms: Vec<Vec<String>> = inner
                    .split_whitespace()
                    .map(|f| f.split('_').filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>())
                    .filter(|v| !v.is_empty())
                    .collect();
                match cur.as_mut().and_then(|e| e.verbs.last_mut()) {
                    Some(v) if text.ends_with('}') => v.forms = Some(forms),
                    Some(_) => self.syntax(n, "missing `}`"),
                    None => self.syntax(n, "verb forms with no verb before them"),
                }
                continue;
            }
            if text.starts_with('+') && tabari {
                self.syntax(n, format!("`{text}`: `+` line outside a synset"));
                continue;
            }
            // a verb line
            let word = match self.verb_word(text, n, tabari) {
                Ok(w) => w,
                Err(m) => {
                    self.syntax(n, m);
                    continue;
                }
            };
            let effective = word.code.clone().unwrap_or_else(|| block_code.clone()).raw;
            match verbs_seen.get(&word.words) {
                Some((first, c)) if *c != effective => {
                    let (first, c) = (*first, c.clone());
                    self.duplicate(n, first, word.text(), format!("verb with codes [{c}] and [{effective}]"));
                }
                Some(_) => {}
                None => {
                    verbs_seen.insert(word.words.clone(), (n, effective));
                }
            }
            if tabari {
                if let Some(e) = cur.take() {
                    self.dict.verbs.push(e);
                }
                let code = word.code.clone().unwrap_or_else(|| Code { raw: "---".into() });
                cur = Some(VerbEntry { block: None, code, verbs: vec![word], patterns: Vec::new(), origin: origin(n) });
            } else {
                match cur.as_mut() {
                    Some(e) => e.verbs.push(word),
                    None => {
                        self.syntax(n, "verb outside a `--- NAME [CODE] ---` block");
                        let code = word.code.clone().unwrap_or_else(|| Code { raw: "---".into() });
                        cur = Some(VerbEntry { block: None, code, verbs: vec![word], patterns: Vec::new(), origin: origin(n) });
                    }
                }
            }
        }
        if let Some(s) = synset.take() {
            self.dict.synsets.push(s);
        }
        if let Some(e) = cur.take() {
            self.dict.verbs.push(e);
        }
        if let Some(s) = section.take() {
            self.syntax(s.origin.line as usize, format!("section <{}> is never closed", s.name));
            self.dict.word_lists.push(s);
        }
    }

    fn verb_word(&mut self, text: &str, n: usize, tabari: bool) -> Result<VerbWord, String> {
        let (main, blocks) = split_blocks(text)?;
        if blocks.len() > 1 {
            return Err(format!("more than one code on verb line `{text}`"));
        }
        let code = blocks.first().map(|b| Code { raw: b.trim().to_string() });
        if code.as_ref().is_some_and(|c| c.raw.is_empty()) {
            return Err("empty code `[]`".into());
        }
        let mut main = main.trim().to_string();
        let mut forms = None;
        if let Some(b) = main.find('{') {
            let Some(e) = main[b..].find('}') else { return Err("missing `}`".into()) };
            let inner = &main[b + 1..b + e];
            forms = Some(
                inner
                    .split_whitespace()
                    .map(|f| f.split('_').filter(|w| !w.is_empty()).map(|w| w.trim_start_matches('+').to_lowercase()).collect::<Vec<_>>())
                    .filter(|v| !v.is_empty())
                    .collect(),
            );
            if !main[b + e + 1..].trim().is_empty() {
                return Err(format!("unexpected `{}` after `}}`", main[b + e + 1..].trim()));
            }
            main.truncate(b);
        }
        let main = main.trim();
        let stem = tabari && !main.ends_with('_') && !main.ends_with('=');
        let raw_words: Vec<&str> = main.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
        if raw_words.is_empty() {
            return Err(format!("verb line `{text}` has no verb"));
        }
        let mut head = None;
        let mut words = Vec::new();
        for (i, w) in raw_words.iter().enumerate() {
            let w = if let Some(x) = w.strip_prefix('+') {
                if head.is_some() {
                    return Err(format!("two `+` in multi-word verb `{main}`"));
                }
                head = Some(i);
                x
            } else {
                w
            };
            words.push(w.trim_end_matches('=').to_lowercase());
        }
        if !tabari && words.len() > 1 && head.is_none() {
            self.syntax(n, format!("multi-word verb `{main}` does not mark its verb with `+`; taking the first word"));
        }
        Ok(VerbWord { words, head: head.unwrap_or(0), stem, forms, code, line: n as u32 })
    }

    fn pattern(&mut self, body: &str, n: usize, tabari: bool) -> Result<VerbPattern, String> {
        let Some(k) = body.rfind('[') else { return Err(format!("pattern `{}` has no `[code]`", body.trim())) };
        let Some(e) = body[k..].find(']') else { return Err(format!("unclosed `[` in pattern `{}`", body.trim())) };
        let code = body[k + 1..k + e].trim();
        if code.is_empty() {
            return Err("empty code `[]`".into());
        }
        if !body[k + e + 1..].trim().is_empty() {
            return Err(format!("unexpected `{}` after the code", body[k + e + 1..].trim()));
        }
        let text = body[..k].trim();
        if text.contains(['[', ']']) {
            return Err(format!("stray `[` or `]` in pattern `{}`", body.trim()));
        }
        let toks = parse_items(text, tabari)?;
        let stars = toks.iter().filter(|t| matches!(t, Tok::Star(_))).count();
        if stars != 1 {
            return Err(format!(
                "pattern `{text}` has {} verb marker `*` (needs exactly one)",
                if stars == 0 { "no" } else { "more than one" }
            ));
        }
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut joined_to_verb = false;
        let mut seen_star = false;
        for t in toks {
            match t {
                Tok::Star(j) => {
                    joined_to_verb = j;
                    seen_star = true;
                }
                Tok::Item(i) if seen_star => after.push(i),
                Tok::Item(i) => before.push(i),
                Tok::Bar => unreachable!("bars only inside braces"),
            }
        }
        Ok(VerbPattern {
            before,
            joined_to_verb,
            after,
            code: Code { raw: code.to_string() },
            line: n as u32,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        })
    }
}

enum Tok {
    Item(PatItem),
    /// `*`, with whether it was joined by `_` to the item before it.
    Star(bool),
    Bar,
}

fn parse_items(text: &str, tabari: bool) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let toks = parse_seq(&chars, &mut i, None, tabari)?;
    Ok(toks)
}

fn group_items(toks: Vec<Tok>, what: &str) -> Result<Vec<Vec<PatItem>>, String> {
    let mut groups = vec![Vec::new()];
    for t in toks {
        match t {
            Tok::Item(i) => groups.last_mut().unwrap().push(i),
            Tok::Bar => groups.push(Vec::new()),
            Tok::Star(_) => return Err(format!("verb marker `*` inside {what}")),
        }
    }
    if groups.iter().any(Vec::is_empty) {
        return Err(format!("empty alternative in {what}"));
    }
    Ok(groups)
}

fn parse_seq(s: &[char], i: &mut usize, close: Option<char>, tabari: bool) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut joined = false;
    while *i < s.len() {
        let c = s[*i];
        if c.is_whitespace() {
            joined = false;
            *i += 1;
        } else if c == '_' {
            joined = true;
            *i += 1;
        } else if c == '*' {
            out.push(Tok::Star(joined));
            joined = false;
            *i += 1;
        } else if c == '|' {
            if close != Some('}') {
                return Err("`|` outside `{...}`".into());
            }
            out.push(Tok::Bar);
            joined = false;
            *i += 1;
        } else if c == '}' || c == ')' {
            if close == Some(c) {
                *i += 1;
                return Ok(out);
            }
            return Err(format!("unexpected `{c}`"));
        } else if c == '{' || c == '(' {
            *i += 1;
            let closing = if c == '{' { '}' } else { ')' };
            let inner = parse_seq(s, i, Some(closing), tabari)?;
            let elem = if c == '{' {
                let mut groups = group_items(inner, "`{...}`")?;
                if groups.len() > 1 {
                    Elem::Alternatives(groups)
                } else {
                    Elem::NounPhrase(groups.pop().unwrap())
                }
            } else {
                let mut groups = group_items(inner, "`(...)`")?;
                if groups.len() > 1 {
                    return Err("`|` inside `(...)`".into());
                }
                Elem::Prep(groups.pop().unwrap())
            };
            out.push(Tok::Item(PatItem { elem, joined }));
            joined = false;
        } else {
            let start = *i;
            while *i < s.len() && !s[*i].is_whitespace() && !"_{}()|*".contains(s[*i]) {
                *i += 1;
            }
            let w: String = s[start..*i].iter().collect();
            let next_joined = *i < s.len() && s[*i] == '_';
            let elem = match w.as_str() {
                "$" => Elem::Source,
                "+" => Elem::Target,
                "%" => Elem::Compound,
                "^" => Elem::Skip,
                _ if w.starts_with('&') && w.len() > 1 => Elem::Synset(w[1..].to_string()),
                // TABARI `NEAT~_PLACE`: a stem even where `_` joins it to the next word
                _ if tabari && w.len() > 1 && w.ends_with('~') => Elem::Word { word: w[..w.len() - 1].to_lowercase(), stem: true },
                _ => Elem::Word { word: w.to_lowercase(), stem: tabari && !next_joined },
            };
            out.push(Tok::Item(PatItem { elem, joined }));
            joined = false;
        }
    }
    match close {
        Some(c) => Err(format!("missing `{c}`")),
        None => Ok(out),
    }
}

/// PETRARCH's issue-phrase expansion: `+` → blank and hyphen, `n:` → singular
/// and plural of the next word, `v:` → the regular verb forms of the next word.
fn expand_issue(text: &str) -> Vec<String> {
    let mut forms = vec![text.to_lowercase()];
    let mut changed = true;
    let mut guard = 0;
    while changed && guard < 64 {
        guard += 1;
        changed = false;
        let mut k = 0;
        while k < forms.len() {
            let f = forms[k].clone();
            if f.contains('+') {
                forms[k] = f.replacen('+', " ", 1);
                forms.insert(k + 1, f.replacen('+', "-", 1));
                changed = true;
            } else if let Some(p) = f.find("n:") {
                let (pre, rest) = (&f[..p], &f[p + 2..]);
                let (word, tail) = rest.split_once(' ').map(|(a, b)| (a, format!(" {b}"))).unwrap_or((rest, String::new()));
                let plural = match word.strip_suffix('y') {
                    Some(s) => format!("{s}ies"),
                    None => format!("{word}s"),
                };
                forms[k] = format!("{pre}{word}{tail}");
                forms.insert(k + 1, format!("{pre}{plural}{tail}"));
                changed = true;
            } else if let Some(p) = f.find("v:") {
                let (pre, rest) = (&f[..p], &f[p + 2..]);
                let (word, tail) = rest.split_once(' ').map(|(a, b)| (a, format!(" {b}"))).unwrap_or((rest, String::new()));
                forms[k] = format!("{pre}{word}{tail}");
                let (ed, ing) = match word.strip_suffix('e') {
                    Some(s) => (format!("{word}d"), format!("{s}ing")),
                    None => (format!("{word}ed"), format!("{word}ing")),
                };
                for (j, v) in [format!("{word}s"), ed, ing].into_iter().enumerate() {
                    forms.insert(k + 1 + j, format!("{pre}{v}{tail}"));
                }
                changed = true;
            }
            k += 1;
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("080508").unwrap(), Date::new(2008, 5, 8).unwrap());
        assert_eq!(parse_date("991231").unwrap(), Date::new(1999, 12, 31).unwrap());
        assert_eq!(parse_date("300101").unwrap().year, 2030);
        assert_eq!(parse_date("310101").unwrap().year, 1931);
        assert_eq!(parse_date("20130119").unwrap(), Date::new(2013, 1, 19).unwrap());
        for bad in ["2004017", "20100931", "990230", "abcdef", "", "1234567890"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phrases() {
        let p = parse_phrase("AL_GORE", true).unwrap();
        assert_eq!((p.words.clone(), p.gaps.clone(), p.stem), (vec!["al".to_string(), "gore".to_string()], vec![false], true));
        let p = parse_phrase("AL GORE_", true).unwrap();
        assert_eq!((p.gaps.clone(), p.stem), (vec![true], false));
        // (text, words, stem) of TABARI phrases
        for (text, words, stem) in [("MOUSE=", "mouse", false), ("ARNOR", "arnor", true), ("UN_", "un", false), ("BAN =", "ban", false)] {
            let p = parse_phrase(text, true).unwrap();
            assert_eq!((p.text().as_str(), p.stem), (words, stem), "{text}");
        }
        let p = parse_phrase("  PRESIDENT_GEORGE_W._BUSH ", false).unwrap();
        assert_eq!(p.text(), "president george w. bush");
        assert!(parse_phrase(" _ ", true).is_err());
    }

    #[test]
    fn issue_expansion() {
        let f = expand_issue("pre+n:school");
        assert_eq!(f, vec!["pre school", "pre schools", "pre-school", "pre-schools"]);
        let f = expand_issue("ethnic v:purge");
        assert_eq!(f, vec!["ethnic purge", "ethnic purges", "ethnic purged", "ethnic purging"]);
        assert_eq!(expand_issue("n:atrocity"), vec!["atrocity", "atrocities"]);
    }
}
