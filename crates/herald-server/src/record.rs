//! One document coded into what the store keeps: shared by `herald ingest`
//! and `POST /api/code?store=true`, so both store the same thing.

use herald_core::Document;
use herald_formats::lang;
use herald_pipeline::{output, Pipeline};
use herald_store::{DocRecord, MentionRecord};

/// Code one document (if English) into a [`DocRecord`]: the document, its
/// language and status, and one [`MentionRecord`] per event with its JSON.
/// `hash` is [`herald_formats::content_hash`] of its text; `file` is where it was read.
pub fn doc_record(pipeline: &Pipeline, hash: &str, file: &str, doc: &Document) -> DocRecord {
    let language = lang::detect(&doc.text);
    let english = lang::is_english(&doc.text);
    let mut rec = DocRecord {
        hash: hash.to_string(),
        ext_id: doc.id.clone(),
        date: doc.date.map(|d| d.to_string()),
        title: doc.title.clone(),
        url: doc.url.clone(),
        outlet: doc.outlet.clone(),
        lang: language.to_string(),
        status: if english { "coded" } else { "not_english" }.to_string(),
        text: doc.text.clone(),
        source_path: Some(file.to_string()),
        mentions: vec![],
    };
    if !english {
        return rec;
    }
    let p = pipeline.process(doc);
    for e in p.events() {
        let mut v = output::event_json(&p, e);
        if let Some(o) = v.as_object_mut() {
            o.insert("doc".into(), serde_json::json!(doc.id));
        }
        rec.mentions.push(MentionRecord {
            source: e.source.clone(),
            target: e.target.clone().unwrap_or_default(),
            cameo: e.cameo.clone(),
            plover: e.plover.clone(),
            mode: e.mode.clone(),
            quad_class: v.get("quad_class").and_then(|x| x.as_i64()),
            goldstein: v.get("goldstein").and_then(|x| x.as_f64()),
            date: e.date.map(|d| d.to_string()),
            date_days: e.date.map(|d| d.date.to_days()),
            place_name: e.location.as_ref().map(|l| l.name.clone()),
            place_country: e.location.as_ref().map(|l| l.country.clone()).filter(|c| !c.is_empty()),
            place_kind: e.location.as_ref().map(|l| format!("{:?}", l.feature).to_lowercase()),
            lat: e.location.as_ref().map(|l| l.lat),
            lon: e.location.as_ref().map(|l| l.lon),
            sentence: e.sentence as i64,
            start: e.start as i64,
            end: e.end as i64,
            text: v.get("evidence").and_then(|x| x.get("text")).and_then(|x| x.as_str()).unwrap_or("").to_string(),
            source_text: Some(e.source_text.clone()),
            target_text: e.target_text.clone(),
            json: v.to_string(),
        });
    }
    rec
}
