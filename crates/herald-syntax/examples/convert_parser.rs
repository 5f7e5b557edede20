//! Convert a parser model from the old version-3 format (magic `HRLDPAR3`,
//! raw `i16` rows) to the current one (version 4, see `model/parser.md`).
//! The weights are unchanged (lossless), so the parses are the same.
//!
//! ```text
//! cargo run --release -p herald-syntax --example convert_parser -- OLD.bin NEW.bin
//! ```
//!
//! OLD.bin may also be in the current format (it is then rewritten).
use herald_syntax::parser::Parser;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() != 2 {
        eprintln!("usage: convert_parser OLD.bin NEW.bin");
        std::process::exit(2);
    }
    let old = std::fs::read(&a[0]).unwrap_or_else(|e| panic!("{}: {e}", a[0]));
    let read = if old.starts_with(b"HRLDPAR3") {
        Parser::from_v3_bytes(&old)
    } else {
        Parser::from_bytes(&old)
    };
    let p = read.unwrap_or_else(|e| {
        eprintln!("{}: {e}", a[0]);
        std::process::exit(1);
    });
    let new = p.to_bytes();
    let back = Parser::from_bytes(&new).expect("re-reading the converted model");
    assert!(back.same_weights(&p), "conversion changed the weights");
    std::fs::write(&a[1], &new).unwrap_or_else(|e| panic!("{}: {e}", a[1]));
    eprintln!(
        "{} ({} bytes) -> {} ({} bytes, format version {}); weights identical",
        a[0],
        old.len(),
        a[1],
        new.len(),
        herald_syntax::parser::FORMAT_VERSION
    );
}
