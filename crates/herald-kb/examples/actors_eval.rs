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
}
