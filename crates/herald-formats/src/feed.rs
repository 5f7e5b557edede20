//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item whose text
//! is in the feed (`content:encoded`, Atom `content`, else `description` or
//! `summary`, HTML stripped). The linked article is not fetched: an item with
//! no text is reported. Outlet: the channel's title (else the link's host);
//! date: `pubDate`, `dc:date`, `published` or `updated`. Broken XML is
//! reported with its byte offset, and the items before it are kept.

use herald_core::Document;
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::{host_of, html, parse_any_date, Loaded, Skipped};

#[derive(Default)]
struct Item {
    title: String,
    link: String,
    date: String,
    description: String,
    content: String,
    guid: String,
}

/// Documents from a feed.
pub fn documents(name: &str, bytes: &[u8]) -> Loaded {
    let src = String::from_utf8_lossy(bytes);
    let mut reader = Reader::from_str(&src);
    reader.config_mut().check_end_names = true;
    let mut out = Loaded::default();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut items_seen = 0usize;
    let mut channel_title = String::new();
    let mut channel_link = String::new();
    let mut saw_feed = false;
    loop {
        let Some(ev) = crate::xml_event(&mut reader, &mut out, name, items_seen, "item") else { break };
        match ev {
            Event::Start(e) => {
                let n = e.local_name().as_ref().to_ascii_lowercase();
                if matches!(n.as_str(), "rss" | "feed" | "rdf" | "channel") {
                    saw_feed = true;
                }
                if n == "item" || n == "entry" {
                    item = Some(Item::default());
                }
                if n == "link" {
                    if let Some(href) = href(&e) {
                        set_link(&mut item, &mut channel_link, &e, href);
                    }
                }
                stack.push(n);
            }
            Event::Empty(e) => {
                let n = e.local_name().as_ref().to_ascii_lowercase();
                if n == "link" {
                    if let Some(href) = href(&e) {
                        set_link(&mut item, &mut channel_link, &e, href);
                    }
                }
            }
            Event::End(e) => {
                let n = e.local_name().as_ref().to_ascii_lowercase();
                stack.pop();
                if n == "item" || n == "entry" {
                    items_seen += 1;
                    if let Some(it) = item.take() {
                        let outlet = (!channel_title.trim().is_empty()).then(|| channel_title.trim().to_string()).or_else(|| host_of(&it.link)).or_else(|| host_of(&channel_link));
                        match item_document(it, outlet) {
                            Ok(d) => out.docs.push(d),
                            Err(reason) => out.skipped.push(Skipped { place: format!("{name}#item {items_seen}"), reason }),
                        }
                    }
                }
            }
            Event::Text(t) => push_text(&stack, &mut item, &mut channel_title, &t.xml10_content()),
            Event::CData(t) => push_text(&stack, &mut item, &mut channel_title, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match &*r {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        other => Some(html::decode_entities(&format!("&{other};"))),
                    },
                };
                if let Some(c) = c {
                    push_text(&stack, &mut item, &mut channel_title, &c);
                }
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    out.skipped.push(Skipped {
                        place: format!("{name}#byte {}", reader.buffer_position()),
                        reason: format!("broken XML: the feed ends inside <{open}> after {items_seen} item(s) (truncated?)"),
                    });
                }
                break;
            }
            _ => {}
        }
    }
    if !saw_feed && out.docs.is_empty() && out.skipped.is_empty() {
        out.skipped.push(Skipped { place: name.to_string(), reason: "not an RSS or Atom feed (no <rss>, <feed> or <channel>)".into() });
    }
    out
}

fn href(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "href").and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn set_link(item: &mut Option<Item>, channel_link: &mut String, e: &quick_xml::events::BytesStart<'_>, href: String) {
    let rel = e.attributes().flatten().find(|a| a.key.as_ref() == "rel").and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()));
    if rel.as_deref().is_some_and(|r| r != "alternate") {
        return;
    }
    match item {
        Some(it) if it.link.is_empty() => it.link = href,
        None if channel_link.is_empty() => *channel_link = href,
        _ => {}
    }
}

fn push_text(stack: &[String], item: &mut Option<Item>, channel_title: &mut String, t: &str) {
    let Some(top) = stack.last() else { return };
    match item {
        Some(it) => {
            let field = match top.as_str() {
                "title" => &mut it.title,
                "link" => &mut it.link,
                "pubdate" | "date" | "published" | "updated" | "issued" | "modified" => {
                    if !it.date.is_empty() && matches!(top.as_str(), "updated" | "modified") {
                        return;
                    }
                    &mut it.date
                }
                "description" | "summary" => &mut it.description,
                "encoded" | "content" => &mut it.content,
                "guid" | "id" => &mut it.guid,
                _ => return,
            };
            field.push_str(t);
        }
        None => {
            if top == "title" && stack.len() >= 2 && matches!(stack[stack.len() - 2].as_str(), "channel" | "feed") {
                channel_title.push_str(t);
            }
        }
    }
}

fn item_document(it: Item, outlet: Option<String>) -> Result<Document, String> {
    let body = if it.content.trim().is_empty() { &it.description } else { &it.content };
    let text = html::fragment_text(body);
    if text.trim().is_empty() {
        return Err(format!("item {:?} has no text in the feed (the linked article is not fetched)", it.title.trim()));
    }
    let link = it.link.trim().to_string();
    let id = [it.guid.trim(), link.as_str()].into_iter().find(|s| !s.is_empty()).map(str::to_string).unwrap_or_default();
    Ok(Document {
        id,
        date: parse_any_date(&it.date),
        title: Some(html::fragment_text(it.title.trim())).filter(|t| !t.is_empty()),
        text,
        url: (!link.is_empty()).then_some(link),
        outlet,
        actor_queries: vec![],
        options: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title><link>https://example.com/</link>
<item><title>Putin calls Kim</title><link>https://example.com/a</link><pubDate>Wed, 13 Aug 2025 09:00:00 GMT</pubDate>
<description>Short summary.</description><content:encoded><![CDATA[<p>Russian President Vladimir Putin called Kim Jong Un.</p><p>They talked &amp; agreed.</p>]]></content:encoded></item>
<item><title>Only a link</title><link>https://example.com/b</link></item>
<item><title>Summary only</title><description>&lt;p&gt;Iran condemned Israel.&lt;/p&gt;</description><guid>g-3</guid></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>China and Japan</title><link rel="alternate" href="https://atom.example.org/1"/><id>urn:1</id><published>2024-06-19T10:00:00Z</published>
<content type="html">&lt;p&gt;China criticized Japan on Monday.&lt;/p&gt;</content></entry>
</feed>"#;

    #[test]
    fn table() {
        // (feed, documents as (title, date, outlet, text), number skipped)
        type Row = (&'static str, &'static [(&'static str, &'static str, &'static str, &'static str)], usize);
        let table: &[Row] = &[
            (
                RSS,
                &[
                    ("Putin calls Kim", "2025-08-13", "Example Wire", "Russian President Vladimir Putin called Kim Jong Un.\n\nThey talked & agreed."),
                    ("Summary only", "", "Example Wire", "Iran condemned Israel."),
                ],
                1,
            ),
            (ATOM, &[("China and Japan", "2024-06-19", "Atom News", "China criticized Japan on Monday.")], 0),
            ("<rss><channel><item><title>a</title><description>Text one.</description></item><item><title>b</title><description>bro", &[("a", "", "", "Text one.")], 1),
            ("<html>not a feed</html>", &[], 1),
        ];
        for (src, want, skipped) in table {
            let r = documents("f.rss", src.as_bytes());
            let got: Vec<(String, String, String, String)> = r
                .docs
                .iter()
                .map(|d| (d.title.clone().unwrap_or_default(), d.date.map(|d| d.to_string()).unwrap_or_default(), d.outlet.clone().unwrap_or_default(), d.text.clone()))
                .collect();
            let want: Vec<(String, String, String, String)> = want.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
            assert_eq!(got, want, "{src}");
            assert_eq!(r.skipped.len(), *skipped, "{:?}", r.skipped);
        }
        let r = documents("f.rss", RSS.as_bytes());
        assert_eq!(r.docs[0].url.as_deref(), Some("https://example.com/a"));
        assert_eq!(r.docs[1].id, "g-3");
        assert!(r.skipped[0].place.contains("#item 2"), "{:?}", r.skipped);
    }
}
