use super::*;

#[test]
fn embedded_parses() {
    let kb = Kb::embedded();
    assert!(kb.countries().len() > 190);
}
