//! Debug helper: tag the text given on the command line.
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let d = herald_core::Date::parse(&a[0]);
    for t in herald_time::TimeTagger::new().tag(&a[1], d) {
        println!("{:?} {} {:?} {}", t.text, t.value, t.kind, t.start);
    }
}
