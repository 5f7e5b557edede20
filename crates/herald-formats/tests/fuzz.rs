//! A bounded fuzz harness for every input parser: arbitrary bytes, and
//! mutations of valid inputs, must never panic, and every document must have
//! text. CI runs it as a normal test (`PROPTEST_CASES` raises the count;
//! `HERALD_FUZZ_SECS` bounds the time of the long run in `fuzz_for_a_while`).

use herald_formats::{feed, html, lang, petrarch, read, text, warc, Format};
use proptest::prelude::*;

const SEEDS: &[&[u8]] = &[
    b"{\"id\":\"a\",\"date\":\"2025-08-13\",\"text\":\"Russia praised China.\"}\n{\"id\":2,\"text\":\"x\"}\n",
    b"<html><head><title>T</title><meta property=\"og:title\" content=\"x\"></head><body><article><p>Text &amp; more.</p></article><nav>n</nav></body></html>",
    b"<?xml version=\"1.0\"?><rss><channel><title>W</title><item><title>a</title><description><![CDATA[<p>Text.</p>]]></description><pubDate>Tue, 12 Aug 2025 10:00:00 GMT</pubDate></item></channel></rss>",
    b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title><link href=\"https://a.b/c\"/><content>Body &#233;.</content></entry></feed>",
    b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://a.example/\r\nContent-Length: 5\r\n\r\nHello\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Body text</p>\r\n\r\n",
    b"<Sentences><Sentence date=\"20150805\" id=\"a\" source=\"AFP\"><Text>Arnor praised Gondor.</Text></Sentence></Sentences>",
];

fn check_all(bytes: &[u8]) {
    let name = "fuzz";
    for f in Format::ALL {
        let (_, r) = read(name, bytes.to_vec(), Some(f), None);
        for d in &r.docs {
            assert!(!d.text.trim().is_empty());
        }
    }
    let _ = read(name, bytes.to_vec(), None, None);
    let _ = text::jsonl_documents(name, bytes, None);
    let _ = feed::documents(name, bytes);
    let _ = warc::documents(name, bytes);
    let _ = petrarch::documents(name, bytes);
    let s = String::from_utf8_lossy(bytes);
    let _ = html::extract(&s);
    let _ = html::fragment_text(&s);
    let _ = html::decode_entities(&s);
    let _ = lang::detect(&s);
    let _ = herald_formats::parse_any_date(&s);
    let _ = herald_formats::host_of(&s);
}

fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for &(pos, op, byte) in edits {
        if v.is_empty() {
            v.push(byte);
            continue;
        }
        let p = pos % v.len();
        match op % 4 {
            0 => v[p] = byte,
            1 => {
                v.insert(p, byte);
            }
            2 => {
                v.remove(p);
            }
            _ => v.truncate(p),
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_all(&bytes);
    }

    #[test]
    fn mutated_seeds(i in 0..SEEDS.len(), edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..12)) {
        check_all(&mutate(SEEDS[i], &edits));
    }

    #[test]
    fn markup_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<".to_string()), Just(">".to_string()), Just("</".to_string()), Just("&".to_string()), Just(";".to_string()),
        Just("\"".to_string()), Just("=".to_string()), Just("<p>".to_string()), Just("<article>".to_string()), Just("<![CDATA[".to_string()),
        Just("]]>".to_string()), Just("<!--".to_string()), Just("WARC/1.0\r\n".to_string()), Just("Content-Length: 3\r\n\r\n".to_string()),
        Just("<item>".to_string()), Just("</item>".to_string()), Just("<Sentence date=\"1\">".to_string()), Just("<Text>".to_string()),
        "[a-zA-Z .,é]{0,12}",
    ], 0..60)) {
        check_all(parts.concat().as_bytes());
    }
}

/// The long run: `HERALD_FUZZ_SECS=600 cargo test --release -p herald-formats --test fuzz fuzz_for_a_while -- --ignored --nocapture`
/// runs mutated seeds for that long and prints the number of executions.
#[test]
#[ignore]
fn fuzz_for_a_while() {
    let secs: u64 = std::env::var("HERALD_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let start = std::time::Instant::now();
    let seed: u64 = std::env::var("HERALD_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    println!("fuzz: seed {seed} (HERALD_FUZZ_SEED to repeat)");
    let mut state: u64 = seed | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut runs = 0u64;
    while start.elapsed().as_secs() < secs {
        let seed = SEEDS[(next() % SEEDS.len() as u64) as usize];
        let n = (next() % 16) as usize;
        let edits: Vec<(usize, u8, u8)> = (0..n).map(|_| (next() as usize, next() as u8, next() as u8)).collect();
        let input = mutate(seed, &edits);
        for f in Format::ALL {
            let _ = read("fuzz", input.clone(), Some(f), None);
        }
        runs += 1;
    }
    println!("fuzz: {runs} inputs x {} parsers in {secs} s, no panic", Format::ALL.len());
}
