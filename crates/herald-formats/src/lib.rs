//! herald's input formats: one byte buffer in, documents and skipped records out.
//!
//! - [`Format::Text`]: the whole file is one article;
//! - [`Format::Jsonl`]: one `{id, date, title?, text, url?, outlet?}` per line
//!   (the shape `herald code --in jsonl` reads);
//! - [`Format::Html`]: a page; its main text is extracted ([`html`]) and
//!   boilerplate (navigation, headers, footers, comments, share bars) dropped;
//! - [`Format::Feed`]: RSS 2.0, RSS 1.0 (RDF) or Atom; one document per item
//!   whose text is in the feed ([`feed`]);
//! - [`Format::Warc`]: WARC and WET (response, resource and conversion
//!   records; [`warc`]);
//! - [`Format::PetrarchXml`]: PETRARCH's `<Sentences><Sentence>` input.
//!
//! Any of them may be gzipped (one or many members): [`read`] decompresses by
//! the magic bytes. [`detect`] guesses the format from the name and the first
//! bytes. Every record that cannot be read becomes a [`Skipped`] naming the
//! file and the line or record; the rest is kept. Nothing here panics on user
//! data (the proptest harness in `tests/fuzz.rs` runs every parser on
//! arbitrary bytes).
//!
//! [`lang::detect`] is a stop-word test for the language of a text;
//! [`content_hash`] is the identity of a document in the store.

pub mod feed;
pub mod html;
pub mod lang;
pub mod petrarch;
pub mod text;
pub mod warc;

use std::io::Read;

use herald_core::{Date, Document};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One article per file.
    Text,
    /// One JSON document per line.
    Jsonl,
    /// An HTML page.
    Html,
    /// An RSS or Atom feed.
    Feed,
    /// A WARC or WET file.
    Warc,
    /// PETRARCH XML (`<Sentences><Sentence date id source><Text>`).
    PetrarchXml,
}

impl Format {
    /// Every format, in the order of `--in`'s help.
    pub const ALL: [Format; 6] = [Format::Text, Format::Jsonl, Format::Html, Format::Feed, Format::Warc, Format::PetrarchXml];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Warc => "warc",
            Format::PetrarchXml => "petrarch",
        }
    }
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// "FILE", "FILE:LINE" or "FILE#record N".
    pub place: String,
    /// What was wrong.
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// The next event of an XML reader (RSS/Atom, PETRARCH XML), or `None`
/// once the XML breaks: the break is recorded in `out` with its byte
/// position, after `read` records of kind `what` ("item", "sentence"),
/// which stay read.
pub(crate) fn xml_event<'a>(reader: &mut quick_xml::Reader<&'a [u8]>, out: &mut Loaded, name: &str, read: usize, what: &str) -> Option<quick_xml::events::Event<'a>> {
    match reader.read_event() {
        Ok(ev) => Some(ev),
        Err(e) => {
            out.skipped.push(Skipped {
                place: format!("{name}#byte {}", reader.error_position()),
                reason: format!("broken XML after {read} {what}(s): {e}; the {what}s before it were read"),
            });
            None
        }
    }
}

/// Documents read from one source, and what could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The documents.
    pub docs: Vec<Document>,
    /// Records that were skipped, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Largest document text herald codes (bytes); larger records are skipped
/// with a message (a 50 MB single line is not an article).
pub const MAX_DOC_BYTES: usize = 4 << 20;

/// `<stdin>` for `-`, else the path.
pub fn display_name(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

/// Guess the format from the file name (extensions, `.gz` stripped) and, when
/// the name says nothing, from the first bytes (already decompressed).
pub fn detect(name: &str, head: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "jsonl" | "ndjson" | "json" => return Format::Jsonl,
        "html" | "htm" | "xhtml" => return Format::Html,
        "rss" | "atom" => return Format::Feed,
        "warc" | "wet" | "arc" => return Format::Warc,
        "txt" | "text" => return Format::Text,
        _ => {}
    }
    let n = head.len().min(4096);
    let start = String::from_utf8_lossy(&head[..n]);
    let s = start.trim_start_matches('\u{feff}').trim_start();
    if s.starts_with("WARC/") {
        return Format::Warc;
    }
    if s.starts_with('{') {
        return Format::Jsonl;
    }
    let l = s.to_ascii_lowercase();
    if l.contains("<sentences") || l.contains("<sentence ") {
        return Format::PetrarchXml;
    }
    if l.contains("<rss") || l.contains("<feed") || l.contains("<rdf:rdf") {
        return Format::Feed;
    }
    if l.starts_with("<!doctype html") || l.contains("<html") || l.contains("<body") || l.contains("<p>") {
        return Format::Html;
    }
    if ext == "xml" {
        return Format::Feed;
    }
    Format::Text
}

/// Decompress gzip (single or multi-member, as WARC files ship) when the bytes
/// start with gzip's magic; a truncated or corrupt stream keeps what was read
/// and reports the rest.
pub fn decompress(name: &str, bytes: Vec<u8>) -> (Vec<u8>, Option<Skipped>) {
    if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
        return (bytes, None);
    }
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(&bytes[..]);
    // read in chunks so that what precedes a corruption is kept
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match dec.read(&mut buf) {
            Ok(0) => return (out, None),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => {
                let what = if e.kind() == std::io::ErrorKind::UnexpectedEof { "truncated gzip stream".to_string() } else { format!("corrupt gzip stream: {e}") };
                return (
                    out.clone(),
                    Some(Skipped { place: display_name(name), reason: format!("{what} after {} decompressed bytes; the records before it were read", out.len()) }),
                );
            }
        }
    }
}

/// Read one source's bytes (gzipped or not) in the given format, or the
/// detected one.
pub fn read(name: &str, bytes: Vec<u8>, format: Option<Format>, default_date: Option<Date>) -> (Format, Loaded) {
    let (bytes, gz_err) = decompress(name, bytes);
    let format = format.unwrap_or_else(|| detect(name, &bytes));
    let dname = display_name(name);
    let mut r = match format {
        Format::Text => match text::text_document(name, &bytes, default_date) {
            Ok(d) => Loaded { docs: vec![d], skipped: vec![] },
            Err(s) => Loaded { docs: vec![], skipped: vec![s] },
        },
        Format::Jsonl => {
            let (docs, skipped) = text::jsonl_documents(name, &bytes, default_date);
            Loaded { docs, skipped }
        }
        Format::Html => match html::document(&dname, &bytes) {
            Ok(mut d) => {
                d.id = doc_id_from_path(name);
                d.date = d.date.or(default_date);
                Loaded { docs: vec![d], skipped: vec![] }
            }
            Err(reason) => Loaded { docs: vec![], skipped: vec![Skipped { place: dname.clone(), reason }] },
        },
        Format::Feed => feed::documents(&dname, &bytes),
        Format::Warc => warc::documents(&dname, &bytes),
        Format::PetrarchXml => petrarch::documents(&dname, &bytes),
    };
    if let Some(s) = gz_err {
        r.skipped.push(s);
    }
    // Too large, or empty after extraction: skipped with a message.
    let mut kept = Vec::with_capacity(r.docs.len());
    for d in r.docs {
        if d.text.len() > MAX_DOC_BYTES {
            r.skipped.push(Skipped {
                place: format!("{dname} ({})", d.id),
                reason: format!("document of {} bytes is larger than the {} MiB limit; not coded", d.text.len(), MAX_DOC_BYTES >> 20),
            });
        } else if d.text.trim().is_empty() {
            r.skipped.push(Skipped { place: format!("{dname} ({})", d.id), reason: "no text".into() });
        } else {
            kept.push(d);
        }
    }
    r.docs = kept;
    (format, r)
}

/// A document id from a path: the file stem, `stdin` for `-`.
pub fn doc_id_from_path(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    std::path::Path::new(path).file_stem().map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

/// The identity of a document: SHA-256 of its text with surrounding white
/// space trimmed, as 32 hex digits (128 bits).
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(text.trim().as_bytes());
    let mut s = String::with_capacity(32);
    for b in &d[..16] {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A date in any of the forms feeds, pages and crawls write: ISO 8601
/// (`2025-08-12`, `2025-08-12T10:00:00Z`), compact (`20250812`), or RFC 822
/// (`Tue, 12 Aug 2025 10:00:00 GMT`, `12 August 2025`).
pub fn parse_any_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() >= 10 && s.is_char_boundary(10) {
        if let Some(d) = Date::parse(&s[..10]) {
            return Some(d);
        }
    }
    if s.len() >= 8 && s.as_bytes()[..8].iter().all(u8::is_ascii_digit) && s.as_bytes().get(8).is_none_or(|b| !b.is_ascii_digit()) {
        let y: i32 = s[..4].parse().ok()?;
        let m: u32 = s[4..6].parse().ok()?;
        let d: u32 = s[6..8].parse().ok()?;
        return Date::new(y, m, d);
    }
    // RFC 822 and friends: a day number, a month name, a four-digit year
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let (mut day, mut month, mut year) = (None, None, None);
    for w in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).take(8) {
        let lw = w.to_ascii_lowercase();
        if w.bytes().all(|b| b.is_ascii_digit()) {
            match w.len() {
                1 | 2 if day.is_none() => day = w.parse::<u32>().ok(),
                4 if year.is_none() => year = w.parse::<i32>().ok(),
                _ => {}
            }
        } else if month.is_none() && lw.len() >= 3 {
            if let Some(i) = MONTHS.iter().position(|m| lw.starts_with(m)) {
                month = Some(i as u32 + 1);
            }
        }
    }
    Date::new(year?, month?, day?)
}

/// The host of a URL (`https://www.reuters.com/x` → `reuters.com`), as an outlet.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let table = [
            ("2025-08-12", Some("2025-08-12")),
            ("2025-08-12T10:00:00Z", Some("2025-08-12")),
            ("20150805", Some("2015-08-05")),
            ("Tue, 12 Aug 2025 10:00:00 GMT", Some("2025-08-12")),
            ("12 August 2025", Some("2025-08-12")),
            ("August 12, 2025", Some("2025-08-12")),
            ("yesterday", None),
            ("", None),
            ("2025-13-45", None),
        ];
        for (s, want) in table {
            assert_eq!(parse_any_date(s).map(|d| d.to_string()).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn detection() {
        let table: &[(&str, &[u8], Format)] = &[
            ("a.jsonl", b"{}", Format::Jsonl),
            ("a.warc.gz", b"", Format::Warc),
            ("a.wet", b"", Format::Warc),
            ("a.html", b"", Format::Html),
            ("a.rss", b"", Format::Feed),
            ("a", b"WARC/1.0\r\n", Format::Warc),
            ("a", b"<?xml version=\"1.0\"?><rss>", Format::Feed),
            ("a.xml", b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", Format::Feed),
            ("a.xml", b"<Sentences>\n<Sentence date=\"20150805\">", Format::PetrarchXml),
            ("a", b"<!DOCTYPE html><html>", Format::Html),
            ("-", b"{\"id\":1}", Format::Jsonl),
            ("story", b"MOSCOW - Putin said.", Format::Text),
        ];
        for (name, head, want) in table {
            assert_eq!(detect(name, head), *want, "{name}");
        }
    }

    #[test]
    fn gzip_whole_and_truncated() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"{\"id\":\"a\",\"text\":\"Russia praised China.\"}\n").unwrap();
        let gz = e.finish().unwrap();
        let (fmt, r) = read("x.jsonl.gz", gz.clone(), None, None);
        assert_eq!(fmt, Format::Jsonl);
        assert_eq!(r.docs.len(), 1);
        assert!(r.skipped.is_empty());
        let (_, r) = read("x.jsonl.gz", gz[..gz.len() - 6].to_vec(), None, None);
        assert!(r.skipped.iter().any(|s| s.reason.contains("truncated gzip")), "{:?}", r.skipped);
    }

    #[test]
    fn hosts_and_hashes() {
        assert_eq!(host_of("https://www.reuters.com/world/x?y").as_deref(), Some("reuters.com"));
        assert_eq!(host_of("not a url"), None);
        assert_eq!(content_hash(" a "), content_hash("a"));
        assert_ne!(content_hash("a"), content_hash("b"));
        assert_eq!(content_hash("a").len(), 32);
    }

    #[test]
    fn oversized_records_are_skipped() {
        let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"ok\",\"text\":\"Fine.\"}}\n", "a ".repeat(MAX_DOC_BYTES / 2 + 10));
        let (_, r) = read("big.jsonl", big.into_bytes(), None, None);
        assert_eq!(r.docs.len(), 1);
        assert!(r.skipped[0].reason.contains("larger than"), "{:?}", r.skipped);
    }
}
