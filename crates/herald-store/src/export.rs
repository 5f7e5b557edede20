//! Writing events out: a readable table, JSONL, CSV, GDELT 2.0 event TSV
//! (61 columns in GDELT's order) and PLOVER JSON lines.

use std::io::Write;

use rusqlite::Connection;
use serde_json::{json, Value};

use crate::query::{mentions, EventRow, MentionRow};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per event, with its mentions.
    Jsonl,
    /// RFC 4180 CSV with a header.
    Csv,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// PLOVER-style JSON, one event per line.
    Plover,
}

/// GDELT 2.0's event table columns, in order (the GDELT 2.0 event codebook).
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

/// Write events in a format; the mentions are read from the store as needed.
/// Store errors come back as `io::Error`s.
pub fn write(conn: &Connection, events: &[EventRow], format: Format, w: &mut dyn Write) -> std::io::Result<()> {
    let ms = |id: i64| mentions(conn, id).map_err(std::io::Error::other);
    match format {
        Format::Table => table(events, w),
        Format::Csv => csv(conn, events, w),
        Format::Jsonl => events.iter().try_for_each(|e| writeln_json(w, &event_json(e, &ms(e.id)?))),
        Format::Plover => events.iter().try_for_each(|e| writeln_json(w, &plover_json(e, &ms(e.id)?))),
        Format::Gdelt => events.iter().try_for_each(|e| writeln!(w, "{}", gdelt_row(e, &ms(e.id)?).join("\t"))),
    }
}

fn writeln_json(w: &mut dyn Write, v: &Value) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")
}

fn mention_json(m: &MentionRow) -> Value {
    json!({
        "doc": m.doc_hash, "doc_id": m.doc_id, "outlet": m.outlet, "url": m.url, "title": m.title, "published": m.doc_date,
        "cameo": m.cameo, "date": m.date, "sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text,
        "source_text": m.source_text, "target_text": m.target_text,
    })
}

/// One event as JSON, with every mention and its evidence.
pub fn event_json(e: &EventRow, ms: &[MentionRow]) -> Value {
    json!({
        "id": e.id, "date": e.date, "last_date": e.last_date, "source": e.source, "target": opt(&e.target),
        "cameo": e.cameo, "root": e.root, "plover": e.plover, "mode": e.mode, "quad_class": e.quad_class, "goldstein": e.goldstein,
        "place": e.place_name.as_ref().map(|n| json!({"name": n, "country": e.place_country, "kind": e.place_kind, "lat": e.lat, "lon": e.lon})),
        "mentions": e.n_mentions, "sources": e.n_sources, "articles": e.n_articles, "claimants": e.n_claimants, "party_only": e.party_only, "corroborated": e.n_sources > 1 || e.n_claimants > 1,
        "evidence": ms.iter().map(mention_json).collect::<Vec<_>>(),
    })
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// One event as a PLOVER record (POLECAT's field names where they exist).
pub fn plover_json(e: &EventRow, ms: &[MentionRow]) -> Value {
    let first: Option<Value> = ms.first().and_then(|m| serde_json::from_str(&m.json).ok());
    let get = |k: &str| first.as_ref().and_then(|v| v.get(k)).cloned().unwrap_or(Value::Null);
    json!({
        "event_id": e.id,
        "event_date": e.date,
        "event_type": e.plover,
        "event_mode": e.mode,
        "event_context": get("contexts"),
        "source_actor": e.source,
        "source_actor_text": ms.first().and_then(|m| m.source_text.clone()),
        "target_actor": opt(&e.target),
        "target_actor_text": ms.first().and_then(|m| m.target_text.clone()),
        "magnitude": get("magnitude"),
        "location": e.place_name.as_ref().map(|n| json!({"name": n, "country": e.place_country, "lat": e.lat, "lon": e.lon})),
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "num_mentions": e.n_mentions,
        "num_sources": e.n_sources,
        "num_articles": e.n_articles,
        "mentions": ms.iter().map(mention_json).collect::<Vec<_>>(),
    })
}

fn table(events: &[EventRow], w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{:>7}  {:<10}  {:<9} {:<9}  {:<5} {:<9} {:>1}  {:<16}  {:>3} {:>3} {:>3} {:>3}", "id", "date", "source", "target", "cameo", "plover", "q", "place", "men", "src", "art", "cla")?;
    for e in events {
        writeln!(
            w,
            "{:>7}  {:<10}  {:<9} {:<9}  {:<5} {:<9} {:>1}  {:<16}  {:>3} {:>3} {:>3} {:>3}{}",
            e.id,
            e.date.as_deref().unwrap_or("-"),
            e.source,
            if e.target.is_empty() { "-" } else { &e.target },
            e.cameo,
            e.plover.as_deref().unwrap_or("-"),
            e.quad_class.map_or("-".to_string(), |q| q.to_string()),
            e.place_name.as_deref().map(|p| p.chars().take(16).collect::<String>()).unwrap_or_else(|| "-".into()),
            e.n_mentions,
            e.n_sources,
            e.n_articles,
            e.n_claimants,
            if e.party_only { "  party only" } else { "" }
        )?;
    }
    writeln!(w, "{} event(s)", events.len())
}

/// Quote a CSV field when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(conn: &Connection, events: &[EventRow], w: &mut dyn Write) -> std::io::Result<()> {
    {
        let header = "id,date,source,target,cameo,root,plover,mode,quad_class,goldstein,place,place_country,lat,lon,mentions,sources,articles,evidence,url";
        writeln!(w, "{header}")?;
        for e in events {
            let ms = mentions(conn, e.id).map_err(std::io::Error::other)?;
            let f = |o: Option<f64>| o.map(|x| format!("{x}")).unwrap_or_default();
            let row = [
                e.id.to_string(),
                e.date.clone().unwrap_or_default(),
                e.source.clone(),
                e.target.clone(),
                e.cameo.clone(),
                e.root.clone(),
                e.plover.clone().unwrap_or_default(),
                e.mode.clone().unwrap_or_default(),
                e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                f(e.goldstein),
                e.place_name.clone().unwrap_or_default(),
                e.place_country.clone().unwrap_or_default(),
                f(e.lat),
                f(e.lon),
                e.n_mentions.to_string(),
                e.n_sources.to_string(),
                e.n_articles.to_string(),
                ms.first().map(|m| m.text.clone()).unwrap_or_default(),
                ms.first().and_then(|m| m.url.clone()).unwrap_or_default(),
            ];
            let line = row.iter().map(|s| csv_field(s)).collect::<Vec<_>>().join(",");
            writeln!(w, "{line}")?;
        }
        Ok(())
    }
}

/// FIPS 10-4 country code of herald's 3-letter (ISO alpha-3) code, from
/// `data/fips.tsv` (GeoNames; `cargo run -p xtask -- fips`).
pub fn fips(iso3: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("../data/fips.tsv")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with("iso3\t"))
                .filter_map(|l| {
                    let mut f = l.split('\t');
                    Some((f.next()?, f.next()?))
                })
                .collect()
        })
        .get(iso3)
        .copied()
}

/// Split a CAMEO actor code into (country, known group, type codes).
fn actor_parts(code: &str) -> (String, String, Vec<String>) {
    let chunks: Vec<String> = code.as_bytes().chunks(3).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    let Some(first) = chunks.first() else { return (String::new(), String::new(), vec![]) };
    const GROUP_TYPES: [&str; 5] = ["IGO", "NGO", "NGM", "MNC", "IMG"];
    const TYPES: [&str; 26] = [
        "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB",
        "LEG", "MED", "REF", "MOD", "RAD",
    ];
    if GROUP_TYPES.contains(&first.as_str()) {
        return (String::new(), chunks.get(1).cloned().unwrap_or_default(), vec![first.clone()]);
    }
    if TYPES.contains(&first.as_str()) {
        return (String::new(), String::new(), chunks);
    }
    (first.clone(), String::new(), chunks[1..].to_vec())
}

/// One event as GDELT 2.0's 61 columns.
pub fn gdelt_row(e: &EventRow, ms: &[MentionRow]) -> Vec<String> {
    let mut c: Vec<String> = Vec::with_capacity(61);
    let date = e.date.as_deref().and_then(herald_core::DateValue::parse).map(|d| d.date);
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    c.push(e.id.to_string());
    c.push(date.map(|d| format!("{:04}{:02}{:02}", d.year, d.month, d.day)).unwrap_or_default());
    c.push(date.map(|d| format!("{:04}{:02}", d.year, d.month)).unwrap_or_default());
    c.push(date.map(|d| d.year.to_string()).unwrap_or_default());
    c.push(date.map(|d| format!("{:.4}", f64::from(d.year) + f64::from((d.month - 1) * 30 + d.day) / 365.0)).unwrap_or_default());
    let first = ms.first();
    for (code, name) in [(&e.source, first.and_then(|m| m.source_text.as_deref())), (&e.target, first.and_then(|m| m.target_text.as_deref()))] {
        let (country, group, types) = actor_parts(code);
        c.push(code.clone());
        c.push(if code.is_empty() { String::new() } else { clean(&name.unwrap_or("").to_uppercase()) });
        c.push(country);
        c.push(group);
        c.push(String::new()); // ethnic
        c.push(String::new()); // religion 1
        c.push(String::new()); // religion 2
        for i in 0..3 {
            c.push(types.get(i).cloned().unwrap_or_default());
        }
    }
    c.push(if first.is_some_and(|m| m.sentence < 3) { "1" } else { "0" }.into());
    c.push(e.cameo.clone());
    c.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    c.push(e.root.clone());
    c.push(e.quad_class.map(|q| q.to_string()).unwrap_or_default());
    c.push(e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
    c.push(e.n_mentions.to_string());
    c.push(e.n_sources.to_string());
    c.push(e.n_articles.to_string());
    c.push("0".into()); // AvgTone: herald does not score tone
    // Actor1Geo and Actor2Geo: herald does not place actors
    for _ in 0..2 {
        c.push("0".into());
        c.extend(std::iter::repeat_n(String::new(), 7));
    }
    match &e.place_name {
        Some(name) => {
            let us = e.place_country.as_deref() == Some("USA");
            let ty = match e.place_kind.as_deref() {
                Some("country") => 1,
                Some("region") if us => 2,
                Some("region") => 5,
                Some("city") if us => 3,
                _ => 4,
            };
            let country = e.place_country.as_deref().and_then(fips).unwrap_or("");
            c.push(ty.to_string());
            c.push(clean(name));
            c.push(country.to_string());
            // ADM1: GDELT writes the country's FIPS code for a country-level place
            c.push(if ty == 1 { country.to_string() } else { String::new() });
            c.push(String::new());
            c.push(e.lat.map(|x| format!("{x:.4}")).unwrap_or_default());
            c.push(e.lon.map(|x| format!("{x:.4}")).unwrap_or_default());
            c.push(String::new());
        }
        None => {
            c.push("0".into());
            c.extend(std::iter::repeat_n(String::new(), 7));
        }
    }
    let added = first.and_then(|m| m.doc_date.as_deref()).and_then(herald_core::Date::parse).or(date);
    c.push(added.map(|d| format!("{:04}{:02}{:02}000000", d.year, d.month, d.day)).unwrap_or_default());
    c.push(clean(first.and_then(|m| m.url.clone().or_else(|| m.doc_id.clone())).as_deref().unwrap_or("")));
    debug_assert_eq!(c.len(), GDELT_COLUMNS.len());
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{events, Filter};
    use crate::tests::{doc, mention};
    use crate::Store;

    #[test]
    fn formats() {
        let mut s = Store::open_in_memory().unwrap();
        let mut m = mention("RUSGOV", "PRKGOV", "041", "2025-08-12", Some("RUS"));
        m.text = "Putin said, \"we talked\",\nthen\tleft.".into();
        m.source_text = Some("Putin".into());
        m.quad_class = Some(1);
        m.goldstein = Some(1.0);
        m.place_kind = Some("city".into());
        m.lat = Some(55.75);
        m.lon = Some(37.62);
        s.write_batch(&[doc("a", "Reuters", vec![m]), doc("b", "AP", vec![mention("IGOUNO", "", "010", "2025-01-01", None)])], 1).unwrap();
        let evs = events(s.conn(), &Filter::default()).unwrap();
        let out = |f: Format| {
            let mut v = Vec::new();
            write(s.conn(), &evs, f, &mut v).unwrap();
            String::from_utf8(v).unwrap()
        };
        let gdelt = out(Format::Gdelt);
        for line in gdelt.lines() {
            assert_eq!(line.split('\t').count(), 61, "{line}");
        }
        let row: Vec<&str> = gdelt.lines().nth(1).unwrap().split('\t').collect();
        assert_eq!(&row[1..4], ["20250812", "202508", "2025"]);
        assert_eq!(&row[5..8], ["RUSGOV", "PUTIN", "RUS"]);
        assert_eq!(row[12], "GOV");
        assert_eq!(&row[26..30], ["041", "041", "04", "1"]);
        assert_eq!(row[51], "4");
        assert_eq!(row[53], "RS", "FIPS country code of RUS");
        assert_eq!((fips("DEU"), fips("GBR"), fips("XXX")), (Some("GM"), Some("UK"), None));
        let igo: Vec<&str> = gdelt.lines().next().unwrap().split('\t').collect();
        assert_eq!((igo[7], igo[8], igo[12]), ("", "UNO", "IGO"));
        let csv = out(Format::Csv);
        assert!(csv.contains("\"Putin said, \"\"we talked\"\",\nthen\tleft.\""), "{csv}");
        assert_eq!(csv.lines().next().unwrap().split(',').count(), 19);
        for l in out(Format::Jsonl).lines().chain(out(Format::Plover).lines()) {
            let v: Value = serde_json::from_str(l).unwrap();
            assert!(v.get("mentions").is_some());
        }
        assert!(out(Format::Table).contains("2 event(s)"));
        assert_eq!(GDELT_COLUMNS.len(), 61);
    }
}
