//! Plain text (one article per file) and JSONL (one `{id, date, title?, text,
//! url?, outlet?}` per line), with errors that name the file and the line.

use herald_core::{Date, Document};
use serde_json::Value;

use crate::{display_name, doc_id_from_path, Skipped};

/// Check bytes are usable text: not empty, not binary, valid UTF-8.
pub(crate) fn as_text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Skipped> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Skipped { place: format!("{name}:1"), reason: "empty file: no text to code".into() });
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Skipped { place: format!("{name}:{line}"), reason: format!("binary file (NUL byte at offset {at}); expected UTF-8 text") });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        Skipped { place: format!("{name}:{line}"), reason: format!("invalid UTF-8 at byte {}", e.valid_up_to()) }
    })
}

/// Documents from one text file (the whole file is one article).
pub fn text_document(path: &str, bytes: &[u8], date: Option<Date>) -> Result<Document, Skipped> {
    let name = display_name(path);
    let text = as_text(&name, bytes)?;
    Ok(Document { id: doc_id_from_path(path), date, text: text.to_string(), ..Default::default() })
}

/// Documents from a JSONL source; bad lines are reported, the rest kept.
pub fn jsonl_documents(path: &str, bytes: &[u8], default_date: Option<Date>) -> (Vec<Document>, Vec<Skipped>) {
    let name = display_name(path);
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        skipped.push(Skipped { place: format!("{name}:1"), reason: "empty file: no records".into() });
        return (docs, skipped);
    }
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        let place = format!("{name}:{line_no}");
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if raw.contains(&0) {
            skipped.push(Skipped { place, reason: "binary data (NUL byte) in a JSONL line".into() });
            continue;
        }
        let line = match std::str::from_utf8(raw) {
            Ok(s) => s,
            Err(e) => {
                skipped.push(Skipped { place, reason: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()) });
                continue;
            }
        };
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                skipped.push(Skipped { place, reason: format!("not JSON: {e}") });
                continue;
            }
        };
        match document_from_json(&v, line_no, default_date) {
            Ok(d) => docs.push(d),
            Err(reason) => skipped.push(Skipped { place, reason }),
        }
    }
    (docs, skipped)
}

fn document_from_json(v: &Value, line_no: usize, default_date: Option<Date>) -> Result<Document, String> {
    let obj = v.as_object().ok_or("not a JSON object")?;
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("`text` is not a string".into()),
        None => return Err("missing `text`".into()),
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("line-{line_no}"),
    };
    let date = match obj.get("date") {
        None | Some(Value::Null) => default_date,
        Some(Value::String(s)) => Some(Date::parse(s).ok_or_else(|| format!("`date` {s:?} is not a date (expected YYYY-MM-DD)"))?),
        Some(other) => return Err(format!("`date` {other} is not a date (expected YYYY-MM-DD)")),
    };
    let string = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    let actor_queries = obj
        .get("actors")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.get("text").and_then(Value::as_str).map(str::to_string)).collect())
        .unwrap_or_default();
    // coder options carried by the record (TABARI `tabari_options`,
    // PETRARCH `petr_config`)
    let options = ["tabari_options", "petr_config"]
        .iter()
        .filter_map(|k| obj.get(*k).and_then(Value::as_object))
        .flat_map(|o| o.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))))
        .collect();
    Ok(Document { id, date, title: string("title"), text, url: string("url"), outlet: string("outlet"), actor_queries, options })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_errors_name_the_line() {
        let src = b"{\"id\":\"a\",\"text\":\"Hi.\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"x\",\"date\":\"2025-13-45\"}\n{\"id\":\"d\",\"text\":\"ok\",\"date\":\"2025-08-13\"}\n";
        let (docs, skipped) = jsonl_documents("f.jsonl", src, None);
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a", "d"]);
        let places: Vec<&str> = skipped.iter().map(|s| s.place.as_str()).collect();
        assert_eq!(places, ["f.jsonl:2", "f.jsonl:3", "f.jsonl:4"]);
        assert!(skipped[1].reason.contains("missing `text`"));
        assert!(skipped[2].reason.contains("not a date"));
    }

    #[test]
    fn text_errors() {
        let table: &[(&[u8], &str)] = &[
            (b"", "t.txt:1: empty file"),
            (b"  \n", "t.txt:1: empty file"),
            (b"abc\n\0def", "t.txt:2: binary file"),
            (b"ok\n\xff\xfe", "t.txt:2: invalid UTF-8"),
        ];
        for (bytes, want) in table {
            let err = text_document("t.txt", bytes, None).unwrap_err();
            assert!(err.to_string().contains(want), "{err} should contain {want}");
        }
        assert!(text_document("t.txt", b"Fine text.", None).is_ok());
    }
}
