//! Print the sentences of a file, one per line: `cargo run -p herald-text --example segment FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: segment FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let a = herald_text::analyze(&text);
    for (i, s) in a.sentences.iter().enumerate() {
        println!("{i}\t{}\t{}", s.paragraph, &text[s.byte_start..s.byte_end]);
    }
}
