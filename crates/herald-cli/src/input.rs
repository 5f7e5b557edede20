//! Reading documents for `code`, `eval` and `bench`: text files and JSONL
//! (the readers live in herald-formats), with errors that name the file and
//! the line, and a count of skipped records.

use std::io::Read;

use herald_core::{Date, Document};
pub use herald_formats::Skipped;

/// Input format of `herald code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One article per file.
    Text,
    /// One `{id, date, title?, text, url?, outlet?}` per line.
    Jsonl,
}

/// Read all bytes of a file, or of standard input for `-`.
pub fn read_source(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// Documents from one text file (the whole file is one article).
pub fn text_documents(path: &str, bytes: &[u8], date: Option<Date>) -> Result<Document, Skipped> {
    herald_formats::text::text_document(path, bytes, date)
}

/// Documents from a JSONL source; bad lines are reported, the rest kept.
pub fn jsonl_documents(path: &str, bytes: &[u8], default_date: Option<Date>) -> (Vec<Document>, Vec<Skipped>) {
    herald_formats::text::jsonl_documents(path, bytes, default_date)
}
