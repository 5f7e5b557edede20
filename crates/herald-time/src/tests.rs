use super::*;

fn d(s: &str) -> Option<Date> {
    Date::parse(s)
}

/// (sentence, doc date, expected (text, value) pairs in order; every expected
/// pair must be among the results).
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

fn check(cases: &[Case]) {
    let tagger = TimeTagger::new();
    for (text, date, want) in cases {
        let got = tagger.tag(text, d(date));
        for (wt, wv) in want.iter() {
            assert!(
                got.iter().any(|t| t.text == *wt && t.value == *wv),
                "in {text:?} ({date}): expected {wt:?} = {wv:?}, got {:?}",
                got.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn seed_sentences() {
    check(&[
        ("Mr Putin and Mr Kim spoke on Tuesday, pledging closer contact.", "2025-08-13", &[("Tuesday", "2025-08-12")]),
        (
            "Putin held a phone call with Kim to reaffirm their relationship ahead of his summit with Donald Trump in Alaska on Friday.",
            "2025-08-13",
            &[("Friday", "2025-08-15")],
        ),
        ("Their call comes as the Russian leader is set to meet Mr Trump on Friday in Alaska.", "2025-08-13", &[("Friday", "2025-08-15")]),
        ("Putin launched his so-called special military operation in Ukraine in February 2021.", "2025-08-13", &[("February 2021", "2021-02")]),
        ("Mr Putin made a trip to North Korea in June 2024, his first visit to the country in 24 years.", "2025-08-13", &[("June 2024", "2024-06"), ("24 years", "P24Y")]),
    ]);
}

#[test]
fn explicit_dates() {
    check(&[
        ("The talks began on 12 March 2025 in Geneva.", "2025-08-13", &[("12 March 2025", "2025-03-12")]),
        ("The talks began on March 12, 2025 in Geneva.", "2025-08-13", &[("March 12, 2025", "2025-03-12")]),
        ("The vote was held on Jan. 5 and counted later.", "2025-01-20", &[("Jan. 5", "2025-01-05")]),
        ("Troops arrived on Aug 13.", "2025-08-20", &[("Aug 13", "2025-08-13")]),
        ("The report is dated 2025-08-13.", "2025-09-01", &[("2025-08-13", "2025-08-13")]),
        ("The deal was signed on 12/03/2025.", "2025-12-10", &[("12/03/2025", "2025-12-03")]),
        ("It was signed on 25/03/2025.", "2025-12-10", &[("25/03/2025", "2025-03-25")]),
        ("Elections were held in 1998 and again in 2024.", "2025-01-01", &[("1998", "1998"), ("2024", "2024")]),
        ("Violence peaked in the 1990s.", "2025-01-01", &[("the 1990s", "199")]),
        ("The war ended in May 1945? No: in June 1995.", "2025-01-01", &[("June 1995", "1995-06")]),
        ("Payment is due Jan. 14, officials said.", "2000-01-07", &[("Jan. 14", "2000-01-14")]),
    ]);
}

#[test]
fn quantities_are_not_years() {
    let tagger = TimeTagger::new();
    for text in ["North Korea had sent around 15000 troops.", "About 2,000 people fled.", "It cost $1999 each.", "Some 2000 troops were sent."] {
        let got = tagger.tag(text, d("2025-08-13"));
        assert!(got.iter().all(|t| t.kind != TimexType::Date), "{text:?}: {got:?}");
    }
}

#[test]
fn months_by_tense() {
    check(&[
        ("The summit will be held in June.", "2025-08-13", &[("June", "2026-06")]),
        ("The summit was held in June.", "2025-08-13", &[("June", "2025-06")]),
        ("Elections are expected in September.", "2025-08-13", &[("September", "2025-09")]),
        ("He resigned last May.", "1989-10-26", &[("last May", "1989-05")]),
        ("The deadline is this September.", "1998-02-05", &[("this September", "1998-09")]),
        ("It will close in October of next year.", "2009-05-15", &[("October of next year", "2010-10")]),
    ]);
}

#[test]
fn weekdays_by_tense() {
    // 2025-08-13 is a Wednesday.
    check(&[
        ("The minister said on Monday that talks failed.", "2025-08-13", &[("Monday", "2025-08-11")]),
        ("The minister will travel to Paris on Monday.", "2025-08-13", &[("Monday", "2025-08-18")]),
        ("Rebels attacked the town on Wednesday.", "2025-08-13", &[("Wednesday", "2025-08-13")]),
        ("Protesters plan to march on Saturday.", "2025-08-13", &[("Saturday", "2025-08-16")]),
        ("Officials met Friday.", "2025-08-13", &[("Friday", "2025-08-08")]),
        ("He arrived last Thursday.", "2025-08-13", &[("last Thursday", "2025-08-07")]),
        ("They meet again next Tuesday.", "2025-08-13", &[("next Tuesday", "2025-08-19")]),
        ("Castro declared Wednesday night that it was over.", "2000-04-05", &[("Wednesday night", "2000-04-05")]),
        ("The New York Times said in an editorial on Monday, Oct. 26: the murder", "1998-10-25", &[("Monday, Oct. 26", "1998-10-26")]),
    ]);
}

#[test]
fn relative_expressions() {
    check(&[
        ("Today the army withdrew; yesterday it advanced; tomorrow it rests.", "2025-08-13", &[("Today", "2025-08-13"), ("yesterday", "2025-08-12"), ("tomorrow", "2025-08-14")]),
        ("Prices are now falling.", "2025-08-13", &[("now", "PRESENT_REF")]),
        ("Prices have recently risen.", "2025-08-13", &[("recently", "PAST_REF")]),
        ("Peace may come in the future.", "2025-08-13", &[("the future", "FUTURE_REF")]),
        ("Talks collapsed last week.", "2025-08-13", &[("last week", "2025-W32")]),
        ("Talks resume next week.", "2025-08-13", &[("next week", "2025-W34")]),
        ("Sales fell last month.", "2025-08-13", &[("last month", "2025-07")]),
        ("Sales fell last year.", "2025-08-13", &[("last year", "2024")]),
        ("Sales rose earlier this month.", "2025-08-13", &[("earlier this month", "2025-08")]),
        ("Sales will rise later this year.", "2025-08-13", &[("later this year", "2025")]),
        ("The treaty was signed two years ago.", "2025-08-13", &[("two years ago", "2023")]),
        ("The boy was rescued five months ago.", "1998-03-31", &[("five months ago", "1997-10")]),
        ("The exhibition opens this summer.", "2025-05-02", &[("this summer", "2025-SU")]),
        ("Clashes continued over the weekend.", "1990-08-13", &[("the weekend", "1990-W32-WE")]),
    ]);
}

#[test]
fn quarters() {
    check(&[
        ("Profit rose in the third quarter.", "1989-10-26", &[("the third quarter", "1989-Q3")]),
        ("It posted a third-quarter loss.", "1989-10-26", &[("third-quarter", "1989-Q3")]),
        ("Net income fell in the latest quarter.", "1989-10-26", &[("the latest quarter", "1989-Q3")]),
        ("Sales in the year-ago quarter were flat.", "1989-10-26", &[("the year-ago quarter", "1988-Q3")]),
        ("Sales in the current quarter will grow.", "1989-10-26", &[("the current quarter", "1989-Q4")]),
        ("Profit rose 5% in the quarter, from $3 million a year earlier.", "1989-10-26", &[("a year earlier", "1988-Q3")]),
        ("Wages were higher than a year earlier.", "1998-02-06", &[("a year earlier", "1997")]),
    ]);
}

#[test]
fn durations_times_sets() {
    let tagger = TimeTagger::new();
    let got = tagger.tag("The siege lasted three months and two weeks, after several days of talks and twenty-four hours.", d("2025-08-13"));
    let vals: Vec<(&str, &str, TimexType)> = got.iter().map(|t| (t.text.as_str(), t.value.as_str(), t.kind)).collect();
    assert!(vals.contains(&("three months", "P3M", TimexType::Duration)), "{vals:?}");
    assert!(vals.contains(&("two weeks", "P2W", TimexType::Duration)), "{vals:?}");
    assert!(vals.contains(&("several days", "PXD", TimexType::Duration)), "{vals:?}");
    assert!(vals.contains(&("twenty-four hours", "PT24H", TimexType::Duration)), "{vals:?}");

    let got = tagger.tag("The meeting starts at 3 p.m. and the paper appears weekly.", d("2025-08-13"));
    assert!(got.iter().any(|t| t.text == "3 p.m." && t.kind == TimexType::Time && t.value == "2025-08-13T15:00"), "{got:?}");
    assert!(got.iter().any(|t| t.text == "weekly" && t.kind == TimexType::Set && t.value == "P1W"), "{got:?}");

    // Ages are not durations.
    let got = tagger.tag("A 24-year-old man was arrested.", d("2025-08-13"));
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn without_doc_date_values_are_underspecified() {
    let tagger = TimeTagger::new();
    let got = tagger.tag("Officials met on Tuesday and will meet again next week; the deal was signed in June 2024.", None);
    let vals: Vec<(&str, &str)> = got.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
    assert!(vals.contains(&("Tuesday", "XXXX-XX-XX")), "{vals:?}");
    assert!(vals.contains(&("next week", "XXXX-WXX")), "{vals:?}");
    assert!(vals.contains(&("June 2024", "2024-06")), "{vals:?}");
}

#[test]
fn offsets_are_exact_with_unicode() {
    let tagger = TimeTagger::new();
    let text = "“Kim’s visit” — café talks began on Tuesday, 12 March 2025; ünïcödé next week.";
    let got = tagger.tag(text, d("2025-03-14"));
    assert!(!got.is_empty());
    let chars: Vec<char> = text.chars().collect();
    for t in &got {
        assert_eq!(&text[t.byte_start..t.byte_end], t.text);
        let by_chars: String = chars[t.start..t.end].iter().collect();
        assert_eq!(by_chars, t.text);
    }
    assert!(got.iter().any(|t| t.text == "12 March 2025" && t.date == Some(DateValue::day(Date::parse("2025-03-12").unwrap()))));
}

#[test]
fn never_panics_on_odd_input() {
    let tagger = TimeTagger::new();
    let inputs = [
        "",
        " ",
        "\u{a0}\u{a0}",
        "1",
        "9999-99-99",
        "31/31/31",
        "Jan.",
        "the",
        "’s",
        "last",
        "the end of",
        "a year",
        "99999999999999999999 years ago",
        "4294967295 days ago",
        "in 2100s",
        "February 30, 2024",
        "🙂 Friday 🙂 mid-",
        "twenty-",
        "12:",
        "3 p.",
        "fiscal",
        "nineteen ninety-",
        "Monday,",
    ];
    for s in inputs {
        for date in [None, d("2025-08-13"), d("0001-01-01"), d("9999-12-31")] {
            let got = tagger.tag(s, date);
            for t in got {
                assert_eq!(&s[t.byte_start..t.byte_end], t.text);
            }
        }
    }
    // Every prefix of a mixed text, cut at char boundaries.
    let text = "On Tuesday, 12 March 2025, “talks” — 3 p.m. — the third-quarter, two years ago, the ’80s.";
    for (k, _) in text.char_indices() {
        let _ = tagger.tag(&text[..k], d("2025-08-13"));
        let _ = tagger.tag(&text[k..], d("2025-08-13"));
    }
}

#[test]
fn seed_gold_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/gold/seed.jsonl");
    let Ok(raw) = std::fs::read_to_string(path) else {
        println!("skipping: ../shared not found ({path})");
        return;
    };
    let tagger = TimeTagger::new();
    let mut checked = 0;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("seed line is JSON");
        let text = doc["text"].as_str().expect("text");
        let date = doc["date"].as_str().and_then(Date::parse);
        let got = tagger.tag(text, date);
        for g in doc["timex"].as_array().expect("timex") {
            if g["type"] != "DATE" {
                continue;
            }
            let (gs, ge) = (g["start"].as_u64().unwrap() as usize, g["end"].as_u64().unwrap() as usize);
            let value = g["value"].as_str().unwrap();
            let hit = got.iter().find(|t| t.start < ge && gs < t.end);
            assert_eq!(hit.map(|t| t.value.as_str()), Some(value), "seed DATE {:?} at {gs}", g["text"]);
            checked += 1;
        }
    }
    assert_eq!(checked, 5, "the seed has five DATEs");
}
