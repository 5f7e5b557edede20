use std::fmt;

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month, 1..=31.
    pub day: u32,
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Year only: "2024".
    Year,
    /// Month: "2024-06".
    Month,
    /// Day: "2024-06-19".
    Day,
}

/// A date with a precision; prints as its ISO 8601 value at that precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// The date (day and month are 1 below the precision).
    pub date: Date,
    /// How much of `date` is meaningful.
    pub precision: Precision,
}

impl DateValue {
    /// A value at the given precision.
    pub fn new(date: Date, precision: Precision) -> DateValue {
        DateValue { date, precision }
    }
    /// A day-precision value.
    pub fn day(date: Date) -> DateValue {
        DateValue::new(date, Precision::Day)
    }
    /// Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    pub fn parse(s: &str) -> Option<DateValue> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| -> Option<i64> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            p.parse().ok()
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => Some(DateValue::new(Date::new(num(y)? as i32, 1, 1)?, Precision::Year)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                Some(DateValue::new(Date::new(num(y)? as i32, num(m)? as u32, 1)?, Precision::Month))
            }
            [_, _, _] => Some(DateValue::day(Date::parse(s)?)),
            _ => None,
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        match self.precision {
            Precision::Year => write!(f, "{:04}", d.year),
            Precision::Month => write!(f, "{:04}-{:02}", d.year, d.month),
            Precision::Day => write!(f, "{d}"),
        }
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parse exactly `YYYY-MM-DD` (also accepts a longer ISO timestamp and uses its
    /// first ten characters, as `2025-08-13T10:00:00Z`).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = if s.len() > 10 && (s.as_bytes()[10] == b'T' || s.as_bytes()[10] == b' ') {
            &s[..10]
        } else {
            s
        };
        let b = head.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &head[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Date::new(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date { year: y as i32, month: m, day: d }
    }

    /// Day of the week, Monday = 0 .. Sunday = 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u32
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// This date moved by `n` months, the day clamped to the month's length.
    pub fn add_months(self, n: i32) -> Date {
        let total = self.year * 12 + self.month as i32 - 1 + n;
        let year = total.div_euclid(12);
        let month = total.rem_euclid(12) as u32 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// ISO week number and its year.
    pub fn iso_week(self) -> (i32, u32) {
        let wd = self.weekday() as i64; // Monday = 0
        let thursday = self.add_days(3 - wd);
        let jan1 = Date { year: thursday.year, month: 1, day: 1 };
        let week = ((thursday.to_days() - jan1.to_days()) / 7 + 1) as u32;
        (thursday.year, week)
    }
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2025-08-13", Some("2025-08-13")),
            ("2024-02-29", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2025-13-01", None),
            ("2025-8-13", None),
            ("yesterday", None),
            ("2025-08-13T10:00:00Z", Some("2025-08-13")),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(Date::parse(input).map(|d| d.to_string()).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn arithmetic_round_trips() {
        for days in [-800_000i64, -1, 0, 1, 10_000, 20_313, 100_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        let d = Date::parse("2025-08-13").unwrap();
        assert_eq!(d.weekday(), 2);
        assert_eq!(d.add_days(-1).to_string(), "2025-08-12");
        assert_eq!(d.add_months(-14).to_string(), "2024-06-13");
        assert_eq!(Date::parse("2024-01-31").unwrap().add_months(1).to_string(), "2024-02-29");
        assert_eq!(d.iso_week(), (2025, 33));
    }

    #[test]
    fn values_print_at_their_precision() {
        assert_eq!(DateValue::parse("2024-06").unwrap().to_string(), "2024-06");
        assert_eq!(DateValue::parse("2024").unwrap().to_string(), "2024");
        assert_eq!(DateValue::parse("2024-06-19").unwrap().to_string(), "2024-06-19");
        assert!(DateValue::parse("June").is_none());
    }
}
