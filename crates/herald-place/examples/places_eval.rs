//! Run the place tagger over a gold JSONL file and print predictions for
//! `/work/shared/eval/score.py`:
//!
//! `cargo run --release -p herald-place --example places_eval -- /work/shared/gold/lgl.jsonl > pred.jsonl`
use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/work/shared/gold/lgl.jsonl".into());
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("places_eval: cannot read {path}; skipping");
        return;
    };
    let t_parse = std::time::Instant::now();
    let g = herald_place::Gazetteer::embedded();
    eprintln!("places_eval: gazetteer of {} places parsed in {:.2} ms", g.places().len(), t_parse.elapsed().as_secs_f64() * 1000.0);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let t0 = std::time::Instant::now();
    let (mut docs, mut bytes, mut sentences) = (0usize, 0usize, 0usize);
    let mut tagging = std::time::Duration::ZERO;
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let text = doc["text"].as_str().unwrap_or("");
        let toks = herald_text::tokenize(text);
        sentences += toks.iter().filter(|t| matches!(t.norm.as_str(), "." | "!" | "?")).count().max(1);
        let t = std::time::Instant::now();
        let places = g.find_places(text, &toks);
        tagging += t.elapsed();
        docs += 1;
        bytes += text.len();
        let places: Vec<serde_json::Value> = places
            .iter()
            .map(|p| {
                serde_json::json!({"text": p.text, "start": p.start, "end": p.end, "name": p.name,
                    "country": p.country, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid})
            })
            .collect();
        let rec = serde_json::json!({"id": doc["id"], "places": places});
        writeln!(out, "{rec}").unwrap();
    }
    let secs = tagging.as_secs_f64().max(1e-9);
    eprintln!(
        "places_eval: {docs} docs, {bytes} bytes, ~{sentences} sentences in {:.3}s total; find_places alone {:.4}s = {:.0} sentences/s",
        t0.elapsed().as_secs_f64(),
        secs,
        sentences as f64 / secs
    );
}
