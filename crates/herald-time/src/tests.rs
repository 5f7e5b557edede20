use super::*;

#[test]
fn placeholder() {
    let t = TimeTagger::new();
    assert!(t.tag("", None).is_empty());
}
