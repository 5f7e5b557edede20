//! herald's country table checked against the reference CAMEO country list in
//! `../shared/reference/CAMEO.country.tsv` (read by this test only).

use std::collections::HashSet;
use std::path::Path;

use herald_kb::Kb;

/// Codes herald uses where the 2012 CAMEO list has none or an older one: the
/// gold format asks for ISO 3166 alpha-3 where one exists.
const NEWER_THAN_CAMEO: &[(&str, &str)] = &[
    ("MNE", "Montenegro became independent after CAMEO's list was made"),
    ("ROU", "ISO alpha-3 for Romania; CAMEO writes ROM"),
    ("TLS", "ISO alpha-3 for Timor-Leste; CAMEO writes TMP"),
    ("XKX", "Kosovo's user-assigned code, as NGEC and GDELT use it"),
];

#[test]
fn country_codes_agree_with_the_cameo_reference() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/CAMEO.country.tsv");
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: ../shared not found ({})", path.display());
        return;
    };
    let reference: HashSet<&str> = src.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
    let kb = Kb::embedded();
    let mut unknown = Vec::new();
    for c in kb.countries() {
        if !reference.contains(c.code.as_str()) && !NEWER_THAN_CAMEO.iter().any(|(code, _)| *code == c.code) {
            unknown.push(format!("{} ({})", c.code, c.name));
        }
    }
    assert!(unknown.is_empty(), "codes neither in CAMEO.country.tsv nor explained: {unknown:?}");
    // Every sovereign state the reference knows by its ISO code is in herald's table.
    let ours: HashSet<&str> = kb.countries().iter().map(|c| c.code.as_str()).collect();
    for must in ["RUS", "PRK", "KOR", "USA", "UKR", "CHN", "GBR", "FRA", "DEU", "IND", "BRA", "ZAF", "TUR", "ISR", "PSE", "IRN", "TWN", "VAT"] {
        assert!(ours.contains(must), "{must} missing from herald's countries");
    }
}
