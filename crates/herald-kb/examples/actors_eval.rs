//! Resolve the ngec-actors gold phrases and print predictions as JSON Lines.
//!
//! `cargo run --release -p herald-kb --example actors_eval [gold.jsonl] > pred.jsonl`
//! then `python3 /work/shared/eval/score.py gold.jsonl pred.jsonl`.
use herald_core::Date;
use herald_kb::Kb;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/work/shared/gold/ngec-actors.jsonl".to_string());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("actors_eval: {path} not found; nothing to evaluate");
        return;
    };
    let t0 = std::time::Instant::now();
    let kb = Kb::embedded();
    eprintln!("knowledge base loaded in {:?}", t0.elapsed());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let date = doc["date"].as_str().and_then(Date::parse);
        let doc_text = doc["text"].as_str().unwrap_or("");
        let mut actors = Vec::new();
        for a in doc["actors"].as_array().into_iter().flatten() {
            let phrase = a["text"].as_str().unwrap_or("");
            let context = if doc_text != phrase { Some(doc_text) } else { None };
            let code = kb.resolve_phrase(phrase, context, date).unwrap_or_default();
            actors.push(serde_json::json!({"text": phrase, "code": code}));
        }
        println!("{}", serde_json::json!({"id": doc["id"], "actors": actors}));
    }
    // Matching throughput on the seed article (tokens precomputed, as in the pipeline).
    if let Ok(seed) = std::fs::read_to_string("/work/shared/gold/seed.jsonl") {
        let doc: serde_json::Value = serde_json::from_str(seed.lines().next().unwrap_or("{}")).unwrap_or_default();
        let text = doc["text"].as_str().unwrap_or("");
        let analysis = herald_text::analyze(text);
        let rounds = 2000;
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..rounds {
            n += kb.find_actors(text, &analysis.tokens, Date::parse("2025-08-13")).len();
        }
        let secs = t.elapsed().as_secs_f64();
        let sentences = (analysis.sentences.len() * rounds) as f64;
        eprintln!("find_actors: {:.0} sentences/s ({} mentions per pass)", sentences / secs, n / rounds);
    }
}
