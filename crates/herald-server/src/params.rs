//! Query-string parameters, read strictly: an unknown parameter, a number
//! that is not one or a date that is not a date answers 400 with a message
//! naming it. Values only ever reach SQL as bound parameters (herald-store).

use herald_core::Date;
use herald_store::browse::Bucket;
use herald_store::query::Filter;

use crate::error::ApiError;

/// The parameters of one request, in order.
#[derive(Debug, Default)]
pub struct Params(pub Vec<(String, String)>);

/// The event filters shared by `/api/events`, `/api/timeline`, `/api/network` and `/api/places`.
pub const FILTER_KEYS: &[&str] = &["actor", "country", "cameo", "plover", "quad", "since", "until", "place", "outlet", "text", "min_sources", "min_claimants", "party_only", "q"];

impl Params {
    /// Refuse parameters other than `allowed`.
    pub fn check(&self, allowed: &[&[&str]]) -> Result<(), ApiError> {
        for (k, v) in &self.0 {
            if v.contains('\0') {
                return Err(ApiError::bad_request(format!("{k}: contains a NUL character")));
            }
            if !allowed.iter().any(|set| set.contains(&k.as_str())) {
                let all: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
                return Err(ApiError::bad_request(format!("unknown parameter {k:?} (this path takes: {})", if all.is_empty() { "none".to_string() } else { all.join(", ") })));
            }
        }
        Ok(())
    }

    /// The last non-empty value of `k`.
    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.iter().rev().find(|(key, v)| key == k && !v.trim().is_empty()).map(|(_, v)| v.trim())
    }

    /// Every non-empty value of `k`.
    pub fn all(&self, k: &str) -> Vec<&str> {
        self.0.iter().filter(|(key, v)| key == k && !v.trim().is_empty()).map(|(_, v)| v.trim()).collect()
    }

    /// An integer in `min..=max`.
    pub fn int(&self, k: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        match self.get(k) {
            None => Ok(None),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                Ok(n) => Err(ApiError::bad_request(format!("{k}={n}: must be between {min} and {max}"))),
                Err(_) => Err(ApiError::bad_request(format!("{k}={v:?}: not a whole number"))),
            },
        }
    }

    /// A boolean (`true`/`false`/`1`/`0`).
    pub fn bool(&self, k: &str) -> Result<bool, ApiError> {
        match self.get(k) {
            None => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(v) => Err(ApiError::bad_request(format!("{k}={v:?}: expected true or false"))),
        }
    }

    /// A date as days since 1970-01-01.
    pub fn day(&self, k: &str) -> Result<Option<i64>, ApiError> {
        match self.get(k) {
            None => Ok(None),
            Some(v) => match Date::parse(v) {
                Some(d) => Ok(Some(d.to_days())),
                None => Err(ApiError::bad_request(format!("{k}={v:?}: not a date (expected YYYY-MM-DD)"))),
            },
        }
    }

    /// `bucket=day|week|month`.
    pub fn bucket(&self, default: Bucket) -> Result<Bucket, ApiError> {
        match self.get("bucket") {
            None => Ok(default),
            Some(v) => Bucket::parse(v).ok_or_else(|| ApiError::bad_request(format!("bucket={v:?}: expected day, week or month"))),
        }
    }

    /// The event filters.
    pub fn filter(&self) -> Result<Filter, ApiError> {
        let kb = herald_kb::Kb::embedded();
        let mut actors = Vec::new();
        for a in self.all("actor") {
            actors.push(actor_code(kb, a)?);
        }
        let country = match self.get("country") {
            Some(c) if c.len() == 3 && c.chars().all(|c| c.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
            Some(c) => return Err(ApiError::bad_request(format!("country={c:?}: expected a 3-letter code such as RUS"))),
            None => None,
        };
        let cameo = match self.get("cameo") {
            Some(c) if (1..=4).contains(&c.len()) && c.chars().all(|c| c.is_ascii_digit()) => Some(c.to_string()),
            Some(c) => return Err(ApiError::bad_request(format!("cameo={c:?}: expected a CAMEO code or prefix of 1 to 4 digits (04, 041)"))),
            None => None,
        };
        let since_days = self.day("since")?;
        let until_days = self.day("until")?;
        if let (Some(s), Some(u)) = (since_days, until_days) {
            if s > u {
                return Err(ApiError::bad_request("since is after until"));
            }
        }
        Ok(Filter {
            actors,
            country,
            cameo,
            plover: self.get("plover").map(str::to_string),
            quad_class: self.int("quad", 1, 4)?,
            since_days,
            until_days,
            place: self.get("place").map(str::to_string),
            outlet: self.get("outlet").map(str::to_string),
            text: self.get("text").map(str::to_string),
            min_sources: self.int("min_sources", 0, i64::from(u32::MAX))?,
            min_claimants: self.int("min_claimants", 0, i64::from(u32::MAX))?,
            party_only: self.get("party_only").map(|_| self.bool("party_only")).transpose()?,
            search: self.get("q").map(str::to_string),
            ..Default::default()
        })
    }
}

/// An actor as a code: codes as they are, names through the knowledge base
/// (as `herald query --actor` does).
pub fn actor_code(kb: &herald_kb::Kb, a: &str) -> Result<String, ApiError> {
    let a = a.trim();
    if a.len() >= 3 && a.len() <= 32 && a.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
        return Ok(a.to_string());
    }
    if a.chars().count() > 200 {
        return Err(ApiError::bad_request("actor: longer than 200 characters"));
    }
    match kb.resolve_phrase(a, None, None) {
        Some(code) if !code.is_empty() => Ok(code),
        _ => Err(ApiError::bad_request(format!("actor={a:?}: no actor of that name in the knowledge base (give a CAMEO code such as RUSGOV)"))),
    }
}
