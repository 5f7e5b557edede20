//! PETRARCH XML: `<Sentences>` of `<Sentence date="YYYYMMDD" id="…"
//! source="…">` each with a `<Text>` (and a `<Parse>` herald does not need:
//! it parses itself). One document per sentence; `source` is the outlet.

use herald_core::Document;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{parse_any_date, Loaded, Skipped};

/// Documents from a PETRARCH XML file.
pub fn documents(name: &str, bytes: &[u8]) -> Loaded {
    let src = String::from_utf8_lossy(bytes);
    let mut reader = Reader::from_str(&src);
    reader.config_mut().check_end_names = true;
    let mut out = Loaded::default();
    let mut n = 0usize;
    let mut cur: Option<(Document, String)> = None; // the sentence, its raw date
    let mut in_text = false;
    let mut depth_stack: Vec<String> = Vec::new();
    let mut saw = false;
    loop {
        let Some(ev) = crate::xml_event(&mut reader, &mut out, name, n, "sentence") else { break };
        match ev {
            Event::Start(e) => {
                let tag = e.local_name().as_ref().to_ascii_lowercase();
                if tag == "sentences" {
                    saw = true;
                }
                if tag == "sentence" {
                    saw = true;
                    n += 1;
                    cur = Some(sentence(&e, n));
                }
                if tag == "text" {
                    in_text = true;
                }
                depth_stack.push(tag);
            }
            Event::End(e) => {
                let tag = e.local_name().as_ref().to_ascii_lowercase();
                depth_stack.pop();
                if tag == "text" {
                    in_text = false;
                }
                if tag == "sentence" {
                    if let Some((mut d, raw_date)) = cur.take() {
                        d.text = d.text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if d.text.is_empty() {
                            out.skipped.push(Skipped { place: format!("{name}#sentence {n} ({})", d.id), reason: "no <Text>".into() });
                        } else if !raw_date.is_empty() && d.date.is_none() {
                            out.skipped.push(Skipped { place: format!("{name}#sentence {n} ({})", d.id), reason: format!("date {raw_date:?} is not a date (expected YYYYMMDD)") });
                        } else {
                            out.docs.push(d);
                        }
                    }
                }
            }
            Event::Text(t) if in_text => push(&mut cur, &t.xml10_content()),
            Event::CData(t) if in_text => push(&mut cur, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => crate::html::decode_entities(&format!("&{};", &*r)),
                };
                push(&mut cur, &s);
            }
            Event::Eof => {
                if let Some(open) = depth_stack.last() {
                    out.skipped.push(Skipped { place: format!("{name}#byte {}", reader.buffer_position()), reason: format!("broken XML: the file ends inside <{open}> (truncated?)") });
                }
                break;
            }
            _ => {}
        }
    }
    if !saw && out.skipped.is_empty() {
        out.skipped.push(Skipped { place: name.to_string(), reason: "not PETRARCH XML (no <Sentences> or <Sentence>)".into() });
    }
    out
}

fn push(cur: &mut Option<(Document, String)>, s: &str) {
    if let Some((d, _)) = cur {
        d.text.push_str(s);
    }
}

fn sentence(e: &BytesStart<'_>, n: usize) -> (Document, String) {
    let mut d = Document { id: format!("sentence-{n}"), ..Default::default() };
    let mut raw_date = String::new();
    for a in e.attributes().flatten() {
        let v = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.trim().to_string()).unwrap_or_default();
        match a.key.local_name().as_ref().to_ascii_lowercase().as_str() {
            "id" if !v.is_empty() => d.id = v,
            "date" => {
                d.date = parse_any_date(&v);
                raw_date = v;
            }
            "source" if !v.is_empty() => d.outlet = Some(v),
            _ => {}
        }
    }
    (d, raw_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let good = r#"<Sentences>
<Sentence date = "20150805" id ="DEMO-01" source = "AFP" sentence = "True">
<Text>
Arnor is about to restore full diplomatic ties with Gondor &amp; Rohan.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950101" id="DEMO-02" source="X"><Text>Gondor praised Arnor.</Text></Sentence>
</Sentences>"#;
        // (input, ids, texts, skipped)
        let table: &[(&str, &[&str], &[&str], usize)] = &[
            (good, &["DEMO-01", "DEMO-02"], &["Arnor is about to restore full diplomatic ties with Gondor & Rohan.", "Gondor praised Arnor."], 0),
            (r#"<Sentences><Sentence date="2015" id="a"><Text>x</Text></Sentence><Sentence id="b"><Parse/></Sentence></Sentences>"#, &[], &[], 2),
            (r#"<Sentences><Sentence date="20150805" id="a"><Text>Fine.</Text></Sentence><Sentence id="b"><Text>Cut"#, &["a"], &["Fine."], 1),
            ("<Sentences><Sentence id='a'><Text>x</Txet></Sentence></Sentences>", &[], &[], 1),
            ("plain words", &[], &[], 1),
        ];
        for (src, ids, texts, skipped) in table {
            let r = documents("p.xml", src.as_bytes());
            assert_eq!(r.docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), *ids, "{src}");
            assert_eq!(r.docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), *texts, "{src}");
            assert_eq!(r.skipped.len(), *skipped, "{src}: {:?}", r.skipped);
        }
        let r = documents("p.xml", good.as_bytes());
        assert_eq!(r.docs[0].date.unwrap().to_string(), "2015-08-05");
        assert_eq!(r.docs[0].outlet.as_deref(), Some("AFP"));
    }
}
