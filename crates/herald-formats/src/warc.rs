//! WARC and WET (ISO 28500; Common Crawl's `.warc.gz` and `.wet.gz` once
//! decompressed by [`crate::decompress`]).
//!
//! Each record is a `WARC/1.x` line, named header fields, a blank line, a
//! block of `Content-Length` bytes and two CRLFs. `response` records (HTTP
//! responses) have their HTTP header dropped and, when HTML, their main text
//! extracted; `resource` records are read as HTML or text by their type;
//! `conversion` records (WET) are plain text. `warcinfo`, `request`,
//! `metadata` and `revisit` records carry no article and are passed over.
//! Metadata: `WARC-Target-URI` (url; its host is the outlet unless the page
//! names its site) and `WARC-Date` (the date, unless the page has its own).
//! A record whose length runs past the end of the file, or whose block is not
//! followed by a record boundary, is reported with its number and offset;
//! reading resumes at the next `WARC/` line.

use herald_core::Document;

use crate::{host_of, html, parse_any_date, Loaded, Skipped};

/// Documents from a WARC or WET file (decompressed).
pub fn documents(name: &str, b: &[u8]) -> Loaded {
    let mut out = Loaded::default();
    let mut pos = 0usize;
    let mut n = 0usize;
    // skip leading blank lines
    while pos < b.len() && (b[pos] == b'\r' || b[pos] == b'\n') {
        pos += 1;
    }
    if !b[pos..].starts_with(b"WARC/") {
        out.skipped.push(Skipped { place: format!("{name}#record 1 (offset {pos})"), reason: "not a WARC file: no `WARC/` version line".into() });
        match find(b, pos, b"\nWARC/") {
            Some(p) => pos = p + 1,
            None => return out,
        }
    }
    while pos < b.len() {
        n += 1;
        let start = pos;
        let place = format!("{name}#record {n} (offset {start})");
        let Some(hdr_end) = blank_line(b, pos) else {
            out.skipped.push(Skipped { place, reason: "truncated record: the header never ends".into() });
            break;
        };
        let header = String::from_utf8_lossy(&b[pos..hdr_end.0]);
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in header.lines().skip(1) {
            if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let get = |k: &str| fields.iter().find(|(fk, _)| fk == k).map(|(_, v)| v.as_str());
        let body_start = hdr_end.0 + hdr_end.1;
        let len = match get("content-length").map(|v| v.parse::<usize>()) {
            Some(Ok(l)) => l,
            Some(Err(_)) | None => {
                out.skipped.push(Skipped { place, reason: "record has no valid Content-Length".into() });
                match resync(b, body_start) {
                    Some(p) => {
                        pos = p;
                        continue;
                    }
                    None => break,
                }
            }
        };
        let body_end = body_start.saturating_add(len);
        if body_end > b.len() {
            out.skipped.push(Skipped {
                place,
                reason: format!("Content-Length {len} runs past the end of the file ({} bytes left): truncated or wrong length", b.len() - body_start),
            });
            match resync(b, body_start) {
                Some(p) => {
                    pos = p;
                    continue;
                }
                None => break,
            }
        }
        // the block is followed by CRLF CRLF, then the next record (or the end)
        let mut next = body_end;
        while next < b.len() && (b[next] == b'\r' || b[next] == b'\n') && next - body_end < 4 {
            next += 1;
        }
        while next < b.len() && (b[next] == b'\r' || b[next] == b'\n') {
            next += 1;
        }
        if next < b.len() && !b[next..].starts_with(b"WARC/") {
            out.skipped.push(Skipped { place, reason: format!("Content-Length {len} does not end at a record boundary: wrong length") });
            match resync(b, body_start) {
                Some(p) => {
                    pos = p;
                    continue;
                }
                None => break,
            }
        }
        pos = next;
        let block = &b[body_start..body_end];
        let rtype = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let uri = get("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let date = get("warc-date").and_then(parse_any_date);
        let id = get("warc-record-id").map(|s| s.trim_matches(|c| c == '<' || c == '>').to_string()).unwrap_or_else(|| format!("record-{n}"));
        let ctype = get("content-type").unwrap_or("").to_ascii_lowercase();
        let doc = match rtype.as_str() {
            "response" => {
                let (http_ok, http_type, payload) = split_http(block);
                if !http_ok {
                    continue; // redirects, errors: no article
                }
                if !(http_type.is_empty() || http_type.contains("html") || http_type.contains("text/plain")) {
                    continue;
                }
                if http_type.contains("text/plain") {
                    plain(payload)
                } else {
                    match html::page_document(&String::from_utf8_lossy(payload)) {
                        Some(d) => Some(d),
                        None => {
                            out.skipped.push(Skipped { place, reason: "HTML with no main text".into() });
                            continue;
                        }
                    }
                }
            }
            "resource" => {
                if ctype.contains("html") {
                    html::page_document(&String::from_utf8_lossy(block))
                } else if ctype.starts_with("text/") || ctype.is_empty() {
                    plain(block)
                } else {
                    continue;
                }
            }
            "conversion" => plain(block),
            _ => continue,
        };
        let Some(mut d) = doc else {
            out.skipped.push(Skipped { place, reason: "record has no text".into() });
            continue;
        };
        d.id = id;
        d.date = d.date.or(date);
        if d.url.is_none() {
            d.url = uri.clone();
        }
        if d.outlet.is_none() {
            d.outlet = uri.as_deref().and_then(host_of);
        }
        out.docs.push(d);
    }
    out
}

fn plain(block: &[u8]) -> Option<Document> {
    let text = String::from_utf8_lossy(block).trim().to_string();
    (!text.is_empty()).then(|| Document { text, ..Default::default() })
}

/// An HTTP response: (status 2xx, content type, payload).
fn split_http(block: &[u8]) -> (bool, String, &[u8]) {
    let Some((end, sep)) = blank_line(block, 0) else {
        return (false, String::new(), &[]);
    };
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let ok = status.split_whitespace().nth(1).is_some_and(|c| c.starts_with('2'));
    let ctype = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    (ok, ctype, &block[end + sep..])
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() || needle.is_empty() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// The first blank line (CRLF CRLF, or LF LF) from `from`: (offset, length).
fn blank_line(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i + 1 < b.len() {
        if b[i] == b'\n' {
            if b[i + 1] == b'\n' {
                return Some((i, 2));
            }
            if b[i + 1] == b'\r' && b.get(i + 2) == Some(&b'\n') {
                return Some((i.saturating_sub(usize::from(i > 0 && b[i - 1] == b'\r')), 3 + usize::from(i > 0 && b[i - 1] == b'\r')));
            }
        }
        i += 1;
    }
    None
}

/// The start of the next record after a bad one.
fn resync(b: &[u8], from: usize) -> Option<usize> {
    find(b, from, b"\nWARC/").map(|p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, ctype: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-08-13T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len(),
            block.len()
        )
    }

    #[test]
    fn table() {
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>T</title></head><body><p>Russia praised China on Monday.</p></body></html>";
        let redirect = "HTTP/1.1 301 Moved\r\nLocation: x\r\n\r\n";
        let wet = record("conversion", "https://www.news.example/a", "text/plain", "Iran condemned Israel.\nSecond line.");
        let warc = [
            record("warcinfo", "", "application/warc-fields", "software: test\r\n"),
            record("request", "https://site.example/a", "application/http; msgtype=request", "GET /a HTTP/1.1\r\n\r\n"),
            record("response", "https://site.example/a", "application/http; msgtype=response", http),
            record("response", "https://site.example/r", "application/http; msgtype=response", redirect),
        ]
        .concat();
        // a wrong length: the declared length runs 5 bytes short, then a good record
        let bad_len = record("conversion", "https://x.example/1", "text/plain", "Text one.").replace("Content-Length: 9", "Content-Length: 4") + &wet;
        let truncated = record("conversion", "https://x.example/1", "text/plain", "Text one.").replace("Content-Length: 9", "Content-Length: 900");
        // (input, texts, outlets, number skipped)
        let table: Vec<(String, Vec<&str>, Vec<&str>, usize)> = vec![
            (wet.clone(), vec!["Iran condemned Israel.\nSecond line."], vec!["news.example"], 0),
            (warc, vec!["Russia praised China on Monday."], vec!["site.example"], 0),
            (bad_len, vec!["Iran condemned Israel.\nSecond line."], vec!["news.example"], 1),
            (truncated, vec![], vec![], 1),
            ("not a warc".into(), vec![], vec![], 1),
            (String::new(), vec![], vec![], 1),
        ];
        for (src, texts, outlets, skipped) in table {
            let r = documents("c.warc", src.as_bytes());
            assert_eq!(r.docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), texts, "{src}");
            assert_eq!(r.docs.iter().map(|d| d.outlet.as_deref().unwrap_or("")).collect::<Vec<_>>(), outlets);
            assert_eq!(r.skipped.len(), skipped, "{:?}", r.skipped);
        }
        let r = documents("c.warc", wet.as_bytes());
        assert_eq!(r.docs[0].date.unwrap().to_string(), "2025-08-13");
        assert_eq!(r.docs[0].url.as_deref(), Some("https://www.news.example/a"));
    }
}
