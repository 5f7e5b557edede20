//! Small re-implementations of the Python built-ins score.py relies on (`str()`, `int()`,
//! `float()`, `str.strip`, `str.split`, `str.casefold`, truthiness, `repr(float)`, `json.dumps`
//! string escaping), so the port treats odd JSON values the way the reference does.

use serde_json::Value;

/// Python's `str.isspace` for one character: Rust's `White_Space` plus the four information
/// separators U+001C..U+001F, which Python counts as whitespace and Rust does not.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` (no arguments).
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.split()` (no arguments).
pub(crate) fn split_ws(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

/// Python's `str.upper()`.
pub(crate) fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Python's `str.casefold()`, approximately: per-character Unicode lower case (no final-sigma
/// context rule) plus the commonest full case foldings (`ß`/`ẞ` -> `ss`, `ς` -> `σ`, the Latin
/// `ﬀ`..`ﬆ` ligatures). Python's table has a few hundred further multi-character foldings
/// (e.g. some Greek and Armenian ligatures) that this does not reproduce.
pub(crate) fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The first `n` characters (Python `s[:n]`, code points).
pub(crate) fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Everything after the first `n` characters (Python `s[n:]`).
pub(crate) fn tail(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[i..],
        None => "",
    }
}

/// Python truthiness of a JSON value.
pub(crate) fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation when the decimal
/// exponent is below -4 or at least 16.
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let e = format!("{:e}", f); // e.g. "-1.2345e-5", shortest round-trip digits
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mant) = match mant.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        let mut s = String::from(sign);
        if exp < 0 {
            s.push_str("0.");
            for _ in 0..(-exp - 1) {
                s.push('0');
            }
            s.push_str(&digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                s.push_str(&digits);
                for _ in digits.len()..point {
                    s.push('0');
                }
                s.push_str(".0");
            } else {
                s.push_str(&digits[..point]);
                s.push('.');
                s.push_str(&digits[point..]);
            }
        }
        s
    } else {
        let mut s = String::from(sign);
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push('e');
        s.push(if exp < 0 { '-' } else { '+' });
        s.push_str(&format!("{:02}", exp.abs()));
        s
    }
}

fn number_str(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        float_repr(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn repr(v: &Value) -> String {
    match v {
        Value::String(s) => str_repr(s),
        other => py_str(other),
    }
}

/// Python's `str()` of the value `json.loads` would have produced.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => number_str(n),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", str_repr(k), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Remove Python's digit-group underscores (`1_000`); `None` when they are misplaced.
fn strip_underscores(s: &str) -> Option<String> {
    if !s.contains('_') {
        return Some(s.to_string());
    }
    let cs: Vec<char> = s.chars().collect();
    for (i, c) in cs.iter().enumerate() {
        if *c == '_' {
            let before = i > 0 && cs[i - 1].is_ascii_digit();
            let after = cs.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if !(before && after) {
                return None;
            }
        }
    }
    Some(cs.into_iter().filter(|c| *c != '_').collect())
}

/// Python's `int(x)`; `None` where Python raises (TypeError, ValueError, OverflowError).
pub(crate) fn py_int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Bool(b) => Some(*b as i64),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i)
            } else if let Some(u) = n.as_u64() {
                Some(i64::try_from(u).unwrap_or(i64::MAX))
            } else {
                let f = n.as_f64()?;
                f.is_finite().then(|| f.trunc() as i64)
            }
        }
        Value::String(s) => {
            let t = strip_underscores(strip(s))?;
            let body = t.strip_prefix(['+', '-']).unwrap_or(&t);
            if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse::<i64>().ok().or_else(|| {
                Some(if t.starts_with('-') {
                    i64::MIN
                } else {
                    i64::MAX
                })
            })
        }
        _ => None,
    }
}

/// Python's `float(x)`; `None` where Python raises.
pub(crate) fn py_float(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let t = strip_underscores(strip(s))?;
            let body = t
                .strip_prefix(['+', '-'])
                .unwrap_or(&t)
                .to_ascii_lowercase();
            let ok = matches!(body.as_str(), "inf" | "infinity" | "nan")
                || (!body.is_empty()
                    && body
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b".e+-".contains(&b)));
            if !ok {
                return None;
            }
            t.parse::<f64>().ok()
        }
        _ => None,
    }
}

/// A string as `json.dumps` writes it (default `ensure_ascii=True`).
pub(crate) fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_matches_python() {
        for (f, s) in [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (2.0 / 3.0, "0.6666666666666666"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (123456.0, "123456.0"),
            (1.5e300, "1.5e+300"),
            (-2.25, "-2.25"),
            (97.08641234, "97.08641234"),
        ] {
            assert_eq!(float_repr(f), s);
        }
    }

    #[test]
    fn conversions_match_python() {
        assert_eq!(py_int(Some(&json!(" 12 "))), Some(12));
        assert_eq!(py_int(Some(&json!("1_2"))), Some(12));
        assert_eq!(py_int(Some(&json!("1.5"))), None);
        assert_eq!(py_int(Some(&json!(12.9))), Some(12));
        assert_eq!(py_int(Some(&json!(true))), Some(1));
        assert_eq!(py_int(Some(&json!(null))), None);
        assert_eq!(py_float(Some(&json!("51.5"))), Some(51.5));
        assert_eq!(py_float(Some(&json!("abc"))), None);
        assert_eq!(py_str(&json!(["a", 1, null])), "['a', 1, None]");
        assert_eq!(py_str(&json!(190)), "190");
        assert_eq!(strip("\u{1f} x \u{a0}"), "x");
        assert_eq!(casefold("STRAßE Σ"), "strasse σ");
        assert_eq!(head("ab", 3), "ab");
        assert_eq!(tail("RUSGOV", 3), "GOV");
        assert_eq!(tail("RU", 3), "");
    }
}
