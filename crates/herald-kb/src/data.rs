//! Parsing of the data files into [`Kb`](crate::Kb) tables.

use crate::{KbError, Term};
use herald_core::Date;

/// One parsed line: its 1-based line number and its tab-separated fields.
pub(crate) struct Line<'a> {
    pub no: usize,
    pub fields: Vec<&'a str>,
}

/// The non-comment, non-blank lines of a TSV file.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_end_matches('\r');
        if t.trim().is_empty() || t.starts_with('#') {
            None
        } else {
            Some(Line { no: i + 1, fields: t.split('\t').map(str::trim).collect() })
        }
    })
}

/// Split a `;` list, dropping empty items.
pub(crate) fn list_of<'a>(field: Option<&&'a str>) -> Vec<&'a str> {
    match field {
        Some(f) => f.split(';').map(str::trim).filter(|s| !s.is_empty()).collect(),
        None => Vec::new(),
    }
}

/// A data error at `file:line`.
pub(crate) fn err(file: &str, line: usize, msg: impl Into<String>) -> KbError {
    KbError::Data { file: file.to_string(), line, message: msg.into() }
}

/// Parse a term bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a month or year as a
/// start is its first day, as an end its last.
pub(crate) fn parse_bound(s: &str, is_end: bool) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            if is_end { Date::new(y, 12, 31) } else { Date::new(y, 1, 1) }
        }
        [y, m] if y.len() == 4 && m.len() == 2 => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = Date::new(y, m, 1)?;
            if is_end { Some(first.add_months(1).add_days(-1)) } else { Some(first) }
        }
        _ => Date::parse(s),
    }
}

/// Validate a term's bounds.
pub(crate) fn check_term(t: &Term) -> bool {
    match (t.start, t.end) {
        (Some(s), Some(e)) => s <= e,
        _ => true,
    }
}
