//! HTML: the main text of a news page, and its metadata.
//!
//! A single forgiving pass over the tags (no DOM): the content of `script`,
//! `style`, `nav`, `header`, `footer`, `aside`, `form` and of elements whose
//! class or id names boilerplate (menu, share, comments, related, cookie,
//! advert, sidebar, newsletter…) is dropped; text is gathered in blocks
//! (paragraphs, headings, list items, cells). The main text is the blocks
//! inside `<article>` (or `<main>`) when the page has one, else the `<p>`
//! blocks, else every block of some length; blocks that are mostly link text
//! are dropped. Metadata: `og:title`/`<title>`, `article:published_time` and
//! other date metas (else the first `<time datetime>`), `og:site_name`,
//! `og:url`/canonical link.

use herald_core::Document;

use crate::{host_of, parse_any_date};

/// Elements whose content is never text.
const SKIP: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe", "object", "select", "textarea", "button", "canvas", "math"];
/// Elements that are boilerplate on news pages.
const BOILER: &[&str] = &["nav", "header", "footer", "aside", "form", "menu", "dialog", "figcaption"];
/// class/id words that mark boilerplate.
const BOILER_WORDS: &[&str] = &[
    "nav", "menu", "footer", "header", "comment", "share", "social", "related", "promo", "advert", "ad-", "ads", "cookie", "subscribe",
    "newsletter", "sidebar", "breadcrumb", "masthead", "banner", "popup", "modal", "signup", "paywall", "recommend", "trending", "tags",
    "byline-share", "outbrain", "taboola",
];
/// Elements that end a block of text.
const BLOCK: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "td", "th", "tr", "table", "blockquote", "section", "article", "main",
    "br", "hr", "pre", "dd", "dt", "dl", "body", "title", "figure", "address",
];

#[derive(Debug, Default)]
struct Block {
    text: String,
    link_chars: usize,
    in_article: bool,
    paragraph: bool,
    heading: bool,
}

/// What a page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    /// `og:title`, else `<title>`.
    pub title: Option<String>,
    /// Publication date from the page's metadata.
    pub date: Option<String>,
    /// `og:site_name`.
    pub site: Option<String>,
    /// `og:url` or the canonical link.
    pub url: Option<String>,
}

/// The main text and metadata of a page. `Err` when it has no main text.
pub fn extract(html: &str) -> (String, Meta) {
    let mut p = Pass::default();
    p.run(html);
    let meta = p.meta();
    (p.main_text(), meta)
}

/// A page as a document (id left empty: the caller names it).
pub fn document(_name: &str, bytes: &[u8]) -> Result<Document, String> {
    let html = String::from_utf8_lossy(bytes);
    page_document(&html).ok_or_else(|| "HTML with no main text (no body, or only navigation and scripts)".to_string())
}

/// A page as a document, or `None` when it has no main text.
pub fn page_document(html: &str) -> Option<Document> {
    let (text, meta) = extract(html);
    if text.trim().is_empty() {
        return None;
    }
    let outlet = meta.site.clone().or_else(|| meta.url.as_deref().and_then(host_of));
    Some(Document {
        id: String::new(),
        date: meta.date.as_deref().and_then(parse_any_date),
        title: meta.title,
        text,
        url: meta.url,
        outlet,
        actor_queries: vec![],
        options: Default::default(),
    })
}

/// The text of an HTML fragment (a feed item's description): every block,
/// no main-text selection.
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let mut p = Pass::default();
    p.run(html);
    p.flush();
    p.blocks.iter().map(|b| b.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n")
}

#[derive(Default)]
struct Pass {
    blocks: Vec<Block>,
    cur: Block,
    /// Inside an element whose content is dropped: (its name, nesting depth).
    skip: Option<(String, usize)>,
    article_depth: usize,
    link_depth: usize,
    in_title: bool,
    title: String,
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    time_datetime: Option<String>,
    para_depth: usize,
    heading_depth: usize,
}

impl Pass {
    fn run(&mut self, html: &str) {
        let b = html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            // a tag, a comment, a declaration, or a stray '<'
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
                i += 1;
                continue;
            }
            self.text(&html[text_start..i]);
            if html[i..].starts_with("<!--") {
                i = html[i + 4..].find("-->").map_or(b.len(), |j| i + 4 + j + 3);
                text_start = i;
                continue;
            }
            let end = match find_tag_end(b, i + 1) {
                Some(e) => e,
                None => b.len(),
            };
            let inner = &html[i + 1..end.min(b.len())];
            i = (end + 1).min(b.len());
            text_start = i;
            if next == b'!' || next == b'?' {
                continue;
            }
            let closing = inner.starts_with('/');
            let inner = inner.trim_start_matches('/');
            let name_end = inner.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(inner.len());
            let name = inner[..name_end].to_ascii_lowercase();
            let attrs = &inner[name_end..];
            let self_closing = attrs.trim_end().ends_with('/');
            if closing {
                self.close(&name);
            } else {
                self.open(&name, attrs, self_closing);
                // raw-text elements: jump to their end tag
                if matches!(name.as_str(), "script" | "style" | "textarea" | "title") && !self_closing {
                    let close = format!("</{name}");
                    let rest = &html[i..];
                    let j = find_ci(rest, &close).unwrap_or(rest.len());
                    if name == "title" {
                        self.title.push_str(&decode_entities(&rest[..j]));
                    }
                    i += j;
                    text_start = i;
                }
            }
        }
        self.text(&html[text_start..]);
        self.flush();
    }

    fn open(&mut self, name: &str, attrs: &str, self_closing: bool) {
        if let Some((skip_name, depth)) = &mut self.skip {
            if skip_name == name && !self_closing && !is_void(name) {
                *depth += 1;
            }
            return;
        }
        match name {
            "meta" => {
                let key = attr(attrs, "property").or_else(|| attr(attrs, "name")).or_else(|| attr(attrs, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(attrs, "content")) {
                    self.metas.push((k.to_ascii_lowercase(), decode_entities(&v)));
                }
                return;
            }
            "link" => {
                if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    self.canonical = attr(attrs, "href");
                }
                return;
            }
            "time" => {
                if self.time_datetime.is_none() {
                    self.time_datetime = attr(attrs, "datetime");
                }
            }
            _ => {}
        }
        if is_void(name) || self_closing {
            if name == "br" || name == "hr" {
                self.flush();
            }
            return;
        }
        let boiler_attr = || {
            let words = [attr(attrs, "class"), attr(attrs, "id"), attr(attrs, "role")];
            words.iter().flatten().any(|w| {
                let w = w.to_ascii_lowercase();
                w.split(|c: char| c.is_ascii_whitespace()).map(|c| c.strip_suffix('s').unwrap_or(c)).any(|cls| BOILER_WORDS.iter().any(|b| cls == *b || cls.starts_with(&format!("{b}-")) || cls.ends_with(&format!("-{b}")) || (b.ends_with('-') && cls.starts_with(b))))
                    || w == "navigation"
                    || w == "complementary"
                    || w == "contentinfo"
            })
        };
        if SKIP.contains(&name) || BOILER.contains(&name) || (name != "body" && name != "html" && name != "article" && name != "main" && boiler_attr()) {
            self.flush();
            self.skip = Some((name.to_string(), 1));
            return;
        }
        if BLOCK.contains(&name) {
            self.flush();
        }
        match name {
            "article" | "main" => self.article_depth += 1,
            "a" => self.link_depth += 1,
            "p" => self.para_depth += 1,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading_depth += 1,
            "title" => self.in_title = true,
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if let Some((skip_name, depth)) = &mut self.skip {
            if skip_name == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if BLOCK.contains(&name) {
            self.flush();
        }
        match name {
            "article" | "main" => self.article_depth = self.article_depth.saturating_sub(1),
            "a" => self.link_depth = self.link_depth.saturating_sub(1),
            "p" => self.para_depth = self.para_depth.saturating_sub(1),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading_depth = self.heading_depth.saturating_sub(1),
            "title" => self.in_title = false,
            _ => {}
        }
    }

    fn text(&mut self, raw: &str) {
        if self.skip.is_some() || raw.is_empty() {
            return;
        }
        let t = decode_entities(raw);
        let mut added = 0;
        for w in t.split_whitespace() {
            if !self.cur.text.is_empty() && !self.cur.text.ends_with(' ') {
                self.cur.text.push(' ');
            }
            self.cur.text.push_str(w);
            added += w.chars().count();
        }
        // keep "word," and "word ." joins natural: no space before closing punctuation
        if added > 0 {
            if self.link_depth > 0 {
                self.cur.link_chars += added;
            }
            self.cur.in_article |= self.article_depth > 0;
            self.cur.paragraph |= self.para_depth > 0;
            self.cur.heading |= self.heading_depth > 0;
        }
        if raw.ends_with(|c: char| c.is_whitespace()) && !self.cur.text.is_empty() {
            self.cur.text.push(' ');
        }
    }

    fn flush(&mut self) {
        let mut b = std::mem::take(&mut self.cur);
        let trimmed = b.text.trim();
        if !trimmed.is_empty() {
            b.text = tidy(trimmed);
            self.blocks.push(b);
        }
    }

    fn meta(&self) -> Meta {
        let get = |keys: &[&str]| keys.iter().find_map(|k| self.metas.iter().find(|(mk, v)| mk == k && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string()));
        let title = get(&["og:title", "twitter:title"]).or_else(|| {
            let t = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then_some(t)
        });
        let date = get(&["article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "og:published_time", "parsely-pub-date"])
            .or_else(|| self.time_datetime.clone());
        let site = get(&["og:site_name", "application-name"]);
        let url = get(&["og:url"]).or_else(|| self.canonical.clone());
        Meta { title, date, site, url }
    }

    fn main_text(&self) -> String {
        let good = |b: &&Block| {
            let chars = b.text.chars().count();
            chars > 0 && b.link_chars * 2 <= chars
        };
        let pick: Vec<&Block> = if self.blocks.iter().any(|b| b.in_article && (b.paragraph || b.text.len() > 80)) {
            self.blocks.iter().filter(|b| b.in_article).filter(good).filter(|b| b.paragraph || b.heading || b.text.len() > 40).collect()
        } else if self.blocks.iter().any(|b| b.paragraph) {
            self.blocks.iter().filter(|b| b.paragraph).filter(good).collect()
        } else {
            self.blocks.iter().filter(good).filter(|b| b.text.len() > 40).collect()
        };
        // a heading repeating the title is dropped (herald keeps the title apart)
        let title = self.meta().title.unwrap_or_default();
        let mut out = String::new();
        for b in pick {
            if b.heading && !title.is_empty() && (title.contains(&b.text) || b.text.contains(title.as_str())) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }
}

/// Remove the spaces the tag pass leaves before closing punctuation.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == ' ' && s[i + 1..].starts_with([',', '.', ';', ':', '!', '?', ')']) {
            continue;
        }
        out.push(c);
    }
    out
}

fn is_void(name: &str) -> bool {
    matches!(name, "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "param" | "source" | "track" | "wbr")
}

/// The `>` closing a tag that starts at `from`, skipping quoted attribute values.
fn find_tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut quote = 0u8;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // a quote only opens a value after '='
            if i > 0 && b[..i].iter().rev().find(|x| !x.is_ascii_whitespace()) == Some(&b'=') {
                quote = c;
            }
        } else if c == b'>' {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The value of an attribute in a tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let slice = |from: usize, to: usize| attrs.get(from..to).unwrap_or("");
    let mut i = 0;
    while i < b.len() {
        let round = i;
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ks = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let key = slice(ks, i);
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = slice(vs, i);
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = slice(vs, i);
            }
        }
        if !key.is_empty() && key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value));
        }
        if i == round {
            // no progress (a stray byte): step over one whole character
            i += attrs.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
        }
    }
    None
}

/// Decode the character references news pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace() || c == '<').map(|j| j + 1);
        let decoded = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';') && e <= 12).and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) { u32::from_str_radix(hex, 16).ok()? } else { num.parse().ok()? };
        return char::from_u32(n).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201d}',
        "ldquo" => '\u{201c}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "copy" => '©',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_table() {
        // (page, main text must contain, must not contain)
        let table: &[(&str, &[&str], &[&str])] = &[
            (
                "<html><head><title>Putin calls Kim | News</title><script>var x = '<p>no</p>';</script></head><body>\
                 <nav><a href=/>Home</a> <a href=/w>World</a></nav><article><h1>Putin calls Kim</h1>\
                 <p>Russian President Vladimir Putin held a phone call with Kim Jong Un on Tuesday.</p>\
                 <div class=\"share-bar\"><p>Share on Facebook</p></div><p>The two leaders discussed the summit &amp; more.</p></article>\
                 <aside><p>Related: other stories</p></aside><footer><p>(c) 2025 News Corp</p></footer></body></html>",
                &["Vladimir Putin held a phone call", "summit & more."],
                &["Home", "Share on Facebook", "Related", "News Corp", "var x"],
            ),
            (
                "<body><div id=menu><p>Menu item</p></div><p>First paragraph of the story.</p><!-- <p>hidden</p> --><p>Second, with <a href=x>a link</a> inside.</p>\
                 <div class=comments><p>I disagree!</p></div></body>",
                &["First paragraph of the story.", "Second, with a link inside."],
                &["Menu item", "hidden", "I disagree"],
            ),
            (
                "<div>A page without paragraph tags but with a long enough block of text to count as the story.</div><div><a href=a>Link one to another story here</a> <a href=b>Link two to yet another story</a> and</div>",
                &["without paragraph tags"],
                &["Link one"],
            ),
            ("<p>Caf&eacute; &#233; &#x41; &bogus; & alone</p>", &["Café é A &bogus; & alone"], &[]),
            ("<p unclosed attr=\"x>y\">Text after a quoted &gt;.</p>", &["Text after a quoted >."], &[]),
            // found by the fuzz harness: an attribute list with an empty key before a multi-byte character
            ("<p i/=\"a\"\u{fffd}source class=x>Still read.</p>", &["Still read."], &[]),
        ];
        for (page, yes, no) in table {
            let (text, _) = extract(page);
            for y in *yes {
                assert!(text.contains(y), "{y:?} missing from {text:?}");
            }
            for n in *no {
                assert!(!text.contains(n), "{n:?} should not be in {text:?}");
            }
        }
    }

    #[test]
    fn metadata() {
        let page = r#"<html><head><title>Fallback</title><meta property="og:title" content="Kim meets Putin"><meta property="article:published_time" content="2025-08-13T09:00:00Z">
            <meta property="og:site_name" content="Example News"><link rel="canonical" href="https://www.example.com/a/1"></head><body><p>Story text here.</p></body></html>"#;
        let d = page_document(page).unwrap();
        assert_eq!(d.title.as_deref(), Some("Kim meets Putin"));
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2025-08-13"));
        assert_eq!(d.outlet.as_deref(), Some("Example News"));
        assert_eq!(d.url.as_deref(), Some("https://www.example.com/a/1"));
        assert_eq!(d.text, "Story text here.");
        let d = page_document("<html><head><link rel=canonical href=\"https://www.bbc.co.uk/x\"><time datetime=\"2024-06-19\">June</time></head><body><p>Text.</p></body></html>").unwrap();
        assert_eq!(d.outlet.as_deref(), Some("bbc.co.uk"));
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2024-06-19"));
    }

    #[test]
    fn no_body_is_an_error() {
        for page in ["<html><head><title>x</title></head></html>", "<html><body><nav><p>Home</p></nav><script>x()</script></body></html>", ""] {
            assert!(document("p.html", page.as_bytes()).is_err(), "{page}");
        }
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_text("plain text"), "plain text");
        assert_eq!(fragment_text("<p>One.</p><p>Two &amp; three.</p>"), "One.\n\nTwo & three.");
    }
}
