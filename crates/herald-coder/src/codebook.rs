//! The CAMEO codebook herald carries (`data/cameo.tsv`).

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
}

/// All codes.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    entries: Vec<CodeEntry>,
}

impl Codebook {
    /// The codebook compiled into herald.
    pub fn embedded() -> &'static Codebook {
        todo!("helper fills this in")
    }
    /// Look a code up.
    pub fn get(&self, code: &str) -> Option<&CodeEntry> {
        self.entries.iter().find(|e| e.code == code)
    }
    /// All entries in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CodeEntry> {
        self.entries.iter()
    }
}
