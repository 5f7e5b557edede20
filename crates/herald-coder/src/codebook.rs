//! The CAMEO codebook herald carries (`data/cameo.tsv`).
//!
//! One row per CAMEO event code (2-, 3- and 4-digit), tab-separated:
//!
//! ```text
//! code  goldstein  quad_class  plover_type  plover_mode  plover_context  symmetric  intent  name
//! ```
//!
//! `-` marks an empty field. A `goldstein` of `-` means no published value
//! exists (GDELT extension codes); such entries take their root's value and have
//! [`CodeEntry::goldstein_known`] false. `plover_context` may hold several
//! contexts separated by `;`. Lines starting with `#` and blank lines are
//! ignored; the first other line must be the header.

use std::collections::HashMap;
use std::sync::OnceLock;

/// herald's PLOVER marker for CAMEO 01 codes that PLOVER does not code.
pub const PLOVER_NONE: &str = "STATEMENT";

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeEntry {
    /// "041", "0332".
    pub code: String,
    /// Short name.
    pub name: String,
    /// Goldstein scale value, -10..=10.
    pub goldstein: f32,
    /// QuadClass 1..=4 (verbal coop, material coop, verbal conflict, material conflict).
    pub quad_class: u8,
    /// PLOVER type (CONSULT, AID ...).
    pub plover: String,
    /// PLOVER mode where the CAMEO→PLOVER table gives one.
    pub mode: Option<String>,
    /// PLOVER context where the CAMEO→PLOVER table gives one.
    pub context: Option<String>,
    /// True when a compound subject ("A and B met") yields the event in both directions.
    pub symmetric: bool,
    /// The CAMEO intent code (03x) that a statement of intent to do this act gets.
    pub intent: Option<String>,
    /// False when the codebook publishes no Goldstein value for this code
    /// (`-` in the file); [`CodeEntry::goldstein`] then holds the root's value.
    pub goldstein_known: bool,
}

impl CodeEntry {
    /// The 2-digit root ("04" for "0431" or "043").
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
    /// True when the PLOVER type is a real PLOVER event type (not herald's
    /// [`PLOVER_NONE`] marker for uncoded CAMEO 01 statements).
    pub fn plover_coded(&self) -> bool {
        self.plover != PLOVER_NONE
    }
    /// The PLOVER contexts as a list (`"military;legal"` → two items).
    pub fn contexts(&self) -> Vec<&str> {
        match &self.context {
            Some(c) => c
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            None => Vec::new(),
        }
    }
    /// The parent code: "043" → "04", "0431" → "043", "04" → None.
    pub fn parent(&self) -> Option<&str> {
        parent_code(&self.code)
    }
}

/// The parent of a code string: "043" → "04", "0431" → "043", "04" → None.
pub fn parent_code(code: &str) -> Option<&str> {
    match code.len() {
        3 => Some(&code[..2]),
        4 => Some(&code[..3]),
        _ => None,
    }
}

/// All codes.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    entries: Vec<CodeEntry>,
    index: HashMap<String, usize>,
}

const HEADER: [&str; 9] = [
    "code",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "plover_context",
    "symmetric",
    "intent",
    "name",
];

fn opt(field: &str) -> Option<String> {
    let f = field.trim();
    if f.is_empty() || f == "-" {
        None
    } else {
        Some(f.to_string())
    }
}

fn valid_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

impl Codebook {
    /// The codebook compiled into herald.
    ///
    /// The embedded file is checked by the crate's tests; should it ever fail to
    /// parse, this returns an empty codebook rather than panicking.
    pub fn embedded() -> &'static Codebook {
        static CB: OnceLock<Codebook> = OnceLock::new();
        CB.get_or_init(|| Codebook::parse(include_str!("../data/cameo.tsv")).unwrap_or_default())
    }

    /// Parse a codebook in herald's `cameo.tsv` format. Errors name the 1-based
    /// line and what is wrong.
    pub fn parse(src: &str) -> Result<Codebook, String> {
        let mut cb = Codebook::default();
        let mut seen_header = false;
        // (line, entry) of codes whose goldstein is "-": filled from the root later.
        let mut missing: Vec<(usize, usize)> = Vec::new();
        for (i, raw) in src.lines().enumerate() {
            let ln = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !seen_header {
                if cols != HEADER {
                    return Err(format!(
                        "line {ln}: expected header `{}`, found `{}`",
                        HEADER.join("\\t"),
                        line
                    ));
                }
                seen_header = true;
                continue;
            }
            if cols.len() != HEADER.len() {
                return Err(format!(
                    "line {ln}: expected {} tab-separated columns, found {}",
                    HEADER.len(),
                    cols.len()
                ));
            }
            let code = cols[0];
            if !valid_code(code) {
                return Err(format!("line {ln}: bad code `{code}` (2 to 4 digits)"));
            }
            if cb.index.contains_key(code) {
                return Err(format!("line {ln}: duplicate code `{code}`"));
            }
            let (goldstein, known) = if cols[1] == "-" {
                (0.0, false)
            } else {
                match cols[1].parse::<f32>() {
                    Ok(g) if (-10.0..=10.0).contains(&g) => (g, true),
                    _ => return Err(format!(
                        "line {ln}: bad goldstein `{}` for {code} (a number in -10..=10 or `-`)",
                        cols[1]
                    )),
                }
            };
            let quad_class = match cols[2].parse::<u8>() {
                Ok(q) if (1..=4).contains(&q) => q,
                _ => {
                    return Err(format!(
                        "line {ln}: bad quad_class `{}` for {code} (1..=4)",
                        cols[2]
                    ))
                }
            };
            let plover = match opt(cols[3]) {
                Some(p) if p.bytes().all(|b| b.is_ascii_uppercase()) => p,
                _ => {
                    return Err(format!(
                        "line {ln}: bad plover_type `{}` for {code} (every code needs an upper-case PLOVER type)",
                        cols[3]
                    ))
                }
            };
            let symmetric = match cols[6] {
                "y" => true,
                "n" => false,
                other => {
                    return Err(format!(
                        "line {ln}: bad symmetric `{other}` for {code} (`y` or `n`)"
                    ))
                }
            };
            let intent = opt(cols[7]);
            if let Some(it) = &intent {
                if !valid_code(it) || !it.starts_with("03") {
                    return Err(format!(
                        "line {ln}: bad intent `{it}` for {code} (a 03x code or `-`)"
                    ));
                }
            }
            let name = cols[8];
            if name.is_empty() {
                return Err(format!("line {ln}: empty name for {code}"));
            }
            if !known {
                missing.push((ln, cb.entries.len()));
            }
            cb.index.insert(code.to_string(), cb.entries.len());
            cb.entries.push(CodeEntry {
                code: code.to_string(),
                name: name.to_string(),
                goldstein,
                quad_class,
                plover,
                mode: opt(cols[4]),
                context: opt(cols[5]),
                symmetric,
                intent,
                goldstein_known: known,
            });
        }
        if !seen_header {
            return Err("line 1: missing header line".to_string());
        }
        // Check that intent codes and parents exist; fill unknown Goldstein values.
        for e in &cb.entries {
            if let Some(it) = &e.intent {
                if !cb.index.contains_key(it) {
                    return Err(format!(
                        "code {}: intent code {it} is not in the codebook",
                        e.code
                    ));
                }
            }
            if let Some(p) = e.parent() {
                if !cb.index.contains_key(p) {
                    return Err(format!(
                        "code {}: parent code {p} is not in the codebook",
                        e.code
                    ));
                }
            }
        }
        for (ln, idx) in missing {
            let root = cb.entries[idx].root().to_string();
            match cb.index.get(&root).map(|&r| &cb.entries[r]) {
                Some(r) if r.goldstein_known => {
                    let g = r.goldstein;
                    cb.entries[idx].goldstein = g;
                }
                _ => {
                    return Err(format!(
                        "line {ln}: goldstein is `-` and root {root} has no value either"
                    ))
                }
            }
        }
        Ok(cb)
    }

    /// Look a code up.
    pub fn get(&self, code: &str) -> Option<&CodeEntry> {
        self.index.get(code).map(|&i| &self.entries[i])
    }
    /// True when the code exists.
    pub fn contains(&self, code: &str) -> bool {
        self.index.contains_key(code)
    }
    /// The 2-digit root entry of a code ("0431" → entry "04").
    pub fn root(&self, code: &str) -> Option<&CodeEntry> {
        if code.len() < 2 || !code.is_char_boundary(2) {
            return None;
        }
        self.get(&code[..2])
    }
    /// The parent entry of a code ("0431" → "043", "043" → "04").
    pub fn parent(&self, code: &str) -> Option<&CodeEntry> {
        parent_code(code).and_then(|p| self.get(p))
    }
    /// The entry of the intent (03x) code that a statement of intent to do
    /// `code` gets, if any.
    pub fn intent_of(&self, code: &str) -> Option<&CodeEntry> {
        self.get(code)
            .and_then(|e| e.intent.as_deref())
            .and_then(|i| self.get(i))
    }
    /// All entries in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CodeEntry> {
        self.entries.iter()
    }
    /// Number of codes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// True when there are no codes.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "code\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\tsymmetric\tintent\tname\n";

    #[test]
    fn embedded_parses() {
        let cb = Codebook::parse(include_str!("../data/cameo.tsv")).expect("cameo.tsv parses");
        assert!(cb.len() > 300);
        assert_eq!(Codebook::embedded().len(), cb.len());
        let e = cb.get("041").unwrap();
        assert_eq!(e.plover, "CONSULT");
        assert_eq!(e.mode.as_deref(), Some("phone"));
        assert!(e.symmetric);
        assert_eq!(cb.intent_of("072").unwrap().code, "0332");
        assert_eq!(cb.root("0332").unwrap().code, "03");
        assert_eq!(cb.parent("0332").unwrap().code, "033");
        // no published value: root's value, flagged
        let g = cb.get("155").unwrap();
        assert!(!g.goldstein_known);
        assert_eq!(g.goldstein, cb.get("15").unwrap().goldstein);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let ok_root = "04\t1.0\t1\tCONSULT\t-\t-\ty\t-\tCONSULT\n";
        let cases: &[(&str, &str)] = &[
            ("", "missing header"),
            ("code\tname\n", "line 1: expected header"),
            ("# c\ncode\tgoldstein\n", "line 2: expected header"),
            ("04\t1.0\t1\tCONSULT\t-\t-\ty\t-\n", "line 2: expected 9"),
            ("4x\t1.0\t1\tCONSULT\t-\t-\ty\t-\tX\n", "line 2: bad code"),
            (
                "04\tabc\t1\tCONSULT\t-\t-\ty\t-\tX\n",
                "line 2: bad goldstein",
            ),
            (
                "04\t11\t1\tCONSULT\t-\t-\ty\t-\tX\n",
                "line 2: bad goldstein",
            ),
            (
                "04\t1.0\t5\tCONSULT\t-\t-\ty\t-\tX\n",
                "line 2: bad quad_class",
            ),
            ("04\t1.0\t1\t-\t-\t-\ty\t-\tX\n", "line 2: bad plover_type"),
            (
                "04\t1.0\t1\tCONSULT\t-\t-\tmaybe\t-\tX\n",
                "line 2: bad symmetric",
            ),
            (
                "04\t1.0\t1\tCONSULT\t-\t-\ty\t041\tX\n",
                "line 2: bad intent",
            ),
            ("04\t1.0\t1\tCONSULT\t-\t-\ty\t-\t\n", "line 2: empty name"),
            (
                "04\t1.0\t1\tCONSULT\t-\t-\ty\t-\tX\n04\t1.0\t1\tCONSULT\t-\t-\ty\t-\tX\n",
                "line 3: duplicate",
            ),
            (
                "04\t1.0\t1\tCONSULT\t-\t-\ty\t036\tX\n",
                "intent code 036 is not",
            ),
            ("041\t1.0\t1\tCONSULT\t-\t-\ty\t-\tX\n", "parent code 04"),
            (
                "04\t-\t1\tCONSULT\t-\t-\ty\t-\tX\n",
                "line 2: goldstein is `-`",
            ),
        ];
        for (body, want) in cases {
            let src = if body.is_empty() || body.starts_with("code") || body.starts_with('#') {
                body.to_string()
            } else {
                format!("{HEAD}{body}")
            };
            match Codebook::parse(&src) {
                Ok(_) => panic!("expected error `{want}` for {body:?}"),
                Err(e) => assert!(e.contains(want), "error `{e}` should contain `{want}`"),
            }
        }
        // a minimal valid file
        let cb = Codebook::parse(&format!(
            "# c\n{HEAD}{ok_root}041\t-\t1\tCONSULT\tphone\t-\ty\t-\tPhone\n"
        ))
        .unwrap();
        assert_eq!(cb.get("041").unwrap().goldstein, 1.0);
        assert!(!cb.get("041").unwrap().goldstein_known);
    }
}
