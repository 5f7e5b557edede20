//! Table-driven tests on small inline snippets of each syntax, and robustness
//! on garbage and truncated input.

use herald_core::Date;
use herald_dict::*;

fn p(text: &str, name: &str, f: Format, k: FileKind) -> Parsed {
    parse_str(text, name, f, k)
}

fn d(s: &str) -> Option<Date> {
    Date::parse(s)
}

#[test]
fn date_restricted_roles() {
    // (snippet, query, date, expected codes in file order)
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n\t[HOBREB > 990816]\n", "smeagol", "1990-01-01", &["HOB"]),
        ("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n\t[HOBREB > 990816]\n", "gollum", "1995-06-01", &["HOBGOV"]),
        ("GOLLUM\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n\t[HOBREB > 990816]\n", "gollum", "1999-08-15", &[]),
        ("GOLLUM\n\t[HOB < 950601]\n\t[HOBREB > 990816]\n", "gollum", "2020-01-01", &["HOBREB"]),
        ("SAM_GAMGEE [HOB]\n\t[HOBMIL 20080120-20121109]\n", "sam gamgee", "2010-01-01", &["HOB", "HOBMIL"]),
        ("AXNOR  [AR1 <911226] [AR2]\n", "axnor", "1991-12-25", &["AR1", "AR2"]),
        ("AXNOR  [AR1 <911226] [AR2]\n", "axnor", "1991-12-26", &["AR2"]),
        ("THE_SHIRE  [FRO/BIL/SAM]\n", "the shire", "2000-01-01", &["FRO", "BIL", "SAM"]),
    ];
    for (i, (text, q, date, want)) in cases.iter().enumerate() {
        for fmt in [Format::Tabari, Format::Petrarch] {
            let r = p(text, "t.actors", fmt, FileKind::Actors);
            assert!(r.errors.is_empty(), "case {i}: {:?}", r.errors);
            let got: Vec<String> = r.dictionary.lookup_actor(q, d(date)).into_iter().map(|m| m.code).collect();
            assert_eq!(got, *want, "case {i} {fmt:?}");
        }
    }
}

#[test]
fn actor_errors() {
    // (snippet, expected error kind, line)
    let cases: &[(&str, &str, usize)] = &[
        ("A [X 991231-990101]\n", "date", 1),
        ("A [X 20100931-20110101]\n", "date", 1),
        ("A\n\t[X 2004017-20061201]\n", "date", 2),
        ("A [X 20121204]\n", "syntax", 1),
        ("A [ 991201-010114]\n", "syntax", 1),
        ("A [X\n", "syntax", 1),
        ("A [X]\nB [Y]\nA [Z]\n", "duplicate", 3),
        ("A\nB [Y]\n", "syntax", 1),
        ("[X]\n", "syntax", 1),
        ("+B\n", "syntax", 1),
    ];
    for (text, kind, line) in cases {
        let r = p(text, "t.actors.txt", Format::Petrarch, FileKind::Actors);
        assert_eq!(r.errors.len(), 1, "{text:?}: {:?}", r.errors);
        let (k, l, f) = match &r.errors[0] {
            DictError::Date { line, file, .. } => ("date", *line, file),
            DictError::Syntax { line, file, .. } => ("syntax", *line, file),
            DictError::Duplicate { line, file, .. } => ("duplicate", *line, file),
            e => panic!("{e}"),
        };
        assert_eq!((k, l, f.as_str()), (*kind, *line, "t.actors.txt"), "{text:?}: {}", r.errors[0]);
    }
    // the same phrase with the same codes twice is not an error
    assert!(p("A [X]\nA [X]\n", "t", Format::Petrarch, FileKind::Actors).errors.is_empty());
}

#[test]
fn multiword_phrases_and_stems() {
    let r = p("AL_GORE [AGR]\nAL GORE [TEN]\nARGENTIN [ARG]\nLIBYA_ [LBY]\n", "Demo.actors", Format::Tabari, FileKind::Actors);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let dict = r.dictionary;
    let a = &dict.actors;
    assert_eq!(a[0].names[0].gaps, vec![false]);
    assert_eq!(a[1].names[0].gaps, vec![true]);
    let codes = |q: &str| dict.lookup_actor(q, None).into_iter().map(|m| m.code).collect::<Vec<_>>();
    assert_eq!(codes("Argentine"), ["ARG"]);
    assert_eq!(codes("Libya"), ["LBY"]);
    assert!(codes("Libyan").is_empty());
    assert_eq!(codes("Al Gore"), ["AGR", "TEN"]);
}

#[test]
fn agents() {
    let text = "!PERSON! = MAN, MEN\n\
                CONGRESS!PERSON! [~LEG]\n\
                ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n\
                POLICE {} [ ~COP]\n\
                HUMAN_RIGHTS_BODY  [NGO~] # comment\n\
                MINISTRY [~GOV]\n\
                NOCODE\n\
                BAD [GOV]\n\
                !UNDEF!_X [~GOV]\n";
    let r = p(text, "x.agents.txt", Format::Petrarch, FileKind::Agents);
    let a = &r.dictionary.agents;
    let got: Vec<(String, String, AgentPosition)> = a.iter().map(|e| (e.phrase.text(), e.code.clone(), e.position)).collect();
    assert_eq!(
        got,
        vec![
            ("congressman".into(), "LEG".into(), AgentPosition::Suffix),
            ("congressmen".into(), "LEG".into(), AgentPosition::Suffix),
            ("attorney general".into(), "GOV".into(), AgentPosition::Suffix),
            ("police".into(), "COP".into(), AgentPosition::Suffix),
            ("human rights body".into(), "NGO".into(), AgentPosition::Prefix),
            ("ministry".into(), "GOV".into(), AgentPosition::Suffix),
        ]
    );
    assert_eq!(a[2].forms().iter().map(Phrase::text).collect::<Vec<_>>(), ["attorney general", "attorneys general"]);
    assert_eq!(a[3].forms().len(), 1);
    assert_eq!(a[5].forms()[1].text(), "ministries");
    let lines: Vec<usize> = r.errors.iter().map(|e| match e {
        DictError::Syntax { line, .. } => *line,
        e => panic!("{e}"),
    }).collect();
    assert_eq!(lines, [7, 8, 9]);
    // TABARI agents
    let r = p("PARLIAMENTARY_OPPOSITION_  [ ~OPP] ;jap 11 Oct 2002\nRIGHTS_GROUPS_   [  NGO~] ;sls\n", "Validate.agents", Format::Tabari, FileKind::Agents);
    assert!(r.errors.is_empty());
    assert_eq!(r.dictionary.agents[1].position, AgentPosition::Prefix);
    assert_eq!(r.dictionary.agents[0].plurals, Plurals::Explicit(vec![]));
}

#[test]
fn discards_and_issues() {
    let r = p("# c\nMONTHS LATER\n+World Golf Championships   # pas\nBASEBALL_\n", "x.discards.txt", Format::Petrarch, FileKind::Discards);
    let ds = &r.dictionary.discards;
    assert_eq!(ds.len(), 3);
    assert!(!ds[0].story && ds[1].story);
    assert_eq!(ds[1].phrase.text(), "world golf championships");
    assert!(ds[0].phrase.stem && !ds[2].phrase.stem);

    let text = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\npre+n:school [EARLY]\n~get head start\n~~Armenian genocide\nno code here\n</ISSUE>\nwar n:crime [ATROCITY]\n";
    let r = p(text, "x.issues.txt", Format::Petrarch, FileKind::Issues);
    let is = &r.dictionary.issues;
    assert_eq!(is.len(), 4);
    assert_eq!(is[0].forms.len(), 4);
    assert_eq!(is[0].category.as_deref(), Some("EDUCATION"));
    assert_eq!((is[1].exclusion, is[2].exclusion), (Some(Exclusion::Sentence), Some(Exclusion::Story)));
    assert_eq!(is[3].category, None);
    assert_eq!(is[3].forms.iter().map(Phrase::text).collect::<Vec<_>>(), ["war crime", "war crimes"]);
    assert!(matches!(&r.errors[..], [DictError::Syntax { line: 5, .. }]), "{:?}", r.errors);
}

fn words(items: &[PatItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            let j = if i.joined { "_" } else { "" };
            let e = match &i.elem {
                Elem::Word { word, stem } => format!("{word}{}", if *stem { "~" } else { "" }),
                Elem::Synset(s) => format!("&{s}"),
                Elem::Source => "$".into(),
                Elem::Target => "+".into(),
                Elem::Compound => "%".into(),
                Elem::Skip => "^".into(),
                Elem::Alternatives(a) => format!("{{{}}}", a.iter().map(|g| words(g).join(" ")).collect::<Vec<_>>().join("|")),
                Elem::NounPhrase(v) => format!("{{{}}}", words(v).join(" ")),
                Elem::Prep(v) => format!("({})", words(v).join(" ")),
            };
            format!("{j}{e}")
        })
        .collect()
}

#[test]
fn petrarch_verbs() {
    let text = "\
&CURRENCY
+DOLLAR
+KRONER_
&AUXVERB3_
+HAVE

--- ASK   [020]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR} [021]
ASK
QUERY {QUERYING QUERIES QUERIED }
WIRE_+TAP
- * (FOR {FIGHTER &AIRCRAFT})                         [0232]        # ASK
- PROSECUTOR * &DETENTION                             [173]
- * (TO {BANNED PARTIES}) $                           [1722]
- * (BEFORE COURT)                                    [:173]
- % * [030:030]
- * MEETING
- * ) bad [1]
~ a (a b ATTACK) SAY = a b 015
";
    let r = p(text, "CAMEO.2.0.txt", Format::Petrarch, FileKind::Verbs);
    let d = &r.dictionary;
    assert_eq!(d.synsets.len(), 2);
    assert_eq!(d.synsets[0].name, "CURRENCY");
    assert_eq!((d.synsets[0].members[0].plural, d.synsets[0].members[1].plural), (true, false));
    assert!(!d.synsets[1].members[0].plural, "a label ending in `_` has no plurals");
    assert_eq!(d.verbs.len(), 1);
    let v = &d.verbs[0];
    assert_eq!((v.block.as_deref(), v.code.raw.as_str(), v.lemma()), (Some("ASK"), "020", "ask for".to_string()));
    assert_eq!(v.verbs[0].head, 0);
    assert_eq!(v.verbs[0].forms.as_ref().unwrap()[0], vec!["asked", "for"]);
    assert_eq!(v.verbs[0].code.as_ref().unwrap().raw, "021");
    assert_eq!(v.verbs[1].forms, None);
    assert_eq!(v.verbs[2].forms.as_ref().unwrap().len(), 3);
    assert_eq!((v.verbs[3].lemma(), v.verbs[3].head), ("tap", 1));
    let pats: Vec<(Vec<String>, Vec<String>, &str)> =
        v.patterns.iter().map(|p| (words(&p.before), words(&p.after), p.code.raw.as_str())).collect();
    assert_eq!(
        pats,
        vec![
            (vec![], vec!["(for {fighter &AIRCRAFT})".to_string()], "0232"),
            (vec!["prosecutor".to_string()], vec!["&DETENTION".to_string()], "173"),
            (vec![], vec!["(to {banned parties})".to_string(), "$".to_string()], "1722"),
            (vec![], vec!["(before court)".to_string()], ":173"),
            (vec!["%".to_string()], vec![], "030:030"),
        ]
    );
    assert!(v.patterns[2].has_source_marker());
    let c = &v.patterns[3].code;
    assert_eq!((c.primary(), c.paired(), c.is_null()), (None, Some("173"), false));
    assert_eq!(d.transformations.len(), 1);
    let lines: Vec<usize> = r.errors.iter().map(|e| match e {
        DictError::Syntax { line, .. } => *line,
        e => panic!("{e}"),
    }).collect();
    assert_eq!(lines, [17, 18]);
}

#[test]
fn tabari_verbs() {
    let text = "\
<SYNSETS>
&TIETYPES
+MILITARY
&TIEPHRASE
+&TIETYPES_MEMOS
</SYNSETS>
<TIME>
LAST_WEEK [-7]
</TIME>
ACT_ [100]
{ ACTING_ ACTXD_ ACTUALITY  }
- SAID WOULD * NOW  [101]
ACCORD  [---]
- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  [111] ; test
- IN_*  [075]
- IN_ *  [075A]
- $ ^ FOR *  [164]
CONTRIBUT  [070]
- * &CURRENCY [903]; -PAS
- * NO STAR [1] [2]
- NO STAR [1]
~~FINISH
GARBAGE AFTER THE END [[[
";
    let r = p(text, "TABARI.Demo.verbs", Format::Tabari, FileKind::Verbs);
    let d = &r.dictionary;
    assert_eq!(d.synsets.len(), 2);
    assert_eq!(words(&d.synsets[1].members[0].items), ["&TIETYPES", "_memos~"]);
    assert_eq!(d.word_lists.len(), 1);
    assert_eq!(d.word_lists[0].entries[0].1.as_deref(), Some("-7"));
    assert_eq!(d.verbs.len(), 3);
    let act = &d.verbs[0];
    assert_eq!((act.lemma(), act.verbs[0].stem), ("act".to_string(), false));
    assert_eq!(act.verbs[0].forms.as_ref().unwrap().len(), 3);
    assert_eq!(words(&act.patterns[0].before), ["said~", "would~"]);
    let acc = &d.verbs[1];
    assert!(acc.code.is_null());
    assert_eq!(words(&acc.patterns[0].before), ["suggested", "_+"]);
    assert_eq!(words(&acc.patterns[0].after), ["demand", "_{geneva|international~}", "_conventions~"]);
    assert!(acc.patterns[1].joined_to_verb && !acc.patterns[2].joined_to_verb);
    assert_eq!(words(&acc.patterns[3].before), ["$", "^", "for~"]);
    assert!(d.verbs[2].verbs[0].stem);
    let lines: Vec<usize> = r.errors.iter().map(|e| match e {
        DictError::Syntax { line, .. } => *line,
        e => panic!("{e}"),
    }).collect();
    assert_eq!(lines, [20, 21]);
}

#[test]
fn options_and_project() {
    let r = p("// c\nCOMPLEX: VERBS[5] CONJ[4]\nSET: SKIP RECORDS = FALSE\nLABEL: 010=YIELD\nnonsense line\n~~~~~\n", "Validate.options", Format::Tabari, FileKind::Options);
    assert_eq!(r.dictionary.options.len(), 3);
    assert_eq!(r.dictionary.options[1].value, "SKIP RECORDS = FALSE");
    assert_eq!(r.errors.len(), 1);
    let r = p("Validation file\n<actorsfile> \tTABARI.Demo.actors\n<session 1> <coder ***>\n", "V.project", Format::Tabari, FileKind::Project);
    assert!(r.errors.is_empty());
    assert_eq!(r.dictionary.options[1].value, "TABARI.Demo.actors");
}

/// Garbage and truncated files: the readers report and keep going, never panic.
#[test]
fn garbage_and_truncated_input() {
    let good_actors = "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\nGONDOR [GON]\n";
    let good_verbs = "&X\n+A_B\n--- ASK [020] ---\n+ASK_FOR {+ASKED_FOR}\n- * (FOR {A &X}) $ [0232]\n- { A | B } * [1]\n";
    let garbage = [
        "", "\n\n", "[", "]", "[[[]]]", "+", "++", "-", "- *", "- [", "- ]", "- * [", "{", "}", "(", ")", "&", "&&",
        "~", "~~", "!", "!A! =", "<", "<>", "</X>", "<!--", "-->", "#", ";", "\u{0}\u{1}\u{7f}", "ÿþ", "\u{feff}X [Y]",
        "- ( { ) } * [1]", "- * * [1]", "- {|} * [1]", "X [Y >]", "X [Y <]", "X [Y -]", "X [Y 99-]", "X [Y 999999999999-1]",
        "X {", "X {}}", "--- [", "--- A [1", "A [~]", "A [~~]", "A [X~Y~]", "n: [X]", "v: [X]", "+ [X]", "<ISSUE CATEGORY=\"",
        "\t[HOB <]", "+ASK_+FOR", "_ _ _", "*", "$", "%", "^", "|",
    ];
    for kind in [FileKind::Actors, FileKind::Agents, FileKind::Verbs, FileKind::Discards, FileKind::Issues, FileKind::Options, FileKind::Project] {
        for fmt in [Format::Tabari, Format::Petrarch] {
            for g in garbage {
                for base in [good_actors, good_verbs] {
                    let text = format!("{base}{g}\n{base}");
                    let _ = p(&text, "g", fmt, kind);
                    // truncated at every char boundary
                    for (i, _) in text.char_indices() {
                        let _ = p(&text[..i], "g", fmt, kind);
                    }
                }
            }
        }
    }
    // the good lines around garbage are still read
    let r = p(&format!("{good_actors}X [Y 991231-990101]\n[[[\n{good_actors}"), "g.actors", Format::Tabari, FileKind::Actors);
    assert_eq!(r.dictionary.actors.len(), 4, "{:?}", r.errors);
    assert!(r.errors.len() >= 2);
}

#[test]
fn compiled_form() {
    let r = p("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n", "a.actors.txt", Format::Petrarch, FileKind::Actors);
    let mut dict = r.dictionary;
    dict.merge(p("--- ASK [020] ---\nASK\n- * (FOR {A &X}) $ [0232]\n- { A | B } * [1]\n", "v.verbs.txt", Format::Petrarch, FileKind::Verbs).dictionary);
    dict.merge(p("!P! = MAN, MEN\nX!P! [~LEG]\nPOLICE {} [~COP]\nNGO_X [NGO~]\n", "g.agents.txt", Format::Petrarch, FileKind::Agents).dictionary);
    dict.merge(p("<ISSUE CATEGORY=\"E\">\nn:school [S]\n~x\n</ISSUE>\n", "i.issues.txt", Format::Petrarch, FileKind::Issues).dictionary);
    dict.merge(p("<TIME>\nLAST_WEEK [-7]\n</TIME>\n", "t.verbs", Format::Tabari, FileKind::Verbs).dictionary);
    let bytes = dict.to_bytes();
    let back = Dictionary::from_bytes(&bytes).unwrap();
    assert_eq!(back, dict);
    assert_eq!(back.lookup_actor("smeagol", d("1997-01-01"))[0].file, "a.actors.txt");
    assert_eq!(back.agents[0].origin.file, 2);
    // corrupt or truncated bytes are errors, not panics
    for i in 0..bytes.len() {
        assert!(Dictionary::from_bytes(&bytes[..i]).is_err());
    }
    let mut bad = bytes.clone();
    bad[5] = 99;
    assert!(matches!(Dictionary::from_bytes(&bad), Err(DictError::Decode { .. })));
    for i in 6..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0xff;
        let _ = Dictionary::from_bytes(&b);
    }
}
