//! One document coded into what the store keeps: shared by `herald ingest`
//! and `POST /api/code?store=true`, so both store the same thing.

use herald_core::Document;
use herald_formats::lang;
use herald_pipeline::{output, Pipeline};
use herald_store::{DocRecord, FlagRecord, MentionRecord};

/// Code one document (if English) into a [`DocRecord`]: the document, its
/// language and status, and one [`MentionRecord`] per event with its JSON.
/// `hash` is [`herald_formats::content_hash`] of its text; `file` is where it was read.
pub fn doc_record(pipeline: &Pipeline, hash: &str, file: &str, doc: &Document) -> DocRecord {
    let language = lang::detect(&doc.text);
    let english = lang::english_given(&doc.text, language);
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
        flags: vec![],
    };
    if !english {
        return rec;
    }
    let p = pipeline.process(doc);
    // the document's claims on its own: other documents' accounts meet in
    // the store's clusters (claimants, party-only), not in these flags
    let claims = herald_claims::alone(&p.claims);
    for (i, e) in p.coded.events.iter().enumerate().filter(|(_, e)| e.modality.is_factual()) {
        let ec = claims.events.iter().find(|ec| ec.event == i);
        let mut v = output::event_json(&p, e);
        output::add_event_claims(&mut v, ec);
        if let Some(o) = v.as_object_mut() {
            o.insert("doc".into(), serde_json::json!(doc.id));
        }
        let main = ec.and_then(|ec| ec.accounts.first().map(|a| (ec, a)));
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
            claimant: main.filter(|(_, a)| !a.claimant.outlet).map(|(_, a)| a.claimant.key()),
            claimant_code: main.and_then(|(_, a)| a.claimant.code.clone()),
            attribution_verb: main.map(|(_, a)| a.stance.as_str().to_string()),
            party_claim: main.is_some_and(|(ec, _)| ec.accounts.iter().all(|a| ec.is_party_account(a))),
            claimants: ec.map(|ec| ec.accounts.iter().filter(|a| !a.claimant.outlet).map(|a| a.claimant.key()).collect()).unwrap_or_default(),
            outlet_voice: ec.is_none_or(|ec| ec.accounts.iter().any(|a| a.claimant.outlet)),
        });
    }
    // single-source flags are the store's to judge, over all its documents
    for f in claims.flags.iter().filter(|f| f.kind != "single_source") {
        rec.flags.push(FlagRecord {
            kind: f.kind.to_string(),
            text: f.text.clone(),
            start: f.start as i64,
            end: f.end as i64,
            claim: f.claim.clone(),
            known: f.known.clone(),
            known_source: f.source.clone(),
            message: f.message.clone(),
            why: serde_json::json!(f.why).to_string(),
        });
    }
    rec
}
